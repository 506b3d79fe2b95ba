/* test_units.c: storage contract tests for the administrative units
 * (store/store_units.h, app/units.h). ctest runs them on SQLite and on
 * PostgreSQL; every assertion must hold on both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "app/units.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_units.h"
#include "testdb.h"

/* One database with the real lists loaded, shared by the read-only tests. */
static struct db *loaded;

static int group_setup(void **state)
{
    (void)state;
    loaded = testdb_open();
    return loaded == NULL;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(loaded);
    return 0;
}

static int64_t count(struct db *db, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

static int has_code(const struct store_units_list *l, const char *code)
{
    size_t i;
    for (i = 0; i < l->count; i++)
        if (strcmp(l->items[i].code, code) == 0)
            return 1;
    return 0;
}

static void test_version_on_date(void **state)
{
    struct units_version v;
    int before = -1;
    (void)state;
    assert_int_equal(
        store_units_get(loaded, "13294", "2024-12-01", &v, &before), DB_OK);
    assert_int_equal(before, 0);
    assert_string_equal(v.code, "13294");
    assert_int_equal(v.level, UNITS_COMMUNE);
    assert_string_equal(v.name, "Phường Minh Khai");
    assert_string_equal(v.type, "Phường");
    assert_string_equal(v.parent_code, "347");
    assert_string_equal(v.province_code, "35");
    assert_string_equal(v.valid_from, "2024-11-01");
    assert_string_equal(v.valid_to, "2025-01-01");

    assert_int_equal(store_units_get(loaded, "13294", "2025-03-01", &v, NULL),
                     DB_OK);
    assert_string_equal(v.name, "Phường Châu Cầu");
    assert_string_equal(v.valid_from, "2025-01-01");
    assert_string_equal(v.valid_to, "2025-07-01");

    /* the day before valid_to still counts; valid_to itself does not */
    assert_int_equal(store_units_get(loaded, "13294", "2025-06-30", &v, NULL),
                     DB_OK);
    assert_int_equal(store_units_get(loaded, "13294", "2025-07-01", &v, NULL),
                     DB_ENOTFOUND);
    assert_true(strlen(db_errmsg(loaded)) > 0);

    /* province 35 is gone after the 2025 reform; 37 is current */
    assert_int_equal(store_units_get(loaded, "35", "2025-08-01", &v, NULL),
                     DB_ENOTFOUND);
    assert_int_equal(store_units_get(loaded, "37", "2025-08-01", &v, NULL),
                     DB_OK);
    assert_string_equal(v.name, "Tỉnh Ninh Bình");
    assert_string_equal(v.valid_to, "");
    assert_string_equal(v.parent_code, "");
    /* a district */
    assert_int_equal(store_units_get(loaded, "350", "2025-01-01", &v, NULL),
                     DB_OK);
    assert_int_equal(v.level, UNITS_DISTRICT);
    assert_string_equal(v.type, "Thị xã");
}

static void test_before_earliest(void **state)
{
    struct units_version v;
    struct store_units_list l;
    char earliest[UNITS_DATE_SIZE];
    int before = 0;
    (void)state;
    assert_int_equal(store_units_earliest(loaded, earliest), DB_OK);
    assert_string_equal(earliest, "2024-11-01");
    assert_int_equal(
        store_units_get(loaded, "13294", "2020-05-01", &v, &before), DB_OK);
    assert_int_equal(before, 1);
    assert_string_equal(v.name, "Phường Minh Khai");
    assert_int_equal(store_units_children(loaded, NULL, "1999-01-01", &l),
                     DB_OK);
    assert_int_equal(l.before_earliest, 1);
    assert_string_equal(l.date, "2024-11-01");
    assert_int_equal(l.count, 63);
    store_units_list_free(&l);
    assert_int_equal(store_units_children(loaded, "", "2024-11-01", &l), DB_OK);
    assert_int_equal(l.before_earliest, 0);
    assert_string_equal(l.date, "2024-11-01");
    store_units_list_free(&l);
}

static void test_children(void **state)
{
    struct store_units_list l;
    size_t i;
    (void)state;
    assert_int_equal(store_units_children(loaded, NULL, "2025-08-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 34);
    assert_false(has_code(&l, "35"));
    assert_true(has_code(&l, "37"));
    for (i = 1; i < l.count; i++)
        assert_true(strcmp(l.items[i - 1].code, l.items[i].code) < 0);
    store_units_list_free(&l);

    assert_int_equal(store_units_children(loaded, "35", "2025-01-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 6);
    assert_string_equal(l.items[0].code, "347");
    assert_string_equal(l.items[0].name, "Thành phố Phủ Lý");
    assert_int_equal(l.items[0].level, UNITS_DISTRICT);
    store_units_list_free(&l);

    assert_int_equal(store_units_children(loaded, "347", "2024-11-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 21);
    assert_string_equal(l.items[0].code, "13285");
    store_units_list_free(&l);
    assert_int_equal(store_units_children(loaded, "347", "2025-01-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 14);
    store_units_list_free(&l);

    /* an unknown parent is an empty list, not an error */
    assert_int_equal(store_units_children(loaded, "99", "2025-01-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 0);
    store_units_list_free(&l);
}

static void test_history(void **state)
{
    struct store_units_list l;
    (void)state;
    assert_int_equal(store_units_history(loaded, "13294", &l), DB_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].name, "Phường Minh Khai");
    assert_string_equal(l.items[0].valid_from, "2024-11-01");
    assert_string_equal(l.items[0].valid_to, "2025-01-01");
    assert_string_equal(l.items[1].name, "Phường Châu Cầu");
    assert_string_equal(l.items[1].valid_to, "2025-07-01");
    assert_string_equal(l.date, "");
    store_units_list_free(&l);

    assert_int_equal(store_units_history(loaded, "13285", &l), DB_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].name, "Phường Quang Trung");
    assert_string_equal(l.items[0].valid_to, "2025-07-01");
    assert_string_equal(l.items[1].name, "Phường Phủ Lý");
    assert_string_equal(l.items[1].parent_code, "37");
    assert_string_equal(l.items[1].valid_from, "2025-07-01");
    assert_string_equal(l.items[1].valid_to, "");
    store_units_list_free(&l);

    assert_int_equal(store_units_history(loaded, "99999", &l), DB_OK);
    assert_int_equal(l.count, 0);
    store_units_list_free(&l);
}

static void test_successors(void **state)
{
    struct store_units_links l;
    (void)state;
    assert_int_equal(store_units_successors(loaded, "13294", &l), DB_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].effective, "2025-07-01");
    assert_string_equal(l.items[0].new_code, "13285");
    assert_string_equal(l.items[0].new_name, "Phường Phủ Lý");
    assert_string_equal(l.items[0].old_name, "Phường Châu Cầu");
    assert_int_equal(l.items[0].partial, 0);
    store_units_links_free(&l);

    /* Phường Quang Trung was split: two partial answers, no guess */
    assert_int_equal(store_units_successors(loaded, "13285", &l), DB_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].new_code, "13285");
    assert_string_equal(l.items[0].new_name, "Phường Phủ Lý");
    assert_string_equal(l.items[0].old_name, "Phường Quang Trung");
    assert_int_equal(l.items[0].partial, 1);
    assert_string_equal(l.items[1].new_code, "13366");
    assert_string_equal(l.items[1].new_name, "Phường Hà Nam");
    assert_int_equal(l.items[1].partial, 1);
    store_units_links_free(&l);

    /* an island district without communes: the old name is unknown */
    assert_int_equal(store_units_successors(loaded, "318", &l), DB_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].new_code, "11948");
    assert_string_equal(l.items[0].new_name, "Đặc khu Bạch Long Vĩ");
    assert_string_equal(l.items[0].old_name, "");
    store_units_links_free(&l);

    assert_int_equal(store_units_successors(loaded, "99999", &l), DB_OK);
    assert_int_equal(l.count, 0);
    store_units_links_free(&l);
}

static void test_predecessors(void **state)
{
    static const char *const want[] = {"13285", "13294", "13309", "13315"};
    struct store_units_links l;
    size_t i, k;
    (void)state;
    assert_int_equal(store_units_predecessors(loaded, "13285", &l), DB_OK);
    assert_int_equal(l.count, 4);
    for (k = 0; k < 4; k++) {
        int found = 0;
        for (i = 0; i < l.count; i++)
            found |= strcmp(l.items[i].old_code, want[k]) == 0;
        assert_true(found);
    }
    assert_string_equal(l.items[0].old_code, "13285"); /* ordered */
    assert_int_equal(l.items[0].partial, 1);
    assert_string_equal(l.items[1].old_name, "Phường Châu Cầu");
    assert_int_equal(l.items[1].partial, 0);
    store_units_links_free(&l);
}

static void test_ancestors(void **state)
{
    struct store_units_list l;
    (void)state;
    assert_int_equal(store_units_ancestors(loaded, "13294", "2024-12-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 2);
    assert_string_equal(l.items[0].code, "347");
    assert_string_equal(l.items[0].name, "Thành phố Phủ Lý");
    assert_string_equal(l.items[1].code, "35");
    assert_string_equal(l.items[1].name, "Tỉnh Hà Nam");
    store_units_list_free(&l);

    assert_int_equal(store_units_ancestors(loaded, "13285", "2025-08-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].code, "37");
    store_units_list_free(&l);

    assert_int_equal(store_units_ancestors(loaded, "35", "2025-01-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 0);
    store_units_list_free(&l);

    assert_int_equal(store_units_ancestors(loaded, "13294", "2025-08-01", &l),
                     DB_ENOTFOUND);
    assert_int_equal(l.count, 0);
}

static void test_communes(void **state)
{
    struct store_units_list l;
    (void)state;
    assert_int_equal(store_units_communes(loaded, "35", "2024-11-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 109);
    store_units_list_free(&l);
    assert_int_equal(store_units_communes(loaded, "35", "2025-01-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 98);
    store_units_list_free(&l);
    assert_int_equal(store_units_communes(loaded, NULL, "2024-11-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 10472);
    store_units_list_free(&l);
    assert_int_equal(store_units_communes(loaded, NULL, "2025-01-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 10057);
    store_units_list_free(&l);
    assert_int_equal(store_units_communes(loaded, "", "2025-07-01", &l), DB_OK);
    assert_int_equal(l.count, 3321);
    store_units_list_free(&l);
    assert_int_equal(store_units_communes(loaded, "35", "2025-08-01", &l),
                     DB_OK);
    assert_int_equal(l.count, 0);
    store_units_list_free(&l);
}

/* The 98 communes of Hà Nam on 2025-06-30 went to 33 communes of Ninh Bình
 * (37), all of them current on 2025-08-01 (RULES.md §10.3). */
static void test_ha_nam_into_ninh_binh(void **state)
{
    struct store_units_list old, now;
    char seen[64][UNITS_CODE_SIZE];
    size_t nseen = 0, i, j, k;
    (void)state;
    assert_int_equal(store_units_communes(loaded, "35", "2025-06-30", &old),
                     DB_OK);
    assert_int_equal(old.count, 98);
    assert_int_equal(store_units_children(loaded, "37", "2025-08-01", &now),
                     DB_OK);
    assert_true(now.count > 33);
    for (i = 0; i < old.count; i++) {
        struct store_units_links l;
        assert_int_equal(store_units_successors(loaded, old.items[i].code, &l),
                         DB_OK);
        assert_true(l.count >= 1);
        for (j = 0; j < l.count; j++) {
            int dup = 0;
            for (k = 0; k < nseen; k++)
                dup |= strcmp(seen[k], l.items[j].new_code) == 0;
            if (!dup) {
                assert_true(nseen < 64);
                memcpy(seen[nseen++], l.items[j].new_code, UNITS_CODE_SIZE);
            }
        }
        store_units_links_free(&l);
    }
    assert_int_equal(nseen, 33);
    for (k = 0; k < nseen; k++)
        assert_true(has_code(&now, seen[k]));
    assert_true(has_code(&now, "13285"));
    assert_true(has_code(&now, "13366"));
    store_units_list_free(&old);
    store_units_list_free(&now);
}

static void test_bad_input(void **state)
{
    struct units_version v;
    struct store_units_list l;
    struct store_units_links k;
    (void)state;
    assert_int_equal(store_units_get(loaded, "1329", "2025-01-01", &v, NULL),
                     DB_EINVAL);
    assert_int_equal(store_units_get(loaded, "13294", "2025-02-30", &v, NULL),
                     DB_EINVAL);
    assert_int_equal(store_units_get(loaded, "13294", "01/01/2025", &v, NULL),
                     DB_EINVAL);
    assert_int_equal(store_units_children(loaded, "3a", "2025-01-01", &l),
                     DB_EINVAL);
    assert_null(l.items);
    assert_int_equal(store_units_history(loaded, "", &l), DB_EINVAL);
    assert_int_equal(store_units_successors(loaded, "x", &k), DB_EINVAL);
    assert_int_equal(store_units_communes(loaded, "35", NULL, &l), DB_EINVAL);
    /* SQL text in a code is refused before any SQL runs */
    assert_int_equal(
        store_units_get(loaded, "1' OR '1'='1", "2025-01-01", &v, NULL),
        DB_EINVAL);
}

static void test_labels(void **state)
{
    struct units_version v;
    char out[256], d[11];
    (void)state;
    assert_int_equal(store_units_get(loaded, "13294", "2024-12-01", &v, NULL),
                     DB_OK);
    assert_int_equal(app_units_label(loaded, &v, out, sizeof(out)), 0);
    assert_string_equal(out,
                        "Phường Minh Khai (Thành phố Phủ Lý, Tỉnh Hà Nam)");
    /* truncated at a character boundary: "Phường" is P h ư(2) ờ(3) n g */
    assert_int_equal(app_units_label(loaded, &v, out, 6), 0);
    assert_string_equal(out, "Ph\xc6\xb0");
    assert_int_equal(store_units_get(loaded, "13285", "2025-08-01", &v, NULL),
                     DB_OK);
    assert_int_equal(app_units_label(loaded, &v, out, sizeof(out)), 0);
    assert_string_equal(out, "Phường Phủ Lý (Tỉnh Ninh Bình)");
    app_units_date_vn("2025-07-01", d);
    assert_string_equal(d, "01/07/2025");
}

/* Loading twice writes once: same rows, one audit record. */
static void test_load_idempotent(void **state)
{
    struct db *db = testdb_open_schema();
    char msg[512], sum[64], stored[64];
    int64_t units, links;
    (void)state;
    assert_int_equal(store_units_checksum(db, stored, sizeof(stored)), DB_OK);
    assert_string_equal(stored, "");
    assert_int_equal(store_units_earliest(db, stored), DB_ENOTFOUND);
    if (app_units_load(db, msg, sizeof(msg)) != 0)
        fail_msg("%s", msg);
    units = count(db, "SELECT count(*) FROM units");
    links = count(db, "SELECT count(*) FROM unit_links");
    assert_int_equal(links, 10604);
    assert_true(units > 10472 + 699 + 63);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log"
                               " WHERE action = 'units.load'"),
                     1);
    assert_int_equal(count(db, "SELECT count(*) FROM unit_links"
                               " WHERE kind = 'partial'"),
                     1012);
    app_units_checksum(sum, sizeof(sum));
    assert_int_equal(store_units_checksum(db, stored, sizeof(stored)), DB_OK);
    assert_string_equal(stored, sum);
    assert_int_equal(strncmp(sum, "fnv1a64:", 8), 0);
    assert_int_equal(strlen(sum), 8 + 16);

    if (app_units_load(db, msg, sizeof(msg)) != 0)
        fail_msg("%s", msg);
    assert_int_equal(count(db, "SELECT count(*) FROM units"), units);
    assert_int_equal(count(db, "SELECT count(*) FROM unit_links"), links);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log"
                               " WHERE action = 'units.load'"),
                     1);
    /* the same as the shared database */
    assert_int_equal(count(loaded, "SELECT count(*) FROM units"), units);
    db_close(db);
}

/* A changed checksum reloads: older rows are replaced, not added to. */
static int stale_tx(struct db *db, void *arg)
{
    (void)arg;
    return store_units_set_checksum(db, "fnv1a64:old", "2020-01-01T00:00:00Z");
}

static void test_reload_replaces(void **state)
{
    struct db *db = testdb_open_schema();
    char msg[512];
    int64_t units;
    (void)state;
    if (app_units_load(db, msg, sizeof(msg)) != 0)
        fail_msg("%s", msg);
    units = count(db, "SELECT count(*) FROM units");
    assert_int_equal(db_transact(db, stale_tx, NULL), DB_OK);
    if (app_units_load(db, msg, sizeof(msg)) != 0)
        fail_msg("%s", msg);
    assert_int_equal(count(db, "SELECT count(*) FROM units"), units);
    assert_int_equal(count(db, "SELECT count(*) FROM unit_links"), 10604);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log"
                               " WHERE action = 'units.load'"),
                     2);
    assert_int_equal(count(db, "SELECT count(*) FROM reference_data"), 1);
    db_close(db);
}

/* store_units_replace with a small dataset built from inline lists. */
struct small_ctx {
    const struct units_dataset *ds;
};

static int small_tx(struct db *db, void *arg)
{
    struct small_ctx *c = arg;
    int rc = store_units_replace(db, c->ds);
    if (rc == DB_OK)
        rc = store_audit_add(db, "test", "units.load", "reference_data",
                             "units", NULL);
    return rc;
}

static void test_replace_small(void **state)
{
    static const char l1[] =
        "province_code,province_name,province_type,district_code,"
        "district_name,district_type,commune_code,commune_name,commune_type\n"
        "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành phố,13294,Phường "
        "Minh Khai,Phường\n";
    static const char l2[] =
        "province_code,province_name,commune_code,commune_name\n"
        "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n";
    static const char lk[] =
        "new_province_code,new_commune_code,new_commune_name,"
        "old_commune_code,old_commune_name,kind\n"
        "37,13285,Phường Phủ Lý,13294,Phường Minh Khai,full\n";
    struct units_source s[3] = {
        {"l1.csv", "2024-11-01", l1, sizeof(l1) - 1, UNITS_KIND_AUTO},
        {"l2.csv", "2025-07-01", l2, sizeof(l2) - 1, UNITS_KIND_AUTO},
        {"lk.csv", "2025-07-01", lk, sizeof(lk) - 1, UNITS_KIND_AUTO}};
    struct units_dataset *ds;
    struct db *db = testdb_open_schema();
    struct small_ctx ctx;
    struct units_version v;
    struct store_units_links l;
    char err[256];
    (void)state;
    if (units_dataset_build(s, 3, &ds, err, sizeof(err)) != UNITS_OK)
        fail_msg("%s", err);
    ctx.ds = ds;
    assert_int_equal(db_transact(db, small_tx, &ctx), DB_OK);
    assert_int_equal(db_transact(db, small_tx, &ctx), DB_OK); /* replaces */
    assert_int_equal(count(db, "SELECT count(*) FROM units"), 5);
    assert_int_equal(count(db, "SELECT count(*) FROM unit_links"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM units"
                               " WHERE search_text = 'phuong minh khai'"),
                     1);
    assert_int_equal(store_units_get(db, "13294", "2025-06-30", &v, NULL),
                     DB_OK);
    assert_string_equal(v.valid_to, "2025-07-01");
    assert_int_equal(store_units_successors(db, "13294", &l), DB_OK);
    assert_int_equal(l.count, 1);
    assert_string_equal(l.items[0].old_name, "Phường Minh Khai");
    store_units_links_free(&l);
    units_dataset_free(ds);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_version_on_date),
        cmocka_unit_test(test_before_earliest),
        cmocka_unit_test(test_children),
        cmocka_unit_test(test_history),
        cmocka_unit_test(test_successors),
        cmocka_unit_test(test_predecessors),
        cmocka_unit_test(test_ancestors),
        cmocka_unit_test(test_communes),
        cmocka_unit_test(test_ha_nam_into_ninh_binh),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_labels),
        cmocka_unit_test(test_load_idempotent),
        cmocka_unit_test(test_reload_replaces),
        cmocka_unit_test(test_replace_small),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
