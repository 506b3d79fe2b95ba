/* registry_int.h: what registry.c (persons, search, validation) and
 * registry_case.c (documents, payment, status) share. Internal to
 * src/app. */
#ifndef ANSINH_APP_REGISTRY_INT_H
#define ANSINH_APP_REGISTRY_INT_H

#include <stdint.h>

#include <jansson.h>

#include "app/registry.h"

struct db;

/* Fill err (code, field may be NULL) and return rc. */
int reg_fail(struct app_reg_err *err, int rc, const char *code,
             const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Map a storage failure to the error shape (message from the connection
 * for checks; a generic one otherwise) and return rc unchanged. */
int reg_store_fail(struct db *db, struct app_reg_err *err, int rc);

/* The first max_chars characters of UTF-8 s (all of it if shorter), with
 * "…" when cut, into out (cap bytes, cut at a character boundary): for
 * echoing an input in a message without splitting a character. Returns
 * out. */
const char *reg_clip(const char *s, size_t max_chars, char *out, size_t cap);

/* Today in Vietnam as 'YYYY-MM-DD'. */
void reg_today(char out[11]);

/* Whether person id is visible in scope on date: 1 and the commune of
 * their residence valid then in unit (""  when none: national scopes
 * only), 0 when absent or out of scope (err filled: APP_REG_ENOTFOUND is
 * the caller's answer), or a negative db_rc. */
int reg_person_visible(struct db *db, const struct app_scope *scope, int64_t id,
                       const char *date, char unit[8], struct app_reg_err *err);

/* Check an optional date field: absent (NULL) is fine when optional;
 * else a real 'YYYY-MM-DD' day from 1900 on and, with not_after, no later
 * than it. *out receives it. APP_REG_EINVAL with err naming field. */
int reg_check_date(const char *field, const char *label, const char *s,
                   int optional, const struct date *not_after, struct date *out,
                   struct app_reg_err *err);

/* Check free text (NFC, trimmed, at most max characters; required: not
 * empty). APP_REG_EINVAL with err naming field. */
int reg_check_text(const char *field, const char *label, const char *s,
                   int required, size_t max, struct app_reg_err *err);

/* Append the audit record of a change to person_id: action, entity
 * ("person", "document", "beneficiary", "payment"), entity_id, the area
 * path of unit on date ("" when unit is ""), old and new JSON (borrowed,
 * either may be NULL). Inside the caller's write transaction. */
int reg_audit(struct db *db, const char *actor, const char *action,
              const char *entity, int64_t entity_id, int64_t person_id,
              const char *unit, const char *date, json_t *old_value,
              json_t *new_value);

/* JSON of stored rows (new references). */
json_t *reg_beneficiary_json(const void *store_beneficiary);
json_t *reg_payment_json(const void *store_payment);
json_t *reg_document_json(const void *store_document);

#endif
