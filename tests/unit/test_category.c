/* test_category.c: unit tests for core/category.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/category.h"
#include "core/text.h"

/* Decree 20/2021 Art. 5 in legal order, with clause and point. */
static const struct {
    const char *code;
    const char *basis_tail;
} expected[] = {
    {"K1a", "khoản 1 điểm a"},  {"K1b", "khoản 1 điểm b"},
    {"K1c", "khoản 1 điểm c"},  {"K1d", "khoản 1 điểm d"},
    {"K1dd", "khoản 1 điểm đ"}, {"K1e", "khoản 1 điểm e"},
    {"K1g", "khoản 1 điểm g"},  {"K1h", "khoản 1 điểm h"},
    {"K1i", "khoản 1 điểm i"},  {"K1k", "khoản 1 điểm k"},
    {"K1l", "khoản 1 điểm l"},  {"K2", "khoản 2"},
    {"K3", "khoản 3"},          {"K4", "khoản 4"},
    {"K5a", "khoản 5 điểm a"},  {"K5b", "khoản 5 điểm b"},
    {"K5c", "khoản 5 điểm c"},  {"K5d", "khoản 5 điểm d"},
    {"K6", "khoản 6"},          {"K7", "khoản 7"},
    {"K8", "khoản 8"},
};
#define N_EXPECTED (sizeof expected / sizeof expected[0])

static void test_table(void **state)
{
    static const char prefix[] = "Nghị định 20/2021/NĐ-CP, Điều 5 ";
    size_t i;

    (void)state;
    assert_int_equal(category_count(), N_EXPECTED);
    for (i = 0; i < N_EXPECTED; i++) {
        const struct category_info *c = category_at(i);

        assert_non_null(c);
        assert_string_equal(c->code, expected[i].code);
        assert_true(strncmp(c->basis, prefix, strlen(prefix)) == 0);
        assert_string_equal(c->basis + strlen(prefix), expected[i].basis_tail);
        assert_true(strlen(c->name_vi) > 10);
        assert_true(text_valid_utf8(c->name_vi, strlen(c->name_vi)));
        assert_true(strlen(c->name_en) > 10);
        assert_int_equal(c->needs_disability, strcmp(c->code, "K6") == 0);
        /* Lookup finds the same entry. */
        assert_ptr_equal(category_find(c->code, strlen(c->code)), c);
    }
    assert_null(category_at(N_EXPECTED));
    assert_null(category_at((size_t)-1));
}

static void test_names(void **state)
{
    const struct category_info *c;

    (void)state;
    c = category_find("K1b", 3);
    assert_non_null(c);
    assert_string_equal(c->name_vi, "Trẻ em dưới 16 tuổi mồ côi cả cha và mẹ");
    c = category_find("K6", 2);
    assert_non_null(c);
    assert_string_equal(
        c->name_vi, "Người khuyết tật nặng, người khuyết tật đặc biệt nặng");
    c = category_find("K3", 2);
    assert_non_null(c);
    assert_string_equal(c->name_vi, "Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo");
    c = category_find("K1dd", 4);
    assert_non_null(c);
    assert_string_equal(c->basis,
                        "Nghị định 20/2021/NĐ-CP, Điều 5 khoản 1 điểm đ");
}

static void test_find_exact(void **state)
{
    (void)state;
    assert_null(category_find("K1", 2)); /* a clause, not a category */
    assert_null(category_find("K5", 2));
    assert_null(category_find("K9", 2));
    assert_null(category_find("k1a", 3)); /* codes are case-sensitive */
    assert_null(category_find("K1a ", 4));
    assert_null(category_find("K1đ", strlen("K1đ")));
    assert_null(category_find("", 0));
    assert_null(category_find(NULL, 0));
    /* Only len bytes count. */
    assert_non_null(category_find("K1ab", 3));
    assert_null(category_find("K1a", 2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_find_exact),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
