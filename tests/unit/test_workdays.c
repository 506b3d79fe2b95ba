/* test_workdays.c: working days (core/workdays.h) on the real schedule
 * data/calendar/vn-holidays.csv and on small inline ones.
 *
 * Every day of 2024, 2025 and 2026 is checked against the official
 * schedules for public servants (công chức, viên chức):
 *   2024  Thông báo 5015/TB-LĐTBXH ngày 22/11/2023 (Tết: 08/02-14/02, five
 *         Tết days and two compensatory days; Quốc khánh 31/08-03/09);
 *         Công văn 2450/VPCP-KGVX ngày 12/4/2024 (29/04 off, worked back on
 *         Saturday 04/05); 01/01 and Hùng Kings 18/04 by the Labour Code.
 *   2025  Công văn 8726/VPCP-KGVX ngày 26/11/2024 (Tết: 27/01-31/01 inside
 *         the nine days 25/01-02/02, no swap; 02/05 off, worked back on
 *         Saturday 26/04); Quốc khánh 01/09-02/09 (30/08-02/09, announced
 *         by the Ministry of Home Affairs); Hùng Kings 07/04.
 *   2026  Công văn 12729/VPCP-KGVX ngày 25/12/2025 (02/01 off, worked back
 *         on Saturday 10/01); Thông báo 9441/TB-BNV ngày 16/10/2025 (Tết:
 *         16/02-20/02 inside 14/02-22/02; Quốc khánh 01/09-02/09, 31/08 off
 *         and worked back on Saturday 22/08); Hùng Kings on Sunday 26/04
 *         with the compensatory Monday 27/04 (Labour Code Art. 111(3)).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/workdays.h"

static struct workdays_calendar *real; /* the shipped schedule */

static struct date ymd(int y, int m, int d)
{
    struct date r = {y, m, d};
    return r;
}

static void assert_date(struct date got, int y, int m, int d)
{
    if (got.y != y || got.m != m || got.d != d)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d,
                 y, m, d);
}

static char *read_file(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    char *data;
    long n;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    assert_int_equal(fseek(f, 0, SEEK_SET), 0);
    data = malloc((size_t)n);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static int setup_real(void **state)
{
    const char *dir = getenv("ANSINH_SOURCE_DIR");
    char err[512] = "";
    char *data;
    size_t len;
    int rc;

    (void)state;
    if (dir == NULL || dir[0] == '\0') {
        fprintf(stderr, "ANSINH_SOURCE_DIR is not set\n");
        return -1;
    }
    data = read_file(dir, WORKDAYS_DATA_FILE, &len);
    rc = workdays_calendar_new(WORKDAYS_DATA_FILE, data, len, &real, err,
                               sizeof(err));
    free(data); /* the calendar holds copies */
    if (rc != WORKDAYS_OK) {
        fprintf(stderr, "%s\n", err);
        return -1;
    }
    return 0;
}

static int teardown_real(void **state)
{
    (void)state;
    workdays_calendar_free(real);
    real = NULL;
    return 0;
}

/* A day of a year's official schedule that differs from "Monday to Friday
 * work, weekend rest". */
struct special {
    int m, d;
    int why; /* WORKDAYS_HOLIDAY, WORKDAYS_DAY_OFF or WORKDAYS_WORKED */
};

/* Check every day of year y: the specials as listed (and from the data,
 * not estimated), every other day by its weekday; then the number of
 * working days of the year. */
static void check_year(int y, const struct special *sp, size_t nsp,
                       int working_days)
{
    struct date d = ymd(y, 1, 1), end = ymd(y, 12, 31);
    struct workdays_day info;
    int count = 0, n;
    size_t i;

    assert_true(workdays_has_data(real, y));
    while (date_cmp(d, end) <= 0) {
        int want_why =
            date_weekday(d) >= 6 ? WORKDAYS_WEEKEND : WORKDAYS_WORKING;
        for (i = 0; i < nsp; i++)
            if (sp[i].m == d.m && sp[i].d == d.d)
                want_why = sp[i].why;
        assert_int_equal(workdays_day(real, d, &info), WORKDAYS_OK);
        if (info.why != want_why)
            fail_msg("%04d-%02d-%02d: why %d (%s), want %d", d.y, d.m, d.d,
                     info.why, info.name, want_why);
        assert_int_equal(info.working, want_why == WORKDAYS_WORKING ||
                                           want_why == WORKDAYS_WORKED);
        assert_int_equal(info.estimated, 0);
        if (want_why >= WORKDAYS_HOLIDAY || want_why == WORKDAYS_WORKED) {
            assert_true(info.name[0] != '\0');
            assert_true(info.basis[0] != '\0');
        }
        assert_int_equal(workdays_is_working(real, d), info.working);
        count += info.working;
        d = date_add_days(d, 1);
    }
    assert_int_equal(count, working_days);
    assert_int_equal(workdays_between(real, ymd(y - 1, 12, 31), end, &n),
                     WORKDAYS_OK);
    assert_int_equal(n, working_days);
}

/* 2024: Thông báo 5015/TB-LĐTBXH, Công văn 2450/VPCP-KGVX. 262 weekdays,
 * 12 of them off, Saturday 04/05 worked: 251 working days. */
static void test_schedule_2024(void **state)
{
    static const struct special sp[] = {
        {1, 1, WORKDAYS_HOLIDAY},  {2, 8, WORKDAYS_HOLIDAY},
        {2, 9, WORKDAYS_HOLIDAY},  {2, 10, WORKDAYS_HOLIDAY},
        {2, 11, WORKDAYS_HOLIDAY}, {2, 12, WORKDAYS_HOLIDAY},
        {2, 13, WORKDAYS_DAY_OFF}, {2, 14, WORKDAYS_DAY_OFF},
        {4, 18, WORKDAYS_HOLIDAY}, {4, 29, WORKDAYS_DAY_OFF},
        {4, 30, WORKDAYS_HOLIDAY}, {5, 1, WORKDAYS_HOLIDAY},
        {5, 4, WORKDAYS_WORKED},   {9, 2, WORKDAYS_HOLIDAY},
        {9, 3, WORKDAYS_HOLIDAY}};
    (void)state;
    check_year(2024, sp, sizeof(sp) / sizeof(sp[0]), 251);
}

/* 2025: Công văn 8726/VPCP-KGVX. 261 weekdays, 12 off, Saturday 26/04
 * worked: 250 working days. */
static void test_schedule_2025(void **state)
{
    static const struct special sp[] = {
        {1, 1, WORKDAYS_HOLIDAY},  {1, 27, WORKDAYS_HOLIDAY},
        {1, 28, WORKDAYS_HOLIDAY}, {1, 29, WORKDAYS_HOLIDAY},
        {1, 30, WORKDAYS_HOLIDAY}, {1, 31, WORKDAYS_HOLIDAY},
        {4, 7, WORKDAYS_HOLIDAY},  {4, 26, WORKDAYS_WORKED},
        {4, 30, WORKDAYS_HOLIDAY}, {5, 1, WORKDAYS_HOLIDAY},
        {5, 2, WORKDAYS_DAY_OFF},  {9, 1, WORKDAYS_HOLIDAY},
        {9, 2, WORKDAYS_HOLIDAY}};
    (void)state;
    check_year(2025, sp, sizeof(sp) / sizeof(sp[0]), 250);
}

/* 2026: Công văn 12729/VPCP-KGVX, Thông báo 9441/TB-BNV. 261 weekdays, 13
 * off, Saturdays 10/01 and 22/08 worked: 250 working days. */
static void test_schedule_2026(void **state)
{
    static const struct special sp[] = {
        {1, 1, WORKDAYS_HOLIDAY},  {1, 2, WORKDAYS_DAY_OFF},
        {1, 10, WORKDAYS_WORKED},  {2, 16, WORKDAYS_HOLIDAY},
        {2, 17, WORKDAYS_HOLIDAY}, {2, 18, WORKDAYS_HOLIDAY},
        {2, 19, WORKDAYS_HOLIDAY}, {2, 20, WORKDAYS_HOLIDAY},
        {4, 26, WORKDAYS_HOLIDAY}, {4, 27, WORKDAYS_DAY_OFF},
        {4, 30, WORKDAYS_HOLIDAY}, {5, 1, WORKDAYS_HOLIDAY},
        {8, 22, WORKDAYS_WORKED},  {8, 31, WORKDAYS_DAY_OFF},
        {9, 1, WORKDAYS_HOLIDAY},  {9, 2, WORKDAYS_HOLIDAY}};
    (void)state;
    check_year(2026, sp, sizeof(sp) / sizeof(sp[0]), 250);
}

/* The official breaks, as announced (weekends included). */
static void test_breaks(void **state)
{
    static const int breaks[][6] = {
        {2024, 2, 8, 2024, 2, 14},  {2024, 4, 27, 2024, 5, 1},
        {2024, 8, 31, 2024, 9, 3},  {2025, 1, 25, 2025, 2, 2},
        {2025, 4, 5, 2025, 4, 7},   {2025, 4, 30, 2025, 5, 4},
        {2025, 8, 30, 2025, 9, 2},  {2026, 1, 1, 2026, 1, 4},
        {2026, 2, 14, 2026, 2, 22}, {2026, 4, 25, 2026, 4, 27},
        {2026, 4, 30, 2026, 5, 3},  {2026, 8, 29, 2026, 9, 2}};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
        struct date a = ymd(breaks[i][0], breaks[i][1], breaks[i][2]);
        struct date b = ymd(breaks[i][3], breaks[i][4], breaks[i][5]);
        struct date d;
        int n;

        /* no working day inside, working days on both sides */
        assert_int_equal(workdays_between(real, date_add_days(a, -1), b, &n),
                         WORKDAYS_OK);
        assert_int_equal(n, 0);
        assert_int_equal(workdays_is_working(real, date_add_days(a, -1)), 1);
        assert_int_equal(workdays_is_working(real, date_add_days(b, 1)), 1);
        assert_int_equal(workdays_next(real, a, &d), WORKDAYS_OK);
        assert_true(date_cmp(d, date_add_days(b, 1)) == 0);
    }
}

static void test_why_not(void **state)
{
    struct workdays_day info;

    (void)state;
    assert_int_equal(workdays_day(real, ymd(2026, 2, 17), &info), WORKDAYS_OK);
    assert_int_equal(info.working, 0);
    assert_int_equal(info.why, WORKDAYS_HOLIDAY);
    assert_string_equal(info.name, "Tết Nguyên đán (mùng 1)");
    assert_string_equal(info.basis, "Thông báo 9441/TB-BNV ngày 16/10/2025");
    assert_string_equal(workdays_why_label(info.why), "ngày lễ, Tết");

    /* a holiday on a Sunday is a holiday, and its compensatory day */
    assert_int_equal(workdays_day(real, ymd(2026, 4, 26), &info), WORKDAYS_OK);
    assert_int_equal(info.why, WORKDAYS_HOLIDAY);
    assert_string_equal(info.name, "Giỗ Tổ Hùng Vương (10/3 âm lịch)");
    assert_int_equal(workdays_day(real, ymd(2026, 4, 27), &info), WORKDAYS_OK);
    assert_int_equal(info.why, WORKDAYS_DAY_OFF);
    assert_non_null(strstr(info.basis, "Điều 111"));

    assert_int_equal(workdays_day(real, ymd(2026, 4, 25), &info), WORKDAYS_OK);
    assert_int_equal(info.why, WORKDAYS_WEEKEND);
    assert_string_equal(info.name, "Thứ Bảy");
    assert_string_equal(info.basis, "");
    assert_int_equal(workdays_day(real, ymd(2026, 3, 1), &info), WORKDAYS_OK);
    assert_string_equal(info.name, "Chủ nhật");

    assert_int_equal(workdays_day(real, ymd(2026, 1, 10), &info), WORKDAYS_OK);
    assert_int_equal(info.working, 1);
    assert_int_equal(info.why, WORKDAYS_WORKED);
    assert_string_equal(info.name, "Làm bù cho thứ Sáu 02/01/2026");

    assert_int_equal(workdays_day(real, ymd(2026, 3, 2), &info), WORKDAYS_OK);
    assert_int_equal(info.working, 1);
    assert_int_equal(info.why, WORKDAYS_WORKING);
    assert_string_equal(info.name, "");
    assert_string_equal(workdays_why_label(99), "");
}

/* Deadlines: the n-th working day after the day of receipt. */
static void test_deadlines(void **state)
{
    struct date d;
    int n;

    (void)state;
    /* received Tuesday 10/02/2026, commune review 7 WD: 11, 12, 13/02,
     * Tết 14-22/02, then 23, 24, 25, 26/02 */
    assert_int_equal(workdays_add(real, ymd(2026, 2, 10), 7, &d), WORKDAYS_OK);
    assert_date(d, 2026, 2, 26);
    assert_int_equal(workdays_between(real, ymd(2026, 2, 10), d, &n),
                     WORKDAYS_OK);
    assert_int_equal(n, 7);
    /* received on Saturday 14/02/2026 (online, during Tết): counting starts
     * on Monday 23/02 */
    assert_int_equal(workdays_add(real, ymd(2026, 2, 14), 7, &d), WORKDAYS_OK);
    assert_date(d, 2026, 3, 3);
    /* posting 2 WD from Thursday 12/02/2026: 13/02 and 23/02 */
    assert_int_equal(workdays_add(real, ymd(2026, 2, 12), 2, &d), WORKDAYS_OK);
    assert_date(d, 2026, 2, 23);
    /* the 2025 commune procedure, 10 WD from Wednesday 22/01/2025: 23, 24,
     * (Tết 25/01-02/02), 3, 4, 5, 6, 7, 10, 11, 12/02 */
    assert_int_equal(workdays_add(real, ymd(2025, 1, 22), 10, &d), WORKDAYS_OK);
    assert_date(d, 2025, 2, 12);
    /* complaints 10 WD from Friday 25/04/2025: the worked Saturday 26/04
     * counts, 30/04-04/05 does not: 26, 28, 29/04, 5, 6, 7, 8, 9, 12, 13/05
     */
    assert_int_equal(workdays_add(real, ymd(2025, 4, 25), 10, &d), WORKDAYS_OK);
    assert_date(d, 2025, 5, 13);
    /* 3 WD from Friday 26/04/2024 ends on the worked Saturday 04/05 */
    assert_int_equal(workdays_add(real, ymd(2024, 4, 26), 3, &d), WORKDAYS_OK);
    assert_date(d, 2024, 5, 4);
    /* across the new year 2026: 01/01 holiday, 02/01 swapped */
    assert_int_equal(workdays_add(real, ymd(2025, 12, 31), 2, &d), WORKDAYS_OK);
    assert_date(d, 2026, 1, 6);
    assert_int_equal(workdays_add(real, ymd(2026, 1, 5), 7, &d), WORKDAYS_OK);
    assert_date(d, 2026, 1, 13);
    /* Quốc khánh 2026: Saturday 22/08 worked, 29/08-02/09 off */
    assert_int_equal(workdays_add(real, ymd(2026, 8, 21), 1, &d), WORKDAYS_OK);
    assert_date(d, 2026, 8, 22);
    assert_int_equal(workdays_add(real, ymd(2026, 8, 28), 5, &d), WORKDAYS_OK);
    assert_date(d, 2026, 9, 9);
    /* n == 0 is the start day itself, even a holiday */
    assert_int_equal(workdays_add(real, ymd(2026, 2, 17), 0, &d), WORKDAYS_OK);
    assert_date(d, 2026, 2, 17);
    assert_int_equal(workdays_add(real, ymd(2026, 2, 17), -1, &d),
                     WORKDAYS_EINVAL);
}

/* A paused clock (more documents requested), as docs/calendar.md shows:
 * received 10/02/2026 with 7 WD; documents requested on 12/02 (2 WD used:
 * 11 and 12/02); they arrive on Monday 02/03: 5 WD remain, counted from
 * the day after: 03, 04, 05, 06, 09/03. */
static void test_paused_clock(void **state)
{
    struct date d;
    int used;

    (void)state;
    assert_int_equal(
        workdays_between(real, ymd(2026, 2, 10), ymd(2026, 2, 12), &used),
        WORKDAYS_OK);
    assert_int_equal(used, 2);
    assert_int_equal(workdays_add(real, ymd(2026, 3, 2), 7 - used, &d),
                     WORKDAYS_OK);
    assert_date(d, 2026, 3, 9);
}

static void test_between(void **state)
{
    int n;

    (void)state;
    assert_int_equal(
        workdays_between(real, ymd(2026, 2, 10), ymd(2026, 2, 10), &n),
        WORKDAYS_OK);
    assert_int_equal(n, 0);
    assert_int_equal(
        workdays_between(real, ymd(2026, 2, 26), ymd(2026, 2, 10), &n),
        WORKDAYS_OK);
    assert_int_equal(n, -7);
    /* (13/02, 23/02]: only 23/02 */
    assert_int_equal(
        workdays_between(real, ymd(2026, 2, 13), ymd(2026, 2, 23), &n),
        WORKDAYS_OK);
    assert_int_equal(n, 1);
    /* three years: 251 + 250 + 250 (01/01/2024 is a holiday anyway) */
    assert_int_equal(
        workdays_between(real, ymd(2023, 12, 31), ymd(2026, 12, 31), &n),
        WORKDAYS_OK);
    assert_int_equal(n, 251 + 250 + 250);
    assert_int_equal(
        workdays_between(real, ymd(2024, 1, 1), ymd(2026, 12, 31), &n),
        WORKDAYS_OK);
    assert_int_equal(n, 251 + 250 + 250);
    assert_int_equal(
        workdays_between(real, ymd(2020, 12, 31), ymd(2026, 12, 31), &n),
        WORKDAYS_ERANGE);
}

/* workdays_between against a day-by-day count, and workdays_add against
 * workdays_between, from every day of 2024..2026 (n = 0..25). */
static void test_consistency(void **state)
{
    struct date s, end = ymd(2026, 12, 31);

    (void)state;
    for (s = ymd(2024, 1, 1); date_cmp(s, end) <= 0; s = date_add_days(s, 1)) {
        struct date d = s;
        int k, n, naive = 0;

        for (k = 1; k <= 40; k++) {
            d = date_add_days(d, 1);
            naive += workdays_is_working(real, d);
            assert_int_equal(workdays_between(real, s, d, &n), WORKDAYS_OK);
            assert_int_equal(n, naive);
        }
        for (k = 0; k <= 25; k++) {
            assert_int_equal(workdays_add(real, s, k, &d), WORKDAYS_OK);
            assert_int_equal(workdays_between(real, s, d, &n), WORKDAYS_OK);
            assert_int_equal(n, k);
            if (k > 0) {
                assert_int_equal(workdays_is_working(real, d), 1);
                assert_true(date_cmp(d, s) > 0);
            }
        }
    }
}

/* A year without data follows the rules, marked estimated. 2027: Tết on
 * Saturday 06/02 (last day of the year 05/02, mùng 1-4 06-09/02; mùng 1
 * and 2 on the weekend give 10 and 11/02); Hùng Kings Friday 16/04; 1/5 on
 * Saturday gives Monday 03/05; 2/9 on Thursday with Friday 03/09. */
static void test_rules_2027(void **state)
{
    static const int off[][2] = {{1, 1},  {2, 5},  {2, 8},  {2, 9},
                                 {2, 10}, {2, 11}, {4, 16}, {4, 30},
                                 {5, 3},  {9, 2},  {9, 3}};
    struct date d = ymd(2027, 1, 1), end = ymd(2027, 12, 31);
    struct workdays_day info;
    size_t i;
    int count = 0;

    (void)state;
    assert_int_equal(workdays_has_data(real, 2027), 0);
    while (date_cmp(d, end) <= 0) {
        int want = date_weekday(d) <= 5;

        for (i = 0; i < sizeof(off) / sizeof(off[0]); i++)
            if (off[i][0] == d.m && off[i][1] == d.d)
                want = 0;
        assert_int_equal(workdays_day(real, d, &info), WORKDAYS_OK);
        if (info.working != want)
            fail_msg("2027-%02d-%02d: working %d, want %d (%s)", d.m, d.d,
                     info.working, want, info.name);
        count += want;
        d = date_add_days(d, 1);
    }
    assert_int_equal(count, 261 - 11);
    assert_int_equal(workdays_day(real, ymd(2027, 2, 6), &info), WORKDAYS_OK);
    assert_int_equal(info.why, WORKDAYS_HOLIDAY);
    assert_int_equal(info.estimated, 1);
    assert_string_equal(info.name, "Tết Nguyên đán (mùng 1)");
    assert_int_equal(workdays_day(real, ymd(2027, 2, 10), &info), WORKDAYS_OK);
    assert_int_equal(info.why, WORKDAYS_DAY_OFF);
    assert_int_equal(info.estimated, 1);
    assert_string_equal(info.name, "Nghỉ bù Tết Nguyên đán (mùng 1)");
    assert_non_null(strstr(info.basis, "Điều 111"));
    /* a plain weekday of a rule year is not estimated */
    assert_int_equal(workdays_day(real, ymd(2027, 3, 1), &info), WORKDAYS_OK);
    assert_int_equal(info.estimated, 0);
}

/* Other rule cases: 1/1 on Saturday (2028: Monday 03/01 off); 2/9 on
 * Saturday (2028: Friday 01/09 adjacent, Monday 04/09 off); 2/9 on Sunday
 * (2029: Monday 03/09 adjacent, Tuesday 04/09 off). */
static void test_rules_compensation(void **state)
{
    (void)state;
    assert_int_equal(workdays_is_working(real, ymd(2028, 1, 3)), 0);
    assert_int_equal(workdays_is_working(real, ymd(2028, 1, 4)), 1);
    assert_int_equal(workdays_is_working(real, ymd(2028, 9, 1)), 0);
    assert_int_equal(workdays_is_working(real, ymd(2028, 9, 4)), 0);
    assert_int_equal(workdays_is_working(real, ymd(2028, 9, 5)), 1);
    assert_int_equal(workdays_is_working(real, ymd(2029, 9, 3)), 0);
    assert_int_equal(workdays_is_working(real, ymd(2029, 9, 4)), 0);
    assert_int_equal(workdays_is_working(real, ymd(2029, 9, 5)), 1);
    assert_int_equal(workdays_is_working(real, ymd(2029, 8, 31)), 1);
}

static void test_rules_only(void **state)
{
    struct workdays_calendar *cal = NULL;
    struct workdays_day info;
    char err[256];
    int y;

    (void)state;
    assert_int_equal(
        workdays_calendar_new(NULL, NULL, 0, &cal, err, sizeof(err)),
        WORKDAYS_OK);
    for (y = WORKDAYS_FIRST_YEAR; y <= WORKDAYS_LAST_YEAR; y++)
        assert_int_equal(workdays_has_data(cal, y), 0);
    /* 2024 by the rules: Tết = last day 09/02 + 10-13/02, the weekend
     * days 10 and 11 compensated on 14 and 15/02 */
    assert_int_equal(workdays_day(cal, ymd(2024, 2, 8), &info), WORKDAYS_OK);
    assert_int_equal(info.working, 1);
    assert_int_equal(workdays_day(cal, ymd(2024, 2, 15), &info), WORKDAYS_OK);
    assert_int_equal(info.working, 0);
    assert_int_equal(info.estimated, 1);
    /* the last supported day */
    assert_int_equal(workdays_day(cal, ymd(2199, 12, 31), &info), WORKDAYS_OK);
    workdays_calendar_free(cal);
    workdays_calendar_free(NULL);
}

static void test_range_and_args(void **state)
{
    struct workdays_day info;
    struct date d = {0, 0, 0};
    const struct workdays_entry *e;
    size_t n;
    int k;

    (void)state;
    assert_int_equal(workdays_day(real, ymd(2020, 12, 31), &info),
                     WORKDAYS_ERANGE);
    assert_int_equal(workdays_day(real, ymd(2200, 1, 1), &info),
                     WORKDAYS_ERANGE);
    assert_int_equal(workdays_day(real, ymd(2025, 2, 29), &info),
                     WORKDAYS_EINVAL);
    assert_int_equal(workdays_day(real, ymd(2025, 13, 1), &info),
                     WORKDAYS_EINVAL);
    assert_int_equal(workdays_is_working(real, ymd(2020, 1, 1)),
                     WORKDAYS_ERANGE);
    assert_int_equal(workdays_day(NULL, ymd(2025, 1, 1), &info),
                     WORKDAYS_EINVAL);
    assert_int_equal(workdays_add(real, ymd(2199, 12, 30), 5, &d),
                     WORKDAYS_ERANGE);
    assert_int_equal(d.y, 0); /* untouched on error */
    assert_int_equal(workdays_add(real, ymd(2021, 1, 1), 40000, &d),
                     WORKDAYS_OK);
    assert_true(d.y > 2170 && d.y < 2199);
    assert_int_equal(workdays_next(real, ymd(2199, 12, 31), &d),
                     date_weekday(ymd(2199, 12, 31)) <= 5 ? WORKDAYS_OK
                                                          : WORKDAYS_ERANGE);
    assert_int_equal(
        workdays_between(real, ymd(2021, 1, 1), ymd(2199, 12, 31), &k),
        WORKDAYS_OK);
    assert_true(k > 44000 && k < 46000);
    assert_int_equal(
        workdays_entries(real, ymd(2026, 2, 1), ymd(2026, 1, 1), &e, &n),
        WORKDAYS_EINVAL);
    assert_int_equal(workdays_has_data(real, 2020), 0);
    assert_int_equal(workdays_has_data(NULL, 2025), 0);
    assert_string_equal(workdays_strerror(WORKDAYS_ERANGE),
                        "ngày ngoài phạm vi 2021..2199");
}

static void test_next(void **state)
{
    struct date d;

    (void)state;
    assert_int_equal(workdays_next(real, ymd(2026, 2, 14), &d), WORKDAYS_OK);
    assert_date(d, 2026, 2, 23);
    assert_int_equal(workdays_next(real, ymd(2026, 2, 23), &d), WORKDAYS_OK);
    assert_date(d, 2026, 2, 23);
    assert_int_equal(workdays_next(real, ymd(2026, 1, 10), &d), WORKDAYS_OK);
    assert_date(d, 2026, 1, 10);
    assert_int_equal(workdays_next(real, ymd(2025, 12, 31), &d), WORKDAYS_OK);
    assert_date(d, 2025, 12, 31);
    assert_int_equal(workdays_next(real, ymd(2026, 1, 1), &d), WORKDAYS_OK);
    assert_date(d, 2026, 1, 5);
}

/* The schedule of 2026 as listed: 16 rows, in order, from the data. */
static void test_entries(void **state)
{
    const struct workdays_entry *e;
    size_t n, i;

    (void)state;
    assert_int_equal(
        workdays_entries(real, ymd(2026, 1, 1), ymd(2026, 12, 31), &e, &n),
        WORKDAYS_OK);
    assert_int_equal(n, 16);
    assert_date(e[0].date, 2026, 1, 1);
    assert_date(e[n - 1].date, 2026, 9, 2);
    for (i = 0; i < n; i++) {
        assert_int_equal(e[i].estimated, 0);
        assert_true(e[i].name[0] != '\0' && e[i].basis[0] != '\0');
        assert_true(i == 0 || date_cmp(e[i - 1].date, e[i].date) < 0);
    }
    /* clamped to the range */
    assert_int_equal(
        workdays_entries(real, ymd(2019, 1, 1), ymd(2021, 1, 1), &e, &n),
        WORKDAYS_OK);
    assert_int_equal(n, 1);
    assert_date(e[0].date, 2021, 1, 1);
    assert_int_equal(e[0].estimated, 1);
}

#define HDR "date,kind,name,basis\n"
/* A complete 2027 block: the holidays the check requires. */
#define Y2027                                                                  \
    "2027-01-01,holiday,Tết Dương lịch,BLLĐ\n"                          \
    "2027-02-06,holiday,Tết Nguyên đán (mùng 1),TB\n"                    \
    "2027-04-16,holiday,Giỗ Tổ Hùng Vương,BLLĐ\n"                      \
    "2027-04-30,holiday,Ngày Chiến thắng,BLLĐ\n"                         \
    "2027-05-01,holiday,Ngày Quốc tế Lao động,BLLĐ\n"                 \
    "2027-09-02,holiday,Quốc khánh,BLLĐ\n"

static void parse_fails(const char *csv, int rc_want, const char *want)
{
    struct workdays_calendar *cal = (void *)1;
    char err[512] = "";
    int rc = workdays_calendar_new("t.csv", csv, strlen(csv), &cal, err,
                                   sizeof(err));

    if (rc != rc_want || strstr(err, want) == NULL)
        fail_msg("rc %d, err \"%s\", want %d \"%s\"", rc, err, rc_want, want);
    assert_null(cal);
}

static void test_parse_errors(void **state)
{
    (void)state;
    parse_fails("", WORKDAYS_EFORMAT, "t.csv: tệp rỗng");
    parse_fails("date,kind,name\n", WORKDAYS_EFORMAT, "t.csv, dòng 1");
    parse_fails("date,kind,ten,basis\n", WORKDAYS_EFORMAT, "dòng 1");
    parse_fails(HDR "2027-02-30,holiday,X,Y\n", WORKDAYS_EFORMAT,
                "t.csv, dòng 2, cột date: không có ngày này");
    parse_fails(HDR "01/01/2027,holiday,X,Y\n", WORKDAYS_EFORMAT,
                "dòng 2, cột date: ngày phải có dạng YYYY-MM-DD");
    parse_fails(HDR "2020-01-01,holiday,X,Y\n", WORKDAYS_EFORMAT,
                "năm ngoài phạm vi");
    parse_fails(HDR Y2027 "2027-06-01,holyday,X,Y\n", WORKDAYS_EFORMAT,
                "dòng 8, cột kind: loại không hợp lệ");
    parse_fails(HDR "2027-01-02,day_off,X,Y\n", WORKDAYS_ECONFLICT,
                "dòng 2, cột kind: ngày nghỉ bù");
    parse_fails(HDR "2027-01-04,workday,X,Y\n", WORKDAYS_ECONFLICT,
                "phải là thứ Bảy hoặc Chủ nhật");
    parse_fails(HDR "2027-01-04,day_off, ,Y\n", WORKDAYS_EFORMAT,
                "dòng 2, cột name: thiếu giá trị");
    parse_fails(HDR "2027-01-04,day_off,X,\n", WORKDAYS_EFORMAT,
                "cột basis: thiếu giá trị");
    parse_fails(HDR "2027-01-04,day_off,\xC3(,Y\n", WORKDAYS_EFORMAT,
                "cột name");
    parse_fails(HDR "2027-01-04,day_off,X\n", WORKDAYS_EFORMAT,
                "dòng 2: có 3 cột, cần 4");
    parse_fails(HDR "2027-01-04,day_off,\"X,Y\n", WORKDAYS_EFORMAT, "Dòng 2");
    parse_fails(HDR Y2027 "2027-01-01,holiday,Lặp,Z\n", WORKDAYS_ECONFLICT,
                "t.csv, dòng 8: ngày 2027-01-01 đã có ở dòng 2");
    /* a year block without Hùng Kings' day */
    parse_fails(HDR "2027-01-01,holiday,Tết Dương lịch,BLLĐ\n"
                    "2027-02-06,holiday,Tết,TB\n"
                    "2027-04-30,holiday,30/4,BLLĐ\n"
                    "2027-05-01,holiday,1/5,BLLĐ\n"
                    "2027-09-02,holiday,2/9,BLLĐ\n",
                WORKDAYS_ECONFLICT,
                "t.csv: năm 2027 có lịch nghỉ nhưng thiếu ngày lễ Giỗ Tổ "
                "Hùng Vương (2027-04-16, loại holiday)");
    /* Tết 2027 given on the wrong day */
    parse_fails(HDR "2027-01-01,holiday,Tết Dương lịch,BLLĐ\n"
                    "2027-02-07,holiday,Tết,TB\n",
                WORKDAYS_ECONFLICT, "mùng 1 Tết Nguyên đán (2027-02-06");
}

/* A complete block makes 2027 data-described; the rules add nothing to it.
 * A worked Saturday of 2028 alone (a swap announced for the year before)
 * does not make 2028 a data year, and wins over the rules that day. */
static void test_small_schedule(void **state)
{
    static const char csv[] =
        "\xEF\xBB\xBF" HDR Y2027 "2027-02-08,day_off,Nghỉ,\"TB, số 1\"\r\n"
        "2028-01-08,workday,Làm bù,TB\n";
    struct workdays_calendar *cal = NULL;
    const struct workdays_entry *e;
    struct workdays_day info;
    size_t n;
    char err[256];

    (void)state;
    assert_int_equal(workdays_calendar_new("t.csv", csv, sizeof(csv) - 1, &cal,
                                           err, sizeof(err)),
                     WORKDAYS_OK);
    assert_int_equal(workdays_has_data(cal, 2027), 1);
    assert_int_equal(workdays_has_data(cal, 2028), 0);
    assert_int_equal(
        workdays_entries(cal, ymd(2027, 1, 1), ymd(2027, 12, 31), &e, &n),
        WORKDAYS_OK);
    assert_int_equal(n, 7);
    /* the rules would have 05/02 and 10-11/02 off: not in a data year */
    assert_int_equal(workdays_is_working(cal, ymd(2027, 2, 5)), 1);
    assert_int_equal(workdays_is_working(cal, ymd(2027, 2, 10)), 1);
    assert_int_equal(workdays_is_working(cal, ymd(2027, 2, 8)), 0);
    assert_int_equal(workdays_day(cal, ymd(2027, 2, 8), &info), WORKDAYS_OK);
    assert_string_equal(info.basis, "TB, số 1");
    assert_int_equal(workdays_day(cal, ymd(2028, 1, 8), &info), WORKDAYS_OK);
    assert_int_equal(info.working, 1);
    assert_int_equal(info.estimated, 0);
    assert_int_equal(workdays_day(cal, ymd(2028, 1, 1), &info), WORKDAYS_OK);
    assert_int_equal(info.estimated, 1);
    workdays_calendar_free(cal);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule_2024),
        cmocka_unit_test(test_schedule_2025),
        cmocka_unit_test(test_schedule_2026),
        cmocka_unit_test(test_breaks),
        cmocka_unit_test(test_why_not),
        cmocka_unit_test(test_deadlines),
        cmocka_unit_test(test_paused_clock),
        cmocka_unit_test(test_between),
        cmocka_unit_test(test_consistency),
        cmocka_unit_test(test_rules_2027),
        cmocka_unit_test(test_rules_compensation),
        cmocka_unit_test(test_rules_only),
        cmocka_unit_test(test_range_and_args),
        cmocka_unit_test(test_next),
        cmocka_unit_test(test_entries),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_small_schedule),
    };
    return cmocka_run_group_tests(tests, setup_real, teardown_real);
}
