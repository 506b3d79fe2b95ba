/* store_dos_int.h: what store_dossiers.c and store_decisions.c share:
 * rows described as tables of fields (column order = table order), read
 * and bound in one loop, and a builder for SQL assembled from fixed
 * fragments with $n parameters. Internal to src/store. */
#ifndef ANSINH_STORE_STORE_DOS_INT_H
#define ANSINH_STORE_STORE_DOS_INT_H

#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;
struct store_dos_area;

enum dos_field_type {
    DF_TEXT = 0, /* char[cap]; NULL reads "", "" binds NULL if nullable */
    DF_INT,      /* int64_t */
    DF_FLAG,     /* int 0/1 */
    DF_NFLAG     /* int 0/1, -1 for NULL */
};

struct dos_field {
    int type;
    size_t off;
    size_t cap;   /* DF_TEXT: the array's size */
    int nullable; /* bind "" (or -1) as NULL */
};

#define DOS_T(s, m)                                                            \
    {                                                                          \
        DF_TEXT, offsetof(s, m), sizeof(((s *)0)->m), 0                        \
    }
#define DOS_TN(s, m)                                                           \
    {                                                                          \
        DF_TEXT, offsetof(s, m), sizeof(((s *)0)->m), 1                        \
    }
#define DOS_I(s, m)                                                            \
    {                                                                          \
        DF_INT, offsetof(s, m), 0, 0                                           \
    }
#define DOS_F(s, m)                                                            \
    {                                                                          \
        DF_FLAG, offsetof(s, m), 0, 0                                          \
    }
#define DOS_NF(s, m)                                                           \
    {                                                                          \
        DF_NFLAG, offsetof(s, m), 0, 1                                         \
    }

/* Read n fields from columns first.. of the current row into obj.
 * DB_ERROR (on the connection) when a text does not fit. */
int dos_read(struct db *db, struct db_stmt *st, int first,
             const struct dos_field *f, size_t n, void *obj);

/* Bind n fields of obj as parameters first.. (1-based). */
int dos_bind(struct db_stmt *st, int first, const struct dos_field *f, size_t n,
             const void *obj);
/* The same, texts bound without a copy (db_bind_text_ref): obj must stay
 * unchanged until db_reset of st. */
int dos_bind_ref(struct db_stmt *st, int first, const struct dos_field *f,
                 size_t n, const void *obj);

/* Step st to the end, reading each row's n fields into a new element of
 * *items (size bytes each; grown with xreallocarray, caller frees) and
 * counting them in *count. DB_OK, or the first error. */
int dos_read_all(struct db *db, struct db_stmt *st, const struct dos_field *f,
                 size_t n, size_t size, void **items, size_t *count);

/* Run a statement that returns one id (INSERT ... RETURNING id). */
int dos_insert_id(struct db *db, struct db_stmt *st, int64_t *id);

/* --- SQL builder ------------------------------------------------------ */

#define DOS_QB_SQL_MAX    4096
#define DOS_QB_PARAMS_MAX 24

struct dos_qb {
    char sql[DOS_QB_SQL_MAX];
    size_t len;
    int overflow;
    int n;
    const char *text[DOS_QB_PARAMS_MAX];
    int64_t ival[DOS_QB_PARAMS_MAX];
    int is_int[DOS_QB_PARAMS_MAX];
};

void dos_qb_sql(struct dos_qb *b, const char *s);
/* Append a new text (int) parameter and return its number, which may be
 * referenced again with dos_qb_ref. */
int dos_qb_text(struct dos_qb *b, const char *v);
int dos_qb_int(struct dos_qb *b, int64_t v);
/* A new text parameter, not yet referenced in the SQL: its number. */
int dos_qb_new_text(struct dos_qb *b, const char *v);
void dos_qb_ref(struct dos_qb *b, int n);
/* " AND u.province_code = $n" and the like for an area (nothing for
 * level 0). u is the alias of the units row. */
void dos_qb_area(struct dos_qb *b, const char *u,
                 const struct store_dos_area *a);
int dos_qb_bind(struct db_stmt *st, const struct dos_qb *b);
/* Run the counting query built in b (one row, one integer) into *total.
 * DB_OK, DB_EINVAL naming `what` when b overflowed, or the error. */
int dos_qb_count(struct db *db, const struct dos_qb *b, const char *what,
                 int64_t *total);
/* Run the query built in b and read every row as dos_read_all does.
 * DB_OK, DB_EINVAL naming `what` when b overflowed, or the error (the rows
 * read so far stay in *items for the caller to free). */
int dos_qb_read_all(struct db *db, const struct dos_qb *b, const char *what,
                    const struct dos_field *f, size_t n, size_t size,
                    void **items, size_t *count);

/* DB_OK if a is a well-formed area (level 0..3, a code of 2, 3 or 5
 * digits), else DB_EINVAL on the connection. */
int dos_check_area(struct db *db, const struct store_dos_area *a);

#endif
