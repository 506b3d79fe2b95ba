/* fuzz_rules_file.c: the rule-file loader (core/rules_load.c) on arbitrary
 * bytes. A file whose header has a province column is loaded as an overlay
 * on top of the real national files (compiled into the binary); any other
 * as a national file on its own.
 *
 * Invariants beyond "no crash, no leak, no UB": a refusal leaves no row of
 * the file behind and says why in valid UTF-8, naming the file (and the
 * line when there is one); an accepted and finished set computes a few
 * fixed requests (national and province 99) without a rule-set error, with
 * total >= 0, every amount exactly level x coefficient, and the paid lines
 * adding up to the total.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/money.h"
#include "core/rules.h"
#include "core/text.h"
#include "util/embed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_err(const struct rules_err *err)
{
    CHECK(err->message[0] != '\0');
    CHECK(text_valid_utf8(err->message, strlen(err->message)));
    CHECK(strstr(err->message, err->file) != NULL);
    if (err->line > 0)
        CHECK(strstr(err->message, "dòng") != NULL);
}

static void load_national(struct rules *r)
{
    struct rules_err err;
    size_t i;

    for (i = 0; i < embed_count(); i++) {
        const struct embed_file *f = embed_get(i);

        if (strncmp(f->name, "rules/national/", 15) == 0)
            CHECK(rules_load(r, f->name, f->data, f->len, 0, &err) == RULES_OK);
    }
}

static void compute_some(const struct rules *r)
{
    static const char *const cats[] = {"K1b", "K4", "K5a", "K6", "L99a"};
    struct rules_result *res = malloc(sizeof *res);
    struct rules_request q;
    struct rules_err err;
    size_t i, k;

    CHECK(res != NULL);
    for (i = 0; i < 12; i++) {
        int64_t paid = 0;
        int rc;

        memset(&q, 0, sizeof q);
        q.month.y = 2021 + (int)(i % 8);
        q.month.m = 1 + (int)(i * 5 % 12);
        q.benefit = RULES_MONTHLY;
        q.has_person = 1;
        q.birth.y = 1940 + (int)(i * 7 % 80);
        q.birth.m = 1 + (int)(i % 12);
        q.birth.d = 10;
        q.disability = (int)(i % 3);
        q.studying = (int)(i % 2);
        q.social_pension = (int)(i % 4 == 0);
        snprintf(q.categories[0], RULES_CODE_SIZE, "%s", cats[i % 4]);
        q.ncategories = 1;
        if (i % 4 == 1) {
            q.children[0].birth.y = q.month.y - 5;
            q.children[0].birth.m = 1;
            q.children[0].birth.d = 1;
            q.nchildren = 1;
        }
        if (i >= 6)
            snprintf(q.province, sizeof q.province, "99");
        rc = rules_compute(r, &q, res, &err);
        CHECK(rc == RULES_OK || rc == RULES_EINPUT || rc == RULES_ENOLEVEL);
        if (rc != RULES_OK)
            continue;
        CHECK(res->total >= 0);
        for (k = 0; k < res->nlines; k++) {
            int64_t want;

            CHECK(money_apply_coeff(res->lines[k].level,
                                    res->lines[k].coeff_milli,
                                    &want) == MONEY_OK);
            CHECK(want == res->lines[k].amount);
            if (res->lines[k].paid)
                paid += res->lines[k].amount;
        }
        CHECK(paid == res->total);
    }
    free(res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    const char *nl = memchr(s, '\n', size);
    size_t head = nl ? (size_t)(nl - s) : size;
    struct rules *r = rules_new();
    struct rules_err err;
    size_t before;
    int overlay, rc;

    overlay = 0;
    for (size_t i = 0; i + 8 <= head && !overlay; i++)
        overlay = memcmp(s + i, "province", 8) == 0;
    if (overlay)
        load_national(r);
    before = rules_row_count(r);
    rc = rules_load(r, "fuzz.csv", s, size, overlay, &err);
    if (rc != RULES_OK) {
        CHECK(rc == RULES_EFORMAT);
        CHECK(rules_row_count(r) == before);
        CHECK(strcmp(err.file, "fuzz.csv") == 0);
        check_err(&err);
        goto out;
    }
    rc = rules_finish(r, &err);
    if (rc != RULES_OK) {
        CHECK(rc == RULES_EFORMAT || rc == RULES_ECONFLICT);
        check_err(&err);
        goto out;
    }
    compute_some(r);
out:
    rules_free(r);
    return 0;
}
