/* payroll_export.c: the documents of a payroll (see payroll.h): the
 * provider file (CSV, XLSX), the signed list of a payment point (PDF,
 * HTML print view) and the list of recoveries, the health-insurance list
 * (XLSX, CSV) and the budget figures (JSON). Tables are built from the
 * stored lines in their order and written by src/formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/payroll.h"
#include "app/payroll_int.h"
#include "app/scope.h"
#include "core/money.h"
#include "core/payroll.h"
#include "formats/csv_write.h"
#include "formats/pdf_table.h"
#include "formats/print_html.h"
#include "formats/xlsx_write.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define OUT_CAP (512u * 1024u * 1024u) /* bytes of one document */

/* Rows of cells built as lines stream by, their texts in an arena. */
struct grid {
    size_t ncols, nrows, cap;
    struct fmt_cell *cells;
    struct pay_arena a;
};

static struct fmt_cell *grid_row(struct grid *g)
{
    if (g->nrows == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 256;
        g->cells = xreallocarray(g->cells, g->cap * g->ncols, sizeof *g->cells);
    }
    return &g->cells[g->nrows++ * g->ncols];
}

static struct fmt_cell text(struct grid *g, const char *s)
{
    return s != NULL && s[0] != '\0' ? fmt_text(pay_arena_dup(&g->a, s))
                                     : fmt_empty();
}

static void grid_free(struct grid *g)
{
    free(g->cells);
    pay_arena_free(&g->a);
}

static int finish(struct buf *b, int rc, char **data, size_t *len,
                  const struct fmt_error *fe, struct app_pay_err *err)
{
    if (rc != FMT_OK) {
        buf_free(b);
        return pay_fail(err,
                        rc == FMT_ETOOBIG ? APP_PAY_ETOOBIG : APP_PAY_EINTERNAL,
                        "document", NULL, "Không tạo được tệp: %s", fe->msg);
    }
    *data = buf_steal(b, len);
    return APP_PAY_OK;
}

/* --- The provider file ------------------------------------------------- */

static const struct fmt_column provider_cols[] = {
    {"STT", 6, FMT_CENTER, FMT_INT},
    {"KyChiTra", 10, FMT_CENTER, FMT_TEXT},
    {"MaHinhThucChiTra", 10, FMT_CENTER, FMT_TEXT},
    {"SoTaiKhoanNguoiNhan", 20, FMT_LEFT, FMT_TEXT},
    {"MaNganHang", 14, FMT_LEFT, FMT_TEXT},
    {"SoTien", 14, FMT_RIGHT, FMT_MONEY},
    {"HoTen", 28, FMT_LEFT, FMT_TEXT},
    {"SoCCCD", 14, FMT_LEFT, FMT_TEXT},
    {"NguoiNhanThay", 24, FMT_LEFT, FMT_TEXT},
    {"DiemChiTra", 30, FMT_LEFT, FMT_TEXT},
    {"NoiDung", 30, FMT_LEFT, FMT_TEXT},
    {"MaThamChieu", 22, FMT_LEFT, FMT_TEXT},
    {"TrangThai", 12, FMT_LEFT, FMT_TEXT},
    {"NgayChi", 12, FMT_LEFT, FMT_TEXT},
};
#define PROVIDER_NCOLS (sizeof provider_cols / sizeof provider_cols[0])

struct provider_ctx {
    struct grid g;
    char period[8];
    int64_t total;
};

/* "Truy lĩnh 07/2026" for a line. */
static void line_purpose(const struct store_pay_line *l, char *out, size_t cap)
{
    char m[8];

    pay_month_vn(l->benefit_month, m);
    snprintf(out, cap, "%s %s", payroll_kind_name(payroll_kind_parse(l->kind)),
             m);
}

static int provider_row(void *arg, const struct store_pay_line *l)
{
    struct provider_ctx *c = arg;
    struct fmt_cell *r;
    char what[120];

    if (l->amount <= 0 || l->blocked)
        return 0;
    line_purpose(l, what, sizeof what);
    r = grid_row(&c->g);
    r[0] = fmt_num((int64_t)c->g.nrows);
    r[1] = fmt_text(c->period);
    r[2] = text(&c->g, l->method);
    r[3] = text(&c->g, l->account_number);
    r[4] = text(&c->g, l->bank_code);
    r[5] = fmt_num(l->amount);
    r[6] = text(&c->g, l->full_name);
    r[7] = text(&c->g, l->id_number);
    r[8] = text(&c->g, l->receiver_name);
    r[9] = text(&c->g, strcmp(l->method, "cash") == 0 ? l->point_name : "");
    r[10] = text(&c->g, what);
    r[11] = text(&c->g, l->ref);
    r[12] = fmt_empty();
    r[13] = fmt_empty();
    c->total += l->amount;
    return 0;
}

int app_payroll_provider_file(struct db *db, const struct app_user *user,
                              int64_t id, int format, char **data, size_t *len,
                              struct app_pay_err *err)
{
    struct provider_ctx c;
    struct store_payroll p;
    struct fmt_table t;
    struct fmt_error fe = {{0}};
    struct buf b;
    int rc;

    *data = NULL;
    *len = 0;
    memset(err, 0, sizeof *err);
    rc = pay_load(db, user, id, &p, err);
    if (rc != APP_PAY_OK)
        return rc;
    if (strcmp(p.state, "prepared") == 0 || strcmp(p.state, "checked") == 0)
        return pay_fail(err, APP_PAY_ESTATE, "not_approved", NULL,
                        "Danh sách chưa được phê duyệt: chưa có tệp gửi tổ "
                        "chức chi trả.");
    memset(&c, 0, sizeof c);
    c.g.ncols = PROVIDER_NCOLS;
    pay_month_vn(p.month, c.period);
    rc = store_payroll_lines(db, id, 0, 0, 0, provider_row, &c, NULL);
    if (rc != DB_OK) {
        grid_free(&c.g);
        return pay_store_fail(db, err, rc);
    }
    memset(&t, 0, sizeof t);
    t.cols = provider_cols;
    t.ncols = PROVIDER_NCOLS;
    t.cells = c.g.cells;
    t.nrows = c.g.nrows;
    buf_init(&b, OUT_CAP);
    if (format == APP_PAY_XLSX) {
        struct xlsx_sheet sh = {"DanhSachChiTra", NULL, &t, 0};
        struct xlsx_write_opts o = {0, "Danh sách chi trả", NULL};

        rc = xlsx_write_buf(&sh, 1, &o, &b, &fe);
    } else {
        rc = csv_write_table(&t, NULL, &b, &fe);
    }
    grid_free(&c.g);
    return finish(&b, rc, data, len, &fe, err);
}

/* --- The signed list of a payment point ------------------------------- */

static const struct fmt_column list_cols[] = {
    {"STT", 5, FMT_CENTER, FMT_INT},
    {"Họ và tên", 24, FMT_LEFT, FMT_TEXT},
    {"Năm sinh", 7, FMT_CENTER, FMT_TEXT},
    {"Số CCCD", 14, FMT_LEFT, FMT_TEXT},
    {"Nội dung", 28, FMT_LEFT, FMT_TEXT},
    {"Số tiền (đồng)", 13, FMT_RIGHT, FMT_MONEY},
    {"Người nhận thay", 18, FMT_LEFT, FMT_TEXT},
    {"Ký nhận", 14, FMT_CENTER, FMT_SIGN},
};
#define LIST_NCOLS (sizeof list_cols / sizeof list_cols[0])

static const struct fmt_column recovery_cols[] = {
    {"STT", 5, FMT_CENTER, FMT_INT},
    {"Họ và tên", 24, FMT_LEFT, FMT_TEXT},
    {"Năm sinh", 7, FMT_CENTER, FMT_TEXT},
    {"Số CCCD", 14, FMT_LEFT, FMT_TEXT},
    {"Nội dung", 40, FMT_LEFT, FMT_TEXT},
    {"Số tiền phải thu hồi (đồng)", 14, FMT_RIGHT, FMT_MONEY},
};
#define RECOVERY_NCOLS (sizeof recovery_cols / sizeof recovery_cols[0])

/* One person's row, merged from their lines as they stream by. */
struct list_ctx {
    struct grid g;
    int recoveries; /* point 0: the negative lines */
    int64_t person, total, persons;
    struct buf what;
    int64_t amount;
    const char *name, *birth, *idn, *receiver;
};

static void flush_person(struct list_ctx *c)
{
    struct fmt_cell *r;

    if (c->person == 0)
        return;
    r = grid_row(&c->g);
    r[0] = fmt_num((int64_t)c->g.nrows);
    r[1] = fmt_text(c->name);
    r[2] = fmt_text(c->birth);
    r[3] = c->idn[0] ? fmt_text(c->idn) : fmt_empty();
    r[4] = text(&c->g, buf_str(&c->what));
    r[5] = fmt_num(c->amount);
    if (!c->recoveries) {
        r[6] = c->receiver[0] ? fmt_text(c->receiver) : fmt_empty();
        r[7] = fmt_empty();
    }
    c->total += c->amount;
    c->persons++;
    c->person = 0;
    c->amount = 0;
    buf_reset(&c->what);
}

static int list_row(void *arg, const struct store_pay_line *l)
{
    struct list_ctx *c = arg;
    char what[160], y[5];

    if (c->recoveries ? l->amount >= 0 : (l->amount <= 0 || l->blocked))
        return 0;
    if (l->person_id != c->person) {
        flush_person(c);
        c->person = l->person_id;
        snprintf(y, sizeof y, "%.4s", l->birth_date);
        c->name = pay_arena_dup(&c->g.a, l->full_name);
        c->birth = pay_arena_dup(&c->g.a, y);
        c->idn = pay_arena_dup(&c->g.a, l->id_number);
        c->receiver = pay_arena_dup(&c->g.a, l->receiver_name);
    }
    line_purpose(l, what, sizeof what);
    if (c->what.len > 0)
        buf_puts(&c->what, "; ");
    buf_puts(&c->what, what);
    c->amount += c->recoveries ? -l->amount : l->amount;
    return 0;
}

int app_payroll_point_list(struct db *db, const struct app_user *user,
                           int64_t id, int64_t point, int format, char **data,
                           size_t *len, struct app_pay_err *err)
{
    struct store_payroll p;
    struct store_pay_points pts;
    const struct store_pay_point *pt = NULL;
    struct list_ctx c;
    struct fmt_report rep;
    struct fmt_cell totals[8];
    struct fmt_error fe = {{0}};
    char unit_name[300], unit_line[360], title[160], sub[2][600], words[420],
        after[2][520], month[8], total_txt[40];
    struct buf b;
    size_t i;
    int rc;

    *data = NULL;
    *len = 0;
    memset(err, 0, sizeof *err);
    rc = pay_load(db, user, id, &p, err);
    if (rc != APP_PAY_OK)
        return rc;
    rc = store_payroll_points(db, id, &pts);
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    for (i = 0; i < pts.count; i++)
        if (pts.items[i].seq == point)
            pt = &pts.items[i];
    if (point != 0 && pt == NULL) {
        store_pay_points_free(&pts);
        return pay_fail(err, APP_PAY_ENOTFOUND, "not_found", NULL,
                        "Danh sách chi trả #%lld không có điểm chi trả %lld.",
                        (long long)id, (long long)point);
    }
    memset(&c, 0, sizeof c);
    c.g.ncols = point == 0 ? RECOVERY_NCOLS : LIST_NCOLS;
    c.recoveries = point == 0;
    buf_init(&c.what, 64 * 1024);
    rc = store_payroll_lines(db, id, point, 0, 0, list_row, &c, NULL);
    if (rc == DB_OK)
        flush_person(&c);
    if (rc != DB_OK) {
        store_pay_points_free(&pts);
        buf_free(&c.what);
        grid_free(&c.g);
        return pay_store_fail(db, err, rc);
    }
    pay_month_vn(p.month, month);
    if (app_scope_area_name(db, pt ? pt->unit_code : p.area_code, p.month,
                            unit_name, sizeof unit_name) != 0)
        snprintf(unit_name, sizeof unit_name, "%s",
                 pt ? pt->unit_code : p.area_code);
    snprintf(unit_line, sizeof unit_line, "UBND %s", unit_name);
    memset(&rep, 0, sizeof rep);
    rep.header.unit[0] = unit_line;
    rep.header.place_date = "…, ngày … tháng … năm …";
    if (point == 0) {
        snprintf(title, sizeof title,
                 "DANH SÁCH THU HỒI TRỢ CẤP XÃ HỘI CHI THỪA - THÁNG %s", month);
        snprintf(sub[0], sizeof sub[0],
                 "Kèm theo danh sách chi trả số %lld, địa bàn %s (khoản phải "
                 "thu, không trừ vào tiền chi trả)",
                 (long long)p.id, p.area_code);
    } else {
        snprintf(title, sizeof title,
                 "DANH SÁCH CHI TRẢ TRỢ CẤP XÃ HỘI THÁNG %s", month);
        snprintf(sub[0], sizeof sub[0], "Điểm chi trả: %s", pt->name);
        snprintf(sub[1], sizeof sub[1], "Người chịu trách nhiệm: %s",
                 pt->officer[0] ? pt->officer : "…");
        rep.header.subtitle[1] = sub[1];
    }
    rep.header.title = title;
    rep.header.subtitle[0] = sub[0];
    rep.table.cols = point == 0 ? recovery_cols : list_cols;
    rep.table.ncols = c.g.ncols;
    rep.table.cells = c.g.cells;
    rep.table.nrows = c.g.nrows;
    for (i = 0; i < c.g.ncols; i++)
        totals[i] = fmt_empty();
    totals[0] = fmt_text("Tổng cộng");
    totals[5] = fmt_num(c.total);
    rep.table.totals = totals;
    rep.table.totals_span = 2;
    money_words_vi(c.total, words, sizeof words);
    money_format_vnd(c.total, total_txt, sizeof total_txt);
    snprintf(after[0], sizeof after[0],
             "Tổng số người: %lld. Tổng số tiền: %s.", (long long)c.persons,
             total_txt);
    snprintf(after[1], sizeof after[1], "Tổng số tiền bằng chữ: %s.", words);
    rep.after[0] = after[0];
    rep.after[1] = after[1];
    rep.signs[0] = (struct fmt_signature){NULL, "Người lập biểu",
                                          "(Ký, ghi rõ họ tên)", NULL};
    rep.signs[1] = (struct fmt_signature){
        NULL, point == 0 ? "Kế toán" : "Người chi trả", "(Ký, ghi rõ họ tên)",
        pt && pt->officer[0] ? pt->officer : NULL};
    rep.signs[2] =
        (struct fmt_signature){"…, ngày … tháng … năm …", "Chủ tịch UBND",
                               "(Ký, ghi rõ họ tên, đóng dấu)", NULL};
    rep.nsigns = 3;
    buf_init(&b, OUT_CAP);
    if (format == APP_PAY_PDF) {
        struct pdf_options o = {1, 0, NULL, 10, 0, 0};

        rc = pdf_render_report(&rep, &o, &b, &fe);
    } else {
        rc = print_report_html(&rep, 1, &b, &fe);
    }
    store_pay_points_free(&pts);
    buf_free(&c.what);
    grid_free(&c.g);
    return finish(&b, rc, data, len, &fe, err);
}

/* --- Health insurance (RULES.md §2.7) ---------------------------------- */

static const struct fmt_column bhyt_cols[] = {
    {"STT", 5, FMT_CENTER, FMT_INT},
    {"Họ và tên", 26, FMT_LEFT, FMT_TEXT},
    {"Ngày sinh", 11, FMT_CENTER, FMT_DATE},
    {"Giới tính", 8, FMT_CENTER, FMT_TEXT},
    {"Số CCCD", 14, FMT_LEFT, FMT_TEXT},
    {"Mã xã", 7, FMT_CENTER, FMT_TEXT},
    {"Địa chỉ", 24, FMT_LEFT, FMT_TEXT},
    {"Đề nghị", 18, FMT_LEFT, FMT_TEXT},
    {"Từ ngày", 11, FMT_CENTER, FMT_DATE},
    {"Lý do", 18, FMT_LEFT, FMT_TEXT},
    {"Quyết định", 28, FMT_LEFT, FMT_TEXT},
};
#define BHYT_NCOLS (sizeof bhyt_cols / sizeof bhyt_cols[0])

static const char *reason_vi(const char *reason)
{
    static const char *const r[][2] = {
        {"death", "Chết"},
        {"missing", "Mất tích"},
        {"ineligible", "Không còn đủ điều kiện"},
        {"moved", "Chuyển nơi cư trú"},
        {"refused", "Từ chối nhận"},
        {"prison", "Chấp hành án phạt tù"},
        {"suspension_expired", "Hết thời hạn tạm dừng"},
    };
    size_t i;

    for (i = 0; i < sizeof r / sizeof r[0]; i++)
        if (strcmp(reason, r[i][0]) == 0)
            return r[i][1];
    return reason;
}

static int bhyt_row(void *arg, const struct store_pay_bhyt *x)
{
    struct grid *g = arg;
    struct fmt_cell *r = grid_row(g);
    struct date d;

    r[0] = fmt_num((int64_t)g->nrows);
    r[1] = text(g, x->full_name);
    r[2] = date_parse_iso(x->birth_date, 10, &d) == DATE_OK ? fmt_date(d)
                                                            : fmt_empty();
    r[3] = fmt_text(strcmp(x->sex, "F") == 0 ? "Nữ" : "Nam");
    r[4] = text(g, x->id_number);
    r[5] = text(g, x->unit_code);
    r[6] = text(g, x->address);
    r[7] = fmt_text(x->joined ? "Cấp mới thẻ BHYT" : "Thôi cấp thẻ BHYT");
    r[8] =
        date_parse_iso(x->since, 10, &d) == DATE_OK ? fmt_date(d) : fmt_empty();
    r[9] = text(g, x->joined ? "Hưởng trợ cấp xã hội hằng tháng"
                             : reason_vi(x->reason));
    r[10] = text(g, x->decision_ref);
    return 0;
}

int app_payroll_bhyt(struct db *db, const struct app_user *user,
                     const char *area, const char *month, int format,
                     char **data, size_t *len, struct app_pay_err *err)
{
    struct grid g;
    struct month m;
    struct fmt_table t;
    struct fmt_error fe = {{0}};
    char first[11], prev[11], path[APP_SCOPE_PATH_SIZE], title[200], mvn[8];
    char **communes = NULL;
    size_t n = 0, i;
    struct buf b;
    int rc;

    *data = NULL;
    *len = 0;
    memset(err, 0, sizeof *err);
    rc = pay_month_arg("month", month, &m, first, err);
    if (rc != APP_PAY_OK)
        return rc;
    if (area == NULL || area[0] == '\0')
        area = user->area_code;
    if (area[0] == '\0' || strspn(area, "0123456789") != strlen(area))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Cần mã địa bàn (tỉnh, huyện hoặc xã).");
    rc = app_scope_path(db, area, first, path);
    if (rc == DB_ENOTFOUND || (rc == 0 && !pay_in_scope(user, path)))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Địa bàn %s không có hoặc nằm ngoài địa bàn của tài "
                        "khoản.",
                        area);
    if (rc != 0)
        return pay_store_fail(db, err, rc);
    date_format_iso(month_first_day(month_add(m, -1)), prev);
    memset(&g, 0, sizeof g);
    g.ncols = BHYT_NCOLS;
    rc = store_payroll_area_communes(db, area, first, &communes, &n);
    if (rc == DB_OK)
        rc = store_payroll_bhyt(db, communes, n, first, prev, bhyt_row, &g);
    for (i = 0; i < n; i++)
        free(communes[i]);
    free(communes);
    if (rc != DB_OK) {
        grid_free(&g);
        return pay_store_fail(db, err, rc);
    }
    memset(&t, 0, sizeof t);
    t.cols = bhyt_cols;
    t.ncols = BHYT_NCOLS;
    t.cells = g.cells;
    t.nrows = g.nrows;
    month_format_vn(m, mvn);
    snprintf(title, sizeof title,
             "Danh sách đề nghị cấp, thôi cấp thẻ BHYT tháng %s - địa bàn %s "
             "(RULES.md §2.7)",
             mvn, area);
    buf_init(&b, OUT_CAP);
    if (format == APP_PAY_XLSX) {
        struct xlsx_sheet sh = {"BHYT", title, &t, 0};
        struct xlsx_write_opts o = {0, "Danh sách BHYT", NULL};

        rc = xlsx_write_buf(&sh, 1, &o, &b, &fe);
    } else {
        rc = csv_write_table(&t, NULL, &b, &fe);
    }
    grid_free(&g);
    return finish(&b, rc, data, len, &fe, err);
}

/* --- Budget figures (RULES.md §7.1) ------------------------------------- */

struct budget_ctx {
    json_t *items;
    const char *period;
    struct store_fees fees;
    int64_t fee_total, paid_total, payable_total, recovery_total, unpaid_total;
    json_t *totals; /* period -> {payable, paid, unpaid, recovery, fee} */
};

/* The fee in basis points for a line of commune in month: the most
 * specific area among the settings in force on the month's first day. */
static int64_t fee_for(struct db *db, const struct store_fees *f,
                       const char *unit, const char *month)
{
    char path[APP_SCOPE_PATH_SIZE];
    size_t i, best_len = 0;
    int64_t bp = 0;
    const char *best_from = "";

    if (app_scope_path(db, unit, month, path) != 0)
        snprintf(path, sizeof path, "%s", unit);
    for (i = 0; i < f->count; i++) {
        const struct store_fee *x = &f->items[i];
        size_t al = strlen(x->area_code);
        struct app_user u;

        if (strcmp(x->valid_from, month) > 0)
            continue;
        memset(&u, 0, sizeof u);
        snprintf(u.area_code, sizeof u.area_code, "%s", x->area_code);
        if (al > 0 && !pay_in_scope(&u, path))
            continue;
        if (al > best_len ||
            (al == best_len && strcmp(x->valid_from, best_from) >= 0)) {
            best_len = al;
            best_from = x->valid_from;
            bp = x->fee_bp;
        }
    }
    return bp;
}

static void period_of(const char *month, const char *period, char out[12])
{
    int m = (month[5] - '0') * 10 + (month[6] - '0');

    if (strcmp(period, "year") == 0)
        snprintf(out, 12, "%.4s", month);
    else if (strcmp(period, "quarter") == 0)
        snprintf(out, 12, "%.4s-Q%d", month, (m - 1) / 3 + 1);
    else
        snprintf(out, 12, "%.7s", month);
}

/* The category family of a line's categories ("K1b+K6" -> "K1"). */
static void family_of(const char *cat, const char *kind, char out[16])
{
    size_t n = strcspn(cat, "+");

    if (n == 0) {
        snprintf(out, 16, "%s",
                 strcmp(kind, "funeral") == 0  ? "mai_tang"
                 : strcmp(kind, "oneoff") == 0 ? "mot_lan"
                                               : "khac");
        return;
    }
    if (n >= 2 && cat[0] == 'K' && cat[1] == '1')
        n = 2;
    else if (n > 3 && cat[0] == 'K')
        n = 3;
    snprintf(out, 16, "%.*s", (int)n, cat);
}

struct budget_run {
    struct budget_ctx *b;
    struct db *db;
};

static void add_to(json_t *o, const char *key, int64_t v)
{
    json_object_set_new(
        o, key, json_integer(json_integer_value(json_object_get(o, key)) + v));
}

static int budget_row(void *arg, const struct store_pay_figure *f)
{
    struct budget_run *r = arg;
    struct budget_ctx *b = r->b;
    char per[12], fam[16], key[64];
    json_t *it, *tot;
    int64_t fee, payable = f->amount > 0 ? f->amount : 0;
    int64_t recovery = f->amount < 0 ? -f->amount : 0;

    period_of(f->month, b->period, per);
    family_of(f->category, f->kind, fam);
    fee = (f->paid_amount * fee_for(r->db, &b->fees, f->unit_code, f->month) +
           5000) /
          10000;
    snprintf(key, sizeof key, "%s|%s|%s", per, f->unit_code, fam);
    it = json_object_get(b->items, key);
    if (it == NULL) {
        it = json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}",
                       "period", per, "unit_code", f->unit_code, "category",
                       fam, "lines", (json_int_t)0, "payable", (json_int_t)0,
                       "paid", (json_int_t)0, "unpaid", (json_int_t)0,
                       "recovery", (json_int_t)0, "fee", (json_int_t)0);
        json_object_set_new(b->items, key, it);
    }
    add_to(it, "lines", f->lines);
    add_to(it, "payable", payable);
    add_to(it, "paid", f->paid_amount);
    add_to(it, "unpaid", f->unpaid_amount > 0 ? f->unpaid_amount : 0);
    add_to(it, "recovery", recovery);
    add_to(it, "fee", fee);
    tot = json_object_get(b->totals, per);
    if (tot == NULL) {
        tot = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I}", "period", per,
                        "payable", (json_int_t)0, "paid", (json_int_t)0,
                        "unpaid", (json_int_t)0, "recovery", (json_int_t)0,
                        "fee", (json_int_t)0);
        json_object_set_new(b->totals, per, tot);
    }
    add_to(tot, "payable", payable);
    add_to(tot, "paid", f->paid_amount);
    add_to(tot, "unpaid", f->unpaid_amount > 0 ? f->unpaid_amount : 0);
    add_to(tot, "recovery", recovery);
    add_to(tot, "fee", fee);
    return 0;
}

static json_t *values_sorted(json_t *obj)
{
    const char **keys;
    size_t n = json_object_size(obj), i = 0;
    const char *k;
    json_t *v, *out = json_array();

    if (n == 0)
        return out;
    keys = xreallocarray(NULL, n, sizeof *keys);
    json_object_foreach(obj, k, v)
    {
        (void)v;
        keys[i++] = k;
    }
    for (size_t a = 1; a < n; a++)
        for (size_t c = a; c > 0 && strcmp(keys[c - 1], keys[c]) > 0; c--) {
            const char *t = keys[c];

            keys[c] = keys[c - 1];
            keys[c - 1] = t;
        }
    for (i = 0; i < n; i++)
        json_array_append(out, json_object_get(obj, keys[i]));
    free(keys);
    return out;
}

int app_payroll_budget(struct db *db, const struct app_user *user,
                       const char *area, const char *year, const char *period,
                       json_t **out, struct app_pay_err *err)
{
    struct budget_ctx b;
    struct budget_run r;
    char from[11], to[11];
    char *end = NULL;
    long y;
    int rc;

    *out = NULL;
    memset(err, 0, sizeof *err);
    if (period == NULL || period[0] == '\0')
        period = "month";
    if (strcmp(period, "month") != 0 && strcmp(period, "quarter") != 0 &&
        strcmp(period, "year") != 0)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "period",
                        "Kỳ phải là month, quarter hoặc year.");
    if (year == NULL || strlen(year) != 4)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "year",
                        "Năm phải có 4 chữ số.");
    y = strtol(year, &end, 10);
    if (*end != '\0' || y < 2021 || y > 2100)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "year",
                        "Năm phải từ 2021 đến 2100.");
    if (area == NULL || area[0] == '\0')
        area = user->area_code;
    if (strspn(area, "0123456789") != strlen(area) ||
        !(strlen(area) == 0 || strlen(area) == 2 || strlen(area) == 3 ||
          strlen(area) == 5))
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "area",
                        "Mã địa bàn không hợp lệ.");
    if (user->area_code[0] != '\0' && area[0] != '\0' &&
        strcmp(area, user->area_code) != 0) {
        char path[APP_SCOPE_PATH_SIZE];
        char day[11];

        snprintf(day, sizeof day, "%ld-12-31", y);
        rc = app_scope_path(db, area, day, path);
        if (rc != 0 || !pay_in_scope(user, path))
            return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "area",
                            "Địa bàn %s nằm ngoài địa bàn của tài khoản.",
                            area);
    }
    snprintf(from, sizeof from, "%ld-01-01", y);
    snprintf(to, sizeof to, "%ld-12-01", y);
    memset(&b, 0, sizeof b);
    b.items = json_object();
    b.totals = json_object();
    b.period = period;
    rc = store_fee_list(db, &b.fees);
    r.b = &b;
    r.db = db;
    if (rc == DB_OK)
        rc = store_payroll_figures(db, area, from, to, budget_row, &r);
    store_fees_free(&b.fees);
    if (rc != DB_OK) {
        json_decref(b.items);
        json_decref(b.totals);
        return pay_store_fail(db, err, rc);
    }
    *out = json_object();
    json_object_set_new(*out, "area_code", json_string(area));
    json_object_set_new(*out, "year", json_integer(y));
    json_object_set_new(*out, "period", json_string(period));
    json_object_set_new(*out, "items", values_sorted(b.items));
    json_object_set_new(*out, "totals", values_sorted(b.totals));
    json_decref(b.items);
    json_decref(b.totals);
    return APP_PAY_OK;
}
