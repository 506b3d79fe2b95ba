/* test_oversight.c: storage contract for the oversight money pass
 * (store/store_oversight.h): store_ov_scan reading everyone in person
 * order or commune by commune (a person who lived in two of the communes
 * comes twice, each time with all of their rows and the commune as `via`),
 * and store_ov_communes on a day's tree. ctest runs it on SQLite and on
 * PostgreSQL; every assertion holds on both.
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
#include "store/store_oversight.h"
#include "store/store_persons.h"
#include "testdb.h"

#define FIRST "2025-01-01"
#define LAST  "2025-04-30"

struct ids {
    int64_t mover, child, gone, parent, kid;
};

static struct ids ids;

static void sql(struct db *db, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void sql(struct db *db, const char *fmt, ...)
{
    char text[1024];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (db_exec_script(db, text) != DB_OK)
        fail_msg("%s: %s", text, db_errmsg(db));
}

static int64_t person(struct db *db, const char *birth, int64_t hh)
{
    struct store_person_new p = {NULL, "Người Thử", birth, 'F', hh};
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_OK);
    return id;
}

static void member(struct db *db, int64_t pid, const char *cat,
                   const char *from, const char *to)
{
    struct store_membership_new m = {
        pid, cat, strcmp(cat, "K6") == 0 ? "severe" : NULL, 0, from, to};

    assert_int_equal(store_persons_membership_add(db, NULL, &m, NULL), DB_OK);
}

static void enrol(struct db *db, int64_t pid, const char *from)
{
    sql(db,
        "INSERT INTO beneficiaries (person_id, status, since, created_at)"
        " VALUES (%lld, 'enrolled', '%s', 'x')",
        (long long)pid, from);
    sql(db,
        "INSERT INTO beneficiary_status (person_id, status, valid_from,"
        " recorded_at, recorded_by) VALUES (%lld, 'enrolled', '%s', 'x',"
        " 'test')",
        (long long)pid, from);
}

static void reside(struct db *db, int64_t pid, const char *unit,
                   const char *from, const char *to)
{
    sql(db,
        "INSERT INTO residences (person_id, unit_code, valid_from, valid_to)"
        " VALUES (%lld, '%s', '%s', %s%s%s)",
        (long long)pid, unit, from, to ? "'" : "", to ? to : "NULL",
        to ? "'" : "");
}

/* The fixture (ids in creation order):
 *   mover   K6, 13291 then 13318 from 2025-03-01 (the later residence
 *           inserted first: the rows come in valid_from order anyway);
 *   child   K1b 2025-02-10..2025-04-01 in 13285;
 *   gone    K5a ended 2024-12-01 (nothing in the range) in 13318;
 *   parent  K4 in 13318, with a child (kid) in the household. */
static int setup(void **state)
{
    struct db *db = testdb_open();
    int64_t hh;

    assert_non_null(db);
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_persons_household_add(db, NULL, "13318-000001",
                                                 "13318", NULL, &hh),
                     DB_OK);
    ids.mover = person(db, "1980-04-04", 0);
    ids.child = person(db, "2018-08-08", 0);
    ids.gone = person(db, "1950-05-05", 0);
    ids.parent = person(db, "1990-01-01", hh);
    ids.kid = person(db, "2015-06-06", hh);
    member(db, ids.mover, "K6", "2025-01-01", NULL);
    member(db, ids.child, "K1b", "2025-02-10", "2025-04-01");
    member(db, ids.gone, "K5a", "2024-01-01", "2024-12-01");
    member(db, ids.parent, "K4", "2025-01-01", NULL);
    enrol(db, ids.mover, "2025-01-01");
    enrol(db, ids.child, "2025-02-10");
    enrol(db, ids.gone, "2024-01-01");
    enrol(db, ids.parent, "2025-01-01");
    reside(db, ids.mover, "13318", "2025-03-01", NULL);
    reside(db, ids.mover, "13291", "2025-01-01", "2025-03-01");
    reside(db, ids.child, "13285", "2025-01-01", NULL);
    reside(db, ids.gone, "13318", "2024-01-01", NULL);
    reside(db, ids.parent, "13318", "2025-01-01", NULL);
    reside(db, ids.kid, "13318", "2025-01-01", NULL);
    assert_int_equal(db_commit(db), DB_OK);
    *state = db;
    return 0;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

#define MAX_SEEN 16

struct seen {
    size_t n;
    struct store_ov_person p[MAX_SEEN];
};

static int keep(void *arg, const struct store_ov_person *p)
{
    struct seen *s = arg;

    assert_true(s->n < MAX_SEEN);
    s->p[s->n++] = *p;
    return 0;
}

static void check_mover(const struct store_ov_person *p)
{
    assert_int_equal(p->id, ids.mover);
    assert_string_equal(p->birth_date, "1980-04-04");
    assert_int_equal(p->nmembers, 1);
    assert_string_equal(p->m[0].category, "K6");
    assert_string_equal(p->m[0].disability, "severe");
    assert_int_equal(p->nenrolled, 1);
    assert_string_equal(p->enrolled[0].from, "2025-01-01");
    assert_string_equal(p->enrolled[0].to, "");
    /* both residences, whatever commune it was read for, oldest first */
    assert_int_equal(p->nresidences, 2);
    assert_string_equal(p->r[0].commune, "13291");
    assert_string_equal(p->r[0].p.to, "2025-03-01");
    assert_string_equal(p->r[1].commune, "13318");
    assert_int_equal(p->nkids, 0);
    assert_int_equal(p->truncated, 0);
}

static void test_scan_everyone(void **state)
{
    struct db *db = *state;
    struct seen s;

    memset(&s, 0, sizeof s);
    assert_int_equal(db_begin(db, 0), DB_OK);
    assert_int_equal(store_ov_scan(db, FIRST, LAST, NULL, 0, keep, &s), DB_OK);
    db_rollback(db);
    /* person order; nobody without a membership in the range */
    assert_int_equal(s.n, 3);
    check_mover(&s.p[0]);
    assert_string_equal(s.p[0].via, "");
    assert_int_equal(s.p[1].id, ids.child);
    assert_string_equal(s.p[1].m[0].p.from, "2025-02-10");
    assert_string_equal(s.p[1].m[0].p.to, "2025-04-01");
    assert_int_equal(s.p[1].nresidences, 1);
    assert_string_equal(s.p[1].r[0].commune, "13285");
    assert_int_equal(s.p[2].id, ids.parent);
    assert_int_equal(s.p[2].nkids, 1);
    assert_string_equal(s.p[2].kid[0].birth_date, "2015-06-06");
    assert_int_equal(s.p[2].kid[0].studying, 0);
}

static void test_scan_by_commune(void **state)
{
    static char c1[] = "13291", c2[] = "13318";
    char *const communes[] = {c1, c2};
    struct db *db = *state;
    struct seen s;

    memset(&s, 0, sizeof s);
    assert_int_equal(db_begin(db, 0), DB_OK);
    assert_int_equal(store_ov_scan(db, FIRST, LAST, communes, 2, keep, &s),
                     DB_OK);
    db_rollback(db);
    /* 13291: the mover; 13318: the mover again and the parent (the
     * child lives in 13285, the one gone has no membership then) */
    assert_int_equal(s.n, 3);
    check_mover(&s.p[0]);
    assert_string_equal(s.p[0].via, "13291");
    check_mover(&s.p[1]);
    assert_string_equal(s.p[1].via, "13318");
    assert_int_equal(s.p[2].id, ids.parent);
    assert_string_equal(s.p[2].via, "13318");
    assert_int_equal(s.p[2].nkids, 1);
    /* a range the move is outside of: 13291 only before March */
    memset(&s, 0, sizeof s);
    assert_int_equal(db_begin(db, 0), DB_OK);
    assert_int_equal(
        store_ov_scan(db, "2025-03-01", "2025-03-31", communes, 1, keep, &s),
        DB_OK);
    db_rollback(db);
    assert_int_equal(s.n, 0);
    /* a bad day is refused */
    assert_int_equal(db_begin(db, 0), DB_OK);
    assert_int_equal(
        store_ov_scan(db, "2025-02-30", LAST, communes, 1, keep, &s),
        DB_ECHECK);
    db_rollback(db);
}

static int add_code(void *arg, const char *code)
{
    char *list = arg;
    size_t n = strlen(list);

    snprintf(list + n, 512 - n, "%s,", code);
    return 0;
}

static void test_communes_of_a_day(void **state)
{
    struct db *db = *state;
    struct store_ov_area nb = {1, "37"}, phu_ly = {3, "13285"};
    char before[512] = "", after[512] = "", one[512] = "";

    assert_int_equal(db_begin(db, 0), DB_OK);
    assert_int_equal(store_ov_communes(db, &nb, "2025-06-30", add_code, before),
                     DB_OK);
    assert_int_equal(store_ov_communes(db, &nb, "2025-07-01", add_code, after),
                     DB_OK);
    assert_int_equal(
        store_ov_communes(db, &phu_ly, "2025-07-01", add_code, one), DB_OK);
    db_rollback(db);
    /* Phủ Lý's communes belong to Hà Nam (35) until 30/06/2025 and to
     * Ninh Bình (37) from 01/07/2025; codes in ascending order */
    assert_null(strstr(before, "13285,"));
    assert_non_null(strstr(after, "13285,13291,"));
    assert_non_null(strstr(after, "13318,"));
    assert_string_equal(one, "13285,");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_scan_everyone),
        cmocka_unit_test(test_scan_by_commune),
        cmocka_unit_test(test_communes_of_a_day),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
