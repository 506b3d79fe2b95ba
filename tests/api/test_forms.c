/* test_forms.c: Forms 10a-10d (docs/oversight.md; RULES.md §6.4, §7.2) on
 * the real binary, both engines: GET /api/v1/reports/forms/:form (JSON,
 * .xlsx, .pdf) and /print, figures to the person and the đồng.
 *
 * The fixture is written straight into the tables, so every figure below
 * is known without the code under test. Six persons around Phủ Lý across
 * the 2025 reform (old Hà Nam 35, district 347: Châu Cầu 13294 and Lam Hạ
 * 13303; from 01/07/2025 Ninh Bình 37: Phủ Lý 13285 and Hà Nam 13366):
 *   A  K6 severe adult, 13294 -> 13285, enrolled throughout;
 *   B  K6 especially severe adult, 13294, terminated (death) 01/04/2025;
 *   C  K1b child born 2015, 13303 -> 13366, enrolled 01/02/2025 (new),
 *      suspended (not collected) from 01/10/2025;
 *   D  K6 severe adult, 13294 -> 13285, terminated (ineligible)
 *      01/09/2025, enrolled again 01/11/2025 (new after a termination);
 *   E  K6 severe adult, 13303 -> 13366, moved to Hà Nội (00004) on
 *      01/10/2025 (no termination: a completed transfer);
 *   F  K6 severe adult in Hà Nội throughout.
 * Amounts (RULES.md §2.3 at 500,000 đ): K6 severe adult 1.5 = 750,000,
 * especially severe adult 2.0 = 1,000,000, K1 child of 4 or more 1.5 =
 * 750,000. Phủ Lý's payrolls of 07/2025 and 08/2025 are approved with
 * lines of 700,000 (not what the rules give, so the source shows): A paid
 * both months, D paid in July and reported unpaid in August. Every other
 * month and commune is computed by the rules engine.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>
#include <jansson.h>

#include "api_steps.h"
#include "formats/xlsx_read.h"
#include "pdf_text.h"
#include "store/db.h"

#define PASSWORD "mật-khẩu-mẫu-10-1"
#define TODAY    "2026-01-15"

static struct steps st;

enum { SUPER, PROV, OFF, DIST, NUSERS };

static struct steps_user users[NUSERS] = {
    [SUPER] = {"giamsat", "supervisor", "", {{0}}},
    [PROV] = {"tinh37", "province_officer", "37", {{0}}},
    [OFF] = {"xa13285", "commune_officer", "13285", {{0}}},
    [DIST] = {"huyen347", "auditor", "347", {{0}}},
};

#define S(u) (&users[u].s)
#define N    (-1) /* no figure: null */

static void sql(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void sql(const char *fmt, ...)
{
    char q[4096];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(q, sizeof q, fmt, ap);
    va_end(ap);
    if (db_exec_script(st.db, q) != DB_OK)
        fail_msg("%s: %s", q, db_errmsg(st.db));
}

static void person(int id, const char *name, const char *birth)
{
    sql("INSERT INTO persons (id, full_name, search_text, birth_date, sex,"
        " created_at) VALUES (%d, '%s', 'x', '%s', 'F',"
        " '2020-01-01T00:00:00Z');"
        "INSERT INTO beneficiaries (person_id, status, since, created_at)"
        " VALUES (%d, 'enrolled', '2020-01-01', '2020-01-01T00:00:00Z');",
        id, name, birth, id);
}

static void lives(int id, const char *unit, const char *from, const char *to)
{
    sql("INSERT INTO residences (person_id, unit_code, valid_from, valid_to)"
        " VALUES (%d, '%s', '%s', %s%s%s);",
        id, unit, from, to ? "'" : "", to ? to : "NULL", to ? "'" : "");
}

static void status(int id, const char *s, const char *reason, const char *from,
                   const char *to)
{
    char r[40];

    snprintf(r, sizeof r, reason ? "'%s'" : "NULL", reason ? reason : "");
    sql("INSERT INTO beneficiary_status (person_id, status, reason,"
        " valid_from, valid_to, recorded_at, recorded_by) VALUES (%d, '%s', %s,"
        " '%s', %s%s%s, '2020-01-01T00:00:00Z', 'test');",
        id, s, r, from, to ? "'" : "", to ? to : "NULL", to ? "'" : "");
}

static void member(int id, const char *cat, const char *dis, const char *from,
                   const char *to)
{
    char d[40];

    snprintf(d, sizeof d, dis ? "'%s'" : "NULL", dis ? dis : "");
    sql("INSERT INTO memberships (person_id, category, disability, valid_from,"
        " valid_to, created_at) VALUES (%d, '%s', %s, '%s', %s%s%s,"
        " '2020-01-01T00:00:00Z');",
        id, cat, d, from, to ? "'" : "", to ? to : "NULL", to ? "'" : "");
}

/* An approved payroll of Phủ Lý (13285) for month with a 700,000 line
 * for A (paid) and D (paid when d_paid). */
static void payroll(int id, const char *month, int d_paid)
{
    static int line = 100;
    int a = ++line, d = ++line;

    sql("INSERT INTO payrolls (id, area_code, area_path, month, state,"
        " prepared_on, prepared_by, prepared_at, lookback, persons, lines,"
        " total_payable, basis_seq, rules_hash) VALUES (%d, '13285', "
        "'37/13285',"
        " '%s', 'prepared', '%s', 'lap', 'x', 0, 2, 2, 1400000, 1, 'h');"
        "INSERT INTO payroll_units (payroll_id, unit_code, month) VALUES"
        " (%d, '13285', '%s');",
        id, month, month, id, month);
    sql("INSERT INTO payroll_lines (id, payroll_id, seq, ref, point_seq,"
        " person_id, full_name, birth_date, unit_code, kind, benefit,"
        " benefit_month, category, amount, confidence, explanation, method)"
        " VALUES (%d, %d, 1, 'R%d', 1, 1, 'A', '1980-04-04', '13285',"
        " 'allowance', 'monthly', '%s', 'K6', 700000, 'confirmed', 'x',"
        " 'cash'), (%d, %d, 2, 'R%d', 1, 4, 'D', '1990-09-09', '13285',"
        " 'allowance', 'monthly', '%s', 'K6', 700000, 'confirmed', 'x',"
        " 'cash');",
        a, id, a, month, d, id, d, month);
    sql("UPDATE payrolls SET state = 'approved', checked_by = 'kt',"
        " checked_at = 'x', approved_by = 'ct', approved_role ="
        " 'commune_chairman', approved_at = 'x', approval_seq = %d,"
        " content_hash = 'c' WHERE id = %d;"
        "INSERT INTO payroll_imports (id, payroll_id, file_hash, format,"
        " imported_by, imported_at, rows, paid, unpaid, amount_paid,"
        " mismatches) VALUES (%d, %d, 'f%d', 'csv', 'bd', 'x', 2, 1, 1,"
        " 700000, 0);"
        "INSERT INTO payroll_results (line_id, payroll_id, paid, paid_on,"
        " import_id, row_no, recorded_at) VALUES (%d, %d, 1, '%s', %d, 1,"
        " 'x'), (%d, %d, %d, %s, %d, 2, 'x');",
        id, id, id, id, id, a, id, month, id, d, id, d_paid,
        d_paid ? "'2025-08-20'" : "NULL", id);
}

static int group_setup(void **state)
{
    (void)state;
    if (steps_open(&st, users, NUSERS, PASSWORD) != 0)
        return -1;
    person(1, "Đặng Văn An", "1980-04-04");
    lives(1, "13294", "2020-01-01", "2025-07-01");
    lives(1, "13285", "2025-07-01", NULL);
    status(1, "enrolled", NULL, "2024-03-01", NULL);
    member(1, "K6", "severe", "2024-03-01", NULL);

    person(2, "Bùi Thị Bình", "1975-05-05");
    lives(2, "13294", "2020-01-01", NULL);
    status(2, "enrolled", NULL, "2024-05-01", "2025-04-01");
    status(2, "terminated", "death", "2025-04-01", NULL);
    member(2, "K6", "especially_severe", "2024-05-01", "2025-04-01");

    person(3, "Lê Bé Cúc", "2015-03-03");
    lives(3, "13303", "2020-01-01", "2025-07-01");
    lives(3, "13366", "2025-07-01", NULL);
    status(3, "enrolled", NULL, "2025-02-01", "2025-10-01");
    status(3, "suspended", "not_collected", "2025-10-01", NULL);
    member(3, "K1b", NULL, "2025-02-01", NULL);

    person(4, "Ngô Văn Dũng", "1990-09-09");
    lives(4, "13294", "2020-01-01", "2025-07-01");
    lives(4, "13285", "2025-07-01", NULL);
    status(4, "enrolled", NULL, "2023-01-01", "2025-09-01");
    status(4, "terminated", "ineligible", "2025-09-01", "2025-11-01");
    status(4, "enrolled", NULL, "2025-11-01", NULL);
    member(4, "K6", "severe", "2023-01-01", "2025-09-01");
    member(4, "K6", "severe", "2025-11-01", NULL);

    person(5, "Hà Văn Ểnh", "1985-06-06");
    lives(5, "13303", "2020-01-01", "2025-07-01");
    lives(5, "13366", "2025-07-01", "2025-10-01");
    lives(5, "00004", "2025-10-01", NULL);
    status(5, "enrolled", NULL, "2024-01-01", NULL);
    member(5, "K6", "severe", "2024-01-01", NULL);

    person(6, "Phạm Thị Phượng", "1970-07-07");
    lives(6, "00004", "2020-01-01", NULL);
    status(6, "enrolled", NULL, "2024-01-01", NULL);
    member(6, "K6", "severe", "2024-01-01", NULL);

    payroll(1, "2025-07-01", 1);
    payroll(2, "2025-08-01", 0);
    steps_start(&st, TODAY, users, NUSERS, PASSWORD);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    steps_stop(&st);
    db_close(st.db);
    return 0;
}

static json_t *form(int who, const char *form, const char *query)
{
    char path[256];

    snprintf(path, sizeof path, "/api/v1/reports/forms/%s?%s", form, query);
    return steps_call(&st, S(who), "GET", path, 200, NULL);
}

/* Row key of form j has these figures (N: null) for start new ended end
 * suspended paid. */
static void row(json_t *j, const char *key, int64_t start, int64_t nw,
                int64_t ended, int64_t end, int64_t susp, int64_t paid)
{
    static const char *const m[] = {"start", "new",       "ended",
                                    "end",   "suspended", "paid"};
    const int64_t want[] = {start, nw, ended, end, susp, paid};
    json_t *rows = json_object_get(j, "rows"), *r, *found = NULL;
    size_t i;

    json_array_foreach(rows, i, r)
    {
        if (strcmp(steps_js(r, "key"), key) == 0)
            found = r;
    }
    if (found == NULL)
        fail_msg("no row %s", key);
    for (i = 0; i < 6; i++) {
        json_t *v = json_object_get(json_object_get(found, "values"), m[i]);
        json_t *c;
        size_t k;
        int has = 0;

        json_array_foreach(json_object_get(j, "columns"), k, c)
        {
            has |= strcmp(steps_js(c, "key"), m[i]) == 0;
        }
        if (!has) {
            /* not a column of this form: no value at all */
            if (v != NULL || want[i] != N)
                fail_msg("%s %s %s: not a column", steps_js(j, "form"), key,
                         m[i]);
            continue;
        }
        if (want[i] == N && !json_is_null(v))
            fail_msg("%s %s %s: a number, want null", steps_js(j, "form"), key,
                     m[i]);
        if (want[i] != N && !json_is_integer(v))
            fail_msg("%s %s %s: null, want %lld", steps_js(j, "form"), key,
                     m[i], (long long)want[i]);
        if (want[i] != N && json_integer_value(v) != want[i])
            fail_msg("%s %s %s: %lld, want %lld", steps_js(j, "form"), key,
                     m[i], (long long)json_integer_value(v),
                     (long long)want[i]);
    }
}

static void deadline(json_t *j, const char *date)
{
    if (date == NULL) {
        assert_true(json_is_null(steps_jget(j, "deadline")));
        return;
    }
    assert_string_equal(steps_js(j, "deadline.date"), date);
    assert_string_equal(steps_js(j, "deadline.rule"), "RULES.md §7.2");
}

/* Half 1 2025 on the old tree: Hà Nam (35), all computed. */
static void test_half1_2025_old_tree_s7_2(void **state)
{
    json_t *j;

    (void)state;
    j = form(SUPER, "10a", "unit=35&year=2025&half=1");
    assert_string_equal(steps_js(j, "form"), "10a");
    assert_string_equal(steps_js(j, "label"), "Mẫu số 10a");
    assert_string_equal(steps_js(j, "layout_confidence"), "unverified");
    assert_string_equal(steps_js(j, "unit.code"), "35");
    assert_string_equal(steps_js(j, "unit.name"), "Tỉnh Hà Nam");
    assert_string_equal(steps_js(j, "from"), "2025-01-01");
    assert_string_equal(steps_js(j, "to"), "2025-06-30");
    assert_string_equal(steps_js(j, "as_of"), "2025-06-30");
    assert_string_equal(steps_js(j, "money_source"), "computed");
    deadline(j, "2025-07-15");
    /* A B D E at the start; C new; B ended (death); A C D E at the end.
     * Money: A 6 x 750,000, B 3 x 1,000,000 (to March), D 6 x 750,000,
     * E 6 x 750,000; C 5 x 750,000 (from February). */
    row(j, "total", 4, 1, 1, 4, 0, 20250000);
    row(j, "k6", 4, 0, 1, 3, 0, 16500000);
    row(j, "k1", 0, 1, 0, 1, 0, 3750000);
    row(j, "k5", 0, 0, 0, 0, 0, 0);
    row(j, "ended_death", N, N, 1, N, N, N);
    row(j, "ended_ineligible", N, N, 0, N, N, N);
    row(j, "facility", N, N, N, N, N, N);
    assert_non_null(
        strstr(steps_js(json_array_get(steps_jget(j, "rows"), 9), "label"),
               "chưa quản lý trên ansinh"));
    json_decref(j);

    /* 10d splits K6 by level; money is not split. */
    j = form(SUPER, "10d", "unit=35&year=2025&half=1");
    row(j, "total", 4, 0, 1, 3, 0, 16500000);
    row(j, "especially_severe", 1, 0, 1, 0, 0, N);
    row(j, "severe", 3, 0, 0, 3, 0, N);
    row(j, "ended_death", N, N, 1, N, N, N);
    row(j, "ended_other", N, N, 0, N, N, N);
    json_decref(j);
    /* 10c: no elderly; 10b: nothing ansinh manages. */
    j = form(SUPER, "10c", "unit=35&year=2025&half=1");
    row(j, "total", 0, 0, 0, 0, 0, 0);
    json_decref(j);
    j = form(SUPER, "10b", "unit=35&year=2025&half=1");
    row(j, "food", N, N, N, N, N, N);
    json_decref(j);

    /* The district before the reform: 30/06; the commune: 15/06 (old
     * Phường Quang Trung holds none of them). */
    j = form(DIST, "10a", "year=2025&half=1");
    assert_string_equal(steps_js(j, "unit.code"), "347");
    deadline(j, "2025-06-30");
    row(j, "total", 4, 1, 1, 4, 0, 20250000);
    json_decref(j);
    j = form(SUPER, "10a", "unit=13294&year=2025&half=1");
    deadline(j, "2025-06-15");
    row(j, "total", 3, 0, 1, 2, 0, 12000000);
    json_decref(j);
    /* Ninh Bình (37) before the reform was another province. */
    j = form(SUPER, "10a", "unit=37&year=2025&half=1");
    row(j, "total", 0, 0, 0, 0, 0, 0);
    json_decref(j);
}

/* Half 2 2025 on the new tree: payroll for Phủ Lý in July and August. */
static void test_half2_2025_new_tree_mixed_money(void **state)
{
    json_t *j, *notes;
    size_t i;
    int unpaid_note = 0;

    (void)state;
    j = form(PROV, "10a", "year=2025&half=2");
    assert_string_equal(steps_js(j, "unit.code"), "37");
    assert_string_equal(steps_js(j, "from"), "2025-07-01");
    assert_string_equal(steps_js(j, "as_of"), "2025-12-31");
    assert_string_equal(steps_js(j, "money_source"), "mixed");
    deadline(j, "2026-01-15");
    /* Start A C D E; D new again in November after its termination in
     * September; E moved away; C suspended at the end. Money: payroll
     * paid A 2 x 700,000 + D 700,000 (D's August unpaid); computed A
     * Sep-Dec 4 x 750,000, D Nov-Dec 2 x 750,000, E Jul-Sep 3 x 750,000,
     * C Jul-Sep 3 x 750,000 (suspended from October: not paid). */
    row(j, "total", 4, 1, 1, 3, 1, 11100000);
    row(j, "k6", 3, 1, 1, 2, 0, 8850000);
    row(j, "k1", 1, 0, 0, 1, 1, 2250000);
    row(j, "ended_ineligible", N, N, 1, N, N, N);
    row(j, "ended_death", N, N, 0, N, N, N);
    row(j, "ended_moved", N, N, 0, N, N, N);
    notes = steps_jget(j, "notes");
    for (i = 0; i < json_array_size(notes); i++)
        unpaid_note |= strstr(json_string_value(json_array_get(notes, i)),
                              "báo chưa chi 700.000 đ") != NULL;
    assert_true(unpaid_note);
    json_decref(j);

    /* The commune: its own figures; deadline 15/12. */
    j = form(OFF, "10a", "year=2025&half=2");
    assert_string_equal(steps_js(j, "unit.code"), "13285");
    deadline(j, "2025-12-15");
    assert_string_equal(steps_js(j, "deadline.confidence"), "unverified");
    row(j, "total", 2, 1, 1, 2, 0, 6600000);
    json_decref(j);
    j = form(SUPER, "10a", "unit=13366&year=2025&half=2");
    assert_string_equal(steps_js(j, "money_source"), "computed");
    row(j, "total", 2, 0, 0, 1, 1, 4500000);
    json_decref(j);
    /* Hà Nội: F throughout, E from October. */
    j = form(SUPER, "10a", "unit=01&year=2025&half=2");
    row(j, "total", 1, 0, 0, 2, 0, 6750000);
    json_decref(j);
    /* The whole country: no deadline. */
    j = form(SUPER, "10a", "year=2025&half=2");
    assert_true(json_is_null(steps_jget(j, "unit")));
    deadline(j, NULL);
    row(j, "total", 5, 1, 1, 5, 1, 17850000);
    json_decref(j);
}

/* A running half-year counts to today. */
static void test_running_half_year(void **state)
{
    json_t *j;

    (void)state;
    j = form(SUPER, "10a", "unit=37&year=2026&half=1");
    assert_string_equal(steps_js(j, "as_of"), TODAY);
    /* January: A, D paid by the rules (750,000 each). */
    row(j, "total", 3, 0, 0, 3, 1, 1500000);
    json_decref(j);
}

static void test_errors_400_404(void **state)
{
    const char *p = "/api/v1/reports/forms/10a?unit=37&half=1&year=";
    char path[200];

    (void)state;
    snprintf(path, sizeof path, "%s2027", p);
    steps_refused(&st, S(SUPER), "GET", path, NULL, 400, "not_begun", "year");
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a?unit=37&year=2026&half=2", NULL,
                  400, "not_begun", "half");
    snprintf(path, sizeof path, "%s20x5", p);
    steps_refused(&st, S(SUPER), "GET", path, NULL, 400, "invalid_query",
                  "year");
    snprintf(path, sizeof path, "%s2020", p);
    steps_refused(&st, S(SUPER), "GET", path, NULL, 400, "invalid_query",
                  "year");
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a?unit=37&year=2025", NULL, 400,
                  "invalid_query", "half");
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a?unit=37&year=2025&half=3", NULL,
                  400, "invalid_query", "half");
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a?unit=3x&year=2025&half=1", NULL,
                  400, "invalid_query", "unit");
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a?year=2025&half=1&colour=red", NULL,
                  400, "invalid_query", NULL);
    /* Outside the area is answered as a unit that does not exist. */
    steps_refused(&st, S(OFF), "GET",
                  "/api/v1/reports/forms/10a?unit=13366&year=2025&half=2", NULL,
                  404, "not_found", "unit");
    steps_refused(&st, S(OFF), "GET",
                  "/api/v1/reports/forms/10a?unit=99999&year=2025&half=2", NULL,
                  404, "not_found", "unit");
    steps_refused(&st, S(PROV), "GET",
                  "/api/v1/reports/forms/10a?unit=01&year=2025&half=2", NULL,
                  404, "not_found", "unit");
    /* No district after the reform. */
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a?unit=347&year=2025&half=2", NULL,
                  404, "not_found", "unit");
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10e?year=2025&half=1", NULL, 404,
                  "not_found", NULL);
    steps_refused(&st, S(SUPER), "GET",
                  "/api/v1/reports/forms/10a.csv?year=2025&half=1", NULL, 404,
                  "not_found", NULL);
}

static struct http_client_response get(int who, const char *path)
{
    struct http_client_response r;

    assert_int_equal(
        api_call(st.server.port, S(who), 1, "GET", path, NULL, NULL, &r), 0);
    if (r.status != 200)
        fail_msg("%s: %d\n%s", path, r.status, r.body);
    return r;
}

/* 1 if (p, n) holds the text s. */
static int holds(const char *p, size_t n, const char *s)
{
    size_t k = strlen(s), i;

    for (i = 0; i + k <= n; i++)
        if (memcmp(p + i, s, k) == 0)
            return 1;
    return 0;
}

static void test_xlsx_read_back(void **state)
{
    struct http_client_response r =
        get(PROV, "/api/v1/reports/forms/10a.xlsx?year=2025&half=2");
    struct xlsx_reader *x = NULL;
    const struct xlsx_cell *c;
    size_t n, rows = 0;
    char disp[200];
    int found_k6 = 0, found_info = 0;

    (void)state;
    assert_non_null(
        http_client_header(&r, "Content-Disposition", disp, sizeof disp));
    assert_non_null(strstr(disp, "mau-so-10a.xlsx"));
    if (xlsx_reader_new(r.body, r.body_len, NULL, &x) != 0)
        fail_msg("xlsx: %s", xlsx_errmsg(x));
    assert_int_equal(xlsx_sheet_count(x), 2);
    assert_string_equal(xlsx_sheet_name(x, 0), "Mẫu 10a");
    assert_int_equal(xlsx_sheet_open(x, 0), 0);
    while (xlsx_next(x, &c, &n) == XLSX_ROW) {
        rows++;
        if (n >= 7 && c[0].len > 2 && strncmp(c[0].ptr, "6. ", 3) == 0) {
            /* start new ended end suspended paid, as numbers */
            assert_int_equal(c[1].type, XLSX_NUMBER);
            assert_true(c[1].len == 1 && c[1].ptr[0] == '3');
            assert_true(c[4].len == 1 && c[4].ptr[0] == '2');
            assert_int_equal(c[6].type, XLSX_NUMBER);
            assert_true(c[6].len == 7 && memcmp(c[6].ptr, "8850000", 7) == 0);
            found_k6 = 1;
        }
    }
    assert_true(found_k6);
    assert_true(rows >= 15);
    assert_int_equal(xlsx_sheet_open(x, 1), 0);
    while (xlsx_next(x, &c, &n) == XLSX_ROW)
        if (n >= 2 && c[1].len > 10 &&
            holds(c[1].ptr, c[1].len, "Chưa được kiểm chứng"))
            found_info = 1;
    assert_true(found_info);
    xlsx_reader_free(x);
    http_client_response_free(&r);
}

static void test_pdf_and_print(void **state)
{
    struct http_client_response r;
    char *text = NULL;
    int rc;

    (void)state;
    r = get(SUPER, "/api/v1/reports/forms/10a/print?unit=37&year=2025&half=2");
    assert_non_null(strstr(r.body, "<!DOCTYPE html>"));
    assert_non_null(strstr(r.body, "Mẫu số 10a"));
    assert_non_null(strstr(r.body, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(r.body, "UBND Tỉnh Ninh Bình"));
    assert_non_null(strstr(r.body, "8.850.000 đ"));
    /* the template escapes '/' as mustache.js does */
    assert_non_null(strstr(r.body, "15&#x2F;01&#x2F;2026"));
    assert_non_null(strstr(r.body, "01&#x2F;07&#x2F;2025"));
    assert_non_null(strstr(r.body, "CHƯA ĐƯỢC KIỂM CHỨNG"));
    assert_null(strstr(r.body, "<script"));
    assert_null(strstr(r.body, "Đặng Văn An"));
    http_client_response_free(&r);

    r = get(SUPER, "/api/v1/reports/forms/10a.pdf?unit=37&year=2025&half=2");
    assert_true(r.body_len > 1000 && memcmp(r.body, "%PDF", 4) == 0);
    rc = pdf_text(r.body, r.body_len, &text);
    http_client_response_free(&r);
    if (rc == 1) {
        if (getenv("CI") != NULL)
            fail_msg("pdftotext not found (poppler-utils)");
        skip();
    }
    assert_int_equal(rc, 0);
    assert_non_null(strstr(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert_non_null(strstr(text, "Độc lập - Tự do - Hạnh phúc"));
    assert_non_null(
        strstr(text, "SỐ LIỆU KẾT QUẢ THỰC HIỆN TRỢ GIÚP XÃ HỘI THƯỜNG XUYÊN"));
    assert_non_null(strstr(text, "Người khuyết tật nặng, đặc biệt nặng"));
    assert_non_null(strstr(text, "8.850.000 đ"));
    assert_non_null(strstr(text, "11.100.000 đ"));
    assert_non_null(strstr(text, "15/01/2026"));
    assert_non_null(strstr(text, "Tỉnh Ninh Bình"));
    assert_non_null(strstr(text, "Người lập biểu"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_half1_2025_old_tree_s7_2),
        cmocka_unit_test(test_half2_2025_new_tree_mixed_money),
        cmocka_unit_test(test_running_half_year),
        cmocka_unit_test(test_errors_400_404),
        cmocka_unit_test(test_xlsx_read_back),
        cmocka_unit_test(test_pdf_and_print),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
