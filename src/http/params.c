/* params.c: request helpers for list and item endpoints (see params.h). */
#include "http/params.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/http.h"
#include "http/json.h"
#include "store/db.h"
#include "util/log.h"

int hparam_query(struct http_req *req, struct query *q,
                 const char *const *allowed)
{
    int rc = query_parse(req->query, strlen(req->query), q);

    if (rc == QUERY_OK)
        rc = query_only(q, allowed);
    if (rc == QUERY_OK)
        return 0;
    hjson_reply_error(req, 400, "invalid_query", query_strerror(rc),
                      q->bad_key);
    query_free(q);
    return -1;
}

/* s as an integer in 1..max. Returns 0 or -1. */
static int positive(const char *s, int64_t max, int64_t *out)
{
    long long v;
    char *end;

    if (s[0] < '0' || s[0] > '9' || strlen(s) > 18)
        return -1;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || *end != '\0' || v < 1 || v > max)
        return -1;
    *out = (int64_t)v;
    return 0;
}

int hparam_page(struct http_req *req, const struct query *q, int64_t def,
                int64_t max, int64_t *page, int64_t *per_page)
{
    const char *p = query_get(q, "page"), *pp = query_get(q, "per_page");
    char msg[128];

    *page = 1;
    *per_page = def;
    if (p != NULL && positive(p, 1000000, page) != 0) {
        hjson_reply_error(req, 400, "invalid_query",
                          "Trang (page) phải là số nguyên từ 1.", "page");
        return -1;
    }
    if (pp != NULL && positive(pp, max, per_page) != 0) {
        snprintf(msg, sizeof msg,
                 "Số dòng mỗi trang (per_page) phải từ 1 đến %lld.",
                 (long long)max);
        hjson_reply_error(req, 400, "invalid_query", msg, "per_page");
        return -1;
    }
    return 0;
}

int hparam_id(struct http_req *req, const char *name, int64_t *out)
{
    const char *s = http_req_param(req, name);

    if (s != NULL && positive(s, (int64_t)1 << 53, out) == 0)
        return 0;
    hjson_reply_error(req, 404, "not_found", "Không tìm thấy.", NULL);
    return -1;
}

struct db *hparam_db(struct http_req *req)
{
    struct db *db = http_req_db(req);

    if (db == NULL)
        hjson_reply_error(req, 503, "database_unavailable",
                          "Không kết nối được cơ sở dữ liệu.", NULL);
    return db;
}

void hparam_store_error(struct http_req *req, struct db *db, int rc,
                        const char *what)
{
    log_error("storage failed", "req=%lu what=%s rc=%d err=\"%s\"", req->id,
              what, rc, db ? db_errmsg(db) : "");
    if (rc == DB_EBUSY) {
        hjson_reply_error(req, 503, "busy",
                          "Cơ sở dữ liệu đang bận, vui lòng thử lại.", NULL);
        return;
    }
    if (rc == DB_ERROR)
        http_req_db_discard(req); /* perhaps the connection is gone */
    hjson_reply_error(req, 500, "internal",
                      "Lỗi máy chủ nội bộ. Vui lòng thử lại sau.", NULL);
}

int hparam_need_json(struct http_req *req)
{
    if (hjson_is_json_request(req))
        return 0;
    hjson_reply_error(req, 415, "unsupported_media_type",
                      "Dữ liệu phải gửi dạng application/json.", NULL);
    return -1;
}

int64_t hparam_if_match(struct http_req *req)
{
    const char *h = http_req_header(req, "If-Match");
    int64_t v = 0;
    size_t n, i;

    if (h == NULL)
        return -1;
    if (strncmp(h, "W/", 2) == 0)
        h += 2;
    n = strlen(h);
    if (n >= 2 && h[0] == '"' && h[n - 1] == '"') {
        h++;
        n -= 2;
    }
    if (n == 0 || n > 15)
        return -2;
    for (i = 0; i < n; i++) {
        if (h[i] < '0' || h[i] > '9')
            return -2;
        v = v * 10 + (h[i] - '0');
    }
    return v >= 1 ? v : -2;
}
