/* router.h: request paths, the route table and permissions.
 *
 * A request path goes through a parser (router_path_parse) before anything
 * looks at it: segments are percent-decoded one by one, and a path that is
 * not plain (bad escapes, NUL, control bytes, invalid UTF-8, an encoded
 * '/') or that tries to climb ('.' or '..' segments, backslashes, raw or
 * encoded) is refused, with caps on length and segment count. Handlers and
 * the static file server only ever see the decoded, checked segments.
 *
 * The route table (router.c) lists {method, pattern, handler, permission,
 * flags}. Patterns are '/'-separated literal segments, ":name" segments
 * that capture one segment, and a final "*" that matches the rest. A GET
 * route also answers HEAD.
 *
 * Permissions are checked in ONE place, router_dispatch, before a handler
 * runs: ROUTER_PERM_PUBLIC needs nothing; every other permission needs a
 * valid session (401) whose role holds it in the role table of router.c
 * (403). State-changing methods (POST, PUT, PATCH, DELETE) also need the
 * header `X-CSRF-Token` equal to the session's CSRF token (app/auth.h),
 * checked before the role (403 "csrf" otherwise), unless the route is
 * marked ROUTER_NO_CSRF (login only). WHERE a user may act (the area) is
 * the scope (app/scope.h), checked by the use case: out of scope is 404.
 * docs/authz.md.
 */
#ifndef ANSINH_HTTP_ROUTER_H
#define ANSINH_HTTP_ROUTER_H

#include <stddef.h>

struct http_req;

#define ROUTER_PATH_MAX     2048 /* raw bytes of a path */
#define ROUTER_SEGMENTS_MAX 16
#define ROUTER_SEGMENT_MAX  255 /* decoded bytes of one segment */
#define ROUTER_PARAMS_MAX   4

enum router_rc {
    ROUTER_OK = 0,
    ROUTER_ENOTFOUND = -1,  /* no route has this path */
    ROUTER_EMETHOD = -2,    /* a route has this path, not this method */
    ROUTER_EBADPATH = -3,   /* malformed path */
    ROUTER_ETRAVERSAL = -4, /* '.', '..' or backslash: refused outright */
    ROUTER_ETOOLONG = -5    /* path, segment or segment count over caps */
};

/* Permissions a route may require. Role-based permissions are added here
 * and in the role table of router.c, never checked anywhere else. What a
 * role may do comes from this table; WHERE (which area) comes from the
 * user's scope (app/scope.h), checked by the handler's store query, with
 * 404 for anything outside it.
 *
 * Role x permission (x: granted). Every signed-in role is AUTHENTICATED.
 *
 *                  admin c_off c_chair d_off d_chair p_off superv audit prov
 *   PERSON_READ      x     x      x      x      x      x     -      x    -
 *   PERSON_WRITE     -     x      -      x      -      x     -      -    -
 *   DOSSIER_READ     x     x      x      x      x      x     -      x    -
 *   DOSSIER_ACT      -     x      x      x      x      x     -      -    -
 *   DECISION_SIGN    -     -      x      -      x      -     -      -    -
 *   REPORT_READ      x     x      x      x      x      x     x      x    -
 *   AUDIT_READ       x     -      -      -      -      -     -      x    -
 *   USERS_MANAGE     x     -      -      -      -      -     -      -    -
 *   REORGANISE       x     -      -      -      -      -     -      -    -
 *   PAYROLL_READ     x     x      x      x      x      x     -      x    -
 *   PAYROLL_PREPARE  -     x      -      x      -      x     -      -    -
 *   PAYROLL_APPROVE  -     -      x      -      x      -     -      -    -
 *   PAYROLL_PAY      -     x      -      x      -      x     -      -    x
 *
 * c_ = commune_, d_ = district_, p_off = province_officer, superv =
 * supervisor (aggregates only: no person-level data), audit = auditor
 * (reads everything in its area, audit log included; writes nothing),
 * prov = provider (the payment provider: provider files, payment point
 * lists and result files of its area, nothing else; docs/payroll.md).
 * The admin reads case data (support) but neither writes nor decides it:
 * case work is done under a case-working account, so the log says who. */
enum router_perm {
    ROUTER_PERM_PUBLIC = 0,      /* anyone, no session needed */
    ROUTER_PERM_AUTHENTICATED,   /* any signed-in user, whatever the role */
    ROUTER_PERM_PERSON_READ,     /* persons, households, beneficiaries */
    ROUTER_PERM_PERSON_WRITE,    /* create and correct them */
    ROUTER_PERM_DOSSIER_READ,    /* dossiers (hồ sơ) and their history */
    ROUTER_PERM_DOSSIER_ACT,     /* act on a dossier step; which step a role
                                    may take comes from procedure data */
    ROUTER_PERM_DECISION_SIGN,   /* sign a decision (chairmen) */
    ROUTER_PERM_REPORT_READ,     /* aggregates and statistics */
    ROUTER_PERM_AUDIT_READ,      /* the audit log */
    ROUTER_PERM_USERS_MANAGE,    /* create and manage accounts (admin) */
    ROUTER_PERM_REORGANISE,      /* apply administrative-unit changes */
    ROUTER_PERM_PAYROLL_READ,    /* payrolls, their lines and explanations,
                                    the health-insurance list */
    ROUTER_PERM_PAYROLL_PREPARE, /* prepare, check (not one's own), send,
                                    block lines */
    ROUTER_PERM_PAYROLL_APPROVE, /* approve (chairmen; never the preparer
                                    or the checker) */
    ROUTER_PERM_PAYROLL_PAY,     /* provider files, payment point lists,
                                    result files (officers and the payment
                                    provider) */
    ROUTER_PERM_COUNT
};

enum router_flags {
    ROUTER_NO_CSRF = 1 << 0 /* state-changing without X-CSRF-Token */
};

/* A route handler: reads req, answers through http_reply (http.h) or the
 * json.h helpers. Returns 0; a negative value means it failed without
 * answering, and the router answers 500. */
typedef int (*router_handler_fn)(struct http_req *req);

struct router_route {
    const char *method;  /* "GET", "POST", "DELETE", ... */
    const char *pattern; /* "/api/v1/units/:code/history", or "/" + "*" */
    router_handler_fn handler;
    enum router_perm perm;
    unsigned flags; /* enum router_flags */
};

/* A parsed path: decoded segments, NUL-terminated, inside buf. */
struct router_path {
    char buf[ROUTER_PATH_MAX + ROUTER_SEGMENTS_MAX];
    const char *seg[ROUTER_SEGMENTS_MAX];
    size_t seg_len[ROUTER_SEGMENTS_MAX];
    size_t count;
    int dir; /* the path ends with '/' ("/" itself, "/docs/") */
};

struct router_match {
    const struct router_route *route;
    const char *param_name[ROUTER_PARAMS_MAX]; /* borrowed from pattern */
    size_t param_name_len[ROUTER_PARAMS_MAX];
    const char *param[ROUTER_PARAMS_MAX]; /* borrowed from the path */
    size_t nparams;
    size_t rest_index; /* first path segment matched by a final "*" */
};

/* Parse the raw path (s, len) of a request target (no query string; must
 * start with '/'). Returns ROUTER_OK and *out, or ROUTER_EBADPATH,
 * ROUTER_ETRAVERSAL or ROUTER_ETOOLONG (out then undefined). */
int router_path_parse(const char *s, size_t len, struct router_path *out);

/* Find the route for method and path in table (n entries): the first
 * route whose pattern and method match. Returns ROUTER_OK with *m filled,
 * ROUTER_EMETHOD when only a non-wildcard route with another method has
 * this path, else ROUTER_ENOTFOUND. */
int router_match_in(const struct router_route *table, size_t n,
                    const char *method, const struct router_path *path,
                    struct router_match *m);

/* The application's route table (router.c) and its length. Static. */
const struct router_route *router_routes(size_t *n);

/* 1 if role holds perm (ROUTER_PERM_PUBLIC: always), else 0. An unknown
 * role holds nothing but PUBLIC. */
int router_role_has(const char *role, enum router_perm perm);

/* The body cap of the route that method and raw_path (undecoded, no
 * query) would reach, when the table of upload routes in router.c gives it
 * one above the server's (http_config.body_cap); 0 otherwise (also for a
 * path that does not parse or match). Checked before the body is read,
 * so an upload route can take a file larger than a JSON body. */
size_t router_body_cap(const char *method, const char *raw_path);

/* The Allow header value for path in table ("GET, HEAD, POST"), written
 * into out (capped at cap); "" when nothing matches. */
void router_allow(const struct router_route *table, size_t n,
                  const struct router_path *path, char *out, size_t cap);

/* Run the request: parse the path, match the route, find the session,
 * check CSRF and the permission, run the handler. Every failure is
 * answered here with the JSON error shape (400, 401, 403, 404, 405, 414,
 * 500, 503). Returns 0 when req has an answer (always, unless the answer
 * could not be built). */
int router_dispatch(struct http_req *req);

#endif
