/* collate.h: Vietnamese sort order through ICU's "vi" collator
 * (ENGINEERING.md §6): An Anh Ăn Ân Bình Dung Đức Oanh Ô Ơn Zơ. Byte order
 * would put Ă, Â, Đ, Ơ after Z.
 *
 * A collator is not thread-safe: one per thread or per connection (the
 * SQLite driver registers one per connection as the "vi" collation).
 */
#ifndef ANSINH_CORE_COLLATE_H
#define ANSINH_CORE_COLLATE_H

#include <stddef.h>
#include <stdint.h>

struct collate;

/* A new Vietnamese collator, or NULL if ICU cannot open one. Caller frees
 * with collate_free. */
struct collate *collate_new_vi(void);
/* NULL-safe. */
void collate_free(struct collate *c);
/* Compare two UTF-8 strings in Vietnamese order: -1, 0 or 1. ICU's
 * default (tertiary) strength: letters first, then marks, then case;
 * canonically equivalent spellings (NFC and NFD) compare equal. Invalid
 * UTF-8 compares after valid text, by bytes, so sorting never fails. */
int collate_cmp(struct collate *c, const char *a, size_t alen, const char *b,
                size_t blen);
/* Sort an array of n NUL-terminated strings in place (stable: equal
 * strings keep their order). The strings are borrowed, not copied. */
void collate_sort(struct collate *c, const char **items, size_t n);

/* Characters of a string that a sort key looks at (longer text is keyed on
 * its first ones). */
#define COLLATE_KEY_MAX_CHARS 256

/* The ICU sort key of UTF-8 (s, len) into out (cap bytes, at least 1):
 * bytes that compare with memcmp/strcmp in the order collate_cmp gives,
 * NUL-terminated. For sorting many rows: one key per row instead of a
 * collation per comparison. A key cut by cap still orders by its first
 * bytes (equal prefixes compare equal: break ties another way). Invalid
 * UTF-8 gets the empty key. Returns the key's length with the NUL. */
size_t collate_key(struct collate *c, const char *s, size_t len,
                   unsigned char *out, size_t cap);

#endif
