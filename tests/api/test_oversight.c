/* test_oversight.c: the oversight document (docs/oversight.md; RULES.md
 * §7.2, §11) on the real binary, both engines: its figures to the person
 * and the đồng, derived here independently, and its XLSX, PDF and print
 * page.
 *
 * The fixture, on 31/08/2026 (half-year from 01/07, year from 01/01; the
 * twelve months 09/2025..08/2026, all on the tree after the reform):
 *   An (K6) and Bông (K1b) in Phường Phủ Lý 13285, whose payrolls of
 *   07/2026 (approved, sent, reconciled: Bông unpaid) and 08/2026
 *   (approved only) are made through the use cases; Cúc (K5a) in Phường
 *   Phù Vân 13291, moved to Phường Châu Sơn 13318 on 01/01/2026: two
 *   communes no payroll covered, so the per-commune reads see her twice
 *   and she must count once a month; Em (K5a) enrolled in 13318 on
 *   15/02/2026 (paid from 03/2026: enrolled on the month's first day);
 *   Đông (K6) in Hà Nội 00004 (the country only). 13318's payroll of
 *   06/2026 is only prepared: it covers nothing.
 * Money expected: the payroll sums from the lines (SQL here) and, where no
 * approved payroll covered the commune, what app_quote_run gives each
 * person paid there. Dossiers and complaints are written with SQL on dates
 * whose working days are counted by hand (no holiday in March or July
 * 2026): medians 6.5 (half-year) and 8 (year).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "api_steps.h"
#include "app/auth.h"
#include "app/payroll.h"
#include "app/quote.h"
#include "formats/xlsx_read.h"
#include "pdf_text.h"
#include "store/db.h"
#include "store/store_users.h"

#define PASSWORD "mật-khẩu-giám-sát-1"
#define TODAY    "2026-08-31"

static struct steps st;

enum { ADMIN, SUPER, PROV, OFF, OFF2, CHAIR, OFF18, PAYER, SUP37, NUSERS };

static struct steps_user users[NUSERS] = {
    [ADMIN] = {"quantri", "admin", "", {{0}}},
    [SUPER] = {"giamsat", "supervisor", "", {{0}}},
    [PROV] = {"tinh37", "province_officer", "37", {{0}}},
    [OFF] = {"xa13285", "commune_officer", "13285", {{0}}},
    [OFF2] = {"xa13285b", "commune_officer", "13285", {{0}}},
    [CHAIR] = {"ct13285", "commune_chairman", "13285", {{0}}},
    [OFF18] = {"xa13318", "commune_officer", "13318", {{0}}},
    [PAYER] = {"buudien", "provider", "37", {{0}}},
    [SUP37] = {"giamsat37", "supervisor", "37", {{0}}},
};

#define S(u) (&users[u].s)

enum { AN, BONG, CUC, EM, DONG, NPEOPLE };

static const struct {
    const char *name, *birth, *cat, *unit, *since;
} people[NPEOPLE] = {
    [AN] = {"Đặng Văn Ấn", "1980-04-04", "K6", "13285", "2025-07-01"},
    [BONG] = {"Bùi Bé Bông", "2018-08-08", "K1b", "13285", "2025-07-01"},
    [CUC] = {"Ngô Thị Cúc", "1950-05-05", "K5a", "13291", "2025-07-01"},
    [EM] = {"Lý Thị Ém", "1955-03-03", "K5a", "13318", "2026-02-15"},
    [DONG] = {"Hà Văn Đông", "1975-06-06", "K6", "00004", "2025-07-01"},
};

static int64_t ids[NPEOPLE];

/* Cúc's second commune, from 2026-01-01. */
#define CUC_MOVED_ON "2026-01-01"
#define CUC_NEW      "13318"

/* --- The fixture -------------------------------------------------------- */

static struct app_user user_of(int u)
{
    struct store_user su;
    struct app_user a;

    assert_int_equal(store_users_find(st.db, users[u].user, &su), DB_OK);
    memset(&a, 0, sizeof a);
    a.id = su.id;
    snprintf(a.username, sizeof a.username, "%s", su.username);
    snprintf(a.role, sizeof a.role, "%s", su.role);
    snprintf(a.area_code, sizeof a.area_code, "%s", su.area_code);
    return a;
}

static void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void sql(const char *fmt, ...)
{
    char text[2048];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (db_exec_script(st.db, text) != DB_OK)
        fail_msg("%s: %s", text, db_errmsg(st.db));
}

/* The provider's result file for provider file csv: every row paid on
 * day but those naming `unpaid`. */
static char *results_of(const char *csv, const char *day, const char *unpaid)
{
    size_t cap = strlen(csv) * 2 + 256, o = 0;
    char *out = malloc(cap), row[2048];
    const char *p = csv, *end;
    int header = 1;

    assert_non_null(out);
    while (*p != '\0') {
        size_t len;
        int paid;

        end = strstr(p, "\r\n");
        len = end ? (size_t)(end - p) : strlen(p);
        assert_true(len < sizeof row);
        memcpy(row, p, len);
        row[len] = '\0';
        p = end ? end + 2 : p + len;
        if (header) {
            o += (size_t)snprintf(out + o, cap - o, "%s\r\n", row);
            header = 0;
            continue;
        }
        if (len == 0)
            continue;
        paid = strstr(row, unpaid) == NULL;
        assert_true(len >= 2 && row[len - 2] == ',' && row[len - 1] == ',');
        row[len - 2] = '\0';
        o += (size_t)snprintf(out + o, cap - o, "%s,%s,%s\r\n", row,
                              paid ? "Đã chi" : "Chưa chi", paid ? day : "");
    }
    out[o] = '\0';
    return out;
}

/* A payroll of 13285 through the use cases: prepared on `on` without
 * arrears, checked and approved; sent and reconciled (Bông unpaid) when
 * paid_on is not NULL. */
static void payroll(const char *month, const char *on, const char *paid_on)
{
    struct app_user prep = user_of(OFF), chk = user_of(OFF2),
                    chair = user_of(CHAIR), payer = user_of(PAYER);
    struct app_pay_summary s;
    struct app_pay_err err;
    char *csv = NULL, *res;
    size_t len = 0;
    json_t *out = NULL;

    setenv("ANSINH_TODAY", on, 1);
    if (app_payroll_prepare(st.db, &prep, "13285", month, on, 0, &s, &err) !=
            0 ||
        app_payroll_transition(st.db, &chk, s.id, "check", 0, NULL, &err) !=
            0 ||
        app_payroll_transition(st.db, &chair, s.id, "approve", 0, NULL, &err) !=
            0)
        fail_msg("payroll %s: %s %s", month, err.code, err.message);
    if (paid_on == NULL)
        return;
    setenv("ANSINH_TODAY", paid_on, 1);
    if (app_payroll_transition(st.db, &prep, s.id, "send", 0, NULL, &err) !=
            0 ||
        app_payroll_provider_file(st.db, &payer, s.id, APP_PAY_CSV, &csv, &len,
                                  &err) != 0)
        fail_msg("send %s: %s %s", month, err.code, err.message);
    res = results_of(csv, paid_on, people[BONG].name);
    if (app_payroll_reconcile(st.db, &payer, s.id, res, strlen(res),
                              APP_PAY_CSV, "ket-qua.csv", &out, &err) != 0)
        fail_msg("reconcile %s: %s %s", month, err.code, err.message);
    json_decref(out);
    free(csv);
    free(res);
}

/* A dossier of person who at unit, written directly (the figures read
 * only these columns): state, submitted, closed (NULL: open), stopped
 * working days, a late step, and its one step's deadline. */
static int64_t dossier(int who, const char *unit, const char *state,
                       const char *submitted, const char *closed, int stopped,
                       int late, const char *deadline)
{
    int64_t id;

    sql("INSERT INTO dossiers (person_id, kind, proposed, unit_code,"
        " procedure, submitted_on, state, step, step_seq, step_started_on,"
        " deadline, total_stopped_wd, closed_on, created_at, created_by)"
        " VALUES (%lld, 'adjust', 'adjust', '%s', 'adjust', '%s', '%s',"
        " 'appraise', 1, '%s', '%s', %d, %s%s%s, '%sT08:00:00Z', 'test')",
        (long long)ids[who], unit, submitted, state, submitted, deadline,
        stopped, closed ? "'" : "", closed ? closed : "NULL", closed ? "'" : "",
        submitted);
    id = steps_q(&st, "SELECT max(id) FROM dossiers");
    if (closed)
        sql("INSERT INTO dossier_steps (dossier_id, seq, step, is_public,"
            " started_on, deadline, ended_on, ended_action, ended_by, late)"
            " VALUES (%lld, 1, 'appraise', 0, '%s', '%s', '%s', 'decide',"
            " 'test', %d)",
            (long long)id, submitted, deadline, closed, late);
    else
        sql("INSERT INTO dossier_steps (dossier_id, seq, step, is_public,"
            " started_on, deadline) VALUES (%lld, 1, 'appraise', 0, '%s',"
            " '%s')",
            (long long)id, submitted, deadline);
    return id;
}

static void complaint(int64_t dossier_id, const char *received,
                      const char *deadline, const char *resolved, int late)
{
    if (resolved)
        sql("INSERT INTO complaints (dossier_id, step, complainant, content,"
            " received_on, deadline, received_by, resolved_on, answer,"
            " resolved_by, late, recorded_at) VALUES (%lld, 'appraise',"
            " 'Người khiếu nại', 'Nội dung', '%s', '%s', 'test', '%s',"
            " 'Trả lời', 'test', %d, 'x')",
            (long long)dossier_id, received, deadline, resolved, late);
    else
        sql("INSERT INTO complaints (dossier_id, step, complainant, content,"
            " received_on, deadline, received_by, recorded_at) VALUES"
            " (%lld, 'appraise', 'Người khiếu nại', 'Nội dung', '%s', '%s',"
            " 'test', 'x')",
            (long long)dossier_id, received, deadline);
}

static int group_setup(void **state)
{
    struct app_pay_err err;
    int64_t d1, d4, d5;
    size_t i;

    (void)state;
    if (steps_open(&st, users, NUSERS, PASSWORD) != 0)
        return -1;
    for (i = 0; i < NPEOPLE; i++) {
        setenv("ANSINH_TODAY",
               strcmp(people[i].since, "2026-01-01") < 0 ? "2026-01-15"
                                                         : "2026-02-20",
               1);
        ids[i] = steps_beneficiary(&st, people[i].name, people[i].birth, "F",
                                   people[i].unit, people[i].since,
                                   people[i].cat, people[i].since);
    }
    /* Cúc moves between two communes no payroll covers. */
    sql("UPDATE residences SET valid_to = '%s' WHERE person_id = %lld",
        CUC_MOVED_ON, (long long)ids[CUC]);
    sql("INSERT INTO residences (person_id, unit_code, address, valid_from)"
        " VALUES (%lld, '%s', 'Tổ dân phố 9', '%s')",
        (long long)ids[CUC], CUC_NEW, CUC_MOVED_ON);
    assert_int_equal(app_payroll_fee_set(st.db, "test", "37", "2026-01-01",
                                         "1.5", "Quyết định (thử)", &err),
                     0);
    payroll("2026-07", "2026-06-19", "2026-07-06");
    payroll("2026-08", "2026-07-20", NULL);
    {
        /* Prepared, never approved: covers nothing. */
        struct app_user o = user_of(OFF18);
        struct app_pay_summary s;

        setenv("ANSINH_TODAY", "2026-05-20", 1);
        if (app_payroll_prepare(st.db, &o, "13318", "2026-06", "2026-05-20", 0,
                                &s, &err) != 0)
            fail_msg("13318: %s", err.message);
    }
    /* Dossiers: working days from submission (excluded) to the decision
     * (included), less the stopped ones, counted on a calendar. */
    d1 = dossier(AN, "13285", "decided", "2026-07-06", "2026-07-13", 0, 0,
                 "2026-07-20"); /* 5 */
    dossier(BONG, "13285", "decided", "2026-07-01", "2026-07-15", 2, 0,
            "2026-07-20"); /* 10 - 2 = 8 */
    dossier(EM, "13318", "decided", "2026-03-02", "2026-03-20", 0, 0,
            "2026-03-25"); /* 14, the year only */
    d4 = dossier(CUC, "13291", "refused", "2026-07-10", "2026-07-20", 0, 1,
                 "2026-07-17");
    d5 = dossier(CUC, "13291", "withdrawn", "2026-04-20", "2026-05-05", 0, 0,
                 "2026-05-10");
    dossier(AN, "13285", "open", "2026-08-03", NULL, 0, 0,
            "2026-08-20"); /* overdue on the date */
    dossier(DONG, "00004", "decided", "2026-07-06", "2026-07-08", 0, 0,
            "2026-07-20"); /* 2, the country only */
    complaint(d1, "2026-07-08", "2026-07-22", "2026-07-24", 1);
    complaint(d4, "2026-08-25", "2026-09-08", NULL, 0);
    complaint(d5, "2026-03-02", "2026-03-16", NULL, 0);
    setenv("ANSINH_TODAY", TODAY, 1);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    steps_stop(&st);
    db_close(st.db);
    return 0;
}

/* --- Expected money ---------------------------------------------------- */

static int64_t quoted(int who, const char *month)
{
    struct app_quote_err err;
    char req[256], *out = NULL;
    size_t len = 0;
    json_t *j;
    int64_t total;

    snprintf(req, sizeof req,
             "{\"month\":\"%s\",\"person\":{\"birth_date\":\"%s\"%s},"
             "\"categories\":[\"%s\"]}",
             month, people[who].birth,
             strcmp(people[who].cat, "K6") == 0 ? ",\"disability\":\"severe\""
                                                : "",
             people[who].cat);
    if (app_quote_run(req, strlen(req), &out, &len, &err) != APP_QUOTE_OK)
        fail_msg("quote: %s", err.message);
    j = json_loads(out, 0, NULL);
    total = json_integer_value(json_object_get(j, "total"));
    json_decref(j);
    free(out);
    return total;
}

/* Where who lives on the first day of month ('YYYY-MM'). */
static const char *commune_of(int who, const char *month)
{
    if (who == CUC && strcmp(month, "2026-01") >= 0)
        return CUC_NEW;
    return people[who].unit;
}

static int enrolled_on_first_day(int who, const char *month)
{
    char first[11];

    snprintf(first, sizeof first, "%s-01", month);
    return strcmp(people[who].since, first) <= 0;
}

/* Months an approved payroll covered 13285. */
static int covered(const char *commune, const char *month)
{
    return strcmp(commune, "13285") == 0 &&
           (strcmp(month, "2026-07") == 0 || strcmp(month, "2026-08") == 0);
}

static int in_area(const char *area, const char *commune)
{
    if (area == NULL)
        return 1;
    if (strlen(area) == 5)
        return strcmp(area, commune) == 0;
    /* province 37: the three communes of the fixture in Ninh Bình */
    return strcmp(commune, "00004") != 0;
}

static int64_t sum_lines(const char *area, const char *month, const char *what)
{
    return steps_q(
        &st,
        "SELECT coalesce(sum(l.amount), 0) FROM payroll_lines l JOIN payrolls"
        " p ON p.id = l.payroll_id LEFT JOIN payroll_results r ON r.line_id ="
        " l.id WHERE p.state IN ('approved', 'sent', 'reconciled') AND"
        " CAST(p.month AS TEXT) = '%s-01' AND l.amount > 0 AND l.blocked = 0"
        " %s%s%s AND %s",
        month, area && strlen(area) == 5 ? "AND l.unit_code = '" : "",
        area && strlen(area) == 5 ? area : "",
        area && strlen(area) == 5 ? "'" : "", what);
}

/* The twelve months of money of document j for area (NULL: the country;
 * "37"; a commune code). */
static void expect_money(json_t *j, const char *area)
{
    json_t *months = steps_jget(j, "money.months"), *x;
    int64_t year_comp[2] = {0, 0}, year_pay[2] = {0, 0};
    size_t i;
    int who;

    assert_int_equal(json_array_size(months), 12);
    json_array_foreach(months, i, x)
    {
        const char *m = steps_js(x, "month");
        int64_t want = 0, n = 0, payable, paid, unpaid;
        int pay = 0, comp = 0, anyone = 0;

        for (who = 0; who < NPEOPLE; who++) {
            const char *c = commune_of(who, m);

            if (!enrolled_on_first_day(who, m) || !in_area(area, c))
                continue;
            anyone = 1;
            if (covered(c, m)) {
                pay = 1;
                continue;
            }
            want += quoted(who, m);
            n++;
        }
        comp = n > 0;
        payable = sum_lines(area, m, "1 = 1");
        paid = sum_lines(area, m, "r.paid = 1");
        unpaid = sum_lines(area, m, "r.paid = 0");
        if (pay) {
            json_t *p = steps_jget(x, "payroll");

            assert_true(json_is_object(p));
            assert_true(payable > 0);
            assert_int_equal(json_integer_value(json_object_get(p, "payable")),
                             payable);
            assert_int_equal(json_integer_value(json_object_get(p, "paid")),
                             paid);
            assert_int_equal(json_integer_value(json_object_get(p, "unpaid")),
                             unpaid);
            assert_int_equal(json_integer_value(json_object_get(p, "pending")),
                             payable - paid - unpaid);
            assert_int_equal(
                json_integer_value(json_object_get(p, "recovered")), 0);
            assert_int_equal(json_integer_value(json_object_get(p, "persons")),
                             2);
            /* lookback 0: the lines are the month's allowances, by the
             * law as known when they were prepared (before Decree
             * 335/2026 was signed on 21/08/2026): 500,000 x 1.5 for An
             * (K6, severe) and for Bông (K1b, aged 7) (RULES.md §2.3);
             * August also carries Bông's unpaid July over. */
            assert_int_equal(payable,
                             (strcmp(m, "2026-08") == 0 ? 3 : 2) * 750000);
        } else {
            assert_true(json_is_null(steps_jget(x, "payroll")));
        }
        if (json_integer_value(steps_jget(x, "computed.amount")) != want ||
            json_integer_value(steps_jget(x, "computed.persons")) != n)
            fail_msg(
                "%s %s: computed %lld đồng for %lld persons, want %lld "
                "for %lld",
                area ? area : "VN", m,
                (long long)json_integer_value(steps_jget(x, "computed.amount")),
                (long long)json_integer_value(
                    steps_jget(x, "computed.persons")),
                (long long)want, (long long)n);
        assert_string_equal(steps_js(x, "source"), pay && comp ? "mixed"
                                                   : pay       ? "payroll"
                                                   : comp      ? "computed"
                                                               : "none");
        (void)anyone;
        year_comp[strncmp(m, "2026", 4) == 0] += want;
        year_pay[strncmp(m, "2026", 4) == 0] += pay ? payable : 0;
    }
    {
        json_t *years = steps_jget(j, "money.years");

        assert_int_equal(json_array_size(years), 2);
        for (i = 0; i < 2; i++) {
            json_t *y = json_array_get(years, i);

            assert_int_equal(json_integer_value(steps_jget(y, "year")),
                             2025 + (int)i);
            assert_int_equal(json_integer_value(steps_jget(y, "months")),
                             i == 0 ? 4 : 8);
            assert_int_equal(
                json_integer_value(steps_jget(y, "computed.amount")),
                year_comp[i]);
            assert_int_equal(
                json_integer_value(steps_jget(y, "payroll.payable")),
                year_pay[i]);
        }
    }
}

/* --- Checks on the document -------------------------------------------- */

static int64_t ji(json_t *j, const char *path)
{
    json_t *v = steps_jget(j, path);

    if (!json_is_integer(v))
        fail_msg("%s: not an integer", path);
    return json_integer_value(v);
}

static json_t *row_of(json_t *arr, const char *code)
{
    json_t *x;
    size_t i;

    json_array_foreach(arr, i, x)
    {
        if (strcmp(steps_js(x, "code"), code) == 0)
            return x;
    }
    fail_msg("no row %s", code);
    return NULL;
}

/* The count of a unit's row, 0 when the unit has no row. */
static int64_t count_of(json_t *arr, const char *code)
{
    json_t *x;
    size_t i;

    json_array_foreach(arr, i, x)
    {
        if (strcmp(steps_js(x, "code"), code) == 0)
            return ji(x, "count");
    }
    return 0;
}

static int64_t category_count(json_t *j, const char *code)
{
    return ji(row_of(steps_jget(j, "beneficiaries.by_category"), code),
              "count");
}

/* No name, no person id: aggregates only. */
static void no_names(const char *text)
{
    size_t i;

    for (i = 0; i < NPEOPLE; i++)
        if (strstr(text, people[i].name) != NULL)
            fail_msg("the document names %s", people[i].name);
    assert_null(strstr(text, "person_id"));
    assert_null(strstr(text, "full_name"));
}

static void test_province_figures_s7_2(void **state)
{
    json_t *j, *d, *c, *u;
    char *text;

    (void)state;
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    j = steps_call(&st, S(PROV), "GET", "/api/v1/reports/oversight", 200, NULL);
    assert_string_equal(steps_js(j, "date"), TODAY);
    assert_string_equal(steps_js(j, "unit.code"), "37");
    assert_string_equal(steps_js(j, "periods.half_year.from"), "2026-07-01");
    assert_string_equal(steps_js(j, "periods.year.from"), "2026-01-01");
    /* Beneficiaries: An, Bông, Cúc and Em live in Ninh Bình. */
    assert_int_equal(ji(j, "beneficiaries.total"), 4);
    assert_int_equal(category_count(j, "K6"), 1);
    assert_int_equal(category_count(j, "K1b"), 1);
    assert_int_equal(category_count(j, "K5a"), 2);
    assert_int_equal(category_count(j, "K8"), 0);
    assert_int_equal(
        json_array_size(steps_jget(j, "beneficiaries.by_category")), 21);
    u = steps_jget(j, "beneficiaries.by_unit");
    assert_int_equal(ji(row_of(u, "13285"), "count"), 2);
    assert_int_equal(count_of(u, "13291"), 0);
    assert_int_equal(ji(row_of(u, "13318"), "count"), 2);
    expect_money(j, "37");
    /* Dossiers: half-year d1 d2 (decided: 5 and 8 working days), d4
     * (refused late), d6 (open, overdue); the year adds d3 (14) and d5
     * (withdrawn). */
    d = steps_jget(j, "dossiers.half_year");
    assert_int_equal(ji(d, "received"), 4);
    assert_int_equal(ji(d, "decided"), 2);
    assert_int_equal(ji(d, "refused"), 1);
    assert_int_equal(ji(d, "withdrawn"), 0);
    assert_int_equal(ji(d, "closed_late"), 1);
    assert_int_equal(ji(d, "open"), 1);
    assert_int_equal(ji(d, "overdue"), 1);
    assert_true(json_real_value(steps_jget(d, "median_days")) == 6.5);
    assert_int_equal(ji(d, "median_of"), 2);
    d = steps_jget(j, "dossiers.year");
    assert_int_equal(ji(d, "received"), 6);
    assert_int_equal(ji(d, "decided"), 3);
    assert_int_equal(ji(d, "withdrawn"), 1);
    assert_true(json_number_value(steps_jget(d, "median_days")) == 8);
    assert_int_equal(ji(d, "median_of"), 3);
    u = steps_jget(j, "dossiers.by_unit");
    assert_true(json_number_value(steps_jget(row_of(u, "13285"),
                                             "half_year.median_days")) == 6.5);
    assert_int_equal(ji(row_of(u, "13285"), "half_year.received"), 3);
    assert_int_equal(ji(row_of(u, "13291"), "year.received"), 2);
    assert_int_equal(ji(row_of(u, "13291"), "half_year.refused"), 1);
    assert_true(
        json_is_null(steps_jget(row_of(u, "13318"), "half_year.median_days")));
    assert_true(json_number_value(
                    steps_jget(row_of(u, "13318"), "year.median_days")) == 14);
    /* Complaints: c1 resolved late, c2 open, c3 open past its deadline. */
    c = steps_jget(j, "complaints.half_year");
    assert_int_equal(ji(c, "received"), 2);
    assert_int_equal(ji(c, "resolved"), 1);
    assert_int_equal(ji(c, "resolved_late"), 1);
    assert_int_equal(ji(c, "open"), 2);
    assert_int_equal(ji(c, "open_overdue"), 1);
    c = steps_jget(j, "complaints.year");
    assert_int_equal(ji(c, "received"), 3);
    assert_int_equal(ji(c, "resolved"), 1);
    assert_int_equal(ji(c, "open"), 2);
    assert_int_equal(
        ji(row_of(steps_jget(j, "complaints.by_unit"), "13291"), "year.open"),
        2);
    text = json_dumps(j, 0);
    no_names(text);
    free(text);
    json_decref(j);
}

static void test_nation_and_commune(void **state)
{
    json_t *j, *x;
    size_t i;

    (void)state;
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    j = steps_call(&st, S(SUPER), "GET", "/api/v1/reports/oversight", 200,
                   NULL);
    assert_true(json_is_null(steps_jget(j, "unit")));
    assert_int_equal(ji(j, "beneficiaries.total"), 5);
    assert_int_equal(category_count(j, "K6"), 2);
    assert_int_equal(
        ji(row_of(steps_jget(j, "beneficiaries.by_unit"), "37"), "count"), 4);
    assert_int_equal(
        ji(row_of(steps_jget(j, "beneficiaries.by_unit"), "01"), "count"), 1);
    expect_money(j, NULL);
    /* Đông's dossier joins Hà Nội's: the country's half-year median of
     * 2, 5 and 8 is 5. */
    assert_true(json_number_value(
                    steps_jget(j, "dossiers.half_year.median_days")) == 5);
    assert_int_equal(ji(j, "dossiers.half_year.median_of"), 3);
    json_decref(j);
    /* A commune: its own people; no rows by unit below it. */
    j = steps_call(&st, S(OFF), "GET", "/api/v1/reports/oversight?unit=13285",
                   200, NULL);
    assert_int_equal(ji(j, "beneficiaries.total"), 2);
    assert_int_equal(json_array_size(steps_jget(j, "beneficiaries.by_unit")),
                     0);
    expect_money(j, "13285");
    json_array_foreach(steps_jget(j, "money.months"), i, x)
    {
        if (strcmp(steps_js(x, "month"), "2026-07") == 0) {
            assert_int_equal(ji(x, "payroll.unpaid"), 750000); /* Bông */
            assert_int_equal(ji(x, "payroll.paid"), 750000);
        }
    }
    json_decref(j);
    /* Cúc's first commune keeps her months before the move, her second
     * the months after: each month once. */
    j = steps_call(&st, S(SUP37), "GET", "/api/v1/reports/oversight?unit=13291",
                   200, NULL);
    expect_money(j, "13291");
    json_decref(j);
    j = steps_call(&st, S(SUP37), "GET", "/api/v1/reports/oversight?unit=13318",
                   200, NULL);
    expect_money(j, "13318");
    json_decref(j);
}

static void test_areas_and_bad_inputs(void **state)
{
    struct http_client_response a, b;

    (void)state;
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    /* Outside the area: exactly as a unit that does not exist. */
    assert_int_equal(api_call(st.server.port, S(OFF), 1, "GET",
                              "/api/v1/reports/oversight?unit=13318", NULL,
                              NULL, &a),
                     0);
    assert_int_equal(api_call(st.server.port, S(OFF), 1, "GET",
                              "/api/v1/reports/oversight?unit=99999", NULL,
                              NULL, &b),
                     0);
    assert_int_equal(a.status, 404);
    assert_int_equal(b.status, 404);
    {
        char *p = strstr(a.body, "13318");

        assert_non_null(p);
        memcpy(p, "99999", 5);
        assert_string_equal(a.body, b.body);
    }
    http_client_response_free(&a);
    http_client_response_free(&b);
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/oversight?unit=01",
                  NULL, 404, "not_found", "unit");
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/oversight.xlsx?unit=01",
                  NULL, 404, "not_found", "unit");
    steps_refused(&st, S(PROV), "GET",
                  "/api/v1/reports/oversight?date=2026-02-30", NULL, 400,
                  "invalid_query", "date");
    steps_refused(&st, S(PROV), "GET",
                  "/api/v1/reports/oversight.pdf?date=31/08/2026", NULL, 400,
                  "invalid_query", "date");
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/oversight?unit=3a",
                  NULL, 400, "invalid_query", "unit");
    steps_refused(&st, S(PROV), "GET",
                  "/api/v1/reports/oversight/print?unit=1234", NULL, 400,
                  "invalid_query", "unit");
    steps_refused(&st, S(PROV), "GET", "/api/v1/reports/oversight?year=2026",
                  NULL, 400, "invalid_query", "year");
    steps_refused(&st, S(PAYER), "GET", "/api/v1/reports/oversight", NULL, 403,
                  "forbidden", NULL);
}

/* --- The documents ------------------------------------------------------ */

static void get_doc(const char *path, struct http_client_response *r,
                    const char *type)
{
    assert_int_equal(
        api_call(st.server.port, S(PROV), 1, "GET", path, NULL, NULL, r), 0);
    if (r->status != 200)
        fail_msg("%s -> %d %s", path, r->status, r->body);
    assert_non_null(strstr(r->headers, type));
}

/* The text of column col of the row of sheet whose first cell is first. */
static void cell(struct xlsx_reader *x, const char *sheet, const char *first,
                 size_t col, char *out, size_t cap)
{
    const struct xlsx_cell *cells;
    size_t n;
    long k = xlsx_sheet_find(x, sheet);

    out[0] = '\0';
    assert_true(k >= 0);
    assert_int_equal(xlsx_sheet_open(x, (size_t)k), XLSX_OK);
    while (xlsx_next(x, &cells, &n) == XLSX_ROW) {
        if (cells[0].len != strlen(first) ||
            memcmp(cells[0].ptr, first, cells[0].len) != 0)
            continue;
        if (col < n)
            snprintf(out, cap, "%.*s", (int)cells[col].len, cells[col].ptr);
        return;
    }
    fail_msg("%s: no row %s", sheet, first);
}

static void test_xlsx(void **state)
{
    static const char *const sheets[] = {
        "Đối tượng theo diện", "Đối tượng theo địa bàn",
        "Kinh phí theo tháng", "Kinh phí theo năm",
        "Hồ sơ theo địa bàn",  "Khiếu nại theo địa bàn"};
    struct http_client_response r, r2;
    struct xlsx_reader *x = NULL;
    char v[128], want[64];
    size_t i;

    (void)state;
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    get_doc("/api/v1/reports/oversight.xlsx", &r, "spreadsheetml");
    assert_non_null(strstr(r.headers, "giam-sat.xlsx"));
    assert_int_equal(xlsx_reader_new(r.body, r.body_len, NULL, &x), XLSX_OK);
    assert_int_equal(xlsx_sheet_count(x), 6);
    for (i = 0; i < 6; i++)
        assert_string_equal(xlsx_sheet_name(x, i), sheets[i]);
    /* July's payable (column D) as a number; June's computed amount
     * (column J); K5a's two persons. */
    cell(x, "Kinh phí theo tháng", "07/2026", 3, v, sizeof v);
    assert_string_equal(v, "1500000");
    cell(x, "Kinh phí theo tháng", "06/2026", 9, v, sizeof v);
    snprintf(want, sizeof want, "%lld",
             (long long)(quoted(AN, "2026-06") + quoted(BONG, "2026-06") +
                         quoted(CUC, "2026-06") + quoted(EM, "2026-06")));
    assert_string_equal(v, want);
    cell(x, "Đối tượng theo diện", "K5a", 2, v, sizeof v);
    assert_string_equal(v, "2");
    cell(x, "Hồ sơ theo địa bàn", "13291", 5, v, sizeof v);
    assert_string_equal(v, "1"); /* refused in the half-year */
    xlsx_reader_free(x);
    /* Deterministic: the same bytes again. */
    get_doc("/api/v1/reports/oversight.xlsx", &r2, "spreadsheetml");
    assert_int_equal(r.body_len, r2.body_len);
    assert_memory_equal(r.body, r2.body, r.body_len);
    http_client_response_free(&r);
    http_client_response_free(&r2);
}

static void unescape_slashes(char *s)
{
    char *p;

    while ((p = strstr(s, "&#x2F;")) != NULL) {
        *p = '/';
        memmove(p + 1, p + 6, strlen(p + 6) + 1);
    }
}

static void test_pdf_and_print(void **state)
{
    struct http_client_response r, r2;
    char money[48], raw[64], *text = NULL;
    int64_t payable = 0;
    int n;

    (void)state;
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    payable = 1500000; /* July's payroll (expect_money) */
    /* 1.250.000 đ: the payable of July in people's notation */
    snprintf(raw, sizeof raw, "%lld", (long long)payable);
    {
        size_t len = strlen(raw), o = 0, k;

        for (k = 0; k < len; k++) {
            if (k > 0 && (len - k) % 3 == 0)
                money[o++] = '.';
            money[o++] = raw[k];
        }
        money[o] = '\0';
    }
    get_doc("/api/v1/reports/oversight.pdf", &r, "application/pdf");
    assert_memory_equal(r.body, "%PDF", 4);
    get_doc("/api/v1/reports/oversight.pdf", &r2, "application/pdf");
    assert_int_equal(r.body_len, r2.body_len);
    assert_memory_equal(r.body, r2.body, r.body_len);
    http_client_response_free(&r2);
    n = pdf_text(r.body, r.body_len, &text);
    http_client_response_free(&r);
    if (n == 1) {
        if (getenv("CI") != NULL)
            fail_msg("pdftotext is missing (poppler-utils)");
        skip();
    }
    assert_int_equal(n, 0);
    assert_non_null(strstr(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(text, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(text, "Ninh Bình, ngày 31/08/2026"));
    assert_non_null(strstr(text, "Đối tượng đang hưởng theo diện"));
    assert_non_null(strstr(text, "Trung vị"));
    assert_non_null(strstr(text, money));
    no_names(text);
    /* The print page: header, figures, the chart, the definitions (the
     * template escapes '/' as mustache.js does). */
    get_doc("/api/v1/reports/oversight/print", &r, "text/html");
    unescape_slashes(r.body);
    assert_non_null(strstr(r.body, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(r.body, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(strstr(r.body, "Ninh Bình, ngày 31/08/2026"));
    assert_non_null(strstr(r.body, "TỈNH NINH BÌNH"));
    assert_non_null(strstr(r.body, "<svg"));
    assert_non_null(strstr(r.body, "<rect class=\"pay\""));
    assert_non_null(strstr(r.body, "Giải thích số liệu"));
    assert_non_null(strstr(r.body, "6,5"));
    snprintf(raw, sizeof raw, "%s đ", money);
    assert_non_null(strstr(r.body, raw));
    assert_null(strstr(r.body, "<script"));
    assert_null(strstr(r.body, "style="));
    no_names(r.body);
    get_doc("/api/v1/reports/oversight/print", &r2, "text/html");
    unescape_slashes(r2.body);
    assert_string_equal(r.body, r2.body);
    http_client_response_free(&r);
    http_client_response_free(&r2);
    free(text);
}

/* `ansinh report oversight` with args: its exit status, stdout in out. */
static int cli(const char *args, char *out, size_t cap)
{
    const char *bin = getenv("ANSINH_BIN");
    char cmd[1024];
    size_t n;
    FILE *f;

    assert_non_null(bin);
    snprintf(cmd, sizeof cmd, "%s report oversight --db '%s' %s 2>/dev/null",
             bin, st.dsn, args);
    f = popen(cmd, "r");
    assert_non_null(f);
    n = fread(out, 1, cap - 1, f);
    out[n] = '\0';
    return WEXITSTATUS(pclose(f));
}

/* The command prints the API's document and writes the files; --as
 * applies an account's area and permission. */
static void test_cli(void **state)
{
    char *out = malloc(1 << 20), cmd[256], file[] = "/tmp/ansinh-ov-cli-XXXXXX";
    json_t *api, *doc;
    FILE *f;
    int fd;

    (void)state;
    assert_non_null(out);
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    api =
        steps_call(&st, S(PROV), "GET",
                   "/api/v1/reports/oversight?unit=37&date=" TODAY, 200, NULL);
    fd = mkstemp(file);
    assert_true(fd >= 0);
    close(fd);
    snprintf(cmd, sizeof cmd, "--unit 37 --date 31/08/2026 --xlsx %s", file);
    assert_int_equal(cli(cmd, out, 1 << 20), 0);
    doc = json_loads(out, 0, NULL);
    assert_non_null(doc);
    assert_true(json_equal(doc, api));
    json_decref(doc);
    f = fopen(file, "rb");
    assert_non_null(f);
    assert_int_equal(fgetc(f), 'P'); /* a zip: PK */
    fclose(f);
    unlink(file);
    /* as the province officer: Ninh Bình by default */
    assert_int_equal(cli("--as tinh37 --date 2026-08-31", out, 1 << 20), 0);
    doc = json_loads(out, 0, NULL);
    assert_true(json_equal(doc, api));
    json_decref(doc);
    json_decref(api);
    /* a commune officer cannot read the province; the provider no
     * report; a bad date is a usage error */
    assert_int_equal(cli("--as xa13285 --unit 37", out, 1 << 20), 1);
    assert_int_equal(cli("--as buudien", out, 1 << 20), 1);
    assert_int_equal(cli("--date 2026-02-30", out, 1 << 20), 2);
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_province_figures_s7_2),
        cmocka_unit_test(test_nation_and_commune),
        cmocka_unit_test(test_areas_and_bad_inputs),
        cmocka_unit_test(test_xlsx),
        cmocka_unit_test(test_pdf_and_print),
        cmocka_unit_test(test_cli),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
