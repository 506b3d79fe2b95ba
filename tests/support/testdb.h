/* testdb.h: fresh databases for tests, on the engine ctest names.
 *
 * $ANSINH_TEST_ENGINE is "sqlite" (default) or "pg". For "pg" the server is
 * $ANSINH_TEST_PG if set, else $ANSINH_TEST_PG_DEFAULT (the scratch cluster
 * that ctest's pg fixture starts, tests/pg-scratch.sh). If that server is
 * unreachable the test process exits 77 (skipped), or fails when $CI is
 * set: CI must never pass on one engine only.
 *
 * Every database made here is removed when the process exits.
 */
#ifndef ANSINH_TESTS_TESTDB_H
#define ANSINH_TESTS_TESTDB_H

#include <stddef.h>

struct db;

/* "sqlite" or "pg". */
const char *testdb_engine(void);
/* Write into out the DSN of a new, empty database (SQLite: a file in a
 * temporary folder; PostgreSQL: CREATE DATABASE on the test server). */
void testdb_dsn_fresh(char *out, size_t cap);
/* A new database with the schema migrated but no data: fast. Caller
 * closes with db_close. Aborts the test process on failure. */
struct db *testdb_open_schema(void);
/* A new database ready as the app opens it: migrated, administrative
 * units loaded (PostgreSQL clones a template made once per server, so this
 * stays fast). Caller closes with db_close. */
struct db *testdb_open(void);
/* The DSN of the last database testdb_open* made (borrowed). */
const char *testdb_last_dsn(void);

#endif
