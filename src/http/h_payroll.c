/* h_payroll.c: the payroll API (docs/payroll.md).
 *
 *   GET  /api/v1/payrolls?month=&state=&page=&per_page=   (PAYROLL_READ)
 *   POST /api/v1/payrolls {area, month, lookback}  prepare today, 201
 *                                                  (PAYROLL_PREPARE)
 *        with header X-Job-Id: progress at GET /api/v1/jobs/:id (h_jobs.c);
 *        a malformed token is 400 invalid_header
 *   GET  /api/v1/payrolls/:id?page=&per_page=&point=  lines with their
 *                                                  explanations, ETag
 *   POST /api/v1/payrolls/:id/check {version}      (PAYROLL_PREPARE)
 *   POST /api/v1/payrolls/:id/approve {version}    (PAYROLL_APPROVE)
 *   POST /api/v1/payrolls/:id/send {version}       (PAYROLL_PREPARE)
 *   POST /api/v1/payrolls/:id/blocks {ref, reason} (PAYROLL_PREPARE)
 *   GET  /api/v1/payrolls/:id/provider.csv, provider.xlsx  (PAYROLL_PAY)
 *   GET  /api/v1/payrolls/:id/lists/:point         print view (HTML);
 *        .../lists/:point.pdf the PDF; point 0: recoveries (PAYROLL_PAY)
 *   POST /api/v1/payrolls/:id/reconciliation       the provider's result
 *        file as the raw body, text/csv or the XLSX media type
 *                                                  (PAYROLL_PAY); with
 *        X-Job-Id, progress (rows) at GET /api/v1/jobs/:id
 *   GET  /api/v1/payrolls/:id/reconciliation       imports and mismatches
 *   GET  /api/v1/reports/budget?area=&year=&period=  (REPORT_READ)
 *   GET  /api/v1/reports/bhyt?area=&month=&format=   (PAYROLL_READ)
 *
 * Status codes: 400 bad input, 403 separation of duties (the preparer
 * checking, a preparer or checker approving) or a role the use case
 * refuses, 404 absent or outside the caller's area, 409 stale version,
 * wrong state, a commune in another payroll of the month, a stale
 * payroll, 413 an upload over its cap, 415 a body of the wrong type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "app/payroll.h"
#include "http/http.h"
#include "http/json.h"
#include "http/params.h"
#include "http/payroll_body.h"
#include "http/payroll_handlers.h"
#include "http/progress.h"
#include "http/query.h"
#include "util/xalloc.h"

#define XLSX_TYPE                                                              \
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static void reply_error(struct http_req *req, struct db *db, int rc,
                        const struct app_pay_err *err)
{
    unsigned status;

    switch (rc) {
    case APP_PAY_EINVAL:
        status = 400;
        break;
    case APP_PAY_ENOTFOUND:
        status = 404;
        break;
    case APP_PAY_EFORBIDDEN:
        status = 403;
        break;
    case APP_PAY_ECONFLICT:
    case APP_PAY_ESTATE:
        status = 409;
        break;
    case APP_PAY_ETOOBIG:
        status = 413;
        break;
    case APP_PAY_EINTERNAL:
        status = 500;
        break;
    default:
        hparam_store_error(req, db, rc, "payrolls");
        return;
    }
    hjson_reply_error(req, status, err->code[0] ? err->code : "error",
                      err->message, err->field);
}

static void set_etag(struct http_req *req, int64_t version)
{
    char etag[32];

    snprintf(etag, sizeof etag, "\"%lld\"", (long long)version);
    http_reply_header(req, "ETag", etag);
}

/* Parse a JSON body for mode; 0, or -1 after answering. */
static int read_body(struct http_req *req, int mode, struct payroll_body *b)
{
    struct hjson_err herr;

    if (!hjson_is_json_request(req)) {
        hjson_reply_error(req, 415, "unsupported_media_type",
                          "Dữ liệu phải gửi dạng application/json.", NULL);
        return -1;
    }
    if (payroll_body_parse(req->body.data ? req->body.data : "", req->body.len,
                           mode, b, &herr) != 0) {
        hjson_reply_err(req, 400, &herr);
        return -1;
    }
    return 0;
}

/* The version of If-Match ("\"3\"" or "3"), -1 when absent, -2 when
 * malformed. */
static int64_t if_match(struct http_req *req)
{
    const char *h = http_req_header(req, "If-Match");
    char *end = NULL;
    long long v;

    if (h == NULL)
        return -1;
    if (strncmp(h, "W/", 2) == 0)
        h += 2;
    if (*h == '"')
        h++;
    v = strtoll(h, &end, 10);
    if (end == h || v < 1 || (*end != '\0' && strcmp(end, "\"") != 0))
        return -2;
    return v;
}

int http_handle_payrolls_list(struct http_req *req)
{
    static const char *const allowed[] = {"month", "state", "page", "per_page",
                                          NULL};
    struct app_pay_query aq;
    struct app_pay_err err;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL) {
        query_free(&q);
        return 0;
    }
    memset(&aq, 0, sizeof aq);
    aq.month = query_get(&q, "month");
    aq.state = query_get(&q, "state");
    aq.page = query_get(&q, "page");
    aq.per_page = query_get(&q, "per_page");
    rc = app_payroll_list(db, &req->user, &aq, &out, &err);
    query_free(&q);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    hjson_reply(req, 200, out);
    return 0;
}

static void reply_payroll(struct http_req *req, struct db *db, int64_t id,
                          unsigned status, json_t *extra)
{
    struct app_pay_query aq;
    struct app_pay_err err;
    json_t *out = NULL;
    int64_t version = 0;
    int rc;

    memset(&aq, 0, sizeof aq);
    aq.per_page = "1";
    rc = app_payroll_get(db, &req->user, id, &aq, &out, &version, &err);
    if (rc != APP_PAY_OK) {
        json_decref(extra);
        reply_error(req, db, rc, &err);
        return;
    }
    if (extra != NULL) {
        json_object_set(extra, "payroll", json_object_get(out, "payroll"));
        json_decref(out);
        out = extra;
    }
    hjson_reply(req, status, out);
    set_etag(req, version);
}

/* The job a long request reports to: its user and X-Job-Id token. */
struct job_ref {
    int64_t user_id;
    const char *id;
};

static void job_progress(void *arg, int64_t done, int64_t total)
{
    const struct job_ref *j = arg;

    hprogress_update(j->user_id, j->id, done, total);
}

/* The job req names (X-Job-Id, optional) into *job: 0, or -1 after
 * replying 400 when the header is not a job token. */
static int job_of(struct http_req *req, struct job_ref *job)
{
    job->user_id = req->user.id;
    job->id = http_req_header(req, "X-Job-Id");
    if (job->id == NULL || hprogress_id_valid(job->id))
        return 0;
    hjson_reply_error(req, 400, "invalid_header",
                      "Mã việc (X-Job-Id) phải có 1 đến 40 ký tự A-Z, "
                      "a-z, 0-9, '_' hoặc '-'.",
                      "X-Job-Id");
    return -1;
}

int http_handle_payroll_prepare(struct http_req *req)
{
    struct payroll_body b;
    struct app_pay_summary s;
    struct app_pay_err err;
    struct job_ref job;
    struct app_progress progress = {job_progress, &job};
    struct db *db;
    char loc[64];
    json_t *extra;
    int rc;

    if (job_of(req, &job) != 0)
        return 0;
    if (read_body(req, PAY_BODY_PREPARE, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL) {
        payroll_body_free(&b);
        return 0;
    }
    if (job.id != NULL)
        hprogress_start(job.user_id, job.id);
    rc = app_payroll_prepare_ex(db, &req->user, b.area, b.month, NULL,
                                (int)b.lookback,
                                job.id != NULL ? &progress : NULL, &s, &err);
    payroll_body_free(&b);
    if (job.id != NULL)
        hprogress_finish(job.user_id, job.id, rc == APP_PAY_OK);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    extra = json_pack("{s:{s:I, s:I, s:I, s:I, s:I, s:I}}", "summary",
                      "persons", (json_int_t)s.persons, "lines",
                      (json_int_t)s.lines, "points", (json_int_t)s.points,
                      "total_payable", (json_int_t)s.payable, "total_recovery",
                      (json_int_t)s.recovery, "version", (json_int_t)s.version);
    reply_payroll(req, db, s.id, 201, extra);
    snprintf(loc, sizeof loc, "/api/v1/payrolls/%lld", (long long)s.id);
    http_reply_header(req, "Location", loc);
    return 0;
}

int http_handle_payroll_get(struct http_req *req)
{
    static const char *const allowed[] = {"page", "per_page", "point", NULL};
    struct app_pay_query aq;
    struct app_pay_err err;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int64_t id, version = 0;
    int rc;

    if (hparam_id(req, "id", &id) != 0 || hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL) {
        query_free(&q);
        return 0;
    }
    memset(&aq, 0, sizeof aq);
    aq.page = query_get(&q, "page");
    aq.per_page = query_get(&q, "per_page");
    aq.point = query_get(&q, "point");
    rc = app_payroll_get(db, &req->user, id, &aq, &out, &version, &err);
    query_free(&q);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    hjson_reply(req, 200, out);
    set_etag(req, version);
    return 0;
}

static int move(struct http_req *req, const char *action)
{
    struct payroll_body b;
    struct app_pay_err err;
    struct db *db;
    int64_t id, im, version;
    int rc;

    if (hparam_id(req, "id", &id) != 0 ||
        read_body(req, PAY_BODY_MOVE, &b) != 0)
        return 0;
    im = if_match(req);
    version = b.version;
    payroll_body_free(&b);
    if (im == -2 || (im > 0 && version > 0 && im != version)) {
        hjson_reply_error(req, 400, "invalid_field",
                          "If-Match phải là phiên bản dạng \"3\" và trùng với "
                          "trường version.",
                          "version");
        return 0;
    }
    if (version < 1)
        version = im;
    if (version < 1) {
        hjson_reply_error(req, 400, "missing_field",
                          "Thiếu phiên bản danh sách (trường \"version\" "
                          "hoặc tiêu đề If-Match).",
                          "version");
        return 0;
    }
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    rc =
        app_payroll_transition(db, &req->user, id, action, version, NULL, &err);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    reply_payroll(req, db, id, 200, NULL);
    return 0;
}

int http_handle_payroll_check(struct http_req *req)
{
    return move(req, "check");
}

int http_handle_payroll_approve(struct http_req *req)
{
    return move(req, "approve");
}

int http_handle_payroll_send(struct http_req *req)
{
    return move(req, "send");
}

int http_handle_payroll_block(struct http_req *req)
{
    struct payroll_body b;
    struct app_pay_err err;
    struct db *db;
    int64_t id;
    int rc;

    if (hparam_id(req, "id", &id) != 0 ||
        read_body(req, PAY_BODY_BLOCK, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL) {
        payroll_body_free(&b);
        return 0;
    }
    rc = app_payroll_block(db, &req->user, id, b.ref, b.reason, &err);
    payroll_body_free(&b);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    reply_payroll(req, db, id, 200, NULL);
    return 0;
}

/* Answer a document with its type and a download name. */
static void reply_file(struct http_req *req, char *data, size_t len,
                       const char *type, const char *name)
{
    char disp[160];

    http_reply(req, 200, type, data, len);
    if (name != NULL) {
        snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
        http_reply_header(req, "Content-Disposition", disp);
    }
    http_reply_header(req, "Cache-Control", "no-store");
}

static int provider(struct http_req *req, int format)
{
    struct app_pay_err err;
    struct db *db;
    char name[64];
    char *data = NULL;
    size_t len = 0;
    int64_t id;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    rc = app_payroll_provider_file(db, &req->user, id, format, &data, &len,
                                   &err);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    snprintf(name, sizeof name, "danh-sach-chi-tra-%lld.%s", (long long)id,
             format == APP_PAY_XLSX ? "xlsx" : "csv");
    reply_file(req, data, len,
               format == APP_PAY_XLSX ? XLSX_TYPE : "text/csv; charset=utf-8",
               name);
    return 0;
}

int http_handle_payroll_provider_csv(struct http_req *req)
{
    return provider(req, APP_PAY_CSV);
}

int http_handle_payroll_provider_xlsx(struct http_req *req)
{
    return provider(req, APP_PAY_XLSX);
}

int http_handle_payroll_list_point(struct http_req *req)
{
    const char *p = http_req_param(req, "point");
    struct app_pay_err err;
    struct db *db;
    char name[64], *end = NULL;
    char *data = NULL;
    size_t len = 0;
    int64_t id, point;
    int rc, pdf;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    point = p ? strtoll(p, &end, 10) : -1;
    pdf = end != NULL && strcmp(end, ".pdf") == 0;
    if (p == NULL || end == p || point < 0 || point > 1000000 ||
        (!pdf && *end != '\0')) {
        hjson_reply_error(req, 404, "not_found",
                          "Không tìm thấy địa chỉ yêu cầu.", NULL);
        return 0;
    }
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    rc = app_payroll_point_list(db, &req->user, id, point,
                                pdf ? APP_PAY_PDF : APP_PAY_HTML, &data, &len,
                                &err);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    if (pdf) {
        snprintf(name, sizeof name, "danh-sach-%lld-diem-%lld.pdf",
                 (long long)id, (long long)point);
        reply_file(req, data, len, "application/pdf", name);
    } else {
        reply_file(req, data, len, "text/html; charset=utf-8", NULL);
    }
    return 0;
}

int http_handle_payroll_reconcile(struct http_req *req)
{
    const char *ct = http_req_header(req, "Content-Type");
    struct app_pay_err err;
    struct job_ref job;
    struct app_progress progress = {job_progress, &job};
    struct db *db;
    json_t *out = NULL;
    int64_t id;
    int rc, format;

    if (hparam_id(req, "id", &id) != 0 || job_of(req, &job) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    if (ct != NULL && (strncasecmp(ct, "text/csv", 8) == 0 ||
                       strncasecmp(ct, "application/csv", 15) == 0)) {
        format = APP_PAY_CSV;
    } else if (ct != NULL &&
               strncasecmp(ct, XLSX_TYPE, strlen(XLSX_TYPE)) == 0) {
        format = APP_PAY_XLSX;
    } else {
        /* A payroll outside the area is 404 whatever the body. */
        rc = app_payroll_reconciliation(db, &req->user, id, &out, &err);
        json_decref(out);
        if (rc != APP_PAY_OK) {
            reply_error(req, db, rc, &err);
            return 0;
        }
        hjson_reply_error(
            req, 415, "unsupported_media_type",
            "Tệp kết quả phải gửi dạng text/csv hoặc XLSX (" XLSX_TYPE ").",
            NULL);
        return 0;
    }
    if (job.id != NULL)
        hprogress_start(job.user_id, job.id);
    rc = app_payroll_reconcile_ex(
        db, &req->user, id, req->body.data ? req->body.data : "", req->body.len,
        format, "", job.id != NULL ? &progress : NULL, &out, &err);
    if (job.id != NULL)
        hprogress_finish(job.user_id, job.id, rc == APP_PAY_OK);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    hjson_reply(req, json_is_true(json_object_get(out, "repeated")) ? 200 : 201,
                out);
    return 0;
}

int http_handle_payroll_reconciliation(struct http_req *req)
{
    struct app_pay_err err;
    struct db *db;
    json_t *out = NULL;
    int64_t id;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    rc = app_payroll_reconciliation(db, &req->user, id, &out, &err);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    hjson_reply(req, 200, out);
    return 0;
}

int http_handle_report_budget(struct http_req *req)
{
    static const char *const allowed[] = {"area", "year", "period", NULL};
    struct app_pay_err err;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL) {
        query_free(&q);
        return 0;
    }
    rc = app_payroll_budget(db, &req->user, query_get(&q, "area"),
                            query_get(&q, "year"), query_get(&q, "period"),
                            &out, &err);
    query_free(&q);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    hjson_reply(req, 200, out);
    return 0;
}

int http_handle_report_bhyt(struct http_req *req)
{
    static const char *const allowed[] = {"area", "month", "format", NULL};
    struct app_pay_err err;
    struct query q;
    struct db *db;
    const char *f;
    char name[64];
    char *data = NULL;
    size_t len = 0;
    int rc, format;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    f = query_get(&q, "format");
    if (f == NULL || strcmp(f, "xlsx") == 0) {
        format = APP_PAY_XLSX;
    } else if (strcmp(f, "csv") == 0) {
        format = APP_PAY_CSV;
    } else {
        query_free(&q);
        hjson_reply_error(req, 400, "invalid_query",
                          "format phải là xlsx hoặc csv.", "format");
        return 0;
    }
    db = hparam_db(req);
    if (db == NULL) {
        query_free(&q);
        return 0;
    }
    rc = app_payroll_bhyt(db, &req->user, query_get(&q, "area"),
                          query_get(&q, "month"), format, &data, &len, &err);
    snprintf(name, sizeof name, "bhyt-%.5s-%.7s.%s",
             query_get(&q, "area") ? query_get(&q, "area") : "",
             query_get(&q, "month") ? query_get(&q, "month") : "",
             format == APP_PAY_XLSX ? "xlsx" : "csv");
    query_free(&q);
    if (rc != APP_PAY_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    reply_file(req, data, len,
               format == APP_PAY_XLSX ? XLSX_TYPE : "text/csv; charset=utf-8",
               name);
    return 0;
}
