/* test_csv.c: the CSV reader (util/csv.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/csv.h"

/* Read every row of s and join them as "a|b|c/d|e/" into out. Returns the
 * final csv_next code. */
static int slurp(const char *s, size_t len, const struct csv_options *opt,
                 char *out, size_t outlen, struct csv_reader **keep)
{
    struct csv_reader *r = NULL;
    const struct csv_field *f;
    size_t nf, i, used = 0;
    int rc;

    assert_int_equal(csv_reader_new(s, len, opt, &r), CSV_OK);
    out[0] = '\0';
    while ((rc = csv_next(r, &f, &nf)) == CSV_ROW) {
        for (i = 0; i < nf; i++) {
            assert_true(used + f[i].len + 2 < outlen);
            memcpy(out + used, f[i].ptr, f[i].len);
            used += f[i].len;
            out[used++] = i + 1 < nf ? '|' : '/';
            out[used] = '\0';
        }
    }
    if (keep)
        *keep = r;
    else
        csv_reader_free(r);
    return rc;
}

#define SLURP(lit, out)                                                        \
    slurp(lit, sizeof(lit) - 1, NULL, out, sizeof(out), NULL)

static void test_simple(void **state)
{
    char out[256];
    (void)state;
    assert_int_equal(SLURP("a,b,c\n1,2,3\n", out), CSV_DONE);
    assert_string_equal(out, "a|b|c/1|2|3/");
    /* no final line end, CRLF, empty fields */
    assert_int_equal(SLURP("a,b\r\n,\r\nx,", out), CSV_DONE);
    assert_string_equal(out, "a|b/|/x|/");
    /* empty input */
    assert_int_equal(slurp("", 0, NULL, out, sizeof(out), NULL), CSV_DONE);
    assert_string_equal(out, "");
}

static void test_bom_and_semicolon(void **state)
{
    char out[256];
    struct csv_reader *r;
    static const char bom[] = "\xEF\xBB\xBFmã;tên\n01;Hà Nội, Việt Nam\n";
    (void)state;
    assert_int_equal(slurp(bom, sizeof(bom) - 1, NULL, out, sizeof(out), &r),
                     CSV_DONE);
    assert_int_equal(csv_delimiter(r), ';');
    assert_string_equal(out, "mã|tên/01|Hà Nội, Việt Nam/");
    csv_reader_free(r);
    /* commas win a tie, and a ';' inside quotes does not count */
    assert_int_equal(SLURP("\"a;b;c\",d\n", out), CSV_DONE);
    assert_string_equal(out, "a;b;c|d/");
}

static void test_quotes(void **state)
{
    char out[256];
    struct csv_reader *r;
    (void)state;
    assert_int_equal(SLURP("\"a \"\"b\"\" c\",\"x,y\"\n\"\",z\n", out),
                     CSV_DONE);
    assert_string_equal(out, "a \"b\" c|x,y/|z/");
    /* a line break inside quotes is data, and line numbers follow it */
    assert_int_equal(
        slurp("h\n\"1\n2\"\nlast\n", 13, NULL, out, sizeof(out), &r), CSV_DONE);
    assert_string_equal(out, "h/1\n2/last/");
    assert_int_equal(csv_line(r), 4);
    csv_reader_free(r);
}

static void test_empty_lines_and_cr(void **state)
{
    char out[256];
    struct csv_reader *r;
    (void)state;
    assert_int_equal(slurp("a\n\n\r\nb\rc\n", 9, NULL, out, sizeof(out), &r),
                     CSV_DONE);
    assert_string_equal(out, "a/b/c/");
    assert_int_equal(csv_line(r), 5);
    assert_int_equal(csv_rows(r), 3);
    csv_reader_free(r);
}

static void expect_error(const char *s, const struct csv_options *opt,
                         int rc_expected, size_t line, size_t col,
                         const char *msg)
{
    char out[512];
    struct csv_reader *r;
    const struct csv_field *f;
    size_t nf;
    assert_int_equal(slurp(s, strlen(s), opt, out, sizeof(out), &r),
                     rc_expected);
    assert_int_equal(csv_line(r), line);
    assert_int_equal(csv_column(r), col);
    assert_string_equal(csv_errmsg(r), msg);
    /* sticky */
    assert_int_equal(csv_next(r, &f, &nf), rc_expected);
    csv_reader_free(r);
}

static void test_errors(void **state)
{
    struct csv_options small = {
        .max_fields = 3, .max_field_len = 4, .max_rows = 2};
    (void)state;
    expect_error("a,b,c\n1,2,\"3\n4\n", NULL, CSV_EQUOTE, 2, 3,
                 "Dòng 2, cột 3: dấu ngoặc kép không đóng");
    expect_error("a,b\n1,x\"y\n", NULL, CSV_EQUOTECHAR, 2, 2,
                 "Dòng 2, cột 2: dấu ngoặc kép trong giá trị không đặt "
                 "trong ngoặc kép");
    expect_error("a,\"b\"c\n", NULL, CSV_EQUOTECHAR, 1, 2,
                 "Dòng 1, cột 2: có ký tự sau dấu ngoặc kép đóng");
    expect_error("a,b,c,d\n", &small, CSV_ETOOMANYFIELDS, 1, 4,
                 "Dòng 1, cột 4: quá nhiều cột (tối đa 3)");
    expect_error("a,bbbbb\n", &small, CSV_ETOOLONG, 1, 2,
                 "Dòng 1, cột 2: giá trị dài quá 4 byte");
    expect_error("a,\"bb\"\"bb\"\n", &small, CSV_ETOOLONG, 1, 2,
                 "Dòng 1, cột 2: giá trị dài quá 4 byte");
    expect_error("a\nb\n\nc\n", &small, CSV_ETOOMANYROWS, 4, 0,
                 "Dòng 4: quá nhiều dòng (tối đa 2)");
}

static void test_nul(void **state)
{
    static const char s[] = "a,b\n1,\0\n";
    char out[64];
    struct csv_reader *r;
    (void)state;
    assert_int_equal(slurp(s, sizeof(s) - 1, NULL, out, sizeof(out), &r),
                     CSV_ENUL);
    assert_string_equal(csv_errmsg(r), "Dòng 2, cột 2: có ký tự NUL");
    csv_reader_free(r);
}

static void test_bad_options(void **state)
{
    struct csv_options o = {.delim = '\t'};
    struct csv_reader *r = NULL;
    (void)state;
    assert_int_equal(csv_reader_new("a", 1, &o, &r), CSV_EINVAL);
    assert_null(r);
    csv_reader_free(NULL);
}

static void test_forced_delim_and_eq(void **state)
{
    struct csv_options o = {.delim = ';'};
    char out[64];
    struct csv_field f = {"full", 4};
    (void)state;
    assert_int_equal(slurp("a,b;c\n", 6, &o, out, sizeof(out), NULL), CSV_DONE);
    assert_string_equal(out, "a,b|c/");
    assert_true(csv_field_eq(&f, "full"));
    assert_false(csv_field_eq(&f, "ful"));
    assert_false(csv_field_eq(&f, "fully"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple),
        cmocka_unit_test(test_bom_and_semicolon),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_empty_lines_and_cr),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_bad_options),
        cmocka_unit_test(test_forced_delim_and_eq),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
