/* test_openapi.c: GET /api/v1/openapi.json of the real binary against the
 * route table it was built from (router_routes), so the description cannot
 * drift from the routes:
 *   - every route (but the static catch-all) has metadata in route_docs.c
 *     and appears in the document with its method, permission and
 *     security (session; CSRF for state-changing routes that need it);
 *   - every path and method in the document is a route, and every
 *     metadata entry names a route;
 *   - every schema reference resolves; summaries are in both languages.
 * A route added to router.c without metadata fails here.
 */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "api_client.h"
#include "http/openapi.h"
#include "http/router.h"
#include "http_client.h"
#include "store/db.h"
#include "testdb.h"

static struct http_client_server server;
static json_t *doc;

static int group_setup(void **state)
{
    struct db *db = testdb_open_schema();
    struct http_client_response r;

    (void)state;
    db_close(db);
    if (http_client_server_start(&server, testdb_last_dsn(), NULL) != 0)
        return -1;
    if (http_client_request(server.port, "GET", "/api/v1/openapi.json", NULL,
                            NULL, 0, &r) != 0)
        return -1;
    if (r.status == 200)
        doc = api_json(&r);
    http_client_response_free(&r);
    return doc == NULL ? -1 : 0;
}

static int group_teardown(void **state)
{
    (void)state;
    json_decref(doc);
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

static int is_wildcard(const char *p)
{
    size_t n = strlen(p);
    return n > 0 && p[n - 1] == '*';
}

static int state_changing(const char *m)
{
    return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 ||
           strcmp(m, "PATCH") == 0 || strcmp(m, "DELETE") == 0;
}

/* "/a/:b/c" -> "/a/{b}/c" */
static void to_openapi(const char *pattern, char *out, size_t cap)
{
    size_t o = 0;
    const char *p = pattern;

    while (*p && o + 3 < cap) {
        if (*p == ':' && p != pattern && p[-1] == '/') {
            out[o++] = '{';
            p++;
            while (*p && *p != '/' && o + 2 < cap)
                out[o++] = *p++;
            out[o++] = '}';
            continue;
        }
        out[o++] = *p++;
    }
    out[o] = '\0';
}

static void lower(const char *in, char *out, size_t cap)
{
    size_t i;

    for (i = 0; in[i] && i + 1 < cap; i++)
        out[i] = (char)tolower((unsigned char)in[i]);
    out[i] = '\0';
}

static void test_document_shape(void **state)
{
    json_t *info = json_object_get(doc, "info");

    (void)state;
    assert_string_equal(json_string_value(json_object_get(doc, "openapi")),
                        "3.0.3");
    assert_string_equal(json_string_value(json_object_get(info, "version")),
                        ANSINH_VERSION);
    assert_true(json_is_object(json_object_get(doc, "paths")));
    assert_true(json_is_object(json_object_get(
        json_object_get(doc, "components"), "securitySchemes")));
}

static void test_every_route_is_documented(void **state)
{
    size_t i, n, documented = 0;
    const struct router_route *t = router_routes(&n);
    json_t *paths = json_object_get(doc, "paths");

    (void)state;
    for (i = 0; i < n; i++) {
        const struct openapi_route_doc *d;
        char path[512], m[16];
        json_t *op, *sec;

        if (is_wildcard(t[i].pattern))
            continue;
        d = openapi_doc_find(t[i].method, t[i].pattern);
        if (d == NULL)
            fail_msg("route %s %s has no entry in src/http/route_docs.c",
                     t[i].method, t[i].pattern);
        assert_true(strlen(d->summary_vi) > 0 && strlen(d->summary_en) > 0);
        to_openapi(t[i].pattern, path, sizeof path);
        lower(t[i].method, m, sizeof m);
        op = json_object_get(json_object_get(paths, path), m);
        if (op == NULL)
            fail_msg("%s %s is not in the served document", t[i].method, path);
        assert_null(json_object_get(op, "x-undocumented"));
        assert_string_equal(
            json_string_value(json_object_get(op, "x-permission")),
            openapi_perm_name(t[i].perm));
        assert_string_equal(json_string_value(json_object_get(op, "summary")),
                            d->summary_vi);
        sec = json_object_get(op, "security");
        assert_true(json_is_array(sec));
        if (t[i].perm == ROUTER_PERM_PUBLIC &&
            (!state_changing(t[i].method) || (t[i].flags & ROUTER_NO_CSRF))) {
            assert_int_equal(json_array_size(sec), 0);
        } else {
            json_t *req = json_array_get(sec, 0);

            assert_non_null(json_object_get(req, "session"));
            if (state_changing(t[i].method) && !(t[i].flags & ROUTER_NO_CSRF))
                assert_non_null(json_object_get(req, "csrf"));
        }
        /* Path parameters are declared. */
        if (strchr(t[i].pattern, ':') != NULL)
            assert_true(json_array_size(json_object_get(op, "parameters")) > 0);
        documented++;
    }
    assert_true(documented >= 16);
}

/* 1 if (method, openapi path) is a route of the table. */
static int is_route(const char *method, const char *path)
{
    size_t i, n;
    const struct router_route *t = router_routes(&n);

    for (i = 0; i < n; i++) {
        char p[512], m[16];

        to_openapi(t[i].pattern, p, sizeof p);
        lower(t[i].method, m, sizeof m);
        if (strcmp(p, path) == 0 && strcmp(m, method) == 0)
            return 1;
    }
    return 0;
}

static void test_every_documented_path_is_a_route(void **state)
{
    json_t *paths = json_object_get(doc, "paths"), *item, *op;
    const char *path, *method;
    const struct openapi_route_doc *d;
    size_t i, n, ops = 0;

    (void)state;
    json_object_foreach(paths, path, item)
    {
        json_object_foreach(item, method, op)
        {
            if (!is_route(method, path))
                fail_msg("the document has %s %s, which is no route", method,
                         path);
            ops++;
        }
    }
    assert_true(ops > 0);
    /* And no metadata is left over from a removed route. */
    d = openapi_docs(&n);
    for (i = 0; i < n; i++) {
        char p[512], m[16];

        to_openapi(d[i].pattern, p, sizeof p);
        lower(d[i].method, m, sizeof m);
        if (!is_route(m, p))
            fail_msg("route_docs.c documents %s %s, which is no route",
                     d[i].method, d[i].pattern);
    }
}

/* Check every "$ref" under v resolves in components.schemas. */
static void check_refs(json_t *v, json_t *schemas)
{
    if (json_is_object(v)) {
        const char *k;
        json_t *c;

        json_object_foreach(v, k, c)
        {
            if (strcmp(k, "$ref") == 0) {
                const char *ref = json_string_value(c);
                const char *prefix = "#/components/schemas/";

                assert_non_null(ref);
                assert_true(strncmp(ref, prefix, strlen(prefix)) == 0);
                if (json_object_get(schemas, ref + strlen(prefix)) == NULL)
                    fail_msg("unresolved schema %s", ref);
            } else {
                check_refs(c, schemas);
            }
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *c;

        json_array_foreach(v, i, c) check_refs(c, schemas);
    }
}

static void test_schema_refs_resolve(void **state)
{
    json_t *schemas =
        json_object_get(json_object_get(doc, "components"), "schemas");

    (void)state;
    assert_true(json_object_size(schemas) > 10);
    check_refs(doc, schemas);
}

static void test_served_as_json_publicly(void **state)
{
    struct http_client_response r;
    char ct[128];

    (void)state;
    assert_int_equal(http_client_request(server.port, "GET",
                                         "/api/v1/openapi.json", NULL, NULL, 0,
                                         &r),
                     0);
    assert_int_equal(r.status, 200);
    assert_non_null(http_client_header(&r, "Content-Type", ct, sizeof ct));
    assert_string_equal(ct, "application/json; charset=utf-8");
    http_client_response_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_document_shape),
        cmocka_unit_test(test_every_route_is_documented),
        cmocka_unit_test(test_every_documented_path_is_a_route),
        cmocka_unit_test(test_schema_refs_resolve),
        cmocka_unit_test(test_served_as_json_publicly),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
