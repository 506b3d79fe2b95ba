/* payroll.h: the monthly payroll (danh sách chi trả) and its payment, as
 * use cases shared by `ansinh payroll` and /api/v1/payrolls
 * (docs/payroll.md; RULES.md §2.6, §2.7, §2.8, §5, §7.1, §14).
 *
 * A payroll is one area (a commune, district or province code) and one
 * pay month. prepare computes every enrolled beneficiary's lines from the
 * rules engine as the law was known on the preparation day and from what
 * approved payrolls already settled (core/payroll.h): allowance, care,
 * arrears, recoveries, roll-over of unpaid amounts, funeral support and
 * one-off payments, each with its explanation. Preparing again while the
 * payroll is "prepared" or "checked" replaces its lines (same data, same
 * bytes); once approved it is frozen (storage triggers) and its content
 * hash is in the audit chain.
 *
 * States and who moves them (the router's permissions say which roles may
 * call; this module says which user):
 *   prepared  by an officer (PAYROLL_PREPARE)
 *   checked   by an officer who did not prepare it
 *   approved  by a chairman (PAYROLL_APPROVE) who neither prepared nor
 *             checked it; refused when another payroll of the same
 *             communes was approved since it was prepared (stale)
 *   sent      to the payment provider, by an officer
 *   reconciled when the provider's results cover every payable line.
 *
 * Scope: a payroll belongs to its area on the tree of its month; a user
 * sees and acts on payrolls whose area lies within theirs (a commune
 * officer: their commune's; a province officer: any of the province's).
 * Anything else is APP_PAY_ENOTFOUND (404).
 *
 * Every change is one write transaction with its audit record (actor,
 * area path, old -> new); approval's record carries the content hash.
 */
#ifndef ANSINH_APP_PAYROLL_H
#define ANSINH_APP_PAYROLL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "app/progress.h"

struct db;
struct app_user;

/* Errors; storage failures pass through as the negative db_rc. */
enum app_pay_rc {
    APP_PAY_OK = 0,
    APP_PAY_EINVAL = -601,     /* bad input: err names the field (400) */
    APP_PAY_ENOTFOUND = -602,  /* no such payroll in the caller's scope */
    APP_PAY_ECONFLICT = -603,  /* the version is stale (409) */
    APP_PAY_ESTATE = -604,     /* not possible now: the state, a commune in
                                  another payroll of the month, facts that
                                  changed since preparing (409) */
    APP_PAY_EFORBIDDEN = -605, /* separation of duties (403) */
    APP_PAY_EINTERNAL = -606,  /* the rules or a document writer failed */
    APP_PAY_ETOOBIG = -607     /* an upload over the caps (413) */
};

struct app_pay_err {
    char code[32];
    char message[400];
    char field[64];
};

#define APP_PAY_PAGE_MAX 200
#define APP_PAY_PAGE_DEF 50
/* The largest provider result file accepted, bytes. */
#define APP_PAY_UPLOAD_MAX (32u * 1024u * 1024u)
/* Rows of a result file. */
#define APP_PAY_UPLOAD_ROWS 2000000

/* What a preparation did. */
struct app_pay_summary {
    int64_t id, version;
    int64_t persons, lines, payable, recovery;
    int64_t points;
    int64_t by_kind[7]; /* lines per enum payroll_kind */
};

/* Prepare (or prepare again) the payroll of area and month ('YYYY-MM'),
 * computing entitlements as known on `on` ('YYYY-MM-DD'; NULL: today),
 * looking back `lookback` months (-1: PAYROLL_LOOKBACK_DEFAULT).
 * Preparing on another day than today is for recording history (the
 * demo, `ansinh payroll prepare --on`). */
int app_payroll_prepare(struct db *db, const struct app_user *user,
                        const char *area, const char *month, const char *on,
                        int lookback, struct app_pay_summary *out,
                        struct app_pay_err *err);

/* app_payroll_prepare reporting its progress through p (may be NULL): the
 * persons handled of the area's residents, (0, total) once they are known,
 * after each chunk of persons, and (total, total) once when the payroll is
 * written and committed (not on failure). done never decreases (a retried
 * transaction reports nothing until it passes what was reported). Same
 * payroll, same answer and same errors as app_payroll_prepare. */
int app_payroll_prepare_ex(struct db *db, const struct app_user *user,
                           const char *area, const char *month, const char *on,
                           int lookback, const struct app_progress *p,
                           struct app_pay_summary *out,
                           struct app_pay_err *err);

/* Move payroll id: action "check", "approve", "send" (version: the
 * payroll's as read; 0 skips the check, for the CLI). *version (may be
 * NULL) receives the new version. */
int app_payroll_transition(struct db *db, const struct app_user *user,
                           int64_t id, const char *action, int64_t version,
                           int64_t *new_version, struct app_pay_err *err);

/* Hold back (reason not NULL) or release (NULL) line `ref` of payroll id
 * (prepared or checked): an inspection finding. */
int app_payroll_block(struct db *db, const struct app_user *user, int64_t id,
                      const char *ref, const char *reason,
                      struct app_pay_err *err);

/* The payroll of area and month ('YYYY-MM') in scope: its id. */
int app_payroll_find(struct db *db, const struct app_user *user,
                     const char *area, const char *month, int64_t *id,
                     struct app_pay_err *err);

/* List query (text, NULL absent): month 'YYYY-MM', state, page, per_page. */
struct app_pay_query {
    const char *month;
    const char *state;
    const char *area;
    const char *page;
    const char *per_page;
    const char *point; /* lines of one payment point (get) */
};

/* {"total", "page", "per_page", "items": [payroll...]} in scope. */
int app_payroll_list(struct db *db, const struct app_user *user,
                     const struct app_pay_query *q, json_t **out,
                     struct app_pay_err *err);

/* The payroll with its points and a page of lines (each with its
 * explanation and payment result): {"payroll", "points", "lines",
 * "total", "page", "per_page"}. *version receives its version. */
int app_payroll_get(struct db *db, const struct app_user *user, int64_t id,
                    const struct app_pay_query *q, json_t **out,
                    int64_t *version, struct app_pay_err *err);

/* Recompute the content hash of an approved payroll from its stored lines
 * and compare with the one frozen at approval. *same 1 when equal. */
int app_payroll_verify(struct db *db, int64_t id, int *same, char hash[65],
                       struct app_pay_err *err);

/* --- Documents (payroll_export.c) ------------------------------------- */

enum app_pay_format {
    APP_PAY_CSV = 0,
    APP_PAY_XLSX = 1,
    APP_PAY_PDF = 2,
    APP_PAY_HTML = 3,
    APP_PAY_JSON = 4
};

/* The provider file of payroll id (approved or later): one row per
 * payable line (positive, not blocked) with the fields of RULES.md §7.1
 * (KyChiTra, MaHinhThucChiTra, SoTaiKhoanNguoiNhan, MaNganHang, SoTien)
 * and the name, id number and line reference (MaThamChieu) the result
 * file must return. CSV (UTF-8 with BOM) or XLSX. Caller frees *data. */
int app_payroll_provider_file(struct db *db, const struct app_user *user,
                              int64_t id, int format, char **data, size_t *len,
                              struct app_pay_err *err);

/* The signed list (danh sách ký nhận) of payment point `point` (its seq)
 * of payroll id: one row per person with what is paid and a signature
 * column, totals in figures and words; PDF or HTML print view. Caller
 * frees *data. */
int app_payroll_point_list(struct db *db, const struct app_user *user,
                           int64_t id, int64_t point, int format, char **data,
                           size_t *len, struct app_pay_err *err);

/* The health-insurance list (RULES.md §2.7) of area and month: persons
 * whose card must be issued (joined the allowance) or ended (left), as
 * XLSX (format APP_PAY_XLSX) for the social security office, or CSV.
 * Caller frees *data. */
int app_payroll_bhyt(struct db *db, const struct app_user *user,
                     const char *area, const char *month, int format,
                     char **data, size_t *len, struct app_pay_err *err);

/* Budget figures of approved payrolls in area (NULL/"": the user's) for
 * year ('YYYY'), by period ("month", "quarter", "year"), area (commune)
 * and category, with paid and unpaid amounts, recoveries and the
 * provider's fee (payment_fees, RULES.md §7.1). */
int app_payroll_budget(struct db *db, const struct app_user *user,
                       const char *area, const char *year, const char *period,
                       json_t **out, struct app_pay_err *err);

/* --- Reconciliation (payroll_recon.c) ---------------------------------- */

/* Import the provider's result file (data, len) for payroll id (sent or
 * reconciled): CSV or XLSX (format), columns MaThamChieu, SoTien,
 * TrangThai, NgayChi (docs/payroll.md). Each row is matched by reference
 * and recorded as paid (with the day) or not paid; unknown references,
 * wrong amounts, duplicates, unreadable rows are recorded as mismatches,
 * never dropped; payable lines the file does not name are listed as
 * missing. The same file again (same hash) changes nothing. Three
 * consecutive pay months without a payment raise a suspension task
 * (RULES.md §2.6). *out: the import and its mismatches. */
int app_payroll_reconcile(struct db *db, const struct app_user *user,
                          int64_t id, const char *data, size_t len, int format,
                          const char *file_name, json_t **out,
                          struct app_pay_err *err);

/* app_payroll_reconcile reporting its progress through p (may be NULL):
 * the file's rows handled, (0, rows) once the file is read, every 1,024
 * rows, and (rows, rows) once when the import is committed (also for the
 * same file again; not on failure). done never decreases. Same answer and
 * same errors as app_payroll_reconcile. */
int app_payroll_reconcile_ex(struct db *db, const struct app_user *user,
                             int64_t id, const char *data, size_t len,
                             int format, const char *file_name,
                             const struct app_progress *p, json_t **out,
                             struct app_pay_err *err);

/* The imports of payroll id with their mismatches. */
int app_payroll_reconciliation(struct db *db, const struct app_user *user,
                               int64_t id, json_t **out,
                               struct app_pay_err *err);

/* Parse a result file without storage (the fuzz target's entry): the
 * rows as JSON [{"row", "ref", "amount", "paid", "paid_on", "error"}].
 * APP_PAY_EINVAL for a file that is not a table with the required
 * columns. */
int app_payroll_parse_results(const char *data, size_t len, int format,
                              json_t **out, struct app_pay_err *err);

/* --- Settings (payroll_settings.c) ------------------------------------- */

struct app_oneoff_input {
    const char *code;        /* "tet-2026" */
    const char *name;        /* "Quà Tết Bính Ngọ 2026" */
    int64_t amount;          /* đồng per person */
    const char *month;       /* 'YYYY-MM': the payroll that pays it */
    const char *area;        /* a unit code, "" everywhere */
    const char *eligible_on; /* beneficiaries on this day */
    const char *categories;  /* "K1,K6" or "" */
    const char *basis;
    const char *rules_ref;  /* "RULES.md §5" */
    const char *confidence; /* confirmed, secondary, unverified */
};

/* Add a one-off payment (audited). *id receives it. */
int app_payroll_oneoff_add(struct db *db, const char *actor,
                           const struct app_oneoff_input *in, int64_t *id,
                           struct app_pay_err *err);

/* Set the provider's fee for area ("" national) from day `from`, as a
 * percentage text ("1.5", at most two decimals, 0..100). Audited. */
int app_payroll_fee_set(struct db *db, const char *actor, const char *area,
                        const char *from, const char *percent,
                        const char *basis, struct app_pay_err *err);

/* A short Vietnamese message for an app_pay_rc or db_rc. Static. */
const char *app_pay_strerror(int rc);

#endif
