/* test_decision.c: the effective month of each kind of decision
 * (core/decision.h; RULES.md §2.6, Decree 20/2021 Art. 8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/decision.h"

static struct date D(int y, int m, int d) {
    struct date x = {y, m, d};
    return x;
}

static void
input(struct decision_input *in, int kind, struct date signed_on,
      const char *categories)
{
    memset(in, 0, sizeof *in);
    in->kind = kind;
    in->signed_on = signed_on;
    in->birth = D(1950, 5, 10);
    in->categories = categories;
}

static void want_month(const struct decision_input *in, int y, int m)
{
    struct decision_months out;
    char msg[256], field[32];
    int rc = decision_effective(in, &out, msg, sizeof msg, field, sizeof field);

    if (rc != DECISION_OK)
        fail_msg("rc %d: %s (%s)", rc, msg, field);
    if (out.effective.y != y || out.effective.m != m)
        fail_msg("got %04d-%02d, want %04d-%02d", out.effective.y,
                 out.effective.m, y, m);
}

static void want_error(const struct decision_input *in, const char *field_want)
{
    struct decision_months out;
    char msg[256], field[32];

    assert_int_equal(
        decision_effective(in, &out, msg, sizeof msg, field, sizeof field),
        DECISION_EINPUT);
    assert_string_equal(field, field_want);
    assert_true(msg[0] != '\0');
}

/* §2.6: start from the month the chairman signs. */
static void test_grant_from_signing_month_s2_6(void **state)
{
    struct decision_input in;

    (void)state;
    input(&in, DECISION_GRANT, D(2025, 6, 30), "K1b");
    want_month(&in, 2025, 6);
    input(&in, DECISION_GRANT, D(2025, 7, 1), "K5a");
    want_month(&in, 2025, 7);
    /* care and funeral dossiers: no category */
    input(&in, DECISION_GRANT, D(2026, 2, 26), NULL);
    want_month(&in, 2026, 2);
}

/* §2.6: K5b from turning 75, K5c from turning 80, when later. */
static void test_k5b_k5c_from_birthday_month_s2_6(void **state)
{
    struct decision_input in;
    struct decision_months out;

    (void)state;
    /* born 1950-05-10: 75 in May 2025, 80 in May 2030 */
    input(&in, DECISION_GRANT, D(2025, 3, 20), "K5b");
    want_month(&in, 2025, 5);
    input(&in, DECISION_GRANT, D(2025, 8, 1), "K5b");
    want_month(&in, 2025, 8);
    input(&in, DECISION_GRANT, D(2030, 4, 2), "K5c");
    want_month(&in, 2030, 5);
    input(&in, DECISION_GRANT, D(2030, 5, 31), "K5c");
    want_month(&in, 2030, 5);
    /* Several categories: each its month, the decision the earliest. */
    input(&in, DECISION_GRANT, D(2025, 3, 20), "K4,K5b");
    assert_int_equal(decision_effective(&in, &out, NULL, 0, NULL, 0),
                     DECISION_OK);
    assert_int_equal(out.ncategories, 2);
    assert_int_equal(out.from[0].m, 3);
    assert_int_equal(out.from[1].m, 5);
    assert_int_equal(out.effective.m, 3);
}

/* §2.6: K6 from the month of the disability certificate. */
static void test_k6_from_certificate_month_s2_6(void **state)
{
    struct decision_input in;

    (void)state;
    input(&in, DECISION_GRANT, D(2026, 3, 5), "K6");
    in.has_certificate = 1;
    in.certificate_on = D(2026, 1, 20);
    want_month(&in, 2026, 1);
    in.certificate_on = D(2026, 3, 5);
    want_month(&in, 2026, 3);
    in.certificate_on = D(2026, 3, 6);
    want_error(&in, "certificate_on");
    in.has_certificate = 0;
    want_error(&in, "certificate_on");
}

/* §2.6: adjust from the month the new condition is met; stop from the
 * month after the event; suspension likewise, resumption from the month
 * the ground ends (UNVERIFIED, docs/dossiers.md). */
static void test_adjust_stop_suspend_resume_s2_6(void **state)
{
    struct decision_input in;

    (void)state;
    input(&in, DECISION_ADJUST, D(2026, 4, 2), "K5a");
    in.has_event = 1;
    in.event_on = D(2026, 2, 14);
    want_month(&in, 2026, 2);
    input(&in, DECISION_TERMINATE, D(2026, 4, 2), NULL);
    in.has_event = 1;
    in.event_on = D(2026, 3, 31);
    want_month(&in, 2026, 4);
    in.event_on = D(2025, 12, 1); /* death in December: stop from January */
    want_month(&in, 2026, 1);
    input(&in, DECISION_SUSPEND, D(2026, 4, 2), NULL);
    in.has_event = 1;
    in.event_on = D(2026, 3, 31); /* Jan-Mar not collected */
    want_month(&in, 2026, 4);
    input(&in, DECISION_RESUME, D(2026, 6, 10), NULL);
    in.has_event = 1;
    in.event_on = D(2026, 5, 20);
    want_month(&in, 2026, 5);
    /* no event, or one after signing */
    input(&in, DECISION_TERMINATE, D(2026, 4, 2), NULL);
    want_error(&in, "event_on");
    in.has_event = 1;
    in.event_on = D(2026, 4, 3);
    want_error(&in, "event_on");
}

/* §6.3: after a move, from the month after the month of the old place's
 * stop decision. */
static void test_transfer_s6_3(void **state)
{
    struct decision_input in;

    (void)state;
    input(&in, DECISION_GRANT, D(2025, 5, 20), "K6");
    in.transfer = 1;
    in.has_event = 1;
    in.event_on = D(2025, 4, 30);
    want_month(&in, 2025, 5);
    in.has_event = 0;
    want_error(&in, "event_on");
}

/* §6.3 with §2.6: the old place stops a person who moved from the month
 * after the month of its own stop decision, whenever the move happened,
 * so the new place (from the month after that month) leaves no month
 * unpaid and pays none twice. */
static void test_stop_for_a_move_s6_3(void **state)
{
    struct decision_input stop, grant;
    struct decision_months a, b;
    char msg[256], field[32];

    (void)state;
    input(&stop, DECISION_TERMINATE, D(2025, 6, 12), NULL);
    stop.moved = 1;
    stop.has_event = 1;
    stop.event_on = D(2025, 3, 20); /* moved in March */
    want_month(&stop, 2025, 7);
    /* The same termination for any other ground follows the event. */
    stop.moved = 0;
    want_month(&stop, 2025, 4);
    stop.moved = 1;
    /* The new place signs in July (or later: arrears) on the stop
     * decision's date: both sides meet on 2025-07. */
    input(&grant, DECISION_GRANT, D(2025, 7, 15), "K5c");
    grant.transfer = 1;
    grant.has_event = 1;
    grant.event_on = stop.signed_on;
    assert_int_equal(
        decision_effective(&stop, &a, msg, sizeof msg, field, sizeof field),
        DECISION_OK);
    assert_int_equal(
        decision_effective(&grant, &b, msg, sizeof msg, field, sizeof field),
        DECISION_OK);
    assert_int_equal(month_cmp(a.effective, b.effective), 0);
    grant.signed_on = D(2025, 10, 1);
    assert_int_equal(
        decision_effective(&grant, &b, msg, sizeof msg, field, sizeof field),
        DECISION_OK);
    assert_int_equal(month_cmp(a.effective, b.effective), 0);
    /* Still no event after signing. */
    stop.event_on = D(2025, 6, 13);
    want_error(&stop, "event_on");
}

static void test_bad_inputs(void **state)
{
    struct decision_input in;

    (void)state;
    input(&in, DECISION_GRANT, D(2026, 1, 5), "K9");
    want_error(&in, "categories");
    input(&in, DECISION_GRANT, D(2026, 1, 5), "K4,K4");
    want_error(&in, "categories");
    input(&in, DECISION_GRANT, D(2026, 1, 5), "K4,");
    want_error(&in, "categories");
    input(&in, DECISION_GRANT, D(2026, 1, 5), ",K4");
    want_error(&in, "categories");
    input(&in, DECISION_GRANT, D(2026, 1, 5),
          "K1a,K1b,K1c,K1d,K2,K3,K4,K5a,K6");
    want_error(&in, "categories");
    input(&in, 17, D(2026, 1, 5), NULL);
    want_error(&in, "kind");
    assert_int_equal(decision_kind_parse("terminate"), DECISION_TERMINATE);
    assert_int_equal(decision_kind_parse("stop"), -1);
    assert_string_equal(decision_kind_code(DECISION_RESUME), "resume");
    assert_string_equal(decision_kind_name(DECISION_GRANT),
                        "Quyết định hưởng trợ cấp");
    assert_string_equal(decision_kind_code(-1), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grant_from_signing_month_s2_6),
        cmocka_unit_test(test_k5b_k5c_from_birthday_month_s2_6),
        cmocka_unit_test(test_k6_from_certificate_month_s2_6),
        cmocka_unit_test(test_adjust_stop_suspend_resume_s2_6),
        cmocka_unit_test(test_transfer_s6_3),
        cmocka_unit_test(test_stop_for_a_move_s6_3),
        cmocka_unit_test(test_bad_inputs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
