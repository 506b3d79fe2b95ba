/* store_persons.c: households, persons, residences, memberships and
 * documents (see store_persons.h). */
#include "store/store_persons.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/date.h"
#include "core/registry.h"
#include "core/text.h"
#include "store/db.h"
#include "store/store_audit.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define TEXT_MAX 200 /* characters: addresses, document fields */

/* --- input checks (same answer on both engines) ------------------------ */

static int check_date(struct db *db, const char *what, const char *s,
                      int optional)
{
    struct date d;

    if (s == NULL && optional)
        return DB_OK;
    if (s == NULL || date_parse_iso(s, strlen(s), &d) != DATE_OK)
        return db_set_error(db, DB_ECHECK,
                            "%s không phải ngày hợp lệ dạng YYYY-MM-DD: '%s'",
                            what, s ? s : "");
    return DB_OK;
}

static int check_range(struct db *db, const char *from, const char *to)
{
    int rc = check_date(db, "Ngày bắt đầu", from, 0);
    if (rc == DB_OK)
        rc = check_date(db, "Ngày kết thúc", to, 1);
    if (rc == DB_OK && to && strcmp(to, from) <= 0)
        rc = db_set_error(db, DB_ECHECK,
                          "Ngày kết thúc (%s) phải sau ngày bắt đầu (%s)", to,
                          from);
    return rc;
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

static int check_commune(struct db *db, const char *code)
{
    if (code == NULL || strlen(code) != 5 || !all_digits(code, 5))
        return db_set_error(db, DB_ECHECK,
                            "Mã đơn vị hành chính cấp xã phải gồm 5 chữ số: "
                            "'%s'",
                            code ? code : "");
    return DB_OK;
}

static int check_id_number(struct db *db, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (s == NULL || (n != 9 && n != 12) || !all_digits(s, n))
        return db_set_error(db, DB_ECHECK,
                            "Số định danh phải gồm 12 chữ số (CCCD) hoặc 9 "
                            "chữ số (CMND cũ): '%s'",
                            s ? s : "");
    return DB_OK;
}

/* Clean optional free text (NULL -> ""): NFC, trimmed, capped. On success
 * *out is allocated (caller frees). */
static int clean_text(struct db *db, const char *what, const char *s,
                      int required, char **out)
{
    size_t len;
    int flags = TEXT_TRIM | (required ? TEXT_REQUIRED : 0);
    int rc =
        text_clean(s ? s : "", s ? strlen(s) : 0, TEXT_MAX, flags, out, &len);
    if (rc != TEXT_OK)
        return db_set_error(db, DB_ECHECK, "%s: %s", what, text_strerror(rc));
    return DB_OK;
}

/* --- helpers ------------------------------------------------------------ */

/* Step an INSERT ... RETURNING id once and reset it. */
static int step_id(struct db_stmt *st, int64_t *id)
{
    int rc = db_step(st);
    if (rc == DB_ROW) {
        if (id)
            *id = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    return rc;
}

static int audit(struct db *db, const char *actor, const char *action,
                 const char *entity, int64_t id, const char *detail)
{
    char idbuf[24];

    if (actor == NULL)
        return DB_OK;
    snprintf(idbuf, sizeof idbuf, "%" PRId64, id);
    return store_audit_add(db, actor, action, entity, idbuf, detail);
}

/* --- households --------------------------------------------------------- */

int store_persons_household_add(struct db *db, const char *actor,
                                const char *code, const char *unit_code,
                                const char *address, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO households (code, unit_code, address, created_at)"
        " VALUES ($1, $2, $3, $4) RETURNING id";
    struct db_stmt *st = NULL;
    char *addr = NULL;
    char now[21];
    char detail[64];
    int64_t hid = 0;
    int rc;

    if ((rc = check_commune(db, unit_code)) != DB_OK ||
        (rc = clean_text(db, "Địa chỉ", address, 0, &addr)) != DB_OK)
        goto out;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        goto out;
    clock_now_utc(now);
    if ((rc = db_bind_text(st, 1, code, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 2, unit_code, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, addr, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, now, (size_t)-1)) != DB_OK)
        goto out;
    rc = step_id(st, &hid);
    if (rc != DB_OK)
        goto out;
    db_reset(st);
    st = NULL;
    snprintf(detail, sizeof detail, "{\"unit_code\":\"%s\"}", unit_code);
    rc = audit(db, actor, "household.create", "household", hid, detail);
    if (rc == DB_OK && id)
        *id = hid;
out:
    if (st)
        db_reset(st);
    free(addr);
    return rc;
}

int store_persons_poverty_set(struct db *db, const char *actor,
                              int64_t household_id, int year,
                              const char *status)
{
    static const char sql[] =
        "INSERT INTO household_poverty (household_id, year, status)"
        " VALUES ($1, $2, $3) ON CONFLICT (household_id, year)"
        " DO UPDATE SET status = excluded.status";
    struct db_stmt *st;
    char detail[64];
    int rc;

    if (year < 2000 || year > 2100)
        return db_set_error(db, DB_ECHECK,
                            "Năm rà soát hộ nghèo không hợp "
                            "lệ: %d",
                            year);
    if (status == NULL ||
        (strcmp(status, "poor") != 0 && strcmp(status, "near_poor") != 0 &&
         strcmp(status, "none") != 0))
        return db_set_error(db, DB_ECHECK,
                            "Tình trạng hộ phải là poor, near_poor hoặc none: "
                            "'%s'",
                            status ? status : "");
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, household_id)) == DB_OK &&
        (rc = db_bind_int64(st, 2, year)) == DB_OK &&
        (rc = db_bind_text(st, 3, status, (size_t)-1)) == DB_OK)
        rc = db_step(st);
    db_reset(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    if (rc != DB_OK)
        return rc;
    snprintf(detail, sizeof detail, "{\"year\":%d,\"status\":\"%s\"}", year,
             status);
    return audit(db, actor, "household.poverty", "household", household_id,
                 detail);
}

int store_persons_poverty_get(struct db *db, int64_t household_id, int year,
                              char *out, size_t outlen)
{
    static const char sql[] = "SELECT status FROM household_poverty"
                              " WHERE household_id = $1 AND year = $2";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    if ((rc = db_bind_int64(st, 1, household_id)) == DB_OK &&
        (rc = db_bind_int64(st, 2, year)) == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        const char *s = db_col_text(st, 0, NULL);
        snprintf(out, outlen, "%s", s ? s : "");
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

/* --- persons ------------------------------------------------------------ */

int store_persons_add(struct db *db, const char *actor,
                      const struct store_person_new *p, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO persons (id_number, full_name, search_text, birth_date,"
        " sex, household_id, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    struct db_stmt *st = NULL;
    char *name = NULL, *folded = NULL;
    size_t name_len, folded_len;
    char now[21];
    char sex[2] = {p->sex, '\0'};
    char detail[64];
    int64_t pid = 0;
    int rc;

    if (p->id_number && (rc = check_id_number(db, p->id_number)) != DB_OK)
        goto out;
    if ((rc = check_date(db, "Ngày sinh", p->birth_date, 0)) != DB_OK)
        goto out;
    if (p->sex != 'M' && p->sex != 'F') {
        rc = db_set_error(db, DB_ECHECK, "Giới tính phải là M hoặc F");
        goto out;
    }
    rc = text_clean(p->full_name ? p->full_name : "",
                    p->full_name ? strlen(p->full_name) : 0,
                    STORE_PERSONS_NAME_MAX, TEXT_TRIM | TEXT_REQUIRED, &name,
                    &name_len);
    if (rc != TEXT_OK) {
        rc = db_set_error(db, DB_ECHECK, "Họ và tên: %s", text_strerror(rc));
        goto out;
    }
    rc = text_fold(name, name_len, &folded, &folded_len);
    if (rc != TEXT_OK) {
        rc = db_set_error(db, DB_ECHECK, "Họ và tên: %s", text_strerror(rc));
        goto out;
    }
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        goto out;
    clock_now_utc(now);
    if ((rc = db_bind_text(st, 1, p->id_number, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 2, name, name_len)) != DB_OK ||
        (rc = db_bind_text(st, 3, folded, folded_len)) != DB_OK ||
        (rc = db_bind_text(st, 4, p->birth_date, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, sex, 1)) != DB_OK ||
        (rc = p->household_id > 0 ? db_bind_int64(st, 6, p->household_id)
                                  : db_bind_null(st, 6)) != DB_OK ||
        (rc = db_bind_text(st, 7, now, (size_t)-1)) != DB_OK)
        goto out;
    rc = step_id(st, &pid);
    if (rc == DB_ECONFLICT)
        db_set_error(db, rc, "Số định danh %s đã có trong hệ thống",
                     p->id_number ? p->id_number : "");
    if (rc != DB_OK)
        goto out;
    db_reset(st);
    st = NULL;
    snprintf(detail, sizeof detail, "{\"household_id\":%" PRId64 "}",
             p->household_id);
    rc = audit(db, actor, "person.create", "person", pid, detail);
    if (rc == DB_OK && id)
        *id = pid;
out:
    if (st)
        db_reset(st);
    free(name);
    free(folded);
    return rc;
}

int store_persons_residence_add(struct db *db, const char *actor,
                                int64_t person_id, const char *unit_code,
                                const char *address, const char *valid_from,
                                const char *valid_to, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO residences (person_id, unit_code, address, valid_from,"
        " valid_to) VALUES ($1, $2, $3, $4, $5) RETURNING id";
    struct db_stmt *st = NULL;
    char *addr = NULL;
    char detail[128];
    int64_t rid = 0;
    int rc;

    if ((rc = check_commune(db, unit_code)) != DB_OK ||
        (rc = check_range(db, valid_from, valid_to)) != DB_OK ||
        (rc = clean_text(db, "Địa chỉ", address, 0, &addr)) != DB_OK)
        goto out;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        goto out;
    if ((rc = db_bind_int64(st, 1, person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, unit_code, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, addr, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, valid_to, (size_t)-1)) != DB_OK)
        goto out;
    rc = step_id(st, &rid);
    if (rc != DB_OK)
        goto out;
    db_reset(st);
    st = NULL;
    snprintf(detail, sizeof detail,
             "{\"person_id\":%" PRId64 ",\"unit_code\":\"%s\","
             "\"valid_from\":\"%s\"}",
             person_id, unit_code, valid_from);
    rc = audit(db, actor, "residence.create", "residence", rid, detail);
    if (rc == DB_OK && id)
        *id = rid;
out:
    if (st)
        db_reset(st);
    free(addr);
    return rc;
}

/* --- memberships and documents ------------------------------------------ */

int store_persons_membership_add(struct db *db, const char *actor,
                                 const struct store_membership_new *m,
                                 int64_t *id)
{
    static const char sql[] =
        "INSERT INTO memberships (person_id, category, disability, studying,"
        " valid_from, valid_to, created_at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
    const struct category_info *cat;
    struct db_stmt *st = NULL;
    char now[21];
    char detail[160];
    int64_t mid = 0;
    int rc;

    cat = m->category ? category_find(m->category, strlen(m->category)) : NULL;
    if (cat == NULL)
        return db_set_error(db, DB_ECHECK, "Không có diện đối tượng mã '%s'",
                            m->category ? m->category : "");
    if (m->disability && strcmp(m->disability, "severe") != 0 &&
        strcmp(m->disability, "especially_severe") != 0)
        return db_set_error(db, DB_ECHECK,
                            "Mức độ khuyết tật phải là severe hoặc "
                            "especially_severe: '%s'",
                            m->disability);
    if (cat->needs_disability && m->disability == NULL)
        return db_set_error(db, DB_ECHECK,
                            "Diện %s cần mức độ khuyết tật (nặng hoặc đặc "
                            "biệt nặng)",
                            cat->code);
    if (m->studying != 0 && m->studying != 1)
        return db_set_error(db, DB_ECHECK, "studying phải là 0 hoặc 1");
    if ((rc = check_range(db, m->valid_from, m->valid_to)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    clock_now_utc(now);
    if ((rc = db_bind_int64(st, 1, m->person_id)) != DB_OK ||
        (rc = db_bind_text(st, 2, cat->code, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 3, m->disability, (size_t)-1)) != DB_OK ||
        (rc = db_bind_int64(st, 4, m->studying)) != DB_OK ||
        (rc = db_bind_text(st, 5, m->valid_from, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 6, m->valid_to, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, now, (size_t)-1)) != DB_OK)
        goto out;
    rc = step_id(st, &mid);
    if (rc != DB_OK)
        goto out;
    db_reset(st);
    st = NULL;
    snprintf(detail, sizeof detail,
             "{\"person_id\":%" PRId64 ",\"category\":\"%s\","
             "\"valid_from\":\"%s\"}",
             m->person_id, cat->code, m->valid_from);
    rc = audit(db, actor, "membership.create", "membership", mid, detail);
    if (rc == DB_OK && id)
        *id = mid;
out:
    if (st)
        db_reset(st);
    return rc;
}

int store_persons_document_add(struct db *db, const char *actor,
                               const struct store_document_new *d, int64_t *id)
{
    return store_persons_document_add_kind(db, actor, d, NULL, id);
}

int store_persons_document_add_kind(struct db *db, const char *actor,
                                    const struct store_document_new *d,
                                    const char *kind, int64_t *id)
{
    static const char sql[] =
        "INSERT INTO documents (person_id, membership_id, type, number,"
        " issued_on, issuer, kind) VALUES ($1, $2, $3, $4, $5, $6, $7)"
        " RETURNING id";
    struct db_stmt *st = NULL;
    char *type = NULL, *number = NULL, *issuer = NULL;
    char detail[64];
    int64_t did = 0;
    int rc;

    if (kind != NULL && registry_doc_kind_find(kind, strlen(kind)) == NULL) {
        rc = db_set_error(db, DB_ECHECK, "Không có loại giấy tờ mã '%s'", kind);
        goto out;
    }
    if ((rc = clean_text(db, "Loại giấy tờ", d->type, 1, &type)) != DB_OK ||
        (rc = clean_text(db, "Số giấy tờ", d->number, 0, &number)) != DB_OK ||
        (rc = clean_text(db, "Nơi cấp", d->issuer, 0, &issuer)) != DB_OK ||
        (rc = check_date(db, "Ngày cấp", d->issued_on, 1)) != DB_OK)
        goto out;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        goto out;
    if ((rc = db_bind_int64(st, 1, d->person_id)) != DB_OK ||
        (rc = d->membership_id > 0 ? db_bind_int64(st, 2, d->membership_id)
                                   : db_bind_null(st, 2)) != DB_OK ||
        (rc = db_bind_text(st, 3, type, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, number, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 5, d->issued_on, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 6, issuer, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, kind ? kind : "other", (size_t)-1)) != DB_OK)
        goto out;
    rc = step_id(st, &did);
    if (rc != DB_OK)
        goto out;
    db_reset(st);
    st = NULL;
    snprintf(detail, sizeof detail, "{\"person_id\":%" PRId64 "}",
             d->person_id);
    rc = audit(db, actor, "document.create", "document", did, detail);
    if (rc == DB_OK && id)
        *id = did;
out:
    if (st)
        db_reset(st);
    free(type);
    free(number);
    free(issuer);
    return rc;
}

/* --- reads -------------------------------------------------------------- */

#define PERSON_COLS                                                            \
    "SELECT id, id_number, full_name, search_text, birth_date, sex,"           \
    " household_id, version FROM persons "

static void copy_col(struct db_stmt *st, int col, char *out, size_t outlen)
{
    const char *s = db_col_text(st, col, NULL);
    snprintf(out, outlen, "%s", s ? s : "");
}

static int read_person(struct db_stmt *st, struct store_person *out)
{
    int rc = db_step(st);
    if (rc == DB_DONE)
        return DB_ENOTFOUND;
    if (rc != DB_ROW)
        return rc;
    memset(out, 0, sizeof *out);
    out->id = db_col_int64(st, 0);
    copy_col(st, 1, out->id_number, sizeof out->id_number);
    copy_col(st, 2, out->full_name, sizeof out->full_name);
    copy_col(st, 3, out->search_text, sizeof out->search_text);
    copy_col(st, 4, out->birth_date, sizeof out->birth_date);
    const char *sex = db_col_text(st, 5, NULL);
    out->sex = sex ? sex[0] : '\0';
    out->household_id = db_col_is_null(st, 6) ? 0 : db_col_int64(st, 6);
    out->version = db_col_int64(st, 7);
    return DB_OK;
}

int store_persons_get(struct db *db, int64_t id, struct store_person *out)
{
    static const char sql[] = PERSON_COLS "WHERE id = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = read_person(st, out);
    db_reset(st);
    if (rc == DB_ENOTFOUND)
        db_set_error(db, rc, "Không có người mã %" PRId64, id);
    return rc;
}

int store_persons_find_by_id_number(struct db *db, const char *id_number,
                                    struct store_person *out)
{
    static const char sql[] = PERSON_COLS "WHERE id_number = $1";
    struct db_stmt *st;
    int rc;

    if ((rc = check_id_number(db, id_number)) != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, id_number, (size_t)-1);
    if (rc == DB_OK)
        rc = read_person(st, out);
    db_reset(st);
    if (rc == DB_ENOTFOUND)
        db_set_error(db, rc, "Không có người mang số định danh %s", id_number);
    return rc;
}

int store_persons_count(struct db *db, int64_t *n)
{
    return db_query_int64(db, "SELECT count(*) FROM persons", n);
}

/* The triggers that keep persons_fts in step: the same text as in
 * sql/sqlite/0003_registry.sql, which creates them. */
#define FTS_TRIGGERS                                                           \
    "CREATE TRIGGER IF NOT EXISTS persons_fts_insert AFTER INSERT ON persons"  \
    " BEGIN INSERT INTO persons_fts (rowid, search_text)"                      \
    " VALUES (new.id, new.search_text); END;"                                  \
    " CREATE TRIGGER IF NOT EXISTS persons_fts_delete AFTER DELETE ON persons" \
    " BEGIN INSERT INTO persons_fts (persons_fts, rowid, search_text)"         \
    " VALUES ('delete', old.id, old.search_text); END;"                        \
    " CREATE TRIGGER IF NOT EXISTS persons_fts_update AFTER UPDATE OF"         \
    " search_text ON persons BEGIN"                                            \
    " INSERT INTO persons_fts (persons_fts, rowid, search_text)"               \
    " VALUES ('delete', old.id, old.search_text);"                             \
    " INSERT INTO persons_fts (rowid, search_text)"                            \
    " VALUES (new.id, new.search_text); END;"

int store_persons_bulk_mode(struct db *db)
{
    if (strcmp(db_engine(db), "sqlite") != 0)
        return DB_OK;
    return db_exec_script(db, "PRAGMA cache_size = -262144;"
                              " DROP TRIGGER IF EXISTS persons_fts_insert;"
                              " DROP TRIGGER IF EXISTS persons_fts_delete;"
                              " DROP TRIGGER IF EXISTS persons_fts_update;");
}

int store_persons_bulk_done(struct db *db)
{
    if (strcmp(db_engine(db), "sqlite") != 0)
        return DB_OK;
    int rc =
        db_exec_script(db, "BEGIN IMMEDIATE;"
                           " INSERT INTO persons_fts (persons_fts)"
                           " VALUES ('rebuild'); " FTS_TRIGGERS " COMMIT;");

    if (rc != DB_OK) {
        char msg[256];

        snprintf(msg, sizeof msg, "%s", db_errmsg(db));
        db_exec_script(db, "ROLLBACK");
        db_set_error(db, rc, "%s", msg);
    }
    return rc;
}

/* --- update ------------------------------------------------------------- */

/* The checks of store_persons_add: *name and *folded are allocated. */
static int check_person(struct db *db, const struct store_person_new *p,
                        char **name, size_t *name_len, char **folded,
                        size_t *folded_len)
{
    int rc;

    *name = NULL;
    *folded = NULL;
    if (p->id_number && (rc = check_id_number(db, p->id_number)) != DB_OK)
        return rc;
    if ((rc = check_date(db, "Ngày sinh", p->birth_date, 0)) != DB_OK)
        return rc;
    if (p->sex != 'M' && p->sex != 'F')
        return db_set_error(db, DB_ECHECK, "Giới tính phải là M hoặc F");
    rc = text_clean(p->full_name ? p->full_name : "",
                    p->full_name ? strlen(p->full_name) : 0,
                    STORE_PERSONS_NAME_MAX, TEXT_TRIM | TEXT_REQUIRED, name,
                    name_len);
    if (rc == TEXT_OK)
        rc = text_fold(*name, *name_len, folded, folded_len);
    if (rc != TEXT_OK) {
        free(*name);
        *name = NULL;
        return db_set_error(db, DB_ECHECK, "Họ và tên: %s", text_strerror(rc));
    }
    return DB_OK;
}

int store_persons_update(struct db *db, int64_t id, int64_t expected_version,
                         const struct store_person_new *p, int64_t *version)
{
    static const char sql[] =
        "UPDATE persons SET id_number = $3, full_name = $4, search_text = $5,"
        " birth_date = $6, sex = $7, household_id = $8, version = version + 1"
        " WHERE id = $1 AND version = $2 RETURNING version";
    struct store_person cur;
    struct db_stmt *st = NULL;
    char *name = NULL, *folded = NULL;
    size_t name_len = 0, folded_len = 0;
    char sex[2] = {p->sex, '\0'};
    int rc;

    rc = check_person(db, p, &name, &name_len, &folded, &folded_len);
    if (rc != DB_OK)
        goto out;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        goto out;
    if ((rc = db_bind_int64(st, 1, id)) != DB_OK ||
        (rc = db_bind_int64(st, 2, expected_version)) != DB_OK ||
        (rc = db_bind_text(st, 3, p->id_number, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 4, name, name_len)) != DB_OK ||
        (rc = db_bind_text(st, 5, folded, folded_len)) != DB_OK ||
        (rc = db_bind_text(st, 6, p->birth_date, (size_t)-1)) != DB_OK ||
        (rc = db_bind_text(st, 7, sex, 1)) != DB_OK ||
        (rc = p->household_id > 0 ? db_bind_int64(st, 8, p->household_id)
                                  : db_bind_null(st, 8)) != DB_OK)
        goto out;
    rc = db_step(st);
    if (rc == DB_ROW) {
        if (version != NULL)
            *version = db_col_int64(st, 0);
        rc = DB_OK;
        goto out;
    }
    if (rc == DB_ECONFLICT) {
        db_set_error(db, rc, "Số định danh %s đã có trong hệ thống",
                     p->id_number ? p->id_number : "");
        goto out;
    }
    if (rc != DB_DONE)
        goto out;
    db_reset(st);
    st = NULL;
    rc = store_persons_get(db, id, &cur);
    if (rc == DB_OK)
        rc = db_set_error(db, DB_ECONFLICT,
                          "Hồ sơ đã được người khác sửa (phiên bản hiện tại "
                          "%" PRId64 ", bạn gửi %" PRId64 "); hãy tải lại",
                          cur.version, expected_version);
out:
    if (st)
        db_reset(st);
    free(name);
    free(folded);
    return rc;
}

/* --- detail reads -------------------------------------------------------- */

int store_persons_household_get(struct db *db, int64_t id,
                                struct store_household *out)
{
    static const char sql[] =
        "SELECT id, code, unit_code, address FROM households WHERE id = $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        memset(out, 0, sizeof *out);
        out->id = db_col_int64(st, 0);
        copy_col(st, 1, out->code, sizeof out->code);
        copy_col(st, 2, out->unit_code, sizeof out->unit_code);
        copy_col(st, 3, out->address, sizeof out->address);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ENOTFOUND, "Không có hộ mã %" PRId64, id);
    }
    db_reset(st);
    return rc;
}

/* Run sql for person_id and call row() on each row, growing *items (of
 * size elem) as needed. */
static int read_list(struct db *db, const char *sql, int64_t person_id,
                     void **items, size_t *count, size_t elem,
                     void (*row)(struct db_stmt *st, void *item))
{
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *items = NULL;
    *count = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, person_id);
    while (rc == DB_OK || rc == DB_ROW) {
        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (*count == cap) {
            cap = cap ? cap * 2 : 4;
            *items = xreallocarray(*items, cap, elem);
        }
        void *item = (char *)*items + *count * elem;
        memset(item, 0, elem);
        row(st, item);
        (*count)++;
    }
    db_reset(st);
    if (rc != DB_DONE) {
        free(*items);
        *items = NULL;
        *count = 0;
        return rc;
    }
    return DB_OK;
}

static void residence_row(struct db_stmt *st, void *item)
{
    struct store_residence *r = item;

    r->id = db_col_int64(st, 0);
    copy_col(st, 1, r->unit_code, sizeof r->unit_code);
    copy_col(st, 2, r->address, sizeof r->address);
    copy_col(st, 3, r->valid_from, sizeof r->valid_from);
    copy_col(st, 4, r->valid_to, sizeof r->valid_to);
}

static void membership_row(struct db_stmt *st, void *item)
{
    struct store_membership *m = item;

    m->id = db_col_int64(st, 0);
    copy_col(st, 1, m->category, sizeof m->category);
    copy_col(st, 2, m->disability, sizeof m->disability);
    m->studying = (int)db_col_int64(st, 3);
    copy_col(st, 4, m->valid_from, sizeof m->valid_from);
    copy_col(st, 5, m->valid_to, sizeof m->valid_to);
    m->version = db_col_int64(st, 6);
}

static void document_row(struct db_stmt *st, void *item)
{
    struct store_document *d = item;

    d->id = db_col_int64(st, 0);
    d->membership_id = db_col_is_null(st, 1) ? 0 : db_col_int64(st, 1);
    copy_col(st, 2, d->kind, sizeof d->kind);
    copy_col(st, 3, d->type, sizeof d->type);
    copy_col(st, 4, d->number, sizeof d->number);
    copy_col(st, 5, d->issued_on, sizeof d->issued_on);
    copy_col(st, 6, d->issuer, sizeof d->issuer);
}

int store_persons_residences(struct db *db, int64_t person_id,
                             struct store_residence_list *out)
{
    static const char sql[] =
        "SELECT id, unit_code, address, valid_from, valid_to FROM residences"
        " WHERE person_id = $1 ORDER BY valid_from, id";
    void *items;
    int rc = read_list(db, sql, person_id, &items, &out->count,
                       sizeof *out->items, residence_row);

    out->items = items;
    return rc;
}

int store_persons_memberships(struct db *db, int64_t person_id,
                              struct store_membership_list *out)
{
    static const char sql[] =
        "SELECT id, category, disability, studying, valid_from, valid_to,"
        " version FROM memberships WHERE person_id = $1"
        " ORDER BY valid_from, id";
    void *items;
    int rc = read_list(db, sql, person_id, &items, &out->count,
                       sizeof *out->items, membership_row);

    out->items = items;
    return rc;
}

int store_persons_documents(struct db *db, int64_t person_id,
                            struct store_document_list *out)
{
    static const char sql[] =
        "SELECT id, membership_id, kind, type, number, issued_on, issuer"
        " FROM documents WHERE person_id = $1"
        " ORDER BY issued_on IS NULL, issued_on, id";
    void *items;
    int rc = read_list(db, sql, person_id, &items, &out->count,
                       sizeof *out->items, document_row);

    out->items = items;
    return rc;
}

void store_residence_list_free(struct store_residence_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_membership_list_free(struct store_membership_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}

void store_document_list_free(struct store_document_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    l->items = NULL;
    l->count = 0;
}
