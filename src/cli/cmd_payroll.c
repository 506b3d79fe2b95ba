/* cmd_payroll.c: `ansinh payroll VERB ...`: the monthly payroll and its
 * payment (app/payroll.h, docs/payroll.md).
 *
 * Who acts: the CLI has no password, it is run by whoever administers the
 * server; `--as USERNAME` names the account an action is recorded under,
 * and that account's role and area apply exactly as through the API
 * (separation of duties included: the preparer cannot check or approve).
 * Only verify, oneoff and fee run without it (oneoff and fee are
 * recorded under "cli" unless --as is given).
 */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/auth.h"
#include "app/payroll.h"
#include "http/router.h"
#include "store/db.h"
#include "store/store_users.h"

#define FILE_MAX (64u * 1024u * 1024u)

static void help(FILE *f)
{
    fprintf(
        f,
        "Cách dùng: ansinh payroll VIỆC --as TÀI_KHOẢN [tùy chọn] [--db DSN]\n"
        "  prepare  --area MÃ --month YYYY-MM [--on YYYY-MM-DD] "
        "[--lookback N]\n"
        "  check | approve | send   --id N  (hoặc --area MÃ --month "
        "YYYY-MM)\n"
        "  show     --id N [--page N] [--per-page N] [--point N]\n"
        "  list     [--month YYYY-MM] [--state TRẠNG_THÁI]\n"
        "  export   --id N --format csv|xlsx (tệp gửi tổ chức chi trả)\n"
        "           --id N --point N --format pdf|html (danh sách ký nhận; "
        "điểm 0: thu hồi)\n"
        "           [--out TỆP]\n"
        "  reconcile --id N --file TỆP [--format csv|xlsx]\n"
        "  bhyt     --area MÃ --month YYYY-MM [--format xlsx|csv] [--out "
        "TỆP]\n"
        "  budget   --year YYYY [--area MÃ] [--period month|quarter|year]\n"
        "  block    --id N --ref MÃ_DÒNG (--reason LÝ_DO | --unblock)\n"
        "  verify   --id N\n"
        "  oneoff   --code MÃ --name TÊN --amount ĐỒNG --month YYYY-MM "
        "--eligible-on NGÀY\n"
        "           [--area MÃ] [--categories K1,K6] --basis CĂN_CỨ "
        "[--confidence C]\n"
        "  fee      --area MÃ --from NGÀY --rate PHẦN_TRĂM [--basis "
        "CĂN_CỨ]\n"
        "Danh sách chi trả hằng tháng: lập (trợ cấp, truy lĩnh, thu hồi, "
        "chuyển kỳ, mai táng,\nchi một lần), kiểm tra, phê duyệt, gửi tổ "
        "chức chi trả, đối chiếu kết quả.\n"
        "--as: tài khoản thực hiện (vai trò và địa bàn của tài khoản được "
        "áp dụng; người lập\nkhông được kiểm tra hay phê duyệt). "
        "(--as names the acting account; its role and area\napply as in "
        "the API, separation of duties included.)\n");
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

static int fail(const struct app_pay_err *err, int rc)
{
    cli_fail("%s%s%s%s", err->message[0] ? err->message : app_pay_strerror(rc),
             err->field[0] ? " (trường " : "", err->field,
             err->field[0] ? ")" : "");
    return rc == APP_PAY_EINVAL ? 2 : 1;
}

static int as_user(struct db *db, const char *name, struct app_user *u)
{
    struct store_user su;
    int rc;

    memset(u, 0, sizeof *u);
    if (name == NULL)
        return cli_fail("cần --as TÀI_KHOẢN (người thực hiện)");
    rc = store_users_find(db, name, &su);
    if (rc != DB_OK || !su.active)
        return cli_fail("không có tài khoản đang hoạt động tên %s", name);
    u->id = su.id;
    snprintf(u->username, sizeof u->username, "%s", su.username);
    snprintf(u->full_name, sizeof u->full_name, "%s", su.full_name);
    snprintf(u->role, sizeof u->role, "%s", su.role);
    snprintf(u->area_code, sizeof u->area_code, "%s", su.area_code);
    return 0;
}

static int write_out(const char *path, const char *data, size_t len)
{
    FILE *f = path ? fopen(path, "wb") : stdout;

    if (f == NULL)
        return cli_fail("không ghi được %s", path);
    if (fwrite(data, 1, len, f) != len) {
        if (path)
            fclose(f);
        return cli_fail("không ghi được %s", path ? path : "stdout");
    }
    if (path && fclose(f) != 0)
        return cli_fail("không ghi được %s", path);
    return 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data = NULL;
    size_t cap = 0, n = 0;

    if (f == NULL)
        return NULL;
    for (;;) {
        size_t got;

        if (n == cap) {
            if (cap >= FILE_MAX) {
                free(data);
                fclose(f);
                return NULL;
            }
            cap = cap ? cap * 2 : 65536;
            data = realloc(data, cap + 1);
            if (data == NULL) {
                fclose(f);
                return NULL;
            }
        }
        got = fread(data + n, 1, cap - n, f);
        n += got;
        if (got == 0)
            break;
    }
    fclose(f);
    data[n] = '\0';
    *len = n;
    return data;
}

static int format_of(const char *s, int def)
{
    if (s == NULL)
        return def;
    if (strcmp(s, "csv") == 0)
        return APP_PAY_CSV;
    if (strcmp(s, "xlsx") == 0)
        return APP_PAY_XLSX;
    if (strcmp(s, "pdf") == 0)
        return APP_PAY_PDF;
    if (strcmp(s, "html") == 0)
        return APP_PAY_HTML;
    return -1;
}

struct args {
    const char *dsn, *as, *area, *month, *on, *state, *page, *per_page, *point,
        *format, *out, *file, *year, *period, *ref, *reason, *code, *name,
        *amount, *eligible_on, *categories, *basis, *confidence, *from, *rate,
        *lookback, *id;
    int unblock;
};

static int parse(int argc, char **argv, struct args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},
        {"as", required_argument, 0, 'a'},
        {"area", required_argument, 0, 'A'},
        {"month", required_argument, 0, 'm'},
        {"on", required_argument, 0, 'o'},
        {"state", required_argument, 0, 's'},
        {"page", required_argument, 0, 'p'},
        {"per-page", required_argument, 0, 'P'},
        {"point", required_argument, 0, 'n'},
        {"format", required_argument, 0, 'f'},
        {"out", required_argument, 0, 'O'},
        {"file", required_argument, 0, 'F'},
        {"year", required_argument, 0, 'y'},
        {"period", required_argument, 0, 'r'},
        {"ref", required_argument, 0, 'R'},
        {"reason", required_argument, 0, 'W'},
        {"unblock", no_argument, 0, 'U'},
        {"code", required_argument, 0, 'c'},
        {"name", required_argument, 0, 'N'},
        {"amount", required_argument, 0, 'M'},
        {"eligible-on", required_argument, 0, 'e'},
        {"categories", required_argument, 0, 'C'},
        {"basis", required_argument, 0, 'b'},
        {"confidence", required_argument, 0, 'k'},
        {"from", required_argument, 0, 'S'},
        {"rate", required_argument, 0, 'T'},
        {"lookback", required_argument, 0, 'L'},
        {"id", required_argument, 0, 'i'},
        {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    int c;

    memset(a, 0, sizeof *a);
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            a->dsn = optarg;
            break;
        case 'a':
            a->as = optarg;
            break;
        case 'A':
            a->area = optarg;
            break;
        case 'm':
            a->month = optarg;
            break;
        case 'o':
            a->on = optarg;
            break;
        case 's':
            a->state = optarg;
            break;
        case 'p':
            a->page = optarg;
            break;
        case 'P':
            a->per_page = optarg;
            break;
        case 'n':
            a->point = optarg;
            break;
        case 'f':
            a->format = optarg;
            break;
        case 'O':
            a->out = optarg;
            break;
        case 'F':
            a->file = optarg;
            break;
        case 'y':
            a->year = optarg;
            break;
        case 'r':
            a->period = optarg;
            break;
        case 'R':
            a->ref = optarg;
            break;
        case 'W':
            a->reason = optarg;
            break;
        case 'U':
            a->unblock = 1;
            break;
        case 'c':
            a->code = optarg;
            break;
        case 'N':
            a->name = optarg;
            break;
        case 'M':
            a->amount = optarg;
            break;
        case 'e':
            a->eligible_on = optarg;
            break;
        case 'C':
            a->categories = optarg;
            break;
        case 'b':
            a->basis = optarg;
            break;
        case 'k':
            a->confidence = optarg;
            break;
        case 'S':
            a->from = optarg;
            break;
        case 'T':
            a->rate = optarg;
            break;
        case 'L':
            a->lookback = optarg;
            break;
        case 'i':
            a->id = optarg;
            break;
        case 'h':
            help(stdout);
            return 1;
        default:
            help(stderr);
            return 2;
        }
    }
    if (optind < argc) {
        help(stderr);
        return 2;
    }
    return 0;
}

static int number(const char *s, int64_t *out)
{
    char *end = NULL;
    long long v;

    if (s == NULL)
        return -1;
    v = strtoll(s, &end, 10);
    if (end == s || *end != '\0' || v < 0)
        return -1;
    *out = v;
    return 0;
}

/* The permission a verb needs: the route's in the API (router.c). */
static enum router_perm perm_of(const char *verb, const struct args *a)
{
    if (strcmp(verb, "prepare") == 0 || strcmp(verb, "check") == 0 ||
        strcmp(verb, "send") == 0 || strcmp(verb, "block") == 0)
        return ROUTER_PERM_PAYROLL_PREPARE;
    if (strcmp(verb, "approve") == 0)
        return ROUTER_PERM_PAYROLL_APPROVE;
    if (strcmp(verb, "reconcile") == 0 || strcmp(verb, "export") == 0)
        return ROUTER_PERM_PAYROLL_PAY;
    if (strcmp(verb, "budget") == 0)
        return ROUTER_PERM_REPORT_READ;
    (void)a;
    return ROUTER_PERM_PAYROLL_READ;
}

/* The payroll a verb is about: --id, or --area and --month. */
static int payroll_id(struct db *db, const struct app_user *u,
                      const struct args *a, int64_t *id,
                      struct app_pay_err *err)
{
    if (a->id != NULL) {
        if (number(a->id, id) != 0 || *id <= 0) {
            snprintf(err->message, sizeof err->message,
                     "--id phải là số dương");
            return APP_PAY_EINVAL;
        }
        return APP_PAY_OK;
    }
    if (a->area == NULL || a->month == NULL) {
        snprintf(err->message, sizeof err->message,
                 "cần --id hoặc --area và --month");
        return APP_PAY_EINVAL;
    }
    return app_payroll_find(db, u, a->area, a->month, id, err);
}

static int run(struct db *db, const char *verb, const struct args *a)
{
    struct app_pay_err err;
    struct app_user u;
    struct app_pay_query q;
    json_t *out = NULL;
    char *data = NULL;
    size_t len = 0;
    int64_t id = 0, n = 0;
    int rc, fmt;

    memset(&err, 0, sizeof err);
    memset(&q, 0, sizeof q);
    if (strcmp(verb, "verify") == 0) {
        char hash[65];
        int same = 0;

        if (number(a->id, &id) != 0)
            return cli_fail("cần --id");
        rc = app_payroll_verify(db, id, &same, hash, &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        out = json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id, "content_hash",
                        hash, "matches_approval", same);
        print_json(out);
        return same ? 0 : 1;
    }
    if (strcmp(verb, "oneoff") == 0) {
        struct app_oneoff_input in = {a->code,
                                      a->name,
                                      0,
                                      a->month,
                                      a->area ? a->area : "",
                                      a->eligible_on,
                                      a->categories,
                                      a->basis,
                                      "RULES.md §5",
                                      a->confidence ? a->confidence
                                                    : "confirmed"};

        if (number(a->amount, &in.amount) != 0)
            return cli_fail("--amount phải là số đồng");
        rc = app_payroll_oneoff_add(db, a->as ? a->as : "cli", &in, &id, &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        return print_json(
            json_pack("{s:I, s:s}", "id", (json_int_t)id, "code", a->code));
    }
    if (strcmp(verb, "fee") == 0) {
        rc = app_payroll_fee_set(db, a->as ? a->as : "cli",
                                 a->area ? a->area : "", a->from, a->rate,
                                 a->basis, &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        return print_json(json_pack("{s:s, s:s, s:s}", "area_code",
                                    a->area ? a->area : "", "valid_from",
                                    a->from, "rate", a->rate));
    }
    if (as_user(db, a->as, &u) != 0)
        return 1;
    if (!router_role_has(u.role, perm_of(verb, a)))
        return cli_fail("tài khoản %s (%s) không có quyền thực hiện việc "
                        "này",
                        u.username, u.role);
    if (strcmp(verb, "prepare") == 0) {
        struct app_pay_summary s;
        int64_t lb = -1;

        if (a->lookback != NULL && number(a->lookback, &lb) != 0)
            return cli_fail("--lookback phải là số tháng");
        rc = app_payroll_prepare(db, &u, a->area, a->month, a->on, (int)lb, &s,
                                 &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        out = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "id",
                        (json_int_t)s.id, "version", (json_int_t)s.version,
                        "persons", (json_int_t)s.persons, "lines",
                        (json_int_t)s.lines, "points", (json_int_t)s.points,
                        "total_payable", (json_int_t)s.payable,
                        "total_recovery", (json_int_t)s.recovery);
        return print_json(out);
    }
    if (strcmp(verb, "list") == 0) {
        q.month = a->month;
        q.state = a->state;
        q.page = a->page;
        q.per_page = a->per_page;
        rc = app_payroll_list(db, &u, &q, &out, &err);
        return rc == APP_PAY_OK ? print_json(out) : fail(&err, rc);
    }
    if (strcmp(verb, "bhyt") == 0) {
        fmt = format_of(a->format, APP_PAY_XLSX);
        if (fmt != APP_PAY_XLSX && fmt != APP_PAY_CSV)
            return cli_fail("--format: xlsx hoặc csv");
        rc =
            app_payroll_bhyt(db, &u, a->area, a->month, fmt, &data, &len, &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        rc = write_out(a->out, data, len);
        free(data);
        return rc;
    }
    if (strcmp(verb, "budget") == 0) {
        rc =
            app_payroll_budget(db, &u, a->area, a->year, a->period, &out, &err);
        return rc == APP_PAY_OK ? print_json(out) : fail(&err, rc);
    }
    rc = payroll_id(db, &u, a, &id, &err);
    if (rc != APP_PAY_OK)
        return fail(&err, rc);
    if (strcmp(verb, "check") == 0 || strcmp(verb, "approve") == 0 ||
        strcmp(verb, "send") == 0) {
        rc = app_payroll_transition(db, &u, id, verb, 0, &n, &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        return print_json(json_pack("{s:I, s:s, s:I}", "id", (json_int_t)id,
                                    "action", verb, "version", (json_int_t)n));
    }
    if (strcmp(verb, "show") == 0) {
        q.page = a->page;
        q.per_page = a->per_page;
        q.point = a->point;
        rc = app_payroll_get(db, &u, id, &q, &out, NULL, &err);
        return rc == APP_PAY_OK ? print_json(out) : fail(&err, rc);
    }
    if (strcmp(verb, "block") == 0) {
        if (!a->unblock && a->reason == NULL)
            return cli_fail("cần --reason hoặc --unblock");
        rc = app_payroll_block(db, &u, id, a->ref,
                               a->unblock ? NULL : a->reason, &err);
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        return print_json(json_pack("{s:I, s:s, s:b}", "id", (json_int_t)id,
                                    "ref", a->ref, "blocked", !a->unblock));
    }
    if (strcmp(verb, "export") == 0) {
        fmt = format_of(a->format, APP_PAY_CSV);
        if (fmt < 0)
            return cli_fail("--format: csv, xlsx, pdf hoặc html");
        if (fmt == APP_PAY_PDF || fmt == APP_PAY_HTML) {
            if (number(a->point, &n) != 0)
                return cli_fail("--point: số thứ tự điểm chi trả (0: thu "
                                "hồi)");
            rc = app_payroll_point_list(db, &u, id, n, fmt, &data, &len, &err);
        } else {
            rc = app_payroll_provider_file(db, &u, id, fmt, &data, &len, &err);
        }
        if (rc != APP_PAY_OK)
            return fail(&err, rc);
        rc = write_out(a->out, data, len);
        free(data);
        return rc;
    }
    if (strcmp(verb, "reconcile") == 0) {
        const char *ext;

        if (a->file == NULL)
            return cli_fail("cần --file TỆP");
        ext = strrchr(a->file, '.');
        fmt = format_of(a->format, ext && strcmp(ext, ".xlsx") == 0
                                       ? APP_PAY_XLSX
                                       : APP_PAY_CSV);
        if (fmt != APP_PAY_CSV && fmt != APP_PAY_XLSX)
            return cli_fail("--format: csv hoặc xlsx");
        data = read_file(a->file, &len);
        if (data == NULL)
            return cli_fail("không đọc được %s", a->file);
        rc = app_payroll_reconcile(db, &u, id, data, len, fmt, a->file, &out,
                                   &err);
        free(data);
        return rc == APP_PAY_OK ? print_json(out) : fail(&err, rc);
    }
    help(stderr);
    return 2;
}

int cmd_payroll(int argc, char **argv)
{
    struct args a;
    struct db *db = NULL;
    int rc;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        help(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    rc = parse(argc, argv, &a);
    if (rc != 0)
        return rc == 1 ? 0 : rc;
    if (cli_open_db(a.dsn, &db) != 0)
        return 1;
    rc = run(db, argv[1], &a);
    db_close(db);
    return rc;
}
