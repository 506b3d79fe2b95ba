/* demo_case.c: the beneficiary record and the payment arrangements of one
 * demo beneficiary (docs/demo.md), made after demo_person.c has written
 * their memberships and papers, inside the same batch transaction.
 *
 * Record: enrolled from the earliest membership start, with the decision
 * that granted it. About 1 in 200 beneficiaries is suspended on as-of and
 * 1 in 100 was suspended once and resumed (Circular 02/2021 Art. 2(3)
 * grounds); former beneficiaries (run->res->former) are terminated on the
 * first day of the month after their case ended (RULES.md §2.6), for
 * death above all among the elderly, and their memberships end that day.
 *
 * Payment (RULES.md §7.1): mostly cash, at the commune office, the
 * commune's post office (Bưu điện văn hóa xã) or the village hall; bank
 * accounts (Agribank first, real NAPAS codes) and a few e-wallets among
 * people of working age; the cashless drive (Directive 21/CT-TTg, 11/2022)
 * moved some from cash to a bank in 2023-2024; cash at a commune office
 * moves to the new commune's office on 2025-07-01. Children are paid
 * through a parent or guardian, and a third of the very old (85+) and of
 * adults with an especially severe disability through a relative, each
 * with the paper that authorises them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo_int.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "util/xalloc.h"

static const struct date REFORM = {2025, 7, 1};
static const struct date CASHLESS = {2023, 1, 1};

#define ACTOR "system"

/* A whole record being put together, written at the end in one
 * store_registry_bulk_load. The strings live here until then. */
struct build {
    struct store_bulk_period periods[4];
    char texts[4][160];
    char refs[4][64];
    char froms[4][11];
    size_t nperiods;
    struct store_payment_new pays[3];
    char pay_froms[3][11];
    size_t npays;
};

/* --- dates ---------------------------------------------------------------- */

static struct date dmax(struct date a, struct date b)
{
    return date_cmp(a, b) >= 0 ? a : b;
}

static struct date dmin(struct date a, struct date b)
{
    return date_cmp(a, b) <= 0 ? a : b;
}

/* The first day of the month n months after the month of d. */
static struct date month_start(struct date d, int n)
{
    return month_first_day(month_add(month_of(d), n));
}

static struct date day_in(struct app_demo_rng *r, struct date lo,
                          struct date hi)
{
    if (date_cmp(lo, hi) > 0)
        return hi;
    return app_demo_day_between(r, lo, hi);
}

/* A month start in [lo, hi] (both month starts), or lo when empty. */
static struct date month_in(struct app_demo_rng *r, struct date lo,
                            struct date hi)
{
    struct month a = month_of(lo), b = month_of(hi);
    int span = (b.y * 12 + b.m) - (a.y * 12 + a.m);

    if (span <= 0)
        return lo;
    return month_first_day(month_add(a, app_demo_rng_range(r, 0, span)));
}

/* --- places --------------------------------------------------------------- */

static const char *commune_body(const struct demo_case *k, struct date d)
{
    if (k->op && (date_cmp(d, REFORM) < 0 || k->np == NULL))
        return k->op->commune_body;
    return k->np ? k->np->commune_body : "UBND cấp xã";
}

static const char *deciding_body(const struct demo_case *k, struct date d)
{
    if (k->op && (date_cmp(d, REFORM) < 0 || k->np == NULL))
        return k->op->district_body[0] ? k->op->district_body
                                       : k->op->commune_body;
    return k->np ? k->np->commune_body : "UBND cấp xã";
}

/* "UBND xã Liêm Phong" -> "xã Liêm Phong". */
static const char *place_of(const char *body)
{
    return strncmp(body, "UBND ", 5) == 0 ? body + 5 : body;
}

/* A made-up but stable name for the officer of a commune (salt 0: the
 * commune's social protection officer; 1: the post office clerk). */
static void officer_name(struct demo_run *run, const char *code, int salt,
                         int province, char *out, size_t outlen)
{
    struct app_demo_rng r;
    uint64_t n = strtoull(code, NULL, 10);
    int region = app_demo_region_of(province);
    char sex;

    app_demo_rng_seed(&r, run->o->seed,
                      0x300000000ULL + n * 4 + (uint64_t)salt);
    sex = app_demo_rng_chance(&r, 0.6) ? 'F' : 'M';
    app_demo_full_name(&r, region, sex, app_demo_rng_range(&r, 1965, 1998),
                       app_demo_family_name(&r, region), out, outlen);
}

/* --- record --------------------------------------------------------------- */

/* A decision of kind (suspend, resume, terminate) taking effect from
 * `effective` for `reason`, signed on `on`: its paper, its number unique
 * per signing unit and year (demo_decision_add), its reference in ref. */
static int decision_doc(struct demo_run *run, struct app_demo_rng *r,
                        const struct demo_case *k, const char *title,
                        struct date on, const char *kind, struct date effective,
                        const char *reason, char *ref, size_t reflen)
{
    struct store_document_new d;
    char num[32], iso[11], vn[11];
    uint32_t drawn = (uint32_t)app_demo_rng_range(r, 1, 3999);
    uint32_t n =
        demo_decision_add(run, date_cmp(on, REFORM) < 0 ? k->op : NULL, drawn,
                          k->person_id, kind, on, effective, "", reason);
    int rc;

    snprintf(num, sizeof num, "%u/QĐ-UBND", (unsigned)(n ? n : drawn));
    date_format_iso(on, iso);
    date_format_vn(on, vn);
    snprintf(ref, reflen, "%s ngày %s", num, vn);
    memset(&d, 0, sizeof d);
    d.person_id = k->person_id;
    d.type = title;
    d.number = num;
    d.issued_on = iso;
    d.issuer = deciding_body(k, on);
    rc = store_persons_document_add_kind(run->db, NULL, &d, "decision", NULL);
    if (rc == DB_OK)
        run->res->documents++;
    return rc;
}

/* Add a period to the history being built. */
static void set_status(struct build *b, const char *status, const char *reason,
                       const char *reason_text, const char *ref,
                       struct date from)
{
    size_t i = b->nperiods++;
    struct store_bulk_period *p = &b->periods[i];

    snprintf(b->texts[i], sizeof b->texts[i], "%s", reason_text);
    snprintf(b->refs[i], sizeof b->refs[i], "%s", ref);
    date_format_iso(from, b->froms[i]);
    p->status = status;
    p->reason = reason;
    p->reason_text = b->texts[i];
    p->decision_ref = b->refs[i];
    p->valid_from = b->froms[i];
}

/* Suspend from s (a month start) for a ground, with its decision. */
static int suspend(struct demo_run *run, struct app_demo_rng *r,
                   const struct demo_case *k, const char *reason, struct date s,
                   struct build *b)
{
    char ref[64];
    int rc;

    rc =
        decision_doc(run, r, k, "Quyết định tạm dừng trợ cấp xã hội hằng tháng",
                     day_in(r, dmax(date_add_days(s, -20), k->first_from),
                            dmin(s, run->as_of_real)),
                     "suspend", s, reason, ref, sizeof ref);
    if (rc == DB_OK)
        set_status(b, "suspended", reason,
                   strcmp(reason, "detention") == 0
                       ? "Bị tạm giam theo quyết định của cơ quan điều tra"
                       : "",
                   ref, s);
    return rc;
}

/* The ground of a suspension for this person. */
static const char *suspension_ground(struct app_demo_rng *r,
                                     const struct demo_case *k, int age,
                                     int allow_reassessment)
{
    int k6 = k->kind == DEMO_K6_CHILD || k->kind == DEMO_K6_ADULT ||
             k->kind == DEMO_K6_ELDER;

    if (allow_reassessment && k6 && app_demo_rng_chance(r, 0.35))
        return "reassessment";
    if (age >= 18 && age <= 70 && app_demo_rng_chance(r, 0.25))
        return "detention";
    return "not_collected";
}

/* Why a former beneficiary's case ended, by kind and age. */
static const char *termination_ground(struct app_demo_rng *r,
                                      const struct demo_case *k, int age)
{
    /* death, ineligible, suspension_expired, refused, prison, missing */
    static const char *const grounds[] = {
        "death",   "ineligible", "suspension_expired",
        "refused", "prison",     "missing"};
    static const uint32_t elderly[] = {85, 5, 4, 3, 0, 1};
    static const uint32_t disabled[] = {30, 35, 20, 5, 5, 5};
    static const uint32_t child[] = {15, 80, 0, 5, 0, 0};
    static const uint32_t adult[] = {20, 50, 8, 8, 10, 4};
    uint32_t w[6];
    const uint32_t *base;

    switch (k->kind) {
    case DEMO_K5A:
    case DEMO_K5B:
    case DEMO_K5C:
    case DEMO_K5D:
    case DEMO_K6_ELDER:
        base = elderly;
        break;
    case DEMO_K6_CHILD:
    case DEMO_K6_ADULT:
        base = disabled;
        break;
    case DEMO_K4:
    case DEMO_K8:
        base = adult;
        break;
    default:
        base = child;
        break;
    }
    memcpy(w, base, sizeof w);
    if (age < 18 || age > 70)
        w[4] = 0; /* prison */
    if (age < 18)
        w[5] = 0; /* missing: declared by a court, adults here */
    return grounds[app_demo_rng_weighted(r, w, 6)];
}

static const char *ineligible_text(const struct demo_case *k)
{
    switch (k->kind) {
    case DEMO_K1:
        return "Trẻ đã được nhận làm con nuôi";
    case DEMO_K2:
        return "Đã thôi học";
    case DEMO_K6_CHILD:
    case DEMO_K6_ADULT:
    case DEMO_K6_ELDER:
        return "Kết quả xác định lại: khuyết tật nhẹ";
    case DEMO_K5C:
        return "Đã hưởng lương hưu";
    default:
        return "Hộ gia đình không còn thuộc hộ nghèo, hộ cận nghèo";
    }
}

/* A former beneficiary: their case ended in the month of run->as_of (the
 * last day of a month); terminated from the first day of the next. */
static int terminate(struct demo_run *run, struct app_demo_rng *r,
                     const struct demo_case *k, int age, struct build *b)
{
    struct date D = run->as_of, T = date_add_days(D, 1);
    struct date lo = dmax(k->first_from, month_start(D, 0));
    const char *ground = termination_ground(r, k, age);
    char text[160] = "", ref[64], vn[11], num[32], on[11];
    struct date event = day_in(r, lo, D), S;
    int rc;

    if (strcmp(ground, "suspension_expired") == 0) {
        S = month_start(T, -3);
        if (date_cmp(S, k->first_from) <= 0)
            ground = "ineligible";
        else {
            rc = suspend(run, r, k, "reassessment", S, b);
            if (rc != DB_OK)
                return rc;
            snprintf(text, sizeof text,
                     "Không đến xác định lại mức độ khuyết tật, điều kiện "
                     "hưởng");
        }
    }
    date_format_vn(event, vn);
    if (strcmp(ground, "death") == 0) {
        struct store_document_new d;
        struct date issued = day_in(r, date_add_days(event, 1),
                                    dmin(date_add_days(event, 10), D));

        snprintf(text, sizeof text, "Chết ngày %s", vn);
        snprintf(num, sizeof num, "%u/TLKT",
                 (unsigned)app_demo_rng_range(r, 1, 999));
        date_format_iso(issued, on);
        memset(&d, 0, sizeof d);
        d.person_id = k->person_id;
        d.type = "Trích lục khai tử";
        d.number = num;
        d.issued_on = on;
        d.issuer = commune_body(k, issued);
        rc = store_persons_document_add_kind(run->db, NULL, &d,
                                             "death_certificate", NULL);
        if (rc != DB_OK)
            return rc;
        run->res->documents++;
    } else if (strcmp(ground, "ineligible") == 0) {
        snprintf(text, sizeof text, "%s", ineligible_text(k));
    } else if (strcmp(ground, "refused") == 0) {
        snprintf(text, sizeof text, "Có đơn từ chối nhận trợ cấp ngày %s", vn);
    } else if (strcmp(ground, "prison") == 0) {
        snprintf(text, sizeof text,
                 "Chấp hành án phạt tù theo bản án số "
                 "%u/%d/HS-ST",
                 (unsigned)app_demo_rng_range(r, 1, 300), event.y);
    } else if (strcmp(ground, "missing") == 0) {
        snprintf(text, sizeof text, "Tòa án tuyên bố mất tích ngày %s", vn);
    }
    rc = decision_doc(
        run, r, k, "Quyết định thôi hưởng trợ cấp xã hội hằng tháng",
        day_in(r, dmax(date_add_days(event, 1), date_add_days(T, -15)),
               dmin(date_add_days(T, 5), run->as_of_real)),
        "terminate", T, ground, ref, sizeof ref);
    if (rc == DB_OK)
        set_status(b, "terminated", ground, text, ref, T);
    return rc;
}

/* --- payment -------------------------------------------------------------- */

struct receiver {
    char name[STORE_PERSONS_NAME_SIZE];
    char id_number[13];
    const char *relationship;
    char document[200];
};

/* Who collects for k, if anyone (age on as-of). Returns 1 with *out. */
static int pick_receiver(struct demo_run *run, struct app_demo_rng *r,
                         const struct demo_case *k, int age,
                         struct receiver *out)
{
    static const char *const guardians[] = {
        "bà nội", "bà ngoại", "ông nội", "ông ngoại", "bác", "chú", "cô", "dì"};
    static const uint32_t guardians_w[] = {30, 20, 12, 8, 10, 8, 6, 6};
    static const char *const kin[] = {"con trai", "con gái", "con dâu", "cháu"};
    static const uint32_t kin_w[] = {40, 35, 15, 10};
    static const char *const carers[] = {"mẹ",    "bố",  "vợ",
                                         "chồng", "chị", "anh"};
    static const uint32_t carers_w[] = {45, 25, 10, 10, 5, 5};
    int region = app_demo_region_of(k->province);
    struct date on = k->first_from;
    const char *rel;
    char sex, vn[11];
    int year, paternal;

    if (age < 16) {
        int orphan = k->kind == DEMO_K1;

        rel = orphan ? guardians[app_demo_rng_weighted(r, guardians_w, 8)]
              : app_demo_rng_chance(r, 0.65) ? "mẹ"
                                             : "bố";
    } else if (age >= 85 && app_demo_rng_chance(r, 0.35)) {
        rel = kin[app_demo_rng_weighted(r, kin_w, 4)];
    } else if (k->severe && age < 60 && app_demo_rng_chance(r, 0.35)) {
        rel = carers[app_demo_rng_weighted(r, carers_w, 6)];
        if ((strcmp(rel, "vợ") == 0 && k->sex == 'F') ||
            (strcmp(rel, "chồng") == 0 && k->sex == 'M'))
            rel = "mẹ";
    } else {
        return 0;
    }
    out->relationship = rel;
    sex = (strncmp(rel, "bà", strlen("bà")) == 0 || strcmp(rel, "mẹ") == 0 ||
           strcmp(rel, "cô") == 0 || strcmp(rel, "dì") == 0 ||
           strcmp(rel, "con gái") == 0 || strcmp(rel, "con dâu") == 0 ||
           strcmp(rel, "vợ") == 0 || strcmp(rel, "chị") == 0)
              ? 'F'
          : strcmp(rel, "cháu") == 0 ? (app_demo_rng_chance(r, 0.5) ? 'F' : 'M')
                                     : 'M';
    if (strncmp(rel, "ông", strlen("ông")) == 0 ||
        strncmp(rel, "bà", strlen("bà")) == 0)
        year = k->birth.y - app_demo_rng_range(r, 45, 62);
    else if (strncmp(rel, "con", 3) == 0)
        year = k->birth.y + app_demo_rng_range(r, 20, 38);
    else if (strcmp(rel, "cháu") == 0)
        year = k->birth.y + app_demo_rng_range(r, 42, 60);
    else if (strcmp(rel, "mẹ") == 0 || strcmp(rel, "bố") == 0)
        year = k->birth.y - app_demo_rng_range(r, 20, 38);
    else
        year = k->birth.y + app_demo_rng_range(r, -8, 8);
    if (year < 1935)
        year = 1935;
    if (year > run->as_of_real.y - 20)
        year = run->as_of_real.y - 20;
    /* Father's side and sons keep the family name; others their own. */
    paternal = strcmp(rel, "bố") == 0 || strcmp(rel, "ông nội") == 0 ||
               strcmp(rel, "chú") == 0 || strcmp(rel, "con trai") == 0 ||
               (strcmp(rel, "bác") == 0 && sex == 'M');
    app_demo_full_name(r, region, sex, year,
                       paternal ? k->family : app_demo_family_name(r, region),
                       out->name, sizeof out->name);
    if (app_demo_ids_cccd(&run->ids, k->province, year, sex, out->id_number) !=
        0)
        out->id_number[0] = '\0';
    date_format_vn(day_in(r, date_add_days(on, -40), on), vn);
    if (age < 16 && strcmp(rel, "mẹ") != 0 && strcmp(rel, "bố") != 0)
        snprintf(out->document, sizeof out->document,
                 "Đăng ký giám hộ số %u/GH, %s, ngày %s",
                 (unsigned)app_demo_rng_range(r, 1, 200), commune_body(k, on),
                 vn);
    else if (age < 16)
        snprintf(out->document, sizeof out->document,
                 "Giấy khai sinh của trẻ (cha, mẹ nhận thay)");
    else
        snprintf(out->document, sizeof out->document,
                 "Giấy ủy quyền số %u/UQ, chứng thực tại %s ngày %s",
                 (unsigned)app_demo_rng_range(r, 1, 500), commune_body(k, on),
                 vn);
    return 1;
}

/* One arrangement from `from`. */
struct plan {
    const char *method;
    char point[DEMO_LABEL + 40];
    char officer[STORE_PERSONS_NAME_SIZE];
    const char *bank;
    char account[20];
    const char *wallet;
    int cash_kind; /* 0 commune office, 1 post office, 2 village hall */
};

static void put_arrangement(struct demo_run *run, const struct demo_case *k,
                            const struct plan *p, const struct receiver *rcv,
                            struct date from, struct build *b)
{
    size_t i = b->npays++;
    struct store_payment_new *a = &b->pays[i];

    date_format_iso(from, b->pay_froms[i]);
    memset(a, 0, sizeof *a);
    a->person_id = k->person_id;
    a->valid_from = b->pay_froms[i];
    a->method = p->method;
    if (strcmp(p->method, "cash") == 0) {
        a->point_name = p->point;
        a->point_officer = p->officer;
    } else {
        a->bank_code = p->bank;
        a->wallet_provider = p->wallet;
        a->account_number = p->account;
    }
    if (rcv != NULL) {
        a->receiver_name = rcv->name;
        a->receiver_id_number = rcv->id_number[0] ? rcv->id_number : NULL;
        a->receiver_relationship = rcv->relationship;
        a->receiver_document = rcv->document;
        run->res->receivers++;
    }
    a->expected_version = -1;
    a->actor = ACTOR;
    run->res->payment_arrangements++;
}

static void digits(struct app_demo_rng *r, char *out, int n)
{
    out[0] = (char)('1' + app_demo_rng_below(r, 9));
    for (int i = 1; i < n; i++)
        out[i] = (char)('0' + app_demo_rng_below(r, 10));
    out[n] = '\0';
}

static void cash_point(struct demo_run *run, const struct demo_case *k,
                       int cash_kind, struct date on, struct app_demo_rng *r,
                       struct plan *p)
{
    const char *body = commune_body(k, on);
    const char *code = k->op && (date_cmp(on, REFORM) < 0 || k->np == NULL)
                           ? k->op->code
                       : k->np ? k->np->code
                               : "0";

    p->method = "cash";
    p->cash_kind = cash_kind;
    if (cash_kind == 0) {
        snprintf(p->point, sizeof p->point, "Trụ sở %s", body);
        officer_name(run, code, 0, k->province, p->officer, sizeof p->officer);
    } else if (cash_kind == 1) {
        snprintf(p->point, sizeof p->point, "Bưu điện văn hóa %s",
                 place_of(body));
        officer_name(run, code, 1, k->province, p->officer, sizeof p->officer);
    } else {
        /* "Thôn 3" -> "Nhà văn hóa thôn 3" */
        snprintf(p->point, sizeof p->point, "Nhà văn hóa %c%s",
                 k->address[0] == 'T' ? 't' : k->address[0], k->address + 1);
        app_demo_full_name(
            r, app_demo_region_of(k->province), 'M',
            app_demo_rng_range(r, 1955, 1985),
            app_demo_family_name(r, app_demo_region_of(k->province)),
            p->officer, sizeof p->officer);
    }
}

static void bank_account(struct app_demo_rng *r, struct plan *p)
{
    static const struct {
        const char *code;
        int len;
    } banks[] = {{"970405", 13}, {"970449", 12}, {"970415", 12},
                 {"970418", 14}, {"970436", 13}, {"970422", 13},
                 {"970407", 14}, {"970403", 12}, {"970432", 9}};
    static const uint32_t w[] = {45, 15, 12, 12, 8, 3, 2, 2, 1};
    size_t i = app_demo_rng_weighted(r, w, 9);

    p->method = "bank";
    p->bank = banks[i].code;
    digits(r, p->account, banks[i].len);
}

static void wallet(struct app_demo_rng *r, struct plan *p)
{
    static const char *const codes[] = {"viettel_money", "vnpt_money", "momo",
                                        "zalopay", "postpay"};
    static const uint32_t w[] = {50, 30, 10, 5, 5};
    static const char *const viettel[] = {"086", "096", "097", "098",
                                          "032", "033", "034", "035",
                                          "036", "037", "038", "039"};
    static const char *const vina[] = {"088", "091", "094", "081",
                                       "082", "083", "084", "085"};
    size_t i = app_demo_rng_weighted(r, w, 5);
    const char *prefix = i == 1 ? vina[app_demo_rng_below(r, 8)]
                                : viettel[app_demo_rng_below(r, 12)];

    p->method = "ewallet";
    p->wallet = codes[i];
    memcpy(p->account, prefix, 3);
    for (int d = 3; d < 10; d++)
        p->account[d] = (char)('0' + app_demo_rng_below(r, 10));
    p->account[10] = '\0';
}

/* The arrangements of k, ending before `end` (exclusive; a former
 * beneficiary's termination) when end is not NULL. The plans and the
 * receiver live in *plans and *rcv until the record is written. */
static void payments(struct demo_run *run, struct app_demo_rng *r,
                     const struct demo_case *k, int age, const struct date *end,
                     struct plan plans[3], struct receiver *rcv,
                     struct build *b)
{
    static const uint32_t cash_w[] = {45, 40, 15};
    const struct receiver *who =
        pick_receiver(run, r, k, age, rcv) ? rcv : NULL;
    struct plan *first = &plans[0], *later = &plans[1], *moved = &plans[2];
    double p_bank, p_wallet, u = app_demo_rng_unit(r);
    struct date from = k->first_from;

    if (age < 16) {
        p_bank = 0.12;
        p_wallet = 0.0;
    } else if (age < 60) {
        p_bank = 0.33;
        p_wallet = 0.12;
    } else if (age < 80) {
        p_bank = 0.16;
        p_wallet = 0.04;
    } else {
        p_bank = 0.06;
        p_wallet = 0.01;
    }
    memset(plans, 0, 3 * sizeof *plans);
    if (u < p_bank)
        bank_account(r, later);
    else if (u < p_bank + p_wallet)
        wallet(r, later);
    else
        cash_point(run, k, (int)app_demo_rng_weighted(r, cash_w, 3), from, r,
                   later);
    /* The cashless drive: a quarter of the accounts opened in 2023-2024
     * replaced cash that had been paid since before. */
    if (strcmp(later->method, "cash") != 0 && date_cmp(from, CASHLESS) < 0 &&
        app_demo_rng_chance(r, 0.25)) {
        struct date hi =
            dmin(month_start(run->as_of, 0), (struct date){2024, 12, 1});
        struct date sw = month_in(r, CASHLESS, hi);

        if (date_cmp(sw, from) > 0 && (end == NULL || date_cmp(sw, *end) < 0)) {
            cash_point(run, k, (int)app_demo_rng_weighted(r, cash_w, 3), from,
                       r, first);
            put_arrangement(run, k, first, who, from, b);
            from = sw;
        }
    }
    put_arrangement(run, k, later, who, from, b);
    /* The commune office of a merged commune is the new commune's. */
    if (strcmp(later->method, "cash") == 0 && later->cash_kind == 0 && k->op &&
        k->np && date_cmp(from, REFORM) < 0 &&
        (end == NULL || date_cmp(REFORM, *end) < 0)) {
        cash_point(run, k, 0, REFORM, r, moved);
        put_arrangement(run, k, moved, who, REFORM, b);
    }
}

/* --- the case ------------------------------------------------------------- */

int demo_case_create(struct demo_run *run, struct app_demo_rng *r,
                     const struct demo_case *k)
{
    struct date A = run->as_of;
    int age = date_age_on(k->birth, A);
    struct build *b = xcalloc(1, sizeof *b);
    struct plan plans[3];
    struct receiver rcv;
    struct date end = date_add_days(A, 1);
    double u;
    int rc = DB_OK;

    set_status(b, "enrolled", NULL, "", k->decision_ref, k->first_from);
    payments(run, r, k, age, k->former ? &end : NULL, plans, &rcv, b);
    if (k->former) {
        rc = terminate(run, r, k, age, b);
        goto write;
    }
    u = app_demo_rng_unit(r);
    if (u < 0.005) {
        /* Suspended now, since one of the last three month starts. */
        struct date s = month_in(r, month_start(A, -2), month_start(A, 0));

        if (date_cmp(s, k->first_from) > 0) {
            rc = suspend(run, r, k, suspension_ground(r, k, age, 1), s, b);
            if (rc == DB_OK)
                run->res->suspended++;
        }
    } else if (u < 0.015) {
        /* Suspended once and resumed. */
        struct date s =
            month_in(r, month_start(k->first_from, 1), month_start(A, -3));
        struct date back = month_start(s, app_demo_rng_range(r, 1, 3));
        char ref[64];

        if (date_cmp(s, k->first_from) > 0 && date_cmp(back, A) <= 0) {
            rc = suspend(run, r, k, suspension_ground(r, k, age, 0), s, b);
            if (rc == DB_OK)
                rc = decision_doc(
                    run, r, k, "Quyết định tiếp tục trợ cấp xã hội hằng tháng",
                    day_in(r, date_add_days(back, -20), back), "resume", back,
                    NULL, ref, sizeof ref);
            if (rc == DB_OK)
                set_status(b, "enrolled", NULL, "", ref, back);
        }
    }
write:
    if (rc == DB_OK)
        rc = store_registry_bulk_load(run->db, k->person_id, ACTOR, b->periods,
                                      b->nperiods, b->pays, b->npays);
    free(b);
    return rc;
}
