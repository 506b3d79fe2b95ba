/* store_tasks.c: SQL of the officers' tasks (see store_tasks.h). */
#include "store/store_tasks.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/store_dos_int.h"

#define ST struct store_task
/* Columns of TASK_COLUMNS, in order. */
static const struct dos_field task_fields[] = {
    DOS_I(ST, id),         DOS_T(ST, task_key),   DOS_T(ST, kind),
    DOS_T(ST, unit_code),  DOS_I(ST, person_id),  DOS_I(ST, dossier_id),
    DOS_I(ST, user_id),    DOS_T(ST, category),   DOS_T(ST, decision),
    DOS_T(ST, from_unit),  DOS_T(ST, event_on),   DOS_T(ST, due_on),
    DOS_T(ST, state),      DOS_T(ST, done_on),    DOS_T(ST, done_by),
    DOS_T(ST, note),       DOS_T(ST, resolution), DOS_T(ST, created_at),
    DOS_T(ST, created_by), DOS_I(ST, version),    DOS_T(ST, person_name),
    DOS_T(ST, birth_date), DOS_T(ST, id_number),  DOS_T(ST, username),
};
#undef ST
#define TASK_COLUMNS                                                           \
    "t.id, t.task_key, t.kind, t.unit_code, t.person_id, t.dossier_id,"        \
    " t.user_id, t.category, t.decision, t.from_unit, t.event_on, t.due_on,"   \
    " t.state, t.done_on, t.done_by, t.note, t.resolution, t.created_at,"      \
    " t.created_by, t.version, p.full_name, p.birth_date, p.id_number,"        \
    " us.username"
#define TASK_FROM                                                              \
    " FROM tasks t LEFT JOIN persons p ON p.id = t.person_id"                  \
    " LEFT JOIN users us ON us.id = t.user_id"

#define SC struct store_task_candidate

void store_task_list_free(struct store_task_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    memset(l, 0, sizeof *l);
}

void store_task_candidates_free(struct store_task_candidates *l)
{
    if (l == NULL)
        return;
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* Bind text s, or SQL NULL for "". */
static int bind_opt(struct db_stmt *st, int n, const char *s)
{
    return s == NULL || s[0] == '\0' ? db_bind_null(st, n)
                                     : db_bind_text(st, n, s, (size_t)-1);
}

/* Bind id v, or SQL NULL for 0. */
static int bind_id(struct db_stmt *st, int n, int64_t v)
{
    return v > 0 ? db_bind_int64(st, n, v) : db_bind_null(st, n);
}

int store_task_insert(struct db *db, const struct store_task *t, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO tasks (task_key, kind, unit_code, person_id, dossier_id,"
        " user_id, category, decision, from_unit, event_on, due_on, state,"
        " created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8,"
        " $9, $10, $11, 'open', $12, $13)"
        " ON CONFLICT (task_key) DO NOTHING RETURNING id";
    struct db_stmt *st;
    int rc;

    *id = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, t->task_key, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, t->kind, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, t->unit_code, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_id(st, 4, t->person_id);
    if (rc == DB_OK)
        rc = bind_id(st, 5, t->dossier_id);
    if (rc == DB_OK)
        rc = bind_id(st, 6, t->user_id);
    if (rc == DB_OK)
        rc = bind_opt(st, 7, t->category);
    if (rc == DB_OK)
        rc = db_bind_text(st, 8, t->decision, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_opt(st, 9, t->from_unit);
    if (rc == DB_OK)
        rc = db_bind_text(st, 10, t->event_on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 11, t->due_on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 12, t->created_at, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 13, t->created_by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_OK; /* the key was there: nothing written */
    }
    db_reset(st);
    return rc;
}

int store_task_get(struct db *db, int64_t id, struct store_task *out)
{
    static const char sql[] =
        "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.id = $1";
    struct db_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = dos_read(db, st, 0, task_fields,
                      sizeof task_fields / sizeof task_fields[0], out);
    else if (rc == DB_DONE)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có công việc mã %lld",
                          (long long)id);
    db_reset(st);
    return rc;
}

/* " AND <task t lies in area a>": a commune task through the unit tree of
 * its day (ref: the parameter holding today), a province task by its
 * code. */
static void qb_task_area(struct dos_qb *b, const struct store_dos_area *a,
                         int ref)
{
    static const char *const col[] = {
        NULL, "u.province_code = ", "u.parent_code = ", "u.code = "};
    int code;

    if (a->level < 1 || a->level > 3)
        return;
    dos_qb_sql(b, " AND (");
    if (a->level == 1) {
        dos_qb_sql(b, "t.unit_code = ");
        code = dos_qb_text(b, a->code);
        dos_qb_sql(b, " OR ");
    } else {
        code = 0;
    }
    dos_qb_sql(b, "EXISTS (SELECT 1 FROM units u WHERE u.code = t.unit_code"
                  " AND u.level = 3 AND u.valid_from <= coalesce(t.done_on, ");
    dos_qb_ref(b, ref);
    dos_qb_sql(b, ") AND (u.valid_to IS NULL OR u.valid_to > "
                  "coalesce(t.done_on, ");
    dos_qb_ref(b, ref);
    dos_qb_sql(b, ")) AND ");
    dos_qb_sql(b, col[a->level]);
    if (code > 0)
        dos_qb_ref(b, code);
    else
        dos_qb_text(b, a->code);
    dos_qb_sql(b, "))");
}

static void build_list(struct dos_qb *b, const struct store_task_filter *f,
                       int count)
{
    int today;

    memset(b, 0, sizeof *b);
    dos_qb_sql(b, count ? "SELECT count(*)" : "SELECT " TASK_COLUMNS);
    /* Today is referenced once at least, whatever the filters (every
     * bound parameter must appear: PostgreSQL counts them). */
    dos_qb_sql(b, TASK_FROM " WHERE coalesce(t.done_on, ");
    today = dos_qb_text(b, f->today);
    dos_qb_sql(b, ") IS NOT NULL");
    qb_task_area(b, &f->scope, today);
    qb_task_area(b, &f->unit, today);
    if (f->kind != NULL) {
        dos_qb_sql(b, " AND t.kind = ");
        dos_qb_text(b, f->kind);
    }
    if (f->state != NULL) {
        dos_qb_sql(b, " AND t.state = ");
        dos_qb_text(b, f->state);
    }
    if (f->due_before != NULL) {
        dos_qb_sql(b, " AND t.due_on <= ");
        dos_qb_text(b, f->due_before);
    }
    if (f->person_id > 0) {
        dos_qb_sql(b, " AND t.person_id = ");
        dos_qb_int(b, f->person_id);
    }
    if (!count) {
        dos_qb_sql(b, " ORDER BY CASE WHEN t.state = 'open' THEN 0 ELSE 1"
                      " END, t.due_on, t.id LIMIT ");
        dos_qb_int(b, f->limit);
        dos_qb_sql(b, " OFFSET ");
        dos_qb_int(b, f->offset);
    }
}

int store_task_list(struct db *db, const struct store_task_filter *f,
                    struct store_task_list *out)
{
    struct dos_qb b;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (f->today == NULL || f->limit < 1 || f->limit > STORE_DOS_LIST_MAX ||
        f->offset < 0)
        return db_set_error(db, DB_EINVAL, "tasks: bad list filter");
    if ((rc = dos_check_area(db, &f->scope)) != DB_OK ||
        (rc = dos_check_area(db, &f->unit)) != DB_OK)
        return rc;
    build_list(&b, f, 1);
    rc = dos_qb_count(db, &b, "tasks", &out->total);
    if (rc != DB_OK || out->total <= f->offset)
        return rc;
    build_list(&b, f, 0);
    rc = dos_qb_read_all(db, &b, "tasks", task_fields,
                         sizeof task_fields / sizeof task_fields[0],
                         sizeof *out->items, &items, &out->count);
    out->items = items;
    if (rc != DB_OK)
        store_task_list_free(out);
    return rc;
}

int store_task_done(struct db *db, const struct store_task *t)
{
    static const char sql[] =
        "UPDATE tasks SET state = 'done', done_on = $3, done_by = $4,"
        " note = $5, resolution = $6, version = version + 1"
        " WHERE id = $1 AND version = $2 AND state = 'open'";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, t->id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, t->version);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, t->done_on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, t->done_by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, t->note, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_opt(st, 6, t->resolution);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = db_changes(st) == 1
                 ? DB_OK
                 : db_set_error(db, DB_ECONFLICT,
                                "Công việc %lld đã đổi hoặc đã xong",
                                (long long)t->id);
    db_reset(st);
    return rc;
}

/* Run a statement whose parameters are bound, counting the rows it
 * changed into *n (may be NULL). */
static int run_changes(struct db_stmt *st, int rc, int64_t *n)
{
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE) {
        if (n != NULL)
            *n = db_changes(st);
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

int store_tasks_move_person(struct db *db, int64_t person_id,
                            const char *from_unit, const char *to_unit,
                            int64_t *n)
{
    static const char sql[] =
        "UPDATE tasks SET unit_code = $3, version = version + 1"
        " WHERE person_id = $1 AND unit_code = $2 AND state = 'open'";
    struct db_stmt *st;
    int rc;

    if (n != NULL)
        *n = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, from_unit, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, to_unit, (size_t)-1);
    return run_changes(st, rc, n);
}

int store_tasks_close_user(struct db *db, int64_t user_id, const char *done_on,
                           const char *done_by, const char *note, int64_t *n)
{
    static const char sql[] =
        "UPDATE tasks SET state = 'done', done_on = $2, done_by = $3,"
        " note = $4, version = version + 1"
        " WHERE user_id = $1 AND kind = 'assign_user' AND state = 'open'";
    struct db_stmt *st;
    int rc;

    if (n != NULL)
        *n = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, user_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, done_on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, done_by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, note, (size_t)-1);
    return run_changes(st, rc, n);
}

/* Read the candidates of a built query. */
static int read_candidates(struct db *db, const struct dos_qb *b,
                           const struct dos_field *f, size_t nf,
                           struct store_task_candidates *out)
{
    struct db_stmt *st;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (b->overflow)
        return db_set_error(db, DB_EINVAL, "tasks: query too long");
    rc = db_prepare(db, b->sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = dos_qb_bind(st, b);
    if (rc == DB_OK)
        rc = dos_read_all(db, st, f, nf, sizeof *out->items, &items,
                          &out->count);
    out->items = items;
    db_reset(st);
    if (rc != DB_OK)
        store_task_candidates_free(out);
    return rc;
}

/* The residence valid on parameter `on` and its commune on that day,
 * joined as r and u. */
static void qb_resident(struct dos_qb *b, const char *person, int on)
{
    dos_qb_sql(b, " JOIN residences r ON r.person_id = ");
    dos_qb_sql(b, person);
    dos_qb_sql(b, " AND r.valid_from <= ");
    dos_qb_ref(b, on);
    dos_qb_sql(b, " AND (r.valid_to IS NULL OR r.valid_to > ");
    dos_qb_ref(b, on);
    dos_qb_sql(b, ") JOIN units u ON u.code = r.unit_code AND u.level = 3"
                  " AND u.valid_from <= ");
    dos_qb_ref(b, on);
    dos_qb_sql(b, " AND (u.valid_to IS NULL OR u.valid_to > ");
    dos_qb_ref(b, on);
    dos_qb_sql(b, ")");
}

static int check_dates(struct db *db, const char *const *d, size_t n)
{
    struct date x;
    size_t i;

    for (i = 0; i < n; i++)
        if (d[i] == NULL || date_parse_iso(d[i], strlen(d[i]), &x) != DATE_OK)
            return db_set_error(db, DB_ECHECK, "tasks: bad date '%s'",
                                d[i] ? d[i] : "");
    return DB_OK;
}

int store_tasks_birthdays(struct db *db, const char *category, const char *lo,
                          const char *hi, const char *first, const char *last,
                          const char *on, const struct store_dos_area *area,
                          struct store_task_candidates *out)
{
    static const struct dos_field f[] = {
        DOS_I(SC, person_id),
        DOS_T(SC, birth_date),
        DOS_T(SC, category),
        DOS_T(SC, unit_code),
    };
    const char *dates[] = {lo, hi, first, last, on};
    char pattern[16];
    struct dos_qb b;
    int p_first, p_on;
    size_t n = category ? strlen(category) : 0;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = check_dates(db, dates, 5)) != DB_OK ||
        (rc = dos_check_area(db, area)) != DB_OK)
        return rc;
    /* "K1*" is the family K1a..K1l; any other code is exact. */
    if (n == 0 || n > 6 || strspn(category, "KLabcdeghikl0123456789*") != n)
        return db_set_error(db, DB_EINVAL, "tasks: bad category");
    snprintf(pattern, sizeof pattern, "%.*s%s",
             (int)(category[n - 1] == '*' ? n - 1 : n), category,
             category[n - 1] == '*' ? "%" : "");
    memset(&b, 0, sizeof b);
    dos_qb_sql(&b, "SELECT p.id, p.birth_date, min(m.category), r.unit_code"
                   " FROM persons p JOIN memberships m ON m.person_id = p.id");
    p_on = dos_qb_new_text(&b, on);
    qb_resident(&b, "p.id", p_on);
    dos_qb_sql(&b, " WHERE p.birth_date >= ");
    dos_qb_text(&b, lo);
    dos_qb_sql(&b, " AND p.birth_date <= ");
    dos_qb_text(&b, hi);
    dos_qb_sql(&b, " AND m.category LIKE ");
    dos_qb_text(&b, pattern);
    dos_qb_sql(&b, " AND m.valid_from <= ");
    dos_qb_text(&b, last);
    dos_qb_sql(&b, " AND (m.valid_to IS NULL OR m.valid_to > ");
    p_first = dos_qb_text(&b, first);
    dos_qb_sql(&b, ") AND EXISTS (SELECT 1 FROM beneficiary_status s"
                   " WHERE s.person_id = p.id AND s.valid_from <= ");
    dos_qb_ref(&b, p_first);
    dos_qb_sql(&b, " AND (s.valid_to IS NULL OR s.valid_to > ");
    dos_qb_ref(&b, p_first);
    dos_qb_sql(&b, ") AND s.status IN ('enrolled', 'suspended'))");
    dos_qb_area(&b, "u", area);
    dos_qb_sql(&b, " GROUP BY p.id, p.birth_date, r.unit_code ORDER BY p.id");
    return read_candidates(db, &b, f, sizeof f / sizeof f[0], out);
}

int store_tasks_suspensions(struct db *db, const char *since_max,
                            const char *on, const struct store_dos_area *area,
                            struct store_task_candidates *out)
{
    static const struct dos_field f[] = {
        DOS_I(SC, person_id),
        DOS_T(SC, since),
        DOS_T(SC, reason),
        DOS_T(SC, unit_code),
    };
    const char *dates[] = {since_max, on};
    struct dos_qb b;
    int p_on;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = check_dates(db, dates, 2)) != DB_OK ||
        (rc = dos_check_area(db, area)) != DB_OK)
        return rc;
    memset(&b, 0, sizeof b);
    dos_qb_sql(&b, "SELECT s.person_id, s.valid_from, s.reason, r.unit_code"
                   " FROM beneficiary_status s");
    p_on = dos_qb_new_text(&b, on);
    qb_resident(&b, "s.person_id", p_on);
    dos_qb_sql(&b, " WHERE s.status = 'suspended' AND s.valid_from <= ");
    dos_qb_text(&b, since_max);
    dos_qb_sql(&b, " AND (s.valid_to IS NULL OR s.valid_to > ");
    dos_qb_ref(&b, p_on);
    dos_qb_sql(&b, ")");
    dos_qb_area(&b, "u", area);
    dos_qb_sql(&b, " ORDER BY s.person_id, s.valid_from");
    return read_candidates(db, &b, f, sizeof f / sizeof f[0], out);
}

int store_tasks_overdue(struct db *db, const char *on,
                        const struct store_dos_area *area,
                        struct store_task_candidates *out)
{
    static const struct dos_field f[] = {
        DOS_I(SC, dossier_id), DOS_I(SC, person_id), DOS_I(SC, step_seq),
        DOS_T(SC, step),       DOS_T(SC, deadline),  DOS_T(SC, unit_code),
        DOS_T(SC, procedure),
    };
    const char *dates[] = {on};
    struct dos_qb b;
    int p_on;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = check_dates(db, dates, 1)) != DB_OK ||
        (rc = dos_check_area(db, area)) != DB_OK)
        return rc;
    memset(&b, 0, sizeof b);
    dos_qb_sql(&b, "SELECT d.id, d.person_id, d.step_seq, d.step, d.deadline,"
                   " d.unit_code, d.procedure FROM dossiers d JOIN units u"
                   " ON u.code = d.unit_code AND u.level = 3"
                   " AND u.valid_from <= ");
    p_on = dos_qb_text(&b, on);
    dos_qb_sql(&b, " AND (u.valid_to IS NULL OR u.valid_to > ");
    dos_qb_ref(&b, p_on);
    dos_qb_sql(&b, ") WHERE d.state = 'open' AND d.clock_stopped_on IS NULL"
                   " AND d.deadline < ");
    dos_qb_ref(&b, p_on);
    dos_qb_area(&b, "u", area);
    dos_qb_sql(&b, " ORDER BY d.id");
    return read_candidates(db, &b, f, sizeof f / sizeof f[0], out);
}

void store_task_assignments_free(struct store_task_assignments *l)
{
    if (l == NULL)
        return;
    free(l->items);
    memset(l, 0, sizeof *l);
}

int store_tasks_open_assignments(struct db *db,
                                 struct store_task_assignments *out)
{
#define SA struct store_task_assignment
    static const struct dos_field f[] = {
        DOS_I(SA, id),           DOS_I(SA, version),   DOS_I(SA, person_id),
        DOS_I(SA, household_id), DOS_T(SA, unit_code), DOS_T(SA, from_unit),
        DOS_T(SA, event_on),
    };
#undef SA
    static const char sql[] =
        "SELECT t.id, t.version, t.person_id, p.household_id, t.unit_code,"
        " t.from_unit, t.event_on FROM tasks t JOIN persons p"
        " ON p.id = t.person_id WHERE t.kind = 'assign_commune'"
        " AND t.state = 'open' ORDER BY t.id";
    struct db_stmt *st;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = dos_read_all(db, st, f, sizeof f / sizeof f[0], sizeof *out->items,
                      &items, &out->count);
    out->items = items;
    db_reset(st);
    if (rc != DB_OK)
        store_task_assignments_free(out);
    return rc;
}
