// ansinh landing page: server health and a browser of administrative
// units (province -> district -> commune) on a chosen date. Plain ES module,
// no dependencies; talks only to the JSON API of the same origin.

const $ = (id) => document.getElementById(id);

// dd/mm/yyyy <-> YYYY-MM-DD. People read and type dd/mm/yyyy; the API
// takes ISO dates.
function isoFromVn(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 ||
      dt.getUTCDate() !== d) {
    return null;
  }
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function vnFromIso(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

// Today in Vietnam (UTC+7), as dd/mm/yyyy.
function todayVn() {
  const t = new Date(Date.now() + 7 * 3600 * 1000);
  return vnFromIso(t.toISOString().slice(0, 10));
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) {
    const msg = body && body.error ? body.error.message
      : `Lỗi máy chủ (${res.status}).`;
    throw new Error(msg);
  }
  return body;
}

async function showHealth() {
  const el = $("health");
  try {
    const h = await getJson("/healthz");
    const engine = h.engine === "postgresql" ? "PostgreSQL" : "SQLite";
    el.textContent =
      `Máy chủ hoạt động — phiên bản ${h.version}, cơ sở dữ liệu ${engine}.`;
    el.className = "health ok";
  } catch (e) {
    el.textContent = `Máy chủ chưa sẵn sàng: ${e.message}`;
    el.className = "health bad";
  }
}

// The drill-down path: [{code, name}], empty at the province list.
let trail = [];

function renderCrumbs() {
  const ol = $("units-crumbs");
  ol.replaceChildren();
  const items = [{ code: "", name: "Cả nước" }, ...trail];
  items.forEach((it, i) => {
    const li = document.createElement("li");
    if (i === items.length - 1) {
      li.textContent = it.name;
      li.setAttribute("aria-current", "page");
    } else {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = it.name;
      b.addEventListener("click", () => {
        trail = trail.slice(0, i);
        loadUnits();
      });
      li.append(b);
    }
    ol.append(li);
  });
}

function validity(u) {
  const from = vnFromIso(u.valid_from);
  return u.valid_to ? `${from} – ${vnFromIso(u.valid_to)}` : `từ ${from}`;
}

function renderUnits(units) {
  const tbody = $("units-body");
  tbody.replaceChildren();
  for (const u of units) {
    const tr = document.createElement("tr");
    const code = document.createElement("td");
    code.textContent = u.code;
    const name = document.createElement("td");
    if (u.level < 3) {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = u.name;
      b.setAttribute("aria-label", `Xem các đơn vị thuộc ${u.name}`);
      b.addEventListener("click", () => {
        trail.push({ code: u.code, name: u.name });
        loadUnits();
      });
      name.append(b);
    } else {
      name.textContent = u.name;
    }
    const type = document.createElement("td");
    type.textContent = u.type;
    const valid = document.createElement("td");
    valid.textContent = validity(u);
    tr.append(code, name, type, valid);
    tbody.append(tr);
  }
  $("units-caption").textContent = units.length
    ? `${units.length} đơn vị. Chọn tên tỉnh hoặc huyện để xem cấp dưới.`
    : "Không có đơn vị trực thuộc vào ngày này.";
}

async function loadUnits() {
  const err = $("units-error");
  const note = $("units-note");
  err.hidden = true;
  const iso = isoFromVn($("units-date").value);
  if (!iso) {
    err.textContent = "Ngày không hợp lệ: nhập theo dạng dd/mm/yyyy.";
    err.hidden = false;
    return;
  }
  const parent = trail.length ? trail[trail.length - 1].code : "";
  const q = new URLSearchParams({ date: iso });
  if (parent) q.set("parent", parent);
  renderCrumbs();
  try {
    const r = await getJson(`/api/v1/units?${q}`);
    note.hidden = !r.note;
    note.textContent = r.note || "";
    renderUnits(r.units);
  } catch (e) {
    err.textContent = e.message;
    err.hidden = false;
    renderUnits([]);
  }
}

function start() {
  $("units-date").value = todayVn();
  $("units-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    // A unit may not exist on another date: start again from the top.
    trail = [];
    loadUnits();
  });
  showHealth();
  loadUnits();
}

start();
