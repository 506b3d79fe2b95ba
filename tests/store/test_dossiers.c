/* test_dossiers.c: storage contract tests for dossiers, their steps and
 * acts, complaints and decisions (store/store_dossiers.h, migration 0004).
 * ctest runs it on SQLite and on PostgreSQL: both must give the same
 * answers, the same error codes for the same violations (lost update,
 * a decision number taken in its unit and year, a complaint answered
 * twice, impossible dates), and the same scope on the date's unit tree
 * (RULES.md §6.2 before 2025-07-01, §6.5 after). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "store/db.h"
#include "store/store_dossiers.h"
#include "store/store_persons.h"
#include "store/store_users.h"
#include "testdb.h"

struct fx {
    struct db *db;
    int64_t an, binh, cuong; /* persons in 13285, 13291 (district 347), and
                                13324 (district 349) */
    int64_t chairman;        /* a user, the signer */
};

static int64_t person(struct db *db, const char *name, const char *birth,
                      const char *unit)
{
    struct store_person_new p = {NULL, name, birth, 'F', 0};
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, NULL, &p, &id), DB_OK);
    assert_int_equal(store_persons_residence_add(db, NULL, id, unit, NULL,
                                                 "2024-11-01", NULL, NULL),
                     DB_OK);
    return id;
}

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof *f);

    f->db = testdb_open();
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    f->an = person(f->db, "Nguyễn Thị An", "1950-03-02", "13285");
    f->binh = person(f->db, "Bùi Thị Bình", "1948-07-20", "13291");
    f->cuong = person(f->db, "Cao Thị Cường", "1960-01-01", "13324");
    assert_int_equal(store_users_create(f->db, "chu.tich", "Trần Văn Ký", "x",
                                        "district_chairman", "347",
                                        "2025-01-01T00:00:00Z", &f->chairman),
                     DB_OK);
    assert_int_equal(db_commit(f->db), DB_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;

    db_close(f->db);
    free(f);
    return 0;
}

static void dossier_init(struct store_dossier *d, int64_t person,
                         const char *unit, const char *submitted)
{
    memset(d, 0, sizeof *d);
    d->person_id = person;
    snprintf(d->kind, sizeof d->kind, "grant");
    snprintf(d->proposed, sizeof d->proposed, "grant");
    snprintf(d->unit_code, sizeof d->unit_code, "%s", unit);
    snprintf(d->procedure, sizeof d->procedure, "monthly_2021");
    snprintf(d->submitted_on, sizeof d->submitted_on, "%s", submitted);
    snprintf(d->categories, sizeof d->categories, "K6");
    snprintf(d->disability, sizeof d->disability, "severe");
    snprintf(d->certificate_on, sizeof d->certificate_on, "2025-01-15");
    snprintf(d->applicant, sizeof d->applicant, "Nguyễn Văn Con (con)");
    snprintf(d->note, sizeof d->note, "Hồ sơ ghi chú\ndòng hai");
    snprintf(d->state, sizeof d->state, "open");
    snprintf(d->step, sizeof d->step, "review");
    d->step_seq = 1;
    snprintf(d->step_started_on, sizeof d->step_started_on, "%s", submitted);
    snprintf(d->deadline, sizeof d->deadline, "2025-03-12");
    snprintf(d->created_at, sizeof d->created_at, "2025-03-03T01:02:03Z");
    snprintf(d->created_by, sizeof d->created_by, "can.bo");
}

static int64_t insert(struct db *db, const struct store_dossier *d)
{
    int64_t id = 0;
    int rc;

    assert_int_equal(db_begin(db, 1), DB_OK);
    rc = store_dossier_insert(db, d, &id);
    if (rc != DB_OK)
        fail_msg("insert: %d %s", rc, db_errmsg(db));
    assert_int_equal(store_dossier_step_open(db, id, 1, d->step, 0,
                                             d->step_started_on, d->deadline),
                     DB_OK);
    assert_int_equal(db_commit(db), DB_OK);
    return id;
}

static void test_insert_get_update(void **state)
{
    struct fx *f = *state;
    struct store_dossier d, got;
    int64_t id, v = 0;

    dossier_init(&d, f->an, "13285", "2025-03-03");
    id = insert(f->db, &d);
    assert_int_equal(store_dossier_get(f->db, id, &got), DB_OK);
    assert_int_equal(got.id, id);
    assert_string_equal(got.kind, "grant");
    assert_string_equal(got.submitted_on, "2025-03-03");
    assert_string_equal(got.certificate_on, "2025-01-15");
    assert_string_equal(got.event_on, "");
    assert_string_equal(got.ground, "");
    assert_string_equal(got.note, "Hồ sơ ghi chú\ndòng hai");
    assert_string_equal(got.deadline, "2025-03-12");
    assert_string_equal(got.clock_stopped_on, "");
    assert_string_equal(got.closed_on, "");
    assert_int_equal(got.version, 1);
    assert_string_equal(got.person_name, "Nguyễn Thị An");
    assert_string_equal(got.birth_date, "1950-03-02");

    /* The moving parts change with the version; a stale one is refused. */
    snprintf(got.step, sizeof got.step, "posting");
    got.step_seq = 2;
    got.waiting_documents = 1;
    snprintf(got.clock_stopped_on, sizeof got.clock_stopped_on, "2025-03-05");
    got.deadline[0] = '\0';
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_dossier_update(f->db, &got, 1, &v), DB_OK);
    assert_int_equal(db_commit(f->db), DB_OK);
    assert_int_equal(v, 2);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_dossier_update(f->db, &got, 1, &v), DB_ECONFLICT);
    got.id = 999999;
    assert_int_equal(store_dossier_update(f->db, &got, 2, &v), DB_ENOTFOUND);
    assert_int_equal(db_rollback(f->db), DB_OK);
    assert_int_equal(store_dossier_get(f->db, id, &got), DB_OK);
    assert_string_equal(got.step, "posting");
    assert_string_equal(got.deadline, "");
    assert_string_equal(got.clock_stopped_on, "2025-03-05");
    assert_int_equal(got.waiting_documents, 1);
    assert_int_equal(store_dossier_get(f->db, 999999, &got), DB_ENOTFOUND);
}

/* The same violations give the same codes on both engines. */
static void test_checks(void **state)
{
    struct fx *f = *state;
    struct store_dossier d;
    int64_t id;

    assert_int_equal(db_begin(f->db, 1), DB_OK);
    dossier_init(&d, f->an, "13285", "2025-02-30");
    assert_int_equal(store_dossier_insert(f->db, &d, &id), DB_ECHECK);
    assert_int_equal(db_rollback(f->db), DB_OK);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    dossier_init(&d, f->an, "13285", "2025-03-03");
    snprintf(d.kind, sizeof d.kind, "loan");
    assert_int_equal(store_dossier_insert(f->db, &d, &id), DB_ECHECK);
    assert_int_equal(db_rollback(f->db), DB_OK);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    dossier_init(&d, f->an, "13285", "2025-03-03");
    snprintf(d.state, sizeof d.state, "decided"); /* closed needs closed_on */
    assert_int_equal(store_dossier_insert(f->db, &d, &id), DB_ECHECK);
    assert_int_equal(db_rollback(f->db), DB_OK);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    dossier_init(&d, f->an, "13285", "2025-03-03");
    snprintf(d.clock_stopped_on, sizeof d.clock_stopped_on, "2025-03-04");
    assert_int_equal(store_dossier_insert(f->db, &d, &id), DB_ECHECK);
    assert_int_equal(db_rollback(f->db), DB_OK);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    dossier_init(&d, 424242, "13285", "2025-03-03");
    assert_int_equal(store_dossier_insert(f->db, &d, &id), DB_EFK);
    assert_int_equal(db_rollback(f->db), DB_OK);
}

static void test_steps_and_events(void **state)
{
    struct fx *f = *state;
    struct store_dossier d;
    struct store_dossier_step end;
    struct store_dossier_event e;
    struct store_dossier_step_list sl;
    struct store_dossier_event_list el;
    int64_t id;

    dossier_init(&d, f->an, "13285", "2025-03-03");
    id = insert(f->db, &d);
    memset(&end, 0, sizeof end);
    end.seq = 1;
    snprintf(end.deadline, sizeof end.deadline, "2025-03-14");
    snprintf(end.ended_on, sizeof end.ended_on, "2025-03-13");
    snprintf(end.ended_action, sizeof end.ended_action, "approve_review");
    snprintf(end.ended_by, sizeof end.ended_by, "chu.tich.xa");
    snprintf(end.ended_role, sizeof end.ended_role, "commune_chairman");
    end.stopped_wd = 2;
    end.late = 0;
    memset(&e, 0, sizeof e);
    e.dossier_id = id;
    e.step_seq = 1;
    snprintf(e.step, sizeof e.step, "review");
    snprintf(e.action, sizeof e.action, "approve_review");
    snprintf(e.acted_on, sizeof e.acted_on, "2025-03-13");
    snprintf(e.actor, sizeof e.actor, "chu.tich.xa");
    snprintf(e.actor_role, sizeof e.actor_role, "commune_chairman");
    snprintf(e.deadline, sizeof e.deadline, "2025-03-14");
    snprintf(e.recorded_at, sizeof e.recorded_at, "2025-03-13T08:00:00Z");
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_dossier_step_close(f->db, id, &end), DB_OK);
    assert_int_equal(store_dossier_step_close(f->db, id, &end), DB_ENOTFOUND);
    assert_int_equal(store_dossier_step_open(f->db, id, 2, "posting", 1,
                                             "2025-03-13", "2025-03-17"),
                     DB_OK);
    assert_int_equal(store_dossier_step_open(f->db, id, 2, "posting", 1,
                                             "2025-03-13", "2025-03-17"),
                     DB_ECONFLICT);
    assert_int_equal(db_rollback(f->db), DB_OK);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_dossier_step_close(f->db, id, &end), DB_OK);
    assert_int_equal(store_dossier_step_open(f->db, id, 2, "posting", 1,
                                             "2025-03-13", "2025-03-17"),
                     DB_OK);
    assert_int_equal(store_dossier_event_add(f->db, &e), DB_OK);
    assert_int_equal(db_commit(f->db), DB_OK);
    /* An end before the start is refused by both engines. */
    end.seq = 2;
    snprintf(end.ended_on, sizeof end.ended_on, "2025-03-12");
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_dossier_step_close(f->db, id, &end), DB_ECHECK);
    assert_int_equal(db_rollback(f->db), DB_OK);

    assert_int_equal(store_dossier_event_exists(f->db, id, 1, "approve_review"),
                     1);
    assert_int_equal(store_dossier_event_exists(f->db, id, 2, "approve_review"),
                     0);
    assert_int_equal(store_dossier_steps(f->db, id, &sl), DB_OK);
    assert_int_equal(sl.count, 2);
    assert_string_equal(sl.items[0].step, "review");
    assert_string_equal(sl.items[0].ended_on, "2025-03-13");
    assert_int_equal(sl.items[0].late, 0);
    assert_int_equal(sl.items[0].stopped_wd, 2);
    assert_string_equal(sl.items[1].step, "posting");
    assert_int_equal(sl.items[1].is_public, 1);
    assert_int_equal(sl.items[1].late, -1);
    assert_string_equal(sl.items[1].ended_on, "");
    store_dossier_step_list_free(&sl);
    assert_int_equal(store_dossier_events(f->db, id, &el), DB_OK);
    assert_int_equal(el.count, 1);
    assert_string_equal(el.items[0].actor_role, "commune_chairman");
    assert_string_equal(el.items[0].deadline, "2025-03-14");
    store_dossier_event_list_free(&el);
}

static void list(struct db *db, struct store_dossier_filter *q,
                 struct store_dossier_list *out)
{
    int rc = store_dossier_list(db, q, out);

    if (rc != DB_OK)
        fail_msg("list: %d %s", rc, db_errmsg(db));
}

/* The inbox follows the unit tree of the date: district 347 holds 13285
 * and 13291 until 2025-06-30; from 2025-07-01 the district is gone and
 * the communes are in province 37 (RULES.md §10.3). A closed dossier
 * stays where it was when it closed. */
static void test_inbox_scope_by_date(void **state)
{
    struct fx *f = *state;
    struct store_dossier d;
    struct store_dossier_filter q;
    struct store_dossier_list l;
    int64_t a, b, c, closed;

    dossier_init(&d, f->an, "13285", "2025-03-03");
    snprintf(d.deadline, sizeof d.deadline, "2025-03-12");
    a = insert(f->db, &d);
    dossier_init(&d, f->binh, "13291", "2025-03-04");
    snprintf(d.deadline, sizeof d.deadline, "2025-03-10");
    b = insert(f->db, &d);
    dossier_init(&d, f->cuong, "13324", "2025-03-05");
    snprintf(d.deadline, sizeof d.deadline, "2025-03-20");
    c = insert(f->db, &d);
    dossier_init(&d, f->an, "13285", "2025-03-06");
    snprintf(d.state, sizeof d.state, "withdrawn");
    snprintf(d.closed_on, sizeof d.closed_on, "2025-03-07");
    d.deadline[0] = '\0';
    closed = insert(f->db, &d);

    memset(&q, 0, sizeof q);
    q.today = "2025-03-11";
    q.limit = 10;
    q.scope.level = 2;
    snprintf(q.scope.code, sizeof q.scope.code, "347");
    list(f->db, &q, &l);
    assert_int_equal(l.total, 3);
    /* open first, earliest deadline first; then the closed one */
    assert_int_equal(l.items[0].id, b);
    assert_int_equal(l.items[1].id, a);
    assert_int_equal(l.items[2].id, closed);
    assert_string_equal(l.items[0].person_name, "Bùi Thị Bình");
    store_dossier_list_free(&l);

    q.overdue = 1; /* deadline 2025-03-10 < 2025-03-11 */
    list(f->db, &q, &l);
    assert_int_equal(l.total, 1);
    assert_int_equal(l.items[0].id, b);
    store_dossier_list_free(&l);
    q.overdue = 0;

    /* After the reform: the open ones have left district 347, the closed
     * one stays with it; the province 37 sees the open ones of all three
     * communes. */
    q.today = "2025-07-01";
    list(f->db, &q, &l);
    assert_int_equal(l.total, 1);
    assert_int_equal(l.items[0].id, closed);
    store_dossier_list_free(&l);
    q.scope.level = 1;
    snprintf(q.scope.code, sizeof q.scope.code, "37");
    list(f->db, &q, &l);
    assert_int_equal(l.total, 3);
    store_dossier_list_free(&l);

    /* Commune scope, state and kind filters, a unit filter, paging. */
    q.today = "2025-03-11";
    q.scope.level = 3;
    snprintf(q.scope.code, sizeof q.scope.code, "13285");
    q.state = "open";
    list(f->db, &q, &l);
    assert_int_equal(l.total, 1);
    assert_int_equal(l.items[0].id, a);
    store_dossier_list_free(&l);
    q.state = NULL;
    q.scope.level = 0;
    q.unit.level = 3;
    snprintf(q.unit.code, sizeof q.unit.code, "13324");
    list(f->db, &q, &l);
    assert_int_equal(l.total, 1);
    assert_int_equal(l.items[0].id, c);
    store_dossier_list_free(&l);
    q.unit.level = 0;
    q.kind = "stop";
    list(f->db, &q, &l);
    assert_int_equal(l.total, 0);
    assert_int_equal(l.count, 0);
    store_dossier_list_free(&l);
    q.kind = NULL;
    q.person_id = f->an;
    q.limit = 1;
    q.offset = 1;
    list(f->db, &q, &l);
    assert_int_equal(l.total, 2);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.items[0].id, closed);
    store_dossier_list_free(&l);
    q.limit = 0;
    assert_int_equal(store_dossier_list(f->db, &q, &l), DB_EINVAL);
    q.limit = 10;
    q.scope.level = 2;
    snprintf(q.scope.code, sizeof q.scope.code, "13285");
    assert_int_equal(store_dossier_list(f->db, &q, &l), DB_EINVAL);
}

/* Posting list: dossiers of the commune at a public step on the date. */
static void test_posting(void **state)
{
    struct fx *f = *state;
    struct store_dossier d;
    struct store_dossier_step end;
    struct store_posting_list pl;
    int64_t a, b;

    dossier_init(&d, f->an, "13285", "2025-04-01");
    a = insert(f->db, &d);
    dossier_init(&d, f->an, "13285", "2025-04-02");
    snprintf(d.categories, sizeof d.categories, "K8");
    b = insert(f->db, &d);
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_dossier_step_open(f->db, a, 2, "posting", 1,
                                             "2025-04-10", "2025-04-14"),
                     DB_OK);
    assert_int_equal(store_dossier_step_open(f->db, b, 2, "posting", 1,
                                             "2025-04-11", "2025-04-15"),
                     DB_OK);
    memset(&end, 0, sizeof end);
    end.seq = 2;
    snprintf(end.ended_on, sizeof end.ended_on, "2025-04-14");
    snprintf(end.ended_action, sizeof end.ended_action, "close_posting");
    snprintf(end.ended_by, sizeof end.ended_by, "x");
    snprintf(end.ended_role, sizeof end.ended_role, "commune_officer");
    end.late = 0;
    assert_int_equal(store_dossier_step_close(f->db, a, &end), DB_OK);
    assert_int_equal(db_commit(f->db), DB_OK);

    assert_int_equal(store_dossier_posting(f->db, "13285", "2025-04-10", &pl),
                     DB_OK);
    assert_int_equal(pl.count, 1);
    assert_int_equal(pl.items[0].dossier_id, a);
    store_posting_list_free(&pl);
    assert_int_equal(store_dossier_posting(f->db, "13285", "2025-04-14", &pl),
                     DB_OK);
    assert_int_equal(pl.count, 2);
    assert_string_equal(pl.items[1].categories, "K8");
    store_posting_list_free(&pl);
    assert_int_equal(store_dossier_posting(f->db, "13285", "2025-04-15", &pl),
                     DB_OK);
    assert_int_equal(pl.count, 1);
    assert_int_equal(pl.items[0].dossier_id, b);
    store_posting_list_free(&pl);
    assert_int_equal(store_dossier_posting(f->db, "13291", "2025-04-14", &pl),
                     DB_OK);
    assert_int_equal(pl.count, 0);
    store_posting_list_free(&pl);
}

static void test_complaints(void **state)
{
    struct fx *f = *state;
    struct store_dossier d;
    struct store_complaint c, got;
    struct store_complaint_list cl;
    int64_t id, cid = 0;

    dossier_init(&d, f->binh, "13291", "2025-05-05");
    id = insert(f->db, &d);
    memset(&c, 0, sizeof c);
    c.dossier_id = id;
    snprintf(c.step, sizeof c.step, "posting");
    snprintf(c.complainant, sizeof c.complainant, "Lê Văn Hàng Xóm");
    snprintf(c.content, sizeof c.content, "Không đúng hoàn cảnh");
    snprintf(c.received_on, sizeof c.received_on, "2025-05-12");
    snprintf(c.deadline, sizeof c.deadline, "2025-05-26");
    snprintf(c.received_by, sizeof c.received_by, "can.bo");
    snprintf(c.recorded_at, sizeof c.recorded_at, "2025-05-12T03:00:00Z");
    c.late = -1;
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_complaint_insert(f->db, &c, &cid), DB_OK);
    assert_int_equal(db_commit(f->db), DB_OK);
    assert_int_equal(store_complaint_get(f->db, id, cid, &got), DB_OK);
    assert_string_equal(got.complainant, "Lê Văn Hàng Xóm");
    assert_string_equal(got.resolved_on, "");
    assert_int_equal(got.late, -1);
    assert_int_equal(store_complaint_get(f->db, id + 1000, cid, &got),
                     DB_ENOTFOUND);

    c.id = cid;
    snprintf(c.resolved_on, sizeof c.resolved_on, "2025-05-27");
    snprintf(c.answer, sizeof c.answer, "Đã xác minh: đúng quy định.");
    snprintf(c.resolved_by, sizeof c.resolved_by, "chu.tich.xa");
    snprintf(c.resolved_role, sizeof c.resolved_role, "commune_chairman");
    c.late = 1;
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_complaint_resolve(f->db, &c), DB_OK);
    assert_int_equal(store_complaint_resolve(f->db, &c), DB_ECONFLICT);
    c.id = cid + 1000;
    assert_int_equal(store_complaint_resolve(f->db, &c), DB_ENOTFOUND);
    assert_int_equal(db_commit(f->db), DB_OK);
    assert_int_equal(store_complaints(f->db, id, &cl), DB_OK);
    assert_int_equal(cl.count, 1);
    assert_int_equal(cl.items[0].late, 1);
    assert_string_equal(cl.items[0].answer, "Đã xác minh: đúng quy định.");
    store_complaint_list_free(&cl);

    /* A deadline on the day of receipt is refused. */
    snprintf(c.deadline, sizeof c.deadline, "2025-05-12");
    assert_int_equal(db_begin(f->db, 1), DB_OK);
    assert_int_equal(store_complaint_insert(f->db, &c, &cid), DB_ECHECK);
    assert_int_equal(db_rollback(f->db), DB_OK);
}

static void decision_init(struct store_decision *x, int64_t dossier,
                          int64_t person, int64_t signer, const char *number,
                          const char *signed_on)
{
    memset(x, 0, sizeof *x);
    x->dossier_id = dossier;
    x->person_id = person;
    snprintf(x->number, sizeof x->number, "%s", number);
    x->year = strtol(signed_on, NULL, 10); /* "2025-..." -> 2025 */
    snprintf(x->signing_unit, sizeof x->signing_unit, "347");
    snprintf(x->signed_on, sizeof x->signed_on, "%s", signed_on);
    x->signer_id = signer;
    snprintf(x->signer_name, sizeof x->signer_name, "Trần Văn Ký");
    snprintf(x->signer_role, sizeof x->signer_role, "district_chairman");
    snprintf(x->kind, sizeof x->kind, "grant");
    snprintf(x->unit_code, sizeof x->unit_code, "13285");
    snprintf(x->effective_from, sizeof x->effective_from, "%.7s-01", signed_on);
    snprintf(x->categories, sizeof x->categories, "K6");
    snprintf(x->created_at, sizeof x->created_at, "2025-06-20T01:00:00Z");
    snprintf(x->created_by, sizeof x->created_by, "chu.tich");
}

static int insert_decision(struct db *db, const struct store_decision *x,
                           int64_t *id)
{
    int rc;

    assert_int_equal(db_begin(db, 1), DB_OK);
    rc = store_decision_insert(db, x, id);
    if (rc == DB_OK)
        assert_int_equal(db_commit(db), DB_OK);
    else
        assert_int_equal(db_rollback(db), DB_OK);
    return rc;
}

/* A decision number is unique per signing unit and year; one decision per
 * dossier; the year is the signing date's; effective_from is a first day
 * of a month (RULES.md §2.6: payment is by month). */
static void test_decisions(void **state)
{
    struct fx *f = *state;
    struct store_dossier d;
    struct store_decision x, got;
    struct store_decision_filter q;
    struct store_decision_list l;
    int64_t d1, d2, d3, d4, xid = 0, xid2 = 0;

    dossier_init(&d, f->an, "13285", "2025-06-02");
    d1 = insert(f->db, &d);
    d2 = insert(f->db, &d);
    d3 = insert(f->db, &d);
    d4 = insert(f->db, &d);
    decision_init(&x, d1, f->an, f->chairman, "15/QĐ-UBND", "2025-06-20");
    assert_int_equal(insert_decision(f->db, &x, &xid), DB_OK);
    assert_int_equal(store_decision_get(f->db, xid, 0, &got), DB_OK);
    assert_string_equal(got.number, "15/QĐ-UBND");
    assert_string_equal(got.effective_from, "2025-06-01");
    assert_string_equal(got.person_name, "Nguyễn Thị An");
    assert_string_equal(got.reason, "");
    assert_int_equal(got.year, 2025);
    assert_int_equal(store_decision_get(f->db, d1, 1, &got), DB_OK);
    assert_int_equal(got.id, xid);
    assert_int_equal(store_decision_get(f->db, d2, 1, &got), DB_ENOTFOUND);

    /* same number, unit and year */
    decision_init(&x, d2, f->an, f->chairman, "15/QĐ-UBND", "2025-06-21");
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_ECONFLICT);
    /* a second decision for d1 */
    decision_init(&x, d1, f->an, f->chairman, "16/QĐ-UBND", "2025-06-21");
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_ECONFLICT);
    /* the same number in another unit is fine */
    decision_init(&x, d2, f->an, f->chairman, "15/QĐ-UBND", "2025-06-21");
    snprintf(x.signing_unit, sizeof x.signing_unit, "13285");
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_OK);
    /* the year must be the signing date's */
    decision_init(&x, d3, f->an, f->chairman, "1/QĐ-UBND", "2025-06-21");
    x.year = 2024;
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_ECHECK);
    /* effective from a first day only */
    decision_init(&x, d3, f->an, f->chairman, "1/QĐ-UBND", "2025-06-21");
    snprintf(x.effective_from, sizeof x.effective_from, "2025-06-21");
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_ECHECK);
    decision_init(&x, d3, f->an, f->chairman, "1/QĐ-UBND", "2025-06-31");
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_ECHECK);
    decision_init(&x, d4, f->an, f->chairman, "1/QĐ-UBND", "2025-06-22");
    snprintf(x.signer_role, sizeof x.signer_role, "commune_officer");
    assert_int_equal(insert_decision(f->db, &x, &xid2), DB_ECHECK);

    /* Listed in the area of the commune on the signing date. */
    memset(&q, 0, sizeof q);
    q.limit = 10;
    q.scope.level = 2;
    snprintf(q.scope.code, sizeof q.scope.code, "347");
    assert_int_equal(store_decision_list(f->db, &q, &l), DB_OK);
    assert_int_equal(l.total, 2);
    assert_string_equal(l.items[0].signed_on, "2025-06-21");
    store_decision_list_free(&l);
    q.scope.level = 2;
    snprintf(q.scope.code, sizeof q.scope.code, "349");
    assert_int_equal(store_decision_list(f->db, &q, &l), DB_OK);
    assert_int_equal(l.total, 0);
    store_decision_list_free(&l);
    q.scope.level = 0;
    q.from = "2025-06-21";
    q.kind = "grant";
    assert_int_equal(store_decision_list(f->db, &q, &l), DB_OK);
    assert_int_equal(l.total, 1);
    store_decision_list_free(&l);
}

static void test_person(void **state)
{
    struct fx *f = *state;
    struct store_dos_person p;

    assert_int_equal(store_dos_person_get(f->db, f->binh, "2025-01-01", &p),
                     DB_OK);
    assert_string_equal(p.full_name, "Bùi Thị Bình");
    assert_string_equal(p.unit_code, "13291");
    assert_string_equal(p.sex, "F");
    assert_int_equal(store_dos_person_get(f->db, f->binh, "2024-10-31", &p),
                     DB_OK);
    assert_string_equal(p.unit_code, "");
    assert_int_equal(store_dos_person_get(f->db, 987654, "2025-01-01", &p),
                     DB_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_insert_get_update, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_checks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_steps_and_events, setup, teardown),
        cmocka_unit_test_setup_teardown(test_inbox_scope_by_date, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_posting, setup, teardown),
        cmocka_unit_test_setup_teardown(test_complaints, setup, teardown),
        cmocka_unit_test_setup_teardown(test_decisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_person, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
