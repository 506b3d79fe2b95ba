/* test_cases.c: storage contract tests of migration 0005 and its store
 * functions, on SQLite and on PostgreSQL (every assertion must hold on
 * both): store_tasks (insert-or-keep, areas on the date's tree, closing
 * with a version, what a month asks for), store_cases (the take-over of a
 * stop for a move, memberships carried, residences, households, dossiers
 * moved, the move fields of a dossier), store_reorganise (the set-based
 * moves of a reform and their idempotence), the area counts of
 * store_stats and the filtered payroll pass of store_quote.
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
#include "store/store_cases.h"
#include "store/store_dossiers.h"
#include "store/store_persons.h"
#include "store/store_quote.h"
#include "store/store_registry.h"
#include "store/store_reorganise.h"
#include "store/store_stats.h"
#include "store/store_tasks.h"
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

static int64_t q(struct db *db, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int64_t q(struct db *db, const char *fmt, ...)
{
    char sql[1024];
    int64_t v = -1;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    if (db_query_int64(db, sql, &v) != DB_OK)
        fail_msg("%s: %s", sql, db_errmsg(db));
    return v;
}

/* A person born `birth` living in `unit` from `from` (open), in a new
 * household of that commune; with status enrolled from `since` and a
 * membership of `cat` from then when cat is not NULL. */
static int64_t person(struct db *db, const char *birth, const char *unit,
                      const char *from, const char *cat, const char *since)
{
    static int serial;
    struct store_person_new p = {NULL, "Nguyễn Thị Hồ Sơ", birth, 'F', 0};
    struct store_membership_new m;
    struct store_status_change c;
    char code[32];
    int64_t id = 0, hh = 0;

    snprintf(code, sizeof code, "%s-%06d", unit, ++serial);
    assert_int_equal(
        store_persons_household_add(db, NULL, code, unit, "Tổ 1", &hh), DB_OK);
    p.household_id = hh;
    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_OK);
    assert_int_equal(store_persons_residence_add(db, NULL, id, unit, "Tổ 1",
                                                 from, NULL, NULL),
                     DB_OK);
    if (cat == NULL)
        return id;
    memset(&c, 0, sizeof c);
    c.person_id = id;
    c.status = "enrolled";
    c.valid_from = since;
    c.actor = "test";
    assert_int_equal(store_registry_status_set(db, &c, NULL), DB_OK);
    memset(&m, 0, sizeof m);
    m.person_id = id;
    m.category = cat;
    m.disability = strcmp(cat, "K6") == 0 ? "severe" : NULL;
    m.studying = strcmp(cat, "K2") == 0;
    m.valid_from = since;
    assert_int_equal(store_persons_membership_add(db, NULL, &m, NULL), DB_OK);
    return id;
}

static void task(struct store_task *t, const char *key, const char *unit,
                 int64_t person)
{
    memset(t, 0, sizeof *t);
    snprintf(t->task_key, sizeof t->task_key, "%s", key);
    snprintf(t->kind, sizeof t->kind, "child_4");
    snprintf(t->unit_code, sizeof t->unit_code, "%s", unit);
    t->person_id = person;
    snprintf(t->decision, sizeof t->decision, "none");
    snprintf(t->event_on, sizeof t->event_on, "2025-06-10");
    snprintf(t->due_on, sizeof t->due_on, "2025-06-30");
    snprintf(t->created_at, sizeof t->created_at, "2025-06-30T00:00:00Z");
    snprintf(t->created_by, sizeof t->created_by, "test");
}

static int64_t list_total(struct db *db, int level, const char *code,
                          const char *today, const char *state)
{
    struct store_task_filter f;
    struct store_task_list l;
    int64_t n;

    memset(&f, 0, sizeof f);
    f.today = today;
    f.scope.level = level;
    snprintf(f.scope.code, sizeof f.scope.code, "%s", code);
    f.state = state;
    f.limit = 100;
    assert_int_equal(store_task_list(db, &f, &l), DB_OK);
    n = l.total;
    assert_int_equal((int64_t)l.count, n);
    store_task_list_free(&l);
    return n;
}

static void test_tasks_keys_areas_and_closing(void **state)
{
    struct db *db = *state;
    struct store_task t, got;
    int64_t p, id = 0, again = 0, n = 0;

    assert_int_equal(db_begin(db, 1), DB_OK);
    p = person(db, "2021-06-10", "13285", "2025-01-01", "K1b", "2025-01-01");
    task(&t, "child_4:1", "13285", p);
    assert_int_equal(store_task_insert(db, &t, &id), DB_OK);
    assert_true(id > 0);
    /* The same key again: kept, nothing written. */
    assert_int_equal(store_task_insert(db, &t, &again), DB_OK);
    assert_int_equal(again, 0);
    task(&t, "assign_commune:1:2025-07-01", "37", p);
    snprintf(t.kind, sizeof t.kind, "assign_commune");
    snprintf(t.decision, sizeof t.decision, "assign");
    snprintf(t.from_unit, sizeof t.from_unit, "13285");
    assert_int_equal(store_task_insert(db, &t, &again), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(store_task_get(db, id, &got), DB_OK);
    assert_string_equal(got.state, "open");
    assert_string_equal(got.person_name, "Nguyễn Thị Hồ Sơ");
    assert_int_equal(got.version, 1);
    {
        struct store_task none;

        assert_int_equal(store_task_get(db, 987654, &none), DB_ENOTFOUND);
    }
    /* Areas on the date's tree: 13285 in district 347 and province 35 on
     * 2025-06-30, in province 37 from 2025-07-01; the province's task in
     * 37 only. */
    assert_int_equal(list_total(db, 0, "", "2025-06-30", NULL), 2);
    assert_int_equal(list_total(db, 3, "13285", "2025-06-30", NULL), 1);
    assert_int_equal(list_total(db, 2, "347", "2025-06-30", NULL), 1);
    assert_int_equal(list_total(db, 2, "347", "2025-07-01", NULL), 0);
    assert_int_equal(list_total(db, 1, "35", "2025-06-30", NULL), 1);
    assert_int_equal(list_total(db, 1, "37", "2025-07-01", NULL), 2);
    assert_int_equal(list_total(db, 1, "01", "2025-07-01", NULL), 0);
    /* Closing: at its version only, once; a done task is placed on its
     * day. */
    got.version = 5;
    snprintf(got.done_on, sizeof got.done_on, "2025-06-30");
    snprintf(got.done_by, sizeof got.done_by, "test");
    snprintf(got.note, sizeof got.note, "Đã xem");
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_task_done(db, &got), DB_ECONFLICT);
    got.version = 1;
    assert_int_equal(store_task_done(db, &got), DB_OK);
    assert_int_equal(store_task_done(db, &got), DB_ECONFLICT);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(list_total(db, 2, "347", "2026-01-01", "done"), 1);
    assert_int_equal(list_total(db, 0, "", "2026-01-01", "open"), 1);
    /* The person's open tasks move with them; accounts' tasks close. */
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(store_tasks_move_person(db, p, "37", "13366", &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(
        store_tasks_close_user(db, 1, "2025-07-02", "admin", "Đã gán", &n),
        DB_OK);
    assert_int_equal(n, 0);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(q(db, "SELECT count(*) FROM tasks WHERE unit_code ="
                           " '13366'"),
                     1);
}

static void test_tasks_what_a_month_asks(void **state)
{
    struct db *db = *state;
    struct store_task_candidates cl;
    struct store_dos_area national = {0, ""}, other = {3, "13366"};
    struct store_status_change c;
    struct store_dossier d;
    int64_t k1, k3, s, did = 0;

    assert_int_equal(db_begin(db, 1), DB_OK);
    k1 = person(db, "2010-03-20", "13285", "2025-07-01", "K1a", "2025-07-01");
    k3 = person(db, "2010-03-05", "13285", "2025-07-01", "K3", "2025-07-01");
    s = person(db, "1970-01-01", "13285", "2025-07-01", "K6", "2025-07-01");
    memset(&c, 0, sizeof c);
    c.person_id = s;
    c.status = "suspended";
    c.reason = "reassessment";
    c.valid_from = "2025-12-01";
    c.expected_version = 1;
    c.actor = "test";
    assert_int_equal(store_registry_status_set(db, &c, NULL), DB_OK);
    /* An open dossier past its deadline, one whose clock stands still. */
    memset(&d, 0, sizeof d);
    d.person_id = k3;
    snprintf(d.kind, sizeof d.kind, "grant");
    snprintf(d.proposed, sizeof d.proposed, "grant");
    snprintf(d.unit_code, sizeof d.unit_code, "13285");
    snprintf(d.procedure, sizeof d.procedure, "monthly_2025");
    snprintf(d.submitted_on, sizeof d.submitted_on, "2026-02-02");
    snprintf(d.categories, sizeof d.categories, "K5a");
    snprintf(d.state, sizeof d.state, "open");
    snprintf(d.step, sizeof d.step, "review");
    d.step_seq = 1;
    snprintf(d.step_started_on, sizeof d.step_started_on, "2026-02-02");
    snprintf(d.deadline, sizeof d.deadline, "2026-02-23");
    snprintf(d.created_at, sizeof d.created_at, "2026-02-02T01:00:00Z");
    snprintf(d.created_by, sizeof d.created_by, "test");
    assert_int_equal(store_dossier_insert(db, &d, &did), DB_OK);
    d.waiting_documents = 1;
    snprintf(d.clock_stopped_on, sizeof d.clock_stopped_on, "2026-02-10");
    assert_int_equal(store_dossier_insert(db, &d, &did), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    /* March 2026: the K1 family and K3 separately, born in March 2010. */
    assert_int_equal(store_tasks_birthdays(
                         db, "K1*", "2010-03-01", "2010-03-31", "2026-03-01",
                         "2026-03-31", "2026-03-31", &national, &cl),
                     DB_OK);
    assert_int_equal(cl.count, 1);
    assert_int_equal(cl.items[0].person_id, k1);
    assert_string_equal(cl.items[0].category, "K1a");
    assert_string_equal(cl.items[0].unit_code, "13285");
    store_task_candidates_free(&cl);
    assert_int_equal(store_tasks_birthdays(db, "K3", "2010-03-01", "2010-03-31",
                                           "2026-03-01", "2026-03-31",
                                           "2026-03-31", &other, &cl),
                     DB_OK);
    assert_int_equal(cl.count, 0); /* another commune */
    store_task_candidates_free(&cl);
    assert_int_equal(store_tasks_birthdays(
                         db, "K1*", "2010-04-01", "2010-04-30", "2026-04-01",
                         "2026-04-30", "2026-04-30", &national, &cl),
                     DB_OK);
    assert_int_equal(cl.count, 0);
    store_task_candidates_free(&cl);
    assert_int_equal(store_tasks_birthdays(db, "K1*", "2010-03-01", "bad",
                                           "2026-03-01", "2026-03-31",
                                           "2026-03-31", &national, &cl),
                     DB_ECHECK);
    assert_int_equal(
        store_tasks_suspensions(db, "2025-12-31", "2026-03-31", &national, &cl),
        DB_OK);
    assert_int_equal(cl.count, 1);
    assert_string_equal(cl.items[0].since, "2025-12-01");
    assert_string_equal(cl.items[0].reason, "reassessment");
    store_task_candidates_free(&cl);
    assert_int_equal(
        store_tasks_suspensions(db, "2025-11-30", "2026-02-28", &national, &cl),
        DB_OK);
    assert_int_equal(cl.count, 0);
    store_task_candidates_free(&cl);
    assert_int_equal(store_tasks_overdue(db, "2026-03-31", &national, &cl),
                     DB_OK);
    assert_int_equal(cl.count, 1);
    assert_string_equal(cl.items[0].deadline, "2026-02-23");
    assert_string_equal(cl.items[0].procedure, "monthly_2025");
    store_task_candidates_free(&cl);
    assert_int_equal(store_tasks_overdue(db, "2026-02-23", &national, &cl),
                     DB_OK);
    assert_int_equal(cl.count, 0); /* due that day: not yet late */
    store_task_candidates_free(&cl);
}

static void test_cases_takeover_and_moves(void **state)
{
    struct db *db = *state;
    struct store_status_change c;
    struct store_dossier_move mv, got;
    struct store_residence_list rl;
    struct store_dossier d;
    int64_t p, other, version = 0, n = 0, did = 0, tr = -1;

    assert_int_equal(db_begin(db, 1), DB_OK);
    p = person(db, "1940-01-01", "13291", "2025-01-01", "K5c", "2025-01-01");
    other =
        person(db, "1941-01-01", "13291", "2025-01-01", "K5c", "2025-01-01");
    memset(&c, 0, sizeof c);
    c.person_id = p;
    c.status = "terminated";
    c.reason = "moved";
    c.valid_from = "2025-07-01";
    c.expected_version = 1;
    c.actor = "test";
    assert_int_equal(store_registry_status_set(db, &c, &version), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(q(db,
                       "SELECT count(*) FROM memberships WHERE person_id ="
                       " %lld AND valid_to = '2025-07-01'",
                       (long long)p),
                     1);
    assert_int_equal(db_begin(db, 1), DB_OK);
    /* A stale version, a wrong day, a record that was not stopped for a
     * move: refused. */
    assert_int_equal(store_cases_takeover(db, p, version + 1, "2025-07-01",
                                          "5/QĐ", "test", NULL),
                     DB_ECONFLICT);
    assert_int_equal(store_cases_takeover(db, p, version, "2025-08-01", "5/QĐ",
                                          "test", NULL),
                     DB_ECONFLICT);
    assert_int_equal(
        store_cases_takeover(db, other, 1, "2025-07-01", "5/QĐ", "test", NULL),
        DB_ECONFLICT);
    assert_int_equal(store_cases_takeover(db, p, version, "2025-07-01",
                                          "5/QĐ-UBND", "test", &n),
                     DB_OK);
    assert_int_equal(n, version + 1);
    assert_int_equal(
        store_cases_memberships_carry(db, p, "2025-07-01", "test", &n), DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(q(db,
                       "SELECT count(*) FROM beneficiary_status WHERE"
                       " person_id = %lld AND status = 'enrolled'",
                       (long long)p),
                     2);
    assert_int_equal(q(db,
                       "SELECT count(*) FROM memberships WHERE person_id ="
                       " %lld AND category = 'K5c' AND valid_from ="
                       " '2025-07-01' AND valid_to IS NULL",
                       (long long)p),
                     1);
    /* Residences, household, open dossiers. */
    assert_int_equal(store_persons_residences(db, p, &rl), DB_OK);
    assert_int_equal(rl.count, 1);
    assert_int_equal(db_begin(db, 1), DB_OK);
    assert_int_equal(
        store_cases_residence_end(db, rl.items[0].id, "2025-07-01"), DB_OK);
    assert_int_equal(store_cases_residence_end(db, 987654, "2025-07-01"),
                     DB_ENOTFOUND);
    assert_int_equal(
        store_cases_residence_retarget(db, rl.items[0].id, "1", "x"),
        DB_ECHECK);
    assert_int_equal(store_cases_household_move(db, p, "13291", "13330", &n),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(store_cases_household_move(db, p, "13291", "13330", &n),
                     DB_OK);
    assert_int_equal(n, 0);
    memset(&d, 0, sizeof d);
    d.person_id = p;
    snprintf(d.kind, sizeof d.kind, "transfer");
    snprintf(d.proposed, sizeof d.proposed, "grant");
    snprintf(d.unit_code, sizeof d.unit_code, "13291");
    snprintf(d.procedure, sizeof d.procedure, "transfer_2025");
    snprintf(d.submitted_on, sizeof d.submitted_on, "2025-07-02");
    snprintf(d.state, sizeof d.state, "open");
    snprintf(d.step, sizeof d.step, "review");
    d.step_seq = 1;
    snprintf(d.step_started_on, sizeof d.step_started_on, "2025-07-02");
    snprintf(d.created_at, sizeof d.created_at, "2025-07-02T01:00:00Z");
    snprintf(d.created_by, sizeof d.created_by, "test");
    assert_int_equal(store_dossier_insert(db, &d, &did), DB_OK);
    memset(&mv, 0, sizeof mv);
    snprintf(mv.to_unit, sizeof mv.to_unit, "13330");
    snprintf(mv.to_address, sizeof mv.to_address, "Thôn 4");
    assert_int_equal(store_cases_dossier_move_set(db, did, &mv), DB_OK);
    snprintf(mv.to_unit, sizeof mv.to_unit, "1333");
    assert_int_equal(store_cases_dossier_move_set(db, did, &mv), DB_ECHECK);
    assert_int_equal(store_cases_dossiers_move(db, p, "13291", "13330", &n),
                     DB_OK);
    assert_int_equal(n, 1);
    assert_int_equal(db_commit(db), DB_OK);
    store_residence_list_free(&rl);
    assert_int_equal(store_cases_dossier_move_get(db, did, &got), DB_OK);
    assert_string_equal(got.to_unit, "13330");
    assert_string_equal(got.to_address, "Thôn 4");
    assert_int_equal(got.stop_decision_id, 0);
    assert_int_equal(store_cases_dossier_move_get(db, 987654, &got),
                     DB_ENOTFOUND);
    assert_int_equal(store_cases_transfer_of_stop(db, 987654, &tr), DB_OK);
    assert_int_equal(tr, 0);
    assert_int_equal(q(db,
                       "SELECT version FROM dossiers WHERE id = %lld AND"
                       " unit_code = '13330'",
                       (long long)did),
                     2);
}

/* A reform applied twice on a small caseload: Châu Cầu (13294, one full
 * link to 13285), Lê Hồng Phong (13291, full, same code), Quang Trung
 * (13285, split between 13285 and 13366), Lương Khánh Thiện (13288,
 * merged away on 2025-01-01: no link, an orphan). */
static void test_reorganise_set_based_and_idempotent(void **state)
{
    struct db *db = *state;
    struct store_reorg_orphans o;
    char province[8];
    int64_t full, same, split, orphan, n = 0, t = 0, c = 0, links = 0;
    struct store_task tk;
    size_t i;
    int found = 0, first = 0;

    assert_int_equal(store_reorg_links(db, "2025-07-01", &links), DB_OK);
    assert_int_equal(links, 10604);
    assert_int_equal(store_reorg_links(db, "2025-07-02", &links), DB_OK);
    assert_int_equal(links, 0);
    assert_int_equal(db_begin(db, 1), DB_OK);
    full = person(db, "1950-01-01", "13294", "2025-01-01", "K5a", "2025-01-01");
    same = person(db, "1950-01-01", "13291", "2025-01-01", "K5a", "2025-01-01");
    split =
        person(db, "1950-01-01", "13285", "2025-01-01", "K5a", "2025-01-01");
    orphan = person(db, "1950-01-01", "13288", "2024-11-01", NULL, NULL);
    task(&tk, "child_4:full", "13294", full);
    assert_int_equal(store_task_insert(db, &tk, &n), DB_OK);
    task(&tk, "child_4:split", "13285", split);
    assert_int_equal(store_task_insert(db, &tk, &n), DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(
        store_reorg_successor_province(db, "2025-07-01", "35", province),
        DB_OK);
    assert_string_equal(province, "37");
    assert_int_equal(
        store_reorg_successor_province(db, "2025-07-01", "01", province),
        DB_OK);
    assert_string_equal(province, "01");
    assert_int_equal(store_reorg_orphans(db, "2025-07-01", &o), DB_OK);
    for (i = 0; i < o.count; i++)
        if (strcmp(o.code[i], "13288") == 0) {
            found = 1;
            assert_string_equal(o.province[i], "35");
        }
    assert_true(found);
    store_reorg_orphans_free(&o);

    for (int run = 0; run < 2; run++) {
        int64_t res = 0, tasks = 0, closed = 0, hh = 0, dos = 0, tm = 0;

        assert_int_equal(db_begin(db, 1), DB_OK);
        assert_int_equal(store_reorg_claim(db, "2025-07-01",
                                           "2025-07-02T00:00:00Z", "test",
                                           &first),
                         DB_OK);
        assert_int_equal(first, run == 0);
        assert_int_equal(store_reorg_move_tasks(db, "2025-07-01", &tm), DB_OK);
        assert_int_equal(store_reorg_move_residences(db, "2025-07-01", &res),
                         DB_OK);
        assert_int_equal(store_reorg_split_residences(db, "2025-07-01",
                                                      "2025-07-02T00:00:00Z",
                                                      "test", &tasks, &closed),
                         DB_OK);
        assert_int_equal(store_reorg_orphan_residences(
                             db, "2025-07-01", "13288", "37",
                             "2025-07-02T00:00:00Z", "test", &t, &c),
                         DB_OK);
        assert_int_equal(store_reorg_move_households(db, "2025-07-01", &hh),
                         DB_OK);
        assert_int_equal(store_reorg_move_dossiers(db, "2025-07-01", &dos),
                         DB_OK);
        assert_int_equal(db_commit(db), DB_OK);
        /* First run: two moved (13294 -> 13285, 13291 -> 13291), two
         * waiting (the split commune's and the orphan's); then nothing. */
        assert_int_equal(res, run == 0 ? 2 : 0);
        assert_int_equal(tasks, run == 0 ? 1 : 0);
        assert_int_equal(closed, run == 0 ? 1 : 0);
        assert_int_equal(t, run == 0 ? 1 : 0);
        assert_int_equal(c, run == 0 ? 1 : 0);
        assert_int_equal(hh, run == 0 ? 1 : 0); /* 13294's; 13291 stays */
        assert_int_equal(tm, run == 0 ? 1 : 0);
        assert_int_equal(dos, 0);
    }
    assert_int_equal(q(db,
                       "SELECT count(*) FROM residences WHERE person_id ="
                       " %lld AND unit_code = '13285' AND valid_from ="
                       " '2025-07-01'",
                       (long long)full),
                     1);
    assert_int_equal(q(db,
                       "SELECT count(*) FROM residences WHERE person_id ="
                       " %lld AND unit_code = '13291' AND valid_to ="
                       " '2025-07-01'",
                       (long long)same),
                     1);
    assert_int_equal(q(db,
                       "SELECT count(*) FROM residences WHERE person_id ="
                       " %lld AND valid_to IS NULL",
                       (long long)split),
                     0);
    assert_int_equal(q(db,
                       "SELECT count(*) FROM tasks WHERE kind ="
                       " 'assign_commune' AND person_id IN (%lld, %lld) AND"
                       " unit_code = '37' AND state = 'open'",
                       (long long)split, (long long)orphan),
                     2);
    /* June's tasks: Châu Cầu's to Phủ Lý; Quang Trung's stays in 13285,
     * a code Phủ Lý kept (its person's assignment moves it). */
    assert_int_equal(q(db, "SELECT count(*) FROM tasks WHERE task_key ="
                           " 'child_4:full' AND unit_code = '13285'"),
                     1);
    assert_int_equal(q(db, "SELECT count(*) FROM tasks WHERE task_key ="
                           " 'child_4:split' AND unit_code = '13285'"),
                     1);
    {
        struct store_task_assignments a;

        assert_int_equal(store_tasks_open_assignments(db, &a), DB_OK);
        assert_int_equal(a.count, 2);
        assert_string_equal(a.items[0].from_unit, "13285");
        assert_string_equal(a.items[0].event_on, "2025-07-01");
        assert_true(a.items[0].household_id > 0);
        store_task_assignments_free(&a);
    }
}

static int count_person(void *arg, const struct store_quote_person *p)
{
    (void)p;
    (*(int64_t *)arg)++;
    return 0;
}

/* The area counts and the payroll pass of an area (residence on the
 * month's first day, enrolled that day). */
static void test_area_counts_and_payroll_pass(void **state)
{
    struct db *db = *state;
    struct store_stats_category *cats = NULL;
    struct store_quote_filter f;
    size_t ncats = 0;
    int64_t n = 0;

    assert_int_equal(db_begin(db, 1), DB_OK);
    person(db, "1950-01-01", "13285", "2025-07-01", "K5a", "2025-07-01");
    person(db, "1980-01-01", "13366", "2025-07-01", "K6", "2025-08-01");
    person(db, "1970-01-01", "00004", "2025-07-01", "K6", "2025-07-01");
    assert_int_equal(db_commit(db), DB_OK);
    assert_int_equal(
        store_stats_area_beneficiaries(db, "2025-09-01", 1, "37", &n), DB_OK);
    assert_int_equal(n, 2);
    assert_int_equal(
        store_stats_area_beneficiaries(db, "2025-07-15", 3, "13366", &n),
        DB_OK);
    assert_int_equal(n, 0); /* enrolled from August */
    assert_int_equal(
        store_stats_area_beneficiaries(db, "2025-09-01", 2, "1", &n),
        DB_EINVAL);
    assert_int_equal(
        store_stats_area_by_category(db, "2025-09-01", 1, "37", &cats, &ncats),
        DB_OK);
    assert_int_equal(ncats, 2);
    free(cats);
    memset(&f, 0, sizeof f);
    f.level = 1;
    snprintf(f.code, sizeof f.code, "37");
    f.enrolled = 1;
    n = 0;
    assert_int_equal(store_quote_scan_filtered(db, "2025-07-01", "2025-07-31",
                                               &f, count_person, &n),
                     DB_OK);
    assert_int_equal(n, 1); /* the K6 person is paid from August */
    n = 0;
    assert_int_equal(store_quote_scan_filtered(db, "2025-08-01", "2025-08-31",
                                               &f, count_person, &n),
                     DB_OK);
    assert_int_equal(n, 2);
    f.level = 3;
    snprintf(f.code, sizeof f.code, "37");
    assert_int_equal(store_quote_scan_filtered(db, "2025-08-01", "2025-08-31",
                                               &f, count_person, &n),
                     DB_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_tasks_keys_areas_and_closing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_tasks_what_a_month_asks, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_cases_takeover_and_moves, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(
            test_reorganise_set_based_and_idempotent, setup, teardown),
        cmocka_unit_test_setup_teardown(test_area_counts_and_payroll_pass,
                                        setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
