/* cmd_demo.c: `ansinh demo`: create the TRAINING database (app/demo.h,
 * docs/demo.md) and print the demo accounts. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/demo.h"
#include "core/date.h"
#include "store/db.h"

static void help(FILE *f)
{
    fprintf(
        f,
        "Cách dùng: ansinh demo [--db DSN] [--province MÃ|all] "
        "[--beneficiaries N]\n"
        "                       [--as-of YYYY-MM-DD] [--seed N] "
        "[--if-absent]\n"
        "Tạo cơ sở dữ liệu TẬP HUẤN với người hưởng trợ cấp xã hội hằng "
        "tháng giả định\nnhưng như thật (tên, số định danh, hộ, nơi cư trú, "
        "diện, giấy tờ) và các tài\nkhoản tập huấn. Cùng tham số và --seed "
        "thì cùng dữ liệu.\n"
        "(Create a realistic TRAINING database of invented beneficiaries and "
        "demo accounts;\nsame options and seed, same data.)\n\n"
        "  --province MÃ      tỉnh theo danh mục hiệu lực ngày --as-of, hoặc "
        "all (cả nước)\n"
        "                     (mặc định %s: Hà Nam)\n"
        "  --beneficiaries N  số người hưởng (mặc định %d: số liệu của Hà "
        "Nam năm 2024)\n"
        "  --as-of NGÀY       ngày của dữ liệu, trước 01/07/2025 (mặc định "
        "%s: ngày cuối\n"
        "                     của mô hình ba cấp); sau đó thao tác sắp xếp "
        "đơn vị hành chính\n"
        "                     chuyển mọi người sang xã mới (Hà Nam vào tỉnh "
        "Ninh Bình, mã 37)\n"
        "  --seed N           hạt giống ngẫu nhiên (mặc định %d)\n"
        "  --if-absent        nếu cơ sở dữ liệu đã có dữ liệu thì không tạo "
        "lại (thoát 0;\n"
        "                     vẫn in các tài khoản nếu đó là dữ liệu mẫu)\n"
        "  --before-reform    dừng ở ngày cuối mô hình ba cấp, chưa chạy sắp "
        "xếp đơn vị\n"
        "                     hành chính 01/07/2025 (để thử chính thao tác "
        "đó)\n"
        "  --no-history       không lập lịch sử chi trả của các tháng đã qua "
        "(mặc định: danh\n"
        "                     sách chi trả đã duyệt và đối chiếu của %d tháng "
        "gần nhất, từ\n"
        "                     07/2025; không lập khi --province all)\n"
        "  --db DSN           cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
        "ansinh.db)\n"
        "  --help             hướng dẫn này\n\n"
        "Chỉ dùng cho tập huấn: mật khẩu các tài khoản mẫu được in công "
        "khai.\n"
        "For training only: the demo accounts' passwords are printed.\n",
        APP_DEMO_PROVINCE, APP_DEMO_BENEFICIARIES, APP_DEMO_AS_OF,
        APP_DEMO_SEED, APP_DEMO_HISTORY_MONTHS);
}

/* 41172 -> "41.172" (Vietnamese thousands separator). */
static void fmt_int(long long v, char *out, size_t outlen)
{
    char digits[32];
    size_t n, i, o = 0;

    snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
    n = strlen(digits);
    if (v < 0 && o + 1 < outlen)
        out[o++] = '-';
    for (i = 0; i < n && o + 2 < outlen; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = '.';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

/* Display width of UTF-8 text: one column per character, none for a
 * combining mark (U+0300..U+036F, U+1DC0..U+1DFF: text from outside may be
 * decomposed), so Vietnamese letters of two or three bytes count as one. */
static size_t display_width(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t w = 0;

    while (*p) {
        unsigned cp = *p;
        size_t n = 1;
        if (cp >= 0xF0)
            n = 4, cp &= 0x07;
        else if (cp >= 0xE0)
            n = 3, cp &= 0x0F;
        else if (cp >= 0xC0)
            n = 2, cp &= 0x1F;
        for (size_t i = 1; i < n && (p[i] & 0xC0) == 0x80; i++)
            cp = (cp << 6) | (p[i] & 0x3Fu);
        if (!((cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1DC0 && cp <= 0x1DFF)))
            w++;
        for (size_t i = 0; i < n && *p; i++)
            p++;
    }
    return w;
}

/* Print s left-aligned in a column of width display columns, followed by
 * at least two spaces (a longer text never runs into the next column). */
static void cell(const char *s, size_t width)
{
    size_t n = display_width(s);
    fputs(s, stdout);
    do
        putchar(' ');
    while (++n < width + 2);
}

static void print_accounts(unsigned preexisting)
{
    size_t n, wu = display_width("Tên đăng nhập"),
              wp = display_width("Mật khẩu"), wr = display_width("Vai trò");
    const struct app_demo_account *a = app_demo_accounts(&n);

    for (size_t i = 0; i < n; i++) {
        size_t w = display_width(a[i].username);
        wu = w > wu ? w : wu;
        w = display_width((preexisting >> i) & 1u ? "(đã có từ trước)"
                                                  : a[i].password);
        wp = w > wp ? w : wp;
        w = display_width(a[i].role_vi);
        wr = w > wr ? w : wr;
    }
    printf("\nTài khoản tập huấn (demo accounts) — mật khẩu công khai, chỉ "
           "dùng cho dữ liệu mẫu:\n");
    cell("Tên đăng nhập", wu);
    cell("Mật khẩu", wp);
    cell("Vai trò", wr);
    puts("Địa bàn");
    for (size_t i = 0; i < n; i++) {
        cell(a[i].username, wu);
        cell((preexisting >> i) & 1u ? "(đã có từ trước)" : a[i].password, wp);
        cell(a[i].role_vi, wr);
        if (a[i].area_code[0])
            printf("%s (%s)\n", a[i].area_vi, a[i].area_code);
        else
            printf("%s\n", a[i].area_vi);
    }
}

static void progress(void *arg, int64_t done, int64_t total)
{
    char d[32], t[32];
    (void)arg;
    fmt_int(done, d, sizeof d);
    fmt_int(total, t, sizeof t);
    fprintf(stderr, "  %3d%%  %s / %s người hưởng\n",
            (int)(done * 100 / (total ? total : 1)), d, t);
}

static void history_progress(void *arg, const char *month, int i, int n)
{
    (void)arg;
    fprintf(stderr, "  lịch sử chi trả: tháng %.2s/%.4s (%d/%d)\n", month + 5,
            month, i, n);
}

static int parse_i64(const char *s, long long lo, long long hi, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || end == s || *end != '\0' || v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

int cmd_demo(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"province", required_argument, 0, 'p'},
        {"beneficiaries", required_argument, 0, 'n'},
        {"as-of", required_argument, 0, 'a'},
        {"seed", required_argument, 0, 's'},
        {"if-absent", no_argument, 0, 'i'},
        {"before-reform", no_argument, 0, 'b'},
        {"no-history", no_argument, 0, 'H'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    struct app_demo_opts o;
    struct app_demo_result res;
    const char *dsn = NULL;
    char as_of[11], msg[1024];
    int if_absent = 0, c, rc;
    struct db *db = NULL;
    long long v;
    struct date d;

    app_demo_opts_default(&o);
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 'p':
            o.province = optarg;
            break;
        case 'n':
            if (parse_i64(optarg, 1, APP_DEMO_MAX, &v) != 0) {
                cli_fail("--beneficiaries phải là số nguyên từ 1 đến %d: %s",
                         APP_DEMO_MAX, optarg);
                return 2;
            }
            o.beneficiaries = v;
            break;
        case 'a':
            if (date_parse_iso(optarg, strlen(optarg), &d) != DATE_OK &&
                date_parse_vn(optarg, strlen(optarg), &d) != DATE_OK) {
                cli_fail("--as-of không hợp lệ: %s (cần YYYY-MM-DD)", optarg);
                return 2;
            }
            date_format_iso(d, as_of);
            o.as_of = as_of;
            break;
        case 's':
            if (parse_i64(optarg, 0, 0x7fffffffffffffffLL, &v) != 0) {
                cli_fail("--seed phải là số nguyên không âm: %s", optarg);
                return 2;
            }
            o.seed = (uint64_t)v;
            break;
        case 'i':
            if_absent = 1;
            break;
        case 'b':
            o.before_reform = 1;
            break;
        case 'H':
            o.no_history = 1;
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
    o.progress = progress;
    o.history_progress = history_progress;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = app_demo_create(db, &o, &res, msg, sizeof msg);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    db_close(db);
    if (dsn == NULL)
        dsn = db_default_dsn();
    if (rc != 0)
        return cli_fail("%s%s", msg,
                        res.beneficiaries > 0
                            ? " (dữ liệu mẫu dở dang: hãy xoá cơ sở dữ liệu "
                              "rồi chạy lại)"
                            : "");
    if (res.existed) {
        if (!if_absent)
            return cli_fail("cơ sở dữ liệu %s đã có dữ liệu; ansinh demo chỉ "
                            "tạo dữ liệu mẫu trên cơ sở dữ liệu trống (dùng "
                            "--if-absent để bỏ qua, hoặc --db để chọn nơi "
                            "khác)",
                            dsn);
        if (!res.is_demo) {
            printf("Cơ sở dữ liệu %s đã có dữ liệu (không phải dữ liệu mẫu): "
                   "không tạo dữ liệu mẫu.\n",
                   dsn);
            return 0;
        }
        printf("Cơ sở dữ liệu %s đã có dữ liệu mẫu: không tạo lại.\n", dsn);
        print_accounts(0);
        return 0;
    }
    char b[32], p[32], h[32], m[32], doc[32], cm[32];
    fmt_int(res.beneficiaries, b, sizeof b);
    fmt_int(res.persons, p, sizeof p);
    fmt_int(res.households, h, sizeof h);
    fmt_int(res.memberships, m, sizeof m);
    fmt_int(res.documents, doc, sizeof doc);
    fmt_int(res.communes, cm, sizeof cm);
    date_parse_iso(o.as_of, strlen(o.as_of), &d);
    char vn[11];
    date_format_vn(d, vn);
    printf("Đã tạo dữ liệu mẫu (tập huấn) trong %s:\n"
           "  %s người hưởng (%s người, %s hộ, %s diện hưởng, %s giấy tờ)\n"
           "  tại %s xã, phường của %s%s, ngày %s, seed %llu.\n",
           dsn, b, p, h, m, doc, cm,
           strcmp(o.province, "all") == 0 ? "cả nước" : "tỉnh ",
           strcmp(o.province, "all") == 0 ? "" : o.province, vn,
           (unsigned long long)o.seed);
    {
        char fo[32], su[32], pa[32], rv[32];

        fmt_int(res.former, fo, sizeof fo);
        fmt_int(res.suspended, su, sizeof su);
        fmt_int(res.payment_arrangements, pa, sizeof pa);
        fmt_int(res.receivers, rv, sizeof rv);
        printf("  %s đang tạm dừng, %s đã thôi hưởng; %s phương thức chi trả "
               "(%s có người nhận thay).\n",
               su, fo, pa, rv);
    }
    if (res.reorganised) {
        char mv[32], as[32], rs[32], op[32];

        fmt_int(res.residences_moved, mv, sizeof mv);
        fmt_int(res.assignments, as, sizeof as);
        fmt_int(res.assignments_resolved, rs, sizeof rs);
        fmt_int(res.assignments_open, op, sizeof op);
        printf("  Sắp xếp đơn vị hành chính 01/07/2025: %s người sang xã kế "
               "thừa;\n  %s người ở xã bị chia tách cần xác định xã mới: %s "
               "đã xác định theo địa chỉ,\n  %s còn mở cho cán bộ cấp tỉnh "
               "(ansinh tasks list --kind assign_commune).\n",
               mv, as, rs, op);
    } else {
        printf("  Chưa chạy sắp xếp đơn vị hành chính 01/07/2025 (ansinh "
               "reorganise --to 2025-07-01).\n");
    }
    if (res.decisions > 0) {
        char dc[32];

        fmt_int(res.decisions, dc, sizeof dc);
        printf("  %s quyết định (hưởng, tạm dừng, tiếp tục, thôi hưởng) có hồ "
               "sơ đã giải quyết,\n  do %lld Chủ tịch UBND cấp huyện ký "
               "(district.MÃ.chairman).\n",
               dc, (long long)res.signers);
    }
    if (res.history_payrolls > 0) {
        char pl[32], ln[32], up[32];

        fmt_int(res.history_payrolls, pl, sizeof pl);
        fmt_int(res.history_lines, ln, sizeof ln);
        fmt_int(res.history_unpaid, up, sizeof up);
        printf("  Lịch sử chi trả: %lld tháng, %s danh sách chi trả theo xã "
               "đã lập, kiểm tra,\n  phê duyệt, gửi và đối chiếu (%s dòng; "
               "%s dòng chưa nhận tiền); %lld người chết\n  báo muộn (thu "
               "hồi), %lld việc đề nghị tạm dừng (3 tháng không nhận); %lld "
               "tài khoản\n  cán bộ xã (commune.MÃ.officer, .accountant, "
               ".chairman; cùng mật khẩu).\n",
               (long long)res.history_months, pl, ln, up,
               (long long)res.history_deaths, (long long)res.history_tasks,
               (long long)res.history_accounts);
    } else if (res.history_skipped) {
        printf("  Không lập lịch sử chi trả cho dữ liệu mẫu cả nước "
               "(--province all): quá lâu;\n  hãy lập bằng ansinh payroll "
               "prepare.\n");
    }
    if (res.communes_skipped)
        printf("  (%lld xã không có đơn vị kế thừa từ 01/07/2025 nên không "
               "có người hưởng)\n",
               (long long)res.communes_skipped);
    fprintf(stderr, "Thời gian: %.1f giây\n",
            (double)(t1.tv_sec - t0.tv_sec) +
                (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    print_accounts(res.accounts_preexisting);
    return 0;
}
