// The one place that talks to the server: JSON in and out, the CSRF
// header on every state-changing request, 401 -> back to the login page,
// and errors as ApiError {status, code, message, field} (docs/http.md:
// {"error": {"code", "message", "field"}}).

export class ApiError extends Error {
  constructor(status, code, message, field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field || null;
  }
}

let csrf = null;
let onUnauthenticated = () => {};

export function setCsrf(token) { csrf = token; }
export function setUnauthenticatedHandler(f) { onUnauthenticated = f; }

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

// api("GET", "/api/v1/persons", null, {q: "nguyen"}) -> parsed JSON.
// opts.raw: a Blob/ArrayBuffer body sent as is with opts.type.
// opts.blob: answer as {blob, filename} instead of JSON.
// opts.headers: more request headers (X-Job-Id of a long job).
// opts.quiet: a 401 does not send the user to the login page (polling).
export async function api(method, path, body = null, query = null, opts = {}) {
  let url = path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
    }
    const s = q.toString();
    if (s) url += (url.includes("?") ? "&" : "?") + s;
  }
  const headers = { Accept: opts.blob ? "*/*" : "application/json" };
  let payload;
  if (opts.raw) {
    payload = opts.raw;
    headers["Content-Type"] = opts.type || "application/octet-stream";
  } else if (body !== null) {
    payload = JSON.stringify(body);
    headers["Content-Type"] = "application/json";
  }
  if (opts.headers) Object.assign(headers, opts.headers);
  if (WRITES.has(method) && csrf) headers["X-CSRF-Token"] = csrf;
  let res;
  try {
    res = await fetch(url, { method, headers, body: payload, credentials: "same-origin" });
  } catch (e) {
    throw new ApiError(0, "network", "Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.");
  }
  if (res.ok && opts.blob) {
    const cd = res.headers.get("Content-Disposition") || "";
    const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
    return { blob: await res.blob(), filename: m ? decodeURIComponent(m[1]) : null };
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }
  if (!res.ok) {
    const e = data && data.error ? data.error : {};
    if (res.status === 401 && path !== "/api/v1/session" && !opts.quiet) onUnauthenticated();
    throw new ApiError(res.status, e.code || `http_${res.status}`,
      e.message || `Lỗi máy chủ (${res.status}).`, e.field);
  }
  return data;
}

export const get = (path, query) => api("GET", path, null, query);
export const post = (path, body, query, opts) => api("POST", path, body || {}, query, opts);

// Save a blob under a file name through a temporary link.
export function saveBlob(blob, filename) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

// Download a server file (XLSX, CSV, PDF) with the session.
export async function download(path, fallbackName) {
  const { blob, filename } = await api("GET", path, null, null, { blob: true });
  saveBlob(blob, filename || fallbackName);
}
