/* store_quote.h: what the rules engine needs to compute every
 * beneficiary's entitlement for one month, read in one pass (the bench of
 * `ansinh quote --all`, and later the monthly payment list).
 *
 * A person is streamed when at least one of their memberships is valid in
 * the month: valid_from <= the month's last day and (valid_to IS NULL or
 * valid_to > the month's first day). Payment starts in the month a
 * decision takes effect and stops from the month after the event that ends
 * it (RULES.md §2.6), so a membership valid on any day of the month
 * counts; valid_to is exclusive.
 *
 * K4 children: the demo records a poor single parent's children as the
 * other persons of the parent's household, and a child in education by a
 * "Giấy xác nhận đang học" document on the child (docs/demo.md). They are
 * streamed with every person holding a K4 membership valid in the month.
 *
 * Persons come in person_id order, read in batches of ids (keyset), so
 * neither engine holds more than one batch in memory whatever the size of
 * the database; the whole scan runs in one read transaction (one
 * snapshot). Errors: negative db_rc, message on the connection.
 */
#ifndef ANSINH_STORE_STORE_QUOTE_H
#define ANSINH_STORE_STORE_QUOTE_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_QUOTE_MAX_MEMBERSHIPS 16    /* per person and month */
#define STORE_QUOTE_MAX_CHILDREN    16    /* per K4 parent */
#define STORE_QUOTE_BATCH           50000 /* person ids per query */

struct store_quote_membership {
    char category[16];   /* "K6" */
    char disability[24]; /* "", "severe", "especially_severe" */
    int studying;        /* 0 or 1 */
};

struct store_quote_child {
    char birth_date[11]; /* 'YYYY-MM-DD' */
    int studying;        /* has a school confirmation */
};

/* One person as streamed: a plain value, overwritten for the next one. */
struct store_quote_person {
    int64_t person_id;
    char birth_date[11];
    size_t nmemberships;
    struct store_quote_membership m[STORE_QUOTE_MAX_MEMBERSHIPS];
    size_t nchildren;
    struct store_quote_child child[STORE_QUOTE_MAX_CHILDREN];
    int truncated; /* 1 if memberships or children were beyond the caps */
};

/* Called once per person; p is borrowed for the call. A non-zero return
 * stops the scan and becomes store_quote_scan's result. */
typedef int (*store_quote_fn)(void *arg, const struct store_quote_person *p);

/* What a filtered scan keeps besides the month's memberships (the
 * payroll of an area, docs/reports.md): persons whose residence on the
 * month's first day is a commune of the area in the unit tree of that day
 * (the place that pays a month is the place of residence on its first
 * day: a move takes effect on a month's first day, RULES.md §6.3), and,
 * with enrolled, only persons enrolled on that day (a suspended person is
 * not paid). */
struct store_quote_filter {
    int level;    /* 0 everywhere, 1 province, 2 district, 3 commune */
    char code[8]; /* the area's code (2, 3 or 5 digits) */
    int enrolled; /* 1: enrolled on the first day only */
};

/* Stream every person with a membership valid in the month whose first
 * and last days are first_day and last_day ('YYYY-MM-DD'), with those
 * memberships (in membership id order) and, for K4, the children (in
 * person id order). Returns DB_OK, fn's non-zero result, or a negative
 * db_rc (DB_ECHECK for a malformed date). */
int store_quote_scan(struct db *db, const char *first_day, const char *last_day,
                     store_quote_fn fn, void *arg);

/* The same, keeping only what f says (DB_EINVAL for a malformed area).
 * The scan runs in its own read transaction, or inside the caller's
 * transaction when one is open. */
int store_quote_scan_filtered(struct db *db, const char *first_day,
                              const char *last_day,
                              const struct store_quote_filter *f,
                              store_quote_fn fn, void *arg);

#endif
