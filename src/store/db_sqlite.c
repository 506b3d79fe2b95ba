/* db_sqlite.c: the SQLite 3.40 driver (ENGINEERING.md §3, §5).
 *
 * Per connection: WAL, synchronous=NORMAL, foreign_keys=ON, a busy
 * handler that waits up to db_lock_timeout_ms (5 s) for another
 * connection's lock (busy_wait), extended result codes, and the ICU "vi"
 * collation.
 *
 * synchronous=NORMAL in WAL mode never corrupts the database, but a power
 * loss (not a process crash) may lose the last transactions committed
 * before it; it commits about 10x faster than FULL (27,755 against 2,851
 * commits/s measured, ENGINEERING.md §3.3). Set ANSINH_SQLITE_SYNC=full
 * where losing the last seconds of work on power loss is unacceptable.
 *
 * Placeholders: SQL uses $1..$n. SQLite treats "$1" as a named parameter
 * and numbers parameters by first appearance, so each statement keeps a map
 * from n to SQLite's index, built once at prepare time.
 */
#include "store/db_driver.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/collate.h"
#include "util/xalloc.h"

struct sq_db {
    struct db base;
    sqlite3 *h;
    struct collate *coll;
    int busy_ms;                /* db_lock_timeout_ms */
    struct timespec busy_since; /* first try of the current wait */
};

struct sq_stmt {
    struct db_stmt base;
    sqlite3_stmt *h;
    int *map; /* map[n] = SQLite index of $n, 0 if absent */
    int nmap; /* entries in map (max n + 1) */
    int64_t changes;
};

static int map_rc(struct db *db, sqlite3 *h, int rc)
{
    int code;

    switch (rc & 0xff) {
    case SQLITE_OK:
        return DB_OK;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = DB_EBUSY;
        break;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE ||
            rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            code = DB_ECONFLICT;
        else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
            code = DB_EFK;
        else
            code = DB_ECHECK; /* CHECK, NOT NULL, DATATYPE */
        break;
    case SQLITE_MISMATCH:
        code = DB_ECHECK;
        break;
    case SQLITE_RANGE:
    case SQLITE_MISUSE:
        code = DB_EINVAL;
        break;
    default:
        code = DB_ERROR;
        break;
    }
    return db_fail(db, code, "sqlite: %s", h ? sqlite3_errmsg(h) : "error");
}

static int collate_cb(void *arg, int alen, const void *a, int blen,
                      const void *b)
{
    return collate_cmp(arg, a, (size_t)alen, b, (size_t)blen);
}

static void collate_destroy(void *arg)
{
    collate_free(arg);
}

static int sq_exec(struct db *db, const char *sql)
{
    struct sq_db *s = (struct sq_db *)db;
    char *msg = NULL;
    int rc = sqlite3_exec(s->h, sql, NULL, NULL, &msg);

    if (rc != SQLITE_OK) {
        int ext = sqlite3_extended_errcode(s->h);
        rc = map_rc(db, s->h, ext ? ext : rc);
        if (msg)
            db_fail(db, rc, "sqlite: %s", msg);
        sqlite3_free(msg);
        return rc;
    }
    return DB_OK;
}

/* Before the library's first use: no memory statistics (nothing reads
 * them, and keeping them takes a global mutex on every allocation: a few
 * per cent of a payroll's preparation, bench/payroll.sh). Too late
 * (SQLITE_MISUSE) when something initialised SQLite first: harmless. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;

static void sq_config(void)
{
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Wait for a lock held by another connection, up to busy_ms, trying
 * every 2 ms. SQLite's busy_timeout sleeps ever longer between tries (up
 * to 100 ms), so a writer that waited for another's transaction started
 * up to 100 ms after the lock was free: two payroll preparations at once
 * lost that on most of their turns (bench/payroll.sh). */
static int busy_wait(void *arg, int tries)
{
    struct sq_db *s = arg;
    struct timespec now, pause = {0, 2000000L};
    int64_t waited;

    clock_gettime(CLOCK_MONOTONIC, &now);
    if (tries == 0)
        s->busy_since = now;
    waited = (int64_t)(now.tv_sec - s->busy_since.tv_sec) * 1000 +
             (now.tv_nsec - s->busy_since.tv_nsec) / 1000000;
    if (waited >= s->busy_ms)
        return 0;
    nanosleep(&pause, NULL);
    return 1;
}

static int sq_open(const char *dsn, struct db **out, struct db_err *err)
{
    struct sq_db *s = xcalloc(1, sizeof *s);
    const char *sync = getenv("ANSINH_SQLITE_SYNC");
    int memory = strcmp(dsn, ":memory:") == 0;
    char pragmas[256];
    int rc;

    pthread_once(&config_once, sq_config);
    rc = sqlite3_open_v2(dsn, &s->h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                         NULL);
    if (rc != SQLITE_OK) {
        err->rc = DB_ERROR;
        snprintf(err->msg, sizeof err->msg, "sqlite: cannot open %s: %s", dsn,
                 s->h ? sqlite3_errmsg(s->h) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_extended_result_codes(s->h, 1);
    s->coll = collate_new_vi();
    if (s->coll == NULL) {
        err->rc = DB_ERROR;
        snprintf(err->msg, sizeof err->msg,
                 "ICU: cannot open the Vietnamese collator");
        goto fail;
    }
    rc = sqlite3_create_collation_v2(s->h, "vi", SQLITE_UTF8, s->coll,
                                     collate_cb, collate_destroy);
    if (rc != SQLITE_OK) {
        collate_free(s->coll);
        err->rc = DB_ERROR;
        snprintf(err->msg, sizeof err->msg, "sqlite: collation: %s",
                 sqlite3_errmsg(s->h));
        goto fail;
    }
    s->busy_ms = db_lock_timeout_ms();
    sqlite3_busy_handler(s->h, busy_wait, s);
    snprintf(pragmas, sizeof pragmas,
             "%sPRAGMA synchronous=%s; PRAGMA foreign_keys=ON;",
             memory ? "" : "PRAGMA journal_mode=WAL; ",
             (sync && strcasecmp(sync, "full") == 0) ? "FULL" : "NORMAL");
    s->base.drv = &db_sqlite_driver;
    rc = sq_exec(&s->base, pragmas);
    if (rc != DB_OK) {
        err->rc = rc;
        snprintf(err->msg, sizeof err->msg, "%.200s", s->base.errmsg);
        goto fail;
    }
    *out = &s->base;
    return DB_OK;

fail:
    sqlite3_close_v2(s->h);
    free(s);
    return err->rc;
}

static void sq_close(struct db *db)
{
    struct sq_db *s = (struct sq_db *)db;

    sqlite3_exec(s->h, "PRAGMA optimize", NULL, NULL, NULL);
    sqlite3_close_v2(s->h);
    free(s);
}

static int parse_dollar(const char *name)
{
    int n = 0;
    const char *p;

    if (name == NULL || name[0] != '$' || name[1] == '\0')
        return -1;
    for (p = name + 1; *p; p++) {
        if (*p < '0' || *p > '9' || n > 100000)
            return -1;
        n = n * 10 + (*p - '0');
    }
    return n;
}

static int sq_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    struct sq_db *s = (struct sq_db *)db;
    struct sq_stmt *st;
    sqlite3_stmt *h = NULL;
    const char *tail = NULL;
    int count, i, maxn = 0;
    int rc;

    rc =
        sqlite3_prepare_v3(s->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &h, &tail);
    if (rc != SQLITE_OK)
        return map_rc(db, s->h, sqlite3_extended_errcode(s->h));
    if (h == NULL)
        return db_fail(db, DB_EINVAL, "empty SQL statement");
    count = sqlite3_bind_parameter_count(h);
    for (i = 1; i <= count; i++) {
        int n = parse_dollar(sqlite3_bind_parameter_name(h, i));
        if (n < 1) {
            sqlite3_finalize(h);
            return db_fail(db, DB_EINVAL, "parameter %d is not of the form $n",
                           i);
        }
        if (n > maxn)
            maxn = n;
    }
    st = xcalloc(1, sizeof *st);
    st->h = h;
    st->nmap = maxn + 1;
    st->map = xcalloc((size_t)st->nmap, sizeof(int));
    for (i = 1; i <= count; i++)
        st->map[parse_dollar(sqlite3_bind_parameter_name(h, i))] = i;
    *out = &st->base;
    return DB_OK;
}

static void sq_finalize(struct db_stmt *base)
{
    struct sq_stmt *st = (struct sq_stmt *)base;

    sqlite3_finalize(st->h);
    free(st->map);
    free(st);
}

static int index_of(struct sq_stmt *st, int n)
{
    if (n < 1 || n >= st->nmap || st->map[n] == 0)
        return db_fail(st->base.db, DB_EINVAL, "no parameter $%d in statement",
                       n);
    return st->map[n];
}

static int bind_rc(struct sq_stmt *st, int rc)
{
    struct sq_db *s = (struct sq_db *)st->base.db;
    return rc == SQLITE_OK ? DB_OK : map_rc(&s->base, s->h, rc);
}

static int bind_text_as(struct db_stmt *base, int n, const char *v, size_t len,
                        sqlite3_destructor_type how)
{
    struct sq_stmt *st = (struct sq_stmt *)base;
    int i = index_of(st, n);

    if (i < 0)
        return i;
    if (len > 0x7fffffff)
        return db_fail(base->db, DB_EINVAL, "text parameter too long");
    return bind_rc(st, sqlite3_bind_text(st->h, i, v, (int)len, how));
}

static int sq_bind_text(struct db_stmt *base, int n, const char *v, size_t len)
{
    return bind_text_as(base, n, v, len, SQLITE_TRANSIENT);
}

/* sq_reset clears the bindings, so v is not read after db_reset. */
static int sq_bind_text_ref(struct db_stmt *base, int n, const char *v,
                            size_t len)
{
    return bind_text_as(base, n, v, len, SQLITE_STATIC);
}

static int sq_bind_int64(struct db_stmt *base, int n, int64_t v)
{
    struct sq_stmt *st = (struct sq_stmt *)base;
    int i = index_of(st, n);

    if (i < 0)
        return i;
    return bind_rc(st, sqlite3_bind_int64(st->h, i, v));
}

static int sq_bind_null(struct db_stmt *base, int n)
{
    struct sq_stmt *st = (struct sq_stmt *)base;
    int i = index_of(st, n);

    if (i < 0)
        return i;
    return bind_rc(st, sqlite3_bind_null(st->h, i));
}

static int sq_step(struct db_stmt *base)
{
    struct sq_stmt *st = (struct sq_stmt *)base;
    struct sq_db *s = (struct sq_db *)base->db;
    int rc = sqlite3_step(st->h);

    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE) {
        st->changes = sqlite3_changes64(s->h);
        return DB_DONE;
    }
    /* The statement's own code is more precise than the connection's. */
    return map_rc(base->db, s->h, sqlite3_extended_errcode(s->h));
}

static const char *sq_col_text(struct db_stmt *base, int col, size_t *len)
{
    struct sq_stmt *st = (struct sq_stmt *)base;
    const char *t;

    if (sqlite3_column_type(st->h, col) == SQLITE_NULL) {
        if (len)
            *len = 0;
        return NULL;
    }
    t = (const char *)sqlite3_column_text(st->h, col);
    if (len)
        *len = (size_t)sqlite3_column_bytes(st->h, col);
    return t;
}

static int64_t sq_col_int64(struct db_stmt *base, int col)
{
    return sqlite3_column_int64(((struct sq_stmt *)base)->h, col);
}

static int sq_col_is_null(struct db_stmt *base, int col)
{
    return sqlite3_column_type(((struct sq_stmt *)base)->h, col) == SQLITE_NULL;
}

static int sq_col_count(struct db_stmt *base)
{
    return sqlite3_column_count(((struct sq_stmt *)base)->h);
}

static int64_t sq_changes(struct db_stmt *base)
{
    return ((struct sq_stmt *)base)->changes;
}

static void sq_reset(struct db_stmt *base)
{
    struct sq_stmt *st = (struct sq_stmt *)base;

    sqlite3_reset(st->h);
    sqlite3_clear_bindings(st->h);
}

const struct db_driver db_sqlite_driver = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .exec = sq_exec,
    .prepare = sq_prepare,
    .finalize = sq_finalize,
    .bind_text = sq_bind_text,
    .bind_text_ref = sq_bind_text_ref,
    .bind_int64 = sq_bind_int64,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_text = sq_col_text,
    .col_int64 = sq_col_int64,
    .col_is_null = sq_col_is_null,
    .col_count = sq_col_count,
    .changes = sq_changes,
    .reset = sq_reset,
    .begin_read = "BEGIN DEFERRED",
    .begin_write = "BEGIN IMMEDIATE",
};
