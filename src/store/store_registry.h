/* store_registry.h: the beneficiary registry (tables beneficiaries,
 * beneficiary_status, payment_arrangements; sql/<engine>/0003_registry.sql)
 * and the person search over persons, residences, memberships and units.
 *
 * These functions write no audit record: the caller (app/registry.c) runs
 * each change in one write transaction together with its audit record,
 * which carries the old and the new values it read and wrote. A bulk load
 * (the demo) calls them inside its own large transactions. recorded_by of
 * the history rows is the `actor` passed in.
 *
 * Inputs are checked for shape before SQL, identically on both engines (a
 * malformed date, status, reason, method or code is DB_ECHECK with a
 * Vietnamese message on the connection). Which change may follow which
 * (core/registry.h) is the caller's business. Dates are 'YYYY-MM-DD';
 * valid_to is exclusive, "" in the structs while open.
 */
#ifndef ANSINH_STORE_STORE_REGISTRY_H
#define ANSINH_STORE_STORE_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include "store/store_persons.h"

struct db;

#define STORE_REG_TEXT_MAX  200 /* characters of a free-text field */
#define STORE_REG_TEXT_SIZE 801 /* bytes, NUL included */

/* A beneficiary record as read back. */
struct store_beneficiary {
    int64_t person_id;
    char status[12]; /* "enrolled", "suspended", "terminated" */
    char since[11];
    char reason[24]; /* "" when enrolled */
    char reason_text[STORE_REG_TEXT_SIZE];
    char decision_ref[STORE_REG_TEXT_SIZE];
    char created_at[21];
    int64_t version;
};

/* One period of the status history. */
struct store_status_period {
    int64_t id;
    char status[12];
    char reason[24];
    char reason_text[STORE_REG_TEXT_SIZE];
    char decision_ref[STORE_REG_TEXT_SIZE];
    char valid_from[11];
    char valid_to[11]; /* "" while current */
    char recorded_at[21];
    char recorded_by[65];
};

struct store_status_list {
    struct store_status_period *items;
    size_t count;
};

/* A status change (or the enrolment that creates the record). Strings
 * are borrowed for the call. */
struct store_status_change {
    int64_t person_id;
    const char *status;       /* "enrolled", "suspended", "terminated" */
    const char *reason;       /* a core/registry.h code; NULL if enrolled */
    const char *reason_text;  /* free text, NULL or "" */
    const char *decision_ref; /* "12/QĐ-UBND ngày 03/02/2025", NULL or "" */
    const char *valid_from;   /* effective date */
    int64_t expected_version; /* the record's version; 0: the person has no
                                 record yet (create it, enrolled) */
    const char *actor;        /* recorded_by */
};

/* A payment arrangement as read back ("" for absent values). */
struct store_payment {
    int64_t id;
    int64_t person_id;
    char valid_from[11];
    char valid_to[11];
    char method[8]; /* "cash", "bank", "ewallet" */
    char point_name[STORE_REG_TEXT_SIZE];
    char point_officer[STORE_REG_TEXT_SIZE];
    char bank_code[7];
    char account_number[20];
    char wallet_provider[24];
    char receiver_name[STORE_PERSONS_NAME_SIZE];
    char receiver_id_number[13];
    char receiver_relationship[STORE_REG_TEXT_SIZE];
    char receiver_document[STORE_REG_TEXT_SIZE];
    char recorded_at[21];
    char recorded_by[65];
};

struct store_payment_list {
    struct store_payment *items;
    size_t count;
};

/* A new payment arrangement. NULL or "" means absent. The method decides
 * which fields it needs: cash point_name (point_officer optional); bank
 * bank_code and account_number; ewallet wallet_provider and
 * account_number. A receiver is all of name, relationship and document
 * (id_number optional) or none. */
struct store_payment_new {
    int64_t person_id;
    const char *valid_from;
    const char *method;
    const char *point_name;
    const char *point_officer;
    const char *bank_code;
    const char *account_number;
    const char *wallet_provider;
    const char *receiver_name;
    const char *receiver_id_number;
    const char *receiver_relationship;
    const char *receiver_document;
    int64_t expected_version; /* the beneficiary record's version; -1: do
                                 not check (bulk load) */
    const char *actor;        /* recorded_by */
};

/* Free what a list holds and empty it. NULL-safe. */
void store_status_list_free(struct store_status_list *l);
void store_payment_list_free(struct store_payment_list *l);

/* The beneficiary record of a person into *out. DB_ENOTFOUND if none. */
int store_registry_get(struct db *db, int64_t person_id,
                       struct store_beneficiary *out);

/* Apply a status change: with expected_version 0, create the record
 * (status must be "enrolled"; DB_ECONFLICT if the person already has one);
 * otherwise update the record when its version is expected_version
 * (DB_ECONFLICT when it is not: a lost update; DB_ENOTFOUND when there is
 * no record), end the open history period on valid_from (which must be
 * after its start: DB_ECHECK) and open a new one. A termination also ends,
 * on valid_from, every membership and payment arrangement still open then
 * (DB_ECHECK if one starts on or after valid_from), so memberships valid on
 * a date always belong to beneficiaries enrolled or suspended on it. The
 * record's new version goes to *version (may be NULL). Write transaction. */
int store_registry_status_set(struct db *db,
                              const struct store_status_change *c,
                              int64_t *version);

/* The status history of a person, oldest first (empty: no record). */
int store_registry_history(struct db *db, int64_t person_id,
                           struct store_status_list *out);

/* Set a new payment arrangement from p->valid_from: checks the beneficiary
 * record exists (DB_ENOTFOUND) and, unless expected_version is -1, that its
 * version is expected_version (DB_ECONFLICT); ends the open arrangement on
 * valid_from (DB_ECHECK unless valid_from is after its start); inserts the
 * new one and bumps the record's version (new version in *version, may be
 * NULL; *id the new arrangement, may be NULL). Write transaction. */
int store_registry_payment_set(struct db *db, const struct store_payment_new *p,
                               int64_t *version, int64_t *id);

/* Every payment arrangement of a person, oldest first. */
int store_registry_payments(struct db *db, int64_t person_id,
                            struct store_payment_list *out);

/* --- bulk load -------------------------------------------------------- */

/* One period of a history given whole (bulk load). */
struct store_bulk_period {
    const char *status;
    const char *reason;
    const char *reason_text;
    const char *decision_ref;
    const char *valid_from;
};

/* Bulk load (the demo: millions of records): write a person's whole
 * record at once, with 1 + nperiods + npayments inserts and no reads:
 * the record (status and since of the last period, version 1), the
 * periods, each ending where the next starts, and the payment
 * arrangements likewise (their expected_version is ignored). A last
 * period "terminated" then ends, on its date, the memberships and the
 * arrangement still open then. Only the shape is checked (DB_ECHECK): the
 * first period enrolled, statuses and grounds that belong together,
 * dates increasing; which change may follow which is the caller's
 * business, and the person must not have a record yet. Write
 * transaction. */
int store_registry_bulk_load(struct db *db, int64_t person_id,
                             const char *actor,
                             const struct store_bulk_period *periods,
                             size_t nperiods,
                             const struct store_payment_new *payments,
                             size_t npayments);

/* --- search ---------------------------------------------------------- */

/* An area as SQL filters, the shape of app/scope.h's scope: level 0 is
 * everywhere (no filter), 1 a province (units.province_code), 2 a district
 * (units.parent_code), 3 a commune (the code itself). A person is in an
 * area when their residence valid on the query date is in a commune of
 * that area in the unit tree valid on that date. */
struct store_area {
    int level;
    char code[8];
};

/* What to look for. Strings are borrowed; NULL means no filter. */
struct store_person_query {
    const char *date;        /* residences, units, memberships valid on */
    struct store_area scope; /* the caller's scope */
    struct store_area unit;  /* a unit filter */
    const char *id_number;   /* exactly this 9- or 12-digit number */
    const char *name;        /* a substring of the folded name
                                (text_fold), at least 3 characters */
    const char *category;    /* a membership valid on date (core code) */
    const char *status;      /* the record's current status */
    int beneficiaries_only;  /* 1: only persons with a record */
    int64_t limit;           /* 1..1000 */
    int64_t offset;          /* >= 0 */
    int64_t sort_max;        /* more matches than this are paged by a walk
                                of the name index, fewer sorted in full;
                                0: the default (store_search.c), which
                                tests lower to exercise the walk */
};

struct store_person_hit {
    int64_t id;
    char id_number[13];
    char full_name[STORE_PERSONS_NAME_SIZE];
    char birth_date[11];
    char sex;
    int64_t version;
    char unit_code[8]; /* residence valid on date ("" if none) */
    char status[12];   /* "" without a record */
    char since[11];
    char reason[24];
};

struct store_person_hits {
    struct store_person_hit *items;
    size_t count;
    int64_t total; /* every match, not only this page */
};

/* Persons matching q in Vietnamese name order (COLLATE vi), then id:
 * the page q->offset, q->limit of them into out->items, and the number of
 * all matches into out->total. Name matching is a substring match on the
 * folded name, the same on both engines (SQLite FTS5 trigram GLOB,
 * PostgreSQL pg_trgm LIKE). DB_ECHECK: a malformed query (short name,
 * bad date, code, status or paging). Read transaction recommended. */
int store_registry_search(struct db *db, const struct store_person_query *q,
                          struct store_person_hits *out);

/* Free what out holds and empty it. NULL-safe. */
void store_person_hits_free(struct store_person_hits *out);

#endif
