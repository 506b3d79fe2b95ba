/* test_tasks.c: the task vocabulary (core/tasks.h; docs/tasks.md): the
 * birthday range of a month agrees with the rules engine's ages
 * (date_age_in_month, RULES.md §2.3, §2.6) on every day of a century,
 * leap days included; three months of suspension (§2.6); every kind and
 * decision has a code, a Vietnamese text and a RULES.md section. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/tasks.h"

/* For every birth date of 1925..2030 and the months where it reaches
 * 3, 4, 16, 22 and 80: the range of that month holds it, and no other
 * month's range does (checked through the ages of the month before). */
static void test_birth_range_matches_ages_s2_6(void **state)
{
    static const int ages[] = {3, 4, 16, 22, 80};
    struct date d = {1925, 1, 1}, end = {2031, 1, 1};

    (void)state;
    for (; date_cmp(d, end) < 0; d = date_add_days(d, 1)) {
        size_t a;

        for (a = 0; a < sizeof ages / sizeof ages[0]; a++) {
            struct month m = {d.y + ages[a], d.m}, k;
            int hits = 0, i;

            /* The birthday month is the month itself or, for 29 February
             * in a common year, March. */
            for (i = -1; i <= 1; i++) {
                struct date lo, hi;
                int in, turns;

                k = month_add(m, i);
                assert_int_equal(tasks_birth_range(k, ages[a], &lo, &hi), 0);
                in = date_cmp(lo, d) <= 0 && date_cmp(d, hi) <= 0;
                turns = date_age_in_month(d, k) == ages[a] &&
                        date_age_in_month(d, month_add(k, -1)) == ages[a] - 1;
                if (in != turns)
                    fail_msg("%04d-%02d-%02d age %d month %04d-%02d: range %d,"
                             " ages %d",
                             d.y, d.m, d.d, ages[a], k.y, k.m, in, turns);
                hits += in;
            }
            assert_int_equal(hits, 1);
        }
    }
}

static void test_birth_range_leap_day(void **state)
{
    struct date lo, hi;
    struct month feb = {2025, 2}, mar = {2025, 3}, feb28 = {2028, 2};

    (void)state;
    /* Born 2009-02-29? No such day; 2008-02-29 turns 17 on 2025-03-01. */
    assert_int_equal(tasks_birth_range(feb, 17, &lo, &hi), 0);
    assert_int_equal(hi.d, 28);
    assert_int_equal(tasks_birth_range(mar, 17, &lo, &hi), 0);
    assert_int_equal(lo.m, 2);
    assert_int_equal(lo.d, 29);
    assert_int_equal(hi.d, 31);
    /* In a leap year the birthday is the day itself. */
    assert_int_equal(tasks_birth_range(feb28, 20, &lo, &hi), 0);
    assert_int_equal(hi.d, 29);
    assert_int_equal(tasks_birth_range(feb, -1, &lo, &hi), -1);
}

static void test_suspension_due_s2_6(void **state)
{
    struct date out;

    (void)state;
    tasks_suspension_due((struct date){2025, 4, 1}, &out);
    assert_int_equal(date_cmp(out, (struct date){2025, 7, 1}), 0);
    tasks_suspension_due((struct date){2025, 11, 30}, &out);
    assert_int_equal(date_cmp(out, (struct date){2026, 2, 28}), 0);
    tasks_suspension_due((struct date){2023, 11, 30}, &out);
    assert_int_equal(date_cmp(out, (struct date){2024, 2, 29}), 0);
}

static void test_vocabulary(void **state)
{
    const struct tasks_birthday_rule *r;
    size_t i, n;
    int k;

    (void)state;
    for (k = 0; k < TASKS_KIND_COUNT; k++) {
        assert_true(tasks_kind_code(k)[0] != '\0');
        assert_true(tasks_kind_title(k)[0] != '\0');
        assert_non_null(strstr(tasks_kind_rules_ref(k), "RULES.md §"));
        assert_int_equal(tasks_kind_parse(tasks_kind_code(k)), k);
    }
    for (k = 0; k < TASKS_DEC_COUNT; k++) {
        assert_true(tasks_decision_text(k)[0] != '\0');
        assert_int_equal(tasks_decision_parse(tasks_decision_code(k)), k);
    }
    assert_string_equal(tasks_kind_code(TASKS_KIND_COUNT), "");
    assert_int_equal(tasks_kind_parse("child_5"), -1);
    assert_int_equal(tasks_decision_parse(NULL), -1);
    r = tasks_birthday_rules(&n);
    assert_true(n >= 8);
    for (i = 0; i < n; i++) {
        assert_true(r[i].kind < TASKS_OVERDUE_STEP);
        assert_non_null(strstr(r[i].rules_ref, "RULES.md §2."));
        /* Terminations are never automatic: each asks for a decision. */
        if (r[i].kind == TASKS_K7_3 || r[i].kind == TASKS_CHILD_22)
            assert_int_equal(r[i].decision, TASKS_DEC_TERMINATE);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_birth_range_matches_ages_s2_6),
        cmocka_unit_test(test_birth_range_leap_day),
        cmocka_unit_test(test_suspension_due_s2_6),
        cmocka_unit_test(test_vocabulary),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
