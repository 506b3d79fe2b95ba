/* test_rules_props.c: property tests of the rules engine over many seeded
 * random persons and months (RULES.md §2.3, §2.5, §2.6, §6.6).
 *
 * An independent oracle, written from RULES.md and not from the rule
 * files, says which lines a request must give and what is payable. For
 * every request: the engine's lines equal the oracle's (category, child,
 * coefficient, amount); every amount is level x coefficient exactly;
 * total >= 0 and equals the highest line or the K4 sum (alone or on top of
 * the highest K5/K6/K8 line); the paid lines add up to the total; a
 * province's overlay never lowers a total; the same request gives the same
 * result twice.
 */
#include "rules_fixture.h"

#define N_REQUESTS 20000

static struct rules *R, *RO;

static int setup(void **state)
{
    (void)state;
    R = fx_rules(0);
    RO = fx_rules(1);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    rules_free(R);
    rules_free(RO);
    return 0;
}

/* --- Seeded PRNG (xorshift64*) ------------------------------------------
 */

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * UINT64_C(2685821657736338717);
}

static int rng_range(int lo, int hi) /* inclusive */
{
    return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

/* --- The oracle -----------------------------------------------------------
 */

static const char *const codes[] = {"K1a", "K1b", "K1c", "K1d", "K1dd", "K1e",
                                    "K1g", "K1h", "K1i", "K1k", "K1l",  "K2",
                                    "K3",  "K4",  "K5a", "K5b", "K5c",  "K5d",
                                    "K6",  "K7",  "K8"};
#define N_CODES (sizeof codes / sizeof codes[0])

struct oline {
    char cat[RULES_CODE_SIZE];
    int child;
    int coeff;
    int64_t amount;
};

struct oracle {
    struct oline l[RULES_MAX_LINES];
    size_t n;
    int64_t total;
};

static int64_t level_of(struct month m)
{
    int i = m.y * 12 + m.m - 1;

    if (i < 2024 * 12 + 6)
        return 360000;
    if (i < 2026 * 12 + 6)
        return 500000;
    return 540000;
}

static int is_k1(const char *c)
{
    return c[0] == 'K' && c[1] == '1';
}

/* §2.3 coefficient for a category at age a (thousandths). */
static int coeff_of(const char *c, int a, int dis)
{
    if (is_k1(c))
        return a < 4 ? 2500 : 1500;
    if (strcmp(c, "K2") == 0 || strcmp(c, "K7") == 0 || strcmp(c, "K8") == 0)
        return 1500;
    if (strcmp(c, "K3") == 0)
        return a < 4 ? 2500 : 2000;
    if (strcmp(c, "K5a") == 0)
        return a >= 80 ? 2000 : 1500;
    if (strcmp(c, "K5b") == 0 || strcmp(c, "K5c") == 0)
        return 1000;
    if (strcmp(c, "K5d") == 0)
        return 3000;
    if (strcmp(c, "K6") == 0) {
        int special = a < 16 || a >= 60;

        if (dis == RULES_DIS_ESPECIALLY_SEVERE)
            return special ? 2500 : 2000;
        return special ? 2000 : 1500;
    }
    return 1000; /* K4, per child */
}

/* §2.2 / §2.6 eligibility with a = age reached this month, p = last
 * month's. */
static int eligible(const char *c, int a, int p, int dis, int studying)
{
    if (is_k1(c) || strcmp(c, "K3") == 0)
        return p < 16;
    if (strcmp(c, "K2") == 0)
        return studying && a >= 16 && p < 22;
    if (strcmp(c, "K5a") == 0 || strcmp(c, "K5d") == 0)
        return a >= 60;
    if (strcmp(c, "K5b") == 0)
        return a >= 75 && p < 80;
    if (strcmp(c, "K5c") == 0)
        return a >= 80;
    if (strcmp(c, "K6") == 0)
        return dis != RULES_DIS_NONE;
    if (strcmp(c, "K7") == 0)
        return p < 3;
    return 1; /* K8 */
}

static void oadd(struct oracle *o, const char *cat, int child, int coeff,
                 int64_t level)
{
    struct oline *l = &o->l[o->n++];

    snprintf(l->cat, sizeof l->cat, "%s", cat);
    l->child = child;
    l->coeff = coeff;
    l->amount = level * coeff / 1000;
}

static int ohas(const struct oracle *o, const char *cat)
{
    size_t i;

    for (i = 0; i < o->n; i++)
        if (strcmp(o->l[i].cat, cat) == 0)
            return 1;
    return 0;
}

static int stacks_with_k4(const char *c)
{
    return (c[0] == 'K' && c[1] == '5') || strcmp(c, "K6") == 0 ||
           strcmp(c, "K8") == 0;
}

static void oracle(const struct rules_request *q, struct oracle *o)
{
    struct month prev = month_add(q->month, -1);
    int a = date_age_in_month(q->birth, q->month);
    int p = date_age_in_month(q->birth, prev);
    int64_t level = level_of(q->month), best = 0, group = 0, top = 0;
    size_t i, j;

    o->n = 0;
    for (i = 0; i < q->ncategories && a >= 0; i++) {
        const char *c = q->categories[i];

        if (strcmp(c, "K4") == 0) {
            for (j = 0; j < q->nchildren; j++) {
                const struct rules_child *k = &q->children[j];
                int ka = date_age_in_month(k->birth, q->month);
                int kp = date_age_in_month(k->birth, prev);

                if (ka >= 0 &&
                    (kp < 16 || (k->studying && ka >= 16 && kp < 22)))
                    oadd(o, "K4", (int)j, 1000, level);
            }
            continue;
        }
        if (eligible(c, a, p, q->disability, q->studying)) {
            oadd(o, c, -1, coeff_of(c, a, q->disability), level);
        } else if (is_k1(c) && q->studying && a >= 16 && p < 22) {
            int asked = 0;

            for (j = 0; j < q->ncategories; j++)
                asked |= strcmp(q->categories[j], "K2") == 0;
            if (!asked && !ohas(o, "K2"))
                oadd(o, "K2", -1, 1500, level);
        }
    }
    if (q->social_pension && a >= 0 &&
        q->month.y * 12 + q->month.m >= 2025 * 12 + 7 &&
        (a >= 75 || (a >= 70 && q->poor_or_near_poor)))
        oadd(o, "social_pension", -1, 1000,
             q->month.y * 12 + q->month.m >= 2026 * 12 + 7 ? 540000 : 500000);
    for (i = 0; i < o->n; i++) {
        if (o->l[i].child >= 0) {
            group += o->l[i].amount;
        } else {
            if (o->l[i].amount > best)
                best = o->l[i].amount;
            if (stacks_with_k4(o->l[i].cat) && o->l[i].amount > top)
                top = o->l[i].amount;
        }
    }
    o->total = best;
    if (group > o->total)
        o->total = group;
    if (group > 0 && top > 0 && group + top > o->total)
        o->total = group + top;
}

/* --- Random requests -----------------------------------------------------
 */

static struct date random_date(int y0, struct date last)
{
    int64_t lo = date_to_days((struct date){y0, 1, 1});
    int64_t hi = date_to_days(last);

    return date_from_days(lo + (int64_t)(rng_next() % (uint64_t)(hi - lo + 1)));
}

static void random_request(struct rules_request *q)
{
    struct month m;
    struct date last;
    int ncat, i;

    memset(q, 0, sizeof *q);
    m.y = rng_range(2021, 2030);
    m.m = rng_range(m.y == 2021 ? 7 : 1, 12);
    q->month = m;
    q->benefit = RULES_MONTHLY;
    q->has_person = 1;
    last.y = m.y;
    last.m = m.m;
    last.d = date_days_in_month(m.y, m.m);
    /* Mostly born by the end of the month, sometimes after it; ages
     * cluster around the limits (3, 4, 16, 22, 60, 75, 80). */
    if (rng_range(0, 19) == 0)
        last = date_add_days(last, 400);
    if (rng_range(0, 1) == 0) {
        static const int edges[] = {3, 4, 16, 22, 60, 70, 75, 80};
        int age = edges[rng_range(0, 7)] + rng_range(-1, 1);
        struct date d = {m.y - age, m.m, 1};

        q->birth = date_add_days(d, rng_range(-40, 40));
    } else {
        q->birth = random_date(1920, last);
    }
    q->disability = rng_range(0, 2);
    q->studying = rng_range(0, 1);
    q->social_pension = rng_range(0, 3) == 0;
    q->poor_or_near_poor = rng_range(0, 1);
    ncat = rng_range(0, 3);
    for (i = 0; i < ncat; i++) {
        const char *c = codes[rng_range(0, (int)N_CODES - 1)];
        size_t j;
        int dup = 0;

        for (j = 0; j < q->ncategories; j++)
            dup |= strcmp(q->categories[j], c) == 0;
        if (!dup)
            snprintf(q->categories[q->ncategories++], RULES_CODE_SIZE, "%s", c);
    }
    for (i = 0; i < (int)q->ncategories; i++) {
        if (strcmp(q->categories[i], "K4") == 0) {
            int nk = rng_range(0, 4), k;
            struct date end = {m.y, m.m, date_days_in_month(m.y, m.m)};

            for (k = 0; k < nk; k++) {
                q->children[k].birth = random_date(m.y - 24, end);
                q->children[k].studying = rng_range(0, 1);
            }
            q->nchildren = (size_t)nk;
        }
    }
}

/* --- Properties -----------------------------------------------------------
 */

static void describe(const struct rules_request *q, char *out, size_t cap)
{
    char b[11], m[8];
    size_t i, n;

    date_format_iso(q->birth, b);
    month_format_iso(q->month, m);
    n = (size_t)snprintf(out, cap,
                         "month %s birth %s dis %d st %d sp %d "
                         "poor %d cats",
                         m, b, q->disability, q->studying, q->social_pension,
                         q->poor_or_near_poor);
    for (i = 0; i < q->ncategories && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, " %s", q->categories[i]);
    for (i = 0; i < q->nchildren && n < cap; i++) {
        date_format_iso(q->children[i].birth, b);
        n += (size_t)snprintf(out + n, cap - n, " child %s/%d", b,
                              q->children[i].studying);
    }
}

/* The invariants that hold whatever the rule set. */
static void check_invariants(const struct rules_result *res, const char *d)
{
    int64_t paid = 0, best = 0, group = 0, top = 0;
    size_t i;

    if (res->total < 0)
        fail_msg("negative total: %s", d);
    for (i = 0; i < res->nlines; i++) {
        const struct rules_line *l = &res->lines[i];
        int64_t want;

        if (money_apply_coeff(l->level, l->coeff_milli, &want) != MONEY_OK ||
            want != l->amount || l->amount <= 0)
            fail_msg("amount %lld != %lld x %d: %s", (long long)l->amount,
                     (long long)l->level, l->coeff_milli, d);
        if (strcmp(l->category, "social_pension") != 0 &&
            l->level != res->standard_level)
            fail_msg("line level %lld != standard %lld: %s",
                     (long long)l->level, (long long)res->standard_level, d);
        if (l->paid)
            paid += l->amount;
        if (l->child >= 0) {
            group += l->amount;
        } else {
            if (l->amount > best)
                best = l->amount;
            if (stacks_with_k4(l->category) && l->amount > top)
                top = l->amount;
        }
    }
    if (paid != res->total)
        fail_msg("paid lines %lld != total %lld: %s", (long long)paid,
                 (long long)res->total, d);
    if (res->total != best && res->total != group && res->total != group + top)
        fail_msg("total %lld is neither the highest line %lld nor the K4 "
                 "sum %lld (+%lld): %s",
                 (long long)res->total, (long long)best, (long long)group,
                 (long long)top, d);
    if (res->total < best || res->total < group)
        fail_msg("total %lld below a payable option: %s", (long long)res->total,
                 d);
}

static void test_props_national_against_oracle(void **s)
{
    struct rules_result *res = malloc(sizeof *res);
    struct rules_result *again = malloc(sizeof *again);
    struct rules_request q;
    struct rules_err err;
    struct oracle o;
    char d[512];
    int n, paid = 0, k4_stacked = 0, continued = 0, lost = 0;

    (void)s;
    assert_non_null(res);
    assert_non_null(again);
    rng_state = UINT64_C(0x9E3779B97F4A7C15);
    for (n = 0; n < N_REQUESTS; n++) {
        size_t i;

        random_request(&q);
        describe(&q, d, sizeof d);
        if (rules_compute(R, &q, res, &err) != RULES_OK)
            fail_msg("compute: %s: %s", err.message, d);
        check_invariants(res, d);
        oracle(&q, &o);
        if (o.n != res->nlines)
            fail_msg("%zu lines, oracle %zu: %s", res->nlines, o.n, d);
        for (i = 0; i < o.n; i++) {
            const struct rules_line *l = &res->lines[i];

            if (strcmp(l->category, o.l[i].cat) != 0 ||
                l->child != o.l[i].child || l->coeff_milli != o.l[i].coeff ||
                l->amount != o.l[i].amount)
                fail_msg("line %zu: %s[%d] %d %lld, oracle %s[%d] %d %lld: "
                         "%s",
                         i, l->category, l->child, l->coeff_milli,
                         (long long)l->amount, o.l[i].cat, o.l[i].child,
                         o.l[i].coeff, (long long)o.l[i].amount, d);
        }
        if (res->total != o.total)
            fail_msg("total %lld, oracle %lld: %s", (long long)res->total,
                     (long long)o.total, d);
        /* Every requested category is explained: a line or a reason. */
        for (i = 0; i < q.ncategories; i++) {
            const char *c = q.categories[i];

            if (fx_line(res, c, -1) == NULL && fx_inel(res, c, -1) == NULL &&
                !(strcmp(c, "K4") == 0 &&
                  (res->nlines > 0 || res->nineligible > 0)))
                fail_msg("%s neither paid nor explained: %s", c, d);
        }
        /* Count the cases that matter, so the generator keeps covering
         * them. */
        paid += res->total > 0;
        for (i = 0; i < res->nlines; i++) {
            const struct rules_line *l = &res->lines[i];

            k4_stacked += l->child < 0 && l->paid && fx_line(res, "K4", 0) &&
                          fx_line(res, "K4", 0)->paid;
            continued += strstr(l->note, "Tiếp tục") != NULL;
            lost += !l->paid;
        }
        /* Deterministic. */
        assert_int_equal(rules_compute(R, &q, again, &err), RULES_OK);
        assert_int_equal(again->total, res->total);
        assert_int_equal(again->nlines, res->nlines);
        assert_int_equal(again->nineligible, res->nineligible);
    }
    if (paid < N_REQUESTS / 3 || k4_stacked < 50 || continued < 50 ||
        lost < 500)
        fail_msg("generator too narrow: paid %d, K4 stacked %d, K1->K2 %d, "
                 "lines lost to a higher one %d",
                 paid, k4_stacked, continued, lost);
    free(res);
    free(again);
}

/* With the fictional overlay of province 99, invariants hold and no total
 * is below the national one (Art. 4(3): only higher). */
static void test_props_overlay_never_lowers(void **s)
{
    struct rules_result *nat = malloc(sizeof *nat);
    struct rules_result *prov = malloc(sizeof *prov);
    struct rules_request q;
    struct rules_err err;
    char d[512];
    int n;

    (void)s;
    assert_non_null(nat);
    assert_non_null(prov);
    rng_state = UINT64_C(0xD1B54A32D192ED03);
    for (n = 0; n < N_REQUESTS / 2; n++) {
        random_request(&q);
        describe(&q, d, sizeof d);
        if (rules_compute(RO, &q, nat, &err) != RULES_OK)
            fail_msg("compute: %s: %s", err.message, d);
        snprintf(q.province, sizeof q.province, "99");
        if (rules_compute(RO, &q, prov, &err) != RULES_OK)
            fail_msg("compute 99: %s: %s", err.message, d);
        check_invariants(prov, d);
        if (prov->total < nat->total)
            fail_msg("province 99 total %lld < national %lld: %s",
                     (long long)prov->total, (long long)nat->total, d);
        if (prov->standard_level < nat->standard_level)
            fail_msg("province level lower: %s", d);
    }
    free(nat);
    free(prov);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_props_national_against_oracle),
        cmocka_unit_test(test_props_overlay_never_lowers),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
