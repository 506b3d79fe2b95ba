/* registry.h: the beneficiary registry use cases (docs/registry.md),
 * shared by the API and, later, decisions: persons, their papers, their
 * beneficiary record's status and their payment arrangement.
 *
 * Every function takes the caller's scope (app/scope.h). A person belongs
 * to the commune of their residence valid today (in Vietnam); a person out
 * of scope, like one that does not exist, is APP_REG_ENOTFOUND (the API's
 * 404), so nobody learns what lies outside their area. A person with no
 * residence today is only visible to national scopes.
 *
 * Every change runs in ONE write transaction with its audit record
 * (store_audit_append): actor, time, action, the person's area path and
 * the changed values old -> new as JSON. Validation goes through core
 * (text_clean NFC and caps, cccd_parse and cccd_check_person, dates) and
 * reports the field at fault with a Vietnamese message.
 */
#ifndef ANSINH_APP_REGISTRY_H
#define ANSINH_APP_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/scope.h"
#include "core/date.h"

struct db;

/* Errors of this module; storage failures pass through as the negative
 * db_rc (db.h: -1 .. -7). */
enum app_reg_rc {
    APP_REG_OK = 0,
    APP_REG_EINVAL = -201,     /* bad input: err names the field */
    APP_REG_ENOTFOUND = -202,  /* no such person, or out of scope */
    APP_REG_ECONFLICT = -203,  /* the version differs: a lost update */
    APP_REG_EDUPLICATE = -204, /* the id number is another person's */
    APP_REG_ESTATE = -205      /* not allowed in the record's state (no
                                  beneficiary record, status change that
                                  cannot follow, dates out of order) */
};

/* Why a call failed: a stable code ("invalid_cccd"), a Vietnamese message
 * and the input field ("" when not about one field). */
struct app_reg_err {
    char code[32];
    char message[320];
    char field[64];
};

#define APP_REG_NAME_MAX 100 /* characters of a person's name */
#define APP_REG_TEXT_MAX 200 /* characters of other free text */
#define APP_REG_PAGE_MAX 100 /* rows per page */
#define APP_REG_PAGE_DEF 20

/* A person as sent to create or correct one. Strings are borrowed. For a
 * correction (app_person_update) only the fields with has_* set change;
 * id_number NULL with has_id_number removes the number, household_id 0
 * with has_household_id detaches the person from a household. */
struct app_person_input {
    const char *full_name;
    int has_full_name;
    const char *birth_date; /* 'YYYY-MM-DD' */
    int has_birth_date;
    const char *sex; /* "M" or "F" */
    int has_sex;
    const char *id_number; /* 12-digit CCCD, 9-digit CMND, or NULL */
    int has_id_number;
    int64_t household_id;
    int has_household_id;
    /* Creation only: the residence that places the person (and so their
     * scope). resident_since NULL: today. */
    const char *unit_code;
    const char *address;
    const char *resident_since;
    /* Correction only: the version read (lost-update check). */
    int64_t version;
};

/* What to look for (query parameters, as text; NULL: absent). */
struct app_person_filter {
    const char *q;        /* 9 or 12 digits: that id number exactly;
                             otherwise a part of the name, any case, with
                             or without diacritics, 3 characters or more */
    const char *unit;     /* a unit code (2, 3 or 5 digits) */
    const char *category; /* "K6" */
    const char *status;   /* "enrolled", "suspended", "terminated" */
    const char *page;     /* from 1 */
    const char *per_page; /* 1..APP_REG_PAGE_MAX */
    int beneficiaries_only;
};

/* An evidence document to add. */
struct app_document_input {
    const char *kind;      /* core/registry.h kind, required */
    const char *type;      /* printed title; NULL: the kind's name */
    const char *number;    /* may be NULL */
    const char *issued_on; /* 'YYYY-MM-DD', not after today; may be NULL */
    const char *issuer;    /* may be NULL */
    int64_t membership_id; /* 0: none; else one of the person's */
};

/* A new payment arrangement (RULES.md §7.1). */
struct app_payment_input {
    int64_t version;             /* the beneficiary record's version */
    const char *valid_from;      /* 'YYYY-MM-DD' */
    const char *method;          /* "cash", "bank", "ewallet" */
    const char *point_name;      /* cash: where, required */
    const char *point_officer;   /* cash: who answers for it, optional */
    const char *bank_code;       /* bank: NAPAS BIN (core/payment.h) */
    const char *account_number;  /* bank: 6..19 digits; ewallet: mobile */
    const char *wallet_provider; /* ewallet: core/payment.h code */
    int has_receiver;            /* an authorised receiver follows */
    const char *receiver_name;
    const char *receiver_id_number; /* optional */
    const char *receiver_relationship;
    const char *receiver_document;
};

/* A status change of a beneficiary record (made by decisions; no
 * endpoint of its own). */
struct app_status_input {
    int64_t version;         /* the record's version; 0: the person has none yet
                                (enrolment creates it) */
    const char *status;      /* "enrolled", "suspended", "terminated" */
    const char *reason;      /* core/registry.h ground; NULL if enrolled */
    const char *reason_text; /* optional */
    const char *decision_ref; /* optional: "15/QĐ-UBND ngày 02/01/2026" */
    const char *valid_from;   /* effective date */
};

/* A short Vietnamese message for an app_reg_rc or db_rc. Static. */
const char *app_reg_strerror(int rc);

/* Check a complete person (create, or a correction merged with the
 * stored record), without storage: name (1..100 characters after NFC and
 * trimming), birth date (a real day, 1900-01-01 .. today), sex (M or F),
 * id number (cccd_parse, then cccd_check_person against the birth year
 * and sex: the precise message, field "id_number"), and for creation the
 * unit code (5 digits), address and resident_since (not after today, not
 * before birth). Returns APP_REG_OK or APP_REG_EINVAL with err filled. */
int app_person_check(const struct app_person_input *in, int create,
                     struct date today, struct app_reg_err *err);

/* Create a person with their residence, in scope (a unit outside it is
 * APP_REG_EINVAL on field "unit_code" rather than 404: the caller chose
 * it). household_id, when given, must be a household of a commune in
 * scope. Writes "person.create" with the new values. *id receives the new
 * person's id. APP_REG_EDUPLICATE: the id number is taken. */
int app_person_create(struct db *db, const struct app_scope *scope,
                      const char *actor, const struct app_person_input *in,
                      int64_t *id, struct app_reg_err *err);

/* Correct a person's fields (has_* set) when in->version is the stored
 * version (APP_REG_ECONFLICT otherwise). Writes "person.update" with the
 * changed fields old -> new; a correction that changes nothing writes
 * nothing and keeps the version. *version receives the (new) version. */
int app_person_update(struct db *db, const struct app_scope *scope,
                      const char *actor, int64_t id,
                      const struct app_person_input *in, int64_t *version,
                      struct app_reg_err *err);

/* The whole record of a person as JSON into *out (caller json_decref's):
 * person, household, residences, memberships with their documents, the
 * other documents, beneficiary record with status history, payment
 * arrangements (current and history). docs/registry.md has the shape. */
int app_person_get(struct db *db, const struct app_scope *scope, int64_t id,
                   json_t **out, struct app_reg_err *err);

/* Check a search filter without storage (what app_person_search refuses
 * with APP_REG_EINVAL: page numbers, unit code, category, status, a
 * number that is not 9 or 12 digits, a name part under 3 or over 100
 * characters once folded). Returns APP_REG_OK or APP_REG_EINVAL. */
int app_person_filter_check(const struct app_person_filter *f,
                            struct app_reg_err *err);

/* Search persons (or, with f->beneficiaries_only, beneficiary records) in
 * scope: {"total", "page", "per_page", "items": [...]} in Vietnamese name
 * order. APP_REG_EINVAL for a bad parameter (field named). */
int app_person_search(struct db *db, const struct app_scope *scope,
                      const struct app_person_filter *f, json_t **out,
                      struct app_reg_err *err);

/* Add an evidence document to a person in scope; "document.create" with
 * the new values. *id (may be NULL) receives its id. */
int app_document_add(struct db *db, const struct app_scope *scope,
                     const char *actor, int64_t person_id,
                     const struct app_document_input *in, int64_t *id,
                     struct app_reg_err *err);

/* Check a document (kind known, texts clean and capped, issued_on a real
 * day not after today) or a payment arrangement (method and the fields it
 * needs, known bank and wallet codes, account and wallet numbers, a whole
 * receiver with a valid id number if any, valid_from a real day, version
 * given), without storage. Returns APP_REG_OK or APP_REG_EINVAL with err
 * naming the field; app_document_add and app_payment_set start with them. */
int app_document_check(const struct app_document_input *in,
                       struct app_reg_err *err);
int app_payment_check(const struct app_payment_input *in,
                      struct app_reg_err *err);

/* Set a new payment arrangement from in->valid_from for a beneficiary in
 * scope (APP_REG_ESTATE: the person has no beneficiary record or the date
 * is not after the current arrangement's start); "payment.set" with the
 * arrangement replaced and the new one. *version receives the record's
 * new version. */
int app_payment_set(struct db *db, const struct app_scope *scope,
                    const char *actor, int64_t person_id,
                    const struct app_payment_input *in, int64_t *version,
                    struct app_reg_err *err);

/* Change the status of a person's beneficiary record (enrol, suspend,
 * resume, terminate, re-enrol; core/registry.h says which may follow
 * which: APP_REG_ESTATE otherwise). A termination also ends the
 * memberships and the payment arrangement open on its date. Writes
 * "beneficiary.status" with old -> new (and the memberships ended).
 * *version receives the record's new version. */
int app_beneficiary_status(struct db *db, const struct app_scope *scope,
                           const char *actor, int64_t person_id,
                           const struct app_status_input *in, int64_t *version,
                           struct app_reg_err *err);

#endif
