/* audit.h: reading and checking the audit trail (use cases of
 * /api/v1/audit and `ansinh audit`; the chain itself is store_audit.h).
 *
 * A reader sees the records of their area: a record carries the area path
 * of the changed record when it was written ("35/347/13285"), and a
 * scope's area must be on it. National readers see everything, including
 * records without an area (system, units, national accounts).
 */
#ifndef ANSINH_APP_AUDIT_H
#define ANSINH_APP_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "store/store_audit.h"

struct db;
struct app_scope;

#define APP_AUDIT_PAGE_MAX     200
#define APP_AUDIT_PAGE_DEFAULT 50

enum app_audit_rc {
    APP_AUDIT_OK = 0,
    APP_AUDIT_EINVAL = -131 /* a filter or page is invalid: err names it */
};

/* Filters (NULL or "": any) and the page (from 1; per_page 1..max). */
struct app_audit_query {
    const char *entity;
    const char *entity_id;
    const char *actor;
    int64_t page;
    int64_t per_page;
};

struct app_audit_err {
    char field[32];
    char msg[256];
};

/* The records in scope (NULL: all) matching q, newest first, in *out
 * (free with store_audit_list_free). Returns 0, APP_AUDIT_EINVAL with
 * err, or a negative db_rc. */
int app_audit_list(struct db *db, const struct app_scope *scope,
                   const struct app_audit_query *q,
                   struct store_audit_list *out, struct app_audit_err *err);

/* A Vietnamese sentence for a verification result (enum
 * store_audit_break), e.g. "bản ghi 7 bị xoá". Written into out. */
void app_audit_describe(const struct store_audit_verify *v, char *out,
                        size_t cap);

#endif
