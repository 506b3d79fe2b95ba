/* test_xlsx_read.c: formats/xlsx_read.c on hand-made and broken
 * workbooks: what it understands (shared and inline strings, rich text,
 * dates and date1904, booleans, errors, cached formula values, sheets
 * found through the relationships) and how it refuses (not a zip,
 * truncated, DOCTYPE, lying sizes, zip bombs, every cap, memory budget,
 * failed allocations without a leak).
 *
 * `formats_test_xlsx_read --write-corpus DIR` writes the seed corpus of
 * tests/fuzz/fuzz_xlsx_read.c (the files these tests build plus workbooks
 * from formats/xlsx_write) and exits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "formats/xlsx_read.h"
#include "formats/xlsx_write.h"
#include "zipmk.h"

#define NS                                                                     \
    " xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""     \
    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"        \
    "relationships\""
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/"

static const char wb_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<workbook" NS "><workbookPr date1904=\"1\"/><sheets>"
    "<sheet name=\"Kết quả\" sheetId=\"1\" r:id=\"rId7\"/>"
    "<sheet name=\"Khác\" sheetId=\"2\" r:id=\"rId8\"/>"
    "</sheets></workbook>";

/* sheets under unusual names, one absolute; no sharedStrings rel */
static const char rels_xml[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships\">"
    "<Relationship Id=\"rId7\" Type=\"" REL_TYPE "relationships/worksheet\""
    " Target=\"worksheets/../data/ket_qua.xml\"/>"
    "<Relationship Id=\"rId8\" Type=\"" REL_TYPE "relationships/worksheet\""
    " Target=\"/xl/other.xml\"/>"
    "<Relationship Id=\"rId9\" Type=\"" REL_TYPE "relationships/styles\""
    " Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId10\" Type=\"" REL_TYPE "relationships/hyperlink\""
    " Target=\"http://example.invalid/\" TargetMode=\"External\"/>"
    "</Relationships>";

/* xf 0 general, 1 built-in date 14, 2 custom date, 3 custom number with a
 * quoted "d", 4 time only (built-in 20) */
static const char styles_xml[] =
    "<styleSheet" NS "><numFmts count=\"2\">"
    "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy\"/>"
    "<numFmt numFmtId=\"165\" formatCode=\"#,##0&quot; đ&quot;\"/>"
    "</numFmts><cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/>"
    "</cellStyleXfs><cellXfs count=\"5\"><xf numFmtId=\"0\"/>"
    "<xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/>"
    "<xf numFmtId=\"20\"/></cellXfs></styleSheet>";

static const char sheet_xml[] =
    "<worksheet" NS "><sheetData>"
    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Nguyễn Thị Ánh "
    "Tuyết</t></is></c><c r=\"C2\" t=\"inlineStr\"><is><r><t>Trần </t></r>"
    "<r><t>Văn Đức</t></r><rPh><t>ignored</t></rPh></is></c></row>"
    "<row r=\"3\"><c r=\"A3\" s=\"1\"><v>45000</v></c>"
    "<c s=\"2\"><v>45000.5</v></c><c s=\"3\"><v>1250000</v></c>"
    "<c s=\"4\"><v>0.5</v></c><c t=\"b\"><v>1</v></c>"
    "<c t=\"e\"><v>#N/A</v></c><c t=\"str\"><f>A1&amp;\"x\"</f><v>ab</v></c>"
    "<c t=\"d\"><v>2026-07-01T00:00:00</v></c></row>"
    "<row r=\"4\"><c r=\"B4\" s=\"2\"/></row>"
    "<row><c><v>7</v></c></row>"
    "</sheetData></worksheet>";

static const char other_xml[] =
    "<worksheet" NS "><sheetData><row><c t=\"s\"><v>0</v></c></row>"
    "</sheetData></worksheet>";

static void build(struct buf *z, const char *wb, const char *rels,
                  const char *styles, const char *sheet, const char *other,
                  const char *sst)
{
    struct zipmk_entry e[7];
    size_t n = 0;

    e[n++] = (struct zipmk_entry){"xl/workbook.xml", wb, 0};
    e[n++] = (struct zipmk_entry){"xl/_rels/workbook.xml.rels", rels, 0};
    if (styles)
        e[n++] = (struct zipmk_entry){"xl/styles.xml", styles, 0};
    e[n++] = (struct zipmk_entry){"xl/data/ket_qua.xml", sheet, 0};
    e[n++] = (struct zipmk_entry){"xl/other.xml", other, 1};
    if (sst)
        e[n++] = (struct zipmk_entry){"xl/sharedStrings.xml", sst, 0};
    buf_init(z, 64 << 20);
    assert_int_equal(zipmk(e, n, z), 0);
}

static void build_default(struct buf *z)
{
    build(z, wb_xml, rels_xml, styles_xml, sheet_xml, other_xml, NULL);
}

static int is(const struct xlsx_cell *c, enum xlsx_type t, const char *s)
{
    return c->type == t && c->len == strlen(s) &&
           memcmp(c->ptr, s, c->len) == 0;
}

/* Open (z) with opt and return the first error of reading sheet 0 to the
 * end, or XLSX_DONE; msg gets the message. */
static int read_all(const struct buf *z, const struct xlsx_read_opts *opt,
                    char *msg, size_t cap)
{
    const struct xlsx_cell *c;
    struct xlsx_reader *r;
    size_t n;
    int rc;

    rc = xlsx_reader_new(z->data, z->len, opt, &r);
    if (rc == XLSX_OK)
        rc = xlsx_sheet_open(r, 0);
    while (rc == XLSX_OK || rc == XLSX_ROW)
        rc = xlsx_next(r, &c, &n);
    snprintf(msg, cap, "%s", xlsx_errmsg(r));
    xlsx_reader_free(r);
    return rc;
}

static void test_understands(void **state)
{
    const struct xlsx_cell *c;
    struct xlsx_reader *r;
    struct buf z;
    size_t n;

    (void)state;
    build_default(&z);
    assert_int_equal(xlsx_reader_new(z.data, z.len, NULL, &r), XLSX_OK);
    assert_int_equal(xlsx_date1904(r), 1);
    assert_int_equal(xlsx_sheet_count(r), 2);
    assert_string_equal(xlsx_sheet_name(r, 0), "Kết quả");
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_EINVAL); /* none open */
    assert_int_equal(xlsx_sheet_open(r, 2), XLSX_EINVAL);
    assert_int_equal(xlsx_sheet_open(r, 0), XLSX_OK);

    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 2);
    assert_int_equal(n, 3);
    assert_true(is(&c[0], XLSX_STRING, "Nguyễn Thị Ánh Tuyết"));
    assert_true(is(&c[1], XLSX_EMPTY, ""));
    assert_true(is(&c[2], XLSX_STRING, "Trần Văn Đức"));

    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 3);
    assert_int_equal(n, 8);
    /* 1904 system: serial 45000 is 2027-03-16 (1462 days later than in
     * the 1900 system's 2023-03-15) */
    assert_true(is(&c[0], XLSX_DATE, "2027-03-16"));
    assert_true(is(&c[1], XLSX_DATE, "2027-03-16 12:00:00"));
    assert_true(is(&c[2], XLSX_NUMBER, "1250000"));
    assert_true(is(&c[3], XLSX_NUMBER, "0.5")); /* a time is no date */
    assert_true(is(&c[4], XLSX_BOOL, "1"));
    assert_true(is(&c[5], XLSX_ERROR, "#N/A"));
    assert_true(is(&c[6], XLSX_STRING, "ab"));
    assert_true(is(&c[7], XLSX_DATE, "2026-07-01T00:00:00"));

    /* row 4 holds only a styled blank: skipped; a row without r follows */
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(xlsx_row(r), 5);
    assert_true(is(&c[0], XLSX_NUMBER, "7"));
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_DONE);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_EINVAL);

    /* the other sheet uses a shared string, but the file has none */
    assert_int_equal(xlsx_sheet_open(r, 1), XLSX_OK);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_EFORMAT);
    assert_string_equal(xlsx_errmsg(r), "Dòng 1, cột A: chỉ số chuỗi dùng "
                                        "chung không hợp lệ");
    xlsx_reader_free(r);
    buf_free(&z);
}

static void test_shared_strings(void **state)
{
    static const char sst[] =
        "<sst" NS " count=\"99999999\" uniqueCount=\"99999999\">"
        "<si><t>Phạm Thị </t></si><si><r><rPr><b/></rPr><t>Ngọc</t></r>"
        "<r><t xml:space=\"preserve\"> Ánh</t></r><rPh><t>x</t></rPh></si>"
        "</sst>";
    static const char other[] =
        "<worksheet" NS "><sheetData><row><c t=\"s\"><v>1</v></c>"
        "<c t=\"s\"><v>0</v></c><c t=\"s\"><v>2</v></c></row>"
        "</sheetData></worksheet>";
    const struct xlsx_cell *c;
    struct xlsx_reader *r;
    struct buf z;
    size_t n;

    (void)state;
    build(&z, wb_xml, rels_xml, NULL, sheet_xml, other, sst);
    assert_int_equal(xlsx_reader_new(z.data, z.len, NULL, &r), XLSX_OK);
    assert_int_equal(xlsx_sheet_open(r, 1), XLSX_OK);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_EFORMAT);
    assert_string_equal(xlsx_errmsg(r), "Dòng 1, cột C: chỉ số chuỗi dùng "
                                        "chung không hợp lệ");
    xlsx_reader_free(r);

    /* without the bad index */
    buf_free(&z);
    {
        static const char ok[] =
            "<worksheet" NS "><sheetData><row><c t=\"s\"><v>1</v></c>"
            "<c t=\"s\"><v>0</v></c></row></sheetData></worksheet>";
        build(&z, wb_xml, rels_xml, NULL, sheet_xml, ok, sst);
    }
    assert_int_equal(xlsx_reader_new(z.data, z.len, NULL, &r), XLSX_OK);
    assert_int_equal(xlsx_sheet_open(r, 1), XLSX_OK);
    assert_int_equal(xlsx_next(r, &c, &n), XLSX_ROW);
    assert_int_equal(n, 2);
    assert_true(is(&c[0], XLSX_STRING, "Ngọc Ánh"));
    assert_true(is(&c[1], XLSX_STRING, "Phạm Thị "));
    xlsx_reader_free(r);
    buf_free(&z);
}

static void test_refuses_broken(void **state)
{
    static const char doctype[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE lol [<!ENTITY a \"aaaa\">]>\n"
        "<workbook" NS "><sheets/></workbook>";
    struct buf z, cut;
    char msg[256];

    (void)state;
    cut.data = (char *)"not a zip at all";
    cut.len = 16;
    assert_int_equal(read_all(&cut, NULL, msg, sizeof msg), XLSX_EZIP);
    assert_non_null(strstr(msg, "không phải XLSX"));

    build_default(&z);
    cut.data = z.data;
    cut.len = z.len / 2;
    assert_int_equal(read_all(&cut, NULL, msg, sizeof msg), XLSX_EZIP);
    buf_free(&z);

    build(&z, doctype, rels_xml, NULL, sheet_xml, other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EDOCTYPE);
    assert_string_equal(
        msg, "xl/workbook.xml có khai báo DOCTYPE (không được phép)");
    buf_free(&z);

    /* malformed XML, with the part and position */
    build(&z, wb_xml, rels_xml, NULL, "<worksheet><sheetData><row>", other_xml,
          NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EXML);
    assert_non_null(strstr(msg, "xl/data/ket_qua.xml (dòng 1"));
    buf_free(&z);

    /* no workbook, no sheets, a sheet without its part */
    {
        struct zipmk_entry e = {"hello.txt", "hi", 0};
        buf_init(&z, 1 << 20);
        assert_int_equal(zipmk(&e, 1, &z), 0);
        assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
        assert_string_equal(msg, "Tệp XLSX thiếu phần xl/workbook.xml");
        buf_free(&z);
    }
    build(&z, "<workbook" NS "><sheets/></workbook>", rels_xml, NULL, sheet_xml,
          other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
    buf_free(&z);
    build(&z, wb_xml, "<Relationships/>", NULL, sheet_xml, other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
    assert_string_equal(msg, "Trang tính \"Kết quả\" không có trong tệp XLSX");
    buf_free(&z);

    /* cells out of order, bad references, bad type */
    build(&z, wb_xml, rels_xml, NULL,
          "<worksheet><sheetData><row r=\"3\"><c r=\"B3\"><v>1</v></c>"
          "<c r=\"A3\"><v>2</v></c></row></sheetData></worksheet>",
          other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
    assert_string_equal(msg, "Dòng 3, cột A: ô trùng hoặc sai thứ tự");
    buf_free(&z);
    build(&z, wb_xml, rels_xml, NULL,
          "<worksheet><sheetData><row r=\"3\"/><row r=\"2\"/></sheetData>"
          "</worksheet>",
          other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
    buf_free(&z);
    build(&z, wb_xml, rels_xml, NULL,
          "<worksheet><sheetData><row><c r=\"ZZZZ1\"/></row></sheetData>"
          "</worksheet>",
          other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
    buf_free(&z);
    build(&z, wb_xml, rels_xml, NULL,
          "<worksheet><sheetData><row><c t=\"q\"/></row></sheetData>"
          "</worksheet>",
          other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_EFORMAT);
    buf_free(&z);
}

/* A sheet of n rows of one short number each. */
static char *rows_xml(size_t n, const char *cell)
{
    struct buf b;
    size_t i;

    buf_init(&b, 64 << 20);
    buf_puts(&b, "<worksheet><sheetData>");
    for (i = 0; i < n; i++)
        buf_printf(&b, "<row>%s</row>", cell);
    buf_puts(&b, "</sheetData></worksheet>");
    return buf_steal(&b, NULL);
}

static void test_caps(void **state)
{
    struct xlsx_read_opts o;
    struct buf z;
    char msg[256];
    char *xml;

    (void)state;
    /* rows */
    xml = rows_xml(10, "<c><v>1</v></c>");
    build(&z, wb_xml, rels_xml, NULL, xml, other_xml, NULL);
    memset(&o, 0, sizeof o);
    o.max_rows = 10;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_DONE);
    o.max_rows = 9;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    assert_string_equal(msg, "Quá nhiều dòng (hơn 9)");
    /* entries */
    memset(&o, 0, sizeof o);
    o.max_entries = 3;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    /* the memory budget */
    memset(&o, 0, sizeof o);
    o.max_memory = 4096;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ENOMEM);
    assert_non_null(strstr(msg, "bộ nhớ"));
    buf_free(&z);
    free(xml);

    /* columns and cell length */
    build(&z, wb_xml, rels_xml, NULL,
          "<worksheet><sheetData><row r=\"5\"><c r=\"D5\" t=\"inlineStr\">"
          "<is><t>abcdef</t></is></c></row></sheetData></worksheet>",
          other_xml, NULL);
    memset(&o, 0, sizeof o);
    o.max_cols = 3;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    assert_string_equal(msg, "Dòng 5, cột D: quá nhiều cột");
    memset(&o, 0, sizeof o);
    o.max_cell_len = 5;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    assert_string_equal(msg, "Dòng 5, cột D: giá trị quá dài");
    o.max_cell_len = 6;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_DONE);
    buf_free(&z);

    /* shared strings: count and length */
    build(&z, wb_xml, rels_xml, NULL, sheet_xml, other_xml,
          "<sst><si><t>abc</t></si><si><t>de</t></si></sst>");
    memset(&o, 0, sizeof o);
    o.max_shared_strings = 1;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    o.max_shared_strings = 2;
    o.max_cell_len = 2;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    assert_string_equal(msg, "Chuỗi dùng chung thứ 1 quá dài");
    buf_free(&z);
}

static void test_zip_bombs(void **state)
{
    struct xlsx_read_opts o;
    struct buf z;
    char msg[256];
    char *xml;

    (void)state;
    /* 2 MiB of blanks inflate from a few kB: refused by the ratio */
    xml = malloc((2u << 20) + 64);
    assert_non_null(xml);
    memcpy(xml, "<worksheet>", 11);
    memset(xml + 11, ' ', 2u << 20);
    memcpy(xml + 11 + (2u << 20), "</worksheet>", 13);
    build(&z, wb_xml, rels_xml, NULL, xml, other_xml, NULL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_ELIMIT);
    assert_non_null(strstr(msg, "bom zip"));
    /* the same within a looser ratio but a smaller part cap */
    memset(&o, 0, sizeof o);
    o.max_ratio = 100000;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_DONE);
    o.max_part_size = 1 << 20;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    assert_non_null(strstr(msg, "quá lớn"));
    o.max_part_size = 0;
    o.max_total_size = 1 << 20;
    assert_int_equal(read_all(&z, &o, msg, sizeof msg), XLSX_ELIMIT);
    buf_free(&z);
    free(xml);

    /* declared sizes that lie: huge, then too small */
    build_default(&z);
    zipmk_patch_sizes(&z, 0x7fffffffUL);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_ELIMIT);
    assert_non_null(strstr(msg, "quá lớn (2147483647 byte"));
    buf_free(&z);
    build_default(&z);
    zipmk_patch_sizes(&z, 10);
    assert_int_equal(read_all(&z, NULL, msg, sizeof msg), XLSX_ELIMIT);
    assert_non_null(strstr(msg, "dài hơn kích thước đã khai báo"));
    buf_free(&z);
}

/* Fail the 1st, 2nd, ... allocation of the reader and expat: every run
 * ends with XLSX_ENOMEM (or succeeds, past the last allocation), and ASan
 * finds no leak. */
static void test_alloc_failures(void **state)
{
    struct xlsx_read_opts o;
    struct xlsx_reader *r;
    const struct xlsx_cell *c;
    unsigned long total, i;
    struct buf z;
    size_t n;
    char msg[256];
    int rc;

    (void)state;
    build(&z, wb_xml, rels_xml, styles_xml, sheet_xml, other_xml,
          "<sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>");
    assert_int_equal(xlsx_reader_new(z.data, z.len, NULL, &r), XLSX_OK);
    assert_int_equal(xlsx_sheet_open(r, 0), XLSX_OK);
    while (xlsx_next(r, &c, &n) == XLSX_ROW)
        ;
    total = xlsx_alloc_count(r);
    xlsx_reader_free(r);
    assert_true(total > 10);
    memset(&o, 0, sizeof o);
    for (i = 1; i <= total + 1; i++) {
        o.fail_alloc_at = i;
        rc = read_all(&z, &o, msg, sizeof msg);
        if (i <= total) {
            assert_int_equal(rc, XLSX_ENOMEM);
            assert_non_null(strstr(msg, "bộ nhớ"));
        } else {
            assert_int_equal(rc, XLSX_DONE);
        }
    }
    buf_free(&z);
}

/* ---- the fuzz corpus ---------------------------------------------------- */

static void save(const char *dir, const char *name, const struct buf *b)
{
    char path[4096];
    FILE *f;

    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(b->data, 1, b->len, f) != b->len) {
        fprintf(stderr, "cannot write %s\n", path);
        exit(1);
    }
    fclose(f);
}

static int write_corpus(const char *dir)
{
    static const struct fmt_column cols[] = {
        {"Kỳ chi trả", 10, FMT_ALIGN_AUTO, FMT_TEXT},
        {"Số tài khoản", 16, FMT_ALIGN_AUTO, FMT_TEXT},
        {"Ngày", 12, FMT_ALIGN_AUTO, FMT_DATE},
        {"Số tiền", 12, FMT_ALIGN_AUTO, FMT_MONEY},
        {"STT", 4, FMT_ALIGN_AUTO, FMT_INT},
        {"Ký", 4, FMT_ALIGN_AUTO, FMT_SIGN}};
    struct fmt_cell cells[12] = {fmt_text("2026-07"),
                                 fmt_text("0012345678"),
                                 fmt_date((struct date){2026, 7, 1}),
                                 fmt_num(540000),
                                 fmt_num(1),
                                 fmt_empty(),
                                 fmt_text("Nguyễn Thị Ánh Tuyết"),
                                 fmt_empty(),
                                 fmt_date((struct date){1950, 1, 31}),
                                 fmt_num(-5000),
                                 fmt_num(2),
                                 fmt_empty()};
    struct fmt_cell totals[6] = {fmt_text("Tổng cộng"), fmt_empty(),
                                 fmt_empty(),           fmt_num(535000),
                                 fmt_empty(),           fmt_empty()};
    struct fmt_table t = {cols, 6, cells, 2, totals, 3};
    struct xlsx_sheet sh[2] = {{"Danh sách", "Tiêu đề", &t, 1},
                               {"Kết quả", NULL, &t, 0}};
    struct fmt_error err;
    struct buf b;
    char *xml;

    buf_init(&b, 64 << 20);
    if (xlsx_write_buf(sh, 2, NULL, &b, &err) != FMT_OK)
        return 1;
    save(dir, "xlsxwriter_two_sheets.xlsx", &b);
    buf_free(&b);
    build_default(&b);
    save(dir, "inline_1904_no_sst.xlsx", &b);
    b.len /= 2;
    save(dir, "truncated.xlsx", &b);
    buf_free(&b);
    build(&b, wb_xml, rels_xml, styles_xml, sheet_xml, other_xml,
          "<sst><si><t>a</t></si><si><r><t>b</t></r><rPh><t>c</t></rPh>"
          "</si></sst>");
    save(dir, "styles_sst.xlsx", &b);
    zipmk_patch_sizes(&b, 0x7fffffffUL);
    save(dir, "huge_declared_size.xlsx", &b);
    buf_free(&b);
    build(&b, "<!DOCTYPE x [<!ENTITY a \"b\">]><workbook><sheets/></workbook>",
          rels_xml, NULL, sheet_xml, other_xml, NULL);
    save(dir, "doctype.xlsx", &b);
    buf_free(&b);
    xml = rows_xml(3, "<c t=\"s\"><v>5</v></c><c r=\"C9\"/>");
    build(&b, wb_xml, rels_xml, NULL, xml, other_xml, NULL);
    save(dir, "bad_refs.xlsx", &b);
    buf_free(&b);
    free(xml);
    return 0;
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_understands),
        cmocka_unit_test(test_shared_strings),
        cmocka_unit_test(test_refuses_broken),
        cmocka_unit_test(test_caps),
        cmocka_unit_test(test_zip_bombs),
        cmocka_unit_test(test_alloc_failures),
    };
    if (argc == 3 && strcmp(argv[1], "--write-corpus") == 0)
        return write_corpus(argv[2]);
    return cmocka_run_group_tests(tests, NULL, NULL);
}
