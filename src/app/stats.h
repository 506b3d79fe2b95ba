/* stats.h: beneficiary statistics as of a date (use case shared by
 * `ansinh stats` and the API).
 *
 * The result is a JSON object (jansson):
 *   {"date": "2025-06-30",
 *    "beneficiaries": 41172,            persons enrolled or suspended on
 *                                       the date (store_stats.h)
 *    "by_category": {"K1a": 12, ...},   memberships valid on the date, every
 *                                       category in legal order (0 if none)
 *    "unit": {"code", "name", "level"}, only when a unit was asked for
 *    "by_unit": {"35": {"name": "Tỉnh Hà Nam", "beneficiaries": 41172}},
 *                                       provinces, or the children of the
 *                                       unit asked for, in the unit tree
 *                                       valid on the date; units with at
 *                                       least one beneficiary
 *    "without_unit": 0}                 top level only: beneficiaries with
 *                                       no residence in a unit of that date
 */
#ifndef ANSINH_APP_STATS_H
#define ANSINH_APP_STATS_H

#include <stddef.h>

#include <jansson.h>

struct db;

/* Compute the statistics for date ('YYYY-MM-DD'; NULL: today in Vietnam,
 * clock_today_vn) and unit_code (NULL or "": by province; a 2, 3 or
 * 5-digit code valid on the date: by its children), in one read
 * transaction. Returns 0 and *out (caller json_decref's), or a negative
 * db_rc with a Vietnamese message in msg (capped at msglen): DB_ECHECK for
 * a malformed date or code, DB_ENOTFOUND for a unit that did not exist on
 * the date. */
int app_stats_get(struct db *db, const char *date, const char *unit_code,
                  json_t **out, char *msg, size_t msglen);

struct store_stats_category;

/* Counts by category as a JSON object in legal order (K1a ... K8), zeros
 * included, then any code the category table does not know. New
 * reference. */
json_t *app_stats_categories_json(const struct store_stats_category *v,
                                  size_t n);

#endif
