/* store_registry.c: beneficiary records, their status history and payment
 * arrangements (see store_registry.h). The person search is in
 * store_search.c. */
#include "store/store_registry.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/payment.h"
#include "core/registry.h"
#include "core/text.h"
#include "store/db.h"
#include "util/clock.h"
#include "util/xalloc.h"

/* --- input checks (same answer on both engines) ------------------------ */

static int check_date(struct db *db, const char *what, const char *s)
{
    struct date d;

    if (s == NULL || date_parse_iso(s, strlen(s), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK,
                            "%s không phải ngày hợp lệ dạng YYYY-MM-DD: '%s'",
                            what, s ? s : "");
    return DB_OK;
}

static int is_blank(const char *s)
{
    return s == NULL || s[0] == '\0';
}

/* Clean optional free text (NULL -> NULL, "" -> NULL unless keep_empty):
 * NFC, trimmed, at most max_chars characters. *out is allocated or NULL. */
static int clean(struct db *db, const char *what, const char *s,
                 size_t max_chars, int keep_empty, char **out)
{
    int rc;

    *out = NULL;
    if (s == NULL)
        return keep_empty ? clean(db, what, "", max_chars, 1, out) : DB_OK;
    rc = text_clean(s, strlen(s), max_chars, TEXT_TRIM, out, NULL);
    if (rc != TEXT_OK)
        return db_set_error(db, DB_ECHECK, "%s: %s", what, text_strerror(rc));
    if ((*out)[0] == '\0' && !keep_empty) {
        free(*out);
        *out = NULL;
    }
    return DB_OK;
}

static int all_digits(const char *s, size_t min, size_t max)
{
    size_t i, n = strlen(s);

    if (n < min || n > max)
        return 0;
    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static void copy_col(struct db_stmt *st, int col, char *out, size_t outlen)
{
    const char *s = db_col_text(st, col, NULL);

    snprintf(out, outlen, "%s", s ? s : "");
}

/* Run a statement that returns no rows; reset it. */
static int exec_done(struct db_stmt *st)
{
    int rc = db_step(st);

    db_reset(st);
    return rc == DB_DONE || rc == DB_ROW ? DB_OK : rc;
}

/* --- records and status ------------------------------------------------- */

#define RECORD_COLS                                                            \
    "SELECT person_id, status, since, reason, reason_text, decision_ref,"      \
    " created_at, version FROM beneficiaries WHERE person_id = $1"

int store_registry_get(struct db *db, int64_t person_id,
                       struct store_beneficiary *out)
{
    static const char sql[] = RECORD_COLS;
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        out->person_id = db_col_int64(st, 0);
        copy_col(st, 1, out->status, sizeof out->status);
        copy_col(st, 2, out->since, sizeof out->since);
        copy_col(st, 3, out->reason, sizeof out->reason);
        copy_col(st, 4, out->reason_text, sizeof out->reason_text);
        copy_col(st, 5, out->decision_ref, sizeof out->decision_ref);
        copy_col(st, 6, out->created_at, sizeof out->created_at);
        out->version = db_col_int64(st, 7);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ENOTFOUND,
                          "Người mã %" PRId64 " chưa có hồ sơ hưởng trợ cấp",
                          person_id);
    }
    db_reset(st);
    return rc;
}

static int check_change(struct db *db, const struct store_status_change *c)
{
    int status = c->status ? registry_status_parse(c->status, strlen(c->status))
                           : REGISTRY_NONE;
    const struct registry_reason *r =
        c->reason ? registry_reason_find(c->reason, strlen(c->reason)) : NULL;
    int rc;

    if (status == REGISTRY_NONE)
        return db_set_error(db, DB_ECHECK,
                            "Trạng thái phải là enrolled, suspended hoặc "
                            "terminated: '%s'",
                            c->status ? c->status : "");
    if (c->reason != NULL && r == NULL)
        return db_set_error(db, DB_ECHECK, "Không có lý do mã '%s'", c->reason);
    if ((status == REGISTRY_ENROLLED) != (r == NULL) ||
        (r != NULL && r->status != status))
        return db_set_error(db, DB_ECHECK,
                            "Lý do '%s' không dùng cho trạng thái %s",
                            c->reason ? c->reason : "", c->status);
    if (c->expected_version == 0 && status != REGISTRY_ENROLLED)
        return db_set_error(db, DB_ECHECK,
                            "Hồ sơ mới phải bắt đầu ở trạng thái đang hưởng");
    if (c->expected_version < 0)
        return db_set_error(db, DB_ECHECK, "Phiên bản hồ sơ không hợp lệ");
    if ((rc = check_date(db, "Ngày hiệu lực", c->valid_from)) != DB_OK)
        return rc;
    if (is_blank(c->actor))
        return db_set_error(db, DB_ECHECK, "Thiếu người thực hiện");
    return DB_OK;
}

/* Insert the history period (person, status, reason, texts, valid_from). */
static int insert_period(struct db *db, const struct store_status_change *c,
                         const char *reason_text, const char *decision_ref)
{
    static const char sql[] =
        "INSERT INTO beneficiary_status (person_id, status, reason,"
        " reason_text, decision_ref, valid_from, recorded_at, recorded_by)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    struct db_stmt *st;
    char now[21];
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    clock_now_utc(now);
    if ((rc = db_bind_int64(st, 1, c->person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, c->status, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, c->reason, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, reason_text, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, decision_ref, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 6, c->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, now, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 8, c->actor, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    return exec_done(st);
}

static int create_record(struct db *db, const struct store_status_change *c,
                         const char *reason_text, const char *decision_ref)
{
    static const char sql[] =
        "INSERT INTO beneficiaries (person_id, status, since, reason,"
        " reason_text, decision_ref, created_at)"
        " VALUES ($1, 'enrolled', $2, NULL, $3, $4, $5)";
    struct db_stmt *st;
    char now[21];
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    clock_now_utc(now);
    if ((rc = db_bind_int64(st, 1, c->person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, c->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, reason_text, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, decision_ref, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, now, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    rc = exec_done(st);
    if (rc == DB_ECONFLICT)
        db_set_error(db, rc, "Người mã %" PRId64 " đã có hồ sơ hưởng trợ cấp",
                     c->person_id);
    return rc;
}

/* The record exists with this version: DB_OK; else DB_ENOTFOUND or
 * DB_ECONFLICT (with both versions in the message). A read, so a refusal
 * leaves the transaction usable (PostgreSQL aborts a transaction on a
 * failed statement). expected -1: any version. */
static int check_version(struct db *db, int64_t person_id, int64_t expected)
{
    struct store_beneficiary cur;
    int rc;

    rc = store_registry_get(db, person_id, &cur);
    if (rc != DB_OK || expected < 0 || cur.version == expected)
        return rc;
    return db_set_error(db, DB_ECONFLICT,
                        "Hồ sơ đã được người khác sửa (phiên bản hiện tại "
                        "%" PRId64 ", bạn gửi %" PRId64 "); hãy tải lại",
                        cur.version, expected);
}

/* Update the record when its version still matches (checked before: a
 * miss here is a concurrent writer, DB_ECONFLICT). */
static int update_record(struct db *db, const struct store_status_change *c,
                         const char *reason_text, const char *decision_ref)
{
    static const char sql[] =
        "UPDATE beneficiaries SET status = $3, since = $4, reason = $5,"
        " reason_text = $6, decision_ref = $7, version = version + 1"
        " WHERE person_id = $1 AND version = $2";
    struct db_stmt *st;
    int64_t changed;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, c->person_id)) != DB_OK ||
        (rc = db_bind_int64(st, 2, c->expected_version)) != DB_OK ||
        (rc = db_bind_text(st, 3, c->status, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, c->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, c->reason, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 6, reason_text, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, decision_ref, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    rc = db_step(st);
    changed = db_changes(st);
    db_reset(st);
    if (rc != DB_DONE)
        return rc;
    if (changed != 1)
        return db_set_error(db, DB_ECONFLICT,
                            "Hồ sơ đã được người khác sửa; hãy tải lại");
    return DB_OK;
}

/* The open status period (payments 0) or payment arrangement (1) must
 * start before `on`: DB_ECHECK otherwise. A read. */
static int check_open(struct db *db, int payments, int64_t person_id,
                      const char *on)
{
    static const char check_status[] =
        "SELECT valid_from FROM beneficiary_status WHERE person_id = $1"
        " AND valid_to IS NULL AND valid_from >= $2";
    static const char check_payment[] =
        "SELECT valid_from FROM payment_arrangements WHERE person_id = $1"
        " AND valid_to IS NULL AND valid_from >= $2";
    struct db_stmt *st;
    char from[11] = "";
    int rc;

    rc = db_prepare(db, payments ? check_payment : check_status, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, person_id)) == DB_OK &&
        (rc = db_bind_text(st, 2, on, (size_t)-1)) == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        copy_col(st, 0, from, sizeof from);
    db_reset(st);
    if (rc == DB_ROW)
        return db_set_error(db, DB_ECHECK,
                            "Ngày hiệu lực (%s) phải sau ngày bắt đầu của %s "
                            "hiện tại (%s)",
                            on, payments ? "phương thức chi trả" : "trạng thái",
                            from);
    return rc == DB_DONE ? DB_OK : rc;
}

/* End the open status period or payment arrangement on `on`. */
static int close_open(struct db *db, int payments, int64_t person_id,
                      const char *on)
{
    static const char close_status[] =
        "UPDATE beneficiary_status SET valid_to = $2 WHERE person_id = $1"
        " AND valid_to IS NULL";
    static const char close_payment[] =
        "UPDATE payment_arrangements SET valid_to = $2 WHERE person_id = $1"
        " AND valid_to IS NULL";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, payments ? close_payment : close_status, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, on, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    return exec_done(st);
}

/* A termination on `on` needs every membership and payment arrangement to
 * start before it: DB_ECHECK otherwise. A read. */
static int check_later(struct db *db, int64_t person_id, const char *on)
{
    static const char later[] =
        "SELECT category, valid_from FROM memberships WHERE person_id = $1"
        " AND valid_from >= $2 UNION ALL SELECT method, valid_from"
        " FROM payment_arrangements WHERE person_id = $1 AND valid_from >= $2";
    struct db_stmt *st;
    char what[8] = "", from[11] = "";
    int rc;

    rc = db_prepare(db, later, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, person_id)) == DB_OK &&
        (rc = db_bind_text(st, 2, on, (size_t)-1)) == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        copy_col(st, 0, what, sizeof what);
        copy_col(st, 1, from, sizeof from);
    }
    db_reset(st);
    if (rc == DB_ROW)
        return db_set_error(db, DB_ECHECK,
                            "Diện hưởng hoặc phương thức chi trả %s bắt đầu "
                            "từ %s, không trước ngày thôi hưởng %s",
                            what, from, on);
    return rc == DB_DONE ? DB_OK : rc;
}

/* A termination on `on`: end the memberships and the payment arrangement
 * open then. */
static int end_memberships(struct db *db, int64_t person_id, const char *on)
{
    static const char close[] =
        "UPDATE memberships SET valid_to = $2, version = version + 1"
        " WHERE person_id = $1 AND valid_from < $2"
        " AND (valid_to IS NULL OR valid_to > $2)";
    static const char close_pay[] =
        "UPDATE payment_arrangements SET valid_to = $2 WHERE person_id = $1"
        " AND valid_from < $2 AND (valid_to IS NULL OR valid_to > $2)";
    struct db_stmt *st;
    int rc;

    for (int i = 0; i < 2; i++) {
        rc = db_prepare(db, i == 0 ? close : close_pay, &st);
        if (rc != DB_OK)
            return rc;
        if ((rc = db_bind_int64(st, 1, person_id)) != DB_OK ||
            (rc = db_bind_text(st, 2, on, (size_t)-1)) != DB_OK) {
            db_reset(st);
            return rc;
        }
        rc = exec_done(st);
        if (rc != DB_OK)
            return rc;
    }
    return DB_OK;
}

int store_registry_status_set(struct db *db,
                              const struct store_status_change *c,
                              int64_t *version)
{
    char *reason_text = NULL, *decision_ref = NULL;
    int terminate = c->status && strcmp(c->status, "terminated") == 0;
    int rc;

    if ((rc = check_change(db, c)) != DB_OK ||
        (rc = clean(db, "Ghi chú lý do", c->reason_text, STORE_REG_TEXT_MAX, 1,
                    &reason_text)) != DB_OK ||
        (rc = clean(db, "Số quyết định", c->decision_ref, STORE_REG_TEXT_MAX, 1,
                    &decision_ref)) != DB_OK)
        goto out;
    /* Every refusal is found by reading, before the first write. */
    if (c->expected_version == 0) {
        rc = check_version(db, c->person_id, -1);
        if (rc == DB_OK)
            rc = db_set_error(db, DB_ECONFLICT,
                              "Người mã %" PRId64 " đã có hồ sơ hưởng trợ cấp",
                              c->person_id);
        else if (rc == DB_ENOTFOUND)
            rc = create_record(db, c, reason_text, decision_ref);
    } else {
        rc = check_version(db, c->person_id, c->expected_version);
        if (rc == DB_OK)
            rc = check_open(db, 0, c->person_id, c->valid_from);
        if (rc == DB_OK && terminate)
            rc = check_later(db, c->person_id, c->valid_from);
        if (rc == DB_OK)
            rc = update_record(db, c, reason_text, decision_ref);
        if (rc == DB_OK)
            rc = close_open(db, 0, c->person_id, c->valid_from);
        if (rc == DB_OK && terminate)
            rc = end_memberships(db, c->person_id, c->valid_from);
    }
    if (rc == DB_OK)
        rc = insert_period(db, c, reason_text, decision_ref);
    if (rc == DB_OK && version != NULL)
        *version = c->expected_version + 1;
out:
    free(reason_text);
    free(decision_ref);
    return rc;
}

void store_status_list_free(struct store_status_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_registry_history(struct db *db, int64_t person_id,
                           struct store_status_list *out)
{
    static const char sql[] =
        "SELECT id, status, reason, reason_text, decision_ref, valid_from,"
        " valid_to, recorded_at, recorded_by FROM beneficiary_status"
        " WHERE person_id = $1 ORDER BY valid_from";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    out->items = NULL;
    out->count = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    while (rc == DB_OK || rc == DB_ROW) {
        struct store_status_period *p;

        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 4;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        p = &out->items[out->count++];
        memset(p, 0, sizeof *p);
        p->id = db_col_int64(st, 0);
        copy_col(st, 1, p->status, sizeof p->status);
        copy_col(st, 2, p->reason, sizeof p->reason);
        copy_col(st, 3, p->reason_text, sizeof p->reason_text);
        copy_col(st, 4, p->decision_ref, sizeof p->decision_ref);
        copy_col(st, 5, p->valid_from, sizeof p->valid_from);
        copy_col(st, 6, p->valid_to, sizeof p->valid_to);
        copy_col(st, 7, p->recorded_at, sizeof p->recorded_at);
        copy_col(st, 8, p->recorded_by, sizeof p->recorded_by);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        store_status_list_free(out);
        return rc;
    }
    return DB_OK;
}

/* --- payment arrangements ---------------------------------------------- */

/* The cleaned fields of a store_payment_new. */
struct pay_clean {
    char *point_name, *point_officer, *receiver_name, *receiver_relationship,
        *receiver_document;
};

static void pay_clean_free(struct pay_clean *p)
{
    free(p->point_name);
    free(p->point_officer);
    free(p->receiver_name);
    free(p->receiver_relationship);
    free(p->receiver_document);
}

static int check_payment(struct db *db, const struct store_payment_new *p,
                         struct pay_clean *pc)
{
    int method = p->method ? payment_method_parse(p->method, strlen(p->method))
                           : PAYMENT_NONE;
    int has_receiver;
    int rc;

    if ((rc = check_date(db, "Ngày áp dụng", p->valid_from)) != DB_OK)
        return rc;
    if (method == PAYMENT_NONE)
        return db_set_error(db, DB_ECHECK,
                            "Phương thức chi trả phải là cash, bank hoặc "
                            "ewallet: '%s'",
                            p->method ? p->method : "");
    if (is_blank(p->actor))
        return db_set_error(db, DB_ECHECK, "Thiếu người thực hiện");
    if ((rc = clean(db, "Điểm chi trả", p->point_name, STORE_REG_TEXT_MAX, 0,
                    &pc->point_name)) != DB_OK ||
        (rc = clean(db, "Cán bộ phụ trách điểm chi trả", p->point_officer,
                    STORE_PERSONS_NAME_MAX, 0, &pc->point_officer)) != DB_OK ||
        (rc = clean(db, "Họ tên người nhận thay", p->receiver_name,
                    STORE_PERSONS_NAME_MAX, 0, &pc->receiver_name)) != DB_OK ||
        (rc = clean(db, "Quan hệ của người nhận thay", p->receiver_relationship,
                    STORE_REG_TEXT_MAX, 0, &pc->receiver_relationship)) !=
            DB_OK ||
        (rc = clean(db, "Giấy ủy quyền", p->receiver_document,
                    STORE_REG_TEXT_MAX, 0, &pc->receiver_document)) != DB_OK)
        return rc;
    switch (method) {
    case PAYMENT_CASH:
        if (pc->point_name == NULL || !is_blank(p->bank_code) ||
            !is_blank(p->account_number) || !is_blank(p->wallet_provider))
            return db_set_error(db, DB_ECHECK,
                                "Chi trả tiền mặt cần điểm chi trả và không "
                                "có ngân hàng, tài khoản, ví");
        break;
    case PAYMENT_BANK:
        if (is_blank(p->bank_code) ||
            payment_bank_find(p->bank_code, strlen(p->bank_code)) == NULL)
            return db_set_error(db, DB_ECHECK, "Không có ngân hàng mã '%s'",
                                p->bank_code ? p->bank_code : "");
        if (is_blank(p->account_number) ||
            payment_check_account(p->account_number, strlen(p->account_number),
                                  NULL, 0) != PAYMENT_OK)
            return db_set_error(db, DB_ECHECK, "Số tài khoản không hợp lệ");
        if (pc->point_name || pc->point_officer ||
            !is_blank(p->wallet_provider))
            return db_set_error(db, DB_ECHECK,
                                "Chuyển khoản không có điểm chi trả, ví");
        break;
    default:
        if (is_blank(p->wallet_provider) ||
            payment_wallet_find(p->wallet_provider,
                                strlen(p->wallet_provider)) == NULL)
            return db_set_error(db, DB_ECHECK, "Không có ví điện tử mã '%s'",
                                p->wallet_provider ? p->wallet_provider : "");
        if (is_blank(p->account_number) ||
            payment_check_wallet_number(p->account_number,
                                        strlen(p->account_number), NULL,
                                        0) != PAYMENT_OK)
            return db_set_error(db, DB_ECHECK, "Số ví điện tử không hợp lệ");
        if (pc->point_name || pc->point_officer || !is_blank(p->bank_code))
            return db_set_error(db, DB_ECHECK,
                                "Ví điện tử không có điểm chi trả, ngân hàng");
        break;
    }
    has_receiver = pc->receiver_name != NULL;
    if (has_receiver != (pc->receiver_relationship != NULL) ||
        has_receiver != (pc->receiver_document != NULL) ||
        (!has_receiver && !is_blank(p->receiver_id_number)))
        return db_set_error(db, DB_ECHECK,
                            "Người nhận thay cần đủ họ tên, quan hệ và giấy ủy "
                            "quyền");
    if (!is_blank(p->receiver_id_number) &&
        !all_digits(p->receiver_id_number, 9, 12))
        return db_set_error(db, DB_ECHECK,
                            "Số định danh người nhận thay phải gồm 12 (hoặc 9) "
                            "chữ số");
    return DB_OK;
}

/* Bump the record's version, checking it unless expected is -1 (checked
 * before: a miss here is a concurrent writer). */
static int bump_version(struct db *db, int64_t person_id, int64_t expected,
                        int64_t *version)
{
    static const char sql[] =
        "UPDATE beneficiaries SET version = version + 1 WHERE person_id = $1"
        " AND ($2 < 0 OR version = $2) RETURNING version";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, person_id)) == DB_OK &&
        (rc = db_bind_int64(st, 2, expected)) == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW && version != NULL)
        *version = db_col_int64(st, 0);
    db_reset(st);
    if (rc == DB_ROW)
        return DB_OK;
    if (rc != DB_DONE)
        return rc;
    return db_set_error(db, DB_ECONFLICT,
                        "Hồ sơ đã được người khác sửa; hãy tải lại");
}

static int bind_opt(struct db_stmt *st, int n, const char *s)
{
    return db_bind_text(st, n, is_blank(s) ? NULL : s, (size_t)-1);
}

int store_registry_payment_set(struct db *db, const struct store_payment_new *p,
                               int64_t *version, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO payment_arrangements (person_id, valid_from, method,"
        " point_name, point_officer, bank_code, account_number,"
        " wallet_provider, receiver_name, receiver_id_number,"
        " receiver_relationship, receiver_document, recorded_at,"
        " recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
        " $12, $13, $14) RETURNING id";
    struct pay_clean pc = {0};
    struct db_stmt *st = NULL;
    char now[21];
    int rc;

    /* Every refusal is found by reading, before the first write. */
    if ((rc = check_payment(db, p, &pc)) != DB_OK ||
        (rc = check_version(db, p->person_id, p->expected_version)) != DB_OK ||
        (rc = check_open(db, 1, p->person_id, p->valid_from)) != DB_OK)
        goto out;
    if ((rc = bump_version(db, p->person_id, p->expected_version, version)) !=
            DB_OK ||
        (rc = close_open(db, 1, p->person_id, p->valid_from)) != DB_OK)
        goto out;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        goto out;
    clock_now_utc(now);
    if ((rc = db_bind_int64(st, 1, p->person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, p->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, p->method, (size_t)-1)) != DB_OK ||
        (rc = bind_opt(st, 4, pc.point_name)) != DB_OK ||
        (rc = bind_opt(st, 5, pc.point_officer)) != DB_OK ||
        (rc = bind_opt(st, 6, p->bank_code)) != DB_OK ||
        (rc = bind_opt(st, 7, p->account_number)) != DB_OK ||
        (rc = bind_opt(st, 8, p->wallet_provider)) != DB_OK ||
        (rc = bind_opt(st, 9, pc.receiver_name)) != DB_OK ||
        (rc = bind_opt(st, 10, p->receiver_id_number)) != DB_OK ||
        (rc = bind_opt(st, 11, pc.receiver_relationship)) != DB_OK ||
        (rc = bind_opt(st, 12, pc.receiver_document)) != DB_OK ||
        (rc = db_bind_text(st, 13, now, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 14, p->actor, (size_t)-1)) != DB_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_ROW) {
        if (id != NULL)
            *id = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
out:
    if (st != NULL)
        db_reset(st);
    pay_clean_free(&pc);
    return rc;
}

void store_payment_list_free(struct store_payment_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

int store_registry_payments(struct db *db, int64_t person_id,
                            struct store_payment_list *out)
{
    static const char sql[] =
        "SELECT id, person_id, valid_from, valid_to, method, point_name,"
        " point_officer, bank_code, account_number, wallet_provider,"
        " receiver_name, receiver_id_number, receiver_relationship,"
        " receiver_document, recorded_at, recorded_by"
        " FROM payment_arrangements WHERE person_id = $1 ORDER BY valid_from";
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    out->items = NULL;
    out->count = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    while (rc == DB_OK || rc == DB_ROW) {
        struct store_payment *p;

        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 4;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        p = &out->items[out->count++];
        memset(p, 0, sizeof *p);
        p->id = db_col_int64(st, 0);
        p->person_id = db_col_int64(st, 1);
        copy_col(st, 2, p->valid_from, sizeof p->valid_from);
        copy_col(st, 3, p->valid_to, sizeof p->valid_to);
        copy_col(st, 4, p->method, sizeof p->method);
        copy_col(st, 5, p->point_name, sizeof p->point_name);
        copy_col(st, 6, p->point_officer, sizeof p->point_officer);
        copy_col(st, 7, p->bank_code, sizeof p->bank_code);
        copy_col(st, 8, p->account_number, sizeof p->account_number);
        copy_col(st, 9, p->wallet_provider, sizeof p->wallet_provider);
        copy_col(st, 10, p->receiver_name, sizeof p->receiver_name);
        copy_col(st, 11, p->receiver_id_number, sizeof p->receiver_id_number);
        copy_col(st, 12, p->receiver_relationship,
                 sizeof p->receiver_relationship);
        copy_col(st, 13, p->receiver_document, sizeof p->receiver_document);
        copy_col(st, 14, p->recorded_at, sizeof p->recorded_at);
        copy_col(st, 15, p->recorded_by, sizeof p->recorded_by);
    }
    db_reset(st);
    if (rc != DB_DONE) {
        store_payment_list_free(out);
        return rc;
    }
    return DB_OK;
}

/* --- bulk load ------------------------------------------------------------ */

static int insert_period_to(struct db *db, int64_t person_id,
                            const struct store_bulk_period *p,
                            const char *valid_to, const char *now,
                            const char *actor)
{
    static const char sql[] =
        "INSERT INTO beneficiary_status (person_id, status, reason,"
        " reason_text, decision_ref, valid_from, valid_to, recorded_at,"
        " recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, p->status, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, p->reason, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, p->reason_text ? p->reason_text : "",
                           (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, p->decision_ref ? p->decision_ref : "",
                           (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 6, p->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, valid_to, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 8, now, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 9, actor, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    return exec_done(st);
}

static int insert_payment_to(struct db *db, const struct store_payment_new *p,
                             const struct pay_clean *pc, const char *valid_to,
                             const char *now, const char *actor)
{
    static const char sql[] =
        "INSERT INTO payment_arrangements (person_id, valid_from, valid_to,"
        " method, point_name, point_officer, bank_code, account_number,"
        " wallet_provider, receiver_name, receiver_id_number,"
        " receiver_relationship, receiver_document, recorded_at,"
        " recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,"
        " $12, $13, $14, $15)";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, p->person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, p->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, valid_to, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, p->method, (size_t)-1)) != DB_OK ||
        (rc = bind_opt(st, 5, pc->point_name)) != DB_OK ||
        (rc = bind_opt(st, 6, pc->point_officer)) != DB_OK ||
        (rc = bind_opt(st, 7, p->bank_code)) != DB_OK ||
        (rc = bind_opt(st, 8, p->account_number)) != DB_OK ||
        (rc = bind_opt(st, 9, p->wallet_provider)) != DB_OK ||
        (rc = bind_opt(st, 10, pc->receiver_name)) != DB_OK ||
        (rc = bind_opt(st, 11, p->receiver_id_number)) != DB_OK ||
        (rc = bind_opt(st, 12, pc->receiver_relationship)) != DB_OK ||
        (rc = bind_opt(st, 13, pc->receiver_document)) != DB_OK ||
        (rc = db_bind_text(st, 14, now, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 15, actor, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    return exec_done(st);
}

int store_registry_bulk_load(struct db *db, int64_t person_id,
                             const char *actor,
                             const struct store_bulk_period *periods,
                             size_t nperiods,
                             const struct store_payment_new *payments,
                             size_t npayments)
{
    static const char record[] =
        "INSERT INTO beneficiaries (person_id, status, since, reason,"
        " reason_text, decision_ref, created_at) VALUES ($1, $2, $3, $4, $5,"
        " $6, $7)";
    const struct store_bulk_period *last;
    struct db_stmt *st;
    char now[21];
    size_t i;
    int rc;

    if (nperiods == 0 || strcmp(periods[0].status, "enrolled") != 0 ||
        is_blank(actor))
        return db_set_error(db, DB_ECHECK,
                            "Hồ sơ nạp hàng loạt phải bắt đầu bằng đang hưởng");
    for (i = 0; i < nperiods; i++) {
        struct store_status_change c = {
            person_id, periods[i].status,     periods[i].reason, NULL,
            NULL,      periods[i].valid_from, i == 0 ? 0 : 1,    actor};

        if ((rc = check_change(db, &c)) != DB_OK)
            return rc;
        if (i > 0 &&
            strcmp(periods[i].valid_from, periods[i - 1].valid_from) <= 0)
            return db_set_error(db, DB_ECHECK,
                                "Ngày của lịch sử phải tăng dần");
    }
    for (i = 1; i < npayments; i++)
        if (strcmp(payments[i].valid_from, payments[i - 1].valid_from) <= 0)
            return db_set_error(db, DB_ECHECK,
                                "Ngày của phương thức chi trả phải tăng dần");
    last = &periods[nperiods - 1];
    clock_now_utc(now);
    rc = db_prepare(db, record, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, last->status, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, last->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, last->reason, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, last->reason_text ? last->reason_text : "",
                           (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 6, last->decision_ref ? last->decision_ref : "",
                           (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, now, (size_t)-1)) != DB_OK) {
        db_reset(st);
        return rc;
    }
    rc = exec_done(st);
    for (i = 0; i < nperiods && rc == DB_OK; i++)
        rc = insert_period_to(
            db, person_id, &periods[i],
            i + 1 < nperiods ? periods[i + 1].valid_from : NULL, now, actor);
    for (i = 0; i < npayments && rc == DB_OK; i++) {
        struct pay_clean pc = {0};

        rc = check_payment(db, &payments[i], &pc);
        if (rc == DB_OK)
            rc = insert_payment_to(
                db, &payments[i], &pc,
                i + 1 < npayments ? payments[i + 1].valid_from : NULL, now,
                actor);
        pay_clean_free(&pc);
    }
    if (rc == DB_OK && strcmp(last->status, "terminated") == 0)
        rc = end_memberships(db, person_id, last->valid_from);
    return rc;
}
