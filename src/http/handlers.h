/* handlers.h: the route handlers named in the route table (router.c).
 *
 * Each takes the request after the router has parsed the path, matched the
 * route and checked CSRF and the route's permission, and answers through
 * http.h/json.h. Each returns 0 once it has answered, or a negative value
 * when it could not (the router then answers 500).
 */
#ifndef ANSINH_HTTP_HANDLERS_H
#define ANSINH_HTTP_HANDLERS_H

struct http_req;

/* GET /healthz (h_health.c) */
int http_handle_healthz(struct http_req *req);

/* GET /api/v1/units, /api/v1/units/:code, .../history, .../successors,
 * .../predecessors (h_units.c) */
int http_handle_units_list(struct http_req *req);
int http_handle_unit_get(struct http_req *req);
int http_handle_unit_history(struct http_req *req);
int http_handle_unit_successors(struct http_req *req);
int http_handle_unit_predecessors(struct http_req *req);

/* POST /api/v1/session, DELETE /api/v1/session, GET /api/v1/me
 * (h_session.c) */
int http_handle_login(struct http_req *req);
int http_handle_logout(struct http_req *req);
int http_handle_me(struct http_req *req);

/* GET /api/v1/jobs/:id: the progress of a long request of the caller, by
 * its X-Job-Id token (h_jobs.c) */
int http_handle_job_get(struct http_req *req);

/* POST /api/v1/quote: the allowance calculator (h_quote.c) */
int http_handle_quote(struct http_req *req);

/* GET /api/v1/users, POST /api/v1/users, GET and PATCH /api/v1/users/:id
 * (h_users.c) */
int http_handle_users_list(struct http_req *req);
int http_handle_users_create(struct http_req *req);
int http_handle_user_get(struct http_req *req);
int http_handle_user_update(struct http_req *req);

/* GET /api/v1/audit (h_audit.c) */
int http_handle_audit_list(struct http_req *req);

/* GET /api/v1/openapi.json (openapi.c) */
int http_handle_openapi(struct http_req *req);

/* GET and POST /api/v1/persons, GET and PATCH /api/v1/persons/:id,
 * POST /api/v1/persons/:id/documents, PUT /api/v1/persons/:id/payment,
 * GET /api/v1/beneficiaries (h_persons.c) */
int http_handle_persons_list(struct http_req *req);
int http_handle_person_create(struct http_req *req);
int http_handle_person_get(struct http_req *req);
int http_handle_person_update(struct http_req *req);
int http_handle_person_document_add(struct http_req *req);
int http_handle_person_payment_set(struct http_req *req);
int http_handle_beneficiaries_list(struct http_req *req);

/* GET/HEAD of anything else: a file of the web folder (static.c) */
int http_handle_static(struct http_req *req);

#endif
