/* fuzz_router.c: the request-path parser and the matcher, against the real
 * route table (http/router.h).
 *
 * The first byte picks a method, the rest is the raw path. Invariants: an
 * accepted path has at most ROUTER_SEGMENTS_MAX non-empty segments, none
 * of them "." or "..", none holding '/', '\\', NUL or a control byte, all
 * valid UTF-8; a refused path is refused with one of the parser's codes. A
 * match names a route of the table whose method fits, with every :param
 * bound to a segment; ROUTER_EMETHOD comes with a non-empty Allow list.
 * Matching never needs the route's permission to be checked: that is
 * router_dispatch's job, and the table must hold a known one.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/text.h"
#include "http/router.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static const char *const methods[] = {"GET",    "HEAD",  "POST",    "PUT",
                                      "DELETE", "PATCH", "OPTIONS", "BREW"};

static void check_path(const struct router_path *p)
{
    size_t i, j;

    CHECK(p->count <= ROUTER_SEGMENTS_MAX);
    for (i = 0; i < p->count; i++) {
        const char *s = p->seg[i];
        size_t n = p->seg_len[i];

        CHECK(n > 0 && n <= ROUTER_SEGMENT_MAX && strlen(s) == n);
        CHECK(strcmp(s, ".") != 0 && strcmp(s, "..") != 0);
        for (j = 0; j < n; j++) {
            unsigned char c = (unsigned char)s[j];

            CHECK(c != '/' && c != '\\' && c >= 0x20 && c != 0x7f);
        }
        CHECK(text_valid_utf8(s, n));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct router_path path;
    static struct router_match m;
    const struct router_route *table;
    const char *method;
    char allow[128];
    size_t n, i;
    int rc;

    if (size == 0)
        return 0;
    method = methods[data[0] % (sizeof methods / sizeof methods[0])];
    rc = router_path_parse((const char *)data + 1, size - 1, &path);
    if (rc != ROUTER_OK) {
        CHECK(rc == ROUTER_EBADPATH || rc == ROUTER_ETRAVERSAL ||
              rc == ROUTER_ETOOLONG);
        return 0;
    }
    check_path(&path);
    table = router_routes(&n);
    rc = router_match_in(table, n, method, &path, &m);
    if (rc == ROUTER_OK) {
        CHECK(m.route >= table && m.route < table + n);
        CHECK(strcmp(m.route->method, method) == 0 ||
              (strcmp(m.route->method, "GET") == 0 &&
               strcmp(method, "HEAD") == 0));
        CHECK(m.route->handler != NULL);
        CHECK((unsigned)m.route->perm < ROUTER_PERM_COUNT);
        CHECK(m.nparams <= ROUTER_PARAMS_MAX);
        for (i = 0; i < m.nparams; i++) {
            CHECK(m.param[i] != NULL && m.param[i][0] != '\0');
            CHECK(m.param_name_len[i] > 0);
        }
        CHECK(m.rest_index <= path.count);
    } else if (rc == ROUTER_EMETHOD) {
        router_allow(table, n, &path, allow, sizeof allow);
        CHECK(allow[0] != '\0');
    } else {
        CHECK(rc == ROUTER_ENOTFOUND);
    }
    return 0;
}
