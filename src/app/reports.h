/* reports.h: aggregate reports for oversight (docs/reports.md; RULES.md
 * §7.2): the figures of a provincial supervision, on the caller's area.
 *
 * Aggregates only: no person is ever named, so supervisors may read them
 * (REPORT_READ). The area is the caller's scope (app/scope.h); a unit
 * asked for must lie inside it on the date (else APP_REPORT_ENOTFOUND,
 * answered exactly as a unit that does not exist).
 *
 * The summary of a date and a unit (the caller's area by default;
 * national callers: the whole country):
 *   {"date", "unit": {"code", "name", "level"} | null,
 *    "beneficiaries": N                 persons enrolled or suspended on
 *                                       the date, resident in the unit
 *                                       (store_stats.h);
 *    "by_category": {"K1a": n, ...}     their memberships valid then;
 *    "by_unit": {"347": {"name", "beneficiaries"}, ...}
 *                                       the unit's children (provinces
 *                                       nationally) on that date's tree;
 *    "money": {"rules": "national",
 *              "months": [{"month": "2024-07", "persons", "payable",
 *                          "amount"}, ... 12 months to the date's],
 *              "total"}}
 * Money is what the rules engine (national rules, core/rules.h) gives for
 * each month to the persons enrolled on its first day and resident then
 * in the unit (on that month's tree: old months keep their old units),
 * from the memberships valid in the month: integer đồng.
 */
#ifndef ANSINH_APP_REPORTS_H
#define ANSINH_APP_REPORTS_H

#include <jansson.h>

struct db;
struct app_scope;

enum app_report_rc {
    APP_REPORT_OK = 0,
    APP_REPORT_EINVAL = -401,    /* a bad date or unit code (400) */
    APP_REPORT_ENOTFOUND = -402, /* no such unit in the caller's area (404) */
    APP_REPORT_EINTERNAL = -403  /* the rules could not be loaded (500) */
};

struct app_report_err {
    char code[32];
    char message[320];
    char field[32];
};

#define APP_REPORT_MONTHS 12

/* The summary above for date ('YYYY-MM-DD'; NULL: today in Vietnam) and
 * unit (2, 3 or 5 digits; NULL: the caller's area) in scope, in one read
 * transaction, into *out (caller json_decref's). Storage failures pass
 * through as the negative db_rc with err filled. */
int app_report_summary(struct db *db, const struct app_scope *scope,
                       const char *date, const char *unit, json_t **out,
                       struct app_report_err *err);

#endif
