/* server.c: libmicrohttpd glue, per-thread database connections, request
 * lifecycle and access log (see server.h and http.h).
 *
 * Lifecycle of one request (ENGINEERING.md §2.3):
 *   1. the URI log callback sees the raw request target first: the request
 *      context is allocated there (so the router parses the path itself,
 *      undecoded by MHD) and becomes *con_cls;
 *   2. first access-handler call (headers only): 414 for an overlong
 *      target, 413 at once when Content-Length is over the cap;
 *   3. body chunks are copied into the capped buffer; past the cap they
 *      are dropped (413 at the end), and a client that keeps sending after
 *      4 x the cap is disconnected;
 *   4. last call: router_dispatch, then the response is queued here, with
 *      the security headers, in one place;
 *   5. the completed callback writes the access log line and frees the
 *      context.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <microhttpd.h>

#include "http/json.h"
#include "http/router.h"
#include "store/db.h"
#include "util/log.h"
#include "util/xalloc.h"

struct http_server {
    struct MHD_Daemon *daemon;
    struct http_config cfg;
    char *web_root; /* realpath of cfg.web_dir, or NULL */
    uint16_t port;
};

static atomic_ulong request_seq;

/* --- Per-thread database connection ------------------------------------
 */

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void db_key_destroy(void *p)
{
    db_close(p);
}

static void db_key_create(void)
{
    if (pthread_key_create(&db_key, db_key_destroy) != 0)
        abort(); /* only when the process is out of keys: a bug */
}

struct db *http_req_db(struct http_req *req)
{
    struct db *db;
    struct db_err err;
    int rc;

    pthread_once(&db_key_once, db_key_create);
    db = pthread_getspecific(db_key);
    if (db != NULL)
        return db;
    rc = db_open(req->cfg->dsn, &db, &err);
    if (rc != DB_OK) {
        log_error("database open failed", "req=%lu rc=%d err=\"%s\"", req->id,
                  rc, err.msg);
        return NULL;
    }
    pthread_setspecific(db_key, db);
    return db;
}

void http_req_db_discard(struct http_req *req)
{
    struct db *db;

    (void)req;
    pthread_once(&db_key_once, db_key_create);
    db = pthread_getspecific(db_key);
    if (db == NULL)
        return;
    pthread_setspecific(db_key, NULL);
    db_close(db);
}

/* --- Request accessors and replies --------------------------------------
 */

const char *http_req_header(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_req_cookie(const struct http_req *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

const char *http_req_param(const struct http_req *req, const char *name)
{
    size_t i, n = strlen(name);

    for (i = 0; i < req->match.nparams; i++) {
        if (req->match.param_name_len[i] == n &&
            memcmp(req->match.param_name[i], name, n) == 0)
            return req->match.param[i];
    }
    return NULL;
}

static void set_response(struct http_req *req, unsigned status,
                         struct MHD_Response *resp, const char *content_type)
{
    if (req->resp != NULL)
        MHD_destroy_response(req->resp);
    req->resp = resp;
    req->status = status;
    if (resp != NULL && content_type != NULL)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
                                content_type);
}

void http_reply(struct http_req *req, unsigned status, const char *content_type,
                char *body, size_t len)
{
    struct MHD_Response *resp;

    if (body == NULL || len == 0) {
        free(body);
        resp = MHD_create_response_from_buffer(0, (void *)"",
                                               MHD_RESPMEM_PERSISTENT);
    } else {
        resp =
            MHD_create_response_from_buffer_with_free_callback(len, body, free);
        if (resp == NULL)
            free(body);
    }
    set_response(req, status, resp, content_type);
}

void http_reply_fd(struct http_req *req, unsigned status,
                   const char *content_type, int fd, uint64_t size)
{
    struct MHD_Response *resp = MHD_create_response_from_fd64(size, fd);

    if (resp == NULL)
        close(fd);
    set_response(req, status, resp, content_type);
}

void http_reply_header(struct http_req *req, const char *name,
                       const char *value)
{
    if (req->resp != NULL)
        MHD_add_response_header(req->resp, name, value);
}

/* Queue the answer of req with the headers every response carries. */
static enum MHD_Result queue_answer(struct http_req *req)
{
    enum MHD_Result ret;

    if (req->resp == NULL) /* a handler bug, or MHD out of memory */
        hjson_reply_error(req, 500, "internal",
                          "Lỗi máy chủ nội bộ. Vui lòng thử lại sau.", NULL);
    if (req->resp == NULL)
        return MHD_NO;
    MHD_add_response_header(req->resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(req->resp, "Content-Security-Policy",
                            "default-src 'self'");
    MHD_add_response_header(req->resp, "Referrer-Policy", "same-origin");
    MHD_add_response_header(req->resp, "X-Frame-Options", "DENY");
    ret = MHD_queue_response(req->conn, req->status, req->resp);
    MHD_destroy_response(req->resp);
    req->resp = NULL;
    req->phase = 2;
    return ret;
}

/* --- MHD callbacks ------------------------------------------------------
 */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
    struct http_server *srv = cls;
    struct http_req *req = xcalloc(1, sizeof *req);
    size_t n = strnlen(uri, HTTP_TARGET_MAX + 1);
    char *q;

    (void)conn;
    req->id = atomic_fetch_add(&request_seq, 1) + 1;
    clock_gettime(CLOCK_MONOTONIC, &req->started);
    req->cfg = &srv->cfg;
    req->web_root = srv->web_root;
    req->target = xstrndup(uri, n);
    req->target_too_long = n > HTTP_TARGET_MAX;
    q = strchr(req->target, '?');
    req->raw_path = xstrndup(req->target, q ? (size_t)(q - req->target) : n);
    req->query = q ? q + 1 : "";
    buf_init(&req->body, srv->cfg.body_cap);
    return req;
}

/* 1 if the declared Content-Length is over the cap. */
static int declared_too_big(const struct http_req *req)
{
    const char *cl = http_req_header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
    unsigned long long v;
    char *end;

    if (cl == NULL)
        return 0;
    errno = 0;
    v = strtoull(cl, &end, 10);
    if (errno != 0 || end == cl)
        return 0; /* MHD itself refuses a malformed Content-Length */
    return v > req->body.cap;
}

static void reply_too_big(struct http_req *req)
{
    char msg[160];

    snprintf(msg, sizeof msg, "Dữ liệu gửi lên quá lớn (tối đa %zu KiB).",
             req->body.cap / 1024);
    hjson_reply_error(req, 413, "too_large", msg, NULL);
}

/* The client's address into req->client: the trusted header's value when
 * configured and present as a valid address, else the connection's peer.
 */
static void set_client(struct http_req *req)
{
    const union MHD_ConnectionInfo *ci;
    const struct sockaddr *sa;
    const char *h;
    unsigned char bin[sizeof(struct in6_addr)];

    req->client[0] = '\0';
    if (req->cfg->client_ip_header != NULL) {
        h = http_req_header(req, req->cfg->client_ip_header);
        if (h != NULL && strlen(h) < sizeof req->client &&
            (inet_pton(AF_INET, h, bin) == 1 ||
             inet_pton(AF_INET6, h, bin) == 1)) {
            memcpy(req->client, h, strlen(h) + 1);
            return;
        }
    }
    ci = MHD_get_connection_info(req->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (ci == NULL || ci->client_addr == NULL)
        return;
    sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET,
                  &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
                  req->client, sizeof req->client);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6,
                  &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
                  req->client, sizeof req->client);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct http_req *req = *con_cls;
    size_t n = *upload_data_size;

    (void)cls;
    (void)url;
    (void)version;
    if (req == NULL)
        return MHD_NO;
    if (req->phase == 2) { /* answered early: drop whatever still comes */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->phase == 0) {
        req->phase = 1;
        req->method = method;
        req->conn = conn;
        set_client(req);
        /* An upload route may take more than the server's body cap. */
        if (router_body_cap(method, req->raw_path) > req->body.cap)
            buf_init(&req->body, router_body_cap(method, req->raw_path));
        if (req->target_too_long) {
            hjson_reply_error(req, 414, "path_too_long",
                              "Địa chỉ yêu cầu quá dài.", NULL);
            return queue_answer(req);
        }
        if (declared_too_big(req)) {
            reply_too_big(req);
            return queue_answer(req);
        }
        return MHD_YES;
    }
    if (n > 0) {
        if (!req->body_too_big &&
            buf_append(&req->body, upload_data, n) != BUF_OK) {
            req->body_too_big = 1;
            buf_free(&req->body);
        }
        if (req->body_too_big) {
            req->discarded += n;
            if (req->discarded / 4 > req->body.cap)
                return MHD_NO; /* still sending: hang up */
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (req->body_too_big)
        reply_too_big(req);
    else
        router_dispatch(req);
    return queue_answer(req);
}

/* Copy s into out for a logfmt quoted value: quotes, backslashes and
 * non-printable bytes become '?'. */
static void log_safe(const char *s, char *out, size_t cap)
{
    size_t i;

    for (i = 0; s[i] != '\0' && i + 1 < cap; i++) {
        unsigned char c = (unsigned char)s[i];

        out[i] =
            (c < 0x20 || c == 0x7f || c == '"' || c == '\\') ? '?' : (char)c;
    }
    out[i] = '\0';
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct http_req *req = *con_cls;
    struct timespec now;
    double ms;
    char path[256];

    (void)cls;
    (void)conn;
    if (req == NULL)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    ms = (double)(now.tv_sec - req->started.tv_sec) * 1000.0 +
         (double)(now.tv_nsec - req->started.tv_nsec) / 1e6;
    log_safe(req->raw_path, path, sizeof path);
    log_info("request", "req=%lu method=%s path=\"%s\" status=%u ms=%.1f%s",
             req->id, req->method ? req->method : "-", path, req->status, ms,
             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted=1");
    if (req->resp != NULL)
        MHD_destroy_response(req->resp);
    buf_free(&req->body);
    free(req->raw_path);
    free(req->target);
    free(req);
    *con_cls = NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char text[512], safe[512];
    size_t n;

    (void)cls;
    vsnprintf(text, sizeof text, fmt, ap);
    n = strlen(text);
    while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == '\r'))
        text[--n] = '\0';
    /* MHD 0.9.75 says this even when the logger is the first option (it
     * counts options across its own passes): noise, not news. */
    if (strstr(text, "EXTERNAL_LOGGER is not the first option") != NULL)
        return;
    log_safe(text, safe, sizeof safe);
    log_warn("libmicrohttpd", "detail=\"%s\"", safe);
}

/* --- Start and stop -----------------------------------------------------
 */

void http_config_defaults(struct http_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->host = "127.0.0.1";
    cfg->port = 8080;
    cfg->threads = HTTP_THREADS_DEFAULT;
    cfg->body_cap = HTTP_BODY_CAP_DEFAULT;
}

int http_parse_listen(const char *s, char *host, size_t hostcap, uint16_t *port)
{
    const char *colon, *h = s, *hend;
    char tmp[INET6_ADDRSTRLEN];
    unsigned char addr[sizeof(struct in6_addr)];
    unsigned long v;
    char *end;
    size_t hl;

    if (s[0] == '[') {
        h = s + 1;
        hend = strchr(h, ']');
        if (hend == NULL || hend[1] != ':')
            return -1;
        colon = hend + 1;
    } else {
        colon = strrchr(s, ':');
        if (colon == NULL)
            return -1;
        hend = colon;
    }
    hl = (size_t)(hend - h);
    if (hl == 0 || hl >= sizeof tmp || hl >= hostcap)
        return -1;
    memcpy(tmp, h, hl);
    tmp[hl] = '\0';
    if (inet_pton(s[0] == '[' ? AF_INET6 : AF_INET, tmp, addr) != 1)
        return -1;
    if (colon[1] < '0' || colon[1] > '9')
        return -1;
    errno = 0;
    v = strtoul(colon + 1, &end, 10);
    if (errno != 0 || *end != '\0' || v > 65535)
        return -1;
    memcpy(host, tmp, hl + 1);
    *port = (uint16_t)v;
    return 0;
}

int http_server_start(const struct http_config *cfg, struct http_server **out,
                      char *msg, size_t msglen)
{
    struct http_server *srv = xcalloc(1, sizeof *srv);
    struct sockaddr_in sin;
    struct sockaddr_in6 sin6;
    struct sockaddr *sa;
    unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG;
    const union MHD_DaemonInfo *info;

    *out = NULL;
    srv->cfg = *cfg;
    if (srv->cfg.threads == 0 || srv->cfg.threads > HTTP_THREADS_MAX) {
        snprintf(msg, msglen, "số luồng phải từ 1 đến %u", HTTP_THREADS_MAX);
        goto fail;
    }
    if (srv->cfg.body_cap == 0)
        srv->cfg.body_cap = HTTP_BODY_CAP_DEFAULT;
    memset(&sin, 0, sizeof sin);
    memset(&sin6, 0, sizeof sin6);
    if (inet_pton(AF_INET, cfg->host, &sin.sin_addr) == 1) {
        sin.sin_family = AF_INET;
        sin.sin_port = htons(cfg->port);
        sa = (struct sockaddr *)&sin;
    } else if (inet_pton(AF_INET6, cfg->host, &sin6.sin6_addr) == 1) {
        sin6.sin6_family = AF_INET6;
        sin6.sin6_port = htons(cfg->port);
        sa = (struct sockaddr *)&sin6;
        flags |= MHD_USE_IPv6;
    } else {
        snprintf(msg, msglen, "địa chỉ lắng nghe không hợp lệ: %s", cfg->host);
        goto fail;
    }
    if (cfg->web_dir != NULL) {
        srv->web_root = realpath(cfg->web_dir, NULL);
        if (srv->web_root == NULL)
            log_warn("web folder not found, no static files",
                     "web_dir=\"%s\" errno=%d", cfg->web_dir, errno);
    }
    srv->daemon = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv,
        /* first, so MHD's own messages go through log.h too */
        MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv, MHD_OPTION_SOCK_ADDR, sa,
        MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)srv->cfg.threads,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HTTP_TIMEOUT_DEFAULT,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned int)HTTP_CONN_LIMIT,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned int)HTTP_PER_IP_LIMIT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_HEADER_MEM,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv, MHD_OPTION_NOTIFY_COMPLETED,
        on_completed, srv, MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, srv,
        MHD_OPTION_SIGPIPE_HANDLED_BY_APP, 1, MHD_OPTION_END);
    if (srv->daemon == NULL) {
        snprintf(msg, msglen, "không mở được cổng %s:%u (%s)", cfg->host,
                 (unsigned)cfg->port, strerror(errno));
        goto fail;
    }
    info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
    srv->port = info != NULL ? info->port : cfg->port;
    log_info("server started",
             "host=%s port=%u threads=%u body_cap=%zu web=\"%s\"", cfg->host,
             (unsigned)srv->port, srv->cfg.threads, srv->cfg.body_cap,
             srv->web_root ? srv->web_root : "");
    *out = srv;
    return 0;

fail:
    free(srv->web_root);
    free(srv);
    return -1;
}

uint16_t http_server_port(const struct http_server *srv)
{
    return srv->port;
}

void http_server_stop(struct http_server *srv)
{
    if (srv == NULL)
        return;
    MHD_stop_daemon(srv->daemon);
    log_info("server stopped", "port=%u", (unsigned)srv->port);
    free(srv->web_root);
    free(srv);
}

int http_signals_block(sigset_t *set)
{
    struct sigaction sa;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    if (sigaction(SIGPIPE, &sa, NULL) != 0)
        return -1;
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    return pthread_sigmask(SIG_BLOCK, set, NULL) == 0 ? 0 : -1;
}

int http_signals_wait(const sigset_t *set)
{
    int sig = 0;

    while (sigwait(set, &sig) != 0)
        ;
    return sig;
}
