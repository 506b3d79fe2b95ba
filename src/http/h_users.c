/* h_users.c: the accounts API (ROUTER_PERM_USERS_MANAGE: admin).
 *
 *   GET   /api/v1/users?role=&area=&active=&page=&per_page=   a page
 *   POST  /api/v1/users        {username, full_name, password, role,
 *                               area_code}                      201
 *   GET   /api/v1/users/:id    one account, ETag: "<version>"
 *   PATCH /api/v1/users/:id    {version, full_name?, role?, area_code?,
 *                               active?, password?}; the version may come
 *                               as If-Match: "<version>" instead; 409 when
 *                               it is stale (a lost update)
 *
 * Deactivating is PATCH {"active": false}: accounts are never deleted (the
 * audit trail names them). Accounts outside the administrator's area are
 * 404 (app/users.h). Bodies: users_body.h; values: app/users.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/scope.h"
#include "app/users.h"
#include "core/date.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/params.h"
#include "http/query.h"
#include "http/users_body.h"
#include "store/db.h"
#include "util/clock.h"
#include "util/log.h"

static json_t *str_or_null(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

static json_t *area_json(struct db *db, const char *code)
{
    char today[11], name[256];

    if (code[0] == '\0')
        return json_null();
    date_format_iso(clock_today_vn(), today);
    if (app_scope_area_name(db, code, today, name, sizeof name) != 0)
        name[0] = '\0';
    return json_pack("{s:s, s:s}", "code", code, "name", name);
}

static json_t *view_json(struct db *db, const struct app_users_view *v)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:b, s:I, s:s, s:o}", "id",
                     (json_int_t)v->id, "username", v->username, "full_name",
                     v->full_name, "role", v->role, "area_code",
                     str_or_null(v->area_code), "area",
                     area_json(db, v->area_code), "active", v->active,
                     "version", (json_int_t)v->version, "created_at",
                     v->created_at, "updated_at", str_or_null(v->updated_at));
}

static void set_etag(struct http_req *req, int64_t version)
{
    char etag[32];

    snprintf(etag, sizeof etag, "\"%lld\"", (long long)version);
    http_reply_header(req, "ETag", etag);
}

static void reply_user(struct http_req *req, struct db *db, unsigned status,
                       const struct app_users_view *v)
{
    hjson_reply(req, status, json_pack("{s:o}", "user", view_json(db, v)));
    set_etag(req, v->version);
}

/* Answer an app_users_rc or db_rc other than 0. */
static void reply_users_error(struct http_req *req, struct db *db, int rc,
                              const struct app_users_err *err)
{
    switch (rc) {
    case APP_USERS_EINVAL:
        hjson_reply_error(req, 400, "invalid_field", err->msg, err->field);
        break;
    case APP_USERS_EEXISTS:
        hjson_reply_error(req, 409, "username_taken", err->msg, "username");
        break;
    case APP_USERS_ENOTFOUND:
        hjson_reply_error(req, 404, "not_found", "Không tìm thấy tài khoản.",
                          NULL);
        break;
    case APP_USERS_ECONFLICT:
        hjson_reply_error(req, 409, "version_conflict", err->msg, "version");
        break;
    case APP_USERS_ESELF:
        hjson_reply_error(req, 409, "self_lockout", err->msg, err->field);
        break;
    case APP_USERS_EINTERNAL:
        hjson_reply_error(req, 500, "internal", err->msg, NULL);
        break;
    default:
        hparam_store_error(req, db, rc, "users");
        break;
    }
}

static int need_json(struct http_req *req)
{
    if (hjson_is_json_request(req))
        return 0;
    hjson_reply_error(req, 415, "unsupported_media_type",
                      "Dữ liệu phải gửi dạng application/json.", NULL);
    return -1;
}

int http_handle_users_list(struct http_req *req)
{
    static const char *const allowed[] = {"role", "area",     "active",
                                          "page", "per_page", NULL};
    struct app_users_query aq;
    struct app_users_page page;
    struct app_users_err err;
    struct app_scope scope;
    struct query q;
    const char *active;
    struct db *db;
    json_t *items;
    size_t i;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    memset(&aq, 0, sizeof aq);
    aq.role = query_get(&q, "role");
    aq.area = query_get(&q, "area");
    aq.active = -1;
    active = query_get(&q, "active");
    if (active != NULL) {
        if (strcmp(active, "true") == 0) {
            aq.active = 1;
        } else if (strcmp(active, "false") == 0) {
            aq.active = 0;
        } else {
            hjson_reply_error(req, 400, "invalid_query",
                              "active phải là true hoặc false.", "active");
            goto out;
        }
    }
    if (hparam_page(req, &q, APP_USERS_PAGE_DEFAULT, APP_USERS_PAGE_MAX,
                    &aq.page, &aq.per_page) != 0)
        goto out;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_users_list(db, &aq, &scope, &page, &err);
    if (rc == APP_USERS_EINVAL) {
        hjson_reply_error(req, 400, "invalid_query", err.msg, err.field);
        goto out;
    }
    if (rc != 0) {
        reply_users_error(req, db, rc, &err);
        goto out;
    }
    items = json_array();
    for (i = 0; i < page.count; i++)
        json_array_append_new(items, view_json(db, &page.items[i]));
    hjson_reply(req, 200,
                json_pack("{s:o, s:I, s:I, s:I}", "users", items, "page",
                          (json_int_t)aq.page, "per_page",
                          (json_int_t)aq.per_page, "total",
                          (json_int_t)page.total));
    app_users_page_free(&page);
out:
    query_free(&q);
    return 0;
}

int http_handle_users_create(struct http_req *req)
{
    struct users_body b;
    struct hjson_err herr;
    struct app_users_new in;
    struct app_users_view v;
    struct app_users_err err;
    struct db *db;
    char loc[64];
    int rc;

    if (need_json(req) != 0)
        return 0;
    if (users_body_parse(req->body.data ? req->body.data : "", req->body.len,
                         USERS_BODY_CREATE, &b, &herr) != 0) {
        hjson_reply_err(req, 400, &herr);
        return 0;
    }
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    memset(&in, 0, sizeof in);
    in.username = b.username;
    in.full_name = b.full_name;
    in.password = b.password;
    in.role = b.role;
    in.area_code = b.area_code;
    /* An area-bound administrator creates accounts inside their area. */
    if (req->user.area_code[0] != '\0') {
        struct app_scope scope;
        char today[11];

        app_scope_of_user(&req->user, &scope);
        date_format_iso(clock_today_vn(), today);
        if (in.area_code == NULL || in.area_code[0] == '\0' ||
            app_scope_contains(db, &scope, in.area_code, today) != 1) {
            hjson_reply_error(req, 400, "invalid_field",
                              "Địa bàn của tài khoản mới phải nằm trong địa "
                              "bàn quản lý của bạn.",
                              "area_code");
            goto out;
        }
    }
    rc = app_users_create(db, req->user.username, &in, &v, &err);
    if (rc != 0) {
        reply_users_error(req, db, rc, &err);
        goto out;
    }
    log_info("account created", "req=%lu id=%lld role=%s", req->id,
             (long long)v.id, v.role);
    reply_user(req, db, 201, &v);
    snprintf(loc, sizeof loc, "/api/v1/users/%lld", (long long)v.id);
    http_reply_header(req, "Location", loc);
out:
    users_body_free(&b);
    return 0;
}

int http_handle_user_get(struct http_req *req)
{
    struct app_users_view v;
    struct app_scope scope;
    struct app_users_err err;
    struct db *db;
    int64_t id;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        return 0;
    app_scope_of_user(&req->user, &scope);
    rc = app_users_get(db, &scope, id, &v);
    if (rc != 0) {
        memset(&err, 0, sizeof err);
        reply_users_error(req, db, rc, &err);
        return 0;
    }
    reply_user(req, db, 200, &v);
    return 0;
}

/* The version of If-Match ("\"3\"" or "3", a weak W/ prefix allowed), or
 * -1 when absent, -2 when malformed. */
static int64_t if_match_version(struct http_req *req)
{
    const char *h = http_req_header(req, "If-Match");
    char buf[24];
    size_t n;
    char *end;
    long long v;

    if (h == NULL)
        return -1;
    if (strncmp(h, "W/", 2) == 0)
        h += 2;
    n = strlen(h);
    if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
        h++;
        n -= 2;
    }
    if (n == 0 || n >= sizeof buf || h[0] < '0' || h[0] > '9')
        return -2;
    memcpy(buf, h, n);
    buf[n] = '\0';
    v = strtoll(buf, &end, 10);
    if (*end != '\0' || v < 1)
        return -2;
    return (int64_t)v;
}

int http_handle_user_update(struct http_req *req)
{
    struct users_body b;
    struct hjson_err herr;
    struct app_users_change c;
    struct app_users_view v;
    struct app_users_err err;
    struct app_scope scope;
    struct db *db;
    int64_t id, im;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    if (need_json(req) != 0)
        return 0;
    if (users_body_parse(req->body.data ? req->body.data : "", req->body.len,
                         USERS_BODY_UPDATE, &b, &herr) != 0) {
        hjson_reply_err(req, 400, &herr);
        return 0;
    }
    im = if_match_version(req);
    if (im == -2 || (im > 0 && b.version > 0 && im != b.version)) {
        hjson_reply_error(req, 400, "invalid_field",
                          "If-Match phải là phiên bản dạng \"3\" và trùng với "
                          "trường version.",
                          "version");
        goto out;
    }
    memset(&c, 0, sizeof c);
    c.version = b.version > 0 ? b.version : im;
    if (c.version < 1) {
        hjson_reply_error(req, 400, "missing_field",
                          "Thiếu phiên bản (trường \"version\" hoặc tiêu đề "
                          "If-Match) để tránh ghi đè thay đổi của người khác.",
                          "version");
        goto out;
    }
    c.full_name = b.full_name;
    c.role = b.role;
    c.area_code = b.area_code;
    c.password = b.password;
    c.active = b.active;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_users_update(db, req->user.id, req->user.username, &scope, id, &c,
                          &v, &err);
    if (rc != 0) {
        reply_users_error(req, db, rc, &err);
        goto out;
    }
    reply_user(req, db, 200, &v);
out:
    users_body_free(&b);
    return 0;
}
