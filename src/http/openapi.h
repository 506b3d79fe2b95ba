/* openapi.h: the OpenAPI 3 description of the API, generated from the
 * route table (router.c) and the per-route metadata of route_docs.c.
 *
 * The route table says what exists (method, path, permission, CSRF); the
 * metadata says what it means (summaries in Vietnamese and English, query
 * parameters, request and response schema names). tests/api/test_openapi.c
 * checks that every route of the table has metadata and appears in the
 * served document with its method, and that the document has no path that
 * is not a route, so the two cannot drift: a route added to router.c
 * without an entry in route_docs.c fails the test.
 *
 * Served by GET /api/v1/openapi.json (public).
 */
#ifndef ANSINH_HTTP_OPENAPI_H
#define ANSINH_HTTP_OPENAPI_H

#include <stddef.h>

#include <jansson.h>

#include "http/router.h"

/* What a route means. Strings are static. */
struct openapi_route_doc {
    const char *method;     /* as in the route table */
    const char *pattern;    /* as in the route table ("/api/v1/units/:code") */
    const char *tag;        /* group: "units", "session", "users", ... */
    const char *summary_vi; /* one line, Vietnamese with diacritics */
    const char *summary_en; /* one line, English */
    const char *query;      /* query parameter names, comma-separated, or
                               "" */
    const char *request;    /* schema name of the JSON body, or NULL */
    const char *response;   /* schema name of the success answer */
    int status;             /* status of the success answer (200, 201) */
};

/* A named JSON schema (OpenAPI 3.0 dialect) as JSON text. */
struct openapi_schema {
    const char *name;
    const char *json;
};

/* The metadata table (route_docs.c) and its length. Static. */
const struct openapi_route_doc *openapi_docs(size_t *n);

/* The schemas the metadata names (route_docs.c). Static. */
const struct openapi_schema *openapi_schemas(size_t *n);

/* The metadata of (method, pattern), or NULL when there is none. */
const struct openapi_route_doc *openapi_doc_find(const char *method,
                                                 const char *pattern);

/* The name of a permission for the document ("person_read"). Static. */
const char *openapi_perm_name(enum router_perm perm);

/* The document for the routes of table (n entries; wildcard routes, the
 * static files, are left out). A route without metadata is still listed,
 * with "x-undocumented": true. New reference; NULL only if a schema's
 * JSON text is malformed (a bug the test catches). */
json_t *openapi_document(const struct router_route *table, size_t n);

#endif
