/* payroll_settings.c: one-off payments and the provider's fee (see
 * payroll.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/payroll.h"
#include "app/payroll_int.h"
#include "core/text.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "util/clock.h"

static int code_ok(const char *s)
{
    size_t i, n = s ? strlen(s) : 0;

    if (n == 0 || n > 40)
        return 0;
    for (i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
              s[i] == '-' || s[i] == '_'))
            return 0;
    return 1;
}

static int area_ok(const char *s)
{
    size_t n = s ? strlen(s) : 0;

    return (n == 0 || n == 2 || n == 3 || n == 5) &&
           strspn(s ? s : "", "0123456789") == n;
}

static int text_ok(const char *s, size_t max)
{
    return s != NULL && s[0] != '\0' && strlen(s) <= max &&
           text_valid_utf8(s, strlen(s));
}

struct oneoff_ctx {
    const char *actor;
    struct store_oneoff o;
    struct app_pay_err *err;
};

static int oneoff_tx(struct db *db, void *arg)
{
    struct oneoff_ctx *c = arg;
    char now[21];
    json_t *v;
    int rc;

    clock_now_utc(now);
    rc = store_oneoff_add(db, &c->o, c->actor, now);
    if (rc == DB_ECONFLICT)
        return pay_fail(c->err, APP_PAY_ESTATE, "duplicate", "code",
                        "Đã có khoản chi một lần mã %s.", c->o.code);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    v = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:s}", "code", c->o.code,
                  "name", c->o.name, "amount", (json_int_t)c->o.amount, "month",
                  c->o.month, "area_code", c->o.area_code, "eligible_on",
                  c->o.eligible_on, "categories", c->o.categories, "basis",
                  c->o.basis);
    rc = pay_audit(db, c->actor, "oneoff.create", c->o.id, "", NULL, v);
    json_decref(v);
    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(db, c->err, rc);
}

int app_payroll_oneoff_add(struct db *db, const char *actor,
                           const struct app_oneoff_input *in, int64_t *id,
                           struct app_pay_err *err)
{
    struct oneoff_ctx c;
    struct month m;
    struct date d;
    int rc;

    memset(err, 0, sizeof *err);
    memset(&c, 0, sizeof c);
    c.actor = actor;
    c.err = err;
    if (!code_ok(in->code))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "code",
                        "Mã khoản chi: 1-40 ký tự a-z, 0-9, - hoặc _.");
    if (!text_ok(in->name, 300))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "name",
                        "Thiếu tên khoản chi.");
    if (in->amount <= 0 || in->amount > 1000000000)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "amount",
                        "Số tiền mỗi người phải từ 1 đến 1.000.000.000 đồng.");
    rc = pay_month_arg("month", in->month, &m, c.o.month, err);
    if (rc != APP_PAY_OK)
        return rc;
    if (!area_ok(in->area))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Địa bàn phải là mã tỉnh, huyện, xã hoặc để trống.");
    if (in->eligible_on == NULL ||
        date_parse_iso(in->eligible_on, strlen(in->eligible_on), &d) != DATE_OK)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "eligible_on",
                        "Ngày xét đối tượng không hợp lệ (YYYY-MM-DD).");
    if (in->categories != NULL &&
        strspn(in->categories, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstu"
                               "vwxyz0123456789,") != strlen(in->categories))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "categories",
                        "Diện đối tượng: các mã như K1,K6 cách nhau bởi "
                        "dấu phẩy.");
    if (!text_ok(in->basis, 800))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "basis",
                        "Thiếu căn cứ của khoản chi.");
    if (in->confidence == NULL || (strcmp(in->confidence, "confirmed") != 0 &&
                                   strcmp(in->confidence, "secondary") != 0 &&
                                   strcmp(in->confidence, "unverified") != 0))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "confidence",
                        "Độ tin cậy: confirmed, secondary hoặc unverified.");
    snprintf(c.o.code, sizeof c.o.code, "%s", in->code);
    snprintf(c.o.name, sizeof c.o.name, "%s", in->name);
    c.o.amount = in->amount;
    snprintf(c.o.area_code, sizeof c.o.area_code, "%s",
             in->area ? in->area : "");
    date_format_iso(d, c.o.eligible_on);
    snprintf(c.o.categories, sizeof c.o.categories, "%s",
             in->categories ? in->categories : "");
    snprintf(c.o.basis, sizeof c.o.basis, "%s", in->basis);
    snprintf(c.o.rules_ref, sizeof c.o.rules_ref, "%s",
             in->rules_ref && in->rules_ref[0] ? in->rules_ref : "RULES.md §5");
    snprintf(c.o.confidence, sizeof c.o.confidence, "%s", in->confidence);
    rc = db_transact(db, oneoff_tx, &c);
    if (rc == APP_PAY_OK && id != NULL)
        *id = c.o.id;
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        rc = pay_store_fail(db, err, rc);
    return rc;
}

struct fee_ctx {
    const char *actor, *area, *from, *basis;
    int64_t bp;
    struct app_pay_err *err;
};

static int fee_tx(struct db *db, void *arg)
{
    struct fee_ctx *c = arg;
    char now[21];
    json_t *v;
    int rc;

    clock_now_utc(now);
    rc = store_fee_set(db, c->area, c->from, c->bp, c->basis, c->actor, now);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    v = json_pack("{s:s, s:s, s:I, s:s}", "area_code", c->area, "valid_from",
                  c->from, "fee_bp", (json_int_t)c->bp, "basis",
                  c->basis ? c->basis : "");
    rc = pay_audit(db, c->actor, "payroll.fee", 0, "", NULL, v);
    json_decref(v);
    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(db, c->err, rc);
}

/* "1.5" or "1,25" -> basis points (150, 125); -1 when malformed. */
static int64_t percent_bp(const char *s)
{
    int64_t whole = 0, frac = 0;
    int digits = 0, fd = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s >= '0' && *s <= '9'; s++, digits++)
        whole = whole * 10 + (*s - '0');
    if (digits == 0 || digits > 3)
        return -1;
    if (*s == '.' || *s == ',') {
        for (s++; *s >= '0' && *s <= '9'; s++, fd++)
            if (fd < 2)
                frac = frac * 10 + (*s - '0');
            else
                return -1;
        if (fd == 0)
            return -1;
        if (fd == 1)
            frac *= 10;
    }
    if (*s != '\0')
        return -1;
    return whole * 100 + frac;
}

int app_payroll_fee_set(struct db *db, const char *actor, const char *area,
                        const char *from, const char *percent,
                        const char *basis, struct app_pay_err *err)
{
    struct fee_ctx c;
    struct date d;
    int rc;

    memset(err, 0, sizeof *err);
    if (!area_ok(area))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Địa bàn phải là mã tỉnh, huyện, xã hoặc để trống.");
    if (from == NULL || date_parse_iso(from, strlen(from), &d) != DATE_OK)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "from",
                        "Ngày áp dụng không hợp lệ (YYYY-MM-DD).");
    c.bp = percent_bp(percent);
    if (c.bp < 0 || c.bp > 10000)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "rate",
                        "Tỷ lệ phí phải là số phần trăm từ 0 đến 100, tối "
                        "đa 2 chữ số thập phân (1.5).");
    if (basis != NULL && !text_valid_utf8(basis, strlen(basis)))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "basis",
                        "Căn cứ không hợp lệ.");
    c.actor = actor;
    c.area = area ? area : "";
    c.from = from;
    c.basis = basis;
    c.err = err;
    rc = db_transact(db, fee_tx, &c);
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        rc = pay_store_fail(db, err, rc);
    return rc;
}
