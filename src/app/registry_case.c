/* registry_case.c: evidence documents, payment arrangements and status
 * changes of beneficiary records (see registry.h). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/registry.h"
#include "app/registry_int.h"
#include "core/cccd.h"
#include "core/payment.h"
#include "core/registry.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "util/clock.h"

/* --- documents ----------------------------------------------------------- */

struct doc_tx {
    const struct app_scope *scope;
    const char *actor;
    int64_t person_id;
    const struct app_document_input *in;
    char today[11];
    int64_t id;
    struct app_reg_err *err;
};

static int doc_fn(struct db *db, void *arg)
{
    struct doc_tx *t = arg;
    const struct app_document_input *in = t->in;
    const struct registry_doc_kind *k =
        registry_doc_kind_find(in->kind, strlen(in->kind));
    struct store_membership_list ml = {0};
    struct store_document_list dl = {0};
    struct store_document_new d;
    char unit[8];
    json_t *newv;
    int rc;

    rc = reg_person_visible(db, t->scope, t->person_id, t->today, unit, t->err);
    if (rc != 1)
        return rc == 0 ? APP_REG_ENOTFOUND : rc;
    if (in->membership_id != 0) {
        int mine = 0;

        rc = store_persons_memberships(db, t->person_id, &ml);
        if (rc != DB_OK)
            return reg_store_fail(db, t->err, rc);
        for (size_t i = 0; i < ml.count; i++)
            mine |= ml.items[i].id == in->membership_id;
        store_membership_list_free(&ml);
        if (!mine)
            return reg_fail(t->err, APP_REG_EINVAL, "invalid_membership",
                            "membership_id",
                            "Người này không có diện hưởng mã %" PRId64 ".",
                            in->membership_id);
    }
    memset(&d, 0, sizeof d);
    d.person_id = t->person_id;
    d.membership_id = in->membership_id;
    d.type = in->type ? in->type : k->name_vi;
    d.number = in->number;
    d.issued_on = in->issued_on;
    d.issuer = in->issuer;
    rc = store_persons_document_add_kind(db, NULL, &d, k->code, &t->id);
    if (rc != DB_OK)
        return reg_store_fail(db, t->err, rc);
    /* Audit the document as stored (cleaned text). */
    rc = store_persons_documents(db, t->person_id, &dl);
    if (rc != DB_OK)
        return reg_store_fail(db, t->err, rc);
    newv = NULL;
    for (size_t i = 0; i < dl.count; i++)
        if (dl.items[i].id == t->id)
            newv = reg_document_json(&dl.items[i]);
    store_document_list_free(&dl);
    rc = reg_audit(db, t->actor, "document.create", "document", t->id,
                   t->person_id, unit, t->today, NULL, newv);
    json_decref(newv);
    return rc == DB_OK ? APP_REG_OK : reg_store_fail(db, t->err, rc);
}

int app_document_check(const struct app_document_input *in,
                       struct app_reg_err *err)
{
    char shown[128];
    struct date today = clock_today_vn();
    int rc;

    if (in->kind == NULL)
        return reg_fail(err, APP_REG_EINVAL, "missing_field", "kind",
                        "Thiếu loại giấy tờ (kind).");
    if (registry_doc_kind_find(in->kind, strlen(in->kind)) == NULL)
        return reg_fail(err, APP_REG_EINVAL, "invalid_kind", "kind",
                        "Không có loại giấy tờ \"%s\" (birth_certificate, "
                        "disability_certificate, hiv_confirmation, "
                        "death_certificate, poverty_certificate, ...).",
                        reg_clip(in->kind, 30, shown, sizeof shown));
    if ((rc = reg_check_text("type", "Tên giấy tờ", in->type, 0,
                             APP_REG_TEXT_MAX, err)) != APP_REG_OK ||
        (rc = reg_check_text("number", "Số giấy tờ", in->number, 0,
                             APP_REG_TEXT_MAX, err)) != APP_REG_OK ||
        (rc = reg_check_text("issuer", "Nơi cấp", in->issuer, 0,
                             APP_REG_TEXT_MAX, err)) != APP_REG_OK ||
        (rc = reg_check_date("issued_on", "Ngày cấp", in->issued_on, 1, &today,
                             NULL, err)) != APP_REG_OK)
        return rc;
    if (in->type != NULL) {
        /* A title that is only white space falls back to the kind's. */
        if (reg_check_text("type", "Tên giấy tờ", in->type, 1, APP_REG_TEXT_MAX,
                           NULL) != APP_REG_OK)
            return reg_fail(err, APP_REG_EINVAL, "missing_field", "type",
                            "Tên giấy tờ không được để trống.");
    }
    if (in->membership_id < 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_membership",
                        "membership_id", "Mã diện hưởng phải là số dương.");
    return APP_REG_OK;
}

int app_document_add(struct db *db, const struct app_scope *scope,
                     const char *actor, int64_t person_id,
                     const struct app_document_input *in, int64_t *id,
                     struct app_reg_err *err)
{
    struct doc_tx t;
    int rc;

    rc = app_document_check(in, err);
    if (rc != APP_REG_OK)
        return rc;
    memset(&t, 0, sizeof t);
    reg_today(t.today);
    t.scope = scope;
    t.actor = actor;
    t.person_id = person_id;
    t.in = in;
    t.err = err;
    rc = db_transact(db, doc_fn, &t);
    if (rc == APP_REG_OK && id != NULL)
        *id = t.id;
    return rc;
}

/* --- payment ------------------------------------------------------------- */

struct pay_tx {
    const struct app_scope *scope;
    const char *actor;
    int64_t person_id;
    const struct app_payment_input *in;
    char today[11];
    int64_t version;
    struct app_reg_err *err;
};

int app_payment_check(const struct app_payment_input *in,
                      struct app_reg_err *err)
{
    char shown[128];
    int method = in->method
                     ? payment_method_parse(in->method, strlen(in->method))
                     : PAYMENT_NONE;
    char msg[200];
    int rc;

    rc = reg_check_date("valid_from", "Ngày áp dụng", in->valid_from, 0, NULL,
                        NULL, err);
    if (rc != APP_REG_OK)
        return rc;
    if (in->method == NULL)
        return reg_fail(err, APP_REG_EINVAL, "missing_field", "method",
                        "Thiếu phương thức chi trả (cash, bank, ewallet).");
    if (method == PAYMENT_NONE)
        return reg_fail(err, APP_REG_EINVAL, "invalid_method", "method",
                        "Phương thức chi trả phải là cash (tiền mặt), bank "
                        "(tài khoản ngân hàng) hoặc ewallet (ví điện tử).");
    switch (method) {
    case PAYMENT_CASH:
        if (in->bank_code || in->account_number || in->wallet_provider)
            return reg_fail(err, APP_REG_EINVAL, "invalid_field",
                            in->bank_code        ? "bank_code"
                            : in->account_number ? "account_number"
                                                 : "wallet_provider",
                            "Chi trả tiền mặt không kèm ngân hàng, tài khoản "
                            "hay ví điện tử.");
        if ((rc = reg_check_text("point_name", "Điểm chi trả", in->point_name,
                                 1, APP_REG_TEXT_MAX, err)) != APP_REG_OK ||
            (rc = reg_check_text(
                 "point_officer", "Cán bộ phụ trách điểm chi trả",
                 in->point_officer, 0, APP_REG_NAME_MAX, err)) != APP_REG_OK)
            return rc;
        break;
    case PAYMENT_BANK:
        if (in->point_name || in->point_officer || in->wallet_provider)
            return reg_fail(err, APP_REG_EINVAL, "invalid_field",
                            in->point_name      ? "point_name"
                            : in->point_officer ? "point_officer"
                                                : "wallet_provider",
                            "Chuyển khoản ngân hàng không kèm điểm chi trả "
                            "hay ví điện tử.");
        if (in->bank_code == NULL)
            return reg_fail(err, APP_REG_EINVAL, "missing_field", "bank_code",
                            "Thiếu mã ngân hàng (mã BIN 6 chữ số, ví dụ "
                            "970405 Agribank).");
        if (payment_bank_find(in->bank_code, strlen(in->bank_code)) == NULL)
            return reg_fail(err, APP_REG_EINVAL, "invalid_bank", "bank_code",
                            "Không có ngân hàng mã \"%s\" trong danh mục "
                            "(mã BIN 6 chữ số, ví dụ 970405 Agribank).",
                            reg_clip(in->bank_code, 12, shown, sizeof shown));
        if (payment_check_account(
                in->account_number,
                in->account_number ? strlen(in->account_number) : 0, msg,
                sizeof msg) != PAYMENT_OK)
            return reg_fail(err, APP_REG_EINVAL, "invalid_account",
                            "account_number", "%s", msg);
        break;
    default:
        if (in->point_name || in->point_officer || in->bank_code)
            return reg_fail(err, APP_REG_EINVAL, "invalid_field",
                            in->point_name      ? "point_name"
                            : in->point_officer ? "point_officer"
                                                : "bank_code",
                            "Ví điện tử không kèm điểm chi trả hay ngân "
                            "hàng.");
        if (in->wallet_provider == NULL)
            return reg_fail(err, APP_REG_EINVAL, "missing_field",
                            "wallet_provider",
                            "Thiếu nhà cung cấp ví điện tử.");
        if (payment_wallet_find(in->wallet_provider,
                                strlen(in->wallet_provider)) == NULL)
            return reg_fail(
                err, APP_REG_EINVAL, "invalid_wallet", "wallet_provider",
                "Không có ví điện tử \"%s\" (viettel_money, "
                "vnpt_money, postpay, momo, zalopay).",
                reg_clip(in->wallet_provider, 20, shown, sizeof shown));
        if (payment_check_wallet_number(
                in->account_number,
                in->account_number ? strlen(in->account_number) : 0, msg,
                sizeof msg) != PAYMENT_OK)
            return reg_fail(err, APP_REG_EINVAL, "invalid_account",
                            "account_number", "%s", msg);
        break;
    }
    if (in->version < 1)
        return reg_fail(err, APP_REG_EINVAL, "missing_field", "version",
                        "Thiếu phiên bản hồ sơ hưởng (version) đã đọc.");
    if (!in->has_receiver)
        return APP_REG_OK;
    if ((rc = reg_check_text("receiver.full_name", "Họ tên người nhận thay",
                             in->receiver_name, 1, APP_REG_NAME_MAX, err)) !=
            APP_REG_OK ||
        (rc = reg_check_text("receiver.relationship", "Quan hệ với người hưởng",
                             in->receiver_relationship, 1, APP_REG_TEXT_MAX,
                             err)) != APP_REG_OK ||
        (rc = reg_check_text("receiver.document", "Giấy ủy quyền",
                             in->receiver_document, 1, APP_REG_TEXT_MAX,
                             err)) != APP_REG_OK)
        return rc;
    if (in->receiver_id_number != NULL &&
        cccd_parse(in->receiver_id_number, strlen(in->receiver_id_number),
                   &(struct cccd_info){0}, msg, sizeof msg) != CCCD_OK)
        return reg_fail(err, APP_REG_EINVAL, "invalid_cccd",
                        "receiver.id_number", "%s.", msg);
    return APP_REG_OK;
}

/* The open arrangement of a person (the last one) into *out; 0 if none. */
static int current_payment(struct db *db, int64_t person_id,
                           struct store_payment *out)
{
    struct store_payment_list pl = {0};
    int rc, found = 0;

    rc = store_registry_payments(db, person_id, &pl);
    if (rc != DB_OK)
        return rc;
    for (size_t i = 0; i < pl.count; i++)
        if (pl.items[i].valid_to[0] == '\0') {
            *out = pl.items[i];
            found = 1;
        }
    store_payment_list_free(&pl);
    return found;
}

static int pay_fn(struct db *db, void *arg)
{
    struct pay_tx *t = arg;
    const struct app_payment_input *in = t->in;
    struct store_beneficiary b;
    struct store_payment old, now;
    struct store_payment_new p;
    char unit[8], d[11];
    int64_t pid = 0;
    json_t *oldv = NULL, *newv = NULL;
    int rc, had;

    rc = reg_person_visible(db, t->scope, t->person_id, t->today, unit, t->err);
    if (rc != 1)
        return rc == 0 ? APP_REG_ENOTFOUND : rc;
    rc = store_registry_get(db, t->person_id, &b);
    if (rc == DB_ENOTFOUND)
        return reg_fail(t->err, APP_REG_ESTATE, "not_beneficiary", NULL,
                        "Người này chưa có hồ sơ hưởng trợ cấp nên chưa có "
                        "phương thức chi trả.");
    if (rc != DB_OK)
        return reg_store_fail(db, t->err, rc);
    if (b.version != in->version)
        return reg_fail(
            t->err, APP_REG_ECONFLICT, "version_conflict", "version",
            "Hồ sơ hưởng đã được người khác sửa (phiên bản hiện "
            "tại %" PRId64 ", bạn gửi %" PRId64 "). Hãy tải lại rồi sửa tiếp.",
            b.version, in->version);
    if (strcmp(b.status, "terminated") == 0)
        return reg_fail(t->err, APP_REG_ESTATE, "terminated", NULL,
                        "Đối tượng đã thôi hưởng trợ cấp.");
    had = current_payment(db, t->person_id, &old);
    if (had < 0)
        return reg_store_fail(db, t->err, had);
    if (had && strcmp(in->valid_from, old.valid_from) <= 0) {
        struct date od;

        date_parse_iso(old.valid_from, 10, &od);
        date_format_vn(od, d);
        return reg_fail(t->err, APP_REG_ESTATE, "invalid_date", "valid_from",
                        "Ngày áp dụng phải sau ngày bắt đầu của phương thức "
                        "chi trả hiện tại (%s).",
                        d);
    }
    memset(&p, 0, sizeof p);
    p.person_id = t->person_id;
    p.valid_from = in->valid_from;
    p.method = in->method;
    p.point_name = in->point_name;
    p.point_officer = in->point_officer;
    p.bank_code = in->bank_code;
    p.account_number = in->account_number;
    p.wallet_provider = in->wallet_provider;
    if (in->has_receiver) {
        p.receiver_name = in->receiver_name;
        p.receiver_id_number = in->receiver_id_number;
        p.receiver_relationship = in->receiver_relationship;
        p.receiver_document = in->receiver_document;
    }
    p.expected_version = in->version;
    p.actor = t->actor;
    rc = store_registry_payment_set(db, &p, &t->version, &pid);
    if (rc == DB_ECONFLICT)
        return reg_fail(t->err, APP_REG_ECONFLICT, "version_conflict",
                        "version", "%s.", db_errmsg(db));
    if (rc != DB_OK)
        return reg_store_fail(db, t->err, rc);
    rc = current_payment(db, t->person_id, &now);
    if (rc < 0)
        return reg_store_fail(db, t->err, rc);
    if (had) {
        /* The replaced arrangement as it ends now. */
        snprintf(old.valid_to, sizeof old.valid_to, "%s", in->valid_from);
        oldv = reg_payment_json(&old);
    }
    newv = rc == 1 ? reg_payment_json(&now) : NULL;
    json_object_del(oldv, "recorded_at");
    json_object_del(newv, "recorded_at");
    rc = reg_audit(db, t->actor, "payment.set", "payment", pid, t->person_id,
                   unit, t->today, oldv, newv);
    json_decref(oldv);
    json_decref(newv);
    return rc == DB_OK ? APP_REG_OK : reg_store_fail(db, t->err, rc);
}

int app_payment_set(struct db *db, const struct app_scope *scope,
                    const char *actor, int64_t person_id,
                    const struct app_payment_input *in, int64_t *version,
                    struct app_reg_err *err)
{
    struct pay_tx t;
    int rc;

    rc = app_payment_check(in, err);
    if (rc != APP_REG_OK)
        return rc;
    memset(&t, 0, sizeof t);
    reg_today(t.today);
    t.scope = scope;
    t.actor = actor;
    t.person_id = person_id;
    t.in = in;
    t.err = err;
    rc = db_transact(db, pay_fn, &t);
    if (rc == APP_REG_OK && version != NULL)
        *version = t.version;
    return rc;
}

/* --- status -------------------------------------------------------------- */

struct status_tx {
    const struct app_scope *scope;
    const char *actor;
    int64_t person_id;
    const struct app_status_input *in;
    char today[11];
    int64_t version;
    struct app_reg_err *err;
};

static json_t *open_memberships(struct db *db, int64_t person_id,
                                const char *on)
{
    struct store_membership_list ml = {0};
    json_t *a = json_array();

    if (store_persons_memberships(db, person_id, &ml) == DB_OK)
        for (size_t i = 0; i < ml.count; i++)
            if (strcmp(ml.items[i].valid_from, on) < 0 &&
                (ml.items[i].valid_to[0] == '\0' ||
                 strcmp(ml.items[i].valid_to, on) > 0))
                json_array_append_new(
                    a, json_pack("{s:I, s:s, s:o}", "id",
                                 (json_int_t)ml.items[i].id, "category",
                                 ml.items[i].category, "valid_to",
                                 ml.items[i].valid_to[0]
                                     ? json_string(ml.items[i].valid_to)
                                     : json_null()));
    store_membership_list_free(&ml);
    return a;
}

static int status_fn(struct db *db, void *arg)
{
    struct status_tx *t = arg;
    const struct app_status_input *in = t->in;
    struct store_beneficiary b, after;
    struct store_status_change c;
    struct date since = {0, 0, 0}, on;
    char unit[8], msg[256];
    int from = REGISTRY_NONE, to, rc;
    json_t *oldv = NULL, *newv = NULL, *ended = NULL;

    rc = reg_person_visible(db, t->scope, t->person_id, t->today, unit, t->err);
    if (rc != 1)
        return rc == 0 ? APP_REG_ENOTFOUND : rc;
    rc = store_registry_get(db, t->person_id, &b);
    if (rc == DB_OK) {
        from = registry_status_parse(b.status, strlen(b.status));
        date_parse_iso(b.since, strlen(b.since), &since);
    } else if (rc != DB_ENOTFOUND) {
        return reg_store_fail(db, t->err, rc);
    }
    if ((from == REGISTRY_NONE) != (in->version == 0) ||
        (from != REGISTRY_NONE && b.version != in->version))
        return reg_fail(t->err, APP_REG_ECONFLICT, "version_conflict",
                        "version",
                        from == REGISTRY_NONE
                            ? "Người này chưa có hồ sơ hưởng: phiên bản phải "
                              "là 0."
                            : "Hồ sơ hưởng đã được người khác sửa; hãy tải "
                              "lại rồi làm tiếp.");
    to = registry_status_parse(in->status, strlen(in->status));
    date_parse_iso(in->valid_from, strlen(in->valid_from), &on);
    rc = registry_check_change(from, since, from ? b.reason : NULL, to,
                               in->reason, on, msg, sizeof msg);
    if (rc != REGISTRY_OK)
        return reg_fail(
            t->err, rc == REGISTRY_EREASON ? APP_REG_EINVAL : APP_REG_ESTATE,
            rc == REGISTRY_EREASON ? "invalid_reason"
            : rc == REGISTRY_EDATE ? "invalid_date"
                                   : "invalid_transition",
            rc == REGISTRY_EREASON ? "reason"
            : rc == REGISTRY_EDATE ? "valid_from"
                                   : "status",
            "%s", msg);
    if (to == REGISTRY_TERMINATED)
        ended = open_memberships(db, t->person_id, in->valid_from);
    memset(&c, 0, sizeof c);
    c.person_id = t->person_id;
    c.status = in->status;
    c.reason = in->reason;
    c.reason_text = in->reason_text;
    c.decision_ref = in->decision_ref;
    c.valid_from = in->valid_from;
    c.expected_version = in->version;
    c.actor = t->actor;
    rc = store_registry_status_set(db, &c, &t->version);
    if (rc == DB_ECONFLICT)
        rc = reg_fail(t->err, APP_REG_ECONFLICT, "version_conflict", "version",
                      "%s.", db_errmsg(db));
    else if (rc == DB_ECHECK)
        rc = reg_fail(t->err, APP_REG_ESTATE, "invalid_state", NULL, "%s.",
                      db_errmsg(db));
    else if (rc == DB_OK)
        rc = store_registry_get(db, t->person_id, &after);
    if (rc != DB_OK) {
        json_decref(ended);
        return rc < 0 && rc > -100 ? reg_store_fail(db, t->err, rc) : rc;
    }
    if (from != REGISTRY_NONE) {
        oldv = reg_beneficiary_json(&b);
        json_object_del(oldv, "version");
    }
    newv = reg_beneficiary_json(&after);
    json_object_del(newv, "version");
    if (ended != NULL && json_array_size(ended) > 0) {
        json_t *closed = json_deep_copy(ended);
        size_t i;
        json_t *m;

        json_array_foreach(closed, i, m)
            json_object_set_new(m, "valid_to", json_string(in->valid_from));
        json_object_set_new(oldv, "memberships", ended);
        json_object_set_new(newv, "memberships", closed);
        ended = NULL;
    }
    json_decref(ended);
    rc = reg_audit(db, t->actor, "beneficiary.status", "beneficiary",
                   t->person_id, t->person_id, unit, t->today, oldv, newv);
    json_decref(oldv);
    json_decref(newv);
    return rc == DB_OK ? APP_REG_OK : reg_store_fail(db, t->err, rc);
}

int app_beneficiary_status(struct db *db, const struct app_scope *scope,
                           const char *actor, int64_t person_id,
                           const struct app_status_input *in, int64_t *version,
                           struct app_reg_err *err)
{
    struct status_tx t;
    int rc;

    if (in->status == NULL ||
        registry_status_parse(in->status, strlen(in->status)) == REGISTRY_NONE)
        return reg_fail(err, APP_REG_EINVAL, "invalid_status", "status",
                        "Trạng thái phải là enrolled, suspended hoặc "
                        "terminated.");
    if ((rc = reg_check_date("valid_from", "Ngày hiệu lực", in->valid_from, 0,
                             NULL, NULL, err)) != APP_REG_OK ||
        (rc = reg_check_text("reason_text", "Ghi chú lý do", in->reason_text, 0,
                             APP_REG_TEXT_MAX, err)) != APP_REG_OK ||
        (rc = reg_check_text("decision_ref", "Số quyết định", in->decision_ref,
                             0, APP_REG_TEXT_MAX, err)) != APP_REG_OK)
        return rc;
    if (in->version < 0)
        return reg_fail(err, APP_REG_EINVAL, "invalid_field", "version",
                        "Phiên bản không hợp lệ.");
    memset(&t, 0, sizeof t);
    reg_today(t.today);
    t.scope = scope;
    t.actor = actor;
    t.person_id = person_id;
    t.in = in;
    t.err = err;
    rc = db_transact(db, status_fn, &t);
    if (rc == APP_REG_OK && version != NULL)
        *version = t.version;
    return rc;
}
