/* test_lunar.c: the Vietnamese lunar calendar (core/lunar.h): Tết and
 * Hùng Kings' day against published dates, the years where Vietnam (UTC+7)
 * and China (UTC+8) differ, leap months, month lengths, the range, and
 * round trips over every day of 1900..2199. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/lunar.h"

static struct date ymd(int y, int m, int d)
{
    struct date r = {y, m, d};
    return r;
}

static struct lunar_date lunar(int y, int m, int d, int leap)
{
    struct lunar_date r = {y, m, d, leap};
    return r;
}

static void assert_date(struct date got, int y, int m, int d)
{
    if (got.y != y || got.m != m || got.d != d)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d,
                 y, m, d);
}

static void assert_lunar(struct date d, int y, int m, int day, int leap)
{
    struct lunar_date l;

    assert_int_equal(lunar_from_solar(d, &l), LUNAR_OK);
    if (l.y != y || l.m != m || l.d != day || l.leap != leap)
        fail_msg("%04d-%02d-%02d: got %d/%d%s/%d, want %d/%d%s/%d", d.y, d.m,
                 d.d, l.d, l.m, l.leap ? "n" : "", l.y, day, m, leap ? "n" : "",
                 y);
}

/* Tết (1/1 lunar) as celebrated in Vietnam, 1990..2029: the published
 * dates (the same as the Chinese New Year in these years except 2007). */
static void test_tet_1990_2029(void **state)
{
    static const int tet[][3] = {
        {1990, 1, 27}, {1991, 2, 15}, {1992, 2, 4},  {1993, 1, 23},
        {1994, 2, 10}, {1995, 1, 31}, {1996, 2, 19}, {1997, 2, 7},
        {1998, 1, 28}, {1999, 2, 16}, {2000, 2, 5},  {2001, 1, 24},
        {2002, 2, 12}, {2003, 2, 1},  {2004, 1, 22}, {2005, 2, 9},
        {2006, 1, 29}, {2007, 2, 17}, {2008, 2, 7},  {2009, 1, 26},
        {2010, 2, 14}, {2011, 2, 3},  {2012, 1, 23}, {2013, 2, 10},
        {2014, 1, 31}, {2015, 2, 19}, {2016, 2, 8},  {2017, 1, 28},
        {2018, 2, 16}, {2019, 2, 5},  {2020, 1, 25}, {2021, 2, 12},
        {2022, 2, 1},  {2023, 1, 22}, {2024, 2, 10}, {2025, 1, 29},
        {2026, 2, 17}, {2027, 2, 6},  {2028, 1, 26}, {2029, 2, 13}};
    size_t i;
    struct date d;

    (void)state;
    for (i = 0; i < sizeof(tet) / sizeof(tet[0]); i++) {
        assert_int_equal(lunar_new_year(tet[i][0], &d), LUNAR_OK);
        assert_date(d, tet[i][0], tet[i][1], tet[i][2]);
        assert_lunar(d, tet[i][0], 1, 1, 0);
    }
}

/* Tết across the range, every tenth year from 1900 (same as the Chinese
 * New Year in those years). */
static void test_tet_range(void **state)
{
    static const int tet[][3] = {{1900, 1, 31}, {1910, 2, 10}, {1920, 2, 20},
                                 {1930, 1, 30}, {1940, 2, 8},  {1950, 2, 17},
                                 {1960, 1, 28}, {1970, 2, 6},  {1980, 2, 16},
                                 {2100, 2, 9}};
    size_t i;
    struct date d;

    (void)state;
    for (i = 0; i < sizeof(tet) / sizeof(tet[0]); i++) {
        assert_int_equal(lunar_new_year(tet[i][0], &d), LUNAR_OK);
        assert_date(d, tet[i][0], tet[i][1], tet[i][2]);
    }
}

/* The UTC+7 calendar differs from the Chinese one when a new moon falls
 * between 16:00 and 17:00 UTC: Tết 1985 was 21/01/1985 in Vietnam (China:
 * 20/02, a month later, because month 11 differs too); Tết 2007 was
 * 17/02/2007 (China: 18/02); Tết Mậu Thân 1968 was 29/01/1968 in the North
 * (China and the South, then on UTC+8: 30/01). */
static void test_vietnam_differs_from_china(void **state)
{
    struct date d;

    (void)state;
    assert_int_equal(lunar_new_year(1985, &d), LUNAR_OK);
    assert_date(d, 1985, 1, 21);
    assert_lunar(ymd(1985, 1, 20), 1984, 12, 30, 0);
    assert_lunar(ymd(1985, 2, 20), 1985, 2, 1, 0);
    assert_int_equal(lunar_new_year(2007, &d), LUNAR_OK);
    assert_date(d, 2007, 2, 17);
    assert_lunar(ymd(2007, 2, 16), 2006, 12, 29, 0);
    assert_lunar(ymd(2007, 2, 18), 2007, 1, 2, 0);
    assert_int_equal(lunar_new_year(1968, &d), LUNAR_OK);
    assert_date(d, 1968, 1, 29);
    /* computed, not yet observed: the new moon of 2030-02-02 16:09 UTC is
     * 23:09 in Hà Nội, so Tết 2030 is 02/02 (03/02 in UTC+8) */
    assert_int_equal(lunar_new_year(2030, &d), LUNAR_OK);
    assert_date(d, 2030, 2, 2);
}

/* Giỗ Tổ Hùng Vương, 10/3 lunar. */
static void test_hung_kings(void **state)
{
    struct date d;

    (void)state;
    assert_int_equal(lunar_to_solar(lunar(2024, 3, 10, 0), &d), LUNAR_OK);
    assert_date(d, 2024, 4, 18);
    assert_int_equal(lunar_to_solar(lunar(2025, 3, 10, 0), &d), LUNAR_OK);
    assert_date(d, 2025, 4, 7);
    assert_int_equal(lunar_to_solar(lunar(2026, 3, 10, 0), &d), LUNAR_OK);
    assert_date(d, 2026, 4, 26);
    assert_int_equal(lunar_to_solar(lunar(2023, 3, 10, 0), &d), LUNAR_OK);
    assert_date(d, 2023, 4, 29);
    assert_lunar(ymd(2026, 4, 26), 2026, 3, 10, 0);
}

/* Leap months: 2020 leap 4, 2023 leap 2, 2025 leap 6, 2028 leap 5; 2024
 * and 2026 have none; 2033 has the rare leap 11. */
static void test_leap_months(void **state)
{
    struct date d;

    (void)state;
    assert_int_equal(lunar_leap_month(2020), 4);
    assert_int_equal(lunar_leap_month(2023), 2);
    assert_int_equal(lunar_leap_month(2024), 0);
    assert_int_equal(lunar_leap_month(2025), 6);
    assert_int_equal(lunar_leap_month(2026), 0);
    assert_int_equal(lunar_leap_month(2028), 5);
    assert_int_equal(lunar_leap_month(2033), 11);

    /* 2023: month 2 from 20/02, leap month 2 from 22/03, month 3 from
     * 20/04 */
    assert_lunar(ymd(2023, 2, 20), 2023, 2, 1, 0);
    assert_lunar(ymd(2023, 3, 21), 2023, 2, 30, 0);
    assert_lunar(ymd(2023, 3, 22), 2023, 2, 1, 1);
    assert_lunar(ymd(2023, 4, 20), 2023, 3, 1, 0);
    assert_int_equal(lunar_to_solar(lunar(2023, 2, 1, 1), &d), LUNAR_OK);
    assert_date(d, 2023, 3, 22);

    /* 2025: month 6 from 25/06, leap month 6 from 25/07, month 7 from
     * 23/08 */
    assert_lunar(ymd(2025, 6, 25), 2025, 6, 1, 0);
    assert_lunar(ymd(2025, 7, 25), 2025, 6, 1, 1);
    assert_lunar(ymd(2025, 8, 22), 2025, 6, 29, 1);
    assert_lunar(ymd(2025, 8, 23), 2025, 7, 1, 0);

    /* 2033: leap month 11 from 22/12/2033, still lunar year 2033 */
    assert_lunar(ymd(2033, 12, 22), 2033, 11, 1, 1);
    assert_int_equal(lunar_to_solar(lunar(2033, 11, 1, 1), &d), LUNAR_OK);
    assert_date(d, 2033, 12, 22);

    /* a leap flag on a month that is not leap */
    assert_int_equal(lunar_to_solar(lunar(2023, 3, 1, 1), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_to_solar(lunar(2024, 2, 1, 1), &d), LUNAR_EINVAL);
}

static void test_month_length(void **state)
{
    struct date d;

    (void)state;
    /* month 12 of 2023 (Quý Mão) had 30 days: 08/02/2024 was the 29th and
     * 09/02/2024 the 30th; month 12 of 2025 (Ất Tỵ) has 29 days:
     * 16/02/2026 is its last day */
    assert_int_equal(lunar_month_length(2023, 12, 0), 30);
    assert_lunar(ymd(2024, 2, 8), 2023, 12, 29, 0);
    assert_lunar(ymd(2024, 2, 9), 2023, 12, 30, 0);
    assert_int_equal(lunar_month_length(2025, 12, 0), 29);
    assert_lunar(ymd(2026, 2, 14), 2025, 12, 27, 0);
    assert_lunar(ymd(2026, 2, 16), 2025, 12, 29, 0);
    assert_int_equal(lunar_to_solar(lunar(2025, 12, 30, 0), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_month_length(2025, 6, 1), 29);
    assert_int_equal(lunar_month_length(2024, 6, 1), LUNAR_EINVAL);
    /* Tết 2025: 28/01/2025 was 29 tháng Chạp, the last day of the year */
    assert_lunar(ymd(2025, 1, 28), 2024, 12, 29, 0);
    assert_lunar(ymd(2025, 1, 1), 2024, 12, 2, 0);
}

static void test_errors_and_range(void **state)
{
    struct lunar_date l = {0, 0, 0, 0};
    struct date d = {0, 0, 0};

    (void)state;
    assert_int_equal(lunar_from_solar(ymd(2025, 2, 29), &l), LUNAR_EINVAL);
    assert_int_equal(lunar_from_solar(ymd(2025, 13, 1), &l), LUNAR_EINVAL);
    assert_int_equal(lunar_from_solar(ymd(2025, 0, 1), &l), LUNAR_EINVAL);
    assert_int_equal(lunar_from_solar(ymd(1899, 12, 31), &l), LUNAR_ERANGE);
    assert_int_equal(lunar_from_solar(ymd(2200, 1, 1), &l), LUNAR_ERANGE);
    assert_int_equal(l.y, 0); /* untouched on error */
    assert_lunar(ymd(1900, 1, 1), 1899, 12, 1, 0);
    assert_int_equal(lunar_from_solar(ymd(2199, 12, 31), &l), LUNAR_OK);

    assert_int_equal(lunar_to_solar(lunar(2025, 0, 1, 0), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_to_solar(lunar(2025, 13, 1, 0), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_to_solar(lunar(2025, 1, 0, 0), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_to_solar(lunar(2025, 1, 31, 0), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_to_solar(lunar(2025, 1, 1, 2), &d), LUNAR_EINVAL);
    assert_int_equal(lunar_to_solar(lunar(1898, 1, 1, 0), &d), LUNAR_ERANGE);
    assert_int_equal(lunar_to_solar(lunar(2200, 1, 1, 0), &d), LUNAR_ERANGE);
    /* month 12 of 2199 ends in January 2200 */
    assert_int_equal(lunar_to_solar(lunar(2199, 12, 29, 0), &d), LUNAR_ERANGE);
    assert_int_equal(d.y, 0);
    assert_int_equal(lunar_to_solar(lunar(1899, 12, 1, 0), &d), LUNAR_OK);
    assert_date(d, 1900, 1, 1);
    assert_int_equal(lunar_new_year(1899, &d), LUNAR_ERANGE);
    assert_int_equal(lunar_new_year(2200, &d), LUNAR_ERANGE);
    assert_int_equal(lunar_leap_month(1899), LUNAR_ERANGE);
    assert_int_equal(lunar_leap_month(2200), LUNAR_ERANGE);
}

/* The published algorithm takes the month start from an estimate of the
 * new moon index and gives "day 0" on 2054-05-07 and 2062-04-09; those
 * days are the 30th of the month before. */
static void test_month_start_fix(void **state)
{
    (void)state;
    assert_lunar(ymd(2054, 5, 7), 2054, 3, 30, 0);
    assert_lunar(ymd(2054, 5, 8), 2054, 4, 1, 0);
    assert_lunar(ymd(2062, 4, 9), 2062, 2, 30, 0);
    assert_lunar(ymd(2062, 4, 10), 2062, 3, 1, 0);
}

/* Every day from 1900-01-01 to 2199-12-31: the conversion succeeds, goes
 * back to the same day, and lunar days advance one by one (day 1 only
 * after day 29 or 30; months in order; one leap month at most a year). */
static void test_round_trip_all_days(void **state)
{
    struct date d = {1900, 1, 1}, end = {2199, 12, 31}, back;
    struct lunar_date l, prev = {1899, 11, 30, 0};
    long days = 0;

    (void)state;
    while (date_cmp(d, end) <= 0) {
        assert_int_equal(lunar_from_solar(d, &l), LUNAR_OK);
        if (lunar_to_solar(l, &back) != LUNAR_OK || date_cmp(back, d) != 0)
            fail_msg("round trip fails on %04d-%02d-%02d", d.y, d.m, d.d);
        if (l.d == 1) {
            assert_true(prev.d == 29 || prev.d == 30);
            if (l.leap) {
                assert_int_equal(l.m, prev.m);
                assert_int_equal(prev.leap, 0);
            } else {
                assert_int_equal(l.m, prev.m % 12 + 1);
            }
            assert_int_equal(l.y, prev.y + (l.m == 1 && !l.leap));
        } else {
            assert_int_equal(l.d, prev.d + 1);
            assert_int_equal(l.m, prev.m);
            assert_int_equal(l.leap, prev.leap);
        }
        prev = l;
        d = date_add_days(d, 1);
        days++;
    }
    assert_int_equal(days, 109573);
}

/* Every lunar year 1900..2198 has 12 or 13 months, a 13-month year has
 * exactly one leap month, and its length is 353..355 or 383..385 days. */
static void test_year_lengths(void **state)
{
    int y;

    (void)state;
    for (y = 1900; y < 2199; y++) {
        struct date a, b;
        int64_t len;
        int leap = lunar_leap_month(y);

        assert_int_equal(lunar_new_year(y, &a), LUNAR_OK);
        assert_int_equal(lunar_new_year(y + 1, &b), LUNAR_OK);
        len = date_to_days(b) - date_to_days(a);
        assert_true(leap >= 0 && leap <= 12);
        if (leap)
            assert_true(len >= 383 && len <= 385);
        else
            assert_true(len >= 353 && len <= 355);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tet_1990_2029),
        cmocka_unit_test(test_tet_range),
        cmocka_unit_test(test_vietnam_differs_from_china),
        cmocka_unit_test(test_hung_kings),
        cmocka_unit_test(test_leap_months),
        cmocka_unit_test(test_month_length),
        cmocka_unit_test(test_errors_and_range),
        cmocka_unit_test(test_month_start_fix),
        cmocka_unit_test(test_round_trip_all_days),
        cmocka_unit_test(test_year_lengths),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
