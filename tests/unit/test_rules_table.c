/* test_rules_table.c: every number of RULES.md §2.1, §2.3, §2.8, §3, §4
 * and the §6.6 level, reproduced from the real rule files
 * (rules/national/) at each standard level: 360,000 (months before
 * 07/2024), 500,000 (07/2024-06/2026) and 540,000 (from 07/2026).
 *
 * Test names cite the row: test_s2_3_k6_especially_severe_child_540k is
 * RULES.md §2.3, row "K6 especially severe, child or elderly", @540k.
 */
#include "rules_fixture.h"

static struct rules *R;

static int setup(void **state)
{
    (void)state;
    R = fx_rules(0);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rules_free(R);
    return 0;
}

/* A month in force for each level, and the level. */
#define M360 "2022-06"
#define M500 "2025-06"
#define M540 "2026-11"

/* Birth date of someone who reaches `age` in the middle of month m. */
static void birth_for(const char *m, int age, char out[11])
{
    struct month mm = fx_month(m);
    struct date d = {mm.y - age, mm.m, 15};

    date_format_iso(d, out);
}

/* The person of age `age` in month m with categories cats (disability,
 * studying) gets exactly one paid line of cats' first category with
 * coefficient coeff and amount, and total == amount. */
static void check_monthly(const char *m, const char *cats, int disability,
                          int studying, int age, const char *coeff,
                          int64_t amount, int64_t level)
{
    struct rules_request q;
    struct rules_result *res;
    char birth[11], cat[RULES_CODE_SIZE];

    birth_for(m, age, birth);
    fx_req(&q, m, birth, cats);
    q.disability = disability;
    q.studying = studying;
    snprintf(cat, sizeof cat, "%s", q.categories[0]);
    res = fx_compute(R, &q);
    assert_int_equal(res->standard_level, level);
    assert_int_equal(res->age, age);
    fx_expect_line(res, cat, -1, coeff, amount);
    assert_true(fx_line(res, cat, -1)->paid);
    assert_string_equal(fx_line(res, cat, -1)->rules_ref, "RULES.md §2.3");
    assert_int_equal(res->total, amount);
    free(res);
}

/* One test per §2.3 row per level. */
#define ROW3(name, cats, dis, st, age, coeff, a360, a500, a540)                \
    static void test_s2_3_##name##_360k(void **s)                              \
    {                                                                          \
        (void)s;                                                               \
        check_monthly(M360, cats, dis, st, age, coeff, a360, 360000);          \
    }                                                                          \
    static void test_s2_3_##name##_500k(void **s)                              \
    {                                                                          \
        (void)s;                                                               \
        check_monthly(M500, cats, dis, st, age, coeff, a500, 500000);          \
    }                                                                          \
    static void test_s2_3_##name##_540k(void **s)                              \
    {                                                                          \
        (void)s;                                                               \
        check_monthly(M540, cats, dis, st, age, coeff, a540, 540000);          \
    }

#define NONE RULES_DIS_NONE
#define SEV  RULES_DIS_SEVERE
#define ESEV RULES_DIS_ESPECIALLY_SEVERE

/* RULES.md §2.3, in the table's order. */
ROW3(k1_under_4, "K1b", NONE, 0, 2, "2.5", 900000, 1250000, 1350000)
ROW3(k1_4_and_over, "K1a", NONE, 0, 10, "1.5", 540000, 750000, 810000)
ROW3(k2_16_22_in_education, "K2", NONE, 1, 18, "1.5", 540000, 750000, 810000)
ROW3(k3_under_4, "K3", NONE, 0, 1, "2.5", 900000, 1250000, 1350000)
ROW3(k3_4_to_under_16, "K3", NONE, 0, 9, "2.0", 720000, 1000000, 1080000)
ROW3(k5a_60_to_80, "K5a", NONE, 0, 70, "1.5", 540000, 750000, 810000)
ROW3(k5a_80_and_over, "K5a", NONE, 0, 85, "2.0", 720000, 1000000, 1080000)
ROW3(k5b, "K5b", NONE, 0, 77, "1.0", 360000, 500000, 540000)
ROW3(k5c, "K5c", NONE, 0, 85, "1.0", 360000, 500000, 540000)
ROW3(k5d, "K5d", NONE, 0, 70, "3.0", 1080000, 1500000, 1620000)
ROW3(k6_especially_severe_adult, "K6", ESEV, 0, 30, "2.0", 720000, 1000000,
     1080000)
ROW3(k6_especially_severe_child, "K6", ESEV, 0, 10, "2.5", 900000, 1250000,
     1350000)
ROW3(k6_especially_severe_elderly, "K6", ESEV, 0, 75, "2.5", 900000, 1250000,
     1350000)
ROW3(k6_severe_adult, "K6", SEV, 0, 30, "1.5", 540000, 750000, 810000)
ROW3(k6_severe_child, "K6", SEV, 0, 10, "2.0", 720000, 1000000, 1080000)
ROW3(k6_severe_elderly, "K6", SEV, 0, 70, "2.0", 720000, 1000000, 1080000)
ROW3(k7, "K7", NONE, 0, 1, "1.5", 540000, 750000, 810000)
ROW3(k8, "K8", NONE, 0, 40, "1.5", 540000, 750000, 810000)

/* §2.3 row "K4 per child being raised, 1.0 each": one child aged 5. */
static void check_k4(const char *m, int64_t amount)
{
    struct rules_request q;
    struct rules_result *res;
    char birth[11];

    birth_for(m, 35, birth);
    fx_req(&q, m, birth, "K4");
    birth_for(m, 5, birth);
    fx_child(&q, birth, 0);
    res = fx_compute(R, &q);
    fx_expect_line(res, "K4", 0, "1.0", amount);
    assert_int_equal(res->total, amount);
    free(res);
}

static void test_s2_3_k4_per_child_360k(void **s)
{
    (void)s;
    check_k4(M360, 360000);
}

static void test_s2_3_k4_per_child_500k(void **s)
{
    (void)s;
    check_k4(M500, 500000);
}

static void test_s2_3_k4_per_child_540k(void **s)
{
    (void)s;
    check_k4(M540, 540000);
}

/* §2.1: the standard level of each period, at its first month and at the
 * last month of the period before. */
static void check_level(const char *m, int64_t level, int confidence)
{
    struct rules_request q;
    struct rules_result *res;

    fx_req(&q, m, "1950-01-01", "K5c");
    res = fx_compute(R, &q);
    assert_int_equal(res->standard_level, level);
    assert_int_equal(res->level_confidence, confidence);
    assert_string_equal(res->level_rules_ref, "RULES.md §2.1");
    free(res);
}

static void test_s2_1_level_360k_from_2021_07(void **s)
{
    (void)s;
    check_level("2021-07", 360000, RULES_CONFIRMED);
    check_level("2024-06", 360000, RULES_CONFIRMED);
}

static void test_s2_1_level_500k_from_2024_07_secondary(void **s)
{
    (void)s;
    check_level("2024-07", 500000, RULES_SECONDARY);
    check_level("2026-06", 500000, RULES_SECONDARY);
}

static void test_s2_1_level_540k_from_2026_07_secondary(void **s)
{
    (void)s;
    check_level("2026-07", 540000, RULES_SECONDARY);
    check_level("2030-01", 540000, RULES_SECONDARY);
}

/* §2.3 note: the 540k column is UNVERIFIED except the severe-adult data
 * point (secondary source); before 07/2026 the coefficients are [C]. */
static void test_s2_3_confidence_markers(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, M540, "1990-05-05", "K6");
    q.disability = RULES_DIS_SEVERE;
    res = fx_compute(R, &q);
    assert_int_equal(res->lines[0].confidence, RULES_SECONDARY);
    free(res);
    fx_req(&q, M540, "1990-05-05", "K8");
    res = fx_compute(R, &q);
    assert_int_equal(res->lines[0].confidence, RULES_UNVERIFIED);
    assert_non_null(strstr(res->lines[0].basis, "Điều 6 khoản 1 điểm g"));
    free(res);
    fx_req(&q, M500, "1990-05-05", "K8");
    res = fx_compute(R, &q);
    assert_int_equal(res->lines[0].confidence, RULES_CONFIRMED);
    assert_string_equal(res->lines[0].basis,
                        "Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm g");
    free(res);
}

/* §2.8: funeral support in the month of death. */
static void check_funeral(const char *m, const char *cs, const char *coeff,
                          int64_t amount)
{
    struct rules_request q;
    struct rules_result *res;

    memset(&q, 0, sizeof q);
    q.month = fx_month(m);
    q.benefit = RULES_FUNERAL;
    snprintf(q.funeral[0], RULES_CODE_SIZE, "%s", cs);
    q.nfuneral = 1;
    res = fx_compute(R, &q);
    fx_expect_line(res, "funeral", -1, coeff, amount);
    assert_string_equal(res->lines[0].case_code, cs);
    assert_string_equal(res->lines[0].rules_ref, "RULES.md §2.8");
    assert_int_equal(res->total, amount);
    free(res);
}

static void test_s2_8_allowance_20x_360k(void **s)
{
    (void)s;
    check_funeral(M360, "allowance", "20.0", 7200000);
}

static void test_s2_8_allowance_20x_500k(void **s)
{
    (void)s;
    check_funeral(M500, "allowance", "20.0", 10000000);
}

static void test_s2_8_allowance_20x_540k(void **s)
{
    (void)s;
    check_funeral(M540, "allowance", "20.0", 10800000);
}

static void test_s2_8_disaster_50x_360k(void **s)
{
    (void)s;
    check_funeral(M360, "disaster", "50.0", 18000000);
}

static void test_s2_8_disaster_50x_500k(void **s)
{
    (void)s;
    check_funeral(M500, "disaster", "50.0", 25000000);
}

static void test_s2_8_disaster_50x_540k(void **s)
{
    (void)s;
    check_funeral(M540, "disaster", "50.0", 27000000);
}

static void test_s2_8_facility_50x_360k(void **s)
{
    (void)s;
    check_funeral(M360, "facility", "50.0", 18000000);
}

static void test_s2_8_facility_50x_500k(void **s)
{
    (void)s;
    check_funeral(M500, "facility", "50.0", 25000000);
}

static void test_s2_8_facility_50x_540k(void **s)
{
    (void)s;
    check_funeral(M540, "facility", "50.0", 27000000);
}

/* The social-pension row of §2.8: 20 x the pension level (none before the
 * pension exists, 07/2025). */
static void test_s2_8_social_pension_20x_500k(void **s)
{
    (void)s;
    check_funeral("2025-07", "social_pension", "20.0", 10000000);
}

static void test_s2_8_social_pension_20x_540k(void **s)
{
    (void)s;
    check_funeral(M540, "social_pension", "20.0", 10800000);
}

static void test_s2_8_social_pension_none_before_2025_07(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    memset(&q, 0, sizeof q);
    q.month = fx_month(M500);
    q.benefit = RULES_FUNERAL;
    snprintf(q.funeral[0], RULES_CODE_SIZE, "social_pension");
    q.nfuneral = 1;
    res = fx_compute(R, &q);
    assert_int_equal(res->nlines, 0);
    assert_non_null(fx_inel(res, "funeral", -1));
    assert_int_equal(res->total, 0);
    free(res);
}

/* §3: caregiver support. cs the case, age of the cared-for person (or of
 * the disabled parent), pregnant, children's ages (-1 ends). */
static void check_care(const char *m, const char *cs, int disability, int age,
                       int pregnant, const int *kids, const char *coeff,
                       int64_t amount)
{
    struct rules_request q;
    struct rules_result *res;
    char birth[11];
    size_t i;

    birth_for(m, age, birth);
    fx_req(&q, m, birth, NULL);
    q.benefit = RULES_CARE;
    q.disability = disability;
    q.pregnant = pregnant;
    snprintf(q.care_case, sizeof q.care_case, "%s", cs);
    for (i = 0; kids != NULL && kids[i] >= 0; i++) {
        birth_for(m, kids[i], birth);
        fx_child(&q, birth, 0);
    }
    res = fx_compute(R, &q);
    fx_expect_line(res, "care", -1, coeff, amount);
    assert_string_equal(res->lines[0].case_code, cs);
    assert_string_equal(res->lines[0].rules_ref, "RULES.md §3");
    assert_int_equal(res->total, amount);
    free(res);
}

static const int one_kid[] = {1, -1};
static const int two_kids[] = {0, 2, -1};

#define CARE3(name, cs, dis, age, preg, kids, coeff, a360, a500, a540)         \
    static void test_s3_##name##_360k(void **s)                                \
    {                                                                          \
        (void)s;                                                               \
        check_care(M360, cs, dis, age, preg, kids, coeff, a360);               \
    }                                                                          \
    static void test_s3_##name##_500k(void **s)                                \
    {                                                                          \
        (void)s;                                                               \
        check_care(M500, cs, dis, age, preg, kids, coeff, a500);               \
    }                                                                          \
    static void test_s3_##name##_540k(void **s)                                \
    {                                                                          \
        (void)s;                                                               \
        check_care(M540, cs, dis, age, preg, kids, coeff, a540);               \
    }

/* RULES.md §3, in the table's order (the @360k amounts are level x
 * coefficient, as every amount of RULES.md). */
CARE3(k1_child_under_4, "k1_child", NONE, 3, 0, NULL, "2.5", 900000, 1250000,
      1350000)
CARE3(k1_child_4_to_under_16, "k1_child", NONE, 12, 0, NULL, "1.5", 540000,
      750000, 810000)
CARE3(k5d_elderly, "k5d", NONE, 82, 0, NULL, "1.5", 540000, 750000, 810000)
CARE3(disabled_pregnant, "disabled_parent", SEV, 28, 1, NULL, "1.5", 540000,
      750000, 810000)
CARE3(disabled_one_child_under_36m, "disabled_parent", ESEV, 28, 0, one_kid,
      "1.5", 540000, 750000, 810000)
CARE3(disabled_pregnant_and_one_child, "disabled_parent", SEV, 28, 1, one_kid,
      "2.0", 720000, 1000000, 1080000)
CARE3(disabled_two_children_under_36m, "disabled_parent", SEV, 28, 0, two_kids,
      "2.0", 720000, 1000000, 1080000)
CARE3(household_especially_severe, "household_especially_severe", ESEV, 40, 0,
      NULL, "1.0", 360000, 500000, 540000)
CARE3(take_in_especially_severe_adult, "take_in_especially_severe", ESEV, 40, 0,
      NULL, "1.5", 540000, 750000, 810000)
CARE3(take_in_especially_severe_child, "take_in_especially_severe", ESEV, 7, 0,
      NULL, "2.5", 900000, 1250000, 1350000)

/* §4: residential nurturing, 5.0 under 4 and 4.0 from 4. */
static void check_nurturing(const char *m, int age, const char *coeff,
                            int64_t amount)
{
    struct rules_request q;
    struct rules_result *res;
    char birth[11];

    birth_for(m, age, birth);
    fx_req(&q, m, birth, NULL);
    q.benefit = RULES_NURTURING;
    res = fx_compute(R, &q);
    fx_expect_line(res, "nurturing", -1, coeff, amount);
    assert_string_equal(res->lines[0].rules_ref, "RULES.md §4");
    assert_int_equal(res->total, amount);
    free(res);
}

static void test_s4_under_4_360k(void **s)
{
    (void)s;
    check_nurturing(M360, 2, "5.0", 1800000);
}

static void test_s4_under_4_500k(void **s)
{
    (void)s;
    check_nurturing(M500, 2, "5.0", 2500000);
}

static void test_s4_under_4_540k(void **s)
{
    (void)s;
    check_nurturing(M540, 2, "5.0", 2700000);
}

static void test_s4_4_and_over_360k(void **s)
{
    (void)s;
    check_nurturing(M360, 4, "4.0", 1440000);
}

static void test_s4_4_and_over_500k(void **s)
{
    (void)s;
    check_nurturing(M500, 30, "4.0", 2000000);
}

static void test_s4_4_and_over_540k(void **s)
{
    (void)s;
    check_nurturing(M540, 90, "4.0", 2160000);
}

/* §6.6: the social pension level, 500,000 from 07/2025, 540,000 from
 * 07/2026 (secondary), for a person of 76 who applies. */
static void check_pension(const char *m, int64_t amount)
{
    struct rules_request q;
    struct rules_result *res;
    char birth[11];

    birth_for(m, 76, birth);
    fx_req(&q, m, birth, NULL);
    q.social_pension = 1;
    res = fx_compute(R, &q);
    fx_expect_line(res, "social_pension", -1, "1.0", amount);
    assert_int_equal(res->lines[0].confidence, RULES_SECONDARY);
    assert_string_equal(res->lines[0].rules_ref, "RULES.md §6.6");
    assert_int_equal(res->total, amount);
    free(res);
}

static void test_s6_6_social_pension_500k_from_2025_07(void **s)
{
    (void)s;
    check_pension("2025-07", 500000);
}

static void test_s6_6_social_pension_540k_from_2026_07(void **s)
{
    (void)s;
    check_pension("2026-07", 540000);
}

#define T3(name)                                                               \
    cmocka_unit_test(name##_360k), cmocka_unit_test(name##_500k),              \
        cmocka_unit_test(name##_540k)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T3(test_s2_3_k1_under_4),
        T3(test_s2_3_k1_4_and_over),
        T3(test_s2_3_k2_16_22_in_education),
        T3(test_s2_3_k3_under_4),
        T3(test_s2_3_k3_4_to_under_16),
        T3(test_s2_3_k4_per_child),
        T3(test_s2_3_k5a_60_to_80),
        T3(test_s2_3_k5a_80_and_over),
        T3(test_s2_3_k5b),
        T3(test_s2_3_k5c),
        T3(test_s2_3_k5d),
        T3(test_s2_3_k6_especially_severe_adult),
        T3(test_s2_3_k6_especially_severe_child),
        T3(test_s2_3_k6_especially_severe_elderly),
        T3(test_s2_3_k6_severe_adult),
        T3(test_s2_3_k6_severe_child),
        T3(test_s2_3_k6_severe_elderly),
        T3(test_s2_3_k7),
        T3(test_s2_3_k8),
        cmocka_unit_test(test_s2_3_confidence_markers),
        cmocka_unit_test(test_s2_1_level_360k_from_2021_07),
        cmocka_unit_test(test_s2_1_level_500k_from_2024_07_secondary),
        cmocka_unit_test(test_s2_1_level_540k_from_2026_07_secondary),
        T3(test_s2_8_allowance_20x),
        T3(test_s2_8_disaster_50x),
        T3(test_s2_8_facility_50x),
        cmocka_unit_test(test_s2_8_social_pension_20x_500k),
        cmocka_unit_test(test_s2_8_social_pension_20x_540k),
        cmocka_unit_test(test_s2_8_social_pension_none_before_2025_07),
        T3(test_s3_k1_child_under_4),
        T3(test_s3_k1_child_4_to_under_16),
        T3(test_s3_k5d_elderly),
        T3(test_s3_disabled_pregnant),
        T3(test_s3_disabled_one_child_under_36m),
        T3(test_s3_disabled_pregnant_and_one_child),
        T3(test_s3_disabled_two_children_under_36m),
        T3(test_s3_household_especially_severe),
        T3(test_s3_take_in_especially_severe_adult),
        T3(test_s3_take_in_especially_severe_child),
        T3(test_s4_under_4),
        T3(test_s4_4_and_over),
        cmocka_unit_test(test_s6_6_social_pension_500k_from_2025_07),
        cmocka_unit_test(test_s6_6_social_pension_540k_from_2026_07),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
