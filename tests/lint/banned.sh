#!/bin/sh
# banned.sh SRCROOT: no strcpy, sprintf, vsprintf, strcat, gets, atoi or atol
# in src/ and tests/ (*.c, *.h), as curl's checksrc (ENGINEERING.md §11.6).
# Use snprintf / buf_printf, memcpy with a checked length, buf_append, fgets,
# strtol with an end pointer. Calls inside comments and string literals do
# not count. Exit 0 pass, 1 fail (each offending line as file:line), 77 skip.
set -u
root=${1:?usage: banned.sh SRCROOT}
cd "$root" || exit 1
command -v perl >/dev/null 2>&1 || {
    echo "banned.sh: perl not found" >&2
    [ -n "${CI:-}" ] && exit 1
    exit 77
}

find src tests -type f \( -name '*.c' -o -name '*.h' \) -print 2>/dev/null |
    LC_ALL=C sort | perl -e '
    my $bad = 0;
    my $re = qr/\b(strcpy|sprintf|vsprintf|strcat|gets|atoi|atol)\s*\(/;
    my %fix = (strcpy => "memcpy with a checked length or buf_puts",
               strcat => "buf_append / buf_puts",
               sprintf => "snprintf or buf_printf",
               vsprintf => "vsnprintf or buf_vprintf",
               gets => "fgets", atoi => "strtol with an end pointer",
               atol => "strtol with an end pointer");
    while (my $f = <STDIN>) {
        chomp $f;
        open(my $fh, "<", $f) or die "banned.sh: $f: $!\n";
        local $/; my $src = <$fh>; close $fh;
        my @orig = split /\n/, $src, -1;
        # Blank out comments and literals, keeping line numbers.
        $src =~ s{(/\*.*?\*/)|(//[^\n]*)|("(?:\\.|[^"\\\n])*")|(\x27(?:\\.|[^\x27\\\n])*\x27)}{
            my $m = $&; defined $1 ? ($m =~ tr/\n//dc, $m)[1] // "" : defined $2 ? "" : "\"\""
        }gse;
        my @lines = split /\n/, $src, -1;
        for my $i (0 .. $#lines) {
            while ($lines[$i] =~ /$re/g) {
                my $fn = $1; my $text = $orig[$i]; $text =~ s/^\s+//;
                print "$f:", $i + 1, ": banned $fn(): use $fix{$fn}: $text\n";
                $bad = 1;
            }
        }
    }
    exit $bad;
'
