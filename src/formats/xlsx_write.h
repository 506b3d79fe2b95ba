/* xlsx_write.h: XLSX workbooks from table definitions, on libxlsxwriter
 * (ENGINEERING.md §8, docs/formats.md).
 *
 * One sheet per table: an optional title line, the header row in bold on a
 * grey fill, frozen, with an autofilter over the data, column widths from
 * the definitions, thin borders. Cells keep their kind so that a provider's
 * or the social security office's software reads them right:
 *   text   a text cell with the "@" format: codes such as "001234" or an
 *          account number keep their leading zeros and are never numbers;
 *   int    a number with format "0";
 *   money  a number with format "#,##0" (Excel shows "1.250.000" under
 *          Vietnamese regional settings: the format code is neutral);
 *   date   a real date (serial) with format "dd/mm/yyyy";
 *   sign   an empty bordered cell.
 *
 * Same input, same bytes: libxlsxwriter stamps the creation time into
 * docProps/core.xml unless told otherwise, so it is always set, from the
 * options or to a fixed instant (XLSX_FIXED_CREATED); the zip entries
 * carry libxlsxwriter's fixed dates. Text must be valid UTF-8; control
 * characters that XML 1.0 cannot hold are written as spaces.
 */
#ifndef ANSINH_FORMATS_XLSX_WRITE_H
#define ANSINH_FORMATS_XLSX_WRITE_H

#include <stddef.h>
#include <time.h>

#include "formats/table.h"
#include "util/buf.h"

/* 2020-01-01T00:00:00Z: the creation time written when none is given. */
#define XLSX_FIXED_CREATED ((time_t)1577836800)
/* Data rows per sheet: Excel's 1,048,576 rows less the title, header and
 * totals rows. */
#define XLSX_MAX_ROWS   1048000u
#define XLSX_MAX_SHEETS 64

struct xlsx_sheet {
    const char *name;  /* 1..31 characters, none of []:*?/\ ("Danh sách") */
    const char *title; /* NULL, or a bold line above the header */
    const struct fmt_table *table;
    int with_totals; /* 1: write table->totals after the data, bold */
};

struct xlsx_write_opts {
    time_t created;     /* docProps creation time; 0: XLSX_FIXED_CREATED */
    const char *title;  /* document title property, or NULL */
    const char *author; /* NULL: "ansinh" */
};

/* Write the sheets (1..XLSX_MAX_SHEETS) to a new file at path (replaced if
 * it exists). opt may be NULL. Returns FMT_OK; FMT_EINVAL for a bad table,
 * sheet name or text (message names the sheet, row and column),
 * FMT_ETOOBIG for more than XLSX_MAX_ROWS rows, FMT_ELIB or FMT_EIO when
 * libxlsxwriter fails (its reason in the message). */
int xlsx_write_file(const char *path, const struct xlsx_sheet *sheets,
                    size_t nsheets, const struct xlsx_write_opts *opt,
                    struct fmt_error *err);

/* The same into memory: the workbook's bytes are appended to out (through
 * a private temporary folder under $TMPDIR or /tmp, removed before
 * returning). FMT_ETOOBIG also when out's cap is smaller than the file. */
int xlsx_write_buf(const struct xlsx_sheet *sheets, size_t nsheets,
                   const struct xlsx_write_opts *opt, struct buf *out,
                   struct fmt_error *err);

#endif
