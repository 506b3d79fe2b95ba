/* units_list.c: parse the unit lists and build versions (see units_list.h).
 *
 * Each list is parsed into its units sorted by (level, code), and the
 * versions are built by a merge walk of the currently open versions (also
 * sorted by (level, code)) against each list in date order, so the whole
 * build is O(n log n) with no hash tables.
 */
#include "core/units_list.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/text.h"
#include "util/csv.h"
#include "util/xalloc.h"

/* Far above the real lists (10,604 rows) but bounding memory. */
#define UNITS_MAX_ROWS    100000
#define UNITS_MAX_FIELD   256
#define UNITS_MAX_SOURCES 16

static const char *const hdr_three[] = {
    "province_code", "province_name", "province_type",
    "district_code", "district_name", "district_type",
    "commune_code",  "commune_name",  "commune_type"};
static const char *const hdr_two[] = {"province_code", "province_name",
                                      "commune_code", "commune_name"};
static const char *const hdr_links[] = {"new_province_code", "new_commune_code",
                                        "new_commune_name",  "old_commune_code",
                                        "old_commune_name",  "kind"};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* A parsed unit with the line it came from (for messages). */
struct row_unit {
    struct units_version v;
    size_t line;
};

/* The parsing state of one file. */
struct parse {
    const struct units_source *src;
    struct csv_reader *csv;
    const struct csv_field *f;
    size_t nf;
    char *err;
    size_t errlen;
};

int units_code_level(const char *s, size_t len)
{
    size_t i;

    if (s == NULL || (len != 2 && len != 3 && len != 5))
        return 0;
    for (i = 0; i < len; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return len == 2 ? UNITS_PROVINCE
                    : (len == 3 ? UNITS_DISTRICT : UNITS_COMMUNE);
}

const char *units_level_name(int level)
{
    switch (level) {
    case UNITS_PROVINCE:
        return "tỉnh";
    case UNITS_DISTRICT:
        return "huyện";
    case UNITS_COMMUNE:
        return "xã";
    default:
        return "";
    }
}

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Error at the current row, field `field` (a header name). Returns rc. */
static int row_err(struct parse *p, int rc, const char *field, const char *what)
{
    set_err(p->err, p->errlen, "%s, dòng %zu, trường %s: %s", p->src->name,
            csv_line(p->csv), field, what);
    return rc;
}

/* Copy (s, len) into dst[size] with a NUL; the caller checked len. */
static void copy_text(char *dst, size_t size, const char *s, size_t len)
{
    assert(len < size);
    (void)size;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

/* Check the header line against names[n] exactly. */
static int check_header(struct parse *p, const char *const *names, size_t n)
{
    size_t i;

    if (p->nf != n)
        goto bad;
    for (i = 0; i < n; i++)
        if (!csv_field_eq(&p->f[i], names[i]))
            goto bad;
    return UNITS_OK;
bad:
    set_err(p->err, p->errlen,
            "%s, dòng 1: tiêu đề không đúng (cần %zu cột, bắt đầu bằng %s)",
            p->src->name, n, names[0]);
    return UNITS_EFORMAT;
}

/* Field i must be a code of `digits` digits (or, when alt is nonzero, of
 * alt digits): copy it to dst. */
static int get_code(struct parse *p, size_t i, const char *field, size_t digits,
                    size_t alt, char dst[UNITS_CODE_SIZE])
{
    const struct csv_field *f = &p->f[i];
    size_t k;
    char what[96];

    if (f->len == 0)
        return row_err(p, UNITS_EFORMAT, field, "thiếu mã");
    for (k = 0; k < f->len; k++)
        if (f->ptr[k] < '0' || f->ptr[k] > '9')
            break;
    if (k < f->len || (f->len != digits && (alt == 0 || f->len != alt))) {
        if (alt)
            snprintf(what, sizeof(what), "mã phải gồm %zu hoặc %zu chữ số", alt,
                     digits);
        else
            snprintf(what, sizeof(what), "mã phải gồm đúng %zu chữ số", digits);
        return row_err(p, UNITS_EFORMAT, field, what);
    }
    copy_text(dst, UNITS_CODE_SIZE, f->ptr, f->len);
    return UNITS_OK;
}

/* Field i is required text: valid UTF-8 without control characters,
 * trimmed (the source lists have a few names with a trailing space) and
 * NFC-normalised (core/text.h), shorter than size: copy it to dst. */
static int get_text(struct parse *p, size_t i, const char *field, char *dst,
                    size_t size)
{
    const struct csv_field *f = &p->f[i];
    char *clean = NULL;
    size_t len = 0;
    int rc;

    rc = text_clean(f->ptr, f->len, 0, TEXT_TRIM | TEXT_REQUIRED, &clean, &len);
    switch (rc) {
    case TEXT_OK:
        break;
    case TEXT_EEMPTY:
        return row_err(p, UNITS_EFORMAT, field, "thiếu giá trị");
    case TEXT_EUTF8:
        return row_err(p, UNITS_EFORMAT, field, "không phải UTF-8 hợp lệ");
    case TEXT_ECONTROL:
        return row_err(p, UNITS_EFORMAT, field, "có ký tự điều khiển");
    default:
        return row_err(p, UNITS_EFORMAT, field, text_strerror(rc));
    }
    if (len >= size) {
        free(clean);
        return row_err(p, UNITS_EFORMAT, field, "giá trị quá dài");
    }
    copy_text(dst, size, clean, len);
    free(clean);
    return UNITS_OK;
}

/* Field i must be one of the NULL-terminated list `allowed`. */
static int get_enum(struct parse *p, size_t i, const char *field,
                    const char *const *allowed, char *dst, size_t size)
{
    size_t k;
    int rc = get_text(p, i, field, dst, size);

    if (rc != UNITS_OK)
        return rc;
    for (k = 0; allowed[k] != NULL; k++)
        if (strcmp(dst, allowed[k]) == 0)
            return UNITS_OK;
    return row_err(p, UNITS_EFORMAT, field, "loại không hợp lệ");
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Open the CSV and read the header; kind AUTO is resolved from it. */
static int parse_open(struct parse *p, const struct units_source *src,
                      int *kind, char *err, size_t errlen)
{
    struct csv_options opt = {.max_fields = 16,
                              .max_field_len = UNITS_MAX_FIELD,
                              .max_rows = UNITS_MAX_ROWS + 1};
    struct date d;
    int rc;

    memset(p, 0, sizeof(*p));
    p->src = src;
    p->err = err;
    p->errlen = errlen;
    if (src->date == NULL ||
        date_parse_iso(src->date, strlen(src->date), &d) != DATE_OK) {
        set_err(err, errlen, "%s: ngày hiệu lực không hợp lệ", src->name);
        return UNITS_EINVAL;
    }
    if (csv_reader_new(src->data, src->len, &opt, &p->csv) != CSV_OK) {
        set_err(err, errlen, "%s: không đọc được CSV", src->name);
        return UNITS_EINVAL;
    }
    rc = csv_next(p->csv, &p->f, &p->nf);
    if (rc == CSV_DONE) {
        set_err(err, errlen, "%s: tệp rỗng", src->name);
        return UNITS_EFORMAT;
    }
    if (rc != CSV_ROW) {
        set_err(err, errlen, "%s: %s", src->name, csv_errmsg(p->csv));
        return UNITS_EFORMAT;
    }
    if (*kind == UNITS_KIND_AUTO) {
        if (p->nf == NELEM(hdr_three))
            *kind = UNITS_KIND_THREE_TIER;
        else if (p->nf > 0 && csv_field_eq(&p->f[0], hdr_links[0]))
            *kind = UNITS_KIND_LINKS;
        else
            *kind = UNITS_KIND_TWO_TIER;
    }
    switch (*kind) {
    case UNITS_KIND_THREE_TIER:
        return check_header(p, hdr_three, NELEM(hdr_three));
    case UNITS_KIND_TWO_TIER:
        return check_header(p, hdr_two, NELEM(hdr_two));
    case UNITS_KIND_LINKS:
        return check_header(p, hdr_links, NELEM(hdr_links));
    default:
        set_err(err, errlen, "%s: loại tệp không hợp lệ", src->name);
        return UNITS_EINVAL;
    }
}

/* Read the next data row with exactly n fields: CSV_ROW, CSV_DONE or an
 * error already described. */
static int parse_row(struct parse *p, size_t n)
{
    int rc = csv_next(p->csv, &p->f, &p->nf);

    if (rc == CSV_DONE)
        return CSV_DONE;
    if (rc != CSV_ROW) {
        set_err(p->err, p->errlen, "%s: %s", p->src->name, csv_errmsg(p->csv));
        return UNITS_EFORMAT;
    }
    if (p->nf != n) {
        set_err(p->err, p->errlen, "%s, dòng %zu: có %zu cột, cần %zu",
                p->src->name, csv_line(p->csv), p->nf, n);
        return UNITS_EFORMAT;
    }
    return CSV_ROW;
}

struct row_units {
    struct row_unit *items;
    size_t count;
    size_t cap;
};

/* Append k zeroed units from `line`; returns the first. Pointers into a
 * stay valid until the next push. */
static struct row_unit *push_units(struct row_units *a, size_t k, size_t line)
{
    struct row_unit *u;
    size_t i;

    while (a->count + k > a->cap) {
        a->cap = a->cap ? a->cap * 2 : 256;
        a->items = xreallocarray(a->items, a->cap, sizeof(*a->items));
    }
    u = &a->items[a->count];
    memset(u, 0, k * sizeof(*u));
    for (i = 0; i < k; i++)
        u[i].line = line;
    a->count += k;
    return u;
}

static int cmp_key(const struct units_version *a, const struct units_version *b)
{
    if (a->level != b->level)
        return a->level < b->level ? -1 : 1;
    return strcmp(a->code, b->code);
}

static int cmp_row_unit(const void *pa, const void *pb)
{
    const struct row_unit *a = pa, *b = pb;
    int c = cmp_key(&a->v, &b->v);

    if (c != 0)
        return c;
    return a->line < b->line ? -1 : (a->line > b->line);
}

static int same_unit(const struct units_version *a,
                     const struct units_version *b)
{
    return strcmp(a->name, b->name) == 0 && strcmp(a->type, b->type) == 0 &&
           strcmp(a->parent_code, b->parent_code) == 0 &&
           strcmp(a->province_code, b->province_code) == 0;
}

/* Parse the rows of a three-tier list into units (not yet deduplicated). */
static int parse_three(struct parse *p, struct row_units *a)
{
    static const char *const ptypes[] = {"Tỉnh", "Thành phố Trung ương", NULL};
    static const char *const dtypes[] = {"Huyện", "Thành phố", "Thị xã", "Quận",
                                         NULL};
    static const char *const ctypes[] = {"Xã", "Phường", "Thị trấn", NULL};
    int rc;

    while ((rc = parse_row(p, NELEM(hdr_three))) == CSV_ROW) {
        size_t line = csv_line(p->csv);
        struct row_unit *pv = push_units(a, 3, line);
        struct row_unit *dv = pv + 1;
        struct row_unit *cv = pv + 2;

        pv->v.level = UNITS_PROVINCE;
        dv->v.level = UNITS_DISTRICT;
        cv->v.level = UNITS_COMMUNE;
        rc = get_code(p, 0, hdr_three[0], 2, 0, pv->v.code);
        if (rc == UNITS_OK)
            rc = get_text(p, 1, hdr_three[1], pv->v.name, UNITS_NAME_SIZE);
        if (rc == UNITS_OK)
            rc = get_enum(p, 2, hdr_three[2], ptypes, pv->v.type,
                          UNITS_TYPE_SIZE);
        if (rc == UNITS_OK)
            rc = get_code(p, 3, hdr_three[3], 3, 0, dv->v.code);
        if (rc == UNITS_OK)
            rc = get_text(p, 4, hdr_three[4], dv->v.name, UNITS_NAME_SIZE);
        if (rc == UNITS_OK)
            rc = get_enum(p, 5, hdr_three[5], dtypes, dv->v.type,
                          UNITS_TYPE_SIZE);
        if (rc == UNITS_OK)
            rc = get_code(p, 6, hdr_three[6], 5, 0, cv->v.code);
        if (rc == UNITS_OK)
            rc = get_text(p, 7, hdr_three[7], cv->v.name, UNITS_NAME_SIZE);
        if (rc == UNITS_OK)
            rc = get_enum(p, 8, hdr_three[8], ctypes, cv->v.type,
                          UNITS_TYPE_SIZE);
        if (rc != UNITS_OK)
            return rc;
        memcpy(pv->v.province_code, pv->v.code, UNITS_CODE_SIZE);
        memcpy(dv->v.parent_code, pv->v.code, UNITS_CODE_SIZE);
        memcpy(dv->v.province_code, pv->v.code, UNITS_CODE_SIZE);
        memcpy(cv->v.parent_code, dv->v.code, UNITS_CODE_SIZE);
        memcpy(cv->v.province_code, pv->v.code, UNITS_CODE_SIZE);
    }
    return rc == CSV_DONE ? UNITS_OK : rc;
}

/* The type of a two-tier unit from the start of its name. Provinces named
 * "Thành phố ..." are centrally run cities: the three-tier lists call that
 * type "Thành phố Trung ương", and using the same word keeps a city's
 * version continuous when only the list format changed. */
static int two_tier_type(int level, const char *name, char *type)
{
    static const char *const cprefix[] = {"Xã", "Phường", "Đặc khu"};
    size_t i;

    if (level == UNITS_PROVINCE) {
        if (starts_with(name, "Tỉnh ")) {
            copy_text(type, UNITS_TYPE_SIZE, "Tỉnh", strlen("Tỉnh"));
            return UNITS_OK;
        }
        if (starts_with(name, "Thành phố ")) {
            copy_text(type, UNITS_TYPE_SIZE, "Thành phố Trung ương",
                      strlen("Thành phố Trung ương"));
            return UNITS_OK;
        }
        return UNITS_EFORMAT;
    }
    for (i = 0; i < NELEM(cprefix); i++) {
        size_t n = strlen(cprefix[i]);
        if (strncmp(name, cprefix[i], n) == 0 && name[n] == ' ') {
            copy_text(type, UNITS_TYPE_SIZE, cprefix[i], n);
            return UNITS_OK;
        }
    }
    return UNITS_EFORMAT;
}

static int parse_two(struct parse *p, struct row_units *a)
{
    int rc;

    while ((rc = parse_row(p, NELEM(hdr_two))) == CSV_ROW) {
        size_t line = csv_line(p->csv);
        struct row_unit *pv = push_units(a, 2, line);
        struct row_unit *cv = pv + 1;

        pv->v.level = UNITS_PROVINCE;
        cv->v.level = UNITS_COMMUNE;
        rc = get_code(p, 0, hdr_two[0], 2, 0, pv->v.code);
        if (rc == UNITS_OK)
            rc = get_text(p, 1, hdr_two[1], pv->v.name, UNITS_NAME_SIZE);
        if (rc == UNITS_OK &&
            two_tier_type(UNITS_PROVINCE, pv->v.name, pv->v.type) != 0)
            rc = row_err(p, UNITS_EFORMAT, hdr_two[1],
                         "tên tỉnh phải bắt đầu bằng \"Tỉnh\" hoặc "
                         "\"Thành phố\"");
        if (rc == UNITS_OK)
            rc = get_code(p, 2, hdr_two[2], 5, 0, cv->v.code);
        if (rc == UNITS_OK)
            rc = get_text(p, 3, hdr_two[3], cv->v.name, UNITS_NAME_SIZE);
        if (rc == UNITS_OK &&
            two_tier_type(UNITS_COMMUNE, cv->v.name, cv->v.type) != 0)
            rc = row_err(p, UNITS_EFORMAT, hdr_two[3],
                         "tên xã phải bắt đầu bằng \"Xã\", \"Phường\" hoặc "
                         "\"Đặc khu\"");
        if (rc != UNITS_OK)
            return rc;
        memcpy(pv->v.province_code, pv->v.code, UNITS_CODE_SIZE);
        memcpy(cv->v.parent_code, pv->v.code, UNITS_CODE_SIZE);
        memcpy(cv->v.province_code, pv->v.code, UNITS_CODE_SIZE);
    }
    return rc == CSV_DONE ? UNITS_OK : rc;
}

/* Sort by (level, code, line) and keep one entry per unit: a repeated
 * province or district must agree with its first row; a commune may not
 * repeat. */
static int dedupe(const struct units_source *src, struct row_units *a,
                  char *err, size_t errlen)
{
    size_t i, n = 0;

    if (a->count == 0)
        return UNITS_OK;
    qsort(a->items, a->count, sizeof(*a->items), cmp_row_unit);
    for (i = 0; i < a->count; i++) {
        struct row_unit *u = &a->items[i];
        if (n > 0 && cmp_key(&a->items[n - 1].v, &u->v) == 0) {
            const struct row_unit *first = &a->items[n - 1];
            if (u->v.level == UNITS_COMMUNE) {
                set_err(err, errlen,
                        "%s, dòng %zu: mã xã %s trùng với dòng %zu", src->name,
                        u->line, u->v.code, first->line);
                return UNITS_ECONFLICT;
            }
            if (!same_unit(&first->v, &u->v)) {
                set_err(err, errlen,
                        "%s, dòng %zu: mã %s %s có tên, loại hoặc đơn vị "
                        "cấp trên khác với dòng %zu",
                        src->name, u->line, units_level_name(u->v.level),
                        u->v.code, first->line);
                return UNITS_ECONFLICT;
            }
            continue;
        }
        a->items[n++] = *u;
    }
    a->count = n;
    return UNITS_OK;
}

int units_list_parse(const struct units_source *src, struct units_version **out,
                     size_t *n, char *err, size_t errlen)
{
    struct parse p;
    struct row_units a = {0};
    int kind = src->kind, rc;
    size_t i;

    assert(src != NULL && out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    rc = parse_open(&p, src, &kind, err, errlen);
    if (rc != UNITS_OK)
        goto out;
    if (kind == UNITS_KIND_THREE_TIER) {
        rc = parse_three(&p, &a);
    } else if (kind == UNITS_KIND_TWO_TIER) {
        rc = parse_two(&p, &a);
    } else {
        set_err(err, errlen, "%s: không phải danh sách đơn vị hành chính",
                src->name);
        rc = UNITS_EINVAL;
    }
    if (rc != UNITS_OK)
        goto out;
    if (a.count == 0) {
        set_err(err, errlen, "%s: không có dòng dữ liệu nào", src->name);
        rc = UNITS_EFORMAT;
        goto out;
    }
    rc = dedupe(src, &a, err, errlen);
    if (rc != UNITS_OK)
        goto out;
    *out = xreallocarray(NULL, a.count, sizeof(**out));
    for (i = 0; i < a.count; i++) {
        (*out)[i] = a.items[i].v;
        copy_text((*out)[i].valid_from, UNITS_DATE_SIZE, src->date, 10);
        (*out)[i].valid_to[0] = '\0';
    }
    *n = a.count;
out:
    free(a.items);
    csv_reader_free(p.csv);
    return rc;
}

static int cmp_link(const void *pa, const void *pb)
{
    const struct units_link *a = pa, *b = pb;
    int c = strcmp(a->effective, b->effective);

    if (c == 0)
        c = strcmp(a->new_code, b->new_code);
    if (c == 0)
        c = strcmp(a->old_code, b->old_code);
    return c;
}

int units_links_parse(const struct units_source *src, struct units_link **out,
                      size_t *n, char *err, size_t errlen)
{
    struct parse p;
    struct units_link *links = NULL;
    size_t count = 0, cap = 0, i;
    int kind = src->kind, rc;
    char prov[UNITS_CODE_SIZE];

    assert(src != NULL && out != NULL && n != NULL);
    *out = NULL;
    *n = 0;
    rc = parse_open(&p, src, &kind, err, errlen);
    if (rc != UNITS_OK)
        goto out;
    if (kind != UNITS_KIND_LINKS) {
        set_err(err, errlen, "%s: không phải bảng đơn vị tiền thân", src->name);
        rc = UNITS_EINVAL;
        goto out;
    }
    while ((rc = parse_row(&p, NELEM(hdr_links))) == CSV_ROW) {
        struct units_link *l;
        if (count == cap) {
            cap = cap ? cap * 2 : 256;
            links = xreallocarray(links, cap, sizeof(*links));
        }
        l = &links[count];
        memset(l, 0, sizeof(*l));
        copy_text(l->effective, UNITS_DATE_SIZE, src->date, 10);
        rc = get_code(&p, 0, hdr_links[0], 2, 0, prov);
        if (rc == UNITS_OK)
            rc = get_code(&p, 1, hdr_links[1], 5, 0, l->new_code);
        if (rc == UNITS_OK)
            rc = get_text(&p, 2, hdr_links[2], l->new_name, UNITS_NAME_SIZE);
        /* old_commune_code: 3 digits for the island districts that had no
         * communes (data/units/README.md) */
        if (rc == UNITS_OK)
            rc = get_code(&p, 3, hdr_links[3], 5, 3, l->old_code);
        if (rc == UNITS_OK)
            rc = get_text(&p, 4, hdr_links[4], l->old_name, UNITS_NAME_SIZE);
        if (rc == UNITS_OK) {
            if (csv_field_eq(&p.f[5], "full"))
                l->partial = 0;
            else if (csv_field_eq(&p.f[5], "partial"))
                l->partial = 1;
            else
                rc = row_err(&p, UNITS_EFORMAT, hdr_links[5],
                             "phải là full hoặc partial");
        }
        if (rc != UNITS_OK)
            goto out;
        count++;
    }
    if (rc != CSV_DONE)
        goto out;
    rc = UNITS_OK;
    if (count == 0) {
        set_err(err, errlen, "%s: không có dòng dữ liệu nào", src->name);
        rc = UNITS_EFORMAT;
        goto out;
    }
    qsort(links, count, sizeof(*links), cmp_link);
    for (i = 1; i < count; i++) {
        if (cmp_link(&links[i - 1], &links[i]) == 0) {
            set_err(err, errlen, "%s: liên kết %s <- %s bị lặp", src->name,
                    links[i].new_code, links[i].old_code);
            rc = UNITS_ECONFLICT;
            goto out;
        }
    }
    *out = links;
    *n = count;
    links = NULL;
out:
    free(links);
    csv_reader_free(p.csv);
    return rc;
}

/* --- Building versions ------------------------------------------------- */

struct list {
    const struct units_source *src;
    struct units_version *units;
    size_t n;
};

struct versions {
    struct units_version *items;
    size_t count;
    size_t cap;
};

static size_t push_version(struct versions *vs, const struct units_version *v)
{
    if (vs->count == vs->cap) {
        vs->cap = vs->cap ? vs->cap * 2 : 1024;
        vs->items = xreallocarray(vs->items, vs->cap, sizeof(*vs->items));
    }
    vs->items[vs->count] = *v;
    return vs->count++;
}

static int cmp_list_date(const void *pa, const void *pb)
{
    const struct list *a = pa, *b = pb;
    return strcmp(a->src->date, b->src->date);
}

static int cmp_version(const void *pa, const void *pb)
{
    const struct units_version *a = pa, *b = pb;
    int c = cmp_key(a, b);
    return c != 0 ? c : strcmp(a->valid_from, b->valid_from);
}

/* Apply one list (sorted by key) to the open versions (indices into vs,
 * sorted by key). Returns the new open set in *next (caller frees). */
static void apply_list(struct versions *vs, const size_t *open, size_t nopen,
                       const struct list *l, size_t **next, size_t *nnext)
{
    size_t i = 0, j = 0, k = 0;
    size_t *res = xreallocarray(NULL, nopen + l->n + 1, sizeof(*res));
    const char *date = l->src->date;

    while (i < nopen || j < l->n) {
        int c;
        if (i == nopen)
            c = 1;
        else if (j == l->n)
            c = -1;
        else
            c = cmp_key(&vs->items[open[i]], &l->units[j]);
        if (c < 0) { /* gone from the list */
            copy_text(vs->items[open[i]].valid_to, UNITS_DATE_SIZE, date, 10);
            i++;
        } else if (c > 0) { /* new unit */
            res[k++] = push_version(vs, &l->units[j]);
            j++;
        } else if (same_unit(&vs->items[open[i]], &l->units[j])) {
            res[k++] = open[i];
            i++;
            j++;
        } else { /* changed: end the old version, start a new one */
            copy_text(vs->items[open[i]].valid_to, UNITS_DATE_SIZE, date, 10);
            res[k++] = push_version(vs, &l->units[j]);
            i++;
            j++;
        }
    }
    *next = res;
    *nnext = k;
}

/* Binary search a commune code in a list sorted by (level, code). */
static const struct units_version *find_unit(const struct list *l, int level,
                                             const char *code)
{
    size_t lo = 0, hi = l->n;
    struct units_version key;

    memset(&key, 0, sizeof(key));
    key.level = level;
    copy_text(key.code, UNITS_CODE_SIZE, code, strlen(code));
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_key(&l->units[mid], &key);
        if (c == 0)
            return &l->units[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Check a mapping's new side against the list of the same date. */
static int check_links(const struct units_source *src,
                       const struct units_link *links, size_t n,
                       const struct list *l, char *err, size_t errlen)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const struct units_version *u =
            find_unit(l, UNITS_COMMUNE, links[i].new_code);
        if (u == NULL) {
            set_err(err, errlen, "%s: mã xã mới %s không có trong danh sách %s",
                    src->name, links[i].new_code, l->src->name);
            return UNITS_ECONFLICT;
        }
        if (strcmp(u->name, links[i].new_name) != 0) {
            set_err(err, errlen, "%s: tên xã mới %s (%s) khác với danh sách %s",
                    src->name, links[i].new_code, links[i].new_name,
                    l->src->name);
            return UNITS_ECONFLICT;
        }
    }
    return UNITS_OK;
}

int units_dataset_build(const struct units_source *src, size_t nsrc,
                        struct units_dataset **out, char *err, size_t errlen)
{
    struct list lists[UNITS_MAX_SOURCES];
    struct versions vs = {0};
    struct units_link *links = NULL;
    size_t nlists = 0, nlinks = 0, i, *open = NULL, nopen = 0;
    struct units_dataset *ds = NULL;
    int rc = UNITS_OK;

    assert(out != NULL);
    *out = NULL;
    memset(lists, 0, sizeof(lists));
    if (nsrc == 0 || nsrc > UNITS_MAX_SOURCES) {
        set_err(err, errlen, "số tệp danh sách không hợp lệ");
        return UNITS_EINVAL;
    }
    /* Parse every list first, so links can be checked against them. */
    for (i = 0; i < nsrc; i++) {
        struct units_source s = src[i];
        struct parse p;
        int kind = s.kind;
        if (kind == UNITS_KIND_AUTO) {
            rc = parse_open(&p, &s, &kind, err, errlen);
            csv_reader_free(p.csv);
            if (rc != UNITS_OK)
                goto out;
        }
        if (kind == UNITS_KIND_LINKS)
            continue;
        lists[nlists].src = &src[i];
        rc = units_list_parse(&s, &lists[nlists].units, &lists[nlists].n, err,
                              errlen);
        if (rc != UNITS_OK)
            goto out;
        nlists++;
    }
    if (nlists == 0) {
        set_err(err, errlen, "không có danh sách đơn vị hành chính nào");
        rc = UNITS_EINVAL;
        goto out;
    }
    qsort(lists, nlists, sizeof(lists[0]), cmp_list_date);
    for (i = 1; i < nlists; i++) {
        if (strcmp(lists[i - 1].src->date, lists[i].src->date) == 0) {
            set_err(err, errlen, "%s và %s có cùng ngày hiệu lực %s",
                    lists[i - 1].src->name, lists[i].src->name,
                    lists[i].src->date);
            rc = UNITS_EINVAL;
            goto out;
        }
    }
    for (i = 0; i < nsrc; i++) {
        struct units_link *l = NULL;
        size_t n = 0, k;
        struct parse p;
        int kind = src[i].kind;
        if (kind == UNITS_KIND_AUTO) {
            rc = parse_open(&p, &src[i], &kind, err, errlen);
            csv_reader_free(p.csv);
            if (rc != UNITS_OK)
                goto out;
        }
        if (kind != UNITS_KIND_LINKS)
            continue;
        rc = units_links_parse(&src[i], &l, &n, err, errlen);
        if (rc != UNITS_OK)
            goto out;
        for (k = 0; k < nlists && rc == UNITS_OK; k++)
            if (strcmp(lists[k].src->date, src[i].date) == 0)
                rc = check_links(&src[i], l, n, &lists[k], err, errlen);
        if (rc != UNITS_OK) {
            free(l);
            goto out;
        }
        links = xreallocarray(links, nlinks + n + 1, sizeof(*links));
        memcpy(links + nlinks, l, n * sizeof(*l));
        nlinks += n;
        free(l);
    }
    for (i = 0; i < nlists; i++) {
        size_t *next, nnext;
        apply_list(&vs, open, nopen, &lists[i], &next, &nnext);
        free(open);
        open = next;
        nopen = nnext;
    }
    qsort(vs.items, vs.count, sizeof(*vs.items), cmp_version);
    if (nlinks > 0)
        qsort(links, nlinks, sizeof(*links), cmp_link);
    for (i = 1; i < nlinks; i++) {
        if (cmp_link(&links[i - 1], &links[i]) == 0) {
            set_err(err, errlen, "liên kết %s <- %s ngày %s bị lặp",
                    links[i].new_code, links[i].old_code, links[i].effective);
            rc = UNITS_ECONFLICT;
            goto out;
        }
    }
    ds = xcalloc(1, sizeof(*ds));
    ds->versions = vs.items;
    ds->nversions = vs.count;
    ds->links = links;
    ds->nlinks = nlinks;
    copy_text(ds->earliest, UNITS_DATE_SIZE, lists[0].src->date, 10);
    vs.items = NULL;
    links = NULL;
    *out = ds;
out:
    for (i = 0; i < nlists; i++)
        free(lists[i].units);
    free(open);
    free(vs.items);
    free(links);
    return rc;
}

void units_dataset_free(struct units_dataset *ds)
{
    if (ds == NULL)
        return;
    free(ds->versions);
    free(ds->links);
    free(ds);
}
