/* tasks.h: the officers' tasks (docs/tasks.md) as a vocabulary: what each
 * kind of task is about, the rule behind it (a RULES.md section), the
 * decision it calls for, and which life events of a month make one. Pure:
 * the store finds the persons, the app writes the tasks.
 *
 * Life events (RULES.md §2.2, §2.3, §2.6; Decree 20/2021 Art. 5, 6, 8):
 *   child_4      a K1 or K3 child turns 4: the coefficient falls (2.5 to
 *                1.5 or 2.0) from the birthday month; the payroll applies
 *                it by itself, the task only tells the officer;
 *   child_16     a K1 or K3 child turns 16: payment ends after the birthday
 *                month unless a K1 child goes on studying (then as K2,
 *                with a school confirmation); either a paper or a
 *                termination decision is needed;
 *   child_22     a K2 member turns 22: termination;
 *   elderly_80   a K5a member turns 80 (coefficient 1.5 to 2.0, by itself)
 *                or a K5b member does (K5b ends, K5c starts: an adjustment
 *                decision);
 *   k7_3         a K7 child turns 3: termination;
 *   suspended_3m a suspension has lasted three months: after a
 *                re-assessment not complied with, termination is due
 *                (Circular 02/2021 Art. 2(1)); otherwise a review (resume
 *                or terminate);
 * and the work of the procedures and of the reorganisation:
 *   overdue_step   a dossier step past its deadline (RULES.md §6.2, §6.5);
 *   assign_commune a person of an old commune split between several new
 *                  ones on 2025-07-01 (or with no known successor): the
 *                  province picks the commune from the address (§10.3);
 *   assign_user    an account bound to such a commune: an administrator
 *                  decides its new area (§7.3);
 * and of the payroll (docs/payroll.md):
 *   not_collected_3m  a beneficiary collected nothing in three consecutive
 *                  pay months (the provider's results): a suspension is
 *                  due (Circular 02/2021 Art. 2(3), RULES.md §2.6).
 * A termination is never made by a task: the task says a decision is
 * needed; the decision goes through a dossier (app/dossiers.h).
 */
#ifndef ANSINH_CORE_TASKS_H
#define ANSINH_CORE_TASKS_H

#include <stddef.h>

#include "core/date.h"

enum tasks_kind {
    TASKS_CHILD_4 = 0,
    TASKS_CHILD_16,
    TASKS_CHILD_22,
    TASKS_ELDERLY_80,
    TASKS_K7_3,
    TASKS_SUSPENDED_3M,
    TASKS_OVERDUE_STEP,
    TASKS_ASSIGN_COMMUNE,
    TASKS_ASSIGN_USER,
    TASKS_NOT_COLLECTED_3M, /* the payroll: nothing collected for three
                               consecutive pay months (docs/payroll.md) */
    TASKS_KIND_COUNT
};

enum tasks_decision {
    TASKS_DEC_NONE = 0,            /* informational: the payroll applies it */
    TASKS_DEC_ADJUST,              /* an adjustment decision */
    TASKS_DEC_TERMINATE,           /* a termination decision */
    TASKS_DEC_STUDY_OR_TERMINATE,  /* a school paper, or a termination */
    TASKS_DEC_RESUME_OR_TERMINATE, /* resumption or termination */
    TASKS_DEC_ACT,                 /* the overdue step's act */
    TASKS_DEC_ASSIGN,              /* the new unit, from the address */
    TASKS_DEC_SUSPEND,             /* a suspension decision */
    TASKS_DEC_COUNT
};

/* A birthday event of a category: members of `category` (a code, or "K1*"
 * for K1a..K1l) reaching `age` in the month make a task of `kind` calling
 * for `decision`. */
struct tasks_birthday_rule {
    int kind;
    const char *category;
    int age;
    int decision;
    const char *rules_ref;
};

/* The birthday rules in a fixed order; *n receives their number. Static. */
const struct tasks_birthday_rule *tasks_birthday_rules(size_t *n);

/* Code ("child_4"), Vietnamese title and RULES.md section of a kind; ""
 * when out of range. Static. */
const char *tasks_kind_code(int kind);
const char *tasks_kind_title(int kind);
const char *tasks_kind_rules_ref(int kind);
/* The kind whose code is exactly s, or -1. */
int tasks_kind_parse(const char *s);

/* Code ("terminate") and Vietnamese text of what a decision value asks
 * for; "" when out of range. Static. */
const char *tasks_decision_code(int decision);
const char *tasks_decision_text(int decision);
/* The decision whose code is exactly s, or -1. */
int tasks_decision_parse(const char *s);

/* The birth dates of the persons who reach `age` during month m, as the
 * rules engine counts ages (date_age_in_month: a person born on 29
 * February has their birthday on 1 March in a common year), into
 * [*lo, *hi] inclusive. Returns 0, or -1 when age is negative or the
 * range falls outside the years date.h knows. */
int tasks_birth_range(struct month m, int age, struct date *lo,
                      struct date *hi);

/* The day a suspension that began on `since` has lasted three months
 * (the same day three months later; the last day of that month when it
 * has no such day), into *out. */
void tasks_suspension_due(struct date since, struct date *out);

#endif
