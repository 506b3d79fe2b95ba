/* quote.h: the rules engine as a use case: one JSON request in, one JSON
 * result out, shared by `ansinh quote` (stdin/stdout) and
 * `POST /api/v1/quote`, so both give byte-identical answers (docs/rules.md
 * has the contract).
 *
 * The rule set is built once per process (pthread_once) and never changes
 * afterwards: the national files compiled into the binary (rules/national/)
 * plus the provincial overlays of a folder ($ANSINH_RULES_DIR, or
 * app_quote_set_rules_dir before first use). A bad overlay stops the first
 * caller with the loader's message, naming the file and the line.
 */
#ifndef ANSINH_APP_QUOTE_H
#define ANSINH_APP_QUOTE_H

#include <stddef.h>
#include <stdint.h>

#include "core/rules.h"

struct db;

enum app_quote_rc {
    APP_QUOTE_OK = 0,
    APP_QUOTE_EINPUT = -1, /* the request is malformed: HTTP 400, exit 2 */
    APP_QUOTE_ERULES = -2, /* the rule files are invalid: HTTP 500, exit 1 */
    APP_QUOTE_EDB = -3     /* app_quote_all: a database error */
};

/* Largest request accepted, in bytes (a request is a few hundred). */
#define APP_QUOTE_MAX_BYTES (64u * 1024u)
/* Most overlay files read from the rules folder. */
#define APP_QUOTE_MAX_OVERLAYS 64

/* Why a request was refused: a code for the error shape ("invalid_json",
 * "too_large", "unknown_field", "missing_field", "invalid_field",
 * "no_level", "rules"), a Vietnamese message, and the field path
 * ("person.birth_date", "children[1].studying"; "" when not about one
 * field). */
struct app_quote_err {
    char code[32];
    char message[512];
    char field[128];
};

/* Use dir (copied; NULL or "": none) as the overlay folder instead of
 * $ANSINH_RULES_DIR. Returns 0, or -1 when the rule set is already
 * built (then it has no effect). Not thread-safe: call it at start-up. */
int app_quote_set_rules_dir(const char *dir);

/* The process-wide rule set, built on first call (thread-safe). Returns
 * APP_QUOTE_OK and *out (borrowed for the life of the process), or
 * APP_QUOTE_ERULES with err (code "rules") saying which file and line. */
int app_quote_rules(const struct rules **out, struct app_quote_err *err);

/* Parse request (data, len) against rule set r into *q: JSON with
 * duplicate keys rejected, unknown fields rejected, every value checked
 * for type and shape. Returns APP_QUOTE_OK or APP_QUOTE_EINPUT with err
 * naming the field. Categories and cases are checked by rules_compute. */
int app_quote_parse(const char *data, size_t len, struct rules_request *q,
                    struct app_quote_err *err);

/* The JSON text of result res for request q: compact UTF-8 ending in a
 * newline, NUL-terminated. Caller frees *out; *out_len excludes the NUL. */
void app_quote_write(const struct rules_request *q,
                     const struct rules_result *res, char **out,
                     size_t *out_len);

/* Parse, compute and write: the whole `quote` use case. Returns
 * APP_QUOTE_OK and *out (caller frees), APP_QUOTE_EINPUT (a malformed
 * request, an unknown category, a month without a level) or
 * APP_QUOTE_ERULES, with err filled and *out NULL. */
int app_quote_run(const char *data, size_t len, char **out, size_t *out_len,
                  struct app_quote_err *err);

/* What app_quote_all found. */
struct app_quote_summary {
    char month[8];
    int64_t persons;     /* persons with a membership in the month */
    int64_t payable;     /* of whom with a total > 0 */
    int64_t ineligible;  /* with total 0 (age limits passed, ...) */
    int64_t errors;      /* requests the engine refused (bad data) */
    int64_t lines;       /* computed lines */
    int64_t k4_children; /* K4 children read */
    int64_t total;       /* sum of totals, đồng */
};

/* Compute the monthly entitlement (national rules, no overlay) of every
 * person with a membership valid in month ('YYYY-MM') in one pass over the
 * database (store_quote_scan). Returns APP_QUOTE_OK and *out,
 * APP_QUOTE_EINPUT for a bad month, APP_QUOTE_ERULES, or APP_QUOTE_EDB;
 * msg (capped at msglen) explains. */
int app_quote_all(struct db *db, const char *month,
                  struct app_quote_summary *out, char *msg, size_t msglen);

struct store_quote_filter;

/* The same for the persons filter f keeps (store_quote.h): those resident
 * on the month's first day in an area, enrolled on that day: the payroll
 * of a commune, district or province for the month. APP_QUOTE_EDB also
 * for a malformed area. */
int app_quote_filtered(struct db *db, const char *month,
                       const struct store_quote_filter *f,
                       struct app_quote_summary *out, char *msg, size_t msglen);

#endif
