/* procedure_int.h: what procedure_load.c (parsing, checks) and
 * procedure.c (queries, vocabulary) share. Internal to src/core. */
#ifndef ANSINH_CORE_PROCEDURE_INT_H
#define ANSINH_CORE_PROCEDURE_INT_H

#include <stddef.h>

#include "core/procedure.h"

enum proc_row_kind {
    PR_FLAG = 0,
    PR_SIGNER,
    PR_PROCEDURE,
    PR_STEP,
    PR_ACTION,
    PR_COUNT
};

/* One row as read, checked on its own. Strings are owned by the row
 * (src.file by the set). Empty codes are "". */
struct proc_row {
    int kind; /* enum proc_row_kind */
    char procedure[PROCEDURE_CODE_SIZE];
    char step[PROCEDURE_CODE_SIZE];
    char action[PROCEDURE_CODE_SIZE];
    char next[PROCEDURE_CODE_SIZE];
    char requires[PROCEDURE_CODE_SIZE];
    char flag[PROCEDURE_CODE_SIZE]; /* without the '!' */
    int flag_negated;               /* "!flag": the row applies when off */
    char *name;                     /* NULL when empty */
    unsigned kinds;
    int structure;
    struct date from, to;
    int has_from, has_to;
    int days;  /* -1 when empty */
    int clock; /* -1 when empty */
    unsigned roles;
    int area;                       /* -1 when empty */
    int is_public;                  /* -1 when empty */
    int hide_hiv;                   /* -1 when empty */
    int value;                      /* flag default: 0/1, -1 when empty */
    char *basis, *rules_ref, *note; /* owned; src points to them */
    struct procedure_source src;
};

struct procedure_set {
    int finished;
    struct proc_row *rows;
    size_t nrows, caprows;
    char **files; /* names of the loaded files (src.file points here) */
    size_t nfiles;
    /* Flag overrides given before finish. */
    char override_code[PROCEDURE_MAX_FLAGS][PROCEDURE_CODE_SIZE];
    int override_on[PROCEDURE_MAX_FLAGS];
    size_t noverrides;
    /* Built by procedure_set_finish. */
    struct procedure *procs;
    size_t nprocs;
    void **owned; /* the step and action arrays of procs, to free */
    size_t nowned;
    struct procedure_signer *signers; /* sorted by date */
    size_t nsigners;
    struct procedure_flag *flags;
    size_t nflags;
};

/* Fill err for row line `line` of `file` (0: no line) and return rc. */
int proc_err(struct procedure_err *err, int rc, const char *file, size_t line,
             const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The effect of action `code` going to `next` ("same" or a code). */
int proc_effect_of(const char *code, const char *next);

/* 1 if code is a terminal state ("decided", "refused", "withdrawn"). */
int proc_is_terminal(const char *code);

/* Write the role names of a bit set as "a, b" into out (capped). */
void proc_roles_text(unsigned roles, char *out, size_t cap);

#endif
