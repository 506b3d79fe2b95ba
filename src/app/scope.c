/* scope.c: who sees what, by area (see scope.h and docs/authz.md).
 *
 * Containment needs a commune's district and province on a date: up to
 * three indexed lookups (store_units_ancestors). Every request that shows
 * a record asks it, so the answers are kept in a small process-wide cache
 * (direct-mapped, one mutex, entries expire after APP_SCOPE_CACHE_SECONDS).
 * The unit lists are reference data compiled into the binary and loaded at
 * start-up, so an entry only goes stale if another process loads newer
 * lists while this one runs: the expiry bounds that.
 */
#include "app/scope.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/auth.h"
#include "core/date.h"
#include "core/units_list.h"
#include "store/db.h"
#include "store/store_units.h"

#define CACHE_SLOTS 1024 /* power of two */

/* The ancestors of one (code, date). */
struct place {
    char code[UNITS_CODE_SIZE];
    char date[UNITS_DATE_SIZE];
    char district[UNITS_CODE_SIZE]; /* "" when none (two tiers, or a
                                       province or district itself) */
    char province[UNITS_CODE_SIZE]; /* "" for a province itself */
    int found;                      /* the code has a version on date */
};

struct slot {
    struct place p;
    time_t stamp; /* monotonic seconds when stored; 0: empty */
};

static struct slot cache[CACHE_SLOTS];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static time_t mono_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1; /* never 0, the empty mark */
}

static size_t slot_of(const char *code, const char *date)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    const char *s;

    for (s = code; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h = (h ^ '@') * 1099511628211ull;
    for (s = date; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return (size_t)(h & (CACHE_SLOTS - 1));
}

void app_scope_cache_clear(void)
{
    pthread_mutex_lock(&cache_lock);
    memset(cache, 0, sizeof cache);
    pthread_mutex_unlock(&cache_lock);
}

static int cache_get(const char *code, const char *date, struct place *out)
{
    struct slot *s = &cache[slot_of(code, date)];
    time_t now = mono_now();
    int hit = 0;

    pthread_mutex_lock(&cache_lock);
    if (s->stamp != 0 && now - s->stamp < APP_SCOPE_CACHE_SECONDS &&
        strcmp(s->p.code, code) == 0 && strcmp(s->p.date, date) == 0) {
        *out = s->p;
        hit = 1;
    }
    pthread_mutex_unlock(&cache_lock);
    return hit;
}

static void cache_put(const struct place *p)
{
    struct slot *s = &cache[slot_of(p->code, p->date)];

    pthread_mutex_lock(&cache_lock);
    s->p = *p;
    s->stamp = mono_now();
    pthread_mutex_unlock(&cache_lock);
}

static int is_code(const char *s)
{
    size_t i, n = s ? strlen(s) : 0;

    if (n != 2 && n != 3 && n != 5)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

static int is_date(const char *s)
{
    struct date d;

    return s != NULL && date_parse_iso(s, strlen(s), &d) == DATE_OK;
}

static void copy_code(char dst[UNITS_CODE_SIZE], const char *src)
{
    snprintf(dst, UNITS_CODE_SIZE, "%s", src);
}

/* The place of code on date, from the cache or the store. p->found is 0
 * when the code has no version on date (not an error). */
static int place_get(struct db *db, const char *code, const char *date,
                     struct place *p)
{
    struct store_units_list anc;
    size_t i;
    int rc;

    if (cache_get(code, date, p))
        return DB_OK;
    memset(p, 0, sizeof *p);
    copy_code(p->code, code);
    snprintf(p->date, sizeof p->date, "%s", date);
    rc = store_units_ancestors(db, code, date, &anc);
    if (rc == DB_ENOTFOUND) {
        cache_put(p);
        return DB_OK;
    }
    if (rc != DB_OK)
        return rc;
    p->found = 1;
    for (i = 0; i < anc.count; i++) {
        if (anc.items[i].level == UNITS_DISTRICT)
            copy_code(p->district, anc.items[i].code);
        else if (anc.items[i].level == UNITS_PROVINCE)
            copy_code(p->province, anc.items[i].code);
    }
    store_units_list_free(&anc);
    cache_put(p);
    return DB_OK;
}

void app_scope_of_user(const struct app_user *user, struct app_scope *out)
{
    size_t n = strlen(user->area_code);

    memset(out, 0, sizeof *out);
    if (n == 0) {
        out->level = APP_SCOPE_NATIONAL;
        return;
    }
    /* app_user_create only stores 2, 3 or 5 digits. Anything else would be
     * a commune-level scope that matches no commune: it sees nothing. */
    out->level = n == 2   ? APP_SCOPE_PROVINCE
                 : n == 3 ? APP_SCOPE_DISTRICT
                          : APP_SCOPE_COMMUNE;
    snprintf(out->area_code, sizeof out->area_code, "%s", user->area_code);
}

int app_scope_contains(struct db *db, const struct app_scope *scope,
                       const char *unit_code, const char *date)
{
    struct place p;
    int rc;

    if (!is_code(unit_code) || !is_date(date))
        return 0;
    rc = place_get(db, unit_code, date, &p);
    if (rc != DB_OK)
        return rc;
    if (!p.found)
        return 0;
    switch (scope->level) {
    case APP_SCOPE_NATIONAL:
        return 1;
    case APP_SCOPE_PROVINCE:
        return strcmp(p.province, scope->area_code) == 0 ||
               strcmp(unit_code, scope->area_code) == 0;
    case APP_SCOPE_DISTRICT:
        return strcmp(p.district, scope->area_code) == 0 ||
               strcmp(unit_code, scope->area_code) == 0;
    default:
        return strcmp(unit_code, scope->area_code) == 0;
    }
}

/* The version of code to place it by on date, in *v: the one valid on
 * date, else the latest starting before date, else the first. */
static int version_date(struct db *db, const char *code, const char *date,
                        struct units_version *v)
{
    struct store_units_list h;
    size_t i, pick = 0;
    int rc;

    rc = store_units_get(db, code, date, v, NULL);
    if (rc != DB_ENOTFOUND)
        return rc;
    rc = store_units_history(db, code, &h);
    if (rc != DB_OK)
        return rc;
    if (h.count == 0) {
        store_units_list_free(&h);
        return DB_ENOTFOUND;
    }
    for (i = 0; i < h.count; i++) {
        if (strcmp(h.items[i].valid_from, date) <= 0)
            pick = i;
    }
    *v = h.items[pick];
    store_units_list_free(&h);
    return DB_OK;
}

int app_scope_path(struct db *db, const char *code, const char *date,
                   char out[APP_SCOPE_PATH_SIZE])
{
    struct units_version v;
    struct place p;
    int rc;

    out[0] = '\0';
    if (!is_code(code) || !is_date(date))
        return DB_EINVAL;
    rc = version_date(db, code, date, &v);
    if (rc != DB_OK)
        return rc;
    rc = place_get(db, code, v.valid_from, &p);
    if (rc != DB_OK)
        return rc;
    if (p.province[0] == '\0')
        snprintf(out, APP_SCOPE_PATH_SIZE, "%s", code);
    else if (p.district[0] == '\0')
        snprintf(out, APP_SCOPE_PATH_SIZE, "%s/%s", p.province, code);
    else
        snprintf(out, APP_SCOPE_PATH_SIZE, "%s/%s/%s", p.province, p.district,
                 code);
    return DB_OK;
}

int app_scope_area_name(struct db *db, const char *code, const char *date,
                        char *out, size_t cap)
{
    struct units_version v;
    int rc;

    out[0] = '\0';
    if (!is_code(code) || !is_date(date))
        return DB_EINVAL;
    rc = version_date(db, code, date, &v);
    if (rc == DB_OK)
        snprintf(out, cap, "%s", v.name);
    return rc;
}
