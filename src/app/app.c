/* app.c: open a database ready for use (see app.h). */
#include "app/app.h"

#include <stdio.h>

#include "app/units.h"
#include "store/db.h"
#include "store/migrate.h"

int app_open(const char *dsn, struct db **out, char *msg, size_t msglen)
{
    struct db_err err;
    struct db *db = NULL;
    int rc;

    *out = NULL;
    if (dsn == NULL)
        dsn = db_default_dsn();
    rc = db_open(dsn, &db, &err);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không mở được cơ sở dữ liệu %s: %s", dsn,
                 err.msg);
        return rc;
    }
    rc = migrate_apply(db, NULL);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không cập nhật được lược đồ dữ liệu của %s: %s",
                 dsn, db_errmsg(db));
        goto fail;
    }
    rc = app_units_load(db, msg, msglen);
    if (rc != 0)
        goto fail;
    *out = db;
    return 0;

fail:
    db_close(db);
    return rc;
}
