// Search: CCCD (9 or 12 digits) or a part of the name, diacritics
// optional ("nguyen van duc" finds "Nguyễn Văn Đức"); results in
// Vietnamese order (the server sorts with the vi collation).
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get } from "../api.js";
import { date, num } from "../fmt.js";
import { Page, Input, Select, DataTable, Pager, ErrorBox, Loading, go, hashQuery } from "../ui.js";
import { statusName, CATEGORY_ORDER, categoryName, can } from "../words.js";

export default function Search({ user }) {
  const q0 = hashQuery();
  const [q, setQ] = useState(q0.q || "");
  const [status, setStatus] = useState(q0.status || "");
  const [category, setCategory] = useState(q0.category || "");
  const [res, setRes] = useState(null);
  const [err, setErr] = useState(null);
  const [busy, setBusy] = useState(false);
  const [page, setPage] = useState(1);
  const run = async (p = 1) => {
    setErr(null);
    setBusy(true);
    try {
      const r = await get("/api/v1/beneficiaries", { q: q.trim(), status, category, page: p, per_page: 50 });
      setRes(r);
      setPage(p);
    } catch (e) { setErr(e); setRes(null); }
    setBusy(false);
  };
  const submit = (ev) => { ev.preventDefault(); run(1); };
  if (res === null && !err && !busy && (q0.q || q0.status || q0.category)) run(1);
  const cols = [
    { key: "full_name", label: T("Họ và tên"), render: (r) => html`<a href=${`#/persons/${r.id}`}>${r.full_name}</a>` },
    { key: "id_number", label: T("Số CCCD") },
    { key: "birth_date", label: T("Ngày sinh"), render: (r) => date(r.birth_date), text: (r) => date(r.birth_date) },
    { key: "categories", label: T("Diện"), render: (r) => (r.categories || []).join(", "), text: (r) => (r.categories || []).join(", ") },
    { key: "status", label: T("Tình trạng"), render: (r) => statusName(r.status), text: (r) => statusName(r.status) },
    { key: "since", label: T("Từ ngày"), render: (r) => date(r.since), text: (r) => date(r.since) },
  ];
  return html`<${Page} title=${T("Tra cứu đối tượng")} guide="tra-cuu"
      actions=${can.personWrite(user.role) ? html`<a href="#/dossiers/new">${T("Tiếp nhận hồ sơ mới")}</a>` : ""}>
    <form class="card search-form" role="search" onSubmit=${submit}>
      <${Input} id="q" label=${T("Số CCCD hoặc họ tên (gõ không dấu cũng được)")} value=${q} onInput=${setQ}
        type="search" hint=${T("Ví dụ: 035142989915 hoặc nguyen thi nga")} />
      <${Select} id="status" label=${T("Tình trạng")} value=${status} onChange=${setStatus}
        options=${[["", T("Tất cả")], ["enrolled", T("Đang hưởng")], ["suspended", T("Tạm dừng")], ["terminated", T("Thôi hưởng")]]} />
      <${Select} id="category" label=${T("Diện")} value=${category} onChange=${setCategory}
        options=${[["", T("Tất cả")], ...CATEGORY_ORDER.filter((c) => c.length > 2 || ["K2", "K3", "K4", "K6", "K7", "K8"].includes(c))
          .map((c) => [c, `${c} — ${categoryName(c)}`])]} />
      <button type="submit">${T("Tìm")}</button>
    </form>
    <${ErrorBox} error=${err} />
    ${busy ? html`<${Loading} text=${T("Đang tìm…")} />` : ""}
    ${res ? html`<p role="status">${T("Tìm thấy {n} người.", { n: num(res.total) })}</p>
      <${DataTable} columns=${cols} rows=${res.items} caption=${T("Kết quả tìm kiếm")} exportName="tra-cuu"
        rowKey=${(r) => r.id} empty=${T("Không có ai khớp. Thử gõ ít chữ hơn hoặc không dấu.")} />
      <${Pager} page=${page} perPage=${50} total=${res.total} onPage=${run} />` : ""}
  <//>`;
}
