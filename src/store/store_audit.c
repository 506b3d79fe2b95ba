/* store_audit.c: the audit trail as a hash chain (see store_audit.h). */
#include "store/store_audit.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "store/db.h"
#include "util/clock.h"
#include "util/xalloc.h"

#define HASH_BYTES 32 /* BLAKE2b-256 */
#define GENESIS                                                                \
    "0000000000000000000000000000000000000000000000000000000000000000"
#define FIELDS 10 /* hashed after the id: at .. prev_hash */

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;

static void sodium_start(void)
{
    /* Only picks the fastest implementation; the portable one is used
     * if it fails, with the same results. */
    if (sodium_init() < 0)
        return;
}

static void hash_field(crypto_generichash_state *st, const char *v)
{
    char len[24];
    int n;

    if (v == NULL) {
        crypto_generichash_update(st, (const unsigned char *)"-\n", 2);
        return;
    }
    n = snprintf(len, sizeof len, "%zu:", strlen(v));
    crypto_generichash_update(st, (const unsigned char *)len, (size_t)n);
    crypto_generichash_update(st, (const unsigned char *)v, strlen(v));
    crypto_generichash_update(st, (const unsigned char *)"\n", 1);
}

void store_audit_hash(int64_t id, const char *const fields[FIELDS],
                      char out[STORE_AUDIT_HASH_HEX])
{
    static const char magic[] = "ansinh-audit-v1\n";
    crypto_generichash_state st;
    unsigned char h[HASH_BYTES];
    char idtext[24];
    size_t i;

    pthread_once(&sodium_once, sodium_start);
    snprintf(idtext, sizeof idtext, "%lld", (long long)id);
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)magic,
                              sizeof magic - 1);
    hash_field(&st, idtext);
    for (i = 0; i < FIELDS; i++)
        hash_field(&st, fields[i]);
    crypto_generichash_final(&st, h, sizeof h);
    sodium_bin2hex(out, STORE_AUDIT_HASH_HEX, h, sizeof h);
}

/* Copy text column col of st into out (cap bytes). DB_ERROR when it does
 * not fit. */
static int copy_hash(struct db *db, struct db_stmt *st, int col,
                     char out[STORE_AUDIT_HASH_HEX])
{
    size_t len = 0;
    const char *s = db_col_text(st, col, &len);

    if (s == NULL)
        len = 0;
    if (len >= STORE_AUDIT_HASH_HEX)
        return db_set_error(db, DB_ERROR, "audit: hash of %zu bytes", len);
    memcpy(out, s ? s : "", len);
    out[len] = '\0';
    return DB_OK;
}

/* Take the next id and the previous hash from the head, locking it. */
static int head_next(struct db *db, int64_t *id,
                     char prev[STORE_AUDIT_HASH_HEX])
{
    static const char sql[] =
        "UPDATE audit_head SET last_id = last_id + 1 WHERE id = 1"
        " RETURNING last_id, last_hash";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int64(st, 0);
        rc = copy_hash(db, st, 1, prev);
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ERROR, "audit: the audit_head row is missing");
    }
    db_reset(st);
    return rc;
}

static int head_set_hash(struct db *db, const char *hash)
{
    static const char sql[] = "UPDATE audit_head SET last_hash = $1"
                              " WHERE id = 1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_text(st, 1, hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE || rc == DB_ROW)
        rc = DB_OK;
    db_reset(st);
    return rc;
}

int store_audit_append(struct db *db, const struct store_audit_rec *rec,
                       int64_t *id)
{
    static const char sql[] =
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id,"
        " area_path, detail, old_value, new_value, prev_hash, hash)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    char now[21], prev[STORE_AUDIT_HASH_HEX], hash[STORE_AUDIT_HASH_HEX];
    const char *f[FIELDS];
    struct db_stmt *st;
    int64_t rid = 0;
    int rc, i;

    rc = head_next(db, &rid, prev);
    if (rc != DB_OK)
        return rc;
    clock_now_utc(now);
    f[0] = now;
    f[1] = rec->actor ? rec->actor : "";
    f[2] = rec->action ? rec->action : "";
    f[3] = rec->entity ? rec->entity : "";
    f[4] = rec->entity_id ? rec->entity_id : "";
    f[5] = rec->area_path ? rec->area_path : "";
    f[6] = rec->detail ? rec->detail : "{}";
    f[7] = rec->old_value;
    f[8] = rec->new_value;
    f[9] = prev;
    store_audit_hash(rid, f, hash);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, rid);
    for (i = 0; i < FIELDS && rc == DB_OK; i++)
        rc = db_bind_text(st, i + 2, f[i], (size_t)-1); /* NULL binds NULL */
    if (rc == DB_OK)
        rc = db_bind_text(st, FIELDS + 2, hash, (size_t)-1);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    if (rc == DB_OK)
        rc = head_set_hash(db, hash);
    if (rc == DB_OK && id != NULL)
        *id = rid;
    return rc;
}

int store_audit_add(struct db *db, const char *actor, const char *action,
                    const char *entity, const char *entity_id,
                    const char *detail_json)
{
    struct store_audit_rec r;

    memset(&r, 0, sizeof r);
    r.actor = actor;
    r.action = action;
    r.entity = entity;
    r.entity_id = entity_id;
    r.detail = detail_json;
    return store_audit_append(db, &r, NULL);
}

/* --- Reading -------------------------------------------------------------
 */

#define ENTRY_COLUMNS                                                          \
    "id, at, actor, action, entity, entity_id, area_path, detail,"             \
    " old_value, new_value, prev_hash, hash"

static char *dup_col(struct db_stmt *st, int col)
{
    size_t len = 0;
    const char *s = db_col_text(st, col, &len);

    return s ? xstrndup(s, len) : NULL;
}

static void entry_read(struct db_stmt *st, struct store_audit_entry *e)
{
    char **cols[] = {&e->at,        &e->actor,     &e->action, &e->entity,
                     &e->entity_id, &e->area_path, &e->detail, &e->old_value,
                     &e->new_value, &e->prev_hash, &e->hash};
    size_t i;

    e->id = db_col_int64(st, 0);
    for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        *cols[i] = dup_col(st, (int)i + 1);
        /* Only the values may be NULL; the other columns are NOT NULL. */
        if (*cols[i] == NULL && cols[i] != &e->old_value &&
            cols[i] != &e->new_value)
            *cols[i] = xstrdup("");
    }
}

static void entry_free(struct store_audit_entry *e)
{
    free(e->at);
    free(e->actor);
    free(e->action);
    free(e->entity);
    free(e->entity_id);
    free(e->area_path);
    free(e->detail);
    free(e->old_value);
    free(e->new_value);
    free(e->prev_hash);
    free(e->hash);
}

void store_audit_list_free(struct store_audit_list *l)
{
    size_t i;

    if (l == NULL)
        return;
    for (i = 0; i < l->count; i++)
        entry_free(&l->items[i]);
    free(l->items);
    memset(l, 0, sizeof *l);
}

static int is_set(const char *s)
{
    return s != NULL && s[0] != '\0';
}

/* The WHERE clause for f into where (numbering $1..), the values to bind
 * in vals; returns how many. The set of texts is finite (one per
 * combination of filters), as the statement cache wants. */
static int filter_sql(const struct store_audit_filter *f, char *where,
                      size_t cap, const char *vals[4])
{
    int n = 0;
    size_t used = 0;

    where[0] = '\0';
#define ADD(cond, v)                                                           \
    do {                                                                       \
        int w_ = snprintf(where + used, cap - used, "%s" cond,                 \
                          n ? " AND " : " WHERE ", n + 1);                     \
        used += (size_t)w_;                                                    \
        vals[n++] = (v);                                                       \
    } while (0)
    if (is_set(f->entity))
        ADD("entity = $%d", f->entity);
    if (is_set(f->entity_id))
        ADD("entity_id = $%d", f->entity_id);
    if (is_set(f->actor))
        ADD("actor = $%d", f->actor);
    /* '/'-delimited, so "35" never matches inside "350" or "13514". The
     * caller checked that area is digits only: no LIKE metacharacters. */
    if (is_set(f->area))
        ADD("('/' || area_path || '/') LIKE ('%%/' || $%d || '/%%')", f->area);
#undef ADD
    return n;
}

static int bind_vals(struct db_stmt *st, const char *const *vals, int n)
{
    int i, rc = DB_OK;

    for (i = 0; i < n && rc == DB_OK; i++)
        rc = db_bind_text(st, i + 1, vals[i], (size_t)-1);
    return rc;
}

static int count_matching(struct db *db, const char *where,
                          const char *const *vals, int n, int64_t *total)
{
    char sql[512];
    struct db_stmt *st;
    int rc;

    snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log%s", where);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = bind_vals(st, vals, n);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *total = db_col_int64(st, 0);
        rc = DB_OK;
    } else if (rc == DB_DONE) {
        rc = db_set_error(db, DB_ERROR, "audit: count returned no row");
    }
    db_reset(st);
    return rc;
}

int store_audit_list_get(struct db *db, const struct store_audit_filter *f,
                         int64_t offset, int64_t limit,
                         struct store_audit_list *out)
{
    const char *vals[4];
    char where[384], sql[768];
    struct db_stmt *st;
    size_t cap = 0;
    int n, rc;

    memset(out, 0, sizeof *out);
    if (limit < 1 || limit > 1000 || offset < 0)
        return db_set_error(db, DB_EINVAL, "audit: limit %lld offset %lld",
                            (long long)limit, (long long)offset);
    n = filter_sql(f, where, sizeof where, vals);
    rc = count_matching(db, where, vals, n, &out->total);
    if (rc != DB_OK)
        return rc;
    snprintf(sql, sizeof sql,
             "SELECT " ENTRY_COLUMNS " FROM audit_log%s ORDER BY id DESC"
             " LIMIT $%d OFFSET $%d",
             where, n + 1, n + 2);
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = bind_vals(st, vals, n);
    if (rc == DB_OK)
        rc = db_bind_int64(st, n + 1, limit);
    if (rc == DB_OK)
        rc = db_bind_int64(st, n + 2, offset);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        if (out->count == cap) {
            cap = cap ? cap * 2 : 16;
            out->items = xreallocarray(out->items, cap, sizeof *out->items);
        }
        entry_read(st, &out->items[out->count++]);
        rc = DB_OK;
    }
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    if (rc != DB_OK)
        store_audit_list_free(out);
    return rc;
}

/* --- Changes since a snapshot ---------------------------------------------
 */

int store_audit_last_id(struct db *db, int64_t *out)
{
    *out = 0;
    return db_query_int64(db, "SELECT coalesce(max(id), 0) FROM audit_log",
                          out);
}

/* Records a change check reads one by one before it gives up and says
 * "changed" (which only costs the caller a recomputation). */
#define SINCE_MAX 1000

int store_audit_changed_since(struct db *db, int64_t after_id,
                              const char *const *ignore, size_t n, int *changed)
{
    /* One record at a time by its id: a plan the planner cannot get
     * wrong. A range query was planned as a scan of the whole log under
     * stale statistics (sqlite_stat1 from when the log was small). */
    static const char sql[] = "SELECT action FROM audit_log WHERE id = $1";
    struct db_stmt *st;
    int64_t last, id;
    size_t i;
    int rc;

    *changed = 1;
    rc = store_audit_last_id(db, &last);
    if (rc != DB_OK || last - after_id > SINCE_MAX)
        return rc;
    *changed = 0;
    rc = db_prepare(db, sql, &st);
    for (id = after_id + 1; rc == DB_OK && id <= last && !*changed; id++) {
        rc = db_bind_int64(st, 1, id);
        if (rc == DB_OK)
            rc = db_step(st);
        if (rc == DB_ROW) {
            const char *action = db_col_text(st, 0, NULL);

            *changed = 1;
            for (i = 0; i < n && action != NULL; i++)
                if (strcmp(action, ignore[i]) == 0)
                    *changed = 0;
            rc = DB_OK;
        } else if (rc == DB_DONE) {
            rc = DB_OK; /* a gap: no record */
        }
        db_reset(st);
    }
    if (rc != DB_OK)
        *changed = 1;
    return rc;
}

/* --- Verification --------------------------------------------------------
 */

static int read_head(struct db *db, struct store_audit_verify *v, int *found)
{
    static const char sql[] =
        "SELECT first_id, last_id, last_hash FROM audit_head WHERE id = 1";
    struct db_stmt *st;
    int rc;

    *found = 0;
    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        v->first_id = db_col_int64(st, 0);
        v->last_id = db_col_int64(st, 1);
        rc = copy_hash(db, st, 2, v->head_hash);
        *found = 1;
    } else if (rc == DB_DONE) {
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

static int count_legacy(struct db *db, int64_t first_id, int64_t *out)
{
    static const char sql[] = "SELECT count(*) FROM audit_log WHERE id < $1";
    struct db_stmt *st;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, first_id);
    if (rc == DB_OK)
        rc = db_step(st);
    if (rc == DB_ROW) {
        *out = db_col_int64(st, 0);
        rc = DB_OK;
    }
    db_reset(st);
    return rc;
}

static void set_break(struct store_audit_verify *v, int why, int64_t id)
{
    v->broken = why;
    v->broken_id = id;
}

/* Check one record against the state of the walk. Returns 1 to go on, 0
 * at a broken link (recorded in v). */
static int check_record(struct db_stmt *st, struct store_audit_verify *v,
                        int64_t *expect, char prev[STORE_AUDIT_HASH_HEX])
{
    const char *f[FIELDS];
    char hash[STORE_AUDIT_HASH_HEX];
    const char *stored;
    int64_t id = db_col_int64(st, 0);
    size_t len;
    int i;

    if (id != *expect) {
        /* Ids are gap-free: a gap is a deleted record, unless the head
         * never handed that id out (then the record was inserted). */
        if (*expect <= v->last_id)
            set_break(v, STORE_AUDIT_MISSING, *expect);
        else
            set_break(v, STORE_AUDIT_EXTRA, id);
        return 0;
    }
    if (id > v->last_id) {
        set_break(v, STORE_AUDIT_EXTRA, id);
        return 0;
    }
    for (i = 0; i < FIELDS; i++)
        f[i] = db_col_text(st, i + 1, &len);
    if (f[9] == NULL || strcmp(f[9], prev) != 0) {
        set_break(v, STORE_AUDIT_LINK, id);
        return 0;
    }
    store_audit_hash(id, f, hash);
    stored = db_col_text(st, FIELDS + 1, &len);
    if (stored == NULL || strcmp(stored, hash) != 0) {
        set_break(v, STORE_AUDIT_CONTENT, id);
        return 0;
    }
    memcpy(prev, hash, STORE_AUDIT_HASH_HEX);
    v->checked++;
    (*expect)++;
    return 1;
}

static int walk(struct db *db, struct store_audit_verify *v)
{
    static const char sql[] =
        "SELECT id, at, actor, action, entity, entity_id, area_path, detail,"
        " old_value, new_value, prev_hash, hash"
        " FROM audit_log WHERE id >= $1 ORDER BY id";
    char prev[STORE_AUDIT_HASH_HEX] = GENESIS;
    struct db_stmt *st;
    int64_t expect = v->first_id;
    int rc;

    rc = db_prepare(db, sql, &st);
    if (rc != DB_OK)
        return rc;
    rc = db_bind_int64(st, 1, v->first_id);
    while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
        rc = DB_OK;
        if (!check_record(st, v, &expect, prev))
            break;
    }
    if (rc == DB_DONE)
        rc = DB_OK;
    db_reset(st);
    if (rc != DB_OK || v->broken != STORE_AUDIT_WHOLE)
        return rc;
    if (expect <= v->last_id)
        set_break(v, STORE_AUDIT_TAIL, expect);
    else if (strcmp(prev, v->head_hash) != 0)
        set_break(v, STORE_AUDIT_HEAD, v->last_id);
    return DB_OK;
}

int store_audit_verify(struct db *db, struct store_audit_verify *out)
{
    int rc, found, crc;

    memset(out, 0, sizeof *out);
    rc = db_begin(db, 0);
    if (rc != DB_OK)
        return rc;
    rc = read_head(db, out, &found);
    if (rc != DB_OK)
        goto done;
    if (!found) {
        set_break(out, STORE_AUDIT_HEAD, 0);
        goto done;
    }
    rc = count_legacy(db, out->first_id, &out->legacy);
    if (rc == DB_OK)
        rc = walk(db, out);
done:
    crc = db_rollback(db); /* read only: nothing to keep */
    return rc != DB_OK ? rc : crc;
}
