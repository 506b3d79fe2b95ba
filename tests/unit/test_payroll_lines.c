/* test_payroll_lines.c: the lines of a payroll from entitlement and
 * settlement (core/payroll.h, docs/payroll.md), with entitlements computed
 * by the real rules engine on the national rule files: the allowance of
 * the pay month, arrears across the 2024-07 and 2026-07 level changes
 * (RULES.md §2.1, §14), a death reported two months late (recoveries,
 * §2.6), a K1 child turning 4 and 16 (§2.3, §2.6), funeral support
 * (§2.8), a one-off Tết gift (§5), roll-over of unpaid amounts (§7.1);
 * their order, explanation and the canonical serialisation.
 */
#include "core/collate.h"
#include "core/payroll.h"
#include "rules_fixture.h"

static struct rules *R;

static int setup(void **s)
{
    (void)s;
    R = fx_rules(0);
    return 0;
}

static int teardown(void **s)
{
    (void)s;
    rules_free(R);
    return 0;
}

/* What a person born birth with cats (and disability) is owed in month,
 * as known on day ("": now). The due's pointers borrow from R. */
static struct payroll_due due_of(const char *month, const char *birth,
                                 const char *cats, int disability,
                                 const char *day)
{
    struct rules_request q;
    struct rules_result *res;
    struct payroll_due d;

    fx_req(&q, month, birth, cats);
    q.disability = disability;
    if (day[0] != '\0')
        q.known_on = fx_date(day);
    res = fx_compute(R, &q);
    payroll_due_from_result(res, &d);
    free(res);
    return d;
}

/* A window of n months ending with pay, every month covered, nothing
 * owed, nothing settled; the caller fills what matters. */
static void window(struct payroll_month_in *v, size_t n, const char *pay)
{
    struct month p = fx_month(pay);
    size_t i;

    memset(v, 0, n * sizeof *v);
    for (i = 0; i < n; i++) {
        v[i].month = month_add(p, (int)i + 1 - (int)n);
        v[i].covered = 1;
    }
}

static size_t lines_of(struct payroll_person_in *in, struct payroll_line *out)
{
    size_t n = 0;

    in->person_id = 7;
    assert_int_equal(payroll_person_lines(in, out, PAYROLL_MAX_LINES, &n),
                     PAYROLL_OK);
    return n;
}

static void expect(const struct payroll_line *l, int kind, const char *month,
                   int64_t amount)
{
    struct month m = fx_month(month);

    if (l->kind != kind || month_cmp(l->benefit_month, m) != 0 ||
        l->amount != amount)
        fail_msg("line %s %04d-%02d %lld; want %s %s %lld",
                 payroll_kind_code(l->kind), l->benefit_month.y,
                 l->benefit_month.m, (long long)l->amount,
                 payroll_kind_code(kind), month, (long long)amount);
}

static void explained(const struct payroll_line *l, const char *part)
{
    char text[PAYROLL_TEXT_SIZE];

    payroll_line_explain(l, text, sizeof text);
    if (strstr(text, part) == NULL)
        fail_msg("explanation \"%s\" lacks \"%s\"", text, part);
}

/* §2.3: the pay month's allowance, and nothing else. */
static void test_rules_2_3_allowance_of_the_pay_month(void **s)
{
    struct payroll_month_in v[3];
    struct payroll_person_in in = {0};
    struct payroll_line out[PAYROLL_MAX_LINES];

    (void)s;
    window(v, 3, "2026-09");
    v[0].due = v[1].due = v[2].due =
        due_of("2026-09", "1980-05-05", "K6", RULES_DIS_ESPECIALLY_SEVERE, "");
    v[0].settled = v[1].settled = 1080000;
    v[2].decision_ref = "15/QĐ-UBND ngày 02/01/2026";
    in.pay_month = fx_month("2026-09");
    in.nmonths = 3;
    in.monthly = v;
    assert_int_equal(lines_of(&in, out), 1);
    expect(&out[0], PAYROLL_ALLOWANCE, "2026-09", 1080000);
    assert_string_equal(out[0].category, "K6");
    assert_int_equal(out[0].coeff_milli, 2000);
    assert_int_equal(out[0].level, 540000);
    explained(&out[0], "Trợ cấp xã hội hằng tháng tháng 09/2026: K6, hệ số "
                       "2.0 × mức 540.000 đ = 1.080.000 đ");
    explained(&out[0], "Nghị định 335/2026/NĐ-CP");
    explained(&out[0], "quyết định 15/QĐ-UBND ngày 02/01/2026");
    explained(&out[0], "RULES.md §2.3");
}

/* §2.1, §14: paid 500,000-based amounts for July and August 2026 (the
 * payrolls were prepared before Decree 335/2026 was signed), the
 * September payroll prepared on 2026-08-24 carries the difference. */
static void test_rules_2_1_arrears_of_the_2026_07_level(void **s)
{
    struct payroll_month_in v[3];
    struct payroll_person_in in = {0};
    struct payroll_line out[PAYROLL_MAX_LINES];
    const char *day = "2026-08-24";
    size_t i;

    (void)s;
    window(v, 3, "2026-09");
    for (i = 0; i < 3; i++) {
        char m[8];

        month_format_iso(v[i].month, m);
        v[i].due = due_of(m, "1980-05-05", "K6", RULES_DIS_SEVERE, day);
    }
    /* K6 severe adult, 1.5: 750,000 was paid for July and August. */
    assert_int_equal(
        due_of("2026-07", "1980-05-05", "K6", RULES_DIS_SEVERE, "2026-06-20")
            .amount,
        750000);
    v[0].settled = v[1].settled = 750000;
    in.pay_month = fx_month("2026-09");
    in.nmonths = 3;
    in.monthly = v;
    assert_int_equal(lines_of(&in, out), 3);
    expect(&out[0], PAYROLL_ALLOWANCE, "2026-09", 810000);
    expect(&out[1], PAYROLL_ARREARS, "2026-07", 60000);
    expect(&out[2], PAYROLL_ARREARS, "2026-08", 60000);
    explained(&out[1], "Truy lĩnh trợ cấp xã hội hằng tháng tháng 07/2026: "
                       "được hưởng K6, hệ số 1.5 × mức 540.000 đ = 810.000 đ");
    explained(&out[1], "đã chi 750.000 đ; truy lĩnh 60.000 đ");
    /* Prepared before the signing: nothing owed for July and August. */
    for (i = 0; i < 3; i++) {
        char m[8];

        month_format_iso(v[i].month, m);
        v[i].due =
            due_of(m, "1980-05-05", "K6", RULES_DIS_SEVERE, "2026-08-20");
    }
    assert_int_equal(lines_of(&in, out), 1);
    expect(&out[0], PAYROLL_ALLOWANCE, "2026-09", 750000);
}

/* §2.1, §2.6: a late K6 decision (certificate 05/2024, signed 08/2024)
 * owes May and June at 360,000 and July at 500,000 (Decree 76/2024). */
static void test_rules_2_1_arrears_across_the_2024_07_level(void **s)
{
    struct payroll_month_in v[5];
    struct payroll_person_in in = {0};
    struct payroll_line out[PAYROLL_MAX_LINES];
    size_t i;

    (void)s;
    window(v, 5, "2024-08");
    for (i = 1; i < 5; i++) {
        char m[8];

        month_format_iso(v[i].month, m);
        v[i].due = due_of(m, "1975-03-03", "K6", RULES_DIS_ESPECIALLY_SEVERE,
                          "2024-07-20");
        v[i].decision_ref = "7/QĐ-UBND ngày 01/08/2024";
    }
    in.pay_month = fx_month("2024-08");
    in.nmonths = 5;
    in.monthly = v;
    assert_int_equal(lines_of(&in, out), 4);
    expect(&out[0], PAYROLL_ALLOWANCE, "2024-08", 1000000);
    expect(&out[1], PAYROLL_ARREARS, "2024-05", 720000);
    expect(&out[2], PAYROLL_ARREARS, "2024-06", 720000);
    expect(&out[3], PAYROLL_ARREARS, "2024-07", 1000000);
    explained(&out[1], "mức 360.000 đ");
    explained(&out[3], "Nghị định 76/2024/NĐ-CP");
    /* A month no approved payroll covered was paid outside the system:
     * never reopened. */
    v[1].covered = 0;
    assert_int_equal(lines_of(&in, out), 3);
    expect(&out[1], PAYROLL_ARREARS, "2024-06", 720000);
}

/* §2.6: died in March 2026, reported in May: April and May were paid
 * (K5c, 500,000); the June payroll recovers both and pays nothing. */
static void test_rules_2_6_death_reported_two_months_late(void **s)
{
    struct payroll_month_in v[4];
    struct payroll_person_in in = {0};
    struct payroll_line out[PAYROLL_MAX_LINES];

    (void)s;
    window(v, 4, "2026-06");
    v[0].due = due_of("2026-03", "1935-01-01", "K5c", 0, "");
    v[0].settled = 500000;
    v[1].settled = v[2].settled = 500000;
    v[1].decision_ref = v[2].decision_ref = "21/QĐ-UBND ngày 20/05/2026";
    in.pay_month = fx_month("2026-06");
    in.nmonths = 4;
    in.monthly = v;
    assert_int_equal(lines_of(&in, out), 2);
    expect(&out[0], PAYROLL_RECOVERY, "2026-04", -500000);
    expect(&out[1], PAYROLL_RECOVERY, "2026-05", -500000);
    explained(&out[0], "Thu hồi trợ cấp xã hội hằng tháng tháng 04/2026: đã "
                       "chi 500.000 đ, được hưởng 0 đ");
    explained(&out[0], "chi thừa 500.000 đ, phải thu hồi (RULES.md §2.6)");
    explained(&out[0], "quyết định 21/QĐ-UBND ngày 20/05/2026");
}

/* §2.3, §2.6: a K1 child born 2022-09-15 is 2.5 through August 2026 and
 * 1.5 from September (turning 4); one born 2010-10-03 is paid through
 * October 2026 (turning 16) and not from November (not studying). */
static void test_rules_2_3_k1_child_turning_4_and_16(void **s)
{
    struct payroll_month_in v[1];
    struct payroll_person_in in = {0};
    struct payroll_line out[PAYROLL_MAX_LINES];
    static const struct {
        const char *month, *birth;
        int64_t amount;
    } cases[] = {
        {"2026-08", "2022-09-15", 1350000},
        {"2026-09", "2022-09-15", 810000},
        {"2026-10", "2010-10-03", 810000},
        {"2026-11", "2010-10-03", 0},
    };
    size_t i;

    (void)s;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        window(v, 1, cases[i].month);
        v[0].due = due_of(cases[i].month, cases[i].birth, "K1b", 0, "");
        in.pay_month = fx_month(cases[i].month);
        in.nmonths = 1;
        in.monthly = v;
        if (cases[i].amount == 0) {
            assert_int_equal(lines_of(&in, out), 0);
            continue;
        }
        assert_int_equal(lines_of(&in, out), 1);
        expect(&out[0], PAYROLL_ALLOWANCE, cases[i].month, cases[i].amount);
    }
}

/* §2.8, §5, §7.1, §3: funeral, one-off, roll-over and care lines, in
 * kind order after the monthly ones. */
static void test_rules_7_1_every_kind_in_order(void **s)
{
    struct payroll_month_in v[2], c[2];
    struct payroll_once_in fun = {0}, gift = {0}, paid_gift = {0};
    struct payroll_once_in gifts[2];
    struct payroll_rollover_in ro = {0};
    struct payroll_person_in in = {0};
    struct payroll_line out[PAYROLL_MAX_LINES];
    struct rules_request q;
    struct rules_result *res;

    (void)s;
    window(v, 2, "2026-01");
    window(c, 2, "2026-01");
    v[1].due = due_of("2026-01", "1940-01-01", "K5c", 0, "");
    fx_req(&q, "2026-01", "2020-01-01", "");
    q.benefit = RULES_CARE;
    snprintf(q.care_case, sizeof q.care_case, "k1_child");
    res = fx_compute(R, &q);
    payroll_due_from_result(res, &c[1].due);
    free(res);
    memset(&q, 0, sizeof q);
    q.month = fx_month("2025-12");
    q.benefit = RULES_FUNERAL;
    q.nfuneral = 1;
    snprintf(q.funeral[0], RULES_CODE_SIZE, "allowance");
    res = fx_compute(R, &q);
    payroll_due_from_result(res, &fun.due);
    free(res);
    fun.id = 41;
    fun.month = fx_month("2025-12");
    fun.decision_ref = "3/QĐ-UBND ngày 05/01/2026";
    gift.id = 2;
    gift.month = fx_month("2025-12");
    gift.due.amount = 400000;
    gift.due.label = "Quà Tết Bính Ngọ 2026";
    gift.due.basis = "Chủ tịch nước, quà Tết 2026";
    gift.due.rules_ref = "RULES.md §5";
    paid_gift = gift;
    paid_gift.id = 1;
    paid_gift.settled = 400000;
    gifts[0] = gift;
    gifts[1] = paid_gift;
    ro.line_id = 99;
    ro.ref = "13285-202512-000004";
    ro.kind = PAYROLL_ALLOWANCE;
    ro.benefit = PAYROLL_B_MONTHLY;
    ro.benefit_month = fx_month("2025-12");
    ro.pay_month = fx_month("2025-12");
    ro.amount = 500000;
    ro.category = "K5c";
    in.pay_month = fx_month("2026-01");
    in.nmonths = 2;
    in.monthly = v;
    in.care = c;
    in.nfunerals = 1;
    in.funerals = &fun;
    in.noneoffs = 2;
    in.oneoffs = gifts;
    in.nrollovers = 1;
    in.rollovers = &ro;
    assert_int_equal(lines_of(&in, out), 5);
    expect(&out[0], PAYROLL_ALLOWANCE, "2026-01", 500000);
    expect(&out[1], PAYROLL_CARE, "2026-01", 750000); /* aged 6: 1.5 */
    expect(&out[2], PAYROLL_ROLLOVER, "2025-12", 500000);
    expect(&out[3], PAYROLL_FUNERAL, "2025-12", 10000000);
    expect(&out[4], PAYROLL_ONEOFF, "2025-12", 400000);
    assert_int_equal(out[1].benefit, PAYROLL_B_CARE);
    assert_int_equal(out[2].source_line_id, 99);
    assert_int_equal(out[3].decision_id, 41);
    assert_int_equal(out[4].oneoff_id, 2);
    explained(&out[2], "Chuyển kỳ: Trợ cấp xã hội hằng tháng tháng 12/2025 "
                       "của danh sách chi trả tháng 12/2025 (dòng "
                       "13285-202512-000004) chưa nhận, chi tiếp 500.000 đ");
    explained(&out[3], "20.0 × mức 500.000 đ = 10.000.000 đ");
    explained(&out[3], "RULES.md §2.8");
    explained(&out[4], "Quà Tết Bính Ngọ 2026: 400.000 đ mỗi người");
    explained(&out[4], "RULES.md §5");
}

static void test_bad_facts_refused(void **s)
{
    struct payroll_month_in v[2];
    struct payroll_person_in in = {0};
    struct payroll_line out[2];
    struct payroll_rollover_in ro = {0};
    size_t n;

    (void)s;
    window(v, 2, "2026-01");
    in.pay_month = fx_month("2026-02"); /* the window ends a month early */
    in.nmonths = 2;
    in.monthly = v;
    assert_int_equal(payroll_person_lines(&in, out, 2, &n), PAYROLL_EINPUT);
    in.pay_month = fx_month("2026-01");
    in.nrollovers = 1;
    in.rollovers = &ro; /* amount 0 */
    assert_int_equal(payroll_person_lines(&in, out, 2, &n), PAYROLL_EINPUT);
    in.nrollovers = 0;
    in.nmonths = 0;
    assert_int_equal(payroll_person_lines(&in, out, 2, &n), PAYROLL_EINPUT);
    /* Three lines, room for one. */
    window(v, 2, "2026-01");
    in.nmonths = 2;
    v[0].due.amount = 5;
    v[1].due.amount = 7;
    v[0].settled = 9;
    assert_int_equal(payroll_person_lines(&in, out, 1, &n), PAYROLL_ESPACE);
    assert_int_equal(n, 1);
}

static void test_window_never_before_2021_07(void **s)
{
    struct month m;

    (void)s;
    m = payroll_window_start(fx_month("2022-03"), 24);
    assert_int_equal(m.y, 2021);
    assert_int_equal(m.m, 7);
    m = payroll_window_start(fx_month("2026-09"), 24);
    assert_int_equal(m.y, 2024);
    assert_int_equal(m.m, 9);
    m = payroll_window_start(fx_month("2026-09"), 0);
    assert_int_equal(m.m, 9);
}

static void test_codes_refs_points(void **s)
{
    char ref[PAYROLL_REF_SIZE];
    int k;

    (void)s;
    for (k = 0; k < PAYROLL_KIND_COUNT; k++)
        assert_int_equal(payroll_kind_parse(payroll_kind_code(k)), k);
    for (k = 0; k < PAYROLL_BENEFIT_COUNT; k++)
        assert_int_equal(payroll_benefit_parse(payroll_benefit_code(k)), k);
    assert_int_equal(payroll_kind_parse("Allowance"), -1);
    assert_string_equal(payroll_kind_code(99), "");
    payroll_ref("13285", fx_month("2026-09"), 12, ref);
    assert_string_equal(ref, "13285-202609-000012");
    payroll_ref("35", fx_month("2025-12"), 123456, ref);
    assert_string_equal(ref, "35-202512-123456");
    assert_string_equal(payroll_point_kind("cash", "Trụ sở UBND xã Kim Bình"),
                        "commune_office");
    assert_string_equal(
        payroll_point_kind("cash", "Bưu điện văn hóa xã Kim Bình"),
        "post_office");
    assert_string_equal(payroll_point_kind("cash", "Nhà văn hóa thôn 3"),
                        "village_hall");
    assert_string_equal(payroll_point_kind("cash", "Chợ"), "other");
    assert_string_equal(payroll_point_kind("bank", NULL), "bank");
    assert_string_equal(payroll_point_kind("ewallet", NULL), "ewallet");
}

/* The canonical serialisation: length-prefixed, NULL apart. */
static void test_canonical_serialisation(void **s)
{
    struct buf b;

    (void)s;
    buf_init(&b, 1024);
    assert_int_equal(buf_puts(&b, PAYROLL_CANON_TAG), BUF_OK);
    assert_int_equal(payroll_canon_text(&b, "Nguyễn", strlen("Nguyễn")),
                     BUF_OK);
    assert_int_equal(payroll_canon_text(&b, NULL, 0), BUF_OK);
    assert_int_equal(payroll_canon_text(&b, "", 0), BUF_OK);
    assert_int_equal(payroll_canon_int(&b, -750000), BUF_OK);
    assert_int_equal(payroll_canon_text(&b, "a\nb", 3), BUF_OK);
    assert_string_equal(buf_str(&b), "ansinh-payroll-v1\n8:Nguyễn\n-\n0:\n"
                                     "7:-750000\n3:a\nb\n");
    buf_free(&b);
}

/* Lines sort by collation keys of names (core/collate.h): the sort key
 * order is the Vietnamese order. */
static void test_collation_keys_order_names(void **s)
{
    static const char *const names[] = {"An",   "Anh",  "Ăn",           "Ân",
                                        "Bình", "Dung", "Đức",          "Oanh",
                                        "Ô",    "Ơn",   "Nguyễn Văn A", "Zơ"};
    struct collate *c = collate_new_vi();
    unsigned char k[12][128];
    size_t i, j;

    (void)s;
    assert_non_null(c);
    for (i = 0; i < 12; i++)
        assert_true(collate_key(c, names[i], strlen(names[i]), k[i], 128) > 1);
    for (i = 0; i < 12; i++)
        for (j = 0; j < 12; j++) {
            int want = collate_cmp(c, names[i], strlen(names[i]), names[j],
                                   strlen(names[j]));
            int got = strcmp((const char *)k[i], (const char *)k[j]);

            got = (got > 0) - (got < 0);
            if (got != want)
                fail_msg("%s vs %s: key %d, collation %d", names[i], names[j],
                         got, want);
        }
    /* A short buffer still gives a prefix, NUL-terminated. */
    assert_int_equal(collate_key(c, "Nguyễn Văn A", 14, k[0], 4), 4);
    assert_int_equal(k[0][3], 0);
    collate_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_2_3_allowance_of_the_pay_month),
        cmocka_unit_test(test_rules_2_1_arrears_of_the_2026_07_level),
        cmocka_unit_test(test_rules_2_1_arrears_across_the_2024_07_level),
        cmocka_unit_test(test_rules_2_6_death_reported_two_months_late),
        cmocka_unit_test(test_rules_2_3_k1_child_turning_4_and_16),
        cmocka_unit_test(test_rules_7_1_every_kind_in_order),
        cmocka_unit_test(test_bad_facts_refused),
        cmocka_unit_test(test_window_never_before_2021_07),
        cmocka_unit_test(test_codes_refs_points),
        cmocka_unit_test(test_canonical_serialisation),
        cmocka_unit_test(test_collation_keys_order_names),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
