// One person: identity, residence, beneficiary status with its history,
// categories with their papers, decisions, dossiers, payment arrangement,
// the allowance month by month (rules engine) and, for auditors and
// administrators, the audit log. Another commune's person is 404, shown
// as "not found" (docs/authz.md: out of scope is never 403).
import { html } from "../lib.js";
import { T } from "../i18n.js";
import { get, post } from "../api.js";
import { date, dateTime, money, month, age, addMonths, thisMonth } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, Badge, ErrorBox } from "../ui.js";
import { statusName, sexName, kindName, dossierStateName, can, methodName } from "../words.js";

async function monthly(person, memberships) {
  // What the rules engine gives for the last 12 months (the categories
  // valid in each month); the payroll pays it (docs/payroll.md).
  const out = [];
  const end = thisMonth();
  for (let k = 11; k >= 0; k--) {
    const m = addMonths(end, -k);
    const first = `${m}-01`;
    const valid = memberships.filter((x) => x.valid_from <= `${m}-31` && (!x.valid_to || x.valid_to > first));
    if (!valid.length) { out.push({ month: m, total: 0, lines: [] }); continue; }
    const dis = valid.find((x) => x.disability);
    try {
      const q = await post("/api/v1/quote", {
        month: m,
        person: { birth_date: person.birth_date, disability: dis ? dis.disability : "none",
          studying: valid.some((x) => x.studying) },
        categories: [...new Set(valid.map((x) => x.category))],
      });
      out.push({ month: m, total: q.total, lines: q.lines.filter((l) => l.paid) });
    } catch (e) { out.push({ month: m, total: null, error: e.message, lines: [] }); }
  }
  return out;
}

async function load(id, role) {
  const p = await get(`/api/v1/persons/${id}`);
  const [decisions, dossiers, audit, months] = await Promise.all([
    get("/api/v1/decisions", { person: id, per_page: 50 }).catch(() => null),
    get("/api/v1/dossiers", { person: id, per_page: 50 }).catch(() => null),
    can.audit(role) ? get("/api/v1/audit", { entity: "person", entity_id: id, per_page: 50 }).catch(() => null) : null,
    monthly(p.person, p.memberships || []),
  ]);
  return { ...p, decisions, dossiers, audit, months };
}

export default function Person({ user, params }) {
  const id = params[0];
  const s = useLoad(() => load(id, user.role), [id]);
  return html`<${Loaded} state=${s.error && s.error.status === 404 ? { ...s, error: { message: T("Không tìm thấy người này trong địa bàn của bạn.") } } : s}>${(d) => {
    const p = d.person;
    const res = (d.residences || []).find((r) => !r.valid_to) || {};
    const b = d.beneficiary;
    return html`<${Page} title=${p.full_name} guide="nguoi-huong"
        actions=${can.dossierCreate(user.role) ? html`<a href=${`#/dossiers/new?person=${p.id}`}>${T("Tiếp nhận hồ sơ cho người này")}</a>` : ""}>
      <div class="grid">
        <section class="card" aria-labelledby="h-id">
          <h2 id="h-id">${T("Thông tin cá nhân")}</h2>
          <dl class="facts">
            <dt>${T("Số CCCD")}</dt><dd>${p.id_number || T("chưa có")}</dd>
            <dt>${T("Ngày sinh")}</dt><dd>${date(p.birth_date)} (${T("{n} tuổi", { n: age(p.birth_date) })})</dd>
            <dt>${T("Giới tính")}</dt><dd>${sexName(p.sex)}</dd>
            <dt>${T("Nơi cư trú")}</dt><dd>${res.address || ""} ${res.unit_code ? `(${res.unit_code})` : ""}</dd>
            ${d.household ? html`<dt>${T("Hộ")}</dt><dd>${d.household.code}</dd>` : ""}
          </dl>
        </section>
        <section class="card" aria-labelledby="h-st">
          <h2 id="h-st">${T("Tình trạng hưởng")}</h2>
          ${b ? html`<p><${Badge} kind=${b.status === "enrolled" ? "ok" : b.status === "suspended" ? "warn" : "bad"}>${statusName(b.status)}<//>
              ${T(" từ {d}", { d: date(b.since) })}${b.decision_ref ? ` — ${b.decision_ref}` : ""}</p>
            <${DataTable} caption=${T("Lịch sử tình trạng")} rows=${b.history || []} sortable=${false} columns=${[
              { key: "valid_from", label: T("Từ"), render: (r) => date(r.valid_from) },
              { key: "valid_to", label: T("Đến"), render: (r) => date(r.valid_to) },
              { key: "status", label: T("Tình trạng"), render: (r) => statusName(r.status) },
              { key: "decision_ref", label: T("Quyết định") },
              { key: "reason_name", label: T("Lý do") },
            ]} />` : html`<p class="muted">${T("Chưa là đối tượng hưởng.")}</p>`}
          ${d.payment && d.payment.current ? html`<p>${T("Chi trả")}: ${methodName(d.payment.current.method)}
            ${d.payment.current.bank_name ? ` — ${d.payment.current.bank_name}` : ""}${d.payment.current.point_name ? ` — ${d.payment.current.point_name}` : ""}</p>` : ""}
        </section>
      </div>
      <section class="card" aria-labelledby="h-cat">
        <h2 id="h-cat">${T("Diện hưởng và giấy tờ")}</h2>
        <${DataTable} rows=${d.memberships || []} sortable=${false} empty=${T("Chưa có diện hưởng.")} columns=${[
          { key: "category", label: T("Diện"), render: (r) => html`<strong>${r.category}</strong> — ${r.category_name}` },
          { key: "valid_from", label: T("Từ"), render: (r) => date(r.valid_from) },
          { key: "valid_to", label: T("Đến"), render: (r) => date(r.valid_to) },
          { key: "documents", label: T("Giấy tờ"), render: (r) => html`<ul class="todo">${(r.documents || []).map((x) =>
            html`<li>${x.type} ${x.number || ""} ${x.issued_on ? T("ngày {d}", { d: date(x.issued_on) }) : ""}${x.issuer ? `, ${x.issuer}` : ""}</li>`)}</ul>` },
        ]} />
      </section>
      <section class="card" aria-labelledby="h-pay">
        <h2 id="h-pay">${T("Trợ cấp theo tháng")}</h2>
        <p class="hint">${T("Mức được hưởng từng tháng theo quy định (tính từ diện hưởng); số thực chi nằm trong danh sách chi trả đã phê duyệt.")}</p>
        <${DataTable} rows=${d.months} sortable=${false} exportName=${`tro-cap-${p.id}`} caption=${T("12 tháng gần nhất")} columns=${[
          { key: "month", label: T("Tháng"), render: (r) => month(r.month), text: (r) => month(r.month) },
          { key: "total", label: T("Số tiền"), num: true, render: (r) => (r.total === null ? r.error : money(r.total)), text: (r) => r.total },
          { key: "lines", label: T("Căn cứ"), render: (r) => html`<span class="explain">${r.lines.map((l) => `${l.category} × ${l.coefficient}`).join("; ")}</span>`,
            text: (r) => r.lines.map((l) => `${l.category} × ${l.coefficient}`).join("; ") },
        ]} />
      </section>
      <div class="grid">
        <section class="card" aria-labelledby="h-dec">
          <h2 id="h-dec">${T("Quyết định")}</h2>
          ${d.decisions ? html`<${DataTable} rows=${d.decisions.items} sortable=${false} empty=${T("Chưa có quyết định trong hệ thống.")} columns=${[
            { key: "number", label: T("Số") },
            { key: "signed_on", label: T("Ngày ký"), render: (r) => date(r.signed_on) },
            { key: "kind_name", label: T("Loại") },
            { key: "print", label: T("Bản in"), render: (r) => html`<a href=${`/api/v1/decisions/${r.id}/print`} target="_blank" rel="noopener">${T("Xem, in")}</a>` },
          ]} />` : ""}
        </section>
        <section class="card" aria-labelledby="h-dos">
          <h2 id="h-dos">${T("Hồ sơ")}</h2>
          ${d.dossiers ? html`<${DataTable} rows=${d.dossiers.items} sortable=${false} empty=${T("Chưa có hồ sơ.")} columns=${[
            { key: "id", label: T("Số"), render: (r) => html`<a href=${`#/dossiers/${r.id}`}>#${r.id}</a>` },
            { key: "kind", label: T("Loại"), render: (r) => kindName(r.kind) },
            { key: "submitted_on", label: T("Ngày nộp"), render: (r) => date(r.submitted_on) },
            { key: "state", label: T("Tình trạng"), render: (r) => dossierStateName(r.state) },
          ]} />` : ""}
        </section>
      </div>
      <section class="card" aria-labelledby="h-audit">
        <h2 id="h-audit">${T("Lịch sử thay đổi")}</h2>
        ${d.audit ? html`<${DataTable} rows=${d.audit.items || d.audit.records || []} sortable=${false} columns=${[
          { key: "at", label: T("Lúc"), render: (r) => dateTime(r.at) },
          { key: "actor", label: T("Người thực hiện") },
          { key: "action", label: T("Thao tác") },
        ]} />` : html`<${DataTable} rows=${(d.dossiers ? d.dossiers.items : []).concat([]).length ? [] : []} sortable=${false}
            empty=${T("Nhật ký đầy đủ dành cho kiểm tra viên và quản trị; ở đây là lịch sử tình trạng và hồ sơ ở trên.")} columns=${[{ key: "x", label: T("Ghi chú") }]} />`}
      </section>
    <//>`;
  }}<//>`;
}
