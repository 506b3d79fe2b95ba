/* dossier_act.c: actions at a dossier's step, complaints, and the clock
 * of deadlines (see dossiers.h; docs/dossiers.md).
 *
 * The clock of a step stops while documents are awaited (yêu cầu bổ
 * sung) or a complaint is open (an open complaint also holds the dossier
 * at its step: nothing moves it but a withdrawal). It starts again when
 * nothing holds it; the working days it stood still (docs/calendar.md:
 * the day it stopped excluded, the day it restarts included) extend the
 * deadline, but only when the stop began on or before the deadline: a
 * step already late cannot be made on time by pausing it. Steps whose
 * deadline runs from the submission (the 2025 procedure's 10 working
 * days, RULES.md §6.5) count the stops of the whole dossier.
 */
#include "app/dossiers.h"

#include <stdio.h>
#include <string.h>

#include "app/auth.h"
#include "app/dossiers_int.h"
#include "core/workdays.h"
#include "store/db.h"
#include "store/store_dossiers.h"
#include "util/clock.h"

/* The deadline of d at its current step into d->deadline ("" when none
 * or closed). */
static int deadline_of(const struct dos_ctx *c, const struct procedure *p,
                       struct store_dossier *d)
{
    const struct procedure_step *st = dos_step_of(p, d);
    struct date started, sub, dl;
    int rc;

    d->deadline[0] = '\0';
    if (st == NULL)
        return APP_DOS_OK;
    date_parse_iso(d->step_started_on, 10, &started);
    date_parse_iso(d->submitted_on, 10, &sub);
    rc = procedure_deadline(c->cal, st, started, sub,
                            (int)(st->clock == PROCEDURE_CLOCK_DOSSIER
                                      ? d->total_stopped_wd
                                      : d->step_stopped_wd),
                            &dl);
    if (rc == 1)
        return APP_DOS_OK;
    if (rc != PROCEDURE_OK)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", "date",
                        "Thời hạn nằm ngoài lịch ngày làm việc.");
    date_format_iso(dl, d->deadline);
    return APP_DOS_OK;
}

/* Start the clock again on day `on` if nothing holds it any more. */
static int clock_restart(const struct dos_ctx *c, const struct procedure *p,
                         struct store_dossier *d, const char *on)
{
    struct date from, to;
    int n = 0;

    if (d->waiting_documents || d->open_complaints > 0 ||
        d->clock_stopped_on[0] == '\0')
        return APP_DOS_OK;
    date_parse_iso(d->clock_stopped_on, 10, &from);
    date_parse_iso(on, 10, &to);
    if (workdays_between(c->cal, from, to, &n) != WORKDAYS_OK || n < 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", "date",
                        "Ngày nằm ngoài lịch ngày làm việc.");
    if (d->deadline[0] != '\0' &&
        strcmp(d->clock_stopped_on, d->deadline) <= 0) {
        d->step_stopped_wd += n;
        d->total_stopped_wd += n;
    }
    d->clock_stopped_on[0] = '\0';
    return deadline_of(c, p, d);
}

/* Was the step late on day `on`? A stopped clock counts the day it
 * stopped. Period steps (postings) are never late. */
int dos_late_on(const struct procedure *p, const struct store_dossier *d,
                const char *on)
{
    const struct procedure_step *st = dos_step_of(p, d);
    const char *when = d->clock_stopped_on[0] ? d->clock_stopped_on : on;

    if (st == NULL || st->clock == PROCEDURE_CLOCK_PERIOD ||
        d->deadline[0] == '\0')
        return 0;
    return strcmp(when, d->deadline) > 0;
}

void dos_event_init(struct store_dossier_event *e, const struct dos_ctx *c,
                    const struct store_dossier *d, const char *step,
                    const char *action, const char *on, int late,
                    const char *note)
{
    memset(e, 0, sizeof *e);
    e->dossier_id = d->id;
    e->step_seq = d->step_seq;
    snprintf(e->step, sizeof e->step, "%s", step);
    snprintf(e->action, sizeof e->action, "%s", action);
    snprintf(e->acted_on, sizeof e->acted_on, "%s", on);
    snprintf(e->actor, sizeof e->actor, "%s", c->user->username);
    snprintf(e->actor_role, sizeof e->actor_role, "%s", c->user->role);
    snprintf(e->deadline, sizeof e->deadline, "%s", d->deadline);
    e->late = late;
    snprintf(e->note, sizeof e->note, "%s", note ? note : "");
    clock_now_utc(e->recorded_at);
}

/* Close the visit of d's current step on `on` by `action`. */
int dos_close_visit(struct db *db, const struct dos_ctx *c,
                    const struct store_dossier *d, const char *action,
                    const char *on, int late)
{
    struct store_dossier_step end;

    memset(&end, 0, sizeof end);
    end.seq = d->step_seq;
    snprintf(end.deadline, sizeof end.deadline, "%s", d->deadline);
    snprintf(end.ended_on, sizeof end.ended_on, "%s", on);
    snprintf(end.ended_action, sizeof end.ended_action, "%s", action);
    snprintf(end.ended_by, sizeof end.ended_by, "%s", c->user->username);
    snprintf(end.ended_role, sizeof end.ended_role, "%s", c->user->role);
    end.stopped_wd = d->step_stopped_wd;
    end.late = late;
    return store_dossier_step_close(db, d->id, &end);
}

/* Load, check the version, find the procedure and where the dossier is
 * (its step, or its terminal state). */
int dos_load_for_change(struct db *db, const struct dos_ctx *c, int64_t id,
                        int64_t version, struct store_dossier *d,
                        const struct procedure **p, const char **at)
{
    int rc = dos_load(db, c, id, d);

    if (rc != APP_DOS_OK)
        return rc;
    if (version != d->version)
        return dos_fail(c->err, APP_DOS_ECONFLICT, "version_conflict",
                        "version",
                        "Hồ sơ đã được cập nhật (phiên bản hiện tại %lld); "
                        "hãy tải lại rồi làm tiếp.",
                        (long long)d->version);
    *p = procedure_find(c->set, d->procedure);
    if (*p == NULL)
        return dos_fail(c->err, APP_DOS_EINTERNAL, "internal", NULL,
                        "Không còn dữ liệu của thủ tục %s.", d->procedure);
    *at = strcmp(d->state, "open") == 0 ? d->step : d->state;
    return APP_DOS_OK;
}

/* procedure_check with the answer mapped to this module's codes. */
int dos_may(const struct dos_ctx *c, const struct procedure *p, const char *at,
            const char *action, const struct procedure_action **a)
{
    char msg[300];
    int rc = procedure_check(p, at, action, c->user->role, a, msg, sizeof msg);

    if (rc == PROCEDURE_EROLE)
        return dos_fail(c->err, APP_DOS_EFORBIDDEN, "forbidden_action",
                        "action", "%s", msg);
    if (rc != PROCEDURE_OK)
        return dos_fail(c->err, APP_DOS_ESTATE, "invalid_action", "action",
                        "%s", msg);
    return APP_DOS_OK;
}

/* The earliest day an act at the current step may carry. */
struct date dos_not_before(const struct store_dossier *d)
{
    struct date nb;

    date_parse_iso(d->step_started_on, 10, &nb);
    if (d->clock_stopped_on[0] != '\0') {
        struct date st;

        date_parse_iso(d->clock_stopped_on, 10, &st);
        if (date_cmp(st, nb) > 0)
            nb = st;
    }
    return nb;
}

int dos_finish_change(struct db *db, const struct dos_ctx *c,
                      struct store_dossier *d, int64_t version,
                      const char *action, const char *entity, int64_t entity_id,
                      const char *on, json_t *oldv, json_t *newv)
{
    int rc = store_dossier_update(db, d, version, &d->version);

    if (rc == DB_ECONFLICT)
        return dos_fail(c->err, APP_DOS_ECONFLICT, "version_conflict",
                        "version",
                        "Hồ sơ vừa được người khác cập nhật; hãy tải lại.");
    if (rc == DB_OK)
        rc = dos_audit(db, c->user->username, action, entity, entity_id, d->id,
                       d->unit_code, on, oldv, newv);
    return rc == DB_OK ? APP_DOS_OK : dos_store_fail(db, c->err, rc);
}

/* --- Actions -----------------------------------------------------------------
 */

struct act_tx {
    struct dos_ctx *c;
    int64_t id;
    const struct app_dossier_act *in;
};

/* Why an action cannot happen now, or APP_DOS_OK. */
static int act_allowed(struct db *db, const struct dos_ctx *c,
                       const struct store_dossier *d,
                       const struct procedure_action *a, const char *on,
                       const char *note)
{
    int moves = a->effect == PROCEDURE_EFFECT_MOVE ||
                a->effect == PROCEDURE_EFFECT_REFUSE;
    char dl[11];
    int rc;

    if (a->effect == PROCEDURE_EFFECT_DECIDE)
        return dos_fail(c->err, APP_DOS_ESTATE, "use_decisions", "action",
                        "Quyết định được ký qua POST /api/v1/decisions.");
    if (a->effect == PROCEDURE_EFFECT_COMPLAINT ||
        a->effect == PROCEDURE_EFFECT_COMPLAINT_RESOLVE)
        return dos_fail(c->err, APP_DOS_ESTATE, "use_complaints", "action",
                        "Khiếu nại được ghi nhận và trả lời qua "
                        "/api/v1/dossiers/{id}/complaints.");
    if (moves && d->open_complaints > 0)
        return dos_fail(c->err, APP_DOS_ESTATE, "held_by_complaint", "action",
                        "Hồ sơ đang có khiếu nại chưa được trả lời: chưa "
                        "thể chuyển bước (RULES.md §6.2 bước 3a).");
    if ((moves || a->effect == PROCEDURE_EFFECT_PAUSE) && d->waiting_documents)
        return dos_fail(c->err, APP_DOS_ESTATE, "waiting_documents", "action",
                        "Hồ sơ đang chờ bổ sung giấy tờ: ghi nhận "
                        "documents_received trước.");
    if (a->effect == PROCEDURE_EFFECT_RESUME && !d->waiting_documents)
        return dos_fail(c->err, APP_DOS_ESTATE, "not_waiting", "action",
                        "Hồ sơ không ở trạng thái chờ bổ sung.");
    if (a->effect == PROCEDURE_EFFECT_REFUSE && (note == NULL || !note[0]))
        return dos_fail(c->err, APP_DOS_EINVAL, "missing_field", "note",
                        "Từ chối phải nêu rõ lý do bằng văn bản (ghi ở "
                        "note).");
    if (a->requires != NULL) {
        rc = store_dossier_event_exists(db, d->id, d->step_seq, a->requires);
        if (rc < 0)
            return dos_store_fail(db, c->err, rc);
        if (rc == 0) {
            const struct procedure_action *r = procedure_action(
                procedure_find(c->set, d->procedure), d->step, a->requires);
            return dos_fail(c->err, APP_DOS_ESTATE, "requires", "action",
                            "Cần thực hiện trước: %s.",
                            r ? r->name : a->requires);
        }
    }
    if (a->effect == PROCEDURE_EFFECT_MOVE) {
        const struct procedure_step *st =
            dos_step_of(procedure_find(c->set, d->procedure), d);
        struct date end;

        /* A posting lasts its whole period (Decree 20/2021 Art. 8(1)(b)). */
        if (st != NULL && st->clock == PROCEDURE_CLOCK_PERIOD &&
            d->deadline[0] != '\0' && strcmp(on, d->deadline) < 0) {
            date_parse_iso(d->deadline, 10, &end);
            date_format_vn(end, dl);
            return dos_fail(c->err, APP_DOS_ESTATE, "period_not_over", "date",
                            "Chưa hết thời gian niêm yết (đến hết ngày %s).",
                            dl);
        }
    }
    return APP_DOS_OK;
}

static int act_fn(struct db *db, void *arg)
{
    struct act_tx *t = arg;
    const struct dos_ctx *c = t->c;
    const struct app_dossier_act *in = t->in;
    const struct procedure *p;
    const struct procedure_action *a = NULL;
    struct store_dossier d;
    struct store_dossier_event e;
    const char *at;
    char note[STORE_DOS_TEXT_SIZE], on[11], action[64];
    struct date day, nb;
    int64_t version;
    json_t *oldv = NULL, *newv = NULL;
    int rc, late;

    rc = dos_load_for_change(db, c, t->id, in->version, &d, &p, &at);
    if (rc == APP_DOS_OK)
        rc = dos_may(c, p, at, in->action, &a);
    if (rc != APP_DOS_OK)
        return rc;
    nb = dos_not_before(&d);
    rc = dos_check_date(c, "date", "Ngày thực hiện", in->date, c->today, &nb,
                        "ngày bắt đầu bước hoặc ngày dừng tính thời hạn", &day);
    if (rc == APP_DOS_OK)
        rc = dos_check_text(c->err, "note", "Ghi chú", in->note, 0,
                            APP_DOS_NOTE_MAX, 1, note, sizeof note);
    if (rc != APP_DOS_OK)
        return rc;
    date_format_iso(day, on);
    rc = act_allowed(db, c, &d, a, on, note);
    if (rc != APP_DOS_OK)
        return rc;
    version = d.version;
    oldv = dos_state_json(&d);
    late = dos_late_on(p, &d, on);
    dos_event_init(&e, c, &d, at, a->code, on, late, note);
    rc = store_dossier_event_add(db, &e);
    switch (a->effect) {
    case PROCEDURE_EFFECT_PAUSE:
        d.waiting_documents = 1;
        if (d.clock_stopped_on[0] == '\0')
            memcpy(d.clock_stopped_on, on, 11);
        break;
    case PROCEDURE_EFFECT_RESUME:
        d.waiting_documents = 0;
        if (rc == DB_OK)
            rc = clock_restart(c, p, &d, on);
        break;
    case PROCEDURE_EFFECT_MOVE: {
        const struct procedure_step *next = procedure_step(p, a->next);

        if (rc == DB_OK)
            rc = dos_close_visit(db, c, &d, a->code, on, late);
        snprintf(d.step, sizeof d.step, "%s", next->code);
        d.step_seq++;
        memcpy(d.step_started_on, on, 11);
        d.step_stopped_wd = 0;
        if (rc == DB_OK)
            rc = deadline_of(c, p, &d);
        if (rc == DB_OK)
            rc = store_dossier_step_open(db, d.id, d.step_seq, d.step,
                                         next->is_public, d.step_started_on,
                                         d.deadline);
        break;
    }
    case PROCEDURE_EFFECT_WITHDRAW:
    case PROCEDURE_EFFECT_REFUSE:
        if (rc == DB_OK)
            rc = dos_close_visit(db, c, &d, a->code, on, late);
        snprintf(d.state, sizeof d.state, "%s",
                 a->effect == PROCEDURE_EFFECT_REFUSE ? "refused"
                                                      : "withdrawn");
        memcpy(d.closed_on, on, 11);
        d.deadline[0] = '\0';
        d.clock_stopped_on[0] = '\0';
        d.waiting_documents = 0;
        memcpy(d.outcome_text, note, sizeof d.outcome_text);
        break;
    default: /* an act recorded at the step */
        break;
    }
    if (rc == APP_DOS_OK) {
        newv = dos_state_json(&d);
        json_object_set_new(newv, "action", json_string(a->code));
        json_object_set_new(newv, "acted_on", json_string(on));
        json_object_set_new(newv, "late", json_boolean(late));
        snprintf(action, sizeof action, "dossier.%s", a->code);
        rc = dos_finish_change(db, c, &d, version, action, "dossier", d.id, on,
                               oldv, newv);
    } else if (rc < 0 && rc > -100) {
        rc = dos_store_fail(db, c->err, rc);
    }
    json_decref(oldv);
    json_decref(newv);
    return rc;
}

int dos_run(struct db *db, int (*fn)(struct db *, void *), void *arg,
            struct app_dos_err *err)
{
    int rc = db_transact(db, fn, arg);

    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        return dos_store_fail(db, err, rc);
    return rc;
}

int app_dossier_act(struct db *db, const struct app_user *user, int64_t id,
                    const struct app_dossier_act *in, struct app_dos_err *err)
{
    struct dos_ctx c;
    struct act_tx t;
    int rc = dos_ctx_init(&c, user, err);

    if (rc != APP_DOS_OK)
        return rc;
    if (in->action == NULL || in->action[0] == '\0')
        return dos_fail(err, APP_DOS_EINVAL, "missing_field", "action",
                        "Thiếu thao tác (action).");
    t.c = &c;
    t.id = id;
    t.in = in;
    return dos_run(db, act_fn, &t, err);
}

/* --- Complaints --------------------------------------------------------------
 */

struct complaint_tx {
    struct dos_ctx *c;
    int64_t dossier_id;
    int64_t cid;
    const struct app_complaint_new *add;
    const struct app_complaint_answer *answer;
};

static json_t *complaint_json(const struct store_complaint *k)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "id",
                     (json_int_t)k->id, "step", k->step, "complainant",
                     k->complainant, "content", k->content, "received_on",
                     k->received_on, "deadline", k->deadline, "resolved_on",
                     dos_str(k->resolved_on), "answer", dos_str(k->answer));
}

static int complaint_add_fn(struct db *db, void *arg)
{
    struct complaint_tx *t = arg;
    const struct dos_ctx *c = t->c;
    const struct app_complaint_new *in = t->add;
    const struct procedure *p;
    const struct procedure_action *a = NULL;
    struct store_dossier d;
    struct store_complaint k;
    struct store_dossier_event e;
    struct date day, nb, dl;
    const char *at;
    int64_t version;
    json_t *oldv, *newv;
    int rc;

    rc = dos_load_for_change(db, c, t->dossier_id, in->version, &d, &p, &at);
    if (rc == APP_DOS_OK)
        rc = dos_may(c, p, at, "complaint_received", &a);
    if (rc != APP_DOS_OK)
        return rc;
    memset(&k, 0, sizeof k);
    if (strcmp(d.state, "open") == 0)
        nb = dos_not_before(&d);
    else
        date_parse_iso(d.closed_on, 10, &nb);
    rc = dos_check_date(
        c, "received_on", "Ngày nhận khiếu nại", in->received_on, c->today, &nb,
        "ngày bắt đầu bước hiện tại hoặc ngày kết thúc hồ sơ", &day);
    if (rc == APP_DOS_OK)
        rc = dos_check_text(c->err, "complainant", "Người khiếu nại",
                            in->complainant, 1, APP_DOS_NAME_MAX, 0,
                            k.complainant, sizeof k.complainant);
    if (rc == APP_DOS_OK)
        rc =
            dos_check_text(c->err, "content", "Nội dung khiếu nại", in->content,
                           1, APP_DOS_NOTE_MAX, 1, k.content, sizeof k.content);
    if (rc != APP_DOS_OK)
        return rc;
    if (workdays_add(c->cal, day, a->days, &dl) != WORKDAYS_OK)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", "received_on",
                        "Thời hạn nằm ngoài lịch ngày làm việc.");
    k.dossier_id = d.id;
    snprintf(k.step, sizeof k.step, "%s", at);
    date_format_iso(day, k.received_on);
    date_format_iso(dl, k.deadline);
    snprintf(k.received_by, sizeof k.received_by, "%s", c->user->username);
    clock_now_utc(k.recorded_at);
    k.late = -1;
    version = d.version;
    oldv = dos_state_json(&d);
    rc = store_complaint_insert(db, &k, &k.id);
    if (rc != DB_OK) {
        json_decref(oldv);
        return dos_store_fail(db, c->err, rc);
    }
    t->cid = k.id;
    if (strcmp(d.state, "open") == 0 && d.clock_stopped_on[0] == '\0')
        memcpy(d.clock_stopped_on, k.received_on, 11);
    d.open_complaints++;
    dos_event_init(&e, c, &d, at, "complaint_received", k.received_on, 0,
                   k.complainant);
    rc = store_dossier_event_add(db, &e);
    if (rc != DB_OK) {
        json_decref(oldv);
        return dos_store_fail(db, c->err, rc);
    }
    newv = complaint_json(&k);
    json_object_set_new(newv, "dossier", dos_state_json(&d));
    rc = dos_finish_change(db, c, &d, version, "complaint.create", "complaint",
                           k.id, k.received_on, oldv, newv);
    json_decref(oldv);
    json_decref(newv);
    return rc;
}

int app_complaint_add(struct db *db, const struct app_user *user,
                      int64_t dossier_id, const struct app_complaint_new *in,
                      int64_t *cid, struct app_dos_err *err)
{
    struct dos_ctx c;
    struct complaint_tx t;
    int rc = dos_ctx_init(&c, user, err);

    if (rc != APP_DOS_OK)
        return rc;
    memset(&t, 0, sizeof t);
    t.c = &c;
    t.dossier_id = dossier_id;
    t.add = in;
    rc = dos_run(db, complaint_add_fn, &t, err);
    if (rc == APP_DOS_OK && cid != NULL)
        *cid = t.cid;
    return rc;
}

static int complaint_resolve_fn(struct db *db, void *arg)
{
    struct complaint_tx *t = arg;
    const struct dos_ctx *c = t->c;
    const struct app_complaint_answer *in = t->answer;
    const struct procedure *p;
    const struct procedure_action *a = NULL;
    struct store_dossier d;
    struct store_complaint k;
    struct store_dossier_event e;
    struct date day, nb;
    const char *at;
    int64_t version;
    json_t *oldv, *newv;
    int rc;

    rc = dos_load_for_change(db, c, t->dossier_id, in->version, &d, &p, &at);
    if (rc != APP_DOS_OK)
        return rc;
    rc = store_complaint_get(db, d.id, t->cid, &k);
    if (rc == DB_ENOTFOUND)
        return dos_fail(c->err, APP_DOS_ENOTFOUND, "not_found", NULL,
                        "Hồ sơ không có khiếu nại này.");
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    if (k.resolved_on[0] != '\0')
        return dos_fail(c->err, APP_DOS_ESTATE, "already_resolved", NULL,
                        "Khiếu nại này đã được trả lời.");
    /* Who answers is the data's for the step the complaint was about. */
    rc = dos_may(c, p, k.step, "complaint_resolved", &a);
    if (rc != APP_DOS_OK)
        return rc;
    date_parse_iso(k.received_on, 10, &nb);
    rc = dos_check_date(c, "resolved_on", "Ngày trả lời khiếu nại",
                        in->resolved_on, c->today, &nb, "ngày nhận khiếu nại",
                        &day);
    if (rc == APP_DOS_OK)
        rc = dos_check_text(c->err, "answer", "Văn bản trả lời khiếu nại",
                            in->answer, 1, APP_DOS_NOTE_MAX, 1, k.answer,
                            sizeof k.answer);
    if (rc != APP_DOS_OK)
        return rc;
    date_format_iso(day, k.resolved_on);
    snprintf(k.resolved_by, sizeof k.resolved_by, "%s", c->user->username);
    snprintf(k.resolved_role, sizeof k.resolved_role, "%s", c->user->role);
    k.late = strcmp(k.resolved_on, k.deadline) > 0;
    version = d.version;
    oldv = complaint_json(&k);
    json_object_set_new(oldv, "resolved_on", json_null());
    json_object_set_new(oldv, "answer", json_null());
    json_object_set_new(oldv, "dossier", dos_state_json(&d));
    rc = store_complaint_resolve(db, &k);
    if (rc != DB_OK) {
        json_decref(oldv);
        return dos_store_fail(db, c->err, rc);
    }
    if (d.open_complaints > 0)
        d.open_complaints--;
    if (strcmp(d.state, "open") == 0)
        rc = clock_restart(c, p, &d, k.resolved_on);
    if (rc == APP_DOS_OK) {
        dos_event_init(&e, c, &d, at, "complaint_resolved", k.resolved_on,
                       k.late, k.answer);
        rc = store_dossier_event_add(db, &e);
        if (rc != DB_OK)
            rc = dos_store_fail(db, c->err, rc);
    }
    if (rc != APP_DOS_OK) {
        json_decref(oldv);
        return rc;
    }
    newv = complaint_json(&k);
    json_object_set_new(newv, "late", json_boolean(k.late));
    json_object_set_new(newv, "dossier", dos_state_json(&d));
    rc = dos_finish_change(db, c, &d, version, "complaint.resolve", "complaint",
                           k.id, k.resolved_on, oldv, newv);
    json_decref(oldv);
    json_decref(newv);
    return rc;
}

int app_complaint_resolve(struct db *db, const struct app_user *user,
                          int64_t dossier_id, int64_t cid,
                          const struct app_complaint_answer *in,
                          struct app_dos_err *err)
{
    struct dos_ctx c;
    struct complaint_tx t;
    int rc = dos_ctx_init(&c, user, err);

    if (rc != APP_DOS_OK)
        return rc;
    memset(&t, 0, sizeof t);
    t.c = &c;
    t.dossier_id = dossier_id;
    t.cid = cid;
    t.answer = in;
    return dos_run(db, complaint_resolve_fn, &t, err);
}
