/* test_audit.c: the audit chain (store/store_audit.h) on SQLite and
 * PostgreSQL: appends with old and new values, the hash definition,
 * listing with filters, verification, and tampering behind the program's
 * back with raw SQL (an edited field, an edited link, a deleted record, a
 * deleted last record, an inserted record, an edited head), each reported
 * at the first broken link; concurrent writers never fork the chain. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/store_audit.h"
#include "testdb.h"

#define GENESIS                                                                \
    "0000000000000000000000000000000000000000000000000000000000000000"

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

static int64_t count(struct db *db, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

/* Run one statement behind the store's back (what a DBA could do). */
static void raw(struct db *db, const char *sql)
{
    struct db_stmt *st;
    int rc;

    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    rc = db_step(st);
    if (rc < 0)
        fprintf(stderr, "%s: %s\n", sql, db_errmsg(db));
    assert_true(rc == DB_DONE || rc == DB_ROW);
    db_reset(st);
}

struct add_arg {
    struct store_audit_rec rec;
    int64_t id;
};

static int add_fn(struct db *db, void *p)
{
    struct add_arg *a = p;
    return store_audit_append(db, &a->rec, &a->id);
}

static int64_t add(struct db *db, const char *actor, const char *entity,
                   const char *entity_id, const char *area, const char *oldv,
                   const char *newv)
{
    struct add_arg a;

    memset(&a, 0, sizeof a);
    a.rec.actor = actor;
    a.rec.action = "user.update";
    a.rec.entity = entity;
    a.rec.entity_id = entity_id;
    a.rec.area_path = area;
    a.rec.detail = "{\"why\":\"test\"}";
    a.rec.old_value = oldv;
    a.rec.new_value = newv;
    assert_int_equal(db_transact(db, add_fn, &a), DB_OK);
    return a.id;
}

/* Ten records: ids 1..10 on a fresh schema. */
static void add_ten(struct db *db)
{
    char id[8], oldv[64], newv[64];
    int i;

    for (i = 1; i <= 10; i++) {
        snprintf(id, sizeof id, "%d", i % 3);
        snprintf(oldv, sizeof oldv, "{\"role\":\"commune_officer\",\"n\":%d}",
                 i);
        snprintf(newv, sizeof newv, "{\"role\":\"district_officer\",\"n\":%d}",
                 i);
        assert_int_equal(add(db, i % 2 ? "admin" : "cli", "user", id,
                             i % 2 ? "35/347/13285" : "37/13285",
                             i == 5 ? NULL : oldv, i == 5 ? NULL : newv),
                         i);
    }
}

static void verify(struct db *db, int broken, int64_t broken_id)
{
    struct store_audit_verify v;

    assert_int_equal(store_audit_verify(db, &v), DB_OK);
    if (v.broken != broken || v.broken_id != broken_id)
        fprintf(stderr, "verify: broken %d at %lld, expected %d at %lld\n",
                v.broken, (long long)v.broken_id, broken, (long long)broken_id);
    assert_int_equal(v.broken, broken);
    assert_int_equal(v.broken_id, broken_id);
}

static void test_append_and_verify(void **state)
{
    struct db *db = *state;
    struct store_audit_verify v;
    struct store_audit_list l;
    struct store_audit_filter f;
    const char *fields[10];
    char hash[STORE_AUDIT_HASH_HEX];

    /* An empty chain is whole. */
    assert_int_equal(store_audit_verify(db, &v), DB_OK);
    assert_int_equal(v.broken, STORE_AUDIT_WHOLE);
    assert_int_equal(v.checked, 0);
    assert_string_equal(v.head_hash, GENESIS);

    add_ten(db);
    /* The older interface writes chained records too. */
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_audit_add(db, "system", "units.load",
                                     "reference_data", "units", NULL),
                     DB_OK);
    assert_int_equal(db_commit(db), DB_OK);

    assert_int_equal(store_audit_verify(db, &v), DB_OK);
    assert_int_equal(v.broken, STORE_AUDIT_WHOLE);
    assert_int_equal(v.broken_id, 0);
    assert_int_equal(v.checked, 11);
    assert_int_equal(v.legacy, 0);
    assert_int_equal(v.first_id, 1);
    assert_int_equal(v.last_id, 11);

    /* The stored hash is the documented one, and links hold. */
    memset(&f, 0, sizeof f);
    assert_int_equal(store_audit_list_get(db, &f, 0, 1000, &l), DB_OK);
    assert_int_equal(l.total, 11);
    assert_int_equal(l.count, 11);
    assert_int_equal(l.items[0].id, 11); /* newest first */
    assert_string_equal(l.items[0].detail, "{}");
    assert_string_equal(l.items[0].hash, v.head_hash);
    assert_string_equal(l.items[10].prev_hash, GENESIS);
    for (size_t i = 0; i < l.count; i++) {
        const struct store_audit_entry *e = &l.items[i];

        fields[0] = e->at;
        fields[1] = e->actor;
        fields[2] = e->action;
        fields[3] = e->entity;
        fields[4] = e->entity_id;
        fields[5] = e->area_path;
        fields[6] = e->detail;
        fields[7] = e->old_value;
        fields[8] = e->new_value;
        fields[9] = e->prev_hash;
        store_audit_hash(e->id, fields, hash);
        assert_string_equal(hash, e->hash);
        assert_int_equal(strlen(e->hash), 64);
        if (i + 1 < l.count)
            assert_string_equal(e->prev_hash, l.items[i + 1].hash);
    }
    /* Record 5 has no values: NULL, not "". */
    assert_null(l.items[6].old_value);
    assert_null(l.items[6].new_value);
    assert_string_equal(l.items[5].old_value,
                        "{\"role\":\"commune_officer\",\"n\":6}");
    store_audit_list_free(&l);
}

static void test_hash_is_unambiguous(void **state)
{
    const char *a[10] = {"t", "ab", "c", "", "", "", "{}", NULL, NULL, GENESIS};
    const char *b[10] = {"t", "a", "bc", "", "", "", "{}", NULL, NULL, GENESIS};
    const char *c[10] = {"t", "ab", "c", "", "", "", "{}", "", NULL, GENESIS};
    char ha[STORE_AUDIT_HASH_HEX], hb[STORE_AUDIT_HASH_HEX];
    char hc[STORE_AUDIT_HASH_HEX], hd[STORE_AUDIT_HASH_HEX];

    (void)state;
    store_audit_hash(1, a, ha);
    store_audit_hash(1, b, hb);
    store_audit_hash(1, c, hc);
    store_audit_hash(2, a, hd);
    assert_string_not_equal(ha, hb); /* field boundaries count */
    assert_string_not_equal(ha, hc); /* NULL is not "" */
    assert_string_not_equal(ha, hd); /* the id counts */
    store_audit_hash(1, a, hb);
    assert_string_equal(ha, hb);
}

static void test_list_filters(void **state)
{
    struct db *db = *state;
    struct store_audit_list l;
    struct store_audit_filter f;

    add_ten(db);
    memset(&f, 0, sizeof f);
    f.entity = "user";
    f.entity_id = "1";
    assert_int_equal(store_audit_list_get(db, &f, 0, 2, &l), DB_OK);
    assert_int_equal(l.total, 4); /* 1, 4, 7, 10 */
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[0].id, 10);
    assert_int_equal(l.items[1].id, 7);
    store_audit_list_free(&l);
    assert_int_equal(store_audit_list_get(db, &f, 2, 2, &l), DB_OK);
    assert_int_equal(l.count, 2);
    assert_int_equal(l.items[1].id, 1);
    store_audit_list_free(&l);

    /* Area: '/'-delimited codes, never a prefix of another code. */
    memset(&f, 0, sizeof f);
    f.area = "347";
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 5);
    store_audit_list_free(&l);
    f.area = "13285";
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 10);
    store_audit_list_free(&l);
    f.area = "37";
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 5);
    store_audit_list_free(&l);
    f.area = "3";
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 0);
    assert_int_equal(l.count, 0);
    store_audit_list_free(&l);
    f.area = "1328";
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 0);
    store_audit_list_free(&l);

    memset(&f, 0, sizeof f);
    f.actor = "admin";
    f.area = "35";
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 5);
    store_audit_list_free(&l);

    /* SQL metacharacters are only values. */
    f.actor = "admin' OR '1'='1";
    f.area = NULL;
    assert_int_equal(store_audit_list_get(db, &f, 0, 100, &l), DB_OK);
    assert_int_equal(l.total, 0);
    store_audit_list_free(&l);

    assert_int_equal(store_audit_list_get(db, &f, 0, 0, &l), DB_EINVAL);
    assert_int_equal(store_audit_list_get(db, &f, -1, 10, &l), DB_EINVAL);
}

static void test_edited_field(void **state)
{
    struct db *db = *state;

    add_ten(db);
    verify(db, STORE_AUDIT_WHOLE, 0);
    raw(db, "UPDATE audit_log SET new_value = '{\"role\":\"admin\"}'"
            " WHERE id = 4");
    verify(db, STORE_AUDIT_CONTENT, 4);
    /* Editing an earlier one moves the first broken link back. */
    raw(db, "UPDATE audit_log SET actor = 'someone' WHERE id = 2");
    verify(db, STORE_AUDIT_CONTENT, 2);
}

static void test_edited_null_value(void **state)
{
    struct db *db = *state;

    add_ten(db);
    raw(db, "UPDATE audit_log SET old_value = '' WHERE id = 5");
    verify(db, STORE_AUDIT_CONTENT, 5);
}

static void test_edited_hash_and_link(void **state)
{
    struct db *db = *state;

    add_ten(db);
    /* A recomputed-looking hash on record 3 breaks the link of record 4. */
    raw(db, "UPDATE audit_log SET hash = (SELECT hash FROM audit_log"
            " WHERE id = 9) WHERE id = 3");
    verify(db, STORE_AUDIT_CONTENT, 3);
    raw(db, "UPDATE audit_log SET hash = (SELECT prev_hash FROM audit_log"
            " WHERE id = 4) WHERE id = 3");
    verify(db, STORE_AUDIT_WHOLE, 0);
    raw(db, "UPDATE audit_log SET prev_hash = '" GENESIS "' WHERE id = 6");
    verify(db, STORE_AUDIT_LINK, 6);
}

static void test_deleted_record(void **state)
{
    struct db *db = *state;

    add_ten(db);
    raw(db, "DELETE FROM audit_log WHERE id = 7");
    verify(db, STORE_AUDIT_MISSING, 7);
}

static void test_deleted_first_and_last(void **state)
{
    struct db *db = *state;

    add_ten(db);
    raw(db, "DELETE FROM audit_log WHERE id = 10");
    verify(db, STORE_AUDIT_TAIL, 10);
    raw(db, "DELETE FROM audit_log WHERE id = 1");
    verify(db, STORE_AUDIT_MISSING, 1);
}

static void test_inserted_record(void **state)
{
    struct db *db = *state;

    add_ten(db);
    raw(db, "INSERT INTO audit_log (id, at, actor, action, prev_hash, hash)"
            " SELECT 11, at, actor, action, hash, hash FROM audit_log"
            " WHERE id = 10");
    verify(db, STORE_AUDIT_EXTRA, 11);
}

static void test_edited_head(void **state)
{
    struct db *db = *state;

    add_ten(db);
    raw(db, "UPDATE audit_head SET last_hash = '" GENESIS "'");
    verify(db, STORE_AUDIT_HEAD, 10);
    raw(db, "DELETE FROM audit_head");
    verify(db, STORE_AUDIT_HEAD, 0);
}

static void test_appends_roll_back_with_the_change(void **state)
{
    struct db *db = *state;
    struct store_audit_rec r;

    add_ten(db);
    memset(&r, 0, sizeof r);
    r.actor = "admin";
    r.action = "user.create";
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_audit_append(db, &r, NULL), DB_OK);
    assert_int_equal(db_rollback(db), DB_OK);
    /* No gap, no trace: the head rolled back with the record. */
    assert_int_equal(add(db, "admin", "user", "1", NULL, NULL, NULL), 11);
    verify(db, STORE_AUDIT_WHOLE, 0);
}

/* Concurrent writers, each on its own connection. */
#define WRITERS 4
#define APPENDS 25

struct writer {
    const char *dsn;
    int failures;
};

static void *writer_main(void *p)
{
    struct writer *w = p;
    struct db *db = NULL;
    struct db_err err;
    int i;

    if (db_open(w->dsn, &db, &err) != DB_OK) {
        w->failures = APPENDS;
        return NULL;
    }
    for (i = 0; i < APPENDS; i++) {
        struct add_arg a;

        memset(&a, 0, sizeof a);
        a.rec.actor = "writer";
        a.rec.action = "test.append";
        if (db_transact(db, add_fn, &a) != DB_OK)
            w->failures++;
    }
    db_close(db);
    return NULL;
}

static void test_concurrent_writers_one_chain(void **state)
{
    struct db *db = *state;
    struct writer w[WRITERS];
    pthread_t t[WRITERS];
    struct store_audit_verify v;
    int i;

    for (i = 0; i < WRITERS; i++) {
        w[i].dsn = testdb_last_dsn();
        w[i].failures = 0;
        assert_int_equal(pthread_create(&t[i], NULL, writer_main, &w[i]), 0);
    }
    for (i = 0; i < WRITERS; i++) {
        assert_int_equal(pthread_join(t[i], NULL), 0);
        assert_int_equal(w[i].failures, 0);
    }
    assert_int_equal(store_audit_verify(db, &v), DB_OK);
    assert_int_equal(v.broken, STORE_AUDIT_WHOLE);
    assert_int_equal(v.checked, WRITERS * APPENDS);
    assert_int_equal(count(db, "SELECT count(DISTINCT prev_hash) FROM"
                               " audit_log"),
                     WRITERS * APPENDS);
}

static void test_legacy_records_before_the_chain(void **state)
{
    struct db *db = *state;
    struct store_audit_verify v;

    /* Records from before migration 0002: as if the head had been made
     * after two of them. */
    raw(db, "INSERT INTO audit_log (id, at, actor, action)"
            " VALUES (1, '2025-01-01T00:00:00Z', 'system', 'units.load')");
    raw(db, "INSERT INTO audit_log (id, at, actor, action)"
            " VALUES (2, '2025-01-01T00:00:00Z', 'system', 'demo.create')");
    raw(db, "UPDATE audit_head SET first_id = 3, last_id = 2");
    assert_int_equal(add(db, "admin", "user", "1", NULL, NULL, NULL), 3);
    assert_int_equal(store_audit_verify(db, &v), DB_OK);
    assert_int_equal(v.broken, STORE_AUDIT_WHOLE);
    assert_int_equal(v.legacy, 2);
    assert_int_equal(v.checked, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_append_and_verify, setup,
                                        teardown),
        cmocka_unit_test(test_hash_is_unambiguous),
        cmocka_unit_test_setup_teardown(test_list_filters, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edited_field, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edited_null_value, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_edited_hash_and_link, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_deleted_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deleted_first_and_last, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_inserted_record, setup, teardown),
        cmocka_unit_test_setup_teardown(test_edited_head, setup, teardown),
        cmocka_unit_test_setup_teardown(test_appends_roll_back_with_the_change,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_writers_one_chain,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_legacy_records_before_the_chain,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
