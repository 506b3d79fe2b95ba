/* demo_decisions.c: the records of the demo's decisions (docs/demo.md,
 * "History").
 *
 * The demo's papers include a decision for every grant, suspension,
 * resumption and termination ("N/QĐ-UBND", signed by the district
 * People's Committee before 2025-07-01). Each also gets its record in the
 * dossier workflow's tables, as if it had gone through the procedure of
 * its day: a dossier closed as decided (monthly_2021 for a grant,
 * stop_2021 otherwise; received by the commune 15 days before the
 * signature) and its decision, with the same number and date, signed by
 * the district chairman (RULES.md §6.2). Numbers are unique per signing
 * unit and year (demo_decision_add gives them as the papers are made). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/auth.h"
#include "app/demo_int.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_dossiers.h"
#include "store/store_users.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define PASSWORD "ansinh-demo"
#define BATCH    20000 /* decisions per transaction */
#define RECEIVED 15    /* days from the dossier's receipt to the decision */
#define SIGNERS  64    /* districts of one province (Hà Nam: 6) */

uint32_t demo_decision_add(struct demo_run *run,
                           const struct demo_old_place *op, uint32_t drawn,
                           int64_t person_id, const char *kind, struct date on,
                           struct date effective, const char *category,
                           const char *reason)
{
    const char *unit;
    struct demo_number_slot *slot;
    int64_t key;
    size_t i;

    if (op == NULL || run->numbers == NULL)
        return 0;
    unit = op->district[0] ? op->district : op->code;
    key = strtoll(unit, NULL, 10) * 10000 + on.y;
    i = (size_t)app_demo_mix((uint64_t)key, 0) & (DEMO_NUMBER_SLOTS - 1);
    for (size_t probes = 0; probes < DEMO_NUMBER_SLOTS; probes++) {
        slot = &run->numbers[i];
        if (slot->key == key || slot->key == 0)
            break;
        i = (i + 1) & (DEMO_NUMBER_SLOTS - 1);
    }
    if (slot->key != key && slot->key != 0)
        return 0; /* full: never at the demo's scale */
    if (slot->key == 0) {
        slot->key = key;
        slot->next = 1 + drawn % 40;
    }
    uint32_t n = slot->next;
    slot->next += 1 + drawn % 3;
    if (!run->keep_decisions)
        return n;
    if (run->ndecisions == run->capdecisions) {
        run->capdecisions = run->capdecisions ? 2 * run->capdecisions : 4096;
        run->decisions = xreallocarray(run->decisions, run->capdecisions,
                                       sizeof *run->decisions);
    }
    struct demo_decision *d = &run->decisions[run->ndecisions++];
    memset(d, 0, sizeof *d);
    d->person_id = person_id;
    d->kind = kind;
    d->number = n;
    d->signed_on = on;
    d->effective = month_first_day(month_of(effective));
    snprintf(d->unit, sizeof d->unit, "%s", unit);
    snprintf(d->commune, sizeof d->commune, "%s", op->code);
    snprintf(d->category, sizeof d->category, "%s", category ? category : "");
    d->reason = reason;
    return n;
}

/* The signer of unit's decisions. */
struct signer {
    char unit[8];
    int64_t id;
    char name[STORE_DOS_NAME_SIZE];
    const char *role;
};

/* The chairman of unit: the demo's account district.CODE.chairman (or
 * commune.CODE.chairman for a decision a commune signed), made here with
 * the demo password when missing. Inside the caller's transaction. */
static int signer_of(struct demo_run *run, const char *unit, const char *hash,
                     struct signer *s)
{
    int district = strlen(unit) == 3;
    char username[65], name[128], when[21], id[24];
    struct store_user su;
    struct app_demo_rng r;
    int rc;

    memset(s, 0, sizeof *s);
    snprintf(s->unit, sizeof s->unit, "%s", unit);
    s->role = district ? "district_chairman" : "commune_chairman";
    snprintf(username, sizeof username, "%s.%s.chairman",
             district ? "district" : "commune", unit);
    rc = store_users_find(run->db, username, &su);
    if (rc == DB_OK) {
        s->id = su.id;
        snprintf(s->name, sizeof s->name, "%s", su.full_name);
        return DB_OK;
    }
    if (rc != DB_ENOTFOUND)
        return rc;
    app_demo_rng_seed(&r, run->o->seed,
                      0x900000000ULL + (uint64_t)strtoll(unit, NULL, 10));
    app_demo_full_name(&r, app_demo_region_of(35), 'M',
                       1965 + app_demo_rng_range(&r, 0, 15), NULL, name,
                       sizeof name);
    clock_now_utc(when);
    rc = store_users_create(run->db, username, name, hash, s->role, unit, when,
                            &s->id);
    if (rc != DB_OK)
        return rc;
    snprintf(s->name, sizeof s->name, "%s", name);
    json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s}", "username", username,
                          "full_name", name, "role", s->role, "area_code", unit,
                          "note", "demo decisions signer");
    char *text = d ? json_dumps(d, JSON_COMPACT) : NULL;
    snprintf(id, sizeof id, "%lld", (long long)s->id);
    rc = text ? store_audit_add(run->db, "system", "user.create", "user", id,
                                text)
              : DB_ERROR;
    free(text);
    json_decref(d);
    return rc;
}

/* The dossier and the decision of d. */
static int write_one(struct demo_run *run, const struct demo_decision *d,
                     const struct signer *s, const char *now,
                     struct store_dossier *dos, struct store_decision *dec)
{
    int grant = strcmp(d->kind, "grant") == 0;
    char signed_on[11], received[11];
    int64_t dossier_id = 0;
    int rc;

    date_format_iso(d->signed_on, signed_on);
    date_format_iso(date_add_days(d->signed_on, -RECEIVED), received);
    memset(dos, 0, sizeof *dos);
    dos->person_id = d->person_id;
    snprintf(dos->kind, sizeof dos->kind, "%s", grant ? "grant" : "stop");
    snprintf(dos->proposed, sizeof dos->proposed, "%s", d->kind);
    snprintf(dos->unit_code, sizeof dos->unit_code, "%s", d->commune);
    snprintf(dos->procedure, sizeof dos->procedure, "%s",
             grant ? "monthly_2021" : "stop_2021");
    snprintf(dos->submitted_on, sizeof dos->submitted_on, "%s", received);
    snprintf(dos->categories, sizeof dos->categories, "%s", d->category);
    snprintf(dos->ground, sizeof dos->ground, "%s", d->reason ? d->reason : "");
    snprintf(dos->note, sizeof dos->note, "%s",
             "Dữ liệu mẫu: hồ sơ giấy trước khi dùng hệ thống");
    snprintf(dos->state, sizeof dos->state, "decided");
    snprintf(dos->step, sizeof dos->step, "decided");
    dos->step_seq = 1;
    snprintf(dos->step_started_on, sizeof dos->step_started_on, "%s",
             signed_on);
    snprintf(dos->closed_on, sizeof dos->closed_on, "%s", signed_on);
    snprintf(dos->outcome_text, sizeof dos->outcome_text,
             "Quyết định số %u/QĐ-UBND", (unsigned)d->number);
    snprintf(dos->created_at, sizeof dos->created_at, "%s", now);
    snprintf(dos->created_by, sizeof dos->created_by, "system");
    rc = store_dossier_insert(run->db, dos, &dossier_id);
    if (rc != DB_OK)
        return rc;
    memset(dec, 0, sizeof *dec);
    dec->dossier_id = dossier_id;
    dec->person_id = d->person_id;
    snprintf(dec->number, sizeof dec->number, "%u/QĐ-UBND",
             (unsigned)d->number);
    dec->year = d->signed_on.y;
    snprintf(dec->signing_unit, sizeof dec->signing_unit, "%s", d->unit);
    snprintf(dec->signed_on, sizeof dec->signed_on, "%s", signed_on);
    dec->signer_id = s->id;
    snprintf(dec->signer_name, sizeof dec->signer_name, "%s", s->name);
    snprintf(dec->signer_role, sizeof dec->signer_role, "%s", s->role);
    snprintf(dec->kind, sizeof dec->kind, "%s", d->kind);
    snprintf(dec->unit_code, sizeof dec->unit_code, "%s", d->commune);
    date_format_iso(d->effective, dec->effective_from);
    snprintf(dec->categories, sizeof dec->categories, "%s", d->category);
    snprintf(dec->reason, sizeof dec->reason, "%s", d->reason ? d->reason : "");
    snprintf(dec->created_at, sizeof dec->created_at, "%s", now);
    snprintf(dec->created_by, sizeof dec->created_by, "system");
    return store_decision_insert(run->db, dec, NULL);
}

int demo_decisions_write(struct demo_run *run, char *msg, size_t msglen)
{
    struct store_dossier *dos = NULL;
    struct store_decision *dec = NULL;
    struct signer *signers = NULL;
    char hash[APP_AUTH_HASH_SIZE], now[21], hmsg[200];
    size_t nsigners = 0, i, in_batch = 0;
    int rc = DB_OK;

    if (run->ndecisions == 0)
        return DB_OK;
    if (app_auth_password_hash(PASSWORD, hash, hmsg, sizeof hmsg) != 0) {
        snprintf(msg, msglen, "Không tạo được mật khẩu: %s", hmsg);
        return DB_ERROR;
    }
    clock_now_utc(now);
    dos = xcalloc(1, sizeof *dos);
    dec = xcalloc(1, sizeof *dec);
    signers = xcalloc(SIGNERS, sizeof *signers);
    for (i = 0; rc == DB_OK && i < run->ndecisions; i++) {
        const struct demo_decision *d = &run->decisions[i];
        struct signer *s = NULL;

        if (in_batch == 0) {
            rc = db_begin(run->db, 1);
            if (rc != DB_OK)
                break;
        }
        for (size_t j = 0; j < nsigners && s == NULL; j++)
            if (strcmp(signers[j].unit, d->unit) == 0)
                s = &signers[j];
        if (s == NULL && nsigners < SIGNERS) {
            s = &signers[nsigners];
            rc = signer_of(run, d->unit, hash, s);
            if (rc == DB_OK)
                nsigners++;
        }
        if (rc == DB_OK && s == NULL)
            rc = db_set_error(run->db, DB_ERROR, "quá nhiều đơn vị ký");
        if (rc == DB_OK)
            rc = write_one(run, d, s, now, dos, dec);
        if (rc == DB_OK) {
            run->res->decisions++;
            if (++in_batch == BATCH) {
                rc = db_commit(run->db);
                in_batch = 0;
            }
        }
    }
    if (in_batch > 0) {
        if (rc == DB_OK)
            rc = db_commit(run->db);
        else
            db_rollback(run->db);
    }
    if (rc != DB_OK)
        snprintf(msg, msglen, "Không ghi được quyết định của dữ liệu mẫu: %s",
                 db_errmsg(run->db));
    run->res->signers = (int64_t)nsigners;
    free(signers);
    free(dos);
    free(dec);
    return rc;
}
