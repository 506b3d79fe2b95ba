/* cases_body.h: the JSON bodies of the task and reorganisation API,
 * parsed and checked for shape before the use cases (app/tasks.h,
 * app/reorganise.h) check the values.
 *
 * On top of hjson_parse_object (caps, duplicate keys, NFC): only the keys
 * of the mode are accepted (an unknown or misspelt key is refused, never
 * ignored), each with its type and a length cap.
 *
 *   done        note (string, required); version (integer >= 1, or
 *               If-Match); unit_code (string)
 *   generate    month (string, required)
 *   reorganise  to (string, required); dry_run (boolean)
 */
#ifndef ANSINH_HTTP_CASES_BODY_H
#define ANSINH_HTTP_CASES_BODY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct hjson_err;

enum cases_body_mode {
    CASES_BODY_DONE = 0,
    CASES_BODY_GENERATE,
    CASES_BODY_REORGANISE,
    CASES_BODY_MODES
};

/* A parsed body: strings borrowed from root (NULL when absent), version
 * -1 when absent, dry_run 0 when absent. */
struct cases_body {
    json_t *root;
    int64_t version;
    const char *note, *unit_code, *month, *to;
    int dry_run;
};

/* Parse (data, len) for mode. Returns 0 (HJSON_OK) with *out filled (free
 * with cases_body_free), or a negative hjson_rc with err naming the field
 * ("invalid_json", "too_large", "invalid_text", "unknown_field",
 * "missing_field", "invalid_field"); *out is then empty. */
int cases_body_parse(const char *data, size_t len, int mode,
                     struct cases_body *out, struct hjson_err *err);

/* Release what b holds. NULL-safe. */
void cases_body_free(struct cases_body *b);

#endif
