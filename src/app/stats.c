/* stats.c: beneficiary statistics as of a date (see stats.h). */
#include "app/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/date.h"
#include "core/units_list.h"
#include "store/db.h"
#include "store/store_stats.h"
#include "store/store_units.h"
#include "util/clock.h"

json_t *app_stats_categories_json(const struct store_stats_category *v,
                                  size_t n)
{
    json_t *o = json_object();
    size_t i, j;

    /* Legal order (K1a ... K8), zeros included, so a report shows at a
     * glance which categories are empty. */
    for (i = 0; i < category_count(); i++) {
        const char *code = category_at(i)->code;
        json_int_t count = 0;
        for (j = 0; j < n; j++)
            if (strcmp(v[j].category, code) == 0)
                count = v[j].count;
        json_object_set_new(o, code, json_integer(count));
    }
    /* Codes the table does not know (imported data): keep them visible. */
    for (j = 0; j < n; j++)
        if (category_find(v[j].category, strlen(v[j].category)) == NULL)
            json_object_set_new(o, v[j].category, json_integer(v[j].count));
    return o;
}

static int collect(struct db *db, const char *date,
                   const struct units_version *unit, json_t *root, char *msg,
                   size_t msglen)
{
    struct store_stats_category *cats = NULL;
    struct store_stats_unit *units = NULL;
    size_t ncats = 0, nunits = 0, i;
    int64_t total = 0, placed = 0;
    int rc;

    rc = store_stats_beneficiaries(db, date, &total);
    if (rc == DB_OK)
        rc = store_stats_by_category(db, date, &cats, &ncats);
    if (rc == DB_OK)
        rc = store_stats_by_unit(db, date, unit ? unit->code : NULL, &units,
                                 &nunits);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không tính được số liệu thống kê: %s",
                 db_errmsg(db));
        goto out;
    }
    json_object_set_new(root, "beneficiaries", json_integer(total));
    json_object_set_new(root, "by_category",
                        app_stats_categories_json(cats, ncats));
    if (unit) {
        json_t *u = json_object();
        json_object_set_new(u, "code", json_string(unit->code));
        json_object_set_new(u, "name", json_string(unit->name));
        json_object_set_new(u, "level",
                            json_string(units_level_name(unit->level)));
        json_object_set_new(root, "unit", u);
    }
    json_t *by_unit = json_object();
    for (i = 0; i < nunits; i++) {
        json_t *u = json_object();
        json_object_set_new(u, "name", json_string(units[i].name));
        json_object_set_new(u, "beneficiaries",
                            json_integer(units[i].beneficiaries));
        json_object_set_new(by_unit, units[i].code, u);
        placed += units[i].beneficiaries;
    }
    json_object_set_new(root, "by_unit", by_unit);
    if (unit == NULL)
        json_object_set_new(root, "without_unit", json_integer(total - placed));
out:
    free(cats);
    free(units);
    return rc;
}

int app_stats_get(struct db *db, const char *date, const char *unit_code,
                  json_t **out, char *msg, size_t msglen)
{
    struct units_version unit;
    char today[11];
    struct date d;
    json_t *root = NULL;
    int has_unit = unit_code != NULL && *unit_code != '\0';
    int rc;

    *out = NULL;
    if (date == NULL) {
        date_format_iso(clock_today_vn(), today);
        date = today;
    }
    if (date_parse_iso(date, strlen(date), &d) != DATE_OK) {
        snprintf(msg, msglen,
                 "Ngày thống kê không hợp lệ: '%s' (cần dạng YYYY-MM-DD, "
                 "ví dụ 2025-06-30)",
                 date);
        return DB_ECHECK;
    }
    if (has_unit && units_code_level(unit_code, strlen(unit_code)) == 0) {
        snprintf(msg, msglen,
                 "Mã đơn vị hành chính không hợp lệ: '%s' (tỉnh 2 chữ số, "
                 "huyện 3, xã 5)",
                 unit_code);
        return DB_ECHECK;
    }
    rc = db_begin(db, 0);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "Không đọc được cơ sở dữ liệu: %s",
                 db_errmsg(db));
        return rc;
    }
    if (has_unit) {
        int before = 0;
        rc = store_units_get(db, unit_code, date, &unit, &before);
        if (rc == DB_OK && before)
            rc = DB_ENOTFOUND; /* answered from a later list: not on date */
        if (rc != DB_OK) {
            if (rc == DB_ENOTFOUND)
                snprintf(msg, msglen,
                         "Không có đơn vị hành chính mã %s vào ngày %s",
                         unit_code, date);
            else
                snprintf(msg, msglen, "Không đọc được đơn vị hành chính: %s",
                         db_errmsg(db));
            goto out;
        }
    }
    root = json_object();
    json_object_set_new(root, "date", json_string(date));
    rc = collect(db, date, has_unit ? &unit : NULL, root, msg, msglen);
out:
    db_rollback(db); /* read-only: nothing to commit */
    if (rc != DB_OK) {
        json_decref(root);
        return rc;
    }
    *out = root;
    return 0;
}
