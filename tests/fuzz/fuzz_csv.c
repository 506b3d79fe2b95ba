/* fuzz_csv.c: the CSV reader (util/csv.h) on arbitrary bytes.
 *
 * Beyond "no crash, no leak, no UB": every row respects the caps, every
 * error has a message and stays sticky, and what parses survives a round
 * trip: writing the rows back with every field quoted and reading them
 * again with the same separator gives the same fields.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

#define MAX_FIELDS    8
#define MAX_FIELD_LEN 64
#define MAX_ROWS      32

/* Quote one field RFC 4180 style into b. */
static void put_quoted(struct buf *b, const struct csv_field *f)
{
    size_t i;

    CHECK(buf_putc(b, '"') == BUF_OK);
    for (i = 0; i < f->len; i++) {
        if (f->ptr[i] == '"')
            CHECK(buf_putc(b, '"') == BUF_OK);
        CHECK(buf_putc(b, f->ptr[i]) == BUF_OK);
    }
    CHECK(buf_putc(b, '"') == BUF_OK);
}

/* Parse (s, n) with caps; on success serialise every row into out. Returns
 * the final rc. */
static int parse(const char *s, size_t n, const struct csv_options *opt,
                 struct buf *out, char *delim)
{
    struct csv_reader *r = NULL;
    const struct csv_field *f;
    size_t nf, i, rows = 0;
    int rc;

    CHECK(csv_reader_new(s, n, opt, &r) == CSV_OK);
    *delim = csv_delimiter(r);
    CHECK(*delim == ',' || *delim == ';');
    while ((rc = csv_next(r, &f, &nf)) == CSV_ROW) {
        rows++;
        CHECK(nf >= 1 && nf <= MAX_FIELDS);
        CHECK(rows <= MAX_ROWS);
        CHECK(csv_line(r) >= 1);
        for (i = 0; i < nf; i++) {
            CHECK(f[i].len <= MAX_FIELD_LEN);
            CHECK(f[i].len == 0 || f[i].ptr != NULL);
            if (out) {
                if (i)
                    CHECK(buf_putc(out, *delim) == BUF_OK);
                put_quoted(out, &f[i]);
            }
        }
        if (out)
            CHECK(buf_puts(out, "\r\n") == BUF_OK);
    }
    CHECK(csv_rows(r) == rows);
    if (rc < 0) {
        CHECK(csv_errmsg(r)[0] != '\0');
        CHECK(strncmp(csv_errmsg(r), "Dòng ", strlen("Dòng ")) == 0);
        CHECK(csv_line(r) >= 1);
        CHECK(csv_next(r, &f, &nf) == rc);
    } else {
        CHECK(rc == CSV_DONE);
        CHECK(csv_errmsg(r)[0] == '\0');
    }
    csv_reader_free(r);
    return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct csv_options opt = {MAX_FIELDS, MAX_FIELD_LEN, MAX_ROWS, 0};
    struct buf once, twice;
    const char *s = (const char *)data;
    char d1, d2;
    int rc;

    buf_init(&once, 1 << 20);
    buf_init(&twice, 1 << 20);
    rc = parse(s, size, &opt, &once, &d1);
    if (rc == CSV_DONE) {
        /* the quoted form reads back to the same rows */
        opt.delim = d1;
        CHECK(parse(buf_str(&once), once.len, &opt, &twice, &d2) == CSV_DONE);
        CHECK(d2 == d1);
        CHECK(once.len == twice.len);
        CHECK(memcmp(buf_str(&once), buf_str(&twice), once.len) == 0);
    }
    buf_free(&once);
    buf_free(&twice);
    /* the defaults, and a forced separator */
    opt.max_fields = 0;
    opt.max_field_len = 0;
    opt.max_rows = 0;
    opt.delim = ';';
    {
        struct csv_reader *r = NULL;
        const struct csv_field *f;
        size_t nf;
        CHECK(csv_reader_new(s, size, &opt, &r) == CSV_OK);
        while (csv_next(r, &f, &nf) == CSV_ROW)
            ;
        csv_reader_free(r);
    }
    return 0;
}
