// One dossier: its steps with deadlines, what was done, and the actions
// the procedure allows now (POST /dossiers/:id/transitions with the
// version, a date and a note); at the decision step the chairman signs
// (POST /decisions) and the letter opens as a print view.
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get, post } from "../api.js";
import { date, dateTime, today } from "../fmt.js";
import { Page, useLoad, Loaded, DataTable, Input, DateInput, Field, ErrorBox, formErrors } from "../ui.js";
import { kindName, dossierStateName, roleName } from "../words.js";
import { DeadlineBadge } from "./inbox.js";

function ActForm({ d, action, onDone }) {
  const [on, setOn] = useState(today());
  const [note, setNote] = useState("");
  const [errs, setErrs] = useState({});
  const [busy, setBusy] = useState(false);
  const needsNote = ["refuse", "request_documents", "withdraw"].includes(action.code);
  const act = async (ev) => {
    ev.preventDefault();
    if (needsNote && !note.trim()) { setErrs({ note: T("Ghi rõ lý do hoặc giấy tờ cần bổ sung.") }); return; }
    setBusy(true);
    try {
      const body = { action: action.code, version: d.version, date: on || undefined };
      if (note.trim()) body.note = note.trim();
      onDone(await post(`/api/v1/dossiers/${d.id}/transitions`, body));
    } catch (e) { setErrs(formErrors(e)); setBusy(false); }
  };
  const id = `act-${action.code}`;
  return html`<form class="card" onSubmit=${act} novalidate aria-labelledby=${`${id}-h`}>
    <h3 id=${`${id}-h`}>${action.name}</h3>
    <div class="row">
      <${DateInput} id=${`${id}-date`} label=${T("Ngày thực hiện")} iso=${on} onChange=${setOn} error=${errs.date} />
    </div>
    <${Field} id=${`${id}-note`} label=${needsNote ? T("Lý do, nội dung (bắt buộc)") : T("Ghi chú")} error=${errs.note}>
      ${(a) => html`<textarea ...${a} onInput=${(e) => setNote(e.currentTarget.value)}>${note}</textarea>`}<//>
    <${ErrorBox} error=${errs._ || errs.action || errs.version ? { message: errs._ || errs.action || errs.version } : null} />
    <button type="submit" class=${action.code === "refuse" || action.code === "withdraw" ? "danger" : ""} disabled=${busy}>${action.name}</button>
  </form>`;
}

function SignForm({ d, onDone }) {
  const [number, setNumber] = useState("");
  const [on, setOn] = useState(today());
  const [errs, setErrs] = useState({});
  const [busy, setBusy] = useState(false);
  const sign = async (ev) => {
    ev.preventDefault();
    if (!number.trim()) { setErrs({ number: T("Nhập số quyết định, ví dụ 15/QĐ-UBND.") }); return; }
    setBusy(true);
    try {
      const r = await post("/api/v1/decisions", { dossier_id: d.id, version: d.version, number: number.trim(), signed_on: on || undefined });
      onDone(r);
    } catch (e) { setErrs(formErrors(e)); setBusy(false); }
  };
  return html`<form class="card" onSubmit=${sign} novalidate aria-labelledby="h-sign">
    <h3 id="h-sign">${T("Ký quyết định")}</h3>
    <div class="row">
      <${Input} id="number" label=${T("Số quyết định")} value=${number} onInput=${setNumber} error=${errs.number} required
        hint=${T("Ví dụ: 15/QĐ-UBND")} />
      <${DateInput} id="signed_on" label=${T("Ngày ký")} iso=${on} onChange=${setOn} error=${errs.signed_on} />
    </div>
    <${ErrorBox} error=${errs._ || errs.dossier_id || errs.version ? { message: errs._ || errs.dossier_id || errs.version } : null} />
    <button type="submit" disabled=${busy}>${T("Ký quyết định")}</button>
  </form>`;
}

export default function Dossier({ user, params }) {
  const id = params[0];
  const s = useLoad(() => get(`/api/v1/dossiers/${id}`), [id]);
  const [msg, setMsg] = useState(null);
  return html`<${Loaded} state=${s.error && s.error.status === 404 ? { ...s, error: { message: T("Không tìm thấy hồ sơ này trong địa bàn của bạn.") } } : s}>${({ dossier: d }) => {
    const canSign = d.state === "open" && d.step && d.step.code === "decision" && ["commune_chairman", "district_chairman"].includes(user.role);
    const acts = (d.actions || []).filter((a) => a.endpoint === "transitions" && a.code !== "decide");
    const done = (r) => {
      if (r.decision) setMsg({ text: T("Đã ký quyết định {n}.", { n: r.decision.number }), print: r.decision.print_url });
      else setMsg({ text: T("Đã ghi nhận.") });
      s.reload();
    };
    return html`<${Page} title=${T("Hồ sơ #{id}: {name}", { id: d.id, name: d.person.full_name })} guide="xu-ly-ho-so">
      ${msg ? html`<p class="ok-box" role="status">${msg.text}
        ${msg.print ? html` <a href=${msg.print} target="_blank" rel="noopener">${T("Xem, in quyết định")}</a>` : ""}</p>` : ""}
      <div class="grid">
        <section class="card" aria-labelledby="h-d">
          <h2 id="h-d">${kindName(d.kind)}</h2>
          <dl class="facts">
            <dt>${T("Người đề nghị")}</dt><dd><a href=${`#/persons/${d.person.id}`}>${d.person.full_name}</a> (${date(d.person.birth_date)})</dd>
            <dt>${T("Diện")}</dt><dd>${(d.categories || []).map((c) => `${c.code} — ${c.name}`).join("; ")}</dd>
            <dt>${T("Ngày nộp")}</dt><dd>${date(d.submitted_on)}</dd>
            <dt>${T("Thủ tục")}</dt><dd>${d.procedure.name}</dd>
            <dt>${T("Tình trạng")}</dt><dd>${dossierStateName(d.state)} ${d.state === "open" && d.step ? html`<${DeadlineBadge} d=${{ ...d.step, state: "open" }} />` : ""}</dd>
            ${d.step && d.state === "open" ? html`<dt>${T("Bước hiện tại")}</dt><dd>${d.step.name} — ${T("hạn {d}", { d: date(d.step.deadline) })}</dd>` : ""}
            ${d.note ? html`<dt>${T("Ghi chú")}</dt><dd>${d.note}</dd>` : ""}
          </dl>
          ${d.decision ? html`<p>${T("Quyết định")}: <strong>${d.decision.number}</strong> ${T("ngày {d}", { d: date(d.decision.signed_on) })}
            — <a href=${`/api/v1/decisions/${d.decision.id}/print`} target="_blank" rel="noopener">${T("Xem, in quyết định")}</a></p>` : ""}
        </section>
        <section class="card" aria-labelledby="h-steps">
          <h2 id="h-steps">${T("Các bước")}</h2>
          <ol class="steps">${(d.steps || []).map((st) => html`<li class=${st.ended_on ? "done" : "current"}>
            <strong>${st.name}</strong><br />
            <span class="todo-meta">${T("bắt đầu {a}, hạn {b}", { a: date(st.started_on), b: date(st.deadline) || "—" })}
            ${st.ended_on ? T(", xong {d} ({who})", { d: date(st.ended_on), who: st.ended_by || "" }) : ""}
            ${st.late ? html` <span class="badge badge-bad">${T("Trễ hạn")}</span>` : ""}</span></li>`)}</ol>
        </section>
      </div>
      ${d.state === "open" ? html`<h2>${T("Thao tác ở bước này")}</h2>
        ${acts.length === 0 && !canSign ? html`<p class="muted">${T("Bước này không có thao tác nào cho vai trò {r}.", { r: roleName(user.role) })}</p>` : ""}
        <div class="grid">
          ${canSign ? html`<${SignForm} d=${d} onDone=${done} />` : ""}
          ${acts.map((a) => html`<${ActForm} key=${a.code + d.version} d=${d} action=${a} onDone=${done} />`)}
        </div>` : ""}
      <section class="card" aria-labelledby="h-ev">
        <h2 id="h-ev">${T("Nhật ký hồ sơ")}</h2>
        <${DataTable} rows=${d.events || []} sortable=${false} columns=${[
          { key: "acted_on", label: T("Ngày"), render: (r) => date(r.acted_on) },
          { key: "action_name", label: T("Thao tác") },
          { key: "actor", label: T("Người thực hiện"), render: (r) => `${r.actor} (${roleName(r.actor_role)})` },
          { key: "note", label: T("Ghi chú") },
          { key: "recorded_at", label: T("Ghi lúc"), render: (r) => dateTime(r.recorded_at) },
        ]} />
      </section>
    <//>`;
  }}<//>`;
}
