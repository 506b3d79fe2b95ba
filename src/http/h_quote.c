/* h_quote.c: POST /api/v1/quote, the public allowance calculator.
 *
 * The body is the request of docs/rules.md; the answer is the bytes
 * app_quote_run writes, the same as `ansinh quote` prints for the same
 * request. Malformed requests get 400 with the error shape and the field.
 *
 * The route is public and has no CSRF check (ROUTER_NO_CSRF): it reads no
 * session, changes nothing and answers public law, so a forged request can
 * gain nothing. It must be sent as application/json (415 otherwise), which
 * a cross-site HTML form cannot do, and with no CORS headers a cross-site
 * page cannot read the answer either.
 */
#include <stdlib.h>

#include "app/quote.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "util/log.h"

int http_handle_quote(struct http_req *req)
{
    struct app_quote_err err;
    char *out = NULL;
    size_t len = 0;
    int rc;

    if (!hjson_is_json_request(req)) {
        hjson_reply_error(req, 415, "unsupported_media_type",
                          "Yêu cầu tính trợ cấp phải gửi dạng "
                          "application/json.",
                          NULL);
        return 0;
    }
    rc = app_quote_run(req->body.data, req->body.len, &out, &len, &err);
    if (rc == APP_QUOTE_EINPUT) {
        hjson_reply_error(req, 400, err.code, err.message, err.field);
        return 0;
    }
    if (rc != APP_QUOTE_OK) {
        log_error("quote failed", "req=%lu rc=%d msg=\"%s\"", req->id, rc,
                  err.message);
        hjson_reply_error(req, 500, "rules", err.message, NULL);
        return 0;
    }
    http_reply(req, 200, "application/json; charset=utf-8", out, len);
    http_reply_header(req, "Cache-Control", "no-store");
    return 0;
}
