/* demo_person.c: one demo beneficiary with their household, papers and
 * history (docs/demo.md). Called by demo.c inside its batch transaction.
 *
 * Every date is consistent with the rules it stands for (RULES.md §2.2,
 * §2.6): ages fit the category on the as-of date; a membership starts in
 * the month of the decision, never before 2021-07-01 (Decree 20), or in the
 * month of the 80th (K5c) or 75th (K5b) birthday, or in the month the
 * disability certificate was issued (K6); papers are dated before the
 * decision they support; households of the categories that require it are
 * poor (K3, K5a, K5d, K8) or poor or near-poor (K4, K5b, K7) in every year
 * of the membership.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "app/demo_int.h"
#include "core/cccd.h"
#include "store/db.h"
#include "store/store_persons.h"

static const struct date DECREE20 = {2021, 7, 1};
static const struct date REFORM = {2025, 7, 1};

/* --- dates --------------------------------------------------------------- */

static struct date dmax(struct date a, struct date b)
{
    return date_cmp(a, b) >= 0 ? a : b;
}

static struct date dmin(struct date a, struct date b)
{
    return date_cmp(a, b) <= 0 ? a : b;
}

static struct date first_of(struct date d)
{
    struct date r = {d.y, d.m, 1};
    return r;
}

/* The first day of a decision month: the first month that starts on or
 * after lo (the case must exist first), and no earlier than 2021-07 nor
 * later than the month of hi. Decree 20 took over the caseload of the old
 * decree on 2021-07-01, so a share p_transition of the cases start in the
 * earliest possible month. When no month starts inside [lo, hi], the
 * membership starts on lo itself (or 2021-07-01 if later). */
static struct date decision_month(struct app_demo_rng *r, struct date lo,
                                  struct date hi, double p_transition)
{
    struct date start = dmax(lo, DECREE20);
    struct month a = month_of(start);
    struct month b = month_of(hi);
    if (start.d != 1)
        a = month_add(a, 1);
    if (month_cmp(a, b) > 0)
        return start;
    int span = (b.y * 12 + b.m) - (a.y * 12 + a.m);
    int k = app_demo_rng_chance(r, p_transition)
                ? 0
                : app_demo_rng_range(r, 0, span);
    return month_first_day(month_add(a, k));
}

/* A day between lo and hi, or hi when the range is empty. */
static struct date day_in(struct app_demo_rng *r, struct date lo,
                          struct date hi)
{
    if (date_cmp(lo, hi) > 0)
        return hi;
    return app_demo_day_between(r, lo, hi);
}

static int expo_age(struct app_demo_rng *r, int base, double mean, int cap)
{
    int a = base + (int)(-log(1.0 - app_demo_rng_unit(r)) * mean);
    return a > cap ? cap : a;
}

/* --- one household ------------------------------------------------------- */

/* The places and household of the beneficiary being created. */
struct hh {
    struct demo_run *run;
    struct demo_commune *c;
    struct app_demo_rng *r;
    const struct demo_old_place *op; /* NULL: no pre-reform place known */
    const struct demo_new_place *np; /* NULL: no post-reform place known */
    int province;                    /* old province of birth registration */
    int64_t household_id;
    char address[48];
    int has_from;           /* a membership was made: */
    struct date first_from; /* the earliest start */
    struct date ref_from;   /* the membership decision_ref grants */
    char decision_ref[64];  /* its decision, "12/QĐ-UBND ngày 03/02/2022" */
    int severe;             /* an especially severe disability (K6) */
    size_t nmem;            /* the memberships made, for their decisions */
    int64_t mem_id[8];
    char mem_cat[8][8];
};

enum { POV_ANY, POV_POOR, POV_POOR_OR_NEAR };

/* The body that issued a commune-level paper on day d. */
static const char *commune_body(const struct hh *h, struct date d)
{
    if (h->op && (date_cmp(d, REFORM) < 0 || h->np == NULL))
        return h->op->commune_body;
    return h->np->commune_body;
}

/* Before 2025-07-01 the district chairman decided (RULES.md §6.2), after
 * it the commune chairman (§6.5). */
static const char *deciding_body(const struct hh *h, struct date d)
{
    if (h->op && (date_cmp(d, REFORM) < 0 || h->np == NULL))
        return h->op->district_body[0] ? h->op->district_body
                                       : h->op->commune_body;
    return h->np->commune_body;
}

static const struct demo_province *prov(const struct hh *h)
{
    return &h->run->provinces[h->province];
}

/* The core/registry.h kind of a paper by its printed title. */
static const char *kind_of(const char *type)
{
    static const char *const kinds[][2] = {
        {"Quyết định trợ cấp xã hội hằng tháng", "decision"},
        {"Quyết định thôi hưởng trợ cấp xã hội hằng tháng", "decision"},
        {"Quyết định tạm dừng trợ cấp xã hội hằng tháng", "decision"},
        {"Quyết định tiếp tục trợ cấp xã hội hằng tháng", "decision"},
        {"Giấy khai sinh", "birth_certificate"},
        {"Giấy chứng nhận hộ nghèo", "poverty_certificate"},
        {"Giấy chứng nhận hộ cận nghèo", "poverty_certificate"},
        {"Giấy xác nhận nhiễm HIV", "hiv_confirmation"},
        {"Trích lục khai tử", "death_certificate"},
        {"Quyết định tuyên bố mất tích", "missing_declaration"},
        {"Giấy xác nhận đang được nuôi dưỡng tại cơ sở trợ giúp xã hội",
         "facility_confirmation"},
        {"Giấy xác nhận đang chấp hành án phạt tù", "prison_confirmation"},
        {"Biên bản xác nhận trẻ bị bỏ rơi", "abandonment_record"},
        {"Giấy xác nhận đang học", "school_confirmation"},
        {"Giấy xác nhận khuyết tật", "disability_certificate"},
        {"Giấy xác nhận tình trạng hôn nhân", "marital_status"},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i][0], type) == 0)
            return kinds[i][1];
    return "other";
}

static int add_doc(struct hh *h, int64_t person_id, int64_t membership_id,
                   const char *type, const char *number, struct date issued,
                   const char *issuer)
{
    struct store_document_new d;
    char on[11];
    int rc;

    date_format_iso(issued, on);
    d.person_id = person_id;
    d.membership_id = membership_id;
    d.type = type;
    d.number = number;
    d.issued_on = on;
    d.issuer = issuer;
    rc = store_persons_document_add_kind(h->run->db, NULL, &d, kind_of(type),
                                         NULL);
    if (rc == DB_OK)
        h->run->res->documents++;
    return rc;
}

static int add_membership(struct hh *h, int64_t person_id, const char *cat,
                          const char *disability, int studying,
                          struct date from, const struct date *to, int64_t *id)
{
    struct store_membership_new m;
    char f[11], t[11];
    int rc;

    date_format_iso(from, f);
    if (to)
        date_format_iso(*to, t);
    m.person_id = person_id;
    m.category = cat;
    m.disability = disability;
    m.studying = studying;
    m.valid_from = f;
    m.valid_to = to ? t : NULL;
    rc = store_persons_membership_add(h->run->db, NULL, &m, id);
    if (rc == DB_OK && h->nmem < 8) {
        h->mem_id[h->nmem] = *id;
        snprintf(h->mem_cat[h->nmem++], sizeof h->mem_cat[0], "%s", cat);
    }
    if (rc == DB_OK) {
        h->run->res->memberships++;
        if (!h->has_from || date_cmp(from, h->first_from) < 0)
            h->first_from = from;
        h->has_from = 1;
        if (disability && strcmp(disability, "especially_severe") == 0)
            h->severe = 1;
    }
    return rc;
}

/* The decision granting a membership from `from`: signed in that month,
 * on or after the latest paper it rests on (not_before), or up to `late`
 * days later (K5b and K5c start on the birthday, whatever the date of the
 * decision). */
static int add_decision(struct hh *h, int64_t pid, int64_t mid,
                        struct date from, struct date not_before, int late)
{
    struct date lo = dmax(from, not_before);
    struct date hi = dmin(dmax(date_add_days(from, late), lo), h->run->as_of);
    struct date on = day_in(h->r, lo, hi);
    uint32_t drawn = (uint32_t)app_demo_rng_range(h->r, 1, 3999);
    const char *cat = "";
    char num[32];

    for (size_t i = 0; i < h->nmem; i++)
        if (h->mem_id[i] == mid)
            cat = h->mem_cat[i];
    /* Unique per signing unit and year (the decision's record). */
    uint32_t n =
        demo_decision_add(h->run, date_cmp(on, REFORM) < 0 ? h->op : NULL,
                          drawn, pid, "grant", on, from, cat, NULL);
    snprintf(num, sizeof num, "%u/QĐ-UBND", (unsigned)(n ? n : drawn));
    if (h->decision_ref[0] == '\0' || date_cmp(from, h->ref_from) < 0) {
        char vn[11];

        date_format_vn(on, vn);
        snprintf(h->decision_ref, sizeof h->decision_ref, "%s ngày %s", num,
                 vn);
        h->ref_from = from;
    }
    return add_doc(h, pid, mid, "Quyết định trợ cấp xã hội hằng tháng", num, on,
                   deciding_body(h, on));
}

static int add_birth_cert(struct hh *h, int64_t pid, int64_t mid,
                          struct date birth)
{
    struct date on = day_in(h->r, date_add_days(birth, 3),
                            dmin(date_add_days(birth, 60), h->run->as_of));
    char num[32];

    snprintf(num, sizeof num, "%u/%d",
             (unsigned)app_demo_rng_range(h->r, 1, 450), on.y);
    return add_doc(h, pid, mid, "Giấy khai sinh", num, on, commune_body(h, on));
}

static int add_poverty_cert(struct hh *h, int64_t pid, int64_t mid,
                            struct date from, int poor)
{
    struct date jan = {from.y, 1, 1};
    struct date on = day_in(h->r, jan, from);
    char num[32];

    snprintf(num, sizeof num, "%u/GCN-%s",
             (unsigned)app_demo_rng_range(h->r, 1, 900), poor ? "HN" : "HCN");
    return add_doc(h, pid, mid,
                   poor ? "Giấy chứng nhận hộ nghèo"
                        : "Giấy chứng nhận hộ cận nghèo",
                   num, on, commune_body(h, on));
}

static int add_hiv_cert(struct hh *h, int64_t pid, int64_t mid, struct date on)
{
    char num[32];

    snprintf(num, sizeof num, "%u/XN-HIV",
             (unsigned)app_demo_rng_range(h->r, 1, 2999));
    return add_doc(h, pid, mid, "Giấy xác nhận nhiễm HIV", num, on,
                   prov(h)->cdc);
}

/* Poverty records for the years 2021 .. as-of year. need: POV_POOR from
 * from_year on (poor every year of the membership), POV_POOR_OR_NEAR (one
 * of the two, kept), POV_ANY (most households never appear in the lists;
 * some do for a few years). *poor_at_start: status in from_year was poor. */
static int poverty(struct hh *h, int need, int from_year, int *poor_at_start)
{
    struct app_demo_rng *r = h->r;
    int last = h->run->as_of.y;
    const char *kept = NULL;
    const char *walk;
    int rc;

    if (need == POV_ANY && !app_demo_rng_chance(r, 0.15))
        return DB_OK;
    if (need == POV_POOR)
        kept = "poor";
    else if (need == POV_POOR_OR_NEAR)
        kept = app_demo_rng_chance(r, 0.55) ? "poor" : "near_poor";
    walk = app_demo_rng_chance(r, 0.5) ? "poor" : "near_poor";
    for (int y = 2021; y <= last; y++) {
        const char *s;
        if (kept && y >= from_year) {
            s = kept;
        } else {
            s = walk;
            /* Households leave the lists slowly, one step a year. */
            double u = app_demo_rng_unit(r);
            if (strcmp(walk, "poor") == 0 && u < 0.2)
                walk = "near_poor";
            else if (strcmp(walk, "near_poor") == 0 && u < 0.2 && !kept)
                walk = "none";
        }
        if (y == from_year && poor_at_start)
            *poor_at_start = strcmp(s, "poor") == 0;
        rc = store_persons_poverty_set(h->run->db, NULL, h->household_id, y, s);
        if (rc != DB_OK)
            return rc;
        h->run->res->poverty_records++;
    }
    return DB_OK;
}

/* Old province codes a person may have been registered in at birth:
 * mostly the home province, else a neighbour (for Hà Nam: Nam Định,
 * Ninh Bình, Thái Bình, Hà Nội; elsewhere a nearby valid code). */
static int birth_province(struct app_demo_rng *r, int home)
{
    static const uint32_t w35[] = {4, 3, 2, 1};
    static const int n35[] = {36, 37, 34, 1};
    int cand[8], n = 0;
    char code[4];

    if (app_demo_rng_chance(r, 0.9))
        return home;
    if (home == 35)
        return n35[app_demo_rng_weighted(r, w35, 4)];
    for (int d = -4; d <= 4 && n < 8; d++) {
        int p = home + d;
        if (d == 0 || p < 1 || p > 96)
            continue;
        snprintf(code, sizeof code, "%03d", p);
        if (cccd_province_name(code))
            cand[n++] = p;
    }
    return n ? cand[app_demo_rng_below(r, (uint32_t)n)] : home;
}

/* Insert one person of the household with birth date, sex and residence
 * (the pre-reform commune, open: the reorganisation moves it). */
static int person(struct hh *h, char sex, struct date birth, const char *family,
                  int province, int64_t *pid, char *family_out,
                  size_t family_outlen)
{
    struct demo_run *run = h->run;
    struct store_person_new p;
    char id[13], name[STORE_PERSONS_NAME_SIZE], bd[11], from[11];
    int rc;

    int region = app_demo_region_of(province);
    const char *fam = family ? family : app_demo_family_name(h->r, region);
    if (family_out)
        snprintf(family_out, family_outlen, "%s", fam);
    app_demo_full_name(h->r, region, sex, birth.y, fam, name, sizeof name);
    /* A few of the oldest never changed their 9-digit CMND. */
    if (birth.y < 1950 && app_demo_rng_chance(h->r, 0.05))
        rc = app_demo_ids_cmnd(&run->ids, province, id);
    else
        rc = app_demo_ids_cccd(&run->ids, province, birth.y, sex, id);
    if (rc != 0)
        return db_set_error(run->db, DB_ERROR,
                            "Hết số định danh cho tỉnh %d năm %d", province,
                            birth.y);
    date_format_iso(birth, bd);
    p.id_number = id;
    p.full_name = name;
    p.birth_date = bd;
    p.sex = sex;
    p.household_id = h->household_id;
    rc = store_persons_add(run->db, NULL, &p, pid);
    if (rc != DB_OK)
        return rc;
    run->res->persons++;

    struct date old_from = birth;
    if (h->op) {
        struct date since;
        date_parse_iso(h->op->since, 10, &since);
        old_from = dmax(since, birth);
    }
    if (h->op && date_cmp(old_from, REFORM) < 0) {
        date_format_iso(old_from, from);
        rc = store_persons_residence_add(run->db, NULL, *pid, h->op->code,
                                         h->address, from, NULL, NULL);
        if (rc != DB_OK)
            return rc;
        run->res->residences++;
    }
    return DB_OK;
}

/* --- categories ---------------------------------------------------------- */

enum ev { EV_NONE, EV_DEAD, EV_MISSING, EV_FACILITY, EV_PRISON, EV_ABANDON };

/* K1 sub-points (RULES.md §2.2) with their shares and what happened to
 * each parent. Full orphans (b) are the most common. */
static const struct {
    const char *code;
    uint32_t w;
    int ev[2];
} k1_points[] = {
    {"K1a", 60, {EV_ABANDON, EV_NONE}},
    {"K1b", 450, {EV_DEAD, EV_DEAD}},
    {"K1c", 90, {EV_DEAD, EV_MISSING}},
    {"K1d", 50, {EV_DEAD, EV_FACILITY}},
    {"K1dd", 150, {EV_DEAD, EV_PRISON}},
    {"K1e", 30, {EV_MISSING, EV_MISSING}},
    {"K1g", 20, {EV_FACILITY, EV_FACILITY}},
    {"K1h", 40, {EV_PRISON, EV_PRISON}},
    {"K1i", 30, {EV_MISSING, EV_FACILITY}},
    {"K1k", 50, {EV_MISSING, EV_PRISON}},
    {"K1l", 30, {EV_FACILITY, EV_PRISON}},
};
#define NK1 (sizeof k1_points / sizeof k1_points[0])

static size_t k1_point(struct app_demo_rng *r, int allow_abandoned)
{
    uint32_t w[NK1];
    for (size_t i = 0; i < NK1; i++)
        w[i] = k1_points[i].w;
    if (!allow_abandoned)
        w[0] = 0;
    return app_demo_rng_weighted(r, w, NK1);
}

/* What happened to a child's parents, and when (in order). */
struct k1_story {
    size_t point;
    struct date on[2];
};

static void k1_plan(struct hh *h, size_t point, struct date birth,
                    struct date lo, struct date hi, struct k1_story *s)
{
    s->point = point;
    if (k1_points[point].ev[0] == EV_ABANDON) {
        s->on[0] = day_in(h->r, birth, dmin(date_add_days(birth, 30), hi));
        s->on[1] = s->on[0];
        return;
    }
    s->on[0] = day_in(h->r, lo, hi);
    s->on[1] = day_in(h->r, lo, hi);
    if (date_cmp(s->on[0], s->on[1]) > 0) {
        struct date t = s->on[0];
        s->on[0] = s->on[1];
        s->on[1] = t;
    }
}

/* The paper proving one parent's situation, dated on. */
static int add_event_doc(struct hh *h, int64_t pid, int64_t mid, int ev,
                         struct date on)
{
    char num[40];
    unsigned n = (unsigned)app_demo_rng_range(h->r, 1, 999);

    switch (ev) {
    case EV_DEAD:
        snprintf(num, sizeof num, "%u/TLKT", n);
        return add_doc(h, pid, mid, "Trích lục khai tử", num, on,
                       commune_body(h, on));
    case EV_MISSING: {
        char court[2 * DEMO_LABEL];
        if (h->op && h->op->court[0])
            snprintf(court, sizeof court, "%s", h->op->court);
        else
            snprintf(court, sizeof court, "Tòa án nhân dân %s", prov(h)->label);
        snprintf(num, sizeof num, "%02u/%d/QĐST-DS", n % 90 + 1, on.y);
        return add_doc(h, pid, mid, "Quyết định tuyên bố mất tích", num, on,
                       court);
    }
    case EV_FACILITY:
        snprintf(num, sizeof num, "%u/XN-BTXH", n);
        return add_doc(h, pid, mid,
                       "Giấy xác nhận đang được nuôi dưỡng tại cơ sở trợ "
                       "giúp xã hội",
                       num, on, prov(h)->facility);
    case EV_PRISON:
        snprintf(num, sizeof num, "%u/XN-TG", n);
        return add_doc(h, pid, mid, "Giấy xác nhận đang chấp hành án phạt tù",
                       num, on,
                       h->province == 35 ? "Trại giam Nam Hà (Bộ Công an)"
                                         : "Trại giam thuộc Bộ Công an");
    case EV_ABANDON:
        snprintf(num, sizeof num, "%u/BB-UBND", n);
        return add_doc(h, pid, mid, "Biên bản xác nhận trẻ bị bỏ rơi", num, on,
                       commune_body(h, on));
    default:
        return DB_OK;
    }
}

static int k1_docs(struct hh *h, int64_t pid, int64_t mid,
                   const struct k1_story *s)
{
    int rc = add_event_doc(h, pid, mid, k1_points[s->point].ev[0], s->on[0]);
    if (rc == DB_OK)
        rc = add_event_doc(h, pid, mid, k1_points[s->point].ev[1], s->on[1]);
    return rc;
}

static const char *const schools_hanam[] = {
    "Trường THPT A Phủ Lý",     "Trường THPT B Phủ Lý",
    "Trường THPT C Phủ Lý",     "Trường THPT Chuyên Biên Hòa",
    "Trường THPT A Duy Tiên",   "Trường THPT B Duy Tiên",
    "Trường THPT A Kim Bảng",   "Trường THPT B Kim Bảng",
    "Trường THPT A Thanh Liêm", "Trường THPT B Thanh Liêm",
    "Trường THPT A Bình Lục",   "Trường THPT B Bình Lục",
    "Trường THPT Bắc Lý",       "Trường THPT Nam Lý",
    "Trường THPT Lý Nhân",
};
static const char *const colleges[3][5] = {
    {"Trường Đại học Bách khoa Hà Nội", "Trường Đại học Kinh tế Quốc dân",
     "Trường Đại học Sư phạm Hà Nội", "Trường Đại học Công nghiệp Hà Nội",
     "Trường Cao đẳng Y tế Hà Nam"},
    {"Trường Đại học Vinh", "Trường Đại học Quy Nhơn",
     "Trường Đại học Sư phạm - Đại học Đà Nẵng",
     "Trường Đại học Y Dược - Đại học Huế", "Trường Đại học Tây Nguyên"},
    {"Trường Đại học Cần Thơ", "Trường Đại học Kinh tế TP. Hồ Chí Minh",
     "Trường Đại học Sư phạm TP. Hồ Chí Minh", "Trường Đại học An Giang",
     "Trường Cao đẳng Kỹ thuật Cao Thắng"},
};

/* A school confirmation for a student aged age, dated in the current
 * school year and not before `from`. */
static int add_school_doc(struct hh *h, int64_t pid, int64_t mid, int age,
                          struct date from)
{
    struct app_demo_rng *r = h->r;
    struct date A = h->run->as_of;
    const char *school;
    char num[32];

    if (age >= 18)
        school =
            colleges[app_demo_region_of(h->province)][app_demo_rng_below(r, 5)];
    else if (h->province == 35)
        school = schools_hanam[app_demo_rng_below(
            r, sizeof schools_hanam / sizeof schools_hanam[0])];
    else
        school = "Trường Trung học phổ thông trên địa bàn";
    snprintf(num, sizeof num, "%u/GXN",
             (unsigned)app_demo_rng_range(r, 1, 1500));
    return add_doc(h, pid, mid, "Giấy xác nhận đang học", num,
                   day_in(r, dmax(from, date_add_days(A, -300)), A), school);
}

static char sex_with(struct app_demo_rng *r, double p_female)
{
    return app_demo_rng_chance(r, p_female) ? 'F' : 'M';
}

/* The day a person born `birth` turns n (29/02 birthdays fall on 01/03 in
 * common years, as date_age_on counts them). */
static struct date birthday(struct date birth, int n)
{
    struct date d = {birth.y + n, birth.m, birth.d};
    if (!date_is_valid(d.y, d.m, d.d)) {
        d.m = 3;
        d.d = 1;
    }
    return d;
}

/* A K6 membership (with certificate and decision) for person pid born
 * birth, certificate no earlier than cert_lo. Certificates exist since the
 * Law on Persons with Disabilities took effect (2012); payment starts in
 * the month the certificate is issued (RULES.md §2.6), or on 2021-07-01
 * for certificates from before Decree 20. */
static int k6(struct hh *h, int64_t pid, struct date birth, struct date cert_lo)
{
    static const struct date law = {2013, 1, 1};
    struct date A = h->run->as_of;
    struct date lo = dmax(cert_lo, dmax(date_add_days(birth, 365), law));
    struct date cert = day_in(h->r, lo, A);
    struct date from = dmax(first_of(cert), DECREE20);
    const char *level =
        app_demo_rng_chance(h->r, 0.4) ? "especially_severe" : "severe";
    int64_t mid;
    char num[32];
    int rc;

    rc = add_membership(h, pid, "K6", level, 0, from, NULL, &mid);
    if (rc != DB_OK)
        return rc;
    snprintf(num, sizeof num, "%04u/XNKT",
             (unsigned)app_demo_rng_range(h->r, 1, 2500));
    rc = add_doc(h, pid, mid, "Giấy xác nhận khuyết tật", num, cert,
                 commune_body(h, cert));
    if (rc == DB_OK)
        rc = add_decision(h, pid, mid, from, cert, 45);
    return rc;
}

/* A poor single parent (K4) and the children they raise: the children are
 * persons of the household, not beneficiaries. */
static int k4(struct hh *h, int64_t pid, struct date birth, char sex,
              const char *family)
{
    static const uint32_t nkids_w[] = {45, 40, 15};
    static const uint32_t status_w[] = {55, 30, 15};
    struct app_demo_rng *r = h->r;
    struct date A = h->run->as_of;
    int age = date_age_on(birth, A);
    int nkids = (int)app_demo_rng_weighted(r, nkids_w, 3) + 1;
    struct date kid_birth[3];
    int64_t kid_id;
    int rc;

    /* The oldest child: born when the parent was at least 19; sometimes
     * 16-21 and still at school (K4 covers them, RULES.md §2.2). */
    int max_age = age - 19 < 15 ? age - 19 : 15;
    int studying = age >= 38 && app_demo_rng_chance(r, 0.1);
    int kid_age = studying
                      ? app_demo_rng_range(r, 16, age - 19 < 21 ? age - 19 : 21)
                      : app_demo_rng_range(r, 0, max_age);
    int n = 0;
    while (n < nkids && kid_age >= 0) {
        kid_birth[n] = app_demo_birth_for_age(r, A, kid_age);
        if (kid_age == 0 && date_cmp(kid_birth[n], date_add_days(A, -60)) > 0)
            kid_birth[n] =
                date_add_days(A, -60 - (int)app_demo_rng_below(r, 200));
        n++;
        kid_age -= app_demo_rng_range(r, 1, 5);
    }
    nkids = n;
    /* Widowed (0), never married (1) or the spouse declared missing (2). */
    int status = (int)app_demo_rng_weighted(r, status_w, 3);
    struct date youngest = kid_birth[nkids - 1];
    struct date event =
        day_in(r, date_add_days(youngest, -300), date_add_days(A, -45));
    struct date ready = status == 1 ? youngest : dmax(event, youngest);
    struct date from = decision_month(r, ready, A, 0.3);
    int poor = 1;
    rc = poverty(h, POV_POOR_OR_NEAR, from.y, &poor);
    if (rc != DB_OK)
        return rc;
    int64_t mid;
    rc = add_membership(h, pid, "K4", NULL, 0, from, NULL, &mid);
    if (rc != DB_OK)
        return rc;
    char num[32];
    snprintf(num, sizeof num, "%u/%s", (unsigned)app_demo_rng_range(r, 1, 999),
             status == 0 ? "TLKT" : "XNTTHN");
    if (status == 0)
        rc = add_doc(h, pid, mid, "Trích lục khai tử", num, event,
                     commune_body(h, event));
    else if (status == 1)
        rc = add_doc(h, pid, mid, "Giấy xác nhận tình trạng hôn nhân", num,
                     day_in(r, date_add_days(from, -60), from),
                     commune_body(h, from));
    else
        rc = add_event_doc(h, pid, mid, EV_MISSING, event);
    if (rc == DB_OK)
        rc = add_poverty_cert(h, pid, mid, from, poor);
    if (rc == DB_OK)
        rc = add_decision(h, pid, mid, from, ready, 27);
    /* A widow's children carry their late father's family name; a
     * father's, or a never-married mother's, the parent's own. */
    for (int i = 0; i < nkids && rc == DB_OK; i++) {
        const char *fam = status == 1 || sex == 'M' ? family : NULL;
        rc = person(h, sex_with(r, 0.5), kid_birth[i], fam,
                    birth_province(r, h->province), &kid_id, NULL, 0);
        if (rc == DB_OK)
            rc = add_birth_cert(h, kid_id, mid, kid_birth[i]);
        if (rc == DB_OK && i == 0 && studying)
            rc = add_school_doc(h, kid_id, mid, date_age_on(kid_birth[i], A),
                                from);
    }
    if (rc == DB_OK && app_demo_rng_chance(r, 0.05))
        rc = k6(h, pid, birth, birthday(birth, 18));
    return rc;
}

/* A K1 child; or a K2 student who was a K1 child until 16. */
static int k1_k2(struct hh *h, int64_t pid, struct date birth, int k2)
{
    struct app_demo_rng *r = h->r;
    struct date A = h->run->as_of;
    struct k1_story s;
    int64_t mid1 = 0, mid2 = 0;
    int rc;

    if (!k2) {
        k1_plan(h, k1_point(r, 1), birth, date_add_days(birth, 1),
                date_add_days(A, -45), &s);
        struct date from = decision_month(r, s.on[1], A, 0.3);
        rc = poverty(h, POV_ANY, from.y, NULL);
        if (rc == DB_OK)
            rc = add_membership(h, pid, k1_points[s.point].code, NULL, 0, from,
                                NULL, &mid1);
        if (rc == DB_OK)
            rc = add_birth_cert(h, pid, mid1, birth);
        if (rc == DB_OK)
            rc = k1_docs(h, pid, mid1, &s);
        if (rc == DB_OK)
            rc = add_decision(h, pid, mid1, from, s.on[1], 27);
        return rc;
    }
    /* K2 continues K1 from the month of the 16th birthday (RULES.md §2.2:
     * in education, until 22); the K1 membership before it is closed then.
     * A child who turned 16 before Decree 20 has no K1 record here. */
    struct date b16 = birthday(birth, 16);
    struct date from2 = dmax(first_of(b16), DECREE20);
    k1_plan(h, k1_point(r, 0), birth, date_add_days(birth, 365),
            date_add_days(b16, -90), &s);
    struct date from1 =
        decision_month(r, s.on[1], date_add_days(from2, -1), 0.3);
    int has_k1 = date_cmp(from1, DECREE20) >= 0 && date_cmp(from1, from2) < 0;
    rc = poverty(h, POV_ANY, from2.y, NULL);
    if (rc == DB_OK && has_k1)
        rc = add_membership(h, pid, k1_points[s.point].code, NULL, 0, from1,
                            &from2, &mid1);
    if (rc == DB_OK)
        rc = add_membership(h, pid, "K2", NULL, 1, from2, NULL, &mid2);
    if (rc == DB_OK)
        rc = add_birth_cert(h, pid, has_k1 ? mid1 : mid2, birth);
    if (rc == DB_OK)
        rc = k1_docs(h, pid, has_k1 ? mid1 : mid2, &s);
    if (rc == DB_OK && has_k1)
        rc = add_decision(h, pid, mid1, from1, s.on[1], 27);
    if (rc == DB_OK)
        rc = add_school_doc(h, pid, mid2, date_age_on(birth, A), from2);
    if (rc == DB_OK)
        rc = add_decision(h, pid, mid2, from2, from2, 45);
    return rc;
}

/* Categories whose proof is a poverty certificate plus a decision: the
 * elderly (K5a, K5b, K5d) and the youngest children of the mountain
 * communes (K7). ready: when the person became eligible. */
static int poor_category(struct hh *h, int64_t pid, const char *cat,
                         struct date birth, struct date ready, int need,
                         int from_birthday)
{
    struct date A = h->run->as_of;
    struct date from = from_birthday ? dmax(first_of(ready), DECREE20)
                                     : decision_month(h->r, ready, A, 0.35);
    int64_t mid;
    int poor = 1;
    int rc;

    rc = poverty(h, need, from.y, &poor);
    if (rc == DB_OK)
        rc = add_membership(h, pid, cat, NULL, 0, from, NULL, &mid);
    if (rc == DB_OK && strcmp(cat, "K7") == 0)
        rc = add_birth_cert(h, pid, mid, birth);
    if (rc == DB_OK)
        rc = add_poverty_cert(h, pid, mid, from, poor);
    if (rc == DB_OK)
        rc = add_decision(h, pid, mid, from, from, from_birthday ? 75 : 27);
    return rc;
}

/* A person living with HIV (K8 adult, K3 child) in a poor household. */
static int hiv(struct hh *h, int64_t pid, const char *cat, struct date birth,
               struct date lo)
{
    struct date A = h->run->as_of;
    struct date conf = day_in(h->r, lo, date_add_days(A, -45));
    struct date from = decision_month(h->r, conf, A, 0.3);
    int64_t mid;
    int rc;

    rc = poverty(h, POV_POOR, from.y, NULL);
    if (rc == DB_OK)
        rc = add_membership(h, pid, cat, NULL, 0, from, NULL, &mid);
    if (rc == DB_OK && strcmp(cat, "K3") == 0)
        rc = add_birth_cert(h, pid, mid, birth);
    if (rc == DB_OK)
        rc = add_hiv_cert(h, pid, mid, conf);
    if (rc == DB_OK)
        rc = add_poverty_cert(h, pid, mid, from, 1);
    if (rc == DB_OK)
        rc = add_decision(h, pid, mid, from, conf, 27);
    return rc;
}

/* --- one beneficiary ----------------------------------------------------- */

static int draw_age(struct app_demo_rng *r, int kind, char *sex)
{
    switch (kind) {
    case DEMO_K1:
        *sex = sex_with(r, 0.5);
        return app_demo_rng_range(r, 1, 15);
    case DEMO_K2: {
        static const uint32_t w[] = {30, 30, 25, 20, 15, 10};
        *sex = sex_with(r, 0.5);
        return 16 + (int)app_demo_rng_weighted(r, w, 6);
    }
    case DEMO_K3:
        *sex = sex_with(r, 0.5);
        return app_demo_rng_range(r, 2, 15);
    case DEMO_K4:
        *sex = sex_with(r, 0.88);
        return app_demo_rng_range(r, 22, 52);
    case DEMO_K5A:
        *sex = sex_with(r, 0.6);
        return expo_age(r, 60, 12.0, 100);
    case DEMO_K5B:
        *sex = sex_with(r, 0.6);
        return app_demo_rng_range(r, 75, 79);
    case DEMO_K5C:
        *sex = sex_with(r, 0.66);
        return expo_age(r, 80, 5.5, 104);
    case DEMO_K5D:
        *sex = sex_with(r, 0.6);
        return expo_age(r, 65, 10.0, 100);
    case DEMO_K6_CHILD:
        *sex = sex_with(r, 0.43);
        return app_demo_rng_range(r, 1, 15);
    case DEMO_K6_ADULT:
        *sex = sex_with(r, 0.44);
        return 16 + (int)(pow(app_demo_rng_unit(r), 0.8) * 44.0);
    case DEMO_K6_ELDER:
        *sex = sex_with(r, 0.55);
        return expo_age(r, 60, 10.0, 100);
    case DEMO_K7:
        *sex = sex_with(r, 0.5);
        return 0; /* birth date drawn directly */
    default: {
        double a = 38.0 + app_demo_rng_normal(r) * 8.0;
        *sex = sex_with(r, 0.35);
        return a < 20 ? 20 : a > 64 ? 64 : (int)a;
    }
    }
}

/* The memberships and papers of the beneficiary pid of kind `kind`. */
static int categories(struct hh *hh, int64_t pid, int kind, struct date birth,
                      char sex, const char *family)
{
    struct app_demo_rng *r = hh->r;
    struct date A = hh->run->as_of;
    int rc;

    switch (kind) {
    case DEMO_K1:
    case DEMO_K2:
        return k1_k2(hh, pid, birth, kind == DEMO_K2);
    case DEMO_K3:
        return hiv(hh, pid, "K3", birth, date_add_days(birth, 30));
    case DEMO_K4:
        return k4(hh, pid, birth, sex, family);
    case DEMO_K5A:
        rc = poor_category(hh, pid, "K5a", birth, birthday(birth, 60), POV_POOR,
                           0);
        if (rc == DB_OK && app_demo_rng_chance(r, 0.06))
            rc = k6(hh, pid, birth, birthday(birth, 50));
        return rc;
    case DEMO_K5B:
        return poor_category(hh, pid, "K5b", birth, birthday(birth, 75),
                             POV_POOR_OR_NEAR, 1);
    case DEMO_K5C: {
        struct date from = dmax(first_of(birthday(birth, 80)), DECREE20);
        int64_t mid;
        rc = poverty(hh, POV_ANY, from.y, NULL);
        if (rc == DB_OK)
            rc = add_membership(hh, pid, "K5c", NULL, 0, from, NULL, &mid);
        if (rc == DB_OK)
            rc = add_decision(hh, pid, mid, from, from, 75);
        if (rc == DB_OK && app_demo_rng_chance(r, 0.04))
            rc = k6(hh, pid, birth, birthday(birth, 60));
        return rc;
    }
    case DEMO_K5D:
        return poor_category(hh, pid, "K5d", birth, birthday(birth, 60),
                             POV_POOR, 0);
    case DEMO_K6_CHILD:
    case DEMO_K6_ADULT:
        rc = poverty(hh, POV_ANY, A.y, NULL);
        return rc == DB_OK ? k6(hh, pid, birth, birth) : rc;
    case DEMO_K6_ELDER:
        rc = poverty(hh, POV_ANY, A.y, NULL);
        if (rc == DB_OK)
            rc = k6(hh, pid, birth,
                    app_demo_rng_chance(r, 0.7) ? birthday(birth, 60) : birth);
        return rc;
    case DEMO_K7:
        return poor_category(hh, pid, "K7", birth, birth, POV_POOR_OR_NEAR, 0);
    case DEMO_K8:
        return hiv(hh, pid, "K8", birth,
                   dmax(birthday(birth, 18), (struct date){2008, 1, 1}));
    default:
        return db_set_error(hh->run->db, DB_EINVAL, "demo: loại %d", kind);
    }
}

int demo_person_create(struct demo_run *run, struct demo_commune *c, int64_t t,
                       int kind, int former)
{
    struct app_demo_rng rng;
    struct hh h;
    struct date A = run->as_of;
    struct date birth;
    char sex = 'F';
    char code[24], family[32];
    int64_t pid;
    int rc;

    app_demo_rng_seed(&rng, run->o->seed, 0x100000000ULL + (uint64_t)t);
    memset(&h, 0, sizeof h);
    h.run = run;
    h.c = c;
    h.r = &rng;
    if (c->nold)
        h.op = &c->old[app_demo_rng_below(&rng, (uint32_t)c->nold)];
    /* People live in old communes only: the reorganisation operation
     * moves them on 2025-07-01 (demo_reform.c). This draw once chose the
     * new commune here; it is kept so that a seed's people stay the people
     * they were (their names, numbers and dates come after it). */
    if (c->nnew)
        (void)app_demo_rng_below(&rng, (uint32_t)c->nnew);
    h.province = h.op ? h.op->province : c->province;

    int age = draw_age(&rng, kind, &sex);
    if (kind == DEMO_K7)
        birth = day_in(&rng, date_add_days(app_demo_years_before(A, 3), 1),
                       date_add_days(A, -60));
    else
        birth = app_demo_birth_for_age(&rng, A, age);

    /* The household, in the commune valid on the as-of date. */
    c->households++;
    snprintf(code, sizeof code, "%s-%06u", c->code, (unsigned)c->households);
    snprintf(h.address, sizeof h.address, "%s %d",
             c->is_ward ? "Tổ dân phố" : "Thôn",
             app_demo_rng_range(&rng, 1, c->is_ward ? 24 : 14));
    rc = store_persons_household_add(run->db, NULL, code, c->code, h.address,
                                     &h.household_id);
    if (rc != DB_OK)
        return rc;
    run->res->households++;
    rc = person(&h, sex, birth, NULL, birth_province(&rng, h.province), &pid,
                family, sizeof family);
    if (rc != DB_OK)
        return rc;
    if (former) {
        run->res->former++;
    } else {
        run->res->beneficiaries++;
        run->by_kind[kind]++;
    }
    rc = categories(&h, pid, kind, birth, sex, family);
    if (rc != DB_OK)
        return rc;
    struct demo_case k = {
        .person_id = pid,
        .kind = kind,
        .sex = sex,
        .birth = birth,
        .first_from = h.first_from,
        .family = family,
        .province = h.province,
        .severe = h.severe,
        .op = h.op,
        .np = h.np,
        .address = h.address,
        .former = former,
    };
    snprintf(k.decision_ref, sizeof k.decision_ref, "%s", h.decision_ref);
    return demo_case_create(run, &rng, &k);
}
