/* units.c: loading the embedded unit lists, and labels (see units.h). */
#include "app/units.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store_audit.h"
#include "store/store_units.h"
#include "util/clock.h"
#include "util/embed.h"

#define UNITS_DIR          "data/units/"
#define UNITS_PREFIX       "vn-units-"
#define UNITS_LINKS_SUFFIX "-predecessors.csv"
#define UNITS_MAX_FILES    16
/* Bump when the way versions are built changes, so databases reload. */
#define UNITS_BUILD_TAG "ansinh-units-v1"

struct embedded_list {
    const struct embed_file *file;
    char date[UNITS_DATE_SIZE];
    int links;
};

/* The embedded unit files, in name order (embed_get's order). Returns the
 * count, at most max. */
static size_t find_lists(struct embedded_list *out, size_t max)
{
    size_t i, n = 0, pre = strlen(UNITS_DIR UNITS_PREFIX);
    size_t suf = strlen(UNITS_LINKS_SUFFIX);

    for (i = 0; i < embed_count() && n < max; i++) {
        const struct embed_file *f = embed_get(i);
        size_t len = strlen(f->name);
        if (len < pre + 10 ||
            strncmp(f->name, UNITS_DIR UNITS_PREFIX, pre) != 0)
            continue;
        if (strcmp(f->name + pre + 10, ".csv") == 0) {
            out[n].links = 0;
        } else if (strcmp(f->name + pre + 10, UNITS_LINKS_SUFFIX) == 0 &&
                   len == pre + 10 + suf) {
            out[n].links = 1;
        } else {
            continue;
        }
        out[n].file = f;
        memcpy(out[n].date, f->name + pre, 10);
        out[n].date[10] = '\0';
        n++;
    }
    return n;
}

static uint64_t fnv1a(uint64_t h, const void *p, size_t len)
{
    const unsigned char *s = p;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= s[i];
        h *= UINT64_C(0x100000001b3);
    }
    return h;
}

void app_units_checksum(char *out, size_t outlen)
{
    struct embedded_list lists[UNITS_MAX_FILES];
    size_t n = find_lists(lists, UNITS_MAX_FILES), i;
    uint64_t h = UINT64_C(0xcbf29ce484222325);

    h = fnv1a(h, UNITS_BUILD_TAG, sizeof(UNITS_BUILD_TAG));
    for (i = 0; i < n; i++) {
        /* the name (with its NUL) separates files and carries the date */
        h = fnv1a(h, lists[i].file->name, strlen(lists[i].file->name) + 1);
        h = fnv1a(h, lists[i].file->data, lists[i].file->len);
    }
    snprintf(out, outlen, "fnv1a64:%016" PRIx64, h);
}

int app_units_dataset(struct units_dataset **out, char *msg, size_t msglen)
{
    struct embedded_list lists[UNITS_MAX_FILES];
    struct units_source src[UNITS_MAX_FILES];
    size_t n = find_lists(lists, UNITS_MAX_FILES), i;
    char err[512];

    *out = NULL;
    if (n == 0) {
        snprintf(msg, msglen,
                 "Không có danh sách đơn vị hành chính nào "
                 "được nhúng trong chương trình");
        return DB_ERROR;
    }
    for (i = 0; i < n; i++) {
        src[i].name = lists[i].file->name + strlen(UNITS_DIR);
        src[i].date = lists[i].date;
        src[i].data = lists[i].file->data;
        src[i].len = lists[i].file->len;
        src[i].kind = lists[i].links ? UNITS_KIND_LINKS : UNITS_KIND_AUTO;
    }
    if (units_dataset_build(src, n, out, err, sizeof(err)) != UNITS_OK) {
        snprintf(msg, msglen, "Danh sách đơn vị hành chính lỗi: %s", err);
        return DB_ERROR;
    }
    return 0;
}

struct load_ctx {
    const struct units_dataset *ds;
    const char *checksum;
    int skipped;
};

static int load_tx(struct db *db, void *arg)
{
    struct load_ctx *c = arg;
    char stored[64], now[21], detail[256];
    int rc;

    c->skipped = 0;
    /* Lock the reference row first, so a concurrent loader waits here and
     * then sees our checksum. */
    rc = store_units_claim(db, stored, sizeof(stored));
    if (rc != DB_OK)
        return rc;
    if (strcmp(stored, c->checksum) == 0) {
        c->skipped = 1;
        return DB_OK;
    }
    rc = store_units_replace(db, c->ds);
    if (rc != DB_OK)
        return rc;
    clock_now_utc(now);
    rc = store_units_set_checksum(db, c->checksum, now);
    if (rc != DB_OK)
        return rc;
    snprintf(detail, sizeof(detail),
             "{\"checksum\":\"%s\",\"previous\":\"%s\",\"versions\":%zu,"
             "\"links\":%zu,\"earliest\":\"%s\"}",
             c->checksum, stored, c->ds->nversions, c->ds->nlinks,
             c->ds->earliest);
    return store_audit_add(db, "system", "units.load", "reference_data",
                           "units", detail);
}

int app_units_load(struct db *db, char *msg, size_t msglen)
{
    char checksum[32], stored[64];
    struct units_dataset *ds = NULL;
    struct load_ctx ctx;
    int rc;

    app_units_checksum(checksum, sizeof(checksum));
    rc = store_units_checksum(db, stored, sizeof(stored));
    if (rc != DB_OK) {
        snprintf(msg, msglen,
                 "Không đọc được dữ liệu tham chiếu đơn vị hành chính: %s",
                 db_errmsg(db));
        return rc;
    }
    if (strcmp(stored, checksum) == 0)
        return 0; /* up to date: the common case, no write at all */
    rc = app_units_dataset(&ds, msg, msglen);
    if (rc != 0)
        goto out;
    ctx.ds = ds;
    ctx.checksum = checksum;
    ctx.skipped = 0;
    rc = db_transact(db, load_tx, &ctx);
    if (rc != DB_OK)
        snprintf(msg, msglen, "Không nạp được danh sách đơn vị hành chính: %s",
                 db_errmsg(db));
out:
    units_dataset_free(ds);
    return rc;
}

/* Cut s back to a UTF-8 character boundary if snprintf truncated it. */
static void trim_utf8(char *s, size_t outlen, int wanted)
{
    size_t len, start, need;
    unsigned char lead;

    if (wanted < 0 || (size_t)wanted < outlen || outlen == 0)
        return;
    len = strlen(s);
    start = len;
    while (start > 0 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return;
    lead = (unsigned char)s[start - 1];
    need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (len - (start - 1) < need)
        s[start - 1] = '\0'; /* the last character was cut */
}

int app_units_label(struct db *db, const struct units_version *v, char *out,
                    size_t outlen)
{
    struct store_units_list anc;
    int rc, n;

    if (outlen == 0)
        return 0;
    n = snprintf(out, outlen, "%s", v->name);
    trim_utf8(out, outlen, n);
    if (v->parent_code[0] == '\0')
        return 0;
    rc = store_units_ancestors(db, v->code, v->valid_from, &anc);
    if (rc != DB_OK)
        return rc;
    if (anc.count == 1)
        n = snprintf(out, outlen, "%s (%s)", v->name, anc.items[0].name);
    else if (anc.count >= 2)
        n = snprintf(out, outlen, "%s (%s, %s)", v->name, anc.items[0].name,
                     anc.items[1].name);
    trim_utf8(out, outlen, n);
    store_units_list_free(&anc);
    return 0;
}

void app_units_date_vn(const char *iso, char out[11])
{
    if (strlen(iso) == 10 && iso[4] == '-' && iso[7] == '-') {
        memcpy(out, iso + 8, 2);
        out[2] = '/';
        memcpy(out + 3, iso + 5, 2);
        out[5] = '/';
        memcpy(out + 6, iso, 4);
        out[10] = '\0';
    } else {
        snprintf(out, 11, "%s", iso);
    }
}

void app_units_lower_type(const char *name, char *out, size_t outlen)
{
    static const char *const types[][2] = {
        {"Thành phố ", "thành phố "}, {"Thị xã ", "thị xã "},
        {"Thị trấn ", "thị trấn "},   {"Huyện ", "huyện "},
        {"Quận ", "quận "},           {"Xã ", "xã "},
        {"Phường ", "phường "},       {"Tỉnh ", "tỉnh "},
        {"Đặc khu ", "đặc khu "},
    };
    size_t i;

    for (i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t n = strlen(types[i][0]);

        if (strncmp(name, types[i][0], n) == 0) {
            snprintf(out, outlen, "%s%s", types[i][1], name + n);
            return;
        }
    }
    snprintf(out, outlen, "%s", name);
}
