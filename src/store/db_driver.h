/* db_driver.h: what a storage engine implements (private to src/store).
 *
 * db.c owns what both engines share: DSN dispatch, the statement cache,
 * transactions with retry, error text. A driver embeds struct db and
 * struct db_stmt as the first member of its own connection and statement
 * structs, and fills in this table. See db.h for the public contract.
 */
#ifndef ANSINH_STORE_DB_DRIVER_H
#define ANSINH_STORE_DB_DRIVER_H

#include "store/db.h"

struct db_driver {
    const char *name; /* "sqlite" or "postgresql" */
    int (*open)(const char *dsn, struct db **out, struct db_err *err);
    void (*close)(struct db *db);
    /* Run SQL without parameters or results (may hold several statements). */
    int (*exec)(struct db *db, const char *sql);
    /* Prepare one statement (uncached; db.c caches). */
    int (*prepare)(struct db *db, const char *sql, struct db_stmt **out);
    void (*finalize)(struct db_stmt *st);
    int (*bind_text)(struct db_stmt *st, int n, const char *s, size_t len);
    /* The same without a copy: s stays valid until reset. NULL: the
     * engine copies anyway (bind_text is used). */
    int (*bind_text_ref)(struct db_stmt *st, int n, const char *s, size_t len);
    int (*bind_int64)(struct db_stmt *st, int n, int64_t v);
    int (*bind_null)(struct db_stmt *st, int n);
    int (*step)(struct db_stmt *st);
    const char *(*col_text)(struct db_stmt *st, int col, size_t *len);
    int64_t (*col_int64)(struct db_stmt *st, int col);
    int (*col_is_null)(struct db_stmt *st, int col);
    int (*col_count)(struct db_stmt *st);
    int64_t (*changes)(struct db_stmt *st);
    void (*reset)(struct db_stmt *st);
    const char *begin_read;  /* SQL that starts a read transaction */
    const char *begin_write; /* ... a write transaction */
};

struct db_cache_slot {
    uint64_t hash;
    struct db_stmt *st; /* NULL: empty slot */
};

struct db {
    const struct db_driver *drv;
    int errcode;
    char errmsg[512];
    struct db_cache_slot *slots; /* open addressing, power-of-two size */
    size_t nslots;
    size_t nstmts;
    int tx_depth; /* 0: no transaction; 1: db_begin'd; more: savepoints of
                     nested db_transact calls */
};

enum db_stmt_state { DB_ST_IDLE = 0, DB_ST_ROWS = 1, DB_ST_FINISHED = 2 };

struct db_stmt {
    struct db *db;
    char *sql; /* owned copy: the cache key */
    int state; /* enum db_stmt_state */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

/* How long a statement waits for another connection's lock before failing
 * with DB_EBUSY, in ms: $ANSINH_LOCK_TIMEOUT_MS (1..600000), default 5000.
 * SQLite's busy handler and PostgreSQL's lock_timeout both use it, so a
 * lock conflict means the same thing, after the same wait, on both. */
int db_lock_timeout_ms(void);

/* Record an error on the connection; returns rc (driver helper). */
int db_fail(struct db *db, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
