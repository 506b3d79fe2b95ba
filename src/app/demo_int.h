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

/* The state of one run. */
struct demo_run {
    struct db *db;
    const struct app_demo_opts *o;
    struct date as_of;
    int two_tier; /* as-of on or after 2025-07-01 */
    struct app_demo_ids ids;
    struct demo_province provinces[100];
    struct app_demo_result *res;
    int64_t by_kind[DEMO_KINDS];
};

/* Create one beneficiary (index t, kind k) living in commune c, with their
 * household, poverty records, residences, memberships and documents.
 * Returns 0 or a negative db_rc (message on the connection). */
int demo_person_create(struct demo_run *run, struct demo_commune *c, int64_t t,
                       int kind);

/* "Huyện Thanh Liêm" -> "huyện Thanh Liêm" (the unit type in lower case,
 * as it reads inside a sentence), into out. */
void demo_lower_type(const char *name, char *out, size_t outlen);

#endif
