/* store_health.c: the liveness query (see store_health.h). */
#include "store/store_health.h"

#include "store/db.h"

int store_health_ping(struct db *db)
{
    int64_t one = 0;
    int rc = db_query_int64(db, "SELECT 1", &one);

    if (rc != DB_OK)
        return rc;
    if (one != 1)
        return db_set_error(db, DB_ERROR, "SELECT 1 returned %lld",
                            (long long)one);
    return DB_OK;
}
