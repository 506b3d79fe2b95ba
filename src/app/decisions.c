/* decisions.c: signing decisions, reading them and their printable letter
 * (see dossiers.h; docs/dossiers.md; RULES.md §2.6, §6.2, §6.5).
 *
 * Signing runs in one transaction: the decision row, the beneficiary's
 * registry change through app_beneficiary_status (nested: db_transact
 * runs it in a savepoint of this transaction) and the category
 * memberships, the dossier's last step closed with "decide", the audit
 * record. Any refusal undoes all of it.
 */
#include "app/dossiers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/dossiers_int.h"
#include "app/registry.h"
#include "core/category.h"
#include "core/decision.h"
#include "core/registry.h"
#include "store/db.h"
#include "store/store_cases.h"
#include "store/store_dossiers.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "util/buf.h"
#include "util/clock.h"

#define PRINT_CAP (256u * 1024u) /* bytes of a decision letter */

/* --- Signing ---------------------------------------------------------------
 */

struct sign_tx {
    struct dos_ctx *c;
    const struct app_decision_new *in;
    int64_t id;
};

/* The signer rule (procedure data, RULES.md §2.6): the chairman in force
 * on the signing date, of a unit of the right level that holds the
 * dossier's commune on that date. */
static int check_signer(struct db *db, const struct dos_ctx *c,
                        const struct store_dossier *d, struct date on)
{
    const struct procedure_signer *g = procedure_signer_on(c->set, on);
    size_t want_len;
    char iso[11], vn[11];
    int rc;

    date_format_iso(on, iso);
    date_format_vn(on, vn);
    if (g == NULL)
        return dos_fail(c->err, APP_DOS_EINVAL, "no_signer", "signed_on",
                        "Không có quy định về người ký quyết định vào ngày "
                        "%s.",
                        vn);
    if (procedure_role_parse(c->user->role) != g->role)
        return dos_fail(c->err, APP_DOS_EFORBIDDEN, "wrong_signer", NULL,
                        "Quyết định ký ngày %s phải do %s ký (%s).", vn,
                        procedure_role_name(g->role), g->src.basis);
    want_len = g->area == PROCEDURE_AREA_DISTRICT ? 3 : 5;
    rc = strlen(c->user->area_code) == want_len
             ? app_scope_contains(db, &c->scope, d->unit_code, iso)
             : 0;
    if (rc < 0)
        return dos_store_fail(db, c->err, rc);
    if (rc == 0)
        return dos_fail(c->err, APP_DOS_EFORBIDDEN, "wrong_signer", NULL,
                        "Người ký phải là %s của đơn vị quản lý nơi cư trú "
                        "của đối tượng vào ngày %s.",
                        procedure_role_name(g->role), vn);
    return APP_DOS_OK;
}

/* The registry change a decision makes (RULES.md §2.6), through the
 * registry's own use case, in this transaction. */
static int apply_status(struct db *db, const struct dos_ctx *c,
                        const struct store_dossier *d,
                        const struct store_decision *x, json_t *audit)
{
    struct app_scope all = {APP_SCOPE_NATIONAL, ""};
    struct app_status_input in;
    struct app_reg_err rerr;
    struct store_beneficiary b;
    char ref[260], vn[11];
    struct date sd;
    int64_t version = 0;
    int rc;

    /* Caregiver and funeral support are decided without changing the
     * person's own beneficiary record. */
    if (strcmp(d->kind, "care") == 0 || strcmp(d->kind, "funeral") == 0)
        return APP_DOS_OK;
    memset(&in, 0, sizeof in);
    rc = store_registry_get(db, d->person_id, &b);
    if (rc == DB_OK)
        version = b.version;
    else if (rc != DB_ENOTFOUND)
        return dos_store_fail(db, c->err, rc);
    if (strcmp(x->kind, "grant") == 0) {
        /* A grant enrols; a person already enrolled or suspended keeps
         * their status (a further category, care, funeral support). */
        if (rc == DB_OK && strcmp(b.status, "terminated") != 0)
            return APP_DOS_OK;
        in.status = "enrolled";
    } else if (strcmp(x->kind, "suspend") == 0) {
        in.status = "suspended";
        in.reason = x->reason;
    } else if (strcmp(x->kind, "resume") == 0) {
        in.status = "enrolled";
    } else if (strcmp(x->kind, "terminate") == 0) {
        in.status = "terminated";
        in.reason = x->reason;
    } else {
        return APP_DOS_OK; /* adjust: memberships only */
    }
    date_parse_iso(x->signed_on, 10, &sd);
    date_format_vn(sd, vn);
    snprintf(ref, sizeof ref, "%s ngày %s", x->number, vn);
    in.version = rc == DB_OK ? version : 0;
    in.reason_text = x->reason_text;
    in.decision_ref = ref;
    in.valid_from = x->effective_from;
    memset(&rerr, 0, sizeof rerr);
    rc = app_beneficiary_status(db, &all, c->user->username, d->person_id, &in,
                                NULL, &rerr);
    if (rc == APP_REG_OK) {
        json_object_set_new(audit, "status", json_string(in.status));
        return APP_DOS_OK;
    }
    if (rc == APP_REG_ECONFLICT)
        return dos_fail(c->err, APP_DOS_ECONFLICT, "version_conflict", NULL,
                        "%s", rerr.message);
    if (rc == APP_REG_ESTATE || rc == APP_REG_EINVAL || rc == APP_REG_ENOTFOUND)
        return dos_fail(c->err, APP_DOS_ESTATE, "registry_refused", "kind",
                        "Sổ theo dõi đối tượng không cho phép thay đổi này: "
                        "%s",
                        rerr.message);
    return dos_store_fail(db, c->err, rc);
}

/* Memberships of a grant (from each category's month) or an adjustment
 * (the old level ends, the new starts). */
static int apply_memberships(struct db *db, const struct dos_ctx *c,
                             const struct store_dossier *d,
                             const struct store_decision *x,
                             const struct decision_months *m, json_t *audit)
{
    struct store_membership_list ml;
    json_t *added = json_array();
    size_t i, k;
    int rc = DB_OK;

    if (strcmp(d->kind, "grant") != 0 && strcmp(d->kind, "transfer") != 0 &&
        strcmp(d->kind, "adjust") != 0) {
        json_decref(added);
        return APP_DOS_OK;
    }
    for (i = 0; i < m->ncategories && rc == DB_OK; i++) {
        struct store_membership_new mn;
        char from[11];
        int open = 0;

        date_format_iso(month_first_day(m->from[i]), from);
        if (strcmp(x->kind, "adjust") == 0) {
            rc = store_dos_membership_end(db, d->person_id, m->category[i],
                                          from, NULL);
        } else {
            rc = store_persons_memberships(db, d->person_id, &ml);
            for (k = 0; rc == DB_OK && k < ml.count; k++)
                if (strcmp(ml.items[k].category, m->category[i]) == 0 &&
                    (ml.items[k].valid_to[0] == '\0' ||
                     strcmp(ml.items[k].valid_to, from) > 0))
                    open = 1;
            store_membership_list_free(&ml);
        }
        if (rc != DB_OK || open)
            continue;
        memset(&mn, 0, sizeof mn);
        mn.person_id = d->person_id;
        mn.category = m->category[i];
        mn.disability =
            strcmp(m->category[i], "K6") == 0 ? d->disability : NULL;
        mn.valid_from = from;
        rc = store_persons_membership_add(db, c->user->username, &mn, NULL);
        if (rc == DB_OK)
            json_array_append_new(added, json_pack("{s:s, s:s}", "category",
                                                   m->category[i], "valid_from",
                                                   from));
    }
    json_object_set_new(audit, "memberships", added);
    return rc == DB_OK ? APP_DOS_OK : dos_store_fail(db, c->err, rc);
}

static int sign_fn(struct db *db, void *arg)
{
    struct sign_tx *t = arg;
    const struct dos_ctx *c = t->c;
    const struct app_decision_new *in = t->in;
    const struct procedure *p;
    const struct procedure_action *a = NULL;
    struct store_dossier d;
    struct store_decision x, stop;
    struct store_dossier_move mv;
    struct store_dossier_event e;
    struct decision_input di;
    struct decision_months m;
    struct date on, nb;
    const char *at;
    char msg[300], field[32], on_iso[11];
    int64_t version;
    json_t *oldv = NULL, *newv = NULL;
    int rc, kind, late;

    rc = dos_load_for_change(db, c, in->dossier_id, in->version, &d, &p, &at);
    if (rc == APP_DOS_OK)
        rc = dos_may(c, p, at, "decide", &a);
    if (rc != APP_DOS_OK)
        return rc;
    if (d.open_complaints > 0 || d.waiting_documents)
        return dos_fail(c->err, APP_DOS_ESTATE, "held", NULL,
                        "Hồ sơ đang có khiếu nại chưa trả lời hoặc đang chờ "
                        "bổ sung: chưa thể ký quyết định.");
    nb = dos_not_before(&d);
    rc = dos_check_date(c, "signed_on", "Ngày ký", in->signed_on, c->today, &nb,
                        "ngày hồ sơ đến bước quyết định", &on);
    if (rc == APP_DOS_OK)
        rc = check_signer(db, c, &d, on);
    if (rc != APP_DOS_OK)
        return rc;
    date_format_iso(on, on_iso);
    kind = in->kind ? decision_kind_parse(in->kind)
                    : decision_kind_parse(d.proposed);
    if (kind < 0 || strcmp(decision_kind_code(kind), d.proposed) != 0)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_kind", "kind",
                        "Hồ sơ này đề nghị quyết định loại %s.", d.proposed);
    memset(&x, 0, sizeof x);
    rc = dos_check_text(c->err, "number", "Số quyết định", in->number, 1, 50, 0,
                        x.number, sizeof x.number);
    if (rc == APP_DOS_OK)
        rc = dos_check_text(c->err, "reason_text", "Lý do", in->reason_text, 0,
                            APP_DOS_NOTE_MAX, 1, x.reason_text,
                            sizeof x.reason_text);
    if (rc != APP_DOS_OK)
        return rc;
    /* The effective month (RULES.md §2.6). */
    memset(&di, 0, sizeof di);
    di.kind = kind;
    di.signed_on = on;
    date_parse_iso(d.birth_date, 10, &di.birth);
    di.categories = d.categories;
    di.has_certificate =
        date_parse_iso(d.certificate_on, strlen(d.certificate_on),
                       &di.certificate_on) == DATE_OK;
    di.has_event =
        date_parse_iso(d.event_on, strlen(d.event_on), &di.event_on) == DATE_OK;
    di.transfer = strcmp(d.kind, "transfer") == 0;
    di.moved = kind == DECISION_TERMINATE && strcmp(d.ground, "moved") == 0;
    /* A transfer opened by a stop for a move in this system: the new place
     * pays from the month after the month of that decision (§6.3). */
    rc = store_cases_dossier_move_get(db, d.id, &mv);
    if (rc == DB_OK && di.transfer && mv.stop_decision_id > 0) {
        rc = store_decision_get(db, mv.stop_decision_id, 0, &stop);
        if (rc == DB_OK) {
            di.has_event = 1;
            date_parse_iso(stop.signed_on, 10, &di.event_on);
        }
    }
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    if (decision_effective(&di, &m, msg, sizeof msg, field, sizeof field) !=
        DECISION_OK)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_decision", field, "%s",
                        msg);
    x.dossier_id = d.id;
    x.person_id = d.person_id;
    x.year = on.y;
    snprintf(x.signing_unit, sizeof x.signing_unit, "%s", c->user->area_code);
    memcpy(x.signed_on, on_iso, 11);
    x.signer_id = c->user->id;
    snprintf(x.signer_name, sizeof x.signer_name, "%s", c->user->full_name);
    snprintf(x.signer_role, sizeof x.signer_role, "%s", c->user->role);
    snprintf(x.kind, sizeof x.kind, "%s", decision_kind_code(kind));
    snprintf(x.unit_code, sizeof x.unit_code, "%s", d.unit_code);
    date_format_iso(month_first_day(m.effective), x.effective_from);
    snprintf(x.categories, sizeof x.categories, "%s", d.categories);
    snprintf(x.reason, sizeof x.reason, "%s", d.ground);
    snprintf(x.event_on, sizeof x.event_on, "%s", d.event_on);
    clock_now_utc(x.created_at);
    snprintf(x.created_by, sizeof x.created_by, "%s", c->user->username);
    rc = store_decision_insert(db, &x, &x.id);
    if (rc == DB_ECONFLICT)
        return dos_fail(c->err, APP_DOS_EDUPLICATE, "duplicate_number",
                        "number",
                        "Số quyết định %s đã được dùng trong năm %d tại đơn "
                        "vị ký.",
                        x.number, on.y);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    t->id = x.id;
    newv = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s}", "id",
                     (json_int_t)x.id, "number", x.number, "signed_on",
                     x.signed_on, "signing_unit", x.signing_unit, "signer_role",
                     x.signer_role, "kind", x.kind, "person_id",
                     (json_int_t)x.person_id, "effective_from",
                     x.effective_from, "categories", x.categories);
    if (di.transfer && mv.stop_decision_id > 0) {
        rc = dos_transfer_complete(db, c, &d, &x, &stop, &mv, newv);
    } else {
        rc = apply_status(db, c, &d, &x, newv);
        if (rc == APP_DOS_OK)
            rc = apply_memberships(db, c, &d, &x, &m, newv);
        if (rc == APP_DOS_OK && di.moved && mv.to_unit[0] != '\0')
            rc = dos_transfer_open(db, c, &d, &x, &mv, newv);
    }
    if (rc != APP_DOS_OK)
        goto out;
    /* The dossier ends with the decision. */
    version = d.version;
    oldv = dos_state_json(&d);
    late = dos_late_on(p, &d, on_iso);
    dos_event_init(&e, c, &d, at, "decide", on_iso, late, x.number);
    rc = store_dossier_event_add(db, &e);
    if (rc == DB_OK)
        rc = dos_close_visit(db, c, &d, "decide", on_iso, late);
    if (rc != DB_OK) {
        rc = dos_store_fail(db, c->err, rc);
        goto out;
    }
    snprintf(d.state, sizeof d.state, "decided");
    memcpy(d.closed_on, on_iso, 11);
    d.deadline[0] = '\0';
    d.clock_stopped_on[0] = '\0';
    json_object_set_new(newv, "dossier", dos_state_json(&d));
    json_object_set_new(newv, "late", json_boolean(late));
    rc = dos_finish_change(db, c, &d, version, "decision.create", "decision",
                           x.id, on_iso, oldv, newv);
out:
    json_decref(oldv);
    json_decref(newv);
    return rc;
}

int app_decision_sign(struct db *db, const struct app_user *user,
                      const struct app_decision_new *in, int64_t *id,
                      struct app_dos_err *err)
{
    struct dos_ctx c;
    struct sign_tx t;
    int rc = dos_ctx_init(&c, user, err);

    if (rc != APP_DOS_OK)
        return rc;
    if (in->dossier_id <= 0)
        return dos_fail(err, APP_DOS_EINVAL, "missing_field", "dossier_id",
                        "Thiếu mã hồ sơ (dossier_id).");
    memset(&t, 0, sizeof t);
    t.c = &c;
    t.in = in;
    rc = dos_run(db, sign_fn, &t, err);
    if (rc == APP_DOS_OK && id != NULL)
        *id = t.id;
    return rc;
}

/* --- Reading ---------------------------------------------------------------
 */

/* Load decision id when in scope (its commune on the signing day). */
static int load_decision(struct db *db, const struct dos_ctx *c, int64_t id,
                         struct store_decision *x)
{
    int rc = store_decision_get(db, id, 0, x);

    if (rc == DB_OK)
        rc = app_scope_contains(db, &c->scope, x->unit_code, x->signed_on);
    else if (rc == DB_ENOTFOUND)
        rc = 0;
    if (rc < 0)
        return dos_store_fail(db, c->err, rc);
    if (rc == 0)
        return dos_fail(c->err, APP_DOS_ENOTFOUND, "not_found", NULL,
                        "Không tìm thấy quyết định này trong địa bàn của "
                        "bạn.");
    return APP_DOS_OK;
}

static json_t *decision_json(const struct store_decision *x)
{
    json_t *cats = json_array();
    size_t i = 0, n = strlen(x->categories);

    while (i < n) {
        size_t j = i;

        while (j < n && x->categories[j] != ',')
            j++;
        json_array_append_new(cats, json_stringn(x->categories + i, j - i));
        i = j + 1;
    }
    return json_pack(
        "{s:I, s:I, s:s, s:I, s:s, s:s, s:{s:I, s:s, s:s}, s:s, s:s,"
        " s:{s:I, s:s, s:s}, s:s, s:s, s:s#, s:o, s:o, s:s, s:o, s:s, s:s}",
        "id", (json_int_t)x->id, "dossier_id", (json_int_t)x->dossier_id,
        "number", x->number, "year", (json_int_t)x->year, "signing_unit",
        x->signing_unit, "signed_on", x->signed_on, "signer", "id",
        (json_int_t)x->signer_id, "name", x->signer_name, "role",
        x->signer_role, "kind", x->kind, "kind_name",
        decision_kind_name(decision_kind_parse(x->kind)), "person", "id",
        (json_int_t)x->person_id, "full_name", x->person_name, "birth_date",
        x->birth_date, "unit_code", x->unit_code, "effective_from",
        x->effective_from, "effective_month", x->effective_from, (size_t)7,
        "categories", cats, "reason", dos_str(x->reason), "reason_text",
        x->reason_text, "event_on", dos_str(x->event_on), "created_at",
        x->created_at, "created_by", x->created_by);
}

int app_decision_get(struct db *db, const struct app_user *user, int64_t id,
                     json_t **out, struct app_dos_err *err)
{
    struct dos_ctx c;
    struct store_decision x;
    char url[64];
    int rc;

    *out = NULL;
    rc = dos_ctx_init(&c, user, err);
    if (rc == APP_DOS_OK)
        rc = load_decision(db, &c, id, &x);
    if (rc != APP_DOS_OK)
        return rc;
    *out = decision_json(&x);
    snprintf(url, sizeof url, "/api/v1/decisions/%lld/print", (long long)x.id);
    json_object_set_new(*out, "print_url", json_string(url));
    return APP_DOS_OK;
}

static int parse_id(const char *s, int64_t max, int64_t *out)
{
    int64_t v = 0;
    size_t i, n = s ? strlen(s) : 0;

    if (n == 0 || n > 16)
        return -1;
    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

int app_decision_list(struct db *db, const struct app_user *user,
                      const struct app_decision_query *q, json_t **out,
                      struct app_dos_err *err)
{
    struct dos_ctx c;
    struct store_decision_filter f;
    struct store_decision_list l;
    struct date dd;
    int64_t page = 1, per = APP_DOS_PAGE_DEF;
    json_t *items;
    size_t i, n;
    int rc;

    *out = NULL;
    rc = dos_ctx_init(&c, user, err);
    if (rc != APP_DOS_OK)
        return rc;
    memset(&f, 0, sizeof f);
    dos_area_of(&c.scope, &f.scope);
    if (q->page != NULL && parse_id(q->page, 1000000, &page) != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "page",
                        "Số trang phải là số nguyên dương.");
    if (q->per_page != NULL && parse_id(q->per_page, APP_DOS_PAGE_MAX, &per))
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "per_page",
                        "Số dòng mỗi trang phải từ 1 đến %d.",
                        APP_DOS_PAGE_MAX);
    if (q->unit != NULL) {
        n = strlen(q->unit);
        if ((n != 2 && n != 3 && n != 5) || strspn(q->unit, "0123456789") != n)
            return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "unit",
                            "Mã đơn vị gồm 2, 3 hoặc 5 chữ số.");
        f.unit.level = n == 2 ? 1 : n == 3 ? 2 : 3;
        snprintf(f.unit.code, sizeof f.unit.code, "%s", q->unit);
    }
    if (q->kind != NULL && decision_kind_parse(q->kind) < 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "kind",
                        "Loại quyết định phải là grant, adjust, suspend, "
                        "resume hoặc terminate.");
    if ((q->from != NULL &&
         date_parse_iso(q->from, strlen(q->from), &dd) != DATE_OK) ||
        (q->to != NULL && date_parse_iso(q->to, strlen(q->to), &dd) != DATE_OK))
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query",
                        q->from != NULL &&
                                date_parse_iso(q->from, strlen(q->from), &dd) !=
                                    DATE_OK
                            ? "from"
                            : "to",
                        "Ngày phải có thật, dạng YYYY-MM-DD.");
    if (q->person != NULL &&
        parse_id(q->person, INT64_C(9007199254740992), &f.person_id) != 0)
        return dos_fail(err, APP_DOS_EINVAL, "invalid_query", "person",
                        "Mã người phải là số nguyên dương.");
    f.kind = q->kind;
    f.from = q->from;
    f.to = q->to;
    f.limit = per;
    f.offset = (page - 1) * per;
    rc = store_decision_list(db, &f, &l);
    if (rc != DB_OK)
        return dos_store_fail(db, err, rc);
    items = json_array();
    for (i = 0; i < l.count; i++)
        json_array_append_new(items, decision_json(&l.items[i]));
    *out = json_pack("{s:I, s:I, s:I, s:o}", "total", (json_int_t)l.total,
                     "page", (json_int_t)page, "per_page", (json_int_t)per,
                     "items", items);
    store_decision_list_free(&l);
    return APP_DOS_OK;
}

/* --- The printable letter -------------------------------------------------
 */

/* Append s with &, <, >, " and ' escaped. */
static void esc(struct buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&':
            buf_puts(b, "&amp;");
            break;
        case '<':
            buf_puts(b, "&lt;");
            break;
        case '>':
            buf_puts(b, "&gt;");
            break;
        case '"':
            buf_puts(b, "&quot;");
            break;
        case '\'':
            buf_puts(b, "&#39;");
            break;
        case '\n':
            buf_puts(b, "<br>");
            break;
        default:
            buf_putc(b, *s);
        }
    }
}

static const char *subject_of(const struct store_decision *x,
                              const char *dossier_kind)
{
    if (strcmp(x->kind, "grant") == 0) {
        if (strcmp(dossier_kind, "funeral") == 0)
            return "hỗ trợ chi phí mai táng";
        if (strcmp(dossier_kind, "care") == 0)
            return "hưởng hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng";
        return "hưởng trợ cấp xã hội hằng tháng";
    }
    if (strcmp(x->kind, "adjust") == 0)
        return "điều chỉnh mức trợ cấp xã hội hằng tháng";
    if (strcmp(x->kind, "suspend") == 0)
        return "tạm dừng trợ cấp xã hội hằng tháng";
    if (strcmp(x->kind, "resume") == 0)
        return "hưởng lại trợ cấp xã hội hằng tháng";
    return "thôi hưởng trợ cấp xã hội hằng tháng";
}

static void print_letter(struct buf *b, const struct store_decision *x,
                         const struct store_dossier *d,
                         const struct store_dos_person *person,
                         const char *signing_name, const char *commune_name,
                         const char *basis)
{
    struct date sd, birth, eff;
    char s_vn[11], b_vn[11], m_vn[8];
    const char *subject = subject_of(x, d->kind);
    size_t i = 0, n = strlen(x->categories);

    date_parse_iso(x->signed_on, 10, &sd);
    date_parse_iso(x->birth_date, 10, &birth);
    date_parse_iso(x->effective_from, 10, &eff);
    date_format_vn(sd, s_vn);
    date_format_vn(birth, b_vn);
    month_format_vn(month_of(eff), m_vn);
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n"
                "<meta charset=\"utf-8\">\n<title>Quyết định số ");
    esc(b, x->number);
    buf_puts(b, "</title>\n<link rel=\"stylesheet\" href=\"/print.css\">\n"
                "</head>\n<body class=\"letter\">\n<header>\n"
                "<div class=\"org\"><p>ỦY BAN NHÂN DÂN</p><p class=\"b\">");
    esc(b, signing_name);
    buf_puts(b, "</p><p>Số: ");
    esc(b, x->number);
    buf_puts(b, "</p></div>\n<div class=\"nation\"><p class=\"b\">CỘNG HÒA XÃ "
                "HỘI CHỦ NGHĨA VIỆT NAM</p><p class=\"b u\">Độc lập - Tự do - "
                "Hạnh phúc</p><p class=\"i\">");
    esc(b, signing_name);
    buf_printf(b, ", ngày %02d tháng %02d năm %04d</p></div>\n</header>\n",
               sd.d, sd.m, sd.y);
    buf_puts(b, "<h1>QUYẾT ĐỊNH</h1>\n<p class=\"c b\">Về việc ");
    esc(b, subject);
    buf_puts(b, "</p>\n<p class=\"c b\">CHỦ TỊCH ỦY BAN NHÂN DÂN ");
    esc(b, signing_name);
    buf_puts(b, "</p>\n<p>Căn cứ ");
    esc(b, basis);
    buf_puts(b, ";</p>\n<p>Xét hồ sơ số ");
    buf_printf(b, "%lld", (long long)d->id);
    buf_puts(b, " tiếp nhận ngày ");
    {
        struct date sub;
        char sub_vn[11];

        date_parse_iso(d->submitted_on, 10, &sub);
        date_format_vn(sub, sub_vn);
        esc(b, sub_vn);
    }
    buf_puts(b, ",</p>\n<p class=\"c b\">QUYẾT ĐỊNH:</p>\n<p><span class=\"b\">"
                "Điều 1.</span> ");
    /* The subject starts in lower case: a fixed word comes first. */
    buf_puts(b, "Quyết định ");
    esc(b, subject);
    buf_puts(b, " đối với ");
    buf_puts(b, strcmp(person->sex, "M") == 0 ? "ông " : "bà ");
    buf_puts(b, "<span class=\"b\">");
    esc(b, x->person_name);
    buf_puts(b, "</span>, sinh ngày ");
    esc(b, b_vn);
    if (person->id_number[0] != '\0') {
        buf_puts(b, ", số định danh cá nhân ");
        esc(b, person->id_number);
    }
    buf_puts(b, ", cư trú tại ");
    esc(b, commune_name);
    buf_puts(b, ".</p>\n");
    if (n > 0) {
        buf_puts(b, "<p>Diện đối tượng: ");
        while (i < n) {
            size_t j = i;
            const struct category_info *ci;

            while (j < n && x->categories[j] != ',')
                j++;
            ci = category_find(x->categories + i, j - i);
            if (i > 0)
                buf_puts(b, "; ");
            if (ci != NULL) {
                esc(b, ci->name_vi);
                buf_puts(b, " (");
                esc(b, ci->basis);
                buf_puts(b, ")");
            }
            i = j + 1;
        }
        if (d->disability[0] != '\0')
            buf_puts(b, strcmp(d->disability, "severe") == 0
                            ? "; mức độ khuyết tật nặng"
                            : "; mức độ khuyết tật đặc biệt nặng");
        buf_puts(b, ".</p>\n");
    }
    if (x->reason[0] != '\0') {
        const struct registry_reason *r =
            registry_reason_find(x->reason, strlen(x->reason));

        buf_puts(b, "<p>Lý do: ");
        esc(b, r ? r->name_vi : x->reason);
        if (r != NULL) {
            buf_puts(b, " (");
            esc(b, r->basis);
            buf_puts(b, ")");
        }
        buf_puts(b, ".</p>\n");
    }
    if (x->reason_text[0] != '\0') {
        buf_puts(b, "<p>");
        esc(b, x->reason_text);
        buf_puts(b, "</p>\n");
    }
    buf_puts(b, "<p>Thời gian thực hiện: kể từ tháng ");
    esc(b, m_vn);
    buf_puts(b, ".</p>\n<p><span class=\"b\">Điều 2.</span> Quyết định này có "
                "hiệu lực kể từ ngày ký.</p>\n<p><span class=\"b\">Điều "
                "3.</span> Công chức phụ trách công tác xã hội cấp xã, các cơ "
                "quan, đơn vị có liên quan và ");
    buf_puts(b, strcmp(person->sex, "M") == 0 ? "ông " : "bà ");
    esc(b, x->person_name);
    buf_puts(b, " chịu trách nhiệm thi hành Quyết định này.</p>\n"
                "<footer>\n<div class=\"sign\"><p class=\"b\">CHỦ TỊCH</p>"
                "<p class=\"space\"></p><p class=\"b\">");
    esc(b, x->signer_name);
    buf_puts(b, "</p></div>\n</footer>\n</body>\n</html>\n");
}

int app_decision_print(struct db *db, const struct app_user *user, int64_t id,
                       char **html, size_t *len, struct app_dos_err *err)
{
    struct dos_ctx c;
    struct store_decision x;
    struct store_dossier d;
    struct store_dos_person person;
    const struct procedure *p;
    char signing[256] = "", commune[256] = "";
    struct buf b;
    int rc;

    *html = NULL;
    *len = 0;
    rc = dos_ctx_init(&c, user, err);
    if (rc == APP_DOS_OK)
        rc = load_decision(db, &c, id, &x);
    if (rc != APP_DOS_OK)
        return rc;
    rc = store_dossier_get(db, x.dossier_id, &d);
    if (rc == DB_OK)
        rc = store_dos_person_get(db, x.person_id, x.signed_on, &person);
    if (rc == DB_OK)
        rc = app_scope_area_name(db, x.signing_unit, x.signed_on, signing,
                                 sizeof signing);
    if (rc == DB_OK)
        rc = app_scope_area_name(db, x.unit_code, x.signed_on, commune,
                                 sizeof commune);
    if (rc != DB_OK)
        return dos_store_fail(db, err, rc);
    p = procedure_find(c.set, d.procedure);
    buf_init(&b, PRINT_CAP);
    print_letter(&b, &x, &d, &person, signing, commune,
                 p ? p->src.basis : "Nghị định 20/2021/NĐ-CP");
    /* Every input is capped far below PRINT_CAP: an empty buffer is the
     * only failure. */
    if (b.len == 0) {
        buf_free(&b);
        return dos_fail(err, APP_DOS_EINTERNAL, "internal", NULL,
                        "Không tạo được văn bản quyết định.");
    }
    *html = buf_steal(&b, len);
    return APP_DOS_OK;
}
