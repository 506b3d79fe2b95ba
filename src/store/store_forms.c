/* store_forms.c: the stock of beneficiaries per membership for Forms
 * 10a-10d (see store_forms.h). One text per area level, so no parameter
 * changes type between engines. */
#include "store/store_forms.h"

#include <string.h>

#include "core/date.h"
#include "store/db.h"

/* clang-format off */
/* A row valid on the day expression d (valid_to exclusive). */
#define ON(t, d) \
    t ".valid_from <= " d \
    " AND (" t ".valid_to IS NULL OR " t ".valid_to > " d ")"

#define RESIDENT(area) \
    " JOIN residences r ON r.person_id = s.person_id AND " ON("r", "$1") \
    " JOIN units u ON u.code = r.unit_code AND u.level = 3" \
    " AND " ON("u", "$1") area

#define STOCK(area) \
    "SELECT s.person_id, s.status, coalesce(m.category, '')," \
    " coalesce(m.disability, '')" \
    " FROM beneficiary_status s" area \
    " LEFT JOIN memberships m ON m.person_id = s.person_id" \
    " AND " ON("m", "$1") \
    " WHERE " ON("s", "$1") " AND s.status IN ('enrolled', 'suspended')" \
    " ORDER BY s.person_id, m.id"

static const char *const stock_sql[4] = {
    STOCK(""),
    STOCK(RESIDENT(" AND u.province_code = $2")),
    STOCK(RESIDENT(" AND u.parent_code = $2")),
    STOCK(RESIDENT(" AND u.code = $2")),
};
/* clang-format on */

static const size_t area_len[4] = {0, 2, 3, 5};

static const char *col(struct db_stmt *st, int c)
{
    const char *s = db_col_text(st, c, NULL);

    return s ? s : "";
}

int store_forms_stock(struct db *db, const struct store_ov_area *a,
                      const char *day, store_forms_member_fn fn, void *arg)
{
    struct store_forms_member m;
    struct db_stmt *st;
    struct date d;
    size_t n = strlen(a->code);
    int rc;

    if (a->level < 0 || a->level > 3 || n != area_len[a->level] ||
        strspn(a->code, "0123456789") != n)
        return db_set_error(db, DB_EINVAL, "forms: bad area %d '%s'", a->level,
                            a->code);
    if (day == NULL || date_parse_iso(day, strlen(day), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK,
                            "Ngày không hợp lệ (cần YYYY-MM-DD): '%s'",
                            day ? day : "");
    rc = db_prepare(db, stock_sql[a->level], &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, day, (size_t)-1);
    if (rc == DB_OK && a->level > 0)
        rc = db_bind_text(st, 2, a->code, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        m.person_id = db_col_int64(st, 0);
        m.status = col(st, 1);
        m.category = col(st, 2);
        m.disability = col(st, 3);
        rc = fn(arg, &m);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}
