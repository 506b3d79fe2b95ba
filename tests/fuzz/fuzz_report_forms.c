/* fuzz_report_forms.c: the layouts of Forms 10a-10d (core/report_forms.h)
 * on arbitrary bytes.
 *
 * Invariants: a refused file gives no set and a one-line, valid UTF-8
 * message naming the file (and the line when it names one); an accepted
 * one has at least one form, each with columns and rows within the caps,
 * distinct measures and row keys, a basis on every line, rows whose
 * measures agree with their kind (ground rows: only `ended`; unmanaged:
 * none) and categories that match only known codes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/report_forms.h"
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

static void check_row(const struct report_form_row *r)
{
    size_t i;
    int m;

    CHECK(r->src.basis != NULL && r->src.basis[0] != '\0');
    CHECK(r->key[0] != '\0' && r->label[0] != '\0');
    CHECK(r->managed ||
          (r->categories == 0 && !r->all_categories && r->grounds == 0));
    CHECK(!r->managed || r->all_categories || r->categories != 0);
    for (m = 0; m < REPORT_M_COUNT; m++)
        CHECK(report_row_has_measure(r, m) ==
              (r->managed && (r->grounds == 0 || m == REPORT_M_ENDED)));
    for (i = 0; i < category_count(); i++) {
        const char *c = category_at(i)->code;

        CHECK(report_row_matches(r, c, "especially_severe") ==
              (r->managed && r->disability != REPORT_DIS_SEVERE &&
               (r->all_categories || (r->categories & (1u << i)))));
    }
    CHECK(!report_row_matches(r, "K0", ""));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct report_forms *s = NULL;
    struct report_forms_err err;
    size_t i, j, k;
    int rc;

    rc = report_forms_parse("f.csv", (const char *)data, size, &s, &err);
    if (rc != REPORT_FORMS_OK) {
        size_t n = strlen(err.message);

        CHECK(rc == REPORT_FORMS_EFORMAT);
        CHECK(s == NULL);
        CHECK(n > 0 && strncmp(err.message, "f.csv", 5) == 0);
        CHECK(text_valid_utf8(err.message, n));
        CHECK(strchr(err.message, '\n') == NULL);
        return 0;
    }
    CHECK(report_forms_count(s) > 0 &&
          report_forms_count(s) <= REPORT_FORMS_MAX_FORMS);
    for (i = 0; i < report_forms_count(s); i++) {
        const struct report_form *f = report_forms_at(s, i);

        CHECK(report_forms_find(s, f->code) == f);
        CHECK(f->ncols > 0 && f->ncols <= REPORT_FORMS_MAX_COLS);
        CHECK(f->nrows > 0 && f->nrows <= REPORT_FORMS_MAX_ROWS);
        CHECK(f->src.basis[0] != '\0');
        for (j = 0; j < f->ncols; j++) {
            CHECK(f->cols[j].measure >= 0 &&
                  f->cols[j].measure < REPORT_M_COUNT);
            CHECK(f->cols[j].src.basis[0] != '\0');
            for (k = 0; k < j; k++)
                CHECK(f->cols[k].measure != f->cols[j].measure);
        }
        for (j = 0; j < f->nrows; j++) {
            check_row(&f->rows[j]);
            for (k = 0; k < j; k++)
                CHECK(strcmp(f->rows[k].key, f->rows[j].key) != 0);
        }
    }
    report_forms_free(s);
    return 0;
}
