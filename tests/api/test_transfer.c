/* test_transfer.c: transfers of residence (RULES.md §6.3, §2.6) on the
 * real binary, both engines, through the dossier engine: the old place's
 * stop for a move names the destination; signed, it terminates from the
 * month after its own month and opens the transfer dossier there; the new
 * place's grant takes over from that month in one transaction (status,
 * memberships, residence, household, payment).
 *
 * For each move the payroll of both places (the reports summary, the
 * rules engine over the memberships of each month, the place being the
 * residence on the month's first day) proves that every month around the
 * move is paid by exactly one place, the amount the rules engine gives
 * for the person (app_quote_run): no gap month, no double month.
 *   - across 2025-07-01: a stop signed in June 2025 by the district
 *     chairman (three tiers), the transfer dossier carried into the
 *     two-tier procedure by the reorganisation, the grant signed in July
 *     by the new commune's chairman;
 *   - within Ninh Bình (37) after the reform, the grant signed a month
 *     late (arrears);
 *   - between provinces (Ninh Bình to Hà Nội) in 2026.
 * Bad inputs are 4xx with the field and change nothing; the transfer
 * dossier is the new commune's (404 for the old); the audit chain
 * verifies after each scenario.
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
#include "app/registry.h"
#include "app/scope.h"
#include "store/db.h"

#define PASSWORD "mật-khẩu-chuyển-1"

static struct steps st;

enum {
    OFF_13291,
    CH_13291,
    DOFF_347,
    DCH_347,
    OFF_13327,
    OFF_13330,
    CH_13330,
    OFF_13285,
    CH_13285,
    OFF_13366,
    CH_13366,
    OFF_13384,
    CH_13384,
    OFF_00004,
    CH_00004,
    ADMIN,
    SUPERVISOR,
    NUSERS
};

static struct steps_user users[NUSERS] = {
    [OFF_13291] = {"xa13291.canbo", "commune_officer", "13291", {{0}}},
    [CH_13291] = {"xa13291.chutich", "commune_chairman", "13291", {{0}}},
    [DOFF_347] = {"huyen347.canbo", "district_officer", "347", {{0}}},
    [DCH_347] = {"huyen347.chutich", "district_chairman", "347", {{0}}},
    [OFF_13327] = {"xa13327.canbo", "commune_officer", "13327", {{0}}},
    [OFF_13330] = {"xa13330.canbo", "commune_officer", "13330", {{0}}},
    [CH_13330] = {"xa13330.chutich", "commune_chairman", "13330", {{0}}},
    [OFF_13285] = {"xa13285.canbo", "commune_officer", "13285", {{0}}},
    [CH_13285] = {"xa13285.chutich", "commune_chairman", "13285", {{0}}},
    [OFF_13366] = {"xa13366.canbo", "commune_officer", "13366", {{0}}},
    [CH_13366] = {"xa13366.chutich", "commune_chairman", "13366", {{0}}},
    [OFF_13384] = {"xa13384.canbo", "commune_officer", "13384", {{0}}},
    [CH_13384] = {"xa13384.chutich", "commune_chairman", "13384", {{0}}},
    [OFF_00004] = {"xa00004.canbo", "commune_officer", "00004", {{0}}},
    [CH_00004] = {"xa00004.chutich", "commune_chairman", "00004", {{0}}},
    [ADMIN] = {"quantri", "admin", "", {{0}}},
    [SUPERVISOR] = {"giamsat", "supervisor", "", {{0}}},
};

#define S(u) (&users[u].s)

static int64_t p_june, p_within, p_away;

static int group_setup(void **state)
{
    (void)state;
    /* The fixture's dates are in the past of this clock. */
    setenv("ANSINH_TODAY", "2026-12-31", 1);
    if (steps_open(&st, users, NUSERS, PASSWORD) != 0)
        return -1;
    p_june = steps_beneficiary(&st, "Nguyễn Văn Chuyển", "1940-03-15", "M",
                               "13291", "2025-01-01", "K5c", "2025-01-01");
    p_within = steps_beneficiary(&st, "Trần Thị Tỉnh", "1960-05-05", "F",
                                 "13285", "2025-07-01", "K6", "2025-07-01");
    p_away = steps_beneficiary(&st, "Lê Văn Liên", "2015-02-02", "M", "13384",
                               "2025-07-01", "K1b", "2025-07-01");
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    steps_stop(&st);
    db_close(st.db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    steps_stop(&st);
    return 0;
}

/* What the rules engine pays person `who` (born `birth`, categories
 * `cats`, K6 severe) for month m: the amount each place must show. */
static int64_t quoted(const char *birth, const char *cats, const char *m)
{
    struct app_quote_err err;
    char req[256], *out = NULL;
    size_t len = 0;
    json_t *j;
    int64_t total;

    snprintf(req, sizeof req,
             "{\"month\":\"%s\",\"person\":{\"birth_date\":\"%s\"%s},"
             "\"categories\":[%s]}",
             m, birth, strstr(cats, "K6") ? ",\"disability\":\"severe\"" : "",
             cats);
    if (app_quote_run(req, strlen(req), &out, &len, &err) != APP_QUOTE_OK)
        fail_msg("quote %s: %s", req, err.message);
    j = json_loads(out, 0, NULL);
    total = json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    free(out);
    return total;
}

/* The money of unit's payroll for the 12 months up to `date` (the reports
 * summary, read by a supervisor: aggregates only). */
static json_t *payroll(const char *unit, const char *date)
{
    char path[128];
    json_t *j, *m;

    snprintf(path, sizeof path, "/api/v1/reports/summary?date=%s&unit=%s", date,
             unit);
    j = steps_call(&st, S(SUPERVISOR), "GET", path, 200, NULL);
    m = json_incref(steps_jget(j, "money.months"));
    json_decref(j);
    assert_int_equal(json_array_size(m), 12);
    return m;
}

static int64_t month_amount(json_t *months, const char *m)
{
    size_t i;
    json_t *x;

    json_array_foreach(months, i, x)
    {
        if (strcmp(steps_js(x, "month"), m) == 0)
            return json_integer_value(json_object_get(x, "amount"));
    }
    fail_msg("month %s not in the payroll", m);
    return -1;
}

/* Every month of [from, to] is paid by exactly one of old and new (both
 * as of `date`): old before `first_new`, new from it, each the full
 * amount the rules engine gives; the person is the only one of either
 * payroll. */
static void exactly_one_payer(const char *old, const char *new_,
                              const char *date, const char *from,
                              const char *to, const char *first_new,
                              const char *birth, const char *cats)
{
    json_t *a = payroll(old, date), *b = payroll(new_, date);
    struct month m, end, switch_m;

    assert_int_equal(month_parse_iso(from, 7, &m), DATE_OK);
    assert_int_equal(month_parse_iso(to, 7, &end), DATE_OK);
    assert_int_equal(month_parse_iso(first_new, 7, &switch_m), DATE_OK);
    for (; month_cmp(m, end) <= 0; m = month_add(m, 1)) {
        char mm[8];
        int64_t want, pa, pb;
        int new_pays = month_cmp(m, switch_m) >= 0;

        month_format_iso(m, mm);
        want = quoted(birth, cats, mm);
        pa = month_amount(a, mm);
        pb = month_amount(b, mm);
        assert_true(want > 0);
        if (pa + pb != want || (new_pays ? pa : pb) != 0)
            fail_msg("%s: %s pays %lld, %s pays %lld; the rules engine gives "
                     "%lld, from %s only %s",
                     mm, old, (long long)pa, new_, (long long)pb,
                     (long long)want, first_new, new_);
    }
    json_decref(a);
    json_decref(b);
}

/* The transfer dossier opened by the stop decision of dossier stop. */
static int64_t transfer_of(int64_t stop)
{
    return steps_q(&st,
                   "SELECT d.id FROM dossiers d JOIN decisions x ON x.id ="
                   " d.stop_decision_id WHERE x.dossier_id = %lld",
                   (long long)stop);
}

static void expect_record(int64_t person, const char *status, const char *since)
{
    char path[64];
    json_t *j;

    snprintf(path, sizeof path, "/api/v1/persons/%lld", (long long)person);
    j = steps_call(&st, S(ADMIN), "GET", path, 200, NULL);
    if (strcmp(steps_js(j, "beneficiary.status"), status) != 0 ||
        strcmp(steps_js(j, "beneficiary.since"), since) != 0)
        fail_msg("person %lld: %s since %s, want %s since %s",
                 (long long)person, steps_js(j, "beneficiary.status"),
                 steps_js(j, "beneficiary.since"), status, since);
    json_decref(j);
}

/* The commune of person's residence on day. */
static void expect_residence(int64_t person, const char *day, const char *unit)
{
    if (steps_q(&st,
                "SELECT count(*) FROM residences WHERE person_id = %lld AND"
                " unit_code = '%s' AND valid_from <= '%s' AND (valid_to IS"
                " NULL OR valid_to > '%s')",
                (long long)person, unit, day, day) != 1)
        fail_msg("person %lld does not live in %s on %s", (long long)person,
                 unit, day);
}

/* A stop for a move across 2025-07-01 (RULES.md §6.2 -> §6.5, §6.3). */
static void test_across_the_reform_s6_3(void **state)
{
    char body[512], path[64];
    int64_t stop, tr, stop_x;
    json_t *j;

    (void)state;
    steps_start(&st, "2025-06-30", users, NUSERS, PASSWORD);
    /* Bad destinations: 400 on to_unit, nothing written. */
    snprintf(body, sizeof body,
             "{\"person_id\":%lld,\"kind\":\"stop\",\"submitted_on\":"
             "\"2025-06-10\",\"proposed\":\"terminate\",\"ground\":\"moved\","
             "\"event_on\":\"2025-05-20\",\"to_unit\":\"%%s\"}",
             (long long)p_june);
    {
        static const char *const bad[] = {"1234", "99999", "13291", "1329a"};
        char b[512];
        size_t i;

        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
            snprintf(b, sizeof b, body, bad[i]);
            steps_refused(&st, S(OFF_13291), "POST", "/api/v1/dossiers", b, 400,
                          "invalid_unit", "to_unit");
        }
    }
    snprintf(body, sizeof body,
             "{\"person_id\":%lld,\"kind\":\"stop\",\"submitted_on\":"
             "\"2025-06-10\",\"proposed\":\"terminate\",\"ground\":\"death\","
             "\"event_on\":\"2025-05-20\",\"to_unit\":\"13327\"}",
             (long long)p_june);
    steps_refused(&st, S(OFF_13291), "POST", "/api/v1/dossiers", body, 400,
                  "unexpected_field", "to_unit");
    assert_int_equal(steps_q(&st, "SELECT count(*) FROM dossiers"), 0);

    /* The old place: the person moved in May; the district chairman
     * signs the stop on 16/06: it takes effect from July. */
    stop = steps_submit(&st, S(OFF_13291), p_june,
                        "\"kind\":\"stop\",\"submitted_on\":\"2025-06-10\","
                        "\"proposed\":\"terminate\",\"ground\":\"moved\","
                        "\"event_on\":\"2025-05-20\",\"to_unit\":\"13327\","
                        "\"to_address\":\"Thôn 4\"");
    steps_act(&st, S(CH_13291), stop, "forward", "2025-06-11");
    steps_act(&st, S(DOFF_347), stop, "appraise", "2025-06-12");
    j = steps_sign(&st, S(DCH_347), stop, "90/QĐ-UBND", "2025-06-16");
    assert_string_equal(steps_js(j, "decision.kind"), "terminate");
    assert_string_equal(steps_js(j, "decision.effective_month"), "2025-07");
    stop_x = json_integer_value(steps_jget(j, "decision.id"));
    json_decref(j);
    expect_record(p_june, "terminated", "2025-07-01");
    /* ... and sent the file to the new commune: a transfer dossier there,
     * under the three-tier procedure of its day. */
    tr = transfer_of(stop);
    assert_true(tr > 0);
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld", (long long)tr);
    j = steps_call(&st, S(OFF_13327), "GET", path, 200, NULL);
    assert_string_equal(steps_js(j, "dossier.procedure.id"), "transfer_2021");
    assert_string_equal(steps_js(j, "dossier.step.code"), "confirm");
    assert_string_equal(steps_js(j, "dossier.unit_code"), "13327");
    assert_int_equal(
        json_integer_value(steps_jget(j, "dossier.move.stop_decision_id")),
        stop_x);
    json_decref(j);
    /* Not the old commune's, nor its district's. */
    steps_refused(&st, S(OFF_13291), "GET", path, NULL, 404, "not_found", NULL);
    steps_refused(&st, S(DOFF_347), "GET", path, NULL, 404, "not_found", NULL);

    /* 01/07/2025: the reorganisation carries the open dossier into the
     * two-tier procedure (13327 Mộc Hoàn -> 13330 Duy Tân, full). */
    steps_start(&st, "2025-07-31", users, NUSERS, PASSWORD);
    j = steps_call(&st, S(ADMIN), "POST", "/api/v1/admin/reorganise", 200,
                   "{\"to\":\"2025-07-01\"}");
    assert_true(json_integer_value(steps_jget(j, "dossiers_carried")) >= 1);
    json_decref(j);
    j = steps_call(&st, S(OFF_13330), "GET", path, 200, NULL);
    assert_string_equal(steps_js(j, "dossier.procedure.id"), "transfer_2025");
    assert_string_equal(steps_js(j, "dossier.step.code"), "review");
    assert_string_equal(steps_js(j, "dossier.unit_code"), "13330");
    json_decref(j);
    /* The new commune's chairman signs in July: from July. */
    steps_act(&st, S(OFF_13330), tr, "propose", "2025-07-11");
    j = steps_sign(&st, S(CH_13330), tr, "12/QĐ-UBND", "2025-07-15");
    assert_string_equal(steps_js(j, "decision.kind"), "grant");
    assert_string_equal(steps_js(j, "decision.effective_month"), "2025-07");
    json_decref(j);
    expect_record(p_june, "enrolled", "2025-07-01");
    /* No month without a status: two enrolled periods, back to back. */
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM beneficiary_status WHERE"
                             " person_id = %lld AND status <> 'enrolled'",
                             (long long)p_june),
                     0);
    expect_residence(p_june, "2025-06-30", "13291");
    expect_residence(p_june, "2025-07-01", "13330");
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM payment_arrangements WHERE"
                             " person_id = %lld AND valid_from = '2025-07-01'"
                             " AND valid_to IS NULL AND point_name ="
                             " 'Trụ sở UBND phường Duy Tân'",
                             (long long)p_june),
                     1);
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM memberships WHERE person_id"
                             " = %lld AND category = 'K5c' AND valid_from ="
                             " '2025-07-01' AND valid_to IS NULL",
                             (long long)p_june),
                     1);
    /* Old 13291 (Lê Hồng Phong, then Phù Vân) pays until June, 13330
     * (Châu Giang, then Duy Tân) from July: never both, never neither. */
    exactly_one_payer("13291", "13330", "2025-10-31", "2025-03", "2025-10",
                      "2025-07", "1940-03-15", "\"K5c\"");
    steps_audit_verifies(&st);
}

/* Within Ninh Bình after the reform; the grant signed a month late: the
 * new place pays October as arrears, and still no month twice. */
static void test_within_the_province_s6_3(void **state)
{
    int64_t stop, tr;
    json_t *j;

    (void)state;
    steps_start(&st, "2026-03-31", users, NUSERS, PASSWORD);
    stop = steps_submit(&st, S(OFF_13285), p_within,
                        "\"kind\":\"stop\",\"submitted_on\":\"2025-09-10\","
                        "\"proposed\":\"terminate\",\"ground\":\"moved\","
                        "\"event_on\":\"2025-09-01\",\"to_unit\":\"13366\","
                        "\"to_address\":\"Tổ dân phố 7\"");
    steps_act(&st, S(OFF_13285), stop, "propose", "2025-09-11");
    j = steps_sign(&st, S(CH_13285), stop, "31/QĐ-UBND", "2025-09-12");
    assert_string_equal(steps_js(j, "decision.effective_month"), "2025-10");
    json_decref(j);
    tr = transfer_of(stop);
    steps_act(&st, S(OFF_13366), tr, "propose", "2025-10-20");
    /* Only the new commune's chairman signs (403 for the old one's). */
    {
        char body[256];

        snprintf(body, sizeof body,
                 "{\"dossier_id\":%lld,\"version\":%lld,\"number\":\"8/QĐ\","
                 "\"signed_on\":\"2025-11-03\"}",
                 (long long)tr,
                 (long long)steps_q(&st,
                                    "SELECT version FROM dossiers WHERE id ="
                                    " %lld",
                                    (long long)tr));
        steps_refused(&st, S(CH_13285), "POST", "/api/v1/decisions", body, 404,
                      "not_found", NULL);
    }
    j = steps_sign(&st, S(CH_13366), tr, "7/QĐ-UBND", "2025-11-03");
    assert_string_equal(steps_js(j, "decision.effective_month"), "2025-10");
    json_decref(j);
    expect_record(p_within, "enrolled", "2025-10-01");
    expect_residence(p_within, "2025-09-30", "13285");
    expect_residence(p_within, "2025-10-01", "13366");
    exactly_one_payer("13285", "13366", "2026-02-28", "2025-07", "2026-02",
                      "2025-10", "1960-05-05", "\"K6\"");
    steps_audit_verifies(&st);
}

/* Between provinces: Ninh Bình (37) to Hà Nội (01). */
static void test_between_provinces_s6_3(void **state)
{
    int64_t stop, tr;
    char path[64];
    json_t *j, *hanoi;
    struct month m;

    (void)state;
    steps_start(&st, "2026-03-31", users, NUSERS, PASSWORD);
    stop = steps_submit(&st, S(OFF_13384), p_away,
                        "\"kind\":\"stop\",\"submitted_on\":\"2026-01-20\","
                        "\"proposed\":\"terminate\",\"ground\":\"moved\","
                        "\"event_on\":\"2026-01-15\",\"to_unit\":\"00004\"");
    steps_act(&st, S(OFF_13384), stop, "propose", "2026-01-21");
    j = steps_sign(&st, S(CH_13384), stop, "3/QĐ-UBND", "2026-02-10");
    assert_string_equal(steps_js(j, "decision.effective_month"), "2026-03");
    json_decref(j);
    tr = transfer_of(stop);
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld", (long long)tr);
    steps_refused(&st, S(OFF_13384), "GET", path, NULL, 404, "not_found", NULL);
    j = steps_call(&st, S(OFF_00004), "GET", path, 200, NULL);
    assert_string_equal(steps_js(j, "dossier.procedure.id"), "transfer_2025");
    json_decref(j);
    steps_act(&st, S(OFF_00004), tr, "propose", "2026-02-20");
    j = steps_sign(&st, S(CH_00004), tr, "15/QĐ-UBND", "2026-03-05");
    assert_string_equal(steps_js(j, "decision.effective_month"), "2026-03");
    json_decref(j);
    expect_residence(p_away, "2026-02-28", "13384");
    expect_residence(p_away, "2026-03-01", "00004");
    exactly_one_payer("13384", "00004", "2026-03-31", "2025-10", "2026-03",
                      "2026-03", "2015-02-02", "\"K1b\"");
    /* The province level agrees: Hà Nội (01) pays nobody of the fixture
     * before March, this child from March. */
    hanoi = payroll("01", "2026-03-31");
    for (m = (struct month){2025, 10};
         month_cmp(m, (struct month){2026, 3}) <= 0; m = month_add(m, 1)) {
        char mm[8];

        month_format_iso(m, mm);
        assert_int_equal(month_amount(hanoi, mm),
                         m.m == 3 ? quoted("2015-02-02", "\"K1b\"", mm) : 0);
    }
    json_decref(hanoi);
    steps_audit_verifies(&st);
}

/* A take-over needs the stop's termination as it was: if the old place
 * changed the record since (re-enrolled the person), the new place's
 * signature is refused (409) and nothing is written. */
static void test_takeover_refused_when_record_changed_s6_3(void **state)
{
    static const struct app_scope everywhere = {APP_SCOPE_NATIONAL, ""};
    struct app_status_input in;
    struct app_reg_err err;
    int64_t p, stop, tr, version;
    char body[256];

    (void)state;
    p = steps_beneficiary(&st, "Phạm Văn Quay Lại", "1945-01-01", "M", "13285",
                          "2025-07-01", "K5c", "2025-07-01");
    steps_start(&st, "2026-03-31", users, NUSERS, PASSWORD);
    stop = steps_submit(&st, S(OFF_13285), p,
                        "\"kind\":\"stop\",\"submitted_on\":\"2025-11-03\","
                        "\"proposed\":\"terminate\",\"ground\":\"moved\","
                        "\"event_on\":\"2025-11-01\",\"to_unit\":\"13366\"");
    steps_act(&st, S(OFF_13285), stop, "propose", "2025-11-04");
    json_decref(steps_sign(&st, S(CH_13285), stop, "40/QĐ-UBND", "2025-11-05"));
    tr = transfer_of(stop);
    steps_act(&st, S(OFF_13366), tr, "propose", "2025-11-10");
    /* The old place enrols the person again from January. */
    version = steps_q(&st,
                      "SELECT version FROM beneficiaries WHERE person_id = "
                      "%lld",
                      (long long)p);
    memset(&in, 0, sizeof in);
    in.version = version;
    in.status = "enrolled";
    in.valid_from = "2026-01-01";
    assert_int_equal(
        app_beneficiary_status(st.db, &everywhere, "test", p, &in, NULL, &err),
        APP_REG_OK);
    snprintf(body, sizeof body,
             "{\"dossier_id\":%lld,\"version\":%lld,\"number\":\"9/QĐ-UBND\","
             "\"signed_on\":\"2026-01-10\"}",
             (long long)tr,
             (long long)steps_q(&st,
                                "SELECT version FROM dossiers WHERE id = "
                                "%lld",
                                (long long)tr));
    steps_refused(&st, S(CH_13366), "POST", "/api/v1/decisions", body, 409,
                  "registry_refused", NULL);
    assert_int_equal(steps_q(&st,
                             "SELECT count(*) FROM decisions WHERE"
                             " dossier_id = %lld",
                             (long long)tr),
                     0);
    expect_residence(p, "2026-02-01", "13285");
    steps_audit_verifies(&st);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_across_the_reform_s6_3, teardown),
        cmocka_unit_test_teardown(test_within_the_province_s6_3, teardown),
        cmocka_unit_test_teardown(test_between_provinces_s6_3, teardown),
        cmocka_unit_test_teardown(
            test_takeover_refused_when_record_changed_s6_3, teardown),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
