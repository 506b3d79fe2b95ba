/* test_forms.c: storage contract tests for store_forms_stock (the
 * beneficiaries of an area on a day, one row per membership valid then,
 * in person order), behind Forms 10a-10d (docs/oversight.md). ctest runs
 * them on SQLite and on PostgreSQL; every assertion must hold on both.
 *
 * The fixture, around the 2025 reform:
 *   1  enrolled, K5a and K6 (severe); Châu Cầu (13294, district 347 of Hà
 *      Nam 35) to 30/06/2025, then Phủ Lý (13285, Ninh Bình 37);
 *   2  enrolled then suspended from 01/03/2025, K1b; Lam Hạ (13303, 347)
 *      to 30/06/2025, no residence after;
 *   3  enrolled, no membership; Hà Nội (00004);
 *   4  terminated from 01/02/2025, K6 ended then; Châu Cầu.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/store_forms.h"
#include "testdb.h"

static int setup(void **state)
{
    *state = testdb_open();
    return *state == NULL;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

static void sql(struct db *db, const char *q)
{
    if (db_exec_script(db, q) != DB_OK)
        fail_msg("%s: %s", q, db_errmsg(db));
}

static void fixture(struct db *db)
{
    int i;
    char q[512];

    for (i = 1; i <= 4; i++) {
        snprintf(q, sizeof q,
                 "INSERT INTO persons (id, full_name, search_text, birth_date,"
                 " sex, created_at) VALUES (%d, 'Người %d', 'x', '1980-01-01',"
                 " 'M', 'x');"
                 "INSERT INTO beneficiaries (person_id, status, since,"
                 " created_at) VALUES (%d, 'enrolled', '2020-01-01', 'x');",
                 i, i, i);
        sql(db, q);
    }
    sql(db,
        "INSERT INTO residences (person_id, unit_code, valid_from,"
        " valid_to) VALUES (1, '13294', '2020-01-01', '2025-07-01'),"
        " (1, '13285', '2025-07-01', NULL),"
        " (2, '13303', '2020-01-01', '2025-07-01'),"
        " (3, '00004', '2020-01-01', NULL),"
        " (4, '13294', '2020-01-01', NULL);"
        "INSERT INTO beneficiary_status (person_id, status, reason,"
        " valid_from, valid_to, recorded_at, recorded_by) VALUES"
        " (1, 'enrolled', NULL, '2024-01-01', NULL, 'x', 't'),"
        " (2, 'enrolled', NULL, '2024-01-01', '2025-03-01', 'x', 't'),"
        " (2, 'suspended', 'not_collected', '2025-03-01', NULL, 'x', 't'),"
        " (3, 'enrolled', NULL, '2024-01-01', NULL, 'x', 't'),"
        " (4, 'enrolled', NULL, '2024-01-01', '2025-02-01', 'x', 't'),"
        " (4, 'terminated', 'death', '2025-02-01', NULL, 'x', 't');"
        "INSERT INTO memberships (person_id, category, disability,"
        " valid_from, valid_to, created_at) VALUES"
        " (1, 'K5a', NULL, '2024-01-01', NULL, 'x'),"
        " (1, 'K6', 'severe', '2024-01-01', NULL, 'x'),"
        " (2, 'K1b', NULL, '2024-01-01', NULL, 'x'),"
        " (4, 'K6', 'especially_severe', '2024-01-01', '2025-02-01', 'x');");
}

struct seen {
    char rows[16][64];
    size_t n;
    int stop_at; /* return 7 at this row (1-based); 0 never */
};

static int on_member(void *arg, const struct store_forms_member *m)
{
    struct seen *s = arg;

    if (s->n < 16)
        snprintf(s->rows[s->n], sizeof s->rows[0], "%lld %s %s %s",
                 (long long)m->person_id, m->status,
                 m->category[0] ? m->category : "-",
                 m->disability[0] ? m->disability : "-");
    s->n++;
    return s->stop_at > 0 && (int)s->n == s->stop_at ? 7 : 0;
}

static struct seen stock(struct db *db, int level, const char *code,
                         const char *day)
{
    struct store_ov_area a;
    struct seen s;

    memset(&s, 0, sizeof s);
    a.level = level;
    snprintf(a.code, sizeof a.code, "%s", code);
    if (store_forms_stock(db, &a, day, on_member, &s) != DB_OK)
        fail_msg("stock %d %s %s: %s", level, code, day, db_errmsg(db));
    return s;
}

static void test_stock_by_area_and_day(void **state)
{
    struct db *db = *state;
    struct seen s;

    fixture(db);
    /* Nationally: everyone enrolled or suspended, resident or not; a
     * person's memberships together, persons in order; a person with no
     * membership once, category "". */
    s = stock(db, 0, "", "2025-06-30");
    assert_int_equal(s.n, 4);
    assert_string_equal(s.rows[0], "1 enrolled K5a -");
    assert_string_equal(s.rows[1], "1 enrolled K6 severe");
    assert_string_equal(s.rows[2], "2 suspended K1b -");
    assert_string_equal(s.rows[3], "3 enrolled - -");
    /* Before the termination, 4 counts, with its membership. */
    s = stock(db, 0, "", "2025-01-31");
    assert_int_equal(s.n, 5);
    assert_string_equal(s.rows[2], "2 enrolled K1b -");
    assert_string_equal(s.rows[4], "4 enrolled K6 especially_severe");
    /* Hà Nam, its district and a commune on the old tree. */
    s = stock(db, 1, "35", "2025-06-30");
    assert_int_equal(s.n, 3);
    assert_string_equal(s.rows[2], "2 suspended K1b -");
    assert_int_equal(stock(db, 2, "347", "2025-06-30").n, 3);
    s = stock(db, 3, "13294", "2025-06-30");
    assert_int_equal(s.n, 2);
    assert_string_equal(s.rows[0], "1 enrolled K5a -");
    /* The new tree: Ninh Bình holds 1 from 01/07/2025 (not before: old
     * Ninh Bình was another province); 2 lives nowhere then. */
    assert_int_equal(stock(db, 1, "37", "2025-06-30").n, 0);
    s = stock(db, 1, "37", "2025-07-01");
    assert_int_equal(s.n, 2);
    assert_string_equal(s.rows[1], "1 enrolled K6 severe");
    assert_int_equal(stock(db, 3, "13285", "2025-07-01").n, 2);
    assert_int_equal(stock(db, 2, "347", "2025-07-01").n, 0);
    assert_int_equal(stock(db, 1, "01", "2025-07-01").n, 1);
}

static void test_stop_and_errors(void **state)
{
    struct db *db = *state;
    struct store_ov_area a = {0, ""};
    struct seen s;

    fixture(db);
    memset(&s, 0, sizeof s);
    s.stop_at = 2;
    assert_int_equal(store_forms_stock(db, &a, "2025-06-30", on_member, &s), 7);
    assert_int_equal(s.n, 2);
    a.level = 1;
    snprintf(a.code, sizeof a.code, "3");
    assert_int_equal(store_forms_stock(db, &a, "2025-06-30", on_member, &s),
                     DB_EINVAL);
    a.level = 4;
    snprintf(a.code, sizeof a.code, "13285");
    assert_int_equal(store_forms_stock(db, &a, "2025-06-30", on_member, &s),
                     DB_EINVAL);
    a.level = 3;
    assert_int_equal(store_forms_stock(db, &a, "2025-13-01", on_member, &s),
                     DB_ECHECK);
    assert_int_equal(store_forms_stock(db, &a, NULL, on_member, &s), DB_ECHECK);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stock_by_area_and_day, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_stop_and_errors, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
