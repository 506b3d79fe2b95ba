/* tmpl.h: a mustache subset for print views, over jansson values
 * (ENGINEERING.md §10, docs/formats.md).
 *
 *   {{name}}        the value, HTML-escaped (& < > " ' / ` =, as
 *                   mustache.js does)
 *   {{{name}}}      the value, raw (also {{&name}})
 *   {{#name}}…{{/name}}  once per element of a non-empty array (each
 *                   element becomes the context), once for an object (it
 *                   becomes the context) or another truthy value
 *   {{^name}}…{{/name}}  once if name is falsy
 *   {{! comment }}  nothing
 *   a.b.c           dotted names: a is looked up from the innermost
 *                   context outwards, then b and c inside it; "." is the
 *                   current context
 *
 * Falsy, as in mustache.js: missing, null, false, "", 0 and []. Values
 * print as: strings as they are, integers in decimal, reals with up to 15
 * significant digits, true/false as words, null, objects and arrays as
 * nothing. Partials ({{>x}}) and delimiter changes ({{=<% %>=}}) are
 * refused. Standalone tag lines are not removed (HTML does not mind).
 *
 * Errors name the template line: "Mẫu in, dòng 7: {{/rows}} không khớp
 * với {{#cols}} (dòng 5)". Rendering is bounded by the output buffer's cap
 * and a cap on steps (sections nested over big arrays).
 */
#ifndef ANSINH_FORMATS_TMPL_H
#define ANSINH_FORMATS_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "formats/table.h"
#include "util/buf.h"

#define TMPL_MAX_SIZE  (1u << 20) /* template bytes */
#define TMPL_MAX_DEPTH 32         /* nested sections */
#define TMPL_MAX_STEPS 10000000u  /* tags and texts rendered per call */

struct tmpl;

/* Compile the template (src, len) (UTF-8; not kept: the template copies
 * it). FMT_OK and *out (caller frees with tmpl_free), or FMT_ETMPL with
 * the line in err, FMT_ETOOBIG past TMPL_MAX_SIZE. */
int tmpl_parse(const char *src, size_t len, struct tmpl **out,
               struct fmt_error *err);
/* NULL-safe. */
void tmpl_free(struct tmpl *t);
/* Render t with data (borrowed; any jansson value) appended to out.
 * FMT_OK, or FMT_ETOOBIG when out's cap or the step cap is reached (out
 * then holds part of the page: discard it). */
int tmpl_render(const struct tmpl *t, const json_t *data, struct buf *out,
                struct fmt_error *err);
/* tmpl_parse + tmpl_render. */
int tmpl_render_text(const char *src, size_t len, const json_t *data,
                     struct buf *out, struct fmt_error *err);

#endif
