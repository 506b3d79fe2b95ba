/* text.h: Vietnamese text at the boundary, and folding for search
 * (ENGINEERING.md §6). Pure functions over utf8proc.
 *
 * Every string a person typed goes through text_clean before it is stored:
 * valid UTF-8 or refused, control characters refused, NFC, length capped.
 * Search keys come from text_fold: "Nguyễn Văn Đức" -> "nguyen van duc"
 * (utf8proc CASEFOLD + STRIPMARK, then U+0111 đ -> d, which has no
 * decomposition and so survives STRIPMARK).
 */
#ifndef ANSINH_CORE_TEXT_H
#define ANSINH_CORE_TEXT_H

#include <stddef.h>

enum text_rc {
    TEXT_OK = 0,
    TEXT_EUTF8 = -1,    /* not valid UTF-8 */
    TEXT_ECONTROL = -2, /* a control character (U+0000..U+001F, U+007F..
                           U+009F) other than those flags allow */
    TEXT_ETOOLONG = -3, /* more than max_chars characters after cleaning */
    TEXT_EEMPTY = -4    /* empty (after trimming) where TEXT_REQUIRED */
};

enum text_flags {
    TEXT_TRIM = 1 << 0,          /* strip leading/trailing white space and
                                    collapse inner runs to one space */
    TEXT_ALLOW_NEWLINE = 1 << 1, /* keep \n (and \r\n -> \n), e.g. notes */
    TEXT_REQUIRED = 1 << 2       /* empty result is TEXT_EEMPTY */
};

/* Validate and normalise (s, len): UTF-8 checked (TEXT_EUTF8 first),
 * controls refused (tab counts as white space when TEXT_TRIM; with
 * TEXT_ALLOW_NEWLINE, \r\n and a lone \r become \n), NFC, then the flags.
 * White space for TEXT_TRIM is tab and every Unicode space separator (so
 * U+00A0 and U+3000 too); with TEXT_ALLOW_NEWLINE a run containing line
 * breaks keeps the breaks and loses the spaces around them. On TEXT_OK *out
 * is a new NUL-terminated string (caller frees) and *out_len (if not NULL)
 * its length; on error *out is NULL and nothing is allocated. max_chars
 * counts code points after cleaning (0 = no cap); the caller caps len. */
int text_clean(const char *s, size_t len, size_t max_chars, int flags,
               char **out, size_t *out_len);
/* Fold for search: NFC, case fold, strip marks, đ -> d (and its
 * look-alike eth ð -> d), runs of white space and control characters to
 * one space, trimmed. Invalid UTF-8 gives TEXT_EUTF8 (*out NULL). On
 * TEXT_OK *out is a new NUL-terminated string (caller frees), *out_len (if
 * not NULL) its length. */
int text_fold(const char *s, size_t len, char **out, size_t *out_len);
/* Number of code points in valid UTF-8 (s, len) (for invalid input, the
 * number of bytes that are not continuation bytes). */
size_t text_char_count(const char *s, size_t len);
/* 1 if (s, len) is valid UTF-8, else 0. */
int text_valid_utf8(const char *s, size_t len);
/* A short Vietnamese description of a text_rc, for error messages. */
const char *text_strerror(int rc);

#endif
