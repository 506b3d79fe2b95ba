/* test_collate.c: unit tests for core/collate.c (ICU "vi"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/collate.h"

/* The order verified in ENGINEERING.md §6. */
static const char *const vi_order[] = {
    "An", "Anh", "Ăn", "Ân", "Bình", "Dung", "Đức", "Oanh", "Ô", "Ơn", "Zơ"};
#define N_ORDER (sizeof vi_order / sizeof vi_order[0])

static int setup(void **state)
{
    *state = collate_new_vi();
    return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    collate_free(*state);
    return 0;
}

static int cmp(struct collate *c, const char *a, const char *b)
{
    return collate_cmp(c, a, strlen(a), b, strlen(b));
}

static void test_pairwise_order(void **state)
{
    struct collate *c = *state;
    size_t i, j;

    for (i = 0; i < N_ORDER; i++) {
        assert_int_equal(cmp(c, vi_order[i], vi_order[i]), 0);
        for (j = i + 1; j < N_ORDER; j++) {
            assert_true(cmp(c, vi_order[i], vi_order[j]) < 0);
            assert_true(cmp(c, vi_order[j], vi_order[i]) > 0);
        }
    }
    /* Byte order would put Đ after Z; Vietnamese puts it after D. */
    assert_true(strcmp("Đức", "Zơ") > 0);
    assert_true(cmp(c, "Đức", "Zơ") < 0);
    assert_true(cmp(c, "Dương", "Đào") < 0);
}

static void test_sort(void **state)
{
    struct collate *c = *state;
    /* A scrambled copy of the verified order. */
    const char *items[N_ORDER] = {"Zơ",   "Ơn", "Ô",   "Ân",   "Đức", "An",
                                  "Bình", "Ăn", "Anh", "Oanh", "Dung"};
    size_t i;

    collate_sort(c, items, N_ORDER);
    for (i = 0; i < N_ORDER; i++)
        assert_string_equal(items[i], vi_order[i]);

    /* Trivial sizes. */
    collate_sort(c, items, 0);
    collate_sort(c, items, 1);
    assert_string_equal(items[0], "An");
}

static void test_sort_stable_and_large(void **state)
{
    struct collate *c = *state;
    /* 40 copies of names with many equal keys, each in its own slot, so a
     * pointer tells its original position. */
    static char pool[40][16];
    const char *items[40];
    size_t i, n = sizeof items / sizeof items[0];

    for (i = 0; i < n; i++) {
        const char *name = vi_order[(i * 7) % 4 + (i % 3 ? 4 : 0)];

        assert_true(strlen(name) < sizeof pool[i]);
        memcpy(pool[i], name, strlen(name) + 1);
        items[i] = pool[i];
    }
    collate_sort(c, items, n);
    for (i = 1; i < n; i++) {
        int r = cmp(c, items[i - 1], items[i]);

        assert_true(r <= 0);
        /* Stable: equal items stay in their original order. */
        if (r == 0)
            assert_true(items[i - 1] < items[i]);
    }
}

static void test_case_and_nfc(void **state)
{
    struct collate *c = *state;

    /* Case is a tertiary difference: the letter decides first. */
    assert_true(cmp(c, "an", "Anh") < 0);
    assert_true(cmp(c, "anh", "Ăn") < 0);
    /* Canonically equivalent spellings compare equal. */
    assert_int_equal(cmp(c, "Nguy\xe1\xbb\x85n", "Nguye\xcc\x82\xcc\x83n"), 0);
    assert_int_equal(collate_cmp(c, "", 0, "", 0), 0);
    assert_true(cmp(c, "", "A") < 0);
}

static void test_invalid_utf8(void **state)
{
    struct collate *c = *state;

    /* Invalid UTF-8 sorts after any valid text, then by bytes. */
    assert_true(cmp(c, "\xff", "Zơ") > 0);
    assert_true(cmp(c, "Zơ", "\xff") < 0);
    assert_true(cmp(c, "a\xff", "b\xff") < 0);
    assert_int_equal(cmp(c, "a\xff", "a\xff"), 0);
    assert_true(cmp(c, "a\xff", "a\xff\xff") < 0);
    /* Lengths bound the comparison: the tail is never read. */
    assert_int_equal(collate_cmp(c, "Anh", 2, "An", 2), 0);
    collate_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_pairwise_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sort_stable_and_large, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_case_and_nfc, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
