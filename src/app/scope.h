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

#endif
