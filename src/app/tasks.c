/* tasks.c: the officers' task list (see tasks.h; docs/tasks.md). */
#include "app/tasks.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/dossiers.h"
#include "app/scope.h"
#include "core/procedure.h"
#include "core/text.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_cases.h"
#include "store/store_persons.h"
#include "store/store_tasks.h"
#include "store/store_units.h"
#include "util/clock.h"

static int fail(struct app_task_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(struct app_task_err *err, int rc, const char *code,
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

static int store_fail(struct db *db, struct app_task_err *err, int rc)
{
    if (rc < -100) /* an app error, already explained */
        return rc;
    return fail(err, rc, "storage", NULL, "Lỗi cơ sở dữ liệu: %s",
                db_errmsg(db));
}

static void area_of(const struct app_scope *s, struct store_dos_area *a)
{
    memset(a, 0, sizeof *a);
    a->level = s->level;
    snprintf(a->code, sizeof a->code, "%s", s->area_code);
}

/* --- Generation ---------------------------------------------------------
 */

struct gen_tx {
    const struct app_scope *scope;
    const char *actor;
    struct month m;
    struct app_task_counts *out;
    struct app_task_err *err;
};

/* Write task t (kind k) unless its key exists. */
static int put(struct db *db, struct gen_tx *g, struct store_task *t, int k)
{
    int64_t id = 0;
    int rc;

    snprintf(t->kind, sizeof t->kind, "%s", tasks_kind_code(k));
    clock_now_utc(t->created_at);
    snprintf(t->created_by, sizeof t->created_by, "%s", g->actor);
    rc = store_task_insert(db, t, &id);
    if (rc != DB_OK)
        return rc;
    if (id > 0) {
        g->out->created++;
        g->out->by_kind[k]++;
    } else {
        g->out->existing++;
    }
    return DB_OK;
}

/* The day a person born on `birth` reaches `age` (a 29 February birthday
 * is 1 March in a common year, as date_age_in_month counts). */
static struct date birthday(struct date birth, int age)
{
    struct date d = {birth.y + age, birth.m, birth.d};

    if (!date_is_valid(d.y, d.m, d.d)) {
        d.m = 3;
        d.d = 1;
    }
    return d;
}

static int gen_birthdays(struct db *db, struct gen_tx *g,
                         const struct store_dos_area *area, const char *first,
                         const char *last)
{
    const struct tasks_birthday_rule *rules;
    size_t nrules, i, k;
    int rc = DB_OK;

    rules = tasks_birthday_rules(&nrules);
    for (i = 0; rc == DB_OK && i < nrules; i++) {
        struct store_task_candidates cl;
        struct date lo, hi;
        char los[11], his[11];

        if (tasks_birth_range(g->m, rules[i].age, &lo, &hi) != 0)
            continue;
        date_format_iso(lo, los);
        date_format_iso(hi, his);
        rc = store_tasks_birthdays(db, rules[i].category, los, his, first, last,
                                   last, area, &cl);
        for (k = 0; rc == DB_OK && k < cl.count; k++) {
            const struct store_task_candidate *c = &cl.items[k];
            struct store_task t;
            struct date b;

            memset(&t, 0, sizeof t);
            snprintf(t.task_key, sizeof t.task_key, "%s:%lld",
                     tasks_kind_code(rules[i].kind), (long long)c->person_id);
            memcpy(t.unit_code, c->unit_code, sizeof t.unit_code);
            t.person_id = c->person_id;
            memcpy(t.category, c->category, sizeof t.category);
            snprintf(t.decision, sizeof t.decision, "%s",
                     tasks_decision_code(rules[i].decision));
            date_parse_iso(c->birth_date, 10, &b);
            date_format_iso(birthday(b, rules[i].age), t.event_on);
            memcpy(t.due_on, last, 11);
            rc = put(db, g, &t, rules[i].kind);
        }
        store_task_candidates_free(&cl);
    }
    return rc;
}

static int gen_suspensions(struct db *db, struct gen_tx *g,
                           const struct store_dos_area *area, const char *last)
{
    struct store_task_candidates cl;
    struct date l, since_max;
    char sm[11];
    size_t k;
    int rc;

    /* Suspended on or before the day three months before the month's
     * last day: three months are over by then. */
    date_parse_iso(last, 10, &l);
    {
        struct month back = month_add(g->m, -3);
        int dim = date_days_in_month(back.y, back.m);

        since_max.y = back.y;
        since_max.m = back.m;
        since_max.d = l.d <= dim ? l.d : dim;
    }
    date_format_iso(since_max, sm);
    rc = store_tasks_suspensions(db, sm, last, area, &cl);
    for (k = 0; rc == DB_OK && k < cl.count; k++) {
        const struct store_task_candidate *c = &cl.items[k];
        struct store_task t;
        struct date s, due;

        memset(&t, 0, sizeof t);
        snprintf(t.task_key, sizeof t.task_key, "suspended_3m:%lld:%s",
                 (long long)c->person_id, c->since);
        memcpy(t.unit_code, c->unit_code, sizeof t.unit_code);
        t.person_id = c->person_id;
        /* Circular 02/2021 Art. 2(1): three months after a suspension
         * for a re-assessment not complied with, termination is due. */
        snprintf(t.decision, sizeof t.decision, "%s",
                 tasks_decision_code(strcmp(c->reason, "reassessment") == 0
                                         ? TASKS_DEC_TERMINATE
                                         : TASKS_DEC_RESUME_OR_TERMINATE));
        date_parse_iso(c->since, 10, &s);
        tasks_suspension_due(s, &due);
        date_format_iso(due, t.event_on);
        memcpy(t.due_on, t.event_on, 11);
        rc = put(db, g, &t, TASKS_SUSPENDED_3M);
    }
    store_task_candidates_free(&cl);
    return rc;
}

static int gen_overdue(struct db *db, struct gen_tx *g,
                       const struct store_dos_area *area, const char *on)
{
    struct store_task_candidates cl;
    size_t k;
    int rc = store_tasks_overdue(db, on, area, &cl);

    for (k = 0; rc == DB_OK && k < cl.count; k++) {
        const struct store_task_candidate *c = &cl.items[k];
        struct store_task t;

        memset(&t, 0, sizeof t);
        snprintf(t.task_key, sizeof t.task_key, "overdue_step:%lld:%lld",
                 (long long)c->dossier_id, (long long)c->step_seq);
        memcpy(t.unit_code, c->unit_code, sizeof t.unit_code);
        t.person_id = c->person_id;
        t.dossier_id = c->dossier_id;
        snprintf(t.decision, sizeof t.decision, "%s",
                 tasks_decision_code(TASKS_DEC_ACT));
        memcpy(t.event_on, c->deadline, 11);
        memcpy(t.due_on, c->deadline, 11);
        rc = put(db, g, &t, TASKS_OVERDUE_STEP);
    }
    store_task_candidates_free(&cl);
    return rc;
}

static int generate_fn(struct db *db, void *arg)
{
    struct gen_tx *g = arg;
    struct store_dos_area area;
    struct date first, last, today = clock_today_vn();
    char f[11], l[11], on[11], path[APP_SCOPE_PATH_SIZE] = "";
    json_t *detail, *kinds;
    char *text;
    int k, rc;

    area_of(g->scope, &area);
    first = month_first_day(g->m);
    last = date_add_days(month_first_day(month_add(g->m, 1)), -1);
    date_format_iso(first, f);
    date_format_iso(last, l);
    date_format_iso(date_cmp(today, last) < 0 ? today : last, on);
    rc = gen_birthdays(db, g, &area, f, l);
    if (rc == DB_OK)
        rc = gen_suspensions(db, g, &area, l);
    if (rc == DB_OK)
        rc = gen_overdue(db, g, &area, on);
    if (rc != DB_OK)
        return store_fail(db, g->err, rc);
    if (g->out->created == 0)
        return APP_TASK_OK; /* nothing new: nothing to record */
    if (g->scope->area_code[0] != '\0' &&
        app_scope_path(db, g->scope->area_code, l, path) != DB_OK)
        path[0] = '\0';
    kinds = json_object();
    for (k = 0; k < TASKS_KIND_COUNT; k++)
        if (g->out->by_kind[k] > 0)
            json_object_set_new(kinds, tasks_kind_code(k),
                                json_integer(g->out->by_kind[k]));
    detail =
        json_pack("{s:s, s:s, s:I, s:I, s:o}", "month", g->out->month, "area",
                  g->scope->area_code, "created", (json_int_t)g->out->created,
                  "existing", (json_int_t)g->out->existing, "by_kind", kinds);
    text = json_dumps(detail, JSON_COMPACT);
    json_decref(detail);
    {
        struct store_audit_rec rec = {
            g->actor, "tasks.generate", "task", "", path, text, NULL, NULL};

        rc = text ? store_audit_append(db, &rec, NULL) : DB_ERROR;
    }
    free(text);
    return rc == DB_OK ? APP_TASK_OK : store_fail(db, g->err, rc);
}

int app_tasks_generate(struct db *db, const struct app_scope *scope,
                       const char *actor, const char *month,
                       struct app_task_counts *out, struct app_task_err *err)
{
    struct gen_tx g;
    int rc;

    memset(out, 0, sizeof *out);
    memset(err, 0, sizeof *err);
    memset(&g, 0, sizeof g);
    if (month == NULL ||
        month_parse_iso(month, strlen(month), &g.m) != DATE_OK ||
        g.m.y * 12 + g.m.m < 2021 * 12 + 7 || g.m.y > 2199)
        return fail(err, APP_TASK_EINVAL, "invalid_month", "month",
                    "Tháng phải dạng YYYY-MM, từ 2021-07 (Nghị định "
                    "20/2021/NĐ-CP).");
    month_format_iso(g.m, out->month);
    g.scope = scope;
    g.actor = actor;
    g.out = out;
    g.err = err;
    rc = db_transact(db, generate_fn, &g);
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        return store_fail(db, err, rc);
    if (rc != APP_TASK_OK) {
        struct app_task_counts zero;

        memset(&zero, 0, sizeof zero);
        memcpy(zero.month, out->month, sizeof zero.month);
        *out = zero;
    }
    return rc;
}

/* --- Reading ---------------------------------------------------------------
 */

/* 1 if task t lies in scope (its unit on today's tree while open, on the
 * tree of the day it was done afterwards), 0 if not, or a negative db_rc. */
static int task_in_scope(struct db *db, const struct app_scope *s,
                         const struct store_task *t, const char *today)
{
    if (strlen(t->unit_code) == 2)
        return s->level == APP_SCOPE_NATIONAL ||
               (s->level == APP_SCOPE_PROVINCE &&
                strcmp(s->area_code, t->unit_code) == 0);
    return app_scope_contains(db, s, t->unit_code,
                              t->done_on[0] ? t->done_on : today);
}

static json_t *str_or_null(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

/* The candidates of an assignment: the successors of its old commune at
 * its reform. */
static json_t *candidates_json(struct db *db, const struct store_task *t,
                               int *rc)
{
    struct store_units_links ll;
    json_t *a = json_array();
    size_t i;

    *rc = store_units_successors(db, t->from_unit, &ll);
    for (i = 0; *rc == DB_OK && i < ll.count; i++) {
        const struct store_units_link *l = &ll.items[i];

        if (strcmp(l->effective, t->event_on) == 0)
            json_array_append_new(
                a, json_pack("{s:s, s:s, s:s}", "code", l->new_code, "name",
                             l->new_name, "kind",
                             l->partial ? "partial" : "full"));
    }
    store_units_links_free(&ll);
    return a;
}

static json_t *task_json(struct db *db, const struct store_task *t,
                         const char *today, int *rc)
{
    int k = tasks_kind_parse(t->kind), dec = tasks_decision_parse(t->decision);
    char name[256] = "";
    json_t *o;

    *rc = DB_OK;
    if (app_scope_area_name(db, t->unit_code,
                            t->done_on[0] ? t->done_on : today, name,
                            sizeof name) != DB_OK)
        name[0] = '\0';
    o = json_pack(
        "{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s}, s:o, s:s,"
        " s:s, s:b, s:o, s:o, s:o, s:o, s:s, s:o}",
        "id", (json_int_t)t->id, "version", (json_int_t)t->version, "kind",
        t->kind, "title", tasks_kind_title(k), "rules_ref",
        tasks_kind_rules_ref(k), "decision", t->decision, "decision_text",
        tasks_decision_text(dec), "state", t->state, "unit", "code",
        t->unit_code, "name", name, "category", str_or_null(t->category),
        "event_on", t->event_on, "due_on", t->due_on, "overdue",
        strcmp(t->state, "open") == 0 && strcmp(t->due_on, today) < 0,
        "dossier_id",
        t->dossier_id > 0 ? json_integer((json_int_t)t->dossier_id)
                          : json_null(),
        "from_unit", str_or_null(t->from_unit), "done_on",
        str_or_null(t->done_on), "done_by", str_or_null(t->done_by), "note",
        t->note, "resolution", str_or_null(t->resolution));
    json_object_set_new(o, "person",
                        t->person_id > 0
                            ? json_pack("{s:I, s:s, s:s}", "id",
                                        (json_int_t)t->person_id, "full_name",
                                        t->person_name, "birth_date",
                                        t->birth_date)
                            : json_null());
    json_object_set_new(o, "user",
                        t->user_id > 0 ? json_pack("{s:I, s:s}", "id",
                                                   (json_int_t)t->user_id,
                                                   "username", t->username)
                                       : json_null());
    if (strcmp(t->kind, "assign_commune") == 0 ||
        strcmp(t->kind, "assign_user") == 0)
        json_object_set_new(o, "candidates", candidates_json(db, t, rc));
    return o;
}

/* A positive integer of at most 15 digits, up to max. */
static int parse_count(const char *s, int64_t max, int64_t *out)
{
    int64_t v = 0;
    size_t i, n = s ? strlen(s) : 0;

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

int app_tasks_list(struct db *db, const struct app_scope *scope,
                   const struct app_task_query *q, json_t **out,
                   struct app_task_err *err)
{
    struct store_task_filter f;
    struct store_task_list l;
    char today[11];
    struct date dd;
    int64_t page = 1, per = APP_TASK_PAGE_DEF, total;
    json_t *items;
    size_t i, n;
    int rc = DB_OK;

    *out = NULL;
    memset(err, 0, sizeof *err);
    date_format_iso(clock_today_vn(), today);
    memset(&f, 0, sizeof f);
    area_of(scope, &f.scope);
    if (q->page != NULL && parse_count(q->page, 1000000, &page) != 0)
        return fail(err, APP_TASK_EINVAL, "invalid_query", "page",
                    "Số trang phải là số nguyên dương.");
    if (q->per_page != NULL &&
        parse_count(q->per_page, APP_TASK_PAGE_MAX, &per) != 0)
        return fail(err, APP_TASK_EINVAL, "invalid_query", "per_page",
                    "Số dòng mỗi trang phải từ 1 đến %d.", APP_TASK_PAGE_MAX);
    if (q->unit != NULL) {
        n = strlen(q->unit);
        if ((n != 2 && n != 3 && n != 5) || strspn(q->unit, "0123456789") != n)
            return fail(err, APP_TASK_EINVAL, "invalid_query", "unit",
                        "Mã đơn vị gồm 2, 3 hoặc 5 chữ số.");
        f.unit.level = n == 2 ? 1 : n == 3 ? 2 : 3;
        snprintf(f.unit.code, sizeof f.unit.code, "%s", q->unit);
    }
    if (q->kind != NULL && tasks_kind_parse(q->kind) < 0)
        return fail(err, APP_TASK_EINVAL, "invalid_query", "kind",
                    "Loại công việc không hợp lệ (như child_16, elderly_80, "
                    "overdue_step, assign_commune).");
    if (q->state != NULL && strcmp(q->state, "open") != 0 &&
        strcmp(q->state, "done") != 0)
        return fail(err, APP_TASK_EINVAL, "invalid_query", "state",
                    "Trạng thái phải là open hoặc done.");
    if (q->due_before != NULL &&
        date_parse_iso(q->due_before, strlen(q->due_before), &dd) != DATE_OK)
        return fail(err, APP_TASK_EINVAL, "invalid_query", "due_before",
                    "Ngày phải có thật, dạng YYYY-MM-DD.");
    if (q->person != NULL &&
        parse_count(q->person, INT64_C(9007199254740992), &f.person_id) != 0)
        return fail(err, APP_TASK_EINVAL, "invalid_query", "person",
                    "Mã người phải là số nguyên dương.");
    f.today = today;
    f.kind = q->kind;
    f.state = q->state;
    f.due_before = q->due_before;
    f.limit = per;
    f.offset = (page - 1) * per;
    rc = store_task_list(db, &f, &l);
    if (rc != DB_OK)
        return store_fail(db, err, rc);
    items = json_array();
    for (i = 0; rc == DB_OK && i < l.count; i++)
        json_array_append_new(items, task_json(db, &l.items[i], today, &rc));
    total = l.total;
    store_task_list_free(&l);
    if (rc != DB_OK) {
        json_decref(items);
        return store_fail(db, err, rc);
    }
    *out = json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)total, "page",
                     (json_int_t)page, "per_page", (json_int_t)per, "items",
                     items);
    return APP_TASK_OK;
}

/* Load task id when in scope; APP_TASK_ENOTFOUND otherwise. */
static int load(struct db *db, const struct app_scope *scope, int64_t id,
                const char *today, struct store_task *t,
                struct app_task_err *err)
{
    int rc = store_task_get(db, id, t);

    if (rc == DB_OK)
        rc = task_in_scope(db, scope, t, today);
    else if (rc == DB_ENOTFOUND)
        rc = 0;
    if (rc < 0)
        return store_fail(db, err, rc);
    if (rc == 0)
        return fail(err, APP_TASK_ENOTFOUND, "not_found", NULL,
                    "Không tìm thấy công việc này trong địa bàn của bạn.");
    return APP_TASK_OK;
}

int app_task_get(struct db *db, const struct app_scope *scope, int64_t id,
                 json_t **out, struct app_task_err *err)
{
    struct store_task t;
    char today[11];
    int rc;

    *out = NULL;
    memset(err, 0, sizeof *err);
    date_format_iso(clock_today_vn(), today);
    rc = load(db, scope, id, today, &t, err);
    if (rc != APP_TASK_OK)
        return rc;
    *out = task_json(db, &t, today, &rc);
    if (rc != DB_OK) {
        json_decref(*out);
        *out = NULL;
        return store_fail(db, err, rc);
    }
    return APP_TASK_OK;
}

/* --- Closing ---------------------------------------------------------------
 */

struct done_tx {
    const struct app_scope *scope;
    const char *actor;
    int64_t id;
    const struct app_task_close *in;
    char note[4 * APP_TASK_NOTE_MAX + 1];
    struct app_task_err *err;
};

/* Is `unit` a commune the assignment may choose? One of the successors of
 * its old commune at its reform, or, when there were none, any commune of
 * its province on that day. */
static int may_choose(struct db *db, const struct store_task *t,
                      const char *unit, struct app_task_err *err)
{
    struct store_units_links ll;
    struct units_version v;
    size_t i, links = 0;
    int ok = 0, rc;

    rc = store_units_successors(db, t->from_unit, &ll);
    for (i = 0; rc == DB_OK && i < ll.count; i++) {
        if (strcmp(ll.items[i].effective, t->event_on) != 0)
            continue;
        links++;
        ok |= strcmp(ll.items[i].new_code, unit) == 0;
    }
    store_units_links_free(&ll);
    if (rc != DB_OK)
        return store_fail(db, err, rc);
    if (links == 0) {
        rc = store_units_get(db, unit, t->event_on, &v, NULL);
        if (rc != DB_OK && rc != DB_ENOTFOUND)
            return store_fail(db, err, rc);
        ok = rc == DB_OK && v.level == UNITS_COMMUNE &&
             strcmp(v.province_code, t->unit_code) == 0;
    }
    if (!ok)
        return fail(err, APP_TASK_EINVAL, "invalid_unit", "unit_code",
                    "Chỉ được chọn một trong các xã, phường kế thừa xã cũ %s "
                    "(không tự suy đoán: chọn theo địa chỉ).",
                    t->from_unit);
    return APP_TASK_OK;
}

/* Place the person of assignment t in `unit` from its reform day. */
static int assign(struct db *db, struct done_tx *x, const struct store_task *t,
                  const char *unit, json_t *newv)
{
    struct store_residence_list rl;
    char address[801] = "";
    int64_t dossiers = 0, households = 0, tasks = 0;
    size_t i;
    int rc, found = 0, later = 0;

    rc = store_persons_residences(db, t->person_id, &rl);
    for (i = 0; rc == DB_OK && i < rl.count; i++) {
        const struct store_residence *r = &rl.items[i];

        if (strcmp(r->valid_from, t->event_on) >= 0)
            later = 1;
        else if (strcmp(r->unit_code, t->from_unit) == 0 &&
                 strcmp(r->valid_to, t->event_on) == 0) {
            found = 1;
            memcpy(address, r->address, sizeof address);
        }
    }
    store_residence_list_free(&rl);
    if (rc != DB_OK)
        return store_fail(db, x->err, rc);
    if (later || !found)
        return fail(x->err, APP_TASK_ESTATE, "already_placed", NULL,
                    "Người này đã có nơi cư trú từ %s: không cần xác định "
                    "lại.",
                    t->event_on);
    rc = store_persons_residence_add(db, x->actor, t->person_id, unit, address,
                                     t->event_on, NULL, NULL);
    if (rc == DB_OK)
        rc = store_cases_household_move(db, t->person_id, t->from_unit, unit,
                                        &households);
    if (rc == DB_OK)
        rc = store_cases_dossiers_move(db, t->person_id, t->from_unit, unit,
                                       &dossiers);
    if (rc == DB_OK)
        rc = store_tasks_move_person(db, t->person_id, t->unit_code, unit,
                                     &tasks);
    if (rc == DB_OK) {
        int64_t more = 0;

        /* Tasks left in the old code when a new commune kept it. */
        rc = store_tasks_move_person(db, t->person_id, t->from_unit, unit,
                                     &more);
        tasks += more;
    }
    if (rc != DB_OK)
        return store_fail(db, x->err, rc);
    json_object_set_new(newv, "residence",
                        json_pack("{s:s, s:s, s:s}", "unit_code", unit,
                                  "valid_from", t->event_on, "address",
                                  address));
    json_object_set_new(newv, "moved",
                        json_pack("{s:I, s:I, s:I}", "households",
                                  (json_int_t)households, "dossiers",
                                  (json_int_t)dossiers, "tasks",
                                  (json_int_t)tasks));
    return APP_TASK_OK;
}

static int done_fn(struct db *db, void *arg)
{
    struct done_tx *x = arg;
    struct store_task t;
    char today[11], path[APP_SCOPE_PATH_SIZE] = "", id[24];
    const char *unit = x->in->unit_code;
    json_t *oldv, *newv;
    char *o, *n;
    int rc;

    date_format_iso(clock_today_vn(), today);
    rc = load(db, x->scope, x->id, today, &t, x->err);
    if (rc != APP_TASK_OK)
        return rc;
    if (strcmp(t.state, "open") != 0)
        return fail(x->err, APP_TASK_ESTATE, "task_done", NULL,
                    "Công việc này đã xong ngày %s.", t.done_on);
    if (t.version != x->in->version)
        return fail(x->err, APP_TASK_ECONFLICT, "version_conflict", "version",
                    "Công việc đã được người khác cập nhật (phiên bản hiện tại "
                    "%lld); hãy tải lại.",
                    (long long)t.version);
    if (strcmp(t.kind, "assign_commune") == 0) {
        if (unit == NULL)
            return fail(x->err, APP_TASK_EINVAL, "missing_field", "unit_code",
                        "Cần chọn xã, phường mới (unit_code) theo địa chỉ.");
        rc = may_choose(db, &t, unit, x->err);
        if (rc != APP_TASK_OK)
            return rc;
    } else if (unit != NULL) {
        return fail(x->err, APP_TASK_EINVAL, "unexpected_field", "unit_code",
                    "Chỉ công việc xác định xã, phường mới ghi unit_code.");
    }
    oldv = json_pack("{s:s, s:I}", "state", t.state, "version",
                     (json_int_t)t.version);
    newv = json_pack("{s:s, s:s, s:s}", "state", "done", "done_on", today,
                     "note", x->note);
    memcpy(t.done_on, today, 11);
    snprintf(t.done_by, sizeof t.done_by, "%s", x->actor);
    snprintf(t.note, sizeof t.note, "%s", x->note);
    snprintf(t.resolution, sizeof t.resolution, "%s", unit ? unit : "");
    rc = store_task_done(db, &t);
    if (rc == DB_ECONFLICT)
        rc = fail(x->err, APP_TASK_ECONFLICT, "version_conflict", "version",
                  "Công việc đã được người khác cập nhật; hãy tải lại.");
    else if (rc != DB_OK)
        rc = store_fail(db, x->err, rc);
    if (rc == APP_TASK_OK && unit != NULL) {
        json_object_set_new(newv, "resolution", json_string(unit));
        rc = assign(db, x, &t, unit, newv);
    }
    if (rc != APP_TASK_OK)
        goto out;
    if (app_scope_path(db, unit ? unit : t.unit_code, today, path) != DB_OK)
        path[0] = '\0';
    snprintf(id, sizeof id, "%lld", (long long)t.id);
    o = json_dumps(oldv, JSON_COMPACT);
    n = json_dumps(newv, JSON_COMPACT);
    {
        char detail[160];
        struct store_audit_rec rec = {x->actor, "task.done", "task", id,
                                      path,     detail,      o,      n};

        snprintf(detail, sizeof detail, "{\"kind\":\"%s\",\"person_id\":%lld}",
                 t.kind, (long long)t.person_id);
        rc = o && n ? store_audit_append(db, &rec, NULL) : DB_ERROR;
    }
    free(o);
    free(n);
    if (rc != DB_OK)
        rc = store_fail(db, x->err, rc);
out:
    json_decref(oldv);
    json_decref(newv);
    return rc;
}

int app_task_done(struct db *db, const struct app_scope *scope,
                  const char *actor, int64_t id,
                  const struct app_task_close *in, struct app_task_err *err)
{
    struct done_tx x;
    size_t n;
    int rc;

    memset(err, 0, sizeof *err);
    memset(&x, 0, sizeof x);
    if (in->note != NULL && strlen(in->note) <= sizeof x.note - 1) {
        char *clean = NULL;

        if (text_clean(in->note, strlen(in->note), APP_TASK_NOTE_MAX,
                       TEXT_TRIM | TEXT_ALLOW_NEWLINE | TEXT_REQUIRED, &clean,
                       NULL) == TEXT_OK)
            snprintf(x.note, sizeof x.note, "%s", clean);
        free(clean);
    }
    if (x.note[0] == '\0')
        return fail(err, APP_TASK_EINVAL, "invalid_field", "note",
                    "Cần ghi chú việc đã làm (1 đến %d ký tự).",
                    APP_TASK_NOTE_MAX);
    n = in->unit_code ? strlen(in->unit_code) : 0;
    if (in->unit_code != NULL &&
        (n != 5 || strspn(in->unit_code, "0123456789") != 5))
        return fail(err, APP_TASK_EINVAL, "invalid_unit", "unit_code",
                    "Mã xã, phường gồm 5 chữ số.");
    if (in->version < 1)
        return fail(err, APP_TASK_EINVAL, "missing_field", "version",
                    "Thiếu phiên bản công việc (version).");
    x.scope = scope;
    x.actor = actor;
    x.id = id;
    x.in = in;
    x.err = err;
    rc = db_transact(db, done_fn, &x);
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        return store_fail(db, err, rc);
    return rc;
}
