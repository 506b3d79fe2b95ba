/* http.h: one HTTP request as the router and the handlers see it.
 *
 * server.c owns the request (struct http_req): it is allocated when the
 * request line arrives, filled while headers and body come in, passed to
 * router_dispatch once the body is complete, and freed in MHD's
 * completed callback. Handlers read it through the accessors below and
 * answer by calling http_reply (or one of the helpers of json.h) exactly
 * once; they choose the status code, nothing below them does
 * (ENGINEERING.md §11.3).
 *
 * Every response gets the security headers (X-Content-Type-Options,
 * Content-Security-Policy, Referrer-Policy) when it is queued.
 */
#ifndef ANSINH_HTTP_HTTP_H
#define ANSINH_HTTP_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "app/auth.h"
#include "http/router.h"
#include "util/buf.h"

struct db;
struct MHD_Connection;
struct MHD_Response;

#define HTTP_BODY_CAP_DEFAULT (1024u * 1024u) /* bytes */
#define HTTP_THREADS_DEFAULT  4u
#define HTTP_THREADS_MAX      64u
#define HTTP_TIMEOUT_DEFAULT  30u   /* seconds of inactivity */
#define HTTP_CONN_LIMIT       256u  /* concurrent connections */
#define HTTP_PER_IP_LIMIT     64u   /* concurrent connections per address */
#define HTTP_HEADER_MEM       65536 /* per-connection memory: caps headers */
#define HTTP_TARGET_MAX       8192  /* bytes of request target (path?query) */
#define HTTP_SESSION_COOKIE   "ansinh_session"

/* What the server is told to do. Strings are borrowed for the server's
 * lifetime. */
struct http_config {
    const char *dsn;     /* database; each pool thread opens its own */
    const char *host;    /* numeric IPv4 or IPv6 address to listen on */
    uint16_t port;       /* 0: an ephemeral port (http_server_port) */
    const char *web_dir; /* static files; NULL or missing: none served */
    unsigned threads;    /* pool threads, 1..HTTP_THREADS_MAX */
    size_t body_cap;     /* largest request body accepted */
    int secure_cookies;  /* add Secure to the session cookie */
    /* Header naming the client's address, set by a trusted reverse proxy
     * (nginx: proxy_set_header X-Real-IP $remote_addr). NULL: the peer
     * address of the connection (the default; a client could forge the
     * header otherwise). Used for the login limit per address. */
    const char *client_ip_header;
};

/* One request. Fields marked (server) are set by server.c before the
 * router runs, (router) by router_dispatch before the handler runs. */
struct http_req {
    unsigned long id;              /* (server) sequence number, for logs */
    const char *method;            /* (server) "GET", ...; borrowed from MHD */
    char *target;                  /* (server) raw target as received */
    char *raw_path;                /* (server) target up to '?', undecoded */
    const char *query;             /* (server) after '?', undecoded; "" */
    struct buf body;               /* (server) complete request body */
    struct MHD_Connection *conn;   /* (server) for headers and cookies */
    const struct http_config *cfg; /* (server) */
    const char *web_root;          /* (server) realpath of web_dir or NULL */
    struct router_path path;       /* (router) decoded path */
    struct router_match match;     /* (router) route and :params */
    int has_user;                  /* (router) 1 when a session was found */
    struct app_user user;          /* (router) the signed-in user */
    char token[APP_AUTH_TOKEN_LEN + 1]; /* (router) the session token */
    char client[64]; /* (server) the client's address as text ("" unknown):
                        the peer, or cfg->client_ip_header's value */

    /* Response: set through http_reply. */
    unsigned status;
    struct MHD_Response *resp;

    /* Bookkeeping of server.c. */
    struct timespec started;
    int phase;           /* 0 headers, 1 body, 2 answered */
    int target_too_long; /* over HTTP_TARGET_MAX: answer 414 */
    int body_too_big;    /* body exceeded cfg->body_cap: answer 413 */
    size_t discarded;    /* body bytes dropped after the cap */
};

/* The value of request header name (case-insensitive), or NULL. Borrowed
 * until the request completes. */
const char *http_req_header(const struct http_req *req, const char *name);

/* The value of cookie name, or NULL. Borrowed like http_req_header. */
const char *http_req_cookie(const struct http_req *req, const char *name);

/* The value of route parameter name (":code" in the pattern: "code"), or
 * NULL. Percent-decoded; borrowed from req. */
const char *http_req_param(const struct http_req *req, const char *name);

/* This pool thread's database connection, opened on first use from
 * cfg->dsn and closed when the thread ends. NULL when it cannot be opened
 * (logged); the handler then answers 503. */
struct db *http_req_db(struct http_req *req);

/* Close this thread's connection after a connection-level failure (the
 * next http_req_db opens a new one). */
void http_req_db_discard(struct http_req *req);

/* Answer with status and body (takes ownership of body, which must come
 * from xmalloc; NULL with len 0 for none). content_type may be NULL.
 * Replaces any earlier answer. */
void http_reply(struct http_req *req, unsigned status, const char *content_type,
                char *body, size_t len);

/* Answer with the whole of the open regular file fd (takes ownership of
 * fd) of size bytes, served with sendfile where possible. */
void http_reply_fd(struct http_req *req, unsigned status,
                   const char *content_type, int fd, uint64_t size);

/* Add a header to the answer given by the last http_reply*. Ignored if
 * there is none. name and value are copied. */
void http_reply_header(struct http_req *req, const char *name,
                       const char *value);

#endif
