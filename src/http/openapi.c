/* openapi.c: the OpenAPI 3 document from the route table and its metadata
 * (see openapi.h), and GET /api/v1/openapi.json. */
#include "http/openapi.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "util/xalloc.h"

#define PATH_CAP 512

static int is_wildcard(const char *pattern)
{
    size_t n = strlen(pattern);

    return n > 0 && pattern[n - 1] == '*';
}

static int state_changing(const char *m)
{
    return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 ||
           strcmp(m, "PATCH") == 0 || strcmp(m, "DELETE") == 0;
}

/* "/api/v1/units/:code/history" -> "/api/v1/units/{code}/history", with
 * each parameter name appended to params. */
static void openapi_path(const char *pattern, char out[PATH_CAP],
                         json_t *params)
{
    size_t o = 0;
    const char *p = pattern;

    while (*p != '\0' && o + 4 < PATH_CAP) {
        if (p[0] == ':' && (p == pattern || p[-1] == '/')) {
            size_t n = strcspn(p + 1, "/");

            if (o + n + 3 >= PATH_CAP)
                break;
            out[o++] = '{';
            memcpy(out + o, p + 1, n);
            o += n;
            out[o++] = '}';
            json_array_append_new(params,
                                  json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name",
                                            p + 1, n, "in", "path", "required",
                                            1, "schema", "type", "string"));
            p += n + 1;
            continue;
        }
        out[o++] = *p++;
    }
    out[o] = '\0';
}

static void add_query_params(const char *list, json_t *params)
{
    const char *p = list;

    while (*p != '\0') {
        size_t n = strcspn(p, ",");

        if (n > 0)
            json_array_append_new(params,
                                  json_pack("{s:s%, s:s, s:b, s:{s:s}}", "name",
                                            p, n, "in", "query", "required", 0,
                                            "schema", "type", "string"));
        p += n;
        if (*p == ',')
            p++;
    }
}

static json_t *schema_ref(const char *name)
{
    char ref[128];

    snprintf(ref, sizeof ref, "#/components/schemas/%s", name);
    return json_pack("{s:s}", "$ref", ref);
}

static json_t *json_content(const char *schema)
{
    return json_pack("{s:{s:o}}", "application/json", "schema",
                     schema_ref(schema));
}

static json_t *operation(const struct router_route *r,
                         const struct openapi_route_doc *d, json_t *params)
{
    json_t *op = json_object(), *responses = json_object(), *security;
    char status[8], opid[160];
    size_t i, o = 0;

    /* operationId: method + path letters, "get_api_v1_units_code". */
    for (i = 0; r->method[i] && o + 1 < sizeof opid; i++)
        opid[o++] = (char)tolower((unsigned char)r->method[i]);
    for (i = 0; r->pattern[i] && o + 1 < sizeof opid; i++) {
        unsigned char c = (unsigned char)r->pattern[i];

        if (isalnum(c))
            opid[o++] = (char)c;
        else if (o > 0 && opid[o - 1] != '_')
            opid[o++] = '_';
    }
    while (o > 0 && opid[o - 1] == '_')
        o--;
    opid[o] = '\0';
    json_object_set_new(op, "operationId", json_string(opid));
    if (d != NULL) {
        json_object_set_new(op, "summary", json_string(d->summary_vi));
        json_object_set_new(op, "description", json_string(d->summary_en));
        json_object_set_new(op, "tags", json_pack("[s]", d->tag));
        add_query_params(d->query, params);
        if (d->request != NULL)
            json_object_set_new(op, "requestBody",
                                json_pack("{s:b, s:o}", "required", 1,
                                          "content", json_content(d->request)));
        snprintf(status, sizeof status, "%d", d->status);
        json_object_set_new(responses, status,
                            json_pack("{s:s, s:o}", "description",
                                      d->summary_en, "content",
                                      json_content(d->response)));
    } else {
        json_object_set_new(op, "x-undocumented", json_true());
        json_object_set_new(responses, "200",
                            json_pack("{s:s}", "description", "undocumented"));
    }
    json_object_set_new(responses, "default",
                        json_pack("{s:s, s:o}", "description",
                                  "Error (the one error shape)", "content",
                                  json_content("Error")));
    json_object_set_new(op, "responses", responses);
    if (json_array_size(params) > 0)
        json_object_set(op, "parameters", params);
    if (r->perm == ROUTER_PERM_PUBLIC &&
        (r->flags & ROUTER_NO_CSRF || !state_changing(r->method)))
        security = json_array();
    else if (state_changing(r->method) && !(r->flags & ROUTER_NO_CSRF))
        security = json_pack("[{s:[], s:[]}]", "session", "csrf");
    else
        security = json_pack("[{s:[]}]", "session");
    json_object_set_new(op, "security", security);
    json_object_set_new(op, "x-permission",
                        json_string(openapi_perm_name(r->perm)));
    return op;
}

static json_t *components(void)
{
    const struct openapi_schema *s;
    json_t *schemas = json_object();
    size_t i, n;

    s = openapi_schemas(&n);
    for (i = 0; i < n; i++) {
        json_t *v = json_loads(s[i].json, 0, NULL);

        if (v == NULL) {
            json_decref(schemas);
            return NULL;
        }
        json_object_set_new(schemas, s[i].name, v);
    }
    return json_pack(
        "{s:o, s:{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s, s:s}}}", "schemas",
        schemas, "securitySchemes", "session", "type", "apiKey", "in", "cookie",
        "name", HTTP_SESSION_COOKIE, "description",
        "Phiên đăng nhập (HttpOnly cookie set by POST /api/v1/session)", "csrf",
        "type", "apiKey", "in", "header", "name", "X-CSRF-Token", "description",
        "csrf_token of the login answer, on every POST, PUT, PATCH, DELETE");
}

json_t *openapi_document(const struct router_route *table, size_t n)
{
    json_t *paths = json_object(), *comp, *doc;
    size_t i;

    comp = components();
    if (comp == NULL) {
        json_decref(paths);
        return NULL;
    }
    for (i = 0; i < n; i++) {
        const struct router_route *r = &table[i];
        json_t *params = json_array(), *item;
        char path[PATH_CAP], method[16];
        size_t k;

        if (is_wildcard(r->pattern)) {
            json_decref(params);
            continue;
        }
        openapi_path(r->pattern, path, params);
        item = json_object_get(paths, path);
        if (item == NULL) {
            item = json_object();
            json_object_set_new(paths, path, item);
        }
        for (k = 0; r->method[k] && k + 1 < sizeof method; k++)
            method[k] = (char)tolower((unsigned char)r->method[k]);
        method[k] = '\0';
        json_object_set_new(
            item, method,
            operation(r, openapi_doc_find(r->method, r->pattern), params));
        json_decref(params);
    }
    doc = json_pack(
        "{s:s, s:{s:s, s:s, s:s}, s:o, s:o}", "openapi", "3.0.3", "info",
        "title", "ansinh API", "version", ANSINH_VERSION, "description",
        "Quản lý trợ giúp xã hội hằng tháng (monthly social assistance). "
        "Errors: {\"error\": {\"code\", \"message\", \"field\"}}. "
        "Authorisation: docs/authz.md; x-permission names the permission "
        "a route needs.",
        "paths", paths, "components", comp);
    return doc;
}

/* The served text, built once: the table is static. */
static pthread_once_t doc_once = PTHREAD_ONCE_INIT;
static char *doc_text;
static size_t doc_len;

static void build_doc(void)
{
    size_t n;
    const struct router_route *t = router_routes(&n);
    json_t *doc = openapi_document(t, n);

    if (doc == NULL)
        return;
    doc_text = json_dumps(doc, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
    doc_len = doc_text ? strlen(doc_text) : 0;
    json_decref(doc);
}

int http_handle_openapi(struct http_req *req)
{
    char *copy;

    pthread_once(&doc_once, build_doc);
    if (doc_text == NULL)
        return -1; /* the router answers 500 */
    copy = xmalloc(doc_len + 1);
    memcpy(copy, doc_text, doc_len + 1);
    http_reply(req, 200, "application/json; charset=utf-8", copy, doc_len);
    http_reply_header(req, "Cache-Control", "no-cache");
    return 0;
}
