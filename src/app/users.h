/* users.h: managing accounts (use cases of /api/v1/users; docs/authz.md).
 *
 * Who may call these is the router's business (ROUTER_PERM_USERS_MANAGE);
 * where is the caller's scope (app/scope.h): an account whose area is
 * outside it is "not found", never "forbidden", and an administrator with
 * an area sees only accounts with an area inside it.
 *
 * Every change is one write transaction with an audit record carrying the
 * changed fields before and after (old_value / new_value), never the
 * password hash: a password change shows as "password": "changed".
 * Updates need the version read before (optimistic locking): a stale one
 * is APP_USERS_ECONFLICT, so two administrators never overwrite each
 * other unknowingly.
 */
#ifndef ANSINH_APP_USERS_H
#define ANSINH_APP_USERS_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct app_scope;

/* Errors; storage failures pass through as the negative db_rc. */
enum app_users_rc {
    APP_USERS_OK = 0,
    APP_USERS_EINVAL = -121,    /* an input is invalid: err names it */
    APP_USERS_EEXISTS = -122,   /* the username is taken */
    APP_USERS_ENOTFOUND = -123, /* no such account in the caller's scope */
    APP_USERS_ECONFLICT = -124, /* the version is stale (lost update) */
    APP_USERS_ESELF = -125,     /* an administrator may not lock themself
                                   out (deactivate, or drop the admin role) */
    APP_USERS_EINTERNAL = -126  /* libsodium failed */
};

#define APP_USERS_PAGE_MAX     100
#define APP_USERS_PAGE_DEFAULT 50

/* Why an input was refused: the field ("" when none) and a Vietnamese
 * message. */
struct app_users_err {
    char field[32];
    char msg[256];
};

/* An account as shown (never the password hash). Strings NUL-terminated;
 * area_code "" for national accounts; updated_at "" if never updated. */
struct app_users_view {
    int64_t id;
    char username[65];
    char full_name[401];
    char role[32];
    char area_code[8];
    int active;
    int64_t version;
    char created_at[21];
    char updated_at[21];
};

/* A new account. Borrowed strings; area_code NULL or "" for none. */
struct app_users_new {
    const char *username;
    const char *full_name;
    const char *password;
    const char *role;
    const char *area_code;
};

/* A change of account: NULL (or -1 for active) leaves a field as it is;
 * area_code "" clears it (national). version is the one read before. */
struct app_users_change {
    int64_t version;
    const char *full_name;
    const char *role;
    const char *area_code;
    const char *password;
    int active;
};

/* A page of accounts. */
struct app_users_page {
    struct app_users_view *items; /* owned; app_users_page_free */
    size_t count;
    int64_t total; /* matching accounts on all pages */
};

/* Filters of app_users_list; NULL or "" for any, active -1 for any. area:
 * accounts whose area is that unit or below it today. page from 1,
 * per_page 1..APP_USERS_PAGE_MAX. */
struct app_users_query {
    const char *role;
    const char *area;
    int active;
    int64_t page;
    int64_t per_page;
};

/* Create an account for actor (a username, or "system"). Validates as
 * app_user_create documents (auth.h) and that the area is a unit of some
 * list, hashes the password and writes the account and its audit record
 * ("user.create", new_value without the password) in one transaction.
 * Returns 0 and *out (may be NULL); APP_USERS_EINVAL or APP_USERS_EEXISTS
 * with err; APP_USERS_EINTERNAL; or a negative db_rc (err.msg says it). */
int app_users_create(struct db *db, const char *actor,
                     const struct app_users_new *in, struct app_users_view *out,
                     struct app_users_err *err);

/* The account id if it lies in scope (NULL: everything). Returns 0,
 * APP_USERS_ENOTFOUND, or a negative db_rc. */
int app_users_get(struct db *db, const struct app_scope *scope, int64_t id,
                  struct app_users_view *out);

/* A page of the accounts in scope matching q, in username order. Returns 0
 * and *out (free with app_users_page_free), APP_USERS_EINVAL with err for
 * a bad filter or page, or a negative db_rc. */
int app_users_list(struct db *db, const struct app_users_query *q,
                   const struct app_scope *scope, struct app_users_page *out,
                   struct app_users_err *err);

void app_users_page_free(struct app_users_page *p);

/* Change account id (in scope) as actor_id/actor (the signed-in user).
 * A deactivation or a password change also ends the account's sessions.
 * Writes "user.update" with the changed fields before and after. Returns 0
 * and *out (may be NULL) with the new version; APP_USERS_ENOTFOUND,
 * APP_USERS_ECONFLICT (version stale; out holds the current account),
 * APP_USERS_EINVAL with err, APP_USERS_ESELF, APP_USERS_EINTERNAL, or a
 * negative db_rc. An empty change still needs a fresh version and writes
 * nothing. */
int app_users_update(struct db *db, int64_t actor_id, const char *actor,
                     const struct app_scope *scope, int64_t id,
                     const struct app_users_change *c,
                     struct app_users_view *out, struct app_users_err *err);

#endif
