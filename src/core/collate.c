/* collate.c: Vietnamese ordering over ICU's "vi" collator (see collate.h). */
#include "core/collate.h"

#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

#include "core/text.h"
#include "util/xalloc.h"

struct collate {
    UCollator *coll;
};

struct collate *collate_new_vi(void)
{
    UErrorCode status = U_ZERO_ERROR;
    UCollator *coll = ucol_open("vi", &status);
    struct collate *c;

    if (U_FAILURE(status) || coll == NULL) {
        if (coll)
            ucol_close(coll);
        return NULL;
    }
    c = xmalloc(sizeof *c);
    c->coll = coll;
    return c;
}

void collate_free(struct collate *c)
{
    if (c == NULL)
        return;
    ucol_close(c->coll);
    free(c);
}

/* Plain byte order, shorter first on a common prefix. */
static int bytes_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int r = n ? memcmp(a, b, n) : 0;

    if (r != 0)
        return r < 0 ? -1 : 1;
    return (alen > blen) - (alen < blen);
}

int collate_cmp(struct collate *c, const char *a, size_t alen, const char *b,
                size_t blen)
{
    UErrorCode status = U_ZERO_ERROR;
    UCollationResult r;
    int va, vb;

    assert(c != NULL);
    if (a == NULL) {
        a = "";
        alen = 0;
    }
    if (b == NULL) {
        b = "";
        blen = 0;
    }
    va = alen <= INT32_MAX && text_valid_utf8(a, alen);
    vb = blen <= INT32_MAX && text_valid_utf8(b, blen);
    if (!va || !vb) {
        if (va != vb)
            return va ? -1 : 1;
        return bytes_cmp(a, alen, b, blen);
    }
    r = ucol_strcollUTF8(c->coll, a, (int32_t)alen, b, (int32_t)blen, &status);
    if (U_FAILURE(status))
        return bytes_cmp(a, alen, b, blen);
    if (r == UCOL_LESS)
        return -1;
    return r == UCOL_GREATER ? 1 : 0;
}

static int item_cmp(struct collate *c, const char *a, const char *b)
{
    return collate_cmp(c, a, strlen(a), b, strlen(b));
}

/* Stable merge sort of items[lo, hi) using tmp as scratch of the same size.
 * Runs of up to 8 are insertion-sorted, which is stable too. */
static void merge_sort(struct collate *c, const char **items, const char **tmp,
                       size_t lo, size_t hi)
{
    size_t mid, i, j, k;

    if (hi - lo <= 8) {
        for (i = lo + 1; i < hi; i++) {
            const char *x = items[i];

            for (j = i; j > lo && item_cmp(c, items[j - 1], x) > 0; j--)
                items[j] = items[j - 1];
            items[j] = x;
        }
        return;
    }
    mid = lo + (hi - lo) / 2;
    merge_sort(c, items, tmp, lo, mid);
    merge_sort(c, items, tmp, mid, hi);
    if (item_cmp(c, items[mid - 1], items[mid]) <= 0)
        return; /* already in order */
    i = lo;
    j = mid;
    k = lo;
    while (i < mid && j < hi) {
        /* <= keeps equal items in their original order */
        if (item_cmp(c, items[i], items[j]) <= 0)
            tmp[k++] = items[i++];
        else
            tmp[k++] = items[j++];
    }
    while (i < mid)
        tmp[k++] = items[i++];
    while (j < hi)
        tmp[k++] = items[j++];
    memcpy(items + lo, tmp + lo, (hi - lo) * sizeof *items);
}

void collate_sort(struct collate *c, const char **items, size_t n)
{
    const char **tmp;

    assert(c != NULL);
    if (n < 2)
        return;
    tmp = xreallocarray(NULL, n, sizeof *tmp);
    merge_sort(c, items, tmp, 0, n);
    free(tmp);
}

size_t collate_key(struct collate *c, const char *s, size_t len,
                   unsigned char *out, size_t cap)
{
    UChar wide[COLLATE_KEY_MAX_CHARS];
    UErrorCode status = U_ZERO_ERROR;
    int32_t wlen = 0, n;

    assert(c != NULL && cap > 0);
    if (s == NULL)
        len = 0;
    if (len > 0 && len <= INT32_MAX && text_valid_utf8(s, len))
        u_strFromUTF8(wide, COLLATE_KEY_MAX_CHARS, &wlen, s, (int32_t)len,
                      &status);
    if (U_FAILURE(status) || wlen > COLLATE_KEY_MAX_CHARS)
        wlen = COLLATE_KEY_MAX_CHARS; /* the first characters decide */
    n = ucol_getSortKey(c->coll, wide, wlen, out,
                        cap > INT32_MAX ? INT32_MAX : (int32_t)cap);
    if (n <= 0) {
        out[0] = '\0';
        return 1;
    }
    if ((size_t)n > cap) { /* cut: still NUL-terminated and ordered by
                              its first bytes */
        out[cap - 1] = '\0';
        return cap;
    }
    return (size_t)n;
}
