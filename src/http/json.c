/* json.c: JSON bodies in, JSON answers out (see json.h). */
#include "http/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/text.h"
#include "http/http.h"
#include "util/xalloc.h"

static void err_set(struct hjson_err *err, const char *code, const char *field,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void err_set(struct hjson_err *err, const char *code, const char *field,
                    const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return;
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

/* Scan the raw bytes before jansson allocates anything: nesting depth and
 * a bound on the number of values (each value but the first follows a ','
 * or a ':' or opens a container). Strings are skipped; jansson checks the
 * rest of the syntax. */
static int prescan(const char *s, size_t len, struct hjson_err *err)
{
    size_t i, nodes = 1;
    int depth = 0, in_string = 0;

    for (i = 0; i < len; i++) {
        char c = s[i];

        if (in_string) {
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
            continue;
        }
        switch (c) {
        case '"':
            in_string = 1;
            break;
        case '[':
        case '{':
            if (++depth > HJSON_MAX_DEPTH) {
                err_set(err, "invalid_json", NULL,
                        "Dữ liệu JSON lồng nhau quá sâu (tối đa %d cấp).",
                        HJSON_MAX_DEPTH);
                return HJSON_EDEPTH;
            }
            nodes++;
            break;
        case ']':
        case '}':
            depth--;
            break;
        case ',':
        case ':':
            nodes++;
            break;
        default:
            break;
        }
        if (nodes > HJSON_MAX_NODES) {
            err_set(err, "too_large", NULL,
                    "Dữ liệu JSON có quá nhiều phần tử (tối đa %d).",
                    HJSON_MAX_NODES);
            return HJSON_ETOOBIG;
        }
    }
    return HJSON_OK;
}

static int key_ok(const char *key)
{
    size_t i, n = strlen(key);

    if (n == 0 || n > HJSON_MAX_KEY)
        return 0;
    for (i = 0; i < n; i++) {
        char c = key[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            return 0;
    }
    return 1;
}

/* Append ".key" or "[i]" to the field path (truncated at its cap). */
static void path_push(char *path, size_t cap, const char *key, size_t index)
{
    size_t used = strlen(path);

    if (used >= cap - 1)
        return;
    if (key != NULL)
        snprintf(path + used, cap - used, "%s%s", used ? "." : "", key);
    else
        snprintf(path + used, cap - used, "[%zu]", index);
}

/* Check keys and clean every string of v in place; path is the field path
 * of v (restored on return). */
static int walk(json_t *v, int depth, char *path, size_t cap,
                struct hjson_err *err)
{
    size_t mark = strlen(path);
    int rc = HJSON_OK;

    if (depth > HJSON_MAX_DEPTH) {
        err_set(err, "invalid_json", NULL,
                "Dữ liệu JSON lồng nhau quá sâu (tối đa %d cấp).",
                HJSON_MAX_DEPTH);
        return HJSON_EDEPTH;
    }
    if (json_is_object(v)) {
        const char *key;
        json_t *child;

        json_object_foreach(v, key, child)
        {
            if (!key_ok(key)) {
                err_set(err, "invalid_json", NULL,
                        "Tên trường JSON không hợp lệ (chỉ chữ cái Latin "
                        "không dấu, chữ số và '_', tối đa %d ký tự).",
                        HJSON_MAX_KEY);
                return HJSON_EKEY;
            }
            path_push(path, cap, key, 0);
            rc = walk(child, depth + 1, path, cap, err);
            path[mark] = '\0';
            if (rc != HJSON_OK)
                return rc;
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *child;

        json_array_foreach(v, i, child)
        {
            path_push(path, cap, NULL, i);
            rc = walk(child, depth + 1, path, cap, err);
            path[mark] = '\0';
            if (rc != HJSON_OK)
                return rc;
        }
    } else if (json_is_string(v)) {
        char *clean = NULL;
        size_t clean_len = 0;
        int trc;

        trc = text_clean(json_string_value(v), json_string_length(v),
                         HJSON_MAX_STRING, TEXT_ALLOW_NEWLINE, &clean,
                         &clean_len);
        if (trc != TEXT_OK) {
            err_set(err, "invalid_text", path, "%s", text_strerror(trc));
            return HJSON_ETEXT;
        }
        if (clean_len != json_string_length(v) ||
            memcmp(clean, json_string_value(v), clean_len) != 0)
            json_string_setn_nocheck(v, clean, clean_len);
        free(clean);
    }
    return HJSON_OK;
}

int hjson_parse_object(const char *data, size_t len, json_t **out,
                       struct hjson_err *err)
{
    json_error_t jerr;
    json_t *root = NULL;
    char path[128] = "";
    int rc;

    *out = NULL;
    if (len > HJSON_MAX_BYTES) {
        err_set(err, "too_large", NULL,
                "Dữ liệu gửi lên quá lớn (tối đa %u byte).", HJSON_MAX_BYTES);
        return HJSON_ETOOBIG;
    }
    rc = prescan(data, len, err);
    if (rc != HJSON_OK)
        return rc;
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        err_set(err, "invalid_json", NULL,
                "Dữ liệu gửi lên không phải JSON hợp lệ (dòng %d, cột %d).",
                jerr.line, jerr.column);
        return HJSON_ESYNTAX;
    }
    if (!json_is_object(root)) {
        err_set(err, "invalid_json", NULL,
                "Dữ liệu gửi lên phải là một đối tượng JSON {...}.");
        rc = HJSON_ETYPE;
        goto fail;
    }
    rc = walk(root, 1, path, sizeof path, err);
    if (rc != HJSON_OK)
        goto fail;
    *out = root;
    return HJSON_OK;

fail:
    json_decref(root);
    return rc;
}

int hjson_get_string(const json_t *obj, const char *key, int required,
                     size_t max_chars, const char **out, struct hjson_err *err)
{
    const json_t *v = json_object_get(obj, key);
    const char *s;

    *out = NULL;
    if (v == NULL || json_is_null(v)) {
        if (!required)
            return HJSON_OK;
        err_set(err, "missing_field", key, "Thiếu trường bắt buộc \"%s\".",
                key);
        return HJSON_EMISSING;
    }
    if (!json_is_string(v)) {
        err_set(err, "invalid_field", key, "Trường \"%s\" phải là chuỗi.", key);
        return HJSON_ETYPE;
    }
    s = json_string_value(v);
    if (required && s[0] == '\0') {
        err_set(err, "missing_field", key, "Trường \"%s\" không được để trống.",
                key);
        return HJSON_EMISSING;
    }
    if (max_chars > 0 &&
        text_char_count(s, json_string_length(v)) > max_chars) {
        err_set(err, "invalid_field", key, "Trường \"%s\" dài quá %zu ký tự.",
                key, max_chars);
        return HJSON_ERANGE;
    }
    *out = s;
    return HJSON_OK;
}

json_t *hjson_error_body(const char *code, const char *message,
                         const char *field)
{
    json_t *e = json_object();

    json_object_set_new(e, "code", json_string(code));
    json_object_set_new(e, "message", json_string(message));
    if (field != NULL && field[0] != '\0')
        json_object_set_new(e, "field", json_string(field));
    return json_pack("{s:o}", "error", e);
}

void hjson_reply(struct http_req *req, unsigned status, json_t *body)
{
    size_t n;
    char *text;

    if (body == NULL) { /* json_pack refused a value (invalid UTF-8) */
        status = 500;
        body = hjson_error_body(
            "internal", "Lỗi máy chủ nội bộ khi tạo câu trả lời.", NULL);
    }
    n = json_dumpb(body, NULL, 0, JSON_COMPACT);
    text = xmalloc(n + 2);
    if (n > 0)
        json_dumpb(body, text, n, JSON_COMPACT);
    text[n] = '\n';
    text[n + 1] = '\0';
    json_decref(body);
    http_reply(req, status, "application/json; charset=utf-8", text, n + 1);
    http_reply_header(req, "Cache-Control", "no-store");
}

void hjson_reply_error(struct http_req *req, unsigned status, const char *code,
                       const char *message, const char *field)
{
    hjson_reply(req, status, hjson_error_body(code, message, field));
}

void hjson_reply_err(struct http_req *req, unsigned status,
                     const struct hjson_err *err)
{
    hjson_reply_error(req, status, err->code, err->message, err->field);
}

int hjson_is_json_request(const struct http_req *req)
{
    const char *ct = http_req_header(req, "Content-Type");
    size_t n = strlen("application/json");

    if (ct == NULL)
        return 0;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    if (strncasecmp(ct, "application/json", n) != 0)
        return 0;
    ct += n;
    while (*ct == ' ' || *ct == '\t')
        ct++;
    return *ct == '\0' || *ct == ';';
}
