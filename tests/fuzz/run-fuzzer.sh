#!/bin/sh
# run-fuzzer.sh BIN NEWDIR CORPUSDIR: run one libFuzzer target briefly
# (ctest label "fuzz"; tests/CMakeLists.txt registers one per target when
# ANSINH_FUZZ_DIR names the fuzz preset's build folder).
#
# New interesting inputs go to NEWDIR, never into the committed corpus
# CORPUSDIR, which is only read. A crash leaves its reproducer in the
# current directory (libFuzzer's crash-<sha1>); add it to the corpus once
# fixed. If BIN has not been built, the test is skipped (exit 77), except in
# CI (CI non-empty), where a missing fuzzer is a failure.
set -u

if [ $# -ne 3 ]; then
    echo "usage: $0 BIN NEWDIR CORPUSDIR" >&2
    exit 2
fi
bin=$1
newdir=$2
corpus=$3

if [ ! -x "$bin" ]; then
    if [ -n "${CI:-}" ]; then
        echo "run-fuzzer: $bin is missing; in CI every fuzz target must" \
            "be built first: cmake --preset fuzz &&" \
            "cmake --build build/fuzz" >&2
        exit 1
    fi
    echo "run-fuzzer: $bin not built, skipped (build it with:" \
        "cmake --preset fuzz && cmake --build build/fuzz)"
    exit 77
fi
if [ ! -d "$corpus" ]; then
    echo "run-fuzzer: corpus directory $corpus does not exist" >&2
    exit 1
fi
mkdir -p "$newdir" || exit 1

"$bin" -max_total_time=5 -timeout=10 -rss_limit_mb=2048 "$newdir" "$corpus"
exit $?
