/* demo_history.c: the demo province's recent payrolls (docs/demo.md,
 * "History").
 *
 * After the reorganisation, the demo lays down the approved, sent and
 * reconciled payrolls of the last complete pay months before today (at
 * most APP_DEMO_HISTORY_MONTHS, never before 07/2025: the demo's people
 * were placed on 30/06/2025), one payroll per commune of the province
 * that has beneficiaries, as a two-tier province does (the commune
 * chairman approves, RULES.md §6.5). Everything goes through the payroll
 * and registry use cases, as a commune's staff would use them:
 *
 *   the 3rd of the pay month   prepared by the commune officer (rules as
 *                              known that day: July and August 2026 at the
 *                              500,000 level, September with the arrears
 *                              of the 540,000 level decreed 21/08/2026),
 *                              checked by the commune's accountant,
 *                              approved by the commune chairman, sent by
 *                              the officer;
 *   the provider               downloads the provider file and returns a
 *                              result file: mostly paid between the 10th
 *                              and the 15th; about 1.5% of the cash lines
 *                              not collected (they roll over); one person
 *                              per commune not collecting in the last
 *                              three months (the reconciliation raises the
 *                              suspension task, RULES.md §2.6);
 *   late deaths                a few persons die in month M and the
 *                              family reports it on the 20th of M+1,
 *                              after M+1's payroll: a stop dossier, the
 *                              commune chairman's decision terminating
 *                              the record from M+1 (RULES.md §2.6), so
 *                              M+2's payroll recovers M+1.
 *
 * Draws are seeded (the demo's seed, the commune, the person's id number,
 * the month), so the same options give the same payrolls. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/auth.h"
#include "app/demo_int.h"
#include "app/dossiers.h"
#include "app/payroll.h"
#include "app/registry.h"
#include "app/scope.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_stats.h"
#include "store/store_units.h"
#include "store/store_users.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/xalloc.h"

#define FIRST_MONTH "2025-07" /* the first pay month of the new communes */
#define PREPARE_DAY 3         /* officers prepare on the 3rd */
/* Months the preparations look back (the CLI's --lookback): nothing in
 * the history needs more than two (September's arrears for July), and the
 * default 24 would make every preparation compute two years per person. */
#define LOOKBACK   6
#define UNPAID_PPM 15   /* per mille of cash lines not collected */
#define DEATHS_PER 8000 /* one late death a month per this many */
#define STAFF_MAX  512  /* communes with staff (a province: ~130) */
#define KEY_SIZE   64   /* a person's key in the result draws */
#define RESULT_CAP (8u * 1024u * 1024u)
#define PASSWORD   "ansinh-demo"
#define NOTE_DEATH "Gia đình báo muộn (dữ liệu mẫu)"

/* The staff of one commune: who prepares, checks and approves. */
struct staff {
    char code[8];
    struct app_user officer, accountant, chairman;
    int year;        /* of the chairman's last decision */
    uint32_t number; /* its number */
};

/* A death to record later. */
struct death {
    int64_t person_id;
    struct date died;
    struct month month; /* the month of death */
    size_t staff;       /* the commune whose payroll listed them */
};

struct hist {
    struct db *db;
    const struct app_demo_opts *o;
    struct app_demo_result *res;
    char province[8];
    struct staff *staff;
    size_t nstaff;
    struct app_user provider;
    char hash[APP_AUTH_HASH_SIZE];
    struct month first, last;
    /* Persons not collecting in the last three months (their key). */
    char (*chronic)[KEY_SIZE];
    size_t nchronic, capchronic;
    struct death *deaths;
    size_t ndeaths, capdeaths;
    char *msg;
    size_t msglen;
};

static uint64_t text_hash(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

/* A deterministic 64-bit draw from the seed, a stream and a text. */
static uint64_t draw(const struct hist *h, uint64_t stream, const char *s,
                     size_t n)
{
    return app_demo_mix(h->o->seed ^ stream,
                        text_hash(1469598103934665603ULL, s, n));
}

static int fail(struct hist *h, int rc, const char *fmt, const char *detail)
{
    snprintf(h->msg, h->msglen, fmt, detail);
    return rc < 0 && rc > -100 ? rc : DB_ERROR;
}

/* The account `username` as a signed-in user. */
static int load_user(struct db *db, const char *username, struct app_user *u)
{
    struct store_user su;
    int rc = store_users_find(db, username, &su);

    if (rc != DB_OK)
        return rc;
    memset(u, 0, sizeof *u);
    u->id = su.id;
    snprintf(u->username, sizeof u->username, "%s", su.username);
    snprintf(u->full_name, sizeof u->full_name, "%s", su.full_name);
    snprintf(u->role, sizeof u->role, "%s", su.role);
    snprintf(u->area_code, sizeof u->area_code, "%s", su.area_code);
    return DB_OK;
}

/* The account of a commune's staff: the demo's own when it exists (13285),
 * else a new one with the demo password, named from the seed. Inside the
 * caller's transaction. */
static int staff_account(struct hist *h, const char *code, const char *what,
                         const char *role, char sex, struct app_user *u)
{
    char username[65], name[128], id[24], when[21];
    struct app_demo_rng r;
    int64_t uid = 0;
    int rc;

    snprintf(username, sizeof username, "commune.%s.%s", code, what);
    rc = load_user(h->db, username, u);
    if (rc != DB_ENOTFOUND)
        return rc;
    app_demo_rng_seed(&r, h->o->seed,
                      0x800000000ULL + draw(h, 0, username, strlen(username)) %
                                           0x100000000ULL);
    app_demo_full_name(&r, app_demo_region_of(35), sex,
                       1970 + app_demo_rng_range(&r, 0, 25), NULL, name,
                       sizeof name);
    clock_now_utc(when);
    rc = store_users_create(h->db, username, name, h->hash, role, code, when,
                            &uid);
    if (rc != DB_OK)
        return rc;
    json_t *d = json_pack("{s:s, s:s, s:s, s:s, s:s}", "username", username,
                          "full_name", name, "role", role, "area_code", code,
                          "note", "demo history staff");
    char *text = d ? json_dumps(d, JSON_COMPACT) : NULL;
    snprintf(id, sizeof id, "%lld", (long long)uid);
    rc = text
             ? store_audit_add(h->db, "system", "user.create", "user", id, text)
             : DB_ERROR;
    free(text);
    json_decref(d);
    if (rc != DB_OK)
        return rc;
    h->res->history_accounts++;
    return load_user(h->db, username, u);
}

/* The communes of the province with beneficiaries on the first pay day,
 * and their staff (three accounts each, one password hash). */
static int load_staff(struct hist *h)
{
    struct store_stats_unit *units = NULL;
    char day[11], msg[200];
    size_t n = 0, i;
    int rc;

    date_format_iso(month_first_day(h->first), day);
    rc = store_stats_by_unit(h->db, day, h->province, &units, &n);
    if (rc != DB_OK)
        return fail(h, rc, "Không đọc được các xã: %s", db_errmsg(h->db));
    if (n > STAFF_MAX)
        n = STAFF_MAX;
    if (app_auth_password_hash(PASSWORD, h->hash, msg, sizeof msg) != 0) {
        free(units);
        return fail(h, DB_ERROR, "Không tạo được mật khẩu: %s", msg);
    }
    h->staff = xcalloc(n ? n : 1, sizeof *h->staff);
    rc = db_begin(h->db, 1);
    for (i = 0; rc == DB_OK && i < n; i++) {
        struct staff *s = &h->staff[h->nstaff];
        if (units[i].beneficiaries <= 0 || strlen(units[i].code) != 5)
            continue;
        snprintf(s->code, sizeof s->code, "%s", units[i].code);
        rc = staff_account(h, s->code, "officer", "commune_officer", 'F',
                           &s->officer);
        if (rc == DB_OK)
            rc = staff_account(h, s->code, "accountant", "commune_officer", 'F',
                               &s->accountant);
        if (rc == DB_OK)
            rc = staff_account(h, s->code, "chairman", "commune_chairman", 'M',
                               &s->chairman);
        if (rc == DB_OK)
            h->nstaff++;
    }
    if (rc == DB_OK)
        rc = db_commit(h->db);
    else
        db_rollback(h->db);
    free(units);
    if (rc != DB_OK)
        return fail(h, rc, "Không tạo được tài khoản cán bộ xã: %s",
                    db_errmsg(h->db));
    return DB_OK;
}

/* --- The provider's result file ---------------------------------------- */

static int field_index(const struct csv_field *f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (csv_field_eq(&f[i], name))
            return (int)i;
    return -1;
}

static int is_chronic(const struct hist *h, const char *key)
{
    for (size_t i = 0; i < h->nchronic; i++)
        if (strcmp(h->chronic[i], key) == 0)
            return 1;
    return 0;
}

static void add_chronic(struct hist *h, const char *key)
{
    if (h->nchronic == h->capchronic) {
        h->capchronic = h->capchronic ? 2 * h->capchronic : 64;
        h->chronic = xrealloc(h->chronic, h->capchronic * sizeof *h->chronic);
    }
    snprintf(h->chronic[h->nchronic++], KEY_SIZE, "%s", key);
}

/* Cash lines of a provider file (CSV). */
static size_t count_cash(const char *in, size_t inlen)
{
    struct csv_reader *r = NULL;
    const struct csv_field *f;
    size_t nf, n = 0;
    int imeth = -1;

    if (csv_reader_new(in, inlen, NULL, &r) != CSV_OK)
        return 0;
    while (csv_next(r, &f, &nf) == CSV_ROW) {
        if (imeth < 0)
            imeth = field_index(f, nf, "MaHinhThucChiTra");
        else if ((size_t)imeth < nf && csv_field_eq(&f[imeth], "cash"))
            n++;
        if (imeth < 0)
            break;
    }
    csv_reader_free(r);
    return n;
}

/* The result file of a provider file (CSV), into *out (a buffer of
 * RESULT_CAP): the rows of the month paid on a day from the 10th to the
 * 15th, except the cash lines of persons who did not collect. In the
 * first of the last three months, one cash receiver of the commune
 * becomes a person who does not collect until the end of the history. */
static int result_file(struct hist *h, const struct staff *s, struct month m,
                       const char *in, size_t inlen, char *out, size_t *outlen,
                       int64_t *unpaid)
{
    struct csv_reader *r = NULL;
    const struct csv_field *f;
    size_t nf, o = 0, ncash = 0;
    int iref = -1, iamt = -1, iid = -1, iname = -1, imeth = -1, rc;
    int window = month_cmp(m, month_add(h->last, -2)) >= 0;
    int choose = month_cmp(m, month_add(h->last, -2)) == 0;
    uint64_t pick = 0;
    char mm[8];

    month_format_iso(m, mm);
    if (csv_reader_new(in, inlen, NULL, &r) != CSV_OK)
        return DB_ERROR;
    o += (size_t)snprintf(out, RESULT_CAP,
                          "MaThamChieu,SoTien,TrangThai,"
                          "NgayChi\r\n");
    if (choose) { /* which cash line of the commune stops collecting */
        size_t cash = count_cash(in, inlen);
        pick = draw(h, 0x900000000ULL, s->code, strlen(s->code)) %
               (cash < 23 ? (cash ? cash : 1) : 23); /* near the top */
    }
    while ((rc = csv_next(r, &f, &nf)) == CSV_ROW) {
        char key[KEY_SIZE], day[11];
        int paid = 1;

        if (iref < 0) {
            iref = field_index(f, nf, "MaThamChieu");
            iamt = field_index(f, nf, "SoTien");
            iid = field_index(f, nf, "SoCCCD");
            iname = field_index(f, nf, "HoTen");
            imeth = field_index(f, nf, "MaHinhThucChiTra");
            if (iref < 0 || iamt < 0 || iid < 0 || iname < 0 || imeth < 0) {
                rc = CSV_EINVAL;
                break;
            }
            continue;
        }
        if ((size_t)iref >= nf || (size_t)iamt >= nf || (size_t)iid >= nf ||
            (size_t)iname >= nf || (size_t)imeth >= nf)
            continue;
        /* A person: the id number, else the name. */
        if (f[iid].len > 0)
            snprintf(key, sizeof key, "%.*s", (int)f[iid].len, f[iid].ptr);
        else
            snprintf(key, sizeof key, "%.*s", (int)f[iname].len, f[iname].ptr);
        if (csv_field_eq(&f[imeth], "cash")) {
            char km[KEY_SIZE + 8];
            snprintf(km, sizeof km, "%s|%s", key, mm);
            if (choose && ncash++ == pick && !is_chronic(h, key))
                add_chronic(h, key);
            if (window && is_chronic(h, key))
                paid = 0;
            else if (draw(h, 0xA00000000ULL, km, strlen(km)) % 1000 <
                     UNPAID_PPM)
                paid = 0;
        }
        date_format_iso(
            date_add_days(
                month_first_day(m),
                9 + (int)(draw(h, 0xB00000000ULL, key, strlen(key)) % 6)),
            day);
        if (o + f[iref].len + f[iamt].len + 64 > RESULT_CAP) {
            rc = CSV_ETOOLONG;
            break;
        }
        o += (size_t)snprintf(out + o, RESULT_CAP - o, "%.*s,%.*s,%s,%s\r\n",
                              (int)f[iref].len, f[iref].ptr, (int)f[iamt].len,
                              f[iamt].ptr, paid ? "Đã chi" : "Chưa chi",
                              paid ? day : "");
        if (!paid)
            (*unpaid)++;
    }
    csv_reader_free(r);
    if (rc != CSV_DONE)
        return DB_ERROR;
    *outlen = o;
    return DB_OK;
}

/* --- Deaths -------------------------------------------------------------- */

/* Choose the persons of month m who die in it (recorded two months later):
 * from the first page of lines of the payroll of a drawn commune. */
static int choose_deaths(struct hist *h, const int64_t *ids, struct month m)
{
    int64_t want = h->res->beneficiaries / DEATHS_PER;
    char mm[8];

    if (want < 1)
        want = 1;
    month_format_iso(m, mm);
    for (int64_t k = 0; k < want && h->nstaff > 0; k++) {
        char key[32];
        struct app_pay_query q;
        struct app_pay_err err;
        json_t *out = NULL, *lines;
        size_t i, n;
        int rc;

        snprintf(key, sizeof key, "%s|%lld", mm, (long long)k);
        uint64_t d = draw(h, 0xC00000000ULL, key, strlen(key));
        size_t c = (size_t)(d % h->nstaff);
        if (ids[c] <= 0)
            continue;
        memset(&q, 0, sizeof q);
        q.per_page = "50";
        rc = app_payroll_get(h->db, &h->staff[c].officer, ids[c], &q, &out,
                             NULL, &err);
        if (rc != APP_PAY_OK)
            return fail(h, rc, "Không đọc được danh sách chi trả: %s",
                        err.message);
        lines = json_object_get(out, "lines");
        n = json_array_size(lines);
        for (i = 0; i < n; i++) {
            json_t *l = json_array_get(lines, (i + (size_t)(d >> 20)) % n);
            int64_t pid =
                (int64_t)json_integer_value(json_object_get(l, "person_id"));
            const char *kind = json_string_value(json_object_get(l, "kind"));
            int dup = 0;

            if (kind == NULL || strcmp(kind, "allowance") != 0 || pid <= 0)
                continue;
            for (size_t j = 0; j < h->ndeaths; j++)
                dup |= h->deaths[j].person_id == pid;
            if (dup)
                continue;
            if (h->ndeaths == h->capdeaths) {
                h->capdeaths = h->capdeaths ? 2 * h->capdeaths : 16;
                h->deaths =
                    xrealloc(h->deaths, h->capdeaths * sizeof *h->deaths);
            }
            struct death *dd = &h->deaths[h->ndeaths++];
            dd->person_id = pid;
            dd->month = m;
            dd->staff = c;
            dd->died = date_add_days(
                month_first_day(m),
                (int)((d >> 8) % (uint64_t)date_days_in_month(m.y, m.m)));
            break;
        }
        json_decref(out);
    }
    return DB_OK;
}

/* The failure of a dossier step of a late death. */
static int dos_fail_msg(struct hist *h, int rc, const char *what,
                        const struct app_dos_err *err)
{
    snprintf(h->msg, h->msglen, "Lịch sử (%s): %s", what, err->message);
    return rc < 0 && rc > -100 ? rc : DB_ERROR;
}

/* The dossier's version as the commune officer reads it. */
static int dossier_version(struct hist *h, const struct app_user *u, int64_t id,
                           int64_t *version, struct app_dos_err *e)
{
    json_t *j = NULL;
    int rc = app_dossier_get(h->db, u, id, &j, version, e);

    json_decref(j);
    return rc;
}

/* Record the deaths of month m (before preparing m + 2) as the commune
 * does when the family reports one late, on the 20th of m + 1: the death
 * extract, a stop dossier (ground death, the day of death) received and
 * proposed by the commune officer, and the commune chairman's decision on
 * the 25th, which terminates the record from the month after the death
 * (the decision use case, core/decision.h; RULES.md §2.6). */
static int record_deaths(struct hist *h, struct month m)
{
    static const struct app_scope national = {APP_SCOPE_NATIONAL, ""};

    for (size_t i = 0; i < h->ndeaths; i++) {
        const struct death *d = &h->deaths[i];
        struct staff *s = &h->staff[d->staff];
        struct app_document_input doc;
        struct app_dossier_new dn;
        struct app_dossier_act act;
        struct app_decision_new sign;
        struct app_reg_err err;
        struct app_dos_err derr;
        struct date reported, signed_on;
        char died[11], rep[11], sig[11], vn[11], text[160], num[32];
        int64_t dossier = 0, version = 0;
        int rc;

        if (month_cmp(d->month, m) != 0)
            continue;
        reported = date_add_days(month_first_day(month_add(m, 1)), 19);
        signed_on = date_add_days(reported, 5);
        date_format_iso(d->died, died);
        date_format_iso(reported, rep);
        date_format_iso(signed_on, sig);
        date_format_vn(d->died, vn);
        snprintf(num, sizeof num, "%u/TLKT-BS",
                 (unsigned)(100 + d->person_id % 900));
        memset(&doc, 0, sizeof doc);
        doc.kind = "death_certificate";
        doc.type = "Trích lục khai tử";
        doc.number = num;
        doc.issued_on = died;
        doc.issuer = "UBND cấp xã nơi cư trú";
        rc = app_document_add(h->db, &national, "system", d->person_id, &doc,
                              NULL, &err);
        if (rc != 0)
            return fail(h, rc, "Không ghi được trích lục khai tử: %s",
                        err.message);
        snprintf(text, sizeof text, "Chết ngày %s; %s", vn, NOTE_DEATH);
        memset(&dn, 0, sizeof dn);
        dn.person_id = d->person_id;
        dn.kind = "stop";
        dn.submitted_on = rep;
        dn.event_on = died;
        dn.proposed = "terminate";
        dn.ground = "death";
        dn.applicant = "Thân nhân người hưởng";
        dn.note = text;
        rc = app_dossier_create(h->db, &s->officer, &dn, &dossier, &derr);
        if (rc == 0)
            rc = dossier_version(h, &s->officer, dossier, &version, &derr);
        memset(&act, 0, sizeof act);
        act.action = "propose";
        act.version = version;
        act.date = rep;
        if (rc == 0)
            rc = app_dossier_act(h->db, &s->officer, dossier, &act, &derr);
        if (rc == 0)
            rc = dossier_version(h, &s->chairman, dossier, &version, &derr);
        if (rc != 0)
            return dos_fail_msg(h, rc, "hồ sơ thôi hưởng", &derr);
        /* The chairman's numbers: from 100 each year (low numbers are
         * left to trainees), rising. */
        if (s->year != signed_on.y) {
            s->year = signed_on.y;
            s->number = 100 + (uint32_t)(draw(h, 0xD00000000ULL, s->code,
                                              strlen(s->code)) %
                                         50);
        }
        snprintf(num, sizeof num, "%u/QĐ-UBND", (unsigned)s->number++);
        memset(&sign, 0, sizeof sign);
        sign.dossier_id = dossier;
        sign.version = version;
        sign.number = num;
        sign.signed_on = sig;
        sign.reason_text = text;
        rc = app_decision_sign(h->db, &s->chairman, &sign, NULL, &derr);
        if (rc != 0)
            return dos_fail_msg(h, rc, "quyết định thôi hưởng", &derr);
        h->res->history_deaths++;
    }
    return DB_OK;
}

/* --- One month ------------------------------------------------------------ */

static int pay_fail_msg(struct hist *h, int rc, const char *what,
                        const struct app_pay_err *err)
{
    snprintf(h->msg, h->msglen, "Lịch sử chi trả (%s): %s", what,
             err->message[0] ? err->message : app_pay_strerror(rc));
    return rc < 0 && rc > -100 ? rc : DB_ERROR;
}

/* Prepare, check, approve, send and reconcile the payroll of commune s
 * for month m; its id in *id (0 when the commune has nobody to pay). */
static int one_payroll(struct hist *h, const struct staff *s, struct month m,
                       char *result, int64_t *id)
{
    struct app_pay_summary sum;
    struct app_pay_err err;
    char mm[8], on[11], what[32], *file = NULL;
    size_t len = 0, rlen = 0;
    int64_t unpaid = 0;
    json_t *out = NULL;
    int rc;

    *id = 0;
    month_format_iso(m, mm);
    date_format_iso(date_add_days(month_first_day(m), PREPARE_DAY - 1), on);
    snprintf(what, sizeof what, "%s %s", s->code, mm);
    rc = app_payroll_prepare(h->db, &s->officer, s->code, mm, on, LOOKBACK,
                             &sum, &err);
    if (rc != APP_PAY_OK)
        return pay_fail_msg(h, rc, what, &err);
    *id = sum.id;
    rc = app_payroll_transition(h->db, &s->accountant, sum.id, "check", 0, NULL,
                                &err);
    if (rc == APP_PAY_OK)
        rc = app_payroll_transition(h->db, &s->chairman, sum.id, "approve", 0,
                                    NULL, &err);
    if (rc == APP_PAY_OK)
        rc = app_payroll_transition(h->db, &s->officer, sum.id, "send", 0, NULL,
                                    &err);
    if (rc == APP_PAY_OK)
        rc = app_payroll_provider_file(h->db, &h->provider, sum.id, APP_PAY_CSV,
                                       &file, &len, &err);
    if (rc != APP_PAY_OK)
        return pay_fail_msg(h, rc, what, &err);
    rc = result_file(h, s, m, file, len, result, &rlen, &unpaid);
    free(file);
    if (rc != DB_OK)
        return fail(h, rc, "Không tạo được tệp kết quả chi trả %s", what);
    snprintf(what, sizeof what, "ket-qua-%s-%s.csv", s->code, mm);
    rc = app_payroll_reconcile(h->db, &h->provider, sum.id, result, rlen,
                               APP_PAY_CSV, what, &out, &err);
    if (rc != APP_PAY_OK)
        return pay_fail_msg(h, rc, what, &err);
    h->res->history_tasks +=
        (int64_t)json_integer_value(json_object_get(out, "tasks"));
    json_decref(out);
    h->res->history_payrolls++;
    h->res->history_lines += sum.lines;
    h->res->history_unpaid += unpaid;
    return DB_OK;
}

/* The province of the demo's people after the reform ("37" for 35): the
 * province, on the reform day, of a successor of the old province's first
 * commune (the unit lists link communes, not provinces). */
static int province_after(struct hist *h)
{
    struct store_units_list l = {0};
    struct store_units_links links = {0};
    struct units_version v;
    int rc;

    snprintf(h->province, sizeof h->province, "%s", h->o->province);
    rc = store_units_communes(h->db, h->o->province, "2025-06-30", &l);
    if (rc == DB_OK && l.count > 0)
        rc = store_units_successors(h->db, l.items[0].code, &links);
    for (size_t i = 0; rc == DB_OK && i < links.count; i++)
        if (strcmp(links.items[i].effective, "2025-07-01") == 0 &&
            store_units_get(h->db, links.items[i].new_code, "2025-07-01", &v,
                            NULL) == DB_OK) {
            snprintf(h->province, sizeof h->province, "%s", v.province_code);
            break;
        }
    store_units_links_free(&links);
    store_units_list_free(&l);
    return rc;
}

int demo_history(struct db *db, const struct app_demo_opts *o,
                 struct app_demo_result *res, char *msg, size_t msglen)
{
    struct hist h;
    struct month m, first;
    char *result = NULL;
    int64_t *ids = NULL;
    int months =
        o->history_months > 0 ? o->history_months : APP_DEMO_HISTORY_MONTHS;
    int rc;

    if (o->no_history || !res->reorganised || months <= 0)
        return DB_OK;
    if (strcmp(o->province, "all") == 0) {
        res->history_skipped = 1; /* docs/demo.md: national scale */
        return DB_OK;
    }
    memset(&h, 0, sizeof h);
    h.db = db;
    h.o = o;
    h.res = res;
    h.msg = msg;
    h.msglen = msglen;
    h.last = month_add(month_of(clock_today_vn()), -1);
    month_parse_iso(FIRST_MONTH, strlen(FIRST_MONTH), &first);
    h.first = month_add(h.last, -(months - 1));
    if (month_cmp(h.first, first) < 0)
        h.first = first;
    if (month_cmp(h.first, h.last) > 0)
        return DB_OK; /* no complete month since the reform */
    rc = province_after(&h);
    if (rc == DB_OK)
        rc = load_user(db, "provider.vnpost", &h.provider);
    if (rc != DB_OK) {
        rc = fail(&h, rc, "Lịch sử chi trả: %s", db_errmsg(db));
        goto out;
    }
    rc = load_staff(&h);
    if (rc != DB_OK)
        goto out;
    result = xmalloc(RESULT_CAP);
    ids = xcalloc(h.nstaff ? h.nstaff : 1, sizeof *ids);
    for (m = h.first; rc == DB_OK && month_cmp(m, h.last) <= 0;
         m = month_add(m, 1)) {
        if (o->history_progress) {
            char mm[8];
            month_format_iso(m, mm);
            o->history_progress(
                o->progress_arg, mm, (int)res->history_months + 1,
                (h.last.y * 12 + h.last.m) - (h.first.y * 12 + h.first.m) + 1);
        }
        /* Deaths of two months ago, reported after last month's payroll. */
        rc = record_deaths(&h, month_add(m, -2));
        for (size_t i = 0; rc == DB_OK && i < h.nstaff; i++)
            rc = one_payroll(&h, &h.staff[i], m, result, &ids[i]);
        /* Who dies this month (recorded before the payroll of m + 2,
         * which must be in the history to recover m + 1). */
        if (rc == DB_OK && month_cmp(m, month_add(h.last, -2)) <= 0)
            rc = choose_deaths(&h, ids, m);
        res->history_months++;
    }
out:
    free(result);
    free(ids);
    free(h.staff);
    free(h.chronic);
    free(h.deaths);
    return rc;
}
