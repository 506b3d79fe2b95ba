// Long jobs (preparing a payroll, uploading a result file): the request
// runs while the user goes on elsewhere in the app; the bar at the top
// shows each job with the time it has run, and its result with a link
// back. Jobs are remembered in localStorage, so a job whose page was
// closed is shown as "left running on the server" with its link: the
// server finishes it whether or not the page waits (docs/payroll.md).

const KEY = "ansinh.jobs";
let jobs = load();
const listeners = new Set();

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
}

export function subscribe(f) { listeners.add(f); f(jobs); return () => listeners.delete(f); }
export function list() { return jobs; }

// Start a job: label (shown), link (a hash route to its result), promise.
// Resolves/rejects like the promise.
export function start(label, link, promise) {
  const id = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
  jobs = [...jobs, { id, label, link, state: "running", started: Date.now() }];
  save();
  const end = (patch) => {
    jobs = jobs.map((j) => (j.id === id ? { ...j, ...patch, ended: Date.now() } : j));
    save();
  };
  return promise.then(
    (v) => { end({ state: "done", link: (v && v.__link) || link }); return v; },
    (e) => { end({ state: "failed", message: e.message }); throw e; });
}

export function dismiss(id) { jobs = jobs.filter((j) => j.id !== id); save(); }
