/* test_reorganise.c: the 2025-07-01 reorganisation as an operation
 * (docs/reorganise.md; RULES.md §0, §6.5, §7.3, §10.3) on the real binary,
 * both engines, on the demo province built up to the last three-tier day
 * (ansinh demo --before-reform: Hà Nam, people in old communes only).
 *
 *   - a dry run reports and changes nothing; the operation then moves
 *     every person of a commune with one successor, and puts every person
 *     of a split commune in an assignment task of Ninh Bình (37): after
 *     it, each beneficiary lives in a code-37 commune or has exactly one
 *     open assignment, never both;
 *   - open dossiers continue in the two-tier procedure at the
 *     corresponding step (appraisal -> decision), in the successor commune;
 *     a month's tasks follow their commune (or the province);
 *   - accounts: the province's to 37, a commune's to its successor, the
 *     district's read-only (auditor, same district), a split commune's
 *     stay and get an administrator's task, closed by a new area;
 *   - history keeps its units: statistics of 2025-06-30 still show Hà Nam
 *     and its districts;
 *   - the province officer resolves assignments (candidates only), and the
 *     next payroll (July 2025 in Ninh Bình) pays every person June's
 *     payroll (Hà Nam) paid: no gap, no double;
 *   - a second run changes nothing; refused inputs change nothing; the
 *     audit chain verifies.
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
#include "app/auth.h"
#include "app/demo.h"
#include "store/db.h"
#include "testdb.h"

#define DEMO_PASSWORD "ansinh-demo"

static struct steps st;

enum { ADMIN, PROV, D_OFF, C_OFF, C_CH, OFF_13294, CH_13294, NUSERS };

/* The demo's accounts (password ansinh-demo) and one more. */
static struct steps_user users[NUSERS] = {
    [ADMIN] = {"admin", "admin", "", {{0}}},
    [PROV] = {"province.officer", "province_officer", "35", {{0}}},
    [D_OFF] = {"district.347.officer", "district_officer", "347", {{0}}},
    [C_OFF] = {"commune.13285.officer", "commune_officer", "13285", {{0}}},
    [C_CH] = {"commune.13285.chairman", "commune_chairman", "13285", {{0}}},
    [OFF_13294] = {"xa13294.canbo", "commune_officer", "13294", {{0}}},
    [CH_13294] = {"xa13294.chutich", "commune_chairman", "13294", {{0}}},
};

#define S(u) (&users[u].s)

static int64_t n_demo, d_full, d_split;

static int group_setup(void **state)
{
    struct app_demo_opts o;
    struct app_demo_result res;
    char msg[512];

    (void)state;
    setenv("ANSINH_TODAY", "2025-06-30", 1);
    memset(&st, 0, sizeof st);
    st.db = testdb_open();
    snprintf(st.dsn, sizeof st.dsn, "%s", testdb_last_dsn());
    app_demo_opts_default(&o);
    o.beneficiaries = n_demo = strcmp(testdb_engine(), "pg") == 0 ? 300 : 2000;
    o.before_reform = 1;
    if (app_demo_create(st.db, &o, &res, msg, sizeof msg) != 0) {
        fprintf(stderr, "demo: %s\n", msg);
        return -1;
    }
    if (app_user_create(st.db, users[OFF_13294].user, "Cán Bộ Châu Cầu",
                        DEMO_PASSWORD, "commune_officer", "13294", msg,
                        sizeof msg) != 0 ||
        app_user_create(st.db, users[CH_13294].user, "Chủ Tịch Châu Cầu",
                        DEMO_PASSWORD, "commune_chairman", "13294", msg,
                        sizeof msg) != 0)
        return -1;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    steps_stop(&st);
    db_close(st.db);
    return 0;
}

/* A demo beneficiary living in commune `unit` on 2025-06-30. */
static int64_t resident_of(const char *unit)
{
    return steps_q(
        &st,
        "SELECT min(r.person_id) FROM residences r JOIN beneficiaries"
        " b ON b.person_id = r.person_id WHERE r.unit_code = '%s'"
        " AND r.valid_to IS NULL AND b.status = 'enrolled'",
        unit);
}

/* Before: a suspension of Châu Cầu (13294, one successor: 13285 Phủ Lý)
 * at the district's appraisal, a grant of Quang Trung (13285, split) at
 * the review; June's tasks. */
static void test_before_the_reform(void **state)
{
    json_t *j;

    (void)state;
    steps_start(&st, "2025-06-30", users, NUSERS, DEMO_PASSWORD);
    d_full = steps_submit(&st, S(OFF_13294), resident_of("13294"),
                          "\"kind\":\"stop\",\"submitted_on\":"
                          "\"2025-06-02\",\"proposed\":\"suspend\","
                          "\"ground\":\"detention\",\"event_on\":"
                          "\"2025-05-28\"");
    steps_act(&st, S(CH_13294), d_full, "forward", "2025-06-03");
    d_split = steps_submit(&st, S(C_OFF), resident_of("13285"),
                           "\"kind\":\"grant\",\"submitted_on\":"
                           "\"2025-06-20\",\"categories\":[\"K5a\"]");
    j = steps_call(&st, S(PROV), "POST", "/api/v1/tasks/generate", 200,
                   "{\"month\":\"2025-06\"}");
    json_decref(j);
    /* The operation is not yet in force: a real run is refused (409),
     * a dry run allowed. */
    steps_refused(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise",
                  "{\"to\":\"2025-07-01\"}", 409, "not_in_force", "to");
    json_decref(steps_call(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise",
                           200, "{\"to\":\"2025-07-01\",\"dry_run\":true}"));
}

static void test_the_operation_s6_5_s10_3(void **state)
{
    int64_t residences, audit, users_v, moved, tasks;
    json_t *j;
    char path[64];

    (void)state;
    steps_start(&st, "2025-07-15", users, NUSERS, DEMO_PASSWORD);
    /* Refused inputs change nothing. */
    steps_refused(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise",
                  "{\"to\":\"2025-07-02\"}", 400, "no_reform", "to");
    steps_refused(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise",
                  "{\"to\":\"2025-02-30\"}", 400, "invalid_date", "to");
    steps_refused(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise",
                  "{\"to\":\"2025-07-01\",\"dry_run\":\"yes\"}", 400,
                  "invalid_field", "dry_run");
    steps_refused(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise", "{}", 400,
                  "missing_field", "to");
    steps_refused(&st, S(PROV), "POST", "/api/v1/admin/reorganise",
                  "{\"to\":\"2025-07-01\"}", 403, "forbidden", NULL);
    /* A dry run: the figures, no change. */
    residences = steps_q(&st, "SELECT count(*) FROM residences");
    audit = steps_q(&st, "SELECT count(*) FROM audit_log");
    j = steps_call(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise", 200,
                   "{\"to\":\"2025-07-01\",\"dry_run\":true}");
    assert_true(json_is_true(steps_jget(j, "dry_run")));
    moved = json_integer_value(steps_jget(j, "residences_moved"));
    tasks = json_integer_value(steps_jget(j, "assignment_tasks"));
    assert_true(moved > n_demo / 2);
    assert_true(tasks > 0);
    json_decref(j);
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM residences"),
                     residences);
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM audit_log"), audit);
    /* The operation. */
    j = steps_call(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise", 200,
                   "{\"to\":\"2025-07-01\"}");
    assert_true(json_is_true(steps_jget(j, "first_run")));
    assert_int_equal(json_integer_value(steps_jget(j, "residences_moved")),
                     moved);
    assert_int_equal(json_integer_value(steps_jget(j, "assignment_tasks")),
                     tasks);
    assert_int_equal(json_integer_value(steps_jget(j, "dossiers_carried")), 2);
    assert_true(json_integer_value(steps_jget(j, "users_changed")) >= 4);
    json_decref(j);
    /* Every beneficiary of 2025-07-01 lives in a code-37 commune or has
     * one open assignment, never both, never neither. */
    assert_int_equal(
        steps_q(&st,
                "SELECT count(*) FROM beneficiary_status s WHERE s.valid_from"
                " <= '2025-07-01' AND (s.valid_to IS NULL OR s.valid_to >"
                " '2025-07-01') AND s.status IN ('enrolled', 'suspended') AND"
                " (SELECT count(*) FROM residences r JOIN units u ON u.code ="
                " r.unit_code AND u.level = 3 AND u.province_code = '37' AND"
                " u.valid_from <= '2025-07-01' AND (u.valid_to IS NULL OR"
                " u.valid_to > '2025-07-01') WHERE r.person_id = s.person_id"
                " AND r.valid_from <= '2025-07-01' AND (r.valid_to IS NULL OR"
                " r.valid_to > '2025-07-01')) + (SELECT count(*) FROM tasks t"
                " WHERE t.person_id = s.person_id AND t.kind ="
                " 'assign_commune' AND t.state = 'open') <> 1"),
        0);
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM tasks WHERE kind ="
                                  " 'assign_commune' AND unit_code = '37'"),
                     tasks);
    /* The last day of the old units is 2025-06-30: history keeps them. */
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM residences WHERE"
                                  " valid_to = '2025-07-01'"),
                     moved + tasks);
    /* The dossiers: Châu Cầu's appraisal at the district -> the commune
     * chairman's decision in Phủ Lý (two tiers); Quang Trung's review
     * stays a review, its commune to be assigned. */
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld", (long long)d_full);
    j = steps_call(&st, S(OFF_13294), "GET", path, 200, NULL);
    assert_string_equal(steps_js(j, "dossier.procedure.id"), "stop_2025");
    assert_string_equal(steps_js(j, "dossier.step.code"), "decision");
    assert_string_equal(steps_js(j, "dossier.unit_code"), "13285");
    json_decref(j);
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld", (long long)d_split);
    j = steps_call(&st, S(ADMIN), "GET", path, 200, NULL);
    assert_string_equal(steps_js(j, "dossier.procedure.id"), "monthly_2025");
    assert_string_equal(steps_js(j, "dossier.step.code"), "review");
    json_decref(j);
    /* June's tasks of a commune with a successor follow it. */
    assert_int_equal(
        steps_q(&st, "SELECT count(*) FROM tasks t JOIN units u ON"
                     " u.code = t.unit_code AND u.level = 3 AND"
                     " u.valid_from = '2025-07-01' WHERE t.kind NOT"
                     " LIKE 'assign%%' AND t.state = 'open'") +
            steps_q(&st, "SELECT count(*) FROM tasks WHERE kind NOT"
                         " LIKE 'assign%%' AND unit_code = '37'"),
        steps_q(&st, "SELECT count(*) FROM tasks WHERE kind NOT"
                     " LIKE 'assign%%'"));
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM dossier_events WHERE"
                                  " action = 'reorganise'"),
                     2);
    /* Accounts. */
    users_v = steps_q(&st, "SELECT sum(version) FROM users");
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM users WHERE username ="
                                  " 'province.officer' AND area_code = '37'"),
                     1);
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM users WHERE username ="
                                  " 'xa13294.canbo' AND area_code = '13285'"),
                     1);
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM users WHERE username LIKE"
                             " 'district.347.%%' AND role = 'auditor' AND"
                             " area_code = '347'"),
                     2);
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM tasks WHERE kind ="
                             " 'assign_user' AND state = 'open' AND unit_code"
                             " = '37'"),
                     2);
    /* A second run changes nothing. */
    residences = steps_q(&st, "SELECT count(*) FROM residences");
    j = steps_call(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise", 200,
                   "{\"to\":\"2025-07-01\"}");
    assert_false(json_is_true(steps_jget(j, "first_run")));
    assert_int_equal(json_integer_value(steps_jget(j, "residences_moved")), 0);
    assert_int_equal(json_integer_value(steps_jget(j, "assignment_tasks")), 0);
    assert_int_equal(json_integer_value(steps_jget(j, "households_moved")), 0);
    assert_int_equal(json_integer_value(steps_jget(j, "dossiers_moved")), 0);
    assert_int_equal(json_integer_value(steps_jget(j, "dossiers_carried")), 0);
    assert_int_equal(json_integer_value(steps_jget(j, "tasks_moved")), 0);
    assert_int_equal(json_integer_value(steps_jget(j, "users_changed")), 0);
    json_decref(j);
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM residences"),
                     residences);
    assert_int_equal(steps_q(&st, "SELECT sum(version) FROM users"), users_v);
    steps_audit_verifies(&st);
}

/* History: on 2025-06-30 the figures are Hà Nam's and its districts'. */
static void test_old_months_keep_old_units_s10_3(void **state)
{
    json_t *j, *by;

    (void)state;
    steps_start(&st, "2025-07-15", users, NUSERS, DEMO_PASSWORD);
    j = steps_call(&st, S(ADMIN), "GET",
                   "/api/v1/reports/summary?date=2025-06-30", 200, NULL);
    by = steps_jget(j, "by_unit");
    assert_int_equal(json_integer_value(steps_jget(by, "35.beneficiaries")),
                     n_demo);
    assert_null(json_object_get(by, "37"));
    json_decref(j);
    j = steps_call(&st, S(ADMIN), "GET",
                   "/api/v1/reports/summary?date=2025-06-30&unit=35", 200,
                   NULL);
    assert_int_equal(json_integer_value(steps_jget(j, "beneficiaries")),
                     n_demo);
    assert_non_null(json_object_get(steps_jget(j, "by_unit"), "347"));
    json_decref(j);
    /* The former district officer reads (as an auditor of 347) and
     * writes nothing. */
    j = steps_call(&st, S(D_OFF), "GET", "/api/v1/audit?entity=dossier", 200,
                   NULL);
    json_decref(j);
    steps_refused(&st, S(D_OFF), "POST", "/api/v1/dossiers",
                  "{\"person_id\":1,\"kind\":\"grant\"}", 403, "forbidden",
                  NULL);
}

/* The province officer assigns; the next payroll pays whom June's paid. */
static void test_assignments_and_the_next_payroll_s6_5(void **state)
{
    char path[64], body[256];
    int64_t june, july, open, id, person;
    json_t *j, *t, *items;
    size_t i;

    (void)state;
    steps_start(&st, "2025-07-15", users, NUSERS, DEMO_PASSWORD);
    /* June in Hà Nam (35); July in Ninh Bình (37), the persons still
     * waiting for their commune aside. Nobody's status changes on
     * 2025-07-01 in the demo. */
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM beneficiary_status WHERE"
                             " valid_from = '2025-07-01'"),
                     0);
    j = steps_call(&st, S(ADMIN), "GET",
                   "/api/v1/reports/summary?date=2025-06-30&unit=35", 200,
                   NULL);
    june = json_integer_value(json_object_get(
        json_array_get(steps_jget(j, "money.months"), 11), "persons"));
    json_decref(j);
    /* A commune officer does not see the province's assignments. */
    j = steps_call(&st, S(C_OFF), "GET", "/api/v1/tasks?kind=assign_commune",
                   200, NULL);
    assert_int_equal(json_integer_value(steps_jget(j, "total")), 0);
    json_decref(j);
    /* The province officer (37 now): resolve them all, candidates only. */
    for (;;) {
        j = steps_call(&st, S(PROV), "GET",
                       "/api/v1/tasks?kind=assign_commune&state=open&"
                       "per_page=100",
                       200, NULL);
        items = steps_jget(j, "items");
        if (json_array_size(items) == 0) {
            json_decref(j);
            break;
        }
        json_array_foreach(items, i, t)
        {
            const char *pick = steps_js(
                json_array_get(steps_jget(t, "candidates"), i % 2), "code");

            id = json_integer_value(steps_jget(t, "id"));
            person = json_integer_value(steps_jget(t, "person.id"));
            snprintf(path, sizeof path, "/api/v1/tasks/%lld/done",
                     (long long)id);
            if (i == 0) {
                steps_refused(&st, S(PROV), "POST", path,
                              "{\"version\":1,\"note\":\"x\",\"unit_code\":"
                              "\"13291\"}",
                              400, "invalid_unit", "unit_code");
                steps_refused(&st, S(PROV), "POST", path,
                              "{\"version\":1,\"note\":\"x\"}", 400,
                              "missing_field", "unit_code");
                steps_refused(&st, S(C_OFF), "POST", path,
                              "{\"version\":1,\"note\":\"x\",\"unit_code\":"
                              "\"13285\"}",
                              404, "not_found", NULL);
            }
            if (pick[0] == '\0')
                pick = steps_js(json_array_get(steps_jget(t, "candidates"), 0),
                                "code");
            snprintf(body, sizeof body,
                     "{\"version\":%lld,\"note\":\"Theo địa chỉ tổ dân phố\","
                     "\"unit_code\":\"%s\"}",
                     (long long)json_integer_value(steps_jget(t, "version")),
                     pick);
            json_decref(
                steps_call(&st, S(PROV), "POST", path, 200, "%s", body));
            assert_int_equal(steps_q(&st,
                                     "SELECT count(*) FROM residences WHERE"
                                     " person_id = %lld AND unit_code = '%s'"
                                     " AND valid_from = '2025-07-01'",
                                     (long long)person, pick),
                             1);
        }
        json_decref(j);
    }
    /* The split commune's dossier followed its person. */
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM dossiers d JOIN residences"
                             " r ON r.person_id = d.person_id AND r.valid_from"
                             " = '2025-07-01' AND r.unit_code = d.unit_code"
                             " WHERE d.id = %lld",
                             (long long)d_split),
                     1);
    open = steps_q(&st, "SELECT count(*) FROM tasks WHERE kind ="
                        " 'assign_commune' AND state = 'open'");
    assert_int_equal(open, 0);
    j = steps_call(&st, S(ADMIN), "GET",
                   "/api/v1/reports/summary?date=2025-07-31&unit=37", 200,
                   NULL);
    july = json_integer_value(json_object_get(
        json_array_get(steps_jget(j, "money.months"), 11), "persons"));
    json_decref(j);
    /* No gap, no double: the same persons are paid. */
    assert_int_equal(july, june);
    /* An administrator decides a split commune's account: its task
     * closes. */
    id = steps_q(&st, "SELECT id FROM users WHERE username ="
                      " 'commune.13285.chairman'");
    snprintf(path, sizeof path, "/api/v1/users/%lld", (long long)id);
    json_decref(steps_call(
        &st, S(ADMIN), "PATCH", path, 200,
        "{\"version\":%lld,\"area_code\":"
        "\"13366\"}",
        (long long)steps_q(&st, "SELECT version FROM users WHERE id = %lld",
                           (long long)id)));
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM tasks WHERE kind ="
                             " 'assign_user' AND user_id = %lld AND state ="
                             " 'done'",
                             (long long)id),
                     1);
    steps_audit_verifies(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_before_the_reform),
        cmocka_unit_test(test_the_operation_s6_5_s10_3),
        cmocka_unit_test(test_old_months_keep_old_units_s10_3),
        cmocka_unit_test(test_assignments_and_the_next_payroll_s6_5),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
