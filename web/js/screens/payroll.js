// One payroll: totals, payment points with their signed lists (print view
// and PDF), the lines with their explanations, the transitions of the role
// (check, approve, send), the provider file, and the provider's result
// file (reconciliation) with its mismatches.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get, post, api, download } from "../api.js";
import { money, month, num, dateTime, date } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, ErrorBox, Badge, Pager, Input } from "../ui.js";
import { can, payrollStateName, lineKindName, methodName } from "../words.js";
import * as jobs from "../jobs.js";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function Transitions({ user, p, onDone }) {
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const go = async (what) => {
    setErr(null);
    setBusy(true);
    try { await post(`/api/v1/payrolls/${p.id}/${what}`, { version: p.version }); onDone(); } catch (e) { setErr(e); }
    setBusy(false);
  };
  const r = user.role;
  const btns = [];
  const me = user.username;
  // Separation of duties (docs/payroll.md): the server refuses the rest.
  if (p.state === "prepared" && can.payrollPrepare(r) && p.prepared_by !== me) btns.push(["check", T("Kiểm tra xong")]);
  if (p.state === "checked" && can.payrollApprove(r) && p.prepared_by !== me && p.checked_by !== me) btns.push(["approve", T("Phê duyệt danh sách")]);
  if (p.state === "approved" && can.payrollPrepare(r)) btns.push(["send", T("Gửi tổ chức chi trả")]);
  return html`<div class="actions">
    ${btns.map(([w, l]) => html`<button type="button" disabled=${busy} onClick=${() => go(w)}>${l}</button>`)}
    ${btns.length === 0 ? html`<span class="muted">${p.state === "prepared" && p.prepared_by === me
      ? T("Chờ một công chức khác kiểm tra (người lập không tự kiểm tra).") : T("Không có bước nào chờ vai trò của bạn ở danh sách này.")}</span>` : ""}
    <${ErrorBox} error=${err} />
  </div>`;
}

function Upload({ p, onDone }) {
  const [err, setErr] = useState(null);
  const [res, setRes] = useState(null);
  const send = async (ev) => {
    ev.preventDefault();
    const file = ev.currentTarget.elements.namedItem("resfile").files[0];
    if (!file) { setErr({ message: T("Chọn tệp kết quả (CSV hoặc XLSX).") }); return; }
    setErr(null);
    const type = /\.xlsx$/i.test(file.name) ? XLSX : "text/csv";
    try {
      const r = await jobs.startTracked(T("Nhận tệp kết quả {f}", { f: file.name }), `/payrolls/${p.id}`,
        (headers) => api("POST", `/api/v1/payrolls/${p.id}/reconciliation`, null, null,
          { raw: file, type, headers }), "rows");
      setRes(r);
      onDone();
    } catch (e) { setErr(e); }
  };
  return html`<form class="card" onSubmit=${send} aria-labelledby="h-up">
    <h3 id="h-up">${T("Nhận tệp kết quả chi trả")}</h3>
    <div class="field"><label for="resfile">${T("Tệp của tổ chức chi trả (CSV hoặc XLSX, tối đa 32 MB)")}</label>
      <input id="resfile" name="resfile" type="file" accept=".csv,.xlsx,text/csv" /></div>
    <button type="submit">${T("Tải lên và đối chiếu")}</button>
    <${ErrorBox} error=${err} />
    ${res ? html`<p class="ok-box" role="status">${T("Đã đối chiếu.")} ${res.import ? T("{a} dòng đã chi, {b} chưa chi, {c} sai lệch.", {
      a: res.import.paid ?? "", b: res.import.unpaid ?? "", c: res.import.mismatches ?? "" }) : ""}</p>` : ""}
  </form>`;
}

export default function Payroll({ user, params }) {
  const id = params[0];
  const [page, setPage] = useState(1);
  const [point, setPoint] = useState("");
  const [filter, setFilter] = useState("");
  const s = useLoad(() => get(`/api/v1/payrolls/${id}`, { page, per_page: 100, point }), [id, page, point]);
  const rec = useLoad(() => (can.payrollPay(user.role) ? get(`/api/v1/payrolls/${id}/reconciliation`).catch(() => null) : Promise.resolve(null)), [id]);
  const [dlErr, setDlErr] = useState(null);
  const dl = (path, name) => download(path, name).catch(setDlErr);
  return html`<${Loaded} state=${s}>${(d) => {
    const p = d.payroll;
    const f = filter.trim().toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d");
    const lines = f ? d.lines.filter((l) => (l.full_name || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").includes(f) || (l.id_number || "").includes(f)) : d.lines;
    return html`<${Page} title=${T("Danh sách chi trả tháng {m} — {a}", { m: month(p.month), a: p.area_code })} guide="chi-tra">
      <div class="figures">
        <div class="figure"><div class="n">${payrollStateName(p.state)}</div><div class="l">${T("Tình trạng")}</div></div>
        <div class="figure"><div class="n">${num(p.persons)}</div><div class="l">${T("Số người")}</div></div>
        <div class="figure"><div class="n">${money(p.total_payable)}</div><div class="l">${T("Tổng chi")}</div></div>
        <div class="figure"><div class="n">${money(p.total_recovery)}</div><div class="l">${T("Thu hồi")}</div></div>
      </div>
      <p class="hint">${T("Lập: {a} ({b})", { a: p.prepared_by || "", b: dateTime(p.prepared_at) })}
        ${p.checked_by ? T("; kiểm tra: {a}", { a: p.checked_by }) : ""}${p.approved_by ? T("; phê duyệt: {a}", { a: p.approved_by }) : ""}</p>
      <${Transitions} user=${user} p=${p} onDone=${s.reload} />
      ${can.payrollPay(user.role) && ["approved", "sent", "reconciled"].includes(p.state) ? html`<div class="actions">
        <button type="button" class="secondary" onClick=${() => dl(`/api/v1/payrolls/${p.id}/provider.xlsx`, `chi-tra-${p.area_code}-${p.month}.xlsx`)}>${T("Tệp gửi tổ chức chi trả (XLSX)")}</button>
        <button type="button" class="secondary" onClick=${() => dl(`/api/v1/payrolls/${p.id}/provider.csv`, `chi-tra-${p.area_code}-${p.month}.csv`)}>${T("Tệp CSV")}</button>
      </div>` : ""}
      <${ErrorBox} error=${dlErr} />
      <section class="card" aria-labelledby="h-points">
        <h2 id="h-points">${T("Điểm chi trả và danh sách ký nhận")}</h2>
        <${DataTable} rows=${d.points || []} rowKey=${(r) => r.seq} exportName=${`diem-chi-tra-${p.id}`} caption=${T("Điểm chi trả")} columns=${[
          { key: "seq", label: T("Số"), num: true },
          { key: "name", label: T("Điểm chi trả"), render: (r) => html`<button type="button" class="link" onClick=${() => { setPoint(String(r.seq)); setPage(1); }}>${r.name}</button>`, text: (r) => r.name },
          { key: "method", label: T("Hình thức"), render: (r) => methodName(r.method), text: (r) => methodName(r.method) },
          { key: "officer", label: T("Người phụ trách") },
          { key: "persons", label: T("Số người"), num: true },
          { key: "total", label: T("Số tiền"), num: true, render: (r) => money(r.total) },
          { key: "print", label: T("In"), render: (r) => (can.payrollPay(user.role) ? html`<a href=${`/api/v1/payrolls/${p.id}/lists/${r.seq}`} target="_blank" rel="noopener">${T("Danh sách ký nhận")}</a>
            · <a href=${`/api/v1/payrolls/${p.id}/lists/${r.seq}.pdf`} target="_blank" rel="noopener">PDF</a>` : "") },
        ]} />
        ${can.payrollPay(user.role) && p.total_recovery ? html`<p><a href=${`/api/v1/payrolls/${p.id}/lists/0`} target="_blank" rel="noopener">${T("Danh sách thu hồi")}</a></p>` : ""}
      </section>
      <section class="card" aria-labelledby="h-lines">
        <h2 id="h-lines">${T("Các dòng chi trả")} ${point ? html`<button type="button" class="link" onClick=${() => setPoint("")}>${T("(bỏ lọc điểm {p})", { p: point })}</button>` : ""}</h2>
        <div class="search-form"><${Input} id="line-filter" label=${T("Lọc theo tên hoặc CCCD trên trang này")} value=${filter} onInput=${setFilter} type="search" /></div>
        <${DataTable} rows=${lines} rowKey=${(r) => r.ref} exportName=${`dong-chi-tra-${p.id}`} caption=${T("Dòng chi trả (trang {p})", { p: page })} columns=${[
          { key: "full_name", label: T("Họ và tên"), render: (r) => html`<a href=${`#/persons/${r.person_id}`}>${r.full_name}</a>`, text: (r) => r.full_name },
          { key: "kind", label: T("Khoản"), render: (r) => html`${lineKindName(r.kind)} ${month(r.benefit_month)}${r.blocked ? html` <${Badge} kind="warn">${T("Giữ lại")}<//>` : ""}${r.paid === true ? html` <${Badge} kind="ok">${T("Đã chi")}<//>` : r.paid === false ? html` <${Badge} kind="bad">${T("Chưa chi")}<//>` : ""}`,
            text: (r) => `${lineKindName(r.kind)} ${month(r.benefit_month)}` },
          { key: "category", label: T("Diện") },
          { key: "amount", label: T("Số tiền"), num: true, render: (r) => money(r.amount), text: (r) => r.amount },
          { key: "explanation", label: T("Giải thích"), render: (r) => html`<span class="explain">${r.explanation}</span>` },
          { key: "point_name", label: T("Điểm chi trả") },
        ]} />
        <${Pager} page=${page} perPage=${100} total=${d.total} onPage=${setPage} />
      </section>
      ${can.payrollPay(user.role) && ["sent", "approved", "reconciled"].includes(p.state) ? html`<${Upload} p=${p} onDone=${() => { s.reload(); rec.reload(); }} />` : ""}
      ${rec.data && (rec.data.imports || rec.data.items || []).length ? html`<section class="card"><h2>${T("Các lần nhận kết quả")}</h2>
        <${DataTable} rows=${rec.data.imports || rec.data.items} sortable=${false} columns=${[
          { key: "imported_at", label: T("Lúc"), render: (r) => dateTime(r.imported_at || r.created_at) },
          { key: "filename", label: T("Tệp"), render: (r) => r.filename || r.file_name || "" },
          { key: "rows", label: T("Số dòng"), num: true },
          { key: "mismatches", label: T("Sai lệch"), num: true, render: (r) => (Array.isArray(r.mismatches) ? r.mismatches.length : r.mismatches) },
        ]} /></section>` : ""}
    <//>`;
  }}<//>`;
}
