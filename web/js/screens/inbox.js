// Dossier inbox: the dossiers of the area with their step, deadline in
// working days (the official calendar, Tết included: docs/calendar.md) and
// badges for overdue, paused and held dossiers.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get } from "../api.js";
import { date, num } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, Badge, Select, Pager, hashQuery } from "../ui.js";
import { kindName, dossierStateName, can } from "../words.js";

export function DeadlineBadge({ d }) {
  if (d.state && d.state !== "open") return html`<${Badge}>${dossierStateName(d.state)}<//>`;
  if (d.held) return html`<${Badge} kind="warn">${T("Có khiếu nại")}<//>`;
  if (d.paused) return html`<${Badge}>${T("Chờ bổ sung")}<//>`;
  if (d.overdue) return html`<${Badge} kind="bad">${T("Quá hạn {n} ngày làm việc", { n: -d.working_days_left })}<//>`;
  if (d.working_days_left === null || d.working_days_left === undefined) return html`<${Badge}>${T("Không có thời hạn")}<//>`;
  return html`<${Badge} kind=${d.working_days_left <= 2 ? "warn" : "ok"}>${T("Còn {n} ngày làm việc", { n: d.working_days_left })}<//>`;
}

export default function Inbox({ user }) {
  const q0 = hashQuery();
  const [state, setState] = useState(q0.state || "open");
  const [kind, setKind] = useState("");
  const [overdue, setOverdue] = useState(q0.overdue === "1");
  const [page, setPage] = useState(1);
  const s = useLoad(() => get("/api/v1/dossiers", { state, kind, overdue: overdue ? 1 : "", page, per_page: 50 }),
    [state, kind, overdue, page]);
  const cols = [
    { key: "id", label: T("Số"), render: (r) => html`<a href=${`#/dossiers/${r.id}`}>#${r.id}</a>`, text: (r) => r.id },
    { key: "person", label: T("Người đề nghị"), sort: (r) => r.person.full_name, render: (r) => r.person.full_name, text: (r) => r.person.full_name },
    { key: "kind", label: T("Loại"), render: (r) => kindName(r.kind), text: (r) => kindName(r.kind) },
    { key: "submitted_on", label: T("Ngày nộp"), render: (r) => date(r.submitted_on), text: (r) => date(r.submitted_on) },
    { key: "step_name", label: T("Bước"), render: (r) => (r.state === "open" ? r.step_name : dossierStateName(r.state)) },
    { key: "deadline", label: T("Hạn bước"), render: (r) => date(r.deadline), text: (r) => date(r.deadline) },
    { key: "working_days_left", label: T("Thời hạn"), sort: (r) => (r.working_days_left ?? 9999),
      render: (r) => html`<${DeadlineBadge} d=${r} />`, text: (r) => r.working_days_left },
  ];
  return html`<${Page} title=${T("Hộp hồ sơ")} guide="hop-ho-so"
      actions=${can.dossierCreate(user.role) ? html`<a href="#/dossiers/new">${T("Tiếp nhận hồ sơ mới")}</a>` : ""}>
    <form class="card search-form" onSubmit=${(e) => e.preventDefault()}>
      <${Select} id="f-state" label=${T("Tình trạng")} value=${state} onChange=${(v) => { setState(v); setPage(1); }} options=${[
        ["open", T("Đang xử lý")], ["decided", T("Đã quyết định")], ["refused", T("Từ chối")], ["withdrawn", T("Đã rút")], ["", T("Tất cả")]]} />
      <${Select} id="f-kind" label=${T("Loại")} value=${kind} onChange=${(v) => { setKind(v); setPage(1); }} options=${[
        ["", T("Tất cả")], ["grant", kindName("grant")], ["adjust", kindName("adjust")], ["stop", kindName("stop")],
        ["transfer", kindName("transfer")], ["care", kindName("care")], ["funeral", kindName("funeral")]]} />
      <div class="field checks"><label><input type="checkbox" checked=${overdue}
        onChange=${() => { setOverdue(!overdue); setPage(1); }} /> ${T("Chỉ hồ sơ quá hạn")}</label></div>
    </form>
    <${Loaded} state=${s}>${(d) => html`
      <p role="status">${T("{n} hồ sơ.", { n: num(d.total) })}</p>
      <${DataTable} columns=${cols} rows=${d.items} caption=${T("Hồ sơ trong địa bàn")} exportName="ho-so" rowKey=${(r) => r.id}
        empty=${T("Không có hồ sơ.")} />
      <${Pager} page=${page} perPage=${50} total=${d.total} onPage=${setPage} />`}<//>
  <//>`;
}
