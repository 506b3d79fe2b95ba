#!/usr/bin/env bash
# bench/payroll.sh: how long preparing one month's payroll of the whole
# nation (3.35 million beneficiaries, every province) takes on SQLite, its
# peak memory, and the floor: the same rows written by one plain
# INSERT ... SELECT in the sqlite3 shell (bench/payroll_floor.sql) on a
# copy of the same database, with the ratio. Also prepares everything a
# second time (on another fresh copy) and checks that the lines come out
# byte for byte the same.
# Not a test (ENGINEERING.md §14.5): it prints figures and the machine
# they were measured on. Target (issue 5): under 30 s on 2 cores, within
# 2x of the floor. docs/payroll.md keeps the last figures.
#
# A payroll is prepared per area (a province, district or commune code,
# docs/payroll.md), so the national payroll is the payrolls of every
# province of the month, each prepared by its own province officer (role
# province_officer, bound to that province), as the provinces would. The
# demo has one such account (Ninh Bình, 37); the others are created once
# through the accounts API by the demo's admin (audited like any account),
# as bench.province.<code>.
#
# usage: bench/payroll.sh               national (first run: the demo,
#                                       ~12 min and 5 GB in /var/tmp)
#        N=41172 PROVINCE=35 bench/payroll.sh   the default demo only
#        DB=/path/x.db bench/payroll.sh         another database
#        FLOOR=0 / TWICE=0                      skip the floor / the second
#                                               preparation and its check
#        BIN=build/x/ansinh                     that binary, no build
# Output: stdout, and a copy in bench/out/payroll-<timestamp>.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
N=${N:-3350000}
PROVINCE=${PROVINCE:-all}
SEED=${SEED:-1}
MONTH=${MONTH:-2026-11}
ON=${ON:-2026-11-20}
LEVEL=${LEVEL:-540000}
FLOOR=${FLOOR:-1}
TWICE=${TWICE:-1}
dir=${BENCH_DIR:-/var/tmp/ansinh-bench}
DB=${DB:-$dir/demo-$PROVINCE-$N-$SEED.db}

. bench/lib.sh
mkdir -p "$dir"
bench_start payroll
echo "packages: gcc $(ver gcc-12), cmake $(ver cmake), libsqlite3" \
     "$(ver libsqlite3-0), sqlite3 $(ver sqlite3), libicu $(ver libicu72)," \
     "libsodium $(ver libsodium23)"
echo "preset:   release (RelWithDebInfo, gcc)"
echo

if [ -n "${BIN:-}" ]; then
    bin=$BIN
    echo "== binary: $bin (BIN given: not built here)"
else
    echo "== build: cmake --preset release && cmake --build build/release -j2"
    cmake --preset release >/dev/null
    cmake --build build/release -j2 >/dev/null
    bin="$root/build/release/ansinh"
fi
echo

# --- the database ------------------------------------------------------
if [ -s "$DB" ]; then
    echo "== database: $DB (reused)"
else
    echo "== database: ansinh demo --province $PROVINCE --beneficiaries $N" \
         "--seed $SEED"
    t0=$(now)
    "$bin" demo --db "$DB" --province "$PROVINCE" --beneficiaries "$N" \
        --seed "$SEED" >"$dir/demo.out" 2>"$dir/demo.err"
    t1=$(now)
    echo "time:     $(secs "$t0" "$t1") s"
fi
# The demo stays as it was made (plus the accounts below): the app and the
# floor each run on a fresh copy of it, so both start from the same state.
q() { sqlite3 -bail "$DB" "$@"; }
"$bin" migrate --db "$DB" >/dev/null
first="$MONTH-01"
last=$(date -d "$first +1 month -1 day" +%F)
q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
echo "size:     $(du -b "$DB" | awk '{ printf "%.2f GB", $1 / 1e9 }')," \
     "beneficiaries $(q 'SELECT count(*) FROM beneficiaries')"
echo "free:     $(df -h "$dir" | awk 'NR == 2 { print $4 }') in $dir"

# --- the accounts -------------------------------------------------------
provinces=$(q "SELECT code FROM units WHERE level = 1
    AND valid_from <= '$first' AND (valid_to IS NULL OR valid_to > '$first')
    AND EXISTS (SELECT 1 FROM units c WHERE c.province_code = units.code
                AND c.level = 3 AND c.valid_from <= '$first'
                AND (c.valid_to IS NULL OR c.valid_to > '$first')
                AND EXISTS (SELECT 1 FROM residences r
                            WHERE r.unit_code = c.code))
    ORDER BY code")
account() { echo "bench.province.$1"; }
missing=""
for p in $provinces; do
    if [ "$(q "SELECT count(*) FROM users WHERE username = '$(account "$p")'
               AND active = 1")" = 0 ]; then
        missing="$missing $p"
    fi
done
if [ -n "$missing" ]; then
    echo "== accounts: province officers for$missing (accounts API, as admin)"
    port=$((20000 + RANDOM % 20000))
    "$bin" serve --db "$DB" --listen "127.0.0.1:$port" --threads 2 \
        >"$dir/serve.log" 2>&1 &
    spid=$!
    trap 'kill "$spid" 2>/dev/null || true' EXIT
    jar="$dir/cookies.txt"
    for _ in $(seq 50); do
        curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
        sleep 0.2
    done
    csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' \
        -d '{"username":"admin","password":"ansinh-demo"}' \
        "http://127.0.0.1:$port/api/v1/session" |
        sed -n 's/.*"csrf_token": *"\([^"]*\)".*/\1/p')
    [ -n "$csrf" ] || { echo "cannot sign in as admin"; exit 1; }
    for p in $missing; do
        pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
        body=$(printf '{"username":"%s","full_name":"%s","password":"%s",%s}' \
            "$(account "$p")" "Cán bộ tỉnh $p (bench)" "$pw" \
            "\"role\":\"province_officer\",\"area_code\":\"$p\"")
        code=$(curl -s -o "$dir/user.json" -w '%{http_code}' -b "$jar" \
            -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
            -d "$body" "http://127.0.0.1:$port/api/v1/users")
        if [ "$code" != 201 ]; then
            echo "account $p: HTTP $code $(cat "$dir/user.json")"
            exit 1
        fi
    done
    curl -s -o /dev/null -b "$jar" -X DELETE -H "X-CSRF-Token: $csrf" \
        "http://127.0.0.1:$port/api/v1/session" || true
    rm -f "$jar" "$dir/user.json"
    kill "$spid"
    wait "$spid" 2>/dev/null || true
    trap - EXIT
    q "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
fi
echo

# fresh NAME: a copy of the demo in $dir/NAME.db, its path on stdout.
fresh() {
    local f="$dir/$1.db"
    rm -f "$f" "$f-wal" "$f-shm"
    cp "$DB" "$f"
    # on disk before the clock starts: else the first commit's sync also
    # writes out the 5 GB copy
    sync "$f"
    echo "$f"
}

# --- preparing ------------------------------------------------------------
# JOBS province officers prepare at the same time (default: one more than
# the cores), largest province first. A preparation computes outside the
# write lock and only then takes it (docs/payroll.md), so while one writes
# the others compute; with one more than the cores, a core is not left
# idle while a preparation waits for the lock or the disk (2 cores: 3 at
# a time took 29-32 s where 2 took 34-36 s, run for run). The one that
# waits for the lock waits as long as the other's writing takes, hence
# the long lock timeout.
JOBS=${JOBS:-$(($(nproc) + 1))}
export ANSINH_LOCK_TIMEOUT_MS=${ANSINH_LOCK_TIMEOUT_MS:-120000}
largest=$(q "SELECT c.province_code FROM residences r JOIN units c
    ON c.code = r.unit_code AND c.valid_from <= '$first'
    AND (c.valid_to IS NULL OR c.valid_to > '$first')
    WHERE r.valid_from <= '$first'
    AND (r.valid_to IS NULL OR r.valid_to > '$first')
    GROUP BY c.province_code ORDER BY count(*) DESC, c.province_code")
provinces=$(for p in $largest; do
    case " $(echo $provinces) " in *" $p "*) echo "$p" ;; esac
done)

# prepare_one P TAG: province P's payroll; appends its line to the TSV.
prepare_one() {
    local p=$1 tag=$2 res
    /usr/bin/time -f '%e %M %U %S' -o "$dir/time-$p.txt" \
        "$bin" payroll prepare --db "$work" --as "$(account "$p")" \
        --area "$p" --month "$MONTH" --on "$ON" >"$dir/prepare-$p.json"
    res=$(tr -d ' \n' <"$dir/prepare-$p.json")
    printf '%s %s %s %s\n' "$p" "$(cat "$dir/time-$p.txt")" \
        "$(echo "$res" | sed 's/.*"persons":\([0-9]*\).*/\1/')" \
        "$(echo "$res" | sed 's/.*"lines":\([0-9]*\).*/\1/')" \
        >>"$dir/prepare-$tag.tsv"
    rm -f "$dir/time-$p.txt" "$dir/prepare-$p.json"
}

# prepare_all TAG: every province's payroll of the month, JOBS at a time;
# prints one line per province and the totals; sets wall_total.
prepare_all() {
    local tag=$1 p t0 t1 pids=""
    local tsv="$dir/prepare-$tag.tsv"
    : >"$tsv"
    t0=$(now)
    for p in $provinces; do
        while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do
            wait -n
        done
        prepare_one "$p" "$tag" &
        pids="$pids $!"
    done
    # the jobs by name: a bare wait would also wait for the tee above
    wait $pids 2>/dev/null || true
    # what the last processes left in the write-ahead log goes into the
    # database file within the clock too (else a run that checkpoints less
    # would leave its work to whoever opens the database next)
    wal_left=$(stat -c %s "$work-wal" 2>/dev/null || echo 0)
    sqlite3 "$work" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    t1=$(now)
    sort -o "$tsv" "$tsv"
    wall_total=$(secs "$t0" "$t1")
    awk -v tag="$tag" -v wall="$wall_total" -v jobs="$JOBS" -v wal="$wal_left" '
        { n++; w += $2; if ($3 > rss) { rss = $3; rp = $1 }
          u += $4; s += $5; per += $6; lin += $7
          if ($2 > big) { big = $2; bp = $1; bl = $7 } }
        END {
          printf "%-9s %d payrolls, %d persons, %d lines\n", tag ":", n, per, lin
          printf "wall:     %.2f s, %d at a time (sum of the processes" \
                 " %.2f s; user %.2f s, sys %.2f s)\n", wall, jobs, w, u, s
          printf "rate:     %.0f lines/s\n", lin / wall
          printf "largest:  province %s, %d lines in %.2f s\n", bp, bl, big
          printf "peak RSS: %.1f MB (province %s; one process per province)\n",
                 rss / 1024, rp
          printf "log left: %.0f MB in the WAL at the end, checkpointed" \
                 " within the wall time\n", wal / 1e6
        }' "$tsv"
}

# lines_hash: SHA-256 of every line of the month's payrolls (all columns
# but the row id, which a new preparation renumbers, with the texts of its
# basis as the app reads them: from payroll_bases, migration 0011) and of
# their points (all but the payroll's id: preparations running at once
# take their ids in the order they get the write lock).
lines_hash() {
    sqlite3 -bail "$work" "SELECT p.area_code, l.seq, l.ref, l.point_seq, l.person_id,
            l.full_name, l.id_number, l.birth_date, l.unit_code, l.kind,
            l.benefit, l.benefit_month, l.category, l.coeff_milli,
            l.standard_level, l.amount, l.entitled, l.settled,
            coalesce(b.basis, l.basis), coalesce(b.rules_ref, l.rules_ref),
            l.confidence, l.decision_id, l.decision_ref, l.oneoff_id,
            l.source_line_id, l.explanation,
            coalesce(b.level_basis, l.level_basis), l.method,
            l.point_name, l.point_officer, l.bank_code, l.account_number,
            l.receiver_name, l.receiver_id_number, l.blocked, l.block_reason
        FROM payrolls p JOIN payroll_lines l ON l.payroll_id = p.id
        LEFT JOIN payroll_bases b ON b.id = l.basis_id
        WHERE p.month = '$first' ORDER BY p.area_code, l.seq;
        SELECT p.area_code, t.seq, t.unit_code, t.method, t.kind, t.name,
            t.officer, t.persons, t.lines, t.total FROM payrolls p
        JOIN payroll_points t ON t.payroll_id = p.id
        WHERE p.month = '$first' ORDER BY p.area_code, t.seq;" |
        sha256sum | cut -c1-64
}

echo "== prepare: ansinh payroll prepare --area <province> --month $MONTH" \
     "--on $ON, $(echo "$provinces" | wc -w) provinces, on a fresh copy"
work=$(fresh work)
prepare_all first
app_wall=$wall_total
app_rss=$(awk '$3 > m { m = $3 } END { printf "%.1f", m / 1024 }' \
    "$dir/prepare-first.tsv")
app_lines=$(awk '{ s += $7 } END { print s }' "$dir/prepare-first.tsv")
app_cpu=$(awk '{ s += $4 + $5 } END { printf "%.2f", s }' \
    "$dir/prepare-first.tsv")
echo

if [ "$TWICE" = 1 ]; then
    echo "== determinism: prepare again on another fresh copy and compare"
    h1=$(lines_hash)
    rm -f "$work" "$work-wal" "$work-shm"
    work=$(fresh work)
    prepare_all again
    h2=$(lines_hash)
    echo "hash 1:   $h1"
    echo "hash 2:   $h2"
    if [ "$h1" = "$h2" ]; then
        echo "same:     yes, byte for byte (lines and points)"
    else
        echo "same:     NO: the two preparations differ"
    fi
    echo
fi
rm -f "$work" "$work-wal" "$work-shm"

# --- the floor ------------------------------------------------------------
if [ "$FLOOR" = 1 ]; then
    echo "== floor: sqlite3 < bench/payroll_floor.sql on a copy" \
         "(one INSERT ... SELECT, committed)"
    copy=$(fresh floor)
    month_vn="${MONTH#*-}/${MONTH%-*}"
    t0=$(now)
    /usr/bin/time -f '%e %M %U %S' -o "$dir/floor-time.txt" \
        sqlite3 -bail "$copy" \
        -cmd ".parameter set :first \"'$first'\"" \
        -cmd ".parameter set :last \"'$last'\"" \
        -cmd ".parameter set :level $LEVEL" \
        -cmd ".parameter set :month_vn \"'$month_vn'\"" \
        <bench/payroll_floor.sql >"$dir/floor.out"
    t1=$(now)
    floor_wall=$(secs "$t0" "$t1")
    floor_rows=$(sed -n 's/^floor_rows|//p' "$dir/floor.out")
    floor_rss=$(awk '{ printf "%.1f", $2 / 1024 }' "$dir/floor-time.txt")
    floor_cpu=$(awk '{ printf "%.2f", $3 + $4 }' "$dir/floor-time.txt")
    rm -f "$copy" "$copy-wal" "$copy-shm"
    echo "wall:     $floor_wall s (the sqlite3 process: statement, commit," \
         "checkpoint); CPU $floor_cpu s (user + sys)"
    echo "rows:     $floor_rows (the app wrote $app_lines lines; the floor" \
         "skips the rules engine's age, disability and children cases)"
    echo "peak RSS: $floor_rss MB"
    echo "ratio:    $(awk -v a="$app_wall" -v f="$floor_wall" \
                     'BEGIN { printf "%.2f", a / f }') (app $app_wall s /" \
         "floor $floor_wall s; target <= 2)"
    echo "CPU:      $(awk -v a="$app_cpu" -v f="$floor_cpu" \
                     'BEGIN { printf "%.2f", a / f }') (app $app_cpu s /" \
         "floor $floor_cpu s of user + sys)"
    echo
fi
echo "summary:  prepare $app_wall s (CPU $app_cpu s), peak $app_rss MB" \
     "${floor_wall:+, floor $floor_wall s (CPU $floor_cpu s)};" \
     "target < 30 s on 2 cores"
echo "saved:    $out"
