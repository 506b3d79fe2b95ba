/* store_decisions.c: SQL for complaints and decisions (see
 * store_dossiers.h). */
#include "store/store_dossiers.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store_dos_int.h"
#include "util/xalloc.h"

/* --- Complaints ------------------------------------------------------------
 */

#define SC struct store_complaint
static const struct dos_field complaint_fields[] = {
    DOS_I(SC, id),          DOS_I(SC, dossier_id),   DOS_T(SC, step),
    DOS_T(SC, complainant), DOS_T(SC, content),      DOS_T(SC, received_on),
    DOS_T(SC, deadline),    DOS_T(SC, received_by),  DOS_TN(SC, resolved_on),
    DOS_TN(SC, answer),     DOS_TN(SC, resolved_by), DOS_TN(SC, resolved_role),
    DOS_NF(SC, late),       DOS_T(SC, recorded_at),
};
#define COMPLAINT_COLUMNS                                                      \
    "id, dossier_id, step, complainant, content, received_on, deadline,"       \
    " received_by, resolved_on, answer, resolved_by, resolved_role, late,"     \
    " recorded_at"
#define COMPLAINT_NFIELDS (sizeof complaint_fields / sizeof complaint_fields[0])

int store_complaint_insert(struct db *db, const struct store_complaint *c,
                           int64_t *id)
{
    static const char sql[] =
        "INSERT INTO complaints (dossier_id, step, complainant, content,"
        " received_on, deadline, received_by, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = dos_bind(st, 1, complaint_fields + 1, 7, c);
    if (rc == DB_OK)
        rc = dos_bind(st, 8, complaint_fields + 13, 1, c);
    if (rc == DB_OK)
        rc = dos_insert_id(db, st, id);
    db_reset(st);
    return rc;
}

int store_complaint_get(struct db *db, int64_t dossier_id, int64_t id,
                        struct store_complaint *out)
{
    static const char sql[] =
        "SELECT " COMPLAINT_COLUMNS " FROM complaints WHERE id = $1"
        " AND dossier_id = $2";
    struct db_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, dossier_id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = dos_read(db, st, 0, complaint_fields, COMPLAINT_NFIELDS, out);
    else if (rc == DB_DONE)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có khiếu nại số %lld",
                          (long long)id);
    db_reset(st);
    return rc;
}

int store_complaint_resolve(struct db *db, const struct store_complaint *c)
{
    static const char sql[] =
        "UPDATE complaints SET resolved_on = $3, answer = $4,"
        " resolved_by = $5, resolved_role = $6, late = $7"
        " WHERE id = $1 AND dossier_id = $2 AND resolved_on IS NULL";
    struct store_complaint now;
    struct db_stmt *st;
    int64_t changed = 0;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, c->id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, c->dossier_id);
    if (rc == DB_OK)
        rc = dos_bind(st, 3, complaint_fields + 8, 5, c);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        changed = db_changes(st);
    db_reset(st);
    if (rc != DB_DONE)
        return rc == DB_ROW ? DB_ERROR : rc;
    if (changed == 1)
        return DB_OK;
    rc = store_complaint_get(db, c->dossier_id, c->id, &now);
    if (rc != DB_OK)
        return rc;
    return db_set_error(db, DB_ECONFLICT, "Khiếu nại số %lld đã được trả lời",
                        (long long)c->id);
}

int store_complaints(struct db *db, int64_t dossier_id,
                     struct store_complaint_list *out)
{
    static const char sql[] =
        "SELECT " COMPLAINT_COLUMNS " FROM complaints WHERE dossier_id = $1"
        " ORDER BY id";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, dossier_id);
    while (rc == DB_OK) {
        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 4;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        memset(&out->items[out->count], 0, sizeof *out->items);
        rc = dos_read(db, st, 0, complaint_fields, COMPLAINT_NFIELDS,
                      &out->items[out->count]);
        if (rc == DB_OK)
            out->count++;
    }
    db_reset(st);
    if (rc == DB_DONE)
        return DB_OK;
    store_complaint_list_free(out);
    return rc;
}

void store_complaint_list_free(struct store_complaint_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* --- Decisions -------------------------------------------------------------
 */

#define SX struct store_decision
static const struct dos_field decision_fields[] = {
    DOS_I(SX, id),
    DOS_I(SX, dossier_id),
    DOS_I(SX, person_id),
    DOS_T(SX, number),
    DOS_I(SX, year),
    DOS_T(SX, signing_unit),
    DOS_T(SX, signed_on),
    DOS_I(SX, signer_id),
    DOS_T(SX, signer_name),
    DOS_T(SX, signer_role),
    DOS_T(SX, kind),
    DOS_T(SX, unit_code),
    DOS_T(SX, effective_from),
    DOS_T(SX, categories),
    DOS_TN(SX, reason),
    DOS_T(SX, reason_text),
    DOS_TN(SX, event_on),
    DOS_T(SX, created_at),
    DOS_T(SX, created_by),
    DOS_T(SX, person_name),
    DOS_T(SX, birth_date),
};
#define DECISION_COLUMNS                                                       \
    "x.id, x.dossier_id, x.person_id, x.number, x.year, x.signing_unit,"       \
    " x.signed_on, x.signer_id, x.signer_name, x.signer_role, x.kind,"         \
    " x.unit_code, x.effective_from, x.categories, x.reason,"                  \
    " x.reason_text, x.event_on, x.created_at, x.created_by, p.full_name,"     \
    " p.birth_date"
#define DECISION_NFIELDS (sizeof decision_fields / sizeof decision_fields[0])

int store_decision_insert(struct db *db, const struct store_decision *d,
                          int64_t *id)
{
    static const char sql[] =
        "INSERT INTO decisions (dossier_id, person_id, number, year,"
        " signing_unit, signed_on, signer_id, signer_name, signer_role, kind,"
        " unit_code, effective_from, categories, reason, reason_text,"
        " event_on, created_at, created_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,"
        " $14, $15, $16, $17, $18) RETURNING id";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = dos_bind(st, 1, decision_fields + 1, 18, d);
    if (rc == DB_OK)
        rc = dos_insert_id(db, st, id);
    db_reset(st);
    return rc;
}

int store_decision_get(struct db *db, int64_t id, int by_dossier,
                       struct store_decision *out)
{
    static const char by_id[] =
        "SELECT " DECISION_COLUMNS " FROM decisions x JOIN persons p"
        " ON p.id = x.person_id WHERE x.id = $1";
    static const char by_dos[] =
        "SELECT " DECISION_COLUMNS " FROM decisions x JOIN persons p"
        " ON p.id = x.person_id"
        " WHERE x.dossier_id = $1";
    struct db_stmt *st;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, by_dossier ? by_dos : by_id, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = dos_read(db, st, 0, decision_fields, DECISION_NFIELDS, out);
    else if (rc == DB_DONE)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có quyết định");
    db_reset(st);
    return rc;
}

static void build_decisions(struct dos_qb *b,
                            const struct store_decision_filter *f, int count)
{
    memset(b, 0, sizeof *b);
    dos_qb_sql(b, count ? "SELECT count(*)" : "SELECT " DECISION_COLUMNS);
    dos_qb_sql(b, " FROM decisions x JOIN persons p ON p.id = x.person_id"
                  " JOIN units u ON u.code = x.unit_code AND u.level = 3"
                  " AND u.valid_from <= x.signed_on AND (u.valid_to IS NULL"
                  " OR u.valid_to > x.signed_on) WHERE 1 = 1");
    dos_qb_area(b, "u", &f->scope);
    dos_qb_area(b, "u", &f->unit);
    if (f->kind != NULL) {
        dos_qb_sql(b, " AND x.kind = ");
        dos_qb_text(b, f->kind);
    }
    if (f->from != NULL) {
        dos_qb_sql(b, " AND x.signed_on >= ");
        dos_qb_text(b, f->from);
    }
    if (f->to != NULL) {
        dos_qb_sql(b, " AND x.signed_on <= ");
        dos_qb_text(b, f->to);
    }
    if (f->person_id > 0) {
        dos_qb_sql(b, " AND x.person_id = ");
        dos_qb_int(b, f->person_id);
    }
    if (!count) {
        dos_qb_sql(b, " ORDER BY x.signed_on DESC, x.id DESC LIMIT ");
        dos_qb_int(b, f->limit);
        dos_qb_sql(b, " OFFSET ");
        dos_qb_int(b, f->offset);
    }
}

int store_decision_list(struct db *db, const struct store_decision_filter *f,
                        struct store_decision_list *out)
{
    struct dos_qb b;
    void *items = NULL;
    int rc;

    memset(out, 0, sizeof *out);
    if (f->limit < 1 || f->limit > STORE_DOS_LIST_MAX || f->offset < 0)
        return db_set_error(db, DB_EINVAL, "decisions: bad list filter");
    if ((rc = dos_check_area(db, &f->scope)) != DB_OK ||
        (rc = dos_check_area(db, &f->unit)) != DB_OK)
        return rc;
    build_decisions(&b, f, 1);
    rc = dos_qb_count(db, &b, "decisions", &out->total);
    if (rc != DB_OK || out->total <= f->offset)
        return rc;
    build_decisions(&b, f, 0);
    rc = dos_qb_read_all(db, &b, "decisions", decision_fields, DECISION_NFIELDS,
                         sizeof *out->items, &items, &out->count);
    out->items = items;
    if (rc != DB_OK)
        store_decision_list_free(out);
    return rc;
}

void store_decision_list_free(struct store_decision_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
    l->total = 0;
}
