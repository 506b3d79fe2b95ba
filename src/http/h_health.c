/* h_health.c: GET /healthz, for load balancers, monitoring and the web
 * page's status line. */
#include <jansson.h>

#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "store/db.h"
#include "store/store_health.h"
#include "util/log.h"

int http_handle_healthz(struct http_req *req)
{
    struct db *db = http_req_db(req);
    int rc;

    if (db == NULL) {
        hjson_reply_error(req, 503, "database_unavailable",
                          "Không kết nối được cơ sở dữ liệu.", NULL);
        return 0;
    }
    rc = store_health_ping(db);
    if (rc != DB_OK) {
        log_error("health check failed", "req=%lu rc=%d err=\"%s\"", req->id,
                  rc, db_errmsg(db));
        /* The connection may be dead (PostgreSQL restarted): open a new
         * one on the next request. */
        http_req_db_discard(req);
        hjson_reply_error(req, 503, "database_unavailable",
                          "Cơ sở dữ liệu không phản hồi.", NULL);
        return 0;
    }
    hjson_reply(req, 200,
                json_pack("{s:s, s:s, s:s, s:s}", "status", "ok", "version",
                          ANSINH_VERSION, "engine", db_engine(db), "database",
                          "ok"));
    return 0;
}
