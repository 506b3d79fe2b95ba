/* oversight_handlers.h: the handlers of the oversight view and of Forms
 * 10a-10d (h_oversight.c; docs/oversight.md), named in the route table of
 * router.c. Each takes the request after the router has checked the
 * route's permission (REPORT_READ), answers through http.h/json.h and
 * returns 0 once it has answered. */
#ifndef ANSINH_HTTP_OVERSIGHT_HANDLERS_H
#define ANSINH_HTTP_OVERSIGHT_HANDLERS_H

struct http_req;

/* GET /api/v1/reports/oversight, oversight.xlsx, oversight.pdf,
 * oversight/print */
int http_handle_report_oversight(struct http_req *req);
int http_handle_report_oversight_xlsx(struct http_req *req);
int http_handle_report_oversight_pdf(struct http_req *req);
int http_handle_report_oversight_print(struct http_req *req);

/* GET /api/v1/reports/forms/:form (10a, 10a.xlsx, 10a.pdf) and
 * /api/v1/reports/forms/:form/print */
int http_handle_report_form(struct http_req *req);
int http_handle_report_form_print(struct http_req *req);

#endif
