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

#include "app/oversight.h"
#include "app/scope.h"
#include "store/db.h"

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
    char name[16];
    struct app_report_err err;
    struct app_scope scope;
    struct db *db = NULL;
    json_t *out = NULL;
    int c, rc = 0;

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
    if (cli_report_scope(db, as, &scope) != 0) {
        rc = 1;
        goto out;
    }
    rc = app_form_get(db, &scope, form, unit, year, half, &out, &err);
    if (rc != APP_REPORT_OK)
        rc = cli_report_fail(&err, rc);
    else
        rc = cli_report_output(out, files, app_form_render);
out:
    json_decref(out);
    db_close(db);
    return rc;
}
