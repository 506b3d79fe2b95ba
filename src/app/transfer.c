/* transfer.c: a move between places as the dossier engine carries it
 * (RULES.md §6.3; docs/dossiers.md "Transfers"):
 *
 *   1. the old place's stop decision (a "stop" dossier proposing
 *      "terminate" for the ground "moved", with the destination commune)
 *      terminates the record from the month after its own month
 *      (core/decision.h) and, in the same transaction, opens the transfer
 *      dossier at the destination, as the district sent the file to the
 *      new commune (§6.3 step 2): dos_transfer_open;
 *   2. the new place takes it through its own steps (transfer_2021 or
 *      transfer_2025) and its chairman signs the grant after a move, from
 *      the month after the month of the stop decision; signing completes
 *      the move in ONE transaction (dos_transfer_complete): the status
 *      terminated for the move becomes enrolled from that same first day
 *      (no month without a payer, none with two), the memberships the
 *      stop ended start again with the same categories, the residence
 *      moves on that day (the place that pays a month is the place of
 *      residence on its first day), the household follows, the payment
 *      arrangement moves (bank and e-wallet accounts carried, cash at the
 *      new commune's People's Committee office), all in the decision's
 *      audit record.
 * Two chairmen sign on two days (two transactions); each is whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/dossiers_int.h"
#include "app/units.h"
#include "store/db.h"
#include "store/store_cases.h"
#include "store/store_dossiers.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "store/store_units.h"
#include "util/clock.h"

/* The memberships a termination on `on` ended: their categories ("K5c",
 * "K4,K6") and the disability level of K6 into d. */
static int ended_categories(struct db *db, int64_t person_id, const char *on,
                            struct store_dossier *d)
{
    struct store_membership_list ml;
    size_t i, used = 0;
    int rc = store_persons_memberships(db, person_id, &ml);

    if (rc != DB_OK)
        return rc;
    for (i = 0; i < ml.count; i++) {
        const struct store_membership *m = &ml.items[i];
        size_t n = strlen(m->category);

        if (strcmp(m->valid_to, on) != 0 || strstr(d->categories, m->category))
            continue;
        if (used + n + 2 > sizeof d->categories)
            break;
        used +=
            (size_t)snprintf(d->categories + used, sizeof d->categories - used,
                             "%s%s", used ? "," : "", m->category);
        if (strcmp(m->category, "K6") == 0)
            snprintf(d->disability, sizeof d->disability, "%.19s",
                     m->disability);
    }
    store_membership_list_free(&ml);
    return DB_OK;
}

int dos_transfer_open(struct db *db, const struct dos_ctx *c,
                      const struct store_dossier *stop,
                      const struct store_decision *x,
                      const struct store_dossier_move *mv, json_t *audit)
{
    const struct procedure *p;
    const struct procedure_step *first;
    struct store_dossier_move link;
    struct store_dossier d;
    struct date on, dl;
    int64_t id = 0;
    int rc;

    date_parse_iso(x->signed_on, 10, &on);
    p = procedure_choose(c->set, PROCEDURE_KIND_TRANSFER, on);
    if (p == NULL)
        return dos_fail(c->err, APP_DOS_EINTERNAL, "no_procedure", NULL,
                        "Không có thủ tục chuyển nơi cư trú vào ngày ký.");
    first = &p->steps[0];
    memset(&d, 0, sizeof d);
    d.person_id = stop->person_id;
    snprintf(d.kind, sizeof d.kind, "transfer");
    snprintf(d.proposed, sizeof d.proposed, "grant");
    memcpy(d.unit_code, mv->to_unit, sizeof d.unit_code);
    snprintf(d.procedure, sizeof d.procedure, "%s", p->id);
    memcpy(d.submitted_on, x->signed_on, 11);
    rc = ended_categories(db, stop->person_id, x->effective_from, &d);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    memcpy(d.event_on, x->signed_on, 11);
    snprintf(d.note, sizeof d.note,
             "Hồ sơ do nơi cư trú cũ chuyển đến theo Quyết định thôi hưởng "
             "số %s (RULES.md §6.3).",
             x->number);
    snprintf(d.state, sizeof d.state, "open");
    snprintf(d.step, sizeof d.step, "%s", first->code);
    d.step_seq = 1;
    memcpy(d.step_started_on, x->signed_on, 11);
    rc = procedure_deadline(c->cal, first, on, on, 0, &dl);
    if (rc == PROCEDURE_OK)
        date_format_iso(dl, d.deadline);
    else if (rc != 1)
        return dos_fail(c->err, APP_DOS_EINVAL, "invalid_date", "signed_on",
                        "Không tính được thời hạn từ ngày ký này.");
    clock_now_utc(d.created_at);
    snprintf(d.created_by, sizeof d.created_by, "%s", c->user->username);
    memset(&link, 0, sizeof link);
    memcpy(link.to_unit, mv->to_unit, sizeof link.to_unit);
    snprintf(link.to_address, sizeof link.to_address, "%s", mv->to_address);
    link.stop_decision_id = x->id;
    rc = dos_insert_new(db, c, &d, first->is_public, &link, &id);
    if (rc != APP_DOS_OK)
        return rc;
    json_object_set_new(audit, "transfer_dossier",
                        json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id,
                                  "unit_code", d.unit_code, "procedure",
                                  d.procedure));
    return APP_DOS_OK;
}

/* The residence of person_id on the day before `on` ends on `on`, and
 * the new one (unit, address) starts then; a residence already starting
 * on `on` (the reorganisation's) is replaced. *from_unit receives the
 * old commune. */
static int move_residence(struct db *db, const struct dos_ctx *c,
                          int64_t person_id, const char *on, const char *unit,
                          const char *address, char from_unit[8])
{
    struct store_residence_list rl;
    struct date day;
    char before[11];
    int64_t starting = 0;
    size_t i;
    int rc;

    from_unit[0] = '\0';
    date_parse_iso(on, 10, &day);
    date_format_iso(date_add_days(day, -1), before);
    rc = store_persons_residences(db, person_id, &rl);
    for (i = 0; rc == DB_OK && i < rl.count; i++) {
        const struct store_residence *r = &rl.items[i];
        int cmp = strcmp(r->valid_from, on);

        if (cmp > 0) {
            rc = dos_fail(c->err, APP_DOS_ESTATE, "residence_later", NULL,
                          "Người này đã có nơi cư trú từ %s, sau ngày chuyển "
                          "%s.",
                          r->valid_from, on);
            break;
        }
        if (cmp == 0) {
            starting = r->id;
        } else if (strcmp(r->valid_from, before) <= 0 &&
                   (r->valid_to[0] == '\0' ||
                    strcmp(r->valid_to, before) > 0)) {
            snprintf(from_unit, 8, "%s", r->unit_code);
            if (r->valid_to[0] == '\0' || strcmp(r->valid_to, on) > 0)
                rc = store_cases_residence_end(db, r->id, on);
        }
    }
    store_residence_list_free(&rl);
    if (rc < -100)
        return rc; /* an app error already explained */
    if (rc == DB_OK)
        rc = starting > 0
                 ? store_cases_residence_retarget(db, starting, unit, address)
                 : store_persons_residence_add(db, c->user->username, person_id,
                                               unit, address, on, NULL, NULL);
    return rc == DB_OK ? APP_DOS_OK : dos_store_fail(db, c->err, rc);
}

/* The arrangement the stop ended on `on` moves to the new place: a bank
 * or e-wallet account as it was, cash at the People's Committee office
 * of the new commune; an authorised receiver stays. Nothing when there
 * was none. */
static int move_payment(struct db *db, const struct dos_ctx *c,
                        int64_t person_id, const char *on, const char *unit,
                        json_t *audit)
{
    struct store_payment_list pl;
    struct store_payment_new pn;
    struct units_version v;
    char lower[160], point[200];
    const struct store_payment *old = NULL;
    size_t i;
    int rc;

    rc = store_registry_payments(db, person_id, &pl);
    for (i = 0; rc == DB_OK && i < pl.count; i++)
        if (strcmp(pl.items[i].valid_to, on) == 0)
            old = &pl.items[i];
    if (rc != DB_OK || old == NULL)
        goto out;
    memset(&pn, 0, sizeof pn);
    pn.person_id = person_id;
    pn.valid_from = on;
    pn.method = old->method;
    if (strcmp(old->method, "cash") == 0) {
        rc = store_units_get(db, unit, on, &v, NULL);
        if (rc != DB_OK)
            goto out;
        app_units_lower_type(v.name, lower, sizeof lower);
        snprintf(point, sizeof point, "Trụ sở UBND %s", lower);
        pn.point_name = point;
    } else {
        pn.bank_code = old->bank_code;
        pn.account_number = old->account_number;
        pn.wallet_provider = old->wallet_provider;
    }
    pn.receiver_name = old->receiver_name;
    pn.receiver_id_number = old->receiver_id_number;
    pn.receiver_relationship = old->receiver_relationship;
    pn.receiver_document = old->receiver_document;
    pn.expected_version = -1; /* the record was read in this transaction */
    pn.actor = c->user->username;
    rc = store_registry_payment_set(db, &pn, NULL, NULL);
    if (rc == DB_OK)
        json_object_set_new(
            audit, "payment",
            json_pack("{s:s, s:s}", "method", old->method, "point",
                      strcmp(old->method, "cash") == 0 ? point : ""));
out:
    store_payment_list_free(&pl);
    return rc == DB_OK ? APP_DOS_OK : dos_store_fail(db, c->err, rc);
}

int dos_transfer_complete(struct db *db, const struct dos_ctx *c,
                          const struct store_dossier *d,
                          const struct store_decision *x,
                          const struct store_decision *stop,
                          const struct store_dossier_move *mv, json_t *audit)
{
    struct store_beneficiary b;
    const char *on = x->effective_from;
    char ref[260], vn[11], from_unit[8];
    struct date sd;
    int64_t carried = 0, households = 0;
    int rc;

    /* The record must still be the stop for the move, from the month the
     * new place starts (RULES.md §6.3). */
    rc = store_registry_get(db, d->person_id, &b);
    if (rc == DB_ENOTFOUND ||
        (rc == DB_OK && (strcmp(b.status, "terminated") ||
                         strcmp(b.reason, "moved") || strcmp(b.since, on))))
        return dos_fail(c->err, APP_DOS_ESTATE, "registry_refused", NULL,
                        "Hồ sơ hưởng của người này không còn là thôi hưởng do "
                        "chuyển đi từ %s theo Quyết định số %s: không thể tiếp "
                        "nhận chi trả.",
                        on, stop->number);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    date_parse_iso(x->signed_on, 10, &sd);
    date_format_vn(sd, vn);
    snprintf(ref, sizeof ref, "%s ngày %s", x->number, vn);
    rc = store_cases_takeover(db, d->person_id, b.version, on, ref,
                              c->user->username, NULL);
    if (rc == DB_OK)
        rc = store_cases_memberships_carry(db, d->person_id, on,
                                           c->user->username, &carried);
    if (rc != DB_OK)
        return dos_store_fail(db, c->err, rc);
    rc = move_residence(db, c, d->person_id, on, d->unit_code, mv->to_address,
                        from_unit);
    if (rc != APP_DOS_OK)
        return rc;
    if (from_unit[0] != '\0') {
        rc = store_cases_household_move(db, d->person_id, from_unit,
                                        d->unit_code, &households);
        if (rc != DB_OK)
            return dos_store_fail(db, c->err, rc);
    }
    rc = move_payment(db, c, d->person_id, on, d->unit_code, audit);
    if (rc != APP_DOS_OK)
        return rc;
    json_object_set_new(audit, "status", json_string("enrolled"));
    json_object_set_new(
        audit, "transfer",
        json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "stop_decision_id",
                  (json_int_t)stop->id, "stop_number", stop->number,
                  "from_unit", from_unit, "to_unit", d->unit_code,
                  "effective_from", on, "memberships", (json_int_t)carried,
                  "households", (json_int_t)households));
    return APP_DOS_OK;
}
