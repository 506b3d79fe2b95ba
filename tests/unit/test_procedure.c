/* test_procedure.c: procedures as data (core/procedure.h,
 * rules/procedures/procedures.csv; docs/dossiers.md).
 *
 * The real data loads and says what RULES.md says: the 2021 three-tier
 * procedure (§6.2: review 7 WD, posting 2 WD without HIV information,
 * complaints 10 WD, forward 3 WD, appraisal 7 WD, decision 3 WD), the
 * 2025 two-tier one (§6.5: 10 WD in all, the posting step behind the
 * UNVERIFIED flag posting_2025, §12.3), the signer by date (§2.6), who
 * may take which action; deadlines across Tết 2026 (docs/calendar.md);
 * and every malformed or contradictory file is refused with a Vietnamese
 * message naming the file and the line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/procedure.h"
#include "core/workdays.h"

#define DATA_FILE "rules/procedures/procedures.csv"

static char *read_source(const char *rel, size_t *len)
{
    const char *dir = getenv("ANSINH_SOURCE_DIR");
    char path[1024];
    FILE *f;
    char *data;
    long n;

    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : ".", rel);
    f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return data;
}

/* The real data, finished, with posting_2025 set to `posting` (-1: the
 * data's default). */
static struct procedure_set *real_set(int posting)
{
    struct procedure_set *s = procedure_set_new();
    struct procedure_err err;
    size_t len;
    char *data = read_source(DATA_FILE, &len);
    int rc;

    rc = procedure_set_load(s, DATA_FILE, data, len, &err);
    if (rc != PROCEDURE_OK)
        fail_msg("%s", err.message);
    free(data);
    if (posting >= 0)
        assert_int_equal(procedure_set_flag(s, "posting_2025", posting),
                         PROCEDURE_OK);
    rc = procedure_set_finish(s, &err);
    if (rc != PROCEDURE_OK)
        fail_msg("%s", err.message);
    return s;
}

static struct workdays_calendar *real_calendar(void)
{
    struct workdays_calendar *cal = NULL;
    char err[256];
    size_t len;
    char *data = read_source(WORKDAYS_DATA_FILE, &len);

    assert_int_equal(workdays_calendar_new(WORKDAYS_DATA_FILE, data, len, &cal,
                                           err, sizeof err),
                     WORKDAYS_OK);
    free(data);
    return cal;
}

static struct date D(int y, int m, int d) {
    struct date x = {y, m, d};
    return x;
}

static void
assert_date(struct date got, int y, int m, int d)
{
    if (got.y != y || got.m != m || got.d != d)
        fail_msg("got %04d-%02d-%02d, want %04d-%02d-%02d", got.y, got.m, got.d,
                 y, m, d);
}

/* --- The real data ----------------------------------------------------- */

static void test_real_data_loads(void **state)
{
    struct procedure_set *s = real_set(-1);
    const struct procedure_flag *f;

    (void)state;
    assert_int_equal(procedure_count(s), 8);
    assert_int_equal(procedure_flag_count(s), 1);
    f = procedure_flag_at(s, 0);
    assert_string_equal(f->code, "posting_2025");
    assert_int_equal(f->on, 0); /* UNVERIFIED: off by default (§12.3) */
    assert_int_equal(f->src.confidence, PROCEDURE_UNVERIFIED);
    procedure_set_free(s);
}

/* RULES.md §6.2 / §6.5: the procedure follows the submission date. */
static void test_choose_by_submission_date_s6_2_s6_5(void **state)
{
    struct procedure_set *s = real_set(-1);
    const struct procedure *p;

    (void)state;
    p = procedure_choose(s, PROCEDURE_KIND_GRANT, D(2025, 6, 30));
    assert_non_null(p);
    assert_string_equal(p->id, "monthly_2021");
    assert_int_equal(p->structure, PROCEDURE_THREE_TIER);
    p = procedure_choose(s, PROCEDURE_KIND_GRANT, D(2025, 7, 1));
    assert_string_equal(p->id, "monthly_2025");
    assert_int_equal(p->structure, PROCEDURE_TWO_TIER);
    assert_string_equal(
        procedure_choose(s, PROCEDURE_KIND_CARE, D(2022, 1, 3))->id,
        "monthly_2021");
    assert_string_equal(
        procedure_choose(s, PROCEDURE_KIND_ADJUST, D(2026, 1, 3))->id,
        "monthly_2025");
    assert_string_equal(
        procedure_choose(s, PROCEDURE_KIND_STOP, D(2024, 3, 1))->id,
        "stop_2021");
    assert_string_equal(
        procedure_choose(s, PROCEDURE_KIND_STOP, D(2026, 3, 1))->id,
        "stop_2025");
    assert_string_equal(
        procedure_choose(s, PROCEDURE_KIND_FUNERAL, D(2024, 3, 1))->id,
        "funeral_2021");
    assert_string_equal(
        procedure_choose(s, PROCEDURE_KIND_TRANSFER, D(2025, 8, 1))->id,
        "transfer_2025");
    /* Decree 20/2021 is in force from 2021-07-01. */
    assert_null(procedure_choose(s, PROCEDURE_KIND_GRANT, D(2021, 6, 30)));
    assert_null(procedure_choose(s, -1, D(2025, 1, 1)));
    assert_null(procedure_choose(s, PROCEDURE_KIND_COUNT, D(2025, 1, 1)));
    procedure_set_free(s);
}

/* RULES.md §6.2: the six steps of the 2021 model and their deadlines. */
static void test_monthly_2021_steps_s6_2(void **state)
{
    struct procedure_set *s = real_set(-1);
    const struct procedure *p = procedure_find(s, "monthly_2021");
    static const struct {
        const char *code;
        int days, clock, area, pub;
    } want[] = {
        {"review", 7, PROCEDURE_CLOCK_STEP, PROCEDURE_AREA_COMMUNE, 0},
        {"posting", 2, PROCEDURE_CLOCK_PERIOD, PROCEDURE_AREA_COMMUNE, 1},
        {"forward", 3, PROCEDURE_CLOCK_STEP, PROCEDURE_AREA_COMMUNE, 0},
        {"appraisal", 7, PROCEDURE_CLOCK_STEP, PROCEDURE_AREA_DISTRICT, 0},
        {"decision", 3, PROCEDURE_CLOCK_STEP, PROCEDURE_AREA_DISTRICT, 0},
    };
    const struct procedure_action *a;
    size_t i;

    (void)state;
    assert_non_null(p);
    assert_int_equal(p->nsteps, 5);
    for (i = 0; i < 5; i++) {
        assert_string_equal(p->steps[i].code, want[i].code);
        assert_int_equal(p->steps[i].days, want[i].days);
        assert_int_equal(p->steps[i].clock, want[i].clock);
        assert_int_equal(p->steps[i].area, want[i].area);
        assert_int_equal(p->steps[i].is_public, want[i].pub);
    }
    /* HIV information is never posted (Decree 20 Art. 8(1)(b)). */
    assert_int_equal(procedure_step(p, "posting")->hide_hiv, 1);
    /* Complaints: 10 WD from receipt (§6.2 step 3a). */
    a = procedure_action(p, "posting", "complaint_received");
    assert_non_null(a);
    assert_int_equal(a->effect, PROCEDURE_EFFECT_COMPLAINT);
    assert_int_equal(a->days, 10);
    assert_null(a->next);
    a = procedure_action(p, "review", "approve_review");
    assert_string_equal(a->next, "posting");
    assert_int_equal(a->effect, PROCEDURE_EFFECT_MOVE);
    a = procedure_action(p, "decision", "decide");
    assert_string_equal(a->next, PROCEDURE_DECIDED);
    assert_int_equal(a->effect, PROCEDURE_EFFECT_DECIDE);
    /* withdraw is listed once with step "*": it exists at every step. */
    for (i = 0; i < p->nsteps; i++) {
        a = procedure_action(p, p->steps[i].code, "withdraw");
        assert_non_null(a);
        assert_int_equal(a->roles, p->steps[i].roles);
    }
    /* Complaints about a decision are listed at "decided". */
    assert_non_null(
        procedure_action(p, PROCEDURE_DECIDED, "complaint_received"));
    assert_null(procedure_action(p, PROCEDURE_WITHDRAWN, "complaint_received"));
    procedure_set_free(s);
}

/* RULES.md §6.5: 10 WD in all; the posting step is UNVERIFIED (§12.3) and
 * applies only with the flag on. */
static void test_monthly_2025_and_posting_flag_s6_5(void **state)
{
    struct procedure_set *off = real_set(-1), *on = real_set(1);
    const struct procedure *p = procedure_find(off, "monthly_2025");
    const struct procedure_action *a;

    (void)state;
    assert_int_equal(p->nsteps, 2);
    assert_string_equal(p->steps[0].code, "review");
    assert_string_equal(p->steps[1].code, "decision");
    assert_int_equal(p->steps[0].clock, PROCEDURE_CLOCK_DOSSIER);
    assert_int_equal(p->steps[0].days, 10);
    assert_int_equal(p->steps[1].clock, PROCEDURE_CLOCK_DOSSIER);
    assert_int_equal(p->steps[1].days, 10);
    assert_null(procedure_step(p, "posting"));
    a = procedure_action(p, "review", "approve_review");
    assert_string_equal(a->next, "decision");
    /* The population-database check comes first (§6.1, §6.5). */
    assert_string_equal(a->requires, "population_check");
    assert_int_equal(procedure_action(p, "review", "population_check")->effect,
                     PROCEDURE_EFFECT_RECORD);

    p = procedure_find(on, "monthly_2025");
    assert_int_equal(p->nsteps, 3);
    assert_string_equal(p->steps[1].code, "posting");
    assert_int_equal(p->steps[1].hide_hiv, 1);
    a = procedure_action(p, "review", "approve_review");
    assert_string_equal(a->next, "posting");
    assert_int_equal(a->roles, 1u << PROCEDURE_ROLE_COMMUNE_CHAIRMAN);
    assert_string_equal(procedure_action(p, "posting", "close_posting")->next,
                        "decision");
    procedure_set_free(off);
    procedure_set_free(on);
}

/* Who may take which action comes from the data (router permission
 * DOSSIER_ACT says only "may act on some step"). */
static void test_roles_per_action(void **state)
{
    struct procedure_set *s = real_set(-1);
    const struct procedure *p = procedure_find(s, "monthly_2021");
    const struct procedure_action *a = NULL;
    char msg[300];

    (void)state;
    assert_int_equal(procedure_check(p, "review", "approve_review",
                                     "commune_officer", &a, msg, sizeof msg),
                     PROCEDURE_EROLE);
    assert_non_null(strstr(msg, "Chủ tịch UBND cấp xã"));
    assert_int_equal(procedure_check(p, "review", "approve_review",
                                     "commune_chairman", &a, msg, sizeof msg),
                     PROCEDURE_OK);
    assert_string_equal(a->next, "posting");
    assert_string_equal(msg, "");
    assert_int_equal(procedure_check(p, "appraisal", "appraise",
                                     "commune_chairman", &a, msg, sizeof msg),
                     PROCEDURE_EROLE);
    assert_int_equal(procedure_check(p, "appraisal", "appraise",
                                     "district_officer", &a, msg, sizeof msg),
                     PROCEDURE_OK);
    assert_int_equal(procedure_check(p, "decision", "decide",
                                     "district_officer", &a, msg, sizeof msg),
                     PROCEDURE_EROLE);
    assert_int_equal(procedure_check(p, "decision", "decide",
                                     "district_chairman", &a, msg, sizeof msg),
                     PROCEDURE_OK);
    /* Not an action of this step: the message lists those that are. */
    assert_int_equal(procedure_check(p, "review", "decide", "district_chairman",
                                     &a, msg, sizeof msg),
                     PROCEDURE_ENOTFOUND);
    assert_non_null(strstr(msg, "approve_review"));
    assert_int_equal(procedure_check(p, "review", "approve_review", "admin", &a,
                                     msg, sizeof msg),
                     PROCEDURE_EROLE);
    assert_int_equal(procedure_check(p, "nowhere", "withdraw",
                                     "commune_officer", &a, NULL, 0),
                     PROCEDURE_ENOTFOUND);
    /* After the decision only complaints remain. */
    assert_int_equal(procedure_check(p, PROCEDURE_DECIDED, "complaint_received",
                                     "commune_officer", &a, msg, sizeof msg),
                     PROCEDURE_OK);
    assert_int_equal(procedure_check(p, PROCEDURE_DECIDED, "withdraw",
                                     "commune_officer", &a, msg, sizeof msg),
                     PROCEDURE_ENOTFOUND);
    procedure_set_free(s);
}

/* RULES.md §2.6: the district chairman signs before 2025-07-01, the
 * commune chairman from then on. */
static void test_signer_by_date_s2_6(void **state)
{
    struct procedure_set *s = real_set(-1);
    const struct procedure_signer *g;

    (void)state;
    g = procedure_signer_on(s, D(2025, 6, 30));
    assert_non_null(g);
    assert_int_equal(g->role, PROCEDURE_ROLE_DISTRICT_CHAIRMAN);
    assert_int_equal(g->area, PROCEDURE_AREA_DISTRICT);
    g = procedure_signer_on(s, D(2025, 7, 1));
    assert_int_equal(g->role, PROCEDURE_ROLE_COMMUNE_CHAIRMAN);
    assert_int_equal(g->area, PROCEDURE_AREA_COMMUNE);
    assert_int_equal(procedure_signer_on(s, D(2030, 1, 1))->role,
                     PROCEDURE_ROLE_COMMUNE_CHAIRMAN);
    assert_null(procedure_signer_on(s, D(2021, 6, 30)));
    procedure_set_free(s);
}

/* Deadlines in working days across Tết 2026 (docs/calendar.md). */
static void test_deadlines_across_tet_2026(void **state)
{
    struct procedure_set *s = real_set(-1);
    struct workdays_calendar *cal = real_calendar();
    const struct procedure *p21 = procedure_find(s, "monthly_2021");
    const struct procedure *p25 = procedure_find(s, "monthly_2025");
    const struct procedure *stop = procedure_find(s, "stop_2021");
    struct date out;

    (void)state;
    /* §6.2 review, 7 WD from Tuesday 10/02/2026: 26/02/2026. */
    assert_int_equal(procedure_deadline(cal, procedure_step(p21, "review"),
                                        D(2026, 2, 10), D(2026, 2, 10), 0,
                                        &out),
                     PROCEDURE_OK);
    assert_date(out, 2026, 2, 26);
    /* Documents requested on 12/02 and received on 02/03: the 7 working
     * days between stop the clock, so the deadline is 09/03/2026. */
    assert_int_equal(procedure_deadline(cal, procedure_step(p21, "review"),
                                        D(2026, 2, 10), D(2026, 2, 10), 7,
                                        &out),
                     PROCEDURE_OK);
    assert_date(out, 2026, 3, 9);
    /* §6.5: 10 WD from submission for review and decision alike, whatever
     * day the decision step started. */
    assert_int_equal(procedure_deadline(cal, procedure_step(p25, "decision"),
                                        D(2026, 2, 20), D(2026, 2, 10), 0,
                                        &out),
                     PROCEDURE_OK);
    assert_date(out, 2026, 3, 3);
    /* Posting: two working days from the review (a period). */
    assert_int_equal(procedure_deadline(cal, procedure_step(p21, "posting"),
                                        D(2026, 2, 12), D(2026, 2, 1), 0, &out),
                     PROCEDURE_OK);
    assert_date(out, 2026, 2, 23);
    /* No statutory deadline. */
    assert_int_equal(procedure_deadline(cal, procedure_step(stop, "proposal"),
                                        D(2026, 2, 12), D(2026, 2, 12), 0,
                                        &out),
                     1);
    assert_int_equal(procedure_deadline(cal, procedure_step(p21, "review"),
                                        D(2026, 2, 10), D(2026, 2, 10), -1,
                                        &out),
                     PROCEDURE_EINVAL);
    assert_int_equal(procedure_deadline(cal, procedure_step(p21, "review"),
                                        D(2199, 12, 30), D(2199, 12, 30), 0,
                                        &out),
                     PROCEDURE_ECALENDAR);
    workdays_calendar_free(cal);
    procedure_set_free(s);
}

static void test_vocabulary(void **state)
{
    (void)state;
    assert_int_equal(procedure_kind_parse("grant"), PROCEDURE_KIND_GRANT);
    assert_int_equal(procedure_kind_parse("funeral"), PROCEDURE_KIND_FUNERAL);
    assert_int_equal(procedure_kind_parse("Grant"), -1);
    assert_int_equal(procedure_kind_parse(NULL), -1);
    assert_string_equal(procedure_kind_code(PROCEDURE_KIND_STOP), "stop");
    assert_string_equal(procedure_kind_code(99), "");
    assert_int_equal(procedure_role_parse("district_chairman"),
                     PROCEDURE_ROLE_DISTRICT_CHAIRMAN);
    assert_int_equal(procedure_role_parse("admin"), -1);
    assert_string_equal(procedure_role_name(PROCEDURE_ROLE_COMMUNE_CHAIRMAN),
                        "Chủ tịch UBND cấp xã");
    assert_string_equal(procedure_builtin_name("request_documents"),
                        "Yêu cầu bổ sung hồ sơ");
    assert_string_equal(procedure_builtin_name("approve_review"), "");
    assert_string_equal(procedure_clock_name(PROCEDURE_CLOCK_PERIOD), "period");
    assert_string_equal(procedure_area_name(PROCEDURE_AREA_DISTRICT),
                        "district");
    assert_string_equal(procedure_structure_name(PROCEDURE_TWO_TIER),
                        "two_tier");
    assert_string_equal(procedure_confidence_name(PROCEDURE_UNVERIFIED),
                        "unverified");
}

/* --- Rejections naming file and line ------------------------------------ */

#define H                                                                      \
    "kind,procedure,step,action,next,name,dossier_kinds,structure,from,to,"    \
    "days,clock,roles,area,public,hide_hiv,requires,flag,value,confidence,"    \
    "basis,rules_ref,note\n"
/* A valid two-step procedure: lines 2 to 6. */
#define PROC                                                                   \
    "procedure,p,,,,P,grant,three_tier,2021-07-01,,,,commune_officer,,,,,,,"   \
    "confirmed,B,R,\n"
#define STEP_A                                                                 \
    "step,p,a,,,A,,,,,7,step,commune_officer|commune_chairman,commune,0,0,,,," \
    "confirmed,B,R,\n"
#define STEP_D                                                                 \
    "step,p,d,,,D,,,,,3,step,district_chairman,district,0,0,,,,confirmed,B,"   \
    "R,\n"
#define GO    "action,p,a,go,d,Go,,,,,,,,,,,,,,confirmed,B,R,\n"
#define DEC   "action,p,d,decide,decided,,,,,,,,,,,,,,,confirmed,B,R,\n"
#define VALID H PROC STEP_A STEP_D GO DEC

static void test_minimal_valid(void **state)
{
    struct procedure_set *s = procedure_set_new();
    struct procedure_err err;
    const struct procedure *p;

    (void)state;
    assert_int_equal(procedure_set_load(s, "t.csv", VALID, strlen(VALID), &err),
                     PROCEDURE_OK);
    assert_int_equal(procedure_set_rows(s), 5);
    /* Nothing can be asked before finish. */
    assert_null(procedure_find(s, "p"));
    assert_int_equal(procedure_count(s), 0);
    assert_int_equal(procedure_set_finish(s, &err), PROCEDURE_OK);
    p = procedure_find(s, "p");
    assert_non_null(p);
    assert_int_equal(p->nsteps, 2);
    assert_int_equal(p->nactions, 2);
    assert_string_equal(p->src.file, "t.csv");
    assert_int_equal(procedure_step(p, "d")->src.line, 4);
    /* Immutable afterwards. */
    assert_int_equal(procedure_set_load(s, "u.csv", VALID, strlen(VALID), &err),
                     PROCEDURE_EINVAL);
    assert_int_equal(procedure_set_flag(s, "x", 1), PROCEDURE_EINVAL);
    assert_int_equal(procedure_set_finish(s, &err), PROCEDURE_EINVAL);
    procedure_set_free(s);
    procedure_set_free(NULL);
}

static void check_err(int rc, int rc_want, const struct procedure_err *err,
                      size_t line, const char *part)
{
    char where[64];

    if (line > 0)
        snprintf(where, sizeof where, "t.csv, dòng %zu: ", line);
    else
        snprintf(where, sizeof where, "t.csv: ");
    if (rc != rc_want || err->line != line ||
        strstr(err->message, where) == NULL ||
        strstr(err->message, part) == NULL)
        fail_msg("rc %d line %zu \"%s\"; want %d line %zu \"%s\"", rc,
                 err->line, err->message, rc_want, line, part);
}

/* Loading csv fails with EFORMAT at line, the message containing part,
 * and leaves no row behind. */
static void load_fails(const char *csv, size_t line, const char *part)
{
    struct procedure_set *s = procedure_set_new();
    struct procedure_err err;

    memset(&err, 0, sizeof err);
    check_err(procedure_set_load(s, "t.csv", csv, strlen(csv), &err),
              PROCEDURE_EFORMAT, &err, line, part);
    assert_int_equal(procedure_set_rows(s), 0);
    procedure_set_free(s);
}

/* csv loads; finishing fails with rc at line, message containing part. */
static void finish_fails(const char *csv, int rc_want, size_t line,
                         const char *part)
{
    struct procedure_set *s = procedure_set_new();
    struct procedure_err err;

    if (procedure_set_load(s, "t.csv", csv, strlen(csv), &err) != PROCEDURE_OK)
        fail_msg("load: %s", err.message);
    memset(&err, 0, sizeof err);
    check_err(procedure_set_finish(s, &err), rc_want, &err, line, part);
    procedure_set_free(s);
}

static void test_row_errors_name_the_line(void **state)
{
    (void)state;
    load_fails("", 0, "tệp rỗng");
    load_fails("kind,confidence,basis,rules_ref,colour\n", 1, "cột \"colour\"");
    load_fails("kind,confidence,basis\n", 1, "thiếu cột rules_ref");
    load_fails("kind,kind,confidence,basis,rules_ref\n", 1,
               "cột kind có hai lần");
    load_fails(H "rule,p,,,,P,,,,,,,,,,,,,,confirmed,B,R,\n", 2,
               "cột kind phải là");
    load_fails(H PROC "procedure,P-1,,,,P,grant,three_tier,2021-07-01,,,,"
                      "commune_officer,,,,,,,confirmed,B,R,\n",
               3, "cột procedure \"P-1\" không phải mã");
    load_fails(H "procedure,p,,,,P,grant|aid,three_tier,2021-07-01,,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n",
               2, "cột dossier_kinds");
    load_fails(H "procedure,p,,,,P,grant|grant,three_tier,2021-07-01,,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n",
               2, "mỗi loại một lần");
    load_fails(H "procedure,p,,,,P,grant,one_tier,2021-07-01,,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n",
               2, "cột structure");
    load_fails(H "procedure,p,,,,P,grant,three_tier,2021-02-30,,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n",
               2, "cột from \"2021-02-30\"");
    load_fails(H "procedure,p,,,,P,grant,three_tier,2021-07-01,2021-07-01,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n",
               2, "ngày to phải sau ngày from");
    load_fails(H "procedure,p,,,,P,grant,three_tier,2021-07-01,,,,"
                 "chairman,,,,,,,confirmed,B,R,\n",
               2, "cột roles");
    load_fails(H PROC "step,p,a,,,A,,,,,0,step,commune_officer,commune,0,0,,,,"
                      "confirmed,B,R,\n",
               3, "cột days \"0\"");
    load_fails(H PROC "step,p,a,,,A,,,,,7,,commune_officer,commune,0,0,,,,"
                      "confirmed,B,R,\n",
               3, "cột days và clock");
    load_fails(H PROC "step,p,a,,,A,,,,,7,hours,commune_officer,commune,0,0,,"
                      ",,confirmed,B,R,\n",
               3, "cột clock");
    load_fails(H PROC "step,p,a,,,A,,,,,7,step,commune_officer,village,0,0,,,"
                      ",confirmed,B,R,\n",
               3, "cột area");
    load_fails(H PROC "step,p,a,,,A,,,,,7,step,commune_officer,commune,2,0,,,"
                      ",confirmed,B,R,\n",
               3, "cột public");
    load_fails(H PROC "step,p,a,,,A,grant,,,,7,step,commune_officer,commune,0,"
                      "0,,,,confirmed,B,R,\n",
               3, "không dùng cột dossier_kinds");
    load_fails(H PROC "step,p,a,,,,,,,,7,step,commune_officer,commune,0,0,,,,"
                      "confirmed,B,R,\n",
               3, "thiếu cột name");
    load_fails(H PROC "step,p,decided,,,A,,,,,7,step,commune_officer,commune,"
                      "0,0,,,,confirmed,B,R,\n",
               3, "trạng thái kết thúc");
    load_fails(H PROC "step,p,a,,,A,,,,,7,step,commune_officer,commune,0,0,,,,"
                      "sure,B,R,\n",
               3, "cột confidence");
    load_fails(H PROC "step,p,a,,,A,,,,,7,step,commune_officer,commune,0,0,,,,"
                      "confirmed,,R,\n",
               3, "thiếu cột basis");
    load_fails(H PROC "step,p,a,,,\"A\x01\",,,,,7,step,commune_officer,commune,"
                      "0,0,,,,confirmed,B,R,\n",
               3, "cột name không phải văn bản");
    load_fails(H PROC "step,p,a,,,\"\xff\",,,,,7,step,commune_officer,commune,"
                      "0,0,,,,confirmed,B,R,\n",
               3, "UTF-8");
    load_fails(H "flag,,,,,F,,,,,,,,,,,,x,maybe,unverified,B,R,\n", 2,
               "cột value");
    load_fails(H "flag,,,,,F,,,,,,,,,,,,!x,on,unverified,B,R,\n", 2,
               "không có dấu !");
    load_fails(H "signer,,,,,S,,,2021-07-01,,,,commune_chairman|"
                 "district_chairman,commune,,,,,,confirmed,B,R,\n",
               2, "một vai trò");
    load_fails(H PROC "step,p,a\n", 3, "có 3 cột");
    load_fails(H PROC "step,p,\"a\n", 3, "ngoặc kép");
}

static void test_finish_errors_name_the_line(void **state)
{
    (void)state;
    /* A step of a procedure nobody declared. */
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "step,q,a,,,A,,,,,7,step,commune_officer,commune,0,0,,,,"
                 "confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "thủ tục q chưa được khai báo");
    finish_fails(H PROC STEP_A STEP_D STEP_A GO DEC, PROCEDURE_ECONFLICT, 5,
                 "bước a của thủ tục p đã có ở dòng 3");
    finish_fails(H PROC PROC STEP_A STEP_D GO DEC, PROCEDURE_ECONFLICT, 3,
                 "thủ tục p đã có ở dòng 2");
    /* Two procedures for one kind at once. */
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "procedure,q,,,,Q,care|grant,two_tier,2024-01-01,,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "cùng áp dụng cho một loại hồ sơ");
    /* A district step in a two-tier procedure. */
    finish_fails(H
                 "procedure,p,,,,P,grant,two_tier,2025-07-01,,,,"
                 "commune_officer,,,,,,,confirmed,B,R,\n" STEP_A STEP_D GO DEC,
                 PROCEDURE_ECONFLICT, 4, "hai cấp không có bước ở cấp huyện");
    finish_fails(H PROC STEP_A
                 "step,p,d,,,D,,,,,3,step,commune_chairman,district,0,0,,,,"
                 "confirmed,B,R,\n" GO DEC,
                 PROCEDURE_ECONFLICT, 4, "phải thuộc cấp ghi ở cột area");
    /* Decree 20 Art. 8(1)(b): a public posting hides HIV information. */
    finish_fails(H PROC STEP_A STEP_D
                 "step,p,post,,,Post,,,,,2,period,commune_officer,commune,1,0,,"
                 ",,confirmed,B,R,\n" GO DEC,
                 PROCEDURE_ECONFLICT, 5, "phải ẩn thông tin HIV");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,zz,go,d,Go,,,,,,,,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "thủ tục p không có bước zz");
    finish_fails(H PROC STEP_A STEP_D
                 "action,p,a,go,zz,Go,,,,,,,,,,,,,,confirmed,B,R,\n" DEC,
                 PROCEDURE_ECONFLICT, 5, "thủ tục p không có bước zz");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,withdraw,refused,,,,,,,,,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "withdraw dẫn tới withdrawn");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,hop,decided,Hop,,,,,,,,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "chỉ withdraw, refuse, decide");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,request_documents,d,,,,,,,,,,,,,,,confirmed,B,R,"
                 "\n",
                 PROCEDURE_ECONFLICT, 7, "cột next phải là same");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,request_documents,same,,,,,,,,,,,,,,,confirmed,B,"
                 "R,\n",
                 PROCEDURE_ECONFLICT, 7, "thiếu documents_received");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,complaint_received,same,,,,,,,,,,,,,,,confirmed,"
                 "B,R,\n",
                 PROCEDURE_EFORMAT, 7, "complaint_received");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,note,same,,,,,,,,,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_EFORMAT, 7, "phải có tên");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,check,same,Check,,,,,,,district_officer,,,,,,,"
                 "confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "vai trò của bước");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,*,withdraw,withdrawn,,,,,,,,commune_officer,,,,,,,"
                 "confirmed,B,R,\n",
                 PROCEDURE_EFORMAT, 7, "để trống cột roles");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,decided,withdraw,withdrawn,,,,,,,,commune_officer,"
                 ",,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "chỉ có complaint_received");
    /* Only chairmen decide. */
    finish_fails(H PROC STEP_A
                 "step,p,d,,,D,,,,,3,step,district_officer,district,0,0,,,,"
                 "confirmed,B,R,\n" GO DEC,
                 PROCEDURE_ECONFLICT, 6, "chỉ chủ tịch UBND ra quyết định");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,go,d,Go,,,,,,,,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "hành động go ở bước a đã có");
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,check,same,Check,,,,,,,,,,,later,,,confirmed,B,R,"
                 "\n",
                 PROCEDURE_ECONFLICT, 7, "đòi later");
    /* Unreachable, and stuck. */
    finish_fails(H PROC STEP_A STEP_D
                 "step,p,x,,,X,,,,,3,step,commune_officer,commune,0,0,,,,"
                 "confirmed,B,R,\n" GO DEC,
                 PROCEDURE_ECONFLICT, 5,
                 "không có hành động nào dẫn tới bước x");
    finish_fails(H PROC STEP_A STEP_D
                 "step,p,x,,,X,,,,,3,step,commune_officer,commune,0,0,,,,"
                 "confirmed,B,R,\n" GO DEC
                 "action,p,a,aside,x,Aside,,,,,,,,,,,,,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 5, "không thể đi tới quyết định");
    /* Flags: undeclared, twice, an override of nothing, and a row behind
     * a flag that leaves an action pointing at an inactive step. */
    finish_fails(H PROC STEP_A STEP_D GO DEC
                 "action,p,a,check,same,Check,,,,,,,,,,,,zz,,confirmed,B,R,\n",
                 PROCEDURE_ECONFLICT, 7, "cờ zz chưa được khai báo");
    finish_fails(H "flag,,,,,F,,,,,,,,,,,,x,off,unverified,B,R,\n"
                   "flag,,,,,F,,,,,,,,,,,,x,on,unverified,B,R,\n" PROC STEP_A
                       STEP_D GO DEC,
                 PROCEDURE_ECONFLICT, 3, "cờ x được khai báo hai lần");
    finish_fails(H "flag,,,,,F,,,,,,,,,,,,x,off,unverified,B,R,\n" PROC
                   "step,p,a,,,A,,,,,7,step,commune_officer,commune,0,0,,x,,"
                   "confirmed,B,R,\n" STEP_D GO DEC,
                 PROCEDURE_ECONFLICT, 6, "bước a không áp dụng");
    finish_fails(H "signer,,,,,S,,,2021-07-01,,,,district_chairman,district,,,"
                   ",,,confirmed,B,R,\n"
                   "signer,,,,,S,,,2025-07-01,,,,commune_chairman,commune,,,,,"
                   ",confirmed,B,R,\n" PROC STEP_A STEP_D GO DEC,
                 PROCEDURE_ECONFLICT, 3, "chồng lên dòng 2");
    finish_fails(H "signer,,,,,S,,,2021-07-01,,,,district_chairman,commune,,,"
                   ",,,confirmed,B,R,\n" PROC STEP_A STEP_D GO DEC,
                 PROCEDURE_ECONFLICT, 2, "người ký phải là chủ tịch");
    finish_fails(H, PROCEDURE_ECONFLICT, 0, "không có thủ tục nào");
}

static void test_flag_override(void **state)
{
    static const char csv[] =
        H "flag,,,,,F,,,,,,,,,,,,x,off,unverified,B,R,\n" PROC STEP_A STEP_D
          "step,p,x,,,X,,,,,2,period,commune_officer,commune,1,1,,x,,"
          "unverified,B,R,\n"
          "action,p,a,go,d,Go,,,,,,,,,,,,!x,,confirmed,B,R,\n"
          "action,p,a,go,x,Go,,,,,,,,,,,,x,,confirmed,B,R,\n"
          "action,p,x,done,d,Done,,,,,,,,,,,,x,,confirmed,B,R,\n" DEC;
    struct procedure_set *s = procedure_set_new();
    struct procedure_err err;

    (void)state;
    assert_int_equal(procedure_set_load(s, "t.csv", csv, strlen(csv), &err),
                     PROCEDURE_OK);
    assert_int_equal(procedure_set_flag(s, "y", 1), PROCEDURE_OK);
    check_err(procedure_set_finish(s, &err), PROCEDURE_ECONFLICT, &err, 0,
              "cờ y");
    procedure_set_free(s);

    s = procedure_set_new();
    assert_int_equal(procedure_set_load(s, "t.csv", csv, strlen(csv), &err),
                     PROCEDURE_OK);
    assert_int_equal(procedure_set_finish(s, &err), PROCEDURE_OK);
    assert_int_equal(procedure_find(s, "p")->nsteps, 2);
    assert_string_equal(
        procedure_action(procedure_find(s, "p"), "a", "go")->next, "d");
    procedure_set_free(s);

    s = procedure_set_new();
    assert_int_equal(procedure_set_load(s, "t.csv", csv, strlen(csv), &err),
                     PROCEDURE_OK);
    assert_int_equal(procedure_set_flag(s, "x", 1), PROCEDURE_OK);
    assert_int_equal(procedure_set_finish(s, &err), PROCEDURE_OK);
    assert_int_equal(procedure_find(s, "p")->nsteps, 3);
    assert_string_equal(
        procedure_action(procedure_find(s, "p"), "a", "go")->next, "x");
    procedure_set_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_data_loads),
        cmocka_unit_test(test_choose_by_submission_date_s6_2_s6_5),
        cmocka_unit_test(test_monthly_2021_steps_s6_2),
        cmocka_unit_test(test_monthly_2025_and_posting_flag_s6_5),
        cmocka_unit_test(test_roles_per_action),
        cmocka_unit_test(test_signer_by_date_s2_6),
        cmocka_unit_test(test_deadlines_across_tet_2026),
        cmocka_unit_test(test_vocabulary),
        cmocka_unit_test(test_minimal_valid),
        cmocka_unit_test(test_row_errors_name_the_line),
        cmocka_unit_test(test_finish_errors_name_the_line),
        cmocka_unit_test(test_flag_override),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
