#!/usr/bin/env bash
# bench/quote.sh: how long the rules engine takes to compute the monthly
# entitlement of every beneficiary of the national demo database (3.35 M,
# RULES.md §11) for one month: `ansinh quote --all --month M`, which reads
# persons, memberships and K4 children in one pass (store_quote_scan) and
# runs rules_compute for each person. Not a test (ENGINEERING.md §14.5):
# it prints figures and the machine they were measured on.
#
# usage: bench/quote.sh                 national demo (~3 min to create,
#                                       ~2.8 GB, deleted afterwards)
#        N=41172 bench/quote.sh          a smaller demo
#        MONTH=2025-06 bench/quote.sh    another month (default 2026-11)
#        DB=path.db bench/quote.sh       an existing database (kept)
# Output: stdout, and a copy in bench/out/quote-<timestamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
N=${N:-3350000}
MONTH=${MONTH:-2026-11}
SEED=${SEED:-1}
RUNS=${RUNS:-3}

. bench/lib.sh
bench_start quote
echo "packages: gcc $(ver gcc-12), libsqlite3 $(ver libsqlite3-0)," \
     "libjansson $(ver libjansson4)"
echo "preset:   release (RelWithDebInfo, gcc)"
echo

echo "== build: cmake --preset release && cmake --build build/release -j2"
cmake --preset release >/dev/null
cmake --build build/release -j2 >/dev/null
bin="$root/build/release/ansinh"

if [ -n "${DB:-}" ]; then
    db=$DB
    echo "database: $db (given; kept)"
else
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/ansinh-bench-quote.XXXXXX")
    trap 'rm -rf "$tmp"' EXIT
    db="$tmp/national.db"
    echo "== demo: ansinh demo --province all --beneficiaries $N --seed $SEED"
    t0=$(now)
    "$bin" demo --db "$db" --province all --beneficiaries "$N" \
        --seed "$SEED" >/dev/null 2>"$tmp/demo.err"
    t1=$(now)
    echo "time:     $(secs "$t0" "$t1") s;" \
         "size $(du -b "$db"* | awk '{ s += $1 } END { printf "%.1f MB", s / 1e6 }')"
fi
echo

# The first run also warms the page cache; every run is printed.
for i in $(seq 1 "$RUNS"); do
    echo "== run $i: ansinh quote --all --month $MONTH"
    t0=$(now)
    "$bin" quote --all --month "$MONTH" --db "$db"
    t1=$(now)
    echo "wall:     $(secs "$t0" "$t1") s (process, database open included)"
done
