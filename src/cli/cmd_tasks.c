/* cmd_tasks.c: `ansinh tasks generate --month YYYY-MM [--unit CODE]` and
 * `ansinh tasks list [...]`: the officers' task list (app/tasks.h,
 * docs/tasks.md), as JSON on stdout. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/scope.h"
#include "app/tasks.h"
#include "store/db.h"

static void help(FILE *f)
{
    fprintf(f,
            "Cách dùng: ansinh tasks generate --month YYYY-MM [--unit MÃ] "
            "[--db DSN]\n"
            "           ansinh tasks list [--unit MÃ] [--kind LOẠI] [--state "
            "open|done]\n"
            "                             [--due-before NGÀY] [--page N] "
            "[--db DSN]\n"
            "Công việc của cán bộ: trẻ đủ 4, 16 tuổi, người học đủ 22 tuổi, "
            "người cao tuổi\nđủ 80 tuổi, trẻ K7 đủ 3 tuổi, tạm dừng đủ 3 "
            "tháng, bước hồ sơ quá hạn, xã cần\nxác định sau sắp xếp. Tạo "
            "lại cùng tháng không thay đổi gì; không tự thôi hưởng.\n"
            "(The officers' tasks of a month; generating again changes "
            "nothing; terminations\nalways need a decision.)\n\n"
            "  --month THÁNG   tháng, YYYY-MM (generate, bắt buộc)\n"
            "  --unit MÃ       chỉ trong địa bàn MÃ (tỉnh 2, huyện 3, xã 5 chữ "
            "số)\n"
            "  --kind LOẠI     child_4, child_16, child_22, elderly_80, k7_3, "
            "suspended_3m,\n"
            "                  overdue_step, assign_commune, assign_user "
            "(list)\n"
            "  --db DSN        cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
            "ansinh.db)\n"
            "  --help          hướng dẫn này\n");
}

static int print_json(json_t *out)
{
    char *text = out ? json_dumps(out, JSON_INDENT(2)) : NULL;

    json_decref(out);
    if (text == NULL)
        return cli_fail("không tạo được JSON");
    puts(text);
    free(text);
    return 0;
}

int cmd_tasks(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"month", required_argument, 0, 'm'},
        {"unit", required_argument, 0, 'u'},
        {"kind", required_argument, 0, 'k'},
        {"state", required_argument, 0, 's'},
        {"due-before", required_argument, 0, 'b'},
        {"page", required_argument, 0, 'p'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    struct app_task_query q;
    struct app_task_counts counts;
    struct app_task_err err;
    struct app_scope scope;
    const char *dsn = NULL, *month = NULL, *verb;
    struct db *db = NULL;
    json_t *out = NULL;
    size_t n;
    int c, rc;

    memset(&q, 0, sizeof q);
    optind = 2;
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    verb = argv[1];
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 'm':
            month = optarg;
            break;
        case 'u':
            q.unit = optarg;
            break;
        case 'k':
            q.kind = optarg;
            break;
        case 's':
            q.state = optarg;
            break;
        case 'b':
            q.due_before = optarg;
            break;
        case 'p':
            q.page = optarg;
            break;
        case 'h':
            help(stdout);
            return 0;
        default:
            help(stderr);
            return 2;
        }
    }
    if (optind < argc ||
        (strcmp(verb, "generate") != 0 && strcmp(verb, "list") != 0)) {
        help(stderr);
        return 2;
    }
    if (strcmp(verb, "generate") == 0 &&
        (month == NULL || q.kind || q.state || q.due_before || q.page)) {
        help(stderr);
        return 2;
    }
    if (strcmp(verb, "list") == 0 && month != NULL) {
        help(stderr);
        return 2;
    }
    /* The area: the whole country, or --unit. */
    memset(&scope, 0, sizeof scope);
    n = q.unit ? strlen(q.unit) : 0;
    if (q.unit != NULL) {
        if ((n != 2 && n != 3 && n != 5) || strspn(q.unit, "0123456789") != n) {
            cli_fail("mã đơn vị gồm 2, 3 hoặc 5 chữ số: %s", q.unit);
            return 2;
        }
        scope.level = n == 2   ? APP_SCOPE_PROVINCE
                      : n == 3 ? APP_SCOPE_DISTRICT
                               : APP_SCOPE_COMMUNE;
        snprintf(scope.area_code, sizeof scope.area_code, "%s", q.unit);
        q.unit = NULL;
    }
    if (cli_open_db(dsn, &db) != 0)
        return 1;
    if (strcmp(verb, "generate") == 0) {
        rc = app_tasks_generate(db, &scope, "cli", month, &counts, &err);
        if (rc == APP_TASK_OK) {
            json_t *kinds = json_object();
            int k;

            for (k = 0; k < TASKS_KIND_COUNT; k++)
                json_object_set_new(kinds, tasks_kind_code(k),
                                    json_integer(counts.by_kind[k]));
            out = json_pack("{s:s, s:I, s:I, s:o}", "month", counts.month,
                            "created", (json_int_t)counts.created, "existing",
                            (json_int_t)counts.existing, "by_kind", kinds);
        }
    } else {
        rc = app_tasks_list(db, &scope, &q, &out, &err);
    }
    db_close(db);
    if (rc == APP_TASK_EINVAL) {
        cli_fail("%s: %s", err.field, err.message);
        return 2;
    }
    if (rc != APP_TASK_OK)
        return cli_fail("%s", err.message);
    return print_json(out);
}
