/* clock.h: today's date in Vietnam (UTC+7, no daylight saving). Kept out of
 * core/ so the domain core never reads a clock: callers pass dates in. */
#ifndef ANSINH_UTIL_CLOCK_H
#define ANSINH_UTIL_CLOCK_H

#include "core/date.h"

/* Today's date in Asia/Ho_Chi_Minh. $ANSINH_TODAY=YYYY-MM-DD overrides it
 * (tests and training sandboxes). */
struct date clock_today_vn(void);
/* Current UTC time as 'YYYY-MM-DDTHH:MM:SSZ' (NUL-terminated). */
void clock_now_utc(char out[21]);

#endif
