/* http_client.c: test HTTP client and server runner (see http_client.h). */
#include "http_client.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/buf.h"

#define REQUEST_TIMEOUT_MS 30000
#define START_TIMEOUT_MS   120000

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int connect_loopback(uint16_t port)
{
    struct sockaddr_in sin;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (fd < 0)
        return -1;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons(port);
    sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, (struct sockaddr *)&sin, sizeof sin) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Wait until fd is ready for events or the deadline passes. 1 ready, 0
 * timeout, -1 error. */
static int wait_fd(int fd, short events, long deadline)
{
    struct pollfd p = {.fd = fd, .events = events};
    long left = deadline - now_ms();
    int rc;

    if (left <= 0)
        return 0;
    do
        rc = poll(&p, 1, (int)left);
    while (rc < 0 && errno == EINTR);
    return rc;
}

/* Write all of (p, n); stops quietly when the peer has closed. */
static void send_all(int fd, const char *p, size_t n, long deadline)
{
    while (n > 0) {
        ssize_t w;

        if (wait_fd(fd, POLLOUT, deadline) <= 0)
            return;
        w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return; /* EPIPE/ECONNRESET: the server answered early */
        p += w;
        n -= (size_t)w;
    }
}

/* Decode a chunked body in place. Returns the new length, or -1. */
static long dechunk(char *b, size_t len)
{
    size_t i = 0, o = 0;

    for (;;) {
        char *end;
        unsigned long n;

        if (i >= len)
            return -1;
        n = strtoul(b + i, &end, 16);
        end = strstr(end, "\r\n");
        if (end == NULL)
            return -1;
        i = (size_t)(end - b) + 2;
        if (n == 0)
            return (long)o;
        if (n > len - i)
            return -1;
        memmove(b + o, b + i, n);
        o += n;
        i += n + 2;
    }
}

static int parse_response(struct buf *in, struct http_client_response *out)
{
    char *data = in->data, *hdr_end, *line_end;
    size_t hlen;
    char te[32];

    if (data == NULL)
        return -1;
    hdr_end = strstr(data, "\r\n\r\n");
    line_end = strstr(data, "\r\n");
    if (hdr_end == NULL || line_end == NULL ||
        sscanf(data, "HTTP/1.%*d %d", &out->status) != 1)
        return -1;
    hlen = (size_t)(hdr_end - line_end); /* keeps the last CRLF */
    out->headers = malloc(hlen + 1);
    if (out->headers == NULL)
        return -1;
    memcpy(out->headers, line_end + 2, hlen);
    out->headers[hlen] = '\0';
    out->body_len = in->len - (size_t)(hdr_end + 4 - data);
    out->body = malloc(out->body_len + 1);
    if (out->body == NULL)
        return -1;
    memcpy(out->body, hdr_end + 4, out->body_len);
    out->body[out->body_len] = '\0';
    if (http_client_header(out, "Transfer-Encoding", te, sizeof te) &&
        strcasecmp(te, "chunked") == 0) {
        long n = dechunk(out->body, out->body_len);

        if (n < 0)
            return -1;
        out->body_len = (size_t)n;
        out->body[n] = '\0';
    }
    return 0;
}

static int exchange(uint16_t port, const char *head, size_t head_len,
                    const char *body, size_t body_len,
                    struct http_client_response *out)
{
    long deadline = now_ms() + REQUEST_TIMEOUT_MS;
    struct buf in;
    char chunk[16384];
    int fd, rc = -1;

    memset(out, 0, sizeof *out);
    buf_init(&in, HTTP_CLIENT_MAX_RESPONSE);
    fd = connect_loopback(port);
    if (fd < 0)
        goto out;
    send_all(fd, head, head_len, deadline);
    if (body != NULL)
        send_all(fd, body, body_len, deadline);
    for (;;) {
        ssize_t r;

        if (wait_fd(fd, POLLIN, deadline) <= 0) {
            fprintf(stderr, "http_client: timeout reading the answer\n");
            goto out;
        }
        r = recv(fd, chunk, sizeof chunk, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && in.len > 0)
            break; /* reset after the answer arrived */
        if (r < 0)
            goto out;
        if (r == 0)
            break;
        if (buf_append(&in, chunk, (size_t)r) != BUF_OK)
            goto out;
    }
    rc = parse_response(&in, out);
out:
    if (fd >= 0)
        close(fd);
    buf_free(&in);
    if (rc != 0)
        http_client_response_free(out);
    return rc;
}

int http_client_request(uint16_t port, const char *method, const char *path,
                        const char *const *headers, const char *body,
                        size_t body_len, struct http_client_response *out)
{
    struct buf head;
    size_t i;
    int rc;

    buf_init(&head, 65536);
    buf_printf(&head, "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\n", method, path,
               (unsigned)port);
    buf_puts(&head, "Connection: close\r\n");
    for (i = 0; headers != NULL && headers[i] != NULL; i++)
        buf_printf(&head, "%s\r\n", headers[i]);
    if (body != NULL)
        buf_printf(&head, "Content-Length: %zu\r\n", body_len);
    rc = buf_puts(&head, "\r\n");
    if (rc == BUF_OK)
        rc = exchange(port, head.data, head.len, body, body_len, out);
    else
        memset(out, 0, sizeof *out);
    buf_free(&head);
    return rc == BUF_OK ? 0 : -1;
}

int http_client_raw(uint16_t port, const char *data, size_t len,
                    struct http_client_response *out)
{
    return exchange(port, data, len, NULL, 0, out);
}

const char *http_client_header(const struct http_client_response *r,
                               const char *name, char *out, size_t cap)
{
    size_t n = strlen(name);
    const char *p = r->headers;

    while (p != NULL && *p != '\0') {
        const char *eol = strstr(p, "\r\n");
        size_t llen = eol ? (size_t)(eol - p) : strlen(p);

        if (llen > n && p[n] == ':' && strncasecmp(p, name, n) == 0) {
            const char *v = p + n + 1;
            size_t vlen;

            while (*v == ' ' || *v == '\t')
                v++;
            vlen = llen - (size_t)(v - p);
            if (vlen >= cap)
                vlen = cap - 1;
            memcpy(out, v, vlen);
            out[vlen] = '\0';
            return out;
        }
        p = eol ? eol + 2 : NULL;
    }
    return NULL;
}

void http_client_response_free(struct http_client_response *r)
{
    if (r == NULL)
        return;
    free(r->headers);
    free(r->body);
    memset(r, 0, sizeof *r);
}

/* Read the child's first line of stdout ("... http://127.0.0.1:PORT/"). */
static int read_port(int fd, uint16_t *port)
{
    long deadline = now_ms() + START_TIMEOUT_MS;
    char line[512];
    size_t used = 0;
    const char *p;
    unsigned long v;

    while (used + 1 < sizeof line) {
        ssize_t r;

        if (wait_fd(fd, POLLIN, deadline) <= 0)
            return -1;
        r = read(fd, line + used, sizeof line - 1 - used);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        used += (size_t)r;
        line[used] = '\0';
        if (strchr(line, '\n') != NULL)
            break;
    }
    p = strstr(line, "http://127.0.0.1:");
    if (p == NULL)
        return -1;
    v = strtoul(p + strlen("http://127.0.0.1:"), NULL, 10);
    if (v == 0 || v > 65535)
        return -1;
    *port = (uint16_t)v;
    return 0;
}

int http_client_server_start(struct http_client_server *s, const char *dsn,
                             const char *const *extra_args)
{
    const char *bin = getenv("ANSINH_BIN");
    const char *web = getenv("ANSINH_WEB_DIR");
    const char *argv[32];
    size_t n = 0, i;
    int pipefd[2];
    pid_t pid;

    s->pid = -1;
    s->port = 0;
    if (bin == NULL || bin[0] == '\0') {
        fprintf(stderr, "http_client: ANSINH_BIN is not set\n");
        return -1;
    }
    argv[n++] = bin;
    argv[n++] = "serve";
    argv[n++] = "--listen";
    argv[n++] = "127.0.0.1:0";
    argv[n++] = "--db";
    argv[n++] = dsn;
    if (web != NULL && web[0] != '\0') {
        argv[n++] = "--web";
        argv[n++] = web;
    }
    for (i = 0; extra_args != NULL && extra_args[i] != NULL && n < 31; i++)
        argv[n++] = extra_args[i];
    argv[n] = NULL;
    if (pipe(pipefd) != 0)
        return -1;
    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
    pid = fork();
    if (pid < 0) {
        close(pipefd[0]);
        close(pipefd[1]);
        return -1;
    }
    if (pid == 0) {
        char *args[32];

        /* execv's prototype wants char *const[]; the strings are not
         * written to. */
        memcpy(args, argv, sizeof args);
        dup2(pipefd[1], STDOUT_FILENO);
        execv(bin, args);
        _exit(127);
    }
    close(pipefd[1]);
    s->pid = pid;
    if (read_port(pipefd[0], &s->port) != 0) {
        fprintf(stderr, "http_client: %s serve did not start\n", bin);
        close(pipefd[0]);
        http_client_server_stop(s);
        return -1;
    }
    close(pipefd[0]);
    return 0;
}

int http_client_server_stop(struct http_client_server *s)
{
    long deadline = now_ms() + REQUEST_TIMEOUT_MS;
    int status = 0;
    pid_t r;

    if (s->pid <= 0)
        return -1;
    kill(s->pid, SIGTERM);
    for (;;) {
        r = waitpid(s->pid, &status, WNOHANG);
        if (r == s->pid || (r < 0 && errno != EINTR))
            break;
        if (now_ms() > deadline) {
            kill(s->pid, SIGKILL);
            waitpid(s->pid, &status, 0);
            s->pid = -1;
            return -1;
        }
        usleep(20000);
    }
    s->pid = -1;
    if (r < 0 || !WIFEXITED(status))
        return -1;
    return WEXITSTATUS(status);
}
