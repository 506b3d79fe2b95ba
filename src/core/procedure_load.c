/* procedure_load.c: reading procedure data files row by row (see
 * procedure.h and docs/dossiers.md for the format). The checks of rows
 * against each other are in procedure_finish.c.
 *
 * A file is CSV with a header naming its columns (any order; kind,
 * confidence, basis and rules_ref required). Each row is one of flag,
 * signer, procedure, step or action; each kind may fill only its own
 * columns, so a value in the wrong place is an error rather than silently
 * ignored. Every message is Vietnamese and names the file and the line.
 */
#include "core/procedure.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/procedure_int.h"
#include "core/text.h"
#include "util/csv.h"
#include "util/xalloc.h"

enum col {
    C_KIND,
    C_PROCEDURE,
    C_STEP,
    C_ACTION,
    C_NEXT,
    C_NAME,
    C_DOSSIER_KINDS,
    C_STRUCTURE,
    C_FROM,
    C_TO,
    C_DAYS,
    C_CLOCK,
    C_ROLES,
    C_AREA,
    C_PUBLIC,
    C_HIDE_HIV,
    C_REQUIRES,
    C_FLAG,
    C_VALUE,
    C_CONFIDENCE,
    C_BASIS,
    C_RULES_REF,
    C_NOTE,
    C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "kind",          "procedure",  "step",   "action",    "next",     "name",
    "dossier_kinds", "structure",  "from",   "to",        "days",     "clock",
    "roles",         "area",       "public", "hide_hiv",  "requires", "flag",
    "value",         "confidence", "basis",  "rules_ref", "note"};

static const int required_cols[] = {C_KIND, C_CONFIDENCE, C_BASIS, C_RULES_REF};

static const char *const row_kind_names[PR_COUNT] = {
    "flag", "signer", "procedure", "step", "action"};

#define B(c) (1u << (c))
/* Columns every row may fill. */
#define COMMON                                                                 \
    (B(C_KIND) | B(C_CONFIDENCE) | B(C_BASIS) | B(C_RULES_REF) | B(C_NOTE))
/* Columns each kind may fill, and those it must. */
static const unsigned allowed_cols[PR_COUNT] = {
    [PR_FLAG] = COMMON | B(C_NAME) | B(C_FLAG) | B(C_VALUE),
    [PR_SIGNER] =
        COMMON | B(C_NAME) | B(C_FROM) | B(C_TO) | B(C_ROLES) | B(C_AREA),
    [PR_PROCEDURE] = COMMON | B(C_PROCEDURE) | B(C_NAME) | B(C_DOSSIER_KINDS) |
                     B(C_STRUCTURE) | B(C_FROM) | B(C_TO) | B(C_ROLES),
    [PR_STEP] = COMMON | B(C_PROCEDURE) | B(C_STEP) | B(C_NAME) | B(C_DAYS) |
                B(C_CLOCK) | B(C_ROLES) | B(C_AREA) | B(C_PUBLIC) |
                B(C_HIDE_HIV) | B(C_FLAG),
    [PR_ACTION] = COMMON | B(C_PROCEDURE) | B(C_STEP) | B(C_ACTION) |
                  B(C_NEXT) | B(C_NAME) | B(C_DAYS) | B(C_ROLES) |
                  B(C_REQUIRES) | B(C_FLAG),
};
static const unsigned required_by_kind[PR_COUNT] = {
    [PR_FLAG] = B(C_NAME) | B(C_FLAG) | B(C_VALUE),
    [PR_SIGNER] = B(C_NAME) | B(C_FROM) | B(C_ROLES) | B(C_AREA),
    [PR_PROCEDURE] = B(C_PROCEDURE) | B(C_NAME) | B(C_DOSSIER_KINDS) |
                     B(C_STRUCTURE) | B(C_FROM) | B(C_ROLES),
    [PR_STEP] = B(C_PROCEDURE) | B(C_STEP) | B(C_NAME) | B(C_ROLES) |
                B(C_AREA) | B(C_PUBLIC) | B(C_HIDE_HIV),
    [PR_ACTION] = B(C_PROCEDURE) | B(C_STEP) | B(C_ACTION) | B(C_NEXT),
};

static const char *const confidence_names[] = {"confirmed", "secondary",
                                               "unverified"};
static const char *const structure_names[] = {"three_tier", "two_tier"};
static const char *const area_names[] = {"commune", "district"};
static const char *const clock_names[] = {"none", "step", "dossier", "period"};

/* --- Errors ---------------------------------------------------------------
 */

/* Cut s so it does not end inside a UTF-8 sequence (after snprintf cut
 * it). */
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

int proc_err(struct procedure_err *err, int rc, const char *file, size_t line,
             const char *fmt, ...)
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
    if (line > 0)
        snprintf(err->message, sizeof err->message, "%s, dòng %zu: %s", file,
                 line, detail);
    else
        snprintf(err->message, sizeof err->message, "%s: %s", file, detail);
    utf8_trim(err->message);
    return rc;
}

/* Copy at most 40 bytes of f for a message, printable ASCII only (other
 * bytes as '?'), so what the file holds can never break the message. */
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

/* --- Field parsers: 0 on success, -1 on a bad value ----------------------
 */

/* A code: 1..32 bytes of [a-z0-9_], starting with a letter. */
static int parse_code(const struct csv_field *f, char out[PROCEDURE_CODE_SIZE])
{
    size_t i;

    if (f->len == 0 || f->len >= PROCEDURE_CODE_SIZE)
        return -1;
    if (f->ptr[0] < 'a' || f->ptr[0] > 'z')
        return -1;
    for (i = 0; i < f->len; i++) {
        char c = f->ptr[i];

        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return -1;
    }
    memcpy(out, f->ptr, f->len);
    out[f->len] = '\0';
    return 0;
}

/* The index of f among names (n of them), or -1. */
static int parse_enum(const struct csv_field *f, const char *const *names,
                      int n)
{
    int i;

    for (i = 0; i < n; i++)
        if (csv_field_eq(f, names[i]))
            return i;
    return -1;
}

/* "0" or "1". */
static int parse_bool(const struct csv_field *f, int *out)
{
    if (csv_field_eq(f, "0") || csv_field_eq(f, "1")) {
        *out = f->ptr[0] == '1';
        return 0;
    }
    return -1;
}

/* Working days: 1..PROCEDURE_MAX_DAYS, digits only. */
static int parse_days(const struct csv_field *f, int *out)
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
    if (v < 1 || v > PROCEDURE_MAX_DAYS)
        return -1;
    *out = v;
    return 0;
}

/* A '|'-separated list of names (each parsed by one()), as a bit set. */
static int parse_set(const struct csv_field *f, int (*one)(const char *),
                     unsigned *out)
{
    size_t i = 0;
    unsigned bits = 0;

    if (f->len == 0)
        return -1;
    while (i <= f->len) {
        char name[PROCEDURE_CODE_SIZE];
        size_t j = i;
        int v;

        while (j < f->len && f->ptr[j] != '|')
            j++;
        if (j == i || j - i >= sizeof name)
            return -1;
        memcpy(name, f->ptr + i, j - i);
        name[j - i] = '\0';
        v = one(name);
        if (v < 0 || (bits & (1u << v)))
            return -1; /* unknown, or named twice */
        bits |= 1u << v;
        i = j + 1;
    }
    *out = bits;
    return 0;
}

/* Text: valid UTF-8 without controls, NFC, trimmed, non-empty. */
static int parse_text(const struct csv_field *f, char **out)
{
    int rc =
        text_clean(f->ptr, f->len, 0, TEXT_TRIM | TEXT_REQUIRED, out, NULL);

    return rc == TEXT_OK ? 0 : -1;
}

/* --- Rows -----------------------------------------------------------------
 */

static void row_free(struct proc_row *w)
{
    free(w->name);
    free(w->basis);
    free(w->rules_ref);
    free(w->note);
}

struct procedure_set *procedure_set_new(void)
{
    return xcalloc(1, sizeof(struct procedure_set));
}

void procedure_set_free(struct procedure_set *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->nrows; i++)
        row_free(&s->rows[i]);
    free(s->rows);
    for (i = 0; i < s->nfiles; i++)
        free(s->files[i]);
    free(s->files);
    for (i = 0; i < s->nowned; i++)
        free(s->owned[i]);
    free(s->owned);
    free(s->procs);
    free(s->signers);
    free(s->flags);
    free(s);
}

int procedure_set_flag(struct procedure_set *s, const char *code, int on)
{
    size_t i, n;

    if (s == NULL || code == NULL || s->finished)
        return PROCEDURE_EINVAL;
    n = strlen(code);
    if (n == 0 || n >= PROCEDURE_CODE_SIZE)
        return PROCEDURE_EINVAL;
    for (i = 0; i < s->noverrides; i++) {
        if (strcmp(s->override_code[i], code) == 0) {
            s->override_on[i] = on != 0;
            return PROCEDURE_OK;
        }
    }
    if (s->noverrides >= PROCEDURE_MAX_FLAGS)
        return PROCEDURE_EINVAL;
    memcpy(s->override_code[s->noverrides], code, n + 1);
    s->override_on[s->noverrides] = on != 0;
    s->noverrides++;
    return PROCEDURE_OK;
}

static int role_of(const char *name)
{
    return procedure_role_parse(name);
}

static int kind_of(const char *name)
{
    return procedure_kind_parse(name);
}

/* Parse field c of a row of kind k into w. Returns 0 or an error. */
static int parse_field(int c, const struct csv_field *f, struct proc_row *w,
                       const char *file, size_t line, struct procedure_err *err)
{
    char e[48];
    int v;

    switch (c) {
    case C_PROCEDURE:
    case C_ACTION:
    case C_REQUIRES:
        if (parse_code(f, c == C_PROCEDURE ? w->procedure
                          : c == C_ACTION  ? w->action
                                           : w->requires) != 0)
            goto bad_code;
        return 0;
    case C_STEP:
        if (csv_field_eq(f, "*")) {
            memcpy(w->step, "*", 2);
            return 0;
        }
        if (parse_code(f, w->step) != 0)
            goto bad_code;
        return 0;
    case C_NEXT:
        if (parse_code(f, w->next) != 0)
            goto bad_code;
        return 0;
    case C_FLAG:
        if (f->len > 0 && f->ptr[0] == '!') {
            struct csv_field g = {f->ptr + 1, f->len - 1};

            w->flag_negated = 1;
            if (parse_code(&g, w->flag) != 0)
                goto bad_code;
            return 0;
        }
        if (parse_code(f, w->flag) != 0)
            goto bad_code;
        return 0;
    case C_NAME:
        if (parse_text(f, &w->name) != 0)
            goto bad_text;
        return 0;
    case C_DOSSIER_KINDS:
        if (parse_set(f, kind_of, &w->kinds) != 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột dossier_kinds \"%s\" không hợp lệ (grant, "
                            "adjust, stop, transfer, care, funeral, cách "
                            "nhau bởi |, mỗi loại một lần)",
                            echo(f, e));
        return 0;
    case C_STRUCTURE:
        v = parse_enum(f, structure_names, 2);
        if (v < 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột structure phải là three_tier hoặc two_tier, "
                            "không phải \"%s\"",
                            echo(f, e));
        w->structure = v;
        return 0;
    case C_FROM:
    case C_TO:
        if (date_parse_iso(f->ptr, f->len, c == C_FROM ? &w->from : &w->to) !=
            DATE_OK)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột %s \"%s\" không phải ngày YYYY-MM-DD có thật",
                            col_names[c], echo(f, e));
        if (c == C_FROM)
            w->has_from = 1;
        else
            w->has_to = 1;
        return 0;
    case C_DAYS:
        if (parse_days(f, &w->days) != 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột days \"%s\" phải là số ngày làm việc từ 1 "
                            "đến %d",
                            echo(f, e), PROCEDURE_MAX_DAYS);
        return 0;
    case C_CLOCK:
        v = parse_enum(f, clock_names + 1, 3);
        if (v < 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột clock phải là step, dossier hoặc period, "
                            "không phải \"%s\"",
                            echo(f, e));
        w->clock = v + 1;
        return 0;
    case C_ROLES:
        if (parse_set(f, role_of, &w->roles) != 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột roles \"%s\" không hợp lệ (commune_officer, "
                            "commune_chairman, district_officer, "
                            "district_chairman, cách nhau bởi |, mỗi vai trò "
                            "một lần)",
                            echo(f, e));
        return 0;
    case C_AREA:
        v = parse_enum(f, area_names, 2);
        if (v < 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột area phải là commune hoặc district, không "
                            "phải \"%s\"",
                            echo(f, e));
        w->area = v;
        return 0;
    case C_PUBLIC:
    case C_HIDE_HIV:
        if (parse_bool(f, c == C_PUBLIC ? &w->is_public : &w->hide_hiv) != 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột %s phải là 0 hoặc 1, không phải \"%s\"",
                            col_names[c], echo(f, e));
        return 0;
    case C_VALUE:
        if (csv_field_eq(f, "on") || csv_field_eq(f, "off")) {
            w->value = csv_field_eq(f, "on");
            return 0;
        }
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "cột value phải là on hoặc off, không phải \"%s\"",
                        echo(f, e));
    case C_CONFIDENCE:
        v = parse_enum(f, confidence_names, 3);
        if (v < 0)
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "cột confidence phải là confirmed, secondary "
                            "hoặc unverified, không phải \"%s\"",
                            echo(f, e));
        w->src.confidence = v;
        return 0;
    case C_BASIS:
    case C_RULES_REF:
    case C_NOTE: {
        char *t = NULL;

        if (parse_text(f, &t) != 0)
            goto bad_text;
        if (c == C_BASIS)
            w->basis = t;
        else if (c == C_RULES_REF)
            w->rules_ref = t;
        else
            w->note = t;
        return 0;
    }
    default:
        return 0;
    }
bad_code:
    return proc_err(err, PROCEDURE_EFORMAT, file, line,
                    "cột %s \"%s\" không phải mã hợp lệ (chữ thường a-z, số, "
                    "dấu _, tối đa %d ký tự, bắt đầu bằng chữ)",
                    col_names[c], echo(f, e), PROCEDURE_CODE_SIZE - 1);
bad_text:
    return proc_err(err, PROCEDURE_EFORMAT, file, line,
                    "cột %s không phải văn bản UTF-8 hợp lệ (không có ký tự "
                    "điều khiển)",
                    col_names[c]);
}

/* Parse one data row (fields mapped by map[column] = field index or -1)
 * into w. Returns 0 or an error. */
static int parse_row(const struct csv_field *fields, size_t nfields,
                     const int map[C_COUNT], const char *file, size_t line,
                     struct proc_row *w, struct procedure_err *err)
{
    char e[48];
    unsigned filled = 0;
    int c, rc;

    memset(w, 0, sizeof *w);
    w->days = w->clock = w->area = w->is_public = w->hide_hiv = w->value = -1;
    w->src.file = file;
    w->src.line = line;
    w->kind = parse_enum(&fields[map[C_KIND]], row_kind_names, PR_COUNT);
    if (w->kind < 0)
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "cột kind phải là flag, signer, procedure, step hoặc "
                        "action, không phải \"%s\"",
                        echo(&fields[map[C_KIND]], e));
    for (c = 0; c < C_COUNT; c++) {
        const struct csv_field *f;

        if (map[c] < 0 || (size_t)map[c] >= nfields || c == C_KIND)
            continue;
        f = &fields[map[c]];
        if (f->len == 0)
            continue;
        if (!(allowed_cols[w->kind] & B(c)))
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "dòng loại %s không dùng cột %s (phải để trống)",
                            row_kind_names[w->kind], col_names[c]);
        rc = parse_field(c, f, w, file, line, err);
        if (rc != 0)
            return rc;
        filled |= B(c);
    }
    for (c = 0; c < C_COUNT; c++) {
        if ((required_by_kind[w->kind] | B(C_CONFIDENCE) | B(C_BASIS) |
             B(C_RULES_REF)) &
                B(c) &&
            !(filled & B(c)))
            return proc_err(err, PROCEDURE_EFORMAT, file, line,
                            "dòng loại %s thiếu cột %s",
                            row_kind_names[w->kind], col_names[c]);
    }
    if (w->note == NULL)
        w->note = xstrdup("");
    w->src.basis = w->basis;
    w->src.rules_ref = w->rules_ref;
    w->src.note = w->note;
    if (w->has_from && w->has_to && date_cmp(w->to, w->from) <= 0)
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "ngày to phải sau ngày from");
    if (w->kind == PR_STEP && (w->days >= 0) != (w->clock > 0))
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "cột days và clock phải cùng có hoặc cùng để trống "
                        "(để trống: bước không có thời hạn)");
    if (w->kind == PR_SIGNER && (w->roles & (w->roles - 1)) != 0)
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "dòng signer chỉ ghi một vai trò");
    if (w->kind == PR_STEP && proc_is_terminal(w->step))
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "mã bước \"%s\" trùng tên trạng thái kết thúc",
                        w->step);
    if (w->kind == PR_STEP &&
        (strcmp(w->step, "*") == 0 || strcmp(w->step, "same") == 0))
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "mã bước \"%s\" được dành riêng", w->step);
    if (w->kind == PR_FLAG && w->flag_negated)
        return proc_err(err, PROCEDURE_EFORMAT, file, line,
                        "dòng flag khai báo cờ không có dấu !");
    return 0;
}

/* See procedure.h. */
size_t procedure_set_rows(const struct procedure_set *s)
{
    return s ? s->nrows : 0;
}

int procedure_set_load(struct procedure_set *s, const char *name,
                       const char *data, size_t len, struct procedure_err *err)
{
    struct csv_options opt = {C_COUNT, PROCEDURE_MAX_FIELD,
                              PROCEDURE_MAX_ROWS + 1, ','};
    struct csv_reader *r = NULL;
    const struct csv_field *fields;
    size_t nfields, i, ncols, before;
    int map[C_COUNT];
    char *file;
    int rc, c;

    if (s == NULL || name == NULL || (data == NULL && len > 0) || s->finished)
        return proc_err(err, PROCEDURE_EINVAL, name ? name : "?", 0,
                        "không thể nạp thêm dữ liệu vào lúc này");
    if (len > PROCEDURE_MAX_FILE_BYTES)
        return proc_err(err, PROCEDURE_EFORMAT, name, 0, "tệp lớn hơn %u byte",
                        PROCEDURE_MAX_FILE_BYTES);
    before = s->nrows;
    file = xstrdup(name);
    s->files = xreallocarray(s->files, s->nfiles + 1, sizeof *s->files);
    s->files[s->nfiles++] = file;
    if (csv_reader_new(data ? data : "", len, &opt, &r) != CSV_OK)
        return proc_err(err, PROCEDURE_EINVAL, file, 0, "tùy chọn CSV sai");
    rc = csv_next(r, &fields, &nfields);
    if (rc != CSV_ROW) {
        rc = proc_err(err, PROCEDURE_EFORMAT, file, csv_line(r),
                      rc == CSV_DONE ? "tệp rỗng, thiếu dòng tiêu đề" : "%s",
                      csv_errmsg(r));
        goto out;
    }
    for (c = 0; c < C_COUNT; c++)
        map[c] = -1;
    for (i = 0; i < nfields; i++) {
        char e[48];

        for (c = 0; c < C_COUNT; c++)
            if (csv_field_eq(&fields[i], col_names[c]))
                break;
        if (c == C_COUNT) {
            rc = proc_err(err, PROCEDURE_EFORMAT, file, 1,
                          "cột \"%s\" không có trong định dạng",
                          echo(&fields[i], e));
            goto out;
        }
        if (map[c] >= 0) {
            rc = proc_err(err, PROCEDURE_EFORMAT, file, 1, "cột %s có hai lần",
                          col_names[c]);
            goto out;
        }
        map[c] = (int)i;
    }
    ncols = nfields;
    for (i = 0; i < sizeof required_cols / sizeof required_cols[0]; i++) {
        if (map[required_cols[i]] < 0) {
            rc = proc_err(err, PROCEDURE_EFORMAT, file, 1,
                          "thiếu cột %s trong dòng tiêu đề",
                          col_names[required_cols[i]]);
            goto out;
        }
    }
    for (;;) {
        struct proc_row w;
        size_t line;

        rc = csv_next(r, &fields, &nfields);
        if (rc == CSV_DONE)
            break;
        line = csv_line(r);
        if (rc != CSV_ROW) {
            rc = proc_err(err, PROCEDURE_EFORMAT, file, line, "%s",
                          csv_errmsg(r));
            goto out;
        }
        if (nfields != ncols) {
            rc = proc_err(err, PROCEDURE_EFORMAT, file, line,
                          "có %zu cột, dòng tiêu đề có %zu", nfields, ncols);
            goto out;
        }
        if (s->nrows >= PROCEDURE_MAX_ROWS) {
            rc = proc_err(err, PROCEDURE_EFORMAT, file, line,
                          "quá %d dòng dữ liệu", PROCEDURE_MAX_ROWS);
            goto out;
        }
        rc = parse_row(fields, nfields, map, file, line, &w, err);
        if (rc != 0) {
            row_free(&w);
            goto out;
        }
        if (s->nrows == s->caprows) {
            s->caprows = s->caprows ? s->caprows * 2 : 64;
            s->rows = xreallocarray(s->rows, s->caprows, sizeof *s->rows);
        }
        s->rows[s->nrows++] = w;
    }
    rc = PROCEDURE_OK;
out:
    csv_reader_free(r);
    /* A refused file leaves nothing behind. */
    while (rc != PROCEDURE_OK && s->nrows > before)
        row_free(&s->rows[--s->nrows]);
    return rc;
}

const char *procedure_confidence_name(int confidence)
{
    if (confidence < 0 || confidence > PROCEDURE_UNVERIFIED)
        return "";
    return confidence_names[confidence];
}

const char *procedure_structure_name(int structure)
{
    if (structure < 0 || structure > PROCEDURE_TWO_TIER)
        return "";
    return structure_names[structure];
}

const char *procedure_area_name(int area)
{
    if (area < 0 || area > PROCEDURE_AREA_DISTRICT)
        return "";
    return area_names[area];
}

const char *procedure_clock_name(int clock)
{
    if (clock < 0 || clock > PROCEDURE_CLOCK_PERIOD)
        return "";
    return clock_names[clock];
}
