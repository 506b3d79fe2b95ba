/* test_users.c: accounts (app/users.h, store/store_users.h) on both
 * engines: the codes of app_user_create, listing inside a scope through
 * the unit tree of a date, versioned updates and their audit records. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/auth.h"
#include "app/scope.h"
#include "app/users.h"
#include "store/db.h"
#include "store/store_users.h"
#include "testdb.h"

#define PW "mật-khẩu-123"

static int setup(void **state)
{
    *state = testdb_open();
    return *state == NULL;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

static int64_t count(struct db *db, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

static void add(struct db *db, const char *name, const char *role,
                const char *area)
{
    char msg[256];
    int rc =
        app_user_create(db, name, "Người Thử", PW, role, area, msg, sizeof msg);

    if (rc != 0)
        fprintf(stderr, "%s: %s\n", name, msg);
    assert_int_equal(rc, 0);
}

static void test_create_codes(void **state)
{
    struct db *db = *state;
    char msg[256];

    add(db, "mot", "commune_officer", "13285");
    /* The auth.h codes, whatever module does the work. */
    assert_int_equal(
        app_user_create(db, "MOT", "A", PW, "admin", NULL, msg, sizeof msg),
        APP_AUTH_EEXISTS);
    assert_non_null(strstr(msg, "mot"));
    assert_int_equal(
        app_user_create(db, "hai", "A", PW, "inspector", NULL, msg, sizeof msg),
        APP_AUTH_EINVAL);
    assert_int_equal(
        app_user_create(db, "hai", "A", "ngắn", "admin", NULL, msg, sizeof msg),
        APP_AUTH_EINVAL);
    assert_int_equal(app_user_create(db, "hai", "A", PW, "commune_officer",
                                     "99999", msg, sizeof msg),
                     APP_AUTH_EINVAL);
    assert_int_equal(count(db, "SELECT count(*) FROM users"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " = 'user.create' AND old_value IS NULL AND"
                               " new_value LIKE '%\"username\":\"mot\"%'"),
                     1);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE"
                               " new_value LIKE '%argon2%'"),
                     0);
}

/* Usernames of a list page, space-separated, into out. */
static void list(struct db *db, const char *scope_area, const char *role,
                 const char *area, char *out, size_t cap)
{
    struct app_users_query q;
    struct app_users_page p;
    struct app_users_err err;
    struct app_scope s;
    struct app_user u;
    size_t i, o = 0;

    memset(&u, 0, sizeof u);
    snprintf(u.area_code, sizeof u.area_code, "%s", scope_area);
    app_scope_of_user(&u, &s);
    memset(&q, 0, sizeof q);
    q.role = role;
    q.area = area;
    q.active = -1;
    q.page = 1;
    q.per_page = 100;
    assert_int_equal(app_users_list(db, &q, &s, &p, &err), 0);
    out[0] = '\0';
    for (i = 0; i < p.count; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s", o ? " " : "",
                              p.items[i].username);
    assert_int_equal(p.total, (int64_t)p.count);
    app_users_page_free(&p);
}

static void test_list_in_scope(void **state)
{
    struct db *db = *state;
    char out[512];

    /* Today (ANSINH_TODAY, main) the tree is two-tier: 13285 lies in 37;
     * district 347 and province 35 hold nothing. */
    add(db, "a.13285", "commune_officer", "13285");
    add(db, "b.37", "province_officer", "37");
    add(db, "c.00004", "commune_officer", "00004"); /* Hà Nội */
    add(db, "d.vn", "supervisor", NULL);
    add(db, "e.347", "district_officer", "347");

    list(db, "", NULL, NULL, out, sizeof out);
    assert_string_equal(out, "a.13285 b.37 c.00004 d.vn e.347");
    list(db, "37", NULL, NULL, out, sizeof out);
    assert_string_equal(out, "a.13285 b.37");
    list(db, "13285", NULL, NULL, out, sizeof out);
    assert_string_equal(out, "a.13285");
    list(db, "01", NULL, NULL, out, sizeof out);
    assert_string_equal(out, "c.00004");
    list(db, "", "commune_officer", NULL, out, sizeof out);
    assert_string_equal(out, "a.13285 c.00004");
    list(db, "", NULL, "37", out, sizeof out);
    assert_string_equal(out, "a.13285 b.37");
    list(db, "37", "commune_officer", "01", out, sizeof out);
    assert_string_equal(out, "");
    list(db, "", NULL, "347", out, sizeof out);
    assert_string_equal(out, "e.347");
}

static void test_update_versions_and_audit(void **state)
{
    struct db *db = *state;
    struct app_users_change c;
    struct app_users_view v;
    struct app_users_err err;
    struct app_scope nat, p01;
    struct app_user u;

    add(db, "admin.vn", "admin", NULL);
    add(db, "x.13285", "commune_officer", "13285");
    memset(&u, 0, sizeof u);
    app_scope_of_user(&u, &nat);
    snprintf(u.area_code, sizeof u.area_code, "01");
    app_scope_of_user(&u, &p01);

    memset(&c, 0, sizeof c);
    c.active = -1;
    c.version = 1;
    c.role = "commune_chairman";
    assert_int_equal(app_users_update(db, 1, "admin.vn", &nat, 2, &c, &v, &err),
                     0);
    assert_int_equal(v.version, 2);
    assert_string_equal(v.role, "commune_chairman");
    /* Stale version: conflict, the current account returned. */
    assert_int_equal(app_users_update(db, 1, "admin.vn", &nat, 2, &c, &v, &err),
                     APP_USERS_ECONFLICT);
    assert_string_equal(err.field, "version");
    assert_int_equal(v.version, 2);
    /* Outside the scope: not found, nothing written. */
    c.version = 2;
    assert_int_equal(app_users_update(db, 1, "admin.vn", &p01, 2, &c, &v, &err),
                     APP_USERS_ENOTFOUND);
    assert_int_equal(app_users_get(db, &p01, 2, &v), APP_USERS_ENOTFOUND);
    assert_int_equal(app_users_get(db, &nat, 2, &v), 0);
    /* An empty change writes nothing. */
    c.role = NULL;
    assert_int_equal(app_users_update(db, 1, "admin.vn", &nat, 2, &c, &v, &err),
                     0);
    assert_int_equal(v.version, 2);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " = 'user.update'"),
                     1);
    assert_int_equal(
        count(db, "SELECT count(*) FROM audit_log WHERE action = 'user.update'"
                  " AND actor = 'admin.vn' AND entity_id = '2'"
                  " AND old_value = '{\"role\":\"commune_officer\"}'"
                  " AND new_value = '{\"role\":\"commune_chairman\"}'"),
        1);
    /* Self-lockout is refused. */
    c.version = 1;
    c.active = 0;
    assert_int_equal(app_users_update(db, 1, "admin.vn", &nat, 1, &c, &v, &err),
                     APP_USERS_ESELF);
}

static void test_sessions_end(void **state)
{
    struct db *db = *state;
    struct app_user u;
    char token[APP_AUTH_TOKEN_LEN + 1];
    int64_t n = 0;

    add(db, "s.1", "auditor", NULL);
    assert_int_equal(app_auth_login(db, "s.1", PW, "192.0.2.1", token, &u), 0);
    assert_int_equal(app_auth_login(db, "s.1", PW, NULL, token, &u), 0);
    assert_int_equal(app_auth_session(db, token, &u), 0);
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_users_sessions_end(db, u.id, &n), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(app_auth_session(db, token, &u), APP_AUTH_ENOSESSION);
    /* The login record keeps the address it came from. */
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " = 'session.login' AND detail ="
                               " '{\"client\":\"192.0.2.1\"}'"),
                     1);
}

static void test_csrf_token(void **state)
{
    char a[APP_AUTH_CSRF_LEN + 1], b[APP_AUTH_CSRF_LEN + 1];
    const char *t1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const char *t2 = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB";

    (void)state;
    assert_int_equal(app_auth_csrf_token(t1, a), 0);
    assert_int_equal(strlen(a), APP_AUTH_CSRF_LEN);
    assert_int_equal(app_auth_csrf_token(t2, b), 0);
    assert_string_not_equal(a, b);
    assert_true(app_auth_csrf_ok(t1, a));
    assert_false(app_auth_csrf_ok(t2, a));
    assert_false(app_auth_csrf_ok(t1, NULL));
    assert_false(app_auth_csrf_ok(t1, ""));
    assert_false(app_auth_csrf_ok("short", a));
    assert_int_equal(app_auth_csrf_token("bad token", a), APP_AUTH_ENOSESSION);
    assert_string_equal(a, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_create_codes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_list_in_scope, setup, teardown),
        cmocka_unit_test_setup_teardown(test_update_versions_and_audit, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_sessions_end, setup, teardown),
        cmocka_unit_test(test_csrf_token),
    };

    setenv("ANSINH_TODAY", "2026-01-15", 1);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
