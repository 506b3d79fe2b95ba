/* tasks.h: the officers' task list (docs/tasks.md; core/tasks.h):
 * generating a month's tasks, listing them in the caller's area, and
 * closing one with a note (an assignment also places the person).
 *
 * Generation is idempotent: each task has a key (its kind and what it is
 * about: "child_16:123", "suspended_3m:123:2025-04-01",
 * "overdue_step:45:2"), so generating a month again writes nothing new.
 * A month's tasks are its birthdays (RULES.md §2.2, §2.3, §2.6: members of
 * the categories of core/tasks.h, beneficiaries on the month's first day,
 * placed in the commune of their residence on its last day, due that
 * day), the suspensions that reached three months by its last day (due
 * that day three months on), and the dossier steps whose running clock
 * passed its deadline by the earlier of today and the month's last day.
 * No task changes a payment or a status: terminations need a decision
 * (app/dossiers.h).
 *
 * A task belongs to its unit (a commune; a province for the
 * reorganisation's tasks), placed on today's unit tree while open and on
 * the tree of the day it was done afterwards; anything outside the
 * caller's scope is APP_TASK_ENOTFOUND. Every change is one transaction
 * with its audit record.
 */
#ifndef ANSINH_APP_TASKS_H
#define ANSINH_APP_TASKS_H

#include <stdint.h>

#include <jansson.h>

#include "core/tasks.h"

struct db;
struct app_scope;

enum app_task_rc {
    APP_TASK_OK = 0,
    APP_TASK_EINVAL = -501,    /* bad input: err names the field (400) */
    APP_TASK_ENOTFOUND = -502, /* no such task in the caller's area (404) */
    APP_TASK_ECONFLICT = -503, /* the version is stale (409) */
    APP_TASK_ESTATE = -504     /* done already, or the person is placed
                                  already (409) */
};

struct app_task_err {
    char code[32];
    char message[400];
    char field[32];
};

#define APP_TASK_PAGE_MAX 100
#define APP_TASK_PAGE_DEF 20
#define APP_TASK_NOTE_MAX 1000 /* characters */

/* List filters as query text (NULL: absent). */
struct app_task_query {
    const char *unit;       /* 2, 3 or 5 digits */
    const char *kind;       /* a core/tasks.h code */
    const char *state;      /* open, done */
    const char *due_before; /* YYYY-MM-DD: due on or before */
    const char *person;     /* a person id */
    const char *page;
    const char *per_page;
};

/* Closing a task. */
struct app_task_close {
    int64_t version;       /* the task's version as read */
    const char *note;      /* what was done, 1..APP_TASK_NOTE_MAX chars */
    const char *unit_code; /* assign_commune only: the commune chosen,
                              one of the candidates */
};

/* What a generation found: tasks written and tasks already there. */
struct app_task_counts {
    char month[8];
    int64_t created;
    int64_t existing;
    int64_t by_kind[TASKS_KIND_COUNT]; /* written, per kind */
};

/* Generate the tasks of month ('YYYY-MM') in scope as actor, in one write
 * transaction with one audit record ("tasks.generate" with the counts;
 * none when no task was new: a generation again changes nothing).
 * Returns APP_TASK_OK with *out, APP_TASK_EINVAL (field "month"), or a
 * negative db_rc (err filled). */
int app_tasks_generate(struct db *db, const struct app_scope *scope,
                       const char *actor, const char *month,
                       struct app_task_counts *out, struct app_task_err *err);

/* {"total", "page", "per_page", "items": [task...]} of the tasks in scope
 * matching q, open ones first by due date. A task: id, version, kind,
 * title, rules_ref, decision, decision_text, state, unit {code, name},
 * person {id, full_name, birth_date} | null, category, event_on, due_on,
 * overdue, dossier_id, user {id, username} | null, from_unit, candidates
 * [{code, name, kind}] (assign_commune), done_on, done_by, note,
 * resolution. */
int app_tasks_list(struct db *db, const struct app_scope *scope,
                   const struct app_task_query *q, json_t **out,
                   struct app_task_err *err);

/* One task in scope as JSON (the shape above) into *out. */
int app_task_get(struct db *db, const struct app_scope *scope, int64_t id,
                 json_t **out, struct app_task_err *err);

/* Close task id in scope as actor with in->note, today. An assign_commune
 * task needs in->unit_code, one of its candidates (any commune of its
 * province when the old commune had no known successor): the person's
 * residence starts there on the reorganisation's day with their old
 * address, and their household, open dossiers and open tasks of the old
 * commune or the province follow. Other kinds refuse unit_code.
 * APP_TASK_ESTATE when done already. */
int app_task_done(struct db *db, const struct app_scope *scope,
                  const char *actor, int64_t id,
                  const struct app_task_close *in, struct app_task_err *err);

#endif
