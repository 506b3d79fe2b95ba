/* dossiers.h: case management (use cases of /api/v1/dossiers and
 * /api/v1/decisions; docs/dossiers.md): dossiers (hồ sơ) moving through
 * the procedures of rules/procedures/ (core/procedure.h), complaints
 * (khiếu nại), decisions (quyết định) and their printable letter, the
 * public posting list and the inbox.
 *
 * Who may call what is the router's (DOSSIER_READ, DOSSIER_ACT,
 * DECISION_SIGN); which role may take which action at which step is the
 * procedure data's; where is the caller's scope (app/scope.h): a dossier
 * belongs to the commune that received it, placed on the unit tree of
 * today while it is open and of the day it closed afterwards; a decision
 * to its commune on the signing day. Anything outside the scope is
 * APP_DOS_ENOTFOUND (404), never "forbidden".
 *
 * Every change is ONE write transaction with its audit record (actor,
 * area path, old -> new): a transition also closes and opens step visits
 * and records the act; signing a decision also moves the dossier to
 * "decided" and changes the beneficiary's status through
 * app_beneficiary_status (app/registry.h) in the same transaction.
 * Updates need the dossier's version (APP_DOS_ECONFLICT when stale).
 *
 * Deadlines count working days (core/workdays.h, the official schedule
 * embedded in the binary): from the step's start or the submission as the
 * step says; the clock stops while documents are awaited or a complaint
 * is open, and the working days it stood still extend the deadline when
 * the stop began on or before it. An act is dated (`date`, default
 * today; never after today nor before the step started): lateness
 * compares that date with the deadline; recorded_at keeps when it was
 * entered.
 */
#ifndef ANSINH_APP_DOSSIERS_H
#define ANSINH_APP_DOSSIERS_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct db;
struct app_user;
struct procedure_set;
struct workdays_calendar;

/* Errors; storage failures pass through as the negative db_rc. */
enum app_dos_rc {
    APP_DOS_OK = 0,
    APP_DOS_EINVAL = -301,     /* bad input: err names the field (400) */
    APP_DOS_ENOTFOUND = -302,  /* no such record in the caller's scope */
    APP_DOS_ECONFLICT = -303,  /* the version is stale (409) */
    APP_DOS_ESTATE = -304,     /* not possible now: not an action of this
                                  step, held by a complaint, waiting for
                                  documents, posting not over, closed,
                                  the registry refuses the change (409) */
    APP_DOS_EFORBIDDEN = -305, /* the role may not take this action here,
                                  or the signer is not the competent
                                  chairman on the signing date (403) */
    APP_DOS_EDUPLICATE = -306, /* the decision number is taken (409) */
    APP_DOS_EINTERNAL = -307   /* the procedure data or the calendar could
                                  not be loaded (500) */
};

/* Why a call failed: a stable code, a Vietnamese message, the field. */
struct app_dos_err {
    char code[32];
    char message[400];
    char field[64];
};

#define APP_DOS_PAGE_MAX 100
#define APP_DOS_PAGE_DEF 20
#define APP_DOS_NOTE_MAX 1000 /* characters of a note, reason, answer */
#define APP_DOS_NAME_MAX 100  /* characters of a name */

/* A new dossier. Strings are borrowed; NULL means absent. */
struct app_dossier_new {
    int64_t person_id;
    const char *kind;           /* grant adjust stop transfer care funeral */
    const char *submitted_on;   /* NULL: today */
    const char *categories;     /* "K6", "K4,K6": grant, adjust, transfer
                                   (required), care (optional) */
    const char *disability;     /* with K6: severe, especially_severe */
    const char *certificate_on; /* with K6: the disability certificate */
    const char *event_on;       /* adjust, stop, transfer (required) */
    const char *proposed;       /* stop: suspend, resume or terminate */
    const char *ground;         /* suspend, terminate: a core/registry.h
                                   reason of that status */
    const char *applicant;      /* who submits (optional) */
    const char *note;           /* optional */
    const char *to_unit;        /* a stop for a move (ground "moved"): the
                                   commune the person moved to; signing the
                                   stop opens the transfer dossier there
                                   (RULES.md §6.3). Optional */
    const char *to_address;     /* with to_unit: the new address */
};

/* An action at the dossier's step. */
struct app_dossier_act {
    const char *action; /* a code of the procedure data */
    int64_t version;    /* the dossier's version as read */
    const char *date;   /* the day of the act; NULL: today */
    const char *note;   /* required for "refuse" (written reasons) */
};

struct app_complaint_new {
    int64_t version; /* the dossier's */
    const char *complainant;
    const char *content;
    const char *received_on; /* NULL: today */
};

struct app_complaint_answer {
    int64_t version; /* the dossier's */
    const char *answer;
    const char *resolved_on; /* NULL: today */
};

/* Inbox filters as query text (NULL: absent). */
struct app_dossier_query {
    const char *unit;  /* a unit code (2, 3 or 5 digits) */
    const char *state; /* open decided refused withdrawn */
    const char *kind;
    const char *step;    /* a step code */
    const char *overdue; /* "1": open, clock running, past the deadline */
    const char *person;  /* a person id */
    const char *page;    /* from 1 */
    const char *per_page;
};

/* A decision to sign. */
struct app_decision_new {
    int64_t dossier_id;
    int64_t version;         /* the dossier's */
    const char *number;      /* "15/QĐ-UBND", 1..50 characters */
    const char *signed_on;   /* NULL: today */
    const char *kind;        /* NULL: what the dossier proposes */
    const char *reason_text; /* optional */
};

struct app_decision_query {
    const char *unit;
    const char *kind;
    const char *from; /* signed on or after */
    const char *to;
    const char *person;
    const char *page;
    const char *per_page;
};

/* The procedure set and the working-day calendar of the process, built
 * once from the embedded files (the CSV files of rules/procedures/ and
 * WORKDAYS_DATA_FILE) and immutable afterwards; NULL when they cannot be
 * built (logged). $ANSINH_PROCEDURE_FLAGS ("posting_2025" or
 * "posting_2025=off", comma-separated) overrides the data's flag
 * defaults. Borrowed: never freed. */
const struct procedure_set *app_procedures(void);
const struct workdays_calendar *app_calendar(void);

/* The procedure data as JSON (flags with their state, signers, each
 * procedure with its steps and actions, their bases and confidence) into
 * *out (caller json_decref's). APP_DOS_EINTERNAL when not loaded. */
int app_procedures_json(json_t **out);

/* Register a dossier submitted at the commune where the person resides on
 * the submission date (in the caller's scope; the procedure's submitting
 * roles only), under the procedure of its kind and submission date, at
 * the procedure's first step. *id receives the new id. */
int app_dossier_create(struct db *db, const struct app_user *user,
                       const struct app_dossier_new *in, int64_t *id,
                       struct app_dos_err *err);

/* The dossier with its person, procedure, current step (deadline,
 * working days left, overdue, paused, held), step visits, acts,
 * complaints, decision and the actions the caller's role may take now,
 * as JSON into *out (caller json_decref's). *version (may be NULL)
 * receives its version. */
int app_dossier_get(struct db *db, const struct app_user *user, int64_t id,
                    json_t **out, int64_t *version, struct app_dos_err *err);

/* The inbox: {"total", "page", "per_page", "items": [...]}, each with
 * its deadline, working days left and overdue flag. */
int app_dossier_list(struct db *db, const struct app_user *user,
                     const struct app_dossier_query *q, json_t **out,
                     struct app_dos_err *err);

/* Take an action of the procedure data at the dossier's step (not
 * "decide", which signing a decision does, nor the complaint actions,
 * which have their own calls). */
int app_dossier_act(struct db *db, const struct app_user *user, int64_t id,
                    const struct app_dossier_act *in, struct app_dos_err *err);

/* Record a complaint about the dossier at its step (or after its
 * decision or refusal, where the data allows): deadline from the data
 * (10 WD, RULES.md §6.2); while open it holds the dossier at its step.
 * *cid receives its id. */
int app_complaint_add(struct db *db, const struct app_user *user,
                      int64_t dossier_id, const struct app_complaint_new *in,
                      int64_t *cid, struct app_dos_err *err);

/* Answer complaint cid of the dossier in writing. */
int app_complaint_resolve(struct db *db, const struct app_user *user,
                          int64_t dossier_id, int64_t cid,
                          const struct app_complaint_answer *in,
                          struct app_dos_err *err);

/* The public posting list of commune `unit` on `date` (NULL: today): the
 * dossiers at a public posting step then, with name, birth year, kind
 * and categories, never HIV information (K3, K8 are left out, whatever
 * the data says; Decree 20/2021 Art. 8(1)(b)). */
int app_posting_list(struct db *db, const struct app_user *user,
                     const char *unit, const char *date, json_t **out,
                     struct app_dos_err *err);

/* Sign the decision concluding a dossier at its decision step: the signer
 * is the chairman in force on the signing date (district before
 * 2025-07-01, commune from then on: procedure data, RULES.md §2.6) of the
 * unit the dossier's commune lies in on that date; the effective month
 * follows core/decision.h. *id receives the decision's id. */
int app_decision_sign(struct db *db, const struct app_user *user,
                      const struct app_decision_new *in, int64_t *id,
                      struct app_dos_err *err);

/* One decision as JSON, or the list {"total", "page", "per_page",
 * "items"}. */
int app_decision_get(struct db *db, const struct app_user *user, int64_t id,
                     json_t **out, struct app_dos_err *err);
int app_decision_list(struct db *db, const struct app_user *user,
                      const struct app_decision_query *q, json_t **out,
                      struct app_dos_err *err);

/* The printable decision letter: a complete HTML page (UTF-8,
 * Vietnamese, every value escaped, dates dd/mm/yyyy, @media print) in
 * *html (caller frees), its length in *len. */
int app_decision_print(struct db *db, const struct app_user *user, int64_t id,
                       char **html, size_t *len, struct app_dos_err *err);

#endif
