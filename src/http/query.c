/* query.c: query-string parser and validators (see query.h). */
#include "http/query.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "util/xalloc.h"

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decode (s, len): '+' is a space, %XX a byte. Writes at most len bytes
 * and a NUL into out. Returns the decoded length, or QUERY_EENCODING (bad
 * escape or NUL). */
static long decode(const char *s, size_t len, char *out)
{
    size_t i = 0, o = 0;

    while (i < len) {
        unsigned char c = (unsigned char)s[i];

        if (c == '%') {
            int hi, lo;

            if (len - i < 3)
                return QUERY_EENCODING;
            hi = hex_value((unsigned char)s[i + 1]);
            lo = hex_value((unsigned char)s[i + 2]);
            if (hi < 0 || lo < 0)
                return QUERY_EENCODING;
            c = (unsigned char)(hi * 16 + lo);
            i += 3;
        } else {
            if (c == '+')
                c = ' ';
            i++;
        }
        if (c == '\0')
            return QUERY_EENCODING;
        out[o++] = (char)c;
    }
    out[o] = '\0';
    return (long)o;
}

static int key_ok(const char *k, size_t n)
{
    size_t i;

    if (n == 0 || n > QUERY_MAX_KEY)
        return 0;
    for (i = 0; i < n; i++) {
        char c = k[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
            return 0;
    }
    return 1;
}

/* Copy a key into bad_key for the error, when it is printable ASCII. */
static void set_bad_key(struct query *q, const char *k, size_t n)
{
    size_t i;

    if (n > QUERY_MAX_KEY)
        n = QUERY_MAX_KEY;
    for (i = 0; i < n; i++) {
        if ((unsigned char)k[i] < 0x21 || (unsigned char)k[i] > 0x7e) {
            q->bad_key[0] = '\0';
            return;
        }
    }
    memcpy(q->bad_key, k, n);
    q->bad_key[n] = '\0';
}

/* Parse one "key=value" pair (s, len) into q. */
static int parse_pair(struct query *q, const char *s, size_t len, char *tmp)
{
    const char *eq = memchr(s, '=', len);
    size_t klen = eq ? (size_t)(eq - s) : len;
    const char *v = eq ? eq + 1 : s + len;
    size_t vlen = eq ? len - klen - 1 : 0;
    long n;
    char *clean = NULL;
    size_t clean_len = 0, i;
    int trc, rc;

    n = decode(s, klen, tmp);
    if (n < 0 || !key_ok(tmp, (size_t)n)) {
        if (n >= 0)
            set_bad_key(q, tmp, (size_t)n);
        return n < 0 ? QUERY_EENCODING : QUERY_EKEY;
    }
    set_bad_key(q, tmp, (size_t)n);
    for (i = 0; i < q->count; i++) {
        if (strcmp(q->items[i].key, tmp) == 0)
            return QUERY_EDUPLICATE;
    }
    if (q->count >= QUERY_MAX_PARAMS)
        return QUERY_ETOOMANY;
    q->items[q->count].key = xstrndup(tmp, (size_t)n);
    n = decode(v, vlen, tmp);
    if (n < 0) {
        rc = QUERY_EENCODING;
        goto fail_key;
    }
    trc = text_clean(tmp, (size_t)n, QUERY_MAX_VALUE, 0, &clean, &clean_len);
    if (trc != TEXT_OK) {
        rc = trc == TEXT_ETOOLONG ? QUERY_ETOOLONG : QUERY_EENCODING;
        goto fail_key;
    }
    q->items[q->count].value = clean;
    q->items[q->count].value_len = clean_len;
    q->count++;
    q->bad_key[0] = '\0';
    return QUERY_OK;

fail_key:
    free(q->items[q->count].key);
    q->items[q->count].key = NULL;
    return rc;
}

int query_parse(const char *s, size_t len, struct query *q)
{
    char *tmp = NULL;
    size_t i = 0;
    int rc = QUERY_OK;

    memset(q, 0, sizeof *q);
    if (len > QUERY_MAX_LEN)
        return QUERY_ETOOLONG;
    if (len == 0)
        return QUERY_OK;
    tmp = xmalloc(len + 1);
    while (i <= len) {
        const char *amp = memchr(s + i, '&', len - i);
        size_t plen = amp ? (size_t)(amp - (s + i)) : len - i;

        if (plen > 0) { /* "a=1&&b=2" and a trailing '&' are harmless */
            rc = parse_pair(q, s + i, plen, tmp);
            if (rc != QUERY_OK)
                goto fail;
        }
        if (amp == NULL)
            break;
        i += plen + 1;
    }
    free(tmp);
    return QUERY_OK;

fail:
    free(tmp);
    {
        char bad[QUERY_MAX_KEY + 1];

        memcpy(bad, q->bad_key, sizeof bad);
        query_free(q);
        memcpy(q->bad_key, bad, sizeof bad);
    }
    return rc;
}

void query_free(struct query *q)
{
    size_t i;

    if (q == NULL)
        return;
    for (i = 0; i < q->count; i++) {
        free(q->items[i].key);
        free(q->items[i].value);
    }
    memset(q, 0, sizeof *q);
}

const char *query_get(const struct query *q, const char *key)
{
    size_t i;

    for (i = 0; i < q->count; i++) {
        if (strcmp(q->items[i].key, key) == 0)
            return q->items[i].value;
    }
    return NULL;
}

int query_only(struct query *q, const char *const *allowed)
{
    size_t i, k;

    for (i = 0; i < q->count; i++) {
        int known = 0;

        for (k = 0; allowed[k] != NULL; k++) {
            if (strcmp(q->items[i].key, allowed[k]) == 0) {
                known = 1;
                break;
            }
        }
        if (!known) {
            set_bad_key(q, q->items[i].key, strlen(q->items[i].key));
            return QUERY_EUNKNOWN;
        }
    }
    return QUERY_OK;
}

int query_parse_date(const char *s, struct date *out)
{
    int rc = date_parse_iso(s, strlen(s), out);

    if (rc == DATE_OK)
        return QUERY_OK;
    return rc == DATE_ERANGE ? QUERY_ERANGE : QUERY_EFORMAT;
}

int query_is_unit_code(const char *s)
{
    size_t i, n = strlen(s);

    if (n != 2 && n != 3 && n != 5)
        return 0;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
    }
    return 1;
}

const char *query_strerror(int rc)
{
    switch (rc) {
    case QUERY_OK:
        return "Hợp lệ.";
    case QUERY_ETOOLONG:
        return "Chuỗi truy vấn hoặc giá trị quá dài.";
    case QUERY_ETOOMANY:
        return "Quá nhiều tham số truy vấn.";
    case QUERY_EENCODING:
        return "Tham số truy vấn mã hoá sai (%XX, UTF-8 hoặc ký tự điều "
               "khiển).";
    case QUERY_EKEY:
        return "Tên tham số truy vấn không hợp lệ.";
    case QUERY_EDUPLICATE:
        return "Tham số truy vấn bị lặp lại.";
    case QUERY_EUNKNOWN:
        return "Tham số truy vấn không được hỗ trợ.";
    case QUERY_EFORMAT:
        return "Giá trị không đúng định dạng.";
    case QUERY_ERANGE:
        return "Giá trị nằm ngoài phạm vi cho phép.";
    default:
        return "Lỗi tham số truy vấn không xác định.";
    }
}
