/* http_client.h: a tiny blocking HTTP/1.1 client for the API tests, and a
 * helper that runs the real `ansinh serve` on an ephemeral loopback port.
 *
 * One request per connection (Connection: close); every wait is bounded
 * (30 s per request, 120 s for the server to start), so a hung server
 * fails the test instead of hanging ctest.
 */
#ifndef ANSINH_TESTS_HTTP_CLIENT_H
#define ANSINH_TESTS_HTTP_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define HTTP_CLIENT_MAX_RESPONSE (16u * 1024u * 1024u)

struct http_client_response {
    int status;    /* 0 when no status line was received */
    char *headers; /* the header block, "Name: value\r\n" lines */
    char *body;    /* NUL-terminated (the NUL is not in body_len) */
    size_t body_len;
};

/* Send one request to 127.0.0.1:port. headers is a NULL-terminated list
 * of "Name: value" lines (may be NULL); Host, Connection: close and, when
 * body is not NULL, Content-Length are added. If the server answers and
 * closes before the whole body was sent, the answer is still read.
 * Returns 0 with *out filled (free with http_client_response_free), or -1
 * on a connection error or timeout. */
int http_client_request(uint16_t port, const char *method, const char *path,
                        const char *const *headers, const char *body,
                        size_t body_len, struct http_client_response *out);

/* Send raw bytes (a whole request, as written) and read the answer. For
 * requests the normal client cannot express (chunked bodies, bad lines).
 * Same results as http_client_request. */
int http_client_raw(uint16_t port, const char *data, size_t len,
                    struct http_client_response *out);

/* The value of header name (case-insensitive; the first if repeated)
 * copied into out (capped at cap). Returns out, or NULL when absent. */
const char *http_client_header(const struct http_client_response *r,
                               const char *name, char *out, size_t cap);

/* Free what a response holds. NULL-safe. */
void http_client_response_free(struct http_client_response *r);

/* A running server. */
struct http_client_server {
    pid_t pid;
    uint16_t port;
};

/* Start `$ANSINH_BIN serve --listen 127.0.0.1:0 --db dsn --web
 * $ANSINH_WEB_DIR` (extra_args: a NULL-terminated list of more arguments,
 * may be NULL) and read the port from the line it prints. Returns 0, or -1
 * (message on stderr) if it failed to start within 120 s. */
int http_client_server_start(struct http_client_server *s, const char *dsn,
                             const char *const *extra_args);

/* Stop the server with SIGTERM and wait for it (30 s, then SIGKILL).
 * Returns its exit status (0 for a clean stop), or -1 if it had to be
 * killed or died from a signal. */
int http_client_server_stop(struct http_client_server *s);

#endif
