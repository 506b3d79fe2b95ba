// Words of the interface. Vietnamese is the language of the application
// and the key of every string; English is a translation table (en.js),
// loaded only when a user switches to it. The choice is kept in
// localStorage ("ansinh.lang").
//
//   T("Tìm kiếm")                  -> "Tìm kiếm" or "Search"
//   T("{n} hồ sơ", { n: 3 })       -> "3 hồ sơ" or "3 dossiers"

let lang = "vi";
let en = null;

try {
  if (localStorage.getItem("ansinh.lang") === "en") lang = "en";
} catch { /* storage blocked: stay in Vietnamese */ }

export function getLang() { return lang; }

// Load the English table when needed; resolves when T() can answer.
export async function ready() {
  if (lang === "en" && !en) en = (await import("./en.js")).default;
  document.documentElement.lang = lang;
}

export async function setLang(l) {
  lang = l === "en" ? "en" : "vi";
  try { localStorage.setItem("ansinh.lang", lang); } catch { /* ignore */ }
  await ready();
}

export function T(vi, params) {
  let s = vi;
  if (lang === "en" && en && Object.prototype.hasOwnProperty.call(en, vi)) s = en[vi];
  if (params) s = s.replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m));
  return s;
}
