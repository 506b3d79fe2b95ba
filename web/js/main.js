// ansinh web app: the frame (header, menu by role, language, guide link,
// long jobs) and the hash router that loads each screen on demand, so the
// first load carries only the frame and the login page.
import { html, render, useState, useEffect } from "./lib.js";
import { T, ready, setLang, getLang } from "./i18n.js";
import { get, api, setCsrf, setUnauthenticatedHandler } from "./api.js";
import { roleName, can } from "./words.js";
import { setToday, num } from "./fmt.js";
import { Loading, ErrorBox, go } from "./ui.js";
import * as jobs from "./jobs.js";

const ROUTES = [
  [/^\/login$/, "login"],
  [/^\/$/, "home"],
  [/^\/search$/, "search"],
  [/^\/persons\/(\d+)$/, "person"],
  [/^\/dossiers$/, "inbox"],
  [/^\/dossiers\/new$/, "dossier_new"],
  [/^\/dossiers\/(\d+)$/, "dossier"],
  [/^\/posting$/, "posting"],
  [/^\/payrolls$/, "payrolls"],
  [/^\/payrolls\/(\d+)$/, "payroll"],
  [/^\/tasks$/, "tasks"],
  [/^\/units$/, "units"],
  [/^\/oversight$/, "oversight"],
];

// The screens' modules (web/js/screens/<name>.js), loaded when first shown.
const loaders = {
  login: () => import("./screens/login.js"),
  home: () => import("./screens/home.js"),
  search: () => import("./screens/search.js"),
  person: () => import("./screens/person.js"),
  inbox: () => import("./screens/inbox.js"),
  dossier_new: () => import("./screens/dossier_new.js"),
  dossier: () => import("./screens/dossier.js"),
  posting: () => import("./screens/posting.js"),
  payrolls: () => import("./screens/payrolls.js"),
  payroll: () => import("./screens/payroll.js"),
  tasks: () => import("./screens/tasks.js"),
  units: () => import("./screens/units.js"),
  oversight: () => import("./screens/oversight.js"),
};

function parseHash() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const [path, qs] = raw.split("?");
  const query = Object.fromEntries(new URLSearchParams(qs || ""));
  for (const [re, name] of ROUTES) {
    const m = re.exec(path);
    if (m) return { name, params: m.slice(1), query, path };
  }
  return { name: "notfound", params: [], query, path };
}

// The menu of a role: [route, label].
function menu(role) {
  const items = [["/", "Trang chủ"]];
  if (can.persons(role)) items.push(["/search", "Tra cứu"]);
  if (can.dossierCreate(role)) items.push(["/dossiers/new", "Tiếp nhận hồ sơ"]);
  if (can.persons(role)) items.push(["/dossiers", "Hồ sơ"]);
  if (can.persons(role)) items.push(["/tasks", "Công việc"]);
  if (["commune_officer", "commune_chairman", "province_officer", "auditor", "admin"].includes(role)) {
    items.push(["/posting", "Niêm yết"]);
  }
  if (can.payroll(role)) items.push(["/payrolls", "Chi trả"]);
  if (can.reports(role)) items.push(["/oversight", "Số liệu"]);
  items.push(["/units", "Đơn vị hành chính"]);
  return items;
}

// How far a job got, when the server reports it: a <progress> and
// "Đã xử lý 12.345/40.821 người (30%)".
function JobFraction(j) {
  const f = jobs.fraction(j);
  if (!f) return "";
  const text = T(j.unit === "rows" ? "Đã xử lý {d}/{t} dòng ({p}%)" : "Đã xử lý {d}/{t} người ({p}%)",
    { d: num(f.done), t: num(f.total), p: f.pct });
  return html`<progress max=${f.total} value=${f.done} aria-label=${text}></progress>
    <span class="job-fraction">${text}</span>`;
}

function JobsBar() {
  const [list, setList] = useState(jobs.list());
  const [, tick] = useState(0);
  useEffect(() => jobs.subscribe((l) => setList([...l])), []);
  useEffect(() => {
    if (!list.some((j) => j.state === "running")) return undefined;
    const t = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(t);
  }, [list]);
  if (!list.length) return null;
  return html`<section class="jobs" aria-label=${T("Việc đang chạy")} aria-live="polite">
    ${list.map((j) => {
      const secs = Math.round(((j.ended || Date.now()) - j.started) / 1000);
      return html`<div class=${`job job-${j.state}`} key=${j.id}>
        ${j.state === "running" ? html`<span class="spinner" aria-hidden="true"></span>` : ""}
        <span>${j.label}: ${j.state === "running" ? T("đang chạy ({s} giây)…", { s: secs })
          : j.state === "done" ? T("xong ({s} giây).", { s: secs })
          : j.state === "detached" ? T("trang đã đóng khi đang chạy; máy chủ vẫn làm tiếp.")
          : T("lỗi: {m}", { m: j.message || "" })}</span>
        ${JobFraction(j)}
        ${j.link && j.state !== "running" ? html`<a href=${"#" + j.link}>${T("Xem")}</a>` : ""}
        ${j.state !== "running" ? html`<button type="button" class="link" onClick=${() => jobs.dismiss(j.id)}>
          ${T("Ẩn")}<span class="sr-only"> ${j.label}</span></button>` : ""}
      </div>`;
    })}
  </section>`;
}

function Header({ user, route, onLogout, onLang }) {
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [route.path]);
  const items = user ? menu(user.role) : [];
  const current = (p) => (p === "/" ? route.path === "/" : route.path === p ||
    (route.path.startsWith(p + "/") && !(p === "/dossiers" && route.path === "/dossiers/new")));
  return html`<header class="top">
    <a class="skip" href="#main">${T("Bỏ qua đến nội dung chính")}</a>
    <div class="bar">
      <a class="brand" href="#/"><span class="logo" aria-hidden="true"></span>ansinh
        <span class="brand-sub">${T("Trợ giúp xã hội")}</span></a>
      ${user ? html`<button type="button" class="menu-toggle" aria-expanded=${open ? "true" : "false"}
          aria-controls="mainnav" onClick=${() => setOpen(!open)}>${T("Menu")}</button>` : ""}
      <div class="who">
        ${user ? html`<span class="user"><strong>${user.full_name}</strong>
          <span class="role">${roleName(user.role)}${user.area ? ` · ${user.area.name}` : ""}</span></span>` : ""}
        <button type="button" class="lang" onClick=${onLang}
          lang=${getLang() === "vi" ? "en" : "vi"}>${getLang() === "vi" ? "English" : "Tiếng Việt"}</button>
        ${user ? html`<button type="button" class="secondary" onClick=${onLogout}>${T("Đăng xuất")}</button>` : ""}
      </div>
    </div>
    ${user ? html`<nav id="mainnav" class=${"mainnav" + (open ? " open" : "")} aria-label=${T("Chức năng")}>
      <ul>${items.map(([p, label]) => html`<li><a href=${"#" + p}
        aria-current=${current(p) ? "page" : undefined}>${T(label)}</a></li>`)}</ul>
    </nav>` : ""}
    <${JobsBar} />
  </header>`;
}

function Screen({ route, user, setUser }) {
  const [mod, setMod] = useState(null);
  const [err, setErr] = useState(null);
  useEffect(() => {
    let live = true;
    setErr(null);
    const load = loaders[route.name];
    if (!load) { setMod({ name: "notfound" }); return undefined; }
    load().then((m) => live && setMod({ name: route.name, C: m.default }), (e) => live && setErr(e));
    return () => { live = false; };
  }, [route.name]);
  if (err) return html`<${ErrorBox} error=${err} />`;
  if (!mod || (mod.name !== route.name && route.name !== "notfound")) return html`<${Loading} />`;
  if (mod.name === "notfound") {
    return html`<section class="page"><h1>${T("Không tìm thấy trang")}</h1>
      <p><a href="#/">${T("Về trang chủ")}</a></p></section>`;
  }
  const C = mod.C;
  return html`<${C} key=${route.path} user=${user} setUser=${setUser}
    params=${route.params} query=${route.query} />`;
}

function App() {
  const [route, setRoute] = useState(parseHash());
  const [user, setUser] = useState(undefined); // undefined: asking /me
  const [, setLangTick] = useState(0);
  useEffect(() => {
    const f = () => setRoute(parseHash());
    window.addEventListener("hashchange", f);
    setUnauthenticatedHandler(() => {
      setUser(null);
      setCsrf(null);
      if (parseHash().name !== "login") {
        sessionStorage.setItem("ansinh.after", location.hash);
        go("/login");
      }
    });
    get("/api/v1/me").then((me) => { setCsrf(me.csrf_token); if (me.today) setToday(me.today); setUser(me.user); },
      () => { setUser(null); });
    return () => window.removeEventListener("hashchange", f);
  }, []);
  useEffect(() => {
    if (user === null && route.name !== "login") {
      sessionStorage.setItem("ansinh.after", location.hash);
      go("/login");
    }
    if (user && route.name === "login") go("/");
  }, [user, route.name]);
  const onLogout = async () => {
    try { await api("DELETE", "/api/v1/session"); } catch { /* gone already */ }
    setCsrf(null);
    setUser(null);
    go("/login");
  };
  const onLang = async () => {
    await setLang(getLang() === "vi" ? "en" : "vi");
    setLangTick((n) => n + 1);
  };
  const login = (me) => {
    setCsrf(me.csrf_token);
    if (me.today) setToday(me.today);
    setUser(me.user);
    const after = sessionStorage.getItem("ansinh.after");
    sessionStorage.removeItem("ansinh.after");
    go(after && !after.includes("/login") ? after.replace(/^#/, "") : "/");
  };
  return html`<${Header} user=${user} route=${route} onLogout=${onLogout} onLang=${onLang} />
    <main id="main" tabindex="-1">
      ${user === undefined ? html`<${Loading} />`
        : !user ? (route.name === "login" ? html`<${Screen} route=${route} user=${null} setUser=${login} />` : html`<${Loading} />`)
        : html`<${Screen} route=${route} user=${user} setUser=${setUser} />`}
    </main>
    <footer class="bottom"><p>${T("ansinh — phần mềm mã nguồn mở quản lý trợ giúp xã hội.")}${" "}
      <a href="/guide/index.html" target="_blank" rel="noopener">${T("Hướng dẫn sử dụng")}</a></p></footer>`;
}

ready().then(() => render(html`<${App} />`, document.getElementById("app")));
