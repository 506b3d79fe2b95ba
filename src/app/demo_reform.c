/* demo_reform.c: the demo across the 2025-07-01 reform (docs/demo.md).
 *
 * The demo builds its province on the last three-tier day, people living
 * in old communes only, then runs the real reorganisation
 * (app/reorganise.h), not a copy of it. What the operation cannot decide,
 * a person of a commune split between several new ones, it leaves as an
 * assignment task of the province; the demo then closes most of them
 * through the task API's own use case (app_task_done), choosing a
 * candidate with a draw seeded by the household (one answer per
 * household): it stands for the address each province matched at the
 * June 2025 handover of the caseload (MOH letter 3676/BYT-BTXH). Of each
 * province's assignments, one in APP_DEMO_OPEN_EVERY (at most
 * APP_DEMO_OPEN_MAX) stays open, in id order, for the province officer
 * to train on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/demo_int.h"
#include "app/reorganise.h"
#include "app/scope.h"
#include "app/tasks.h"
#include "store/db.h"
#include "store/store_tasks.h"
#include "store/store_units.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define REFORM_DAY "2025-07-01"
#define BATCH      2000 /* assignments closed per transaction */
#define NOTE                                                                                         \
    "Dữ liệu mẫu: xã, phường mới xác định theo địa chỉ khi bàn giao hồ sơ " \
    "tháng 6/2025 (Công văn 3676/BYT-BTXH)."

/* The successors of an old commune at the reform (a small cache: the
 * assignments of one old commune come one after another). */
struct cands {
    char old[8];
    size_t n;
    char code[8][8];
};

static int candidates(struct db *db, const char *old, const char *day,
                      struct cands *c)
{
    struct store_units_links ll;
    size_t i;
    int rc;

    if (strcmp(c->old, old) == 0)
        return DB_OK;
    memset(c, 0, sizeof *c);
    rc = store_units_successors(db, old, &ll);
    for (i = 0; rc == DB_OK && i < ll.count && c->n < 8; i++)
        if (strcmp(ll.items[i].effective, day) == 0)
            snprintf(c->code[c->n++], 8, "%s", ll.items[i].new_code);
    store_units_links_free(&ll);
    snprintf(c->old, sizeof c->old, "%s", old);
    return rc;
}

/* Per province: assignments seen and left open. */
struct province_count {
    char code[8];
    int64_t seen, open;
};

static struct province_count *count_of(struct province_count *pc, size_t *n,
                                       const char *code)
{
    size_t i;

    for (i = 0; i < *n; i++)
        if (strcmp(pc[i].code, code) == 0)
            return &pc[i];
    if (*n == 100)
        return &pc[99]; /* never: 34 provinces */
    memset(&pc[*n], 0, sizeof pc[*n]);
    snprintf(pc[*n].code, sizeof pc[*n].code, "%s", code);
    return &pc[(*n)++];
}

static int resolve(struct db *db, const struct app_demo_opts *o,
                   struct app_demo_result *res, char *msg, size_t msglen)
{
    static const struct app_scope national = {APP_SCOPE_NATIONAL, ""};
    struct store_task_assignments l;
    struct province_count *pc = xcalloc(100, sizeof *pc);
    struct cands c;
    size_t npc = 0, i, in_batch = 0;
    int rc;

    memset(&c, 0, sizeof c);
    rc = store_tasks_open_assignments(db, &l);
    for (i = 0; rc == DB_OK && i < l.count; i++) {
        const struct store_task_assignment *a = &l.items[i];
        struct province_count *p = count_of(pc, &npc, a->unit_code);
        struct app_task_close in;
        struct app_task_err err;
        struct app_demo_rng r;

        if (p->seen++ % APP_DEMO_OPEN_EVERY == 0 &&
            p->open < APP_DEMO_OPEN_MAX) {
            p->open++;
            res->assignments_open++;
            continue;
        }
        rc = candidates(db, a->from_unit, a->event_on, &c);
        if (rc != DB_OK)
            break;
        if (c.n == 0) { /* no known successor: left to the province */
            res->assignments_open++;
            continue;
        }
        if (in_batch == 0) {
            rc = db_begin(db, 1);
            if (rc != DB_OK)
                break;
        }
        /* One answer per household (a parent and the children move
         * together); a person alone draws by their own id. */
        app_demo_rng_seed(&r, o->seed,
                          0x700000000ULL + (uint64_t)(a->household_id > 0
                                                          ? a->household_id
                                                          : -a->person_id));
        memset(&in, 0, sizeof in);
        in.version = a->version;
        in.note = NOTE;
        in.unit_code = c.code[app_demo_rng_below(&r, (uint32_t)c.n)];
        rc = app_task_done(db, &national, "system", a->id, &in, &err);
        if (rc != APP_TASK_OK) {
            snprintf(msg, msglen,
                     "Không xác định được xã mới (công việc %lld): "
                     "%s",
                     (long long)a->id, err.message);
            db_rollback(db);
            in_batch = 0;
            break;
        }
        res->assignments_resolved++;
        if (++in_batch == BATCH) {
            rc = db_commit(db);
            in_batch = 0;
        }
    }
    if (in_batch > 0) {
        if (rc == DB_OK)
            rc = db_commit(db);
        else
            db_rollback(db);
    }
    if (rc < 0 && rc > -100 && msg[0] == '\0')
        snprintf(msg, msglen, "Không xác định được xã mới: %s", db_errmsg(db));
    store_task_assignments_free(&l);
    free(pc);
    return rc == DB_OK ? DB_OK : rc < -100 ? DB_ERROR : rc;
}

int demo_reform(struct db *db, const struct app_demo_opts *o,
                struct app_demo_result *res, char *msg, size_t msglen)
{
    struct app_reorg_summary s;
    struct app_reorg_err err;
    struct date reform = {2025, 7, 1};
    int rc;

    /* Before the reform's day there is nothing to carry yet. */
    if (o->before_reform || date_cmp(clock_today_vn(), reform) < 0)
        return DB_OK;
    rc = app_reorganise(db, NULL, "system", REFORM_DAY, 0, &s, &err);
    if (rc != APP_REORG_OK) {
        snprintf(msg, msglen, "Sắp xếp đơn vị hành chính không thành: %s",
                 err.message);
        return rc < 0 && rc > -100 ? rc : DB_ERROR;
    }
    res->reorganised = 1;
    res->residences_moved = s.residences_moved;
    res->assignments = s.assignment_tasks;
    res->users_changed = s.users_changed;
    return resolve(db, o, res, msg, msglen);
}
