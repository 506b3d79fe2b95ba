/* cmd_migrate.c: `ansinh migrate`: bring the schema up to date and load
 * the reference data; print the schema version. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>

#include "store/db.h"
#include "store/migrate.h"

static void help(FILE *f)
{
    fprintf(f, "Cách dùng: ansinh migrate [--db DSN] [--status]\n"
               "Cập nhật lược đồ cơ sở dữ liệu lên phiên bản mới nhất và nạp "
               "danh mục\nđơn vị hành chính. Chạy lại nhiều lần không thay đổi "
               "gì thêm.\n"
               "(Apply pending schema migrations and load reference data; "
               "idempotent.)\n\n"
               "  --db DSN    cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
               "ansinh.db)\n"
               "  --status    chỉ in phiên bản hiện tại, không thay đổi gì\n"
               "  --help      hướng dẫn này\n");
}

int cmd_migrate(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"status", no_argument, 0, 's'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    const char *dsn = NULL;
    int status_only = 0;
    struct db *db = NULL;
    struct db_err err;
    int current = 0, latest = 0;
    int c;

    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 's':
            status_only = 1;
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
    if (status_only) {
        if (dsn == NULL)
            dsn = db_default_dsn();
        if (db_open(dsn, &db, &err) != DB_OK)
            return cli_fail("không mở được %s: %s", dsn, err.msg);
        if (migrate_status(db, &current, &latest) != DB_OK) {
            cli_fail("%s", db_errmsg(db));
            db_close(db);
            return 1;
        }
        printf("Phiên bản lược đồ: %d (mới nhất: %d)\n", current, latest);
        db_close(db);
        return current == latest ? 0 : 1;
    }
    if (cli_open_db(dsn, &db) != 0)
        return 1;
    migrate_status(db, &current, &latest);
    printf("Lược đồ dữ liệu ở phiên bản %d (%s); danh mục đơn vị hành chính "
           "đã nạp.\n",
           current, db_engine(db));
    db_close(db);
    return 0;
}
