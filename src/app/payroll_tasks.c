/* payroll_tasks.c: the suspension task the payroll raises (see
 * payroll_int.h): three consecutive pay months with nothing collected
 * (Circular 02/2021 Art. 2(3), RULES.md §2.6) make a "not_collected_3m"
 * task of the officers' list (app/tasks.h), calling for a suspension
 * decision. The task never suspends anyone by itself. */
#include <stdio.h>
#include <string.h>

#include "app/payroll_int.h"
#include "core/date.h"
#include "core/tasks.h"
#include "store/db.h"
#include "store/store_payroll.h"
#include "store/store_tasks.h"
#include "util/clock.h"

int pay_suspension_task(struct db *db, const char *actor, int64_t person_id,
                        const char *unit_code, const char *month,
                        int64_t payroll_id, const char *area_path, int *raised)
{
    struct store_task t;
    struct month m;
    json_t *v;
    int64_t id = 0;
    int rc;

    *raised = 0;
    if (month == NULL || month_parse_iso(month, 7, &m) != DATE_OK)
        return DB_EINVAL;
    /* One task per streak: while one is open, a fourth unpaid month adds
     * nothing. */
    rc = store_payroll_open_task(db, person_id, &id);
    if (rc != DB_OK || id > 0)
        return rc;
    memset(&t, 0, sizeof t);
    snprintf(t.task_key, sizeof t.task_key, "not_collected_3m:%lld:%.7s",
             (long long)person_id, month);
    snprintf(t.kind, sizeof t.kind, "%s",
             tasks_kind_code(TASKS_NOT_COLLECTED_3M));
    snprintf(t.unit_code, sizeof t.unit_code, "%s", unit_code);
    t.person_id = person_id;
    snprintf(t.decision, sizeof t.decision, "%s",
             tasks_decision_code(TASKS_DEC_SUSPEND));
    date_format_iso(month_first_day(m), t.event_on);
    /* Due by the end of the next month: before the payroll after next
     * (§7.1: lists go out before the 25th). */
    date_format_iso(date_add_days(month_first_day(month_add(m, 2)), -1),
                    t.due_on);
    snprintf(t.state, sizeof t.state, "open");
    clock_now_utc(t.created_at);
    snprintf(t.created_by, sizeof t.created_by, "%s", actor);
    rc = store_task_insert(db, &t, &id);
    if (rc != DB_OK || id == 0)
        return rc;
    *raised = 1;
    v = json_pack("{s:s, s:I, s:s, s:I, s:s}", "task_key", t.task_key,
                  "person_id", (json_int_t)person_id, "month", t.event_on,
                  "payroll_id", (json_int_t)payroll_id, "decision", t.decision);
    rc =
        pay_audit(db, actor, "payroll.suspension_task", id, area_path, NULL, v);
    json_decref(v);
    return rc;
}
