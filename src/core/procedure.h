/* procedure.h: administrative procedures for dossiers (hồ sơ) as data
 * (RULES.md §6.2, §6.3, §6.4, §6.5, §2.8; docs/dossiers.md).
 *
 * The law is data, not C: the CSV files of rules/procedures/ (compiled into the
 * binary) describe each procedure (the kinds of dossier it serves, the
 * dates it applies to, three or two tiers, its legal basis), its steps
 * (Vietnamese name, deadline in working days and how it counts, the roles
 * that act there, commune or district, whether the step is a public
 * posting and whether HIV information must be hidden there), the actions
 * allowed at each step with the step that follows, the decision signer in
 * force on each date, and flags for what RULES.md marks UNVERIFIED (the
 * 2025 posting step, §6.5, §12.3): rows behind a flag apply only while it
 * is on. docs/dossiers.md describes the format.
 *
 * This module parses and validates the data (every message names the file
 * and the line) and answers questions about it: which procedure serves a
 * dossier of this kind submitted on this date, may this role take this
 * action at this step and what comes next, when is a step due. It does no
 * I/O: callers pass the bytes and the calendar.
 *
 * Life cycle: procedure_set_new, procedure_set_load for each file,
 * procedure_set_flag to override a flag's default (optional),
 * procedure_set_finish (cross-row checks; the set becomes immutable and
 * may then be shared by threads), procedure_set_free.
 *
 * Built-in action codes and their effect (every other code is free: it
 * moves to its `next` step, or records an act at the step when `next` is
 * "same"):
 *   request_documents   same step, the clock stops (yêu cầu bổ sung)
 *   documents_received  same step, the clock runs again
 *   complaint_received  same step; a complaint record with its own
 *                       deadline (`days`) holds the dossier at the step
 *   complaint_resolved  same step; the complaint is answered in writing
 *   withdraw            -> withdrawn (rút hồ sơ)
 *   refuse              -> refused (từ chối, with written reasons)
 *   decide              -> decided (only by signing a decision)
 * A complaint action may also be listed at the terminal states "decided"
 * and "refused" (complaints about a decision or a refusal).
 */
#ifndef ANSINH_CORE_PROCEDURE_H
#define ANSINH_CORE_PROCEDURE_H

#include <stddef.h>

#include "core/date.h"

struct workdays_calendar;

enum procedure_rc {
    PROCEDURE_OK = 0,
    PROCEDURE_EFORMAT = -1,   /* data: syntax, unknown column or value */
    PROCEDURE_ECONFLICT = -2, /* data: rows contradict each other */
    PROCEDURE_ENOTFOUND = -3, /* no such procedure, step or action */
    PROCEDURE_EROLE = -4,     /* the role may not take the action there */
    PROCEDURE_EINVAL = -5,    /* bad arguments or misuse (load after
                                 finish, query before) */
    PROCEDURE_ECALENDAR = -6  /* the deadline falls outside the calendar */
};

/* Caps: the data can never grow past these. */
#define PROCEDURE_MAX_FILE_BYTES (1024u * 1024u)
#define PROCEDURE_MAX_ROWS       2000
#define PROCEDURE_MAX_FIELD      1000 /* bytes of one field */
#define PROCEDURE_MAX_PROCS      64
#define PROCEDURE_MAX_STEPS      32  /* steps of one procedure */
#define PROCEDURE_MAX_ACTIONS    256 /* actions of one procedure */
#define PROCEDURE_MAX_FLAGS      32
#define PROCEDURE_MAX_DAYS       100 /* working days of one deadline */
#define PROCEDURE_CODE_SIZE      33  /* a code, NUL included */

/* Kinds of dossier (RULES.md §6.1-§6.4, §2.8, §3). */
enum procedure_kind {
    PROCEDURE_KIND_GRANT = 0, /* thực hiện trợ cấp xã hội hằng tháng */
    PROCEDURE_KIND_ADJUST,   /* điều chỉnh mức trợ cấp */
    PROCEDURE_KIND_STOP,     /* thôi hưởng, tạm dừng, hưởng lại */
    PROCEDURE_KIND_TRANSFER, /* chuyển nơi cư trú */
    PROCEDURE_KIND_CARE, /* hỗ trợ kinh phí chăm sóc, nuôi dưỡng */
    PROCEDURE_KIND_FUNERAL, /* hỗ trợ chi phí mai táng */
    PROCEDURE_KIND_COUNT
};

/* The case-working roles a procedure may name (users.role values). */
enum procedure_role {
    PROCEDURE_ROLE_COMMUNE_OFFICER = 0,
    PROCEDURE_ROLE_COMMUNE_CHAIRMAN,
    PROCEDURE_ROLE_DISTRICT_OFFICER,
    PROCEDURE_ROLE_DISTRICT_CHAIRMAN,
    PROCEDURE_ROLE_COUNT
};

enum procedure_structure {
    PROCEDURE_THREE_TIER = 0, /* commune, district, province (to 2025-06) */
    PROCEDURE_TWO_TIER = 1    /* commune, province (from 2025-07-01) */
};

enum procedure_area { PROCEDURE_AREA_COMMUNE = 0, PROCEDURE_AREA_DISTRICT = 1 };

/* How a step's deadline counts (the `clock` column). */
enum procedure_clock {
    PROCEDURE_CLOCK_NONE = 0, /* no statutory deadline */
    PROCEDURE_CLOCK_STEP,     /* `days` WD after the step started */
    PROCEDURE_CLOCK_DOSSIER,  /* `days` WD after submission (one window
                                 for several steps: 2025, §6.5) */
    PROCEDURE_CLOCK_PERIOD    /* the step LASTS `days` WD from its start
                                 (public posting): the actions leaving it
                                 wait for the end */
};

enum procedure_effect {
    PROCEDURE_EFFECT_MOVE = 0,          /* to another step */
    PROCEDURE_EFFECT_RECORD,            /* an act recorded at the step */
    PROCEDURE_EFFECT_PAUSE,             /* request_documents */
    PROCEDURE_EFFECT_RESUME,            /* documents_received */
    PROCEDURE_EFFECT_COMPLAINT,         /* complaint_received */
    PROCEDURE_EFFECT_COMPLAINT_RESOLVE, /* complaint_resolved */
    PROCEDURE_EFFECT_WITHDRAW,          /* -> withdrawn */
    PROCEDURE_EFFECT_REFUSE,            /* -> refused */
    PROCEDURE_EFFECT_DECIDE             /* -> decided */
};

enum procedure_confidence {
    PROCEDURE_CONFIRMED = 0,
    PROCEDURE_SECONDARY,
    PROCEDURE_UNVERIFIED
};

/* Terminal states of a dossier (the `next` of the closing actions). */
#define PROCEDURE_DECIDED   "decided"
#define PROCEDURE_REFUSED   "refused"
#define PROCEDURE_WITHDRAWN "withdrawn"

/* Where a row comes from, its basis and notes. Strings are owned by the
 * set (valid until procedure_set_free). */
struct procedure_source {
    const char *file;
    size_t line;
    int confidence; /* enum procedure_confidence */
    const char *basis; /* "Nghị định 20/2021/NĐ-CP Điều 8 khoản 1 …" */
    const char *rules_ref; /* "RULES.md §6.2 bước 2" */
    const char *note;      /* "" if none */
};

struct procedure_step {
    const char *code; /* "review" */
    const char *name; /* Vietnamese */
    int days;         /* working days; -1 when clock is NONE */
    int clock;        /* enum procedure_clock */
    unsigned roles;   /* bit (1u << enum procedure_role) per role */
    int area;         /* enum procedure_area */
    int is_public;    /* 1: a public posting (niêm yết công khai) */
    int hide_hiv;     /* 1: HIV information must never be shown here */
    struct procedure_source src;
};

struct procedure_action {
    const char *step; /* a step code, or "decided" / "refused" */
    const char *code; /* "approve_review" */
    const char *name; /* Vietnamese */
    const char *next; /* a step code, a terminal state, or NULL for "same" */
    int effect;       /* enum procedure_effect */
    unsigned roles;   /* who may take it */
    const char *requires; /* an action that must have been taken at the
                             step before (NULL: none) */
    int days;             /* complaint_received: the complaint's deadline
                             in working days; else -1 */
    struct procedure_source src;
};

struct procedure {
    const char *id;        /* "monthly_2021" */
    const char *name;      /* Vietnamese */
    unsigned kinds;        /* bit (1u << enum procedure_kind) per kind */
    int structure;         /* enum procedure_structure */
    struct date from;      /* first day it applies (submission date) */
    struct date to;        /* first day it no longer applies */
    int has_to;            /* 0: open-ended */
    unsigned submit_roles; /* who registers a submission */
    const struct procedure_step *steps; /* in order, the first is where a
                                           submitted dossier starts; only
                                           the steps whose flag is on */
    size_t nsteps;
    const struct procedure_action *actions; /* those whose flag is on */
    size_t nactions;
    struct procedure_source src;
};

/* Who signs decisions on a date (RULES.md §2.6, §6.2, §6.5). */
struct procedure_signer {
    int role;         /* enum procedure_role */
    int area;         /* enum procedure_area of the signing unit */
    struct date from; /* signing dates from */
    struct date to;   /* to (exclusive) */
    int has_to;
    const char *name; /* Vietnamese */
    struct procedure_source src;
};

struct procedure_flag {
    const char *code; /* "posting_2025" */
    const char *name;
    int on;
    struct procedure_source src;
};

/* Why data was refused: the file, the 1-based line (0: not about one
 * line) and a Vietnamese message naming both. */
struct procedure_err {
    char file[256];
    size_t line;
    char message[512];
};

struct procedure_set;

/* A new, empty set (caller frees with procedure_set_free). */
struct procedure_set *procedure_set_new(void);
/* Free a set. NULL-safe. */
void procedure_set_free(struct procedure_set *s);

/* Parse one data file (data, len) named `name` (for messages) into s,
 * checking each row on its own: the header (known columns, the required
 * ones present), kinds, codes, dates, numbers, roles, areas and which
 * columns each kind of row may fill. The bytes are copied. Returns
 * PROCEDURE_OK, PROCEDURE_EFORMAT with err naming file and line (err may
 * be NULL), or PROCEDURE_EINVAL after procedure_set_finish. */
int procedure_set_load(struct procedure_set *s, const char *name,
                       const char *data, size_t len, struct procedure_err *err);

/* Rows loaded so far (all files). */
size_t procedure_set_rows(const struct procedure_set *s);

/* Override the default of flag `code` (which must be declared by the
 * time procedure_set_finish runs, or it fails). Before finish only:
 * PROCEDURE_OK or PROCEDURE_EINVAL. */
int procedure_set_flag(struct procedure_set *s, const char *code, int on);

/* Check the rows against each other and make the set immutable: every
 * procedure has steps; steps, actions, next steps, requires and flags
 * refer to things that exist; built-in actions have their fixed next;
 * pauses and complaints come in pairs; actions' roles are roles of their
 * step, of the step's area; `decide` is taken by a chairman; every active
 * step is reachable from the first and can be left; every procedure can
 * reach a decision; two procedures serving one kind never overlap in
 * time, nor do two signers; a public step hides HIV information. Returns
 * PROCEDURE_OK, or PROCEDURE_ECONFLICT / PROCEDURE_EFORMAT with err naming
 * the file and line of the offending row. */
int procedure_set_finish(struct procedure_set *s, struct procedure_err *err);

/* Procedures in data order, their number. Borrowed from s. */
size_t procedure_count(const struct procedure_set *s);
const struct procedure *procedure_at(const struct procedure_set *s, size_t i);
/* The flags, their number. */
size_t procedure_flag_count(const struct procedure_set *s);
const struct procedure_flag *procedure_flag_at(const struct procedure_set *s,
                                               size_t i);

/* The procedure with this id, or NULL. */
const struct procedure *procedure_find(const struct procedure_set *s,
                                       const char *id);

/* The procedure serving a dossier of `kind` submitted on `submitted`
 * (from <= submitted < to), or NULL when none does (before 2021-07-01, or
 * a kind no procedure serves). A dossier keeps the procedure chosen at
 * submission: one still open when the organisation changes is carried
 * over by the reorganisation operation, not here (docs/dossiers.md). */
const struct procedure *procedure_choose(const struct procedure_set *s,
                                         int kind, struct date submitted);

/* The signer in force on `signed_on`, or NULL. */
const struct procedure_signer *
procedure_signer_on(const struct procedure_set *s, struct date signed_on);

/* The active step `code` of p, or NULL. */
const struct procedure_step *procedure_step(const struct procedure *p,
                                            const char *code);

/* The action `code` at `step` (a step code or a terminal state) of p, or
 * NULL. */
const struct procedure_action *
procedure_action(const struct procedure *p, const char *step, const char *code);

/* May `role` (a users.role string) take `action` at `step`? Returns
 * PROCEDURE_OK and *out; PROCEDURE_ENOTFOUND when the action does not
 * exist there (including after the dossier closed, except complaint
 * actions the data lists at "decided" / "refused"); PROCEDURE_EROLE when
 * it exists but not for this role. A Vietnamese explanation goes into msg
 * (capped at msglen; may be NULL): which roles may, or which actions
 * exist at the step. */
int procedure_check(const struct procedure *p, const char *step,
                    const char *action, const char *role,
                    const struct procedure_action **out, char *msg,
                    size_t msglen);

/* The deadline of a step: with clock STEP or PERIOD, `days` + stopped
 * working days after `started`; with DOSSIER, after `submitted`; stopped
 * is the number of working days the clock was stopped (documents
 * requested, complaint open) that count for this step. Returns
 * PROCEDURE_OK with *out, 1 when the step has no deadline (*out
 * untouched), PROCEDURE_EINVAL for a negative stopped count or
 * PROCEDURE_ECALENDAR when the date falls outside the calendar. */
int procedure_deadline(const struct workdays_calendar *cal,
                       const struct procedure_step *step, struct date started,
                       struct date submitted, int stopped, struct date *out);

/* --- Vocabulary ---------------------------------------------------------
 */

/* The kind whose code ("grant", "adjust", "stop", "transfer", "care",
 * "funeral") is exactly s, or -1. */
int procedure_kind_parse(const char *s);
/* Code and Vietnamese name of a kind ("" when out of range). Static. */
const char *procedure_kind_code(int kind);
const char *procedure_kind_name(int kind);
/* The role whose code is exactly s, or -1. */
int procedure_role_parse(const char *s);
/* Code and Vietnamese name of a role ("" when out of range). Static. */
const char *procedure_role_code(int role);
const char *procedure_role_name(int role);
/* Vietnamese name of a built-in action or terminal state ("" if none). */
const char *procedure_builtin_name(const char *code);
/* "confirmed", "secondary", "unverified" ("" when out of range). */
const char *procedure_confidence_name(int confidence);
/* "three_tier", "two_tier"; "commune", "district"; "none", "step",
 * "dossier", "period" ("" when out of range). Static. */
const char *procedure_structure_name(int structure);
const char *procedure_area_name(int area);
const char *procedure_clock_name(int clock);

#endif
