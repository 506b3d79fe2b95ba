/* payroll.c: payroll lines from entitlement and settlement, their order,
 * explanation and canonical serialisation (see payroll.h). */
#include "core/payroll.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"

static const char *const kind_codes[PAYROLL_KIND_COUNT] = {
    "allowance", "care",    "arrears", "recovery",
    "rollover",  "funeral", "oneoff"};

static const char *const kind_names[PAYROLL_KIND_COUNT] = {
    "Trợ cấp xã hội hằng tháng",
    "Hỗ trợ kinh phí chăm sóc",
    "Truy lĩnh",
    "Thu hồi",
    "Chuyển kỳ (chưa nhận)",
    "Hỗ trợ chi phí mai táng",
    "Chi một lần"};

static const char *const benefit_codes[PAYROLL_BENEFIT_COUNT] = {
    "monthly", "care", "funeral", "oneoff"};

/* What each benefit is, in a sentence ("trợ cấp xã hội hằng tháng"). */
static const char *const benefit_names[PAYROLL_BENEFIT_COUNT] = {
    "trợ cấp xã hội hằng tháng", "hỗ trợ kinh phí chăm sóc",
    "hỗ trợ chi phí mai táng", "khoản chi một lần"};

const char *payroll_kind_code(int kind)
{
    return kind >= 0 && kind < PAYROLL_KIND_COUNT ? kind_codes[kind] : "";
}

const char *payroll_kind_name(int kind)
{
    return kind >= 0 && kind < PAYROLL_KIND_COUNT ? kind_names[kind] : "";
}

const char *payroll_benefit_code(int benefit)
{
    return benefit >= 0 && benefit < PAYROLL_BENEFIT_COUNT
               ? benefit_codes[benefit]
               : "";
}

int payroll_kind_parse(const char *s)
{
    int i;

    for (i = 0; s != NULL && i < PAYROLL_KIND_COUNT; i++)
        if (strcmp(s, kind_codes[i]) == 0)
            return i;
    return -1;
}

int payroll_benefit_parse(const char *s)
{
    int i;

    for (i = 0; s != NULL && i < PAYROLL_BENEFIT_COUNT; i++)
        if (strcmp(s, benefit_codes[i]) == 0)
            return i;
    return -1;
}

/* --- What is owed -------------------------------------------------------
 */

void payroll_due_from_result(const struct rules_result *res,
                             struct payroll_due *out)
{
    size_t i, used = 0;
    int mixed = 0, first = 1;

    memset(out, 0, sizeof *out);
    out->confidence = RULES_CONFIRMED;
    if (res == NULL || res->total <= 0)
        return;
    out->amount = res->total;
    for (i = 0; i < res->nlines; i++) {
        const struct rules_line *l = &res->lines[i];
        size_t len = strlen(l->category);

        if (!l->paid)
            continue;
        if (first) {
            out->level = l->level;
            out->basis = l->basis;
            out->level_basis = l->level_basis;
            out->rules_ref = l->rules_ref;
            out->label = l->label;
            first = 0;
        } else if (l->level != out->level) {
            mixed = 1;
        }
        out->coeff_milli += l->coeff_milli;
        if (l->confidence > out->confidence)
            out->confidence = l->confidence;
        if (l->level_confidence > out->confidence)
            out->confidence = l->level_confidence;
        /* Each category once, in the order paid ("K4+K6"). */
        if (used > 0) {
            const char *p = out->category;
            int seen = 0;

            while (p != NULL && !seen) {
                const char *end = strchr(p, '+');
                size_t n = end ? (size_t)(end - p) : strlen(p);

                seen = n == len && memcmp(p, l->category, n) == 0;
                p = end ? end + 1 : NULL;
            }
            if (seen)
                continue;
            if (used + 1 + len >= sizeof out->category)
                continue;
            out->category[used++] = '+';
        } else if (len >= sizeof out->category) {
            continue;
        }
        memcpy(out->category + used, l->category, len);
        used += len;
        out->category[used] = '\0';
    }
    if (mixed)
        out->coeff_milli = 0;
}

struct month payroll_window_start(struct month pay, int lookback)
{
    struct month first = {RULES_FIRST_YEAR, RULES_FIRST_MONTH};
    struct month m;

    if (lookback < 0)
        lookback = 0;
    if (lookback > PAYROLL_LOOKBACK_MAX)
        lookback = PAYROLL_LOOKBACK_MAX;
    m = month_add(pay, -lookback);
    return month_cmp(m, first) < 0 ? first : m;
}

/* --- Lines --------------------------------------------------------------
 */

struct sink {
    struct payroll_line *out;
    size_t cap, n;
    int full;
};

static void put(struct sink *s, const struct payroll_line *l)
{
    if (s->n >= s->cap) {
        s->full = 1;
        return;
    }
    s->out[s->n++] = *l;
}

static void from_due(struct payroll_line *l, const struct payroll_due *d)
{
    memcpy(l->category, d->category, sizeof l->category);
    l->coeff_milli = d->coeff_milli;
    l->level = d->level;
    l->basis = d->basis;
    l->level_basis = d->level_basis;
    l->rules_ref = d->rules_ref;
    l->label = d->label;
    l->confidence = d->confidence;
}

/* The lines of one stream (monthly or care) over the window. */
static void stream_lines(const struct payroll_person_in *in,
                         const struct payroll_month_in *months, int benefit,
                         struct sink *s)
{
    size_t i;

    for (i = 0; i < in->nmonths; i++) {
        const struct payroll_month_in *m = &months[i];
        int current = i + 1 == in->nmonths;
        int64_t diff = m->due.amount - m->settled;
        struct payroll_line l;

        if (diff == 0 || (!current && !m->covered && m->settled == 0))
            continue;
        memset(&l, 0, sizeof l);
        l.person_id = in->person_id;
        l.benefit = benefit;
        l.benefit_month = m->month;
        l.amount = diff;
        l.entitled = m->due.amount;
        l.settled = m->settled;
        l.decision_id = m->decision_id;
        l.decision_ref = m->decision_ref;
        from_due(&l, &m->due);
        if (diff > 0)
            l.kind = !current                       ? PAYROLL_ARREARS
                     : benefit == PAYROLL_B_MONTHLY ? PAYROLL_ALLOWANCE
                                                    : PAYROLL_CARE;
        else
            l.kind = PAYROLL_RECOVERY;
        if (l.kind == PAYROLL_RECOVERY && l.rules_ref == NULL)
            l.rules_ref = "RULES.md §2.6";
        put(s, &l);
    }
}

static void once_lines(const struct payroll_person_in *in,
                       const struct payroll_once_in *v, size_t n, int kind,
                       struct sink *s)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int64_t diff = v[i].due.amount - v[i].settled;
        struct payroll_line l;

        if (diff <= 0)
            continue;
        memset(&l, 0, sizeof l);
        l.person_id = in->person_id;
        l.kind = kind;
        l.benefit =
            kind == PAYROLL_FUNERAL ? PAYROLL_B_FUNERAL : PAYROLL_B_ONEOFF;
        l.benefit_month = v[i].month;
        l.amount = diff;
        l.entitled = v[i].due.amount;
        l.settled = v[i].settled;
        from_due(&l, &v[i].due);
        if (kind == PAYROLL_FUNERAL) {
            l.decision_id = v[i].id;
            l.decision_ref = v[i].decision_ref;
        } else {
            l.oneoff_id = v[i].id;
        }
        put(s, &l);
    }
}

static int months_ok(const struct payroll_person_in *in,
                     const struct payroll_month_in *v)
{
    size_t i;

    if (v == NULL)
        return 1;
    for (i = 0; i < in->nmonths; i++) {
        struct month want =
            month_add(in->pay_month, (int)i + 1 - (int)in->nmonths);

        if (month_cmp(v[i].month, want) != 0 || v[i].due.amount < 0 ||
            v[i].settled < -MONEY_MAX || v[i].settled > MONEY_MAX)
            return 0;
    }
    return 1;
}

static int line_cmp_void(const void *a, const void *b)
{
    return payroll_line_cmp(a, b);
}

int payroll_person_lines(const struct payroll_person_in *in,
                         struct payroll_line *out, size_t cap, size_t *n)
{
    struct sink s = {out, cap, 0, 0};
    size_t i;

    *n = 0;
    if (in->nmonths == 0 || in->nmonths > PAYROLL_MAX_MONTHS ||
        in->monthly == NULL || !months_ok(in, in->monthly) ||
        !months_ok(in, in->care))
        return PAYROLL_EINPUT;
    for (i = 0; i < in->nrollovers; i++)
        if (in->rollovers[i].amount <= 0 || in->rollovers[i].amount > MONEY_MAX)
            return PAYROLL_EINPUT;
    stream_lines(in, in->monthly, PAYROLL_B_MONTHLY, &s);
    if (in->care != NULL)
        stream_lines(in, in->care, PAYROLL_B_CARE, &s);
    once_lines(in, in->funerals, in->nfunerals, PAYROLL_FUNERAL, &s);
    once_lines(in, in->oneoffs, in->noneoffs, PAYROLL_ONEOFF, &s);
    for (i = 0; i < in->nrollovers; i++) {
        const struct payroll_rollover_in *r = &in->rollovers[i];
        struct payroll_line l;

        memset(&l, 0, sizeof l);
        l.person_id = in->person_id;
        l.kind = PAYROLL_ROLLOVER;
        l.benefit = r->benefit;
        l.benefit_month = r->benefit_month;
        l.amount = r->amount;
        l.source_line_id = r->line_id;
        l.source_ref = r->ref;
        l.source_pay_month = r->pay_month;
        l.source_kind = r->kind;
        l.rules_ref = "RULES.md §7.1";
        l.confidence = RULES_CONFIRMED;
        if (r->category != NULL)
            snprintf(l.category, sizeof l.category, "%s", r->category);
        put(&s, &l);
    }
    if (s.n > 1)
        qsort(out, s.n, sizeof *out, line_cmp_void);
    *n = s.n;
    return s.full ? PAYROLL_ESPACE : PAYROLL_OK;
}

static int cmp64(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

int payroll_line_cmp(const struct payroll_line *a, const struct payroll_line *b)
{
    int r = (a->kind > b->kind) - (a->kind < b->kind);

    if (r == 0)
        r = month_cmp(a->benefit_month, b->benefit_month);
    if (r == 0)
        r = (a->benefit > b->benefit) - (a->benefit < b->benefit);
    if (r == 0)
        r = cmp64(a->decision_id, b->decision_id);
    if (r == 0)
        r = cmp64(a->oneoff_id, b->oneoff_id);
    if (r == 0)
        r = cmp64(a->source_line_id, b->source_line_id);
    return r < 0 ? -1 : r > 0;
}

/* --- Explanation --------------------------------------------------------
 */

/* Cut s so it does not end inside a UTF-8 sequence. */
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

struct text {
    char *p;
    size_t cap, len;
};

static void add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void add(struct text *t, const char *fmt, ...)
{
    va_list ap;
    int w;

    if (t->len + 1 >= t->cap)
        return;
    va_start(ap, fmt);
    w = vsnprintf(t->p + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    if (w < 0)
        return;
    t->len += (size_t)w;
    if (t->len >= t->cap)
        t->len = t->cap - 1;
}

static const char *vnd(int64_t v, char out[40])
{
    if (money_format_vnd(v, out, 40) != MONEY_OK)
        snprintf(out, 40, "%lld đ", (long long)v);
    return out;
}

/* "K6, hệ số 2.0 × mức chuẩn 540.000 đ = 1.080.000 đ (basis; mức chuẩn:
 * level basis)" for what was owed. */
static void add_due(struct text *t, const struct payroll_line *l,
                    int64_t amount)
{
    char a[40], lv[40], c[16];

    if (l->category[0] != '\0')
        add(t, "%s, ", l->category);
    if (l->coeff_milli > 0 && l->level > 0) {
        money_format_coeff(l->coeff_milli, c);
        add(t, "hệ số %s × mức %s = %s", c, vnd(l->level, lv), vnd(amount, a));
    } else {
        add(t, "%s", vnd(amount, a));
    }
    if (l->basis != NULL && l->basis[0] != '\0') {
        add(t, " (%s", l->basis);
        if (l->level_basis != NULL && l->level_basis[0] != '\0')
            add(t, "; mức chuẩn: %s", l->level_basis);
        add(t, ")");
    }
}

void payroll_line_explain(const struct payroll_line *l, char *out, size_t cap)
{
    struct text t = {out, cap, 0};
    char m[8], pm[8], a[40], b[40];
    int benefit = l->benefit >= 0 && l->benefit < PAYROLL_BENEFIT_COUNT
                      ? l->benefit
                      : PAYROLL_B_MONTHLY;

    if (cap == 0)
        return;
    out[0] = '\0';
    month_format_vn(l->benefit_month, m);
    switch (l->kind) {
    case PAYROLL_ALLOWANCE:
    case PAYROLL_CARE:
        add(&t, "%s tháng %s: ", payroll_kind_name(l->kind), m);
        add_due(&t, l, l->entitled);
        if (l->settled != 0)
            add(&t, "; đã chi %s cho tháng này, nay chi %s", vnd(l->settled, a),
                vnd(l->amount, b));
        break;
    case PAYROLL_ARREARS:
        add(&t, "Truy lĩnh %s tháng %s: được hưởng ", benefit_names[benefit],
            m);
        add_due(&t, l, l->entitled);
        add(&t, "; đã chi %s; truy lĩnh %s (RULES.md §2.6, §14)",
            vnd(l->settled, a), vnd(l->amount, b));
        break;
    case PAYROLL_RECOVERY:
        add(&t, "Thu hồi %s tháng %s: đã chi %s, được hưởng ",
            benefit_names[benefit], m, vnd(l->settled, a));
        if (l->entitled > 0)
            add_due(&t, l, l->entitled);
        else
            add(&t, "0 đ (không còn đủ điều kiện hưởng trong tháng)");
        add(&t, "; chi thừa %s, phải thu hồi (RULES.md §2.6)",
            vnd(-l->amount, b));
        break;
    case PAYROLL_ROLLOVER:
        month_format_vn(l->source_pay_month, pm);
        add(&t,
            "Chuyển kỳ: %s tháng %s của danh sách chi trả tháng %s (dòng "
            "%s) chưa nhận, chi tiếp %s (RULES.md §7.1)",
            payroll_kind_name(l->source_kind), m, pm,
            l->source_ref ? l->source_ref : "?", vnd(l->amount, a));
        break;
    case PAYROLL_FUNERAL:
        add(&t, "Hỗ trợ chi phí mai táng (người mất tháng %s): ", m);
        if (l->coeff_milli > 0 && l->level > 0) {
            char c[16];

            money_format_coeff(l->coeff_milli, c);
            add(&t, "%s × mức %s = %s", c, vnd(l->level, b),
                vnd(l->entitled, a));
        } else {
            add(&t, "%s", vnd(l->entitled, a));
        }
        if (l->basis != NULL && l->basis[0] != '\0')
            add(&t, " (%s)", l->basis);
        if (l->settled != 0)
            add(&t, "; đã chi %s, nay chi %s", vnd(l->settled, a),
                vnd(l->amount, b));
        break;
    case PAYROLL_ONEOFF:
        add(&t, "%s: %s mỗi người, chi tháng %s",
            l->label != NULL && l->label[0] != '\0' ? l->label
                                                    : kind_names[l->kind],
            vnd(l->entitled, a), m);
        if (l->basis != NULL && l->basis[0] != '\0')
            add(&t, " (%s)", l->basis);
        break;
    default:
        add(&t, "?");
        break;
    }
    if (l->decision_ref != NULL && l->decision_ref[0] != '\0')
        add(&t, "; quyết định %s", l->decision_ref);
    if (l->rules_ref != NULL && l->rules_ref[0] != '\0' &&
        l->kind != PAYROLL_ROLLOVER)
        add(&t, "; %s", l->rules_ref);
    if (l->confidence == RULES_UNVERIFIED)
        add(&t, "; căn cứ chưa kiểm chứng");
    add(&t, ".");
    utf8_trim(out);
}

/* --- References and points ----------------------------------------------
 */

void payroll_ref(const char *area, struct month pay, int64_t seq,
                 char out[PAYROLL_REF_SIZE])
{
    snprintf(out, PAYROLL_REF_SIZE, "%.5s-%04d%02d-%06lld", area ? area : "",
             pay.y, pay.m, (long long)seq);
}

static int starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

const char *payroll_point_kind(const char *method, const char *name)
{
    if (method != NULL && strcmp(method, "bank") == 0)
        return "bank";
    if (method != NULL && strcmp(method, "ewallet") == 0)
        return "ewallet";
    if (name == NULL)
        return "other";
    if (starts(name, "Trụ sở") || starts(name, "UBND") ||
        strstr(name, "Ủy ban nhân dân") != NULL)
        return "commune_office";
    if (starts(name, "Bưu điện") || starts(name, "Điểm Bưu điện"))
        return "post_office";
    if (starts(name, "Nhà văn hóa") || starts(name, "Nhà văn hoá"))
        return "village_hall";
    return "other";
}

/* --- Canonical serialisation --------------------------------------------
 */

int payroll_canon_text(struct buf *b, const char *s, size_t len)
{
    int rc;

    if (s == NULL)
        return buf_puts(b, "-\n");
    rc = buf_printf(b, "%zu:", len);
    if (rc == BUF_OK && len > 0)
        rc = buf_append(b, s, len);
    if (rc == BUF_OK)
        rc = buf_putc(b, '\n');
    return rc;
}

int payroll_canon_int(struct buf *b, int64_t v)
{
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%lld", (long long)v);

    return payroll_canon_text(b, tmp, (size_t)n);
}
