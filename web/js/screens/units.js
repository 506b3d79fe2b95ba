// Administrative units on a date, province -> (district) -> commune, with
// each unit's history and where it went or came from at the 2025 reform
// (two tiers from 01/07/2025).
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get } from "../api.js";
import { date, num, today } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, DateInput } from "../ui.js";

function Links({ code }) {
  const s = useLoad(() => Promise.all([get(`/api/v1/units/${code}/successors`), get(`/api/v1/units/${code}/predecessors`)]), [code]);
  return html`<${Loaded} state=${s}>${([su, pr]) => html`<div class="card" aria-live="polite">
    <h3>${T("Sắp xếp đơn vị của mã {c}", { c: code })}</h3>
    ${su.successors && su.successors.length ? html`<p>${T("Sáp nhập vào")}: ${su.successors.map((l) => `${l.new_code} ${l.new_name} (${date(l.effective)}${l.kind === "partial" ? ", " + T("một phần") : ""})`).join("; ")}</p>` : ""}
    ${pr.predecessors && pr.predecessors.length ? html`<p>${T("Hình thành từ")}: ${pr.predecessors.map((l) => `${l.old_code} ${l.old_name}${l.kind === "partial" ? " (" + T("một phần") + ")" : ""}`).join("; ")}</p>` : ""}
    ${!(su.successors || []).length && !(pr.predecessors || []).length ? html`<p class="muted">${T("Không có thay đổi.")}</p>` : ""}
  </div>`}<//>`;
}

export default function Units() {
  const [on, setOn] = useState(today());
  const [shown, setShown] = useState(today());
  const [trail, setTrail] = useState([]);
  const [links, setLinks] = useState(null);
  const parent = trail.length ? trail[trail.length - 1].code : "";
  const s = useLoad(() => get("/api/v1/units", { date: shown, parent }), [shown, parent]);
  return html`<${Page} title=${T("Đơn vị hành chính")} guide="don-vi-hanh-chinh">
    <form class="card search-form" onSubmit=${(e) => { e.preventDefault(); if (on) { setShown(on); setTrail([]); setLinks(null); } }}>
      <${DateInput} id="u-date" label=${T("Ngày")} iso=${on} onChange=${setOn}
        hint=${T("dd/mm/yyyy — trước 01/07/2025 có cấp huyện; từ 01/07/2025 chỉ còn tỉnh và xã.")} />
      <button type="submit">${T("Xem")}</button>
      <button type="button" class="secondary" onClick=${() => { setOn("2025-06-30"); setShown("2025-06-30"); setTrail([]); }}>${T("Trước sắp xếp (30/06/2025)")}</button>
      <button type="button" class="secondary" onClick=${() => { setOn("2025-07-01"); setShown("2025-07-01"); setTrail([]); }}>${T("Sau sắp xếp (01/07/2025)")}</button>
    </form>
    <nav aria-label=${T("Đang xem")} class="crumbs"><ol class="wizard-steps">
      ${[{ code: "", name: T("Cả nước") }, ...trail].map((u, i, all) => html`<li aria-current=${i === all.length - 1 ? "page" : undefined}>
        ${i === all.length - 1 ? u.name : html`<button type="button" class="link" onClick=${() => setTrail(trail.slice(0, i))}>${u.name}</button>`}</li>`)}
    </ol></nav>
    ${links ? html`<${Links} code=${links} />` : ""}
    <${Loaded} state=${s}>${(d) => html`${d.note ? html`<p class="hint">${d.note}</p>` : ""}
      <${DataTable} rows=${d.units} rowKey=${(r) => r.code} caption=${T("{n} đơn vị ngày {d}", { n: num(d.units.length), d: date(shown) })}
        exportName=${`don-vi-${parent || "ca-nuoc"}-${shown}`} columns=${[
        { key: "code", label: T("Mã") },
        { key: "name", label: T("Tên"), render: (u) => (u.level < 3 ? html`<button type="button" class="link"
            onClick=${() => { setTrail([...trail, { code: u.code, name: u.name }]); setLinks(null); }}>${u.name}</button>` : u.name) },
        { key: "type", label: T("Loại") },
        { key: "valid_from", label: T("Hiệu lực"), render: (u) => (u.valid_to ? `${date(u.valid_from)} – ${date(u.valid_to)}` : T("từ {d}", { d: date(u.valid_from) })) },
        { key: "links", label: T("Sắp xếp"), render: (u) => html`<button type="button" class="link" onClick=${() => setLinks(u.code)}>${T("Xem")}<span class="sr-only"> ${u.name}</span></button>` },
      ]} />`}<//>
  <//>`;
}
