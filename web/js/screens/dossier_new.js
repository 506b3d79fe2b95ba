// New dossier, guided: 1. the person (found, or added with a residence in
// the officer's commune), 2. what is asked, on the declaration form of the
// category (forms 1a–1đ of Decree 20/2021; the mapping of forms to
// categories is RULES.md §6.1's, marked unverified there), with the
// allowance previewed live by POST /api/v1/quote, 3. registered by POST
// /api/v1/dossiers. The server's message is shown next to its field.
import { html, useState, useEffect, useRef } from "../lib.js";
import { T } from "../i18n.js";
import { get, post } from "../api.js";
import { date, money, today, age } from "../fmt.js";
import { Page, Input, DateInput, Select, Field, ErrorBox, formErrors, go, hashQuery, Loading } from "../ui.js";
import { categoryName, statusName } from "../words.js";

// Forms of Decree 20/2021 (Mẫu số 1a–1đ) and the categories each serves.
export const FORMS = {
  "1a": { title: "Mẫu 1a — Trẻ em (K1, K2, K3, K7)", cats: ["K1a", "K1b", "K1c", "K1d", "K1đ", "K1e", "K1g", "K1h", "K1i", "K1k", "K1l", "K2", "K3", "K7"] },
  "1b": { title: "Mẫu 1b — Người đơn thân nghèo nuôi con (K4)", cats: ["K4"] },
  "1c": { title: "Mẫu 1c — Người cao tuổi (K5)", cats: ["K5a", "K5b", "K5c", "K5d"] },
  "1d": { title: "Mẫu 1d — Người khuyết tật (K6)", cats: ["K6"] },
  "1đ": { title: "Mẫu 1đ — Người nhiễm HIV thuộc hộ nghèo (K8)", cats: ["K8"] },
};

const GROUNDS = {
  suspend: [["not_collected", "Không nhận trợ cấp 3 tháng liên tục"], ["reassessment", "Không chấp hành tái đánh giá"], ["detention", "Bị tạm giam, chấp hành án"]],
  terminate: [["death", "Chết"], ["missing", "Mất tích"], ["ineligible", "Không còn đủ điều kiện"], ["moved", "Chuyển nơi cư trú"],
    ["refused", "Từ chối nhận"], ["prison", "Chấp hành án phạt tù"], ["suspension_expired", "Hết thời hạn tạm dừng"]],
  resume: [["", "—"]],
};

function PersonStep({ user, onPick }) {
  const [q, setQ] = useState("");
  const [res, setRes] = useState(null);
  const [err, setErr] = useState(null);
  const [adding, setAdding] = useState(false);
  const [np, setNp] = useState({ full_name: "", birth_date: null, sex: "F", id_number: "", address: "" });
  const [errs, setErrs] = useState({});
  const find = async (ev) => {
    ev.preventDefault();
    setErr(null);
    try { setRes(await get("/api/v1/persons", { q: q.trim(), per_page: 20 })); } catch (e) { setErr(e); }
  };
  const add = async (ev) => {
    ev.preventDefault();
    const e = {};
    if (!np.full_name.trim()) e.full_name = T("Nhập họ và tên.");
    if (!np.birth_date) e.birth_date = T("Nhập ngày sinh theo dạng dd/mm/yyyy.");
    setErrs(e);
    if (Object.keys(e).length) return;
    try {
      const r = await post("/api/v1/persons", {
        full_name: np.full_name.trim(), birth_date: np.birth_date, sex: np.sex,
        id_number: np.id_number.trim() || null,
        residence: { unit_code: user.area_code, address: np.address.trim() || undefined },
      });
      onPick(r.person);
    } catch (x) {
      const f = formErrors(x);
      if (f["residence.unit_code"]) f._ = f["residence.unit_code"];
      setErrs(f);
    }
  };
  return html`<div class="card">
    <h2>${T("1. Người đề nghị")}</h2>
    <form class="search-form" role="search" onSubmit=${find}>
      <${Input} id="pq" label=${T("Tìm theo số CCCD hoặc họ tên")} value=${q} onInput=${setQ} type="search" />
      <button type="submit">${T("Tìm")}</button>
      <button type="button" class="secondary" onClick=${() => setAdding(true)}>${T("Thêm người mới")}</button>
    </form>
    <${ErrorBox} error=${err} />
    ${res ? html`<ul class="todo">${res.items.map((p) => html`<li>
      <button type="button" class="link" onClick=${() => onPick(p)}>${p.full_name}</button>
      — ${date(p.birth_date)}${p.id_number ? `, ${p.id_number}` : ""}, ${statusName(p.status)}</li>`)}
      ${res.items.length === 0 ? html`<li>${T("Không tìm thấy. Bấm \"Thêm người mới\".")}</li>` : ""}</ul>` : ""}
    ${adding ? html`<form onSubmit=${add} novalidate>
      <h3>${T("Người mới (cư trú tại {u})", { u: user.area ? user.area.name : user.area_code })}</h3>
      <${Input} id="full_name" label=${T("Họ và tên")} required value=${np.full_name} error=${errs.full_name}
        onInput=${(v) => setNp({ ...np, full_name: v })} />
      <div class="row">
        <${DateInput} id="birth_date" label=${T("Ngày sinh")} required iso=${np.birth_date} error=${errs.birth_date}
          onChange=${(v) => setNp({ ...np, birth_date: v })} />
        <${Select} id="sex" label=${T("Giới tính")} value=${np.sex} onChange=${(v) => setNp({ ...np, sex: v })}
          options=${[["F", T("Nữ")], ["M", T("Nam")]]} error=${errs.sex} />
      </div>
      <${Input} id="id_number" label=${T("Số CCCD (12 số) hoặc CMND (9 số)")} inputmode="numeric" value=${np.id_number}
        error=${errs.id_number} onInput=${(v) => setNp({ ...np, id_number: v })} />
      <${Input} id="address" label=${T("Địa chỉ (thôn, tổ dân phố)")} value=${np.address} error=${errs["residence.address"]}
        onInput=${(v) => setNp({ ...np, address: v })} />
      <${ErrorBox} error=${errs._ ? { message: errs._ } : null} />
      <button type="submit">${T("Lưu người mới")}</button>
    </form>` : ""}
  </div>`;
}

function Preview({ person, form, f }) {
  const [q, setQ] = useState(null);
  const t = useRef(null);
  useEffect(() => {
    clearTimeout(t.current);
    if (!f.categories.length || !person) { setQ(null); return undefined; }
    t.current = setTimeout(async () => {
      const body = {
        month: (f.submitted_on || today()).slice(0, 7),
        person: { birth_date: person.birth_date, disability: form === "1d" ? f.disability : "none",
          studying: f.categories.includes("K2") },
        categories: f.categories,
      };
      if (form === "1b") body.children = f.children.filter((c) => c.birth_date).map((c) => ({ birth_date: c.birth_date, studying: c.studying }));
      try { setQ({ ok: await post("/api/v1/quote", body) }); } catch (e) { setQ({ error: e }); }
    }, 250);
    return () => clearTimeout(t.current);
  }, [person, form, JSON.stringify(f)]);
  return html`<aside class="preview" aria-live="polite" aria-labelledby="h-prev">
    <h3 id="h-prev">${T("Mức trợ cấp dự kiến")}</h3>
    ${!q ? html`<p class="muted">${T("Chọn diện để xem mức hưởng.")}</p>`
      : q.error ? html`<p class="field-error">${q.error.message}</p>`
      : html`<p class="total">${money(q.ok.total)}${T(" / tháng")}</p>
        <ul class="todo">${q.ok.lines.map((l) => html`<li>${l.category}: ${T("hệ số")} ${l.coefficient} × ${money(l.standard_level)} = ${money(l.amount)}
          ${l.paid ? "" : html` <em>(${T("không cộng")})</em>`}<br /><span class="explain">${l.basis}</span></li>`)}
          ${(q.ok.ineligible || []).map((x) => html`<li class="field-error">${x.category}: ${x.reason}</li>`)}</ul>`}
  </aside>`;
}

export default function DossierNew({ user }) {
  const q0 = hashQuery();
  const [person, setPerson] = useState(null);
  const [kind, setKind] = useState("grant");
  const [form, setForm] = useState("1c");
  const [f, setF] = useState({ categories: [], submitted_on: today(), disability: "severe", certificate_on: null,
    applicant: "", note: "", poor: "poor", children: [{ birth_date: null, studying: false }], hiv_on: null,
    proposed: "terminate", ground: "death", event_on: null, pension: "none", school: "" });
  const [errs, setErrs] = useState({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (q0.person) get(`/api/v1/persons/${q0.person}`).then((r) => setPerson(r.person), () => {});
  }, []);
  const set = (k) => (v) => setF({ ...f, [k]: v });
  const toggleCat = (c) => { setErrs({ ...errs, categories: undefined }); setF({ ...f, categories: f.categories.includes(c) ? f.categories.filter((x) => x !== c) : [...f.categories, c] }); };
  const note = () => {
    const parts = [`${FORMS[form] ? FORMS[form].title.split(" — ")[0] : ""}`];
    if (["1b", "1c", "1đ"].includes(form)) parts.push(`${T("Hộ")}: ${f.poor === "poor" ? "nghèo" : "cận nghèo"}`);
    if (form === "1c") parts.push(`Lương hưu/trợ cấp BHXH: ${f.pension === "none" ? "không" : "có"}`);
    if (form === "1b") parts.push(`Con: ${f.children.filter((c) => c.birth_date).map((c) => date(c.birth_date) + (c.studying ? " (đang học)" : "")).join(", ")}`);
    if (form === "1a" && f.school) parts.push(`Trường: ${f.school}`);
    if (form === "1đ" && f.hiv_on) parts.push(`Giấy xác nhận ngày ${date(f.hiv_on)}`);
    if (f.note.trim()) parts.push(f.note.trim());
    return parts.filter(Boolean).join("; ");
  };
  const submit = async (ev) => {
    ev.preventDefault();
    const e = {};
    if ((kind === "grant" || kind === "adjust") && !f.categories.length) e.categories = T("Chọn ít nhất một diện.");
    if (form === "1d" && kind === "grant" && !f.certificate_on) e.certificate_on = T("Nhập ngày cấp giấy xác nhận khuyết tật.");
    if (!f.submitted_on) e.submitted_on = T("Nhập ngày nộp theo dạng dd/mm/yyyy.");
    setErrs(e);
    if (Object.keys(e).length) { document.getElementById(Object.keys(e)[0])?.focus(); return; }
    const body = { person_id: person.id, kind, submitted_on: f.submitted_on };
    if (f.applicant.trim()) body.applicant = f.applicant.trim();
    if (kind === "grant" || kind === "adjust" || kind === "care") {
      body.categories = f.categories;
      if (form === "1d") { body.disability = f.disability; if (f.certificate_on) body.certificate_on = f.certificate_on; }
      body.note = note();
    } else if (kind === "stop") {
      body.proposed = f.proposed;
      if (f.ground) body.ground = f.ground;
      if (f.event_on) body.event_on = f.event_on;
      if (f.note.trim()) body.note = f.note.trim();
    } else if (kind === "funeral") {
      if (f.event_on) body.event_on = f.event_on;
      if (f.note.trim()) body.note = f.note.trim();
    }
    setBusy(true);
    try {
      const r = await post("/api/v1/dossiers", body);
      go(`/dossiers/${r.dossier.id}`);
    } catch (x) {
      const fe = formErrors(x);
      setErrs(fe);
      setBusy(false);
      const k = Object.keys(fe)[0];
      if (k && document.getElementById(k)) document.getElementById(k).focus();
    }
  };
  const stepNo = person ? 2 : 1;
  return html`<${Page} title=${T("Tiếp nhận hồ sơ")} guide="tiep-nhan-ho-so">
    <ol class="wizard-steps" aria-label=${T("Các bước")}>
      <li aria-current=${stepNo === 1 ? "step" : undefined}>${T("1. Người đề nghị")}</li>
      <li aria-current=${stepNo === 2 ? "step" : undefined}>${T("2. Nội dung đề nghị")}</li>
      <li>${T("3. Tiếp nhận")}</li>
    </ol>
    ${!person ? html`<${PersonStep} user=${user} onPick=${setPerson} />` : html`
    <form onSubmit=${submit} novalidate>
      <div class="card">
        <h2>${T("1. Người đề nghị")}</h2>
        <p><strong>${person.full_name}</strong> — ${date(person.birth_date)} (${T("{n} tuổi", { n: age(person.birth_date) })})${person.id_number ? `, CCCD ${person.id_number}` : ""}${" "}
          <button type="button" class="link" onClick=${() => setPerson(null)}>${T("Chọn người khác")}</button></p>
        <${ErrorBox} error=${errs.person_id ? { message: errs.person_id } : null} />
      </div>
      <div class="grid">
        <div class="card">
          <h2>${T("2. Nội dung đề nghị")}</h2>
          <${Select} id="kind" label=${T("Loại hồ sơ")} value=${kind} onChange=${setKind} error=${errs.kind} options=${[
            ["grant", T("Đề nghị hưởng trợ cấp xã hội hằng tháng")], ["adjust", T("Điều chỉnh mức hưởng")],
            ["stop", T("Thôi hưởng, tạm dừng, hưởng lại")], ["care", T("Hỗ trợ kinh phí chăm sóc")], ["funeral", T("Hỗ trợ chi phí mai táng")]]} />
          ${kind === "grant" || kind === "adjust" || kind === "care" ? html`
            <${Select} id="form" label=${T("Tờ khai (Nghị định 20/2021/NĐ-CP)")} value=${form}
              onChange=${(v) => { setForm(v); setF({ ...f, categories: [] }); }}
              options=${Object.entries(FORMS).map(([k, v]) => [k, T(v.title)])}
              hint=${T("Cách ghép mẫu với diện theo RULES.md §6.1 (chưa kiểm chứng).")} />
            <fieldset id="categories" tabindex="-1" aria-describedby=${errs.categories ? "categories-err" : undefined}>
              <legend>${T("Diện đề nghị")}<span class="req" aria-hidden="true"> *</span></legend>
              <div class="checks">${FORMS[form].cats.map((c) => html`<label>
                <input type="checkbox" checked=${f.categories.includes(c)} onChange=${() => toggleCat(c)} />
                <span><strong>${c}</strong> — ${categoryName(c)}</span></label>`)}</div>
              ${errs.categories ? html`<p class="field-error" id="categories-err">${errs.categories}</p>` : ""}
            </fieldset>
            ${form === "1d" ? html`<div class="row">
              <${Select} id="disability" label=${T("Mức độ khuyết tật")} value=${f.disability} onChange=${set("disability")}
                error=${errs.disability} options=${[["severe", T("Nặng")], ["especially_severe", T("Đặc biệt nặng")]]} />
              <${DateInput} id="certificate_on" label=${T("Ngày cấp giấy xác nhận khuyết tật")} iso=${f.certificate_on}
                onChange=${set("certificate_on")} error=${errs.certificate_on} required />
            </div>` : ""}
            ${["1b", "1c", "1đ"].includes(form) ? html`<${Select} id="poor" label=${T("Hộ gia đình")} value=${f.poor} onChange=${set("poor")}
              options=${[["poor", T("Hộ nghèo")], ["near_poor", T("Hộ cận nghèo")]]} />` : ""}
            ${form === "1c" ? html`<${Select} id="pension" label=${T("Lương hưu, trợ cấp BHXH hằng tháng")} value=${f.pension} onChange=${set("pension")}
              options=${[["none", T("Không có")], ["yes", T("Có")]]} />` : ""}
            ${form === "1a" ? html`<${Input} id="school" label=${T("Trường đang học (nếu từ 16 tuổi)")} value=${f.school} onInput=${set("school")} />` : ""}
            ${form === "1đ" ? html`<${DateInput} id="hiv_on" label=${T("Ngày cấp giấy xác nhận nhiễm HIV")} iso=${f.hiv_on} onChange=${set("hiv_on")}
              hint=${T("Thông tin HIV không bao giờ được niêm yết công khai.")} />` : ""}
            ${form === "1b" ? html`<fieldset><legend>${T("Con đang nuôi")}</legend>
              ${f.children.map((c, i) => html`<div class="row">
                <${DateInput} id=${`child-${i}`} label=${T("Ngày sinh con thứ {n}", { n: i + 1 })} iso=${c.birth_date}
                  onChange=${(v) => setF({ ...f, children: f.children.map((x, j) => (j === i ? { ...x, birth_date: v } : x)) })} />
                <div class="field checks"><label><input type="checkbox" checked=${c.studying}
                  onChange=${() => setF({ ...f, children: f.children.map((x, j) => (j === i ? { ...x, studying: !x.studying } : x)) })} />
                  ${T("Đang đi học")}</label></div></div>`)}
              <button type="button" class="secondary" onClick=${() => setF({ ...f, children: [...f.children, { birth_date: null, studying: false }] })}>${T("Thêm con")}</button>
            </fieldset>` : ""}` : ""}
          ${kind === "stop" ? html`
            <${Select} id="proposed" label=${T("Đề nghị")} value=${f.proposed} error=${errs.proposed}
              onChange=${(v) => setF({ ...f, proposed: v, ground: GROUNDS[v][0][0] })}
              options=${[["terminate", T("Thôi hưởng")], ["suspend", T("Tạm dừng")], ["resume", T("Hưởng lại")]]} />
            <${Select} id="ground" label=${T("Lý do")} value=${f.ground} onChange=${set("ground")} error=${errs.ground}
              options=${GROUNDS[f.proposed].map(([k, v]) => [k, T(v)])} />` : ""}
          ${kind === "stop" || kind === "funeral" ? html`<${DateInput} id="event_on" label=${T("Ngày phát sinh sự việc")}
              iso=${f.event_on} onChange=${set("event_on")} error=${errs.event_on} />` : ""}
          <${DateInput} id="submitted_on" label=${T("Ngày nộp hồ sơ")} iso=${f.submitted_on} onChange=${set("submitted_on")}
            error=${errs.submitted_on} required />
          <${Input} id="applicant" label=${T("Người nộp (bản thân, người giám hộ…)")} value=${f.applicant} onInput=${set("applicant")} error=${errs.applicant} />
          <${Field} id="note" label=${T("Ghi chú")} error=${errs.note}>${(a) => html`<textarea ...${a}
            onInput=${(e) => set("note")(e.currentTarget.value)}>${f.note}</textarea>`}<//>
        </div>
        ${kind === "grant" || kind === "adjust" ? html`<${Preview} person=${person} form=${form} f=${f} />` : ""}
      </div>
      <${ErrorBox} error=${errs._ ? { message: errs._ } : null} />
      <div class="actions"><button type="submit" disabled=${busy}>${busy ? T("Đang lưu…") : T("Tiếp nhận hồ sơ")}</button></div>
    </form>`}
  <//>`;
}
