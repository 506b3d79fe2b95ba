// Shared pieces of the screens: page frame, fields with their error next
// to them, tables sorted in Vietnamese order and exported to XLSX, pager,
// badges, a loader hook.
import { html, useState, useEffect, useRef, useCallback } from "./lib.js";
import { T } from "./i18n.js";
import { sortVi, isoFromVn, date as fmtDate } from "./fmt.js";

export const go = (path) => { location.hash = "#" + path; };

// A page: its title (document title too) and the guide page it links to.
// The heading takes the focus when the page opens, so a screen reader and
// a keyboard user start at the top of the new content.
export function Page({ title, guide, actions, children }) {
  const ref = useRef(null);
  useEffect(() => {
    document.title = `${title} — ansinh`;
    if (ref.current) ref.current.focus({ preventScroll: false });
    window.dispatchEvent(new CustomEvent("ansinh:guide", { detail: guide || "index" }));
  }, [title, guide]);
  return html`<section class="page">
    <div class="page-head">
      <h1 tabindex="-1" ref=${ref}>${title}</h1>
      <div class="page-actions">
        ${actions}
        <a class="guide-link" href=${`/guide/${guide || "index"}.html`} target="_blank"
           rel="noopener">${T("Hướng dẫn")}<span class="sr-only"> (${T("mở trang mới")})</span></a>
      </div>
    </div>
    ${children}
  </section>`;
}

// Run an async loader on mount and whenever deps change.
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const n = useRef(0);
  const load = useCallback(() => {
    const k = ++n.current;
    setState((s) => ({ ...s, loading: true, error: null }));
    Promise.resolve().then(fn).then(
      (data) => { if (k === n.current) setState({ data, error: null, loading: false }); },
      (error) => { if (k === n.current) setState({ data: null, error, loading: false }); });
  }, deps);
  useEffect(load, [load]);
  return { ...state, reload: load };
}

export function Loading({ text }) {
  return html`<p class="loading" role="status">${text || T("Đang tải…")}</p>`;
}

export function ErrorBox({ error }) {
  if (!error) return null;
  return html`<p class="error-box" role="alert">${error.message || String(error)}</p>`;
}

export function Loaded({ state, children }) {
  if (state.error) return html`<${ErrorBox} error=${state.error} />`;
  if (state.loading && !state.data) return html`<${Loading} />`;
  return children(state.data);
}

// A labelled field; its error (from the API's "field" or the form's own
// check) is shown right under it and tied to the input by
// aria-describedby.
export function Field({ id, label, error, hint, children, required }) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-err` : ""].filter(Boolean).join(" ");
  return html`<div class=${"field" + (error ? " has-error" : "")}>
    <label for=${id}>${label}${required ? html`<span class="req" aria-hidden="true"> *</span>` : ""}</label>
    ${children({ id, "aria-describedby": describedBy || undefined,
                 "aria-invalid": error ? "true" : undefined })}
    ${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : ""}
    ${error ? html`<p class="field-error" id=${`${id}-err`}>${error}</p>` : ""}
  </div>`;
}

export function Input({ id, label, value, onInput, error, hint, type = "text", required, ...rest }) {
  return html`<${Field} id=${id} label=${label} error=${error} hint=${hint} required=${required}>
    ${(a) => html`<input ...${a} ...${rest} type=${type} value=${value ?? ""} required=${required}
      onInput=${(e) => onInput(e.currentTarget.value)} />`}
  <//>`;
}

// A date typed as dd/mm/yyyy; onChange gets the ISO date or null.
export function DateInput({ id, label, iso, onChange, error, required, hint }) {
  const [text, setText] = useState(fmtDate(iso));
  useEffect(() => { if (isoFromVn(text) !== iso) setText(fmtDate(iso)); }, [iso]);
  const bad = text && !isoFromVn(text);
  return html`<${Field} id=${id} label=${label} required=${required}
      error=${error || (bad ? T("Nhập ngày theo dạng dd/mm/yyyy.") : null)}
      hint=${hint || T("dd/mm/yyyy")}>
    ${(a) => html`<input ...${a} class="date" inputmode="numeric" autocomplete="off"
      placeholder="dd/mm/yyyy" value=${text} required=${required}
      onInput=${(e) => { const v = e.currentTarget.value; setText(v); onChange(isoFromVn(v)); }} />`}
  <//>`;
}

export function Select({ id, label, value, onChange, options, error, hint, required }) {
  return html`<${Field} id=${id} label=${label} error=${error} hint=${hint} required=${required}>
    ${(a) => html`<select ...${a} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}>
      ${options.map(([v, text]) => html`<option value=${v} selected=${v === value}>${text}</option>`)}
    </select>`}
  <//>`;
}

export function Badge({ kind = "info", children }) {
  return html`<span class=${`badge badge-${kind}`}>${children}</span>`;
}

// The errors of a form from an ApiError: {field: message} or {_: message}.
export function formErrors(e) {
  if (!e) return {};
  if (e.field) return { [e.field]: e.message };
  return { _: e.message || String(e) };
}

// A table: columns [{key, label, render?, sort?, num?, text?}], rows.
// Headers are buttons that sort in Vietnamese order; "Xuất XLSX" saves
// what is shown (the module that writes XLSX is loaded on demand).
export function DataTable({ columns, rows, caption, exportName, empty, rowKey, sortable = true }) {
  const [sort, setSort] = useState(null);
  let shown = rows;
  if (sort) {
    const col = columns.find((c) => c.key === sort.key);
    const get = col.sort || ((r) => r[col.key]);
    shown = sortVi(rows, get, sort.desc);
  }
  const exportXlsx = async () => {
    const { saveXlsx } = await import("./xlsx.js");
    const head = columns.map((c) => c.label);
    const body = shown.map((r) => columns.map((c) => (c.text ? c.text(r) : r[c.key])));
    saveXlsx(`${exportName}.xlsx`, caption || exportName, [head, ...body]);
  };
  return html`<div class="table-wrap">
    ${exportName ? html`<div class="table-tools"><button type="button" class="secondary"
        onClick=${exportXlsx}>${T("Xuất XLSX")}<span class="sr-only">: ${caption}</span></button></div>` : ""}
    <table class="data stack">
      ${caption ? html`<caption>${caption}</caption>` : ""}
      <thead><tr>${columns.map((c) => {
        const active = sort && sort.key === c.key;
        const aria = active ? (sort.desc ? "descending" : "ascending") : undefined;
        return html`<th scope="col" class=${c.num ? "num" : ""} aria-sort=${aria}>
          ${sortable && c.key ? html`<button type="button" class="th-sort"
              onClick=${() => setSort({ key: c.key, desc: active ? !sort.desc : false })}>
              ${c.label}<span aria-hidden="true">${active ? (sort.desc ? " ▼" : " ▲") : ""}</span></button>`
            : c.label}</th>`;
      })}</tr></thead>
      <tbody>
        ${shown.length === 0 ? html`<tr><td colspan=${columns.length} class="empty">${empty || T("Không có dữ liệu.")}</td></tr>` : ""}
        ${shown.map((r, i) => html`<tr key=${rowKey ? rowKey(r) : i}>${columns.map((c) =>
          html`<td class=${c.num ? "num" : ""} data-label=${c.label}>${c.render ? c.render(r) : r[c.key]}</td>`)}</tr>`)}
      </tbody>
    </table>
  </div>`;
}

export function Pager({ page, perPage, total, onPage }) {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  return html`<nav class="pager" aria-label=${T("Trang")}>
    <button type="button" disabled=${page <= 1} onClick=${() => onPage(page - 1)}>${T("‹ Trước")}</button>
    <span>${T("Trang {p}/{n}", { p: page, n: pages })}</span>
    <button type="button" disabled=${page >= pages} onClick=${() => onPage(page + 1)}>${T("Sau ›")}</button>
  </nav>`;
}

// The query string of the current hash route as an object.
export function hashQuery() {
  const i = location.hash.indexOf("?");
  return i < 0 ? {} : Object.fromEntries(new URLSearchParams(location.hash.slice(i + 1)));
}
