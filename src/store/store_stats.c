/* store_stats.c: beneficiary counts as of a date (see store_stats.h).
 *
 * Each query reads one covering index (sql/<engine>/0001_init.sql).
 * The by-unit query first reduces residences to one count per commune code
 * (the big step: one pass over residences valid on the date, each checked
 * against the person's status through beneficiary_status_valid), then
 * maps the few thousand commune codes onto the unit tree of the date.
 * Residence periods of one person do not overlap, so summing communes
 * counts each beneficiary once. */
#include "store/store_stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/db.h"
#include "util/xalloc.h"

/* A row valid on $1 (valid_to exclusive). */
#define VALID_ON(t)                                                            \
    t ".valid_from <= $1 AND (" t ".valid_to IS NULL OR " t ".valid_to > $1)"

/* A beneficiary on $1: the status period valid then is enrolled or
 * suspended (beneficiary_status_valid covers it). */
#define BENEFICIARY_ON(s)                                                      \
    VALID_ON(s) " AND " s ".status IN ('enrolled', 'suspended')"

#define BENEFICIARIES_BY_COMMUNE                                               \
    "WITH b AS (SELECT r.unit_code, count(DISTINCT r.person_id) AS n"          \
    " FROM residences r WHERE " VALID_ON(                                      \
        "r") " AND EXISTS (SELECT 1 FROM beneficiary_status s WHERE "          \
             "s.person_id = r.person_id"                                       \
             " AND " BENEFICIARY_ON("s") ") GROUP BY r.unit_code) "

static int check_date(struct db *db, const char *date)
{
    struct date d;
    if (date == NULL || date_parse_iso(date, strlen(date), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK,
                            "Ngày thống kê không hợp lệ (cần YYYY-MM-DD): "
                            "'%s'",
                            date ? date : "");
    return DB_OK;
}

int store_stats_beneficiaries(struct db *db, const char *date, int64_t *n)
{
    /* A person's status periods never overlap, so counting the periods
     * valid on the date counts persons: one pass over the covering
     * beneficiary_status_valid index. */
    static const char sql[] = "SELECT count(*) FROM beneficiary_status s"
                              " WHERE " BENEFICIARY_ON("s");
    struct db_stmt *st;
    int rc;

    if ((rc = check_date(db, date)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, date, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *n = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

int store_stats_by_category(struct db *db, const char *date,
                            struct store_stats_category **out, size_t *n)
{
    static const char sql[] =
        "SELECT category, count(*) FROM memberships m WHERE " VALID_ON(
            "m") " GROUP BY category ORDER BY category";
    struct store_stats_category *v = NULL;
    size_t len = 0, cap = 0;
    struct db_stmt *st;
    int rc;

    *out = NULL;
    *n = 0;
    if ((rc = check_date(db, date)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, date, (size_t)-1);
    while (rc == DB_OK || rc == DB_ROW) {
        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (len == cap) {
            cap = cap ? cap * 2 : 16;
            v = xreallocarray(v, cap, sizeof *v);
        }
        const char *c = db_col_text(st, 0, NULL);
        snprintf(v[len].category, sizeof v[len].category, "%s", c ? c : "");
        v[len].count = db_col_int64(st, 1);
        len++;
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(v);
        return rc;
    }
    *out = v;
    *n = len;
    return DB_OK;
}

int store_stats_by_unit(struct db *db, const char *date,
                        const char *parent_code, struct store_stats_unit **out,
                        size_t *n)
{
    /* Top level: group the communes by their province on the date. */
    static const char sql_top[] = BENEFICIARIES_BY_COMMUNE
        "SELECT g.code, g.name, CAST(sum(b.n) AS BIGINT) FROM b"
        " JOIN units c ON c.code = b.unit_code AND c.level = 3"
        " AND " VALID_ON(
            "c") " JOIN units g ON g.code = c.province_code"
                 " AND g.level = 1 AND " VALID_ON(
                     "g") " GROUP BY g.code, g.name ORDER BY g.code";
    /* Children of $2: a commune directly under $2 counts for itself,
     * one under a district of $2 for that district. Only the residences
     * of those communes are read (a range of the index per commune). */
    static const char sql_children[] =
        "WITH c AS (SELECT u.code, CASE WHEN u.parent_code = $2 THEN u.code"
        " ELSE u.parent_code END AS g FROM units u WHERE u.level = 3"
        " AND " VALID_ON(
            "u") " AND (u.province_code = $2"
                 " OR u.parent_code = $2)),"
                 " b AS (SELECT r.unit_code, count(DISTINCT r.person_id) AS n"
                 " FROM residences r WHERE r.unit_code IN (SELECT code FROM c)"
                 " AND " VALID_ON(
                     "r") " AND EXISTS (SELECT 1 FROM beneficiary_status s"
                          " WHERE s.person_id = r.person_id "
                          "AND " BENEFICIARY_ON(
                              "s") ")"
                                   " GROUP BY r.unit_code)"
                                   " SELECT g.code, g.name, CAST(sum(b.n) AS "
                                   "BIGINT) FROM b"
                                   " JOIN c ON c.code = b.unit_code JOIN units "
                                   "g ON g.code = c.g"
                                   " AND g.parent_code = $2 AND " VALID_ON(
                                       "g") " GROUP BY g.code, g.name ORDER BY "
                                            "g.code";
    int top = parent_code == NULL || *parent_code == '\0';
    struct store_stats_unit *v = NULL;
    size_t len = 0, cap = 0;
    struct db_stmt *st;
    int rc;

    *out = NULL;
    *n = 0;
    if ((rc = check_date(db, date)) != DB_OK)
        return rc;
    rc = db_prepare(db, top ? sql_top : sql_children, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, date, (size_t)-1);
    if (rc == DB_OK && !top)
        rc = db_bind_text(st, 2, parent_code, (size_t)-1);
    while (rc == DB_OK || rc == DB_ROW) {
        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (len == cap) {
            cap = cap ? cap * 2 : 64;
            v = xreallocarray(v, cap, sizeof *v);
        }
        const char *c = db_col_text(st, 0, NULL);
        const char *name = db_col_text(st, 1, NULL);
        snprintf(v[len].code, sizeof v[len].code, "%s", c ? c : "");
        snprintf(v[len].name, sizeof v[len].name, "%s", name ? name : "");
        v[len].beneficiaries = db_col_int64(st, 2);
        len++;
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(v);
        return rc;
    }
    *out = v;
    *n = len;
    return DB_OK;
}

/* Residences valid on $1 in a commune of area $2 (u.col) on $1, of
 * beneficiaries on $1. */
#define AREA_RESIDENTS(col)                                                    \
    " FROM residences r JOIN units u ON u.code = r.unit_code AND u.level = 3"  \
    " AND " VALID_ON("u") " WHERE " VALID_ON(                                  \
        "r") " AND u." col " = $2"                                             \
             " AND EXISTS (SELECT 1 FROM beneficiary_status s WHERE "          \
             "s.person_id ="                                                   \
             " r.person_id AND " BENEFICIARY_ON("s") ")"

static const char *const area_count_sql[4] = {
    NULL,
    "SELECT count(DISTINCT r.person_id)" AREA_RESIDENTS("province_code"),
    "SELECT count(DISTINCT r.person_id)" AREA_RESIDENTS("parent_code"),
    "SELECT count(DISTINCT r.person_id)" AREA_RESIDENTS("code"),
};

#define AREA_CATEGORIES(col)                                                   \
    "SELECT m.category, count(*) FROM memberships m JOIN residences r"         \
    " ON r.person_id = m.person_id AND " VALID_ON(                             \
        "r") " JOIN units u"                                                   \
             " ON u.code = r.unit_code AND u.level = 3 AND " VALID_ON(         \
                 "u") " WHERE " VALID_ON("m") " AND u." col " = $2"            \
                                              " GROUP BY m.category ORDER BY " \
                                              "m.category"

static const char *const area_category_sql[4] = {
    NULL,
    AREA_CATEGORIES("province_code"),
    AREA_CATEGORIES("parent_code"),
    AREA_CATEGORIES("code"),
};

static int check_area(struct db *db, int level, const char *code)
{
    static const size_t lens[4] = {0, 2, 3, 5};
    size_t n = code ? strlen(code) : 0;

    if (level < 1 || level > 3 || n != lens[level] ||
        strspn(code, "0123456789") != n)
        return db_set_error(db, DB_EINVAL, "stats: bad area %d '%s'", level,
                            code ? code : "");
    return DB_OK;
}

int store_stats_area_beneficiaries(struct db *db, const char *date, int level,
                                   const char *code, int64_t *n)
{
    struct db_stmt *st;
    int rc;

    if ((rc = check_date(db, date)) != DB_OK ||
        (rc = check_area(db, level, code)) != DB_OK)
        return rc;
    rc = db_prepare(db, area_count_sql[level], &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, date, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *n = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

int store_stats_area_by_category(struct db *db, const char *date, int level,
                                 const char *code,
                                 struct store_stats_category **out, size_t *n)
{
    struct store_stats_category *v = NULL;
    size_t len = 0, cap = 0;
    struct db_stmt *st;
    int rc;

    *out = NULL;
    *n = 0;
    if ((rc = check_date(db, date)) != DB_OK ||
        (rc = check_area(db, level, code)) != DB_OK)
        return rc;
    rc = db_prepare(db, area_category_sql[level], &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, date, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, code, (size_t)-1);
    while (rc == DB_OK || rc == DB_ROW) {
        const char *c;

        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (len == cap) {
            cap = cap ? cap * 2 : 16;
            v = xreallocarray(v, cap, sizeof *v);
        }
        c = db_col_text(st, 0, NULL);
        snprintf(v[len].category, sizeof v[len].category, "%s", c ? c : "");
        v[len].count = db_col_int64(st, 1);
        len++;
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(v);
        return rc;
    }
    *out = v;
    *n = len;
    return DB_OK;
}

int store_stats_audit_count(struct db *db, const char *action, int64_t *n)
{
    static const char sql[] = "SELECT count(*) FROM audit_log"
                              " WHERE action = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, action, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *n = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

int store_stats_analyze(struct db *db)
{
    return db_exec_script(db, "ANALYZE");
}
