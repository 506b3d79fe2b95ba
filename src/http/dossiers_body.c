/* dossiers_body.c: bodies of the dossier and decision API (see
 * dossiers_body.h). */
#include "http/dossiers_body.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "http/json.h"

#define SHORT 32   /* characters of a code or a date */
#define NAME  100  /* characters of a name */
#define TEXT  1000 /* characters of a note */

enum field_type { F_ID, F_STR, F_CATS };

/* One accepted key of a mode: its type, whether required, its cap in
 * characters (strings) and where it goes. */
struct field {
    const char *key;
    int type;
    int required;
    size_t max;
    size_t off;
};

#define B struct dossiers_body
#define ID(k, r)                                                               \
    {                                                                          \
#k, F_ID, r, 0, offsetof(B, k)                                         \
    }
#define STR(k, r, m)                                                           \
    {                                                                          \
#k, F_STR, r, m, offsetof(B, k)                                        \
    }

static const struct field fields[DOS_BODY_MODES][14] = {
    [DOS_BODY_CREATE] = {ID(person_id, 1),
                         STR(kind, 1, SHORT),
                         STR(submitted_on, 0, SHORT),
                         {"categories", F_CATS, 0, 0, 0},
                         STR(disability, 0, SHORT),
                         STR(certificate_on, 0, SHORT),
                         STR(event_on, 0, SHORT),
                         STR(proposed, 0, SHORT),
                         STR(ground, 0, SHORT),
                         STR(applicant, 0, NAME),
                         STR(note, 0, TEXT),
                         STR(to_unit, 0, SHORT),
                         STR(to_address, 0, 2 * NAME)},
    [DOS_BODY_ACT] = {STR(action, 1, SHORT), ID(version, 0),
                      STR(date, 0, SHORT), STR(note, 0, TEXT)},
    [DOS_BODY_COMPLAINT] = {ID(version, 0), STR(complainant, 1, NAME),
                            STR(content, 1, TEXT), STR(received_on, 0, SHORT)},
    [DOS_BODY_ANSWER] = {ID(version, 0), STR(answer, 1, TEXT),
                         STR(resolved_on, 0, SHORT)},
    [DOS_BODY_DECISION] = {ID(dossier_id, 1), ID(version, 0),
                           STR(number, 1, 50), STR(signed_on, 0, SHORT),
                           STR(kind, 0, SHORT), STR(reason_text, 0, TEXT)},
};

static void set_err(struct hjson_err *err, const char *code, const char *field,
                    const char *msg)
{
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->message, sizeof err->message, "%s", msg);
}

static int known(const char *key, int mode)
{
    size_t i;

    for (i = 0; fields[mode][i].key != NULL; i++)
        if (strcmp(fields[mode][i].key, key) == 0)
            return 1;
    return 0;
}

/* An integer field >= 1 (required or not) into *out (-1 when absent). */
static int get_id(const json_t *root, const char *key, int required,
                  int64_t *out, struct hjson_err *err)
{
    const json_t *v = json_object_get(root, key);
    char msg[160];

    *out = -1;
    if (v == NULL || json_is_null(v)) {
        if (!required)
            return HJSON_OK;
        snprintf(msg, sizeof msg, "Thiếu trường \"%s\".", key);
        set_err(err, "missing_field", key, msg);
        return HJSON_EMISSING;
    }
    if (!json_is_integer(v) || json_integer_value(v) < 1 ||
        json_integer_value(v) > INT64_C(9007199254740992)) {
        snprintf(msg, sizeof msg, "Trường \"%s\" phải là số nguyên dương.",
                 key);
        set_err(err, "invalid_field", key, msg);
        return HJSON_ETYPE;
    }
    *out = (int64_t)json_integer_value(v);
    return HJSON_OK;
}

/* "categories": an array of short codes, joined with ','. */
static int get_categories(struct dossiers_body *b, struct hjson_err *err)
{
    const json_t *v = json_object_get(b->root, "categories");
    size_t i, used = 0;
    json_t *x;

    if (v == NULL || json_is_null(v))
        return HJSON_OK;
    if (!json_is_array(v) || json_array_size(v) > DOS_BODY_CATEGORIES) {
        set_err(err, "invalid_field", "categories",
                "Trường \"categories\" phải là mảng tối đa 8 mã diện đối "
                "tượng, như [\"K6\"].");
        return HJSON_ETYPE;
    }
    json_array_foreach(v, i, x)
    {
        const char *s = json_is_string(x) ? json_string_value(x) : NULL;
        size_t n = s ? strlen(s) : 0;

        if (n == 0 || n > 7 || strchr(s, ',') != NULL) {
            set_err(err, "invalid_field", "categories",
                    "Mỗi phần tử của \"categories\" là một mã diện đối tượng "
                    "(chuỗi ngắn, như \"K6\").");
            return HJSON_ETYPE;
        }
        memcpy(b->cats + used, s, n);
        used += n;
        b->cats[used++] = ',';
    }
    if (used == 0)
        return HJSON_OK; /* [] is "none" */
    b->cats[used - 1] = '\0';
    b->categories = b->cats;
    return HJSON_OK;
}

static int parse_mode(struct dossiers_body *b, int mode, struct hjson_err *err)
{
    size_t i;
    int rc = HJSON_OK;

    for (i = 0; rc == HJSON_OK && fields[mode][i].key != NULL; i++) {
        const struct field *f = &fields[mode][i];
        char *at = (char *)b + f->off;

        switch (f->type) {
        case F_ID:
            rc = get_id(b->root, f->key, f->required, (int64_t *)(void *)at,
                        err);
            break;
        case F_STR:
            rc = hjson_get_string(b->root, f->key, f->required, f->max,
                                  (const char **)(void *)at, err);
            break;
        default:
            rc = get_categories(b, err);
            break;
        }
    }
    return rc;
}

int dossiers_body_parse(const char *data, size_t len, int mode,
                        struct dossiers_body *out, struct hjson_err *err)
{
    const char *key;
    json_t *v;
    int rc;

    memset(out, 0, sizeof *out);
    out->person_id = out->version = out->dossier_id = -1;
    if (mode < 0 || mode >= DOS_BODY_MODES) {
        set_err(err, "invalid_json", "", "Chế độ đọc dữ liệu không hợp lệ.");
        return HJSON_ETYPE;
    }
    rc = hjson_parse_object(data, len, &out->root, err);
    if (rc != HJSON_OK)
        return rc;
    json_object_foreach(out->root, key, v)
    {
        if (!known(key, mode)) {
            char msg[160];

            snprintf(msg, sizeof msg, "Trường \"%s\" không được hỗ trợ.", key);
            set_err(err, "unknown_field", key, msg);
            rc = HJSON_EKEY;
            goto fail;
        }
    }
    rc = parse_mode(out, mode, err);
    if (rc == HJSON_OK)
        return HJSON_OK;
fail:
    dossiers_body_free(out);
    out->person_id = out->version = out->dossier_id = -1;
    return rc;
}

void dossiers_body_free(struct dossiers_body *b)
{
    if (b == NULL)
        return;
    json_decref(b->root);
    memset(b, 0, sizeof *b);
}
