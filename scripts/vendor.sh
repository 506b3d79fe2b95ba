#!/usr/bin/env bash
# vendor.sh: copy the front-end libraries pinned in package.json from
# node_modules/ into web/vendor/<name>-<version>/, with their licences
# (ENGINEERING.md §0.2). The server loads them from there: no CDN, no
# Node.js at run time. Run after `npm ci` whenever a pin changes, and
# commit the pin, package-lock.json and the copy together.
#
#   scripts/vendor.sh           copy (removes older versions' folders)
#   scripts/vendor.sh --check   compare the copy with node_modules; exit 1
#                               when they differ (used by the e2e tests)
#
# One edit is made, the only one: preact's hooks module imports the bare
# specifier "preact", which a browser cannot resolve without an import map
# (and an inline import map is blocked by the CSP, default-src 'self'); the
# copy imports "./preact.mjs" instead. web/vendor/README.md says so.
set -euo pipefail
cd "$(dirname "$0")/.."

check=0
[ "${1:-}" = "--check" ] && check=1

[ -d node_modules ] || { echo "vendor.sh: node_modules missing: run npm ci" >&2; exit 1; }

version() { node -p "require('./node_modules/$1/package.json').version"; }

# name, then pairs "source-in-package destination-name"
copy() {
  local name=$1 ver dir
  shift
  ver=$(version "$name")
  dir=web/vendor/$name-$ver
  local tmp
  tmp=$(mktemp -d)
  cp "node_modules/$name/LICENSE" "$tmp/LICENSE"
  while [ $# -gt 0 ]; do
    cp "node_modules/$name/$1" "$tmp/$2"
    shift 2
  done
  if [ "$name" = preact ]; then
    sed -i 's|from"preact"|from"./preact.mjs"|g' "$tmp/hooks.mjs"
    grep -q 'from"./preact.mjs"' "$tmp/hooks.mjs" ||
      { echo "vendor.sh: preact hooks import not found" >&2; exit 1; }
  fi
  if [ $check = 1 ]; then
    if ! diff -r "$tmp" "$dir" >/dev/null 2>&1; then
      echo "vendor.sh: $dir differs from node_modules/$name (run scripts/vendor.sh)" >&2
      rm -rf "$tmp"
      return 1
    fi
    rm -rf "$tmp"
    return 0
  fi
  for old in web/vendor/"$name"-*; do
    [ -d "$old" ] && [ "$old" != "$dir" ] && rm -rf "$old"
  done
  rm -rf "$dir"
  mkdir -p web/vendor
  mv "$tmp" "$dir"
  chmod 755 "$dir"
  chmod 644 "$dir"/*
  echo "vendor.sh: $dir"
}

copy preact dist/preact.mjs preact.mjs hooks/dist/hooks.mjs hooks.mjs
copy htm dist/htm.mjs htm.mjs
