/* test_tmpl.c: formats/tmpl.c (the mustache subset) and
 * formats/print_html.c (the print page of a report). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "formats/print_html.h"
#include "formats/tmpl.h"

/* Render src over the JSON text data; returns the output (static). */
static const char *render(const char *src, const char *data)
{
    static struct buf out;
    struct fmt_error err = {{0}};
    json_error_t je;
    json_t *v = json_loads(data, 0, &je);
    int rc;

    assert_non_null(v);
    buf_free(&out);
    buf_init(&out, 1 << 20);
    rc = tmpl_render_text(src, strlen(src), v, &out, &err);
    json_decref(v);
    if (rc != FMT_OK)
        fail_msg("render %s: %s", src, err.msg);
    return buf_str(&out);
}

static const char *parse_error(const char *src)
{
    static struct fmt_error err;
    struct tmpl *t = NULL;

    memset(&err, 0, sizeof err);
    assert_int_equal(tmpl_parse(src, strlen(src), &t, &err), FMT_ETMPL);
    assert_null(t);
    return err.msg;
}

static void test_variables(void **state)
{
    (void)state;
    assert_string_equal(render("Xin chào {{name}}!", "{\"name\":\"Đức\"}"),
                        "Xin chào Đức!");
    assert_string_equal(render("{{ name }}|{{missing}}|{{n}}|{{r}}|{{t}}|"
                               "{{f}}|{{z}}|{{o}}|{{a}}",
                               "{\"name\":\"x\",\"n\":-12,\"r\":2.5,"
                               "\"t\":true,\"f\":false,\"z\":null,"
                               "\"o\":{},\"a\":[1]}"),
                        "x||-12|2.5|true|false|||");
    /* escaped unless raw */
    assert_string_equal(
        render("{{x}}", "{\"x\":\"<script>alert('x')</script>&\\\"`=\"}"),
        "&lt;script&gt;alert(&#39;x&#39;)&lt;&#x2F;script&gt;&amp;&quot;"
        "&#x60;&#x3D;");
    assert_string_equal(render("{{{x}}}|{{&x}}", "{\"x\":\"<b>\"}"), "<b>|<b>");
    /* dotted names, and lookups through outer contexts */
    assert_string_equal(render("{{a.b.c}}|{{a.x.c}}|{{#a}}{{top}}{{/a}}",
                               "{\"a\":{\"b\":{\"c\":\"ok\"}},\"top\":1}"),
                        "ok||1");
    assert_string_equal(render("{{! a comment }}x", "{}"), "x");
}

static void test_sections(void **state)
{
    (void)state;
    assert_string_equal(
        render("{{#rows}}<{{name}}>{{/rows}}",
               "{\"rows\":[{\"name\":\"A\"},{\"name\":\"B\"}]}"),
        "<A><B>");
    assert_string_equal(render("{{#xs}}{{.}},{{/xs}}", "{\"xs\":[1,\"b\"]}"),
                        "1,b,");
    /* falsy as in mustache.js: missing, null, false, "", 0, [] */
    assert_string_equal(render("{{#a}}A{{/a}}{{#b}}B{{/b}}{{#c}}C{{/c}}"
                               "{{#d}}D{{/d}}{{#e}}E{{/e}}{{#f}}F{{/f}}"
                               "{{#g}}G{{/g}}",
                               "{\"b\":null,\"c\":false,\"d\":\"\",\"e\":0,"
                               "\"f\":[],\"g\":\"yes\"}"),
                        "G");
    assert_string_equal(
        render("{{^a}}none{{/a}}{{^g}}X{{/g}}", "{\"a\":[],\"g\":1}"), "none");
    assert_string_equal(render("{{#o}}{{k}}{{/o}}", "{\"o\":{\"k\":\"v\"}}"),
                        "v");
    assert_string_equal(render("{{#g}}{{.}}{{/g}}", "{\"g\":\"yes\"}"), "yes");
    /* nested, with the same name inside */
    assert_string_equal(
        render("{{#a}}[{{#b}}{{n}}{{/b}}]{{/a}}",
               "{\"a\":[{\"b\":[{\"n\":1},{\"n\":2}]},{\"b\":[]}],\"n\":0}"),
        "[12][]");
}

static void test_errors(void **state)
{
    struct fmt_error err = {{0}};
    struct buf out;
    json_t *v;
    char big[64];

    (void)state;
    assert_string_equal(parse_error("a\nb {{x"),
                        "Mẫu in, dòng 2: thẻ {{ không đóng");
    assert_string_equal(parse_error("{{{x}}"),
                        "Mẫu in, dòng 1: thẻ {{ không đóng");
    assert_string_equal(parse_error("\n\n{{#cols}}\n{{#rows}}\n{{/cols}}"),
                        "Mẫu in, dòng 5: {{/cols}} không khớp với "
                        "{{#rows}} (dòng 4)");
    assert_string_equal(parse_error("x\n{{^a}}"),
                        "Mẫu in, dòng 2: {{^a}} không được đóng");
    assert_string_equal(parse_error("{{/a}}"),
                        "Mẫu in, dòng 1: {{/a}} không có mục mở");
    assert_string_equal(parse_error("{{>partial}}"),
                        "Mẫu in, dòng 1: không hỗ trợ thẻ {{>");
    assert_string_equal(parse_error("{{=<% %>=}}"),
                        "Mẫu in, dòng 1: không hỗ trợ thẻ {{=");
    assert_string_equal(parse_error("{{a b}}"),
                        "Mẫu in, dòng 1: tên không hợp lệ \"a b\"");
    assert_string_equal(parse_error("{{}}"),
                        "Mẫu in, dòng 1: tên không hợp lệ \"\"");
    assert_string_equal(parse_error("{{a..b}}"),
                        "Mẫu in, dòng 1: tên không hợp lệ \"a..b\"");
    {
        char deep[33 * 6 + 1];
        size_t i;
        for (i = 0; i < 33; i++)
            memcpy(deep + i * 6, "{{#a}}", 6);
        deep[33 * 6] = '\0';
        assert_string_equal(parse_error(deep),
                            "Mẫu in, dòng 1: lồng quá 32 mục");
    }
    /* the output cap */
    v = json_pack("{s:s}", "x", "0123456789");
    buf_init(&out, 25);
    snprintf(big, sizeof big, "{{x}}{{x}}{{x}}");
    assert_int_equal(tmpl_render_text(big, strlen(big), v, &out, &err),
                     FMT_ETOOBIG);
    assert_string_equal(err.msg, "Trang in vượt quá giới hạn 25 byte");
    buf_free(&out);
    json_decref(v);
    /* the step cap: sections nested over the same big array */
    {
        json_t *arr = json_array();
        size_t i;
        const char *t = "{{#a}}{{#a}}{{#a}}{{/a}}{{/a}}{{/a}}";

        for (i = 0; i < 300; i++)
            json_array_append_new(arr, json_integer(1));
        v = json_pack("{s:o}", "a", arr);
        buf_init(&out, 1 << 20);
        assert_int_equal(tmpl_render_text(t, strlen(t), v, &out, &err),
                         FMT_ETOOBIG);
        assert_string_equal(err.msg, "Mẫu in: quá nhiều bước khi dựng trang");
        buf_free(&out);
        json_decref(v);
    }
}

static void test_print_page(void **state)
{
    static const struct fmt_column cols[] = {
        {"STT", 4, FMT_CENTER, FMT_INT},
        {"Họ và tên", 24, FMT_ALIGN_AUTO, FMT_TEXT},
        {"Số tiền\n(đồng)", 11, FMT_ALIGN_AUTO, FMT_MONEY},
        {"Ký nhận", 12, FMT_ALIGN_AUTO, FMT_SIGN}};
    struct fmt_cell cells[] = {
        fmt_num(1),       fmt_text("Nguyễn Thị <b>Ánh</b> Tuyết"),
        fmt_num(540000),  fmt_empty(),
        fmt_num(2),       fmt_text("Trần Văn Đức"),
        fmt_num(1080000), fmt_empty()};
    struct fmt_cell totals[] = {fmt_text("Tổng cộng"), fmt_empty(),
                                fmt_num(1620000), fmt_empty()};
    struct fmt_report rep;
    struct fmt_error err = {{0}};
    struct buf out;
    const char *html;

    (void)state;
    memset(&rep, 0, sizeof rep);
    rep.header.unit[0] = "UBND XÃ QUANG TRUNG";
    rep.header.place_date = "Quang Trung, ngày 20 tháng 7 năm 2026";
    rep.header.title = "DANH SÁCH CHI TRẢ";
    rep.header.subtitle[0] = "Tháng 8/2026";
    rep.table = (struct fmt_table){cols, 4, cells, 2, totals, 2};
    rep.after[0] = "Tổng số tiền bằng chữ: Một triệu sáu trăm hai mươi "
                   "nghìn đồng.";
    rep.signs[0] = (struct fmt_signature){NULL, "Người lập biểu",
                                          "(Ký, ghi rõ họ tên)", "Lê Lập"};
    rep.nsigns = 1;
    buf_init(&out, 1 << 20);
    assert_int_equal(print_report_html(&rep, 0, &out, &err), FMT_OK);
    html = buf_str(&out);
    assert_non_null(strstr(html, "<!DOCTYPE html>"));
    assert_non_null(strstr(html, "<link rel=\"stylesheet\" "
                                 "href=\"/print/list.css\">"));
    /* nothing the CSP would block */
    assert_null(strstr(html, "style="));
    assert_null(strstr(html, "<style"));
    assert_null(strstr(html, "<script"));
    assert_non_null(strstr(html, "<title>DANH SÁCH CHI TRẢ</title>"));
    assert_non_null(strstr(html, "<p class=\"b u\">UBND XÃ QUANG TRUNG</p>"));
    assert_non_null(strstr(html, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(html, "<th class=\"sign\">Ký nhận</th>"));
    assert_non_null(strstr(html, "<td class=\"l\">Nguyễn Thị &lt;b&gt;Ánh"
                                 "&lt;&#x2F;b&gt; Tuyết</td>"));
    assert_non_null(strstr(html, "<td class=\"r\">1.080.000</td>"));
    assert_non_null(strstr(html, "<td class=\"c b\" colspan=\"2\">Tổng "
                                 "cộng</td><td class=\"r b\">1.620.000</td>"));
    assert_non_null(strstr(html, "bằng chữ: Một triệu sáu trăm"));
    assert_non_null(strstr(html, "<p class=\"b\">Lê Lập</p>"));
    /* text that is not UTF-8 */
    buf_reset(&out);
    cells[5] = fmt_text("\xFF");
    assert_int_equal(print_report_html(&rep, 0, &out, &err), FMT_EINVAL);
    buf_free(&out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_variables),
        cmocka_unit_test(test_sections),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_print_page),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);

    render("", "{}"); /* frees the static buffer */
    return rc;
}
