/* store_quote.c: one pass over persons, memberships and K4 children for a
 * month (see store_quote.h).
 *
 * Each batch is one statement: the memberships valid in the month (kind 0)
 * and the children of K4 parents (kind 1), UNION ALL, ordered by person,
 * kind and row id, so a person's rows arrive together and are assembled
 * in C. Memberships are reached through memberships_person_valid, children
 * through persons_household and their school papers through
 * documents_person.
 */
#include "store/store_quote.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "store/db_driver.h"

/* $1 < person_id <= $2; $3 first day, $4 last day of the month. */
#define VALID_IN_MONTH                                                         \
    "m.valid_from <= $4 AND (m.valid_to IS NULL OR m.valid_to > $3)"

/* The scan of one batch, with the filter's predicates (`extra`, placed in
 * both branches; $5 is the area's code) between the memberships' and the
 * children's parts. */
#define SCAN_SQL(extra)                                                        \
    "SELECT m.person_id, 0, p.birth_date, m.category, m.disability,"           \
    " m.studying, m.id"                                                        \
    " FROM memberships m JOIN persons p ON p.id = m.person_id"                 \
    " WHERE m.person_id > $1 AND m.person_id <= $2 AND " VALID_IN_MONTH extra  \
    " UNION ALL"                                                               \
    " SELECT m.person_id, 1, c.birth_date, CAST(NULL AS TEXT),"                \
    " CAST(NULL AS TEXT),"                                                     \
    " CASE WHEN EXISTS (SELECT 1 FROM documents d WHERE d.person_id = c.id"    \
    " AND d.type = 'Giấy xác nhận đang học') THEN 1 ELSE 0 END, c.id"  \
    " FROM memberships m JOIN persons p ON p.id = m.person_id"                 \
    " JOIN persons c ON c.household_id = p.household_id AND c.id <> p.id"      \
    " WHERE m.category = 'K4' AND m.person_id > $1 AND m.person_id <= $2"      \
    " AND " VALID_IN_MONTH extra " ORDER BY 1, 2, 7"

static const char scan_sql[] = SCAN_SQL("");

/* Enrolled on the month's first day. */
#define ENROLLED                                                               \
    " AND EXISTS (SELECT 1 FROM beneficiary_status s WHERE"                    \
    " s.person_id = m.person_id AND s.valid_from <= $3 AND (s.valid_to IS"     \
    " NULL OR s.valid_to > $3) AND s.status = 'enrolled')"
/* Resident on the month's first day in a commune of the area ($5) in the
 * unit tree of that day. */
#define RESIDENT(col)                                                          \
    " AND EXISTS (SELECT 1 FROM residences r JOIN units u ON"                  \
    " u.code = r.unit_code AND u.level = 3 AND u.valid_from <= $3 AND"         \
    " (u.valid_to IS NULL OR u.valid_to > $3) WHERE r.person_id ="             \
    " m.person_id AND r.valid_from <= $3 AND (r.valid_to IS NULL OR"           \
    " r.valid_to > $3) AND u." col " = $5)"

/* [level][enrolled]: level 0 has no $5. */
static const char *const filtered_sql[4][2] = {
    {SCAN_SQL(""), SCAN_SQL(ENROLLED)},
    {SCAN_SQL(RESIDENT("province_code")),
     SCAN_SQL(RESIDENT("province_code") ENROLLED)},
    {SCAN_SQL(RESIDENT("parent_code")),
     SCAN_SQL(RESIDENT("parent_code") ENROLLED)},
    {SCAN_SQL(RESIDENT("code")), SCAN_SQL(RESIDENT("code") ENROLLED)},
};

static int check_day(struct db *db, const char *s)
{
    struct date d;

    if (s == NULL || date_parse_iso(s, strlen(s), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK,
                            "Ngày không hợp lệ (cần YYYY-MM-DD): '%s'",
                            s ? s : "");
    return DB_OK;
}

static void copy_text(char *out, size_t cap, const char *s, size_t len)
{
    if (s == NULL)
        len = 0;
    if (len >= cap)
        len = cap - 1;
    if (len > 0)
        memcpy(out, s, len);
    out[len] = '\0';
}

/* Read one batch of `sql` (area code $5, or NULL), calling fn for each
 * complete person. */
static int scan_batch(struct db *db, const char *sql, const char *area,
                      int64_t lo, int64_t hi, const char *first_day,
                      const char *last_day, store_quote_fn fn, void *arg,
                      struct store_quote_person *p)
{
    struct db_stmt *st;
    int rc, have = 0;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, lo);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, hi);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, first_day, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, last_day, (size_t)-1);
    if (rc == DB_OK && area != NULL)
        rc = db_bind_text(st, 5, area, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        int64_t id = db_col_int64(st, 0);
        int kind = (int)db_col_int64(st, 1);
        const char *s;
        size_t len;

        rc = DB_OK;
        if (!have || id != p->person_id) {
            if (have) {
                rc = fn(arg, p);
                if (rc != 0)
                    break;
            }
            memset(p, 0, sizeof *p);
            p->person_id = id;
            have = 1;
        }
        s = db_col_text(st, 2, &len);
        if (kind == 0) {
            struct store_quote_membership *m;

            copy_text(p->birth_date, sizeof p->birth_date, s, len);
            if (p->nmemberships == STORE_QUOTE_MAX_MEMBERSHIPS) {
                p->truncated = 1;
                continue;
            }
            m = &p->m[p->nmemberships++];
            s = db_col_text(st, 3, &len);
            copy_text(m->category, sizeof m->category, s, len);
            s = db_col_text(st, 4, &len);
            copy_text(m->disability, sizeof m->disability, s, len);
            m->studying = db_col_int64(st, 5) != 0;
        } else {
            struct store_quote_child *c;

            if (p->nchildren == STORE_QUOTE_MAX_CHILDREN) {
                p->truncated = 1;
                continue;
            }
            c = &p->child[p->nchildren++];
            copy_text(c->birth_date, sizeof c->birth_date, s, len);
            c->studying = db_col_int64(st, 5) != 0;
        }
    }
    if (rc == DB_DONE) {
        rc = DB_OK;
        if (have)
            rc = fn(arg, p);
    }
    db_reset(st);
    return rc;
}

static int scan(struct db *db, const char *sql, const char *area,
                const char *first_day, const char *last_day, store_quote_fn fn,
                void *arg)
{
    static struct store_quote_person zero;
    struct store_quote_person p = zero;
    int own = db->tx_depth == 0;
    int64_t max_id = 0, lo;
    int rc;

    rc = check_day(db, first_day);
    if (rc == DB_OK)
        rc = check_day(db, last_day);
    if (rc != DB_OK)
        return rc;
    if (own) {
        rc = db_begin(db, 0);
        if (rc != DB_OK)
            return rc;
    }
    rc = db_query_int64(
        db, "SELECT coalesce(max(person_id), 0) FROM memberships", &max_id);
    for (lo = 0; rc == DB_OK && lo < max_id; lo += STORE_QUOTE_BATCH)
        rc = scan_batch(db, sql, area, lo, lo + STORE_QUOTE_BATCH, first_day,
                        last_day, fn, arg, &p);
    if (!own)
        return rc;
    if (rc == DB_OK)
        return db_commit(db);
    db_rollback(db);
    return rc;
}

int store_quote_scan(struct db *db, const char *first_day, const char *last_day,
                     store_quote_fn fn, void *arg)
{
    return scan(db, scan_sql, NULL, first_day, last_day, fn, arg);
}

int store_quote_scan_filtered(struct db *db, const char *first_day,
                              const char *last_day,
                              const struct store_quote_filter *f,
                              store_quote_fn fn, void *arg)
{
    static const size_t lens[4] = {0, 2, 3, 5};
    size_t n = strlen(f->code);

    if (f->level < 0 || f->level > 3 ||
        (f->level > 0 &&
         (n != lens[f->level] || strspn(f->code, "0123456789") != n)))
        return db_set_error(db, DB_EINVAL, "quote: bad area %d '%s'", f->level,
                            f->code);
    return scan(db, filtered_sql[f->level][f->enrolled != 0],
                f->level > 0 ? f->code : NULL, first_day, last_day, fn, arg);
}
