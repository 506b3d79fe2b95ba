/* store_payroll_recon.c: SQL of reconciliation imports and results,
 * one-off payments, provider fees, budget figures and the health-insurance
 * list (see store_payroll.h). */
#include "store/store_payroll.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store_dos_int.h"
#include "util/xalloc.h"

/* Step an INSERT ... RETURNING id and reset it. */
static int insert_id(struct db *db, struct db_stmt *st, int64_t *id)
{
    int rc = dos_insert_id(db, st, id);

    db_reset(st);
    return rc;
}

#define APPROVED "('approved', 'sent', 'reconciled')"

/* Run a statement without rows (bound), DB_OK when done. */
static int run(struct db_stmt *st, int rc)
{
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    return rc;
}

/* --- Imports ---------------------------------------------------------------
 */

#define SI struct store_pay_import
static const struct dos_field import_fields[] = {
    DOS_I(SI, id),          DOS_I(SI, payroll_id),  DOS_T(SI, file_hash),
    DOS_T(SI, file_name),   DOS_T(SI, format),      DOS_T(SI, imported_by),
    DOS_T(SI, imported_at), DOS_I(SI, rows),        DOS_I(SI, paid),
    DOS_I(SI, unpaid),      DOS_I(SI, amount_paid), DOS_I(SI, mismatches),
};
#define IMPORT_NFIELDS (sizeof import_fields / sizeof import_fields[0])
#define IMPORT_COLUMNS                                                         \
    "id, payroll_id, file_hash, file_name, format, imported_by,"               \
    " imported_at, rows, paid, unpaid, amount_paid, mismatches"

int store_payroll_import_find(struct db *db, int64_t payroll_id,
                              const char *file_hash, SI *out)
{
    static const char sql[] =
        "SELECT " IMPORT_COLUMNS " FROM payroll_imports WHERE payroll_id = $1"
        " AND file_hash = $2";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, payroll_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, file_hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = dos_read(db, st, 0, import_fields, IMPORT_NFIELDS, out);
    else if (rc == DB_DONE)
        rc = DB_ENOTFOUND;
    db_reset(st);
    return rc;
}

int store_payroll_import_add(struct db *db, SI *i)
{
    static const char sql[] =
        "INSERT INTO payroll_imports (payroll_id, file_hash, file_name,"
        " format, imported_by, imported_at, rows, paid, unpaid, amount_paid,"
        " mismatches) VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, 0, 0)"
        " RETURNING id";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, i->payroll_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, i->file_hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, i->file_name, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, i->format, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, i->imported_by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 6, i->imported_at, (size_t)-1);
    if (rc != DB_OK) {
        db_reset(st);
        return rc;
    }
    return insert_id(db, st, &i->id);
}

int store_payroll_import_counts(struct db *db, const SI *i)
{
    static const char sql[] =
        "UPDATE payroll_imports SET rows = $2, paid = $3, unpaid = $4,"
        " amount_paid = $5, mismatches = $6 WHERE id = $1";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, i->id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, i->rows);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, i->paid);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 4, i->unpaid);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 5, i->amount_paid);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 6, i->mismatches);
    return run(st, rc);
}

void store_pay_imports_free(struct store_pay_imports *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_payroll_imports(struct db *db, int64_t payroll_id,
                          struct store_pay_imports *out)
{
    static const char sql[] =
        "SELECT " IMPORT_COLUMNS " FROM payroll_imports WHERE payroll_id = $1"
        " ORDER BY id";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, payroll_id);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        rc = dos_read(db, st, 0, import_fields, IMPORT_NFIELDS,
                      &out->items[out->count++]);
    }
    db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        store_pay_imports_free(out);
    return rc;
}

int store_payroll_result_set(struct db *db, int64_t line_id, int64_t payroll_id,
                             int paid, const char *paid_on, const char *note,
                             int64_t import_id, int64_t row_no, const char *at)
{
    static const char sql[] =
        "INSERT INTO payroll_results (line_id, payroll_id, paid, paid_on,"
        " note, import_id, row_no, recorded_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
        " ON CONFLICT (line_id) DO UPDATE SET paid = excluded.paid,"
        " paid_on = excluded.paid_on, note = excluded.note,"
        " import_id = excluded.import_id, row_no = excluded.row_no,"
        " recorded_at = excluded.recorded_at";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, line_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, payroll_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, paid != 0);
    if (rc == DB_OK)
        rc = paid ? db_bind_text(st, 4, paid_on, (size_t)-1)
                  : db_bind_null(st, 4);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, note ? note : "", (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 6, import_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 7, row_no);
    if (rc == DB_OK)
        rc = db_bind_text(st, 8, at, (size_t)-1);
    return run(st, rc);
}

int store_payroll_mismatch_add(struct db *db,
                               const struct store_pay_mismatch *m)
{
    static const char sql[] =
        "INSERT INTO payroll_mismatches (import_id, row_no, kind, ref,"
        " line_id, expected, found, detail)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, m->import_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, m->row_no);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, m->kind, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, m->ref, (size_t)-1);
    if (rc == DB_OK)
        rc = m->line_id > 0 ? db_bind_int64(st, 5, m->line_id)
                            : db_bind_null(st, 5);
    if (rc == DB_OK)
        rc = m->expected != INT64_MIN ? db_bind_int64(st, 6, m->expected)
                                      : db_bind_null(st, 6);
    if (rc == DB_OK)
        rc = m->found != INT64_MIN ? db_bind_int64(st, 7, m->found)
                                   : db_bind_null(st, 7);
    if (rc == DB_OK)
        rc = db_bind_text(st, 8, m->detail, (size_t)-1);
    return run(st, rc);
}

void store_pay_mismatches_free(struct store_pay_mismatches *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_payroll_mismatches(struct db *db, int64_t import_id,
                             struct store_pay_mismatches *out)
{
    static const char sql[] =
        "SELECT id, import_id, row_no, kind, ref, coalesce(line_id, 0),"
        " expected, found, detail FROM payroll_mismatches"
        " WHERE import_id = $1 ORDER BY id";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, import_id);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        struct store_pay_mismatch *m;
        const char *s;

        rc = DB_OK;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        m = &out->items[out->count++];
        memset(m, 0, sizeof *m);
        m->id = db_col_int64(st, 0);
        m->import_id = db_col_int64(st, 1);
        m->row_no = db_col_int64(st, 2);
        s = db_col_text(st, 3, NULL);
        snprintf(m->kind, sizeof m->kind, "%s", s ? s : "");
        s = db_col_text(st, 4, NULL);
        snprintf(m->ref, sizeof m->ref, "%s", s ? s : "");
        m->line_id = db_col_int64(st, 5);
        m->expected = db_col_is_null(st, 6) ? INT64_MIN : db_col_int64(st, 6);
        m->found = db_col_is_null(st, 7) ? INT64_MIN : db_col_int64(st, 7);
        s = db_col_text(st, 8, NULL);
        snprintf(m->detail, sizeof m->detail, "%s", s ? s : "");
    }
    db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        store_pay_mismatches_free(out);
    return rc;
}

int store_payroll_unresolved(struct db *db, int64_t id, int64_t *count)
{
    static const char sql[] =
        "SELECT count(*) FROM payroll_lines l WHERE l.payroll_id = $1"
        " AND l.amount > 0 AND l.blocked = 0 AND NOT EXISTS (SELECT 1"
        " FROM payroll_results r WHERE r.line_id = l.id)";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *count = db_col_int64(st, 0);
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

int store_payroll_person_streak(struct db *db, int64_t person_id,
                                const char *from, const char *to,
                                int64_t *months, int64_t *paid_months)
{
    static const char sql[] =
        "SELECT count(*), coalesce(sum(t.any_paid), 0) FROM ("
        " SELECT q.month, max(CASE WHEN r.paid = 1 THEN 1 ELSE 0 END)"
        " AS any_paid, count(r.line_id) AS results, count(*) AS n"
        " FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id"
        " LEFT JOIN payroll_results r ON r.line_id = l.id"
        " WHERE l.person_id = $1 AND l.amount > 0 AND l.blocked = 0"
        " AND q.state IN " APPROVED " AND q.month >= $2 AND q.month <= $3"
        " GROUP BY q.month) t WHERE t.results = t.n";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, to, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *months = db_col_int64(st, 0);
        *paid_months = db_col_int64(st, 1);
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

/* --- One-off payments --------------------------------------------------------
 */

#define SO struct store_oneoff
static const struct dos_field oneoff_fields[] = {
    DOS_I(SO, id),          DOS_T(SO, code),       DOS_T(SO, name),
    DOS_I(SO, amount),      DOS_T(SO, month),      DOS_T(SO, area_code),
    DOS_T(SO, eligible_on), DOS_T(SO, categories), DOS_T(SO, basis),
    DOS_T(SO, rules_ref),   DOS_T(SO, confidence),
};

void store_oneoffs_free(struct store_oneoffs *o)
{
    if (o == NULL)
        return;
    free(o->items);
    o->items = NULL;
    o->count = 0;
}

int store_oneoff_add(struct db *db, SO *o, const char *by, const char *at)
{
    static const char sql[] =
        "INSERT INTO oneoff_payments (code, name, amount, month, area_code,"
        " eligible_on, categories, basis, rules_ref, confidence, created_by,"
        " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
        " $12) RETURNING id";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = dos_bind(st, 1, oneoff_fields + 1,
                  sizeof oneoff_fields / sizeof oneoff_fields[0] - 1, o);
    if (rc == DB_OK)
        rc = db_bind_text(st, 11, by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 12, at, (size_t)-1);
    if (rc != DB_OK) {
        db_reset(st);
        return rc;
    }
    return insert_id(db, st, &o->id);
}

int store_oneoff_list(struct db *db, const char *from, const char *to,
                      struct store_oneoffs *out)
{
    static const char sql[] =
        "SELECT id, code, name, amount, CAST(month AS TEXT), area_code,"
        " CAST(eligible_on AS TEXT), categories, basis, rules_ref, confidence"
        " FROM oneoff_payments WHERE month >= $1 AND month <= $2 ORDER BY id";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, to, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        rc = dos_read(db, st, 0, oneoff_fields,
                      sizeof oneoff_fields / sizeof oneoff_fields[0],
                      &out->items[out->count++]);
    }
    db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        store_oneoffs_free(out);
    return rc;
}

/* --- Fees ------------------------------------------------------------------
 */

int store_fee_set(struct db *db, const char *area, const char *from,
                  int64_t fee_bp, const char *basis, const char *by,
                  const char *at)
{
    static const char sql[] =
        "INSERT INTO payment_fees (area_code, valid_from, fee_bp, basis,"
        " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6)"
        " ON CONFLICT (area_code, valid_from) DO UPDATE SET"
        " fee_bp = excluded.fee_bp, basis = excluded.basis,"
        " recorded_by = excluded.recorded_by,"
        " recorded_at = excluded.recorded_at";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, area, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, fee_bp);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, basis ? basis : "", (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 6, at, (size_t)-1);
    return run(st, rc);
}

void store_fees_free(struct store_fees *f)
{
    if (f == NULL)
        return;
    free(f->items);
    f->items = NULL;
    f->count = 0;
}

int store_fee_list(struct db *db, struct store_fees *out)
{
    static const char sql[] =
        "SELECT area_code, CAST(valid_from AS TEXT), fee_bp, basis"
        " FROM payment_fees ORDER BY area_code, valid_from";
#define SF struct store_fee
    static const struct dos_field f[] = {
        DOS_T(SF, area_code),
        DOS_T(SF, valid_from),
        DOS_I(SF, fee_bp),
        DOS_T(SF, basis),
    };
#undef SF
    struct db_stmt *st = NULL;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 8;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        rc = dos_read(db, st, 0, f, 4, &out->items[out->count++]);
    }
    if (st != NULL)
        db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        store_fees_free(out);
    return rc;
}

/* --- Figures ---------------------------------------------------------------
 */

int store_payroll_figures(struct db *db, const char *area, const char *from,
                          const char *to, store_pay_figure_fn fn, void *arg)
{
    static const char sql[] =
        "SELECT CAST(q.month AS TEXT), l.unit_code, l.category, l.kind,"
        " count(*), count(DISTINCT l.person_id),"
        " CAST(sum(l.amount) AS bigint),"
        " CAST(sum(CASE WHEN r.paid = 1 THEN l.amount ELSE 0 END) AS bigint),"
        " CAST(sum(CASE WHEN r.paid = 0 THEN l.amount ELSE 0 END) AS bigint)"
        " FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id"
        " JOIN units u ON u.code = l.unit_code AND u.level = 3"
        " AND u.valid_from <= q.month"
        " AND (u.valid_to IS NULL OR u.valid_to > q.month)"
        " LEFT JOIN payroll_results r ON r.line_id = l.id"
        " WHERE q.state IN " APPROVED " AND l.blocked = 0"
        " AND q.month >= $1 AND q.month <= $2"
        " AND ($3 = '' OR u.code = $3 OR u.parent_code = $3"
        " OR u.province_code = $3)"
        " GROUP BY q.month, l.unit_code, l.category, l.kind"
        " ORDER BY 1, 2, 3, 4";
    struct store_pay_figure f;
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, to, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, area ? area : "", (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        const char *s;

        s = db_col_text(st, 0, NULL);
        f.month = s ? s : "";
        s = db_col_text(st, 1, NULL);
        f.unit_code = s ? s : "";
        s = db_col_text(st, 2, NULL);
        f.category = s ? s : "";
        s = db_col_text(st, 3, NULL);
        f.kind = s ? s : "";
        f.lines = db_col_int64(st, 4);
        f.persons = db_col_int64(st, 5);
        f.amount = db_col_int64(st, 6);
        f.paid_amount = db_col_int64(st, 7);
        f.unpaid_amount = db_col_int64(st, 8);
        rc = fn(arg, &f);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* --- Health insurance ------------------------------------------------------
 */

int store_payroll_bhyt(struct db *db, char *const *communes, size_t n,
                       const char *month, const char *prev_month,
                       store_pay_bhyt_fn fn, void *arg)
{
    /* $1 commune, $2 the month's first day, $3 the previous month's. A
     * beneficiary on a day: a status period enrolled or suspended valid
     * then (docs/registry.md). */
    static const char sql[] =
        "SELECT p.id, CASE WHEN c.id IS NOT NULL THEN 1 ELSE 0 END,"
        " p.full_name, CAST(p.birth_date AS TEXT), p.sex, p.id_number,"
        " r.unit_code, r.address,"
        " CAST(CASE WHEN c.id IS NOT NULL THEN c.valid_from"
        " ELSE e.valid_from END AS TEXT),"
        " coalesce(e.reason, ''), coalesce(c.decision_ref, e.decision_ref,"
        " '')"
        " FROM residences r JOIN persons p ON p.id = r.person_id"
        " LEFT JOIN beneficiary_status c ON c.person_id = r.person_id"
        " AND c.valid_from <= $2 AND (c.valid_to IS NULL OR c.valid_to > $2)"
        " AND c.status IN ('enrolled', 'suspended')"
        " LEFT JOIN beneficiary_status o ON o.person_id = r.person_id"
        " AND o.valid_from <= $3 AND (o.valid_to IS NULL OR o.valid_to > $3)"
        " AND o.status IN ('enrolled', 'suspended')"
        " LEFT JOIN beneficiary_status e ON e.person_id = r.person_id"
        " AND e.valid_from <= $2 AND (e.valid_to IS NULL OR e.valid_to > $2)"
        " AND e.status = 'terminated'"
        " WHERE r.unit_code = $1 AND r.valid_from <= $2"
        " AND (r.valid_to IS NULL OR r.valid_to > $2)"
        " AND ((c.id IS NULL) <> (o.id IS NULL))"
        " ORDER BY p.full_name COLLATE vi, p.id";
    struct store_pay_bhyt b;
    size_t i;
    int rc = DB_OK;

    for (i = 0; i < n && rc == DB_OK; i++) {
        struct db_stmt *st;

        rc = db_prepare(db, sql, &st);
        if (rc != DB_OK)
            break;
        rc = db_bind_text(st, 1, communes[i], (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 2, month, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 3, prev_month, (size_t)-1);
        while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
            const char *s;

#define COL(k, field)                                                          \
    s = db_col_text(st, k, NULL);                                              \
    b.field = s ? s : ""
            b.person_id = db_col_int64(st, 0);
            b.joined = db_col_int64(st, 1) != 0;
            COL(2, full_name);
            COL(3, birth_date);
            COL(4, sex);
            COL(5, id_number);
            COL(6, unit_code);
            COL(7, address);
            COL(8, since);
            COL(9, reason);
            COL(10, decision_ref);
#undef COL
            b.categories = "";
            rc = fn(arg, &b);
        }
        db_reset(st);
        if (rc == DB_DONE)
            rc = DB_OK;
    }
    return rc;
}

int store_payroll_open_task(struct db *db, int64_t person_id, int64_t *n)
{
    static const char sql[] =
        "SELECT count(*) FROM tasks WHERE person_id = $1"
        " AND kind = 'not_collected_3m' AND state = 'open'";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *n = db_col_int64(st, 0);
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}
