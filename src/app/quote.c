/* quote.c: the quote use case (see quote.h): the process-wide rule set,
 * the ONE request parser and the ONE response writer shared by the CLI and
 * the HTTP handler, and the whole-database pass of `quote --all`.
 */
#include "app/quote.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "core/date.h"
#include "core/money.h"
#include "store/db.h"
#include "store/store_quote.h"
#include "util/embed.h"
#include "util/log.h"
#include "util/xalloc.h"

#define NATIONAL_PREFIX "rules/national/"

/* --- Errors ----------------------------------------------------------------
 */

static int qerr(struct app_quote_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int qerr(struct app_quote_err *err, int rc, const char *code,
                const char *field, const char *fmt, ...)
{
    va_list ap;

    if (err == NULL)
        return rc;
    snprintf(err->code, sizeof err->code, "%s", code);
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return rc;
}

/* --- The rule set ------------------------------------------------------------
 */

static pthread_once_t rules_once = PTHREAD_ONCE_INIT;
static struct rules *rules_set;
static char *rules_dir_opt; /* app_quote_set_rules_dir */
static int rules_built;
static char rules_msg[512];

int app_quote_set_rules_dir(const char *dir)
{
    if (rules_built)
        return -1;
    free(rules_dir_opt);
    rules_dir_opt = dir != NULL && dir[0] != '\0' ? xstrdup(dir) : NULL;
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Read the regular file path (at most RULES_MAX_FILE_BYTES) into a new
 * buffer. Returns 0, or -1 with rules_msg set. */
static int read_file(const char *path, char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    struct stat st;
    size_t got;

    if (f == NULL) {
        snprintf(rules_msg, sizeof rules_msg, "%s: không đọc được tệp (%s)",
                 path, strerror(errno));
        return -1;
    }
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size > (off_t)RULES_MAX_FILE_BYTES) {
        snprintf(rules_msg, sizeof rules_msg,
                 "%s: không phải tệp thường hoặc lớn hơn %u byte", path,
                 RULES_MAX_FILE_BYTES);
        fclose(f);
        return -1;
    }
    *data = xmalloc((size_t)st.st_size + 1);
    got = fread(*data, 1, (size_t)st.st_size, f);
    fclose(f);
    if (got != (size_t)st.st_size) {
        snprintf(rules_msg, sizeof rules_msg, "%s: đọc thiếu", path);
        free(*data);
        return -1;
    }
    (*data)[got] = '\0';
    *len = got;
    return 0;
}

/* Load every *.csv of dir (not hidden, not in sub-folders) as overlays, in
 * name order. Returns 0 or -1 with rules_msg set. */
static int load_overlays(struct rules *r, const char *dir, size_t *count)
{
    char *names[APP_QUOTE_MAX_OVERLAYS];
    size_t n = 0, i;
    struct dirent *e;
    DIR *d = opendir(dir);
    int rc = 0;

    if (d == NULL) {
        snprintf(rules_msg, sizeof rules_msg,
                 "không mở được thư mục quy định địa phương %s (%s)", dir,
                 strerror(errno));
        return -1;
    }
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);

        if (e->d_name[0] == '.' || l < 5 ||
            strcmp(e->d_name + l - 4, ".csv") != 0)
            continue;
        if (n == APP_QUOTE_MAX_OVERLAYS) {
            snprintf(rules_msg, sizeof rules_msg,
                     "%s: quá %d tệp quy định địa phương", dir,
                     APP_QUOTE_MAX_OVERLAYS);
            rc = -1;
            break;
        }
        names[n++] = xstrdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof names[0], by_name);
    for (i = 0; i < n; i++) {
        char path[4096], *data = NULL;
        struct rules_err err;
        size_t len = 0;

        if (rc == 0) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]);
            rc = read_file(path, &data, &len);
        }
        if (rc == 0 && rules_load(r, path, data, len, 1, &err) != RULES_OK) {
            snprintf(rules_msg, sizeof rules_msg, "%s", err.message);
            rc = -1;
        }
        if (rc == 0)
            (*count)++;
        free(data);
        free(names[i]);
    }
    return rc;
}

static void build_rules(void)
{
    struct rules *r = rules_new();
    const char *dir = rules_dir_opt;
    struct rules_err err;
    size_t i, national = 0, overlays = 0;

    if (dir == NULL)
        dir = getenv("ANSINH_RULES_DIR");
    for (i = 0; i < embed_count(); i++) {
        const struct embed_file *f = embed_get(i);
        size_t l = strlen(f->name);

        if (strncmp(f->name, NATIONAL_PREFIX, strlen(NATIONAL_PREFIX)) != 0 ||
            l < 4 || strcmp(f->name + l - 4, ".csv") != 0)
            continue;
        if (rules_load(r, f->name, f->data, f->len, 0, &err) != RULES_OK) {
            snprintf(rules_msg, sizeof rules_msg, "%s", err.message);
            goto fail;
        }
        national++;
    }
    if (dir != NULL && dir[0] != '\0' && load_overlays(r, dir, &overlays) != 0)
        goto fail;
    if (rules_finish(r, &err) != RULES_OK) {
        snprintf(rules_msg, sizeof rules_msg, "%s", err.message);
        goto fail;
    }
    log_debug("rules loaded", "files=%zu overlays=%zu rows=%zu dir=\"%s\"",
              national, overlays, rules_row_count(r), dir ? dir : "");
    rules_set = r;
    rules_built = 1;
    return;

fail:
    log_debug("rules not loaded", "msg=\"%s\"", rules_msg);
    rules_free(r);
    rules_built = 1;
}

int app_quote_rules(const struct rules **out, struct app_quote_err *err)
{
    pthread_once(&rules_once, build_rules);
    *out = rules_set;
    if (rules_set == NULL)
        return qerr(err, APP_QUOTE_ERULES, "rules", NULL,
                    "Bộ quy định không hợp lệ: %s", rules_msg);
    return APP_QUOTE_OK;
}

/* --- The request parser
 * --------------------------------------------------------
 */

struct parser {
    struct rules_request *q;
    struct app_quote_err *err;
};

#define FIELD_MAX 128

/* Key as shown in a field path: at most 60 bytes of [A-Za-z0-9_], any
 * other byte as '?', so a key can never break a message's line or
 * UTF-8. */
static const char *safe_key(const char *key, char out[64])
{
    size_t i;

    for (i = 0; key[i] != '\0' && i < 60; i++) {
        char c = key[i];

        out[i] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '_'
                     ? c
                     : '?';
    }
    out[i] = '\0';
    return out;
}

/* Keys allowed in an object: rejects the first other key. */
static int only_keys(json_t *obj, const char *const *allowed,
                     const char *prefix, struct app_quote_err *err)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v)
    {
        size_t i;
        int ok = 0;

        (void)v;
        for (i = 0; allowed[i] != NULL; i++)
            ok |= strcmp(key, allowed[i]) == 0;
        if (!ok) {
            char field[FIELD_MAX], k[64];

            snprintf(field, sizeof field, "%s%s%s", prefix,
                     prefix[0] ? "." : "", safe_key(key, k));
            return qerr(err, APP_QUOTE_EINPUT, "unknown_field", field,
                        "Trường không được hỗ trợ: \"%s\" (xem "
                        "docs/rules.md).",
                        field);
        }
    }
    return APP_QUOTE_OK;
}

/* A string field: *out borrowed, NULL when absent (required: an error). */
static int get_str(const json_t *obj, const char *key, const char *field,
                   int required, const char **out, struct app_quote_err *err)
{
    const json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (v == NULL) {
        if (required)
            return qerr(err, APP_QUOTE_EINPUT, "missing_field", field,
                        "Thiếu trường bắt buộc \"%s\".", field);
        return APP_QUOTE_OK;
    }
    if (!json_is_string(v))
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\" phải là chuỗi.", field);
    *out = json_string_value(v);
    return APP_QUOTE_OK;
}

static int get_bool(const json_t *obj, const char *key, const char *field,
                    int *out, struct app_quote_err *err)
{
    const json_t *v = json_object_get(obj, key);

    *out = 0;
    if (v == NULL)
        return APP_QUOTE_OK;
    if (!json_is_boolean(v))
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\" phải là true hoặc false.", field);
    *out = json_is_true(v);
    return APP_QUOTE_OK;
}

static int get_date(const json_t *obj, const char *key, const char *field,
                    struct date *out, struct app_quote_err *err)
{
    const char *s;
    int rc = get_str(obj, key, field, 1, &s, err);

    if (rc != APP_QUOTE_OK)
        return rc;
    rc = date_parse_iso(s, strlen(s), out);
    if (rc == DATE_EFORMAT)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\" phải là ngày dạng YYYY-MM-DD.", field);
    if (rc != DATE_OK)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\": ngày %.10s không tồn tại (năm từ 1800 "
                    "đến 2200).",
                    field, s);
    return APP_QUOTE_OK;
}

/* A code (category, case): ASCII letters, digits, '_', fits. */
static int copy_code(const char *s, const char *field, char *out, size_t cap,
                     struct app_quote_err *err)
{
    size_t i, n = strlen(s);

    for (i = 0; i < n; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '_'))
            break;
    }
    if (n == 0 || i < n || n >= cap)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\": mã không hợp lệ (chữ Latin không dấu, "
                    "chữ số, _; tối đa %zu ký tự).",
                    field, cap - 1);
    memcpy(out, s, n + 1);
    return APP_QUOTE_OK;
}

/* An array field of at most max elements; *out NULL when absent. */
static int get_array(const json_t *obj, const char *key, const char *field,
                     size_t max, const json_t **out, struct app_quote_err *err)
{
    const json_t *v = json_object_get(obj, key);

    *out = NULL;
    if (v == NULL)
        return APP_QUOTE_OK;
    if (!json_is_array(v))
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\" phải là mảng.", field);
    if (json_array_size(v) > max)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                    "Trường \"%s\" có quá %zu phần tử.", field, max);
    *out = v;
    return APP_QUOTE_OK;
}

static int parse_person(json_t *v, struct rules_request *q,
                        struct app_quote_err *err)
{
    static const char *const keys[] = {"birth_date",        "disability",
                                       "studying",          "social_pension",
                                       "poor_or_near_poor", NULL};
    const char *dis;
    int rc;

    if (!json_is_object(v))
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "person",
                    "Trường \"person\" phải là đối tượng {...}.");
    rc = only_keys(v, keys, "person", err);
    if (rc == APP_QUOTE_OK)
        rc = get_date(v, "birth_date", "person.birth_date", &q->birth, err);
    if (rc == APP_QUOTE_OK)
        rc = get_str(v, "disability", "person.disability", 0, &dis, err);
    if (rc != APP_QUOTE_OK)
        return rc;
    if (dis == NULL || strcmp(dis, "none") == 0)
        q->disability = RULES_DIS_NONE;
    else if (strcmp(dis, "severe") == 0)
        q->disability = RULES_DIS_SEVERE;
    else if (strcmp(dis, "especially_severe") == 0)
        q->disability = RULES_DIS_ESPECIALLY_SEVERE;
    else
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "person.disability",
                    "Trường \"person.disability\" phải là \"none\", "
                    "\"severe\" hoặc \"especially_severe\".");
    rc = get_bool(v, "studying", "person.studying", &q->studying, err);
    if (rc == APP_QUOTE_OK)
        rc = get_bool(v, "social_pension", "person.social_pension",
                      &q->social_pension, err);
    if (rc == APP_QUOTE_OK)
        rc = get_bool(v, "poor_or_near_poor", "person.poor_or_near_poor",
                      &q->poor_or_near_poor, err);
    q->has_person = 1;
    return rc;
}

static int parse_categories(const json_t *root, struct rules_request *q,
                            struct app_quote_err *err)
{
    const json_t *arr, *v;
    size_t i;
    int rc;

    rc = get_array(root, "categories", "categories", RULES_MAX_CATEGORIES, &arr,
                   err);
    if (rc != APP_QUOTE_OK || arr == NULL)
        return rc;
    json_array_foreach(arr, i, v)
    {
        char field[FIELD_MAX];

        snprintf(field, sizeof field, "categories[%zu]", i);
        if (!json_is_string(v))
            return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                        "Trường \"%s\" phải là chuỗi mã diện (\"K6\").", field);
        rc = copy_code(json_string_value(v), field, q->categories[i],
                       RULES_CODE_SIZE, err);
        if (rc != APP_QUOTE_OK)
            return rc;
        q->ncategories++;
    }
    return APP_QUOTE_OK;
}

static int parse_children(const json_t *root, struct rules_request *q,
                          struct app_quote_err *err)
{
    static const char *const keys[] = {"birth_date", "studying", NULL};
    const json_t *arr;
    json_t *v;
    size_t i;
    int rc;

    rc = get_array(root, "children", "children", RULES_MAX_CHILDREN, &arr, err);
    if (rc != APP_QUOTE_OK || arr == NULL)
        return rc;
    json_array_foreach(arr, i, v)
    {
        char field[32], sub[FIELD_MAX];

        snprintf(field, sizeof field, "children[%zu]", i);
        if (!json_is_object(v))
            return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                        "Trường \"%s\" phải là đối tượng {\"birth_date\": "
                        "...}.",
                        field);
        rc = only_keys(v, keys, field, err);
        if (rc != APP_QUOTE_OK)
            return rc;
        snprintf(sub, sizeof sub, "%s.birth_date", field);
        rc = get_date(v, "birth_date", sub, &q->children[i].birth, err);
        if (rc != APP_QUOTE_OK)
            return rc;
        snprintf(sub, sizeof sub, "%s.studying", field);
        rc = get_bool(v, "studying", sub, &q->children[i].studying, err);
        if (rc != APP_QUOTE_OK)
            return rc;
        q->nchildren++;
    }
    return APP_QUOTE_OK;
}

static int parse_care(json_t *v, struct rules_request *q,
                      struct app_quote_err *err)
{
    static const char *const keys[] = {"case", "pregnant", NULL};
    const char *cs;
    int rc;

    if (!json_is_object(v))
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "care",
                    "Trường \"care\" phải là đối tượng {\"case\": ...}.");
    rc = only_keys(v, keys, "care", err);
    if (rc == APP_QUOTE_OK)
        rc = get_str(v, "case", "care.case", 1, &cs, err);
    if (rc == APP_QUOTE_OK)
        rc = copy_code(cs, "care.case", q->care_case, sizeof q->care_case, err);
    if (rc == APP_QUOTE_OK)
        rc = get_bool(v, "pregnant", "care.pregnant", &q->pregnant, err);
    return rc;
}

static int parse_funeral(json_t *v, struct rules_request *q,
                         struct app_quote_err *err)
{
    static const char *const keys[] = {"cases", NULL};
    const json_t *arr, *c;
    size_t i;
    int rc;

    if (!json_is_object(v))
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "funeral",
                    "Trường \"funeral\" phải là đối tượng {\"cases\": "
                    "[...]}.");
    rc = only_keys(v, keys, "funeral", err);
    if (rc == APP_QUOTE_OK)
        rc = get_array(v, "cases", "funeral.cases", RULES_MAX_CASES, &arr, err);
    if (rc != APP_QUOTE_OK)
        return rc;
    if (arr == NULL || json_array_size(arr) == 0)
        return qerr(err, APP_QUOTE_EINPUT, "missing_field", "funeral.cases",
                    "Thiếu trường bắt buộc \"funeral.cases\" (ví dụ "
                    "[\"allowance\"]).");
    json_array_foreach(arr, i, c)
    {
        char field[FIELD_MAX];

        snprintf(field, sizeof field, "funeral.cases[%zu]", i);
        if (!json_is_string(c))
            return qerr(err, APP_QUOTE_EINPUT, "invalid_field", field,
                        "Trường \"%s\" phải là chuỗi.", field);
        rc = copy_code(json_string_value(c), field, q->funeral[i],
                       RULES_CODE_SIZE, err);
        if (rc != APP_QUOTE_OK)
            return rc;
        q->nfuneral++;
    }
    return APP_QUOTE_OK;
}

/* Which top-level fields each benefit takes (docs/rules.md). */
static const char *const fields_monthly[] = {
    "month", "benefit", "person", "categories", "children", "province", NULL};
static const char *const fields_care[] = {
    "month", "benefit", "person", "care", "children", "province", NULL};
static const char *const fields_nurturing[] = {
    "month", "benefit", "person", "categories", "province", NULL};
static const char *const fields_funeral[] = {"month", "benefit", "funeral",
                                             "province", NULL};
static const char *const fields_all[] = {"month",      "benefit",  "person",
                                         "categories", "children", "province",
                                         "care",       "funeral",  NULL};

static int parse_root(json_t *root, struct rules_request *q,
                      struct app_quote_err *err)
{
    static const char *const *const per_benefit[] = {
        fields_monthly, fields_care, fields_nurturing, fields_funeral};
    static const char *const required[][3] = {{"person", "categories", NULL},
                                              {"person", "care", NULL},
                                              {"person", NULL, NULL},
                                              {"funeral", NULL, NULL}};
    const char *s, *key;
    json_t *v;
    size_t i;
    int rc;

    rc = only_keys(root, fields_all, "", err);
    if (rc == APP_QUOTE_OK)
        rc = get_str(root, "benefit", "benefit", 0, &s, err);
    if (rc != APP_QUOTE_OK)
        return rc;
    q->benefit = RULES_MONTHLY;
    if (s != NULL) {
        for (i = 0; i <= RULES_FUNERAL; i++)
            if (strcmp(s, rules_benefit_name((int)i)) == 0)
                break;
        if (i > RULES_FUNERAL)
            return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "benefit",
                        "Trường \"benefit\" phải là \"monthly\", \"care\", "
                        "\"nurturing\" hoặc \"funeral\".");
        q->benefit = (int)i;
    }
    json_object_foreach(root, key, v)
    {
        const char *const *allowed = per_benefit[q->benefit];
        int ok = 0;

        (void)v;
        for (i = 0; allowed[i] != NULL; i++)
            ok |= strcmp(key, allowed[i]) == 0;
        if (!ok) /* a known key (only_keys passed): safe to echo */
            return qerr(err, APP_QUOTE_EINPUT, "invalid_field", key,
                        "Trường \"%s\" không dùng cho loại trợ giúp \"%s\".",
                        key, rules_benefit_name(q->benefit));
    }
    for (i = 0; i < 2 && required[q->benefit][i] != NULL; i++)
        if (json_object_get(root, required[q->benefit][i]) == NULL)
            return qerr(
                err, APP_QUOTE_EINPUT, "missing_field", required[q->benefit][i],
                "Thiếu trường bắt buộc \"%s\".", required[q->benefit][i]);
    rc = get_str(root, "month", "month", 1, &s, err);
    if (rc != APP_QUOTE_OK)
        return rc;
    rc = month_parse_iso(s, strlen(s), &q->month);
    if (rc != DATE_OK)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "month",
                    "Trường \"month\" phải là tháng dạng YYYY-MM.");
    v = json_object_get(root, "person");
    if (v != NULL)
        rc = parse_person(v, q, err);
    if (rc == APP_QUOTE_OK)
        rc = parse_categories(root, q, err);
    if (rc == APP_QUOTE_OK)
        rc = parse_children(root, q, err);
    v = json_object_get(root, "care");
    if (rc == APP_QUOTE_OK && v != NULL)
        rc = parse_care(v, q, err);
    v = json_object_get(root, "funeral");
    if (rc == APP_QUOTE_OK && v != NULL)
        rc = parse_funeral(v, q, err);
    if (rc == APP_QUOTE_OK)
        rc = get_str(root, "province", "province", 0, &s, err);
    if (rc != APP_QUOTE_OK)
        return rc;
    if (s != NULL) {
        if (strlen(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' ||
            s[1] > '9')
            return qerr(err, APP_QUOTE_EINPUT, "invalid_field", "province",
                        "Trường \"province\" phải là mã tỉnh 2 chữ số "
                        "(\"35\").");
        memcpy(q->province, s, 3);
    }
    return APP_QUOTE_OK;
}

int app_quote_parse(const char *data, size_t len, struct rules_request *q,
                    struct app_quote_err *err)
{
    json_error_t jerr;
    json_t *root;
    int rc;

    memset(q, 0, sizeof *q);
    if (len > APP_QUOTE_MAX_BYTES)
        return qerr(err, APP_QUOTE_EINPUT, "too_large", NULL,
                    "Yêu cầu quá lớn (tối đa %u byte).", APP_QUOTE_MAX_BYTES);
    root = json_loadb(data != NULL ? data : "", len, JSON_REJECT_DUPLICATES,
                      &jerr);
    if (root == NULL && strstr(jerr.text, "duplicate") != NULL)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_json", NULL,
                    "Yêu cầu có một trường lặp lại (dòng %d, cột %d).",
                    jerr.line, jerr.column);
    if (root == NULL)
        return qerr(err, APP_QUOTE_EINPUT, "invalid_json", NULL,
                    "Yêu cầu không phải JSON hợp lệ (dòng %d, cột %d).",
                    jerr.line, jerr.column);
    if (!json_is_object(root))
        rc = qerr(err, APP_QUOTE_EINPUT, "invalid_json", NULL,
                  "Yêu cầu phải là một đối tượng JSON {...}.");
    else
        rc = parse_root(root, q, err);
    json_decref(root);
    return rc;
}

/* --- The response writer
 * ---------------------------------------------------------
 */

static json_t *str_or_null(const char *s)
{
    return s != NULL ? json_string(s) : json_null();
}

static json_t *line_json(const struct rules_line *l)
{
    json_t *o = json_object();
    char coeff[16];

    money_format_coeff(l->coeff_milli, coeff);
    json_object_set_new(o, "category", json_string(l->category));
    if (l->case_code != NULL)
        json_object_set_new(o, "case", json_string(l->case_code));
    if (l->child >= 0)
        json_object_set_new(o, "child", json_integer(l->child));
    if (l->age >= 0)
        json_object_set_new(o, "age", json_integer(l->age));
    json_object_set_new(o, "label", str_or_null(l->label));
    json_object_set_new(o, "coefficient", json_string(coeff));
    json_object_set_new(o, "standard_level", json_integer(l->level));
    json_object_set_new(o, "amount", json_integer(l->amount));
    json_object_set_new(o, "basis", str_or_null(l->basis));
    json_object_set_new(o, "rules_ref", str_or_null(l->rules_ref));
    json_object_set_new(o, "confidence",
                        json_string(rules_confidence_name(l->confidence)));
    json_object_set_new(o, "level_basis", str_or_null(l->level_basis));
    json_object_set_new(
        o, "level_confidence",
        json_string(rules_confidence_name(l->level_confidence)));
    json_object_set_new(o, "paid", json_boolean(l->paid));
    if (l->note[0] != '\0')
        json_object_set_new(o, "note", json_string(l->note));
    return o;
}

void app_quote_write(const struct rules_request *q,
                     const struct rules_result *res, char **out,
                     size_t *out_len)
{
    json_t *root = json_object(), *lines = json_array(), *inel = json_array();
    char month[8];
    size_t i, n;

    month_format_iso(res->month, month);
    json_object_set_new(root, "month", json_string(month));
    json_object_set_new(root, "benefit",
                        json_string(rules_benefit_name(res->benefit)));
    if (q->province[0] != '\0')
        json_object_set_new(root, "province", json_string(q->province));
    if (res->age >= 0)
        json_object_set_new(root, "person_age", json_integer(res->age));
    json_object_set_new(root, "standard_level",
                        json_integer(res->standard_level));
    json_object_set_new(root, "standard_level_basis",
                        str_or_null(res->level_basis));
    json_object_set_new(
        root, "standard_level_confidence",
        json_string(rules_confidence_name(res->level_confidence)));
    for (i = 0; i < res->nlines; i++)
        json_array_append_new(lines, line_json(&res->lines[i]));
    for (i = 0; i < res->nineligible; i++) {
        const struct rules_ineligible *e = &res->ineligible[i];
        json_t *o = json_object();

        json_object_set_new(o, "category", json_string(e->category));
        if (e->child >= 0)
            json_object_set_new(o, "child", json_integer(e->child));
        json_object_set_new(o, "reason", json_string(e->reason));
        json_object_set_new(o, "rules_ref", str_or_null(e->rules_ref));
        json_array_append_new(inel, o);
    }
    json_object_set_new(root, "lines", lines);
    json_object_set_new(root, "ineligible", inel);
    json_object_set_new(root, "total", json_integer(res->total));
    n = json_dumpb(root, NULL, 0, JSON_COMPACT);
    *out = xmalloc(n + 2);
    if (n > 0)
        json_dumpb(root, *out, n, JSON_COMPACT);
    (*out)[n] = '\n';
    (*out)[n + 1] = '\0';
    *out_len = n + 1;
    json_decref(root);
}

int app_quote_run(const char *data, size_t len, char **out, size_t *out_len,
                  struct app_quote_err *err)
{
    const struct rules *r;
    struct rules_request *q = NULL;
    struct rules_result *res = NULL;
    struct rules_err rerr;
    int rc;

    *out = NULL;
    *out_len = 0;
    rc = app_quote_rules(&r, err);
    if (rc != APP_QUOTE_OK)
        return rc;
    q = xmalloc(sizeof *q);
    res = xmalloc(sizeof *res);
    rc = app_quote_parse(data, len, q, err);
    if (rc != APP_QUOTE_OK)
        goto out;
    rc = rules_compute(r, q, res, &rerr);
    if (rc == RULES_EINPUT || rc == RULES_ENOLEVEL) {
        rc = qerr(err, APP_QUOTE_EINPUT,
                  rc == RULES_ENOLEVEL ? "no_level" : "invalid_field",
                  rerr.field, "%s", rerr.message);
        goto out;
    }
    if (rc != RULES_OK) {
        rc = qerr(err, APP_QUOTE_ERULES, "rules", NULL,
                  "Không tính được theo bộ quy định: %s", rerr.message);
        goto out;
    }
    app_quote_write(q, res, out, out_len);
    rc = APP_QUOTE_OK;
out:
    free(q);
    free(res);
    return rc;
}

/* --- Every beneficiary of a month
 * ------------------------------------------------
 */

/* Results of the month by what they depend on (memo below). */
#define MEMO_SLOTS 8192 /* power of two */
#define MEMO_KEY   160  /* bytes of a key */

struct memo_slot {
    char key[MEMO_KEY]; /* "" when empty */
    int failed;
    int64_t total;
    int64_t lines;
};

struct all_ctx {
    const struct rules *r;
    struct rules_request q;
    struct rules_result res;
    struct app_quote_summary *sum;
    struct memo_slot *memo; /* MEMO_SLOTS */
    size_t memo_used;
};

/* What rules_compute's total depends on for a person of this month: the
 * categories, disability and studying, and ages as the engine counts them
 * (the age reached in the month and in the month before, core/rules.c),
 * the same for each child. Persons alike (most of the elderly of one age
 * band) share a result, computed once per month. 0 and the key in out, or
 * -1 when it does not fit (then no memo). */
static int memo_key(const struct rules_request *q, char *out, size_t cap)
{
    size_t used = 0, i;
    int n;

    n = snprintf(
        out, cap, "%d%d%d|%d,%d|", q->has_person, q->disability, q->studying,
        q->has_person ? date_age_in_month(q->birth, q->month) : -1,
        q->has_person ? date_age_in_month(q->birth, month_add(q->month, -1))
                      : -1);
    if (n < 0 || (size_t)n >= cap)
        return -1;
    used = (size_t)n;
    for (i = 0; i < q->ncategories; i++) {
        n = snprintf(out + used, cap - used, "%s,", q->categories[i]);
        if (n < 0 || (size_t)n >= cap - used)
            return -1;
        used += (size_t)n;
    }
    for (i = 0; i < q->nchildren; i++) {
        n = snprintf(
            out + used, cap - used, "|%d,%d,%d",
            date_age_in_month(q->children[i].birth, q->month),
            date_age_in_month(q->children[i].birth, month_add(q->month, -1)),
            q->children[i].studying);
        if (n < 0 || (size_t)n >= cap - used)
            return -1;
        used += (size_t)n;
    }
    return 0;
}

static uint64_t memo_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* Turn one streamed person into a request: one entry per category (the
 * most severe disability level of the month when K6 appears twice),
 * studying when a membership says so. */
static void to_request(const struct store_quote_person *p,
                       struct rules_request *q)
{
    size_t i, j;

    q->ncategories = 0;
    q->nchildren = 0;
    q->disability = RULES_DIS_NONE;
    q->studying = 0;
    q->has_person = 1;
    if (date_parse_iso(p->birth_date, strlen(p->birth_date), &q->birth) !=
        DATE_OK)
        q->has_person = 0; /* rules_compute then refuses it */
    for (i = 0; i < p->nmemberships; i++) {
        const struct store_quote_membership *m = &p->m[i];
        int dup = 0;

        if (strcmp(m->disability, "especially_severe") == 0)
            q->disability = RULES_DIS_ESPECIALLY_SEVERE;
        else if (strcmp(m->disability, "severe") == 0 &&
                 q->disability == RULES_DIS_NONE)
            q->disability = RULES_DIS_SEVERE;
        q->studying |= m->studying;
        for (j = 0; j < q->ncategories; j++)
            dup |= strcmp(q->categories[j], m->category) == 0;
        if (!dup && q->ncategories < RULES_MAX_CATEGORIES)
            snprintf(q->categories[q->ncategories++], RULES_CODE_SIZE, "%s",
                     m->category);
    }
    for (i = 0; i < p->nchildren && i < RULES_MAX_CHILDREN; i++) {
        if (date_parse_iso(p->child[i].birth_date,
                           strlen(p->child[i].birth_date),
                           &q->children[q->nchildren].birth) != DATE_OK)
            continue;
        q->children[q->nchildren++].studying = p->child[i].studying;
    }
}

static int on_person(void *arg, const struct store_quote_person *p)
{
    struct all_ctx *c = arg;
    struct rules_err err;

    struct memo_slot *slot = NULL;
    char key[MEMO_KEY];
    int64_t total, lines;

    to_request(p, &c->q);
    c->sum->persons++;
    c->sum->k4_children += (int64_t)c->q.nchildren;
    if (memo_key(&c->q, key, sizeof key) == 0) {
        size_t i = (size_t)memo_hash(key) & (MEMO_SLOTS - 1);

        while (c->memo[i].key[0] != '\0' && strcmp(c->memo[i].key, key) != 0)
            i = (i + 1) & (MEMO_SLOTS - 1);
        slot = &c->memo[i];
        if (slot->key[0] != '\0')
            goto known;
        if (c->memo_used >= MEMO_SLOTS / 2)
            slot = NULL; /* full enough: compute without keeping */
    }
    if (rules_compute(c->r, &c->q, &c->res, &err) != RULES_OK) {
        if (c->sum->errors < 5)
            log_warn("quote refused", "person=%lld msg=\"%s\"",
                     (long long)p->person_id, err.message);
        if (slot == NULL) {
            c->sum->errors++;
            return 0;
        }
        slot->failed = 1;
    } else if (slot == NULL) {
        total = c->res.total;
        lines = (int64_t)c->res.nlines;
        goto count;
    } else {
        slot->total = c->res.total;
        slot->lines = (int64_t)c->res.nlines;
    }
    memcpy(slot->key, key, sizeof key);
    c->memo_used++;
known:
    if (slot->failed) {
        c->sum->errors++;
        return 0;
    }
    total = slot->total;
    lines = slot->lines;
count:
    c->sum->lines += lines;
    c->sum->total += total;
    if (total > 0)
        c->sum->payable++;
    else
        c->sum->ineligible++;
    return 0;
}

int app_quote_all(struct db *db, const char *month,
                  struct app_quote_summary *out, char *msg, size_t msglen)
{
    static const struct store_quote_filter everyone = {0, "", 0};

    return app_quote_filtered(db, month, &everyone, out, msg, msglen);
}

int app_quote_filtered(struct db *db, const char *month,
                       const struct store_quote_filter *f,
                       struct app_quote_summary *out, char *msg, size_t msglen)
{
    struct app_quote_err err;
    struct all_ctx *c;
    struct month m;
    struct date first, last;
    char d1[11], d2[11];
    int rc;

    memset(out, 0, sizeof *out);
    if (month == NULL || month_parse_iso(month, strlen(month), &m) != DATE_OK) {
        snprintf(msg, msglen, "tháng không hợp lệ (cần YYYY-MM): %s",
                 month ? month : "");
        return APP_QUOTE_EINPUT;
    }
    c = xcalloc(1, sizeof *c);
    c->memo = xcalloc(MEMO_SLOTS, sizeof *c->memo);
    rc = app_quote_rules(&c->r, &err);
    if (rc != APP_QUOTE_OK) {
        snprintf(msg, msglen, "%s", err.message);
        free(c->memo);
        free(c);
        return rc;
    }
    month_format_iso(m, out->month);
    c->sum = out;
    c->q.month = m;
    c->q.benefit = RULES_MONTHLY;
    first = month_first_day(m);
    last = date_add_days(month_first_day(month_add(m, 1)), -1);
    date_format_iso(first, d1);
    date_format_iso(last, d2);
    rc = store_quote_scan_filtered(db, d1, d2, f, on_person, c);
    free(c->memo);
    free(c);
    if (rc != DB_OK) {
        snprintf(msg, msglen, "%s", db_errmsg(db));
        return APP_QUOTE_EDB;
    }
    return APP_QUOTE_OK;
}
