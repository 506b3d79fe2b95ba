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
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

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
