/* oversight.h: the oversight view's figures and the twice-yearly reports
 * (docs/oversight.md; RULES.md §6.4, §7.2, §11), shared by
 * the /api/v1/reports/oversight and /api/v1/reports/forms routes
 * and `ansinh report`.
 *
 * Aggregates only: no person is ever named, so supervisors read them
 * (REPORT_READ). The unit defaults to the caller's area (the whole country
 * for national accounts); a unit asked for must lie inside the area on the
 * day that matters (the date; a form's half-year's last day), else
 * APP_REPORT_ENOTFOUND, answered exactly as a unit that does not exist.
 * Every figure is placed on the unit tree of its own day. Errors are those
 * of app/reports.h (APP_REPORT_EINVAL with the field, ENOTFOUND,
 * EINTERNAL) or a negative db_rc; err is always filled on failure.
 */
#ifndef ANSINH_APP_OVERSIGHT_H
#define ANSINH_APP_OVERSIGHT_H

#include <stddef.h>

#include <jansson.h>

#include "app/reports.h"

struct db;
struct app_scope;

/* Documents other than JSON. */
enum app_ov_format {
    APP_OV_XLSX = 1, /* one sheet per table */
    APP_OV_HTML = 2, /* the print view (web/print/oversight.html) */
    APP_OV_PDF = 3   /* formats/pdf_table */
};

/* The oversight document of date ('YYYY-MM-DD'; NULL: today in Vietnam)
 * and unit (2, 3 or 5 digits; NULL: the caller's area), in one read
 * transaction, into *out (caller json_decref's). Shape: docs/oversight.md. */
int app_oversight_get(struct db *db, const struct app_scope *scope,
                      const char *date, const char *unit, json_t **out,
                      struct app_report_err *err);

/* The same document as XLSX, HTML print view or PDF into *data (caller
 * frees), *len bytes. */
int app_oversight_export(struct db *db, const struct app_scope *scope,
                         const char *date, const char *unit, int format,
                         char **data, size_t *len, struct app_report_err *err);

/* Document doc (borrowed: an answer of app_oversight_get) as XLSX, HTML
 * print view or PDF into *data (caller frees), *len bytes, without
 * reading the database again. APP_REPORT_EINVAL for an unknown format,
 * APP_REPORT_EINTERNAL when a writer fails (err says why). */
int app_oversight_render(json_t *doc, int format, char **data, size_t *len,
                         struct app_report_err *err);

/* Form `form` ("10a", "10b", "10c", "10d") for unit (NULL: the caller's
 * area), year ('2021'..'2199' as text) and half ("1" or "2"), as of the
 * half-year's last day or today if earlier; a half-year that has not
 * begun is APP_REPORT_EINVAL. The layout is data (rules/reports/forms.csv,
 * core/report_forms.h). *out: docs/oversight.md. */
int app_form_get(struct db *db, const struct app_scope *scope, const char *form,
                 const char *unit, const char *year, const char *half,
                 json_t **out, struct app_report_err *err);

/* The form as XLSX, HTML print view or PDF (caller frees *data). */
int app_form_export(struct db *db, const struct app_scope *scope,
                    const char *form, const char *unit, const char *year,
                    const char *half, int format, char **data, size_t *len,
                    struct app_report_err *err);

/* Form doc (borrowed: an answer of app_form_get) as XLSX, HTML print view
 * or PDF into *data (caller frees), *len bytes, without reading the
 * database again. APP_REPORT_EINVAL for an unknown format,
 * APP_REPORT_EINTERNAL when a writer fails (err says why). */
int app_form_render(json_t *form, int format, char **data, size_t *len,
                    struct app_report_err *err);

#endif
