/* rules.h: the rules engine: monthly social allowance, caregiver support,
 * residential nurturing, funeral support and the social pension overlap,
 * computed to the đồng from effective-dated parameters (RULES.md §2, §3,
 * §4, §6.6, §14).
 *
 * The law is data, not C: rule files (the CSV files of rules/national/,
 * compiled into the binary, and provincial overlays) hold every level,
 * coefficient, age limit and combination rule with the date it applies from,
 * its legal basis and a confidence marker; docs/rules.md describes the format.
 * This module parses and validates them (rules_load.c) and computes (rules.c);
 * it does no I/O: callers pass the bytes.
 *
 * Life cycle: rules_new, rules_load for each file (national files first
 * or not: order does not matter), rules_finish (cross-file checks), then
 * rules_compute any number of times, from any number of threads at once:
 * a finished rule set is immutable. rules_free at the end.
 *
 * Conventions (RULES.md §2.3, §2.6; Decree 20/2021 Art. 8):
 *   - a parameter applies to a month when it is in force on the month's
 *     first day; rule files only use first days of months;
 *   - "age" is the age reached during the month (date_age_in_month): a new
 *     age band applies from the month of the birthday;
 *   - an upper age limit N ("under N") ends payment from the month after
 *     the month of the N-th birthday;
 *   - several lines: only the highest is paid, except the per-child K4
 *     lines, paid on top of one line the rule files allow (K5, K6, K8);
 *   - amounts are level x coefficient exactly (money_apply_coeff); a
 *     product that is not a whole đồng is a parameter error, never rounded;
 *   - a row may carry the day it became known (known_from): a request
 *     with known_on before it is computed without that row, and the row
 *     of the same parameter it replaced stays in force in its place (the
 *     540,000 level applies from 2026-07-01 but was decreed on 2026-08-21:
 *     what was paid for July before then, and the arrears owed after,
 *     RULES.md §2.1, §14).
 */
#ifndef ANSINH_CORE_RULES_H
#define ANSINH_CORE_RULES_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum rules_rc {
    RULES_OK = 0,
    RULES_EFORMAT = -1,   /* a rule file is malformed (file and line) */
    RULES_ECONFLICT = -2, /* rows contradict: overlapping periods, an
                             overlay lowering a national value, an inexact
                             level x coefficient */
    RULES_EINPUT = -3,    /* the request is not valid (field in err) */
    RULES_ENOLEVEL = -4,  /* no standard level in force for the month */
    RULES_EPARAM = -5,    /* level x coefficient inexact or too large */
    RULES_ESTATE = -6     /* misuse: load after finish, compute before */
};

/* Caps: a rule file, a rule set and a request can never grow past these. */
#define RULES_MAX_FILE_BYTES (1024u * 1024u)
#define RULES_MAX_ROWS       5000 /* rows in one rule set, all files */
#define RULES_MAX_FIELD      1000 /* bytes of one field of a rule file */
#define RULES_MAX_CATEGORIES 32   /* categories in one request */
#define RULES_MAX_CHILDREN   16   /* children in one request */
#define RULES_MAX_CASES      8    /* funeral cases in one request */
#define RULES_MAX_LINES      (RULES_MAX_CATEGORIES + RULES_MAX_CHILDREN + 8)
#define RULES_CODE_SIZE      32  /* a category or case code, NUL included */
#define RULES_REASON_SIZE    400 /* an explanation, NUL included */

/* The first month any rule may apply: Decree 20/2021 is in force from
 * 01/07/2021 (RULES.md §0, §2.1). Earlier dates are refused by the loader
 * and earlier months by rules_compute. */
#define RULES_FIRST_YEAR  2021
#define RULES_FIRST_MONTH 7

/* What went wrong, for people (Vietnamese) and programs. Loader errors
 * name the file and the line ("rules/national/monthly.csv, dòng 12: ...");
 * request errors name the field ("categories[2]", "children[1].birth_date",
 * "month"). */
struct rules_err {
    char file[256]; /* loader: the file; "" otherwise */
    size_t line;    /* loader: 1-based line; 0 if not about one line */
    char field[64]; /* rules_compute: the request field; "" otherwise */
    char message[512];
};

enum rules_disability {
    RULES_DIS_NONE = 0,
    RULES_DIS_SEVERE = 1,           /* khuyết tật nặng */
    RULES_DIS_ESPECIALLY_SEVERE = 2 /* khuyết tật đặc biệt nặng */
};

enum rules_benefit {
    RULES_MONTHLY = 0,   /* trợ cấp xã hội hằng tháng (§2.3) */
    RULES_CARE = 1,      /* hỗ trợ kinh phí chăm sóc (§3) */
    RULES_NURTURING = 2, /* trợ cấp nuôi dưỡng tại cơ sở (§4) */
    RULES_FUNERAL = 3    /* hỗ trợ chi phí mai táng (§2.8) */
};

enum rules_confidence {
    RULES_CONFIRMED = 0, /* [C] in RULES.md */
    RULES_SECONDARY = 1, /* [S] */
    RULES_UNVERIFIED = 2 /* UNVERIFIED */
};

struct rules_child {
    struct date birth;
    int studying; /* 1: in education (K2 rules, §2.2) */
};

/* One question: what is paid for this month? Codes are ASCII and
 * NUL-terminated within their arrays. */
struct rules_request {
    struct month month;    /* the month paid, or of death (funeral) */
    int benefit;           /* enum rules_benefit */
    int has_person;        /* 0 only for a funeral request */
    struct date birth;     /* the person (the cared-for person for care) */
    int disability;        /* enum rules_disability */
    int studying;          /* in education (K1 -> K2 continuation, K2) */
    int social_pension;    /* applies for the social pension (§6.6): no
                              pension or monthly social insurance benefit */
    int poor_or_near_poor; /* household poor or near-poor (§6.6, 70-74) */
    char province[3];      /* "" or 2 digits: apply that overlay */
    size_t ncategories;
    char categories[RULES_MAX_CATEGORIES][RULES_CODE_SIZE];
    size_t nchildren; /* K4's children, or the disabled parent's (care) */
    struct rules_child children[RULES_MAX_CHILDREN];
    char care_case[RULES_CODE_SIZE]; /* benefit care: a case of care.csv */
    int pregnant;                    /* care "disabled_parent" */
    size_t nfuneral;
    char funeral[RULES_MAX_CASES][RULES_CODE_SIZE]; /* funeral cases */
    struct date known_on; /* compute the law as known on this day (rows
                             with a later known_from do not exist yet, and
                             the rows they replace stay in force: a payroll
                             prepared on 2026-08-10 pays July 2026 at
                             500,000, Decree 335/2026 being signed on
                             2026-08-21; docs/rules.md); {0, 0, 0}: as
                             known now (every row) */
};

/* One computed amount with its explanation. Text pointers are borrowed
 * from the rule set (valid until rules_free). */
struct rules_line {
    char category[RULES_CODE_SIZE]; /* "K6", "social_pension", "care",
                                       "nurturing", "funeral" */
    const char *case_code;          /* the rule's key for care/funeral/nurturing
                                       ("k1_child"), NULL for a category */
    const char *label;              /* Vietnamese case label of the rule row */
    int child;                      /* index into request children, or -1 */
    int age;                        /* age reached in the month of whoever the
                                       band is about, or -1 when not used */
    int coeff_milli;                /* coefficient in thousandths (money.h) */
    int64_t level;     /* the level multiplied (standard or pension) */
    int64_t amount;    /* level x coefficient, exactly */
    const char *basis; /* "Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1
                          điểm e" (instrument, article) */
    const char *rules_ref;   /* "RULES.md §2.3" */
    int confidence;          /* enum rules_confidence of the coefficient */
    const char *level_basis; /* basis of the level multiplied */
    int level_confidence;
    int paid;                     /* counted in total */
    char note[RULES_REASON_SIZE]; /* why not paid, or why paid on top;
                                     "" when nothing to add */
};

/* A category (or child, or case) that gives nothing, and why. */
struct rules_ineligible {
    char category[RULES_CODE_SIZE];
    int child; /* index into request children, or -1 */
    char reason[RULES_REASON_SIZE];
    const char *rules_ref; /* "RULES.md §2.6" */
};

struct rules_result {
    struct month month;
    int benefit;
    int age;                 /* the person's age reached in the month, or
                                -1 without a person */
    int64_t standard_level;  /* in force for the month (overlay applied) */
    const char *level_basis; /* its instrument and article */
    int level_confidence;
    const char *level_rules_ref;
    size_t nlines;
    struct rules_line lines[RULES_MAX_LINES];
    size_t nineligible;
    struct rules_ineligible ineligible[RULES_MAX_LINES];
    int64_t total; /* what is payable after the highest-benefit rule */
};

struct rules;

/* A new, empty rule set (caller frees with rules_free). */
struct rules *rules_new(void);

/* Free a rule set and every text it lent. NULL-safe. */
void rules_free(struct rules *r);

/* Parse and validate one rule file (data, len) named name (for messages;
 * copied). overlay 0: a national file (no province column); 1: a
 * provincial overlay (province column required, only raising values and
 * adding local categories, Decree 20 Art. 4(3)). Rows are checked one by
 * one here; checks across rows and files wait for rules_finish.
 * Returns RULES_OK, or RULES_EFORMAT with err naming the file and line (the
 * set then keeps none of this file's rows), RULES_ESTATE after
 * rules_finish. */
int rules_load(struct rules *r, const char *name, const char *data, size_t len,
               int overlay, struct rules_err *err);

/* Check the whole set and make it immutable: at least one national
 * standard level; no two rows for the same thing in overlapping periods;
 * no overlay value below the national value in force on its first day;
 * every level x coefficient a whole number of đồng; every local category
 * defined in its province. Returns RULES_OK, or RULES_ECONFLICT /
 * RULES_EFORMAT with err naming the file and line of the offending row. */
int rules_finish(struct rules *r, struct rules_err *err);

/* Compute q into *out (overwritten). Returns RULES_OK (an ineligible
 * request is a normal result: total 0 and reasons); RULES_EINPUT for a
 * month before 07/2021, an unknown or duplicate category or case, a local
 * category without its province, children without a per-child category,
 * with err.field naming the request field; RULES_ENOLEVEL when no standard
 * level is in force for the month (field "month"); RULES_EPARAM for an
 * amount that cannot be exact; RULES_ESTATE before rules_finish.
 * Thread-safe on a finished set. */
int rules_compute(const struct rules *r, const struct rules_request *q,
                  struct rules_result *out, struct rules_err *err);

/* Number of rows loaded (all files). */
size_t rules_row_count(const struct rules *r);

/* "confirmed", "secondary" or "unverified". */
const char *rules_confidence_name(int confidence);

/* "monthly", "care", "nurturing", "funeral"; "" when out of range. */
const char *rules_benefit_name(int benefit);

#endif
