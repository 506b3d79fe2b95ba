/* test_money.c: unit tests for core/money.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/money.h"

static int64_t apply(int64_t level, int coeff)
{
    int64_t out = -777;

    assert_int_equal(money_apply_coeff(level, coeff, &out), MONEY_OK);
    return out;
}

static void test_apply_exact(void **state)
{
    (void)state;
    /* The table of RULES.md §2.3. */
    assert_int_equal(apply(360000, 2500), 900000);
    assert_int_equal(apply(360000, 1500), 540000);
    assert_int_equal(apply(500000, 1500), 750000);
    assert_int_equal(apply(500000, 2500), 1250000);
    assert_int_equal(apply(500000, 3000), 1500000);
    assert_int_equal(apply(540000, 2500), 1350000);
    assert_int_equal(apply(540000, 1500), 810000);
    assert_int_equal(apply(540000, 2000), 1080000);
    assert_int_equal(apply(540000, 3000), 1620000);
    assert_int_equal(apply(540000, 1000), 540000);
    assert_int_equal(apply(0, 2500), 0);
    assert_int_equal(apply(540000, 0), 0);
    /* Three decimals and small levels. */
    assert_int_equal(apply(540000, 1), 540);
    assert_int_equal(apply(1000, 1), 1);
    assert_int_equal(apply(8, 125), 1);
    assert_int_equal(apply(500000, 1125), 562500);
    /* Negative amounts (corrections) are exact too. */
    assert_int_equal(apply(-360000, 2500), -900000);
    assert_int_equal(apply(-1500, 2500), -3750);
    assert_int_equal(apply(1500, -2500), -3750);
}

static void test_apply_inexact(void **state)
{
    int64_t out = -777;

    (void)state;
    /* A fraction of a đồng is an error, never rounded; *out untouched. */
    assert_int_equal(money_apply_coeff(1, 1500, &out), MONEY_EINEXACT);
    assert_int_equal(money_apply_coeff(333, 1500, &out), MONEY_EINEXACT);
    assert_int_equal(money_apply_coeff(360001, 2500, &out), MONEY_EINEXACT);
    assert_int_equal(money_apply_coeff(-333, 1500, &out), MONEY_EINEXACT);
    assert_int_equal(money_apply_coeff(999, 1, &out), MONEY_EINEXACT);
    assert_int_equal(out, -777);
}

static void test_apply_overflow(void **state)
{
    int64_t out = -777;

    (void)state;
    /* Exactly at the limit is fine, one đồng over is not. */
    assert_int_equal(apply(MONEY_MAX, 1000), MONEY_MAX);
    assert_int_equal(apply(-MONEY_MAX, 1000), -MONEY_MAX);
    assert_int_equal(apply(MONEY_MAX / 3, 3000), MONEY_MAX);
    assert_int_equal(money_apply_coeff(MONEY_MAX + 1, 1000, &out),
                     MONEY_EOVERFLOW);
    assert_int_equal(money_apply_coeff(MONEY_MAX / 3 + 1, 3000, &out),
                     MONEY_EOVERFLOW);
    assert_int_equal(money_apply_coeff(MONEY_MAX, 1001, &out), MONEY_EOVERFLOW);
    /* Products far beyond 64 bits never wrap. */
    assert_int_equal(money_apply_coeff(INT64_MAX, 2500, &out), MONEY_EOVERFLOW);
    assert_int_equal(money_apply_coeff(INT64_MIN, 2500, &out), MONEY_EOVERFLOW);
    assert_int_equal(money_apply_coeff(MONEY_MAX, INT32_MAX, &out),
                     MONEY_EOVERFLOW);
    assert_int_equal(money_apply_coeff(-MONEY_MAX, INT32_MIN, &out),
                     MONEY_EOVERFLOW);
    assert_int_equal(money_apply_coeff(4000000000000, INT32_MAX, &out),
                     MONEY_EOVERFLOW);
    assert_int_equal(out, -777);
    assert_int_equal(apply(4000000000000, 2000000), 8000000000000000);
}

static int parse_coeff(const char *s, int *out)
{
    return money_parse_coeff(s, strlen(s), out);
}

static void test_parse_coeff(void **state)
{
    int m = -1;

    (void)state;
    assert_int_equal(parse_coeff("2.5", &m), MONEY_OK);
    assert_int_equal(m, 2500);
    assert_int_equal(parse_coeff("2,5", &m), MONEY_OK);
    assert_int_equal(m, 2500);
    assert_int_equal(parse_coeff("1", &m), MONEY_OK);
    assert_int_equal(m, 1000);
    assert_int_equal(parse_coeff("1.25", &m), MONEY_OK);
    assert_int_equal(m, 1250);
    assert_int_equal(parse_coeff("1.125", &m), MONEY_OK);
    assert_int_equal(m, 1125);
    assert_int_equal(parse_coeff("0", &m), MONEY_OK);
    assert_int_equal(m, 0);
    assert_int_equal(parse_coeff("0.001", &m), MONEY_OK);
    assert_int_equal(m, 1);
    assert_int_equal(parse_coeff("03.0", &m), MONEY_OK);
    assert_int_equal(m, 3000);
    assert_int_equal(parse_coeff("999999.999", &m), MONEY_OK);
    assert_int_equal(m, 999999999);

    m = -1;
    assert_int_equal(parse_coeff("", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("1.2345", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("2.", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff(".5", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("-1.5", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("+1.5", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("1.5 ", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff(" 1.5", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("1.5.0", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("1,000.5", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("1e3", &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("abc", &m), MONEY_EFORMAT);
    assert_int_equal(money_parse_coeff(NULL, 0, &m), MONEY_EFORMAT);
    assert_int_equal(money_parse_coeff("1.5\0", 4, &m), MONEY_EFORMAT);
    assert_int_equal(parse_coeff("1000000", &m), MONEY_EOVERFLOW);
    assert_int_equal(parse_coeff("99999999999999999999", &m), MONEY_EOVERFLOW);
    assert_int_equal(m, -1);
    /* Only len bytes are read. */
    assert_int_equal(money_parse_coeff("2.5xyz", 3, &m), MONEY_OK);
    assert_int_equal(m, 2500);
}

static void test_format_coeff(void **state)
{
    char out[16];
    int m, i;

    (void)state;
    money_format_coeff(2500, out);
    assert_string_equal(out, "2.5");
    money_format_coeff(1000, out);
    assert_string_equal(out, "1.0");
    money_format_coeff(1250, out);
    assert_string_equal(out, "1.25");
    money_format_coeff(1125, out);
    assert_string_equal(out, "1.125");
    money_format_coeff(0, out);
    assert_string_equal(out, "0.0");
    money_format_coeff(5, out);
    assert_string_equal(out, "0.005");
    money_format_coeff(-1500, out);
    assert_string_equal(out, "-1.5");
    money_format_coeff(INT32_MIN, out);
    assert_string_equal(out, "-2147483.648");
    money_format_coeff(INT32_MAX, out);
    assert_string_equal(out, "2147483.647");

    /* Format and parse are inverses over the accepted range. */
    for (i = 0; i <= 20000; i += 7) {
        money_format_coeff(i, out);
        assert_int_equal(money_parse_coeff(out, strlen(out), &m), MONEY_OK);
        assert_int_equal(m, i);
    }
}

static void expect_vnd(int64_t v, const char *want)
{
    char out[64];

    assert_int_equal(money_format_vnd(v, out, sizeof out), MONEY_OK);
    assert_string_equal(out, want);
}

static void test_format_vnd(void **state)
{
    char out[16];

    (void)state;
    expect_vnd(0, "0 đ");
    expect_vnd(5, "5 đ");
    expect_vnd(999, "999 đ");
    expect_vnd(1000, "1.000 đ");
    expect_vnd(1250000, "1.250.000 đ");
    expect_vnd(100000000, "100.000.000 đ");
    expect_vnd(-5000, "-5.000 đ");
    expect_vnd(-999, "-999 đ");
    expect_vnd(MONEY_MAX, "9.000.000.000.000.000 đ");
    expect_vnd(INT64_MAX, "9.223.372.036.854.775.807 đ");
    expect_vnd(INT64_MIN, "-9.223.372.036.854.775.808 đ");

    /* "1.250.000 đ" is 12 bytes ("đ" is 2) plus the NUL. */
    assert_int_equal(money_format_vnd(1250000, out, 14), MONEY_OK);
    assert_string_equal(out, "1.250.000 đ");
    assert_int_equal(money_format_vnd(1250000, out, 13), MONEY_OK);
    memset(out, 'x', sizeof out);
    assert_int_equal(money_format_vnd(1250000, out, 12), MONEY_ESPACE);
    assert_string_equal(out, "");
    assert_int_equal(money_format_vnd(1250000, out, 0), MONEY_ESPACE);
}

static void expect_words(int64_t v, const char *want)
{
    char out[700];

    assert_int_equal(money_words_vi(v, out, sizeof out), MONEY_OK);
    assert_string_equal(out, want);
}

static void test_words(void **state)
{
    char out[32];

    (void)state;
    /* The examples of the brief and of money.h. */
    expect_words(1250000, "Một triệu hai trăm năm mươi nghìn đồng");
    expect_words(105000, "Một trăm linh năm nghìn đồng");
    expect_words(21000, "Hai mươi mốt nghìn đồng");
    expect_words(15000, "Mười lăm nghìn đồng");
    expect_words(0, "Không đồng");

    /* Units and tens: mốt/một, lăm/năm, tư/bốn, mười/mươi. */
    expect_words(1, "Một đồng");
    expect_words(5, "Năm đồng");
    expect_words(10, "Mười đồng");
    expect_words(11, "Mười một đồng");
    expect_words(14, "Mười bốn đồng");
    expect_words(15, "Mười lăm đồng");
    expect_words(20, "Hai mươi đồng");
    expect_words(21, "Hai mươi mốt đồng");
    expect_words(24, "Hai mươi tư đồng");
    expect_words(25, "Hai mươi lăm đồng");
    expect_words(34, "Ba mươi tư đồng");
    expect_words(55, "Năm mươi lăm đồng");
    expect_words(71, "Bảy mươi mốt đồng");
    expect_words(99, "Chín mươi chín đồng");

    /* Hundreds and "linh". */
    expect_words(100, "Một trăm đồng");
    expect_words(101, "Một trăm linh một đồng");
    expect_words(104, "Một trăm linh bốn đồng");
    expect_words(105, "Một trăm linh năm đồng");
    expect_words(110, "Một trăm mười đồng");
    expect_words(115, "Một trăm mười lăm đồng");
    expect_words(121, "Một trăm hai mươi mốt đồng");

    /* "không trăm" inside a group after a higher group. */
    expect_words(1005, "Một nghìn không trăm linh năm đồng");
    expect_words(1050, "Một nghìn không trăm năm mươi đồng");
    expect_words(1005000, "Một triệu không trăm linh năm nghìn đồng");
    expect_words(1000005, "Một triệu không trăm linh năm đồng");
    expect_words(2000000, "Hai triệu đồng");
    expect_words(750000, "Bảy trăm năm mươi nghìn đồng");
    expect_words(1350000, "Một triệu ba trăm năm mươi nghìn đồng");
    expect_words(810000, "Tám trăm mười nghìn đồng");
    expect_words(1620000, "Một triệu sáu trăm hai mươi nghìn đồng");

    /* tỷ, nghìn tỷ, triệu tỷ. */
    expect_words(1000000000, "Một tỷ đồng");
    expect_words(1000000005, "Một tỷ không trăm linh năm đồng");
    expect_words(1001000000, "Một tỷ không trăm linh một triệu đồng");
    expect_words(2500000000, "Hai tỷ năm trăm triệu đồng");
    expect_words(1000000000000, "Một nghìn tỷ đồng");
    expect_words(MONEY_MAX, "Chín triệu tỷ đồng");
    expect_words(INT64_MAX,
                 "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai "
                 "nghìn không trăm ba mươi sáu tỷ tám trăm năm mươi tư triệu "
                 "bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng");

    /* Negative amounts. */
    expect_words(-5000, "Âm năm nghìn đồng");
    expect_words(-1, "Âm một đồng");
    assert_int_equal(money_words_vi(INT64_MIN, out, sizeof out), MONEY_ESPACE);

    /* Capacity. */
    assert_int_equal(money_words_vi(0, out, strlen("Không đồng") + 1),
                     MONEY_OK);
    assert_string_equal(out, "Không đồng");
    assert_int_equal(money_words_vi(0, out, strlen("Không đồng")),
                     MONEY_ESPACE);
    assert_string_equal(out, "");
    assert_int_equal(money_words_vi(1250000, out, sizeof out), MONEY_ESPACE);
    assert_int_equal(money_words_vi(1, out, 0), MONEY_ESPACE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_apply_exact),
        cmocka_unit_test(test_apply_inexact),
        cmocka_unit_test(test_apply_overflow),
        cmocka_unit_test(test_parse_coeff),
        cmocka_unit_test(test_format_coeff),
        cmocka_unit_test(test_format_vnd),
        cmocka_unit_test(test_words),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
