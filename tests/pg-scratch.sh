#!/usr/bin/env bash
# pg-scratch.sh start|stop DIR: a throwaway PostgreSQL 15 cluster for tests
# (ENGINEERING.md §4). Unix socket in DIR, port 55432, no TCP, fsync off.
# initdb refuses to run as root, so as root the cluster belongs to the
# `postgres` user. With ANSINH_TEST_PG set, tests use that server instead and
# this script does nothing. Used by ctest's pg fixture and by developers.
set -euo pipefail
cmd=${1:?usage: pg-scratch.sh start|stop DIR}
dir=${2:?usage: pg-scratch.sh start|stop DIR}
bin=/usr/lib/postgresql/15/bin
port=55432

[ -n "${ANSINH_TEST_PG:-}" ] && exit 0
if [ ! -x "$bin/initdb" ]; then
  echo "pg-scratch: PostgreSQL 15 is not installed (scripts/deps.sh installs it)"
  exit 0   # the PostgreSQL tests themselves report skip (or fail under CI)
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
start)
  stop
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -E UTF8 --locale=C.UTF-8 \
    --auth=trust >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log"; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
    -o "-p $port -k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" \
    start >/dev/null || { cat "$dir/pg.log"; exit 1; }
  echo "pg-scratch: PostgreSQL 15 running, socket $dir, port $port"
  ;;
stop)
  stop
  ;;
*)
  echo "usage: pg-scratch.sh start|stop DIR" >&2
  exit 2
  ;;
esac
