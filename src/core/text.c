/* text.c: validation, NFC and search folding over utf8proc (see text.h).
 *
 * Both entry points decode to code points with utf8proc_decompose (which
 * also rejects invalid UTF-8), normalise with utf8proc_normalize_utf32, and
 * then re-encode one code point at a time, applying white space, control
 * and length rules on the way. Working buffers come from xmalloc, so
 * running out of memory aborts like everywhere else in ansinh; input size is
 * capped by the caller (request bodies, import rows).
 */
#include "core/text.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <utf8proc.h>

#include "util/xalloc.h"

/* Decode (s, len) and normalise it with utf8proc options opts into a new
 * array of code points (caller frees *out). Returns the number of code
 * points, or TEXT_EUTF8 on invalid UTF-8 (nothing allocated). */
static utf8proc_ssize_t decode_normalised(const char *s, size_t len,
                                          utf8proc_option_t opts,
                                          utf8proc_int32_t **out)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    utf8proc_int32_t *cps;
    utf8proc_ssize_t n, n2;

    *out = NULL;
    if (len > (size_t)(SIZE_MAX / sizeof *cps / 4) || len > (size_t)INT32_MAX)
        return TEXT_EUTF8;
    n = utf8proc_decompose(u, (utf8proc_ssize_t)len, NULL, 0, opts);
    if (n < 0)
        return TEXT_EUTF8;
    cps = xmalloc(((size_t)n + 1) * sizeof *cps);
    n2 = utf8proc_decompose(u, (utf8proc_ssize_t)len, cps, n, opts);
    if (n2 < 0 || n2 > n)
        goto fail_free;
    n = utf8proc_normalize_utf32(cps, n2, opts);
    if (n < 0)
        goto fail_free;
    *out = cps;
    return n;

fail_free:
    free(cps);
    return TEXT_EUTF8;
}

static int is_control(utf8proc_int32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
}

/* Horizontal white space: tab and every Unicode space separator (Zs), which
 * includes U+00A0 and the ideographic space that pasted text brings. */
static int is_hspace(utf8proc_int32_t c)
{
    return c == '\t' || utf8proc_category(c) == UTF8PROC_CATEGORY_ZS;
}

/* Output under construction: every encoded code point needs at most 4
 * bytes, so n code points fit in 4n + 1 bytes and no bound check is needed
 * per character. */
struct out {
    char *p;
    size_t len;
    size_t chars;
};

static void out_init(struct out *o, size_t ncp)
{
    o->p = xmalloc(ncp * 4 + 1);
    o->len = 0;
    o->chars = 0;
}

static void out_put(struct out *o, utf8proc_int32_t c)
{
    utf8proc_ssize_t n =
        utf8proc_encode_char(c, (utf8proc_uint8_t *)o->p + o->len);

    assert(n > 0);
    o->len += (size_t)n;
    o->chars++;
}

int text_clean(const char *s, size_t len, size_t max_chars, int flags,
               char **out, size_t *out_len)
{
    utf8proc_int32_t *cps = NULL;
    utf8proc_ssize_t n;
    utf8proc_ssize_t i;
    struct out o = {NULL, 0, 0};
    int trim = (flags & TEXT_TRIM) != 0;
    int newline_ok = (flags & TEXT_ALLOW_NEWLINE) != 0;
    size_t pend_space = 0, pend_nl = 0;
    int rc;

    assert(out != NULL);
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (s == NULL) {
        s = "";
        len = 0;
    }
    n = decode_normalised(s, len, UTF8PROC_STABLE | UTF8PROC_COMPOSE, &cps);
    if (n < 0)
        return (int)n;

    out_init(&o, (size_t)n);
    for (i = 0; i < n; i++) {
        utf8proc_int32_t c = cps[i];
        int nl = 0;

        if (c == '\r' && newline_ok) {
            /* \r\n and a lone \r (old Mac files) both become \n. */
            if (i + 1 < n && cps[i + 1] == '\n')
                i++;
            nl = 1;
        } else if (c == '\n' && newline_ok) {
            nl = 1;
        } else if (is_control(c) && !(c == '\t' && trim)) {
            rc = TEXT_ECONTROL;
            goto fail;
        }
        if (!trim) {
            out_put(&o, nl ? '\n' : c);
            continue;
        }
        /* Trimming: hold white space back until the next visible character,
         * so leading and trailing runs vanish and inner runs collapse to one
         * space, or to the newlines they contained. */
        if (nl) {
            pend_nl++;
            continue;
        }
        if (is_hspace(c)) {
            pend_space++;
            continue;
        }
        if (o.len > 0) {
            if (pend_nl) {
                for (; pend_nl > 0; pend_nl--)
                    out_put(&o, '\n');
            } else if (pend_space) {
                out_put(&o, ' ');
            }
        }
        pend_nl = 0;
        pend_space = 0;
        out_put(&o, c);
    }

    if (o.len == 0 && (flags & TEXT_REQUIRED)) {
        rc = TEXT_EEMPTY;
        goto fail;
    }
    if (max_chars != 0 && o.chars > max_chars) {
        rc = TEXT_ETOOLONG;
        goto fail;
    }
    o.p[o.len] = '\0';
    free(cps);
    *out = o.p;
    if (out_len)
        *out_len = o.len;
    return TEXT_OK;

fail:
    free(o.p);
    free(cps);
    return rc;
}

int text_fold(const char *s, size_t len, char **out, size_t *out_len)
{
    const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK;
    utf8proc_int32_t *cps = NULL;
    utf8proc_ssize_t n;
    utf8proc_ssize_t i;
    struct out o;
    int pend_space = 0;

    assert(out != NULL);
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (s == NULL) {
        s = "";
        len = 0;
    }
    n = decode_normalised(s, len, opts, &cps);
    if (n < 0)
        return (int)n;

    out_init(&o, (size_t)n);
    for (i = 0; i < n; i++) {
        utf8proc_int32_t c = cps[i];

        /* Controls and line breaks separate words in a search key. */
        if (is_hspace(c) || is_control(c) || c == 0x2028 || c == 0x2029) {
            pend_space = 1;
            continue;
        }
        /* CASEFOLD made Đ into đ, which has no decomposition and so
         * survives STRIPMARK (ENGINEERING.md §6). The Icelandic eth Ð/ð
         * (U+00D0/U+00F0) looks the same and turns up in text converted
         * from old Vietnamese encodings, so it folds to d as well. */
        if (c == 0x0111 || c == 0x00F0)
            c = 'd';
        if (pend_space && o.len > 0)
            out_put(&o, ' ');
        pend_space = 0;
        out_put(&o, c);
    }
    o.p[o.len] = '\0';
    free(cps);
    *out = o.p;
    if (out_len)
        *out_len = o.len;
    return TEXT_OK;
}

size_t text_char_count(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

int text_valid_utf8(const char *s, size_t len)
{
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    size_t i = 0;

    while (i < len) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n;

        if (u[i] < 0x80) {
            i++;
            continue;
        }
        n = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0 || c < 0)
            return 0;
        i += (size_t)n;
    }
    return 1;
}

const char *text_strerror(int rc)
{
    switch (rc) {
    case TEXT_OK:
        return "Hợp lệ";
    case TEXT_EUTF8:
        return "Văn bản không phải UTF-8 hợp lệ";
    case TEXT_ECONTROL:
        return "Văn bản chứa ký tự điều khiển không được phép";
    case TEXT_ETOOLONG:
        return "Văn bản dài quá số ký tự cho phép";
    case TEXT_EEMPTY:
        return "Không được để trống";
    default:
        return "Lỗi văn bản không xác định";
    }
}
