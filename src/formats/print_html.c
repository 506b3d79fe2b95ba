/* print_html.c: the report's print page (see print_html.h). */
#include "formats/print_html.h"

#include <assert.h>
#include <string.h>

#include "formats/tmpl.h"
#include "util/embed.h"

/* Append a string (NULL: nothing) to a jansson array; -1 if not UTF-8. */
static int add_str(json_t *arr, const char *s)
{
    json_t *v;

    if (s == NULL)
        return 0;
    v = json_string(s);
    if (v == NULL)
        return -1;
    json_array_append_new(arr, v);
    return 0;
}

/* Set obj[key] to the string s (NULL: json null); -1 if not UTF-8. */
static int set_str(json_t *obj, const char *key, const char *s)
{
    json_t *v = s ? json_string(s) : json_null();

    if (v == NULL)
        return -1;
    json_object_set_new(obj, key, v);
    return 0;
}

static const char *align_class(const struct fmt_column *c)
{
    if (c->kind == FMT_SIGN)
        return "sign";
    switch (fmt_column_align(c)) {
    case FMT_RIGHT:
        return "r";
    case FMT_CENTER:
        return "c";
    default:
        return "l";
    }
}

/* The cells of row r from column first on. */
static json_t *row_cells(const struct fmt_table *t, size_t r, size_t first)
{
    json_t *cells = json_array();
    char tmp[32];
    size_t c;
    int bad = 0;

    for (c = first; c < t->ncols && !bad; c++) {
        json_t *cell = json_object();

        bad = set_str(cell, "text",
                      fmt_cell_display(fmt_cell_at(t, r, c), t->cols[c].kind,
                                       tmp, sizeof tmp)) != 0;
        json_object_set_new(cell, "class",
                            json_string(align_class(&t->cols[c])));
        json_array_append_new(cells, cell);
    }
    if (bad) {
        json_decref(cells);
        return NULL;
    }
    return cells;
}

json_t *print_report_model(const struct fmt_report *rep, int landscape)
{
    const struct fmt_table *t = &rep->table;
    const struct fmt_header *h = &rep->header;
    json_t *m = json_object(), *a, *o, *cells;
    size_t i, last = 0, span;
    char tmp[32];
    int bad = 0;

    json_object_set_new(m, "landscape", json_boolean(landscape));
    json_object_set_new(m, "motto", json_boolean(!h->no_motto));
    bad |= set_str(m, "title", h->title);
    bad |= set_str(m, "place_date", h->place_date);
    a = json_array();
    for (i = 0; i < FMT_MAX_LINES; i++)
        if (h->unit[i])
            last = i + 1;
    for (i = 0; i < last; i++) {
        o = json_object();
        bad |= set_str(o, "text", h->unit[i] ? h->unit[i] : "");
        json_object_set_new(o, "last", json_boolean(i + 1 == last));
        json_array_append_new(a, o);
    }
    json_object_set_new(m, "unit", a);
    a = json_array();
    for (i = 0; i < FMT_MAX_LINES; i++)
        bad |= add_str(a, h->subtitle[i]);
    json_object_set_new(m, "subtitles", a);

    a = json_array();
    for (i = 0; i < t->ncols; i++) {
        o = json_object();
        bad |= set_str(o, "header", t->cols[i].header ? t->cols[i].header : "");
        json_object_set_new(o, "sign",
                            json_boolean(t->cols[i].kind == FMT_SIGN));
        json_array_append_new(a, o);
    }
    json_object_set_new(m, "columns", a);
    a = json_array();
    for (i = 0; i < t->nrows && !bad; i++) {
        cells = row_cells(t, i, 0);
        if (cells == NULL) {
            bad = 1;
            break;
        }
        o = json_object();
        json_object_set_new(o, "cells", cells);
        json_array_append_new(a, o);
    }
    json_object_set_new(m, "rows", a);
    if (t->totals && !bad) {
        span = t->totals_span > 1 ? t->totals_span : 1;
        o = json_object();
        bad |=
            set_str(o, "label",
                    span > 1 ? (t->totals[0].text ? t->totals[0].text : "")
                             : fmt_cell_display(&t->totals[0], t->cols[0].kind,
                                                tmp, sizeof tmp));
        json_object_set_new(o, "span", json_integer((json_int_t)span));
        cells = row_cells(t, t->nrows, span);
        if (cells == NULL)
            bad = 1;
        else
            json_object_set_new(o, "cells", cells);
        json_object_set_new(m, "totals", o);
    }
    a = json_array();
    for (i = 0; i < FMT_MAX_TEXTS; i++)
        bad |= add_str(a, rep->after[i]);
    json_object_set_new(m, "after", a);
    a = json_array();
    for (i = 0; i < rep->nsigns && i < FMT_MAX_SIGNS; i++) {
        const struct fmt_signature *s = &rep->signs[i];

        o = json_object();
        bad |= set_str(o, "date_line", s->date_line);
        bad |= set_str(o, "title", s->title);
        bad |= set_str(o, "note", s->note);
        bad |= set_str(o, "name", s->name);
        json_array_append_new(a, o);
    }
    json_object_set_new(m, "has_signs", json_boolean(json_array_size(a) > 0));
    json_object_set_new(m, "signs", a);
    if (bad) {
        json_decref(m);
        return NULL;
    }
    return m;
}

int print_report_html(const struct fmt_report *rep, int landscape,
                      struct buf *out, struct fmt_error *err)
{
    const struct embed_file *f = embed_find(PRINT_LIST_TEMPLATE);
    json_t *model;
    int rc;

    assert(rep != NULL && out != NULL);
    rc = fmt_table_check(&rep->table, err);
    if (rc != FMT_OK)
        return rc;
    if (f == NULL)
        return fmt_fail(err, FMT_ETMPL, "Thiếu mẫu in %s", PRINT_LIST_TEMPLATE);
    model = print_report_model(rep, landscape);
    if (model == NULL)
        return fmt_fail(err, FMT_EINVAL, "Trang in: văn bản không phải UTF-8");
    rc = tmpl_render_text(f->data, f->len, model, out, err);
    json_decref(model);
    return rc;
}
