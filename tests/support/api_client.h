/* api_client.h: signed-in requests for the API tests: log in, keep the
 * session cookie and the CSRF token, and send JSON requests with both
 * (tests/support/http_client.h underneath).
 */
#ifndef ANSINH_TESTS_API_CLIENT_H
#define ANSINH_TESTS_API_CLIENT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "http_client.h"

/* A signed-in user: header lines ready for http_client_request. */
struct api_session {
    char cookie[300]; /* "Cookie: ansinh_session=..." */
    char csrf[96];    /* "X-CSRF-Token: ..." */
    char token[64];   /* the csrf_token itself */
};

/* POST /api/v1/session for user/password. Returns the status; on 200 *s
 * is filled. */
int api_login(uint16_t port, const char *user, const char *password,
              struct api_session *s);

/* Send method path with the session (s may be NULL: anonymous), the CSRF
 * header unless with_csrf is 0, and body (NULL: none) as
 * application/json. extra: one more header line or NULL. Returns 0 with
 * *r (free with http_client_response_free), -1 on a connection error. */
int api_call(uint16_t port, const struct api_session *s, int with_csrf,
             const char *method, const char *path, const char *body,
             const char *extra, struct http_client_response *r);

/* The body of r as JSON (NULL when it is not JSON). New reference. */
json_t *api_json(const struct http_client_response *r);

/* The error code of an error answer ("" when r is not the error shape),
 * copied into out. Also the field, when field is not NULL ("" if none). */
const char *api_error(const struct http_client_response *r, char *out,
                      size_t cap, char *field, size_t fcap);

#endif
