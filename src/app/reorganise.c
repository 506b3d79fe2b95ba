/* reorganise.c: carrying the caseload across a reorganisation of
 * administrative units (see reorganise.h; docs/reorganise.md). The
 * millions of residences move in set-based statements (store_reorganise.h);
 * the few dossiers and accounts one by one, each with its audit record. */
#include "app/reorganise.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/dossiers.h"
#include "app/scope.h"
#include "core/procedure.h"
#include "core/tasks.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_dossiers.h"
#include "store/store_reorganise.h"
#include "store/store_tasks.h"
#include "store/store_units.h"
#include "store/store_users.h"
#include "util/clock.h"

/* Rolls a dry run back (never returned to the caller). */
#define DRY_RUN_DONE (-699)

/* Where an open dossier of a three-tier procedure continues in the
 * two-tier procedure of its kind (RULES.md §6.2 -> §6.5): the commune's
 * own steps stay, the district's appraisal falls away and the commune
 * chairman decides. "posting|decision": the posting if the data has one
 * (flag posting_2025), else the decision. Any other step: the first step
 * of the two-tier procedure. docs/reorganise.md has the table. */
static const struct {
    const char *procedure, *step, *to;
} carry[] = {
    {"monthly_2021", "review", "review"},
    {"monthly_2021", "posting", "posting|decision"},
    {"monthly_2021", "forward", "decision"},
    {"monthly_2021", "appraisal", "decision"},
    {"monthly_2021", "decision", "decision"},
    {"stop_2021", "proposal", "proposal"},
    {"stop_2021", "appraisal", "decision"},
    {"stop_2021", "decision", "decision"},
    {"transfer_2021", "confirm", "review"},
    {"transfer_2021", "appraisal", "decision"},
    {"transfer_2021", "decision", "decision"},
    {"funeral_2021", "forward", "review"},
    {"funeral_2021", "appraisal", "decision"},
    {"funeral_2021", "decision", "decision"},
};

struct reorg_tx {
    const char *actor;
    const char *e;
    char before[11];
    int dry_run;
    const struct procedure_set *set;
    const struct workdays_calendar *cal;
    struct app_reorg_summary *out;
    struct app_reorg_err *err;
};

static int fail(struct app_reorg_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(struct app_reorg_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
{
    va_list ap;

    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return rc;
}

static int store_fail(struct db *db, struct app_reorg_err *err, int rc)
{
    if (rc < -100)
        return rc;
    return fail(err, rc, "storage", NULL, "Lỗi cơ sở dữ liệu: %s",
                db_errmsg(db));
}

/* One audit record of actor: action on entity/id, area path of `code` on
 * `date` (or none), old and new values (either may be NULL). */
static int audit(struct db *db, const char *actor, const char *action,
                 const char *entity, const char *id, const char *code,
                 const char *date, json_t *oldv, json_t *newv)
{
    char path[APP_SCOPE_PATH_SIZE] = "";
    char *o = oldv ? json_dumps(oldv, JSON_COMPACT) : NULL;
    char *n = newv ? json_dumps(newv, JSON_COMPACT) : NULL;
    struct store_audit_rec rec = {actor, action, entity, id, path, "{}", o, n};
    int rc;

    if (code != NULL && code[0] != '\0' &&
        app_scope_path(db, code, date, path) != DB_OK)
        path[0] = '\0';
    rc = store_audit_append(db, &rec, NULL);
    free(o);
    free(n);
    return rc;
}

/* --- Dossiers --------------------------------------------------------------
 */

/* The step of p2 where a dossier at `step` of p continues. */
static const struct procedure_step *carried_step(const struct procedure *p,
                                                 const char *step,
                                                 const struct procedure *p2)
{
    size_t i;

    for (i = 0; i < sizeof carry / sizeof carry[0]; i++) {
        const char *s, *bar;

        if (strcmp(carry[i].procedure, p->id) != 0 ||
            strcmp(carry[i].step, step) != 0)
            continue;
        for (s = carry[i].to; *s; s = bar ? bar + 1 : s + strlen(s)) {
            char code[STORE_DOS_CODE_SIZE];
            const struct procedure_step *st;

            bar = strchr(s, '|');
            snprintf(code, sizeof code, "%.*s",
                     (int)(bar ? (size_t)(bar - s) : strlen(s)), s);
            st = procedure_step(p2, code);
            if (st != NULL)
                return st;
        }
    }
    return &p2->steps[0];
}

/* Carry open dossier id into the two-tier procedure of its kind, if it
 * follows a three-tier one. */
static int carry_dossier(struct db *db, struct reorg_tx *t, int64_t id)
{
    const struct procedure *p, *p2;
    const struct procedure_step *st;
    struct store_dossier d;
    struct store_dossier_step end;
    struct store_dossier_event ev;
    struct date e, sub, dl;
    char idt[24], start[11];
    json_t *oldv, *newv;
    int64_t version;
    int rc;

    rc = store_dossier_get(db, id, &d);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    p = procedure_find(t->set, d.procedure);
    if (p == NULL || p->structure != PROCEDURE_THREE_TIER)
        return APP_REORG_OK;
    date_parse_iso(t->e, 10, &e);
    p2 = procedure_choose(t->set, procedure_kind_parse(d.kind), e);
    if (p2 == NULL || p2->structure != PROCEDURE_TWO_TIER)
        return fail(t->err, APP_REORG_EINTERNAL, "no_procedure", NULL,
                    "Không có thủ tục hai cấp cho hồ sơ loại %s từ %s.", d.kind,
                    t->e);
    st = carried_step(p, d.step, p2);
    oldv = json_pack("{s:s, s:s, s:I, s:o}", "procedure", d.procedure, "step",
                     d.step, "step_seq", (json_int_t)d.step_seq, "deadline",
                     d.deadline[0] ? json_string(d.deadline) : json_null());
    /* The visit of the old step ends on the day before: handed over. */
    memset(&end, 0, sizeof end);
    end.seq = d.step_seq;
    memcpy(end.deadline, d.deadline, sizeof end.deadline);
    snprintf(end.ended_on, sizeof end.ended_on, "%s",
             strcmp(t->before, d.step_started_on) >= 0 ? t->before
                                                       : d.step_started_on);
    snprintf(end.ended_action, sizeof end.ended_action, "reorganise");
    snprintf(end.ended_by, sizeof end.ended_by, "%s", t->actor);
    snprintf(end.ended_role, sizeof end.ended_role, "system");
    end.stopped_wd = d.step_stopped_wd;
    end.late = d.deadline[0] != '\0' && strcmp(d.deadline, t->before) < 0;
    rc = store_dossier_step_close(db, d.id, &end);
    /* The act, at the old step. */
    memset(&ev, 0, sizeof ev);
    ev.dossier_id = d.id;
    ev.step_seq = d.step_seq;
    memcpy(ev.step, d.step, sizeof ev.step);
    snprintf(ev.action, sizeof ev.action, "reorganise");
    memcpy(ev.acted_on, end.ended_on, sizeof ev.acted_on);
    snprintf(ev.actor, sizeof ev.actor, "%s", t->actor);
    snprintf(ev.actor_role, sizeof ev.actor_role, "system");
    memcpy(ev.deadline, d.deadline, sizeof ev.deadline);
    ev.late = end.late;
    snprintf(ev.note, sizeof ev.note,
             "Chuyển sang thủ tục %s, bước \"%s\" từ %s (sắp xếp đơn vị hành "
             "chính; Công văn 3676/BYT-BTXH)",
             p2->id, st->name, t->e);
    clock_now_utc(ev.recorded_at);
    if (rc == DB_OK)
        rc = store_dossier_event_add(db, &ev);
    /* The new step, its clock from E (a dossier-wide clock still counts
     * from the submission, as the two-tier procedure says). */
    snprintf(d.step, sizeof d.step, "%s", st->code);
    d.step_seq++;
    /* A step already begun on or after E (an act entered late) keeps
     * its day. */
    snprintf(start, sizeof start, "%s",
             strcmp(d.step_started_on, t->e) > 0 ? d.step_started_on : t->e);
    date_parse_iso(start, 10, &e);
    memcpy(d.step_started_on, start, 11);
    d.step_stopped_wd = 0;
    if (d.clock_stopped_on[0] != '\0')
        memcpy(d.clock_stopped_on, start, 11);
    d.deadline[0] = '\0';
    date_parse_iso(d.submitted_on, 10, &sub);
    if (procedure_deadline(
            t->cal, st, e, sub,
            st->clock == PROCEDURE_CLOCK_DOSSIER ? (int)d.total_stopped_wd : 0,
            &dl) == PROCEDURE_OK)
        date_format_iso(dl, d.deadline);
    if (rc == DB_OK)
        rc =
            store_dossier_step_open(db, d.id, d.step_seq, d.step, st->is_public,
                                    d.step_started_on, d.deadline);
    if (rc == DB_OK)
        rc = store_dossier_update(db, &d, d.version, &version);
    if (rc == DB_OK)
        rc = store_reorg_dossier_procedure(db, d.id, p2->id);
    newv = json_pack("{s:s, s:s, s:I, s:o, s:s}", "procedure", p2->id, "step",
                     d.step, "step_seq", (json_int_t)d.step_seq, "deadline",
                     d.deadline[0] ? json_string(d.deadline) : json_null(),
                     "unit_code", d.unit_code);
    snprintf(idt, sizeof idt, "%lld", (long long)d.id);
    if (rc == DB_OK)
        rc = audit(db, t->actor, "dossier.reorganise", "dossier", idt,
                   d.unit_code, t->e, oldv, newv);
    json_decref(oldv);
    json_decref(newv);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    t->out->dossiers_carried++;
    return APP_REORG_OK;
}

static int carry_dossiers(struct db *db, struct reorg_tx *t)
{
    int64_t *ids = NULL;
    size_t n = 0, i;
    int rc = store_reorg_open_dossiers(db, &ids, &n);

    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    for (i = 0; rc == APP_REORG_OK && i < n; i++)
        rc = carry_dossier(db, t, ids[i]);
    free(ids);
    return rc;
}

/* --- Accounts --------------------------------------------------------------
 */

/* The province of the new communes old commune `code` went to at E, or,
 * for a commune without a link, the successor of its old province, into
 * out ("" when unknown). */
static int province_of_commune(struct db *db, const struct reorg_tx *t,
                               const char *code, char out[8])
{
    struct store_units_links ll;
    struct units_version v;
    size_t i;
    int rc;

    out[0] = '\0';
    rc = store_units_successors(db, code, &ll);
    for (i = 0; rc == DB_OK && out[0] == '\0' && i < ll.count; i++) {
        if (strcmp(ll.items[i].effective, t->e) != 0)
            continue;
        rc = store_units_get(db, ll.items[i].new_code, t->e, &v, NULL);
        if (rc == DB_OK)
            snprintf(out, 8, "%s", v.province_code);
        else if (rc == DB_ENOTFOUND)
            rc = DB_OK;
    }
    store_units_links_free(&ll);
    if (rc != DB_OK || out[0] != '\0')
        return rc;
    rc = store_units_get(db, code, t->before, &v, NULL);
    if (rc == DB_ENOTFOUND)
        return DB_OK;
    if (rc == DB_OK)
        rc = store_reorg_successor_province(db, t->e, v.province_code, out);
    return rc;
}

/* An account of a split commune (or one without a known successor): an
 * administrator decides its new area. */
static int user_task(struct db *db, struct reorg_tx *t,
                     const struct store_user *u)
{
    struct store_task task;
    int64_t tid = 0;
    int rc;

    memset(&task, 0, sizeof task);
    rc = province_of_commune(db, t, u->area_code, task.unit_code);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    if (task.unit_code[0] == '\0')
        return APP_REORG_OK; /* nowhere to put it: left as it is */
    snprintf(task.task_key, sizeof task.task_key, "assign_user:%lld:%s",
             (long long)u->id, t->e);
    snprintf(task.kind, sizeof task.kind, "%s",
             tasks_kind_code(TASKS_ASSIGN_USER));
    task.user_id = u->id;
    snprintf(task.decision, sizeof task.decision, "%s",
             tasks_decision_code(TASKS_DEC_ASSIGN));
    snprintf(task.from_unit, sizeof task.from_unit, "%s", u->area_code);
    memcpy(task.event_on, t->e, 11);
    memcpy(task.due_on, t->e, 11);
    clock_now_utc(task.created_at);
    snprintf(task.created_by, sizeof task.created_by, "%s", t->actor);
    rc = store_task_insert(db, &task, &tid);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    t->out->user_tasks += tid > 0;
    return APP_REORG_OK;
}

/* Where account u goes at E: *area and *role (unchanged when it stays);
 * *split 1 when an administrator must decide. */
static int destination(struct db *db, const struct reorg_tx *t,
                       const struct store_user *u, char area[8], char role[32],
                       int *split)
{
    struct store_units_links ll;
    struct units_version v;
    size_t n = strlen(u->area_code), i, links = 0, full = 0;
    int rc;

    *split = 0;
    memcpy(area, u->area_code, 8);
    memcpy(role, u->role, 32);
    rc = store_units_get(db, u->area_code, t->e, &v, NULL);
    if (rc != DB_OK && rc != DB_ENOTFOUND)
        return rc;
    if (n == 3 && rc == DB_ENOTFOUND) {
        /* A district abolished: its officers and chairmen keep reading
         * its history and write nothing. */
        if (strcmp(u->role, "district_officer") == 0 ||
            strcmp(u->role, "district_chairman") == 0)
            snprintf(role, 32, "auditor");
        return DB_OK;
    }
    if (n == 2 && rc == DB_ENOTFOUND) {
        rc = store_reorg_successor_province(db, t->e, u->area_code, area);
        if (rc == DB_OK && area[0] == '\0')
            memcpy(area, u->area_code, 8);
        return rc;
    }
    if (n != 5)
        return DB_OK;
    rc = store_units_successors(db, u->area_code, &ll);
    for (i = 0; rc == DB_OK && i < ll.count; i++) {
        if (strcmp(ll.items[i].effective, t->e) != 0)
            continue;
        links++;
        if (!ll.items[i].partial) {
            full++;
            snprintf(area, 8, "%s", ll.items[i].new_code);
        }
    }
    store_units_links_free(&ll);
    if (rc != DB_OK)
        return rc;
    if (links == 1 && full == 1)
        return DB_OK;
    memcpy(area, u->area_code, 8);
    /* Split, or gone without a link; a code that goes on unchanged (no
     * link, a version on E) is left alone. */
    *split = links > 1 || full != links ||
             (links == 0 && store_units_get(db, u->area_code, t->e, &v, NULL) ==
                                DB_ENOTFOUND);
    return DB_OK;
}

static int rebind(struct db *db, struct reorg_tx *t, struct store_user *u)
{
    char area[8], role[32], now[21], idt[24], old_area[8];
    json_t *oldv, *newv;
    int split, rc;

    rc = destination(db, t, u, area, role, &split);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    if (split)
        return user_task(db, t, u);
    if (strcmp(area, u->area_code) == 0 && strcmp(role, u->role) == 0)
        return APP_REORG_OK;
    oldv = json_pack("{s:s, s:s}", "role", u->role, "area_code", u->area_code);
    newv = json_pack("{s:s, s:s, s:s}", "role", role, "area_code", area,
                     "reason", "units.reorganise");
    memcpy(old_area, u->area_code, sizeof old_area);
    memcpy(u->area_code, area, sizeof u->area_code);
    memcpy(u->role, role, sizeof u->role);
    clock_now_utc(now);
    rc = store_users_update(db, u, NULL, now);
    snprintf(idt, sizeof idt, "%lld", (long long)u->id);
    if (rc == DB_OK)
        rc = audit(db, t->actor, "user.update", "user", idt, old_area,
                   t->before, oldv, newv);
    json_decref(oldv);
    json_decref(newv);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    t->out->users_changed++;
    return APP_REORG_OK;
}

static int rebind_users(struct db *db, struct reorg_tx *t)
{
    struct store_users_filter f;
    struct store_user *items = NULL;
    size_t count = 0, i;
    int64_t total = 0, offset = 0;
    int rc = APP_REORG_OK;

    memset(&f, 0, sizeof f);
    f.active = -1;
    do {
        rc = store_users_list(db, &f, offset, 1000, &items, &count, &total);
        if (rc != DB_OK)
            return store_fail(db, t->err, rc);
        for (i = 0; rc == APP_REORG_OK && i < count; i++)
            if (items[i].area_code[0] != '\0')
                rc = rebind(db, t, &items[i]);
        free(items);
        items = NULL;
        offset += (int64_t)count;
    } while (rc == APP_REORG_OK && count > 0 && offset < total);
    return rc;
}

/* --- The operation ---------------------------------------------------------
 */

static int orphans(struct db *db, struct reorg_tx *t, const char *now)
{
    struct store_reorg_orphans o;
    char from[100][3], to[100][8]; /* successor provinces found so far */
    size_t i, k, known = 0;
    int rc = store_reorg_orphans(db, t->e, &o);

    for (i = 0; rc == DB_OK && i < o.count; i++) {
        char province[8] = "";
        int64_t tasks = 0, closed = 0;

        for (k = 0; k < known; k++)
            if (strcmp(from[k], o.province[i]) == 0)
                memcpy(province, to[k], sizeof province);
        if (k == known && province[0] == '\0') {
            rc = store_reorg_successor_province(db, t->e, o.province[i],
                                                province);
            if (rc == DB_OK && known < 100 && strlen(o.province[i]) == 2) {
                memcpy(from[known], o.province[i], 3);
                memcpy(to[known++], province, sizeof province);
            }
        }
        if (rc != DB_OK || province[0] == '\0')
            continue; /* no successor province known: left as it is */
        rc = store_reorg_orphan_residences(db, t->e, o.code[i], province, now,
                                           t->actor, &tasks, &closed);
        t->out->assignment_tasks += tasks;
        t->out->residences_closed += closed;
    }
    store_reorg_orphans_free(&o);
    return rc;
}

static int reorg_fn(struct db *db, void *arg)
{
    struct reorg_tx *t = arg;
    struct app_reorg_summary *s = t->out;
    char now[21];
    json_t *summary;
    int rc;

    clock_now_utc(now);
    rc = store_reorg_claim(db, t->e, now, t->actor, &s->first_run);
    if (rc == DB_OK)
        rc = store_reorg_move_tasks(db, t->e, &s->tasks_moved);
    if (rc == DB_OK)
        rc = store_reorg_move_residences(db, t->e, &s->residences_moved);
    if (rc == DB_OK)
        rc = store_reorg_split_residences(db, t->e, now, t->actor,
                                          &s->assignment_tasks,
                                          &s->residences_closed);
    if (rc == DB_OK)
        rc = orphans(db, t, now);
    if (rc == DB_OK)
        rc = store_reorg_move_households(db, t->e, &s->households_moved);
    if (rc == DB_OK)
        rc = store_reorg_move_dossiers(db, t->e, &s->dossiers_moved);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    rc = carry_dossiers(db, t);
    if (rc == APP_REORG_OK && s->first_run)
        rc = rebind_users(db, t);
    if (rc != APP_REORG_OK)
        return rc;
    summary = json_pack(
        "{s:s, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
        "effective", t->e, "first_run", s->first_run, "links",
        (json_int_t)s->links, "residences_moved",
        (json_int_t)s->residences_moved, "residences_closed",
        (json_int_t)s->residences_closed, "assignment_tasks",
        (json_int_t)s->assignment_tasks, "households_moved",
        (json_int_t)s->households_moved, "dossiers_moved",
        (json_int_t)s->dossiers_moved, "dossiers_carried",
        (json_int_t)s->dossiers_carried, "tasks_moved",
        (json_int_t)s->tasks_moved, "users_changed",
        (json_int_t)s->users_changed, "user_tasks", (json_int_t)s->user_tasks);
    rc = audit(db, t->actor, "units.reorganise", "reorganisation", t->e, NULL,
               NULL, NULL, summary);
    json_decref(summary);
    if (rc != DB_OK)
        return store_fail(db, t->err, rc);
    return t->dry_run ? DRY_RUN_DONE : APP_REORG_OK;
}

int app_reorganise(struct db *db, const struct app_scope *scope,
                   const char *actor, const char *effective, int dry_run,
                   struct app_reorg_summary *out, struct app_reorg_err *err)
{
    struct reorg_tx t;
    struct date e, today = clock_today_vn();
    int rc;

    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    memset(&t, 0, sizeof t);
    if (scope != NULL && scope->level != APP_SCOPE_NATIONAL)
        return fail(err, APP_REORG_ESCOPE, "forbidden_scope", NULL,
                    "Sắp xếp đơn vị hành chính thay đổi dữ liệu cả nước: chỉ "
                    "tài khoản quản trị toàn quốc (không gắn địa bàn) mới "
                    "thực hiện được.");
    if (effective == NULL ||
        date_parse_iso(effective, strlen(effective), &e) != DATE_OK)
        return fail(err, APP_REORG_EINVAL, "invalid_date", "to",
                    "Ngày hiệu lực phải có thật, dạng YYYY-MM-DD (ví dụ "
                    "2025-07-01).");
    date_format_iso(e, out->effective);
    out->dry_run = dry_run != 0;
    t.set = app_procedures();
    t.cal = app_calendar();
    if (t.set == NULL || t.cal == NULL)
        return fail(err, APP_REORG_EINTERNAL, "internal", NULL,
                    "Không nạp được dữ liệu thủ tục hoặc lịch ngày làm việc.");
    rc = store_reorg_links(db, out->effective, &out->links);
    if (rc != DB_OK)
        return store_fail(db, err, rc);
    if (out->links == 0)
        return fail(err, APP_REORG_EINVAL, "no_reform", "to",
                    "Không có sắp xếp đơn vị hành chính nào có hiệu lực ngày "
                    "%s (danh sách kế thừa: ansinh units --successors).",
                    out->effective);
    if (!dry_run && date_cmp(today, e) < 0)
        return fail(err, APP_REORG_ENOTYET, "not_in_force", "to",
                    "Sắp xếp đơn vị hành chính ngày %s chưa có hiệu lực: chỉ "
                    "chạy thử (--dry-run) được.",
                    out->effective);
    t.actor = actor;
    t.e = out->effective;
    date_format_iso(date_add_days(e, -1), t.before);
    t.dry_run = dry_run != 0;
    t.out = out;
    t.err = err;
    rc = db_transact(db, reorg_fn, &t);
    if (rc == DRY_RUN_DONE)
        rc = APP_REORG_OK;
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        return store_fail(db, err, rc);
    return rc;
}
