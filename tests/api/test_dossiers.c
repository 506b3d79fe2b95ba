/* test_dossiers.c: case management on the real binary, on the engine ctest
 * names (docs/dossiers.md; RULES.md §2.6, §6.2, §6.5, §7.2).
 *
 *   - the 2021 three-tier path (§6.2) from submission to the district
 *     chairman's decision, with the server's clock before 2025-07-01:
 *     documents requested (the clock stops), the review, the posting and
 *     a complaint holding it, the forward, a late appraisal, the decision
 *     (K6 from the certificate month), the registry enrolled;
 *   - the 2025 two-tier path (§6.5) across Tết 2026: 10 working days, the
 *     population-database check first, the pause, a late decision, K5b
 *     from the 75th birthday month;
 *   - every kind of decision and its effective month (§2.6): grant,
 *     suspend, resume, adjust, terminate, each changing the registry;
 *   - refusal with written reasons, withdrawal, complaints about a
 *     refusal; the posting list never shows HIV information (K3, K8);
 *   - who may act where: roles per step from the procedure data (403),
 *     other areas (404), wrong signers (403);
 *   - bad inputs answered 4xx with a message and the field, changing
 *     nothing; the audit chain verifies at the end (ansinh audit verify).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "api_client.h"
#include "app/auth.h"
#include "app/registry.h"
#include "app/scope.h"
#include "http_client.h"
#include "store/db.h"
#include "testdb.h"

#define PASSWORD "mật-khẩu-hồ-sơ-1"

static struct db *db;
static char dsn[512];
static struct http_client_server server;
static int running;

/* The accounts (13285 and 13291 lie in district 347 until 2025-06-30). */
static struct api_session off, chair, off2, doff, dchair, doff2;
static const struct {
    const char *user, *role, *area;
    struct api_session *s;
} users[] = {
    {"xa.canbo", "commune_officer", "13285", &off},
    {"xa.chutich", "commune_chairman", "13285", &chair},
    {"xa2.canbo", "commune_officer", "13291", &off2},
    {"huyen.canbo", "district_officer", "347", &doff},
    {"huyen.chutich", "district_chairman", "347", &dchair},
    {"huyen349.canbo", "district_officer", "349", &doff2},
};

/* The persons. */
static int64_t p_mot, p_hai, p_ba, p_bon, p_nam, p_sau, p_bay, p_tam, p_chin;

/* --- fixture --------------------------------------------------------------
 */

static int64_t make_person(const char *name, const char *birth, const char *sex,
                           const char *unit)
{
    static const struct app_scope everywhere = {APP_SCOPE_NATIONAL, ""};
    struct app_person_input in;
    struct app_reg_err err;
    int64_t id = 0;

    memset(&in, 0, sizeof in);
    in.full_name = name;
    in.has_full_name = 1;
    in.birth_date = birth;
    in.has_birth_date = 1;
    in.sex = sex;
    in.has_sex = 1;
    in.unit_code = unit;
    in.address = "Tổ dân phố 3";
    in.resident_since = "2025-01-01";
    if (app_person_create(db, &everywhere, "test", &in, &id, &err) != 0)
        fail_msg("person %s: %s %s", name, err.field, err.message);
    return id;
}

/* Start the server with its clock on `today` and sign everyone in. */
static void start(const char *today)
{
    size_t i;

    setenv("ANSINH_TODAY", today, 1);
    assert_int_equal(http_client_server_start(&server, dsn, NULL), 0);
    running = 1;
    for (i = 0; i < sizeof users / sizeof users[0]; i++)
        if (api_login(server.port, users[i].user, PASSWORD, users[i].s) != 200)
            fail_msg("login %s", users[i].user);
}

static void stop(void)
{
    if (running)
        assert_int_equal(http_client_server_stop(&server), 0);
    running = 0;
}

static int group_setup(void **state)
{
    char msg[256];
    size_t i;

    (void)state;
    setenv("ANSINH_TODAY", "2025-06-30", 1);
    db = testdb_open();
    snprintf(dsn, sizeof dsn, "%s", testdb_last_dsn());
    for (i = 0; i < sizeof users / sizeof users[0]; i++)
        if (app_user_create(db, users[i].user, "Người Thử Hồ Sơ", PASSWORD,
                            users[i].role, users[i].area, msg,
                            sizeof msg) != 0) {
            fprintf(stderr, "%s: %s\n", users[i].user, msg);
            return -1;
        }
    p_mot = make_person("Nguyễn Thị Một", "1950-03-02", "F", "13285");
    p_hai = make_person("Trần Văn Hai", "1980-01-01", "M", "13285");
    p_ba = make_person("Lê Thị Ba", "1951-05-10", "F", "13285");
    p_bon = make_person("Phạm Văn Bốn", "1960-06-06", "M", "13285");
    p_nam = make_person("Hoàng Thị Năm", "1955-09-09", "F", "13285");
    p_sau = make_person("Đỗ Văn Sáu", "1948-01-01", "M", "13291");
    p_bay = make_person("Vũ Bảo Bảy", "2015-01-01", "M", "13285");
    p_tam = make_person("Đinh Văn Tám", "1944-02-02", "M", "13285");
    p_chin = make_person("Mai Thị Chín", "1960-09-09", "F", "13285");
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    stop();
    db_close(db);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    stop();
    return 0;
}

/* --- requests -------------------------------------------------------------
 */

/* Send method path with s and the body made from fmt (NULL: none); the
 * status must be want. Returns the JSON answer (caller decrefs) or NULL
 * when the answer is not JSON. */
static json_t *call(struct api_session *s, const char *method, const char *path,
                    int want, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static json_t *call(struct api_session *s, const char *method, const char *path,
                    int want, const char *fmt, ...)
{
    struct http_client_response r;
    char body[4096];
    json_t *j;
    va_list ap;

    if (fmt != NULL) {
        va_start(ap, fmt);
        vsnprintf(body, sizeof body, fmt, ap);
        va_end(ap);
    }
    assert_int_equal(
        api_call(server.port, s, 1, method, path, fmt ? body : NULL, NULL, &r),
        0);
    if (r.status != want)
        fail_msg("%s %s: status %d, want %d\n%s", method, path, r.status, want,
                 r.body);
    j = api_json(&r);
    http_client_response_free(&r);
    return j;
}

/* Like call, for an error answer: the status, the error code and, when
 * field is not NULL, the field. The message must not be empty. */
static void call_err(struct api_session *s, const char *method,
                     const char *path, int want, const char *code,
                     const char *field, const char *body)
{
    struct http_client_response r;
    char got[64], gfield[64];
    json_t *j, *e;

    assert_int_equal(api_call(server.port, s, 1, method, path, body, NULL, &r),
                     0);
    api_error(&r, got, sizeof got, gfield, sizeof gfield);
    if (r.status != want || strcmp(got, code) != 0 ||
        (field != NULL && strcmp(gfield, field) != 0))
        fail_msg("%s %s %s: %d %s/%s, want %d %s/%s\n%s", method, path,
                 body ? body : "", r.status, got, gfield, want, code,
                 field ? field : "-", r.body);
    j = api_json(&r);
    e = json_object_get(json_object_get(j, "error"), "message");
    assert_true(json_is_string(e) && json_string_length(e) > 10);
    json_decref(j);
    http_client_response_free(&r);
}

static int64_t q(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int64_t q(const char *fmt, ...)
{
    char sql[512];
    int64_t v = -1;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    if (db_query_int64(db, sql, &v) != DB_OK)
        fail_msg("%s: %s", sql, db_errmsg(db));
    return v;
}

static int64_t version(int64_t id)
{
    return q("SELECT version FROM dossiers WHERE id = %lld", (long long)id);
}

/* A string at a dotted path of j ("step.deadline"), "" if absent or
 * null. */
static const char *js(json_t *j, const char *path)
{
    char key[64];
    const char *dot;

    while ((dot = strchr(path, '.')) != NULL) {
        snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
        j = json_object_get(j, key);
        path = dot + 1;
    }
    j = json_object_get(j, path);
    return json_is_string(j) ? json_string_value(j) : "";
}

static json_t *jget(json_t *j, const char *path)
{
    char key[64];
    const char *dot;

    while ((dot = strchr(path, '.')) != NULL) {
        snprintf(key, sizeof key, "%.*s", (int)(dot - path), path);
        j = json_object_get(j, key);
        path = dot + 1;
    }
    return json_object_get(j, path);
}

/* Register a dossier (body fields after person_id) and return its id. */
static int64_t submit(struct api_session *s, int64_t person, const char *rest)
{
    json_t *j = call(s, "POST", "/api/v1/dossiers", 201,
                     "{\"person_id\":%lld,%s}", (long long)person, rest);
    int64_t id = json_integer_value(jget(j, "dossier.id"));

    assert_true(id > 0);
    json_decref(j);
    return id;
}

/* Take action at dossier id on date (note may be NULL); want 200.
 * Returns the dossier JSON ({"dossier": ...}). */
static json_t *act(struct api_session *s, int64_t id, const char *action,
                   const char *date, const char *note)
{
    char path[96];

    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/transitions",
             (long long)id);
    return call(s, "POST", path, 200,
                "{\"action\":\"%s\",\"version\":%lld,\"date\":\"%s\""
                "%s%s%s}",
                action, (long long)version(id), date,
                note ? ",\"note\":\"" : "", note ? note : "", note ? "\"" : "");
}

/* The same, refused with status and code; nothing changes. */
static void act_refused(struct api_session *s, int64_t id, const char *action,
                        const char *date, int status, const char *code)
{
    char path[96], body[256];
    int64_t v = version(id), audit = q("SELECT count(*) FROM audit_log");

    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/transitions",
             (long long)id);
    snprintf(body, sizeof body,
             "{\"action\":\"%s\",\"version\":%lld,\"date\":\"%s\"}", action,
             (long long)v, date);
    call_err(s, "POST", path, status, code, NULL, body);
    assert_int_equal(version(id), v);
    assert_int_equal(q("SELECT count(*) FROM audit_log"), audit);
}

static json_t *get_dossier(struct api_session *s, int64_t id)
{
    char path[64];

    snprintf(path, sizeof path, "/api/v1/dossiers/%lld", (long long)id);
    return call(s, "GET", path, 200, NULL);
}

/* The step of a dossier and its deadline must be as given. */
static void expect_step(json_t *j, const char *step, const char *deadline)
{
    if (strcmp(js(j, "dossier.step.code"), step) != 0 ||
        strcmp(js(j, "dossier.step.deadline"), deadline) != 0)
        fail_msg("step %s due %s, want %s due %s", js(j, "dossier.step.code"),
                 js(j, "dossier.step.deadline"), step, deadline);
}

/* Sign the decision of dossier id; returns {"decision": ...}. */
static json_t *sign(struct api_session *s, int64_t id, const char *number,
                    const char *date, int want)
{
    return call(s, "POST", "/api/v1/decisions", want,
                "{\"dossier_id\":%lld,\"version\":%lld,\"number\":\"%s\","
                "\"signed_on\":\"%s\"}",
                (long long)id, (long long)version(id), number, date);
}

/* The beneficiary status of a person and since when, from the registry
 * API. */
static void expect_status(int64_t person, const char *status, const char *since)
{
    char path[64];
    json_t *j;

    snprintf(path, sizeof path, "/api/v1/persons/%lld", (long long)person);
    j = call(&off, "GET", path, 200, NULL);
    if (strcmp(js(j, "beneficiary.status"), status) != 0 ||
        strcmp(js(j, "beneficiary.since"), since) != 0)
        fail_msg("person %lld: %s since %s, want %s since %s",
                 (long long)person, js(j, "beneficiary.status"),
                 js(j, "beneficiary.since"), status, since);
    json_decref(j);
}

/* --- RULES.md §6.2: the 2021 three-tier path ------------------------------
 */

static void test_2021_three_tier_path_s6_2(void **state)
{
    json_t *j, *steps;
    int64_t id, cid, other;
    char path[128];

    (void)state;
    start("2025-06-30");
    /* Submitted Monday 05/05/2025: the review is due in 7 WD, 14/05. */
    id = submit(&off, p_mot,
                "\"kind\":\"grant\",\"submitted_on\":\"2025-05-05\","
                "\"categories\":[\"K6\"],\"disability\":\"severe\","
                "\"certificate_on\":\"2025-04-10\",\"applicant\":\"Con gái\"");
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.procedure.id"), "monthly_2021");
    assert_string_equal(js(j, "dossier.procedure.structure"), "three_tier");
    expect_step(j, "review", "2025-05-14");
    json_decref(j);

    /* More documents: the clock stops on 07/05 and runs again on 12/05;
     * the 3 working days between (8, 9, 12) move the deadline to 19/05. */
    j = act(&off, id, "request_documents", "2025-05-07",
            "Thiếu giấy khai "
            "sinh");
    assert_true(json_is_true(jget(j, "dossier.step.paused")));
    assert_string_equal(js(j, "dossier.step.clock_stopped_on"), "2025-05-07");
    json_decref(j);
    act_refused(&chair, id, "approve_review", "2025-05-08", 409,
                "waiting_documents");
    j = act(&off, id, "documents_received", "2025-05-12", NULL);
    expect_step(j, "review", "2025-05-19");
    json_decref(j);

    /* The chairman decides the review (the officer may not, per data). */
    act_refused(&off, id, "approve_review", "2025-05-13", 403,
                "forbidden_action");
    j = act(&chair, id, "approve_review", "2025-05-13", NULL);
    /* Posting lasts 2 WD (14, 15/05). */
    expect_step(j, "posting", "2025-05-15");
    assert_true(json_is_true(jget(j, "dossier.step.public")));
    json_decref(j);
    act_refused(&off, id, "close_posting", "2025-05-14", 409,
                "period_not_over");

    /* A complaint on 14/05 holds the dossier (10 WD: due 28/05). */
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/complaints",
             (long long)id);
    j = call(&off, "POST", path, 201,
             "{\"version\":%lld,\"complainant\":\"Bà Hàng Xóm\",\"content\":"
             "\"Gia đình có thu nhập ổn định\",\"received_on\":"
             "\"2025-05-14\"}",
             (long long)version(id));
    cid = json_integer_value(jget(j, "complaint_id"));
    assert_true(json_is_true(jget(j, "dossier.step.held")));
    assert_string_equal(
        js(json_array_get(jget(j, "dossier.complaints"), 0), "deadline"),
        "2025-05-28");
    json_decref(j);
    act_refused(&off, id, "close_posting", "2025-05-16", 409,
                "held_by_complaint");
    /* The chairman answers it (the officer may not); the 4 working days
     * it was open (15, 16, 19, 20) extend the posting to 21/05. */
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/complaints/%lld/resolve",
             (long long)id, (long long)cid);
    {
        char body[128];

        snprintf(body, sizeof body, "{\"version\":%lld,\"answer\":\"Trả lời\"}",
                 (long long)version(id));
        call_err(&off, "POST", path, 403, "forbidden_action", NULL, body);
    }
    j = call(&chair, "POST", path, 200,
             "{\"version\":%lld,\"answer\":\"Đã xác minh: đủ điều kiện.\","
             "\"resolved_on\":\"2025-05-20\"}",
             (long long)version(id));
    expect_step(j, "posting", "2025-05-21");
    assert_true(json_is_false(
        jget(json_array_get(jget(j, "dossier.complaints"), 0), "late")));
    json_decref(j);
    {
        char body[128];

        snprintf(body, sizeof body, "{\"version\":%lld,\"answer\":\"Lần hai\"}",
                 (long long)version(id));
        call_err(&chair, "POST", path, 409, "already_resolved", NULL, body);
    }
    j = act(&off, id, "close_posting", "2025-05-21", NULL);
    expect_step(j, "forward", "2025-05-26");
    json_decref(j);
    act_refused(&off, id, "forward", "2025-05-22", 403, "forbidden_action");
    j = act(&chair, id, "forward", "2025-05-22", NULL);
    expect_step(j, "appraisal", "2025-06-02");
    json_decref(j);

    /* The district: an appraisal one day late, then the decision. */
    act_refused(&chair, id, "appraise", "2025-06-03", 403, "forbidden_action");
    j = act(&doff, id, "appraise", "2025-06-03", NULL);
    expect_step(j, "decision", "2025-06-06");
    steps = jget(j, "dossier.steps");
    assert_int_equal(json_array_size(steps), 5);
    assert_string_equal(js(json_array_get(steps, 3), "code"), "appraisal");
    assert_true(json_is_true(jget(json_array_get(steps, 3), "late")));
    assert_true(json_is_false(jget(json_array_get(steps, 0), "late")));
    assert_int_equal(json_integer_value(jget(json_array_get(steps, 0),
                                             "stopped_working_days")),
                     3);
    assert_string_equal(js(json_array_get(steps, 3), "ended_by"),
                        "huyen.canbo");
    assert_string_equal(js(json_array_get(steps, 3), "ended_role"),
                        "district_officer");
    json_decref(j);

    /* Before 2025-07-01 the district chairman signs (RULES.md §2.6). */
    j = sign(&chair, id, "15/QĐ-UBND", "2025-06-04", 403);
    json_decref(j);
    j = sign(&dchair, id, "15/QĐ-UBND", "2025-06-04", 201);
    assert_string_equal(js(j, "decision.kind"), "grant");
    assert_string_equal(js(j, "decision.signing_unit"), "347");
    assert_string_equal(js(j, "decision.signer.role"), "district_chairman");
    /* K6: from the month of the disability certificate (04/2025). */
    assert_string_equal(js(j, "decision.effective_month"), "2025-04");
    snprintf(path, sizeof path, "%s", js(j, "decision.print_url"));
    json_decref(j);
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.state"), "decided");
    assert_string_equal(js(j, "dossier.decision.number"), "15/QĐ-UBND");
    assert_true(json_is_null(jget(j, "dossier.step")));
    json_decref(j);
    expect_status(p_mot, "enrolled", "2025-04-01");

    /* The printable letter: HTML, Vietnamese, dd/mm/yyyy, the month. */
    {
        struct http_client_response r;
        char ct[64];

        assert_int_equal(
            api_call(server.port, &off, 0, "GET", path, NULL, NULL, &r), 0);
        assert_int_equal(r.status, 200);
        assert_non_null(http_client_header(&r, "Content-Type", ct, sizeof ct));
        assert_non_null(strstr(ct, "text/html"));
        assert_non_null(strstr(r.body, "<html lang=\"vi\">"));
        assert_non_null(strstr(r.body, "Số: 15/QĐ-UBND"));
        assert_non_null(strstr(r.body, "Nguyễn Thị Một"));
        assert_non_null(strstr(r.body, "sinh ngày 02/03/1950"));
        assert_non_null(strstr(r.body, "kể từ tháng 04/2025"));
        assert_non_null(strstr(r.body, "ngày 04 tháng 06 năm 2025"));
        assert_non_null(strstr(r.body, "print.css"));
        http_client_response_free(&r);
    }

    /* The same number in the same district and year is refused. */
    other = submit(&off, p_nam,
                   "\"kind\":\"grant\",\"submitted_on\":\"2025-06-02\","
                   "\"categories\":[\"K5a\"]");
    json_decref(act(&chair, other, "approve_review", "2025-06-03", NULL));
    json_decref(act(&off, other, "close_posting", "2025-06-05", NULL));
    json_decref(act(&chair, other, "forward", "2025-06-06", NULL));
    json_decref(act(&doff, other, "appraise", "2025-06-09", NULL));
    {
        char body[256];

        snprintf(body, sizeof body,
                 "{\"dossier_id\":%lld,\"version\":%lld,\"number\":"
                 "\"15/QĐ-UBND\",\"signed_on\":\"2025-06-10\"}",
                 (long long)other, (long long)version(other));
        call_err(&dchair, "POST", "/api/v1/decisions", 409, "duplicate_number",
                 "number", body);
    }
    /* Refused at the decision step, with written reasons. */
    j = act(&dchair, other, "refuse", "2025-06-10",
            "Không thuộc diện hộ nghèo");
    assert_string_equal(js(j, "dossier.state"), "refused");
    assert_string_equal(js(j, "dossier.outcome_text"),
                        "Không thuộc diện hộ nghèo");
    json_decref(j);
}

/* Decree 20/2021 Art. 8(1)(b): HIV information is never posted (K3, K8),
 * whatever else the list shows. */
static void test_posting_never_shows_hiv_s6_2(void **state)
{
    json_t *j, *items;
    char *text;
    int64_t hiv, child;
    size_t i;
    int found;

    (void)state;
    start("2025-06-30");
    hiv =
        submit(&off, p_hai,
               "\"kind\":\"grant\",\"submitted_on\":\"2025-06-02\","
               "\"categories\":[\"K8\"],\"note\":\"Nhiễm HIV, điều trị ARV\"");
    child = submit(&off, p_bay,
                   "\"kind\":\"grant\",\"submitted_on\":\"2025-06-02\","
                   "\"categories\":[\"K3\",\"K6\"],\"disability\":"
                   "\"severe\",\"certificate_on\":\"2025-05-20\"");
    json_decref(act(&chair, hiv, "approve_review", "2025-06-03", NULL));
    json_decref(act(&chair, child, "approve_review", "2025-06-03", NULL));
    j = call(&off, "GET", "/api/v1/units/13285/posting?date=2025-06-04", 200,
             NULL);
    items = jget(j, "items");
    /* Both, and the dossier of test 1 posted on the same days. */
    assert_int_equal(json_array_size(items), 3);
    found = 0;
    for (i = 0; i < json_array_size(items); i++) {
        json_t *it = json_array_get(items, i);
        const char *name = js(it, "full_name");

        if (strcmp(name, "Vũ Bảo Bảy") == 0) {
            /* K6 shows, K3 does not */
            assert_int_equal(json_array_size(jget(it, "categories")), 1);
            assert_string_equal(
                js(json_array_get(jget(it, "categories"), 0), "code"), "K6");
            found |= 1;
        } else if (strcmp(name, "Trần Văn Hai") == 0) {
            assert_int_equal(json_array_size(jget(it, "categories")), 0);
            assert_int_equal(json_integer_value(jget(it, "birth_year")), 1980);
            assert_string_equal(js(it, "posted_until"), "2025-06-05");
            found |= 2;
        }
    }
    assert_int_equal(found, 3);
    text = json_dumps(j, 0);
    assert_null(strstr(text, "K8"));
    assert_null(strstr(text, "K3"));
    assert_null(strstr(text, "\"HIV"));
    assert_null(strstr(text, "nhiễm"));
    assert_null(strstr(text, "Nhiễm"));
    assert_null(strstr(text, "ARV"));
    free(text);
    json_decref(j);
    /* Before and after the posting: not listed. */
    j = call(&off, "GET", "/api/v1/units/13285/posting?date=2025-06-02", 200,
             NULL);
    assert_int_equal(json_array_size(jget(j, "items")), 0);
    json_decref(j);
    json_decref(act(&off, hiv, "close_posting", "2025-06-05", NULL));
    j = call(&off, "GET", "/api/v1/units/13285/posting?date=2025-06-06", 200,
             NULL);
    assert_int_equal(json_array_size(jget(j, "items")), 1);
    json_decref(j);
    /* Staff reading the dossier see its category. */
    j = get_dossier(&off, hiv);
    assert_string_equal(
        js(json_array_get(jget(j, "dossier.categories"), 0), "code"), "K8");
    json_decref(j);
    /* A district is not a posting place; a commune outside the area is
     * not found. */
    call_err(&off, "GET", "/api/v1/units/347/posting", 404, "not_found", NULL,
             NULL);
    call_err(&off2, "GET", "/api/v1/units/13285/posting?date=2025-06-04", 404,
             "not_found", NULL, NULL);
    call_err(&off, "GET", "/api/v1/units/13285/posting?date=2025-02-30", 400,
             "invalid_date", "date", NULL);
}

/* Refusal with written reasons, withdrawal, a complaint about a refusal
 * (RULES.md §6.2 step 5). */
static void test_refusal_and_withdrawal_s6_2(void **state)
{
    json_t *j;
    int64_t a, b;
    char path[96], body[256];

    (void)state;
    start("2025-06-30");
    a = submit(&off, p_nam,
               "\"kind\":\"grant\",\"submitted_on\":\"2025-06-09\","
               "\"categories\":[\"K5a\"]");
    json_decref(act(&chair, a, "approve_review", "2025-06-10", NULL));
    json_decref(act(&off, a, "close_posting", "2025-06-12", NULL));
    json_decref(act(&chair, a, "forward", "2025-06-13", NULL));
    /* Refusing needs written reasons. */
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/transitions",
             (long long)a);
    snprintf(body, sizeof body,
             "{\"action\":\"refuse\",\"version\":%lld,\"date\":"
             "\"2025-06-16\"}",
             (long long)version(a));
    call_err(&doff, "POST", path, 400, "missing_field", "note", body);
    j = act(&doff, a, "refuse", "2025-06-16",
            "Có người phụng dưỡng theo quy định");
    assert_string_equal(js(j, "dossier.state"), "refused");
    assert_string_equal(js(j, "dossier.closed_on"), "2025-06-16");
    json_decref(j);
    /* Closed: no more steps; a complaint about the refusal is received. */
    act_refused(&doff, a, "appraise", "2025-06-17", 409, "invalid_action");
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/complaints",
             (long long)a);
    j = call(&off, "POST", path, 201,
             "{\"version\":%lld,\"complainant\":\"Hoàng Thị Năm\","
             "\"content\":\"Không có người phụng dưỡng\",\"received_on\":"
             "\"2025-06-18\"}",
             (long long)version(a));
    assert_string_equal(
        js(json_array_get(jget(j, "dossier.complaints"), 0), "step"),
        "refused");
    json_decref(j);

    /* Withdrawn by the applicant at the review. */
    b = submit(&off, p_nam,
               "\"kind\":\"grant\",\"submitted_on\":\"2025-06-20\","
               "\"categories\":[\"K5a\"]");
    j = act(&off, b, "withdraw", "2025-06-23", "Đơn rút hồ sơ");
    assert_string_equal(js(j, "dossier.state"), "withdrawn");
    assert_int_equal(json_array_size(jget(j, "dossier.actions")), 0);
    json_decref(j);
    act_refused(&chair, b, "approve_review", "2025-06-24", 409,
                "invalid_action");
}

/* RULES.md §6.5: two tiers, 10 working days in all, across Tết 2026. */
static void test_2025_two_tier_path_across_tet_s6_5(void **state)
{
    json_t *j;
    int64_t id, late;

    (void)state;
    start("2026-03-20");
    /* Submitted Tuesday 10/02/2026: 11, 12, 13/02, Tết 14-22/02, then
     * 23-27/02, 02 and 03/03: due 03/03/2026. */
    id = submit(&off, p_ba,
                "\"kind\":\"grant\",\"submitted_on\":\"2026-02-10\","
                "\"categories\":[\"K5b\"]");
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.procedure.id"), "monthly_2025");
    assert_string_equal(js(j, "dossier.procedure.structure"), "two_tier");
    expect_step(j, "review", "2026-03-03");
    json_decref(j);
    /* The population-database check comes before the proposal. */
    act_refused(&off, id, "approve_review", "2026-02-11", 409, "requires");
    json_decref(act(&off, id, "population_check", "2026-02-11", NULL));
    /* Documents requested 12/02, received 02/03: 7 working days stand
     * still (13/02, 23-27/02, 02/03), so due 12/03 (docs/calendar.md). */
    json_decref(act(&off, id, "request_documents", "2026-02-12", NULL));
    j = act(&off, id, "documents_received", "2026-03-02", NULL);
    expect_step(j, "review", "2026-03-12");
    json_decref(j);
    j = act(&off, id, "approve_review", "2026-03-05", NULL);
    /* One window for the whole procedure: the decision is due 12/03 too. */
    expect_step(j, "decision", "2026-03-12");
    json_decref(j);
    /* From 2025-07-01 the commune chairman decides; the district is gone
     * (its chairman sees nothing of the commune any more). */
    json_decref(sign(&dchair, id, "3/QĐ-UBND", "2026-03-13", 404));
    j = sign(&chair, id, "3/QĐ-UBND", "2026-03-13", 201);
    assert_string_equal(js(j, "decision.signing_unit"), "13285");
    assert_string_equal(js(j, "decision.signer.role"), "commune_chairman");
    /* K5b from the month of the 75th birthday (05/2026), later than the
     * signing month (RULES.md §2.6). */
    assert_string_equal(js(j, "decision.effective_month"), "2026-05");
    json_decref(j);
    j = get_dossier(&off, id);
    /* Signed on 13/03, a day after the deadline: late. */
    assert_true(json_is_true(
        jget(json_array_get(jget(j, "dossier.steps"), 1), "late")));
    json_decref(j);
    expect_status(p_ba, "enrolled", "2026-05-01");

    /* The inbox: an untouched dossier submitted 02/03 was due 16/03. */
    late = submit(&off, p_nam,
                  "\"kind\":\"grant\",\"submitted_on\":\"2026-03-02\","
                  "\"categories\":[\"K5a\"]");
    {
        char path[96];

        /* (the 2021 dossiers left open above are overdue too: carried by
         * the reorganisation operation, not here) */
        snprintf(path, sizeof path, "/api/v1/dossiers?overdue=1&person=%lld",
                 (long long)p_nam);
        j = call(&off, "GET", path, 200, NULL);
    }
    assert_int_equal(json_integer_value(jget(j, "total")), 1);
    assert_int_equal(
        json_integer_value(jget(json_array_get(jget(j, "items"), 0), "id")),
        late);
    assert_true(
        json_is_true(jget(json_array_get(jget(j, "items"), 0), "overdue")));
    /* 16/03 -> 20/03: 4 working days past */
    assert_int_equal(
        json_integer_value(
            jget(json_array_get(jget(j, "items"), 0), "working_days_left")),
        -4);
    json_decref(j);
    j = call(&off, "GET", "/api/v1/dossiers?state=open&kind=grant&page=1", 200,
             NULL);
    assert_true(json_integer_value(jget(j, "total")) >= 1);
    json_decref(j);
}

/* Each kind of decision and its effective month (RULES.md §2.6), each
 * changing the registry: grant, suspend, resume, adjust, terminate. */
static void test_decision_kinds_effective_month_s2_6(void **state)
{
    json_t *j;
    int64_t id;

    (void)state;
    start("2026-03-20");
    /* grant K6, certificate 15/12/2025: from 12/2025 */
    id = submit(&off, p_bon,
                "\"kind\":\"grant\",\"submitted_on\":\"2026-01-05\","
                "\"categories\":[\"K6\"],\"disability\":\"severe\","
                "\"certificate_on\":\"2025-12-15\"");
    json_decref(act(&off, id, "population_check", "2026-01-06", NULL));
    json_decref(act(&off, id, "approve_review", "2026-01-07", NULL));
    j = sign(&chair, id, "10/QĐ-UBND", "2026-01-12", 201);
    assert_string_equal(js(j, "decision.effective_month"), "2025-12");
    json_decref(j);
    expect_status(p_bon, "enrolled", "2025-12-01");

    /* suspend: not collected through January: from the month after */
    id = submit(&off, p_bon,
                "\"kind\":\"stop\",\"submitted_on\":\"2026-02-02\","
                "\"proposed\":\"suspend\",\"ground\":\"not_collected\","
                "\"event_on\":\"2026-01-31\"");
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.procedure.id"), "stop_2025");
    json_decref(j);
    json_decref(act(&off, id, "propose", "2026-02-03", NULL));
    j = sign(&chair, id, "20/QĐ-UBND", "2026-02-04", 201);
    assert_string_equal(js(j, "decision.kind"), "suspend");
    assert_string_equal(js(j, "decision.reason"), "not_collected");
    assert_string_equal(js(j, "decision.effective_month"), "2026-02");
    json_decref(j);
    expect_status(p_bon, "suspended", "2026-02-01");

    /* resume: collected again in March: from that month */
    id = submit(&off, p_bon,
                "\"kind\":\"stop\",\"submitted_on\":\"2026-03-05\","
                "\"proposed\":\"resume\",\"event_on\":\"2026-03-05\"");
    json_decref(act(&off, id, "propose", "2026-03-05", NULL));
    j = sign(&chair, id, "30/QĐ-UBND", "2026-03-06", 201);
    assert_string_equal(js(j, "decision.kind"), "resume");
    assert_string_equal(js(j, "decision.effective_month"), "2026-03");
    json_decref(j);
    expect_status(p_bon, "enrolled", "2026-03-01");

    /* adjust: especially severe from the month the condition is met */
    id = submit(&off, p_bon,
                "\"kind\":\"adjust\",\"submitted_on\":\"2026-03-09\","
                "\"categories\":[\"K6\"],\"disability\":"
                "\"especially_severe\",\"certificate_on\":\"2026-03-02\","
                "\"event_on\":\"2026-03-02\"");
    json_decref(act(&off, id, "population_check", "2026-03-09", NULL));
    json_decref(act(&off, id, "approve_review", "2026-03-09", NULL));
    j = sign(&chair, id, "31/QĐ-UBND", "2026-03-10", 201);
    assert_string_equal(js(j, "decision.kind"), "adjust");
    assert_string_equal(js(j, "decision.effective_month"), "2026-03");
    json_decref(j);
    assert_int_equal(q("SELECT count(*) FROM memberships WHERE person_id = "
                       "%lld AND category = 'K6' AND valid_to = '2026-03-01'",
                       (long long)p_bon),
                     1);
    assert_int_equal(q("SELECT count(*) FROM memberships WHERE person_id = "
                       "%lld AND disability = 'especially_severe' AND "
                       "valid_from = '2026-03-01' AND valid_to IS NULL",
                       (long long)p_bon),
                     1);

    /* terminate: died 10/03: from the month after */
    id = submit(&off, p_bon,
                "\"kind\":\"stop\",\"submitted_on\":\"2026-03-11\","
                "\"proposed\":\"terminate\",\"ground\":\"death\","
                "\"event_on\":\"2026-03-10\"");
    json_decref(act(&off, id, "propose", "2026-03-11", NULL));
    j = sign(&chair, id, "32/QĐ-UBND", "2026-03-12", 201);
    assert_string_equal(js(j, "decision.kind"), "terminate");
    assert_string_equal(js(j, "decision.effective_month"), "2026-04");
    json_decref(j);
    expect_status(p_bon, "terminated", "2026-04-01");
    /* The list of decisions of the person, newest first. */
    {
        char path[96];

        snprintf(path, sizeof path, "/api/v1/decisions?person=%lld",
                 (long long)p_bon);
        j = call(&off, "GET", path, 200, NULL);
        assert_int_equal(json_integer_value(jget(j, "total")), 5);
        assert_string_equal(js(json_array_get(jget(j, "items"), 0), "kind"),
                            "terminate");
        json_decref(j);
        snprintf(path, sizeof path,
                 "/api/v1/decisions?person=%lld&kind=suspend",
                 (long long)p_bon);
        j = call(&off, "GET", path, 200, NULL);
        assert_int_equal(json_integer_value(jget(j, "total")), 1);
        json_decref(j);
    }
    /* The registry refuses what cannot follow: resuming a terminated
     * record, and nothing is kept. */
    id = submit(&off, p_bon,
                "\"kind\":\"stop\",\"submitted_on\":\"2026-03-16\","
                "\"proposed\":\"resume\",\"event_on\":\"2026-03-16\"");
    json_decref(act(&off, id, "propose", "2026-03-16", NULL));
    {
        char body[256];
        int64_t n = q("SELECT count(*) FROM decisions");

        snprintf(body, sizeof body,
                 "{\"dossier_id\":%lld,\"version\":%lld,\"number\":"
                 "\"33/QĐ-UBND\",\"signed_on\":\"2026-03-17\"}",
                 (long long)id, (long long)version(id));
        call_err(&chair, "POST", "/api/v1/decisions", 409, "registry_refused",
                 "kind", body);
        assert_int_equal(q("SELECT count(*) FROM decisions"), n);
    }
    expect_status(p_bon, "terminated", "2026-04-01");
}

/* Funeral support (RULES.md §2.8): decided by the commune chairman after
 * 2025-07-01, without touching the registry; the letter escapes every
 * value. */
static void test_funeral_and_print_escaping_s2_8(void **state)
{
    struct http_client_response r;
    json_t *j;
    int64_t id;
    char path[96];

    (void)state;
    start("2026-03-20");
    id = submit(&off, p_nam,
                "\"kind\":\"funeral\",\"submitted_on\":\"2026-03-16\","
                "\"applicant\":\"Con trai <Út> & \\\"cháu\\\"\"");
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.procedure.id"), "funeral_2025");
    assert_true(json_is_null(jget(j, "dossier.step.deadline")));
    json_decref(j);
    json_decref(act(&off, id, "propose", "2026-03-17", NULL));
    j = sign(&chair, id, "34/QĐ-UBND <b>&'\\\"", "2026-03-18", 201);
    assert_string_equal(js(j, "decision.kind"), "grant");
    assert_string_equal(js(j, "decision.effective_month"), "2026-03");
    snprintf(path, sizeof path, "%s", js(j, "decision.print_url"));
    json_decref(j);
    assert_int_equal(q("SELECT count(*) FROM beneficiaries WHERE person_id = "
                       "%lld",
                       (long long)p_nam),
                     0);
    assert_int_equal(
        api_call(server.port, &off, 0, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "hỗ trợ chi phí mai táng"));
    assert_non_null(strstr(r.body, "34/QĐ-UBND &lt;b&gt;&amp;&#39;&quot;"));
    assert_null(strstr(r.body, "<b>"));
    http_client_response_free(&r);
}

/* RULES.md §6.3 and §6.4 under the 2021 model: a move from another
 * district (3 WD at the new commune, 5 WD at the district; from the month
 * after the old place's stop month), then a suspension through the
 * district (no statutory deadlines). */
static void test_transfer_and_stop_2021_s6_3_s6_4(void **state)
{
    json_t *j;
    int64_t id;

    (void)state;
    start("2025-06-30");
    id = submit(&off, p_tam,
                "\"kind\":\"transfer\",\"submitted_on\":\"2025-06-02\","
                "\"categories\":[\"K5c\"],\"event_on\":\"2025-05-20\"");
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.procedure.id"), "transfer_2021");
    expect_step(j, "confirm", "2025-06-05");
    json_decref(j);
    j = act(&chair, id, "forward", "2025-06-04", NULL);
    expect_step(j, "appraisal", "2025-06-11");
    json_decref(j);
    j = act(&doff, id, "appraise", "2025-06-10", NULL);
    expect_step(j, "decision", "");
    json_decref(j);
    j = sign(&dchair, id, "40/QĐ-UBND", "2025-06-12", 201);
    assert_string_equal(js(j, "decision.effective_month"), "2025-06");
    json_decref(j);
    expect_status(p_tam, "enrolled", "2025-06-01");

    id = submit(&off, p_tam,
                "\"kind\":\"stop\",\"submitted_on\":\"2025-06-16\","
                "\"proposed\":\"suspend\",\"ground\":\"detention\","
                "\"event_on\":\"2025-06-15\"");
    j = get_dossier(&off, id);
    assert_string_equal(js(j, "dossier.procedure.id"), "stop_2021");
    expect_step(j, "proposal", "");
    json_decref(j);
    json_decref(act(&chair, id, "forward", "2025-06-17", NULL));
    json_decref(act(&doff, id, "appraise", "2025-06-18", NULL));
    j = sign(&dchair, id, "41/QĐ-UBND", "2025-06-19", 201);
    assert_string_equal(js(j, "decision.kind"), "suspend");
    assert_string_equal(js(j, "decision.effective_month"), "2025-07");
    json_decref(j);
    expect_status(p_tam, "suspended", "2025-07-01");
}

/* The UNVERIFIED 2025 posting step (RULES.md §6.5, §12.3) is data behind
 * the flag posting_2025: with it on, the review is posted for 2 WD before
 * the commune chairman decides, inside the same 10 WD. */
static void test_posting_flag_2025_s6_5_s12_3(void **state)
{
    json_t *j;
    int64_t id;

    (void)state;
    setenv("ANSINH_PROCEDURE_FLAGS", "posting_2025", 1);
    start("2026-03-20");
    unsetenv("ANSINH_PROCEDURE_FLAGS");
    j = call(&off, "GET", "/api/v1/procedures", 200, NULL);
    assert_true(json_is_true(jget(json_array_get(jget(j, "flags"), 0), "on")));
    json_decref(j);
    id = submit(&off, p_chin,
                "\"kind\":\"grant\",\"submitted_on\":\"2026-03-09\","
                "\"categories\":[\"K5a\"]");
    json_decref(act(&off, id, "population_check", "2026-03-09", NULL));
    /* With the flag, the chairman decides the review (data). */
    act_refused(&off, id, "approve_review", "2026-03-10", 403,
                "forbidden_action");
    j = act(&chair, id, "approve_review", "2026-03-10", NULL);
    expect_step(j, "posting", "2026-03-12");
    json_decref(j);
    j = call(&off, "GET", "/api/v1/units/13285/posting?date=2026-03-11", 200,
             NULL);
    {
        /* (the 2021 posting left open in an earlier test is still up) */
        char *text = json_dumps(j, 0);

        assert_int_equal(json_array_size(jget(j, "items")), 2);
        assert_non_null(strstr(text, "Mai Thị Chín"));
        free(text);
    }
    json_decref(j);
    j = act(&off, id, "close_posting", "2026-03-12", NULL);
    expect_step(j, "decision", "2026-03-23");
    json_decref(j);
    j = sign(&chair, id, "50/QĐ-UBND", "2026-03-13", 201);
    assert_string_equal(js(j, "decision.effective_month"), "2026-03");
    json_decref(j);
}

/* Bad inputs: 4xx with a message and the field, and nothing changes. */
static void test_bad_inputs_change_nothing(void **state)
{
    static const struct {
        const char *body;
        int status;
        const char *code, *field;
    } creates[] = {
        {"{\"person_id\":%lld,\"kind\":\"loan\"}", 400, "invalid_kind", "kind"},
        {"{\"person_id\":%lld,\"kind\":\"grant\"}", 400, "missing_field",
         "categories"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K9\"]}",
         400, "invalid_category", "categories"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K4\",\"K4\"]}",
         400, "invalid_category", "categories"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "\"K4\"}",
         400, "invalid_field", "categories"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K6\"]}",
         400, "invalid_disability", "disability"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K6\"],\"disability\":\"severe\"}",
         400, "missing_field", "certificate_on"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K5a\"],\"submitted_on\":\"2025-02-30\"}",
         400, "invalid_date", "submitted_on"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K5a\"],\"submitted_on\":\"2025-07-01\"}",
         400, "invalid_date", "submitted_on"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K5a\"],\"submitted_on\":\"2021-06-30\"}",
         400, "no_procedure", "submitted_on"},
        {"{\"person_id\":%lld,\"kind\":\"stop\",\"proposed\":"
         "\"suspend\",\"event_on\":\"2025-06-01\"}",
         400, "invalid_ground", "ground"},
        {"{\"person_id\":%lld,\"kind\":\"stop\",\"proposed\":"
         "\"suspend\",\"ground\":\"death\",\"event_on\":"
         "\"2025-06-01\"}",
         400, "invalid_ground", "ground"},
        {"{\"person_id\":%lld,\"kind\":\"stop\",\"proposed\":"
         "\"terminate\",\"ground\":\"death\"}",
         400, "missing_field", "event_on"},
        {"{\"person_id\":%lld,\"kind\":\"funeral\",\"categories\":"
         "[\"K5a\"]}",
         400, "unexpected_field", "categories"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K5a\"],\"colour\":\"red\"}",
         400, "unknown_field", "colour"},
        {"{\"person_id\":\"%lld\",\"kind\":\"grant\"}", 400, "invalid_field",
         "person_id"},
        {"{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
         "[\"K5a\"],\"note\":\"a\",\"note\":\"b\"}",
         400, "invalid_json", NULL},
        {"[%lld]", 400, "invalid_json", NULL},
    };
    char body[512], path[96];
    int64_t audit, dossiers, id, v;
    size_t i;

    (void)state;
    start("2025-06-30");
    audit = q("SELECT count(*) FROM audit_log");
    dossiers = q("SELECT count(*) FROM dossiers");
    for (i = 0; i < sizeof creates / sizeof creates[0]; i++) {
        snprintf(body, sizeof body, creates[i].body, (long long)p_nam);
        call_err(&off, "POST", "/api/v1/dossiers", creates[i].status,
                 creates[i].code, creates[i].field, body);
    }
    /* A person of another commune, a person who does not exist. */
    snprintf(body, sizeof body,
             "{\"person_id\":%lld,\"kind\":\"grant\",\"categories\":"
             "[\"K5a\"]}",
             (long long)p_sau);
    call_err(&off, "POST", "/api/v1/dossiers", 400, "unknown_person",
             "person_id", body);
    call_err(&off, "POST", "/api/v1/dossiers", 400, "unknown_person",
             "person_id",
             "{\"person_id\":987654,\"kind\":\"grant\",\"categories\":"
             "[\"K5a\"]}");
    /* Not JSON at all. */
    {
        struct http_client_response r;

        assert_int_equal(api_call(server.port, &off, 1, "POST",
                                  "/api/v1/dossiers", "kind=grant", NULL, &r),
                         0);
        assert_int_equal(r.status, 400);
        http_client_response_free(&r);
    }
    assert_int_equal(q("SELECT count(*) FROM audit_log"), audit);
    assert_int_equal(q("SELECT count(*) FROM dossiers"), dossiers);

    /* Acts: stale or missing version, unknown action, a date before the
     * step, a date in the future, an unknown key. */
    id = submit(&off, p_nam,
                "\"kind\":\"grant\",\"submitted_on\":\"2025-06-23\","
                "\"categories\":[\"K5a\"]");
    v = version(id);
    audit = q("SELECT count(*) FROM audit_log");
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/transitions",
             (long long)id);
    snprintf(body, sizeof body,
             "{\"action\":\"request_documents\",\"version\":%lld}",
             (long long)v + 5);
    call_err(&off, "POST", path, 409, "version_conflict", "version", body);
    call_err(&off, "POST", path, 400, "missing_field", "version",
             "{\"action\":\"request_documents\"}");
    snprintf(body, sizeof body, "{\"action\":\"fly\",\"version\":%lld}",
             (long long)v);
    call_err(&off, "POST", path, 409, "invalid_action", "action", body);
    snprintf(body, sizeof body, "{\"action\":\"decide\",\"version\":%lld}",
             (long long)v);
    call_err(&off, "POST", path, 409, "invalid_action", "action", body);
    snprintf(body, sizeof body,
             "{\"action\":\"request_documents\",\"version\":%lld,"
             "\"date\":\"2025-06-20\"}",
             (long long)v);
    call_err(&off, "POST", path, 400, "invalid_date", "date", body);
    snprintf(body, sizeof body,
             "{\"action\":\"request_documents\",\"version\":%lld,"
             "\"date\":\"2025-07-02\"}",
             (long long)v);
    call_err(&off, "POST", path, 400, "invalid_date", "date", body);
    snprintf(body, sizeof body,
             "{\"action\":\"request_documents\",\"version\":%lld,"
             "\"when\":\"now\"}",
             (long long)v);
    call_err(&off, "POST", path, 400, "unknown_field", "when", body);
    /* If-Match works like the version field. */
    {
        struct http_client_response r;
        char im[64];

        snprintf(im, sizeof im, "If-Match: \"%lld\"", (long long)v + 1);
        assert_int_equal(api_call(server.port, &off, 1, "POST", path,
                                  "{\"action\":\"request_documents\"}", im, &r),
                         0);
        assert_int_equal(r.status, 409);
        http_client_response_free(&r);
    }
    /* Complaints where the data has none (at the review). */
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/complaints",
             (long long)id);
    snprintf(body, sizeof body,
             "{\"version\":%lld,\"complainant\":\"A\",\"content\":\"B\"}",
             (long long)v);
    call_err(&off, "POST", path, 409, "invalid_action", "action", body);
    snprintf(body, sizeof body,
             "{\"version\":%lld,\"complainant\":\"\",\"content\":\"B\"}",
             (long long)v);
    call_err(&off, "POST", path, 400, "missing_field", "complainant", body);
    /* Decisions: a number missing, a dossier not at its decision step. */
    snprintf(body, sizeof body, "{\"dossier_id\":%lld,\"version\":%lld}",
             (long long)id, (long long)v);
    call_err(&dchair, "POST", "/api/v1/decisions", 400, "missing_field",
             "number", body);
    snprintf(body, sizeof body,
             "{\"dossier_id\":%lld,\"version\":%lld,\"number\":\"9/QĐ\"}",
             (long long)id, (long long)v);
    call_err(&dchair, "POST", "/api/v1/decisions", 409, "invalid_action",
             "action", body);
    /* A commune officer may not sign at all (router: DECISION_SIGN). */
    call_err(&off, "POST", "/api/v1/decisions", 403, "forbidden", NULL, body);
    /* Bad queries. */
    call_err(&off, "GET", "/api/v1/dossiers?state=lost", 400, "invalid_query",
             "state", NULL);
    call_err(&off, "GET", "/api/v1/dossiers?overdue=yes", 400, "invalid_query",
             "overdue", NULL);
    call_err(&off, "GET", "/api/v1/dossiers?per_page=1000", 400,
             "invalid_query", "per_page", NULL);
    call_err(&off, "GET", "/api/v1/dossiers?unit=1", 400, "invalid_query",
             "unit", NULL);
    call_err(&off, "GET", "/api/v1/dossiers?sort=name", 400, "invalid_query",
             NULL, NULL);
    call_err(&off, "GET", "/api/v1/decisions?from=2025-13-01", 400,
             "invalid_query", "from", NULL);
    call_err(&off, "GET", "/api/v1/dossiers/abc", 404, "not_found", NULL, NULL);
    assert_int_equal(version(id), v);
    assert_int_equal(q("SELECT count(*) FROM audit_log"), audit);
}

/* Nobody reads or changes what lies outside their area: 404, like a
 * dossier that does not exist. */
static void test_out_of_scope_is_404(void **state)
{
    json_t *j;
    int64_t id, x;
    char path[96], body[256];

    (void)state;
    start("2025-06-30");
    id = submit(&off2, p_sau,
                "\"kind\":\"grant\",\"submitted_on\":\"2025-06-24\","
                "\"categories\":[\"K5c\"]");
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld", (long long)id);
    call_err(&off, "GET", path, 404, "not_found", NULL, NULL);
    call_err(&doff2, "GET", path, 404, "not_found", NULL, NULL);
    json_decref(call(&doff, "GET", path, 200, NULL)); /* its district */
    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/transitions",
             (long long)id);
    snprintf(body, sizeof body, "{\"action\":\"withdraw\",\"version\":%lld}",
             (long long)version(id));
    call_err(&off, "POST", path, 404, "not_found", NULL, body);
    /* The inbox of 13285 does not list it; the district's does. */
    j = call(&off, "GET", "/api/v1/dossiers?per_page=100", 200, NULL);
    {
        char *text = json_dumps(j, 0);

        assert_null(strstr(text, "Đỗ Văn Sáu"));
        free(text);
    }
    json_decref(j);
    j = call(&doff, "GET", "/api/v1/dossiers?unit=13291", 200, NULL);
    assert_int_equal(json_integer_value(jget(j, "total")), 1);
    json_decref(j);
    j = call(&doff2, "GET", "/api/v1/dossiers?unit=13291", 200, NULL);
    assert_int_equal(json_integer_value(jget(j, "total")), 0);
    json_decref(j);
    /* A decision of 13285 is not seen from 13291. */
    x = q("SELECT min(id) FROM decisions");
    assert_true(x > 0);
    snprintf(path, sizeof path, "/api/v1/decisions/%lld", (long long)x);
    json_decref(call(&off, "GET", path, 200, NULL));
    call_err(&off2, "GET", path, 404, "not_found", NULL, NULL);
    snprintf(path, sizeof path, "/api/v1/decisions/%lld/print", (long long)x);
    call_err(&off2, "GET", path, 404, "not_found", NULL, NULL);
    call_err(&off2, "GET", "/api/v1/decisions/987654", 404, "not_found", NULL,
             NULL);
    /* The procedure data is there for everyone signed in. */
    j = call(&off2, "GET", "/api/v1/procedures", 200, NULL);
    assert_int_equal(json_array_size(jget(j, "procedures")), 8);
    assert_string_equal(js(json_array_get(jget(j, "flags"), 0), "code"),
                        "posting_2025");
    json_decref(j);
}

/* Every change above is in the audit chain, and the chain verifies
 * (`ansinh audit verify`, exit 0). */
static void test_audit_chain_verifies(void **state)
{
    const char *bin = getenv("ANSINH_BIN");
    int st;
    pid_t pid;

    (void)state;
    assert_true(q("SELECT count(*) FROM audit_log WHERE entity = 'dossier'") >
                10);
    assert_true(
        q("SELECT count(*) FROM audit_log WHERE action = 'decision.create'") >=
        7);
    assert_true(q("SELECT count(*) FROM audit_log WHERE action = "
                  "'complaint.resolve' AND area_path = '35/347/13285'") == 1);
    assert_true(q("SELECT count(*) FROM audit_log WHERE action = "
                  "'beneficiary.status'") >= 6);
    assert_non_null(bin);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", 1);

        dup2(null, 1);
        execl(bin, bin, "audit", "verify", "--db", dsn, (char *)NULL);
        _exit(127);
    }
    assert_int_equal(waitpid(pid, &st, 0), pid);
    assert_true(WIFEXITED(st));
    assert_int_equal(WEXITSTATUS(st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_2021_three_tier_path_s6_2, teardown),
        cmocka_unit_test_teardown(test_posting_never_shows_hiv_s6_2, teardown),
        cmocka_unit_test_teardown(test_refusal_and_withdrawal_s6_2, teardown),
        cmocka_unit_test_teardown(test_2025_two_tier_path_across_tet_s6_5,
                                  teardown),
        cmocka_unit_test_teardown(test_decision_kinds_effective_month_s2_6,
                                  teardown),
        cmocka_unit_test_teardown(test_funeral_and_print_escaping_s2_8,
                                  teardown),
        cmocka_unit_test_teardown(test_transfer_and_stop_2021_s6_3_s6_4,
                                  teardown),
        cmocka_unit_test_teardown(test_posting_flag_2025_s6_5_s12_3, teardown),
        cmocka_unit_test_teardown(test_bad_inputs_change_nothing, teardown),
        cmocka_unit_test_teardown(test_out_of_scope_is_404, teardown),
        cmocka_unit_test_teardown(test_audit_chain_verifies, teardown),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
