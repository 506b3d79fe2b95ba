/* oversight_int.h: what oversight.c, oversight_money.c, oversight_export.c
 * and forms.c share (docs/oversight.md). Not for other modules. */
#ifndef ANSINH_APP_OVERSIGHT_INT_H
#define ANSINH_APP_OVERSIGHT_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/reports.h"
#include "core/date.h"
#include "core/units_list.h"
#include "store/store_oversight.h"

struct db;
struct app_scope;

#define OV_MAX_MONTHS 12

/* The unit a report is about, resolved against the caller's scope on a
 * day: has_unit 0 is the whole country (a national caller without unit). */
struct ov_target {
    int has_unit;
    struct units_version v; /* when has_unit */
    struct store_ov_area area;
};

/* Resolve unit (NULL: the scope's area) on day within scope: 0,
 * APP_REPORT_EINVAL (a malformed code, field "unit"), APP_REPORT_ENOTFOUND
 * (no such unit in the area on day: answered exactly as a missing one), or
 * a storage failure. Inside the caller's transaction. */
int ov_target_resolve(struct db *db, const struct app_scope *scope,
                      const char *unit, const char *day, struct ov_target *t,
                      struct app_report_err *err);

/* {"code", "name", "level"} or null. New reference. */
json_t *ov_target_json(const struct ov_target *t);

/* Fill err and return rc (printf-style message). */
int ov_fail(struct app_report_err *err, int rc, const char *code,
            const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A storage failure: the connection's message. */
int ov_store_fail(struct db *db, struct app_report_err *err, int rc);

/* --- Money (oversight_money.c) ---------------------------------------- */

/* Sums of approved payroll lines. */
struct ov_pay {
    int64_t persons, payable, paid, unpaid, pending, recovered;
};

struct ov_month {
    struct month m;
    int covered;      /* communes of the unit an approved payroll covered */
    int uncovered;    /* communes of the unit no approved payroll covered */
    int computed_run; /* the rules engine ran for the uncovered ones */
    struct ov_pay pay;
    int64_t comp_persons, comp_amount; /* payable persons and amount */
};

/* Money by category (the first category of a line or of a person's
 * memberships of the month) and by benefit, summed over the months. */
#define OV_BENEFITS 4 /* monthly care funeral oneoff */
struct ov_cat_money {
    char category[16];
    int64_t paid, payable, computed;
};

struct ov_money {
    size_t n;
    struct ov_month months[OV_MAX_MONTHS];
    struct ov_cat_money *cats; /* monthly benefit only */
    size_t ncats, capcats;
    struct ov_pay benefit[OV_BENEFITS]; /* persons summed over months */
    int any_payroll, any_computed;
};

/* The money of n months (1..OV_MAX_MONTHS) from `first` for area a (on
 * each month's tree). Payroll where approved payrolls covered the
 * communes, the rules engine for the others. Free with ov_money_free. */
int ov_money_compute(struct db *db, const struct store_ov_area *a,
                     struct month first, size_t n, struct ov_money *out,
                     struct app_report_err *err);
void ov_money_free(struct ov_money *m);

/* "payroll", "computed", "mixed" or "none" for a month or a range. */
const char *ov_month_source(const struct ov_month *m);
const char *ov_range_source(const struct ov_money *m, size_t from, size_t to);

/* The index of benefit ("monthly"...) in ov_money.benefit, or -1. */
int ov_benefit_index(const char *benefit);

#endif
