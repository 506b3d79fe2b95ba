/* rules_int.h: the rule set as the loader (rules_load.c) builds it and the
 * computation (rules.c) reads it. Internal to src/core: nothing outside
 * these two files includes it (public API: rules.h).
 */
#ifndef ANSINH_CORE_RULES_INT_H
#define ANSINH_CORE_RULES_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/rules.h"

/* Row kinds: the `kind` column (docs/rules.md). */
enum rules_kind {
    RK_LEVEL = 0,  /* a level in đồng: key standard | social_pension */
    RK_COEFF,      /* monthly coefficient of a category (§2.3) */
    RK_LIMIT,      /* eligibility limits of a category (§2.2, §2.6) */
    RK_STACK,      /* key is paid on top of value (§2.5, K4) */
    RK_CARE,       /* caregiver support coefficient (§3) */
    RK_CARE_LIMIT, /* limits of a care case (§3) */
    RK_NURTURING,  /* residential nurturing coefficient (§4) */
    RK_FUNERAL,    /* funeral support multiplier (§2.8) */
    RK_CATEGORY,   /* a provincial category (overlays only) */
    RK_COUNT
};

/* The `disability` column. */
enum rules_rdis {
    RD_ANY = 0,     /* empty: no condition */
    RD_NONE = 1,    /* "none": no disability */
    RD_SEVERE = 2,  /* "severe" */
    RD_ESEVERE = 3, /* "especially_severe" */
    RD_DISABLED = 4 /* "any": severe or especially severe */
};

/* The `condition` column. */
enum rules_rcond { RCOND_NONE = 0, RCOND_STUDYING = 1, RCOND_POOR = 2 };

/* The `base` column: which level a coefficient multiplies. */
enum rules_rbase { RBASE_STANDARD = 0, RBASE_PENSION = 1 };

/* Month index of (y, m): y * 12 + m - 1; RULES_OPEN for an open end. */
#define RULES_OPEN INT32_MAX

struct rules_row {
    int kind;                      /* enum rules_kind */
    char key[RULES_CODE_SIZE];     /* category code or family ("K1*"),
                                      "social_pension", or a case code */
    int child;                     /* subject: 0 the person, 1 a child */
    int disability;                /* enum rules_rdis */
    int condition;                 /* enum rules_rcond */
    int age_min, age_max, age_end; /* -1 when empty */
    int count_min;                 /* 0 when empty */
    int64_t value;                 /* level: đồng; coefficients: milli */
    char target[RULES_CODE_SIZE];  /* stack: the family it stacks with;
                                      limit: continues_as; else "" */
    int base;                      /* enum rules_rbase */
    int32_t from, to;              /* month indexes, to exclusive */
    int64_t known_from;            /* known_from column: days since
                                      1970-01-01 of the day the row became
                                      known (a decree signed after the month
                                      it applies from); INT64_MIN when empty:
                                      known from the start */
    int32_t shadow_to;             /* rules_finish: while a later row of the
                                      same parameter that starts at `to` is
                                      not yet known, this row stays in force
                                      up to that row's `to` (exclusive) ... */
    int64_t shadow_until;          /* ... when computing as known on a day
                                      before this one (days; INT64_MIN: no
                                      such row) */
    char province[3];              /* "" national, else 2 digits */
    int confidence;                /* enum rules_confidence */
    const char *file;              /* owned by the set (files[]) */
    size_t line;
    char *label, *basis, *rules_ref, *note; /* owned; never NULL */
};

struct rules {
    struct rules_row *rows;
    size_t nrows, cap;
    char **files;
    size_t nfiles;
    int finished;
    /* After rules_finish: row indexes by kind, in load order. */
    size_t *by_kind[RK_COUNT];
    size_t nby_kind[RK_COUNT];
};

/* 1 if row key `pattern` (exact code, or "K1*" family) covers code. */
int rules__key_matches(const char *pattern, const char *code);

/* 1 if the two patterns cover at least one common code. */
int rules__keys_intersect(const char *a, const char *b);

/* 1 if a row with disability condition `row` applies to a person with
 * enum rules_disability `person`. */
int rules__disability_matches(int row, int person);

/* Month index of m. */
int32_t rules__month_index(struct month m);

#endif
