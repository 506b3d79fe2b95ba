/* router.c: path parser, route table, permission and CSRF checks.
 *
 * The one place that decides who may run a handler (ENGINEERING.md §7):
 * router_dispatch. See router.h for the rules.
 */
#include "http/router.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "app/auth.h"
#include "app/payroll.h"
#include "core/text.h"
#include "http/case_handlers.h"
#include "http/dossier_handlers.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/oversight_handlers.h"
#include "http/payroll_handlers.h"
#include "util/log.h"
#include "util/xalloc.h"

#define PERM_BIT(p) (1u << (p))

/* The route table: the first match wins, so the static catch-all is last.
 * Every route also needs its entry in route_docs.c (OpenAPI metadata), or
 * tests/api/test_openapi.c fails. */
static const struct router_route routes[] = {
    {"GET", "/healthz", http_handle_healthz, ROUTER_PERM_PUBLIC, 0},
    {"GET", "/api/v1/units", http_handle_units_list, ROUTER_PERM_PUBLIC, 0},
    {"GET", "/api/v1/units/:code", http_handle_unit_get, ROUTER_PERM_PUBLIC, 0},
    {"GET", "/api/v1/units/:code/history", http_handle_unit_history,
     ROUTER_PERM_PUBLIC, 0},
    {"GET", "/api/v1/units/:code/successors", http_handle_unit_successors,
     ROUTER_PERM_PUBLIC, 0},
    {"GET", "/api/v1/units/:code/predecessors", http_handle_unit_predecessors,
     ROUTER_PERM_PUBLIC, 0},
    {"POST", "/api/v1/quote", http_handle_quote, ROUTER_PERM_PUBLIC,
     ROUTER_NO_CSRF},
    {"POST", "/api/v1/session", http_handle_login, ROUTER_PERM_PUBLIC,
     ROUTER_NO_CSRF},
    {"DELETE", "/api/v1/session", http_handle_logout, ROUTER_PERM_AUTHENTICATED,
     0},
    {"GET", "/api/v1/me", http_handle_me, ROUTER_PERM_AUTHENTICATED, 0},
    {"GET", "/api/v1/jobs/:id", http_handle_job_get, ROUTER_PERM_AUTHENTICATED,
     0},
    {"GET", "/api/v1/openapi.json", http_handle_openapi, ROUTER_PERM_PUBLIC, 0},
    {"GET", "/api/v1/users", http_handle_users_list, ROUTER_PERM_USERS_MANAGE,
     0},
    {"POST", "/api/v1/users", http_handle_users_create,
     ROUTER_PERM_USERS_MANAGE, 0},
    {"GET", "/api/v1/users/:id", http_handle_user_get, ROUTER_PERM_USERS_MANAGE,
     0},
    {"PATCH", "/api/v1/users/:id", http_handle_user_update,
     ROUTER_PERM_USERS_MANAGE, 0},
    {"GET", "/api/v1/audit", http_handle_audit_list, ROUTER_PERM_AUDIT_READ, 0},
    {"GET", "/api/v1/persons", http_handle_persons_list,
     ROUTER_PERM_PERSON_READ, 0},
    {"POST", "/api/v1/persons", http_handle_person_create,
     ROUTER_PERM_PERSON_WRITE, 0},
    {"GET", "/api/v1/persons/:id", http_handle_person_get,
     ROUTER_PERM_PERSON_READ, 0},
    {"PATCH", "/api/v1/persons/:id", http_handle_person_update,
     ROUTER_PERM_PERSON_WRITE, 0},
    {"POST", "/api/v1/persons/:id/documents", http_handle_person_document_add,
     ROUTER_PERM_PERSON_WRITE, 0},
    {"PUT", "/api/v1/persons/:id/payment", http_handle_person_payment_set,
     ROUTER_PERM_PERSON_WRITE, 0},
    {"GET", "/api/v1/beneficiaries", http_handle_beneficiaries_list,
     ROUTER_PERM_PERSON_READ, 0},
    /* The payroll (docs/payroll.md). */
    {"GET", "/api/v1/payrolls", http_handle_payrolls_list,
     ROUTER_PERM_PAYROLL_READ, 0},
    {"POST", "/api/v1/payrolls", http_handle_payroll_prepare,
     ROUTER_PERM_PAYROLL_PREPARE, 0},
    {"GET", "/api/v1/payrolls/:id", http_handle_payroll_get,
     ROUTER_PERM_PAYROLL_READ, 0},
    {"POST", "/api/v1/payrolls/:id/check", http_handle_payroll_check,
     ROUTER_PERM_PAYROLL_PREPARE, 0},
    {"POST", "/api/v1/payrolls/:id/approve", http_handle_payroll_approve,
     ROUTER_PERM_PAYROLL_APPROVE, 0},
    {"POST", "/api/v1/payrolls/:id/send", http_handle_payroll_send,
     ROUTER_PERM_PAYROLL_PREPARE, 0},
    {"POST", "/api/v1/payrolls/:id/blocks", http_handle_payroll_block,
     ROUTER_PERM_PAYROLL_PREPARE, 0},
    {"GET", "/api/v1/payrolls/:id/provider.csv",
     http_handle_payroll_provider_csv, ROUTER_PERM_PAYROLL_PAY, 0},
    {"GET", "/api/v1/payrolls/:id/provider.xlsx",
     http_handle_payroll_provider_xlsx, ROUTER_PERM_PAYROLL_PAY, 0},
    {"GET", "/api/v1/payrolls/:id/lists/:point", http_handle_payroll_list_point,
     ROUTER_PERM_PAYROLL_PAY, 0},
    {"POST", "/api/v1/payrolls/:id/reconciliation",
     http_handle_payroll_reconcile, ROUTER_PERM_PAYROLL_PAY, 0},
    {"GET", "/api/v1/payrolls/:id/reconciliation",
     http_handle_payroll_reconciliation, ROUTER_PERM_PAYROLL_PAY, 0},
    {"GET", "/api/v1/reports/budget", http_handle_report_budget,
     ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/api/v1/reports/bhyt", http_handle_report_bhyt,
     ROUTER_PERM_PAYROLL_READ, 0},
    {"GET", "/api/v1/dossiers", http_handle_dossiers_list,
     ROUTER_PERM_DOSSIER_READ, 0},
    {"POST", "/api/v1/dossiers", http_handle_dossier_create,
     ROUTER_PERM_DOSSIER_ACT, 0},
    {"GET", "/api/v1/dossiers/:id", http_handle_dossier_get,
     ROUTER_PERM_DOSSIER_READ, 0},
    {"POST", "/api/v1/dossiers/:id/transitions", http_handle_dossier_transition,
     ROUTER_PERM_DOSSIER_ACT, 0},
    {"POST", "/api/v1/dossiers/:id/complaints", http_handle_complaint_create,
     ROUTER_PERM_DOSSIER_ACT, 0},
    {"POST", "/api/v1/dossiers/:id/complaints/:cid/resolve",
     http_handle_complaint_resolve, ROUTER_PERM_DOSSIER_ACT, 0},
    {"GET", "/api/v1/decisions", http_handle_decisions_list,
     ROUTER_PERM_DOSSIER_READ, 0},
    {"POST", "/api/v1/decisions", http_handle_decision_sign,
     ROUTER_PERM_DECISION_SIGN, 0},
    {"GET", "/api/v1/decisions/:id", http_handle_decision_get,
     ROUTER_PERM_DOSSIER_READ, 0},
    {"GET", "/api/v1/decisions/:id/print", http_handle_decision_print,
     ROUTER_PERM_DOSSIER_READ, 0},
    {"GET", "/api/v1/units/:code/posting", http_handle_unit_posting,
     ROUTER_PERM_DOSSIER_READ, 0},
    {"GET", "/api/v1/procedures", http_handle_procedures,
     ROUTER_PERM_AUTHENTICATED, 0},
    {"GET", "/api/v1/tasks", http_handle_tasks_list, ROUTER_PERM_PERSON_READ,
     0},
    {"POST", "/api/v1/tasks/generate", http_handle_tasks_generate,
     ROUTER_PERM_PERSON_WRITE, 0},
    {"POST", "/api/v1/tasks/:id/done", http_handle_task_done,
     ROUTER_PERM_PERSON_WRITE, 0},
    {"POST", "/api/v1/admin/reorganise", http_handle_reorganise,
     ROUTER_PERM_REORGANISE, 0},
    {"GET", "/api/v1/reports/summary", http_handle_report_summary,
     ROUTER_PERM_REPORT_READ, 0},
    /* The oversight view and Forms 10a-10d (docs/oversight.md). */
    {"GET", "/api/v1/reports/oversight", http_handle_report_oversight,
     ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/api/v1/reports/oversight.xlsx", http_handle_report_oversight_xlsx,
     ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/api/v1/reports/oversight.pdf", http_handle_report_oversight_pdf,
     ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/api/v1/reports/oversight/print",
     http_handle_report_oversight_print, ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/api/v1/reports/forms/:form", http_handle_report_form,
     ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/api/v1/reports/forms/:form/print", http_handle_report_form_print,
     ROUTER_PERM_REPORT_READ, 0},
    {"GET", "/*", http_handle_static, ROUTER_PERM_PUBLIC, 0},
};

/* Which role holds which permission (the matrix in router.h). Every
 * signed-in role is AUTHENTICATED; role-based permissions are granted here
 * only. */
#define CASE_READ                                                              \
    (PERM_BIT(ROUTER_PERM_PERSON_READ) | PERM_BIT(ROUTER_PERM_DOSSIER_READ) |  \
     PERM_BIT(ROUTER_PERM_REPORT_READ) | PERM_BIT(ROUTER_PERM_PAYROLL_READ))
#define OFFICER                                                                \
    (CASE_READ | PERM_BIT(ROUTER_PERM_PERSON_WRITE) |                          \
     PERM_BIT(ROUTER_PERM_DOSSIER_ACT) |                                       \
     PERM_BIT(ROUTER_PERM_PAYROLL_PREPARE) |                                   \
     PERM_BIT(ROUTER_PERM_PAYROLL_PAY))
#define CHAIRMAN                                                               \
    (CASE_READ | PERM_BIT(ROUTER_PERM_DOSSIER_ACT) |                           \
     PERM_BIT(ROUTER_PERM_DECISION_SIGN) |                                     \
     PERM_BIT(ROUTER_PERM_PAYROLL_APPROVE))

static const struct {
    const char *role;
    unsigned perms;
} role_table[] = {
    {"admin", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | CASE_READ |
                  PERM_BIT(ROUTER_PERM_AUDIT_READ) |
                  PERM_BIT(ROUTER_PERM_USERS_MANAGE) |
                  PERM_BIT(ROUTER_PERM_REORGANISE)},
    {"commune_officer", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | OFFICER},
    {"commune_chairman", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | CHAIRMAN},
    {"district_officer", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | OFFICER},
    {"district_chairman", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | CHAIRMAN},
    {"province_officer", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | OFFICER},
    {"supervisor",
     PERM_BIT(ROUTER_PERM_AUTHENTICATED) | PERM_BIT(ROUTER_PERM_REPORT_READ)},
    {"auditor", PERM_BIT(ROUTER_PERM_AUTHENTICATED) | CASE_READ |
                    PERM_BIT(ROUTER_PERM_AUDIT_READ)},
    {"provider",
     PERM_BIT(ROUTER_PERM_AUTHENTICATED) | PERM_BIT(ROUTER_PERM_PAYROLL_PAY)},
};

const struct router_route *router_routes(size_t *n)
{
    *n = sizeof routes / sizeof routes[0];
    return routes;
}

int router_role_has(const char *role, enum router_perm perm)
{
    size_t i;

    if (perm == ROUTER_PERM_PUBLIC)
        return 1;
    if (role == NULL || (unsigned)perm >= ROUTER_PERM_COUNT)
        return 0;
    for (i = 0; i < sizeof role_table / sizeof role_table[0]; i++) {
        if (strcmp(role_table[i].role, role) == 0)
            return (role_table[i].perms & PERM_BIT(perm)) != 0;
    }
    return 0;
}

/* --- Path parser --------------------------------------------------------
 */

static int hex_value(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* RFC 3986 pchar, without '%' (handled by the caller). */
static int is_pchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
        (c >= '0' && c <= '9'))
        return 1;
    return c != '\0' && strchr("-._~!$&'()*+,;=:@", c) != NULL;
}

int router_path_parse(const char *s, size_t len, struct router_path *out)
{
    size_t i, o = 0;

    out->count = 0;
    out->dir = 0;
    if (len == 0 || s[0] != '/')
        return ROUTER_EBADPATH;
    if (len > ROUTER_PATH_MAX)
        return ROUTER_ETOOLONG;
    i = 1;
    for (;;) {
        size_t start = o, seglen;
        const char *seg;

        while (i < len && s[i] != '/') {
            unsigned char c = (unsigned char)s[i];

            if (c == '%') {
                int hi, lo;

                if (len - i < 3)
                    return ROUTER_EBADPATH;
                hi = hex_value((unsigned char)s[i + 1]);
                lo = hex_value((unsigned char)s[i + 2]);
                if (hi < 0 || lo < 0)
                    return ROUTER_EBADPATH;
                c = (unsigned char)(hi * 16 + lo);
                i += 3;
                /* An encoded '/' would make one segment look like two
                 * to whatever reads the path next: refuse it. */
                if (c == '/' || c == '\0')
                    return ROUTER_EBADPATH;
            } else {
                if (c == '\\')
                    return ROUTER_ETRAVERSAL;
                if (!is_pchar(c))
                    return ROUTER_EBADPATH;
                i++;
            }
            if (c == '\\')
                return ROUTER_ETRAVERSAL;
            if (c < 0x20 || c == 0x7f)
                return ROUTER_EBADPATH;
            if (o - start >= ROUTER_SEGMENT_MAX)
                return ROUTER_ETOOLONG;
            out->buf[o++] = (char)c;
        }
        seglen = o - start;
        seg = out->buf + start;
        if (seglen == 0) {
            if (i >= len) { /* the path ends with '/' */
                out->dir = 1;
                return ROUTER_OK;
            }
            return ROUTER_EBADPATH; /* "//" */
        }
        if ((seglen == 1 && seg[0] == '.') ||
            (seglen == 2 && seg[0] == '.' && seg[1] == '.'))
            return ROUTER_ETRAVERSAL;
        if (!text_valid_utf8(seg, seglen))
            return ROUTER_EBADPATH;
        if (out->count >= ROUTER_SEGMENTS_MAX)
            return ROUTER_ETOOLONG;
        assert(o < sizeof out->buf);
        out->buf[o++] = '\0';
        out->seg[out->count] = seg;
        out->seg_len[out->count] = seglen;
        out->count++;
        if (i >= len)
            return ROUTER_OK;
        i++; /* skip '/' */
    }
}

/* --- Matching -----------------------------------------------------------
 */

/* Match pattern against path, filling the params and rest of m. Returns 1
 * on a match. */
static int pattern_match(const char *pattern, const struct router_path *path,
                         struct router_match *m)
{
    const char *p = pattern + 1; /* patterns start with '/' */
    size_t idx = 0;

    m->nparams = 0;
    m->rest_index = 0;
    if (*p == '\0') /* "/" */
        return path->count == 0;
    for (;;) {
        const char *end = strchr(p, '/');
        size_t plen = end ? (size_t)(end - p) : strlen(p);

        if (plen == 1 && p[0] == '*') {
            m->rest_index = idx;
            return 1;
        }
        if (idx >= path->count)
            return 0;
        if (p[0] == ':') {
            if (m->nparams >= ROUTER_PARAMS_MAX)
                return 0;
            m->param_name[m->nparams] = p + 1;
            m->param_name_len[m->nparams] = plen - 1;
            m->param[m->nparams] = path->seg[idx];
            m->nparams++;
        } else if (plen != path->seg_len[idx] ||
                   memcmp(p, path->seg[idx], plen) != 0) {
            return 0;
        }
        idx++;
        if (end == NULL)
            break;
        p = end + 1;
    }
    return idx == path->count && !path->dir;
}

static int method_matches(const char *route_method, const char *method)
{
    if (strcmp(route_method, method) == 0)
        return 1;
    return strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0;
}

static int is_wildcard(const char *pattern)
{
    size_t n = strlen(pattern);

    return n >= 1 && pattern[n - 1] == '*';
}

int router_match_in(const struct router_route *table, size_t n,
                    const char *method, const struct router_path *path,
                    struct router_match *m)
{
    size_t i;
    int other_method = 0;

    memset(m, 0, sizeof *m);
    for (i = 0; i < n; i++) {
        struct router_match tmp;

        if (!pattern_match(table[i].pattern, path, &tmp))
            continue;
        if (!method_matches(table[i].method, method)) {
            if (!is_wildcard(table[i].pattern))
                other_method = 1;
            continue;
        }
        *m = tmp;
        m->route = &table[i];
        return ROUTER_OK;
    }
    return other_method ? ROUTER_EMETHOD : ROUTER_ENOTFOUND;
}

/* Routes that take uploads larger than the server's body cap. */
static const struct {
    const char *method, *pattern;
    size_t cap;
} upload_routes[] = {
    {"POST", "/api/v1/payrolls/:id/reconciliation", APP_PAY_UPLOAD_MAX},
};

size_t router_body_cap(const char *method, const char *raw_path)
{
    struct router_path *path;
    struct router_match m;
    size_t n, cap = 0;

    if (method == NULL || raw_path == NULL)
        return 0;
    path = xmalloc(sizeof *path);
    router_routes(&n);
    if (router_path_parse(raw_path, strlen(raw_path), path) == ROUTER_OK &&
        router_match_in(routes, n, method, path, &m) == ROUTER_OK) {
        size_t i;

        for (i = 0; i < sizeof upload_routes / sizeof upload_routes[0]; i++)
            if (strcmp(upload_routes[i].method, m.route->method) == 0 &&
                strcmp(upload_routes[i].pattern, m.route->pattern) == 0)
                cap = upload_routes[i].cap;
    }
    free(path);
    return cap;
}

void router_allow(const struct router_route *table, size_t n,
                  const struct router_path *path, char *out, size_t cap)
{
    size_t i, used = 0;

    assert(cap > 0);
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        struct router_match tmp;
        const char *meth[2];
        size_t k, nm = 0;

        if (is_wildcard(table[i].pattern) ||
            !pattern_match(table[i].pattern, path, &tmp))
            continue;
        meth[nm++] = table[i].method;
        if (strcmp(table[i].method, "GET") == 0)
            meth[nm++] = "HEAD";
        for (k = 0; k < nm; k++) {
            size_t ml = strlen(meth[k]), need = ml + (used ? 2 : 0);

            if (used + need + 1 > cap)
                return;
            if (used) {
                memcpy(out + used, ", ", 2);
                used += 2;
            }
            memcpy(out + used, meth[k], ml);
            used += ml;
            out[used] = '\0';
        }
    }
}

/* --- Dispatch -----------------------------------------------------------
 */

static int state_changing(const char *method)
{
    return strcmp(method, "POST") == 0 || strcmp(method, "PUT") == 0 ||
           strcmp(method, "PATCH") == 0 || strcmp(method, "DELETE") == 0;
}

/* Find the session of the cookie into req (has_user, user, token).
 * Returns 0 when there is one; -1 after answering 401 or 503. */
static int find_session(struct http_req *req)
{
    const char *cookie;
    struct db *db;
    int rc;

    cookie = http_req_cookie(req, HTTP_SESSION_COOKIE);
    if (cookie == NULL || cookie[0] == '\0') {
        hjson_reply_error(req, 401, "unauthenticated",
                          "Vui lòng đăng nhập để tiếp tục.", NULL);
        return -1;
    }
    db = http_req_db(req);
    if (db == NULL) {
        hjson_reply_error(req, 503, "unavailable",
                          "Không kết nối được cơ sở dữ liệu. Vui lòng thử "
                          "lại sau.",
                          NULL);
        return -1;
    }
    rc = app_auth_session(db, cookie, &req->user);
    if (rc == APP_AUTH_ENOSESSION) {
        hjson_reply_error(req, 401, "unauthenticated",
                          "Phiên đăng nhập không hợp lệ hoặc đã hết hạn. "
                          "Vui lòng đăng nhập lại.",
                          NULL);
        return -1;
    }
    if (rc < 0) {
        log_error("session lookup failed", "req=%lu rc=%d", req->id, rc);
        hjson_reply_error(req, 503, "unavailable",
                          "Không kiểm tra được phiên đăng nhập. Vui lòng thử "
                          "lại sau.",
                          NULL);
        return -1;
    }
    req->has_user = 1;
    /* app_auth_session accepted it, so it has the token's exact length. */
    memcpy(req->token, cookie, APP_AUTH_TOKEN_LEN);
    req->token[APP_AUTH_TOKEN_LEN] = '\0';
    return 0;
}

/* Session, CSRF and permission, in this order: who (401), then whether
 * the request came from our page (403 csrf), then what the role may do
 * (403 forbidden). Returns 0 when the handler may run, else -1 after
 * answering. */
static int authorize(struct http_req *req, const struct router_route *route)
{
    int needs_csrf =
        state_changing(req->method) && !(route->flags & ROUTER_NO_CSRF);

    if (route->perm == ROUTER_PERM_PUBLIC && !needs_csrf)
        return 0;
    if (find_session(req) != 0)
        return -1;
    if (needs_csrf &&
        !app_auth_csrf_ok(req->token, http_req_header(req, "X-CSRF-Token"))) {
        hjson_reply_error(req, 403, "csrf",
                          "Yêu cầu thiếu mã chống giả mạo (tiêu đề "
                          "X-CSRF-Token) hoặc mã không đúng. Hãy tải lại "
                          "trang rồi thử lại.",
                          NULL);
        return -1;
    }
    if (!router_role_has(req->user.role, route->perm)) {
        hjson_reply_error(req, 403, "forbidden",
                          "Tài khoản của bạn không có quyền thực hiện thao "
                          "tác này.",
                          NULL);
        return -1;
    }
    return 0;
}

int router_dispatch(struct http_req *req)
{
    const struct router_route *route;
    size_t n;
    int rc;

    rc = router_path_parse(req->raw_path, strlen(req->raw_path), &req->path);
    if (rc == ROUTER_ETRAVERSAL) {
        hjson_reply_error(req, 403, "forbidden_path",
                          "Đường dẫn không được phép.", NULL);
        return 0;
    }
    if (rc == ROUTER_ETOOLONG) {
        hjson_reply_error(req, 414, "path_too_long", "Đường dẫn quá dài.",
                          NULL);
        return 0;
    }
    if (rc != ROUTER_OK) {
        hjson_reply_error(req, 400, "bad_path", "Đường dẫn không hợp lệ.",
                          NULL);
        return 0;
    }
    router_routes(&n);
    rc = router_match_in(routes, n, req->method, &req->path, &req->match);
    if (rc == ROUTER_EMETHOD) {
        char allow[128];

        router_allow(routes, n, &req->path, allow, sizeof allow);
        hjson_reply_error(req, 405, "method_not_allowed",
                          "Địa chỉ này không hỗ trợ phương thức yêu cầu.",
                          NULL);
        http_reply_header(req, "Allow", allow);
        return 0;
    }
    if (rc != ROUTER_OK) {
        hjson_reply_error(req, 404, "not_found",
                          "Không tìm thấy địa chỉ yêu cầu.", NULL);
        return 0;
    }
    route = req->match.route;
    if (authorize(req, route) != 0)
        return 0;
    rc = route->handler(req);
    if (rc < 0 || req->resp == NULL) {
        log_error("handler failed", "req=%lu pattern=\"%s\" rc=%d", req->id,
                  route->pattern, rc);
        hjson_reply_error(req, 500, "internal",
                          "Lỗi máy chủ nội bộ. Vui lòng thử lại sau.", NULL);
    }
    return 0;
}
