/* print_html.h: the HTML print view of a report, from the same
 * fmt_report as the PDF (docs/formats.md).
 *
 * The page is web/print/list.html (compiled into the binary) rendered by
 * tmpl.h over a JSON model of the report; it links /print/list.css and
 * holds no inline style or script, so it works under the server's CSP
 * default-src 'self'. Every value is HTML-escaped by the template.
 */
#ifndef ANSINH_FORMATS_PRINT_HTML_H
#define ANSINH_FORMATS_PRINT_HTML_H

#include <jansson.h>

#include "formats/table.h"
#include "util/buf.h"

/* The template's name among the embedded files (util/embed.h). */
#define PRINT_LIST_TEMPLATE "web/print/list.html"

/* The model the template sees (caller json_decref):
 *   title, landscape, motto, place_date, unit [{text, last}], subtitles [],
 *   columns [{header, sign}], rows [{cells [{text, class}]}],
 *   totals {label, span, cells [{text, class}]} or absent, after [],
 *   has_signs, signs [{date_line, title, note, name}]
 * where class is "l", "r", "c" or "sign". Text must be UTF-8: NULL when
 * some is not (jansson refuses it). */
json_t *print_report_model(const struct fmt_report *rep, int landscape);

/* Render the report's print page into out. FMT_OK; FMT_EINVAL for a bad
 * table or text that is not UTF-8, FMT_ETMPL if the template is missing
 * or broken, FMT_ETOOBIG past out's cap. */
int print_report_html(const struct fmt_report *rep, int landscape,
                      struct buf *out, struct fmt_error *err);

#endif
