/* test_summary.c: GET /api/v1/reports/summary (docs/reports.md; RULES.md
 * §7.2, §10.3) on the real binary, both engines: beneficiaries by
 * category and by unit on the date's unit tree, and twelve months of money
 * from the rules engine, to the đồng, for the caller's area.
 *
 * The fixture is small and exact: a person of Phường Châu Cầu (Hà Nam,
 * 13294) moved by the reorganisation to Phường Phủ Lý (Ninh Bình, 13285),
 * a child there, an elderly woman of Phường Hà Nam (13366) and a person of
 * Hà Nội (00004). Each month's money must equal the sum of what
 * app_quote_run gives each person paid there; old months keep their old
 * units (Hà Nam 35 and its district 347 in June 2025). Supervisors read it
 * (aggregates only, no name); a unit outside the area is 404 exactly as
 * one that does not exist; bad inputs are 400 with the field.
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

#include "api_steps.h"
#include "app/quote.h"
#include "store/db.h"

#define PASSWORD "mật-khẩu-báo-cáo-1"

static struct steps st;

enum { ADMIN, SUPER, PROV, DIST, OFF, PROVIDER, NUSERS };

static struct steps_user users[NUSERS] = {
    [ADMIN] = {"quantri", "admin", "", {{0}}},
    [SUPER] = {"giamsat", "supervisor", "", {{0}}},
    [PROV] = {"tinh37", "province_officer", "37", {{0}}},
    [DIST] = {"huyen347", "auditor", "347", {{0}}},
    [OFF] = {"xa13285", "commune_officer", "13285", {{0}}},
    [PROVIDER] = {"buudien", "provider", "37", {{0}}},
};

#define S(u) (&users[u].s)

/* The fixture: who, born when, which category (K6: severe), where and
 * paid from when. */
static const struct {
    const char *name, *birth, *cat, *unit, *since;
} people[] = {
    {"Đặng Văn Chuyển", "1980-04-04", "K6", "13294", "2025-01-01"},
    {"Bùi Bé Con", "2018-08-08", "K1b", "13285", "2025-07-01"},
    {"Ngô Thị Cụ", "1950-05-05", "K5a", "13366", "2025-07-01"},
    {"Hà Văn Thủ Đô", "1975-06-06", "K6", "00004", "2025-07-01"},
};

static int group_setup(void **state)
{
    size_t i;

    (void)state;
    if (steps_open(&st, users, NUSERS, PASSWORD) != 0)
        return -1;
    /* Each person is registered on the day their residence began (the
     * registry refuses a commune that does not exist on the day). */
    for (i = 0; i < sizeof people / sizeof people[0]; i++) {
        setenv("ANSINH_TODAY",
               strcmp(people[i].since, "2025-07-01") < 0 ? "2025-06-30"
                                                         : "2026-01-15",
               1);
        steps_beneficiary(&st, people[i].name, people[i].birth, "F",
                          people[i].unit, people[i].since, people[i].cat,
                          people[i].since);
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    steps_stop(&st);
    db_close(st.db);
    return 0;
}

static int64_t quoted(size_t who, const char *month)
{
    struct app_quote_err err;
    char req[256], *out = NULL;
    size_t len = 0;
    json_t *j;
    int64_t total;

    snprintf(req, sizeof req,
             "{\"month\":\"%s\",\"person\":{\"birth_date\":\"%s\"%s},"
             "\"categories\":[\"%s\"]}",
             month, people[who].birth,
             strcmp(people[who].cat, "K6") == 0 ? ",\"disability\":\"severe\""
                                                : "",
             people[who].cat);
    if (app_quote_run(req, strlen(req), &out, &len, &err) != APP_QUOTE_OK)
        fail_msg("quote: %s", err.message);
    j = json_loads(out, 0, NULL);
    total = json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    free(out);
    return total;
}

/* Each of the 12 months of summary j: the amount is the sum of what the
 * rules engine gives the persons `paid(who, month)` says are paid there,
 * and persons their number. */
static void expect_money(json_t *j, int (*paid)(size_t who, const char *m))
{
    json_t *months = steps_jget(j, "money.months"), *x;
    int64_t sum = 0;
    size_t i, k;

    assert_int_equal(json_array_size(months), 12);
    json_array_foreach(months, i, x)
    {
        const char *m = steps_js(x, "month");
        int64_t want = 0, n = 0;

        for (k = 0; k < sizeof people / sizeof people[0]; k++)
            if (paid(k, m)) {
                want += quoted(k, m);
                n++;
            }
        if (json_integer_value(json_object_get(x, "amount")) != want ||
            json_integer_value(json_object_get(x, "persons")) != n)
            fail_msg(
                "%s: %lld đồng for %lld persons, want %lld for %lld", m,
                (long long)json_integer_value(json_object_get(x, "amount")),
                (long long)json_integer_value(json_object_get(x, "persons")),
                (long long)want, (long long)n);
        sum += want;
    }
    assert_int_equal(json_integer_value(steps_jget(j, "money.total")), sum);
}

static int paid_nationally(size_t who, const char *m)
{
    return strncmp(m, people[who].since, 7) >= 0;
}

static int paid_in_37(size_t who, const char *m)
{
    /* Ninh Bình's units from July 2025 (the Châu Cầu person with them);
     * before, old Ninh Bình (37) had none of these people. */
    return paid_nationally(who, m) && strcmp(m, "2025-07") >= 0 &&
           strcmp(people[who].unit, "00004") != 0;
}

static int paid_in_35(size_t who, const char *m)
{
    return paid_nationally(who, m) && strcmp(m, "2025-07") < 0 &&
           strcmp(people[who].unit, "13294") == 0;
}

static int paid_in_13285(size_t who, const char *m)
{
    return paid_nationally(who, m) && strcmp(m, "2025-07") >= 0 &&
           (strcmp(people[who].unit, "13285") == 0 ||
            strcmp(people[who].unit, "13294") == 0);
}

static void test_national_and_provinces_s7_2(void **state)
{
    json_t *j, *dry;

    (void)state;
    steps_start(&st, "2026-01-15", users, NUSERS, PASSWORD);
    /* Carry Châu Cầu's person into Phủ Lý. */
    dry = steps_call(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise", 200,
                     "{\"to\":\"2025-07-01\"}");
    assert_int_equal(json_integer_value(steps_jget(dry, "residences_moved")),
                     1);
    json_decref(dry);
    j = steps_call(&st, S(SUPER), "GET", "/api/v1/reports/summary", 200, NULL);
    assert_string_equal(steps_js(j, "date"), "2026-01-15");
    assert_true(json_is_null(steps_jget(j, "unit")));
    assert_int_equal(json_integer_value(steps_jget(j, "beneficiaries")), 4);
    assert_int_equal(json_integer_value(steps_jget(j, "by_category.K6")), 2);
    assert_int_equal(json_integer_value(steps_jget(j, "by_category.K1b")), 1);
    assert_int_equal(json_integer_value(steps_jget(j, "by_category.K8")), 0);
    assert_int_equal(
        json_integer_value(steps_jget(j, "by_unit.37.beneficiaries")), 3);
    assert_int_equal(
        json_integer_value(steps_jget(j, "by_unit.01.beneficiaries")), 1);
    assert_string_equal(steps_js(j, "money.rules"), "national");
    expect_money(j, paid_nationally);
    {
        /* Aggregates only: no person is named. */
        char *text = json_dumps(j, 0);

        assert_null(strstr(text, "Chuyển"));
        assert_null(strstr(text, "full_name"));
        free(text);
    }
    json_decref(j);
    /* The province officer: Ninh Bình by default, its communes. */
    j = steps_call(&st, S(PROV), "GET", "/api/v1/reports/summary", 200, NULL);
    assert_string_equal(steps_js(j, "unit.code"), "37");
    assert_int_equal(json_integer_value(steps_jget(j, "beneficiaries")), 3);
    assert_int_equal(
        json_integer_value(steps_jget(j, "by_unit.13285.beneficiaries")), 2);
    assert_int_equal(
        json_integer_value(steps_jget(j, "by_unit.13366.beneficiaries")), 1);
    expect_money(j, paid_in_37);
    json_decref(j);
    /* The commune: its own people. */
    j = steps_call(&st, S(OFF), "GET", "/api/v1/reports/summary?unit=13285",
                   200, NULL);
    assert_int_equal(json_integer_value(steps_jget(j, "beneficiaries")), 2);
    assert_int_equal(json_object_size(steps_jget(j, "by_unit")), 0);
    expect_money(j, paid_in_13285);
    json_decref(j);
}

/* Old months keep their old units (RULES.md §10.3): on 2025-06-30 the
 * person was in Hà Nam (35), district 347; Ninh Bình (37) had none. */
static void test_old_months_keep_old_units_s10_3(void **state)
{
    json_t *j;

    (void)state;
    steps_start(&st, "2026-01-15", users, NUSERS, PASSWORD);
    j = steps_call(&st, S(SUPER), "GET",
                   "/api/v1/reports/summary?date=2025-06-30&unit=35", 200,
                   NULL);
    assert_string_equal(steps_js(j, "unit.name"), "Tỉnh Hà Nam");
    assert_int_equal(json_integer_value(steps_jget(j, "beneficiaries")), 1);
    assert_int_equal(
        json_integer_value(steps_jget(j, "by_unit.347.beneficiaries")), 1);
    expect_money(j, paid_in_35);
    json_decref(j);
    /* The district's reader (an auditor of 347) sees its history. */
    j = steps_call(&st, S(DIST), "GET",
                   "/api/v1/reports/summary?date=2025-06-30", 200, NULL);
    assert_string_equal(steps_js(j, "unit.code"), "347");
    assert_int_equal(json_integer_value(steps_jget(j, "beneficiaries")), 1);
    json_decref(j);
    /* ... and no district exists any more today. */
    steps_refused(&st, S(DIST), "GET", "/api/v1/reports/summary", NULL, 404,
                  "not_found", "unit");
}

static void test_areas_and_bad_inputs(void **state)
{
    struct http_client_response a, b;

    (void)state;
    steps_start(&st, "2026-01-15", users, NUSERS, PASSWORD);
    /* Outside the area: exactly as a unit that does not exist. */
    assert_int_equal(api_call(st.server.port, S(OFF), 1, "GET",
                              "/api/v1/reports/summary?unit=13366", NULL, NULL,
                              &a),
                     0);
    assert_int_equal(api_call(st.server.port, S(OFF), 1, "GET",
                              "/api/v1/reports/summary?unit=99999", NULL, NULL,
                              &b),
                     0);
    assert_int_equal(a.status, 404);
    assert_int_equal(b.status, 404);
    assert_non_null(strstr(a.body, "13366"));
    {
        char *p = strstr(a.body, "13366");

        memcpy(p, "99999", 5);
        assert_string_equal(a.body, b.body);
    }
    http_client_response_free(&a);
    http_client_response_free(&b);
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/summary?unit=01", NULL,
                  404, "not_found", "unit");
    steps_refused(&st, S(PROV), "GET",
                  "/api/v1/reports/summary?date=2025-02-30", NULL, 400,
                  "invalid_query", "date");
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/summary?unit=1", NULL,
                  400, "invalid_query", "unit");
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/summary?unit=3a", NULL,
                  400, "invalid_query", "unit");
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/summary?month=1", NULL,
                  400, "invalid_query", "month");
    steps_refused(&st, S(PROVIDER), "GET", "/api/v1/reports/summary", NULL, 403,
                  "forbidden", NULL);
    steps_audit_verifies(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_national_and_provinces_s7_2),
        cmocka_unit_test(test_old_months_keep_old_units_s10_3),
        cmocka_unit_test(test_areas_and_bad_inputs),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
