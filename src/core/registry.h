/* registry.h: the vocabulary of the beneficiary registry (RULES.md §2.6,
 * §6.1, §6.4): the status of a case with its legal grounds, which status
 * may follow which, and the kinds of evidence document.
 *
 * A beneficiary record is enrolled (đang hưởng), suspended (tạm dừng) or
 * terminated (thôi hưởng). Suspension and termination always carry a
 * ground of Circular 02/2021 Art. 2 (a reason code below); enrolment and
 * resumption carry none. Codes are stable ASCII, used by the API, the
 * database and imports; names are Vietnamese for people.
 */
#ifndef ANSINH_CORE_REGISTRY_H
#define ANSINH_CORE_REGISTRY_H

#include <stddef.h>

#include "core/date.h"

enum registry_status {
    REGISTRY_NONE = 0, /* no beneficiary record */
    REGISTRY_ENROLLED = 1,
    REGISTRY_SUSPENDED = 2,
    REGISTRY_TERMINATED = 3
};

enum registry_rc {
    REGISTRY_OK = 0,
    REGISTRY_ESTATE = -1,  /* this change cannot follow the current status */
    REGISTRY_EREASON = -2, /* a missing, unknown or misplaced reason */
    REGISTRY_EDATE = -3    /* not after the current status's start, or too
                              early (three months after a suspension) */
};

/* A ground for suspending or terminating (Circular 02/2021 Art. 2). */
struct registry_reason {
    const char *code;    /* "death", "not_collected", ... */
    int status;          /* REGISTRY_SUSPENDED or REGISTRY_TERMINATED */
    const char *name_vi; /* "Chết", ... */
    const char *basis; /* "Thông tư 02/2021/TT-BLĐTBXH, Điều 2 khoản 1" */
};

/* A kind of evidence document. */
struct registry_doc_kind {
    const char *code;    /* "birth_certificate", ... */
    const char *name_vi; /* "Giấy khai sinh" */
};

/* "enrolled", "suspended", "terminated" ("" for REGISTRY_NONE). Static. */
const char *registry_status_code(int status);
/* "đang hưởng", "tạm dừng", "thôi hưởng" ("" for REGISTRY_NONE). Static. */
const char *registry_status_name(int status);
/* The status whose code is exactly (s, len), or REGISTRY_NONE. */
int registry_status_parse(const char *s, size_t len);

/* The reason whose code is exactly (code, len), or NULL. Static. */
const struct registry_reason *registry_reason_find(const char *code,
                                                   size_t len);
/* Number of reasons, and the i-th (suspension grounds first, then
 * termination grounds), or NULL when i is out of range. */
size_t registry_reason_count(void);
const struct registry_reason *registry_reason_at(size_t i);

/* Check a status change of a record whose current status is `from`
 * (REGISTRY_NONE: no record yet), effective since `since` with reason
 * `from_reason` (code or NULL), to status `to` with reason `reason` (code
 * or NULL) effective on `on`:
 *   none or terminated -> enrolled  (enrolment, re-enrolment), no reason;
 *   enrolled -> suspended           with a suspension ground;
 *   suspended -> enrolled           (resumption), no reason;
 *   enrolled or suspended -> terminated with a termination ground;
 *   "suspension_expired" only from a suspension for "reassessment", on or
 *   after three months from its start.
 * `on` must be after `since` (each status lasts at least a day; ignored
 * when from is REGISTRY_NONE). Returns REGISTRY_OK (msg ""), or
 * REGISTRY_ESTATE, REGISTRY_EREASON or REGISTRY_EDATE with a Vietnamese
 * explanation in msg (may be NULL; cut to msglen). */
int registry_check_change(int from, struct date since, const char *from_reason,
                          int to, const char *reason, struct date on, char *msg,
                          size_t msglen);

/* The document kind whose code is exactly (code, len), or NULL. Static. */
const struct registry_doc_kind *registry_doc_kind_find(const char *code,
                                                       size_t len);
/* Number of document kinds, and the i-th ("other" last), or NULL. */
size_t registry_doc_kind_count(void);
const struct registry_doc_kind *registry_doc_kind_at(size_t i);

#endif
