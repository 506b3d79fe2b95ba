/* auth.h: accounts, passwords and login sessions (ENGINEERING.md §7).
 *
 * Passwords are hashed with argon2id (libsodium crypto_pwhash_str,
 * OPSLIMIT/MEMLIMIT_INTERACTIVE: about 150 ms and 64 MiB per hash), so at
 * most two hashes run at once in the whole process (a semaphore): a burst of
 * logins can neither exhaust memory nor every server thread.
 *
 * A session token is 32 random bytes, base64url without padding (43
 * characters). Only its BLAKE2b hash is stored; the token itself lives in the
 * browser's HttpOnly cookie. Sessions last 8 hours from login.
 *
 * CSRF token: derived from the session token with a keyed hash,
 * base64url(BLAKE2b-256(key = APP_AUTH_CSRF_KEY, message = session token)),
 * 43 characters. It is given to the page at login (and by GET /api/v1/me)
 * and sent back in X-CSRF-Token on every state-changing request; the router
 * recomputes it from the cookie and compares in constant time. Nothing is
 * stored: it lives and dies with the session, survives a server restart,
 * and cannot be computed from what the database holds (the token's unkeyed
 * hash) nor by a site that cannot read the cookie.
 *
 * Every function here that writes also writes an audit record in the same
 * transaction (store_audit.h).
 */
#ifndef ANSINH_APP_AUTH_H
#define ANSINH_APP_AUTH_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* Errors of this module. Storage failures are passed through as the
 * negative db_rc (db.h: -1 .. -7); these start at -100 so they never
 * collide with one. */
enum app_auth_rc {
    APP_AUTH_OK = 0,
    APP_AUTH_EINVAL = -101,     /* invalid input; msg says which */
    APP_AUTH_EEXISTS = -102,    /* the username is taken */
    APP_AUTH_EDENIED = -103,    /* unknown user, wrong password or
                                   disabled account (one message for all) */
    APP_AUTH_ENOSESSION = -104, /* no such session, or it has expired */
    APP_AUTH_EINTERNAL = -105,  /* libsodium failed (out of memory) */
    APP_AUTH_ETHROTTLED = -106  /* too many failed logins for this
                                   username or from this address: try
                                   again later */
};

#define APP_AUTH_TOKEN_LEN     43 /* base64url of 32 bytes, no padding */
#define APP_AUTH_SESSION_HOURS 8
#define APP_AUTH_PASSWORD_MIN  8   /* characters */
#define APP_AUTH_PASSWORD_MAX  128 /* bytes */
/* Failed logins allowed per username in a window before further attempts
 * are refused without checking the password (until the window ends). */
#define APP_AUTH_FAILS_MAX    10
#define APP_AUTH_FAILS_WINDOW 900 /* seconds */
/* Failed logins allowed per client address in the same window (default of
 * app_auth_set_address_limit): higher, because a commune office may send
 * every clerk through one address. A success does not clear it. */
#define APP_AUTH_ADDR_FAILS_MAX 50
#define APP_AUTH_CSRF_LEN       43  /* base64url of 32 bytes, no padding */
#define APP_AUTH_HASH_SIZE      128 /* crypto_pwhash_STRBYTES */

/* The signed-in user as the rest of the program sees it (never the
 * password hash). Strings are NUL-terminated; area_code is "" for national
 * roles. */
struct app_user {
    int64_t id;
    char username[65];
    char full_name[401]; /* up to 100 characters of UTF-8 */
    char role[32];
    char area_code[8];
};

/* Initialise libsodium and the hashing semaphore. Idempotent and
 * thread-safe; every function below calls it, so calling it is only needed
 * to fail early. Returns 0, or APP_AUTH_EINTERNAL if libsodium cannot
 * start. */
int app_auth_init(void);

/* 1 if role is one of the roles of the users table (admin,
 * commune_officer, commune_chairman, district_officer, district_chairman,
 * province_officer, supervisor, auditor, provider), else 0. */
int app_auth_role_valid(const char *role);

/* Create an account.
 *   username  3..64 characters of [a-z0-9._-], starting with a letter or
 *             digit (stored lower-case, so "Admin" and "admin" are one
 *             name);
 *   full_name 1..100 characters after text_clean (NFC, trimmed);
 *   password  8..128 bytes of UTF-8 (hashed with argon2id, never stored);
 *   role      see app_auth_role_valid;
 *   area_code the unit the account works for: 5 digits for commune_*, 3
 *             for district_*, 2 for province_officer; NULL or "" for the
 *             national roles (admin, supervisor, auditor, provider),
 *             which may also name a unit.
 * Writes the user and an audit record ("user.create", actor "system") in
 * one transaction. Returns 0; APP_AUTH_EINVAL or APP_AUTH_EEXISTS with a
 * Vietnamese explanation in msg (capped at msglen, may be NULL); or a
 * negative db_rc with the database's message in msg. */
int app_user_create(struct db *db, const char *username, const char *full_name,
                    const char *password, const char *role,
                    const char *area_code, char *msg, size_t msglen);

/* Check a username and password and open a session. client is the
 * client's address as text (NULL or "": not counted per address). On
 * success returns 0, writes the new token (NUL-terminated) into token and
 * the user into *user (both required) and writes an audit record
 * ("session.login"). An unknown user, a wrong password and a disabled
 * account all return APP_AUTH_EDENIED, taking about the same time (a dummy
 * hash is verified for unknown users). After APP_AUTH_FAILS_MAX failures
 * for one username (known or not), or the address limit of failures from
 * one client address, within APP_AUTH_FAILS_WINDOW seconds, returns
 * APP_AUTH_ETHROTTLED without hashing until the window ends
 * (app_auth_retry_after says when); a success clears the username's count,
 * not the address's. Storage errors: negative db_rc. */
int app_auth_login(struct db *db, const char *username, const char *password,
                   const char *client, char token[APP_AUTH_TOKEN_LEN + 1],
                   struct app_user *user);

/* Seconds until username may try to log in again from client (NULL: any
 * address); 0 when it may now. */
unsigned app_auth_retry_after(const char *username, const char *client);

/* Failed logins allowed per client address in a window; 0 turns the
 * address limit off. Process-wide; call before serving (ansinh serve
 * --login-limit-per-address). Default APP_AUTH_ADDR_FAILS_MAX. */
void app_auth_set_address_limit(unsigned n);

/* The CSRF token of session token (see the top of this file) into out.
 * Returns 0, or APP_AUTH_ENOSESSION for a malformed token (out is ""). */
int app_auth_csrf_token(const char *token, char out[APP_AUTH_CSRF_LEN + 1]);

/* 1 if sent (the X-CSRF-Token header, may be NULL) is the CSRF token of
 * session token, compared in constant time; else 0. */
int app_auth_csrf_ok(const char *token, const char *sent);

/* Lower-case username into out if it is 3..64 of [a-z0-9._-] starting
 * with a letter or digit (the rule of app_user_create). Returns 0 or
 * APP_AUTH_EINVAL. */
int app_auth_username(const char *in, char out[65]);

/* Check area_code ("" for none) against role (see app_user_create).
 * Returns 0, or APP_AUTH_EINVAL with a Vietnamese message in msg. */
int app_auth_area_check(const char *role, const char *area_code, char *msg,
                        size_t msglen);

/* Check a new password (8..128 bytes of UTF-8, at least 8 characters) and
 * hash it with argon2id under the concurrency bound. Returns 0 and the
 * hash in out; APP_AUTH_EINVAL with msg; or APP_AUTH_EINTERNAL. */
int app_auth_password_hash(const char *password, char out[APP_AUTH_HASH_SIZE],
                           char *msg, size_t msglen);

/* Find the session of token (as sent in the cookie). Returns 0 and *user
 * when it exists, has not expired and its account is active;
 * APP_AUTH_ENOSESSION otherwise (also for a malformed token); or a
 * negative db_rc. Expired sessions found this way are deleted. */
int app_auth_session(struct db *db, const char *token, struct app_user *user);

/* End the session of token (logout) and write an audit record
 * ("session.logout"). Returns 0, APP_AUTH_ENOSESSION if there was none, or
 * a negative db_rc. */
int app_auth_logout(struct db *db, const char *token);

/* Delete every expired session. Returns the number deleted in *n (may be
 * NULL) and 0, or a negative db_rc. */
int app_auth_expire(struct db *db, int64_t *n);

/* A short Vietnamese message for an app_auth_rc or db_rc. Static. */
const char *app_auth_strerror(int rc);

#endif
