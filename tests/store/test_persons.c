/* test_persons.c: storage contract tests for households, persons,
 * residences, memberships and documents (store/store_persons.h) and the
 * statistics queries (store/store_stats.h). ctest runs them on SQLite and
 * on PostgreSQL; every assertion must hold on both. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "store/store_stats.h"
#include "testdb.h"

static int setup(void **state)
{
    *state = testdb_open_schema();
    return *state == NULL;
}

static int setup_units(void **state)
{
    *state = testdb_open();
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

static int64_t add_person(struct db *db, const char *actor, const char *idn,
                          const char *name, const char *birth, char sex,
                          int64_t hh)
{
    struct store_person_new p = {idn, name, birth, sex, hh};
    int64_t id = 0;
    assert_int_equal(store_persons_add(db, actor, &p, &id), DB_OK);
    assert_true(id > 0);
    return id;
}

static int64_t add_membership(struct db *db, int64_t pid, const char *cat,
                              const char *disability, const char *from,
                              const char *to)
{
    struct store_membership_new m = {pid, cat, disability, 0, from, to};
    int64_t id = 0;
    assert_int_equal(store_persons_membership_add(db, NULL, &m, &id), DB_OK);
    return id;
}

/* Give pid a beneficiary record from `from` (store_registry.h): the
 * statistics count persons enrolled or suspended on a date. */
static void enrol(struct db *db, int64_t pid, const char *from)
{
    struct store_status_change c = {pid,  "enrolled", NULL, NULL,
                                    NULL, from,       0,    "cli"};
    assert_int_equal(store_registry_status_set(db, &c, NULL), DB_OK);
}

static void test_insert_and_read(void **state)
{
    struct db *db = *state;
    struct store_person p;
    char status[16];
    int64_t hh, pid, mid, rid, did;

    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_persons_household_add(db, "cli", "13285-000001",
                                                 "13285", " Tổ dân phố 3 ",
                                                 &hh),
                     DB_OK);
    assert_int_equal(store_persons_poverty_set(db, "cli", hh, 2024, "poor"),
                     DB_OK);
    /* Decomposed input ("e" + U+0302 + U+0303) is stored precomposed. */
    pid =
        add_person(db, "cli", "035148000123",
                   "  Nguye\xcc\x82\xcc\x83n Thị  Đào ", "1948-02-29", 'F', hh);
    assert_int_equal(store_persons_residence_add(db, "cli", pid, "13285",
                                                 "Tổ dân phố 3", "2024-11-01",
                                                 "2025-07-01", &rid),
                     DB_OK);
    struct store_membership_new m = {pid, "K5c", NULL, 0, "2021-07-01", NULL};
    assert_int_equal(store_persons_membership_add(db, "cli", &m, &mid), DB_OK);
    struct store_document_new d = {
        pid,          mid,          "Quyết định trợ cấp xã hội hằng tháng",
        "12/QĐ-UBND", "2021-07-20", "UBND thành phố Phủ Lý"};
    assert_int_equal(store_persons_document_add(db, "cli", &d, &did), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);

    assert_int_equal(store_persons_get(db, pid, &p), DB_OK);
    assert_string_equal(p.full_name, "Nguyễn Thị Đào");
    assert_string_equal(p.search_text, "nguyen thi dao");
    assert_string_equal(p.birth_date, "1948-02-29");
    assert_string_equal(p.id_number, "035148000123");
    assert_int_equal(p.sex, 'F');
    assert_int_equal(p.household_id, hh);
    assert_int_equal(p.version, 1);
    memset(&p, 0, sizeof p);
    assert_int_equal(store_persons_find_by_id_number(db, "035148000123", &p),
                     DB_OK);
    assert_int_equal(p.id, pid);
    assert_int_equal(
        store_persons_poverty_get(db, hh, 2024, status, sizeof status), DB_OK);
    assert_string_equal(status, "poor");
    /* The poverty status of a year is replaced, not duplicated. */
    assert_int_equal(store_persons_poverty_set(db, NULL, hh, 2024, "near_poor"),
                     DB_OK);
    assert_int_equal(
        store_persons_poverty_get(db, hh, 2024, status, sizeof status), DB_OK);
    assert_string_equal(status, "near_poor");
    assert_int_equal(
        store_persons_poverty_get(db, hh, 2023, status, sizeof status),
        DB_ENOTFOUND);
    assert_int_equal(count(db, "SELECT count(*) FROM household_poverty"), 1);
    assert_int_equal(count(db, "SELECT count(*) FROM households WHERE address ="
                               " 'Tổ dân phố 3'"),
                     1);
    int64_t n = 0;
    assert_int_equal(store_persons_count(db, &n), DB_OK);
    assert_int_equal(n, 1);
    /* Each write with an actor left one audit record. */
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE actor ="
                               " 'cli' AND action IN ('household.create',"
                               " 'household.poverty', 'person.create',"
                               " 'residence.create', 'membership.create',"
                               " 'document.create')"),
                     6);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log"), 6);
}

static void test_not_found(void **state)
{
    struct db *db = *state;
    struct store_person p;

    assert_int_equal(store_persons_get(db, 424242, &p), DB_ENOTFOUND);
    assert_int_equal(store_persons_find_by_id_number(db, "001090000001", &p),
                     DB_ENOTFOUND);
    assert_int_equal(store_persons_find_by_id_number(db, "12345", &p),
                     DB_ECHECK);
}

static void test_duplicate_id_number(void **state)
{
    struct db *db = *state;
    struct store_person_new p = {"035090001234", "Trần Văn An", "1990-05-01",
                                 'M', 0};
    int64_t id;

    add_person(db, NULL, "035090001234", "Trần Văn An", "1990-05-01", 'M', 0);
    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_ECONFLICT);
    assert_non_null(strstr(db_errmsg(db), "035090001234"));
    /* Persons without a number do not collide. */
    add_person(db, NULL, NULL, "Trần Văn Bình", "1990-05-01", 'M', 0);
    add_person(db, NULL, NULL, "Trần Văn Chung", "1990-05-01", 'M', 0);
    /* Nor does a household code twice. */
    int64_t hh;
    assert_int_equal(
        store_persons_household_add(db, NULL, "X-1", "13285", NULL, &hh),
        DB_OK);
    assert_int_equal(
        store_persons_household_add(db, NULL, "X-1", "13285", NULL, &hh),
        DB_ECONFLICT);
}

static void test_bad_values(void **state)
{
    struct db *db = *state;
    int64_t id, pid;

    pid = add_person(db, NULL, NULL, "Lê Văn Tám", "1950-01-01", 'M', 0);
    struct store_person_new bad_date = {NULL, "Lê Thị Hoa", "2025-02-30", 'F',
                                        0};
    assert_int_equal(store_persons_add(db, NULL, &bad_date, &id), DB_ECHECK);
    struct store_person_new bad_shape = {NULL, "Lê Thị Hoa", "30/01/2025", 'F',
                                         0};
    assert_int_equal(store_persons_add(db, NULL, &bad_shape, &id), DB_ECHECK);
    struct store_person_new bad_sex = {NULL, "Lê Thị Hoa", "2000-01-01", 'X',
                                       0};
    assert_int_equal(store_persons_add(db, NULL, &bad_sex, &id), DB_ECHECK);
    struct store_person_new bad_id = {"03509000123", "Lê Thị Hoa", "2000-01-01",
                                      'F', 0};
    assert_int_equal(store_persons_add(db, NULL, &bad_id, &id), DB_ECHECK);
    struct store_person_new no_name = {NULL, "   ", "2000-01-01", 'F', 0};
    assert_int_equal(store_persons_add(db, NULL, &no_name, &id), DB_ECHECK);
    struct store_person_new bad_utf8 = {NULL, "L\xff", "2000-01-01", 'F', 0};
    assert_int_equal(store_persons_add(db, NULL, &bad_utf8, &id), DB_ECHECK);

    assert_int_equal(store_persons_residence_add(db, NULL, pid, "13285", NULL,
                                                 "2025-13-01", NULL, &id),
                     DB_ECHECK);
    assert_int_equal(store_persons_residence_add(db, NULL, pid, "13285", NULL,
                                                 "2025-07-01", "2025-07-01",
                                                 &id),
                     DB_ECHECK);
    assert_int_equal(store_persons_residence_add(db, NULL, pid, "1328", NULL,
                                                 "2025-07-01", NULL, &id),
                     DB_ECHECK);
    assert_int_equal(store_persons_poverty_set(db, NULL, 1, 2024, "rich"),
                     DB_ECHECK);

    struct store_membership_new m = {pid, "K9", NULL, 0, "2021-07-01", NULL};
    assert_int_equal(store_persons_membership_add(db, NULL, &m, &id),
                     DB_ECHECK);
    m.category = "K6"; /* needs a disability level */
    assert_int_equal(store_persons_membership_add(db, NULL, &m, &id),
                     DB_ECHECK);
    m.disability = "mild";
    assert_int_equal(store_persons_membership_add(db, NULL, &m, &id),
                     DB_ECHECK);
    m.disability = "severe";
    m.valid_from = "2021-06-31";
    assert_int_equal(store_persons_membership_add(db, NULL, &m, &id),
                     DB_ECHECK);
    struct store_document_new d = {pid, 0, "", NULL, NULL, NULL};
    assert_int_equal(store_persons_document_add(db, NULL, &d, &id), DB_ECHECK);
    d.type = "Giấy khai sinh";
    d.issued_on = "2001-02-29";
    assert_int_equal(store_persons_document_add(db, NULL, &d, &id), DB_ECHECK);
    /* The checks ran before SQL: nothing was written. */
    assert_int_equal(count(db, "SELECT count(*) FROM memberships"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM residences"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM documents"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM persons"), 1);
}

static void test_foreign_keys(void **state)
{
    struct db *db = *state;
    int64_t id;

    assert_int_equal(store_persons_residence_add(db, NULL, 999999, "13285",
                                                 NULL, "2025-07-01", NULL, &id),
                     DB_EFK);
    struct store_person_new p = {NULL, "Đỗ Văn Nam", "1980-01-01", 'M', 777};
    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_EFK);
    assert_int_equal(store_persons_poverty_set(db, NULL, 777, 2024, "poor"),
                     DB_EFK);
}

/* Statistics on a handful of rows whose answers are known by hand. */
static void test_stats(void **state)
{
    struct db *db = *state;
    struct store_stats_category *cats;
    struct store_stats_unit *units;
    size_t n;
    int64_t total;
    int64_t a, b, c, e;

    assert_int_equal(db_begin(db, 1), DB_OK);
    a = add_person(db, NULL, NULL, "Nguyễn Thị A", "1940-01-01", 'F', 0);
    b = add_person(db, NULL, NULL, "Nguyễn Văn B", "1990-01-01", 'M', 0);
    c = add_person(db, NULL, NULL, "Trần Thị C", "2015-01-01", 'F', 0);
    e = add_person(db, NULL, NULL, "Lê Văn E", "1950-01-01", 'M', 0);
    /* a: K5c and K6 from 2021 (two memberships, one beneficiary), moved
     * from Quang Trung (Hà Nam) to Phường Hà Nam (Ninh Bình) on
     * 2025-07-01. */
    add_membership(db, a, "K5c", NULL, "2021-07-01", NULL);
    add_membership(db, a, "K6", "severe", "2022-03-01", NULL);
    assert_int_equal(store_persons_residence_add(db, NULL, a, "13285", NULL,
                                                 "2024-11-01", "2025-07-01",
                                                 NULL),
                     DB_OK);
    assert_int_equal(store_persons_residence_add(db, NULL, a, "13366", NULL,
                                                 "2025-07-01", NULL, NULL),
                     DB_OK);
    /* b: K6 until 2025-01-01 (exclusive), in Lý Nhân. */
    add_membership(db, b, "K6", "especially_severe", "2021-07-01",
                   "2025-01-01");
    assert_int_equal(store_persons_residence_add(db, NULL, b, "13573", NULL,
                                                 "2024-11-01", NULL, NULL),
                     DB_OK);
    /* c: K1b from 2025-03-01, no residence at all. */
    add_membership(db, c, "K1b", NULL, "2025-03-01", NULL);
    /* e: lives in Hà Nội but has no membership. */
    assert_int_equal(store_persons_residence_add(db, NULL, e, "00004", NULL,
                                                 "2024-11-01", NULL, NULL),
                     DB_OK);
    /* Their beneficiary records; b's ends when the membership does. */
    enrol(db, a, "2021-07-01");
    enrol(db, b, "2021-07-01");
    enrol(db, c, "2025-03-01");
    struct store_status_change end_b = {b,
                                        "terminated",
                                        "ineligible",
                                        "Kết quả xác định lại: khuyết tật nhẹ",
                                        NULL,
                                        "2025-01-01",
                                        1,
                                        "cli"};
    assert_int_equal(store_registry_status_set(db, &end_b, NULL), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);

    assert_int_equal(store_stats_beneficiaries(db, "2024-12-31", &total),
                     DB_OK);
    assert_int_equal(total, 2); /* a, b */
    assert_int_equal(store_stats_beneficiaries(db, "2025-01-01", &total),
                     DB_OK);
    assert_int_equal(total, 1); /* b ended the day before */
    assert_int_equal(store_stats_beneficiaries(db, "2025-06-30", &total),
                     DB_OK);
    assert_int_equal(total, 2); /* a, c */
    assert_int_equal(store_stats_beneficiaries(db, "2021-06-30", &total),
                     DB_OK);
    assert_int_equal(total, 0);
    assert_int_equal(store_stats_beneficiaries(db, "2025-6-30", &total),
                     DB_ECHECK);

    assert_int_equal(store_stats_by_category(db, "2024-06-01", &cats, &n),
                     DB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(cats[0].category, "K5c");
    assert_int_equal(cats[0].count, 1);
    assert_string_equal(cats[1].category, "K6");
    assert_int_equal(cats[1].count, 2);
    free(cats);

    /* By province, before the reform: a and b in Hà Nam (35). */
    assert_int_equal(store_stats_by_unit(db, "2024-12-01", NULL, &units, &n),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(units[0].code, "35");
    assert_string_equal(units[0].name, "Tỉnh Hà Nam");
    assert_int_equal(units[0].beneficiaries, 2);
    free(units);
    /* Children of Hà Nam: its districts (Phủ Lý 347, Lý Nhân 353). */
    assert_int_equal(store_stats_by_unit(db, "2024-12-01", "35", &units, &n),
                     DB_OK);
    assert_int_equal(n, 2);
    assert_string_equal(units[0].code, "347");
    assert_string_equal(units[1].code, "353");
    free(units);
    /* Children of a district: its communes. */
    assert_int_equal(store_stats_by_unit(db, "2024-12-01", "347", &units, &n),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(units[0].code, "13285");
    assert_string_equal(units[0].name, "Phường Quang Trung");
    free(units);
    /* After the reform: a is in Ninh Bình (37), Phường Hà Nam. */
    assert_int_equal(store_stats_by_unit(db, "2025-07-01", NULL, &units, &n),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(units[0].code, "37");
    assert_string_equal(units[0].name, "Tỉnh Ninh Bình");
    assert_int_equal(units[0].beneficiaries, 1);
    free(units);
    assert_int_equal(store_stats_by_unit(db, "2025-07-01", "37", &units, &n),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_string_equal(units[0].code, "13366");
    assert_string_equal(units[0].name, "Phường Hà Nam");
    free(units);
    /* A commune has no children. */
    assert_int_equal(store_stats_by_unit(db, "2025-07-01", "13366", &units, &n),
                     DB_OK);
    assert_int_equal(n, 0);
    assert_null(units);

    assert_int_equal(store_stats_audit_count(db, "demo.create", &total), DB_OK);
    assert_int_equal(total, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_insert_and_read, setup, teardown),
        cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
        cmocka_unit_test_setup_teardown(test_duplicate_id_number, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_values, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_keys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stats, setup_units, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
