/* store_reorganise.h: the set-based writes of a reorganisation of
 * administrative units (docs/reorganise.md): the predecessor links of a
 * reform (unit_links with that effective date) applied to residences,
 * households, open dossiers and tasks, each in ONE statement however many
 * rows it touches (a national caseload is millions of residences).
 *
 * An old commune with exactly one link, a full one, has a successor: its
 * people move there. One with several links (partial: split) or with none
 * (no known successor) has none: nothing is guessed, its people get an
 * assignment task in the successor province. What is "old" on the
 * effective day E: a residence valid on E that began before it, in an
 * old commune; a household, open dossier or open task naming an old
 * commune whose code has no commune version valid on E (a code kept by a
 * new commune is left alone). Once moved, nothing is old any more: a
 * second run changes nothing.
 *
 * No function here writes an audit record: app/reorganise.c runs them in
 * one write transaction with its audit records. E is 'YYYY-MM-DD'.
 * Errors: DB_OK or a negative db_rc with the message on the connection.
 */
#ifndef ANSINH_STORE_STORE_REORGANISE_H
#define ANSINH_STORE_STORE_REORGANISE_H

#include <stddef.h>
#include <stdint.h>

struct db;

/* The number of predecessor links effective on E into *n. */
int store_reorg_links(struct db *db, const char *e, int64_t *n);

/* Record a run for E by actor at `at` (ISO timestamp); *first is 1 when
 * no run had been recorded (in a write transaction). */
int store_reorg_claim(struct db *db, const char *e, const char *at,
                      const char *actor, int *first);

/* Residences in an old commune with a successor: each ends on E and a new
 * one (same address, same end) starts on E in the successor. *n: moved. */
int store_reorg_move_residences(struct db *db, const char *e, int64_t *n);

/* Residences in an old commune split between several new ones: an open
 * "assign_commune" task per person (unit: the successor province; from:
 * the old commune; key "assign_commune:<person>:<E>"), and the residence
 * ends on E. *tasks: tasks written; *closed: residences ended. */
int store_reorg_split_residences(struct db *db, const char *e, const char *at,
                                 const char *actor, int64_t *tasks,
                                 int64_t *closed);

/* Communes with residences valid on E (begun before) that have no link at
 * E and no commune version on E (no known successor), with their province
 * on the day before: out->code[i], out->province[i]. */
struct store_reorg_orphans {
    size_t count;
    char (*code)[8];
    char (*province)[8];
};
int store_reorg_orphans(struct db *db, const char *e,
                        struct store_reorg_orphans *out);
void store_reorg_orphans_free(struct store_reorg_orphans *o);

/* The same as store_reorg_split_residences for one orphan commune `code`,
 * its tasks placed in `province` (2 digits). */
int store_reorg_orphan_residences(struct db *db, const char *e,
                                  const char *code, const char *province,
                                  const char *at, const char *actor,
                                  int64_t *tasks, int64_t *closed);

/* The province that succeeds old province `province` at E (the province
 * of the new communes its communes went to; the smallest code if
 * several) into out ("" when none). */
int store_reorg_successor_province(struct db *db, const char *e,
                                   const char *province, char out[8]);

/* Households, open dossiers and open tasks in an old commune with a
 * successor move there (dossiers and tasks change version). Open tasks in
 * a split commune go to its successor province. In both cases only when
 * no new commune kept the old code (else they are the new commune's, or
 * follow their person when assigned: a code alone cannot tell). *n:
 * rows. */
int store_reorg_move_households(struct db *db, const char *e, int64_t *n);
int store_reorg_move_dossiers(struct db *db, const char *e, int64_t *n);
int store_reorg_move_tasks(struct db *db, const char *e, int64_t *n);

/* Dossier id now follows `procedure` (a carried dossier; its step and
 * version are written by store_dossier_update). */
int store_reorg_dossier_procedure(struct db *db, int64_t id,
                                  const char *procedure);

/* The ids of the open dossiers, in id order (caller frees *ids). */
int store_reorg_open_dossiers(struct db *db, int64_t **ids, size_t *n);

#endif
