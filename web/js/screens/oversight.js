// Oversight (supervisors, People's Council, province): the figures of a
// unit on a chosen date in one page (docs/oversight.md): beneficiaries by
// category and unit, money per month and year, dossiers received /
// decided / refused / overdue with the median processing time in working
// days, complaints; charts where a picture reads faster, every table
// exportable to XLSX, the print layout of a supervision report, and the
// twice-yearly Forms 10a–10d. Aggregates only: never a name.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get, download } from "../api.js";
import { date, money, month, num, today } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, DateInput, Input, Select, ErrorBox } from "../ui.js";
import { HBars, VBars } from "../chart.js";
import { categoryName } from "../words.js";

const q = (o) => new URLSearchParams(Object.entries(o).filter(([, v]) => v)).toString();

// The oversight document, or the summary (docs/reports.md) shaped like it
// on a server without the oversight report.
async function load(on, unit) {
  try {
    return { full: true, ...(await get("/api/v1/reports/oversight", { date: on, unit })) };
  } catch (e) {
    if (e.status !== 404 || e.code !== "not_found") throw e;
    const s = await get("/api/v1/reports/summary", { date: on, unit });
    return {
      full: false, date: s.date, unit: s.unit,
      beneficiaries: {
        total: s.beneficiaries,
        by_category: Object.entries(s.by_category).map(([code, count]) => ({ code, name: categoryName(code), count })),
        by_unit: Object.entries(s.by_unit).map(([code, u]) => ({ code, name: u.name, count: u.beneficiaries })),
      },
      money: { months: s.money.months.map((m) => ({ month: m.month, source: "computed", computed: { persons: m.persons, amount: m.amount } })) },
    };
  }
}

const paidOf = (m) => (m.payroll ? m.payroll.payable : 0) + (m.computed ? m.computed.amount : 0);
const SOURCE = { payroll: "theo danh sách chi trả", computed: "tính theo quy định", mixed: "kết hợp", none: "không có" };

function DossierFigures({ d }) {
  const h = d.dossiers.half_year;
  return html`<section class="card" aria-labelledby="h-dos">
    <h2 id="h-dos">${T("Hồ sơ và thời gian giải quyết")}</h2>
    <div class="figures">
      <div class="figure"><div class="n">${num(h.received)}</div><div class="l">${T("Tiếp nhận (6 tháng)")}</div></div>
      <div class="figure"><div class="n">${num(h.decided)}</div><div class="l">${T("Đã quyết định")}</div></div>
      <div class="figure"><div class="n">${num(h.refused)}</div><div class="l">${T("Từ chối")}</div></div>
      <div class="figure"><div class="n">${num(h.overdue)}</div><div class="l">${T("Đang quá hạn")}</div></div>
      <div class="figure"><div class="n">${h.median_days === null ? "—" : String(h.median_days).replace(".", ",")}</div>
        <div class="l">${T("Trung vị ngày làm việc ({n} hồ sơ)", { n: h.median_of })}</div></div>
    </div>
    <${DataTable} rows=${d.dossiers.by_unit.filter((r) => !r.former || Object.values(r.half_year).some((v) => v))} rowKey=${(r) => r.code} caption=${T("Hồ sơ theo địa bàn (6 tháng)")} exportName="ho-so-theo-dia-ban" columns=${[
      { key: "name", label: T("Đơn vị"), render: (r) => `${r.name}${r.former ? " " + T("(đơn vị cũ)") : ""}` },
      { key: "received", label: T("Tiếp nhận"), num: true, sort: (r) => r.half_year.received, render: (r) => num(r.half_year.received), text: (r) => r.half_year.received },
      { key: "decided", label: T("Quyết định"), num: true, sort: (r) => r.half_year.decided, render: (r) => num(r.half_year.decided), text: (r) => r.half_year.decided },
      { key: "refused", label: T("Từ chối"), num: true, sort: (r) => r.half_year.refused, render: (r) => num(r.half_year.refused), text: (r) => r.half_year.refused },
      { key: "overdue", label: T("Quá hạn"), num: true, sort: (r) => r.half_year.overdue, render: (r) => num(r.half_year.overdue), text: (r) => r.half_year.overdue },
      { key: "median", label: T("Trung vị (ngày làm việc)"), num: true, sort: (r) => r.half_year.median_days ?? -1,
        render: (r) => (r.half_year.median_days === null ? "—" : String(r.half_year.median_days).replace(".", ",")), text: (r) => r.half_year.median_days },
    ]} />
    ${d.complaints ? html`<h3>${T("Khiếu nại")}</h3>
      <${DataTable} rows=${[{ p: T("6 tháng"), ...d.complaints.half_year }, { p: T("Năm"), ...d.complaints.year }]} sortable=${false}
        caption=${T("Khiếu nại")} exportName="khieu-nai" columns=${[
        { key: "p", label: T("Kỳ") }, { key: "received", label: T("Nhận"), num: true }, { key: "resolved", label: T("Đã trả lời"), num: true },
        { key: "resolved_late", label: T("Trả lời trễ hạn"), num: true }, { key: "open", label: T("Đang mở"), num: true },
        { key: "open_overdue", label: T("Quá hạn"), num: true }]} />` : ""}
  </section>`;
}

function Forms({ unit }) {
  const y = Number(today().slice(0, 4));
  const [form, setForm] = useState("10a");
  const [year, setYear] = useState(String(today().slice(5, 7) >= "07" ? y : y - 1));
  const [half, setHalf] = useState(today().slice(5, 7) >= "07" ? "1" : "2");
  const [shown, setShown] = useState(null);
  const [err, setErr] = useState(null);
  const qs = q({ unit, year, half });
  const s = useLoad(() => (shown ? get(`/api/v1/reports/forms/${shown.form}`, { unit: shown.unit, year: shown.year, half: shown.half }) : Promise.resolve(null)), [shown && JSON.stringify(shown)]);
  return html`<section class="card" aria-labelledby="h-forms">
    <h2 id="h-forms">${T("Báo cáo định kỳ 6 tháng (Mẫu 10a–10d)")}</h2>
    <form class="search-form" onSubmit=${(e) => { e.preventDefault(); setShown({ form, unit, year, half }); }}>
      <${Select} id="f-form" label=${T("Mẫu")} value=${form} onChange=${setForm} options=${[
        ["10a", T("10a — Trợ giúp xã hội thường xuyên")], ["10b", T("10b — Trợ giúp khẩn cấp")],
        ["10c", T("10c — Người cao tuổi")], ["10d", T("10d — Người khuyết tật")]]} />
      <${Input} id="f-year" label=${T("Năm")} value=${year} onInput=${setYear} inputmode="numeric" />
      <${Select} id="f-half" label=${T("Kỳ")} value=${half} onChange=${setHalf} options=${[["1", T("6 tháng đầu năm")], ["2", T("6 tháng cuối năm")]]} />
      <button type="submit">${T("Xem")}</button>
      <a href=${`/api/v1/reports/forms/${form}/print?${qs}`} target="_blank" rel="noopener">${T("Bản in")}</a>
      <button type="button" class="secondary" onClick=${() => download(`/api/v1/reports/forms/${form}.xlsx?${qs}`, `mau-${form}-${year}-${half}.xlsx`).catch(setErr)}>${T("Tải XLSX")}</button>
    </form>
    <${ErrorBox} error=${err} />
    ${shown ? html`<${Loaded} state=${s}>${(f) => (!f ? "" : html`
      <h3>${f.label}: ${f.title}</h3>
      <p class="hint">${T("Từ {a} đến {b}; hạn nộp {c}", { a: date(f.from), b: date(f.to), c: f.deadline && f.deadline.date ? `${date(f.deadline.date)} (${f.deadline.to})` : "—" })}
        ${f.layout_confidence === "unverified" ? T(" — bố cục mẫu chưa được kiểm chứng với văn bản gốc.") : ""}</p>
      <${DataTable} rows=${f.rows} sortable=${false} caption=${`${f.label} ${f.title}`} exportName=${`mau-${f.form}-${f.year}-${f.half}`} columns=${[
        { key: "label", label: T("Chỉ tiêu") },
        ...f.columns.map((c) => ({ key: c.key, label: c.label, num: true,
          render: (r) => (r.values[c.key] === null || r.values[c.key] === undefined ? "" : c.key === "paid" ? money(r.values[c.key]) : num(r.values[c.key])),
          text: (r) => r.values[c.key] })),
      ]} />
      ${(f.notes || []).map((n) => html`<p class="hint">${n}</p>`)}`)}<//>` : ""}
  </section>`;
}

// The document's unit: null for the whole country (national accounts).
const unitName = (d) => (d.unit ? d.unit.name : T("Cả nước"));

// The whole report as XLSX: the server's (one sheet per table) when it
// has it, else the page's tables one under the other in one sheet.
async function wholeXlsx(d, qs) {
  const name = `giam-sat-${d.unit ? d.unit.code : "ca-nuoc"}-${d.date}.xlsx`;
  try {
    await download(`/api/v1/reports/oversight.xlsx?${qs}`, name);
    return;
  } catch (e) {
    if (e.status !== 404) throw e;
  }
  const { saveXlsx } = await import("../xlsx.js");
  const rows = [[`${T("Số liệu giám sát")}: ${unitName(d)}, ${T("đến ngày {d}", { d: date(d.date) })}`], [],
    [T("Đối tượng theo diện")], [T("Diện"), T("Tên diện"), T("Số đối tượng")],
    ...d.beneficiaries.by_category.map((c) => [c.code, c.name, c.count]),
    [T("Tổng"), "", d.beneficiaries.total], [],
    [T("Đối tượng theo địa bàn")], [T("Mã"), T("Đơn vị"), T("Số đối tượng")],
    ...d.beneficiaries.by_unit.map((u) => [u.code, u.name, u.count]), [],
    [T("Kinh phí theo tháng")], [T("Tháng"), T("Nguồn số liệu"), T("Số tiền")],
    ...d.money.months.map((m) => [month(m.month), T(SOURCE[m.source] || m.source), paidOf(m)])];
  if (d.dossiers) {
    rows.push([], [T("Hồ sơ theo địa bàn (6 tháng)")],
      [T("Mã"), T("Đơn vị"), T("Tiếp nhận"), T("Quyết định"), T("Từ chối"), T("Quá hạn"), T("Trung vị (ngày làm việc)")],
      ...d.dossiers.by_unit.map((u) => [u.code, u.name, u.half_year.received, u.half_year.decided,
        u.half_year.refused, u.half_year.overdue, u.half_year.median_days ?? ""]));
  }
  saveXlsx(name, T("Giám sát"), rows);
}

export default function Oversight({ user }) {
  const [on, setOn] = useState(today());
  const [unit, setUnit] = useState("");
  const [shown, setShown] = useState({ on: today(), unit: "" });
  const [err, setErr] = useState(null);
  const s = useLoad(() => load(shown.on, shown.unit), [shown.on, shown.unit]);
  const qs = q({ date: shown.on, unit: shown.unit });
  return html`<${Page} title=${T("Số liệu giám sát")} guide="so-lieu-giam-sat">
    <form class="card search-form no-print" onSubmit=${(e) => { e.preventDefault(); if (on) setShown({ on, unit: unit.trim() }); }}>
      <${DateInput} id="o-date" label=${T("Số liệu đến ngày")} iso=${on} onChange=${setOn} />
      <${Input} id="o-unit" label=${T("Mã đơn vị (để trống: địa bàn của bạn)")} value=${unit} onInput=${setUnit} inputmode="numeric" />
      <button type="submit">${T("Xem")}</button>
    </form>
    <${Loaded} state=${s}>${(d) => {
      const months = d.money.months;
      const cats = d.beneficiaries.by_category.filter((c) => c.count > 0);
      return html`
      <div class="actions no-print">
        ${d.full ? html`<a href=${`/api/v1/reports/oversight/print?${qs}`} target="_blank" rel="noopener">${T("Bản in báo cáo giám sát")}</a>
          <button type="button" class="secondary" onClick=${() => wholeXlsx(d, qs).catch(setErr)}>${T("Tải XLSX cả báo cáo")}</button>
          <a href=${`/api/v1/reports/oversight.pdf?${qs}`} target="_blank" rel="noopener">PDF</a>`
          : html`<span class="hint">${T("Máy chủ này chưa có báo cáo giám sát đầy đủ; đang hiện số liệu tổng hợp.")}</span>`}
        <button type="button" class="secondary" onClick=${() => window.print()}>${T("In trang này")}</button>
      </div>
      <${ErrorBox} error=${err} />
      <h2>${unitName(d)} — ${T("đến ngày {d}", { d: date(d.date) })}</h2>
      <div class="figures">
        <div class="figure"><div class="n">${num(d.beneficiaries.total)}</div><div class="l">${T("Đối tượng đang hưởng")}</div></div>
        <div class="figure"><div class="n">${money(months.length ? paidOf(months[months.length - 1]) : 0)}</div>
          <div class="l">${T("Kinh phí tháng {m}", { m: months.length ? month(months[months.length - 1].month) : "" })}</div></div>
        <div class="figure"><div class="n">${money(months.reduce((a, m) => a + paidOf(m), 0))}</div><div class="l">${T("Kinh phí 12 tháng")}</div></div>
      </div>
      <div class="grid">
        <section class="card" aria-labelledby="h-cat">
          <h2 id="h-cat">${T("Đối tượng theo diện")}</h2>
          <${HBars} title=${T("Đối tượng theo diện")} rows=${cats} label=${(r) => r.code} value=${(r) => r.count} />
          <${DataTable} rows=${cats} rowKey=${(r) => r.code} caption=${T("Đối tượng theo diện")} exportName="doi-tuong-theo-dien" columns=${[
            { key: "code", label: T("Diện") }, { key: "name", label: T("Tên diện") },
            { key: "count", label: T("Số đối tượng"), num: true, render: (r) => num(r.count), text: (r) => r.count }]} />
        </section>
        <section class="card" aria-labelledby="h-unit">
          <h2 id="h-unit">${T("Đối tượng theo địa bàn")}</h2>
          <${HBars} title=${T("Đối tượng theo địa bàn")} rows=${d.beneficiaries.by_unit.slice().sort((a, b) => b.count - a.count)} label=${(r) => r.name} value=${(r) => r.count} />
          <${DataTable} rows=${d.beneficiaries.by_unit} rowKey=${(r) => r.code} caption=${T("Đối tượng theo địa bàn")} exportName="doi-tuong-theo-dia-ban" columns=${[
            { key: "code", label: T("Mã") }, { key: "name", label: T("Đơn vị") },
            { key: "count", label: T("Số đối tượng"), num: true, render: (r) => num(r.count), text: (r) => r.count }]} />
        </section>
      </div>
      <section class="card" aria-labelledby="h-money">
        <h2 id="h-money">${T("Kinh phí chi trả theo tháng")}</h2>
        <${VBars} title=${T("Kinh phí theo tháng (triệu đồng)")} rows=${months} label=${(m) => month(m.month).slice(0, 2) + "/" + m.month.slice(2, 4)}
          value=${(m) => paidOf(m)} fmt=${(v) => num(Math.round(v / 1e6))} alt=${(m) => m.source !== "payroll"} />
        <p class="legend">${T("Đơn vị: triệu đồng. Cột xanh: theo danh sách chi trả đã duyệt; cột vàng: tính theo quy định cho nơi chưa có danh sách.")}</p>
        <${DataTable} rows=${months} rowKey=${(m) => m.month} caption=${T("Kinh phí theo tháng")} exportName="kinh-phi-theo-thang" columns=${[
          { key: "month", label: T("Tháng"), render: (m) => month(m.month), text: (m) => month(m.month) },
          { key: "source", label: T("Nguồn số liệu"), render: (m) => T(SOURCE[m.source] || m.source), text: (m) => T(SOURCE[m.source] || m.source) },
          { key: "persons", label: T("Số người"), num: true, sort: (m) => (m.payroll ? m.payroll.persons : 0) + (m.computed ? m.computed.persons : 0),
            render: (m) => num((m.payroll ? m.payroll.persons : 0) + (m.computed ? m.computed.persons : 0)), text: (m) => (m.payroll ? m.payroll.persons : 0) + (m.computed ? m.computed.persons : 0) },
          { key: "amount", label: T("Số tiền"), num: true, sort: paidOf, render: (m) => money(paidOf(m)), text: paidOf },
          { key: "paid", label: T("Đã chi (kết quả)"), num: true, sort: (m) => (m.payroll ? m.payroll.paid : 0), render: (m) => (m.payroll ? money(m.payroll.paid) : "—"), text: (m) => (m.payroll ? m.payroll.paid : "") },
        ]} />
        ${d.money.years ? html`<${DataTable} rows=${d.money.years} rowKey=${(y) => y.year} sortable=${false} caption=${T("Kinh phí theo năm")} exportName="kinh-phi-theo-nam" columns=${[
          { key: "year", label: T("Năm") }, { key: "months", label: T("Số tháng"), num: true },
          { key: "source", label: T("Nguồn số liệu"), render: (y) => T(SOURCE[y.source] || y.source) },
          { key: "amount", label: T("Số tiền"), num: true, render: (y) => money(paidOf(y)), text: paidOf }]} />` : ""}
      </section>
      ${d.dossiers ? html`<${DossierFigures} d=${d} />` : ""}
      ${d.findings && d.findings.length ? html`<section class="card"><h2>${T("Kết luận kiểm tra")}</h2>
        <ul>${d.findings.map((f) => html`<li>${f.text || f.title || JSON.stringify(f)}</li>`)}</ul></section>` : ""}
      ${d.full ? html`<${Forms} unit=${shown.unit} />` : ""}`;
    }}<//>
  <//>`;
}
