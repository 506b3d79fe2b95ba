#!/bin/sh
# format.sh SRCROOT: every *.c and *.h under src/ and tests/ is formatted as
# the checked-in .clang-format says (clang-format 14, ENGINEERING.md §11.6).
# Exit 0 pass; 1 fail, listing file:line:col of each difference and the
# command that fixes it; 77 skip when clang-format-14 is absent, unless CI
# is set (then that is a failure).
set -u
root=${1:?usage: format.sh SRCROOT}
cd "$root" || exit 1

cf=${CLANG_FORMAT:-clang-format-14}
if ! command -v "$cf" >/dev/null 2>&1; then
    if [ -n "${CI:-}" ]; then
        echo "format.sh: $cf not found (apt-get install clang-format-14)" >&2
        exit 1
    fi
    echo "format.sh: $cf not found, skipped"
    exit 77
fi

files=$(find src tests -type f \( -name '*.c' -o -name '*.h' \) -print \
    2>/dev/null | LC_ALL=C sort)
[ -n "$files" ] || exit 0

bad=""
for f in $files; do
    if ! out=$("$cf" --style=file --dry-run -Werror "$f" 2>&1); then
        # The first "file:line:col: error: ..." lines, no code excerpts.
        printf '%s\n' "$out" | grep -E '^[^ ].*:[0-9]+:[0-9]+: ' | head -n 5
        bad="$bad $f"
    fi
done
if [ -n "$bad" ]; then
    echo "format.sh: not formatted:$bad"
    echo "fix with: $cf -i$bad"
    exit 1
fi
exit 0
