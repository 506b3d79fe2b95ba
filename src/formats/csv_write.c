/* csv_write.c: RFC 4180 CSV writer (see csv_write.h). */
#include "formats/csv_write.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

int csv_needs_protection(const char *s, size_t len)
{
    if (len == 0)
        return 0;
    return s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
           s[0] == '\t' || s[0] == '\r';
}

size_t csv_unprotect(const char *s, size_t len)
{
    if (len >= 2 && s[0] == '\'' && csv_needs_protection(s + 1, len - 1))
        return 1;
    return 0;
}

int csv_write_field(struct buf *out, const char *s, size_t len, char delim,
                    int protect)
{
    int quote = 0, rc;
    size_t i, start;

    protect = protect && csv_needs_protection(s, len);
    for (i = 0; i < len && !quote; i++)
        quote = s[i] == '"' || s[i] == delim || s[i] == '\r' || s[i] == '\n' ||
                s[i] == ',' || s[i] == ';';
    quote = quote || protect;
    if (!quote)
        return buf_append(out, s, len);
    rc = buf_putc(out, '"');
    if (rc == BUF_OK && protect)
        rc = buf_putc(out, '\'');
    /* copy runs between quotes, doubling each quote */
    for (start = 0, i = 0; rc == BUF_OK && i <= len; i++) {
        if (i < len && s[i] != '"')
            continue;
        rc = buf_append(out, s + start, i - start);
        if (rc == BUF_OK && i < len)
            rc = buf_puts(out, "\"\"");
        start = i + 1;
    }
    if (rc == BUF_OK)
        rc = buf_putc(out, '"');
    return rc;
}

/* Append one cell of kind k. */
static int put_cell(struct buf *out, const struct fmt_cell *c, enum fmt_kind k,
                    const struct csv_write_opts *o, char delim)
{
    char tmp[32];
    const char *s;

    if (c->empty || k == FMT_SIGN)
        return BUF_OK;
    switch (k) {
    case FMT_TEXT:
        s = c->text ? c->text : "";
        return csv_write_field(out, s, strlen(s), delim, 1);
    case FMT_MONEY:
        if (o->group_money)
            break;
        return buf_printf(out, "%lld", (long long)c->num);
    case FMT_INT:
        return buf_printf(out, "%lld", (long long)c->num);
    case FMT_DATE:
        if (o->iso_dates) {
            date_format_iso(c->date, tmp);
            return buf_puts(out, tmp);
        }
        break;
    default:
        return BUF_OK;
    }
    s = fmt_cell_display(c, k, tmp, sizeof tmp);
    return csv_write_field(out, s, strlen(s), delim, 0);
}

int csv_write_table(const struct fmt_table *t, const struct csv_write_opts *opt,
                    struct buf *out, struct fmt_error *err)
{
    static const struct csv_write_opts defaults;
    const struct csv_write_opts *o = opt ? opt : &defaults;
    char delim = o->delim ? o->delim : ',';
    size_t r, c, last;
    int rc;

    assert(out != NULL);
    if (delim != ',' && delim != ';')
        return fmt_fail(err, FMT_EINVAL, "Dấu phân cách CSV không hợp lệ");
    rc = fmt_table_check(t, err);
    if (rc != FMT_OK)
        return rc;
    rc = o->no_bom ? BUF_OK : buf_puts(out, "\xEF\xBB\xBF");
    for (c = 0; rc == BUF_OK && !o->no_header && c < t->ncols; c++) {
        const char *h = t->cols[c].header ? t->cols[c].header : "";

        if (c > 0)
            rc = buf_putc(out, delim);
        if (rc == BUF_OK)
            rc = csv_write_field(out, h, strlen(h), delim, 1);
    }
    if (rc == BUF_OK && !o->no_header)
        rc = buf_puts(out, "\r\n");
    last = o->with_totals && t->totals ? t->nrows + 1 : t->nrows;
    for (r = 0; rc == BUF_OK && r < last; r++) {
        for (c = 0; rc == BUF_OK && c < t->ncols; c++) {
            if (c > 0)
                rc = buf_putc(out, delim);
            if (rc == BUF_OK)
                rc = put_cell(out, fmt_cell_at(t, r, c), t->cols[c].kind, o,
                              delim);
        }
        if (rc == BUF_OK)
            rc = buf_puts(out, "\r\n");
    }
    if (rc != BUF_OK)
        return fmt_fail(err, FMT_ETOOBIG, "Tệp CSV vượt quá giới hạn %zu byte",
                        out->cap);
    return FMT_OK;
}
