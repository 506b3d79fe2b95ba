/* h_dossiers.c: the case-management API (docs/dossiers.md).
 *
 *   GET  /api/v1/dossiers?unit=&state=&kind=&step=&overdue=1&person=
 *        &page=&per_page=                        the inbox (DOSSIER_READ)
 *   POST /api/v1/dossiers                        register one, 201
 *                                                (DOSSIER_ACT)
 *   GET  /api/v1/dossiers/:id                    one, ETag "<version>"
 *   POST /api/v1/dossiers/:id/transitions        {action, version, date,
 *                                                note} (DOSSIER_ACT)
 *   POST /api/v1/dossiers/:id/complaints         {version, complainant,
 *                                                content, received_on}, 201
 *   POST /api/v1/dossiers/:id/complaints/:cid/resolve
 *                                                {version, answer,
 *                                                resolved_on}
 *   GET  /api/v1/decisions?unit=&kind=&from=&to=&person=&page=&per_page=
 *   POST /api/v1/decisions                       {dossier_id, version,
 *                                                number, signed_on, kind,
 *                                                reason_text}, 201
 *                                                (DECISION_SIGN)
 *   GET  /api/v1/decisions/:id                   one (DOSSIER_READ)
 *   GET  /api/v1/decisions/:id/print             the letter, text/html
 *   GET  /api/v1/units/:code/posting?date=       the posting list
 *   GET  /api/v1/procedures                      the procedure data
 *
 * Every change needs the dossier's version (in the body, or If-Match:
 * "<version>"); a stale one is 409. Status codes: 400 bad input, 403 the
 * role may not take this action here or is not the competent signer, 404
 * absent or outside the caller's area, 409 stale version, not possible
 * now, or a decision number taken. Bodies: dossiers_body.h; values and
 * rules: app/dossiers.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/dossiers.h"
#include "core/procedure.h"
#include "http/dossier_handlers.h"
#include "http/dossiers_body.h"
#include "http/http.h"
#include "http/json.h"
#include "http/params.h"
#include "http/query.h"
#include "util/xalloc.h"

/* Answer an app_dos_rc or db_rc other than 0. */
static void reply_error(struct http_req *req, struct db *db, int rc,
                        const struct app_dos_err *err)
{
    unsigned status;

    switch (rc) {
    case APP_DOS_EINVAL:
        status = 400;
        break;
    case APP_DOS_ENOTFOUND:
        status = 404;
        break;
    case APP_DOS_EFORBIDDEN:
        status = 403;
        break;
    case APP_DOS_ECONFLICT:
    case APP_DOS_ESTATE:
    case APP_DOS_EDUPLICATE:
        status = 409;
        break;
    case APP_DOS_EINTERNAL:
        status = 500;
        break;
    default:
        hparam_store_error(req, db, rc, "dossiers");
        return;
    }
    hjson_reply_error(req, status, err->code[0] ? err->code : "error",
                      err->message, err->field);
}

/* Parse the body for mode into b and settle the version (body or
 * If-Match; required when need_version). Returns 0, or -1 after
 * answering. */
static int read_body(struct http_req *req, int mode, int need_version,
                     struct dossiers_body *b)
{
    struct hjson_err herr;
    int64_t im;

    memset(b, 0, sizeof *b);
    if (hparam_need_json(req) != 0)
        return -1;
    if (dossiers_body_parse(req->body.data ? req->body.data : "", req->body.len,
                            mode, b, &herr) != 0) {
        hjson_reply_err(req, 400, &herr);
        return -1;
    }
    if (!need_version)
        return 0;
    im = hparam_if_match(req);
    if (im == -2 || (im > 0 && b->version > 0 && im != b->version)) {
        hjson_reply_error(req, 400, "invalid_field",
                          "If-Match phải là phiên bản dạng \"3\" và trùng với "
                          "trường version.",
                          "version");
        goto fail;
    }
    if (b->version < 1)
        b->version = im;
    if (b->version < 1) {
        hjson_reply_error(req, 400, "missing_field",
                          "Thiếu phiên bản hồ sơ (trường \"version\" hoặc "
                          "tiêu đề If-Match) để tránh ghi đè thay đổi của "
                          "người khác.",
                          "version");
        goto fail;
    }
    return 0;
fail:
    dossiers_body_free(b);
    return -1;
}

static void set_etag(struct http_req *req, int64_t version)
{
    char etag[32];

    snprintf(etag, sizeof etag, "\"%lld\"", (long long)version);
    http_reply_header(req, "ETag", etag);
}

/* Answer with the dossier id as it is now ({"dossier": ...}). */
static void reply_dossier(struct http_req *req, struct db *db, int64_t id,
                          unsigned status, json_t *extra)
{
    struct app_dos_err err;
    json_t *d = NULL, *body;
    int64_t version = 0;
    int rc = app_dossier_get(db, &req->user, id, &d, &version, &err);

    if (rc != APP_DOS_OK) {
        json_decref(extra);
        reply_error(req, db, rc, &err);
        return;
    }
    body = extra ? extra : json_object();
    json_object_set_new(body, "dossier", d);
    hjson_reply(req, status, body);
    set_etag(req, version);
}

int http_handle_dossiers_list(struct http_req *req)
{
    static const char *const allowed[] = {"unit", "state",    "kind",
                                          "step", "overdue",  "person",
                                          "page", "per_page", NULL};
    struct app_dossier_query aq;
    struct app_dos_err err;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&aq, 0, sizeof aq);
    aq.unit = query_get(&q, "unit");
    aq.state = query_get(&q, "state");
    aq.kind = query_get(&q, "kind");
    aq.step = query_get(&q, "step");
    aq.overdue = query_get(&q, "overdue");
    aq.person = query_get(&q, "person");
    aq.page = query_get(&q, "page");
    aq.per_page = query_get(&q, "per_page");
    rc = app_dossier_list(db, &req->user, &aq, &out, &err);
    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        hjson_reply(req, 200, out);
out:
    query_free(&q);
    return 0;
}

int http_handle_dossier_create(struct http_req *req)
{
    struct dossiers_body b;
    struct app_dossier_new in;
    struct app_dos_err err;
    struct db *db;
    char loc[64];
    int64_t id = 0;
    int rc;

    if (read_body(req, DOS_BODY_CREATE, 0, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&in, 0, sizeof in);
    in.person_id = b.person_id;
    in.kind = b.kind;
    in.submitted_on = b.submitted_on;
    in.categories = b.categories;
    in.disability = b.disability;
    in.certificate_on = b.certificate_on;
    in.event_on = b.event_on;
    in.proposed = b.proposed;
    in.ground = b.ground;
    in.applicant = b.applicant;
    in.note = b.note;
    in.to_unit = b.to_unit;
    in.to_address = b.to_address;
    rc = app_dossier_create(db, &req->user, &in, &id, &err);
    if (rc != APP_DOS_OK) {
        reply_error(req, db, rc, &err);
        goto out;
    }
    reply_dossier(req, db, id, 201, NULL);
    snprintf(loc, sizeof loc, "/api/v1/dossiers/%lld", (long long)id);
    http_reply_header(req, "Location", loc);
out:
    dossiers_body_free(&b);
    return 0;
}

int http_handle_dossier_get(struct http_req *req)
{
    struct db *db;
    int64_t id;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    db = hparam_db(req);
    if (db != NULL)
        reply_dossier(req, db, id, 200, NULL);
    return 0;
}

int http_handle_dossier_transition(struct http_req *req)
{
    struct dossiers_body b;
    struct app_dossier_act in;
    struct app_dos_err err;
    struct db *db;
    int64_t id;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    if (read_body(req, DOS_BODY_ACT, 1, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&in, 0, sizeof in);
    in.action = b.action;
    in.version = b.version;
    in.date = b.date;
    in.note = b.note;
    rc = app_dossier_act(db, &req->user, id, &in, &err);
    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        reply_dossier(req, db, id, 200, NULL);
out:
    dossiers_body_free(&b);
    return 0;
}

int http_handle_complaint_create(struct http_req *req)
{
    struct dossiers_body b;
    struct app_complaint_new in;
    struct app_dos_err err;
    struct db *db;
    int64_t id, cid = 0;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    if (read_body(req, DOS_BODY_COMPLAINT, 1, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&in, 0, sizeof in);
    in.version = b.version;
    in.complainant = b.complainant;
    in.content = b.content;
    in.received_on = b.received_on;
    rc = app_complaint_add(db, &req->user, id, &in, &cid, &err);
    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        reply_dossier(req, db, id, 201,
                      json_pack("{s:I}", "complaint_id", (json_int_t)cid));
out:
    dossiers_body_free(&b);
    return 0;
}

int http_handle_complaint_resolve(struct http_req *req)
{
    struct dossiers_body b;
    struct app_complaint_answer in;
    struct app_dos_err err;
    struct db *db;
    int64_t id, cid;
    int rc;

    if (hparam_id(req, "id", &id) != 0 || hparam_id(req, "cid", &cid) != 0)
        return 0;
    if (read_body(req, DOS_BODY_ANSWER, 1, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&in, 0, sizeof in);
    in.version = b.version;
    in.answer = b.answer;
    in.resolved_on = b.resolved_on;
    rc = app_complaint_resolve(db, &req->user, id, cid, &in, &err);
    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        reply_dossier(req, db, id, 200, NULL);
out:
    dossiers_body_free(&b);
    return 0;
}

int http_handle_decisions_list(struct http_req *req)
{
    static const char *const allowed[] = {"unit",   "kind", "from",     "to",
                                          "person", "page", "per_page", NULL};
    struct app_decision_query aq;
    struct app_dos_err err;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&aq, 0, sizeof aq);
    aq.unit = query_get(&q, "unit");
    aq.kind = query_get(&q, "kind");
    aq.from = query_get(&q, "from");
    aq.to = query_get(&q, "to");
    aq.person = query_get(&q, "person");
    aq.page = query_get(&q, "page");
    aq.per_page = query_get(&q, "per_page");
    rc = app_decision_list(db, &req->user, &aq, &out, &err);
    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        hjson_reply(req, 200, out);
out:
    query_free(&q);
    return 0;
}

static void reply_decision(struct http_req *req, struct db *db, int64_t id,
                           unsigned status)
{
    struct app_dos_err err;
    json_t *x = NULL;
    int rc = app_decision_get(db, &req->user, id, &x, &err);

    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        hjson_reply(req, status, json_pack("{s:o}", "decision", x));
}

int http_handle_decision_sign(struct http_req *req)
{
    struct dossiers_body b;
    struct app_decision_new in;
    struct app_dos_err err;
    struct db *db;
    char loc[64];
    int64_t id = 0;
    int rc;

    if (read_body(req, DOS_BODY_DECISION, 1, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&in, 0, sizeof in);
    in.dossier_id = b.dossier_id;
    in.version = b.version;
    in.number = b.number;
    in.signed_on = b.signed_on;
    in.kind = b.kind;
    in.reason_text = b.reason_text;
    rc = app_decision_sign(db, &req->user, &in, &id, &err);
    if (rc != APP_DOS_OK) {
        reply_error(req, db, rc, &err);
        goto out;
    }
    reply_decision(req, db, id, 201);
    snprintf(loc, sizeof loc, "/api/v1/decisions/%lld", (long long)id);
    http_reply_header(req, "Location", loc);
out:
    dossiers_body_free(&b);
    return 0;
}

int http_handle_decision_get(struct http_req *req)
{
    struct db *db;
    int64_t id;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    db = hparam_db(req);
    if (db != NULL)
        reply_decision(req, db, id, 200);
    return 0;
}

int http_handle_decision_print(struct http_req *req)
{
    struct app_dos_err err;
    struct db *db;
    char *html = NULL;
    size_t len = 0;
    int64_t id;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    rc = app_decision_print(db, &req->user, id, &html, &len, &err);
    if (rc != APP_DOS_OK) {
        reply_error(req, db, rc, &err);
        return 0;
    }
    http_reply(req, 200, "text/html; charset=utf-8", html, len);
    http_reply_header(req, "Cache-Control", "no-store");
    return 0;
}

int http_handle_unit_posting(struct http_req *req)
{
    static const char *const allowed[] = {"date", NULL};
    struct app_dos_err err;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    rc = app_posting_list(db, &req->user, http_req_param(req, "code"),
                          query_get(&q, "date"), &out, &err);
    if (rc != APP_DOS_OK)
        reply_error(req, db, rc, &err);
    else
        hjson_reply(req, 200, out);
out:
    query_free(&q);
    return 0;
}

int http_handle_procedures(struct http_req *req)
{
    json_t *out = NULL;

    if (app_procedures_json(&out) != APP_DOS_OK) {
        hjson_reply_error(req, 500, "internal",
                          "Không nạp được dữ liệu thủ tục.", NULL);
        return 0;
    }
    hjson_reply(req, 200, out);
    return 0;
}
