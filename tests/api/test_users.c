/* test_users.c: the accounts API on the real binary, both engines:
 * create / get / list / update with the version (409 on a lost update),
 * deactivation and password changes ending sessions, the audit records
 * with old -> new values (never the password hash), CSRF on every
 * state-changing request, bad inputs answered 4xx with the field and no
 * state change, and the login limit per client address (peer address and a
 * trusted proxy header).
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

#include "api_client.h"
#include "app/auth.h"
#include "core/date.h"
#include "http_client.h"
#include "store/db.h"
#include "testdb.h"
#include "util/clock.h"

#define PASSWORD "mật-khẩu-đúng-123"

static struct http_client_server server;
static struct db *db; /* the server's database, to check state directly */
static struct api_session admin;

static int group_setup(void **state)
{
    char msg[256];
    int rc;

    (void)state;
    db = testdb_open();
    rc = app_user_create(db, "quantri", "Quản Trị Viên", PASSWORD, "admin",
                         NULL, msg, sizeof msg);
    if (rc == 0)
        rc = app_user_create(db, "canbo.13285", "Trần Thị Thu Hà", PASSWORD,
                             "commune_officer", "13285", msg, sizeof msg);
    if (rc != 0) {
        fprintf(stderr, "app_user_create: %d %s\n", rc, msg);
        return -1;
    }
    if (http_client_server_start(&server, testdb_last_dsn(), NULL) != 0)
        return -1;
    return api_login(server.port, "quantri", PASSWORD, &admin) == 200 ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

static int64_t count(const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

/* Call as admin; returns the status, the body as JSON in *j (may be NULL
 * to drop it). */
static int call(const struct api_session *s, const char *method,
                const char *path, const char *body, json_t **j)
{
    struct http_client_response r;
    int status;

    assert_int_equal(api_call(server.port, s, 1, method, path, body, NULL, &r),
                     0);
    status = r.status;
    if (j != NULL)
        *j = api_json(&r);
    http_client_response_free(&r);
    return status;
}

/* Expect status and error code (and field, unless NULL) for a request. */
static void expect_error(const struct api_session *s, int with_csrf,
                         const char *method, const char *path, const char *body,
                         const char *extra, int status, const char *code,
                         const char *field)
{
    struct http_client_response r;
    char c[64], f[64];

    assert_int_equal(
        api_call(server.port, s, with_csrf, method, path, body, extra, &r), 0);
    if (r.status != status)
        fprintf(stderr, "%s %s %s -> %d %s\n", method, path, body ? body : "",
                r.status, r.body);
    assert_int_equal(r.status, status);
    api_error(&r, c, sizeof c, f, sizeof f);
    assert_string_equal(c, code);
    if (field != NULL)
        assert_string_equal(f, field);
    http_client_response_free(&r);
}

static int64_t create(const char *username, const char *role, const char *area)
{
    char body[512];
    json_t *j;
    int64_t id;

    snprintf(body, sizeof body,
             "{\"username\":\"%s\",\"full_name\":\"Người Thử %s\","
             "\"password\":\"%s\",\"role\":\"%s\",\"area_code\":%s%s%s}",
             username, username, PASSWORD, role, area ? "\"" : "",
             area ? area : "null", area ? "\"" : "");
    assert_int_equal(call(&admin, "POST", "/api/v1/users", body, &j), 201);
    id = json_integer_value(json_object_get(json_object_get(j, "user"), "id"));
    assert_true(id > 0);
    json_decref(j);
    return id;
}

static void test_create_get_update(void **state)
{
    struct http_client_response r;
    char path[64], etag[32], loc[64], body[256];
    json_t *j, *u;
    int64_t id;

    (void)state;
    assert_int_equal(
        api_call(server.port, &admin, 1, "POST", "/api/v1/users",
                 "{\"username\":\"Can.Bo.Moi\",\"full_name\":\"  Lê  Văn "
                 "Nam \",\"password\":\"" PASSWORD "\",\"role\":"
                 "\"commune_officer\",\"area_code\":\"13285\"}",
                 NULL, &r),
        0);
    assert_int_equal(r.status, 201);
    j = api_json(&r);
    u = json_object_get(j, "user");
    id = json_integer_value(json_object_get(u, "id"));
    assert_string_equal(json_string_value(json_object_get(u, "username")),
                        "can.bo.moi");
    /* Cleaned: trimmed, inner runs of spaces folded. */
    assert_string_equal(json_string_value(json_object_get(u, "full_name")),
                        "Lê Văn Nam");
    assert_int_equal(json_integer_value(json_object_get(u, "version")), 1);
    assert_true(json_is_true(json_object_get(u, "active")));
    assert_string_equal(
        json_string_value(json_object_get(json_object_get(u, "area"), "code")),
        "13285");
    assert_null(json_object_get(u, "password"));
    assert_null(json_object_get(u, "password_hash"));
    assert_non_null(http_client_header(&r, "ETag", etag, sizeof etag));
    assert_string_equal(etag, "\"1\"");
    assert_non_null(http_client_header(&r, "Location", loc, sizeof loc));
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
    assert_string_equal(loc, path);
    json_decref(j);
    http_client_response_free(&r);

    assert_int_equal(call(&admin, "GET", path, NULL, &j), 200);
    json_decref(j);

    /* Update with the version read: 200, version 2. */
    assert_int_equal(call(&admin, "PATCH", path,
                          "{\"version\":1,\"role\":\"commune_chairman\","
                          "\"full_name\":\"Lê Văn Nam \"}",
                          &j),
                     200);
    u = json_object_get(j, "user");
    assert_int_equal(json_integer_value(json_object_get(u, "version")), 2);
    assert_string_equal(json_string_value(json_object_get(u, "role")),
                        "commune_chairman");
    assert_true(json_is_string(json_object_get(u, "updated_at")));
    json_decref(j);

    /* A second writer with the old version loses: 409, nothing changed. */
    expect_error(&admin, 1, "PATCH", path,
                 "{\"version\":1,\"full_name\":\"Người Khác\"}", NULL, 409,
                 "version_conflict", "version");
    assert_int_equal(call(&admin, "GET", path, NULL, &j), 200);
    u = json_object_get(j, "user");
    assert_string_equal(json_string_value(json_object_get(u, "full_name")),
                        "Lê Văn Nam");
    assert_int_equal(json_integer_value(json_object_get(u, "version")), 2);
    json_decref(j);

    /* The version may come as If-Match instead; both must agree. */
    assert_int_equal(api_call(server.port, &admin, 1, "PATCH", path,
                              "{\"area_code\":\"13294\"}", "If-Match: \"2\"",
                              &r),
                     0);
    assert_int_equal(r.status, 200);
    assert_non_null(http_client_header(&r, "ETag", etag, sizeof etag));
    assert_string_equal(etag, "\"3\"");
    http_client_response_free(&r);
    expect_error(&admin, 1, "PATCH", path, "{\"full_name\":\"X\"}",
                 "If-Match: \"2\"", 409, "version_conflict", "version");
    expect_error(&admin, 1, "PATCH", path,
                 "{\"version\":3,\"full_name\":\"X\"}", "If-Match: \"2\"", 400,
                 "invalid_field", "version");
    expect_error(&admin, 1, "PATCH", path, "{\"full_name\":\"X\"}", NULL, 400,
                 "missing_field", "version");

    /* Not found (and never "forbidden") for ids that do not exist. */
    expect_error(&admin, 1, "GET", "/api/v1/users/999999", NULL, NULL, 404,
                 "not_found", NULL);
    expect_error(&admin, 1, "GET", "/api/v1/users/abc", NULL, NULL, 404,
                 "not_found", NULL);
    expect_error(&admin, 1, "PATCH", "/api/v1/users/999999",
                 "{\"version\":1,\"full_name\":\"X\"}", NULL, 404, "not_found",
                 NULL);

    /* The audit trail: create and updates with old -> new values, never a
     * password or its hash. */
    snprintf(body, sizeof body, "/api/v1/audit?entity=user&entity_id=%lld",
             (long long)id);
    assert_int_equal(call(&admin, "GET", body, NULL, &j), 200);
    {
        json_t *recs = json_object_get(j, "records"), *upd, *cre;
        char *text = json_dumps(j, JSON_COMPACT);

        assert_int_equal(json_integer_value(json_object_get(j, "total")), 3);
        upd = json_array_get(recs, 1); /* newest first: 2nd update, 1st */
        assert_string_equal(json_string_value(json_object_get(upd, "action")),
                            "user.update");
        assert_string_equal(json_string_value(json_object_get(upd, "actor")),
                            "quantri");
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(upd, "old_value"), "role")),
                            "commune_officer");
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(upd, "new_value"), "role")),
                            "commune_chairman");
        assert_null(
            json_object_get(json_object_get(upd, "new_value"), "version"));
        cre = json_array_get(recs, 2);
        assert_string_equal(json_string_value(json_object_get(cre, "action")),
                            "user.create");
        assert_string_equal(json_string_value(json_object_get(
                                json_object_get(cre, "new_value"), "username")),
                            "can.bo.moi");
        assert_string_equal(json_string_value(json_object_get(cre, "hash")),
                            json_string_value(json_object_get(
                                json_array_get(recs, 1), "prev_hash")));
        assert_null(strstr(text, "argon2"));
        assert_null(strstr(text, PASSWORD));
        free(text);
    }
    json_decref(j);
}

static void test_list_filters_and_pages(void **state)
{
    json_t *j, *users;
    size_t i;

    (void)state;
    create("list.a", "district_officer", "347");
    create("list.b", "district_officer", "347");
    create("list.c", "supervisor", NULL);
    assert_int_equal(call(&admin, "GET",
                          "/api/v1/users?role=district_officer&per_page=1"
                          "&page=2",
                          NULL, &j),
                     200);
    users = json_object_get(j, "users");
    assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
    assert_int_equal(json_array_size(users), 1);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(users, 0), "username")),
                        "list.b");
    json_decref(j);

    /* area: the unit and what lies below it today (37 holds 13285). */
    assert_int_equal(call(&admin, "GET", "/api/v1/users?area=37", NULL, &j),
                     200);
    users = json_object_get(j, "users");
    assert_true(json_array_size(users) >= 1);
    for (i = 0; i < json_array_size(users); i++) {
        const char *a = json_string_value(
            json_object_get(json_array_get(users, i), "area_code"));
        assert_true(a != NULL &&
                    (strcmp(a, "37") == 0 || strcmp(a, "13285") == 0));
    }
    json_decref(j);
    assert_int_equal(
        call(&admin, "GET", "/api/v1/users?active=false", NULL, &j), 200);
    json_decref(j);

    expect_error(&admin, 1, "GET", "/api/v1/users?role=boss", NULL, NULL, 400,
                 "invalid_query", "role");
    expect_error(&admin, 1, "GET", "/api/v1/users?area=3x", NULL, NULL, 400,
                 "invalid_query", "area");
    expect_error(&admin, 1, "GET", "/api/v1/users?active=yes", NULL, NULL, 400,
                 "invalid_query", "active");
    expect_error(&admin, 1, "GET", "/api/v1/users?per_page=101", NULL, NULL,
                 400, "invalid_query", "per_page");
    expect_error(&admin, 1, "GET", "/api/v1/users?page=0", NULL, NULL, 400,
                 "invalid_query", "page");
    expect_error(&admin, 1, "GET", "/api/v1/users?sort=name", NULL, NULL, 400,
                 "invalid_query", "sort");
    expect_error(&admin, 1, "GET", "/api/v1/users?role=a&role=b", NULL, NULL,
                 400, "invalid_query", "role");
}

/* Bad bodies: each 4xx with the field, and no account or audit record
 * written. */
static void test_bad_inputs_change_nothing(void **state)
{
    static const struct {
        const char *body;
        int status;
        const char *code, *field;
    } bad[] = {
        {"{\"username\":", 400, "invalid_json", NULL},
        {"[1,2]", 400, "invalid_json", NULL},
        {"{\"username\":\"a.b\",\"username\":\"c.d\"}", 400, "invalid_json",
         NULL},
        {"{\"username\":5,\"full_name\":\"A\",\"password\":\"12345678\","
         "\"role\":\"admin\"}",
         400, "invalid_field", "username"},
        {"{\"username\":\"bad.types\",\"full_name\":[\"A\"],\"password\":"
         "\"12345678\",\"role\":\"admin\"}",
         400, "invalid_field", "full_name"},
        {"{\"username\":\"bad.area\",\"full_name\":\"A\",\"password\":"
         "\"12345678\",\"role\":\"admin\",\"area_code\":13285}",
         400, "invalid_field", "area_code"},
        {"{\"username\":\"extra\",\"full_name\":\"A\",\"password\":"
         "\"12345678\",\"role\":\"admin\",\"is_superuser\":true}",
         400, "unknown_field", "is_superuser"},
        {"{\"full_name\":\"A\",\"password\":\"12345678\",\"role\":\"admin\"}",
         400, "missing_field", "username"},
        {"{\"username\":\"x'; DROP TABLE users;--\",\"full_name\":\"A\","
         "\"password\":\"12345678\",\"role\":\"admin\"}",
         400, "invalid_field", "username"},
        {"{\"username\":\"sql.role\",\"full_name\":\"A\",\"password\":"
         "\"12345678\",\"role\":\"admin' OR '1'='1\"}",
         400, "invalid_field", "role"},
        {"{\"username\":\"short.pw\",\"full_name\":\"A\",\"password\":"
         "\"1234567\",\"role\":\"admin\"}",
         400, "invalid_field", "password"},
        {"{\"username\":\"wrong.area\",\"full_name\":\"A\",\"password\":"
         "\"12345678\",\"role\":\"commune_officer\",\"area_code\":\"347\"}",
         400, "invalid_field", "area_code"},
        {"{\"username\":\"no.such.area\",\"full_name\":\"A\",\"password\":"
         "\"12345678\",\"role\":\"commune_officer\",\"area_code\":"
         "\"99999\"}",
         400, "invalid_field", "area_code"},
        {"{\"username\":\"no.name\",\"full_name\":\"  \",\"password\":"
         "\"12345678\",\"role\":\"admin\"}",
         400, "invalid_field", "full_name"},
        {"{\"username\":\"ctl.name\",\"full_name\":\"A\\u0007B\",\"password\":"
         "\"12345678\",\"role\":\"admin\"}",
         400, "invalid_text", NULL},
        {"{\"username\":\"quantri\",\"full_name\":\"A\",\"password\":"
         "\"12345678\",\"role\":\"admin\"}",
         409, "username_taken", "username"},
    };
    int64_t users = count("SELECT count(*) FROM users");
    int64_t audit = count("SELECT count(*) FROM audit_log");
    char longname[400], body[600];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        expect_error(&admin, 1, "POST", "/api/v1/users", bad[i].body, NULL,
                     bad[i].status, bad[i].code, bad[i].field);
    /* Over the caps: a name of 101 characters; a body over 1 MiB. */
    memset(longname, 'a', 101);
    longname[101] = '\0';
    snprintf(body, sizeof body,
             "{\"username\":\"long.name\",\"full_name\":\"%s\",\"password\":"
             "\"12345678\",\"role\":\"admin\"}",
             longname);
    expect_error(&admin, 1, "POST", "/api/v1/users", body, NULL, 400,
                 "invalid_field", "full_name");
    {
        size_t big = 1024 * 1024 + 10;
        char *huge = malloc(big + 1);
        struct http_client_response r;
        char c[64];

        assert_non_null(huge);
        memset(huge, ' ', big);
        huge[0] = '{';
        huge[big - 1] = '}';
        huge[big] = '\0';
        assert_int_equal(api_call(server.port, &admin, 1, "POST",
                                  "/api/v1/users", huge, NULL, &r),
                         0);
        assert_int_equal(r.status, 413);
        assert_string_equal(api_error(&r, c, sizeof c, NULL, 0), "too_large");
        http_client_response_free(&r);
        free(huge);
    }
    /* Not JSON at all. */
    {
        struct http_client_response r;
        const char *const hdr[] = {admin.cookie, admin.csrf,
                                   "Content-Type: text/plain", NULL};

        assert_int_equal(http_client_request(server.port, "POST",
                                             "/api/v1/users", hdr, "x", 1, &r),
                         0);
        assert_int_equal(r.status, 415);
        http_client_response_free(&r);
    }
    /* Updates: wrong types, unknown fields, self-lockout. */
    expect_error(&admin, 1, "PATCH", "/api/v1/users/2",
                 "{\"version\":\"1\",\"full_name\":\"A\"}", NULL, 400,
                 "invalid_field", "version");
    expect_error(&admin, 1, "PATCH", "/api/v1/users/2",
                 "{\"version\":1,\"active\":\"no\"}", NULL, 400,
                 "invalid_field", "active");
    expect_error(&admin, 1, "PATCH", "/api/v1/users/2",
                 "{\"version\":1,\"username\":\"renamed\"}", NULL, 400,
                 "unknown_field", "username");
    expect_error(&admin, 1, "PATCH", "/api/v1/users/2",
                 "{\"version\":1,\"role\":\"commune_officer\","
                 "\"area_code\":null}",
                 NULL, 400, "invalid_field", "area_code");
    expect_error(&admin, 1, "PATCH", "/api/v1/users/1",
                 "{\"version\":1,\"active\":false}", NULL, 409, "self_lockout",
                 "active");
    expect_error(&admin, 1, "PATCH", "/api/v1/users/1",
                 "{\"version\":1,\"role\":\"auditor\"}", NULL, 409,
                 "self_lockout", "role");

    assert_int_equal(count("SELECT count(*) FROM users"), users);
    assert_int_equal(count("SELECT count(*) FROM audit_log"), audit);
    assert_int_equal(count("SELECT max(version) FROM users WHERE id IN (1, 2)"),
                     1);
}

static void test_sql_metacharacters_are_data(void **state)
{
    json_t *j;
    int64_t users = count("SELECT count(*) FROM users");

    (void)state;
    /* A name is data: stored as written, the table intact. */
    assert_int_equal(
        call(&admin, "POST", "/api/v1/users",
             "{\"username\":\"o.brien\",\"full_name\":\"O'Brien\\\"); DROP "
             "TABLE users;--\",\"password\":\"12345678\",\"role\":"
             "\"supervisor\"}",
             &j),
        201);
    assert_string_equal(json_string_value(json_object_get(
                            json_object_get(j, "user"), "full_name")),
                        "O'Brien\"); DROP TABLE users;--");
    json_decref(j);
    assert_int_equal(count("SELECT count(*) FROM users"), users + 1);
    assert_int_equal(call(&admin, "GET",
                          "/api/v1/users?role=supervisor%27%20OR%20%271%27%3D"
                          "%271",
                          NULL, &j),
                     400);
    json_decref(j);
}

static void test_csrf_required(void **state)
{
    struct api_session forged = admin;
    int64_t users = count("SELECT count(*) FROM users");
    int64_t audit = count("SELECT count(*) FROM audit_log");
    const char *body = "{\"username\":\"csrf.victim\",\"full_name\":\"A\","
                       "\"password\":\"12345678\",\"role\":\"admin\"}";

    (void)state;
    expect_error(&admin, 0, "POST", "/api/v1/users", body, NULL, 403, "csrf",
                 NULL);
    expect_error(&admin, 0, "POST", "/api/v1/users", body,
                 "X-Requested-With: ansinh", 403, "csrf", NULL);
    snprintf(forged.csrf, sizeof forged.csrf, "X-CSRF-Token: %s",
             "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect_error(&forged, 1, "POST", "/api/v1/users", body, NULL, 403, "csrf",
                 NULL);
    snprintf(forged.csrf, sizeof forged.csrf, "X-CSRF-Token: %s", "too-short");
    expect_error(&forged, 1, "PATCH", "/api/v1/users/2",
                 "{\"version\":1,\"active\":false}", NULL, 403, "csrf", NULL);
    /* No session at all: 401 comes first. */
    expect_error(NULL, 0, "POST", "/api/v1/users", body, NULL, 401,
                 "unauthenticated", NULL);
    assert_int_equal(count("SELECT count(*) FROM users"), users);
    assert_int_equal(count("SELECT count(*) FROM audit_log"), audit);
}

static void test_deactivate_and_password_end_sessions(void **state)
{
    struct api_session s, s2;
    char path[64], body[256];
    json_t *j;
    int64_t id = create("tam.nghi", "commune_officer", "13285");

    (void)state;
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
    assert_int_equal(api_login(server.port, "tam.nghi", PASSWORD, &s), 200);
    assert_int_equal(call(&s, "GET", "/api/v1/me", NULL, &j), 200);
    /* The server's date (ANSINH_TODAY when set), for the web UI's
     * defaults: the same clock as this process reads. */
    {
        char today[11];

        date_format_iso(clock_today_vn(), today);
        assert_string_equal(json_string_value(json_object_get(j, "today")),
                            today);
        assert_non_null(json_object_get(j, "csrf_token"));
    }
    json_decref(j);
    /* An officer may not manage accounts. */
    expect_error(&s, 1, "GET", "/api/v1/users", NULL, NULL, 403, "forbidden",
                 NULL);
    assert_int_equal(
        call(&admin, "PATCH", path, "{\"version\":1,\"active\":false}", &j),
        200);
    json_decref(j);
    assert_int_equal(call(&s, "GET", "/api/v1/me", NULL, NULL), 401);
    assert_int_equal(api_login(server.port, "tam.nghi", PASSWORD, &s2), 401);
    assert_int_equal(
        call(&admin, "PATCH", path, "{\"version\":2,\"active\":true}", &j),
        200);
    json_decref(j);
    assert_int_equal(api_login(server.port, "tam.nghi", PASSWORD, &s), 200);
    snprintf(body, sizeof body,
             "{\"version\":3,\"password\":\"mật khẩu mới 456\"}");
    assert_int_equal(call(&admin, "PATCH", path, body, &j), 200);
    json_decref(j);
    assert_int_equal(call(&s, "GET", "/api/v1/me", NULL, NULL), 401);
    assert_int_equal(api_login(server.port, "tam.nghi", PASSWORD, &s2), 401);
    assert_int_equal(
        api_login(server.port, "tam.nghi", "mật khẩu mới 456", &s2), 200);
    assert_int_equal(count("SELECT count(*) FROM audit_log WHERE new_value"
                           " LIKE '%\"password\":\"changed\"%'"),
                     1);
}

/* The per-address limit, on servers of their own (the counts live in
 * the server process). */
static void test_login_limit_per_address(void **state)
{
    static const char *const args[] = {"--login-limit-per-address", "3", NULL};
    struct http_client_server srv;
    struct api_session s;
    struct http_client_response r;
    char ra[16];
    int i;

    (void)state;
    assert_int_equal(http_client_server_start(&srv, testdb_last_dsn(), args),
                     0);
    /* Three different names, so no per-name limit is reached. */
    assert_int_equal(api_login(srv.port, "khong.co.1", "x", &s), 401);
    assert_int_equal(api_login(srv.port, "khong.co.2", "x", &s), 401);
    assert_int_equal(api_login(srv.port, "canbo.13285", "sai-mat-khau", &s),
                     401);
    /* Now even the right password of another account waits. */
    assert_int_equal(api_login(srv.port, "quantri", PASSWORD, &s), 429);
    assert_int_equal(
        api_call(srv.port, NULL, 0, "POST", "/api/v1/session",
                 "{\"username\":\"quantri\",\"password\":\"" PASSWORD "\"}",
                 NULL, &r),
        0);
    assert_int_equal(r.status, 429);
    assert_non_null(http_client_header(&r, "Retry-After", ra, sizeof ra));
    assert_true(strtoul(ra, NULL, 10) > 0);
    http_client_response_free(&r);
    assert_int_equal(http_client_server_stop(&srv), 0);

    /* Behind a trusted proxy the address comes from its header. */
    {
        static const char *const proxy[] = {"--login-limit-per-address", "2",
                                            "--client-ip-header", "X-Real-IP",
                                            NULL};
        const char *bad = "{\"username\":\"ai.do\",\"password\":\"x\"}";
        const char *good =
            "{\"username\":\"quantri\",\"password\":\"" PASSWORD "\"}";

        assert_int_equal(
            http_client_server_start(&srv, testdb_last_dsn(), proxy), 0);
        for (i = 0; i < 2; i++) {
            assert_int_equal(api_call(srv.port, NULL, 0, "POST",
                                      "/api/v1/session", bad,
                                      "X-Real-IP: 203.0.113.7", &r),
                             0);
            assert_int_equal(r.status, 401);
            http_client_response_free(&r);
        }
        assert_int_equal(api_call(srv.port, NULL, 0, "POST", "/api/v1/session",
                                  good, "X-Real-IP: 203.0.113.7", &r),
                         0);
        assert_int_equal(r.status, 429);
        http_client_response_free(&r);
        assert_int_equal(api_call(srv.port, NULL, 0, "POST", "/api/v1/session",
                                  good, "X-Real-IP: 203.0.113.8", &r),
                         0);
        assert_int_equal(r.status, 200);
        http_client_response_free(&r);
        assert_int_equal(http_client_server_stop(&srv), 0);
    }
    /* The main server never saw these: its admin still logs in. */
    assert_int_equal(api_login(server.port, "quantri", PASSWORD, &s), 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_create_get_update),
        cmocka_unit_test(test_list_filters_and_pages),
        cmocka_unit_test(test_bad_inputs_change_nothing),
        cmocka_unit_test(test_sql_metacharacters_are_data),
        cmocka_unit_test(test_csrf_required),
        cmocka_unit_test(test_deactivate_and_password_end_sessions),
        cmocka_unit_test(test_login_limit_per_address),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
