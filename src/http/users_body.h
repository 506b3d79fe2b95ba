/* users_body.h: the JSON bodies of POST /api/v1/users (create) and PATCH
 * /api/v1/users/:id (update), parsed and checked for shape before the use
 * case (app/users.h) checks the values.
 *
 * On top of hjson_parse_object (caps, duplicate keys, NFC): only the keys
 * of the mode are accepted (an unknown or misspelt one is refused, never
 * ignored), each with its type and a length cap.
 *
 *   create: username, full_name, password, role (strings, required);
 *           area_code (string or null, optional)
 *   update: version (integer >= 1; the handler may take it from If-Match
 *           instead); full_name, role, password (strings); area_code
 *           (string, or null for none); active (boolean); all optional
 */
#ifndef ANSINH_HTTP_USERS_BODY_H
#define ANSINH_HTTP_USERS_BODY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct hjson_err;

enum users_body_mode { USERS_BODY_CREATE = 0, USERS_BODY_UPDATE = 1 };

/* A parsed body. The strings are borrowed from root (NULL when absent). */
struct users_body {
    json_t *root;
    const char *username, *full_name, *password, *role, *area_code;
    int area_null;   /* area_code was given as null */
    int active;      /* -1 absent, else 0 or 1 */
    int64_t version; /* -1 absent */
};

/* Parse (data, len) for mode. Returns 0 (HJSON_OK) with *out filled (free
 * with users_body_free), or a negative hjson_rc with err naming the field
 * (codes "invalid_json", "too_large", "invalid_text", "unknown_field",
 * "missing_field", "invalid_field"); *out is then empty. */
int users_body_parse(const char *data, size_t len, int mode,
                     struct users_body *out, struct hjson_err *err);

/* Release what out holds. NULL-safe. */
void users_body_free(struct users_body *b);

#endif
