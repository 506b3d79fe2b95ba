/* oversight_export.c: the oversight document as XLSX, print view and PDF
 * (see oversight.h, docs/oversight.md).
 *
 * Every document is made from the JSON document of app_oversight_get, so
 * the figures are the same in all four. The tables are built once per
 * kind of output: with numbers (XLSX: money as "#,##0" cells a spreadsheet
 * can add up) or with text (PDF and HTML: "1.250.000 đ"). The HTML page is
 * web/print/oversight.html over a model of its own (several tables, the
 * definitions, an inline SVG bar chart of the monthly money); it links
 * /print/list.css and /print/oversight.css, no inline style or script
 * (CSP default-src 'self'). Nothing depends on the clock: the same
 * database and date give the same bytes. */
#include "app/oversight.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "app/oversight_int.h"
#include "core/money.h"
#include "formats/pdf_table.h"
#include "formats/table.h"
#include "formats/tmpl.h"
#include "formats/xlsx_write.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/xalloc.h"

#define OV_TEMPLATE   "web/print/oversight.html"
#define OV_DOC_CAP    (64u << 20) /* bytes of one document */
#define OV_TABLES     6
#define OV_MAX_COLS   12
#define OV_TEXT_BYTES 256

/* --- Strings that live as long as the export ---------------------------- */

struct pool {
    char **s;
    size_t n, cap;
};

static const char *pool_printf(struct pool *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *pool_printf(struct pool *p, const char *fmt, ...)
{
    char tmp[OV_TEXT_BYTES];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 256;
        p->s = xreallocarray(p->s, p->cap, sizeof *p->s);
    }
    p->s[p->n] = xstrdup(tmp);
    return p->s[p->n++];
}

static void pool_free(struct pool *p)
{
    size_t i;

    for (i = 0; i < p->n; i++)
        free(p->s[i]);
    free(p->s);
}

/* --- Reading the document ------------------------------------------------ */

static json_t *jget(json_t *j, const char *path)
{
    char key[64];
    const char *dot;

    while (j != NULL && (dot = strchr(path, '.')) != NULL) {
        snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
        j = json_object_get(j, key);
        path = dot + 1;
    }
    return j ? json_object_get(j, path) : NULL;
}

static const char *jstr(json_t *j, const char *path)
{
    const char *s = json_string_value(jget(j, path));

    return s ? s : "";
}

static int64_t jint(json_t *j, const char *path)
{
    return (int64_t)json_integer_value(jget(j, path));
}

/* 'YYYY-MM-DD' as dd/mm/yyyy, 'YYYY-MM' as mm/yyyy. */
static void vn_date(const char *iso, char *out, size_t cap)
{
    if (strlen(iso) >= 10)
        snprintf(out, cap, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
    else if (strlen(iso) >= 7)
        snprintf(out, cap, "%.2s/%.4s", iso + 5, iso);
    else
        snprintf(out, cap, "%s", iso);
}

static const char *source_vi(const char *s)
{
    if (strcmp(s, "payroll") == 0)
        return "Bảng chi trả đã duyệt";
    if (strcmp(s, "computed") == 0)
        return "Tính theo quy định";
    if (strcmp(s, "mixed") == 0)
        return "Bảng chi trả và tính theo quy định";
    return "Không có";
}

/* --- Tables -------------------------------------------------------------- */

struct col_def {
    const char *header;
    double width;
    enum fmt_kind kind; /* FMT_MONEY becomes right-aligned text as text */
};

struct tbl {
    const char *sheet; /* docs/oversight.md */
    const char *heading;
    struct fmt_column cols[OV_MAX_COLS];
    struct fmt_cell *cells;
    size_t nrows, cap;
    struct fmt_cell totals[OV_MAX_COLS];
    int has_totals;
    struct fmt_table t;
};

struct exp {
    json_t *doc;
    int as_text; /* money and reals as text (PDF, HTML) */
    struct pool pool;
    struct tbl tables[OV_TABLES];
};

static void tbl_init(struct exp *e, struct tbl *t, const char *sheet,
                     const char *heading, const struct col_def *defs, size_t n)
{
    size_t i;

    memset(t, 0, sizeof *t);
    t->sheet = sheet;
    t->heading = heading;
    for (i = 0; i < n; i++) {
        t->cols[i].header = defs[i].header;
        t->cols[i].width = defs[i].width;
        t->cols[i].kind = defs[i].kind;
        if (e->as_text && defs[i].kind == FMT_MONEY) {
            t->cols[i].kind = FMT_TEXT;
            t->cols[i].align = FMT_RIGHT;
        }
    }
    t->t.cols = t->cols;
    t->t.ncols = n;
}

/* A new row of t, every cell empty. */
static struct fmt_cell *tbl_row(struct tbl *t)
{
    struct fmt_cell *r;
    size_t i;

    if (t->nrows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 32;
        t->cells =
            xreallocarray(t->cells, t->cap * t->t.ncols, sizeof *t->cells);
    }
    r = &t->cells[t->nrows++ * t->t.ncols];
    for (i = 0; i < t->t.ncols; i++)
        r[i] = fmt_empty();
    return r;
}

static void tbl_done(struct tbl *t)
{
    t->t.cells = t->cells;
    t->t.nrows = t->nrows;
    if (t->has_totals) {
        t->t.totals = t->totals;
        t->t.totals_span = 1;
    }
}

/* A money cell: a number, or "1.250.000 đ" as text. */
static struct fmt_cell money_cell(struct exp *e, int64_t v)
{
    char s[48];

    if (!e->as_text)
        return fmt_num(v);
    if (money_format_vnd(v, s, sizeof s) != MONEY_OK)
        snprintf(s, sizeof s, "%lld", (long long)v);
    return fmt_text(pool_printf(&e->pool, "%s", s));
}

/* The money value at path of j, empty when j is null. */
static struct fmt_cell money_at(struct exp *e, json_t *j, const char *path)
{
    return json_is_object(j) ? money_cell(e, jint(j, path)) : fmt_empty();
}

static struct fmt_cell int_at(json_t *j, const char *path)
{
    return json_is_object(j) ? fmt_num(jint(j, path)) : fmt_empty();
}

static void build_categories(struct exp *e, struct tbl *t)
{
    static const struct col_def d[] = {{"Mã diện", 9, FMT_TEXT},
                                       {"Diện đối tượng", 70, FMT_TEXT},
                                       {"Số đối tượng", 14, FMT_INT}};
    json_t *a = jget(e->doc, "beneficiaries.by_category"), *x;
    size_t i;

    tbl_init(e, t, "Đối tượng theo diện", "1. Đối tượng đang hưởng theo diện",
             d, 3);
    json_array_foreach(a, i, x)
    {
        struct fmt_cell *r = tbl_row(t);

        r[0] = fmt_text(jstr(x, "code"));
        r[1] = fmt_text(jstr(x, "name"));
        r[2] = fmt_num(jint(x, "count"));
    }
    t->totals[0] = fmt_text("Tổng số người");
    t->totals[1] = fmt_empty();
    t->totals[2] = fmt_num(jint(e->doc, "beneficiaries.total"));
    t->has_totals = 1;
    tbl_done(t);
}

static void build_units(struct exp *e, struct tbl *t)
{
    static const struct col_def d[] = {{"Mã đơn vị", 10, FMT_TEXT},
                                       {"Đơn vị hành chính", 40, FMT_TEXT},
                                       {"Số đối tượng", 14, FMT_INT}};
    json_t *a = jget(e->doc, "beneficiaries.by_unit"), *x;
    int64_t sum = 0;
    size_t i;

    tbl_init(e, t, "Đối tượng theo địa bàn",
             "2. Đối tượng đang hưởng theo địa bàn", d, 3);
    json_array_foreach(a, i, x)
    {
        struct fmt_cell *r = tbl_row(t);

        r[0] = fmt_text(jstr(x, "code"));
        r[1] = fmt_text(jstr(x, "name"));
        r[2] = fmt_num(jint(x, "count"));
        sum += jint(x, "count");
    }
    t->totals[0] = fmt_text("Tổng cộng");
    t->totals[1] = fmt_empty();
    t->totals[2] = fmt_num(sum);
    t->has_totals = 1;
    tbl_done(t);
}

static void build_months(struct exp *e, struct tbl *t)
{
    static const struct col_def d[] = {
        {"Tháng", 9, FMT_TEXT},
        {"Nguồn số liệu", 22, FMT_TEXT},
        {"Số người\n(bảng chi trả)", 11, FMT_INT},
        {"Phải trả", 16, FMT_MONEY},
        {"Đã chi trả", 16, FMT_MONEY},
        {"Chưa chi trả được", 14, FMT_MONEY},
        {"Chưa có kết quả", 14, FMT_MONEY},
        {"Thu hồi", 12, FMT_MONEY},
        {"Số người\n(tính theo quy định)", 11, FMT_INT},
        {"Số tiền\n(tính theo quy định)", 16, FMT_MONEY}};
    json_t *a = jget(e->doc, "money.months"), *x;
    size_t i;

    tbl_init(e, t, "Kinh phí theo tháng", "3. Kinh phí theo tháng chi trả", d,
             10);
    json_array_foreach(a, i, x)
    {
        struct fmt_cell *r = tbl_row(t);
        json_t *p = json_object_get(x, "payroll");
        json_t *c = json_object_get(x, "computed");
        char m[16];

        vn_date(jstr(x, "month"), m, sizeof m);
        r[0] = fmt_text(pool_printf(&e->pool, "%s", m));
        r[1] = fmt_text(source_vi(jstr(x, "source")));
        r[2] = int_at(p, "persons");
        r[3] = money_at(e, p, "payable");
        r[4] = money_at(e, p, "paid");
        r[5] = money_at(e, p, "unpaid");
        r[6] = money_at(e, p, "pending");
        r[7] = money_at(e, p, "recovered");
        r[8] = int_at(c, "persons");
        r[9] = money_at(e, c, "amount");
    }
    tbl_done(t);
}

static void build_years(struct exp *e, struct tbl *t)
{
    static const struct col_def d[] = {
        {"Năm", 7, FMT_INT},
        {"Các tháng", 17, FMT_TEXT},
        {"Nguồn số liệu", 22, FMT_TEXT},
        {"Phải trả", 16, FMT_MONEY},
        {"Đã chi trả", 16, FMT_MONEY},
        {"Chưa chi trả được", 14, FMT_MONEY},
        {"Chưa có kết quả", 14, FMT_MONEY},
        {"Thu hồi", 12, FMT_MONEY},
        {"Số tiền\n(tính theo quy định)", 16, FMT_MONEY}};
    json_t *a = jget(e->doc, "money.years"), *x;
    size_t i;

    tbl_init(e, t, "Kinh phí theo năm", "4. Kinh phí theo năm", d, 9);
    json_array_foreach(a, i, x)
    {
        struct fmt_cell *r = tbl_row(t);
        json_t *p = json_object_get(x, "payroll");
        json_t *c = json_object_get(x, "computed");
        char from[16], to[16];

        vn_date(jstr(x, "from"), from, sizeof from);
        vn_date(jstr(x, "to"), to, sizeof to);
        r[0] = fmt_num(jint(x, "year"));
        r[1] = fmt_text(pool_printf(&e->pool, "%s – %s (%lld tháng)", from, to,
                                    (long long)jint(x, "months")));
        r[2] = fmt_text(source_vi(jstr(x, "source")));
        r[3] = money_at(e, p, "payable");
        r[4] = money_at(e, p, "paid");
        r[5] = money_at(e, p, "unpaid");
        r[6] = money_at(e, p, "pending");
        r[7] = money_at(e, p, "recovered");
        r[8] = money_at(e, c, "amount");
    }
    tbl_done(t);
}

/* The median as text with a decimal comma ("7,5"), empty when null. */
static struct fmt_cell median_cell(struct exp *e, json_t *d)
{
    json_t *m = json_object_get(d, "median_days");
    long tenths;

    if (!json_is_number(m))
        return fmt_empty();
    tenths = (long)(json_number_value(m) * 10 + 0.5);
    return fmt_text(pool_printf(&e->pool, "%ld,%ld", tenths / 10, tenths % 10));
}

static const char *const period_vi[2] = {"6 tháng", "Năm"};
static const char *const period_key[2] = {"half_year", "year"};

/* The rows of one unit (or the whole area when code is NULL) of the
 * dossiers (dos 1) or complaints table. */
static void case_rows(struct exp *e, struct tbl *t, json_t *x, int dos)
{
    int k;

    for (k = 0; k < 2; k++) {
        struct fmt_cell *r = tbl_row(t);
        json_t *p = json_object_get(x, period_key[k]);
        const char *code = jstr(x, "code"), *name = jstr(x, "name");

        if (json_object_get(x, "code") == NULL) {
            code = "";
            name = "Toàn địa bàn";
        }
        r[0] = fmt_text(code);
        r[1] = fmt_text(json_is_true(json_object_get(x, "former"))
                            ? pool_printf(&e->pool, "%s (đơn vị cũ)", name)
                            : name);
        r[2] = fmt_text(period_vi[k]);
        r[3] = fmt_num(jint(p, "received"));
        if (dos) {
            r[4] = fmt_num(jint(p, "decided"));
            r[5] = fmt_num(jint(p, "refused"));
            r[6] = fmt_num(jint(p, "withdrawn"));
            r[7] = fmt_num(jint(p, "closed_late"));
            r[8] = fmt_num(jint(p, "open"));
            r[9] = fmt_num(jint(p, "overdue"));
            r[10] = median_cell(e, p);
        } else {
            r[4] = fmt_num(jint(p, "resolved"));
            r[5] = fmt_num(jint(p, "resolved_late"));
            r[6] = fmt_num(jint(p, "open"));
            r[7] = fmt_num(jint(p, "open_overdue"));
        }
    }
}

static void build_cases(struct exp *e, struct tbl *t, int dos)
{
    static const struct col_def dd[] = {
        {"Mã đơn vị", 9, FMT_TEXT},
        {"Đơn vị hành chính", 30, FMT_TEXT},
        {"Kỳ", 8, FMT_TEXT},
        {"Tiếp nhận", 10, FMT_INT},
        {"Đã quyết định", 10, FMT_INT},
        {"Từ chối", 9, FMT_INT},
        {"Rút hồ sơ", 9, FMT_INT},
        {"Giải quyết trễ hạn", 11, FMT_INT},
        {"Đang giải quyết", 11, FMT_INT},
        {"Quá hạn", 9, FMT_INT},
        {"Trung vị\n(ngày làm việc)", 11, FMT_TEXT}};
    static const struct col_def dc[] = {{"Mã đơn vị", 9, FMT_TEXT},
                                        {"Đơn vị hành chính", 30, FMT_TEXT},
                                        {"Kỳ", 8, FMT_TEXT},
                                        {"Tiếp nhận", 10, FMT_INT},
                                        {"Đã giải quyết", 11, FMT_INT},
                                        {"Giải quyết trễ hạn", 11, FMT_INT},
                                        {"Đang giải quyết", 11, FMT_INT},
                                        {"Quá hạn", 9, FMT_INT}};
    json_t *sec = jget(e->doc, dos ? "dossiers" : "complaints"), *x;
    json_t *all =
        json_pack("{s:O, s:O}", "half_year", json_object_get(sec, "half_year"),
                  "year", json_object_get(sec, "year"));
    size_t i;

    if (dos)
        tbl_init(e, t, "Hồ sơ theo địa bàn", "5. Hồ sơ (mọi loại) theo địa bàn",
                 dd, 11);
    else
        tbl_init(e, t, "Khiếu nại theo địa bàn", "6. Khiếu nại theo địa bàn",
                 dc, 8);
    if (dos)
        t->cols[10].align = FMT_RIGHT;
    case_rows(e, t, all, dos);
    json_decref(all);
    json_array_foreach(json_object_get(sec, "by_unit"), i, x)
        case_rows(e, t, x, dos);
    tbl_done(t);
}

static void build_all(struct exp *e)
{
    build_categories(e, &e->tables[0]);
    build_units(e, &e->tables[1]);
    build_months(e, &e->tables[2]);
    build_years(e, &e->tables[3]);
    build_cases(e, &e->tables[4], 1);
    build_cases(e, &e->tables[5], 0);
}

static void exp_free(struct exp *e)
{
    size_t i;

    for (i = 0; i < OV_TABLES; i++)
        free(e->tables[i].cells);
    pool_free(&e->pool);
}

/* --- The header and the definitions ------------------------------------- */

/* s in upper case (Vietnamese letters included) into out. */
static void upper(const char *s, char *out, size_t cap)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t n = 0;

    while (*p != '\0') {
        utf8proc_int32_t cp;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp), m;

        if (k <= 0)
            break;
        m = utf8proc_encode_char(utf8proc_toupper(cp), enc);
        if (n + (size_t)m + 1 > cap)
            break;
        memcpy(out + n, enc, (size_t)m);
        n += (size_t)m;
        p += k;
    }
    out[n] = '\0';
}

/* The place of a unit's name: "Tỉnh Ninh Bình" -> "Ninh Bình". */
static const char *place_of(const char *name)
{
    static const char *const prefixes[] = {
        "Thành phố ", "Tỉnh ", "Thị xã ", "Thị trấn ", "Huyện ",
        "Quận ",      "Xã ",   "Phường ", "Đặc khu ",  NULL};
    size_t i;

    for (i = 0; prefixes[i] != NULL; i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return name + strlen(prefixes[i]);
    return name;
}

struct head {
    char org[2][160];
    char place_date[200];
    char subtitle[3][300];
};

static const char TITLE[] =
    "BÁO CÁO SỐ LIỆU GIÁM SÁT TRỢ GIÚP XÃ HỘI HẰNG THÁNG";

static void make_head(json_t *doc, struct head *h)
{
    json_t *u = json_object_get(doc, "unit");
    char date[16], hf[16], yf[16];
    const char *place = "Hà Nội";

    memset(h, 0, sizeof *h);
    vn_date(jstr(doc, "date"), date, sizeof date);
    vn_date(jstr(doc, "periods.half_year.from"), hf, sizeof hf);
    vn_date(jstr(doc, "periods.year.from"), yf, sizeof yf);
    if (json_is_object(u)) {
        snprintf(h->org[0], sizeof h->org[0], "ỦY BAN NHÂN DÂN");
        upper(jstr(u, "name"), h->org[1], sizeof h->org[1]);
        place = place_of(jstr(u, "name"));
        snprintf(h->subtitle[0], sizeof h->subtitle[0],
                 "Địa bàn: %s (mã %s) - số liệu đến ngày %s", jstr(u, "name"),
                 jstr(u, "code"), date);
    } else {
        snprintf(h->org[0], sizeof h->org[0], "BỘ Y TẾ");
        snprintf(h->org[1], sizeof h->org[1], "CỤC BẢO TRỢ XÃ HỘI");
        snprintf(h->subtitle[0], sizeof h->subtitle[0],
                 "Địa bàn: cả nước - số liệu đến ngày %s", date);
    }
    snprintf(h->place_date, sizeof h->place_date, "%s, ngày %s", place, date);
    snprintf(h->subtitle[1], sizeof h->subtitle[1],
             "Sáu tháng: từ %s đến %s; năm: từ %s đến %s", hf, date, yf, date);
    snprintf(h->subtitle[2], sizeof h->subtitle[2],
             "Số liệu tổng hợp, không có thông tin cá nhân. Số tiền tính "
             "bằng đồng.");
}

static const char *const definitions[] = {
    "Đối tượng đang hưởng: người đang hưởng hoặc tạm dừng hưởng trợ cấp vào "
    "ngày báo cáo, cư trú trên địa bàn vào ngày đó; theo diện: các diện còn "
    "hiệu lực (một người có thể thuộc nhiều diện).",
    "Kinh phí theo bảng chi trả: các dòng của bảng chi trả đã phê duyệt (đã "
    "duyệt, đã gửi, đã đối chiếu), không kể dòng bị giữ lại. Phải trả: các "
    "dòng chi trả; đã chi trả / chưa chi trả được: theo kết quả của tổ chức "
    "chi trả; chưa có kết quả: dòng phải trả chưa có kết quả; thu hồi: số "
    "tiền đã quyết định thu hồi (ansinh không ghi nhận việc đã thu về hay "
    "chưa).",
    "Kinh phí tính theo quy định: chỉ cho các xã, phường trong tháng không có "
    "bảng chi trả đã phê duyệt; là số tiền theo quy định (Nghị định "
    "20/2021/NĐ-CP và các văn bản sửa đổi) của những người đang hưởng vào "
    "ngày đầu tháng và cư trú tại đó vào ngày đầu tháng.",
    "Mỗi số liệu được tính theo danh mục đơn vị hành chính của chính ngày "
    "đó: các tháng trước 01/07/2025 giữ đơn vị cũ.",
    "Hồ sơ: tiếp nhận trong kỳ; đã quyết định, từ chối, rút hồ sơ: kết thúc "
    "trong kỳ; giải quyết trễ hạn: có bước quá thời hạn; đang giải quyết và "
    "quá hạn: vào ngày báo cáo.",
    "Trung vị thời gian giải quyết: tính trên các hồ sơ đã quyết định trong "
    "kỳ, bằng số ngày làm việc từ ngày tiếp nhận (không tính) đến ngày quyết "
    "định (có tính), trừ các ngày làm việc tạm dừng (chờ bổ sung giấy tờ, "
    "có khiếu nại); không tính hồ sơ bị từ chối hoặc rút.",
    "Khiếu nại: tiếp nhận, đã giải quyết, giải quyết sau thời hạn 10 ngày "
    "làm việc trong kỳ; đang giải quyết và quá hạn vào ngày báo cáo.",
    NULL};

/* --- XLSX ---------------------------------------------------------------- */

static int to_xlsx(struct exp *e, const struct head *h, struct buf *out,
                   struct fmt_error *fe)
{
    struct xlsx_sheet sheets[OV_TABLES];
    struct xlsx_write_opts o = {0, TITLE, NULL};
    size_t i;

    for (i = 0; i < OV_TABLES; i++) {
        sheets[i].name = e->tables[i].sheet;
        sheets[i].title =
            pool_printf(&e->pool, "%s - %s", e->tables[i].heading + 3,
                        h->subtitle[0] + strlen("Địa bàn: "));
        sheets[i].table = &e->tables[i].t;
        sheets[i].with_totals = e->tables[i].has_totals;
    }
    return xlsx_write_buf(sheets, OV_TABLES, &o, out, fe);
}

/* --- PDF ----------------------------------------------------------------- */

static int to_pdf(struct exp *e, const struct head *h, struct buf *out,
                  struct fmt_error *fe)
{
    struct pdf_options o = {1, 0, NULL, 9, 0, 0};
    struct pdf_report *p = NULL;
    struct fmt_header fh;
    int rc, i;

    memset(&fh, 0, sizeof fh);
    fh.unit[0] = h->org[0];
    fh.unit[1] = h->org[1];
    fh.place_date = h->place_date;
    fh.title = TITLE;
    for (i = 0; i < 3; i++)
        fh.subtitle[i] = h->subtitle[i];
    rc = pdf_report_new(&o, &p);
    if (rc == FMT_OK)
        rc = pdf_add_header(p, &fh);
    for (i = 0; rc == FMT_OK && i < OV_TABLES; i++) {
        rc = pdf_add_text(p, e->tables[i].heading, PDF_BOLD);
        if (rc == FMT_OK)
            rc = pdf_add_table(p, &e->tables[i].t);
    }
    if (rc == FMT_OK)
        rc = pdf_add_text(p, "Giải thích số liệu", PDF_BOLD);
    for (i = 0; rc == FMT_OK && definitions[i] != NULL; i++)
        rc = pdf_add_text(p, definitions[i], 0);
    if (rc == FMT_OK)
        rc = pdf_finish(p, out);
    if (rc != FMT_OK)
        fmt_fail(fe, rc, "%s", p ? pdf_errmsg(p) : "PDF");
    pdf_report_free(p);
    return rc;
}

/* --- HTML ---------------------------------------------------------------- */

static const char *align_class(const struct fmt_column *c)
{
    switch (fmt_column_align(c)) {
    case FMT_RIGHT:
        return "r";
    case FMT_CENTER:
        return "c";
    default:
        return "l";
    }
}

static json_t *cells_json(const struct fmt_table *t, size_t r)
{
    json_t *a = json_array();
    char tmp[64];
    size_t c;

    for (c = 0; c < t->ncols; c++) {
        const struct fmt_cell *x = fmt_cell_at(t, r, c);
        const char *s = fmt_cell_display(x, t->cols[c].kind, tmp, sizeof tmp);

        json_array_append_new(a, json_pack("{s:s, s:s}", "text", s ? s : "",
                                           "class", align_class(&t->cols[c])));
    }
    return a;
}

static json_t *section_json(const struct tbl *t)
{
    json_t *cols = json_array(), *rows = json_array(), *o;
    size_t i;

    for (i = 0; i < t->t.ncols; i++)
        json_array_append_new(cols,
                              json_pack("{s:s}", "header", t->cols[i].header));
    for (i = 0; i < t->t.nrows; i++)
        json_array_append_new(
            rows, json_pack("{s:o}", "cells", cells_json(&t->t, i)));
    o = json_pack("{s:s, s:o, s:o}", "heading", t->heading, "columns", cols,
                  "rows", rows);
    if (t->has_totals) {
        json_t *tc = cells_json(&t->t, t->t.nrows);

        json_array_remove(tc, 0);
        json_object_set_new(
            o, "totals",
            json_pack("{s:s, s:o}", "label", t->totals[0].text, "cells", tc));
    }
    return o;
}

/* Amount in billions of đồng with two decimals and a decimal comma. */
static void billions(int64_t v, char *out, size_t cap)
{
    int64_t c = (v + 5000000) / 10000000; /* hundredths of a billion */

    snprintf(out, cap, "%lld,%02lld tỷ", (long long)(c / 100),
             (long long)(c % 100));
}

/* The monthly money as bars (payroll payable and computed stacked), in
 * whole SVG units so that the page is the same every time. */
static json_t *chart_json(json_t *doc)
{
    enum {
        W = 760,
        H = 280,
        LEFT = 16,
        TOP = 28,
        PLOT = 200,
        STEP = 61,
        BAR = 40
    };
    json_t *months = jget(doc, "money.months"), *bars = json_array(), *x;
    int64_t max = 0, v;
    size_t i;

    json_array_foreach(months, i, x)
    {
        v = jint(x, "payroll.payable") + jint(x, "computed.amount");
        if (v > max)
            max = v;
    }
    json_array_foreach(months, i, x)
    {
        int64_t pay = jint(x, "payroll.payable");
        int64_t comp = jint(x, "computed.amount");
        long hp = max > 0 ? (long)(pay * PLOT / max) : 0;
        long hc = max > 0 ? (long)(comp * PLOT / max) : 0;
        long bx = LEFT + (long)i * STEP, base = TOP + PLOT;
        char label[16], value[48], tip[160], b[32];

        vn_date(jstr(x, "month"), label, sizeof label);
        if (money_format_vnd(pay + comp, value, sizeof value) != MONEY_OK)
            value[0] = '\0';
        billions(pay + comp, b, sizeof b);
        snprintf(tip, sizeof tip, "%s: %s (%s)", label, value,
                 source_vi(jstr(x, "source")));
        json_array_append_new(
            bars,
            json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:s, s:s, "
                      "s:s, s:i, s:i, s:b}",
                      "x", (int)bx, "w", (int)BAR, "yp", (int)(base - hp), "hp",
                      (int)hp, "yc", (int)(base - hp - hc), "hc", (int)hc, "lx",
                      (int)(bx + BAR / 2), "label", label, "value", b, "tip",
                      tip, "ly", (int)(base + 16), "vy",
                      (int)(base - hp - hc - 6), "any", pay + comp > 0));
    }
    return json_pack("{s:i, s:i, s:i, s:i, s:o}", "width", (int)W, "height",
                     (int)H, "base", (int)(TOP + PLOT), "right", (int)(W - 4),
                     "bars", bars);
}

static int to_html(struct exp *e, const struct head *h, struct buf *out,
                   struct fmt_error *fe)
{
    const struct embed_file *f = embed_find(OV_TEMPLATE);
    json_t *model, *secs = json_array(), *defs = json_array(), *subs;
    size_t i;
    int rc;

    if (f == NULL) {
        json_decref(secs);
        json_decref(defs);
        return fmt_fail(fe, FMT_ETMPL, "Thiếu mẫu in %s", OV_TEMPLATE);
    }
    for (i = 0; i < OV_TABLES; i++)
        json_array_append_new(secs, section_json(&e->tables[i]));
    for (i = 0; definitions[i] != NULL; i++)
        json_array_append_new(defs, json_string(definitions[i]));
    subs =
        json_pack("[s, s, s]", h->subtitle[0], h->subtitle[1], h->subtitle[2]);
    model = json_pack("{s:s, s:[{s:s}, {s:s, s:b}], s:s, s:o, s:o, s:o, s:o}",
                      "title", TITLE, "org", "text", h->org[0], "text",
                      h->org[1], "last", 1, "place_date", h->place_date,
                      "subtitles", subs, "sections", secs, "chart",
                      chart_json(e->doc), "definitions", defs);
    if (model == NULL)
        return fmt_fail(fe, FMT_EINVAL, "Trang in: văn bản không phải UTF-8");
    rc = tmpl_render_text(f->data, f->len, model, out, fe);
    json_decref(model);
    return rc;
}

/* --- The entry point ----------------------------------------------------- */

int app_oversight_render(json_t *doc, int format, char **data, size_t *len,
                         struct app_report_err *err)
{
    struct fmt_error fe = {{0}};
    struct head h;
    struct exp e;
    struct buf b;
    int rc;

    *data = NULL;
    *len = 0;
    if (format != APP_OV_XLSX && format != APP_OV_HTML && format != APP_OV_PDF)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_format", "format",
                       "Định dạng không hỗ trợ (xlsx, pdf, bản in).");
    memset(&e, 0, sizeof e);
    e.doc = doc;
    e.as_text = format != APP_OV_XLSX;
    build_all(&e);
    make_head(e.doc, &h);
    buf_init(&b, OV_DOC_CAP);
    if (format == APP_OV_XLSX)
        rc = to_xlsx(&e, &h, &b, &fe);
    else if (format == APP_OV_PDF)
        rc = to_pdf(&e, &h, &b, &fe);
    else
        rc = to_html(&e, &h, &b, &fe);
    if (rc != FMT_OK) {
        buf_free(&b);
        rc = ov_fail(err, APP_REPORT_EINTERNAL, "document", NULL,
                     "Không tạo được tài liệu: %s", fe.msg);
    } else {
        *data = buf_steal(&b, len);
        rc = APP_REPORT_OK;
    }
    exp_free(&e);
    return rc;
}

int app_oversight_export(struct db *db, const struct app_scope *scope,
                         const char *date, const char *unit, int format,
                         char **data, size_t *len, struct app_report_err *err)
{
    json_t *doc = NULL;
    int rc;

    *data = NULL;
    *len = 0;
    if (format != APP_OV_XLSX && format != APP_OV_HTML && format != APP_OV_PDF)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_format", "format",
                       "Định dạng không hỗ trợ (xlsx, pdf, bản in).");
    rc = app_oversight_get(db, scope, date, unit, &doc, err);
    if (rc != APP_REPORT_OK)
        return rc;
    rc = app_oversight_render(doc, format, data, len, err);
    json_decref(doc);
    return rc;
}
