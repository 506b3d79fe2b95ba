/* date.c: civil date arithmetic (see date.h).
 *
 * Day counts use Howard Hinnant's days_from_civil / civil_from_days
 * algorithms over 400-year eras, exact for the whole proleptic Gregorian
 * calendar; parsing accepts only the documented shapes and the years
 * 1800..2200.
 */
#include "core/date.h"

#include <assert.h>

#define DATE_YEAR_MIN 1800
#define DATE_YEAR_MAX 2200
/* date_from_days keeps every intermediate and the year in range below this
 * (about 270 million years either way). */
#define DATE_DAYS_LIMIT INT64_C(100000000000)

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30,
                                 31, 31, 30, 31, 30, 31};

    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && is_leap(y))
        return 29;
    return days[m - 1];
}

int date_is_valid(int y, int m, int d)
{
    if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX)
        return 0;
    if (m < 1 || m > 12)
        return 0;
    return d >= 1 && d <= date_days_in_month(y, m);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Read n (1..4) ASCII digits at s into *out; 0 on success, -1 otherwise. */
static int read_digits(const char *s, size_t n, int *out)
{
    int v = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        if (!is_digit(s[i]))
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int date_parse_iso(const char *s, size_t len, struct date *out)
{
    int y, m, d;

    if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
        return DATE_EFORMAT;
    if (read_digits(s, 4, &y) || read_digits(s + 5, 2, &m) ||
        read_digits(s + 8, 2, &d))
        return DATE_EFORMAT;
    if (!date_is_valid(y, m, d))
        return DATE_ERANGE;
    out->y = y;
    out->m = m;
    out->d = d;
    return DATE_OK;
}

/* Read a run of 1 or 2 digits ending at a '/' at s[*pos]; advances *pos past
 * the '/'. 0 on success, -1 on a bad shape. */
static int read_vn_field(const char *s, size_t len, size_t *pos, int *out)
{
    size_t start = *pos;
    size_t i = start;

    while (i < len && is_digit(s[i]) && i - start < 3)
        i++;
    if (i == start || i - start > 2 || i >= len || s[i] != '/')
        return -1;
    if (read_digits(s + start, i - start, out))
        return -1;
    *pos = i + 1;
    return 0;
}

int date_parse_vn(const char *s, size_t len, struct date *out)
{
    size_t pos = 0;
    int y, m, d;

    if (s == NULL || len < 8 || len > 10)
        return DATE_EFORMAT;
    if (read_vn_field(s, len, &pos, &d) || read_vn_field(s, len, &pos, &m))
        return DATE_EFORMAT;
    if (len - pos != 4 || read_digits(s + pos, 4, &y))
        return DATE_EFORMAT;
    if (!date_is_valid(y, m, d))
        return DATE_ERANGE;
    out->y = y;
    out->m = m;
    out->d = d;
    return DATE_OK;
}

int month_parse_iso(const char *s, size_t len, struct month *out)
{
    int y, m;

    if (s == NULL || len != 7 || s[4] != '-')
        return DATE_EFORMAT;
    if (read_digits(s, 4, &y) || read_digits(s + 5, 2, &m))
        return DATE_EFORMAT;
    if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || m < 1 || m > 12)
        return DATE_ERANGE;
    out->y = y;
    out->m = m;
    return DATE_OK;
}

/* Write v as exactly n decimal digits (zero-padded, v taken modulo 10^n so
 * an out-of-contract value can never overrun the caller's array). */
static void put_digits(char *p, int v, int n)
{
    int i;

    if (v < 0)
        v = -v;
    for (i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void date_format_iso(struct date d, char out[11])
{
    put_digits(out, d.y, 4);
    out[4] = '-';
    put_digits(out + 5, d.m, 2);
    out[7] = '-';
    put_digits(out + 8, d.d, 2);
    out[10] = '\0';
}

void date_format_vn(struct date d, char out[11])
{
    put_digits(out, d.d, 2);
    out[2] = '/';
    put_digits(out + 3, d.m, 2);
    out[5] = '/';
    put_digits(out + 6, d.y, 4);
    out[10] = '\0';
}

void month_format_iso(struct month m, char out[8])
{
    put_digits(out, m.y, 4);
    out[4] = '-';
    put_digits(out + 5, m.m, 2);
    out[7] = '\0';
}

void month_format_vn(struct month m, char out[8])
{
    put_digits(out, m.m, 2);
    out[2] = '/';
    put_digits(out + 3, m.y, 4);
    out[7] = '\0';
}

/* Floor division for a possibly negative numerator. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;

    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

int64_t date_to_days(struct date d)
{
    int64_t y = (int64_t)d.y - (d.m <= 2);
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                         /* [0, 399] */
    int64_t mp = (d.m + 9) % 12;                         /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d.d - 1;          /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */

    return era * 146097 + doe - 719468;
}

struct date date_from_days(int64_t days)
{
    assert(days > -DATE_DAYS_LIMIT && days < DATE_DAYS_LIMIT);
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097; /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                      /* [0, 11] */
    struct date r;

    r.d = (int)(doy - (153 * mp + 2) / 5 + 1);
    r.m = (int)(mp < 10 ? mp + 3 : mp - 9);
    r.y = (int)(yoe + era * 400 + (r.m <= 2));
    return r;
}

int date_weekday(struct date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int64_t w = (date_to_days(d) + 3) % 7;

    if (w < 0)
        w += 7;
    return (int)w + 1;
}

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

int date_cmp(struct date a, struct date b)
{
    if (a.y != b.y)
        return cmp_int(a.y, b.y);
    if (a.m != b.m)
        return cmp_int(a.m, b.m);
    return cmp_int(a.d, b.d);
}

int month_cmp(struct month a, struct month b)
{
    if (a.y != b.y)
        return cmp_int(a.y, b.y);
    return cmp_int(a.m, b.m);
}

struct date date_add_days(struct date d, int64_t n)
{
    return date_from_days(date_to_days(d) + n);
}

struct month month_add(struct month m, int n)
{
    int64_t idx = (int64_t)m.y * 12 + (m.m - 1) + n;
    struct month r;

    r.y = (int)floor_div(idx, 12);
    r.m = (int)(idx - (int64_t)r.y * 12) + 1;
    return r;
}

struct month month_of(struct date d)
{
    struct month m;

    m.y = d.y;
    m.m = d.m;
    return m;
}

struct date month_first_day(struct month m)
{
    struct date d;

    d.y = m.y;
    d.m = m.m;
    d.d = 1;
    return d;
}

int date_age_on(struct date birth, struct date on)
{
    int age = on.y - birth.y;

    /* Not yet had this year's birthday: (month, day) still before it. A
     * 29/02 birthday compares after 28/02, so in common years the person
     * turns a year older on 01/03. */
    if (on.m < birth.m || (on.m == birth.m && on.d < birth.d))
        age--;
    return age;
}

int date_age_in_month(struct date birth, struct month m)
{
    struct date last;

    assert(m.m >= 1 && m.m <= 12);
    last.y = m.y;
    last.m = m.m;
    last.d = date_days_in_month(m.y, m.m);
    return date_age_on(birth, last);
}
