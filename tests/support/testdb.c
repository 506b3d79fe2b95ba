/* testdb.c: fresh databases for tests (see testdb.h). */
#include "testdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app.h"
#include "store/db.h"
#include "store/migrate.h"
#include "util/embed.h"

#define MAX_DBS 64

static char tmpdir[256];
static char created[MAX_DBS][64]; /* PostgreSQL databases to drop */
static int ncreated;
static char last_dsn[512];
static int cleanup_registered;

static int is_pg(void)
{
    const char *e = getenv("ANSINH_TEST_ENGINE");
    return e && strcmp(e, "pg") == 0;
}

const char *testdb_engine(void)
{
    return is_pg() ? "pg" : "sqlite";
}

static const char *pg_base(void)
{
    const char *e = getenv("ANSINH_TEST_PG");
    if (e && *e)
        return e;
    e = getenv("ANSINH_TEST_PG_DEFAULT");
    return (e && *e) ? e : NULL;
}

static void skip_or_fail(const char *why)
{
    const char *ci = getenv("CI");
    if (ci && *ci) {
        fprintf(stderr, "testdb: %s (CI: PostgreSQL is required)\n", why);
        exit(1);
    }
    fprintf(stderr, "testdb: %s: skipping\n", why);
    exit(77);
}

/* Replace the database name (the URI path) of a libpq URI. */
static void pg_dsn_with_db(char *out, size_t cap, const char *base,
                           const char *dbname)
{
    const char *scheme_end = strstr(base, "://");
    const char *path, *query;

    if (scheme_end == NULL) {
        snprintf(out, cap, "%s", base);
        return;
    }
    path = strchr(scheme_end + 3, '/');
    query = strchr(scheme_end + 3, '?');
    if (path == NULL || (query && path > query))
        path = query ? query : base + strlen(base);
    snprintf(out, cap, "%.*s/%s%s", (int)(path - base), base, dbname,
             query ? query : "");
}

static struct db *pg_admin(void)
{
    const char *base = pg_base();
    struct db *db = NULL;
    struct db_err err;

    if (base == NULL)
        skip_or_fail("no PostgreSQL server configured (ANSINH_TEST_PG)");
    if (db_open(base, &db, &err) != DB_OK)
        skip_or_fail(err.msg);
    return db;
}

static void cleanup(void)
{
    int i;

    if (ncreated > 0) {
        struct db *admin = NULL;
        struct db_err err;
        if (db_open(pg_base(), &admin, &err) == DB_OK) {
            for (i = 0; i < ncreated; i++) {
                char sql[128];
                snprintf(sql, sizeof sql,
                         "DROP DATABASE IF EXISTS %s WITH (FORCE)", created[i]);
                db_exec_script(admin, sql);
            }
            db_close(admin);
        }
    }
    if (tmpdir[0]) {
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
        if (system(cmd) != 0)
            fprintf(stderr, "testdb: could not remove %s\n", tmpdir);
    }
}

static void register_cleanup(void)
{
    if (!cleanup_registered) {
        atexit(cleanup);
        cleanup_registered = 1;
    }
}

static void pg_create(const char *name, const char *template_name)
{
    struct db *admin = pg_admin();
    char sql[256];

    if (template_name)
        snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE %s", name,
                 template_name);
    else
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    if (db_exec_script(admin, sql) != DB_OK) {
        fprintf(stderr, "testdb: %s: %s\n", sql, db_errmsg(admin));
        db_close(admin);
        exit(1);
    }
    db_close(admin);
}

void testdb_dsn_fresh(char *out, size_t cap)
{
    static int seq;

    register_cleanup();
    if (is_pg()) {
        char name[64];
        if (ncreated >= MAX_DBS) {
            fprintf(stderr, "testdb: too many databases\n");
            exit(1);
        }
        snprintf(name, sizeof name, "ansinh_t_%ld_%d", (long)getpid(), ++seq);
        pg_create(name, NULL);
        snprintf(created[ncreated++], sizeof created[0], "%s", name);
        pg_dsn_with_db(out, cap, pg_base(), name);
    } else {
        if (tmpdir[0] == '\0') {
            const char *t = getenv("TMPDIR");
            snprintf(tmpdir, sizeof tmpdir, "%s/ansinh-test-XXXXXX",
                     (t && *t) ? t : "/tmp");
            if (mkdtemp(tmpdir) == NULL) {
                perror("testdb: mkdtemp");
                exit(1);
            }
        }
        snprintf(out, cap, "%s/t%d.db", tmpdir, ++seq);
    }
    snprintf(last_dsn, sizeof last_dsn, "%s", out);
}

const char *testdb_last_dsn(void)
{
    return last_dsn;
}

struct db *testdb_open_schema(void)
{
    char dsn[512];
    struct db *db = NULL;
    struct db_err err;

    testdb_dsn_fresh(dsn, sizeof dsn);
    if (db_open(dsn, &db, &err) != DB_OK) {
        fprintf(stderr, "testdb: open %s: %s\n", dsn, err.msg);
        exit(1);
    }
    if (migrate_apply(db, NULL) != DB_OK) {
        fprintf(stderr, "testdb: migrate %s: %s\n", dsn, db_errmsg(db));
        exit(1);
    }
    return db;
}

/* Name of the PostgreSQL template for this build's embedded schema and
 * data: a digest of every embedded file, so a changed migration or list
 * makes a new template rather than reusing a stale one. */
static void template_name(char *out, size_t cap)
{
    unsigned long long h = 1469598103934665603ULL;
    size_t i, j;

    for (i = 0; i < embed_count(); i++) {
        const struct embed_file *f = embed_get(i);
        for (j = 0; j < f->len; j++) {
            h ^= (unsigned char)f->data[j];
            h *= 1099511628211ULL;
        }
    }
    snprintf(out, cap, "ansinh_tpl_%016llx", h);
}

static void pg_ensure_template(const char *name)
{
    struct db *admin = pg_admin();
    struct db *db = NULL;
    char dsn[512], msg[512], sql[256];
    int64_t n = 0;

    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pg_database WHERE datname = '%s'", name);
    if (db_query_int64(admin, sql, &n) != DB_OK) {
        fprintf(stderr, "testdb: %s\n", db_errmsg(admin));
        exit(1);
    }
    db_close(admin);
    if (n > 0)
        return;
    {
        char building[80];
        snprintf(building, sizeof building, "%s_b%ld", name, (long)getpid());
        pg_create(building, NULL);
        pg_dsn_with_db(dsn, sizeof dsn, pg_base(), building);
        if (app_open(dsn, &db, msg, sizeof msg) != 0) {
            fprintf(stderr, "testdb: template: %s\n", msg);
            exit(1);
        }
        db_close(db);
        admin = pg_admin();
        snprintf(sql, sizeof sql, "ALTER DATABASE %s RENAME TO %s", building,
                 name);
        if (db_exec_script(admin, sql) != DB_OK) {
            /* another test made it first: drop ours */
            snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)",
                     building);
            db_exec_script(admin, sql);
        }
        db_close(admin);
    }
}

struct db *testdb_open(void)
{
    char dsn[512], msg[512];
    struct db *db = NULL;

    if (is_pg()) {
        static int seq;
        char tpl[64], name[64];
        register_cleanup();
        template_name(tpl, sizeof tpl);
        pg_ensure_template(tpl);
        snprintf(name, sizeof name, "ansinh_c_%ld_%d", (long)getpid(), ++seq);
        pg_create(name, tpl);
        snprintf(created[ncreated++], sizeof created[0], "%s", name);
        pg_dsn_with_db(dsn, sizeof dsn, pg_base(), name);
        snprintf(last_dsn, sizeof last_dsn, "%s", dsn);
    } else {
        testdb_dsn_fresh(dsn, sizeof dsn);
    }
    if (app_open(dsn, &db, msg, sizeof msg) != 0) {
        fprintf(stderr, "testdb: open %s: %s\n", dsn, msg);
        exit(1);
    }
    return db;
}
