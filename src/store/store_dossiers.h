/* store_dossiers.h: dossiers (hồ sơ), their step visits and acts,
 * complaints (khiếu nại) and decisions (quyết định): the tables of
 * sql/<engine>/0004_dossiers.sql (docs/dossiers.md).
 *
 * These functions hold the SQL and nothing else: which action may happen,
 * deadlines and lateness come from the procedure data (core/procedure.h)
 * through the caller (app/dossiers.c), which runs every change in one
 * write transaction together with its audit record. No function here
 * writes an audit record.
 *
 * Strings in the structs are NUL-terminated; absent values (SQL NULL) read
 * back as "" (and -1 for the nullable 0/1 flags). Dates are 'YYYY-MM-DD'.
 * Errors: DB_OK or a negative db_rc with the message on the connection.
 */
#ifndef ANSINH_STORE_STORE_DOSSIERS_H
#define ANSINH_STORE_STORE_DOSSIERS_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_DOS_NAME_SIZE 401  /* 100 characters of UTF-8 and a NUL */
#define STORE_DOS_TEXT_SIZE 4001 /* 1000 characters of UTF-8 and a NUL */
#define STORE_DOS_CODE_SIZE 33   /* a procedure, step or action code */
#define STORE_DOS_LIST_MAX  1000 /* rows of one page */

/* A dossier as stored. On insert, id, version and the person fields are
 * ignored. */
struct store_dossier {
    int64_t id;
    int64_t person_id;
    char kind[12];     /* grant adjust stop transfer care funeral */
    char proposed[12]; /* grant adjust suspend resume terminate */
    char unit_code[8]; /* the commune that received it */
    char procedure[STORE_DOS_CODE_SIZE];
    char submitted_on[11];
    char categories[64]; /* "K6" or "K4,K6" ("" when none) */
    char disability[20]; /* "severe", "especially_severe" or "" */
    char certificate_on[11];
    char event_on[11];
    char ground[24]; /* core/registry.h reason code or "" */
    char applicant[STORE_DOS_NAME_SIZE];
    char note[STORE_DOS_TEXT_SIZE];
    char state[12]; /* open decided refused withdrawn */
    char step[STORE_DOS_CODE_SIZE];
    int64_t step_seq;
    char step_started_on[11];
    char deadline[11];
    int waiting_documents;
    int64_t open_complaints;
    char clock_stopped_on[11];
    int64_t step_stopped_wd;
    int64_t total_stopped_wd;
    char closed_on[11];
    char outcome_text[STORE_DOS_TEXT_SIZE];
    char created_at[21];
    char created_by[65];
    int64_t version;
    /* Read only, from persons. */
    char person_name[STORE_DOS_NAME_SIZE];
    char birth_date[11];
    char sex[2];
    char id_number[13];
};

/* One visit of a step. */
struct store_dossier_step {
    int64_t id;
    int64_t seq;
    char step[STORE_DOS_CODE_SIZE];
    int is_public;
    char started_on[11];
    char deadline[11];
    char ended_on[11];
    char ended_action[STORE_DOS_CODE_SIZE];
    char ended_by[65];
    char ended_role[32];
    int64_t stopped_wd;
    int late; /* -1 while the visit lasts */
};

struct store_dossier_step_list {
    struct store_dossier_step *items;
    size_t count;
};

/* One act. */
struct store_dossier_event {
    int64_t id;
    int64_t dossier_id;
    int64_t step_seq;
    char step[STORE_DOS_CODE_SIZE];
    char action[STORE_DOS_CODE_SIZE];
    char acted_on[11];
    char actor[65];
    char actor_role[32];
    char deadline[11];
    int late;
    char note[STORE_DOS_TEXT_SIZE];
    char recorded_at[21];
};

struct store_dossier_event_list {
    struct store_dossier_event *items;
    size_t count;
};

/* An area filter, the shape of app/scope.h's scope: level 0 everywhere, 1
 * a province (units.province_code), 2 a district (units.parent_code), 3 a
 * commune (the code itself), on the unit tree of the date that matters. */
struct store_dos_area {
    int level;
    char code[8];
};

/* What the inbox lists. Strings are borrowed; NULL means no filter. A
 * dossier's area is its commune in the unit tree valid on `today` while
 * open, on the day it closed afterwards. */
struct store_dossier_filter {
    const char *today;           /* 'YYYY-MM-DD', required */
    struct store_dos_area scope; /* the caller's */
    struct store_dos_area unit;  /* a unit asked for */
    const char *state;           /* open decided refused withdrawn */
    const char *kind;
    const char *step;
    int overdue;       /* 1: open, clock running, deadline < today */
    int64_t person_id; /* 0: any */
    int64_t limit;     /* 1..STORE_DOS_LIST_MAX */
    int64_t offset;    /* >= 0 */
};

/* A dossier in a list. */
struct store_dossier_row {
    int64_t id;
    int64_t person_id;
    char person_name[STORE_DOS_NAME_SIZE];
    char kind[12];
    char proposed[12];
    char unit_code[8];
    char procedure[STORE_DOS_CODE_SIZE];
    char submitted_on[11];
    char state[12];
    char step[STORE_DOS_CODE_SIZE];
    char step_started_on[11];
    char deadline[11];
    int waiting_documents;
    int64_t open_complaints;
    char clock_stopped_on[11];
    char closed_on[11];
    int64_t version;
};

struct store_dossier_list {
    struct store_dossier_row *items;
    size_t count;
    int64_t total; /* matching rows, all pages */
};

/* A dossier on a posting list (no note, no address: what may be posted). */
struct store_posting_row {
    int64_t dossier_id;
    char person_name[STORE_DOS_NAME_SIZE];
    char birth_date[11];
    char kind[12];
    char categories[64];
    char step[STORE_DOS_CODE_SIZE];
    char started_on[11];
    char deadline[11]; /* the end of the posting period */
    char ended_on[11];
};

struct store_posting_list {
    struct store_posting_row *items;
    size_t count;
};

/* The person a dossier is for, with the commune of their residence valid
 * on a date ("" when none). */
struct store_dos_person {
    int64_t id;
    char full_name[STORE_DOS_NAME_SIZE];
    char birth_date[11];
    char sex[2];
    char id_number[13];
    char unit_code[8];
};

/* A complaint. */
struct store_complaint {
    int64_t id;
    int64_t dossier_id;
    char step[STORE_DOS_CODE_SIZE];
    char complainant[STORE_DOS_NAME_SIZE];
    char content[STORE_DOS_TEXT_SIZE];
    char received_on[11];
    char deadline[11];
    char received_by[65];
    char resolved_on[11];
    char answer[STORE_DOS_TEXT_SIZE];
    char resolved_by[65];
    char resolved_role[32];
    int late; /* -1 while open */
    char recorded_at[21];
};

struct store_complaint_list {
    struct store_complaint *items;
    size_t count;
};

/* A decision. On insert, id is ignored. */
struct store_decision {
    int64_t id;
    int64_t dossier_id;
    int64_t person_id;
    char number[201]; /* up to 50 characters */
    int64_t year;
    char signing_unit[8];
    char signed_on[11];
    int64_t signer_id;
    char signer_name[STORE_DOS_NAME_SIZE];
    char signer_role[32];
    char kind[12]; /* grant adjust suspend resume terminate */
    char unit_code[8];
    char effective_from[11]; /* first day of the effective month */
    char categories[64];
    char reason[24];
    char reason_text[STORE_DOS_TEXT_SIZE];
    char event_on[11];
    char created_at[21];
    char created_by[65];
    /* Read only, from persons. */
    char person_name[STORE_DOS_NAME_SIZE];
    char birth_date[11];
};

/* What the decision list shows. A decision's area is its commune on the
 * day it was signed. */
struct store_decision_filter {
    struct store_dos_area scope;
    struct store_dos_area unit;
    const char *kind;
    const char *from; /* signed on or after */
    const char *to;   /* signed on or before */
    int64_t person_id;
    int64_t limit;
    int64_t offset;
};

struct store_decision_list {
    struct store_decision *items;
    size_t count;
    int64_t total;
};

/* --- Dossiers --------------------------------------------------------- */

/* The person `id` with their commune on `date` into *out. DB_ENOTFOUND
 * when there is no such person. */
int store_dos_person_get(struct db *db, int64_t id, const char *date,
                         struct store_dos_person *out);

/* Insert d (every stored column but id and version; "" stores NULL for
 * the nullable ones). *id receives the new id. */
int store_dossier_insert(struct db *db, const struct store_dossier *d,
                         int64_t *id);

/* The dossier `id` with its person's name, birth date, sex and number.
 * DB_ENOTFOUND if none. */
int store_dossier_get(struct db *db, int64_t id, struct store_dossier *out);

/* Write the moving parts of d (state, step, step_seq, step_started_on,
 * deadline, waiting_documents, open_complaints, clock_stopped_on, the
 * stopped counts, closed_on, outcome_text) when its version is
 * expected_version, and bump the version (new one in *version, may be
 * NULL). DB_ECONFLICT when the version differs (a lost update),
 * DB_ENOTFOUND when there is no such dossier. */
int store_dossier_update(struct db *db, const struct store_dossier *d,
                         int64_t expected_version, int64_t *version);

/* Open visit `seq` of step `step` (is_public: a public posting) started
 * on `started_on` with `deadline` ("" for none). */
int store_dossier_step_open(struct db *db, int64_t dossier_id, int64_t seq,
                            const char *step, int is_public,
                            const char *started_on, const char *deadline);

/* End the open visit `end->seq` of a dossier with end's ended_on,
 * ended_action, ended_by, ended_role, deadline, stopped_wd and late.
 * DB_ENOTFOUND when that visit is not open. */
int store_dossier_step_close(struct db *db, int64_t dossier_id,
                             const struct store_dossier_step *end);

/* Every visit of a dossier's steps, in order. */
int store_dossier_steps(struct db *db, int64_t dossier_id,
                        struct store_dossier_step_list *out);

/* Append an act (e's id and recorded_at are set by the caller: id
 * ignored). */
int store_dossier_event_add(struct db *db, const struct store_dossier_event *e);

/* 1 if `action` was taken during visit step_seq of the dossier, 0 if not,
 * or a negative db_rc. */
int store_dossier_event_exists(struct db *db, int64_t dossier_id,
                               int64_t step_seq, const char *action);

/* Every act on a dossier, in order. */
int store_dossier_events(struct db *db, int64_t dossier_id,
                         struct store_dossier_event_list *out);

/* Dossiers matching f, open first by deadline, then the newest; with the
 * total. DB_EINVAL for a bad limit, offset or missing today. */
int store_dossier_list(struct db *db, const struct store_dossier_filter *f,
                       struct store_dossier_list *out);

/* Dossiers of commune unit_code at a public posting step on `date`
 * (started on or before it, not ended before it), by name. */
int store_dossier_posting(struct db *db, const char *unit_code,
                          const char *date, struct store_posting_list *out);

/* End on `on` every membership of the person in `category` open on that
 * day and started before it (an adjustment decision: the new level starts
 * that day, RULES.md §2.6). *n (may be NULL) receives how many. */
int store_dos_membership_end(struct db *db, int64_t person_id,
                             const char *category, const char *on, int64_t *n);

/* --- Complaints ------------------------------------------------------- */

/* Insert c (id, resolved fields ignored). *id receives the new id. */
int store_complaint_insert(struct db *db, const struct store_complaint *c,
                           int64_t *id);

/* The complaint `id` of dossier `dossier_id`. DB_ENOTFOUND if none. */
int store_complaint_get(struct db *db, int64_t dossier_id, int64_t id,
                        struct store_complaint *out);

/* Answer the open complaint c->id with c's resolved_on, answer,
 * resolved_by, resolved_role and late. DB_ECONFLICT when it is already
 * answered, DB_ENOTFOUND when there is none. */
int store_complaint_resolve(struct db *db, const struct store_complaint *c);

/* The complaints of a dossier, in order. */
int store_complaints(struct db *db, int64_t dossier_id,
                     struct store_complaint_list *out);

/* --- Decisions -------------------------------------------------------- */

/* Insert d. *id receives the new id. DB_ECONFLICT when the number is
 * taken for the signing unit and year, or the dossier has a decision. */
int store_decision_insert(struct db *db, const struct store_decision *d,
                          int64_t *id);

/* The decision `id` (by_dossier 0) or the decision concluding dossier
 * `id` (by_dossier 1). DB_ENOTFOUND if none. */
int store_decision_get(struct db *db, int64_t id, int by_dossier,
                       struct store_decision *out);

/* Decisions matching f, newest signing first, with the total. */
int store_decision_list(struct db *db, const struct store_decision_filter *f,
                        struct store_decision_list *out);

/* Free what a list holds and empty it. NULL-safe. */
void store_dossier_step_list_free(struct store_dossier_step_list *l);
void store_dossier_event_list_free(struct store_dossier_event_list *l);
void store_dossier_list_free(struct store_dossier_list *l);
void store_posting_list_free(struct store_posting_list *l);
void store_complaint_list_free(struct store_complaint_list *l);
void store_decision_list_free(struct store_decision_list *l);

#endif
