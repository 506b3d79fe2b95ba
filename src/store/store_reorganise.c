/* store_reorganise.c: the set-based writes of a reorganisation (see
 * store_reorganise.h). Every statement names the reform by its effective
 * day $1; which old commune has a successor is computed from unit_links
 * in the statement itself (10,604 links: a small grouping beside the
 * millions of residences). */
#include "store/store_reorganise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "util/xalloc.h"

/* Old communes of reform $1 with a successor: one link, full. */
#define FULL_OLD                                                               \
    "SELECT old_code FROM unit_links WHERE effective = $1 GROUP BY old_code"   \
    " HAVING count(*) = 1 AND min(kind) = 'full'"
/* Old communes of reform $1 split between several new ones. */
#define SPLIT_OLD                                                              \
    "SELECT old_code FROM unit_links WHERE effective = $1 GROUP BY old_code"   \
    " HAVING count(*) > 1 OR min(kind) = 'partial'"
/* A residence r valid on $1 that began before it. */
#define BEFORE_AND_ON(r)                                                       \
    r ".valid_from < $1 AND (" r ".valid_to IS NULL OR " r ".valid_to > $1)"
/* Column c names a commune code that no commune version has on $1. */
#define GONE(c)                                                                \
    " NOT EXISTS (SELECT 1 FROM units g WHERE g.code = " c " AND g.level = 3"  \
    " AND g.valid_from <= $1 AND (g.valid_to IS NULL OR g.valid_to > $1))"
static int check_day(struct db *db, const char *e)
{
    struct date d;

    if (e == NULL || date_parse_iso(e, strlen(e), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK, "Ngày hiệu lực không hợp lệ: '%s'",
                            e ? e : "");
    return DB_OK;
}

/* Run sql with $1 = e and the texts of more (NULL-terminated) as $2...;
 * *n (may be NULL) receives the rows changed. */
static int exec_n(struct db *db, const char *sql, const char *e,
                  const char *const *more, int64_t *n)
{
    struct db_stmt *st;
    int rc, i;

    if (n != NULL)
        *n = 0;
    if ((rc = check_day(db, e)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, e, (size_t)-1);
    for (i = 0; rc == DB_OK && more != NULL && more[i] != NULL; i++)
        rc = db_bind_text(st, i + 2, more[i], (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE) {
        if (n != NULL)
            *n = db_changes(st);
        rc = DB_OK;
    } else if (rc == DB_ROW) {
        rc = db_set_error(db, DB_ERROR, "reorganise: unexpected row");
    }
    db_reset(st);
    return rc;
}

/* One integer from sql with $1 = e and $2 (may be NULL). */
static int query_n(struct db *db, const char *sql, const char *e,
                   const char *p2, int64_t *n)
{
    struct db_stmt *st;
    int rc;

    *n = 0;
    if ((rc = check_day(db, e)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, e, (size_t)-1);
    if (rc == DB_OK && p2 != NULL)
        rc = db_bind_text(st, 2, p2, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *n = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

int store_reorg_links(struct db *db, const char *e, int64_t *n)
{
    return query_n(db, "SELECT count(*) FROM unit_links WHERE effective = $1",
                   e, NULL, n);
}

int store_reorg_claim(struct db *db, const char *e, const char *at,
                      const char *actor, int *first)
{
    static const char sql[] =
        "INSERT INTO reorganisations (effective, applied_at, applied_by,"
        " last_at) VALUES ($1, $2, $3, $2) ON CONFLICT (effective) DO UPDATE"
        " SET runs = reorganisations.runs + 1, last_at = $2 RETURNING runs";
    struct db_stmt *st;
    int rc;

    *first = 0;
    if ((rc = check_day(db, e)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, e, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, at, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, actor, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *first = db_col_int64(st, 0) == 1;
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

int store_reorg_move_residences(struct db *db, const char *e, int64_t *n)
{
    static const char insert_sql[] =
        "WITH m AS (SELECT old_code, min(new_code) AS new_code FROM unit_links"
        " WHERE effective = $1 GROUP BY old_code HAVING count(*) = 1 AND"
        " min(kind) = 'full')"
        " INSERT INTO residences (person_id, unit_code, address, valid_from,"
        " valid_to) SELECT r.person_id, m.new_code, r.address, $1, r.valid_to"
        " FROM m JOIN residences r ON r.unit_code = m.old_code"
        " WHERE " BEFORE_AND_ON("r");
    static const char close_sql[] =
        "UPDATE residences SET valid_to = $1 WHERE " BEFORE_AND_ON(
            "residences") " AND unit_code IN (" FULL_OLD ")";
    int64_t closed = 0;
    int rc = exec_n(db, insert_sql, e, NULL, n);

    if (rc == DB_OK)
        rc = exec_n(db, close_sql, e, NULL, &closed);
    if (rc == DB_OK && closed != *n)
        rc = db_set_error(db, DB_ERROR,
                          "reorganise: %lld residences moved, %lld closed",
                          (long long)*n, (long long)closed);
    return rc;
}

/* Tasks for the residences of old communes `which` (SQL selecting
 * old_code, province), then their end on E. $2 at, $3 actor, $4 the key's
 * date, more parameters after. */
#define ASSIGN_TASKS(which)                                                    \
    "WITH s AS (" which ") INSERT INTO tasks (task_key, kind, unit_code,"      \
    " person_id, decision, from_unit, event_on, due_on, state, created_at,"    \
    " created_by) SELECT 'assign_commune:' || r.person_id || ':' || $4,"       \
    " 'assign_commune', s.province, r.person_id, 'assign', r.unit_code, $1,"   \
    " $1, 'open', $2, $3 FROM s JOIN residences r ON r.unit_code = s.old_code" \
    " WHERE " BEFORE_AND_ON("r") " ON CONFLICT (task_key) DO NOTHING"

int store_reorg_split_residences(struct db *db, const char *e, const char *at,
                                 const char *actor, int64_t *tasks,
                                 int64_t *closed)
{
    static const char task_sql[] = ASSIGN_TASKS(
        "SELECT l.old_code, min(u.province_code) AS province FROM unit_links l"
        " JOIN units u ON u.code = l.new_code AND u.level = 3"
        " AND u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to > $1)"
        " WHERE l.effective = $1 GROUP BY l.old_code"
        " HAVING count(*) > 1 OR min(l.kind) = 'partial'");
    static const char close_sql[] =
        "UPDATE residences SET valid_to = $1 WHERE " BEFORE_AND_ON(
            "residences") " AND unit_code IN (" SPLIT_OLD ")";
    const char *const more[] = {at, actor, e, NULL};
    int rc = exec_n(db, task_sql, e, more, tasks);

    if (rc == DB_OK)
        rc = exec_n(db, close_sql, e, NULL, closed);
    return rc;
}

void store_reorg_orphans_free(struct store_reorg_orphans *o)
{
    if (o == NULL)
        return;
    free(o->code);
    free(o->province);
    memset(o, 0, sizeof *o);
}

int store_reorg_orphans(struct db *db, const char *e,
                        struct store_reorg_orphans *out)
{
    /* The latest version of each commune code that ended by $1, with no
     * later version and no link at $1. */
    static const char sql[] =
        "SELECT ou.code, ou.province_code FROM units ou WHERE ou.level = 3"
        " AND ou.valid_to IS NOT NULL AND ou.valid_to <= $1"
        " AND NOT EXISTS (SELECT 1 FROM units u2 WHERE u2.code = ou.code"
        " AND u2.level = 3 AND u2.valid_from > ou.valid_from)"
        " AND NOT EXISTS (SELECT 1 FROM unit_links l WHERE l.old_code ="
        " ou.code AND l.effective = $1) ORDER BY ou.code";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    memset(out, 0, sizeof *out);
    if ((rc = check_day(db, e)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, e, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        const char *c = db_col_text(st, 0, NULL), *p = db_col_text(st, 1, NULL);

        rc = DB_OK;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 32;
            out->code = xreallocarray(out->code, cap, sizeof *out->code);
            out->province =
                xreallocarray(out->province, cap, sizeof *out->province);
        }
        snprintf(out->code[out->count], 8, "%s", c ? c : "");
        snprintf(out->province[out->count], 8, "%s", p ? p : "");
        out->count++;
    }
    db_reset(st);
    if (rc == DB_DONE)
        return DB_OK;
    store_reorg_orphans_free(out);
    return rc;
}

int store_reorg_orphan_residences(struct db *db, const char *e,
                                  const char *code, const char *province,
                                  const char *at, const char *actor,
                                  int64_t *tasks, int64_t *closed)
{
    static const char task_sql[] =
        ASSIGN_TASKS("SELECT CAST($5 AS TEXT) AS old_code, CAST($6 AS TEXT)"
                     " AS province");
    static const char close_sql[] =
        "UPDATE residences SET valid_to = $1"
        " WHERE " BEFORE_AND_ON("residences") " AND unit_code = $2";
    const char *const more[] = {at, actor, e, code, province, NULL};
    const char *const one[] = {code, NULL};
    int rc = exec_n(db, task_sql, e, more, tasks);

    if (rc == DB_OK)
        rc = exec_n(db, close_sql, e, one, closed);
    return rc;
}

int store_reorg_successor_province(struct db *db, const char *e,
                                   const char *province, char out[8])
{
    static const char sql[] =
        "SELECT min(nu.province_code) FROM units ou JOIN unit_links l"
        " ON l.old_code = ou.code AND l.effective = $1 JOIN units nu"
        " ON nu.code = l.new_code AND nu.level = 3 AND nu.valid_from <= $1"
        " AND (nu.valid_to IS NULL OR nu.valid_to > $1)"
        " WHERE ou.level = 3 AND ou.province_code = $2 AND ou.valid_to = $1";
    struct db_stmt *st;
    const char *s;
    int rc;

    out[0] = '\0';
    if ((rc = check_day(db, e)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, e, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, province, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        s = db_col_text(st, 0, NULL);
        snprintf(out, 8, "%s", s ? s : "");
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

/* The successor of each old commune of reform $1 with one full link, as
 * a derived table m (old_code, new_code): updates join it (UPDATE ...
 * FROM), one pass over the table updated whatever the planner knows. */
#define SUCCESSORS                                                             \
    " FROM (SELECT old_code, min(new_code) AS new_code FROM unit_links"        \
    " WHERE effective = $1 GROUP BY old_code HAVING count(*) = 1 AND"          \
    " min(kind) = 'full') AS m"
/* The successor province of each old commune of reform $1 split between
 * several new ones, as a derived table s (old_code, province). */
#define SPLIT_PROVINCES                                                        \
    " FROM (SELECT l.old_code, min(u.province_code) AS province FROM"          \
    " unit_links l JOIN units u ON u.code = l.new_code AND u.level = 3 AND"    \
    " u.valid_from <= $1 AND (u.valid_to IS NULL OR u.valid_to > $1) WHERE"    \
    " l.effective = $1 GROUP BY l.old_code HAVING count(*) > 1 OR"             \
    " min(l.kind) = 'partial') AS s"

int store_reorg_move_households(struct db *db, const char *e, int64_t *n)
{
    static const char sql[] =
        "UPDATE households SET unit_code = m.new_code" SUCCESSORS
        " WHERE households.unit_code = m.old_code AND" GONE(
            "households.unit_code");

    return exec_n(db, sql, e, NULL, n);
}

int store_reorg_move_dossiers(struct db *db, const char *e, int64_t *n)
{
    static const char sql[] =
        "UPDATE dossiers SET unit_code = m.new_code, version ="
        " dossiers.version + 1" SUCCESSORS
        " WHERE dossiers.unit_code = m.old_code AND dossiers.state = 'open'"
        " AND" GONE("dossiers.unit_code");

    return exec_n(db, sql, e, NULL, n);
}

int store_reorg_move_tasks(struct db *db, const char *e, int64_t *n)
{
    static const char full_sql[] =
        "UPDATE tasks SET unit_code = m.new_code, version = tasks.version + "
        "1" SUCCESSORS " WHERE tasks.unit_code = m.old_code AND tasks.state ="
        " 'open' AND" GONE("tasks.unit_code");
    static const char split_sql[] =
        "UPDATE tasks SET unit_code = s.province, version = tasks.version + "
        "1" SPLIT_PROVINCES
        " WHERE tasks.unit_code = s.old_code AND tasks.state"
        " = 'open' AND" GONE("tasks.unit_code");
    int64_t a = 0, b = 0;
    int rc = exec_n(db, full_sql, e, NULL, &a);

    if (rc == DB_OK)
        rc = exec_n(db, split_sql, e, NULL, &b);
    *n = a + b;
    return rc;
}

int store_reorg_open_dossiers(struct db *db, int64_t **ids, size_t *n)
{
    static const char sql[] =
        "SELECT id FROM dossiers WHERE state = 'open' ORDER BY id";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *ids = NULL;
    *n = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            *ids = xreallocarray(*ids, cap, sizeof **ids);
        }
        (*ids)[(*n)++] = db_col_int64(st, 0);
    }
    db_reset(st);
    if (rc == DB_DONE)
        return DB_OK;
    free(*ids);
    *ids = NULL;
    *n = 0;
    return rc;
}

int store_reorg_dossier_procedure(struct db *db, int64_t id,
                                  const char *procedure)
{
    static const char sql[] = "UPDATE dossiers SET procedure = $2"
                              " WHERE id = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, procedure, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = db_changes(st) == 1
                 ? DB_OK
                 : db_set_error(db, DB_ENOTFOUND, "Không có hồ sơ mã %lld",
                                (long long)id);
    db_reset(st);
    return rc;
}
