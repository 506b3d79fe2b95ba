/* log.h: leveled logging as logfmt lines on stderr (journald collects them).
 *
 * Messages are logged once, at the edge (the HTTP handler or the CLI command)
 * that decides what an error means, never at every layer it passes through.
 */
#ifndef ANSINH_UTIL_LOG_H
#define ANSINH_UTIL_LOG_H

enum log_level {
    LOG_LEVEL_DEBUG = 0,
    LOG_LEVEL_INFO = 1,
    LOG_LEVEL_WARN = 2,
    LOG_LEVEL_ERROR = 3
};

/* Set the minimum level written (default LOG_LEVEL_INFO; ANSINH_LOG=debug|info|
 * warn|error overrides it at the first call of log_init). */
void log_init(void);
void log_set_level(enum log_level level);
/* Write one line: `ts=... level=... msg="..."` plus the formatted key=value
 * pairs the caller gives in fmt (already logfmt). Thread-safe. */
void log_write(enum log_level level, const char *msg, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#define log_debug(msg, ...) log_write(LOG_LEVEL_DEBUG, msg, __VA_ARGS__)
#define log_info(msg, ...)  log_write(LOG_LEVEL_INFO, msg, __VA_ARGS__)
#define log_warn(msg, ...)  log_write(LOG_LEVEL_WARN, msg, __VA_ARGS__)
#define log_error(msg, ...) log_write(LOG_LEVEL_ERROR, msg, __VA_ARGS__)

#endif
