/* test_date.c: unit tests for core/date.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

static struct date mkd(int y, int m, int d)
{
    struct date r;

    r.y = y;
    r.m = m;
    r.d = d;
    return r;
}

static struct month mkm(int y, int m)
{
    struct month r;

    r.y = y;
    r.m = m;
    return r;
}

static int parse_iso(const char *s, struct date *out)
{
    return date_parse_iso(s, strlen(s), out);
}

static int parse_vn(const char *s, struct date *out)
{
    return date_parse_vn(s, strlen(s), out);
}

static void test_validity(void **state)
{
    (void)state;
    assert_true(date_is_valid(2024, 2, 29));  /* leap year */
    assert_false(date_is_valid(2025, 2, 29)); /* common year */
    assert_false(date_is_valid(2025, 2, 30));
    assert_true(date_is_valid(2000, 2, 29));  /* divisible by 400 */
    assert_false(date_is_valid(2100, 2, 29)); /* divisible by 100 only */
    assert_false(date_is_valid(1900, 2, 29));
    assert_false(date_is_valid(2025, 4, 31));
    assert_true(date_is_valid(2025, 12, 31));
    assert_false(date_is_valid(2025, 13, 1));
    assert_false(date_is_valid(2025, 0, 1));
    assert_false(date_is_valid(2025, 1, 0));
    assert_true(date_is_valid(1800, 1, 1));
    assert_false(date_is_valid(1799, 12, 31));
    assert_true(date_is_valid(2200, 12, 31));
    assert_false(date_is_valid(2201, 1, 1));

    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2023, 2), 28);
    assert_int_equal(date_days_in_month(2023, 1), 31);
    assert_int_equal(date_days_in_month(2023, 11), 30);
    assert_int_equal(date_days_in_month(2023, 13), 0);
}

static void test_parse_iso(void **state)
{
    struct date d = mkd(1, 1, 1);

    (void)state;
    assert_int_equal(parse_iso("2024-02-29", &d), DATE_OK);
    assert_int_equal(d.y, 2024);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);

    /* Impossible days are a range error and leave *out alone. */
    d = mkd(1, 1, 1);
    assert_int_equal(parse_iso("2025-02-30", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("2025-02-29", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("2100-02-29", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("2025-13-01", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("2025-00-10", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("2025-01-00", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("1799-12-31", &d), DATE_ERANGE);
    assert_int_equal(parse_iso("2201-01-01", &d), DATE_ERANGE);
    assert_int_equal(d.y, 1);

    /* Shape errors. */
    assert_int_equal(parse_iso("2025-1-01", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso("2025/01/01", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso("2025-01-01 ", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso(" 2025-01-01", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso("2025-01-0a", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso("+025-01-01", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso("01/02/2025", &d), DATE_EFORMAT);
    assert_int_equal(parse_iso("", &d), DATE_EFORMAT);
    assert_int_equal(date_parse_iso(NULL, 0, &d), DATE_EFORMAT);
    /* Length counts: a NUL inside the span is not a digit. */
    assert_int_equal(date_parse_iso("2025-01-0\0", 10, &d), DATE_EFORMAT);
    /* Only the first len bytes are read. */
    assert_int_equal(date_parse_iso("2025-01-02xyz", 10, &d), DATE_OK);
    assert_int_equal(d.d, 2);
}

static void test_parse_vn(void **state)
{
    struct date d;

    (void)state;
    assert_int_equal(parse_vn("29/02/2024", &d), DATE_OK);
    assert_int_equal(d.y, 2024);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);
    assert_int_equal(parse_vn("1/7/2025", &d), DATE_OK);
    assert_int_equal(d.y, 2025);
    assert_int_equal(d.m, 7);
    assert_int_equal(d.d, 1);
    assert_int_equal(parse_vn("01/7/2025", &d), DATE_OK);
    assert_int_equal(parse_vn("1/07/2025", &d), DATE_OK);
    assert_int_equal(d.m, 7);

    assert_int_equal(parse_vn("30/02/2025", &d), DATE_ERANGE);
    assert_int_equal(parse_vn("29/02/2100", &d), DATE_ERANGE);
    assert_int_equal(parse_vn("12/13/2025", &d), DATE_ERANGE);
    assert_int_equal(parse_vn("0/1/2025", &d), DATE_ERANGE);

    assert_int_equal(parse_vn("2025-01-01", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("001/01/2025", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("01/01/25", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("01/01/20255", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("01-01-2025", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("/01/2025", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("01//2025", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("01/01/202a", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("1/1/2025/", &d), DATE_EFORMAT);
    assert_int_equal(parse_vn("", &d), DATE_EFORMAT);
}

static void test_month_parse(void **state)
{
    struct month m;

    (void)state;
    assert_int_equal(month_parse_iso("2026-12", 7, &m), DATE_OK);
    assert_int_equal(m.y, 2026);
    assert_int_equal(m.m, 12);
    assert_int_equal(month_parse_iso("2026-13", 7, &m), DATE_ERANGE);
    assert_int_equal(month_parse_iso("2026-00", 7, &m), DATE_ERANGE);
    assert_int_equal(month_parse_iso("1700-01", 7, &m), DATE_ERANGE);
    assert_int_equal(month_parse_iso("2026-1", 6, &m), DATE_EFORMAT);
    assert_int_equal(month_parse_iso("2026/12", 7, &m), DATE_EFORMAT);
    assert_int_equal(month_parse_iso("2026-12-01", 10, &m), DATE_EFORMAT);
}

static void test_format(void **state)
{
    char buf[11];
    char mbuf[8];

    (void)state;
    date_format_iso(mkd(2024, 2, 9), buf);
    assert_string_equal(buf, "2024-02-09");
    date_format_vn(mkd(2024, 2, 9), buf);
    assert_string_equal(buf, "09/02/2024");
    date_format_iso(mkd(1800, 1, 1), buf);
    assert_string_equal(buf, "1800-01-01");
    month_format_iso(mkm(2026, 7), mbuf);
    assert_string_equal(mbuf, "2026-07");
    month_format_vn(mkm(2026, 7), mbuf);
    assert_string_equal(mbuf, "07/2026");
}

static void test_weekday(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(mkd(1970, 1, 1)), 4);  /* Thursday */
    assert_int_equal(date_weekday(mkd(2025, 7, 1)), 2);  /* Tuesday */
    assert_int_equal(date_weekday(mkd(2024, 2, 29)), 4); /* Thursday */
    assert_int_equal(date_weekday(mkd(2000, 1, 1)), 6);  /* Saturday */
    assert_int_equal(date_weekday(mkd(1945, 9, 2)), 7);  /* Sunday */
    assert_int_equal(date_weekday(mkd(1800, 1, 1)), 3);  /* Wednesday */
    assert_int_equal(date_weekday(mkd(2026, 1, 5)), 1);  /* Monday */
}

static void test_days(void **state)
{
    struct date d;
    int64_t n, prev = 0;
    int first = 1;
    int y, m, dd;

    (void)state;
    assert_int_equal(date_to_days(mkd(1970, 1, 1)), 0);
    assert_int_equal(date_to_days(mkd(1970, 1, 2)), 1);
    assert_int_equal(date_to_days(mkd(1969, 12, 31)), -1);
    assert_int_equal(date_to_days(mkd(2000, 3, 1)), 11017);
    assert_int_equal(date_to_days(mkd(1800, 1, 1)), -62091);

    /* Every valid day 1800..2200 maps to consecutive integers and back. */
    for (y = 1800; y <= 2200; y++) {
        for (m = 1; m <= 12; m++) {
            for (dd = 1; dd <= date_days_in_month(y, m); dd++) {
                n = date_to_days(mkd(y, m, dd));
                if (!first)
                    assert_int_equal(n, prev + 1);
                first = 0;
                prev = n;
                d = date_from_days(n);
                assert_int_equal(d.y, y);
                assert_int_equal(d.m, m);
                assert_int_equal(d.d, dd);
            }
        }
    }

    /* Far outside the parsing range the arithmetic still round-trips. */
    for (n = -1000000; n <= 1000000; n += 997) {
        d = date_from_days(n);
        assert_int_equal(date_to_days(d), n);
    }

    d = date_add_days(mkd(2024, 2, 28), 1);
    assert_int_equal(d.m, 2);
    assert_int_equal(d.d, 29);
    d = date_add_days(mkd(2025, 2, 28), 1);
    assert_int_equal(d.m, 3);
    assert_int_equal(d.d, 1);
    d = date_add_days(mkd(2025, 1, 1), -1);
    assert_int_equal(d.y, 2024);
    assert_int_equal(d.m, 12);
    assert_int_equal(d.d, 31);
    d = date_add_days(mkd(2025, 1, 1), 365);
    assert_int_equal(d.y, 2026);
    assert_int_equal(d.m, 1);
    assert_int_equal(d.d, 1);
}

static void test_cmp_and_months(void **state)
{
    struct month m;
    struct date d;

    (void)state;
    assert_true(date_cmp(mkd(2025, 1, 1), mkd(2024, 12, 31)) > 0);
    assert_true(date_cmp(mkd(2025, 1, 1), mkd(2025, 1, 2)) < 0);
    assert_true(date_cmp(mkd(2025, 2, 1), mkd(2025, 1, 31)) > 0);
    assert_int_equal(date_cmp(mkd(2025, 1, 1), mkd(2025, 1, 1)), 0);
    assert_true(month_cmp(mkm(2026, 12), mkm(2027, 1)) < 0);
    assert_true(month_cmp(mkm(2027, 2), mkm(2027, 1)) > 0);
    assert_int_equal(month_cmp(mkm(2027, 1), mkm(2027, 1)), 0);

    m = month_add(mkm(2026, 12), 1);
    assert_int_equal(m.y, 2027);
    assert_int_equal(m.m, 1);
    m = month_add(mkm(2027, 1), -1);
    assert_int_equal(m.y, 2026);
    assert_int_equal(m.m, 12);
    m = month_add(mkm(2025, 7), -19);
    assert_int_equal(m.y, 2023);
    assert_int_equal(m.m, 12);
    m = month_add(mkm(2025, 7), 30);
    assert_int_equal(m.y, 2028);
    assert_int_equal(m.m, 1);
    m = month_add(mkm(2025, 7), 0);
    assert_int_equal(m.y, 2025);
    assert_int_equal(m.m, 7);

    m = month_of(mkd(2025, 7, 31));
    assert_int_equal(m.y, 2025);
    assert_int_equal(m.m, 7);
    d = month_first_day(mkm(2025, 7));
    assert_int_equal(d.y, 2025);
    assert_int_equal(d.m, 7);
    assert_int_equal(d.d, 1);
}

static void test_age_on(void **state)
{
    struct date b = mkd(1948, 5, 20);

    (void)state;
    assert_int_equal(date_age_on(b, mkd(2028, 5, 19)), 79);
    assert_int_equal(date_age_on(b, mkd(2028, 5, 20)), 80);
    assert_int_equal(date_age_on(b, mkd(2028, 4, 30)), 79);
    assert_int_equal(date_age_on(b, mkd(2028, 6, 1)), 80);
    assert_int_equal(date_age_on(b, b), 0);
    assert_int_equal(date_age_on(b, mkd(1948, 5, 19)), -1);
    assert_int_equal(date_age_on(b, mkd(1900, 1, 1)), -49);

    /* Born on 29 February: one year older on 01/03 in common years, on
     * 29/02 in leap years. */
    b = mkd(2008, 2, 29);
    assert_int_equal(date_age_on(b, mkd(2025, 2, 28)), 16);
    assert_int_equal(date_age_on(b, mkd(2025, 3, 1)), 17);
    assert_int_equal(date_age_on(b, mkd(2024, 2, 28)), 15);
    assert_int_equal(date_age_on(b, mkd(2024, 2, 29)), 16);
}

static void test_age_in_month(void **state)
{
    struct date b = mkd(2023, 1, 10);

    (void)state;
    /* The example of date.h: the age band changes in the birthday month. */
    assert_int_equal(date_age_in_month(b, mkm(2026, 12)), 3);
    assert_int_equal(date_age_in_month(b, mkm(2027, 1)), 4);
    assert_int_equal(date_age_in_month(b, mkm(2023, 1)), 0);
    assert_int_equal(date_age_in_month(b, mkm(2022, 12)), -1);

    /* Born on the last day of a month. */
    b = mkd(1946, 12, 31);
    assert_int_equal(date_age_in_month(b, mkm(2026, 11)), 79);
    assert_int_equal(date_age_in_month(b, mkm(2026, 12)), 80);

    /* 29 February: in a common year February ends on the 28th, before the
     * birthday, so the new age is reached in March. */
    b = mkd(2008, 2, 29);
    assert_int_equal(date_age_in_month(b, mkm(2025, 2)), 16);
    assert_int_equal(date_age_in_month(b, mkm(2025, 3)), 17);
    assert_int_equal(date_age_in_month(b, mkm(2024, 2)), 16);
    assert_int_equal(date_age_in_month(b, mkm(2024, 1)), 15);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validity), cmocka_unit_test(test_parse_iso),
        cmocka_unit_test(test_parse_vn), cmocka_unit_test(test_month_parse),
        cmocka_unit_test(test_format),   cmocka_unit_test(test_weekday),
        cmocka_unit_test(test_days),     cmocka_unit_test(test_cmp_and_months),
        cmocka_unit_test(test_age_on),   cmocka_unit_test(test_age_in_month),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
