/* store_forms.h: the SQL behind Forms 10a-10d that store_oversight.h does
 * not already hold (docs/oversight.md, "Forms 10a-10d").
 *
 * Anonymous rows only: a person id tells persons apart and is never
 * shown. Dates are 'YYYY-MM-DD'. Runs inside the caller's read
 * transaction. Errors: DB_OK or a negative db_rc with the message on the
 * connection; DB_EINVAL for a malformed area, DB_ECHECK for a malformed
 * day.
 */
#ifndef ANSINH_STORE_STORE_FORMS_H
#define ANSINH_STORE_STORE_FORMS_H

#include <stdint.h>

#include "store/store_oversight.h"

struct db;

/* One membership of a beneficiary; borrowed for the callback. */
struct store_forms_member {
    int64_t person_id;      /* to tell persons apart; never shown */
    const char *status;     /* enrolled or suspended */
    const char *category;   /* "" when no membership is valid that day */
    const char *disability; /* "", severe, especially_severe */
};
typedef int (*store_forms_member_fn)(void *arg,
                                     const struct store_forms_member *m);

/* The beneficiaries (enrolled or suspended) on day resident then in area
 * a on that day's tree (level 0: everyone), with each membership valid on
 * day: one call per membership (one with category "" for a person with
 * none), a person's rows together, in person order. fn's non-zero return
 * stops and is returned. */
int store_forms_stock(struct db *db, const struct store_ov_area *a,
                      const char *day, store_forms_member_fn fn, void *arg);

#endif
