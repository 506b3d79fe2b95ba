/* test_rules_engine.c: the rules of RULES.md §2.5 and §2.6 as the engine
 * applies them to the real rule files: age bands and limits in the
 * birthday month, the K1 -> K2 continuation, the highest-benefit rule and
 * its K4 exception, the social pension overlap, nurturing excluding the
 * monthly allowance, provincial overlays (the fictional fixture of
 * tests/data/rules/), and requests the engine refuses.
 */
#include "rules_fixture.h"

static struct rules *R;  /* national */
static struct rules *RO; /* national + fictional overlay of province 99 */

static int setup(void **state)
{
    (void)state;
    R = fx_rules(0);
    RO = fx_rules(1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rules_free(R);
    rules_free(RO);
    return 0;
}

/* Compute for one category of a person; return the result. */
static struct rules_result *one(const char *month, const char *birth,
                                const char *cats, int disability, int studying)
{
    struct rules_request q;

    fx_req(&q, month, birth, cats);
    q.disability = disability;
    q.studying = studying;
    return fx_compute(R, &q);
}

static void expect_ineligible(const struct rules_result *res, const char *cat,
                              const char *reason_part)
{
    const struct rules_ineligible *e = fx_inel(res, cat, -1);

    if (e == NULL)
        fail_msg("%s is not ineligible", cat);
    if (reason_part != NULL && strstr(e->reason, reason_part) == NULL)
        fail_msg("%s: reason \"%s\" lacks \"%s\"", cat, e->reason, reason_part);
    assert_null(fx_line(res, cat, -1));
    assert_int_equal(res->total, 0);
}

/* --- §2.3 / §2.6: age bands change in the birthday month ----------------
 */

/* The example: a K1 child born 2023-01-10 is paid 2.5 for
 * December 2026 (age 3) and 1.5 for January 2027 (age 4). */
static void test_s2_3_k1_band_changes_in_birthday_month(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-12", "2023-01-10", "K1b", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K1b", -1, "2.5", 1350000);
    assert_int_equal(res->lines[0].age, 3);
    free(res);
    res = one("2027-01", "2023-01-10", "K1b", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K1b", -1, "1.5", 810000);
    assert_int_equal(res->lines[0].age, 4);
    free(res);
}

/* K5a at 80: 2.0 from the birthday month (Art. 6(1)(đ) "từ đủ 80"). */
static void test_s2_3_k5a_80_from_birthday_month(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-08", "1946-09-20", "K5a", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K5a", -1, "1.5", 810000);
    free(res);
    res = one("2026-09", "1946-09-20", "K5a", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K5a", -1, "2.0", 1080000);
    free(res);
}

/* K6: "child" is under 16 and "elderly" 60 or over, both by the age
 * reached in the month. */
static void test_s2_3_k6_child_and_elderly_bands(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-08", "2010-09-20", "K6", RULES_DIS_ESPECIALLY_SEVERE, 0);
    fx_expect_line(res, "K6", -1, "2.5", 1350000);
    free(res);
    res = one("2026-09", "2010-09-20", "K6", RULES_DIS_ESPECIALLY_SEVERE, 0);
    fx_expect_line(res, "K6", -1, "2.0", 1080000);
    free(res);
    res = one("2026-08", "1966-09-20", "K6", RULES_DIS_SEVERE, 0);
    fx_expect_line(res, "K6", -1, "1.5", 810000);
    free(res);
    res = one("2026-09", "1966-09-20", "K6", RULES_DIS_SEVERE, 0);
    fx_expect_line(res, "K6", -1, "2.0", 1080000);
    free(res);
}

/* --- §2.6: upper limits stop payment from the month after ---------------
 */

/* K1 turning 16, not studying: paid in the birthday month, not after. */
static void test_s2_6_k1_at_16_not_studying_stops_next_month(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-09", "2010-09-15", "K1b", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K1b", -1, "1.5", 810000);
    free(res);
    res = one("2026-10", "2010-09-15", "K1b", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K1b", "đã qua tháng đủ 16 tuổi (09/2026)");
    assert_non_null(
        strstr(fx_inel(res, "K1b", -1)->reason, "không đang đi học"));
    assert_null(fx_line(res, "K2", -1));
    free(res);
}

/* K1 turning 16 while studying continues as K2 (Art. 5(2)). */
static void test_s2_6_k1_at_16_studying_continues_as_k2(void **s)
{
    struct rules_result *res;
    const struct rules_line *l;

    (void)s;
    res = one("2026-10", "2010-09-15", "K1b", RULES_DIS_NONE, 1);
    fx_expect_line(res, "K2", -1, "1.5", 810000);
    l = fx_line(res, "K2", -1);
    assert_true(l->paid);
    assert_non_null(strstr(l->note, "K1b"));
    assert_non_null(strstr(fx_inel(res, "K1b", -1)->reason, "K2"));
    assert_int_equal(res->total, 810000);
    free(res);
    /* Asked for both: K2 is computed once, as its own line. */
    res = one("2026-10", "2010-09-15", "K1b K2", RULES_DIS_NONE, 1);
    assert_int_equal(res->nlines, 1);
    fx_expect_line(res, "K2", -1, "1.5", 810000);
    assert_int_equal(res->total, 810000);
    free(res);
}

/* K2 up to the month of the 22nd birthday, and only while studying. */
static void test_s2_6_k2_at_22_and_when_study_ends(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-03", "2004-03-05", "K2", RULES_DIS_NONE, 1);
    fx_expect_line(res, "K2", -1, "1.5", 750000);
    free(res);
    res = one("2026-04", "2004-03-05", "K2", RULES_DIS_NONE, 1);
    expect_ineligible(res, "K2", "đã qua tháng đủ 22 tuổi (03/2026)");
    free(res);
    res = one("2025-11", "2004-03-05", "K2", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K2", "không đang đi học");
    free(res);
    res = one("2025-11", "2010-03-05", "K2", RULES_DIS_NONE, 1);
    expect_ineligible(res, "K2", "chưa đủ 16 tuổi (đủ tuổi từ tháng 03/2026)");
    free(res);
}

/* Born 29/02: the 22nd birthday of a common year falls on 01/03
 * (date_age_on), so the birthday month is March. */
static void test_s2_6_k2_born_29_february(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-03", "2004-02-29", "K2", RULES_DIS_NONE, 1);
    fx_expect_line(res, "K2", -1, "1.5", 750000);
    free(res);
    res = one("2026-04", "2004-02-29", "K2", RULES_DIS_NONE, 1);
    expect_ineligible(res, "K2", "(03/2026)");
    free(res);
}

static void test_s2_6_k3_at_16(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-05", "2010-05-31", "K3", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K3", -1, "2.0", 1000000);
    free(res);
    res = one("2026-06", "2010-05-31", "K3", RULES_DIS_NONE, 1);
    expect_ineligible(res, "K3", "đã qua tháng đủ 16 tuổi (05/2026)");
    free(res);
}

static void test_s2_6_k7_at_3(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-08", "2023-08-01", "K7", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K7", -1, "1.5", 810000);
    free(res);
    res = one("2026-09", "2023-08-01", "K7", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K7", "đã qua tháng đủ 3 tuổi (08/2026)");
    free(res);
}

/* K5b from the month of the 75th birthday, K5c from the 80th (Art. 8(1)). */
static void test_s2_6_k5b_k5c_start_in_birthday_month(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-09", "1951-10-03", "K5b", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K5b", "chưa đủ 75 tuổi (đủ tuổi từ tháng 10/2026)");
    free(res);
    res = one("2026-10", "1951-10-03", "K5b", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K5b", -1, "1.0", 540000);
    free(res);
    res = one("2026-09", "1946-10-03", "K5c", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K5c", "chưa đủ 80 tuổi");
    free(res);
    res = one("2026-10", "1946-10-03", "K5c", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K5c", -1, "1.0", 540000);
    free(res);
    res = one("2026-11", "1946-10-03", "K5b", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K5b", "đã qua tháng đủ 80 tuổi (10/2026)");
    free(res);
}

/* A K4 child turning 16: counted in the birthday month, then only while
 * studying (Art. 5(4)). */
static void test_s2_6_k4_child_turning_16(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2026-02", "1985-01-01", "K4");
    fx_child(&q, "2010-02-14", 0);
    res = fx_compute(R, &q);
    fx_expect_line(res, "K4", 0, "1.0", 500000);
    free(res);
    q.month = fx_month("2026-03");
    res = fx_compute(R, &q);
    assert_null(fx_line(res, "K4", 0));
    assert_non_null(strstr(fx_inel(res, "K4", 0)->reason, "16 tuổi (02/2026)"));
    assert_non_null(strstr(fx_inel(res, "K4", 0)->reason, "không đang đi học"));
    assert_int_equal(res->total, 0);
    free(res);
    q.children[0].studying = 1;
    res = fx_compute(R, &q);
    fx_expect_line(res, "K4", 0, "1.0", 500000);
    free(res);
    q.month = fx_month("2032-03"); /* 22nd birthday month 02/2032 passed */
    res = fx_compute(R, &q);
    assert_non_null(strstr(fx_inel(res, "K4", 0)->reason, "22 tuổi"));
    free(res);
}

static void test_s2_2_not_born_yet(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-01", "2026-02-01", "K7", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K7", "chưa sinh");
    free(res);
    res = one("2026-02", "2026-02-28", "K7", RULES_DIS_NONE, 0);
    fx_expect_line(res, "K7", -1, "1.5", 750000);
    free(res);
}

static void test_s2_2_k6_needs_disability_level(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2026-01", "1990-01-01", "K6", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K6", "khuyết tật");
    free(res);
}

/* --- The four examples (RULES.md §2.3 at 500,000) ----------------
 */

static void test_example_k6_especially_severe_age_75(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2025-06", "1950-03-01", "K6", RULES_DIS_ESPECIALLY_SEVERE, 0);
    assert_int_equal(res->age, 75);
    fx_expect_line(res, "K6", -1, "2.5", 1250000);
    assert_int_equal(res->total, 1250000);
    free(res);
}

static void test_example_k4_three_children_2_10_17_studying(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2025-06", "1980-01-01", "K4");
    fx_child(&q, "2023-01-01", 0);
    fx_child(&q, "2015-01-01", 0);
    fx_child(&q, "2008-01-01", 1);
    res = fx_compute(R, &q);
    fx_expect_line(res, "K4", 0, "1.0", 500000);
    fx_expect_line(res, "K4", 1, "1.0", 500000);
    fx_expect_line(res, "K4", 2, "1.0", 500000);
    assert_int_equal(res->lines[2].age, 17);
    assert_int_equal(res->total, 1500000);
    free(res);
}

/* K4 with one child plus K6 severe adult: both paid (Art. 6(2)). */
static void test_example_k4_one_child_plus_k6_severe_adult(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2025-06", "1985-01-01", "K4 K6");
    q.disability = RULES_DIS_SEVERE;
    fx_child(&q, "2018-05-05", 0);
    res = fx_compute(R, &q);
    fx_expect_line(res, "K4", 0, "1.0", 500000);
    fx_expect_line(res, "K6", -1, "1.5", 750000);
    assert_true(fx_line(res, "K4", 0)->paid);
    assert_true(fx_line(res, "K6", -1)->paid);
    assert_non_null(strstr(fx_line(res, "K6", -1)->note, "Điều 6 khoản 2"));
    assert_int_equal(res->total, 1250000);
    free(res);
}

/* K5a plus K6 severe at 70: only the highest (K6 elderly 2.0). */
static void test_example_k5a_plus_k6_severe_at_70(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2025-06", "1955-02-01", "K5a K6", RULES_DIS_SEVERE, 0);
    fx_expect_line(res, "K5a", -1, "1.5", 750000);
    fx_expect_line(res, "K6", -1, "2.0", 1000000);
    assert_false(fx_line(res, "K5a", -1)->paid);
    assert_non_null(strstr(fx_line(res, "K5a", -1)->note, "cao nhất"));
    assert_true(fx_line(res, "K6", -1)->paid);
    assert_int_equal(res->total, 1000000);
    free(res);
}

/* --- §2.5: the highest-benefit rule and the K4 exception -----------------
 */

static void test_s2_5_only_highest_line(void **s)
{
    struct rules_result *res;

    (void)s;
    /* K1 child with especially severe disability: K6 child 2.5 > K1 1.5. */
    res =
        one("2025-06", "2015-01-01", "K1b K6", RULES_DIS_ESPECIALLY_SEVERE, 0);
    assert_false(fx_line(res, "K1b", -1)->paid);
    assert_true(fx_line(res, "K6", -1)->paid);
    assert_int_equal(res->total, 1250000);
    free(res);
    /* A tie pays one line only, the first. */
    res = one("2025-06", "1940-01-01", "K5c K5b", RULES_DIS_NONE, 0);
    assert_int_equal(res->total, 500000);
    assert_true(fx_line(res, "K5c", -1)->paid);
    free(res);
}

static void test_s2_5_k4_stacks_with_k5_k6_k8_only(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    /* K4 (2 children) + K8: both. */
    fx_req(&q, "2025-06", "1985-01-01", "K8 K4");
    fx_child(&q, "2015-01-01", 0);
    fx_child(&q, "2017-01-01", 0);
    res = fx_compute(R, &q);
    assert_int_equal(res->total, 750000 + 1000000);
    free(res);
    /* K4 (1 child) + K5c at 82: both. */
    fx_req(&q, "2025-06", "1943-01-01", "K4 K5c");
    fx_child(&q, "2010-01-01", 1);
    res = fx_compute(R, &q);
    assert_int_equal(res->total, 500000 + 500000);
    free(res);
    /* K4 + K5a + K6 severe elderly: K4 on top of the highest of the two. */
    fx_req(&q, "2025-06", "1960-01-01", "K4 K5a K6");
    q.disability = RULES_DIS_SEVERE;
    fx_child(&q, "2012-01-01", 0);
    res = fx_compute(R, &q);
    assert_false(fx_line(res, "K5a", -1)->paid);
    assert_true(fx_line(res, "K6", -1)->paid);
    assert_int_equal(res->total, 500000 + 1000000);
    free(res);
    /* K4 + social pension: not in the exception, the higher only. */
    fx_req(&q, "2025-08", "1949-01-01", "K4");
    q.social_pension = 1;
    fx_child(&q, "2010-01-01", 0);
    fx_child(&q, "2012-01-01", 0);
    res = fx_compute(R, &q);
    assert_true(fx_line(res, "K4", 0)->paid);
    assert_false(fx_line(res, "social_pension", -1)->paid);
    assert_int_equal(res->total, 1000000);
    free(res);
}

/* K4 alone against a higher single line: the single line wins. */
static void test_s2_5_k4_loses_to_higher_single_line(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2025-06", "1990-01-01", "K4 K3");
    fx_child(&q, "2020-01-01", 0);
    q.birth = fx_date("2022-01-01"); /* contrived: K3 child of 3 */
    res = fx_compute(R, &q);
    assert_int_equal(res->total, 1250000);
    assert_false(fx_line(res, "K4", 0)->paid);
    free(res);
}

static void test_s2_5_k4_without_children(void **s)
{
    struct rules_result *res;

    (void)s;
    res = one("2025-06", "1990-01-01", "K4", RULES_DIS_NONE, 0);
    expect_ineligible(res, "K4", "children");
    free(res);
}

/* §2.5 / §6.6: social pension or social allowance, the higher. */
static void test_s2_5_social_pension_overlap(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2025-08", "1940-01-01", "K5a");
    q.social_pension = 1;
    res = fx_compute(R, &q);
    assert_true(fx_line(res, "K5a", -1)->paid); /* 2.0 = 1,000,000 */
    assert_false(fx_line(res, "social_pension", -1)->paid);
    assert_int_equal(res->total, 1000000);
    free(res);
    fx_req(&q, "2025-08", "1944-01-01", NULL);
    q.social_pension = 1;
    res = fx_compute(R, &q);
    fx_expect_line(res, "social_pension", -1, "1.0", 500000);
    assert_int_equal(res->total, 500000);
    free(res);
}

static void test_s6_6_social_pension_eligibility(void **s)
{
    struct rules_request q;
    struct rules_result *res;
    const struct rules_ineligible *e;

    (void)s;
    fx_req(&q, "2026-11", "1954-01-01", NULL); /* 72 */
    q.social_pension = 1;
    res = fx_compute(R, &q);
    e = fx_inel(res, "social_pension", -1);
    assert_non_null(e);
    assert_non_null(strstr(e->reason, "chưa đủ 75 tuổi"));
    assert_non_null(strstr(e->reason, "hộ nghèo"));
    free(res);
    q.poor_or_near_poor = 1;
    res = fx_compute(R, &q);
    fx_expect_line(res, "social_pension", -1, "1.0", 540000);
    free(res);
    /* No social pension before 07/2025. */
    fx_req(&q, "2025-06", "1940-01-01", NULL);
    q.social_pension = 1;
    res = fx_compute(R, &q);
    assert_non_null(fx_inel(res, "social_pension", -1));
    assert_int_equal(res->total, 0);
    free(res);
}

/* §2.5 / §4: the nurturing allowance excludes the monthly allowance. */
static void test_s2_5_nurturing_excludes_monthly(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2025-06", "2015-01-01", "K1b");
    q.benefit = RULES_NURTURING;
    res = fx_compute(R, &q);
    fx_expect_line(res, "nurturing", -1, "4.0", 2000000);
    assert_non_null(strstr(fx_inel(res, "K1b", -1)->reason, "Điều 25 khoản 5"));
    assert_int_equal(res->total, 2000000);
    free(res);
}

/* §2.8: only the highest funeral benefit (Art. 11(2)). */
static void test_s2_8_only_highest_funeral(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    memset(&q, 0, sizeof q);
    q.month = fx_month("2025-06");
    q.benefit = RULES_FUNERAL;
    snprintf(q.funeral[0], RULES_CODE_SIZE, "allowance");
    snprintf(q.funeral[1], RULES_CODE_SIZE, "disaster");
    q.nfuneral = 2;
    res = fx_compute(R, &q);
    assert_int_equal(res->nlines, 2);
    assert_false(res->lines[0].paid);
    assert_true(res->lines[1].paid);
    assert_int_equal(res->total, 25000000);
    free(res);
}

/* §3: the disabled parent needs a pregnancy or a child under 36 months;
 * a child of 3 counts through the month of the 3rd birthday. */
static void test_s3_disabled_parent_child_under_36_months(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2026-09", "1995-01-01", NULL);
    q.benefit = RULES_CARE;
    q.disability = RULES_DIS_SEVERE;
    snprintf(q.care_case, sizeof q.care_case, "disabled_parent");
    fx_child(&q, "2023-09-20", 0);
    res = fx_compute(R, &q);
    fx_expect_line(res, "care", -1, "1.5", 810000);
    free(res);
    q.month = fx_month("2026-10");
    res = fx_compute(R, &q);
    assert_null(fx_line(res, "care", -1));
    assert_non_null(fx_inel(res, "care", 0));
    assert_int_equal(res->total, 0);
    free(res);
    q.disability = RULES_DIS_NONE; /* not disabled: no case applies */
    q.pregnant = 1;
    res = fx_compute(R, &q);
    assert_non_null(strstr(fx_inel(res, "care", -1)->reason, "khuyết tật"));
    free(res);
}

/* --- Overlays (Decree 20 Art. 4(3)): the fictional province 99 -----------
 */

static void test_overlay_higher_level_in_its_province_from_its_date(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2025-03", "1940-01-01", "K5c");
    snprintf(q.province, sizeof q.province, "99");
    res = fx_compute(RO, &q);
    assert_int_equal(res->standard_level, 600000);
    assert_non_null(strstr(res->level_basis, "HƯ CẤU"));
    fx_expect_line(res, "K5c", -1, "1.0", 600000);
    free(res);
    q.month = fx_month("2024-12"); /* before the overlay's date */
    res = fx_compute(RO, &q);
    assert_int_equal(res->standard_level, 500000);
    free(res);
    q.month = fx_month("2025-03");
    snprintf(q.province, sizeof q.province, "35"); /* another province */
    res = fx_compute(RO, &q);
    assert_int_equal(res->standard_level, 500000);
    free(res);
    q.province[0] = '\0'; /* no province */
    res = fx_compute(RO, &q);
    assert_int_equal(res->standard_level, 500000);
    free(res);
}

static void test_overlay_higher_coefficient_and_pension(void **s)
{
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    fx_req(&q, "2026-11", "1940-01-01", "K5c");
    snprintf(q.province, sizeof q.province, "99");
    res = fx_compute(RO, &q);
    fx_expect_line(res, "K5c", -1, "1.2", 720000);
    free(res);
    fx_req(&q, "2025-08", "1944-01-01", NULL);
    snprintf(q.province, sizeof q.province, "99");
    q.social_pension = 1;
    res = fx_compute(RO, &q);
    fx_expect_line(res, "social_pension", -1, "1.0", 650000);
    free(res);
}

static void test_overlay_local_category(void **s)
{
    struct rules_request q;
    struct rules_result *res;
    struct rules_err err;

    (void)s;
    fx_req(&q, "2025-03", "1953-01-01", "L99a");
    snprintf(q.province, sizeof q.province, "99");
    res = fx_compute(RO, &q);
    fx_expect_line(res, "L99a", -1, "1.0", 600000);
    free(res);
    q.birth = fx_date("1960-01-01");
    res = fx_compute(RO, &q);
    assert_non_null(strstr(fx_inel(res, "L99a", -1)->reason, "70 tuổi"));
    free(res);
    q.month = fx_month("2024-12");
    res = fx_compute(RO, &q);
    assert_non_null(
        strstr(fx_inel(res, "L99a", -1)->reason, "không có hiệu lực"));
    free(res);
    /* Without its province, or with the national rules only: an error. */
    q.province[0] = '\0';
    res = malloc(sizeof *res);
    assert_int_equal(rules_compute(RO, &q, res, &err), RULES_EINPUT);
    assert_string_equal(err.field, "categories[0]");
    assert_non_null(strstr(err.message, "99"));
    assert_int_equal(rules_compute(R, &q, res, &err), RULES_EINPUT);
    free(res);
}

/* An overlay below a national level that rose later: the higher applies
 * each month (the overlay can never lower a payment). */
static void test_overlay_superseded_by_higher_national_level(void **s)
{
    static const char ov[] =
        "province,kind,key,value,from,instrument,article,confidence,"
        "rules_ref\n"
        "98,level,standard,520000,2025-01-01,NQ hư cấu (TEST),Điều 1,"
        "unverified,RULES.md §2.1\n";
    struct rules *r = rules_new();
    struct rules_request q;
    struct rules_result *res;
    struct rules_err err;

    (void)s;
    fx_load_national(r);
    assert_int_equal(rules_load(r, "t.csv", ov, strlen(ov), 1, &err), RULES_OK);
    assert_int_equal(rules_finish(r, &err), RULES_OK);
    fx_req(&q, "2025-03", "1940-01-01", "K5c");
    snprintf(q.province, sizeof q.province, "98");
    res = fx_compute(r, &q);
    assert_int_equal(res->standard_level, 520000);
    free(res);
    q.month = fx_month("2026-07");
    res = fx_compute(r, &q);
    assert_int_equal(res->standard_level, 540000);
    free(res);
    rules_free(r);
}

/* --- Requests the engine refuses -----------------------------------------
 */

static void expect_input_error(const struct rules *r,
                               const struct rules_request *q, int rc_want,
                               const char *field)
{
    struct rules_result *res = malloc(sizeof *res);
    struct rules_err err;
    int rc;

    assert_non_null(res);
    memset(&err, 0, sizeof err);
    rc = rules_compute(r, q, res, &err);
    if (rc != rc_want || strcmp(err.field, field) != 0)
        fail_msg("rc %d field \"%s\" (%s); want %d \"%s\"", rc, err.field,
                 err.message, rc_want, field);
    assert_true(strlen(err.message) > 0);
    free(res);
}

static void test_input_errors(void **s)
{
    struct rules_request q;

    (void)s;
    fx_req(&q, "2021-06", "1940-01-01", "K5c");
    expect_input_error(R, &q, RULES_EINPUT, "month");
    fx_req(&q, "2025-06", "1940-01-01", "K5c K9");
    expect_input_error(R, &q, RULES_EINPUT, "categories[1]");
    fx_req(&q, "2025-06", "1940-01-01", "K5c K5c");
    expect_input_error(R, &q, RULES_EINPUT, "categories[1]");
    fx_req(&q, "2025-06", "1940-01-01", "K1");
    expect_input_error(R, &q, RULES_EINPUT, "categories[0]");
    fx_req(&q, "2025-06", "1940-01-01", "social_pension");
    expect_input_error(R, &q, RULES_EINPUT, "categories[0]");
    fx_req(&q, "2025-06", "1940-01-01", "K5c");
    fx_child(&q, "2020-01-01", 0);
    expect_input_error(R, &q, RULES_EINPUT, "children");
    fx_req(&q, "2025-06", "1940-01-01", NULL);
    q.benefit = RULES_CARE;
    snprintf(q.care_case, sizeof q.care_case, "nobody");
    expect_input_error(R, &q, RULES_EINPUT, "care.case");
    snprintf(q.care_case, sizeof q.care_case, "k5d");
    fx_child(&q, "2020-01-01", 0);
    expect_input_error(R, &q, RULES_EINPUT, "children");
    memset(&q, 0, sizeof q);
    q.month = fx_month("2025-06");
    q.benefit = RULES_FUNERAL;
    expect_input_error(R, &q, RULES_EINPUT, "funeral.cases");
    snprintf(q.funeral[0], RULES_CODE_SIZE, "allowance");
    snprintf(q.funeral[1], RULES_CODE_SIZE, "allowance");
    q.nfuneral = 2;
    expect_input_error(R, &q, RULES_EINPUT, "funeral.cases[1]");
    snprintf(q.funeral[1], RULES_CODE_SIZE, "flood");
    expect_input_error(R, &q, RULES_EINPUT, "funeral.cases[1]");
    q.benefit = RULES_MONTHLY;
    q.nfuneral = 0;
    expect_input_error(R, &q, RULES_EINPUT, "person");
}

/* A month with no level in force is an error, not 0. */
static void test_no_level_in_force_is_an_error(void **s)
{
    static const char lv[] =
        "kind,key,value,from,to,instrument,article,confidence,rules_ref\n"
        "level,standard,360000,2021-07-01,2024-07-01,NĐ 20,Điều 4,confirmed,"
        "RULES.md §2.1\n";
    struct rules *r = rules_new();
    struct rules_request q;
    struct rules_result *res = malloc(sizeof *res);
    struct rules_err err;

    (void)s;
    assert_int_equal(rules_compute(r, &q, res, &err), RULES_ESTATE);
    assert_int_equal(rules_load(r, "lv.csv", lv, strlen(lv), 0, &err),
                     RULES_OK);
    assert_int_equal(rules_finish(r, &err), RULES_OK);
    fx_req(&q, "2024-07", "1940-01-01", NULL);
    expect_input_error(r, &q, RULES_ENOLEVEL, "month");
    fx_req(&q, "2024-06", "1940-01-01", NULL);
    assert_int_equal(rules_compute(r, &q, res, &err), RULES_OK);
    assert_int_equal(res->standard_level, 360000);
    assert_int_equal(res->total, 0);
    free(res);
    rules_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_s2_3_k1_band_changes_in_birthday_month),
        cmocka_unit_test(test_s2_3_k5a_80_from_birthday_month),
        cmocka_unit_test(test_s2_3_k6_child_and_elderly_bands),
        cmocka_unit_test(test_s2_6_k1_at_16_not_studying_stops_next_month),
        cmocka_unit_test(test_s2_6_k1_at_16_studying_continues_as_k2),
        cmocka_unit_test(test_s2_6_k2_at_22_and_when_study_ends),
        cmocka_unit_test(test_s2_6_k2_born_29_february),
        cmocka_unit_test(test_s2_6_k3_at_16),
        cmocka_unit_test(test_s2_6_k7_at_3),
        cmocka_unit_test(test_s2_6_k5b_k5c_start_in_birthday_month),
        cmocka_unit_test(test_s2_6_k4_child_turning_16),
        cmocka_unit_test(test_s2_2_not_born_yet),
        cmocka_unit_test(test_s2_2_k6_needs_disability_level),
        cmocka_unit_test(test_example_k6_especially_severe_age_75),
        cmocka_unit_test(test_example_k4_three_children_2_10_17_studying),
        cmocka_unit_test(test_example_k4_one_child_plus_k6_severe_adult),
        cmocka_unit_test(test_example_k5a_plus_k6_severe_at_70),
        cmocka_unit_test(test_s2_5_only_highest_line),
        cmocka_unit_test(test_s2_5_k4_stacks_with_k5_k6_k8_only),
        cmocka_unit_test(test_s2_5_k4_loses_to_higher_single_line),
        cmocka_unit_test(test_s2_5_k4_without_children),
        cmocka_unit_test(test_s2_5_social_pension_overlap),
        cmocka_unit_test(test_s6_6_social_pension_eligibility),
        cmocka_unit_test(test_s2_5_nurturing_excludes_monthly),
        cmocka_unit_test(test_s2_8_only_highest_funeral),
        cmocka_unit_test(test_s3_disabled_parent_child_under_36_months),
        cmocka_unit_test(
            test_overlay_higher_level_in_its_province_from_its_date),
        cmocka_unit_test(test_overlay_higher_coefficient_and_pension),
        cmocka_unit_test(test_overlay_local_category),
        cmocka_unit_test(test_overlay_superseded_by_higher_national_level),
        cmocka_unit_test(test_input_errors),
        cmocka_unit_test(test_no_level_in_force_is_an_error),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
