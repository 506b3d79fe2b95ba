/* csv.c: RFC 4180 CSV reader (see csv.h).
 *
 * Fields point into the input whenever they can (unquoted fields, quoted
 * fields without doubled quotes). Only a field with "" needs a copy; those
 * go to a scratch area allocated once with the input's size, which is
 * enough for any row because unquoting only shrinks text. So memory is
 * bounded by the input and the caps, and pointers stay valid for the row.
 */
#include "util/csv.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

struct csv_reader {
    const char *data;
    size_t len;
    size_t pos;
    size_t line;     /* physical line of pos, 1-based */
    size_t row_line; /* line where the last row started */
    size_t rows;
    struct csv_options opt;
    struct csv_field *fields; /* opt.max_fields entries */
    char *scratch;            /* lazily allocated, len bytes */
    size_t scratch_used;
    int err;
    size_t err_line;
    size_t err_col;
    char errmsg[160];
};

const char *csv_strerror(int rc)
{
    switch (rc) {
    case CSV_OK:
    case CSV_ROW:
    case CSV_DONE:
        return "không có lỗi";
    case CSV_EQUOTE:
        return "dấu ngoặc kép không đóng";
    case CSV_EQUOTECHAR:
        return "dấu ngoặc kép đặt sai chỗ";
    case CSV_ETOOMANYFIELDS:
        return "quá nhiều cột";
    case CSV_ETOOLONG:
        return "giá trị quá dài";
    case CSV_ETOOMANYROWS:
        return "quá nhiều dòng";
    case CSV_ENUL:
        return "có ký tự NUL";
    case CSV_EINVAL:
        return "tùy chọn không hợp lệ";
    default:
        return "lỗi không rõ";
    }
}

/* Record an error at (line, col) with an optional detail; returns rc. */
static int fail(struct csv_reader *r, int rc, size_t line, size_t col,
                const char *detail)
{
    r->err = rc;
    r->err_line = line;
    r->err_col = col;
    if (col > 0)
        snprintf(r->errmsg, sizeof(r->errmsg), "Dòng %zu, cột %zu: %s", line,
                 col, detail ? detail : csv_strerror(rc));
    else
        snprintf(r->errmsg, sizeof(r->errmsg), "Dòng %zu: %s", line,
                 detail ? detail : csv_strerror(rc));
    return rc;
}

/* The separator of the first line: ';' if it has more semicolons than
 * commas outside quotes, else ','. */
static char detect_delim(const char *p, size_t len)
{
    size_t commas = 0, semis = 0, i;
    int quoted = 0;

    for (i = 0; i < len; i++) {
        char c = p[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semis++;
    }
    return semis > commas ? ';' : ',';
}

int csv_reader_new(const char *data, size_t len, const struct csv_options *opt,
                   struct csv_reader **out)
{
    struct csv_reader *r;

    assert(out != NULL);
    assert(data != NULL || len == 0);
    *out = NULL;
    if (opt && opt->delim != 0 && opt->delim != ',' && opt->delim != ';')
        return CSV_EINVAL;
    r = xcalloc(1, sizeof(*r));
    if (opt)
        r->opt = *opt;
    if (r->opt.max_fields == 0)
        r->opt.max_fields = CSV_DEFAULT_MAX_FIELDS;
    if (r->opt.max_field_len == 0)
        r->opt.max_field_len = CSV_DEFAULT_MAX_FIELD_LEN;
    if (r->opt.max_rows == 0)
        r->opt.max_rows = CSV_DEFAULT_MAX_ROWS;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    r->data = data;
    r->len = len;
    r->line = 1;
    if (r->opt.delim == 0)
        r->opt.delim = detect_delim(data, len);
    /* A row can never hold more fields than the input has bytes + 1. */
    if (r->opt.max_fields > len + 1)
        r->opt.max_fields = len + 1;
    r->fields = xcalloc(r->opt.max_fields, sizeof(*r->fields));
    r->errmsg[0] = '\0';
    *out = r;
    return CSV_OK;
}

void csv_reader_free(struct csv_reader *r)
{
    if (r == NULL)
        return;
    free(r->fields);
    free(r->scratch);
    free(r);
}

/* Consume one line end at pos (CRLF, LF or a lone CR) if there is one. */
static void eat_eol(struct csv_reader *r)
{
    if (r->pos < r->len && r->data[r->pos] == '\r') {
        r->pos++;
        if (r->pos < r->len && r->data[r->pos] == '\n')
            r->pos++;
        r->line++;
    } else if (r->pos < r->len && r->data[r->pos] == '\n') {
        r->pos++;
        r->line++;
    }
}

static int is_eol(char c)
{
    return c == '\n' || c == '\r';
}

/* Read a quoted field starting at the opening quote; on success f is set
 * and pos is just past the closing quote. */
static int read_quoted(struct csv_reader *r, size_t col, struct csv_field *f)
{
    const char *d = r->data;
    size_t start, end, i, n, field_line = r->line;
    int doubled = 0;
    char *dst;

    r->pos++; /* the opening quote */
    start = r->pos;
    while (r->pos < r->len) {
        char c = d[r->pos];
        if (c == '"') {
            if (r->pos + 1 < r->len && d[r->pos + 1] == '"') {
                doubled = 1;
                r->pos += 2;
                continue;
            }
            break;
        }
        if (c == '\0')
            return fail(r, CSV_ENUL, r->line, col, NULL);
        if (c == '\n' ||
            (c == '\r' && !(r->pos + 1 < r->len && d[r->pos + 1] == '\n')))
            r->line++;
        r->pos++;
    }
    if (r->pos >= r->len)
        return fail(r, CSV_EQUOTE, field_line, col, NULL);
    end = r->pos;
    r->pos++; /* the closing quote */
    if (!doubled) {
        f->ptr = d + start;
        f->len = end - start;
    } else {
        if (r->scratch == NULL)
            r->scratch = xmalloc(r->len);
        dst = r->scratch + r->scratch_used;
        n = 0;
        for (i = start; i < end; i++) {
            dst[n++] = d[i];
            if (d[i] == '"')
                i++; /* skip the second quote of the pair */
        }
        f->ptr = dst;
        f->len = n;
        r->scratch_used += n;
    }
    if (f->len > r->opt.max_field_len) {
        char msg[80];
        snprintf(msg, sizeof(msg), "giá trị dài quá %zu byte",
                 r->opt.max_field_len);
        return fail(r, CSV_ETOOLONG, field_line, col, msg);
    }
    if (r->pos < r->len && d[r->pos] != r->opt.delim && !is_eol(d[r->pos]))
        return fail(r, CSV_EQUOTECHAR, r->line, col,
                    "có ký tự sau dấu ngoặc kép đóng");
    return CSV_OK;
}

/* Read an unquoted field: up to the separator, a line end or the end. */
static int read_plain(struct csv_reader *r, size_t col, struct csv_field *f)
{
    const char *d = r->data;
    size_t start = r->pos;

    while (r->pos < r->len) {
        char c = d[r->pos];
        if (c == r->opt.delim || is_eol(c))
            break;
        if (c == '"')
            return fail(r, CSV_EQUOTECHAR, r->line, col,
                        "dấu ngoặc kép trong giá trị không đặt trong "
                        "ngoặc kép");
        if (c == '\0')
            return fail(r, CSV_ENUL, r->line, col, NULL);
        r->pos++;
    }
    f->ptr = d + start;
    f->len = r->pos - start;
    if (f->len > r->opt.max_field_len) {
        char msg[80];
        snprintf(msg, sizeof(msg), "giá trị dài quá %zu byte",
                 r->opt.max_field_len);
        return fail(r, CSV_ETOOLONG, r->line, col, msg);
    }
    return CSV_OK;
}

int csv_next(struct csv_reader *r, const struct csv_field **fields,
             size_t *nfields)
{
    size_t nf = 0;
    int rc;

    assert(r != NULL && fields != NULL && nfields != NULL);
    *fields = NULL;
    *nfields = 0;
    if (r->err != 0)
        return r->err;
    while (r->pos < r->len && is_eol(r->data[r->pos]))
        eat_eol(r); /* empty lines */
    if (r->pos >= r->len)
        return CSV_DONE;
    if (r->rows >= r->opt.max_rows) {
        char msg[80];
        snprintf(msg, sizeof(msg), "quá nhiều dòng (tối đa %zu)",
                 r->opt.max_rows);
        return fail(r, CSV_ETOOMANYROWS, r->line, 0, msg);
    }
    r->row_line = r->line;
    r->scratch_used = 0;
    for (;;) {
        struct csv_field *f;
        if (nf == r->opt.max_fields) {
            char msg[80];
            snprintf(msg, sizeof(msg), "quá nhiều cột (tối đa %zu)",
                     r->opt.max_fields);
            return fail(r, CSV_ETOOMANYFIELDS, r->line, nf + 1, msg);
        }
        f = &r->fields[nf];
        if (r->pos < r->len && r->data[r->pos] == '"')
            rc = read_quoted(r, nf + 1, f);
        else
            rc = read_plain(r, nf + 1, f);
        if (rc != CSV_OK)
            return rc;
        nf++;
        if (r->pos < r->len && r->data[r->pos] == r->opt.delim) {
            r->pos++;
            continue;
        }
        eat_eol(r);
        break;
    }
    r->rows++;
    *fields = r->fields;
    *nfields = nf;
    return CSV_ROW;
}

char csv_delimiter(const struct csv_reader *r)
{
    return r->opt.delim;
}

size_t csv_line(const struct csv_reader *r)
{
    return r->err != 0 ? r->err_line : r->row_line;
}

size_t csv_column(const struct csv_reader *r)
{
    return r->err != 0 ? r->err_col : 0;
}

size_t csv_rows(const struct csv_reader *r)
{
    return r->rows;
}

const char *csv_errmsg(const struct csv_reader *r)
{
    return r->errmsg;
}

int csv_field_eq(const struct csv_field *f, const char *s)
{
    size_t n = strlen(s);
    return f->len == n && (n == 0 || memcmp(f->ptr, s, n) == 0);
}
