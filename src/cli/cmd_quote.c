/* cmd_quote.c: `ansinh quote`: one JSON request on stdin, one JSON result
 * on stdout, exactly as POST /api/v1/quote answers it (app/quote.h,
 * docs/rules.md); and `ansinh quote --all --month M`: every beneficiary's
 * monthly entitlement from the database, as a JSON summary with timing
 * (bench/quote.sh).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/quote.h"
#include "store/db.h"
#include "util/buf.h"

static void help(FILE *f)
{
    fprintf(f,
            "Cách dùng: ansinh quote [--rules-dir THƯ_MỤC] < yêu_cầu.json\n"
            "           ansinh quote --all --month YYYY-MM [--db DSN] "
            "[--rules-dir THƯ_MỤC]\n"
            "Tính trợ cấp theo quy định có hiệu lực trong tháng (mức chuẩn "
            "x hệ số),\nkèm căn cứ pháp lý của từng dòng. Yêu cầu và kết quả: "
            "docs/rules.md.\n"
            "(Compute an allowance from the rules in force for a month; one "
            "JSON request\non stdin, one JSON result on stdout, as POST "
            "/api/v1/quote.)\n\n"
            "  --rules-dir DIR  thư mục quy định địa phương (*.csv; mặc định "
            "$ANSINH_RULES_DIR)\n"
            "  --all            mọi đối tượng trong cơ sở dữ liệu, tháng "
            "--month; in bản tổng hợp\n"
            "                   và thời gian (every beneficiary of the "
            "database: summary, timing)\n"
            "  --month M        tháng YYYY-MM cho --all\n"
            "  --db DSN         cơ sở dữ liệu cho --all (mặc định $ANSINH_DB "
            "hoặc ansinh.db)\n"
            "  --help           hướng dẫn này\n\n"
            "Mã thoát: 0 có kết quả (kể cả không đủ điều kiện, total 0); 2 "
            "yêu cầu sai\n(một dòng trên stderr nêu trường); 1 lỗi khác.\n"
            "Exit status: 0 answered; 2 malformed request (one stderr line "
            "naming the\nfield); 1 other errors.\n");
}

/* Read all of stdin, at most APP_QUOTE_MAX_BYTES + 1 bytes (one more than
 * allowed, so app_quote_parse sees and refuses an oversized request). */
static int read_stdin(struct buf *b)
{
    char chunk[8192];
    size_t n;

    while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
        size_t room = APP_QUOTE_MAX_BYTES + 1 - b->len;

        if (buf_append(b, chunk, n < room ? n : room) != BUF_OK)
            return -1;
        if (b->len > APP_QUOTE_MAX_BYTES)
            break;
    }
    return ferror(stdin) ? -1 : 0;
}

static int quote_one(void)
{
    struct app_quote_err err;
    struct buf in;
    char *out = NULL;
    size_t out_len = 0;
    int rc;

    buf_init(&in, APP_QUOTE_MAX_BYTES + 1);
    if (read_stdin(&in) != 0) {
        buf_free(&in);
        return cli_fail("không đọc được yêu cầu từ stdin.");
    }
    rc = app_quote_run(in.data, in.len, &out, &out_len, &err);
    buf_free(&in);
    if (rc == APP_QUOTE_EINPUT) {
        if (err.field[0] != '\0')
            cli_fail("%s: %s", err.field, err.message);
        else
            cli_fail("%s", err.message);
        return 2;
    }
    if (rc != APP_QUOTE_OK)
        return cli_fail("%s", err.message);
    rc = fwrite(out, 1, out_len, stdout) == out_len && fflush(stdout) == 0;
    free(out);
    return rc ? 0 : cli_fail("không ghi được kết quả ra stdout.");
}

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int quote_all(const char *dsn, const char *month)
{
    struct app_quote_summary s;
    struct db *db = NULL;
    char msg[512];
    double t0, secs;
    int rc;

    if (month == NULL) {
        cli_fail("--all cần --month YYYY-MM.");
        return 2;
    }
    if (cli_open_db(dsn, &db) != 0)
        return 1;
    t0 = now_s();
    rc = app_quote_all(db, month, &s, msg, sizeof msg);
    secs = now_s() - t0;
    db_close(db);
    if (rc == APP_QUOTE_EINPUT) {
        cli_fail("--month: %s", msg);
        return 2;
    }
    if (rc != APP_QUOTE_OK)
        return cli_fail("%s", msg);
    printf("{\"month\": \"%s\", \"persons\": %lld, \"payable\": %lld, "
           "\"ineligible\": %lld, \"errors\": %lld, \"lines\": %lld, "
           "\"k4_children\": %lld, \"total\": %lld, \"seconds\": %.3f, "
           "\"persons_per_second\": %.0f}\n",
           s.month, (long long)s.persons, (long long)s.payable,
           (long long)s.ineligible, (long long)s.errors, (long long)s.lines,
           (long long)s.k4_children, (long long)s.total, secs,
           secs > 0 ? (double)s.persons / secs : 0.0);
    return 0;
}

int cmd_quote(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"rules-dir", required_argument, 0, 'r'},
        {"all", no_argument, 0, 'a'},
        {"month", required_argument, 0, 'm'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    const char *dsn = NULL, *month = NULL;
    int all = 0, c;

    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 'r':
            app_quote_set_rules_dir(optarg);
            break;
        case 'a':
            all = 1;
            break;
        case 'm':
            month = optarg;
            break;
        case 'h':
            help(stdout);
            return 0;
        default:
            help(stderr);
            return 2;
        }
    }
    if (optind < argc || (month != NULL && !all)) {
        help(stderr);
        return 2;
    }
    return all ? quote_all(dsn, month) : quote_one();
}
