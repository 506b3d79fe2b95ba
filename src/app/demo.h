/* demo.h: `ansinh demo`, a realistic TRAINING database (docs/demo.md).
 *
 * The default is Hà Nam (province 35) on its last three-tier list, as of
 * 2025-06-30, with exactly 41,172 community beneficiaries: the figure of
 * the provincial People's Council's 2024 supervision report (RULES.md §11).
 * The content is a function of the options alone (own seeded PRNG), so two
 * runs with the same --seed give the same people, numbers and dates.
 *
 * Writes go through store_persons_* in large transactions (one commit per
 * APP_DEMO_BATCH beneficiaries) and end with ONE audit record "demo.create"
 * holding the parameters and the content counts; the rows themselves have
 * no per-row audit records (store_persons.h, actor NULL).
 */
#ifndef ANSINH_APP_DEMO_H
#define ANSINH_APP_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define APP_DEMO_PROVINCE      "35"
#define APP_DEMO_BENEFICIARIES 41172
/* The last day of the three-tier structure: Hà Nam still exists, its six
 * districts decide (RULES.md §6.2). The demo is built on that day's list
 * (people in old communes only) and carried into the new Ninh Bình (37)
 * by the reorganisation operation itself (app/reorganise.h); an as-of on
 * or after 2025-07-01 is refused. */
#define APP_DEMO_AS_OF "2025-06-30"
#define APP_DEMO_SEED  1
#define APP_DEMO_BATCH 50000 /* beneficiaries per transaction */
#define APP_DEMO_MAX   5000000
/* Of a province's assignment tasks after the reorganisation, one in
 * APP_DEMO_OPEN_EVERY, at most APP_DEMO_OPEN_MAX, stays open (training
 * material for the province officer); the others are closed. */
#define APP_DEMO_OPEN_EVERY 50
#define APP_DEMO_OPEN_MAX   50
/* Pay months of payroll history (docs/demo.md): the last complete ones
 * before today, never before 07/2025. */
#define APP_DEMO_HISTORY_MONTHS 12

struct app_demo_opts {
    const char *province; /* 2-digit code valid on as_of, or "all" */
    int64_t beneficiaries;
    const char *as_of; /* 'YYYY-MM-DD' */
    uint64_t seed;
    int before_reform;  /* 1: stop on the last three-tier day, before the
                           reorganisation (tests of the operation itself) */
    int no_history;     /* 1: no payroll history (--no-history) */
    int history_months; /* pay months of history; 0: the default */
    /* Called about every 5% (may be NULL): done of total beneficiaries. */
    void (*progress)(void *arg, int64_t done, int64_t total);
    void *progress_arg;
    /* Called before each month of the payroll history (may be NULL):
     * month 'YYYY-MM', its index from 1 of n. Same arg. */
    void (*history_progress)(void *arg, const char *month, int i, int n);
};

/* What a run created (or found). */
struct app_demo_result {
    int existed; /* 1: the database already held persons; nothing
                    was written */
    int is_demo; /* with existed: 1 if those persons came from an
                    earlier `ansinh demo` (a "demo.create" record) */
    unsigned accounts_preexisting; /* bit i: account i of
                                      app_demo_accounts() existed before,
                                      so its password was not set here */
    int64_t beneficiaries;
    int64_t persons; /* beneficiaries and their household members */
    int64_t households;
    int64_t poverty_records;
    int64_t residences;
    int64_t memberships;
    int64_t documents;
    int64_t former;    /* former beneficiaries, terminated before as-of
                          (beyond beneficiaries) */
    int64_t suspended; /* beneficiaries suspended on as-of */
    int64_t payment_arrangements;
    int64_t receivers;            /* arrangements with an authorised receiver */
    int64_t communes;             /* communes people were placed in */
    int64_t communes_skipped;     /* communes of the list left out (no known
                                     successor on 2025-07-01) */
    int reorganised;              /* 1: the 2025-07-01 reorganisation ran */
    int64_t residences_moved;     /* by it, to a successor commune */
    int64_t assignments;          /* its assignment tasks (split communes) */
    int64_t assignments_resolved; /* of which closed by the demo */
    int64_t assignments_open;     /* left open for training */
    int64_t users_changed;        /* demo accounts rebound by it */
    int64_t decisions;            /* decision records (with their dossiers) */
    int64_t signers;              /* the chairmen who signed them */
    /* The payroll history (demo_history.c), after the reorganisation. */
    int history_skipped;      /* 1: not made (--province all) */
    int64_t history_months;   /* pay months */
    int64_t history_payrolls; /* approved, sent, reconciled payrolls */
    int64_t history_lines;    /* their lines */
    int64_t history_unpaid;   /* result rows not paid */
    int64_t history_deaths;   /* deaths recorded late */
    int64_t history_tasks;    /* suspension tasks raised (3 months unpaid) */
    int64_t history_accounts; /* commune staff accounts created for it */
};

/* A demo account (training sandbox: the password is public). */
struct app_demo_account {
    const char *username;
    const char *password;
    const char *full_name;
    const char *role;    /* users.role */
    const char *role_vi; /* "Cán bộ LĐ-TB&XH cấp xã" */
    const char *area_code;
    const char *area_vi; /* "Phường Phủ Lý (Ninh Bình)" */
};

/* The defaults above. */
void app_demo_opts_default(struct app_demo_opts *o);

/* The demo accounts, in display order; *n receives their number. Static. */
const struct app_demo_account *app_demo_accounts(size_t *n);

/* Create the demo in db (migrated, units loaded: app_open) as of o->as_of
 * (a day of the three-tier lists), then the demo accounts (app_user_create;
 * an account that already exists is left as it is and flagged in
 * res->accounts_preexisting); then, unless o->before_reform (or today is
 * before 2025-07-01), the 2025-07-01 reorganisation (app_reorganise) and
 * the closing of most of its assignment tasks, and the payroll history of
 * the last complete pay months (unless o->no_history; not for "all")
 * through the payroll use cases (docs/demo.md). If the database
 * already holds persons, nothing at all is written and res->existed is 1
 * (the caller decides: --if-absent is success, otherwise an error), so a
 * real database never gets invented people or accounts with public
 * passwords. Returns 0, or a
 * negative code with a Vietnamese message in msg (capped at msglen):
 * DB_EINVAL for bad options (unknown province, as_of before the unit
 * lists, N out of range), or the db_rc of a failed write (that batch is
 * rolled back; earlier batches stay, so the caller should remove a
 * half-made demo database). */
int app_demo_create(struct db *db, const struct app_demo_opts *o,
                    struct app_demo_result *res, char *msg, size_t msglen);

#endif
