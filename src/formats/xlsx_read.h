/* xlsx_read.h: an XLSX reader for uploaded files, on libzip and expat
 * (ENGINEERING.md §8, docs/formats.md).
 *
 * Pull style, like util/csv.h: open the workbook from memory (the upload
 * body), choose a sheet, then xlsx_next returns one row at a time as cells
 * of (ptr, len) UTF-8 text with the row number, so callers can say
 * "Dòng 12, cột C: …". The sheet's XML is parsed as it is read (expat is
 * suspended after each row), so memory stays bounded by the caps, not by
 * the sheet.
 *
 * What it understands: sheets located through xl/workbook.xml and
 * xl/_rels/workbook.xml.rels (never by guessing sheet1.xml); shared strings
 * (optional; rich-text runs concatenated, phonetic runs skipped); cell
 * types s, inlineStr, str, b, e, n and d; formulas through their cached
 * value; dates from the cell's style (built-in date formats 14-17, 22,
 * 27-36, 50-58, and custom formats with d or y), honouring date1904.
 *
 * Hardening: the entry count, each part's declared and real uncompressed
 * size, the compression ratio of large parts (zip bombs), the bytes read in
 * all, shared strings, rows, cells per row and a cell's length are capped;
 * any DOCTYPE is refused (no entity tricks), and every allocation of the
 * reader and of expat goes through an allocator with a byte budget (and an
 * injectable failure, for tests). libzip's own allocations are not hooked.
 */
#ifndef ANSINH_FORMATS_XLSX_READ_H
#define ANSINH_FORMATS_XLSX_READ_H

#include <stddef.h>

enum xlsx_rc {
    XLSX_OK = 0,
    XLSX_ROW = 1,       /* xlsx_next: a row is available */
    XLSX_DONE = 2,      /* xlsx_next: no more rows */
    XLSX_EZIP = -1,     /* not a zip archive, or a damaged one */
    XLSX_EFORMAT = -2,  /* a zip, but not a workbook we can read: a part
                           missing, a bad reference or cell address */
    XLSX_EXML = -3,     /* malformed XML */
    XLSX_EDOCTYPE = -4, /* a DOCTYPE declaration (refused) */
    XLSX_ELIMIT = -5,   /* a cap exceeded (see xlsx_read_opts) */
    XLSX_ENOMEM = -6,   /* the reader's memory budget is used up */
    XLSX_EINVAL = -7    /* a bad call: no such sheet, no sheet open */
};

/* Caps; 0 picks the default in brackets. */
struct xlsx_read_opts {
    size_t max_entries;          /* zip entries [1000] */
    size_t max_part_size;        /* uncompressed bytes of one part [256 MiB] */
    size_t max_total_size;       /* uncompressed bytes read in all [1 GiB] */
    size_t max_ratio;            /* uncompressed/compressed, for parts over
                                    1 MiB [200] */
    size_t max_shared_strings;   /* [1,000,000] */
    size_t max_rows;             /* rows returned [1,048,576] */
    size_t max_cols;             /* columns: a cell right of this column is
                                    an error [256] */
    size_t max_cell_len;         /* bytes of one cell's text [32767] */
    size_t max_memory;           /* bytes held by the reader and expat
                                    [256 MiB] */
    unsigned long fail_alloc_at; /* tests: the Nth allocation (1-based) of
                                    the reader or expat fails; 0 never */
};

enum xlsx_type {
    XLSX_EMPTY = 0,  /* no value (a styled blank, or a gap) */
    XLSX_STRING = 1, /* shared, inline or formula string */
    XLSX_NUMBER = 2, /* as written in the file: "1250000", "0.5" */
    XLSX_DATE = 3,   /* a number in a date format, as "YYYY-MM-DD" or
                        "YYYY-MM-DD HH:MM:SS" when it has a time */
    XLSX_BOOL = 4,   /* "0" or "1" */
    XLSX_ERROR = 5   /* "#N/A", "#DIV/0!", ... */
};

/* One cell: not NUL-terminated; borrowed until the next xlsx_next,
 * xlsx_sheet_open or xlsx_reader_free. */
struct xlsx_cell {
    const char *ptr;
    size_t len;
    enum xlsx_type type;
};

struct xlsx_reader;

/* Open the workbook in (data, len), which must stay valid and unchanged
 * while the reader is used. Reads the workbook, its relationships, styles
 * and shared strings. opt may be NULL. Always sets *out (free it with
 * xlsx_reader_free, also on failure, after reading xlsx_errmsg). Returns
 * XLSX_OK or a negative xlsx_rc. */
int xlsx_reader_new(const void *data, size_t len,
                    const struct xlsx_read_opts *opt, struct xlsx_reader **out);
/* Free the reader. NULL-safe. */
void xlsx_reader_free(struct xlsx_reader *r);

/* Sheets in workbook order, with their names (UTF-8, borrowed). */
size_t xlsx_sheet_count(const struct xlsx_reader *r);
const char *xlsx_sheet_name(const struct xlsx_reader *r, size_t i);
/* The index of the sheet called name, or -1. */
long xlsx_sheet_find(const struct xlsx_reader *r, const char *name);
/* Start reading sheet i (0-based); a sheet opened before is closed.
 * XLSX_OK, XLSX_EINVAL for no such sheet, or an error. */
int xlsx_sheet_open(struct xlsx_reader *r, size_t i);

/* The next row that has a value: XLSX_ROW with *cells (*ncells >= 1
 * entries: column A first, gaps filled with XLSX_EMPTY cells, trailing
 * empty cells left out), or XLSX_DONE, or a negative xlsx_rc with the
 * message in xlsx_errmsg. Errors are sticky. */
int xlsx_next(struct xlsx_reader *r, const struct xlsx_cell **cells,
              size_t *ncells);
/* The sheet row number (1-based, as Excel shows it) of the last row
 * returned or of the error; 0 before the first row. */
size_t xlsx_row(const struct xlsx_reader *r);
/* 1 if the workbook counts dates from 1904. */
int xlsx_date1904(const struct xlsx_reader *r);
/* The error message ("" if none), in Vietnamese with the row and column
 * letter when there are ones: "Dòng 12, cột C: giá trị quá dài". */
const char *xlsx_errmsg(const struct xlsx_reader *r);
/* Allocations made so far by the reader and expat (for the
 * allocation-failure tests). */
unsigned long xlsx_alloc_count(const struct xlsx_reader *r);

/* The column letters of 0-based column col ("A", "Z", "AA", "XFD") into
 * out; col must be below 18278. */
void xlsx_col_name(size_t col, char out[4]);

#endif
