/* store_cases.h: moving a case from one place to another: the transfer of
 * residence between places (RULES.md §6.3; docs/dossiers.md) and the
 * assignment of a person of a split commune after the reorganisation
 * (docs/reorganise.md). These are the writes a decision or an assignment
 * makes besides the registry's own (store_registry.h): residences,
 * households, open dossiers, the status taken over from a stop for a
 * move, the memberships carried to the new place, and the destination of
 * a stop for a move.
 *
 * No function here writes an audit record: the caller (app/decisions.c,
 * app/tasks.c) runs them in its write transaction with the audit record.
 * Dates are 'YYYY-MM-DD'. Errors: DB_OK or a negative db_rc with the
 * message on the connection.
 */
#ifndef ANSINH_STORE_STORE_CASES_H
#define ANSINH_STORE_STORE_CASES_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* Where a dossier sends a person (a stop for a move), or the stop it
 * completes (the transfer dossier opened by that stop). "" and 0 when
 * none. */
struct store_dossier_move {
    char to_unit[8];
    char to_address[801];
    int64_t stop_decision_id;
};

/* Set (or read) the move fields of dossier id. */
int store_cases_dossier_move_set(struct db *db, int64_t id,
                                 const struct store_dossier_move *m);
int store_cases_dossier_move_get(struct db *db, int64_t id,
                                 struct store_dossier_move *out);

/* The transfer dossier opened by stop decision stop_id into *dossier_id
 * (0 when none). */
int store_cases_transfer_of_stop(struct db *db, int64_t stop_id,
                                 int64_t *dossier_id);

/* End residence id on valid_to (exclusive). */
int store_cases_residence_end(struct db *db, int64_t id, const char *valid_to);

/* Put residence id in unit_code at address instead (a residence that
 * begins on the day of a move: the new place replaces it). */
int store_cases_residence_retarget(struct db *db, int64_t id,
                                   const char *unit_code, const char *address);

/* The household of person_id moves from from_unit to to_unit (nothing
 * when it is elsewhere). *n (may be NULL): households changed (0 or 1). */
int store_cases_household_move(struct db *db, int64_t person_id,
                               const char *from_unit, const char *to_unit,
                               int64_t *n);

/* The open dossiers of person_id received by from_unit are now to_unit's
 * (their version goes up). *n (may be NULL): how many. */
int store_cases_dossiers_move(struct db *db, int64_t person_id,
                              const char *from_unit, const char *to_unit,
                              int64_t *n);

/* The new place takes over a stop for a move (RULES.md §6.3): the
 * person's last status period, "terminated" for "moved" from `from` and
 * still open, becomes "enrolled" from the same day under decision_ref
 * (recorded by actor), and the record follows, when its version is
 * expected_version. DB_ECONFLICT when the version is stale, DB_ECHECK when
 * the last period is not that termination. The record's new version goes
 * to *version (may be NULL). */
int store_cases_takeover(struct db *db, int64_t person_id,
                         int64_t expected_version, const char *from,
                         const char *decision_ref, const char *actor,
                         int64_t *version);

/* Memberships of person_id that ended on `on` start again on `on` with the
 * same category, disability level and studying flag (carried to the new
 * place). *n (may be NULL): how many. */
int store_cases_memberships_carry(struct db *db, int64_t person_id,
                                  const char *on, const char *actor,
                                  int64_t *n);

#endif
