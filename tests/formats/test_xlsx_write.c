/* test_xlsx_write.c: formats/xlsx_write.c, read back through
 * formats/xlsx_read.c: cells, kinds, sheets, same bytes for the same
 * input, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "formats/xlsx_read.h"
#include "formats/xlsx_write.h"

static const struct fmt_column cols[] = {
    {"STT", 5, FMT_CENTER, FMT_INT},
    {"Họ và tên", 28, FMT_ALIGN_AUTO, FMT_TEXT},
    {"Số tài khoản", 16, FMT_ALIGN_AUTO, FMT_TEXT},
    {"Ngày sinh", 12, FMT_ALIGN_AUTO, FMT_DATE},
    {"Số tiền (đồng)", 14, FMT_ALIGN_AUTO, FMT_MONEY},
    {"Ký nhận", 14, FMT_ALIGN_AUTO, FMT_SIGN},
};
#define NCOLS (sizeof cols / sizeof cols[0])
#define NROWS 3

static const char *const names[NROWS] = {"Nguyễn Thị Ánh Tuyết", "Trần Văn Đức",
                                         "Phạm Thị Ngọc Ánh"};

static struct fmt_cell cells[NROWS * NCOLS];
static struct fmt_cell totals[NCOLS];
static struct fmt_table table = {cols, NCOLS, cells, NROWS, totals, 4};

static void fill(void)
{
    size_t r;

    for (r = 0; r < NROWS; r++) {
        struct fmt_cell *c = &cells[r * NCOLS];

        c[0] = fmt_num((int64_t)r + 1);
        c[1] = fmt_text(names[r]);
        c[2] = fmt_text(r == 1 ? NULL : "0012345678");
        c[3] = fmt_date((struct date){1950 + (int)r, 2, 28});
        c[4] = fmt_num(r == 2 ? 1080000 : 540000);
        c[5] = fmt_empty();
    }
    totals[0] = fmt_text("Tổng cộng");
    totals[1] = totals[2] = totals[3] = totals[5] = fmt_empty();
    totals[4] = fmt_num(2160000);
}

static void write_ok(const struct xlsx_sheet *sh, size_t n, struct buf *out)
{
    struct fmt_error err = {{0}};
    int rc;

    buf_init(out, 16 << 20);
    rc = xlsx_write_buf(sh, n, NULL, out, &err);
    if (rc != FMT_OK)
        fail_msg("xlsx_write_buf: %d %s", rc, err.msg);
    assert_true(out->len > 1000);
    assert_memory_equal(out->data, "PK\x03\x04", 4);
}

static int cell_is(const struct xlsx_cell *c, enum xlsx_type t, const char *s)
{
    return c->type == t && c->len == strlen(s) &&
           memcmp(c->ptr, s, c->len) == 0;
}

static void test_round_trip(void **state)
{
    struct xlsx_sheet sh[2] = {
        {"Danh sách", NULL, &table, 1},
        {"Chi trả tháng 7", "DANH SÁCH CHI TRẢ THÁNG 7/2026", &table, 0},
    };
    const struct xlsx_cell *c;
    struct xlsx_reader *r;
    struct buf out;
    size_t n, i;

    (void)state;
    fill();
    write_ok(sh, 2, &out);
    assert_int_equal(xlsx_reader_new(out.data, out.len, NULL, &r), XLSX_OK);
    assert_int_equal(xlsx_sheet_count(r), 2);
    assert_string_equal(xlsx_sheet_name(r, 0), "Danh sách");
    assert_string_equal(xlsx_sheet_name(r, 1), "Chi trả tháng 7");
    assert_int_equal(xlsx_sheet_find(r, "Chi trả tháng 7"), 1);
    assert_int_equal(xlsx_sheet_find(r, "none"), -1);
    assert_int_equal(xlsx_date1904(r), 0);

    assert_int_equal(xlsx_sheet_open(r, 0), XLSX_OK);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 1);
    assert_int_equal(n, NCOLS);
    for (i = 0; i < NCOLS; i++)
        assert_true(cell_is(&c[i], XLSX_STRING, cols[i].header));
    for (i = 0; i < NROWS; i++) {
        assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
        assert_int_equal(xlsx_row(r), i + 2);
        /* the signature column is a blank: left out at the end */
        assert_int_equal(n, NCOLS - 1);
        assert_true(c[0].type == XLSX_NUMBER && c[0].len == 1 &&
                    c[0].ptr[0] == (char)('1' + i));
        assert_true(cell_is(&c[1], XLSX_STRING, names[i]));
        if (i == 1)
            assert_int_equal(c[2].type, XLSX_EMPTY);
        else /* a text cell: the leading zeros stay */
            assert_true(cell_is(&c[2], XLSX_STRING, "0012345678"));
    }
    /* the dates and amounts of the last row */
    assert_true(cell_is(&c[3], XLSX_DATE, "1952-02-28"));
    assert_true(cell_is(&c[4], XLSX_NUMBER, "1080000"));
    /* totals: the label over four merged columns, then the amount */
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(n, 5);
    assert_true(cell_is(&c[0], XLSX_STRING, "Tổng cộng"));
    assert_int_equal(c[1].type, XLSX_EMPTY);
    assert_true(cell_is(&c[4], XLSX_NUMBER, "2160000"));
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_DONE);

    /* the second sheet: title on row 1, header on row 3, no totals */
    assert_int_equal(xlsx_sheet_open(r, 1), XLSX_OK);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 1);
    assert_true(cell_is(&c[0], XLSX_STRING, "DANH SÁCH CHI TRẢ THÁNG 7/2026"));
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 3);
    for (i = 0; i < NROWS; i++)
        assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 6);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_DONE);
    assert_string_equal(xlsx_errmsg(r), "");
    xlsx_reader_free(r);
    buf_free(&out);
}

/* Same input, same bytes, also a second later (the creation time is
 * fixed); another creation time gives other bytes. */
static void test_same_bytes(void **state)
{
    struct xlsx_sheet sh = {"Danh sách", "Tiêu đề", &table, 1};
    struct xlsx_write_opts o = {.created = 1785456000};
    struct fmt_error err = {{0}};
    struct buf a, b;

    (void)state;
    fill();
    write_ok(&sh, 1, &a);
    sleep(1);
    write_ok(&sh, 1, &b);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    buf_reset(&b);
    assert_int_equal(xlsx_write_buf(&sh, 1, &o, &b, &err), FMT_OK);
    assert_true(a.len != b.len || memcmp(a.data, b.data, a.len) != 0);
    buf_free(&a);
    buf_free(&b);
}

static void test_file_and_errors(void **state)
{
    struct xlsx_sheet sh = {"Danh sách", NULL, &table, 0};
    struct xlsx_sheet two[2] = {{"A", NULL, &table, 0}, {"A", NULL, &table, 0}};
    struct xlsx_sheet badname = {"a/b", NULL, &table, 0};
    struct fmt_error err = {{0}};
    char path[] = "/tmp/ansinh-test-xlsx-XXXXXX";
    struct buf out;
    int fd;

    (void)state;
    fill();
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(xlsx_write_file(path, &sh, 1, NULL, &err), FMT_OK);
    assert_int_equal(access(path, R_OK), 0);
    unlink(path);

    buf_init(&out, 1 << 20);
    assert_int_equal(xlsx_write_buf(&sh, 0, NULL, &out, &err), FMT_EINVAL);
    assert_int_equal(xlsx_write_buf(two, 2, NULL, &out, &err), FMT_EINVAL);
    assert_non_null(strstr(err.msg, "\"A\""));
    assert_int_equal(xlsx_write_buf(&badname, 1, NULL, &out, &err), FMT_EINVAL);
    assert_non_null(strstr(err.msg, "a/b"));
    cells[NCOLS + 1] = fmt_text("bad \xC3(");
    assert_int_equal(xlsx_write_buf(&sh, 1, NULL, &out, &err), FMT_EINVAL);
    assert_string_equal(err.msg, "Trang tính \"Danh sách\", dòng 3, cột 2: "
                                 "văn bản không phải UTF-8");
    /* a control character becomes a space; the file stays valid XML */
    cells[NCOLS + 1] = fmt_text("Trần\x01Văn");
    assert_int_equal(xlsx_write_buf(&sh, 1, NULL, &out, &err), FMT_OK);
    fill();
    /* a small cap */
    buf_free(&out);
    buf_init(&out, 100);
    assert_int_equal(xlsx_write_buf(&sh, 1, NULL, &out, &err), FMT_ETOOBIG);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_file_and_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
