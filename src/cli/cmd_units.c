/* cmd_units.c: `ansinh units`: administrative units on a date, the history
 * of a code, and where a unit went at the 2025 reform (docs/units.md). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/units.h"
#include "core/date.h"
#include "core/units_list.h"
#include "store/db.h"
#include "store/store_units.h"
#include "util/clock.h"

enum units_mode {
    MODE_SHOW = 0,
    MODE_HISTORY,
    MODE_SUCCESSORS,
    MODE_PREDECESSORS
};

static void help(FILE *f)
{
    fprintf(
        f,
        "Cách dùng: ansinh units [--db DSN] [--date NGÀY] [MÃ] [--tree]\n"
        "           ansinh units --history MÃ\n"
        "           ansinh units --successors MÃ | --predecessors MÃ\n"
        "Tra cứu đơn vị hành chính (mã GSO) theo ngày, lịch sử và sáp nhập.\n"
        "(Administrative units on a date, their history, and the 2025 "
        "reform.)\n\n"
        "  (không có MÃ)    các tỉnh, thành phố vào ngày đã chọn\n"
        "  MÃ               đơn vị đó vào ngày đã chọn và các đơn vị trực "
        "thuộc\n"
        "  --date NGÀY      YYYY-MM-DD hoặc dd/mm/yyyy (mặc định: hôm nay)\n"
        "  --tree           in cả cây đơn vị trực thuộc (huyện, xã)\n"
        "  --history        mọi phiên bản của MÃ (tên, cấp trên, thời gian)\n"
        "  --successors     đơn vị mới nhận xã/phường cũ MÃ sau sáp nhập\n"
        "  --predecessors   các đơn vị cũ hợp thành đơn vị mới MÃ\n"
        "  --db DSN         cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
        "ansinh.db)\n"
        "  --help           hướng dẫn này\n\n"
        "Mã tỉnh có 2 chữ số, mã huyện 3, mã xã 5 (giữ số 0 ở đầu).\n"
        "Province codes have 2 digits, districts 3, communes 5.\n");
}

/* 'YYYY-MM-DD' exclusive end -> the last day, dd/mm/yyyy; "" -> "nay". */
static void last_day_vn(const char *valid_to, char out[16])
{
    struct date d;

    if (valid_to[0] == '\0' ||
        date_parse_iso(valid_to, strlen(valid_to), &d) != DATE_OK) {
        snprintf(out, 16, "nay");
        return;
    }
    date_format_vn(date_add_days(d, -1), out);
}

/* The date asked for was before the earliest list: say which list answers. */
static void print_before_note(int before, const char *asked,
                              const char *answered)
{
    char a[11], e[11];

    if (!before)
        return;
    app_units_date_vn(asked, a);
    app_units_date_vn(answered, e);
    printf("Lưu ý: ngày %s trước danh sách sớm nhất (%s); kết quả theo "
           "danh sách đó.\n",
           a, e);
}

/* Print the children of code on date, indented; recurse when tree. */
static int print_children(struct db *db, const char *code, const char *date,
                          int depth, int tree)
{
    struct store_units_list l;
    size_t i;
    int rc = store_units_children(db, code, date, &l);

    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    for (i = 0; i < l.count && rc == DB_OK; i++) {
        printf("%*s%s  %s\n", depth * 2, "", l.items[i].code, l.items[i].name);
        if (tree && l.items[i].level < UNITS_COMMUNE)
            rc = print_children(db, l.items[i].code, date, depth + 1, 1);
    }
    store_units_list_free(&l);
    return rc == DB_OK ? 0 : 1;
}

static int show_provinces(struct db *db, const char *date, int tree)
{
    struct store_units_list l;
    char d[11];
    int rc = store_units_children(db, NULL, date, &l);

    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    print_before_note(l.before_earliest, date, l.date);
    app_units_date_vn(l.date, d);
    printf("Các tỉnh, thành phố ngày %s (%zu):\n", d, l.count);
    store_units_list_free(&l);
    return print_children(db, NULL, date, 1, tree);
}

/* When a code has no version on date, say when it did exist. */
static int not_found(struct db *db, const char *code, const char *date)
{
    struct store_units_list h;
    char d[11], from[11], to[16];

    app_units_date_vn(date, d);
    if (store_units_history(db, code, &h) != DB_OK || h.count == 0) {
        store_units_list_free(&h);
        return cli_fail("không có đơn vị hành chính mã %s", code);
    }
    app_units_date_vn(h.items[0].valid_from, from);
    last_day_vn(h.items[h.count - 1].valid_to, to);
    if (h.items[0].level == UNITS_COMMUNE)
        cli_fail("mã %s không có hiệu lực ngày %s (có từ %s đến %s); xem "
                 "--history %s và --successors %s",
                 code, d, from, to, code, code);
    else
        cli_fail("mã %s không có hiệu lực ngày %s (có từ %s đến %s); xem "
                 "--history %s",
                 code, d, from, to, code);
    store_units_list_free(&h);
    return 1;
}

static int show_unit(struct db *db, const char *code, const char *date,
                     int tree)
{
    struct units_version v;
    char label[512], from[11], to[16];
    int before = 0;
    int rc = store_units_get(db, code, date, &v, &before);

    if (rc == DB_ENOTFOUND)
        return not_found(db, code, date);
    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    print_before_note(before, date, v.valid_from);
    app_units_label(db, &v, label, sizeof(label));
    app_units_date_vn(v.valid_from, from);
    last_day_vn(v.valid_to, to);
    printf("%s  %s\n", v.code, label);
    printf("  Loại: %s (cấp %s); hiệu lực từ %s đến %s\n", v.type,
           units_level_name(v.level), from, to);
    if (v.level == UNITS_COMMUNE)
        return 0;
    printf("  Trực thuộc:\n");
    return print_children(db, v.code, date, 2, tree);
}

/* After a history: where the unit went at each reform, one line. */
static int print_successors_brief(struct db *db, const char *code)
{
    struct store_units_links l;
    char d[11];
    size_t i;
    int rc = store_units_successors(db, code, &l);

    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    for (i = 0; i < l.count; i++) {
        if (i == 0 ||
            strcmp(l.items[i].effective, l.items[i - 1].effective) != 0) {
            app_units_date_vn(l.items[i].effective, d);
            printf("%sTừ %s thuộc về: ", i ? "\n" : "", d);
        } else {
            printf("; ");
        }
        printf("%s %s (%s)", l.items[i].new_code, l.items[i].new_name,
               l.items[i].partial ? "một phần" : "toàn bộ");
    }
    if (l.count > 0)
        printf("\n");
    store_units_links_free(&l);
    return 0;
}

static int show_history(struct db *db, const char *code)
{
    struct store_units_list h;
    char label[512], from[11], to[16];
    size_t i;
    int rc = store_units_history(db, code, &h);

    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    if (h.count == 0) {
        store_units_list_free(&h);
        return cli_fail("không có đơn vị hành chính mã %s", code);
    }
    printf("%s: ", code);
    for (i = 0; i < h.count; i++) {
        app_units_label(db, &h.items[i], label, sizeof(label));
        app_units_date_vn(h.items[i].valid_from, from);
        last_day_vn(h.items[i].valid_to, to);
        printf("%s%s–%s %s", i ? "; " : "", from, to, label);
    }
    printf("\n");
    store_units_list_free(&h);
    return print_successors_brief(db, code);
}

/* "13285 Phường Phủ Lý (Tỉnh Ninh Bình)" for the unit on date, or code and
 * name alone if it has no version then. */
static void link_label(struct db *db, const char *code, const char *name,
                       const char *date, char *out, size_t outlen)
{
    struct units_version v;
    char label[400];

    if (store_units_get(db, code, date, &v, NULL) == DB_OK &&
        app_units_label(db, &v, label, sizeof(label)) == 0)
        snprintf(out, outlen, "%s %s", code, label);
    else if (name[0] != '\0')
        snprintf(out, outlen, "%s %s", code, name);
    else
        snprintf(out, outlen, "%s (không có trong danh sách)", code);
}

static int show_successors(struct db *db, const char *code)
{
    struct store_units_links l;
    char label[512], d[11];
    size_t i, partial = 0;
    int rc = store_units_successors(db, code, &l);

    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    if (l.count == 0) {
        printf("Mã %s không có trong dữ liệu sáp nhập (không có đơn vị "
               "kế thừa).\n",
               code);
        store_units_links_free(&l);
        return 0;
    }
    for (i = 0; i < l.count; i++) {
        if (i == 0 ||
            strcmp(l.items[i].effective, l.items[i - 1].effective) != 0) {
            app_units_date_vn(l.items[i].effective, d);
            printf("%s %s, từ %s thuộc về:\n", code,
                   l.items[i].old_name[0] ? l.items[i].old_name
                                          : "(không có trong danh sách)",
                   d);
        }
        link_label(db, l.items[i].new_code, l.items[i].new_name,
                   l.items[i].effective, label, sizeof(label));
        printf("  → %s — %s\n", label,
               l.items[i].partial ? "một phần — cần địa chỉ để xác định"
                                  : "toàn bộ");
        partial += l.items[i].partial != 0;
    }
    if (partial > 0)
        printf("Đơn vị cũ bị chia cho nhiều đơn vị mới: không xác định được "
               "đơn vị mới\ncủa một người chỉ từ mã; cần địa chỉ (thôn, tổ "
               "dân phố).\n");
    store_units_links_free(&l);
    return 0;
}

static int show_predecessors(struct db *db, const char *code)
{
    struct store_units_links l;
    char label[512], d[11];
    size_t i;
    int rc = store_units_predecessors(db, code, &l);

    if (rc != DB_OK)
        return cli_fail("%s", db_errmsg(db));
    if (l.count == 0) {
        printf("Mã %s không được hình thành từ sáp nhập trong dữ liệu.\n",
               code);
        store_units_links_free(&l);
        return 0;
    }
    for (i = 0; i < l.count; i++) {
        if (i == 0 ||
            strcmp(l.items[i].effective, l.items[i - 1].effective) != 0) {
            app_units_date_vn(l.items[i].effective, d);
            link_label(db, code, l.items[i].new_name, l.items[i].effective,
                       label, sizeof(label));
            printf("%s, từ %s, hợp thành từ:\n", label, d);
        }
        printf("  ← %s %s — %s\n", l.items[i].old_code,
               l.items[i].old_name[0] ? l.items[i].old_name
                                      : "(không có trong danh sách)",
               l.items[i].partial ? "một phần" : "toàn bộ");
    }
    store_units_links_free(&l);
    return 0;
}

/* Accept YYYY-MM-DD or dd/mm/yyyy; write ISO into out. */
static int parse_date_arg(const char *s, char out[11])
{
    struct date d;

    if (date_parse_iso(s, strlen(s), &d) != DATE_OK &&
        date_parse_vn(s, strlen(s), &d) != DATE_OK)
        return -1;
    date_format_iso(d, out);
    return 0;
}

int cmd_units(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"date", required_argument, 0, 't'},
                                         {"history", no_argument, 0, 'H'},
                                         {"successors", no_argument, 0, 's'},
                                         {"predecessors", no_argument, 0, 'p'},
                                         {"tree", no_argument, 0, 'T'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *dsn = NULL, *code = NULL;
    char date[11];
    int mode = MODE_SHOW, tree = 0, c, rc;
    struct db *db = NULL;

    date_format_iso(clock_today_vn(), date);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 't':
            if (parse_date_arg(optarg, date) != 0) {
                cli_fail("ngày không hợp lệ: %s (cần YYYY-MM-DD hoặc "
                         "dd/mm/yyyy)",
                         optarg);
                return 2;
            }
            break;
        case 'H':
        case 's':
        case 'p':
            if (mode != MODE_SHOW) {
                cli_fail("chỉ dùng một trong --history, --successors, "
                         "--predecessors");
                return 2;
            }
            mode = c == 'H'   ? MODE_HISTORY
                   : c == 's' ? MODE_SUCCESSORS
                              : MODE_PREDECESSORS;
            break;
        case 'T':
            tree = 1;
            break;
        case 'h':
            help(stdout);
            return 0;
        default:
            help(stderr);
            return 2;
        }
    }
    if (optind < argc)
        code = argv[optind++];
    if (optind < argc) {
        help(stderr);
        return 2;
    }
    if (code != NULL && units_code_level(code, strlen(code)) == 0) {
        cli_fail("mã đơn vị không hợp lệ: %s (cần 2, 3 hoặc 5 chữ số)", code);
        return 2;
    }
    if (code == NULL && mode != MODE_SHOW) {
        cli_fail("--history, --successors và --predecessors cần một mã");
        return 2;
    }
    if (cli_open_db(dsn, &db) != 0)
        return 1;
    switch (mode) {
    case MODE_HISTORY:
        rc = show_history(db, code);
        break;
    case MODE_SUCCESSORS:
        rc = show_successors(db, code);
        break;
    case MODE_PREDECESSORS:
        rc = show_predecessors(db, code);
        break;
    default:
        rc = code ? show_unit(db, code, date, tree)
                  : show_provinces(db, date, tree);
        break;
    }
    db_close(db);
    return rc;
}
