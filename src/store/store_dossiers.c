/* store_dossiers.c: SQL for dossiers, their step visits and acts, the
 * inbox and the posting list (see store_dossiers.h), and the row helpers
 * of store_dos_int.h. */
#include "store/store_dossiers.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store_dos_int.h"
#include "util/xalloc.h"

/* --- Row helpers ---------------------------------------------------------
 */

int dos_read(struct db *db, struct db_stmt *st, int first,
             const struct dos_field *f, size_t n, void *obj)
{
    char *base = obj;
    size_t i;

    for (i = 0; i < n; i++) {
        int col = first + (int)i;
        void *p = base + f[i].off;

        switch (f[i].type) {
        case DF_TEXT: {
            size_t len = 0;
            const char *s = db_col_text(st, col, &len);

            if (s == NULL)
                len = 0;
            if (len >= f[i].cap)
                return db_set_error(db, DB_ERROR,
                                    "dossiers: column %d is %zu bytes, over "
                                    "%zu",
                                    col, len, f[i].cap - 1);
            if (len > 0)
                memcpy(p, s, len);
            ((char *)p)[len] = '\0';
            break;
        }
        case DF_INT:
            *(int64_t *)p = db_col_int64(st, col);
            break;
        case DF_FLAG:
            *(int *)p = db_col_int64(st, col) != 0;
            break;
        default:
            *(int *)p =
                db_col_is_null(st, col) ? -1 : db_col_int64(st, col) != 0;
            break;
        }
    }
    return DB_OK;
}

static int bind_fields(struct db_stmt *st, int first, const struct dos_field *f,
                       size_t n, const void *obj, int ref)
{
    const char *base = obj;
    size_t i;
    int rc = DB_OK;

    for (i = 0; i < n && rc == DB_OK; i++) {
        int par = first + (int)i;
        const void *p = base + f[i].off;

        switch (f[i].type) {
        case DF_TEXT:
            if (f[i].nullable && ((const char *)p)[0] == '\0')
                rc = db_bind_null(st, par);
            else if (ref)
                rc = db_bind_text_ref(st, par, p, (size_t)-1);
            else
                rc = db_bind_text(st, par, p, (size_t)-1);
            break;
        case DF_INT:
            rc = db_bind_int64(st, par, *(const int64_t *)p);
            break;
        default:
            if (f[i].nullable && *(const int *)p < 0)
                rc = db_bind_null(st, par);
            else
                rc = db_bind_int64(st, par, *(const int *)p != 0);
            break;
        }
    }
    return rc;
}

int dos_bind(struct db_stmt *st, int first, const struct dos_field *f, size_t n,
             const void *obj)
{
    return bind_fields(st, first, f, n, obj, 0);
}

int dos_bind_ref(struct db_stmt *st, int first, const struct dos_field *f,
                 size_t n, const void *obj)
{
    return bind_fields(st, first, f, n, obj, 1);
}

int dos_insert_id(struct db *db, struct db_stmt *st, int64_t *id)
{
    int rc = db_step(st);

    if (rc == DB_ROW) {
        if (id != NULL)
            *id = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ERROR, "dossiers: INSERT returned no id");
    }
    return rc;
}

void dos_qb_sql(struct dos_qb *b, const char *s)
{
    size_t n = strlen(s);

    if (b->overflow || b->len + n >= sizeof b->sql) {
        b->overflow = 1;
        return;
    }
    memcpy(b->sql + b->len, s, n + 1);
    b->len += n;
}

void dos_qb_ref(struct dos_qb *b, int n)
{
    char ref[8];

    snprintf(ref, sizeof ref, "$%d", n);
    dos_qb_sql(b, ref);
}

static int qb_next(struct dos_qb *b)
{
    if (b->n >= DOS_QB_PARAMS_MAX) {
        b->overflow = 1;
        return 1;
    }
    return ++b->n;
}

int dos_qb_new_text(struct dos_qb *b, const char *v)
{
    int n = qb_next(b);

    b->text[n - 1] = v;
    b->is_int[n - 1] = 0;
    return n;
}

int dos_qb_text(struct dos_qb *b, const char *v)
{
    int n = dos_qb_new_text(b, v);

    dos_qb_ref(b, n);
    return n;
}

int dos_qb_int(struct dos_qb *b, int64_t v)
{
    int n = qb_next(b);

    b->ival[n - 1] = v;
    b->is_int[n - 1] = 1;
    dos_qb_ref(b, n);
    return n;
}

void dos_qb_area(struct dos_qb *b, const char *u,
                 const struct store_dos_area *a)
{
    static const char *const col[] = {
        NULL, ".province_code = ", ".parent_code = ", ".code = "};

    if (a->level < 1 || a->level > 3)
        return;
    dos_qb_sql(b, " AND ");
    dos_qb_sql(b, u);
    dos_qb_sql(b, col[a->level]);
    dos_qb_text(b, a->code);
}

int dos_qb_bind(struct db_stmt *st, const struct dos_qb *b)
{
    int i, rc = DB_OK;

    for (i = 0; i < b->n && rc == DB_OK; i++)
        rc = b->is_int[i] ? db_bind_int64(st, i + 1, b->ival[i])
                          : db_bind_text(st, i + 1, b->text[i], (size_t)-1);
    return rc;
}

/* The built query, prepared and bound (what names the list in the error
 * when the query outgrew its buffer). */
static int qb_ready(struct db *db, const struct dos_qb *b, const char *what,
                    struct db_stmt **st)
{
    int rc;

    if (b->overflow)
        return db_set_error(db, DB_EINVAL, "%s: query too long", what);
    rc = db_prepare(db, b->sql, st);
    if (rc != DB_OK)
        return rc;
    rc = dos_qb_bind(*st, b);
    if (rc != DB_OK)
        db_reset(*st);
    return rc;
}

int dos_qb_count(struct db *db, const struct dos_qb *b, const char *what,
                 int64_t *total)
{
    struct db_stmt *st;
    int rc = qb_ready(db, b, what, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW)
        *total = db_col_int64(st, 0);
    db_reset(st);
    if (rc != DB_ROW)
        return rc < 0 ? rc : DB_ERROR;
    return DB_OK;
}

int dos_qb_read_all(struct db *db, const struct dos_qb *b, const char *what,
                    const struct dos_field *f, size_t n, size_t size,
                    void **items, size_t *count)
{
    struct db_stmt *st;
    int rc = qb_ready(db, b, what, &st);

    if (rc != DB_OK)
        return rc;
    rc = dos_read_all(db, st, f, n, size, items, count);
    db_reset(st);
    return rc;
}

int dos_check_area(struct db *db, const struct store_dos_area *a)
{
    size_t n = strlen(a->code);

    if (a->level == 0)
        return DB_OK;
    if (a->level < 0 || a->level > 3 ||
        n != (a->level == 1   ? 2u
              : a->level == 2 ? 3u
                              : 5u) ||
        strspn(a->code, "0123456789") != n)
        return db_set_error(db, DB_EINVAL, "dossiers: bad area %d '%s'",
                            a->level, a->code);
    return DB_OK;
}

/* --- Dossiers -------------------------------------------------------------
 */

#define SD struct store_dossier
/* Columns of DOSSIER_COLUMNS, in order. */
static const struct dos_field dossier_fields[] = {
    DOS_I(SD, id),
    DOS_I(SD, person_id),
    DOS_T(SD, kind),
    DOS_T(SD, proposed),
    DOS_T(SD, unit_code),
    DOS_T(SD, procedure),
    DOS_T(SD, submitted_on),
    DOS_T(SD, categories),
    DOS_TN(SD, disability),
    DOS_TN(SD, certificate_on),
    DOS_TN(SD, event_on),
    DOS_TN(SD, ground),
    DOS_T(SD, applicant),
    DOS_T(SD, note),
    DOS_T(SD, state),
    DOS_T(SD, step),
    DOS_I(SD, step_seq),
    DOS_T(SD, step_started_on),
    DOS_TN(SD, deadline),
    DOS_F(SD, waiting_documents),
    DOS_I(SD, open_complaints),
    DOS_TN(SD, clock_stopped_on),
    DOS_I(SD, step_stopped_wd),
    DOS_I(SD, total_stopped_wd),
    DOS_TN(SD, closed_on),
    DOS_T(SD, outcome_text),
    DOS_T(SD, created_at),
    DOS_T(SD, created_by),
    DOS_I(SD, version),
    DOS_T(SD, person_name),
    DOS_T(SD, birth_date),
    DOS_T(SD, sex),
    DOS_T(SD, id_number),
};
#define DOSSIER_COLUMNS                                                        \
    "d.id, d.person_id, d.kind, d.proposed, d.unit_code, d.procedure,"         \
    " d.submitted_on, d.categories, d.disability, d.certificate_on,"           \
    " d.event_on, d.ground, d.applicant, d.note, d.state, d.step,"             \
    " d.step_seq, d.step_started_on, d.deadline, d.waiting_documents,"         \
    " d.open_complaints, d.clock_stopped_on, d.step_stopped_wd,"               \
    " d.total_stopped_wd, d.closed_on, d.outcome_text, d.created_at,"          \
    " d.created_by, d.version, p.full_name, p.birth_date, p.sex,"              \
    " p.id_number"
#define DOSSIER_NFIELDS (sizeof dossier_fields / sizeof dossier_fields[0])
/* dossier_fields[2..27]: what an INSERT writes ($2..$27; $1 is person). */
#define INSERT_FIRST 2
#define INSERT_COUNT 26
/* dossier_fields[14..25]: what an update writes ($2..$13). */
#define UPDATE_FIRST 14
#define UPDATE_COUNT 12

int store_dos_person_get(struct db *db, int64_t id, const char *date,
                         struct store_dos_person *out)
{
    static const char sql[] =
        "SELECT p.id, p.full_name, p.birth_date, p.sex, p.id_number,"
        " (SELECT r.unit_code FROM residences r WHERE r.person_id = p.id"
        "  AND r.valid_from <= $2 AND (r.valid_to IS NULL OR r.valid_to > $2)"
        "  ORDER BY r.valid_from DESC LIMIT 1)"
        " FROM persons p WHERE p.id = $1";
    static const struct dos_field f[] = {
        DOS_I(struct store_dos_person, id),
        DOS_T(struct store_dos_person, full_name),
        DOS_T(struct store_dos_person, birth_date),
        DOS_T(struct store_dos_person, sex),
        DOS_T(struct store_dos_person, id_number),
        DOS_T(struct store_dos_person, unit_code),
    };
    struct db_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, date, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = dos_read(db, st, 0, f, sizeof f / sizeof f[0], out);
    else if (rc == DB_DONE)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có người mã %lld",
                          (long long)id);
    db_reset(st);
    return rc;
}

int store_dossier_insert(struct db *db, const struct store_dossier *d,
                         int64_t *id)
{
    static const char sql[] =
        "INSERT INTO dossiers (person_id, kind, proposed, unit_code,"
        " procedure, submitted_on, categories, disability, certificate_on,"
        " event_on, ground, applicant, note, state, step, step_seq,"
        " step_started_on, deadline, waiting_documents, open_complaints,"
        " clock_stopped_on, step_stopped_wd, total_stopped_wd, closed_on,"
        " outcome_text, created_at, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
        " $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26,"
        " $27) RETURNING id";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, d->person_id);
    if (rc == DB_OK)
        rc = dos_bind(st, 2, dossier_fields + INSERT_FIRST, INSERT_COUNT, d);
    if (rc == DB_OK)
        rc = dos_insert_id(db, st, id);
    db_reset(st);
    return rc;
}

int store_dossier_get(struct db *db, int64_t id, struct store_dossier *out)
{
    static const char sql[] =
        "SELECT " DOSSIER_COLUMNS " FROM dossiers d JOIN persons p"
        " ON p.id = d.person_id WHERE d.id = $1";
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
        rc = dos_read(db, st, 0, dossier_fields, DOSSIER_NFIELDS, out);
    else if (rc == DB_DONE)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có hồ sơ số %lld",
                          (long long)id);
    db_reset(st);
    return rc;
}

int store_dossier_update(struct db *db, const struct store_dossier *d,
                         int64_t expected_version, int64_t *version)
{
    static const char sql[] =
        "UPDATE dossiers SET state = $2, step = $3, step_seq = $4,"
        " step_started_on = $5, deadline = $6, waiting_documents = $7,"
        " open_complaints = $8, clock_stopped_on = $9, step_stopped_wd = $10,"
        " total_stopped_wd = $11, closed_on = $12, outcome_text = $13,"
        " version = version + 1 WHERE id = $1 AND version = $14"
        " RETURNING version";
    static const char exists[] = "SELECT count(*) FROM dossiers WHERE id = $1";
    struct db_stmt *st;
    int64_t n = 0;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, d->id);
    if (rc == DB_OK)
        rc = dos_bind(st, 2, dossier_fields + UPDATE_FIRST, UPDATE_COUNT, d);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 14, expected_version);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        if (version != NULL)
            *version = db_col_int64(st, 0);
        rc = DB_OK;
    }
    db_reset(st);
    if (rc != DB_DONE)
        return rc;
    rc = db_prepare(db, exists, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, d->id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        n = db_col_int64(st, 0);
    db_reset(st);
    if (rc != DB_ROW)
        return rc < 0 ? rc : DB_ERROR;
    if (n == 0)
        return db_set_error(db, DB_ENOTFOUND, "Không có hồ sơ số %lld",
                            (long long)d->id);
    return db_set_error(db, DB_ECONFLICT,
                        "Hồ sơ đã được người khác cập nhật (phiên bản khác "
                        "%lld)",
                        (long long)expected_version);
}

#define SS struct store_dossier_step
static const struct dos_field step_fields[] = {
    DOS_I(SS, id),          DOS_I(SS, seq),           DOS_T(SS, step),
    DOS_F(SS, is_public),   DOS_T(SS, started_on),    DOS_TN(SS, deadline),
    DOS_TN(SS, ended_on),   DOS_TN(SS, ended_action), DOS_TN(SS, ended_by),
    DOS_TN(SS, ended_role), DOS_I(SS, stopped_wd),    DOS_NF(SS, late),
};

int store_dossier_step_open(struct db *db, int64_t dossier_id, int64_t seq,
                            const char *step, int is_public,
                            const char *started_on, const char *deadline)
{
    static const char sql[] =
        "INSERT INTO dossier_steps (dossier_id, seq, step, is_public,"
        " started_on, deadline) VALUES ($1, $2, $3, $4, $5, $6)"
        " RETURNING id";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, dossier_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, seq);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, step, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 4, is_public != 0);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, started_on, (size_t)-1);
    if (rc == DB_OK)
        rc = deadline != NULL && deadline[0] != '\0'
                 ? db_bind_text(st, 6, deadline, (size_t)-1)
                 : db_bind_null(st, 6);
    if (rc == DB_OK)
        rc = dos_insert_id(db, st, NULL);
    db_reset(st);
    return rc;
}

int store_dossier_step_close(struct db *db, int64_t dossier_id,
                             const struct store_dossier_step *end)
{
    static const char sql[] =
        "UPDATE dossier_steps SET deadline = $3, ended_on = $4,"
        " ended_action = $5, ended_by = $6, ended_role = $7,"
        " stopped_wd = $8, late = $9"
        " WHERE dossier_id = $1 AND seq = $2 AND ended_on IS NULL";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, dossier_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, end->seq);
    if (rc == DB_OK)
        rc = dos_bind(st, 3, step_fields + 5, 7, end);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = db_changes(st) == 1
                 ? DB_OK
                 : db_set_error(db, DB_ENOTFOUND,
                                "Bước %lld của hồ sơ %lld không còn mở",
                                (long long)end->seq, (long long)dossier_id);
    else if (rc == DB_ROW)
        rc = DB_ERROR;
    db_reset(st);
    return rc;
}

/* Read every row of st (bound) into a growing array of `size`-byte
 * records described by f, n fields from column 0. */
int dos_read_all(struct db *db, struct db_stmt *st, const struct dos_field *f,
                 size_t n, size_t size, void **items, size_t *count)
{
    size_t cap = 0;
    int rc;

    for (;;) {
        char *rec;

        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (*count == cap) {
            cap = cap ? cap * 2 : 16;
            *items = xreallocarray(*items, cap, size);
        }
        rec = (char *)*items + *count * size;
        memset(rec, 0, size);
        rc = dos_read(db, st, 0, f, n, rec);
        if (rc != DB_OK)
            break;
        (*count)++;
    }
    return rc == DB_DONE ? DB_OK : rc;
}

int store_dossier_steps(struct db *db, int64_t dossier_id,
                        struct store_dossier_step_list *out)
{
    static const char sql[] =
        "SELECT id, seq, step, is_public, started_on, deadline, ended_on,"
        " ended_action, ended_by, ended_role, stopped_wd, late"
        " FROM dossier_steps WHERE dossier_id = $1 ORDER BY seq";
    struct db_stmt *st;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, dossier_id);
    if (rc == DB_OK)
        rc = dos_read_all(db, st, step_fields,
                          sizeof step_fields / sizeof step_fields[0],
                          sizeof *out->items, &items, &out->count);
    out->items = items;
    db_reset(st);
    if (rc != DB_OK)
        store_dossier_step_list_free(out);
    return rc;
}

#define SE struct store_dossier_event
static const struct dos_field event_fields[] = {
    DOS_I(SE, id),    DOS_I(SE, dossier_id), DOS_I(SE, step_seq),
    DOS_T(SE, step),  DOS_T(SE, action),     DOS_T(SE, acted_on),
    DOS_T(SE, actor), DOS_T(SE, actor_role), DOS_TN(SE, deadline),
    DOS_F(SE, late),  DOS_T(SE, note),       DOS_T(SE, recorded_at),
};

int store_dossier_event_add(struct db *db, const struct store_dossier_event *e)
{
    static const char sql[] =
        "INSERT INTO dossier_events (dossier_id, step_seq, step, action,"
        " acted_on, actor, actor_role, deadline, late, note, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = dos_bind(st, 1, event_fields + 1, 11, e);
    if (rc == DB_OK)
        rc = dos_insert_id(db, st, NULL);
    db_reset(st);
    return rc;
}

int store_dossier_event_exists(struct db *db, int64_t dossier_id,
                               int64_t step_seq, const char *action)
{
    static const char sql[] =
        "SELECT count(*) FROM dossier_events WHERE dossier_id = $1"
        " AND step_seq = $2 AND action = $3";
    struct db_stmt *st;
    int rc, found = 0;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, dossier_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, step_seq);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, action, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        found = db_col_int64(st, 0) > 0;
    db_reset(st);
    return rc == DB_ROW ? found : (rc < 0 ? rc : DB_ERROR);
}

int store_dossier_events(struct db *db, int64_t dossier_id,
                         struct store_dossier_event_list *out)
{
    static const char sql[] =
        "SELECT id, dossier_id, step_seq, step, action, acted_on, actor,"
        " actor_role, deadline, late, note, recorded_at"
        " FROM dossier_events WHERE dossier_id = $1 ORDER BY id";
    struct db_stmt *st;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, dossier_id);
    if (rc == DB_OK)
        rc = dos_read_all(db, st, event_fields,
                          sizeof event_fields / sizeof event_fields[0],
                          sizeof *out->items, &items, &out->count);
    out->items = items;
    db_reset(st);
    if (rc != DB_OK)
        store_dossier_event_list_free(out);
    return rc;
}

/* --- Inbox -----------------------------------------------------------------
 */

#define SR struct store_dossier_row
static const struct dos_field row_fields[] = {
    DOS_I(SR, id),
    DOS_I(SR, person_id),
    DOS_T(SR, person_name),
    DOS_T(SR, kind),
    DOS_T(SR, proposed),
    DOS_T(SR, unit_code),
    DOS_T(SR, procedure),
    DOS_T(SR, submitted_on),
    DOS_T(SR, state),
    DOS_T(SR, step),
    DOS_T(SR, step_started_on),
    DOS_TN(SR, deadline),
    DOS_F(SR, waiting_documents),
    DOS_I(SR, open_complaints),
    DOS_TN(SR, clock_stopped_on),
    DOS_TN(SR, closed_on),
    DOS_I(SR, version),
};

static void build_list(struct dos_qb *b, const struct store_dossier_filter *f,
                       int count)
{
    int today;

    memset(b, 0, sizeof *b);
    dos_qb_sql(b, count ? "SELECT count(*)"
                        : "SELECT d.id, d.person_id, p.full_name, d.kind,"
                          " d.proposed, d.unit_code, d.procedure,"
                          " d.submitted_on, d.state, d.step,"
                          " d.step_started_on, d.deadline,"
                          " d.waiting_documents, d.open_complaints,"
                          " d.clock_stopped_on, d.closed_on, d.version");
    dos_qb_sql(b, " FROM dossiers d JOIN persons p ON p.id = d.person_id");
    dos_qb_sql(b, " JOIN units u ON u.code = d.unit_code AND u.level = 3"
                  " AND u.valid_from <= coalesce(d.closed_on, ");
    today = dos_qb_text(b, f->today);
    dos_qb_sql(b, ") AND (u.valid_to IS NULL OR u.valid_to > "
                  "coalesce(d.closed_on, ");
    dos_qb_ref(b, today);
    dos_qb_sql(b, ")) WHERE 1 = 1");
    dos_qb_area(b, "u", &f->scope);
    dos_qb_area(b, "u", &f->unit);
    if (f->state != NULL) {
        dos_qb_sql(b, " AND d.state = ");
        dos_qb_text(b, f->state);
    }
    if (f->kind != NULL) {
        dos_qb_sql(b, " AND d.kind = ");
        dos_qb_text(b, f->kind);
    }
    if (f->step != NULL) {
        dos_qb_sql(b, " AND d.step = ");
        dos_qb_text(b, f->step);
    }
    if (f->person_id > 0) {
        dos_qb_sql(b, " AND d.person_id = ");
        dos_qb_int(b, f->person_id);
    }
    if (f->overdue) {
        dos_qb_sql(b, " AND d.state = 'open' AND d.clock_stopped_on IS NULL"
                      " AND d.deadline < ");
        dos_qb_ref(b, today);
    }
    if (!count) {
        dos_qb_sql(b, " ORDER BY CASE WHEN d.state = 'open' THEN 0 ELSE 1"
                      " END, CASE WHEN d.deadline IS NULL THEN 1 ELSE 0 END,"
                      " d.deadline, d.id DESC LIMIT ");
        dos_qb_int(b, f->limit);
        dos_qb_sql(b, " OFFSET ");
        dos_qb_int(b, f->offset);
    }
}

int store_dossier_list(struct db *db, const struct store_dossier_filter *f,
                       struct store_dossier_list *out)
{
    struct dos_qb b;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (f->today == NULL || f->limit < 1 || f->limit > STORE_DOS_LIST_MAX ||
        f->offset < 0)
        return db_set_error(db, DB_EINVAL, "dossiers: bad list filter");
    if ((rc = dos_check_area(db, &f->scope)) != DB_OK ||
        (rc = dos_check_area(db, &f->unit)) != DB_OK)
        return rc;
    build_list(&b, f, 1);
    rc = dos_qb_count(db, &b, "dossiers", &out->total);
    if (rc != DB_OK || out->total <= f->offset)
        return rc;
    build_list(&b, f, 0);
    rc = dos_qb_read_all(db, &b, "dossiers", row_fields,
                         sizeof row_fields / sizeof row_fields[0],
                         sizeof *out->items, &items, &out->count);
    out->items = items;
    if (rc != DB_OK)
        store_dossier_list_free(out);
    return rc;
}

int store_dossier_posting(struct db *db, const char *unit_code,
                          const char *date, struct store_posting_list *out)
{
    static const char sql[] =
        "SELECT d.id, p.full_name, p.birth_date, d.kind, d.categories,"
        " s.step, s.started_on, s.deadline, s.ended_on"
        " FROM dossiers d JOIN dossier_steps s ON s.dossier_id = d.id"
        " JOIN persons p ON p.id = d.person_id"
        " WHERE d.unit_code = $1 AND s.is_public = 1 AND s.started_on <= $2"
        " AND (s.ended_on IS NULL OR s.ended_on >= $2)"
        " ORDER BY p.full_name COLLATE vi, d.id";
#define SP struct store_posting_row
    static const struct dos_field f[] = {
        DOS_I(SP, dossier_id), DOS_T(SP, person_name), DOS_T(SP, birth_date),
        DOS_T(SP, kind),       DOS_T(SP, categories),  DOS_T(SP, step),
        DOS_T(SP, started_on), DOS_TN(SP, deadline),   DOS_TN(SP, ended_on),
    };
#undef SP
    struct db_stmt *st;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, unit_code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, date, (size_t)-1);
    if (rc == DB_OK)
        rc = dos_read_all(db, st, f, sizeof f / sizeof f[0], sizeof *out->items,
                          &items, &out->count);
    out->items = items;
    db_reset(st);
    if (rc != DB_OK)
        store_posting_list_free(out);
    return rc;
}

int store_dos_membership_end(struct db *db, int64_t person_id,
                             const char *category, const char *on, int64_t *n)
{
    static const char sql[] =
        "UPDATE memberships SET valid_to = $3, version = version + 1"
        " WHERE person_id = $1 AND category = $2 AND valid_from < $3"
        " AND (valid_to IS NULL OR valid_to > $3)";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, category, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE) {
        if (n != NULL)
            *n = db_changes(st);
        rc = DB_OK;
    } else if (rc == DB_ROW) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

void store_dossier_step_list_free(struct store_dossier_step_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_dossier_event_list_free(struct store_dossier_event_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_dossier_list_free(struct store_dossier_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
    l->total = 0;
}

void store_posting_list_free(struct store_posting_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}
