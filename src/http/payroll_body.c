/* payroll_body.c: bodies of the payroll API (see payroll_body.h). */
#include "http/payroll_body.h"

#include <stdio.h>
#include <string.h>

#include "http/json.h"

static const char *const keys[PAY_BODY_MODES][4] = {
    [PAY_BODY_PREPARE] = {"area", "month", "lookback", NULL},
    [PAY_BODY_MOVE] = {"version", NULL, NULL, NULL},
    [PAY_BODY_BLOCK] = {"ref", "reason", NULL, NULL},
};

static int fail(struct hjson_err *err, int rc, const char *code,
                const char *field, const char *msg)
{
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->message, sizeof err->message, "%s", msg);
    return rc;
}

/* Integer field key in lo..hi, -1 when absent. */
static int get_int(const json_t *o, const char *key, int64_t lo, int64_t hi,
                   int64_t *out, struct hjson_err *err)
{
    const json_t *v = json_object_get(o, key);

    *out = -1;
    if (v == NULL || json_is_null(v))
        return HJSON_OK;
    if (!json_is_integer(v) || json_integer_value(v) < lo ||
        json_integer_value(v) > hi)
        return fail(err, HJSON_ETYPE, "invalid_field", key,
                    "Giá trị phải là số nguyên trong khoảng cho phép.");
    *out = json_integer_value(v);
    return HJSON_OK;
}

void payroll_body_free(struct payroll_body *b)
{
    if (b == NULL)
        return;
    json_decref(b->root);
    memset(b, 0, sizeof *b);
}

int payroll_body_parse(const char *data, size_t len, int mode,
                       struct payroll_body *out, struct hjson_err *err)
{
    const char *k;
    json_t *v;
    int rc;

    memset(out, 0, sizeof *out);
    out->lookback = out->version = -1;
    if (mode < 0 || mode >= PAY_BODY_MODES)
        return fail(err, HJSON_ETYPE, "invalid_json", "", "Chế độ sai.");
    rc = hjson_parse_object(data, len, &out->root, err);
    if (rc != HJSON_OK)
        return rc;
    json_object_foreach(out->root, k, v)
    {
        size_t i;
        int ok = 0;

        (void)v;
        for (i = 0; i < 4 && keys[mode][i] != NULL; i++)
            ok |= strcmp(keys[mode][i], k) == 0;
        if (!ok) {
            rc = fail(err, HJSON_ETYPE, "unknown_field", k,
                      "Trường không được chấp nhận.");
            goto fail;
        }
    }
    switch (mode) {
    case PAY_BODY_PREPARE:
        rc = hjson_get_string(out->root, "area", 1, 5, &out->area, err);
        if (rc == HJSON_OK)
            rc = hjson_get_string(out->root, "month", 1, 7, &out->month, err);
        if (rc == HJSON_OK)
            rc = get_int(out->root, "lookback", 0, 120, &out->lookback, err);
        break;
    case PAY_BODY_MOVE:
        rc = get_int(out->root, "version", 1, INT64_C(9007199254740991),
                     &out->version, err);
        break;
    default:
        rc = hjson_get_string(out->root, "ref", 1, 23, &out->ref, err);
        if (rc == HJSON_OK)
            rc = hjson_get_string(out->root, "reason", 0, 400, &out->reason,
                                  err);
        break;
    }
    if (rc == HJSON_OK)
        return HJSON_OK;
fail:
    payroll_body_free(out);
    return rc;
}
