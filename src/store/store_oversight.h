/* store_oversight.h: the SQL behind the oversight document and Forms
 * 10a-10d (docs/oversight.md; RULES.md §6.4, §7.2).
 *
 * Everything here is aggregates or anonymous rows: no name, no id number
 * leaves these functions (person ids only where the caller must tell
 * persons apart, never to be shown). Where a row is placed is the unit
 * tree of its own day: each query joins `units` valid on the day that
 * matters (a month's first day, a submission, a closing, the date asked
 * for) and returns the commune with its parent and province then, so the
 * caller places it in a unit of that tree.
 *
 * An area is {level, code}: level 0 the whole country, 1 a province
 * (units.province_code), 2 a district (units.parent_code), 3 a commune.
 * Dates are 'YYYY-MM-DD', months their first day. Every function runs
 * inside the caller's read transaction (or none). Errors: DB_OK or a
 * negative db_rc with the message on the connection; DB_EINVAL for a
 * malformed area, DB_ECHECK for a malformed date.
 */
#ifndef ANSINH_STORE_STORE_OVERSIGHT_H
#define ANSINH_STORE_STORE_OVERSIGHT_H

#include <stddef.h>
#include <stdint.h>

struct db;

struct store_ov_area {
    int level;    /* 0 national, 1 province, 2 district, 3 commune */
    char code[8]; /* "" nationally */
};

/* Where a row lies on the tree of one day: its commune, the commune's
 * parent (a district before 2025-07-01, else the province) and province;
 * all "" when the commune had no version that day. Borrowed for the
 * callback. */
struct store_ov_place {
    const char *code, *parent, *province;
};

/* 1 if place p lies in area a (level 0: always, when p has a code). */
int store_ov_in_area(const struct store_ov_area *a,
                     const struct store_ov_place *p);

/* --- Units ---------------------------------------------------------------
 */

/* The communes of area a on day, in code order: fn(arg, code) for each.
 * fn's non-zero return stops and is returned. */
typedef int (*store_ov_code_fn)(void *arg, const char *code);
int store_ov_communes(struct db *db, const struct store_ov_area *a,
                      const char *day, store_ov_code_fn fn, void *arg);

/* --- Payrolls ------------------------------------------------------------
 * Lines of approved payrolls (approved, sent, reconciled), never blocked
 * ones, of pay months from..to (first days), whose commune (the line's
 * unit_code) lies in area a on the tree of the pay month. */

struct store_ov_pay {
    const char *month;    /* the pay month's first day */
    const char *commune;  /* the line's commune */
    const char *category; /* the line's first category ("K6"; "" none) */
    const char *benefit;  /* monthly care funeral oneoff */
    int64_t payable;      /* positive lines */
    int64_t paid;         /* of them reported paid */
    int64_t unpaid;       /* reported not paid */
    int64_t pending;      /* no result yet */
    int64_t recovered;    /* recovery lines, as a positive amount */
};
typedef int (*store_ov_pay_fn)(void *arg, const struct store_ov_pay *p);
/* Sums by month, commune, first category and benefit, in that order. */
int store_ov_payroll(struct db *db, const struct store_ov_area *a,
                     const char *from, const char *to, store_ov_pay_fn fn,
                     void *arg);

/* Distinct persons with a positive line, by month, commune and benefit:
 * fn(arg, month, commune, benefit, persons). */
typedef int (*store_ov_persons_fn)(void *arg, const char *month,
                                   const char *commune, const char *benefit,
                                   int64_t persons);
int store_ov_payroll_persons(struct db *db, const struct store_ov_area *a,
                             const char *from, const char *to,
                             store_ov_persons_fn fn, void *arg);

/* --- The rules engine's pass over a range of months -----------------------
 * Every person with a membership overlapping first_day..last_day, with
 * their enrolled periods, residences and memberships overlapping it and,
 * for K4 holders, the other persons of their household (children); in
 * person order. One read per batch of person ids (never more than a batch
 * in memory), or, when communes are given, per commune: the persons
 * resident there at some time in the range (a person who lived in two of
 * them comes twice, once with each as `via`). */

#define STORE_OV_MAX_PERIODS 16 /* of each kind, per person */
#define STORE_OV_MAX_KIDS    16

struct store_ov_period {
    char from[11];
    char to[11]; /* exclusive; "" open */
};

struct store_ov_member {
    char category[16];
    char disability[24]; /* "", severe, especially_severe */
    int studying;
    struct store_ov_period p;
};

struct store_ov_residence {
    char commune[8];
    struct store_ov_period p;
};

struct store_ov_kid {
    char birth_date[11];
    int studying;
};

struct store_ov_person {
    int64_t id;
    char via[8]; /* the commune it was read for ("" reading everyone) */
    char birth_date[11];
    size_t nmembers, nenrolled, nresidences, nkids;
    int truncated; /* 1: more rows than the caps */
    /* the arrays last: a new person clears only what comes before m */
    struct store_ov_member m[STORE_OV_MAX_PERIODS];
    struct store_ov_period enrolled[STORE_OV_MAX_PERIODS];
    struct store_ov_residence r[STORE_OV_MAX_PERIODS];
    struct store_ov_kid kid[STORE_OV_MAX_KIDS];
};

/* fn's non-zero return stops the scan and is returned. communes NULL:
 * everyone. */
typedef int (*store_ov_person_fn)(void *arg, const struct store_ov_person *p);
int store_ov_scan(struct db *db, const char *first_day, const char *last_day,
                  char *const *communes, size_t ncommunes,
                  store_ov_person_fn fn, void *arg);

/* --- Dossiers and complaints ---------------------------------------------
 */

/* A dossier alive in from..date (submitted on or before date, not closed
 * before from), placed on the trees of its submission, its closing and
 * date. */
struct store_ov_dossier {
    const char *kind, *state;
    const char *submitted_on, *closed_on; /* closed_on "" while open */
    int64_t stopped_wd;                   /* total_stopped_wd */
    int late;    /* a step visit ended past its deadline */
    int overdue; /* open on date at a step whose deadline was before it
                    (running clock, when running is set) */
    struct store_ov_place at_submitted, at_closed, at_date;
};
typedef int (*store_ov_dossier_fn)(void *arg, const struct store_ov_dossier *d);
/* running: 1 to leave out dossiers whose clock is stopped now (the date
 * is today: the inbox's rule). */
int store_ov_dossiers(struct db *db, const char *from, const char *date,
                      int running, store_ov_dossier_fn fn, void *arg);

/* A complaint alive in from..date, placed by its dossier's commune on the
 * trees of its receipt, its answer and date. */
struct store_ov_complaint {
    const char *received_on, *resolved_on, *deadline; /* resolved_on "" */
    int late;                                         /* answered late */
    struct store_ov_place at_received, at_resolved, at_date;
};
typedef int (*store_ov_complaint_fn)(void *arg,
                                     const struct store_ov_complaint *c);
int store_ov_complaints(struct db *db, const char *from, const char *date,
                        store_ov_complaint_fn fn, void *arg);

/* --- Forms: stocks and changes -------------------------------------------
 */

/* Memberships valid on day of the beneficiaries (enrolled or suspended)
 * on day resident then in area a (level 0: everyone), by category,
 * disability and status: fn(arg, category, disability, status, count). */
typedef int (*store_ov_stock_fn)(void *arg, const char *category,
                                 const char *disability, const char *status,
                                 int64_t count);
int store_ov_stock(struct db *db, const struct store_ov_area *a,
                   const char *day, store_ov_stock_fn fn, void *arg);

/* The same beneficiaries as persons: *enrolled and *suspended. */
int store_ov_stock_persons(struct db *db, const struct store_ov_area *a,
                           const char *day, int64_t *enrolled,
                           int64_t *suspended);

/* Status periods beginning from..to (inclusive): one call per period and
 * membership (the memberships valid on its first day; for a termination,
 * those it ended that day), placed by the residence valid that day on that
 * day's tree. Rows of one period come together (same id). */
struct store_ov_change {
    int64_t id;           /* the status period */
    int64_t person_id;    /* to tell persons apart; never shown */
    const char *status;   /* enrolled suspended terminated */
    const char *reason;   /* core/registry.h ground, "" */
    const char *from;     /* its first day */
    const char *previous; /* the status of the period before, "" none */
    const char *category, *disability; /* "" when no membership */
    struct store_ov_place at;
};
typedef int (*store_ov_change_fn)(void *arg, const struct store_ov_change *c);
int store_ov_changes(struct db *db, const char *from, const char *to,
                     store_ov_change_fn fn, void *arg);

#endif
