/* json.h: JSON request bodies and JSON responses (jansson).
 *
 * Bodies: parsed with JSON_REJECT_DUPLICATES, capped in size and depth;
 * object keys must be short ASCII identifiers; every string value is
 * cleaned by core/text.h text_clean (valid UTF-8, no control characters
 * other than newlines, NFC), so handlers only ever see normalised text
 * (ENGINEERING.md §6).
 *
 * Responses: UTF-8 JSON with `Content-Type: application/json;
 * charset=utf-8` and `Cache-Control: no-store`. Every error has ONE shape:
 *   {"error": {"code": "...", "message": "... (Vietnamese)", "field": "..."}}
 * with "field" present only when the error is about one input field.
 *
 * The module prefix is hjson_, so nothing clashes with jansson's json_.
 */
#ifndef ANSINH_HTTP_JSON_H
#define ANSINH_HTTP_JSON_H

#include <stddef.h>

#include <jansson.h>

struct http_req;

#define HJSON_MAX_BYTES  (1024u * 1024u) /* a body larger is refused */
#define HJSON_MAX_DEPTH  16              /* nested arrays/objects */
#define HJSON_MAX_NODES  100000          /* values in one body */
#define HJSON_MAX_KEY    64              /* bytes of an object key */
#define HJSON_MAX_STRING 100000          /* characters of one string */

enum hjson_rc {
    HJSON_OK = 0,
    HJSON_ESYNTAX = -1,  /* not JSON, or a duplicate key */
    HJSON_ETOOBIG = -2,  /* over HJSON_MAX_BYTES or HJSON_MAX_NODES */
    HJSON_EDEPTH = -3,   /* nested deeper than HJSON_MAX_DEPTH */
    HJSON_EKEY = -4,     /* an object key that is not an identifier */
    HJSON_ETEXT = -5,    /* a string text_clean refuses */
    HJSON_ETYPE = -6,    /* wrong type (not an object; a field) */
    HJSON_EMISSING = -7, /* a required field is absent */
    HJSON_ERANGE = -8    /* a field too long or otherwise out of range */
};

/* Why a body or a field was refused: a code for the error shape, a
 * Vietnamese message and the field path ("" when not about a field;
 * "items[2].name" for nested values). */
struct hjson_err {
    char code[32];
    char message[256];
    char field[128];
};

/* Parse (data, len) as a JSON object body: caps, duplicate keys, key
 * syntax, and every string cleaned to NFC in place. Returns HJSON_OK and
 * *out (caller json_decref's it), or a negative hjson_rc with err filled
 * (code "invalid_json", "too_large" or "invalid_text") and *out NULL. */
int hjson_parse_object(const char *data, size_t len, json_t **out,
                       struct hjson_err *err);

/* Get the string field key of obj in *out (borrowed from obj).
 * required: an absent or null field is HJSON_EMISSING (else *out = NULL and
 * HJSON_OK). A non-string is HJSON_ETYPE, more than max_chars characters
 * HJSON_ERANGE, an empty string when required HJSON_EMISSING. err names
 * the field. */
int hjson_get_string(const json_t *obj, const char *key, int required,
                     size_t max_chars, const char **out, struct hjson_err *err);

/* Build the error body {"error": {...}}. field NULL or "" is omitted. New
 * reference. */
json_t *hjson_error_body(const char *code, const char *message,
                         const char *field);

/* Answer req with status and body (steals the reference to body). */
void hjson_reply(struct http_req *req, unsigned status, json_t *body);

/* Answer req with status and the error shape. */
void hjson_reply_error(struct http_req *req, unsigned status, const char *code,
                       const char *message, const char *field);

/* Answer req with status and the error of err (hjson_parse_object or
 * hjson_get_string). */
void hjson_reply_err(struct http_req *req, unsigned status,
                     const struct hjson_err *err);

/* 1 if the request's Content-Type is application/json (any parameters),
 * else 0. */
int hjson_is_json_request(const struct http_req *req);

#endif
