/* lunar.h: the Vietnamese lunar calendar (âm lịch), pure arithmetic.
 *
 * Dates are computed, not looked up: the astronomical algorithm published by
 * Hồ Ngọc Đức (new moons and sun longitude after Meeus, "Astronomical
 * Algorithms", 1998) evaluated for Vietnam's time zone, UTC+7. A lunar month
 * starts on the local day of a new moon; month 11 is the month holding the
 * winter solstice; a lunar year with 13 months repeats, as a leap month
 * (tháng nhuận), the first month after month 11 that holds no major solar
 * term. Because days are local UTC+7 days, the result differs from the
 * Chinese calendar (UTC+8) when a new moon falls between 16:00 and 17:00
 * UTC: Tết 1985 was 21/01/1985 in Vietnam but 20/02 in China, Tết 2007
 * 17/02/2007 (China 18/02). docs/calendar.md has the details.
 *
 * A lunar year is numbered by the Gregorian year in which its first day
 * (Tết, 1/1 lunar) falls: 01/01/2025 is day 2 of month 12 of lunar year
 * 2024. Valid for Gregorian dates 1900-01-01..2199-12-31 (LUNAR_MIN_YEAR ..
 * LUNAR_MAX_YEAR).
 */
#ifndef ANSINH_CORE_LUNAR_H
#define ANSINH_CORE_LUNAR_H

#include "core/date.h"

#define LUNAR_MIN_YEAR 1900
#define LUNAR_MAX_YEAR 2199

enum lunar_rc {
    LUNAR_OK = 0,
    LUNAR_ERANGE = -1, /* outside 1900-01-01..2199-12-31 */
    LUNAR_EINVAL = -2  /* no such day or month (invalid Gregorian date,
                          day 30 of a 29-day month, a leap flag on a month
                          that is not leap that year, ...) */
};

struct lunar_date {
    int y;    /* lunar year: the Gregorian year of its Tết */
    int m;    /* month 1..12 */
    int d;    /* day 1..30 */
    int leap; /* 1 if m is the year's leap month (tháng nhuận), else 0 */
};

/* Convert a Gregorian date to the lunar date. LUNAR_OK and *out, or
 * LUNAR_EINVAL for an invalid date, LUNAR_ERANGE outside the valid range;
 * *out is written only on success. */
int lunar_from_solar(struct date d, struct lunar_date *out);

/* Convert a lunar date to the Gregorian date. The lunar date must exist:
 * month 1..12, day within the month's 29 or 30 days, leap only on that
 * year's leap month (else LUNAR_EINVAL); the result must fall inside the
 * valid range (else LUNAR_ERANGE). *out is written only on success. */
int lunar_to_solar(struct lunar_date l, struct date *out);

/* Tết: the Gregorian date of 1/1 of lunar year `year` (1900..2199). */
int lunar_new_year(int year, struct date *out);

/* The leap month of lunar year `year`: 1..12, or 0 when the year has 12
 * months; LUNAR_ERANGE for a year outside 1900..2199. */
int lunar_leap_month(int year);

/* Number of days (29 or 30) of month m (leap: its leap copy) of lunar
 * year y; LUNAR_EINVAL or LUNAR_ERANGE as lunar_to_solar. */
int lunar_month_length(int y, int m, int leap);

#endif
