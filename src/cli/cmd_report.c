/* cmd_report.c: `ansinh report`: the supervisors' reports
 * (docs/oversight.md; app/oversight.h).
 *
 *   ansinh report oversight [--unit U] [--date D] [--xlsx FILE]
 *                           [--pdf FILE] [--html FILE] [--as USER]
 *
 * prints the oversight document as indented JSON on stdout and writes the
 * documents asked for. Without --as the command reads as a national
 * account (the operator of the machine); with --as, as that account: its
 * area bounds the unit and its role must hold REPORT_READ, as in the API.
 * `ansinh report form10a..form10d` (the twice-yearly forms) goes to
 * cmd_report_form.c.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/oversight.h"
#include "app/scope.h"
#include "app/auth.h"
#include "core/date.h"
#include "http/router.h"
#include "store/db.h"
#include "store/store_users.h"

static void help(FILE *f)
{
    fprintf(f,
            "Cách dùng: ansinh report oversight [--unit MÃ] [--date NGÀY]\n"
            "           [--xlsx TỆP] [--pdf TỆP] [--html TỆP] [--as TÀI_KHOẢN]"
            " [--db DSN]\n"
            "Số liệu giám sát của một ngày và địa bàn (đối tượng, kinh phí, "
            "hồ sơ, khiếu nại),\ndạng JSON; --xlsx, --pdf, --html ghi thêm "
            "bảng tính, bản PDF, bản in HTML.\n"
            "(The oversight document as JSON; the files on request.)\n\n"
            "  --unit MÃ        tỉnh (2 chữ số), huyện (3) hoặc xã (5); mặc "
            "định: cả nước,\n"
            "                   hoặc địa bàn của tài khoản --as\n"
            "  --date NGÀY      YYYY-MM-DD hoặc dd/mm/yyyy (mặc định: hôm "
            "nay, giờ Việt Nam)\n"
            "  --as TÀI_KHOẢN   đọc với vai trò và địa bàn của tài khoản này\n"
            "  --db DSN         cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
            "ansinh.db)\n"
            "  --help           hướng dẫn này\n\n"
            "       ansinh report form10a|form10b|form10c|form10d --year NĂM "
            "--half 1|2 ...\n"
            "Báo cáo định kỳ 6 tháng theo mẫu 10a-10d (ansinh report form10a "
            "--help).\n");
}

/* The scope of account name, which must hold REPORT_READ. */
static int as_scope(struct db *db, const char *name, struct app_scope *scope)
{
    struct store_user su;
    struct app_user u;

    if (store_users_find(db, name, &su) != DB_OK || !su.active)
        return cli_fail("không có tài khoản đang hoạt động tên %s", name);
    if (!router_role_has(su.role, ROUTER_PERM_REPORT_READ))
        return cli_fail("tài khoản %s (%s) không được xem báo cáo", name,
                        su.role);
    memset(&u, 0, sizeof u);
    u.id = su.id;
    snprintf(u.username, sizeof u.username, "%s", su.username);
    snprintf(u.role, sizeof u.role, "%s", su.role);
    snprintf(u.area_code, sizeof u.area_code, "%s", su.area_code);
    app_scope_of_user(&u, scope);
    return 0;
}

int cli_report_scope(struct db *db, const char *as, struct app_scope *scope)
{
    memset(scope, 0, sizeof *scope);
    scope->level = APP_SCOPE_NATIONAL;
    return as != NULL ? as_scope(db, as, scope) : 0;
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL)
        return cli_fail("không ghi được %s", path);
    if (fwrite(data, 1, len, f) != len) {
        fclose(f);
        return cli_fail("không ghi được %s", path);
    }
    if (fclose(f) != 0)
        return cli_fail("không ghi được %s", path);
    return 0;
}

int cli_report_fail(const struct app_report_err *err, int rc)
{
    cli_fail("%s%s%s%s", err->message, err->field[0] ? " (trường " : "",
             err->field, err->field[0] ? ")" : "");
    return rc == APP_REPORT_EINVAL ? 2 : 1;
}

int cli_report_output(json_t *doc, const char *const files[4],
                      cli_report_render_fn render)
{
    struct app_report_err err;
    char *text;
    int f, rc;

    for (f = APP_OV_XLSX; f <= APP_OV_PDF; f++) {
        char *data = NULL;
        size_t len = 0;

        if (files[f] == NULL)
            continue;
        rc = render(doc, f, &data, &len, &err);
        if (rc != APP_REPORT_OK)
            return cli_report_fail(&err, rc);
        rc = write_file(files[f], data, len);
        free(data);
        if (rc != 0)
            return rc;
    }
    text = json_dumps(doc, JSON_INDENT(2));
    if (text == NULL)
        return cli_fail("không tạo được JSON");
    puts(text);
    free(text);
    return 0;
}

static int oversight(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"date", required_argument, 0, 't'},
                                         {"unit", required_argument, 0, 'u'},
                                         {"xlsx", required_argument, 0, 'x'},
                                         {"pdf", required_argument, 0, 'p'},
                                         {"html", required_argument, 0, 'w'},
                                         {"as", required_argument, 0, 'a'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *dsn = NULL, *unit = NULL, *as = NULL;
    const char *files[4] = {NULL, NULL, NULL, NULL}; /* by app_ov_format */
    struct app_report_err err;
    struct app_scope scope;
    char date[11];
    int have_date = 0, c, rc = 0;
    struct db *db = NULL;
    json_t *out = NULL;
    struct date d;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 't':
            if (date_parse_iso(optarg, strlen(optarg), &d) != DATE_OK &&
                date_parse_vn(optarg, strlen(optarg), &d) != DATE_OK) {
                cli_fail("ngày không hợp lệ: %s (cần YYYY-MM-DD hoặc "
                         "dd/mm/yyyy)",
                         optarg);
                return 2;
            }
            date_format_iso(d, date);
            have_date = 1;
            break;
        case 'u':
            unit = optarg;
            break;
        case 'x':
            files[APP_OV_XLSX] = optarg;
            break;
        case 'p':
            files[APP_OV_PDF] = optarg;
            break;
        case 'w':
            files[APP_OV_HTML] = optarg;
            break;
        case 'a':
            as = optarg;
            break;
        case 'h':
            help(stdout);
            return 0;
        default:
            help(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        help(stderr);
        return 2;
    }
    if (cli_open_db(dsn, &db) != 0)
        return 1;
    if (cli_report_scope(db, as, &scope) != 0) {
        rc = 1;
        goto out;
    }
    rc = app_oversight_get(db, &scope, have_date ? date : NULL, unit, &out,
                           &err);
    if (rc != APP_REPORT_OK)
        rc = cli_report_fail(&err, rc);
    else
        rc = cli_report_output(out, files, app_oversight_render);
out:
    json_decref(out);
    db_close(db);
    return rc;
}

int cmd_report(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "oversight") == 0)
        return oversight(argc - 1, argv + 1);
    if (strncmp(argv[1], "form", 4) == 0 && strlen(argv[1]) == 7 &&
        strncmp(argv[1] + 4, "10", 2) == 0 && argv[1][6] >= 'a' &&
        argv[1][6] <= 'd')
        return cli_report_form(argv[1] + 4, argc - 1, argv + 1);
    cli_fail("không có báo cáo \"%s\" (oversight, form10a, form10b, "
             "form10c, form10d)",
             argv[1]);
    help(stderr);
    return 2;
}
