/* pdf_text.c: see pdf_text.h. */
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PDF_TEXT_MAX (8u << 20) /* bytes of text read at most */

int pdf_text(const void *pdf, size_t len, char **text)
{
    char file[] = "/tmp/ansinh-pdf-text-XXXXXX", cmd[128];
    char *out = NULL;
    size_t n = 0;
    FILE *f = NULL;
    int fd, rc = -1;

    *text = NULL;
    if (system("command -v pdftotext >/dev/null 2>&1") != 0)
        return 1;
    fd = mkstemp(file);
    if (fd < 0)
        return -1;
    if (write(fd, pdf, len) != (ssize_t)len) {
        close(fd);
        goto out;
    }
    close(fd);
    snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 %s - 2>/dev/null", file);
    f = popen(cmd, "r");
    if (f == NULL)
        goto out;
    out = malloc(PDF_TEXT_MAX);
    if (out == NULL)
        goto out;
    n = fread(out, 1, PDF_TEXT_MAX - 1, f);
    out[n] = '\0';
    if (pclose(f) != 0) {
        f = NULL;
        goto out;
    }
    f = NULL;
    *text = out;
    out = NULL;
    rc = 0;
out:
    if (f != NULL)
        pclose(f);
    free(out);
    unlink(file);
    return rc;
}
