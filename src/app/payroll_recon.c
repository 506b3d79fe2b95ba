/* payroll_recon.c: importing the payment provider's result file (see
 * payroll.h; RULES.md §7.1).
 *
 * The file is a table, CSV or XLSX (first sheet), whose header names at
 * least the columns MaThamChieu (the line reference of the provider
 * file), SoTien (the amount), TrangThai (paid or not: "Đã chi" / "Chưa
 * chi", "1" / "0", "paid" / "unpaid") and NgayChi (the day paid,
 * dd/mm/yyyy or YYYY-MM-DD; required when paid); other columns are
 * ignored, so the provider may return our own provider file with the two
 * result columns filled. Headers match without case, marks or spaces
 * ("Mã tham chiếu" = "MaThamChieu").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "app/auth.h"
#include "app/payroll.h"
#include "app/payroll_int.h"
#include "core/date.h"
#include "core/text.h"
#include "formats/csv_write.h"
#include "formats/xlsx_read.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "util/clock.h"
#include "util/csv.h"
#include "util/xalloc.h"

#define COLS      4 /* ref, amount, status, day */
#define MAX_FIELD 1000

/* One parsed row of a result file. */
struct result_row {
    int64_t row;      /* the file's line (CSV) or sheet row (XLSX) */
    char ref[64];     /* as given (cut) */
    int64_t amount;   /* -1 when unreadable */
    int paid;         /* 1 paid, 0 not, -1 unreadable */
    char paid_on[11]; /* "" when not given */
    char error[160];  /* "" when the row is readable */
};

/* --- Reading a table: CSV or XLSX rows as (ptr, len) cells ------------- */

struct rows {
    int format;
    struct csv_reader *csv;
    struct xlsx_reader *xlsx;
    const char *cell[64];
    size_t len[64];
    size_t n;
    int64_t line;
};

static int rows_open(struct rows *r, const char *data, size_t len, int format,
                     struct app_pay_err *err)
{
    static const struct csv_options opt = {64, MAX_FIELD,
                                           APP_PAY_UPLOAD_ROWS + 1, 0};
    struct xlsx_read_opts xo;
    int rc;

    memset(r, 0, sizeof *r);
    r->format = format;
    if (format == APP_PAY_CSV) {
        if (csv_reader_new(data, len, &opt, &r->csv) != CSV_OK)
            return pay_fail(err, APP_PAY_EINVAL, "invalid_file", NULL,
                            "Không đọc được tệp CSV.");
        return APP_PAY_OK;
    }
    memset(&xo, 0, sizeof xo);
    xo.max_rows = APP_PAY_UPLOAD_ROWS + 1;
    xo.max_cols = 64;
    xo.max_cell_len = MAX_FIELD;
    xo.max_memory = 64u * 1024u * 1024u;
    rc = xlsx_reader_new(data, len, &xo, &r->xlsx);
    if (rc == XLSX_OK)
        rc = xlsx_sheet_open(r->xlsx, 0);
    if (rc != XLSX_OK)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_file", NULL,
                        "Không đọc được tệp XLSX: %s", xlsx_errmsg(r->xlsx));
    return APP_PAY_OK;
}

static void rows_close(struct rows *r)
{
    csv_reader_free(r->csv);
    xlsx_reader_free(r->xlsx);
    r->csv = NULL;
    r->xlsx = NULL;
}

/* 1 with a row, 0 at the end, or APP_PAY_EINVAL with err. */
static int rows_next(struct rows *r, struct app_pay_err *err)
{
    size_t i;
    int rc;

    r->n = 0;
    if (r->csv != NULL) {
        const struct csv_field *f;
        size_t nf;

        rc = csv_next(r->csv, &f, &nf);
        if (rc == CSV_DONE)
            return 0;
        if (rc != CSV_ROW)
            return pay_fail(err, APP_PAY_EINVAL, "invalid_file", NULL,
                            "Tệp CSV lỗi: %s", csv_errmsg(r->csv));
        for (i = 0; i < nf && i < 64; i++) {
            r->cell[i] = f[i].ptr;
            r->len[i] = f[i].len;
        }
        r->n = i;
        r->line = (int64_t)csv_line(r->csv);
        return 1;
    } else {
        const struct xlsx_cell *c;
        size_t nc;

        rc = xlsx_next(r->xlsx, &c, &nc);
        if (rc == XLSX_DONE)
            return 0;
        if (rc != XLSX_ROW)
            return pay_fail(err, APP_PAY_EINVAL, "invalid_file", NULL,
                            "Tệp XLSX lỗi: %s", xlsx_errmsg(r->xlsx));
        for (i = 0; i < nc && i < 64; i++) {
            r->cell[i] = c[i].ptr;
            r->len[i] = c[i].len;
        }
        r->n = i;
        r->line = (int64_t)xlsx_row(r->xlsx);
        return 1;
    }
}

/* --- Values ------------------------------------------------------------ */

/* Fold (s, len) to lower-case ASCII letters and digits only ("Mã tham
 * chiếu" -> "mathamchieu") into out. */
static void fold_key(const char *s, size_t len, char *out, size_t cap)
{
    char *f = NULL;
    size_t flen = 0, i, o = 0;

    out[0] = '\0';
    if (text_fold(s, len, &f, &flen) != 0)
        return;
    for (i = 0; i < flen && o + 1 < cap; i++) {
        char ch = f[i];

        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9'))
            out[o++] = ch;
        else if (ch >= 'A' && ch <= 'Z')
            out[o++] = (char)(ch - 'A' + 'a');
    }
    out[o] = '\0';
    free(f);
}

/* Which column a header names: 0 ref, 1 amount, 2 status, 3 day, -1. */
static int column_of(const char *s, size_t len)
{
    static const char *const names[COLS][4] = {
        {"mathamchieu", "thamchieu", "ref", "reference"},
        {"sotien", "amount", NULL, NULL},
        {"trangthai", "ketqua", "status", NULL},
        {"ngaychi", "paidon", "ngaynhan", NULL},
    };
    char k[48];
    int c, i;

    fold_key(s, len, k, sizeof k);
    for (c = 0; c < COLS; c++)
        for (i = 0; i < 4 && names[c][i] != NULL; i++)
            if (strcmp(k, names[c][i]) == 0)
                return c;
    return -1;
}

/* Trimmed copy of (s, len) into out, one leading apostrophe dropped (a
 * protected text cell, formats/csv_write.h). */
static void cell_text(const char *s, size_t len, char *out, size_t cap)
{
    size_t skip;

    while (len > 0 && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    skip = csv_unprotect(s, len);
    s += skip;
    len -= skip;
    if (len >= cap)
        len = cap - 1;
    memcpy(out, s, len);
    out[len] = '\0';
}

/* An amount in đồng: digits with '.', ',' or ' ' grouping, or a
 * spreadsheet number with a zero fraction ("1250000.0"). -1 otherwise. */
static int64_t parse_amount(const char *s)
{
    size_t n = strlen(s), d = strspn(s, "0123456789"), z;
    int64_t v = 0;
    int digits = 0;

    /* A spreadsheet number with a zero fraction: "1250000.0". */
    if (d > 0 && d < n && s[d] == '.') {
        z = strspn(s + d + 1, "0");
        if (z >= 1 && z <= 2 && d + 1 + z == n)
            n = d;
    }
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            if (v > INT64_C(900000000000000))
                return -1;
            v = v * 10 + (s[i] - '0');
            digits++;
        } else if (s[i] != '.' && s[i] != ',' && s[i] != ' ') {
            return -1;
        }
    }
    return digits > 0 ? v : -1;
}

static int parse_status(const char *s)
{
    static const char *const yes[] = {"dachi", "danhan", "paid", "1",
                                      "x",     "co",     "yes",  "true"};
    static const char *const no[] = {"chuachi", "chuanhan", "khongnhan",
                                     "unpaid",  "0",        "khong",
                                     "no",      "false"};
    char k[32];
    size_t i;

    fold_key(s, strlen(s), k, sizeof k);
    for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (strcmp(k, yes[i]) == 0)
            return 1;
    for (i = 0; i < sizeof no / sizeof no[0]; i++)
        if (strcmp(k, no[i]) == 0)
            return 0;
    return -1;
}

static int parse_day(const char *s, char out[11])
{
    struct date d;
    size_t n = strlen(s);

    if (n >= 10 && date_parse_iso(s, 10, &d) == DATE_OK &&
        (n == 10 || s[10] == ' ')) {
        date_format_iso(d, out);
        return 0;
    }
    if (date_parse_vn(s, n, &d) == DATE_OK) {
        date_format_iso(d, out);
        return 0;
    }
    return -1;
}

/* Read the whole file into rows (caller frees *out). */
static int parse_file(const char *data, size_t len, int format,
                      struct result_row **out, size_t *n,
                      struct app_pay_err *err)
{
    struct rows r;
    int col[COLS] = {-1, -1, -1, -1};
    size_t cap = 0, i;
    int rc, header = 1;

    *out = NULL;
    *n = 0;
    if (format != APP_PAY_CSV && format != APP_PAY_XLSX)
        return pay_fail(err, APP_PAY_EINVAL, "invalid_field", "format",
                        "Tệp kết quả phải là CSV hoặc XLSX.");
    rc = rows_open(&r, data, len, format, err);
    if (rc != APP_PAY_OK) {
        rows_close(&r);
        return rc;
    }
    while ((rc = rows_next(&r, err)) == 1) {
        struct result_row *x;
        char v[COLS][MAX_FIELD + 1];
        int c;

        if (header) {
            for (i = 0; i < r.n; i++) {
                c = column_of(r.cell[i], r.len[i]);
                if (c >= 0 && col[c] < 0)
                    col[c] = (int)i;
            }
            if (col[0] < 0 || col[1] < 0 || col[2] < 0 || col[3] < 0) {
                rows_close(&r);
                return pay_fail(err, APP_PAY_EINVAL, "missing_column", NULL,
                                "Tệp kết quả thiếu cột (cần MaThamChieu, "
                                "SoTien, TrangThai, NgayChi ở dòng tiêu "
                                "đề).");
            }
            header = 0;
            continue;
        }
        for (c = 0; c < COLS; c++)
            if ((size_t)col[c] < r.n)
                cell_text(r.cell[col[c]], r.len[col[c]], v[c], sizeof v[c]);
            else
                v[c][0] = '\0';
        if (v[0][0] == '\0' && v[1][0] == '\0' && v[2][0] == '\0')
            continue; /* a blank line, a totals row without a reference */
        if (*n == cap) {
            cap = cap ? cap * 2 : 256;
            *out = xreallocarray(*out, cap, sizeof **out);
        }
        x = &(*out)[(*n)++];
        memset(x, 0, sizeof *x);
        x->row = r.line;
        snprintf(x->ref, sizeof x->ref, "%.63s", v[0]);
        x->amount = parse_amount(v[1]);
        x->paid = parse_status(v[2]);
        if (!text_valid_utf8(v[0], strlen(v[0])) || v[0][0] == '\0')
            snprintf(x->error, sizeof x->error, "thiếu mã tham chiếu");
        else if (x->amount < 0)
            snprintf(x->error, sizeof x->error, "số tiền không đọc được");
        else if (x->paid < 0)
            snprintf(x->error, sizeof x->error,
                     "trạng thái không đọc được (Đã chi / Chưa chi)");
        else if (v[3][0] != '\0' && parse_day(v[3], x->paid_on) != 0)
            snprintf(x->error, sizeof x->error, "ngày chi không hợp lệ");
        else if (x->paid == 1 && x->paid_on[0] == '\0')
            snprintf(x->error, sizeof x->error, "thiếu ngày chi");
        if (x->error[0] != '\0' && !text_valid_utf8(x->ref, strlen(x->ref)))
            x->ref[0] = '\0';
    }
    rows_close(&r);
    if (rc < 0) {
        free(*out);
        *out = NULL;
        *n = 0;
        return rc;
    }
    if (header)
        return pay_fail(err, APP_PAY_EINVAL, "missing_column", NULL,
                        "Tệp kết quả trống (không có dòng tiêu đề).");
    return APP_PAY_OK;
}

int app_payroll_parse_results(const char *data, size_t len, int format,
                              json_t **out, struct app_pay_err *err)
{
    struct result_row *rows = NULL;
    size_t n = 0, i;
    int rc;

    *out = NULL;
    rc = parse_file(data, len, format, &rows, &n, err);
    if (rc != APP_PAY_OK)
        return rc;
    *out = json_array();
    for (i = 0; i < n; i++) {
        const struct result_row *x = &rows[i];

        json_array_append_new(
            *out, json_pack("{s:I, s:s, s:I, s:i, s:s, s:s}", "row",
                            (json_int_t)x->row, "ref", x->ref, "amount",
                            (json_int_t)x->amount, "paid", x->paid, "paid_on",
                            x->paid_on, "error", x->error));
    }
    free(rows);
    return APP_PAY_OK;
}

/* --- Applying --------------------------------------------------------------
 */

struct line_ref {
    char ref[24];
    int64_t id, person_id, amount;
    int blocked, paid; /* paid: -1 no result yet */
    char unit_code[8];
    char paid_on[11];
    int seen, unpaid_now;
};

struct recon {
    const struct app_user *user;
    int64_t id;
    const char *data, *file_name;
    size_t len;
    int format;
    struct app_pay_err *err;
    struct result_row *rows;
    size_t nrows;
    struct line_ref *lines;
    size_t nlines, cap;
    struct store_pay_import imp;
    int repeated;
    int64_t tasks;
    char state[12];
    const struct app_progress *progress;
    int64_t reported; /* the last done reported; -1: none */
};

/* Report done of the file's rows, never less than reported before (a
 * retried transaction starts its rows again). */
static void report(struct recon *c, int64_t done)
{
    if (done <= c->reported)
        return;
    c->reported = done;
    app_progress_report(c->progress, done, (int64_t)c->nrows);
}

static int keep_line(void *arg, const struct store_pay_line *l)
{
    struct recon *c = arg;
    struct line_ref *x;

    if (c->nlines == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 1024;
        c->lines = xreallocarray(c->lines, c->cap, sizeof *c->lines);
    }
    x = &c->lines[c->nlines++];
    memset(x, 0, sizeof *x);
    snprintf(x->ref, sizeof x->ref, "%s", l->ref);
    x->id = l->id;
    x->person_id = l->person_id;
    x->amount = l->amount;
    x->blocked = l->blocked;
    x->paid = l->paid;
    snprintf(x->paid_on, sizeof x->paid_on, "%s", l->paid_on);
    snprintf(x->unit_code, sizeof x->unit_code, "%s", l->unit_code);
    return 0;
}

static int ref_cmp(const void *a, const void *b)
{
    return strcmp(((const struct line_ref *)a)->ref,
                  ((const struct line_ref *)b)->ref);
}

static struct line_ref *find_ref(struct recon *c, const char *ref)
{
    struct line_ref key;

    if (c->nlines == 0 || strlen(ref) >= sizeof key.ref)
        return NULL;
    snprintf(key.ref, sizeof key.ref, "%s", ref);
    return bsearch(&key, c->lines, c->nlines, sizeof key, ref_cmp);
}

static int mismatch(struct db *db, struct recon *c, int64_t row,
                    const char *kind, const char *ref, int64_t line_id,
                    int64_t expected, int64_t found, const char *detail)
{
    struct store_pay_mismatch m;

    memset(&m, 0, sizeof m);
    m.import_id = c->imp.id;
    m.row_no = row;
    snprintf(m.kind, sizeof m.kind, "%s", kind);
    snprintf(m.ref, sizeof m.ref, "%s", ref);
    m.line_id = line_id;
    m.expected = expected;
    m.found = found;
    snprintf(m.detail, sizeof m.detail, "%s", detail);
    c->imp.mismatches++;
    return store_payroll_mismatch_add(db, &m);
}

static int apply_row(struct db *db, struct recon *c, const struct result_row *x,
                     const char *now)
{
    struct line_ref *l;
    char msg[300];

    if (x->error[0] != '\0')
        return mismatch(db, c, x->row, "bad_row", x->ref, 0, INT64_MIN,
                        x->amount >= 0 ? x->amount : INT64_MIN, x->error);
    l = find_ref(c, x->ref);
    if (l == NULL)
        return mismatch(db, c, x->row, "unknown_line", x->ref, 0, INT64_MIN,
                        x->amount,
                        "Mã tham chiếu không có trong danh sách chi trả này");
    if (l->seen)
        return mismatch(db, c, x->row, "duplicate", x->ref, l->id, l->amount,
                        x->amount,
                        "Mã tham chiếu lặp lại trong tệp: chỉ dòng đầu tiên "
                        "được ghi nhận");
    l->seen = 1;
    if (l->amount <= 0 || l->blocked)
        return mismatch(db, c, x->row, "not_payable", x->ref, l->id, l->amount,
                        x->amount,
                        l->blocked ? "Dòng đang bị giữ lại, không chi trả"
                                   : "Dòng thu hồi, không chi trả qua tổ "
                                     "chức dịch vụ");
    if (x->amount != l->amount) {
        snprintf(msg, sizeof msg,
                 "Số tiền %lld khác số tiền của dòng %lld: không ghi nhận",
                 (long long)x->amount, (long long)l->amount);
        return mismatch(db, c, x->row, "wrong_amount", x->ref, l->id, l->amount,
                        x->amount, msg);
    }
    if (l->paid == 1 && (x->paid == 0 || strcmp(l->paid_on, x->paid_on) != 0))
        return mismatch(db, c, x->row, "conflict", x->ref, l->id, l->amount,
                        x->amount,
                        "Dòng đã được báo là đã chi trước đó: không ghi "
                        "nhận thay đổi");
    if (x->paid) {
        c->imp.paid++;
        c->imp.amount_paid += l->amount;
    } else {
        c->imp.unpaid++;
        l->unpaid_now = 1;
    }
    if (l->paid == x->paid &&
        (x->paid == 0 || strcmp(l->paid_on, x->paid_on) == 0))
        return DB_OK; /* the same result again */
    l->paid = x->paid;
    return store_payroll_result_set(db, l->id, c->id, x->paid,
                                    x->paid ? x->paid_on : NULL, "", c->imp.id,
                                    x->row, now);
}

/* Three pay months without a payment raise the suspension task (§2.6). */
static int streaks(struct db *db, struct recon *c, const char *month,
                   const char *area_path)
{
    struct month m;
    char from[11];
    size_t i, k;
    int rc = DB_OK;

    if (month_parse_iso(month, 7, &m) != DATE_OK)
        return DB_EINVAL;
    date_format_iso(month_first_day(month_add(m, -2)), from);
    for (i = 0; i < c->nlines && rc == DB_OK; i++) {
        const struct line_ref *l = &c->lines[i];
        int64_t months = 0, paid = 0;
        int raised = 0, dup = 0;

        if (!l->unpaid_now)
            continue;
        for (k = 0; k < i && !dup; k++)
            dup =
                c->lines[k].unpaid_now && c->lines[k].person_id == l->person_id;
        if (dup)
            continue;
        rc = store_payroll_person_streak(db, l->person_id, from, month, &months,
                                         &paid);
        if (rc != DB_OK || months < 3 || paid > 0)
            continue;
        rc =
            pay_suspension_task(db, c->user->username, l->person_id,
                                l->unit_code, month, c->id, area_path, &raised);
        c->tasks += raised;
    }
    return rc;
}

static int recon_tx(struct db *db, void *arg)
{
    struct recon *c = arg;
    struct store_payroll p;
    unsigned char h[32];
    char now[21];
    int64_t left = 0, v;
    size_t i;
    json_t *nv;
    int rc;

    c->nlines = 0;
    c->tasks = 0;
    c->repeated = 0;
    rc = pay_load(db, c->user, c->id, &p, c->err);
    if (rc != APP_PAY_OK)
        return rc;
    if (strcmp(p.state, "sent") != 0 && strcmp(p.state, "reconciled") != 0)
        return pay_fail(c->err, APP_PAY_ESTATE, "wrong_state", NULL,
                        "Chỉ nhận kết quả chi trả của danh sách đã gửi tổ "
                        "chức chi trả (nay: %s).",
                        p.state);
    memset(&c->imp, 0, sizeof c->imp);
    crypto_generichash(h, sizeof h, (const unsigned char *)c->data, c->len,
                       NULL, 0);
    sodium_bin2hex(c->imp.file_hash, sizeof c->imp.file_hash, h, sizeof h);
    rc = store_payroll_import_find(db, p.id, c->imp.file_hash, &c->imp);
    if (rc == DB_OK) {
        c->repeated = 1; /* the same file again: nothing changes */
        snprintf(c->state, sizeof c->state, "%s", p.state);
        return APP_PAY_OK;
    }
    if (rc != DB_ENOTFOUND)
        return pay_store_fail(db, c->err, rc);
    rc = store_payroll_lines(db, p.id, 0, 0, 0, keep_line, c, NULL);
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    if (c->nlines > 1)
        qsort(c->lines, c->nlines, sizeof *c->lines, ref_cmp);
    clock_now_utc(now);
    c->imp.payroll_id = p.id;
    snprintf(c->imp.file_name, sizeof c->imp.file_name, "%s",
             c->file_name ? c->file_name : "");
    snprintf(c->imp.format, sizeof c->imp.format, "%s",
             c->format == APP_PAY_XLSX ? "xlsx" : "csv");
    snprintf(c->imp.imported_by, sizeof c->imp.imported_by, "%s",
             c->user->username);
    snprintf(c->imp.imported_at, sizeof c->imp.imported_at, "%s", now);
    rc = store_payroll_import_add(db, &c->imp);
    for (i = 0; i < c->nrows && rc == DB_OK; i++) {
        rc = apply_row(db, c, &c->rows[i], now);
        if ((i + 1) % 1024 == 0 && i + 1 < c->nrows)
            report(c, (int64_t)i + 1);
    }
    c->imp.rows = (int64_t)c->nrows;
    /* Payable lines the file did not name, and no earlier file either. */
    for (i = 0; i < c->nlines && rc == DB_OK; i++) {
        const struct line_ref *l = &c->lines[i];

        if (!l->seen && l->amount > 0 && !l->blocked && l->paid < 0)
            rc =
                mismatch(db, c, 0, "missing", l->ref, l->id, l->amount,
                         INT64_MIN, "Dòng phải chi không có trong tệp kết quả");
    }
    if (rc == DB_OK)
        rc = store_payroll_import_counts(db, &c->imp);
    if (rc == DB_OK)
        rc = streaks(db, c, p.month, p.area_path);
    if (rc == DB_OK)
        rc = store_payroll_unresolved(db, p.id, &left);
    snprintf(c->state, sizeof c->state, "%s", p.state);
    if (rc == DB_OK && left == 0 && strcmp(p.state, "sent") == 0) {
        struct store_payroll_move m = {
            "sent", "reconciled", c->user->username, c->user->role, now, NULL};

        v = p.version;
        rc = store_payroll_move(db, p.id, &m, &v);
        snprintf(c->state, sizeof c->state, "reconciled");
    }
    if (rc != DB_OK)
        return pay_store_fail(db, c->err, rc);
    nv = json_pack("{s:I, s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:s}",
                   "import_id", (json_int_t)c->imp.id, "file_hash",
                   c->imp.file_hash, "format", c->imp.format, "rows",
                   (json_int_t)c->imp.rows, "paid", (json_int_t)c->imp.paid,
                   "unpaid", (json_int_t)c->imp.unpaid, "amount_paid",
                   (json_int_t)c->imp.amount_paid, "mismatches",
                   (json_int_t)c->imp.mismatches, "tasks", (json_int_t)c->tasks,
                   "state", c->state);
    rc = pay_audit(db, c->user->username, "payroll.reconcile", p.id,
                   p.area_path, NULL, nv);
    json_decref(nv);
    return rc == DB_OK ? APP_PAY_OK : pay_store_fail(db, c->err, rc);
}

static json_t *import_json(const struct store_pay_import *i)
{
    return json_pack(
        "{s:I, s:s, s:s, s:s, s:s, s:s, s:I, s:I, s:I, s:I, "
        "s:I}",
        "id", (json_int_t)i->id, "file_hash", i->file_hash, "file_name",
        i->file_name, "format", i->format, "imported_by", i->imported_by,
        "imported_at", i->imported_at, "rows", (json_int_t)i->rows, "paid",
        (json_int_t)i->paid, "unpaid", (json_int_t)i->unpaid, "amount_paid",
        (json_int_t)i->amount_paid, "mismatches", (json_int_t)i->mismatches);
}

static json_t *mismatches_json(struct db *db, int64_t import_id, int *rc)
{
    struct store_pay_mismatches ms;
    json_t *a = json_array();
    size_t i;

    *rc = store_payroll_mismatches(db, import_id, &ms);
    for (i = 0; *rc == DB_OK && i < ms.count; i++) {
        const struct store_pay_mismatch *m = &ms.items[i];
        json_t *o = json_object();

        json_object_set_new(o, "row", json_integer(m->row_no));
        json_object_set_new(o, "kind", json_string(m->kind));
        json_object_set_new(o, "ref", json_string(m->ref));
        json_object_set_new(
            o, "expected",
            m->expected == INT64_MIN ? json_null() : json_integer(m->expected));
        json_object_set_new(o, "found",
                            m->found == INT64_MIN ? json_null()
                                                  : json_integer(m->found));
        json_object_set_new(o, "detail", json_string(m->detail));
        json_array_append_new(a, o);
    }
    store_pay_mismatches_free(&ms);
    return a;
}

int app_payroll_reconcile(struct db *db, const struct app_user *user,
                          int64_t id, const char *data, size_t len, int format,
                          const char *file_name, json_t **out,
                          struct app_pay_err *err)
{
    return app_payroll_reconcile_ex(db, user, id, data, len, format, file_name,
                                    NULL, out, err);
}

int app_payroll_reconcile_ex(struct db *db, const struct app_user *user,
                             int64_t id, const char *data, size_t len,
                             int format, const char *file_name,
                             const struct app_progress *p, json_t **out,
                             struct app_pay_err *err)
{
    struct recon c;
    int rc, mrc = DB_OK;

    *out = NULL;
    memset(err, 0, sizeof *err);
    if (len > APP_PAY_UPLOAD_MAX)
        return pay_fail(err, APP_PAY_ETOOBIG, "too_large", NULL,
                        "Tệp kết quả quá lớn (tối đa %u MiB).",
                        APP_PAY_UPLOAD_MAX / (1024u * 1024u));
    if (sodium_init() < 0)
        return pay_fail(err, APP_PAY_EINTERNAL, "internal", NULL,
                        "Không khởi động được libsodium.");
    memset(&c, 0, sizeof c);
    c.user = user;
    c.id = id;
    c.data = data;
    c.len = len;
    c.format = format;
    c.file_name = file_name;
    c.err = err;
    c.progress = p;
    c.reported = -1;
    rc = parse_file(data, len, format, &c.rows, &c.nrows, err);
    if (rc == APP_PAY_OK)
        report(&c, 0);
    if (rc == APP_PAY_OK)
        rc = db_transact(db, recon_tx, &c);
    if (rc < 0 && rc > -100 && err->code[0] == '\0')
        rc = pay_store_fail(db, err, rc);
    if (rc == APP_PAY_OK) {
        *out = json_object();
        json_object_set_new(*out, "import", import_json(&c.imp));
        json_object_set_new(*out, "repeated", json_boolean(c.repeated));
        json_object_set_new(*out, "tasks", json_integer(c.tasks));
        json_object_set_new(*out, "state", json_string(c.state));
        json_object_set_new(*out, "mismatches",
                            mismatches_json(db, c.imp.id, &mrc));
        if (mrc != DB_OK) {
            json_decref(*out);
            *out = NULL;
            rc = pay_store_fail(db, err, mrc);
        }
    }
    if (rc == APP_PAY_OK)
        report(&c, (int64_t)c.nrows);
    free(c.rows);
    free(c.lines);
    return rc;
}

int app_payroll_reconciliation(struct db *db, const struct app_user *user,
                               int64_t id, json_t **out,
                               struct app_pay_err *err)
{
    struct store_payroll p;
    struct store_pay_imports l;
    json_t *items;
    size_t i;
    int rc;

    *out = NULL;
    rc = pay_load(db, user, id, &p, err);
    if (rc != APP_PAY_OK)
        return rc;
    rc = store_payroll_imports(db, id, &l);
    if (rc != DB_OK)
        return pay_store_fail(db, err, rc);
    items = json_array();
    for (i = 0; i < l.count && rc == DB_OK; i++) {
        json_t *o = import_json(&l.items[i]);

        json_object_set_new(o, "mismatches",
                            mismatches_json(db, l.items[i].id, &rc));
        json_array_append_new(items, o);
    }
    store_pay_imports_free(&l);
    if (rc != DB_OK) {
        json_decref(items);
        return pay_store_fail(db, err, rc);
    }
    *out = json_object();
    json_object_set_new(*out, "payroll", pay_payroll_json(&p));
    json_object_set_new(*out, "imports", items);
    return APP_PAY_OK;
}
