/* lunar.c: Gregorian <-> Vietnamese lunar dates (see lunar.h).
 *
 * Days are Julian day numbers (JDN, integer: the civil day, not the noon
 * instant), obtained from date_to_days. Month k is counted from the new
 * moon of 1900-01-01 (k = 0). The formulas are Hồ Ngọc Đức's rendering of
 * Meeus: they must stay exactly as published, because the calendar people
 * use (printed calendars, government notices) is this computation, edge
 * cases included; only the structure and the validity checks are ours.
 */
#include "core/lunar.h"

#include <math.h>
#include <stdint.h>

/* JDN of 1970-01-01, the origin of date_to_days. */
#define JDN_UNIX 2440588
/* Vietnam's time zone in days (UTC+7). */
#define TZ_DAYS (7.0 / 24.0)
/* Mean synodic month, and the JD of new moon k = 0 (1900-01-01 13:51 UTC)
 * as the published algorithm uses them to index months. */
#define SYNODIC 29.530588853
#define K0_JD   2415021.076998695

static const double pi = 3.14159265358979323846;
static const struct date first_day = {LUNAR_MIN_YEAR, 1, 1};
static const struct date last_day = {LUNAR_MAX_YEAR, 12, 31};

static int64_t jdn_of(struct date d)
{
    return date_to_days(d) + JDN_UNIX;
}

static int in_range(struct date d)
{
    return date_cmp(d, first_day) >= 0 && date_cmp(d, last_day) <= 0;
}

/* Time (JD, UT) of the k-th new moon after that of 1900-01-01. */
static double new_moon(int k)
{
    double t = k / 1236.85, t2 = t * t, t3 = t2 * t;
    double dr = pi / 180.0;
    double jd1, m, mpr, f, c1, deltat;

    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
    jd1 = jd1 + 0.00033 * sin((166.56 + 132.87 * t - 0.009173 * t2) * dr);
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
    c1 = (0.1734 - 0.000393 * t) * sin(m * dr) + 0.0021 * sin(2 * dr * m);
    c1 = c1 - 0.4068 * sin(mpr * dr) + 0.0161 * sin(dr * 2 * mpr);
    c1 = c1 - 0.0004 * sin(dr * 3 * mpr);
    c1 = c1 + 0.0104 * sin(dr * 2 * f) - 0.0051 * sin(dr * (m + mpr));
    c1 = c1 - 0.0074 * sin(dr * (m - mpr)) + 0.0004 * sin(dr * (2 * f + m));
    c1 = c1 - 0.0004 * sin(dr * (2 * f - m)) - 0.0006 * sin(dr * (2 * f + mpr));
    c1 = c1 + 0.0010 * sin(dr * (2 * f - mpr)) +
         0.0005 * sin(dr * (2 * mpr + m));
    if (t < -11)
        deltat = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 -
                 0.000000081 * t * t3;
    else
        deltat = -0.000278 + 0.000265 * t + 0.000262 * t2;
    return jd1 + c1 - deltat;
}

/* Apparent longitude of the sun at instant jd, in radians [0, 2 pi). */
static double sun_longitude(double jd)
{
    double t = (jd - 2451545.0) / 36525.0, t2 = t * t;
    double dr = pi / 180.0;
    double m, l0, dl, l;

    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin(dr * m);
    dl = dl + (0.019993 - 0.000101 * t) * sin(dr * 2 * m) +
         0.000290 * sin(dr * 3 * m);
    l = (l0 + dl) * dr;
    return l - pi * 2 * floor(l / (pi * 2));
}

/* The local (UTC+7) day on which new moon k falls. */
static int64_t new_moon_day(int k)
{
    return (int64_t)floor(new_moon(k) + 0.5 + TZ_DAYS);
}

/* Which of the 12 sectors of 30 degrees (0 = from the March equinox) the
 * sun is in at local midnight starting day jdn. */
static int sun_sector(int64_t jdn)
{
    return (int)floor(sun_longitude((double)jdn - 0.5 - TZ_DAYS) / pi * 6);
}

/* Index k of the new moon that starts the month beginning on day jdn. */
static int month_index(int64_t jdn)
{
    return (int)floor(((double)jdn - K0_JD) / SYNODIC + 0.5);
}

/* First day of lunar month 11 (the one holding the winter solstice) that
 * starts in Gregorian year y. */
static int64_t month11(int y)
{
    struct date dec31 = {y, 12, 31};
    int k = (int)floor((double)(jdn_of(dec31) - 2415021) / SYNODIC);
    int64_t nm = new_moon_day(k);

    if (sun_sector(nm) >= 9)
        nm = new_moon_day(k - 1);
    return nm;
}

/* In a 13-month year starting with month 11 on day a11: the offset (in
 * months after month 11) of the leap month, the first month whose start
 * finds the sun in the same sector as the previous month's start (no major
 * term inside the previous month). */
static int leap_offset(int64_t a11)
{
    int k = month_index(a11);
    int i = 1, last;
    int arc = sun_sector(new_moon_day(k + 1));

    do {
        last = arc;
        i++;
        arc = sun_sector(new_moon_day(k + i));
    } while (arc != last && i < 14);
    return i - 1;
}

/* Month number (1..12) repeated by a leap month at offset off. */
static int leap_month_of_offset(int off)
{
    int m = off - 2;

    return m <= 0 ? m + 12 : m;
}

int lunar_from_solar(struct date d, struct lunar_date *out)
{
    int64_t day, start, a11, b11;
    int k, diff, lm, ly, leap = 0;

    if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
        return LUNAR_EINVAL;
    if (!in_range(d))
        return LUNAR_ERANGE;
    day = jdn_of(d);
    k = (int)floor(((double)day - K0_JD) / SYNODIC);
    start = new_moon_day(k + 1);
    if (start > day)
        start = new_moon_day(k);
    /* The published code stops here and gives day 0 on 2054-05-07 and
     * 2062-04-09, where new moon k falls on the next local day: the day
     * belongs to the month before. */
    if (start > day)
        start = new_moon_day(k - 1);
    a11 = month11(d.y);
    b11 = a11;
    if (a11 >= start) {
        ly = d.y;
        a11 = month11(d.y - 1);
    } else {
        ly = d.y + 1;
        b11 = month11(d.y + 1);
    }
    /* months since month 11: each lasts 29 or 30 days */
    diff = (int)((start - a11) / 29);
    lm = diff + 11;
    if (b11 - a11 > 365) {
        int lo = leap_offset(a11);
        if (diff >= lo) {
            lm = diff + 10;
            leap = diff == lo;
        }
    }
    if (lm > 12)
        lm -= 12;
    if (lm >= 11 && diff < 4)
        ly -= 1;
    out->y = ly;
    out->m = lm;
    out->d = (int)(day - start + 1);
    out->leap = leap;
    return LUNAR_OK;
}

/* First day (JDN) of month (y, m, leap) and its length; LUNAR_EINVAL for a
 * leap flag on a month that is not leap. */
static int month_start(int y, int m, int leap, int64_t *start, int *len)
{
    int64_t a11, b11, s;
    int k, off;

    if (m < 11) {
        a11 = month11(y - 1);
        b11 = month11(y);
    } else {
        a11 = month11(y);
        b11 = month11(y + 1);
    }
    k = month_index(a11);
    off = m - 11;
    if (off < 0)
        off += 12;
    if (b11 - a11 > 365) {
        int lo = leap_offset(a11);
        if (leap && m != leap_month_of_offset(lo))
            return LUNAR_EINVAL;
        if (leap || off >= lo)
            off += 1;
    } else if (leap) {
        return LUNAR_EINVAL;
    }
    s = new_moon_day(k + off);
    *start = s;
    *len = (int)(new_moon_day(k + off + 1) - s);
    return LUNAR_OK;
}

int lunar_to_solar(struct lunar_date l, struct date *out)
{
    struct date d;
    int64_t start;
    int len, rc;

    if (l.m < 1 || l.m > 12 || l.d < 1 || l.d > 30 ||
        (l.leap != 0 && l.leap != 1))
        return LUNAR_EINVAL;
    /* lunar year 1899 holds the first days of January 1900 */
    if (l.y < LUNAR_MIN_YEAR - 1 || l.y > LUNAR_MAX_YEAR)
        return LUNAR_ERANGE;
    rc = month_start(l.y, l.m, l.leap, &start, &len);
    if (rc != LUNAR_OK)
        return rc;
    if (l.d > len)
        return LUNAR_EINVAL;
    d = date_from_days(start + l.d - 1 - JDN_UNIX);
    if (!in_range(d))
        return LUNAR_ERANGE;
    *out = d;
    return LUNAR_OK;
}

int lunar_new_year(int year, struct date *out)
{
    struct lunar_date tet = {year, 1, 1, 0};

    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
        return LUNAR_ERANGE;
    return lunar_to_solar(tet, out);
}

int lunar_leap_month(int year)
{
    int64_t a11, b11;
    int lo;

    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
        return LUNAR_ERANGE;
    /* months 1..10 of `year` lie in the months from month 11 of year - 1 */
    a11 = month11(year - 1);
    b11 = month11(year);
    if (b11 - a11 > 365) {
        lo = leap_offset(a11);
        if (lo >= 3 && lo <= 12)
            return leap_month_of_offset(lo);
    }
    /* a leap 11 or 12 follows month 11 of `year` */
    a11 = b11;
    b11 = month11(year + 1);
    if (b11 - a11 > 365) {
        lo = leap_offset(a11);
        if (lo == 1 || lo == 2)
            return leap_month_of_offset(lo);
    }
    return 0;
}

int lunar_month_length(int y, int m, int leap)
{
    struct lunar_date first = {y, m, 1, leap};
    struct date d;
    int64_t start;
    int len, rc;

    rc = lunar_to_solar(first, &d);
    if (rc != LUNAR_OK)
        return rc;
    rc = month_start(y, m, leap, &start, &len);
    return rc == LUNAR_OK ? len : rc;
}
