/* test_rules_known.c: the law as known on a day (rules.h known_on, the
 * known_from column of docs/rules.md). Decree 335/2026 was signed on
 * 2026-08-21 and sets 540,000 from 2026-07-01 (RULES.md §2.1, §14): a
 * payroll prepared before the signing pays July and August 2026 on the
 * 500,000 level, one prepared after computes 540,000 for those months,
 * and the difference is paid as arrears.
 */
#include "rules_fixture.h"

/* The total of a K6 especially severe adult (coefficient 2.0, §2.3) born
 * in 1980, for month, as known on day ("" = as known now). */
static int64_t k6_total(const struct rules *r, const char *month,
                        const char *day)
{
    struct rules_request q;
    struct rules_result *res;
    int64_t total;

    fx_req(&q, month, "1980-05-05", "K6");
    q.disability = RULES_DIS_ESPECIALLY_SEVERE;
    if (day[0] != '\0')
        q.known_on = fx_date(day);
    res = fx_compute(r, &q);
    total = res->total;
    free(res);
    return total;
}

/* §2.1: before 2026-08-21 the July and August 2026 level is 500,000. */
static void test_rules_2_1_level_before_decree_335_is_known(void **s)
{
    struct rules *r = fx_rules(0);

    (void)s;
    assert_int_equal(k6_total(r, "2026-07", "2026-06-20"), 1000000);
    assert_int_equal(k6_total(r, "2026-08", "2026-07-20"), 1000000);
    assert_int_equal(k6_total(r, "2026-08", "2026-08-20"), 1000000);
    /* Far ahead, still 500,000 while 335/2026 is unknown. */
    assert_int_equal(k6_total(r, "2027-03", "2026-08-20"), 1000000);
    rules_free(r);
}

/* §2.1, §14: from the signing day, 540,000 from 2026-07-01 (arrears). */
static void test_rules_2_1_level_after_decree_335_is_retroactive(void **s)
{
    struct rules *r = fx_rules(0);

    (void)s;
    assert_int_equal(k6_total(r, "2026-07", "2026-08-21"), 1080000);
    assert_int_equal(k6_total(r, "2026-08", "2026-09-20"), 1080000);
    assert_int_equal(k6_total(r, "2026-07", ""), 1080000);
    /* Earlier months never change. */
    assert_int_equal(k6_total(r, "2026-06", "2026-08-21"), 1000000);
    assert_int_equal(k6_total(r, "2024-06", "2026-08-21"), 720000);
    assert_int_equal(k6_total(r, "2024-07", "2024-06-01"), 1000000);
    rules_free(r);
}

/* The standard level reported with a result follows the same knowledge. */
static void test_rules_2_1_level_basis_follows_knowledge(void **s)
{
    struct rules *r = fx_rules(0);
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2026-07", "1940-01-01", "K5c");
    q.known_on = fx_date("2026-08-01");
    res = fx_compute(r, &q);
    assert_int_equal(res->standard_level, 500000);
    assert_non_null(strstr(res->level_basis, "76/2024"));
    assert_int_equal(res->total, 500000);
    free(res);
    q.known_on = fx_date("2026-08-21");
    res = fx_compute(r, &q);
    assert_int_equal(res->standard_level, 540000);
    assert_non_null(strstr(res->level_basis, "335/2026"));
    assert_int_equal(res->total, 540000);
    free(res);
    rules_free(r);
}

/* An impossible known_on is an input error on that field. */
static void test_known_on_checked(void **s)
{
    struct rules *r = fx_rules(0);
    struct rules_request q;
    struct rules_result *res = malloc(sizeof *res);
    struct rules_err err;

    (void)s;
    assert_non_null(res);
    fx_req(&q, "2026-07", "1940-01-01", "K5c");
    q.known_on.y = 2026;
    q.known_on.m = 2;
    q.known_on.d = 30;
    assert_int_equal(rules_compute(r, &q, res, &err), RULES_EINPUT);
    assert_string_equal(err.field, "known_on");
    free(res);
    rules_free(r);
}

#define H                                                                      \
    "kind,key,value,from,to,instrument,article,confidence,rules_ref,"          \
    "known_from\n"
#define L360                                                                   \
    "level,standard,360000,2021-07-01,2022-01-01,NĐ 1,Đ 1,confirmed,"        \
    "RULES.md §2.1,\n"

static void load_refused(const char *csv, const char *part)
{
    struct rules *r = rules_new();
    struct rules_err err;
    int rc;

    memset(&err, 0, sizeof err);
    rc = rules_load(r, "k.csv", csv, strlen(csv), 0, &err);
    if (rc == RULES_OK)
        rc = rules_finish(r, &err);
    if (rc == RULES_OK || strstr(err.message, part) == NULL)
        fail_msg("rc %d \"%s\"; want \"%s\"", rc, err.message, part);
    rules_free(r);
}

/* The loader refuses a known_from that is not a day after `from`, and
 * two rows known later that would both replace one. */
static void test_known_from_refused(void **s)
{
    (void)s;
    load_refused(H L360 "level,standard,400000,2022-01-01,,NĐ 2,Đ 1,"
                        "confirmed,RULES.md §2.1,2022-13-01\n",
                 "known_from: không phải ngày");
    load_refused(H L360 "level,standard,400000,2022-01-01,,NĐ 2,Đ 1,"
                        "confirmed,RULES.md §2.1,2022-01-01\n",
                 "known_from phải sau");
    load_refused(H L360 "level,standard,400000,2022-01-01,2023-01-01,NĐ 2,"
                        "Đ 1,confirmed,RULES.md §2.1,2022-03-01\n"
                        "level,standard,400000,2022-01-01,2023-01-01,NĐ 3,"
                        "Đ 1,confirmed,RULES.md §2.1,2022-04-01\n",
                 "trùng thời gian");
}

/* A small set: 360,000, then 400,000 from 2022-01 decreed on 2022-02-10,
 * then 450,000 from 2023-01 known in advance. */
static void test_shadow_ends_where_the_successor_ends(void **s)
{
    static const char csv[] =
        H L360 "level,standard,400000,2022-01-01,2023-01-01,NĐ 2,Đ 1,"
               "confirmed,RULES.md §2.1,2022-02-10\n"
               "level,standard,450000,2023-01-01,,NĐ 3,Đ 1,confirmed,"
               "RULES.md §2.1,\n"
               "coeff,K5c,1,2021-07-01,,NĐ 1,Đ 6,confirmed,RULES.md §2.3,\n";
    struct rules *r = rules_new();
    struct rules_err err;
    struct rules_request q;
    struct rules_result *res;
    static const struct {
        const char *month, *day;
        int64_t level;
    } cases[] = {
        {"2022-01", "2022-01-15", 360000}, {"2022-01", "2022-02-10", 400000},
        {"2022-06", "2022-02-09", 360000}, {"2022-12", "2022-02-09", 360000},
        {"2023-01", "2022-02-09", 450000}, {"2023-01", "2021-12-01", 450000},
        {"2021-12", "2022-03-01", 360000},
    };
    size_t i;

    (void)s;
    assert_int_equal(rules_load(r, "k.csv", csv, strlen(csv), 0, &err),
                     RULES_OK);
    assert_int_equal(rules_finish(r, &err), RULES_OK);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fx_req(&q, cases[i].month, "1930-01-01", "K5c");
        q.known_on = fx_date(cases[i].day);
        res = fx_compute(r, &q);
        if (res->standard_level != cases[i].level)
            fail_msg("%s as known on %s: %lld, want %lld", cases[i].month,
                     cases[i].day, (long long)res->standard_level,
                     (long long)cases[i].level);
        free(res);
    }
    rules_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_2_1_level_before_decree_335_is_known),
        cmocka_unit_test(test_rules_2_1_level_after_decree_335_is_retroactive),
        cmocka_unit_test(test_rules_2_1_level_basis_follows_knowledge),
        cmocka_unit_test(test_known_on_checked),
        cmocka_unit_test(test_known_from_refused),
        cmocka_unit_test(test_shadow_ends_where_the_successor_ends),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
