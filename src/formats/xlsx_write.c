/* xlsx_write.c: XLSX workbooks on libxlsxwriter (see xlsx_write.h).
 *
 * libxlsxwriter 1.1.4 writes only to a named file (output_buffer arrived
 * in 1.1.5), so xlsx_write_buf writes into a private temporary folder
 * (mkdtemp, mode 0700) and reads the file back.
 */
#include "formats/xlsx_write.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "core/text.h"
#include "util/xalloc.h"

/* The cell formats of one workbook: [0] data, [1] totals (bold). */
struct formats {
    lxw_format *kind[2][FMT_SIGN + 1];
    lxw_format *header;
    lxw_format *title;
};

static lxw_format *new_format(lxw_workbook *wb, const char *num, int bold)
{
    lxw_format *f = workbook_add_format(wb);

    format_set_border(f, LXW_BORDER_THIN);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (num)
        format_set_num_format(f, num);
    if (bold)
        format_set_bold(f);
    return f;
}

static void make_formats(lxw_workbook *wb, struct formats *fm)
{
    static const char *const num[FMT_SIGN + 1] = {"@", "0", "#,##0",
                                                  "dd/mm/yyyy", NULL};
    int b, k;

    for (b = 0; b < 2; b++)
        for (k = 0; k <= FMT_SIGN; k++)
            fm->kind[b][k] = new_format(wb, num[k], b);
    /* text wraps so long names stay readable in a printed sheet */
    format_set_text_wrap(fm->kind[0][FMT_TEXT]);
    fm->header = new_format(wb, NULL, 1);
    format_set_bg_color(fm->header, 0xD9D9D9);
    format_set_text_wrap(fm->header);
    format_set_align(fm->header, LXW_ALIGN_CENTER);
    fm->title = workbook_add_format(wb);
    format_set_bold(fm->title);
    format_set_font_size(fm->title, 14);
    format_set_align(fm->title, LXW_ALIGN_CENTER);
}

/* A copy of text fit for XML 1.0 (control characters other than TAB, LF
 * and CR become spaces), or NULL if it is not valid UTF-8. Caller frees. */
static char *xml_text(const char *s)
{
    size_t len = strlen(s), i;
    char *copy;

    if (!text_valid_utf8(s, len))
        return NULL;
    copy = xmalloc(len + 1);
    for (i = 0; i <= len; i++) {
        unsigned char ch = (unsigned char)s[i];
        copy[i] =
            (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && i < len)
                ? ' '
                : (char)ch;
    }
    return copy;
}

/* Write one string cell (or merged range when last_col > col). */
static int put_string(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      lxw_col_t last_col, const char *s, lxw_format *f,
                      const char *sheet, struct fmt_error *err)
{
    char *clean = xml_text(s);
    lxw_error e;

    if (clean == NULL)
        return fmt_fail(err, FMT_EINVAL,
                        "Trang tính \"%s\", dòng %u, cột %u: văn bản không "
                        "phải UTF-8",
                        sheet, (unsigned)row + 1, (unsigned)col + 1);
    if (last_col > col)
        e = worksheet_merge_range(ws, row, col, row, last_col, clean, f);
    else
        e = worksheet_write_string(ws, row, col, clean, f);
    free(clean);
    if (e != LXW_NO_ERROR)
        return fmt_fail(err, FMT_EINVAL,
                        "Trang tính \"%s\", dòng %u, cột %u: %s", sheet,
                        (unsigned)row + 1, (unsigned)col + 1, lxw_strerror(e));
    return FMT_OK;
}

static int put_cell(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                    const struct fmt_cell *c, enum fmt_kind k,
                    const struct formats *fm, int bold, const char *sheet,
                    struct fmt_error *err)
{
    lxw_format *f = fm->kind[bold][k];
    lxw_error e = LXW_NO_ERROR;
    char tmp[32];

    if (c->empty || k == FMT_SIGN || (k == FMT_TEXT && c->text == NULL)) {
        e = worksheet_write_blank(ws, row, col, f);
    } else if (k == FMT_TEXT) {
        return put_string(ws, row, col, col, c->text, f, sheet, err);
    } else if (k == FMT_INT || k == FMT_MONEY) {
        e = worksheet_write_number(ws, row, col, (double)c->num, f);
    } else if (c->date.y < 1901) {
        /* Excel's serials start in 1900 (with its false 29/02/1900) */
        date_format_vn(c->date, tmp);
        return put_string(ws, row, col, col, tmp, fm->kind[bold][FMT_TEXT],
                          sheet, err);
    } else {
        lxw_datetime dt = {c->date.y, c->date.m, c->date.d, 0, 0, 0.0};
        e = worksheet_write_datetime(ws, row, col, &dt, f);
    }
    if (e != LXW_NO_ERROR)
        return fmt_fail(err, FMT_ELIB, "Trang tính \"%s\", dòng %u, cột %u: %s",
                        sheet, (unsigned)row + 1, (unsigned)col + 1,
                        lxw_strerror(e));
    return FMT_OK;
}

static int write_sheet(lxw_workbook *wb, const struct xlsx_sheet *sh,
                       const struct formats *fm, struct fmt_error *err)
{
    const struct fmt_table *t = sh->table;
    lxw_worksheet *ws;
    lxw_row_t row = 0, head;
    lxw_col_t c, last_col;
    size_t r;
    int rc;

    ws = workbook_add_worksheet(wb, sh->name);
    if (ws == NULL)
        return fmt_fail(err, FMT_ELIB, "Không tạo được trang tính \"%s\"",
                        sh->name);
    last_col = (lxw_col_t)(t->ncols - 1);
    if (sh->title) {
        rc = put_string(ws, row, 0, last_col, sh->title, fm->title, sh->name,
                        err);
        if (rc != FMT_OK)
            return rc;
        row += 2;
    }
    head = row;
    for (c = 0; c <= last_col; c++) {
        const struct fmt_column *col = &t->cols[c];
        double w = col->width > 0 ? col->width : 10;

        worksheet_set_column(ws, c, c, w > 255 ? 255 : w, NULL);
        rc = put_string(ws, row, c, c, col->header ? col->header : "",
                        fm->header, sh->name, err);
        if (rc != FMT_OK)
            return rc;
    }
    row++;
    for (r = 0; r < t->nrows; r++, row++)
        for (c = 0; c <= last_col; c++) {
            rc = put_cell(ws, row, c, fmt_cell_at(t, r, c), t->cols[c].kind, fm,
                          0, sh->name, err);
            if (rc != FMT_OK)
                return rc;
        }
    worksheet_freeze_panes(ws, head + 1, 0);
    worksheet_autofilter(ws, head, 0, row > head + 1 ? row - 1 : head + 1,
                         last_col);
    if (sh->with_totals && t->totals) {
        lxw_col_t first = 0;

        if (t->totals_span > 1) {
            const char *label = t->totals[0].text ? t->totals[0].text : "";

            first = (lxw_col_t)t->totals_span;
            rc = put_string(ws, row, 0, first - 1, label, fm->kind[1][FMT_TEXT],
                            sh->name, err);
            if (rc != FMT_OK)
                return rc;
        }
        for (c = first; c <= last_col; c++) {
            rc = put_cell(ws, row, c, &t->totals[c], t->cols[c].kind, fm, 1,
                          sh->name, err);
            if (rc != FMT_OK)
                return rc;
        }
    }
    return FMT_OK;
}

static int check_sheets(lxw_workbook *wb, const struct xlsx_sheet *sheets,
                        size_t n, struct fmt_error *err)
{
    size_t i, j;
    int rc;

    if (n == 0 || n > XLSX_MAX_SHEETS)
        return fmt_fail(err, FMT_EINVAL, "Số trang tính phải từ 1 đến %d",
                        XLSX_MAX_SHEETS);
    for (i = 0; i < n; i++) {
        const char *name = sheets[i].name;
        lxw_error e;

        if (name == NULL || !text_valid_utf8(name, strlen(name)))
            return fmt_fail(err, FMT_EINVAL, "Trang tính %zu: tên không hợp lệ",
                            i + 1);
        e = workbook_validate_sheet_name(wb, name);
        for (j = 0; j < i && e == LXW_NO_ERROR; j++)
            if (strcmp(sheets[j].name, name) == 0)
                e = LXW_ERROR_SHEETNAME_ALREADY_USED;
        if (e != LXW_NO_ERROR)
            return fmt_fail(err, FMT_EINVAL, "Tên trang tính \"%s\": %s", name,
                            lxw_strerror(e));
        rc = fmt_table_check(sheets[i].table, err);
        if (rc != FMT_OK)
            return rc;
        if (sheets[i].table->nrows > XLSX_MAX_ROWS)
            return fmt_fail(err, FMT_ETOOBIG, "Trang tính \"%s\": quá %u dòng",
                            name, XLSX_MAX_ROWS);
    }
    return FMT_OK;
}

int xlsx_write_file(const char *path, const struct xlsx_sheet *sheets,
                    size_t nsheets, const struct xlsx_write_opts *opt,
                    struct fmt_error *err)
{
    static const struct xlsx_write_opts defaults;
    const struct xlsx_write_opts *o = opt ? opt : &defaults;
    lxw_doc_properties props;
    char *author = NULL, *title = NULL;
    struct formats fm;
    lxw_workbook *wb;
    lxw_error e;
    size_t i;
    int rc;

    assert(path != NULL);
    wb = workbook_new(path);
    if (wb == NULL)
        return fmt_fail(err, FMT_EIO, "Không tạo được tệp XLSX %s", path);
    rc = check_sheets(wb, sheets, nsheets, err);
    if (rc != FMT_OK)
        goto out_close;
    memset(&props, 0, sizeof props);
    props.created = o->created ? o->created : XLSX_FIXED_CREATED;
    /* libxlsxwriter copies the strings but declares them non-const */
    author = xstrdup(o->author ? o->author : "ansinh");
    title = o->title ? xstrdup(o->title) : NULL;
    props.author = author;
    props.title = title;
    e = workbook_set_properties(wb, &props);
    if (e != LXW_NO_ERROR) {
        rc =
            fmt_fail(err, FMT_ELIB, "Thuộc tính tệp XLSX: %s", lxw_strerror(e));
        goto out_close;
    }
    make_formats(wb, &fm);
    for (i = 0; i < nsheets && rc == FMT_OK; i++)
        rc = write_sheet(wb, &sheets[i], &fm, err);

out_close:
    /* workbook_close both writes and frees: on an earlier error the file
     * is still written (partly), then removed */
    e = workbook_close(wb);
    if (rc == FMT_OK && e != LXW_NO_ERROR)
        rc = fmt_fail(err, FMT_EIO, "Không ghi được tệp XLSX %s: %s", path,
                      lxw_strerror(e));
    if (rc != FMT_OK)
        unlink(path);
    free(author);
    free(title);
    return rc;
}

/* Append the whole file at path to out. */
static int read_back(const char *path, struct buf *out, struct fmt_error *err)
{
    char chunk[16384];
    FILE *f = fopen(path, "rb");
    size_t n;
    int rc = FMT_OK;

    if (f == NULL)
        return fmt_fail(err, FMT_EIO, "Không đọc lại được tệp XLSX: %s",
                        strerror(errno));
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (buf_append(out, chunk, n) != BUF_OK) {
            rc = fmt_fail(err, FMT_ETOOBIG,
                          "Tệp XLSX vượt quá giới hạn %zu byte", out->cap);
            break;
        }
    }
    if (rc == FMT_OK && ferror(f))
        rc = fmt_fail(err, FMT_EIO, "Không đọc lại được tệp XLSX");
    fclose(f);
    return rc;
}

int xlsx_write_buf(const struct xlsx_sheet *sheets, size_t nsheets,
                   const struct xlsx_write_opts *opt, struct buf *out,
                   struct fmt_error *err)
{
    const char *tmp = getenv("TMPDIR");
    struct buf dir, path;
    int rc;

    assert(out != NULL);
    buf_init(&dir, 4096);
    buf_init(&path, 4096);
    if (tmp == NULL || tmp[0] == '\0')
        tmp = "/tmp";
    if (buf_printf(&dir, "%s/ansinh-xlsx-XXXXXX", tmp) != BUF_OK ||
        mkdtemp(dir.data) == NULL) {
        rc = fmt_fail(err, FMT_EIO, "Không tạo được thư mục tạm trong %s", tmp);
        goto out_free;
    }
    if (buf_printf(&path, "%s/out.xlsx", buf_str(&dir)) != BUF_OK) {
        rc = fmt_fail(err, FMT_EIO, "Đường dẫn tạm quá dài");
        goto out_rmdir;
    }
    rc = xlsx_write_file(buf_str(&path), sheets, nsheets, opt, err);
    if (rc == FMT_OK)
        rc = read_back(buf_str(&path), out, err);
    unlink(buf_str(&path));
out_rmdir:
    rmdir(buf_str(&dir));
out_free:
    buf_free(&dir);
    buf_free(&path);
    return rc;
}
