/* store_users.h: accounts and login sessions (tables users and sessions).
 *
 * Only SQL lives here; the rules (what a valid username is, hashing,
 * token handling, expiry decisions) are app/auth.c's. Timestamps are
 * ISO-8601 UTC text 'YYYY-MM-DDTHH:MM:SSZ', which sorts as time does.
 * Tokens are never stored: only the hex BLAKE2b hash the caller computed.
 *
 * Errors: DB_OK or a negative db_rc with the message on the connection.
 */
#ifndef ANSINH_STORE_STORE_USERS_H
#define ANSINH_STORE_STORE_USERS_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_USERS_TS_SIZE 21 /* 'YYYY-MM-DDTHH:MM:SSZ' + NUL */

/* One account as stored. Text fields are NUL-terminated; a stored value
 * too long for its field is reported as DB_ERROR, never truncated. */
struct store_user {
    int64_t id;
    char username[65];
    char full_name[401];
    char password_hash[256]; /* crypto_pwhash_str output */
    char role[32];
    char area_code[8]; /* "" when NULL */
    int active;
    int64_t version; /* 1 at creation, +1 at every update */
    char created_at[STORE_USERS_TS_SIZE];
    char updated_at[STORE_USERS_TS_SIZE]; /* "" when never updated */
};

/* Filters of store_users_list. NULL or "" means any. within and scope:
 * a unit code; the account's area_code must be that unit or lie below it
 * in the unit tree valid on date (province: units.province_code; district:
 * units.parent_code), so an account without an area never matches. Both
 * may be given (a filter inside the reader's scope). active: -1 any, 0, 1.
 */
struct store_users_filter {
    const char *role;
    const char *within;
    const char *scope;
    const char *date; /* 'YYYY-MM-DD', required when within or scope is */
    int active;
};

/* Insert an account. area_code NULL or "" stores NULL. created_at is
 * ISO-8601 UTC. Returns DB_OK and *id (may be NULL), DB_ECONFLICT when the
 * username exists, DB_ECHECK when the row breaks a constraint (role), or
 * another negative db_rc. */
int store_users_create(struct db *db, const char *username,
                       const char *full_name, const char *password_hash,
                       const char *role, const char *area_code,
                       const char *created_at, int64_t *id);

/* The account named username (exact match). DB_ENOTFOUND if none. */
int store_users_find(struct db *db, const char *username,
                     struct store_user *out);

/* The account with id. DB_ENOTFOUND if none. */
int store_users_get(struct db *db, int64_t id, struct store_user *out);

/* Accounts matching f in username order, skipping offset and returning at
 * most limit (1..1000): *items (caller frees) and *count, and the number
 * matching on all pages in *total. DB_EINVAL for a bad limit or offset. */
int store_users_list(struct db *db, const struct store_users_filter *f,
                     int64_t offset, int64_t limit, struct store_user **items,
                     size_t *count, int64_t *total);

/* Write full_name, role, area_code ("" stores NULL) and active of u to
 * account u->id if its version is still u->version, with version + 1 and
 * updated_at; password_hash replaces the hash unless NULL. Returns DB_OK
 * (u->version is then the new one), DB_ENOTFOUND when there is no such
 * account, DB_ECONFLICT when its version differs (a lost update), DB_ECHECK
 * for a role the table refuses. */
int store_users_update(struct db *db, struct store_user *u,
                       const char *password_hash, const char *updated_at);

/* Delete every session of account user_id (after a deactivation or a
 * password change). The count in *n (may be NULL). */
int store_users_sessions_end(struct db *db, int64_t user_id, int64_t *n);

/* Replace the password hash of account id (after a rehash at login).
 * DB_ENOTFOUND if there is no such account. */
int store_users_set_password_hash(struct db *db, int64_t id,
                                  const char *password_hash);

/* Insert a session: token_hash (hex), the account and the times. */
int store_users_session_create(struct db *db, const char *token_hash,
                               int64_t user_id, const char *created_at,
                               const char *expires_at);

/* The session with token_hash: its account in *user and its expiry in
 * expires_at. DB_ENOTFOUND if none. Expired sessions are found too: the
 * caller decides. */
int store_users_session_find(struct db *db, const char *token_hash,
                             struct store_user *user,
                             char expires_at[STORE_USERS_TS_SIZE]);

/* Delete the session with token_hash. DB_ENOTFOUND if there was none. */
int store_users_session_delete(struct db *db, const char *token_hash);

/* Delete every session with expires_at <= now; the count in *n (may be
 * NULL). */
int store_users_session_expire(struct db *db, const char *now, int64_t *n);

#endif
