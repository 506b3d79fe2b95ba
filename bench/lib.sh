# bench/lib.sh: what every bench script starts with, sourced from the
# repository's root. Not a bench itself.
#
# bench_start NAME: copies all further output (stdout and stderr) to
# bench/out/NAME-<UTC timestamp>.txt, whose path it leaves in $out, and
# prints the header: the script, the commit, the machine, its memory,
# load and kernel. The script prints its own packages line after it.

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ver() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null || echo "?"; }

bench_start() {
    mkdir -p bench/out
    out="bench/out/$1-$(date -u +%Y%m%dT%H%M%SZ).txt"
    exec > >(tee "$out") 2>&1
    echo "== ansinh bench/$1.sh ($(date -u +%Y-%m-%dT%H:%M:%SZ))"
    echo "commit:   $(git rev-parse --short HEAD 2>/dev/null || echo '?')" \
         "$(git diff --quiet 2>/dev/null || echo '(uncommitted changes)')"
    echo "machine:  $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo |
                      cut -d: -f2 | sed 's/^ *//')"
    echo "memory:   $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' \
                      /proc/meminfo)"
    echo "load:     $(cut -d' ' -f1-3 /proc/loadavg) (other work on the" \
         "machine inflates wall times)"
    echo "kernel:   $(uname -sr)"
}
