/* report_forms.c: parsing and checking the layouts of Forms 10a-10d (see
 * report_forms.h), and the deadlines of RULES.md §7.2.
 *
 * Each kind of line may fill only its own columns, so a value in the
 * wrong place is an error rather than silently ignored (as the procedure
 * files, core/procedure.h). Messages are Vietnamese and name the file,
 * the line and the column.
 */
#include "core/report_forms.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/registry.h"
#include "core/text.h"
#include "util/csv.h"
#include "util/xalloc.h"

struct report_forms {
    struct report_form forms[REPORT_FORMS_MAX_FORMS];
    size_t nforms;
    char **strs; /* every string the forms point to */
    size_t nstrs, capstrs;
};

enum col {
    C_KIND,
    C_FORM,
    C_KEY,
    C_LABEL,
    C_TITLE,
    C_CATEGORIES,
    C_DISABILITY,
    C_GROUNDS,
    C_MANAGED,
    C_CONFIDENCE,
    C_BASIS,
    C_RULES_REF,
    C_NOTE,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "kind",       "form",       "key",     "label",   "title",
    "categories", "disability", "grounds", "managed", "confidence",
    "basis",      "rules_ref",  "note"};

static const int required_cols[] = {C_KIND,  C_FORM,       C_KEY,
                                    C_LABEL, C_CONFIDENCE, C_BASIS};

enum line_kind { L_FORM = 0, L_COLUMN, L_ROW, L_COUNT };

static const char *const kind_names[L_COUNT] = {"form", "column", "row"};

#define B(c) (1u << (c))
#define COMMON                                                                 \
    (B(C_KIND) | B(C_FORM) | B(C_LABEL) | B(C_CONFIDENCE) | B(C_BASIS) |       \
     B(C_RULES_REF) | B(C_NOTE))
static const unsigned allowed_cols[L_COUNT] = {
    [L_FORM] = COMMON | B(C_TITLE),
    [L_COLUMN] = COMMON | B(C_KEY),
    [L_ROW] = COMMON | B(C_KEY) | B(C_CATEGORIES) | B(C_DISABILITY) |
              B(C_GROUNDS) | B(C_MANAGED),
};
static const unsigned required_by_kind[L_COUNT] = {
    [L_FORM] = B(C_TITLE),
    [L_COLUMN] = B(C_KEY),
    [L_ROW] = B(C_KEY) | B(C_MANAGED),
};

static const char *const measure_keys[REPORT_M_COUNT] = {
    "start", "new", "ended", "end", "suspended", "paid"};
static const char *const confidence_names[] = {"confirmed", "secondary",
                                               "unverified"};
static const char *const disability_names[] = {"", "severe",
                                               "especially_severe"};

/* --- Errors --------------------------------------------------------------- */

/* Cut s so it does not end inside a UTF-8 sequence. */
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

static int fail(struct report_forms_err *err, const char *file, size_t line,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int fail(struct report_forms_err *err, const char *file, size_t line,
                const char *field, const char *fmt, ...)
{
    char detail[256], where[140];
    va_list ap;

    if (err == NULL)
        return REPORT_FORMS_EFORMAT;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    utf8_trim(detail);
    snprintf(err->file, sizeof err->file, "%s", file);
    utf8_trim(err->file);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    err->line = line;
    if (line > 0 && field != NULL)
        snprintf(where, sizeof where, "%s, dòng %zu, cột %s", err->file, line,
                 field);
    else if (line > 0)
        snprintf(where, sizeof where, "%s, dòng %zu", err->file, line);
    else
        snprintf(where, sizeof where, "%s", err->file);
    snprintf(err->message, sizeof err->message, "%s: %s", where, detail);
    utf8_trim(err->message);
    return REPORT_FORMS_EFORMAT;
}

/* At most 40 bytes of f for a message, printable ASCII only. */
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

/* --- Values ----------------------------------------------------------------
 */

static const char *keep(struct report_forms *s, const struct csv_field *f)
{
    char *p = xstrndup(f->ptr, f->len);

    if (s->nstrs == s->capstrs) {
        s->capstrs = s->capstrs ? s->capstrs * 2 : 128;
        s->strs = xreallocarray(s->strs, s->capstrs, sizeof *s->strs);
    }
    s->strs[s->nstrs++] = p;
    return p;
}

static int parse_enum(const struct csv_field *f, const char *const *names,
                      int n)
{
    int i;

    for (i = 0; i < n; i++)
        if (csv_field_eq(f, names[i]))
            return i;
    return -1;
}

/* 1..max bytes of the allowed set, the first a letter or digit. */
static int is_code(const struct csv_field *f, size_t max, int underscore)
{
    size_t i;

    if (f->len == 0 || f->len > max)
        return 0;
    for (i = 0; i < f->len; i++) {
        char c = f->ptr[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              (underscore && c == '_' && i > 0)))
            return 0;
    }
    return 1;
}

/* Split f at '|' and call one(part, len) for each: 0, or the first
 * negative answer (an empty part is -1). */
static int each_part(const struct csv_field *f, uint32_t *mask,
                     int (*one)(const char *, size_t))
{
    size_t i = 0;

    while (i <= f->len) {
        size_t j = i;
        int bit;

        while (j < f->len && f->ptr[j] != '|')
            j++;
        if (j == i)
            return -1;
        bit = one(f->ptr + i, j - i);
        if (bit < 0)
            return -1;
        *mask |= 1u << bit;
        i = j + 1;
    }
    return 0;
}

static int category_bit(const char *s, size_t n)
{
    const struct category_info *c = category_find(s, n);
    size_t i;

    for (i = 0; c != NULL && i < category_count() && i < 32; i++)
        if (category_at(i) == c)
            return (int)i;
    return -1;
}

static int ground_bit(const char *s, size_t n)
{
    const struct registry_reason *r = registry_reason_find(s, n);
    size_t i;

    if (r == NULL || r->status != REGISTRY_TERMINATED)
        return -1;
    for (i = 0; i < registry_reason_count() && i < 32; i++)
        if (registry_reason_at(i) == r)
            return (int)i;
    return -1;
}

/* --- Lines -----------------------------------------------------------------
 */

struct parse {
    struct report_forms *s;
    const char *file;
    size_t line;
    int map[C_COUNT]; /* the file's column of each known column, or -1 */
    const struct csv_field *f;
    size_t nf;
    struct report_forms_err *err;
};

static const struct csv_field empty_field = {"", 0};

static const struct csv_field *get(const struct parse *p, enum col c)
{
    int i = p->map[c];

    return i >= 0 && (size_t)i < p->nf ? &p->f[i] : &empty_field;
}

static int bad(struct parse *p, enum col c, const char *what)
{
    char e[48];

    return fail(p->err, p->file, p->line, col_names[c], "%s: \"%s\"", what,
                echo(get(p, c), e));
}

static int header(struct parse *p)
{
    size_t i, k;
    char e[48];

    for (k = 0; k < C_COUNT; k++)
        p->map[k] = -1;
    for (i = 0; i < p->nf; i++) {
        for (k = 0; k < C_COUNT; k++)
            if (csv_field_eq(&p->f[i], col_names[k]))
                break;
        if (k == C_COUNT)
            return fail(p->err, p->file, p->line, NULL,
                        "cột không biết: \"%s\"", echo(&p->f[i], e));
        if (p->map[k] >= 0)
            return fail(p->err, p->file, p->line, col_names[k],
                        "cột bị lặp lại");
        p->map[k] = (int)i;
    }
    for (k = 0; k < sizeof required_cols / sizeof required_cols[0]; k++)
        if (p->map[required_cols[k]] < 0)
            return fail(p->err, p->file, p->line, col_names[required_cols[k]],
                        "thiếu cột bắt buộc");
    return REPORT_FORMS_OK;
}

static int source(struct parse *p, struct report_source *src)
{
    const struct csv_field *b = get(p, C_BASIS);

    src->line = p->line;
    src->confidence = parse_enum(get(p, C_CONFIDENCE), confidence_names, 3);
    if (src->confidence < 0)
        return bad(p, C_CONFIDENCE,
                   "độ tin cậy phải là confirmed, secondary hoặc unverified");
    if (b->len == 0)
        return fail(p->err, p->file, p->line, col_names[C_BASIS],
                    "thiếu căn cứ pháp lý");
    src->basis = keep(p->s, b);
    src->rules_ref = keep(p->s, get(p, C_RULES_REF));
    src->note = keep(p->s, get(p, C_NOTE));
    return REPORT_FORMS_OK;
}

static struct report_form *form_of(struct parse *p)
{
    const struct csv_field *f = get(p, C_FORM);
    size_t i;

    for (i = 0; i < p->s->nforms; i++)
        if (csv_field_eq(f, p->s->forms[i].code))
            return &p->s->forms[i];
    return NULL;
}

static int line_form(struct parse *p)
{
    struct report_form *fm;

    if (!is_code(get(p, C_FORM), 7, 0))
        return bad(p, C_FORM, "mã mẫu gồm 1 đến 7 chữ thường hoặc chữ số");
    if (form_of(p) != NULL)
        return bad(p, C_FORM, "mẫu đã khai báo");
    if (p->s->nforms == REPORT_FORMS_MAX_FORMS)
        return fail(p->err, p->file, p->line, NULL, "quá %d mẫu",
                    REPORT_FORMS_MAX_FORMS);
    fm = &p->s->forms[p->s->nforms];
    memset(fm, 0, sizeof *fm);
    if (source(p, &fm->src) != REPORT_FORMS_OK)
        return REPORT_FORMS_EFORMAT;
    fm->code = keep(p->s, get(p, C_FORM));
    fm->label = keep(p->s, get(p, C_LABEL));
    fm->title = keep(p->s, get(p, C_TITLE));
    p->s->nforms++;
    return REPORT_FORMS_OK;
}

static int line_column(struct parse *p, struct report_form *fm)
{
    struct report_form_column *c;
    int m = parse_enum(get(p, C_KEY), measure_keys, REPORT_M_COUNT);
    size_t i;

    if (m < 0)
        return bad(p, C_KEY,
                   "chỉ tiêu phải là start, new, ended, end, suspended "
                   "hoặc paid");
    for (i = 0; i < fm->ncols; i++)
        if (fm->cols[i].measure == m)
            return bad(p, C_KEY, "cột đã có trong mẫu");
    if (fm->ncols == REPORT_FORMS_MAX_COLS)
        return fail(p->err, p->file, p->line, NULL, "quá %d cột trong mẫu",
                    REPORT_FORMS_MAX_COLS);
    c = &fm->cols[fm->ncols];
    memset(c, 0, sizeof *c);
    if (source(p, &c->src) != REPORT_FORMS_OK)
        return REPORT_FORMS_EFORMAT;
    c->measure = m;
    c->label = keep(p->s, get(p, C_LABEL));
    fm->ncols++;
    return REPORT_FORMS_OK;
}

static int line_row(struct parse *p, struct report_form *fm)
{
    const struct csv_field *key = get(p, C_KEY), *cats = get(p, C_CATEGORIES);
    const struct csv_field *grounds = get(p, C_GROUNDS);
    struct report_form_row r;
    size_t i;

    memset(&r, 0, sizeof r);
    if (!is_code(key, REPORT_FORMS_CODE_SIZE - 1, 1))
        return bad(p, C_KEY, "khóa dòng gồm chữ thường, chữ số và _");
    for (i = 0; i < fm->nrows; i++)
        if (csv_field_eq(key, fm->rows[i].key))
            return bad(p, C_KEY, "khóa dòng bị trùng trong mẫu");
    if (csv_field_eq(get(p, C_MANAGED), "1"))
        r.managed = 1;
    else if (!csv_field_eq(get(p, C_MANAGED), "0"))
        return bad(p, C_MANAGED, "phải là 1 hoặc 0");
    if (!r.managed &&
        (cats->len > 0 || grounds->len > 0 || get(p, C_DISABILITY)->len > 0))
        return fail(p->err, p->file, p->line,
                    col_names[cats->len > 0      ? C_CATEGORIES
                              : grounds->len > 0 ? C_GROUNDS
                                                 : C_DISABILITY],
                    "dòng không quản lý (managed 0) không có diện, căn cứ "
                    "thôi hưởng hay mức khuyết tật");
    if (r.managed && cats->len == 0)
        return fail(p->err, p->file, p->line, col_names[C_CATEGORIES],
                    "thiếu diện đối tượng (* là mọi diện)");
    if (csv_field_eq(cats, "*"))
        r.all_categories = 1;
    else if (cats->len > 0 && each_part(cats, &r.categories, category_bit) != 0)
        return bad(p, C_CATEGORIES, "diện đối tượng không biết");
    r.disability = parse_enum(get(p, C_DISABILITY), disability_names, 3);
    if (r.disability < 0)
        return bad(p, C_DISABILITY,
                   "mức khuyết tật phải để trống, severe hoặc "
                   "especially_severe");
    if (grounds->len > 0 && each_part(grounds, &r.grounds, ground_bit) != 0)
        return bad(p, C_GROUNDS, "căn cứ thôi hưởng không biết");
    if (fm->nrows == REPORT_FORMS_MAX_ROWS)
        return fail(p->err, p->file, p->line, NULL, "quá %d dòng trong mẫu",
                    REPORT_FORMS_MAX_ROWS);
    if (source(p, &r.src) != REPORT_FORMS_OK)
        return REPORT_FORMS_EFORMAT;
    r.key = keep(p->s, key);
    r.label = keep(p->s, get(p, C_LABEL));
    fm->rows[fm->nrows++] = r;
    return REPORT_FORMS_OK;
}

static int one_line(struct parse *p)
{
    int kind = parse_enum(get(p, C_KIND), kind_names, L_COUNT);
    struct report_form *fm = NULL;
    size_t i;

    if (kind < 0)
        return bad(p, C_KIND, "loại dòng phải là form, column hoặc row");
    for (i = 0; i < p->nf; i++) {
        size_t k;

        if (!text_valid_utf8(p->f[i].ptr, p->f[i].len))
            return fail(p->err, p->file, p->line, NULL,
                        "cột thứ %zu không phải UTF-8", i + 1);
        for (k = 0; k < C_COUNT; k++)
            if (p->map[k] == (int)i)
                break;
        if (k == C_COUNT && p->f[i].len > 0)
            return fail(p->err, p->file, p->line, NULL,
                        "cột thứ %zu không có tên", i + 1);
    }
    for (i = 0; i < C_COUNT; i++) {
        size_t n = get(p, (enum col)i)->len;

        if (n > 0 && !(allowed_cols[kind] & B(i)))
            return fail(p->err, p->file, p->line, col_names[i],
                        "dòng %s không dùng cột này", kind_names[kind]);
        if (n == 0 && (required_by_kind[kind] & B(i)))
            return fail(p->err, p->file, p->line, col_names[i],
                        "thiếu giá trị");
    }
    if (get(p, C_LABEL)->len == 0)
        return fail(p->err, p->file, p->line, col_names[C_LABEL], "thiếu nhãn");
    if (kind == L_FORM)
        return line_form(p);
    fm = form_of(p);
    if (fm == NULL)
        return bad(p, C_FORM, "mẫu chưa được khai báo ở dòng trước");
    return kind == L_COLUMN ? line_column(p, fm) : line_row(p, fm);
}

/* --- The set ---------------------------------------------------------------
 */

int report_forms_parse(const char *file, const char *data, size_t len,
                       struct report_forms **out, struct report_forms_err *err)
{
    struct csv_options opt = {64, REPORT_FORMS_MAX_FIELD,
                              REPORT_FORMS_MAX_LINES + 1, ','};
    struct csv_reader *r = NULL;
    struct parse p;
    size_t i;
    int rc;

    if (out == NULL || file == NULL || (data == NULL && len > 0))
        return REPORT_FORMS_EINVAL;
    *out = NULL;
    if (err != NULL)
        memset(err, 0, sizeof *err);
    if (len > REPORT_FORMS_MAX_BYTES)
        return fail(err, file, 0, NULL, "tệp lớn hơn %u byte",
                    REPORT_FORMS_MAX_BYTES);
    memset(&p, 0, sizeof p);
    p.s = xcalloc(1, sizeof *p.s);
    p.file = file;
    p.err = err;
    if (csv_reader_new(data ? data : "", len, &opt, &r) != CSV_OK) {
        rc = fail(err, file, 0, NULL, "không đọc được CSV");
        goto out;
    }
    rc = csv_next(r, &p.f, &p.nf);
    if (rc != CSV_ROW) {
        rc = rc == CSV_DONE
                 ? fail(err, file, 0, NULL, "tệp trống")
                 : fail(err, file, csv_line(r), NULL, "%s", csv_strerror(rc));
        goto out;
    }
    p.line = csv_line(r);
    rc = header(&p);
    while (rc == REPORT_FORMS_OK) {
        rc = csv_next(r, &p.f, &p.nf);
        if (rc == CSV_DONE) {
            rc = REPORT_FORMS_OK;
            break;
        }
        if (rc != CSV_ROW) {
            rc = fail(err, file, csv_line(r), NULL, "%s", csv_strerror(rc));
            break;
        }
        p.line = csv_line(r);
        rc = one_line(&p);
    }
    for (i = 0; rc == REPORT_FORMS_OK && i < p.s->nforms; i++) {
        const struct report_form *fm = &p.s->forms[i];

        if (fm->ncols == 0 || fm->nrows == 0)
            rc = fail(err, file, fm->src.line, NULL, "mẫu %s không có %s",
                      fm->code, fm->ncols == 0 ? "cột nào" : "dòng nào");
    }
    if (rc == REPORT_FORMS_OK && p.s->nforms == 0)
        rc = fail(err, file, 0, NULL, "không có mẫu nào");
out:
    csv_reader_free(r);
    if (rc != REPORT_FORMS_OK) {
        report_forms_free(p.s);
        return REPORT_FORMS_EFORMAT;
    }
    *out = p.s;
    return REPORT_FORMS_OK;
}

void report_forms_free(struct report_forms *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->nstrs; i++)
        free(s->strs[i]);
    free(s->strs);
    free(s);
}

size_t report_forms_count(const struct report_forms *s)
{
    return s ? s->nforms : 0;
}

const struct report_form *report_forms_at(const struct report_forms *s,
                                          size_t i)
{
    return s && i < s->nforms ? &s->forms[i] : NULL;
}

const struct report_form *report_forms_find(const struct report_forms *s,
                                            const char *code)
{
    size_t i;

    for (i = 0; s != NULL && code != NULL && i < s->nforms; i++)
        if (strcmp(s->forms[i].code, code) == 0)
            return &s->forms[i];
    return NULL;
}

const char *report_measure_key(int measure)
{
    return measure >= 0 && measure < REPORT_M_COUNT ? measure_keys[measure]
                                                    : "";
}

int report_measure_parse(const char *key)
{
    int i;

    for (i = 0; key != NULL && i < REPORT_M_COUNT; i++)
        if (strcmp(measure_keys[i], key) == 0)
            return i;
    return -1;
}

const char *report_confidence_name(int confidence)
{
    return confidence >= 0 && confidence < 3 ? confidence_names[confidence]
                                             : "";
}

int report_row_matches(const struct report_form_row *r, const char *category,
                       const char *disability)
{
    int bit;

    if (!r->managed || category == NULL || category[0] == '\0')
        return 0;
    if (r->disability != REPORT_DIS_ANY &&
        (disability == NULL ||
         strcmp(disability, disability_names[r->disability]) != 0))
        return 0;
    if (r->all_categories)
        return category_find(category, strlen(category)) != NULL;
    bit = category_bit(category, strlen(category));
    return bit >= 0 && (r->categories & (1u << bit)) != 0;
}

int report_row_has_ground(const struct report_form_row *r, const char *reason)
{
    int bit;

    if (reason == NULL)
        return 0;
    bit = ground_bit(reason, strlen(reason));
    return bit >= 0 && (r->grounds & (1u << bit)) != 0;
}

int report_row_has_measure(const struct report_form_row *r, int m)
{
    if (!r->managed || m < 0 || m >= REPORT_M_COUNT)
        return 0;
    return r->grounds == 0 || m == REPORT_M_ENDED;
}

/* --- Deadlines (RULES.md §7.2) ------------------------------------------- */

int report_forms_deadline(int level, int year, int half,
                          struct report_deadline *out)
{
    /* The reform of 01/07/2025: districts gone, communes report to the
     * province; the ministry changed on 01/03/2025 (RULES.md §0, §7.3). */
    int before_reform = year < 2025 || (year == 2025 && half == 1);
    struct date moh = {2025, 3, 1};

    if (out == NULL || (half != 1 && half != 2) || year < 1 || year > 9998)
        return REPORT_FORMS_EINVAL;
    memset(out, 0, sizeof *out);
    switch (level) {
    case 0:
        return REPORT_FORMS_OK;
    case 3:
        out->due = (struct date){year, half == 1 ? 6 : 12, 15};
        out->to = before_reform ? "Phòng Lao động - Thương binh và Xã hội, "
                                  "UBND cấp huyện"
                                : "UBND cấp tỉnh (cơ quan chuyên môn về bảo "
                                  "trợ xã hội)";
        out->confidence = before_reform ? REPORT_CONFIRMED : REPORT_UNVERIFIED;
        break;
    case 2:
        if (!before_reform)
            return REPORT_FORMS_EINVAL;
        out->due = (struct date){year, half == 1 ? 6 : 12, half == 1 ? 30 : 31};
        out->to = "Sở Lao động - Thương binh và Xã hội, UBND cấp tỉnh";
        out->confidence = REPORT_CONFIRMED;
        break;
    case 1:
        out->due = half == 1 ? (struct date){year, 7, 15}
                             : (struct date){year + 1, 1, 15};
        if (date_cmp(out->due, moh) < 0) {
            out->to = "Bộ Lao động - Thương binh và Xã hội";
            out->confidence = REPORT_CONFIRMED;
        } else {
            out->to = "Bộ Y tế (Cục Bảo trợ xã hội)";
            out->confidence = REPORT_SECONDARY;
        }
        break;
    default:
        return REPORT_FORMS_EINVAL;
    }
    out->has = 1;
    return REPORT_FORMS_OK;
}
