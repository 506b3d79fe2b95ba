/* users.c: managing accounts (see users.h). */
#include "app/users.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>
#include <sodium.h>

#include "app/auth.h"
#include "app/scope.h"
#include "core/date.h"
#include "core/text.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_units.h"
#include "store/store_tasks.h"
#include "store/store_users.h"
#include "util/clock.h"

#define NAME_MAX_CHARS 100

static void set_err(struct app_users_err *err, const char *field,
                    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void set_err(struct app_users_err *err, const char *field,
                    const char *fmt, ...)
{
    va_list ap;

    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
}

static void clear_err(struct app_users_err *err)
{
    err->field[0] = '\0';
    err->msg[0] = '\0';
}

static void today(char out[11])
{
    date_format_iso(clock_today_vn(), out);
}

static void utc_now(char out[STORE_USERS_TS_SIZE])
{
    time_t t = time(NULL);
    struct tm tm;

    gmtime_r(&t, &tm);
    strftime(out, STORE_USERS_TS_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void view_of(const struct store_user *s, struct app_users_view *v)
{
    memset(v, 0, sizeof *v);
    v->id = s->id;
    memcpy(v->username, s->username, sizeof v->username);
    memcpy(v->full_name, s->full_name, sizeof v->full_name);
    memcpy(v->role, s->role, sizeof v->role);
    memcpy(v->area_code, s->area_code, sizeof v->area_code);
    v->active = s->active;
    v->version = s->version;
    memcpy(v->created_at, s->created_at, sizeof v->created_at);
    memcpy(v->updated_at, s->updated_at, sizeof v->updated_at);
}

/* The audit area path of an area code ("" when none or unknown). */
static void area_path(struct db *db, const char *area,
                      char out[APP_SCOPE_PATH_SIZE])
{
    char d[11];

    out[0] = '\0';
    if (area == NULL || area[0] == '\0')
        return;
    today(d);
    if (app_scope_path(db, area, d, out) != 0)
        out[0] = '\0';
}

/* 1 if an account with area lies in scope today (NULL scope: all). A
 * negative db_rc on failure. */
static int in_scope(struct db *db, const struct app_scope *scope,
                    const char *area)
{
    char d[11];

    if (scope == NULL || scope->level == APP_SCOPE_NATIONAL)
        return 1;
    if (area[0] == '\0')
        return 0;
    today(d);
    return app_scope_contains(db, scope, area, d);
}

/* Check a full name: 1..100 characters after text_clean. Returns the
 * cleaned copy (caller frees) or NULL with err. */
static char *clean_name(const char *in, struct app_users_err *err)
{
    char *name = NULL;
    size_t len = 0;
    int rc;

    rc = text_clean(in ? in : "", in ? strlen(in) : 0, NAME_MAX_CHARS,
                    TEXT_TRIM | TEXT_REQUIRED, &name, &len);
    if (rc != TEXT_OK) {
        set_err(err, "full_name", "Họ và tên: %s", text_strerror(rc));
        return NULL;
    }
    return name;
}

/* Check role and area together, and that the area is a unit of some list.
 * Returns 0, APP_USERS_EINVAL with err, or a negative db_rc. */
static int check_role_area(struct db *db, const char *role, const char *area,
                           struct app_users_err *err)
{
    struct store_units_list h;
    int rc;

    if (!app_auth_role_valid(role)) {
        set_err(err, "role", "Vai trò \"%.32s\" không tồn tại.",
                role ? role : "");
        return APP_USERS_EINVAL;
    }
    if (app_auth_area_check(role, area, err->msg, sizeof err->msg) != 0) {
        snprintf(err->field, sizeof err->field, "area_code");
        return APP_USERS_EINVAL;
    }
    if (area[0] == '\0')
        return 0;
    rc = store_units_history(db, area, &h);
    if (rc != DB_OK) {
        set_err(err, "", "Không đọc được danh mục đơn vị hành chính.");
        return rc;
    }
    rc = h.count > 0 ? 0 : APP_USERS_EINVAL;
    store_units_list_free(&h);
    if (rc != 0)
        set_err(err, "area_code", "Không có đơn vị hành chính mã %s.", area);
    return rc;
}

static char *dump(json_t *o)
{
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

    json_decref(o);
    return s;
}

static json_t *str_or_null(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

/* --- Create --------------------------------------------------------------
 */

struct create_tx {
    const char *actor;
    struct store_user u;
    char path[APP_SCOPE_PATH_SIZE];
};

static int create_fn(struct db *db, void *arg)
{
    struct create_tx *t = arg;
    struct store_audit_rec r;
    char id[24], *newv;
    int rc;

    rc = store_users_create(db, t->u.username, t->u.full_name,
                            t->u.password_hash, t->u.role, t->u.area_code,
                            t->u.created_at, &t->u.id);
    if (rc != DB_OK)
        return rc;
    snprintf(id, sizeof id, "%lld", (long long)t->u.id);
    newv =
        dump(json_pack("{s:s, s:s, s:s, s:o, s:b}", "username", t->u.username,
                       "full_name", t->u.full_name, "role", t->u.role,
                       "area_code", str_or_null(t->u.area_code), "active", 1));
    memset(&r, 0, sizeof r);
    r.actor = t->actor;
    r.action = "user.create";
    r.entity = "user";
    r.entity_id = id;
    r.area_path = t->path;
    r.new_value = newv;
    rc = newv ? store_audit_append(db, &r, NULL) : DB_ERROR;
    free(newv);
    return rc;
}

int app_users_create(struct db *db, const char *actor,
                     const struct app_users_new *in, struct app_users_view *out,
                     struct app_users_err *err)
{
    struct create_tx t;
    const char *area = in->area_code ? in->area_code : "";
    char *name = NULL;
    int rc;

    clear_err(err);
    memset(&t, 0, sizeof t);
    t.actor = actor;
    if (app_auth_username(in->username, t.u.username) != 0) {
        set_err(err, "username",
                "Tên đăng nhập phải có 3–64 ký tự: chữ cái không dấu, chữ "
                "số, '.', '_' hoặc '-', bắt đầu bằng chữ hoặc số.");
        return APP_USERS_EINVAL;
    }
    name = clean_name(in->full_name, err);
    if (name == NULL)
        return APP_USERS_EINVAL;
    rc = check_role_area(db, in->role, area, err);
    if (rc != 0)
        goto out;
    rc = app_auth_password_hash(in->password, t.u.password_hash, err->msg,
                                sizeof err->msg);
    if (rc != 0) {
        snprintf(err->field, sizeof err->field, "password");
        rc = rc == APP_AUTH_EINVAL ? APP_USERS_EINVAL : APP_USERS_EINTERNAL;
        goto out;
    }
    snprintf(t.u.full_name, sizeof t.u.full_name, "%s", name);
    snprintf(t.u.role, sizeof t.u.role, "%s", in->role);
    snprintf(t.u.area_code, sizeof t.u.area_code, "%s", area);
    t.u.active = 1;
    t.u.version = 1;
    utc_now(t.u.created_at);
    area_path(db, area, t.path);
    rc = db_transact(db, create_fn, &t);
    if (rc == DB_ECONFLICT) {
        set_err(err, "username", "Tên đăng nhập \"%s\" đã được sử dụng.",
                t.u.username);
        rc = APP_USERS_EEXISTS;
    } else if (rc != DB_OK) {
        set_err(err, "", "Không lưu được tài khoản: %.200s", db_errmsg(db));
    } else if (out != NULL) {
        view_of(&t.u, out);
    }
out:
    sodium_memzero(t.u.password_hash, sizeof t.u.password_hash);
    free(name);
    return rc;
}

/* --- Read ----------------------------------------------------------------
 */

int app_users_get(struct db *db, const struct app_scope *scope, int64_t id,
                  struct app_users_view *out)
{
    struct store_user su;
    int rc;

    rc = store_users_get(db, id, &su);
    sodium_memzero(su.password_hash, sizeof su.password_hash);
    if (rc == DB_ENOTFOUND)
        return APP_USERS_ENOTFOUND;
    if (rc != DB_OK)
        return rc;
    rc = in_scope(db, scope, su.area_code);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return APP_USERS_ENOTFOUND; /* outside: as if it did not exist */
    view_of(&su, out);
    return 0;
}

static int is_area_code(const char *s)
{
    size_t i, n = strlen(s);

    if (n != 2 && n != 3 && n != 5)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

int app_users_list(struct db *db, const struct app_users_query *q,
                   const struct app_scope *scope, struct app_users_page *out,
                   struct app_users_err *err)
{
    struct store_users_filter f;
    struct store_user *items = NULL;
    size_t i, n = 0;
    char d[11];
    int rc;

    memset(out, 0, sizeof *out);
    clear_err(err);
    if (q->role != NULL && q->role[0] != '\0' &&
        !app_auth_role_valid(q->role)) {
        set_err(err, "role", "Vai trò \"%.32s\" không tồn tại.", q->role);
        return APP_USERS_EINVAL;
    }
    if (q->area != NULL && q->area[0] != '\0' && !is_area_code(q->area)) {
        set_err(err, "area",
                "Mã địa bàn gồm 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ số.");
        return APP_USERS_EINVAL;
    }
    if (q->page < 1 || q->page > 1000000) {
        set_err(err, "page", "Trang phải là số nguyên từ 1.");
        return APP_USERS_EINVAL;
    }
    if (q->per_page < 1 || q->per_page > APP_USERS_PAGE_MAX) {
        set_err(err, "per_page", "Số dòng mỗi trang phải từ 1 đến %d.",
                APP_USERS_PAGE_MAX);
        return APP_USERS_EINVAL;
    }
    today(d);
    memset(&f, 0, sizeof f);
    f.role = q->role;
    f.within = q->area;
    f.scope =
        scope && scope->level != APP_SCOPE_NATIONAL ? scope->area_code : NULL;
    f.date = d;
    f.active = q->active;
    rc = store_users_list(db, &f, (q->page - 1) * q->per_page, q->per_page,
                          &items, &n, &out->total);
    if (rc != DB_OK) {
        set_err(err, "", "Không đọc được danh sách tài khoản.");
        return rc;
    }
    out->items = calloc(n ? n : 1, sizeof *out->items);
    if (out->items == NULL) {
        free(items);
        return DB_ERROR;
    }
    for (i = 0; i < n; i++)
        view_of(&items[i], &out->items[i]);
    out->count = n;
    free(items);
    return 0;
}

void app_users_page_free(struct app_users_page *p)
{
    if (p == NULL)
        return;
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* --- Update --------------------------------------------------------------
 */

struct update_tx {
    int64_t actor_id;
    const char *actor;
    const struct app_scope *scope;
    int64_t id;
    const struct app_users_change *c;
    const char *name;          /* cleaned full_name, or NULL */
    const char *password_hash; /* new hash, or NULL */
    struct store_user cur;     /* out: the account after (or as found) */
    struct app_users_err *err;
    int result; /* an app_users_rc decided inside the transaction */
};

/* Record field k changing from a to b (strings; "" is JSON null for the
 * area) in the old and new objects. */
static void diff_str(json_t *o, json_t *n, const char *k, const char *a,
                     const char *b, int empty_is_null)
{
    if (strcmp(a, b) == 0)
        return;
    json_object_set_new(o, k, empty_is_null ? str_or_null(a) : json_string(a));
    json_object_set_new(n, k, empty_is_null ? str_or_null(b) : json_string(b));
}

/* Apply t->c to t->cur (checked); fill the old and new objects. Returns 0,
 * or an app_users_rc with t->err. */
static int apply_change(struct db *db, struct update_tx *t, json_t *o,
                        json_t *n)
{
    const struct app_users_change *c = t->c;
    struct store_user next = t->cur;
    int rc;

    if (t->name != NULL)
        snprintf(next.full_name, sizeof next.full_name, "%s", t->name);
    if (c->role != NULL)
        snprintf(next.role, sizeof next.role, "%s", c->role);
    if (c->area_code != NULL)
        snprintf(next.area_code, sizeof next.area_code, "%.7s", c->area_code);
    if (c->active == 0 || c->active == 1)
        next.active = c->active;
    if (c->role != NULL || c->area_code != NULL) {
        rc = check_role_area(db, next.role, next.area_code, t->err);
        if (rc != 0)
            return rc;
        rc = in_scope(db, t->scope, next.area_code);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            set_err(t->err, "area_code",
                    "Địa bàn %s nằm ngoài địa bàn quản lý của bạn.",
                    next.area_code[0] ? next.area_code : "toàn quốc");
            return APP_USERS_EINVAL;
        }
    }
    if (t->id == t->actor_id &&
        (!next.active || strcmp(next.role, "admin") != 0)) {
        set_err(t->err, c->role ? "role" : "active",
                "Không thể tự khoá hoặc tự bỏ quyền quản trị của chính "
                "mình; hãy nhờ một quản trị viên khác.");
        return APP_USERS_ESELF;
    }
    diff_str(o, n, "full_name", t->cur.full_name, next.full_name, 0);
    diff_str(o, n, "role", t->cur.role, next.role, 0);
    diff_str(o, n, "area_code", t->cur.area_code, next.area_code, 1);
    if (next.active != t->cur.active) {
        json_object_set_new(o, "active", json_boolean(t->cur.active));
        json_object_set_new(n, "active", json_boolean(next.active));
    }
    if (t->password_hash != NULL) {
        json_object_set_new(o, "password", json_string("set"));
        json_object_set_new(n, "password", json_string("changed"));
    }
    t->cur = next;
    return 0;
}

static int update_fn(struct db *db, void *arg)
{
    struct update_tx *t = arg;
    struct store_audit_rec r;
    char id[24], updated[STORE_USERS_TS_SIZE], path[APP_SCOPE_PATH_SIZE];
    char *oldv = NULL, *newv = NULL;
    json_t *o, *n;
    int deactivated, rc;

    t->result = 0;
    rc = store_users_get(db, t->id, &t->cur);
    sodium_memzero(t->cur.password_hash, sizeof t->cur.password_hash);
    if (rc != DB_OK)
        return rc;
    rc = in_scope(db, t->scope, t->cur.area_code);
    if (rc < 0)
        return rc;
    if (rc == 0)
        return DB_ENOTFOUND;
    if (t->cur.version != t->c->version) {
        set_err(t->err, "version",
                "Tài khoản đã được người khác sửa (phiên bản hiện tại %lld, "
                "bạn gửi %lld). Hãy tải lại rồi sửa lại.",
                (long long)t->cur.version, (long long)t->c->version);
        t->result = APP_USERS_ECONFLICT;
        return t->result;
    }
    o = json_object();
    n = json_object();
    deactivated = t->cur.active;
    t->result = apply_change(db, t, o, n);
    deactivated = deactivated && !t->cur.active;
    if (t->result != 0 || json_object_size(n) == 0) {
        rc = t->result;
        goto out;
    }
    utc_now(updated);
    rc = store_users_update(db, &t->cur, t->password_hash, updated);
    if (rc != DB_OK)
        goto out;
    memcpy(t->cur.updated_at, updated, sizeof updated);
    if (deactivated || t->password_hash != NULL) {
        rc = store_users_sessions_end(db, t->id, NULL);
        if (rc != DB_OK)
            goto out;
    }
    /* An administrator's decision on an account of a split commune
     * (docs/reorganise.md): a new area closes its assignment task. */
    if (json_object_get(n, "area_code") != NULL) {
        char today[11], note[96];
        int64_t closed = 0;

        date_format_iso(clock_today_vn(), today);
        snprintf(note, sizeof note, "Tài khoản được gán địa bàn %s.",
                 t->cur.area_code[0] ? t->cur.area_code : "toàn quốc");
        rc = store_tasks_close_user(db, t->id, today, t->actor, note, &closed);
        if (rc != DB_OK)
            goto out;
        if (closed > 0)
            json_object_set_new(n, "tasks_closed", json_integer(closed));
    }
    snprintf(id, sizeof id, "%lld", (long long)t->id);
    area_path(db, t->cur.area_code, path);
    oldv = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
    newv = json_dumps(n, JSON_COMPACT | JSON_SORT_KEYS);
    memset(&r, 0, sizeof r);
    r.actor = t->actor;
    r.action = "user.update";
    r.entity = "user";
    r.entity_id = id;
    r.area_path = path;
    r.old_value = oldv;
    r.new_value = newv;
    rc = oldv && newv ? store_audit_append(db, &r, NULL) : DB_ERROR;
out:
    free(oldv);
    free(newv);
    json_decref(o);
    json_decref(n);
    return rc;
}

int app_users_update(struct db *db, int64_t actor_id, const char *actor,
                     const struct app_scope *scope, int64_t id,
                     const struct app_users_change *c,
                     struct app_users_view *out, struct app_users_err *err)
{
    struct update_tx t;
    char hash[APP_AUTH_HASH_SIZE];
    char *name = NULL;
    int rc;

    clear_err(err);
    memset(&t, 0, sizeof t);
    if (c->full_name != NULL) {
        name = clean_name(c->full_name, err);
        if (name == NULL)
            return APP_USERS_EINVAL;
    }
    if (c->password != NULL) {
        /* Hashed before the transaction: 150 ms must not hold the write
         * lock. */
        rc = app_auth_password_hash(c->password, hash, err->msg,
                                    sizeof err->msg);
        if (rc != 0) {
            snprintf(err->field, sizeof err->field, "password");
            rc = rc == APP_AUTH_EINVAL ? APP_USERS_EINVAL : APP_USERS_EINTERNAL;
            goto out;
        }
        t.password_hash = hash;
    }
    t.actor_id = actor_id;
    t.actor = actor;
    t.scope = scope;
    t.id = id;
    t.c = c;
    t.name = name;
    t.err = err;
    rc = db_transact(db, update_fn, &t);
    if (rc == DB_ENOTFOUND) {
        rc = APP_USERS_ENOTFOUND;
    } else if (rc == DB_ECONFLICT) {
        /* The version changed between our read and the write. */
        set_err(err, "version",
                "Tài khoản vừa được người khác sửa. Hãy tải lại rồi sửa lại.");
        rc = APP_USERS_ECONFLICT;
    } else if (rc == DB_ECHECK) {
        set_err(err, "", "Dữ liệu tài khoản không hợp lệ: %.200s",
                db_errmsg(db));
        rc = APP_USERS_EINVAL;
    } else if (rc < 0 && rc != t.result) {
        set_err(err, "", "Không lưu được tài khoản: %.200s", db_errmsg(db));
    }
    if (out != NULL &&
        (rc == 0 || (rc == APP_USERS_ECONFLICT && t.result == rc)))
        view_of(&t.cur, out);
out:
    sodium_memzero(hash, sizeof hash);
    free(name);
    return rc;
}
