/* migrate.h: versioned schema migrations, one SQL file set per engine.
 *
 * Migrations are the embedded files sql/sqlite/NNNN_name.sql and
 * sql/pg/NNNN_name.sql (NNNN = version, from 0001). Each is applied in its
 * own write transaction together with its row in schema_migrations, so a
 * crash leaves either the old or the new version, never half of one.
 * Applying twice is a no-op.
 */
#ifndef ANSINH_STORE_MIGRATE_H
#define ANSINH_STORE_MIGRATE_H

#include <stddef.h>

struct db;

/* Apply every migration newer than the database's version. *applied (if
 * not NULL) receives how many were applied. Fails with DB_EINVAL if the
 * database is newer than this program knows. Error text on the
 * connection (db_errmsg). */
int migrate_apply(struct db *db, int *applied);
/* The database's schema version (0 = empty) and the newest this program
 * knows. */
int migrate_status(struct db *db, int *current, int *latest);

#endif
