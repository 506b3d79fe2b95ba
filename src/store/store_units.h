/* store_units.h: administrative units with history (tables units and
 * unit_links, the 'units' row of reference_data).
 *
 * What the queries answer (docs/units.md):
 *   - the version of a code on a date, and the children of a unit on a date;
 *   - the full history of a code;
 *   - the successors of an old code at a reform and the predecessors of a
 *     new code (full or partial: a partial link means only part of the old
 *     unit went to the new one, so a person's new unit needs the address);
 *   - the ancestors of a commune and all communes of a province on a date.
 *
 * Dates are 'YYYY-MM-DD' text, valid_to exclusive. A date before the
 * earliest list is answered from the earliest list, and the result says so
 * (before_earliest), so the caller can show "dữ liệu sớm nhất là ...".
 * A unit version is the plain struct units_version of core/units_list.h.
 *
 * Errors: 0 (DB_OK) or a negative db_rc with the message on the connection
 * (db_errmsg). DB_EINVAL: a malformed code or date. DB_ENOTFOUND: no such
 * unit on that date, or no unit data loaded at all.
 */
#ifndef ANSINH_STORE_STORE_UNITS_H
#define ANSINH_STORE_STORE_UNITS_H

#include <stddef.h>

#include "core/units_list.h"

struct db;

/* A list of unit versions (owned; free with store_units_list_free). */
struct store_units_list {
    struct units_version *items;
    size_t count;
    size_t cap;
    int before_earliest;        /* 1: the date asked for was before the
                                   earliest list; answered for `date` */
    char date[UNITS_DATE_SIZE]; /* the date actually answered for ("" for
                                   history) */
};

/* One predecessor link with the names of both sides. new_name is the new
 * unit's name from its effective date; old_name the old unit's name on the
 * day before ("" when the old code is not in any list, e.g. the island
 * districts without communes). */
struct store_units_link {
    char effective[UNITS_DATE_SIZE];
    char new_code[UNITS_CODE_SIZE];
    char new_name[UNITS_NAME_SIZE];
    char old_code[UNITS_CODE_SIZE];
    char old_name[UNITS_NAME_SIZE];
    int partial; /* 1: only part of the old unit went to the new one */
};

struct store_units_links {
    struct store_units_link *items;
    size_t count;
    size_t cap;
};

/* Free the items and reset to empty. NULL-safe. */
void store_units_list_free(struct store_units_list *l);
void store_units_links_free(struct store_units_links *l);

/* --- Writing (inside the caller's write transaction) -------------------- */

/* Replace every row of units and unit_links with the dataset (search_text
 * is text_fold(name)). The caller runs it in its write transaction with the
 * audit record. Returns DB_OK or a negative db_rc. */
int store_units_replace(struct db *db, const struct units_dataset *ds);

/* Lock the 'units' row of reference_data for this transaction (creating it
 * with an empty checksum if missing, so concurrent loaders queue up) and
 * return its checksum in out ("" when none was stored). Write transaction
 * only. */
int store_units_claim(struct db *db, char *out, size_t outlen);

/* Store the checksum of the loaded lists and loaded_at (ISO-8601 UTC). */
int store_units_set_checksum(struct db *db, const char *checksum,
                             const char *loaded_at);

/* --- Reading (any connection; no transaction needed) -------------------- */

/* The stored checksum of the 'units' reference data in out ("" if none).
 * Returns DB_OK, or a negative db_rc. */
int store_units_checksum(struct db *db, char *out, size_t outlen);

/* The earliest valid_from of any unit, 'YYYY-MM-DD' in out (size
 * UNITS_DATE_SIZE). DB_ENOTFOUND when no units are loaded. */
int store_units_earliest(struct db *db, char out[UNITS_DATE_SIZE]);

/* The version of `code` (2, 3 or 5 digits; the length gives the level) valid
 * on `date`. *before_earliest (may be NULL) is set to 1 when the date was
 * before the earliest list and the answer comes from that list.
 * DB_ENOTFOUND when the code had no version on that date. */
int store_units_get(struct db *db, const char *code, const char *date,
                    struct units_version *out, int *before_earliest);

/* The units whose parent is `parent_code` on `date`, in code order:
 * parent NULL or "" lists the provinces; a province lists its districts
 * (before 2025-07-01) or its communes (after); a district its communes.
 * An unknown parent gives an empty list, not an error. out is filled
 * (caller frees with store_units_list_free). */
int store_units_children(struct db *db, const char *parent_code,
                         const char *date, struct store_units_list *out);

/* Every version of `code`, oldest first (empty list if the code never
 * existed). out->date is "". */
int store_units_history(struct db *db, const char *code,
                        struct store_units_list *out);

/* Where an old unit went at each reform: links whose old_code is `code`,
 * ordered by (effective, new_code). Empty when there are none. */
int store_units_successors(struct db *db, const char *code,
                           struct store_units_links *out);

/* What a new unit was formed from: links whose new_code is `code`, ordered
 * by (effective, old_code). */
int store_units_predecessors(struct db *db, const char *code,
                             struct store_units_links *out);

/* The ancestors of a commune (or district) on `date`, nearest first: the
 * district if there was one, then the province. DB_ENOTFOUND when the code
 * itself had no version on that date. */
int store_units_ancestors(struct db *db, const char *code, const char *date,
                          struct store_units_list *out);

/* All communes of province `province_code` on `date` (NULL or "": of all
 * provinces), in code order. */
int store_units_communes(struct db *db, const char *province_code,
                         const char *date, struct store_units_list *out);

#endif
