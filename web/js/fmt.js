// Formatting for people in Vietnam: dd/mm/yyyy dates, amounts as
// "1.250.000 đ", Vietnamese sort order (Intl.Collator "vi").

const pad = (n) => String(n).padStart(2, "0");

// "2026-01-15" (or a timestamp) -> "15/01/2026"; "" for nothing.
export function date(iso) {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : String(iso);
}

// "2026-01-15T05:08:25Z" -> "15/01/2026 12:08" in Vietnam's time (UTC+7).
export function dateTime(ts) {
  if (!ts) return "";
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return String(ts);
  const v = new Date(d.getTime() + 7 * 3600 * 1000);
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ` +
    `${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
}

// "2026-02" -> "02/2026".
export function month(ym) {
  const m = /^(\d{4})-(\d{2})/.exec(ym || "");
  return m ? `${m[2]}/${m[1]}` : "";
}

// dd/mm/yyyy (or d/m/yyyy) -> "YYYY-MM-DD", null when not a real day.
export function isoFromVn(text) {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 ||
      dt.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

// mm/yyyy -> "YYYY-MM", null otherwise.
export function ymFromVn(text) {
  const m = /^\s*(\d{1,2})\/(\d{4})\s*$/.exec(text || "");
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 12) return null;
  return `${m[2]}-${pad(Number(m[1]))}`;
}

// Integer with dots between thousands: 41172 -> "41.172".
export function num(n) {
  if (n === null || n === undefined || n === "") return "";
  const neg = Number(n) < 0;
  const s = String(Math.abs(Math.trunc(Number(n))));
  return (neg ? "−" : "") + s.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
}

// Amount in đồng: 1250000 -> "1.250.000 đ" (a no-break space before đ).
export function money(n) {
  if (n === null || n === undefined || n === "") return "";
  return `${num(n)}\u00a0đ`;
}

// Today in Vietnam (UTC+7) as "YYYY-MM-DD", or the server's date when the
// app learnt it (ANSINH_TODAY in tests and training).
let serverToday = null;
export function setToday(iso) { serverToday = iso; }
export function today() {
  if (serverToday) return serverToday;
  return new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}
export function thisMonth() { return today().slice(0, 7); }
export function addMonths(ym, k) {
  const [y, m] = ym.split("-").map(Number);
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${pad((t % 12) + 1)}`;
}

export const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });

// A copy of rows sorted by key (a function or a property) in Vietnamese
// order; numbers compare as numbers.
export function sortVi(rows, key, desc = false) {
  const get = typeof key === "function" ? key : (r) => r[key];
  const out = rows.slice().sort((a, b) => {
    const x = get(a), y = get(b);
    if (typeof x === "number" && typeof y === "number") return x - y;
    return collator.compare(x == null ? "" : String(x), y == null ? "" : String(y));
  });
  return desc ? out.reverse() : out;
}

// Age reached on a date (years).
export function age(birthIso, onIso = today()) {
  if (!birthIso) return "";
  const [by, bm, bd] = birthIso.split("-").map(Number);
  const [y, m, d] = onIso.split("-").map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}
