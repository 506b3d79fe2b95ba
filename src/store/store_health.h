/* store_health.h: the database liveness check behind GET /healthz. */
#ifndef ANSINH_STORE_STORE_HEALTH_H
#define ANSINH_STORE_STORE_HEALTH_H

struct db;

/* Run a trivial query on db (SELECT 1) to prove the connection works.
 * Returns DB_OK, or a negative db_rc with the message on the connection
 * (db_errmsg): DB_ERROR when the server is gone. */
int store_health_ping(struct db *db);

#endif
