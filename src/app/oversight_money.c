/* oversight_money.c: money per pay month for an area (see oversight_int.h,
 * docs/oversight.md): the lines of approved payrolls where they covered
 * the communes, the rules engine elsewhere.
 *
 * The rules engine's part is ONE pass over the persons for all the months
 * that need it (store_ov_scan), not a pass per month: for each person and
 * month it finds the enrolled period and the residence of the month's
 * first day and the memberships valid in the month, and takes the
 * amount from a memo of profiles. A profile is what rules_compute's total
 * depends on besides the month (categories, disability, studying, the
 * birth year and month, a 29 February birthday, the children of a K4
 * holder), so persons alike share one, and each profile is computed once
 * per month. */
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/oversight_int.h"
#include "app/quote.h"
#include "core/category.h"
#include "core/rules.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "util/log.h"
#include "util/xalloc.h"

static const char *const benefits[OV_BENEFITS] = {"monthly", "care", "funeral",
                                                  "oneoff"};

int ov_benefit_index(const char *benefit)
{
    int i;

    for (i = 0; i < OV_BENEFITS; i++)
        if (strcmp(benefits[i], benefit) == 0)
            return i;
    return -1;
}

/* --- Communes of each month -------------------------------------------- */

struct code_set {
    char (*code)[8];
    unsigned char *covered;
    size_t n, cap;
};

static int add_code(void *arg, const char *code)
{
    struct code_set *s = arg;

    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->code = xreallocarray(s->code, s->cap, sizeof *s->code);
        s->covered = xreallocarray(s->covered, s->cap, 1);
    }
    snprintf(s->code[s->n], sizeof s->code[s->n], "%s", code);
    s->covered[s->n++] = 0;
    return 0;
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* 1 if a and b hold the same communes with the same coverage. */
static int same_set(const struct code_set *a, const struct code_set *b)
{
    size_t i;

    if (a->n != b->n)
        return 0;
    for (i = 0; i < a->n; i++)
        if (a->covered[i] != b->covered[i] || strcmp(a->code[i], b->code[i]))
            return 0;
    return 1;
}

/* Index of code in s (sorted, as the store gives it), or -1. */
static long find_code(const struct code_set *s, const char *code)
{
    const char *p;

    if (s->n == 0)
        return -1;
    p = bsearch(code, s->code, s->n, sizeof *s->code, cmp_code);
    return p ? (long)((p - s->code[0]) / (long)sizeof *s->code) : -1;
}

struct money_ctx {
    struct ov_money *out;
    struct code_set sets[OV_MAX_MONTHS];
    char first[OV_MAX_MONTHS][11];
    char last[OV_MAX_MONTHS][11];
    int base; /* year * 12 + month - 1 of the first month */
    /* same[i]: month i has the communes and coverage of month i - 1 */
    unsigned char same[OV_MAX_MONTHS];
};

static int month_index(const struct money_ctx *c, const char *day)
{
    size_t i;

    for (i = 0; i < c->out->n; i++)
        if (strncmp(c->first[i], day, 7) == 0)
            return (int)i;
    return -1;
}

static int on_cover(void *arg, const char *month, const char *commune)
{
    struct money_ctx *c = arg;
    int i = month_index(c, month);
    long k;

    if (i < 0)
        return 0;
    k = find_code(&c->sets[i], commune);
    if (k >= 0)
        c->sets[i].covered[k] = 1;
    return 0;
}

/* --- Payroll sums -------------------------------------------------------- */

static struct ov_cat_money *cat_of(struct ov_money *m, const char *category)
{
    size_t i;

    for (i = 0; i < m->ncats; i++)
        if (strcmp(m->cats[i].category, category) == 0)
            return &m->cats[i];
    if (m->ncats == m->capcats) {
        m->capcats = m->capcats ? m->capcats * 2 : 32;
        m->cats = xreallocarray(m->cats, m->capcats, sizeof *m->cats);
    }
    memset(&m->cats[m->ncats], 0, sizeof m->cats[0]);
    snprintf(m->cats[m->ncats].category, sizeof m->cats[0].category, "%s",
             category);
    return &m->cats[m->ncats++];
}

static int on_pay(void *arg, const struct store_ov_pay *p)
{
    struct money_ctx *c = arg;
    struct ov_money *m = c->out;
    int i = month_index(c, p->month), b = ov_benefit_index(p->benefit);
    struct ov_pay *s;

    if (i < 0)
        return 0;
    s = &m->months[i].pay;
    s->payable += p->payable;
    s->paid += p->paid;
    s->unpaid += p->unpaid;
    s->pending += p->pending;
    s->recovered += p->recovered;
    m->any_payroll = 1;
    if (b >= 0) {
        m->benefit[b].payable += p->payable;
        m->benefit[b].paid += p->paid;
        m->benefit[b].unpaid += p->unpaid;
        m->benefit[b].pending += p->pending;
        m->benefit[b].recovered += p->recovered;
    }
    if (b == 0) {
        struct ov_cat_money *cm = cat_of(m, p->category);

        cm->paid += p->paid;
        cm->payable += p->payable;
    }
    return 0;
}

static int on_pay_persons(void *arg, const char *month, const char *commune,
                          const char *benefit, int64_t persons)
{
    struct money_ctx *c = arg;
    int i = month_index(c, month), b = ov_benefit_index(benefit);

    (void)commune;
    if (i < 0)
        return 0;
    if (b == 0)
        c->out->months[i].pay.persons += persons;
    if (b >= 0)
        c->out->benefit[b].persons += persons;
    return 0;
}

/* --- The rules engine's pass ---------------------------------------------
 */

/* has_person, disability, studying, birth (4), n; <= 16 categories of <= 4
 * bytes and a separator; n; <= 16 children of 5 bytes */
#define KEY_MAX (8 + 16 * 5 + 1 + 16 * 5)

struct profile {
    unsigned char key[KEY_MAX];
    size_t len;
    uint64_t hash;
    uint32_t known, failed; /* bit per month */
    int64_t amount[OV_MAX_MONTHS];
};

struct pass {
    struct money_ctx *c;
    const struct rules *rules;
    struct rules_request q;
    struct rules_result res;
    struct profile *prof; /* entries */
    size_t nprof, capprof;
    uint32_t *slot; /* index + 1, 0 empty */
    size_t nslots;
    unsigned need; /* bit per month: computed here */
    int64_t errors;
};

static uint64_t fnv(const unsigned char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;

    while (n--) {
        h ^= *s++;
        h *= 1099511628211ULL;
    }
    return h;
}

/* A category code's first four bytes as one number ("K1dd" is the
 * longest). */
static uint32_t pack4(const char *s)
{
    uint32_t v = 0;
    int i;

    for (i = 0; i < 4 && s[i] != '\0'; i++)
        v = v << 8 | (unsigned char)s[i];
    return s[i] == '\0' ? v : 0;
}

static uint32_t packed[64];
static size_t npacked;
static pthread_once_t packed_once = PTHREAD_ONCE_INIT;

static void pack_categories(void)
{
    size_t i, n = category_count();

    for (i = 0; i < n && i < 64; i++)
        packed[i] = pack4(category_at(i)->code);
    npacked = i;
}

/* The legal order of a category (core/category.h), or 99. */
static int legal_index(const char *code)
{
    uint32_t v = pack4(code);
    size_t i;

    pthread_once(&packed_once, pack_categories);
    for (i = 0; i < npacked; i++)
        if (packed[i] == v && v != 0)
            return (int)i;
    return 99;
}

static int birth_f29(struct date d)
{
    return d.m == 2 && d.d == 29;
}

/* The request of the memberships of mask (without the month), as
 * store_quote and app_quote_filtered build it, and its profile key. */
static size_t build(struct pass *ps, const struct store_ov_person *p,
                    unsigned mask, unsigned char *key)
{
    struct rules_request *q = &ps->q;
    size_t i, j, len = 0;
    int k4 = 0;

    q->ncategories = 0;
    q->nchildren = 0;
    q->disability = RULES_DIS_NONE;
    q->studying = 0;
    q->has_person = 1;
    if (date_parse_iso(p->birth_date, strlen(p->birth_date), &q->birth) !=
        DATE_OK)
        q->has_person = 0;
    for (i = 0; i < p->nmembers; i++) {
        const struct store_ov_member *m = &p->m[i];
        int dup = 0;

        if (!(mask & (1u << i)))
            continue;
        if (strcmp(m->disability, "especially_severe") == 0)
            q->disability = RULES_DIS_ESPECIALLY_SEVERE;
        else if (strcmp(m->disability, "severe") == 0 &&
                 q->disability == RULES_DIS_NONE)
            q->disability = RULES_DIS_SEVERE;
        q->studying |= m->studying;
        for (j = 0; j < q->ncategories; j++)
            dup |= strcmp(q->categories[j], m->category) == 0;
        if (!dup && q->ncategories < RULES_MAX_CATEGORIES)
            snprintf(q->categories[q->ncategories++], RULES_CODE_SIZE, "%s",
                     m->category);
        k4 |= strcmp(m->category, "K4") == 0;
    }
    for (i = 0; k4 && i < p->nkids && i < RULES_MAX_CHILDREN; i++) {
        struct rules_child *ch = &q->children[q->nchildren];

        if (date_parse_iso(p->kid[i].birth_date, strlen(p->kid[i].birth_date),
                           &ch->birth) != DATE_OK)
            continue;
        ch->studying = p->kid[i].studying;
        q->nchildren++;
    }
    key[len++] = (unsigned char)q->has_person;
    key[len++] = (unsigned char)q->disability;
    key[len++] = (unsigned char)q->studying;
    key[len++] = (unsigned char)(q->birth.y >> 8);
    key[len++] = (unsigned char)q->birth.y;
    key[len++] = (unsigned char)q->birth.m;
    key[len++] = (unsigned char)birth_f29(q->birth);
    key[len++] = (unsigned char)q->ncategories;
    assert(q->ncategories <= STORE_OV_MAX_PERIODS &&
           q->nchildren <= STORE_OV_MAX_KIDS);
    for (i = 0; i < q->ncategories; i++) {
        const char *s = q->categories[i];
        size_t n = strlen(s);

        if (n > 4)
            n = 4;
        memcpy(key + len, s, n);
        len += n;
        key[len++] = '|';
    }
    key[len++] = (unsigned char)q->nchildren;
    for (i = 0; i < q->nchildren; i++) {
        const struct rules_child *ch = &q->children[i];

        key[len++] = (unsigned char)(ch->birth.y >> 8);
        key[len++] = (unsigned char)ch->birth.y;
        key[len++] = (unsigned char)ch->birth.m;
        key[len++] = (unsigned char)birth_f29(ch->birth);
        key[len++] = (unsigned char)ch->studying;
    }
    return len;
}

static void grow_slots(struct pass *ps)
{
    size_t n = ps->nslots ? ps->nslots * 2 : 1u << 14, i;
    uint32_t *s = xcalloc(n, sizeof *s);

    for (i = 0; i < ps->nprof; i++) {
        size_t k = (size_t)ps->prof[i].hash & (n - 1);

        while (s[k] != 0)
            k = (k + 1) & (n - 1);
        s[k] = (uint32_t)(i + 1);
    }
    free(ps->slot);
    ps->slot = s;
    ps->nslots = n;
}

/* The profile of key (added when new). */
static struct profile *profile(struct pass *ps, const unsigned char *key,
                               size_t len)
{
    uint64_t h = fnv(key, len);
    size_t k;
    struct profile *p;

    if (ps->nprof * 2 >= ps->nslots)
        grow_slots(ps);
    k = (size_t)h & (ps->nslots - 1);
    while (ps->slot[k] != 0) {
        p = &ps->prof[ps->slot[k] - 1];
        if (p->hash == h && p->len == len && memcmp(p->key, key, len) == 0)
            return p;
        k = (k + 1) & (ps->nslots - 1);
    }
    if (ps->nprof == ps->capprof) {
        ps->capprof = ps->capprof ? ps->capprof * 2 : 4096;
        ps->prof = xreallocarray(ps->prof, ps->capprof, sizeof *ps->prof);
    }
    p = &ps->prof[ps->nprof];
    memset(p, 0, sizeof *p);
    memcpy(p->key, key, len);
    p->len = len;
    p->hash = h;
    ps->slot[k] = (uint32_t)(++ps->nprof);
    return p;
}

/* The position of day ('YYYY-MM-DD') in months counted from the first
 * month of the range, and whether it is a month's first day. */
static int month_pos(const struct money_ctx *c, const char *day, int *first)
{
    int y = (day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 +
            (day[3] - '0');
    int m = (day[5] - '0') * 10 + (day[6] - '0');

    *first = day[8] == '0' && day[9] == '1';
    return y * 12 + m - 1 - c->base;
}

static size_t clamp_month(const struct money_ctx *c, int i)
{
    return i < 0 ? 0 : (size_t)i > c->out->n ? c->out->n : (size_t)i;
}

/* The first month (0..n) whose first day is on or after day ("": n, an
 * open end). */
static size_t first_on_or_after(const struct money_ctx *c, const char *day)
{
    int first, i;

    if (day[0] == '\0')
        return c->out->n;
    i = month_pos(c, day, &first);
    return clamp_month(c, first ? i : i + 1);
}

/* The first month (0..n) whose last day is on or after day. */
static size_t last_on_or_after(const struct money_ctx *c, const char *day)
{
    int first;

    return clamp_month(c, month_pos(c, day, &first));
}

static int on_person(void *arg, const struct store_ov_person *p)
{
    struct pass *ps = arg;
    struct money_ctx *c = ps->c;
    struct ov_money *out = c->out;
    const char *commune[OV_MAX_MONTHS] = {NULL};
    unsigned mm[OV_MAX_MONTHS] = {0}, enrolled = 0;
    int li[STORE_OV_MAX_PERIODS];
    unsigned char key[KEY_MAX];
    struct profile *pr = NULL;
    unsigned last_mask = 0;
    struct rules_err rerr;
    size_t i, j, a, b;
    int ok = 0;

    /* Each period as the months it covers: enrolled and resident on the
     * month's first day; a membership valid on some day of the month. */
    for (j = 0; j < p->nenrolled; j++) {
        a = first_on_or_after(c, p->enrolled[j].from);
        b = first_on_or_after(c, p->enrolled[j].to);
        for (i = a; i < b; i++)
            enrolled |= 1u << i;
    }
    for (j = 0; j < p->nresidences; j++) {
        a = first_on_or_after(c, p->r[j].p.from);
        b = first_on_or_after(c, p->r[j].p.to);
        for (i = a; i < b; i++)
            if (commune[i] == NULL)
                commune[i] = p->r[j].commune;
    }
    for (j = 0; j < p->nmembers; j++) {
        a = last_on_or_after(c, p->m[j].p.from);
        b = first_on_or_after(c, p->m[j].p.to);
        for (i = a; i < b; i++)
            mm[i] |= 1u << j;
        li[j] = legal_index(p->m[j].category);
    }
    for (i = 0; i < out->n; i++) {
        unsigned mask = mm[i];
        const char *cat = "";
        int best = 100;

        /* Paid here only in the read of the commune of residence on the
         * month's first day: a person read for two communes (a move in
         * the range) counts once a month. */
        if (commune[i] == NULL ||
            (p->via[0] != '\0' && strcmp(commune[i], p->via) != 0))
            continue;
        /* The commune must be one of the area's that month that no
         * approved payroll covered; months with the same communes reuse
         * the previous month's answer for the same residence. */
        if (i == 0 || !c->same[i] || commune[i] != commune[i - 1]) {
            long k = find_code(&c->sets[i], commune[i]);

            ok = k >= 0 && !c->sets[i].covered[k];
        }
        if (!(ps->need & enrolled & (1u << i)) || mask == 0 || !ok)
            continue;
        for (j = 0; j < p->nmembers; j++)
            if ((mask & (1u << j)) && li[j] < best) {
                best = li[j];
                cat = p->m[j].category;
            }
        if (pr == NULL || mask != last_mask) {
            /* ps->q now holds this person's request for mask */
            size_t len = build(ps, p, mask, key);

            pr = profile(ps, key, len);
            last_mask = mask;
        }
        if (!(pr->known & (1u << i))) {
            ps->q.month = out->months[i].m;
            ps->q.benefit = RULES_MONTHLY;
            if (rules_compute(ps->rules, &ps->q, &ps->res, &rerr) != RULES_OK) {
                pr->failed |= 1u << i;
                if (ps->errors < 3)
                    log_warn("oversight: rules refused",
                             "person=%lld msg=\"%s\"", (long long)p->id,
                             rerr.message);
            } else {
                pr->amount[i] = ps->res.total;
            }
            pr->known |= 1u << i;
        }
        if (pr->failed & (1u << i)) {
            ps->errors++;
            continue;
        }
        if (pr->amount[i] > 0) {
            out->months[i].comp_persons++;
            out->months[i].comp_amount += pr->amount[i];
            cat_of(out, cat)->computed += pr->amount[i];
            out->any_computed = 1;
        }
    }
    return 0;
}

/* Above this many communes to compute, one pass over everyone is cheaper
 * than reading commune by commune. */
#define BY_COMMUNE_MAX 1500

static int computed_pass(struct db *db, struct money_ctx *c, unsigned need,
                         struct app_report_err *err)
{
    struct app_quote_err qerr;
    struct pass *ps = xcalloc(1, sizeof *ps);
    size_t lo = OV_MAX_MONTHS, hi = 0, i, nlist = 0;
    char **list = NULL;
    int rc;

    for (i = 0; i < c->out->n; i++)
        if (need & (1u << i)) {
            if (lo == OV_MAX_MONTHS)
                lo = i;
            hi = i;
        }
    ps->c = c;
    ps->need = need;
    rc = app_quote_rules(&ps->rules, &qerr);
    if (rc != APP_QUOTE_OK) {
        rc = ov_fail(err, APP_REPORT_EINTERNAL, "rules", NULL,
                     "Không tải được quy định tính trợ cấp: %s", qerr.message);
        goto out;
    }
    /* The communes to compute, each once: those no payroll covered in a
     * month that needs the rules engine. */
    for (i = lo; i <= hi; i++) {
        size_t k;

        if (!(need & (1u << i)))
            continue;
        for (k = 0; k < c->sets[i].n && nlist <= BY_COMMUNE_MAX; k++) {
            size_t x;

            if (c->sets[i].covered[k])
                continue;
            for (x = 0; x < nlist; x++)
                if (strcmp(list[x], c->sets[i].code[k]) == 0)
                    break;
            if (x == nlist) {
                list = xreallocarray(list, nlist + 1, sizeof *list);
                list[nlist++] = c->sets[i].code[k];
            }
        }
    }
    if (nlist > BY_COMMUNE_MAX)
        rc = store_ov_scan(db, c->first[lo], c->last[hi], NULL, 0, on_person,
                           ps);
    else
        rc = store_ov_scan(db, c->first[lo], c->last[hi], list, nlist,
                           on_person, ps);
    if (rc != DB_OK) {
        rc = ov_store_fail(db, err, rc);
        goto out;
    }
    for (i = 0; i < c->out->n; i++)
        if (need & (1u << i))
            c->out->months[i].computed_run = 1;
    if (ps->errors > 0)
        log_warn("oversight: persons the rules refused", "count=%lld",
                 (long long)ps->errors);
out:
    free(list);
    free(ps->prof);
    free(ps->slot);
    free(ps);
    return rc;
}

int ov_money_compute(struct db *db, const struct store_ov_area *a,
                     struct month first, size_t n, struct ov_money *out,
                     struct app_report_err *err)
{
    struct money_ctx *c = xcalloc(1, sizeof *c);
    unsigned need = 0;
    size_t i, k;
    int rc = DB_OK;

    memset(out, 0, sizeof *out);
    if (n > OV_MAX_MONTHS)
        n = OV_MAX_MONTHS;
    out->n = n;
    c->out = out;
    c->base = first.y * 12 + first.m - 1;
    for (i = 0; i < n; i++) {
        struct month m = month_add(first, (int)i);

        out->months[i].m = m;
        date_format_iso(month_first_day(m), c->first[i]);
        date_format_iso(date_add_days(month_first_day(month_add(m, 1)), -1),
                        c->last[i]);
        /* Decree 20/2021 applies from 07/2021: nothing before. */
        if (m.y * 12 + m.m < 2021 * 12 + 7)
            continue;
        rc = store_ov_communes(db, a, c->first[i], add_code, &c->sets[i]);
        if (rc != DB_OK)
            break;
    }
    if (rc == DB_OK && n > 0)
        rc = store_payroll_coverage(db, c->first[0], c->first[n - 1], on_cover,
                                    c);
    if (rc == DB_OK && n > 0)
        rc = store_ov_payroll(db, a, c->first[0], c->first[n - 1], on_pay, c);
    if (rc == DB_OK && n > 0)
        rc = store_ov_payroll_persons(db, a, c->first[0], c->first[n - 1],
                                      on_pay_persons, c);
    if (rc != DB_OK) {
        rc = ov_store_fail(db, err, rc);
        goto out;
    }
    for (i = 0; i < n; i++) {
        for (k = 0; k < c->sets[i].n; k++) {
            if (c->sets[i].covered[k])
                out->months[i].covered++;
            else
                out->months[i].uncovered++;
        }
        if (out->months[i].uncovered > 0)
            need |= 1u << i;
        c->same[i] = i > 0 && same_set(&c->sets[i], &c->sets[i - 1]);
    }
    if (need != 0)
        rc = computed_pass(db, c, need, err);
out:
    for (i = 0; i < OV_MAX_MONTHS; i++) {
        free(c->sets[i].code);
        free(c->sets[i].covered);
    }
    free(c);
    if (rc != 0)
        ov_money_free(out);
    return rc;
}

void ov_money_free(struct ov_money *m)
{
    if (m == NULL)
        return;
    free(m->cats);
    m->cats = NULL;
    m->ncats = m->capcats = 0;
}

const char *ov_month_source(const struct ov_month *m)
{
    int pay = m->covered > 0 &&
              (m->pay.payable > 0 || m->pay.recovered > 0 || m->pay.paid > 0);
    int comp = m->comp_persons > 0;

    if (pay && comp)
        return "mixed";
    if (pay)
        return "payroll";
    if (comp)
        return "computed";
    return "none";
}

const char *ov_range_source(const struct ov_money *m, size_t from, size_t to)
{
    int pay = 0, comp = 0;
    size_t i;

    for (i = from; i < to && i < m->n; i++) {
        const char *s = ov_month_source(&m->months[i]);

        pay |= strcmp(s, "payroll") == 0 || strcmp(s, "mixed") == 0;
        comp |= strcmp(s, "computed") == 0 || strcmp(s, "mixed") == 0;
    }
    return pay && comp ? "mixed" : pay ? "payroll" : comp ? "computed" : "none";
}
