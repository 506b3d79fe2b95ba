/* csv_write.h: RFC 4180 CSV files for payment providers and spreadsheets
 * (ENGINEERING.md §8, docs/formats.md).
 *
 * What Excel on a Vietnamese Windows needs to open the file right: a UTF-8
 * byte-order mark first (without it Excel reads the bytes as Windows-1258
 * and "Nguyễn" turns into mojibake), CRLF line ends, fields quoted when
 * they hold the separator, a quote, CR or LF (a quote doubled inside).
 *
 * Formula injection: a spreadsheet runs a field that starts with '=', '+',
 * '-' or '@' (and, in some, a TAB or CR) as a formula, so text that a
 * beneficiary or an officer typed could become `=HYPERLINK(...)` on the
 * provider's machine. Text cells starting with one of those characters get
 * a leading apostrophe ("'=1+2"), which spreadsheets show as text; the
 * field is then quoted. Numbers, money and dates are written by this module
 * from integers, so they are never prefixed: "-5000" stays a number.
 * Readers of these files (our own reconciliation import included) should
 * strip one leading apostrophe from text fields (csv_unprotect).
 */
#ifndef ANSINH_FORMATS_CSV_WRITE_H
#define ANSINH_FORMATS_CSV_WRITE_H

#include <stddef.h>

#include "formats/table.h"
#include "util/buf.h"

struct csv_write_opts {
    char delim;      /* ',' (0 means ',') or ';' */
    int no_bom;      /* 1: leave the UTF-8 BOM out */
    int no_header;   /* 1: leave the header row out */
    int iso_dates;   /* 1: dates as YYYY-MM-DD instead of dd/mm/yyyy */
    int group_money; /* 1: money as "1.250.000" instead of "1250000" */
    int with_totals; /* 1: write t->totals too, when it is set */
};

/* Append table t to out as CSV: the BOM, the header row (column headers),
 * each row, and the totals row if asked for, every line ended by CRLF.
 * Money is plain digits ("1250000", "-5000"), integers plain, dates
 * dd/mm/yyyy, FMT_SIGN columns empty. opt may be NULL for the defaults.
 * Returns FMT_OK; FMT_EINVAL for a bad table or separator (fmt_table_check)
 * or FMT_ETOOBIG when out's cap is reached (out then holds a truncated
 * file: discard it). The message goes to err (may be NULL). */
int csv_write_table(const struct fmt_table *t, const struct csv_write_opts *opt,
                    struct buf *out, struct fmt_error *err);

/* Append one field (s, len) quoted as needed, protecting formulas when
 * protect is 1 (text cells). BUF_OK or BUF_ETOOBIG. */
int csv_write_field(struct buf *out, const char *s, size_t len, char delim,
                    int protect);

/* 1 if a text field of this content is prefixed by csv_write_field: it
 * starts with '=', '+', '-', '@', TAB or CR. */
int csv_needs_protection(const char *s, size_t len);

/* For a reader: the bytes to skip at the start of a text field (s, len)
 * written by csv_write_field: 1 if it is an apostrophe followed by a
 * character that csv_needs_protection names (the field is then s + 1,
 * len - 1), else 0. */
size_t csv_unprotect(const char *s, size_t len);

#endif
