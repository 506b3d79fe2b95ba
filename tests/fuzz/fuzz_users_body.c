/* fuzz_users_body.c: the bodies of POST /api/v1/users and PATCH
 * /api/v1/users/:id (http/users_body.h) on arbitrary bytes. The first byte
 * chooses the mode (create or update), the rest is the body.
 *
 * Invariants beyond "no crash, no leak, no UB": an accepted body is an
 * object holding only the keys of its mode; create has every required
 * string, non-empty; strings are within their caps; version is absent (-1)
 * or >= 1; active is -1, 0 or 1; a null area_code is reported as such; a
 * refused body says why with a non-empty code and message, and leaves the
 * result empty.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/text.h"
#include "http/json.h"
#include "http/users_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_str(const char *s, size_t max_chars, int required)
{
    if (s == NULL) {
        CHECK(!required);
        return;
    }
    CHECK(text_valid_utf8(s, strlen(s)));
    CHECK(text_char_count(s, strlen(s)) <= max_chars);
    if (required)
        CHECK(s[0] != '\0');
}

static int allowed(const char *key, int mode)
{
    static const char *const create[] = {"username", "full_name", "password",
                                         "role",     "area_code", NULL};
    static const char *const update[] = {"version", "full_name", "password",
                                         "role",    "area_code", "active",
                                         NULL};
    const char *const *k = mode == USERS_BODY_CREATE ? create : update;

    for (; *k != NULL; k++)
        if (strcmp(*k, key) == 0)
            return 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct users_body b;
    struct hjson_err err;
    int mode, rc, create;

    if (size == 0)
        return 0;
    mode = data[0] & 1 ? USERS_BODY_UPDATE : USERS_BODY_CREATE;
    create = mode == USERS_BODY_CREATE;
    memset(&err, 0, sizeof err);
    rc = users_body_parse((const char *)data + 1, size - 1, mode, &b, &err);
    if (rc != HJSON_OK) {
        CHECK(err.code[0] != '\0' && err.message[0] != '\0');
        CHECK(b.root == NULL && b.username == NULL && b.full_name == NULL);
        CHECK(b.active == -1 && b.version == -1);
        users_body_free(&b);
        return 0;
    }
    CHECK(json_is_object(b.root));
    {
        const char *key;
        json_t *v;

        json_object_foreach(b.root, key, v) CHECK(allowed(key, mode));
    }
    check_str(b.username, 64, create);
    check_str(b.full_name, 100, create);
    check_str(b.password, 128, create);
    check_str(b.role, 32, create);
    if (b.area_null)
        CHECK(json_is_null(json_object_get(b.root, "area_code")));
    else
        check_str(b.area_code, 5, 0);
    if (create)
        CHECK(b.username != NULL && b.version == -1 && b.active == -1);
    CHECK(b.version == -1 || b.version >= 1);
    CHECK(b.active >= -1 && b.active <= 1);
    users_body_free(&b);
    return 0;
}
