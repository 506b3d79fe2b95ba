/* store_payroll.c: SQL of payrolls, lines, points, facts for preparing
 * and the content hash (see store_payroll.h). Reconciliation, one-off
 * payments, fees and figures: store_payroll_recon.c. */
#include "store/store_payroll.h"

#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/date.h"
#include "core/payroll.h"
#include "core/rules.h"
#include "store/db.h"
#include "store/store_dos_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* Step an INSERT ... RETURNING id and reset it. */
static int insert_id(struct db *db, struct db_stmt *st, int64_t *id)
{
    int rc = dos_insert_id(db, st, id);

    db_reset(st);
    return rc;
}

/* --- Payroll rows ----------------------------------------------------------
 */

#define SP struct store_payroll
static const struct dos_field payroll_fields[] = {
    DOS_I(SP, id),
    DOS_T(SP, area_code),
    DOS_T(SP, area_path),
    DOS_T(SP, month),
    DOS_T(SP, state),
    DOS_T(SP, prepared_on),
    DOS_T(SP, prepared_by),
    DOS_T(SP, prepared_at),
    DOS_TN(SP, checked_by),
    DOS_TN(SP, checked_at),
    DOS_TN(SP, approved_by),
    DOS_TN(SP, approved_role),
    DOS_TN(SP, approved_at),
    DOS_TN(SP, sent_by),
    DOS_TN(SP, sent_at),
    DOS_TN(SP, reconciled_at),
    DOS_I(SP, persons),
    DOS_I(SP, lines),
    DOS_I(SP, total_payable),
    DOS_I(SP, total_recovery),
    DOS_I(SP, basis_seq),
    DOS_I(SP, approval_seq),
    DOS_T(SP, rules_hash),
    DOS_TN(SP, content_hash),
    DOS_I(SP, version),
};
#define PAYROLL_NFIELDS (sizeof payroll_fields / sizeof payroll_fields[0])
#define PAYROLL_COLUMNS                                                        \
    "p.id, p.area_code, p.area_path, CAST(p.month AS TEXT), p.state,"          \
    " CAST(p.prepared_on AS TEXT), p.prepared_by, p.prepared_at,"              \
    " p.checked_by, p.checked_at, p.approved_by, p.approved_role,"             \
    " p.approved_at, p.sent_by, p.sent_at, p.reconciled_at, p.persons,"        \
    " p.lines, p.total_payable, p.total_recovery, p.basis_seq,"                \
    " coalesce(p.approval_seq, 0), p.rules_hash, p.content_hash, p.version,"   \
    " p.lookback"

static int read_payroll(struct db *db, struct db_stmt *st, SP *out)
{
    int rc;

    memset(out, 0, sizeof *out);
    rc = dos_read(db, st, 0, payroll_fields, PAYROLL_NFIELDS, out);
    out->lookback = (int)db_col_int64(st, (int)PAYROLL_NFIELDS);
    return rc;
}

/* Run st (bound) expecting one payroll row. */
static int one_payroll(struct db *db, struct db_stmt *st, SP *out)
{
    int rc = db_step(st);

    if (rc == DB_ROW)
        rc = read_payroll(db, st, out);
    else if (rc == DB_DONE)
        rc = DB_ENOTFOUND;
    db_reset(st);
    return rc;
}

int store_payroll_get(struct db *db, int64_t id, SP *out)
{
    static const char sql[] =
        "SELECT " PAYROLL_COLUMNS " FROM payrolls p WHERE p.id = $1";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc != DB_OK) {
        db_reset(st);
        return rc;
    }
    return one_payroll(db, st, out);
}

int store_payroll_find(struct db *db, const char *area, const char *month,
                       SP *out)
{
    static const char sql[] =
        "SELECT " PAYROLL_COLUMNS " FROM payrolls p WHERE p.area_code = $1"
        " AND p.month = $2";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, area, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, month, (size_t)-1);
    if (rc != DB_OK) {
        db_reset(st);
        return rc;
    }
    return one_payroll(db, st, out);
}

void store_payroll_list_free(struct store_payroll_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* " AND ('/' || p.area_path || '/') LIKE '%/CODE/%'" for a scope. */
static void where_area(struct dos_qb *b, const char *area)
{
    if (area == NULL || area[0] == '\0')
        return;
    dos_qb_sql(b, " AND ('/' || p.area_path || '/') LIKE ('%/' || ");
    dos_qb_text(b, area);
    dos_qb_sql(b, " || '/%')");
}

int store_payroll_list(struct db *db, const struct store_payroll_filter *f,
                       int64_t offset, int64_t limit,
                       struct store_payroll_list *out)
{
    struct dos_qb b;
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if (limit < 1 || limit > 1000 || offset < 0)
        return db_set_error(db, DB_EINVAL, "payrolls: bad page");
    memset(&b, 0, sizeof b);
    dos_qb_sql(&b, "SELECT " PAYROLL_COLUMNS ", count(*) OVER ()"
                   " FROM payrolls p WHERE 1 = 1");
    where_area(&b, f->area);
    if (f->month != NULL && f->month[0] != '\0') {
        dos_qb_sql(&b, " AND p.month = ");
        dos_qb_text(&b, f->month);
    }
    if (f->state != NULL && f->state[0] != '\0') {
        dos_qb_sql(&b, " AND p.state = ");
        dos_qb_text(&b, f->state);
    }
    dos_qb_sql(&b, " ORDER BY p.month DESC, p.area_code, p.id LIMIT ");
    dos_qb_int(&b, limit);
    dos_qb_sql(&b, " OFFSET ");
    dos_qb_int(&b, offset);
    if (b.overflow)
        return db_set_error(db, DB_EINVAL, "payrolls: query too long");
    rc = db_prepare(db, b.sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = dos_qb_bind(st, &b);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        rc = read_payroll(db, st, &out->items[out->count]);
        out->total = db_col_int64(st, (int)PAYROLL_NFIELDS + 1);
        out->count++;
    }
    db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        store_payroll_list_free(out);
    return rc;
}

int store_payroll_last_approval(struct db *db, int64_t *out)
{
    return db_query_int64(
        db, "SELECT coalesce(max(approval_seq), 0) FROM payrolls", out);
}

/* Delete the children of a payroll in state prepared or checked. */
static int empty_payroll(struct db *db, int64_t id)
{
    static const char *const sql[] = {
        "DELETE FROM payroll_lines WHERE payroll_id = $1",
        "DELETE FROM payroll_points WHERE payroll_id = $1",
        "DELETE FROM payroll_units WHERE payroll_id = $1",
    };
    size_t i;
    int rc = DB_OK;

    for (i = 0; i < sizeof sql / sizeof sql[0] && rc == DB_OK; i++) {
        struct db_stmt *st;

        rc = db_prepare(db, sql[i], &st);
        if (rc != DB_OK)
            break;
        rc = db_bind_int64(st, 1, id);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_DONE)
            rc = DB_OK;
        db_reset(st);
    }
    return rc;
}

int store_payroll_begin(struct db *db, SP *p)
{
    static const char ins[] =
        "INSERT INTO payrolls (area_code, area_path, month, state,"
        " prepared_on, prepared_by, prepared_at, lookback, basis_seq,"
        " rules_hash) VALUES ($1, $2, $3, 'prepared', $4, $5, $6, $7, $8, $9)"
        " RETURNING id";
    static const char upd[] =
        "UPDATE payrolls SET area_path = $2, state = 'prepared',"
        " prepared_on = $3, prepared_by = $4, prepared_at = $5,"
        " lookback = $6, basis_seq = $7, rules_hash = $8, checked_by = NULL,"
        " checked_at = NULL, persons = 0, lines = 0, total_payable = 0,"
        " total_recovery = 0, version = version + 1"
        " WHERE id = $1 AND state IN ('prepared', 'checked')";
    SP old;
    struct db_stmt *st;
    int rc;

    rc = store_payroll_find(db, p->area_code, p->month, &old);
    if (rc == DB_ENOTFOUND) {
        rc = db_prepare(db, ins, &st);
        if (rc != DB_OK)
            return rc;
        rc = db_bind_text(st, 1, p->area_code, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 2, p->area_path, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 3, p->month, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 4, p->prepared_on, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 5, p->prepared_by, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 6, p->prepared_at, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_int64(st, 7, p->lookback);
        if (rc == DB_OK)
            rc = db_bind_int64(st, 8, p->basis_seq);
        if (rc == DB_OK)
            rc = db_bind_text(st, 9, p->rules_hash, (size_t)-1);
        if (rc == DB_OK)
            rc = insert_id(db, st, &p->id);
        else
            db_reset(st);
        p->version = 1;
        return rc;
    }
    if (rc != DB_OK)
        return rc;
    if (strcmp(old.state, "prepared") != 0 && strcmp(old.state, "checked") != 0)
        return db_set_error(db, DB_ECONFLICT,
                            "Danh sách chi trả #%lld đã được duyệt (%s): "
                            "không lập lại được",
                            (long long)old.id, old.state);
    p->id = old.id;
    rc = empty_payroll(db, old.id);
    if (rc != DB_OK)
        return rc;
    rc = db_prepare(db, upd, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, old.id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, p->area_path, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, p->prepared_on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, p->prepared_by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, p->prepared_at, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 6, p->lookback);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 7, p->basis_seq);
    if (rc == DB_OK)
        rc = db_bind_text(st, 8, p->rules_hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = db_changes(st) == 1 ? DB_OK : DB_ECONFLICT;
    db_reset(st);
    p->version = old.version + 1;
    return rc;
}

int store_payroll_area_communes(struct db *db, const char *area,
                                const char *day, char ***codes, size_t *n)
{
    static const char sql[] =
        "SELECT code FROM units WHERE level = 3 AND valid_from <= $2"
        " AND (valid_to IS NULL OR valid_to > $2)"
        " AND (code = $1 OR parent_code = $1 OR province_code = $1)"
        " ORDER BY code";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *codes = NULL;
    *n = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, area, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, day, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        size_t len = 0;
        const char *s = db_col_text(st, 0, &len);

        rc = DB_OK;
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *codes = xreallocarray(*codes, cap, sizeof **codes);
        }
        (*codes)[(*n)++] = xstrndup(s ? s : "", s ? len : 0);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_payroll_units_add(struct db *db, int64_t id, const char *month,
                            char *const *codes, size_t n)
{
    static const char find[] =
        "SELECT u.payroll_id, p.area_code FROM payroll_units u"
        " JOIN payrolls p ON p.id = u.payroll_id"
        " WHERE u.month = $1 AND u.unit_code = $2 AND u.payroll_id <> $3";
    static const char ins[] = "INSERT INTO payroll_units (payroll_id,"
                              " unit_code, month) VALUES ($1, $2, $3)";
    size_t i;
    int rc = DB_OK;

    for (i = 0; i < n && rc == DB_OK; i++) {
        struct db_stmt *st;

        rc = db_prepare(db, find, &st);
        if (rc != DB_OK)
            break;
        rc = db_bind_text(st, 1, month, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 2, codes[i], (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_int64(st, 3, id);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_ROW) {
            const char *area = db_col_text(st, 1, NULL);

            rc = db_set_error(db, DB_ECONFLICT,
                              "Xã %s đã thuộc danh sách chi trả #%lld (địa "
                              "bàn %s) của tháng này",
                              codes[i], (long long)db_col_int64(st, 0),
                              area ? area : "");
            db_reset(st);
            break;
        }
        db_reset(st);
        if (rc != DB_DONE)
            break;
        rc = db_prepare(db, ins, &st);
        if (rc != DB_OK)
            break;
        rc = db_bind_int64(st, 1, id);
        if (rc == DB_OK)
            rc = db_bind_text(st, 2, codes[i], (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 3, month, (size_t)-1);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_DONE)
            rc = DB_OK;
        db_reset(st);
    }
    return rc;
}

/* --- Lines -----------------------------------------------------------------
 */

#define SL struct store_pay_line
/* The columns written and read in this order; the nullable ids
 * (decision, one-off, source line) follow them, then the basis: written
 * as basis_id, read as its three texts (migration 0011). */
static const struct dos_field line_fields[] = {
    DOS_I(SL, payroll_id),
    DOS_I(SL, seq),
    DOS_T(SL, ref),
    DOS_I(SL, point_seq),
    DOS_I(SL, person_id),
    DOS_T(SL, full_name),
    DOS_TN(SL, id_number),
    DOS_T(SL, birth_date),
    DOS_T(SL, unit_code),
    DOS_T(SL, kind),
    DOS_T(SL, benefit),
    DOS_T(SL, benefit_month),
    DOS_T(SL, category),
    DOS_I(SL, coeff_milli),
    DOS_I(SL, standard_level),
    DOS_I(SL, amount),
    DOS_I(SL, entitled),
    DOS_I(SL, settled),
    DOS_T(SL, confidence),
    DOS_T(SL, decision_ref),
    DOS_T(SL, explanation),
    DOS_T(SL, method),
    DOS_T(SL, point_name),
    DOS_T(SL, point_officer),
    DOS_T(SL, bank_code),
    DOS_T(SL, account_number),
    DOS_T(SL, receiver_name),
    DOS_T(SL, receiver_id_number),
    DOS_F(SL, blocked),
    DOS_T(SL, block_reason),
};
#define LINE_NFIELDS (sizeof line_fields / sizeof line_fields[0])
/* Read after the ids, from payroll_bases (or the line, before 0011). */
static const struct dos_field basis_fields[] = {
    DOS_T(SL, basis),
    DOS_T(SL, rules_ref),
    DOS_T(SL, level_basis),
};
#define BASIS_NFIELDS (sizeof basis_fields / sizeof basis_fields[0])
#define LINE_COLUMNS                                                           \
    "l.payroll_id, l.seq, l.ref, l.point_seq, l.person_id, l.full_name,"       \
    " l.id_number, l.birth_date, l.unit_code, l.kind, l.benefit,"              \
    " CAST(l.benefit_month AS TEXT), l.category, l.coeff_milli,"               \
    " l.standard_level, l.amount, l.entitled, l.settled, l.confidence,"        \
    " l.decision_ref, l.explanation, l.method, l.point_name,"                  \
    " l.point_officer, l.bank_code, l.account_number, l.receiver_name,"        \
    " l.receiver_id_number, l.blocked, l.block_reason, l.decision_id,"         \
    " l.oneoff_id, l.source_line_id, l.id, coalesce(b.basis, l.basis),"        \
    " coalesce(b.rules_ref, l.rules_ref),"                                     \
    " coalesce(b.level_basis, l.level_basis)"
/* Lines written before migration 0011 hold their basis texts themselves. */
#define LINE_FROM                                                              \
    " FROM payroll_lines l LEFT JOIN payroll_bases b ON b.id = l.basis_id"

static int bind_id_or_null(struct db_stmt *st, int n, int64_t v)
{
    return v > 0 ? db_bind_int64(st, n, v) : db_bind_null(st, n);
}

#define LINE_INS_COLUMNS                                                       \
    "INSERT INTO payroll_lines (payroll_id, seq, ref, point_seq,"              \
    " person_id, full_name, id_number, birth_date, unit_code, kind,"           \
    " benefit, benefit_month, category, coeff_milli, standard_level,"          \
    " amount, entitled, settled, confidence, decision_ref, explanation,"       \
    " method, point_name, point_officer, bank_code, account_number,"           \
    " receiver_name, receiver_id_number, blocked, block_reason,"               \
    " decision_id, oneoff_id, source_line_id, basis_id)"                       \
    " VALUES"
#define LINE_PARAMS ((int)LINE_NFIELDS + 4)

/* "INSERT ... VALUES ($1, ..., $35), ($36, ...)" for the full batch and
 * for one line; built once per process (the statement cache keys on the
 * text's address, so the texts must live as long as the process). */
static char sql_lines_batch[STORE_PAY_LINES_BATCH * LINE_PARAMS * 7 + 512];
static char sql_lines_one[LINE_PARAMS * 7 + 512];
static pthread_once_t lines_once = PTHREAD_ONCE_INIT;

static void build_lines_sql(char *out, size_t cap, int rows)
{
    size_t used;
    int r, c, n;

    n = snprintf(out, cap, "%s", LINE_INS_COLUMNS);
    used = (size_t)n;
    for (r = 0; r < rows && used < cap; r++) {
        for (c = 0; c < LINE_PARAMS && used < cap; c++) {
            n = snprintf(out + used, cap - used, "%s$%d",
                         c == 0 ? (r == 0 ? " (" : ", (") : ", ",
                         r * LINE_PARAMS + c + 1);
            used += (size_t)n;
        }
        if (used < cap) {
            n = snprintf(out + used, cap - used, ")");
            used += (size_t)n;
        }
    }
}

static void build_lines_sqls(void)
{
    build_lines_sql(sql_lines_batch, sizeof sql_lines_batch,
                    STORE_PAY_LINES_BATCH);
    build_lines_sql(sql_lines_one, sizeof sql_lines_one, 1);
}

/* --- Bases of lines (migration 0011) ------------------------------------
 */

/* The bases met in the current run of store_payroll_lines_add calls (a
 * run lies within one transaction of one connection, hence of one
 * thread), or in the current call outside a run: a national month's
 * three million lines name a few dozen. */
#define BASES_MEMO 64
struct bases_memo {
    const struct db *db; /* NULL: none */
    size_t n;
    struct {
        char *basis, *rules_ref, *level_basis;
        int64_t id;
    } e[BASES_MEMO];
};
static _Thread_local struct bases_memo bases;

static void bases_clear(void)
{
    size_t i;

    for (i = 0; i < bases.n; i++) {
        free(bases.e[i].basis);
        free(bases.e[i].rules_ref);
        free(bases.e[i].level_basis);
    }
    bases.n = 0;
    bases.db = NULL;
}

/* Bind l's basis texts as $1..$3 of st. */
static int bind_basis(struct db_stmt *st, const SL *l)
{
    int rc = db_bind_text(st, 1, l->basis, (size_t)-1);

    if (rc == DB_OK)
        rc = db_bind_text(st, 2, l->rules_ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, l->level_basis, (size_t)-1);
    return rc;
}

/* *id of the payroll_bases row of l's texts, added when new. */
static int basis_id(struct db *db, const SL *l, int64_t *id)
{
    static const char ins[] =
        "INSERT INTO payroll_bases (basis, rules_ref, level_basis)"
        " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    static const char sel[] =
        "SELECT id FROM payroll_bases WHERE basis = $1 AND rules_ref = $2"
        " AND level_basis = $3";
    struct db_stmt *st;
    size_t i;
    int rc, k;

    for (i = 0; i < bases.n; i++)
        if (strcmp(bases.e[i].basis, l->basis) == 0 &&
            strcmp(bases.e[i].rules_ref, l->rules_ref) == 0 &&
            strcmp(bases.e[i].level_basis, l->level_basis) == 0) {
            *id = bases.e[i].id;
            return DB_OK;
        }
    *id = 0;
    rc = DB_DONE;
    /* look up; else add and look up again */
    for (k = 0; k < 3 && rc == DB_DONE; k++) {
        rc = db_prepare(db, k == 1 ? ins : sel, &st);
        if (rc != DB_OK)
            return rc;
        rc = bind_basis(st, l);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_ROW)
            *id = db_col_int64(st, 0);
        db_reset(st);
        if (rc == DB_ROW)
            rc = DB_OK;
    }
    if (rc == DB_DONE)
        rc = db_set_error(db, DB_ERROR, "payroll basis not added");
    if (rc == DB_OK && bases.n < BASES_MEMO) {
        bases.e[bases.n].basis = xstrdup(l->basis);
        bases.e[bases.n].rules_ref = xstrdup(l->rules_ref);
        bases.e[bases.n].level_basis = xstrdup(l->level_basis);
        bases.e[bases.n++].id = *id;
    }
    return rc;
}

/* Bind line l, of basis basis_id, as the row whose first parameter is
 * $first (its texts without a copy: l stays put until the statement is
 * reset). */
static int bind_line(struct db_stmt *st, int first, const SL *l, int64_t basis)
{
    int rc = dos_bind_ref(st, first, line_fields, LINE_NFIELDS, l);

    if (rc == DB_OK)
        rc = bind_id_or_null(st, first + (int)LINE_NFIELDS, l->decision_id);
    if (rc == DB_OK)
        rc = bind_id_or_null(st, first + (int)LINE_NFIELDS + 1, l->oneoff_id);
    if (rc == DB_OK)
        rc = bind_id_or_null(st, first + (int)LINE_NFIELDS + 2,
                             l->source_line_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, first + (int)LINE_NFIELDS + 3, basis);
    return rc;
}

/* DB_OK when payroll id may take lines (prepared or checked). */
static int payroll_open(struct db *db, int64_t id)
{
    static const char sql[] = "SELECT state FROM payrolls WHERE id = $1";
    struct db_stmt *st;
    const char *state;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        state = db_col_text(st, 0, NULL);
        rc = state != NULL && (strcmp(state, "prepared") == 0 ||
                               strcmp(state, "checked") == 0)
                 ? DB_OK
                 : db_set_error(db, DB_ECHECK,
                                "payroll frozen: an approved payroll is "
                                "never edited");
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ENOTFOUND, "no payroll %lld", (long long)id);
    }
    db_reset(st);
    return rc;
}

static int one_of(const char *s, const char *const *set)
{
    for (; *set != NULL; set++)
        if (strcmp(s, *set) == 0)
            return 1;
    return 0;
}

/* The CHECK constraints of payroll_lines (sql/sqlite/0006_payroll.sql),
 * in C: NULL when l meets them all, else which it breaks. */
static const char *line_breaks(const SL *l)
{
    static const char *const kinds[] = {"allowance", "care",     "arrears",
                                        "recovery",  "rollover", "funeral",
                                        "oneoff",    NULL};
    static const char *const benefits[] = {"monthly", "care", "funeral",
                                           "oneoff", NULL};
    static const char *const confidences[] = {"confirmed", "secondary",
                                              "unverified", NULL};
    static const char *const methods[] = {"cash", "bank", "ewallet", NULL};
    struct date d;

    if (l->seq < 1)
        return "seq >= 1";
    if (!one_of(l->kind, kinds))
        return "kind";
    if (!one_of(l->benefit, benefits))
        return "benefit";
    if (strlen(l->benefit_month) != 10 ||
        date_parse_iso(l->benefit_month, 10, &d) != DATE_OK || d.d != 1)
        return "benefit_month is a month's first day";
    if (l->amount == 0)
        return "amount <> 0";
    if (!one_of(l->confidence, confidences))
        return "confidence";
    if (!one_of(l->method, methods))
        return "method";
    if (l->blocked != 0 && l->blocked != 1)
        return "blocked";
    if ((strcmp(l->kind, "recovery") == 0) != (l->amount < 0))
        return "a recovery, and only a recovery, is negative";
    if ((strcmp(l->kind, "rollover") == 0) != (l->source_line_id > 0))
        return "a roll-over, and only a roll-over, has a source line";
    return NULL;
}

int store_payroll_lines_run(struct db *db, int on)
{
    bases_clear();
    if (on)
        bases.db = db;
    if (strcmp(db_engine(db), "sqlite") != 0)
        return DB_OK;
    return db_exec_script(db, on ? "PRAGMA ignore_check_constraints = ON"
                                 : "PRAGMA ignore_check_constraints = OFF");
}

int store_payroll_lines_add(struct db *db, const SL *l, size_t n)
{
    int64_t basis[STORE_PAY_LINES_BATCH];
    size_t i = 0;
    const char *why;
    int rc = DB_OK, own;

    if (n == 0)
        return DB_OK;
    for (i = 0; i < n; i++) {
        if (l[i].payroll_id != l[0].payroll_id)
            return db_set_error(db, DB_ECHECK,
                                "payroll lines of several payrolls at once");
        why = line_breaks(&l[i]);
        if (why != NULL)
            return db_set_error(db, DB_ECHECK,
                                "payroll line %s (seq %lld): CHECK "
                                "constraint failed: %s",
                                l[i].ref, (long long)l[i].seq, why);
    }
    rc = payroll_open(db, l[0].payroll_id);
    own = bases.db != db; /* outside a run: the bases of this call */
    if (own) {
        bases_clear();
        bases.db = db;
    }
    i = 0;
    pthread_once(&lines_once, build_lines_sqls);
    while (i < n && rc == DB_OK) {
        size_t rows =
            n - i >= STORE_PAY_LINES_BATCH ? STORE_PAY_LINES_BATCH : 1;
        struct db_stmt *st;
        size_t r;

        for (r = 0; r < rows && rc == DB_OK; r++)
            rc = basis_id(db, &l[i + r], &basis[r]);
        if (rc != DB_OK)
            break;
        rc = db_prepare(db, rows == 1 ? sql_lines_one : sql_lines_batch, &st);
        if (rc != DB_OK)
            break;
        for (r = 0; r < rows && rc == DB_OK; r++)
            rc = bind_line(st, 1 + (int)r * LINE_PARAMS, &l[i + r], basis[r]);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_DONE)
            rc = DB_OK;
        db_reset(st);
        i += rows;
    }
    if (own)
        bases_clear();
    return rc;
}

int store_payroll_bulk_cache(struct db *db, int64_t kib)
{
    char sql[64];

    if (strcmp(db_engine(db), "sqlite") != 0)
        return DB_OK;
    /* SQLite's default: -2000 (KiB). */
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%lld",
             (long long)(kib > 0 ? kib : 2000));
    return db_exec_script(db, sql);
}

int store_payroll_point_add(struct db *db, int64_t payroll_id,
                            const struct store_pay_point *p)
{
    static const char sql[] =
        "INSERT INTO payroll_points (payroll_id, seq, unit_code, method,"
        " kind, name, officer, persons, lines, total)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, payroll_id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, p->seq);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, p->unit_code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, p->method, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, p->kind, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 6, p->name, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 7, p->officer, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 8, p->persons);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 9, p->lines);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 10, p->total);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    return rc;
}

int store_payroll_totals(struct db *db, int64_t id, int64_t persons,
                         int64_t lines, int64_t payable, int64_t recovery)
{
    static const char sql[] =
        "UPDATE payrolls SET persons = $2, lines = $3, total_payable = $4,"
        " total_recovery = $5 WHERE id = $1";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, persons);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, lines);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 4, payable);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 5, recovery);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = db_changes(st) == 1 ? DB_OK : DB_ENOTFOUND;
    db_reset(st);
    return rc;
}

int store_payroll_explained_by_row(int kind)
{
    return kind == PAYROLL_ALLOWANCE || kind == PAYROLL_CARE ||
           kind == PAYROLL_ARREARS || kind == PAYROLL_RECOVERY ||
           kind == PAYROLL_FUNERAL;
}

/* Compose the explanation of line l, stored without it, from its fields:
 * what payroll_line_explain wrote when it was stored in full. */
static void explain_row(SL *l)
{
    struct payroll_line x;

    memset(&x, 0, sizeof x);
    x.person_id = l->person_id;
    x.kind = payroll_kind_parse(l->kind);
    x.benefit = payroll_benefit_parse(l->benefit);
    if (strlen(l->benefit_month) >= 7)
        month_parse_iso(l->benefit_month, 7, &x.benefit_month);
    snprintf(x.category, sizeof x.category, "%s", l->category);
    x.coeff_milli = (int)l->coeff_milli;
    x.level = l->standard_level;
    x.amount = l->amount;
    x.entitled = l->entitled;
    x.settled = l->settled;
    x.basis = l->basis;
    x.level_basis = l->level_basis;
    x.rules_ref = l->rules_ref;
    x.confidence = strcmp(l->confidence, "unverified") == 0  ? RULES_UNVERIFIED
                   : strcmp(l->confidence, "secondary") == 0 ? RULES_SECONDARY
                                                             : RULES_CONFIRMED;
    x.decision_id = l->decision_id;
    x.decision_ref = l->decision_ref;
    payroll_line_explain(&x, l->explanation, sizeof l->explanation);
}

static int read_line(struct db *db, struct db_stmt *st, SL *l, int results)
{
    int rc;

    memset(l, 0, sizeof *l);
    rc = dos_read(db, st, 0, line_fields, LINE_NFIELDS, l);
    l->decision_id = db_col_int64(st, (int)LINE_NFIELDS);
    l->oneoff_id = db_col_int64(st, (int)LINE_NFIELDS + 1);
    l->source_line_id = db_col_int64(st, (int)LINE_NFIELDS + 2);
    l->id = db_col_int64(st, (int)LINE_NFIELDS + 3);
    if (rc == DB_OK)
        rc = dos_read(db, st, (int)LINE_NFIELDS + 4, basis_fields,
                      BASIS_NFIELDS, l);
    if (rc == DB_OK && l->explanation[0] == '\0')
        explain_row(l);
    l->paid = -1;
    if (results && !db_col_is_null(st, (int)LINE_NFIELDS + 7)) {
        size_t len = 0;
        const char *s;

        l->paid = db_col_int64(st, (int)LINE_NFIELDS + 7) != 0;
        s = db_col_text(st, (int)LINE_NFIELDS + 8, &len);
        if (s != NULL && len < sizeof l->paid_on) {
            memcpy(l->paid_on, s, len);
            l->paid_on[len] = '\0';
        }
    }
    return rc;
}

int store_payroll_lines(struct db *db, int64_t id, int64_t point_seq,
                        int64_t offset, int64_t limit, store_pay_line_fn fn,
                        void *arg, int64_t *total)
{
    static const char count_sql[] =
        "SELECT count(*) FROM payroll_lines WHERE payroll_id = $1"
        " AND ($2 = 0 OR point_seq = $2)";
    static const char sql[] =
        "SELECT " LINE_COLUMNS ", r.paid, CAST(r.paid_on AS TEXT)" LINE_FROM
        " LEFT JOIN payroll_results r ON r.line_id = l.id"
        " WHERE l.payroll_id = $1"
        " AND ($2 = 0 OR l.point_seq = $2) ORDER BY l.seq"
        " LIMIT $3 OFFSET $4";
    struct db_stmt *st;
    SL *l;
    int rc;

    if (total != NULL) {
        rc = db_prepare(db, count_sql, &st);
        if (rc != DB_OK)
            return rc;
        rc = db_bind_int64(st, 1, id);
        if (rc == DB_OK)
            rc = db_bind_int64(st, 2, point_seq);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_ROW) {
            *total = db_col_int64(st, 0);
            rc = DB_OK;
        }
        db_reset(st);
        if (rc != DB_OK)
            return rc;
    }
    if (fn == NULL)
        return DB_OK;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    l = xmalloc(sizeof *l);
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, point_seq);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, limit > 0 ? limit : INT64_MAX);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 4, offset);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        rc = read_line(db, st, l, 1);
        if (rc == DB_OK)
            rc = fn(arg, l);
    }
    db_reset(st);
    free(l);
    return rc == DB_DONE ? DB_OK : rc;
}

void store_pay_points_free(struct store_pay_points *p)
{
    if (p == NULL)
        return;
    free(p->items);
    p->items = NULL;
    p->count = 0;
}

int store_payroll_points(struct db *db, int64_t id,
                         struct store_pay_points *out)
{
    static const char sql[] =
        "SELECT seq, unit_code, method, kind, name, officer, persons, lines,"
        " total FROM payroll_points WHERE payroll_id = $1 ORDER BY seq";
#define PP struct store_pay_point
    static const struct dos_field f[] = {
        DOS_I(PP, seq),     DOS_T(PP, unit_code), DOS_T(PP, method),
        DOS_T(PP, kind),    DOS_T(PP, name),      DOS_T(PP, officer),
        DOS_I(PP, persons), DOS_I(PP, lines),     DOS_I(PP, total),
    };
#undef PP
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        rc = dos_read(db, st, 0, f, sizeof f / sizeof f[0],
                      &out->items[out->count++]);
    }
    db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        store_pay_points_free(out);
    return rc;
}

/* --- State -----------------------------------------------------------------
 */

int store_payroll_move(struct db *db, int64_t id,
                       const struct store_payroll_move *m, int64_t *version)
{
    static const char check_sql[] =
        "UPDATE payrolls SET state = 'checked', checked_by = $4,"
        " checked_at = $5, version = version + 1"
        " WHERE id = $1 AND version = $2 AND state = $3";
    static const char approve_sql[] =
        "UPDATE payrolls SET state = 'approved', approved_by = $4,"
        " approved_at = $5, approved_role = $6, content_hash = $7,"
        " approval_seq = (SELECT coalesce(max(approval_seq), 0) + 1"
        " FROM payrolls), version = version + 1"
        " WHERE id = $1 AND version = $2 AND state = $3";
    static const char send_sql[] =
        "UPDATE payrolls SET state = 'sent', sent_by = $4, sent_at = $5,"
        " version = version + 1"
        " WHERE id = $1 AND version = $2 AND state = $3";
    static const char reconcile_sql[] =
        "UPDATE payrolls SET state = 'reconciled', reconciled_at = $4,"
        " version = version + 1 WHERE id = $1 AND version = $2 AND state = $3";
    const char *sql;
    struct db_stmt *st;
    int64_t v = *version;
    int rc;

    if (strcmp(m->to, "checked") == 0)
        sql = check_sql;
    else if (strcmp(m->to, "approved") == 0)
        sql = approve_sql;
    else if (strcmp(m->to, "sent") == 0)
        sql = send_sql;
    else if (strcmp(m->to, "reconciled") == 0)
        sql = reconcile_sql;
    else
        return db_set_error(db, DB_EINVAL, "payrolls: no state %s", m->to);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, v);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, m->from, (size_t)-1);
    if (rc == DB_OK && sql == reconcile_sql)
        rc = db_bind_text(st, 4, m->at, (size_t)-1);
    else if (rc == DB_OK)
        rc = db_bind_text(st, 4, m->by ? m->by : "", (size_t)-1);
    if (rc == DB_OK && sql != reconcile_sql)
        rc = db_bind_text(st, 5, m->at, (size_t)-1);
    if (rc == DB_OK && sql == approve_sql) {
        rc = db_bind_text(st, 6, m->role ? m->role : "", (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st, 7, m->content_hash, (size_t)-1);
    }
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE) {
        rc = db_changes(st) == 1 ? DB_OK : DB_ECONFLICT;
        if (rc == DB_ECONFLICT)
            db_set_error(db, rc,
                         "Danh sách chi trả đã thay đổi (phiên bản "
                         "hoặc trạng thái khác)");
    }
    db_reset(st);
    if (rc == DB_OK)
        *version = v + 1;
    return rc;
}

int store_payroll_stale(struct db *db, int64_t id, int *stale, int64_t *other)
{
    static const char units_sql[] =
        "SELECT p2.id FROM payrolls p1"
        " JOIN payroll_units u1 ON u1.payroll_id = p1.id"
        " JOIN payroll_units u2 ON u2.unit_code = u1.unit_code"
        " AND u2.payroll_id <> p1.id"
        " JOIN payrolls p2 ON p2.id = u2.payroll_id"
        " WHERE p1.id = $1 AND p2.approval_seq > p1.basis_seq"
        " ORDER BY p2.id LIMIT 1";
    static const char roll_sql[] =
        "SELECT p2.id FROM payroll_lines l1"
        " JOIN payroll_lines l2 ON l2.source_line_id = l1.source_line_id"
        " AND l2.payroll_id <> l1.payroll_id"
        " JOIN payrolls p2 ON p2.id = l2.payroll_id"
        " WHERE l1.payroll_id = $1 AND l1.source_line_id IS NOT NULL"
        " AND p2.state IN ('approved', 'sent', 'reconciled')"
        " ORDER BY p2.id LIMIT 1";
    const char *const sqls[2] = {units_sql, roll_sql};
    int i, rc = DB_OK;

    *stale = 0;
    if (other != NULL)
        *other = 0;
    for (i = 0; i < 2 && rc == DB_OK && !*stale; i++) {
        struct db_stmt *st;

        rc = db_prepare(db, sqls[i], &st);
        if (rc != DB_OK)
            break;
        rc = db_bind_int64(st, 1, id);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_ROW) {
            *stale = 1;
            if (other != NULL)
                *other = db_col_int64(st, 0);
            rc = DB_OK;
        } else if (rc == DB_DONE) {
            rc = DB_OK;
        }
        db_reset(st);
    }
    return rc;
}

/* --- Content hash ----------------------------------------------------------
 */

struct hash_ctx {
    crypto_generichash_state st;
    struct buf b;
    int rc;
};

static void hash_flush(struct hash_ctx *h)
{
    crypto_generichash_update(&h->st, (const unsigned char *)h->b.data,
                              h->b.len);
    buf_reset(&h->b);
}

static void canon_str(struct buf *b, const char *s, int nullable)
{
    if (nullable && (s == NULL || s[0] == '\0'))
        payroll_canon_text(b, NULL, 0);
    else
        payroll_canon_text(b, s ? s : "", s ? strlen(s) : 0);
}

static int hash_line(void *arg, const SL *l)
{
    struct hash_ctx *h = arg;
    struct buf *b = &h->b;

    payroll_canon_int(b, l->seq);
    canon_str(b, l->ref, 0);
    payroll_canon_int(b, l->point_seq);
    payroll_canon_int(b, l->person_id);
    canon_str(b, l->full_name, 0);
    canon_str(b, l->id_number, 1);
    canon_str(b, l->birth_date, 0);
    canon_str(b, l->unit_code, 0);
    canon_str(b, l->kind, 0);
    canon_str(b, l->benefit, 0);
    canon_str(b, l->benefit_month, 0);
    canon_str(b, l->category, 0);
    payroll_canon_int(b, l->coeff_milli);
    payroll_canon_int(b, l->standard_level);
    payroll_canon_int(b, l->amount);
    payroll_canon_int(b, l->entitled);
    payroll_canon_int(b, l->settled);
    canon_str(b, l->basis, 0);
    canon_str(b, l->rules_ref, 0);
    canon_str(b, l->confidence, 0);
    payroll_canon_int(b, l->decision_id);
    canon_str(b, l->decision_ref, 0);
    payroll_canon_int(b, l->oneoff_id);
    payroll_canon_int(b, l->source_line_id);
    canon_str(b, l->explanation, 0);
    canon_str(b, l->method, 0);
    canon_str(b, l->point_name, 0);
    canon_str(b, l->point_officer, 0);
    canon_str(b, l->bank_code, 0);
    canon_str(b, l->account_number, 0);
    canon_str(b, l->receiver_name, 0);
    canon_str(b, l->receiver_id_number, 0);
    payroll_canon_int(b, l->blocked);
    canon_str(b, l->block_reason, 0);
    hash_flush(h);
    return 0;
}

int store_payroll_content_hash(struct db *db, int64_t id,
                               char out[STORE_PAY_HASH_SIZE])
{
    struct hash_ctx *h;
    unsigned char digest[32];
    SP p;
    int rc;

    out[0] = '\0';
    rc = store_payroll_get(db, id, &p);
    if (rc != DB_OK)
        return rc;
    if (sodium_init() < 0)
        return db_set_error(db, DB_ERROR, "libsodium failed to start");
    h = xcalloc(1, sizeof *h);
    buf_init(&h->b, 64 * 1024);
    crypto_generichash_init(&h->st, NULL, 0, sizeof digest);
    buf_puts(&h->b, PAYROLL_CANON_TAG);
    canon_str(&h->b, p.area_code, 0);
    canon_str(&h->b, p.month, 0);
    canon_str(&h->b, p.prepared_on, 0);
    payroll_canon_int(&h->b, p.lookback);
    canon_str(&h->b, p.rules_hash, 0);
    payroll_canon_int(&h->b, p.persons);
    payroll_canon_int(&h->b, p.lines);
    payroll_canon_int(&h->b, p.total_payable);
    payroll_canon_int(&h->b, p.total_recovery);
    hash_flush(h);
    rc = store_payroll_lines(db, id, 0, 0, 0, hash_line, h, NULL);
    crypto_generichash_final(&h->st, digest, sizeof digest);
    buf_free(&h->b);
    free(h);
    if (rc == DB_OK)
        sodium_bin2hex(out, STORE_PAY_HASH_SIZE, digest, sizeof digest);
    return rc;
}

/* --- Blocks ----------------------------------------------------------------
 */

int store_payroll_block(struct db *db, int64_t id, const char *ref,
                        const char *reason, const char *by, const char *at)
{
    static const char line_sql[] =
        "UPDATE payroll_lines SET blocked = $3, block_reason = $4"
        " WHERE payroll_id = $1 AND ref = $2";
    static const char del_sql[] =
        "DELETE FROM payroll_blocks WHERE payroll_id = $1 AND ref = $2";
    static const char ins_sql[] =
        "INSERT INTO payroll_blocks (payroll_id, ref, reason, blocked_by,"
        " blocked_at) VALUES ($1, $2, $3, $4, $5)";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, line_sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, reason != NULL);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, reason ? reason : "", (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = db_changes(st) == 1
                 ? DB_OK
                 : db_set_error(db, DB_ENOTFOUND, "Không có dòng %s", ref);
    db_reset(st);
    if (rc != DB_OK)
        return rc;
    rc = db_prepare(db, del_sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    db_reset(st);
    if (rc != DB_DONE)
        return rc;
    if (reason == NULL)
        return DB_OK;
    rc = db_prepare(db, ins_sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, reason, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, by, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, at, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_payroll_blocks(struct db *db, int64_t id, char ***refs,
                         char ***reasons, size_t *n)
{
    static const char sql[] = "SELECT ref, reason FROM payroll_blocks"
                              " WHERE payroll_id = $1 ORDER BY ref";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *refs = *reasons = NULL;
    *n = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        const char *a = db_col_text(st, 0, NULL);
        const char *b = db_col_text(st, 1, NULL);

        rc = DB_OK;
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            *refs = xreallocarray(*refs, cap, sizeof **refs);
            *reasons = xreallocarray(*reasons, cap, sizeof **reasons);
        }
        (*refs)[*n] = xstrdup(a ? a : "");
        (*reasons)[*n] = xstrdup(b ? b : "");
        (*n)++;
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_payroll_block_get(struct db *db, int64_t id, const char *ref,
                            char *out, size_t cap)
{
    static const char sql[] = "SELECT reason FROM payroll_blocks"
                              " WHERE payroll_id = $1 AND ref = $2";
    struct db_stmt *st;
    int rc;

    out[0] = '\0';
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        snprintf(out, cap, "%s", db_col_text(st, 0, NULL));
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

/* --- Facts -----------------------------------------------------------------
 */

#define NB       "CAST(NULL AS bigint)"
#define NT       "CAST(NULL AS TEXT)"
#define NT2      NT ", " NT
#define NT4      NT2 ", " NT2
#define T(x)     "CAST(" x " AS TEXT)"
#define APPROVED "('approved', 'sent', 'reconciled')"

/* $1 lo, $2 hi person ids; $3 window start (a first day), $4 the pay
 * month's last day. Columns: person, kind, n0, n1, t0..t8. */
/* clang-format off */
static const char facts_sql[] =
    /* the person */
    "SELECT p.id, 0, p.household_id, " NB ", p.full_name, p.id_number, "
    T("p.birth_date") ", " NT4 ", " NT2
    " FROM persons p WHERE p.id BETWEEN $1 AND $2"
    /* memberships in the window */
    " UNION ALL SELECT m.person_id, 1, m.id, m.studying, m.category,"
    " m.disability, " T("m.valid_from") ", " T("m.valid_to") ", "
    NT4 ", " NT
    " FROM memberships m WHERE m.person_id BETWEEN $1 AND $2"
    " AND m.valid_from <= $4 AND (m.valid_to IS NULL OR m.valid_to > $3)"
    /* status periods in the window */
    " UNION ALL SELECT s.person_id, 2, s.id, " NB ", s.status, "
    T("s.valid_from") ", " T("s.valid_to") ", s.decision_ref, s.reason, "
    NT4
    " FROM beneficiary_status s WHERE s.person_id BETWEEN $1 AND $2"
    " AND s.valid_from <= $4 AND (s.valid_to IS NULL OR s.valid_to > $3)"
    /* residences in the window */
    " UNION ALL SELECT r.person_id, 3, r.id, " NB ", r.unit_code, "
    T("r.valid_from") ", " T("r.valid_to") ", " NT4 ", " NT2
    " FROM residences r WHERE r.person_id BETWEEN $1 AND $2"
    " AND r.valid_from <= $4 AND (r.valid_to IS NULL OR r.valid_to > $3)"
    /* payment arrangements, all */
    " UNION ALL SELECT a.person_id, 4, a.id, " NB ", a.method, "
    T("a.valid_from") ", " T("a.valid_to") ", a.point_name,"
    " a.point_officer, coalesce(a.bank_code, a.wallet_provider),"
    " a.account_number, a.receiver_name, a.receiver_id_number"
    " FROM payment_arrangements a WHERE a.person_id BETWEEN $1 AND $2"
    /* decisions, all */
    " UNION ALL SELECT x.person_id, 5, x.id, " NB ", x.kind, "
    T("x.effective_from") ", x.number, " T("x.signed_on") ", d.kind, "
    T("d.event_on") ", d.applicant, x.categories, " NT
    " FROM decisions x JOIN dossiers d ON d.id = x.dossier_id"
    " WHERE x.person_id BETWEEN $1 AND $2"
    /* children of K4 parents */
    " UNION ALL SELECT DISTINCT k.person_id, 6, c.id,"
    " CASE WHEN EXISTS (SELECT 1 FROM documents e WHERE e.person_id = c.id"
    " AND e.kind = 'school_confirmation') THEN 1 ELSE 0 END, "
    T("c.birth_date") ", " NT4 ", " NT4
    " FROM memberships k JOIN persons p ON p.id = k.person_id"
    " JOIN persons c ON c.household_id = p.household_id AND c.id <> p.id"
    /* (k.category || '': SQLite would otherwise read every K4
     * membership of the nation by the category index, for each chunk) */
    " WHERE k.category || '' = 'K4' AND k.person_id BETWEEN $1 AND $2"
    " AND k.valid_from <= $4 AND (k.valid_to IS NULL OR k.valid_to > $3)";

/* The same for the person's lines in approved payrolls: $1, $2, $3 as
 * above, $4 the pay month's first day, $5 its last day. */
static const char facts_lines_sql[] =
    /* settled: approved lines by benefit and month */
    "SELECT l.person_id, 7, CAST(sum(l.amount) AS bigint), " NB
    ", l.benefit, " T("l.benefit_month") ", " NT4 ", " NT2 ", " NT
    " FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id"
    " WHERE l.person_id BETWEEN $1 AND $2 AND q.state IN " APPROVED
    " AND l.blocked = 0 AND l.kind IN ('allowance', 'care', 'arrears',"
    " 'recovery') AND l.benefit_month >= $3 AND l.benefit_month <= $4"
    " GROUP BY l.person_id, l.benefit, l.benefit_month"
    /* settled once: funeral decisions and one-off payments */
    " UNION ALL SELECT l.person_id, 8, CAST(sum(l.amount) AS bigint),"
    " coalesce(l.decision_id, l.oneoff_id), l.kind, " NT4 ", " NT4
    " FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id"
    " WHERE l.person_id BETWEEN $1 AND $2 AND q.state IN " APPROVED
    " AND l.blocked = 0 AND l.kind IN ('funeral', 'oneoff')"
    " AND q.month <= $5"
    " GROUP BY l.person_id, l.kind, coalesce(l.decision_id, l.oneoff_id)"
    /* unpaid lines not yet rolled over */
    " UNION ALL SELECT l.person_id, 9, l.id, l.amount, l.ref, l.kind,"
    " l.benefit, " T("l.benefit_month") ", " T("q.month") ", l.category, "
    NT2 ", " NT
    " FROM payroll_lines l JOIN payrolls q ON q.id = l.payroll_id"
    " JOIN payroll_results r ON r.line_id = l.id"
    " WHERE l.person_id BETWEEN $1 AND $2 AND q.state IN " APPROVED
    " AND r.paid = 0 AND l.amount > 0 AND l.blocked = 0 AND q.month < $4"
    /* r.line_id, not l.id (equal): so the roll-over look-up runs only for
     * lines reported unpaid, not for every line of the persons' history */
    " AND NOT EXISTS (SELECT 1 FROM payroll_lines l2"
    " JOIN payrolls q2 ON q2.id = l2.payroll_id"
    " WHERE l2.source_line_id = r.line_id AND q2.state IN " APPROVED ")";
/* (No ORDER BY in either: sorting per chunk cost as much as reading, and
 * the caller sorts the facts anyway, by all of person, kind, numbers and
 * texts.) */
/* clang-format on */

static int facts_one(struct db *db, const char *sql, int64_t lo, int64_t hi,
                     const char *from, const char *month, const char *last_day,
                     store_pay_fact_fn fn, void *arg);

int store_payroll_facts(struct db *db, int64_t lo, int64_t hi, const char *from,
                        const char *month, const char *last_day,
                        store_pay_fact_fn fn, void *arg)
{
    const char *const sqls[2] = {facts_sql, facts_lines_sql};
    int k, rc = DB_OK;

    for (k = 0; k < 2 && rc == DB_OK; k++)
        rc = facts_one(db, sqls[k], lo, hi, from, k == 0 ? last_day : month,
                       k == 0 ? NULL : last_day, fn, arg);
    return rc;
}

static int facts_one(struct db *db, const char *sql, int64_t lo, int64_t hi,
                     const char *from, const char *month, const char *last_day,
                     store_pay_fact_fn fn, void *arg)
{
    struct store_pay_fact f;
    struct db_stmt *st;
    int rc, i;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, lo);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, hi);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, month, (size_t)-1);
    if (rc == DB_OK && last_day != NULL)
        rc = db_bind_text(st, 5, last_day, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        f.person_id = db_col_int64(st, 0);
        f.kind = (int)db_col_int64(st, 1);
        f.n[0] = db_col_int64(st, 2);
        f.n[1] = db_col_int64(st, 3);
        for (i = 0; i < STORE_PAY_FACT_TEXTS; i++) {
            const char *s = db_col_text(st, 4 + i, NULL);

            f.t[i] = s ? s : "";
        }
        rc = fn(arg, &f);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_payroll_residents(struct db *db, const char *commune, const char *day,
                            int64_t **ids, size_t *n, size_t *cap)
{
    static const char sql[] =
        "SELECT r.person_id FROM residences r"
        " JOIN beneficiaries b ON b.person_id = r.person_id"
        " WHERE r.unit_code = $1 AND r.valid_from <= $2"
        " AND (r.valid_to IS NULL OR r.valid_to > $2) ORDER BY r.person_id";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, commune, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, day, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 1024;
            *ids = xreallocarray(*ids, *cap, sizeof **ids);
        }
        (*ids)[(*n)++] = db_col_int64(st, 0);
        rc = DB_OK;
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_payroll_coverage(struct db *db, const char *from, const char *to,
                           store_pay_cover_fn fn, void *arg)
{
    static const char sql[] =
        "SELECT " T("u.month") ", u.unit_code FROM payroll_units u"
                               " JOIN payrolls p ON p.id = u.payroll_id"
                               " WHERE p.state IN " APPROVED
                               " AND u.month >= $1 AND u.month <= $2";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, to, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        const char *m = db_col_text(st, 0, NULL);
        const char *u = db_col_text(st, 1, NULL);

        rc = fn(arg, m ? m : "", u ? u : "");
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}
