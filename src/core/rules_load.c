/* rules_load.c: parsing and validating rule files (see rules.h and
 * docs/rules.md for the format).
 *
 * Each file is CSV with a header naming its columns (any order, any subset
 * of the known ones, the required ones present). Rows are validated one by
 * one in rules_load; rules_finish then checks rows against each other
 * (overlapping periods, overlays lowering national values, exact
 * products) and builds the per-kind indexes rules.c reads. Every message
 * is Vietnamese and names the file and the line.
 */
#include "core/rules.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/money.h"
#include "core/rules_int.h"
#include "core/text.h"
#include "util/csv.h"
#include "util/xalloc.h"

/* Largest level accepted (đồng) and coefficient (thousandths): far above
 * any real value, so level x coefficient stays far below MONEY_MAX. */
#define LEVEL_MAX INT64_C(1000000000)
#define COEFF_MAX 1000000
#define AGE_MAX   150

enum col {
    C_KIND,
    C_KEY,
    C_SUBJECT,
    C_DISABILITY,
    C_CONDITION,
    C_AGE_MIN,
    C_AGE_MAX,
    C_AGE_END,
    C_COUNT_MIN,
    C_VALUE,
    C_BASE,
    C_CONTINUES_AS,
    C_FROM,
    C_TO,
    C_INSTRUMENT,
    C_ARTICLE,
    C_CONFIDENCE,
    C_RULES_REF,
    C_LABEL,
    C_NOTE,
    C_PROVINCE,
    C_KNOWN_FROM,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "kind",     "key",          "subject",   "disability", "condition",
    "age_min",  "age_max",      "age_end",   "count_min",  "value",
    "base",     "continues_as", "from",      "to",         "instrument",
    "article",  "confidence",   "rules_ref", "label",      "note",
    "province", "known_from"};

/* Columns every file must have. */
static const int required_cols[] = {
    C_KIND, C_KEY, C_FROM, C_INSTRUMENT, C_ARTICLE, C_CONFIDENCE, C_RULES_REF};

static const char *const kind_names[RK_COUNT] = {
    "level",      "coeff",     "limit",   "stack",   "care",
    "care_limit", "nurturing", "funeral", "category"};

/* Which optional columns a kind may fill (bit per enum col). */
#define B(c) (1u << (c))
static const unsigned kind_cols[RK_COUNT] = {
    [RK_LEVEL] = B(C_VALUE),
    [RK_COEFF] = B(C_SUBJECT) | B(C_DISABILITY) | B(C_AGE_MIN) | B(C_AGE_MAX) |
                 B(C_VALUE) | B(C_BASE),
    [RK_LIMIT] = B(C_SUBJECT) | B(C_CONDITION) | B(C_AGE_MIN) | B(C_AGE_END) |
                 B(C_CONTINUES_AS),
    [RK_STACK] = B(C_VALUE),
    [RK_CARE] = B(C_DISABILITY) | B(C_AGE_MIN) | B(C_AGE_MAX) | B(C_COUNT_MIN) |
                B(C_VALUE),
    [RK_CARE_LIMIT] = B(C_SUBJECT) | B(C_AGE_MIN) | B(C_AGE_END),
    [RK_NURTURING] = B(C_AGE_MIN) | B(C_AGE_MAX) | B(C_VALUE),
    [RK_FUNERAL] = B(C_BASE) | B(C_VALUE),
    [RK_CATEGORY] = 0,
};
/* Columns any kind may fill. */
#define COMMON_COLS                                                            \
    (B(C_KIND) | B(C_KEY) | B(C_FROM) | B(C_TO) | B(C_INSTRUMENT) |            \
     B(C_ARTICLE) | B(C_CONFIDENCE) | B(C_RULES_REF) | B(C_LABEL) |            \
     B(C_NOTE) | B(C_PROVINCE) | B(C_KNOWN_FROM))

static const char *const confidence_names[] = {"confirmed", "secondary",
                                               "unverified"};

/* --- Errors ------------------------------------------------------------
 */

/* Cut s (a NUL-terminated buffer) so it does not end inside a UTF-8
 * sequence, after a truncating snprintf. */
static void utf8_trim(char *s)
{
    size_t n = strlen(s), i = n, need;
    unsigned char c;

    while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return;
    c = (unsigned char)s[i - 1];
    if (c < 0x80)
        return;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (n - (i - 1) < need)
        s[i - 1] = '\0';
}

static int load_err(struct rules_err *err, int rc, const char *file,
                    size_t line, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int load_err(struct rules_err *err, int rc, const char *file,
                    size_t line, const char *fmt, ...)
{
    char detail[400];
    va_list ap;

    if (err == NULL)
        return rc;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    utf8_trim(detail);
    snprintf(err->file, sizeof err->file, "%s", file);
    utf8_trim(err->file);
    err->line = line;
    err->field[0] = '\0';
    if (line > 0)
        snprintf(err->message, sizeof err->message, "%s, dòng %zu: %s", file,
                 line, detail);
    else
        snprintf(err->message, sizeof err->message, "%s: %s", file, detail);
    utf8_trim(err->message);
    return rc;
}

/* --- Shared helpers (rules_int.h) ---------------------------------------
 */

int rules__key_matches(const char *pattern, const char *code)
{
    size_t n = strlen(pattern);

    if (n > 0 && pattern[n - 1] == '*')
        return strncmp(pattern, code, n - 1) == 0 && strlen(code) > n - 1;
    return strcmp(pattern, code) == 0;
}

int rules__keys_intersect(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    int fa = na > 0 && a[na - 1] == '*', fb = nb > 0 && b[nb - 1] == '*';

    if (fa && fb) {
        size_t n = na < nb ? na - 1 : nb - 1;
        return strncmp(a, b, n) == 0;
    }
    if (fa)
        return rules__key_matches(a, b);
    if (fb)
        return rules__key_matches(b, a);
    return strcmp(a, b) == 0;
}

int rules__disability_matches(int row, int person)
{
    switch (row) {
    case RD_ANY:
        return 1;
    case RD_NONE:
        return person == RULES_DIS_NONE;
    case RD_SEVERE:
        return person == RULES_DIS_SEVERE;
    case RD_ESEVERE:
        return person == RULES_DIS_ESPECIALLY_SEVERE;
    case RD_DISABLED:
        return person != RULES_DIS_NONE;
    default:
        return 0;
    }
}

int32_t rules__month_index(struct month m)
{
    return (int32_t)m.y * 12 + (m.m - 1);
}

/* --- The set ------------------------------------------------------------
 */

struct rules *rules_new(void)
{
    return xcalloc(1, sizeof(struct rules));
}

static void row_free(struct rules_row *w)
{
    free(w->label);
    free(w->basis);
    free(w->rules_ref);
    free(w->note);
}

void rules_free(struct rules *r)
{
    size_t i;

    if (r == NULL)
        return;
    for (i = 0; i < r->nrows; i++)
        row_free(&r->rows[i]);
    free(r->rows);
    for (i = 0; i < r->nfiles; i++)
        free(r->files[i]);
    free(r->files);
    for (i = 0; i < RK_COUNT; i++)
        free(r->by_kind[i]);
    free(r);
}

size_t rules_row_count(const struct rules *r)
{
    return r ? r->nrows : 0;
}

const char *rules_confidence_name(int confidence)
{
    if (confidence < 0 || confidence > RULES_UNVERIFIED)
        return "";
    return confidence_names[confidence];
}

/* Copy field f into out for a message: at most 40 bytes, printable ASCII
 * kept, anything else (control bytes, UTF-8, quotes) shown as '?', so
 * what the file holds can never break the message's UTF-8 or its line. */
static const char *echo(const struct csv_field *f, char out[48])
{
    size_t i, n = f->len > 40 ? 40 : f->len;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)f->ptr[i];

        out[i] = c >= 0x20 && c < 0x7f && c != '"' ? (char)c : '?';
    }
    out[n] = '\0';
    return out;
}

/* --- Field parsers --------------------------------------------------------
 * Each returns 0 on success, -1 on a bad value (the caller reports it).
 */

static int field_is(const struct csv_field *f, const char *s)
{
    return csv_field_eq(f, s);
}

/* Copy f into out (cap bytes) if it fits and is printable ASCII of the
 * allowed shape: [A-Za-z0-9_*]. */
static int parse_code(const struct csv_field *f, char *out, size_t cap)
{
    size_t i;

    if (f->len == 0 || f->len >= cap)
        return -1;
    for (i = 0; i < f->len; i++) {
        char c = f->ptr[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_' ||
              (c == '*' && i == f->len - 1)))
            return -1;
    }
    memcpy(out, f->ptr, f->len);
    out[f->len] = '\0';
    return 0;
}

/* A small non-negative integer (ages, counts): 1-3 digits, <= max. */
static int parse_small(const struct csv_field *f, int max, int *out)
{
    int v = 0;
    size_t i;

    if (f->len == 0 || f->len > 3)
        return -1;
    for (i = 0; i < f->len; i++) {
        if (f->ptr[i] < '0' || f->ptr[i] > '9')
            return -1;
        v = v * 10 + (f->ptr[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* A level in đồng: digits only, 1..LEVEL_MAX. */
static int parse_level(const struct csv_field *f, int64_t *out)
{
    int64_t v = 0;
    size_t i;

    if (f->len == 0 || f->len > 10)
        return -1;
    for (i = 0; i < f->len; i++) {
        if (f->ptr[i] < '0' || f->ptr[i] > '9')
            return -1;
        v = v * 10 + (f->ptr[i] - '0');
    }
    if (v < 1 || v > LEVEL_MAX)
        return -1;
    *out = v;
    return 0;
}

/* A coefficient "2.5" (money_parse_coeff, '.' only), > 0, <= 1000. */
static int parse_coeff(const struct csv_field *f, int64_t *out)
{
    int milli;

    if (memchr(f->ptr, ',', f->len) != NULL)
        return -1;
    if (money_parse_coeff(f->ptr, f->len, &milli) != MONEY_OK)
        return -1;
    if (milli <= 0 || milli > COEFF_MAX)
        return -1;
    *out = milli;
    return 0;
}

/* A date 'YYYY-MM-DD' on the first day of a month, from 2021-07-01. */
static int parse_month_start(const struct csv_field *f, int32_t *out,
                             const char **why)
{
    struct date d;

    if (date_parse_iso(f->ptr, f->len, &d) != DATE_OK) {
        *why = "không phải ngày hợp lệ dạng YYYY-MM-DD";
        return -1;
    }
    if (d.d != 1) {
        *why = "phải là ngày 01 của tháng (tham số áp dụng theo tháng)";
        return -1;
    }
    if (d.y < RULES_FIRST_YEAR ||
        (d.y == RULES_FIRST_YEAR && d.m < RULES_FIRST_MONTH)) {
        *why = "trước 01/07/2021, ngày Nghị định 20/2021/NĐ-CP có hiệu lực";
        return -1;
    }
    *out = (int32_t)d.y * 12 + (d.m - 1);
    return 0;
}

/* Text for labels and bases: valid UTF-8, no control characters. */
static int text_ok(const struct csv_field *f)
{
    size_t i;

    if (!text_valid_utf8(f->ptr, f->len))
        return 0;
    for (i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->ptr[i];

        if (c < 0x20 || c == 0x7f)
            return 0;
    }
    return 1;
}

/* A local category code: 'L', the province's 2 digits, 1-3 letters a-z
 * ("L35a"); it can never equal a K code of core/category.h. */
static int local_code_ok(const char *code, const char *province)
{
    size_t n = strlen(code), i;

    if (n < 4 || n > 6 || code[0] != 'L')
        return 0;
    if (code[1] != province[0] || code[2] != province[1])
        return 0;
    for (i = 3; i < n; i++)
        if (code[i] < 'a' || code[i] > 'z')
            return 0;
    return 1;
}

/* 1 if pattern is a national category code or a family ("K1*") covering
 * at least one category. */
static int national_category_ok(const char *pattern)
{
    size_t i, n = category_count();

    for (i = 0; i < n; i++)
        if (rules__key_matches(pattern, category_at(i)->code))
            return 1;
    return 0;
}

/* --- One file -------------------------------------------------------------
 */

struct loader {
    struct rules *r;
    const char *file; /* owned by r->files */
    int overlay;
    int col[C_COUNT]; /* field index of each column, or -1 */
    size_t nfields;
    struct rules_err *err;
};

/* The field of column c in this row, or an empty field. */
static struct csv_field get(const struct loader *ld,
                            const struct csv_field *fields, size_t n, int c)
{
    struct csv_field empty = {"", 0};
    int i = ld->col[c];

    if (i < 0 || (size_t)i >= n)
        return empty;
    return fields[i];
}

static int read_header(struct loader *ld, const struct csv_field *fields,
                       size_t n, size_t line)
{
    size_t i;
    int c;

    for (c = 0; c < C_COUNT; c++)
        ld->col[c] = -1;
    for (i = 0; i < n; i++) {
        for (c = 0; c < C_COUNT; c++)
            if (field_is(&fields[i], col_names[c]))
                break;
        if (c == C_COUNT) {
            char e[48];

            return load_err(ld->err, RULES_EFORMAT, ld->file, line,
                            "cột không biết: \"%s\" (các cột: "
                            "docs/rules.md)",
                            echo(&fields[i], e));
        }
        if (ld->col[c] >= 0)
            return load_err(ld->err, RULES_EFORMAT, ld->file, line,
                            "cột \"%s\" lặp lại", col_names[c]);
        ld->col[c] = (int)i;
    }
    for (i = 0; i < sizeof required_cols / sizeof required_cols[0]; i++)
        if (ld->col[required_cols[i]] < 0)
            return load_err(ld->err, RULES_EFORMAT, ld->file, line,
                            "thiếu cột bắt buộc \"%s\"",
                            col_names[required_cols[i]]);
    if (ld->overlay && ld->col[C_PROVINCE] < 0)
        return load_err(ld->err, RULES_EFORMAT, ld->file, line,
                        "tệp quy định địa phương phải có cột \"province\"");
    if (!ld->overlay && ld->col[C_PROVINCE] >= 0)
        return load_err(ld->err, RULES_EFORMAT, ld->file, line,
                        "tệp quy định quốc gia không được có cột "
                        "\"province\"");
    ld->nfields = n;
    return RULES_OK;
}

#define ROW_ERR(...)                                                           \
    load_err(ld->err, RULES_EFORMAT, ld->file, line, __VA_ARGS__)

/* Parse the kind-independent columns: key syntax aside, dates, basis,
 * confidence, texts, province. */
static int read_common(struct loader *ld, const struct csv_field *f, size_t n,
                       size_t line, struct rules_row *w)
{
    struct csv_field v;
    const char *why = "";
    int c;

    v = get(ld, f, n, C_FROM);
    if (v.len == 0)
        return ROW_ERR("thiếu ngày áp dụng (cột from)");
    if (parse_month_start(&v, &w->from, &why) != 0)
        return ROW_ERR("cột from: %s", why);
    v = get(ld, f, n, C_TO);
    w->to = RULES_OPEN;
    if (v.len > 0) {
        if (parse_month_start(&v, &w->to, &why) != 0)
            return ROW_ERR("cột to: %s", why);
        if (w->to <= w->from)
            return ROW_ERR("cột to phải sau cột from");
    }
    w->known_from = INT64_MIN;
    w->shadow_until = INT64_MIN;
    w->shadow_to = w->to;
    v = get(ld, f, n, C_KNOWN_FROM);
    if (v.len > 0) {
        struct date d, first;

        if (date_parse_iso(v.ptr, v.len, &d) != DATE_OK)
            return ROW_ERR("cột known_from: không phải ngày hợp lệ dạng "
                           "YYYY-MM-DD");
        first.y = w->from / 12;
        first.m = w->from % 12 + 1;
        first.d = 1;
        if (date_cmp(d, first) <= 0)
            return ROW_ERR("cột known_from phải sau ngày của cột from (chỉ "
                           "ghi khi quy định được ban hành sau tháng nó áp "
                           "dụng; để trống nếu không)");
        w->known_from = date_to_days(d);
    }
    for (c = C_INSTRUMENT; c <= C_NOTE; c++) {
        v = get(ld, f, n, c);
        if (!text_ok(&v))
            return ROW_ERR("cột %s: văn bản không hợp lệ (UTF-8, không có "
                           "ký tự điều khiển)",
                           col_names[c]);
    }
    if (get(ld, f, n, C_INSTRUMENT).len == 0 ||
        get(ld, f, n, C_ARTICLE).len == 0)
        return ROW_ERR("thiếu căn cứ pháp lý (cột instrument và article "
                       "đều bắt buộc)");
    v = get(ld, f, n, C_CONFIDENCE);
    for (c = 0; c <= RULES_UNVERIFIED; c++)
        if (field_is(&v, confidence_names[c]))
            break;
    if (c > RULES_UNVERIFIED)
        return ROW_ERR("cột confidence phải là confirmed, secondary hoặc "
                       "unverified");
    w->confidence = c;
    v = get(ld, f, n, C_RULES_REF);
    if (v.len < 11 || memcmp(v.ptr, "RULES.md §", 11) != 0)
        return ROW_ERR("cột rules_ref phải có dạng \"RULES.md §2.3\"");
    if (ld->overlay) {
        v = get(ld, f, n, C_PROVINCE);
        if (v.len != 2 || v.ptr[0] < '0' || v.ptr[0] > '9' || v.ptr[1] < '0' ||
            v.ptr[1] > '9')
            return ROW_ERR("cột province phải là mã tỉnh 2 chữ số");
        memcpy(w->province, v.ptr, 2);
        w->province[2] = '\0';
    }
    return RULES_OK;
}

/* Key validity per kind. */
static int read_key(struct loader *ld, const struct csv_field *f, size_t n,
                    size_t line, struct rules_row *w)
{
    struct csv_field v = get(ld, f, n, C_KEY);
    char e[48];
    size_t len;

    if (parse_code(&v, w->key, sizeof w->key) != 0)
        return ROW_ERR("cột key: mã không hợp lệ \"%s\" (chữ Latin không "
                       "dấu, chữ số, _; tối đa %d ký tự)",
                       echo(&v, e), RULES_CODE_SIZE - 1);
    len = strlen(w->key);
    switch (w->kind) {
    case RK_LEVEL:
        if (strcmp(w->key, "standard") != 0 &&
            strcmp(w->key, "social_pension") != 0)
            return ROW_ERR("mức (level) chỉ có key standard hoặc "
                           "social_pension, không phải \"%s\"",
                           w->key);
        return RULES_OK;
    case RK_COEFF:
    case RK_LIMIT:
    case RK_STACK:
        if (strcmp(w->key, "social_pension") == 0 && w->kind != RK_STACK)
            return RULES_OK;
        if (w->key[0] == 'L') {
            if (!ld->overlay || !local_code_ok(w->key, w->province))
                return ROW_ERR("diện không biết: %s (diện địa phương phải "
                               "có dạng L<mã tỉnh><chữ thường>, trong tệp "
                               "của tỉnh đó)",
                               w->key);
            return RULES_OK;
        }
        if (!national_category_ok(w->key) ||
            (w->key[len - 1] == '*' && len < 3))
            return ROW_ERR("diện không biết: %s", w->key);
        return RULES_OK;
    case RK_CATEGORY:
        if (!ld->overlay)
            return ROW_ERR("loại category chỉ dùng trong tệp địa phương");
        if (!local_code_ok(w->key, w->province))
            return ROW_ERR("diện địa phương phải có dạng L<mã tỉnh><1-3 chữ "
                           "thường a-z>, ví dụ L%sa; không phải \"%s\"",
                           w->province, w->key);
        return RULES_OK;
    default: /* care, care_limit, nurturing, funeral: a case code */
        if (w->key[len - 1] == '*' || w->key[0] < 'a' || w->key[0] > 'z')
            return ROW_ERR("mã trường hợp phải viết thường, ví dụ "
                           "k1_child; không phải \"%s\"",
                           w->key);
        return RULES_OK;
    }
}

/* The kind-specific columns. */
static int read_specific(struct loader *ld, const struct csv_field *f, size_t n,
                         size_t line, struct rules_row *w)
{
    struct csv_field v;
    int c;

    for (c = 0; c < C_COUNT; c++) {
        unsigned bit = 1u << c;

        if ((COMMON_COLS | kind_cols[w->kind]) & bit)
            continue;
        if (get(ld, f, n, c).len > 0)
            return ROW_ERR("cột %s không dùng cho loại %s", col_names[c],
                           kind_names[w->kind]);
    }
    v = get(ld, f, n, C_SUBJECT);
    if (v.len > 0) {
        if (!field_is(&v, "child"))
            return ROW_ERR("cột subject chỉ nhận \"child\" (để trống: chính "
                           "đối tượng)");
        w->child = 1;
    }
    v = get(ld, f, n, C_DISABILITY);
    w->disability = RD_ANY;
    if (v.len > 0) {
        if (field_is(&v, "none"))
            w->disability = RD_NONE;
        else if (field_is(&v, "severe"))
            w->disability = RD_SEVERE;
        else if (field_is(&v, "especially_severe"))
            w->disability = RD_ESEVERE;
        else if (field_is(&v, "any"))
            w->disability = RD_DISABLED;
        else
            return ROW_ERR("cột disability: none, severe, especially_severe "
                           "hoặc any");
    }
    v = get(ld, f, n, C_CONDITION);
    if (v.len > 0) {
        if (field_is(&v, "studying"))
            w->condition = RCOND_STUDYING;
        else if (field_is(&v, "poor"))
            w->condition = RCOND_POOR;
        else
            return ROW_ERR("cột condition: studying hoặc poor");
    }
    w->age_min = w->age_max = w->age_end = -1;
    v = get(ld, f, n, C_AGE_MIN);
    if (v.len > 0 && parse_small(&v, AGE_MAX, &w->age_min) != 0)
        return ROW_ERR("cột age_min: số tuổi 0..%d", AGE_MAX);
    v = get(ld, f, n, C_AGE_MAX);
    if (v.len > 0 && parse_small(&v, AGE_MAX, &w->age_max) != 0)
        return ROW_ERR("cột age_max: số tuổi 0..%d", AGE_MAX);
    v = get(ld, f, n, C_AGE_END);
    if (v.len > 0 &&
        (parse_small(&v, AGE_MAX, &w->age_end) != 0 || w->age_end == 0))
        return ROW_ERR("cột age_end: số tuổi 1..%d", AGE_MAX);
    if (w->age_min >= 0 && w->age_max >= 0 && w->age_max < w->age_min)
        return ROW_ERR("age_max nhỏ hơn age_min");
    if (w->age_min >= 0 && w->age_end >= 0 && w->age_end <= w->age_min)
        return ROW_ERR("age_end phải lớn hơn age_min");
    v = get(ld, f, n, C_COUNT_MIN);
    if (v.len > 0 &&
        (parse_small(&v, 99, &w->count_min) != 0 || w->count_min == 0))
        return ROW_ERR("cột count_min: số 1..99");
    v = get(ld, f, n, C_BASE);
    if (v.len > 0) {
        if (field_is(&v, "social_pension"))
            w->base = RBASE_PENSION;
        else if (!field_is(&v, "standard"))
            return ROW_ERR("cột base: standard hoặc social_pension");
    }
    v = get(ld, f, n, C_CONTINUES_AS);
    if (v.len > 0) {
        if (parse_code(&v, w->target, sizeof w->target) != 0 ||
            category_find(w->target, strlen(w->target)) == NULL)
            return ROW_ERR("cột continues_as: diện không biết");
        if (w->age_end < 0)
            return ROW_ERR("continues_as cần age_end (diện tiếp tục sau "
                           "giới hạn tuổi)");
    }
    v = get(ld, f, n, C_VALUE);
    switch (w->kind) {
    case RK_LEVEL:
        if (v.len == 0 || parse_level(&v, &w->value) != 0)
            return ROW_ERR("cột value: mức phải là số đồng nguyên dương "
                           "(không dấu chấm), tối đa 1.000.000.000");
        break;
    case RK_COEFF:
    case RK_CARE:
    case RK_NURTURING:
    case RK_FUNERAL:
        if (v.len == 0 || parse_coeff(&v, &w->value) != 0)
            return ROW_ERR("cột value: hệ số phải là số thập phân dương "
                           "dạng 2.5 (tối đa 3 chữ số thập phân, dấu "
                           "chấm)");
        break;
    case RK_STACK:
        if (parse_code(&v, w->target, sizeof w->target) != 0 ||
            !national_category_ok(w->target))
            return ROW_ERR("cột value: diện được hưởng cùng không biết");
        break;
    case RK_LIMIT:
    case RK_CARE_LIMIT:
        if (w->age_min < 0 && w->age_end < 0 && w->condition == RCOND_NONE)
            return ROW_ERR("giới hạn trống: cần age_min, age_end hoặc "
                           "condition");
        break;
    case RK_CATEGORY:
        if (get(ld, f, n, C_LABEL).len == 0)
            return ROW_ERR("diện địa phương cần tên (cột label)");
        break;
    default:
        break;
    }
    if (w->base == RBASE_PENSION && w->kind == RK_COEFF &&
        strcmp(w->key, "social_pension") != 0)
        return ROW_ERR("base social_pension chỉ dùng cho key social_pension");
    if (w->kind == RK_COEFF && strcmp(w->key, "social_pension") == 0 &&
        w->base != RBASE_PENSION)
        return ROW_ERR("key social_pension cần base social_pension");
    return RULES_OK;
}

/* Kinds a provincial overlay may hold (Decree 20 Art. 4(3): higher levels
 * and added categories). */
static int overlay_kind_ok(const struct rules_row *w)
{
    switch (w->kind) {
    case RK_LEVEL:
    case RK_COEFF:
    case RK_CARE:
    case RK_NURTURING:
    case RK_FUNERAL:
    case RK_CATEGORY:
        return 1;
    case RK_LIMIT: /* only for its own local categories */
        return w->key[0] == 'L';
    default:
        return 0;
    }
}

static char *field_dup(const struct csv_field *f)
{
    return xstrndup(f->ptr, f->len);
}

static int read_row(struct loader *ld, const struct csv_field *f, size_t n,
                    size_t line, struct rules_row *w)
{
    struct csv_field v;
    char basis[2 * RULES_MAX_FIELD + 3], e[48];
    int rc, k;

    memset(w, 0, sizeof *w);
    if (n != ld->nfields)
        return ROW_ERR("số cột (%zu) khác dòng tiêu đề (%zu)", n, ld->nfields);
    v = get(ld, f, n, C_KIND);
    for (k = 0; k < RK_COUNT; k++)
        if (field_is(&v, kind_names[k]))
            break;
    if (k == RK_COUNT)
        return ROW_ERR("loại (kind) không biết: \"%s\"", echo(&v, e));
    w->kind = k;
    rc = read_common(ld, f, n, line, w);
    if (rc == RULES_OK)
        rc = read_key(ld, f, n, line, w);
    if (rc == RULES_OK)
        rc = read_specific(ld, f, n, line, w);
    if (rc != RULES_OK)
        return rc;
    if (ld->overlay && !overlay_kind_ok(w))
        return ROW_ERR("quy định địa phương không được có loại %s%s",
                       kind_names[w->kind],
                       w->kind == RK_LIMIT ? " cho diện quốc gia" : "");
    w->file = ld->file;
    w->line = line;
    snprintf(basis, sizeof basis, "%.*s, %.*s",
             (int)get(ld, f, n, C_INSTRUMENT).len,
             get(ld, f, n, C_INSTRUMENT).ptr, (int)get(ld, f, n, C_ARTICLE).len,
             get(ld, f, n, C_ARTICLE).ptr);
    w->basis = xstrdup(basis);
    v = get(ld, f, n, C_LABEL);
    w->label = field_dup(&v);
    v = get(ld, f, n, C_RULES_REF);
    w->rules_ref = field_dup(&v);
    v = get(ld, f, n, C_NOTE);
    w->note = field_dup(&v);
    return RULES_OK;
}

#undef ROW_ERR

int rules_load(struct rules *r, const char *name, const char *data, size_t len,
               int overlay, struct rules_err *err)
{
    struct csv_options opt = {32, RULES_MAX_FIELD, RULES_MAX_ROWS + 1, ','};
    struct csv_reader *rd = NULL;
    const struct csv_field *fields;
    struct loader ld;
    size_t nfields, first = r->nrows, i;
    int rc, header = 1;

    if (r->finished)
        return load_err(err, RULES_ESTATE, name ? name : "", 0,
                        "bộ quy định đã khoá, không nạp thêm được");
    if (name == NULL)
        name = "";
    r->files = xreallocarray(r->files, r->nfiles + 1, sizeof *r->files);
    r->files[r->nfiles] = xstrdup(name);
    ld.file = r->files[r->nfiles++];
    ld.r = r;
    ld.overlay = overlay;
    ld.err = err;
    if (data == NULL || len == 0)
        return load_err(err, RULES_EFORMAT, ld.file, 0, "tệp rỗng");
    if (len > RULES_MAX_FILE_BYTES)
        return load_err(err, RULES_EFORMAT, ld.file, 0,
                        "tệp quá lớn (tối đa %u byte)", RULES_MAX_FILE_BYTES);
    if (csv_reader_new(data, len, &opt, &rd) != CSV_OK)
        return load_err(err, RULES_EFORMAT, ld.file, 0, "không đọc được CSV");
    for (;;) {
        rc = csv_next(rd, &fields, &nfields);
        if (rc == CSV_DONE) {
            rc = header ? load_err(err, RULES_EFORMAT, ld.file, 0,
                                   "tệp không có dòng tiêu đề")
                        : RULES_OK;
            break;
        }
        if (rc < 0) {
            rc = load_err(err, RULES_EFORMAT, ld.file, csv_line(rd), "%s",
                          csv_strerror(rc));
            break;
        }
        if (header) {
            rc = read_header(&ld, fields, nfields, csv_line(rd));
            if (rc != RULES_OK)
                break;
            header = 0;
            continue;
        }
        if (r->nrows >= RULES_MAX_ROWS) {
            rc =
                load_err(err, RULES_EFORMAT, ld.file, csv_line(rd),
                         "quá nhiều dòng quy định (tối đa %d)", RULES_MAX_ROWS);
            break;
        }
        if (r->nrows == r->cap) {
            r->cap = r->cap ? r->cap * 2 : 64;
            r->rows = xreallocarray(r->rows, r->cap, sizeof *r->rows);
        }
        rc = read_row(&ld, fields, nfields, csv_line(rd), &r->rows[r->nrows]);
        if (rc != RULES_OK) {
            row_free(&r->rows[r->nrows]);
            break;
        }
        r->nrows++;
    }
    csv_reader_free(rd);
    if (rc != RULES_OK) { /* keep none of this file's rows */
        for (i = first; i < r->nrows; i++)
            row_free(&r->rows[i]);
        r->nrows = first;
    }
    return rc;
}

/* --- Checks across rows ---------------------------------------------------
 */

static int periods_overlap(const struct rules_row *a, const struct rules_row *b)
{
    return a->from < b->to && b->from < a->to;
}

static int bands_overlap(const struct rules_row *a, const struct rules_row *b)
{
    int amin = a->age_min < 0 ? 0 : a->age_min;
    int bmin = b->age_min < 0 ? 0 : b->age_min;
    int amax = a->age_max < 0 ? AGE_MAX + 1 : a->age_max;
    int bmax = b->age_max < 0 ? AGE_MAX + 1 : b->age_max;

    return amin <= bmax && bmin <= amax;
}

static int disabilities_overlap(int a, int b)
{
    if (a == RD_ANY || b == RD_ANY || a == b)
        return 1;
    if (a == RD_DISABLED)
        return b == RD_SEVERE || b == RD_ESEVERE;
    if (b == RD_DISABLED)
        return a == RD_SEVERE || a == RD_ESEVERE;
    return 0;
}

static int is_coeff_kind(int kind)
{
    return kind == RK_COEFF || kind == RK_CARE || kind == RK_NURTURING ||
           kind == RK_FUNERAL;
}

/* 1 if rows a and b (same kind) speak of the same thing, whatever their
 * periods and provinces: then both may not apply in one month. */
static int same_thing(const struct rules_row *a, const struct rules_row *b)
{
    if (a->kind != b->kind || !rules__keys_intersect(a->key, b->key))
        return 0;
    switch (a->kind) {
    case RK_LEVEL:
    case RK_CATEGORY:
        return 1;
    case RK_STACK:
        return rules__keys_intersect(a->target, b->target);
    case RK_LIMIT:
    case RK_CARE_LIMIT:
        return a->child == b->child && a->condition == b->condition;
    default: /* coefficient kinds */
        return a->child == b->child && a->count_min == b->count_min &&
               disabilities_overlap(a->disability, b->disability) &&
               bands_overlap(a, b);
    }
}

static int check_overlaps(const struct rules *r, struct rules_err *err)
{
    size_t i, j;

    for (i = 0; i < r->nrows; i++) {
        const struct rules_row *a = &r->rows[i];

        for (j = i + 1; j < r->nrows; j++) {
            const struct rules_row *b = &r->rows[j];

            if (strcmp(a->province, b->province) != 0 ||
                !periods_overlap(a, b) || !same_thing(a, b))
                continue;
            return load_err(err, RULES_ECONFLICT, b->file, b->line,
                            "trùng thời gian áp dụng với dòng %zu của %s "
                            "(cùng loại %s, key %s)",
                            a->line, a->file, kind_names[a->kind], a->key);
        }
    }
    return RULES_OK;
}

/* Decree 20 Art. 4(3): a province may only raise. An overlay row must not
 * be below the national value in force on its first month. */
static int check_not_lower(const struct rules *r, struct rules_err *err)
{
    size_t i, j;

    for (i = 0; i < r->nrows; i++) {
        const struct rules_row *o = &r->rows[i];

        if (o->province[0] == '\0' ||
            (o->kind != RK_LEVEL && !is_coeff_kind(o->kind)))
            continue;
        for (j = 0; j < r->nrows; j++) {
            const struct rules_row *nat = &r->rows[j];
            char ov[16], nv[16];

            if (nat->province[0] != '\0' || !same_thing(o, nat) ||
                !(nat->from <= o->from && o->from < nat->to) ||
                o->value >= nat->value)
                continue;
            if (o->kind == RK_LEVEL) {
                snprintf(ov, sizeof ov, "%lld", (long long)o->value);
                snprintf(nv, sizeof nv, "%lld", (long long)nat->value);
            } else {
                money_format_coeff((int)o->value, ov);
                money_format_coeff((int)nat->value, nv);
            }
            return load_err(
                err, RULES_ECONFLICT, o->file, o->line,
                "tỉnh %s hạ %s %s xuống %s, thấp hơn mức quốc gia %s "
                "(dòng %zu của %s); Nghị định 20/2021/NĐ-CP Điều "
                "4 khoản 3 chỉ cho phép quy định cao hơn",
                o->province, kind_names[o->kind], o->key, ov, nv, nat->line,
                nat->file);
        }
    }
    return RULES_OK;
}

/* Every level that can be multiplied, times every coefficient that can
 * multiply it, is a whole number of đồng (national rows with national
 * rows; a province's rows with national ones and its own). */
static int check_exact(const struct rules *r, struct rules_err *err)
{
    size_t i, j;

    for (i = 0; i < r->nrows; i++) {
        const struct rules_row *l = &r->rows[i];

        if (l->kind != RK_LEVEL)
            continue;
        for (j = 0; j < r->nrows; j++) {
            const struct rules_row *c = &r->rows[j];
            const struct rules_row *blame;
            int64_t out;
            char cv[16];

            if (!is_coeff_kind(c->kind))
                continue;
            if (l->province[0] != '\0' && c->province[0] != '\0' &&
                strcmp(l->province, c->province) != 0)
                continue;
            if (money_apply_coeff(l->value, (int)c->value, &out) == MONEY_OK)
                continue;
            blame = c->province[0] != '\0' || l->province[0] == '\0' ? c : l;
            money_format_coeff((int)c->value, cv);
            return load_err(err, RULES_ECONFLICT, blame->file, blame->line,
                            "mức %lld đồng (dòng %zu của %s) nhân hệ số %s "
                            "(dòng %zu của %s) không ra số đồng nguyên",
                            (long long)l->value, l->line, l->file, cv, c->line,
                            c->file);
        }
    }
    return RULES_OK;
}

/* Rows naming a local category need its definition in the same province;
 * a national set needs a standard level. */
static int check_references(const struct rules *r, struct rules_err *err)
{
    size_t i, j;
    int have_level = 0;

    for (i = 0; i < r->nrows; i++) {
        const struct rules_row *w = &r->rows[i];
        int found = 0;

        if (w->kind == RK_LEVEL && w->province[0] == '\0' &&
            strcmp(w->key, "standard") == 0)
            have_level = 1;
        if (w->key[0] != 'L' || w->kind == RK_CATEGORY)
            continue;
        for (j = 0; j < r->nrows && !found; j++)
            found = r->rows[j].kind == RK_CATEGORY &&
                    strcmp(r->rows[j].key, w->key) == 0 &&
                    strcmp(r->rows[j].province, w->province) == 0;
        if (!found)
            return load_err(err, RULES_EFORMAT, w->file, w->line,
                            "diện không biết: %s (chưa có dòng category "
                            "định nghĩa diện địa phương này)",
                            w->key);
    }
    if (!have_level)
        return load_err(err, RULES_EFORMAT, "(bộ quy định)", 0,
                        "không có mức chuẩn trợ giúp xã hội quốc gia nào "
                        "(level, standard)");
    return RULES_OK;
}

/* Rows with known_from replace, until that day, nothing: the row of the
 * same parameter ending where they start stays in force over their period
 * (its shadow) for computations as known on an earlier day. Link each such
 * row to what it replaces, and refuse a shadow that would meet another row
 * in force at the same time. */
static int link_known(struct rules *r, struct rules_err *err)
{
    size_t i, j, k;

    for (i = 0; i < r->nrows; i++) {
        const struct rules_row *x = &r->rows[i];

        if (x->known_from == INT64_MIN)
            continue;
        for (j = 0; j < r->nrows; j++) {
            struct rules_row *y = &r->rows[j];

            if (j == i || y->to != x->from ||
                strcmp(x->province, y->province) != 0 || !same_thing(x, y))
                continue;
            if (y->shadow_until != INT64_MIN)
                return load_err(err, RULES_ECONFLICT, x->file, x->line,
                                "dòng %zu của %s đã được một dòng ban hành "
                                "sau (known_from) thay thế",
                                y->line, y->file);
            if (y->known_from != INT64_MIN && y->known_from >= x->known_from)
                return load_err(err, RULES_ECONFLICT, x->file, x->line,
                                "known_from phải sau known_from của dòng "
                                "%zu của %s, dòng mà nó thay thế",
                                y->line, y->file);
            y->shadow_to = x->to;
            y->shadow_until = x->known_from;
        }
    }
    for (j = 0; j < r->nrows; j++) {
        const struct rules_row *y = &r->rows[j];

        if (y->shadow_until == INT64_MIN)
            continue;
        for (k = 0; k < r->nrows; k++) {
            const struct rules_row *z = &r->rows[k];

            if (k == j || strcmp(z->province, y->province) != 0 ||
                !same_thing(y, z) || z->known_from != INT64_MIN ||
                !(z->from < y->shadow_to && y->to < z->to))
                continue;
            return load_err(err, RULES_ECONFLICT, z->file, z->line,
                            "trùng thời gian với dòng %zu của %s, dòng còn "
                            "áp dụng cho đến ngày quy định thay thế nó được "
                            "ban hành (known_from)",
                            y->line, y->file);
        }
    }
    return RULES_OK;
}

int rules_finish(struct rules *r, struct rules_err *err)
{
    size_t i;
    int rc, k;

    if (r->finished)
        return load_err(err, RULES_ESTATE, "(bộ quy định)", 0,
                        "bộ quy định đã khoá");
    rc = check_references(r, err);
    if (rc == RULES_OK)
        rc = check_overlaps(r, err);
    if (rc == RULES_OK)
        rc = check_not_lower(r, err);
    if (rc == RULES_OK)
        rc = check_exact(r, err);
    if (rc == RULES_OK)
        rc = link_known(r, err);
    if (rc != RULES_OK)
        return rc;
    for (k = 0; k < RK_COUNT; k++) {
        r->by_kind[k] = xcalloc(r->nrows + 1, sizeof(size_t));
        r->nby_kind[k] = 0;
    }
    for (i = 0; i < r->nrows; i++) {
        k = r->rows[i].kind;
        r->by_kind[k][r->nby_kind[k]++] = i;
    }
    r->finished = 1;
    return RULES_OK;
}
