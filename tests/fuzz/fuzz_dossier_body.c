/* fuzz_dossier_body.c: the request bodies of the dossier and decision API
 * (http/dossiers_body.h) on arbitrary bytes.
 *
 * The first byte chooses the mode (create, act, complaint, answer,
 * decision); the rest is the body. Invariants: a refused body leaves
 * nothing (no root) and an error with a code and a one-line, valid UTF-8
 * message; an accepted one has its required fields, integers absent (-1)
 * or positive, strings valid UTF-8, and categories joined as 1..8
 * non-empty codes without commas inside.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "http/dossiers_body.h"
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

static void check_str(const char *s)
{
    if (s != NULL)
        CHECK(text_valid_utf8(s, strlen(s)));
}

static void check_categories(const char *s)
{
    size_t n, i, codes = 1;

    if (s == NULL)
        return;
    n = strlen(s);
    CHECK(n > 0 && s[0] != ',' && s[n - 1] != ',');
    CHECK(strstr(s, ",,") == NULL);
    for (i = 0; i < n; i++)
        codes += s[i] == ',';
    CHECK(codes <= DOS_BODY_CATEGORIES);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dossiers_body b;
    struct hjson_err err;
    int mode, rc;

    if (size == 0)
        return 0;
    mode = data[0] % DOS_BODY_MODES;
    memset(&err, 0, sizeof err);
    rc = dossiers_body_parse((const char *)data + 1, size - 1, mode, &b, &err);
    if (rc != HJSON_OK) {
        CHECK(rc < 0);
        CHECK(b.root == NULL);
        CHECK(err.code[0] != '\0');
        CHECK(text_valid_utf8(err.message, strlen(err.message)));
        CHECK(strchr(err.message, '\n') == NULL);
        return 0;
    }
    CHECK(b.root != NULL);
    CHECK(b.person_id == -1 || b.person_id >= 1);
    CHECK(b.version == -1 || b.version >= 1);
    CHECK(b.dossier_id == -1 || b.dossier_id >= 1);
    switch (mode) {
    case DOS_BODY_CREATE:
        CHECK(b.person_id >= 1 && b.kind != NULL);
        break;
    case DOS_BODY_ACT:
        CHECK(b.action != NULL);
        break;
    case DOS_BODY_COMPLAINT:
        CHECK(b.complainant != NULL && b.content != NULL);
        break;
    case DOS_BODY_ANSWER:
        CHECK(b.answer != NULL);
        break;
    default:
        CHECK(b.dossier_id >= 1 && b.number != NULL);
        break;
    }
    check_categories(b.categories);
    check_str(b.kind);
    check_str(b.note);
    check_str(b.applicant);
    check_str(b.complainant);
    check_str(b.content);
    check_str(b.answer);
    check_str(b.number);
    check_str(b.reason_text);
    dossiers_body_free(&b);
    CHECK(b.root == NULL);
    return 0;
}
