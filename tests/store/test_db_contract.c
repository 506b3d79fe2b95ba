/* test_db_contract.c: the storage contract suite for the driver layer.
 * ctest runs it on SQLite and on PostgreSQL; every assertion must hold on
 * both (ENGINEERING.md §5, §14.2). Uses the real schema (0001_init). */
#define _GNU_SOURCE /* strcasestr */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/migrate.h"
#include "testdb.h"

static int setup(void **state)
{
    *state = testdb_open_schema();
    return 0;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

static int64_t insert_household(struct db *db, const char *code)
{
    struct db_stmt *st;
    int64_t id;

    assert_int_equal(db_prepare(db,
                                "INSERT INTO households (code, unit_code,"
                                " created_at) VALUES ($1, '13285', $2)"
                                " RETURNING id",
                                &st),
                     DB_OK);
    assert_int_equal(db_bind_text(st, 1, code, (size_t)-1), DB_OK);
    assert_int_equal(db_bind_text(st, 2, "2026-01-01T00:00:00Z", (size_t)-1),
                     DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    id = db_col_int64(st, 0);
    assert_true(id > 0);
    assert_int_equal(db_step(st), DB_DONE);
    db_reset(st);
    return id;
}

static const char insert_person_sql[] =
    "INSERT INTO persons (id_number, full_name, search_text, birth_date, sex,"
    " household_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)"
    " RETURNING id";

static int insert_person(struct db *db, const char *idn, const char *name,
                         const char *birth, const char *sex, int64_t hh)
{
    struct db_stmt *st;
    int rc;

    assert_int_equal(db_prepare(db, insert_person_sql, &st), DB_OK);
    db_bind_text(st, 1, idn, (size_t)-1);
    db_bind_text(st, 2, name, (size_t)-1);
    db_bind_text(st, 3, "x", (size_t)-1);
    db_bind_text(st, 4, birth, (size_t)-1);
    db_bind_text(st, 5, sex, (size_t)-1);
    if (hh > 0)
        db_bind_int64(st, 6, hh);
    else
        db_bind_null(st, 6);
    db_bind_text(st, 7, "2026-01-01T00:00:00Z", (size_t)-1);
    rc = db_step(st);
    if (rc == DB_ROW)
        rc = DB_OK;
    db_reset(st);
    return rc;
}

static void test_engine_name(void **state)
{
    struct db *db = *state;
    const char *want =
        strcmp(testdb_engine(), "pg") == 0 ? "postgresql" : "sqlite";
    assert_string_equal(db_engine(db), want);
}

static void test_migrate_twice_is_noop(void **state)
{
    struct db *db = *state;
    int applied = -1, current = 0, latest = 0;

    assert_int_equal(migrate_apply(db, &applied), DB_OK);
    assert_int_equal(applied, 0);
    assert_int_equal(migrate_status(db, &current, &latest), DB_OK);
    assert_int_equal(current, latest);
    assert_true(latest >= 1);
}

/* $n are bound by number whatever their order of appearance, and a $n used
 * twice is one parameter. */
static void test_placeholders_by_number(void **state)
{
    struct db *db = *state;
    struct db_stmt *st;
    size_t len;
    const char *t;

    assert_int_equal(db_prepare(db,
                                "SELECT CAST($2 AS TEXT), CAST($1 AS TEXT),"
                                " CAST($2 AS TEXT)",
                                &st),
                     DB_OK);
    assert_int_equal(db_bind_text(st, 1, "một", (size_t)-1), DB_OK);
    assert_int_equal(db_bind_text(st, 2, "hai", (size_t)-1), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    t = db_col_text(st, 0, &len);
    assert_string_equal(t, "hai");
    assert_int_equal(len, 3);
    assert_string_equal(db_col_text(st, 1, NULL), "một");
    assert_string_equal(db_col_text(st, 2, NULL), "hai");
    assert_int_equal(db_col_count(st), 3);
    assert_int_equal(db_step(st), DB_DONE);
    db_reset(st);
    /* binding a parameter the statement does not have is an error */
    assert_int_equal(db_prepare(db, "SELECT CAST($1 AS TEXT)", &st), DB_OK);
    assert_int_equal(db_bind_text(st, 2, "x", 1), DB_EINVAL);
    db_reset(st);
}

static void test_values_round_trip(void **state)
{
    struct db *db = *state;
    struct db_stmt *st;
    const char *name = "Nguyễn Thị Ánh Tuyết — “đ” ơ ư";

    assert_int_equal(db_prepare(db,
                                "SELECT CAST($1 AS BIGINT),"
                                " CAST($2 AS BIGINT), CAST($3 AS TEXT),"
                                " CAST($4 AS TEXT)",
                                &st),
                     DB_OK);
    db_bind_int64(st, 1, INT64_MAX);
    db_bind_int64(st, 2, -9000000000000000LL);
    db_bind_text(st, 3, name, (size_t)-1);
    db_bind_null(st, 4);
    assert_int_equal(db_step(st), DB_ROW);
    assert_true(db_col_int64(st, 0) == INT64_MAX);
    assert_true(db_col_int64(st, 1) == -9000000000000000LL);
    assert_string_equal(db_col_text(st, 2, NULL), name);
    assert_true(db_col_is_null(st, 3));
    assert_null(db_col_text(st, 3, NULL));
    assert_false(db_col_is_null(st, 2));
    db_reset(st);
}

static void test_unique_violation_is_conflict(void **state)
{
    struct db *db = *state;

    assert_int_equal(
        insert_person(db, "035148000001", "Lê Văn An", "1948-03-02", "M", 0),
        DB_OK);
    assert_int_equal(
        insert_person(db, "035148000001", "Lê Văn Bình", "1948-03-02", "M", 0),
        DB_ECONFLICT);
    assert_true(strlen(db_errmsg(db)) > 0);
}

static void test_foreign_key_violation(void **state)
{
    struct db *db = *state;

    assert_int_equal(insert_person(db, "035148000002", "Phạm Thị Cúc",
                                   "1948-03-02", "F", 987654),
                     DB_EFK);
}

static void test_check_violations(void **state)
{
    struct db *db = *state;

    /* impossible date: rejected by both engines, same code */
    assert_int_equal(
        insert_person(db, "035148000003", "Đỗ Văn Dũng", "2025-02-30", "M", 0),
        DB_ECHECK);
    /* not a date at all */
    assert_int_equal(
        insert_person(db, "035148000004", "Đỗ Văn Dũng", "30/01/2025", "M", 0),
        DB_ECHECK);
    /* CHECK (sex IN ('M','F')) */
    assert_int_equal(
        insert_person(db, "035148000005", "Đỗ Văn Dũng", "1950-01-30", "X", 0),
        DB_ECHECK);
    /* id_number of 11 digits */
    assert_int_equal(
        insert_person(db, "03514800000", "Đỗ Văn Dũng", "1950-01-30", "M", 0),
        DB_ECHECK);
    /* NOT NULL */
    assert_int_equal(
        insert_person(db, "035148000006", NULL, "1950-01-30", "M", 0),
        DB_ECHECK);
    /* integer column given text that is not a number */
    {
        struct db_stmt *st;
        assert_int_equal(
            db_prepare(db,
                       "INSERT INTO household_poverty (household_id, year,"
                       " status) VALUES ($1, $2, 'poor')",
                       &st),
            DB_OK);
        db_bind_int64(st, 1, insert_household(db, "HH-CHECK"));
        db_bind_text(st, 2, "hai nghìn", (size_t)-1);
        assert_int_equal(db_step(st), DB_ECHECK);
        db_reset(st);
    }
}

static int64_t count_persons(struct db *db)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, "SELECT count(*) FROM persons", &n),
                     DB_OK);
    return n;
}

static void test_rollback_leaves_nothing(void **state)
{
    struct db *db = *state;
    int64_t before = count_persons(db);

    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(
        insert_person(db, "035150000010", "Hoàng Văn Em", "1950-05-05", "M", 0),
        DB_OK);
    assert_int_equal(count_persons(db), before + 1);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(count_persons(db), before);
}

struct tx_arg {
    int fail_after_insert;
};

static int tx_body(struct db *db, void *arg)
{
    struct tx_arg *a = arg;
    int rc =
        insert_person(db, "035150000011", "Vũ Thị Gấm", "1950-05-05", "F", 0);
    if (rc != DB_OK)
        return rc;
    if (a->fail_after_insert)
        return insert_person(db, "035150000011", "trùng số", "1950-05-05", "F",
                             0);
    return DB_OK;
}

/* db_transact: all or nothing, and the error that caused the rollback is
 * the one returned and kept. */
static void test_transact_all_or_nothing(void **state)
{
    struct db *db = *state;
    int64_t before = count_persons(db);
    struct tx_arg a = {1};

    assert_int_equal(db_transact(db, tx_body, &a), DB_ECONFLICT);
    assert_int_equal(count_persons(db), before);
    /* the message of the failed insert survives the rollback */
    assert_non_null(strcasestr(db_errmsg(db), "unique"));
    a.fail_after_insert = 0;
    assert_int_equal(db_transact(db, tx_body, &a), DB_OK);
    assert_int_equal(count_persons(db), before + 1);
}

/* The outer body of a nested db_transact: one person of its own, then
 * the inner tx_body (which fails when asked), then the outer keeps going
 * whatever the inner returned. */
static int tx_outer(struct db *db, void *arg)
{
    struct tx_arg *a = arg;
    int rc =
        insert_person(db, "035150000012", "Đỗ Văn Hà", "1950-05-05", "M", 0);

    if (rc != DB_OK)
        return rc;
    rc = db_transact(db, tx_body, a);
    return a->fail_after_insert && rc == DB_ECONFLICT ? DB_OK : rc;
}

/* db_transact inside a transaction runs in a savepoint: a failing inner
 * body is undone alone (its error kept), a good one commits with the
 * outer transaction, and the outer rollback undoes both. */
static void test_transact_nested(void **state)
{
    struct db *db = *state;
    int64_t before = count_persons(db);
    struct tx_arg a = {1};

    assert_int_equal(db_transact(db, tx_outer, &a), DB_OK);
    assert_int_equal(count_persons(db), before + 1);
    a.fail_after_insert = 0;
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(db_transact(db, tx_body, &a), DB_OK);
    assert_int_equal(count_persons(db), before + 2);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(count_persons(db), before + 1);
    assert_int_equal(db_transact(db, tx_body, &a), DB_OK);
    assert_int_equal(count_persons(db), before + 2);
}

/* A statement left mid-iteration cannot be taken again (nested use), but
 * one run to completion is reset automatically. */
static void test_statement_reuse_rules(void **state)
{
    struct db *db = *state;
    static const char sql[] = "SELECT code FROM households ORDER BY code";
    struct db_stmt *st, *again;

    insert_household(db, "HH-A");
    insert_household(db, "HH-B");
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_prepare(db, sql, &again), DB_EINVAL);
    while (db_step(st) == DB_ROW)
        ;
    assert_int_equal(db_prepare(db, sql, &again), DB_OK);
    assert_ptr_equal(st, again);
    assert_int_equal(db_step(again), DB_ROW);
    db_reset(again);
}

static void test_changes_counts_rows(void **state)
{
    struct db *db = *state;
    struct db_stmt *st;

    insert_household(db, "HH-C1");
    insert_household(db, "HH-C2");
    assert_int_equal(db_prepare(db,
                                "UPDATE households SET address = $1"
                                " WHERE code LIKE 'HH-C%'",
                                &st),
                     DB_OK);
    db_bind_text(st, 1, "Thôn Đông", (size_t)-1);
    assert_int_equal(db_step(st), DB_DONE);
    assert_int_equal(db_changes(st), 2);
    db_reset(st);
    /* optimistic locking: a stale version changes nothing */
    assert_int_equal(db_prepare(db,
                                "UPDATE households SET address = 'x'"
                                " WHERE code = 'HH-C1' AND id = -1",
                                &st),
                     DB_OK);
    assert_int_equal(db_step(st), DB_DONE);
    assert_int_equal(db_changes(st), 0);
    db_reset(st);
}

/* COLLATE vi sorts in Vietnamese order on both engines. */
static void test_vietnamese_collation(void **state)
{
    struct db *db = *state;
    static const char *want[] = {"An",  "Anh",  "Ăn", "Ân", "Bình", "Dung",
                                 "Đức", "Oanh", "Ô",  "Ơn", "Zơ"};
    static const char *insert_order[] = {"Zơ", "Ơn",   "Đức", "Ăn",
                                         "Ô",  "Bình", "An",  "Dung",
                                         "Ân", "Oanh", "Anh"};
    struct db_stmt *st;
    size_t i;
    char code[16];

    for (i = 0; i < 11; i++) {
        snprintf(code, sizeof code, "COLL-%zu", i);
        assert_int_equal(
            db_prepare(db,
                       "INSERT INTO households (code, unit_code, address,"
                       " created_at) VALUES ($1, '13285', $2, 'x')",
                       &st),
            DB_OK);
        db_bind_text(st, 1, code, (size_t)-1);
        db_bind_text(st, 2, insert_order[i], (size_t)-1);
        assert_int_equal(db_step(st), DB_DONE);
        db_reset(st);
    }
    assert_int_equal(db_prepare(db,
                                "SELECT address FROM households WHERE code"
                                " LIKE 'COLL-%' ORDER BY address COLLATE vi",
                                &st),
                     DB_OK);
    for (i = 0; i < 11; i++) {
        assert_int_equal(db_step(st), DB_ROW);
        assert_string_equal(db_col_text(st, 0, NULL), want[i]);
    }
    assert_int_equal(db_step(st), DB_DONE);
    db_reset(st);
}

/* Dates read back as 'YYYY-MM-DD' and compare as dates with text params. */
static void test_dates_iso_on_both(void **state)
{
    struct db *db = *state;
    struct db_stmt *st;

    assert_int_equal(
        insert_person(db, "035101000020", "Bùi Thị Hoa", "2001-09-02", "F", 0),
        DB_OK);
    assert_int_equal(db_prepare(db,
                                "SELECT birth_date FROM persons WHERE"
                                " id_number = $1 AND birth_date < $2",
                                &st),
                     DB_OK);
    db_bind_text(st, 1, "035101000020", (size_t)-1);
    db_bind_text(st, 2, "2001-10-01", (size_t)-1);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0, NULL), "2001-09-02");
    db_reset(st);
}

/* A write blocked by another connection's uncommitted write waits
 * ANSINH_LOCK_TIMEOUT_MS (set short here) and then fails with DB_EBUSY on
 * both engines; db_transact gives up with DB_EBUSY too, leaving nothing. */
static int insert_busy_person(struct db *db, void *arg)
{
    (void)arg;
    return insert_person(db, "035150000099", "Ngô Văn Khải", "1950-05-05", "M",
                         0);
}

static void test_lock_conflict_is_busy(void **state)
{
    struct db *db = *state;
    struct db *other = NULL;
    struct db_err err;
    int64_t before = count_persons(db);
    int rc;

    assert_int_equal(db_open(testdb_last_dsn(), &other, &err), DB_OK);
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(
        insert_person(db, "035150000099", "Ngô Văn Khải", "1950-05-05", "M", 0),
        DB_OK);
    /* SQLite: BEGIN IMMEDIATE cannot get the write lock; PostgreSQL: the
     * insert waits on the uncommitted duplicate key. */
    rc = db_begin(other, 1);
    if (rc == DB_OK)
        rc = insert_person(other, "035150000099", "Ngô Văn Khải", "1950-05-05",
                           "M", 0);
    assert_int_equal(rc, DB_EBUSY);
    db_rollback(other);
    assert_int_equal(db_transact(other, insert_busy_person, NULL), DB_EBUSY);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(count_persons(db), before);
    /* once the lock is gone the same write succeeds */
    assert_int_equal(db_transact(other, insert_busy_person, NULL), DB_OK);
    assert_int_equal(count_persons(db), before + 1);
    db_close(other);
}

static void test_syntax_error_is_error(void **state)
{
    struct db *db = *state;
    struct db_stmt *st = NULL;

    assert_int_equal(db_prepare(db, "SELEC nonsense", &st), DB_ERROR);
    assert_null(st);
    assert_true(strlen(db_errmsg(db)) > 0);
}

int main(void)
{
    /* lock conflicts give up after 200 ms instead of 5 s */
    setenv("ANSINH_LOCK_TIMEOUT_MS", "200", 1);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_engine_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_twice_is_noop, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_placeholders_by_number, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_values_round_trip, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unique_violation_is_conflict,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_key_violation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_check_violations, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rollback_leaves_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transact_all_or_nothing, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_transact_nested, setup, teardown),
        cmocka_unit_test_setup_teardown(test_statement_reuse_rules, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_changes_counts_rows, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_vietnamese_collation, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_dates_iso_on_both, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_lock_conflict_is_busy, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_syntax_error_is_error, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
