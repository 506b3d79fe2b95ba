/* registry_body.c: registry request bodies to app inputs (see
 * registry_body.h). */
#include "http/registry_body.h"

#include <stdio.h>
#include <string.h>

#define FIELD_MAX                                                              \
    10000 /* characters of any string: the use case applies                    \
             the real caps with a message per field */

static void fail(struct hjson_err *err, const char *code, const char *field,
                 const char *message)
{
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->message, sizeof err->message, "%s", message);
}

/* Refuse a key of obj that is not in allowed (NULL-terminated); prefix
 * names the enclosing object ("" at the top). */
static int only(json_t *obj, const char *const *allowed, const char *prefix,
                struct hjson_err *err)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v)
    {
        size_t i;
        char field[128], msg[256];

        for (i = 0; allowed[i] != NULL; i++)
            if (strcmp(allowed[i], key) == 0)
                break;
        if (allowed[i] != NULL)
            continue;
        snprintf(field, sizeof field, "%s%s%s", prefix, prefix[0] ? "." : "",
                 key);
        snprintf(msg, sizeof msg, "Trường \"%.64s\" không được dùng ở đây.",
                 field);
        fail(err, "unknown_field", field, msg);
        return HJSON_EKEY;
    }
    return HJSON_OK;
}

/* A string field that may be absent (*present 0), null (*present 1,
 * *out NULL) or a string; anything else is refused. */
static int opt_str(json_t *obj, const char *key, const char *prefix,
                   const char **out, int *present, struct hjson_err *err)
{
    json_t *v = json_object_get(obj, key);
    char field[128], msg[256];

    *out = NULL;
    if (present != NULL)
        *present = v != NULL;
    if (v == NULL || json_is_null(v))
        return HJSON_OK;
    snprintf(field, sizeof field, "%s%s%s", prefix, prefix[0] ? "." : "", key);
    if (!json_is_string(v)) {
        snprintf(msg, sizeof msg, "Trường \"%.64s\" phải là chuỗi.", field);
        fail(err, "invalid_field", field, msg);
        return HJSON_ETYPE;
    }
    if (json_string_length(v) > FIELD_MAX * 4) {
        snprintf(msg, sizeof msg, "Trường \"%.64s\" quá dài.", field);
        fail(err, "invalid_field", field, msg);
        return HJSON_ERANGE;
    }
    *out = json_string_value(v);
    return HJSON_OK;
}

/* An integer field that may be absent or null (*present as above). */
static int opt_int(json_t *obj, const char *key, int64_t *out, int *present,
                   struct hjson_err *err)
{
    json_t *v = json_object_get(obj, key);
    char msg[256];

    *out = 0;
    if (present != NULL)
        *present = v != NULL;
    if (v == NULL || json_is_null(v))
        return HJSON_OK;
    if (!json_is_integer(v)) {
        snprintf(msg, sizeof msg, "Trường \"%.64s\" phải là số nguyên.", key);
        fail(err, "invalid_field", key, msg);
        return HJSON_ETYPE;
    }
    *out = (int64_t)json_integer_value(v);
    return HJSON_OK;
}

int hreg_person_body(json_t *body, int create, struct app_person_input *out,
                     int *has_version, struct hjson_err *err)
{
    static const char *const create_keys[] = {
        "full_name",    "birth_date", "sex", "id_number",
        "household_id", "residence",  NULL};
    static const char *const patch_keys[] = {
        "version",   "full_name",    "birth_date", "sex",
        "id_number", "household_id", NULL};
    static const char *const residence_keys[] = {"unit_code", "address",
                                                 "valid_from", NULL};
    json_t *res;
    int rc, present;

    memset(out, 0, sizeof *out);
    *has_version = 0;
    rc = only(body, create ? create_keys : patch_keys, "", err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "full_name", "", &out->full_name,
                     &out->has_full_name, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "birth_date", "", &out->birth_date,
                     &out->has_birth_date, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "sex", "", &out->sex, &out->has_sex, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "id_number", "", &out->id_number,
                     &out->has_id_number, err);
    if (rc == HJSON_OK)
        rc = opt_int(body, "household_id", &out->household_id,
                     &out->has_household_id, err);
    if (rc != HJSON_OK)
        return rc;
    if (!create) {
        rc = opt_int(body, "version", &out->version, &present, err);
        if (rc == HJSON_OK && present &&
            json_is_null(json_object_get(body, "version"))) {
            fail(err, "invalid_field", "version",
                 "Trường \"version\" phải là số nguyên.");
            rc = HJSON_ETYPE;
        }
        *has_version = present;
        return rc;
    }
    res = json_object_get(body, "residence");
    if (res == NULL || json_is_null(res)) {
        fail(err, "missing_field", "residence",
             "Thiếu nơi cư trú (residence: unit_code, address, valid_from).");
        return HJSON_EMISSING;
    }
    if (!json_is_object(res)) {
        fail(err, "invalid_field", "residence",
             "Trường \"residence\" phải là đối tượng {unit_code, address, "
             "valid_from}.");
        return HJSON_ETYPE;
    }
    rc = only(res, residence_keys, "residence", err);
    if (rc == HJSON_OK)
        rc = opt_str(res, "unit_code", "residence", &out->unit_code, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(res, "address", "residence", &out->address, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(res, "valid_from", "residence", &out->resident_since, NULL,
                     err);
    return rc;
}

int hreg_document_body(json_t *body, struct app_document_input *out,
                       struct hjson_err *err)
{
    static const char *const keys[] = {
        "kind", "type", "number", "issued_on", "issuer", "membership_id", NULL};
    int rc;

    memset(out, 0, sizeof *out);
    rc = only(body, keys, "", err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "kind", "", &out->kind, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "type", "", &out->type, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "number", "", &out->number, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "issued_on", "", &out->issued_on, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "issuer", "", &out->issuer, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_int(body, "membership_id", &out->membership_id, NULL, err);
    return rc;
}

int hreg_payment_body(json_t *body, struct app_payment_input *out,
                      struct hjson_err *err)
{
    static const char *const keys[] = {
        "version",       "valid_from", "method",         "point_name",
        "point_officer", "bank_code",  "account_number", "wallet_provider",
        "receiver",      NULL};
    static const char *const receiver_keys[] = {
        "full_name", "id_number", "relationship", "document", NULL};
    json_t *r;
    int rc, present;

    memset(out, 0, sizeof *out);
    rc = only(body, keys, "", err);
    if (rc == HJSON_OK)
        rc = opt_int(body, "version", &out->version, &present, err);
    if (rc == HJSON_OK &&
        (!present || json_is_null(json_object_get(body, "version")))) {
        fail(err, "missing_field", "version",
             "Thiếu phiên bản hồ sơ hưởng (version) đã đọc.");
        rc = HJSON_EMISSING;
    }
    if (rc == HJSON_OK)
        rc = opt_str(body, "valid_from", "", &out->valid_from, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "method", "", &out->method, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "point_name", "", &out->point_name, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "point_officer", "", &out->point_officer, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "bank_code", "", &out->bank_code, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "account_number", "", &out->account_number, NULL,
                     err);
    if (rc == HJSON_OK)
        rc = opt_str(body, "wallet_provider", "", &out->wallet_provider, NULL,
                     err);
    if (rc != HJSON_OK)
        return rc;
    r = json_object_get(body, "receiver");
    if (r == NULL || json_is_null(r))
        return HJSON_OK;
    if (!json_is_object(r)) {
        fail(err, "invalid_field", "receiver",
             "Trường \"receiver\" phải là đối tượng {full_name, id_number, "
             "relationship, document} hoặc null.");
        return HJSON_ETYPE;
    }
    out->has_receiver = 1;
    rc = only(r, receiver_keys, "receiver", err);
    if (rc == HJSON_OK)
        rc =
            opt_str(r, "full_name", "receiver", &out->receiver_name, NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(r, "id_number", "receiver", &out->receiver_id_number, NULL,
                     err);
    if (rc == HJSON_OK)
        rc = opt_str(r, "relationship", "receiver", &out->receiver_relationship,
                     NULL, err);
    if (rc == HJSON_OK)
        rc = opt_str(r, "document", "receiver", &out->receiver_document, NULL,
                     err);
    return rc;
}
