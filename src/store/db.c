/* db.c: the engine-neutral half of the storage driver (see db.h).
 *
 * Statement cache: every distinct SQL text is prepared once per connection
 * and kept (SQLite: SQLITE_PREPARE_PERSISTENT; PostgreSQL: a named prepared
 * statement), keyed by the text itself, so store functions just call
 * db_prepare with their static SQL on every use.
 */
#include "store/db_driver.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/xalloc.h"

const char *db_default_dsn(void)
{
    const char *e = getenv("ANSINH_DB");
    return (e && *e) ? e : "ansinh.db";
}

int db_lock_timeout_ms(void)
{
    const char *e = getenv("ANSINH_LOCK_TIMEOUT_MS");
    char *end = NULL;
    long v;

    if (e == NULL || *e == '\0')
        return 5000;
    v = strtol(e, &end, 10);
    if (*end != '\0' || v < 1 || v > 600000)
        return 5000;
    return (int)v;
}

static int is_pg_dsn(const char *dsn)
{
    return strncmp(dsn, "postgresql://", 13) == 0 ||
           strncmp(dsn, "postgres://", 11) == 0;
}

int db_open(const char *dsn, struct db **out, struct db_err *err)
{
    const struct db_driver *drv;
    int rc;

    *out = NULL;
    err->rc = DB_OK;
    err->msg[0] = '\0';
    if (dsn == NULL || *dsn == '\0') {
        err->rc = DB_EINVAL;
        snprintf(err->msg, sizeof err->msg, "empty database DSN");
        return DB_EINVAL;
    }
    if (is_pg_dsn(dsn)) {
        drv = &db_pg_driver;
    } else {
        drv = &db_sqlite_driver;
        if (strncmp(dsn, "sqlite:", 7) == 0)
            dsn += 7;
    }
    rc = drv->open(dsn, out, err);
    if (rc != DB_OK)
        return rc;
    (*out)->drv = drv;
    (*out)->nslots = 64;
    (*out)->slots = xcalloc((*out)->nslots, sizeof(struct db_cache_slot));
    return DB_OK;
}

void db_close(struct db *db)
{
    size_t i;

    if (db == NULL)
        return;
    for (i = 0; i < db->nslots; i++) {
        struct db_stmt *st = db->slots[i].st;
        if (st) {
            char *sql = st->sql;
            db->drv->finalize(st);
            free(sql);
        }
    }
    free(db->slots);
    db->slots = NULL;
    db->drv->close(db);
}

const char *db_engine(const struct db *db)
{
    return db->drv->name;
}

const char *db_errmsg(const struct db *db)
{
    return db->errmsg;
}

int db_fail(struct db *db, int rc, const char *fmt, ...)
{
    va_list ap;

    db->errcode = rc;
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
    return rc;
}

int db_set_error(struct db *db, int rc, const char *fmt, ...)
{
    va_list ap;

    db->errcode = rc;
    va_start(ap, fmt);
    vsnprintf(db->errmsg, sizeof db->errmsg, fmt, ap);
    va_end(ap);
    return rc;
}

int db_begin(struct db *db, int write)
{
    int rc =
        db->drv->exec(db, write ? db->drv->begin_write : db->drv->begin_read);

    if (rc == DB_OK)
        db->tx_depth = 1;
    return rc;
}

int db_commit(struct db *db)
{
    db->tx_depth = 0;
    return db->drv->exec(db, "COMMIT");
}

int db_in_transaction(const struct db *db)
{
    return db->tx_depth > 0;
}

int db_checkpoint(struct db *db)
{
    if (strcmp(db->drv->name, "sqlite") != 0)
        return DB_OK;
    return db->drv->exec(db, "PRAGMA wal_checkpoint(PASSIVE)");
}

int db_rollback(struct db *db)
{
    /* Keep the error that made the caller roll back: save and restore. */
    char saved[sizeof db->errmsg];
    int code = db->errcode;
    int rc;

    memcpy(saved, db->errmsg, sizeof saved);
    db->tx_depth = 0;
    rc = db->drv->exec(db, "ROLLBACK");
    memcpy(db->errmsg, saved, sizeof saved);
    db->errcode = code;
    return rc;
}

/* db_transact inside a transaction: fn runs within a savepoint, undone
 * alone if it fails, so use cases compose (a decision changes the
 * beneficiary's status through the registry's own use case, in the
 * decision's transaction). No retry here: a DB_EBUSY reaches the
 * outermost db_transact, which retries everything. */
static int transact_nested(struct db *db, int (*fn)(struct db *db, void *arg),
                           void *arg)
{
    char sql[64], saved[sizeof db->errmsg];
    int depth = db->tx_depth, rc, code;

    snprintf(sql, sizeof sql, "SAVEPOINT ansinh_%d", depth);
    rc = db->drv->exec(db, sql);
    if (rc != DB_OK)
        return rc;
    db->tx_depth = depth + 1;
    rc = fn(db, arg);
    db->tx_depth = depth;
    if (rc == DB_OK) {
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT ansinh_%d", depth);
        return db->drv->exec(db, sql);
    }
    /* Keep fn's error, as db_rollback does. */
    memcpy(saved, db->errmsg, sizeof saved);
    code = db->errcode;
    snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT ansinh_%d", depth);
    db->drv->exec(db, sql);
    snprintf(sql, sizeof sql, "RELEASE SAVEPOINT ansinh_%d", depth);
    db->drv->exec(db, sql);
    memcpy(db->errmsg, saved, sizeof saved);
    db->errcode = code;
    return rc;
}

int db_transact(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
    int attempt;
    int rc = DB_EBUSY;

    if (db->tx_depth > 0)
        return transact_nested(db, fn, arg);
    for (attempt = 0; attempt < 5; attempt++) {
        if (attempt > 0) {
            struct timespec ts = {0, 10000000L << attempt}; /* 20..160 ms */
            nanosleep(&ts, NULL);
        }
        rc = db_begin(db, 1);
        if (rc == DB_EBUSY)
            continue;
        if (rc != DB_OK)
            return rc;
        rc = fn(db, arg);
        if (rc == DB_OK)
            rc = db_commit(db);
        if (rc == DB_OK)
            return DB_OK;
        db_rollback(db);
        if (rc != DB_EBUSY)
            return rc;
    }
    return rc;
}

int db_exec_script(struct db *db, const char *sql)
{
    return db->drv->exec(db, sql);
}

/* FNV-1a of the length and of at most the first and last HASH_SPAN bytes:
 * equal texts hash equal, and a long text (a multi-row INSERT is 20 KB,
 * looked up every 64 payroll lines) is not hashed whole on every use;
 * texts that collide are told apart by strcmp. */
#define HASH_SPAN 128

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= UINT64_C(1099511628211);
    }
    return h;
}

static uint64_t hash_sql(const char *s)
{
    size_t n = strlen(s);
    uint64_t h = UINT64_C(1469598103934665603) ^ (uint64_t)n;

    if (n <= 2 * HASH_SPAN)
        return fnv(h, s, n);
    return fnv(fnv(h, s, HASH_SPAN), s + n - HASH_SPAN, HASH_SPAN);
}

static void cache_grow(struct db *db)
{
    size_t n = db->nslots * 2;
    struct db_cache_slot *slots = xcalloc(n, sizeof *slots);
    size_t i;

    for (i = 0; i < db->nslots; i++) {
        size_t j;
        if (db->slots[i].st == NULL)
            continue;
        j = db->slots[i].hash & (n - 1);
        while (slots[j].st)
            j = (j + 1) & (n - 1);
        slots[j] = db->slots[i];
    }
    free(db->slots);
    db->slots = slots;
    db->nslots = n;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
    uint64_t h = hash_sql(sql);
    size_t j = h & (db->nslots - 1);
    struct db_stmt *st;
    int rc;

    *out = NULL;
    while (db->slots[j].st) {
        st = db->slots[j].st;
        if (db->slots[j].hash == h && strcmp(st->sql, sql) == 0) {
            if (st->state == DB_ST_ROWS)
                return db_fail(db, DB_EINVAL,
                               "statement already in use (nested use or "
                               "missing db_reset): %.200s",
                               sql);
            if (st->state == DB_ST_FINISHED)
                db_reset(st);
            *out = st;
            return DB_OK;
        }
        j = (j + 1) & (db->nslots - 1);
    }
    rc = db->drv->prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    st->db = db;
    st->sql = xstrdup(sql);
    st->state = DB_ST_IDLE;
    if ((db->nstmts + 1) * 2 > db->nslots) {
        cache_grow(db);
        j = h & (db->nslots - 1);
    }
    while (db->slots[j].st)
        j = (j + 1) & (db->nslots - 1);
    db->slots[j].hash = h;
    db->slots[j].st = st;
    db->nstmts++;
    *out = st;
    return DB_OK;
}

int db_bind_text(struct db_stmt *st, int n, const char *s, size_t len)
{
    if (s == NULL)
        return st->db->drv->bind_null(st, n);
    if (len == (size_t)-1)
        len = strlen(s);
    return st->db->drv->bind_text(st, n, s, len);
}

int db_bind_text_ref(struct db_stmt *st, int n, const char *s, size_t len)
{
    if (s == NULL || st->db->drv->bind_text_ref == NULL)
        return db_bind_text(st, n, s, len);
    if (len == (size_t)-1)
        len = strlen(s);
    return st->db->drv->bind_text_ref(st, n, s, len);
}

int db_bind_int64(struct db_stmt *st, int n, int64_t v)
{
    return st->db->drv->bind_int64(st, n, v);
}

int db_bind_null(struct db_stmt *st, int n)
{
    return st->db->drv->bind_null(st, n);
}

int db_step(struct db_stmt *st)
{
    int rc = st->db->drv->step(st);
    st->state = (rc == DB_ROW) ? DB_ST_ROWS : DB_ST_FINISHED;
    return rc;
}

const char *db_col_text(struct db_stmt *st, int col, size_t *len)
{
    return st->db->drv->col_text(st, col, len);
}

int64_t db_col_int64(struct db_stmt *st, int col)
{
    return st->db->drv->col_int64(st, col);
}

int db_col_is_null(struct db_stmt *st, int col)
{
    return st->db->drv->col_is_null(st, col);
}

int db_col_count(struct db_stmt *st)
{
    return st->db->drv->col_count(st);
}

int64_t db_changes(struct db_stmt *st)
{
    return st->db->drv->changes(st);
}

void db_reset(struct db_stmt *st)
{
    if (st == NULL)
        return;
    st->db->drv->reset(st);
    st->state = DB_ST_IDLE;
}

int db_query_int64(struct db *db, const char *sql, int64_t *out)
{
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *out = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_fail(db, DB_ENOTFOUND, "no row");
    }
    db_reset(st);
    return rc;
}
