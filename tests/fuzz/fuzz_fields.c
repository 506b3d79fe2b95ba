/* fuzz_fields.c: the field parsers of the domain core on arbitrary bytes.
 *
 * Every input goes through each parser (dates, months, text cleaning and
 * folding, CCCD numbers, coefficients, category codes) and, where the input
 * is long enough, through the money formatters and the collator. Beyond
 * "no crash, no leak, no UB", each result is checked against invariants:
 * what parses formats back to the same value, cleaned and folded text is
 * valid UTF-8 and stable under a second pass, and so on.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/cccd.h"
#include "core/collate.h"
#include "core/date.h"
#include "core/money.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Like assert(), but never compiled out. */
#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void fuzz_dates(const char *s, size_t n)
{
    struct date d;
    struct month m;
    char buf[11], mbuf[8];
    int age;

    if (date_parse_iso(s, n, &d) == DATE_OK) {
        CHECK(date_is_valid(d.y, d.m, d.d));
        date_format_iso(d, buf);
        CHECK(n == 10 && memcmp(buf, s, 10) == 0);
        CHECK(date_cmp(date_from_days(date_to_days(d)), d) == 0);
        CHECK(date_weekday(d) >= 1 && date_weekday(d) <= 7);
        CHECK(date_age_on(d, d) == 0);
        /* A year later the birthday month ends past the birthday, except
         * for 29/02 in a common year. */
        age = date_age_in_month(d, month_add(month_of(d), 12));
        CHECK(age == 1 || (age == 0 && d.m == 2 && d.d == 29));
        CHECK(date_age_in_month(d, month_add(month_of(d), 13)) == 1);
    }
    if (date_parse_vn(s, n, &d) == DATE_OK) {
        struct date again;

        CHECK(date_is_valid(d.y, d.m, d.d));
        date_format_vn(d, buf);
        CHECK(date_parse_vn(buf, 10, &again) == DATE_OK);
        CHECK(date_cmp(again, d) == 0);
    }
    if (month_parse_iso(s, n, &m) == DATE_OK) {
        month_format_iso(m, mbuf);
        CHECK(n == 7 && memcmp(mbuf, s, 7) == 0);
        CHECK(month_cmp(month_add(month_add(m, 25), -25), m) == 0);
    }
}

static int has_control(const char *s, size_t n, int newline_ok)
{
    size_t i;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c < 0x20 && !(c == '\n' && newline_ok)) || c == 0x7f)
            return 1;
        /* C1 controls U+0080..U+009F are C2 80..C2 9F */
        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9f)
            return 1;
    }
    return 0;
}

static void fuzz_clean(const char *s, size_t n, size_t max_chars, int flags)
{
    char *out = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    int rc = text_clean(s, n, max_chars, flags, &out, &len);

    if (!text_valid_utf8(s, n)) {
        CHECK(rc == TEXT_EUTF8);
        CHECK(out == NULL);
        return;
    }
    CHECK(rc != TEXT_EUTF8);
    if (rc != TEXT_OK) {
        CHECK(out == NULL);
        return;
    }
    CHECK(out != NULL && strlen(out) == len);
    CHECK(text_valid_utf8(out, len));
    CHECK(!has_control(out, len, (flags & TEXT_ALLOW_NEWLINE) != 0));
    CHECK(max_chars == 0 || text_char_count(out, len) <= max_chars);
    if (flags & TEXT_REQUIRED)
        CHECK(len > 0);
    if ((flags & TEXT_TRIM) && len > 0) {
        CHECK(out[0] != ' ' && out[len - 1] != ' ');
        CHECK(strstr(out, "  ") == NULL);
    }
    /* Cleaning is idempotent. */
    CHECK(text_clean(out, len, max_chars, flags, &again, &len2) == TEXT_OK);
    CHECK(len2 == len && memcmp(again, out, len) == 0);
    free(again);
    free(out);
}

static void fuzz_fold(const char *s, size_t n)
{
    char *out = NULL;
    size_t len = 0, i;
    int rc = text_fold(s, n, &out, &len);

    if (!text_valid_utf8(s, n)) {
        CHECK(rc == TEXT_EUTF8 && out == NULL);
        return;
    }
    CHECK(rc == TEXT_OK && out != NULL && strlen(out) == len);
    CHECK(text_valid_utf8(out, len));
    for (i = 0; i < len; i++) {
        CHECK(!(out[i] >= 'A' && out[i] <= 'Z'));
        CHECK((unsigned char)out[i] >= 0x20 && out[i] != 0x7f);
    }
    CHECK(strstr(out, "\xc4\x91") == NULL); /* đ became d */
    CHECK(strstr(out, "\xc4\x90") == NULL); /* and so did Đ */
    CHECK(strstr(out, "\xc3\xb0") == NULL); /* and the eth ð */
    CHECK(strstr(out, "  ") == NULL);
    if (len > 0)
        CHECK(out[0] != ' ' && out[len - 1] != ' ');
    free(out);
}

static void fuzz_cccd(const char *s, size_t n, size_t msglen)
{
    struct cccd_info info;
    char msg[256];
    char num[13];
    uint32_t serial = 0;
    size_t i;
    int rc;

    memset(msg, 'x', sizeof msg);
    rc = cccd_parse(s, n, &info, msg, msglen);
    if (msglen > 0) {
        CHECK(memchr(msg, '\0', msglen) != NULL);
        CHECK(text_valid_utf8(msg, strlen(msg)));
        CHECK((rc == CCCD_OK) == (msg[0] == '\0') || msglen == 1);
    }
    if (rc != CCCD_OK)
        return;
    if (info.kind == CCCD_KIND_CMND) {
        CHECK(n == 9);
        return;
    }
    CHECK(info.kind == CCCD_KIND_CCCD && n == 12);
    CHECK(cccd_province_name(info.province) != NULL);
    CHECK(info.sex == 'M' || info.sex == 'F');
    CHECK(cccd_check_person(&info, info.birth_year, info.sex, msg,
                            sizeof msg) == CCCD_OK);
    CHECK(cccd_check_person(&info, info.birth_year + 1, info.sex, msg,
                            sizeof msg) == CCCD_EYEAR);
    CHECK(text_valid_utf8(msg, strlen(msg)));
    CHECK(cccd_check_person(&info, info.birth_year, info.sex == 'M' ? 'F' : 'M',
                            msg, sizeof msg) == CCCD_ESEX);
    /* Rebuilding from the parts gives back the same 12 digits. */
    for (i = 6; i < 12; i++)
        serial = serial * 10 + (uint32_t)(s[i] - '0');
    CHECK(cccd_make(info.province, info.birth_year, info.sex, serial, num) ==
          CCCD_OK);
    CHECK(memcmp(num, s, 12) == 0);
}

static void fuzz_money(const char *s, size_t n)
{
    int milli = -1, again = -1;
    char buf[16];
    int64_t r;

    if (money_parse_coeff(s, n, &milli) == MONEY_OK) {
        CHECK(milli >= 0 && milli <= 999999999);
        money_format_coeff(milli, buf);
        CHECK(money_parse_coeff(buf, strlen(buf), &again) == MONEY_OK);
        CHECK(again == milli);
        /* Whole thousands of đồng times any coefficient are exact. */
        CHECK(money_apply_coeff(540000, milli, &r) == MONEY_OK);
        CHECK(r == (int64_t)540 * milli);
    }
}

/* Amounts and words from the first 8 bytes as an int64. */
static void fuzz_amount(const uint8_t *data, size_t size)
{
    char out[400];
    int64_t v, r;
    uint64_t u = 0;
    size_t i, len;
    int coeff;

    if (size < 12)
        return;
    for (i = 0; i < 8; i++)
        u = (u << 8) | data[i];
    memcpy(&v, &u, sizeof v);
    memcpy(&coeff, data + 8, sizeof coeff);

    CHECK(money_format_vnd(v, out, sizeof out) == MONEY_OK);
    CHECK(text_valid_utf8(out, strlen(out)));
    CHECK(money_words_vi(v, out, sizeof out) == MONEY_OK);
    len = strlen(out);
    CHECK(text_valid_utf8(out, len));
    CHECK(len >= strlen("đồng") &&
          strcmp(out + len - strlen("đồng"), "đồng") == 0);
    CHECK(money_words_vi(v, out, len) == MONEY_ESPACE && out[0] == '\0');

    switch (money_apply_coeff(v, coeff, &r)) {
    case MONEY_OK:
        CHECK(r >= -MONEY_MAX && r <= MONEY_MAX);
        break;
    case MONEY_EOVERFLOW:
    case MONEY_EINEXACT:
        break;
    default:
        CHECK(0);
    }
}

static struct collate *collator;

static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static void fuzz_collate(const char *s, size_t n)
{
    size_t half = n / 2;
    int ab, ba;

    if (collator == NULL)
        collator = collate_new_vi(); /* kept for the process, like ICU's */
    CHECK(collator != NULL);
    ab = collate_cmp(collator, s, half, s + half, n - half);
    ba = collate_cmp(collator, s + half, n - half, s, half);
    CHECK(sign(ab) == -sign(ba));
    CHECK(collate_cmp(collator, s, n, s, n) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const struct category_info *cat;

    fuzz_dates(s, size);
    fuzz_clean(s, size, 0, 0);
    fuzz_clean(s, size, 40, TEXT_TRIM | TEXT_REQUIRED);
    fuzz_clean(s, size, 0, TEXT_TRIM | TEXT_ALLOW_NEWLINE);
    fuzz_clean(s, size, 5, TEXT_ALLOW_NEWLINE);
    fuzz_fold(s, size);
    fuzz_cccd(s, size, sizeof(char[256]));
    fuzz_cccd(s, size, size % 40);
    fuzz_money(s, size);
    fuzz_amount(data, size);
    fuzz_collate(s, size);
    cat = category_find(s, size);
    if (cat != NULL)
        CHECK(strlen(cat->code) == size && memcmp(cat->code, s, size) == 0);
    return 0;
}
