/* pdf_table.c: report layout on libharu (see pdf_table.h).
 *
 * Coordinates are PDF points from the bottom left; the layout keeps a
 * cursor y going down from the top margin. Text is measured with
 * HPDF_Font_TextWidth (widths add up: libharu does no kerning), and broken
 * into lines here: at '\n', at spaces, and inside a word too long for its
 * column, always at a UTF-8 character boundary.
 */
#include "formats/pdf_table.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hpdf.h>

#include "core/text.h"
#include "util/xalloc.h"

#ifndef ANSINH_FONT_DIR_DEFAULT
#define ANSINH_FONT_DIR_DEFAULT "/usr/share/fonts/truetype/liberation2"
#endif

#define MM          2.834646
#define MAX_LINES   40   /* lines of one cell or paragraph chunk */
#define MAX_MEASURE 8192 /* bytes of one cell that are laid out */
#define PAD         3.0  /* cell padding */
#define SIGN_HEIGHT 30.0 /* minimum row height with a signature box */
#define SIGN_SPACE  62.0 /* room for a signature above the name */
#define HEAD_SIZE   11.0
#define TITLE_SIZE  13.0
#define FOOT_SIZE   9.0
#define ELLIPSIS    "\xE2\x80\xA6"

enum font_style { F_REGULAR, F_BOLD, F_ITALIC, F_NSTYLES };

struct line {
    size_t off, len;
};

struct pdf_report {
    HPDF_Doc doc;
    HPDF_Font font[F_NSTYLES];
    struct pdf_options opt;
    HPDF_Page page;
    HPDF_Page *pages;
    size_t npages;
    double width, height, left, right, top, bottom;
    double y;  /* cursor */
    int drawn; /* anything on the current page */
    int finished;
    int err;
    char errmsg[512];
    struct buf tmp; /* one line of text, NUL-terminated for libharu */
};

static const char *const font_files[2][F_NSTYLES] = {
    {"LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
     "LiberationSans-Italic.ttf"},
    {"LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
     "LiberationSerif-Italic.ttf"}};

static int fail(struct pdf_report *p, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct pdf_report *p, int rc, const char *fmt, ...)
{
    va_list ap;

    if (p->err != FMT_OK)
        return p->err;
    p->err = rc;
    va_start(ap, fmt);
    vsnprintf(p->errmsg, sizeof p->errmsg, fmt, ap);
    va_end(ap);
    return rc;
}

/* libharu reports errors here; the first one is kept. */
static void on_hpdf_error(HPDF_STATUS e, HPDF_STATUS detail, void *ud)
{
    struct pdf_report *p = ud;

    fail(p, FMT_ELIB, "Lỗi thư viện PDF (libharu 0x%04X, chi tiết %u)",
         (unsigned)e, (unsigned)detail);
}

/* ---- fonts ------------------------------------------------------------- */

static HPDF_Font get_font(struct pdf_report *p, enum font_style st)
{
    const char *file = font_files[p->opt.serif ? 1 : 0][st];
    const char *dirs[3];
    const char *name;
    struct buf path, tried;
    size_t i;

    if (p->font[st] != NULL || p->err != FMT_OK)
        return p->font[st];
    /* a folder in the options is the only one tried */
    dirs[0] = p->opt.font_dir;
    dirs[1] = p->opt.font_dir ? NULL : getenv("ANSINH_FONT_DIR");
    dirs[2] = p->opt.font_dir ? NULL : ANSINH_FONT_DIR_DEFAULT;
    buf_init(&path, 4096);
    buf_init(&tried, 2048);
    for (i = 0; i < 3; i++) {
        if (dirs[i] == NULL || dirs[i][0] == '\0')
            continue;
        buf_reset(&path);
        if (buf_printf(&path, "%s/%s", dirs[i], file) != BUF_OK)
            continue;
        if (access(buf_str(&path), R_OK) == 0)
            break;
        buf_printf(&tried, "%s%s", tried.len ? ", " : "", dirs[i]);
    }
    if (i == 3) {
        fail(p, FMT_EFONT,
             "Không tìm thấy phông chữ %s (đã tìm trong: %s); cài gói "
             "fonts-liberation2 hoặc đặt ANSINH_FONT_DIR",
             file, buf_str(&tried));
        goto out;
    }
    name = HPDF_LoadTTFontFromFile(p->doc, buf_str(&path), HPDF_TRUE);
    if (name != NULL)
        p->font[st] = HPDF_GetFont(p->doc, name, "UTF-8");
    if (p->font[st] == NULL)
        fail(p, FMT_EFONT, "Không đọc được phông chữ %s", buf_str(&path));
out:
    buf_free(&path);
    buf_free(&tried);
    return p->font[st];
}

/* Width of (s, len) in points. */
static double text_width(HPDF_Font f, double size, const char *s, size_t len)
{
    HPDF_TextWidth tw;

    if (len == 0)
        return 0;
    tw = HPDF_Font_TextWidth(f, (const HPDF_BYTE *)s, (HPDF_UINT)len);
    return tw.width * size / 1000.0;
}

/* ---- line breaking ----------------------------------------------------- */

static size_t utf8_next(const char *s, size_t len, size_t i)
{
    i++;
    while (i < len && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* Break (s, len) into lines no wider than width; returns the number of
 * lines (at most max; *cut is set when text was left out). */
static size_t wrap(HPDF_Font f, double size, const char *s, size_t len,
                   double width, struct line *lines, size_t max, int *cut)
{
    double space = text_width(f, size, " ", 1);
    size_t n = 0, i = 0;

    *cut = 0;
    if (len > MAX_MEASURE) {
        len = MAX_MEASURE;
        *cut = 1;
    }
    while (i <= len && n < max) {
        size_t start = i, end = i, j;
        double w = 0;

        /* words of this line */
        while (i < len && s[i] != '\n') {
            size_t wend = i;
            double ww;

            while (wend < len && s[wend] != ' ' && s[wend] != '\n')
                wend++;
            ww = text_width(f, size, s + i, wend - i);
            if (end > start && w + space + ww > width)
                break;
            if (end == start && ww > width) {
                /* a word wider than the line: as many characters as fit */
                for (j = i; j < wend;) {
                    size_t nx = utf8_next(s, wend, j);
                    if (j > i && text_width(f, size, s + i, nx - i) > width)
                        break;
                    j = nx;
                }
                end = j;
                i = j;
                break;
            }
            w += (end > start ? space : 0) + ww;
            end = wend;
            i = wend;
            while (i < len && s[i] == ' ')
                i++;
        }
        lines[n].off = start;
        lines[n].len = end - start;
        n++;
        if (i < len && s[i] == '\n')
            i++;
        else if (i >= len)
            break;
    }
    if (i < len)
        *cut = 1;
    return n;
}

/* ---- drawing ----------------------------------------------------------- */

static double leading(double size)
{
    return size * 1.25;
}

/* Draw (s, len) with its line box's top at top. */
static void draw_line(struct pdf_report *p, HPDF_Font f, double size, double x,
                      double top, const char *s, size_t len, int ellipsis)
{
    buf_reset(&p->tmp);
    if (buf_append(&p->tmp, s, len) != BUF_OK ||
        (ellipsis && buf_puts(&p->tmp, ELLIPSIS) != BUF_OK))
        return;
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, f, (HPDF_REAL)size);
    HPDF_Page_TextOut(p->page, (HPDF_REAL)x,
                      (HPDF_REAL)(top - 0.125 * size - 0.9 * size),
                      buf_str(&p->tmp));
    HPDF_Page_EndText(p->page);
}

/* Draw wrapped lines in the box [x, x + w] from top, aligned. */
static void draw_lines(struct pdf_report *p, HPDF_Font f, double size, double x,
                       double w, double top, const char *s,
                       const struct line *ln, size_t n, enum fmt_align al,
                       int cut)
{
    size_t i;

    for (i = 0; i < n; i++) {
        int last_cut = cut && i + 1 == n;
        double lw = text_width(f, size, s + ln[i].off, ln[i].len);
        double lx = x;

        if (last_cut)
            lw += text_width(f, size, ELLIPSIS, strlen(ELLIPSIS));
        if (al == FMT_RIGHT)
            lx = x + w - lw;
        else if (al == FMT_CENTER)
            lx = x + (w - lw) / 2;
        draw_line(p, f, size, lx, top - i * leading(size), s + ln[i].off,
                  ln[i].len, last_cut);
    }
}

static int add_page(struct pdf_report *p)
{
    if (p->err != FMT_OK)
        return p->err;
    if (p->npages >= p->opt.max_pages)
        return fail(p, FMT_ETOOBIG, "Tài liệu PDF quá %zu trang",
                    p->opt.max_pages);
    p->page = HPDF_AddPage(p->doc);
    if (p->page == NULL)
        return fail(p, FMT_ELIB, "Không thêm được trang PDF");
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4,
                      p->opt.landscape ? HPDF_PAGE_LANDSCAPE
                                       : HPDF_PAGE_PORTRAIT);
    HPDF_Page_SetLineWidth(p->page, 0.5);
    p->width = HPDF_Page_GetWidth(p->page);
    p->height = HPDF_Page_GetHeight(p->page);
    if (p->opt.landscape) {
        p->left = 20 * MM;
        p->right = p->width - 15 * MM;
        p->top = p->height - 15 * MM;
        p->bottom = 15 * MM;
    } else {
        p->left = 25 * MM;
        p->right = p->width - 15 * MM;
        p->top = p->height - 20 * MM;
        p->bottom = 20 * MM;
    }
    p->y = p->top;
    p->drawn = 0;
    p->pages[p->npages++] = p->page;
    return p->err;
}

int pdf_report_new(const struct pdf_options *opt, struct pdf_report **out)
{
    struct pdf_report *p;

    assert(out != NULL);
    p = xcalloc(1, sizeof *p);
    *out = p;
    if (opt)
        p->opt = *opt;
    if (p->opt.font_size <= 0 || p->opt.font_size > 40)
        p->opt.font_size = 10;
    if (p->opt.max_pages == 0)
        p->opt.max_pages = PDF_DEFAULT_MAX_PAGES;
    if (p->opt.max_rows == 0)
        p->opt.max_rows = PDF_DEFAULT_MAX_ROWS;
    buf_init(&p->tmp, MAX_MEASURE + 16);
    p->pages = xcalloc(p->opt.max_pages, sizeof *p->pages);
    p->doc = HPDF_New(on_hpdf_error, p);
    if (p->doc == NULL)
        return fail(p, FMT_ELIB, "Không tạo được tài liệu PDF");
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "ansinh");
    if (get_font(p, F_REGULAR) == NULL)
        return p->err;
    return add_page(p);
}

void pdf_report_free(struct pdf_report *p)
{
    if (p == NULL)
        return;
    if (p->doc != NULL)
        HPDF_Free(p->doc);
    free(p->pages);
    buf_free(&p->tmp);
    free(p);
}

size_t pdf_page_count(const struct pdf_report *p)
{
    return p->npages;
}

const char *pdf_errmsg(const struct pdf_report *p)
{
    return p->errmsg;
}

int pdf_new_page(struct pdf_report *p)
{
    return add_page(p);
}

/* Check that text is usable: UTF-8. */
static int check_text(struct pdf_report *p, const char *s, const char *where)
{
    if (s != NULL && !text_valid_utf8(s, strlen(s)))
        return fail(p, FMT_EINVAL, "%s: văn bản không phải UTF-8", where);
    return FMT_OK;
}

/* Start a page if fewer than h points are left (and the page has
 * something on it already). */
static int need(struct pdf_report *p, double h)
{
    if (p->err == FMT_OK && p->drawn && p->y - h < p->bottom)
        return add_page(p);
    return p->err;
}

static void underline(struct pdf_report *p, double cx, double y, double w)
{
    HPDF_Page_MoveTo(p->page, (HPDF_REAL)(cx - w / 2), (HPDF_REAL)y);
    HPDF_Page_LineTo(p->page, (HPDF_REAL)(cx + w / 2), (HPDF_REAL)y);
    HPDF_Page_Stroke(p->page);
}

/* A centred wrapped text in [x, x + w] from top; returns its height.
 * underline_last draws a short rule under the last line. */
static double centred(struct pdf_report *p, enum font_style st, double size,
                      double x, double w, double top, const char *s, int rule)
{
    struct line ln[MAX_LINES];
    HPDF_Font f = get_font(p, st);
    size_t n;
    int cut;
    double lw;

    if (f == NULL || s == NULL)
        return 0;
    n = wrap(f, size, s, strlen(s), w, ln, MAX_LINES, &cut);
    draw_lines(p, f, size, x, w, top, s, ln, n, FMT_CENTER, cut);
    if (rule && n > 0) {
        lw = text_width(f, size, s + ln[n - 1].off, ln[n - 1].len);
        underline(p, x + w / 2, top - n * leading(size) - 1.5, lw);
        return n * leading(size) + 4;
    }
    return n * leading(size);
}

int pdf_add_header(struct pdf_report *p, const struct fmt_header *h)
{
    double lw, top, hl = 0, hr = 0, y;
    size_t i, last = 0;

    assert(h != NULL);
    for (i = 0; i < FMT_MAX_LINES; i++) {
        check_text(p, h->unit[i], "Tên đơn vị");
        check_text(p, h->subtitle[i], "Tiêu đề phụ");
        if (h->unit[i])
            last = i + 1;
    }
    check_text(p, h->title, "Tiêu đề");
    check_text(p, h->place_date, "Địa danh, ngày tháng");
    if (p->err != FMT_OK)
        return p->err;
    if (p->drawn && add_page(p) != FMT_OK)
        return p->err;
    top = p->y;
    lw = (p->right - p->left) * 0.4;
    for (i = 0; i < last; i++)
        hl +=
            centred(p, i + 1 == last ? F_BOLD : F_REGULAR, HEAD_SIZE, p->left,
                    lw, top - hl, h->unit[i] ? h->unit[i] : "", i + 1 == last);
    if (!h->no_motto) {
        hr +=
            centred(p, F_BOLD, HEAD_SIZE, p->left + lw, p->right - p->left - lw,
                    top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 0);
        hr += centred(p, F_BOLD, HEAD_SIZE + 0.5, p->left + lw,
                      p->right - p->left - lw, top - hr,
                      "Độc lập - Tự do - Hạnh phúc", 1);
    }
    if (h->place_date)
        hr += 4 + centred(p, F_ITALIC, HEAD_SIZE, p->left + lw,
                          p->right - p->left - lw, top - hr - 4, h->place_date,
                          0);
    y = top - (hl > hr ? hl : hr) - 14;
    if (h->title)
        y -= 4 + centred(p, F_BOLD, TITLE_SIZE, p->left, p->right - p->left, y,
                         h->title, 0);
    for (i = 0; i < FMT_MAX_LINES; i++)
        if (h->subtitle[i])
            y -= centred(p, F_REGULAR, HEAD_SIZE, p->left, p->right - p->left,
                         y, h->subtitle[i], 0);
    p->y = y - 10;
    p->drawn = 1;
    return p->err;
}

/* ---- tables ------------------------------------------------------------ */

struct layout {
    const struct fmt_table *t;
    double x[FMT_MAX_COLS + 1]; /* column edges */
    int has_sign;
    double size;
    /* the row being drawn: per column, its text and lines */
    const char *text[FMT_MAX_COLS];
    struct line lines[FMT_MAX_COLS][MAX_LINES];
    size_t nlines[FMT_MAX_COLS];
    int cut[FMT_MAX_COLS];
    char scratch[FMT_MAX_COLS][32];
};

/* Lay out one row (row == nrows: totals; row == SIZE_MAX: the header);
 * returns its height. */
static double layout_row(struct pdf_report *p, struct layout *l, size_t row,
                         size_t max_lines)
{
    const struct fmt_table *t = l->t;
    int header = row == (size_t)-1, totals = row == t->nrows;
    HPDF_Font f = get_font(p, header || totals ? F_BOLD : F_REGULAR);
    size_t c, most = 1,
              span = totals && t->totals_span > 1 ? t->totals_span : 1;
    double h;

    if (f == NULL)
        return 0;
    for (c = 0; c < t->ncols; c++) {
        double w;

        l->nlines[c] = 0;
        l->cut[c] = 0;
        if (c > 0 && c < span)
            continue; /* merged into column 0 */
        w = l->x[c + (c == 0 ? span : 1)] - l->x[c] - 2 * PAD;
        if (header) {
            l->text[c] = t->cols[c].header ? t->cols[c].header : "";
        } else {
            const struct fmt_cell *cell = fmt_cell_at(t, row, c);
            enum fmt_kind k = c == 0 && span > 1 ? FMT_TEXT : t->cols[c].kind;

            l->text[c] =
                fmt_cell_display(cell, k, l->scratch[c], sizeof l->scratch[c]);
        }
        l->nlines[c] = wrap(f, l->size, l->text[c], strlen(l->text[c]), w,
                            l->lines[c], max_lines, &l->cut[c]);
        if (l->nlines[c] > most)
            most = l->nlines[c];
    }
    h = most * leading(l->size) + 2 * PAD;
    if (!header && l->has_sign && h < SIGN_HEIGHT)
        h = SIGN_HEIGHT;
    return h;
}

static void draw_row(struct pdf_report *p, struct layout *l, size_t row,
                     double h)
{
    const struct fmt_table *t = l->t;
    int header = row == (size_t)-1, totals = row == t->nrows;
    HPDF_Font f = get_font(p, header || totals ? F_BOLD : F_REGULAR);
    size_t c, span = totals && t->totals_span > 1 ? t->totals_span : 1;
    double top = p->y;

    if (f == NULL)
        return;
    if (header) {
        HPDF_Page_SetGrayFill(p->page, 0.88);
        HPDF_Page_Rectangle(p->page, (HPDF_REAL)l->x[0], (HPDF_REAL)(top - h),
                            (HPDF_REAL)(l->x[t->ncols] - l->x[0]),
                            (HPDF_REAL)h);
        HPDF_Page_Fill(p->page);
        HPDF_Page_SetGrayFill(p->page, 0);
    }
    /* the borders first: no text may be drawn while a path is open */
    for (c = 0; c < t->ncols; c++) {
        size_t right = c == 0 ? span : c + 1;

        if (c > 0 && c < span)
            continue;
        HPDF_Page_Rectangle(p->page, (HPDF_REAL)l->x[c], (HPDF_REAL)(top - h),
                            (HPDF_REAL)(l->x[right] - l->x[c]), (HPDF_REAL)h);
    }
    HPDF_Page_Stroke(p->page);
    for (c = 0; c < t->ncols; c++) {
        size_t right = c == 0 ? span : c + 1;
        double w, text_h;
        enum fmt_align al;

        if (c > 0 && c < span)
            continue;
        w = l->x[right] - l->x[c];
        al = header ? FMT_CENTER : fmt_column_align(&t->cols[c]);
        if (c == 0 && span > 1)
            al = FMT_CENTER;
        text_h = l->nlines[c] * leading(l->size);
        draw_lines(p, f, l->size, l->x[c] + PAD, w - 2 * PAD,
                   top - (h - text_h) / 2, l->text[c], l->lines[c],
                   l->nlines[c], al, l->cut[c]);
    }
    p->y -= h;
    p->drawn = 1;
}

/* Lines that fit on an empty page below the header of height head. */
static size_t page_lines(struct pdf_report *p, struct layout *l, double head)
{
    double room = p->top - p->bottom - head - 2 * PAD;
    double n = room / leading(l->size);

    if (n < 1)
        return 1;
    return n > MAX_LINES ? MAX_LINES : (size_t)n;
}

int pdf_add_table(struct pdf_report *p, const struct fmt_table *t)
{
    struct fmt_error e;
    struct layout *l;
    double total = 0, scale, hh, h;
    size_t r, c, last, max_lines;
    char where[64];
    int rc;

    if (p->err != FMT_OK)
        return p->err;
    rc = fmt_table_check(t, &e);
    if (rc != FMT_OK)
        return fail(p, rc, "%s", e.msg);
    if (t->nrows > p->opt.max_rows)
        return fail(p, FMT_ETOOBIG, "Bảng quá %zu dòng", p->opt.max_rows);
    last = t->totals ? t->nrows + 1 : t->nrows;
    for (c = 0; c < t->ncols; c++) {
        snprintf(where, sizeof where, "Tiêu đề cột %zu", c + 1);
        check_text(p, t->cols[c].header, where);
        for (r = 0; r < last && t->cols[c].kind == FMT_TEXT; r++) {
            snprintf(where, sizeof where, "Dòng %zu, cột %zu", r + 1, c + 1);
            check_text(p, fmt_cell_at(t, r, c)->text, where);
        }
    }
    if (t->totals && t->totals_span > 1)
        check_text(p, t->totals[0].text, "Dòng tổng");
    if (p->err != FMT_OK)
        return p->err;
    l = xcalloc(1, sizeof *l);
    l->t = t;
    l->size = p->opt.font_size;
    for (c = 0; c < t->ncols; c++) {
        total += t->cols[c].width > 0 ? t->cols[c].width : 10;
        l->has_sign |= t->cols[c].kind == FMT_SIGN;
    }
    scale = (p->right - p->left) / total;
    l->x[0] = p->left;
    for (c = 0; c < t->ncols; c++)
        l->x[c + 1] =
            l->x[c] + (t->cols[c].width > 0 ? t->cols[c].width : 10) * scale;
    hh = layout_row(p, l, (size_t)-1, MAX_LINES / 4);
    max_lines = page_lines(p, l, hh);
    /* the header needs room for itself and one row */
    need(p, hh + 2 * leading(l->size));
    draw_row(p, l, (size_t)-1, hh);
    for (r = 0; r < last && p->err == FMT_OK; r++) {
        h = layout_row(p, l, r, max_lines);
        if (p->y - h < p->bottom) {
            if (add_page(p) != FMT_OK)
                break;
            layout_row(p, l, (size_t)-1, MAX_LINES / 4);
            draw_row(p, l, (size_t)-1, hh);
            h = layout_row(p, l, r, max_lines);
        }
        draw_row(p, l, r, h);
    }
    free(l);
    p->y -= 8;
    return p->err;
}

/* ---- text and signatures ----------------------------------------------- */

int pdf_add_text(struct pdf_report *p, const char *text, int style)
{
    enum font_style st = style & PDF_BOLD     ? F_BOLD
                         : style & PDF_ITALIC ? F_ITALIC
                                              : F_REGULAR;
    enum fmt_align al = style & PDF_CENTER  ? FMT_CENTER
                        : style & PDF_RIGHT ? FMT_RIGHT
                                            : FMT_LEFT;
    struct line ln[MAX_LINES];
    double size = p->opt.font_size + 1, w = p->right - p->left;
    HPDF_Font f;
    size_t n, i, len, done = 0;
    int cut;

    assert(text != NULL);
    if (check_text(p, text, "Đoạn văn") != FMT_OK)
        return p->err;
    f = get_font(p, st);
    len = strlen(text);
    while (f != NULL && p->err == FMT_OK && done < len) {
        /* one chunk of lines at a time, so a long text runs over pages */
        n = wrap(f, size, text + done, len - done, w, ln, MAX_LINES, &cut);
        for (i = 0; i < n && p->err == FMT_OK; i++) {
            if (need(p, leading(size)) != FMT_OK)
                break;
            draw_lines(p, f, size, p->left, w, p->y, text + done, &ln[i], 1, al,
                       0);
            p->y -= leading(size);
            p->drawn = 1;
        }
        if (!cut || n == 0)
            break;
        done += ln[n - 1].off + ln[n - 1].len;
        while (done < len && (text[done] == ' ' || text[done] == '\n'))
            done++;
    }
    p->y -= 4;
    return p->err;
}

/* Height of a centred wrapped text in a box of width w. */
static double text_height(struct pdf_report *p, enum font_style st, double size,
                          double w, const char *s)
{
    struct line ln[MAX_LINES];
    HPDF_Font f = get_font(p, st);
    int cut;

    if (f == NULL || s == NULL)
        return 0;
    return wrap(f, size, s, strlen(s), w, ln, MAX_LINES, &cut) * leading(size);
}

int pdf_add_signatures(struct pdf_report *p, const struct fmt_signature *s,
                       size_t n)
{
    double size = p->opt.font_size + 1, w, top;
    double hd = 0, ht = 0, hn = 0, hname = 0, v;
    size_t i;

    if (p->err != FMT_OK)
        return p->err;
    if (n == 0 || n > FMT_MAX_SIGNS)
        return fail(p, FMT_EINVAL, "Số chữ ký phải từ 1 đến %d", FMT_MAX_SIGNS);
    for (i = 0; i < n; i++) {
        check_text(p, s[i].date_line, "Chữ ký");
        check_text(p, s[i].title, "Chữ ký");
        check_text(p, s[i].note, "Chữ ký");
        check_text(p, s[i].name, "Chữ ký");
    }
    if (p->err != FMT_OK)
        return p->err;
    /* the blocks' parts line up: each part as tall as its tallest */
    w = (p->right - p->left) / (double)n;
    for (i = 0; i < n; i++) {
        v = text_height(p, F_ITALIC, size, w, s[i].date_line);
        hd = v > hd ? v : hd;
        v = text_height(p, F_BOLD, size, w, s[i].title);
        ht = v > ht ? v : ht;
        v = text_height(p, F_ITALIC, size, w, s[i].note);
        hn = v > hn ? v : hn;
        v = text_height(p, F_BOLD, size, w, s[i].name);
        hname = v > hname ? v : hname;
    }
    if (need(p, 10 + hd + ht + hn + SIGN_SPACE + hname) != FMT_OK)
        return p->err;
    top = p->y - 10;
    for (i = 0; i < n; i++) {
        double x = p->left + w * (double)i;

        /* a date line sits right above its title */
        v = text_height(p, F_ITALIC, size, w, s[i].date_line);
        centred(p, F_ITALIC, size, x, w, top - (hd - v), s[i].date_line, 0);
        centred(p, F_BOLD, size, x, w, top - hd, s[i].title, 0);
        centred(p, F_ITALIC, size, x, w, top - hd - ht, s[i].note, 0);
        centred(p, F_BOLD, size, x, w, top - hd - ht - hn - SIGN_SPACE,
                s[i].name, 0);
    }
    p->y = top - hd - ht - hn - SIGN_SPACE - hname;
    p->drawn = 1;
    return p->err;
}

/* ---- output ------------------------------------------------------------ */

int pdf_finish(struct pdf_report *p, struct buf *out)
{
    HPDF_Font f = get_font(p, F_REGULAR);
    char label[64];
    HPDF_UINT32 n;
    size_t i;

    assert(out != NULL);
    if (p->err != FMT_OK)
        return p->err;
    if (p->finished)
        return fail(p, FMT_EINVAL, "Tài liệu PDF đã hoàn tất");
    p->finished = 1;
    for (i = 0; i < p->npages && f != NULL; i++) {
        double lw;

        snprintf(label, sizeof label, "Trang %zu/%zu", i + 1, p->npages);
        lw = text_width(f, FOOT_SIZE, label, strlen(label));
        p->page = p->pages[i];
        draw_line(p, f, FOOT_SIZE, (p->width - lw) / 2, p->bottom - 8, label,
                  strlen(label), 0);
    }
    if (p->err != FMT_OK)
        return p->err;
    if (HPDF_SaveToStream(p->doc) != HPDF_OK)
        return fail(p, FMT_ELIB, "Không tạo được tệp PDF");
    HPDF_ResetStream(p->doc);
    for (;;) {
        HPDF_BYTE chunk[16384];
        HPDF_STATUS st;

        n = sizeof chunk;
        st = HPDF_ReadFromStream(p->doc, chunk, &n);
        if (n > 0 && buf_append(out, chunk, n) != BUF_OK)
            return fail(p, FMT_ETOOBIG, "Tệp PDF vượt quá giới hạn %zu byte",
                        out->cap);
        if (st == HPDF_STREAM_EOF)
            break;
        if (st != HPDF_OK)
            return fail(p, FMT_ELIB, "Không đọc được tệp PDF đã tạo");
    }
    return FMT_OK;
}

int pdf_render_report(const struct fmt_report *rep,
                      const struct pdf_options *opt, struct buf *out,
                      struct fmt_error *err)
{
    struct pdf_report *p;
    size_t i;
    int rc;

    rc = pdf_report_new(opt, &p);
    if (rc == FMT_OK)
        rc = pdf_add_header(p, &rep->header);
    if (rc == FMT_OK)
        rc = pdf_add_table(p, &rep->table);
    for (i = 0; rc == FMT_OK && i < FMT_MAX_TEXTS; i++)
        if (rep->after[i])
            rc = pdf_add_text(p, rep->after[i], 0);
    if (rc == FMT_OK && rep->nsigns > 0)
        rc = pdf_add_signatures(p, rep->signs, rep->nsigns);
    if (rc == FMT_OK)
        rc = pdf_finish(p, out);
    if (rc != FMT_OK)
        fmt_fail(err, rc, "%s", pdf_errmsg(p));
    pdf_report_free(p);
    return rc;
}
