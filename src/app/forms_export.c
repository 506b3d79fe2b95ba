/* forms_export.c: Forms 10a-10d as XLSX, HTML print view and PDF (see
 * oversight.h; docs/oversight.md). Every document is built from the JSON
 * of app_form_get, so the three say exactly what the API says: the
 * Vietnamese administrative header, the period and the deadline in
 * dd/mm/yyyy, amounts as 1.250.000 đ, empty cells where a row has no
 * figure, and the warning that the layout is not verified. */
#include "app/oversight.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/oversight_int.h"
#include "core/date.h"
#include "core/money.h"
#include "formats/pdf_table.h"
#include "formats/print_html.h"
#include "formats/tmpl.h"
#include "formats/xlsx_write.h"
#include "util/buf.h"
#include "util/embed.h"
#include "util/xalloc.h"

#define FORM_TEMPLATE "web/print/form.html"
#define OUT_CAP       (16u * 1024u * 1024u) /* bytes of one document */
#define MAX_COLS      (1 + 8)               /* the label and the measures */
#define MAX_NOTES     (FMT_MAX_TEXTS - 1)   /* the basis line is the last */

/* Everything the documents print, as text that lives as long as this. */
struct form_doc {
    json_t *j;                         /* the form (borrowed) */
    struct fmt_column cols[MAX_COLS];  /* for the XLSX */
    struct fmt_column pcols[MAX_COLS]; /* for print: money as text */
    size_t ncols;
    struct fmt_cell *cells;  /* rows x ncols: for the XLSX (numbers) */
    struct fmt_cell *pcells; /* the same for print (money as text) */
    size_t nrows;
    char (*money)[40]; /* "1.250.000 đ" of each print cell */
    char unit_line[200], unit_name[160], period[240], place[200], deadline[400],
        label[64], sheet[32], xtitle[700], basis[600];
    const char *subtitle[FMT_MAX_LINES];
};

static const char *js(json_t *o, const char *key)
{
    const char *s = json_string_value(json_object_get(o, key));

    return s ? s : "";
}

/* 'YYYY-MM-DD' as dd/mm/yyyy into out ("" when not a date). */
static const char *vn_date(const char *iso, char out[11])
{
    struct date d;

    out[0] = '\0';
    if (iso != NULL && date_parse_iso(iso, strlen(iso), &d) == DATE_OK)
        date_format_vn(d, out);
    return out;
}

static void doc_free(struct form_doc *d)
{
    free(d->cells);
    free(d->pcells);
    free(d->money);
}

static void doc_build(struct form_doc *d, json_t *j)
{
    json_t *cols = json_object_get(j, "columns"),
           *rows = json_object_get(j, "rows"),
           *unit = json_object_get(j, "unit"),
           *dl = json_object_get(j, "deadline"), *c, *r;
    char from[11], to[11], asof[11], due[11];
    size_t i, k;

    memset(d, 0, sizeof *d);
    d->j = j;
    d->cols[0] = (struct fmt_column){"Chỉ tiêu", 52, FMT_LEFT, FMT_TEXT};
    d->ncols = 1;
    json_array_foreach(cols, i, c)
    {
        if (d->ncols == MAX_COLS)
            break;
        int money = strcmp(js(c, "key"), "paid") == 0;

        d->cols[d->ncols++] =
            (struct fmt_column){js(c, "label"), money ? 19 : 13, FMT_RIGHT,
                                money ? FMT_MONEY : FMT_INT};
    }
    for (i = 0; i < d->ncols; i++) {
        d->pcols[i] = d->cols[i];
        if (d->pcols[i].kind == FMT_MONEY)
            d->pcols[i].kind = FMT_TEXT;
    }
    d->nrows = json_array_size(rows);
    d->cells = xcalloc(d->nrows * d->ncols + 1, sizeof *d->cells);
    d->pcells = xcalloc(d->nrows * d->ncols + 1, sizeof *d->pcells);
    d->money = xcalloc(d->nrows * d->ncols + 1, sizeof *d->money);
    json_array_foreach(rows, i, r)
    {
        json_t *values = json_object_get(r, "values");
        struct fmt_cell *x = &d->cells[i * d->ncols],
                        *p = &d->pcells[i * d->ncols];

        x[0] = p[0] = fmt_text(js(r, "label"));
        for (k = 1; k < d->ncols; k++) {
            json_t *col = json_array_get(cols, k - 1);
            json_t *v = json_object_get(values, js(col, "key"));

            if (!json_is_integer(v)) {
                x[k] = p[k] = fmt_empty();
                continue;
            }
            x[k] = fmt_num(json_integer_value(v));
            if (d->cols[k].kind == FMT_MONEY) {
                money_format_vnd(json_integer_value(v),
                                 d->money[i * d->ncols + k], 40);
                p[k] = fmt_text(d->money[i * d->ncols + k]);
            } else {
                p[k] = x[k];
            }
        }
    }
    if (json_is_object(unit)) {
        snprintf(d->unit_name, sizeof d->unit_name, "%s (mã %s)",
                 js(unit, "name"), js(unit, "code"));
        snprintf(d->unit_line, sizeof d->unit_line, "UBND %s",
                 js(unit, "name"));
    } else {
        snprintf(d->unit_name, sizeof d->unit_name, "Toàn quốc");
        snprintf(d->unit_line, sizeof d->unit_line, "TOÀN QUỐC");
    }
    snprintf(d->period, sizeof d->period,
             "%s - Kỳ báo cáo: 6 tháng %s năm %d (từ ngày %s đến ngày %s)",
             js(j, "label"),
             json_integer_value(json_object_get(j, "half")) == 1 ? "đầu"
                                                                 : "cuối",
             (int)json_integer_value(json_object_get(j, "year")),
             vn_date(js(j, "from"), from), vn_date(js(j, "to"), to));
    snprintf(d->place, sizeof d->place, "Đơn vị báo cáo: %s", d->unit_name);
    if (json_is_object(dl))
        snprintf(d->deadline, sizeof d->deadline,
                 "Số liệu đến ngày %s. Hạn gửi báo cáo: %s, gửi %s.",
                 vn_date(js(j, "as_of"), asof), vn_date(js(dl, "date"), due),
                 js(dl, "to"));
    else
        snprintf(d->deadline, sizeof d->deadline, "Số liệu đến ngày %s.",
                 vn_date(js(j, "as_of"), asof));
    snprintf(d->label, sizeof d->label, "%s", js(j, "label"));
    snprintf(d->sheet, sizeof d->sheet, "Mẫu %s", js(j, "form"));
    snprintf(d->xtitle, sizeof d->xtitle, "%s - %s - %s", js(j, "title"),
             d->unit_name, d->period);
    snprintf(d->basis, sizeof d->basis, "Căn cứ: %s.", js(j, "basis"));
    d->subtitle[0] = d->period;
    d->subtitle[1] = d->place;
    d->subtitle[2] = d->deadline;
    d->subtitle[3] = strcmp(js(j, "layout_confidence"), "unverified") == 0
                         ? "BỐ CỤC MẪU CHƯA ĐƯỢC KIỂM CHỨNG VỚI VĂN BẢN GỐC"
                         : NULL;
}

static void report_of(struct form_doc *d, struct fmt_report *rep)
{
    json_t *notes = json_object_get(d->j, "notes"), *n;
    size_t i, k = 0;

    memset(rep, 0, sizeof *rep);
    rep->header.unit[0] = d->unit_line;
    rep->header.place_date = "…, ngày … tháng … năm …";
    rep->header.title = js(d->j, "title");
    for (i = 0; i < FMT_MAX_LINES; i++)
        rep->header.subtitle[i] = d->subtitle[i];
    rep->table.cols = d->pcols;
    rep->table.ncols = d->ncols;
    rep->table.cells = d->pcells;
    rep->table.nrows = d->nrows;
    json_array_foreach(notes, i, n)
    {
        if (k < MAX_NOTES && json_is_string(n))
            rep->after[k++] = json_string_value(n);
    }
    rep->after[k] = d->basis;
    rep->signs[0] = (struct fmt_signature){NULL, "Người lập biểu",
                                           "(Ký, ghi rõ họ tên)", NULL};
    rep->signs[1] =
        (struct fmt_signature){"…, ngày … tháng … năm …", "Thủ trưởng đơn vị",
                               "(Ký, ghi rõ họ tên, đóng dấu)", NULL};
    rep->nsigns = 2;
}

static int xlsx(struct form_doc *d, struct buf *out, struct fmt_error *fe)
{
    static const struct fmt_column info_cols[] = {
        {"Mục", 22, FMT_LEFT, FMT_TEXT},
        {"Nội dung", 100, FMT_LEFT, FMT_TEXT},
    };
    json_t *notes = json_object_get(d->j, "notes"), *n;
    struct fmt_cell info[2 * 24];
    struct fmt_table t = {d->cols, d->ncols, d->cells, d->nrows, NULL, 0};
    struct fmt_table ti = {info_cols, 2, info, 0, NULL, 0};
    struct xlsx_sheet sh[2] = {{d->sheet, d->xtitle, &t, 0},
                               {"Thông tin", NULL, &ti, 0}};
    struct xlsx_write_opts o = {0, d->label, NULL};
    size_t i, r = 0;

#define INFO(k, v)                                                             \
    do {                                                                       \
        info[2 * r] = fmt_text(k);                                             \
        info[2 * r + 1] = fmt_text(v);                                         \
        r++;                                                                   \
    } while (0)
    INFO("Mẫu", d->label);
    INFO("Tiêu đề", js(d->j, "title"));
    INFO("Bố cục mẫu", strcmp(js(d->j, "layout_confidence"), "unverified") == 0
                           ? "Chưa được kiểm chứng với văn bản gốc"
                           : js(d->j, "layout_confidence"));
    INFO("Căn cứ", js(d->j, "basis"));
    INFO("Đơn vị báo cáo", d->unit_name);
    INFO("Kỳ báo cáo", d->period);
    INFO("Số liệu và hạn gửi", d->deadline);
    INFO("Nguồn kinh phí", js(d->j, "money_source"));
    json_array_foreach(notes, i, n)
    {
        if (r < 24 && json_is_string(n))
            INFO("Ghi chú", json_string_value(n));
    }
#undef INFO
    ti.nrows = r;
    return xlsx_write_buf(sh, 2, &o, out, fe);
}

static int html(struct form_doc *d, struct buf *out, struct fmt_error *fe)
{
    const struct embed_file *f = embed_find(FORM_TEMPLATE);
    struct fmt_report rep;
    json_t *model;
    int rc;

    report_of(d, &rep);
    rc = fmt_table_check(&rep.table, fe);
    if (rc != FMT_OK)
        return rc;
    if (f == NULL)
        return fmt_fail(fe, FMT_ETMPL, "Thiếu mẫu in %s", FORM_TEMPLATE);
    model = print_report_model(&rep, 1);
    if (model == NULL)
        return fmt_fail(fe, FMT_EINVAL, "Trang in: văn bản không phải UTF-8");
    json_object_set_new(model, "form_label", json_string(d->label));
    rc = tmpl_render_text(f->data, f->len, model, out, fe);
    json_decref(model);
    return rc;
}

static int pdf(struct form_doc *d, struct buf *out, struct fmt_error *fe)
{
    struct pdf_options o = {1, 0, NULL, 10, 0, 0};
    struct fmt_report rep;

    report_of(d, &rep);
    return pdf_render_report(&rep, &o, out, fe);
}

int app_form_render(json_t *form, int format, char **data, size_t *len,
                    struct app_report_err *err)
{
    struct fmt_error fe = {{0}};
    struct form_doc d;
    struct buf b;
    int rc;

    *data = NULL;
    *len = 0;
    memset(err, 0, sizeof *err);
    if (format != APP_OV_XLSX && format != APP_OV_HTML && format != APP_OV_PDF)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_format", "format",
                       "Định dạng phải là XLSX, HTML hoặc PDF.");
    doc_build(&d, form);
    buf_init(&b, OUT_CAP);
    rc = format == APP_OV_XLSX   ? xlsx(&d, &b, &fe)
         : format == APP_OV_HTML ? html(&d, &b, &fe)
                                 : pdf(&d, &b, &fe);
    doc_free(&d);
    if (rc != FMT_OK) {
        buf_free(&b);
        return ov_fail(err, APP_REPORT_EINTERNAL, "document", NULL,
                       "Không tạo được tệp: %s", fe.msg);
    }
    *data = buf_steal(&b, len);
    return APP_REPORT_OK;
}

int app_form_export(struct db *db, const struct app_scope *scope,
                    const char *form, const char *unit, const char *year,
                    const char *half, int format, char **data, size_t *len,
                    struct app_report_err *err)
{
    json_t *j = NULL;
    int rc;

    *data = NULL;
    *len = 0;
    if (format != APP_OV_XLSX && format != APP_OV_HTML && format != APP_OV_PDF)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_format", "format",
                       "Định dạng phải là XLSX, HTML hoặc PDF.");
    rc = app_form_get(db, scope, form, unit, year, half, &j, err);
    if (rc != APP_REPORT_OK)
        return rc;
    rc = app_form_render(j, format, data, len, err);
    json_decref(j);
    return rc;
}
