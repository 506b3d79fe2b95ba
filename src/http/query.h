/* query.h: query strings (?date=2024-12-01&parent=347) and the validators
 * of the values the API accepts there.
 *
 * query_parse is a parser with caps: '&'-separated key=value pairs, '+' is
 * a space, %XX is a byte; keys are short ASCII identifiers; values must
 * decode to valid UTF-8 without control characters and are normalised to
 * NFC; a key given twice is an error (never "the last one wins"), and so is
 * a key the endpoint does not know (query_only).
 */
#ifndef ANSINH_HTTP_QUERY_H
#define ANSINH_HTTP_QUERY_H

#include <stddef.h>

#include "core/date.h"

#define QUERY_MAX_LEN    4096 /* bytes of the raw query string */
#define QUERY_MAX_PARAMS 32
#define QUERY_MAX_KEY    32   /* bytes of a key */
#define QUERY_MAX_VALUE  1000 /* characters of a decoded value */

enum query_rc {
    QUERY_OK = 0,
    QUERY_ETOOLONG = -1,   /* the query string, or a value, over its cap */
    QUERY_ETOOMANY = -2,   /* more than QUERY_MAX_PARAMS pairs */
    QUERY_EENCODING = -3,  /* bad %XX, NUL, invalid UTF-8 or a control */
    QUERY_EKEY = -4,       /* a key that is not [A-Za-z0-9_.-]{1,32} */
    QUERY_EDUPLICATE = -5, /* the same key twice */
    QUERY_EUNKNOWN = -6,   /* a key the endpoint does not accept */
    QUERY_EFORMAT = -7,    /* a value of the wrong shape (validators) */
    QUERY_ERANGE = -8      /* well-formed but impossible (2025-02-30) */
};

struct query_param {
    char *key;   /* NUL-terminated, owned by the query */
    char *value; /* decoded, NFC, NUL-terminated, owned by the query */
    size_t value_len;
};

struct query {
    struct query_param items[QUERY_MAX_PARAMS];
    size_t count;
    /* The key an error is about ("" when none or not decodable). */
    char bad_key[QUERY_MAX_KEY + 1];
};

/* Parse the raw query string (s, len) (what follows '?', may be empty).
 * Returns QUERY_OK with q filled (free with query_free), or a negative
 * query_rc with q->bad_key naming the culprit when known; q is then empty
 * and needs no query_free (calling it is harmless). */
int query_parse(const char *s, size_t len, struct query *q);

/* Free the keys and values and empty q. NULL-safe. */
void query_free(struct query *q);

/* The value of key, or NULL. Borrowed from q. */
const char *query_get(const struct query *q, const char *key);

/* Check that every key of q is in allowed (a NULL-terminated list).
 * Returns QUERY_OK, or QUERY_EUNKNOWN with q->bad_key set. */
int query_only(struct query *q, const char *const *allowed);

/* Validate s as an ISO date 'YYYY-MM-DD' (core/date.h rules): QUERY_OK and
 * *out, QUERY_EFORMAT (shape) or QUERY_ERANGE (no such day, e.g.
 * 2025-02-30, or a year outside 1800..2200). */
int query_parse_date(const char *s, struct date *out);

/* 1 if s is an administrative unit code: 2 (province), 3 (district) or 5
 * (commune) ASCII digits, else 0. */
int query_is_unit_code(const char *s);

/* A short Vietnamese description of a query_rc. Static. */
const char *query_strerror(int rc);

#endif
