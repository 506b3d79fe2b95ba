/* store_tasks.h: the officers' tasks (table tasks of
 * sql/<engine>/0005_case_tasks.sql; docs/tasks.md) and the reads that find
 * what a month asks for: birthdays of members of a category, suspensions
 * that reached three months, dossier steps past their deadline.
 *
 * These functions hold the SQL and nothing else: which events make a
 * task, their rule and decision come from core/tasks.h through the caller
 * (app/tasks.c), which writes tasks in a write transaction with its audit
 * record. No function here writes an audit record.
 *
 * A task is placed like a dossier (store_dossiers.h): its unit is a
 * commune (5 digits), found in the unit tree of the day that matters
 * (today while open, the day it was done afterwards), or a province (2
 * digits: the reorganisation's tasks), which only that province's and
 * national areas contain.
 *
 * Strings are NUL-terminated; absent values read back as "" (ids as 0).
 * Dates are 'YYYY-MM-DD'. Errors: DB_OK or a negative db_rc with the
 * message on the connection.
 */
#ifndef ANSINH_STORE_STORE_TASKS_H
#define ANSINH_STORE_STORE_TASKS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store_dossiers.h"

struct db;

#define STORE_TASK_KEY_SIZE 96

/* A task as stored. On insert, id, version, the done_* fields and the
 * read-only fields are ignored; person_id, dossier_id and user_id 0 mean
 * none. */
struct store_task {
    int64_t id;
    char task_key[STORE_TASK_KEY_SIZE];
    char kind[20];
    char unit_code[8];
    int64_t person_id;
    int64_t dossier_id;
    int64_t user_id;
    char category[8];
    char decision[24];
    char from_unit[8];
    char event_on[11];
    char due_on[11];
    char state[8]; /* open, done */
    char done_on[11];
    char done_by[65];
    char note[STORE_DOS_TEXT_SIZE];
    char resolution[8];
    char created_at[21];
    char created_by[65];
    int64_t version;
    /* Read only: the person and the account it is about. */
    char person_name[STORE_DOS_NAME_SIZE];
    char birth_date[11];
    char id_number[13];
    char username[65];
};

struct store_task_list {
    struct store_task *items;
    size_t count;
    int64_t total; /* matching tasks, all pages */
};

/* What the list shows. Strings borrowed; NULL: no filter. */
struct store_task_filter {
    const char *today;           /* where open tasks are placed */
    struct store_dos_area scope; /* the caller's area */
    struct store_dos_area unit;  /* unit= */
    const char *kind;
    const char *state;
    const char *due_before; /* due on or before */
    int64_t person_id;      /* 0: any */
    int64_t limit;          /* 1..STORE_DOS_LIST_MAX */
    int64_t offset;
};

/* Something a month asks for: a birthday (person_id, birth_date,
 * category, unit_code), a suspension (person_id, since, reason,
 * unit_code), an overdue step (dossier_id, person_id, step_seq, step,
 * deadline, unit_code, procedure). */
struct store_task_candidate {
    int64_t person_id;
    int64_t dossier_id;
    int64_t step_seq;
    char birth_date[11];
    char category[8];
    char since[11];
    char reason[24];
    char unit_code[8];
    char step[STORE_DOS_CODE_SIZE];
    char deadline[11];
    char procedure[STORE_DOS_CODE_SIZE];
};

struct store_task_candidates {
    struct store_task_candidate *items;
    size_t count;
};

/* Free what a list holds and empty it. NULL-safe. */
void store_task_list_free(struct store_task_list *l);
void store_task_candidates_free(struct store_task_candidates *l);

/* Insert t unless a task with its task_key exists. *id receives the new
 * id, or 0 when the key was there already (nothing written). Write
 * transaction. */
int store_task_insert(struct db *db, const struct store_task *t, int64_t *id);

/* The task id into *out; DB_ENOTFOUND if none. */
int store_task_get(struct db *db, int64_t id, struct store_task *out);

/* A page of the tasks matching f, open ones first by due date, with the
 * total. DB_EINVAL for a malformed filter. */
int store_task_list(struct db *db, const struct store_task_filter *f,
                    struct store_task_list *out);

/* Close open task t->id at version t->version with t->done_on,
 * t->done_by, t->note and t->resolution ("" for none); the version goes
 * up by one. DB_ECONFLICT when the task is not open at that version. */
int store_task_done(struct db *db, const struct store_task *t);

/* Move the open tasks of person_id placed in from_unit to to_unit (an
 * assignment's commune). *n (may be NULL) receives how many moved. */
int store_tasks_move_person(struct db *db, int64_t person_id,
                            const char *from_unit, const char *to_unit,
                            int64_t *n);

/* Close the open "assign_user" tasks of account user_id on done_on by
 * done_by with note. *n (may be NULL) receives how many. */
int store_tasks_close_user(struct db *db, int64_t user_id, const char *done_on,
                           const char *done_by, const char *note, int64_t *n);

/* An open assignment of a person (the reorganisation's "assign_commune"
 * tasks), as a bulk caller needs it. */
struct store_task_assignment {
    int64_t id;
    int64_t version;
    int64_t person_id;
    int64_t household_id; /* 0 when none */
    char unit_code[8];    /* the province */
    char from_unit[8];    /* the old commune */
    char event_on[11];    /* the reform's day */
};

struct store_task_assignments {
    struct store_task_assignment *items;
    size_t count;
};

void store_task_assignments_free(struct store_task_assignments *l);

/* Every open "assign_commune" task in id order. */
int store_tasks_open_assignments(struct db *db,
                                 struct store_task_assignments *out);

/* Beneficiaries (enrolled or suspended on `first`) with a membership of
 * category (a code; "K1*" for K1a..K1l) valid in the month first..last,
 * born between lo and hi, with the commune of their residence valid on
 * `on` in area, in person order (category: the first code in order when
 * several). */
int store_tasks_birthdays(struct db *db, const char *category, const char *lo,
                          const char *hi, const char *first, const char *last,
                          const char *on, const struct store_dos_area *area,
                          struct store_task_candidates *out);

/* Suspensions still in force on `on` that began on or before since_max,
 * with the commune of the person's residence on `on` in area. */
int store_tasks_suspensions(struct db *db, const char *since_max,
                            const char *on, const struct store_dos_area *area,
                            struct store_task_candidates *out);

/* Open dossiers whose running clock passed their deadline before `on`,
 * received by a commune in area on that day. */
int store_tasks_overdue(struct db *db, const char *on,
                        const struct store_dos_area *area,
                        struct store_task_candidates *out);

#endif
