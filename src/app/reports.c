/* reports.c: the summary of a date and a unit (see reports.h). */
#include "app/reports.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/quote.h"
#include "app/scope.h"
#include "app/stats.h"
#include "core/date.h"
#include "core/units_list.h"
#include "store/db.h"
#include "store/store_quote.h"
#include "store/store_stats.h"
#include "store/store_units.h"
#include "util/clock.h"

static int fail(struct app_report_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(struct app_report_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
{
    va_list ap;

    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return rc;
}

static int store_fail(struct db *db, struct app_report_err *err, int rc)
{
    return fail(err, rc, "storage", NULL, "Không đọc được cơ sở dữ liệu: %s",
                db_errmsg(db));
}

/* 1 if unit v (valid on the date) lies in scope s. */
static int in_scope(const struct app_scope *s, const struct units_version *v)
{
    if (s->level == APP_SCOPE_NATIONAL || strcmp(v->code, s->area_code) == 0)
        return 1;
    if (s->level == APP_SCOPE_PROVINCE)
        return v->level != UNITS_PROVINCE &&
               strcmp(v->province_code, s->area_code) == 0;
    if (s->level == APP_SCOPE_DISTRICT)
        return v->level == UNITS_COMMUNE &&
               strcmp(v->parent_code, s->area_code) == 0;
    return 0;
}

/* The money of the 12 months up to the month of `date`, for the persons
 * of filter f (its area on each month's tree). */
static int money(struct db *db, const char *date,
                 const struct store_quote_filter *f, json_t **out,
                 struct app_report_err *err)
{
    struct app_quote_summary sum;
    struct month m;
    struct date d;
    json_t *months = json_array();
    int64_t total = 0;
    char mm[8], msg[320];
    int i, rc = APP_QUOTE_OK;

    date_parse_iso(date, 10, &d);
    m = month_add(month_of(d), -(APP_REPORT_MONTHS - 1));
    for (i = 0; i < APP_REPORT_MONTHS; i++, m = month_add(m, 1)) {
        month_format_iso(m, mm);
        /* Decree 20/2021 applies from 07/2021: no amount before. */
        if (m.y * 12 + m.m < 2021 * 12 + 7) {
            json_array_append_new(months, json_pack("{s:s, s:i, s:i, s:i}",
                                                    "month", mm, "persons", 0,
                                                    "payable", 0, "amount", 0));
            continue;
        }
        rc = app_quote_filtered(db, mm, f, &sum, msg, sizeof msg);
        if (rc != APP_QUOTE_OK)
            break;
        total += sum.total;
        json_array_append_new(months,
                              json_pack("{s:s, s:I, s:I, s:I}", "month", mm,
                                        "persons", (json_int_t)sum.persons,
                                        "payable", (json_int_t)sum.payable,
                                        "amount", (json_int_t)sum.total));
    }
    if (rc != APP_QUOTE_OK) {
        json_decref(months);
        return fail(err, rc == APP_QUOTE_EDB ? DB_ERROR : APP_REPORT_EINTERNAL,
                    rc == APP_QUOTE_EDB ? "storage" : "rules", NULL,
                    "Không tính được tiền trợ cấp: %s", msg);
    }
    *out = json_pack("{s:s, s:o, s:I}", "rules", "national", "months", months,
                     "total", (json_int_t)total);
    return APP_REPORT_OK;
}

/* The figures of the date for unit v (NULL: national) into root. */
static int figures(struct db *db, const char *date,
                   const struct units_version *v, json_t *root,
                   struct app_report_err *err)
{
    struct store_stats_category *cats = NULL;
    struct store_stats_unit *units = NULL;
    struct store_quote_filter f;
    size_t ncats = 0, nunits = 0, i;
    int64_t total = 0;
    json_t *by_unit, *m = NULL;
    int rc;

    memset(&f, 0, sizeof f);
    f.enrolled = 1;
    if (v != NULL) {
        f.level = v->level;
        snprintf(f.code, sizeof f.code, "%s", v->code);
        rc =
            store_stats_area_beneficiaries(db, date, v->level, v->code, &total);
        if (rc == DB_OK)
            rc = store_stats_area_by_category(db, date, v->level, v->code,
                                              &cats, &ncats);
    } else {
        rc = store_stats_beneficiaries(db, date, &total);
        if (rc == DB_OK)
            rc = store_stats_by_category(db, date, &cats, &ncats);
    }
    if (rc == DB_OK)
        rc = store_stats_by_unit(db, date, v ? v->code : NULL, &units, &nunits);
    if (rc != DB_OK) {
        rc = store_fail(db, err, rc);
        goto out;
    }
    json_object_set_new(root, "beneficiaries", json_integer(total));
    json_object_set_new(root, "by_category",
                        app_stats_categories_json(cats, ncats));
    by_unit = json_object();
    for (i = 0; i < nunits; i++)
        json_object_set_new(by_unit, units[i].code,
                            json_pack("{s:s, s:I}", "name", units[i].name,
                                      "beneficiaries",
                                      (json_int_t)units[i].beneficiaries));
    json_object_set_new(root, "by_unit", by_unit);
    rc = money(db, date, &f, &m, err);
    if (rc == APP_REPORT_OK)
        json_object_set_new(root, "money", m);
out:
    free(cats);
    free(units);
    return rc;
}

int app_report_summary(struct db *db, const struct app_scope *scope,
                       const char *date, const char *unit, json_t **out,
                       struct app_report_err *err)
{
    struct units_version v;
    char today[11];
    struct date d;
    json_t *root = NULL;
    int before = 0, has_unit, rc;
    size_t n;

    *out = NULL;
    memset(err, 0, sizeof *err);
    if (date == NULL) {
        date_format_iso(clock_today_vn(), today);
        date = today;
    }
    if (date_parse_iso(date, strlen(date), &d) != DATE_OK)
        return fail(err, APP_REPORT_EINVAL, "invalid_query", "date",
                    "Ngày phải có thật, dạng YYYY-MM-DD (ví dụ 2025-06-30).");
    if (unit == NULL && scope->level != APP_SCOPE_NATIONAL)
        unit = scope->area_code;
    n = unit ? strlen(unit) : 0;
    has_unit = unit != NULL;
    if (has_unit &&
        ((n != 2 && n != 3 && n != 5) || strspn(unit, "0123456789") != n))
        return fail(err, APP_REPORT_EINVAL, "invalid_query", "unit",
                    "Mã đơn vị gồm 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ số.");
    rc = db_begin(db, 0);
    if (rc != DB_OK)
        return store_fail(db, err, rc);
    if (has_unit) {
        rc = store_units_get(db, unit, date, &v, &before);
        if (rc == DB_ENOTFOUND ||
            (rc == DB_OK && (before || !in_scope(scope, &v)))) {
            rc = fail(err, APP_REPORT_ENOTFOUND, "not_found", "unit",
                      "Không có đơn vị hành chính mã %s trong địa bàn của bạn "
                      "vào ngày %s.",
                      unit, date);
            goto out;
        }
        if (rc != DB_OK) {
            rc = store_fail(db, err, rc);
            goto out;
        }
    }
    root = json_pack("{s:s}", "date", date);
    json_object_set_new(root, "unit",
                        has_unit ? json_pack("{s:s, s:s, s:s}", "code", v.code,
                                             "name", v.name, "level",
                                             units_level_name(v.level))
                                 : json_null());
    rc = figures(db, date, has_unit ? &v : NULL, root, err);
out:
    db_rollback(db); /* read only */
    if (rc != APP_REPORT_OK) {
        json_decref(root);
        return rc;
    }
    *out = root;
    return APP_REPORT_OK;
}
