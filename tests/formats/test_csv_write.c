/* test_csv_write.c: unit tests for formats/csv_write.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formats/csv_write.h"
#include "util/csv.h"

static const struct fmt_column cols[] = {
    {"Họ và tên", 30, FMT_ALIGN_AUTO, FMT_TEXT},
    {"Mã", 10, FMT_ALIGN_AUTO, FMT_TEXT},
    {"Ngày sinh", 12, FMT_ALIGN_AUTO, FMT_DATE},
    {"Số tiền", 14, FMT_ALIGN_AUTO, FMT_MONEY},
    {"STT", 5, FMT_ALIGN_AUTO, FMT_INT},
    {"Ký nhận", 12, FMT_ALIGN_AUTO, FMT_SIGN},
};
#define NCOLS (sizeof cols / sizeof cols[0])

static void write_ok(const struct fmt_table *t, const struct csv_write_opts *o,
                     struct buf *out)
{
    struct fmt_error err = {{0}};

    buf_init(out, 1 << 20);
    assert_int_equal(csv_write_table(t, o, out, &err), FMT_OK);
}

static void test_bom_crlf_and_kinds(void **state)
{
    struct fmt_cell cells[2 * NCOLS];
    struct fmt_table t = {cols, NCOLS, cells, 2, NULL, 0};
    struct buf out;

    (void)state;
    cells[0] = fmt_text("Nguyễn Thị Ánh Tuyết");
    cells[1] = fmt_text("001234");
    cells[2] = fmt_date((struct date){1950, 3, 7});
    cells[3] = fmt_num(1250000);
    cells[4] = fmt_num(1);
    cells[5] = fmt_empty();
    cells[6] = fmt_text("Trần Văn Đức");
    cells[7] = fmt_empty();
    cells[8] = fmt_empty();
    cells[9] = fmt_num(-5000);
    cells[10] = fmt_num(2);
    cells[11] = fmt_text("ignored: a signature column is empty");
    write_ok(&t, NULL, &out);
    assert_string_equal(buf_str(&out),
                        "\xEF\xBB\xBF"
                        "Họ và tên,Mã,Ngày sinh,Số tiền,STT,Ký nhận\r\n"
                        "Nguyễn Thị Ánh Tuyết,001234,07/03/1950,1250000,1,\r\n"
                        "Trần Văn Đức,,,-5000,2,\r\n");
    buf_free(&out);
}

static void test_quoting(void **state)
{
    static const struct fmt_column one[] = {{"a", 0, FMT_ALIGN_AUTO, FMT_TEXT},
                                            {"b", 0, FMT_ALIGN_AUTO, FMT_TEXT}};
    struct fmt_cell cells[] = {
        fmt_text("say \"hi\""),   fmt_text("a,b"),        fmt_text("a;b"),
        fmt_text("two\r\nlines"), fmt_text("line\nfeed"), fmt_text("plain"),
    };
    struct fmt_table t = {one, 2, cells, 3, NULL, 0};
    struct csv_write_opts o = {.no_bom = 1, .no_header = 1};
    struct buf out;

    (void)state;
    write_ok(&t, &o, &out);
    assert_string_equal(buf_str(&out), "\"say \"\"hi\"\"\",\"a,b\"\r\n"
                                       "\"a;b\",\"two\r\nlines\"\r\n"
                                       "\"line\nfeed\",plain\r\n");
    buf_free(&out);
}

static void test_formula_protection(void **state)
{
    static const struct fmt_column c2[] = {{"t", 0, FMT_ALIGN_AUTO, FMT_TEXT},
                                           {"m", 0, FMT_ALIGN_AUTO, FMT_MONEY}};
    struct fmt_cell cells[] = {
        fmt_text("=HYPERLINK(\"http://x\")"),
        fmt_num(-5000),
        fmt_text("+84912345678"),
        fmt_num(0),
        fmt_text("-"),
        fmt_num(1),
        fmt_text("@SUM(A1)"),
        fmt_num(2),
        fmt_text("\tx"),
        fmt_num(3),
        fmt_text("a=b"),
        fmt_num(4),
    };
    struct fmt_table t = {c2, 2, cells, 6, NULL, 0};
    struct csv_write_opts o = {.no_bom = 1, .no_header = 1, .delim = ';'};
    struct buf out;

    (void)state;
    write_ok(&t, &o, &out);
    assert_string_equal(buf_str(&out),
                        "\"'=HYPERLINK(\"\"http://x\"\")\";-5000\r\n"
                        "\"'+84912345678\";0\r\n"
                        "\"'-\";1\r\n"
                        "\"'@SUM(A1)\";2\r\n"
                        "\"'\tx\";3\r\n"
                        "a=b;4\r\n");
    assert_int_equal(csv_unprotect("'=1", 3), 1);
    assert_int_equal(csv_unprotect("'abc", 4), 0);
    assert_int_equal(csv_unprotect("'", 1), 0);
    buf_free(&out);
}

/* What the writer writes, util/csv.h reads back field for field. */
static void test_round_trip_with_reader(void **state)
{
    struct fmt_cell cells[NCOLS];
    struct fmt_cell totals[NCOLS];
    struct fmt_table t = {cols, NCOLS, cells, 1, totals, 3};
    struct csv_write_opts o = {.delim = ';', .with_totals = 1, .iso_dates = 1};
    const struct csv_field *f;
    struct csv_reader *r;
    size_t nf;
    struct buf out;

    (void)state;
    cells[0] = fmt_text("Phạm \"Ngọc\"; Ánh");
    cells[1] = fmt_text("=1+1");
    cells[2] = fmt_date((struct date){2025, 12, 31});
    cells[3] = fmt_num(900000);
    cells[4] = fmt_num(7);
    cells[5] = fmt_empty();
    totals[0] = fmt_text("Tổng cộng");
    totals[1] = totals[2] = totals[4] = totals[5] = fmt_empty();
    totals[3] = fmt_num(900000);
    write_ok(&t, &o, &out);
    assert_int_equal(csv_reader_new(buf_str(&out), out.len, NULL, &r), CSV_OK);
    assert_int_equal(csv_next(r, &f, &nf), CSV_ROW);
    assert_int_equal(nf, NCOLS);
    assert_true(csv_field_eq(&f[0], "Họ và tên"));
    assert_int_equal(csv_next(r, &f, &nf), CSV_ROW);
    assert_true(csv_field_eq(&f[0], "Phạm \"Ngọc\"; Ánh"));
    assert_true(csv_field_eq(&f[1], "'=1+1"));
    assert_int_equal(csv_unprotect(f[1].ptr, f[1].len), 1);
    assert_true(csv_field_eq(&f[2], "2025-12-31"));
    assert_true(csv_field_eq(&f[3], "900000"));
    assert_int_equal(csv_next(r, &f, &nf), CSV_ROW);
    assert_true(csv_field_eq(&f[0], "Tổng cộng"));
    assert_true(csv_field_eq(&f[3], "900000"));
    assert_int_equal(csv_next(r, &f, &nf), CSV_DONE);
    assert_int_equal(csv_delimiter(r), ';');
    csv_reader_free(r);
    buf_free(&out);
}

static void test_errors(void **state)
{
    struct fmt_cell cells[NCOLS];
    struct fmt_table t = {cols, NCOLS, cells, 1, NULL, 0};
    struct fmt_table none = {NULL, 0, NULL, 0, NULL, 0};
    struct csv_write_opts bad = {.delim = '|'};
    struct fmt_error err = {{0}};
    struct buf out;
    size_t i;

    (void)state;
    for (i = 0; i < NCOLS; i++)
        cells[i] = fmt_text("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
    cells[2] = fmt_date((struct date){2025, 2, 30});
    buf_init(&out, 16);
    assert_int_equal(csv_write_table(&none, NULL, &out, &err), FMT_EINVAL);
    assert_int_equal(csv_write_table(&t, &bad, &out, &err), FMT_EINVAL);
    assert_int_equal(csv_write_table(&t, NULL, &out, &err), FMT_EINVAL);
    assert_string_equal(err.msg, "Dòng 1, cột 3: ngày không hợp lệ");
    cells[2] = fmt_date((struct date){2025, 2, 28});
    assert_int_equal(csv_write_table(&t, NULL, &out, &err), FMT_ETOOBIG);
    assert_non_null(strstr(err.msg, "16 byte"));
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bom_crlf_and_kinds),
        cmocka_unit_test(test_quoting),
        cmocka_unit_test(test_formula_protection),
        cmocka_unit_test(test_round_trip_with_reader),
        cmocka_unit_test(test_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
