/* money.c: exact amounts in đồng, coefficients in thousandths, and amounts
 * in Vietnamese words (see money.h).
 */
#include "core/money.h"

#include <assert.h>
#include <limits.h>
#include <string.h>

/* Largest coefficient accepted by money_parse_coeff: 999999.999. */
#define COEFF_INT_MAX 999999

int money_apply_coeff(int64_t level, int coeff_milli, int64_t *out)
{
    /* level = hi * 1000 + lo with |lo| < 1000, so lo * coeff fits easily
     * and the product never has to exist in 64 bits. */
    int64_t hi = level / 1000;
    int64_t lo = level % 1000;
    int64_t c = coeff_milli;
    int64_t part_lo, part_hi, r;

    if (level > MONEY_MAX || level < -MONEY_MAX)
        return MONEY_EOVERFLOW;
    part_lo = lo * c;
    if (part_lo % 1000 != 0)
        return MONEY_EINEXACT;
    part_lo /= 1000;
    if (c != 0 && (hi > MONEY_MAX / (c < 0 ? -c : c) ||
                   hi < -MONEY_MAX / (c < 0 ? -c : c)))
        return MONEY_EOVERFLOW;
    part_hi = hi * c;
    r = part_hi + part_lo; /* both within +-9.000001e15: no overflow */
    if (r > MONEY_MAX || r < -MONEY_MAX)
        return MONEY_EOVERFLOW;
    *out = r;
    return MONEY_OK;
}

int money_parse_coeff(const char *s, size_t len, int *out_milli)
{
    size_t i = 0, ndec = 0;
    int64_t ip = 0, frac = 0;

    if (s == NULL || len == 0)
        return MONEY_EFORMAT;
    if (s[0] < '0' || s[0] > '9')
        return MONEY_EFORMAT;
    for (; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
        ip = ip * 10 + (s[i] - '0');
        if (ip > COEFF_INT_MAX)
            return MONEY_EOVERFLOW;
    }
    if (i < len) {
        if (s[i] != '.' && s[i] != ',')
            return MONEY_EFORMAT;
        i++;
        if (i == len)
            return MONEY_EFORMAT; /* "2." */
        for (; i < len; i++) {
            if (s[i] < '0' || s[i] > '9' || ndec == 3)
                return MONEY_EFORMAT;
            frac = frac * 10 + (s[i] - '0');
            ndec++;
        }
        for (; ndec < 3; ndec++)
            frac *= 10;
    }
    *out_milli = (int)(ip * 1000 + frac);
    return MONEY_OK;
}

void money_format_coeff(int milli, char out[16])
{
    int64_t v = milli;
    int64_t ip, frac;
    char tmp[16];
    size_t n = 0, k;
    int i;

    if (v < 0) {
        out[n++] = '-';
        v = -v;
    }
    ip = v / 1000;
    frac = v % 1000;
    k = 0;
    do {
        tmp[k++] = (char)('0' + ip % 10);
        ip /= 10;
    } while (ip > 0);
    while (k > 0)
        out[n++] = tmp[--k];
    out[n++] = '.';
    /* Three decimals, then drop trailing zeros but keep at least one. */
    for (i = 100; i > 0; i /= 10)
        out[n++] = (char)('0' + frac / i % 10);
    while (n > 0 && out[n - 1] == '0' && out[n - 2] != '.')
        n--;
    out[n] = '\0';
}

/* Magnitude of v as unsigned, valid for INT64_MIN too. */
static uint64_t magnitude(int64_t v)
{
    return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

int money_format_vnd(int64_t dong, char *out, size_t cap)
{
    /* Longest: "-9.223.372.036.854.775.808 đ" = 29 bytes + NUL. */
    char tmp[40];
    size_t n = sizeof tmp;
    uint64_t m = magnitude(dong);
    int digits = 0;

    tmp[--n] = '\0';
    memcpy(tmp + n - 3, " \xc4\x91", 3); /* " đ" */
    n -= 3;
    do {
        if (digits > 0 && digits % 3 == 0)
            tmp[--n] = '.';
        tmp[--n] = (char)('0' + m % 10);
        m /= 10;
        digits++;
    } while (m > 0);
    if (dong < 0)
        tmp[--n] = '-';
    if (cap < sizeof tmp - n) {
        if (cap > 0)
            out[0] = '\0';
        return MONEY_ESPACE;
    }
    memcpy(out, tmp + n, sizeof tmp - n);
    return MONEY_OK;
}

/* --- Amount in words --------------------------------------------------
 *
 * Numbers are read in groups of three digits: (nghìn, triệu) inside each
 * block of nine digits, and "tỷ" between blocks, so 10^12 is "một nghìn tỷ"
 * and 10^18 "một tỷ tỷ". Usual rules:
 *   - 1 after "mươi" is "mốt" (21 hai mươi mốt), but "một" after "mười"
 *     and "linh" (11 mười một, 101 một trăm linh một);
 *   - 5 after "mười"/"mươi" is "lăm" (15 mười lăm, 25 hai mươi lăm), but
 *     "năm" after "linh" (105 một trăm linh năm);
 *   - 4 after "mươi" is "tư" (24 hai mươi tư, 34 ba mươi tư), elsewhere
 *     "bốn" (14 mười bốn, 104 một trăm linh bốn);
 *   - a zero tens digit between hundreds and units is "linh";
 *   - a group after a higher non-zero group reads its hundreds even when
 *     zero ("một triệu không trăm linh năm nghìn"); all-zero groups are
 *     skipped.
 */

static const char *const digit_words[10] = {
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

/* Words accumulate in a fixed buffer well above the longest result
 * (about 330 bytes for INT64_MIN). */
struct words {
    char s[640];
    size_t len;
};

static void words_add(struct words *w, const char *word)
{
    size_t n = strlen(word);

    assert(w->len + n + 2 < sizeof w->s);
    if (w->len > 0)
        w->s[w->len++] = ' ';
    memcpy(w->s + w->len, word, n);
    w->len += n;
    w->s[w->len] = '\0';
}

/* Read one group 0..999; `full` when a higher group was already read. */
static void words_group(struct words *w, int g, int full)
{
    int h = g / 100, t = g / 10 % 10, u = g % 10;

    if (h > 0 || full) {
        words_add(w, digit_words[h]);
        words_add(w, "trăm");
    }
    if (t == 0) {
        if (u == 0)
            return;
        if (h > 0 || full)
            words_add(w, "linh");
        words_add(w, digit_words[u]);
        return;
    }
    if (t == 1) {
        words_add(w, "mười");
    } else {
        words_add(w, digit_words[t]);
        words_add(w, "mươi");
    }
    if (u == 1)
        words_add(w, t == 1 ? "một" : "mốt");
    else if (u == 4)
        words_add(w, t == 1 ? "bốn" : "tư");
    else if (u == 5)
        words_add(w, "lăm");
    else if (u != 0)
        words_add(w, digit_words[u]);
}

/* Read n (> 0). `full` as for words_group, for the leading group. */
static void words_number(struct words *w, uint64_t n, int full)
{
    static const char *const units[3] = {"", "nghìn", "triệu"};
    uint64_t high = n / 1000000000u;
    uint32_t low = (uint32_t)(n % 1000000000u);
    int groups[3];
    int i;

    if (high > 0) {
        words_number(w, high, full);
        words_add(w, "tỷ");
        full = 1;
    }
    groups[2] = (int)(low / 1000000u);
    groups[1] = (int)(low / 1000u % 1000u);
    groups[0] = (int)(low % 1000u);
    for (i = 2; i >= 0; i--) {
        if (groups[i] == 0)
            continue;
        words_group(w, groups[i], full);
        if (i > 0)
            words_add(w, units[i]);
        full = 1;
    }
}

int money_words_vi(int64_t dong, char *out, size_t cap)
{
    struct words w;

    w.len = 0;
    w.s[0] = '\0';
    if (dong < 0)
        words_add(&w, "âm");
    if (dong == 0)
        words_add(&w, "không");
    else
        words_number(&w, magnitude(dong), 0);
    words_add(&w, "đồng");
    /* Capitalise the first letter: every reading starts with an ASCII
     * letter, except "âm" (U+00E2 -> U+00C2, second byte A2 -> 82). */
    if (w.s[0] >= 'a' && w.s[0] <= 'z')
        w.s[0] = (char)(w.s[0] - 'a' + 'A');
    else if (memcmp(w.s, "\xc3\xa2", 2) == 0)
        w.s[1] = (char)0x82;
    if (cap < w.len + 1) {
        if (cap > 0)
            out[0] = '\0';
        return MONEY_ESPACE;
    }
    memcpy(out, w.s, w.len + 1);
    return MONEY_OK;
}
