/* server.h: the HTTP server (libmicrohttpd 0.9.75, ENGINEERING.md §2).
 *
 * Threading: a pool of cfg->threads threads (MHD_USE_AUTO_INTERNAL_THREAD
 * + MHD_OPTION_THREAD_POOL_SIZE), each with its own epoll set on the
 * shared listening socket. A request runs start to finish on one pool
 * thread, and each pool thread has its own database connection, opened on
 * first use from cfg->dsn and closed when the thread ends (http.h,
 * http_req_db). Handlers must stay short; argon2 is bounded by the
 * semaphore of app/auth.c.
 *
 * Caps: connection timeout, connections in total and per address, 64 KiB
 * of per-connection memory (which bounds the request line and headers),
 * the request target, and the body (cfg->body_cap: 413 beyond it).
 *
 * Typical use (cmd_serve):
 *   http_signals_block(&set);          before any thread starts
 *   http_server_start(&cfg, &srv, ...);
 *   print the address; http_signals_wait(&set);
 *   http_server_stop(srv);
 */
#ifndef ANSINH_HTTP_SERVER_H
#define ANSINH_HTTP_SERVER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "http/http.h"

struct http_server;

/* Fill cfg with the defaults: 127.0.0.1:8080, HTTP_THREADS_DEFAULT
 * threads, HTTP_BODY_CAP_DEFAULT, no web folder, no DSN, no Secure. */
void http_config_defaults(struct http_config *cfg);

/* Parse "ADDR:PORT" ("127.0.0.1:8080", "[::1]:0") into host (a numeric
 * address, capped at hostcap) and *port. Returns 0, or -1 when s is not of
 * that form (port 0..65535; the address must be numeric). */
int http_parse_listen(const char *s, char *host, size_t hostcap,
                      uint16_t *port);

/* Start serving cfg (borrowed: it and its strings must outlive the
 * server). Returns 0 and *out, or -1 with a Vietnamese message in msg
 * (capped at msglen) and *out NULL. */
int http_server_start(const struct http_config *cfg, struct http_server **out,
                      char *msg, size_t msglen);

/* The port actually bound (the ephemeral one when cfg->port was 0). */
uint16_t http_server_port(const struct http_server *srv);

/* Stop accepting, finish or close the connections, join the pool threads
 * (which closes their database connections) and free srv. NULL-safe. */
void http_server_stop(struct http_server *srv);

/* Block SIGINT and SIGTERM in the calling thread, so threads started
 * afterwards inherit the mask and only http_signals_wait sees them, and
 * ignore SIGPIPE. set receives the blocked set. Returns 0 or -1. */
int http_signals_block(sigset_t *set);

/* Wait for one of the signals of set; returns its number. */
int http_signals_wait(const sigset_t *set);

#endif
