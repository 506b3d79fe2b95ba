// Long jobs (preparing a payroll, uploading a result file): the request
// runs while the user goes on elsewhere in the app; the bar at the top
// shows each job with the time it has run, and its result with a link
// back. Jobs are remembered in localStorage, so a job whose page was
// closed is shown as "left running on the server" with its link: the
// server finishes it whether or not the page waits (docs/payroll.md).
//
// A job (startTracked) names itself to the server with the header
// X-Job-Id; while it runs, and after the page came back to a job left
// running, GET /api/v1/jobs/:id every second gives how far it got (done
// of total) and, for a job left running, how it ended (docs/http.md,
// "Long jobs").
import { api } from "./api.js";

const KEY = "ansinh.jobs";
const POLL_MS = 1000;
let jobs = load();
const listeners = new Set();
let timer = null;

function load() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || "[]");
    // A job that was running when the page went away: the server kept it.
    return list.map((j) => (j.state === "running" ? { ...j, state: "detached" } : j));
  } catch { return []; }
}
function save() {
  try { localStorage.setItem(KEY, JSON.stringify(jobs.slice(-8))); } catch { /* ignore */ }
  listeners.forEach((f) => f(jobs));
  schedule();
}
function patch(id, p) {
  jobs = jobs.map((j) => (j.id === id ? { ...j, ...p } : j));
  save();
}

// Ask the server how far job j got; forget asking when it does not know
// the job (another session, a restart: 404) or the user is signed out.
async function poll(j) {
  try {
    const r = await api("GET", `/api/v1/jobs/${encodeURIComponent(j.id)}`, null, null, { quiet: true });
    const p = { done: r.done, total: r.total };
    if (j.state === "detached" && r.state !== "running") {
      Object.assign(p, { state: r.state === "done" ? "done" : "failed", ended: Date.now(), tracked: false });
    }
    patch(j.id, p);
  } catch (e) {
    if (e.status !== 0) patch(j.id, { tracked: false });
  }
}
function polled(j) { return j.tracked && (j.state === "running" || j.state === "detached"); }
function schedule() {
  if (timer || !jobs.some(polled)) return;
  timer = setTimeout(() => {
    timer = null;
    Promise.all(jobs.filter(polled).map(poll)).finally(schedule);
  }, POLL_MS);
}
schedule();

export function subscribe(f) { listeners.add(f); f(jobs); return () => listeners.delete(f); }
export function list() { return jobs; }

function run(label, link, promise, id, unit) {
  jobs = [...jobs, { id, label, link, state: "running", started: Date.now(), tracked: true, unit }];
  save();
  const end = async (p) => {
    const j = jobs.find((x) => x.id === id);
    if (j) await poll({ ...j, state: "running" });
    patch(id, { ...p, ended: Date.now(), tracked: false });
  };
  return promise.then(
    async (v) => { await end({ state: "done", link: (v && v.__link) || link }); return v; },
    async (e) => { await end({ state: "failed", message: e.message }); throw e; });
}

const newId = () => `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;

// Start a job whose progress the server reports: label (shown), link (a
// hash route to its result), f(headers) sends the request with those
// headers (X-Job-Id) and returns its promise; resolves/rejects like it.
// unit: what the server counts, "persons" (preparing a payroll, the
// default) or "rows" (a result file's rows).
export function startTracked(label, link, f, unit = "persons") {
  const id = newId();
  return run(label, link, f({ "X-Job-Id": id }), id, unit);
}

// "Đã xử lý 12.345/40.821 người (30%)": the fraction of job j, or null.
export function fraction(j) {
  if (!(j.total > 0) || !(j.done >= 0)) return null;
  return { done: j.done, total: j.total, pct: Math.floor((j.done * 100) / j.total) };
}

export function dismiss(id) { jobs = jobs.filter((j) => j.id !== id); save(); }
