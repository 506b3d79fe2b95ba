/* h_units.c: the administrative units API (public reference data).
 *
 *   GET /api/v1/units?date=YYYY-MM-DD&parent=CODE   children on a date
 *   GET /api/v1/units/:code?date=YYYY-MM-DD         one unit + ancestors
 *   GET /api/v1/units/:code/history                 every version
 *   GET /api/v1/units/:code/successors              where it went (reform)
 *   GET /api/v1/units/:code/predecessors            what it was formed from
 *
 * date defaults to today in Vietnam (util/clock.h). A date before the
 * earliest list is answered from that list, with a "note" saying so.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/date.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/query.h"
#include "store/db.h"
#include "store/store_units.h"
#include "util/clock.h"
#include "util/log.h"

static const char *level_name(int level)
{
    switch (level) {
    case UNITS_PROVINCE:
        return "province";
    case UNITS_DISTRICT:
        return "district";
    default:
        return "commune";
    }
}

static json_t *str_or_null(const char *s)
{
    return s[0] != '\0' ? json_string(s) : json_null();
}

static json_t *unit_json(const struct units_version *u)
{
    return json_pack("{s:s, s:s, s:s, s:i, s:s, s:o, s:s, s:o}", "code",
                     u->code, "name", u->name, "type", u->type, "level",
                     u->level, "level_name", level_name(u->level),
                     "parent_code", str_or_null(u->parent_code), "valid_from",
                     u->valid_from, "valid_to", str_or_null(u->valid_to));
}

static json_t *list_json(const struct store_units_list *l)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < l->count; i++)
        json_array_append_new(a, unit_json(&l->items[i]));
    return a;
}

static json_t *links_json(const struct store_units_links *l)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; i < l->count; i++) {
        const struct store_units_link *k = &l->items[i];

        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "effective",
                         k->effective, "new_code", k->new_code, "new_name",
                         k->new_name, "old_code", k->old_code, "old_name",
                         k->old_name, "kind", k->partial ? "partial" : "full"));
    }
    return a;
}

/* Answer a storage failure: busy 503, anything else 500. */
static void reply_store_error(struct http_req *req, struct db *db, int rc)
{
    log_error("units query failed", "req=%lu rc=%d err=\"%s\"", req->id, rc,
              db_errmsg(db));
    if (rc == DB_EBUSY) {
        hjson_reply_error(req, 503, "busy",
                          "Cơ sở dữ liệu đang bận, vui lòng thử lại.", NULL);
        return;
    }
    if (rc == DB_ERROR)
        http_req_db_discard(req); /* perhaps the connection is gone */
    hjson_reply_error(req, 500, "internal",
                      "Lỗi khi đọc danh mục đơn vị hành chính.", NULL);
}

/* Parse the query string, accepting only the keys of allowed. Returns 0,
 * or -1 after answering 400. */
static int parse_query(struct http_req *req, struct query *q,
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

/* The date parameter (default: today in Vietnam) as 'YYYY-MM-DD' in out.
 * Returns 0, or -1 after answering 400 with field "date". */
static int date_param(struct http_req *req, const struct query *q,
                      char out[UNITS_DATE_SIZE])
{
    const char *s = query_get(q, "date");
    struct date d;
    int rc;

    if (s == NULL) {
        date_format_iso(clock_today_vn(), out);
        return 0;
    }
    rc = query_parse_date(s, &d);
    if (rc != QUERY_OK) {
        char msg[200];
        /* Echo the value only when short: cutting it could split a
         * UTF-8 sequence. */
        const char *shown = strlen(s) <= 20 ? s : "…";

        if (rc == QUERY_ERANGE)
            snprintf(msg, sizeof msg,
                     "Ngày %s không tồn tại (năm phải từ 1800 đến 2200).",
                     shown);
        else
            snprintf(msg, sizeof msg,
                     "Ngày phải có dạng YYYY-MM-DD, ví dụ 2024-12-01 (nhận "
                     "được \"%s\").",
                     shown);
        hjson_reply_error(req, 400, "invalid_date", msg, "date");
        return -1;
    }
    date_format_iso(d, out);
    return 0;
}

/* "dd/mm/yyyy" of an ISO date (the input itself if unparsable). */
static void vn_date(const char *iso, char out[11])
{
    struct date d;

    if (date_parse_iso(iso, strlen(iso), &d) == DATE_OK)
        date_format_vn(d, out);
    else
        snprintf(out, 11, "%s", iso);
}

/* Add "note" and "data_date" when the answer comes from the earliest
 * list rather than the date asked for. */
static void add_note(json_t *o, const char *asked, const char *answered)
{
    char a[11], b[11], note[256];

    vn_date(asked, a);
    vn_date(answered, b);
    snprintf(note, sizeof note,
             "Ngày %s trước danh sách đơn vị hành chính sớm nhất; kết quả "
             "lấy theo danh sách ngày %s.",
             a, b);
    json_object_set_new(o, "note", json_string(note));
    json_object_set_new(o, "data_date", json_string(answered));
}

/* The :code parameter, checked. Returns it, or NULL after answering 400.
 */
static const char *code_param(struct http_req *req)
{
    const char *code = http_req_param(req, "code");

    if (code == NULL || !query_is_unit_code(code)) {
        hjson_reply_error(req, 400, "invalid_code",
                          "Mã đơn vị hành chính gồm 2 (tỉnh), 3 (huyện) "
                          "hoặc 5 (xã) chữ số.",
                          "code");
        return NULL;
    }
    return code;
}

static struct db *need_db(struct http_req *req)
{
    struct db *db = http_req_db(req);

    if (db == NULL)
        hjson_reply_error(req, 503, "database_unavailable",
                          "Không kết nối được cơ sở dữ liệu.", NULL);
    return db;
}

static void reply_unknown(struct http_req *req, const char *code,
                          const char *date, const char *field)
{
    char msg[200], d[11];

    if (date != NULL) {
        vn_date(date, d);
        snprintf(msg, sizeof msg,
                 "Không có đơn vị hành chính mã %s vào ngày %s.", code, d);
    } else {
        snprintf(msg, sizeof msg, "Không có đơn vị hành chính mã %s.", code);
    }
    hjson_reply_error(req, 404, "not_found", msg, field);
}

int http_handle_units_list(struct http_req *req)
{
    static const char *const allowed[] = {"date", "parent", NULL};
    struct store_units_list list = {0};
    struct units_version parent;
    struct query q;
    struct db *db;
    const char *parent_code;
    char date[UNITS_DATE_SIZE];
    json_t *o;
    int rc, before = 0;

    if (parse_query(req, &q, allowed) != 0)
        return 0;
    if (date_param(req, &q, date) != 0)
        goto out;
    parent_code = query_get(&q, "parent");
    if (parent_code != NULL && parent_code[0] != '\0' &&
        !query_is_unit_code(parent_code)) {
        hjson_reply_error(req, 400, "invalid_code",
                          "Mã đơn vị cấp trên gồm 2, 3 hoặc 5 chữ số.",
                          "parent");
        goto out;
    }
    db = need_db(req);
    if (db == NULL)
        goto out;
    if (parent_code != NULL && parent_code[0] != '\0') {
        rc = store_units_get(db, parent_code, date, &parent, &before);
        if (rc == DB_ENOTFOUND) {
            reply_unknown(req, parent_code, date, "parent");
            goto out;
        }
        if (rc != DB_OK) {
            reply_store_error(req, db, rc);
            goto out;
        }
    }
    rc = store_units_children(db, parent_code, date, &list);
    if (rc != DB_OK) {
        reply_store_error(req, db, rc);
        goto out;
    }
    o = json_pack("{s:s, s:o, s:I, s:o}", "date", date, "parent",
                  parent_code && parent_code[0] ? unit_json(&parent)
                                                : json_null(),
                  "count", (json_int_t)list.count, "units", list_json(&list));
    if (list.before_earliest)
        add_note(o, date, list.date);
    hjson_reply(req, 200, o);
out:
    store_units_list_free(&list);
    query_free(&q);
    return 0;
}

int http_handle_unit_get(struct http_req *req)
{
    static const char *const allowed[] = {"date", NULL};
    struct store_units_list anc = {0};
    struct units_version u;
    struct query q;
    struct db *db;
    const char *code;
    char date[UNITS_DATE_SIZE];
    json_t *o;
    int rc, before = 0;

    if (parse_query(req, &q, allowed) != 0)
        return 0;
    code = code_param(req);
    if (code == NULL || date_param(req, &q, date) != 0)
        goto out;
    db = need_db(req);
    if (db == NULL)
        goto out;
    rc = store_units_get(db, code, date, &u, &before);
    if (rc == DB_ENOTFOUND) {
        reply_unknown(req, code, date, "code");
        goto out;
    }
    if (rc == DB_OK && u.level != UNITS_PROVINCE)
        rc = store_units_ancestors(db, code, date, &anc);
    if (rc != DB_OK) {
        reply_store_error(req, db, rc);
        goto out;
    }
    o = json_pack("{s:s, s:o, s:o}", "date", date, "unit", unit_json(&u),
                  "ancestors", list_json(&anc));
    if (before) {
        char earliest[UNITS_DATE_SIZE];

        if (store_units_earliest(db, earliest) == DB_OK)
            add_note(o, date, earliest);
    }
    hjson_reply(req, 200, o);
out:
    store_units_list_free(&anc);
    query_free(&q);
    return 0;
}

int http_handle_unit_history(struct http_req *req)
{
    static const char *const allowed[] = {NULL};
    struct store_units_list list = {0};
    struct query q;
    struct db *db;
    const char *code;
    int rc;

    if (parse_query(req, &q, allowed) != 0)
        return 0;
    code = code_param(req);
    if (code == NULL)
        goto out;
    db = need_db(req);
    if (db == NULL)
        goto out;
    rc = store_units_history(db, code, &list);
    if (rc != DB_OK) {
        reply_store_error(req, db, rc);
        goto out;
    }
    if (list.count == 0) {
        reply_unknown(req, code, NULL, "code");
        goto out;
    }
    hjson_reply(
        req, 200,
        json_pack("{s:s, s:o}", "code", code, "versions", list_json(&list)));
out:
    store_units_list_free(&list);
    query_free(&q);
    return 0;
}

/* successors (forward 1) or predecessors (forward 0) of :code. */
static int links(struct http_req *req, int forward)
{
    static const char *const allowed[] = {NULL};
    struct store_units_links l = {0};
    struct store_units_list hist = {0};
    struct query q;
    struct db *db;
    const char *code;
    int rc;

    if (parse_query(req, &q, allowed) != 0)
        return 0;
    code = code_param(req);
    if (code == NULL)
        goto out;
    db = need_db(req);
    if (db == NULL)
        goto out;
    rc = forward ? store_units_successors(db, code, &l)
                 : store_units_predecessors(db, code, &l);
    if (rc == DB_OK && l.count == 0) /* no links: does the code exist? */
        rc = store_units_history(db, code, &hist);
    if (rc != DB_OK) {
        reply_store_error(req, db, rc);
        goto out;
    }
    if (l.count == 0 && hist.count == 0) {
        reply_unknown(req, code, NULL, "code");
        goto out;
    }
    hjson_reply(req, 200,
                json_pack("{s:s, s:o}", "code", code,
                          forward ? "successors" : "predecessors",
                          links_json(&l)));
out:
    store_units_links_free(&l);
    store_units_list_free(&hist);
    query_free(&q);
    return 0;
}

int http_handle_unit_successors(struct http_req *req)
{
    return links(req, 1);
}

int http_handle_unit_predecessors(struct http_req *req)
{
    return links(req, 0);
}
