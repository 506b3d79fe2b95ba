/* pdf_text.h: the text of a PDF as pdftotext (poppler-utils) reads it, for
 * the tests that check documents' Vietnamese text with its marks. */
#ifndef ANSINH_TESTS_PDF_TEXT_H
#define ANSINH_TESTS_PDF_TEXT_H

#include <stddef.h>

/* Write the len bytes of pdf to a temporary file, run `pdftotext -enc
 * UTF-8` on it and return its text in *text (caller frees; NUL-ended), the
 * file removed. 0 on success; 1 when pdftotext is not installed (*text
 * NULL: the caller skips, or fails under CI); -1 on any other failure. */
int pdf_text(const void *pdf, size_t len, char **text);

#endif
