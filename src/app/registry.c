/* registry.c: persons in the registry (see registry.h): validation,
 * create, correct, read and search, and the helpers registry_case.c shares
 * (registry_int.h). */
#include "app/registry.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/registry_int.h"
#include "core/category.h"
#include "core/cccd.h"
#include "core/payment.h"
#include "core/registry.h"
#include "core/text.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "util/clock.h"

/* --- shared helpers ------------------------------------------------------ */

/* Drop an incomplete UTF-8 sequence at the end of s (a message cut by
 * snprintf). */
static void trim_partial(char *s)
{
    size_t n = strlen(s), i = n, need;
    unsigned char lead;

    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    lead = (unsigned char)s[i - 1];
    need = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

int reg_fail(struct app_reg_err *err, int rc, const char *code,
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
    trim_partial(err->field);
    trim_partial(err->message);
    return rc;
}

const char *reg_clip(const char *s, size_t max_chars, char *out, size_t cap)
{
    size_t i = 0, chars = 0;

    if (cap == 0)
        return out;
    while (s[i] != '\0' && chars < max_chars) {
        size_t j = i + 1;

        while (((unsigned char)s[j] & 0xC0) == 0x80)
            j++;
        if (j + 4 >= cap) /* room for "…" and the NUL */
            break;
        i = j;
        chars++;
    }
    memcpy(out, s, i);
    if (s[i] != '\0') {
        memcpy(out + i, "…", 3);
        i += 3;
    }
    out[i] = '\0';
    return out;
}

int reg_store_fail(struct db *db, struct app_reg_err *err, int rc)
{
    if (rc == DB_ECHECK)
        return reg_fail(err, rc, "invalid_value", NULL, "%s", db_errmsg(db));
    if (rc == DB_EBUSY)
        return reg_fail(err, rc, "busy", NULL,
                        "Cơ sở dữ liệu đang bận, vui lòng thử lại.");
    return reg_fail(err, rc, "internal", NULL, "%s", app_reg_strerror(rc));
}

void reg_today(char out[11])
{
    date_format_iso(clock_today_vn(), out);
}

const char *app_reg_strerror(int rc)
{
    switch (rc) {
    case APP_REG_OK:
        return "Thành công.";
    case APP_REG_EINVAL:
        return "Dữ liệu không hợp lệ.";
    case APP_REG_ENOTFOUND:
        return "Không tìm thấy người này.";
    case APP_REG_ECONFLICT:
        return "Hồ sơ đã được người khác sửa; hãy tải lại rồi sửa tiếp.";
    case APP_REG_EDUPLICATE:
        return "Số định danh đã thuộc về người khác.";
    case APP_REG_ESTATE:
        return "Thao tác không phù hợp với tình trạng hồ sơ.";
    case DB_EBUSY:
        return "Cơ sở dữ liệu đang bận, vui lòng thử lại.";
    default:
        return "Lỗi khi đọc hoặc ghi cơ sở dữ liệu.";
    }
}

int reg_check_date(const char *field, const char *label, const char *s,
                   int optional, const struct date *not_after, struct date *out,
                   struct app_reg_err *err)
{
    static const struct date first = {1900, 1, 1};
    struct date d;
    char shown[24];
    int rc;

    if (s == NULL) {
        if (optional)
            return APP_REG_OK;
        return reg_fail(err, APP_REG_EINVAL, "missing_field", field,
                        "Thiếu %s.", label);
    }
    /* Echo the value only when short: cutting it could split UTF-8. */
    snprintf(shown, sizeof shown, "%s", strlen(s) <= 20 ? s : "…");
    rc = date_parse_iso(s, strlen(s), &d);
    if (rc == DATE_EFORMAT)
        return reg_fail(err, APP_REG_EINVAL, "invalid_date", field,
                        "%s phải có dạng YYYY-MM-DD, ví dụ 1948-03-02 (nhận "
                        "được \"%s\").",
                        label, shown);
    if (rc != DATE_OK)
        return reg_fail(err, APP_REG_EINVAL, "invalid_date", field,
                        "%s %s không tồn tại.", label, shown);
    if (date_cmp(d, first) < 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_date", field,
                        "%s không được trước ngày 01/01/1900.", label);
    if (not_after != NULL && date_cmp(d, *not_after) > 0) {
        char vn[11];

        date_format_vn(*not_after, vn);
        return reg_fail(err, APP_REG_EINVAL, "invalid_date", field,
                        "%s không được sau ngày %s.", label, vn);
    }
    if (out != NULL)
        *out = d;
    return APP_REG_OK;
}

int reg_check_text(const char *field, const char *label, const char *s,
                   int required, size_t max, struct app_reg_err *err)
{
    char *clean = NULL;
    int rc;

    if (s == NULL) {
        if (!required)
            return APP_REG_OK;
        return reg_fail(err, APP_REG_EINVAL, "missing_field", field,
                        "Thiếu %s.", label);
    }
    rc = text_clean(s, strlen(s), max,
                    TEXT_TRIM | (required ? TEXT_REQUIRED : 0), &clean, NULL);
    free(clean);
    if (rc == TEXT_EEMPTY)
        return reg_fail(err, APP_REG_EINVAL, "missing_field", field,
                        "%s không được để trống.", label);
    if (rc == TEXT_ETOOLONG)
        return reg_fail(err, APP_REG_EINVAL, "too_long", field,
                        "%s dài quá %zu ký tự.", label, max);
    if (rc != TEXT_OK)
        return reg_fail(err, APP_REG_EINVAL, "invalid_text", field, "%s: %s.",
                        label, text_strerror(rc));
    return APP_REG_OK;
}

int reg_person_visible(struct db *db, const struct app_scope *scope, int64_t id,
                       const char *date, char unit[8], struct app_reg_err *err)
{
    struct store_residence_list rl = {0};
    struct store_person p;
    size_t i;
    int rc;

    unit[0] = '\0';
    rc = store_persons_get(db, id, &p);
    if (rc == DB_ENOTFOUND)
        goto absent;
    if (rc != DB_OK)
        return reg_store_fail(db, err, rc);
    rc = store_persons_residences(db, id, &rl);
    if (rc != DB_OK)
        return reg_store_fail(db, err, rc);
    for (i = 0; i < rl.count; i++) {
        const struct store_residence *r = &rl.items[i];

        if (strcmp(r->valid_from, date) <= 0 &&
            (r->valid_to[0] == '\0' || strcmp(r->valid_to, date) > 0))
            snprintf(unit, 8, "%s", r->unit_code);
    }
    store_residence_list_free(&rl);
    if (scope->level == APP_SCOPE_NATIONAL)
        return 1;
    if (unit[0] == '\0')
        goto absent;
    rc = app_scope_contains(db, scope, unit, date);
    if (rc < 0)
        return reg_store_fail(db, err, rc);
    if (rc == 1)
        return 1;
absent:
    reg_fail(err, APP_REG_ENOTFOUND, "not_found", NULL,
             "Không tìm thấy người mã %" PRId64 " trong phạm vi của bạn.", id);
    return 0;
}

static char *dump(json_t *v)
{
    char *s = v ? json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS) : NULL;

    return s;
}

int reg_audit(struct db *db, const char *actor, const char *action,
              const char *entity, int64_t entity_id, int64_t person_id,
              const char *unit, const char *date, json_t *old_value,
              json_t *new_value)
{
    struct store_audit_rec r;
    char id[24], path[APP_SCOPE_PATH_SIZE] = "", detail[64];
    char *oldv = dump(old_value), *newv = dump(new_value);
    int rc = DB_OK;

    if (unit != NULL && unit[0] != '\0') {
        rc = app_scope_path(db, unit, date, path);
        if (rc == DB_ENOTFOUND) /* placed nowhere: audit it nationally */
            rc = DB_OK;
    }
    snprintf(id, sizeof id, "%" PRId64, entity_id);
    snprintf(detail, sizeof detail, "{\"person_id\":%" PRId64 "}", person_id);
    memset(&r, 0, sizeof r);
    r.actor = actor;
    r.action = action;
    r.entity = entity;
    r.entity_id = id;
    r.area_path = path;
    r.detail = detail;
    r.old_value = oldv;
    r.new_value = newv;
    if (rc == DB_OK && ((old_value && !oldv) || (new_value && !newv)))
        rc = db_set_error(db, DB_ERROR, "audit: JSON");
    if (rc == DB_OK)
        rc = store_audit_append(db, &r, NULL);
    free(oldv);
    free(newv);
    return rc;
}

static json_t *str_or_null(const char *s)
{
    return s != NULL && s[0] != '\0' ? json_string(s) : json_null();
}

json_t *reg_beneficiary_json(const void *p)
{
    const struct store_beneficiary *b = p;
    const struct registry_reason *r =
        registry_reason_find(b->reason, strlen(b->reason));
    int st = registry_status_parse(b->status, strlen(b->status));

    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:s, s:I}", "status",
                     b->status, "status_name", registry_status_name(st),
                     "since", b->since, "reason", str_or_null(b->reason),
                     "reason_name", r ? json_string(r->name_vi) : json_null(),
                     "reason_text", b->reason_text, "decision_ref",
                     b->decision_ref, "version", (json_int_t)b->version);
}

json_t *reg_payment_json(const void *p)
{
    const struct store_payment *a = p;
    int m = payment_method_parse(a->method, strlen(a->method));
    const struct payment_bank *bank =
        payment_bank_find(a->bank_code, strlen(a->bank_code));
    const struct payment_wallet *w =
        payment_wallet_find(a->wallet_provider, strlen(a->wallet_provider));
    json_t *o = json_pack(
        "{s:I, s:s, s:o, s:s, s:s, s:s, s:s}", "id", (json_int_t)a->id,
        "valid_from", a->valid_from, "valid_to", str_or_null(a->valid_to),
        "method", a->method, "method_name", payment_method_name(m),
        "recorded_at", a->recorded_at, "recorded_by", a->recorded_by);

    if (o == NULL)
        return NULL;
    if (m == PAYMENT_CASH) {
        json_object_set_new(o, "point_name", json_string(a->point_name));
        json_object_set_new(o, "point_officer", str_or_null(a->point_officer));
    } else if (m == PAYMENT_BANK) {
        json_object_set_new(o, "bank_code", json_string(a->bank_code));
        json_object_set_new(o, "bank_name",
                            bank ? json_string(bank->short_name) : json_null());
        json_object_set_new(o, "account_number",
                            json_string(a->account_number));
    } else {
        json_object_set_new(o, "wallet_provider",
                            json_string(a->wallet_provider));
        json_object_set_new(o, "wallet_name",
                            w ? json_string(w->name_vi) : json_null());
        json_object_set_new(o, "account_number",
                            json_string(a->account_number));
    }
    json_object_set_new(
        o, "receiver",
        a->receiver_name[0] == '\0'
            ? json_null()
            : json_pack("{s:s, s:o, s:s, s:s}", "full_name", a->receiver_name,
                        "id_number", str_or_null(a->receiver_id_number),
                        "relationship", a->receiver_relationship, "document",
                        a->receiver_document));
    return o;
}

json_t *reg_document_json(const void *p)
{
    const struct store_document *d = p;

    return json_pack(
        "{s:I, s:s, s:s, s:s, s:o, s:s, s:o}", "id", (json_int_t)d->id, "kind",
        d->kind, "type", d->type, "number", d->number, "issued_on",
        str_or_null(d->issued_on), "issuer", d->issuer, "membership_id",
        d->membership_id ? json_integer(d->membership_id) : json_null());
}

/* --- validation ---------------------------------------------------------- */

static int is_digits(const char *s, size_t n)
{
    size_t i;

    if (strlen(s) != n)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

int app_person_check(const struct app_person_input *in, int create,
                     struct date today, struct app_reg_err *err)
{
    struct date birth, since;
    struct cccd_info info;
    char msg[256];
    int rc;

    rc = reg_check_text("full_name", "Họ và tên", in->full_name, 1,
                        APP_REG_NAME_MAX, err);
    if (rc == APP_REG_OK)
        rc = reg_check_date("birth_date", "Ngày sinh", in->birth_date, 0,
                            &today, &birth, err);
    if (rc != APP_REG_OK)
        return rc;
    if (in->sex == NULL)
        return reg_fail(err, APP_REG_EINVAL, "missing_field", "sex",
                        "Thiếu giới tính.");
    if (strcmp(in->sex, "M") != 0 && strcmp(in->sex, "F") != 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_sex", "sex",
                        "Giới tính phải là \"M\" (nam) hoặc \"F\" (nữ).");
    if (in->id_number != NULL) {
        if (cccd_parse(in->id_number, strlen(in->id_number), &info, msg,
                       sizeof msg) != CCCD_OK)
            return reg_fail(err, APP_REG_EINVAL, "invalid_cccd", "id_number",
                            "%s.", msg);
        if (cccd_check_person(&info, birth.y, in->sex[0], msg, sizeof msg) !=
            CCCD_OK)
            return reg_fail(err, APP_REG_EINVAL, "invalid_cccd", "id_number",
                            "%s.", msg);
    }
    if (in->has_household_id && in->household_id < 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_field", "household_id",
                        "Mã hộ phải là số nguyên dương.");
    if (!create)
        return APP_REG_OK;
    if (in->unit_code == NULL)
        return reg_fail(err, APP_REG_EINVAL, "missing_field",
                        "residence.unit_code",
                        "Thiếu mã xã nơi cư trú (5 chữ số).");
    if (!is_digits(in->unit_code, 5))
        return reg_fail(err, APP_REG_EINVAL, "invalid_code",
                        "residence.unit_code",
                        "Mã xã nơi cư trú gồm 5 chữ số.");
    rc = reg_check_text("residence.address", "Địa chỉ", in->address, 0,
                        APP_REG_TEXT_MAX, err);
    if (rc == APP_REG_OK)
        rc = reg_check_date("residence.valid_from", "Ngày bắt đầu cư trú",
                            in->resident_since, 1, &today, &since, err);
    if (rc == APP_REG_OK && in->resident_since != NULL &&
        date_cmp(since, birth) < 0)
        rc = reg_fail(err, APP_REG_EINVAL, "invalid_date",
                      "residence.valid_from",
                      "Ngày bắt đầu cư trú không được trước ngày sinh.");
    return rc;
}

/* --- JSON of a person ---------------------------------------------------- */

static json_t *person_json(const struct store_person *p)
{
    char sex[2] = {p->sex, '\0'};

    return json_pack(
        "{s:I, s:o, s:s, s:s, s:s, s:o, s:I}", "id", (json_int_t)p->id,
        "id_number", str_or_null(p->id_number), "full_name", p->full_name,
        "birth_date", p->birth_date, "sex", sex, "household_id",
        p->household_id ? json_integer(p->household_id) : json_null(),
        "version", (json_int_t)p->version);
}

/* The audited values of a person (no version, no id). */
static json_t *person_values(const struct store_person_new *p)
{
    char sex[2] = {p->sex, '\0'};

    return json_pack("{s:o, s:s, s:s, s:s, s:o}", "id_number",
                     str_or_null(p->id_number), "full_name", p->full_name,
                     "birth_date", p->birth_date, "sex", sex, "household_id",
                     p->household_id ? json_integer(p->household_id)
                                     : json_null());
}

/* --- create -------------------------------------------------------------- */

struct create_tx {
    const struct app_scope *scope;
    const char *actor;
    const struct app_person_input *in;
    char today[11];
    int64_t id;
    struct app_reg_err *err;
};

/* A household given with a person must lie in scope. */
static int check_household(struct db *db, const struct app_scope *scope,
                           int64_t hid, const char *today,
                           struct app_reg_err *err)
{
    struct store_household h;
    int rc;

    rc = store_persons_household_get(db, hid, &h);
    if (rc == DB_OK)
        rc = app_scope_contains(db, scope, h.unit_code, today);
    if (rc == 1)
        return APP_REG_OK;
    if (rc == 0 || rc == DB_ENOTFOUND)
        return reg_fail(
            err, APP_REG_EINVAL, "invalid_household", "household_id",
            "Không có hộ mã %" PRId64 " trong phạm vi của bạn.", hid);
    return reg_store_fail(db, err, rc);
}

static int create_fn(struct db *db, void *arg)
{
    struct create_tx *t = arg;
    const struct app_person_input *in = t->in;
    struct store_person_new p;
    struct store_person stored;
    const char *since = in->resident_since ? in->resident_since : t->today;
    json_t *newv;
    int rc;

    rc = app_scope_contains(db, t->scope, in->unit_code, t->today);
    if (rc < 0)
        return reg_store_fail(db, t->err, rc);
    if (rc == 0)
        return reg_fail(t->err, APP_REG_EINVAL, "out_of_scope",
                        "residence.unit_code",
                        "Xã mã %s không thuộc phạm vi của bạn (hoặc không "
                        "tồn tại vào hôm nay).",
                        in->unit_code);
    if (in->has_household_id && in->household_id > 0) {
        rc = check_household(db, t->scope, in->household_id, t->today, t->err);
        if (rc != APP_REG_OK)
            return rc;
    }
    p.id_number = in->id_number;
    p.full_name = in->full_name;
    p.birth_date = in->birth_date;
    p.sex = in->sex[0];
    p.household_id = in->has_household_id ? in->household_id : 0;
    rc = store_persons_add(db, NULL, &p, &t->id);
    if (rc == DB_ECONFLICT)
        return reg_fail(t->err, APP_REG_EDUPLICATE, "duplicate_id_number",
                        "id_number", "Số định danh %s đã có trong hệ thống.",
                        in->id_number ? in->id_number : "");
    if (rc == DB_OK)
        rc = store_persons_residence_add(db, NULL, t->id, in->unit_code,
                                         in->address, since, NULL, NULL);
    if (rc == DB_OK)
        rc = store_persons_get(db, t->id, &stored);
    if (rc != DB_OK)
        return reg_store_fail(db, t->err, rc);
    p.full_name = stored.full_name;
    newv = person_values(&p);
    json_object_set_new(newv, "residence",
                        json_pack("{s:s, s:s, s:s}", "unit_code", in->unit_code,
                                  "address", in->address ? in->address : "",
                                  "valid_from", since));
    rc = reg_audit(db, t->actor, "person.create", "person", t->id, t->id,
                   in->unit_code, t->today, NULL, newv);
    json_decref(newv);
    return rc == DB_OK ? APP_REG_OK : reg_store_fail(db, t->err, rc);
}

int app_person_create(struct db *db, const struct app_scope *scope,
                      const char *actor, const struct app_person_input *in,
                      int64_t *id, struct app_reg_err *err)
{
    struct create_tx t;
    int rc;

    memset(&t, 0, sizeof t);
    reg_today(t.today);
    rc = app_person_check(in, 1, clock_today_vn(), err);
    if (rc != APP_REG_OK)
        return rc;
    t.scope = scope;
    t.actor = actor;
    t.in = in;
    t.err = err;
    rc = db_transact(db, create_fn, &t);
    if (rc == DB_OK && id != NULL)
        *id = t.id;
    return rc;
}

/* --- update -------------------------------------------------------------- */

struct update_tx {
    const struct app_scope *scope;
    const char *actor;
    int64_t id;
    const struct app_person_input *in;
    char today[11];
    int64_t version;
    struct app_reg_err *err;
};

/* Add key old -> new to the diff when they differ. */
static void diff(json_t *oldv, json_t *newv, json_t *o, json_t *n,
                 const char *key)
{
    json_t *a = json_object_get(o, key), *b = json_object_get(n, key);

    if (!json_equal(a, b)) {
        json_object_set(oldv, key, a);
        json_object_set(newv, key, b);
    }
}

static int update_fn(struct db *db, void *arg)
{
    static const char *const keys[] = {"id_number", "full_name", "birth_date",
                                       "sex", "household_id"};
    struct update_tx *t = arg;
    const struct app_person_input *in = t->in;
    struct app_person_input merged;
    struct store_person cur;
    struct store_person_new p;
    char unit[8], sex[2];
    json_t *o = NULL, *n = NULL, *oldv = NULL, *newv = NULL;
    int rc;

    rc = reg_person_visible(db, t->scope, t->id, t->today, unit, t->err);
    if (rc != 1)
        return rc == 0 ? APP_REG_ENOTFOUND : rc;
    rc = store_persons_get(db, t->id, &cur);
    if (rc != DB_OK)
        return reg_store_fail(db, t->err, rc);
    if (cur.version != in->version)
        return reg_fail(
            t->err, APP_REG_ECONFLICT, "version_conflict", "version",
            "Hồ sơ đã được người khác sửa (phiên bản hiện tại "
            "%" PRId64 ", bạn gửi %" PRId64 "). Hãy tải lại rồi sửa tiếp.",
            cur.version, in->version);
    /* The stored record with the fields sent laid over it, checked whole:
     * a new birth date must still agree with the stored CCCD. */
    memset(&merged, 0, sizeof merged);
    sex[0] = cur.sex;
    sex[1] = '\0';
    merged.full_name = in->has_full_name ? in->full_name : cur.full_name;
    merged.birth_date = in->has_birth_date ? in->birth_date : cur.birth_date;
    merged.sex = in->has_sex ? in->sex : sex;
    merged.id_number = in->has_id_number  ? in->id_number
                       : cur.id_number[0] ? cur.id_number
                                          : NULL;
    merged.has_household_id = 1;
    merged.household_id =
        in->has_household_id ? in->household_id : cur.household_id;
    rc = app_person_check(&merged, 0, clock_today_vn(), t->err);
    if (rc != APP_REG_OK)
        return rc;
    if (in->has_household_id && in->household_id > 0 &&
        in->household_id != cur.household_id) {
        rc = check_household(db, t->scope, in->household_id, t->today, t->err);
        if (rc != APP_REG_OK)
            return rc;
    }
    p.id_number = merged.id_number;
    p.full_name = merged.full_name;
    p.birth_date = merged.birth_date;
    p.sex = merged.sex[0];
    p.household_id = merged.household_id;
    {
        struct store_person_new c = {cur.id_number[0] ? cur.id_number : NULL,
                                     cur.full_name, cur.birth_date, cur.sex,
                                     cur.household_id};
        char *clean = NULL;

        o = person_values(&c);
        /* Compare the name as it will be stored (NFC, trimmed). */
        if (text_clean(p.full_name, strlen(p.full_name), APP_REG_NAME_MAX,
                       TEXT_TRIM, &clean, NULL) == TEXT_OK) {
            struct store_person_new q = p;

            q.full_name = clean;
            n = person_values(&q);
        }
        free(clean);
    }
    if (o == NULL || n == NULL) {
        rc = reg_store_fail(db, t->err, DB_ERROR);
        goto out;
    }
    oldv = json_object();
    newv = json_object();
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        diff(oldv, newv, o, n, keys[i]);
    if (json_object_size(newv) == 0) { /* nothing changes */
        t->version = cur.version;
        rc = APP_REG_OK;
        goto out;
    }
    rc = store_persons_update(db, t->id, in->version, &p, &t->version);
    if (rc == DB_ECONFLICT && p.id_number != NULL &&
        strstr(db_errmsg(db), "định danh") != NULL) {
        rc = reg_fail(t->err, APP_REG_EDUPLICATE, "duplicate_id_number",
                      "id_number", "Số định danh %s đã có trong hệ thống.",
                      p.id_number);
        goto out;
    }
    if (rc == DB_ECONFLICT) {
        rc = reg_fail(t->err, APP_REG_ECONFLICT, "version_conflict", "version",
                      "%s.", db_errmsg(db));
        goto out;
    }
    if (rc == DB_EFK) {
        rc = reg_fail(t->err, APP_REG_EINVAL, "invalid_household",
                      "household_id", "Không có hộ mã %" PRId64 ".",
                      p.household_id);
        goto out;
    }
    if (rc == DB_OK)
        rc = reg_audit(db, t->actor, "person.update", "person", t->id, t->id,
                       unit, t->today, oldv, newv);
    if (rc != DB_OK)
        rc = reg_store_fail(db, t->err, rc);
out:
    json_decref(o);
    json_decref(n);
    json_decref(oldv);
    json_decref(newv);
    return rc;
}

int app_person_update(struct db *db, const struct app_scope *scope,
                      const char *actor, int64_t id,
                      const struct app_person_input *in, int64_t *version,
                      struct app_reg_err *err)
{
    struct update_tx t;
    int rc;

    if (!in->has_full_name && !in->has_birth_date && !in->has_sex &&
        !in->has_id_number && !in->has_household_id)
        return reg_fail(err, APP_REG_EINVAL, "nothing_to_change", NULL,
                        "Không có trường nào để sửa (full_name, birth_date, "
                        "sex, id_number, household_id).");
    if ((in->has_full_name && in->full_name == NULL) ||
        (in->has_birth_date && in->birth_date == NULL) ||
        (in->has_sex && in->sex == NULL))
        return reg_fail(err, APP_REG_EINVAL, "missing_field",
                        in->has_full_name && !in->full_name     ? "full_name"
                        : in->has_birth_date && !in->birth_date ? "birth_date"
                                                                : "sex",
                        "Trường này không được xóa.");
    memset(&t, 0, sizeof t);
    reg_today(t.today);
    t.scope = scope;
    t.actor = actor;
    t.id = id;
    t.in = in;
    t.err = err;
    rc = db_transact(db, update_fn, &t);
    if (rc == APP_REG_OK && version != NULL)
        *version = t.version;
    return rc;
}

/* --- read ---------------------------------------------------------------- */

static json_t *memberships_json(const struct store_membership_list *ml,
                                const struct store_document_list *dl)
{
    json_t *a = json_array();

    for (size_t i = 0; i < ml->count; i++) {
        const struct store_membership *m = &ml->items[i];
        const struct category_info *c =
            category_find(m->category, strlen(m->category));
        json_t *docs = json_array();

        for (size_t j = 0; j < dl->count; j++)
            if (dl->items[j].membership_id == m->id)
                json_array_append_new(docs, reg_document_json(&dl->items[j]));
        json_array_append_new(
            a, json_pack("{s:I, s:s, s:o, s:o, s:b, s:s, s:o, s:I, s:o}", "id",
                         (json_int_t)m->id, "category", m->category,
                         "category_name",
                         c ? json_string(c->name_vi) : json_null(),
                         "disability", str_or_null(m->disability), "studying",
                         m->studying, "valid_from", m->valid_from, "valid_to",
                         str_or_null(m->valid_to), "version",
                         (json_int_t)m->version, "documents", docs));
    }
    return a;
}

static int read_detail(struct db *db, int64_t id, const char *today,
                       json_t **out)
{
    struct store_residence_list rl = {0};
    struct store_membership_list ml = {0};
    struct store_document_list dl = {0};
    struct store_status_list hl = {0};
    struct store_payment_list pl = {0};
    struct store_person p;
    struct store_household h;
    struct store_beneficiary b;
    json_t *o = NULL, *a;
    int rc, has_b = 0;
    size_t i;

    rc = store_persons_get(db, id, &p);
    if (rc == DB_OK && p.household_id > 0)
        rc = store_persons_household_get(db, p.household_id, &h);
    if (rc == DB_OK)
        rc = store_persons_residences(db, id, &rl);
    if (rc == DB_OK)
        rc = store_persons_memberships(db, id, &ml);
    if (rc == DB_OK)
        rc = store_persons_documents(db, id, &dl);
    if (rc == DB_OK) {
        rc = store_registry_get(db, id, &b);
        has_b = rc == DB_OK;
        if (rc == DB_ENOTFOUND)
            rc = DB_OK;
    }
    if (rc == DB_OK && has_b)
        rc = store_registry_history(db, id, &hl);
    if (rc == DB_OK && has_b)
        rc = store_registry_payments(db, id, &pl);
    if (rc != DB_OK)
        goto out;
    o = json_object();
    json_object_set_new(o, "person", person_json(&p));
    json_object_set_new(o, "household",
                        p.household_id > 0
                            ? json_pack("{s:I, s:o, s:s, s:s}", "id",
                                        (json_int_t)h.id, "code",
                                        str_or_null(h.code), "unit_code",
                                        h.unit_code, "address", h.address)
                            : json_null());
    a = json_array();
    for (i = 0; i < rl.count; i++) {
        const struct store_residence *r = &rl.items[i];

        json_array_append_new(
            a, json_pack("{s:s, s:s, s:s, s:o}", "unit_code", r->unit_code,
                         "address", r->address, "valid_from", r->valid_from,
                         "valid_to", str_or_null(r->valid_to)));
    }
    json_object_set_new(o, "residences", a);
    json_object_set_new(o, "memberships", memberships_json(&ml, &dl));
    a = json_array();
    for (i = 0; i < dl.count; i++)
        if (dl.items[i].membership_id == 0)
            json_array_append_new(a, reg_document_json(&dl.items[i]));
    json_object_set_new(o, "documents", a);
    if (has_b) {
        json_t *bj = reg_beneficiary_json(&b), *hist = json_array();
        json_t *cur = json_null(), *pays = json_array();

        for (i = 0; i < hl.count; i++) {
            const struct store_status_period *s = &hl.items[i];
            const struct registry_reason *r =
                registry_reason_find(s->reason, strlen(s->reason));

            json_array_append_new(
                hist,
                json_pack("{s:s, s:o, s:o, s:s, s:s, s:s, s:o, s:s, s:s}",
                          "status", s->status, "reason", str_or_null(s->reason),
                          "reason_name",
                          r ? json_string(r->name_vi) : json_null(),
                          "reason_text", s->reason_text, "decision_ref",
                          s->decision_ref, "valid_from", s->valid_from,
                          "valid_to", str_or_null(s->valid_to), "recorded_at",
                          s->recorded_at, "recorded_by", s->recorded_by));
        }
        json_object_set_new(bj, "history", hist);
        json_object_set_new(o, "beneficiary", bj);
        for (i = 0; i < pl.count; i++) {
            const struct store_payment *pa = &pl.items[i];

            json_array_append_new(pays, reg_payment_json(pa));
            if (strcmp(pa->valid_from, today) <= 0 &&
                (pa->valid_to[0] == '\0' || strcmp(pa->valid_to, today) > 0)) {
                json_decref(cur);
                cur = reg_payment_json(pa);
            }
        }
        json_object_set_new(
            o, "payment",
            json_pack("{s:o, s:o}", "current", cur, "history", pays));
    } else {
        json_object_set_new(o, "beneficiary", json_null());
        json_object_set_new(o, "payment", json_null());
    }
    *out = o;
out:
    store_residence_list_free(&rl);
    store_membership_list_free(&ml);
    store_document_list_free(&dl);
    store_status_list_free(&hl);
    store_payment_list_free(&pl);
    return rc;
}

int app_person_get(struct db *db, const struct app_scope *scope, int64_t id,
                   json_t **out, struct app_reg_err *err)
{
    char today[11], unit[8];
    int rc;

    *out = NULL;
    reg_today(today);
    rc = db_begin(db, 0);
    if (rc != DB_OK)
        return reg_store_fail(db, err, rc);
    rc = reg_person_visible(db, scope, id, today, unit, err);
    if (rc == 1) {
        rc = read_detail(db, id, today, out);
        if (rc != DB_OK)
            reg_store_fail(db, err, rc);
    } else if (rc == 0) {
        rc = APP_REG_ENOTFOUND;
    }
    db_rollback(db); /* read only */
    return rc;
}

/* --- search -------------------------------------------------------------- */

static int parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
    int64_t v = 0;

    if (s == NULL || s[0] == '\0' || strlen(s) > 9)
        return -1;
    for (const char *c = s; *c; c++) {
        if (*c < '0' || *c > '9')
            return -1;
        v = v * 10 + (*c - '0');
    }
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

static void area_of(const struct app_scope *s, struct store_area *a)
{
    a->level = s->level;
    snprintf(a->code, sizeof a->code, "%s", s->area_code);
}

/* Turn the text filter into a store query (q->name points into *folded,
 * which the caller frees). */
static int filter_check(const struct app_person_filter *f,
                        const struct app_scope *scope, const char *today,
                        struct store_person_query *q, char **folded,
                        int64_t *page, struct app_reg_err *err)
{
    int64_t per = APP_REG_PAGE_DEF;
    size_t n;

    memset(q, 0, sizeof *q);
    *folded = NULL;
    *page = 1;
    q->date = today;
    area_of(scope, &q->scope);
    q->beneficiaries_only = f->beneficiaries_only;
    if (f->page && parse_int(f->page, 1, 100000000, page) != 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_page", "page",
                        "Số trang phải là số nguyên từ 1.");
    if (f->per_page && parse_int(f->per_page, 1, APP_REG_PAGE_MAX, &per) != 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_page", "per_page",
                        "Số dòng mỗi trang phải từ 1 đến %d.",
                        APP_REG_PAGE_MAX);
    q->limit = per;
    q->offset = (*page - 1) * per;
    if (f->unit != NULL) {
        n = strlen(f->unit);
        if ((n != 2 && n != 3 && n != 5) || !is_digits(f->unit, n))
            return reg_fail(err, APP_REG_EINVAL, "invalid_code", "unit",
                            "Mã đơn vị gồm 2 (tỉnh), 3 (huyện) hoặc 5 (xã) "
                            "chữ số.");
        q->unit.level = n == 2 ? 1 : n == 3 ? 2 : 3;
        snprintf(q->unit.code, sizeof q->unit.code, "%s", f->unit);
    }
    if (f->category != NULL) {
        if (category_find(f->category, strlen(f->category)) == NULL) {
            char shown[64];

            return reg_fail(err, APP_REG_EINVAL, "invalid_category", "category",
                            "Không có diện đối tượng mã \"%s\" (K1a ... K8).",
                            reg_clip(f->category, 12, shown, sizeof shown));
        }
        q->category = f->category;
    }
    if (f->status != NULL) {
        if (registry_status_parse(f->status, strlen(f->status)) ==
            REGISTRY_NONE)
            return reg_fail(err, APP_REG_EINVAL, "invalid_status", "status",
                            "Trạng thái phải là enrolled (đang hưởng), "
                            "suspended (tạm dừng) hoặc terminated (thôi "
                            "hưởng).");
        q->status = f->status;
    }
    if (f->q == NULL || f->q[0] == '\0')
        return APP_REG_OK;
    n = strlen(f->q);
    if (strspn(f->q, "0123456789") == n) {
        struct cccd_info info;
        char msg[256];

        /* Any 9 or 12 digits are looked up (an unknown province code
         * simply finds nobody); other lengths are explained. */
        if (cccd_parse(f->q, n, &info, msg, sizeof msg) == CCCD_EFORMAT)
            return reg_fail(err, APP_REG_EINVAL, "invalid_cccd", "q", "%s.",
                            msg);
        q->id_number = f->q;
        return APP_REG_OK;
    }
    if (text_fold(f->q, n, folded, &n) != TEXT_OK)
        return reg_fail(err, APP_REG_EINVAL, "invalid_text", "q",
                        "Từ khóa tìm kiếm không phải UTF-8 hợp lệ.");
    n = text_char_count(*folded, n);
    if (n < 3 || n > APP_REG_NAME_MAX)
        return reg_fail(err, APP_REG_EINVAL, "invalid_query", "q",
                        "Từ khóa tìm theo tên phải từ 3 đến %d ký tự (hoặc "
                        "nhập số CCCD 12 chữ số, CMND 9 chữ số).",
                        APP_REG_NAME_MAX);
    q->name = *folded;
    return APP_REG_OK;
}

int app_person_filter_check(const struct app_person_filter *f,
                            struct app_reg_err *err)
{
    static const struct app_scope everywhere = {APP_SCOPE_NATIONAL, ""};
    struct store_person_query q;
    char today[11], *folded = NULL;
    int64_t page;
    int rc;

    reg_today(today);
    rc = filter_check(f, &everywhere, today, &q, &folded, &page, err);
    free(folded);
    return rc;
}

static json_t *hit_json(struct db *db, const struct store_person_hit *h,
                        const char *today, int with_categories)
{
    char sex[2] = {h->sex, '\0'};
    int st = registry_status_parse(h->status, strlen(h->status));
    json_t *o = json_pack(
        "{s:I, s:o, s:s, s:s, s:s, s:I, s:o, s:o, s:o, s:o}", "id",
        (json_int_t)h->id, "id_number", str_or_null(h->id_number), "full_name",
        h->full_name, "birth_date", h->birth_date, "sex", sex, "version",
        (json_int_t)h->version, "unit_code", str_or_null(h->unit_code),
        "status", str_or_null(h->status), "status_name",
        st ? json_string(registry_status_name(st)) : json_null(), "since",
        str_or_null(h->since));

    if (o != NULL && with_categories) {
        struct store_membership_list ml = {0};
        json_t *cats = json_array();

        if (store_persons_memberships(db, h->id, &ml) == DB_OK)
            for (size_t i = 0; i < ml.count; i++)
                if (strcmp(ml.items[i].valid_from, today) <= 0 &&
                    (ml.items[i].valid_to[0] == '\0' ||
                     strcmp(ml.items[i].valid_to, today) > 0))
                    json_array_append_new(cats,
                                          json_string(ml.items[i].category));
        store_membership_list_free(&ml);
        json_object_set_new(o, "categories", cats);
        json_object_set_new(o, "reason", str_or_null(h->reason));
    }
    return o;
}

int app_person_search(struct db *db, const struct app_scope *scope,
                      const struct app_person_filter *f, json_t **out,
                      struct app_reg_err *err)
{
    struct store_person_hits hits = {0};
    struct store_person_query q;
    char today[11], *folded = NULL;
    int64_t page;
    json_t *items;
    int rc;

    *out = NULL;
    reg_today(today);
    rc = filter_check(f, scope, today, &q, &folded, &page, err);
    if (rc != APP_REG_OK)
        goto out;
    rc = db_begin(db, 0);
    if (rc != DB_OK) {
        reg_store_fail(db, err, rc);
        goto out;
    }
    rc = store_registry_search(db, &q, &hits);
    if (rc == DB_OK) {
        items = json_array();
        for (size_t i = 0; i < hits.count; i++)
            json_array_append_new(items, hit_json(db, &hits.items[i], today,
                                                  f->beneficiaries_only));
        *out = json_pack("{s:I, s:I, s:I, s:o}", "total",
                         (json_int_t)hits.total, "page", (json_int_t)page,
                         "per_page", (json_int_t)q.limit, "items", items);
    } else {
        reg_store_fail(db, err, rc);
    }
    db_rollback(db);
out:
    store_person_hits_free(&hits);
    free(folded);
    return rc;
}
