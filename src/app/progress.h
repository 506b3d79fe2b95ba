/* progress.h: how a long use case reports how far it got, to whoever
 * runs it (the HTTP progress registry, a command line, a test). The use
 * case calls fn on its own thread, synchronously, between units of work;
 * fn must be quick and must not call back into the use case.
 */
#ifndef ANSINH_APP_PROGRESS_H
#define ANSINH_APP_PROGRESS_H

#include <stdint.h>

/* fn(arg, done, total): done of total units (persons, rows) are handled,
 * 0 <= done <= total. A use case reports done == total once when it has
 * finished its work (before its answer returns). arg is the caller's,
 * passed back as is. */
struct app_progress {
    void (*fn)(void *arg, int64_t done, int64_t total);
    void *arg;
};

/* Report done of total through p; nothing when p or p->fn is NULL. */
static inline void app_progress_report(const struct app_progress *p,
                                       int64_t done, int64_t total)
{
    if (p != NULL && p->fn != NULL)
        p->fn(p->arg, done, total);
}

#endif
