/* store_stats.h: beneficiary counts as of a date, aggregated in SQL.
 *
 * A beneficiary on date D is a person whose beneficiary record is enrolled
 * or suspended on D: the status period valid on D (beneficiary_status,
 * valid_from <= D and (valid_to IS NULL or valid_to > D); store_registry.h).
 * Counts by category count memberships valid on D; the registry ends a
 * person's memberships when it terminates them, and a suspension ends
 * none, so these are the memberships of the beneficiaries on D (a
 * membership recorded for a person without a beneficiary record is
 * counted by category only). Counts by unit place each
 * beneficiary by the residence valid on D, in the unit tree valid on D:
 * the commune of the residence, then its district (three-tier lists, before
 * 2025-07-01) and province. A beneficiary with no residence on D, or whose
 * residence names a commune that did not exist on D, is in no unit.
 *
 * Every query is one aggregate statement (national scale: millions of rows
 * never cross into C). Dates are 'YYYY-MM-DD'; a malformed date gives
 * DB_ECHECK. Errors: negative db_rc, message on the connection.
 */
#ifndef ANSINH_STORE_STORE_STATS_H
#define ANSINH_STORE_STORE_STATS_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct store_stats_category {
    char category[8]; /* "K5c" */
    int64_t count;    /* memberships valid on the date */
};

struct store_stats_unit {
    char code[8];   /* "37", "351", "13285" */
    char name[128]; /* "Tỉnh Ninh Bình" */
    int64_t beneficiaries;
};

/* Persons enrolled or suspended on date into *n. */
int store_stats_beneficiaries(struct db *db, const char *date, int64_t *n);

/* Memberships valid on date, per category, in category order. *out is
 * allocated (caller frees; NULL when *n is 0). */
int store_stats_by_category(struct db *db, const char *date,
                            struct store_stats_category **out, size_t *n);

/* Beneficiaries on date per unit, in code order, for units with at least
 * one: parent_code NULL or "" gives the provinces; a province gives its
 * districts (three-tier dates) or communes (two-tier dates); a district
 * its communes; a commune nothing. *out is allocated (caller frees; NULL
 * when *n is 0). */
int store_stats_by_unit(struct db *db, const char *date,
                        const char *parent_code, struct store_stats_unit **out,
                        size_t *n);

/* The same two figures limited to an area: beneficiaries on date whose
 * residence valid on date lies in a commune of the area in the unit tree
 * of date (level 1 province, 2 district, 3 commune; code of 2, 3 or 5
 * digits), and their memberships valid on date per category. DB_EINVAL
 * for a malformed area. */
int store_stats_area_beneficiaries(struct db *db, const char *date, int level,
                                   const char *code, int64_t *n);
int store_stats_area_by_category(struct db *db, const char *date, int level,
                                 const char *code,
                                 struct store_stats_category **out, size_t *n);

/* Number of audit records with this action (e.g. "demo.create": was this
 * database made by `ansinh demo`?) into *n. */
int store_stats_audit_count(struct db *db, const char *action, int64_t *n);

/* Refresh the planner's statistics (ANALYZE, both engines) after a bulk
 * load, so the aggregate queries keep their index plans. Outside any
 * transaction. */
int store_stats_analyze(struct db *db);

#endif
