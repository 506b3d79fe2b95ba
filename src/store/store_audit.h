/* store_audit.h: the audit trail, a hash chain (migration 0002).
 *
 * Every change writes one record in the same transaction as the change
 * itself: who (actor), when (at, UTC), what (action, entity, entity_id,
 * detail) and the values before and after (old_value, new_value: JSON
 * text). Records are only ever appended: no code updates or deletes them
 * (tests/lint/audit_append_only.sh).
 *
 * Chain. Record ids are handed out by the one-row table audit_head, whose
 * row is updated (and so locked) first in the appending transaction:
 * concurrent writers queue up on that lock, ids are gap-free and every
 * record carries the hash of the one before it (prev_hash; 64 '0's for the
 * first). hash is the hex BLAKE2b-256 (libsodium crypto_generichash,
 * unkeyed) of this serialisation, version 1:
 *
 *   "ansinh-audit-v1\n"
 *   then for each of id, at, actor, action, entity, entity_id, area_path,
 *   detail, old_value, new_value, prev_hash, in this order:
 *     "-\n"                              when the value is SQL NULL
 *     "<byte length in decimal>:<bytes>\n" otherwise (id as decimal text)
 *
 * Length prefixes make the serialisation unambiguous whatever the bytes.
 * store_audit_verify recomputes every hash and link. What it proves: a
 * record edited, deleted or inserted behind the program's back (raw SQL)
 * is found, with the first broken link. What it cannot prove: someone with
 * write access to the database can recompute the whole chain after an
 * edit; the head hash it reports should be kept elsewhere (printed,
 * mailed) so such a rewrite shows against the kept copy.
 *
 * Errors: DB_OK or a negative db_rc with the message on the connection.
 */
#ifndef ANSINH_STORE_AUDIT_H
#define ANSINH_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_AUDIT_HASH_HEX 65 /* 64 hex digits + NUL */

/* One record to append. Strings are borrowed. actor: a username, or
 * "cli"/"system"; action: a dotted verb ("user.update", "units.load");
 * entity and entity_id name what changed (NULL: ""); area_path the
 * changed record's place in the unit tree ("35/347/13285"; NULL: "",
 * national or system); detail a JSON object as text (NULL: "{}");
 * old_value and new_value JSON text or NULL. */
struct store_audit_rec {
    const char *actor;
    const char *action;
    const char *entity;
    const char *entity_id;
    const char *area_path;
    const char *detail;
    const char *old_value;
    const char *new_value;
};

/* Append rec to the chain. Must run inside the caller's write transaction
 * (db_transact), which the record then shares. Returns DB_OK and the new
 * record's id in *id (may be NULL), or a negative db_rc (DB_ERROR when
 * audit_head is missing: the schema is older than 0002). */
int store_audit_append(struct db *db, const struct store_audit_rec *rec,
                       int64_t *id);

/* Append a record without old and new values (the older interface, kept
 * for its callers). Same as store_audit_append. */
int store_audit_add(struct db *db, const char *actor, const char *action,
                    const char *entity, const char *entity_id,
                    const char *detail_json);

/* Hex BLAKE2b-256 of the serialisation above into out (65 bytes). Exposed
 * for the tests; id is the record's id, the strings as stored (NULL for
 * SQL NULL). */
void store_audit_hash(int64_t id, const char *const fields[10],
                      char out[STORE_AUDIT_HASH_HEX]);

/* --- Changes since a snapshot ------------------------------------------ */

/* The chain's last record id into *out (0 when empty). For a use case that
 * computes in a read snapshot and writes in a later transaction: taken in
 * the snapshot, it marks what the computation saw. */
int store_audit_last_id(struct db *db, int64_t *out);

/* *changed = 1 when a record after after_id has an action other than the
 * n in ignore, or when over a thousand records came after it (reading
 * them would cost more than what the answer saves); else 0. Every change
 * writes a record in its own transaction, so 0 means nothing but the
 * ignored kinds of change was committed since the snapshot of after_id. */
int store_audit_changed_since(struct db *db, int64_t after_id,
                              const char *const *ignore, size_t n,
                              int *changed);

/* --- Reading --------------------------------------------------------- */

/* One stored record. Every string is owned by the list (NULL only for
 * old_value and new_value when SQL NULL). */
struct store_audit_entry {
    int64_t id;
    char *at, *actor, *action, *entity, *entity_id, *area_path, *detail;
    char *old_value, *new_value, *prev_hash, *hash;
};

struct store_audit_list {
    struct store_audit_entry *items;
    size_t count;
    int64_t total; /* records matching the filter, all pages */
};

/* Filters of store_audit_list_get. NULL or "" means any. area: a unit code
 * (2, 3 or 5 digits, checked by the caller): records whose area_path holds
 * it, i.e. records of that unit or below it when written. */
struct store_audit_filter {
    const char *entity;
    const char *entity_id;
    const char *actor;
    const char *area;
};

/* Records matching f, newest first, skipping offset and returning at most
 * limit (1..1000) in *out (free with store_audit_list_free), with the
 * total count. DB_EINVAL for a bad limit or offset. */
int store_audit_list_get(struct db *db, const struct store_audit_filter *f,
                         int64_t offset, int64_t limit,
                         struct store_audit_list *out);

/* Free what a list holds and empty it. NULL-safe. */
void store_audit_list_free(struct store_audit_list *l);

/* --- Verification ----------------------------------------------------- */

enum store_audit_break {
    STORE_AUDIT_WHOLE = 0, /* every link holds */
    STORE_AUDIT_MISSING,   /* a record id is missing (deleted) */
    STORE_AUDIT_LINK,      /* prev_hash is not the previous record's hash */
    STORE_AUDIT_CONTENT,   /* the record's hash does not match its content
                              (edited) */
    STORE_AUDIT_TAIL,      /* records at the end are missing (head says
                              more) */
    STORE_AUDIT_EXTRA,     /* a record beyond the head (inserted behind
                              the program's back) */
    STORE_AUDIT_HEAD       /* the head row is missing or does not match
                              the last record's hash */
};

struct store_audit_verify {
    int64_t checked;   /* chained records whose links were checked */
    int64_t legacy;    /* records written before the chain (migration 0002) */
    int64_t first_id;  /* first chained id */
    int64_t last_id;   /* the head's last id */
    int broken;        /* enum store_audit_break */
    int64_t broken_id; /* the record at the first broken link (0: none) */
    char head_hash[STORE_AUDIT_HASH_HEX]; /* the head's hash */
};

/* Walk the whole chain in one read transaction (one snapshot), in id
 * order, stopping at the first broken link. Returns DB_OK with *out filled
 * (out->broken says whether the chain is whole), or a negative db_rc on a
 * storage failure. Reads each record once: linear time, constant memory. */
int store_audit_verify(struct db *db, struct store_audit_verify *out);

#endif
