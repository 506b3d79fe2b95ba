/* pdf_table.h: printable lists as PDF on libharu 2.3.0 (ENGINEERING.md §9,
 * docs/formats.md).
 *
 * A small report layout: A4 portrait or landscape; the administrative
 * header (issuing unit, national motto, place and date, title and
 * subtitles); tables whose column headers repeat on every page, with
 * wrapped text, right-aligned money, rows as tall as their text, an empty
 * box for a signature column (ký nhận) and a bold totals row; paragraphs
 * ("Tổng số tiền bằng chữ: …"); signature blocks side by side; "Trang x/y"
 * at the foot of every page.
 *
 * Fonts: Liberation Sans (or Serif) from fonts-liberation2, looked for in
 * the folder given in the options (then the only one), else in
 * $ANSINH_FONT_DIR, then in the folder compiled in (ANSINH_FONT_DIR in
 * CMake, /usr/share/fonts/truetype/liberation2). Never DejaVu: libharu 2.3.0's
 * subsetting drops the parts of its composite glyphs, so "Nguyễn" prints as
 * "Nguyen". Text is UTF-8 (HPDF_UseUTFEncodings), NFC, without shaping: lines
 * are broken here, at spaces, by measured width.
 *
 * Same input, same bytes: no dates go into the information dictionary and
 * libharu writes no file identifier for an unencrypted document, so two
 * renderings of the same report are identical (tested).
 *
 * Usage: pdf_report_new, then pdf_add_* in reading order, then pdf_finish;
 * or pdf_render_report for a whole fmt_report. Errors are sticky: after a
 * failure every call returns the same code, and pdf_errmsg says why.
 */
#ifndef ANSINH_FORMATS_PDF_TABLE_H
#define ANSINH_FORMATS_PDF_TABLE_H

#include <stddef.h>

#include "formats/table.h"
#include "util/buf.h"

#define PDF_DEFAULT_MAX_PAGES 5000u
#define PDF_DEFAULT_MAX_ROWS  200000u

struct pdf_options {
    int landscape;        /* 1: A4 landscape */
    int serif;            /* 1: Liberation Serif instead of Sans */
    const char *font_dir; /* the only folder tried, when not NULL */
    double font_size;     /* table and text size in points; 0: 10 */
    size_t max_pages;     /* 0: PDF_DEFAULT_MAX_PAGES */
    size_t max_rows;      /* rows of one table; 0: PDF_DEFAULT_MAX_ROWS */
};

/* Text styles for pdf_add_text, combined with |. */
enum pdf_style { PDF_BOLD = 1, PDF_ITALIC = 2, PDF_CENTER = 4, PDF_RIGHT = 8 };

struct pdf_report;

/* A new document with its first page. opt may be NULL. Always sets *out
 * (free it with pdf_report_free, also on failure). FMT_OK, or FMT_EFONT
 * when the regular font cannot be found (the message names the file and
 * the folders tried), FMT_ELIB if libharu fails. */
int pdf_report_new(const struct pdf_options *opt, struct pdf_report **out);
/* NULL-safe. */
void pdf_report_free(struct pdf_report *p);

/* The header block. A header that is not the first thing in the document
 * starts a new page (one report per payment point in one file). */
int pdf_add_header(struct pdf_report *p, const struct fmt_header *h);
/* The table from the current position, continued on new pages with its
 * column headers repeated. FMT_EINVAL for a bad table (fmt_table_check)
 * or text that is not UTF-8; FMT_ETOOBIG past max_rows or max_pages. */
int pdf_add_table(struct pdf_report *p, const struct fmt_table *t);
/* A paragraph of text (may hold '\n'), wrapped to the page width, in the
 * given pdf_style flags. */
int pdf_add_text(struct pdf_report *p, const char *text, int style);
/* n (1..FMT_MAX_SIGNS) signature blocks side by side, kept on one page. */
int pdf_add_signatures(struct pdf_report *p, const struct fmt_signature *s,
                       size_t n);
/* Continue on a new page. */
int pdf_new_page(struct pdf_report *p);
/* Number the pages ("Trang x/y") and append the PDF to out. FMT_ETOOBIG if
 * out's cap is too small. The report cannot be added to afterwards. */
int pdf_finish(struct pdf_report *p, struct buf *out);
/* Pages so far. */
size_t pdf_page_count(const struct pdf_report *p);
/* The message of the first error, "" if none. */
const char *pdf_errmsg(const struct pdf_report *p);

/* A whole report (header, table with its totals, the texts after it, the
 * signatures) into out. The message of a failure goes to err. */
int pdf_render_report(const struct fmt_report *rep,
                      const struct pdf_options *opt, struct buf *out,
                      struct fmt_error *err);

#endif
