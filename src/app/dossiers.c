/* dossiers.c: registering and reading dossiers, the inbox, the posting
 * list, and the helpers the other dossier files share (see dossiers.h,
 * dossiers_int.h; docs/dossiers.md). */
#include "app/dossiers.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/dossiers_int.h"
#include "core/category.h"
#include "core/registry.h"
#include "core/text.h"
#include "core/workdays.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_cases.h"
#include "store/store_dossiers.h"
#include "store/store_units.h"
#include "util/clock.h"
#include "util/embed.h"
#include "util/log.h"

#define PROCEDURES_PREFIX  "rules/procedures/"
#define DOS_MAX_CATEGORIES 8 /* as core/decision.h */

/* --- The procedure set and the calendar of the process -------------------
 */

static pthread_once_t data_once = PTHREAD_ONCE_INIT;
static struct procedure_set *proc_set;
static struct workdays_calendar *calendar;

/* Apply $ANSINH_PROCEDURE_FLAGS ("a,b=off,c=on") to s. */
static int apply_flags(struct procedure_set *s)
{
    const char *e = getenv("ANSINH_PROCEDURE_FLAGS");
    char buf[512], *tok, *save = NULL;

    if (e == NULL || e[0] == '\0')
        return 0;
    if (strlen(e) >= sizeof buf)
        return -1;
    memcpy(buf, e, strlen(e) + 1);
    for (tok = strtok_r(buf, ",", &save); tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        int on = 1;

        if (eq != NULL) {
            *eq = '\0';
            if (strcmp(eq + 1, "off") == 0)
                on = 0;
            else if (strcmp(eq + 1, "on") != 0)
                return -1;
        }
        if (procedure_set_flag(s, tok, on) != PROCEDURE_OK)
            return -1;
    }
    return 0;
}

static void build_data(void)
{
    struct procedure_set *s = procedure_set_new();
    const struct embed_file *cal = embed_find(WORKDAYS_DATA_FILE);
    struct procedure_err err;
    char msg[256];
    size_t i, n = 0;

    for (i = 0; i < embed_count(); i++) {
        const struct embed_file *f = embed_get(i);
        size_t l = strlen(f->name);

        if (strncmp(f->name, PROCEDURES_PREFIX, strlen(PROCEDURES_PREFIX)) !=
                0 ||
            l < 4 || strcmp(f->name + l - 4, ".csv") != 0)
            continue;
        if (procedure_set_load(s, f->name, f->data, f->len, &err) !=
            PROCEDURE_OK) {
            log_error("procedures not loaded", "msg=\"%s\"", err.message);
            goto fail;
        }
        n++;
    }
    if (apply_flags(s) != 0) {
        log_error("procedures not loaded", "msg=\"%s\"",
                  "ANSINH_PROCEDURE_FLAGS is not name[=on|off],...");
        goto fail;
    }
    if (procedure_set_finish(s, &err) != PROCEDURE_OK) {
        log_error("procedures not loaded", "msg=\"%s\"", err.message);
        goto fail;
    }
    if (cal == NULL ||
        workdays_calendar_new(cal->name, cal->data, cal->len, &calendar, msg,
                              sizeof msg) != WORKDAYS_OK) {
        log_error("calendar not loaded", "msg=\"%s\"",
                  cal ? msg : "not embedded");
        goto fail;
    }
    log_debug("procedures loaded", "files=%zu procedures=%zu", n,
              procedure_count(s));
    proc_set = s;
    return;
fail:
    procedure_set_free(s);
}

const struct procedure_set *app_procedures(void)
{
    pthread_once(&data_once, build_data);
    return proc_set;
}

const struct workdays_calendar *app_calendar(void)
{
    pthread_once(&data_once, build_data);
    return proc_set != NULL ? calendar : NULL;
}

static json_t *source_json(const struct procedure_source *s)
{
    return json_pack("{s:s, s:s, s:s, s:s}", "confidence",
                     procedure_confidence_name(s->confidence), "basis",
                     s->basis, "rules_ref", s->rules_ref, "note", s->note);
}

static json_t *roles_json(unsigned roles)
{
    json_t *a = json_array();
    int r;

    for (r = 0; r < PROCEDURE_ROLE_COUNT; r++)
        if (roles & (1u << r))
            json_array_append_new(a, json_string(procedure_role_code(r)));
    return a;
}

int app_procedures_json(json_t **out)
{
    const struct procedure_set *s = app_procedures();
    json_t *flags, *procs, *signers;
    struct date d = {2021, 7, 1};
    size_t i, k;
    int kind;

    *out = NULL;
    if (s == NULL)
        return APP_DOS_EINTERNAL;
    flags = json_array();
    for (i = 0; i < procedure_flag_count(s); i++) {
        const struct procedure_flag *f = procedure_flag_at(s, i);

        json_array_append_new(flags,
                              json_pack("{s:s, s:s, s:b, s:o}", "code", f->code,
                                        "name", f->name, "on", f->on, "source",
                                        source_json(&f->src)));
    }
    /* Signers in force, walking the dates where they change. */
    signers = json_array();
    for (i = 0; i < 8; i++) {
        const struct procedure_signer *g = procedure_signer_on(s, d);
        char from[11], to[11];

        if (g == NULL)
            break;
        date_format_iso(g->from, from);
        date_format_iso(g->to, to);
        json_array_append_new(
            signers,
            json_pack("{s:s, s:s, s:s, s:o, s:s, s:o}", "role",
                      procedure_role_code(g->role), "area",
                      procedure_area_name(g->area), "from", from, "to",
                      g->has_to ? json_string(to) : json_null(), "name",
                      g->name, "source", source_json(&g->src)));
        if (!g->has_to)
            break;
        d = g->to;
    }
    procs = json_array();
    for (i = 0; i < procedure_count(s); i++) {
        const struct procedure *p = procedure_at(s, i);
        json_t *kinds = json_array(), *steps = json_array(),
               *acts = json_array();
        char from[11], to[11];

        for (kind = 0; kind < PROCEDURE_KIND_COUNT; kind++)
            if (p->kinds & (1u << kind))
                json_array_append_new(kinds,
                                      json_string(procedure_kind_code(kind)));
        for (k = 0; k < p->nsteps; k++) {
            const struct procedure_step *st = &p->steps[k];

            json_array_append_new(
                steps,
                json_pack("{s:s, s:s, s:o, s:s, s:o, s:s, s:b, s:b, s:o}",
                          "code", st->code, "name", st->name, "days",
                          st->days >= 0 ? json_integer(st->days) : json_null(),
                          "clock", procedure_clock_name(st->clock), "roles",
                          roles_json(st->roles), "area",
                          procedure_area_name(st->area), "public",
                          st->is_public, "hide_hiv", st->hide_hiv, "source",
                          source_json(&st->src)));
        }
        for (k = 0; k < p->nactions; k++) {
            const struct procedure_action *a = &p->actions[k];

            json_array_append_new(
                acts,
                json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o}", "step",
                          a->step, "code", a->code, "name", a->name, "next",
                          dos_str(a->next), "roles", roles_json(a->roles),
                          "requires", dos_str(a->requires), "days",
                          a->days >= 0 ? json_integer(a->days) : json_null(),
                          "source", source_json(&a->src)));
        }
        date_format_iso(p->from, from);
        date_format_iso(p->to, to);
        json_array_append_new(
            procs,
            json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:o, s:o}",
                      "id", p->id, "name", p->name, "kinds", kinds, "structure",
                      procedure_structure_name(p->structure), "from", from,
                      "to", p->has_to ? json_string(to) : json_null(),
                      "submit_roles", roles_json(p->submit_roles), "steps",
                      steps, "actions", acts, "source", source_json(&p->src)));
    }
    *out = json_pack("{s:o, s:o, s:o}", "flags", flags, "signers", signers,
                     "procedures", procs);
    return *out ? APP_DOS_OK : APP_DOS_EINTERNAL;
}

/* --- Shared helpers (dossiers_int.h) --------------------------------------
 */

int dos_fail(struct app_dos_err *err, int rc, const char *code,
             const char *field, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return rc;
    snprintf(err->code, sizeof err->code, "%s", code ? code : "");
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return rc;
}

int dos_store_fail(struct db *db, struct app_dos_err *err, int rc)
{
    if (rc == DB_EBUSY)
        return dos_fail(err, rc, "busy", NULL,
                        "Cơ sở dữ liệu đang bận, vui lòng thử lại.");
    if (rc == DB_ECHECK)
        return dos_fail(err, rc, "invalid_value", NULL, "%s", db_errmsg(db));
    return dos_fail(err, rc, "internal", NULL,
                    "Lỗi lưu trữ, vui lòng thử lại sau.");
}

int dos_ctx_init(struct dos_ctx *c, const struct app_user *user,
                 struct app_dos_err *err)
{
    memset(c, 0, sizeof *c);
    memset(err, 0, sizeof *err);
    c->user = user;
    c->err = err;
    app_scope_of_user(user, &c->scope);
    c->today = clock_today_vn();
    date_format_iso(c->today, c->today_iso);
    c->set = app_procedures();
    c->cal = app_calendar();
    if (c->set == NULL || c->cal == NULL)
        return dos_fail(err, APP_DOS_EINTERNAL, "internal", NULL,
                        "Không nạp được dữ liệu thủ tục hoặc lịch ngày làm "
                        "việc.");
    return APP_DOS_OK;
}

void dos_place_date(const struct dos_ctx *c, const struct store_dossier *d,
                    char out[11])
{
    snprintf(out, 11, "%s", d->closed_on[0] ? d->closed_on : c->today_iso);
}

int dos_load(struct db *db, const struct dos_ctx *c, int64_t id,
             struct store_dossier *d)
{
    char on[11];
    int rc = store_dossier_get(db, id, d);

    if (rc == DB_ENOTFOUND)
        goto notfound;
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    dos_place_date(c, d, on);
    rc = app_scope_contains(db, &c->scope, d->unit_code, on);
    if (rc < 0)
        return dos_store_fail(db, c->err, rc);
    if (rc == 1)
        return APP_DOS_OK;
notfound:
    return dos_fail(c->err, APP_DOS_ENOTFOUND, "not_found", NULL,
                    "Không tìm thấy hồ sơ này trong địa bàn của bạn.");
}

int dos_check_date(const struct dos_ctx *c, const char *field,
                   const char *label, const char *s, struct date dflt,
                   const struct date *not_before, const char *before_label,
                   struct date *out)
{
    char a[11], b[11];

    if (s == NULL) {
        *out = dflt;
    } else if (date_parse_iso(s, strlen(s), out) != DATE_OK) {
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", field,
                        "%s phải là ngày có thật dạng YYYY-MM-DD.", label);
    }
    if (date_cmp(*out, c->today) > 0) {
        date_format_vn(c->today, a);
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", field,
                        "%s không được sau hôm nay (%s).", label, a);
    }
    if (not_before != NULL && date_cmp(*out, *not_before) < 0) {
        date_format_vn(*not_before, b);
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", field,
                        "%s không được trước %s (%s).", label, before_label, b);
    }
    return APP_DOS_OK;
}

int dos_check_text(struct app_dos_err *err, const char *field,
                   const char *label, const char *s, int required, size_t max,
                   int multiline, char *out, size_t cap)
{
    char *clean = NULL;
    size_t len = 0;
    int rc;

    out[0] = '\0';
    if (s == NULL || s[0] == '\0') {
        if (required)
            return dos_fail(err, APP_DOS_EINVAL, "missing_field", field,
                            "Thiếu %s.", label);
        return APP_DOS_OK;
    }
    rc = text_clean(s, strlen(s), max,
                    TEXT_TRIM | (multiline ? TEXT_ALLOW_NEWLINE : 0) |
                        (required ? TEXT_REQUIRED : 0),
                    &clean, &len);
    if (rc == TEXT_ETOOLONG)
        return dos_fail(err, APP_DOS_EINVAL, "too_long", field,
                        "%s dài quá %zu ký tự.", label, max);
    if (rc == TEXT_EEMPTY)
        return dos_fail(err, APP_DOS_EINVAL, "missing_field", field,
                        "Thiếu %s.", label);
    if (rc != TEXT_OK || len >= cap) {
        free(clean);
        return dos_fail(err, APP_DOS_EINVAL, "invalid_text", field,
                        "%s có ký tự không hợp lệ.", label);
    }
    memcpy(out, clean, len + 1);
    free(clean);
    return APP_DOS_OK;
}

int dos_audit(struct db *db, const char *actor, const char *action,
              const char *entity, int64_t entity_id, int64_t dossier_id,
              const char *unit, const char *date, json_t *old_value,
              json_t *new_value)
{
    struct store_audit_rec r;
    char id[24], path[APP_SCOPE_PATH_SIZE] = "", detail[64];
    char *oldv =
        old_value ? json_dumps(old_value, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *newv =
        new_value ? json_dumps(new_value, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int rc = DB_OK;

    if (unit != NULL && unit[0] != '\0') {
        rc = app_scope_path(db, unit, date, path);
        if (rc == DB_ENOTFOUND) /* placed nowhere: audit it nationally */
            rc = DB_OK;
    }
    snprintf(id, sizeof id, "%" PRId64, entity_id);
    snprintf(detail, sizeof detail, "{\"dossier_id\":%" PRId64 "}", dossier_id);
    memset(&r, 0, sizeof r);
    r.actor = actor;
    r.action = action;
    r.entity = entity;
    r.entity_id = id;
    r.area_path = path;
    r.detail = detail;
    r.old_value = oldv;
    r.new_value = newv;
    if (rc == DB_OK && ((old_value && !oldv) || (new_value && !newv)))
        rc = db_set_error(db, DB_ERROR, "audit: JSON");
    if (rc == DB_OK)
        rc = store_audit_append(db, &r, NULL);
    free(oldv);
    free(newv);
    return rc;
}

json_t *dos_str(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *dos_state_json(const struct store_dossier *d)
{
    return json_pack(
        "{s:s, s:s, s:I, s:o, s:b, s:I, s:o, s:o}", "state", d->state, "step",
        d->step, "step_seq", (json_int_t)d->step_seq, "deadline",
        dos_str(d->deadline), "waiting_documents", d->waiting_documents,
        "open_complaints", (json_int_t)d->open_complaints, "clock_stopped_on",
        dos_str(d->clock_stopped_on), "closed_on", dos_str(d->closed_on));
}

const struct procedure_step *dos_step_of(const struct procedure *p,
                                         const struct store_dossier *d)
{
    if (p == NULL || strcmp(d->state, "open") != 0)
        return NULL;
    return procedure_step(p, d->step);
}

int dos_days_left(const struct dos_ctx *c, const struct store_dossier *d,
                  int *has)
{
    struct date dl, from = c->today;
    int n = 0;

    *has = 0;
    if (strcmp(d->state, "open") != 0 || d->deadline[0] == '\0' ||
        date_parse_iso(d->deadline, 10, &dl) != DATE_OK)
        return 0;
    if (d->clock_stopped_on[0] != '\0' &&
        date_parse_iso(d->clock_stopped_on, 10, &from) != DATE_OK)
        return 0;
    if (workdays_between(c->cal, from, dl, &n) != WORKDAYS_OK)
        return 0;
    *has = 1;
    return n;
}

/* --- Registering a dossier ----------------------------------------------
 */

/* "K4,K6" checked (codes of core/category.h, each once) into out. */
static int check_categories(struct app_dos_err *err, const char *s,
                            int required, char *out, size_t cap, int *k6)
{
    const struct category_info *seen[DOS_MAX_CATEGORIES];
    size_t i = 0, n = s ? strlen(s) : 0, used = 0, nseen = 0, k;

    out[0] = '\0';
    *k6 = 0;
    if (n == 0) {
        if (required)
            return dos_fail(err, APP_DOS_EINVAL, "missing_field", "categories",
                            "Thiếu diện đối tượng (mã như K6, RULES.md "
                            "§2.2).");
        return APP_DOS_OK;
    }
    while (i <= n) {
        size_t j = i;
        const struct category_info *ci;

        while (j < n && s[j] != ',')
            j++;
        ci = j > i ? category_find(s + i, j - i) : NULL;
        if (ci == NULL)
            return dos_fail(err, APP_DOS_EINVAL, "invalid_category",
                            "categories",
                            "Diện đối tượng không hợp lệ: dùng mã như K1a, "
                            "K5b, K6, cách nhau bởi dấu phẩy.");
        for (k = 0; k < nseen; k++)
            if (seen[k] == ci)
                return dos_fail(err, APP_DOS_EINVAL, "invalid_category",
                                "categories", "Diện %s được ghi hai lần.",
                                ci->code);
        if (nseen == DOS_MAX_CATEGORIES || used + strlen(ci->code) + 2 > cap)
            return dos_fail(err, APP_DOS_EINVAL, "invalid_category",
                            "categories", "Quá nhiều diện đối tượng.");
        seen[nseen++] = ci;
        used += (size_t)snprintf(out + used, cap - used, "%s%s",
                                 used ? "," : "", ci->code);
        if (strcmp(ci->code, "K6") == 0)
            *k6 = 1;
        i = j + 1;
    }
    return APP_DOS_OK;
}

struct create_tx {
    struct dos_ctx *c;
    struct store_dossier d;
    struct store_dossier_move mv;
    const struct procedure *p;
    int is_public;
    int64_t id;
};

int dos_insert_new(struct db *db, const struct dos_ctx *c,
                   const struct store_dossier *d, int is_public,
                   const struct store_dossier_move *mv, int64_t *id)
{
    struct store_dossier_event e;
    json_t *newv;
    int rc;

    rc = store_dossier_insert(db, d, id);
    if (rc == DB_OK)
        rc = store_dossier_step_open(db, *id, 1, d->step, is_public,
                                     d->step_started_on, d->deadline);
    if (rc == DB_OK && mv != NULL &&
        (mv->to_unit[0] != '\0' || mv->stop_decision_id > 0))
        rc = store_cases_dossier_move_set(db, *id, mv);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    memset(&e, 0, sizeof e);
    e.dossier_id = *id;
    e.step_seq = 1;
    snprintf(e.step, sizeof e.step, "%s", d->step);
    snprintf(e.action, sizeof e.action, "submit");
    snprintf(e.acted_on, sizeof e.acted_on, "%s", d->submitted_on);
    snprintf(e.actor, sizeof e.actor, "%s", c->user->username);
    snprintf(e.actor_role, sizeof e.actor_role, "%s", c->user->role);
    snprintf(e.deadline, sizeof e.deadline, "%s", d->deadline);
    snprintf(e.note, sizeof e.note, "%s", d->applicant);
    snprintf(e.recorded_at, sizeof e.recorded_at, "%s", d->created_at);
    rc = store_dossier_event_add(db, &e);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    newv = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o}", "person_id",
                     (json_int_t)d->person_id, "kind", d->kind, "proposed",
                     d->proposed, "procedure", d->procedure, "unit_code",
                     d->unit_code, "submitted_on", d->submitted_on,
                     "categories", d->categories, "state", dos_state_json(d));
    if (mv != NULL && mv->to_unit[0] != '\0')
        json_object_set_new(newv, "to_unit", json_string(mv->to_unit));
    if (mv != NULL && mv->stop_decision_id > 0)
        json_object_set_new(newv, "stop_decision_id",
                            json_integer((json_int_t)mv->stop_decision_id));
    rc = dos_audit(db, c->user->username, "dossier.create", "dossier", *id, *id,
                   d->unit_code, c->today_iso, NULL, newv);
    json_decref(newv);
    return rc == DB_OK ? APP_DOS_OK : dos_store_fail(db, c->err, rc);
}

static int create_fn(struct db *db, void *arg)
{
    struct create_tx *t = arg;

    return dos_insert_new(db, t->c, &t->d, t->is_public, &t->mv, &t->id);
}

/* The destination of a stop for a move (RULES.md §6.3): a commune that
 * exists on the submission day, other than the person's own. */
static int check_destination(struct db *db, struct create_tx *t,
                             const struct app_dossier_new *in)
{
    struct dos_ctx *c = t->c;
    struct units_version v;
    size_t n;
    int rc;

    if (in->to_unit == NULL && in->to_address == NULL)
        return APP_DOS_OK;
    if (strcmp(t->d.kind, "stop") != 0 || strcmp(t->d.ground, "moved") != 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "unexpected_field",
                        in->to_unit ? "to_unit" : "to_address",
                        "Nơi chuyển đến chỉ ghi ở hồ sơ thôi hưởng do chuyển "
                        "nơi cư trú (ground moved).");
    n = in->to_unit ? strlen(in->to_unit) : 0;
    if (n != 5 || strspn(in->to_unit, "0123456789") != 5)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_unit", "to_unit",
                        "Nơi chuyển đến là mã xã, phường gồm 5 chữ số.");
    rc = store_units_get(db, in->to_unit, t->d.submitted_on, &v, NULL);
    if (rc == DB_ENOTFOUND || (rc == DB_OK && v.level != UNITS_COMMUNE))
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_unit", "to_unit",
                        "Không có xã, phường mã %s vào ngày nộp hồ sơ.",
                        in->to_unit);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    if (strcmp(in->to_unit, t->d.unit_code) == 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_unit", "to_unit",
                        "Nơi chuyển đến phải khác nơi cư trú hiện tại.");
    snprintf(t->mv.to_unit, sizeof t->mv.to_unit, "%s", in->to_unit);
    return dos_check_text(c->err, "to_address", "Địa chỉ nơi chuyển đến",
                          in->to_address, 0, APP_DOS_NAME_MAX * 2, 0,
                          t->mv.to_address, sizeof t->mv.to_address);
}

/* Check what a kind of dossier needs and fill t->d. */
static int check_new(struct db *db, struct create_tx *t,
                     const struct app_dossier_new *in)
{
    struct dos_ctx *c = t->c;
    struct store_dossier *d = &t->d;
    struct store_dos_person person;
    struct date sub, cert, ev;
    int kind = procedure_kind_parse(in->kind), k6 = 0, rc, role;
    int needs_cat, needs_event;

    if (kind < 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_kind", "kind",
                        "Loại hồ sơ phải là grant, adjust, stop, transfer, "
                        "care hoặc funeral.");
    snprintf(d->kind, sizeof d->kind, "%s", procedure_kind_code(kind));
    rc = dos_check_date(c, "submitted_on", "Ngày nộp hồ sơ", in->submitted_on,
                        c->today, NULL, NULL, &sub);
    if (rc != APP_DOS_OK)
        return rc;
    date_format_iso(sub, d->submitted_on);
    t->p = procedure_choose(c->set, kind, sub);
    if (t->p == NULL)
        return dos_fail(c->err, APP_DOS_EINVAL, "no_procedure", "submitted_on",
                        "Không có thủ tục cho loại hồ sơ này vào ngày nộp "
                        "(Nghị định 20/2021/NĐ-CP áp dụng từ 01/07/2021).");
    role = procedure_role_parse(c->user->role);
    if (role < 0 || !(t->p->submit_roles & (1u << role)))
        return dos_fail(c->err, APP_DOS_EFORBIDDEN, "forbidden_action", NULL,
                        "Hồ sơ được tiếp nhận tại cấp xã: chỉ công chức hoặc "
                        "Chủ tịch UBND cấp xã ghi nhận hồ sơ mới.");
    /* What the kind needs (RULES.md §2.6, §6.1-§6.4). */
    needs_cat = kind == PROCEDURE_KIND_GRANT || kind == PROCEDURE_KIND_ADJUST ||
                kind == PROCEDURE_KIND_TRANSFER;
    needs_event = kind == PROCEDURE_KIND_ADJUST ||
                  kind == PROCEDURE_KIND_STOP ||
                  kind == PROCEDURE_KIND_TRANSFER;
    if (!needs_cat && kind != PROCEDURE_KIND_CARE && in->categories != NULL &&
        in->categories[0] != '\0')
        return dos_fail(c->err, APP_DOS_EINVAL, "unexpected_field",
                        "categories",
                        "Hồ sơ loại này không ghi diện đối tượng.");
    rc = check_categories(c->err, in->categories, needs_cat, d->categories,
                          sizeof d->categories, &k6);
    if (rc != APP_DOS_OK)
        return rc;
    if (k6) {
        if (in->disability == NULL ||
            (strcmp(in->disability, "severe") != 0 &&
             strcmp(in->disability, "especially_severe") != 0))
            return dos_fail(c->err, APP_DOS_EINVAL, "invalid_disability",
                            "disability",
                            "Diện K6 cần mức độ khuyết tật: severe (nặng) "
                            "hoặc especially_severe (đặc biệt nặng).");
        snprintf(d->disability, sizeof d->disability, "%s", in->disability);
        if (in->certificate_on == NULL)
            return dos_fail(c->err, APP_DOS_EINVAL, "missing_field",
                            "certificate_on",
                            "Diện K6 cần ngày cấp giấy xác nhận khuyết tật "
                            "(trợ cấp tính từ tháng được cấp giấy, RULES.md "
                            "§2.6).");
        rc = dos_check_date(c, "certificate_on",
                            "Ngày cấp giấy xác nhận khuyết tật",
                            in->certificate_on, sub, NULL, NULL, &cert);
        if (rc != APP_DOS_OK)
            return rc;
        if (date_cmp(cert, sub) > 0)
            return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date",
                            "certificate_on",
                            "Ngày cấp giấy xác nhận khuyết tật không được "
                            "sau ngày nộp hồ sơ.");
        date_format_iso(cert, d->certificate_on);
    } else if (in->disability != NULL || in->certificate_on != NULL) {
        return dos_fail(c->err, APP_DOS_EINVAL, "unexpected_field",
                        in->disability ? "disability" : "certificate_on",
                        "Mức độ khuyết tật và giấy xác nhận chỉ ghi với diện "
                        "K6.");
    }
    if (needs_event) {
        if (in->event_on == NULL)
            return dos_fail(c->err, APP_DOS_EINVAL, "missing_field", "event_on",
                            kind == PROCEDURE_KIND_TRANSFER
                                ? "Cần ngày trong tháng ghi ở quyết định "
                                  "thôi hưởng tại nơi cư trú cũ (RULES.md "
                                  "§6.3)."
                                : "Cần ngày phát sinh sự việc (RULES.md "
                                  "§2.6).");
        rc = dos_check_date(c, "event_on", "Ngày phát sinh sự việc",
                            in->event_on, sub, NULL, NULL, &ev);
        if (rc != APP_DOS_OK)
            return rc;
        if (date_cmp(ev, sub) > 0)
            return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", "event_on",
                            "Ngày phát sinh sự việc không được sau ngày nộp "
                            "hồ sơ.");
        date_format_iso(ev, d->event_on);
    } else if (in->event_on != NULL) {
        return dos_fail(c->err, APP_DOS_EINVAL, "unexpected_field", "event_on",
                        "Hồ sơ loại này không ghi ngày phát sinh sự việc.");
    }
    /* The decision it proposes, and its ground. */
    if (kind == PROCEDURE_KIND_STOP) {
        int want;
        const struct registry_reason *g;

        if (in->proposed == NULL || (strcmp(in->proposed, "suspend") != 0 &&
                                     strcmp(in->proposed, "resume") != 0 &&
                                     strcmp(in->proposed, "terminate") != 0))
            return dos_fail(c->err, APP_DOS_EINVAL, "invalid_proposed",
                            "proposed",
                            "Hồ sơ stop phải đề nghị suspend (tạm dừng), "
                            "resume (hưởng lại) hoặc terminate (thôi "
                            "hưởng).");
        snprintf(d->proposed, sizeof d->proposed, "%s", in->proposed);
        want = strcmp(in->proposed, "suspend") == 0     ? REGISTRY_SUSPENDED
               : strcmp(in->proposed, "terminate") == 0 ? REGISTRY_TERMINATED
                                                        : REGISTRY_NONE;
        if (want == REGISTRY_NONE) {
            if (in->ground != NULL)
                return dos_fail(c->err, APP_DOS_EINVAL, "unexpected_field",
                                "ground",
                                "Hưởng lại trợ cấp không ghi căn cứ tạm "
                                "dừng hay thôi hưởng.");
        } else {
            g = in->ground
                    ? registry_reason_find(in->ground, strlen(in->ground))
                    : NULL;
            if (g == NULL || g->status != want)
                return dos_fail(c->err, APP_DOS_EINVAL, "invalid_ground",
                                "ground",
                                "Căn cứ không hợp lệ cho đề nghị này "
                                "(Thông tư 02/2021/TT-BLĐTBXH Điều 2; mã "
                                "như not_collected, detention, death, "
                                "ineligible).");
            snprintf(d->ground, sizeof d->ground, "%s", g->code);
        }
    } else {
        if (in->proposed != NULL || in->ground != NULL)
            return dos_fail(c->err, APP_DOS_EINVAL, "unexpected_field",
                            in->proposed ? "proposed" : "ground",
                            "Chỉ hồ sơ stop ghi đề nghị và căn cứ.");
        snprintf(d->proposed, sizeof d->proposed, "%s",
                 kind == PROCEDURE_KIND_ADJUST ? "adjust" : "grant");
    }
    rc =
        dos_check_text(c->err, "applicant", "Người nộp hồ sơ", in->applicant, 0,
                       APP_DOS_NAME_MAX, 0, d->applicant, sizeof d->applicant);
    if (rc == APP_DOS_OK)
        rc = dos_check_text(c->err, "note", "Ghi chú", in->note, 0,
                            APP_DOS_NOTE_MAX, 1, d->note, sizeof d->note);
    if (rc != APP_DOS_OK)
        return rc;
    /* The person, and the commune where they reside on the submission
     * day, which must be in the caller's scope. */
    if (in->person_id <= 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "missing_field", "person_id",
                        "Thiếu mã người (person_id).");
    rc = store_dos_person_get(db, in->person_id, d->submitted_on, &person);
    if (rc == DB_OK && person.unit_code[0] != '\0')
        rc = app_scope_contains(db, &c->scope, person.unit_code, c->today_iso);
    else if (rc == DB_OK || rc == DB_ENOTFOUND)
        rc = 0;
    if (rc < 0)
        return dos_store_fail(db, c->err, rc);
    if (rc == 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "unknown_person", "person_id",
                        "Không tìm thấy người này cư trú trong địa bàn của "
                        "bạn vào ngày nộp hồ sơ.");
    d->person_id = person.id;
    snprintf(d->unit_code, sizeof d->unit_code, "%s", person.unit_code);
    return check_destination(db, t, in);
}

int app_dossier_create(struct db *db, const struct app_user *user,
                       const struct app_dossier_new *in, int64_t *id,
                       struct app_dos_err *err)
{
    struct dos_ctx c;
    struct create_tx t;
    const struct procedure_step *first;
    struct date sub, dl;
    int rc;

    rc = dos_ctx_init(&c, user, err);
    if (rc != APP_DOS_OK)
        return rc;
    memset(&t, 0, sizeof t);
    t.c = &c;
    rc = check_new(db, &t, in);
    if (rc != APP_DOS_OK)
        return rc;
    first = &t.p->steps[0];
    date_parse_iso(t.d.submitted_on, 10, &sub);
    snprintf(t.d.procedure, sizeof t.d.procedure, "%s", t.p->id);
    snprintf(t.d.state, sizeof t.d.state, "open");
    snprintf(t.d.step, sizeof t.d.step, "%s", first->code);
    t.d.step_seq = 1;
    memcpy(t.d.step_started_on, t.d.submitted_on, 11);
    rc = procedure_deadline(c.cal, first, sub, sub, 0, &dl);
    if (rc == PROCEDURE_OK)
        date_format_iso(dl, t.d.deadline);
    else if (rc != 1)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_date", "submitted_on",
                        "Không tính được thời hạn từ ngày nộp này.");
    t.is_public = first->is_public;
    clock_now_utc(t.d.created_at);
    snprintf(t.d.created_by, sizeof t.d.created_by, "%s", user->username);
    rc = db_transact(db, create_fn, &t);
    if (rc < 0 && rc > -100)
        return dos_store_fail(db, err, rc);
    if (rc == APP_DOS_OK && id != NULL)
        *id = t.id;
    return rc;
}

/* --- Reading ---------------------------------------------------------------
 */

static json_t *categories_json(const char *s, int public_only)
{
    json_t *a = json_array();
    size_t i = 0, n = strlen(s);

    while (i < n) {
        size_t j = i;
        const struct category_info *ci;

        while (j < n && s[j] != ',')
            j++;
        ci = category_find(s + i, j - i);
        /* HIV information is never posted (Decree 20/2021 Art. 8(1)(b)):
         * K3 (children with HIV) and K8 (people with HIV). */
        if (ci != NULL && !(public_only && (strcmp(ci->code, "K3") == 0 ||
                                            strcmp(ci->code, "K8") == 0)))
            json_array_append_new(a, json_pack("{s:s, s:s}", "code", ci->code,
                                               "name", ci->name_vi));
        i = j + 1;
    }
    return a;
}

static json_t *step_json(const struct dos_ctx *c, const struct procedure *p,
                         const struct store_dossier *d)
{
    const struct procedure_step *st = dos_step_of(p, d);
    int has, left = dos_days_left(c, d, &has);
    int stopped = d->clock_stopped_on[0] != '\0';

    if (st == NULL)
        return json_null();
    return json_pack(
        "{s:s, s:s, s:I, s:s, s:o, s:s, s:s, s:b, s:o, s:o, s:b, s:b, s:b,"
        " s:o}",
        "code", st->code, "name", st->name, "seq", (json_int_t)d->step_seq,
        "started_on", d->step_started_on, "days",
        st->days >= 0 ? json_integer(st->days) : json_null(), "clock",
        procedure_clock_name(st->clock), "area", procedure_area_name(st->area),
        "public", st->is_public, "deadline", dos_str(d->deadline),
        "working_days_left", has ? json_integer(left) : json_null(), "overdue",
        has && !stopped && strcmp(c->today_iso, d->deadline) > 0, "paused",
        d->waiting_documents, "held", d->open_complaints > 0,
        "clock_stopped_on", dos_str(d->clock_stopped_on));
}

/* The actions the caller's role may take at the dossier's step now. */
static json_t *actions_json(const struct dos_ctx *c, const struct procedure *p,
                            const struct store_dossier *d)
{
    const char *at = strcmp(d->state, "open") == 0 ? d->step : d->state;
    int role = procedure_role_parse(c->user->role);
    json_t *a = json_array();
    size_t i;

    for (i = 0; p != NULL && role >= 0 && i < p->nactions; i++) {
        const struct procedure_action *x = &p->actions[i];

        if (strcmp(x->step, at) != 0 || !(x->roles & (1u << role)))
            continue;
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:o, s:s}", "code", x->code, "name",
                         x->name, "next", dos_str(x->next), "endpoint",
                         x->effect == PROCEDURE_EFFECT_DECIDE ? "decisions"
                         : x->effect == PROCEDURE_EFFECT_COMPLAINT ||
                                 x->effect == PROCEDURE_EFFECT_COMPLAINT_RESOLVE
                             ? "complaints"
                             : "transitions"));
    }
    return a;
}

static json_t *history_json(struct db *db, const struct procedure *p,
                            const struct store_dossier *d, int *rc)
{
    struct store_dossier_step_list sl;
    struct store_dossier_event_list el;
    struct store_complaint_list cl;
    json_t *o = json_object(), *a;
    size_t i;

    *rc = store_dossier_steps(db, d->id, &sl);
    if (*rc != DB_OK)
        return o;
    a = json_array();
    for (i = 0; i < sl.count; i++) {
        const struct store_dossier_step *s = &sl.items[i];
        const struct procedure_step *ps = procedure_step(p, s->step);

        json_array_append_new(
            a, json_pack(
                   "{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:I, s:o}",
                   "seq", (json_int_t)s->seq, "code", s->step, "name",
                   ps ? ps->name : s->step, "started_on", s->started_on,
                   "deadline", dos_str(s->deadline), "ended_on",
                   dos_str(s->ended_on), "ended_action",
                   dos_str(s->ended_action), "ended_by", dos_str(s->ended_by),
                   "ended_role", dos_str(s->ended_role), "stopped_working_days",
                   (json_int_t)s->stopped_wd, "late",
                   s->late < 0 ? json_null() : json_boolean(s->late)));
    }
    json_object_set_new(o, "steps", a);
    store_dossier_step_list_free(&sl);
    *rc = store_dossier_events(db, d->id, &el);
    if (*rc != DB_OK)
        return o;
    a = json_array();
    for (i = 0; i < el.count; i++) {
        const struct store_dossier_event *e = &el.items[i];
        const struct procedure_action *pa =
            procedure_action(p, e->step, e->action);
        const char *name = pa ? pa->name : procedure_builtin_name(e->action);

        if (strcmp(e->action, "submit") == 0)
            name = "Tiếp nhận hồ sơ";
        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:s, s:s}",
                         "step", e->step, "action", e->action, "action_name",
                         name[0] ? name : e->action, "acted_on", e->acted_on,
                         "actor", e->actor, "actor_role", e->actor_role,
                         "deadline", dos_str(e->deadline), "late", e->late,
                         "note", e->note, "recorded_at", e->recorded_at));
    }
    json_object_set_new(o, "events", a);
    store_dossier_event_list_free(&el);
    *rc = store_complaints(db, d->id, &cl);
    if (*rc != DB_OK)
        return o;
    a = json_array();
    for (i = 0; i < cl.count; i++) {
        const struct store_complaint *k = &cl.items[i];

        json_array_append_new(
            a, json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:b, s:o, s:o,"
                         " s:o, s:o}",
                         "id", (json_int_t)k->id, "step", k->step,
                         "complainant", k->complainant, "content", k->content,
                         "received_on", k->received_on, "deadline", k->deadline,
                         "received_by", k->received_by, "open",
                         k->resolved_on[0] == '\0', "resolved_on",
                         dos_str(k->resolved_on), "answer", dos_str(k->answer),
                         "resolved_by", dos_str(k->resolved_by), "late",
                         k->late < 0 ? json_null() : json_boolean(k->late)));
    }
    json_object_set_new(o, "complaints", a);
    store_complaint_list_free(&cl);
    return o;
}

int app_dossier_get(struct db *db, const struct app_user *user, int64_t id,
                    json_t **out, int64_t *version, struct app_dos_err *err)
{
    struct dos_ctx c;
    struct store_dossier d;
    struct store_decision x;
    struct store_dossier_move mv;
    const struct procedure *p;
    json_t *o, *h;
    int rc;

    *out = NULL;
    rc = dos_ctx_init(&c, user, err);
    if (rc == APP_DOS_OK)
        rc = dos_load(db, &c, id, &d);
    if (rc != APP_DOS_OK)
        return rc;
    p = procedure_find(c.set, d.procedure);
    o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:{s:I, s:s, s:s, s:o}, s:s, s:{s:s, s:o,"
        " s:o, s:o, s:o}, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:s, s:s, s:o,"
        " s:s, s:o, s:s, s:s}",
        "id", (json_int_t)d.id, "version", (json_int_t)d.version, "kind",
        d.kind, "kind_name", procedure_kind_name(procedure_kind_parse(d.kind)),
        "proposed", d.proposed, "person", "id", (json_int_t)d.person_id,
        "full_name", d.person_name, "birth_date", d.birth_date, "id_number",
        dos_str(d.id_number), "unit_code", d.unit_code, "procedure", "id",
        d.procedure, "name", p ? json_string(p->name) : json_null(),
        "structure",
        p ? json_string(procedure_structure_name(p->structure)) : json_null(),
        "basis", p ? json_string(p->src.basis) : json_null(), "confidence",
        p ? json_string(procedure_confidence_name(p->src.confidence))
          : json_null(),
        "submitted_on", d.submitted_on, "categories",
        categories_json(d.categories, 0), "disability", dos_str(d.disability),
        "certificate_on", dos_str(d.certificate_on), "event_on",
        dos_str(d.event_on), "ground", dos_str(d.ground), "applicant",
        d.applicant, "note", d.note, "state", d.state, "closed_on",
        dos_str(d.closed_on), "outcome_text", d.outcome_text, "step",
        step_json(&c, p, &d), "created_at", d.created_at, "created_by",
        d.created_by);
    if (o == NULL)
        return dos_fail(err, APP_DOS_EINTERNAL, "internal", NULL,
                        "Không tạo được câu trả lời.");
    json_object_set_new(o, "actions", actions_json(&c, p, &d));
    rc = store_cases_dossier_move_get(db, d.id, &mv);
    if (rc != DB_OK) {
        json_decref(o);
        return dos_store_fail(db, err, rc);
    }
    json_object_set_new(
        o, "move",
        mv.to_unit[0] == '\0' && mv.stop_decision_id == 0
            ? json_null()
            : json_pack("{s:o, s:s, s:o}", "to_unit", dos_str(mv.to_unit),
                        "to_address", mv.to_address, "stop_decision_id",
                        mv.stop_decision_id > 0
                            ? json_integer((json_int_t)mv.stop_decision_id)
                            : json_null()));
    h = history_json(db, p, &d, &rc);
    json_object_update(o, h);
    json_decref(h);
    if (rc == DB_OK) {
        rc = store_decision_get(db, d.id, 1, &x);
        if (rc == DB_OK)
            json_object_set_new(
                o, "decision",
                json_pack("{s:I, s:s, s:s, s:s, s:s, s:s}", "id",
                          (json_int_t)x.id, "number", x.number, "signed_on",
                          x.signed_on, "kind", x.kind, "effective_from",
                          x.effective_from, "signer_name", x.signer_name));
        else if (rc == DB_ENOTFOUND)
            json_object_set_new(o, "decision", json_null());
        rc = rc == DB_ENOTFOUND ? DB_OK : rc;
    }
    if (rc != DB_OK) {
        json_decref(o);
        return dos_store_fail(db, err, rc);
    }
    *out = o;
    if (version != NULL)
        *version = d.version;
    return APP_DOS_OK;
}

/* --- Lists -----------------------------------------------------------------
 */

/* A positive integer of at most 15 digits from s (NULL: dflt). */
static int parse_count(const char *s, int64_t dflt, int64_t max, int64_t *out)
{
    int64_t v = 0;
    size_t i, n;

    if (s == NULL) {
        *out = dflt;
        return 0;
    }
    n = strlen(s);
    if (n == 0 || n > 15)
        return -1;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

static int is_unit_code(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    return (n == 2 || n == 3 || n == 5) && strspn(s, "0123456789") == n;
}

void dos_area_of(const struct app_scope *s, struct store_dos_area *a)
{
    memset(a, 0, sizeof *a);
    a->level = s->level;
    snprintf(a->code, sizeof a->code, "%s", s->area_code);
}

int app_dossier_list(struct db *db, const struct app_user *user,
                     const struct app_dossier_query *q, json_t **out,
                     struct app_dos_err *err)
{
    struct dos_ctx c;
    struct store_dossier_filter f;
    struct store_dossier_list l;
    int64_t page, per;
    json_t *items;
    size_t i;
    int rc;

    *out = NULL;
    rc = dos_ctx_init(&c, user, err);
    if (rc != APP_DOS_OK)
        return rc;
    memset(&f, 0, sizeof f);
    f.today = c.today_iso;
    dos_area_of(&c.scope, &f.scope);
    if (parse_count(q->page, 1, 1000000, &page) != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "page",
                        "Số trang phải là số nguyên dương.");
    if (parse_count(q->per_page, APP_DOS_PAGE_DEF, APP_DOS_PAGE_MAX, &per) != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "per_page",
                        "Số dòng mỗi trang phải từ 1 đến %d.",
                        APP_DOS_PAGE_MAX);
    if (q->unit != NULL) {
        if (!is_unit_code(q->unit))
            return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "unit",
                            "Mã đơn vị gồm 2, 3 hoặc 5 chữ số.");
        f.unit.level = strlen(q->unit) == 2 ? 1 : strlen(q->unit) == 3 ? 2 : 3;
        snprintf(f.unit.code, sizeof f.unit.code, "%s", q->unit);
    }
    if (q->state != NULL && strcmp(q->state, "open") != 0 &&
        strcmp(q->state, "decided") != 0 && strcmp(q->state, "refused") != 0 &&
        strcmp(q->state, "withdrawn") != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "state",
                        "Trạng thái phải là open, decided, refused hoặc "
                        "withdrawn.");
    if (q->kind != NULL && procedure_kind_parse(q->kind) < 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "kind",
                        "Loại hồ sơ không hợp lệ.");
    if (q->step != NULL &&
        (strlen(q->step) == 0 || strlen(q->step) >= STORE_DOS_CODE_SIZE ||
         strspn(q->step, "abcdefghijklmnopqrstuvwxyz0123456789_") !=
             strlen(q->step)))
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "step",
                        "Mã bước không hợp lệ.");
    if (q->overdue != NULL && strcmp(q->overdue, "1") != 0 &&
        strcmp(q->overdue, "0") != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "overdue",
                        "overdue phải là 1 hoặc 0.");
    if (q->person != NULL &&
        parse_count(q->person, 0, INT64_C(9007199254740992), &f.person_id) != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "person",
                        "Mã người phải là số nguyên dương.");
    f.state = q->state;
    f.kind = q->kind;
    f.step = q->step;
    f.overdue = q->overdue != NULL && strcmp(q->overdue, "1") == 0;
    f.limit = per;
    f.offset = (page - 1) * per;
    rc = store_dossier_list(db, &f, &l);
    if (rc != DB_OK)
        return dos_store_fail(db, err, rc);
    items = json_array();
    for (i = 0; i < l.count; i++) {
        const struct store_dossier_row *r = &l.items[i];
        const struct procedure *p = procedure_find(c.set, r->procedure);
        const struct procedure_step *st =
            strcmp(r->state, "open") == 0 ? procedure_step(p, r->step) : NULL;
        struct store_dossier d;
        int has, left;

        memset(&d, 0, sizeof d);
        memcpy(d.state, r->state, sizeof d.state);
        memcpy(d.deadline, r->deadline, sizeof d.deadline);
        memcpy(d.clock_stopped_on, r->clock_stopped_on,
               sizeof d.clock_stopped_on);
        left = dos_days_left(&c, &d, &has);
        json_array_append_new(
            items,
            json_pack(
                "{s:I, s:I, s:{s:I, s:s}, s:s, s:s, s:s, s:s, s:s, s:s,"
                " s:o, s:s, s:o, s:o, s:b, s:b, s:b, s:o}",
                "id", (json_int_t)r->id, "version", (json_int_t)r->version,
                "person", "id", (json_int_t)r->person_id, "full_name",
                r->person_name, "kind", r->kind, "proposed", r->proposed,
                "unit_code", r->unit_code, "procedure", r->procedure,
                "submitted_on", r->submitted_on, "state", r->state, "step",
                st ? json_string(st->code) : json_null(), "step_name",
                st ? st->name : "", "deadline", dos_str(r->deadline),
                "working_days_left", has ? json_integer(left) : json_null(),
                "overdue",
                has && r->clock_stopped_on[0] == '\0' &&
                    strcmp(c.today_iso, r->deadline) > 0,
                "paused", r->waiting_documents, "held", r->open_complaints > 0,
                "closed_on", dos_str(r->closed_on)));
    }
    *out = json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)l.total,
                     "page", (json_int_t)page, "per_page", (json_int_t)per,
                     "items", items);
    store_dossier_list_free(&l);
    return APP_DOS_OK;
}

int app_posting_list(struct db *db, const struct app_user *user,
                     const char *unit, const char *date, json_t **out,
                     struct app_dos_err *err)
{
    struct dos_ctx c;
    struct store_posting_list pl;
    struct date on;
    char iso[11], name[256] = "";
    json_t *items;
    size_t i;
    int rc;

    *out = NULL;
    rc = dos_ctx_init(&c, user, err);
    if (rc != APP_DOS_OK)
        return rc;
    if (date == NULL) {
        on = c.today;
    } else if (date_parse_iso(date, strlen(date), &on) != DATE_OK) {
        return dos_fail(err, APP_DOS_EINVAL, "invalid_date", "date",
                        "Ngày phải có thật, dạng YYYY-MM-DD.");
    }
    date_format_iso(on, iso);
    if (unit == NULL || strlen(unit) != 5 || strspn(unit, "0123456789") != 5)
        return dos_fail(err, APP_DOS_ENOTFOUND, "not_found", NULL,
                        "Danh sách niêm yết chỉ có ở cấp xã (mã 5 chữ số).");
    rc = app_scope_contains(db, &c.scope, unit, iso);
    if (rc < 0)
        return dos_store_fail(db, err, rc);
    if (rc == 0)
        return dos_fail(err, APP_DOS_ENOTFOUND, "not_found", NULL,
                        "Không tìm thấy xã này trong địa bàn của bạn vào "
                        "ngày đó.");
    rc = app_scope_area_name(db, unit, iso, name, sizeof name);
    if (rc < 0 && rc != DB_ENOTFOUND)
        return dos_store_fail(db, err, rc);
    rc = store_dossier_posting(db, unit, iso, &pl);
    if (rc != DB_OK)
        return dos_store_fail(db, err, rc);
    items = json_array();
    for (i = 0; i < pl.count; i++) {
        const struct store_posting_row *r = &pl.items[i];

        /* Only what may be posted: no note, address, number or HIV
         * category. */
        json_array_append_new(
            items,
            json_pack(
                "{s:I, s:s, s:I, s:s, s:o, s:s, s:o}", "dossier_id",
                (json_int_t)r->dossier_id, "full_name", r->person_name,
                "birth_year", (json_int_t)strtol(r->birth_date, NULL, 10),
                "kind_name", procedure_kind_name(procedure_kind_parse(r->kind)),
                "categories", categories_json(r->categories, 1), "posted_from",
                r->started_on, "posted_until", dos_str(r->deadline)));
    }
    *out = json_pack("{s:{s:s, s:s}, s:s, s:o, s:s}", "unit", "code", unit,
                     "name", name, "date", iso, "items", items, "note",
                     "Kết quả xét duyệt niêm yết công khai tại trụ sở UBND "
                     "cấp xã; không niêm yết thông tin liên quan đến "
                     "HIV/AIDS (Nghị định 20/2021/NĐ-CP Điều 8 khoản 1 điểm "
                     "b).");
    store_posting_list_free(&pl);
    return APP_DOS_OK;
}
