/* app.h: opening a database ready for use, shared by the CLI and the server.
 *
 * The app layer holds the use cases that the CLI and the HTTP handlers share
 * (units, demo, stats, ...). It calls core and store functions, never SQL.
 */
#ifndef ANSINH_APP_APP_H
#define ANSINH_APP_APP_H

#include <stddef.h>

struct db;

/* Open dsn (NULL: db_default_dsn()), apply pending migrations and load the
 * reference data that is missing or out of date (administrative units).
 * Returns 0 and *out, or a negative db_rc with a Vietnamese explanation in
 * msg (capped at msglen) and *out NULL. */
int app_open(const char *dsn, struct db **out, char *msg, size_t msglen);

#endif
