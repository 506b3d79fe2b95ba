/* payroll.c: payrolls in scope, their transitions with separation of
 * duties, blocks, verification, and what the payroll use cases share
 * (see payroll.h, payroll_int.h). */
#include "app/payroll.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/auth.h"
#include "app/payroll_int.h"
#include "core/money.h"
#include "core/payroll.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_payroll.h"
#include "util/clock.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/xalloc.h"

/* --- Shared helpers -------------------------------------------------------
 */

int pay_fail(struct app_pay_err *err, int rc, const char *code,
             const char *field, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return rc;
    snprintf(err->code, sizeof err->code, "%s", code ? code : "");
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return rc;
}

int pay_store_fail(struct db *db, struct app_pay_err *err, int rc)
{
    if (rc == DB_EBUSY)
        return pay_fail(err, rc, "busy", NULL,
                        "Cơ sở dữ liệu đang bận, vui lòng thử lại.");
    if (rc == DB_ECONFLICT)
        return pay_fail(err, APP_PAY_ESTATE, "conflict", NULL, "%s",
                        db_errmsg(db));
    if (rc == DB_ECHECK)
        return pay_fail(err, APP_PAY_ESTATE, "frozen", NULL, "%s",
                        db_errmsg(db));
    log_error("payroll: storage failed", "rc=%d msg=\"%s\"", rc, db_errmsg(db));
    return pay_fail(err, rc, "internal", NULL,
                    "Lỗi lưu trữ, vui lòng thử lại sau.");
}

void pay_today(char out[11])
{
    date_format_iso(clock_today_vn(), out);
}

int pay_month_arg(const char *field, const char *s, struct month *m,
                  char first[11], struct app_pay_err *err)
{
    if (s == NULL || s[0] == '\0')
        return pay_fail(err, APP_PAY_EINVAL, "missing_field", field,
                        "Thiếu tháng (dạng YYYY-MM).");
    if (month_parse_iso(s, strlen(s), m) != DATE_OK || m->y < 2021 ||
        (m->y == 2021 && m->m < 7) || m->y > 2100)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", field,
                        "Tháng không hợp lệ (dạng YYYY-MM, từ 2021-07).");
    if (first != NULL)
        date_format_iso(month_first_day(*m), first);
    return APP_PAY_OK;
}

int pay_in_scope(const struct app_user *user, const char *path)
{
    size_t n = strlen(user->area_code);
    const char *p = path;

    if (n == 0)
        return 1;
    while (p != NULL && *p != '\0') {
        const char *end = strchr(p, '/');
        size_t len = end ? (size_t)(end - p) : strlen(p);

        if (len == n && memcmp(p, user->area_code, n) == 0)
            return 1;
        p = end ? end + 1 : NULL;
    }
    return 0;
}

int pay_load(struct db *db, const struct app_user *user, int64_t id,
             struct store_payroll *p, struct app_pay_err *err)
{
    int rc = store_payroll_get(db, id, p);

    if (rc == DB_ENOTFOUND ||
        (rc == DB_OK && !pay_in_scope(user, p->area_path)))
        return pay_fail(err, APP_PAY_ENOTFOUND, "not_found", NULL,
                        "Không tìm thấy danh sách chi trả #%lld.",
                        (long long)id);
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    return APP_PAY_OK;
}

int pay_audit(struct db *db, const char *actor, const char *action, int64_t id,
              const char *area_path, json_t *old_value, json_t *new_value)
{
    struct store_audit_rec rec;
    char eid[24], *o = NULL, *n = NULL;
    int rc;

    snprintf(eid, sizeof eid, "%lld", (long long)id);
    if (old_value != NULL)
        o = json_dumps(old_value, JSON_COMPACT | JSON_SORT_KEYS);
    if (new_value != NULL)
        n = json_dumps(new_value, JSON_COMPACT | JSON_SORT_KEYS);
    memset(&rec, 0, sizeof rec);
    rec.actor = actor;
    rec.action = action;
    rec.entity = "payroll";
    rec.entity_id = eid;
    rec.area_path = area_path;
    rec.old_value = o;
    rec.new_value = n;
    rc = store_audit_append(db, &rec, NULL);
    free(o);
    free(n);
    return rc;
}

void pay_month_vn(const char *iso, char out[8])
{
    struct month m;

    if (iso != NULL && strlen(iso) >= 7 && month_parse_iso(iso, 7, &m) == 0)
        month_format_vn(m, out);
    else
        snprintf(out, 8, "?");
}

static json_t *str_or_null(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *pay_payroll_json(const struct store_payroll *p)
{
    json_t *o = json_object();
    char m[8];

    pay_month_vn(p->month, m);
    json_object_set_new(o, "id", json_integer(p->id));
    json_object_set_new(o, "area_code", json_string(p->area_code));
    json_object_set_new(o, "area_path", json_string(p->area_path));
    json_object_set_new(o, "month", json_stringn(p->month, 7));
    json_object_set_new(o, "month_vn", json_string(m));
    json_object_set_new(o, "state", json_string(p->state));
    json_object_set_new(o, "prepared_on", json_string(p->prepared_on));
    json_object_set_new(o, "prepared_by", json_string(p->prepared_by));
    json_object_set_new(o, "prepared_at", json_string(p->prepared_at));
    json_object_set_new(o, "checked_by", str_or_null(p->checked_by));
    json_object_set_new(o, "checked_at", str_or_null(p->checked_at));
    json_object_set_new(o, "approved_by", str_or_null(p->approved_by));
    json_object_set_new(o, "approved_role", str_or_null(p->approved_role));
    json_object_set_new(o, "approved_at", str_or_null(p->approved_at));
    json_object_set_new(o, "sent_by", str_or_null(p->sent_by));
    json_object_set_new(o, "sent_at", str_or_null(p->sent_at));
    json_object_set_new(o, "reconciled_at", str_or_null(p->reconciled_at));
    json_object_set_new(o, "lookback", json_integer(p->lookback));
    json_object_set_new(o, "persons", json_integer(p->persons));
    json_object_set_new(o, "lines", json_integer(p->lines));
    json_object_set_new(o, "total_payable", json_integer(p->total_payable));
    json_object_set_new(o, "total_recovery", json_integer(p->total_recovery));
    json_object_set_new(o, "rules_hash", json_string(p->rules_hash));
    json_object_set_new(o, "content_hash", str_or_null(p->content_hash));
    json_object_set_new(o, "version", json_integer(p->version));
    return o;
}

json_t *pay_line_json(const struct store_pay_line *l)
{
    json_t *o = json_object();

    json_object_set_new(o, "seq", json_integer(l->seq));
    json_object_set_new(o, "ref", json_string(l->ref));
    json_object_set_new(o, "point", json_integer(l->point_seq));
    json_object_set_new(o, "person_id", json_integer(l->person_id));
    json_object_set_new(o, "full_name", json_string(l->full_name));
    json_object_set_new(o, "id_number", str_or_null(l->id_number));
    json_object_set_new(o, "birth_date", json_string(l->birth_date));
    json_object_set_new(o, "unit_code", json_string(l->unit_code));
    json_object_set_new(o, "kind", json_string(l->kind));
    json_object_set_new(o, "benefit", json_string(l->benefit));
    json_object_set_new(o, "benefit_month", json_stringn(l->benefit_month, 7));
    json_object_set_new(o, "category", json_string(l->category));
    if (l->coeff_milli > 0) {
        char c[16];

        money_format_coeff((int)l->coeff_milli, c);
        json_object_set_new(o, "coefficient", json_string(c));
    } else {
        json_object_set_new(o, "coefficient", json_null());
    }
    json_object_set_new(o, "standard_level", json_integer(l->standard_level));
    json_object_set_new(o, "amount", json_integer(l->amount));
    json_object_set_new(o, "entitled", json_integer(l->entitled));
    json_object_set_new(o, "settled", json_integer(l->settled));
    json_object_set_new(o, "basis", json_string(l->basis));
    json_object_set_new(o, "rules_ref", json_string(l->rules_ref));
    json_object_set_new(o, "confidence", json_string(l->confidence));
    json_object_set_new(o, "decision_id",
                        l->decision_id > 0 ? json_integer(l->decision_id)
                                           : json_null());
    json_object_set_new(o, "decision_ref", str_or_null(l->decision_ref));
    json_object_set_new(o, "oneoff_id",
                        l->oneoff_id > 0 ? json_integer(l->oneoff_id)
                                         : json_null());
    json_object_set_new(o, "source_line_id",
                        l->source_line_id > 0 ? json_integer(l->source_line_id)
                                              : json_null());
    json_object_set_new(o, "explanation", json_string(l->explanation));
    json_object_set_new(o, "method", json_string(l->method));
    json_object_set_new(o, "point_name", str_or_null(l->point_name));
    json_object_set_new(o, "point_officer", str_or_null(l->point_officer));
    json_object_set_new(o, "bank_code", str_or_null(l->bank_code));
    json_object_set_new(o, "account_number", str_or_null(l->account_number));
    json_object_set_new(o, "receiver_name", str_or_null(l->receiver_name));
    json_object_set_new(o, "blocked", json_boolean(l->blocked));
    json_object_set_new(o, "block_reason", str_or_null(l->block_reason));
    if (l->paid < 0)
        json_object_set_new(o, "paid", json_null());
    else
        json_object_set_new(o, "paid", json_boolean(l->paid));
    json_object_set_new(o, "paid_on", str_or_null(l->paid_on));
    return o;
}

static pthread_once_t rules_once = PTHREAD_ONCE_INIT;
static char rules_hex[65];

static void rules_hash_init(void)
{
    crypto_generichash_state st;
    unsigned char h[32];
    size_t i;

    if (sodium_init() < 0) {
        snprintf(rules_hex, sizeof rules_hex, "unavailable");
        return;
    }
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    for (i = 0; i < embed_count(); i++) {
        const struct embed_file *f = embed_get(i);
        char len[32];
        int n;

        if (strncmp(f->name, "rules/national/", 15) != 0)
            continue;
        n = snprintf(len, sizeof len, "%zu:%zu:", strlen(f->name), f->len);
        crypto_generichash_update(&st, (const unsigned char *)len, (size_t)n);
        crypto_generichash_update(&st, (const unsigned char *)f->name,
                                  strlen(f->name));
        crypto_generichash_update(&st, (const unsigned char *)f->data, f->len);
    }
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(rules_hex, sizeof rules_hex, h, sizeof h);
}

const char *pay_rules_hash(void)
{
    pthread_once(&rules_once, rules_hash_init);
    return rules_hex;
}

struct pay_arena_block {
    struct pay_arena_block *next;
    size_t used, cap;
    char data[];
};

const char *pay_arena_dup(struct pay_arena *a, const char *s)
{
    size_t n = s ? strlen(s) + 1 : 1;
    struct pay_arena_block *b = a->head;
    char *out;

    if (b == NULL || b->cap - b->used < n) {
        size_t cap = n > 65536 ? n : 65536;

        b = xmalloc(sizeof *b + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
    }
    out = b->data + b->used;
    b->used += n;
    if (s != NULL)
        memcpy(out, s, n);
    else
        out[0] = '\0';
    return out;
}

void pay_arena_free(struct pay_arena *a)
{
    while (a->head != NULL) {
        struct pay_arena_block *next = a->head->next;

        free(a->head);
        a->head = next;
    }
}

const char *app_pay_strerror(int rc)
{
    switch (rc) {
    case APP_PAY_OK:
        return "Thành công.";
    case APP_PAY_EINVAL:
        return "Dữ liệu không hợp lệ.";
    case APP_PAY_ENOTFOUND:
        return "Không tìm thấy danh sách chi trả.";
    case APP_PAY_ECONFLICT:
        return "Danh sách chi trả đã thay đổi; hãy tải lại.";
    case APP_PAY_ESTATE:
        return "Không thực hiện được ở trạng thái hiện tại.";
    case APP_PAY_EFORBIDDEN:
        return "Không được phép (phân công nhiệm vụ).";
    case APP_PAY_ETOOBIG:
        return "Tệp quá lớn.";
    default:
        return "Lỗi hệ thống.";
    }
}

/* --- Reading --------------------------------------------------------------
 */

static int page_arg(const char *field, const char *s, int64_t def, int64_t max,
                    int64_t *out, struct app_pay_err *err)
{
    char *end = NULL;
    long long v;

    *out = def;
    if (s == NULL || s[0] == '\0')
        return APP_PAY_OK;
    v = strtoll(s, &end, 10);
    if (end == s || *end != '\0' || v < 1 || v > max)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", field,
                        "Giá trị phải là số nguyên từ 1 đến %lld.",
                        (long long)max);
    *out = v;
    return APP_PAY_OK;
}

int app_payroll_list(struct db *db, const struct app_user *user,
                     const struct app_pay_query *q, json_t **out,
                     struct app_pay_err *err)
{
    struct store_payroll_filter f;
    struct store_payroll_list l;
    struct month m;
    char first[11];
    int64_t page, per;
    size_t i;
    json_t *items;
    int rc;

    *out = NULL;
    memset(&f, 0, sizeof f);
    f.area = user->area_code;
    rc = page_arg("page", q->page, 1, 1000000, &page, err);
    if (rc == APP_PAY_OK)
        rc = page_arg("per_page", q->per_page, APP_PAY_PAGE_DEF,
                      APP_PAY_PAGE_MAX, &per, err);
    if (rc == APP_PAY_OK && q->month != NULL && q->month[0] != '\0') {
        rc = pay_month_arg("month", q->month, &m, first, err);
        f.month = first;
    }
    if (rc == APP_PAY_OK && q->state != NULL && q->state[0] != '\0') {
        static const char *const states[] = {"prepared", "checked", "approved",
                                             "sent", "reconciled"};
        size_t k;

        for (k = 0; k < 5 && strcmp(q->state, states[k]) != 0; k++)
            ;
        if (k == 5)
            rc = pay_fail(err, APP_PAY_EINVAL, "invalid_field", "state",
                          "Trạng thái không hợp lệ.");
        f.state = q->state;
    }
    if (rc != APP_PAY_OK)
        return rc;
    rc = store_payroll_list(db, &f, (page - 1) * per, per, &l);
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    items = json_array();
    for (i = 0; i < l.count; i++)
        json_array_append_new(items, pay_payroll_json(&l.items[i]));
    *out = json_object();
    json_object_set_new(*out, "total", json_integer(l.total));
    json_object_set_new(*out, "page", json_integer(page));
    json_object_set_new(*out, "per_page", json_integer(per));
    json_object_set_new(*out, "items", items);
    store_payroll_list_free(&l);
    return APP_PAY_OK;
}

static int add_line(void *arg, const struct store_pay_line *l)
{
    json_array_append_new(arg, pay_line_json(l));
    return 0;
}

int app_payroll_get(struct db *db, const struct app_user *user, int64_t id,
                    const struct app_pay_query *q, json_t **out,
                    int64_t *version, struct app_pay_err *err)
{
    struct store_payroll p;
    struct store_pay_points pts;
    int64_t page, per, point = 0, total = 0;
    json_t *lines, *points;
    size_t i;
    int rc;

    *out = NULL;
    rc = page_arg("page", q->page, 1, 1000000, &page, err);
    if (rc == APP_PAY_OK)
        rc = page_arg("per_page", q->per_page, APP_PAY_PAGE_DEF,
                      APP_PAY_PAGE_MAX, &per, err);
    if (rc == APP_PAY_OK)
        rc = page_arg("point", q->point, 0, 100000, &point, err);
    if (rc != APP_PAY_OK)
        return rc;
    rc = db_begin(db, 0);
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    rc = pay_load(db, user, id, &p, err);
    if (rc != APP_PAY_OK)
        goto out;
    rc = store_payroll_points(db, id, &pts);
    if (rc != DB_OK) {
        rc = pay_store_fail(db, err, rc);
        goto out;
    }
    points = json_array();
    for (i = 0; i < pts.count; i++) {
        const struct store_pay_point *pp = &pts.items[i];
        json_t *o = json_object();

        json_object_set_new(o, "seq", json_integer(pp->seq));
        json_object_set_new(o, "unit_code", json_string(pp->unit_code));
        json_object_set_new(o, "method", json_string(pp->method));
        json_object_set_new(o, "kind", json_string(pp->kind));
        json_object_set_new(o, "name", json_string(pp->name));
        json_object_set_new(o, "officer", json_string(pp->officer));
        json_object_set_new(o, "persons", json_integer(pp->persons));
        json_object_set_new(o, "lines", json_integer(pp->lines));
        json_object_set_new(o, "total", json_integer(pp->total));
        json_array_append_new(points, o);
    }
    store_pay_points_free(&pts);
    lines = json_array();
    rc = store_payroll_lines(db, id, point, (page - 1) * per, per, add_line,
                             lines, &total);
    if (rc != DB_OK) {
        json_decref(lines);
        json_decref(points);
        rc = pay_store_fail(db, err, rc);
        goto out;
    }
    *out = json_object();
    json_object_set_new(*out, "payroll", pay_payroll_json(&p));
    json_object_set_new(*out, "points", points);
    json_object_set_new(*out, "total", json_integer(total));
    json_object_set_new(*out, "page", json_integer(page));
    json_object_set_new(*out, "per_page", json_integer(per));
    json_object_set_new(*out, "lines", lines);
    if (version != NULL)
        *version = p.version;
    rc = APP_PAY_OK;
out:
    db_commit(db);
    return rc;
}

int app_payroll_find(struct db *db, const struct app_user *user,
                     const char *area, const char *month, int64_t *id,
                     struct app_pay_err *err)
{
    struct store_payroll p;
    struct month m;
    char first[11];
    int rc = pay_month_arg("month", month, &m, first, err);

    if (rc != APP_PAY_OK)
        return rc;
    rc = store_payroll_find(db, area ? area : "", first, &p);
    if (rc == DB_ENOTFOUND || (rc == DB_OK && !pay_in_scope(user, p.area_path)))
        return pay_fail(err, APP_PAY_ENOTFOUND, "not_found", NULL,
                        "Không có danh sách chi trả tháng %s của địa bàn %s.",
                        month, area ? area : "");
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    *id = p.id;
    return APP_PAY_OK;
}

int app_payroll_verify(struct db *db, int64_t id, int *same, char hash[65],
                       struct app_pay_err *err)
{
    struct store_payroll p;
    int rc;

    *same = 0;
    hash[0] = '\0';
    rc = db_begin(db, 0);
    if (rc == DB_OK)
        rc = store_payroll_get(db, id, &p);
    if (rc == DB_OK)
        rc = store_payroll_content_hash(db, id, hash);
    db_commit(db);
    if (rc == DB_ENOTFOUND)
        return pay_fail(err, APP_PAY_ENOTFOUND, "not_found", NULL,
                        "Không tìm thấy danh sách chi trả #%lld.",
                        (long long)id);
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    if (p.content_hash[0] == '\0')
        return pay_fail(err, APP_PAY_ESTATE, "not_approved", NULL,
                        "Danh sách chi trả #%lld chưa được phê duyệt.",
                        (long long)id);
    *same = strcmp(p.content_hash, hash) == 0;
    return APP_PAY_OK;
}

/* --- Transitions ----------------------------------------------------------
 */

struct move_ctx {
    const struct app_user *user;
    int64_t id, version, new_version;
    const char *action;
    struct app_pay_err *err;
};

static int is_role(const struct app_user *u, const char *a, const char *b)
{
    return strcmp(u->role, a) == 0 || (b != NULL && strcmp(u->role, b) == 0);
}

static int do_move(struct db *db, void *arg)
{
    struct move_ctx *c = arg;
    struct store_payroll p;
    struct store_payroll_move m;
    char now[21], hash[STORE_PAY_HASH_SIZE];
    json_t *old_v, *new_v;
    int rc, stale = 0;
    int64_t other = 0, v;

    rc = pay_load(db, c->user, c->id, &p, c->err);
    if (rc != APP_PAY_OK)
        return rc;
    if (c->version > 0 && c->version != p.version)
        return pay_fail(c->err, APP_PAY_ECONFLICT, "version_conflict",
                        "version",
                        "Danh sách chi trả đã thay đổi (phiên bản %lld, "
                        "không phải %lld); hãy tải lại.",
                        (long long)p.version, (long long)c->version);
    clock_now_utc(now);
    memset(&m, 0, sizeof m);
    m.by = c->user->username;
    m.role = c->user->role;
    m.at = now;
    m.from = p.state;
    if (strcmp(c->action, "check") == 0) {
        if (strcmp(p.state, "prepared") != 0)
            return pay_fail(c->err, APP_PAY_ESTATE, "wrong_state", "action",
                            "Chỉ kiểm tra được danh sách ở trạng thái đã "
                            "lập (nay: %s).",
                            p.state);
        if (strcmp(p.prepared_by, c->user->username) == 0)
            return pay_fail(c->err, APP_PAY_EFORBIDDEN, "separation_of_duties",
                            "action",
                            "Người lập danh sách không được tự kiểm tra "
                            "danh sách của mình.");
        m.to = "checked";
    } else if (strcmp(c->action, "approve") == 0) {
        if (strcmp(p.state, "checked") != 0)
            return pay_fail(c->err, APP_PAY_ESTATE, "wrong_state", "action",
                            "Chỉ phê duyệt được danh sách đã kiểm tra (nay: "
                            "%s).",
                            p.state);
        if (!is_role(c->user, "commune_chairman", "district_chairman"))
            return pay_fail(c->err, APP_PAY_EFORBIDDEN, "forbidden_action",
                            "action",
                            "Chỉ Chủ tịch UBND (hoặc người được ủy quyền) "
                            "phê duyệt danh sách chi trả.");
        if (strcmp(p.prepared_by, c->user->username) == 0 ||
            strcmp(p.checked_by, c->user->username) == 0)
            return pay_fail(c->err, APP_PAY_EFORBIDDEN, "separation_of_duties",
                            "action",
                            "Người lập hoặc người kiểm tra danh sách không "
                            "được phê duyệt danh sách đó.");
        rc = store_payroll_stale(db, p.id, &stale, &other);
        if (rc != DB_OK)
            return pay_store_fail(db, c->err, rc);
        if (stale)
            return pay_fail(c->err, APP_PAY_ESTATE, "stale", "action",
                            "Danh sách chi trả #%lld đã được phê duyệt sau "
                            "khi lập danh sách này (cùng địa bàn): hãy lập "
                            "lại danh sách trước khi phê duyệt.",
                            (long long)other);
        rc = store_payroll_content_hash(db, p.id, hash);
        if (rc != DB_OK)
            return pay_store_fail(db, c->err, rc);
        m.content_hash = hash;
        m.to = "approved";
    } else if (strcmp(c->action, "send") == 0) {
        if (strcmp(p.state, "approved") != 0)
            return pay_fail(c->err, APP_PAY_ESTATE, "wrong_state", "action",
                            "Chỉ gửi tổ chức chi trả danh sách đã phê duyệt "
                            "(nay: %s).",
                            p.state);
        m.to = "sent";
    } else {
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "action",
                        "Thao tác phải là check, approve hoặc send.");
    }
    v = p.version;
    rc = store_payroll_move(db, p.id, &m, &v);
    if (rc == DB_ECONFLICT)
        return pay_fail(c->err, APP_PAY_ECONFLICT, "version_conflict", NULL,
                        "Danh sách chi trả vừa thay đổi; hãy tải lại.");
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    old_v = json_pack("{s:s, s:I}", "state", p.state, "version",
                      (json_int_t)p.version);
    new_v = json_pack("{s:s, s:I, s:s}", "state", m.to, "version",
                      (json_int_t)v, "by", c->user->username);
    if (m.content_hash != NULL) {
        json_object_set_new(new_v, "content_hash", json_string(hash));
        json_object_set_new(new_v, "lines", json_integer(p.lines));
        json_object_set_new(new_v, "total_payable",
                            json_integer(p.total_payable));
        json_object_set_new(new_v, "total_recovery",
                            json_integer(p.total_recovery));
        json_object_set_new(new_v, "rules_hash", json_string(p.rules_hash));
    }
    if (strcmp(m.to, "checked") == 0)
        rc = pay_audit(db, c->user->username, "payroll.check", p.id,
                       p.area_path, old_v, new_v);
    else if (strcmp(m.to, "approved") == 0)
        rc = pay_audit(db, c->user->username, "payroll.approve", p.id,
                       p.area_path, old_v, new_v);
    else
        rc = pay_audit(db, c->user->username, "payroll.send", p.id, p.area_path,
                       old_v, new_v);
    json_decref(old_v);
    json_decref(new_v);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    c->new_version = v;
    return APP_PAY_OK;
}

int app_payroll_transition(struct db *db, const struct app_user *user,
                           int64_t id, const char *action, int64_t version,
                           int64_t *new_version, struct app_pay_err *err)
{
    struct move_ctx c;
    int rc;

    memset(err, 0, sizeof *err);
    if (action == NULL)
        return pay_fail(err, APP_PAY_EINVAL, "missing_field", "action",
                        "Thiếu thao tác.");
    memset(&c, 0, sizeof c);
    c.user = user;
    c.id = id;
    c.version = version;
    c.action = action;
    c.err = err;
    rc = db_transact(db, do_move, &c);
    if (rc == APP_PAY_OK && new_version != NULL)
        *new_version = c.new_version;
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        rc = pay_store_fail(db, err, rc);
    return rc;
}

/* --- Blocks ---------------------------------------------------------------
 */

struct block_ctx {
    const struct app_user *user;
    int64_t id;
    const char *ref, *reason;
    struct app_pay_err *err;
};

static int do_block(struct db *db, void *arg)
{
    struct block_ctx *c = arg;
    struct store_payroll p;
    char now[21], old_reason[STORE_PAY_NAME_SIZE];
    json_t *old_v, *new_v;
    int rc;

    rc = pay_load(db, c->user, c->id, &p, c->err);
    if (rc != APP_PAY_OK)
        return rc;
    if (strcmp(p.state, "prepared") != 0 && strcmp(p.state, "checked") != 0)
        return pay_fail(c->err, APP_PAY_ESTATE, "frozen", NULL,
                        "Danh sách đã phê duyệt không sửa được; sai sót "
                        "được điều chỉnh ở kỳ sau (truy lĩnh, thu hồi).");
    rc = store_payroll_block_get(db, p.id, c->ref, old_reason,
                                 sizeof old_reason);
    if (rc == DB_OK) {
        clock_now_utc(now);
        rc = store_payroll_block(db, p.id, c->ref, c->reason, c->user->username,
                                 now);
    }
    if (rc == DB_ENOTFOUND)
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "ref",
                        "Danh sách không có dòng %s.", c->ref);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    old_v = json_pack("{s:s, s:s}", "ref", c->ref, "block_reason", old_reason);
    new_v = json_pack("{s:s, s:s}", "ref", c->ref, "block_reason",
                      c->reason ? c->reason : "");
    rc = pay_audit(db, c->user->username,
                   c->reason ? "payroll.block" : "payroll.unblock", p.id,
                   p.area_path, old_v, new_v);
    json_decref(old_v);
    json_decref(new_v);
    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(db, c->err, rc);
}

int app_payroll_block(struct db *db, const struct app_user *user, int64_t id,
                      const char *ref, const char *reason,
                      struct app_pay_err *err)
{
    struct block_ctx c = {user, id, ref, reason, err};

    memset(err, 0, sizeof *err);
    if (ref == NULL || ref[0] == '\0' || strlen(ref) >= PAYROLL_REF_SIZE)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "ref",
                        "Thiếu hoặc sai mã dòng.");
    if (reason != NULL && (reason[0] == '\0' || strlen(reason) > 400))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "reason",
                        "Lý do giữ lại phải có, tối đa 400 byte.");
    return db_transact(db, do_block, &c);
}
