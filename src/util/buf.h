/* buf.h: a growable byte buffer with a hard size cap (curl's dynbuf).
 *
 * Every buffer that input can grow has a cap chosen by its owner, so no
 * request, file or row can exhaust memory: exceeding the cap is an ordinary
 * error (BUF_ETOOBIG), not an abort. The content is always NUL-terminated
 * (the NUL is not counted in len), so it can be used as a C string when it
 * holds text.
 */
#ifndef ANSINH_UTIL_BUF_H
#define ANSINH_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

enum buf_rc { BUF_OK = 0, BUF_ETOOBIG = -1 };

struct buf {
    char *data;   /* NULL until the first append; NUL-terminated after */
    size_t len;   /* bytes used, excluding the terminating NUL */
    size_t alloc; /* bytes allocated */
    size_t cap;   /* maximum len; appends past it fail */
};

/* Initialise an empty buffer that may hold at most cap bytes (cap > 0). */
void buf_init(struct buf *b, size_t cap);
/* Free the content and reset to empty (the cap is kept). NULL-safe. */
void buf_free(struct buf *b);
/* Forget the content but keep the allocation. */
void buf_reset(struct buf *b);
/* Append (p, n). Returns BUF_OK, or BUF_ETOOBIG and leaves b unchanged. */
int buf_append(struct buf *b, const void *p, size_t n);
/* Append a NUL-terminated string. */
int buf_puts(struct buf *b, const char *s);
/* Append one byte. */
int buf_putc(struct buf *b, char c);
/* Append printf-formatted text. Same errors as buf_append. */
int buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The content as a C string: "" when empty. Borrowed: valid until the next
 * append, reset or free. */
const char *buf_str(const struct buf *b);
/* Take the content (caller frees; never NULL) and leave b empty. */
char *buf_steal(struct buf *b, size_t *len);

#endif
