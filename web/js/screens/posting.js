// Public posting list (niêm yết công khai) of a commune on a date: a page
// to print for the notice board. Only name, birth year, what is asked and
// the posting dates; never HIV information (RULES.md §6.2, Decree 20/2021
// Art. 8(1)(b)): the server leaves K3 and K8 out, and this page drops any
// HIV category again should one ever arrive.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get } from "../api.js";
import { date, today } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, DateInput, Input } from "../ui.js";

const HIV = new Set(["K3", "K8"]);

export default function Posting({ user }) {
  const [on, setOn] = useState(today());
  const [unit, setUnit] = useState(user.area_code && user.area_code.length === 5 ? user.area_code : "");
  const [shown, setShown] = useState({ on, unit });
  const s = useLoad(() => (shown.unit ? get(`/api/v1/units/${shown.unit}/posting`, { date: shown.on }) : Promise.resolve(null)),
    [shown.on, shown.unit]);
  return html`<${Page} title=${T("Danh sách niêm yết công khai")} guide="niem-yet"
      actions=${html`<button type="button" class="secondary" onClick=${() => window.print()}>${T("In danh sách")}</button>`}>
    <form class="card search-form no-print" onSubmit=${(e) => { e.preventDefault(); setShown({ on, unit }); }}>
      ${user.area_code && user.area_code.length === 5 ? "" : html`<${Input} id="p-unit" label=${T("Mã xã (5 số)")} value=${unit} onInput=${setUnit} inputmode="numeric" />`}
      <${DateInput} id="p-date" label=${T("Ngày niêm yết")} iso=${on} onChange=${setOn} />
      <button type="submit">${T("Xem")}</button>
    </form>
    <${Loaded} state=${s}>${(d) => (!d ? html`<p class="muted">${T("Nhập mã xã để xem.")}</p>` : html`
      <div class="card">
        <div class="print-only"><p><strong>${T("ỦY BAN NHÂN DÂN")} ${d.unit.name.toUpperCase()}</strong></p>
          <p>${T("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc")}</p></div>
        <h2>${T("Kết quả xét duyệt hồ sơ trợ giúp xã hội — {u}, ngày {d}", { u: d.unit.name, d: date(d.date) })}</h2>
        <p class="hint">${d.note}</p>
        <${DataTable} sortable=${false} caption=${T("Danh sách niêm yết")} exportName=${`niem-yet-${d.unit.code}`}
          rows=${d.items.map((r, i) => ({ ...r, stt: i + 1, categories: (r.categories || []).filter((c) => !HIV.has(c.code || c)) }))}
          empty=${T("Không có hồ sơ đang niêm yết vào ngày này.")} columns=${[
            { key: "stt", label: T("STT"), num: true },
            { key: "full_name", label: T("Họ và tên") },
            { key: "birth_year", label: T("Năm sinh"), num: true },
            { key: "kind_name", label: T("Nội dung đề nghị") },
            { key: "categories", label: T("Diện"), render: (r) => r.categories.map((c) => c.code || c).join(", "),
              text: (r) => r.categories.map((c) => c.code || c).join(", ") },
            { key: "posted_from", label: T("Niêm yết từ"), render: (r) => date(r.posted_from), text: (r) => date(r.posted_from) },
            { key: "posted_until", label: T("đến"), render: (r) => date(r.posted_until), text: (r) => date(r.posted_until) },
          ]} />
        <p class="print-only">${T("Ý kiến, khiếu nại gửi UBND cấp xã trong thời gian niêm yết.")}</p>
      </div>`)}<//>
  <//>`;
}
