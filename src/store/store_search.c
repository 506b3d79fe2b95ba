/* store_search.c: the person search of store_registry.h.
 *
 * One query answers in two steps: count every match, then read one page
 * in Vietnamese order. The SQL is assembled from fixed fragments (never
 * from input: every value is a $n parameter), in one of three shapes:
 *
 *   area   an area filter (the caller's scope or a unit) drives: the
 *          communes of the area on the date, their residences valid on
 *          it (residences_unit_valid), then the persons. A commune holds
 *          hundreds to a few thousand people, so the other filters are
 *          checked row by row;
 *   name   no area: the folded-name index drives (SQLite persons_fts
 *          GLOB, PostgreSQL pg_trgm LIKE), or the id number's unique
 *          index;
 *   walk   when more than SORT_MAX rows match, sorting them all by the
 *          ICU collation would cost seconds ("nguyen" matches one person
 *          in three): the page is read by walking persons_name, the index
 *          in Vietnamese order, and checking the filters on each row,
 *          which stops after the page. Matches that many are dense, but
 *          a name part clusters them ("nguyen van duc": all among the
 *          Nguyễn, a third of the way into the index), so the count also
 *          finds the first matching name in that order and the walk
 *          starts there (a range of the index).
 *
 * Measured on the national demo (3.48 M persons, docs/registry.md): a
 * commune's searches in 2 ms; nationally "nguyen van duc" (7,533) 0.3 s,
 * "nguyen" (1.37 M) about 1.5 s, most of it counting.
 *
 * The substring match is the same on both engines: SQLite GLOB on the
 * folded text ('*', '?', '[' escaped as bracket expressions), PostgreSQL
 * LIKE with '\' escaping '%', '_' and '\'.
 */
#include "store/store_registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/date.h"
#include "core/registry.h"
#include "core/text.h"
#include "store/db.h"
#include "util/xalloc.h"

#define SORT_MAX      20000 /* matches sorted in full; more: walk */
#define QB_SQL_MAX    4096
#define QB_PARAMS_MAX 16
#define PATTERN_MAX   (3 * 4 * STORE_PERSONS_NAME_MAX + 3)

enum shape_mode { MODE_COUNT, MODE_SORT, MODE_WALK };

/* An SQL text being assembled, with its parameters in order. */
struct qb {
    char sql[QB_SQL_MAX];
    size_t len;
    int overflow;
    int n;
    const char *text[QB_PARAMS_MAX];
    int64_t ival[QB_PARAMS_MAX];
    int is_int[QB_PARAMS_MAX];
    int date_n; /* the date's parameter number, 0 until first used */
    const char *date;
};

static void qb_sql(struct qb *b, const char *s)
{
    size_t n = strlen(s);

    if (b->overflow || b->len + n >= sizeof b->sql) {
        b->overflow = 1;
        return;
    }
    memcpy(b->sql + b->len, s, n + 1);
    b->len += n;
}

static void qb_ref(struct qb *b, int n)
{
    char ref[8];

    snprintf(ref, sizeof ref, "$%d", n);
    qb_sql(b, ref);
}

static int qb_next(struct qb *b)
{
    if (b->n >= QB_PARAMS_MAX) {
        b->overflow = 1;
        return 1;
    }
    return ++b->n;
}

static void qb_text(struct qb *b, const char *v)
{
    int n = qb_next(b);

    b->text[n - 1] = v;
    b->is_int[n - 1] = 0;
    qb_ref(b, n);
}

static void qb_int(struct qb *b, int64_t v)
{
    int n = qb_next(b);

    b->ival[n - 1] = v;
    b->is_int[n - 1] = 1;
    qb_ref(b, n);
}

static void qb_date(struct qb *b)
{
    if (b->date_n == 0) {
        qb_text(b, b->date);
        b->date_n = b->n;
        return;
    }
    qb_ref(b, b->date_n);
}

/* "t.valid_from <= D AND (t.valid_to IS NULL OR t.valid_to > D)" */
static void qb_valid(struct qb *b, const char *t)
{
    qb_sql(b, t);
    qb_sql(b, ".valid_from <= ");
    qb_date(b);
    qb_sql(b, " AND (");
    qb_sql(b, t);
    qb_sql(b, ".valid_to IS NULL OR ");
    qb_sql(b, t);
    qb_sql(b, ".valid_to > ");
    qb_date(b);
    qb_sql(b, ")");
}

static void qb_area(struct qb *b, const struct store_area *a)
{
    switch (a->level) {
    case 1:
        qb_sql(b, " AND u.province_code = ");
        break;
    case 2:
        qb_sql(b, " AND u.parent_code = ");
        break;
    case 3:
        qb_sql(b, " AND u.code = ");
        break;
    default:
        return;
    }
    qb_text(b, a->code);
}

struct search {
    const struct store_person_query *q;
    int sqlite;
    char pattern[PATTERN_MAX];
    char first[STORE_PERSONS_NAME_SIZE]; /* first matching name (walk) */
    int has_first;
};

static void build(struct qb *b, const struct search *s, int mode)
{
    const struct store_person_query *q = s->q;
    int area = q->scope.level > 0 || q->unit.level > 0;
    int need_b = q->status != NULL || q->beneficiaries_only;

    memset(b, 0, sizeof *b);
    b->date = q->date;
    if (mode == MODE_COUNT) {
        qb_sql(b, q->name != NULL ? "SELECT count(*), min(p.full_name"
                                    " COLLATE vi)"
                                  : "SELECT count(*), NULL");
    } else {
        qb_sql(b, "SELECT p.id, p.id_number, p.full_name, p.birth_date,"
                  " p.sex, p.version, ");
        if (area) {
            qb_sql(b, "r.unit_code");
        } else {
            qb_sql(b, "(SELECT r2.unit_code FROM residences r2"
                      " WHERE r2.person_id = p.id AND ");
            qb_valid(b, "r2");
            qb_sql(b, " ORDER BY r2.valid_from DESC LIMIT 1)");
        }
        qb_sql(b, ", b.status, b.since, b.reason");
    }
    if (area && mode != MODE_WALK)
        qb_sql(b, " FROM units u JOIN residences r ON r.unit_code = u.code"
                  " JOIN persons p ON p.id = r.person_id");
    else if (mode == MODE_WALK)
        qb_sql(b, s->sqlite ? " FROM persons p INDEXED BY persons_name"
                            : " FROM persons p");
    else
        qb_sql(b, " FROM persons p");
    if (area && mode == MODE_WALK)
        qb_sql(b, " CROSS JOIN residences r CROSS JOIN units u");
    if (need_b)
        qb_sql(b, " JOIN beneficiaries b ON b.person_id = p.id");
    else if (mode != MODE_COUNT)
        qb_sql(b, " LEFT JOIN beneficiaries b ON b.person_id = p.id");
    qb_sql(b, " WHERE 1 = 1");
    if (area) {
        if (mode == MODE_WALK)
            qb_sql(b, " AND r.person_id = p.id AND u.code = r.unit_code");
        qb_sql(b, " AND ");
        qb_valid(b, "r");
        qb_sql(b, " AND u.level = 3 AND ");
        qb_valid(b, "u");
        qb_area(b, &q->scope);
        qb_area(b, &q->unit);
    }
    if (q->id_number != NULL) {
        qb_sql(b, " AND p.id_number = ");
        qb_text(b, q->id_number);
    }
    if (q->name != NULL) {
        if (!s->sqlite) {
            qb_sql(b, " AND p.search_text LIKE ");
            qb_text(b, s->pattern);
            qb_sql(b, " ESCAPE '\\'");
        } else if (!area && mode != MODE_WALK) {
            qb_sql(b, " AND p.id IN (SELECT rowid FROM persons_fts"
                      " WHERE search_text GLOB ");
            qb_text(b, s->pattern);
            qb_sql(b, ")");
        } else {
            qb_sql(b, " AND p.search_text GLOB ");
            qb_text(b, s->pattern);
        }
    }
    if (mode == MODE_WALK && s->has_first) {
        qb_sql(b, " AND p.full_name COLLATE vi >= ");
        qb_text(b, s->first);
    }
    if (q->status != NULL) {
        qb_sql(b, " AND b.status = ");
        qb_text(b, q->status);
    }
    if (q->category != NULL && !area && mode != MODE_WALK) {
        /* Nationally the category's memberships drive (a few thousand K3
         * among 3.4 M persons), through memberships_category_valid. */
        qb_sql(b, " AND p.id IN (SELECT m.person_id FROM memberships m"
                  " WHERE m.category = ");
        qb_text(b, q->category);
        qb_sql(b, " AND ");
        qb_valid(b, "m");
        qb_sql(b, ")");
    } else if (q->category != NULL) {
        qb_sql(b, " AND EXISTS (SELECT 1 FROM memberships m"
                  " WHERE m.person_id = p.id AND m.category = ");
        qb_text(b, q->category);
        qb_sql(b, " AND ");
        qb_valid(b, "m");
        qb_sql(b, ")");
    }
    if (mode != MODE_COUNT) {
        qb_sql(b, " ORDER BY p.full_name COLLATE vi, p.id LIMIT ");
        qb_int(b, q->limit);
        qb_sql(b, " OFFSET ");
        qb_int(b, q->offset);
    }
}

/* The substring pattern of the folded name for this engine. */
static void make_pattern(const char *name, int sqlite, char *out, size_t cap)
{
    size_t o = 0;

    out[o++] = sqlite ? '*' : '%';
    for (const char *c = name; *c && o + 5 < cap; c++) {
        if (sqlite && (*c == '*' || *c == '?' || *c == '[')) {
            out[o++] = '[';
            out[o++] = *c;
            out[o++] = ']';
        } else if (!sqlite && (*c == '%' || *c == '_' || *c == '\\')) {
            out[o++] = '\\';
            out[o++] = *c;
        } else {
            out[o++] = *c;
        }
    }
    out[o++] = sqlite ? '*' : '%';
    out[o] = '\0';
}

static int check_area(struct db *db, const char *what,
                      const struct store_area *a)
{
    static const size_t len[] = {0, 2, 3, 5};
    size_t n;

    if (a->level == 0)
        return DB_OK;
    n = strnlen(a->code, sizeof a->code);
    if (a->level < 0 || a->level > 3 || n != len[a->level] ||
        strspn(a->code, "0123456789") != n)
        return db_set_error(db, DB_ECHECK, "%s không hợp lệ: '%.7s'", what,
                            a->code);
    return DB_OK;
}

static int check_query(struct db *db, const struct store_person_query *q)
{
    struct date d;
    int rc;

    if (q->date == NULL || date_parse_iso(q->date, strlen(q->date), &d) != 0)
        return db_set_error(db, DB_ECHECK, "Ngày tra cứu không hợp lệ: '%s'",
                            q->date ? q->date : "");
    if ((rc = check_area(db, "Phạm vi", &q->scope)) != DB_OK ||
        (rc = check_area(db, "Đơn vị", &q->unit)) != DB_OK)
        return rc;
    if (q->id_number != NULL &&
        ((strlen(q->id_number) != 9 && strlen(q->id_number) != 12) ||
         strspn(q->id_number, "0123456789") != strlen(q->id_number)))
        return db_set_error(db, DB_ECHECK,
                            "Số định danh phải gồm 12 (hoặc 9) chữ số");
    if (q->name != NULL) {
        size_t chars = text_char_count(q->name, strlen(q->name));

        if (!text_valid_utf8(q->name, strlen(q->name)) || chars < 3 ||
            chars > STORE_PERSONS_NAME_MAX)
            return db_set_error(db, DB_ECHECK,
                                "Tên tìm kiếm phải từ 3 đến %d ký tự",
                                STORE_PERSONS_NAME_MAX);
    }
    if (q->category != NULL &&
        category_find(q->category, strlen(q->category)) == NULL)
        return db_set_error(db, DB_ECHECK, "Không có diện đối tượng mã '%s'",
                            q->category);
    if (q->status != NULL &&
        registry_status_parse(q->status, strlen(q->status)) == REGISTRY_NONE)
        return db_set_error(db, DB_ECHECK, "Không có trạng thái '%s'",
                            q->status);
    if (q->limit < 1 || q->limit > 1000 || q->offset < 0)
        return db_set_error(db, DB_ECHECK, "Phân trang không hợp lệ");
    return DB_OK;
}

static int bind_all(struct db_stmt *st, const struct qb *b)
{
    int rc = DB_OK;

    for (int i = 0; i < b->n && rc == DB_OK; i++)
        rc = b->is_int[i] ? db_bind_int64(st, i + 1, b->ival[i])
                          : db_bind_text(st, i + 1, b->text[i], (size_t)-1);
    return rc;
}

static void copy_col(struct db_stmt *st, int col, char *out, size_t outlen)
{
    const char *s = db_col_text(st, col, NULL);

    snprintf(out, outlen, "%s", s ? s : "");
}

static int run_count(struct db *db, struct search *s, int64_t *total)
{
    struct db_stmt *st;
    struct qb b;
    int rc;

    build(&b, s, MODE_COUNT);
    if (b.overflow)
        return db_set_error(db, DB_EINVAL, "search: query too long");
    rc = db_prepare(db, b.sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = bind_all(st, &b);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *total = db_col_int64(st, 0);
        s->has_first = !db_col_is_null(st, 1);
        if (s->has_first)
            copy_col(st, 1, s->first, sizeof s->first);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = DB_ERROR;
    }
    db_reset(st);
    return rc;
}

static int run_page(struct db *db, const struct search *s, int mode,
                    struct store_person_hits *out)
{
    struct db_stmt *st;
    struct qb b;
    size_t cap = 0;
    int rc;

    build(&b, s, mode);
    if (b.overflow)
        return db_set_error(db, DB_EINVAL, "search: query too long");
    rc = db_prepare(db, b.sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = bind_all(st, &b);
    while (rc == DB_OK || rc == DB_ROW) {
        struct store_person_hit *h;
        const char *sex;

        rc = db_step(st);
        if (rc != DB_ROW)
            break;
        if (out->count == cap) {
            cap = cap ? cap * 2 : 32;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        h = &out->items[out->count++];
        memset(h, 0, sizeof *h);
        h->id = db_col_int64(st, 0);
        copy_col(st, 1, h->id_number, sizeof h->id_number);
        copy_col(st, 2, h->full_name, sizeof h->full_name);
        copy_col(st, 3, h->birth_date, sizeof h->birth_date);
        sex = db_col_text(st, 4, NULL);
        h->sex = sex ? sex[0] : '\0';
        h->version = db_col_int64(st, 5);
        copy_col(st, 6, h->unit_code, sizeof h->unit_code);
        copy_col(st, 7, h->status, sizeof h->status);
        copy_col(st, 8, h->since, sizeof h->since);
        copy_col(st, 9, h->reason, sizeof h->reason);
    }
    db_reset(st);
    return rc == DB_DONE ? DB_OK : rc;
}

int store_registry_search(struct db *db, const struct store_person_query *q,
                          struct store_person_hits *out)
{
    struct search s;
    int rc;

    memset(out, 0, sizeof *out);
    rc = check_query(db, q);
    if (rc != DB_OK)
        return rc;
    s.q = q;
    s.sqlite = strcmp(db_engine(db), "sqlite") == 0;
    s.pattern[0] = '\0';
    s.first[0] = '\0';
    s.has_first = 0;
    if (q->name != NULL)
        make_pattern(q->name, s.sqlite, s.pattern, sizeof s.pattern);
    rc = run_count(db, &s, &out->total);
    if (rc == DB_OK && out->total > q->offset)
        rc = run_page(db, &s,
                      out->total <= (q->sort_max > 0 ? q->sort_max : SORT_MAX)
                          ? MODE_SORT
                          : MODE_WALK,
                      out);
    if (rc != DB_OK)
        store_person_hits_free(out);
    return rc;
}

void store_person_hits_free(struct store_person_hits *out)
{
    if (out == NULL)
        return;
    free(out->items);
    out->items = NULL;
    out->count = 0;
    out->total = 0;
}
