/* replay_main.c: a main() for fuzz targets outside the fuzz preset.
 *
 * Every fuzz target (tests/fuzz/fuzz_<name>.c) defines
 * LLVMFuzzerTestOneInput; in ordinary builds it is linked with this file and
 * replays its seed corpus, so every build (under ASan+UBSan in the debug
 * preset) checks that no committed input crashes, leaks or trips an
 * invariant. Usage:
 *
 *     replay_fuzz_<name> PATH...
 *
 * Each PATH is a file or a directory; a directory's regular files are read
 * in name order (hidden files such as .gitkeep are skipped, subdirectories
 * are not entered). Each input is passed in a buffer of exactly its size,
 * so a read past the end is caught by ASan. Prints one line with the count
 * and exits 0; exits 1 if a path cannot be read, 2 on bad usage.
 */
#include <dirent.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Inputs larger than this are refused: a seed corpus holds small files. */
#define REPLAY_MAX_INPUT (64u * 1024u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

/* Read the whole file at path and run it; 0 on success, -1 on error. */
static int replay_file(const char *path)
{
    FILE *f;
    struct stat st;
    uint8_t *data = NULL;
    size_t size, got;
    int rc = -1;

    f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || st.st_size < 0) {
        fprintf(stderr, "replay: %s: cannot stat\n", path);
        goto out_close;
    }
    if ((uint64_t)st.st_size > REPLAY_MAX_INPUT) {
        fprintf(stderr, "replay: %s: larger than %u bytes\n", path,
                REPLAY_MAX_INPUT);
        goto out_close;
    }
    size = (size_t)st.st_size;
    /* malloc(0) may return NULL; keep a valid pointer for empty inputs. */
    data = malloc(size ? size : 1);
    if (data == NULL) {
        fprintf(stderr, "replay: %s: out of memory\n", path);
        goto out_close;
    }
    got = size ? fread(data, 1, size, f) : 0;
    if (got != size) {
        fprintf(stderr, "replay: %s: short read\n", path);
        goto out_free;
    }
    LLVMFuzzerTestOneInput(data, size);
    rc = 0;

out_free:
    free(data);
out_close:
    fclose(f);
    return rc;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replay every regular, non-hidden file of dir in name order. Adds the
 * number of inputs run to *count; 0 on success, -1 on any error. */
static int replay_dir(const char *dir, size_t *count)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, alloc = 0, i;
    int rc = 0;

    d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        char **grown;

        if (e->d_name[0] == '.')
            continue;
        if (n == alloc) {
            alloc = alloc ? alloc * 2 : 64;
            grown = realloc(names, alloc * sizeof *names);
            if (grown == NULL) {
                rc = -1;
                goto out;
            }
            names = grown;
        }
        names[n] = strdup(e->d_name);
        if (names[n] == NULL) {
            rc = -1;
            goto out;
        }
        n++;
    }
    qsort(names, n, sizeof *names, by_name);
    for (i = 0; i < n; i++) {
        size_t len = strlen(dir) + strlen(names[i]) + 2;
        char *path = malloc(len);
        struct stat st;

        if (path == NULL) {
            rc = -1;
            goto out;
        }
        snprintf(path, len, "%s/%s", dir, names[i]);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
            if (replay_file(path) == 0)
                (*count)++;
            else
                rc = -1;
        }
        free(path);
    }

out:
    for (i = 0; i < n; i++)
        free(names[i]);
    free(names);
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    int i, failed = 0;

    if (argc < 2) {
        fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    if (LLVMFuzzerInitialize != NULL)
        LLVMFuzzerInitialize(&argc, &argv);
    for (i = 1; i < argc; i++) {
        struct stat st;

        if (stat(argv[i], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[i], strerror(errno));
            failed = 1;
        } else if (S_ISDIR(st.st_mode)) {
            if (replay_dir(argv[i], &count) != 0)
                failed = 1;
        } else if (replay_file(argv[i]) == 0) {
            count++;
        } else {
            failed = 1;
        }
    }
    printf("replay: %zu input(s) run without a crash\n", count);
    return failed ? 1 : 0;
}
