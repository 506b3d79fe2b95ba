// Home: the to-do list of the signed-in role, from existing endpoints:
// dossiers due soon and overdue (GET /dossiers), life-event tasks (GET
// /tasks), payrolls waiting for this role (GET /payrolls).
import { html, useState } from "../lib.js";
import { T } from "../i18n.js";
import { get, post } from "../api.js";
import { date, money, month, today, thisMonth, num } from "../fmt.js";
import { Page, useLoad, Loaded, Badge, ErrorBox, go } from "../ui.js";
import { can, kindName, payrollStateName } from "../words.js";

function DossierList({ items, empty }) {
  if (!items.length) return html`<p class="muted">${empty}</p>`;
  return html`<ul class="todo">${items.map((d) => html`<li>
    <a href=${`#/dossiers/${d.id}`}>${d.person.full_name}</a> — ${kindName(d.kind)}, ${d.step_name}
    <span class="todo-meta">${T("hạn {d}", { d: date(d.deadline) })}
      ${d.overdue ? html` <${Badge} kind="bad">${T("Quá hạn {n} ngày làm việc", { n: -d.working_days_left })}<//>`
        : d.deadline ? html` <${Badge} kind=${d.working_days_left <= 2 ? "warn" : "info"}>${T("còn {n} ngày làm việc", { n: d.working_days_left })}<//>` : ""}
      ${d.paused ? html` <${Badge}>${T("Chờ bổ sung")}<//>` : ""}${d.held ? html` <${Badge} kind="warn">${T("Có khiếu nại")}<//>` : ""}</span>
  </li>`)}</ul>`;
}

async function loadTodo(role) {
  const out = {};
  const tasks = [];
  if (can.persons(role)) {
    tasks.push(get("/api/v1/dossiers", { state: "open", per_page: 100 }).then((r) => { out.dossiers = r; }));
    tasks.push(get("/api/v1/tasks", { state: "open", per_page: 20 }).then((r) => { out.tasks = r; }));
  }
  if (can.payroll(role)) {
    tasks.push(get("/api/v1/payrolls", { per_page: 20 }).then((r) => { out.payrolls = r; }));
  }
  await Promise.all(tasks);
  return out;
}

// Which payrolls wait for this role.
function payrollTodo(role, user, p) {
  if (can.payrollApprove(role) && p.state === "checked") return T("chờ phê duyệt");
  if (can.payrollPrepare(role) && p.state === "prepared" && p.prepared_by !== user.username) return T("chờ kiểm tra");
  if (can.payrollPrepare(role) && p.state === "approved") return T("chờ gửi tổ chức chi trả");
  if (role === "provider" && (p.state === "sent" || p.state === "approved")) return T("chờ chi trả và gửi kết quả");
  return null;
}

export default function Home({ user }) {
  const role = user.role;
  const s = useLoad(() => loadTodo(role), [role]);
  const [gen, setGen] = useState(null);
  if (role === "supervisor") {
    go("/oversight");
    return null;
  }
  const generate = async () => {
    setGen({ busy: true });
    try {
      const r = await post("/api/v1/tasks/generate", { month: thisMonth() });
      setGen({ done: T("Đã tạo {c} công việc mới ({e} đã có).", { c: r.created, e: r.existing }) });
      s.reload();
    } catch (e) { setGen({ error: e }); }
  };
  return html`<${Page} title=${T("Việc cần làm")} guide=${`trang-chu`}>
    <p class="lead">${T("Xin chào {name}. Hôm nay là {d}.", { name: user.full_name, d: date(today()) })}</p>
    <${Loaded} state=${s}>${(d) => {
      const open = d.dossiers ? d.dossiers.items : [];
      const overdue = open.filter((x) => x.overdue);
      const chairStep = open.filter((x) => !x.overdue && x.step === "decision");
      const soon = open.filter((x) => !x.overdue && x.step !== "decision");
      const pays = (d.payrolls ? d.payrolls.items : []).map((p) => ({ p, why: payrollTodo(role, user, p) })).filter((x) => x.why);
      return html`<div class="grid">
        ${d.dossiers ? html`<section class="card" aria-labelledby="h-overdue">
          <h2 id="h-overdue">${T("Bước quá hạn")} <${Badge} kind=${overdue.length ? "bad" : "ok"}>${num(overdue.length)}<//></h2>
          <${DossierList} items=${overdue} empty=${T("Không có hồ sơ quá hạn.")} />
        </section>
        ${["commune_chairman", "district_chairman"].includes(role) ? html`<section class="card" aria-labelledby="h-sign">
          <h2 id="h-sign">${T("Hồ sơ chờ quyết định")} <${Badge}>${num(chairStep.length)}<//></h2>
          <${DossierList} items=${chairStep} empty=${T("Không có hồ sơ chờ ký.")} />
        </section>` : ""}
        <section class="card" aria-labelledby="h-due">
          <h2 id="h-due">${T("Hồ sơ đang xử lý, theo hạn")} <${Badge}>${num(soon.length + (role.endsWith("chairman") ? 0 : chairStep.length))}<//></h2>
          <${DossierList} items=${role.endsWith("chairman") ? soon : open.filter((x) => !x.overdue)} empty=${T("Không có hồ sơ đang xử lý.")} />
          <p><a href="#/dossiers">${T("Mở hộp hồ sơ")}</a>${can.dossierCreate(role) ? html` · <a href="#/dossiers/new">${T("Tiếp nhận hồ sơ mới")}</a>` : ""}</p>
        </section>` : ""}
        ${d.tasks ? html`<section class="card" aria-labelledby="h-tasks">
          <h2 id="h-tasks">${T("Sự kiện cần xử lý trong tháng")} <${Badge}>${num(d.tasks.total)}<//></h2>
          ${d.tasks.items.length ? html`<ul class="todo">${d.tasks.items.slice(0, 8).map((t) => html`<li>
            ${t.person ? html`<a href=${`#/persons/${t.person.id}`}>${t.person.full_name}</a> — ` : ""}${t.title}
            <span class="todo-meta">${T("hạn {d}", { d: date(t.due_on) })}${t.overdue ? html` <${Badge} kind="bad">${T("Quá hạn")}<//>` : ""}</span>
          </li>`)}</ul>` : html`<p class="muted">${T("Chưa có công việc mở.")}</p>`}
          <p><a href="#/tasks">${T("Tất cả công việc")}</a></p>
          ${can.personWrite(role) ? html`<p><button type="button" class="secondary" onClick=${generate} disabled=${gen && gen.busy}>
            ${T("Tạo công việc tháng {m}", { m: month(thisMonth()) })}</button></p>` : ""}
          ${gen && gen.done ? html`<p role="status">${gen.done}</p>` : ""}
          <${ErrorBox} error=${gen && gen.error} />
        </section>` : ""}
        ${d.payrolls ? html`<section class="card" aria-labelledby="h-pay">
          <h2 id="h-pay">${T("Danh sách chi trả cần xử lý")} <${Badge} kind=${pays.length ? "warn" : "ok"}>${num(pays.length)}<//></h2>
          ${pays.length ? html`<ul class="todo">${pays.map(({ p, why }) => html`<li>
            <a href=${`#/payrolls/${p.id}`}>${T("Tháng {m}", { m: month(p.month) })} — ${p.area_code}</a>:
            ${why} <span class="todo-meta">${payrollStateName(p.state)}, ${money(p.total_payable)}</span></li>`)}</ul>`
            : html`<p class="muted">${T("Không có danh sách chờ bạn.")}</p>`}
          <p><a href="#/payrolls">${T("Mở chi trả")}</a></p>
        </section>` : ""}
      </div>`;
    }}<//>
  <//>`;
}
