/* case_handlers.h: the handlers of the task, reorganisation and report
 * API (h_cases.c; docs/tasks.md, docs/reorganise.md, docs/reports.md),
 * named in the route table of router.c. Each takes the request after the
 * router has checked CSRF and the route's permission, answers through
 * http.h/json.h and returns 0 once it has answered. */
#ifndef ANSINH_HTTP_CASE_HANDLERS_H
#define ANSINH_HTTP_CASE_HANDLERS_H

struct http_req;

/* GET /api/v1/tasks, POST /api/v1/tasks/generate,
 * POST /api/v1/tasks/:id/done */
int http_handle_tasks_list(struct http_req *req);
int http_handle_tasks_generate(struct http_req *req);
int http_handle_task_done(struct http_req *req);

/* POST /api/v1/admin/reorganise */
int http_handle_reorganise(struct http_req *req);

/* GET /api/v1/reports/summary */
int http_handle_report_summary(struct http_req *req);

#endif
