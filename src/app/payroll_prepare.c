/* payroll_prepare.c: preparing a payroll (see payroll.h, core/payroll.h).
 *
 * In one write transaction: create or reset the payroll, claim its
 * communes (no two payrolls of a month share one), find the beneficiaries
 * resident in them on the month's first day, then read their facts in
 * ranges of person ids (store_payroll_facts), compute for each person and
 * month what the rules say (as known on the preparation day) and what
 * approved payrolls settled, turn that into lines (core/payroll.c), sort
 * everything (payment point, Vietnamese order of the name, person, kind,
 * benefit month) and write lines and points with their references.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/payroll.h"
#include "app/payroll_int.h"
#include "app/quote.h"
#include "app/scope.h"
#include "core/collate.h"
#include "core/money.h"
#include "core/payroll.h"
#include "core/rules.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_payroll.h"
#include "util/clock.h"
#include "util/log.h"
#include "util/xalloc.h"

#define KEY_SIZE 96 /* bytes of a sort key kept per person and point */
#define NO_END   INT64_MAX
/* Person ids a chunk of facts may span (see chunk_len). */
#define PREP_SPAN_MAX (4 * STORE_PAY_BATCH)
/* Page cache while preparing (store_payroll_bulk_cache): 64 MiB. */
#define PREP_CACHE_KIB (64 * 1024)

/* One fact as kept for a chunk (texts in the chunk's arena). d[i] is
 * t[i] as a day number when it is a date (from, to, effective, signed
 * days), NO_END otherwise: parsed once here, not once per month and
 * loop in person_lines. */
#define FACT_DAYS 4
struct fact {
    int64_t person_id;
    int kind;
    int64_t n[2];
    int64_t d[FACT_DAYS];
    const char *t[STORE_PAY_FACT_TEXTS];
};

/* Where each person of a chunk has facts. */
struct span {
    size_t start, end; /* into facts[] */
};

/* A person with lines: what sorts them and what is written. */
struct person_rec {
    unsigned char point_key[KEY_SIZE]; /* commune, method, point name */
    unsigned char name_key[KEY_SIZE];
    int64_t person_id;
    size_t first_line, nlines;
    const char *full_name, *id_number, *birth_date, *unit_code;
    const char *method, *point_name, *point_officer, *bank_code, *account;
    const char *receiver_name, *receiver_id;
    const char *funeral_receiver; /* the applicant of a funeral dossier */
    int64_t point_seq;
};

struct one_oneoff {
    const struct store_oneoff *o;
    struct month month;
    int64_t eligible_day;
    struct app_scope area;
};

struct prep {
    struct db *db;
    /* inputs */
    const struct app_user *user;
    const char *area;
    struct month pay;
    char pay_first[11], pay_last[11], win_first[11], on_iso[11];
    struct date on;
    int lookback;
    struct app_pay_err *err;
    struct app_pay_summary *sum;
    const struct app_progress *progress; /* may be NULL */
    int64_t reported;                    /* last done reported, -1: none */
    int64_t total;                       /* residents of the area */
    /* derived */
    struct month win;
    size_t nmonths;
    int64_t month_first[PAYROLL_MAX_MONTHS], month_last[PAYROLL_MAX_MONTHS];
    struct month month[PAYROLL_MAX_MONTHS]; /* win + i */
    char province[3];
    const struct rules *rules;
    struct collate *coll;
    struct store_payroll p;
    char **communes;
    size_t ncommunes;
    /* coverage: sorted keys month_index * 100000 + commune number */
    int64_t *cover;
    size_t ncover, cap_cover;
    struct store_oneoffs oneoffs;
    struct one_oneoff *oo;
    /* blocks of this payroll: ref -> reason */
    char **block_ref, **block_reason;
    size_t nblocks;
    /* the chunk */
    struct fact *facts;
    size_t nfacts, cap_facts;
    struct pay_arena chunk;
    /* results */
    struct pay_arena keep;
    struct payroll_line *lines;
    size_t nlines, cap_lines;
    struct person_rec *persons;
    size_t npersons, cap_persons;
    int64_t rules_errors;
    int computed; /* the lines above were computed outside the write
                     transaction, from c->seen on */
    int64_t seen; /* the audit chain's last id when that began */
    /* scratch */
    struct rules_request q;
    struct rules_result res;
    struct payroll_month_in monthly[PAYROLL_MAX_MONTHS];
    struct payroll_month_in care[PAYROLL_MAX_MONTHS];
    struct payroll_line out[PAYROLL_MAX_LINES];
};

/* --- Small helpers ---------------------------------------------------------
 */

static int64_t day_of(const char *s, int64_t empty)
{
    struct date d;

    if (s == NULL || s[0] == '\0' ||
        date_parse_iso(s, strlen(s), &d) != DATE_OK)
        return empty;
    return date_to_days(d);
}

/* Month index (y * 12 + m - 1) of 'YYYY-MM...' text, or -1. */
static int64_t month_idx(const char *s)
{
    struct month m;

    if (s == NULL || strlen(s) < 7 || month_parse_iso(s, 7, &m) != DATE_OK)
        return -1;
    return (int64_t)m.y * 12 + m.m - 1;
}

static int64_t midx(struct month m)
{
    return (int64_t)m.y * 12 + m.m - 1;
}

static int64_t commune_num(const char *code)
{
    return strtoll(code, NULL, 10);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

    return (x > y) - (x < y);
}

static int covered(const struct prep *c, int64_t month_index,
                   const char *commune)
{
    int64_t key;

    if (commune == NULL || commune[0] == '\0' || c->ncover == 0)
        return 0;
    key = month_index * 100000 + commune_num(commune);
    return bsearch(&key, c->cover, c->ncover, sizeof key, cmp_i64) != NULL;
}

static int on_cover(void *arg, const char *month, const char *commune)
{
    struct prep *c = arg;

    if (c->ncover == c->cap_cover) {
        c->cap_cover = c->cap_cover ? c->cap_cover * 2 : 256;
        c->cover = xreallocarray(c->cover, c->cap_cover, sizeof *c->cover);
    }
    c->cover[c->ncover++] = month_idx(month) * 100000 + commune_num(commune);
    return 0;
}

static const char *block_of(const struct prep *c, const char *ref)
{
    size_t i;

    for (i = 0; i < c->nblocks; i++)
        if (strcmp(c->block_ref[i], ref) == 0)
            return c->block_reason[i];
    return NULL;
}

/* --- Facts of a chunk ------------------------------------------------------
 */

static int on_fact(void *arg, const struct store_pay_fact *f)
{
    struct prep *c = arg;
    struct fact *x;
    int i;

    if (c->nfacts == c->cap_facts) {
        c->cap_facts = c->cap_facts ? c->cap_facts * 2 : 4096;
        c->facts = xreallocarray(c->facts, c->cap_facts, sizeof *c->facts);
    }
    x = &c->facts[c->nfacts++];
    x->person_id = f->person_id;
    x->kind = f->kind;
    x->n[0] = f->n[0];
    x->n[1] = f->n[1];
    for (i = 0; i < STORE_PAY_FACT_TEXTS; i++)
        x->t[i] = f->t[i][0] ? pay_arena_dup(&c->chunk, f->t[i]) : "";
    for (i = 0; i < FACT_DAYS; i++)
        x->d[i] = day_of(x->t[i], NO_END);
    return 0;
}

static int fact_cmp(const void *a, const void *b)
{
    const struct fact *x = a, *y = b;
    int r;

    if (x->person_id != y->person_id)
        return x->person_id < y->person_id ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->n[0] != y->n[0])
        return x->n[0] < y->n[0] ? -1 : 1;
    if (x->n[1] != y->n[1])
        return x->n[1] < y->n[1] ? -1 : 1;
    r = strcmp(x->t[0], y->t[0]);
    if (r == 0)
        r = strcmp(x->t[1], y->t[1]);
    return r;
}

/* 1 if [from, to) (days, to NO_END when open) overlaps month i. */
static int overlaps(const struct prep *c, size_t i, int64_t from, int64_t to)
{
    return from <= c->month_last[i] && to > c->month_first[i];
}

/* --- One person -------------------------------------------------------------
 */

/* Categories and children of the memberships valid in month i. */
static void request_for(struct prep *c, const struct fact *f, size_t nf,
                        size_t i, struct date birth)
{
    struct rules_request *q = &c->q;
    size_t k, j;

    memset(q, 0, sizeof *q);
    q->month = c->month[i];
    q->benefit = RULES_MONTHLY;
    q->has_person = 1;
    q->birth = birth;
    q->known_on = c->on;
    memcpy(q->province, c->province, sizeof q->province);
    for (k = 0; k < nf; k++) {
        int dup = 0;

        if (f[k].kind != STORE_PAY_MEMBER ||
            !overlaps(c, i, f[k].d[2], f[k].d[3]))
            continue;
        if (strcmp(f[k].t[1], "especially_severe") == 0)
            q->disability = RULES_DIS_ESPECIALLY_SEVERE;
        else if (strcmp(f[k].t[1], "severe") == 0 &&
                 q->disability == RULES_DIS_NONE)
            q->disability = RULES_DIS_SEVERE;
        q->studying |= f[k].n[1] != 0;
        for (j = 0; j < q->ncategories; j++)
            dup |= strcmp(q->categories[j], f[k].t[0]) == 0;
        if (!dup && q->ncategories < RULES_MAX_CATEGORIES)
            snprintf(q->categories[q->ncategories++], RULES_CODE_SIZE, "%s",
                     f[k].t[0]);
    }
    for (k = 0; k < nf && q->nchildren < RULES_MAX_CHILDREN; k++) {
        struct date d;

        if (f[k].kind != STORE_PAY_CHILD ||
            date_parse_iso(f[k].t[0], strlen(f[k].t[0]), &d) != DATE_OK)
            continue;
        q->children[q->nchildren].birth = d;
        q->children[q->nchildren].studying = f[k].n[1] != 0;
        q->nchildren++;
    }
}

/* Compute q into due (as known on the preparation day). */
static void compute(struct prep *c, int64_t person_id, struct payroll_due *due)
{
    struct rules_err rerr;

    memset(due, 0, sizeof *due);
    if (c->q.benefit == RULES_MONTHLY && c->q.ncategories == 0)
        return;
    if (rules_compute(c->rules, &c->q, &c->res, &rerr) != RULES_OK) {
        if (c->rules_errors++ < 5)
            log_warn("payroll: rules refused a person",
                     "person=%lld msg=\"%s\"", (long long)person_id,
                     rerr.message);
        return;
    }
    payroll_due_from_result(&c->res, due);
}

/* The care case of the memberships of month i (RULES.md §3): K1 child,
 * K5d, or a household caring for an especially severe disability; "" when
 * none applies. */
static const char *care_case(const struct rules_request *q)
{
    size_t j;

    for (j = 0; j < q->ncategories; j++)
        if (strncmp(q->categories[j], "K1", 2) == 0)
            return "k1_child";
    for (j = 0; j < q->ncategories; j++)
        if (strcmp(q->categories[j], "K5d") == 0)
            return "k5d";
    for (j = 0; j < q->ncategories; j++)
        if (strcmp(q->categories[j], "K6") == 0 &&
            q->disability == RULES_DIS_ESPECIALLY_SEVERE)
            return "household_especially_severe";
    return "";
}

/* "15/QĐ-UBND ngày 02/01/2026" for a decision fact. */
static const char *decision_text(struct prep *c, const struct fact *d)
{
    char buf[200], vn[11];
    struct date s;

    if (date_parse_iso(d->t[3], strlen(d->t[3]), &s) != DATE_OK)
        return pay_arena_dup(&c->keep, d->t[2]);
    date_format_vn(s, vn);
    snprintf(buf, sizeof buf, "%s ngày %s", d->t[2], vn);
    return pay_arena_dup(&c->keep, buf);
}

/* Is a fact of a monthly decision (not care, not funeral)? */
static int monthly_decision(const struct fact *f)
{
    return f->kind == STORE_PAY_DECISION && strcmp(f->t[4], "care") != 0 &&
           strcmp(f->t[4], "funeral") != 0;
}

/* Whether the person is a beneficiary (enrolled or suspended) on day, and
 * holds one of cats (comma-separated, "" any) then. */
static int beneficiary_on(const struct fact *f, size_t nf, int64_t day,
                          const char *cats)
{
    size_t k;
    int ok = 0, cat_ok = cats[0] == '\0';

    for (k = 0; k < nf; k++) {
        int64_t from, to;

        if (f[k].kind == STORE_PAY_STATUS) {
            from = f[k].d[1];
            to = f[k].d[2];
            if (from <= day && day < to && strcmp(f[k].t[0], "terminated") != 0)
                ok = 1;
        } else if (f[k].kind == STORE_PAY_MEMBER && !cat_ok) {
            const char *p = cats;
            size_t n = strlen(f[k].t[0]);

            from = f[k].d[2];
            to = f[k].d[3];
            if (!(from <= day && day < to))
                continue;
            while (p != NULL && !cat_ok) {
                const char *end = strchr(p, ',');
                size_t len = end ? (size_t)(end - p) : strlen(p);

                cat_ok = len == n && memcmp(p, f[k].t[0], n) == 0;
                p = end ? end + 1 : NULL;
            }
        }
    }
    return ok && cat_ok;
}

/* The commune of residence on day ("" when none). */
static const char *commune_on(const struct fact *f, size_t nf, int64_t day)
{
    size_t k;

    for (k = 0; k < nf; k++)
        if (f[k].kind == STORE_PAY_RESIDENCE && f[k].d[1] <= day &&
            day < f[k].d[2])
            return f[k].t[0];
    return "";
}

static void add_lines(struct prep *c, const struct payroll_line *l, size_t n)
{
    if (c->nlines + n > c->cap_lines) {
        while (c->nlines + n > c->cap_lines)
            c->cap_lines = c->cap_lines ? c->cap_lines * 2 : 4096;
        c->lines = xreallocarray(c->lines, c->cap_lines, sizeof *c->lines);
    }
    memcpy(c->lines + c->nlines, l, n * sizeof *l);
    c->nlines += n;
}

static int person_lines(struct prep *c, int64_t pid, const struct fact *f,
                        size_t nf)
{
    struct payroll_person_in in;
    struct payroll_once_in funerals[8], oneoffs[16];
    struct payroll_rollover_in rolls[32];
    const struct fact *person = NULL, *arr = NULL;
    const char *status_ref[PAYROLL_MAX_MONTHS];
    int enrolled[PAYROLL_MAX_MONTHS];
    const char *funeral_receiver = NULL;
    struct person_rec *r;
    struct date birth;
    size_t i, k, n = 0, last = c->nmonths - 1;
    int rc, any_care = 0, any_settled = 0;

    for (k = 0; k < nf && person == NULL; k++)
        if (f[k].kind == STORE_PAY_PERSON)
            person = &f[k];
    if (person == NULL ||
        date_parse_iso(person->t[2], strlen(person->t[2]), &birth) != DATE_OK)
        return 0;
    memset(&in, 0, sizeof in);
    in.person_id = pid;
    in.pay_month = c->pay;
    in.nmonths = c->nmonths;
    in.monthly = c->monthly;
    in.funerals = funerals;
    in.oneoffs = oneoffs;
    in.rollovers = rolls;
    /* Status by month: enrolled, and the decision reference in force
     * (for each month, the status periods in fact order). */
    for (i = 0; i < c->nmonths; i++) {
        enrolled[i] = 0;
        status_ref[i] = NULL;
    }
    for (k = 0; k < nf; k++) {
        int64_t from = f[k].d[1], to = f[k].d[2];
        int is_enrolled;

        if (f[k].kind != STORE_PAY_STATUS)
            continue;
        is_enrolled = strcmp(f[k].t[0], "enrolled") == 0;
        for (i = 0; i < c->nmonths; i++) {
            if (!overlaps(c, i, from, to))
                continue;
            if (is_enrolled)
                enrolled[i] = 1;
            if (status_ref[i] == NULL || from <= c->month_first[i])
                status_ref[i] = f[k].t[3][0] ? f[k].t[3] : NULL;
        }
    }
    for (k = 0; k < nf; k++)
        any_care |= f[k].kind == STORE_PAY_DECISION &&
                    strcmp(f[k].t[4], "care") == 0 &&
                    strcmp(f[k].t[0], "grant") == 0;
    if (any_care)
        in.care = c->care;
    for (k = 0; k < nf; k++)
        any_settled |= f[k].kind == STORE_PAY_SETTLED;
    for (i = 0; i < c->nmonths; i++) {
        struct payroll_month_in *mm = &c->monthly[i], *cm = &c->care[i];
        const struct fact *dec = NULL;
        int64_t best = INT64_MIN;
        int cov;

        memset(mm, 0, sizeof *mm);
        memset(cm, 0, sizeof *cm);
        mm->month = cm->month = c->month[i];
        for (k = 0; any_settled && k < nf; k++) {
            if (f[k].kind == STORE_PAY_SETTLED &&
                month_idx(f[k].t[1]) == midx(mm->month)) {
                if (strcmp(f[k].t[0], "monthly") == 0)
                    mm->settled = f[k].n[0];
                else if (strcmp(f[k].t[0], "care") == 0)
                    cm->settled = f[k].n[0];
            }
        }
        /* (no coverage at all: only the pay month is examined, unless
         * something was settled; commune_on is a scan of the facts) */
        cov = i == last ||
              (c->ncover > 0 && covered(c, midx(mm->month),
                                        commune_on(f, nf, c->month_first[i])));
        mm->covered = cm->covered = cov;
        if (!cov && mm->settled == 0 && cm->settled == 0)
            continue;
        for (k = 0; k < nf; k++) {
            int64_t eff;

            if (!monthly_decision(&f[k]))
                continue;
            eff = f[k].d[1];
            if (eff <= c->month_first[i] && eff >= best) {
                best = eff;
                dec = &f[k];
            }
        }
        if (dec != NULL)
            mm->decision_id = dec->n[0];
        mm->decision_ref = status_ref[i]
                               ? pay_arena_dup(&c->keep, status_ref[i])
                           : dec ? decision_text(c, dec)
                                 : NULL;
        if (!enrolled[i])
            continue;
        request_for(c, f, nf, i, birth);
        compute(c, pid, &mm->due);
        if (any_care) {
            const char *cc = care_case(&c->q);

            for (k = 0; k < nf && cc[0] != '\0'; k++) {
                if (f[k].kind != STORE_PAY_DECISION ||
                    strcmp(f[k].t[4], "care") != 0 ||
                    strcmp(f[k].t[0], "grant") != 0 ||
                    f[k].d[1] > c->month_first[i])
                    continue;
                c->q.benefit = RULES_CARE;
                c->q.ncategories = 0;
                c->q.nchildren = 0;
                snprintf(c->q.care_case, sizeof c->q.care_case, "%s", cc);
                compute(c, pid, &cm->due);
                cm->decision_id = f[k].n[0];
                cm->decision_ref = decision_text(c, &f[k]);
                break;
            }
        }
    }
    /* Funeral support of decided funeral dossiers (RULES.md §2.8). */
    for (k = 0; k < nf && in.nfunerals < 8; k++) {
        struct payroll_once_in *o = &funerals[in.nfunerals];
        struct month fm;
        const char *when;
        size_t j;

        if (f[k].kind != STORE_PAY_DECISION ||
            strcmp(f[k].t[4], "funeral") != 0 ||
            strcmp(f[k].t[0], "grant") != 0 || f[k].d[3] > date_to_days(c->on))
            continue;
        when = f[k].t[5][0] ? f[k].t[5] : f[k].t[1];
        if (month_parse_iso(when, 7, &fm) != DATE_OK ||
            month_cmp(fm, c->win) < 0 || month_cmp(fm, c->pay) > 0)
            continue;
        memset(o, 0, sizeof *o);
        o->id = f[k].n[0];
        o->month = fm;
        o->decision_ref = decision_text(c, &f[k]);
        memset(&c->q, 0, sizeof c->q);
        c->q.month = fm;
        c->q.benefit = RULES_FUNERAL;
        c->q.known_on = c->on;
        memcpy(c->q.province, c->province, sizeof c->q.province);
        c->q.nfuneral = 1;
        snprintf(c->q.funeral[0], RULES_CODE_SIZE, "allowance");
        compute(c, pid, &o->due);
        for (j = 0; j < nf; j++)
            if (f[j].kind == STORE_PAY_ONCE &&
                strcmp(f[j].t[0], "funeral") == 0 && f[j].n[1] == o->id)
                o->settled = f[j].n[0];
        if (f[k].t[6][0] != '\0')
            funeral_receiver = pay_arena_dup(&c->keep, f[k].t[6]);
        in.nfunerals++;
    }
    /* One-off payments (RULES.md §5). */
    for (i = 0; c->oo != NULL && i < c->oneoffs.count && in.noneoffs < 16;
         i++) {
        const struct one_oneoff *oo = &c->oo[i];
        struct payroll_once_in *o = &oneoffs[in.noneoffs];
        const char *commune;
        size_t j;
        int inside;

        if (month_cmp(oo->month, c->pay) > 0 ||
            month_cmp(oo->month, c->win) < 0 ||
            !beneficiary_on(f, nf, oo->eligible_day, oo->o->categories))
            continue;
        commune = commune_on(f, nf, oo->eligible_day);
        if (commune[0] == '\0')
            continue;
        inside =
            oo->area.level == APP_SCOPE_NATIONAL ||
            app_scope_contains(c->db, &oo->area, commune, oo->o->eligible_on);
        if (inside <= 0)
            continue;
        memset(o, 0, sizeof *o);
        o->id = oo->o->id;
        o->month = oo->month;
        o->due.amount = oo->o->amount;
        o->due.label = oo->o->name;
        o->due.basis = oo->o->basis;
        o->due.rules_ref = oo->o->rules_ref;
        o->due.confidence =
            strcmp(oo->o->confidence, "unverified") == 0  ? RULES_UNVERIFIED
            : strcmp(oo->o->confidence, "secondary") == 0 ? RULES_SECONDARY
                                                          : RULES_CONFIRMED;
        for (j = 0; j < nf; j++)
            if (f[j].kind == STORE_PAY_ONCE &&
                strcmp(f[j].t[0], "oneoff") == 0 && f[j].n[1] == o->id)
                o->settled = f[j].n[0];
        in.noneoffs++;
    }
    /* Unpaid amounts roll over while the person can be paid (§7.1). */
    for (k = 0; k < nf && enrolled[last] && in.nrollovers < 32; k++) {
        struct payroll_rollover_in *ro = &rolls[in.nrollovers];

        if (f[k].kind != STORE_PAY_UNPAID || f[k].n[1] <= 0)
            continue;
        memset(ro, 0, sizeof *ro);
        ro->line_id = f[k].n[0];
        ro->amount = f[k].n[1];
        ro->ref = pay_arena_dup(&c->keep, f[k].t[0]);
        ro->kind = payroll_kind_parse(f[k].t[1]);
        ro->benefit = payroll_benefit_parse(f[k].t[2]);
        if (ro->kind < 0 || ro->benefit < 0 ||
            month_parse_iso(f[k].t[3], 7, &ro->benefit_month) != DATE_OK ||
            month_parse_iso(f[k].t[4], 7, &ro->pay_month) != DATE_OK)
            continue;
        ro->category = pay_arena_dup(&c->keep, f[k].t[5]);
        in.nrollovers++;
    }
    rc = payroll_person_lines(&in, c->out, PAYROLL_MAX_LINES, &n);
    if (rc == PAYROLL_ESPACE)
        log_warn("payroll: too many lines for one person",
                 "person=%lld kept=%zu", (long long)pid, n);
    else if (rc != PAYROLL_OK)
        return pay_fail(c->err, APP_PAY_EINTERNAL, "internal", NULL,
                        "Không lập được các dòng của đối tượng #%lld.",
                        (long long)pid);
    if (n == 0)
        return 0;
    /* The payment arrangement of the month (RULES.md §7.1). */
    for (k = 0; k < nf; k++) {
        int64_t from, to;

        if (f[k].kind != STORE_PAY_ARRANGEMENT)
            continue;
        from = f[k].d[1];
        to = f[k].d[2];
        if (from <= c->month_first[last] && c->month_first[last] < to) {
            arr = &f[k];
            break;
        }
        if (from <= c->month_last[last] && (arr == NULL || from >= arr->d[1]))
            arr = &f[k];
    }
    if (c->npersons == c->cap_persons) {
        c->cap_persons = c->cap_persons ? c->cap_persons * 2 : 1024;
        c->persons =
            xreallocarray(c->persons, c->cap_persons, sizeof *c->persons);
    }
    r = &c->persons[c->npersons++];
    memset(r, 0, sizeof *r);
    r->person_id = pid;
    r->first_line = c->nlines;
    r->nlines = n;
    r->full_name = pay_arena_dup(&c->keep, person->t[0]);
    r->id_number = pay_arena_dup(&c->keep, person->t[1]);
    r->birth_date = pay_arena_dup(&c->keep, person->t[2]);
    r->unit_code =
        pay_arena_dup(&c->keep, commune_on(f, nf, c->month_first[last]));
    r->funeral_receiver = funeral_receiver;
    if (arr != NULL) {
        r->method = pay_arena_dup(&c->keep, arr->t[0]);
        r->point_name = pay_arena_dup(&c->keep, arr->t[3]);
        r->point_officer = pay_arena_dup(&c->keep, arr->t[4]);
        r->bank_code = pay_arena_dup(&c->keep, arr->t[5]);
        r->account = pay_arena_dup(&c->keep, arr->t[6]);
        r->receiver_name = pay_arena_dup(&c->keep, arr->t[7]);
        r->receiver_id = pay_arena_dup(&c->keep, arr->t[8]);
    } else {
        r->method = "cash";
        r->point_name = "";
        r->point_officer = r->bank_code = r->account = "";
        r->receiver_name = r->receiver_id = "";
    }
    add_lines(c, c->out, n);
    return 0;
}

/* --- The scan ---------------------------------------------------------------
 */

/* How many of the n sorted ids the next chunk takes: up to
 * STORE_PAY_BATCH, and only while they lie within PREP_SPAN_MAX person
 * ids of the first, since the facts are read for the whole id range. A
 * province's residents are not one run of ids (a reorganisation, moves):
 * a chunk straddling a gap read the facts of every person in it (half a
 * million at national scale, bench/payroll.sh). The chunks never change
 * the lines: each person's facts are all in their chunk. */
static size_t chunk_len(const int64_t *ids, size_t n)
{
    size_t k = 1;

    while (k < n && k < STORE_PAY_BATCH && ids[k] - ids[0] < PREP_SPAN_MAX)
        k++;
    return k;
}

static int chunk(struct prep *c, const int64_t *ids, size_t n)
{
    size_t i, k = 0;
    int rc;

    c->nfacts = 0;
    pay_arena_free(&c->chunk);
    rc = store_payroll_facts(c->db, ids[0], ids[n - 1], c->win_first,
                             c->pay_first, c->pay_last, on_fact, c);
    if (rc != DB_OK)
        return pay_store_fail(c->db, c->err, rc);
    if (c->nfacts > 1)
        qsort(c->facts, c->nfacts, sizeof *c->facts, fact_cmp);
    for (i = 0; i < n; i++) {
        size_t start;

        while (k < c->nfacts && c->facts[k].person_id < ids[i])
            k++;
        start = k;
        while (k < c->nfacts && c->facts[k].person_id == ids[i])
            k++;
        rc = person_lines(c, ids[i], c->facts + start, k - start);
        if (rc != 0)
            return rc;
    }
    return APP_PAY_OK;
}

/* --- Order, points, writing -------------------------------------------------
 */

static const char *method_point(const char *method)
{
    if (strcmp(method, "bank") == 0)
        return "Chuyển khoản qua tài khoản ngân hàng";
    if (strcmp(method, "ewallet") == 0)
        return "Chuyển vào ví điện tử";
    return NULL;
}

static char method_rank(const char *method)
{
    return strcmp(method, "cash") == 0   ? '1'
           : strcmp(method, "bank") == 0 ? '2'
                                         : '3';
}

/* Default cash point of a commune without an arrangement. */
static const char *default_point(struct prep *c, const char *commune)
{
    char name[300], buf[360];

    if (app_scope_area_name(c->db, commune, c->pay_first, name, sizeof name) !=
        0)
        snprintf(name, sizeof name, "xã %s", commune);
    snprintf(buf, sizeof buf, "Trụ sở UBND %s", name);
    return pay_arena_dup(&c->keep, buf);
}

/* Sort keys of the payment points' names, computed once per name: a
 * province has a few thousand points for a hundred thousand persons, and
 * the ICU key was a third of the sorting. */
#define POINT_KEY_LEN (KEY_SIZE - 6) /* after "ccccc" commune and method */
struct point_memo {
    const char *name; /* NULL: empty slot */
    unsigned char key[POINT_KEY_LEN];
};

struct point_memos {
    struct point_memo *slot;
    size_t cap; /* a power of two */
    size_t used;
};

static size_t name_slot(const struct point_memos *m, const char *name)
{
    uint64_t h = UINT64_C(1469598103934665603); /* FNV-1a */
    const char *p;
    size_t j;

    for (p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * UINT64_C(1099511628211);
    j = h & (m->cap - 1);
    while (m->slot[j].name != NULL && strcmp(m->slot[j].name, name) != 0)
        j = (j + 1) & (m->cap - 1);
    return j;
}

static const unsigned char *point_key(struct prep *c, struct point_memos *m,
                                      const char *name)
{
    size_t j;

    if (m->used * 2 >= m->cap) {
        struct point_memos old = *m;

        m->cap = old.cap ? old.cap * 2 : 1024;
        m->slot = xcalloc(m->cap, sizeof *m->slot);
        for (j = 0; j < old.cap; j++)
            if (old.slot[j].name != NULL)
                m->slot[name_slot(m, old.slot[j].name)] = old.slot[j];
        free(old.slot);
    }
    j = name_slot(m, name);
    if (m->slot[j].name == NULL) {
        m->slot[j].name = name;
        collate_key(c->coll, name, strlen(name), m->slot[j].key,
                    sizeof m->slot[j].key);
        m->used++;
    }
    return m->slot[j].key;
}

static void keys(struct prep *c, struct person_rec *r, struct point_memos *m)
{
    size_t len;

    if (method_point(r->method) != NULL) {
        r->point_name = method_point(r->method);
        r->point_officer = "";
    } else if (r->point_name[0] == '\0') {
        r->point_name = default_point(c, r->unit_code);
    }
    len = (size_t)snprintf((char *)r->point_key, KEY_SIZE, "%.5s%c",
                           r->unit_code, method_rank(r->method));
    if (len == KEY_SIZE - POINT_KEY_LEN)
        memcpy(r->point_key + len, point_key(c, m, r->point_name),
               POINT_KEY_LEN);
    else
        collate_key(c->coll, r->point_name, strlen(r->point_name),
                    r->point_key + len, KEY_SIZE - len);
    collate_key(c->coll, r->full_name, strlen(r->full_name), r->name_key,
                KEY_SIZE);
}

static int person_cmp(const void *a, const void *b)
{
    const struct person_rec *x = a, *y = b;
    int r = strcmp((const char *)x->point_key, (const char *)y->point_key);

    if (r == 0)
        r = strcmp(x->point_name, y->point_name);
    if (r == 0)
        r = strcmp((const char *)x->name_key, (const char *)y->name_key);
    if (r == 0 && x->person_id != y->person_id)
        r = x->person_id < y->person_id ? -1 : 1;
    return r;
}

static int same_point(const struct person_rec *a, const struct person_rec *b)
{
    return strcmp(a->unit_code, b->unit_code) == 0 &&
           strcmp(a->method, b->method) == 0 &&
           strcmp(a->point_name, b->point_name) == 0;
}

static int write_point(struct prep *c, const struct person_rec *r, int64_t seq,
                       int64_t persons, int64_t lines, int64_t total)
{
    struct store_pay_point pt;

    memset(&pt, 0, sizeof pt);
    pt.seq = seq;
    snprintf(pt.unit_code, sizeof pt.unit_code, "%s", r->unit_code);
    snprintf(pt.method, sizeof pt.method, "%s", r->method);
    snprintf(pt.kind, sizeof pt.kind, "%s",
             payroll_point_kind(r->method, r->point_name));
    snprintf(pt.name, sizeof pt.name, "%s", r->point_name);
    snprintf(pt.officer, sizeof pt.officer, "%s", r->point_officer);
    pt.persons = persons;
    pt.lines = lines;
    pt.total = total;
    return store_payroll_point_add(c->db, c->p.id, &pt);
}

/* Copy text src into the array dst, cut to fit (at a byte: the texts
 * copied here fit their columns, and the store checks UTF-8). snprintf
 * with "%s" cost several per cent of a preparation at national scale. */
static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);

    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}
#define COPY(dst, src) copy_text((dst), sizeof(dst), (src))

static void fill_line(struct prep *c, const struct person_rec *r,
                      const struct payroll_line *l, int64_t seq,
                      struct store_pay_line *s)
{
    const char *reason;

    memset(s, 0, sizeof *s);
    s->payroll_id = c->p.id;
    s->seq = seq;
    payroll_ref(c->area, c->pay, seq, s->ref);
    s->point_seq = r->point_seq;
    s->person_id = r->person_id;
    COPY(s->full_name, r->full_name);
    COPY(s->id_number, r->id_number);
    COPY(s->birth_date, r->birth_date);
    COPY(s->unit_code, r->unit_code);
    COPY(s->kind, payroll_kind_code(l->kind));
    COPY(s->benefit, payroll_benefit_code(l->benefit));
    date_format_iso(month_first_day(l->benefit_month), s->benefit_month);
    COPY(s->category, l->category);
    s->coeff_milli = l->coeff_milli;
    s->standard_level = l->level;
    s->amount = l->amount;
    s->entitled = l->entitled;
    s->settled = l->settled;
    COPY(s->basis, l->basis ? l->basis : "");
    COPY(s->rules_ref, l->rules_ref ? l->rules_ref : "");
    COPY(s->confidence, rules_confidence_name(l->confidence));
    s->decision_id = l->decision_id;
    COPY(s->decision_ref, l->decision_ref ? l->decision_ref : "");
    s->oneoff_id = l->oneoff_id;
    s->source_line_id = l->source_line_id;
    COPY(s->level_basis, l->level_basis ? l->level_basis : "");
    /* "": composed again when read (store_payroll_explained_by_row) */
    if (!store_payroll_explained_by_row(l->kind))
        payroll_line_explain(l, s->explanation, sizeof s->explanation);
    COPY(s->method, r->method);
    COPY(s->point_name, r->point_name);
    COPY(s->point_officer, r->point_officer);
    COPY(s->bank_code, r->bank_code);
    COPY(s->account_number, r->account);
    if (l->kind == PAYROLL_FUNERAL && r->funeral_receiver != NULL) {
        COPY(s->receiver_name, r->funeral_receiver);
    } else {
        COPY(s->receiver_name, r->receiver_name);
        COPY(s->receiver_id_number, r->receiver_id);
    }
    reason = block_of(c, s->ref);
    if (reason != NULL) {
        s->blocked = 1;
        COPY(s->block_reason, reason);
    }
}

/* Write the buffered lines (n of them) and empty the buffer. */
static int flush_lines(struct prep *c, struct store_pay_line *buf, size_t *n)
{
    int rc = *n > 0 ? store_payroll_lines_add(c->db, buf, *n) : DB_OK;

    *n = 0;
    return rc;
}

/* Put the persons in list order: payment point, then the Vietnamese
 * order of the name (keys), then person id. */
static void order_persons(struct prep *c)
{
    struct point_memos m = {NULL, 0, 0};
    size_t i;

    for (i = 0; i < c->npersons; i++)
        keys(c, &c->persons[i], &m);
    free(m.slot);
    if (c->npersons > 1)
        qsort(c->persons, c->npersons, sizeof *c->persons, person_cmp);
}

/* A payment point as the lines pass it: its last person and counts. */
struct point_sum {
    size_t last; /* into c->persons */
    int64_t persons, lines, total;
};

/* The lines in list order (one run of store_payroll_lines_add: nothing
 * else is written in it), then the payment points, then the totals. */
static int write_all(struct prep *c)
{
    struct store_pay_line *buf, *s;
    struct point_sum *pts = NULL, *pt = NULL;
    size_t i, k, nbuf = 0, npts = 0, cap = 0;
    int64_t seq = 0;
    int rc, end;

    buf = xcalloc(STORE_PAY_LINES_BATCH, sizeof *buf);
    rc = store_payroll_lines_run(c->db, 1);
    for (i = 0; i < c->npersons && rc == DB_OK; i++) {
        struct person_rec *r = &c->persons[i];

        if (i == 0 || !same_point(r, &c->persons[i - 1])) {
            if (npts == cap) {
                cap = cap ? cap * 2 : 256;
                pts = xreallocarray(pts, cap, sizeof *pts);
            }
            pt = &pts[npts++];
            memset(pt, 0, sizeof *pt);
        }
        pt->last = i;
        r->point_seq = (int64_t)npts;
        pt->persons++;
        for (k = 0; k < r->nlines && rc == DB_OK; k++) {
            const struct payroll_line *l = &c->lines[r->first_line + k];

            s = &buf[nbuf++];
            fill_line(c, r, l, ++seq, s);
            pt->lines++;
            c->sum->lines++;
            if (l->kind >= 0 && l->kind < PAYROLL_KIND_COUNT)
                c->sum->by_kind[l->kind]++;
            if (s->amount > 0 && !s->blocked) {
                pt->total += s->amount;
                c->sum->payable += s->amount;
            } else if (s->amount < 0) {
                c->sum->recovery -= s->amount;
            }
            if (nbuf == STORE_PAY_LINES_BATCH)
                rc = flush_lines(c, buf, &nbuf);
        }
    }
    if (rc == DB_OK)
        rc = flush_lines(c, buf, &nbuf);
    end = store_payroll_lines_run(c->db, 0);
    if (rc == DB_OK)
        rc = end;
    for (i = 0; i < npts && rc == DB_OK; i++)
        rc = write_point(c, &c->persons[pts[i].last], (int64_t)i + 1,
                         pts[i].persons, pts[i].lines, pts[i].total);
    free(pts);
    free(buf);
    c->sum->persons = (int64_t)c->npersons;
    c->sum->points = (int64_t)npts;
    if (rc == DB_OK)
        rc =
            store_payroll_totals(c->db, c->p.id, c->sum->persons, c->sum->lines,
                                 c->sum->payable, c->sum->recovery);
    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(c->db, c->err, rc);
}

/* --- The transaction -------------------------------------------------------
 */

/* Blocks survive preparing again (payroll_blocks is kept by reference). */
static int load_blocks(struct prep *c)
{
    size_t i;
    int rc;

    for (i = 0; i < c->nblocks; i++) {
        free(c->block_ref[i]);
        free(c->block_reason[i]);
    }
    free(c->block_ref);
    free(c->block_reason);
    c->block_ref = c->block_reason = NULL;
    c->nblocks = 0;
    rc = store_payroll_blocks(c->db, c->p.id, &c->block_ref, &c->block_reason,
                              &c->nblocks);
    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(c->db, c->err, rc);
}

static int residents(struct prep *c, int64_t **ids, size_t *n)
{
    size_t cap = 0, i, k = 0;
    int rc = DB_OK;

    *ids = NULL;
    *n = 0;
    for (i = 0; i < c->ncommunes && rc == DB_OK; i++)
        rc = store_payroll_residents(c->db, c->communes[i], c->pay_first, ids,
                                     n, &cap);
    if (rc != DB_OK)
        return pay_store_fail(c->db, c->err, rc);
    if (*n == 0)
        return APP_PAY_OK;
    qsort(*ids, *n, sizeof **ids, cmp_i64);
    for (i = 1; i < *n; i++)
        if ((*ids)[i] != (*ids)[k])
            (*ids)[++k] = (*ids)[i];
    *n = k + 1;
    return APP_PAY_OK;
}

/* Tell the caller done of c->total persons are handled, unless a retried
 * transaction has not yet passed what an earlier attempt reported. */
static void report(struct prep *c, int64_t done)
{
    if (done <= c->reported)
        return;
    c->reported = done;
    app_progress_report(c->progress, done, c->total);
}

/* A read transaction around one step of compute_all when it runs outside
 * the write transaction (stepwise), else nothing. */
static int step_begin(struct prep *c, int stepwise)
{
    int rc = stepwise ? db_begin(c->db, 0) : DB_OK;

    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(c->db, c->err, rc);
}

static void step_end(struct prep *c, int stepwise)
{
    if (stepwise)
        db_rollback(c->db);
}

/* The first step: the audit chain's last id (stepwise), the coverage of
 * earlier payrolls, the residents. */
static int first_step(struct prep *c, int stepwise, int64_t **ids, size_t *n)
{
    int rc = stepwise ? store_audit_last_id(c->db, &c->seen) : DB_OK;

    if (rc == DB_OK)
        rc = store_payroll_coverage(c->db, c->win_first, c->pay_first, on_cover,
                                    c);
    if (rc != DB_OK)
        return pay_store_fail(c->db, c->err, rc);
    if (c->ncover > 1)
        qsort(c->cover, c->ncover, sizeof *c->cover, cmp_i64);
    return residents(c, ids, n);
}

/* Every person's lines and their order: the coverage of earlier payrolls,
 * the residents, the facts chunk by chunk, the rules. Reads only. Inside
 * the write transaction, or stepwise: each step (the start, each chunk)
 * in a read transaction of its own, so that no snapshot is held long
 * (a snapshot held while another preparation commits keeps SQLite's WAL
 * from being reused: it grew by gigabytes at national scale). The steps
 * may then see different states; prepare_tx computes again when anything
 * but a harmless change came after the first (c->seen). */
static int compute_all(struct prep *c, int stepwise)
{
    int64_t *ids = NULL;
    size_t nids = 0, i, n;
    int rc;

    c->nlines = c->npersons = c->ncover = 0;
    c->rules_errors = 0;
    pay_arena_free(&c->keep);
    rc = step_begin(c, stepwise);
    if (rc != APP_PAY_OK)
        return rc;
    rc = first_step(c, stepwise, &ids, &nids);
    step_end(c, stepwise);
    c->total = (int64_t)nids;
    if (rc == APP_PAY_OK && nids > 0)
        report(c, 0);
    for (i = 0; i < nids && rc == APP_PAY_OK; i += n) {
        n = chunk_len(ids + i, nids - i);
        rc = step_begin(c, stepwise);
        if (rc != APP_PAY_OK)
            break;
        rc = chunk(c, ids + i, n);
        step_end(c, stepwise);
        if (rc == APP_PAY_OK && i + n < nids)
            report(c, (int64_t)(i + n));
    }
    free(ids);
    if (rc == APP_PAY_OK)
        order_persons(c);
    return rc;
}

/* What a preparation of another payroll, a check or a session writes
 * changes no fact compute_all reads: lines count as facts only once
 * approved, and the payroll's own blocks are read in the write
 * transaction. Anything else committed since the first step means
 * computing again. */
static const char *const harmless[] = {"payroll.prepare", "payroll.check",
                                       "session.login", "session.logout"};

/* Compute outside the write lock, so that another preparation (another
 * area) writes meanwhile: on two cores, one computes while the other
 * writes (bench/payroll.sh). Inside a caller's transaction there is no
 * outside: prepare_tx computes. */
static int compute_outside(struct db *db, struct prep *c)
{
    int rc;

    c->db = db;
    c->computed = 0;
    if (db_in_transaction(db))
        return APP_PAY_OK;
    rc = compute_all(c, 1);
    c->computed = rc == APP_PAY_OK;
    return rc;
}

static int prepare_tx(struct db *db, void *arg)
{
    struct prep *c = arg;
    int64_t last_approval = 0;
    json_t *old_v = NULL, *new_v;
    struct store_payroll before;
    int rc, existed, changed = 1;

    c->db = db;
    memset(c->sum, 0, sizeof *c->sum);
    if (c->computed) {
        rc = store_audit_changed_since(db, c->seen, harmless,
                                       sizeof harmless / sizeof *harmless,
                                       &changed);
        if (rc != DB_OK)
            goto store_fail;
    }
    if (changed) {
        rc = compute_all(c, 0);
        if (rc != APP_PAY_OK)
            goto out;
    }
    existed = store_payroll_find(db, c->area, c->pay_first, &before) == DB_OK;
    if (existed)
        old_v = json_pack("{s:s, s:I, s:I, s:I}", "state", before.state,
                          "version", (json_int_t)before.version, "lines",
                          (json_int_t)before.lines, "total_payable",
                          (json_int_t)before.total_payable);
    rc = store_payroll_last_approval(db, &last_approval);
    if (rc != DB_OK)
        goto store_fail;
    c->p.basis_seq = last_approval;
    rc = store_payroll_begin(db, &c->p);
    if (rc == DB_ECONFLICT) {
        rc = pay_fail(c->err, APP_PAY_ESTATE, "frozen", NULL,
                      "Danh sách chi trả tháng %.7s của địa bàn %s đã được "
                      "phê duyệt: không lập lại được (điều chỉnh ở kỳ sau).",
                      c->pay_first, c->area);
        goto out;
    }
    if (rc != DB_OK)
        goto store_fail;
    rc = load_blocks(c);
    if (rc != APP_PAY_OK)
        goto out;
    rc = store_payroll_units_add(db, c->p.id, c->pay_first, c->communes,
                                 c->ncommunes);
    if (rc == DB_ECONFLICT) {
        rc = pay_fail(c->err, APP_PAY_ESTATE, "overlap", "area", "%s",
                      db_errmsg(db));
        goto out;
    }
    if (rc != DB_OK)
        goto store_fail;
    rc = write_all(c);
    if (rc != APP_PAY_OK)
        goto out;
    c->sum->id = c->p.id;
    c->sum->version = c->p.version;
    new_v = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s}",
                      "state", "prepared", "area_code", c->area, "month",
                      c->pay_first, "version", (json_int_t)c->p.version,
                      "persons", (json_int_t)c->sum->persons, "lines",
                      (json_int_t)c->sum->lines, "total_payable",
                      (json_int_t)c->sum->payable, "total_recovery",
                      (json_int_t)c->sum->recovery, "lookback",
                      (json_int_t)c->lookback, "prepared_on", c->on_iso);
    rc = pay_audit(db, c->user->username, "payroll.prepare", c->p.id,
                   c->p.area_path, old_v, new_v);
    json_decref(new_v);
    if (rc != DB_OK)
        goto store_fail;
    rc = APP_PAY_OK;
    goto out;
store_fail:
    rc = pay_store_fail(db, c->err, rc);
out:
    /* A retried transaction (busy) computes again: what it read may have
     * changed. */
    c->computed = 0;
    json_decref(old_v);
    return rc;
}

/* --- The use case ------------------------------------------------------------
 */

static int setup(struct db *db, struct prep *c, const char *month,
                 const char *on, int lookback)
{
    struct app_quote_err qerr;
    struct month m;
    size_t i;
    int rc;

    if (c->area == NULL ||
        !(strlen(c->area) == 2 || strlen(c->area) == 3 ||
          strlen(c->area) == 5) ||
        strspn(c->area, "0123456789") != strlen(c->area))
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Địa bàn phải là mã tỉnh (2 chữ số), huyện (3) "
                        "hoặc xã (5).");
    rc = pay_month_arg("month", month, &c->pay, c->pay_first, c->err);
    if (rc != APP_PAY_OK)
        return rc;
    if (on == NULL || on[0] == '\0') {
        c->on = clock_today_vn();
    } else if (date_parse_iso(on, strlen(on), &c->on) != DATE_OK) {
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "on",
                        "Ngày lập không hợp lệ (YYYY-MM-DD).");
    }
    date_format_iso(c->on, c->on_iso);
    if (lookback < 0)
        lookback = PAYROLL_LOOKBACK_DEFAULT;
    if (lookback > PAYROLL_LOOKBACK_MAX)
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "lookback",
                        "Số tháng xem lại tối đa là %d.", PAYROLL_LOOKBACK_MAX);
    c->lookback = lookback;
    date_format_iso(date_add_days(month_first_day(month_add(c->pay, 1)), -1),
                    c->pay_last);
    c->win = payroll_window_start(c->pay, lookback);
    date_format_iso(month_first_day(c->win), c->win_first);
    c->nmonths = (size_t)(midx(c->pay) - midx(c->win) + 1);
    for (i = 0; i < c->nmonths; i++) {
        m = month_add(c->win, (int)i);
        c->month[i] = m;
        c->month_first[i] = date_to_days(month_first_day(m));
        c->month_last[i] = date_to_days(month_first_day(month_add(m, 1))) - 1;
    }
    if (app_quote_rules(&c->rules, &qerr) != APP_QUOTE_OK)
        return pay_fail(c->err, APP_PAY_EINTERNAL, "rules", NULL, "%s",
                        qerr.message);
    rc = app_scope_path(db, c->area, c->pay_first, c->p.area_path);
    if (rc == DB_ENOTFOUND)
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Không có địa bàn mã %s.", c->area);
    if (rc != 0)
        return pay_store_fail(db, c->err, rc);
    if (!pay_in_scope(c->user, c->p.area_path))
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Địa bàn %s nằm ngoài địa bàn của tài khoản.", c->area);
    memcpy(c->province, c->p.area_path, 2);
    c->province[2] = '\0';
    rc = store_payroll_area_communes(db, c->area, c->pay_first, &c->communes,
                                     &c->ncommunes);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    if (c->ncommunes == 0)
        return pay_fail(c->err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Địa bàn %s không có xã nào trong tháng %s (đơn vị "
                        "hành chính theo ngày %s).",
                        c->area, month, c->pay_first);
    rc = store_oneoff_list(db, c->win_first, c->pay_first, &c->oneoffs);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    if (c->oneoffs.count > 0)
        c->oo = xcalloc(c->oneoffs.count, sizeof *c->oo);
    for (i = 0; i < c->oneoffs.count; i++) {
        struct one_oneoff *oo = &c->oo[i];
        size_t al = strlen(c->oneoffs.items[i].area_code);

        oo->o = &c->oneoffs.items[i];
        month_parse_iso(oo->o->month, 7, &oo->month);
        oo->eligible_day = day_of(oo->o->eligible_on, 0);
        oo->area.level = al == 2   ? APP_SCOPE_PROVINCE
                         : al == 3 ? APP_SCOPE_DISTRICT
                         : al == 5 ? APP_SCOPE_COMMUNE
                                   : APP_SCOPE_NATIONAL;
        snprintf(oo->area.area_code, sizeof oo->area.area_code, "%s",
                 oo->o->area_code);
    }
    c->coll = collate_new_vi();
    if (c->coll == NULL)
        return pay_fail(c->err, APP_PAY_EINTERNAL, "internal", NULL,
                        "Không mở được bảng so sánh tiếng Việt (ICU).");
    snprintf(c->p.area_code, sizeof c->p.area_code, "%s", c->area);
    snprintf(c->p.month, sizeof c->p.month, "%s", c->pay_first);
    snprintf(c->p.prepared_on, sizeof c->p.prepared_on, "%s", c->on_iso);
    snprintf(c->p.prepared_by, sizeof c->p.prepared_by, "%s",
             c->user->username);
    clock_now_utc(c->p.prepared_at);
    c->p.lookback = lookback;
    snprintf(c->p.rules_hash, sizeof c->p.rules_hash, "%s", pay_rules_hash());
    return APP_PAY_OK;
}

static void teardown(struct prep *c)
{
    size_t i;

    for (i = 0; i < c->ncommunes; i++)
        free(c->communes[i]);
    free(c->communes);
    for (i = 0; i < c->nblocks; i++) {
        free(c->block_ref[i]);
        free(c->block_reason[i]);
    }
    free(c->block_ref);
    free(c->block_reason);
    free(c->cover);
    free(c->oo);
    store_oneoffs_free(&c->oneoffs);
    free(c->facts);
    free(c->lines);
    free(c->persons);
    pay_arena_free(&c->chunk);
    pay_arena_free(&c->keep);
    collate_free(c->coll);
}

int app_payroll_prepare(struct db *db, const struct app_user *user,
                        const char *area, const char *month, const char *on,
                        int lookback, struct app_pay_summary *out,
                        struct app_pay_err *err)
{
    return app_payroll_prepare_ex(db, user, area, month, on, lookback, NULL,
                                  out, err);
}

int app_payroll_prepare_ex(struct db *db, const struct app_user *user,
                           const char *area, const char *month, const char *on,
                           int lookback, const struct app_progress *p,
                           struct app_pay_summary *out, struct app_pay_err *err)
{
    struct prep *c = xcalloc(1, sizeof *c);
    int rc;

    memset(err, 0, sizeof *err);
    memset(out, 0, sizeof *out);
    c->db = db;
    c->user = user;
    c->area = area;
    c->err = err;
    c->sum = out;
    c->progress = p;
    c->reported = -1;
    rc = setup(db, c, month, on, lookback);
    if (rc == APP_PAY_OK && store_payroll_bulk_cache(db, PREP_CACHE_KIB) != 0)
        log_warn("payroll: page cache not enlarged", "msg=\"%s\"",
                 db_errmsg(db));
    if (rc == APP_PAY_OK)
        rc = compute_outside(db, c);
    /* What others committed meanwhile into the database file now, so
     * that SQLite may write its log from the start again instead of
     * growing it (on a busy national database it grew by gigabytes, and
     * growing a file costs the kernel five times what rewriting does:
     * bench/payroll.sh 40 -> 35 s). Failing costs only that. */
    if (rc == APP_PAY_OK && !db_in_transaction(db))
        db_checkpoint(db);

    if (rc == APP_PAY_OK)
        rc = db_transact(db, prepare_tx, c);
    store_payroll_bulk_cache(db, 0);
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        rc = pay_store_fail(db, err, rc);
    if (rc == APP_PAY_OK)
        report(c, c->total);
    if (rc == APP_PAY_OK && c->rules_errors > 0)
        log_warn("payroll: persons the rules refused", "payroll=%lld n=%lld",
                 (long long)out->id, (long long)c->rules_errors);
    teardown(c);
    free(c);
    return rc;
}
