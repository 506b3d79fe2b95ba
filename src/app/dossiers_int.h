/* dossiers_int.h: what dossiers.c (create, read, inbox, posting),
 * dossier_act.c (transitions, complaints, the clock) and decisions.c
 * (sign, read, print) share. Internal to src/app. */
#ifndef ANSINH_APP_DOSSIERS_INT_H
#define ANSINH_APP_DOSSIERS_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/dossiers.h"
#include "app/scope.h"
#include "core/date.h"
#include "core/procedure.h"

struct db;
struct store_dossier;
struct store_dossier_event;
struct store_dos_area;
struct store_dossier_move;
struct store_decision;

/* What every use case starts from. */
struct dos_ctx {
    const struct app_user *user;
    struct app_scope scope;
    struct date today;
    char today_iso[11];
    const struct procedure_set *set;
    const struct workdays_calendar *cal;
    struct app_dos_err *err;
};

/* Fill err (code; field may be NULL) and return rc. */
int dos_fail(struct app_dos_err *err, int rc, const char *code,
             const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Map a storage failure to the error shape and return rc unchanged. */
int dos_store_fail(struct db *db, struct app_dos_err *err, int rc);

/* Fill c for user (scope, today, the procedure set and calendar).
 * APP_DOS_EINTERNAL when the set or the calendar is missing. */
int dos_ctx_init(struct dos_ctx *c, const struct app_user *user,
                 struct app_dos_err *err);

/* The date a dossier is placed on: today while open, its closing day
 * afterwards (ISO, into out). */
void dos_place_date(const struct dos_ctx *c, const struct store_dossier *d,
                    char out[11]);

/* Load dossier id into *d when it exists and is in c's scope; else
 * APP_DOS_ENOTFOUND (err filled), or a storage error. */
int dos_load(struct db *db, const struct dos_ctx *c, int64_t id,
             struct store_dossier *d);

/* Check an optional date field s: absent gives `dflt`; else a real
 * 'YYYY-MM-DD' day, not after today and not before not_before (if
 * given, with its label for the message). APP_DOS_EINVAL naming field. */
int dos_check_date(const struct dos_ctx *c, const char *field,
                   const char *label, const char *s, struct date dflt,
                   const struct date *not_before, const char *before_label,
                   struct date *out);

/* Clean free text s (NFC, trimmed; newlines kept when multiline) into
 * out (cap bytes): required means not empty; at most max characters.
 * APP_DOS_EINVAL naming field. */
int dos_check_text(struct app_dos_err *err, const char *field,
                   const char *label, const char *s, int required, size_t max,
                   int multiline, char *out, size_t cap);

/* Append the audit record of a change: action ("dossier.approve_review"),
 * entity ("dossier", "complaint", "decision") and its id, the area path
 * of unit on date, old and new JSON (borrowed, either may be NULL), and
 * the dossier's id in the detail. Inside the caller's transaction. */
int dos_audit(struct db *db, const char *actor, const char *action,
              const char *entity, int64_t entity_id, int64_t dossier_id,
              const char *unit, const char *date, json_t *old_value,
              json_t *new_value);

/* The state of a dossier as audited: state, step, deadline, clock. */
json_t *dos_state_json(const struct store_dossier *d);

/* A string or JSON null for "". */
json_t *dos_str(const char *s);

/* The step of d's procedure it is at (NULL when closed or unknown). */
const struct procedure_step *dos_step_of(const struct procedure *p,
                                         const struct store_dossier *d);

/* Working days from today to the deadline of an open dossier (negative
 * when past), stopping at the day the clock stopped; 0 and *has 0 when
 * there is no deadline. */
int dos_days_left(const struct dos_ctx *c, const struct store_dossier *d,
                  int *has);

/* Load dossier id for a change: in scope, at `version` (else
 * APP_DOS_ECONFLICT), with its procedure in *p and where it is in *at
 * (its step while open, else its state). */
int dos_load_for_change(struct db *db, const struct dos_ctx *c, int64_t id,
                        int64_t version, struct store_dossier *d,
                        const struct procedure **p, const char **at);

/* May the caller's role take action at `at`? APP_DOS_OK and *a;
 * APP_DOS_EFORBIDDEN (role) or APP_DOS_ESTATE (not here) with err. */
int dos_may(const struct dos_ctx *c, const struct procedure *p, const char *at,
            const char *action, const struct procedure_action **a);

/* The earliest day an act at d's current step may carry: its start, or
 * the day its clock stopped. */
struct date dos_not_before(const struct store_dossier *d);

/* 1 if d's step is late on day `on` (a stopped clock counts the day it
 * stopped; a posting period is never late). */
int dos_late_on(const struct procedure *p, const struct store_dossier *d,
                const char *on);

/* An act by c's user at `step` of d, on `on`. */
void dos_event_init(struct store_dossier_event *e, const struct dos_ctx *c,
                    const struct store_dossier *d, const char *step,
                    const char *action, const char *on, int late,
                    const char *note);

/* Close the visit of d's current step on `on` by `action`. */
int dos_close_visit(struct db *db, const struct dos_ctx *c,
                    const struct store_dossier *d, const char *action,
                    const char *on, int late);

/* Write d (expected at `version`; new version back into d) and the audit
 * record of the change. */
int dos_finish_change(struct db *db, const struct dos_ctx *c,
                      struct store_dossier *d, int64_t version,
                      const char *action, const char *entity, int64_t entity_id,
                      const char *on, json_t *oldv, json_t *newv);

/* Write the new dossier d (at its first step, is_public its posting flag)
 * with its first visit, its "submit" act by c's user, its move fields mv
 * (may be NULL) and its "dossier.create" audit record; *id receives its
 * id. Inside the caller's transaction. */
int dos_insert_new(struct db *db, const struct dos_ctx *c,
                   const struct store_dossier *d, int is_public,
                   const struct store_dossier_move *mv, int64_t *id);

/* A move between places (transfer.c, RULES.md §6.3). After signing stop
 * decision x of dossier `stop` (terminate, ground "moved") whose move
 * fields mv name a destination: open the transfer dossier there, linked
 * to x. When signing decision x of transfer dossier d that a stop
 * decision `stop` opened (mv): take over the stop's termination and move
 * residence, household, memberships and payment to d's commune from x's
 * effective month. Both inside the signing transaction; what they did
 * goes into audit (the decision's new value). */
int dos_transfer_open(struct db *db, const struct dos_ctx *c,
                      const struct store_dossier *stop,
                      const struct store_decision *x,
                      const struct store_dossier_move *mv, json_t *audit);
int dos_transfer_complete(struct db *db, const struct dos_ctx *c,
                          const struct store_dossier *d,
                          const struct store_decision *x,
                          const struct store_decision *stop,
                          const struct store_dossier_move *mv, json_t *audit);

/* db_transact(fn) with storage failures given the error shape. */
int dos_run(struct db *db, int (*fn)(struct db *, void *), void *arg,
            struct app_dos_err *err);

/* The store's area filter of a scope. */
void dos_area_of(const struct app_scope *s, struct store_dos_area *a);

#endif
