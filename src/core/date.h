/* date.h: civil dates and months, pure arithmetic (no clock, no I/O).
 *
 * Dates are proleptic Gregorian (y, m, d). Storage and the API use ISO
 * 'YYYY-MM-DD'; people read dd/mm/yyyy (date_format_vn). Ages follow the
 * rules engine's convention (RULES.md §2.3, §2.6): an age band changes in
 * the month of the birthday, so the age that matters for a month is the age
 * reached during that month (date_age_in_month).
 */
#ifndef ANSINH_CORE_DATE_H
#define ANSINH_CORE_DATE_H

#include <stddef.h>
#include <stdint.h>

enum date_rc {
    DATE_OK = 0,
    DATE_EFORMAT = -1, /* not the expected shape (digits, separators) */
    DATE_ERANGE = -2   /* shape fine but no such day (2025-02-30), or the
                          year is outside 1800..2200 */
};

struct date {
    int y, m, d;
};

struct month {
    int y, m;
};

/* 1 if (y, m, d) is a real day with 1800 <= y <= 2200, else 0. */
int date_is_valid(int y, int m, int d);
/* Days in month m (1..12) of year y. */
int date_days_in_month(int y, int m);
/* Parse exactly 'YYYY-MM-DD' from (s, len). DATE_OK, DATE_EFORMAT or
 * DATE_ERANGE; *out is written only on success. */
int date_parse_iso(const char *s, size_t len, struct date *out);
/* Parse 'dd/mm/yyyy' (also 'd/m/yyyy', 'd/mm/yyyy', 'dd/m/yyyy'), as
 * Vietnamese forms write dates; nothing else (no spaces, no two-digit
 * year). Same results as date_parse_iso. */
int date_parse_vn(const char *s, size_t len, struct date *out);
/* Parse exactly 'YYYY-MM' (year 1800..2200, else DATE_ERANGE). */
int month_parse_iso(const char *s, size_t len, struct month *out);
/* Write 'YYYY-MM-DD' / 'dd/mm/yyyy' / 'YYYY-MM' / 'mm/yyyy' with a NUL.
 * For a valid date or month (years 0..9999); never writes past out. */
void date_format_iso(struct date d, char out[11]);
void date_format_vn(struct date d, char out[11]);
void month_format_iso(struct month m, char out[8]);
void month_format_vn(struct month m, char out[8]);
/* Days since 1970-01-01 (negative before), and back; date_from_days and
 * date_add_days need |days| < 10^11, far beyond any real date. */
int64_t date_to_days(struct date d);
struct date date_from_days(int64_t days);
/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int date_weekday(struct date d);
/* <0, 0, >0 like strcmp. */
int date_cmp(struct date a, struct date b);
int month_cmp(struct month a, struct month b);
struct date date_add_days(struct date d, int64_t n);
/* Month arithmetic: month_add({2026,12}, 1) = {2027,1}. */
struct month month_add(struct month m, int n);
/* The month containing d, and the first day of a month. */
struct month month_of(struct date d);
struct date month_first_day(struct month m);
/* Completed years of age on day `on` (a person born 29/02 turns a year older
 * on 01/03 in common years). Negative if on < birth. */
int date_age_on(struct date birth, struct date on);
/* Age reached during month m: the age the person has on the last day of m.
 * A child born 2023-01-10 has age 3 in December 2026 and 4 in January 2027. */
int date_age_in_month(struct date birth, struct month m);

#endif
