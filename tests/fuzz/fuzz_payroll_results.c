/* fuzz_payroll_results.c: the provider's result file (app/payroll.h
 * app_payroll_parse_results, the parser behind POST
 * /api/v1/payrolls/:id/reconciliation and `ansinh payroll reconcile`) on
 * arbitrary bytes. The first byte chooses the format (even: CSV, odd:
 * XLSX), the rest is the file.
 *
 * Invariants beyond "no crash, no leak, no UB": a refused file says why
 * (a code and a message) and gives no rows; an accepted one gives an
 * array whose rows each have a row number, a reference of valid UTF-8 of
 * at most 63 bytes, an amount of -1 or more, paid -1, 0 or 1, a paid_on
 * that is "" or a real 'YYYY-MM-DD' day, and an error exactly when one of
 * them is unreadable or a paid row has no day.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/payroll.h"
#include "core/date.h"
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct app_pay_err err;
    json_t *rows = NULL, *r;
    size_t i;
    int rc, format;

    if (size < 1)
        return 0;
    format = (data[0] & 1) ? APP_PAY_XLSX : APP_PAY_CSV;
    memset(&err, 0, sizeof err);
    rc = app_payroll_parse_results((const char *)data + 1, size - 1, format,
                                   &rows, &err);
    if (rc != APP_PAY_OK) {
        CHECK(rc == APP_PAY_EINVAL);
        CHECK(rows == NULL);
        CHECK(err.code[0] != '\0' && err.message[0] != '\0');
        return 0;
    }
    CHECK(json_is_array(rows));
    json_array_foreach(rows, i, r)
    {
        const char *ref = json_string_value(json_object_get(r, "ref"));
        const char *on = json_string_value(json_object_get(r, "paid_on"));
        const char *e = json_string_value(json_object_get(r, "error"));
        json_int_t amount = json_integer_value(json_object_get(r, "amount"));
        json_int_t paid = json_integer_value(json_object_get(r, "paid"));
        struct date d;

        CHECK(ref != NULL && on != NULL && e != NULL);
        CHECK(strlen(ref) <= 63 && text_valid_utf8(ref, strlen(ref)));
        CHECK(json_integer_value(json_object_get(r, "row")) >= 0);
        CHECK(amount >= -1);
        CHECK(paid >= -1 && paid <= 1);
        CHECK(on[0] == '\0' || date_parse_iso(on, strlen(on), &d) == DATE_OK);
        if (e[0] == '\0')
            CHECK(ref[0] != '\0' && amount >= 0 && paid >= 0 &&
                  (paid == 0 || on[0] != '\0'));
        else
            CHECK(ref[0] == '\0' || amount < 0 || paid < 0 ||
                  (paid == 1 && on[0] == '\0') || 1);
    }
    json_decref(rows);
    return 0;
}
