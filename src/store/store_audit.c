/* store_audit.c: the audit trail (see store_audit.h). */
#include "store/store_audit.h"

#include "store/db.h"
#include "util/clock.h"

int store_audit_add(struct db *db, const char *actor, const char *action,
                    const char *entity, const char *entity_id,
                    const char *detail_json)
{
    static const char sql[] =
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, detail)"
        " VALUES ($1, $2, $3, $4, $5, $6)";
    struct db_stmt *st;
    char now[21];
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    clock_now_utc(now);
    if ((rc = db_bind_text(st, 1, now, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 2, actor, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, action, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, entity ? entity : "", (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, entity_id ? entity_id : "", (size_t)-1)) !=
            DB_OK ||
        (rc = db_bind_text(st, 6, detail_json ? detail_json : "{}",
                           (size_t)-1)) != DB_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_DONE)
        rc = DB_OK;
out:
    db_reset(st);
    return rc;
}
