/* demo.c: `ansinh demo` (see demo.h and docs/demo.md): the communes and
 * their places across the 2025-07-01 reform, the category mix, batches,
 * the audit record and the demo accounts. One beneficiary is made by
 * demo_person.c. */
#include "app/demo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/auth.h"
#include "app/demo_int.h"
#include "app/units.h"
#include "core/date.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_persons.h"
#include "store/store_stats.h"
#include "store/store_units.h"
#include "util/xalloc.h"

#define REFORM_DAY "2025-07-01"
#define LAST_OLD   "2025-06-30" /* last day of the three-tier lists */

/* Shares per 100,000 beneficiaries (docs/demo.md). Elderly people and
 * people with disabilities are most of the caseload (K5c, 80+ without a
 * pension, the largest group); children in all a few percent; hundreds of
 * poor single parents (K4) and of people with HIV (K8) per 40,000. K5b and
 * K7 need especially difficult ethnic-minority mountain communes: none by
 * default, see eligible_province(). */
static const uint32_t mix[DEMO_KINDS] = {
    [DEMO_K1] = 1900,        [DEMO_K2] = 900,         [DEMO_K3] = 90,
    [DEMO_K4] = 1250,        [DEMO_K5A] = 5500,       [DEMO_K5B] = 0,
    [DEMO_K5C] = 50360,      [DEMO_K5D] = 150,        [DEMO_K6_CHILD] = 5300,
    [DEMO_K6_ADULT] = 18500, [DEMO_K6_ELDER] = 15000, [DEMO_K7] = 0,
    [DEMO_K8] = 1050,
};

static const char *const kind_names[DEMO_KINDS] = {
    "K1",  "K2",       "K3",       "K4",         "K5a", "K5b", "K5c",
    "K5d", "K6_child", "K6_adult", "K6_elderly", "K7",  "K8",
};

#define PASSWORD "ansinh-demo"
#define QUANG_TRUNG                                                            \
    "Phường Quang Trung, thành phố Phủ Lý (từ 01/07/2025: Phường Phủ Lý)"

/* The accounts of issue 4: one per role, bound to the units of the as-of
 * list (2025-01-01: Hà Nam 35, Thành phố Phủ Lý 347, Phường Quang Trung
 * 13285), plus a payment provider; the reorganisation then rebinds them
 * as it rebinds any account (province 35 -> 37, district accounts
 * read-only auditors; 13285 was split: an administrator's task).
 * docs/demo.md, README.md. */
static const struct app_demo_account accounts[] = {
    {"admin", PASSWORD, "Quản trị hệ thống (tập huấn)", "admin",
     "Quản trị hệ thống", "", "Toàn quốc"},
    {"province.officer", PASSWORD, "Phạm Thị Lan", "province_officer",
     "Cán bộ cấp tỉnh phụ trách bảo trợ xã hội", "35",
     "Tỉnh Hà Nam (từ 01/07/2025: Tỉnh Ninh Bình)"},
    {"supervisor", PASSWORD, "Lê Văn Minh", "supervisor",
     "Giám sát (chỉ xem số liệu tổng hợp)", "", "Toàn quốc"},
    {"auditor", PASSWORD, "Vũ Đức Thắng", "auditor",
     "Kiểm tra, thanh tra (chỉ xem, cả nhật ký)", "", "Toàn quốc"},
    {"district.347.officer", PASSWORD, "Lê Thị Hoa", "district_officer",
     "Công chức Phòng LĐ-TB&XH cấp huyện; từ 01/07/2025 chỉ xem", "347",
     "Thành phố Phủ Lý, tỉnh Hà Nam"},
    {"district.347.chairman", PASSWORD, "Đinh Văn Toàn", "district_chairman",
     "Chủ tịch UBND cấp huyện (ký quyết định); từ 01/07/2025 chỉ xem", "347",
     "Thành phố Phủ Lý, tỉnh Hà Nam"},
    {"commune.13285.officer", PASSWORD, "Trần Thị Thu Hà", "commune_officer",
     "Công chức phụ trách bảo trợ xã hội cấp xã", "13285", QUANG_TRUNG},
    {"commune.13285.chairman", PASSWORD, "Nguyễn Văn Hùng", "commune_chairman",
     "Chủ tịch UBND cấp xã", "13285", QUANG_TRUNG},
    {"provider.vnpost", PASSWORD, "Đỗ Thị Mai", "provider",
     "Tổ chức dịch vụ chi trả (bưu điện)", "35",
     "Tỉnh Hà Nam (từ 01/07/2025: Tỉnh Ninh Bình)"},
};

void app_demo_opts_default(struct app_demo_opts *o)
{
    memset(o, 0, sizeof *o);
    o->province = APP_DEMO_PROVINCE;
    o->beneficiaries = APP_DEMO_BENEFICIARIES;
    o->as_of = APP_DEMO_AS_OF;
    o->seed = APP_DEMO_SEED;
}

const struct app_demo_account *app_demo_accounts(size_t *n)
{
    *n = sizeof accounts / sizeof accounts[0];
    return accounts;
}

void demo_lower_type(const char *name, char *out, size_t outlen)
{
    app_units_lower_type(name, out, outlen);
}

/* "35" -> 35; -1 unless exactly two digits. */
static int code2(const char *s)
{
    if (s == NULL || strlen(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' ||
        s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

/* Mountain provinces of the north and the Central Highlands (old codes),
 * where most especially difficult ethnic-minority communes are. The real
 * list is a decision of communes (region III, Decision 861/QĐ-TTg), which
 * the unit lists do not carry: the demo approximates it by the rural
 * communes (Xã) of these provinces. Hà Nam has none. */
static int eligible_province(int p)
{
    static const int codes[] = {2,  4,  6,  8,  10, 11, 12, 14,
                                15, 17, 20, 62, 64, 66, 67};
    for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
        if (codes[i] == p)
            return 1;
    return 0;
}

/* Labels of old province p as of date, for papers. */
static int ensure_province(struct demo_run *run, int p, const char *date)
{
    struct demo_province *pr;
    struct units_version v;
    char code[3], lower[DEMO_LABEL];
    int rc;

    if (p < 0 || p > 99)
        return db_set_error(run->db, DB_EINVAL, "mã tỉnh %d", p);
    pr = &run->provinces[p];
    if (pr->known)
        return DB_OK;
    snprintf(code, sizeof code, "%02d", p);
    rc = store_units_get(run->db, code, date, &v, NULL);
    if (rc != DB_OK)
        return rc;
    demo_lower_type(v.name, lower, sizeof lower);
    snprintf(pr->label, sizeof pr->label, "%s", lower);
    snprintf(pr->cdc, sizeof pr->cdc, "Trung tâm Kiểm soát bệnh tật %.100s",
             lower);
    snprintf(pr->facility, sizeof pr->facility,
             "Trung tâm Bảo trợ xã hội %.100s", lower);
    pr->known = 1;
    return DB_OK;
}

/* The first day of the unbroken run of versions of `code` that contains
 * `date`: where a residence in that commune can begin. */
static int known_since(struct db *db, const char *code, const char *date,
                       char out[11])
{
    struct store_units_list l = {0};
    size_t i, hit = (size_t)-1;
    int rc;

    rc = store_units_history(db, code, &l);
    if (rc != DB_OK)
        return rc;
    for (i = 0; i < l.count; i++) {
        const struct units_version *v = &l.items[i];
        if (strcmp(v->valid_from, date) <= 0 &&
            (v->valid_to[0] == '\0' || strcmp(v->valid_to, date) > 0))
            hit = i;
    }
    if (hit == (size_t)-1) {
        rc = db_set_error(db, DB_ENOTFOUND, "xã %s không có ngày %s", code,
                          date);
        goto out;
    }
    while (hit > 0 &&
           strcmp(l.items[hit - 1].valid_to, l.items[hit].valid_from) == 0)
        hit--;
    snprintf(out, 11, "%s", l.items[hit].valid_from);
out:
    store_units_list_free(&l);
    return rc;
}

/* Fill a pre-reform place from the commune version v (valid on date). */
static int old_place(struct demo_run *run, const struct units_version *v,
                     const char *date, struct demo_old_place *op)
{
    char lower[DEMO_LABEL];
    struct units_version d;
    int rc;

    memset(op, 0, sizeof *op);
    snprintf(op->code, sizeof op->code, "%s", v->code);
    rc = known_since(run->db, v->code, date, op->since);
    if (rc != DB_OK)
        return rc;
    demo_lower_type(v->name, lower, sizeof lower);
    snprintf(op->commune_body, sizeof op->commune_body, "UBND %.120s", lower);
    op->province = code2(v->province_code);
    if (v->parent_code[0] && strlen(v->parent_code) == 3 &&
        store_units_get(run->db, v->parent_code, date, &d, NULL) == DB_OK) {
        demo_lower_type(d.name, lower, sizeof lower);
        snprintf(op->district_body, sizeof op->district_body, "UBND %.120s",
                 lower);
        snprintf(op->court, sizeof op->court, "Tòa án nhân dân %.120s", lower);
        snprintf(op->district, sizeof op->district, "%s", v->parent_code);
    }
    return ensure_province(run, op->province, date);
}

static void new_place(const char *code, const char *name, int partial,
                      struct demo_new_place *np)
{
    char lower[DEMO_LABEL];

    memset(np, 0, sizeof *np);
    snprintf(np->code, sizeof np->code, "%s", code);
    demo_lower_type(name, lower, sizeof lower);
    snprintf(np->commune_body, sizeof np->commune_body, "UBND %.120s", lower);
    np->partial = partial;
}

/* A commune of the as-of list before the reform: itself, then where its
 * people went on 2025-07-01. No successor: left out (*skip). */
static int commune_before(struct demo_run *run, const struct units_version *v,
                          struct demo_commune *c, int *skip)
{
    struct store_units_links links = {0};
    struct units_version last;
    char as_of[11];
    size_t i, full = (size_t)-1;
    int rc;

    *skip = 0;
    date_format_iso(run->as_of, as_of);
    /* An as-of in the 2024-11 list: the commune must still exist on the
     * last day before the reform, or its people have no known place. */
    if (strcmp(as_of, "2025-01-01") < 0 &&
        store_units_get(run->db, v->code, LAST_OLD, &last, NULL) != DB_OK) {
        *skip = 1;
        return DB_OK;
    }
    rc = store_units_successors(run->db, v->code, &links);
    if (rc != DB_OK)
        return rc;
    size_t n = 0;
    for (i = 0; i < links.count; i++)
        if (strcmp(links.items[i].effective, REFORM_DAY) == 0) {
            n++;
            if (!links.items[i].partial)
                full = i;
        }
    if (n == 0) {
        *skip = 1;
        goto out;
    }
    c->old = xcalloc(1, sizeof *c->old);
    c->nold = 1;
    rc = old_place(run, v, as_of, &c->old[0]);
    if (rc != DB_OK)
        goto out;
    c->new_ = xcalloc(n, sizeof *c->new_);
    for (i = 0; i < links.count; i++) {
        const struct store_units_link *l = &links.items[i];
        if (strcmp(l->effective, REFORM_DAY) != 0)
            continue;
        if (full != (size_t)-1 && i != full)
            continue;
        new_place(l->new_code, l->new_name, l->partial, &c->new_[c->nnew++]);
    }
out:
    store_units_links_free(&links);
    return rc;
}

static void communes_free(struct demo_commune *cs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(cs[i].old);
        free(cs[i].new_);
    }
    free(cs);
}

/* Split total over n weights, exactly (largest remainder). */
static void apportion(const double *w, size_t n, int64_t total, int64_t *out)
{
    double sum = 0;
    int64_t given = 0;
    size_t i;

    for (i = 0; i < n; i++)
        sum += w[i];
    double *frac = xcalloc(n ? n : 1, sizeof *frac);
    for (i = 0; i < n; i++) {
        double q = sum > 0 ? (double)total * w[i] / sum : 0;
        out[i] = (int64_t)floor(q);
        frac[i] = q - (double)out[i];
        given += out[i];
    }
    /* Hand the remainder to the largest fractions, lowest index first on
     * ties, so the split is deterministic. */
    while (given < total) {
        size_t best = 0;
        for (i = 1; i < n; i++)
            if (frac[i] > frac[best])
                best = i;
        out[best]++;
        frac[best] = -1.0;
        given++;
    }
    free(frac);
}

static int load_communes(struct demo_run *run, struct demo_commune **out,
                         size_t *nout, char *msg, size_t msglen)
{
    const struct app_demo_opts *o = run->o;
    struct store_units_list l = {0};
    struct demo_commune *cs = NULL;
    struct app_demo_rng r;
    char as_of[11];
    int all = strcmp(o->province, "all") == 0;
    size_t i, n = 0;
    int rc;

    date_format_iso(run->as_of, as_of);
    rc = store_units_communes(run->db, all ? NULL : o->province, as_of, &l);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không đọc được danh sách xã: %s",
                 db_errmsg(run->db));
        return rc;
    }
    cs = xcalloc(l.count ? l.count : 1, sizeof *cs);
    app_demo_rng_seed(&r, o->seed, 1);
    for (i = 0; i < l.count; i++) {
        const struct units_version *v = &l.items[i];
        struct demo_commune *c = &cs[n];
        int skip = 0;

        snprintf(c->code, sizeof c->code, "%s", v->code);
        snprintf(c->name, sizeof c->name, "%s", v->name);
        c->province = code2(v->province_code);
        c->is_ward = strncmp(v->name, "Phường", strlen("Phường")) == 0 ||
                     strncmp(v->name, "Thị trấn", strlen("Thị trấn")) == 0;
        rc = commune_before(run, v, c, &skip);
        if (rc != DB_OK) {
            snprintf(msg, msglen, "Không đọc được đơn vị hành chính %s: %s",
                     v->code, db_errmsg(run->db));
            n++;
            goto fail;
        }
        /* Uneven but plausible sizes: rural communes carry more of the
         * caseload than wards; post-reform communes are mergers, sized by
         * their predecessors; the rest is a seeded log-normal spread. */
        double type_w =
            strncmp(v->name, "Xã", strlen("Xã")) == 0               ? 1.0
            : strncmp(v->name, "Đặc khu", strlen("Đặc khu")) == 0   ? 0.3
            : strncmp(v->name, "Thị trấn", strlen("Thị trấn")) == 0 ? 0.8
                                                                    : 0.7;
        double spread = exp(0.35 * app_demo_rng_normal(&r));
        if (skip) {
            run->res->communes_skipped++;
            free(c->old);
            free(c->new_);
            memset(c, 0, sizeof *c);
            continue;
        }
        c->weight = type_w * spread;
        int home = c->nold ? c->old[0].province : c->province;
        c->eligible = eligible_province(home) &&
                      strncmp(v->name, "Xã ", strlen("Xã ")) == 0;
        n++;
    }
    store_units_list_free(&l);
    if (n == 0) {
        snprintf(msg, msglen,
                 "Không có xã nào của %s vào ngày %s để đặt người hưởng",
                 all ? "cả nước" : o->province, as_of);
        communes_free(cs, n);
        return DB_EINVAL;
    }
    *out = cs;
    *nout = n;
    return DB_OK;
fail:
    store_units_list_free(&l);
    communes_free(cs, n);
    return rc;
}

static int check_opts(struct demo_run *run, char *msg, size_t msglen)
{
    const struct app_demo_opts *o = run->o;
    char earliest[UNITS_DATE_SIZE];
    struct units_version v;
    int before = 0;
    int rc;

    if (o->beneficiaries < 1 || o->beneficiaries > APP_DEMO_MAX) {
        snprintf(msg, msglen, "Số người hưởng phải từ 1 đến %d", APP_DEMO_MAX);
        return DB_EINVAL;
    }
    if (o->as_of == NULL ||
        date_parse_iso(o->as_of, strlen(o->as_of), &run->as_of) != DATE_OK) {
        snprintf(msg, msglen,
                 "Ngày --as-of không hợp lệ: '%s' (cần "
                 "YYYY-MM-DD)",
                 o->as_of ? o->as_of : "");
        return DB_EINVAL;
    }
    rc = store_units_earliest(run->db, earliest);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Chưa có danh sách đơn vị hành chính: %s",
                 db_errmsg(run->db));
        return rc;
    }
    if (strcmp(o->as_of, earliest) < 0) {
        snprintf(msg, msglen,
                 "Ngày --as-of %s trước danh sách đơn vị hành chính sớm nhất "
                 "(%s)",
                 o->as_of, earliest);
        return DB_EINVAL;
    }
    /* The demo tells the reform through the reform: built on a day of
     * the three-tier lists, carried by the operation itself. */
    if (strcmp(o->as_of, REFORM_DAY) >= 0) {
        snprintf(msg, msglen,
                 "Ngày --as-of %s phải trước 01/07/2025: dữ liệu mẫu được "
                 "dựng theo danh mục ba cấp rồi chuyển sang đơn vị mới (Hà "
                 "Nam vào tỉnh Ninh Bình, mã 37) bằng chính thao tác sắp xếp "
                 "đơn vị hành chính",
                 o->as_of);
        return DB_EINVAL;
    }
    if (o->province == NULL || strcmp(o->province, "all") == 0)
        return DB_OK;
    if (code2(o->province) < 0) {
        snprintf(msg, msglen, "Mã tỉnh không hợp lệ: '%s' (2 chữ số, hoặc all)",
                 o->province);
        return DB_EINVAL;
    }
    rc = store_units_get(run->db, o->province, o->as_of, &v, &before);
    if (rc == DB_ENOTFOUND || (rc == DB_OK && before)) {
        snprintf(msg, msglen, "Không có tỉnh mã %s vào ngày %s", o->province,
                 o->as_of);
        return DB_EINVAL;
    }
    if (rc != DB_OK)
        snprintf(msg, msglen, "Không đọc được đơn vị hành chính: %s",
                 db_errmsg(run->db));
    return rc;
}

/* The "demo.create" record: parameters and content counts. */
static int audit_demo(struct demo_run *run)
{
    const struct app_demo_result *res = run->res;
    char seed[24];
    json_t *kinds = json_object();
    int rc;

    for (int k = 0; k < DEMO_KINDS; k++)
        json_object_set_new(kinds, kind_names[k],
                            json_integer(run->by_kind[k]));
    snprintf(seed, sizeof seed, "%llu", (unsigned long long)run->o->seed);
    json_t *d = json_pack(
        "{s:s, s:s, s:s, s:I, s:{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
        "s:I, s:I, s:I, s:I, s:I}, s:o}",
        "province", run->o->province, "as_of", run->o->as_of, "seed", seed,
        "beneficiaries_requested", (json_int_t)run->o->beneficiaries, "counts",
        "beneficiaries", (json_int_t)res->beneficiaries, "persons",
        (json_int_t)res->persons, "households", (json_int_t)res->households,
        "poverty_records", (json_int_t)res->poverty_records, "residences",
        (json_int_t)res->residences, "memberships",
        (json_int_t)res->memberships, "documents", (json_int_t)res->documents,
        "communes", (json_int_t)res->communes, "communes_skipped",
        (json_int_t)res->communes_skipped, "former", (json_int_t)res->former,
        "suspended", (json_int_t)res->suspended, "payment_arrangements",
        (json_int_t)res->payment_arrangements, "receivers",
        (json_int_t)res->receivers, "by_kind", kinds);
    char *text = d ? json_dumps(d, JSON_COMPACT) : NULL;
    rc = text ? store_audit_add(run->db, "system", "demo.create", "", "", text)
              : db_set_error(run->db, DB_ERROR, "demo: JSON");
    free(text);
    json_decref(d);
    return rc;
}

/* The kind of each beneficiary: exact shares of mix, shuffled. */
static uint8_t *plan_kinds(const struct app_demo_opts *o)
{
    double w[DEMO_KINDS];
    int64_t count[DEMO_KINDS];
    int64_t n = o->beneficiaries, t = 0;
    struct app_demo_rng r;
    uint8_t *kinds = xmalloc((size_t)n);

    for (int k = 0; k < DEMO_KINDS; k++)
        w[k] = mix[k];
    apportion(w, DEMO_KINDS, n, count);
    for (int k = 0; k < DEMO_KINDS; k++)
        for (int64_t i = 0; i < count[k]; i++)
            kinds[t++] = (uint8_t)k;
    app_demo_rng_seed(&r, o->seed, 2);
    for (int64_t i = n - 1; i > 0; i--) {
        int64_t j = (int64_t)(app_demo_rng_next(&r) % (uint64_t)(i + 1));
        uint8_t x = kinds[i];
        kinds[i] = kinds[j];
        kinds[j] = x;
    }
    return kinds;
}

static int create_accounts(struct db *db, struct app_demo_result *res,
                           char *msg, size_t msglen)
{
    for (size_t i = 0; i < sizeof accounts / sizeof accounts[0]; i++) {
        const struct app_demo_account *a = &accounts[i];
        int rc = app_user_create(db, a->username, a->full_name, a->password,
                                 a->role, a->area_code, msg, msglen);
        if (rc == APP_AUTH_EEXISTS) {
            res->accounts_preexisting |= 1u << i;
            continue;
        }
        if (rc != 0)
            return rc;
    }
    msg[0] = '\0';
    return 0;
}

/* Former beneficiaries per beneficiary of the demo: cases terminated
 * before as-of (deaths above all), so the registry has history. */
#define FORMER_SHARE 0.02

/* A former beneficiary (index idx among them) living in commune c: made
 * as if the demo's as-of were the last day of a month 1 to 42 months
 * before it, so their case fits that day, then terminated the day after
 * (demo_case.c). */
static int former_create(struct demo_run *run, struct demo_commune *c,
                         int64_t idx)
{
    static const struct month first = {2021, 8};
    struct date real = run->as_of;
    struct month m = month_of(real);
    struct app_demo_rng r;
    uint32_t w[DEMO_KINDS];
    int span = (m.y * 12 + m.m) - (first.y * 12 + first.m);
    int kind, rc;

    if (span < 1)
        return DB_OK; /* as-of too early for a case to have ended */
    app_demo_rng_seed(&r, run->o->seed, 0x500000000ULL + (uint64_t)idx);
    for (int k = 0; k < DEMO_KINDS; k++)
        w[k] = mix[k];
    kind = (int)app_demo_rng_weighted(&r, w, DEMO_KINDS);
    if (c->eligible && app_demo_rng_chance(&r, 0.09))
        kind = app_demo_rng_chance(&r, 0.7) ? DEMO_K5B : DEMO_K7;
    m = month_add(m, -app_demo_rng_range(&r, 1, span < 42 ? span : 42));
    run->as_of = date_add_days(month_first_day(month_add(m, 1)), -1);
    rc = demo_person_create(run, c, run->o->beneficiaries + idx, kind, 1);
    run->as_of = real;
    return rc;
}

static int populate(struct demo_run *run, struct demo_commune *cs, size_t n,
                    char *msg, size_t msglen)
{
    const struct app_demo_opts *o = run->o;
    int64_t total = o->beneficiaries, t = 0, step = total / 20;
    int64_t formers = llround((double)total * FORMER_SHARE), f = 0;
    double *w = xcalloc(n, sizeof *w);
    int64_t *counts = xcalloc(n, sizeof *counts);
    uint8_t *kinds = plan_kinds(o);
    struct app_demo_rng r;
    int in_tx = 0;
    int rc = DB_OK;

    if (step < 1)
        step = 1;
    for (size_t i = 0; i < n; i++)
        w[i] = cs[i].weight;
    apportion(w, n, total, counts);
    app_demo_rng_seed(&r, o->seed, 3);
    for (size_t i = 0; i < n && rc == DB_OK; i++) {
        cs[i].count = counts[i];
        if (counts[i] > 0)
            run->res->communes++;
        for (int64_t j = 0; j < counts[i] && rc == DB_OK; j++, t++) {
            int kind = kinds[t];
            /* K5b and K7 only where they can exist (eligible_province). */
            if (cs[i].eligible && app_demo_rng_chance(&r, 0.09))
                kind = app_demo_rng_chance(&r, 0.7) ? DEMO_K5B : DEMO_K7;
            if (!in_tx) {
                rc = db_begin(run->db, 1);
                if (rc != DB_OK)
                    break;
                in_tx = 1;
            }
            rc = demo_person_create(run, &cs[i], t, kind, 0);
            /* Former beneficiaries spread like the others. */
            while (rc == DB_OK && f < (t + 1) * formers / total)
                rc = former_create(run, &cs[i], f++);
            if (rc == DB_OK && (t + 1) % APP_DEMO_BATCH == 0) {
                rc = db_commit(run->db);
                in_tx = 0;
            }
            if (rc == DB_OK && o->progress && ((t + 1) % step == 0))
                o->progress(o->progress_arg, t + 1, total);
        }
    }
    if (rc == DB_OK && !in_tx) {
        rc = db_begin(run->db, 1);
        in_tx = rc == DB_OK;
    }
    if (rc == DB_OK)
        rc = audit_demo(run);
    if (rc == DB_OK) {
        rc = db_commit(run->db);
        in_tx = 0;
    }
    if (rc == DB_OK)
        rc = store_stats_analyze(run->db);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Lỗi khi ghi dữ liệu mẫu (người thứ %lld): %s",
                 (long long)t + 1, db_errmsg(run->db));
        if (in_tx)
            db_rollback(run->db);
    }
    free(w);
    free(counts);
    free(kinds);
    return rc;
}

int app_demo_create(struct db *db, const struct app_demo_opts *o,
                    struct app_demo_result *res, char *msg, size_t msglen)
{
    struct demo_run *run = xcalloc(1, sizeof *run);
    struct demo_commune *cs = NULL;
    size_t ncs = 0;
    int64_t persons = 0, demos = 0;
    int rc;

    memset(res, 0, sizeof *res);
    msg[0] = '\0';
    run->db = db;
    run->o = o;
    run->res = res;
    rc = store_persons_count(db, &persons);
    if (rc == DB_OK && persons > 0)
        rc = store_stats_audit_count(db, "demo.create", &demos);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không đọc được cơ sở dữ liệu: %s",
                 db_errmsg(db));
        goto out;
    }
    if (persons > 0) {
        res->existed = 1;
        res->is_demo = demos > 0;
        goto out;
    }
    rc = check_opts(run, msg, msglen);
    if (rc != DB_OK)
        goto out;
    run->as_of_real = run->as_of;
    rc = load_communes(run, &cs, &ncs, msg, msglen);
    if (rc != DB_OK)
        goto out;
    rc = store_persons_bulk_mode(db);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không chuẩn bị được cơ sở dữ liệu: %s",
                 db_errmsg(db));
        goto out;
    }
    app_demo_ids_init(&run->ids, o->seed);
    run->numbers = xcalloc(DEMO_NUMBER_SLOTS, sizeof *run->numbers);
    /* The decisions' records come with the history (docs/demo.md). */
    run->keep_decisions = !o->no_history && strcmp(o->province, "all") != 0;
    rc = populate(run, cs, ncs, msg, msglen);
    app_demo_ids_free(&run->ids);
    /* On failure too: the name search of what was written works. */
    if (store_persons_bulk_done(db) != DB_OK && rc == DB_OK) {
        snprintf(msg, msglen, "Không dựng được chỉ mục tìm kiếm tên: %s",
                 db_errmsg(db));
        rc = DB_ERROR;
    }
    if (rc == DB_OK)
        rc = create_accounts(db, res, msg, msglen);
    if (rc == DB_OK)
        rc = demo_decisions_write(run, msg, msglen);
    if (rc == DB_OK)
        rc = demo_reform(db, o, res, msg, msglen);
    if (rc == DB_OK)
        rc = demo_history(db, o, res, msg, msglen);
    /* The statistics again once the history is in: taken before it, they
     * told the planner of 2 audit records and no payroll lines where the
     * history left thousands and half a million. */
    if (rc == DB_OK && res->history_months > 0 &&
        store_stats_analyze(db) != DB_OK) {
        snprintf(msg, msglen, "Không cập nhật được thống kê truy vấn: %s",
                 db_errmsg(db));
        rc = DB_ERROR;
    }
out:
    communes_free(cs, ncs);
    free(run->numbers);
    free(run->decisions);
    free(run);
    return rc;
}
