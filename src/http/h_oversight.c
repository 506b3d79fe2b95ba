/* h_oversight.c: the oversight view and the twice-yearly forms
 * (docs/oversight.md; REPORT_READ, aggregates only).
 *
 *   GET /api/v1/reports/oversight?date=&unit=          the document (JSON)
 *   GET /api/v1/reports/oversight.xlsx?date=&unit=     its tables (XLSX)
 *   GET /api/v1/reports/oversight.pdf?date=&unit=      the report (PDF)
 *   GET /api/v1/reports/oversight/print?date=&unit=    the report (HTML)
 *   GET /api/v1/reports/forms/:form?unit=&year=&half=  10a..10d (JSON);
 *                                                      10a.xlsx, 10a.pdf
 *   GET /api/v1/reports/forms/:form/print?...          the form (HTML)
 *
 * Status codes: 400 bad query (the field named), 404 a unit outside the
 * caller's area or that does not exist (same answer), or an unknown form;
 * 500 the rules, calendar or a document writer failed; 503 busy.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "app/oversight.h"
#include "app/scope.h"
#include "http/http.h"
#include "http/json.h"
#include "http/oversight_handlers.h"
#include "http/params.h"
#include "http/query.h"

#define XLSX_TYPE                                                              \
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void reply_error(struct http_req *req, struct db *db, int rc,
                        const struct app_report_err *err)
{
    unsigned status = rc == APP_REPORT_EINVAL      ? 400
                      : rc == APP_REPORT_ENOTFOUND ? 404
                      : rc == APP_REPORT_EINTERNAL ? 500
                                                   : 0;

    if (status == 0) {
        hparam_store_error(req, db, rc, "oversight");
        return;
    }
    hjson_reply_error(req, status, err->code[0] ? err->code : "error",
                      err->message, err->field[0] ? err->field : NULL);
}

static void reply_file(struct http_req *req, char *data, size_t len, int format,
                       const char *name)
{
    char disp[160];

    if (format == APP_OV_HTML) {
        http_reply(req, 200, "text/html; charset=utf-8", data, len);
    } else {
        http_reply(req, 200,
                   format == APP_OV_XLSX ? XLSX_TYPE : "application/pdf", data,
                   len);
        snprintf(disp, sizeof disp, "attachment; filename=\"%s.%s\"", name,
                 format == APP_OV_XLSX ? "xlsx" : "pdf");
        http_reply_header(req, "Content-Disposition", disp);
    }
    http_reply_header(req, "Cache-Control", "no-store");
}

/* The oversight document as JSON (format 0) or a document. */
static int oversight(struct http_req *req, int format)
{
    static const char *const allowed[] = {"date", "unit", NULL};
    struct app_report_err err;
    struct app_scope scope;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    char *data = NULL;
    size_t len = 0;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    if (format == 0)
        rc = app_oversight_get(db, &scope, query_get(&q, "date"),
                               query_get(&q, "unit"), &out, &err);
    else
        rc = app_oversight_export(db, &scope, query_get(&q, "date"),
                                  query_get(&q, "unit"), format, &data, &len,
                                  &err);
    if (rc != APP_REPORT_OK)
        reply_error(req, db, rc, &err);
    else if (format == 0)
        hjson_reply(req, 200, out);
    else
        reply_file(req, data, len, format, "giam-sat");
out:
    query_free(&q);
    return 0;
}

int http_handle_report_oversight(struct http_req *req)
{
    return oversight(req, 0);
}

int http_handle_report_oversight_xlsx(struct http_req *req)
{
    return oversight(req, APP_OV_XLSX);
}

int http_handle_report_oversight_pdf(struct http_req *req)
{
    return oversight(req, APP_OV_PDF);
}

int http_handle_report_oversight_print(struct http_req *req)
{
    return oversight(req, APP_OV_HTML);
}

/* A form: :form is "10a" (JSON, or the print view when print is set),
 * "10a.xlsx" or "10a.pdf". */
static int form(struct http_req *req, int print)
{
    static const char *const allowed[] = {"unit", "year", "half", NULL};
    const char *p = http_req_param(req, "form");
    struct app_report_err err;
    struct app_scope scope;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    char code[4], name[32];
    char *data = NULL;
    size_t len = 0, n;
    int rc, format = print ? APP_OV_HTML : 0;

    n = p ? strlen(p) : 0;
    if (n < 3 || p[0] != '1' || p[1] != '0' || p[2] < 'a' || p[2] > 'd' ||
        (n > 3 && (print || (strcmp(p + 3, ".xlsx") != 0 &&
                             strcmp(p + 3, ".pdf") != 0)))) {
        hjson_reply_error(req, 404, "not_found",
                          "Không có mẫu báo cáo này (10a, 10b, 10c, 10d).",
                          NULL);
        return 0;
    }
    if (n > 3)
        format = strcmp(p + 3, ".xlsx") == 0 ? APP_OV_XLSX : APP_OV_PDF;
    memcpy(code, p, 3);
    code[3] = '\0';
    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    if (format == 0)
        rc = app_form_get(db, &scope, code, query_get(&q, "unit"),
                          query_get(&q, "year"), query_get(&q, "half"), &out,
                          &err);
    else
        rc = app_form_export(db, &scope, code, query_get(&q, "unit"),
                             query_get(&q, "year"), query_get(&q, "half"),
                             format, &data, &len, &err);
    if (rc != APP_REPORT_OK) {
        reply_error(req, db, rc, &err);
    } else if (format == 0) {
        hjson_reply(req, 200, out);
    } else {
        snprintf(name, sizeof name, "mau-so-%s", code);
        reply_file(req, data, len, format, name);
    }
out:
    query_free(&q);
    return 0;
}

int http_handle_report_form(struct http_req *req)
{
    return form(req, 0);
}

int http_handle_report_form_print(struct http_req *req)
{
    return form(req, 1);
}
