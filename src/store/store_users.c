/* store_users.c: SQL for accounts and sessions (see store_users.h). */
#include "store/store_users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/xalloc.h"

#define USER_COLUMNS                                                           \
    "u.id, u.username, u.full_name, u.password_hash, u.role, u.area_code, "    \
    "u.active, u.version, u.created_at, u.updated_at"
#define USER_NCOLS 10

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
    u->version = db_col_int64(st, 7);
    if (rc == DB_OK)
        rc = copy_col(db, st, 8, u->created_at, sizeof u->created_at);
    if (rc == DB_OK)
        rc = copy_col(db, st, 9, u->updated_at, sizeof u->updated_at);
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
            rc = copy_col(db, st, USER_NCOLS, expires_at, STORE_USERS_TS_SIZE);
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

int store_users_get(struct db *db, int64_t id, struct store_user *out)
{
    static const char sql[] =
        "SELECT " USER_COLUMNS " FROM users u WHERE u.id = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = read_user(db, st, out);
    else if (rc == DB_DONE)
        rc = DB_ENOTFOUND;
    db_reset(st);
    return rc;
}

static int is_set(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* Append " WHERE"/" AND" and the condition "area_code is $pa or lies
 * below it on $pd" (scope.h: the scope as SQL filters on the units table)
 * to where. */
static void add_within(char *where, size_t *used, size_t cap, int pa, int pd)
{
    *used += (size_t)snprintf(
        where + *used, cap - *used,
        "%s (u.area_code = $%d OR u.area_code IN (SELECT x.code FROM units x"
        " WHERE (x.province_code = $%d OR x.parent_code = $%d)"
        " AND x.valid_from <= $%d AND (x.valid_to IS NULL"
        " OR x.valid_to > $%d)))",
        *used ? " AND" : " WHERE", pa, pa, pa, pd, pd);
}

/* The WHERE clause of f into where with its values in vals (numbered from
 * $1; the date, when needed, is the last). Returns how many values. The
 * texts form a finite set, as the statement cache wants. */
static int list_where(const struct store_users_filter *f, char *where,
                      size_t cap, const char *vals[4])
{
    size_t used = 0;
    int n = 0, pd;

    where[0] = '\0';
    if (is_set(f->role)) {
        vals[n++] = f->role;
        used += (size_t)snprintf(where, cap, " WHERE u.role = $%d", n);
    }
    if (f->active == 0 || f->active == 1)
        used += (size_t)snprintf(where + used, cap - used, "%s u.active = %d",
                                 used ? " AND" : " WHERE", f->active);
    pd = n + 1 + is_set(f->within) + is_set(f->scope);
    if (is_set(f->within)) {
        vals[n++] = f->within;
        add_within(where, &used, cap, n, pd);
    }
    if (is_set(f->scope)) {
        vals[n++] = f->scope;
        add_within(where, &used, cap, n, pd);
    }
    if (is_set(f->within) || is_set(f->scope))
        vals[n++] = f->date ? f->date : "";
    return n;
}

int store_users_list(struct db *db, const struct store_users_filter *f,
                     int64_t offset, int64_t limit, struct store_user **items,
                     size_t *count, int64_t *total)
{
    const char *vals[4];
    char where[1024], sql[1400];
    struct db_stmt *st;
    size_t cap = 0, n = 0;
    struct store_user *out = NULL;
    int nv, i, rc;

    *items = NULL;
    *count = 0;
    *total = 0;
    if (limit < 1 || limit > 1000 || offset < 0)
        return db_set_error(db, DB_EINVAL, "users: limit %lld offset %lld",
                            (long long)limit, (long long)offset);
    nv = list_where(f, where, sizeof where, vals);
    snprintf(sql, sizeof sql, "SELECT count(*) FROM users u%s", where);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    for (i = 0; i < nv && rc == DB_OK; i++)
        rc = db_bind_text(st, i + 1, vals[i], (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *total = db_col_int64(st, 0);
        rc = DB_OK;
    }
    db_reset(st);
    if (rc != DB_OK)
        return rc;
    snprintf(sql, sizeof sql,
             "SELECT " USER_COLUMNS " FROM users u%s ORDER BY u.username"
             " LIMIT $%d OFFSET $%d",
             where, nv + 1, nv + 2);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    for (i = 0; i < nv && rc == DB_OK; i++)
        rc = db_bind_text(st, i + 1, vals[i], (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, nv + 1, limit);
    if (rc == DB_OK)
        rc = db_bind_int64(st, nv + 2, offset);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            out = xreallocarray(out, cap, sizeof *out);
        }
        rc = read_user(db, st, &out[n]);
        /* Listing never shows the hash: drop it at once. */
        memset(out[n].password_hash, 0, sizeof out[n].password_hash);
        if (rc == DB_OK)
            n++;
    }
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    if (rc != DB_OK) {
        free(out);
        return rc;
    }
    *items = out;
    *count = n;
    return DB_OK;
}

int store_users_update(struct db *db, struct store_user *u,
                       const char *password_hash, const char *updated_at)
{
    static const char sql[] =
        "UPDATE users SET full_name = $1, role = $2, area_code = $3,"
        " active = $4, password_hash = coalesce($5, password_hash),"
        " version = version + 1, updated_at = $6"
        " WHERE id = $7 AND version = $8";
    struct store_user cur;
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, u->full_name, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, u->role, (size_t)-1);
    if (rc == DB_OK)
        rc = u->area_code[0] ? db_bind_text(st, 3, u->area_code, (size_t)-1)
                             : db_bind_null(st, 3);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 4, u->active ? 1 : 0);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, password_hash, (size_t)-1); /* NULL ok */
    if (rc == DB_OK)
        rc = db_bind_text(st, 6, updated_at, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 7, u->id);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 8, u->version);
    if (rc == DB_OK)
        rc = run_change(st, NULL);
    db_reset(st);
    if (rc == DB_OK) {
        u->version++;
        return DB_OK;
    }
    if (rc != DB_ENOTFOUND)
        return rc;
    /* No row changed: gone, or changed by someone else meanwhile. */
    rc = store_users_get(db, u->id, &cur);
    memset(cur.password_hash, 0, sizeof cur.password_hash);
    if (rc == DB_ENOTFOUND)
        return db_set_error(db, DB_ENOTFOUND, "users: no account %lld",
                            (long long)u->id);
    if (rc != DB_OK)
        return rc;
    return db_set_error(
        db, DB_ECONFLICT, "users: account %lld is at version %lld, not %lld",
        (long long)u->id, (long long)cur.version, (long long)u->version);
}

int store_users_sessions_end(struct db *db, int64_t user_id, int64_t *n)
{
    static const char sql[] = "DELETE FROM sessions WHERE user_id = $1";
    struct db_stmt *st;
    int64_t changed = 0;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, user_id);
    if (rc == DB_OK)
        rc = run_change(st, &changed);
    if (rc == DB_ENOTFOUND)
        rc = DB_OK;
    if (n != NULL)
        *n = changed;
    db_reset(st);
    return rc;
}
