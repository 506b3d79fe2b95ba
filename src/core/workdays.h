/* workdays.h: working days (ngày làm việc) of public servants, for
 * statutory deadlines (RULES.md §6.2, §6.5: review 7 WD, posting 2 WD,
 * complaints 10 WD, the 2025 commune procedure 10 WD).
 *
 * A day is a working day unless it is a Saturday or Sunday or a day off;
 * a Saturday or Sunday worked in exchange for a swapped day (làm bù) is a
 * working day. What is rule and what is data (docs/calendar.md):
 *   - rule: the weekly rest days (Saturday, Sunday) and, for a year the
 *     data does not describe, the public holidays of the Labour Code 2019
 *     Art. 112 (1/1; Tết: the last day of the lunar year and 1-4/1 lunar;
 *     Hùng Kings 10/3 lunar, core/lunar.h; 30/4; 1/5; 2/9 and one adjacent
 *     day) with a compensatory day (nghỉ bù, Art. 111(3)) for a holiday on
 *     a weekend. Those days are marked `estimated`.
 *   - data: each year's official schedule (data/calendar/vn-holidays.csv,
 *     embedded in the binary): the holidays as the government fixed them,
 *     swapped and compensatory days off, and Saturdays worked. A year with
 *     at least one `holiday` row is described by the data alone: the rules
 *     add nothing to it, so its block must be complete (checked: 1/1, Tết,
 *     Hùng Kings, 30/4, 1/5 and 2/9 must be there).
 *
 * Counting (Civil Code 2015 Art. 147: the first day of a period is the day
 * after the event): a deadline of n working days from day `start` is the
 * n-th working day after `start`; `start` itself never counts, working day
 * or not, so a dossier received on a Saturday or during Tết is counted from
 * the first working day after. workdays_between counts the working days in
 * (a, b], so workdays_between(start, workdays_add(start, n)) == n.
 *
 * A paused clock (documents requested: the time to supplement does not
 * count) is the caller's: used = workdays_between(received, paused_on);
 * when the documents arrive on day r, the deadline is workdays_add(r,
 * n - used). docs/calendar.md gives the worked example.
 *
 * Valid for 2021-01-01 .. 2199-12-31 (the Labour Code 2019 is in force from
 * 2021; the lunar calendar ends in 2199). A calendar is immutable once
 * built: share one between threads freely.
 */
#ifndef ANSINH_CORE_WORKDAYS_H
#define ANSINH_CORE_WORKDAYS_H

#include <stddef.h>

#include "core/date.h"

#define WORKDAYS_FIRST_YEAR 2021
#define WORKDAYS_LAST_YEAR  2199

/* The embedded schedule (util/embed.h name). */
#define WORKDAYS_DATA_FILE "data/calendar/vn-holidays.csv"

enum workdays_rc {
    WORKDAYS_OK = 0,
    WORKDAYS_EFORMAT = -1,   /* data: CSV syntax, header, date, kind, text */
    WORKDAYS_ECONFLICT = -2, /* data: a date twice, a kind on the wrong day
                                of the week, a year block incomplete */
    WORKDAYS_ERANGE = -3,    /* a date or a result outside 2021..2199 */
    WORKDAYS_EINVAL = -4     /* bad arguments (NULL, invalid date, n < 0) */
};

/* Why a day is or is not a working day. */
enum workdays_why {
    WORKDAYS_WORKING = 0, /* Monday to Friday, nothing special */
    WORKDAYS_WORKED = 1,  /* a Saturday or Sunday worked in exchange (làm
                             bù): a working day */
    WORKDAYS_WEEKEND = 2, /* Saturday or Sunday (ngày nghỉ hằng tuần) */
    WORKDAYS_HOLIDAY = 3, /* a public holiday (ngày lễ, Tết), whatever the
                             day of the week */
    WORKDAYS_DAY_OFF = 4 /* a compensatory (nghỉ bù) or swapped (hoán đổi)
                            day off */
};

/* A day of the schedule: a holiday, day off or worked weekend day. Strings
 * are borrowed from the calendar (valid until workdays_calendar_free). */
struct workdays_entry {
    struct date date;
    int why;           /* WORKDAYS_HOLIDAY, WORKDAYS_DAY_OFF or
                          WORKDAYS_WORKED */
    int estimated;     /* 1: from the rules (no data for the year) */
    const char *name;  /* Vietnamese, e.g. "Tết Nguyên đán (mùng 1)" */
    const char *basis; /* the decision or notice, e.g. "Thông báo
                          9441/TB-BNV ngày 16/10/2025" */
};

/* What workdays_day says about one day. */
struct workdays_day {
    int working;       /* 1 if a working day, else 0 */
    int why;           /* enum workdays_why */
    int estimated;     /* 1 if the answer comes from the rules */
    const char *name;  /* the entry's name, "Thứ Bảy" / "Chủ nhật" for a
                          weekend, "" for a plain working day (borrowed) */
    const char *basis; /* the entry's basis, or "" (borrowed) */
};

struct workdays_calendar;

/* Build a calendar from the schedule CSV (data, len), named `name` in
 * messages (e.g. WORKDAYS_DATA_FILE); data NULL gives the rules alone.
 * The CSV has the header date,kind,name,basis and one row per day:
 *   date   YYYY-MM-DD within 2021..2199, each date once;
 *   kind   holiday (any day) | day_off (Monday..Friday) | workday
 *          (Saturday or Sunday);
 *   name   Vietnamese, required; basis: the legal basis, required.
 * The bytes are copied: data may be freed after the call. On success
 * WORKDAYS_OK and *out (free with workdays_calendar_free); on error a
 * negative workdays_rc, *out NULL and a Vietnamese message naming the file
 * and line (or year) in err (capped at errlen). */
int workdays_calendar_new(const char *name, const char *data, size_t len,
                          struct workdays_calendar **out, char *err,
                          size_t errlen);

/* Free a calendar. NULL-safe. */
void workdays_calendar_free(struct workdays_calendar *cal);

/* 1 if `year` is described by the data (official schedule), 0 if its
 * days come from the rules or it is out of range. */
int workdays_has_data(const struct workdays_calendar *cal, int year);

/* Describe day d: WORKDAYS_OK and *out; WORKDAYS_EINVAL for an invalid
 * date, WORKDAYS_ERANGE outside 2021..2199. */
int workdays_day(const struct workdays_calendar *cal, struct date d,
                 struct workdays_day *out);

/* 1 if d is a working day, 0 if not, or a negative workdays_rc as
 * workdays_day. */
int workdays_is_working(const struct workdays_calendar *cal, struct date d);

/* The deadline of n working days (n >= 0) from `start`: the n-th working
 * day after start (start itself never counts); n == 0 gives start. Errors:
 * WORKDAYS_EINVAL (n < 0, invalid date), WORKDAYS_ERANGE (start, or the
 * result, outside 2021..2199). *out is written only on success. */
int workdays_add(const struct workdays_calendar *cal, struct date start, int n,
                 struct date *out);

/* Working days d with a < d <= b into *out (0 when a == b); when b < a,
 * minus the working days in (b, a]. Errors as workdays_day. */
int workdays_between(const struct workdays_calendar *cal, struct date a,
                     struct date b, int *out);

/* The first working day on or after d (d itself if it is one): the day a
 * period ending on a day off moves to (Civil Code 2015 Art. 148). */
int workdays_next(const struct workdays_calendar *cal, struct date d,
                  struct date *out);

/* The schedule entries (holidays, days off, worked weekend days) dated
 * from..to inclusive, in date order: *out points into the calendar
 * (borrowed), *n entries. WORKDAYS_EINVAL if to < from or a date is
 * invalid; dates outside the range are clamped. */
int workdays_entries(const struct workdays_calendar *cal, struct date from,
                     struct date to, const struct workdays_entry **out,
                     size_t *n);

/* Vietnamese label of a workdays_why ("ngày lễ, Tết", ...); "" if
 * unknown. */
const char *workdays_why_label(int why);

/* Vietnamese description of a workdays_rc. */
const char *workdays_strerror(int rc);

#endif
