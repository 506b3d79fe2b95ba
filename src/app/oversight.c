/* oversight.c: the oversight document of a date and a unit (see
 * oversight.h, docs/oversight.md): beneficiaries, money, dossiers with the
 * median processing time, complaints. */
#include "app/oversight.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/dossiers.h"
#include "app/oversight_int.h"
#include "app/scope.h"
#include "core/category.h"
#include "core/workdays.h"
#include "store/db.h"
#include "store/store_stats.h"
#include "store/store_units.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/xalloc.h"

int ov_fail(struct app_report_err *err, int rc, const char *code,
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

int ov_store_fail(struct db *db, struct app_report_err *err, int rc)
{
    return ov_fail(err, rc, "storage", NULL, "Không đọc được cơ sở dữ liệu: %s",
                   db_errmsg(db));
}

/* 1 if unit v (valid on the day) lies in scope s. */
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

int ov_target_resolve(struct db *db, const struct app_scope *scope,
                      const char *unit, const char *day, struct ov_target *t,
                      struct app_report_err *err)
{
    int before = 0, rc;
    size_t n;

    memset(t, 0, sizeof *t);
    if (unit == NULL && scope->level != APP_SCOPE_NATIONAL)
        unit = scope->area_code;
    if (unit == NULL)
        return APP_REPORT_OK;
    n = strlen(unit);
    if ((n != 2 && n != 3 && n != 5) || strspn(unit, "0123456789") != n)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_query", "unit",
                       "Mã đơn vị gồm 2 (tỉnh), 3 (huyện) hoặc 5 (xã) chữ "
                       "số.");
    rc = store_units_get(db, unit, day, &t->v, &before);
    if (rc == DB_ENOTFOUND ||
        (rc == DB_OK && (before || !in_scope(scope, &t->v))))
        return ov_fail(err, APP_REPORT_ENOTFOUND, "not_found", "unit",
                       "Không có đơn vị hành chính mã %s trong địa bàn của "
                       "bạn vào ngày %s.",
                       unit, day);
    if (rc != DB_OK)
        return ov_store_fail(db, err, rc);
    t->has_unit = 1;
    t->area.level = t->v.level;
    snprintf(t->area.code, sizeof t->area.code, "%s", t->v.code);
    return APP_REPORT_OK;
}

json_t *ov_target_json(const struct ov_target *t)
{
    if (!t->has_unit)
        return json_null();
    return json_pack("{s:s, s:s, s:s}", "code", t->v.code, "name", t->v.name,
                     "level", units_level_name(t->v.level));
}

/* --- Beneficiaries ------------------------------------------------------ */

static json_t *categories_json(const struct store_stats_category *v, size_t n)
{
    json_t *a = json_array();
    size_t i, k, nc = category_count();

    for (i = 0; i < nc; i++) {
        const struct category_info *ci = category_at(i);
        int64_t count = 0;

        for (k = 0; k < n; k++)
            if (strcmp(v[k].category, ci->code) == 0)
                count = v[k].count;
        json_array_append_new(a, json_pack("{s:s, s:s, s:I}", "code", ci->code,
                                           "name", ci->name_vi, "count",
                                           (json_int_t)count));
    }
    for (k = 0; k < n; k++)
        if (category_find(v[k].category, strlen(v[k].category)) == NULL)
            json_array_append_new(
                a, json_pack("{s:s, s:s, s:I}", "code", v[k].category, "name",
                             v[k].category, "count", (json_int_t)v[k].count));
    return a;
}

static int beneficiaries(struct db *db, const char *date,
                         const struct ov_target *t, json_t **out,
                         struct app_report_err *err)
{
    struct store_stats_category *cats = NULL;
    struct store_stats_unit *units = NULL;
    size_t ncats = 0, nunits = 0, i;
    int64_t total = 0;
    json_t *by_unit;
    int rc;

    if (t->has_unit) {
        rc = store_stats_area_beneficiaries(db, date, t->v.level, t->v.code,
                                            &total);
        if (rc == DB_OK)
            rc = store_stats_area_by_category(db, date, t->v.level, t->v.code,
                                              &cats, &ncats);
    } else {
        rc = store_stats_beneficiaries(db, date, &total);
        if (rc == DB_OK)
            rc = store_stats_by_category(db, date, &cats, &ncats);
    }
    if (rc == DB_OK && (!t->has_unit || t->v.level != UNITS_COMMUNE))
        rc = store_stats_by_unit(db, date, t->has_unit ? t->v.code : NULL,
                                 &units, &nunits);
    if (rc != DB_OK) {
        rc = ov_store_fail(db, err, rc);
        goto out;
    }
    by_unit = json_array();
    for (i = 0; i < nunits; i++)
        json_array_append_new(
            by_unit, json_pack("{s:s, s:s, s:I}", "code", units[i].code, "name",
                               units[i].name, "count",
                               (json_int_t)units[i].beneficiaries));
    *out =
        json_pack("{s:I, s:o, s:o}", "total", (json_int_t)total, "by_category",
                  categories_json(cats, ncats), "by_unit", by_unit);
out:
    free(cats);
    free(units);
    return rc;
}

/* --- Money -------------------------------------------------------------- */

static json_t *pay_json(const struct ov_pay *p, int with_persons)
{
    json_t *o = json_pack(
        "{s:I, s:I, s:I, s:I, s:I}", "payable", (json_int_t)p->payable, "paid",
        (json_int_t)p->paid, "unpaid", (json_int_t)p->unpaid, "pending",
        (json_int_t)p->pending, "recovered", (json_int_t)p->recovered);

    if (with_persons)
        json_object_set_new(o, "persons", json_integer(p->persons));
    return o;
}

static json_t *money_json(const struct ov_money *m)
{
    json_t *months = json_array(), *years = json_array();
    size_t i = 0, k;

    for (k = 0; k < m->n; k++) {
        const struct ov_month *x = &m->months[k];
        char mm[8];

        month_format_iso(x->m, mm);
        json_array_append_new(
            months,
            json_pack("{s:s, s:s, s:o, s:o}", "month", mm, "source",
                      ov_month_source(x), "payroll",
                      x->covered > 0 ? pay_json(&x->pay, 1) : json_null(),
                      "computed",
                      x->computed_run
                          ? json_pack("{s:I, s:I}", "persons",
                                      (json_int_t)x->comp_persons, "amount",
                                      (json_int_t)x->comp_amount)
                          : json_null()));
    }
    while (i < m->n) {
        struct ov_pay sum;
        int64_t comp = 0;
        int covered = 0, run = 0;
        char from[8], to[8];
        size_t j = i;

        memset(&sum, 0, sizeof sum);
        while (j < m->n && m->months[j].m.y == m->months[i].m.y) {
            const struct ov_month *x = &m->months[j];

            sum.payable += x->pay.payable;
            sum.paid += x->pay.paid;
            sum.unpaid += x->pay.unpaid;
            sum.pending += x->pay.pending;
            sum.recovered += x->pay.recovered;
            comp += x->comp_amount;
            covered |= x->covered > 0;
            run |= x->computed_run;
            j++;
        }
        month_format_iso(m->months[i].m, from);
        month_format_iso(m->months[j - 1].m, to);
        json_array_append_new(
            years,
            json_pack("{s:i, s:s, s:s, s:i, s:s, s:o, s:o}", "year",
                      m->months[i].m.y, "from", from, "to", to, "months",
                      (int)(j - i), "source", ov_range_source(m, i, j),
                      "payroll", covered ? pay_json(&sum, 0) : json_null(),
                      "computed",
                      run ? json_pack("{s:I}", "amount", (json_int_t)comp)
                          : json_null()));
        i = j;
    }
    return json_pack("{s:o, s:o}", "months", months, "years", years);
}

/* --- Dossiers and complaints by unit ------------------------------------ */

struct dos_counts {
    int64_t received, decided, refused, withdrawn, closed_late, open, overdue;
    int *days;
    size_t ndays, capdays;
};

struct cmp_counts {
    int64_t received, resolved, resolved_late, open, open_overdue;
};

struct ov_row {
    char code[8];
    char name[128];
    int former;
    struct dos_counts dos[2]; /* half-year, year */
    struct cmp_counts cmp[2];
};

struct rows_ctx {
    struct db *db;
    const struct ov_target *t;
    const struct workdays_calendar *cal;
    char date[11], hfrom[11], yfrom[11];
    struct ov_row total;
    struct ov_row *rows;
    size_t n, cap;
    int bad_dates;
};

/* The child unit (on its own day's tree) a place counts for, or NULL. */
static const char *child_key(const struct ov_target *t,
                             const struct store_ov_place *p)
{
    switch (t->has_unit ? t->area.level : 0) {
    case 0:
        return p->province;
    case 1:
        return strcmp(p->parent, t->area.code) == 0 ? p->code : p->parent;
    case 2:
        return p->code;
    default:
        return NULL;
    }
}

static struct ov_row *row_of(struct rows_ctx *c, const char *code)
{
    size_t i;

    if (code == NULL || code[0] == '\0')
        return NULL;
    for (i = 0; i < c->n; i++)
        if (strcmp(c->rows[i].code, code) == 0)
            return &c->rows[i];
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 64;
        c->rows = xreallocarray(c->rows, c->cap, sizeof *c->rows);
    }
    memset(&c->rows[c->n], 0, sizeof c->rows[0]);
    snprintf(c->rows[c->n].code, sizeof c->rows[0].code, "%s", code);
    c->rows[c->n].former = 1;
    return &c->rows[c->n++];
}

/* The place p when the commune existed that day, else alt. */
static const struct store_ov_place *either(const struct store_ov_place *p,
                                           const struct store_ov_place *alt)
{
    return p->code[0] != '\0' ? p : alt;
}

static void add_days(struct dos_counts *d, int days)
{
    if (d->ndays == d->capdays) {
        d->capdays = d->capdays ? d->capdays * 2 : 64;
        d->days = xreallocarray(d->days, d->capdays, sizeof *d->days);
    }
    d->days[d->ndays++] = days;
}

/* Apply fn to the total and the child row of place p for the periods the
 * day falls in (bit 0 the half-year, bit 1 the year). */
#define FOR_ROWS(c, p, periods, body)                                          \
    do {                                                                       \
        struct ov_row *rs_[2] = {&(c)->total,                                  \
                                 row_of((c), child_key((c)->t, (p)))};         \
        int k_, r_;                                                            \
        if (!store_ov_in_area(&(c)->t->area, (p)))                             \
            break;                                                             \
        for (r_ = 0; r_ < 2; r_++) {                                           \
            struct ov_row *row = rs_[r_];                                      \
            if (row == NULL)                                                   \
                continue;                                                      \
            for (k_ = 0; k_ < 2; k_++) {                                       \
                int pi = k_;                                                   \
                if (!((periods) & (1 << k_)))                                  \
                    continue;                                                  \
                body;                                                          \
            }                                                                  \
        }                                                                      \
    } while (0)

static int periods_of(const struct rows_ctx *c, const char *day)
{
    if (day[0] == '\0' || strcmp(day, c->yfrom) < 0 || strcmp(day, c->date) > 0)
        return 0;
    return strcmp(day, c->hfrom) >= 0 ? 3 : 2;
}

static int working_days(struct rows_ctx *c, const char *from, const char *to,
                        int64_t stopped)
{
    struct date a, b;
    int wd = 0;

    if (date_parse_iso(from, strlen(from), &a) != DATE_OK ||
        date_parse_iso(to, strlen(to), &b) != DATE_OK ||
        workdays_between(c->cal, a, b, &wd) != WORKDAYS_OK) {
        c->bad_dates++;
        return -1;
    }
    wd -= (int)stopped;
    return wd < 0 ? 0 : wd;
}

static int on_dossier(void *arg, const struct store_ov_dossier *d)
{
    struct rows_ctx *c = arg;
    const struct store_ov_place *p;
    int per;

    per = periods_of(c, d->submitted_on);
    p = either(&d->at_submitted, &d->at_date);
    if (per)
        FOR_ROWS(c, p, per, row->dos[pi].received++);
    per = periods_of(c, d->closed_on);
    p = either(&d->at_closed, &d->at_date);
    if (per && strcmp(d->state, "decided") == 0) {
        int wd = working_days(c, d->submitted_on, d->closed_on, d->stopped_wd);

        FOR_ROWS(c, p, per, {
            row->dos[pi].decided++;
            row->dos[pi].closed_late += d->late;
            if (wd >= 0)
                add_days(&row->dos[pi], wd);
        });
    } else if (per && strcmp(d->state, "refused") == 0) {
        FOR_ROWS(c, p, per, {
            row->dos[pi].refused++;
            row->dos[pi].closed_late += d->late;
        });
    } else if (per && strcmp(d->state, "withdrawn") == 0) {
        FOR_ROWS(c, p, per, row->dos[pi].withdrawn++);
    }
    if (d->closed_on[0] == '\0' || strcmp(d->closed_on, c->date) > 0) {
        p = either(&d->at_date, &d->at_submitted);
        FOR_ROWS(c, p, 3, {
            row->dos[pi].open++;
            row->dos[pi].overdue += d->overdue;
        });
    }
    return 0;
}

static int on_complaint(void *arg, const struct store_ov_complaint *x)
{
    struct rows_ctx *c = arg;
    const struct store_ov_place *p;
    int per;

    per = periods_of(c, x->received_on);
    p = either(&x->at_received, &x->at_date);
    if (per)
        FOR_ROWS(c, p, per, row->cmp[pi].received++);
    per = periods_of(c, x->resolved_on);
    p = either(&x->at_resolved, &x->at_date);
    if (per)
        FOR_ROWS(c, p, per, {
            row->cmp[pi].resolved++;
            row->cmp[pi].resolved_late += x->late;
        });
    if (x->resolved_on[0] == '\0' || strcmp(x->resolved_on, c->date) > 0) {
        int late = strcmp(x->deadline, c->date) < 0;

        p = either(&x->at_date, &x->at_received);
        FOR_ROWS(c, p, 3, {
            row->cmp[pi].open++;
            row->cmp[pi].open_overdue += late;
        });
    }
    return 0;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

static json_t *dos_json(struct dos_counts *d)
{
    json_t *median = json_null();

    if (d->ndays > 0) {
        size_t n = d->ndays;

        qsort(d->days, n, sizeof *d->days, cmp_int);
        median = json_real(n % 2 ? d->days[n / 2]
                                 : (d->days[n / 2 - 1] + d->days[n / 2]) / 2.0);
    }
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:o, s:I}",
                     "received", (json_int_t)d->received, "decided",
                     (json_int_t)d->decided, "refused", (json_int_t)d->refused,
                     "withdrawn", (json_int_t)d->withdrawn, "closed_late",
                     (json_int_t)d->closed_late, "open", (json_int_t)d->open,
                     "overdue", (json_int_t)d->overdue, "median_days", median,
                     "median_of", (json_int_t)d->ndays);
}

static json_t *cmp_json(const struct cmp_counts *c)
{
    return json_pack("{s:I, s:I, s:I, s:I, s:I}", "received",
                     (json_int_t)c->received, "resolved",
                     (json_int_t)c->resolved, "resolved_late",
                     (json_int_t)c->resolved_late, "open", (json_int_t)c->open,
                     "open_overdue", (json_int_t)c->open_overdue);
}

static int cmp_row(const void *a, const void *b)
{
    const struct ov_row *x = a, *y = b;

    if (x->former != y->former)
        return x->former - y->former;
    return strcmp(x->code, y->code);
}

/* The dossiers and complaints sections into root. */
static int cases(struct db *db, struct rows_ctx *c, int running, json_t *root,
                 struct app_report_err *err)
{
    struct store_units_list kids;
    json_t *dos_rows, *cmp_rows;
    size_t i;
    int rc;

    memset(&kids, 0, sizeof kids);
    if (!c->t->has_unit || c->t->v.level != UNITS_COMMUNE) {
        rc = store_units_children(db, c->t->has_unit ? c->t->v.code : NULL,
                                  c->date, &kids);
        if (rc != DB_OK)
            return ov_store_fail(db, err, rc);
        for (i = 0; i < kids.count; i++) {
            struct ov_row *r = row_of(c, kids.items[i].code);

            r->former = 0;
            snprintf(r->name, sizeof r->name, "%s", kids.items[i].name);
        }
        store_units_list_free(&kids);
    }
    rc = store_ov_dossiers(db, c->yfrom, c->date, running, on_dossier, c);
    if (rc == DB_OK)
        rc = store_ov_complaints(db, c->yfrom, c->date, on_complaint, c);
    if (rc != DB_OK)
        return ov_store_fail(db, err, rc);
    for (i = 0; i < c->n; i++)
        if (c->rows[i].former &&
            app_scope_area_name(db, c->rows[i].code, c->date, c->rows[i].name,
                                sizeof c->rows[i].name) != 0)
            snprintf(c->rows[i].name, sizeof c->rows[i].name, "%s",
                     c->rows[i].code);
    if (c->n > 0)
        qsort(c->rows, c->n, sizeof *c->rows, cmp_row);
    dos_rows = json_array();
    cmp_rows = json_array();
    for (i = 0; i < c->n; i++) {
        struct ov_row *r = &c->rows[i];

        json_array_append_new(
            dos_rows,
            json_pack("{s:s, s:s, s:b, s:o, s:o}", "code", r->code, "name",
                      r->name, "former", r->former, "half_year",
                      dos_json(&r->dos[0]), "year", dos_json(&r->dos[1])));
        json_array_append_new(
            cmp_rows,
            json_pack("{s:s, s:s, s:b, s:o, s:o}", "code", r->code, "name",
                      r->name, "former", r->former, "half_year",
                      cmp_json(&r->cmp[0]), "year", cmp_json(&r->cmp[1])));
    }
    json_object_set_new(
        root, "dossiers",
        json_pack("{s:o, s:o, s:o}", "half_year", dos_json(&c->total.dos[0]),
                  "year", dos_json(&c->total.dos[1]), "by_unit", dos_rows));
    json_object_set_new(
        root, "complaints",
        json_pack("{s:o, s:o, s:o}", "half_year", cmp_json(&c->total.cmp[0]),
                  "year", cmp_json(&c->total.cmp[1]), "by_unit", cmp_rows));
    return APP_REPORT_OK;
}

static void rows_free(struct rows_ctx *c)
{
    size_t i;
    int k;

    for (k = 0; k < 2; k++)
        free(c->total.dos[k].days);
    for (i = 0; i < c->n; i++)
        for (k = 0; k < 2; k++)
            free(c->rows[i].dos[k].days);
    free(c->rows);
}

/* --- The document ------------------------------------------------------- */

static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int document(struct db *db, const char *date, const struct ov_target *t,
                    int running, json_t *root, struct app_report_err *err)
{
    struct rows_ctx c;
    struct ov_money money;
    struct date d;
    double t0 = now_ms(), t1, t2;
    json_t *b = NULL;
    int rc;

    date_parse_iso(date, 10, &d);
    memset(&c, 0, sizeof c);
    c.db = db;
    c.t = t;
    c.cal = app_calendar();
    if (c.cal == NULL)
        return ov_fail(err, APP_REPORT_EINTERNAL, "calendar", NULL,
                       "Không tải được lịch ngày làm việc.");
    snprintf(c.date, sizeof c.date, "%s", date);
    snprintf(c.yfrom, sizeof c.yfrom, "%04d-01-01", d.y);
    snprintf(c.hfrom, sizeof c.hfrom, "%04d-%s", d.y,
             d.m <= 6 ? "01-01" : "07-01");
    json_object_set_new(root, "periods",
                        json_pack("{s:{s:s, s:s}, s:{s:s, s:s}}", "half_year",
                                  "from", c.hfrom, "to", date, "year", "from",
                                  c.yfrom, "to", date));
    rc = beneficiaries(db, date, t, &b, err);
    if (rc != APP_REPORT_OK)
        return rc;
    json_object_set_new(root, "beneficiaries", b);
    t1 = now_ms();
    rc = ov_money_compute(db, &t->area,
                          month_add(month_of(d), -(OV_MAX_MONTHS - 1)),
                          OV_MAX_MONTHS, &money, err);
    if (rc != APP_REPORT_OK)
        return rc;
    json_object_set_new(root, "money", money_json(&money));
    ov_money_free(&money);
    t2 = now_ms();
    rc = cases(db, &c, running, root, err);
    rows_free(&c);
    log_debug("oversight",
              "unit=%s beneficiaries_ms=%.0f money_ms=%.0f "
              "cases_ms=%.0f",
              t->has_unit ? t->v.code : "", t1 - t0, t2 - t1, now_ms() - t2);
    return rc;
}

int app_oversight_get(struct db *db, const struct app_scope *scope,
                      const char *date, const char *unit, json_t **out,
                      struct app_report_err *err)
{
    struct ov_target t;
    char today[11];
    struct date d;
    json_t *root = NULL;
    int rc;

    *out = NULL;
    memset(err, 0, sizeof *err);
    date_format_iso(clock_today_vn(), today);
    if (date == NULL)
        date = today;
    if (strlen(date) != 10 ||
        date_parse_iso(date, strlen(date), &d) != DATE_OK || d.y < 2000 ||
        d.y > 2199)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_query", "date",
                       "Ngày phải có thật, dạng YYYY-MM-DD (ví dụ "
                       "2025-06-30).");
    rc = db_begin(db, 0);
    if (rc != DB_OK)
        return ov_store_fail(db, err, rc);
    rc = ov_target_resolve(db, scope, unit, date, &t, err);
    if (rc != APP_REPORT_OK)
        goto out;
    root = json_pack("{s:s, s:o}", "date", date, "unit", ov_target_json(&t));
    rc = document(db, date, &t, strcmp(date, today) >= 0, root, err);
out:
    db_rollback(db); /* read only */
    if (rc != APP_REPORT_OK) {
        json_decref(root);
        return rc;
    }
    *out = root;
    return APP_REPORT_OK;
}
