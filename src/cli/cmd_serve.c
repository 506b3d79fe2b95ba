/* cmd_serve.c: `ansinh serve`, the web server and JSON API.
 *
 * Opens the database once at start (cli_open_db migrates it and loads the
 * reference data), closes it, then serves until SIGINT or SIGTERM; each
 * server thread opens its own connection (ENGINEERING.md §2, §3.2).
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/auth.h"
#include "app/quote.h"
#include "cli/cli.h"
#include "http/server.h"
#include "store/db.h"
#include "util/log.h"

#ifndef ANSINH_WEB_DIR
#define ANSINH_WEB_DIR NULL
#endif

static void usage(FILE *f)
{
    fprintf(f,
            "Cách dùng: ansinh serve [--db DSN] [--listen ĐỊA_CHỈ:CỔNG] "
            "[--web THƯ_MỤC]\n"
            "                        [--threads N] [--secure-cookies]\n"
            "                        [--login-limit-per-address N]"
            " [--client-ip-header TÊN]\n"
            "                        [--rules-dir THƯ_MỤC]\n"
            "Usage: ansinh serve [--db DSN] [--listen ADDR:PORT] [--web DIR]"
            " [--threads N] [--secure-cookies]\n"
            "                    [--login-limit-per-address N]"
            " [--client-ip-header NAME]\n"
            "                    [--rules-dir DIR]\n\n"
            "Chạy máy chủ web và API JSON (run the web server and JSON "
            "API).\n\n"
            "  --db DSN          cơ sở dữ liệu (mặc định $ANSINH_DB, nếu "
            "không có thì ansinh.db)\n"
            "  --listen A:P      địa chỉ lắng nghe, mặc định 127.0.0.1:8080; "
            "cổng 0 = cổng tự chọn\n"
            "  --web DIR         thư mục giao diện web (mặc định "
            "$ANSINH_WEB_DIR, rồi thư mục\n"
            "                    lúc biên dịch, rồi ./web)\n"
            "  --threads N       số luồng xử lý, 1..%u (mặc định %u)\n"
            "  --secure-cookies  thêm Secure vào cookie phiên (khi chạy sau "
            "HTTPS)\n"
            "  --login-limit-per-address N\n"
            "                    số lần đăng nhập sai cho phép từ một địa chỉ "
            "trong 15 phút\n"
            "                    (mặc định %u; 0 = không giới hạn theo địa "
            "chỉ)\n"
            "  --client-ip-header TÊN\n"
            "                    lấy địa chỉ máy khách từ tiêu đề TÊN do proxy "
            "tin cậy đặt\n"
            "                    (ví dụ X-Real-IP của nginx); mặc định tắt: "
            "địa chỉ kết nối.\n"
            "                    Chỉ bật khi máy chủ chỉ nhận kết nối qua "
            "proxy đó.\n"
            "  --rules-dir DIR   quy định địa phương (*.csv) cho POST "
            "/api/v1/quote\n"
            "                    (mặc định $ANSINH_RULES_DIR; docs/rules.md)\n"
            "  --help            hiện hướng dẫn này (show this help)\n\n"
            "Dừng bằng Ctrl+C hoặc SIGTERM (stop with Ctrl+C or SIGTERM).\n",
            HTTP_THREADS_MAX, HTTP_THREADS_DEFAULT, APP_AUTH_ADDR_FAILS_MAX);
}

/* The web folder: --web, else $ANSINH_WEB_DIR, else the folder compiled
 * in, else ./web. */
static const char *pick_web_dir(const char *opt)
{
    const char *env = getenv("ANSINH_WEB_DIR");
    const char *built = ANSINH_WEB_DIR;

    if (opt != NULL && opt[0] != '\0')
        return opt;
    if (env != NULL && env[0] != '\0')
        return env;
    if (built != NULL && built[0] != '\0')
        return built;
    return "web";
}

/* s as an unsigned number in lo..hi into *out. Returns 0 or -1. */
static int parse_uint(const char *s, unsigned long lo, unsigned long hi,
                      unsigned *out)
{
    unsigned long v;
    char *end;

    errno = 0;
    if (s[0] < '0' || s[0] > '9')
        return -1;
    v = strtoul(s, &end, 10);
    if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

/* 1 if s is an HTTP header name (RFC 9110 token, at most 64 bytes). */
static int header_name_ok(const char *s)
{
    size_t i, n = strlen(s);

    if (n == 0 || n > 64)
        return 0;
    for (i = 0; i < n; i++) {
        char c = s[i];

        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              (c >= '0' && c <= '9') || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"web", required_argument, NULL, 'w'},
        {"threads", required_argument, NULL, 't'},
        {"secure-cookies", no_argument, NULL, 's'},
        {"login-limit-per-address", required_argument, NULL, 'a'},
        {"client-ip-header", required_argument, NULL, 'i'},
        {"rules-dir", required_argument, NULL, 'r'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    struct http_config cfg;
    struct http_server *srv = NULL;
    struct db *db = NULL;
    const struct rules *rules;
    struct app_quote_err qerr;
    const char *dsn = NULL, *web = NULL, *listen = "127.0.0.1:8080";
    char host[64], msg[256];
    sigset_t sigs;
    unsigned limit;
    int c, sig;

    http_config_defaults(&cfg);
    optind = 1;
    for (;;) {
        c = getopt_long(argc, argv, "", opts, NULL);
        if (c == -1)
            break;
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 'l':
            listen = optarg;
            break;
        case 'w':
            web = optarg;
            break;
        case 't':
            if (parse_uint(optarg, 1, HTTP_THREADS_MAX, &cfg.threads) != 0) {
                cli_fail("--threads phải là số từ 1 đến %u.", HTTP_THREADS_MAX);
                return 2;
            }
            break;
        case 's':
            cfg.secure_cookies = 1;
            break;
        case 'a':
            if (parse_uint(optarg, 0, 100000, &limit) != 0) {
                cli_fail("--login-limit-per-address phải là số từ 0 đến "
                         "100000.");
                return 2;
            }
            app_auth_set_address_limit(limit);
            break;
        case 'i':
            if (!header_name_ok(optarg)) {
                cli_fail("--client-ip-header phải là tên tiêu đề HTTP, ví "
                         "dụ X-Real-IP.");
                return 2;
            }
            cfg.client_ip_header = optarg;
            break;
        case 'r':
            app_quote_set_rules_dir(optarg);
            break;
        case 'h':
            usage(stdout);
            return 0;
        default:
            usage(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        cli_fail("tham số thừa: %s", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (http_parse_listen(listen, host, sizeof host, &cfg.port) != 0) {
        cli_fail("--listen phải có dạng ĐỊA_CHỈ:CỔNG, ví dụ 127.0.0.1:8080 "
                 "(nhận được \"%s\").",
                 listen);
        return 2;
    }
    cfg.host = host;
    cfg.dsn = dsn != NULL ? dsn : db_default_dsn();
    cfg.web_dir = pick_web_dir(web);

    /* Migrate and load reference data once, before any thread exists. */
    if (cli_open_db(cfg.dsn, &db) != 0)
        return 1;
    db_close(db);
    /* Build the rule set now: a bad overlay stops here, naming its file
     * and line, not at the first quote. */
    if (app_quote_rules(&rules, &qerr) != APP_QUOTE_OK)
        return cli_fail("%s", qerr.message);

    if (http_signals_block(&sigs) != 0)
        return cli_fail("không chặn được tín hiệu SIGINT/SIGTERM.");
    if (http_server_start(&cfg, &srv, msg, sizeof msg) != 0)
        return cli_fail("không khởi động được máy chủ: %s", msg);
    if (strchr(host, ':') != NULL)
        printf("ansinh đang chạy tại http://[%s]:%u/\n", host,
               (unsigned)http_server_port(srv));
    else
        printf("ansinh đang chạy tại http://%s:%u/\n", host,
               (unsigned)http_server_port(srv));
    fflush(stdout);
    sig = http_signals_wait(&sigs);
    log_info("stopping", "signal=%d", sig);
    http_server_stop(srv);
    return 0;
}
