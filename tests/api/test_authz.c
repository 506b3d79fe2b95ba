/* test_authz.c: the authorisation matrix on the real binary, both engines:
 * every role x own area / other area x every route (read and write), with
 * zero leaks (docs/authz.md).
 *
 * For each signed-in actor (every role bound to an area, plus national
 * ones) and each route of the table below, against a target in the
 * actor's own area and one in another area, the answer must be:
 *   - 403 "forbidden" when the role lacks the route's permission (the
 *     matrix of docs/authz.md, written out below as `spec`; the role table
 *     of src/http/router.c must say the same);
 *   - else, for a target in the actor's area: the route's success status,
 *     and the target visible in the answer;
 *   - else (other area): an item route answers 404, byte for byte the
 *     answer for an id that does not exist, but for the id itself when
 *     the message echoes it (no existence leak); a list
 *     answers 200 without the target; a create answers 400 on the area
 *     field;
 * and no refused request changes anything (accounts, versions, audit).
 *
 * The date is fixed (ANSINH_TODAY=2025-06-30, last day of three tiers) so
 * the district accounts have an area: 13285 lies in district 347 and
 * province 35; 00001 (Hà Nội) in neither.
 *
 * TO ADD A ROUTE: one row in `cases` below. If it needs a new kind of
 * target (a person, a dossier), add it to enum target_kind and create an
 * own-area and an other-area one in make_targets().
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
#include "app/dossiers.h"
#include "app/payroll.h"
#include "app/registry.h"
#include "app/scope.h"
#include "core/date.h"
#include "http/router.h"
#include "http_client.h"
#include "store/db.h"
#include "store/store_persons.h"
#include "store/store_tasks.h"
#include "store/store_users.h"
#include "testdb.h"

#define PASSWORD "mật-khẩu-ma-trận-1"
#define TODAY    "2025-06-30"
#define OWN_UNIT "13285" /* Phường Quang Trung < 347 Phủ Lý < 35 Hà Nam */
/* Phường Phúc Xá < 001 Ba Đình < 01 Hà Nội: in no area of the actors. */
#define OTHER_UNIT "00001"

/* --- Actors: every role in an area, and the national ones --------------- */

struct actor {
    const char *username;
    const char *role;
    const char *area; /* "" national */
    struct api_session s;
};

static struct actor actors[] = {
    {"m.admin.35", "admin", "35", {{0}, {0}, {0}}},
    {"m.admin.vn", "admin", "", {{0}, {0}, {0}}},
    {"m.province.officer", "province_officer", "35", {{0}, {0}, {0}}},
    {"m.district.officer", "district_officer", "347", {{0}, {0}, {0}}},
    {"m.district.chairman", "district_chairman", "347", {{0}, {0}, {0}}},
    {"m.commune.officer", "commune_officer", OWN_UNIT, {{0}, {0}, {0}}},
    {"m.commune.chairman", "commune_chairman", OWN_UNIT, {{0}, {0}, {0}}},
    {"m.supervisor.35", "supervisor", "35", {{0}, {0}, {0}}},
    {"m.supervisor.vn", "supervisor", "", {{0}, {0}, {0}}},
    {"m.auditor.35", "auditor", "35", {{0}, {0}, {0}}},
    {"m.auditor.vn", "auditor", "", {{0}, {0}, {0}}},
    {"m.provider", "provider", "35", {{0}, {0}, {0}}},
};

#define N_ACTORS (sizeof actors / sizeof actors[0])

/* --- The permission matrix, as docs/authz.md states it ------------------
 * Written out here, independently of the role table of router.c, so a
 * wrong grant there fails (test_role_table_is_the_documented_matrix) and
 * the matrix below expects what the documentation promises. */
#define B(p) (1u << ROUTER_PERM_##p)
#define READS                                                                  \
    (B(PERSON_READ) | B(DOSSIER_READ) | B(REPORT_READ) | B(PAYROLL_READ))

static const struct {
    const char *role;
    unsigned perms;
} spec[] = {
    {"admin", B(PUBLIC) | B(AUTHENTICATED) | READS | B(AUDIT_READ) |
                  B(USERS_MANAGE) | B(REORGANISE)},
    {"commune_officer", B(PUBLIC) | B(AUTHENTICATED) | READS | B(PERSON_WRITE) |
                            B(DOSSIER_ACT) | B(PAYROLL_PREPARE) |
                            B(PAYROLL_PAY)},
    {"commune_chairman", B(PUBLIC) | B(AUTHENTICATED) | READS | B(DOSSIER_ACT) |
                             B(DECISION_SIGN) | B(PAYROLL_APPROVE)},
    {"district_officer", B(PUBLIC) | B(AUTHENTICATED) | READS |
                             B(PERSON_WRITE) | B(DOSSIER_ACT) |
                             B(PAYROLL_PREPARE) | B(PAYROLL_PAY)},
    {"district_chairman", B(PUBLIC) | B(AUTHENTICATED) | READS |
                              B(DOSSIER_ACT) | B(DECISION_SIGN) |
                              B(PAYROLL_APPROVE)},
    {"province_officer", B(PUBLIC) | B(AUTHENTICATED) | READS |
                             B(PERSON_WRITE) | B(DOSSIER_ACT) |
                             B(PAYROLL_PREPARE) | B(PAYROLL_PAY)},
    {"supervisor", B(PUBLIC) | B(AUTHENTICATED) | B(REPORT_READ)},
    {"auditor", B(PUBLIC) | B(AUTHENTICATED) | READS | B(AUDIT_READ)},
    {"provider", B(PUBLIC) | B(AUTHENTICATED) | B(PAYROLL_PAY)},
};

static int spec_has(const char *role, enum router_perm perm)
{
    size_t i;

    for (i = 0; i < sizeof spec / sizeof spec[0]; i++)
        if (strcmp(spec[i].role, role) == 0)
            return (spec[i].perms & (1u << perm)) != 0;
    return perm == ROUTER_PERM_PUBLIC;
}

/* --- Targets: one record of each kind in the own area, one outside ------ */

enum target_kind {
    T_NONE = 0, /* the route reads no record */
    T_USER,     /* an account (users API, audit by entity) */
    T_PERSON,   /* a person of the registry, resident in the unit */
    T_DOSSIER,  /* an open dossier of that person, at its first step */
    T_DECISION, /* a decision concluding another dossier of that person */
    T_PAYROLL,  /* the payroll of June 2025 of the unit, sent to the
                   provider (so every transition is refused: 409) */
    T_TASK,     /* a task about the unit's person, done already */
    /* more kinds: add here and in make_targets() */
    T_KINDS
};

struct target {
    enum target_kind kind;
    int64_t id;
    char name[64]; /* shown in answers when visible: the marker */
    const char *unit;
};

static struct target targets[T_KINDS][2]; /* [kind][0 own, 1 other] */

/* --- THE ROUTES ----------------------------------------------------------
 * Placeholders in path, body and marker: {id} the target's id, {name} its
 * name ({qname}: percent-encoded for a query), {unit} its commune, {version}
 * its current version ({bversion}: of its beneficiary record), {n} a number
 * unique to the request, {m} a digit 1..9 that changes between requests,
 * {day} a date that grows with {n} (from 2025-07-01).
 */
enum kind {
    ANY,    /* not about a record: same answer in any area */
    ITEM,   /* one record: other area -> 404, like a missing id */
    LIST,   /* a list: other area -> 200 without the record */
    CREATE, /* creates in {unit}: other area -> 400 on area_code */
    NATION  /* spans the country: an actor with an area -> 403
               forbidden_scope, a national one -> the route's success */
};

struct route_case {
    const char *method;
    const char *path;
    const char *body;
    enum router_perm perm; /* must match the route table (checked) */
    enum kind kind;
    enum target_kind target;
    int ok;             /* status when allowed */
    const char *marker; /* in the answer iff the target is visible */
    const char *field;  /* CREATE: the field refused outside the area */
};

static const struct route_case cases[] = {
    {"GET", "/api/v1/me", NULL, ROUTER_PERM_AUTHENTICATED, ANY, T_NONE, 200,
     NULL, NULL},
    /* Progress of a long request: only the caller's own jobs exist for it,
     * so a token it never sent is 404 for every role. */
    {"GET", "/api/v1/jobs/no-such-job", NULL, ROUTER_PERM_AUTHENTICATED, ANY,
     T_NONE, 404, NULL, NULL},
    {"GET", "/api/v1/units/{unit}", NULL, ROUTER_PERM_PUBLIC, ANY, T_USER, 200,
     NULL, NULL},
    {"GET", "/api/v1/openapi.json", NULL, ROUTER_PERM_PUBLIC, ANY, T_NONE, 200,
     NULL, NULL},
    /* Accounts (admin). */
    {"GET", "/api/v1/users?per_page=100", NULL, ROUTER_PERM_USERS_MANAGE, LIST,
     T_USER, 200, "\"{name}\"", NULL},
    {"GET", "/api/v1/users/{id}", NULL, ROUTER_PERM_USERS_MANAGE, ITEM, T_USER,
     200, "{name}", NULL},
    {"PATCH", "/api/v1/users/{id}",
     "{\"version\":{version},\"full_name\":\"Đổi lần {n}\"}",
     ROUTER_PERM_USERS_MANAGE, ITEM, T_USER, 200, "{name}", NULL},
    {"POST", "/api/v1/users",
     "{\"username\":\"moi.{n}\",\"full_name\":\"Người Mới\",\"password\":"
     "\"12345678\",\"role\":\"commune_officer\",\"area_code\":\"{unit}\"}",
     ROUTER_PERM_USERS_MANAGE, CREATE, T_USER, 201, NULL, "area_code"},
    /* Audit log (auditor, admin): records of the area only. */
    {"GET", "/api/v1/audit?entity=user&entity_id={id}", NULL,
     ROUTER_PERM_AUDIT_READ, LIST, T_USER, 200, "\"entity_id\":\"{id}\"", NULL},
    /* Registry: persons (PERSON_READ / PERSON_WRITE; supervisors never). */
    {"GET", "/api/v1/persons?q={qname}&per_page=100", NULL,
     ROUTER_PERM_PERSON_READ, LIST, T_PERSON, 200, "{name}", NULL},
    {"GET", "/api/v1/persons/{id}", NULL, ROUTER_PERM_PERSON_READ, ITEM,
     T_PERSON, 200, "{name}", NULL},
    {"PATCH", "/api/v1/persons/{id}",
     "{\"version\":{version},\"birth_date\":\"1950-0{m}-01\"}",
     ROUTER_PERM_PERSON_WRITE, ITEM, T_PERSON, 200, "{name}", NULL},
    {"POST", "/api/v1/persons",
     "{\"full_name\":\"Người Mới {n}\",\"birth_date\":\"1960-05-05\","
     "\"sex\":\"M\",\"residence\":{\"unit_code\":\"{unit}\",\"address\":"
     "\"Tổ 1\"}}",
     ROUTER_PERM_PERSON_WRITE, CREATE, T_PERSON, 201, NULL,
     "residence.unit_code"},
    {"GET", "/api/v1/beneficiaries?q={qname}&per_page=100", NULL,
     ROUTER_PERM_PERSON_READ, LIST, T_PERSON, 200, "{name}", NULL},
    {"POST", "/api/v1/persons/{id}/documents",
     "{\"kind\":\"other\",\"type\":\"Giấy tờ {n}\"}", ROUTER_PERM_PERSON_WRITE,
     ITEM, T_PERSON, 201, "{name}", NULL},
    {"PUT", "/api/v1/persons/{id}/payment",
     "{\"version\":{bversion},\"valid_from\":\"{day}\",\"method\":"
     "\"cash\",\"point_name\":\"Trụ sở UBND {n}\"}",
     ROUTER_PERM_PERSON_WRITE, ITEM, T_PERSON, 200, "{name}", NULL},
    /* Dossiers and decisions (DOSSIER_READ / DOSSIER_ACT / DECISION_SIGN;
     * which role acts at which step is the procedure data's). The dossier
     * targets are at "review" of the 2021 procedure (TODAY is before
     * 2025-07-01): the commune acts there; every other act is refused by
     * the data as not possible there (409) once permission and area pass. */
    {"GET", "/api/v1/dossiers?per_page=100", NULL, ROUTER_PERM_DOSSIER_READ,
     LIST, T_DOSSIER, 200, "{name}", NULL},
    {"GET", "/api/v1/dossiers/{id}", NULL, ROUTER_PERM_DOSSIER_READ, ITEM,
     T_DOSSIER, 200, "{name}", NULL},
    {"POST", "/api/v1/dossiers",
     "{\"person_id\":{id},\"kind\":\"grant\",\"submitted_on\":"
     "\"2025-06-30\",\"categories\":[\"K1a\"]}",
     ROUTER_PERM_DOSSIER_ACT, CREATE, T_PERSON, 201, "{name}", "person_id"},
    {"POST", "/api/v1/dossiers/{id}/transitions",
     "{\"action\":\"{docs_action}\",\"version\":{version},\"date\":"
     "\"2025-06-30\"}",
     ROUTER_PERM_DOSSIER_ACT, ITEM, T_DOSSIER, 200, "{name}", NULL},
    {"POST", "/api/v1/dossiers/{id}/complaints",
     "{\"version\":{version},\"complainant\":\"Người {n}\",\"content\":"
     "\"Nội dung\"}",
     ROUTER_PERM_DOSSIER_ACT, ITEM, T_DOSSIER, 409, NULL, NULL},
    {"POST", "/api/v1/dossiers/{id}/complaints/1/resolve",
     "{\"version\":{version},\"answer\":\"Trả lời\"}", ROUTER_PERM_DOSSIER_ACT,
     ITEM, T_DOSSIER, 404, NULL, NULL},
    {"GET", "/api/v1/units/{unit}/posting?date=2025-06-30", NULL,
     ROUTER_PERM_DOSSIER_READ, ITEM, T_DOSSIER, 200, NULL, NULL},
    {"GET", "/api/v1/procedures", NULL, ROUTER_PERM_AUTHENTICATED, ANY, T_NONE,
     200, NULL, NULL},
    {"GET", "/api/v1/decisions?per_page=100", NULL, ROUTER_PERM_DOSSIER_READ,
     LIST, T_DECISION, 200, "{name}", NULL},
    {"GET", "/api/v1/decisions/{id}", NULL, ROUTER_PERM_DOSSIER_READ, ITEM,
     T_DECISION, 200, "{name}", NULL},
    {"GET", "/api/v1/decisions/{id}/print", NULL, ROUTER_PERM_DOSSIER_READ,
     ITEM, T_DECISION, 200, "{name}", NULL},
    {"POST", "/api/v1/decisions",
     "{\"dossier_id\":{id},\"version\":{version},\"number\":"
     "\"{n}/QĐ-UBND\",\"signed_on\":\"2025-06-30\"}",
     ROUTER_PERM_DECISION_SIGN, ITEM, T_DOSSIER, 409, NULL, NULL},
    /* The payroll (docs/payroll.md): PAYROLL_READ, PAYROLL_PREPARE,
     * PAYROLL_APPROVE, PAYROLL_PAY. The targets are sent: every transition
     * is refused as not possible now (409) once permission and area
     * pass. A result file sent as JSON is 415. */
    {"GET", "/api/v1/payrolls?per_page=100", NULL, ROUTER_PERM_PAYROLL_READ,
     LIST, T_PAYROLL, 200, "\"area_code\":\"{unit}\"", NULL},
    {"GET", "/api/v1/payrolls/{id}", NULL, ROUTER_PERM_PAYROLL_READ, ITEM,
     T_PAYROLL, 200, "\"area_code\":\"{unit}\"", NULL},
    {"POST", "/api/v1/payrolls", "{\"area\":\"{unit}\",\"month\":\"2025-05\"}",
     ROUTER_PERM_PAYROLL_PREPARE, CREATE, T_PAYROLL, 201, NULL, "area"},
    {"POST", "/api/v1/payrolls/{id}/check", "{\"version\":{version}}",
     ROUTER_PERM_PAYROLL_PREPARE, ITEM, T_PAYROLL, 409, NULL, NULL},
    {"POST", "/api/v1/payrolls/{id}/approve", "{\"version\":{version}}",
     ROUTER_PERM_PAYROLL_APPROVE, ITEM, T_PAYROLL, 409, NULL, NULL},
    {"POST", "/api/v1/payrolls/{id}/send", "{\"version\":{version}}",
     ROUTER_PERM_PAYROLL_PREPARE, ITEM, T_PAYROLL, 409, NULL, NULL},
    {"POST", "/api/v1/payrolls/{id}/blocks",
     "{\"ref\":\"{unit}-202506-000001\",\"reason\":\"Thanh tra\"}",
     ROUTER_PERM_PAYROLL_PREPARE, ITEM, T_PAYROLL, 409, NULL, NULL},
    {"GET", "/api/v1/payrolls/{id}/provider.csv", NULL, ROUTER_PERM_PAYROLL_PAY,
     ITEM, T_PAYROLL, 200, "MaThamChieu", NULL},
    {"GET", "/api/v1/payrolls/{id}/provider.xlsx", NULL,
     ROUTER_PERM_PAYROLL_PAY, ITEM, T_PAYROLL, 200, NULL, NULL},
    {"GET", "/api/v1/payrolls/{id}/lists/0", NULL, ROUTER_PERM_PAYROLL_PAY,
     ITEM, T_PAYROLL, 200, "DANH SÁCH THU HỒI", NULL},
    {"GET", "/api/v1/payrolls/{id}/lists/0.pdf", NULL, ROUTER_PERM_PAYROLL_PAY,
     ITEM, T_PAYROLL, 200, NULL, NULL},
    {"POST", "/api/v1/payrolls/{id}/reconciliation", "{}",
     ROUTER_PERM_PAYROLL_PAY, ITEM, T_PAYROLL, 415, NULL, NULL},
    {"GET", "/api/v1/payrolls/{id}/reconciliation", NULL,
     ROUTER_PERM_PAYROLL_PAY, ITEM, T_PAYROLL, 200, "\"area_code\":\"{unit}\"",
     NULL},
    {"GET", "/api/v1/reports/budget?year=2025", NULL, ROUTER_PERM_REPORT_READ,
     ANY, T_NONE, 200, NULL, NULL},
    {"GET", "/api/v1/reports/bhyt?area={unit}&month=2025-06", NULL,
     ROUTER_PERM_PAYROLL_READ, CREATE, T_PAYROLL, 200, NULL, "area"},
    /* Tasks (docs/tasks.md): read with the persons, written by the case
     * workers; the target is done already, so closing it again is 409
     * once permission and area pass. */
    {"GET", "/api/v1/tasks?per_page=100", NULL, ROUTER_PERM_PERSON_READ, LIST,
     T_TASK, 200, "{name}", NULL},
    {"POST", "/api/v1/tasks/{id}/done",
     "{\"version\":{version},\"note\":\"Đã làm {n}\"}",
     ROUTER_PERM_PERSON_WRITE, ITEM, T_TASK, 409, NULL, NULL},
    {"POST", "/api/v1/tasks/generate", "{\"month\":\"2025-06\"}",
     ROUTER_PERM_PERSON_WRITE, ANY, T_NONE, 200, NULL, NULL},
    /* The reorganisation (national administrators: it moves the whole
     * country; a dry run changes nothing). */
    {"POST", "/api/v1/admin/reorganise",
     "{\"to\":\"2025-07-01\",\"dry_run\":true}", ROUTER_PERM_REORGANISE, NATION,
     T_NONE, 200, NULL, NULL},
    /* Aggregates of a unit in the area (supervisors too); another area's
     * is 404 like a unit that does not exist. */
    {"GET", "/api/v1/reports/summary?date=2025-06-30&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    /* The oversight view (docs/oversight.md): the same rule. */
    {"GET", "/api/v1/reports/oversight?date=2025-06-30&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    /* ... and its documents (XLSX, PDF, print page). */
    {"GET", "/api/v1/reports/oversight.xlsx?date=2025-06-30&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    {"GET", "/api/v1/reports/oversight.pdf?date=2025-06-30&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    {"GET", "/api/v1/reports/oversight/print?date=2025-06-30&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    /* Forms 10a-10d (docs/oversight.md): the same rule, for the JSON, the
     * XLSX, the PDF and the print page. */
    {"GET", "/api/v1/reports/forms/10a?year=2025&half=1&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    {"GET", "/api/v1/reports/forms/10d.xlsx?year=2025&half=1&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    {"GET", "/api/v1/reports/forms/10c.pdf?year=2025&half=1&unit={unit}", NULL,
     ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    {"GET", "/api/v1/reports/forms/10b/print?year=2025&half=1&unit={unit}",
     NULL, ROUTER_PERM_REPORT_READ, ITEM, T_PERSON, 200, NULL, NULL},
    /* More routes: add rows here, with a target kind that has a record in
     * each area. */
};

#define N_CASES (sizeof cases / sizeof cases[0])

/* Routes where the procedure data (rules/procedures/), not only the
 * permission, says who acts: another role holding the permission gets
 * 403 "forbidden_action" instead of the route's success. */
static const struct {
    const char *method;
    const char *path;
    const char *roles; /* comma-separated */
} data_roles[] = {
    {"POST", "/api/v1/dossiers", "commune_officer,commune_chairman"},
    {"POST", "/api/v1/dossiers/{id}/transitions",
     "commune_officer,commune_chairman"},
};

/* The roles the data lets take route c, or NULL: any with the
 * permission. */
static const char *data_roles_of(const struct route_case *c)
{
    size_t i;

    for (i = 0; i < sizeof data_roles / sizeof data_roles[0]; i++)
        if (strcmp(data_roles[i].method, c->method) == 0 &&
            strcmp(data_roles[i].path, c->path) == 0)
            return data_roles[i].roles;
    return NULL;
}

static struct http_client_server server;
static struct db *db;
static int serial;
static int checks;

static void make_persons(void)
{
    static const char *const units[2] = {OWN_UNIT, OTHER_UNIT};
    static const char *const names[2] = {"Vũ Thị Matrận Một",
                                         "Vũ Thị Matrận Hai"};
    static const struct app_scope everywhere = {APP_SCOPE_NATIONAL, ""};
    struct app_reg_err err;
    int i;

    for (i = 0; i < 2; i++) {
        struct app_person_input in;
        int64_t id = 0;

        memset(&in, 0, sizeof in);
        in.full_name = names[i];
        in.has_full_name = 1;
        in.birth_date = "1950-01-01";
        in.has_birth_date = 1;
        in.sex = "F";
        in.has_sex = 1;
        in.unit_code = units[i];
        in.address = "Tổ dân phố 1";
        if (app_person_create(db, &everywhere, "test", &in, &id, &err) != 0)
            fail_msg("person %s: %s %s", names[i], err.field, err.message);
        /* A beneficiary, so payment and the beneficiary list apply. */
        struct app_status_input st = {0,    "enrolled", NULL,
                                      NULL, NULL,       "2025-06-01"};
        if (app_beneficiary_status(db, &everywhere, "test", id, &st, NULL,
                                   &err) != 0)
            fail_msg("enrol %s: %s %s", names[i], err.field, err.message);
        targets[T_PERSON][i].kind = T_PERSON;
        targets[T_PERSON][i].id = id;
        snprintf(targets[T_PERSON][i].name, sizeof targets[T_PERSON][i].name,
                 "%s", names[i]);
        targets[T_PERSON][i].unit = units[i];
    }
}

/* One user of the fixture as the app sees it (acts are recorded under
 * its name; decisions need its id). */
static struct app_user as_user(const char *username, const char *role,
                               const char *area)
{
    struct app_user u;
    struct store_user su;

    memset(&u, 0, sizeof u);
    if (store_users_find(db, username, &su) == DB_OK)
        u.id = su.id;
    snprintf(u.username, sizeof u.username, "%s", username);
    snprintf(u.full_name, sizeof u.full_name, "Người Thử");
    snprintf(u.role, sizeof u.role, "%s", role);
    snprintf(u.area_code, sizeof u.area_code, "%s", area);
    return u;
}

static int64_t dossier_version(int64_t id)
{
    char sql[96];
    int64_t v = 0;

    snprintf(sql, sizeof sql, "SELECT version FROM dossiers WHERE id = %lld",
             (long long)id);
    assert_int_equal(db_query_int64(db, sql, &v), DB_OK);
    return v;
}

static void act(const struct app_user *u, int64_t id, const char *action,
                const char *date)
{
    struct app_dossier_act in = {action, dossier_version(id), date, NULL};
    struct app_dos_err err;

    if (app_dossier_act(db, u, id, &in, &err) != APP_DOS_OK)
        fail_msg("%s %s: %s", action, u->username, err.message);
}

/* For each area: an open dossier of its person (T_DOSSIER), and another
 * one taken through the 2021 procedure (RULES.md §6.2) to a decision
 * (T_DECISION). 00001 lies in district 001 of Hà Nội. */
static void make_dossiers(void)
{
    static const char *const districts[2] = {"347", "001"};
    char msg[256], name[64];
    int i;

    for (i = 0; i < 2; i++) {
        const char *unit = targets[T_PERSON][i].unit;
        struct app_user off, ch, doff, dch;
        struct app_dossier_new in;
        struct app_decision_new dn;
        struct app_dos_err err;
        int64_t open = 0, done = 0, xid = 0;

        snprintf(name, sizeof name, "m.signer.%s", districts[i]);
        assert_int_equal(app_user_create(db, name, "Người Ký", PASSWORD,
                                         "district_chairman", districts[i], msg,
                                         sizeof msg),
                         0);
        /* The person lived there before the submission too. */
        assert_int_equal(store_persons_residence_add(
                             db, "test", targets[T_PERSON][i].id, unit,
                             "Tổ dân phố 1", "2025-01-01", TODAY, NULL),
                         DB_OK);
        off = as_user("m.fixture.officer", "commune_officer", unit);
        ch = as_user("m.fixture.chairman", "commune_chairman", unit);
        doff = as_user("m.fixture.district", "district_officer", districts[i]);
        dch = as_user(name, "district_chairman", districts[i]);
        memset(&in, 0, sizeof in);
        in.person_id = targets[T_PERSON][i].id;
        in.kind = "grant";
        in.submitted_on = "2025-06-02";
        in.categories = "K1a";
        if (app_dossier_create(db, &off, &in, &open, &err) != APP_DOS_OK ||
            app_dossier_create(db, &off, &in, &done, &err) != APP_DOS_OK)
            fail_msg("dossier in %s: %s", unit, err.message);
        act(&ch, done, "approve_review", "2025-06-03");
        act(&off, done, "close_posting", "2025-06-05");
        act(&ch, done, "forward", "2025-06-06");
        act(&doff, done, "appraise", "2025-06-09");
        memset(&dn, 0, sizeof dn);
        dn.dossier_id = done;
        dn.version = dossier_version(done);
        dn.number = "1/QĐ-UBND";
        dn.signed_on = "2025-06-10";
        if (app_decision_sign(db, &dch, &dn, &xid, &err) != APP_DOS_OK)
            fail_msg("decision in %s: %s", unit, err.message);
        targets[T_DOSSIER][i] = targets[T_PERSON][i];
        targets[T_DOSSIER][i].kind = T_DOSSIER;
        targets[T_DOSSIER][i].id = open;
        targets[T_DECISION][i] = targets[T_PERSON][i];
        targets[T_DECISION][i].kind = T_DECISION;
        targets[T_DECISION][i].id = xid;
    }
}

/* For each area: the payroll of June 2025, prepared, checked, approved
 * and sent by fixture accounts (docs/payroll.md). */
static void make_payrolls(void)
{
    struct app_user prep, chk, chair;
    struct app_pay_summary sum;
    struct app_pay_err err;
    int i;

    for (i = 0; i < 2; i++) {
        const char *unit = targets[T_PERSON][i].unit;

        prep = as_user("m.pay.preparer", "province_officer", "");
        chk = as_user("m.pay.checker", "province_officer", "");
        chair = as_user("m.pay.chairman", "commune_chairman", "");
        if (app_payroll_prepare(db, &prep, unit, "2025-06", "2025-05-20", -1,
                                &sum, &err) != APP_PAY_OK ||
            app_payroll_transition(db, &chk, sum.id, "check", 0, NULL, &err) !=
                APP_PAY_OK ||
            app_payroll_transition(db, &chair, sum.id, "approve", 0, NULL,
                                   &err) != APP_PAY_OK ||
            app_payroll_transition(db, &prep, sum.id, "send", 0, NULL, &err) !=
                APP_PAY_OK)
            fail_msg("payroll of %s: %s %s", unit, err.code, err.message);
        targets[T_PAYROLL][i] = targets[T_PERSON][i];
        targets[T_PAYROLL][i].kind = T_PAYROLL;
        targets[T_PAYROLL][i].id = sum.id;
        snprintf(targets[T_PAYROLL][i].name, sizeof targets[T_PAYROLL][i].name,
                 "%s", unit);
    }
}

/* For each area: a task about its person, closed already (T_TASK). */
static void make_tasks(void)
{
    int i;

    for (i = 0; i < 2; i++) {
        struct store_task t;
        int64_t id = 0;

        memset(&t, 0, sizeof t);
        snprintf(t.task_key, sizeof t.task_key, "authz:%d", i);
        snprintf(t.kind, sizeof t.kind, "child_4");
        snprintf(t.unit_code, sizeof t.unit_code, "%s",
                 targets[T_PERSON][i].unit);
        t.person_id = targets[T_PERSON][i].id;
        snprintf(t.decision, sizeof t.decision, "none");
        snprintf(t.event_on, sizeof t.event_on, "2025-06-10");
        snprintf(t.due_on, sizeof t.due_on, "2025-06-30");
        snprintf(t.created_at, sizeof t.created_at, "2025-06-30T00:00:00Z");
        snprintf(t.created_by, sizeof t.created_by, "test");
        assert_int_equal(store_task_insert(db, &t, &id), DB_OK);
        assert_true(id > 0);
        t.id = id;
        t.version = 1;
        snprintf(t.done_on, sizeof t.done_on, "2025-06-30");
        snprintf(t.done_by, sizeof t.done_by, "test");
        snprintf(t.note, sizeof t.note, "Đã báo");
        assert_int_equal(store_task_done(db, &t), DB_OK);
        targets[T_TASK][i] = targets[T_PERSON][i];
        targets[T_TASK][i].kind = T_TASK;
        targets[T_TASK][i].id = id;
    }
}

static void make_targets(void)
{
    static const char *const units[2] = {OWN_UNIT, OTHER_UNIT};
    static const char *const names[2] = {"m.target.own", "m.target.other"};
    char msg[256];
    int i;

    for (i = 0; i < 2; i++) {
        struct store_user su;

        assert_int_equal(app_user_create(db, names[i], "Người Đích", PASSWORD,
                                         "commune_officer", units[i], msg,
                                         sizeof msg),
                         0);
        assert_int_equal(store_users_find(db, names[i], &su), DB_OK);
        targets[T_USER][i].kind = T_USER;
        targets[T_USER][i].id = su.id;
        snprintf(targets[T_USER][i].name, sizeof targets[T_USER][i].name, "%s",
                 names[i]);
        targets[T_USER][i].unit = units[i];
    }
    make_persons();
    make_dossiers();
    make_payrolls();
    make_tasks();
}

static int group_setup(void **state)
{
    char msg[256];
    size_t i;

    (void)state;
    /* The date of the server and of the audit area paths written here. */
    setenv("ANSINH_TODAY", TODAY, 1);
    db = testdb_open();
    for (i = 0; i < N_ACTORS; i++) {
        if (app_user_create(db, actors[i].username, "Người Thử", PASSWORD,
                            actors[i].role, actors[i].area, msg,
                            sizeof msg) != 0) {
            fprintf(stderr, "%s: %s\n", actors[i].username, msg);
            return -1;
        }
    }
    make_targets();
    if (http_client_server_start(&server, testdb_last_dsn(), NULL) != 0)
        return -1;
    for (i = 0; i < N_ACTORS; i++) {
        if (api_login(server.port, actors[i].username, PASSWORD,
                      &actors[i].s) != 200) {
            fprintf(stderr, "login %s failed\n", actors[i].username);
            return -1;
        }
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    db_close(db);
    fprintf(stderr, "authz: %d checks\n", checks);
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

/* The stored version of target t (for updates). */
static int64_t version_of(const struct target *t)
{
    char sql[96];
    int64_t v = 0;

    if (t->kind == T_USER) {
        struct store_user su;

        assert_int_equal(store_users_get(db, t->id, &su), DB_OK);
        return su.version;
    }
    if (t->kind == T_DOSSIER)
        return dossier_version(t->id);
    if (t->kind == T_TASK) {
        snprintf(sql, sizeof sql, "SELECT version FROM tasks WHERE id = %lld",
                 (long long)t->id);
        assert_int_equal(db_query_int64(db, sql, &v), DB_OK);
        return v;
    }
    if (t->kind == T_PAYROLL) {
        snprintf(sql, sizeof sql,
                 "SELECT version FROM payrolls WHERE id = %lld",
                 (long long)t->id);
        assert_int_equal(db_query_int64(db, sql, &v), DB_OK);
        return v;
    }
    snprintf(sql, sizeof sql, "SELECT version FROM persons WHERE id = %lld",
             (long long)t->id);
    assert_int_equal(db_query_int64(db, sql, &v), DB_OK);
    return v;
}

/* Replace the placeholders of tmpl for target t (may be NULL). */
static void fill(const char *tmpl, const struct target *t, char *out,
                 size_t cap)
{
    size_t o = 0;
    const char *p = tmpl;

    while (*p && o + 1 < cap) {
        char val[128];
        const char *end = *p == '{' ? strchr(p, '}') : NULL;

        if (end == NULL) {
            out[o++] = *p++;
            continue;
        }
        val[0] = '\0';
        if (strncmp(p, "{id}", 4) == 0 && t)
            snprintf(val, sizeof val, "%lld", (long long)t->id);
        else if (strncmp(p, "{name}", 6) == 0 && t)
            snprintf(val, sizeof val, "%s", t->name);
        else if (strncmp(p, "{qname}", 7) == 0 && t) {
            size_t i, v = 0;

            for (i = 0; t->name[i] && v + 4 < sizeof val; i++) {
                unsigned char ch = (unsigned char)t->name[i];

                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.')
                    val[v++] = (char)ch;
                else
                    v +=
                        (size_t)snprintf(val + v, sizeof val - v, "%%%02X", ch);
            }
            val[v] = '\0';
        } else if (strncmp(p, "{unit}", 6) == 0)
            snprintf(val, sizeof val, "%s", t ? t->unit : OWN_UNIT);
        else if (strncmp(p, "{n}", 3) == 0)
            snprintf(val, sizeof val, "%d", serial);
        else if (strncmp(p, "{m}", 3) == 0) /* 1..9, changes each time */
            snprintf(val, sizeof val, "%d", 1 + serial % 9);
        else if (strncmp(p, "{version}", 9) == 0 && t)
            snprintf(val, sizeof val, "%lld", (long long)version_of(t));
        else if (strncmp(p, "{bversion}", 10) == 0 && t) {
            char sql[96];
            int64_t v = 0;

            snprintf(sql, sizeof sql,
                     "SELECT version FROM beneficiaries WHERE person_id = %lld",
                     (long long)t->id);
            assert_int_equal(db_query_int64(db, sql, &v), DB_OK);
            snprintf(val, sizeof val, "%lld", (long long)v);
        } else if (strncmp(p, "{docs_action}", 13) == 0 && t) {
            char sql[112];
            int64_t w = 0;

            /* request_documents and documents_received alternate, so the
             * act succeeds whenever it is allowed */
            snprintf(sql, sizeof sql,
                     "SELECT waiting_documents FROM dossiers WHERE id = %lld",
                     (long long)t->id);
            assert_int_equal(db_query_int64(db, sql, &w), DB_OK);
            snprintf(val, sizeof val, "%s",
                     w ? "documents_received" : "request_documents");
        } else if (strncmp(p, "{day}", 5) == 0) {
            struct date d0 = {2025, 7, 1};

            date_format_iso(date_add_days(d0, serial), val);
        } else {
            out[o++] = *p++; /* a JSON brace, not a placeholder */
            continue;
        }
        if (o + strlen(val) + 1 >= cap)
            break;
        memcpy(out + o, val, strlen(val));
        o += strlen(val);
        p = end + 1;
    }
    out[o] = '\0';
}

/* 1 if actor a sees records of commune unit on TODAY. */
static int sees(const struct actor *a, const char *unit)
{
    if (a->area[0] == '\0')
        return 1;
    /* The fixture's areas: 13285 < 347 < 35; 00001 is in none of them. */
    return strcmp(unit, OWN_UNIT) == 0;
}

/* The state a refused request must leave alone. */
struct snapshot {
    int64_t users, audit, versions, persons, person_versions, documents,
        payments, record_versions, dossiers, dossier_versions, decisions,
        complaints, payroll_versions, payroll_lines, payroll_imports,
        payroll_blocks, tasks, task_versions, residences;
};

static void snap(struct snapshot *s)
{
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM users", &s->users), DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM audit_log", &s->audit), DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT sum(version) FROM users", &s->versions),
        DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM persons", &s->persons), DB_OK);
    assert_int_equal(db_query_int64(db, "SELECT sum(version) FROM persons",
                                    &s->person_versions),
                     DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM documents", &s->documents),
        DB_OK);
    assert_int_equal(db_query_int64(db,
                                    "SELECT count(*) FROM payment_arrangements",
                                    &s->payments),
                     DB_OK);
    assert_int_equal(
        db_query_int64(db,
                       "SELECT coalesce(sum(version), 0) FROM beneficiaries",
                       &s->record_versions),
        DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM dossiers", &s->dossiers),
        DB_OK);
    assert_int_equal(db_query_int64(db, "SELECT sum(version) FROM dossiers",
                                    &s->dossier_versions),
                     DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM decisions", &s->decisions),
        DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM complaints", &s->complaints),
        DB_OK);
    assert_int_equal(db_query_int64(db,
                                    "SELECT coalesce(sum(version), 0) FROM "
                                    "payrolls",
                                    &s->payroll_versions),
                     DB_OK);
    assert_int_equal(db_query_int64(db, "SELECT count(*) FROM payroll_lines",
                                    &s->payroll_lines),
                     DB_OK);
    assert_int_equal(db_query_int64(db, "SELECT count(*) FROM payroll_imports",
                                    &s->payroll_imports),
                     DB_OK);
    assert_int_equal(db_query_int64(db, "SELECT count(*) FROM payroll_blocks",
                                    &s->payroll_blocks),
                     DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM tasks", &s->tasks), DB_OK);
    assert_int_equal(db_query_int64(db,
                                    "SELECT coalesce(sum(version), 0) FROM"
                                    " tasks",
                                    &s->task_versions),
                     DB_OK);
    assert_int_equal(
        db_query_int64(db, "SELECT count(*) FROM residences", &s->residences),
        DB_OK);
}

/* body with every number equal to id written as ghost instead (an error
 * message may echo the id asked for), into out. */
static void swap_id(const char *body, int64_t id, int64_t ghost, char *out,
                    size_t cap)
{
    char idt[24], gt[24];
    size_t o = 0, n;
    const char *p = body;

    snprintf(idt, sizeof idt, "%lld", (long long)id);
    snprintf(gt, sizeof gt, "%lld", (long long)ghost);
    while (*p && o + 1 < cap) {
        n = strspn(p, "0123456789");
        if (n == 0) {
            out[o++] = *p++;
            continue;
        }
        if (n == strlen(idt) && strncmp(p, idt, n) == 0 &&
            o + strlen(gt) < cap) {
            memcpy(out + o, gt, strlen(gt));
            o += strlen(gt);
        } else if (o + n < cap) {
            memcpy(out + o, p, n);
            o += n;
        }
        p += n;
    }
    out[o] = '\0';
}

/* 1 if role is one of the comma-separated list. */
static int role_in(const char *role, const char *list)
{
    size_t n = strlen(role);
    const char *p = list;

    while ((p = strstr(p, role)) != NULL) {
        if ((p == list || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
        p += n;
    }
    return 0;
}

static void fail_case(const struct actor *a, const struct route_case *c,
                      int other, const char *path, int status, const char *body,
                      const char *why)
{
    fail_msg("%s (%s %s) %s %s [%s area] -> %d: %s\n%s", a->username, a->role,
             a->area[0] ? a->area : "national", c->method, path,
             other ? "other" : "own", status, why, body ? body : "");
}

static void run_case(struct actor *a, const struct route_case *c, int other)
{
    const struct target *t =
        c->target == T_NONE ? NULL : &targets[c->target][other];
    char path[512], body[1024], marker[256], code[64], field[64];
    struct http_client_response r;
    struct snapshot before, after;
    int allowed = spec_has(a->role, c->perm);
    int visible = t == NULL || sees(a, t->unit);
    int has_marker;

    serial++;
    fill(c->path, t, path, sizeof path);
    if (c->body)
        fill(c->body, t, body, sizeof body);
    marker[0] = '\0';
    if (c->marker)
        fill(c->marker, t, marker, sizeof marker);
    snap(&before);
    assert_int_equal(api_call(server.port, &a->s, 1, c->method, path,
                              c->body ? body : NULL, NULL, &r),
                     0);
    has_marker = marker[0] != '\0' && strstr(r.body, marker) != NULL;
    api_error(&r, code, sizeof code, field, sizeof field);
    checks++;
    if (!allowed) {
        if (r.status != 403 || strcmp(code, "forbidden") != 0)
            fail_case(a, c, other, path, r.status, r.body,
                      "expected 403 forbidden (role lacks the permission)");
    } else if (data_roles_of(c) != NULL &&
               !role_in(a->role, data_roles_of(c)) &&
               (c->kind == CREATE || visible)) {
        if (r.status != 403 || strcmp(code, "forbidden_action") != 0)
            fail_case(a, c, other, path, r.status, r.body,
                      "expected 403 forbidden_action (the procedure data "
                      "gives this act to other roles)");
    } else if (c->kind == NATION) {
        if (a->area[0] != '\0'
                ? r.status != 403 || strcmp(code, "forbidden_scope") != 0
                : r.status != c->ok)
            fail_case(a, c, other, path, r.status, r.body,
                      "expected 403 forbidden_scope for an area, success "
                      "nationally");
    } else if (c->kind == ANY || visible) {
        if (r.status != c->ok)
            fail_case(a, c, other, path, r.status, r.body, "expected success");
        if (marker[0] != '\0' && !has_marker)
            fail_case(a, c, other, path, r.status, r.body,
                      "the record in the area is missing from the answer");
    } else if (c->kind == ITEM) {
        struct target ghost = *t;
        char gpath[512], gbody[1024], swapped[2048];
        struct http_client_response g;

        if (r.status != 404 || strcmp(code, "not_found") != 0)
            fail_case(a, c, other, path, r.status, r.body,
                      "expected 404 for a record outside the area");
        /* Exactly the answer for a record that does not exist. */
        ghost.id = 987654321;
        fill(c->path, &ghost, gpath, sizeof gpath);
        if (c->body)
            fill(c->body, t, gbody, sizeof gbody);
        assert_int_equal(api_call(server.port, &a->s, 1, c->method, gpath,
                                  c->body ? gbody : NULL, NULL, &g),
                         0);
        swap_id(r.body, t->id, ghost.id, swapped, sizeof swapped);
        if (g.status != r.status || strcmp(g.body, swapped) != 0)
            fail_case(a, c, other, path, r.status, r.body,
                      "outside the area differs from a missing record");
        http_client_response_free(&g);
    } else if (c->kind == LIST) {
        if (r.status != 200)
            fail_case(a, c, other, path, r.status, r.body,
                      "expected 200 for a list");
    } else if (c->kind == CREATE) {
        if (r.status != 400 || strcmp(field, c->field) != 0)
            fail_case(a, c, other, path, r.status, r.body,
                      "expected 400 on the area field outside the area");
    }
    /* Zero leaks: a record outside the area, or behind a refused
     * permission, never shows. */
    if ((!allowed || !visible) && has_marker)
        fail_case(a, c, other, path, r.status, r.body,
                  "LEAK: the record shows in the answer");
    /* Zero changes by a refused request. */
    if (r.status >= 400) {
        snap(&after);
        if (after.users != before.users || after.audit != before.audit ||
            after.versions != before.versions ||
            after.persons != before.persons ||
            after.person_versions != before.person_versions ||
            after.documents != before.documents ||
            after.payments != before.payments ||
            after.record_versions != before.record_versions ||
            after.dossiers != before.dossiers ||
            after.dossier_versions != before.dossier_versions ||
            after.decisions != before.decisions ||
            after.complaints != before.complaints ||
            after.payroll_versions != before.payroll_versions ||
            after.payroll_lines != before.payroll_lines ||
            after.payroll_imports != before.payroll_imports ||
            after.payroll_blocks != before.payroll_blocks ||
            after.tasks != before.tasks ||
            after.task_versions != before.task_versions ||
            after.residences != before.residences)
            fail_case(a, c, other, path, r.status, r.body,
                      "a refused request changed the database");
    }
    http_client_response_free(&r);
}

/* The role table of router.c grants exactly the documented matrix. */
static void test_role_table_is_the_documented_matrix(void **state)
{
    size_t i;
    int p;

    (void)state;
    for (i = 0; i < sizeof spec / sizeof spec[0]; i++)
        for (p = 0; p < ROUTER_PERM_COUNT; p++)
            if (router_role_has(spec[i].role, (enum router_perm)p) !=
                spec_has(spec[i].role, (enum router_perm)p))
                fail_msg("role %s, permission %d: router.c says %d, "
                         "docs/authz.md %d",
                         spec[i].role, p,
                         router_role_has(spec[i].role, (enum router_perm)p),
                         spec_has(spec[i].role, (enum router_perm)p));
    for (p = 1; p < ROUTER_PERM_COUNT; p++) {
        assert_false(router_role_has("inspector", (enum router_perm)p));
        assert_false(router_role_has(NULL, (enum router_perm)p));
    }
}

/* The table above names the permission each route has in router.c: a row
 * whose permission drifted from the table would test the wrong thing. */
static void test_cases_match_the_route_table(void **state)
{
    size_t i, n;

    (void)state;
    router_routes(&n);
    for (i = 0; i < N_CASES; i++) {
        struct router_path p;
        struct router_match m;
        char path[512];
        const char *q;
        size_t len;

        fill(cases[i].path, &targets[T_USER][0], path, sizeof path);
        q = strchr(path, '?');
        len = q ? (size_t)(q - path) : strlen(path);
        assert_int_equal(router_path_parse(path, len, &p), ROUTER_OK);
        assert_int_equal(
            router_match_in(router_routes(&n), n, cases[i].method, &p, &m),
            ROUTER_OK);
        if (m.route->perm != cases[i].perm)
            fail_msg("%s %s: the route table says permission %d, the case %d",
                     cases[i].method, cases[i].path, (int)m.route->perm,
                     (int)cases[i].perm);
    }
}

static void test_matrix(void **state)
{
    size_t i, k;
    int other;

    (void)state;
    for (i = 0; i < N_ACTORS; i++)
        for (k = 0; k < N_CASES; k++)
            for (other = 0; other < 2; other++)
                run_case(&actors[i], &cases[k], other);
}

/* Every role of the users table has an actor above, so no role escapes
 * the matrix. */
static void test_every_role_has_an_actor(void **state)
{
    static const char *const roles[] = {"admin",
                                        "commune_officer",
                                        "commune_chairman",
                                        "district_officer",
                                        "district_chairman",
                                        "province_officer",
                                        "supervisor",
                                        "auditor",
                                        "provider"};
    size_t i, k;

    (void)state;
    for (i = 0; i < sizeof roles / sizeof roles[0]; i++) {
        int found = 0;

        assert_true(app_auth_role_valid(roles[i]));
        for (k = 0; k < N_ACTORS; k++)
            found |= strcmp(actors[k].role, roles[i]) == 0 &&
                     actors[k].area[0] != '\0';
        if (!found)
            fail_msg("role %s has no area-bound actor", roles[i]);
    }
    assert_false(app_auth_role_valid("inspector"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_role_has_an_actor),
        cmocka_unit_test(test_role_table_is_the_documented_matrix),
        cmocka_unit_test(test_cases_match_the_route_table),
        cmocka_unit_test(test_matrix),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
