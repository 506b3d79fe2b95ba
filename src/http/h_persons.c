/* h_persons.c: the registry API (docs/registry.md).
 *
 *   GET   /api/v1/persons?q=&unit=&category=&status=&page=&per_page=
 *   POST  /api/v1/persons                      create (with residence)
 *   GET   /api/v1/persons/:id                  the whole record
 *   PATCH /api/v1/persons/:id                  correct (version required)
 *   POST  /api/v1/persons/:id/documents        add an evidence document
 *   PUT   /api/v1/persons/:id/payment          new payment arrangement
 *   GET   /api/v1/beneficiaries?...            beneficiary records
 *
 * The router has checked the session, CSRF and the permission (PERSON_READ
 * or PERSON_WRITE); WHERE the user may act is the scope of their account,
 * which every use case applies: out of scope is 404, like a missing
 * person. Writes answer with the whole record, as GET does, and an ETag
 * holding the person's version.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "app/registry.h"
#include "app/scope.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/query.h"
#include "http/registry_body.h"
#include "store/db.h"
#include "util/log.h"

static struct db *need_db(struct http_req *req)
{
    struct db *db = http_req_db(req);

    if (db == NULL)
        hjson_reply_error(req, 503, "database_unavailable",
                          "Không kết nối được cơ sở dữ liệu.", NULL);
    return db;
}

/* Answer a failed use case. */
static void reply_reg_error(struct http_req *req, struct db *db, int rc,
                            const struct app_reg_err *err)
{
    unsigned status;

    switch (rc) {
    case APP_REG_EINVAL:
        status = 400;
        break;
    case APP_REG_ENOTFOUND:
        status = 404;
        break;
    case APP_REG_ECONFLICT:
    case APP_REG_EDUPLICATE:
    case APP_REG_ESTATE:
        status = 409;
        break;
    case DB_EBUSY:
        status = 503;
        break;
    default:
        status = 500;
        log_error("registry failed", "req=%lu rc=%d err=\"%s\"", req->id, rc,
                  db ? db_errmsg(db) : "");
        if (rc == DB_ERROR)
            http_req_db_discard(req);
        break;
    }
    if (status == 500)
        hjson_reply_error(req, 500, "internal",
                          "Lỗi khi đọc hoặc ghi hồ sơ. Vui lòng thử lại sau.",
                          NULL);
    else
        hjson_reply_error(req, status, err->code[0] ? err->code : "error",
                          err->message[0] ? err->message : app_reg_strerror(rc),
                          err->field);
}

/* The :id parameter: a positive integer. Returns it, or 0 after answering
 * 400. */
static int64_t id_param(struct http_req *req)
{
    const char *s = http_req_param(req, "id");
    int64_t v = 0;
    size_t i, n = s ? strlen(s) : 0;

    for (i = 0; i < n && n <= 15; i++) {
        if (s[i] < '0' || s[i] > '9')
            break;
        v = v * 10 + (s[i] - '0');
    }
    if (n == 0 || n > 15 || i != n || v <= 0) {
        hjson_reply_error(req, 400, "invalid_id",
                          "Mã người phải là số nguyên dương.", "id");
        return 0;
    }
    return v;
}

/* Parse the JSON body of a write. Returns 0 and *out, or -1 after
 * answering (415, 400 or 413). */
static int json_body(struct http_req *req, json_t **out)
{
    struct hjson_err err;

    *out = NULL;
    if (!hjson_is_json_request(req)) {
        hjson_reply_error(req, 415, "unsupported_media_type",
                          "Dữ liệu phải gửi dạng application/json.", NULL);
        return -1;
    }
    memset(&err, 0, sizeof err);
    if (hjson_parse_object(req->body.data ? req->body.data : "", req->body.len,
                           out, &err) != HJSON_OK) {
        hjson_reply_err(req, strcmp(err.code, "too_large") == 0 ? 413 : 400,
                        &err);
        return -1;
    }
    return 0;
}

/* Answer with the whole record of person id (status 200 or 201); extra
 * (may be NULL) is merged in at the top. */
static void reply_person(struct http_req *req, struct db *db,
                         const struct app_scope *scope, int64_t id,
                         unsigned status, json_t *extra)
{
    struct app_reg_err err;
    json_t *o = NULL;
    char etag[32], loc[64];
    int rc;

    memset(&err, 0, sizeof err);
    rc = app_person_get(db, scope, id, &o, &err);
    if (rc != APP_REG_OK) {
        json_decref(extra);
        reply_reg_error(req, db, rc, &err);
        return;
    }
    if (extra != NULL) {
        json_object_update(o, extra);
        json_decref(extra);
    }
    snprintf(etag, sizeof etag, "\"%" JSON_INTEGER_FORMAT "\"",
             json_integer_value(
                 json_object_get(json_object_get(o, "person"), "version")));
    hjson_reply(req, status, o);
    http_reply_header(req, "ETag", etag);
    if (status == 201) {
        snprintf(loc, sizeof loc, "/api/v1/persons/%" PRId64, id);
        http_reply_header(req, "Location", loc);
    }
}

static int list(struct http_req *req, int beneficiaries)
{
    static const char *const allowed[] = {
        "q", "unit", "category", "status", "page", "per_page", NULL};
    struct app_person_filter f;
    struct app_reg_err err;
    struct app_scope scope;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    rc = query_parse(req->query, strlen(req->query), &q);
    if (rc == QUERY_OK)
        rc = query_only(&q, allowed);
    if (rc != QUERY_OK) {
        hjson_reply_error(req, 400, "invalid_query", query_strerror(rc),
                          q.bad_key);
        query_free(&q);
        return 0;
    }
    memset(&f, 0, sizeof f);
    memset(&err, 0, sizeof err);
    f.q = query_get(&q, "q");
    f.unit = query_get(&q, "unit");
    f.category = query_get(&q, "category");
    f.status = query_get(&q, "status");
    f.page = query_get(&q, "page");
    f.per_page = query_get(&q, "per_page");
    f.beneficiaries_only = beneficiaries;
    db = need_db(req);
    if (db != NULL) {
        app_scope_of_user(&req->user, &scope);
        rc = app_person_search(db, &scope, &f, &out, &err);
        if (rc == APP_REG_OK)
            hjson_reply(req, 200, out);
        else
            reply_reg_error(req, db, rc, &err);
    }
    query_free(&q);
    return 0;
}

int http_handle_persons_list(struct http_req *req)
{
    return list(req, 0);
}

int http_handle_beneficiaries_list(struct http_req *req)
{
    return list(req, 1);
}

/* Refuse any query string on endpoints that take none. */
static int no_query(struct http_req *req)
{
    static const char *const none[] = {NULL};
    struct query q;
    int rc = query_parse(req->query, strlen(req->query), &q);

    if (rc == QUERY_OK)
        rc = query_only(&q, none);
    query_free(&q);
    if (rc == QUERY_OK)
        return 0;
    hjson_reply_error(req, 400, "invalid_query", query_strerror(rc), q.bad_key);
    return -1;
}

int http_handle_person_get(struct http_req *req)
{
    struct app_scope scope;
    struct db *db;
    int64_t id;

    if (no_query(req) != 0)
        return 0;
    id = id_param(req);
    if (id == 0)
        return 0;
    db = need_db(req);
    if (db == NULL)
        return 0;
    app_scope_of_user(&req->user, &scope);
    reply_person(req, db, &scope, id, 200, NULL);
    return 0;
}

int http_handle_person_create(struct http_req *req)
{
    struct app_person_input in;
    struct app_reg_err err;
    struct hjson_err herr;
    struct app_scope scope;
    struct db *db;
    json_t *body = NULL;
    int64_t id = 0;
    int has_version, rc;

    if (no_query(req) != 0 || json_body(req, &body) != 0)
        return 0;
    memset(&err, 0, sizeof err);
    memset(&herr, 0, sizeof herr);
    if (hreg_person_body(body, 1, &in, &has_version, &herr) != HJSON_OK) {
        hjson_reply_err(req, 400, &herr);
        goto out;
    }
    db = need_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_person_create(db, &scope, req->user.username, &in, &id, &err);
    if (rc != APP_REG_OK) {
        reply_reg_error(req, db, rc, &err);
        goto out;
    }
    reply_person(req, db, &scope, id, 201, NULL);
out:
    json_decref(body);
    return 0;
}

/* The version of an If-Match header ("\"3\"" or "3"), or -1. */
static int64_t if_match(struct http_req *req)
{
    const char *h = http_req_header(req, "If-Match");
    int64_t v = 0;
    size_t i, n;

    if (h == NULL)
        return -1;
    n = strlen(h);
    if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
        h++;
        n -= 2;
    }
    if (n == 0 || n > 15)
        return -2;
    for (i = 0; i < n; i++) {
        if (h[i] < '0' || h[i] > '9')
            return -2;
        v = v * 10 + (h[i] - '0');
    }
    return v;
}

int http_handle_person_update(struct http_req *req)
{
    struct app_person_input in;
    struct app_reg_err err;
    struct hjson_err herr;
    struct app_scope scope;
    struct db *db;
    json_t *body = NULL;
    int64_t id, version = 0, im;
    int has_version, rc;

    if (no_query(req) != 0)
        return 0;
    id = id_param(req);
    if (id == 0 || json_body(req, &body) != 0)
        return 0;
    memset(&err, 0, sizeof err);
    memset(&herr, 0, sizeof herr);
    if (hreg_person_body(body, 0, &in, &has_version, &herr) != HJSON_OK) {
        hjson_reply_err(req, 400, &herr);
        goto out;
    }
    im = if_match(req);
    if (im == -2 || (im >= 0 && has_version && im != in.version)) {
        hjson_reply_error(req, 400, "invalid_field",
                          "If-Match phải là phiên bản đã đọc (ETag) và khớp "
                          "với trường version.",
                          "version");
        goto out;
    }
    if (!has_version && im < 0) {
        hjson_reply_error(req, 400, "missing_field",
                          "Thiếu phiên bản đã đọc (version, hoặc tiêu đề "
                          "If-Match với ETag).",
                          "version");
        goto out;
    }
    if (!has_version)
        in.version = im;
    db = need_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_person_update(db, &scope, req->user.username, id, &in, &version,
                           &err);
    if (rc != APP_REG_OK) {
        reply_reg_error(req, db, rc, &err);
        goto out;
    }
    reply_person(req, db, &scope, id, 200, NULL);
out:
    json_decref(body);
    return 0;
}

int http_handle_person_document_add(struct http_req *req)
{
    struct app_document_input in;
    struct app_reg_err err;
    struct hjson_err herr;
    struct app_scope scope;
    struct db *db;
    json_t *body = NULL;
    int64_t id, doc = 0;
    int rc;

    if (no_query(req) != 0)
        return 0;
    id = id_param(req);
    if (id == 0 || json_body(req, &body) != 0)
        return 0;
    memset(&err, 0, sizeof err);
    memset(&herr, 0, sizeof herr);
    if (hreg_document_body(body, &in, &herr) != HJSON_OK) {
        hjson_reply_err(req, 400, &herr);
        goto out;
    }
    db = need_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_document_add(db, &scope, req->user.username, id, &in, &doc, &err);
    if (rc != APP_REG_OK) {
        reply_reg_error(req, db, rc, &err);
        goto out;
    }
    reply_person(req, db, &scope, id, 201,
                 json_pack("{s:I}", "document_id", (json_int_t)doc));
out:
    json_decref(body);
    return 0;
}

int http_handle_person_payment_set(struct http_req *req)
{
    struct app_payment_input in;
    struct app_reg_err err;
    struct hjson_err herr;
    struct app_scope scope;
    struct db *db;
    json_t *body = NULL;
    int64_t id, version = 0;
    int rc;

    if (no_query(req) != 0)
        return 0;
    id = id_param(req);
    if (id == 0 || json_body(req, &body) != 0)
        return 0;
    memset(&err, 0, sizeof err);
    memset(&herr, 0, sizeof herr);
    if (hreg_payment_body(body, &in, &herr) != HJSON_OK) {
        hjson_reply_err(req, 400, &herr);
        goto out;
    }
    db = need_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_payment_set(db, &scope, req->user.username, id, &in, &version,
                         &err);
    if (rc != APP_REG_OK) {
        reply_reg_error(req, db, rc, &err);
        goto out;
    }
    reply_person(req, db, &scope, id, 200, NULL);
out:
    json_decref(body);
    return 0;
}
