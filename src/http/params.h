/* params.h: small request helpers shared by the handlers of the users and
 * audit APIs (and any list endpoint): the query string with its allowed
 * keys, page/per_page, numeric path ids, the database, storage errors.
 * Each helper that fails has already answered (the JSON error shape) and
 * returns -1; the handler then just returns 0.
 */
#ifndef ANSINH_HTTP_PARAMS_H
#define ANSINH_HTTP_PARAMS_H

#include <stdint.h>

#include "http/query.h"

struct db;
struct http_req;

/* Parse the query string of req into q, accepting only the keys of allowed
 * (NULL-terminated). Returns 0 (free q with query_free) or -1 after 400
 * "invalid_query" with the key. */
int hparam_query(struct http_req *req, struct query *q,
                 const char *const *allowed);

/* page (default 1) and per_page (default def, at most max) of q. Returns 0
 * or -1 after 400 "invalid_query" naming the key. */
int hparam_page(struct http_req *req, const struct query *q, int64_t def,
                int64_t max, int64_t *page, int64_t *per_page);

/* Route parameter name as a positive id (1..2^53). Returns 0 or -1 after
 * 404 "not_found" (an id that cannot exist names nothing). */
int hparam_id(struct http_req *req, const char *name, int64_t *out);

/* The thread's database, or NULL after 503. */
struct db *hparam_db(struct http_req *req);

/* Answer a storage failure rc (negative db_rc): 503 when busy, else 500;
 * logs it with what. */
void hparam_store_error(struct http_req *req, struct db *db, int rc,
                        const char *what);

/* 0 when req's body is sent as JSON (Content-Type application/json),
 * else -1 after 415 "unsupported_media_type". */
int hparam_need_json(struct http_req *req);

/* The version of If-Match ("\"3\"" or "3", W/ allowed): >= 1, -1 when
 * absent, -2 when malformed (nothing answered). */
int64_t hparam_if_match(struct http_req *req);

#endif
