/* fuzz_cases_body.c: the request bodies of the task and reorganisation
 * API (http/cases_body.h) on arbitrary bytes.
 *
 * The first byte chooses the mode (done, generate, reorganise); the rest
 * is the body. Invariants: a refused body leaves nothing (no root) and an
 * error with a code and a one-line, valid UTF-8 message; an accepted one
 * has its required fields (note; month; to), the version absent (-1) or
 * positive, dry_run 0 or 1, strings valid UTF-8 within their caps.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "http/cases_body.h"
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

static void check_str(const char *s, size_t max_chars)
{
    if (s != NULL) {
        CHECK(text_valid_utf8(s, strlen(s)));
        CHECK(text_char_count(s, strlen(s)) <= max_chars);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cases_body b;
    struct hjson_err err;
    int mode, rc;

    if (size == 0)
        return 0;
    mode = data[0] % CASES_BODY_MODES;
    memset(&err, 0, sizeof err);
    rc = cases_body_parse((const char *)data + 1, size - 1, mode, &b, &err);
    if (rc != HJSON_OK) {
        CHECK(rc < 0);
        CHECK(b.root == NULL);
        CHECK(err.code[0] != '\0');
        CHECK(text_valid_utf8(err.message, strlen(err.message)));
        CHECK(strchr(err.message, '\n') == NULL);
        return 0;
    }
    CHECK(b.root != NULL);
    CHECK(b.version == -1 || b.version >= 1);
    CHECK(b.dry_run == 0 || b.dry_run == 1);
    switch (mode) {
    case CASES_BODY_DONE:
        CHECK(b.note != NULL && b.month == NULL && b.to == NULL);
        break;
    case CASES_BODY_GENERATE:
        CHECK(b.month != NULL && b.note == NULL && b.version == -1);
        break;
    default:
        CHECK(b.to != NULL && b.note == NULL && b.version == -1);
        break;
    }
    check_str(b.note, 1000);
    check_str(b.unit_code, 32);
    check_str(b.month, 32);
    check_str(b.to, 32);
    cases_body_free(&b);
    CHECK(b.root == NULL);
    return 0;
}
