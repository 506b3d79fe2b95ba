#!/bin/sh
# web.sh SRCROOT: the web folder's promises (ENGINEERING.md §0.2):
#  - web/vendor/ is exactly what scripts/vendor.sh copies from the pinned
#    node_modules (skipped without node_modules);
#  - nothing in web/ loads from another origin (no http(s):// in src= or
#    href= of HTML, no import from a URL) and no inline <script> or
#    style= attribute (the CSP is default-src 'self');
#  - the JavaScript of the first load (what index.html imports statically,
#    plus the login screen) is under 200 KB gzip -9; the size is printed.
# Exit 0 pass, 1 fail, 77 skip (no node).
set -u
root=${1:?usage: web.sh SRCROOT}
cd "$root" || exit 1
command -v node >/dev/null 2>&1 || {
    echo "web.sh: node not found" >&2
    [ -n "${CI:-}" ] && exit 1
    exit 77
}
fail=0
if [ -d node_modules ]; then
    scripts/vendor.sh --check || fail=1
else
    echo "web.sh: node_modules missing: vendor check skipped"
fi
if grep -rnE '(src|href)="https?://' web --include=*.html | grep -v '^web/guide/.*href="https://' ; then
    echo "web.sh: a page loads from another origin" >&2
    fail=1
fi
if grep -rnE '<script>|<script [^>]*>[^<]|style="' web --include=*.html; then
    echo "web.sh: inline script or style (forbidden by the CSP)" >&2
    fail=1
fi
if grep -rnE "import[^;]*from *['\"]https?:" web/js; then
    echo "web.sh: a module imported from a URL" >&2
    fail=1
fi
node - <<'JS' || fail=1
const fs = require("fs"), path = require("path"), zlib = require("zlib");
const seen = new Set();
function walk(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const src = fs.readFileSync(file, "utf8");
  // static imports only: dynamic import() loads later, on demand
  for (const m of src.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s[^;'"]*?from\s*["']([^"']+)["']/g)) {
    walk(path.resolve(path.dirname(file), m[1]));
  }
  for (const m of src.matchAll(/(?:^|[;\n])\s*import\s*["']([^"']+)["']/g)) {
    walk(path.resolve(path.dirname(file), m[1]));
  }
}
const html = fs.readFileSync("web/index.html", "utf8");
for (const m of html.matchAll(/<script[^>]*src="\/([^"]+)"/g)) walk(path.resolve("web", m[1]));
walk(path.resolve("web/js/screens/login.js"));
let raw = 0, gz = 0;
for (const f of seen) {
  const b = fs.readFileSync(f);
  raw += b.length;
  gz += zlib.gzipSync(b, { level: 9 }).length;
}
console.log(`web.sh: first-load JavaScript: ${seen.size} files, ${raw} bytes, ${gz} bytes gzip -9 (limit 204800)`);
if (gz >= 200 * 1024) { console.error("web.sh: first-load JavaScript over 200 KB compressed"); process.exit(1); }
JS
exit $fail
