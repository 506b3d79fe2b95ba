/* main.c: the `ansinh` executable: one binary, one subcommand per use.
 *
 * Every subcommand takes --db DSN (default: $ANSINH_DB, else ansinh.db in
 * the current directory) and --help. See cli.h for the conventions.
 */
#include "cli/cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "store/db.h"
#include "util/log.h"

struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help_vi;
    const char *help_en;
};

static const struct command commands[] = {
    {"serve", cmd_serve, "chạy máy chủ web và API", "run the web server"},
    {"demo", cmd_demo, "tạo cơ sở dữ liệu tập huấn (tỉnh mẫu)",
     "create the training database"},
    {"stats", cmd_stats, "số liệu đối tượng theo diện và địa bàn (JSON)",
     "beneficiary figures as JSON"},
    {"units", cmd_units, "đơn vị hành chính theo ngày, lịch sử, sáp nhập",
     "administrative units by date"},
    {"quote", cmd_quote, "tính trợ cấp theo quy định (JSON, có căn cứ)",
     "compute an allowance (JSON)"},
    {"migrate", cmd_migrate, "cập nhật lược đồ cơ sở dữ liệu",
     "apply database migrations"},
    {"audit", cmd_audit, "kiểm tra chuỗi nhật ký, xem nhật ký thay đổi",
     "verify and list the audit log"},
    {"payroll", cmd_payroll,
     "danh sách chi trả hằng tháng (lập, duyệt, gửi, đối chiếu, báo cáo)",
     "monthly payroll: prepare, approve, send, reconcile, reports"},
    {"tasks", cmd_tasks, "công việc của cán bộ theo tháng (tạo, xem)",
     "generate and list the officers' tasks"},
    {"report", cmd_report, "báo cáo giám sát (JSON, XLSX, PDF, bản in)",
     "the oversight report (JSON, XLSX, PDF, print)"},
    {"reorganise", cmd_reorganise, "áp dụng sắp xếp đơn vị hành chính",
     "apply a reorganisation of units"},
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    size_t i;

    fprintf(f,
            "ansinh %s — quản lý trợ giúp xã hội hằng tháng\n"
            "(monthly social assistance management)\n\n"
            "Cách dùng / usage: ansinh LỆNH [TUỲ CHỌN]\n\n",
            ANSINH_VERSION);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-10s %s (%s)\n", commands[i].name, commands[i].help_vi,
                commands[i].help_en);
    fprintf(f, "\nMọi lệnh nhận --db DSN (mặc định: $ANSINH_DB, nếu không có"
               " thì ansinh.db\ntrong thư mục hiện tại; PostgreSQL: "
               "postgresql://…) và --help.\n"
               "Every command takes --db DSN and --help.\n");
}

int cli_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("Lỗi: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int cli_open_db(const char *dsn, struct db **out)
{
    char msg[512];

    if (app_open(dsn, out, msg, sizeof msg) != 0)
        return cli_fail("%s", msg);
    return 0;
}

int main(int argc, char **argv)
{
    size_t i;

    log_init();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        if (argc > 2) {
            for (i = 0; i < N_COMMANDS; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    char *args[] = {argv[2], "--help", NULL};
                    return commands[i].run(2, args);
                }
        }
        usage(stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("ansinh %s\n", ANSINH_VERSION);
        return 0;
    }
    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "Lỗi: không có lệnh \"%s\" (unknown command).\n\n",
            argv[1]);
    usage(stderr);
    return 2;
}
