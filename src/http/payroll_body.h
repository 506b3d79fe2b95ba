/* payroll_body.h: the JSON bodies of the payroll API, parsed and checked
 * for shape before the use cases (app/payroll.h) check the values.
 *
 * On top of hjson_parse_object (caps, duplicate keys, NFC): only the keys
 * of the mode are accepted, each with its type and a cap.
 *
 *   prepare  area (string, required), month (string 'YYYY-MM', required),
 *            lookback (integer 0..120)
 *   move     version (integer >= 1; or If-Match)
 *   block    ref (string, required), reason (string, or null to release)
 */
#ifndef ANSINH_HTTP_PAYROLL_BODY_H
#define ANSINH_HTTP_PAYROLL_BODY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct hjson_err;

enum payroll_body_mode {
    PAY_BODY_PREPARE = 0,
    PAY_BODY_MOVE,
    PAY_BODY_BLOCK,
    PAY_BODY_MODES
};

/* A parsed body: strings borrowed from root (NULL when absent or null),
 * integers -1 when absent. */
struct payroll_body {
    json_t *root;
    const char *area, *month, *ref, *reason;
    int64_t lookback, version;
};

/* Parse (data, len) for mode. Returns 0 with *out filled (free with
 * payroll_body_free), or a negative hjson_rc with err naming the field
 * ("invalid_json", "too_large", "invalid_text", "unknown_field",
 * "missing_field", "invalid_field"); *out is then empty. */
int payroll_body_parse(const char *data, size_t len, int mode,
                       struct payroll_body *out, struct hjson_err *err);

/* Release what b holds. NULL-safe. */
void payroll_body_free(struct payroll_body *b);

#endif
