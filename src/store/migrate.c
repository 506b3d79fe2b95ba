/* migrate.c: versioned schema migrations (see migrate.h). */
#include "store/migrate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/embed.h"

/* Same text on both engines. */
static const char create_table[] =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL)";

static const char *engine_dir(struct db *db)
{
    return strcmp(db_engine(db), "sqlite") == 0 ? "sql/sqlite/" : "sql/pg/";
}

/* Version number of an embedded migration name under dir, or -1. */
static int version_of(const char *name, const char *dir)
{
    size_t n = strlen(dir);
    const char *p;
    int v = 0;
    int i;

    if (strncmp(name, dir, n) != 0)
        return -1;
    p = name + n;
    for (i = 0; i < 4; i++) {
        if (p[i] < '0' || p[i] > '9')
            return -1;
        v = v * 10 + (p[i] - '0');
    }
    if (p[4] != '_' || strlen(p) < 9 || strcmp(p + strlen(p) - 4, ".sql") != 0)
        return -1;
    return v;
}

static int latest_version(struct db *db)
{
    const char *dir = engine_dir(db);
    int latest = 0;
    size_t i;

    for (i = 0; i < embed_count(); i++) {
        int v = version_of(embed_get(i)->name, dir);
        if (v > latest)
            latest = v;
    }
    return latest;
}

static int current_version(struct db *db, int *out)
{
    int64_t v = 0;
    int rc = db_query_int64(
        db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &v);
    *out = (int)v;
    return rc;
}

int migrate_status(struct db *db, int *current, int *latest)
{
    int rc = db_exec_script(db, create_table);

    if (rc != 0)
        return rc;
    *latest = latest_version(db);
    return current_version(db, current);
}

static int record(struct db *db, int version, const char *name)
{
    static const char sql[] = "INSERT INTO schema_migrations"
                              " (version, name, applied_at)"
                              " VALUES ($1, $2, $3)";
    struct db_stmt *st;
    char now[21];
    int rc = db_prepare(db, sql, &st);

    if (rc != 0)
        return rc;
    clock_now_utc(now);
    if ((rc = db_bind_int64(st, 1, version)) == 0 &&
        (rc = db_bind_text(st, 2, name, (size_t)-1)) == 0 &&
        (rc = db_bind_text(st, 3, now, (size_t)-1)) == 0) {
        rc = db_step(st);
        if (rc == DB_DONE)
            rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

/* Apply one migration in its own transaction; re-check the version inside
 * it, so two processes migrating at once apply each file once. */
static int apply_one(struct db *db, const struct embed_file *f, int version,
                     int *applied)
{
    int current = 0;
    int rc = db_begin(db, 1);

    if (rc != 0)
        return rc;
    if (strcmp(db_engine(db), "postgresql") == 0)
        rc = db_exec_script(db, "SELECT pg_advisory_xact_lock(717171)");
    if (rc == 0)
        rc = current_version(db, &current);
    if (rc == 0 && current < version) {
        rc = db_exec_script(db, f->data);
        if (rc == 0)
            rc = record(db, version, f->name);
        if (rc == 0)
            (*applied)++;
    }
    if (rc == 0)
        rc = db_commit(db);
    if (rc != 0) {
        char msg[400];
        snprintf(msg, sizeof msg, "%s", db_errmsg(db));
        db_rollback(db);
        return db_set_error(db, rc, "migration %s: %s", f->name, msg);
    }
    return 0;
}

int migrate_apply(struct db *db, int *applied)
{
    const char *dir = engine_dir(db);
    int current = 0, latest = 0, count = 0;
    int v;
    int rc = migrate_status(db, &current, &latest);

    if (applied)
        *applied = 0;
    if (rc != 0)
        return rc;
    if (current > latest)
        return db_set_error(db, DB_EINVAL,
                            "database schema version %d is newer than this "
                            "program knows (%d): upgrade ansinh",
                            current, latest);
    for (v = current + 1; v <= latest; v++) {
        size_t i;
        const struct embed_file *f = NULL;
        for (i = 0; i < embed_count(); i++)
            if (version_of(embed_get(i)->name, dir) == v)
                f = embed_get(i);
        if (f == NULL)
            return db_set_error(db, DB_EINVAL, "migration %04d is missing", v);
        rc = apply_one(db, f, v, &count);
        if (rc != 0)
            return rc;
    }
    if (applied)
        *applied = count;
    return 0;
}
