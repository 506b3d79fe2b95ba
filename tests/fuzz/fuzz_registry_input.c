/* fuzz_registry_input.c: the registry's input parsers on arbitrary bytes:
 * the JSON bodies of h_persons.c (http/registry_body.h) followed by the
 * use cases' checks (app_person_check, app_document_check,
 * app_payment_check), and the search query string (query_parse, then
 * app_person_filter_check). The first byte chooses which:
 *   0 person to create, 1 person correction, 2 document, 3 payment,
 *   4 search query string.
 *
 * Invariants beyond "no crash, no leak, no UB": every refusal has a
 * non-empty code and a valid UTF-8 message; an accepted person has a name
 * of 1..100 characters once cleaned, a real birth date, sex M or F and,
 * when given, an id number that parses and agrees with birth year and sex;
 * an accepted payment has a known method with the fields it needs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/registry.h"
#include "core/cccd.h"
#include "core/date.h"
#include "core/payment.h"
#include "core/text.h"
#include "http/json.h"
#include "http/query.h"
#include "http/registry_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_refusal(const char *code, const char *message)
{
    CHECK(code[0] != '\0');
    CHECK(message[0] != '\0');
    CHECK(text_valid_utf8(message, strlen(message)));
}

static void check_person(const struct app_person_input *in)
{
    struct date today = {2026, 1, 15}, birth;
    struct app_reg_err err;
    char *clean = NULL;
    size_t len = 0;
    int rc;

    memset(&err, 0, sizeof err);
    rc = app_person_check(in, 1, today, &err);
    if (rc != APP_REG_OK) {
        CHECK(rc == APP_REG_EINVAL);
        check_refusal(err.code, err.message);
        CHECK(err.field[0] != '\0');
        return;
    }
    CHECK(in->full_name && in->birth_date && in->sex);
    CHECK(text_clean(in->full_name, strlen(in->full_name), APP_REG_NAME_MAX,
                     TEXT_TRIM | TEXT_REQUIRED, &clean, &len) == TEXT_OK);
    CHECK(len > 0);
    free(clean);
    CHECK(date_parse_iso(in->birth_date, strlen(in->birth_date), &birth) ==
          DATE_OK);
    CHECK(date_cmp(birth, today) <= 0);
    CHECK(strcmp(in->sex, "M") == 0 || strcmp(in->sex, "F") == 0);
    if (in->id_number != NULL) {
        struct cccd_info info;

        CHECK(cccd_parse(in->id_number, strlen(in->id_number), &info, NULL,
                         0) == CCCD_OK);
        CHECK(cccd_check_person(&info, birth.y, in->sex[0], NULL, 0) ==
              CCCD_OK);
    }
    CHECK(in->unit_code && strlen(in->unit_code) == 5);
}

static void check_payment(const struct app_payment_input *in)
{
    struct app_reg_err err;
    int rc, m;

    memset(&err, 0, sizeof err);
    rc = app_payment_check(in, &err);
    if (rc != APP_REG_OK) {
        CHECK(rc == APP_REG_EINVAL);
        check_refusal(err.code, err.message);
        return;
    }
    m = payment_method_parse(in->method, strlen(in->method));
    CHECK(m != PAYMENT_NONE);
    CHECK(in->version >= 1);
    if (m == PAYMENT_CASH)
        CHECK(in->point_name != NULL && in->bank_code == NULL);
    if (m == PAYMENT_BANK)
        CHECK(payment_bank_find(in->bank_code, strlen(in->bank_code)) != NULL);
    if (m == PAYMENT_EWALLET)
        CHECK(strlen(in->account_number) == 10);
    if (in->has_receiver)
        CHECK(in->receiver_name && in->receiver_relationship &&
              in->receiver_document);
}

static void body(int mode, const uint8_t *data, size_t size)
{
    struct hjson_err herr;
    json_t *root = NULL;
    int rc;

    memset(&herr, 0, sizeof herr);
    if (hjson_parse_object((const char *)data, size, &root, &herr) != HJSON_OK)
        return; /* fuzz_json_body covers the parser itself */
    if (mode <= 1) {
        struct app_person_input in;
        int has_version = 0;

        rc = hreg_person_body(root, mode == 0, &in, &has_version, &herr);
        if (rc != HJSON_OK)
            check_refusal(herr.code, herr.message);
        else if (mode == 0)
            check_person(&in);
        else
            CHECK(has_version == (json_object_get(root, "version") != NULL));
    } else if (mode == 2) {
        struct app_document_input in;
        struct app_reg_err err;

        rc = hreg_document_body(root, &in, &herr);
        if (rc != HJSON_OK) {
            check_refusal(herr.code, herr.message);
        } else {
            memset(&err, 0, sizeof err);
            if (app_document_check(&in, &err) != APP_REG_OK)
                check_refusal(err.code, err.message);
            else
                CHECK(in.kind != NULL);
        }
    } else {
        struct app_payment_input in;

        rc = hreg_payment_body(root, &in, &herr);
        if (rc != HJSON_OK)
            check_refusal(herr.code, herr.message);
        else
            check_payment(&in);
    }
    json_decref(root);
}

static void search(const uint8_t *data, size_t size)
{
    static const char *const allowed[] = {
        "q", "unit", "category", "status", "page", "per_page", NULL};
    struct app_person_filter f;
    struct app_reg_err err;
    struct query q;
    int rc;

    if (query_parse((const char *)data, size, &q) != QUERY_OK)
        return; /* fuzz_query covers the parser itself */
    rc = query_only(&q, allowed);
    if (rc == QUERY_OK) {
        memset(&f, 0, sizeof f);
        memset(&err, 0, sizeof err);
        f.q = query_get(&q, "q");
        f.unit = query_get(&q, "unit");
        f.category = query_get(&q, "category");
        f.status = query_get(&q, "status");
        f.page = query_get(&q, "page");
        f.per_page = query_get(&q, "per_page");
        rc = app_person_filter_check(&f, &err);
        if (rc != APP_REG_OK) {
            CHECK(rc == APP_REG_EINVAL);
            check_refusal(err.code, err.message);
            CHECK(err.field[0] != '\0');
        }
    }
    query_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int mode;

    if (size < 1)
        return 0;
    mode = data[0] % 5;
    if (mode == 4)
        search(data + 1, size - 1);
    else
        body(mode, data + 1, size - 1);
    return 0;
}
