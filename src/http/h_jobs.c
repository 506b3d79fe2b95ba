/* h_jobs.c: how far a long request of the caller has got.
 *
 *   GET /api/v1/jobs/:id  (any signed-in user)
 *     {"id", "state": "running"|"done"|"failed", "done", "total",
 *      "started_at", "updated_at"}
 *
 * :id is the token the client sent as X-Job-Id with the long request
 * (progress.h). Only its own jobs are visible to a user: another user's
 * job, an unknown or evicted one and a malformed token are all the same
 * 404 "not_found".
 */
#include <jansson.h>

#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/progress.h"

static const char *state_name(enum hprogress_state s)
{
    switch (s) {
    case HPROGRESS_DONE:
        return "done";
    case HPROGRESS_FAILED:
        return "failed";
    case HPROGRESS_RUNNING:
        break;
    }
    return "running";
}

int http_handle_job_get(struct http_req *req)
{
    struct hprogress_job j;

    if (hprogress_get(req->user.id, http_req_param(req, "id"), &j) !=
        HPROGRESS_OK) {
        hjson_reply_error(req, 404, "not_found",
                          "Không có việc này (hoặc đã quá cũ).", NULL);
        return 0;
    }
    hjson_reply(req, 200,
                json_pack("{s:s, s:s, s:I, s:I, s:s, s:s}", "id", j.id, "state",
                          state_name(j.state), "done", (json_int_t)j.done,
                          "total", (json_int_t)j.total, "started_at",
                          j.started_at, "updated_at", j.updated_at));
    return 0;
}
