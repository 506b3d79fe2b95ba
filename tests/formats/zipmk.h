/* zipmk.h: build small zip archives in memory for the XLSX reader tests
 * (hand-made workbooks, broken ones), with libzip. Test support only. */
#ifndef ANSINH_TESTS_ZIPMK_H
#define ANSINH_TESTS_ZIPMK_H

#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "util/buf.h"

struct zipmk_entry {
    const char *name;
    const char *data; /* NUL-terminated */
    int store;        /* 1: no compression */
};

/* Build an archive of the n entries into out (appended). 0 or -1. */
static inline int zipmk(const struct zipmk_entry *e, size_t n, struct buf *out)
{
    zip_error_t ze;
    zip_source_t *src, *fs;
    zip_t *za;
    zip_stat_t st;
    char chunk[8192];
    zip_int64_t got;
    size_t i;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    if (src == NULL)
        return -1;
    za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    if (za == NULL) {
        zip_source_free(src);
        return -1;
    }
    zip_source_keep(src);
    for (i = 0; i < n; i++) {
        zip_int64_t idx;

        fs = zip_source_buffer(za, e[i].data, strlen(e[i].data), 0);
        idx = fs ? zip_file_add(za, e[i].name, fs, ZIP_FL_ENC_UTF_8) : -1;
        if (idx < 0) {
            zip_source_free(fs);
            zip_discard(za);
            zip_source_free(src);
            return -1;
        }
        zip_set_file_compression(za, (zip_uint64_t)idx,
                                 e[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0);
        /* fixed times, so archives are the same on every run */
        zip_file_set_mtime(za, (zip_uint64_t)idx, 315532800, 0);
    }
    if (zip_close(za) != 0) {
        zip_discard(za);
        zip_source_free(src);
        return -1;
    }
    if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0) {
        zip_source_free(src);
        return -1;
    }
    while ((got = zip_source_read(src, chunk, sizeof chunk)) > 0)
        buf_append(out, chunk, (size_t)got);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    return got < 0 ? -1 : 0;
}

/* Set the uncompressed size recorded for every entry (local headers and
 * central directory) to size: a lying archive. */
static inline void zipmk_patch_sizes(struct buf *z, unsigned long size)
{
    unsigned char *p = (unsigned char *)z->data;
    size_t i;

    for (i = 0; i + 46 <= z->len; i++) {
        size_t at = 0;

        if (memcmp(p + i, "PK\x01\x02", 4) == 0)
            at = i + 24;
        else if (memcmp(p + i, "PK\x03\x04", 4) == 0)
            at = i + 22;
        else
            continue;
        p[at] = (unsigned char)(size & 0xff);
        p[at + 1] = (unsigned char)((size >> 8) & 0xff);
        p[at + 2] = (unsigned char)((size >> 16) & 0xff);
        p[at + 3] = (unsigned char)((size >> 24) & 0xff);
    }
}

#endif
