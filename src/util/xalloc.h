/* xalloc.h: allocation that aborts on out-of-memory.
 *
 * ansinh is an application, so running out of memory is fatal (as in Redis,
 * git and kore); input can never cause it because every buffer fed by input
 * has a hard cap (buf.h). Call sites therefore never check for NULL.
 */
#ifndef ANSINH_UTIL_XALLOC_H
#define ANSINH_UTIL_XALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc, but never return NULL: abort with a message. */
void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* reallocarray that aborts on overflow or OOM. */
void *xreallocarray(void *p, size_t nmemb, size_t size);
/* Copy a NUL-terminated string; caller frees. */
char *xstrdup(const char *s);
/* Copy (s, len) and terminate with NUL; caller frees. */
char *xstrndup(const char *s, size_t len);

#endif
