/* test_rules_load.c: the rule-file loader (core/rules_load.c) refuses every
 * malformed or contradictory file with a Vietnamese message naming the file
 * and the line (docs/rules.md; the "clear error naming file and
 * line"), and accepts the real national files and the fictional overlay.
 */
#include "rules_fixture.h"

#define H                                                                      \
    "kind,key,subject,disability,age_min,age_max,age_end,value,from,to,"       \
    "instrument,article,confidence,rules_ref,label\n"
#define HP "province," H
#define LEVEL                                                                  \
    "level,standard,,,,,,360000,2021-07-01,,NĐ 20/2021,Điều 4,confirmed,"  \
    "RULES.md §2.1,\n"
#define COEFF(key, value)                                                       \
    "coeff," key ",,,,,," value ",2021-07-01,,NĐ 20/2021,Điều 6,confirmed," \
    "RULES.md §2.3,\n"

/* Loading csv (national, or an overlay on top of a valid national level)
 * fails with rc, err.line == line, and a message that names "t.csv" and
 * that line and contains part. */
static void load_fails(const char *csv, int overlay, int rc_want, size_t line,
                       const char *part)
{
    static const char base[] = H LEVEL;
    struct rules *r = rules_new();
    struct rules_err err;
    char where[64];
    size_t before;
    int rc;

    if (overlay)
        assert_int_equal(rules_load(r, "base.csv", base, strlen(base), 0, &err),
                         RULES_OK);
    before = rules_row_count(r);
    memset(&err, 0, sizeof err);
    rc = rules_load(r, "t.csv", csv, strlen(csv), overlay, &err);
    if (line > 0)
        snprintf(where, sizeof where, "t.csv, dòng %zu: ", line);
    else
        snprintf(where, sizeof where, "t.csv: ");
    if (rc != rc_want || err.line != line ||
        strstr(err.message, where) == NULL || strstr(err.message, part) == NULL)
        fail_msg("rc %d line %zu \"%s\"; want %d line %zu \"%s\"", rc, err.line,
                 err.message, rc_want, line, part);
    assert_string_equal(err.file, "t.csv");
    /* A refused file leaves nothing behind. */
    assert_int_equal(rules_row_count(r), before);
    rules_free(r);
}

/* national then overlay (NULL: none) load fine, and rules_finish fails
 * with rc naming file and line, its message containing part. */
static void finish_fails(const char *national, const char *overlay, int rc_want,
                         const char *file, size_t line, const char *part)
{
    struct rules *r = rules_new();
    struct rules_err err;
    char where[128];
    int rc;

    rc = rules_load(r, "n.csv", national, strlen(national), 0, &err);
    if (rc != RULES_OK)
        fail_msg("national: %s", err.message);
    if (overlay != NULL) {
        rc = rules_load(r, "o.csv", overlay, strlen(overlay), 1, &err);
        if (rc != RULES_OK)
            fail_msg("overlay: %s", err.message);
    }
    memset(&err, 0, sizeof err);
    rc = rules_finish(r, &err);
    snprintf(where, sizeof where, "%s, dòng %zu: ", file, line);
    if (rc != rc_want || err.line != line ||
        strstr(err.message, where) == NULL || strstr(err.message, part) == NULL)
        fail_msg("rc %d line %zu \"%s\"; want %d %s \"%s\"", rc, err.line,
                 err.message, rc_want, where, part);
    rules_free(r);
}

static void test_real_files_load(void **s)
{
    struct rules *r;

    (void)s;
    r = fx_rules(1);
    assert_true(rules_row_count(r) > 100);
    rules_free(r);
}

static void test_header_errors(void **s)
{
    (void)s;
    load_fails("kind,key,colour,from,instrument,article,confidence,"
               "rules_ref\n",
               0, RULES_EFORMAT, 1, "cột không biết: \"colour\"");
    load_fails("kind,key,value,from,article,confidence,rules_ref\n", 0,
               RULES_EFORMAT, 1, "thiếu cột bắt buộc \"instrument\"");
    load_fails("kind,key,key,from,instrument,article,confidence,rules_ref\n", 0,
               RULES_EFORMAT, 1, "cột \"key\" lặp lại");
    load_fails(HP, 0, RULES_EFORMAT, 1, "quốc gia không được có cột");
    load_fails(H, 1, RULES_EFORMAT, 1, "phải có cột \"province\"");
    load_fails("", 0, RULES_EFORMAT, 0, "tệp rỗng");
    load_fails("\n\n", 0, RULES_EFORMAT, 0, "không có dòng tiêu đề");
}

static void test_header_only_is_empty_but_valid(void **s)
{
    struct rules *r = rules_new();
    struct rules_err err;

    (void)s;
    assert_int_equal(rules_load(r, "t.csv", H, strlen(H), 0, &err), RULES_OK);
    assert_int_equal(rules_row_count(r), 0);
    /* ... but a set without a national standard level is not. */
    assert_int_equal(rules_finish(r, &err), RULES_EFORMAT);
    assert_non_null(strstr(err.message, "mức chuẩn"));
    rules_free(r);
}

static void test_unknown_kind_and_category(void **s)
{
    (void)s;
    load_fails(H LEVEL "lvl,standard,,,,,,1,2021-07-01,,I,A,confirmed,"
                       "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 3, "loại (kind) không biết: \"lvl\"");
    load_fails(H COEFF("K9", "1.5"), 0, RULES_EFORMAT, 2,
               "diện không biết: K9");
    load_fails(H COEFF("K*", "1.5"), 0, RULES_EFORMAT, 2, "diện không biết");
    load_fails(H COEFF("K1a*", "1.5"), 0, RULES_EFORMAT, 2, "diện không biết");
    load_fails(H COEFF("L35a", "1.5"), 0, RULES_EFORMAT, 2,
               "diện không biết: L35a");
    load_fails(H "level,pension,,,,,,360000,2021-07-01,,I,A,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "standard hoặc social_pension");
    load_fails(H "care,K1 child,,,,,,1.5,2021-07-01,,I,A,confirmed,"
                 "RULES.md §3,\n",
               0, RULES_EFORMAT, 2, "cột key: mã không hợp lệ");
    load_fails(H "stack,K4,,,,,,K9,2021-07-01,,I,A,confirmed,RULES.md §2.5,\n",
               0, RULES_EFORMAT, 2, "diện được hưởng cùng không biết");
    load_fails("kind,key,age_end,continues_as,from,instrument,article,"
               "confidence,rules_ref\n"
               "limit,K1*,16,K99,2021-07-01,I,A,confirmed,RULES.md §2.2\n",
               0, RULES_EFORMAT, 2, "continues_as");
}

static void test_missing_basis(void **s)
{
    (void)s;
    load_fails(H "level,standard,,,,,,360000,2021-07-01,,,Điều 4,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "thiếu căn cứ pháp lý");
    load_fails(H "level,standard,,,,,,360000,2021-07-01,,NĐ 20,,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "thiếu căn cứ pháp lý");
    load_fails(H "level,standard,,,,,,360000,2021-07-01,,NĐ 20,Điều 4,sure,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "confidence");
    load_fails(H "level,standard,,,,,,360000,2021-07-01,,NĐ 20,Điều 4,"
                 "confirmed,§2.1,\n",
               0, RULES_EFORMAT, 2, "rules_ref");
}

static void test_values_not_numbers(void **s)
{
    (void)s;
    load_fails(H COEFF("K8", "abc"), 0, RULES_EFORMAT, 2, "hệ số");
    load_fails(H "coeff,K8,,,,,,\"2,5\",2021-07-01,,I,A,confirmed,"
                 "RULES.md §2.3,\n",
               0, RULES_EFORMAT, 2, "hệ số");
    load_fails(H COEFF("K8", "0"), 0, RULES_EFORMAT, 2, "hệ số");
    load_fails(H COEFF("K8", "-1.5"), 0, RULES_EFORMAT, 2, "hệ số");
    load_fails(H COEFF("K8", "1.2345"), 0, RULES_EFORMAT, 2, "hệ số");
    load_fails(H COEFF("K8", ""), 0, RULES_EFORMAT, 2, "hệ số");
    load_fails(H "level,standard,,,,,,360.000,2021-07-01,,NĐ 20,Điều 4,"
                 "confirmed,RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "mức phải là số đồng");
    load_fails(H "coeff,K8,,,x,,,1.5,2021-07-01,,I,A,confirmed,RULES.md "
                 "§2.3,\n",
               0, RULES_EFORMAT, 2, "age_min");
    load_fails(H "coeff,K8,,,10,5,,1.5,2021-07-01,,I,A,confirmed,RULES.md "
                 "§2.3,\n",
               0, RULES_EFORMAT, 2, "age_max nhỏ hơn age_min");
    load_fails(H "coeff,K8,,bad,,,,1.5,2021-07-01,,I,A,confirmed,RULES.md "
                 "§2.3,\n",
               0, RULES_EFORMAT, 2, "disability");
    load_fails(H "coeff,K4,parent,,,,,1.0,2021-07-01,,I,A,confirmed,RULES.md "
                 "§2.3,\n",
               0, RULES_EFORMAT, 2, "subject");
}

static void test_dates(void **s)
{
    (void)s;
    load_fails(H "level,standard,,,,,,360000,2021-13-01,,I,A,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "from: không phải ngày hợp lệ");
    load_fails(H "level,standard,,,,,,360000,2021-07-15,,I,A,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "ngày 01 của tháng");
    load_fails(H "level,standard,,,,,,360000,2021-06-01,,I,A,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "trước 01/07/2021");
    load_fails(H "level,standard,,,,,,360000,2022-01-01,2022-01-01,I,A,"
                 "confirmed,RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "to phải sau cột from");
    load_fails(H "level,standard,,,,,,360000,,,I,A,confirmed,RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "thiếu ngày áp dụng");
}

static void test_columns_not_for_kind(void **s)
{
    (void)s;
    load_fails(H "coeff,K8,,,,,16,1.5,2021-07-01,,I,A,confirmed,RULES.md "
                 "§2.3,\n",
               0, RULES_EFORMAT, 2, "cột age_end không dùng cho loại coeff");
    load_fails(H "level,standard,,severe,,,,360000,2021-07-01,,I,A,confirmed,"
                 "RULES.md §2.1,\n",
               0, RULES_EFORMAT, 2, "cột disability không dùng cho loại level");
    load_fails("kind,key,value,base,from,instrument,article,confidence,"
               "rules_ref\n"
               "coeff,K8,1.5,social_pension,2021-07-01,I,A,confirmed,RULES.md "
               "§2.3\n",
               0, RULES_EFORMAT, 2, "base social_pension");
    load_fails("kind,key,from,instrument,article,confidence,rules_ref\n"
               "limit,K8,2021-07-01,I,A,confirmed,RULES.md §2.2\n",
               0, RULES_EFORMAT, 2, "giới hạn trống");
}

static void test_csv_and_text_errors(void **s)
{
    (void)s;
    load_fails(H LEVEL "coeff,\"K8,,,,,,1.5,2021-07-01,,I,A,confirmed,"
                       "RULES.md §2.3,\n",
               0, RULES_EFORMAT, 3, "ngoặc kép");
    load_fails(H LEVEL "coeff,K8,1.5\n", 0, RULES_EFORMAT, 3, "số cột (3)");
    load_fails(H "coeff,K8,,,,,,1.5,2021-07-01,,I,A,confirmed,RULES.md §2.3,"
                 "\xff\xfe\n",
               0, RULES_EFORMAT, 2, "cột label: văn bản không hợp lệ");
}

static void test_overlay_row_errors(void **s)
{
    (void)s;
    load_fails(HP "99,stack,K4,,,,,,K7,2021-07-01,,I,A,confirmed,RULES.md "
                  "§2.5,\n",
               1, RULES_EFORMAT, 2, "không được có loại stack");
    load_fails(HP "99,limit,K5a,,,50,,,,2025-01-01,,I,A,confirmed,RULES.md "
                  "§2.2,\n",
               1, RULES_EFORMAT, 2, "limit cho diện quốc gia");
    load_fails(HP "99,category,L35a,,,,,,,2025-01-01,,I,A,confirmed,RULES.md "
                  "§2.1,Diện\n",
               1, RULES_EFORMAT, 2, "L99a");
    load_fails(HP "99,category,L99a,,,,,,,2025-01-01,,I,A,confirmed,RULES.md "
                  "§2.1,\n",
               1, RULES_EFORMAT, 2, "cần tên");
    load_fails(HP "9,level,standard,,,,,,600000,2025-01-01,,I,A,confirmed,"
                  "RULES.md §2.1,\n",
               1, RULES_EFORMAT, 2, "mã tỉnh 2 chữ số");
    load_fails(H "category,L99a,,,,,,,2025-01-01,,I,A,confirmed,RULES.md "
                 "§2.1,Diện\n",
               0, RULES_EFORMAT, 2, "chỉ dùng trong tệp địa phương");
}

static void test_overlapping_periods(void **s)
{
    (void)s;
    /* The same level twice in 2024. */
    finish_fails(H LEVEL "level,standard,,,,,,500000,2024-07-01,,I,A,"
                         "secondary,RULES.md §2.1,\n",
                 NULL, RULES_ECONFLICT, "n.csv", 3,
                 "trùng thời gian áp dụng với dòng 2 của n.csv");
    /* Consecutive periods are fine. */
    {
        static const char ok[] =
            H "level,standard,,,,,,360000,2021-07-01,2024-07-01,I,A,"
              "confirmed,RULES.md §2.1,\n"
              "level,standard,,,,,,500000,2024-07-01,,I,A,secondary,RULES.md "
              "§2.1,\n";
        struct rules *r = rules_new();
        struct rules_err err;

        assert_int_equal(rules_load(r, "n.csv", ok, strlen(ok), 0, &err),
                         RULES_OK);
        assert_int_equal(rules_finish(r, &err), RULES_OK);
        assert_int_equal(rules_finish(r, &err), RULES_ESTATE);
        assert_int_equal(rules_load(r, "x.csv", ok, strlen(ok), 0, &err),
                         RULES_ESTATE);
        rules_free(r);
    }
    /* A family row and a code row for the same category and ages. */
    finish_fails(H LEVEL COEFF("K1*", "1.5") COEFF("K1b", "2.0"), NULL,
                 RULES_ECONFLICT, "n.csv", 4, "key K1*");
    /* Overlapping age bands of one category. */
    finish_fails(H LEVEL "coeff,K3,,,0,4,,2.5,2021-07-01,,I,A,confirmed,"
                         "RULES.md §2.3,\n"
                         "coeff,K3,,,4,,,2.0,2021-07-01,,I,A,confirmed,"
                         "RULES.md §2.3,\n",
                 NULL, RULES_ECONFLICT, "n.csv", 4, "trùng thời gian");
    /* Disjoint disability levels do not overlap. */
    {
        static const char ok[] =
            H LEVEL "coeff,K6,,severe,,,,1.5,2021-07-01,,I,A,confirmed,"
                    "RULES.md §2.3,\n"
                    "coeff,K6,,especially_severe,,,,2.0,2021-07-01,,I,A,"
                    "confirmed,RULES.md §2.3,\n";
        struct rules *r = rules_new();
        struct rules_err err;

        assert_int_equal(rules_load(r, "n.csv", ok, strlen(ok), 0, &err),
                         RULES_OK);
        assert_int_equal(rules_finish(r, &err), RULES_OK);
        rules_free(r);
    }
    /* Two overlay rows of one province overlap too. */
    finish_fails(H LEVEL,
                 HP "99,level,standard,,,,,,600000,2025-01-01,,I,A,"
                    "unverified,RULES.md §2.1,\n"
                    "99,level,standard,,,,,,700000,2026-01-01,,I,A,"
                    "unverified,RULES.md §2.1,\n",
                 RULES_ECONFLICT, "o.csv", 3, "trùng thời gian");
}

/* Decree 20 Art. 4(3): a province may raise, never lower. */
static void test_overlay_lowering_refused(void **s)
{
    (void)s;
    finish_fails(H LEVEL,
                 HP "99,level,standard,,,,,,300000,2022-01-01,,NQ hư cấu,"
                    "Điều 1,unverified,RULES.md §2.1,\n",
                 RULES_ECONFLICT, "o.csv", 2,
                 "tỉnh 99 hạ level standard xuống 300000");
    finish_fails(H LEVEL "coeff,K1*,,,0,3,,2.5,2021-07-01,,I,A,confirmed,"
                         "RULES.md §2.3,\n",
                 HP "99,coeff,K1*,,,,,,2.0,2022-01-01,,NQ hư cấu,Điều 1,"
                    "unverified,RULES.md §2.3,\n",
                 RULES_ECONFLICT, "o.csv", 2, "xuống 2.0");
}

static void test_inexact_products_refused(void **s)
{
    (void)s;
    /* 360,001 x 2.5 is not a whole đồng: the coefficient row is named. */
    finish_fails(H "level,standard,,,,,,360001,2021-07-01,,I,A,confirmed,"
                   "RULES.md §2.1,\n" COEFF("K1*", "2.5"),
                 NULL, RULES_ECONFLICT, "n.csv", 3, "không ra số đồng nguyên");
    /* A provincial level that cannot be multiplied: the overlay is named. */
    finish_fails(H LEVEL COEFF("K1*", "2.5"),
                 HP "99,level,standard,,,,,,555555,2022-01-01,,NQ hư cấu,"
                    "Điều 1,unverified,RULES.md §2.1,\n",
                 RULES_ECONFLICT, "o.csv", 2, "555555");
}

static void test_local_category_must_be_defined(void **s)
{
    (void)s;
    finish_fails(H LEVEL,
                 HP "99,coeff,L99a,,,,,,1.0,2025-01-01,,NQ hư cấu,Điều 1,"
                    "unverified,RULES.md §2.1,\n",
                 RULES_EFORMAT, "o.csv", 2, "diện không biết: L99a");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_files_load),
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_header_only_is_empty_but_valid),
        cmocka_unit_test(test_unknown_kind_and_category),
        cmocka_unit_test(test_missing_basis),
        cmocka_unit_test(test_values_not_numbers),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_columns_not_for_kind),
        cmocka_unit_test(test_csv_and_text_errors),
        cmocka_unit_test(test_overlay_row_errors),
        cmocka_unit_test(test_overlapping_periods),
        cmocka_unit_test(test_overlay_lowering_refused),
        cmocka_unit_test(test_inexact_products_refused),
        cmocka_unit_test(test_local_category_must_be_defined),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
