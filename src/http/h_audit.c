/* h_audit.c: the audit log API (ROUTER_PERM_AUDIT_READ: auditor, admin).
 *
 *   GET /api/v1/audit?entity=&entity_id=&actor=&page=&per_page=
 *
 * Newest first, the records of the reader's area (app/audit.h), each with
 * who, when, what, the values before and after, and its links in the
 * chain (prev_hash, hash), so a reader can re-check a page by hand.
 * Checking the whole chain is `ansinh audit verify`.
 */
#include <string.h>

#include <jansson.h>

#include "app/audit.h"
#include "app/scope.h"
#include "http/handlers.h"
#include "http/http.h"
#include "http/json.h"
#include "http/params.h"
#include "http/query.h"
#include "store/db.h"

/* A stored JSON text as JSON (it was written by the program, so it
 * parses; anything else is shown as a string rather than lost). */
static json_t *json_text(const char *s)
{
    json_t *v;

    if (s == NULL)
        return json_null();
    v = json_loads(s, JSON_DECODE_ANY, NULL);
    return v ? v : json_string(s);
}

static json_t *entry_json(const struct store_audit_entry *e)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, "
                     "s:s, s:s}",
                     "id", (json_int_t)e->id, "at", e->at, "actor", e->actor,
                     "action", e->action, "entity", e->entity, "entity_id",
                     e->entity_id, "area_path", e->area_path, "detail",
                     json_text(e->detail), "old_value", json_text(e->old_value),
                     "new_value", json_text(e->new_value), "prev_hash",
                     e->prev_hash, "hash", e->hash);
}

int http_handle_audit_list(struct http_req *req)
{
    static const char *const allowed[] = {"entity", "entity_id", "actor",
                                          "page",   "per_page",  NULL};
    struct app_audit_query aq;
    struct app_audit_err err;
    struct store_audit_list l;
    struct app_scope scope;
    struct query q;
    struct db *db;
    json_t *items;
    size_t i;
    int rc;

    if (hparam_query(req, &q, allowed) != 0)
        return 0;
    memset(&aq, 0, sizeof aq);
    aq.entity = query_get(&q, "entity");
    aq.entity_id = query_get(&q, "entity_id");
    aq.actor = query_get(&q, "actor");
    if (hparam_page(req, &q, APP_AUDIT_PAGE_DEFAULT, APP_AUDIT_PAGE_MAX,
                    &aq.page, &aq.per_page) != 0)
        goto out;
    db = hparam_db(req);
    if (db == NULL)
        goto out;
    app_scope_of_user(&req->user, &scope);
    rc = app_audit_list(db, &scope, &aq, &l, &err);
    if (rc == APP_AUDIT_EINVAL) {
        hjson_reply_error(req, 400, "invalid_query", err.msg, err.field);
        goto out;
    }
    if (rc != 0) {
        hparam_store_error(req, db, rc, "audit");
        goto out;
    }
    items = json_array();
    for (i = 0; i < l.count; i++)
        json_array_append_new(items, entry_json(&l.items[i]));
    hjson_reply(req, 200,
                json_pack("{s:o, s:I, s:I, s:I}", "records", items, "page",
                          (json_int_t)aq.page, "per_page",
                          (json_int_t)aq.per_page, "total",
                          (json_int_t)l.total));
    store_audit_list_free(&l);
out:
    query_free(&q);
    return 0;
}
