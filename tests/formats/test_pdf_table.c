/* test_pdf_table.c: formats/pdf_table.c checked with poppler's tools.
 *
 * A three-page Vietnamese payment list (header, signature column, totals,
 * amount in words, signatures): pdftotext must show the names with their
 * marks, the amount in words and "Trang 3/3"; pdfinfo must count 3 pages;
 * pdftoppm must render a first page that is not blank (its PNG is left in
 * the build folder, formats_pdf_page1.png, for a person to look at: the
 * marks of ư ơ ễ ứ ờ ạ ộ ặ ỹ must be there). The same report renders to the
 * same bytes. Without poppler-utils the test is skipped (77), unless CI is
 * set.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/money.h"
#include "formats/pdf_table.h"

#define NROWS 44

static const struct fmt_column cols[] = {
    {"STT", 5, FMT_CENTER, FMT_INT},
    {"Họ và tên", 24, FMT_ALIGN_AUTO, FMT_TEXT},
    {"Ngày sinh", 10, FMT_ALIGN_AUTO, FMT_DATE},
    {"Địa chỉ", 22, FMT_ALIGN_AUTO, FMT_TEXT},
    {"Số tiền\n(đồng)", 11, FMT_ALIGN_AUTO, FMT_MONEY},
    {"Ký nhận", 12, FMT_ALIGN_AUTO, FMT_SIGN},
};
#define NCOLS (sizeof cols / sizeof cols[0])

static const char *const names[] = {
    "Nguyễn Thị Ánh Tuyết", "Trần Văn Đức",     "Phạm Thị Ngọc Ánh",
    "Lê Thị Thương",        "Vũ Đức Thắng",     "Đặng Thị Mỹ Hạnh",
    "Hoàng Văn Ước",        "Bùi Thị Ngọc Lợi", "Đỗ Thị Kỹ",
};

static struct fmt_cell cells[NROWS * NCOLS];
static struct fmt_cell totals[NCOLS];
static char words[400], after[512];
static struct fmt_report rep;

static void build(void)
{
    int64_t sum = 0;
    size_t r;

    for (r = 0; r < NROWS; r++) {
        struct fmt_cell *c = &cells[r * NCOLS];
        int64_t amount = r % 3 == 0 ? 1080000 : 540000;

        c[0] = fmt_num((int64_t)r + 1);
        c[1] = fmt_text(names[r % 9]);
        c[2] = fmt_date((struct date){1940 + (int)r, 1 + (int)r % 12, 5});
        c[3] = fmt_text(r % 4 == 0 ? "Thôn Đồng Lạc, xã Quang Trung, huyện "
                                     "Bình Lục, tỉnh Hà Nam (ở cùng con gái)"
                                   : "Tổ dân phố số 3, phường Quang Trung");
        c[4] = fmt_num(amount);
        c[5] = fmt_empty();
        sum += amount;
    }
    totals[0] = fmt_text("Tổng cộng");
    totals[1] = totals[2] = totals[3] = totals[5] = fmt_empty();
    totals[4] = fmt_num(sum);
    assert_int_equal(money_words_vi(sum, words, sizeof words), MONEY_OK);
    snprintf(after, sizeof after, "Tổng số tiền bằng chữ: %s.", words);

    memset(&rep, 0, sizeof rep);
    rep.header.unit[0] = "UBND HUYỆN BÌNH LỤC";
    rep.header.unit[1] = "UBND XÃ QUANG TRUNG";
    rep.header.place_date = "Quang Trung, ngày 20 tháng 7 năm 2026";
    rep.header.title = "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI HẰNG THÁNG";
    rep.header.subtitle[0] = "Tháng 8 năm 2026 - Điểm chi trả: Nhà văn hóa "
                             "thôn Đồng Lạc";
    rep.header.subtitle[1] = "Kiểm tra dấu: ư ơ ễ ứ ờ ạ ộ ặ ỹ";
    rep.table = (struct fmt_table){cols, NCOLS, cells, NROWS, totals, 4};
    rep.after[0] = after;
    rep.signs[0] = (struct fmt_signature){
        NULL, "Người lập biểu", "(Ký, ghi rõ họ tên)", "Nguyễn Văn Lập"};
    rep.signs[1] =
        (struct fmt_signature){NULL, "Kế toán", "(Ký, ghi rõ họ tên)", NULL};
    rep.signs[2] = (struct fmt_signature){"Quang Trung, ngày … tháng … năm …",
                                          "Chủ tịch UBND xã",
                                          "(Ký tên, đóng dấu)", "Trần Đức Ứng"};
    rep.nsigns = 3;
}

/* Run a shell command; 0 if it exited 0. */
static int run(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return system(cmd);
}

static char *slurp(const char *path, size_t *len)
{
    struct buf b;
    char chunk[8192];
    size_t n;
    FILE *f = fopen(path, "rb");

    assert_non_null(f);
    buf_init(&b, 64 << 20);
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        assert_int_equal(buf_append(&b, chunk, n), BUF_OK);
    fclose(f);
    return buf_steal(&b, len);
}

static void save(const char *path, const struct buf *b)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(b->data, 1, b->len, f), b->len);
    fclose(f);
}

static char dir[] = "/tmp/ansinh-pdf-XXXXXX";

static void test_text_and_pages(void **state)
{
    struct fmt_error err = {{0}};
    struct buf pdf;
    char path[256], txt[256], info[256];
    char *text;
    size_t len;
    int rc;

    (void)state;
    build();
    buf_init(&pdf, 16 << 20);
    rc = pdf_render_report(&rep, NULL, &pdf, &err);
    if (rc != FMT_OK)
        fail_msg("pdf_render_report: %d %s", rc, err.msg);
    assert_memory_equal(pdf.data, "%PDF-", 5);
    snprintf(path, sizeof path, "%s/list.pdf", dir);
    snprintf(txt, sizeof txt, "%s/list.txt", dir);
    snprintf(info, sizeof info, "%s/info.txt", dir);
    save(path, &pdf);
    assert_int_equal(run("pdftotext -enc UTF-8 %s %s 2>/dev/null", path, txt),
                     0);
    text = slurp(txt, &len);
    assert_non_null(strstr(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(text, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(text, "Nguyễn Thị Ánh Tuyết"));
    assert_non_null(strstr(text, "Trần Văn Đức"));
    assert_non_null(strstr(text, "Phạm Thị Ngọc Ánh"));
    assert_non_null(strstr(text, "ư ơ ễ ứ ờ ạ ộ ặ ỹ"));
    assert_non_null(strstr(text, "bằng chữ"));
    assert_non_null(strstr(text, words));
    assert_non_null(strstr(text, "Tổng cộng"));
    assert_non_null(strstr(text, "1.080.000"));
    assert_non_null(strstr(text, "Người lập biểu"));
    assert_non_null(strstr(text, "Chủ tịch UBND xã"));
    assert_non_null(strstr(text, "Trang 1/3"));
    assert_non_null(strstr(text, "Trang 3/3"));
    assert_null(strstr(text, "Trang 4/"));
    free(text);
    assert_int_equal(run("pdfinfo %s > %s 2>/dev/null", path, info), 0);
    text = slurp(info, &len);
    {
        const char *pages = strstr(text, "Pages:");

        assert_non_null(pages);
        pages += 6;
        while (*pages == ' ')
            pages++;
        assert_memory_equal(pages, "3\n", 2);
    }
    free(text);
    buf_free(&pdf);
}

/* The first page, rendered: not blank. A PNG of it stays in the build
 * folder for a person to look at. */
static void test_render(void **state)
{
    char path[256], pgm[256];
    unsigned char *img;
    size_t len, i, dark = 0, w = 0, h = 0, maxv = 0, off = 0;
    int fields = 0;

    (void)state;
    snprintf(path, sizeof path, "%s/list.pdf", dir);
    snprintf(pgm, sizeof pgm, "%s/page", dir);
    assert_int_equal(run("pdftoppm -png -r 110 -f 1 -l 1 -singlefile %s "
                         "formats_pdf_page1 2>/dev/null",
                         path),
                     0);
    assert_int_equal(run("pdftoppm -gray -r 40 -f 1 -l 1 -singlefile %s %s "
                         "2>/dev/null",
                         path, pgm),
                     0);
    snprintf(pgm, sizeof pgm, "%s/page.pgm", dir);
    img = (unsigned char *)slurp(pgm, &len);
    /* "P5 w h max" then the pixels */
    assert_memory_equal(img, "P5", 2);
    off = 2;
    while (fields < 3 && off < len) {
        size_t v = 0;
        while (off < len && (img[off] == ' ' || img[off] == '\n'))
            off++;
        while (off < len && img[off] >= '0' && img[off] <= '9')
            v = v * 10 + (size_t)(img[off++] - '0');
        if (fields == 0)
            w = v;
        else if (fields == 1)
            h = v;
        else
            maxv = v;
        fields++;
    }
    off++;
    assert_int_equal(maxv, 255);
    assert_true(w > 300 && h > 400);
    assert_int_equal(len - off, w * h);
    for (i = off; i < len; i++)
        dark += img[i] < 128;
    /* text and table lines: well above nothing, well below a black page */
    assert_true(dark > w * h / 100);
    assert_true(dark < w * h / 3);
    free(img);
}

static void test_same_bytes(void **state)
{
    struct pdf_options o = {.landscape = 1, .serif = 1};
    struct buf a, b;

    (void)state;
    build();
    buf_init(&a, 16 << 20);
    buf_init(&b, 16 << 20);
    assert_int_equal(pdf_render_report(&rep, &o, &a, NULL), FMT_OK);
    sleep(1);
    assert_int_equal(pdf_render_report(&rep, &o, &b, NULL), FMT_OK);
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.data, b.data, a.len);
    buf_free(&a);
    buf_free(&b);
}

static void test_builder_and_errors(void **state)
{
    struct pdf_options o = {.font_dir = "/nonexistent/fonts"};
    struct fmt_error err = {{0}};
    struct pdf_report *p;
    struct buf out;
    char *saved;

    (void)state;
    build();
    /* a folder in the options is the only one tried */
    assert_int_equal(pdf_report_new(&o, &p), FMT_EFONT);
    assert_string_equal(pdf_errmsg(p),
                        "Không tìm thấy phông chữ LiberationSans-Regular.ttf "
                        "(đã tìm trong: /nonexistent/fonts); cài gói "
                        "fonts-liberation2 hoặc đặt ANSINH_FONT_DIR");
    pdf_report_free(p);
    /* $ANSINH_FONT_DIR first, then the folder compiled in */
    saved = getenv("ANSINH_FONT_DIR");
    setenv("ANSINH_FONT_DIR", "/nonexistent/env", 1);
    assert_int_equal(pdf_report_new(NULL, &p), FMT_OK);
    pdf_report_free(p);
    if (saved == NULL)
        unsetenv("ANSINH_FONT_DIR");

    /* two lists in one file: the second header starts a page */
    buf_init(&out, 16 << 20);
    assert_int_equal(pdf_report_new(NULL, &p), FMT_OK);
    assert_int_equal(pdf_add_header(p, &rep.header), FMT_OK);
    assert_int_equal(pdf_add_text(p, "Một đoạn văn.", PDF_ITALIC), FMT_OK);
    assert_int_equal(pdf_page_count(p), 1);
    assert_int_equal(pdf_add_header(p, &rep.header), FMT_OK);
    assert_int_equal(pdf_page_count(p), 2);
    assert_int_equal(pdf_add_signatures(p, rep.signs, 0), FMT_EINVAL);
    /* errors are sticky */
    assert_int_equal(pdf_add_text(p, "x", 0), FMT_EINVAL);
    assert_int_equal(pdf_finish(p, &out), FMT_EINVAL);
    pdf_report_free(p);

    /* bad text, bad tables, caps */
    assert_int_equal(pdf_report_new(NULL, &p), FMT_OK);
    assert_int_equal(pdf_add_text(p, "\xC3(", 0), FMT_EINVAL);
    assert_string_equal(pdf_errmsg(p), "Đoạn văn: văn bản không phải UTF-8");
    pdf_report_free(p);
    cells[NCOLS + 1] = fmt_text("\xFF");
    assert_int_equal(pdf_render_report(&rep, NULL, &out, &err), FMT_EINVAL);
    assert_string_equal(err.msg, "Dòng 2, cột 2: văn bản không phải UTF-8");
    build();
    {
        struct pdf_options small = {.max_pages = 2};
        assert_int_equal(pdf_render_report(&rep, &small, &out, &err),
                         FMT_ETOOBIG);
        assert_string_equal(err.msg, "Tài liệu PDF quá 2 trang");
        small.max_pages = 0;
        small.max_rows = 10;
        assert_int_equal(pdf_render_report(&rep, &small, &out, &err),
                         FMT_ETOOBIG);
    }
    buf_free(&out);
    buf_init(&out, 1000);
    assert_int_equal(pdf_render_report(&rep, NULL, &out, &err), FMT_ETOOBIG);
    buf_free(&out);

    /* a word longer than its column, an empty table, huge text: no loop,
     * no overflow */
    {
        static const struct fmt_column narrow[] = {
            {"A", 1, FMT_ALIGN_AUTO, FMT_TEXT},
            {"B", 60, FMT_ALIGN_AUTO, FMT_MONEY}};
        struct fmt_cell c[2] = {fmt_text("Nguyễnnnnnnnnnnnnnnnnnnnnnnnnnnnn"),
                                fmt_num(-9000000000000000LL)};
        struct fmt_table t = {narrow, 2, c, 1, NULL, 0};
        struct fmt_table empty = {narrow, 2, NULL, 0, NULL, 0};
        char *big = malloc(200001);

        assert_non_null(big);
        memset(big, 'a', 200000);
        for (size_t i = 0; i < 200000; i += 7)
            big[i] = i % 2 ? ' ' : '\n';
        big[200000] = '\0';
        buf_init(&out, 64 << 20);
        assert_int_equal(pdf_report_new(NULL, &p), FMT_OK);
        assert_int_equal(pdf_add_table(p, &t), FMT_OK);
        assert_int_equal(pdf_add_table(p, &empty), FMT_OK);
        c[0] = fmt_text(big);
        assert_int_equal(pdf_add_table(p, &t), FMT_OK);
        assert_int_equal(pdf_add_text(p, big, PDF_BOLD | PDF_RIGHT), FMT_OK);
        assert_int_equal(pdf_finish(p, &out), FMT_OK);
        assert_true(pdf_page_count(p) > 10);
        pdf_report_free(p);
        free(big);
        buf_free(&out);
    }
}

static int have_poppler(void)
{
    return run("command -v pdftotext >/dev/null 2>&1 && "
               "command -v pdftoppm >/dev/null 2>&1 && "
               "command -v pdfinfo >/dev/null 2>&1") == 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_and_pages),
        cmocka_unit_test(test_render),
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_builder_and_errors),
    };
    int rc;

    if (!have_poppler()) {
        const char *ci = getenv("CI");
        fprintf(stderr, "test_pdf_table: pdftotext/pdftoppm/pdfinfo not found "
                        "(apt-get install poppler-utils)\n");
        return ci && *ci ? 1 : 77;
    }
    if (mkdtemp(dir) == NULL)
        return 1;
    rc = cmocka_run_group_tests(tests, NULL, NULL);
    if (getenv("KEEP") == NULL)
        run("rm -rf %s", dir);
    return rc;
}
