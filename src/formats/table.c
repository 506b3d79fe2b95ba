/* table.c: checks and display text shared by the document writers (see
 * table.h). */
#include "formats/table.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int fmt_fail(struct fmt_error *err, int rc, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return rc;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return rc;
}

const struct fmt_cell *fmt_cell_at(const struct fmt_table *t, size_t row,
                                   size_t col)
{
    assert(col < t->ncols);
    if (row == t->nrows) {
        assert(t->totals != NULL);
        return &t->totals[col];
    }
    assert(row < t->nrows);
    return &t->cells[row * t->ncols + col];
}

int fmt_table_check(const struct fmt_table *t, struct fmt_error *err)
{
    size_t r, c, last;

    if (t == NULL || t->cols == NULL || t->ncols == 0)
        return fmt_fail(err, FMT_EINVAL, "Bảng không có cột nào");
    if (t->ncols > FMT_MAX_COLS)
        return fmt_fail(err, FMT_EINVAL, "Bảng có quá nhiều cột (%zu > %d)",
                        t->ncols, FMT_MAX_COLS);
    if (t->nrows > 0 && t->cells == NULL)
        return fmt_fail(err, FMT_EINVAL, "Bảng thiếu dữ liệu các ô");
    if (t->totals_span > t->ncols)
        return fmt_fail(err, FMT_EINVAL, "Dòng tổng gộp quá số cột");
    for (c = 0; c < t->ncols; c++) {
        if ((unsigned)t->cols[c].kind > FMT_SIGN ||
            (unsigned)t->cols[c].align > FMT_RIGHT || t->cols[c].width < 0)
            return fmt_fail(err, FMT_EINVAL, "Cột %zu: định nghĩa không hợp lệ",
                            c + 1);
    }
    last = t->totals ? t->nrows + 1 : t->nrows;
    for (r = 0; r < last; r++) {
        for (c = 0; c < t->ncols; c++) {
            const struct fmt_cell *cell = fmt_cell_at(t, r, c);

            if (cell->empty || t->cols[c].kind != FMT_DATE)
                continue;
            if (!date_is_valid(cell->date.y, cell->date.m, cell->date.d))
                return fmt_fail(err, FMT_EINVAL,
                                "Dòng %zu, cột %zu: ngày không hợp lệ", r + 1,
                                c + 1);
        }
    }
    return FMT_OK;
}

/* Digits of n grouped by threes with '.', as Vietnamese writes amounts. */
static void group_digits(int64_t n, char *out, size_t cap)
{
    char tmp[32];
    uint64_t u = n < 0 ? (uint64_t)0 - (uint64_t)n : (uint64_t)n;
    size_t len = 0, i, o = 0;

    do {
        if (len > 0 && len % 4 == 3)
            tmp[len++] = '.';
        tmp[len++] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (n < 0)
        tmp[len++] = '-';
    for (i = 0; i < len && o + 1 < cap; i++)
        out[o++] = tmp[len - 1 - i];
    out[o] = '\0';
}

const char *fmt_cell_display(const struct fmt_cell *c, enum fmt_kind k,
                             char *out, size_t cap)
{
    assert(cap >= 32);
    out[0] = '\0';
    if (c->empty)
        return out;
    switch (k) {
    case FMT_TEXT:
        return c->text ? c->text : out;
    case FMT_INT:
        snprintf(out, cap, "%lld", (long long)c->num);
        return out;
    case FMT_MONEY:
        group_digits(c->num, out, cap);
        return out;
    case FMT_DATE:
        if (date_is_valid(c->date.y, c->date.m, c->date.d))
            date_format_vn(c->date, out);
        return out;
    case FMT_SIGN:
    default:
        return out;
    }
}

enum fmt_align fmt_column_align(const struct fmt_column *col)
{
    if (col->align != FMT_ALIGN_AUTO)
        return col->align;
    switch (col->kind) {
    case FMT_INT:
    case FMT_MONEY:
        return FMT_RIGHT;
    case FMT_DATE:
        return FMT_CENTER;
    default:
        return FMT_LEFT;
    }
}
