#!/bin/sh
# layering.sh SRCROOT: the layer rules of docs/architecture.md that can be
# checked mechanically. Comments never count; string literals count only
# where the rule is about them (SQL). Exit 0 pass, 1 fail (each offending
# line as file:line: rule: text), 77 skip.
#
#  1. src/core is pure: it includes no database, HTTP, JSON or crypto header
#     (sqlite3.h, libpq-fe.h, microhttpd.h, jansson.h, sodium.h), no header
#     of a higher layer (store/, app/, http/, cli/) and neither util/log.h
#     nor util/clock.h; it calls no I/O, environment or clock function
#     (fopen, open, printf, fprintf, puts, getenv, time, clock_gettime, ...)
#     and does not touch stdin/stdout/stderr.
#  2. No SQL outside src/store: src/app, src/http, src/cli and src/formats
#     hold no string literal that starts an SQL statement ("SELECT ",
#     "INSERT ", "UPDATE ", "DELETE ", "CREATE TABLE", "PRAGMA ", ...).
#  3. Only src/store may call db_prepare, db_bind_* and db_step.
#  4. src/formats (documents) includes no database or HTTP header
#     (sqlite3.h, libpq-fe.h, microhttpd.h) and no header of store/, app/,
#     http/ or cli/: it sits beside the store, under the app.
set -u
root=${1:?usage: layering.sh SRCROOT}
cd "$root" || exit 1
command -v perl >/dev/null 2>&1 || {
    echo "layering.sh: perl not found" >&2
    [ -n "${CI:-}" ] && exit 1
    exit 77
}

find src -type f \( -name '*.c' -o -name '*.h' \) -print 2>/dev/null |
    LC_ALL=C sort | perl -e '
    my $bad = 0;
    my $core_inc = qr{^\s*#\s*include\s*[<"]((?:sqlite3|libpq-fe|microhttpd|jansson|sodium)\.h|(?:store|app|http|cli)/[^">]+|util/(?:log|clock)\.h)[">]};
    my $core_call = qr/\b(fopen|freopen|fdopen|open|openat|creat|opendir|popen|system|printf|fprintf|vprintf|vfprintf|dprintf|puts|fputs|putchar|fputc|fwrite|perror|getenv|secure_getenv|time|clock_gettime|gettimeofday|clock|log_write|log_debug|log_info|log_warn|log_error)\s*\(/;
    my $core_std = qr/\b(stdin|stdout|stderr)\b/;
    my $sql = qr/"\s*((?:SELECT|INSERT|UPDATE|DELETE|REPLACE|PRAGMA|VACUUM)\s|(?:CREATE|DROP|ALTER)\s+(?:TABLE|INDEX|UNIQUE|VIEW|TRIGGER|VIRTUAL)\b)/;
    my $db_call = qr/\b(db_prepare|db_bind_\w+|db_step)\s*\(/;
    my $formats_inc = qr{^\s*#\s*include\s*[<"]((?:sqlite3|libpq-fe|microhttpd)\.h|(?:store|app|http|cli)/[^">]+)[">]};

    sub report {
        my ($f, $n, $rule, $text) = @_;
        $text =~ s/^\s+//;
        print "$f:$n: $rule: $text\n";
        $bad = 1;
    }

    while (my $f = <STDIN>) {
        chomp $f;
        open(my $fh, "<", $f) or die "layering.sh: $f: $!\n";
        local $/; my $src = <$fh>; close $fh;
        my @orig = split /\n/, $src, -1;
        # Two views with line numbers kept: without comments (strings kept)
        # and without comments or strings.
        my $nocomment = $src;
        $nocomment =~ s{(/\*.*?\*/)|(//[^\n]*)|("(?:\\.|[^"\\\n])*")|(\x27(?:\\.|[^\x27\\\n])*\x27)}{
            my $m = $&; defined $1 ? ($m =~ tr/\n//dc, $m)[1] : defined $2 ? "" : $m
        }gse;
        my $bare = $nocomment;
        $bare =~ s{("(?:\\.|[^"\\\n])*")|(\x27(?:\\.|[^\x27\\\n])*\x27)}{"\"\""}ge;
        my @nc = split /\n/, $nocomment, -1;
        my @b = split /\n/, $bare, -1;

        my $core = $f =~ m{^src/core/};
        my $store = $f =~ m{^src/store/};
        my $nosql = $f =~ m{^src/(app|http|cli|formats)/};
        my $formats = $f =~ m{^src/formats/};
        for my $i (0 .. $#b) {
            my $n = $i + 1;
            if ($core) {
                report($f, $n, "src/core must not include $1", $orig[$i])
                    if $nc[$i] =~ $core_inc;
                while ($b[$i] =~ /$core_call/g) {
                    report($f, $n, "src/core must not call $1() (no I/O, environment or clock in the core)", $orig[$i]);
                }
                report($f, $n, "src/core must not use $1", $orig[$i])
                    if $b[$i] =~ $core_std;
            }
            if ($formats && $nc[$i] =~ $formats_inc) {
                report($f, $n, "src/formats must not include $1", $orig[$i]);
            }
            if ($nosql && $nc[$i] =~ $sql) {
                my $kw = $1; $kw =~ s/\s+$//;
                report($f, $n, "SQL (\"$kw\") belongs in src/store", $orig[$i]);
            }
            if (!$store) {
                while ($b[$i] =~ /$db_call/g) {
                    report($f, $n, "only src/store may call $1()", $orig[$i]);
                }
            }
        }
    }
    exit $bad;
'
