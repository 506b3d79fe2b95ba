/* test_jobs.c: the progress of long requests, both engines (docs/http.md,
 * "Long jobs"; src/http/progress.h).
 *
 * Commune 13285 has three beneficiaries, commune 13291 two. An officer of
 * 13285 prepares September 2026 through the API with X-Job-Id and reads
 * the job back: done, with done == total == the payroll's persons. Another
 * officer of the same commune cannot see it; unknown and malformed tokens
 * are 404; a request without the header still works; a malformed header
 * is 400; a preparation that fails leaves a failed job. In the test
 * process: app_payroll_prepare_ex's reports on 13291 never go back and end
 * once at the total, and the registry itself (tokens, owners, eviction).
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
#include "app/payroll.h"
#include "app/progress.h"
#include "http/progress.h"
#include "http_client.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "store/store_users.h"
#include "testdb.h"

#define PASSWORD "mật-khẩu-tiến-độ-1"
#define TODAY    "2026-08-24"
#define HERE     "13285"
#define THERE    "13291"

static struct http_client_server server;
static struct db *db;
static char dsn[512];
static struct api_session officer, officer2;

/* --- Fixtures ----------------------------------------------------------- */

/* An enrolled K5c beneficiary of unit, paid in cash since 2025-08-01. */
static void beneficiary(const char *name, const char *unit)
{
    struct store_person_new p = {NULL, name, "1940-02-02", 'F', 0};
    struct store_membership_new m;
    struct store_status_change sc;
    struct store_payment_new pay;
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, "test", &p, &id), DB_OK);
    assert_int_equal(store_persons_residence_add(db, "test", id, unit, "Tổ 3",
                                                 "2025-07-01", NULL, NULL),
                     DB_OK);
    memset(&m, 0, sizeof m);
    m.person_id = id;
    m.category = "K5c";
    m.valid_from = "2025-08-01";
    assert_int_equal(store_persons_membership_add(db, "test", &m, NULL), DB_OK);
    memset(&sc, 0, sizeof sc);
    sc.person_id = id;
    sc.status = "enrolled";
    sc.decision_ref = "5/QĐ-UBND ngày 10/01/2026";
    sc.valid_from = "2025-08-01";
    sc.actor = "test";
    assert_int_equal(store_registry_status_set(db, &sc, NULL), DB_OK);
    memset(&pay, 0, sizeof pay);
    pay.person_id = id;
    pay.valid_from = "2025-08-01";
    pay.method = "cash";
    pay.point_name = "Trụ sở UBND phường";
    pay.point_officer = "Lê Thị Thu";
    pay.expected_version = -1;
    pay.actor = "test";
    assert_int_equal(store_registry_payment_set(db, &pay, NULL, NULL), DB_OK);
}

static void login(const char *name, struct api_session *s)
{
    if (api_login(server.port, name, PASSWORD, s) != 200)
        fail_msg("login %s", name);
}

static int group_setup(void **state)
{
    char msg[256];

    (void)state;
    setenv("ANSINH_TODAY", TODAY, 1);
    db = testdb_open();
    snprintf(dsn, sizeof dsn, "%s", testdb_last_dsn());
    if (app_user_create(db, "j.officer", "Người Thử", PASSWORD,
                        "commune_officer", HERE, msg, sizeof msg) != 0 ||
        app_user_create(db, "j.officer2", "Người Thử", PASSWORD,
                        "commune_officer", HERE, msg, sizeof msg) != 0 ||
        app_user_create(db, "j.other", "Người Thử", PASSWORD, "commune_officer",
                        THERE, msg, sizeof msg) != 0)
        fail_msg("user: %s", msg);
    beneficiary("Nguyễn Thị Một", HERE);
    beneficiary("Trần Thị Hai", HERE);
    beneficiary("Lê Thị Ba", HERE);
    beneficiary("Phạm Thị Bốn", THERE);
    beneficiary("Vũ Thị Năm", THERE);
    if (http_client_server_start(&server, dsn, NULL) != 0)
        return -1;
    login("j.officer", &officer);
    login("j.officer2", &officer2);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

/* --- Helpers ------------------------------------------------------------ */

/* method path as s with one more header line (NULL: none); fails unless
 * the status is want. Returns the JSON answer (caller decrefs). */
static json_t *call(const struct api_session *s, const char *method,
                    const char *path, const char *body, const char *extra,
                    int want)
{
    struct http_client_response r;
    json_t *j;

    assert_int_equal(api_call(server.port, s, 1, method, path, body, extra, &r),
                     0);
    if (r.status != want)
        fail_msg("%s %s -> %d, want %d: %s", method, path, r.status, want,
                 r.body);
    j = api_json(&r);
    http_client_response_free(&r);
    return j;
}

static int64_t num(const json_t *o, const char *key)
{
    return json_integer_value(json_object_get(o, key));
}

static const char *str(const json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));

    return s != NULL ? s : "";
}

static void expect_not_found(const struct api_session *s, const char *path)
{
    json_t *e = call(s, "GET", path, NULL, NULL, 404);

    assert_string_equal(str(json_object_get(e, "error"), "code"), "not_found");
    json_decref(e);
}

/* --- Through the API ---------------------------------------------------- */

static void test_prepare_with_job_id(void **state)
{
    json_t *r, *j;
    int64_t persons;

    (void)state;
    r = call(&officer, "POST", "/api/v1/payrolls",
             "{\"area\":\"" HERE "\",\"month\":\"2026-09\"}",
             "X-Job-Id: prep-2026-09_a", 201);
    persons = num(json_object_get(r, "summary"), "persons");
    assert_int_equal(persons, 3);
    json_decref(r);
    j = call(&officer, "GET", "/api/v1/jobs/prep-2026-09_a", NULL, NULL, 200);
    assert_string_equal(str(j, "id"), "prep-2026-09_a");
    assert_string_equal(str(j, "state"), "done");
    assert_int_equal(num(j, "total"), persons);
    assert_int_equal(num(j, "done"), persons);
    assert_int_equal(strlen(str(j, "started_at")), 20);
    assert_int_equal(strlen(str(j, "updated_at")), 20);
    assert_true(strcmp(str(j, "started_at"), str(j, "updated_at")) <= 0);
    json_decref(j);
}

static void test_only_the_owner_sees_a_job(void **state)
{
    (void)state;
    /* Same commune, same permission, another user: not found. */
    expect_not_found(&officer2, "/api/v1/jobs/prep-2026-09_a");
    /* Unknown, too long, not a token. */
    expect_not_found(&officer, "/api/v1/jobs/never-sent");
    expect_not_found(&officer,
                     "/api/v1/jobs/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    expect_not_found(&officer, "/api/v1/jobs/bad.token");
    expect_not_found(&officer, "/api/v1/jobs/b%C3%A1o");
}

static void test_without_header_no_job(void **state)
{
    json_t *r, *j;

    (void)state;
    r = call(&officer2, "POST", "/api/v1/payrolls",
             "{\"area\":\"" HERE "\",\"month\":\"2026-09\"}", NULL, 201);
    assert_int_equal(num(json_object_get(r, "summary"), "persons"), 3);
    json_decref(r);
    /* The earlier job of the other officer is untouched. */
    j = call(&officer, "GET", "/api/v1/jobs/prep-2026-09_a", NULL, NULL, 200);
    assert_string_equal(str(j, "state"), "done");
    json_decref(j);
    expect_not_found(&officer2, "/api/v1/jobs/prep-2026-09_a");
}

static void test_bad_header_is_400(void **state)
{
    json_t *e;

    (void)state;
    e = call(&officer, "POST", "/api/v1/payrolls",
             "{\"area\":\"" HERE "\",\"month\":\"2026-09\"}",
             "X-Job-Id: not a token", 400);
    assert_string_equal(str(json_object_get(e, "error"), "code"),
                        "invalid_header");
    assert_string_equal(str(json_object_get(e, "error"), "field"), "X-Job-Id");
    json_decref(e);
}

static void test_failed_preparation(void **state)
{
    json_t *j;

    (void)state;
    /* Another commune than the officer's: refused by the use case, after
     * the job was registered. */
    json_decref(call(&officer, "POST", "/api/v1/payrolls",
                     "{\"area\":\"" THERE "\",\"month\":\"2026-09\"}",
                     "X-Job-Id: prep-bad", 400));
    j = call(&officer, "GET", "/api/v1/jobs/prep-bad", NULL, NULL, 200);
    assert_string_equal(str(j, "state"), "failed");
    assert_int_equal(num(j, "done"), 0);
    json_decref(j);
}

/* --- In this process ---------------------------------------------------- */

struct seen {
    int64_t done[64], total[64];
    size_t n;
};

static void record(void *arg, int64_t done, int64_t total)
{
    struct seen *s = arg;

    if (s->n < 64) {
        s->done[s->n] = done;
        s->total[s->n] = total;
    }
    s->n++;
}

static void test_progress_is_monotonic_and_ends_at_total(void **state)
{
    struct store_user su;
    struct app_user u;
    struct app_pay_summary sum;
    struct app_pay_err err;
    struct seen s;
    struct app_progress p = {record, &s};
    size_t i, at_total = 0;

    (void)state;
    memset(&s, 0, sizeof s);
    assert_int_equal(store_users_find(db, "j.other", &su), DB_OK);
    memset(&u, 0, sizeof u);
    u.id = su.id;
    snprintf(u.username, sizeof u.username, "%s", su.username);
    snprintf(u.role, sizeof u.role, "%s", su.role);
    snprintf(u.area_code, sizeof u.area_code, "%s", su.area_code);
    if (app_payroll_prepare_ex(db, &u, THERE, "2026-09", NULL, -1, &p, &sum,
                               &err) != APP_PAY_OK)
        fail_msg("prepare: %s %s", err.code, err.message);
    assert_int_equal(sum.persons, 2);
    assert_true(s.n >= 1 && s.n <= 64);
    for (i = 0; i < s.n; i++) {
        assert_int_equal(s.total[i], 2);
        assert_true(s.done[i] >= 0 && s.done[i] <= s.total[i]);
        if (i > 0)
            assert_true(s.done[i] > s.done[i - 1]);
        at_total += s.done[i] == s.total[i];
    }
    assert_int_equal(s.done[s.n - 1], 2);
    assert_int_equal(at_total, 1);
    /* A failure reports nothing at the total. */
    memset(&s, 0, sizeof s);
    assert_int_not_equal(app_payroll_prepare_ex(db, &u, THERE, "2026-13", NULL,
                                                -1, &p, &sum, &err),
                         APP_PAY_OK);
    assert_int_equal(s.n, 0);
}

static void test_registry(void **state)
{
    struct hprogress_job j;
    char id[16];
    int i;

    (void)state;
    hprogress_reset();
    assert_true(hprogress_id_valid("a"));
    assert_true(hprogress_id_valid("A-z_09"));
    assert_true(hprogress_id_valid("0123456789012345678901234567890123456789"));
    assert_false(
        hprogress_id_valid("01234567890123456789012345678901234567890"));
    assert_false(hprogress_id_valid(""));
    assert_false(hprogress_id_valid(NULL));
    assert_false(hprogress_id_valid("a b"));
    assert_false(hprogress_id_valid("a/b"));
    assert_int_equal(hprogress_start(1, "x y"), HPROGRESS_EINVAL);

    assert_int_equal(hprogress_start(1, "job"), HPROGRESS_OK);
    assert_int_equal(hprogress_get(2, "job", &j), HPROGRESS_ENOTFOUND);
    hprogress_update(2, "job", 5, 10); /* not the owner: ignored */
    hprogress_update(1, "job", 3, 10);
    assert_int_equal(hprogress_get(1, "job", &j), HPROGRESS_OK);
    assert_int_equal(j.state, HPROGRESS_RUNNING);
    assert_int_equal(j.done, 3);
    assert_int_equal(j.total, 10);
    hprogress_finish(1, "job", 1);
    hprogress_update(1, "job", 4, 10); /* finished: ignored */
    hprogress_finish(1, "job", 0);
    assert_int_equal(hprogress_get(1, "job", &j), HPROGRESS_OK);
    assert_int_equal(j.state, HPROGRESS_DONE);
    assert_int_equal(j.done, 3);

    /* Full: the next job evicts the one registered longest ago. */
    for (i = 1; i < HPROGRESS_CAP; i++) {
        snprintf(id, sizeof id, "j%d", i);
        assert_int_equal(hprogress_start(7, id), HPROGRESS_OK);
    }
    assert_int_equal(hprogress_get(1, "job", &j), HPROGRESS_OK);
    assert_int_equal(hprogress_start(7, "newest"), HPROGRESS_OK);
    assert_int_equal(hprogress_get(1, "job", &j), HPROGRESS_ENOTFOUND);
    assert_int_equal(hprogress_get(7, "j1", &j), HPROGRESS_OK);
    assert_int_equal(hprogress_get(7, "newest", &j), HPROGRESS_OK);
    /* Registering a key again restarts that job in place. */
    hprogress_update(7, "j1", 9, 9);
    hprogress_finish(7, "j1", 1);
    assert_int_equal(hprogress_start(7, "j1"), HPROGRESS_OK);
    assert_int_equal(hprogress_get(7, "j1", &j), HPROGRESS_OK);
    assert_int_equal(j.state, HPROGRESS_RUNNING);
    assert_int_equal(j.done, 0);
    assert_int_equal(hprogress_get(7, "j2", &j), HPROGRESS_OK);
    hprogress_reset();
    assert_int_equal(hprogress_get(7, "j1", &j), HPROGRESS_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prepare_with_job_id),
        cmocka_unit_test(test_only_the_owner_sees_a_job),
        cmocka_unit_test(test_without_header_no_job),
        cmocka_unit_test(test_bad_header_is_400),
        cmocka_unit_test(test_failed_preparation),
        cmocka_unit_test(test_progress_is_monotonic_and_ends_at_total),
        cmocka_unit_test(test_registry),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
