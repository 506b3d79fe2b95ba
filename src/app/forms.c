/* forms.c: Forms 10a-10d as JSON (see oversight.h; docs/oversight.md,
 * "Forms 10a-10d"; RULES.md §6.4, §7.2).
 *
 * The layout is data (rules/reports/forms.csv through core/report_forms.h,
 * parsed once). For a unit and a half-year, placed on the tree of the
 * half-year's last day, each managed row counts, among the residents of
 * the unit with a membership the row matches:
 *   start / end   beneficiaries (enrolled or suspended) on the first and
 *                 the last day (the as-of day while the half-year runs);
 *   suspended     of the end ones, those suspended then;
 *   new           status periods becoming enrolled in the half-year after
 *                 nothing or a termination (resumptions are not new);
 *   ended         terminations taking effect in the half-year (a ground
 *                 row: those of its grounds), placed by the residence of
 *                 their first day;
 *   paid          money of the half-year's months up to the as-of one, as
 *                 the oversight document's (oversight_money.c): approved
 *                 payroll lines the provider reported paid, by their first
 *                 category, and for communes no approved payroll covered,
 *                 the rules engine, by the person's first category.
 * A person counts once per row however many matching memberships.
 */
#include "app/oversight.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/oversight_int.h"
#include "app/scope.h"
#include "core/money.h"
#include "core/report_forms.h"
#include "store/db.h"
#include "store/store_forms.h"
#include "util/clock.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/xalloc.h"

#define FORMS_FILE "rules/reports/forms.csv"

static struct report_forms *forms_set;
static pthread_once_t forms_once = PTHREAD_ONCE_INIT;

static void load_forms(void)
{
    const struct embed_file *f = embed_find(FORMS_FILE);
    struct report_forms_err err;

    if (f == NULL) {
        log_error("forms not loaded", "msg=\"%s not embedded\"", FORMS_FILE);
        return;
    }
    if (report_forms_parse(f->name, f->data, f->len, &forms_set, &err) !=
        REPORT_FORMS_OK)
        log_error("forms not loaded", "msg=\"%s\"", err.message);
}

/* The layouts (NULL when the embedded file is broken: logged once). */
static const struct report_forms *forms_data(void)
{
    pthread_once(&forms_once, load_forms);
    return forms_set;
}

/* --- Counting ------------------------------------------------------------ */

struct form_count {
    const struct report_form *f;
    const struct store_ov_area *area;
    int64_t v[REPORT_FORMS_MAX_ROWS][REPORT_M_COUNT];
    /* the person or status period being gathered */
    int64_t cur;
    uint64_t mask; /* rows matched by its memberships */
    int suspended, in_area;
    int measure; /* stock: REPORT_M_START or REPORT_M_END */
    char status[16], previous[16], reason[24];
};

static uint64_t rows_matching(const struct report_form *f, const char *category,
                              const char *disability)
{
    uint64_t m = 0;
    size_t i;

    for (i = 0; i < f->nrows; i++)
        if (report_row_matches(&f->rows[i], category, disability))
            m |= (uint64_t)1 << i;
    return m;
}

static void flush_stock(struct form_count *c)
{
    size_t i;

    for (i = 0; c->cur != 0 && i < c->f->nrows; i++) {
        if (!(c->mask & ((uint64_t)1 << i)) || c->f->rows[i].grounds != 0)
            continue;
        c->v[i][c->measure]++;
        if (c->measure == REPORT_M_END && c->suspended)
            c->v[i][REPORT_M_SUSPENDED]++;
    }
    c->cur = 0;
    c->mask = 0;
}

static int on_member(void *arg, const struct store_forms_member *m)
{
    struct form_count *c = arg;

    if (m->person_id != c->cur) {
        flush_stock(c);
        c->cur = m->person_id;
        c->suspended = strcmp(m->status, "suspended") == 0;
    }
    c->mask |= rows_matching(c->f, m->category, m->disability);
    return 0;
}

static void flush_change(struct form_count *c)
{
    int enrol =
        strcmp(c->status, "enrolled") == 0 &&
        (c->previous[0] == '\0' || strcmp(c->previous, "terminated") == 0);
    int ended = strcmp(c->status, "terminated") == 0;
    size_t i;

    for (i = 0; c->cur != 0 && c->in_area && i < c->f->nrows; i++) {
        const struct report_form_row *r = &c->f->rows[i];

        if (!(c->mask & ((uint64_t)1 << i)))
            continue;
        if (enrol && r->grounds == 0)
            c->v[i][REPORT_M_NEW]++;
        if (ended && (r->grounds == 0 || report_row_has_ground(r, c->reason)))
            c->v[i][REPORT_M_ENDED]++;
    }
    c->cur = 0;
    c->mask = 0;
}

static int on_change(void *arg, const struct store_ov_change *x)
{
    struct form_count *c = arg;

    if (x->id != c->cur) {
        flush_change(c);
        c->cur = x->id;
        /* nationally every change counts, resident somewhere or not (as
         * the stock) */
        c->in_area = c->area->level == 0 || store_ov_in_area(c->area, &x->at);
        snprintf(c->status, sizeof c->status, "%s", x->status);
        snprintf(c->previous, sizeof c->previous, "%s", x->previous);
        snprintf(c->reason, sizeof c->reason, "%s", x->reason);
    }
    c->mask |= rows_matching(c->f, x->category, x->disability);
    return 0;
}

/* --- The request --------------------------------------------------------- */

struct form_req {
    const struct report_form *f;
    int year, half;
    char from[11], to[11], as_of[11];
    struct ov_target t;
};

static int parse_request(const char *form, const char *year, const char *half,
                         struct form_req *q, struct app_report_err *err)
{
    const struct report_forms *set = forms_data();
    struct date today = clock_today_vn(), first;
    char t[11];

    memset(q, 0, sizeof *q);
    if (set == NULL)
        return ov_fail(err, APP_REPORT_EINTERNAL, "forms", NULL,
                       "Không tải được bố cục các mẫu báo cáo (%s).",
                       FORMS_FILE);
    q->f = report_forms_find(set, form);
    if (q->f == NULL)
        return ov_fail(err, APP_REPORT_ENOTFOUND, "not_found", "form",
                       "Không có mẫu báo cáo này (10a, 10b, 10c, 10d).");
    if (year == NULL || strlen(year) != 4 || strspn(year, "0123456789") != 4)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_query", "year",
                       "Năm báo cáo gồm 4 chữ số, từ 2021 đến 2199.");
    q->year = (year[0] - '0') * 1000 + (year[1] - '0') * 100 +
              (year[2] - '0') * 10 + (year[3] - '0');
    if (q->year < 2021 || q->year > 2199)
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_query", "year",
                       "Năm báo cáo gồm 4 chữ số, từ 2021 đến 2199.");
    if (half == NULL || (strcmp(half, "1") != 0 && strcmp(half, "2") != 0))
        return ov_fail(err, APP_REPORT_EINVAL, "invalid_query", "half",
                       "Kỳ báo cáo là 1 (6 tháng đầu năm) hoặc 2 (6 tháng "
                       "cuối năm).");
    q->half = half[0] - '0';
    first = (struct date){q->year, q->half == 1 ? 1 : 7, 1};
    if (date_cmp(first, today) > 0)
        return ov_fail(err, APP_REPORT_EINVAL, "not_begun",
                       q->year > today.y ? "year" : "half",
                       "Kỳ báo cáo chưa bắt đầu (từ %02d/%02d/%04d).", first.d,
                       first.m, first.y);
    date_format_iso(first, q->from);
    snprintf(q->to, sizeof q->to, "%04d-%s", q->year,
             q->half == 1 ? "06-30" : "12-31");
    date_format_iso(today, t);
    snprintf(q->as_of, sizeof q->as_of, "%s", strcmp(t, q->to) < 0 ? t : q->to);
    return APP_REPORT_OK;
}

/* --- JSON ---------------------------------------------------------------- */

static json_t *deadline_json(const struct form_req *q)
{
    struct report_deadline d;
    char due[11];
    int level = q->t.has_unit ? q->t.v.level : 0;

    if (report_forms_deadline(level, q->year, q->half, &d) != REPORT_FORMS_OK ||
        !d.has)
        return json_null();
    date_format_iso(d.due, due);
    return json_pack("{s:s, s:s, s:s, s:s}", "date", due, "to", d.to, "rule",
                     "RULES.md §7.2", "confidence",
                     report_confidence_name(d.confidence));
}

static json_t *rows_json(const struct form_req *q, const struct form_count *c,
                         const struct ov_money *money)
{
    json_t *rows = json_array();
    size_t i, k, j;

    for (i = 0; i < q->f->nrows; i++) {
        const struct report_form_row *r = &q->f->rows[i];
        json_t *values = json_object();
        char label[600];

        for (k = 0; k < q->f->ncols; k++) {
            int m = q->f->cols[k].measure;
            json_t *v = json_null();

            if (!report_row_has_measure(r, m)) {
                /* empty */
            } else if (m != REPORT_M_PAID) {
                v = json_integer(c->v[i][m]);
            } else if (r->disability == REPORT_DIS_ANY) {
                /* payroll lines and the rules engine's memo carry no
                 * disability level: split rows have no money */
                int64_t sum = 0;

                for (j = 0; j < money->ncats; j++)
                    if (report_row_matches(r, money->cats[j].category, ""))
                        sum += money->cats[j].paid + money->cats[j].computed;
                v = json_integer(sum);
            }
            json_object_set_new(values, report_measure_key(m), v);
        }
        snprintf(label, sizeof label, "%s%s", r->label,
                 r->managed ? "" : " (chưa quản lý trên ansinh)");
        json_array_append_new(
            rows,
            json_pack("{s:s, s:s, s:b, s:s, s:s, s:s, s:o}", "key", r->key,
                      "label", label, "managed", r->managed, "confidence",
                      report_confidence_name(r->src.confidence), "basis",
                      r->src.basis, "note", r->src.note, "values", values));
    }
    return rows;
}

static json_t *notes_json(const struct form_req *q, const struct ov_money *m)
{
    json_t *notes = json_array();
    struct ov_pay sum;
    char a[40], b[40], c[40], asof[11];
    struct date d;
    size_t i, k;
    int split = 0;

    json_array_append_new(
        notes, json_string("Bố cục mẫu (hàng, cột) CHƯA ĐƯỢC KIỂM CHỨNG với "
                           "văn bản gốc: do ansinh thiết kế từ nội dung báo "
                           "cáo định kỳ (RULES.md §6.4, §7.2), sửa trong "
                           "rules/reports/forms.csv."));
    if (strcmp(q->as_of, q->to) < 0) {
        date_parse_iso(q->as_of, 10, &d);
        date_format_vn(d, asof);
        json_array_append_new(
            notes, json_sprintf("Kỳ báo cáo chưa kết thúc: số liệu đến ngày "
                                "%s.",
                                asof));
    }
    json_array_append_new(
        notes, json_string("Số đầu kỳ + mới hưởng − thôi hưởng có thể khác "
                           "số cuối kỳ: thay đổi diện và chuyển nơi cư trú."));
    memset(&sum, 0, sizeof sum);
    for (i = 0; i < m->n; i++) {
        sum.payable += m->months[i].pay.payable;
        sum.pending += m->months[i].pay.pending;
        sum.unpaid += m->months[i].pay.unpaid;
    }
    if (sum.payable > 0) {
        money_format_vnd(sum.payable, a, sizeof a);
        money_format_vnd(sum.pending, b, sizeof b);
        money_format_vnd(sum.unpaid, c, sizeof c);
        json_array_append_new(
            notes, json_sprintf("Kinh phí theo danh sách chi trả đã duyệt: "
                                "phải trả %s, trong đó chưa có kết quả chi "
                                "trả %s, tổ chức chi trả báo chưa chi %s "
                                "(không tính vào cột kinh phí đã chi trả).",
                                a, b, c));
    }
    if (m->any_computed)
        json_array_append_new(
            notes, json_string("Nơi chưa có danh sách chi trả được duyệt, "
                               "kinh phí tính theo quy định (bộ quy tắc "
                               "tính trợ cấp)."));
    for (k = 0; k < q->f->nrows; k++)
        split |=
            q->f->rows[k].managed && q->f->rows[k].disability != REPORT_DIS_ANY;
    if (split)
        json_array_append_new(
            notes, json_string("Kinh phí không tách theo mức độ khuyết tật."));
    if (q->f->src.note[0] != '\0')
        json_array_append_new(notes, json_string(q->f->src.note));
    return notes;
}

/* The figures of q into root. Inside the caller's transaction. */
static int compute(struct db *db, struct form_req *q, json_t *root,
                   struct app_report_err *err)
{
    struct form_count *c = xcalloc(1, sizeof *c);
    struct ov_money money;
    struct date asof;
    json_t *cols;
    size_t i;
    int rc, nmonths;

    memset(&money, 0, sizeof money);
    c->f = q->f;
    c->area = &q->t.area;
    c->measure = REPORT_M_START;
    rc = store_forms_stock(db, &q->t.area, q->from, on_member, c);
    flush_stock(c);
    if (rc == DB_OK) {
        c->measure = REPORT_M_END;
        rc = store_forms_stock(db, &q->t.area, q->as_of, on_member, c);
        flush_stock(c);
    }
    if (rc == DB_OK) {
        rc = store_ov_changes(db, q->from, q->as_of, on_change, c);
        flush_change(c);
    }
    if (rc != DB_OK) {
        rc = ov_store_fail(db, err, rc);
        goto out;
    }
    date_parse_iso(q->as_of, 10, &asof);
    nmonths = asof.m - (q->half == 1 ? 1 : 7) + 1;
    rc = ov_money_compute(db, &q->t.area,
                          (struct month){q->year, q->half == 1 ? 1 : 7},
                          (size_t)nmonths, &money, err);
    if (rc != APP_REPORT_OK)
        goto out;
    json_object_set_new(root, "money_source",
                        json_string(ov_range_source(&money, 0, money.n)));
    cols = json_array();
    for (i = 0; i < q->f->ncols; i++)
        json_array_append_new(
            cols, json_pack("{s:s, s:s}", "key",
                            report_measure_key(q->f->cols[i].measure), "label",
                            q->f->cols[i].label));
    json_object_set_new(root, "columns", cols);
    json_object_set_new(root, "rows", rows_json(q, c, &money));
    json_object_set_new(root, "notes", notes_json(q, &money));
out:
    ov_money_free(&money);
    free(c);
    return rc;
}

int app_form_get(struct db *db, const struct app_scope *scope, const char *form,
                 const char *unit, const char *year, const char *half,
                 json_t **out, struct app_report_err *err)
{
    struct form_req q;
    json_t *root = NULL;
    int rc;

    *out = NULL;
    memset(err, 0, sizeof *err);
    rc = parse_request(form, year, half, &q, err);
    if (rc != APP_REPORT_OK)
        return rc;
    rc = db_begin(db, 0);
    if (rc != DB_OK)
        return ov_store_fail(db, err, rc);
    /* The half-year's tree is its last day's (the 2025 reform fell on a
     * half-year boundary). */
    rc = ov_target_resolve(db, scope, unit, q.to, &q.t, err);
    if (rc != APP_REPORT_OK)
        goto out;
    root = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:o, s:i, s:i, s:s, s:s, s:s, s:o}", "form",
        q.f->code, "label", q.f->label, "title", q.f->title,
        "layout_confidence", report_confidence_name(q.f->src.confidence),
        "basis", q.f->src.basis, "unit", ov_target_json(&q.t), "year", q.year,
        "half", q.half, "from", q.from, "to", q.to, "as_of", q.as_of,
        "deadline", deadline_json(&q));
    rc = compute(db, &q, root, err);
out:
    db_rollback(db); /* read only */
    if (rc != APP_REPORT_OK) {
        json_decref(root);
        return rc;
    }
    *out = root;
    return APP_REPORT_OK;
}
