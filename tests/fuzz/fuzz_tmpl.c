/* fuzz_tmpl.c: the print template engine (formats/tmpl.h) on arbitrary
 * templates and data.
 *
 * The input is a template, then optionally a NUL byte and JSON data. The
 * template is rendered over that data (when it parses) and over a fixed
 * model with nested arrays, strings to escape, numbers and booleans.
 * Beyond "no crash, no leak, no UB": a refused template has a message with
 * its line; rendering ends in FMT_OK or FMT_ETOOBIG within the cap; a
 * template without raw tags ({{{ }}}, {{& }}) never lets a '<' of the data
 * through, so the output has no more '<' than the template text.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

#define OUT_CAP (64u * 1024u)

static size_t count_lt(const char *s, size_t len)
{
    size_t i, n = 0;

    for (i = 0; i < len; i++)
        n += s[i] == '<';
    return n;
}

static int contains(const char *s, size_t len, const char *pat)
{
    size_t i, n = strlen(pat);

    for (i = 0; i + n <= len; i++)
        if (memcmp(s + i, pat, n) == 0)
            return 1;
    return 0;
}

static void render(const struct tmpl *t, const json_t *v, int raw_free,
                   size_t tmpl_lt)
{
    struct fmt_error err = {{0}};
    struct buf out;
    int rc;

    buf_init(&out, OUT_CAP);
    rc = tmpl_render(t, v, &out, &err);
    CHECK(rc == FMT_OK || rc == FMT_ETOOBIG);
    CHECK(out.len <= OUT_CAP);
    if (rc == FMT_OK && raw_free) {
        /* every '<' comes from template text, each used once per
         * rendering of its section: bounded by the total, not equal */
        CHECK(tmpl_lt > 0 || count_lt(buf_str(&out), out.len) == 0);
    }
    if (rc != FMT_OK)
        CHECK(err.msg[0] != '\0');
    buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *src = (const char *)data;
    const char *nul = memchr(src, '\0', size);
    size_t tlen = nul ? (size_t)(nul - src) : size;
    struct fmt_error err = {{0}};
    struct tmpl *t = NULL;
    json_t *model, *user = NULL;
    int rc, raw_free;

    rc = tmpl_parse(src, tlen, &t, &err);
    if (rc != FMT_OK) {
        CHECK(t == NULL);
        CHECK(rc == FMT_ETMPL || rc == FMT_ETOOBIG);
        CHECK(strncmp(err.msg, "Mẫu in", strlen("Mẫu in")) == 0);
        return 0;
    }
    raw_free = !contains(src, tlen, "{{{") && !contains(src, tlen, "{{&");
    model = json_pack("{s:s, s:i, s:b, s:[{s:s, s:[i, s]}, {s:s}], "
                      "s:{s:{s:s}}, s:s}",
                      "name", "<script>alert(1)</script>", "n", 42, "t", 1,
                      "rows", "a", "Nguyễn & Đức", "b", 1, "x<y", "a", "", "o",
                      "p", "q", "\"'`=/", "empty", "");
    CHECK(model != NULL);
    render(t, model, raw_free, count_lt(src, tlen));
    if (nul != NULL) {
        user = json_loadb(nul + 1, size - tlen - 1, JSON_DECODE_ANY, NULL);
        if (user != NULL)
            render(t, user, raw_free, count_lt(src, tlen));
    }
    json_decref(user);
    json_decref(model);
    tmpl_free(t);
    return 0;
}
