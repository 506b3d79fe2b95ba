/* store_oversight.c: the SQL of the oversight document and the forms (see
 * store_oversight.h).
 *
 * Each query has one text per area level (the area's predicate on the
 * `units` row of the day that matters), so no parameter changes type
 * between engines. Dates are read through CAST(... AS TEXT): PostgreSQL
 * stores them as date, SQLite as text, both print 'YYYY-MM-DD'. */
#include "store/store_oversight.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "util/xalloc.h"

/* clang-format off */
/* A row valid on the day expression d (valid_to exclusive). */
#define ON(t, d) \
    t ".valid_from <= " d \
    " AND (" t ".valid_to IS NULL OR " t ".valid_to > " d ")"

/* The commune t (a units alias) of code c on day d, LEFT JOINed. */
#define PLACE(t, c, d) \
    " LEFT JOIN units " t " ON " t ".code = " c " AND " t ".level = 3" \
    " AND " ON(t, d)

#define PLACE_COLS(t) t ".code, " t ".parent_code, " t ".province_code"

#define APPROVED "('approved', 'sent', 'reconciled')"
/* clang-format on */

static const size_t area_len[4] = {0, 2, 3, 5};

static int check_area(struct db *db, const struct store_ov_area *a)
{
    size_t n = strlen(a->code);

    if (a->level < 0 || a->level > 3 || n != area_len[a->level] ||
        strspn(a->code, "0123456789") != n)
        return db_set_error(db, DB_EINVAL, "oversight: bad area %d '%s'",
                            a->level, a->code);
    return DB_OK;
}

static int check_day(struct db *db, const char *s)
{
    struct date d;

    if (s == NULL || date_parse_iso(s, strlen(s), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK,
                            "Ngày không hợp lệ (cần YYYY-MM-DD): '%s'",
                            s ? s : "");
    return DB_OK;
}

static const char *col(struct db_stmt *st, int c)
{
    const char *s = db_col_text(st, c, NULL);

    return s ? s : "";
}

static void read_place(struct db_stmt *st, int c, struct store_ov_place *p)
{
    p->code = col(st, c);
    p->parent = col(st, c + 1);
    p->province = col(st, c + 2);
}

int store_ov_in_area(const struct store_ov_area *a,
                     const struct store_ov_place *p)
{
    if (p->code == NULL || p->code[0] == '\0')
        return 0;
    switch (a->level) {
    case 0:
        return 1;
    case 1:
        return strcmp(p->province, a->code) == 0;
    case 2:
        return strcmp(p->parent, a->code) == 0;
    case 3:
        return strcmp(p->code, a->code) == 0;
    default:
        return 0;
    }
}

/* Bind the area's code as $n when it has one. */
static int bind_area(struct db_stmt *st, int n, const struct store_ov_area *a)
{
    return a->level == 0 ? DB_OK : db_bind_text(st, n, a->code, (size_t)-1);
}

/* --- Units -------------------------------------------------------------- */

/* clang-format off */
#define COMMUNES(area) \
    "SELECT code FROM units u WHERE u.level = 3 AND " ON("u", "$1") area \
    " ORDER BY code"

static const char *const communes_sql[4] = {
    COMMUNES(""),
    COMMUNES(" AND u.province_code = $2"),
    COMMUNES(" AND u.parent_code = $2"),
    COMMUNES(" AND u.code = $2"),
};
/* clang-format on */

int store_ov_communes(struct db *db, const struct store_ov_area *a,
                      const char *day, store_ov_code_fn fn, void *arg)
{
    struct db_stmt *st;
    int rc;

    if ((rc = check_area(db, a)) != DB_OK || (rc = check_day(db, day)) != DB_OK)
        return rc;
    rc = db_prepare(db, communes_sql[a->level], &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, day, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_area(st, 2, a);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW)
        rc = fn(arg, col(st, 0));
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* --- Payrolls ----------------------------------------------------------- */

/* The lines of approved payrolls of months $1..$2 in the area ($3) on the
 * tree of the pay month. Nationally no unit is needed. */
/* clang-format off */
#define PAY_FROM(area) \
    " FROM payrolls q JOIN payroll_lines l ON l.payroll_id = q.id" \
    " JOIN units u ON u.code = l.unit_code AND u.level = 3" \
    " AND " ON("u", "q.month") \
    " LEFT JOIN payroll_results r ON r.line_id = l.id" \
    " WHERE q.state IN " APPROVED " AND l.blocked = 0" \
    " AND q.month >= $1 AND q.month <= $2" area

#define PAY_FROM_ALL \
    " FROM payrolls q JOIN payroll_lines l ON l.payroll_id = q.id" \
    " LEFT JOIN payroll_results r ON r.line_id = l.id" \
    " WHERE q.state IN " APPROVED " AND l.blocked = 0" \
    " AND q.month >= $1 AND q.month <= $2"

#define PAY_SUMS \
    "SELECT CAST(q.month AS TEXT), l.unit_code, l.category, l.benefit," \
    " CAST(sum(CASE WHEN l.amount > 0 THEN l.amount ELSE 0 END) AS BIGINT)," \
    " CAST(sum(CASE WHEN l.amount > 0 AND r.paid = 1 THEN l.amount ELSE 0" \
    " END) AS BIGINT)," \
    " CAST(sum(CASE WHEN l.amount > 0 AND r.paid = 0 THEN l.amount ELSE 0" \
    " END) AS BIGINT)," \
    " CAST(sum(CASE WHEN l.amount > 0 AND r.line_id IS NULL THEN l.amount" \
    " ELSE 0 END) AS BIGINT)," \
    " CAST(sum(CASE WHEN l.amount < 0 THEN 0 - l.amount ELSE 0 END) AS" \
    " BIGINT)"

#define PAY_GROUP \
    " GROUP BY q.month, l.unit_code, l.category, l.benefit ORDER BY 1, 2, 3, 4"

static const char *const pay_sql[4] = {
    PAY_SUMS PAY_FROM_ALL PAY_GROUP,
    PAY_SUMS PAY_FROM(" AND u.province_code = $3") PAY_GROUP,
    PAY_SUMS PAY_FROM(" AND u.parent_code = $3") PAY_GROUP,
    PAY_SUMS PAY_FROM(" AND u.code = $3") PAY_GROUP,
};

#define PERSONS_SELECT \
    "SELECT CAST(q.month AS TEXT), l.unit_code, l.benefit," \
    " count(DISTINCT l.person_id)"
#define PERSONS_GROUP \
    " AND l.amount > 0 GROUP BY q.month, l.unit_code, l.benefit" \
    " ORDER BY 1, 2, 3"

static const char *const persons_sql[4] = {
    PERSONS_SELECT PAY_FROM_ALL PERSONS_GROUP,
    PERSONS_SELECT PAY_FROM(" AND u.province_code = $3") PERSONS_GROUP,
    PERSONS_SELECT PAY_FROM(" AND u.parent_code = $3") PERSONS_GROUP,
    PERSONS_SELECT PAY_FROM(" AND u.code = $3") PERSONS_GROUP,
};
/* clang-format on */

static int pay_prepare(struct db *db, const char *const *sqls,
                       const struct store_ov_area *a, const char *from,
                       const char *to, struct db_stmt **st)
{
    int rc;

    if ((rc = check_area(db, a)) != DB_OK ||
        (rc = check_day(db, from)) != DB_OK ||
        (rc = check_day(db, to)) != DB_OK)
        return rc;
    rc = db_prepare(db, sqls[a->level], st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(*st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(*st, 2, to, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_area(*st, 3, a);
    if (rc != DB_OK)
        db_reset(*st);
    return rc;
}

int store_ov_payroll(struct db *db, const struct store_ov_area *a,
                     const char *from, const char *to, store_ov_pay_fn fn,
                     void *arg)
{
    struct store_ov_pay p;
    struct db_stmt *st;
    char first[24];
    int rc;

    rc = pay_prepare(db, pay_sql, a, from, to, &st);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        const char *cat = col(st, 2);
        size_t n = strcspn(cat, "+,");

        if (n >= sizeof first)
            n = sizeof first - 1;
        memcpy(first, cat, n);
        first[n] = '\0';
        p.month = col(st, 0);
        p.commune = col(st, 1);
        p.category = first;
        p.benefit = col(st, 3);
        p.payable = db_col_int64(st, 4);
        p.paid = db_col_int64(st, 5);
        p.unpaid = db_col_int64(st, 6);
        p.pending = db_col_int64(st, 7);
        p.recovered = db_col_int64(st, 8);
        rc = fn(arg, &p);
        if (rc != DB_OK)
            break;
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_ov_payroll_persons(struct db *db, const struct store_ov_area *a,
                             const char *from, const char *to,
                             store_ov_persons_fn fn, void *arg)
{
    struct db_stmt *st;
    int rc;

    rc = pay_prepare(db, persons_sql, a, from, to, &st);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        rc = fn(arg, col(st, 0), col(st, 1), col(st, 2), db_col_int64(st, 3));
        if (rc != DB_OK)
            break;
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* --- The pass over a range of months ------------------------------------ */

/* Persons $1 < id <= $2; $3 the first day, $4 the last day of the range.
 * Four reads, each in person order straight from an index (no sort: the
 * memberships in the order of memberships_person_valid), are merged here: the
 * memberships (with the birth date), the enrolled periods, the residences and
 * the K4 holders' household members. The same four for the residents of one
 * commune ($1) in the range: the persons come from residences_unit_valid. */
/* clang-format off */
#define OVERLAPS(t) \
    t ".valid_from <= $4 AND (" t ".valid_to IS NULL OR " t ".valid_to > $3)"

#define BY_IDS(t) t ".person_id > $1 AND " t ".person_id <= $2"
#define BY_COMMUNE(t) \
    t ".person_id IN (SELECT r0.person_id FROM residences r0" \
    " WHERE r0.unit_code = $1 AND $2 >= 0 AND r0.valid_from <= $4" \
    " AND (r0.valid_to IS NULL OR r0.valid_to > $3))"

#define SCAN_MEMBERS(who) \
    "SELECT m.person_id, CAST(p.birth_date AS TEXT), m.category," \
    " m.disability, m.studying, CAST(m.valid_from AS TEXT)," \
    " CAST(m.valid_to AS TEXT)" \
    " FROM memberships m JOIN persons p ON p.id = m.person_id" \
    " WHERE " who " AND " OVERLAPS("m") \
    " ORDER BY m.person_id, m.valid_from, m.valid_to, m.id"
#define SCAN_ENROLLED(who) \
    "SELECT s.person_id, CAST(s.valid_from AS TEXT)," \
    " CAST(s.valid_to AS TEXT) FROM beneficiary_status s" \
    " WHERE " who " AND s.status = 'enrolled' AND " OVERLAPS("s") \
    " ORDER BY s.person_id"
#define SCAN_RESIDENCES(who) \
    "SELECT r.person_id, r.unit_code, CAST(r.valid_from AS TEXT)," \
    " CAST(r.valid_to AS TEXT) FROM residences r" \
    " WHERE " who " AND " OVERLAPS("r") " ORDER BY r.person_id, r.valid_from"
#define SCAN_KIDS(who) \
    "SELECT m.person_id, CAST(c.birth_date AS TEXT)," \
    " CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.person_id = c.id" \
    " AND d.type = 'Giấy xác nhận đang học') THEN 1 ELSE 0 END" \
    " FROM memberships m JOIN persons p ON p.id = m.person_id" \
    " JOIN persons c ON c.household_id = p.household_id AND c.id <> p.id" \
    " WHERE m.category = 'K4' AND " who " AND " OVERLAPS("m") \
    " ORDER BY m.person_id, c.id"

static const char *const scan_sql[2][4] = {
    {SCAN_MEMBERS(BY_IDS("m")), SCAN_ENROLLED(BY_IDS("s")),
     SCAN_RESIDENCES(BY_IDS("r")), SCAN_KIDS(BY_IDS("m"))},
    {SCAN_MEMBERS(BY_COMMUNE("m")), SCAN_ENROLLED(BY_COMMUNE("s")),
     SCAN_RESIDENCES(BY_COMMUNE("r")), SCAN_KIDS(BY_COMMUNE("m"))},
};
/* clang-format on */

#define SCAN_BATCH 50000

/* Copy text s (NULL: "") into out, cut to cap - 1 bytes. */
static void copy(char *out, size_t cap, const char *s)
{
    size_t n = s ? strlen(s) : 0;

    if (n >= cap)
        n = cap - 1;
    if (n > 0)
        memcpy(out, s, n);
    out[n] = '\0';
}

static void read_period(struct db_stmt *st, int c, struct store_ov_period *p)
{
    copy(p->from, sizeof p->from, db_col_text(st, c, NULL));
    copy(p->to, sizeof p->to, db_col_text(st, c + 1, NULL));
}

/* Add the current row of stream k to p; 1 when it was beyond a cap. */
static int scan_row(struct db_stmt *st, int k, struct store_ov_person *p)
{
    switch (k) {
    case 0: {
        struct store_ov_member *m;

        copy(p->birth_date, sizeof p->birth_date, db_col_text(st, 1, NULL));
        if (p->nmembers == STORE_OV_MAX_PERIODS)
            return 1;
        m = &p->m[p->nmembers++];
        copy(m->category, sizeof m->category, db_col_text(st, 2, NULL));
        copy(m->disability, sizeof m->disability, db_col_text(st, 3, NULL));
        m->studying = db_col_int64(st, 4) != 0;
        read_period(st, 5, &m->p);
        return 0;
    }
    case 1:
        if (p->nenrolled == STORE_OV_MAX_PERIODS)
            return 1;
        read_period(st, 1, &p->enrolled[p->nenrolled++]);
        return 0;
    case 2: {
        struct store_ov_residence *r;

        if (p->nresidences == STORE_OV_MAX_PERIODS)
            return 1;
        r = &p->r[p->nresidences++];
        copy(r->commune, sizeof r->commune, db_col_text(st, 1, NULL));
        read_period(st, 2, &r->p);
        return 0;
    }
    default: {
        const char *birth = col(st, 1);
        int studying = db_col_int64(st, 2) != 0;
        struct store_ov_kid *kid;
        size_t i;

        /* a parent holding K4 twice in the range lists the household
         * twice: keep each child once */
        for (i = 0; i < p->nkids; i++)
            if (strcmp(p->kid[i].birth_date, birth) == 0 &&
                p->kid[i].studying == studying)
                return 0;
        if (p->nkids == STORE_OV_MAX_KIDS)
            return 1;
        kid = &p->kid[p->nkids++];
        copy(kid->birth_date, sizeof kid->birth_date, birth);
        kid->studying = studying;
        return 0;
    }
    }
}

/* One batch (ids lo < id <= hi, or the residents of commune): the four
 * reads in step, one person at a time. */
static int scan_batch(struct db *db, const char *commune, int64_t lo,
                      int64_t hi, const char *first, const char *last,
                      store_ov_person_fn fn, void *arg,
                      struct store_ov_person *p)
{
    struct db_stmt *st[4] = {NULL, NULL, NULL, NULL};
    int state[4]; /* DB_ROW with a row, DB_DONE, or an error */
    int rc = DB_OK, k;

    for (k = 0; k < 4 && rc == DB_OK; k++) {
        rc = db_prepare(db, scan_sql[commune != NULL][k], &st[k]);
        if (rc != DB_OK) {
            st[k] = NULL;
            break;
        }
        if (commune != NULL)
            rc = db_bind_text(st[k], 1, commune, (size_t)-1);
        else
            rc = db_bind_int64(st[k], 1, lo);
        if (rc == DB_OK)
            rc = db_bind_int64(st[k], 2, hi);
        if (rc == DB_OK)
            rc = db_bind_text(st[k], 3, first, (size_t)-1);
        if (rc == DB_OK)
            rc = db_bind_text(st[k], 4, last, (size_t)-1);
        if (rc == DB_OK) {
            state[k] = db_step(st[k]);
            if (state[k] < 0)
                rc = state[k];
        }
    }
    while (rc == DB_OK && state[0] == DB_ROW) {
        int64_t id = db_col_int64(st[0], 0);

        memset(p, 0, offsetof(struct store_ov_person, m));
        p->id = id;
        if (commune != NULL)
            copy(p->via, sizeof p->via, commune);
        for (k = 0; k < 4 && rc == DB_OK; k++) {
            while (state[k] == DB_ROW) {
                int64_t at = db_col_int64(st[k], 0);

                if (at > id)
                    break;
                if (at == id && scan_row(st[k], k, p))
                    p->truncated = 1;
                state[k] = db_step(st[k]);
            }
            if (state[k] < 0)
                rc = state[k];
        }
        if (rc == DB_OK)
            rc = fn(arg, p);
    }
    if (rc == DB_OK && state[0] < 0)
        rc = state[0];
    for (k = 0; k < 4; k++)
        if (st[k] != NULL)
            db_reset(st[k]);
    return rc;
}

int store_ov_scan(struct db *db, const char *first_day, const char *last_day,
                  char *const *communes, size_t ncommunes,
                  store_ov_person_fn fn, void *arg)
{
    struct store_ov_person *cur;
    int64_t max_id = 0, lo;
    size_t i;
    int rc;

    if ((rc = check_day(db, first_day)) != DB_OK ||
        (rc = check_day(db, last_day)) != DB_OK)
        return rc;
    cur = xcalloc(1, sizeof *cur);
    if (communes != NULL) {
        for (i = 0; rc == DB_OK && i < ncommunes; i++)
            rc = scan_batch(db, communes[i], 0, 0, first_day, last_day, fn, arg,
                            cur);
        free(cur);
        return rc;
    }
    rc = db_query_int64(
        db, "SELECT coalesce(max(person_id), 0) FROM memberships", &max_id);
    for (lo = 0; rc == DB_OK && lo < max_id; lo += SCAN_BATCH)
        rc = scan_batch(db, NULL, lo, lo + SCAN_BATCH, first_day, last_day, fn,
                        arg, cur);
    free(cur);
    return rc;
}

/* --- Dossiers and complaints -------------------------------------------- */

/* clang-format off */
static const char dossiers_sql[] =
    "SELECT d.kind, d.state, CAST(d.submitted_on AS TEXT),"
    " CAST(d.closed_on AS TEXT), d.total_stopped_wd,"
    " CASE WHEN EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id ="
    " d.id AND s.late = 1) THEN 1 ELSE 0 END,"
    " CASE WHEN (d.closed_on IS NULL OR d.closed_on > $2)"
    " AND ($3 = 0 OR d.clock_stopped_on IS NULL)"
    " AND EXISTS (SELECT 1 FROM dossier_steps s WHERE s.dossier_id = d.id"
    " AND s.started_on <= $2 AND ((s.ended_on IS NULL AND d.deadline < $2)"
    " OR (s.ended_on > $2 AND s.deadline < $2))) THEN 1 ELSE 0 END, "
    PLACE_COLS("us") ", " PLACE_COLS("uc") ", " PLACE_COLS("ud")
    " FROM dossiers d"
    PLACE("us", "d.unit_code", "d.submitted_on")
    PLACE("uc", "d.unit_code", "d.closed_on")
    PLACE("ud", "d.unit_code", "$2")
    " WHERE d.submitted_on <= $2"
    " AND (d.closed_on IS NULL OR d.closed_on >= $1)"
    " ORDER BY d.id";
/* clang-format on */

int store_ov_dossiers(struct db *db, const char *from, const char *date,
                      int running, store_ov_dossier_fn fn, void *arg)
{
    struct store_ov_dossier d;
    struct db_stmt *st;
    int rc;

    if ((rc = check_day(db, from)) != DB_OK ||
        (rc = check_day(db, date)) != DB_OK)
        return rc;
    rc = db_prepare(db, dossiers_sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, date, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 3, running ? 1 : 0);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        d.kind = col(st, 0);
        d.state = col(st, 1);
        d.submitted_on = col(st, 2);
        d.closed_on = col(st, 3);
        d.stopped_wd = db_col_int64(st, 4);
        d.late = db_col_int64(st, 5) != 0;
        d.overdue = db_col_int64(st, 6) != 0;
        read_place(st, 7, &d.at_submitted);
        read_place(st, 10, &d.at_closed);
        read_place(st, 13, &d.at_date);
        rc = fn(arg, &d);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* clang-format off */
static const char complaints_sql[] =
    "SELECT CAST(c.received_on AS TEXT), CAST(c.resolved_on AS TEXT),"
    " CAST(c.deadline AS TEXT), coalesce(c.late, 0), "
    PLACE_COLS("ur") ", " PLACE_COLS("uv") ", " PLACE_COLS("ud")
    " FROM complaints c JOIN dossiers d ON d.id = c.dossier_id"
    PLACE("ur", "d.unit_code", "c.received_on")
    PLACE("uv", "d.unit_code", "c.resolved_on")
    PLACE("ud", "d.unit_code", "$2")
    " WHERE c.received_on <= $2"
    " AND (c.resolved_on IS NULL OR c.resolved_on >= $1)"
    " ORDER BY c.id";
/* clang-format on */

int store_ov_complaints(struct db *db, const char *from, const char *date,
                        store_ov_complaint_fn fn, void *arg)
{
    struct store_ov_complaint c;
    struct db_stmt *st;
    int rc;

    if ((rc = check_day(db, from)) != DB_OK ||
        (rc = check_day(db, date)) != DB_OK)
        return rc;
    rc = db_prepare(db, complaints_sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, date, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        c.received_on = col(st, 0);
        c.resolved_on = col(st, 1);
        c.deadline = col(st, 2);
        c.late = db_col_int64(st, 3) != 0;
        read_place(st, 4, &c.at_received);
        read_place(st, 7, &c.at_resolved);
        read_place(st, 10, &c.at_date);
        rc = fn(arg, &c);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* --- Forms: stocks and changes ------------------------------------------ */

/* Beneficiaries on $1 resident then in the area ($2) on that day's tree. */
/* clang-format off */
#define RESIDENT(area) \
    " JOIN residences r ON r.person_id = s.person_id AND " ON("r", "$1") \
    " JOIN units u ON u.code = r.unit_code AND u.level = 3" \
    " AND " ON("u", "$1") area

#define STOCK(area) \
    "SELECT m.category, coalesce(m.disability, ''), s.status, count(*)" \
    " FROM beneficiary_status s" area \
    " JOIN memberships m ON m.person_id = s.person_id AND " ON("m", "$1") \
    " WHERE " ON("s", "$1") " AND s.status IN ('enrolled', 'suspended')" \
    " GROUP BY m.category, m.disability, s.status ORDER BY 1, 2, 3"

static const char *const stock_sql[4] = {
    STOCK(""),
    STOCK(RESIDENT(" AND u.province_code = $2")),
    STOCK(RESIDENT(" AND u.parent_code = $2")),
    STOCK(RESIDENT(" AND u.code = $2")),
};
/* clang-format on */

int store_ov_stock(struct db *db, const struct store_ov_area *a,
                   const char *day, store_ov_stock_fn fn, void *arg)
{
    struct db_stmt *st;
    int rc;

    if ((rc = check_area(db, a)) != DB_OK || (rc = check_day(db, day)) != DB_OK)
        return rc;
    rc = db_prepare(db, stock_sql[a->level], &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, day, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_area(st, 2, a);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW)
        rc = fn(arg, col(st, 0), col(st, 1), col(st, 2), db_col_int64(st, 3));
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* clang-format off */
#define STOCK_PERSONS(area) \
    "SELECT s.status, count(DISTINCT s.person_id) FROM beneficiary_status s" \
    area " WHERE " ON("s", "$1") " AND s.status IN ('enrolled', 'suspended')" \
    " GROUP BY s.status"

static const char *const stock_persons_sql[4] = {
    STOCK_PERSONS(""),
    STOCK_PERSONS(RESIDENT(" AND u.province_code = $2")),
    STOCK_PERSONS(RESIDENT(" AND u.parent_code = $2")),
    STOCK_PERSONS(RESIDENT(" AND u.code = $2")),
};
/* clang-format on */

int store_ov_stock_persons(struct db *db, const struct store_ov_area *a,
                           const char *day, int64_t *enrolled,
                           int64_t *suspended)
{
    struct db_stmt *st;
    int rc;

    *enrolled = *suspended = 0;
    if ((rc = check_area(db, a)) != DB_OK || (rc = check_day(db, day)) != DB_OK)
        return rc;
    rc = db_prepare(db, stock_persons_sql[a->level], &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, day, (size_t)-1);
    if (rc == DB_OK)
        rc = bind_area(st, 2, a);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (strcmp(col(st, 0), "enrolled") == 0)
            *enrolled = db_col_int64(st, 1);
        else
            *suspended = db_col_int64(st, 1);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

/* The memberships a status period concerns: those valid on its first day,
 * or, for a termination, those it ended that day. */
/* clang-format off */
static const char changes_sql[] =
    "SELECT s.id, s.person_id, s.status, coalesce(s.reason, ''),"
    " CAST(s.valid_from AS TEXT), coalesce(pv.status, ''),"
    " coalesce(m.category, ''), coalesce(m.disability, ''), "
    PLACE_COLS("u")
    " FROM beneficiary_status s"
    " LEFT JOIN beneficiary_status pv ON pv.person_id = s.person_id"
    " AND pv.valid_to = s.valid_from"
    " LEFT JOIN memberships m ON m.person_id = s.person_id"
    " AND ((s.status = 'terminated' AND m.valid_to = s.valid_from)"
    " OR (s.status <> 'terminated' AND " ON("m", "s.valid_from") "))"
    " LEFT JOIN residences r ON r.person_id = s.person_id"
    " AND " ON("r", "s.valid_from")
    PLACE("u", "r.unit_code", "s.valid_from")
    " WHERE s.valid_from >= $1 AND s.valid_from <= $2"
    " ORDER BY s.id, m.id";
/* clang-format on */

int store_ov_changes(struct db *db, const char *from, const char *to,
                     store_ov_change_fn fn, void *arg)
{
    struct store_ov_change c;
    struct db_stmt *st;
    int rc;

    if ((rc = check_day(db, from)) != DB_OK ||
        (rc = check_day(db, to)) != DB_OK)
        return rc;
    rc = db_prepare(db, changes_sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, to, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        c.id = db_col_int64(st, 0);
        c.person_id = db_col_int64(st, 1);
        c.status = col(st, 2);
        c.reason = col(st, 3);
        c.from = col(st, 4);
        c.previous = col(st, 5);
        c.category = col(st, 6);
        c.disability = col(st, 7);
        read_place(st, 8, &c.at);
        rc = fn(arg, &c);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}
