/* workdays.c: working days from rules and the official schedule (see
 * workdays.h).
 *
 * A calendar is one sorted array of entries (holidays, days off, worked
 * weekend days) for 2021..2199: the data rows, plus the rule-made entries of
 * every year without data, all computed when the calendar is built (a few
 * thousand entries), so queries are binary searches and never touch the
 * lunar calendar; a calendar never changes after it is built.
 */
#include "core/workdays.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/lunar.h"
#include "core/text.h"
#include "util/csv.h"
#include "util/xalloc.h"

/* Caps on the schedule file: about 20 rows a year are real. */
#define WD_MAX_ROWS    10000
#define WD_MAX_FIELD   1024
#define WD_NAME_CHARS  160
#define WD_BASIS_CHARS 300
#define WD_NYEARS      (WORKDAYS_LAST_YEAR - WORKDAYS_FIRST_YEAR + 1)

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const header[] = {"date", "kind", "name", "basis"};

/* Bases of the rule-made entries. */
static const char basis_law[] =
    "Bộ luật Lao động 2019, Điều 112 khoản 1 (theo quy tắc: chưa có lịch "
    "nghỉ chính thức của năm)";
static const char basis_pm[] =
    "Bộ luật Lao động 2019, Điều 112 khoản 1, 3: ngày cụ thể do Thủ tướng "
    "quyết định hằng năm; đây là ước tính theo quy tắc, chưa có lịch nghỉ "
    "chính thức của năm";
static const char basis_comp[] =
    "Bộ luật Lao động 2019, Điều 111 khoản 3 (theo quy tắc: chưa có lịch "
    "nghỉ chính thức của năm)";

struct workdays_calendar {
    struct workdays_entry *e; /* sorted by date */
    int64_t *day;             /* date_to_days(e[i].date) */
    size_t n;
    char **pool; /* strings owned by the calendar (data names and bases) */
    size_t npool;
    unsigned char has_data[WD_NYEARS];
};

/* An entry while building: its day number, whether it is data (data wins
 * over a rule-made entry on the same day) and its line. */
struct item {
    int64_t day;
    int data;
    size_t line;
    struct workdays_entry e;
};

struct items {
    struct item *v;
    size_t n, cap;
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

static struct item *push(struct items *a)
{
    if (a->n == a->cap) {
        a->cap = a->cap ? a->cap * 2 : 1024;
        a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
    }
    memset(&a->v[a->n], 0, sizeof(a->v[0]));
    return &a->v[a->n++];
}

/* ISO weekday (1 = Monday) of a day number; 1970-01-01 was a Thursday. */
static int weekday_of(int64_t day)
{
    return (int)(((day % 7) + 7 + 3) % 7) + 1;
}

static int is_weekend(int64_t day)
{
    return weekday_of(day) >= 6;
}

static int64_t days_of(int y, int m, int d)
{
    struct date x = {y, m, d};
    return date_to_days(x);
}

/* WORKDAYS_OK for a real day of 2021..2199. */
static int check_date(struct date d)
{
    if (d.m < 1 || d.m > 12 || d.d < 1 || d.d > date_days_in_month(d.y, d.m))
        return WORKDAYS_EINVAL;
    if (d.y < WORKDAYS_FIRST_YEAR || d.y > WORKDAYS_LAST_YEAR)
        return WORKDAYS_ERANGE;
    return WORKDAYS_OK;
}

/* --- Parsing the schedule ------------------------------------------------ */

struct parse {
    const char *name;
    struct csv_reader *csv;
    const struct csv_field *f;
    size_t nf;
    char *err;
    size_t errlen;
    struct workdays_calendar *cal; /* receives the owned strings */
    size_t pool_cap;
};

static int row_err(struct parse *p, int rc, const char *field, const char *what)
{
    set_err(p->err, p->errlen, "%s, dòng %zu, cột %s: %s", p->name,
            csv_line(p->csv), field, what);
    return rc;
}

static void own(struct parse *p, char *s)
{
    struct workdays_calendar *cal = p->cal;

    if (cal->npool == p->pool_cap) {
        p->pool_cap = p->pool_cap ? p->pool_cap * 2 : 64;
        cal->pool = xreallocarray(cal->pool, p->pool_cap, sizeof(char *));
    }
    cal->pool[cal->npool++] = s;
}

/* Field i is required Vietnamese text of at most max_chars characters:
 * cleaned (core/text.h) into *out, owned by the calendar. */
static int get_text(struct parse *p, size_t i, size_t max_chars,
                    const char **out)
{
    char *clean = NULL;
    size_t len = 0;
    int rc;

    rc = text_clean(p->f[i].ptr, p->f[i].len, max_chars,
                    TEXT_TRIM | TEXT_REQUIRED, &clean, &len);
    if (rc == TEXT_EEMPTY)
        return row_err(p, WORKDAYS_EFORMAT, header[i], "thiếu giá trị");
    if (rc != TEXT_OK)
        return row_err(p, WORKDAYS_EFORMAT, header[i], text_strerror(rc));
    own(p, clean);
    *out = clean;
    return WORKDAYS_OK;
}

static int get_kind(struct parse *p, int *why)
{
    const struct csv_field *f = &p->f[1];

    if (csv_field_eq(f, "holiday"))
        *why = WORKDAYS_HOLIDAY;
    else if (csv_field_eq(f, "day_off"))
        *why = WORKDAYS_DAY_OFF;
    else if (csv_field_eq(f, "workday"))
        *why = WORKDAYS_WORKED;
    else
        return row_err(p, WORKDAYS_EFORMAT, header[1],
                       "loại không hợp lệ (cần holiday, day_off hoặc "
                       "workday)");
    return WORKDAYS_OK;
}

static int parse_row(struct parse *p, struct item *it)
{
    struct date d;
    int rc;

    it->line = csv_line(p->csv);
    it->data = 1;
    rc = date_parse_iso(p->f[0].ptr, p->f[0].len, &d);
    if (rc == DATE_EFORMAT)
        return row_err(p, WORKDAYS_EFORMAT, header[0],
                       "ngày phải có dạng YYYY-MM-DD");
    if (rc != DATE_OK)
        return row_err(p, WORKDAYS_EFORMAT, header[0], "không có ngày này");
    if (d.y < WORKDAYS_FIRST_YEAR || d.y > WORKDAYS_LAST_YEAR)
        return row_err(p, WORKDAYS_EFORMAT, header[0],
                       "năm ngoài phạm vi 2021..2199");
    it->e.date = d;
    it->day = date_to_days(d);
    rc = get_kind(p, &it->e.why);
    if (rc == WORKDAYS_OK && it->e.why == WORKDAYS_DAY_OFF &&
        is_weekend(it->day))
        rc = row_err(p, WORKDAYS_ECONFLICT, header[1],
                     "ngày nghỉ bù, hoán đổi (day_off) phải là ngày từ thứ "
                     "Hai đến thứ Sáu");
    if (rc == WORKDAYS_OK && it->e.why == WORKDAYS_WORKED &&
        !is_weekend(it->day))
        rc = row_err(p, WORKDAYS_ECONFLICT, header[1],
                     "ngày làm bù (workday) phải là thứ Bảy hoặc Chủ nhật");
    if (rc == WORKDAYS_OK)
        rc = get_text(p, 2, WD_NAME_CHARS, &it->e.name);
    if (rc == WORKDAYS_OK)
        rc = get_text(p, 3, WD_BASIS_CHARS, &it->e.basis);
    return rc;
}

static int header_ok(const struct parse *p)
{
    size_t i;

    if (p->nf != NELEM(header))
        return 0;
    for (i = 0; i < NELEM(header); i++)
        if (!csv_field_eq(&p->f[i], header[i]))
            return 0;
    return 1;
}

/* Read every row of the schedule into a. */
static int parse_csv(struct parse *p, const char *data, size_t len,
                     struct items *a)
{
    struct csv_options opt = {.max_fields = 8,
                              .max_field_len = WD_MAX_FIELD,
                              .max_rows = WD_MAX_ROWS + 1};
    int rc;

    if (csv_reader_new(data, len, &opt, &p->csv) != CSV_OK) {
        set_err(p->err, p->errlen, "%s: không đọc được CSV", p->name);
        return WORKDAYS_EINVAL;
    }
    rc = csv_next(p->csv, &p->f, &p->nf);
    if (rc == CSV_DONE) {
        set_err(p->err, p->errlen, "%s: tệp rỗng", p->name);
        return WORKDAYS_EFORMAT;
    }
    if (rc != CSV_ROW)
        goto csv_error;
    if (!header_ok(p)) {
        set_err(p->err, p->errlen,
                "%s, dòng 1: tiêu đề phải là date,kind,name,basis", p->name);
        return WORKDAYS_EFORMAT;
    }
    while ((rc = csv_next(p->csv, &p->f, &p->nf)) == CSV_ROW) {
        if (p->nf != NELEM(header)) {
            set_err(p->err, p->errlen, "%s, dòng %zu: có %zu cột, cần %zu",
                    p->name, csv_line(p->csv), p->nf, NELEM(header));
            return WORKDAYS_EFORMAT;
        }
        rc = parse_row(p, push(a));
        if (rc != WORKDAYS_OK)
            return rc;
    }
    if (rc == CSV_DONE)
        return WORKDAYS_OK;
csv_error:
    set_err(p->err, p->errlen, "%s: %s", p->name, csv_errmsg(p->csv));
    return WORKDAYS_EFORMAT;
}

static int cmp_item(const void *pa, const void *pb)
{
    const struct item *a = pa, *b = pb;

    if (a->day != b->day)
        return a->day < b->day ? -1 : 1;
    if (a->data != b->data)
        return a->data ? -1 : 1; /* data first: it wins */
    return a->line < b->line ? -1 : (a->line > b->line);
}

/* The holiday days a year block must hold (Labour Code 2019 Art. 112(1)):
 * the fixed dates and the lunar ones, computed. */
static int check_year_complete(const char *name, int y, const struct items *a,
                               char *err, size_t errlen)
{
    struct required {
        const char *what;
        struct date d;
    } req[6];
    struct lunar_date hung = {y, 3, 10, 0};
    size_t i, k;
    char iso[11];

    req[0].what = "Tết Dương lịch";
    req[0].d = (struct date){y, 1, 1};
    req[1].what = "mùng 1 Tết Nguyên đán";
    if (lunar_new_year(y, &req[1].d) != LUNAR_OK)
        return WORKDAYS_ERANGE;
    req[2].what = "Giỗ Tổ Hùng Vương";
    if (lunar_to_solar(hung, &req[2].d) != LUNAR_OK)
        return WORKDAYS_ERANGE;
    req[3].what = "Ngày Chiến thắng";
    req[3].d = (struct date){y, 4, 30};
    req[4].what = "Ngày Quốc tế Lao động";
    req[4].d = (struct date){y, 5, 1};
    req[5].what = "Quốc khánh";
    req[5].d = (struct date){y, 9, 2};
    for (k = 0; k < NELEM(req); k++) {
        int64_t day = date_to_days(req[k].d);
        int found = 0;

        for (i = 0; i < a->n && !found; i++)
            found = a->v[i].day == day && a->v[i].e.why == WORKDAYS_HOLIDAY;
        if (!found) {
            date_format_iso(req[k].d, iso);
            set_err(err, errlen,
                    "%s: năm %d có lịch nghỉ nhưng thiếu ngày lễ %s (%s, "
                    "loại holiday)",
                    name, y, req[k].what, iso);
            return WORKDAYS_ECONFLICT;
        }
    }
    return WORKDAYS_OK;
}

/* --- Rule-made years --------------------------------------------------- */

/* One rule-made holiday and the name of its compensatory day. */
struct rule_day {
    int64_t day;
    const char *name;
    const char *comp;
    const char *basis;
};

static void add_rule(struct rule_day *r, size_t *n, int64_t day,
                     const char *name, const char *comp, const char *basis)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (r[i].day == day)
            return; /* two holidays on one day are one day off */
    r[*n].day = day;
    r[*n].name = name;
    r[*n].comp = comp;
    r[*n].basis = basis;
    (*n)++;
}

static int cmp_rule_day(const void *pa, const void *pb)
{
    const struct rule_day *a = pa, *b = pb;

    return a->day < b->day ? -1 : (a->day > b->day);
}

/* The adjacent day of 2/9 by the weekday of 2/9 (index 1 = Monday): the
 * government's choice in each year 2021..2026 (Thu: 3/9, Fri: 1/9, Sat:
 * 1/9, Mon: 3/9, Tue: 1/9, Wed: 1/9); Sunday takes 3/9. */
static int national_day_offset(int wd)
{
    static const int off[8] = {0, +1, -1, -1, +1, -1, -1, +1};

    return off[wd];
}

/* Add the rule-made entries of year y: holidays of Art. 112(1) and a
 * compensatory day for each one on a weekend (Art. 111(3)). */
static void rules_for_year(int y, struct items *a)
{
    static const char *const tet_name[5] = {
        "Tết Nguyên đán (ngày cuối năm âm lịch)", "Tết Nguyên đán (mùng 1)",
        "Tết Nguyên đán (mùng 2)", "Tết Nguyên đán (mùng 3)",
        "Tết Nguyên đán (mùng 4)"};
    static const char *const tet_comp[5] = {
        "Nghỉ bù Tết Nguyên đán (ngày cuối năm âm lịch)",
        "Nghỉ bù Tết Nguyên đán (mùng 1)", "Nghỉ bù Tết Nguyên đán (mùng 2)",
        "Nghỉ bù Tết Nguyên đán (mùng 3)", "Nghỉ bù Tết Nguyên đán (mùng 4)"};
    struct rule_day r[16], comp[16];
    struct lunar_date hung = {y, 3, 10, 0};
    struct date tet, hd;
    size_t n = 0, nc = 0, i, k;
    int64_t sep2 = days_of(y, 9, 2);
    int j;

    add_rule(r, &n, days_of(y, 1, 1), "Tết Dương lịch",
             "Nghỉ bù Tết Dương lịch", basis_law);
    if (lunar_new_year(y, &tet) == LUNAR_OK)
        for (j = 0; j < 5; j++)
            add_rule(r, &n, date_to_days(tet) - 1 + j, tet_name[j], tet_comp[j],
                     basis_pm);
    if (lunar_to_solar(hung, &hd) == LUNAR_OK)
        add_rule(r, &n, date_to_days(hd), "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
                 "Nghỉ bù Giỗ Tổ Hùng Vương", basis_law);
    add_rule(r, &n, days_of(y, 4, 30), "Ngày Chiến thắng (30/4)",
             "Nghỉ bù Ngày Chiến thắng (30/4)", basis_law);
    add_rule(r, &n, days_of(y, 5, 1), "Ngày Quốc tế Lao động (1/5)",
             "Nghỉ bù Ngày Quốc tế Lao động (1/5)", basis_law);
    add_rule(r, &n, sep2, "Quốc khánh (2/9)", "Nghỉ bù Quốc khánh (2/9)",
             basis_law);
    add_rule(r, &n, sep2 + national_day_offset(weekday_of(sep2)),
             "Quốc khánh (ngày liền kề 2/9)",
             "Nghỉ bù Quốc khánh (ngày liền kề 2/9)", basis_pm);
    qsort(r, n, sizeof(r[0]), cmp_rule_day);

    for (i = 0; i < n; i++) {
        int64_t d = r[i].day + 1;
        int taken = 1;

        if (!is_weekend(r[i].day))
            continue;
        while (taken) {
            taken = is_weekend(d);
            for (k = 0; k < n && !taken; k++)
                taken = r[k].day == d;
            for (k = 0; k < nc && !taken; k++)
                taken = comp[k].day == d;
            if (taken)
                d++;
        }
        comp[nc].day = d;
        comp[nc].name = r[i].comp;
        comp[nc].comp = NULL;
        comp[nc].basis = basis_comp;
        nc++;
    }
    for (i = 0; i < n + nc; i++) {
        const struct rule_day *s = i < n ? &r[i] : &comp[i - n];
        struct item *it = push(a);

        it->day = s->day;
        it->e.date = date_from_days(s->day);
        it->e.why = i < n ? WORKDAYS_HOLIDAY : WORKDAYS_DAY_OFF;
        it->e.estimated = 1;
        it->e.name = s->name;
        it->e.basis = s->basis;
    }
}

/* --- Building ------------------------------------------------------------ */

/* Sort, refuse data duplicates, drop rule entries under data entries and
 * move the result into cal. */
static int finish(struct workdays_calendar *cal, struct items *a,
                  const char *name, char *err, size_t errlen)
{
    size_t i, n = 0;

    qsort(a->v, a->n, sizeof(a->v[0]), cmp_item);
    for (i = 1; i < a->n; i++) {
        const struct item *x = &a->v[i - 1], *y = &a->v[i];
        char iso[11];

        if (x->day == y->day && x->data && y->data) {
            date_format_iso(y->e.date, iso);
            set_err(err, errlen, "%s, dòng %zu: ngày %s đã có ở dòng %zu", name,
                    y->line, iso, x->line);
            return WORKDAYS_ECONFLICT;
        }
    }
    cal->e = xreallocarray(NULL, a->n ? a->n : 1, sizeof(cal->e[0]));
    cal->day = xreallocarray(NULL, a->n ? a->n : 1, sizeof(cal->day[0]));
    for (i = 0; i < a->n; i++) {
        if (n > 0 && cal->day[n - 1] == a->v[i].day)
            continue; /* a rule-made entry under a data entry */
        cal->e[n] = a->v[i].e;
        cal->day[n] = a->v[i].day;
        n++;
    }
    cal->n = n;
    return WORKDAYS_OK;
}

int workdays_calendar_new(const char *name, const char *data, size_t len,
                          struct workdays_calendar **out, char *err,
                          size_t errlen)
{
    struct workdays_calendar *cal = NULL;
    struct items a = {NULL, 0, 0};
    struct parse p;
    size_t i;
    int rc = WORKDAYS_OK, y;

    if (err != NULL && errlen > 0)
        err[0] = '\0';
    if (out == NULL) {
        set_err(err, errlen, "thiếu tham số");
        return WORKDAYS_EINVAL;
    }
    *out = NULL;
    if (name == NULL)
        name = WORKDAYS_DATA_FILE;
    cal = xcalloc(1, sizeof(*cal));
    memset(&p, 0, sizeof(p));
    p.name = name;
    p.err = err;
    p.errlen = errlen;
    p.cal = cal;
    if (data != NULL) {
        rc = parse_csv(&p, data, len, &a);
        if (rc != WORKDAYS_OK)
            goto fail;
    }
    for (i = 0; i < a.n; i++)
        if (a.v[i].e.why == WORKDAYS_HOLIDAY)
            cal->has_data[a.v[i].e.date.y - WORKDAYS_FIRST_YEAR] = 1;
    for (y = WORKDAYS_FIRST_YEAR; y <= WORKDAYS_LAST_YEAR; y++) {
        if (!cal->has_data[y - WORKDAYS_FIRST_YEAR])
            continue;
        rc = check_year_complete(name, y, &a, err, errlen);
        if (rc != WORKDAYS_OK)
            goto fail;
    }
    for (y = WORKDAYS_FIRST_YEAR; y <= WORKDAYS_LAST_YEAR; y++)
        if (!cal->has_data[y - WORKDAYS_FIRST_YEAR])
            rules_for_year(y, &a);
    rc = finish(cal, &a, name, err, errlen);
    if (rc != WORKDAYS_OK)
        goto fail;
    csv_reader_free(p.csv);
    free(a.v);
    *out = cal;
    return WORKDAYS_OK;
fail:
    csv_reader_free(p.csv);
    free(a.v);
    workdays_calendar_free(cal);
    return rc;
}

void workdays_calendar_free(struct workdays_calendar *cal)
{
    size_t i;

    if (cal == NULL)
        return;
    for (i = 0; i < cal->npool; i++)
        free(cal->pool[i]);
    free(cal->pool);
    free(cal->e);
    free(cal->day);
    free(cal);
}

/* --- Queries --------------------------------------------------------- */

/* Index of the first entry on or after day. */
static size_t lower_bound(const struct workdays_calendar *cal, int64_t day)
{
    size_t lo = 0, hi = cal->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->day[mid] < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* 1 if day is a working day; *idx is the first entry not before day and
 * moves forward with it (queries walking forward stay linear). */
static int working_at(const struct workdays_calendar *cal, int64_t day,
                      size_t *idx)
{
    while (*idx < cal->n && cal->day[*idx] < day)
        (*idx)++;
    if (*idx < cal->n && cal->day[*idx] == day)
        return cal->e[*idx].why == WORKDAYS_WORKED;
    return !is_weekend(day);
}

int workdays_has_data(const struct workdays_calendar *cal, int year)
{
    if (cal == NULL || year < WORKDAYS_FIRST_YEAR || year > WORKDAYS_LAST_YEAR)
        return 0;
    return cal->has_data[year - WORKDAYS_FIRST_YEAR];
}

int workdays_day(const struct workdays_calendar *cal, struct date d,
                 struct workdays_day *out)
{
    int64_t day;
    size_t i;
    int rc;

    if (cal == NULL || out == NULL)
        return WORKDAYS_EINVAL;
    rc = check_date(d);
    if (rc != WORKDAYS_OK)
        return rc;
    day = date_to_days(d);
    i = lower_bound(cal, day);
    if (i < cal->n && cal->day[i] == day) {
        const struct workdays_entry *e = &cal->e[i];

        out->working = e->why == WORKDAYS_WORKED;
        out->why = e->why;
        out->estimated = e->estimated;
        out->name = e->name;
        out->basis = e->basis;
        return WORKDAYS_OK;
    }
    out->working = !is_weekend(day);
    out->why = out->working ? WORKDAYS_WORKING : WORKDAYS_WEEKEND;
    out->estimated = 0;
    out->name =
        out->working ? "" : (weekday_of(day) == 6 ? "Thứ Bảy" : "Chủ nhật");
    out->basis = "";
    return WORKDAYS_OK;
}

int workdays_is_working(const struct workdays_calendar *cal, struct date d)
{
    struct workdays_day info;
    int rc = workdays_day(cal, d, &info);

    return rc == WORKDAYS_OK ? info.working : rc;
}

int workdays_add(const struct workdays_calendar *cal, struct date start, int n,
                 struct date *out)
{
    int64_t day, last = days_of(WORKDAYS_LAST_YEAR, 12, 31);
    size_t idx;
    int rc, count = 0;

    if (cal == NULL || out == NULL || n < 0)
        return WORKDAYS_EINVAL;
    rc = check_date(start);
    if (rc != WORKDAYS_OK)
        return rc;
    day = date_to_days(start);
    idx = lower_bound(cal, day);
    while (count < n) {
        day++;
        if (day > last)
            return WORKDAYS_ERANGE;
        count += working_at(cal, day, &idx);
    }
    *out = date_from_days(day);
    return WORKDAYS_OK;
}

/* Monday..Friday days in [lo, hi] (0 if hi < lo). */
static int64_t weekdays_in(int64_t lo, int64_t hi)
{
    int64_t n, count, d;

    if (hi < lo)
        return 0;
    n = hi - lo + 1;
    count = n / 7 * 5;
    for (d = lo + n / 7 * 7; d <= hi; d++)
        count += !is_weekend(d);
    return count;
}

int workdays_between(const struct workdays_calendar *cal, struct date a,
                     struct date b, int *out)
{
    int64_t da, db, lo, hi, count;
    size_t i;
    int rc;

    if (cal == NULL || out == NULL)
        return WORKDAYS_EINVAL;
    rc = check_date(a);
    if (rc == WORKDAYS_OK)
        rc = check_date(b);
    if (rc != WORKDAYS_OK)
        return rc;
    da = date_to_days(a);
    db = date_to_days(b);
    lo = (da < db ? da : db) + 1;
    hi = da < db ? db : da;
    /* weekdays, corrected by the entries in the range */
    count = weekdays_in(lo, hi);
    for (i = lower_bound(cal, lo); i < cal->n && cal->day[i] <= hi; i++)
        count += (cal->e[i].why == WORKDAYS_WORKED) - !is_weekend(cal->day[i]);
    *out = (int)(db < da ? -count : count);
    return WORKDAYS_OK;
}

int workdays_next(const struct workdays_calendar *cal, struct date d,
                  struct date *out)
{
    int64_t day, last = days_of(WORKDAYS_LAST_YEAR, 12, 31);
    size_t idx;
    int rc;

    if (cal == NULL || out == NULL)
        return WORKDAYS_EINVAL;
    rc = check_date(d);
    if (rc != WORKDAYS_OK)
        return rc;
    day = date_to_days(d);
    idx = lower_bound(cal, day);
    while (!working_at(cal, day, &idx)) {
        day++;
        if (day > last)
            return WORKDAYS_ERANGE;
    }
    *out = date_from_days(day);
    return WORKDAYS_OK;
}

int workdays_entries(const struct workdays_calendar *cal, struct date from,
                     struct date to, const struct workdays_entry **out,
                     size_t *n)
{
    int64_t lo, hi;
    size_t i, j;

    if (cal == NULL || out == NULL || n == NULL)
        return WORKDAYS_EINVAL;
    if (check_date(from) == WORKDAYS_EINVAL ||
        check_date(to) == WORKDAYS_EINVAL || date_cmp(to, from) < 0)
        return WORKDAYS_EINVAL;
    lo = date_to_days(from);
    hi = date_to_days(to);
    i = lower_bound(cal, lo);
    j = lower_bound(cal, hi + 1);
    *out = cal->e + i;
    *n = j - i;
    return WORKDAYS_OK;
}

const char *workdays_why_label(int why)
{
    switch (why) {
    case WORKDAYS_WORKING:
        return "ngày làm việc";
    case WORKDAYS_WORKED:
        return "ngày làm bù";
    case WORKDAYS_WEEKEND:
        return "ngày nghỉ hằng tuần";
    case WORKDAYS_HOLIDAY:
        return "ngày lễ, Tết";
    case WORKDAYS_DAY_OFF:
        return "ngày nghỉ bù, hoán đổi";
    default:
        return "";
    }
}

const char *workdays_strerror(int rc)
{
    switch (rc) {
    case WORKDAYS_OK:
        return "thành công";
    case WORKDAYS_EFORMAT:
        return "lịch nghỉ sai định dạng";
    case WORKDAYS_ECONFLICT:
        return "lịch nghỉ mâu thuẫn hoặc thiếu ngày";
    case WORKDAYS_ERANGE:
        return "ngày ngoài phạm vi 2021..2199";
    case WORKDAYS_EINVAL:
        return "tham số không hợp lệ";
    default:
        return "lỗi không xác định";
    }
}
