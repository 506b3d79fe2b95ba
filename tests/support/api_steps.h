/* api_steps.h: the steps of a case-management API test, shared by the
 * transfer, task, reorganisation and summary tests (tests/api/): a
 * server restarted with its clock on a day, JSON calls with an expected
 * status, error answers with their code and field, SQL counts on the test
 * database, the dossier acts and decisions, and the audit chain checked
 * with the real binary. Every failure fails the running cmocka test. */
#ifndef ANSINH_TESTS_API_STEPS_H
#define ANSINH_TESTS_API_STEPS_H

#include <stdint.h>

#include <jansson.h>

#include "api_client.h"
#include "http_client.h"

struct db;

/* The test's database (connection and DSN) and its running server. */
struct steps {
    struct db *db;
    char dsn[512];
    struct http_client_server server;
    int running;
};

/* One account of the fixture and its session. */
struct steps_user {
    const char *user, *role, *area;
    struct api_session s;
};

/* Open a fresh database (migrated, units loaded) into st and create the
 * accounts users[0..n) with password. Returns 0 or -1 (message on
 * stderr). */
int steps_open(struct steps *st, struct steps_user *users, size_t n,
               const char *password);

/* (Re)start the server with its clock on `today` (ANSINH_TODAY) and sign
 * every account in. */
void steps_start(struct steps *st, const char *today, struct steps_user *users,
                 size_t n, const char *password);
void steps_stop(struct steps *st);

/* method path with session s and the body made from fmt (NULL: none);
 * the status must be want. The JSON answer (caller decrefs) or NULL. */
json_t *steps_call(struct steps *st, struct api_session *s, const char *method,
                   const char *path, int want, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* An error answer: status, code and (field not NULL) field; a Vietnamese
 * message. Nothing may change: the audit log keeps its length. */
void steps_refused(struct steps *st, struct api_session *s, const char *method,
                   const char *path, const char *body, int want,
                   const char *code, const char *field);

/* An integer from SQL on the test database. */
int64_t steps_q(struct steps *st, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A string (or JSON value) at a dotted path of j; "" (NULL) if absent. */
const char *steps_js(json_t *j, const char *path);
json_t *steps_jget(json_t *j, const char *path);

/* Register a dossier ({"person_id": person, rest}) and return its id. */
int64_t steps_submit(struct steps *st, struct api_session *s, int64_t person,
                     const char *rest);
/* Take action at dossier id on date (200). */
void steps_act(struct steps *st, struct api_session *s, int64_t id,
               const char *action, const char *date);
/* Sign the decision of dossier id (201); its JSON (caller decrefs). */
json_t *steps_sign(struct steps *st, struct api_session *s, int64_t id,
                   const char *number, const char *date);

/* `ansinh audit verify --db DSN` exits 0. */
void steps_audit_verifies(struct steps *st);

/* A person created with a residence (national scope), enrolled from
 * since with membership category (K6: severe) and a cash arrangement at
 * the commune office; its id. */
int64_t steps_beneficiary(struct steps *st, const char *name, const char *birth,
                          const char *sex, const char *unit,
                          const char *resident_since, const char *category,
                          const char *since);

#endif
