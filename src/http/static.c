/* static.c: files of the web folder (GET and HEAD of any path that is not
 * an API route).
 *
 * Containment, in layers: the router already refused '.', '..', encoded
 * slashes, NUL and backslashes (raw or %-encoded); here dot-files are
 * refused too, and the realpath of the file must lie under the realpath of
 * the web folder (so a symlink cannot lead out). The final open uses
 * O_NOFOLLOW and only regular files are served: no directory listings.
 * "/" and "dir/" serve index.html.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "util/buf.h"

static const struct {
    const char *ext;
    const char *type;
} mime_types[] = {
    {"html", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"mjs", "text/javascript; charset=utf-8"},
    {"json", "application/json; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
};

static const char *mime_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    size_t i;

    if (dot == NULL || (slash != NULL && dot < slash))
        return "application/octet-stream";
    for (i = 0; i < sizeof mime_types / sizeof mime_types[0]; i++) {
        if (strcmp(dot + 1, mime_types[i].ext) == 0)
            return mime_types[i].type;
    }
    return "application/octet-stream";
}

static void reply_not_found(struct http_req *req)
{
    hjson_reply_error(req, 404, "not_found", "Không tìm thấy địa chỉ yêu cầu.",
                      NULL);
}

/* Build root + "/" + the path segments from first (+ "index.html" for a
 * folder) into b. Returns 0, or -1 for a dot-file or a path over the cap.
 */
static int build_path(const struct http_req *req, size_t first, struct buf *b)
{
    const struct router_path *p = &req->path;
    size_t i;
    int rc = buf_puts(b, req->web_root);

    for (i = first; i < p->count && rc == BUF_OK; i++) {
        if (p->seg[i][0] == '.')
            return -1;
        rc = buf_putc(b, '/');
        if (rc == BUF_OK)
            rc = buf_append(b, p->seg[i], p->seg_len[i]);
    }
    if (rc == BUF_OK && (p->dir || p->count == first))
        rc = buf_puts(b, "/index.html");
    return rc == BUF_OK ? 0 : -1;
}

int http_handle_static(struct http_req *req)
{
    const struct router_path *p = &req->path;
    size_t first = req->match.rest_index, rootlen;
    struct buf path;
    struct stat st;
    char *real = NULL, etag[64], modified[64];
    const char *inm;
    struct tm tm;
    int fd = -1;

    buf_init(&path, PATH_MAX);
    if (req->web_root == NULL)
        goto not_found;
    /* Unknown API routes are not files. */
    if (p->count > first && strcmp(p->seg[first], "api") == 0)
        goto not_found;
    if (build_path(req, first, &path) != 0)
        goto not_found;
    real = realpath(buf_str(&path), NULL);
    if (real == NULL)
        goto not_found;
    rootlen = strlen(req->web_root);
    if (strncmp(real, req->web_root, rootlen) != 0 || real[rootlen] != '/') {
        hjson_reply_error(req, 403, "forbidden_path",
                          "Đường dẫn không được phép.", NULL);
        goto out;
    }
    fd = open(real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        goto not_found;
    snprintf(etag, sizeof etag, "\"%llx-%llx-%lx\"",
             (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec,
             (unsigned long)st.st_mtim.tv_nsec);
    gmtime_r(&st.st_mtim.tv_sec, &tm);
    strftime(modified, sizeof modified, "%a, %d %b %Y %H:%M:%S GMT", &tm);
    inm = http_req_header(req, "If-None-Match");
    if (inm != NULL && strcmp(inm, etag) == 0) {
        http_reply(req, 304, NULL, NULL, 0);
    } else {
        http_reply_fd(req, 200, mime_type(real), fd, (uint64_t)st.st_size);
        fd = -1; /* the response owns it now */
    }
    http_reply_header(req, "ETag", etag);
    http_reply_header(req, "Last-Modified", modified);
    http_reply_header(req, "Cache-Control", "no-cache");
    goto out;

not_found:
    reply_not_found(req);
out:
    if (fd >= 0)
        close(fd);
    free(real);
    buf_free(&path);
    return 0;
}
