/* store_units.c: administrative units with history (see store_units.h).
 *
 * The same SQL runs on SQLite and PostgreSQL: dates are compared as
 * 'YYYY-MM-DD' text on SQLite and as `date` on PostgreSQL, which order
 * alike. Codes have a fixed length per level, so text order is code order.
 */
#include "store/store_units.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "store/db.h"
#include "util/xalloc.h"

#define COLS                                                                   \
    "code, level, name, type, coalesce(parent_code, ''), province_code, "      \
    "valid_from, valid_to"
/* Valid on $N: valid_from <= d < valid_to. */
#define VALID_ON(n)                                                            \
    "valid_from <= $" #n " AND (valid_to IS NULL OR valid_to > $" #n ")"

/* Rows per multi-row INSERT: fewer round trips on PostgreSQL. */
#define UNITS_BATCH 100
#define LINKS_BATCH 200
#define UNIT_PARAMS 9
#define LINK_PARAMS 4

static const char sql_unit_one[] =
    "INSERT INTO units (code, level, name, type, parent_code, province_code,"
    " valid_from, valid_to, search_text)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
static const char sql_link_one[] =
    "INSERT INTO unit_links (effective, new_code, old_code, kind)"
    " VALUES ($1, $2, $3, $4)";

static char sql_unit_batch[UNITS_BATCH * 64 + 256];
static char sql_link_batch[LINKS_BATCH * 32 + 128];
static pthread_once_t batch_once = PTHREAD_ONCE_INIT;

/* Build "head ($1, ..., $k), ($k+1, ...)" for rows rows of k params. */
static void build_batch(char *out, size_t cap, const char *head, int rows,
                        int k)
{
    size_t used;
    int r, c, n;

    n = snprintf(out, cap, "%s", head);
    used = (size_t)n;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < k; c++) {
            n = snprintf(out + used, cap - used, "%s$%d",
                         c == 0 ? (r == 0 ? " (" : ", (") : ", ",
                         r * k + c + 1);
            used += (size_t)n;
        }
        n = snprintf(out + used, cap - used, ")");
        used += (size_t)n;
    }
}

static void build_batches(void)
{
    build_batch(sql_unit_batch, sizeof(sql_unit_batch),
                "INSERT INTO units (code, level, name, type, parent_code,"
                " province_code, valid_from, valid_to, search_text) VALUES",
                UNITS_BATCH, UNIT_PARAMS);
    build_batch(sql_link_batch, sizeof(sql_link_batch),
                "INSERT INTO unit_links (effective, new_code, old_code, kind)"
                " VALUES",
                LINKS_BATCH, LINK_PARAMS);
}

void store_units_list_free(struct store_units_list *l)
{
    if (l == NULL)
        return;
    free(l->items);
    memset(l, 0, sizeof(*l));
}

void store_units_links_free(struct store_units_links *l)
{
    if (l == NULL)
        return;
    free(l->items);
    memset(l, 0, sizeof(*l));
}

/* --- Input checks ------------------------------------------------------- */

static int check_date(struct db *db, const char *date)
{
    struct date d;

    if (date == NULL || date_parse_iso(date, strlen(date), &d) != DATE_OK)
        return db_set_error(db, DB_EINVAL,
                            "Ngày không hợp lệ (cần dạng YYYY-MM-DD)");
    return DB_OK;
}

static int check_code(struct db *db, const char *code)
{
    if (code == NULL || units_code_level(code, strlen(code)) == 0)
        return db_set_error(db, DB_EINVAL,
                            "Mã đơn vị không hợp lệ (cần 2, 3 hoặc 5 chữ "
                            "số)");
    return DB_OK;
}

/* Copy column col into dst[size]; DB_ERROR if it does not fit. NULL gives
 * "". */
static int col_copy(struct db_stmt *st, int col, char *dst, size_t size)
{
    size_t len = 0;
    const char *s = db_col_text(st, col, &len);

    if (s == NULL) {
        dst[0] = '\0';
        return DB_OK;
    }
    if (len >= size)
        return DB_ERROR;
    memcpy(dst, s, len);
    dst[len] = '\0';
    return DB_OK;
}

/* Read a row of COLS into v. */
static int read_version(struct db *db, struct db_stmt *st,
                        struct units_version *v)
{
    memset(v, 0, sizeof(*v));
    v->level = (int)db_col_int64(st, 1);
    if (col_copy(st, 0, v->code, sizeof(v->code)) != DB_OK ||
        col_copy(st, 2, v->name, sizeof(v->name)) != DB_OK ||
        col_copy(st, 3, v->type, sizeof(v->type)) != DB_OK ||
        col_copy(st, 4, v->parent_code, sizeof(v->parent_code)) != DB_OK ||
        col_copy(st, 5, v->province_code, sizeof(v->province_code)) != DB_OK ||
        col_copy(st, 6, v->valid_from, sizeof(v->valid_from)) != DB_OK ||
        col_copy(st, 7, v->valid_to, sizeof(v->valid_to)) != DB_OK)
        return db_set_error(
            db, DB_ERROR, "Dữ liệu đơn vị hành chính quá dài ở mã %s", v->code);
    return DB_OK;
}

static struct units_version *list_push(struct store_units_list *l)
{
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->items = xreallocarray(l->items, l->cap, sizeof(*l->items));
    }
    return &l->items[l->count++];
}

/* Step st to the end, appending every row to out. Resets st. */
static int collect(struct db *db, struct db_stmt *st,
                   struct store_units_list *out)
{
    int rc;

    while ((rc = db_step(st)) == DB_ROW) {
        rc = read_version(db, st, list_push(out));
        if (rc != DB_OK)
            break;
    }
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    return rc;
}

/* --- Writing ------------------------------------------------------------ */

/* Bind one version at parameters base+1 .. base+9. */
static int bind_version(struct db_stmt *st, int base,
                        const struct units_version *v)
{
    char *fold = NULL;
    size_t flen = 0;
    int rc;

    if (text_fold(v->name, strlen(v->name), &fold, &flen) != TEXT_OK)
        return DB_EINVAL;
    rc = db_bind_text(st, base + 1, v->code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_int64(st, base + 2, v->level);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 3, v->name, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 4, v->type, (size_t)-1);
    if (rc == DB_OK)
        rc = v->parent_code[0]
                 ? db_bind_text(st, base + 5, v->parent_code, (size_t)-1)
                 : db_bind_null(st, base + 5);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 6, v->province_code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 7, v->valid_from, (size_t)-1);
    if (rc == DB_OK)
        rc = v->valid_to[0]
                 ? db_bind_text(st, base + 8, v->valid_to, (size_t)-1)
                 : db_bind_null(st, base + 8);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 9, fold, flen);
    free(fold);
    return rc;
}

static int bind_link(struct db_stmt *st, int base, const struct units_link *l)
{
    int rc = db_bind_text(st, base + 1, l->effective, (size_t)-1);

    if (rc == DB_OK)
        rc = db_bind_text(st, base + 2, l->new_code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 3, l->old_code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, base + 4, l->partial ? "partial" : "full",
                          (size_t)-1);
    return rc;
}

/* Run an INSERT whose parameters are bound; DB_OK when done. */
static int run_insert(struct db_stmt *st)
{
    int rc = db_step(st);

    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

static int insert_versions(struct db *db, const struct units_dataset *ds)
{
    struct db_stmt *st;
    size_t i = 0, k;
    int rc = DB_OK;

    while (rc == DB_OK && ds->nversions - i >= UNITS_BATCH) {
        rc = db_prepare(db, sql_unit_batch, &st);
        for (k = 0; rc == DB_OK && k < UNITS_BATCH; k++)
            rc = bind_version(st, (int)k * UNIT_PARAMS, &ds->versions[i + k]);
        if (rc == DB_OK)
            rc = run_insert(st);
        else
            db_reset(st);
        i += UNITS_BATCH;
    }
    for (; rc == DB_OK && i < ds->nversions; i++) {
        rc = db_prepare(db, sql_unit_one, &st);
        if (rc != DB_OK)
            break;
        rc = bind_version(st, 0, &ds->versions[i]);
        if (rc == DB_OK)
            rc = run_insert(st);
        else
            db_reset(st);
    }
    return rc;
}

static int insert_links(struct db *db, const struct units_dataset *ds)
{
    struct db_stmt *st;
    size_t i = 0, k;
    int rc = DB_OK;

    while (rc == DB_OK && ds->nlinks - i >= LINKS_BATCH) {
        rc = db_prepare(db, sql_link_batch, &st);
        for (k = 0; rc == DB_OK && k < LINKS_BATCH; k++)
            rc = bind_link(st, (int)k * LINK_PARAMS, &ds->links[i + k]);
        if (rc == DB_OK)
            rc = run_insert(st);
        else
            db_reset(st);
        i += LINKS_BATCH;
    }
    for (; rc == DB_OK && i < ds->nlinks; i++) {
        rc = db_prepare(db, sql_link_one, &st);
        if (rc != DB_OK)
            break;
        rc = bind_link(st, 0, &ds->links[i]);
        if (rc == DB_OK)
            rc = run_insert(st);
        else
            db_reset(st);
    }
    return rc;
}

int store_units_replace(struct db *db, const struct units_dataset *ds)
{
    static const char del_links[] = "DELETE FROM unit_links";
    static const char del_units[] = "DELETE FROM units";
    struct db_stmt *st;
    int rc;

    pthread_once(&batch_once, build_batches);
    rc = db_prepare(db, del_links, &st);
    if (rc == DB_OK)
        rc = run_insert(st);
    if (rc == DB_OK)
        rc = db_prepare(db, del_units, &st);
    if (rc == DB_OK)
        rc = run_insert(st);
    if (rc == DB_OK)
        rc = insert_versions(db, ds);
    if (rc == DB_OK)
        rc = insert_links(db, ds);
    /* The planner's statistics of the two tables, so joins on unit_links
     * take the old_code index even in a database never analysed (the
     * reorganisation's statements, store_reorganise.c). */
    if (rc == DB_OK)
        rc = db_exec_script(db, "ANALYZE units; ANALYZE unit_links;");
    if (rc == DB_EINVAL)
        db_set_error(db, rc, "Tên đơn vị không phải UTF-8 hợp lệ");
    return rc;
}

/* Step a one-row, one-column statement into out (capped); "" if no row. */
static int one_text(struct db *db, struct db_stmt *st, char *out, size_t outlen)
{
    int rc = db_step(st);

    out[0] = '\0';
    if (rc == DB_ROW) {
        rc = col_copy(st, 0, out, outlen);
        if (rc != DB_OK)
            rc = db_set_error(db, DB_ERROR, "Giá trị quá dài");
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

int store_units_claim(struct db *db, char *out, size_t outlen)
{
    static const char sql[] =
        "INSERT INTO reference_data (name, checksum, loaded_at)"
        " VALUES ('units', '', '') ON CONFLICT (name)"
        " DO UPDATE SET name = excluded.name RETURNING checksum";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    return one_text(db, st, out, outlen);
}

int store_units_set_checksum(struct db *db, const char *checksum,
                             const char *loaded_at)
{
    static const char sql[] =
        "INSERT INTO reference_data (name, checksum, loaded_at)"
        " VALUES ('units', $1, $2) ON CONFLICT (name) DO UPDATE"
        " SET checksum = excluded.checksum, loaded_at = excluded.loaded_at";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, checksum, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, loaded_at, (size_t)-1);
    if (rc != DB_OK) {
        db_reset(st);
        return rc;
    }
    return run_insert(st);
}

/* --- Reading ------------------------------------------------------------ */

int store_units_checksum(struct db *db, char *out, size_t outlen)
{
    static const char sql[] =
        "SELECT checksum FROM reference_data WHERE name = 'units'";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    return one_text(db, st, out, outlen);
}

int store_units_earliest(struct db *db, char out[UNITS_DATE_SIZE])
{
    static const char sql[] = "SELECT min(valid_from) FROM units";
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = one_text(db, st, out, UNITS_DATE_SIZE);
    if (rc == DB_OK && out[0] == '\0')
        rc = db_set_error(db, DB_ENOTFOUND,
                          "Chưa nạp danh sách đơn vị hành chính");
    return rc;
}

/* Check date and resolve it against the earliest list: out is date, or the
 * earliest date with *before = 1 when date is before it. */
static int resolve_date(struct db *db, const char *date,
                        char out[UNITS_DATE_SIZE], int *before)
{
    char earliest[UNITS_DATE_SIZE];
    int rc = check_date(db, date);

    *before = 0;
    if (rc != DB_OK)
        return rc;
    rc = store_units_earliest(db, earliest);
    if (rc != DB_OK)
        return rc;
    if (strcmp(date, earliest) < 0) {
        memcpy(out, earliest, UNITS_DATE_SIZE);
        *before = 1;
    } else {
        memcpy(out, date, UNITS_DATE_SIZE);
    }
    return DB_OK;
}

/* The version of code on an already resolved date. */
static int get_on(struct db *db, const char *code, const char *date,
                  struct units_version *out)
{
    static const char sql[] = "SELECT " COLS " FROM units"
                              " WHERE code = $1 AND " VALID_ON(2);
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, code, (size_t)-1);
    if (rc == DB_OK)
        rc = db_bind_text(st, 2, date, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW)
        rc = read_version(db, st, out);
    else if (rc == DB_DONE)
        rc = db_set_error(db, DB_ENOTFOUND, "Không có đơn vị mã %s vào ngày %s",
                          code, date);
    db_reset(st);
    return rc;
}

int store_units_get(struct db *db, const char *code, const char *date,
                    struct units_version *out, int *before_earliest)
{
    char on[UNITS_DATE_SIZE];
    int before = 0, rc;

    rc = check_code(db, code);
    if (rc == DB_OK)
        rc = resolve_date(db, date, on, &before);
    if (rc == DB_OK)
        rc = get_on(db, code, on, out);
    if (before_earliest)
        *before_earliest = before;
    return rc;
}

/* Prepare sql, bind text params (NULL-terminated), collect into out. */
static int query_list(struct db *db, const char *sql, const char *p1,
                      const char *p2, struct store_units_list *out)
{
    struct db_stmt *st;
    int rc = db_prepare(db, sql, &st);

    if (rc != DB_OK)
        return rc;
    if (p1)
        rc = db_bind_text(st, 1, p1, (size_t)-1);
    if (rc == DB_OK && p2)
        rc = db_bind_text(st, 2, p2, (size_t)-1);
    if (rc != DB_OK) {
        db_reset(st);
        return rc;
    }
    return collect(db, st, out);
}

static void list_start(struct store_units_list *out)
{
    memset(out, 0, sizeof(*out));
}

int store_units_children(struct db *db, const char *parent_code,
                         const char *date, struct store_units_list *out)
{
    static const char sql_prov[] =
        "SELECT " COLS " FROM units"
        " WHERE level = 1 AND " VALID_ON(1) " ORDER BY code";
    static const char sql_kids[] =
        "SELECT " COLS " FROM units"
        " WHERE parent_code = $1 AND " VALID_ON(2) " ORDER BY code";
    int top = parent_code == NULL || parent_code[0] == '\0';
    int rc;

    list_start(out);
    rc = top ? DB_OK : check_code(db, parent_code);
    if (rc == DB_OK)
        rc = resolve_date(db, date, out->date, &out->before_earliest);
    if (rc == DB_OK)
        rc = top ? query_list(db, sql_prov, out->date, NULL, out)
                 : query_list(db, sql_kids, parent_code, out->date, out);
    if (rc != DB_OK)
        store_units_list_free(out);
    return rc;
}

int store_units_history(struct db *db, const char *code,
                        struct store_units_list *out)
{
    static const char sql[] = "SELECT " COLS " FROM units WHERE code = $1"
                              " ORDER BY level, valid_from";
    int rc;

    list_start(out);
    rc = check_code(db, code);
    if (rc == DB_OK)
        rc = query_list(db, sql, code, NULL, out);
    if (rc != DB_OK)
        store_units_list_free(out);
    return rc;
}

/* Links with the names of both sides: the new unit's version on the
 * effective date, the old unit's version on the day before (valid_from <
 * effective <= valid_to, valid_to being exclusive). */
#define LINK_SELECT                                                            \
    "SELECT l.effective, l.new_code, coalesce(n.name, ''), l.old_code,"        \
    " coalesce(o.name, ''), l.kind FROM unit_links l"                          \
    " LEFT JOIN units n ON n.code = l.new_code"                                \
    " AND n.valid_from <= l.effective"                                         \
    " AND (n.valid_to IS NULL OR n.valid_to > l.effective)"                    \
    " LEFT JOIN units o ON o.code = l.old_code"                                \
    " AND o.valid_from < l.effective"                                          \
    " AND (o.valid_to IS NULL OR o.valid_to >= l.effective)"

static int query_links(struct db *db, const char *sql, const char *code,
                       struct store_units_links *out)
{
    struct db_stmt *st;
    int rc;

    memset(out, 0, sizeof(*out));
    rc = check_code(db, code);
    if (rc != DB_OK)
        return rc;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, code, (size_t)-1);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        struct store_units_link *l;
        size_t klen = 0;
        const char *kind;
        if (out->count == out->cap) {
            out->cap = out->cap ? out->cap * 2 : 8;
            out->items =
                xreallocarray(out->items, out->cap, sizeof(*out->items));
        }
        l = &out->items[out->count++];
        memset(l, 0, sizeof(*l));
        if (col_copy(st, 0, l->effective, sizeof(l->effective)) != DB_OK ||
            col_copy(st, 1, l->new_code, sizeof(l->new_code)) != DB_OK ||
            col_copy(st, 2, l->new_name, sizeof(l->new_name)) != DB_OK ||
            col_copy(st, 3, l->old_code, sizeof(l->old_code)) != DB_OK ||
            col_copy(st, 4, l->old_name, sizeof(l->old_name)) != DB_OK) {
            rc = db_set_error(db, DB_ERROR, "Dữ liệu liên kết quá dài");
            break;
        }
        kind = db_col_text(st, 5, &klen);
        l->partial =
            kind != NULL && klen == 7 && memcmp(kind, "partial", 7) == 0;
        rc = DB_OK;
    }
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    if (rc != DB_OK)
        store_units_links_free(out);
    return rc;
}

int store_units_successors(struct db *db, const char *code,
                           struct store_units_links *out)
{
    static const char sql[] = LINK_SELECT " WHERE l.old_code = $1"
                                          " ORDER BY l.effective, l.new_code";
    return query_links(db, sql, code, out);
}

int store_units_predecessors(struct db *db, const char *code,
                             struct store_units_links *out)
{
    static const char sql[] = LINK_SELECT " WHERE l.new_code = $1"
                                          " ORDER BY l.effective, l.old_code";
    return query_links(db, sql, code, out);
}

int store_units_ancestors(struct db *db, const char *code, const char *date,
                          struct store_units_list *out)
{
    struct units_version v;
    int rc, depth;

    list_start(out);
    rc = check_code(db, code);
    if (rc == DB_OK)
        rc = resolve_date(db, date, out->date, &out->before_earliest);
    if (rc == DB_OK)
        rc = get_on(db, code, out->date, &v);
    /* at most commune -> district -> province */
    for (depth = 0; rc == DB_OK && v.parent_code[0] != '\0' && depth < 3;
         depth++) {
        char parent[UNITS_CODE_SIZE];
        memcpy(parent, v.parent_code, sizeof(parent));
        rc = get_on(db, parent, out->date, &v);
        if (rc == DB_OK)
            *list_push(out) = v;
    }
    if (rc != DB_OK)
        store_units_list_free(out);
    return rc;
}

int store_units_communes(struct db *db, const char *province_code,
                         const char *date, struct store_units_list *out)
{
    static const char sql_all[] =
        "SELECT " COLS " FROM units"
        " WHERE level = 3 AND " VALID_ON(1) " ORDER BY code";
    static const char sql_prov[] = "SELECT " COLS " FROM units"
                                   " WHERE level = 3 AND province_code = $1"
                                   " AND " VALID_ON(2) " ORDER BY code";
    int all = province_code == NULL || province_code[0] == '\0';
    int rc;

    list_start(out);
    rc = all ? DB_OK : check_code(db, province_code);
    if (rc == DB_OK)
        rc = resolve_date(db, date, out->date, &out->before_earliest);
    if (rc == DB_OK)
        rc = all ? query_list(db, sql_all, out->date, NULL, out)
                 : query_list(db, sql_prov, province_code, out->date, out);
    if (rc != DB_OK)
        store_units_list_free(out);
    return rc;
}
