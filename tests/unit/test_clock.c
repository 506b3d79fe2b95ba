/* test_clock.c: unit tests for util/clock.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "util/clock.h"

static void test_today_override(void **state)
{
    struct date d;

    (void)state;
    assert_int_equal(setenv("ANSINH_TODAY", "2026-07-01", 1), 0);
    d = clock_today_vn();
    assert_int_equal(d.y, 2026);
    assert_int_equal(d.m, 7);
    assert_int_equal(d.d, 1);
    unsetenv("ANSINH_TODAY");
}

/* Without the override (or with a bad one, which is logged and ignored),
 * today is the UTC date or the day after it: Vietnam is UTC+7. */
static void check_real_today(void)
{
    time_t before = time(NULL);
    struct date d = clock_today_vn();
    time_t after = time(NULL);
    int64_t days = date_to_days(d);

    assert_true(date_is_valid(d.y, d.m, d.d));
    /* before and after bracket the call, in case midnight fell between */
    assert_true(days == ((int64_t)before + 7 * 3600) / 86400 ||
                days == ((int64_t)after + 7 * 3600) / 86400);
}

static void test_today_real(void **state)
{
    (void)state;
    unsetenv("ANSINH_TODAY");
    check_real_today();
    assert_int_equal(setenv("ANSINH_TODAY", "2026-02-30", 1), 0);
    check_real_today();
    assert_int_equal(setenv("ANSINH_TODAY", "", 1), 0);
    check_real_today();
    unsetenv("ANSINH_TODAY");
}

static void test_now_utc(void **state)
{
    char s[21];
    struct date d;

    (void)state;
    memset(s, 'x', sizeof s);
    clock_now_utc(s);
    assert_int_equal(strlen(s), 20);
    assert_int_equal(s[10], 'T');
    assert_int_equal(s[13], ':');
    assert_int_equal(s[16], ':');
    assert_int_equal(s[19], 'Z');
    assert_int_equal(date_parse_iso(s, 10, &d), DATE_OK);
    assert_true(d.y >= 2024);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_today_override),
        cmocka_unit_test(test_today_real),
        cmocka_unit_test(test_now_utc),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
