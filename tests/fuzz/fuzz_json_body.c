/* fuzz_json_body.c: the JSON request-body parser (http/json.h) on arbitrary
 * bytes: caps (size, depth, node count), duplicate keys, key syntax and
 * the NFC cleaning of every string.
 *
 * Invariants beyond "no crash, no leak, no UB": an accepted body is an
 * object whose keys are identifiers; every string in it is valid UTF-8,
 * already clean (text_clean leaves it unchanged: NFC is stable) and free
 * of control characters other than newlines; a refused body says why with
 * a non-empty code and message; and what was accepted, serialised and
 * parsed again, is accepted again and equal.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/text.h"
#include "http/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_clean(json_t *v, int depth)
{
    CHECK(depth <= HJSON_MAX_DEPTH);
    if (json_is_object(v)) {
        const char *key;
        json_t *child;

        json_object_foreach(v, key, child)
        {
            size_t i, n = strlen(key);

            CHECK(n > 0 && n <= HJSON_MAX_KEY);
            for (i = 0; i < n; i++)
                CHECK((key[i] >= 'a' && key[i] <= 'z') ||
                      (key[i] >= 'A' && key[i] <= 'Z') ||
                      (key[i] >= '0' && key[i] <= '9') || key[i] == '_');
            check_clean(child, depth + 1);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *child;

        json_array_foreach(v, i, child) check_clean(child, depth + 1);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        size_t n = json_string_length(v), out_len = 0;
        char *again = NULL;

        CHECK(text_valid_utf8(s, n));
        CHECK(text_clean(s, n, 0, TEXT_ALLOW_NEWLINE, &again, &out_len) ==
              TEXT_OK);
        CHECK(out_len == n && memcmp(again, s, n) == 0);
        free(again);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct hjson_err err;
    json_t *root = NULL, *again = NULL;
    const char *s = NULL;
    char *text;
    int rc;

    memset(&err, 0, sizeof err);
    rc = hjson_parse_object((const char *)data, size, &root, &err);
    if (rc != HJSON_OK) {
        CHECK(root == NULL);
        CHECK(rc < 0);
        CHECK(err.code[0] != '\0' && err.message[0] != '\0');
        CHECK(text_valid_utf8(err.message, strlen(err.message)));
        return 0;
    }
    CHECK(json_is_object(root));
    check_clean(root, 1);

    /* The field getter on whatever keys happen to be there. */
    rc = hjson_get_string(root, "username", 1, 64, &s, &err);
    CHECK(rc == HJSON_OK ? s != NULL : s == NULL);
    rc = hjson_get_string(root, "password", 0, 0, &s, &err);
    CHECK(rc == HJSON_OK || rc == HJSON_ETYPE);

    /* Round trip: our own output parses back to an equal object. */
    text = json_dumps(root, JSON_COMPACT);
    CHECK(text != NULL);
    rc = hjson_parse_object(text, strlen(text), &again, &err);
    if (strlen(text) <= HJSON_MAX_BYTES) {
        CHECK(rc == HJSON_OK);
        CHECK(json_equal(root, again));
    }
    free(text);
    json_decref(again);
    json_decref(root);
    return 0;
}
