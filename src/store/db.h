/* db.h: the storage driver interface over SQLite and PostgreSQL.
 *
 * Layering (docs/architecture.md, ENGINEERING.md §5):
 *   handlers / CLI -> app -> store_* functions (hold the SQL) -> db_* -> driver
 * Only files in src/store/ include this header. SQL is written once, with
 * PostgreSQL's $1..$n placeholders; the SQLite driver maps them by name.
 *
 * Conventions shared by both engines (the contract suite checks them):
 *   - dates are 'YYYY-MM-DD' text (PG `date` with DateStyle ISO; SQLite TEXT
 *     with CHECK (date(x, '+0 days') IS x)), timestamps are ISO-8601 UTC text;
 *   - booleans are integers 0/1; money is an integer number of đồng;
 *   - ids come from RETURNING id;
 *   - `COLLATE vi` sorts in Vietnamese order (ICU "vi" on both).
 *
 * A struct db is one connection: use it from one thread at a time.
 */
#ifndef ANSINH_STORE_DB_H
#define ANSINH_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

enum db_rc {
    DB_OK = 0,
    DB_ROW = 1,        /* db_step: a row is available */
    DB_DONE = 2,       /* db_step: no (more) rows */
    DB_ENOTFOUND = -1, /* a store function found no such record */
    DB_ECONFLICT = -2, /* unique or primary key violated; lost update */
    DB_EFK = -3,       /* foreign key violated */
    DB_ECHECK = -4,    /* CHECK, NOT NULL, type or date format violated */
    DB_EBUSY = -5,     /* retryable: SQLITE_BUSY/LOCKED, 40001, 40P01 */
    DB_EINVAL = -6,    /* bad DSN or misuse of the API */
    DB_ERROR = -7      /* anything else (I/O, syntax, connection lost) */
};

struct db;
struct db_stmt;

/* Error detail for db_open, which has no handle to keep it on. */
struct db_err {
    int rc;
    char msg[256];
};

/* The DSN used when none is given: $ANSINH_DB if set and non-empty, else
 * "ansinh.db" (a SQLite file in the current directory). Borrowed. */
const char *db_default_dsn(void);

/* Open a connection. dsn is "postgresql://..." or "postgres://..." for
 * PostgreSQL (libpq URI; host=/socket/dir works as a query parameter), else
 * a SQLite path, optionally prefixed "sqlite:" (":memory:" works).
 * SQLite connections get WAL, synchronous=NORMAL (FULL if
 * $ANSINH_SQLITE_SYNC=full), foreign_keys=ON, a 5 s lock wait and the "vi"
 * collation. Returns DB_OK and *out, or a negative code with err filled and
 * *out NULL. */
int db_open(const char *dsn, struct db **out, struct db_err *err);
/* Close the connection and every cached statement. NULL-safe. */
void db_close(struct db *db);
/* "sqlite" or "postgresql". */
const char *db_engine(const struct db *db);
/* Message of the last failed call on this connection ("" if none).
 * Borrowed: valid until the next call on db. */
const char *db_errmsg(const struct db *db);
/* Set the connection's error message (used by store functions to explain a
 * DB_ENOTFOUND or DB_ECONFLICT they detect themselves). Returns rc. */
int db_set_error(struct db *db, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Transactions. db_begin(db, 1) starts a write transaction (SQLite: BEGIN
 * IMMEDIATE, so a writer never hits BUSY_SNAPSHOT half-way); db_begin(db, 0)
 * a read transaction (one consistent snapshot on both engines). */
int db_begin(struct db *db, int write);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/* 1 while a transaction is open on db (db_begin, db_transact), else 0. */
int db_in_transaction(const struct db *db);
/* Outside a transaction: copy what the engine's write-ahead log holds
 * into the database where no reader still needs it, without waiting
 * (SQLite: a PASSIVE WAL checkpoint, which lets the next writer reuse
 * the log from its start); nothing on other engines. DB_OK or an error. */
int db_checkpoint(struct db *db);
/* Run fn(db, arg) inside a write transaction: commit if it returns 0,
 * roll back otherwise. A DB_EBUSY from fn or the commit rolls back and
 * retries (up to 5 times, with backoff). Returns fn's code or the commit's.
 * Called while a transaction is open (from another db_transact's fn, or
 * after db_begin), fn runs inside a savepoint of that transaction instead:
 * released if it returns 0, rolled back to (alone) otherwise, never
 * retried (the outer transaction's retry covers it); the outer commit
 * decides. So a use case may call another that has its own db_transact
 * and both land in one transaction. */
int db_transact(struct db *db, int (*fn)(struct db *db, void *arg), void *arg);
/* Execute a script of several statements without parameters (migrations).
 * Not inside a prepared statement's use. */
int db_exec_script(struct db *db, const char *sql);

/* Get the prepared statement for sql from the connection's cache, preparing
 * it on first use. The statement belongs to the connection (never freed by
 * the caller); call db_reset when done with it. A statement may not be in
 * use twice at once. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* Bind parameter $n (n >= 1). Text is copied; len == (size_t)-1 means
 * NUL-terminated. NULL s binds SQL NULL. */
int db_bind_text(struct db_stmt *st, int n, const char *s, size_t len);
/* db_bind_text without copying s where the engine allows (SQLite): s must
 * stay valid and unchanged until db_reset of st. For bulk writes, whose
 * rows live in the caller's buffer while the statement runs. */
int db_bind_text_ref(struct db_stmt *st, int n, const char *s, size_t len);
int db_bind_int64(struct db_stmt *st, int n, int64_t v);
int db_bind_null(struct db_stmt *st, int n);
/* Execute (first call) or advance: DB_ROW, DB_DONE, or a negative code with
 * the message on the connection. */
int db_step(struct db_stmt *st);
/* Column values of the current row (col from 0). db_col_text returns NULL
 * for SQL NULL; the text is borrowed until the next step or reset. */
const char *db_col_text(struct db_stmt *st, int col, size_t *len);
int64_t db_col_int64(struct db_stmt *st, int col);
int db_col_is_null(struct db_stmt *st, int col);
int db_col_count(struct db_stmt *st);
/* Rows changed by the last INSERT/UPDATE/DELETE run by this statement. */
int64_t db_changes(struct db_stmt *st);
/* Release results and bindings; the statement can be bound and run again. */
void db_reset(struct db_stmt *st);

/* Convenience: prepare, bind nothing, step once and return the first
 * column as int64 in *out (DB_ENOTFOUND when no row). For counts. */
int db_query_int64(struct db *db, const char *sql, int64_t *out);

#endif
