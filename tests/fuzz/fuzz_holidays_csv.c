/* fuzz_holidays_csv.c: the holiday schedule parser and calendar builder
 * (core/workdays.h) on arbitrary bytes.
 *
 * Invariants: an error leaves no calendar and a message naming the file; a
 * calendar lists its entries in strictly increasing date order, each with a
 * name and a basis, a worked day only on a weekend and a day off only on a
 * weekday; and the queries agree with each other around dates taken from
 * the input: workdays_add(s, n) is a working day after s, and
 * workdays_between(s, workdays_add(s, n)) == n.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/workdays.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_entries(const struct workdays_calendar *cal)
{
    struct date from = {WORKDAYS_FIRST_YEAR, 1, 1};
    struct date to = {WORKDAYS_LAST_YEAR, 12, 31};
    const struct workdays_entry *e;
    size_t n, i;

    CHECK(workdays_entries(cal, from, to, &e, &n) == WORKDAYS_OK);
    CHECK(n > 0);
    for (i = 0; i < n; i++) {
        int wd = date_weekday(e[i].date);

        CHECK(i == 0 || date_cmp(e[i - 1].date, e[i].date) < 0);
        CHECK(e[i].name != NULL && e[i].name[0] != '\0');
        CHECK(e[i].basis != NULL && e[i].basis[0] != '\0');
        CHECK(e[i].why == WORKDAYS_HOLIDAY || e[i].why == WORKDAYS_DAY_OFF ||
              e[i].why == WORKDAYS_WORKED);
        if (e[i].why == WORKDAYS_WORKED)
            CHECK(wd >= 6);
        if (e[i].why == WORKDAYS_DAY_OFF)
            CHECK(wd <= 5);
        /* a year with data has nothing from the rules */
        CHECK(!(e[i].estimated && workdays_has_data(cal, e[i].date.y)));
    }
}

/* Queries from a start day and a count taken from the input. */
static void check_queries(const struct workdays_calendar *cal,
                          const uint8_t *data, size_t size)
{
    struct date s = {2024, 1, 1}, d, nx;
    struct workdays_day info;
    unsigned v = 0;
    size_t i;
    int n, k, between;

    for (i = 0; i < size && i < 8; i++)
        v = v * 131 + data[i];
    s = date_add_days(s, (int64_t)(v % 1200));
    n = (int)((v / 1200) % 40);
    CHECK(workdays_day(cal, s, &info) == WORKDAYS_OK);
    CHECK(workdays_is_working(cal, s) == info.working);
    CHECK(workdays_add(cal, s, n, &d) == WORKDAYS_OK);
    CHECK(workdays_between(cal, s, d, &between) == WORKDAYS_OK);
    CHECK(between == n);
    CHECK(workdays_between(cal, d, s, &k) == WORKDAYS_OK);
    CHECK(k == -n);
    if (n > 0) {
        CHECK(date_cmp(d, s) > 0);
        CHECK(workdays_is_working(cal, d) == 1);
    }
    CHECK(workdays_next(cal, s, &nx) == WORKDAYS_OK);
    CHECK(workdays_is_working(cal, nx) == 1);
    CHECK(date_cmp(nx, s) >= 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct workdays_calendar *cal = NULL;
    char err[512];
    int rc;

    err[0] = '\0';
    rc = workdays_calendar_new("fuzz.csv", (const char *)data, size, &cal, err,
                               sizeof(err));
    if (rc != WORKDAYS_OK) {
        CHECK(rc < 0 && cal == NULL);
        CHECK(strncmp(err, "fuzz.csv", 8) == 0);
        return 0;
    }
    CHECK(cal != NULL);
    check_entries(cal);
    check_queries(cal, data, size);
    workdays_calendar_free(cal);
    return 0;
}
