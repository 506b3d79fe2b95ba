/* store_users.c: SQL for accounts and sessions (see store_users.h). */
#include "store/store_users.h"

#include <string.h>

#include "store/db.h"

#define USER_COLUMNS                                                           \
    "u.id, u.username, u.full_name, u.password_hash, u.role, u.area_code, "    \
    "u.active"

/* Copy text column col into (out, cap); NULL gives "". Returns DB_OK or
 * DB_ERROR (on the connection) when the value does not fit. */
static int copy_col(struct db *db, struct db_stmt *st, int col, char *out,
                    size_t cap)
{
    size_t len = 0;
    const char *s = db_col_text(st, col, &len);

    if (s == NULL)
        len = 0;
    if (len >= cap)
        return db_set_error(db, DB_ERROR,
                            "users: column %d is %zu bytes, over %zu", col, len,
                            cap - 1);
    if (len > 0)
        memcpy(out, s, len);
    out[len] = '\0';
    return DB_OK;
}

/* Read a row of USER_COLUMNS starting at column 0. */
static int read_user(struct db *db, struct db_stmt *st, struct store_user *u)
{
    int rc;

    memset(u, 0, sizeof *u);
    u->id = db_col_int64(st, 0);
    rc = copy_col(db, st, 1, u->username, sizeof u->username);
    if (rc == DB_OK)
        rc = copy_col(db, st, 2, u->full_name, sizeof u->full_name);
    if (rc == DB_OK)
        rc = copy_col(db, st, 3, u->password_hash, sizeof u->password_hash);
    if (rc == DB_OK)
        rc = copy_col(db, st, 4, u->role, sizeof u->role);
    if (rc == DB_OK)
        rc = copy_col(db, st, 5, u->area_code, sizeof u->area_code);
    u->active = db_col_int64(st, 6) != 0;
    return rc;
}

/* Bind text parameters 1..n of st from vals (NULL or "" binds NULL when
 * the matching entry of nullable is 1). */
static int bind_texts(struct db_stmt *st, const char *const *vals,
                      const int *nullable, int n)
{
    int i, rc = DB_OK;

    for (i = 0; i < n && rc == DB_OK; i++) {
        const char *v = vals[i];

        if (nullable != NULL && nullable[i] && (v == NULL || v[0] == '\0'))
            rc = db_bind_null(st, i + 1);
        else
            rc = db_bind_text(st, i + 1, v ? v : "", (size_t)-1);
    }
    return rc;
}

int store_users_create(struct db *db, const char *username,
                       const char *full_name, const char *password_hash,
                       const char *role, const char *area_code,
                       const char *created_at, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO users (username, full_name, password_hash, role,"
        " area_code, active, created_at)"
        " VALUES ($1, $2, $3, $4, $5, 1, $6) RETURNING id";
    const char *vals[] = {username, full_name, password_hash,
                          role,     area_code, created_at};
    const int nullable[] = {0, 0, 0, 0, 1, 0};
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = bind_texts(st, vals, nullable, 6);
    if (rc != DB_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_ROW) {
        if (id != NULL)
            *id = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ERROR, "users: INSERT returned no id");
    }
out:
    db_reset(st);
    return rc;
}

int store_users_find(struct db *db, const char *username,
                     struct store_user *out)
{
    static const char sql[] =
        "SELECT " USER_COLUMNS " FROM users u WHERE u.username = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, username, (size_t)-1);
    if (rc != DB_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_ROW)
        rc = read_user(db, st, out);
    else if (rc == DB_DONE)
        rc = DB_ENOTFOUND;
out:
    db_reset(st);
    return rc;
}

/* Run st to completion; DB_ENOTFOUND when it changed no row. */
static int run_change(struct db_stmt *st, int64_t *changed)
{
    int rc = db_step(st);

    if (rc == DB_DONE || rc == DB_ROW) {
        int64_t n = db_changes(st);

        if (changed != NULL)
            *changed = n;
        rc = n > 0 ? DB_OK : DB_ENOTFOUND;
    }
    return rc;
}

int store_users_set_password_hash(struct db *db, int64_t id,
                                  const char *password_hash)
{
    static const char sql[] =
        "UPDATE users SET password_hash = $1 WHERE id = $2";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, password_hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, id);
    if (rc == DB_OK)
        rc = run_change(st, NULL);
    db_reset(st);
    return rc;
}

int store_users_session_create(struct db *db, const char *token_hash,
                               int64_t user_id, const char *created_at,
                               const char *expires_at)
{
    static const char sql[] =
        "INSERT INTO sessions (token_hash, user_id, created_at, expires_at)"
        " VALUES ($1, $2, $3, $4)";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, token_hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 2, user_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, created_at, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, expires_at, (size_t)-1);
    if (rc == DB_OK)
        rc = run_change(st, NULL);
    db_reset(st);
    return rc;
}

int store_users_session_find(struct db *db, const char *token_hash,
                             struct store_user *user,
                             char expires_at[STORE_USERS_TS_SIZE])
{
    static const char sql[] =
        "SELECT " USER_COLUMNS ", s.expires_at"
        " FROM sessions s JOIN users u ON u.id = s.user_id"
        " WHERE s.token_hash = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, token_hash, (size_t)-1);
    if (rc != DB_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_ROW) {
        rc = read_user(db, st, user);
        if (rc == DB_OK)
            rc = copy_col(db, st, 7, expires_at, STORE_USERS_TS_SIZE);
    } else if (rc == DB_DONE) {
        rc = DB_ENOTFOUND;
    }
out:
    db_reset(st);
    return rc;
}

int store_users_session_delete(struct db *db, const char *token_hash)
{
    static const char sql[] = "DELETE FROM sessions WHERE token_hash = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, token_hash, (size_t)-1);
    if (rc == DB_OK)
        rc = run_change(st, NULL);
    db_reset(st);
    return rc;
}

int store_users_session_expire(struct db *db, const char *now, int64_t *n)
{
    static const char sql[] = "DELETE FROM sessions WHERE expires_at <= $1";
    struct db_stmt *st;
    int64_t changed = 0;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, now, (size_t)-1);
    if (rc == DB_OK)
        rc = run_change(st, &changed);
    if (rc == DB_ENOTFOUND)
        rc = DB_OK;
    if (n != NULL)
        *n = changed;
    db_reset(st);
    return rc;
}
