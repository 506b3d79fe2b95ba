/* test_payroll.c: the monthly payroll on the real binary, both engines
 * (docs/payroll.md; RULES.md §2.1, §2.3, §2.6, §2.7, §5, §7.1, §14).
 *
 * Two communes of Ninh Bình (13285, 13291) pay seven beneficiaries. Their
 * payrolls of April to August 2026 are prepared on the 20th of the month
 * before (§7.1), checked, approved, sent and reconciled through the use
 * cases, as history; September is then prepared, approved, sent and
 * reconciled through the API, on 2026-08-24 (ANSINH_TODAY), after
 * Decree 335/2026 was signed (2026-08-21):
 *   Nguyễn Thị Ánh  K6 severe adult (1.5), cash at the commune office;
 *   Trần Văn Bình   K5c, paid into an Agribank account;
 *   Lê Văn Cường    K5c, died 2026-06-10, reported 2026-08-22 (two months
 *                   paid after the death: recoveries);
 *   Phạm Thị Dung   K1 child born 2022-09-15 (4 in September);
 *   Vũ Văn Em       K1 child born 2010-10-03 (16 in October);
 *   Đặng Thị Phương K5c who never collects (roll-over, the task);
 *   Hoàng Văn Giang K5c who moved from 13291 to 13285 on 2026-04-21.
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

#include "api_client.h"
#include "app/auth.h"
#include "app/payroll.h"
#include "formats/table.h"
#include "formats/xlsx_read.h"
#include "formats/xlsx_write.h"
#include "http_client.h"
#include "pdf_text.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "store/store_persons.h"
#include "store/store_registry.h"
#include "store/store_users.h"
#include "testdb.h"

#define PASSWORD "mật-khẩu-chi-trả-1"
#define TODAY    "2026-08-24"
#define HERE     "13285"
#define THERE    "13291"
#define XLSX_CT                                                                \
    "Content-Type: "                                                           \
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static struct http_client_server server;
static struct db *db;
static char dsn[512];
static struct api_session officer, officer2, chairman, provider, other,
    supervisor;
static int64_t ids[7]; /* the persons, in the order of the header */
static int64_t sept;   /* the September payroll of HERE */

static const char *const names[7] = {
    "Nguyễn Thị Ánh", "Trần Văn Bình",   "Lê Văn Cường",   "Phạm Thị Dung",
    "Vũ Văn Em",      "Đặng Thị Phương", "Hoàng Văn Giang"};

enum { ANH, BINH, CUONG, DUNG, EM, PHUONG, GIANG };

/* --- Fixtures ----------------------------------------------------------- */

static struct app_user app_user_of(const char *name)
{
    struct store_user su;
    struct app_user u;

    assert_int_equal(store_users_find(db, name, &su), DB_OK);
    memset(&u, 0, sizeof u);
    u.id = su.id;
    snprintf(u.username, sizeof u.username, "%s", su.username);
    snprintf(u.role, sizeof u.role, "%s", su.role);
    snprintf(u.area_code, sizeof u.area_code, "%s", su.area_code);
    return u;
}

static int64_t person(int who, const char *birth, const char *cat,
                      const char *disability, const char *since,
                      const char *method)
{
    struct store_person_new p = {
        NULL, names[who], birth,
        who == ANH || who == DUNG || who == PHUONG ? 'F' : 'M', 0};
    struct store_membership_new m;
    struct store_status_change sc;
    struct store_payment_new pay;
    int64_t id = 0;

    assert_int_equal(store_persons_add(db, "test", &p, &id), DB_OK);
    if (who == GIANG) {
        assert_int_equal(store_persons_residence_add(db, "test", id, THERE,
                                                     "Thôn 2", "2025-07-01",
                                                     "2026-04-21", NULL),
                         DB_OK);
        assert_int_equal(store_persons_residence_add(db, "test", id, HERE,
                                                     "Tổ 7", "2026-04-21", NULL,
                                                     NULL),
                         DB_OK);
    } else {
        assert_int_equal(store_persons_residence_add(db, "test", id, HERE,
                                                     "Tổ 3", "2025-07-01", NULL,
                                                     NULL),
                         DB_OK);
    }
    memset(&m, 0, sizeof m);
    m.person_id = id;
    m.category = cat;
    m.disability = disability;
    m.valid_from = since;
    assert_int_equal(store_persons_membership_add(db, "test", &m, NULL), DB_OK);
    memset(&sc, 0, sizeof sc);
    sc.person_id = id;
    sc.status = "enrolled";
    sc.decision_ref = "5/QĐ-UBND ngày 10/01/2026";
    sc.valid_from = since;
    sc.actor = "test";
    assert_int_equal(store_registry_status_set(db, &sc, NULL), DB_OK);
    memset(&pay, 0, sizeof pay);
    pay.person_id = id;
    pay.valid_from = since;
    pay.method = method;
    if (strcmp(method, "bank") == 0) {
        pay.bank_code = "970405";
        pay.account_number = "1500206123456";
    } else {
        pay.point_name = who == CUONG || who == PHUONG
                             ? "Bưu điện văn hóa phường Phủ Lý"
                             : "Trụ sở UBND phường Phủ Lý";
        pay.point_officer = "Lê Thị Thu";
    }
    pay.expected_version = -1;
    pay.actor = "test";
    assert_int_equal(store_registry_payment_set(db, &pay, NULL, NULL), DB_OK);
    return id;
}

/* The result file of a provider file: every row paid on day, but the
 * rows of the persons named in unpaid (a '|'-separated list). The
 * provider file's header already names TrangThai and NgayChi; its rows
 * end with those two fields empty. */
static char *results_of(const char *csv, const char *day, const char *unpaid)
{
    size_t cap = strlen(csv) * 2 + 256, o = 0;
    char *out = malloc(cap), row[2048];
    const char *p = csv, *end;
    int header = 1;

    assert_non_null(out);
    while (*p != '\0') {
        size_t len;
        int paid = 1;

        end = strstr(p, "\r\n");
        len = end ? (size_t)(end - p) : strlen(p);
        assert_true(len < sizeof row);
        memcpy(row, p, len);
        row[len] = '\0';
        if (header) {
            o += (size_t)snprintf(out + o, cap - o, "%s\r\n", row);
            header = 0;
            p = end ? end + 2 : p + len;
            continue;
        }
        for (const char *q = unpaid; q != NULL && *q != '\0';) {
            const char *bar = strchr(q, '|');
            size_t n = bar ? (size_t)(bar - q) : strlen(q);
            char who[128];

            snprintf(who, sizeof who, ",%.*s,", (int)n, q);
            if (strstr(row, who) != NULL)
                paid = 0;
            q = bar ? bar + 1 : NULL;
        }
        assert_true(len >= 2 && row[len - 2] == ',' && row[len - 1] == ',');
        row[len - 2] = '\0';
        o += (size_t)snprintf(out + o, cap - o, "%s,%s,%s\r\n", row,
                              paid ? "Đã chi" : "Chưa chi", paid ? day : "");
        p = end ? end + 2 : p + len;
    }
    out[o] = '\0';
    return out;
}

/* One month of history for commune unit through the use cases. */
static void history_month(const char *unit, const char *month, const char *on,
                          const char *paid_on)
{
    struct app_user prep, chk, chair, prov;
    struct app_pay_summary s;
    struct app_pay_err err;
    char *csv = NULL, *res;
    size_t len = 0;
    json_t *out = NULL;
    int here = strcmp(unit, HERE) == 0;

    prep = app_user_of(here ? "p.officer" : "p.other");
    chk = app_user_of(here ? "p.officer2" : "p.other2");
    chair = app_user_of(here ? "p.chairman" : "p.otherchair");
    prov = app_user_of("p.provider");
    if (app_payroll_prepare(db, &prep, unit, month, on, -1, &s, &err) != 0 ||
        app_payroll_transition(db, &chk, s.id, "check", 0, NULL, &err) != 0 ||
        app_payroll_transition(db, &chair, s.id, "approve", 0, NULL, &err) !=
            0 ||
        app_payroll_transition(db, &prep, s.id, "send", 0, NULL, &err) != 0 ||
        app_payroll_provider_file(db, &prov, s.id, APP_PAY_CSV, &csv, &len,
                                  &err) != 0)
        fail_msg("%s %s: %s %s", unit, month, err.code, err.message);
    res = results_of(csv, paid_on, names[PHUONG]);
    if (app_payroll_reconcile(db, &prov, s.id, res, strlen(res), APP_PAY_CSV,
                              "ket-qua.csv", &out, &err) != 0)
        fail_msg("reconcile %s %s: %s %s", unit, month, err.code, err.message);
    json_decref(out);
    free(csv);
    free(res);
}

static void terminate(int who, const char *from, const char *ref)
{
    struct store_beneficiary b;
    struct store_status_change sc;

    assert_int_equal(store_registry_get(db, ids[who], &b), DB_OK);
    memset(&sc, 0, sizeof sc);
    sc.person_id = ids[who];
    sc.status = "terminated";
    sc.reason = "death";
    sc.decision_ref = ref;
    sc.valid_from = from;
    sc.expected_version = b.version;
    sc.actor = "test";
    assert_int_equal(store_registry_status_set(db, &sc, NULL), DB_OK);
}

static void login(const char *name, struct api_session *s)
{
    if (api_login(server.port, name, PASSWORD, s) != 200)
        fail_msg("login %s", name);
}

static int group_setup(void **state)
{
    static const struct {
        const char *name, *role, *area;
    } users[] = {
        {"p.officer", "commune_officer", HERE},
        {"p.officer2", "commune_officer", HERE},
        {"p.chairman", "commune_chairman", HERE},
        {"p.other", "commune_officer", THERE},
        {"p.other2", "commune_officer", THERE},
        {"p.otherchair", "commune_chairman", THERE},
        {"p.provider", "provider", "37"},
        {"p.supervisor", "supervisor", "37"},
    };
    struct app_pay_err err;
    char msg[256];
    size_t i;
    static const char *const months[][4] = {
        {"2026-04", "2026-03-20", "2026-04-05"},
        {"2026-05", "2026-04-20", "2026-05-05"},
        {"2026-06", "2026-05-20", "2026-06-05"},
        {"2026-07", "2026-06-19", "2026-07-06"},
        {"2026-08", "2026-07-20", "2026-08-05"},
    };

    (void)state;
    setenv("ANSINH_TODAY", TODAY, 1);
    db = testdb_open();
    snprintf(dsn, sizeof dsn, "%s", testdb_last_dsn());
    for (i = 0; i < sizeof users / sizeof users[0]; i++)
        if (app_user_create(db, users[i].name, "Người Thử", PASSWORD,
                            users[i].role, users[i].area, msg, sizeof msg) != 0)
            fail_msg("%s: %s", users[i].name, msg);
    ids[ANH] = person(ANH, "1980-05-05", "K6", "severe", "2026-01-01", "cash");
    ids[BINH] = person(BINH, "1940-02-02", "K5c", NULL, "2025-08-01", "bank");
    ids[CUONG] = person(CUONG, "1938-03-03", "K5c", NULL, "2025-08-01", "cash");
    ids[DUNG] = person(DUNG, "2022-09-15", "K1b", NULL, "2026-03-01", "cash");
    ids[EM] = person(EM, "2010-10-03", "K1b", NULL, "2025-08-01", "cash");
    ids[PHUONG] =
        person(PHUONG, "1939-04-04", "K5c", NULL, "2025-08-01", "cash");
    ids[GIANG] = person(GIANG, "1941-06-06", "K5c", NULL, "2025-08-01", "cash");
    assert_int_equal(app_payroll_fee_set(db, "test", "37", "2026-01-01", "1.5",
                                         "Quyết định của UBND tỉnh (thử)",
                                         &err),
                     0);
    for (i = 0; i < sizeof months / sizeof months[0]; i++) {
        history_month(HERE, months[i][0], months[i][1], months[i][2]);
        history_month(THERE, months[i][0], months[i][1], months[i][2]);
    }
    /* Lê Văn Cường died on 2026-06-10; reported on 2026-08-22. */
    terminate(CUONG, "2026-07-01", "31/QĐ-UBND ngày 22/08/2026");
    if (http_client_server_start(&server, dsn, NULL) != 0)
        return -1;
    login("p.officer", &officer);
    login("p.officer2", &officer2);
    login("p.chairman", &chairman);
    login("p.provider", &provider);
    login("p.other", &other);
    login("p.supervisor", &supervisor);
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

/* --- Helpers ---------------------------------------------------------------
 */

static json_t *call(const struct api_session *s, const char *method,
                    const char *path, const char *body, int want)
{
    struct http_client_response r;
    json_t *j;

    assert_int_equal(api_call(server.port, s, 1, method, path, body, NULL, &r),
                     0);
    if (r.status != want)
        fail_msg("%s %s -> %d, want %d: %s", method, path, r.status, want,
                 r.body);
    j = api_json(&r);
    http_client_response_free(&r);
    return j;
}

static int64_t count(const char *sql)
{
    int64_t n = -1;

    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

/* The lines of person who in a payroll's JSON, appended to out. */
static size_t lines_of(json_t *detail, int who, json_t **out, size_t cap)
{
    json_t *lines = json_object_get(detail, "lines"), *l;
    size_t i, n = 0;

    json_array_foreach(lines, i, l)
    {
        if (json_integer_value(json_object_get(l, "person_id")) == ids[who] &&
            n < cap)
            out[n++] = l;
    }
    return n;
}

static const json_t *line(json_t *const *v, size_t n, const char *kind,
                          const char *month)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(json_string_value(json_object_get(v[i], "kind")), kind) ==
                0 &&
            strcmp(json_string_value(json_object_get(v[i], "benefit_month")),
                   month) == 0)
            return v[i];
    fail_msg("no %s line for %s", kind, month);
    return NULL;
}

static int64_t amount(const json_t *l)
{
    return json_integer_value(json_object_get(l, "amount"));
}

static const char *text(const json_t *l, const char *k)
{
    return json_string_value(json_object_get(l, k));
}

static int keep_em(void *arg, const struct store_pay_line *l)
{
    if (strcmp(l->full_name, names[EM]) == 0 &&
        strcmp(l->kind, "allowance") == 0)
        *(struct store_pay_line *)arg = *l;
    return 0;
}

/* Vũ Văn Em's allowance line of September. */
static void em_line(struct store_pay_line *l)
{
    memset(l, 0, sizeof *l);
    assert_int_equal(store_payroll_lines(db, sept, 0, 0, 0, keep_em, l, NULL),
                     DB_OK);
    assert_true(l->id > 0);
}

/* POST body (len bytes) with Content-Type ct and the session. */
static void upload(const struct api_session *s, const char *path,
                   const char *body, size_t len, const char *ct,
                   struct http_client_response *r)
{
    const char *hdr[4] = {s->cookie, s->csrf, ct, NULL};

    assert_int_equal(
        http_client_request(server.port, "POST", path, hdr, body, len, r), 0);
}

/* The same as the long job job (header X-Job-Id: job). */
static void upload_job(const struct api_session *s, const char *path,
                       const char *body, size_t len, const char *ct,
                       const char *job, struct http_client_response *r)
{
    char h[80];
    const char *hdr[5] = {s->cookie, s->csrf, ct, h, NULL};

    snprintf(h, sizeof h, "X-Job-Id: %s", job);
    assert_int_equal(
        http_client_request(server.port, "POST", path, hdr, body, len, r), 0);
}

/* Job id of s, read back: done, with done == total == rows. */
static void expect_job_done(const struct api_session *s, const char *job,
                            int64_t rows)
{
    char path[96];
    json_t *j;

    snprintf(path, sizeof path, "/api/v1/jobs/%s", job);
    j = call(s, "GET", path, NULL, 200);
    assert_string_equal(text(j, "state"), "done");
    assert_int_equal(json_integer_value(json_object_get(j, "total")), rows);
    assert_int_equal(json_integer_value(json_object_get(j, "done")), rows);
    json_decref(j);
}

/* --- Tests ------------------------------------------------------------------
 */

/* §7.1, §6.3: five months of history, reconciled; the person who moved
 * was paid April by the old commune and May on by the new one, each
 * month once. */
static void test_rules_6_3_moved_person_paid_once_a_month(void **state)
{
    char sql[256];
    int m;

    (void)state;
    assert_int_equal(count("SELECT count(*) FROM payrolls WHERE state = "
                           "'reconciled'"),
                     10);
    for (m = 4; m <= 8; m++) {
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM payroll_lines WHERE person_id = %lld "
                 "AND kind = 'allowance' AND benefit_month = '2026-%02d-01'",
                 (long long)ids[GIANG], m);
        assert_int_equal(count(sql), 1);
    }
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM payroll_lines l JOIN payrolls p ON p.id = "
             "l.payroll_id WHERE l.person_id = %lld AND p.area_code = '%s'",
             (long long)ids[GIANG], THERE);
    assert_int_equal(count(sql), 1); /* April only */
}

/* §2.6, §7.1: Đặng Thị Phương collected nothing in April, May and June:
 * one suspension task, raised by June's results; her unpaid amounts roll
 * over month after month. */
static void test_rules_2_6_three_unpaid_months_raise_one_task(void **state)
{
    char sql[256];

    (void)state;
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM tasks WHERE person_id = %lld AND kind = "
             "'not_collected_3m' AND decision = 'suspend' AND state = 'open'",
             (long long)ids[PHUONG]);
    assert_int_equal(count(sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM tasks WHERE person_id = %lld AND "
             "task_key LIKE '%%:2026-06'",
             (long long)ids[PHUONG]);
    assert_int_equal(count(sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM tasks WHERE kind = 'not_collected_3m' AND "
             "person_id <> %lld",
             (long long)ids[PHUONG]);
    assert_int_equal(count(sql), 0);
    /* August carried April..July (chained), each once. */
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM payroll_lines l JOIN payrolls p ON p.id = "
             "l.payroll_id WHERE l.person_id = %lld AND l.kind = 'rollover' "
             "AND p.month = '2026-08-01'",
             (long long)ids[PHUONG]);
    assert_int_equal(count(sql), 4);
    snprintf(sql, sizeof sql,
             "SELECT sum(amount) FROM payroll_lines l JOIN payrolls p ON "
             "p.id = l.payroll_id WHERE l.person_id = %lld AND p.month = "
             "'2026-08-01'",
             (long long)ids[PHUONG]);
    assert_int_equal(count(sql), 5 * 500000);
}

/* The September payroll through the API, prepared on 2026-08-24: every
 * line kind with its amount (RULES.md §2.1, §2.3, §2.6, §14). */
static void test_rules_14_september_lines_through_the_api(void **state)
{
    json_t *j, *d, *v[64];
    size_t n;
    char path[128];

    (void)state;
    j = call(&officer, "POST", "/api/v1/payrolls",
             "{\"area\":\"" HERE "\",\"month\":\"2026-09\"}", 201);
    sept = json_integer_value(
        json_object_get(json_object_get(j, "payroll"), "id"));
    assert_string_equal(text(json_object_get(j, "payroll"), "prepared_on"),
                        TODAY);
    json_decref(j);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld?per_page=200",
             (long long)sept);
    d = call(&officer, "GET", path, NULL, 200);
    /* K6 severe adult: 1.5 x 540,000; arrears of July and August. */
    n = lines_of(d, ANH, v, 64);
    assert_int_equal(n, 3);
    assert_int_equal(amount(line(v, n, "allowance", "2026-09")), 810000);
    assert_int_equal(amount(line(v, n, "arrears", "2026-07")), 60000);
    assert_int_equal(amount(line(v, n, "arrears", "2026-08")), 60000);
    assert_non_null(
        strstr(text(line(v, n, "arrears", "2026-07"), "explanation"),
               "Nghị định 335/2026/NĐ-CP"));
    assert_non_null(
        strstr(text(line(v, n, "arrears", "2026-08"), "explanation"),
               "đã chi 750.000 đ; truy lĩnh 60.000 đ"));
    /* The K1 child turns 4 in September: 1.5 from her birthday month;
     * July and August were 2.5 x 500,000, owed 2.5 x 540,000. */
    n = lines_of(d, DUNG, v, 64);
    assert_int_equal(amount(line(v, n, "allowance", "2026-09")), 810000);
    assert_int_equal(amount(line(v, n, "arrears", "2026-07")), 100000);
    assert_int_equal(text(line(v, n, "allowance", "2026-09"), "coefficient")[0],
                     '1');
    /* §2.6: died in June, reported in August: July and August recovered,
     * never netted, no allowance. */
    n = lines_of(d, CUONG, v, 64);
    assert_int_equal(n, 2);
    assert_int_equal(amount(line(v, n, "recovery", "2026-07")), -500000);
    assert_int_equal(amount(line(v, n, "recovery", "2026-08")), -500000);
    assert_string_equal(text(line(v, n, "recovery", "2026-08"), "decision_ref"),
                        "31/QĐ-UBND ngày 22/08/2026");
    /* The moved person: allowance and arrears here, nothing there. */
    n = lines_of(d, GIANG, v, 64);
    assert_int_equal(amount(line(v, n, "allowance", "2026-09")), 540000);
    assert_int_equal(amount(line(v, n, "arrears", "2026-07")), 40000);
    /* Bank account: the snapshot of the arrangement. */
    n = lines_of(d, BINH, v, 64);
    assert_string_equal(text(v[0], "method"), "bank");
    assert_string_equal(text(v[0], "bank_code"), "970405");
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(d, "payroll"), "total_recovery")),
                     1000000);
    json_decref(d);
}

/* Same data, same bytes: preparing again changes only the version. */
static void test_prepare_twice_byte_identical(void **state)
{
    char path[128], *a, *b;
    json_t *j1, *j2;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld?per_page=200",
             (long long)sept);
    j1 = call(&officer, "GET", path, NULL, 200);
    json_decref(call(&officer, "POST", "/api/v1/payrolls",
                     "{\"area\":\"" HERE "\",\"month\":\"2026-09\"}", 201));
    j2 = call(&officer, "GET", path, NULL, 200);
    a = json_dumps(json_object_get(j1, "lines"), JSON_COMPACT);
    b = json_dumps(json_object_get(j2, "lines"), JSON_COMPACT);
    assert_string_equal(a, b);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(j2, "payroll"), "version")),
                     json_integer_value(json_object_get(
                         json_object_get(j1, "payroll"), "version")) +
                         1);
    free(a);
    free(b);
    json_decref(j1);
    json_decref(j2);
}

/* Separated duties and scope (docs/authz.md): the preparer cannot check,
 * an officer cannot approve, a stale version is 409, another commune's
 * officer gets 404, the supervisor never sees a line. */
static void test_approval_rules(void **state)
{
    struct http_client_response r;
    char path[128], body[64], code[64];
    int64_t version;
    json_t *j;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld", (long long)sept);
    j = call(&officer, "GET", path, NULL, 200);
    version = json_integer_value(
        json_object_get(json_object_get(j, "payroll"), "version"));
    json_decref(j);
    snprintf(body, sizeof body, "{\"version\":%lld}", (long long)version);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/check", (long long)sept);
    assert_int_equal(
        api_call(server.port, &officer, 1, "POST", path, body, NULL, &r), 0);
    assert_int_equal(r.status, 403);
    assert_string_equal(api_error(&r, code, sizeof code, NULL, 0),
                        "separation_of_duties");
    http_client_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/approve",
             (long long)sept);
    assert_int_equal(
        api_call(server.port, &officer2, 1, "POST", path, body, NULL, &r), 0);
    assert_int_equal(r.status, 403); /* the role: no PAYROLL_APPROVE */
    http_client_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/check", (long long)sept);
    json_decref(call(&officer2, "POST", path, body, 200));
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/approve",
             (long long)sept);
    json_decref(call(&chairman, "POST", path, body, 409)); /* stale version */
    snprintf(body, sizeof body, "{\"version\":%lld}", (long long)version + 1);
    j = call(&chairman, "POST", path, body, 200);
    assert_string_equal(text(json_object_get(j, "payroll"), "state"),
                        "approved");
    assert_int_equal(
        strlen(text(json_object_get(j, "payroll"), "content_hash")), 64);
    json_decref(j);
    /* Frozen: preparing again is refused. */
    json_decref(call(&officer, "POST", "/api/v1/payrolls",
                     "{\"area\":\"" HERE "\",\"month\":\"2026-09\"}", 409));
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld", (long long)sept);
    json_decref(call(&other, "GET", path, NULL, 404));
    json_decref(call(&supervisor, "GET", path, NULL, 403));
    assert_int_equal(
        count("SELECT count(*) FROM audit_log WHERE action = "
              "'payroll.approve' AND new_value LIKE '%content_hash%'"),
        11);
}

/* §7.1: the provider file (CSV with BOM, XLSX) with KyChiTra,
 * MaHinhThucChiTra, SoTaiKhoanNguoiNhan, MaNganHang and the amount. */
static void test_rules_7_1_provider_files(void **state)
{
    struct http_client_response r;
    struct xlsx_reader *x = NULL;
    const struct xlsx_cell *cells;
    size_t nc, rows = 0;
    char path[128], ct[128];

    (void)state;
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/provider.csv",
             (long long)sept);
    assert_int_equal(
        api_call(server.port, &provider, 1, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_memory_equal(r.body, "\xEF\xBB\xBF", 3);
    assert_non_null(strstr(r.body, "STT,KyChiTra,MaHinhThucChiTra,"
                                   "SoTaiKhoanNguoiNhan,MaNganHang,SoTien,"
                                   "HoTen,SoCCCD"));
    assert_non_null(strstr(r.body, ",09/2026,bank,1500206123456,970405,"
                                   "540000,Trần Văn Bình,"));
    assert_non_null(strstr(r.body, ",09/2026,cash,,,810000,Nguyễn Thị Ánh,"));
    assert_null(strstr(r.body, "Lê Văn Cường")); /* recoveries: not paid */
    assert_non_null(strstr(r.body, HERE "-202609-"));
    http_client_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/provider.xlsx",
             (long long)sept);
    assert_int_equal(
        api_call(server.port, &provider, 1, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    http_client_header(&r, "Content-Type", ct, sizeof ct);
    assert_non_null(strstr(ct, "spreadsheetml"));
    assert_int_equal(xlsx_reader_new(r.body, r.body_len, NULL, &x), XLSX_OK);
    assert_int_equal(xlsx_sheet_open(x, 0), XLSX_OK);
    assert_int_equal(xlsx_next(x, &cells, &nc), XLSX_ROW);
    assert_true(nc >= 12);
    assert_memory_equal(cells[1].ptr, "KyChiTra", 8);
    assert_memory_equal(cells[11].ptr, "MaThamChieu", 11);
    while (xlsx_next(x, &cells, &nc) == XLSX_ROW)
        rows++;
    assert_true(rows >= 14);
    xlsx_reader_free(x);
    http_client_response_free(&r);
}

/* The signed list of a payment point: PDF whose text keeps the marks
 * (pdftotext), the HTML print view, totals in words. */
static void test_pdf_list_keeps_vietnamese_marks(void **state)
{
    struct http_client_response r;
    char path[160], *text_out = NULL;
    json_t *d, *pts, *p;
    int64_t point = 0;
    size_t i;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld?per_page=1",
             (long long)sept);
    d = call(&officer, "GET", path, NULL, 200);
    pts = json_object_get(d, "points");
    json_array_foreach(pts, i, p)
    {
        if (strcmp(text(p, "name"), "Trụ sở UBND phường Phủ Lý") == 0)
            point = json_integer_value(json_object_get(p, "seq"));
    }
    json_decref(d);
    assert_true(point > 0);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/lists/%lld.pdf",
             (long long)sept, (long long)point);
    assert_int_equal(
        api_call(server.port, &provider, 1, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_memory_equal(r.body, "%PDF", 4);
    assert_int_equal(pdf_text(r.body, r.body_len, &text_out), 0);
    http_client_response_free(&r);
    assert_non_null(strstr(text_out, "Nguyễn Thị Ánh"));
    assert_non_null(strstr(text_out, "Ký nhận"));
    assert_non_null(strstr(text_out, "bằng chữ"));
    assert_non_null(strstr(text_out, "THÁNG 09/2026"));
    free(text_out);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/lists/%lld",
             (long long)sept, (long long)point);
    assert_int_equal(
        api_call(server.port, &officer, 1, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Nguyễn Thị Ánh"));
    assert_non_null(strstr(r.body, "Tổng số tiền bằng chữ"));
    http_client_response_free(&r);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/lists/0",
             (long long)sept);
    assert_int_equal(
        api_call(server.port, &officer, 1, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Lê Văn Cường"));
    assert_non_null(strstr(r.body, "Một triệu đồng"));
    http_client_response_free(&r);
}

/* Reconciliation through the API: paid, unpaid, unknown line, wrong
 * amount, duplicate; the same file again changes nothing; a corrected
 * file finishes it. */
static void test_rules_7_1_reconciliation(void **state)
{
    struct http_client_response r;
    char path[128], *csv, *res, *bad, extra[512], *fix;
    const char *ct = "Content-Type: text/csv", *nl;
    json_t *j, *mm, *m;
    int64_t results, mism, imports, rows;
    size_t i, len;
    int kinds = 0;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld", (long long)sept);
    j = call(&officer, "GET", path, NULL, 200);
    snprintf(extra, sizeof extra, "{\"version\":%lld}",
             (long long)json_integer_value(
                 json_object_get(json_object_get(j, "payroll"), "version")));
    json_decref(j);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/send", (long long)sept);
    json_decref(call(&officer, "POST", path, extra, 200));
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/provider.csv",
             (long long)sept);
    assert_int_equal(
        api_call(server.port, &provider, 1, "GET", path, NULL, NULL, &r), 0);
    csv = strdup(r.body);
    http_client_response_free(&r);
    res = results_of(csv, "05/09/2026", names[PHUONG]);
    /* Vũ Văn Em's allowance reported with one đồng more; Nguyễn Thị Ánh
     * twice; a line of no payroll. */
    len = strlen(res) + 1024;
    bad = malloc(len);
    assert_non_null(bad);
    snprintf(bad, len, "%s", res);
    {
        char *em = strstr(bad, ",810000,Vũ Văn Em,");

        assert_non_null(em);
        memcpy(em, ",810001,", 8);
    }
    {
        const char *anh = strstr(res, "Nguyễn Thị Ánh");
        const char *start = anh, *end;

        while (start > res && start[-1] != '\n')
            start--;
        end = strstr(anh, "\r\n") + 2;
        snprintf(extra, sizeof extra, "%.*s", (int)(end - start), start);
    }
    snprintf(bad + strlen(bad), len - strlen(bad),
             "%s99,09/2026,cash,,,500000,Ai Đó,,,,,99999-209909-000001,Đã "
             "chi,05/09/2026\r\n",
             extra);
    snprintf(path, sizeof path, "/api/v1/payrolls/%lld/reconciliation",
             (long long)sept);
    /* as a long job: its progress counts the file's rows (after the
     * header) */
    for (rows = -1, nl = bad; (nl = strstr(nl, "\r\n")) != NULL; nl += 2)
        rows++;
    assert_true(rows > 3);
    upload_job(&provider, path, bad, strlen(bad), ct, "recon-sept", &r);
    assert_int_equal(r.status, 201);
    expect_job_done(&provider, "recon-sept", rows);
    j = api_json(&r);
    http_client_response_free(&r);
    assert_false(json_is_true(json_object_get(j, "repeated")));
    assert_string_equal(text(j, "state"), "sent"); /* Em's line open */
    mm = json_object_get(j, "mismatches");
    json_array_foreach(mm, i, m)
    {
        const char *k = text(m, "kind");

        if (strcmp(k, "wrong_amount") == 0) {
            kinds |= 1;
            assert_int_equal(json_integer_value(json_object_get(m, "found")),
                             810001);
        } else if (strcmp(k, "duplicate") == 0) {
            kinds |= 2;
        } else if (strcmp(k, "unknown_line") == 0) {
            kinds |= 4;
            assert_string_equal(text(m, "ref"), "99999-209909-000001");
        }
    }
    assert_int_equal(kinds, 7);
    assert_int_equal(json_integer_value(json_object_get(
                         json_object_get(j, "import"), "mismatches")),
                     3);
    json_decref(j);
    /* The same file again: nothing changes. */
    results = count("SELECT count(*) FROM payroll_results");
    mism = count("SELECT count(*) FROM payroll_mismatches");
    imports = count("SELECT count(*) FROM payroll_imports");
    upload_job(&provider, path, bad, strlen(bad), ct, "recon-again", &r);
    assert_int_equal(r.status, 200);
    expect_job_done(&provider, "recon-again", rows);
    j = api_json(&r);
    assert_true(json_is_true(json_object_get(j, "repeated")));
    json_decref(j);
    http_client_response_free(&r);
    assert_int_equal(count("SELECT count(*) FROM payroll_results"), results);
    assert_int_equal(count("SELECT count(*) FROM payroll_mismatches"), mism);
    assert_int_equal(count("SELECT count(*) FROM payroll_imports"), imports);
    /* The corrected row for Em alone. */
    fix = strstr(res, "Vũ Văn Em");
    {
        const char *start = fix, *end;

        while (start > res && start[-1] != '\n')
            start--;
        end = strstr(fix, "\r\n") + 2;
        snprintf(extra, sizeof extra, "%.*s",
                 (int)(strchr(res, '\n') - res + 1), res);
        snprintf(extra + strlen(extra), sizeof extra - strlen(extra), "%.*s",
                 (int)(end - start), start);
    }
    upload(&provider, path, extra, strlen(extra), ct, &r);
    assert_int_equal(r.status, 201);
    j = api_json(&r);
    assert_string_equal(text(j, "state"), "reconciled");
    json_decref(j);
    http_client_response_free(&r);
    /* The same result for Em again, as XLSX (the formats layer's reader):
     * a new file, already applied: nothing changes but the import. */
    {
        static const struct fmt_column cols[] = {
            {"MaThamChieu", 22, FMT_LEFT, FMT_TEXT},
            {"SoTien", 12, FMT_RIGHT, FMT_MONEY},
            {"TrangThai", 10, FMT_LEFT, FMT_TEXT},
            {"NgayChi", 12, FMT_CENTER, FMT_DATE}};
        struct store_pay_line l;
        struct fmt_cell cells[4];
        struct fmt_table t = {cols, 4, cells, 1, NULL, 0};
        struct xlsx_sheet sh = {"KetQua", NULL, &t, 0};
        struct fmt_error fe;
        struct date d = {2026, 9, 5};
        struct buf x;

        em_line(&l);
        cells[0] = fmt_text(l.ref);
        cells[1] = fmt_num(l.amount);
        cells[2] = fmt_text("Đã chi");
        cells[3] = fmt_date(d);
        buf_init(&x, 1u << 20);
        assert_int_equal(xlsx_write_buf(&sh, 1, NULL, &x, &fe), FMT_OK);
        upload(&provider, path, x.data, x.len, XLSX_CT, &r);
        buf_free(&x);
        assert_int_equal(r.status, 201);
        j = api_json(&r);
        http_client_response_free(&r);
        assert_int_equal(json_integer_value(json_object_get(
                             json_object_get(j, "import"), "paid")),
                         1);
        assert_int_equal(json_array_size(json_object_get(j, "mismatches")), 0);
        assert_string_equal(text(j, "state"), "reconciled");
        json_decref(j);
    }
    /* Wrong media type: 415. */
    json_decref(call(&provider, "POST", path, "{}", 415));
    j = call(&provider, "GET", path, NULL, 200);
    assert_int_equal(json_array_size(json_object_get(j, "imports")), 3);
    json_decref(j);
    free(csv);
    free(res);
    free(bad);
}

/* §7.1: budget figures with the provider's fee (1.5 % of what was paid);
 * the supervisor reads them. */
static void test_rules_7_1_budget_and_fee(void **state)
{
    json_t *j, *t, *q;
    size_t i;
    int64_t paid = -1, fee = -1;

    (void)state;
    j = call(&supervisor, "GET",
             "/api/v1/reports/budget?year=2026&period=quarter", NULL, 200);
    t = json_object_get(j, "totals");
    json_array_foreach(t, i, q)
    {
        if (strcmp(text(q, "period"), "2026-Q2") == 0) {
            paid = json_integer_value(json_object_get(q, "paid"));
            fee = json_integer_value(json_object_get(q, "fee"));
        }
    }
    assert_true(paid > 0);
    assert_int_equal(fee, (paid * 150 + 5000) / 10000);
    json_decref(j);
    json_decref(
        call(&officer, "GET", "/api/v1/reports/budget?year=20x6", NULL, 400));
}

/* §2.7: the health-insurance list: Lê Văn Cường's card ends in July,
 * Phạm Thị Dung's is issued in March. */
static void test_rules_2_7_health_insurance_list(void **state)
{
    struct http_client_response r;

    (void)state;
    assert_int_equal(api_call(server.port, &officer, 1, "GET",
                              "/api/v1/reports/bhyt?area=" HERE
                              "&month=2026-07&format=csv",
                              NULL, NULL, &r),
                     0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "Lê Văn Cường"));
    assert_non_null(strstr(r.body, "Thôi cấp thẻ BHYT"));
    assert_null(strstr(r.body, "Nguyễn Thị Ánh"));
    http_client_response_free(&r);
    assert_int_equal(api_call(server.port, &officer, 1, "GET",
                              "/api/v1/reports/bhyt?area=" HERE
                              "&month=2026-03&format=csv",
                              NULL, NULL, &r),
                     0);
    assert_non_null(strstr(r.body, "Phạm Thị Dung"));
    assert_non_null(strstr(r.body, "Cấp mới thẻ BHYT"));
    http_client_response_free(&r);
    assert_int_equal(api_call(server.port, &officer, 1, "GET",
                              "/api/v1/reports/bhyt?area=" HERE
                              "&month=2026-03",
                              NULL, NULL, &r),
                     0);
    assert_memory_equal(r.body, "PK", 2);
    http_client_response_free(&r);
}

/* The CLI: --as names the account, whose role applies; verify recomputes
 * the frozen hash. */
static void test_cli_roles_and_verify(void **state)
{
    const char *bin = getenv("ANSINH_BIN");
    char cmd[1024], id[32];
    int st;

    (void)state;
    snprintf(id, sizeof id, "%lld", (long long)sept);
    snprintf(cmd, sizeof cmd,
             "%s payroll verify --db '%s' --id %s >/dev/null 2>&1", bin, dsn,
             id);
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    snprintf(cmd, sizeof cmd,
             "%s payroll prepare --db '%s' --as p.chairman --area " HERE
             " --month 2026-10 >/dev/null 2>&1",
             bin, dsn);
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1);
    snprintf(cmd, sizeof cmd,
             "%s payroll prepare --db '%s' --as p.officer --area " HERE
             " --month 2026-10 --on 2026-09-21 >/dev/null 2>&1",
             bin, dsn);
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    snprintf(cmd, sizeof cmd,
             "%s payroll check --db '%s' --as p.officer --area " HERE
             " --month 2026-10 >/dev/null 2>&1",
             bin, dsn);
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 1); /* own payroll */
    snprintf(cmd, sizeof cmd, "%s audit verify --db '%s' >/dev/null 2>&1", bin,
             dsn);
    st = system(cmd);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    /* October: Vũ Văn Em turns 16 (paid through October). */
    assert_int_equal(
        count("SELECT amount FROM payroll_lines l JOIN payrolls p ON p.id = "
              "l.payroll_id WHERE p.month = '2026-10-01' AND l.kind = "
              "'allowance' AND l.full_name = 'Vũ Văn Em'"),
        810000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules_6_3_moved_person_paid_once_a_month),
        cmocka_unit_test(test_rules_2_6_three_unpaid_months_raise_one_task),
        cmocka_unit_test(test_rules_14_september_lines_through_the_api),
        cmocka_unit_test(test_prepare_twice_byte_identical),
        cmocka_unit_test(test_approval_rules),
        cmocka_unit_test(test_rules_7_1_provider_files),
        cmocka_unit_test(test_pdf_list_keeps_vietnamese_marks),
        cmocka_unit_test(test_rules_7_1_reconciliation),
        cmocka_unit_test(test_rules_7_1_budget_and_fee),
        cmocka_unit_test(test_rules_2_7_health_insurance_list),
        cmocka_unit_test(test_cli_roles_and_verify),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
