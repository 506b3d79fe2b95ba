#!/usr/bin/env bash
# deps.sh: install the Debian packages ansinh builds, runs and tests with.
#
# Idempotent: checks each package with dpkg and installs only what is missing,
# running `apt-get update` once, and only when something is missing. Uses sudo
# when not root. The list is the project's real dependencies (ENGINEERING.md
# §1.2), nothing more: add a package here in the same commit as the code that
# needs it.
set -euo pipefail

packages=(
  # build
  build-essential pkg-config cmake ninja-build
  # runtime libraries
  libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libpq-dev
  libsodium-dev libutf8proc-dev libicu-dev
  # documents (src/formats): PDF, XLSX write, XLSX read (zip + XML)
  libhpdf-dev libxlsxwriter-dev libzip-dev libexpat1-dev
  # PDF fonts: Liberation, not DejaVu (libharu drops its Vietnamese marks)
  fonts-liberation2
  # PostgreSQL 15 server: the second storage engine, started by the tests
  postgresql-15
  # tests: unit tests, fuzzing (libFuzzer), format check
  libcmocka-dev clang-14 libclang-rt-14-dev clang-format-14
  # PDF checks: pdftotext, pdftoppm, pdfinfo (tests only, not linked)
  poppler-utils
  # browser tests (tests/e2e): Debian's chromium, driven by playwright-core
  # (npm, below); nothing downloads a browser of its own
  chromium chromium-driver
)
# Node.js for the browser tests and the vendoring of front-end libraries
# (never at run time): Debian's nodejs only when no `node` exists, Debian's
# npm only when no `npm` command exists (nodesource's nodejs carries its
# own npm, which Debian's npm package would conflict with).
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)

# npm packages (package.json, package-lock.json): `npm ci` when
# node_modules is absent or older than the lock file. playwright-core is a
# devDependency and must never fetch a browser.
npm_deps() {
  local root
  root=$(cd "$(dirname "$0")/.." && pwd)
  [ -f "$root/package-lock.json" ] || return 0
  command -v npm >/dev/null || return 0
  if [ -f "$root/node_modules/.package-lock.json" ] &&
     [ ! "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ]; then
    return 0
  fi
  echo "deps.sh: npm ci"
  if ! (cd "$root" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund \
     --loglevel=error >/dev/null); then
    echo "deps.sh: npm ci thất bại (không tải được gói từ registry.npmjs.org)." >&2
    echo "  npm ci failed. Behind a proxy that inspects TLS (SELF_SIGNED_CERT_IN_CHAIN)," >&2
    echo "  add the proxy's CA to the system (/usr/local/share/ca-certificates," >&2
    echo "  update-ca-certificates) or set NODE_EXTRA_CA_CERTS, then run again." >&2
    return 1
  fi
}

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  npm_deps
  exit 0
fi

sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "deps.sh: cần quyền root hoặc sudo để cài: ${missing[*]}" >&2; exit 1; }
  sudo=sudo
fi
echo "deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps.sh: done"
npm_deps
