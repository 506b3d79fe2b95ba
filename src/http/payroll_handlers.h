/* payroll_handlers.h: the handlers of the payroll API (h_payroll.c;
 * docs/payroll.md), named in the route table of router.c. Each takes the
 * request after the router has checked CSRF and the route's permission,
 * answers through http.h/json.h and returns 0 once it has answered. */
#ifndef ANSINH_HTTP_PAYROLL_HANDLERS_H
#define ANSINH_HTTP_PAYROLL_HANDLERS_H

struct http_req;

/* GET and POST /api/v1/payrolls, GET /api/v1/payrolls/:id */
int http_handle_payrolls_list(struct http_req *req);
int http_handle_payroll_prepare(struct http_req *req);
int http_handle_payroll_get(struct http_req *req);

/* POST /api/v1/payrolls/:id/check, .../approve, .../send, .../blocks */
int http_handle_payroll_check(struct http_req *req);
int http_handle_payroll_approve(struct http_req *req);
int http_handle_payroll_send(struct http_req *req);
int http_handle_payroll_block(struct http_req *req);

/* GET .../provider.csv, .../provider.xlsx, .../lists/:point(.pdf) */
int http_handle_payroll_provider_csv(struct http_req *req);
int http_handle_payroll_provider_xlsx(struct http_req *req);
int http_handle_payroll_list_point(struct http_req *req);

/* POST and GET .../reconciliation */
int http_handle_payroll_reconcile(struct http_req *req);
int http_handle_payroll_reconciliation(struct http_req *req);

/* GET /api/v1/reports/budget, /api/v1/reports/bhyt */
int http_handle_report_budget(struct http_req *req);
int http_handle_report_bhyt(struct http_req *req);

#endif
