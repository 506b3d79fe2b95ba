/* reorganise.h: carrying the caseload across a reorganisation of
 * administrative units (docs/reorganise.md; RULES.md §0, §6.5, §7.3,
 * §10.3): `ansinh reorganise --to 2025-07-01` and
 * POST /api/v1/admin/reorganise (permission REORGANISE).
 *
 * On the effective day E the predecessor links of the reform (store_units
 * successors: 2025-07-01, districts abolished, Hà Nam's 98 communes into
 * 33 of Ninh Bình) are applied in ONE write transaction:
 *   - residences valid on E in an old commune with one full successor end
 *     on E (the day before is the last in the old unit, so old months keep
 *     their old unit in history and reports) and start again there;
 *   - residences in a commune split between several new ones (partial
 *     links), or with no known successor, end on E too, and nothing is
 *     guessed: each person gets an "assign_commune" task in the successor
 *     province, which a province officer closes by choosing one of the
 *     candidates (app/tasks.h);
 *   - households, open dossiers and open tasks of an old commune with a
 *     successor move there (open tasks of a split one to the province);
 *     open dossiers of the three-tier procedures continue in the two-tier
 *     procedure of their kind at the corresponding step (the mapping of
 *     docs/reorganise.md; MOH letter 3676/BYT-BTXH: communes take the
 *     caseload over from 01/07/2025), their step clock starting on E;
 *   - accounts (first run only): a commune's go to its successor (a split
 *     commune's keep their area and get an "assign_user" task for an
 *     administrator), a province's to the successor province, and a
 *     district officer's or chairman's become "auditor" accounts of the
 *     same district: they keep reading its history (dated before E, when
 *     the district existed) and write nothing;
 *   - one audit record "units.reorganise" with the summary, plus one per
 *     account changed and per dossier carried.
 * A second run changes nothing (what was moved is no longer old). A dry
 * run does everything, reports it and rolls it back. A real run is
 * refused before E (today in Vietnam).
 */
#ifndef ANSINH_APP_REORGANISE_H
#define ANSINH_APP_REORGANISE_H

#include <stdint.h>

struct db;

enum app_reorg_rc {
    APP_REORG_OK = 0,
    APP_REORG_EINVAL = -601,    /* no reform on that date, bad date (400) */
    APP_REORG_ENOTYET = -602,   /* a real run before the effective day (409) */
    APP_REORG_EINTERNAL = -603, /* procedures or calendar missing (500) */
    APP_REORG_ESCOPE = -604     /* the caller has an area: the operation
                                   spans the country (403) */
};

struct app_reorg_err {
    char code[32];
    char message[320];
    char field[32];
};

/* What a run did (or, dry, would do). */
struct app_reorg_summary {
    char effective[11];
    int dry_run;
    int first_run;             /* no run was recorded for this date */
    int64_t links;             /* predecessor links of the reform */
    int64_t residences_moved;  /* to a successor (full link) */
    int64_t residences_closed; /* split or without successor: ended */
    int64_t assignment_tasks;  /* assign_commune tasks written */
    int64_t households_moved;
    int64_t dossiers_moved;   /* open dossiers whose commune changed */
    int64_t dossiers_carried; /* into the two-tier procedure */
    int64_t tasks_moved;      /* open tasks of old communes */
    int64_t users_changed;    /* accounts rebound or made read-only */
    int64_t user_tasks;       /* assign_user tasks written */
};

/* Apply (or with dry_run, try and roll back) the reorganisation
 * effective on `effective` ('YYYY-MM-DD') as actor, whose scope must be
 * national (scope NULL: the CLI, national): the operation moves the whole
 * country's caseload, so an administrator bound to an area gets
 * APP_REORG_ESCOPE. Returns APP_REORG_OK with *out, an app_reorg_rc with
 * err, or a negative db_rc (err filled). */
struct app_scope;
int app_reorganise(struct db *db, const struct app_scope *scope,
                   const char *actor, const char *effective, int dry_run,
                   struct app_reorg_summary *out, struct app_reorg_err *err);

#endif
