/* store_payroll.h: payrolls, their lines and points, reconciliation
 * imports, one-off payments and provider fees (migration 0006,
 * docs/payroll.md).
 *
 * These functions write no audit record: the caller (app/payroll*.c) runs
 * each change in one write transaction with its audit record. Months are
 * passed and returned as their first day ('2026-09-01'), dates as
 * 'YYYY-MM-DD'. An approved payroll is frozen by triggers (its lines,
 * points and communes can be neither changed nor deleted): a write that
 * would change one fails with DB_ECHECK.
 *
 * Errors: DB_OK or a negative db_rc with the message on the connection.
 */
#ifndef ANSINH_STORE_STORE_PAYROLL_H
#define ANSINH_STORE_STORE_PAYROLL_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_PAY_NAME_SIZE 404  /* 100 characters of UTF-8 and a NUL */
#define STORE_PAY_TEXT_SIZE 904  /* explanations, bases */
#define STORE_PAY_HASH_SIZE 65   /* hex BLAKE2b-256 and a NUL */
#define STORE_PAY_BATCH     2000 /* person ids per fact query (a range) */
/* Lines per INSERT of store_payroll_lines_add. */
#define STORE_PAY_LINES_BATCH 64

/* A payroll as stored. */
struct store_payroll {
    int64_t id;
    char area_code[8];
    char area_path[24];
    char month[11]; /* first day */
    char state[12];
    char prepared_on[11];
    char prepared_by[65], prepared_at[21];
    char checked_by[65], checked_at[21];
    char approved_by[65], approved_role[32], approved_at[21];
    char sent_by[65], sent_at[21];
    char reconciled_at[21];
    int lookback;
    int64_t persons, lines, total_payable, total_recovery;
    int64_t basis_seq, approval_seq; /* approval_seq 0 until approved */
    char rules_hash[STORE_PAY_HASH_SIZE];
    char content_hash[STORE_PAY_HASH_SIZE]; /* "" until approved */
    int64_t version;
};

/* One line as stored (or to store: id and payroll_id are set by the
 * store). Strings are NUL-terminated copies. */
struct store_pay_line {
    int64_t id, payroll_id, seq, point_seq, person_id;
    char ref[24];
    char full_name[STORE_PAY_NAME_SIZE];
    char id_number[16];
    char birth_date[11];
    char unit_code[8];
    char kind[12], benefit[12];
    char benefit_month[11];
    char category[24];
    int64_t coeff_milli, standard_level, amount, entitled, settled;
    char basis[STORE_PAY_TEXT_SIZE];
    char level_basis[STORE_PAY_TEXT_SIZE]; /* the standard level's */
    char rules_ref[32];
    char confidence[12];
    int64_t decision_id, oneoff_id, source_line_id; /* 0: none */
    char decision_ref[STORE_PAY_NAME_SIZE];
    /* Written "" for the kinds store_payroll_explained_by_row names: read
     * back composed from the other fields (migration 0009). */
    char explanation[STORE_PAY_TEXT_SIZE];
    char method[8];
    char point_name[STORE_PAY_NAME_SIZE];
    char point_officer[STORE_PAY_NAME_SIZE];
    char bank_code[24]; /* NAPAS BIN, or the e-wallet provider code */
    char account_number[24];
    char receiver_name[STORE_PAY_NAME_SIZE];
    char receiver_id_number[16];
    int blocked;
    char block_reason[STORE_PAY_NAME_SIZE];
    /* Reading only: the payment result, if any (paid -1: none). */
    int paid;
    char paid_on[11];
};

/* A payment point of a payroll. */
struct store_pay_point {
    int64_t seq;
    char unit_code[8];
    char method[8];
    char kind[16];
    char name[STORE_PAY_NAME_SIZE];
    char officer[STORE_PAY_NAME_SIZE];
    int64_t persons, lines, total;
};

struct store_pay_points {
    struct store_pay_point *items;
    size_t count;
};

void store_pay_points_free(struct store_pay_points *p);

/* --- Payrolls ------------------------------------------------------------ */

/* The payroll of id (DB_ENOTFOUND: none). */
int store_payroll_get(struct db *db, int64_t id, struct store_payroll *out);
/* The payroll of area and month (first day), DB_ENOTFOUND if none. */
int store_payroll_find(struct db *db, const char *area, const char *month,
                       struct store_payroll *out);

/* Filters of store_payroll_list (NULL or "": any). area: payrolls whose
 * area_path holds that code (the reader's scope, docs/authz.md). */
struct store_payroll_filter {
    const char *area;
    const char *month; /* first day */
    const char *state;
};

struct store_payroll_list {
    struct store_payroll *items;
    size_t count;
    int64_t total;
};

/* Payrolls matching f, newest month first then area, a page of at most
 * limit (1..1000) after offset; the total. Free with
 * store_payroll_list_free. */
int store_payroll_list(struct db *db, const struct store_payroll_filter *f,
                       int64_t offset, int64_t limit,
                       struct store_payroll_list *out);
void store_payroll_list_free(struct store_payroll_list *l);

/* Create the payroll of p->area_code and p->month in state "prepared"
 * (p->id is set), or, when it exists in state prepared or checked, empty
 * it (lines, points, communes) and reset it to "prepared" with p's
 * preparation fields and a version one higher. DB_ECONFLICT when it
 * exists in a later state (frozen). */
int store_payroll_begin(struct db *db, struct store_payroll *p);

/* The communes of area (2, 3 or 5 digits) on day: the commune itself, the
 * communes of a district (three-tier tree) or of a province, in code
 * order, into *codes (caller frees each and the array), *n. */
int store_payroll_area_communes(struct db *db, const char *area,
                                const char *day, char ***codes, size_t *n);

/* Record that payroll id covers these communes in month. DB_ECONFLICT
 * (message naming the payroll) when another payroll of the month already
 * covers one of them. */
int store_payroll_units_add(struct db *db, int64_t id, const char *month,
                            char *const *codes, size_t n);

/* The highest approval number so far (0: none). */
int store_payroll_last_approval(struct db *db, int64_t *out);

/* 1 when a line of this kind (enum payroll_kind) is stored without its
 * explanation: its columns give it (payroll_line_explain), and the store
 * composes it when the line is read. 0 for roll-overs and one-offs. */
int store_payroll_explained_by_row(int kind);

/* Append lines l[0..n-1] (all of one payroll, payroll_id set), in order,
 * with multi-row INSERTs of up to STORE_PAY_LINES_BATCH lines: one
 * statement per line costs more than the row itself at national scale
 * (docs/payroll.md, bench/payroll.sh). DB_ECHECK, nothing written, when
 * the payroll is not prepared or checked (an approved payroll is frozen;
 * migration 0008), the lines are of several payrolls, or a line breaks a
 * CHECK constraint of payroll_lines (the message names its reference and
 * the rule). A line's basis texts (basis, rules_ref, level_basis) are
 * stored once in payroll_bases and the line names them (migration 0011);
 * store_payroll_lines gives them back. The new ids are not returned (the
 * l[i].id are left as they are). DB_OK, or the first error (the lines of
 * the failing statement are not written). */
int store_payroll_lines_add(struct db *db, const struct store_pay_line *l,
                            size_t n);
/* Begin (on 1) or end (on 0) a run of store_payroll_lines_add calls with
 * nothing else written in between: SQLite skips its CHECK constraints on
 * the connection meanwhile (they cost a third of inserting a line at
 * national scale, bench/payroll.sh), as store_payroll_lines_add checks
 * every line against them itself (DB_ECHECK, nothing written). Toggling
 * makes SQLite prepare its statements again: once per run, not per call.
 * Other engines: nothing but this: on every engine, the bases met are
 * looked up once per run, not per call. End a begun run on every path,
 * inside the transaction it began in. */
int store_payroll_lines_run(struct db *db, int on);
/* Give the connection a page cache of kib KiB for a bulk write (on
 * SQLite: PRAGMA cache_size; PostgreSQL has nothing per connection to
 * set) or, kib 0, back to the default. A national preparation writes
 * hundreds of thousands of lines in one transaction, and with SQLite's
 * default 2 MB the index pages of payroll_lines spill to the WAL and are
 * read back again and again (bench/payroll.sh). DB_OK or an error. */
int store_payroll_bulk_cache(struct db *db, int64_t kib);
/* Append a point. */
int store_payroll_point_add(struct db *db, int64_t payroll_id,
                            const struct store_pay_point *p);
/* Set the counts and totals after the lines are in. */
int store_payroll_totals(struct db *db, int64_t id, int64_t persons,
                         int64_t lines, int64_t payable, int64_t recovery);

/* Move payroll id from state `from` to `to` when its version is
 * `version` (DB_ECONFLICT otherwise, a lost update), recording who and
 * when: to "checked" (checked_by/at), "approved" (approved_by, role, at,
 * content_hash, the next approval number), "sent" (sent_by/at),
 * "reconciled" (reconciled_at). *version receives the new version. */
struct store_payroll_move {
    const char *from, *to;
    const char *by, *role, *at;
    const char *content_hash; /* approve */
};
int store_payroll_move(struct db *db, int64_t id,
                       const struct store_payroll_move *m, int64_t *version);

/* 1 in *stale when a payroll sharing a commune with id was approved after
 * id was prepared (approval_seq > id's basis_seq), or when one of id's
 * roll-over lines carries a line another approved payroll already rolled
 * over; else 0. The offending payroll's id in *other (may be NULL). */
int store_payroll_stale(struct db *db, int64_t id, int *stale, int64_t *other);

/* Hex BLAKE2b-256 of the canonical serialisation of payroll id (its
 * fields, then every line in seq order: docs/payroll.md) into out. */
int store_payroll_content_hash(struct db *db, int64_t id,
                               char out[STORE_PAY_HASH_SIZE]);

/* Stream the lines of payroll id in seq order, with their payment result:
 * only point `point_seq` when > 0, a page (offset, limit; limit 0: all).
 * fn's non-zero return stops and is returned. *total (may be NULL)
 * receives the matching count. */
typedef int (*store_pay_line_fn)(void *arg, const struct store_pay_line *l);
int store_payroll_lines(struct db *db, int64_t id, int64_t point_seq,
                        int64_t offset, int64_t limit, store_pay_line_fn fn,
                        void *arg, int64_t *total);

/* The points of payroll id in seq order. */
int store_payroll_points(struct db *db, int64_t id,
                         struct store_pay_points *out);

/* Block (reason not NULL) or unblock (reason NULL) the line of ref in
 * payroll id (prepared or checked: the trigger refuses later states).
 * DB_ENOTFOUND when the payroll has no such line. */
int store_payroll_block(struct db *db, int64_t id, const char *ref,
                        const char *reason, const char *by, const char *at);
/* Every block of payroll id: references and reasons (caller frees each
 * string and both arrays), *n. */
int store_payroll_blocks(struct db *db, int64_t id, char ***refs,
                         char ***reasons, size_t *n);
/* The block reason of ref in payroll id into out ("" when none). */
int store_payroll_block_get(struct db *db, int64_t id, const char *ref,
                            char *out, size_t cap);

/* --- Facts for preparing -------------------------------------------------
 * Two statements per range of person ids stream everything the payroll of
 * a month needs about those persons: first the registry's facts (kinds
 * PERSON..CHILD), then the facts of earlier payrolls (SETTLED..UNPAID),
 * each ordered by person and kind; collect the whole range before using
 * a person's facts. */

enum store_pay_fact_kind {
    STORE_PAY_PERSON = 0,  /* n0 household; t0 name, t1 id number, t2 birth */
    STORE_PAY_MEMBER,      /* n0 id, n1 studying; t0 category, t1 disability,
                              t2 from, t3 to */
    STORE_PAY_STATUS,      /* n0 id; t0 status, t1 from, t2 to, t3 decision
                              reference, t4 reason */
    STORE_PAY_RESIDENCE,   /* n0 id; t0 commune, t1 from, t2 to */
    STORE_PAY_ARRANGEMENT, /* n0 id; t0 method, t1 from, t2 to, t3 point,
                              t4 officer, t5 bank or wallet code, t6
                              account, t7 receiver, t8 receiver id */
    STORE_PAY_DECISION,    /* n0 id; t0 kind, t1 effective from, t2 number,
                              t3 signed on, t4 dossier kind, t5 dossier
                              event day, t6 applicant, t7 categories */
    STORE_PAY_CHILD,       /* n0 child id, n1 studying; t0 birth date */
    STORE_PAY_SETTLED,     /* n0 sum; t0 benefit, t1 benefit month */
    STORE_PAY_ONCE,        /* n0 sum, n1 decision or one-off id; t0 kind */
    STORE_PAY_UNPAID,      /* n0 line id, n1 amount; t0 ref, t1 kind, t2
                              benefit, t3 benefit month, t4 pay month, t5
                              category */
    STORE_PAY_FACT_KINDS
};

#define STORE_PAY_FACT_TEXTS 9

/* One fact. Texts are borrowed until the next fact ("" for SQL NULL). */
struct store_pay_fact {
    int64_t person_id;
    int kind;
    int64_t n[2];
    const char *t[STORE_PAY_FACT_TEXTS];
};

typedef int (*store_pay_fact_fn)(void *arg, const struct store_pay_fact *f);

/* Stream the facts of persons lo..hi (inclusive) for a payroll of pay
 * month `month` looking back to `from` (first days): the person; their
 * memberships, status periods, residences and payment arrangements that
 * overlap from..the month's last day; their decisions; the children of
 * their household when they hold K4 in the window; the sums of their
 * lines in approved payrolls by benefit and month (allowance, care,
 * arrears, recoveries; not blocked) and by funeral decision or one-off;
 * their unpaid positive lines of approved payrolls before the month that
 * no approved payroll rolled over yet, in no particular order (the
 * caller sorts them). fn's non-zero return stops and is returned. */
int store_payroll_facts(struct db *db, int64_t lo, int64_t hi, const char *from,
                        const char *month, const char *last_day,
                        store_pay_fact_fn fn, void *arg);

/* The beneficiaries (persons with a beneficiary record) resident on day
 * in commune, in id order, appended to *ids (grown with xreallocarray;
 * *n, *cap updated). */
int store_payroll_residents(struct db *db, const char *commune, const char *day,
                            int64_t **ids, size_t *n, size_t *cap);

/* Months from..to (first days, inclusive) and communes that approved
 * payrolls covered: fn(arg, month, commune) for each. */
typedef int (*store_pay_cover_fn)(void *arg, const char *month,
                                  const char *commune);
int store_payroll_coverage(struct db *db, const char *from, const char *to,
                           store_pay_cover_fn fn, void *arg);

/* --- One-off payments and fees -------------------------------------------- */

struct store_oneoff {
    int64_t id;
    char code[44];
    char name[STORE_PAY_NAME_SIZE];
    int64_t amount;
    char month[11];
    char area_code[8];
    char eligible_on[11];
    char categories[200];
    char basis[STORE_PAY_TEXT_SIZE];
    char rules_ref[32];
    char confidence[12];
};

struct store_oneoffs {
    struct store_oneoff *items;
    size_t count;
};

void store_oneoffs_free(struct store_oneoffs *o);
/* Add one (o->id set). DB_ECONFLICT: the code is taken. */
int store_oneoff_add(struct db *db, struct store_oneoff *o, const char *by,
                     const char *at);
/* One-off payments of months from..to (first days, inclusive), by id. */
int store_oneoff_list(struct db *db, const char *from, const char *to,
                      struct store_oneoffs *out);

/* Set the provider's fee of area ("" national) from day, in basis points.
 * Replaces a setting of the same area and day. */
int store_fee_set(struct db *db, const char *area, const char *from,
                  int64_t fee_bp, const char *basis, const char *by,
                  const char *at);

struct store_fee {
    char area_code[8];
    char valid_from[11];
    int64_t fee_bp;
    char basis[STORE_PAY_TEXT_SIZE];
};

struct store_fees {
    struct store_fee *items;
    size_t count;
};

void store_fees_free(struct store_fees *f);
/* Every fee setting, by area then day. */
int store_fee_list(struct db *db, struct store_fees *out);

/* --- Reconciliation ------------------------------------------------------- */

struct store_pay_import {
    int64_t id, payroll_id;
    char file_hash[STORE_PAY_HASH_SIZE];
    char file_name[256];
    char format[8];
    char imported_by[65], imported_at[21];
    int64_t rows, paid, unpaid, amount_paid, mismatches;
};

/* The import of file_hash into payroll id, DB_ENOTFOUND if none. */
int store_payroll_import_find(struct db *db, int64_t payroll_id,
                              const char *file_hash,
                              struct store_pay_import *out);
/* Add an import (counts filled later with store_payroll_import_counts);
 * i->id receives its id. DB_ECONFLICT: this file was imported. */
int store_payroll_import_add(struct db *db, struct store_pay_import *i);
int store_payroll_import_counts(struct db *db,
                                const struct store_pay_import *i);

/* Imports of payroll id, oldest first. */
struct store_pay_imports {
    struct store_pay_import *items;
    size_t count;
};
void store_pay_imports_free(struct store_pay_imports *l);
int store_payroll_imports(struct db *db, int64_t payroll_id,
                          struct store_pay_imports *out);

/* Record the result of a line (replacing an earlier one). paid_on NULL
 * when not paid. */
int store_payroll_result_set(struct db *db, int64_t line_id, int64_t payroll_id,
                             int paid, const char *paid_on, const char *note,
                             int64_t import_id, int64_t row_no, const char *at);

struct store_pay_mismatch {
    int64_t id, import_id, row_no;
    char kind[16];
    char ref[64];
    int64_t line_id, expected, found; /* 0 / INT64_MIN: none */
    char detail[STORE_PAY_TEXT_SIZE];
};

int store_payroll_mismatch_add(struct db *db,
                               const struct store_pay_mismatch *m);

struct store_pay_mismatches {
    struct store_pay_mismatch *items;
    size_t count;
};
void store_pay_mismatches_free(struct store_pay_mismatches *l);
/* Mismatches of an import, in id order. */
int store_payroll_mismatches(struct db *db, int64_t import_id,
                             struct store_pay_mismatches *out);

/* Payable lines (positive, not blocked) of payroll id without a result:
 * the count. */
int store_payroll_unresolved(struct db *db, int64_t id, int64_t *count);

/* For person and the pay months from..to (first days): how many of those
 * months had payable lines in approved payrolls, and in how many at least
 * one of them was paid, into *months and *paid_months. */
int store_payroll_person_streak(struct db *db, int64_t person_id,
                                const char *from, const char *to,
                                int64_t *months, int64_t *paid_months);

/* How many open "not_collected_3m" tasks (migration 0005's tasks) person
 * has, into *n: the payroll raises one per streak of unpaid months. */
int store_payroll_open_task(struct db *db, int64_t person_id, int64_t *n);

/* --- Figures ---------------------------------------------------------------
 */

/* One aggregate of approved lines: pay month, commune, category (the
 * first of the line's), kind, and sums. */
struct store_pay_figure {
    const char *month; /* borrowed until the next call of fn */
    const char *unit_code;
    const char *category;
    const char *kind;
    int64_t lines, persons, amount, paid_amount, unpaid_amount;
};
typedef int (*store_pay_figure_fn)(void *arg, const struct store_pay_figure *f);
/* Aggregates of the lines of approved payrolls of months from..to (first
 * days) whose area_path holds `area` ("" all), by month, commune,
 * category and kind, in that order. */
int store_payroll_figures(struct db *db, const char *area, const char *from,
                          const char *to, store_pay_figure_fn fn, void *arg);

/* One person whose health-insurance card must be issued (joined: a
 * beneficiary on the month's first day, not on the previous month's) or
 * ended (left: the other way round), resident then in one of the
 * communes (RULES.md §2.7). Strings borrowed for the call. */
struct store_pay_bhyt {
    int64_t person_id;
    int joined; /* 1 issue, 0 end */
    const char *full_name, *birth_date, *sex, *id_number, *unit_code, *address,
        *since, *reason, *decision_ref, *categories;
};
typedef int (*store_pay_bhyt_fn)(void *arg, const struct store_pay_bhyt *b);
int store_payroll_bhyt(struct db *db, char *const *communes, size_t n,
                       const char *month, const char *prev_month,
                       store_pay_bhyt_fn fn, void *arg);

#endif
