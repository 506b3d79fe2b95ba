/* cases_body.c: bodies of the task and reorganisation API (see
 * cases_body.h). */
#include "http/cases_body.h"

#include <stdio.h>
#include <string.h>

#include "http/json.h"

enum field_type { F_ID, F_STR, F_BOOL };

struct field {
    const char *key;
    int type;
    int required;
    size_t max; /* characters of a string */
};

static const struct field fields[CASES_BODY_MODES][4] = {
    [CASES_BODY_DONE] = {{"note", F_STR, 1, 1000},
                         {"version", F_ID, 0, 0},
                         {"unit_code", F_STR, 0, 32}},
    [CASES_BODY_GENERATE] = {{"month", F_STR, 1, 32}},
    [CASES_BODY_REORGANISE] = {{"to", F_STR, 1, 32}, {"dry_run", F_BOOL, 0, 0}},
};

static void set_err(struct hjson_err *err, const char *code, const char *field,
                    const char *msg)
{
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->message, sizeof err->message, "%s", msg);
}

static const struct field *known(const char *key, int mode)
{
    size_t i;

    for (i = 0; fields[mode][i].key != NULL; i++)
        if (strcmp(fields[mode][i].key, key) == 0)
            return &fields[mode][i];
    return NULL;
}

static int get_field(struct cases_body *b, const struct field *f,
                     struct hjson_err *err)
{
    const json_t *v = json_object_get(b->root, f->key);
    char msg[160];

    if (f->type == F_STR) {
        const char **out = strcmp(f->key, "note") == 0        ? &b->note
                           : strcmp(f->key, "unit_code") == 0 ? &b->unit_code
                           : strcmp(f->key, "month") == 0     ? &b->month
                                                              : &b->to;

        return hjson_get_string(b->root, f->key, f->required, f->max, out, err);
    }
    if (v == NULL || json_is_null(v)) {
        if (!f->required)
            return HJSON_OK;
        snprintf(msg, sizeof msg, "Thiếu trường \"%s\".", f->key);
        set_err(err, "missing_field", f->key, msg);
        return HJSON_EMISSING;
    }
    if (f->type == F_BOOL) {
        if (!json_is_boolean(v)) {
            snprintf(msg, sizeof msg, "Trường \"%s\" phải là true hoặc false.",
                     f->key);
            set_err(err, "invalid_field", f->key, msg);
            return HJSON_ETYPE;
        }
        b->dry_run = json_is_true(v);
        return HJSON_OK;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 1 ||
        json_integer_value(v) > INT64_C(9007199254740992)) {
        snprintf(msg, sizeof msg, "Trường \"%s\" phải là số nguyên dương.",
                 f->key);
        set_err(err, "invalid_field", f->key, msg);
        return HJSON_ETYPE;
    }
    b->version = (int64_t)json_integer_value(v);
    return HJSON_OK;
}

int cases_body_parse(const char *data, size_t len, int mode,
                     struct cases_body *out, struct hjson_err *err)
{
    const char *key;
    json_t *v;
    size_t i;
    int rc;

    memset(out, 0, sizeof *out);
    out->version = -1;
    if (mode < 0 || mode >= CASES_BODY_MODES) {
        set_err(err, "invalid_json", "", "Chế độ đọc dữ liệu không hợp lệ.");
        return HJSON_ETYPE;
    }
    rc = hjson_parse_object(data, len, &out->root, err);
    if (rc != HJSON_OK)
        return rc;
    json_object_foreach(out->root, key, v)
    {
        if (known(key, mode) == NULL) {
            char msg[160];

            snprintf(msg, sizeof msg, "Trường \"%s\" không được hỗ trợ.", key);
            set_err(err, "unknown_field", key, msg);
            rc = HJSON_EKEY;
            goto fail;
        }
    }
    for (i = 0; rc == HJSON_OK && fields[mode][i].key != NULL; i++)
        rc = get_field(out, &fields[mode][i], err);
    if (rc == HJSON_OK)
        return HJSON_OK;
fail:
    cases_body_free(out);
    out->version = -1;
    return rc;
}

void cases_body_free(struct cases_body *b)
{
    if (b == NULL)
        return;
    json_decref(b->root);
    memset(b, 0, sizeof *b);
}
