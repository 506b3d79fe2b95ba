/* api_steps.c: the steps of a case-management API test (see
 * api_steps.h). */
#include "api_steps.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/auth.h"
#include "app/registry.h"
#include "app/scope.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "testdb.h"

int steps_open(struct steps *st, struct steps_user *users, size_t n,
               const char *password)
{
    char msg[256];
    size_t i;

    memset(st, 0, sizeof *st);
    st->db = testdb_open();
    snprintf(st->dsn, sizeof st->dsn, "%s", testdb_last_dsn());
    for (i = 0; i < n; i++)
        if (app_user_create(st->db, users[i].user, "Người Thử", password,
                            users[i].role, users[i].area, msg,
                            sizeof msg) != 0) {
            fprintf(stderr, "%s: %s\n", users[i].user, msg);
            return -1;
        }
    return 0;
}

void steps_start(struct steps *st, const char *today, struct steps_user *users,
                 size_t n, const char *password)
{
    size_t i;

    steps_stop(st);
    setenv("ANSINH_TODAY", today, 1);
    assert_int_equal(http_client_server_start(&st->server, st->dsn, NULL), 0);
    st->running = 1;
    for (i = 0; i < n; i++)
        if (api_login(st->server.port, users[i].user, password, &users[i].s) !=
            200)
            fail_msg("login %s", users[i].user);
}

void steps_stop(struct steps *st)
{
    if (st->running)
        assert_int_equal(http_client_server_stop(&st->server), 0);
    st->running = 0;
}

json_t *steps_call(struct steps *st, struct api_session *s, const char *method,
                   const char *path, int want, const char *fmt, ...)
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
    assert_int_equal(api_call(st->server.port, s, 1, method, path,
                              fmt ? body : NULL, NULL, &r),
                     0);
    if (r.status != want)
        fail_msg("%s %s: status %d, want %d\n%s", method, path, r.status, want,
                 r.body);
    j = api_json(&r);
    http_client_response_free(&r);
    return j;
}

void steps_refused(struct steps *st, struct api_session *s, const char *method,
                   const char *path, const char *body, int want,
                   const char *code, const char *field)
{
    struct http_client_response r;
    char got[64], gfield[64];
    int64_t audit = steps_q(st, "SELECT count(*) FROM audit_log");
    json_t *j, *e;

    assert_int_equal(
        api_call(st->server.port, s, 1, method, path, body, NULL, &r), 0);
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
    assert_int_equal(steps_q(st, "SELECT count(*) FROM audit_log"), audit);
}

int64_t steps_q(struct steps *st, const char *fmt, ...)
{
    char sql[1024];
    int64_t v = -1;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(sql, sizeof sql, fmt, ap);
    va_end(ap);
    if (db_query_int64(st->db, sql, &v) != DB_OK)
        fail_msg("%s: %s", sql, db_errmsg(st->db));
    return v;
}

json_t *steps_jget(json_t *j, const char *path)
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

const char *steps_js(json_t *j, const char *path)
{
    j = steps_jget(j, path);
    return json_is_string(j) ? json_string_value(j) : "";
}

static int64_t dossier_version(struct steps *st, int64_t id)
{
    return steps_q(st, "SELECT version FROM dossiers WHERE id = %lld",
                   (long long)id);
}

int64_t steps_submit(struct steps *st, struct api_session *s, int64_t person,
                     const char *rest)
{
    json_t *j = steps_call(st, s, "POST", "/api/v1/dossiers", 201,
                           "{\"person_id\":%lld,%s}", (long long)person, rest);
    int64_t id = json_integer_value(steps_jget(j, "dossier.id"));

    assert_true(id > 0);
    json_decref(j);
    return id;
}

void steps_act(struct steps *st, struct api_session *s, int64_t id,
               const char *action, const char *date)
{
    char path[96];

    snprintf(path, sizeof path, "/api/v1/dossiers/%lld/transitions",
             (long long)id);
    json_decref(steps_call(st, s, "POST", path, 200,
                           "{\"action\":\"%s\",\"version\":%lld,\"date\":"
                           "\"%s\"}",
                           action, (long long)dossier_version(st, id), date));
}

json_t *steps_sign(struct steps *st, struct api_session *s, int64_t id,
                   const char *number, const char *date)
{
    return steps_call(st, s, "POST", "/api/v1/decisions", 201,
                      "{\"dossier_id\":%lld,\"version\":%lld,\"number\":"
                      "\"%s\",\"signed_on\":\"%s\"}",
                      (long long)id, (long long)dossier_version(st, id), number,
                      date);
}

void steps_audit_verifies(struct steps *st)
{
    const char *bin = getenv("ANSINH_BIN");
    int status;
    pid_t pid;

    assert_non_null(bin);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);

        dup2(null, 1);
        execl(bin, bin, "audit", "verify", "--db", st->dsn, (char *)NULL);
        _exit(127);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

int64_t steps_beneficiary(struct steps *st, const char *name, const char *birth,
                          const char *sex, const char *unit,
                          const char *resident_since, const char *category,
                          const char *since)
{
    static const struct app_scope everywhere = {APP_SCOPE_NATIONAL, ""};
    struct app_person_input in;
    struct app_status_input stin;
    struct app_payment_input pay;
    struct store_membership_new m;
    struct app_reg_err err;
    char point[160];
    int64_t id = 0, version = 0;

    memset(&in, 0, sizeof in);
    in.full_name = name;
    in.has_full_name = 1;
    in.birth_date = birth;
    in.has_birth_date = 1;
    in.sex = sex;
    in.has_sex = 1;
    in.unit_code = unit;
    in.address = "Tổ dân phố 5";
    in.resident_since = resident_since;
    if (app_person_create(st->db, &everywhere, "test", &in, &id, &err) != 0)
        fail_msg("person %s: %s %s", name, err.field, err.message);
    memset(&stin, 0, sizeof stin);
    stin.status = "enrolled";
    stin.decision_ref = "1/QĐ-UBND";
    stin.valid_from = since;
    if (app_beneficiary_status(st->db, &everywhere, "test", id, &stin, &version,
                               &err) != 0)
        fail_msg("enrol %s: %s", name, err.message);
    memset(&m, 0, sizeof m);
    m.person_id = id;
    m.category = category;
    m.disability = strcmp(category, "K6") == 0 ? "severe" : NULL;
    m.valid_from = since;
    assert_int_equal(store_persons_membership_add(st->db, "test", &m, NULL),
                     DB_OK);
    memset(&pay, 0, sizeof pay);
    snprintf(point, sizeof point, "Trụ sở UBND xã %s", unit);
    pay.version = version;
    pay.valid_from = since;
    pay.method = "cash";
    pay.point_name = point;
    if (app_payment_set(st->db, &everywhere, "test", id, &pay, NULL, &err) != 0)
        fail_msg("payment %s: %s %s", name, err.field, err.message);
    return id;
}
