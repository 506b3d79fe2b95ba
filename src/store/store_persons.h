/* store_persons.h: households, persons, residences, category memberships
 * and evidence documents (tables households, household_poverty, persons,
 * residences, memberships, documents).
 *
 * Writes are single-row inserts through the connection's statement cache,
 * so a bulk load is a loop of these calls inside one large transaction the
 * caller opens (db_begin/db_commit): no per-row transaction, no per-row
 * prepare. Every write function takes `actor` (username, "cli", "system"):
 * when it is not NULL the function also writes an audit record
 * (store_audit_add: "household.create", "household.poverty",
 * "person.create", "residence.create", "membership.create",
 * "document.create") in the same transaction. Only a bulk load that writes
 * its own summary record (the demo's "demo.create") passes NULL.
 *
 * Inputs are checked before they reach SQL, identically on both engines:
 * a malformed date, code, sex, status, category or id number returns
 * DB_ECHECK with a Vietnamese message on the connection (db_errmsg). A
 * duplicate id_number or household code returns DB_ECONFLICT, an unknown
 * person or household DB_EFK. Business rules (does the CCCD match the birth
 * date, is the unit valid on that day, does the age fit the category)
 * belong to the caller.
 *
 * Dates are 'YYYY-MM-DD'; valid_to is exclusive, NULL while open.
 */
#ifndef ANSINH_STORE_STORE_PERSONS_H
#define ANSINH_STORE_STORE_PERSONS_H

#include <stddef.h>
#include <stdint.h>

struct db;

#define STORE_PERSONS_NAME_MAX  100 /* characters of a full name */
#define STORE_PERSONS_NAME_SIZE 401 /* bytes, NUL included */

/* A person to insert. Strings are borrowed for the call. */
struct store_person_new {
    const char *id_number;  /* 12-digit CCCD, 9-digit CMND, or NULL */
    const char *full_name;  /* UTF-8; stored trimmed and NFC, at most
                               STORE_PERSONS_NAME_MAX characters */
    const char *birth_date; /* 'YYYY-MM-DD' */
    char sex;               /* 'M' or 'F' */
    int64_t household_id;   /* 0: none */
};

/* A person as read back. */
struct store_person {
    int64_t id;
    char id_number[13]; /* "" when none */
    char full_name[STORE_PERSONS_NAME_SIZE];
    char search_text[STORE_PERSONS_NAME_SIZE];
    char birth_date[11];
    char sex;             /* 'M' or 'F' */
    int64_t household_id; /* 0: none */
    int64_t version;
};

/* A category membership (RULES.md §2.2). */
struct store_membership_new {
    int64_t person_id;
    const char *category;   /* a code of core/category.h: "K1b", "K6" */
    const char *disability; /* "severe" or "especially_severe"; required
                               for K6, NULL otherwise */
    int studying;           /* 1: in education (K2, K4 children) */
    const char *valid_from; /* 'YYYY-MM-DD' */
    const char *valid_to;   /* exclusive, or NULL while open */
};

/* An evidence document. */
struct store_document_new {
    int64_t person_id;
    int64_t membership_id; /* 0: not tied to one membership */
    const char *type;      /* "Giấy xác nhận khuyết tật", ... (1..200
                              characters) */
    const char *number;    /* "" or NULL if none */
    const char *issued_on; /* 'YYYY-MM-DD' or NULL */
    const char *issuer;    /* "UBND xã Liêm Phong", "" or NULL */
};

/* A household as read back. */
struct store_household {
    int64_t id;
    char code[32]; /* "" when none */
    char unit_code[8];
    char address[801];
};

/* A residence as read back (valid_to "" while open). */
struct store_residence {
    int64_t id;
    char unit_code[8];
    char address[801];
    char valid_from[11];
    char valid_to[11];
};

struct store_residence_list {
    struct store_residence *items;
    size_t count;
};

/* A membership as read back. */
struct store_membership {
    int64_t id;
    char category[8];
    char disability[24]; /* "" when none */
    int studying;
    char valid_from[11];
    char valid_to[11]; /* "" while open */
    int64_t version;
};

struct store_membership_list {
    struct store_membership *items;
    size_t count;
};

/* A document as read back. */
struct store_document {
    int64_t id;
    int64_t membership_id; /* 0: none */
    char kind[32];
    char type[801];
    char number[801];
    char issued_on[11]; /* "" when unknown */
    char issuer[801];
};

struct store_document_list {
    struct store_document *items;
    size_t count;
};

/* Insert a household in commune unit_code (5 digits). code: a unique
 * household code, or NULL. address may be NULL. *id (may be NULL) receives
 * the new id. */
int store_persons_household_add(struct db *db, const char *actor,
                                const char *code, const char *unit_code,
                                const char *address, int64_t *id);

/* Set the poverty status of a household for a year (2000..2100): "poor",
 * "near_poor" or "none". Replaces an earlier status for that year. */
int store_persons_poverty_set(struct db *db, const char *actor,
                              int64_t household_id, int year,
                              const char *status);

/* The poverty status of a household in a year into out ("poor",
 * "near_poor", "none"; capped at outlen). DB_ENOTFOUND when none was
 * recorded. */
int store_persons_poverty_get(struct db *db, int64_t household_id, int year,
                              char *out, size_t outlen);

/* Insert a person; search_text is text_fold(full_name). *id (may be NULL)
 * receives the new id. DB_ECONFLICT: the id_number is already used. */
int store_persons_add(struct db *db, const char *actor,
                      const struct store_person_new *p, int64_t *id);

/* Insert a residence of a person in commune unit_code (5 digits) from
 * valid_from to valid_to (exclusive, NULL while open). DB_ECONFLICT: the
 * person already has a residence starting that day. */
int store_persons_residence_add(struct db *db, const char *actor,
                                int64_t person_id, const char *unit_code,
                                const char *address, const char *valid_from,
                                const char *valid_to, int64_t *id);

/* Insert a category membership. */
int store_persons_membership_add(struct db *db, const char *actor,
                                 const struct store_membership_new *m,
                                 int64_t *id);

/* Insert an evidence document of kind "other". */
int store_persons_document_add(struct db *db, const char *actor,
                               const struct store_document_new *d, int64_t *id);

/* Insert an evidence document of a core/registry.h kind
 * ("disability_certificate"; NULL: "other"; unknown: DB_ECHECK). */
int store_persons_document_add_kind(struct db *db, const char *actor,
                                    const struct store_document_new *d,
                                    const char *kind, int64_t *id);

/* The person with this id into *out. DB_ENOTFOUND if none. */
int store_persons_get(struct db *db, int64_t id, struct store_person *out);

/* The person holding this id number (9 or 12 digits) into *out.
 * DB_ENOTFOUND if none; DB_ECHECK if id_number is malformed. */
int store_persons_find_by_id_number(struct db *db, const char *id_number,
                                    struct store_person *out);

/* Tune this connection for a bulk load of millions of rows: on SQLite a
 * 256 MiB page cache, so the indexes being filled (id numbers, names,
 * residences) stay in memory instead of being re-read from the OS on
 * every insert, and the name-search index (persons_fts) is no longer kept
 * in step row by row (its triggers are dropped: building it once at the
 * end is about five times cheaper); nothing on PostgreSQL. Outside any
 * transaction. Every bulk_mode must be followed by store_persons_bulk_done,
 * on failure too. Returns DB_OK or a negative db_rc. */
int store_persons_bulk_mode(struct db *db);

/* End a bulk load: on SQLite rebuild persons_fts from persons and restore
 * its triggers (idempotent); nothing on PostgreSQL. Outside any
 * transaction. Returns DB_OK or a negative db_rc. */
int store_persons_bulk_done(struct db *db);

/* Replace the fields of person id (id_number, full_name, birth_date, sex,
 * household_id of *p, checked as by store_persons_add) if its version is
 * expected_version, and bump the version (new one in *version, may be
 * NULL). DB_ENOTFOUND: no such person; DB_ECONFLICT: the version differs
 * (a lost update; the message gives both) or the id_number is taken.
 * Writes no audit record: the caller records old -> new in the same
 * transaction. */
int store_persons_update(struct db *db, int64_t id, int64_t expected_version,
                         const struct store_person_new *p, int64_t *version);

/* The household with this id into *out. DB_ENOTFOUND if none. */
int store_persons_household_get(struct db *db, int64_t id,
                                struct store_household *out);

/* A person's residences, memberships (both oldest first) and documents
 * (by issue date, undated last, then id). The lists are allocated (free
 * with the matching _free; empty when the person has none). */
int store_persons_residences(struct db *db, int64_t person_id,
                             struct store_residence_list *out);
int store_persons_memberships(struct db *db, int64_t person_id,
                              struct store_membership_list *out);
int store_persons_documents(struct db *db, int64_t person_id,
                            struct store_document_list *out);
/* Free a list and empty it. NULL-safe. */
void store_residence_list_free(struct store_residence_list *l);
void store_membership_list_free(struct store_membership_list *l);
void store_document_list_free(struct store_document_list *l);

/* Number of persons in the database into *n (the demo's --if-absent). */
int store_persons_count(struct db *db, int64_t *n);

#endif
