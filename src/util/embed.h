/* embed.h: files compiled into the binary (SQL migrations, reference data).
 *
 * The build embeds the SQL migrations (sql/ENGINE/NNNN_name.sql) and the
 * unit lists (data/units/NAME.csv), so a deployment is the binary plus the
 * web folder and never depends on the source tree.
 */
#ifndef ANSINH_UTIL_EMBED_H
#define ANSINH_UTIL_EMBED_H

#include <stddef.h>

struct embed_file {
    const char *name; /* path relative to the source root, e.g.
                         "sql/sqlite/0001_init.sql" */
    const char *data; /* content followed by a NUL byte (not in len) */
    size_t len;
};

/* Find an embedded file by its name. Returns NULL if there is none. The
 * result is static: never freed. */
const struct embed_file *embed_find(const char *name);
/* Number of embedded files, and the i-th (0 <= i < embed_count()), in name
 * order. */
size_t embed_count(void);
const struct embed_file *embed_get(size_t i);

#endif
