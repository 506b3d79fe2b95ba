/* fuzz_quote_request.c: the quote request parser and the rules engine
 * (app/quote.h, core/rules.h) on arbitrary bytes, with the national rule
 * files compiled into the binary.
 *
 * Invariants beyond "no crash, no leak, no UB": the answer is either a
 * result or a refused request (never a rule-set error); a refusal has a
 * code and a one-line, valid UTF-8 message; a result is valid JSON ending
 * in a newline whose total is >= 0 and equals the sum of its paid lines,
 * each line's amount being exactly standard_level x coefficient; and the
 * same request gives the same bytes twice.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/quote.h"
#include "core/money.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_result(const char *out, size_t len)
{
    json_error_t jerr;
    json_t *root, *lines, *l;
    json_int_t total, paid = 0;
    size_t i;

    CHECK(len > 0 && out[len - 1] == '\n');
    CHECK(text_valid_utf8(out, len));
    root = json_loadb(out, len, JSON_REJECT_DUPLICATES, &jerr);
    CHECK(root != NULL);
    total = json_integer_value(json_object_get(root, "total"));
    CHECK(json_is_integer(json_object_get(root, "total")) && total >= 0);
    CHECK(json_is_integer(json_object_get(root, "standard_level")));
    lines = json_object_get(root, "lines");
    CHECK(json_is_array(lines));
    CHECK(json_is_array(json_object_get(root, "ineligible")));
    json_array_foreach(lines, i, l)
    {
        const char *c = json_string_value(json_object_get(l, "coefficient"));
        json_int_t level =
            json_integer_value(json_object_get(l, "standard_level"));
        json_int_t amount = json_integer_value(json_object_get(l, "amount"));
        int64_t want;
        int milli;

        CHECK(c != NULL);
        CHECK(money_parse_coeff(c, strlen(c), &milli) == MONEY_OK);
        CHECK(money_apply_coeff(level, milli, &want) == MONEY_OK);
        CHECK(want == amount && amount > 0);
        CHECK(json_is_boolean(json_object_get(l, "paid")));
        if (json_is_true(json_object_get(l, "paid")))
            paid += amount;
    }
    CHECK(paid == total);
    json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct app_quote_err err;
    char *out = NULL, *again = NULL;
    size_t len = 0, len2 = 0;
    int rc;

    rc = app_quote_run((const char *)data, size, &out, &len, &err);
    CHECK(rc == APP_QUOTE_OK || rc == APP_QUOTE_EINPUT);
    if (rc == APP_QUOTE_EINPUT) {
        CHECK(out == NULL);
        CHECK(err.code[0] != '\0' && err.message[0] != '\0');
        CHECK(text_valid_utf8(err.message, strlen(err.message)));
        CHECK(strchr(err.message, '\n') == NULL);
        CHECK(text_valid_utf8(err.field, strlen(err.field)));
        return 0;
    }
    check_result(out, len);
    CHECK(app_quote_run((const char *)data, size, &again, &len2, &err) ==
          APP_QUOTE_OK);
    CHECK(len2 == len && memcmp(out, again, len) == 0);
    free(out);
    free(again);
    return 0;
}
