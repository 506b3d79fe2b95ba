/* test_persons.c: the registry API on the real binary, on the engine ctest
 * names (ANSINH_TEST_ENGINE): persons (create, read, correct with a
 * version, 409 on a lost update), search (folded names, CCCD, Vietnamese
 * order, filters, paging), documents, payment arrangements, the
 * beneficiary list; scope (a commune officer of 13285 neither reads nor
 * writes a person of another commune: 404); and bad inputs (invalid JSON,
 * wrong types, unknown fields, oversized bodies, invalid dates and CCCDs,
 * SQL metacharacters) answered 4xx with the field and no change.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "api_client.h"
#include "app/auth.h"
#include "app/registry.h"
#include "app/scope.h"
#include "http_client.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "testdb.h"

#define PASSWORD "mật-khẩu-sổ-đối-tượng"
#define TODAY    "2026-01-15" /* two tiers: 13285 Phủ Lý, 13366 Hà Nam (37) */

static struct http_client_server server;
static struct db *db;
static struct api_session phuly, hanam, province, supervisor, auditor;
static int64_t duc, duc_plain, lan, other;

/* --- fixture ------------------------------------------------------------- */

static int64_t make_person(const char *name, const char *idn, const char *birth,
                           const char *sex, const char *unit)
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
    in.id_number = idn;
    in.has_id_number = idn != NULL;
    in.unit_code = unit;
    in.address = "Tổ dân phố 2";
    in.resident_since = "2025-07-01";
    if (app_person_create(db, &everywhere, "test", &in, &id, &err) != 0) {
        fprintf(stderr, "person %s: %s %s\n", name, err.field, err.message);
        abort();
    }
    return id;
}

static void enrol(int64_t id, const char *cat, const char *from)
{
    static const struct app_scope everywhere = {APP_SCOPE_NATIONAL, ""};
    struct store_membership_new m = {
        id, cat, strcmp(cat, "K6") == 0 ? "severe" : NULL, 0, from, NULL};
    struct app_status_input st = {0, "enrolled", NULL, NULL, "1/QĐ-UBND", from};
    struct app_reg_err err;

    if (db_begin(db, 1) != DB_OK ||
        store_persons_membership_add(db, NULL, &m, NULL) != DB_OK ||
        db_commit(db) != DB_OK)
        abort();
    if (app_beneficiary_status(db, &everywhere, "test", id, &st, NULL, &err) !=
        0) {
        fprintf(stderr, "enrol: %s\n", err.message);
        abort();
    }
}

static int group_setup(void **state)
{
    static const struct {
        const char *user, *role, *area;
        struct api_session *s;
    } users[] = {
        {"canbo.phuly", "commune_officer", "13285", &phuly},
        {"canbo.hanam", "commune_officer", "13366", &hanam},
        {"canbo.tinh", "province_officer", "37", &province},
        {"giamsat", "supervisor", "", &supervisor},
        {"kiemtra", "auditor", "", &auditor},
    };
    char dsn[512], msg[256];
    size_t i;

    (void)state;
    setenv("ANSINH_TODAY", TODAY, 1);
    db = testdb_open();
    snprintf(dsn, sizeof dsn, "%s", testdb_last_dsn());
    for (i = 0; i < sizeof users / sizeof users[0]; i++)
        if (app_user_create(db, users[i].user, "Người Thử", PASSWORD,
                            users[i].role, users[i].area, msg,
                            sizeof msg) != 0) {
            fprintf(stderr, "%s: %s\n", users[i].user, msg);
            return -1;
        }
    duc = make_person("Nguyễn Văn Đức", "035048000123", "1948-03-02", "M",
                      "13285");
    duc_plain = make_person("Nguyễn Văn Duc", NULL, "1950-01-01", "M", "13285");
    lan = make_person("Đặng Thị Lan", NULL, "1940-01-01", "F", "13285");
    other =
        make_person("Trần Văn Đức", "035060000456", "1960-04-04", "M", "13366");
    enrol(duc, "K5a", "2025-07-01");
    enrol(other, "K6", "2025-08-01");
    if (http_client_server_start(&server, dsn, NULL) != 0)
        return -1;
    for (i = 0; i < sizeof users / sizeof users[0]; i++)
        if (api_login(server.port, users[i].user, PASSWORD, users[i].s) != 200)
            return -1;
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

/* --- helpers -------------------------------------------------------------- */

static int64_t count(const char *sql)
{
    int64_t n = -1;

    assert_int_equal(db_query_int64(db, sql, &n), DB_OK);
    return n;
}

/* Everything a refused request must leave alone. */
static int64_t state_sum(void)
{
    return count("SELECT (SELECT count(*) FROM persons) * 1000003"
                 " + (SELECT sum(version) FROM persons) * 1009"
                 " + (SELECT count(*) FROM audit_log) * 101"
                 " + (SELECT count(*) FROM documents) * 7"
                 " + (SELECT count(*) FROM payment_arrangements) * 3"
                 " + (SELECT coalesce(sum(version), 0) FROM beneficiaries)");
}

static json_t *call(const struct api_session *s, const char *method,
                    const char *path, const char *body, int status)
{
    struct http_client_response r;
    json_t *j;

    assert_int_equal(api_call(server.port, s, 1, method, path, body, NULL, &r),
                     0);
    if (r.status != status)
        fail_msg("%s %s -> %d (expected %d): %s", method, path, r.status,
                 status, r.body);
    j = api_json(&r);
    assert_non_null(j);
    http_client_response_free(&r);
    return j;
}

/* A request that must be refused with status, code and field (NULL: no
 * field), changing nothing. Returns the message (static copy). */
static const char *refused(const struct api_session *s, const char *method,
                           const char *path, const char *body, int status,
                           const char *code, const char *field)
{
    static char message[512];
    struct http_client_response r;
    char c[64], f[64];
    int64_t before = state_sum();
    json_t *j;

    assert_int_equal(api_call(server.port, s, 1, method, path, body, NULL, &r),
                     0);
    if (r.status != status)
        fail_msg("%s %s -> %d (expected %d): %s", method, path, r.status,
                 status, r.body);
    api_error(&r, c, sizeof c, f, sizeof f);
    if (strcmp(c, code) != 0 || strcmp(f, field ? field : "") != 0)
        fail_msg("%s %s: %s/%s, expected %s/%s: %s", method, path, c, f, code,
                 field ? field : "", r.body);
    j = api_json(&r);
    snprintf(message, sizeof message, "%s",
             json_string_value(
                 json_object_get(json_object_get(j, "error"), "message")));
    json_decref(j);
    http_client_response_free(&r);
    assert_true(state_sum() == before);
    return message;
}

static int64_t jint(json_t *o, const char *a, const char *b)
{
    json_t *v = json_object_get(o, a);

    if (b != NULL)
        v = json_object_get(v, b);
    assert_true(json_is_integer(v));
    return (int64_t)json_integer_value(v);
}

static const char *jstr(json_t *o, const char *a, const char *b)
{
    json_t *v = json_object_get(o, a);

    if (b != NULL)
        v = json_object_get(v, b);
    assert_true(json_is_string(v));
    return json_string_value(v);
}

/* --- tests ---------------------------------------------------------------- */

static void test_crud(void **state)
{
    char path[64], body[512];
    struct http_client_response r;
    char etag[32];
    json_t *j;
    int64_t id, audits;

    (void)state;
    /* Decomposed input (NFD) is stored NFC and trimmed. */
    j = call(&phuly, "POST", "/api/v1/persons",
             "{\"full_name\":\" Le\\u0302 Thi\\u0323  Hoa \",\"birth_date\":"
             "\"1952-06-07\",\"sex\":\"F\",\"id_number\":\"035152000789\","
             "\"residence\":{\"unit_code\":\"13285\",\"address\":\"Tổ dân phố "
             "5\"}}",
             201);
    id = jint(j, "person", "id");
    assert_string_equal(jstr(j, "person", "full_name"), "Lê Thị Hoa");
    assert_int_equal(jint(j, "person", "version"), 1);
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(j, "residences"), 0), "valid_from")),
        TODAY);
    assert_true(json_is_null(json_object_get(j, "beneficiary")));
    json_decref(j);
    audits = count("SELECT count(*) FROM audit_log WHERE action ="
                   " 'person.create'");
    assert_true(audits >= 1);

    snprintf(path, sizeof path, "/api/v1/persons/%lld", (long long)id);
    assert_int_equal(
        api_call(server.port, &phuly, 1, "GET", path, NULL, NULL, &r), 0);
    assert_int_equal(r.status, 200);
    assert_non_null(http_client_header(&r, "ETag", etag, sizeof etag));
    assert_string_equal(etag, "\"1\"");
    http_client_response_free(&r);

    /* Correct with the version read; the audit record holds old -> new. */
    j = call(&phuly, "PATCH", path,
             "{\"version\":1,\"full_name\":\"Lê Thị Hòa\"}", 200);
    assert_int_equal(jint(j, "person", "version"), 2);
    assert_string_equal(jstr(j, "person", "full_name"), "Lê Thị Hòa");
    json_decref(j);
    assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action ="
                           " 'person.update' AND actor = 'canbo.phuly'"
                           " AND old_value LIKE '%Lê Thị Hoa%'"
                           " AND new_value LIKE '%Lê Thị Hòa%'"
                           " AND area_path = '37/13285'"),
                     1);
    /* The lost update: someone saved version 2 meanwhile. */
    refused(&phuly, "PATCH", path, "{\"version\":1,\"sex\":\"M\"}", 409,
            "version_conflict", "version");
    /* If-Match instead of the field. */
    assert_int_equal(api_call(server.port, &phuly, 1, "PATCH", path,
                              "{\"birth_date\":\"1952-06-08\"}",
                              "If-Match: \"2\"", &r),
                     0);
    assert_int_equal(r.status, 200);
    http_client_response_free(&r);
    refused(&phuly, "PATCH", path, "{\"birth_date\":\"1952-06-09\"}", 400,
            "missing_field", "version");
    /* Nothing to change. */
    refused(&phuly, "PATCH", path, "{\"version\":3}", 400, "nothing_to_change",
            NULL);
    /* A correction that keeps the values writes nothing. */
    j = call(&phuly, "PATCH", path,
             "{\"version\":3,\"full_name\":\"Lê Thị Hòa\"}", 200);
    assert_int_equal(jint(j, "person", "version"), 3);
    json_decref(j);
    /* The id number of someone else. */
    refused(&phuly, "PATCH", path,
            "{\"version\":3,\"id_number\":\"035048000123\",\"sex\":\"M\","
            "\"birth_date\":\"1948-01-01\"}",
            409, "duplicate_id_number", "id_number");
    /* Removing the number is allowed. */
    snprintf(body, sizeof body, "{\"version\":3,\"id_number\":null}");
    j = call(&phuly, "PATCH", path, body, 200);
    assert_true(json_is_null(
        json_object_get(json_object_get(j, "person"), "id_number")));
    json_decref(j);
}

static void test_search(void **state)
{
    json_t *j, *items;

    (void)state;
    /* Without diacritics, any case: Duc before Đức (Vietnamese order). */
    j = call(&phuly, "GET", "/api/v1/persons?q=NGUYEN+van+duc", NULL, 200);
    items = json_object_get(j, "items");
    assert_int_equal(jint(j, "total", NULL), 2);
    assert_int_equal(json_array_size(items), 2);
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(items, 0), "full_name")),
                        "Nguyễn Văn Duc");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(items, 1), "full_name")),
                        "Nguyễn Văn Đức");
    assert_string_equal(json_string_value(json_object_get(
                            json_array_get(items, 1), "unit_code")),
                        "13285");
    json_decref(j);
    /* With diacritics too; "Đức" also finds Trần Văn Đức, but only for
     * those who may see Hà Nam. */
    j = call(&phuly, "GET", "/api/v1/persons?q=%C4%91%E1%BB%A9c", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 2);
    json_decref(j);
    j = call(&province, "GET", "/api/v1/persons?q=%C4%91%E1%BB%A9c", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 3);
    json_decref(j);
    j = call(&auditor, "GET", "/api/v1/persons?q=duc&unit=13366", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 1);
    json_decref(j);
    /* The CCCD exactly. */
    j = call(&phuly, "GET", "/api/v1/persons?q=035048000123", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 1);
    assert_int_equal(json_integer_value(json_object_get(
                         json_array_get(json_object_get(j, "items"), 0), "id")),
                     duc);
    json_decref(j);
    j = call(&phuly, "GET", "/api/v1/persons?q=035060000456", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 0); /* out of scope */
    json_decref(j);
    /* Filters and paging. */
    j = call(&province, "GET", "/api/v1/persons?category=K6", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 1);
    json_decref(j);
    j = call(&province, "GET", "/api/v1/beneficiaries?status=enrolled", NULL,
             200);
    assert_int_equal(jint(j, "total", NULL), 2);
    assert_true(json_is_array(json_object_get(
        json_array_get(json_object_get(j, "items"), 0), "categories")));
    json_decref(j);
    j = call(&phuly, "GET", "/api/v1/persons?q=van&per_page=1&page=2", NULL,
             200);
    assert_int_equal(jint(j, "total", NULL), 2);
    assert_int_equal(jint(j, "page", NULL), 2);
    assert_int_equal(json_array_size(json_object_get(j, "items")), 1);
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(j, "items"), 0), "full_name")),
        "Nguyễn Văn Đức");
    json_decref(j);
    /* Bad parameters: 400 with the field. */
    refused(&phuly, "GET", "/api/v1/persons?q=du", NULL, 400, "invalid_query",
            "q");
    assert_non_null(
        strstr(refused(&phuly, "GET", "/api/v1/persons?q=03504800012", NULL,
                       400, "invalid_cccd", "q"),
               "11 chữ số"));
    refused(&phuly, "GET", "/api/v1/persons?per_page=0", NULL, 400,
            "invalid_page", "per_page");
    refused(&phuly, "GET", "/api/v1/persons?per_page=101", NULL, 400,
            "invalid_page", "per_page");
    refused(&phuly, "GET", "/api/v1/persons?page=abc", NULL, 400,
            "invalid_page", "page");
    refused(&phuly, "GET", "/api/v1/persons?status=dead", NULL, 400,
            "invalid_status", "status");
    refused(&phuly, "GET", "/api/v1/persons?category=K9", NULL, 400,
            "invalid_category", "category");
    refused(&phuly, "GET", "/api/v1/persons?unit=1328", NULL, 400,
            "invalid_code", "unit");
    refused(&phuly, "GET", "/api/v1/persons?colour=red", NULL, 400,
            "invalid_query", "colour");
    refused(&phuly, "GET", "/api/v1/persons?q=abc&q=def", NULL, 400,
            "invalid_query", "q");
    /* SQL metacharacters in a search are text. */
    j = call(&phuly, "GET", "/api/v1/persons?q=%27%3B+DROP+TABLE+persons%3B--",
             NULL, 200);
    json_decref(j);
    assert_true(count("SELECT count(*) FROM persons") >= 4);
}

static void test_scope(void **state)
{
    char path[64], docs[80], pay[80];
    json_t *j;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/persons/%lld", (long long)other);
    snprintf(docs, sizeof docs, "%s/documents", path);
    snprintf(pay, sizeof pay, "%s/payment", path);
    /* The officer of 13285 does not see the person of 13366: 404 for
     * reads and writes, nothing changes. */
    refused(&phuly, "GET", path, NULL, 404, "not_found", NULL);
    refused(&phuly, "PATCH", path, "{\"version\":1,\"full_name\":\"X Y\"}", 404,
            "not_found", NULL);
    refused(&phuly, "POST", docs, "{\"kind\":\"other\"}", 404, "not_found",
            NULL);
    refused(&phuly, "PUT", pay,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":\"cash\","
            "\"point_name\":\"Trụ sở UBND\"}",
            404, "not_found", NULL);
    /* Nor creates anyone there. */
    refused(&phuly, "POST", "/api/v1/persons",
            "{\"full_name\":\"Ngô Văn Bảy\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\",\"residence\":{\"unit_code\":\"13366\"}}",
            400, "out_of_scope", "residence.unit_code");
    /* A missing person reads the same. */
    refused(&phuly, "GET", "/api/v1/persons/987654321", NULL, 404, "not_found",
            NULL);
    refused(&phuly, "GET", "/api/v1/persons/abc", NULL, 400, "invalid_id",
            "id");
    /* The officer of 13366 and the province do. */
    j = call(&hanam, "GET", path, NULL, 200);
    assert_string_equal(jstr(j, "person", "full_name"), "Trần Văn Đức");
    assert_string_equal(jstr(j, "beneficiary", "status"), "enrolled");
    json_decref(j);
    j = call(&province, "GET", path, NULL, 200);
    json_decref(j);
    /* Auditors read, never write; supervisors see no person at all. */
    j = call(&auditor, "GET", path, NULL, 200);
    json_decref(j);
    refused(&auditor, "PATCH", path, "{\"version\":1,\"full_name\":\"X Y\"}",
            403, "forbidden", NULL);
    refused(&supervisor, "GET", "/api/v1/persons?q=duc", NULL, 403, "forbidden",
            NULL);
    refused(&supervisor, "GET", path, NULL, 403, "forbidden", NULL);
}

static void test_bad_bodies(void **state)
{
    static const char *const post = "/api/v1/persons";
    struct http_client_response r;
    const char *msg;
    char *big;
    json_t *j;
    int64_t before;

    (void)state;
    refused(&phuly, "POST", post, "{\"full_name\":", 400, "invalid_json", NULL);
    refused(&phuly, "POST", post, "[1,2]", 400, "invalid_json", NULL);
    refused(&phuly, "POST", post,
            "{\"full_name\":\"A B\",\"full_name\":\"C D\"}", 400,
            "invalid_json", NULL);
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":1,\"residence\":{\"unit_code\":\"13285\"}}",
            400, "invalid_field", "sex");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\",\"nickname\":\"Tư\",\"residence\":{\"unit_code\":"
            "\"13285\"}}",
            400, "unknown_field", "nickname");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\",\"residence\":{\"unit_code\":\"13285\",\"floor\":"
            "2}}",
            400, "unknown_field", "residence.floor");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\"}",
            400, "missing_field", "residence");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-02-30\","
            "\"sex\":\"M\",\"residence\":{\"unit_code\":\"13285\"}}",
            400, "invalid_date", "birth_date");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"2030-01-01\","
            "\"sex\":\"M\",\"residence\":{\"unit_code\":\"13285\"}}",
            400, "invalid_date", "birth_date");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"   \",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\",\"residence\":{\"unit_code\":\"13285\"}}",
            400, "missing_field", "full_name");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"X\",\"residence\":{\"unit_code\":\"13285\"}}",
            400, "invalid_sex", "sex");
    /* CCCDs: the precise Vietnamese reason, on the id_number field. */
    msg = refused(&phuly, "POST", post,
                  "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
                  "\"sex\":\"M\",\"id_number\":\"035150001234\","
                  "\"residence\":{\"unit_code\":\"13285\"}}",
                  400, "invalid_cccd", "id_number");
    assert_non_null(strstr(msg, "giới tính"));
    msg = refused(&phuly, "POST", post,
                  "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
                  "\"sex\":\"M\",\"id_number\":\"035049001234\","
                  "\"residence\":{\"unit_code\":\"13285\"}}",
                  400, "invalid_cccd", "id_number");
    assert_non_null(strstr(msg, "1949"));
    msg = refused(&phuly, "POST", post,
                  "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
                  "\"sex\":\"M\",\"id_number\":\"0350A0001234\","
                  "\"residence\":{\"unit_code\":\"13285\"}}",
                  400, "invalid_cccd", "id_number");
    assert_non_null(strstr(msg, "ký tự thứ 5"));
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\",\"id_number\":\"035048000123\","
            "\"residence\":{\"unit_code\":\"13285\"}}",
            400, "invalid_cccd", "id_number"); /* 1948 in the number */
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1948-01-01\","
            "\"sex\":\"M\",\"id_number\":\"035048000123\","
            "\"residence\":{\"unit_code\":\"13285\"}}",
            409, "duplicate_id_number", "id_number");
    refused(&phuly, "POST", post,
            "{\"full_name\":\"Hà Văn Tư\",\"birth_date\":\"1950-01-01\","
            "\"sex\":\"M\",\"residence\":{\"unit_code\":\"../13285\"}}",
            400, "invalid_code", "residence.unit_code");
    /* A name of 101 characters. */
    {
        char body[600], name[128];

        memset(name, 'a', 101);
        name[101] = '\0';
        snprintf(body, sizeof body,
                 "{\"full_name\":\"%s\",\"birth_date\":\"1950-01-01\",\"sex\":"
                 "\"M\",\"residence\":{\"unit_code\":\"13285\"}}",
                 name);
        refused(&phuly, "POST", post, body, 400, "too_long", "full_name");
    }

    /* Not JSON, no CSRF header, too large: refused before any use case. */
    before = state_sum();
    {
        const char *const hdr[] = {phuly.cookie, phuly.csrf,
                                   "Content-Type: text/plain", NULL};
        assert_int_equal(
            http_client_request(server.port, "POST", post, hdr, "{}", 2, &r),
            0);
        assert_int_equal(r.status, 415);
        http_client_response_free(&r);
    }
    assert_int_equal(api_call(server.port, &phuly, 0, "POST", post,
                              "{\"full_name\":\"Hà Văn Tư\"}", NULL, &r),
                     0);
    assert_int_equal(r.status, 403);
    http_client_response_free(&r);
    big = malloc(2u * 1024u * 1024u + 64u);
    assert_non_null(big);
    memset(big, ' ', 2u * 1024u * 1024u);
    memcpy(big, "{\"full_name\":\"", 14);
    memset(big + 14, 'a', 2u * 1024u * 1024u - 16);
    memcpy(big + 2u * 1024u * 1024u - 2, "\"}", 3);
    assert_int_equal(
        api_call(server.port, &phuly, 1, "POST", post, big, NULL, &r), 0);
    assert_int_equal(r.status, 413);
    http_client_response_free(&r);
    free(big);
    assert_true(state_sum() == before);

    /* SQL metacharacters are a name like any other, stored literally. */
    j = call(&phuly, "POST", post,
             "{\"full_name\":\"'; DROP TABLE persons;--\",\"birth_date\":"
             "\"1990-01-01\",\"sex\":\"M\",\"residence\":{\"unit_code\":"
             "\"13285\",\"address\":\"1' OR '1'='1\"}}",
             201);
    assert_string_equal(jstr(j, "person", "full_name"),
                        "'; DROP TABLE persons;--");
    json_decref(j);
    j = call(&phuly, "GET", "/api/v1/persons?q=drop+table", NULL, 200);
    assert_int_equal(jint(j, "total", NULL), 1);
    json_decref(j);
    assert_int_equal(count("SELECT count(*) FROM persons WHERE full_name ="
                           " '''; DROP TABLE persons;--'"),
                     1);
}

static void test_documents(void **state)
{
    char path[80], body[256];
    json_t *j, *docs;
    int64_t mid;

    (void)state;
    mid = count("SELECT max(id) FROM memberships");
    snprintf(path, sizeof path, "/api/v1/persons/%lld/documents",
             (long long)duc);
    snprintf(body, sizeof body,
             "{\"kind\":\"death_certificate\",\"number\":\"12/TLKT\","
             "\"issued_on\":\"2026-01-10\",\"issuer\":\"UBND phường Phủ Lý\"}");
    j = call(&phuly, "POST", path, body, 201);
    assert_true(jint(j, "document_id", NULL) > 0);
    docs = json_object_get(j, "documents");
    assert_int_equal(json_array_size(docs), 1);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(docs, 0), "type")),
        "Trích lục khai tử");
    json_decref(j);
    refused(&phuly, "POST", path, "{\"kind\":\"selfie\"}", 400, "invalid_kind",
            "kind");
    refused(&phuly, "POST", path, "{\"number\":\"1\"}", 400, "missing_field",
            "kind");
    refused(&phuly, "POST", path,
            "{\"kind\":\"other\",\"issued_on\":\"2099-01-01\"}", 400,
            "invalid_date", "issued_on");
    refused(&phuly, "POST", path,
            "{\"kind\":\"other\",\"membership_id\":\"1\"}", 400,
            "invalid_field", "membership_id");
    /* The membership of another person. */
    snprintf(body, sizeof body,
             "{\"kind\":\"disability_certificate\",\"membership_id\":%lld}",
             (long long)mid);
    refused(&phuly, "POST", path, body, 400, "invalid_membership",
            "membership_id");
}

static void test_payment(void **state)
{
    char path[80], lan_path[80], body[512];
    json_t *j, *cur;
    int64_t v;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/persons/%lld/payment", (long long)duc);
    snprintf(lan_path, sizeof lan_path, "/api/v1/persons/%lld/payment",
             (long long)lan);
    /* No beneficiary record, no payment. */
    refused(&phuly, "PUT", lan_path,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":\"cash\","
            "\"point_name\":\"Trụ sở UBND phường Phủ Lý\"}",
            409, "not_beneficiary", NULL);
    v = count("SELECT version FROM beneficiaries WHERE person_id = (SELECT id"
              " FROM persons WHERE id_number = '035048000123')");
    snprintf(body, sizeof body,
             "{\"version\":%lld,\"valid_from\":\"2026-02-01\",\"method\":"
             "\"bank\",\"bank_code\":\"970405\",\"account_number\":"
             "\"2900205123456\",\"receiver\":{\"full_name\":\"Nguyễn Thị "
             "Lan\",\"id_number\":\"035185000321\",\"relationship\":\"con "
             "gái\",\"document\":\"Giấy ủy quyền số 5/UQ\"}}",
             (long long)v);
    refused(&phuly, "PUT", path,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":\"bank\","
            "\"bank_code\":\"123456\",\"account_number\":\"2900205123456\"}",
            400, "invalid_bank", "bank_code");
    refused(&phuly, "PUT", path,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":\"bank\","
            "\"bank_code\":\"970405\",\"account_number\":\"29002\"}",
            400, "invalid_account", "account_number");
    refused(&phuly, "PUT", path,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":\"cash\","
            "\"point_name\":\"Trụ sở\",\"bank_code\":\"970405\"}",
            400, "invalid_field", "bank_code");
    refused(&phuly, "PUT", path,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":"
            "\"ewallet\",\"wallet_provider\":\"momo\",\"account_number\":"
            "\"1234567890\"}",
            400, "invalid_account", "account_number");
    refused(&phuly, "PUT", path,
            "{\"version\":1,\"valid_from\":\"2026-02-01\",\"method\":\"cash\","
            "\"point_name\":\"Trụ sở\",\"receiver\":{\"full_name\":\"An Bình"
            "\"}}",
            400, "missing_field", "receiver.relationship");
    refused(&phuly, "PUT", path,
            "{\"version\":1,\"valid_from\":\"2026-02-30\",\"method\":\"cash\","
            "\"point_name\":\"Trụ sở\"}",
            400, "invalid_date", "valid_from");
    refused(&phuly, "PUT", path,
            "{\"valid_from\":\"2026-02-01\",\"method\":\"cash\","
            "\"point_name\":\"Trụ sở\"}",
            400, "missing_field", "version");
    j = call(&phuly, "PUT", path, body, 200);
    cur = json_object_get(json_object_get(j, "payment"), "current");
    /* Today is before 2026-02-01: nothing current yet, one in history. */
    assert_true(json_is_null(cur));
    assert_int_equal(json_array_size(json_object_get(
                         json_object_get(j, "payment"), "history")),
                     1);
    assert_int_equal(jint(j, "beneficiary", "version"), v + 1);
    json_decref(j);
    /* The same request again: a lost update. */
    refused(&phuly, "PUT", path, body, 409, "version_conflict", "version");
    /* A new arrangement must start after the current one. */
    snprintf(body, sizeof body,
             "{\"version\":%lld,\"valid_from\":\"2026-01-01\",\"method\":"
             "\"cash\",\"point_name\":\"Bưu điện văn hóa phường Phủ Lý\"}",
             (long long)(v + 1));
    refused(&phuly, "PUT", path, body, 409, "invalid_date", "valid_from");
    snprintf(body, sizeof body,
             "{\"version\":%lld,\"valid_from\":\"2026-05-01\",\"method\":"
             "\"ewallet\",\"wallet_provider\":\"viettel_money\","
             "\"account_number\":\"0987654321\",\"receiver\":null}",
             (long long)(v + 1));
    j = call(&phuly, "PUT", path, body, 200);
    {
        json_t *h = json_object_get(json_object_get(j, "payment"), "history");

        assert_int_equal(json_array_size(h), 2);
        assert_string_equal(json_string_value(json_object_get(
                                json_array_get(h, 0), "valid_to")),
                            "2026-05-01");
        assert_string_equal(json_string_value(json_object_get(
                                json_array_get(h, 0), "bank_name")),
                            "Agribank");
        assert_string_equal(
            json_string_value(json_object_get(
                json_object_get(json_array_get(h, 0), "receiver"),
                "relationship")),
            "con gái");
    }
    json_decref(j);
    assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action ="
                           " 'payment.set' AND old_value LIKE '%970405%'"
                           " AND new_value LIKE '%viettel_money%'"),
                     1);
}

/* Status changes are made by decisions through app_beneficiary_status (no
 * endpoint): scope, the allowed changes, lost updates, history in the
 * API's answer, memberships ended by a termination, the audit record. */
static void test_status_changes(void **state)
{
    static const struct app_scope phuly_scope = {APP_SCOPE_COMMUNE, "13285"};
    static const struct app_scope hanam_scope = {APP_SCOPE_COMMUNE, "13366"};
    struct app_status_input in;
    struct app_reg_err err;
    char path[64];
    int64_t v = 0, before;
    json_t *j, *h;

    (void)state;
    snprintf(path, sizeof path, "/api/v1/persons/%lld", (long long)other);
    v = count("SELECT version FROM beneficiaries WHERE person_id = (SELECT id"
              " FROM persons WHERE id_number = '035060000456')");
    memset(&in, 0, sizeof in);
    in.version = v;
    in.status = "suspended";
    in.reason = "detention";
    in.reason_text = "Bị tạm giam";
    in.decision_ref = "7/QĐ-UBND ngày 02/01/2026";
    in.valid_from = "2026-01-01";
    /* Out of scope: not found, nothing written. */
    before = state_sum();
    assert_int_equal(
        app_beneficiary_status(db, &phuly_scope, "t", other, &in, &v, &err),
        APP_REG_ENOTFOUND);
    /* A ground that does not fit, a stale version, a change that cannot
     * follow. */
    in.reason = "death";
    assert_int_equal(
        app_beneficiary_status(db, &hanam_scope, "t", other, &in, &v, &err),
        APP_REG_EINVAL);
    assert_string_equal(err.field, "reason");
    in.reason = "detention";
    in.version = v + 5;
    assert_int_equal(
        app_beneficiary_status(db, &hanam_scope, "t", other, &in, &v, &err),
        APP_REG_ECONFLICT);
    in.version = v;
    in.status = "enrolled";
    in.reason = NULL;
    assert_int_equal(
        app_beneficiary_status(db, &hanam_scope, "t", other, &in, &v, &err),
        APP_REG_ESTATE);
    assert_true(state_sum() == before);
    /* Suspend, then terminate three months after a re-assessment
     * suspension is refused for a detention one. */
    in.status = "suspended";
    in.reason = "detention";
    assert_int_equal(app_beneficiary_status(db, &hanam_scope, "canbo.hanam",
                                            other, &in, &v, &err),
                     APP_REG_OK);
    in.version = v;
    in.status = "terminated";
    in.reason = "suspension_expired";
    in.valid_from = "2026-05-01";
    assert_int_equal(
        app_beneficiary_status(db, &hanam_scope, "t", other, &in, &v, &err),
        APP_REG_EINVAL);
    in.reason = "prison";
    in.reason_text = "Bản án số 12/2026/HS-ST";
    assert_int_equal(app_beneficiary_status(db, &hanam_scope, "canbo.hanam",
                                            other, &in, &v, &err),
                     APP_REG_OK);
    j = call(&hanam, "GET", path, NULL, 200);
    assert_string_equal(jstr(j, "beneficiary", "status"), "terminated");
    assert_string_equal(jstr(j, "beneficiary", "reason"), "prison");
    assert_string_equal(jstr(j, "beneficiary", "since"), "2026-05-01");
    h = json_object_get(json_object_get(j, "beneficiary"), "history");
    assert_int_equal(json_array_size(h), 3);
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(h, 1), "reason")),
        "detention");
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(h, 1), "valid_to")),
        "2026-05-01");
    assert_string_equal(
        json_string_value(json_object_get(
            json_array_get(json_object_get(j, "memberships"), 0), "valid_to")),
        "2026-05-01");
    json_decref(j);
    assert_int_equal(count("SELECT count(*) FROM audit_log WHERE action ="
                           " 'beneficiary.status' AND actor = 'canbo.hanam'"
                           " AND new_value LIKE '%\"prison\"%'"
                           " AND new_value LIKE '%memberships%'"
                           " AND area_path = '37/13366'"),
                     1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_crud),
        cmocka_unit_test(test_search),
        cmocka_unit_test(test_scope),
        cmocka_unit_test(test_bad_bodies),
        cmocka_unit_test(test_documents),
        cmocka_unit_test(test_payment),
        cmocka_unit_test(test_status_changes),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
