/* test_payroll.c: storage contract tests of payrolls (migration 0006,
 * store/store_payroll.h) through the use cases that write them
 * (app/payroll.h), on SQLite and PostgreSQL: lines and points in
 * Vietnamese order with their references, the same facts giving the same
 * bytes (content hash), approved payrolls frozen by the storage itself
 * (raw SQL refused), two payrolls of a month never sharing a commune,
 * settlement across payrolls (a late-reported death, RULES.md §2.6),
 * results, roll-over of unpaid amounts (§7.1), staleness, one-off
 * payments (§5) and the facts query. Every expected answer is computed
 * here, so both engines must give the same one. */
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
#include "app/payroll.h"
#include "app/progress.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "testdb.h"

#define COMMUNE "13285" /* Phường Phủ Lý (37) from 2025-07-01 */
#define OTHER   "13291"

static struct db *db;
static struct app_user officer, officer2, chairman;

static struct app_user user(const char *name, const char *role,
                            const char *area)
{
    struct app_user u;

    memset(&u, 0, sizeof u);
    snprintf(u.username, sizeof u.username, "%s", name);
    snprintf(u.full_name, sizeof u.full_name, "Người Thử");
    snprintf(u.role, sizeof u.role, "%s", role);
    snprintf(u.area_code, sizeof u.area_code, "%s", area);
    return u;
}

static int64_t count(const char *sql)
{
    int64_t n = -1;

    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

/* A beneficiary of one category, resident in unit, enrolled from
 * `since`, paid in cash at `point`. */
static int64_t beneficiary(const char *name, const char *birth,
                           const char *unit, const char *since, const char *cat,
                           const char *disability, const char *point)
{
    struct store_person_new p = {NULL, name, birth, 'F', 0};
    struct store_membership_new m;
    struct store_status_change sc;
    struct store_payment_new pay;
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, "test", &p, &id), DB_OK);
    assert_int_equal(store_persons_residence_add(db, "test", id, unit, "Tổ 1",
                                                 "2025-07-01", NULL, NULL),
                     DB_OK);
    memset(&m, 0, sizeof m);
    m.person_id = id;
    m.category = cat;
    m.disability = disability;
    m.valid_from = since;
    assert_int_equal(store_persons_membership_add(db, "test", &m, NULL), DB_OK);
    memset(&sc, 0, sizeof sc);
    sc.person_id = id;
    sc.status = "enrolled";
    sc.decision_ref = "1/QĐ-UBND ngày 02/01/2026";
    sc.valid_from = since;
    sc.actor = "test";
    assert_int_equal(store_registry_status_set(db, &sc, NULL), DB_OK);
    memset(&pay, 0, sizeof pay);
    pay.person_id = id;
    pay.valid_from = since;
    pay.method = "cash";
    pay.point_name = point;
    pay.point_officer = "Lê Văn Thủ";
    pay.expected_version = -1;
    pay.actor = "test";
    assert_int_equal(store_registry_payment_set(db, &pay, NULL, NULL), DB_OK);
    return id;
}

static int64_t prepare(const char *area, const char *month, const char *on)
{
    struct app_pay_summary s;
    struct app_pay_err err;
    int rc = app_payroll_prepare(db, &officer, area, month, on, -1, &s, &err);

    if (rc != APP_PAY_OK)
        fail_msg("prepare %s %s: %d %s %s", area, month, rc, err.code,
                 err.message);
    return s.id;
}

static void move(int64_t id, const struct app_user *u, const char *action)
{
    struct app_pay_err err;
    int rc = app_payroll_transition(db, u, id, action, 0, NULL, &err);

    if (rc != APP_PAY_OK)
        fail_msg("%s #%lld by %s: %d %s", action, (long long)id, u->username,
                 rc, err.message);
}

static void approve(int64_t id)
{
    move(id, &officer2, "check");
    move(id, &chairman, "approve");
}

struct lines {
    struct store_pay_line l[64];
    size_t n;
};

static int collect(void *arg, const struct store_pay_line *l)
{
    struct lines *v = arg;

    if (v->n < 64)
        v->l[v->n++] = *l;
    return 0;
}

static void lines_of(int64_t id, struct lines *v)
{
    v->n = 0;
    assert_int_equal(store_payroll_lines(db, id, 0, 0, 0, collect, v, NULL),
                     DB_OK);
}

static int group_setup(void **state)
{
    (void)state;
    db = testdb_open();
    officer = user("pay.officer", "commune_officer", COMMUNE);
    officer2 = user("pay.officer2", "commune_officer", COMMUNE);
    chairman = user("pay.chairman", "commune_chairman", COMMUNE);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    return 0;
}

/* Lines and points in Vietnamese order with references (§7.1); every
 * amount from the rules (K6 especially severe adult 2.0, K5c 1.0 at
 * 500,000; RULES.md §2.3). */
static void test_rules_7_1_lines_in_vietnamese_order(void **state)
{
    struct lines v;
    struct store_pay_points pts;
    struct store_payroll p;
    char sql[512];
    int64_t id;

    (void)state;
    beneficiary("Đỗ Thị Lan", "1980-05-05", COMMUNE, "2026-01-01", "K6",
                "especially_severe", "Trụ sở UBND phường Phủ Lý");
    beneficiary("Ân Thị Hoa", "1940-02-02", COMMUNE, "2025-08-01", "K5c", NULL,
                "Trụ sở UBND phường Phủ Lý");
    beneficiary("Bùi Thị Mận", "1941-03-03", COMMUNE, "2025-08-01", "K5c", NULL,
                "Bưu điện văn hóa phường Phủ Lý");
    id = prepare(COMMUNE, "2026-03", "2026-02-20");
    lines_of(id, &v);
    assert_int_equal(v.n, 3);
    /* Points: the post office before the commune office (Vietnamese
     * order: B < T); names: Ân < Đỗ. */
    assert_string_equal(v.l[0].full_name, "Bùi Thị Mận");
    assert_int_equal(v.l[0].point_seq, 1);
    assert_string_equal(v.l[1].full_name, "Ân Thị Hoa");
    assert_string_equal(v.l[2].full_name, "Đỗ Thị Lan");
    assert_int_equal(v.l[2].point_seq, 2);
    assert_string_equal(v.l[0].ref, "13285-202603-000001");
    assert_string_equal(v.l[2].ref, "13285-202603-000003");
    assert_string_equal(v.l[2].kind, "allowance");
    assert_int_equal(v.l[2].amount, 1000000);
    assert_int_equal(v.l[1].amount, 500000);
    assert_string_equal(v.l[2].benefit_month, "2026-03-01");
    assert_non_null(strstr(v.l[2].explanation, "hệ số 2.0 × mức 500.000 đ"));
    /* stored without it (migration 0009), composed when read, with the
     * standard level's basis (RULES.md §2.1), which the line names by its
     * basis_id and does not hold itself (migration 0011) */
    assert_non_null(
        strstr(v.l[2].explanation, "mức chuẩn: Nghị định 76/2024/NĐ-CP"));
    assert_non_null(strstr(v.l[2].level_basis, "Nghị định 76/2024/NĐ-CP"));
    assert_true(v.l[2].basis[0] != '\0');
    assert_memory_equal(v.l[2].rules_ref, "RULES.md §", strlen("RULES.md §"));
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM payroll_lines l JOIN payroll_bases b"
             " ON b.id = l.basis_id WHERE l.payroll_id = %lld"
             " AND l.explanation = '' AND l.level_basis = '' AND l.basis = ''"
             " AND l.rules_ref = '' AND b.level_basis LIKE "
             "'Nghị định 76/2024%%'",
             (long long)id);
    assert_int_equal(count(sql), 3);
    assert_string_equal(v.l[2].decision_ref, "1/QĐ-UBND ngày 02/01/2026");
    assert_int_equal(store_payroll_points(db, id, &pts), DB_OK);
    assert_int_equal(pts.count, 2);
    assert_string_equal(pts.items[0].kind, "post_office");
    assert_string_equal(pts.items[1].kind, "commune_office");
    assert_int_equal(pts.items[1].total, 1500000);
    assert_int_equal(pts.items[1].persons, 2);
    store_pay_points_free(&pts);
    assert_int_equal(store_payroll_get(db, id, &p), DB_OK);
    assert_string_equal(p.state, "prepared");
    assert_string_equal(p.area_path, "37/13285");
    assert_int_equal(p.total_payable, 2000000);
    assert_int_equal(p.persons, 3);
}

/* Preparing again from the same data gives the same lines, byte for byte
 * (the content hash), and a new version. */
static void test_prepare_twice_same_bytes(void **state)
{
    char h1[STORE_PAY_HASH_SIZE], h2[STORE_PAY_HASH_SIZE];
    struct store_payroll p1, p2;
    int64_t id, id2, bases;

    (void)state;
    id = prepare(COMMUNE, "2026-03", "2026-02-20");
    assert_int_equal(store_payroll_content_hash(db, id, h1), DB_OK);
    assert_int_equal(store_payroll_get(db, id, &p1), DB_OK);
    bases = count("SELECT count(*) FROM payroll_bases");
    assert_true(bases >= 1);
    id2 = prepare(COMMUNE, "2026-03", "2026-02-20");
    assert_int_equal(id2, id);
    /* the bases are stored once (migration 0011) */
    assert_int_equal(count("SELECT count(*) FROM payroll_bases"), bases);
    assert_int_equal(store_payroll_content_hash(db, id, h2), DB_OK);
    assert_int_equal(store_payroll_get(db, id, &p2), DB_OK);
    assert_string_equal(h1, h2);
    assert_int_equal(p2.version, p1.version + 1);
    assert_int_equal(strlen(h1), 64);
}

/* Approved: frozen by the storage itself, whatever UPDATE or DELETE is
 * sent; lines are not added (the store refuses); the preparation use case
 * refuses too, and the hash is in the audit. */
static void test_approved_payroll_is_frozen(void **state)
{
    struct app_pay_summary s;
    struct app_pay_err err;
    struct store_payroll p;
    struct store_pay_line *line;
    char sql[200];
    int64_t id, before;

    (void)state;
    id = prepare(COMMUNE, "2026-03", "2026-02-20");
    approve(id);
    assert_int_equal(store_payroll_get(db, id, &p), DB_OK);
    assert_string_equal(p.state, "approved");
    assert_int_equal(strlen(p.content_hash), 64);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM audit_log WHERE action = "
             "'payroll.approve' AND new_value LIKE '%%%s%%'",
             p.content_hash);
    assert_int_equal(count(sql), 1);
    before = count("SELECT sum(amount) FROM payroll_lines");
    snprintf(sql, sizeof sql,
             "UPDATE payroll_lines SET amount = amount + 1 WHERE "
             "payroll_id = %lld",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_ECHECK);
    snprintf(sql, sizeof sql,
             "DELETE FROM payroll_lines WHERE payroll_id = %lld",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_ECHECK);
    snprintf(sql, sizeof sql,
             "UPDATE payrolls SET content_hash = 'x' WHERE id = %lld",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_ECHECK);
    snprintf(sql, sizeof sql,
             "UPDATE payrolls SET state = 'prepared', approved_by = NULL "
             "WHERE id = %lld",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_ECHECK);
    snprintf(sql, sizeof sql,
             "DELETE FROM payroll_points WHERE payroll_id = "
             "%lld",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_ECHECK);
    /* nor the bases its lines name (migration 0011) */
    assert_int_equal(db_exec_script(db, "UPDATE payroll_bases SET basis = "
                                        "basis || ' (sửa)'"),
                     DB_ECHECK);
    assert_int_equal(db_exec_script(db, "DELETE FROM payroll_bases"),
                     DB_ECHECK);
    /* Adding lines: refused by the store, once per call (migration 0008
     * dropped the per-row guard; the content hash shows raw inserts). */
    line = calloc(1, sizeof *line);
    assert_non_null(line);
    line->payroll_id = id;
    line->seq = 9999;
    assert_int_equal(store_payroll_lines_add(db, line, 1), DB_ECHECK);
    free(line);
    assert_int_equal(count("SELECT sum(amount) FROM payroll_lines"), before);
    assert_int_equal(app_payroll_prepare(db, &officer, COMMUNE, "2026-03",
                                         "2026-02-21", -1, &s, &err),
                     APP_PAY_ESTATE);
    assert_string_equal(err.code, "frozen");
}

/* A preparation computes outside the write lock, in short read
 * transactions (the residents first, then their facts chunk by chunk),
 * then writes in its own transaction. A change committed meanwhile (here
 * a beneficiary enrolled in the commune through a second connection when
 * the first progress report arrives, i.e. after the residents were read)
 * must be in the payroll: the write transaction finds its audit records
 * and computes again. Without that the new person would be missing. */
struct midway {
    int calls;
    int64_t person;
};

static void enrol_midway(void *arg, int64_t done, int64_t total)
{
    struct midway *m = arg;
    struct db *mine = db;
    struct db_err e;

    (void)done;
    (void)total;
    if (m->calls++ > 0)
        return;
    assert_int_equal(db_open(testdb_last_dsn(), &db, &e), DB_OK);
    m->person = beneficiary("Trịnh Văn Giữa", "1940-03-03", COMMUNE,
                            "2026-11-01", "K5c", NULL, "Bưu điện phường");
    db_close(db);
    db = mine;
}

static void test_change_while_computing_is_paid(void **state)
{
    struct midway m = {0, 0};
    struct app_progress pr = {enrol_midway, &m};
    struct app_pay_summary s;
    struct app_pay_err err;
    char sql[256];
    int rc;

    (void)state;
    rc = app_payroll_prepare_ex(db, &officer, COMMUNE, "2026-11", "2026-11-20",
                                -1, &pr, &s, &err);
    if (rc != APP_PAY_OK)
        fail_msg("prepare: %d %s %s", rc, err.code, err.message);
    assert_true(m.calls >= 1);
    assert_true(m.person > 0);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM payroll_lines WHERE payroll_id = %lld"
             " AND person_id = %lld AND kind = 'allowance'",
             (long long)s.id, (long long)m.person);
    assert_int_equal(count(sql), 1);
}

/* store_payroll_lines_add checks every line against the CHECK
 * constraints of payroll_lines itself (SQLite skips its own during a run
 * of them, store_payroll_lines_run): a recovery with a positive amount or
 * a benefit month that is not a first day is refused with the line and
 * the rule named, nothing written; after the run the database checks raw
 * SQL again. */
static void test_lines_checked_before_writing(void **state)
{
    struct store_pay_line *l = calloc(1, sizeof *l);
    int64_t id, before;
    char sql[512];

    (void)state;
    assert_non_null(l);
    id = prepare(COMMUNE, "2026-12", "2026-12-20");
    before = count("SELECT count(*) FROM payroll_lines");
    l->payroll_id = id;
    l->seq = 99999;
    snprintf(l->ref, sizeof l->ref, "13285-202612-099999");
    l->person_id = 1;
    snprintf(l->full_name, sizeof l->full_name, "Người Thử");
    snprintf(l->birth_date, sizeof l->birth_date, "1940-01-01");
    snprintf(l->unit_code, sizeof l->unit_code, COMMUNE);
    snprintf(l->kind, sizeof l->kind, "recovery");
    snprintf(l->benefit, sizeof l->benefit, "monthly");
    snprintf(l->benefit_month, sizeof l->benefit_month, "2026-12-01");
    snprintf(l->confidence, sizeof l->confidence, "confirmed");
    snprintf(l->method, sizeof l->method, "cash");
    l->amount = 5000; /* a recovery must be negative */
    assert_int_equal(store_payroll_lines_run(db, 1), DB_OK);
    assert_int_equal(store_payroll_lines_add(db, l, 1), DB_ECHECK);
    assert_non_null(strstr(db_errmsg(db), "13285-202612-099999"));
    assert_non_null(strstr(db_errmsg(db), "recovery"));
    l->amount = -5000;
    snprintf(l->benefit_month, sizeof l->benefit_month, "2026-12-15");
    assert_int_equal(store_payroll_lines_add(db, l, 1), DB_ECHECK);
    assert_non_null(strstr(db_errmsg(db), "first day"));
    assert_int_equal(store_payroll_lines_run(db, 0), DB_OK);
    assert_int_equal(count("SELECT count(*) FROM payroll_lines"), before);
    /* raw SQL: checked by the database again */
    snprintf(sql, sizeof sql,
             "INSERT INTO payroll_lines (payroll_id, seq, ref, point_seq,"
             " person_id, full_name, birth_date, unit_code, kind, benefit,"
             " benefit_month, amount, confidence, explanation, method)"
             " VALUES (%lld, 99998, 'x-99998', 1, 1, 'A', '1940-01-01',"
             " '" COMMUNE "', 'recovery', 'monthly', '2026-12-01', 5000,"
             " 'confirmed', '', 'cash')",
             (long long)id);
    assert_int_equal(db_exec_script(db, sql), DB_ECHECK);
    assert_int_equal(count("SELECT count(*) FROM payroll_lines"), before);
    free(l);
}

/* Two payrolls of one month never cover one commune: the province
 * payroll of March is refused while the commune's exists. */
static void test_no_two_payrolls_share_a_commune(void **state)
{
    struct app_user prov = user("pay.province", "province_officer", "37");
    struct app_pay_summary s;
    struct app_pay_err err;
    int64_t n = count("SELECT count(*) FROM payrolls");

    (void)state;
    assert_int_equal(app_payroll_prepare(db, &prov, "37", "2026-03",
                                         "2026-02-20", -1, &s, &err),
                     APP_PAY_ESTATE);
    assert_string_equal(err.code, "overlap");
    assert_non_null(strstr(err.message, "13285"));
    assert_int_equal(count("SELECT count(*) FROM payrolls"), n);
}

/* §2.6: a death reported late. March was approved with the allowance;
 * the death in March is recorded in April, terminating from 2026-04-01;
 * April's payroll was approved before (paid); May's recovers April. */
static void test_rules_2_6_recovery_after_late_death(void **state)
{
    struct store_status_change sc;
    struct store_beneficiary b;
    struct store_person who;
    struct lines v;
    int64_t apr, may, pid;
    size_t i;
    int found = 0;

    (void)state;
    apr = prepare(COMMUNE, "2026-04", "2026-03-20");
    approve(apr);
    /* Bùi Thị Mận died on 2026-03-15, reported on 2026-04-10. */
    lines_of(apr, &v);
    pid = 0;
    for (i = 0; i < v.n; i++)
        if (strcmp(v.l[i].full_name, "Bùi Thị Mận") == 0)
            pid = v.l[i].person_id;
    assert_true(pid > 0);
    assert_int_equal(store_persons_get(db, pid, &who), DB_OK);
    assert_int_equal(store_registry_get(db, pid, &b), DB_OK);
    memset(&sc, 0, sizeof sc);
    sc.person_id = pid;
    sc.status = "terminated";
    sc.reason = "death";
    sc.decision_ref = "9/QĐ-UBND ngày 10/04/2026";
    sc.valid_from = "2026-04-01";
    sc.expected_version = b.version;
    sc.actor = "test";
    assert_int_equal(store_registry_status_set(db, &sc, NULL), DB_OK);
    may = prepare(COMMUNE, "2026-05", "2026-04-20");
    lines_of(may, &v);
    for (i = 0; i < v.n; i++) {
        if (v.l[i].person_id != pid)
            continue;
        found++;
        assert_string_equal(v.l[i].kind, "recovery");
        assert_string_equal(v.l[i].benefit_month, "2026-04-01");
        assert_int_equal(v.l[i].amount, -500000);
        assert_int_equal(v.l[i].settled, 500000);
        assert_string_equal(v.l[i].decision_ref, "9/QĐ-UBND ngày 10/04/2026");
    }
    assert_int_equal(found, 1);
    assert_int_equal(count("SELECT total_recovery FROM payrolls WHERE month "
                           "= '2026-05-01'"),
                     500000);
}

/* Results: an unpaid line rolls over into the next payroll (§7.1), once;
 * a paid one does not. */
static void test_rules_7_1_unpaid_rolls_over_once(void **state)
{
    struct store_pay_import imp;
    struct lines v;
    int64_t may, jun, jul;
    size_t i, rolled = 0;
    char now[] = "2026-05-20T00:00:00Z";

    (void)state;
    may = prepare(COMMUNE, "2026-05", "2026-04-20");
    approve(may);
    move(may, &officer, "send");
    lines_of(may, &v);
    memset(&imp, 0, sizeof imp);
    imp.payroll_id = may;
    snprintf(imp.file_hash, sizeof imp.file_hash, "%064d", 1);
    snprintf(imp.format, sizeof imp.format, "csv");
    snprintf(imp.imported_by, sizeof imp.imported_by, "test");
    snprintf(imp.imported_at, sizeof imp.imported_at, "%s", now);
    assert_int_equal(store_payroll_import_add(db, &imp), DB_OK);
    assert_int_equal(store_payroll_import_add(db, &imp), DB_ECONFLICT);
    for (i = 0; i < v.n; i++) {
        if (v.l[i].amount <= 0)
            continue;
        /* Ân Thị Hoa did not collect May. */
        assert_int_equal(store_payroll_result_set(
                             db, v.l[i].id, may,
                             strcmp(v.l[i].full_name, "Ân Thị Hoa") != 0,
                             "2026-05-05", "", imp.id, (int64_t)i + 2, now),
                         DB_OK);
    }
    jun = prepare(COMMUNE, "2026-06", "2026-05-20");
    lines_of(jun, &v);
    for (i = 0; i < v.n; i++) {
        if (strcmp(v.l[i].kind, "rollover") != 0)
            continue;
        rolled++;
        assert_string_equal(v.l[i].full_name, "Ân Thị Hoa");
        assert_string_equal(v.l[i].benefit_month, "2026-05-01");
        assert_int_equal(v.l[i].amount, 500000);
        assert_non_null(strstr(v.l[i].explanation, "13285-202605-"));
    }
    assert_int_equal(rolled, 1);
    approve(jun);
    /* July rolls nothing: June carried it (and June has no result yet). */
    jul = prepare(COMMUNE, "2026-07", "2026-06-20");
    lines_of(jul, &v);
    for (i = 0; i < v.n; i++)
        assert_string_not_equal(v.l[i].kind, "rollover");
}

/* A payroll prepared before another one of its communes was approved is
 * stale: approval refused until it is prepared again. */
static void test_stale_payroll_refused(void **state)
{
    struct app_pay_err err;
    int64_t aug, jul;

    (void)state;
    assert_int_equal(
        app_payroll_find(db, &officer, COMMUNE, "2026-07", &jul, &err), 0);
    aug = prepare(COMMUNE, "2026-08", "2026-07-20");
    approve(jul);
    move(aug, &officer2, "check");
    assert_int_equal(
        app_payroll_transition(db, &chairman, aug, "approve", 0, NULL, &err),
        APP_PAY_ESTATE);
    assert_string_equal(err.code, "stale");
    aug = prepare(COMMUNE, "2026-08", "2026-07-20");
    approve(aug);
}

/* §2.1, §14: July and August were prepared before Decree 335/2026 (signed
 * 2026-08-21) at 500,000; September, prepared on 2026-08-24, owes the
 * difference for both months. */
static void test_rules_2_1_arrears_of_the_retroactive_level(void **state)
{
    struct lines v;
    int64_t sep;
    size_t i, arrears = 0;
    int64_t k6 = 0;

    (void)state;
    sep = prepare(COMMUNE, "2026-09", "2026-08-24");
    lines_of(sep, &v);
    for (i = 0; i < v.n; i++) {
        if (strcmp(v.l[i].full_name, "Đỗ Thị Lan") != 0)
            continue;
        if (strcmp(v.l[i].kind, "allowance") == 0)
            k6 = v.l[i].amount;
        if (strcmp(v.l[i].kind, "arrears") == 0) {
            arrears++;
            assert_int_equal(v.l[i].amount, 80000);
            assert_int_equal(v.l[i].entitled, 1080000);
            assert_int_equal(v.l[i].settled, 1000000);
            assert_true(strcmp(v.l[i].benefit_month, "2026-07-01") == 0 ||
                        strcmp(v.l[i].benefit_month, "2026-08-01") == 0);
        }
    }
    assert_int_equal(k6, 1080000);
    assert_int_equal(arrears, 2);
}

/* §5: a one-off payment reaches the beneficiaries of its area on its day,
 * once. */
static void test_rules_5_oneoff_once(void **state)
{
    struct app_oneoff_input in = {
        "tet-test",    "Quà Tết thử nghiệm", 400000, "2026-09",
        "37",          "2026-08-01",         "",     "Thử nghiệm",
        "RULES.md §5", "secondary"};
    struct app_pay_err err;
    struct lines v;
    int64_t oid = 0, sep;
    size_t i, gifts = 0;

    (void)state;
    assert_int_equal(app_payroll_oneoff_add(db, "test", &in, &oid, &err), 0);
    sep = prepare(COMMUNE, "2026-09", "2026-08-24");
    lines_of(sep, &v);
    for (i = 0; i < v.n; i++)
        if (strcmp(v.l[i].kind, "oneoff") == 0) {
            gifts++;
            assert_int_equal(v.l[i].amount, 400000);
            assert_int_equal(v.l[i].oneoff_id, oid);
        }
    assert_int_equal(gifts, 2); /* Ân Thị Hoa, Đỗ Thị Lan (Bùi died) */
    approve(sep);
    assert_int_equal(
        count("SELECT count(*) FROM payroll_lines l JOIN payrolls p ON "
              "p.id = l.payroll_id WHERE p.month = '2026-10-01'"),
        0);
    sep = prepare(COMMUNE, "2026-10", "2026-09-20");
    lines_of(sep, &v);
    for (i = 0; i < v.n; i++)
        assert_string_not_equal(v.l[i].kind, "oneoff");
}

/* More lines than one multi-row INSERT holds (store_payroll_lines_add
 * writes STORE_PAY_LINES_BATCH at a time, the rest one by one): every
 * line written once, in list order (seq 1..n, references, ids rising
 * with seq), and preparing again gives the same bytes. */
#define BULK  "13318" /* Phường Châu Sơn (37) */
#define NBULK (2 * STORE_PAY_LINES_BATCH + 7)

struct bulk {
    int64_t n, last_seq, last_id, total;
    int in_order;
    char first[STORE_PAY_NAME_SIZE], last[STORE_PAY_NAME_SIZE];
};

static int bulk_line(void *arg, const struct store_pay_line *l)
{
    struct bulk *b = arg;
    char ref[32];

    snprintf(ref, sizeof ref, BULK "-202603-%06lld", (long long)l->seq);
    if (l->seq != b->last_seq + 1 || l->id <= b->last_id ||
        strcmp(l->ref, ref) != 0 || l->amount != 500000 || l->point_seq != 1)
        b->in_order = 0;
    if (b->n == 0)
        snprintf(b->first, sizeof b->first, "%s", l->full_name);
    snprintf(b->last, sizeof b->last, "%s", l->full_name);
    b->last_seq = l->seq;
    b->last_id = l->id;
    b->total += l->amount;
    b->n++;
    return 0;
}

static int64_t prepare_as_province(const char *area)
{
    struct app_user prov = user("pay.province", "province_officer", "37");
    struct app_pay_summary s;
    struct app_pay_err err;
    int rc = app_payroll_prepare(db, &prov, area, "2026-03", "2026-02-20", -1,
                                 &s, &err);

    if (rc != APP_PAY_OK)
        fail_msg("prepare %s: %d %s %s", area, rc, err.code, err.message);
    return s.id;
}

static int64_t prepare_bulk(void)
{
    return prepare_as_province(BULK);
}

static void test_many_lines_batched_in_order(void **state)
{
    char h1[STORE_PAY_HASH_SIZE], h2[STORE_PAY_HASH_SIZE], name[64];
    struct bulk b;
    struct store_payroll p;
    int64_t id, total = 0;
    int i;

    (void)state;
    /* Created in reverse order, so list order is not creation order. */
    for (i = NBULK; i >= 1; i--) {
        snprintf(name, sizeof name, "Nguyễn Thị Số %03d", i);
        beneficiary(name, "1940-02-02", BULK, "2025-08-01", "K5c", NULL,
                    "Trụ sở UBND phường Châu Sơn");
    }
    id = prepare_bulk();
    memset(&b, 0, sizeof b);
    b.in_order = 1;
    assert_int_equal(
        store_payroll_lines(db, id, 0, 0, 0, bulk_line, &b, &total), DB_OK);
    assert_int_equal(total, NBULK);
    assert_int_equal(b.n, NBULK);
    assert_true(b.in_order);
    assert_string_equal(b.first, "Nguyễn Thị Số 001");
    snprintf(name, sizeof name, "Nguyễn Thị Số %03d", NBULK);
    assert_string_equal(b.last, name);
    assert_int_equal(b.total, (int64_t)NBULK * 500000);
    assert_int_equal(store_payroll_get(db, id, &p), DB_OK);
    assert_int_equal(p.lines, NBULK);
    assert_int_equal(p.total_payable, (int64_t)NBULK * 500000);
    assert_int_equal(store_payroll_content_hash(db, id, h1), DB_OK);
    assert_int_equal(prepare_bulk(), id);
    assert_int_equal(store_payroll_content_hash(db, id, h2), DB_OK);
    assert_string_equal(h1, h2);
    assert_int_equal(count("SELECT count(*) FROM payroll_lines l"
                           " JOIN payrolls p ON p.id = l.payroll_id"
                           " WHERE p.area_code = '" BULK "'"),
                     NBULK);
}

/* Persons alike share one computation of the rules engine per payroll
 * (a memo keyed by what the answer depends on), but never across what
 * changes it: of three K1 children listed first to last, two turn 16 in
 * March 2026 (paid through the month of their birthday, RULES.md §2.6)
 * and the third turned 16 in February (not paid any more), whatever the
 * order they are computed in. */
#define ALIKE "13324" /* Phường Duy Tiên (37) */

static void test_rules_2_6_alike_persons_share_not_across_ages(void **state)
{
    struct lines v;
    int64_t id;

    (void)state;
    beneficiary("An Văn Một", "2010-03-15", ALIKE, "2025-08-01", "K1a", NULL,
                "Trụ sở UBND phường Duy Tiên");
    beneficiary("Bạch Văn Hai", "2010-02-10", ALIKE, "2025-08-01", "K1a", NULL,
                "Trụ sở UBND phường Duy Tiên");
    beneficiary("Cao Văn Ba", "2010-03-28", ALIKE, "2025-08-01", "K1a", NULL,
                "Trụ sở UBND phường Duy Tiên");
    id = prepare_as_province(ALIKE);
    lines_of(id, &v);
    assert_int_equal(v.n, 2);
    assert_string_equal(v.l[0].full_name, "An Văn Một");
    assert_string_equal(v.l[1].full_name, "Cao Văn Ba");
    assert_int_equal(v.l[0].amount, v.l[1].amount);
    assert_int_equal(v.l[0].coeff_milli, v.l[1].coeff_milli);
    assert_string_equal(v.l[0].basis, v.l[1].basis);
    assert_true(v.l[0].amount > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_7_1_lines_in_vietnamese_order),
        cmocka_unit_test(test_prepare_twice_same_bytes),
        cmocka_unit_test(test_approved_payroll_is_frozen),
        cmocka_unit_test(test_change_while_computing_is_paid),
        cmocka_unit_test(test_lines_checked_before_writing),
        cmocka_unit_test(test_no_two_payrolls_share_a_commune),
        cmocka_unit_test(test_rules_2_6_recovery_after_late_death),
        cmocka_unit_test(test_rules_7_1_unpaid_rolls_over_once),
        cmocka_unit_test(test_stale_payroll_refused),
        cmocka_unit_test(test_rules_2_1_arrears_of_the_retroactive_level),
        cmocka_unit_test(test_rules_5_oneoff_once),
        cmocka_unit_test(test_many_lines_batched_in_order),
        cmocka_unit_test(test_rules_2_6_alike_persons_share_not_across_ages),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
