/* dossier_handlers.h: the handlers of the case-management API
 * (h_dossiers.c; docs/dossiers.md), named in the route table of
 * router.c. Each takes the request after the router has checked CSRF and
 * the route's permission, answers through http.h/json.h and returns 0
 * once it has answered. */
#ifndef ANSINH_HTTP_DOSSIER_HANDLERS_H
#define ANSINH_HTTP_DOSSIER_HANDLERS_H

struct http_req;

/* GET and POST /api/v1/dossiers, GET /api/v1/dossiers/:id,
 * POST .../transitions, POST .../complaints,
 * POST .../complaints/:cid/resolve */
int http_handle_dossiers_list(struct http_req *req);
int http_handle_dossier_create(struct http_req *req);
int http_handle_dossier_get(struct http_req *req);
int http_handle_dossier_transition(struct http_req *req);
int http_handle_complaint_create(struct http_req *req);
int http_handle_complaint_resolve(struct http_req *req);

/* GET and POST /api/v1/decisions, GET /api/v1/decisions/:id and
 * .../print */
int http_handle_decisions_list(struct http_req *req);
int http_handle_decision_sign(struct http_req *req);
int http_handle_decision_get(struct http_req *req);
int http_handle_decision_print(struct http_req *req);

/* GET /api/v1/units/:code/posting, GET /api/v1/procedures */
int http_handle_unit_posting(struct http_req *req);
int http_handle_procedures(struct http_req *req);

#endif
