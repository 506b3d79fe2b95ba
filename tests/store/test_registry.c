/* test_registry.c: storage contract tests for the beneficiary registry
 * (store/store_registry.h): the person search (folded-name substrings,
 * CCCD, Vietnamese order, filters, scope, paging, the walk through the
 * name index), status history, payment history and lost updates. ctest
 * runs it on SQLite and on PostgreSQL: every expected answer is computed
 * here, so both engines must give the same one. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/collate.h"
#include "core/date.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "store/store_stats.h"
#include "testdb.h"
#include "util/clock.h"

static char today[11];

static int setup(void **state)
{
    date_format_iso(clock_today_vn(), today);
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

/* A person living in commune `unit` since 2025-07-01. */
static int64_t person(struct db *db, const char *idn, const char *name,
                      const char *birth, char sex, const char *unit)
{
    struct store_person_new p = {idn, name, birth, sex, 0};
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_OK);
    if (unit != NULL)
        assert_int_equal(store_persons_residence_add(db, NULL, id, unit, NULL,
                                                     "2025-07-01", NULL, NULL),
                         DB_OK);
    return id;
}

static int64_t membership(struct db *db, int64_t pid, const char *cat,
                          const char *from)
{
    struct store_membership_new m = {
        pid, cat, strcmp(cat, "K6") == 0 ? "severe" : NULL, 0, from, NULL};
    int64_t id = 0;

    assert_int_equal(store_persons_membership_add(db, NULL, &m, &id), DB_OK);
    return id;
}

static int status(struct db *db, int64_t pid, const char *st,
                  const char *reason, const char *from, int64_t version,
                  int64_t *out)
{
    struct store_status_change c = {pid,  st,   reason,  "ghi chú",
                                    NULL, from, version, "tester"};
    return store_registry_status_set(db, &c, out);
}

static void search(struct db *db, struct store_person_query *q,
                   struct store_person_hits *h)
{
    int rc = store_registry_search(db, q, h);
    if (rc != DB_OK)
        fail_msg("search: %d %s", rc, db_errmsg(db));
}

static void query_init(struct store_person_query *q)
{
    memset(q, 0, sizeof *q);
    q->date = today;
    q->limit = 100;
}

/* --- fixture: names to find ---------------------------------------------- */

struct fx {
    int64_t duc, duc_plain, tran_duc, le_duc, dang, dao, on, zo, hanoi, meta,
        pct, anh;
};

static void fixture(struct db *db, struct fx *f)
{
    assert_int_equal(db_begin(db, 1), DB_OK);
    f->duc = person(db, "035048000123", "Nguyễn Văn Đức", "1948-03-02", 'M',
                    "13285");
    f->duc_plain =
        person(db, NULL, "Nguyễn Văn Duc", "1950-01-01", 'M', "13366");
    /* Decomposed input is stored NFC and folds the same. */
    f->tran_duc = person(db, NULL, "Tra\xcc\x82\xcc\x80n Văn Đức", "1960-01-01",
                         'M', "13285");
    f->le_duc = person(db, NULL, "Lê Đức Anh", "1970-01-01", 'M', "13573");
    f->dang = person(db, NULL, "Đặng Văn An", "1945-01-01", 'M', "13285");
    f->dao = person(db, NULL, "Đào Thị Bình", "1946-01-01", 'F', "13285");
    f->on = person(db, NULL, "Ông Văn Ơn", "1947-01-01", 'M', "13285");
    f->zo = person(db, NULL, "Phạm Thị Zơ", "1948-01-01", 'F', "13285");
    f->hanoi = person(db, "001050000777", "Nguyễn Văn Đức", "1950-05-05", 'M',
                      "00004");
    f->meta = person(db, NULL, "'; DROP TABLE persons;--", "1990-01-01", 'M',
                     "13285");
    f->pct = person(db, NULL, "Lê 100% Thành_Công", "1991-01-01", 'M', "13285");
    f->anh = person(db, NULL, "Nguyễn Thị Ánh", "1980-01-01", 'F', NULL);
    assert_int_equal(db_commit(db), DB_OK);
}

static void expect_ids(const struct store_person_hits *h, const int64_t *ids,
                       size_t n)
{
    if (h->count != n) {
        for (size_t i = 0; i < h->count; i++)
            fprintf(stderr, "  hit %s\n", h->items[i].full_name);
    }
    assert_int_equal(h->count, n);
    for (size_t i = 0; i < n; i++)
        if (h->items[i].id != ids[i])
            fail_msg("hit %zu: %s (%lld), expected id %lld", i,
                     h->items[i].full_name, (long long)h->items[i].id,
                     (long long)ids[i]);
}

static void test_search_names(void **state)
{
    struct db *db = *state;
    struct store_person_query q;
    struct store_person_hits h;
    struct fx f;

    fixture(db, &f);
    query_init(&q);

    /* "nguyen van duc" finds Đức and Duc, D before Đ, then id. */
    q.name = "nguyen van duc";
    search(db, &q, &h);
    {
        int64_t want[] = {f.duc_plain, f.duc, f.hanoi};
        expect_ids(&h, want, 3);
        assert_int_equal(h.total, 3);
        assert_string_equal(h.items[1].full_name, "Nguyễn Văn Đức");
        assert_string_equal(h.items[1].unit_code, "13285");
        assert_string_equal(h.items[1].id_number, "035048000123");
        assert_int_equal(h.items[1].sex, 'M');
    }
    store_person_hits_free(&h);

    /* "duc": a substring anywhere, đ folded to d; Vietnamese order (Lê,
     * Nguyễn, Trần). */
    q.name = "duc";
    search(db, &q, &h);
    {
        int64_t want[] = {f.le_duc, f.duc_plain, f.duc, f.hanoi, f.tran_duc};
        expect_ids(&h, want, 5);
        assert_string_equal(h.items[4].full_name, "Trần Văn Đức");
    }
    store_person_hits_free(&h);

    /* Order across the letters Vietnamese sorts apart: Đ after D, Ô after
     * O, Ơ after Ô; "van" is in most names. */
    q.name = "van";
    search(db, &q, &h);
    {
        int64_t want[] = {f.dang,  f.duc_plain, f.duc,
                          f.hanoi, f.on,        f.tran_duc};
        expect_ids(&h, want, 6);
    }
    store_person_hits_free(&h);

    /* LIKE and GLOB metacharacters are plain text. */
    q.name = "100% thanh_cong";
    search(db, &q, &h);
    {
        int64_t want[] = {f.pct};
        expect_ids(&h, want, 1);
    }
    store_person_hits_free(&h);
    q.name = "1_0";
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    q.name = "0%_";
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    q.name = "a*b";
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    q.name = "[a]";
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    q.name = "drop table";
    search(db, &q, &h);
    {
        int64_t want[] = {f.meta};
        expect_ids(&h, want, 1);
        assert_string_equal(h.items[0].full_name, "'; DROP TABLE persons;--");
    }
    store_person_hits_free(&h);
    assert_int_equal(count(db, "SELECT count(*) FROM persons"), 12);

    /* A person without a residence is found nationally, with no unit. */
    q.name = "thi anh";
    search(db, &q, &h);
    {
        int64_t want[] = {f.anh};
        expect_ids(&h, want, 1);
        assert_string_equal(h.items[0].unit_code, "");
    }
    store_person_hits_free(&h);

    /* Under 3 characters: refused the same way on both engines. */
    q.name = "du";
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
    q.name = NULL;

    /* A corrected name is found by its new spelling only. */
    {
        struct store_person p;
        struct store_person_new u = {NULL, "Nguyễn Văn Đực", "1950-01-01", 'M',
                                     0};
        assert_int_equal(store_persons_get(db, f.duc_plain, &p), DB_OK);
        assert_int_equal(
            store_persons_update(db, f.duc_plain, p.version, &u, NULL), DB_OK);
        q.name = "nguyen van duc";
        search(db, &q, &h);
        assert_int_equal(h.total, 3); /* "Đực" folds to "duc" too */
        store_person_hits_free(&h);
        u.full_name = "Nguyễn Văn Tâm";
        assert_int_equal(
            store_persons_update(db, f.duc_plain, p.version + 1, &u, NULL),
            DB_OK);
        search(db, &q, &h);
        assert_int_equal(h.total, 2);
        store_person_hits_free(&h);
        q.name = "van tam";
        search(db, &q, &h);
        assert_int_equal(h.total, 1);
        store_person_hits_free(&h);
    }
}

static void test_search_id_and_filters(void **state)
{
    struct db *db = *state;
    struct store_person_query q;
    struct store_person_hits h;
    struct fx f;
    int64_t v = 0;

    fixture(db, &f);
    query_init(&q);

    /* The CCCD exactly; a part of it finds nobody. */
    q.id_number = "035048000123";
    search(db, &q, &h);
    {
        int64_t want[] = {f.duc};
        expect_ids(&h, want, 1);
    }
    store_person_hits_free(&h);
    q.id_number = "035048000124";
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    q.id_number = "0350480001";
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
    q.id_number = NULL;

    /* Scope: a commune, a province (Ninh Bình 37 after the reform) and
     * the unit filter on top. */
    q.name = "duc";
    q.scope.level = 3;
    snprintf(q.scope.code, sizeof q.scope.code, "13285");
    search(db, &q, &h);
    {
        int64_t want[] = {f.duc, f.tran_duc};
        expect_ids(&h, want, 2);
    }
    store_person_hits_free(&h);
    q.scope.level = 1;
    snprintf(q.scope.code, sizeof q.scope.code, "37");
    search(db, &q, &h);
    {
        int64_t want[] = {f.le_duc, f.duc_plain, f.duc, f.tran_duc};
        expect_ids(&h, want, 4);
    }
    store_person_hits_free(&h);
    q.unit.level = 3;
    snprintf(q.unit.code, sizeof q.unit.code, "13573");
    search(db, &q, &h);
    {
        int64_t want[] = {f.le_duc};
        expect_ids(&h, want, 1);
    }
    store_person_hits_free(&h);
    /* A unit outside the scope gives nothing. */
    snprintf(q.unit.code, sizeof q.unit.code, "00004");
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    /* Before the reform the same people lived nowhere we know: the
     * residences start on 2025-07-01. */
    q.unit.level = 0;
    q.date = "2025-06-30";
    search(db, &q, &h);
    assert_int_equal(h.total, 0);
    store_person_hits_free(&h);
    q.date = today;
    q.scope.level = 0;

    /* Category and status filters; beneficiaries only. */
    assert_int_equal(db_begin(db, 1), DB_OK);
    membership(db, f.duc, "K5c", "2021-07-01");
    membership(db, f.tran_duc, "K6", "2022-01-01");
    membership(db, f.le_duc, "K6", "2023-01-01");
    assert_int_equal(status(db, f.duc, "enrolled", NULL, "2021-07-01", 0, &v),
                     DB_OK);
    assert_int_equal(
        status(db, f.tran_duc, "enrolled", NULL, "2022-01-01", 0, &v), DB_OK);
    assert_int_equal(v, 1);
    assert_int_equal(
        status(db, f.tran_duc, "suspended", "detention", "2025-09-01", 1, &v),
        DB_OK);
    assert_int_equal(v, 2);
    assert_int_equal(db_commit(db), DB_OK);
    q.name = NULL;
    q.category = "K6";
    search(db, &q, &h);
    {
        int64_t want[] = {f.le_duc, f.tran_duc};
        expect_ids(&h, want, 2);
        assert_string_equal(h.items[0].status, "");
        assert_string_equal(h.items[1].status, "suspended");
        assert_string_equal(h.items[1].since, "2025-09-01");
        assert_string_equal(h.items[1].reason, "detention");
    }
    store_person_hits_free(&h);
    q.category = NULL;
    q.beneficiaries_only = 1;
    search(db, &q, &h);
    {
        int64_t want[] = {f.duc, f.tran_duc};
        expect_ids(&h, want, 2);
    }
    store_person_hits_free(&h);
    q.status = "suspended";
    search(db, &q, &h);
    {
        int64_t want[] = {f.tran_duc};
        expect_ids(&h, want, 1);
    }
    store_person_hits_free(&h);
    q.status = "enrolled";
    q.scope.level = 3;
    snprintf(q.scope.code, sizeof q.scope.code, "13285");
    search(db, &q, &h);
    {
        int64_t want[] = {f.duc};
        expect_ids(&h, want, 1);
    }
    store_person_hits_free(&h);
    q.status = "retired";
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
    q.status = NULL;
    q.category = "K9";
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
    q.category = NULL;
    q.scope.level = 2;
    snprintf(q.scope.code, sizeof q.scope.code, "1");
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
}

static void test_paging(void **state)
{
    struct db *db = *state;
    struct store_person_query q;
    struct store_person_hits h;
    struct fx f;
    int64_t all[12];

    fixture(db, &f);
    query_init(&q);
    search(db, &q, &h); /* every person, nationally */
    assert_int_equal(h.total, 12);
    assert_int_equal(h.count, 12);
    for (size_t i = 0; i < 12; i++)
        all[i] = h.items[i].id;
    store_person_hits_free(&h);
    q.limit = 5;
    for (int64_t off = 0; off < 15; off += 5) {
        q.offset = off;
        search(db, &q, &h);
        assert_int_equal(h.total, 12);
        assert_int_equal(h.count, off < 10 ? 5 : 2);
        for (size_t i = 0; i < h.count; i++)
            assert_int_equal(h.items[i].id, all[off + (int64_t)i]);
        store_person_hits_free(&h);
    }
    q.offset = 100;
    search(db, &q, &h);
    assert_int_equal(h.total, 12);
    assert_int_equal(h.count, 0);
    store_person_hits_free(&h);
    q.limit = 0;
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
    q.limit = 10;
    q.offset = -1;
    assert_int_equal(store_registry_search(db, &q, &h), DB_ECHECK);
}

/* More matches than the store sorts in full: the page comes from walking
 * the name index, and must equal the order ICU gives here. */
static int cmp_name(const void *a, const void *b, void *c)
{
    const struct store_person_hit *x = a, *y = b;
    int r = collate_cmp(c, x->full_name, strlen(x->full_name), y->full_name,
                        strlen(y->full_name));
    return r != 0 ? r : (x->id > y->id) - (x->id < y->id);
}

static struct collate *sort_coll;

static int cmp_qsort(const void *a, const void *b)
{
    return cmp_name(a, b, sort_coll);
}

/* The page of h equals the matches of mine (sorted) in unit (NULL: any)
 * whose name holds part (NULL: any), from offset off. */
static void expect_page(const struct store_person_hits *h,
                        const struct store_person_hit *mine, size_t nm,
                        const char *unit, const char *part, int64_t off)
{
    size_t j = 0, k = 0;

    if (h->count == 0)
        fail_msg("empty page: unit %s part %s offset %lld total %lld",
                 unit ? unit : "-", part ? part : "-", (long long)off,
                 (long long)h->total);
    for (size_t i = 0; i < nm && j < h->count; i++) {
        if ((unit && strcmp(mine[i].unit_code, unit) != 0) ||
            (part && strstr(mine[i].full_name, part) == NULL))
            continue;
        if ((int64_t)k++ < off)
            continue;
        if (h->items[j].id != mine[i].id)
            fail_msg("offset %lld+%zu: %s, expected %s", (long long)off, j,
                     h->items[j].full_name, mine[i].full_name);
        j++;
    }
    assert_int_equal(j, h->count);
}

static void test_walk_order(void **state)
{
    static const char *const fam[] = {"Nguyễn", "Trần", "Lê", "Phạm",
                                      "Đặng",   "Đỗ",   "Âu", "Ông",
                                      "Vũ",     "Bùi",  "Hồ", "Ưng"};
    static const char *const mid[] = {"Thị", "Văn", "Thị Thu", "Thị Ánh"};
    static const char *const giv[] = {"An",   "Ân",  "Anh",  "Ăn", "Bình",
                                      "Dung", "Đức", "Oanh", "Ô",  "Ơn",
                                      "Zơ",   "Hoa", "Hòa",  "Hỏa"};
    enum { N = 7000 };
    struct db *db = *state;
    struct store_person_query q;
    struct store_person_hits h;
    struct store_person_hit *mine = calloc(N, sizeof *mine);
    size_t nm = 0;
    char name[128];

    assert_non_null(mine);
    assert_int_equal(db_begin(db, 1), DB_OK);
    for (int i = 0; i < N; i++) {
        snprintf(name, sizeof name, "%s %s %s", fam[(i * 7) % 12],
                 mid[(i / 3) % 4], giv[(i * 5) % 14]);
        const char *unit = i % 2 ? "13285" : "13366";
        int64_t id = person(db, NULL, name, "1950-01-01", 'F', unit);
        if (strstr(name, "Thị") != NULL) {
            mine[nm].id = id;
            snprintf(mine[nm].full_name, sizeof mine[nm].full_name, "%s", name);
            snprintf(mine[nm].unit_code, sizeof mine[nm].unit_code, "%s", unit);
            nm++;
        }
    }
    assert_int_equal(db_commit(db), DB_OK);
    assert_true(nm > 5000);
    sort_coll = collate_new_vi();
    assert_non_null(sort_coll);
    qsort(mine, nm, sizeof *mine, cmp_qsort);

    query_init(&q);
    q.name = "thi";
    q.limit = 40;
    q.sort_max = 1000; /* walk the index for these 5,250 matches */
    for (int64_t off = 0; off < (int64_t)nm; off += 1700) {
        q.offset = off;
        search(db, &q, &h);
        assert_int_equal(h.total, (int64_t)nm);
        assert_int_equal(h.count, 40);
        for (size_t i = 0; i < h.count; i++)
            if (h.items[i].id != mine[off + (int64_t)i].id)
                fail_msg("offset %lld+%zu: %s, expected %s", (long long)off, i,
                         h.items[i].full_name,
                         mine[off + (int64_t)i].full_name);
        store_person_hits_free(&h);
    }
    /* A cluster ("thi thu": the middle name Thị Thu only) is walked from
     * its first name on; through an area (commune 13285, half of them) the
     * order is the same sorted in full and walked. */
    q.sort_max = 500;
    q.name = "thi thu";
    for (int64_t off = 0; off < 1500; off += 700) {
        q.offset = off;
        search(db, &q, &h);
        expect_page(&h, mine, nm, NULL, "Thị Thu", off);
        store_person_hits_free(&h);
    }
    q.name = "thi";
    q.unit.level = 3;
    snprintf(q.unit.code, sizeof q.unit.code, "13285");
    for (int walk = 0; walk < 2; walk++) {
        q.sort_max = walk ? 100 : 0;
        for (int64_t off = 0; off < 2333; off += 1150) { /* 2,333 */
            q.offset = off;
            search(db, &q, &h);
            expect_page(&h, mine, nm, "13285", NULL, off);
            store_person_hits_free(&h);
        }
    }
    collate_free(sort_coll);
    free(mine);
}

static void test_status_history(void **state)
{
    struct db *db = *state;
    struct store_status_list l;
    struct store_beneficiary b;
    int64_t pid, m1, v = 0, n;
    struct fx f;

    fixture(db, &f);
    pid = f.duc;
    assert_int_equal(db_begin(db, 1), DB_OK);
    m1 = membership(db, pid, "K5c", "2021-07-01");
    membership(db, pid, "K6", "2023-05-01");
    /* Nothing but enrolment creates a record. */
    assert_int_equal(
        status(db, pid, "suspended", "detention", "2021-07-01", 0, &v),
        DB_ECHECK);
    assert_int_equal(status(db, pid, "enrolled", NULL, "2021-07-01", 0, &v),
                     DB_OK);
    assert_int_equal(status(db, pid, "enrolled", NULL, "2021-07-01", 0, &v),
                     DB_ECONFLICT); /* one record per person */
    assert_int_equal(
        status(db, pid, "suspended", "not_collected", "2024-03-01", 1, &v),
        DB_OK);
    /* A lost update: version 1 is gone. */
    assert_int_equal(status(db, pid, "enrolled", NULL, "2024-06-01", 1, &v),
                     DB_ECONFLICT);
    assert_non_null(strstr(db_errmsg(db), "phiên bản hiện tại 2"));
    assert_int_equal(status(db, pid, "enrolled", NULL, "2024-06-01", 2, &v),
                     DB_OK);
    /* Not after the current start. */
    assert_int_equal(
        status(db, pid, "terminated", "death", "2024-06-01", 3, &v), DB_ECHECK);
    /* A reason that does not belong to the status. */
    assert_int_equal(
        status(db, pid, "terminated", "detention", "2025-08-01", 3, &v),
        DB_ECHECK);
    assert_int_equal(
        status(db, pid, "terminated", "death", "2025-08-01", 3, &v), DB_OK);
    assert_int_equal(v, 4);
    assert_int_equal(db_commit(db), DB_OK);

    assert_int_equal(store_registry_get(db, pid, &b), DB_OK);
    assert_string_equal(b.status, "terminated");
    assert_string_equal(b.since, "2025-08-01");
    assert_string_equal(b.reason, "death");
    assert_int_equal(b.version, 4);
    assert_int_equal(store_registry_history(db, pid, &l), DB_OK);
    assert_int_equal(l.count, 4);
    assert_string_equal(l.items[0].status, "enrolled");
    assert_string_equal(l.items[0].valid_from, "2021-07-01");
    assert_string_equal(l.items[0].valid_to, "2024-03-01");
    assert_string_equal(l.items[1].status, "suspended");
    assert_string_equal(l.items[1].reason, "not_collected");
    assert_string_equal(l.items[1].valid_to, "2024-06-01");
    assert_string_equal(l.items[2].status, "enrolled");
    assert_string_equal(l.items[2].reason, "");
    assert_string_equal(l.items[3].status, "terminated");
    assert_string_equal(l.items[3].valid_from, "2025-08-01");
    assert_string_equal(l.items[3].valid_to, "");
    assert_string_equal(l.items[3].recorded_by, "tester");
    assert_string_equal(l.items[3].reason_text, "ghi chú");
    store_status_list_free(&l);

    /* The termination ended both memberships on its day. */
    n = count(db, "SELECT count(*) FROM memberships WHERE valid_to ="
                  " '2025-08-01'");
    assert_int_equal(n, 2);
    {
        struct store_membership_list ml;
        assert_int_equal(store_persons_memberships(db, pid, &ml), DB_OK);
        assert_int_equal(ml.count, 2);
        assert_int_equal(ml.items[0].id, m1);
        assert_int_equal(ml.items[0].version, 2);
        store_membership_list_free(&ml);
    }
    /* Statistics: a beneficiary while enrolled or suspended. */
    assert_int_equal(store_stats_beneficiaries(db, "2024-04-01", &n), DB_OK);
    assert_int_equal(n, 1); /* suspended */
    assert_int_equal(store_stats_beneficiaries(db, "2025-07-31", &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_stats_beneficiaries(db, "2025-08-01", &n), DB_OK);
    assert_int_equal(n, 0);
    assert_int_equal(store_stats_beneficiaries(db, "2021-06-30", &n), DB_OK);
    assert_int_equal(n, 0);

    /* Re-enrolment after a termination; then a termination cannot come
     * while a membership starts on or after its date. */
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(status(db, pid, "enrolled", NULL, "2026-01-01", 4, &v),
                     DB_OK);
    membership(db, pid, "K5c", "2026-03-01");
    assert_int_equal(
        status(db, pid, "terminated", "moved", "2026-02-01", 5, &v), DB_ECHECK);
    assert_int_equal(db_rollback(db), DB_OK);
    assert_int_equal(store_registry_get(db, pid, &b), DB_OK);
    assert_int_equal(b.version, 4);
    assert_int_equal(store_registry_get(db, f.dao, &b), DB_ENOTFOUND);
    assert_int_equal(store_registry_history(db, f.dao, &l), DB_OK);
    assert_int_equal(l.count, 0);
    store_status_list_free(&l);
}

static void test_payment_history(void **state)
{
    struct db *db = *state;
    struct store_payment_list l;
    int64_t pid, v = 0, id = 0;
    struct fx f;

    fixture(db, &f);
    pid = f.duc;
    struct store_payment_new cash = {pid,
                                     "2021-07-01",
                                     "cash",
                                     "Bưu điện văn hóa xã Liêm Phong",
                                     "Trần Thị Hoa",
                                     NULL,
                                     NULL,
                                     NULL,
                                     NULL,
                                     NULL,
                                     NULL,
                                     NULL,
                                     1,
                                     "tester"};
    /* No record, no payment. */
    assert_int_equal(store_registry_payment_set(db, &cash, &v, &id),
                     DB_ENOTFOUND);
    assert_int_equal(db_begin(db, 1), DB_OK);
    membership(db, pid, "K5c", "2021-07-01");
    assert_int_equal(status(db, pid, "enrolled", NULL, "2021-07-01", 0, &v),
                     DB_OK);
    assert_int_equal(store_registry_payment_set(db, &cash, &v, &id), DB_OK);
    assert_int_equal(v, 2);
    /* A lost update. */
    struct store_payment_new bank = {pid,
                                     "2023-03-01",
                                     "bank",
                                     NULL,
                                     NULL,
                                     "970405",
                                     "2900205123456",
                                     NULL,
                                     "Nguyễn Thị Lan",
                                     "035185000321",
                                     "con gái",
                                     "Giấy ủy quyền số 12/UQ",
                                     1,
                                     "tester"};
    assert_int_equal(store_registry_payment_set(db, &bank, &v, &id),
                     DB_ECONFLICT);
    bank.expected_version = 2;
    /* Shape checks: unknown bank, wrong fields for the method, a partial
     * receiver, a date not after the current start. */
    bank.bank_code = "123456";
    assert_int_equal(store_registry_payment_set(db, &bank, &v, &id), DB_ECHECK);
    bank.bank_code = "970405";
    bank.point_name = "Trụ sở UBND";
    assert_int_equal(store_registry_payment_set(db, &bank, &v, &id), DB_ECHECK);
    bank.point_name = NULL;
    bank.receiver_document = NULL;
    assert_int_equal(store_registry_payment_set(db, &bank, &v, &id), DB_ECHECK);
    bank.receiver_document = "Giấy ủy quyền số 12/UQ";
    bank.valid_from = "2021-07-01";
    assert_int_equal(store_registry_payment_set(db, &bank, &v, &id), DB_ECHECK);
    bank.valid_from = "2023-03-01";
    assert_int_equal(store_registry_payment_set(db, &bank, &v, &id), DB_OK);
    assert_int_equal(v, 3);
    struct store_payment_new wallet = {
        pid,  "2024-01-01", "ewallet",    NULL,
        NULL, NULL,         "0987654321", "viettel_money",
        NULL, NULL,         NULL,         NULL,
        3,    "tester"};
    assert_int_equal(store_registry_payment_set(db, &wallet, &v, &id), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);

    assert_int_equal(store_registry_payments(db, pid, &l), DB_OK);
    assert_int_equal(l.count, 3);
    assert_string_equal(l.items[0].method, "cash");
    assert_string_equal(l.items[0].valid_to, "2023-03-01");
    assert_string_equal(l.items[0].point_name,
                        "Bưu điện văn hóa xã Liêm Phong");
    assert_string_equal(l.items[0].point_officer, "Trần Thị Hoa");
    assert_string_equal(l.items[1].method, "bank");
    assert_string_equal(l.items[1].bank_code, "970405");
    assert_string_equal(l.items[1].account_number, "2900205123456");
    assert_string_equal(l.items[1].receiver_relationship, "con gái");
    assert_string_equal(l.items[1].receiver_id_number, "035185000321");
    assert_string_equal(l.items[1].valid_to, "2024-01-01");
    assert_string_equal(l.items[2].method, "ewallet");
    assert_string_equal(l.items[2].wallet_provider, "viettel_money");
    assert_string_equal(l.items[2].valid_to, "");
    assert_string_equal(l.items[2].receiver_name, "");
    assert_string_equal(l.items[2].recorded_by, "tester");
    store_payment_list_free(&l);

    /* A termination ends the open arrangement. */
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(
        status(db, pid, "terminated", "refused", "2025-01-01", 4, &v), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(count(db, "SELECT count(*) FROM payment_arrangements"
                               " WHERE valid_to IS NULL"),
                     0);
}

static void test_person_update(void **state)
{
    struct db *db = *state;
    struct store_person p;
    struct fx f;
    int64_t v = 0;

    fixture(db, &f);
    assert_int_equal(store_persons_get(db, f.dao, &p), DB_OK);
    assert_int_equal(p.version, 1);
    struct store_person_new u = {"035146000999", "  Đào Thị   Bình ",
                                 "1946-01-01", 'F', 0};
    assert_int_equal(store_persons_update(db, f.dao, 1, &u, &v), DB_OK);
    assert_int_equal(v, 2);
    assert_int_equal(store_persons_get(db, f.dao, &p), DB_OK);
    assert_string_equal(p.full_name, "Đào Thị Bình");
    assert_string_equal(p.search_text, "dao thi binh");
    assert_string_equal(p.id_number, "035146000999");
    /* The lost update: someone saved version 2 first. */
    assert_int_equal(store_persons_update(db, f.dao, 1, &u, &v), DB_ECONFLICT);
    assert_non_null(strstr(db_errmsg(db), "phiên bản hiện tại 2"));
    /* Another person's number. */
    u.id_number = "035048000123";
    assert_int_equal(store_persons_update(db, f.dao, 2, &u, &v), DB_ECONFLICT);
    assert_non_null(strstr(db_errmsg(db), "035048000123"));
    u.id_number = NULL;
    u.birth_date = "1946-02-30";
    assert_int_equal(store_persons_update(db, f.dao, 2, &u, &v), DB_ECHECK);
    assert_int_equal(store_persons_update(db, 999999, 1, &u, &v), DB_ECHECK);
    u.birth_date = "1946-01-01";
    assert_int_equal(store_persons_update(db, 999999, 1, &u, &v), DB_ENOTFOUND);
    assert_int_equal(store_persons_get(db, f.dao, &p), DB_OK);
    assert_int_equal(p.version, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_search_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_search_id_and_filters, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_paging, setup, teardown),
        cmocka_unit_test_setup_teardown(test_walk_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_status_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_payment_history, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person_update, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
