/* test_quote.c: storage contract tests for store_quote_scan (persons,
 * memberships valid in a month, K4 children) and the whole-database
 * entitlement pass built on it (app_quote_all). ctest runs them on SQLite
 * and on PostgreSQL; every assertion must hold on both.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/quote.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_quote.h"
#include "testdb.h"

static int setup(void **state)
{
    *state = testdb_open_schema();
    return *state == NULL;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

static int64_t person(struct db *db, const char *birth, int64_t hh)
{
    struct store_person_new p = {NULL, "Nguyễn Văn An", birth, 'M', hh};
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_OK);
    return id;
}

static void member(struct db *db, int64_t pid, const char *cat, const char *dis,
                   int studying, const char *from, const char *to)
{
    struct store_membership_new m = {pid, cat, dis, studying, from, to};

    assert_int_equal(store_persons_membership_add(db, NULL, &m, NULL), DB_OK);
}

/* The fixture: ids in creation order.
 *   P   K4 (open) + K6 severe ending 2025-06-10; household with children
 *       C1 (2015) and C2 (2008, school paper), and nothing else;
 *   Q   K5c from 2025-06-20 (starts within June);
 *   R   K8 ending 2025-06-01 (exclusive: last day in May);
 *   S   K1b from 2025-07-01;
 *   T   no membership;
 *   U   K2 studying, ending 2025-06-02 (still valid on 1 June). */
struct ids {
    int64_t p, c1, c2, q, r, s, t, u;
};

static void fixture(struct db *db, struct ids *x)
{
    struct store_document_new school = {0,
                                        0,
                                        "Giấy xác nhận đang học",
                                        "12/GXN",
                                        "2024-09-05",
                                        "Trường THPT A"};
    int64_t hh, hh2;

    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_persons_household_add(db, NULL, "13285-000001",
                                                 "13285", NULL, &hh),
                     DB_OK);
    assert_int_equal(store_persons_household_add(db, NULL, "13285-000002",
                                                 "13285", NULL, &hh2),
                     DB_OK);
    x->p = person(db, "1985-01-01", hh);
    member(db, x->p, "K4", NULL, 0, "2024-01-01", NULL);
    member(db, x->p, "K6", "severe", 0, "2025-03-15", "2025-06-10");
    x->c1 = person(db, "2015-05-05", hh);
    x->c2 = person(db, "2008-02-02", hh);
    school.person_id = x->c2;
    assert_int_equal(store_persons_document_add(db, NULL, &school, NULL),
                     DB_OK);
    x->q = person(db, "1940-03-03", hh2);
    member(db, x->q, "K5c", NULL, 0, "2025-06-20", NULL);
    x->r = person(db, "1970-01-01", 0);
    member(db, x->r, "K8", NULL, 0, "2022-01-01", "2025-06-01");
    x->s = person(db, "2015-01-01", 0);
    member(db, x->s, "K1b", NULL, 0, "2025-07-01", NULL);
    x->t = person(db, "1960-01-01", 0);
    x->u = person(db, "2005-01-01", 0);
    member(db, x->u, "K2", NULL, 1, "2025-01-01", "2025-06-02");
    assert_int_equal(db_commit(db), DB_OK);
}

struct seen {
    size_t n;
    struct store_quote_person p[8];
    int stop_after; /* 0: never */
};

static int collect(void *arg, const struct store_quote_person *p)
{
    struct seen *s = arg;

    assert_true(s->n < 8);
    s->p[s->n++] = *p;
    return s->stop_after > 0 && s->n == (size_t)s->stop_after ? 42 : 0;
}

static void test_scan_month(void **state)
{
    struct db *db = *state;
    struct seen *s = calloc(1, sizeof *s);
    struct ids x;

    assert_non_null(s);
    fixture(db, &x);
    assert_int_equal(
        store_quote_scan(db, "2025-06-01", "2025-06-30", collect, s), DB_OK);
    assert_int_equal(s->n, 3);
    /* P: both memberships in id order, children in id order. */
    assert_int_equal(s->p[0].person_id, x.p);
    assert_string_equal(s->p[0].birth_date, "1985-01-01");
    assert_int_equal(s->p[0].nmemberships, 2);
    assert_string_equal(s->p[0].m[0].category, "K4");
    assert_string_equal(s->p[0].m[0].disability, "");
    assert_string_equal(s->p[0].m[1].category, "K6");
    assert_string_equal(s->p[0].m[1].disability, "severe");
    assert_int_equal(s->p[0].nchildren, 2);
    assert_string_equal(s->p[0].child[0].birth_date, "2015-05-05");
    assert_int_equal(s->p[0].child[0].studying, 0);
    assert_string_equal(s->p[0].child[1].birth_date, "2008-02-02");
    assert_int_equal(s->p[0].child[1].studying, 1);
    assert_int_equal(s->p[0].truncated, 0);
    /* Q starts within the month; U ends within it. */
    assert_int_equal(s->p[1].person_id, x.q);
    assert_int_equal(s->p[1].nmemberships, 1);
    assert_int_equal(s->p[1].nchildren, 0);
    assert_int_equal(s->p[2].person_id, x.u);
    assert_string_equal(s->p[2].m[0].category, "K2");
    assert_int_equal(s->p[2].m[0].studying, 1);
    /* July: the K6 and U's K2 have ended; S starts. */
    memset(s, 0, sizeof *s);
    assert_int_equal(
        store_quote_scan(db, "2025-07-01", "2025-07-31", collect, s), DB_OK);
    assert_int_equal(s->n, 3);
    assert_int_equal(s->p[0].person_id, x.p);
    assert_int_equal(s->p[0].nmemberships, 1);
    assert_int_equal(s->p[0].nchildren, 2);
    assert_int_equal(s->p[1].person_id, x.q);
    assert_int_equal(s->p[2].person_id, x.s);
    /* May: R's K8 (valid_to 2025-06-01 exclusive) still counts. */
    memset(s, 0, sizeof *s);
    assert_int_equal(
        store_quote_scan(db, "2025-05-01", "2025-05-31", collect, s), DB_OK);
    assert_int_equal(s->n, 3); /* P, R, U */
    assert_int_equal(s->p[1].person_id, x.r);
    free(s);
}

static void test_scan_stops_and_checks(void **state)
{
    struct db *db = *state;
    struct seen *s = calloc(1, sizeof *s);
    struct ids x;

    assert_non_null(s);
    fixture(db, &x);
    s->stop_after = 2;
    assert_int_equal(
        store_quote_scan(db, "2025-06-01", "2025-06-30", collect, s), 42);
    assert_int_equal(s->n, 2);
    assert_int_equal(
        store_quote_scan(db, "2025-06-31", "2025-06-30", collect, s),
        DB_ECHECK);
    assert_int_equal(store_quote_scan(db, NULL, "2025-06-30", collect, s),
                     DB_ECHECK);
    /* An empty database streams nobody. */
    free(s);
}

static void test_scan_empty(void **state)
{
    struct seen s = {0};

    assert_int_equal(
        store_quote_scan(*state, "2025-06-01", "2025-06-30", collect, &s),
        DB_OK);
    assert_int_equal(s.n, 0);
}

/* The whole pass (national rules at 500,000 in June 2025):
 *   P: K4 for two children (one 17 and studying) 1,000,000 on top of K6
 *      severe adult 750,000 (RULES.md §2.5) = 1,750,000;
 *   Q: K5c 500,000;   U: K2 750,000.   Total 3,000,000. */
static void test_all_month(void **state)
{
    struct db *db = *state;
    struct app_quote_summary sum;
    char msg[256];
    struct ids x;

    fixture(db, &x);
    assert_int_equal(app_quote_all(db, "2025-06", &sum, msg, sizeof msg),
                     APP_QUOTE_OK);
    assert_string_equal(sum.month, "2025-06");
    assert_int_equal(sum.persons, 3);
    assert_int_equal(sum.payable, 3);
    assert_int_equal(sum.ineligible, 0);
    assert_int_equal(sum.errors, 0);
    assert_int_equal(sum.k4_children, 2);
    assert_int_equal(sum.lines, 5);
    assert_int_equal(sum.total, 3000000);
    /* July 2025: S is a K1 child of 10 (1.5); P's K6 ended. */
    assert_int_equal(app_quote_all(db, "2025-07", &sum, msg, sizeof msg),
                     APP_QUOTE_OK);
    assert_int_equal(sum.persons, 3);
    assert_int_equal(sum.total, 1000000 + 500000 + 750000);
    assert_int_equal(app_quote_all(db, "2025-7", &sum, msg, sizeof msg),
                     APP_QUOTE_EINPUT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_scan_month, setup, teardown),
        cmocka_unit_test_setup_teardown(test_scan_stops_and_checks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_scan_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_all_month, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
