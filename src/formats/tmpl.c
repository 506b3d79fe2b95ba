/* tmpl.c: the mustache subset (see tmpl.h).
 *
 * A template compiles to a flat array of nodes; a section node records the
 * index just past its closing tag, so rendering walks ranges recursively
 * with a stack of contexts no deeper than TMPL_MAX_DEPTH + 1.
 */
#include "formats/tmpl.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED };

struct node {
    enum node_kind kind;
    size_t off, len; /* text, or the name */
    size_t end;      /* sections: the node after the closing tag */
    size_t line;
};

struct tmpl {
    char *src;
    struct node *nodes;
    size_t n;
};

/* The line of offset off, counting on from (*at, *line): tags are met in
 * order, so the whole parse counts each newline once. */
static size_t line_at(const char *src, size_t off, size_t *at, size_t *line)
{
    for (; *at < off; (*at)++)
        *line += src[*at] == '\n';
    return *line;
}

/* The first (pat, plen) in s[from, len), or NULL. */
static const char *find(const char *s, size_t from, size_t len, const char *pat,
                        size_t plen)
{
    size_t i;

    for (i = from; i + plen <= len; i++)
        if (s[i] == pat[0] && memcmp(s + i, pat, plen) == 0)
            return s + i;
    return NULL;
}

static int valid_name(const char *s, size_t len)
{
    size_t i;

    if (len == 0)
        return 0;
    if (len == 1 && s[0] == '.')
        return 1;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '-' ||
              (c == '.' && i > 0 && i + 1 < len && s[i - 1] != '.')))
            return 0;
    }
    return 1;
}

static void push(struct tmpl *t, size_t *alloc, enum node_kind k, size_t off,
                 size_t len, size_t line)
{
    if (t->n == *alloc) {
        *alloc = *alloc ? *alloc * 2 : 32;
        t->nodes = xreallocarray(t->nodes, *alloc, sizeof *t->nodes);
    }
    t->nodes[t->n] = (struct node){k, off, len, 0, line};
    t->n++;
}

int tmpl_parse(const char *src, size_t len, struct tmpl **out,
               struct fmt_error *err)
{
    size_t open[TMPL_MAX_DEPTH];
    size_t depth = 0, pos = 0, alloc = 0, at = 0, cur_line = 1;
    struct tmpl *t;
    int rc = FMT_OK;

    assert(out != NULL);
    *out = NULL;
    if (len > TMPL_MAX_SIZE)
        return fmt_fail(err, FMT_ETOOBIG, "Mẫu in quá lớn (hơn %u byte)",
                        TMPL_MAX_SIZE);
    t = xcalloc(1, sizeof *t);
    t->src = xmalloc(len + 1);
    if (len)
        memcpy(t->src, src, len);
    t->src[len] = '\0';
    src = t->src;
    while (pos < len) {
        const char *tag = find(src, pos, len, "{{", 2);
        size_t start, tag_end, inner, inner_len, line;
        int triple;
        char sigil = 0;

        if (tag == NULL) {
            push(t, &alloc, N_TEXT, pos, len - pos, 0);
            break;
        }
        start = (size_t)(tag - src);
        if (start > pos)
            push(t, &alloc, N_TEXT, pos, start - pos, 0);
        line = line_at(src, start, &at, &cur_line);
        triple = start + 2 < len && src[start + 2] == '{';
        inner = start + (triple ? 3 : 2);
        tag = find(src, inner, len, triple ? "}}}" : "}}", triple ? 3 : 2);
        if (tag == NULL) {
            rc = fmt_fail(err, FMT_ETMPL, "Mẫu in, dòng %zu: thẻ {{ không đóng",
                          line);
            goto fail;
        }
        tag_end = (size_t)(tag - src) + (triple ? 3 : 2);
        inner_len = (size_t)(tag - src) - inner;
        if (!triple && inner_len > 0 && strchr("#^/!&>=", src[inner])) {
            sigil = src[inner];
            inner++;
            inner_len--;
        }
        /* trim spaces around the name */
        while (inner_len > 0 && src[inner] == ' ') {
            inner++;
            inner_len--;
        }
        while (inner_len > 0 && src[inner + inner_len - 1] == ' ')
            inner_len--;
        pos = tag_end;
        if (sigil == '!')
            continue;
        if (sigil == '>' || sigil == '=') {
            rc = fmt_fail(err, FMT_ETMPL,
                          "Mẫu in, dòng %zu: không hỗ trợ thẻ {{%c", line,
                          sigil);
            goto fail;
        }
        if (!valid_name(src + inner, inner_len)) {
            rc = fmt_fail(err, FMT_ETMPL,
                          "Mẫu in, dòng %zu: tên không hợp lệ \"%.*s\"", line,
                          (int)(inner_len > 40 ? 40 : inner_len), src + inner);
            goto fail;
        }
        if (sigil == '#' || sigil == '^') {
            if (depth == TMPL_MAX_DEPTH) {
                rc = fmt_fail(err, FMT_ETMPL,
                              "Mẫu in, dòng %zu: lồng quá %d mục", line,
                              TMPL_MAX_DEPTH);
                goto fail;
            }
            open[depth++] = t->n;
            push(t, &alloc, sigil == '#' ? N_SECTION : N_INVERTED, inner,
                 inner_len, line);
        } else if (sigil == '/') {
            const struct node *o;

            if (depth == 0) {
                rc = fmt_fail(err, FMT_ETMPL,
                              "Mẫu in, dòng %zu: {{/%.*s}} không có mục mở",
                              line, (int)(inner_len > 40 ? 40 : inner_len),
                              src + inner);
                goto fail;
            }
            o = &t->nodes[open[depth - 1]];
            if (o->len != inner_len ||
                memcmp(src + o->off, src + inner, inner_len) != 0) {
                rc = fmt_fail(err, FMT_ETMPL,
                              "Mẫu in, dòng %zu: {{/%.*s}} không khớp với "
                              "{{%c%.*s}} (dòng %zu)",
                              line, (int)(inner_len > 40 ? 40 : inner_len),
                              src + inner, o->kind == N_SECTION ? '#' : '^',
                              (int)(o->len > 40 ? 40 : o->len), src + o->off,
                              o->line);
                goto fail;
            }
            depth--;
            t->nodes[open[depth]].end = t->n;
        } else {
            push(t, &alloc, triple || sigil == '&' ? N_RAW : N_VAR, inner,
                 inner_len, line);
        }
    }
    if (depth > 0) {
        const struct node *o = &t->nodes[open[depth - 1]];
        rc = fmt_fail(err, FMT_ETMPL,
                      "Mẫu in, dòng %zu: {{%c%.*s}} không được đóng", o->line,
                      o->kind == N_SECTION ? '#' : '^',
                      (int)(o->len > 40 ? 40 : o->len), src + o->off);
        goto fail;
    }
    *out = t;
    return FMT_OK;

fail:
    tmpl_free(t);
    return rc;
}

void tmpl_free(struct tmpl *t)
{
    if (t == NULL)
        return;
    free(t->src);
    free(t->nodes);
    free(t);
}

/* ---- rendering --------------------------------------------------------- */

struct render {
    const struct tmpl *t;
    const json_t *stack[TMPL_MAX_DEPTH + 1];
    size_t depth;
    struct buf *out;
    size_t steps;
    int rc;
};

/* Look a dotted name up through the context stack. */
static const json_t *lookup(const struct render *r, const char *name,
                            size_t len)
{
    const json_t *v = NULL;
    size_t seg = 0, i;
    char key[256];

    if (len == 1 && name[0] == '.')
        return r->stack[r->depth - 1];
    while (seg < len && name[seg] != '.')
        seg++;
    if (seg >= sizeof key)
        return NULL;
    memcpy(key, name, seg);
    key[seg] = '\0';
    for (i = r->depth; i-- > 0 && v == NULL;)
        if (json_is_object(r->stack[i]))
            v = json_object_get(r->stack[i], key);
    while (v != NULL && seg < len) {
        size_t start = seg + 1, n;

        seg = start;
        while (seg < len && name[seg] != '.')
            seg++;
        n = seg - start;
        if (n >= sizeof key || !json_is_object(v))
            return NULL;
        memcpy(key, name + start, n);
        key[n] = '\0';
        v = json_object_get(v, key);
    }
    return v;
}

static int truthy(const json_t *v)
{
    if (v == NULL)
        return 0;
    switch (json_typeof(v)) {
    case JSON_NULL:
    case JSON_FALSE:
        return 0;
    case JSON_STRING:
        return json_string_length(v) > 0;
    case JSON_INTEGER:
        return json_integer_value(v) != 0;
    case JSON_REAL:
        return json_real_value(v) != 0;
    case JSON_ARRAY:
        return json_array_size(v) > 0;
    default:
        return 1;
    }
}

static int put_escaped(struct buf *b, const char *s, size_t len)
{
    size_t i, start = 0;
    int rc = BUF_OK;

    for (i = 0; i < len && rc == BUF_OK; i++) {
        const char *rep = NULL;

        switch (s[i]) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        case '/':
            rep = "&#x2F;";
            break;
        case '`':
            rep = "&#x60;";
            break;
        case '=':
            rep = "&#x3D;";
            break;
        default:
            continue;
        }
        rc = buf_append(b, s + start, i - start);
        if (rc == BUF_OK)
            rc = buf_puts(b, rep);
        start = i + 1;
    }
    if (rc == BUF_OK)
        rc = buf_append(b, s + start, len - start);
    return rc;
}

static int put_value(struct buf *b, const json_t *v, int raw)
{
    char num[64];
    const char *s = NULL;
    size_t len = 0;

    if (v == NULL)
        return BUF_OK;
    switch (json_typeof(v)) {
    case JSON_STRING:
        s = json_string_value(v);
        len = json_string_length(v);
        break;
    case JSON_INTEGER:
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
                 json_integer_value(v));
        s = num;
        break;
    case JSON_REAL:
        snprintf(num, sizeof num, "%.15g", json_real_value(v));
        s = num;
        break;
    case JSON_TRUE:
        s = "true";
        break;
    case JSON_FALSE:
        s = "false";
        break;
    default:
        return BUF_OK;
    }
    if (len == 0)
        len = strlen(s);
    return raw ? buf_append(b, s, len) : put_escaped(b, s, len);
}

static void render_range(struct render *r, size_t from, size_t to);

/* Render a section body with v pushed as the context. */
static void with_context(struct render *r, const json_t *v, size_t from,
                         size_t to)
{
    assert(r->depth <= TMPL_MAX_DEPTH);
    if (++r->steps > TMPL_MAX_STEPS) {
        r->rc = FMT_ETOOBIG;
        return;
    }
    r->stack[r->depth++] = v;
    render_range(r, from, to);
    r->depth--;
}

static void render_range(struct render *r, size_t from, size_t to)
{
    const struct tmpl *t = r->t;
    size_t i = from, k;

    while (i < to && r->rc == FMT_OK) {
        const struct node *n = &t->nodes[i];
        const json_t *v;

        if (++r->steps > TMPL_MAX_STEPS) {
            r->rc = FMT_ETOOBIG;
            return;
        }
        switch (n->kind) {
        case N_TEXT:
            if (buf_append(r->out, t->src + n->off, n->len) != BUF_OK)
                r->rc = FMT_ETOOBIG;
            i++;
            break;
        case N_VAR:
        case N_RAW:
            v = lookup(r, t->src + n->off, n->len);
            if (put_value(r->out, v, n->kind == N_RAW) != BUF_OK)
                r->rc = FMT_ETOOBIG;
            i++;
            break;
        case N_SECTION:
            v = lookup(r, t->src + n->off, n->len);
            if (json_is_array(v)) {
                for (k = 0; k < json_array_size(v) && r->rc == FMT_OK; k++)
                    with_context(r, json_array_get(v, k), i + 1, n->end);
            } else if (truthy(v)) {
                with_context(r, v, i + 1, n->end);
            }
            i = n->end;
            break;
        case N_INVERTED:
            v = lookup(r, t->src + n->off, n->len);
            if (!truthy(v))
                render_range(r, i + 1, n->end);
            i = n->end;
            break;
        }
    }
}

int tmpl_render(const struct tmpl *t, const json_t *data, struct buf *out,
                struct fmt_error *err)
{
    struct render r;

    assert(t != NULL && out != NULL);
    memset(&r, 0, sizeof r);
    r.t = t;
    r.out = out;
    r.stack[0] = data;
    r.depth = 1;
    render_range(&r, 0, t->n);
    if (r.rc != FMT_OK && r.steps > TMPL_MAX_STEPS)
        return fmt_fail(err, r.rc, "Mẫu in: quá nhiều bước khi dựng trang");
    if (r.rc != FMT_OK)
        return fmt_fail(err, r.rc, "Trang in vượt quá giới hạn %zu byte",
                        out->cap);
    return FMT_OK;
}

int tmpl_render_text(const char *src, size_t len, const json_t *data,
                     struct buf *out, struct fmt_error *err)
{
    struct tmpl *t;
    int rc = tmpl_parse(src, len, &t, err);

    if (rc != FMT_OK)
        return rc;
    rc = tmpl_render(t, data, out, err);
    tmpl_free(t);
    return rc;
}
