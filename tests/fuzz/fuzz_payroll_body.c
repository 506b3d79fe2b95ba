/* fuzz_payroll_body.c: the JSON bodies of the payroll API
 * (http/payroll_body.h: prepare, move, block) on arbitrary bytes. The
 * first byte chooses the mode, the rest is the body.
 *
 * Invariants beyond "no crash, no leak, no UB": an accepted body holds
 * only its mode's keys; prepare has area (1..5 characters) and month
 * (1..7), lookback -1 or 0..120; move's version is -1 or >= 1; block has
 * ref (1..23 characters) and a reason of at most 400 characters or none;
 * every string is valid UTF-8; a refused body says why and is empty.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/text.h"
#include "http/json.h"
#include "http/payroll_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_str(const char *s, size_t max, int required)
{
    if (s == NULL) {
        CHECK(!required);
        return;
    }
    CHECK(text_valid_utf8(s, strlen(s)));
    CHECK(text_char_count(s, strlen(s)) <= max);
    if (required)
        CHECK(s[0] != '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct payroll_body b;
    struct hjson_err err;
    int mode, rc;

    if (size < 1)
        return 0;
    mode = data[0] % PAY_BODY_MODES;
    memset(&err, 0, sizeof err);
    rc = payroll_body_parse((const char *)data + 1, size - 1, mode, &b, &err);
    if (rc != 0) {
        CHECK(b.root == NULL && b.area == NULL && b.ref == NULL);
        CHECK(err.code[0] != '\0' && err.message[0] != '\0');
        return 0;
    }
    CHECK(json_is_object(b.root));
    switch (mode) {
    case PAY_BODY_PREPARE:
        check_str(b.area, 5, 1);
        check_str(b.month, 7, 1);
        CHECK(b.lookback == -1 || (b.lookback >= 0 && b.lookback <= 120));
        CHECK(json_object_size(b.root) <= 3);
        break;
    case PAY_BODY_MOVE:
        CHECK(b.version == -1 || b.version >= 1);
        CHECK(json_object_size(b.root) <= 1);
        break;
    default:
        check_str(b.ref, 23, 1);
        check_str(b.reason, 400, 0);
        CHECK(json_object_size(b.root) <= 2);
        break;
    }
    payroll_body_free(&b);
    return 0;
}
