/* table.h: the data every document writer of src/formats takes
 * (docs/formats.md).
 *
 * A table is column definitions (header text, width, alignment, kind) plus
 * rows of cells, row-major, and an optional totals row. The same table
 * feeds the PDF list (pdf_table.h), the XLSX and CSV provider files
 * (xlsx_write.h, csv_write.h) and the HTML print view (print_html.h), so
 * a caller builds its rows once. A report adds the administrative header
 * (issuing unit, national motto, title), free text after the table and
 * the signature block.
 *
 * Everything here is borrowed: the writers never keep or free a pointer
 * they are given. Text is UTF-8, NFC (core/text.h normalises input).
 */
#ifndef ANSINH_FORMATS_TABLE_H
#define ANSINH_FORMATS_TABLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum fmt_rc {
    FMT_OK = 0,
    FMT_EINVAL = -1,  /* a bad definition: no columns, a NULL, a bad kind */
    FMT_ETOOBIG = -2, /* a cap exceeded: rows, pages, output size */
    FMT_EFONT = -3,   /* a font file missing or unreadable (PDF) */
    FMT_ELIB = -4,    /* the underlying library refused (libharu,
                         libxlsxwriter) */
    FMT_EIO = -5,     /* a temporary or output file failed */
    FMT_ETMPL = -6    /* a template error (HTML) */
};

/* A cell's kind, from its column: how it is written in each format. */
enum fmt_kind {
    FMT_TEXT = 0,  /* text; in XLSX a text cell ("@"), so codes such as
                      "001234" keep their leading zeros */
    FMT_INT = 1,   /* a whole number without grouping (STT, counts) */
    FMT_MONEY = 2, /* đồng, grouped "1.250.000" (PDF, HTML); XLSX number
                      with "#,##0"; CSV plain digits "1250000" */
    FMT_DATE = 3,  /* dd/mm/yyyy (PDF, HTML, CSV); XLSX a real date */
    FMT_SIGN = 4   /* an empty box for a signature (ký nhận): taller rows
                      in the PDF, an empty column elsewhere */
};

enum fmt_align {
    FMT_ALIGN_AUTO = 0, /* text left, numbers right, dates centred */
    FMT_LEFT = 1,
    FMT_CENTER = 2,
    FMT_RIGHT = 3
};

struct fmt_column {
    const char *header;   /* header text (UTF-8); may contain '\n' */
    double width;         /* in characters, as a spreadsheet column; the
                             PDF scales the widths to the page; 0: 10 */
    enum fmt_align align; /* FMT_ALIGN_AUTO by default */
    enum fmt_kind kind;
};

/* One cell. Which field counts depends on the column's kind; `empty`
 * marks a cell with nothing in it whatever the kind. Build them with the
 * fmt_* helpers below. */
struct fmt_cell {
    const char *text; /* FMT_TEXT; NULL is the same as empty */
    int64_t num;      /* FMT_INT, FMT_MONEY */
    struct date date; /* FMT_DATE */
    int empty;
};

/* The table: nrows x ncols cells, row-major (row r, column c is
 * cells[r * ncols + c]). totals, if not NULL, is one more row of ncols
 * cells drawn in bold after the data; its first totals_span columns (0 or
 * 1: no merge) are merged to hold a label such as "Tổng cộng", taken from
 * totals[0].text. */
struct fmt_table {
    const struct fmt_column *cols;
    size_t ncols;
    const struct fmt_cell *cells;
    size_t nrows;
    const struct fmt_cell *totals;
    size_t totals_span;
};

#define FMT_MAX_LINES 4
#define FMT_MAX_SIGNS 4
#define FMT_MAX_TEXTS 8

/* The administrative header of a list (Decree 30/2020 layout): the issuing
 * unit on the left ("UBND HUYỆN …" / "UBND XÃ …"), the national motto on
 * the right, a place and date line under it, then the title and subtitle
 * lines centred. Unused entries are NULL. */
struct fmt_header {
    const char *unit[FMT_MAX_LINES]; /* the last line is bold, underlined */
    int no_motto;                    /* 1: leave the motto out */
    const char *place_date; /* "Quang Trung, ngày … tháng … năm …" */
    const char *title;      /* bold, upper case as given */
    const char *subtitle[FMT_MAX_LINES];
};

/* One signature: "Người lập biểu" with "(Ký, ghi rõ họ tên)" under it and
 * the name after the space for the signature. Unused fields are NULL. */
struct fmt_signature {
    const char *date_line; /* "…, ngày … tháng … năm …" (italic) */
    const char *title; /* "Người lập biểu", "Kế toán", "Chủ tịch" */
    const char *note; /* "(Ký, ghi rõ họ tên)" (italic) */
    const char *name; /* printed under the space; may be NULL */
};

/* A whole printable list: header, table, free text paragraphs after the
 * table ("Tổng số tiền bằng chữ: …") and the signatures side by side. */
struct fmt_report {
    struct fmt_header header;
    struct fmt_table table;
    const char *after[FMT_MAX_TEXTS];
    struct fmt_signature signs[FMT_MAX_SIGNS];
    size_t nsigns;
};

/* A place for the detailed message of a failed call, in Vietnamese; the
 * caller logs it once. Every function taking one accepts NULL. */
struct fmt_error {
    char msg[256];
};

static inline struct fmt_cell fmt_text(const char *s)
{
    struct fmt_cell c = {s, 0, {0, 0, 0}, s == NULL};
    return c;
}

static inline struct fmt_cell fmt_num(int64_t n)
{
    struct fmt_cell c = {NULL, n, {0, 0, 0}, 0};
    return c;
}

static inline struct fmt_cell fmt_date(struct date d)
{
    struct fmt_cell c = {NULL, 0, d, 0};
    return c;
}

static inline struct fmt_cell fmt_empty(void)
{
    struct fmt_cell c = {NULL, 0, {0, 0, 0}, 1};
    return c;
}

/* Check a table: at least one column, at most FMT_MAX_COLS, each column's
 * kind known, cells not NULL when nrows > 0, every date of a FMT_DATE
 * cell valid, totals_span <= ncols. FMT_OK or FMT_EINVAL with the reason
 * (naming the row and column) in err. */
int fmt_table_check(const struct fmt_table *t, struct fmt_error *err);

#define FMT_MAX_COLS 64

/* The cell at (row, col) of t; row == nrows gives the totals row. */
const struct fmt_cell *fmt_cell_at(const struct fmt_table *t, size_t row,
                                   size_t col);

/* The display text of cell c in a column of kind k, as people read it:
 * money grouped with '.' ("1.250.000", "-5.000"), integers plain, dates
 * dd/mm/yyyy, text as is; "" for an empty cell or a FMT_SIGN column. The
 * result is out (at most cap bytes with the NUL) for numbers and dates,
 * or c->text itself for text; cap >= 32 always suffices for non-text. */
const char *fmt_cell_display(const struct fmt_cell *c, enum fmt_kind k,
                             char *out, size_t cap);

/* The alignment a column really gets (FMT_ALIGN_AUTO resolved). */
enum fmt_align fmt_column_align(const struct fmt_column *col);

/* Write the message into err if err is not NULL; returns rc. */
int fmt_fail(struct fmt_error *err, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
