/* rules.c: computing entitlements from a finished rule set (see rules.h).
 *
 * One request, one month. Every amount is a rule row's coefficient times
 * the level in force (standard or social pension, the province's when it
 * is higher: Decree 20 Art. 4(3)); every line carries the row's basis, and
 * every category that gives nothing says why. The highest-benefit rule
 * and its K4 exception (Art. 6(2), RULES.md §2.5) choose what is paid.
 */
#include "core/rules.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/category.h"
#include "core/money.h"
#include "core/rules_int.h"

#define HIGHEST_NOTE "Không chi trả: chỉ hưởng một mức cao nhất"

struct ctx {
    const struct rules *r;
    const struct rules_request *q;
    struct rules_result *out;
    struct rules_err *err;
    int32_t mi;    /* month index of q->month */
    int64_t known; /* day of q->known_on, INT64_MAX: as known now */
    int age;       /* the person's age reached in the month */
    int64_t level; /* standard level in force */
    const struct rules_row *level_row;
};

/* --- Text ---------------------------------------------------------------
 */

/* Cut s so it does not end inside a UTF-8 sequence (after snprintf). */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), i = n, need;
    unsigned char c;

    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

static void textf(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void textf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    utf8_trim(buf);
}

/* Append "; " and formatted text to buf (NUL-terminated, cap bytes). */
static void text_add(char *buf, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void text_add(char *buf, size_t cap, const char *fmt, ...)
{
    size_t n = strlen(buf);
    va_list ap;

    if (n > 0 && n + 2 < cap) {
        memcpy(buf + n, "; ", 3);
        n += 2;
    }
    if (n + 1 >= cap)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + n, cap - n, fmt, ap);
    va_end(ap);
    utf8_trim(buf);
}

static int input_err(struct rules_err *err, const char *field, const char *fmt,
                     ...) __attribute__((format(printf, 3, 4)));

static int input_err(struct rules_err *err, const char *field, const char *fmt,
                     ...)
{
    va_list ap;

    if (err == NULL)
        return RULES_EINPUT;
    err->file[0] = '\0';
    err->line = 0;
    snprintf(err->field, sizeof err->field, "%s", field);
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    utf8_trim(err->message);
    return RULES_EINPUT;
}

const char *rules_benefit_name(int benefit)
{
    static const char *const names[] = {"monthly", "care", "nurturing",
                                        "funeral"};

    if (benefit < 0 || benefit > RULES_FUNERAL)
        return "";
    return names[benefit];
}

/* --- Lookups -------------------------------------------------------------
 */

/* 1 if row w applies to the month of c as the law was known on c's day:
 * a row not yet known does not exist; a row whose successor is not yet
 * known stays in force over the successor's period (rules_int.h). */
static int active(const struct ctx *c, const struct rules_row *w)
{
    if (w->known_from > c->known)
        return 0;
    if (w->from > c->mi)
        return 0;
    if (c->mi >= w->to &&
        (w->shadow_until <= c->known || c->mi >= w->shadow_to))
        return 0;
    return w->province[0] == '\0' || strcmp(w->province, c->q->province) == 0;
}

#define FOR_KIND(c, k, w)                                                      \
    for (size_t i_##w = 0; i_##w < (c)->r->nby_kind[k]; i_##w++)               \
        for (const struct rules_row *w =                                       \
                 &(c)->r->rows[(c)->r->by_kind[k][i_##w]];                     \
             w != NULL; w = NULL)

/* The level `key` ("standard", "social_pension") in force: the national
 * row, or the province's when higher. NULL when none. */
static const struct rules_row *level_row(const struct ctx *c, const char *key)
{
    const struct rules_row *nat = NULL, *ov = NULL;

    FOR_KIND(c, RK_LEVEL, w)
    {
        if (!active(c, w) || strcmp(w->key, key) != 0)
            continue;
        if (w->province[0] == '\0')
            nat = w;
        else
            ov = w;
    }
    if (ov != NULL && (nat == NULL || ov->value > nat->value))
        return ov;
    return nat;
}

/* The coefficient row of `kind` for code (or case), subject, disability,
 * age and count in force: the national row, or the province's when
 * higher. Among rows with count_min, the largest not above count. */
static const struct rules_row *coeff_row(const struct ctx *c, int kind,
                                         const char *code, int child,
                                         int disability, int age, int count)
{
    const struct rules_row *best[2] = {NULL, NULL}; /* national, overlay */

    FOR_KIND(c, kind, w)
    {
        int layer = w->province[0] != '\0';

        if (!active(c, w) || w->child != child ||
            !rules__key_matches(w->key, code) ||
            !rules__disability_matches(w->disability, disability))
            continue;
        if ((w->age_min >= 0 && age < w->age_min) ||
            (w->age_max >= 0 && age > w->age_max))
            continue;
        if (w->count_min > count)
            continue;
        if (best[layer] == NULL || w->count_min > best[layer]->count_min)
            best[layer] = w;
    }
    if (best[1] != NULL && (best[0] == NULL || best[1]->value > best[0]->value))
        return best[1];
    return best[0];
}

/* 1 if any row of kind (any period, any province) has key code and
 * subject child (child < 0: any subject). */
static int any_row(const struct rules *r, int kind, const char *code, int child)
{
    size_t i;

    for (i = 0; i < r->nby_kind[kind]; i++) {
        const struct rules_row *w = &r->rows[r->by_kind[kind][i]];

        if ((child < 0 || w->child == child) &&
            rules__key_matches(w->key, code))
            return 1;
    }
    return 0;
}

/* The month in which a person born `birth` reaches age n. */
static struct month month_reaching(struct date birth, int n)
{
    struct month m = {birth.y + n, birth.m};

    if (date_age_in_month(birth, m) < n)
        m = month_add(m, 1);
    return m;
}

/* Check the limit rows of (kind, code, subject) for someone born `birth`.
 * Rows are alternatives: one that holds is enough; no rows, no limit.
 * Returns 1 if eligible; 0 with the reasons in why, the rules_ref of the
 * first failing row in *ref and, when a row with continues_as failed only
 * on its upper age, that row in *cont. */
static int limits_hold(const struct ctx *c, int kind, const char *code,
                       int child, struct date birth, int studying, char *why,
                       size_t cap, const char **ref,
                       const struct rules_row **cont)
{
    int age = date_age_in_month(birth, c->q->month);
    int prev = date_age_in_month(birth, month_add(c->q->month, -1));
    int nrows = 0;

    why[0] = '\0';
    *ref = NULL;
    if (cont != NULL)
        *cont = NULL;
    FOR_KIND(c, kind, w)
    {
        char when[8];

        if (!active(c, w) || w->child != child ||
            !rules__key_matches(w->key, code))
            continue;
        nrows++;
        if (*ref == NULL)
            *ref = w->rules_ref;
        if (w->age_min >= 0 && age < w->age_min) {
            month_format_vn(month_reaching(birth, w->age_min), when);
            text_add(why, cap, "chưa đủ %d tuổi (đủ tuổi từ tháng %s)",
                     w->age_min, when);
        } else if (w->age_end >= 0 && prev >= w->age_end) {
            month_format_vn(month_reaching(birth, w->age_end), when);
            text_add(why, cap,
                     "đã qua tháng đủ %d tuổi (%s): thôi hưởng từ tháng sau "
                     "tháng đó",
                     w->age_end, when);
            if (cont != NULL && w->target[0] != '\0')
                *cont = w;
        } else if (w->condition == RCOND_STUDYING && !studying) {
            text_add(why, cap, "không đang đi học");
        } else if (w->condition == RCOND_POOR && !c->q->poor_or_near_poor) {
            text_add(why, cap, "không thuộc hộ nghèo, hộ cận nghèo");
        } else {
            why[0] = '\0';
            *ref = NULL;
            if (cont != NULL)
                *cont = NULL;
            return 1;
        }
    }
    return nrows == 0;
}

/* --- Result building ------------------------------------------------------
 */

static void add_ineligible(struct ctx *c, const char *category, int child,
                           const char *reason, const char *ref)
{
    struct rules_ineligible *e;

    if (c->out->nineligible >= RULES_MAX_LINES)
        return; /* cannot happen with the request caps */
    e = &c->out->ineligible[c->out->nineligible++];
    snprintf(e->category, sizeof e->category, "%s", category);
    e->child = child;
    snprintf(e->reason, sizeof e->reason, "%s", reason);
    utf8_trim(e->reason);
    e->rules_ref = ref != NULL ? ref : "RULES.md §2.3";
}

/* Append a line for coefficient row w on level row lv. */
static int add_line(struct ctx *c, const char *category,
                    const struct rules_row *w, const struct rules_row *lv,
                    int child, int age)
{
    struct rules_line *l;
    int64_t amount;

    if (money_apply_coeff(lv->value, (int)w->value, &amount) != MONEY_OK) {
        /* rules_finish proved every product exact: defensive only. */
        if (c->err != NULL) {
            snprintf(c->err->message, sizeof c->err->message,
                     "%s, dòng %zu: mức %lld nhân hệ số không ra số đồng "
                     "nguyên",
                     w->file, w->line, (long long)lv->value);
            utf8_trim(c->err->message);
            snprintf(c->err->field, sizeof c->err->field, "%s", "");
        }
        return RULES_EPARAM;
    }
    if (c->out->nlines >= RULES_MAX_LINES)
        return RULES_EPARAM; /* cannot happen with the request caps */
    l = &c->out->lines[c->out->nlines++];
    snprintf(l->category, sizeof l->category, "%s", category);
    l->case_code = (w->kind == RK_COEFF) ? NULL : w->key;
    l->label = w->label;
    l->child = child;
    l->age = age;
    l->coeff_milli = (int)w->value;
    l->level = lv->value;
    l->amount = amount;
    l->basis = w->basis;
    l->rules_ref = w->rules_ref;
    l->confidence = w->confidence;
    l->level_basis = lv->basis;
    l->level_confidence = lv->confidence;
    l->paid = 0;
    l->note[0] = '\0';
    return RULES_OK;
}

static const struct rules_row *base_level(const struct ctx *c,
                                          const struct rules_row *w)
{
    return w->base == RBASE_PENSION ? level_row(c, "social_pension")
                                    : c->level_row;
}

static const char *disability_name(int d)
{
    return d == RULES_DIS_SEVERE              ? "khuyết tật nặng"
           : d == RULES_DIS_ESPECIALLY_SEVERE ? "khuyết tật đặc biệt nặng"
                                              : "không khuyết tật";
}

/* Why no coefficient row of kind applies to code this month. */
static void no_coeff_why(const struct ctx *c, int kind, const char *code,
                         int disability, int age, char *why, size_t cap)
{
    char month[8];
    int any_active = 0;

    month_format_vn(c->q->month, month);
    FOR_KIND(c, kind, w)
    {
        if (active(c, w) && rules__key_matches(w->key, code))
            any_active = 1;
    }
    if (!any_active)
        textf(why, cap, "không có quy định áp dụng trong tháng %s", month);
    else
        textf(why, cap,
              "không có hệ số cho trường hợp này (%d tuổi, %s) trong tháng %s",
              age, disability_name(disability), month);
}

/* --- Monthly allowance (§2.3, §2.5, §2.6) ---------------------------------
 */

/* Lines of a per-child category (K4: 1.0 for each child, §2.3). */
static int per_child(struct ctx *c, const char *code)
{
    const struct rules_request *q = c->q;
    char why[RULES_REASON_SIZE];
    const char *ref;
    size_t i;
    int rc;

    if (!limits_hold(c, RK_LIMIT, code, 0, q->birth, q->studying, why,
                     sizeof why, &ref, NULL)) {
        add_ineligible(c, code, -1, why, ref);
        return RULES_OK;
    }
    if (q->nchildren == 0) {
        add_ineligible(c, code, -1,
                       "không có con nào trong yêu cầu (trường children)",
                       "RULES.md §2.2");
        return RULES_OK;
    }
    for (i = 0; i < q->nchildren; i++) {
        const struct rules_child *k = &q->children[i];
        int age = date_age_in_month(k->birth, q->month);
        const struct rules_row *w;

        if (age < 0) {
            add_ineligible(c, code, (int)i, "con chưa sinh trong tháng này",
                           "RULES.md §2.2");
            continue;
        }
        if (!limits_hold(c, RK_LIMIT, code, 1, k->birth, k->studying, why,
                         sizeof why, &ref, NULL)) {
            add_ineligible(c, code, (int)i, why, ref);
            continue;
        }
        w = coeff_row(c, RK_COEFF, code, 1, RULES_DIS_NONE, age, 0);
        if (w == NULL) {
            no_coeff_why(c, RK_COEFF, code, RULES_DIS_NONE, age, why,
                         sizeof why);
            add_ineligible(c, code, (int)i, why, "RULES.md §2.3");
            continue;
        }
        rc = add_line(c, code, w, base_level(c, w), (int)i, age);
        if (rc != RULES_OK)
            return rc;
    }
    return RULES_OK;
}

static int requested(const struct rules_request *q, const char *code)
{
    size_t i;

    for (i = 0; i < q->ncategories; i++)
        if (strcmp(q->categories[i], code) == 0)
            return 1;
    return 0;
}

static int has_line(const struct rules_result *o, const char *category)
{
    size_t i;

    for (i = 0; i < o->nlines; i++)
        if (strcmp(o->lines[i].category, category) == 0)
            return 1;
    return 0;
}

/* Try one category (or "social_pension") for the person: 1 and a line
 * appended, 0 with the reason in why and its rules_ref in *ref, or a
 * negative rules_rc. `depth` stops a continuation chain. */
static int try_category(struct ctx *c, const char *code, int depth, char *why,
                        size_t cap, const char **ref)
{
    const struct rules_request *q = c->q;
    const struct category_info *ci = category_find(code, strlen(code));
    const struct rules_row *cont, *w, *lv;
    char month[8];
    int rc;

    month_format_vn(q->month, month);
    if (code[0] == 'L') {
        int in_force = 0;

        FOR_KIND(c, RK_CATEGORY, d)
        {
            if (active(c, d) && strcmp(d->key, code) == 0)
                in_force = 1;
        }
        if (!in_force) {
            textf(why, cap,
                  "diện địa phương %s không có hiệu lực trong tháng "
                  "%s",
                  code, month);
            *ref = "RULES.md §2.1";
            return 0;
        }
    }
    if (ci != NULL && ci->needs_disability && q->disability == RULES_DIS_NONE) {
        textf(why, cap,
              "cần mức độ khuyết tật nặng hoặc đặc biệt nặng (giấy xác nhận "
              "khuyết tật)");
        *ref = "RULES.md §2.2";
        return 0;
    }
    if (!limits_hold(c, RK_LIMIT, code, 0, q->birth, q->studying, why, cap, ref,
                     &cont)) {
        char why2[RULES_REASON_SIZE];
        const char *ref2;

        if (cont == NULL || depth > 0)
            return 0;
        if (!q->studying) {
            text_add(why, cap,
                     "không đang đi học nên không tiếp tục theo "
                     "diện %s",
                     cont->target);
            return 0;
        }
        if (requested(q, cont->target) || has_line(c->out, cont->target)) {
            text_add(why, cap, "đang đi học: xem diện %s", cont->target);
            return 0;
        }
        rc = try_category(c, cont->target, depth + 1, why2, sizeof why2, &ref2);
        if (rc < 0)
            return rc;
        if (rc == 1) {
            struct rules_line *l = &c->out->lines[c->out->nlines - 1];

            textf(l->note, sizeof l->note,
                  "Tiếp tục hưởng theo diện %s sau diện %s vì đang đi học "
                  "(%s)",
                  cont->target, code, cont->basis);
            text_add(why, cap, "tiếp tục hưởng theo diện %s", cont->target);
        } else {
            text_add(why, cap, "không tiếp tục được theo diện %s: %s",
                     cont->target, why2);
        }
        return 0;
    }
    w = coeff_row(c, RK_COEFF, code, 0, q->disability, c->age, 0);
    if (w == NULL) {
        no_coeff_why(c, RK_COEFF, code, q->disability, c->age, why, cap);
        *ref = strcmp(code, "social_pension") == 0 ? "RULES.md §6.6"
                                                   : "RULES.md §2.3";
        return 0;
    }
    lv = base_level(c, w);
    if (lv == NULL) {
        textf(why, cap, "không có mức áp dụng trong tháng %s", month);
        *ref = w->rules_ref;
        return 0;
    }
    rc = add_line(c, code, w, lv, -1, c->age);
    return rc < 0 ? rc : 1;
}

/* The stack row letting per-child category k be paid on top of a line of
 * category single, or NULL. */
static const struct rules_row *stack_row(const struct ctx *c, const char *k,
                                         const char *single)
{
    FOR_KIND(c, RK_STACK, w)
    {
        if (active(c, w) && rules__key_matches(w->key, k) &&
            rules__key_matches(w->target, single))
            return w;
    }
    return NULL;
}

/* Choose what is paid (Art. 6(2), RULES.md §2.5): the single highest line;
 * or all the lines of a per-child category (K4) alone, or with the highest
 * line it may stack with (K5, K6, K8). The largest total wins; on a tie
 * the earlier option (single lines first, in line order). */
static void choose_paid(struct ctx *c, const char *rules_ref)
{
    struct rules_result *o = c->out;
    int64_t best_total = 0;
    size_t i, j;
    int best_single = -1;          /* line index of the chosen single */
    const char *best_group = NULL; /* per-child category chosen */
    const struct rules_row *best_stack = NULL;

    for (i = 0; i < o->nlines; i++) {
        if (o->lines[i].child < 0 && o->lines[i].amount > best_total) {
            best_total = o->lines[i].amount;
            best_single = (int)i;
        }
    }
    for (i = 0; i < o->nlines; i++) {
        const char *k = o->lines[i].category;
        int64_t group = 0, top = 0;
        int top_idx = -1;
        const struct rules_row *top_stack = NULL;

        if (o->lines[i].child < 0)
            continue;
        for (j = 0; j < i; j++) /* first line of its category only */
            if (o->lines[j].child >= 0 && strcmp(o->lines[j].category, k) == 0)
                break;
        if (j < i)
            continue;
        for (j = 0; j < o->nlines; j++)
            if (o->lines[j].child >= 0 && strcmp(o->lines[j].category, k) == 0)
                group += o->lines[j].amount;
        for (j = 0; j < o->nlines; j++) {
            const struct rules_row *s;

            if (o->lines[j].child >= 0 || o->lines[j].amount <= top)
                continue;
            s = stack_row(c, k, o->lines[j].category);
            if (s != NULL) {
                top = o->lines[j].amount;
                top_idx = (int)j;
                top_stack = s;
            }
        }
        if (group > best_total) {
            best_total = group;
            best_single = -1;
            best_group = k;
            best_stack = NULL;
        }
        if (top_idx >= 0 && group + top > best_total) {
            best_total = group + top;
            best_single = top_idx;
            best_group = k;
            best_stack = top_stack;
        }
    }
    for (i = 0; i < o->nlines; i++) {
        struct rules_line *l = &o->lines[i];

        l->paid = (l->child < 0 && (int)i == best_single) ||
                  (l->child >= 0 && best_group != NULL &&
                   strcmp(l->category, best_group) == 0);
        if (l->paid && best_stack != NULL)
            text_add(l->note, sizeof l->note, "%s (%s; %s)", best_stack->label,
                     best_stack->basis, best_stack->rules_ref);
        else if (!l->paid)
            text_add(l->note, sizeof l->note, "%s (%s)", HIGHEST_NOTE,
                     rules_ref);
    }
    o->total = best_total;
}

static int monthly(struct ctx *c)
{
    const struct rules_request *q = c->q;
    char why[RULES_REASON_SIZE];
    const char *ref;
    size_t i;
    int rc;

    for (i = 0; i < q->ncategories; i++) {
        const char *code = q->categories[i];

        if (c->age < 0) {
            add_ineligible(c, code, -1, "chưa sinh trong tháng này",
                           "RULES.md §2.2");
            continue;
        }
        if (any_row(c->r, RK_COEFF, code, 1)) {
            rc = per_child(c, code);
            if (rc != RULES_OK)
                return rc;
            continue;
        }
        rc = try_category(c, code, 0, why, sizeof why, &ref);
        if (rc < 0)
            return rc;
        if (rc == 0)
            add_ineligible(c, code, -1, why, ref);
    }
    if (q->social_pension) {
        if (c->age < 0) {
            add_ineligible(c, "social_pension", -1, "chưa sinh trong tháng này",
                           "RULES.md §6.6");
        } else {
            rc = try_category(c, "social_pension", 0, why, sizeof why, &ref);
            if (rc < 0)
                return rc;
            if (rc == 0)
                add_ineligible(c, "social_pension", -1, why, ref);
        }
    }
    choose_paid(c, "RULES.md §2.5");
    return RULES_OK;
}

/* --- Other benefits ---------------------------------------------------------
 */

/* Residential nurturing (§4): its own allowance, which excludes the
 * monthly allowance (Art. 25(5)). */
static int nurturing(struct ctx *c)
{
    const struct rules_request *q = c->q;
    char why[RULES_REASON_SIZE];
    size_t i;
    int rc, found = 0;

    for (i = 0; i < q->ncategories; i++)
        add_ineligible(c, q->categories[i], -1,
                       "không hưởng đồng thời trợ cấp xã hội hằng tháng và "
                       "trợ cấp nuôi dưỡng tại cơ sở trợ giúp xã hội "
                       "(Nghị định 20/2021/NĐ-CP, Điều 25 khoản 5)",
                       "RULES.md §2.5");
    if (c->age < 0) {
        add_ineligible(c, "nurturing", -1, "chưa sinh trong tháng này",
                       "RULES.md §4");
        return RULES_OK;
    }
    FOR_KIND(c, RK_NURTURING, w)
    {
        const struct rules_row *b;
        size_t j;
        int dup = 0;

        /* One line per case key, the first time the key is seen. */
        for (j = 0; j < c->out->nlines; j++)
            if (strcmp(c->out->lines[j].case_code, w->key) == 0)
                dup = 1;
        if (dup || !active(c, w))
            continue;
        b = coeff_row(c, RK_NURTURING, w->key, 0, q->disability, c->age, 0);
        if (b == NULL)
            continue;
        rc = add_line(c, "nurturing", b, base_level(c, b), -1, c->age);
        if (rc != RULES_OK)
            return rc;
        found = 1;
    }
    if (!found) {
        no_coeff_why(c, RK_NURTURING, "resident", q->disability, c->age, why,
                     sizeof why);
        add_ineligible(c, "nurturing", -1, why, "RULES.md §4");
    }
    choose_paid(c, "RULES.md §4");
    return RULES_OK;
}

/* Caregiver support (§3) for the cared-for person of the request. */
static int care(struct ctx *c)
{
    const struct rules_request *q = c->q;
    const char *cs = q->care_case;
    char why[RULES_REASON_SIZE];
    const struct rules_row *w;
    const char *ref;
    size_t i;
    int count = q->pregnant ? 1 : 0, counted = 0, rc;

    if (c->age < 0) {
        add_ineligible(c, "care", -1, "chưa sinh trong tháng này",
                       "RULES.md §3");
        return RULES_OK;
    }
    if (!limits_hold(c, RK_CARE_LIMIT, cs, 0, q->birth, q->studying, why,
                     sizeof why, &ref, NULL)) {
        add_ineligible(c, "care", -1, why, ref);
        return RULES_OK;
    }
    for (i = 0; i < q->nchildren; i++) {
        const struct rules_child *k = &q->children[i];

        if (date_age_in_month(k->birth, q->month) < 0) {
            add_ineligible(c, "care", (int)i, "con chưa sinh trong tháng này",
                           "RULES.md §3");
            continue;
        }
        if (!limits_hold(c, RK_CARE_LIMIT, cs, 1, k->birth, k->studying, why,
                         sizeof why, &ref, NULL)) {
            add_ineligible(c, "care", (int)i, why, ref);
            continue;
        }
        count++;
    }
    FOR_KIND(c, RK_CARE, r)
    {
        if (active(c, r) && strcmp(r->key, cs) == 0 && r->count_min > 0)
            counted = 1;
    }
    if (counted && count == 0) {
        add_ineligible(c, "care", -1,
                       "không mang thai và không nuôi con trong độ tuổi quy "
                       "định",
                       "RULES.md §3");
        return RULES_OK;
    }
    w = coeff_row(c, RK_CARE, cs, 0, q->disability, c->age, count);
    if (w == NULL) {
        no_coeff_why(c, RK_CARE, cs, q->disability, c->age, why, sizeof why);
        add_ineligible(c, "care", -1, why, "RULES.md §3");
        return RULES_OK;
    }
    rc = add_line(c, "care", w, base_level(c, w), -1, c->age);
    if (rc != RULES_OK)
        return rc;
    choose_paid(c, "RULES.md §3");
    return RULES_OK;
}

/* Funeral support (§2.8): the level of the month of death; only the
 * highest of several cases is paid (Art. 11(2)). */
static int funeral(struct ctx *c)
{
    const struct rules_request *q = c->q;
    char why[RULES_REASON_SIZE];
    size_t i;
    int rc;

    for (i = 0; i < q->nfuneral; i++) {
        const struct rules_row *w, *lv;

        w = coeff_row(c, RK_FUNERAL, q->funeral[i], 0, RULES_DIS_NONE, 0, 0);
        lv = w != NULL ? base_level(c, w) : NULL;
        if (w == NULL || lv == NULL) {
            char month[8];

            month_format_vn(q->month, month);
            textf(why, sizeof why,
                  "trường hợp %s không có quy định áp dụng trong tháng %s",
                  q->funeral[i], month);
            add_ineligible(c, "funeral", -1, why, "RULES.md §2.8");
            continue;
        }
        rc = add_line(c, "funeral", w, lv, -1, -1);
        if (rc != RULES_OK)
            return rc;
    }
    choose_paid(c, "RULES.md §2.8");
    return RULES_OK;
}

/* --- Validation and entry point --------------------------------------------
 */

/* A request code for a message: printable ASCII, '?' for anything else. */
static const char *code_echo(const char *code, char out[RULES_CODE_SIZE])
{
    size_t i;

    for (i = 0; i + 1 < RULES_CODE_SIZE && code[i] != '\0'; i++)
        out[i] =
            code[i] > 0x20 && code[i] < 0x7f && code[i] != '"' ? code[i] : '?';
    out[i] = '\0';
    return out;
}

/* 1 if every code of q is NUL-terminated within its array. */
static int codes_terminated(const struct rules_request *q)
{
    size_t i;

    if (strnlen(q->care_case, RULES_CODE_SIZE) == RULES_CODE_SIZE)
        return 0;
    for (i = 0; i < q->ncategories && i < RULES_MAX_CATEGORIES; i++)
        if (strnlen(q->categories[i], RULES_CODE_SIZE) == RULES_CODE_SIZE)
            return 0;
    for (i = 0; i < q->nfuneral && i < RULES_MAX_CASES; i++)
        if (strnlen(q->funeral[i], RULES_CODE_SIZE) == RULES_CODE_SIZE)
            return 0;
    return 1;
}

static int check_request(const struct ctx *c)
{
    const struct rules_request *q = c->q;
    const struct rules *r = c->r;
    char field[64], echo[RULES_CODE_SIZE];
    size_t i, j;
    int per_child_cat = 0;

    if (q->known_on.y != 0 &&
        !date_is_valid(q->known_on.y, q->known_on.m, q->known_on.d))
        return input_err(c->err, "known_on",
                         "Ngày áp dụng hiểu biết về quy định không hợp lệ.");
    if (q->month.y < RULES_FIRST_YEAR ||
        (q->month.y == RULES_FIRST_YEAR && q->month.m < RULES_FIRST_MONTH) ||
        q->month.m < 1 || q->month.m > 12)
        return input_err(c->err, "month",
                         "Tháng phải từ 07/2021 (Nghị định 20/2021/NĐ-CP có "
                         "hiệu lực từ 01/07/2021).");
    if (q->benefit < RULES_MONTHLY || q->benefit > RULES_FUNERAL)
        return input_err(c->err, "benefit", "Loại trợ giúp không hợp lệ.");
    if (q->benefit != RULES_FUNERAL && !q->has_person)
        return input_err(c->err, "person", "Thiếu thông tin đối tượng.");
    if (q->province[0] != '\0' &&
        (strnlen(q->province, sizeof q->province) != 2 ||
         q->province[0] < '0' || q->province[0] > '9' || q->province[1] < '0' ||
         q->province[1] > '9'))
        return input_err(c->err, "province", "Mã tỉnh phải có 2 chữ số.");
    if (q->ncategories > RULES_MAX_CATEGORIES ||
        q->nchildren > RULES_MAX_CHILDREN || q->nfuneral > RULES_MAX_CASES)
        return input_err(c->err, "", "Yêu cầu quá lớn.");
    if (!codes_terminated(q))
        return input_err(c->err, "", "Mã diện hoặc trường hợp quá dài.");
    for (i = 0; i < q->ncategories; i++) {
        const char *code = q->categories[i];
        size_t n = strnlen(code, RULES_CODE_SIZE);
        int known = 0;

        snprintf(field, sizeof field, "categories[%zu]", i);
        if (n == RULES_CODE_SIZE)
            return input_err(c->err, field, "Mã diện quá dài.");
        if (category_find(code, n) != NULL) {
            known = 1;
        } else if (code[0] == 'L') {
            const char *prov = NULL;

            for (j = 0; j < r->nby_kind[RK_CATEGORY]; j++) {
                const struct rules_row *d =
                    &r->rows[r->by_kind[RK_CATEGORY][j]];

                if (strcmp(d->key, code) == 0)
                    prov = d->province;
            }
            if (prov != NULL && strcmp(prov, q->province) != 0)
                return input_err(c->err, field,
                                 "Diện %s là diện riêng của tỉnh %s: cần "
                                 "\"province\": \"%s\".",
                                 code, prov, prov);
            known = prov != NULL;
        }
        if (!known)
            return input_err(c->err, field, "Diện không tồn tại: \"%s\".",
                             code_echo(code, echo));
        for (j = 0; j < i; j++)
            if (strcmp(q->categories[j], code) == 0)
                return input_err(c->err, field, "Diện %s bị lặp lại.", code);
        if (any_row(r, RK_COEFF, code, 1))
            per_child_cat = 1;
    }
    if (q->benefit == RULES_CARE) {
        snprintf(field, sizeof field, "care.case");
        if (!any_row(r, RK_CARE, q->care_case, -1) || q->care_case[0] == '\0')
            return input_err(c->err, field,
                             "Trường hợp hỗ trợ chăm sóc không tồn tại: "
                             "\"%s\".",
                             code_echo(q->care_case, echo));
        if (q->nchildren > 0 && !any_row(r, RK_CARE_LIMIT, q->care_case, 1))
            return input_err(c->err, "children",
                             "Trường hợp %s không tính theo con "
                             "(bỏ trường children).",
                             q->care_case);
    } else if (q->nchildren > 0 &&
               (q->benefit != RULES_MONTHLY || !per_child_cat)) {
        return input_err(c->err, "children",
                         "Danh sách con chỉ dùng cho diện tính theo từng "
                         "con (K4) hoặc hỗ trợ chăm sóc người khuyết tật "
                         "nuôi con.");
    }
    for (i = 0; i < q->nfuneral; i++) {
        snprintf(field, sizeof field, "funeral.cases[%zu]", i);
        if (!any_row(r, RK_FUNERAL, q->funeral[i], -1))
            return input_err(c->err, field,
                             "Trường hợp hỗ trợ mai táng không tồn tại: "
                             "\"%s\".",
                             code_echo(q->funeral[i], echo));
        for (j = 0; j < i; j++)
            if (strcmp(q->funeral[j], q->funeral[i]) == 0)
                return input_err(c->err, field, "Trường hợp %s bị lặp lại.",
                                 q->funeral[i]);
    }
    if (q->benefit == RULES_FUNERAL && q->nfuneral == 0)
        return input_err(c->err, "funeral.cases",
                         "Cần ít nhất một trường hợp hỗ trợ mai táng.");
    return RULES_OK;
}

int rules_compute(const struct rules *r, const struct rules_request *q,
                  struct rules_result *out, struct rules_err *err)
{
    struct ctx c;
    int rc;

    if (r == NULL || !r->finished)
        return RULES_ESTATE;
    c.r = r;
    c.q = q;
    c.out = out;
    c.err = err;
    out->nlines = 0;
    out->nineligible = 0;
    out->total = 0;
    out->month = q->month;
    out->benefit = q->benefit;
    out->age = -1;
    out->standard_level = 0;
    out->level_basis = NULL;
    out->level_rules_ref = NULL;
    out->level_confidence = RULES_CONFIRMED;
    rc = check_request(&c);
    if (rc != RULES_OK)
        return rc;
    c.mi = rules__month_index(q->month);
    c.known = INT64_MAX;
    if (q->known_on.y != 0)
        c.known = date_to_days(q->known_on);
    c.age = q->has_person ? date_age_in_month(q->birth, q->month) : -1;
    c.level_row = level_row(&c, "standard");
    if (c.level_row == NULL) {
        char month[8];

        month_format_vn(q->month, month);
        input_err(err, "month",
                  "Không có mức chuẩn trợ giúp xã hội nào có hiệu lực trong "
                  "tháng %s.",
                  month);
        return RULES_ENOLEVEL;
    }
    c.level = c.level_row->value;
    out->age = c.age;
    out->standard_level = c.level;
    out->level_basis = c.level_row->basis;
    out->level_confidence = c.level_row->confidence;
    out->level_rules_ref = c.level_row->rules_ref;
    switch (q->benefit) {
    case RULES_MONTHLY:
        return monthly(&c);
    case RULES_CARE:
        return care(&c);
    case RULES_NURTURING:
        return nurturing(&c);
    default:
        return funeral(&c);
    }
}
