/* fuzz_xlsx_read.c: the XLSX reader (formats/xlsx_read.h) on arbitrary
 * bytes taken as an uploaded file.
 *
 * Beyond "no crash, no leak, no UB": every sheet is read to its end or to
 * an error; rows come in increasing order, within the caps, never end in
 * an empty cell; an error has a message and stays sticky. Each input is
 * read a second time with one allocation failing (which one depends on the
 * input), which must end in a clean error or the same success.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "formats/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

#define MAX_ROWS     64
#define MAX_COLS     32
#define MAX_CELL_LEN 256

/* Read every sheet; returns the number of rows, or a negative xlsx_rc. */
static long read_all(const uint8_t *data, size_t size, unsigned long fail_at)
{
    struct xlsx_read_opts o = {0};
    const struct xlsx_cell *c;
    struct xlsx_reader *r;
    long rows = 0;
    size_t s, n, i, last;
    int rc;

    o.max_rows = MAX_ROWS;
    o.max_cols = MAX_COLS;
    o.max_cell_len = MAX_CELL_LEN;
    o.max_shared_strings = 1000;
    o.max_part_size = 1 << 20;
    o.max_total_size = 4 << 20;
    o.max_memory = 8 << 20;
    o.fail_alloc_at = fail_at;
    rc = xlsx_reader_new(data, size, &o, &r);
    for (s = 0; rc == XLSX_OK && s < xlsx_sheet_count(r); s++) {
        CHECK(xlsx_sheet_name(r, s) != NULL);
        rc = xlsx_sheet_open(r, s);
        last = 0;
        while (rc == XLSX_OK && (rc = xlsx_next(r, &c, &n)) == XLSX_ROW) {
            rows++;
            CHECK(xlsx_row(r) > last);
            last = xlsx_row(r);
            CHECK(n >= 1 && n <= MAX_COLS);
            CHECK(c[n - 1].type != XLSX_EMPTY);
            for (i = 0; i < n; i++) {
                CHECK(c[i].len <= MAX_CELL_LEN || c[i].type == XLSX_DATE);
                CHECK(c[i].ptr != NULL);
                CHECK(c[i].type != XLSX_EMPTY || c[i].len == 0);
            }
        }
        if (rc == XLSX_DONE)
            rc = XLSX_OK;
    }
    if (rc < 0) {
        CHECK(rc != XLSX_EINVAL);
        CHECK(xlsx_errmsg(r)[0] != '\0');
        CHECK(xlsx_next(r, &c, &n) == rc);
        CHECK(xlsx_sheet_count(r) == 0);
    } else {
        CHECK(xlsx_errmsg(r)[0] == '\0');
    }
    xlsx_reader_free(r);
    return rc < 0 ? rc : rows;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    long once = read_all(data, size, 0), again;
    unsigned long at = 1 + (size * 2654435761u) % 97;

    again = read_all(data, size, at);
    CHECK(again == once || again == XLSX_ENOMEM);
    return 0;
}
