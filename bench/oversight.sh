#!/usr/bin/env bash
# bench/oversight.sh: how long the oversight document (docs/oversight.md)
# takes on SQLite for the nation, a province and a commune, at national
# scale (`ansinh demo --province all --beneficiaries 3350000`). Not a test
# (ENGINEERING.md §14.5): it prints figures and the machine they were
# measured on.
#
# usage: bench/oversight.sh                    build the demo (~5 min, ~4 GB)
#        DB=/var/tmp/x/national.db bench/oversight.sh   reuse a demo
#        N=1000000 bench/oversight.sh          a smaller "national" demo
#        RUNS=5 bench/oversight.sh             runs per figure (best kept)
# The database lives in $BENCH_DIR (default /var/tmp/ansinh-bench-oversight),
# never in the repository; a database it made is removed at the end unless
# KEEP=1. Output: stdout, and a copy in bench/out/oversight-<timestamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
N=${N:-3350000}
SEED=${SEED:-1}
RUNS=${RUNS:-3}
TODAY=${TODAY:-2026-03-31}
BENCH_DIR=${BENCH_DIR:-/var/tmp/ansinh-bench-oversight}
DB=${DB:-}
KEEP=${KEEP:-0}

. bench/lib.sh
mkdir -p "$BENCH_DIR"
bench_start oversight
echo "packages: gcc $(ver gcc-12), libsqlite3 $(ver libsqlite3-0)," \
     "libjansson $(ver libjansson4), libxlsxwriter $(ver libxlsxwriter4)," \
     "libhpdf $(ver libhpdf-2.3.0)"
echo "preset:   release (RelWithDebInfo, gcc)"
echo

echo "== build: cmake --preset release && cmake --build build/release -j2"
cmake --preset release >/dev/null
cmake --build build/release -j2 >/dev/null
bin="$root/build/release/ansinh"

made=0
if [ -z "$DB" ]; then
    DB="$BENCH_DIR/national.db"
    rm -f "$DB" "$DB"-wal "$DB"-shm
    echo "== demo: ansinh demo --province all --beneficiaries $N (seed $SEED)"
    t0=$(now)
    "$bin" demo --db "$DB" --seed "$SEED" --province all \
        --beneficiaries "$N" >"$BENCH_DIR/demo.out" 2>"$BENCH_DIR/demo.err"
    echo "time:     $(secs "$t0" "$(now)") s"
    made=1
fi
echo "database: $DB ($(du -b "$DB"* | awk '{ s += $1 } END {
              printf "%.1f GB", s / 1e9 }'))"
echo "date:     $TODAY (ANSINH_TODAY; the twelve months up to its month)"
echo

# best of RUNS: one oversight document (stdout to a file), wall time
best() {
    local b="" t0 t1 s i
    for i in $(seq "$RUNS"); do
        t0=$(now)
        ANSINH_TODAY=$TODAY "$bin" report oversight --db "$DB" "$@" \
            >"$BENCH_DIR/doc.json" 2>"$BENCH_DIR/doc.err"
        t1=$(now)
        s=$(secs "$t0" "$t1")
        if [ -z "$b" ] || awk -v a="$s" -v b="$b" 'BEGIN { exit !(a < b) }'
        then
            b=$s
        fi
    done
    echo "$b"
}

# The parts of the last run (its debug line: beneficiaries, money, cases).
parts() {
    ANSINH_LOG=debug ANSINH_TODAY=$TODAY "$bin" report oversight --db "$DB" \
        "$@" 2>&1 >/dev/null | grep -o 'beneficiaries_ms=[0-9]* money_ms=[0-9]* cases_ms=[0-9]*' || true
}

figure() {
    local what=$1
    shift
    local s
    s=$(best "$@")
    printf "%-34s %6s s  (beneficiaries %s; %s)\n" "$what" "$s" \
        "$(grep -m1 '"total"' "$BENCH_DIR/doc.json" | tr -dc '0-9')" \
        "$(parts "$@")"
}

echo "== the oversight document (JSON), best of $RUNS"
figure "nation"
figure "province 37 (Ninh Bình)" --unit 37
figure "province 01 (Hà Nội)" --unit 01
figure "commune 13285 (Phường Phủ Lý)" --unit 13285
figure "nation on 2025-06-30 (old tree)" --date 2025-06-30
echo
echo "== the documents, once each"
for f in xlsx pdf html; do
    for u in "" "--unit 37"; do
        t0=$(now)
        # shellcheck disable=SC2086
        ANSINH_TODAY=$TODAY "$bin" report oversight --db "$DB" $u \
            --$f "$BENCH_DIR/doc.$f" >/dev/null 2>&1
        printf "%-34s %6s s  (%s bytes)\n" "$f ${u:-nation}" \
            "$(secs "$t0" "$(now)")" "$(stat -c %s "$BENCH_DIR/doc.$f")"
    done
done
echo
if [ "$made" = 1 ] && [ "$KEEP" != 1 ]; then
    rm -f "$DB" "$DB"-wal "$DB"-shm
fi
echo "saved:    $out"
