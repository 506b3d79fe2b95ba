/* payroll.h: the monthly payroll (danh sách chi trả), its pure part: the
 * lines a person gets in the payroll of a pay month, from what the rules
 * say they are owed (entitlement) and what earlier approved payrolls
 * already settled; the order of lines; their explanation in Vietnamese;
 * the canonical serialisation whose hash freezes an approved payroll
 * (docs/payroll.md; RULES.md §2.6, §2.8, §5, §7.1, §14).
 *
 * Entitlement and settlement, per person, benefit (monthly allowance,
 * care support) and benefit month m:
 *   entitled(m)  what rules_compute gives for m from the data as now
 *                known and the law as known on the preparation day
 *                (rules.h known_on), 0 when the person is not enrolled;
 *   settled(m)   the sum of the person's lines for m in APPROVED payrolls
 *                (allowance or care + arrears - recoveries; blocked lines
 *                count for nothing; roll-over lines are NOT settlement:
 *                they carry an amount already settled to a later payment).
 * The payroll of pay month M holds, for each benefit:
 *   m = M        ALLOWANCE / CARE of entitled(M) - settled(M) when > 0;
 *   m < M        in the lookback window, for months some approved payroll
 *                covered (the system paid them; earlier months were paid
 *                outside it): ARREARS (truy lĩnh) of entitled - settled
 *                when > 0, RECOVERY (thu hồi, negative) when < 0;
 * then FUNERAL (a decided funeral dossier not yet settled), ONEOFF (a
 * one-off payment the person qualifies for, not yet settled) and ROLLOVER
 * (an unpaid positive line of an earlier payroll, carried forward; the
 * caller passes only lines not yet rolled over). Recoveries are
 * receivables: never netted into a payment.
 *
 * Pure: callers pass the facts; nothing here reads a clock or a file.
 */
#ifndef ANSINH_CORE_PAYROLL_H
#define ANSINH_CORE_PAYROLL_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/rules.h"
#include "util/buf.h"

enum payroll_rc {
    PAYROLL_OK = 0,
    PAYROLL_EINPUT = -1, /* facts out of order or out of range */
    PAYROLL_ESPACE = -2  /* more lines than the output holds */
};

/* Line kinds, in the order lines of one person are listed. */
enum payroll_kind {
    PAYROLL_ALLOWANCE = 0, /* trợ cấp xã hội hằng tháng, the pay month */
    PAYROLL_CARE,          /* hỗ trợ kinh phí chăm sóc, the pay month */
    PAYROLL_ARREARS,       /* truy lĩnh: an earlier month owed more */
    PAYROLL_RECOVERY,      /* thu hồi: an earlier month paid too much;
                              amount negative */
    PAYROLL_ROLLOVER,      /* chuyển kỳ: an unpaid amount carried on */
    PAYROLL_FUNERAL,       /* hỗ trợ chi phí mai táng (§2.8) */
    PAYROLL_ONEOFF,        /* a one-off payment: a Tết gift (§5) */
    PAYROLL_KIND_COUNT
};

/* What a line is about: which stream it settles. */
enum payroll_benefit {
    PAYROLL_B_MONTHLY = 0, /* the monthly allowance (§2.3) */
    PAYROLL_B_CARE,        /* caregiver support (§3) */
    PAYROLL_B_FUNERAL,     /* funeral support (§2.8) */
    PAYROLL_B_ONEOFF,      /* one-off payments (§5) */
    PAYROLL_BENEFIT_COUNT
};

/* The default lookback: earlier months re-examined for arrears and
 * recoveries (docs/payroll.md; no legal limit is known). Never before
 * 07/2021 (Decree 20/2021). */
#define PAYROLL_LOOKBACK_DEFAULT 24
#define PAYROLL_LOOKBACK_MAX     120

#define PAYROLL_CAT_SIZE   24  /* "K6", "K4+K6", "care" */
#define PAYROLL_TEXT_SIZE  900 /* an explanation, NUL included */
#define PAYROLL_REF_SIZE   24  /* "13285-202609-000012" */
#define PAYROLL_MAX_LINES  160 /* lines of one person in one payroll */
#define PAYROLL_MAX_MONTHS (PAYROLL_LOOKBACK_MAX + 1)

/* What is owed for one benefit and month, summarised from a rules result.
 * Text pointers are borrowed from the rule set (valid until rules_free)
 * or from the caller. */
struct payroll_due {
    int64_t amount;                  /* 0 when nothing is owed */
    char category[PAYROLL_CAT_SIZE]; /* paid categories joined by '+' */
    int coeff_milli;         /* paid coefficients summed when all multiply one
                                level; 0 when they mix levels or none */
    int64_t level;           /* the level multiplied (standard or pension) */
    const char *basis;       /* of the first paid line; NULL: none */
    const char *level_basis; /* of the level */
    const char *rules_ref;   /* of the first paid line ("RULES.md §2.3") */
    const char *label;       /* of the first paid line */
    int confidence;          /* the weakest of paid lines and level */
};

/* One benefit month of one stream. */
struct payroll_month_in {
    struct month month;
    int covered;              /* an approved payroll paid the person's
                                 commune this month (ignored for the pay
                                 month, always examined) */
    struct payroll_due due;   /* entitled(m) */
    int64_t settled;          /* settled(m) */
    int64_t decision_id;      /* the decision in force then, 0: none known */
    const char *decision_ref; /* "15/QĐ-UBND ngày 02/01/2026"; NULL: none */
};

/* A one-time entitlement: a funeral decision or a one-off payment. */
struct payroll_once_in {
    int64_t id;         /* decision id (funeral) or one-off id */
    struct month month; /* its benefit month */
    struct payroll_due due;
    int64_t settled;
    const char *decision_ref; /* funeral: the decision; one-off: NULL */
};

/* An unpaid line of an earlier payroll to carry forward. */
struct payroll_rollover_in {
    int64_t line_id;   /* the unpaid line */
    const char *ref;   /* its reference */
    int kind, benefit; /* its kind and benefit */
    struct month benefit_month;
    struct month pay_month; /* of its payroll */
    int64_t amount;         /* > 0 */
    const char *category;
};

/* Everything about one person for one payroll. Arrays are borrowed;
 * monthly and care hold nmonths consecutive months ending with the pay
 * month (care may be NULL). */
struct payroll_person_in {
    int64_t person_id;
    struct month pay_month;
    size_t nmonths;
    const struct payroll_month_in *monthly;
    const struct payroll_month_in *care;
    size_t nfunerals;
    const struct payroll_once_in *funerals;
    size_t noneoffs;
    const struct payroll_once_in *oneoffs;
    size_t nrollovers;
    const struct payroll_rollover_in *rollovers;
};

/* One line. Text pointers are borrowed (rule set, caller). */
struct payroll_line {
    int64_t person_id;
    int kind;    /* enum payroll_kind */
    int benefit; /* enum payroll_benefit */
    struct month benefit_month;
    char category[PAYROLL_CAT_SIZE];
    int coeff_milli;
    int64_t level;
    int64_t amount;   /* signed: a recovery is negative */
    int64_t entitled; /* entitled(m) then, for the explanation */
    int64_t settled;  /* settled(m) then */
    const char *basis, *level_basis, *rules_ref, *label;
    int confidence;
    int64_t decision_id; /* 0: none */
    const char *decision_ref;
    int64_t oneoff_id;      /* 0: none */
    int64_t source_line_id; /* rollover: the unpaid line; else 0 */
    const char *source_ref;
    struct month source_pay_month;
    int source_kind;
};

/* Summarise a rules result (monthly or care) as what is owed: the total,
 * the paid lines' categories, coefficients, bases. A result with total 0
 * gives an empty due (amount 0). */
void payroll_due_from_result(const struct rules_result *res,
                             struct payroll_due *out);

/* The first benefit month the payroll of pay month `pay` looks at with a
 * lookback of `lookback` months (0..PAYROLL_LOOKBACK_MAX): pay - lookback,
 * never before 07/2021. */
struct month payroll_window_start(struct month pay, int lookback);

/* The lines of one person (see the top of this file), in the order of
 * payroll_line_cmp, into out (cap entries); *n the count. Returns
 * PAYROLL_OK; PAYROLL_EINPUT when the months are not consecutive or do
 * not end with the pay month, an amount is negative, or a rollover is not
 * positive; PAYROLL_ESPACE when out is too small (*n then holds what
 * fitted). */
int payroll_person_lines(const struct payroll_person_in *in,
                         struct payroll_line *out, size_t cap, size_t *n);

/* Order of one person's lines: kind, benefit month, benefit, then the
 * ids (decision, one-off, source line). <0, 0, >0. */
int payroll_line_cmp(const struct payroll_line *a,
                     const struct payroll_line *b);

/* The Vietnamese explanation of line l (which month, which rule, which
 * decision, how much and why) into out (cap bytes, cut at a character
 * boundary). Same line, same bytes. */
void payroll_line_explain(const struct payroll_line *l, char *out, size_t cap);

/* Codes ("allowance", "care", "arrears", "recovery", "rollover",
 * "funeral", "oneoff"; "monthly", "care", "funeral", "oneoff") and
 * Vietnamese names; "" when out of range. Static. */
const char *payroll_kind_code(int kind);
const char *payroll_kind_name(int kind);
const char *payroll_benefit_code(int benefit);
/* The kind or benefit whose code is exactly s, or -1. */
int payroll_kind_parse(const char *s);
int payroll_benefit_parse(const char *s);

/* The stable reference of line seq (from 1) of the payroll of area and
 * pay month: "13285-202609-000012", written into out. */
void payroll_ref(const char *area, struct month pay, int64_t seq,
                 char out[PAYROLL_REF_SIZE]);

/* The kind of a payment point from its method and name (RULES.md §7.1):
 * "commune_office" (Trụ sở UBND…), "post_office" (Bưu điện…),
 * "village_hall" (Nhà văn hóa…), "other" for other cash points; "bank",
 * "ewallet" for the non-cash methods. Static. */
const char *payroll_point_kind(const char *method, const char *name);

/* --- Canonical serialisation (the content hash) ----------------------
 * "ansinh-payroll-v1\n", then each value as "<byte length>:<bytes>\n", or
 * "-\n" for a missing one (SQL NULL): unambiguous whatever the bytes, like
 * the audit chain (store_audit.h). The caller appends the payroll's
 * fields and then each line's, in a documented order (docs/payroll.md),
 * and hashes the result. */
#define PAYROLL_CANON_TAG "ansinh-payroll-v1\n"

/* Append one value (s, len); s NULL appends "-\n". BUF_OK or
 * BUF_ETOOBIG. */
int payroll_canon_text(struct buf *b, const char *s, size_t len);
/* Append an integer as decimal text. */
int payroll_canon_int(struct buf *b, int64_t v);

#endif
