// Browser tests (ENGINEERING.md §12): node tests/e2e/run.mjs TEST
//
// Builds a fresh demo database (ansinh demo, a small Hà Nam with the
// reorganisation, ANSINH_TODAY pinned), starts `ansinh serve` on an
// ephemeral loopback port, drives Debian's chromium through playwright-core
// (headless, --no-sandbox, no background networking, a fresh user-data
// dir; it never downloads a browser), runs tests/e2e/TEST.mjs and saves
// screenshots in $ANSINH_E2E_ARTIFACTS (default build/e2e-artifacts).
// Exit 77 (skipped) when chromium, node's playwright-core or the binary is
// missing and $CI is unset; under CI that is a failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const test = process.argv[2];
const CHROMIUM = process.env.ANSINH_CHROMIUM || "/usr/bin/chromium";
const BIN = process.env.ANSINH_BIN || path.join(root, "build/ansinh");
const WEB = process.env.ANSINH_WEB_DIR || path.join(root, "web");
const ART = process.env.ANSINH_E2E_ARTIFACTS || path.join(root, "build/e2e-artifacts");
export const TODAY = "2026-03-10"; // a Tuesday; the server and the page agree

function skip(why) {
  if (process.env.CI) {
    console.error(`e2e ${test}: FAIL (prerequisite under CI): ${why}`);
    process.exit(1);
  }
  console.error(`e2e ${test}: skipped: ${why}`);
  process.exit(77);
}

if (!test || !fs.existsSync(path.join(here, `${test}.mjs`))) {
  console.error("usage: node tests/e2e/run.mjs TEST (a file tests/e2e/TEST.mjs)");
  process.exit(2);
}
if (!fs.existsSync(CHROMIUM)) skip(`${CHROMIUM} not found (apt-get install chromium)`);
if (!fs.existsSync(BIN)) skip(`${BIN} not built`);
let chromium;
try {
  ({ chromium } = await import(path.join(root, "node_modules/playwright-core/index.mjs")));
} catch (e) {
  skip(`playwright-core missing (npm ci): ${e.message}`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `ansinh-e2e-${test}-`));
const db = path.join(tmp, "demo.db");
const env = { ...process.env, ANSINH_TODAY: TODAY, ANSINH_LOG: "warn" };
let server = null;
let context = null;
let failed = false;

async function cleanup() {
  if (context) await context.close().catch(() => {});
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => { server.once("exit", r); setTimeout(r, 5000); });
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

try {
  const t0 = Date.now();
  const demo = spawnSync(BIN, ["demo", "--db", db, "--beneficiaries", "1500"], { env, encoding: "utf8" });
  if (demo.status !== 0) throw new Error(`ansinh demo failed:\n${demo.stderr}${demo.stdout}`);
  server = spawn(BIN, ["serve", "--db", db, "--listen", "127.0.0.1:0", "--web", WEB, "--threads", "4"],
    { env, stdio: ["ignore", "pipe", "pipe"] });
  let errText = "";
  server.stderr.on("data", (b) => { errText += b; if (errText.length > 100000) errText = errText.slice(-50000); });
  const base = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${errText}`)), 30000);
    server.stdout.on("data", (b) => {
      out += b;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.once("exit", (c) => reject(new Error(`server exited ${c}:\n${errText}`)));
  });
  console.log(`e2e ${test}: demo and server ready in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${base}`);

  fs.mkdirSync(ART, { recursive: true });
  const profile = path.join(tmp, "chromium-profile");
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport: { width: 1366, height: 768 },
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    acceptDownloads: true,
  });
  const page = context.pages()[0] || await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error" && !/status of (400|401|403|404|409)/.test(m.text())) errors.push(`console: ${m.text()}`); });
  page.setDefaultTimeout(15000);

  const t = {
    page, base, context, tmp, TODAY,
    async open(route) { await page.goto(`${base}/#${route}`); },
    async login(user) {
      await page.goto(`${base}/#/login`);
      await page.getByLabel("Tên đăng nhập").fill(user);
      await page.getByLabel("Mật khẩu").fill("ansinh-demo");
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await page.getByRole("button", { name: "Đăng xuất" }).waitFor();
    },
    async logout() {
      await page.getByRole("button", { name: "Đăng xuất" }).click();
      await page.getByLabel("Tên đăng nhập").waitFor();
    },
    async shot(name, opts = {}) {
      await page.waitForTimeout(200);
      const file = path.join(ART, `${test}-${name}.png`);
      await page.screenshot({ path: file, fullPage: opts.fullPage ?? false });
      console.log(`e2e ${test}: screenshot ${file}`);
    },
    // A JSON call from node with a session of its own (setup only).
    async apiAs(user, method, p, body) {
      const login = await fetch(`${base}/api/v1/session`, { method: "POST",
        headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: user, password: "ansinh-demo" }) });
      const cookie = login.headers.get("set-cookie").split(";")[0];
      const { csrf_token: csrf } = await login.json();
      const r = await fetch(`${base}${p}`, { method, headers: { Cookie: cookie, "X-CSRF-Token": csrf,
        "Content-Type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
      return { status: r.status, json: await r.json().catch(() => null) };
    },
    // Waits (the page's timeout) for locator to be visible, then checks it.
    async sees(locator, what) {
      this.check(await locator.waitFor({ state: "visible" }).then(() => true, () => false), what);
    },
    check(cond, what) {
      if (!cond) throw new Error(`check failed: ${what}`);
      console.log(`e2e ${test}: ok - ${what}`);
    },
  };
  const mod = await import(path.join(here, `${test}.mjs`));
  await mod.default(t);
  if (errors.length) throw new Error(`errors in the page:\n${errors.join("\n")}`);
  console.log(`e2e ${test}: passed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
} catch (e) {
  failed = true;
  console.error(`e2e ${test}: FAILED: ${e.stack || e.message}`);
  try {
    const p = context && context.pages()[0];
    if (p) await p.screenshot({ path: path.join(ART, `${test}-FAILED.png`), fullPage: true });
  } catch { /* no page */ }
}
await cleanup();
process.exit(failed ? 1 : 0);
