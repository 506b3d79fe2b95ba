// Tasks of the month (docs/tasks.md): life events (children turning 4, 16
// or 22, the elderly at 80), suspensions of three months, overdue steps,
// assignments after the 2025 reorganisation; each with its rule, due date
// and the decision it needs; closed with a note.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get, post } from "../api.js";
import { date, num, month, thisMonth } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, Select, Pager, Badge, ErrorBox, formErrors } from "../ui.js";
import { can } from "../words.js";

function Done({ t, onDone }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState("");
  const [unit, setUnit] = useState(t.candidates && t.candidates.length ? (t.candidates[0].code || t.candidates[0]) : "");
  const [err, setErr] = useState(null);
  if (!open) return html`<button type="button" class="secondary" onClick=${() => setOpen(true)}>${T("Xong")}<span class="sr-only"> ${t.title}</span></button>`;
  const save = async (e) => {
    e.preventDefault();
    try {
      const body = { version: t.version, note: note.trim() };
      if (t.kind === "assign_commune") body.unit_code = unit;
      await post(`/api/v1/tasks/${t.id}/done`, body);
      onDone();
    } catch (x) { setErr(formErrors(x)); }
  };
  return html`<form onSubmit=${save} class="task-done">
    ${t.kind === "assign_commune" ? html`<label for=${`tu-${t.id}`}>${T("Xã mới")}</label>
      <select id=${`tu-${t.id}`} value=${unit} onChange=${(e) => setUnit(e.currentTarget.value)}>
        ${(t.candidates || []).map((c) => html`<option value=${c.code || c}>${c.name ? `${c.code} ${c.name}` : c}</option>`)}</select>` : ""}
    <label for=${`tn-${t.id}`}>${T("Đã làm gì")}</label>
    <input id=${`tn-${t.id}`} value=${note} onInput=${(e) => setNote(e.currentTarget.value)} required />
    ${err ? html`<p class="field-error">${Object.values(err)[0]}</p>` : ""}
    <button type="submit">${T("Lưu")}</button>
  </form>`;
}

export default function Tasks({ user }) {
  const [state, setState] = useState("open");
  const [kind, setKind] = useState("");
  const [page, setPage] = useState(1);
  const [gen, setGen] = useState(null);
  const s = useLoad(() => get("/api/v1/tasks", { state, kind, page, per_page: 50 }), [state, kind, page]);
  const generate = async () => {
    try {
      const r = await post("/api/v1/tasks/generate", { month: thisMonth() });
      setGen({ ok: T("Đã tạo {c} công việc mới ({e} đã có).", { c: r.created, e: r.existing }) });
      s.reload();
    } catch (e) { setGen({ error: e }); }
  };
  return html`<${Page} title=${T("Công việc trong tháng")} guide="cong-viec"
      actions=${can.personWrite(user.role) ? html`<button type="button" class="secondary" onClick=${generate}>${T("Tạo công việc tháng {m}", { m: month(thisMonth()) })}</button>` : ""}>
    ${gen && gen.ok ? html`<p class="ok-box" role="status">${gen.ok}</p>` : ""}
    <${ErrorBox} error=${gen && gen.error} />
    <form class="card search-form" onSubmit=${(e) => e.preventDefault()}>
      <${Select} id="t-state" label=${T("Tình trạng")} value=${state} onChange=${(v) => { setState(v); setPage(1); }}
        options=${[["open", T("Chưa xong")], ["done", T("Đã xong")]]} />
      <${Select} id="t-kind" label=${T("Loại")} value=${kind} onChange=${(v) => { setKind(v); setPage(1); }} options=${[
        ["", T("Tất cả")], ["child_4", T("Trẻ đủ 4 tuổi")], ["child_16", T("Trẻ đủ 16 tuổi")], ["child_22", T("Đủ 22 tuổi")],
        ["elderly_80", T("Đủ 80 tuổi")], ["k7_3", T("Trẻ K7 đủ 3 tuổi")], ["suspended_3m", T("Tạm dừng đủ 3 tháng")],
        ["overdue_step", T("Bước quá hạn")], ["assign_commune", T("Xác định xã sau sắp xếp")], ["not_collected_3m", T("3 tháng không nhận")]]} />
    </form>
    <${Loaded} state=${s}>${(d) => html`<p role="status">${T("{n} công việc.", { n: num(d.total) })}</p>
      <${DataTable} rows=${d.items} rowKey=${(r) => r.id} exportName="cong-viec" caption=${T("Công việc")} columns=${[
        { key: "title", label: T("Việc") },
        { key: "person", label: T("Người"), sort: (r) => (r.person ? r.person.full_name : ""),
          render: (r) => (r.person ? html`<a href=${`#/persons/${r.person.id}`}>${r.person.full_name}</a>` : r.dossier_id ? html`<a href=${`#/dossiers/${r.dossier_id}`}>#${r.dossier_id}</a>` : ""),
          text: (r) => (r.person ? r.person.full_name : "") },
        { key: "decision_text", label: T("Cần quyết định") },
        { key: "due_on", label: T("Hạn"), render: (r) => html`${date(r.due_on)} ${r.overdue ? html`<${Badge} kind="bad">${T("Quá hạn")}<//>` : ""}`, text: (r) => date(r.due_on) },
        { key: "rules_ref", label: T("Căn cứ") },
        { key: "state", label: "", sortable: false, render: (r) => (r.state === "open" && can.personWrite(user.role) ? html`<${Done} t=${r} onDone=${s.reload} />` : r.note || "") },
      ]} />
      <${Pager} page=${page} perPage=${50} total=${d.total} onPage=${setPage} />`}<//>
  <//>`;
}
