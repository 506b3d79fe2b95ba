/* log.c: logfmt lines on stderr (see log.h). */
#include "util/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum log_level min_level = LOG_LEVEL_INFO;

static const char *level_names[] = {"debug", "info", "warn", "error"};

void log_init(void)
{
    const char *e = getenv("ANSINH_LOG");
    int i;

    if (e == NULL)
        return;
    for (i = 0; i < 4; i++)
        if (strcmp(e, level_names[i]) == 0)
            min_level = (enum log_level)i;
}

void log_set_level(enum log_level level)
{
    min_level = level;
}

void log_write(enum log_level level, const char *msg, const char *fmt, ...)
{
    char line[2048];
    char ts[32];
    struct timespec now;
    struct tm tm;
    size_t n;
    va_list ap;
    const char *p;

    if (level < min_level)
        return;
    clock_gettime(CLOCK_REALTIME, &now);
    gmtime_r(&now.tv_sec, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    n = (size_t)snprintf(line, sizeof line, "ts=%s.%03ldZ level=%s msg=\"", ts,
                         now.tv_nsec / 1000000L, level_names[level]);
    for (p = msg; *p && n + 3 < sizeof line; p++) {
        if (*p == '"' || *p == '\\')
            line[n++] = '\\';
        line[n++] = (*p == '\n') ? ' ' : *p;
    }
    if (n + 1 < sizeof line)
        line[n++] = '"';
    if (fmt && *fmt && n + 2 < sizeof line) {
        line[n++] = ' ';
        va_start(ap, fmt);
        vsnprintf(line + n, sizeof line - n, fmt, ap);
        va_end(ap);
        n = strlen(line);
    }
    if (n + 1 >= sizeof line)
        n = sizeof line - 2;
    line[n++] = '\n';
    /* one fwrite per line keeps concurrent lines whole */
    fwrite(line, 1, n, stderr);
}
