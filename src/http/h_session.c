/* h_session.c: login, logout and the signed-in user.
 *
 *   POST   /api/v1/session  {"username","password"} -> the user, the CSRF
 *                           token + cookie
 *   DELETE /api/v1/session  (authenticated, X-CSRF-Token) -> cookie cleared
 *   GET    /api/v1/me       (authenticated) -> the user and the CSRF token
 *
 * The cookie is `ansinh_session=<token>; HttpOnly; SameSite=Strict;
 * Path=/; Max-Age=28800`, plus Secure with --secure-cookies. Login needs
 * no CSRF token (there is no session yet) but must be sent as
 * application/json, which a cross-site HTML form cannot do. The answer
 * carries "csrf_token", which the page sends back in X-CSRF-Token on every
 * state-changing request (app/auth.h); GET /api/v1/me gives it again after
 * a page reload.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "app/auth.h"
#include "app/scope.h"
#include "core/date.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "store/db.h"
#include "util/clock.h"
#include "util/log.h"

/* {"code", "name"} of the user's area today (its last name if the unit no
 * longer exists), or null for a national account. */
static json_t *area_json(struct db *db, const char *code)
{
    char today[11], name[256];

    if (code[0] == '\0')
        return json_null();
    date_format_iso(clock_today_vn(), today);
    if (db == NULL ||
        app_scope_area_name(db, code, today, name, sizeof name) != 0)
        name[0] = '\0';
    return json_pack("{s:s, s:s}", "code", code, "name", name);
}

static json_t *user_json(struct db *db, const struct app_user *u)
{
    return json_pack("{s:s, s:s, s:s, s:o, s:o}", "username", u->username,
                     "full_name", u->full_name, "role", u->role, "area_code",
                     u->area_code[0] ? json_string(u->area_code) : json_null(),
                     "area", area_json(db, u->area_code));
}

/* {"user": ..., "csrf_token": ..., "today": ...} for the session token.
 * "today" is the server's date in Vietnam (ANSINH_TODAY when set), so the
 * web UI proposes the same dates and months as the server decides with. */
static json_t *session_json(struct db *db, const struct app_user *u,
                            const char *token)
{
    char csrf[APP_AUTH_CSRF_LEN + 1], today[11];

    if (app_auth_csrf_token(token, csrf) != APP_AUTH_OK)
        csrf[0] = '\0';
    date_format_iso(clock_today_vn(), today);
    return json_pack("{s:o, s:s, s:s}", "user", user_json(db, u), "csrf_token",
                     csrf, "today", today);
}

static void set_cookie(struct http_req *req, const char *value, long max_age)
{
    char c[256];

    snprintf(c, sizeof c,
             "%s=%s; HttpOnly; SameSite=Strict; Path=/; Max-Age=%ld%s",
             HTTP_SESSION_COOKIE, value, max_age,
             req->cfg->secure_cookies ? "; Secure" : "");
    http_reply_header(req, "Set-Cookie", c);
}

int http_handle_login(struct http_req *req)
{
    struct hjson_err err;
    struct app_user user;
    char token[APP_AUTH_TOKEN_LEN + 1];
    const char *username, *password;
    json_t *body = NULL;
    struct db *db;
    int rc;

    if (!hjson_is_json_request(req)) {
        hjson_reply_error(req, 415, "unsupported_media_type",
                          "Dữ liệu đăng nhập phải gửi dạng application/json.",
                          NULL);
        return 0;
    }
    if (hjson_parse_object(req->body.data ? req->body.data : "", req->body.len,
                           &body, &err) != HJSON_OK) {
        hjson_reply_err(req, 400, &err);
        return 0;
    }
    if (hjson_get_string(body, "username", 1, 64, &username, &err) !=
            HJSON_OK ||
        hjson_get_string(body, "password", 1, APP_AUTH_PASSWORD_MAX, &password,
                         &err) != HJSON_OK) {
        hjson_reply_err(req, 400, &err);
        goto out;
    }
    db = http_req_db(req);
    if (db == NULL) {
        hjson_reply_error(req, 503, "database_unavailable",
                          "Không kết nối được cơ sở dữ liệu.", NULL);
        goto out;
    }
    rc = app_auth_login(db, username, password, req->client, token, &user);
    if (rc == APP_AUTH_EDENIED) {
        log_info("login refused", "req=%lu", req->id);
        hjson_reply_error(req, 401, "invalid_credentials",
                          "Tên đăng nhập hoặc mật khẩu không đúng.", NULL);
        goto out;
    }
    if (rc == APP_AUTH_ETHROTTLED) {
        char retry[16];

        log_warn("login throttled", "req=%lu client=%s", req->id, req->client);
        snprintf(retry, sizeof retry, "%u",
                 app_auth_retry_after(username, req->client));
        hjson_reply_error(req, 429, "too_many_attempts",
                          "Đăng nhập sai quá nhiều lần với tên này hoặc từ "
                          "địa chỉ này. Vui lòng thử lại sau ít phút.",
                          NULL);
        http_reply_header(req, "Retry-After", retry);
        goto out;
    }
    if (rc != APP_AUTH_OK) {
        log_error("login failed", "req=%lu rc=%d", req->id, rc);
        hjson_reply_error(req, rc == DB_EBUSY ? 503 : 500, "internal",
                          app_auth_strerror(rc), NULL);
        goto out;
    }
    hjson_reply(req, 200, session_json(db, &user, token));
    set_cookie(req, token, (long)APP_AUTH_SESSION_HOURS * 3600);
out:
    json_decref(body);
    return 0;
}

int http_handle_logout(struct http_req *req)
{
    struct db *db = http_req_db(req);
    int rc;

    if (db == NULL) {
        hjson_reply_error(req, 503, "database_unavailable",
                          "Không kết nối được cơ sở dữ liệu.", NULL);
        return 0;
    }
    rc = app_auth_logout(db, req->token);
    if (rc != APP_AUTH_OK && rc != APP_AUTH_ENOSESSION) {
        log_error("logout failed", "req=%lu rc=%d", req->id, rc);
        hjson_reply_error(req, 500, "internal", app_auth_strerror(rc), NULL);
        return 0;
    }
    hjson_reply(req, 200, json_pack("{s:s}", "status", "ok"));
    set_cookie(req, "", 0);
    return 0;
}

int http_handle_me(struct http_req *req)
{
    hjson_reply(req, 200,
                session_json(http_req_db(req), &req->user, req->token));
    return 0;
}
