#!/bin/sh
# audit_append_only.sh SRCROOT: the audit log is append-only (issue 4,
# src/store/store_audit.h): no code under src/ updates or deletes audit_log
# rows (UPDATE audit_log, DELETE FROM audit_log, TRUNCATE, DROP TABLE
# audit_log). Tests may (they tamper on purpose to check `audit verify`).
# Exit 0 pass, 1 fail (each offending line as file:line), 77 skip.
set -u
root=${1:?usage: audit_append_only.sh SRCROOT}
cd "$root" || exit 1
command -v perl >/dev/null 2>&1 || {
    echo "audit_append_only.sh: perl not found" >&2
    [ -n "${CI:-}" ] && exit 1
    exit 77
}

find src sql -type f \( -name '*.c' -o -name '*.h' -o -name '*.sql' \) \
    -print 2>/dev/null | LC_ALL=C sort | perl -e '
    my $bad = 0;
    my $re = qr/\b(UPDATE\s+audit_log\b|DELETE\s+FROM\s+audit_log\b|TRUNCATE\s+(?:TABLE\s+)?audit_log\b|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?audit_log\b)/i;
    while (my $f = <STDIN>) {
        chomp $f;
        open(my $fh, "<", $f) or die "audit_append_only.sh: $f: $!\n";
        my $n = 0;
        while (my $line = <$fh>) {
            $n++;
            next if $line =~ m{^\s*(--|/?\*|//)};   # comments
            if ($line =~ $re) {
                print "$f:$n: the audit log is append-only: $line";
                $bad = 1;
            }
        }
        close $fh;
    }
    exit $bad;
'
