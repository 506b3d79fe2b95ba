/* test_http.c: the real `ansinh serve` on an ephemeral loopback port, on
 * the engine ctest names (ANSINH_TEST_ENGINE): health, units, errors,
 * static files and traversal, body cap, login/logout, CSRF (the token of
 * the login answer in X-CSRF-Token).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "app/auth.h"
#include "http_client.h"
#include "store/db.h"
#include "testdb.h"

#define PASSWORD "mật-khẩu-đúng-123"

static struct http_client_server server;

static int group_setup(void **state)
{
    struct db *db = testdb_open();
    char dsn[512], msg[256];
    int rc;

    (void)state;
    snprintf(dsn, sizeof dsn, "%s", testdb_last_dsn());
    rc = app_user_create(db, "canbo.xa", "Nguyễn Văn Đức", PASSWORD,
                         "commune_officer", "13294", msg, sizeof msg);
    if (rc == 0)
        rc = app_user_create(db, "bi.khoa", "Lê Thị Hoa", PASSWORD,
                             "district_officer", "347", msg, sizeof msg);
    if (rc != 0) {
        fprintf(stderr, "app_user_create: %d %s\n", rc, msg);
        db_close(db);
        return -1;
    }
    db_close(db);
    return http_client_server_start(&server, dsn, NULL);
}

static int group_teardown(void **state)
{
    (void)state;
    /* A clean stop (exit 0) also proves the pool threads and their
     * connections shut down without a leak under ASan. */
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

static void get(const char *path, struct http_client_response *r)
{
    assert_int_equal(
        http_client_request(server.port, "GET", path, NULL, NULL, 0, r), 0);
}

static json_t *body_json(const struct http_client_response *r)
{
    json_error_t err;
    json_t *j = json_loadb(r->body, r->body_len, 0, &err);

    if (j == NULL)
        fprintf(stderr, "not JSON (%s): %s\n", err.text, r->body);
    assert_non_null(j);
    return j;
}

/* Check the one error shape and return the error's code (borrowed from
 * *root, which the caller decrefs). */
static const char *error_code(const struct http_client_response *r,
                              json_t **root, const char **field)
{
    json_t *e, *code, *msg, *f;
    char ct[128];

    assert_non_null(http_client_header(r, "Content-Type", ct, sizeof ct));
    assert_string_equal(ct, "application/json; charset=utf-8");
    *root = body_json(r);
    e = json_object_get(*root, "error");
    assert_true(json_is_object(e));
    code = json_object_get(e, "code");
    msg = json_object_get(e, "message");
    assert_true(json_is_string(code));
    assert_true(json_is_string(msg));
    assert_true(json_string_length(msg) > 0);
    f = json_object_get(e, "field");
    if (field != NULL)
        *field = json_is_string(f) ? json_string_value(f) : NULL;
    return json_string_value(code);
}

static void test_healthz(void **state)
{
    struct http_client_response r;
    json_t *j;
    char h[128];

    (void)state;
    get("/healthz", &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "status")), "ok");
    assert_string_equal(json_string_value(json_object_get(j, "database")),
                        "ok");
    assert_string_equal(json_string_value(json_object_get(j, "version")),
                        ANSINH_VERSION);
    assert_string_equal(json_string_value(json_object_get(j, "engine")),
                        strcmp(testdb_engine(), "pg") == 0 ? "postgresql"
                                                           : "sqlite");
    assert_non_null(http_client_header(&r, "Cache-Control", h, sizeof h));
    assert_string_equal(h, "no-store");
    assert_non_null(
        http_client_header(&r, "X-Content-Type-Options", h, sizeof h));
    assert_string_equal(h, "nosniff");
    assert_non_null(
        http_client_header(&r, "Content-Security-Policy", h, sizeof h));
    assert_string_equal(h, "default-src 'self'");
    assert_non_null(http_client_header(&r, "Referrer-Policy", h, sizeof h));
    assert_string_equal(h, "same-origin");
    json_decref(j);
    http_client_response_free(&r);
}

static void test_units_of_district(void **state)
{
    struct http_client_response r;
    json_t *j, *units, *u;
    size_t i;
    int found = 0;

    (void)state;
    get("/api/v1/units?date=2024-12-01&parent=347", &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "date")),
                        "2024-12-01");
    units = json_object_get(j, "units");
    assert_true(json_is_array(units));
    json_array_foreach(units, i, u)
    {
        const char *code = json_string_value(json_object_get(u, "code"));

        assert_string_equal(
            json_string_value(json_object_get(u, "parent_code")), "347");
        if (strcmp(code, "13294") == 0) {
            assert_string_equal(json_string_value(json_object_get(u, "name")),
                                "Phường Minh Khai");
            assert_int_equal(json_integer_value(json_object_get(u, "level")),
                             3);
            found = 1;
        }
    }
    assert_true(found);
    assert_null(json_object_get(j, "note"));
    json_decref(j);
    http_client_response_free(&r);
}

static void test_units_before_earliest_has_note(void **state)
{
    struct http_client_response r;
    json_t *j;

    (void)state;
    get("/api/v1/units?date=2000-01-01", &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_true(json_is_string(json_object_get(j, "note")));
    assert_true(json_array_size(json_object_get(j, "units")) > 60);
    json_decref(j);
    http_client_response_free(&r);
}

static void test_unit_with_ancestors(void **state)
{
    struct http_client_response r;
    json_t *j, *anc;

    (void)state;
    get("/api/v1/units/13294?date=2024-12-01", &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(j, "unit"), "name")),
        "Phường Minh Khai");
    anc = json_object_get(j, "ancestors");
    assert_int_equal(json_array_size(anc), 2);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(anc, 0), "code")),
        "347");
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(anc, 1), "code")),
        "35");
    json_decref(j);
    http_client_response_free(&r);

    get("/api/v1/units/13294/history", &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_true(json_array_size(json_object_get(j, "versions")) >= 1);
    json_decref(j);
    http_client_response_free(&r);

    get("/api/v1/units/13294/successors", &r);
    assert_int_equal(r.status, 200);
    j = body_json(&r);
    assert_true(json_is_array(json_object_get(j, "successors")));
    json_decref(j);
    http_client_response_free(&r);
}

static void expect_error(const char *path, int status, const char *code,
                         const char *field)
{
    struct http_client_response r;
    json_t *j;
    const char *f = NULL;

    get(path, &r);
    if (r.status != status)
        fprintf(stderr, "%s -> %d %s\n", path, r.status, r.body);
    assert_int_equal(r.status, status);
    assert_string_equal(error_code(&r, &j, &f), code);
    if (field != NULL) {
        assert_non_null(f);
        assert_string_equal(f, field);
    } else {
        assert_null(f);
    }
    json_decref(j);
    http_client_response_free(&r);
}

static void test_bad_requests(void **state)
{
    (void)state;
    expect_error("/api/v1/units?date=2025-02-30", 400, "invalid_date", "date");
    expect_error("/api/v1/units?date=01/12/2024", 400, "invalid_date", "date");
    expect_error("/api/v1/units?date=2024-12-01&date=2024-12-02", 400,
                 "invalid_query", "date");
    expect_error("/api/v1/units?colour=red", 400, "invalid_query", "colour");
    expect_error("/api/v1/units?date=2024-12-01&parent=99999", 404, "not_found",
                 "parent");
    expect_error("/api/v1/units?parent=34x", 400, "invalid_code", "parent");
    expect_error("/api/v1/units/1/history", 400, "invalid_code", "code");
    expect_error("/api/v1/nothing/here", 404, "not_found", NULL);
    expect_error("/no/such/page.html", 404, "not_found", NULL);
}

static void test_method_not_allowed(void **state)
{
    struct http_client_response r;
    const char *const hdr[] = {"X-CSRF-Token: x", NULL};
    json_t *j;
    char allow[64];

    (void)state;
    assert_int_equal(
        http_client_request(server.port, "POST", "/healthz", hdr, "", 0, &r),
        0);
    assert_int_equal(r.status, 405);
    assert_string_equal(error_code(&r, &j, NULL), "method_not_allowed");
    assert_non_null(http_client_header(&r, "Allow", allow, sizeof allow));
    assert_string_equal(allow, "GET, HEAD");
    json_decref(j);
    http_client_response_free(&r);
}

static void test_static_index(void **state)
{
    struct http_client_response r;
    char ct[128];

    (void)state;
    get("/", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(http_client_header(&r, "Content-Type", ct, sizeof ct));
    assert_string_equal(ct, "text/html; charset=utf-8");
    assert_non_null(strstr(r.body, "<html lang=\"vi\""));
    http_client_response_free(&r);

    get("/app.css", &r);
    assert_int_equal(r.status, 200);
    assert_non_null(http_client_header(&r, "Content-Type", ct, sizeof ct));
    assert_string_equal(ct, "text/css; charset=utf-8");
    http_client_response_free(&r);

    assert_int_equal(http_client_request(server.port, "HEAD", "/index.html",
                                         NULL, NULL, 0, &r),
                     0);
    assert_int_equal(r.status, 200);
    assert_int_equal(r.body_len, 0);
    http_client_response_free(&r);
}

static void test_traversal_refused(void **state)
{
    static const char *const attempts[] = {
        "/../etc/passwd",         "/%2e%2e/",
        "/%2e%2e/etc/passwd",     "/web/../../",
        "/web/../../etc/passwd",  "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fetc%2fpasswd",     "/.%2e/etc/passwd",
        "/..\\etc\\passwd",       "/%5c..%5cetc%5cpasswd",
        "/index.html%00.txt",     "/./index.html",
        "/.git/config",           "//etc/passwd",
        "/%252e%252e/etc/passwd",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        struct http_client_response r;

        get(attempts[i], &r);
        if (r.status != 400 && r.status != 403 && r.status != 404)
            fprintf(stderr, "%s -> %d\n", attempts[i], r.status);
        assert_true(r.status == 400 || r.status == 403 || r.status == 404);
        assert_null(strstr(r.body, "root:"));
        assert_null(strstr(r.body, "<html"));
        http_client_response_free(&r);
    }
}

static void test_body_too_large(void **state)
{
    static const char *const hdr[] = {"Content-Type: application/json", NULL};
    size_t big = 2u * 1024u * 1024u;
    char *body = malloc(big);
    struct http_client_response r;
    char *raw;
    json_t *j;
    char head[512];
    size_t n, chunk = 64 * 1024, sent;

    (void)state;
    assert_non_null(body);
    memset(body, ' ', big);
    /* Declared too big: refused on the headers alone. Send only a part of
     * the body so the answer cannot be lost to a connection reset. */
    n = (size_t)snprintf(head, sizeof head,
                         "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\n"
                         "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                         big);
    raw = malloc(n + 1000);
    assert_non_null(raw);
    memcpy(raw, head, n);
    memset(raw + n, ' ', 1000);
    assert_int_equal(http_client_raw(server.port, raw, n + 1000, &r), 0);
    assert_int_equal(r.status, 413);
    assert_string_equal(error_code(&r, &j, NULL), "too_large");
    json_decref(j);
    http_client_response_free(&r);
    free(raw);

    /* Chunked, so the size is only known on the way: refused at the end.
     */
    raw = malloc(big + big / chunk * 32 + 1024);
    assert_non_null(raw);
    n = (size_t)snprintf(raw, 512,
                         "POST /api/v1/session HTTP/1.1\r\nHost: x\r\n"
                         "Content-Type: application/json\r\n"
                         "Transfer-Encoding: chunked\r\n"
                         "Connection: close\r\n\r\n");
    for (sent = 0; sent < big; sent += chunk) {
        n += (size_t)snprintf(raw + n, 32, "%zx\r\n", chunk);
        memcpy(raw + n, body + sent, chunk);
        n += chunk;
        memcpy(raw + n, "\r\n", 2);
        n += 2;
    }
    memcpy(raw + n, "0\r\n\r\n", 5);
    n += 5;
    assert_int_equal(http_client_raw(server.port, raw, n, &r), 0);
    assert_int_equal(r.status, 413);
    http_client_response_free(&r);
    free(raw);

    /* Just under the cap is read whole (and then refused as bad JSON). */
    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/session",
                                         hdr, body, 1024 * 1024 - 1, &r),
                     0);
    assert_int_equal(r.status, 400);
    http_client_response_free(&r);
    free(body);
}

static char last_csrf[64]; /* "X-CSRF-Token: ..." of the last login */

/* POST /api/v1/session; returns the status, the cookie in cookie (and the
 * CSRF header line in last_csrf). */
static int login(const char *user, const char *password, char *cookie,
                 size_t cap)
{
    static const char *const hdr[] = {"Content-Type: application/json", NULL};
    struct http_client_response r;
    char body[256], setc[256];
    int status;

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}",
             user, password);
    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/session",
                                         hdr, body, strlen(body), &r),
                     0);
    status = r.status;
    if (cookie != NULL)
        cookie[0] = '\0';
    if (status == 200) {
        json_t *j = body_json(&r), *u = json_object_get(j, "user");
        char *semi;

        assert_string_equal(json_string_value(json_object_get(u, "username")),
                            "canbo.xa");
        assert_string_equal(json_string_value(json_object_get(u, "full_name")),
                            "Nguyễn Văn Đức");
        assert_string_equal(json_string_value(json_object_get(u, "role")),
                            "commune_officer");
        assert_string_equal(json_string_value(json_object_get(u, "area_code")),
                            "13294");
        assert_null(json_object_get(u, "password_hash"));
        /* The area with its name today (13294 is part of Phường Phủ Lý
         * since 2025-07-01, but the account keeps its code). */
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(u, "area"), "code")),
                            "13294");
        assert_true(json_is_string(
            json_object_get(json_object_get(u, "area"), "name")));
        assert_int_equal(json_string_length(json_object_get(j, "csrf_token")),
                         43);
        snprintf(last_csrf, sizeof last_csrf, "X-CSRF-Token: %s",
                 json_string_value(json_object_get(j, "csrf_token")));
        json_decref(j);
        assert_non_null(
            http_client_header(&r, "Set-Cookie", setc, sizeof setc));
        assert_non_null(strstr(setc, "HttpOnly"));
        assert_non_null(strstr(setc, "SameSite=Strict"));
        assert_non_null(strstr(setc, "Path=/"));
        assert_true(strncmp(setc, "ansinh_session=", 15) == 0);
        semi = strchr(setc, ';');
        assert_non_null(semi);
        *semi = '\0';
        snprintf(cookie, cap, "Cookie: %s", setc);
    } else {
        json_t *j;

        assert_string_equal(error_code(&r, &j, NULL), "invalid_credentials");
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(j, "error"), "message")),
                            "Tên đăng nhập hoặc mật khẩu không đúng.");
        json_decref(j);
    }
    http_client_response_free(&r);
    return status;
}

static int me(const char *cookie)
{
    const char *const hdr[] = {cookie, NULL};
    struct http_client_response r;
    int status;

    assert_int_equal(http_client_request(server.port, "GET", "/api/v1/me",
                                         cookie ? hdr : NULL, NULL, 0, &r),
                     0);
    status = r.status;
    if (status == 200) {
        json_t *j = body_json(&r);

        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(j, "user"), "username")),
                            "canbo.xa");
        /* The CSRF token again, for a page reloaded after login. */
        assert_int_equal(json_string_length(json_object_get(j, "csrf_token")),
                         43);
        json_decref(j);
    }
    http_client_response_free(&r);
    return status;
}

static void test_login_wrong(void **state)
{
    (void)state;
    assert_int_equal(login("canbo.xa", "sai-mat-khau", NULL, 0), 401);
    assert_int_equal(login("khong.ton.tai", PASSWORD, NULL, 0), 401);
    assert_int_equal(me(NULL), 401);
    assert_int_equal(me("Cookie: ansinh_session=abc"), 401);
}

static void test_login_me_logout(void **state)
{
    char cookie[256], cookie2[256], csrf[64], other[64];
    const char *const with_csrf[] = {cookie, csrf, NULL};
    const char *const without_csrf[] = {cookie, NULL};
    const char *const old_header[] = {cookie, "X-Requested-With: ansinh", NULL};
    const char *const wrong_csrf[] = {cookie, other, NULL};
    const char *const *bad[] = {without_csrf, old_header, wrong_csrf};
    struct http_client_response r;
    json_t *j;
    size_t i;

    (void)state;
    assert_int_equal(login("canbo.xa", PASSWORD, cookie, sizeof cookie), 200);
    snprintf(csrf, sizeof csrf, "%s", last_csrf);
    assert_int_equal(me(cookie), 200);
    /* Another session's token is no good for this one. */
    assert_int_equal(login("canbo.xa", PASSWORD, cookie2, sizeof cookie2), 200);
    snprintf(other, sizeof other, "%s", last_csrf);
    assert_string_not_equal(other, csrf);

    /* CSRF: logout without the token, with the old header only, or with
     * another session's token is refused, and the session stays valid. */
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(http_client_request(server.port, "DELETE",
                                             "/api/v1/session", bad[i], NULL, 0,
                                             &r),
                         0);
        assert_int_equal(r.status, 403);
        assert_string_equal(error_code(&r, &j, NULL), "csrf");
        json_decref(j);
        http_client_response_free(&r);
        assert_int_equal(me(cookie), 200);
    }

    assert_int_equal(http_client_request(server.port, "DELETE",
                                         "/api/v1/session", with_csrf, NULL, 0,
                                         &r),
                     0);
    assert_int_equal(r.status, 200);
    http_client_response_free(&r);
    assert_int_equal(me(cookie), 401);
}

static void test_login_input_checks(void **state)
{
    static const char *const json_ct[] = {"Content-Type: application/json",
                                          NULL};
    static const char *const form_ct[] = {
        "Content-Type: application/x-www-form-urlencoded", NULL};
    struct http_client_response r;
    const char *dup = "{\"username\":\"a\",\"username\":\"b\","
                      "\"password\":\"x\"}";
    const char *missing = "{\"username\":\"canbo.xa\"}";
    const char *f = NULL;
    json_t *j;
    char cookie[256];

    (void)state;
    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/session",
                                         form_ct, "username=a&password=b", 21,
                                         &r),
                     0);
    assert_int_equal(r.status, 415);
    http_client_response_free(&r);

    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/session",
                                         json_ct, dup, strlen(dup), &r),
                     0);
    assert_int_equal(r.status, 400);
    assert_string_equal(error_code(&r, &j, NULL), "invalid_json");
    json_decref(j);
    http_client_response_free(&r);

    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/session",
                                         json_ct, missing, strlen(missing), &r),
                     0);
    assert_int_equal(r.status, 400);
    assert_string_equal(error_code(&r, &j, &f), "missing_field");
    assert_string_equal(f, "password");
    json_decref(j);
    http_client_response_free(&r);

    /* The username is case-insensitive; the password NFC-normalised:
     * "mật" typed with a combining dot below + hook still matches. */
    assert_int_equal(login("CANBO.XA",
                           "ma\xcc\x82\xcc\xa3t-kha\xcc\x82\xcc"
                           "\x89u-\xc4\x91u\xcc\x81ng-123",
                           cookie, sizeof cookie),
                     200);
}

/* POST a login and return the status (and Retry-After, if any). */
static int login_status(const char *user, const char *password, unsigned *retry)
{
    static const char *const hdr[] = {"Content-Type: application/json", NULL};
    struct http_client_response r;
    char body[256], ra[32];
    int status;

    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}",
             user, password);
    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/session",
                                         hdr, body, strlen(body), &r),
                     0);
    status = r.status;
    if (retry != NULL)
        *retry = http_client_header(&r, "Retry-After", ra, sizeof ra)
                     ? (unsigned)strtoul(ra, NULL, 10)
                     : 0;
    http_client_response_free(&r);
    return status;
}

static void test_login_throttled(void **state)
{
    unsigned retry = 0;
    int i;

    (void)state;
    /* A known account: after the allowed failures even the right
     * password is refused for a while, without revealing it was right. */
    for (i = 0; i < APP_AUTH_FAILS_MAX; i++)
        assert_int_equal(login_status("bi.khoa", "doan-bua-1", NULL), 401);
    assert_int_equal(login_status("bi.khoa", PASSWORD, &retry), 429);
    assert_true(retry > 0 && retry <= APP_AUTH_FAILS_WINDOW);
    assert_int_equal(login_status("BI.KHOA", PASSWORD, NULL), 429);
    /* An unknown name is counted the same way (no hint that it is
     * unknown), and other accounts are not affected. */
    for (i = 0; i < APP_AUTH_FAILS_MAX; i++)
        assert_int_equal(login_status("khong.co.ai", "x", NULL), 401);
    assert_int_equal(login_status("khong.co.ai", "x", NULL), 429);
    assert_int_equal(login_status("canbo.xa", PASSWORD, NULL), 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_healthz),
        cmocka_unit_test(test_units_of_district),
        cmocka_unit_test(test_units_before_earliest_has_note),
        cmocka_unit_test(test_unit_with_ancestors),
        cmocka_unit_test(test_bad_requests),
        cmocka_unit_test(test_method_not_allowed),
        cmocka_unit_test(test_static_index),
        cmocka_unit_test(test_traversal_refused),
        cmocka_unit_test(test_body_too_large),
        cmocka_unit_test(test_login_wrong),
        cmocka_unit_test(test_login_me_logout),
        cmocka_unit_test(test_login_input_checks),
        cmocka_unit_test(test_login_throttled),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
