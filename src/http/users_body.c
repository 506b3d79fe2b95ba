/* users_body.c: bodies of the users API (see users_body.h). */
#include "http/users_body.h"

#include <stdio.h>
#include <string.h>

#include "app/auth.h"
#include "http/json.h"

static const char *const create_keys[] = {
    "username", "full_name", "password", "role", "area_code", NULL,
};
static const char *const update_keys[] = {
    "version", "full_name", "password", "role", "area_code", "active", NULL,
};

static void set_err(struct hjson_err *err, const char *code, const char *field,
                    const char *msg)
{
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->message, sizeof err->message, "%s", msg);
}

static int known(const char *key, const char *const *keys)
{
    size_t i;

    for (i = 0; keys[i] != NULL; i++) {
        if (strcmp(keys[i], key) == 0)
            return 1;
    }
    return 0;
}

/* area_code: a string of at most 5 characters, or null (update only). */
static int get_area(struct users_body *b, int mode, struct hjson_err *err)
{
    const json_t *v = json_object_get(b->root, "area_code");

    if (v != NULL && json_is_null(v)) {
        b->area_null = 1;
        b->area_code = mode == USERS_BODY_UPDATE ? "" : NULL;
        return HJSON_OK;
    }
    return hjson_get_string(b->root, "area_code", 0, 5, &b->area_code, err);
}

static int get_update_extras(struct users_body *b, struct hjson_err *err)
{
    const json_t *v = json_object_get(b->root, "version");

    if (v != NULL) {
        if (!json_is_integer(v) || json_integer_value(v) < 1) {
            set_err(err, "invalid_field", "version",
                    "Trường \"version\" phải là số nguyên từ 1 (phiên bản "
                    "đọc được lần trước).");
            return HJSON_ETYPE;
        }
        b->version = (int64_t)json_integer_value(v);
    }
    v = json_object_get(b->root, "active");
    if (v != NULL) {
        if (!json_is_boolean(v)) {
            set_err(err, "invalid_field", "active",
                    "Trường \"active\" phải là true hoặc false.");
            return HJSON_ETYPE;
        }
        b->active = json_is_true(v) ? 1 : 0;
    }
    return HJSON_OK;
}

int users_body_parse(const char *data, size_t len, int mode,
                     struct users_body *out, struct hjson_err *err)
{
    const char *const *keys =
        mode == USERS_BODY_CREATE ? create_keys : update_keys;
    int req = mode == USERS_BODY_CREATE;
    const char *key;
    json_t *v;
    int rc;

    memset(out, 0, sizeof *out);
    out->active = -1;
    out->version = -1;
    rc = hjson_parse_object(data, len, &out->root, err);
    if (rc != HJSON_OK)
        return rc;
    json_object_foreach(out->root, key, v)
    {
        if (!known(key, keys)) {
            char msg[160];

            snprintf(msg, sizeof msg, "Trường \"%s\" không được hỗ trợ.", key);
            set_err(err, "unknown_field", key, msg);
            rc = HJSON_EKEY;
            goto fail;
        }
    }
    if (req && (rc = hjson_get_string(out->root, "username", 1, 64,
                                      &out->username, err)) != HJSON_OK)
        goto fail;
    if ((rc = hjson_get_string(out->root, "full_name", req, 100,
                               &out->full_name, err)) != HJSON_OK ||
        (rc = hjson_get_string(out->root, "password", req,
                               APP_AUTH_PASSWORD_MAX, &out->password, err)) !=
            HJSON_OK ||
        (rc = hjson_get_string(out->root, "role", req, 32, &out->role, err)) !=
            HJSON_OK ||
        (rc = get_area(out, mode, err)) != HJSON_OK)
        goto fail;
    if (mode == USERS_BODY_UPDATE &&
        (rc = get_update_extras(out, err)) != HJSON_OK)
        goto fail;
    return HJSON_OK;
fail:
    users_body_free(out);
    out->active = -1;
    out->version = -1;
    return rc;
}

void users_body_free(struct users_body *b)
{
    if (b == NULL)
        return;
    json_decref(b->root);
    memset(b, 0, sizeof *b);
}
