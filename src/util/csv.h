/* csv.h: an RFC 4180 CSV reader over a memory buffer (ENGINEERING.md §8).
 *
 * Pull style: csv_next returns one row at a time as (ptr, len) fields.
 * Accepts what spreadsheets write: a UTF-8 byte-order mark (stripped), CRLF
 * or LF line ends (a lone CR also ends a line), ',' or ';' as separator
 * (detected from the header line unless given), fields in double quotes
 * with "" for a quote and line breaks kept inside quotes. Completely empty
 * lines are skipped. Hard caps on fields per row, field length and rows keep
 * memory bounded by the input size whatever the input; NUL bytes are
 * refused. Text encoding is not checked here (callers validate UTF-8).
 *
 * Errors name the line and column, 1-based, in Vietnamese:
 *   "Dòng 12, cột 3: dấu ngoặc kép không đóng".
 */
#ifndef ANSINH_UTIL_CSV_H
#define ANSINH_UTIL_CSV_H

#include <stddef.h>

enum csv_rc {
    CSV_OK = 0,
    CSV_ROW = 1,             /* csv_next: a row is available */
    CSV_DONE = 2,            /* csv_next: no more rows */
    CSV_EQUOTE = -1,         /* a quoted field is never closed */
    CSV_EQUOTECHAR = -2,     /* a quote inside an unquoted field, or text
                                after a closing quote */
    CSV_ETOOMANYFIELDS = -3, /* more fields in a row than max_fields */
    CSV_ETOOLONG = -4,       /* a field longer than max_field_len bytes */
    CSV_ETOOMANYROWS = -5,   /* more rows than max_rows */
    CSV_ENUL = -6,           /* a NUL byte in the input */
    CSV_EINVAL = -7          /* bad options */
};

/* Defaults used for a zero option. */
#define CSV_DEFAULT_MAX_FIELDS    256
#define CSV_DEFAULT_MAX_FIELD_LEN 4096
#define CSV_DEFAULT_MAX_ROWS      1000000

struct csv_options {
    size_t max_fields;    /* fields per row (0: CSV_DEFAULT_MAX_FIELDS) */
    size_t max_field_len; /* bytes per field after unquoting (0: default) */
    size_t max_rows;      /* rows, header included (0: default) */
    char delim;           /* ',' or ';'; 0 detects it from the first line */
};

/* One field: not NUL-terminated; borrowed until the next csv_next or
 * csv_reader_free. */
struct csv_field {
    const char *ptr;
    size_t len;
};

struct csv_reader;

/* Start reading (data, len), which must stay valid and unchanged while the
 * reader is used (fields point into it when no unquoting was needed).
 * opt may be NULL for the defaults. Returns CSV_OK and *out (free with
 * csv_reader_free), or CSV_EINVAL for a delimiter other than 0, ',', ';'. */
int csv_reader_new(const char *data, size_t len, const struct csv_options *opt,
                   struct csv_reader **out);
/* Free the reader. NULL-safe. */
void csv_reader_free(struct csv_reader *r);

/* Read the next row: CSV_ROW with *fields (nfields entries, at least 1) or
 * CSV_DONE at the end, or a negative csv_rc with the message in
 * csv_errmsg. Errors are sticky: later calls return the same error. */
int csv_next(struct csv_reader *r, const struct csv_field **fields,
             size_t *nfields);

/* The separator in use (',' or ';'). */
char csv_delimiter(const struct csv_reader *r);
/* Line (1-based, counting physical lines, BOM-free) where the last row
 * returned starts, or where the error is; 0 before the first row. */
size_t csv_line(const struct csv_reader *r);
/* Column (1-based field number) of the error; 0 if none. */
size_t csv_column(const struct csv_reader *r);
/* Rows returned so far (header included). */
size_t csv_rows(const struct csv_reader *r);
/* The error message, "" if none. Borrowed from the reader. */
const char *csv_errmsg(const struct csv_reader *r);
/* A short Vietnamese description of a csv_rc (no position). */
const char *csv_strerror(int rc);

/* 1 if the field equals the NUL-terminated string s. */
int csv_field_eq(const struct csv_field *f, const char *s);

#endif
