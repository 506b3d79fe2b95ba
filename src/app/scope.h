/* scope.h: who may see and change what, by administrative area.
 *
 * Every user is bound to one unit (users.area_code) and sees that unit and
 * what lies below it; national roles (admin, auditor, supervisor with no
 * area) see everything. A record belongs to the commune where its person
 * resides on the date that matters (today for current records, the
 * record's own date for history), and a commune's district and province
 * are those of the unit tree valid on that date (store_units: the tree
 * before 2025-07-01 has districts, after it does not).
 *
 * Out-of-scope records answer 404, never 403, so a user cannot learn that
 * a record exists outside their area. The route's permission (router.c
 * role table) says WHAT a role may do; the scope says WHERE.
 *
 * Store functions that list records take the scope as SQL filters on the
 * units table (level 1: units.province_code = area; level 2:
 * units.parent_code = area; level 3: the commune itself), so filtering
 * happens in the database, never by fetching and discarding rows.
 */
#ifndef ANSINH_APP_SCOPE_H
#define ANSINH_APP_SCOPE_H

#include <stddef.h>

struct db;
struct app_user;

enum app_scope_level {
    APP_SCOPE_NATIONAL = 0, /* everything */
    APP_SCOPE_PROVINCE = 1,
    APP_SCOPE_DISTRICT = 2,
    APP_SCOPE_COMMUNE = 3
};

struct app_scope {
    int level;         /* enum app_scope_level */
    char area_code[8]; /* "" for national */
};

/* The scope of a signed-in user: the level follows the length of
 * area_code (2 province, 3 district, 5 commune; empty: national). */
void app_scope_of_user(const struct app_user *user, struct app_scope *out);

/* 1 if commune `unit_code` lies within the scope on `date`
 * ('YYYY-MM-DD'), 0 if not (also for an unknown unit), or a negative
 * db_rc on a storage failure. */
int app_scope_contains(struct db *db, const struct app_scope *scope,
                       const char *unit_code, const char *date);

/* --- Beyond the contract above (implementation: scope.c) ------------- */

/* Size of an area path: "35/347/13285" and a NUL. */
#define APP_SCOPE_PATH_SIZE 20

/* The place of unit `code` (2, 3 or 5 digits) in the unit tree valid on
 * `date`, province first: "35/347/13285" (three tiers), "37/13285" (two
 * tiers), "35/347", "35". A code that has no version on `date` is placed
 * as on the first day of its latest version before `date` (or of its
 * first version), so an abolished district still has a path. Written into
 * out (APP_SCOPE_PATH_SIZE). Returns 0, DB_ENOTFOUND for a code that never
 * existed, or another negative db_rc. Audit records carry this path, so
 * an auditor's area can be matched (store_audit_filter.area). */
int app_scope_path(struct db *db, const char *code, const char *date,
                   char out[APP_SCOPE_PATH_SIZE]);

/* The name of unit `code` on `date`, or of its latest version before it
 * (first version if none), into out (capped at cap, at least 1). Returns 0,
 * DB_ENOTFOUND for a code that never existed, or a negative db_rc. */
int app_scope_area_name(struct db *db, const char *code, const char *date,
                        char *out, size_t cap);

/* Forget what the unit cache holds (after the unit lists were reloaded in
 * this process; entries also expire after APP_SCOPE_CACHE_SECONDS). */
void app_scope_cache_clear(void);

#define APP_SCOPE_CACHE_SECONDS 300

#endif
