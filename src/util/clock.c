/* clock.c: the only place that reads the wall clock (see clock.h). */
#include "util/clock.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/log.h"

/* Vietnam has used UTC+7 without daylight saving since 1975. */
#define VN_OFFSET_SECONDS (7 * 3600)

struct date clock_today_vn(void)
{
    const char *env = getenv("ANSINH_TODAY");
    struct date d;
    time_t now;
    int64_t secs;

    if (env != NULL && env[0] != '\0') {
        if (date_parse_iso(env, strlen(env), &d) == DATE_OK)
            return d;
        log_warn("ANSINH_TODAY ignored: not a YYYY-MM-DD date", "value=\"%s\"",
                 env);
    }
    now = time(NULL);
    secs = (int64_t)now + VN_OFFSET_SECONDS;
    /* Days since 1970-01-01 in Vietnam, rounded down for times before. */
    if (secs < 0)
        return date_from_days(-((-secs + 86399) / 86400));
    return date_from_days(secs / 86400);
}

void clock_now_utc(char out[21])
{
    time_t now = time(NULL);
    struct tm tm;

    if (gmtime_r(&now, &tm) == NULL ||
        strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
        memcpy(out, "1970-01-01T00:00:00Z", 21);
    }
}
