/* fuzz_query.c: the query-string parser and the validators (http/query.h)
 * on arbitrary bytes.
 *
 * Invariants: an accepted query holds at most QUERY_MAX_PARAMS pairs with
 * distinct identifier keys and clean (valid UTF-8, NFC, no control
 * characters) values, each found again by query_get; a refused one leaves
 * nothing to free and names a printable key if any. Every value also goes
 * through the date and unit-code validators: an accepted date formats back
 * to the same text, an accepted code is 2, 3 or 5 digits.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "http/query.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_value(const char *v, size_t n)
{
    struct date d;
    char *again = NULL;
    size_t again_len = 0, i;

    CHECK(strlen(v) == n);
    CHECK(text_valid_utf8(v, n));
    CHECK(text_clean(v, n, 0, 0, &again, &again_len) == TEXT_OK);
    CHECK(again_len == n && memcmp(again, v, n) == 0);
    free(again);
    if (query_parse_date(v, &d) == QUERY_OK) {
        char iso[11];

        date_format_iso(d, iso);
        CHECK(strcmp(iso, v) == 0);
    }
    if (query_is_unit_code(v)) {
        CHECK(n == 2 || n == 3 || n == 5);
        for (i = 0; i < n; i++)
            CHECK(v[i] >= '0' && v[i] <= '9');
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const allowed[] = {"date", "parent", NULL};
    struct query q;
    size_t i, j;
    int rc;

    rc = query_parse((const char *)data, size, &q);
    if (rc != QUERY_OK) {
        CHECK(rc < 0);
        CHECK(q.count == 0);
        for (i = 0; q.bad_key[i] != '\0'; i++)
            CHECK(q.bad_key[i] > 0x20 && q.bad_key[i] < 0x7f);
        CHECK(query_strerror(rc)[0] != '\0');
        query_free(&q);
        return 0;
    }
    CHECK(q.count <= QUERY_MAX_PARAMS);
    for (i = 0; i < q.count; i++) {
        const char *k = q.items[i].key;

        CHECK(strlen(k) >= 1 && strlen(k) <= QUERY_MAX_KEY);
        for (j = 0; j < i; j++)
            CHECK(strcmp(q.items[j].key, k) != 0);
        CHECK(query_get(&q, k) == q.items[i].value);
        check_value(q.items[i].value, q.items[i].value_len);
    }
    rc = query_only(&q, allowed);
    CHECK(rc == QUERY_OK || (rc == QUERY_EUNKNOWN && q.bad_key[0] != '\0'));
    query_free(&q);
    return 0;
}
