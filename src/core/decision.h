/* decision.h: decisions (quyết định) on the monthly allowance: their
 * kinds and the month each takes effect (RULES.md §2.6, Decree 20/2021
 * Art. 8; Decree 147/2025 Art. 5(2)(b), (d)). Pure: callers pass dates.
 *
 * Effective month (payment is by month):
 *   grant      the month the decision is signed; a K5b member from the
 *              month of their 75th birthday, a K5c member from the month
 *              of their 80th, if later; a K6 member from the month the
 *              disability certificate was issued (which may be earlier:
 *              arrears); the decision takes effect with the earliest of
 *              its categories;
 *   grant after a move (transfer)  the month after the month of the
 *              event (the month stated in the old place's stop decision,
 *              Art. 8(4)(d));
 *   adjust     the month the new condition is met (the event);
 *   suspend    the month after the month the ground is met (3 months
 *              not collected, 1 month of detention): Circular 02/2021
 *              Art. 2(3) gives no month, so this follows termination
 *              (UNVERIFIED, docs/dossiers.md);
 *   resume     the month the ground ends (the event; UNVERIFIED likewise);
 *   terminate  the month after the month of the event (death, loss of
 *              eligibility; Art. 8(2), Decree 147/2025 Art. 5(2)(d));
 *   terminate for a move (the old place's stop decision, ground "moved")
 *              the month after the month the decision is signed: the new
 *              place pays from the month after the month stated in this
 *              decision (Art. 8(4)(d), RULES.md §6.3), so the old place
 *              must pay until then, whenever the person moved, or a month
 *              would go unpaid.
 * An event is never after the signing date.
 */
#ifndef ANSINH_CORE_DECISION_H
#define ANSINH_CORE_DECISION_H

#include <stddef.h>

#include "core/date.h"

enum decision_kind {
    DECISION_GRANT = 0,
    DECISION_ADJUST,
    DECISION_SUSPEND,
    DECISION_RESUME,
    DECISION_TERMINATE,
    DECISION_KIND_COUNT
};

enum decision_rc {
    DECISION_OK = 0,
    DECISION_EINPUT = -1 /* a missing or impossible input: msg says which,
                            field names it */
};

#define DECISION_MAX_CATEGORIES 8

/* What the effective month depends on. */
struct decision_input {
    int kind;               /* enum decision_kind */
    struct date signed_on;  /* the signing date */
    struct date birth;      /* the person's birth date (K5b, K5c) */
    const char *categories; /* comma-separated codes ("K5b", "K4,K6") or
                               NULL/"" (care, funeral, stop) */
    int has_certificate;    /* K6: the disability certificate */
    struct date certificate_on;
    int has_event; /* adjust, suspend, resume, terminate, transfer */
    struct date event_on;
    int transfer; /* a grant at the new place after a move */
    int moved;    /* a termination by the old place for a move */
};

/* The result: the decision's month and each category's. */
struct decision_months {
    struct month effective;
    size_t ncategories;
    char category[DECISION_MAX_CATEGORIES][8];
    struct month from[DECISION_MAX_CATEGORIES];
};

/* Compute the effective month(s) of in into *out. Returns DECISION_OK, or
 * DECISION_EINPUT with a Vietnamese message in msg (capped at msglen) and
 * the input field in field (capped at fieldlen; "categories",
 * "certificate_on", "event_on" or "kind"): an unknown or repeated
 * category, more than DECISION_MAX_CATEGORIES, K6 without a certificate
 * or one issued after signing, an event missing or after signing. */
int decision_effective(const struct decision_input *in,
                       struct decision_months *out, char *msg, size_t msglen,
                       char *field, size_t fieldlen);

/* The kind whose code ("grant", "adjust", "suspend", "resume",
 * "terminate") is exactly s, or -1. */
int decision_kind_parse(const char *s);
/* Code and Vietnamese name ("" when out of range). Static. */
const char *decision_kind_code(int kind);
const char *decision_kind_name(int kind);

#endif
