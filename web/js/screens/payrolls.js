// Payrolls of the area: list by month and state, and "prepare" (a long
// job: it runs while the officer goes on, shown in the bar at the top).
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get, post } from "../api.js";
import { money, month, num, addMonths, thisMonth, ymFromVn } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, Input, ErrorBox, Badge, formErrors, Pager } from "../ui.js";
import { can, payrollStateName } from "../words.js";
import * as jobs from "../jobs.js";

export default function Payrolls({ user }) {
  const [page, setPage] = useState(1);
  const s = useLoad(() => get("/api/v1/payrolls", { page, per_page: 50 }), [page]);
  const [m, setM] = useState(month(addMonths(thisMonth(), 1)));
  const [area, setArea] = useState(user.area_code || "");
  const [errs, setErrs] = useState({});
  const [busy, setBusy] = useState(false);
  const prepare = async (ev) => {
    ev.preventDefault();
    const ym = ymFromVn(m);
    if (!ym) { setErrs({ month: T("Nhập tháng theo dạng mm/yyyy.") }); return; }
    setErrs({});
    setBusy(true);
    const label = T("Lập danh sách chi trả tháng {m}", { m: month(ym) });
    try {
      const r = await jobs.startTracked(label, "/payrolls", (headers) =>
        post("/api/v1/payrolls", { area, month: ym }, null, { headers })
          .then((x) => ({ ...x, __link: `/payrolls/${x.payroll.id}` })));
      s.reload();
      location.hash = `#/payrolls/${r.payroll.id}`;
    } catch (e) { setErrs(formErrors(e)); }
    setBusy(false);
  };
  return html`<${Page} title=${T("Chi trả trợ cấp")} guide="chi-tra">
    ${can.payrollPrepare(user.role) ? html`<form class="card" onSubmit=${prepare} novalidate aria-labelledby="h-prep">
      <h2 id="h-prep">${T("Lập danh sách chi trả")}</h2>
      <div class="row">
        <${Input} id="month" label=${T("Tháng chi trả (mm/yyyy)")} value=${m} onInput=${setM} error=${errs.month} required inputmode="numeric" />
        <${Input} id="area" label=${T("Địa bàn (mã đơn vị)")} value=${area} onInput=${setArea} error=${errs.area} required inputmode="numeric" />
        <div class="field"><button type="submit" disabled=${busy}>${busy ? T("Đang lập…") : T("Lập danh sách")}</button></div>
      </div>
      <p class="hint">${T("Lập lại khi danh sách chưa phê duyệt sẽ thay các dòng. Việc lập chạy trên máy chủ; bạn có thể làm việc khác và quay lại.")}</p>
      <${ErrorBox} error=${errs._ ? { message: errs._ } : null} />
    </form>` : ""}
    <${Loaded} state=${s}>${(d) => html`
      <${DataTable} rows=${d.items} rowKey=${(r) => r.id} caption=${T("Các danh sách chi trả")} exportName="chi-tra" columns=${[
        { key: "month", label: T("Tháng"), render: (r) => html`<a href=${`#/payrolls/${r.id}`}>${month(r.month)}</a>`, text: (r) => month(r.month) },
        { key: "area_code", label: T("Địa bàn") },
        { key: "state", label: T("Tình trạng"), render: (r) => html`<${Badge} kind=${r.state === "prepared" ? "warn" : "ok"}>${payrollStateName(r.state)}<//>`, text: (r) => payrollStateName(r.state) },
        { key: "persons", label: T("Số người"), num: true, render: (r) => num(r.persons) },
        { key: "total_payable", label: T("Tổng chi"), num: true, render: (r) => money(r.total_payable) },
        { key: "prepared_by", label: T("Người lập") },
      ]} empty=${T("Chưa có danh sách chi trả.")} />
      <${Pager} page=${page} perPage=${50} total=${d.total} onPage=${setPage} />`}<//>
  <//>`;
}
