/* demo_int.h: what demo.c (units, batches, accounts) and demo_person.c
 * (one beneficiary and their household) share. Internal to src/app. */
#ifndef ANSINH_APP_DEMO_INT_H
#define ANSINH_APP_DEMO_INT_H

#include <stddef.h>
#include <stdint.h>

#include "app/demo.h"
#include "app/demo_gen.h"
#include "core/date.h"

struct db;

#define DEMO_LABEL 160 /* bytes: "UBND thành phố Phủ Lý", ... */

/* Where a person lived before 2025-07-01 (a commune of the three-tier
 * lists) and the bodies that issued their papers there. */
struct demo_old_place {
    char code[8];
    char since[11];                 /* residence valid_from: the first day
                                       this code is known in the lists */
    char commune_body[DEMO_LABEL];  /* "UBND xã Liêm Phong" */
    char district_body[DEMO_LABEL]; /* "UBND huyện Thanh Liêm" ("" if
                                       unknown) */
    char court[DEMO_LABEL]; /* "Tòa án nhân dân huyện Thanh Liêm" */
    int province;           /* old province code (35) */
    char district[8];       /* its district's code ("" if unknown): the
                               unit whose chairman signed its decisions */
};

/* Where a person lives from 2025-07-01 (two-tier list). */
struct demo_new_place {
    char code[8];
    char commune_body[DEMO_LABEL]; /* "UBND phường Phủ Lý" */
    int partial;                   /* the old commune went here only in part */
};

/* A commune of the list valid on as-of, with the places its people have
 * on either side of the 2025-07-01 reform. For an as-of before the reform
 * nold is 1 (the commune itself) and new_ lists its successors; after it,
 * old lists its predecessors and nnew is 1 (the commune itself). */
struct demo_commune {
    char code[8];
    char name[128];
    int province; /* province code on as-of (birth province when no
                     pre-reform place is known) */
    int is_ward; /* Phường / Thị trấn: "Tổ dân phố", else "Thôn" */
    int eligible; /* may have K5b/K7 (docs/demo.md) */
    double weight;
    int64_t count; /* beneficiaries placed here */
    uint32_t households;
    struct demo_old_place *old;
    size_t nold;
    struct demo_new_place *new_;
    size_t nnew;
};

/* Per old province (index = code): labels for papers. */
struct demo_province {
    int known;
    char label[DEMO_LABEL]; /* "tỉnh Hà Nam" */
    char cdc[DEMO_LABEL]; /* "Trung tâm Kiểm soát bệnh tật tỉnh Hà Nam" */
    char facility[DEMO_LABEL]; /* "Trung tâm Bảo trợ xã hội tỉnh Hà Nam" */
};

/* Beneficiary kinds, before the split into category codes. */
enum demo_kind {
    DEMO_K1,
    DEMO_K2,
    DEMO_K3,
    DEMO_K4,
    DEMO_K5A,
    DEMO_K5B,
    DEMO_K5C,
    DEMO_K5D,
    DEMO_K6_CHILD,
    DEMO_K6_ADULT,
    DEMO_K6_ELDER,
    DEMO_K7,
    DEMO_K8,
    DEMO_KINDS
};

/* A decision among the papers, kept for its record (demo_decisions.c). */
struct demo_decision {
    int64_t person_id;
    const char *kind; /* grant suspend resume terminate (static) */
    uint32_t number;  /* "N/QĐ-UBND" */
    struct date signed_on;
    struct date effective; /* first day of the month it takes effect */
    char unit[8];          /* the signing unit: the district (or commune) */
    char commune[8];       /* the commune that received the dossier */
    char category[8];      /* grant: the membership's category */
    const char *reason;    /* suspend, terminate: the ground (static) */
};

/* Numbers of decisions: the next one per signing unit and year. */
#define DEMO_NUMBER_SLOTS 16384

struct demo_number_slot {
    int64_t key; /* unit code * 10000 + year; 0: empty */
    uint32_t next;
};

/* The state of one run. */
struct demo_run {
    struct db *db;
    const struct app_demo_opts *o;
    struct date as_of;      /* the demo's as-of date; while a former
                               beneficiary is made, the last day of their case */
    struct date as_of_real; /* the demo's as-of date, always */
    struct app_demo_ids ids;
    struct demo_province provinces[100];
    struct app_demo_result *res;
    int64_t by_kind[DEMO_KINDS];
    struct demo_number_slot *numbers; /* DEMO_NUMBER_SLOTS */
    int keep_decisions;               /* 1: log them for their records */
    struct demo_decision *decisions;
    size_t ndecisions, capdecisions;
};

/* The number of a decision signed on `on` by the chairman of the unit of
 * op (its district, else the commune), unique per unit and year and
 * rising in the order decisions are made (the first of a year from a
 * small offset drawn from `drawn`, the next ones 1 to 3 further); the
 * decision is logged for its record when run->keep_decisions. Returns
 * the number (0 when op is NULL: no unit, nothing logged). */
uint32_t demo_decision_add(struct demo_run *run,
                           const struct demo_old_place *op, uint32_t drawn,
                           int64_t person_id, const char *kind, struct date on,
                           struct date effective, const char *category,
                           const char *reason);

/* Write the logged decisions: per decision a dossier closed as decided
 * (procedure monthly_2021 for grants, stop_2021 otherwise) and its
 * decision, signed by the district chairman of the signing unit (the
 * demo's account for 347, an account district.CODE.chairman created
 * here for the others). After the accounts, before the reorganisation
 * (which rebinds these accounts as it rebinds any). Returns 0 or a
 * negative db_rc with msg. */
int demo_decisions_write(struct demo_run *run, char *msg, size_t msglen);

/* Create one beneficiary (index t, kind k) living in commune c, with their
 * household, poverty records, residences, memberships, documents,
 * beneficiary record and payment arrangements. former: a former
 * beneficiary, terminated before as-of (not counted in
 * res->beneficiaries). Returns 0 or a negative db_rc (message on the
 * connection). */
int demo_person_create(struct demo_run *run, struct demo_commune *c, int64_t t,
                       int kind, int former);

/* What demo_person.c knows of a beneficiary once their memberships and
 * papers exist: demo_case.c makes their record from it. */
struct demo_case {
    int64_t person_id;
    int kind; /* enum demo_kind */
    char sex;
    struct date birth;
    struct date first_from; /* the earliest membership start */
    char decision_ref[64];  /* "12/QĐ-UBND ngày 03/02/2022" */
    const char *family;     /* the person's family name */
    int province;           /* old province of birth registration */
    int severe;             /* an especially severe disability */
    const struct demo_old_place *op;
    const struct demo_new_place *np;
    const char *address; /* "Thôn 3" */
    int former;
};

/* The beneficiary record of k (enrolled from k->first_from; a few
 * suspended, resumed, or for k->former terminated on the day after
 * run->as_of) and its payment arrangements (cash at the commune office,
 * the post office or the village hall, bank accounts, e-wallets; an
 * authorised receiver for children and some of the very old), drawing
 * from r. Returns 0 or a negative db_rc. */
int demo_case_create(struct demo_run *run, struct app_demo_rng *r,
                     const struct demo_case *k);

/* After the bulk load and the accounts: the 2025-07-01 reorganisation
 * and the closing of most assignment tasks (demo_reform.c), unless
 * o->before_reform or today is before the reform. Fills the reform's
 * fields of res. Returns 0 or a negative code with msg. */
int demo_reform(struct db *db, const struct app_demo_opts *o,
                struct app_demo_result *res, char *msg, size_t msglen);

/* After the reorganisation: the payroll history of the province's
 * communes, the last complete pay months before today (at most
 * o->history_months, from 07/2025), prepared, checked, approved, sent and
 * reconciled through the payroll use cases by the communes' staff
 * accounts (created here, except the demo's own), with late deaths
 * recorded through the registry (demo_history.c). Nothing for
 * o->no_history, without the reorganisation, or for "all"
 * (res->history_skipped). Fills the history fields of res. Returns 0 or a
 * negative code with msg. */
int demo_history(struct db *db, const struct app_demo_opts *o,
                 struct app_demo_result *res, char *msg, size_t msglen);

/* "Huyện Thanh Liêm" -> "huyện Thanh Liêm" (the unit type in lower case,
 * as it reads inside a sentence), into out. */
void demo_lower_type(const char *name, char *out, size_t outlen);

#endif
