/* test_demo.c: `ansinh demo` (app/demo.h) and the statistics (app/stats.h)
 * on a small demo, on SQLite and on PostgreSQL: exact beneficiary count,
 * determinism per seed, valid personal numbers, ages that fit the
 * categories, residences in units that existed, poverty where the category
 * needs it, and statistics equal to counts made independently in C.
 * PostgreSQL inserts are slower, so its demos are smaller. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "app/auth.h"
#include "app/demo.h"
#include "app/reorganise.h"
#include "app/stats.h"
#include "core/cccd.h"
#include "core/date.h"
#include "core/payment.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "store/store_stats.h"
#include "store/store_units.h"
#include "testdb.h"

static int is_pg(void)
{
    return strcmp(testdb_engine(), "pg") == 0;
}

/* Beneficiaries of the small demo: 2,000 on SQLite, 300 on PostgreSQL. */
static int64_t small_n(void)
{
    return is_pg() ? 300 : 2000;
}

static void demo(struct db *db, const char *province, int64_t n,
                 const char *as_of, uint64_t seed, struct app_demo_result *res)
{
    struct app_demo_opts o;
    char msg[512];

    app_demo_opts_default(&o);
    o.province = province;
    o.beneficiaries = n;
    o.as_of = as_of;
    o.seed = seed;
    o.no_history = 1; /* test_history has it */
    int rc = app_demo_create(db, &o, res, msg, sizeof msg);
    if (rc != 0)
        fail_msg("app_demo_create: %d %s", rc, msg);
    assert_int_equal(res->existed, 0);
    assert_int_equal(res->beneficiaries, n);
}

static int64_t count(struct db *db, const char *sql)
{
    int64_t n = -1;
    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

/* --- content digest ------------------------------------------------------ */

static void fnv(uint64_t *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    for (size_t i = 0; i < n; i++) {
        *h ^= s[i];
        *h *= 1099511628211ULL;
    }
}

/* Everything the demo chose (not created_at, not password hashes). */
static uint64_t digest(struct db *db)
{
    static const char *const queries[] = {
        "SELECT id, code, unit_code, address FROM households ORDER BY id",
        "SELECT household_id, year, status FROM household_poverty"
        " ORDER BY household_id, year",
        "SELECT id, id_number, full_name, search_text, birth_date, sex,"
        " household_id FROM persons ORDER BY id",
        "SELECT id, person_id, unit_code, address, valid_from, valid_to"
        " FROM residences ORDER BY id",
        "SELECT id, person_id, category, disability, studying, valid_from,"
        " valid_to FROM memberships ORDER BY id",
        "SELECT id, person_id, membership_id, type, number, issued_on, issuer,"
        " kind FROM documents ORDER BY id",
        "SELECT person_id, status, since, reason, reason_text, decision_ref,"
        " version FROM beneficiaries ORDER BY person_id",
        "SELECT id, person_id, status, reason, reason_text, decision_ref,"
        " valid_from, valid_to, recorded_by FROM beneficiary_status"
        " ORDER BY id",
        "SELECT id, person_id, valid_from, valid_to, method, point_name,"
        " point_officer, bank_code, account_number, wallet_provider,"
        " receiver_name, receiver_id_number, receiver_relationship,"
        " receiver_document FROM payment_arrangements ORDER BY id",
        "SELECT username, role, area_code FROM users ORDER BY username",
        "SELECT task_key, kind, unit_code, person_id, from_unit, state,"
        " resolution FROM tasks ORDER BY id",
    };
    uint64_t h = 1469598103934665603ULL;
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        struct db_stmt *st;
        int rc;
        assert_int_equal(db_prepare(db, queries[q], &st), DB_OK);
        while ((rc = db_step(st)) == DB_ROW) {
            int ncol = db_col_count(st);
            for (int c = 0; c < ncol; c++) {
                size_t len = 0;
                const char *s = db_col_text(st, c, &len);
                if (s)
                    fnv(&h, s, len);
                else
                    fnv(&h, "\0", 1);
                fnv(&h, "\x1f", 1);
            }
            fnv(&h, "\x1e", 1);
        }
        assert_int_equal(rc, DB_DONE);
        db_reset(st);
        fnv(&h, "\x1d", 1);
    }
    return h;
}

/* --- checks on one demo database ----------------------------------------- */

static struct date parse(const char *s)
{
    struct date d;
    assert_non_null(s);
    assert_int_equal(date_parse_iso(s, strlen(s), &d), DATE_OK);
    return d;
}

static void check_numbers(struct db *db)
{
    struct db_stmt *st;
    int64_t cccd = 0, cmnd = 0;
    int rc;

    assert_int_equal(db_prepare(db,
                                "SELECT id_number, birth_date, sex FROM"
                                " persons",
                                &st),
                     DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *idn = db_col_text(st, 0, NULL);
        struct date b = parse(db_col_text(st, 1, NULL));
        const char *sex = db_col_text(st, 2, NULL);
        struct cccd_info info;
        char msg[256];
        assert_non_null(idn);
        if (cccd_parse(idn, strlen(idn), &info, msg, sizeof msg) != CCCD_OK)
            fail_msg("%s: %s", idn, msg);
        if (info.kind == CCCD_KIND_CMND) {
            cmnd++;
            assert_true(b.y < 1950); /* only the oldest kept a CMND */
            continue;
        }
        cccd++;
        if (cccd_check_person(&info, b.y, sex[0], msg, sizeof msg) != CCCD_OK)
            fail_msg("%s (%d, %c): %s", idn, b.y, sex[0], msg);
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    assert_true(cccd > 0);
    assert_true(cmnd > 0);
    /* Numbers are unique (the column is UNIQUE; count them anyway). */
    assert_int_equal(count(db, "SELECT count(DISTINCT id_number) FROM"
                               " persons"),
                     cccd + cmnd);
}

/* Ages on the as-of date fit each open category (RULES.md §2.2); every
 * membership starts between 2021-07-01 and the as-of date; K5c starts in
 * the month of the 80th birthday (or 2021-07-01), K6 in the month of its
 * certificate (or 2021-07-01). */
static void check_ages(struct db *db, const char *as_of)
{
    static const char sql[] =
        "SELECT m.category, p.birth_date, m.valid_from, m.valid_to,"
        " (SELECT max(d.issued_on) FROM documents d WHERE d.membership_id ="
        " m.id AND d.type = 'Giấy xác nhận khuyết tật'), b.status, b.since"
        " FROM memberships m JOIN persons p ON p.id = m.person_id"
        " JOIN beneficiaries b ON b.person_id = m.person_id";
    struct date A = parse(as_of), d20 = {2021, 7, 1};
    struct db_stmt *st;
    int64_t open = 0;
    int rc;

    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *cat = db_col_text(st, 0, NULL);
        struct date birth = parse(db_col_text(st, 1, NULL));
        struct date from = parse(db_col_text(st, 2, NULL));
        int age = date_age_on(birth, A);
        assert_true(date_cmp(from, d20) >= 0);
        assert_true(date_cmp(from, A) <= 0);
        assert_true(date_cmp(from, birth) >= 0);
        if (!db_col_is_null(st, 3)) {
            /* Closed: a K1 childhood before K2, or the case of a former
             * beneficiary, ended by the termination day; before as-of. */
            if (strcmp(db_col_text(st, 5, NULL), "terminated") == 0)
                assert_true(strcmp(db_col_text(st, 3, NULL),
                                   db_col_text(st, 6, NULL)) <= 0);
            else
                assert_true(strncmp(cat, "K1", 2) == 0);
            assert_true(date_cmp(parse(db_col_text(st, 3, NULL)), A) <= 0);
            continue;
        }
        open++;
        int ok;
        if (strncmp(cat, "K1", 2) == 0 || strcmp(cat, "K3") == 0)
            ok = age < 16;
        else if (strcmp(cat, "K2") == 0)
            ok = age >= 16 && age < 22;
        else if (strcmp(cat, "K4") == 0 || strcmp(cat, "K8") == 0)
            ok = age >= 18;
        else if (strcmp(cat, "K5a") == 0 || strcmp(cat, "K5d") == 0)
            ok = age >= 60;
        else if (strcmp(cat, "K5b") == 0)
            ok = age >= 75 && age < 80;
        else if (strcmp(cat, "K5c") == 0)
            ok = age >= 80;
        else if (strcmp(cat, "K7") == 0)
            ok = age < 3;
        else
            ok = strcmp(cat, "K6") == 0;
        if (!ok)
            fail_msg("%s aged %d on %s", cat, age, as_of);
        if (strcmp(cat, "K5c") == 0) {
            struct date b80 = {birth.y + 80, birth.m, 1};
            struct date want = date_cmp(b80, d20) > 0 ? b80 : d20;
            assert_int_equal(date_cmp(from, want), 0);
        }
        if (strcmp(cat, "K6") == 0) {
            struct date cert = parse(db_col_text(st, 4, NULL));
            struct date m1 = {cert.y, cert.m, 1};
            struct date want = date_cmp(m1, d20) > 0 ? m1 : d20;
            assert_int_equal(date_cmp(from, want), 0);
        }
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    assert_true(open > 0);
}

/* Every residence names a commune that existed on its first day; every
 * person lives in exactly one place on the as-of date. */
static void check_residences(struct db *db, const char *as_of)
{
    struct db_stmt *st;
    int rc;

    assert_int_equal(db_prepare(db,
                                "SELECT DISTINCT unit_code, valid_from FROM"
                                " residences ORDER BY unit_code, valid_from",
                                &st),
                     DB_OK);
    struct {
        char code[8], from[11];
    } *rows = NULL;
    size_t n = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        rows = realloc(rows, (n + 1) * sizeof *rows);
        assert_non_null(rows);
        snprintf(rows[n].code, sizeof rows[n].code, "%s",
                 db_col_text(st, 0, NULL));
        snprintf(rows[n].from, sizeof rows[n].from, "%s",
                 db_col_text(st, 1, NULL));
        n++;
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    assert_true(n > 0);
    for (size_t i = 0; i < n; i++) {
        struct units_version v;
        int before = -1;
        if (store_units_get(db, rows[i].code, rows[i].from, &v, &before) !=
            DB_OK)
            fail_msg("unit %s not found on %s", rows[i].code, rows[i].from);
        assert_int_equal(before, 0);
        assert_int_equal(v.level, 3);
    }
    free(rows);

    assert_int_equal(db_prepare(db,
                                "SELECT count(*) FROM persons p WHERE"
                                " (SELECT count(*) FROM residences r WHERE"
                                " r.person_id = p.id AND r.valid_from <= $1"
                                " AND (r.valid_to IS NULL OR r.valid_to >"
                                " $1)) <> 1",
                                &st),
                     DB_OK);
    assert_int_equal(db_bind_text(st, 1, as_of, (size_t)-1), DB_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_int_equal(db_col_int64(st, 0), 0);
    db_reset(st);
}

/* After the reorganisation (RULES.md §10.3): on 2025-07-01 every person
 * lives in exactly one commune of the new list, or has exactly one open
 * assignment task (a split commune, not resolved), never both; the old
 * residences end on 2025-07-01. Returns the open assignments of
 * beneficiaries. */
static int64_t check_reformed(struct db *db, const char *province)
{
    char sql[1024];

    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM persons p WHERE (SELECT count(*) FROM"
             " residences r JOIN units u ON u.code = r.unit_code AND u.level ="
             " 3 AND u.province_code = '%s' AND u.valid_from <= '2025-07-01'"
             " AND (u.valid_to IS NULL OR u.valid_to > '2025-07-01') WHERE"
             " r.person_id = p.id AND r.valid_from <= '2025-07-01' AND"
             " (r.valid_to IS NULL OR r.valid_to > '2025-07-01')) + (SELECT"
             " count(*) FROM tasks t WHERE t.person_id = p.id AND t.kind ="
             " 'assign_commune' AND t.state = 'open') <> 1",
             province);
    assert_int_equal(count(db, sql), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM residences WHERE"
                               " valid_from < '2025-07-01' AND (valid_to IS"
                               " NULL OR valid_to > '2025-07-01')"),
                     0);
    return count(db, "SELECT count(*) FROM tasks t JOIN beneficiaries b ON"
                     " b.person_id = t.person_id WHERE t.kind ="
                     " 'assign_commune' AND t.state = 'open' AND b.status IN"
                     " ('enrolled', 'suspended')");
}

/* Categories that need a poor (K3, K5a, K5d, K8) or poor or near-poor
 * (K4, K5b, K7) household have one in the as-of year. */
static void check_poverty(struct db *db, const char *as_of)
{
    static const char sql[] =
        "SELECT m.category, hp.status FROM memberships m"
        " JOIN persons p ON p.id = m.person_id"
        " LEFT JOIN household_poverty hp ON hp.household_id = p.household_id"
        " AND hp.year = $1 WHERE m.valid_to IS NULL";
    struct db_stmt *st;
    int64_t checked = 0;
    int rc;

    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    assert_int_equal(db_bind_int64(st, 1, parse(as_of).y), DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        const char *cat = db_col_text(st, 0, NULL);
        const char *s = db_col_text(st, 1, NULL);
        int poor = s && strcmp(s, "poor") == 0;
        int near = s && strcmp(s, "near_poor") == 0;
        if (strcmp(cat, "K3") == 0 || strcmp(cat, "K5a") == 0 ||
            strcmp(cat, "K5d") == 0 || strcmp(cat, "K8") == 0) {
            if (!poor)
                fail_msg("%s in a household that is %s", cat, s ? s : "-");
            checked++;
        } else if (strcmp(cat, "K4") == 0 || strcmp(cat, "K5b") == 0 ||
                   strcmp(cat, "K7") == 0) {
            if (!poor && !near)
                fail_msg("%s in a household that is %s", cat, s ? s : "-");
            checked++;
        }
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    assert_true(checked > 0);
}

/* The registry of the demo: every person with a membership has a
 * beneficiary record whose history starts with the first membership, runs
 * without gaps and ends with the record's status; n are enrolled or
 * suspended on as-of and the former ones were terminated by then, with
 * their memberships and payment ended that day; every beneficiary has one
 * arrangement open (none for the former), with known banks and wallets,
 * and children are paid through a receiver. */
static void check_registry(struct db *db, const char *as_of, int64_t n,
                           const struct app_demo_result *res)
{
    static const char periods[] =
        "SELECT s.person_id, s.status, s.valid_from, s.valid_to, b.status,"
        " b.since, (SELECT min(m.valid_from) FROM memberships m"
        " WHERE m.person_id = s.person_id) FROM beneficiary_status s"
        " JOIN beneficiaries b ON b.person_id = s.person_id"
        " ORDER BY s.person_id, s.valid_from";
    static const char pays[] =
        "SELECT a.person_id, a.valid_from, a.valid_to, a.method, a.bank_code,"
        " a.account_number, a.wallet_provider, a.receiver_name, p.birth_date,"
        " b.status FROM payment_arrangements a"
        " JOIN persons p ON p.id = a.person_id"
        " JOIN beneficiaries b ON b.person_id = a.person_id"
        " ORDER BY a.person_id, a.valid_from";
    struct db_stmt *st;
    int64_t prev = -1, open_now = 0, children = 0;
    char prev_to[11] = "", last_status[12] = "";
    int rc;

    assert_int_equal(count(db, "SELECT count(*) FROM memberships m WHERE NOT"
                               " EXISTS (SELECT 1 FROM beneficiaries b"
                               " WHERE b.person_id = m.person_id)"),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM beneficiaries"),
                     n + res->former);
    assert_int_equal(count(db, "SELECT count(*) FROM beneficiaries"
                               " WHERE status = 'terminated'"),
                     res->former);
    assert_int_equal(count(db, "SELECT count(*) FROM beneficiaries"
                               " WHERE status = 'suspended'"),
                     res->suspended);
    assert_true(res->former > 0);
    /* Memberships of the former end on the termination day. */
    assert_int_equal(count(db, "SELECT count(*) FROM memberships m"
                               " JOIN beneficiaries b ON b.person_id ="
                               " m.person_id WHERE b.status = 'terminated'"
                               " AND (m.valid_to IS NULL OR m.valid_to >"
                               " b.since)"),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM documents"
                               " WHERE kind = 'other'"),
                     0);

    assert_int_equal(db_prepare(db, periods, &st), DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t pid = db_col_int64(st, 0);
        const char *status = db_col_text(st, 1, NULL);
        const char *from = db_col_text(st, 2, NULL);
        const char *to = db_col_text(st, 3, NULL);

        if (pid != prev) {
            assert_true(prev_to[0] == '\0'); /* the last one was open */
            /* History starts with the first membership, enrolled. */
            assert_string_equal(status, "enrolled");
            assert_string_equal(from, db_col_text(st, 6, NULL));
        } else {
            assert_string_equal(from, prev_to);
            assert_true(strcmp(status, last_status) != 0);
        }
        if (to == NULL) { /* the current period is the record's */
            assert_string_equal(status, db_col_text(st, 4, NULL));
            assert_string_equal(from, db_col_text(st, 5, NULL));
            assert_true(strcmp(from, as_of) <= 0 ||
                        strcmp(status, "terminated") != 0);
        }
        if (strcmp(from, as_of) <= 0 && (to == NULL || strcmp(to, as_of) > 0) &&
            strcmp(status, "terminated") != 0)
            open_now++;
        snprintf(prev_to, sizeof prev_to, "%s", to ? to : "");
        snprintf(last_status, sizeof last_status, "%s", status);
        prev = pid;
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    assert_int_equal(open_now, n);

    prev = -1;
    prev_to[0] = '\0';
    assert_int_equal(db_prepare(db, pays, &st), DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        int64_t pid = db_col_int64(st, 0);
        const char *from = db_col_text(st, 1, NULL);
        const char *to = db_col_text(st, 2, NULL);
        const char *method = db_col_text(st, 3, NULL);
        const char *status = db_col_text(st, 9, NULL);

        if (pid == prev)
            assert_string_equal(from, prev_to);
        if (to == NULL) {
            assert_true(strcmp(status, "terminated") != 0);
            if (date_age_on(parse(db_col_text(st, 8, NULL)), parse(as_of)) <
                16) {
                assert_false(db_col_is_null(st, 7));
                children++;
            }
        }
        if (strcmp(method, "bank") == 0) {
            const char *code = db_col_text(st, 4, NULL);
            const char *acc = db_col_text(st, 5, NULL);
            assert_non_null(payment_bank_find(code, strlen(code)));
            assert_int_equal(payment_check_account(acc, strlen(acc), NULL, 0),
                             PAYMENT_OK);
        } else if (strcmp(method, "ewallet") == 0) {
            const char *w = db_col_text(st, 6, NULL);
            const char *acc = db_col_text(st, 5, NULL);
            assert_non_null(payment_wallet_find(w, strlen(w)));
            assert_int_equal(
                payment_check_wallet_number(acc, strlen(acc), NULL, 0),
                PAYMENT_OK);
        }
        snprintf(prev_to, sizeof prev_to, "%s", to ? to : "");
        prev = pid;
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    assert_int_equal(count(db, "SELECT count(*) FROM payment_arrangements"
                               " WHERE valid_to IS NULL"),
                     n);
    assert_int_equal(count(db, "SELECT count(*) FROM payment_arrangements"),
                     res->payment_arrangements);
    assert_int_equal(count(db, "SELECT count(*) FROM payment_arrangements"
                               " WHERE receiver_name IS NOT NULL"),
                     res->receivers);
    (void)children;
}

/* A membership row for the C-side counts. */
struct mrow {
    int64_t person;
    char cat[8], from[11], to[11];
};

static struct mrow *load_memberships(struct db *db, size_t *n)
{
    struct db_stmt *st;
    struct mrow *v = NULL;
    int rc;

    *n = 0;
    assert_int_equal(db_prepare(db,
                                "SELECT person_id, category, valid_from,"
                                " valid_to FROM memberships",
                                &st),
                     DB_OK);
    while ((rc = db_step(st)) == DB_ROW) {
        v = realloc(v, (*n + 1) * sizeof *v);
        assert_non_null(v);
        struct mrow *m = &v[*n];
        const char *to = db_col_text(st, 3, NULL);
        m->person = db_col_int64(st, 0);
        snprintf(m->cat, sizeof m->cat, "%s", db_col_text(st, 1, NULL));
        snprintf(m->from, sizeof m->from, "%s", db_col_text(st, 2, NULL));
        snprintf(m->to, sizeof m->to, "%s", to ? to : "");
        (*n)++;
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    return v;
}

static int valid_on(const struct mrow *m, const char *d)
{
    return strcmp(m->from, d) <= 0 &&
           (m->to[0] == '\0' || strcmp(m->to, d) > 0);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The statistics equal what C counts from the raw rows. */
static void check_stats(struct db *db, const char *date, int64_t expect,
                        int all_placed)
{
    size_t n, i;
    struct mrow *m = load_memberships(db, &n);
    int64_t *persons = calloc(n ? n : 1, sizeof *persons);
    size_t np = 0, distinct = 0;
    json_t *out;
    char msg[256];

    for (i = 0; i < n; i++)
        if (valid_on(&m[i], date))
            persons[np++] = m[i].person;
    qsort(persons, np, sizeof *persons, cmp_i64);
    for (i = 0; i < np; i++)
        if (i == 0 || persons[i] != persons[i - 1])
            distinct++;
    if (expect >= 0)
        assert_int_equal((int64_t)distinct, expect);

    assert_int_equal(app_stats_get(db, date, NULL, &out, msg, sizeof msg), 0);
    assert_string_equal(json_string_value(json_object_get(out, "date")), date);
    assert_int_equal(json_integer_value(json_object_get(out, "beneficiaries")),
                     (json_int_t)distinct);
    json_t *cats = json_object_get(out, "by_category");
    const char *key;
    json_t *val;
    json_int_t cat_total = 0;
    json_object_foreach(cats, key, val)
    {
        json_int_t mine = 0;
        for (i = 0; i < n; i++)
            if (valid_on(&m[i], date) && strcmp(m[i].cat, key) == 0)
                mine++;
        assert_int_equal(json_integer_value(val), mine);
        cat_total += mine;
    }
    json_int_t all = 0;
    for (i = 0; i < n; i++)
        all += valid_on(&m[i], date);
    assert_int_equal(cat_total, all);
    /* Every beneficiary of the demo has a place on any date from the
     * first unit list on (all_placed). */
    json_int_t placed = 0;
    json_object_foreach(json_object_get(out, "by_unit"), key, val) placed +=
        json_integer_value(json_object_get(val, "beneficiaries"));
    assert_int_equal(json_integer_value(json_object_get(out, "without_unit")),
                     (json_int_t)distinct - placed);
    if (all_placed)
        assert_int_equal(placed, (json_int_t)distinct);
    json_decref(out);
    free(persons);
    free(m);
}

/* Beneficiaries per district of Hà Nam counted in C (residence on the
 * date -> commune -> its parent) equal stats --unit 35. */
static void check_districts(struct db *db, const char *date)
{
    static const char sql[] =
        "SELECT r.unit_code, count(DISTINCT r.person_id) FROM residences r"
        " WHERE r.valid_from <= $1 AND (r.valid_to IS NULL OR r.valid_to >"
        " $1) AND r.person_id IN (SELECT person_id FROM memberships WHERE"
        " valid_from <= $1 AND (valid_to IS NULL OR valid_to > $1))"
        " GROUP BY r.unit_code";
    struct db_stmt *st;
    json_t *out, *by;
    char msg[256];
    int rc;

    assert_int_equal(app_stats_get(db, date, "35", &out, msg, sizeof msg), 0);
    by = json_object_get(out, "by_unit");
    assert_true(json_object_size(by) >= 1);
    json_int_t mine[1000] = {0};
    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    assert_int_equal(db_bind_text(st, 1, date, (size_t)-1), DB_OK);
    struct {
        char code[8];
        int64_t n;
    } rows[200];
    size_t nrows = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        assert_true(nrows < 200);
        snprintf(rows[nrows].code, 8, "%s", db_col_text(st, 0, NULL));
        rows[nrows].n = db_col_int64(st, 1);
        nrows++;
    }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    for (size_t i = 0; i < nrows; i++) {
        struct units_version v;
        assert_int_equal(store_units_get(db, rows[i].code, date, &v, NULL),
                         DB_OK);
        assert_string_equal(v.province_code, "35");
        mine[strtol(v.parent_code, NULL, 10) % 1000] += rows[i].n;
    }
    const char *key;
    json_t *val;
    json_int_t sum = 0;
    json_object_foreach(by, key, val)
    {
        assert_int_equal(
            json_integer_value(json_object_get(val, "beneficiaries")),
            mine[strtol(key, NULL, 10) % 1000]);
        sum += json_integer_value(json_object_get(val, "beneficiaries"));
    }
    assert_true(sum > 0);
    json_decref(out);
}

/* --- tests ---------------------------------------------------------------- */

static void test_default_province(void **state)
{
    (void)state;
    struct db *db = testdb_open();
    struct app_demo_result res;
    int64_t n = small_n();

    demo(db, "35", n, "2025-06-30", 7, &res);
    assert_int_equal(res.communes, 98); /* all of Hà Nam, 2025-01-01 list */
    assert_int_equal(res.communes_skipped, 0);
    assert_int_equal(count(db, "SELECT count(*) FROM persons"), res.persons);
    assert_int_equal(count(db, "SELECT count(*) FROM documents"),
                     res.documents);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action ="
                               " 'demo.create'"),
                     1);
    /* No per-row audit records from the bulk load. */
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " LIKE 'person.%'"),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM memberships WHERE"
                               " category IN ('K5b', 'K7')"),
                     0); /* Hà Nam has no eligible commune */

    check_numbers(db);
    check_ages(db, "2025-06-30");
    check_residences(db, "2025-06-30");
    check_poverty(db, "2025-06-30");
    check_registry(db, "2025-06-30", n, &res);
    if (!is_pg())
        assert_true(res.suspended > 0); /* 1 in 200 of 2,000 */
    check_stats(db, "2025-06-30", n, 1);
    check_stats(db, "2024-01-01", -1, 0);
    check_districts(db, "2025-06-30");

    /* Carried into Ninh Bình by the reorganisation itself: everyone in a
     * code-37 commune or waiting in an assignment task; of the split
     * communes' people, most assigned at the handover, a few left open
     * (at least one, 1 in 50, at most 50 per province). */
    assert_int_equal(res.reorganised, 1);
    assert_true(res.assignments > 0);
    assert_int_equal(res.assignments,
                     res.assignments_resolved + res.assignments_open);
    assert_true(res.assignments_open >= 1 && res.assignments_open <= 50);
    assert_int_equal(count(db, "SELECT count(*) FROM tasks WHERE kind ="
                               " 'assign_commune' AND state = 'open'"),
                     res.assignments_open);
    int64_t waiting = check_reformed(db, "37");
    check_stats(db, "2025-07-01", n, 0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " = 'units.reorganise'"),
                     1);

    /* Hà Nam on the last day, Ninh Bình the day after. */
    json_t *out;
    char msg[256];
    assert_int_equal(
        app_stats_get(db, "2025-06-30", NULL, &out, msg, sizeof msg), 0);
    json_t *hn = json_object_get(json_object_get(out, "by_unit"), "35");
    assert_non_null(hn);
    assert_string_equal(json_string_value(json_object_get(hn, "name")),
                        "Tỉnh Hà Nam");
    assert_int_equal(json_integer_value(json_object_get(hn, "beneficiaries")),
                     n);
    json_decref(out);
    assert_int_equal(
        app_stats_get(db, "2026-01-15", NULL, &out, msg, sizeof msg), 0);
    json_t *nb = json_object_get(json_object_get(out, "by_unit"), "37");
    assert_non_null(nb);
    assert_int_equal(json_integer_value(json_object_get(nb, "beneficiaries")),
                     n - waiting);
    assert_int_equal(json_integer_value(json_object_get(out, "beneficiaries")),
                     n);
    json_decref(out);
    assert_int_equal(
        app_stats_get(db, "2026-01-15", "35", &out, msg, sizeof msg),
        DB_ENOTFOUND);
    assert_int_equal(
        app_stats_get(db, "2026-13-15", NULL, &out, msg, sizeof msg),
        DB_ECHECK);

    /* The name search works on the bulk-loaded persons and, its index
     * kept in step again, on a person added afterwards. */
    {
        struct store_person_query q;
        struct store_person_hits h;
        struct store_person_new p = {NULL, "Khúc Thừa Dụ", "1950-01-01", 'M',
                                     0};
        int64_t pid;

        memset(&q, 0, sizeof q);
        q.date = "2025-06-30";
        q.limit = 10;
        q.name = "nguyen";
        assert_int_equal(store_registry_search(db, &q, &h), DB_OK);
        assert_true(h.total > n / 4); /* Nguyễn: about 38% */
        store_person_hits_free(&h);
        assert_int_equal(store_persons_add(db, NULL, &p, &pid), DB_OK);
        q.name = "khuc thua du";
        assert_int_equal(store_registry_search(db, &q, &h), DB_OK);
        assert_int_equal(h.total, 1);
        assert_int_equal(h.items[0].id, pid);
        store_person_hits_free(&h);
    }

    /* The accounts work. */
    char token[APP_AUTH_TOKEN_LEN + 1];
    struct app_user user;
    assert_int_equal(count(db, "SELECT count(*) FROM users"), 9);
    /* The reorganisation rebound them: the province's to Ninh Bình, the
     * district's to read-only auditors of 347 (RULES.md §7.3). */
    assert_int_equal(count(db, "SELECT count(*) FROM users WHERE role ="
                               " 'auditor'"),
                     3);
    assert_int_equal(count(db, "SELECT count(*) FROM users WHERE role ="
                               " 'auditor' AND area_code = '347'"),
                     2);
    assert_int_equal(count(db, "SELECT count(*) FROM users WHERE username ="
                               " 'province.officer' AND area_code = '37'"),
                     1);
    assert_int_equal(app_auth_login(db, "commune.13285.officer", "ansinh-demo",
                                    NULL, token, &user),
                     0);
    assert_string_equal(user.role, "commune_officer");
    assert_string_equal(user.area_code, "13285");

    /* A second run finds the demo and writes nothing. */
    struct app_demo_opts o;
    app_demo_opts_default(&o);
    int64_t persons = count(db, "SELECT count(*) FROM persons");
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), 0);
    assert_int_equal(res.existed, 1);
    assert_int_equal(res.is_demo, 1);
    assert_int_equal(count(db, "SELECT count(*) FROM persons"), persons);
    db_close(db);
}

static void test_deterministic(void **state)
{
    (void)state;
    struct app_demo_result res;
    int64_t n = small_n() / 2;
    uint64_t d[3];
    uint64_t seeds[3] = {11, 11, 12};

    for (int i = 0; i < 3; i++) {
        struct db *db = testdb_open();
        demo(db, "35", n, "2025-06-30", seeds[i], &res);
        d[i] = digest(db);
        db_close(db);
    }
    assert_true(d[0] == d[1]);
    assert_true(d[0] != d[2]);
}

/* --before-reform: Ninh Bình (old 37) on the last three-tier day, nobody
 * moved; then the operation itself, twice (the second changes nothing). */
static void test_before_reform(void **state)
{
    (void)state;
    struct db *db = testdb_open();
    struct app_demo_opts o;
    struct app_demo_result res;
    struct app_reorg_summary s;
    struct app_reorg_err err;
    int64_t n = small_n() / 4, residences;
    char msg[512];

    app_demo_opts_default(&o);
    o.province = "37";
    o.beneficiaries = n;
    o.seed = 3;
    o.before_reform = 1;
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), 0);
    assert_int_equal(res.reorganised, 0);
    assert_int_equal(count(db, "SELECT count(*) FROM tasks"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM residences WHERE"
                               " valid_from >= '2025-07-01' OR valid_to IS NOT"
                               " NULL"),
                     0);
    check_residences(db, "2025-06-30");
    check_stats(db, "2025-06-30", n, 1);
    assert_int_equal(
        app_reorganise(db, NULL, "test", "2025-07-01", 0, &s, &err),
        APP_REORG_OK);
    assert_true(s.residences_moved > 0);
    check_reformed(db, "37");
    assert_int_equal(count(db, "SELECT count(*) FROM tasks WHERE kind ="
                               " 'assign_commune' AND state = 'open'"),
                     s.assignment_tasks);
    residences = count(db, "SELECT count(*) FROM residences");
    assert_int_equal(
        app_reorganise(db, NULL, "test", "2025-07-01", 0, &s, &err),
        APP_REORG_OK);
    assert_int_equal(s.residences_moved + s.assignment_tasks +
                         s.households_moved + s.users_changed,
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM residences"), residences);
    db_close(db);
}

/* --- the payroll history ---------------------------------------------------
 */

/* The content hashes of the payrolls, in id order, folded into one. */
static uint64_t payroll_hashes(struct db *db)
{
    struct db_stmt *st;
    uint64_t h = 1469598103934665603ULL;
    int rc;

    assert_int_equal(db_prepare(db,
                                "SELECT area_code, month, state,"
                                " content_hash FROM payrolls ORDER BY id",
                                &st),
                     DB_OK);
    while ((rc = db_step(st)) == DB_ROW)
        for (int c = 0; c < 4; c++) {
            size_t len = 0;
            const char *s = db_col_text(st, c, &len);
            assert_non_null(s);
            fnv(&h, s, len);
            fnv(&h, "\x1f", 1);
        }
    assert_int_equal(rc, DB_DONE);
    db_reset(st);
    return h;
}

static void history_demo(struct db *db, int64_t n, struct app_demo_result *res)
{
    struct app_demo_opts o;
    char msg[512];

    app_demo_opts_default(&o);
    o.beneficiaries = n;
    o.seed = 5;
    int rc = app_demo_create(db, &o, res, msg, sizeof msg);
    if (rc != 0)
        fail_msg("app_demo_create: %d %s", rc, msg);
}

/* `ansinh demo` on 2026-11-28: the twelve pay months 11/2025 to 10/2026 of
 * every commune of Ninh Bình with beneficiaries, approved and reconciled
 * by three different accounts; September carries the arrears of the
 * 540,000 level for July and August; late deaths are recovered; a person
 * per commune not collecting for three months has a suspension task; the
 * audit chain verifies; the same seed gives the same payrolls. */
static void test_history(void **state)
{
    (void)state;
    struct db *db = testdb_open();
    struct app_demo_result res;
    struct store_audit_verify v;
    int64_t n = small_n() / 2, communes;

    setenv("ANSINH_TODAY", "2026-11-28", 1);
    history_demo(db, n, &res);
    /* Every decision among the papers has its record, with the paper's
     * number and date, signed by the district chairman (all before
     * 01/07/2025), concluding a dossier closed as decided; every status
     * period's reference names one. */
    assert_true(res.decisions > n);
    assert_int_equal(count(db, "SELECT count(*) FROM decisions WHERE"
                               " signed_on < '2025-07-01'"),
                     res.decisions);
    assert_int_equal(count(db, "SELECT count(*) FROM decisions"),
                     res.decisions + res.history_deaths);
    assert_int_equal(count(db, "SELECT count(*) FROM documents WHERE kind ="
                               " 'decision'"),
                     res.decisions);
    assert_int_equal(
        count(db, "SELECT count(*) FROM decisions d JOIN dossiers o ON o.id ="
                  " d.dossier_id WHERE o.state = 'decided' AND o.closed_on ="
                  " d.signed_on AND d.signer_role = 'district_chairman' AND"
                  " length(d.signing_unit) = 3 AND d.signed_on <"
                  " '2025-07-01' AND EXISTS (SELECT 1 FROM documents x WHERE"
                  " x.person_id = d.person_id AND x.kind = 'decision' AND"
                  " x.number = d.number AND x.issued_on = d.signed_on) AND"
                  " EXISTS (SELECT 1 FROM users u WHERE u.id = d.signer_id"
                  " AND u.username = 'district.' || d.signing_unit ||"
                  " '.chairman')"),
        res.decisions);
    assert_int_equal(count(db, "SELECT count(*) FROM decisions WHERE kind ="
                               " 'grant'"),
                     count(db, "SELECT count(*) FROM documents WHERE type ="
                               " 'Quyết định trợ cấp xã hội hằng tháng'"));
    assert_true(count(db, "SELECT count(*) FROM decisions WHERE kind IN"
                          " ('suspend', 'resume', 'terminate')") > 0);
    assert_int_equal(count(db,
                           "SELECT count(*) FROM beneficiary_status s WHERE"
                           " s.decision_ref <> '' AND NOT EXISTS (SELECT 1 FROM"
                           " decisions d WHERE d.person_id = s.person_id AND"
                           " s.decision_ref LIKE d.number || ' ngày %')"),
                     0);
    assert_int_equal(res.history_months, 12);
    communes = count(db, "SELECT count(DISTINCT area_code) FROM payrolls");
    assert_true(communes >= 10);
    assert_int_equal(res.history_payrolls, 12 * communes);
    /* Twelve months, each commune once, all reconciled, in Ninh Bình. */
    assert_int_equal(count(db, "SELECT count(*) FROM payrolls WHERE state ="
                               " 'reconciled' AND month BETWEEN '2025-11-01'"
                               " AND '2026-10-01' AND length(area_code) = 5"
                               " AND area_path LIKE '%37%'"),
                     12 * communes);
    assert_int_equal(count(db, "SELECT count(*) FROM payrolls"), 12 * communes);
    assert_int_equal(count(db, "SELECT count(DISTINCT month) FROM payrolls"),
                     12);
    /* Prepared on the 3rd of the pay month. */
    {
        struct db_stmt *st;
        int rc;
        assert_int_equal(
            db_prepare(db, "SELECT month, prepared_on FROM payrolls", &st),
            DB_OK);
        while ((rc = db_step(st)) == DB_ROW) {
            const char *m = db_col_text(st, 0, NULL);
            const char *on = db_col_text(st, 1, NULL);
            assert_int_equal(strncmp(m, on, 8), 0);
            assert_string_equal(on + 8, "03");
        }
        assert_int_equal(rc, DB_DONE);
        db_reset(st);
    }
    /* Separation of duties: three different accounts, in the payroll and
     * in the audit records (the commune's officer prepares and sends, its
     * accountant checks, its chairman approves, the provider reconciles). */
    assert_int_equal(count(db, "SELECT count(*) FROM payrolls WHERE"
                               " checked_by = prepared_by OR approved_by IN"
                               " (prepared_by, checked_by) OR approved_role"
                               " <> 'commune_chairman'"),
                     0);
    assert_int_equal(
        count(db, "SELECT count(*) FROM payrolls p WHERE (SELECT"
                  " count(DISTINCT a.actor) FROM audit_log a WHERE a.entity ="
                  " 'payroll' AND a.entity_id = CAST(p.id AS TEXT) AND"
                  " a.action IN ('payroll.prepare', 'payroll.check',"
                  " 'payroll.approve')) = 3"),
        12 * communes);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " = 'payroll.approve' AND actor NOT LIKE"
                               " 'commune.%.chairman'"),
                     0);
    assert_int_equal(count(db, "SELECT count(*) FROM audit_log WHERE action"
                               " = 'payroll.reconcile' AND actor ="
                               " 'provider.vnpost'"),
                     12 * communes);
    assert_int_equal(count(db, "SELECT count(*) FROM payrolls WHERE"
                               " area_code = '13285' AND prepared_by ="
                               " 'commune.13285.officer' AND approved_by ="
                               " 'commune.13285.chairman'"),
                     12);
    /* July and August at the 500,000 level (prepared before the decree of
     * 21/08/2026), September and October at 540,000. */
    assert_int_equal(count(db, "SELECT count(*) FROM payroll_lines l JOIN"
                               " payrolls p ON p.id = l.payroll_id WHERE"
                               " l.kind = 'allowance' AND l.benefit ="
                               " 'monthly' AND l.standard_level <> CASE WHEN"
                               " p.month >= '2026-09-01' THEN 540000 ELSE"
                               " 500000 END"),
                     0);
    /* September's arrears: for July and August, to the đồng, the
     * difference of the two levels times the coefficient. */
    int64_t arrears = count(db, "SELECT count(*) FROM payroll_lines l JOIN"
                                " payrolls p ON p.id = l.payroll_id WHERE"
                                " p.month = '2026-09-01' AND l.kind ="
                                " 'arrears' AND l.benefit = 'monthly'");
    int64_t july = count(db, "SELECT count(*) FROM payroll_lines l JOIN"
                             " payrolls p ON p.id = l.payroll_id WHERE"
                             " p.month IN ('2026-07-01', '2026-08-01') AND"
                             " l.kind = 'allowance' AND l.benefit ="
                             " 'monthly'");
    assert_true(arrears > 0);
    assert_true(arrears * 100 >= july * 98); /* all but the few deaths */
    assert_true(arrears <= july);
    assert_int_equal(
        count(db, "SELECT count(*) FROM payroll_lines a JOIN payrolls pa ON"
                  " pa.id = a.payroll_id JOIN payroll_lines l ON l.person_id ="
                  " a.person_id AND l.benefit_month = a.benefit_month AND"
                  " l.kind = 'allowance' AND l.category = a.category AND"
                  " l.benefit = 'monthly' WHERE pa.month = '2026-09-01' AND"
                  " a.kind = 'arrears' AND a.benefit = 'monthly' AND"
                  " a.benefit_month IN ('2026-07-01', '2026-08-01') AND"
                  " a.amount = l.coeff_milli * 40000 / 1000 AND l.amount ="
                  " l.coeff_milli * 500000 / 1000"),
        arrears);
    assert_int_equal(count(db, "SELECT count(*) FROM payroll_lines l JOIN"
                               " payrolls p ON p.id = l.payroll_id WHERE"
                               " l.kind = 'arrears' AND p.month <>"
                               " '2026-09-01'"),
                     0);
    /* Late deaths: terminated from the month after the death, recorded
     * after that month's payroll, recovered by a later one. */
    assert_true(res.history_deaths >= 8);
    assert_int_equal(count(db, "SELECT count(*) FROM beneficiary_status WHERE"
                               " status = 'terminated' AND reason = 'death'"
                               " AND valid_from >= '2025-12-01'"),
                     res.history_deaths);
    /* Each through a stop dossier and the commune chairman's decision
     * (two-tier), effective from the month after the death. */
    assert_int_equal(
        count(db, "SELECT count(*) FROM beneficiary_status s JOIN decisions d"
                  " ON d.person_id = s.person_id AND d.kind = 'terminate' AND"
                  " d.effective_from = s.valid_from JOIN dossiers o ON o.id ="
                  " d.dossier_id JOIN users u ON u.id = d.signer_id WHERE"
                  " s.status = 'terminated' AND s.reason = 'death' AND"
                  " s.valid_from >= '2025-12-01' AND d.signer_role ="
                  " 'commune_chairman' AND length(d.signing_unit) = 5 AND"
                  " u.username = 'commune.' || d.signing_unit || '.chairman'"
                  " AND o.procedure = 'stop_2025' AND o.state = 'decided' AND"
                  " o.event_on < s.valid_from AND d.signed_on >= s.valid_from"
                  " AND s.decision_ref LIKE d.number || ' ngày %'"),
        res.history_deaths);
    assert_int_equal(
        count(db, "SELECT count(*) FROM beneficiary_status s WHERE s.status ="
                  " 'terminated' AND s.reason = 'death' AND s.valid_from >="
                  " '2025-12-01' AND EXISTS (SELECT 1 FROM payroll_lines r"
                  " JOIN payrolls p ON p.id = r.payroll_id WHERE r.person_id"
                  " = s.person_id AND r.kind = 'recovery' AND"
                  " r.benefit_month = s.valid_from AND p.month > s.valid_from"
                  " AND r.amount = -(SELECT sum(l.amount) FROM payroll_lines"
                  " l WHERE l.person_id = s.person_id AND l.benefit_month ="
                  " s.valid_from AND l.kind = 'allowance' AND l.benefit ="
                  " r.benefit))"),
        res.history_deaths);
    /* Unpaid lines roll over; one person per commune did not collect in
     * August, September and October: a suspension task each. */
    assert_true(res.history_unpaid > 0);
    assert_true(count(db, "SELECT count(*) FROM payroll_lines WHERE kind ="
                          " 'rollover'") > 0);
    assert_true(count(db, "SELECT count(*) FROM payroll_results WHERE paid"
                          " = 0") > 0);
    assert_int_equal(res.history_tasks,
                     count(db, "SELECT count(*) FROM tasks WHERE kind ="
                               " 'not_collected_3m' AND state = 'open'"));
    assert_true(res.history_tasks >= communes - 2);
    assert_int_equal(
        count(db, "SELECT count(*) FROM tasks t WHERE t.kind ="
                  " 'not_collected_3m' AND (SELECT count(DISTINCT p.month)"
                  " FROM payroll_results r JOIN payroll_lines l ON l.id ="
                  " r.line_id JOIN payrolls p ON p.id = r.payroll_id WHERE"
                  " l.person_id = t.person_id AND r.paid = 0 AND p.month IN"
                  " ('2026-08-01', '2026-09-01', '2026-10-01')) = 3"),
        res.history_tasks);
    /* The chain of audit records holds. */
    assert_int_equal(store_audit_verify(db, &v), DB_OK);
    assert_int_equal(v.broken, 0);
    assert_true(v.checked > 12 * communes * 5);
    uint64_t h1 = payroll_hashes(db);
    db_close(db);

    /* Same seed, same payrolls to the content hash. */
    db = testdb_open();
    history_demo(db, n, &res);
    assert_true(payroll_hashes(db) == h1);
    db_close(db);
    unsetenv("ANSINH_TODAY");
}

static void test_bad_options(void **state)
{
    (void)state;
    struct db *db = testdb_open();
    struct app_demo_opts o;
    struct app_demo_result res;
    char msg[512];

    app_demo_opts_default(&o);
    o.as_of = "2025-08-01"; /* Hà Nam no longer exists */
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), DB_EINVAL);
    assert_non_null(strstr(msg, "Ninh Bình"));
    o.as_of = "2020-01-01"; /* before the unit lists */
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), DB_EINVAL);
    o.as_of = "2025-06-31";
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), DB_EINVAL);
    app_demo_opts_default(&o);
    o.province = "99";
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), DB_EINVAL);
    o.province = "3";
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), DB_EINVAL);
    app_demo_opts_default(&o);
    o.beneficiaries = 0;
    assert_int_equal(app_demo_create(db, &o, &res, msg, sizeof msg), DB_EINVAL);
    assert_int_equal(count(db, "SELECT count(*) FROM persons"), 0);
    assert_int_equal(count(db, "SELECT count(*) FROM users"), 0);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_default_province),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_before_reform),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_history),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
