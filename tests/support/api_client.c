/* api_client.c: signed-in requests for the API tests (see api_client.h). */
#include "api_client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int api_login(uint16_t port, const char *user, const char *password,
              struct api_session *s)
{
    static const char *const hdr[] = {"Content-Type: application/json", NULL};
    struct http_client_response r;
    char setc[256], *semi;
    json_t *body, *j;
    int status;

    memset(s, 0, sizeof *s);
    body = json_pack("{s:s, s:s}", "username", user, "password", password);
    {
        char *text = json_dumps(body, JSON_COMPACT);

        json_decref(body);
        if (text == NULL ||
            http_client_request(port, "POST", "/api/v1/session", hdr, text,
                                strlen(text), &r) != 0) {
            free(text);
            return -1;
        }
        free(text);
    }
    status = r.status;
    if (status == 200) {
        j = api_json(&r);
        if (j != NULL && json_is_string(json_object_get(j, "csrf_token")) &&
            http_client_header(&r, "Set-Cookie", setc, sizeof setc) != NULL) {
            semi = strchr(setc, ';');
            if (semi != NULL)
                *semi = '\0';
            snprintf(s->cookie, sizeof s->cookie, "Cookie: %s", setc);
            snprintf(s->token, sizeof s->token, "%s",
                     json_string_value(json_object_get(j, "csrf_token")));
            snprintf(s->csrf, sizeof s->csrf, "X-CSRF-Token: %s", s->token);
        } else {
            status = -2;
        }
        json_decref(j);
    }
    http_client_response_free(&r);
    return status;
}

int api_call(uint16_t port, const struct api_session *s, int with_csrf,
             const char *method, const char *path, const char *body,
             const char *extra, struct http_client_response *r)
{
    const char *hdr[5];
    size_t n = 0;

    if (s != NULL && s->cookie[0] != '\0')
        hdr[n++] = s->cookie;
    if (s != NULL && with_csrf && s->csrf[0] != '\0')
        hdr[n++] = s->csrf;
    if (body != NULL)
        hdr[n++] = "Content-Type: application/json";
    if (extra != NULL)
        hdr[n++] = extra;
    hdr[n] = NULL;
    return http_client_request(port, method, path, hdr, body,
                               body ? strlen(body) : 0, r);
}

json_t *api_json(const struct http_client_response *r)
{
    if (r->body == NULL)
        return NULL;
    return json_loadb(r->body, r->body_len, 0, NULL);
}

const char *api_error(const struct http_client_response *r, char *out,
                      size_t cap, char *field, size_t fcap)
{
    json_t *j = api_json(r), *e;
    const char *code = "", *f = "";

    e = j ? json_object_get(j, "error") : NULL;
    if (json_is_object(e)) {
        if (json_is_string(json_object_get(e, "code")) &&
            json_is_string(json_object_get(e, "message")))
            code = json_string_value(json_object_get(e, "code"));
        if (json_is_string(json_object_get(e, "field")))
            f = json_string_value(json_object_get(e, "field"));
    }
    snprintf(out, cap, "%s", code);
    if (field != NULL)
        snprintf(field, fcap, "%s", f);
    json_decref(j);
    return out;
}
