/* cmd_stats.c: `ansinh stats`: beneficiaries as of a date, by category and
 * by unit, as indented UTF-8 JSON on stdout (app/stats.h). */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/stats.h"
#include "core/date.h"
#include "store/db.h"

static void help(FILE *f)
{
    fprintf(f,
            "Cách dùng: ansinh stats [--db DSN] [--date NGÀY] [--unit MÃ]\n"
            "Số đối tượng hưởng trợ cấp xã hội hằng tháng vào một ngày: tổng "
            "số người,\ntheo diện (K1a…K8) và theo địa bàn, dạng JSON.\n"
            "(Beneficiaries on a date, by category and by unit, as JSON.)\n\n"
            "  --date NGÀY   YYYY-MM-DD hoặc dd/mm/yyyy (mặc định: hôm nay, "
            "giờ Việt Nam)\n"
            "  --unit MÃ     theo các đơn vị trực thuộc MÃ (tỉnh 2 chữ số, "
            "huyện 3);\n"
            "                mặc định: theo tỉnh, thành phố\n"
            "  --db DSN      cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
            "ansinh.db)\n"
            "  --help        hướng dẫn này\n\n"
            "Người hưởng: người có ít nhất một diện còn hiệu lực vào ngày đó; "
            "địa bàn theo\nnơi cư trú và danh mục đơn vị hành chính có hiệu "
            "lực vào ngày đó.\n"
            "A beneficiary has a category valid on the date; units follow "
            "the residence\nand the unit list valid on that date.\n");
}

int cmd_stats(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"date", required_argument, 0, 't'},
                                         {"unit", required_argument, 0, 'u'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *dsn = NULL, *unit = NULL;
    char date[11], msg[512];
    int have_date = 0, c, rc;
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
    rc =
        app_stats_get(db, have_date ? date : NULL, unit, &out, msg, sizeof msg);
    db_close(db);
    if (rc != 0)
        return cli_fail("%s", msg);
    char *text = json_dumps(out, JSON_INDENT(2));
    json_decref(out);
    if (text == NULL)
        return cli_fail("không tạo được JSON");
    puts(text);
    free(text);
    return 0;
}
