/* cmd_report_form.c: `ansinh report form10a|form10b|form10c|form10d`, the
 * twice-yearly reports (docs/oversight.md, "Forms 10a-10d"; app/oversight.h).
 *
 *   ansinh report form10a --unit U --year Y --half 1|2 [--xlsx FILE]
 *                         [--pdf FILE] [--html FILE] [--as USER]
 *
 * prints the form as indented JSON on stdout and writes the documents
 * asked for, from that same answer (app_form_render: one reading). Without --as
 * the command reads as a national account (the operator of the machine); with
 * --as, as that account: its area bounds the unit and its role must hold
 * REPORT_READ, as in the API.
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/auth.h"
#include "app/oversight.h"
#include "app/scope.h"
#include "http/router.h"
#include "store/db.h"
#include "store/store_users.h"

static void help(FILE *f, const char *form)
{
    fprintf(f,
            "Cách dùng: ansinh report %s --year NĂM --half 1|2 [--unit MÃ]\n"
            "           [--xlsx TỆP] [--pdf TỆP] [--html TỆP] [--as TÀI_KHOẢN]"
            " [--db DSN]\n"
            "Báo cáo định kỳ 6 tháng theo mẫu 10a-10d (bố cục mẫu chưa được "
            "kiểm chứng),\ndạng JSON; --xlsx, --pdf, --html ghi thêm bảng "
            "tính, bản PDF, bản in HTML.\n"
            "(The twice-yearly report on Forms 10a-10d as JSON; the files on "
            "request.)\n\n"
            "  --year NĂM       năm báo cáo (2021 đến 2199)\n"
            "  --half 1|2       6 tháng đầu năm (1) hoặc cuối năm (2)\n"
            "  --unit MÃ        tỉnh (2 chữ số), huyện (3) hoặc xã (5); mặc "
            "định: cả nước,\n"
            "                   hoặc địa bàn của tài khoản --as\n"
            "  --as TÀI_KHOẢN   đọc với vai trò và địa bàn của tài khoản này\n"
            "  --db DSN         cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
            "ansinh.db)\n"
            "  --help           hướng dẫn này\n",
            form);
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

int cli_report_form(const char *form, int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"unit", required_argument, 0, 'u'},
                                         {"year", required_argument, 0, 'y'},
                                         {"half", required_argument, 0, 'f'},
                                         {"xlsx", required_argument, 0, 'x'},
                                         {"pdf", required_argument, 0, 'p'},
                                         {"html", required_argument, 0, 'w'},
                                         {"as", required_argument, 0, 'a'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *dsn = NULL, *unit = NULL, *year = NULL, *half = NULL,
               *as = NULL;
    const char *files[4] = {NULL, NULL, NULL, NULL}; /* by app_ov_format */
    char name[16], *text = NULL;
    struct app_report_err err;
    struct app_scope scope;
    struct db *db = NULL;
    json_t *out = NULL;
    int c, rc = 0, f;

    snprintf(name, sizeof name, "form%s", form);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 'u':
            unit = optarg;
            break;
        case 'y':
            year = optarg;
            break;
        case 'f':
            half = optarg;
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
            help(stdout, name);
            return 0;
        default:
            help(stderr, name);
            return 2;
        }
    }
    if (optind < argc || year == NULL || half == NULL) {
        help(stderr, name);
        return 2;
    }
    if (cli_open_db(dsn, &db) != 0)
        return 1;
    memset(&scope, 0, sizeof scope);
    scope.level = APP_SCOPE_NATIONAL;
    if (as != NULL && as_scope(db, as, &scope) != 0) {
        rc = 1;
        goto out;
    }
    rc = app_form_get(db, &scope, form, unit, year, half, &out, &err);
    for (f = APP_OV_XLSX; rc == APP_REPORT_OK && f <= APP_OV_PDF; f++) {
        char *data = NULL;
        size_t len = 0;

        if (files[f] == NULL)
            continue;
        rc = app_form_render(out, f, &data, &len, &err);
        if (rc == APP_REPORT_OK) {
            rc = write_file(files[f], data, len) != 0 ? 1 : APP_REPORT_OK;
            if (rc != APP_REPORT_OK)
                err.message[0] = '\0';
        }
        free(data);
    }
    if (rc != APP_REPORT_OK) {
        if (err.message[0] != '\0')
            cli_fail("%s%s%s%s", err.message, err.field[0] ? " (trường " : "",
                     err.field, err.field[0] ? ")" : "");
        rc = rc == APP_REPORT_EINVAL ? 2 : 1;
        goto out;
    }
    text = json_dumps(out, JSON_INDENT(2));
    if (text == NULL) {
        rc = cli_fail("không tạo được JSON");
        goto out;
    }
    puts(text);
out:
    free(text);
    json_decref(out);
    db_close(db);
    return rc;
}
