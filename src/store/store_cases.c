/* store_cases.c: SQL of moving a case between places (see
 * store_cases.h). */
#include "store/store_cases.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "store/db.h"
#include "util/clock.h"

static int check_day(struct db *db, const char *s)
{
    struct date d;

    if (s == NULL || date_parse_iso(s, strlen(s), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK, "Ngày không hợp lệ: '%s'",
                            s ? s : "");
    return DB_OK;
}

static int check_commune(struct db *db, const char *s)
{
    if (s == NULL || strlen(s) != 5 || strspn(s, "0123456789") != 5)
        return db_set_error(db, DB_ECHECK, "Mã xã phải gồm 5 chữ số: '%s'",
                            s ? s : "");
    return DB_OK;
}

/* Step a bound statement to its end; *n (may be NULL) the rows changed. */
static int run(struct db_stmt *st, int rc, int64_t *n)
{
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE) {
        if (n != NULL)
            *n = db_changes(st);
        rc = DB_OK;
    } else if (rc == DB_ROW) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

int store_cases_dossier_move_set(struct db *db, int64_t id,
                                 const struct store_dossier_move *m)
{
    static const char sql[] =
        "UPDATE dossiers SET to_unit = $2, to_address = $3,"
        " stop_decision_id = $4 WHERE id = $1";
    struct db_stmt *st;
    int64_t n = 0;
    int rc;

    if (m->to_unit[0] != '\0' && (rc = check_commune(db, m->to_unit)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = m->to_unit[0] ? db_bind_text(st, 2, m->to_unit, (size_t)-1)
                           : db_bind_null(st, 2);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, m->to_address, (size_t)-1);
    if (rc == DB_OK)
        rc = m->stop_decision_id > 0 ? db_bind_int64(st, 4, m->stop_decision_id)
                                     : db_bind_null(st, 4);
    rc = run(st, rc, &n);
    if (rc == DB_OK && n != 1)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có hồ sơ mã %lld",
                          (long long)id);
    return rc;
}

static void copy(char *out, size_t cap, const char *s, size_t len)
{
    if (s == NULL)
        len = 0;
    if (len >= cap)
        len = cap - 1;
    if (len > 0)
        memcpy(out, s, len);
    out[len] = '\0';
}

int store_cases_dossier_move_get(struct db *db, int64_t id,
                                 struct store_dossier_move *out)
{
    static const char sql[] = "SELECT to_unit, to_address, stop_decision_id"
                              " FROM dossiers WHERE id = $1";
    struct db_stmt *st;
    const char *s;
    size_t len;
    int rc;

    memset(out, 0, sizeof *out);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        s = db_col_text(st, 0, &len);
        copy(out->to_unit, sizeof out->to_unit, s, len);
        s = db_col_text(st, 1, &len);
        copy(out->to_address, sizeof out->to_address, s, len);
        out->stop_decision_id = db_col_int64(st, 2);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ENOTFOUND, "Không có hồ sơ mã %lld",
                          (long long)id);
    }
    db_reset(st);
    return rc;
}

int store_cases_transfer_of_stop(struct db *db, int64_t stop_id,
                                 int64_t *dossier_id)
{
    static const char sql[] = "SELECT min(id) FROM dossiers"
                              " WHERE stop_decision_id = $1";
    struct db_stmt *st;
    int rc;

    *dossier_id = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, stop_id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *dossier_id = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

int store_cases_residence_end(struct db *db, int64_t id, const char *valid_to)
{
    static const char sql[] =
        "UPDATE residences SET valid_to = $2 WHERE id = $1";
    struct db_stmt *st;
    int64_t n = 0;
    int rc;

    if ((rc = check_day(db, valid_to)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, valid_to, (size_t)-1);
    rc = run(st, rc, &n);
    if (rc == DB_OK && n != 1)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có nơi cư trú mã %lld",
                          (long long)id);
    return rc;
}

int store_cases_residence_retarget(struct db *db, int64_t id,
                                   const char *unit_code, const char *address)
{
    static const char sql[] =
        "UPDATE residences SET unit_code = $2, address = $3 WHERE id = $1";
    struct db_stmt *st;
    int64_t n = 0;
    int rc;

    if ((rc = check_commune(db, unit_code)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, unit_code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, address ? address : "", (size_t)-1);
    rc = run(st, rc, &n);
    if (rc == DB_OK && n != 1)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có nơi cư trú mã %lld",
                          (long long)id);
    return rc;
}

/* person_id, from_unit and to_unit bound as $1..$3, then run. */
static int move3(struct db *db, const char *sql, int64_t person_id,
                 const char *from_unit, const char *to_unit, int64_t *n)
{
    struct db_stmt *st;
    int rc;

    if (n != NULL)
        *n = 0;
    if ((rc = check_commune(db, to_unit)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, from_unit, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, to_unit, (size_t)-1);
    return run(st, rc, n);
}

int store_cases_household_move(struct db *db, int64_t person_id,
                               const char *from_unit, const char *to_unit,
                               int64_t *n)
{
    static const char sql[] =
        "UPDATE households SET unit_code = $3 WHERE unit_code = $2"
        " AND id = (SELECT household_id FROM persons WHERE id = $1)";

    return move3(db, sql, person_id, from_unit, to_unit, n);
}

int store_cases_dossiers_move(struct db *db, int64_t person_id,
                              const char *from_unit, const char *to_unit,
                              int64_t *n)
{
    static const char sql[] =
        "UPDATE dossiers SET unit_code = $3, version = version + 1"
        " WHERE person_id = $1 AND unit_code = $2 AND state = 'open'";

    return move3(db, sql, person_id, from_unit, to_unit, n);
}

int store_cases_takeover(struct db *db, int64_t person_id,
                         int64_t expected_version, const char *from,
                         const char *decision_ref, const char *actor,
                         int64_t *version)
{
    static const char period[] =
        "UPDATE beneficiary_status SET status = 'enrolled', reason = NULL,"
        " reason_text = '', decision_ref = $3, recorded_at = $4,"
        " recorded_by = $5 WHERE person_id = $1 AND valid_from = $2"
        " AND valid_to IS NULL AND status = 'terminated' AND reason = 'moved'";
    static const char record[] =
        "UPDATE beneficiaries SET status = 'enrolled', since = $2,"
        " reason = NULL, reason_text = '', decision_ref = $3,"
        " version = version + 1 WHERE person_id = $1 AND version = $4"
        " AND status = 'terminated' AND reason = 'moved' AND since = $2"
        " RETURNING version";
    struct db_stmt *st;
    char now[21];
    int64_t n = 0;
    int rc;

    if ((rc = check_day(db, from)) != DB_OK)
        return rc;
    if (decision_ref == NULL || actor == NULL ||
        !text_valid_utf8(decision_ref, strlen(decision_ref)))
        return db_set_error(db, DB_ECHECK, "Thiếu số quyết định");
    clock_now_utc(now);
    rc = db_prepare(db, record, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, decision_ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, 4, expected_version);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        if (version != NULL)
            *version = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ECONFLICT,
                          "Hồ sơ hưởng của người mã %lld không còn là thôi "
                          "hưởng do chuyển đi từ %s (phiên bản %lld)",
                          (long long)person_id, from,
                          (long long)expected_version);
    }
    db_reset(st);
    if (rc != DB_OK)
        return rc;
    rc = db_prepare(db, period, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, from, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, decision_ref, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 4, now, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 5, actor, (size_t)-1);
    rc = run(st, rc, &n);
    if (rc == DB_OK && n != 1)
        rc = db_set_error(db, DB_ECHECK,
                          "Giai đoạn cuối của hồ sơ hưởng không phải thôi "
                          "hưởng do chuyển đi từ %s",
                          from);
    return rc;
}

int store_cases_memberships_carry(struct db *db, int64_t person_id,
                                  const char *on, const char *actor, int64_t *n)
{
    static const char sql[] =
        "INSERT INTO memberships (person_id, category, disability, studying,"
        " valid_from, created_at) SELECT person_id, category, disability,"
        " studying, valid_to, $3 FROM memberships WHERE person_id = $1"
        " AND valid_to = $2 ORDER BY id";
    struct db_stmt *st;
    char now[21];
    int rc;

    (void)actor; /* memberships record no author (0001_init) */
    if (n != NULL)
        *n = 0;
    if ((rc = check_day(db, on)) != DB_OK)
        return rc;
    clock_now_utc(now);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, on, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 3, now, (size_t)-1);
    return run(st, rc, n);
}
