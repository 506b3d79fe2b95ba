/* payroll_int.h: what the payroll use cases share (payroll.c,
 * payroll_prepare.c, payroll_export.c, payroll_recon.c,
 * payroll_settings.c). Internal to src/app. */
#ifndef ANSINH_APP_PAYROLL_INT_H
#define ANSINH_APP_PAYROLL_INT_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/payroll.h"
#include "core/date.h"

struct db;
struct app_user;
struct store_payroll;
struct store_pay_line;

/* Fill err (field may be NULL) and return rc. */
int pay_fail(struct app_pay_err *err, int rc, const char *code,
             const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* A storage failure as the error shape (the connection's message for
 * conflicts and checks, a generic one otherwise); returns the app code
 * it maps to (DB_ECONFLICT -> APP_PAY_ESTATE, DB_ECHECK ->
 * APP_PAY_ESTATE, else rc unchanged). */
int pay_store_fail(struct db *db, struct app_pay_err *err, int rc);

/* Today in Vietnam, 'YYYY-MM-DD'. */
void pay_today(char out[11]);

/* Parse 'YYYY-MM' for field into *m and its first day 'YYYY-MM-01' into
 * first (may be NULL). APP_PAY_EINVAL with err. */
int pay_month_arg(const char *field, const char *s, struct month *m,
                  char first[11], struct app_pay_err *err);

/* 1 if the user's area is one of the '/'-separated codes of path (or the
 * user is national). */
int pay_in_scope(const struct app_user *user, const char *path);

/* Read payroll id visible to user into *p: APP_PAY_ENOTFOUND when absent
 * or out of scope. */
int pay_load(struct db *db, const struct app_user *user, int64_t id,
             struct store_payroll *p, struct app_pay_err *err);

/* Append the audit record of a payroll change (inside the transaction):
 * action ("payroll.prepare"), the payroll's id and area path, old and new
 * JSON (borrowed, may be NULL). */
int pay_audit(struct db *db, const char *actor, const char *action, int64_t id,
              const char *area_path, json_t *old_value, json_t *new_value);

/* The payroll as JSON (its stored fields). New reference. */
json_t *pay_payroll_json(const struct store_payroll *p);
/* A line as JSON. New reference. */
json_t *pay_line_json(const struct store_pay_line *l);

/* The hex BLAKE2b-256 of the national rule files compiled into the
 * binary (names and bytes, in name order): a payroll's rules_hash.
 * Static, computed once. */
const char *pay_rules_hash(void);

/* "Tháng 09/2026" style: 'YYYY-MM-01' or 'YYYY-MM' -> "09/2026" in out. */
void pay_month_vn(const char *iso, char out[8]);

/* --- A string arena: many small strings freed at once ------------------ */

struct pay_arena {
    struct pay_arena_block *head;
};

/* Copy s (NULL: "") into the arena; the copy lives until pay_arena_free. */
const char *pay_arena_dup(struct pay_arena *a, const char *s);
void pay_arena_free(struct pay_arena *a);

/* --- The suspension task (payroll_tasks.c) ---------------------------- */

/* Person person_id (of commune unit_code) collected nothing in the three
 * pay months ending with `month` ('YYYY-MM-01'): add the officers' task
 * "not_collected_3m" (app/tasks.h; RULES.md §2.6, Circular 02/2021 Art.
 * 2(3): not collecting for three consecutive months), calling for a
 * suspension decision, once per streak (nothing while such a task of the
 * person is open; the key names the month), with its audit record, inside
 * the caller's transaction. *raised 1 when new.
 * Returns DB_OK or a negative db_rc. */
int pay_suspension_task(struct db *db, const char *actor, int64_t person_id,
                        const char *unit_code, const char *month,
                        int64_t payroll_id, const char *area_path, int *raised);

#endif
