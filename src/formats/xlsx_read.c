/* xlsx_read.c: XLSX reader on libzip + expat (see xlsx_read.h).
 *
 * Memory: every allocation of the reader and of expat goes through
 * mem_alloc/mem_realloc/mem_free, which keep a byte budget (max_memory) and
 * can fail the Nth allocation on request. expat's memory suite carries no
 * user pointer, so the reader in use is a thread-local set around each
 * expat call (cur_reader).
 *
 * Parts are streamed: chunks of the inflated entry are read straight into
 * expat's buffer (XML_GetBuffer), never all at once. The workbook, its
 * relationships, styles and shared strings are parsed whole when the reader
 * opens; a sheet is parsed on demand, and the end of each <row> suspends
 * expat (XML_StopParser resumable) so that xlsx_next returns that row.
 */
#include "formats/xlsx_read.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>
#include <zip.h>

#include "core/date.h"
#include "util/xalloc.h"

#define DEF_ENTRIES    1000u
#define DEF_PART_SIZE  ((size_t)256 << 20)
#define DEF_TOTAL_SIZE ((size_t)1 << 30)
#define DEF_RATIO      200u
#define DEF_SST        1000000u
#define DEF_ROWS       1048576u
#define DEF_COLS       256u
#define DEF_CELL_LEN   32767u
#define DEF_MEMORY     ((size_t)256 << 20)
#define RATIO_FLOOR    ((zip_uint64_t)1 << 20)
#define CHUNK          65536
#define MAX_STYLES     65536u
#define MAX_SHEETS     1024u
#define MAX_TARGET     1024u
#define EXCEL_MAX_ROW  1048576u
#define EXCEL_MAX_COL  16384u

/* A growable byte vector in the reader's budget. */
struct vec {
    char *p;
    size_t len, alloc;
};

struct sheet_ref {
    char *name;
    char *rid;
    char *path; /* resolved part name, or NULL */
};

struct cell_slot {
    size_t off, len;
    enum xlsx_type type;
};

/* What the XML handlers are filling. */
enum part_kind { PART_WORKBOOK, PART_RELS, PART_STYLES, PART_SST, PART_SHEET };

struct xlsx_reader {
    struct xlsx_read_opts opt;
    zip_t *za;
    XML_Parser xp;
    zip_file_t *zf;
    const char *part; /* name of the part being parsed (for messages) */
    enum part_kind kind;
    size_t part_read, part_limit, total_read;

    int err;
    char errmsg[256];

    /* the budget */
    size_t mem_used;
    unsigned long allocs;

    /* workbook */
    struct sheet_ref *sheets;
    size_t nsheets, sheets_alloc;
    int date1904;
    char *sst_path, *styles_path;

    /* styles: numFmt ids of custom date formats, date flag per xf */
    int *datefmt_ids;
    size_t ndatefmts, datefmts_alloc;
    unsigned char *xf_date;
    size_t nxf, xf_alloc;
    int in_cellxfs, in_numfmts;

    /* shared strings: bytes, and each string's start (n + 1 offsets) */
    struct vec sst;
    size_t *sst_off;
    size_t nsst, sst_off_alloc;
    int in_si, in_t, in_rph;

    /* the sheet being read */
    int sheet_open, in_sheetdata, in_row, in_cell, in_v, in_is, suspended,
        final_sent;
    size_t row_num, rows_returned, cell_col, next_col;
    int cell_t; /* 's', 'i' (inlineStr), 'S' (str), 'b', 'e', 'd', 'n' */
    int cell_style_date;
    struct vec cell_text; /* the value being collected */
    struct vec row_text;  /* the row's values, back to back */
    struct cell_slot *slots;
    struct xlsx_cell *cells;
    size_t ncells; /* slots used: last column with a value + 1 */
};

/* ---- memory ------------------------------------------------------------ */

static _Thread_local struct xlsx_reader *cur_reader;

/* Each block starts with its size, so free and realloc can account. */
union mem_head {
    size_t size;
    max_align_t align;
};

static void *mem_alloc(struct xlsx_reader *r, size_t n)
{
    union mem_head *h;

    r->allocs++;
    if (r->opt.fail_alloc_at != 0 && r->allocs == r->opt.fail_alloc_at)
        return NULL;
    if (n > r->opt.max_memory - r->mem_used)
        return NULL;
    h = malloc(sizeof *h + n);
    if (h == NULL)
        return NULL;
    h->size = n;
    r->mem_used += n;
    return h + 1;
}

static void mem_free(struct xlsx_reader *r, void *p)
{
    union mem_head *h;

    if (p == NULL)
        return;
    h = (union mem_head *)p - 1;
    r->mem_used -= h->size;
    free(h);
}

static void *mem_realloc(struct xlsx_reader *r, void *p, size_t n)
{
    union mem_head *h, *nh;
    size_t old;

    if (p == NULL)
        return mem_alloc(r, n);
    h = (union mem_head *)p - 1;
    old = h->size;
    r->allocs++;
    if (r->opt.fail_alloc_at != 0 && r->allocs == r->opt.fail_alloc_at)
        return NULL;
    if (n > old && n - old > r->opt.max_memory - r->mem_used)
        return NULL;
    nh = realloc(h, sizeof *nh + n);
    if (nh == NULL)
        return NULL;
    nh->size = n;
    r->mem_used = r->mem_used - old + n;
    return nh + 1;
}

static void *xp_malloc(size_t n)
{
    return mem_alloc(cur_reader, n);
}

static void *xp_realloc(void *p, size_t n)
{
    return mem_realloc(cur_reader, p, n);
}

static void xp_free(void *p)
{
    mem_free(cur_reader, p);
}

static const XML_Memory_Handling_Suite mem_suite = {xp_malloc, xp_realloc,
                                                    xp_free};

/* ---- errors ------------------------------------------------------------ */

/* Record the first error (sticky); returns rc. Stops expat if it runs. */
static int fail(struct xlsx_reader *r, int rc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct xlsx_reader *r, int rc, const char *fmt, ...)
{
    va_list ap;

    if (r->err != XLSX_OK)
        return r->err;
    r->err = rc;
    va_start(ap, fmt);
    vsnprintf(r->errmsg, sizeof r->errmsg, fmt, ap);
    va_end(ap);
    if (r->xp != NULL)
        XML_StopParser(r->xp, XML_FALSE);
    return rc;
}

static int fail_nomem(struct xlsx_reader *r)
{
    return fail(r, XLSX_ENOMEM,
                "Tệp XLSX cần quá nhiều bộ nhớ (giới hạn %zu byte)",
                r->opt.max_memory);
}

/* An error at a cell of the sheet being read. */
static int fail_cell(struct xlsx_reader *r, int rc, const char *what)
{
    char col[4];

    xlsx_col_name(r->cell_col, col);
    return fail(r, rc, "Dòng %zu, cột %s: %s", r->row_num, col, what);
}

/* ---- small helpers ----------------------------------------------------- */

static int vec_append(struct xlsx_reader *r, struct vec *v, const char *s,
                      size_t n)
{
    if (v->len + n + 1 > v->alloc) {
        size_t a = v->alloc ? v->alloc : 256;
        char *np;

        while (a < v->len + n + 1)
            a *= 2;
        np = mem_realloc(r, v->p, a);
        if (np == NULL)
            return fail_nomem(r);
        v->p = np;
        v->alloc = a;
    }
    memcpy(v->p + v->len, s, n);
    v->len += n;
    v->p[v->len] = '\0';
    return XLSX_OK;
}

/* Grow an array of elem-sized items so that index n fits. */
static int grow(struct xlsx_reader *r, void **arr, size_t *alloc, size_t n,
                size_t elem)
{
    size_t a;
    void *np;

    if (n < *alloc)
        return XLSX_OK;
    a = *alloc ? *alloc * 2 : 16;
    while (a <= n)
        a *= 2;
    np = mem_realloc(r, *arr, a * elem);
    if (np == NULL)
        return fail_nomem(r);
    *arr = np;
    *alloc = a;
    return XLSX_OK;
}

static char *mem_strdup(struct xlsx_reader *r, const char *s)
{
    size_t n = strlen(s);
    char *p = mem_alloc(r, n + 1);

    if (p == NULL) {
        fail_nomem(r);
        return NULL;
    }
    memcpy(p, s, n + 1);
    return p;
}

/* The local part of a (possibly prefixed) XML name: "x:row" -> "row". */
static const char *local(const char *name)
{
    const char *c = strrchr(name, ':');
    return c ? c + 1 : name;
}

static const char *attr(const char **atts, const char *name)
{
    size_t i;

    for (i = 0; atts[i] != NULL; i += 2)
        if (strcmp(local(atts[i]), name) == 0)
            return atts[i + 1];
    return NULL;
}

/* Parse a whole decimal number in [0, max]; -1 otherwise. */
static long long parse_index(const char *s, long long max)
{
    long long v = 0;

    if (s == NULL || *s == '\0')
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
        if (v > max)
            return -1;
    }
    return v;
}

void xlsx_col_name(size_t col, char out[4])
{
    char tmp[4];
    size_t n = 0, i;

    assert(col < 18278);
    col++;
    while (col > 0 && n < 3) {
        col--;
        tmp[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    for (i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    out[n] = '\0';
}

/* "B12" -> column 1, row 12 (either may be absent: -1). 0 on success. */
static int parse_ref(const char *s, long *col, long *row)
{
    long c = 0, rw = 0;
    int letters = 0, digits = 0;

    for (; *s >= 'A' && *s <= 'Z'; s++) {
        if (++letters > 3)
            return -1;
        c = c * 26 + (*s - 'A' + 1);
    }
    for (; *s >= '0' && *s <= '9'; s++) {
        if (++digits > 7)
            return -1;
        rw = rw * 10 + (*s - '0');
    }
    if (*s != '\0' || c > (long)EXCEL_MAX_COL || rw > (long)EXCEL_MAX_ROW ||
        (digits > 0 && rw == 0))
        return -1;
    *col = letters ? c - 1 : -1;
    *row = digits ? rw : -1;
    return 0;
}

/* ---- reading parts ----------------------------------------------------- */

static void XMLCALL on_doctype(void *ud, const XML_Char *name,
                               const XML_Char *sysid, const XML_Char *pubid,
                               int has_internal_subset)
{
    struct xlsx_reader *r = ud;

    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal_subset;
    fail(r, XLSX_EDOCTYPE, "%s có khai báo DOCTYPE (không được phép)", r->part);
}

static XML_StartElementHandler start_handler(enum part_kind k);
static XML_EndElementHandler end_handler(enum part_kind k);
static void XMLCALL on_text(void *ud, const XML_Char *s, int len);

static void close_part(struct xlsx_reader *r)
{
    struct xlsx_reader *saved = cur_reader;

    if (r->xp != NULL) {
        cur_reader = r;
        XML_ParserFree(r->xp);
        cur_reader = saved;
        r->xp = NULL;
    }
    if (r->zf != NULL) {
        zip_fclose(r->zf);
        r->zf = NULL;
    }
}

/* Open part name for parsing as kind. XLSX_OK, 1 if it is absent and
 * optional, or an error. */
static int open_part(struct xlsx_reader *r, const char *name,
                     enum part_kind kind, int optional)
{
    struct xlsx_reader *saved = cur_reader;
    zip_int64_t idx;
    zip_stat_t st;

    close_part(r);
    r->part = name;
    r->kind = kind;
    idx = zip_name_locate(r->za, name, ZIP_FL_NOCASE);
    if (idx < 0) {
        if (optional)
            return 1;
        return fail(r, XLSX_EFORMAT, "Tệp XLSX thiếu phần %s", name);
    }
    zip_stat_init(&st);
    if (zip_stat_index(r->za, (zip_uint64_t)idx, 0, &st) != 0 ||
        (st.valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
            (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE))
        return fail(r, XLSX_EZIP, "Không đọc được %s trong tệp zip", name);
    if (st.size > r->opt.max_part_size)
        return fail(r, XLSX_ELIMIT, "Phần %s quá lớn (%llu byte, giới hạn %zu)",
                    name, (unsigned long long)st.size, r->opt.max_part_size);
    if (st.size > RATIO_FLOOR &&
        (st.comp_size == 0 || st.size / st.comp_size > r->opt.max_ratio))
        return fail(r, XLSX_ELIMIT,
                    "Phần %s nén bất thường (tỷ lệ trên %zu:1, nghi là bom "
                    "zip)",
                    name, r->opt.max_ratio);
    r->part_limit = (size_t)st.size;
    r->part_read = 0;
    r->zf = zip_fopen_index(r->za, (zip_uint64_t)idx, 0);
    if (r->zf == NULL)
        return fail(r, XLSX_EZIP, "Không mở được %s: %s", name,
                    zip_strerror(r->za));
    cur_reader = r;
    r->xp = XML_ParserCreate_MM(NULL, &mem_suite, NULL);
    cur_reader = saved;
    if (r->xp == NULL)
        return fail_nomem(r);
    XML_SetUserData(r->xp, r);
    XML_SetStartDoctypeDeclHandler(r->xp, on_doctype);
    XML_SetElementHandler(r->xp, start_handler(kind), end_handler(kind));
    XML_SetCharacterDataHandler(r->xp, on_text);
    return XLSX_OK;
}

/* Map a parse status that is not OK or SUSPENDED to an error. */
static int xml_error(struct xlsx_reader *r)
{
    enum XML_Error e = XML_GetErrorCode(r->xp);

    if (r->err != XLSX_OK)
        return r->err;
    if (e == XML_ERROR_NO_MEMORY)
        return fail_nomem(r);
    return fail(r, XLSX_EXML, "Lỗi XML trong %s (dòng %lu, cột %lu): %s",
                r->part, (unsigned long)XML_GetCurrentLineNumber(r->xp),
                (unsigned long)XML_GetCurrentColumnNumber(r->xp),
                XML_ErrorString(e));
}

/* Feed the next chunk of the open part to expat (or resume it). Returns
 * XLSX_OK after a chunk, XLSX_ROW when a handler suspended the parser,
 * XLSX_DONE after the final chunk has been parsed, or an error. */
static int feed(struct xlsx_reader *r)
{
    struct xlsx_reader *saved = cur_reader;
    enum XML_Status st;
    zip_int64_t n = 0;
    void *b;

    cur_reader = r;
    if (r->suspended) {
        r->suspended = 0;
        st = XML_ResumeParser(r->xp);
    } else if (r->final_sent) {
        cur_reader = saved;
        return XLSX_DONE;
    } else {
        b = XML_GetBuffer(r->xp, CHUNK);
        if (b == NULL) {
            cur_reader = saved;
            return fail_nomem(r);
        }
        n = zip_fread(r->zf, b, CHUNK);
        if (n < 0) {
            cur_reader = saved;
            return fail(r, XLSX_EZIP, "Không giải nén được %s: %s", r->part,
                        zip_file_strerror(r->zf));
        }
        r->part_read += (size_t)n;
        r->total_read += (size_t)n;
        if (r->part_read > r->part_limit) {
            cur_reader = saved;
            return fail(r, XLSX_ELIMIT,
                        "Phần %s dài hơn kích thước đã khai báo", r->part);
        }
        if (r->total_read > r->opt.max_total_size) {
            cur_reader = saved;
            return fail(r, XLSX_ELIMIT, "Tệp XLSX giải nén quá %zu byte",
                        r->opt.max_total_size);
        }
        r->final_sent = n == 0;
        st = XML_ParseBuffer(r->xp, (int)n, n == 0);
    }
    cur_reader = saved;
    if (r->err != XLSX_OK)
        return r->err;
    if (st == XML_STATUS_ERROR)
        return xml_error(r);
    if (st == XML_STATUS_SUSPENDED) {
        r->suspended = 1;
        return XLSX_ROW;
    }
    return r->final_sent ? XLSX_DONE : XLSX_OK;
}

/* Parse a whole part (not a sheet). XLSX_OK, 1 if absent and optional. */
static int parse_part(struct xlsx_reader *r, const char *name,
                      enum part_kind kind, int optional)
{
    int rc = open_part(r, name, kind, optional);

    r->suspended = 0;
    r->final_sent = 0;
    while (rc == XLSX_OK)
        rc = feed(r);
    close_part(r);
    return rc == XLSX_DONE ? XLSX_OK : rc;
}

/* ---- workbook and relationships ---------------------------------------- */

static void XMLCALL wb_start(void *ud, const XML_Char *name,
                             const XML_Char **atts)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name), *v;
    struct sheet_ref *s;

    if (r->err != XLSX_OK)
        return;
    if (strcmp(n, "workbookPr") == 0) {
        v = attr(atts, "date1904");
        r->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
    } else if (strcmp(n, "sheet") == 0) {
        const char *sname = attr(atts, "name"), *rid = attr(atts, "id");

        if (sname == NULL || rid == NULL) {
            fail(r, XLSX_EFORMAT, "xl/workbook.xml: trang tính thiếu tên");
            return;
        }
        if (r->nsheets >= MAX_SHEETS) {
            fail(r, XLSX_ELIMIT, "Tệp XLSX có quá nhiều trang tính");
            return;
        }
        if (grow(r, (void **)&r->sheets, &r->sheets_alloc, r->nsheets,
                 sizeof *r->sheets) != XLSX_OK)
            return;
        s = &r->sheets[r->nsheets];
        memset(s, 0, sizeof *s);
        s->name = mem_strdup(r, sname);
        s->rid = s->name ? mem_strdup(r, rid) : NULL;
        if (s->rid != NULL)
            r->nsheets++;
        else
            mem_free(r, s->name);
    }
}

static void XMLCALL no_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
}

/* The part name a relationship target of the workbook points to: targets
 * are relative to xl/ unless absolute ("/xl/..."); "../" climbs. */
static char *resolve_target(struct xlsx_reader *r, const char *target)
{
    char path[MAX_TARGET + 8];
    size_t len = 0, tl = strlen(target);

    if (tl == 0 || tl > MAX_TARGET)
        return NULL;
    if (target[0] == '/') {
        target++;
    } else {
        memcpy(path, "xl/", 3);
        len = 3;
    }
    while (*target) {
        const char *slash = strchr(target, '/');
        size_t seg = slash ? (size_t)(slash - target) : strlen(target);

        if (seg == 2 && memcmp(target, "..", 2) == 0) {
            /* drop the last folder of path */
            if (len > 0)
                len--;
            while (len > 0 && path[len - 1] != '/')
                len--;
        } else if (!(seg == 1 && target[0] == '.') && seg > 0) {
            memcpy(path + len, target, seg);
            len += seg;
            if (slash)
                path[len++] = '/';
        }
        target += seg + (slash != NULL);
    }
    if (len == 0 || path[len - 1] == '/')
        return NULL;
    path[len] = '\0';
    return mem_strdup(r, path);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void XMLCALL rels_start(void *ud, const XML_Char *name,
                               const XML_Char **atts)
{
    struct xlsx_reader *r = ud;
    const char *id, *type, *target, *mode;
    size_t i;

    if (r->err != XLSX_OK || strcmp(local(name), "Relationship") != 0)
        return;
    id = attr(atts, "Id");
    type = attr(atts, "Type");
    target = attr(atts, "Target");
    mode = attr(atts, "TargetMode");
    if (id == NULL || type == NULL || target == NULL ||
        (mode && strcmp(mode, "External") == 0))
        return;
    if (ends_with(type, "/sharedStrings") && r->sst_path == NULL) {
        r->sst_path = resolve_target(r, target);
        return;
    }
    if (ends_with(type, "/styles") && r->styles_path == NULL) {
        r->styles_path = resolve_target(r, target);
        return;
    }
    for (i = 0; i < r->nsheets; i++)
        if (r->sheets[i].path == NULL && strcmp(r->sheets[i].rid, id) == 0)
            r->sheets[i].path = resolve_target(r, target);
}

/* ---- styles ------------------------------------------------------------ */

/* 1 if a custom number format shows a date: a d or y outside quoted text,
 * escapes and [brackets] (colours, locales, elapsed hours). */
static int format_is_date(const char *code)
{
    int quoted = 0, bracket = 0;

    for (; *code; code++) {
        char c = *code;

        if (quoted) {
            quoted = c != '"';
        } else if (bracket) {
            bracket = c != ']';
        } else if (c == '"') {
            quoted = 1;
        } else if (c == '[') {
            bracket = 1;
        } else if (c == '\\' || c == '_' || c == '*') {
            if (code[1] != '\0')
                code++;
        } else if (c == 'd' || c == 'D' || c == 'y' || c == 'Y') {
            return 1;
        }
    }
    return 0;
}

static int builtin_date(long long id)
{
    return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 36) ||
           (id >= 50 && id <= 58);
}

static void XMLCALL styles_start(void *ud, const XML_Char *name,
                                 const XML_Char **atts)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name);
    long long id;
    size_t i;
    int date = 0;

    if (r->err != XLSX_OK)
        return;
    if (strcmp(n, "numFmts") == 0) {
        r->in_numfmts = 1;
    } else if (strcmp(n, "cellXfs") == 0) {
        r->in_cellxfs = 1;
    } else if (r->in_numfmts && strcmp(n, "numFmt") == 0) {
        const char *code = attr(atts, "formatCode");

        id = parse_index(attr(atts, "numFmtId"), 1000000);
        if (id < 0 || code == NULL || !format_is_date(code))
            return;
        if (r->ndatefmts >= MAX_STYLES) {
            fail(r, XLSX_ELIMIT, "%s: quá nhiều định dạng số", r->part);
            return;
        }
        if (grow(r, (void **)&r->datefmt_ids, &r->datefmts_alloc, r->ndatefmts,
                 sizeof *r->datefmt_ids) == XLSX_OK)
            r->datefmt_ids[r->ndatefmts++] = (int)id;
    } else if (r->in_cellxfs && strcmp(n, "xf") == 0) {
        id = parse_index(attr(atts, "numFmtId"), 1000000);
        date = builtin_date(id);
        for (i = 0; !date && id >= 0 && i < r->ndatefmts; i++)
            date = r->datefmt_ids[i] == id;
        if (r->nxf >= MAX_STYLES) {
            fail(r, XLSX_ELIMIT, "%s: quá nhiều kiểu ô", r->part);
            return;
        }
        if (grow(r, (void **)&r->xf_date, &r->xf_alloc, r->nxf, 1) == XLSX_OK)
            r->xf_date[r->nxf++] = (unsigned char)date;
    }
}

static void XMLCALL styles_end(void *ud, const XML_Char *name)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name);

    if (strcmp(n, "numFmts") == 0)
        r->in_numfmts = 0;
    else if (strcmp(n, "cellXfs") == 0)
        r->in_cellxfs = 0;
}

/* ---- shared strings ---------------------------------------------------- */

static void XMLCALL sst_start(void *ud, const XML_Char *name,
                              const XML_Char **atts)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name);

    (void)atts;
    if (r->err != XLSX_OK)
        return;
    if (strcmp(n, "si") == 0) {
        if (r->nsst >= r->opt.max_shared_strings) {
            fail(r, XLSX_ELIMIT, "Quá nhiều chuỗi dùng chung (hơn %zu)",
                 r->opt.max_shared_strings);
            return;
        }
        if (grow(r, (void **)&r->sst_off, &r->sst_off_alloc, r->nsst + 1,
                 sizeof *r->sst_off) != XLSX_OK)
            return;
        r->sst_off[r->nsst] = r->sst.len;
        r->in_si = 1;
    } else if (strcmp(n, "t") == 0 && r->in_si) {
        r->in_t = 1;
    } else if (strcmp(n, "rPh") == 0) {
        r->in_rph++;
    }
}

static void XMLCALL sst_end(void *ud, const XML_Char *name)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name);

    if (r->err != XLSX_OK)
        return;
    if (strcmp(n, "si") == 0 && r->in_si) {
        r->in_si = 0;
        r->nsst++;
        r->sst_off[r->nsst] = r->sst.len;
    } else if (strcmp(n, "t") == 0) {
        r->in_t = 0;
    } else if (strcmp(n, "rPh") == 0 && r->in_rph > 0) {
        r->in_rph--;
    }
}

/* ---- sheets ------------------------------------------------------------ */

static void XMLCALL sheet_start(void *ud, const XML_Char *name,
                                const XML_Char **atts)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name), *v;
    long col, row;

    if (r->err != XLSX_OK)
        return;
    if (strcmp(n, "sheetData") == 0) {
        r->in_sheetdata = 1;
    } else if (r->in_sheetdata && strcmp(n, "row") == 0) {
        v = attr(atts, "r");
        row = (long)r->row_num + 1;
        if (v != NULL)
            row = (long)parse_index(v, EXCEL_MAX_ROW);
        if (row <= (long)r->row_num || row < 1 || row > (long)EXCEL_MAX_ROW) {
            fail(r, XLSX_EFORMAT, "Dòng %zu: số dòng sai thứ tự (%s)",
                 r->row_num + 1, v ? v : "");
            return;
        }
        r->row_num = (size_t)row;
        r->in_row = 1;
        r->ncells = 0;
        r->next_col = 0;
        r->row_text.len = 0;
    } else if (r->in_row && strcmp(n, "c") == 0) {
        v = attr(atts, "r");
        col = (long)r->next_col;
        row = -1;
        if (v != NULL && parse_ref(v, &col, &row) != 0) {
            fail(r, XLSX_EFORMAT, "Dòng %zu: địa chỉ ô không hợp lệ",
                 r->row_num);
            return;
        }
        if (col < 0)
            col = (long)r->next_col;
        r->cell_col = (size_t)col < EXCEL_MAX_COL ? (size_t)col : 0;
        if ((size_t)col < r->next_col ||
            (row >= 0 && (size_t)row != r->row_num)) {
            fail_cell(r, XLSX_EFORMAT, "ô trùng hoặc sai thứ tự");
            return;
        }
        if ((size_t)col >= r->opt.max_cols) {
            fail_cell(r, XLSX_ELIMIT, "quá nhiều cột");
            return;
        }
        r->next_col = (size_t)col + 1;
        v = attr(atts, "t");
        r->cell_t = 'n';
        if (v == NULL || strcmp(v, "n") == 0)
            r->cell_t = 'n';
        else if (strcmp(v, "s") == 0)
            r->cell_t = 's';
        else if (strcmp(v, "inlineStr") == 0)
            r->cell_t = 'i';
        else if (strcmp(v, "str") == 0)
            r->cell_t = 'S';
        else if (strcmp(v, "b") == 0 || strcmp(v, "e") == 0 ||
                 strcmp(v, "d") == 0)
            r->cell_t = v[0];
        else {
            fail_cell(r, XLSX_EFORMAT, "kiểu ô không hợp lệ");
            return;
        }
        v = attr(atts, "s");
        row = v ? (long)parse_index(v, MAX_STYLES) : 0;
        r->cell_style_date =
            row >= 0 && (size_t)row < r->nxf && r->xf_date[row];
        r->in_cell = 1;
        r->cell_text.len = 0;
        if (r->cell_text.p)
            r->cell_text.p[0] = '\0';
        r->in_v = 0;
        r->in_is = 0;
        r->in_t = 0;
        r->in_rph = 0;
    } else if (r->in_cell && strcmp(n, "v") == 0) {
        r->in_v = 1;
    } else if (r->in_cell && strcmp(n, "is") == 0) {
        r->in_is = 1;
        r->cell_t = 'i';
    } else if (r->in_is && strcmp(n, "t") == 0) {
        r->in_t = 1;
    } else if (r->in_is && strcmp(n, "rPh") == 0) {
        r->in_rph++;
    }
}

/* Serial day number (with fraction) -> "YYYY-MM-DD[ HH:MM:SS]" into out;
 * 0 on success, -1 if it is no date we can show. */
static int serial_to_date(double serial, int date1904, char out[32])
{
    double days = floor(serial);
    long long secs;
    struct date base, d;
    char ds[11];

    if (!(serial >= 0 && serial < 2958466.0))
        return -1;
    secs = llround((serial - days) * 86400.0);
    if (secs >= 86400) {
        days += 1;
        secs -= 86400;
    }
    if (date1904) {
        base = (struct date){1904, 1, 1};
    } else if (days >= 61) {
        base = (struct date){1899, 12, 30};
    } else if (days >= 1 && days <= 59) {
        base = (struct date){1899, 12, 31};
    } else {
        return -1; /* 0 and Excel's false 29/02/1900 */
    }
    d = date_add_days(base, (int64_t)days);
    if (!date_is_valid(d.y, d.m, d.d))
        return -1;
    date_format_iso(d, ds);
    if (secs == 0) {
        snprintf(out, 32, "%s", ds);
    } else {
        int hh = (int)(secs / 3600 % 24), mm = (int)(secs / 60 % 60),
            ss = (int)(secs % 60);
        snprintf(out, 32, "%s %02d:%02d:%02d", ds, hh, mm, ss);
    }
    return 0;
}

/* The value of the cell just closed, appended to the row. */
static int finish_cell(struct xlsx_reader *r)
{
    const char *val = r->cell_text.p ? r->cell_text.p : "";
    size_t len = r->cell_text.len;
    enum xlsx_type type = XLSX_STRING;
    struct cell_slot *slot;
    char datebuf[32];
    long long idx;
    size_t i;

    switch (r->cell_t) {
    case 's':
        if (len == 0)
            return XLSX_OK; /* no <v>: empty */
        idx = parse_index(val, (long long)r->nsst - 1);
        if (idx < 0 || r->nsst == 0)
            return fail_cell(r, XLSX_EFORMAT,
                             "chỉ số chuỗi dùng chung không hợp lệ");
        val = r->sst.p + r->sst_off[idx];
        len = r->sst_off[idx + 1] - r->sst_off[idx];
        if (len > r->opt.max_cell_len)
            return fail_cell(r, XLSX_ELIMIT, "giá trị quá dài");
        break;
    case 'i':
    case 'S':
        break;
    case 'b':
        type = XLSX_BOOL;
        if (len == 0)
            return XLSX_OK;
        break;
    case 'e':
        type = XLSX_ERROR;
        break;
    case 'd':
        type = len ? XLSX_DATE : XLSX_EMPTY;
        if (len > 19)
            len = 19;
        break;
    default:
        if (len == 0)
            return XLSX_OK;
        type = XLSX_NUMBER;
        if (r->cell_style_date) {
            char *end;
            double v;

            errno = 0;
            v = strtod(val, &end);
            if (*end == '\0' && errno == 0 &&
                serial_to_date(v, r->date1904, datebuf) == 0) {
                val = datebuf;
                len = strlen(datebuf);
                type = XLSX_DATE;
            }
        }
        break;
    }
    /* gaps before this cell, then the cell */
    for (i = r->ncells; i <= r->cell_col; i++) {
        slot = &r->slots[i];
        slot->off = r->row_text.len;
        slot->len = 0;
        slot->type = XLSX_EMPTY;
    }
    slot = &r->slots[r->cell_col];
    slot->off = r->row_text.len;
    slot->len = len;
    slot->type = type;
    r->ncells = r->cell_col + 1;
    return vec_append(r, &r->row_text, val, len);
}

static void XMLCALL sheet_end(void *ud, const XML_Char *name)
{
    struct xlsx_reader *r = ud;
    const char *n = local(name);

    if (r->err != XLSX_OK)
        return;
    if (strcmp(n, "sheetData") == 0) {
        r->in_sheetdata = 0;
    } else if (r->in_cell && strcmp(n, "c") == 0) {
        r->in_cell = 0;
        finish_cell(r);
    } else if (r->in_cell && strcmp(n, "v") == 0) {
        r->in_v = 0;
    } else if (r->in_is && strcmp(n, "is") == 0) {
        r->in_is = 0;
    } else if (r->in_is && strcmp(n, "t") == 0) {
        r->in_t = 0;
    } else if (r->in_is && strcmp(n, "rPh") == 0 && r->in_rph > 0) {
        r->in_rph--;
    } else if (r->in_row && strcmp(n, "row") == 0) {
        r->in_row = 0;
        /* hand the row to xlsx_next */
        XML_StopParser(r->xp, XML_TRUE);
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    struct xlsx_reader *r = ud;

    if (r->err != XLSX_OK || len <= 0)
        return;
    if (r->kind == PART_SST) {
        if (!r->in_si || !r->in_t || r->in_rph)
            return;
        if (r->sst.len - r->sst_off[r->nsst] + (size_t)len >
            r->opt.max_cell_len) {
            fail(r, XLSX_ELIMIT, "Chuỗi dùng chung thứ %zu quá dài",
                 r->nsst + 1);
            return;
        }
        vec_append(r, &r->sst, s, (size_t)len);
    } else if (r->kind == PART_SHEET && r->in_cell &&
               (r->in_v || (r->in_is && r->in_t && !r->in_rph))) {
        if (r->cell_text.len + (size_t)len > r->opt.max_cell_len) {
            fail_cell(r, XLSX_ELIMIT, "giá trị quá dài");
            return;
        }
        vec_append(r, &r->cell_text, s, (size_t)len);
    }
}

static XML_StartElementHandler start_handler(enum part_kind k)
{
    switch (k) {
    case PART_WORKBOOK:
        return wb_start;
    case PART_RELS:
        return rels_start;
    case PART_STYLES:
        return styles_start;
    case PART_SST:
        return sst_start;
    default:
        return sheet_start;
    }
}

static XML_EndElementHandler end_handler(enum part_kind k)
{
    switch (k) {
    case PART_STYLES:
        return styles_end;
    case PART_SST:
        return sst_end;
    case PART_SHEET:
        return sheet_end;
    default:
        return no_end;
    }
}

/* ---- the API ----------------------------------------------------------- */

static void set_defaults(struct xlsx_read_opts *o)
{
    if (o->max_entries == 0)
        o->max_entries = DEF_ENTRIES;
    if (o->max_part_size == 0)
        o->max_part_size = DEF_PART_SIZE;
    if (o->max_total_size == 0)
        o->max_total_size = DEF_TOTAL_SIZE;
    if (o->max_ratio == 0)
        o->max_ratio = DEF_RATIO;
    if (o->max_shared_strings == 0)
        o->max_shared_strings = DEF_SST;
    if (o->max_rows == 0)
        o->max_rows = DEF_ROWS;
    if (o->max_cols == 0)
        o->max_cols = DEF_COLS;
    if (o->max_cols > EXCEL_MAX_COL)
        o->max_cols = EXCEL_MAX_COL;
    if (o->max_cell_len == 0)
        o->max_cell_len = DEF_CELL_LEN;
    if (o->max_memory == 0)
        o->max_memory = DEF_MEMORY;
}

static int open_zip(struct xlsx_reader *r, const void *data, size_t len)
{
    zip_error_t ze;
    zip_source_t *src;
    zip_int64_t n;

    zip_error_init(&ze);
    src = zip_source_buffer_create(data, len, 0, &ze);
    if (src == NULL)
        goto fail_zip;
    r->za = zip_open_from_source(src, ZIP_RDONLY, &ze);
    if (r->za == NULL) {
        zip_source_free(src);
        goto fail_zip;
    }
    zip_error_fini(&ze);
    n = zip_get_num_entries(r->za, 0);
    if (n < 0 || (zip_uint64_t)n > r->opt.max_entries)
        return fail(r, XLSX_ELIMIT, "Tệp XLSX có quá nhiều mục (giới hạn %zu)",
                    r->opt.max_entries);
    return XLSX_OK;

fail_zip:
    fail(r, XLSX_EZIP, "Tệp không phải XLSX (không đọc được tệp zip: %s)",
         zip_error_strerror(&ze));
    zip_error_fini(&ze);
    return r->err;
}

int xlsx_reader_new(const void *data, size_t len,
                    const struct xlsx_read_opts *opt, struct xlsx_reader **out)
{
    struct xlsx_reader *r;
    int rc;

    assert(out != NULL);
    r = xcalloc(1, sizeof *r);
    *out = r;
    if (opt)
        r->opt = *opt;
    set_defaults(&r->opt);
    if (data == NULL)
        return fail(r, XLSX_EINVAL, "Không có dữ liệu");
    rc = open_zip(r, data, len);
    if (rc == XLSX_OK)
        rc = parse_part(r, "xl/workbook.xml", PART_WORKBOOK, 0);
    if (rc == XLSX_OK && r->nsheets == 0)
        rc = fail(r, XLSX_EFORMAT, "Tệp XLSX không có trang tính nào");
    if (rc == XLSX_OK)
        rc = parse_part(r, "xl/_rels/workbook.xml.rels", PART_RELS, 0);
    if (rc == XLSX_OK)
        rc = parse_part(r, r->styles_path ? r->styles_path : "xl/styles.xml",
                        PART_STYLES, 1);
    if (rc == 1)
        rc = XLSX_OK;
    if (rc == XLSX_OK)
        rc = parse_part(r, r->sst_path ? r->sst_path : "xl/sharedStrings.xml",
                        PART_SST, 1);
    if (rc == 1)
        rc = XLSX_OK;
    return rc;
}

void xlsx_reader_free(struct xlsx_reader *r)
{
    size_t i;

    if (r == NULL)
        return;
    close_part(r);
    for (i = 0; i < r->nsheets; i++) {
        mem_free(r, r->sheets[i].name);
        mem_free(r, r->sheets[i].rid);
        mem_free(r, r->sheets[i].path);
    }
    mem_free(r, r->sheets);
    mem_free(r, r->sst_path);
    mem_free(r, r->styles_path);
    mem_free(r, r->datefmt_ids);
    mem_free(r, r->xf_date);
    mem_free(r, r->sst.p);
    mem_free(r, r->sst_off);
    mem_free(r, r->cell_text.p);
    mem_free(r, r->row_text.p);
    mem_free(r, r->slots);
    mem_free(r, r->cells);
    assert(r->mem_used == 0);
    if (r->za != NULL)
        zip_discard(r->za);
    free(r);
}

size_t xlsx_sheet_count(const struct xlsx_reader *r)
{
    return r->err == XLSX_OK ? r->nsheets : 0;
}

const char *xlsx_sheet_name(const struct xlsx_reader *r, size_t i)
{
    return i < xlsx_sheet_count(r) ? r->sheets[i].name : NULL;
}

long xlsx_sheet_find(const struct xlsx_reader *r, const char *name)
{
    size_t i;

    for (i = 0; i < xlsx_sheet_count(r); i++)
        if (strcmp(r->sheets[i].name, name) == 0)
            return (long)i;
    return -1;
}

int xlsx_sheet_open(struct xlsx_reader *r, size_t i)
{
    int rc;

    if (r->err != XLSX_OK)
        return r->err;
    if (i >= r->nsheets)
        return XLSX_EINVAL;
    if (r->sheets[i].path == NULL)
        return fail(r, XLSX_EFORMAT,
                    "Trang tính \"%s\" không có trong tệp XLSX",
                    r->sheets[i].name);
    if (r->slots == NULL) {
        r->slots = mem_alloc(r, r->opt.max_cols * sizeof *r->slots);
        r->cells = mem_alloc(r, r->opt.max_cols * sizeof *r->cells);
        if (r->slots == NULL || r->cells == NULL)
            return fail_nomem(r);
    }
    r->sheet_open = 0;
    r->in_sheetdata = r->in_row = r->in_cell = 0;
    r->suspended = r->final_sent = 0;
    r->row_num = 0;
    r->rows_returned = 0;
    rc = open_part(r, r->sheets[i].path, PART_SHEET, 0);
    if (rc == XLSX_OK)
        r->sheet_open = 1;
    return rc;
}

int xlsx_next(struct xlsx_reader *r, const struct xlsx_cell **cells,
              size_t *ncells)
{
    size_t i;
    int rc;

    assert(cells != NULL && ncells != NULL);
    if (r->err != XLSX_OK)
        return r->err;
    if (!r->sheet_open)
        return XLSX_EINVAL;
    for (;;) {
        rc = feed(r);
        if (rc < 0)
            return rc;
        if (rc == XLSX_DONE) {
            close_part(r);
            r->sheet_open = 0;
            return XLSX_DONE;
        }
        if (rc != XLSX_ROW)
            continue;
        /* trailing empty cells are left out; empty rows are skipped */
        while (r->ncells > 0 && r->slots[r->ncells - 1].type == XLSX_EMPTY)
            r->ncells--;
        if (r->ncells == 0)
            continue;
        if (++r->rows_returned > r->opt.max_rows)
            return fail(r, XLSX_ELIMIT, "Quá nhiều dòng (hơn %zu)",
                        r->opt.max_rows);
        for (i = 0; i < r->ncells; i++) {
            r->cells[i].ptr = r->row_text.p + r->slots[i].off;
            r->cells[i].len = r->slots[i].len;
            r->cells[i].type = r->slots[i].type;
        }
        *cells = r->cells;
        *ncells = r->ncells;
        return XLSX_ROW;
    }
}

size_t xlsx_row(const struct xlsx_reader *r)
{
    return r->row_num;
}

int xlsx_date1904(const struct xlsx_reader *r)
{
    return r->date1904;
}

const char *xlsx_errmsg(const struct xlsx_reader *r)
{
    return r->errmsg;
}

unsigned long xlsx_alloc_count(const struct xlsx_reader *r)
{
    return r->allocs;
}
