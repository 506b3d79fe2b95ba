#!/usr/bin/env bash
# bench/demo.sh: how long `ansinh demo` and `ansinh stats` take on SQLite,
# for the default demo (Hà Nam, 41,172 beneficiaries) and at national scale
# (--province all --beneficiaries 3350000). Not a test (ENGINEERING.md
# §14.5): it prints figures and the machine they were measured on.
#
# usage: bench/demo.sh            both runs (national: ~5 min, ~2.5 GB)
#        NATIONAL=0 bench/demo.sh  the default demo only
#        N=1000000 bench/demo.sh   a smaller "national" run
# Output: stdout, and a copy in bench/out/demo-<timestamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
NATIONAL=${NATIONAL:-1}
N=${N:-3350000}
SEED=${SEED:-1}

. bench/lib.sh
bench_start demo
echo "packages: gcc $(ver gcc-12), cmake $(ver cmake), ninja $(ver ninja-build)," \
     "libsqlite3 $(ver libsqlite3-0), libutf8proc $(ver libutf8proc2)," \
     "libjansson $(ver libjansson4), libsodium $(ver libsodium23)"
echo "preset:   release (RelWithDebInfo, gcc)"
echo

echo "== build: cmake --preset release && cmake --build build/release -j2"
cmake --preset release >/dev/null
cmake --build build/release -j2 >/dev/null
bin="$root/build/release/ansinh"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ansinh-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
echo "folder:   $tmp ($(df -h "$tmp" | awk 'NR == 2 { print $1 ", " $4 " free" }'))"
echo

rows() {
    sqlite3 "$1" "SELECT 'persons', count(*) FROM persons
        UNION ALL SELECT 'households', count(*) FROM households
        UNION ALL SELECT 'household_poverty', count(*) FROM household_poverty
        UNION ALL SELECT 'residences', count(*) FROM residences
        UNION ALL SELECT 'memberships', count(*) FROM memberships
        UNION ALL SELECT 'documents', count(*) FROM documents
        UNION ALL SELECT 'users', count(*) FROM users" |
        awk -F'|' '{ printf "  %-18s %10d\n", $1, $2 }'
}

size() {
    du -b "$1"* | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }'
}

# run NAME ARGS...: one demo into a new database, then the statistics.
run() {
    local name=$1
    shift
    local db="$tmp/$name.db"
    echo "== demo $name: ansinh demo --db $name.db $*"
    local t0 t1
    t0=$(now)
    "$bin" demo --db "$db" --seed "$SEED" "$@" >"$tmp/$name.out" \
        2>"$tmp/$name.err"
    t1=$(now)
    echo "time:     $(secs "$t0" "$t1") s (includes opening the database," \
         "loading the unit lists and hashing the 7 demo accounts' passwords)"
    sed -n '1,4p' "$tmp/$name.out" | grep -v '^$' | sed 's/^/  /'
    echo "rows:"
    rows "$db"
    echo "size:     $(size "$db")"
    for args in "" "--date 2025-06-30" "--date 2025-06-30 --unit 35"; do
        t0=$(now)
        # shellcheck disable=SC2086
        "$bin" stats --db "$db" $args >"$tmp/stats.json"
        t1=$(now)
        printf "stats %-30s %s s  (beneficiaries %s)\n" "${args:-(today)}" \
            "$(secs "$t0" "$t1")" \
            "$(grep -m1 '"beneficiaries"' "$tmp/stats.json" |
               tr -dc '0-9')"
    done
    echo
    rm -f "$db" "$db"-wal "$db"-shm
}

run hanam
if [ "$NATIONAL" = 1 ]; then
    run national --province all --beneficiaries "$N"
fi
echo "saved:    $out"
