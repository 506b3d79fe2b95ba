/* fuzz_units_csv.c: the unit-list parsers (core/units_list.h) on arbitrary
 * bytes: as a list, as a predecessor mapping, and as one source of a
 * dataset next to a small fixed list, so the version builder also runs.
 *
 * Invariants: an error leaves no output and a message naming the file; a
 * success gives well-formed codes, levels, names and dates, sorted, with
 * each version's valid_to after its valid_from.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units_list.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static const char fixed[] =
    "province_code,province_name,commune_code,commune_name\n"
    "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n"
    "37,Tỉnh Ninh Bình,13366,Phường Hà Nam\n";

static void check_version(const struct units_version *v)
{
    size_t n = strlen(v->code);
    CHECK(v->level >= UNITS_PROVINCE && v->level <= UNITS_COMMUNE);
    CHECK(units_code_level(v->code, n) == v->level);
    CHECK(v->name[0] != '\0' && v->type[0] != '\0');
    CHECK(strlen(v->valid_from) == 10);
    CHECK(v->valid_to[0] == '\0' || strcmp(v->valid_to, v->valid_from) > 0);
    CHECK((v->level == UNITS_PROVINCE) == (v->parent_code[0] == '\0'));
    CHECK(strlen(v->province_code) == 2);
}

static int cmp_key(const struct units_version *a, const struct units_version *b)
{
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    return strcmp(a->code, b->code);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct units_source src = {"fuzz.csv", "2025-01-01", (const char *)data,
                               size, UNITS_KIND_AUTO};
    struct units_source two[2];
    struct units_version *v = NULL;
    struct units_link *l = NULL;
    struct units_dataset *ds = NULL;
    char err[512];
    size_t n = 0, i;
    int rc;

    err[0] = '\0';
    rc = units_list_parse(&src, &v, &n, err, sizeof(err));
    if (rc == UNITS_OK) {
        CHECK(n > 0 && v != NULL);
        for (i = 0; i < n; i++) {
            check_version(&v[i]);
            CHECK(strcmp(v[i].valid_from, "2025-01-01") == 0);
            CHECK(i == 0 || cmp_key(&v[i - 1], &v[i]) < 0);
        }
    } else {
        CHECK(rc < 0 && v == NULL && n == 0);
        CHECK(strncmp(err, "fuzz.csv", 8) == 0);
    }
    free(v);

    err[0] = '\0';
    rc = units_links_parse(&src, &l, &n, err, sizeof(err));
    if (rc == UNITS_OK) {
        for (i = 0; i < n; i++) {
            CHECK(strlen(l[i].new_code) == 5);
            CHECK(strlen(l[i].old_code) == 5 || strlen(l[i].old_code) == 3);
            CHECK(l[i].partial == 0 || l[i].partial == 1);
        }
    } else {
        CHECK(rc < 0 && l == NULL && n == 0);
        CHECK(strncmp(err, "fuzz.csv", 8) == 0);
    }
    free(l);

    two[0] = src;
    two[1].name = "fixed.csv";
    two[1].date = "2025-07-01";
    two[1].data = fixed;
    two[1].len = sizeof(fixed) - 1;
    two[1].kind = UNITS_KIND_AUTO;
    /* as a list before the fixed one, or as its mapping */
    if (size > 0 && (data[0] & 1))
        two[0].date = "2025-07-01";
    rc = units_dataset_build(two, 2, &ds, err, sizeof(err));
    if (rc == UNITS_OK) {
        CHECK(ds->nversions > 0);
        for (i = 0; i < ds->nversions; i++) {
            check_version(&ds->versions[i]);
            CHECK(i == 0 ||
                  cmp_key(&ds->versions[i - 1], &ds->versions[i]) < 0 ||
                  (ds->versions[i - 1].valid_to[0] != '\0' &&
                   strcmp(ds->versions[i - 1].valid_to,
                          ds->versions[i].valid_from) <= 0));
        }
    } else {
        CHECK(ds == NULL && err[0] != '\0');
    }
    units_dataset_free(ds);
    return 0;
}
