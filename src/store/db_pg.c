/* db_pg.c: the PostgreSQL 15 driver over libpq (ENGINEERING.md §4, §5).
 *
 * Each statement is prepared once per connection as a named server-side
 * statement (PQprepare), then run with PQexecPrepared and text-format
 * parameters; the whole result is fetched and iterated row by row. Every
 * connection sets DateStyle ISO (dates read back as 'YYYY-MM-DD', as on
 * SQLite), UTC, and lock_timeout (db_lock_timeout_ms), so a lock held by
 * another connection fails with 55P03 = DB_EBUSY after the same wait as
 * SQLite's busy handler. SQLSTATEs map onto the same db_rc codes as SQLite's
 * extended result codes, so store code never branches on the engine.
 */
#include "store/db_driver.h"

#include <libpq-fe.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct pg_db {
    struct db base;
    PGconn *conn;
    unsigned next_name;
};

struct pg_stmt {
    struct db_stmt base;
    char name[24];
    int nparams;
    char **values; /* owned copies; NULL = SQL NULL */
    int *lengths;
    PGresult *res;
    int row; /* current row, -1 before the first */
    int64_t changes;
};

static int map_sqlstate(const char *state)
{
    if (state == NULL)
        return DB_ERROR;
    if (strcmp(state, "23505") == 0)
        return DB_ECONFLICT;
    if (strcmp(state, "23503") == 0)
        return DB_EFK;
    if (strcmp(state, "23514") == 0 || strcmp(state, "23502") == 0 ||
        strncmp(state, "22", 2) == 0) /* data exceptions: bad date, ... */
        return DB_ECHECK;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
        strcmp(state, "55P03") == 0)
        return DB_EBUSY;
    if (strncmp(state, "08", 2) == 0) /* connection exceptions */
        return DB_ERROR;
    return DB_ERROR;
}

static void trim_newline(char *s)
{
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' '))
        s[--n] = '\0';
}

/* Record the error of res (or of the connection when res is NULL). */
static int fail_res(struct pg_db *p, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorMessage(res) : NULL;
    int rc;

    if (msg == NULL || *msg == '\0')
        msg = PQerrorMessage(p->conn);
    rc = map_sqlstate(state);
    db_fail(&p->base, rc, "postgresql: %s%s%s", msg, state ? " SQLSTATE " : "",
            state ? state : "");
    trim_newline(p->base.errmsg);
    return rc;
}

static void quiet_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static int pg_exec(struct db *db, const char *sql)
{
    struct pg_db *p = (struct pg_db *)db;
    PGresult *res = PQexec(p->conn, sql);
    ExecStatusType s = PQresultStatus(res);
    int rc = DB_OK;

    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
        rc = fail_res(p, res);
    PQclear(res);
    return rc;
}

static int pg_open(const char *dsn, struct db **out, struct db_err *err)
{
    struct pg_db *p = xcalloc(1, sizeof *p);
    char setup[256];
    int rc;

    p->conn = PQconnectdb(dsn);
    if (p->conn == NULL || PQstatus(p->conn) != CONNECTION_OK) {
        err->rc = DB_ERROR;
        snprintf(err->msg, sizeof err->msg, "postgresql: %s",
                 p->conn ? PQerrorMessage(p->conn) : "out of memory");
        trim_newline(err->msg);
        goto fail;
    }
    PQsetNoticeProcessor(p->conn, quiet_notice, NULL);
    p->base.drv = &db_pg_driver;
    snprintf(setup, sizeof setup,
             "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC';"
             " SET client_encoding = 'UTF8';"
             " SET client_min_messages = warning; SET lock_timeout = %d",
             db_lock_timeout_ms());
    rc = pg_exec(&p->base, setup);
    if (rc != DB_OK) {
        err->rc = rc;
        snprintf(err->msg, sizeof err->msg, "%.200s", p->base.errmsg);
        goto fail;
    }
    *out = &p->base;
    return DB_OK;

fail:
    PQfinish(p->conn);
    free(p);
    return err->rc;
}

static void pg_close(struct db *db)
{
    struct pg_db *p = (struct pg_db *)db;

    PQfinish(p->conn);
    free(p);
}

static int pg_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    struct pg_db *p = (struct pg_db *)db;
    struct pg_stmt *st;
    PGresult *res;
    char name[24];
    int nparams;

    snprintf(name, sizeof name, "s%u", ++p->next_name);
    res = PQprepare(p->conn, name, sql, 0, NULL);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int rc = fail_res(p, res);
        PQclear(res);
        return rc;
    }
    PQclear(res);
    res = PQdescribePrepared(p->conn, name);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int rc = fail_res(p, res);
        PQclear(res);
        return rc;
    }
    nparams = PQnparams(res);
    PQclear(res);

    st = xcalloc(1, sizeof *st);
    memcpy(st->name, name, sizeof name);
    st->nparams = nparams;
    st->values = xcalloc((size_t)(nparams ? nparams : 1), sizeof(char *));
    st->lengths = xcalloc((size_t)(nparams ? nparams : 1), sizeof(int));
    st->row = -1;
    *out = &st->base;
    return DB_OK;
}

static void clear_values(struct pg_stmt *st)
{
    int i;
    for (i = 0; i < st->nparams; i++) {
        free(st->values[i]);
        st->values[i] = NULL;
    }
}

static void pg_reset(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;

    PQclear(st->res);
    st->res = NULL;
    st->row = -1;
    clear_values(st);
}

static void pg_finalize(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    struct pg_db *p = (struct pg_db *)base->db;
    char sql[48];

    pg_reset(base);
    /* Server-side statements die with the connection; deallocate only
     * while it is healthy, so closing never blocks on a dead server. */
    if (PQstatus(p->conn) == CONNECTION_OK &&
        PQtransactionStatus(p->conn) == PQTRANS_IDLE) {
        snprintf(sql, sizeof sql, "DEALLOCATE %s", st->name);
        PQclear(PQexec(p->conn, sql));
    }
    free(st->values);
    free(st->lengths);
    free(st);
}

static int check_index(struct pg_stmt *st, int n)
{
    if (n < 1 || n > st->nparams)
        return db_fail(st->base.db, DB_EINVAL, "no parameter $%d in statement",
                       n);
    return DB_OK;
}

static int pg_bind_text(struct db_stmt *base, int n, const char *s, size_t len)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    int rc = check_index(st, n);

    if (rc != DB_OK)
        return rc;
    if (memchr(s, '\0', len) != NULL)
        return db_fail(base->db, DB_ECHECK, "text contains a NUL byte");
    if (len > 0x3fffffff)
        return db_fail(base->db, DB_EINVAL, "text parameter too long");
    free(st->values[n - 1]);
    st->values[n - 1] = xstrndup(s, len);
    st->lengths[n - 1] = (int)len;
    return DB_OK;
}

static int pg_bind_int64(struct db_stmt *base, int n, int64_t v)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    char tmp[24];
    int rc = check_index(st, n);

    if (rc != DB_OK)
        return rc;
    snprintf(tmp, sizeof tmp, "%" PRId64, v);
    free(st->values[n - 1]);
    st->values[n - 1] = xstrdup(tmp);
    st->lengths[n - 1] = (int)strlen(tmp);
    return DB_OK;
}

static int pg_bind_null(struct db_stmt *base, int n)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    int rc = check_index(st, n);

    if (rc != DB_OK)
        return rc;
    free(st->values[n - 1]);
    st->values[n - 1] = NULL;
    return DB_OK;
}

static int pg_step(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    struct pg_db *p = (struct pg_db *)base->db;

    if (st->res == NULL) {
        ExecStatusType s;
        st->res = PQexecPrepared(p->conn, st->name, st->nparams,
                                 (const char *const *)st->values, st->lengths,
                                 NULL, 0);
        s = PQresultStatus(st->res);
        if (s == PGRES_COMMAND_OK) {
            const char *t = PQcmdTuples(st->res);
            st->changes = (t && *t) ? strtoll(t, NULL, 10) : 0;
            return DB_DONE;
        }
        if (s != PGRES_TUPLES_OK) {
            int rc = fail_res(p, st->res);
            PQclear(st->res);
            st->res = NULL;
            return rc;
        }
        {
            const char *t = PQcmdTuples(st->res);
            st->changes = (t && *t) ? strtoll(t, NULL, 10) : 0;
        }
        st->row = -1;
    }
    if (PQresultStatus(st->res) != PGRES_TUPLES_OK)
        return DB_DONE;
    st->row++;
    return st->row < PQntuples(st->res) ? DB_ROW : DB_DONE;
}

static int valid_cell(struct pg_stmt *st, int col)
{
    return st->res && st->row >= 0 && st->row < PQntuples(st->res) &&
           col >= 0 && col < PQnfields(st->res);
}

static const char *pg_col_text(struct db_stmt *base, int col, size_t *len)
{
    struct pg_stmt *st = (struct pg_stmt *)base;

    if (!valid_cell(st, col) || PQgetisnull(st->res, st->row, col)) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = (size_t)PQgetlength(st->res, st->row, col);
    return PQgetvalue(st->res, st->row, col);
}

static int64_t pg_col_int64(struct db_stmt *base, int col)
{
    const char *t = pg_col_text(base, col, NULL);
    return t ? strtoll(t, NULL, 10) : 0;
}

static int pg_col_is_null(struct db_stmt *base, int col)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    return !valid_cell(st, col) || PQgetisnull(st->res, st->row, col);
}

static int pg_col_count(struct db_stmt *base)
{
    struct pg_stmt *st = (struct pg_stmt *)base;
    return st->res ? PQnfields(st->res) : 0;
}

static int64_t pg_changes(struct db_stmt *base)
{
    return ((struct pg_stmt *)base)->changes;
}

const struct db_driver db_pg_driver = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .exec = pg_exec,
    .prepare = pg_prepare,
    .finalize = pg_finalize,
    .bind_text = pg_bind_text,
    .bind_int64 = pg_bind_int64,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_text = pg_col_text,
    .col_int64 = pg_col_int64,
    .col_is_null = pg_col_is_null,
    .col_count = pg_col_count,
    .changes = pg_changes,
    .reset = pg_reset,
    .begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .begin_write = "BEGIN",
};
