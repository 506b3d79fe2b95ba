/* h_cases.c: the officers' tasks, the reorganisation and the summary
 * report (docs/tasks.md, docs/reorganise.md, docs/reports.md).
 *
 *   GET  /api/v1/tasks?unit=&kind=&state=&due_before=&person=&page=
 *        &per_page=                           the task list (PERSON_READ)
 *   POST /api/v1/tasks/generate {month}       a month's tasks in the
 *                                             caller's area (PERSON_WRITE)
 *   POST /api/v1/tasks/:id/done {version, note, unit_code}
 *                                             close one (PERSON_WRITE)
 *   POST /api/v1/admin/reorganise {to, dry_run}
 *                                             apply a reorganisation
 *                                             (REORGANISE)
 *   GET  /api/v1/reports/summary?date=&unit=  aggregates (REPORT_READ)
 *
 * Status codes: 400 bad input (the field named), 404 absent or outside
 * the caller's area, 409 a stale version, a task done already, a
 * reorganisation not yet in force; 415 a body not sent as JSON.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "app/reorganise.h"
#include "app/reports.h"
#include "app/scope.h"
#include "app/tasks.h"
#include "http/case_handlers.h"
#include "http/cases_body.h"
#include "http/http.h"
#include "http/json.h"
#include "http/params.h"
#include "http/query.h"

/* Answer an app error rc (400 / 404 / 409 / 500 by its kind) or a db_rc. */
static void reply_error(struct http_req *req, struct db *db, int rc,
                        unsigned status, const char *code, const char *message,
                        const char *field)
{
    if (status == 0) {
        hparam_store_error(req, db, rc, "cases");
        return;
    }
    hjson_reply_error(req, status, code[0] ? code : "error", message,
                      field[0] ? field : NULL);
}

static void task_error(struct http_req *req, struct db *db, int rc,
                       const struct app_task_err *err)
{
    unsigned status = rc == APP_TASK_EINVAL                               ? 400
                      : rc == APP_TASK_ENOTFOUND                          ? 404
                      : rc == APP_TASK_ECONFLICT || rc == APP_TASK_ESTATE ? 409
                                                                          : 0;

    reply_error(req, db, rc, status, err->code, err->message, err->field);
}

/* Parse the body for mode; 0, or -1 after answering. */
static int read_body(struct http_req *req, int mode, struct cases_body *b)
{
    struct hjson_err herr;

    memset(b, 0, sizeof *b);
    if (hparam_need_json(req) != 0)
        return -1;
    if (cases_body_parse(req->body.data ? req->body.data : "", req->body.len,
                         mode, b, &herr) != 0) {
        hjson_reply_err(req, 400, &herr);
        return -1;
    }
    return 0;
}

int http_handle_tasks_list(struct http_req *req)
{
    static const char *const allowed[] = {"unit",       "kind",   "state",
                                          "due_before", "person", "page",
                                          "per_page",   NULL};
    struct app_task_query aq;
    struct app_task_err err;
    struct app_scope scope;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    memset(&aq, 0, sizeof aq);
    aq.unit = query_get(&q, "unit");
    aq.kind = query_get(&q, "kind");
    aq.state = query_get(&q, "state");
    aq.due_before = query_get(&q, "due_before");
    aq.person = query_get(&q, "person");
    aq.page = query_get(&q, "page");
    aq.per_page = query_get(&q, "per_page");
    rc = app_tasks_list(db, &scope, &aq, &out, &err);
    if (rc != APP_TASK_OK)
        task_error(req, db, rc, &err);
    else
        hjson_reply(req, 200, out);
out:
    query_free(&q);
    return 0;
}

int http_handle_tasks_generate(struct http_req *req)
{
    struct app_task_counts counts;
    struct app_task_err err;
    struct app_scope scope;
    struct cases_body b;
    struct db *db;
    json_t *kinds;
    int rc, k;

    if (read_body(req, CASES_BODY_GENERATE, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_tasks_generate(db, &scope, req->user.username, b.month, &counts,
                            &err);
    if (rc != APP_TASK_OK) {
        task_error(req, db, rc, &err);
        goto out;
    }
    kinds = json_object();
    for (k = 0; k < TASKS_KIND_COUNT; k++)
        json_object_set_new(kinds, tasks_kind_code(k),
                            json_integer(counts.by_kind[k]));
    hjson_reply(req, 200,
                json_pack("{s:s, s:I, s:I, s:o}", "month", counts.month,
                          "created", (json_int_t)counts.created, "existing",
                          (json_int_t)counts.existing, "by_kind", kinds));
out:
    cases_body_free(&b);
    return 0;
}

int http_handle_task_done(struct http_req *req)
{
    struct app_task_close in;
    struct app_task_err err;
    struct app_scope scope;
    struct cases_body b;
    struct db *db;
    json_t *t = NULL;
    int64_t id, im;
    int rc;

    if (hparam_id(req, "id", &id) != 0)
        return 0;
    if (read_body(req, CASES_BODY_DONE, &b) != 0)
        return 0;
    im = hparam_if_match(req);
    if (im == -2 || (im > 0 && b.version > 0 && im != b.version)) {
        hjson_reply_error(req, 400, "invalid_field",
                          "If-Match phải là phiên bản dạng \"3\" và trùng với "
                          "trường version.",
                          "version");
        goto out;
    }
    if (b.version < 1)
        b.version = im;
    if (b.version < 1) {
        hjson_reply_error(req, 400, "missing_field",
                          "Thiếu phiên bản công việc (trường \"version\" hoặc "
                          "tiêu đề If-Match).",
                          "version");
        goto out;
    }
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    memset(&in, 0, sizeof in);
    in.version = b.version;
    in.note = b.note;
    in.unit_code = b.unit_code;
    rc = app_task_done(db, &scope, req->user.username, id, &in, &err);
    if (rc == APP_TASK_OK)
        rc = app_task_get(db, &scope, id, &t, &err);
    if (rc != APP_TASK_OK)
        task_error(req, db, rc, &err);
    else
        hjson_reply(req, 200, json_pack("{s:o}", "task", t));
out:
    cases_body_free(&b);
    return 0;
}

int http_handle_reorganise(struct http_req *req)
{
    struct app_scope scope;
    struct app_reorg_summary s;
    struct app_reorg_err err;
    struct cases_body b;
    struct db *db;
    unsigned status;
    int rc;

    if (read_body(req, CASES_BODY_REORGANISE, &b) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_reorganise(db, &scope, req->user.username, b.to, b.dry_run, &s,
                        &err);
    if (rc != APP_REORG_OK) {
        status = rc == APP_REORG_EINVAL      ? 400
                 : rc == APP_REORG_ESCOPE    ? 403
                 : rc == APP_REORG_ENOTYET   ? 409
                 : rc == APP_REORG_EINTERNAL ? 500
                                             : 0;
        reply_error(req, db, rc, status, err.code, err.message, err.field);
        goto out;
    }
    hjson_reply(
        req, 200,
        json_pack("{s:s, s:b, s:b, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
                  "s:I, s:I}",
                  "effective", s.effective, "dry_run", s.dry_run, "first_run",
                  s.first_run, "links", (json_int_t)s.links, "residences_moved",
                  (json_int_t)s.residences_moved, "residences_closed",
                  (json_int_t)s.residences_closed, "assignment_tasks",
                  (json_int_t)s.assignment_tasks, "households_moved",
                  (json_int_t)s.households_moved, "dossiers_moved",
                  (json_int_t)s.dossiers_moved, "dossiers_carried",
                  (json_int_t)s.dossiers_carried, "tasks_moved",
                  (json_int_t)s.tasks_moved, "users_changed",
                  (json_int_t)s.users_changed, "user_tasks",
                  (json_int_t)s.user_tasks));
out:
    cases_body_free(&b);
    return 0;
}

int http_handle_report_summary(struct http_req *req)
{
    static const char *const allowed[] = {"date", "unit", NULL};
    struct app_report_err err;
    struct app_scope scope;
    struct query q;
    struct db *db;
    json_t *out = NULL;
    unsigned status;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_report_summary(db, &scope, query_get(&q, "date"),
                            query_get(&q, "unit"), &out, &err);
    if (rc != APP_REPORT_OK) {
        status = rc == APP_REPORT_EINVAL      ? 400
                 : rc == APP_REPORT_ENOTFOUND ? 404
                 : rc == APP_REPORT_EINTERNAL ? 500
                                              : 0;
        reply_error(req, db, rc, status, err.code, err.message, err.field);
    } else {
        hjson_reply(req, 200, out);
    }
out:
    query_free(&q);
    return 0;
}
