/* rules_fixture.h: shared helpers of the tests/unit/test_rules_*.c files.
 *
 * Unit tests link only ansinh_core, so they read the real rule files from
 * the source tree themselves (every CSV file of
 * $ANSINH_SOURCE_DIR/rules/national/, and the fictional overlay of
 * tests/data/rules/) and feed the bytes to the
 * core loader, as the app does with the embedded copies. Every helper
 * fails the running test on an unexpected result.
 */
#ifndef ANSINH_TESTS_RULES_FIXTURE_H
#define ANSINH_TESTS_RULES_FIXTURE_H

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "core/money.h"
#include "core/rules.h"

/* Helpers are unused in some of the including files. */
#define FX_FN static __attribute__((unused))

#define FX_OVERLAY "tests/data/rules/overlay-TEST-FIXTURE-fictional.csv"

FX_FN const char *fx_source_dir(void)
{
    const char *d = getenv("ANSINH_SOURCE_DIR");

    return d != NULL && d[0] != '\0' ? d : ".";
}

/* Read the whole file at path (relative to the source dir) into a new
 * buffer (caller frees); *len its size. Fails the test if unreadable. */
FX_FN char *fx_read(const char *rel, size_t *len)
{
    char path[1024];
    FILE *f;
    char *data;
    long n;

    snprintf(path, sizeof path, "%s/%s", fx_source_dir(), rel);
    f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return data;
}

FX_FN int fx_by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Load every CSV file of rules/national/ into r (not finished). */
FX_FN void fx_load_national(struct rules *r)
{
    char dir[1024], *names[64], rel[512];
    struct rules_err err;
    struct dirent *e;
    size_t n = 0, i;
    DIR *d;

    snprintf(dir, sizeof dir, "%s/rules/national", fx_source_dir());
    d = opendir(dir);
    if (d == NULL)
        fail_msg("cannot open %s", dir);
    while ((e = readdir(d)) != NULL && n < 64) {
        size_t l = strlen(e->d_name);

        if (l > 4 && strcmp(e->d_name + l - 4, ".csv") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    assert_true(n >= 6);
    qsort(names, n, sizeof names[0], fx_by_name);
    for (i = 0; i < n; i++) {
        size_t len;
        char *data;
        int rc;

        snprintf(rel, sizeof rel, "rules/national/%s", names[i]);
        data = fx_read(rel, &len);
        rc = rules_load(r, rel, data, len, 0, &err);
        if (rc != RULES_OK)
            fail_msg("%s: %d %s", rel, rc, err.message);
        free(data);
        free(names[i]);
    }
}

/* The national rule set, finished; with the fictional overlay when
 * overlay is 1. Caller frees with rules_free. */
FX_FN struct rules *fx_rules(int overlay)
{
    struct rules *r = rules_new();
    struct rules_err err;
    int rc;

    fx_load_national(r);
    if (overlay) {
        size_t len;
        char *data = fx_read(FX_OVERLAY, &len);

        rc = rules_load(r, FX_OVERLAY, data, len, 1, &err);
        free(data);
        if (rc != RULES_OK)
            fail_msg("overlay: %d %s", rc, err.message);
    }
    rc = rules_finish(r, &err);
    if (rc != RULES_OK)
        fail_msg("finish: %d %s", rc, err.message);
    return r;
}

FX_FN struct date fx_date(const char *s)
{
    struct date d;

    if (date_parse_iso(s, strlen(s), &d) != DATE_OK)
        fail_msg("bad date %s", s);
    return d;
}

FX_FN struct month fx_month(const char *s)
{
    struct month m;

    if (month_parse_iso(s, strlen(s), &m) != DATE_OK)
        fail_msg("bad month %s", s);
    return m;
}

/* A monthly request for a person born `birth`, in `month`, with the
 * categories given as a space-separated list ("K4 K6"). */
FX_FN void fx_req(struct rules_request *q, const char *month, const char *birth,
                  const char *cats)
{
    char buf[256], *tok, *save = NULL;

    memset(q, 0, sizeof *q);
    q->month = fx_month(month);
    q->benefit = RULES_MONTHLY;
    q->has_person = 1;
    q->birth = fx_date(birth);
    snprintf(buf, sizeof buf, "%s", cats ? cats : "");
    for (tok = strtok_r(buf, " ", &save); tok != NULL;
         tok = strtok_r(NULL, " ", &save)) {
        assert_true(q->ncategories < RULES_MAX_CATEGORIES);
        snprintf(q->categories[q->ncategories++], RULES_CODE_SIZE, "%s", tok);
    }
}

FX_FN void fx_child(struct rules_request *q, const char *birth, int studying)
{
    assert_true(q->nchildren < RULES_MAX_CHILDREN);
    q->children[q->nchildren].birth = fx_date(birth);
    q->children[q->nchildren].studying = studying;
    q->nchildren++;
}

/* Compute q; fail the test unless RULES_OK. Caller frees the result. */
FX_FN struct rules_result *fx_compute(const struct rules *r,
                                      const struct rules_request *q)
{
    struct rules_result *res = malloc(sizeof *res);
    struct rules_err err;
    int rc;

    assert_non_null(res);
    rc = rules_compute(r, q, res, &err);
    if (rc != RULES_OK)
        fail_msg("rules_compute: %d %s (field %s)", rc, err.message, err.field);
    return res;
}

/* The line of category cat (child -1 for the person), or NULL. */
FX_FN const struct rules_line *fx_line(const struct rules_result *res,
                                       const char *cat, int child)
{
    size_t i;

    for (i = 0; i < res->nlines; i++)
        if (strcmp(res->lines[i].category, cat) == 0 &&
            res->lines[i].child == child)
            return &res->lines[i];
    return NULL;
}

/* The ineligible entry of cat (child -1 for the person), or NULL. */
FX_FN const struct rules_ineligible *fx_inel(const struct rules_result *res,
                                             const char *cat, int child)
{
    size_t i;

    for (i = 0; i < res->nineligible; i++)
        if (strcmp(res->ineligible[i].category, cat) == 0 &&
            res->ineligible[i].child == child)
            return &res->ineligible[i];
    return NULL;
}

/* Assert a line of cat with coefficient coeff ("2.5") and amount. */
FX_FN void fx_expect_line(const struct rules_result *res, const char *cat,
                          int child, const char *coeff, int64_t amount)
{
    const struct rules_line *l = fx_line(res, cat, child);
    char c[16];

    if (l == NULL) {
        const struct rules_ineligible *e = fx_inel(res, cat, child);

        fail_msg("no line for %s[%d]%s%s", cat, child, e ? ": " : "",
                 e ? e->reason : "");
    }
    money_format_coeff(l->coeff_milli, c);
    assert_string_equal(c, coeff);
    assert_int_equal(l->amount, amount);
}

#endif
