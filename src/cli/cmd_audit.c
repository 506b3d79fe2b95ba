/* cmd_audit.c: `ansinh audit verify` walks the audit chain and reports the
 * first broken link; `ansinh audit list` prints records (newest first) as
 * JSON lines. The operator of the command line reads every area: it is
 * the database's owner (docs/authz.md). */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "app/audit.h"
#include "store/db.h"

static void help(FILE *f)
{
    fprintf(f,
            "Cách dùng: ansinh audit verify [--db DSN]\n"
            "           ansinh audit list [--db DSN] [--entity E [--id ID]]"
            " [--actor TÊN]\n"
            "                             [--limit N]\n"
            "Nhật ký thay đổi (audit log).\n\n"
            "  verify        kiểm tra toàn bộ chuỗi băm của nhật ký; báo mắt "
            "xích hỏng\n"
            "                đầu tiên (bản ghi bị sửa, xoá hoặc chèn ngoài "
            "chương trình).\n"
            "                Thoát 0 khi toàn vẹn, 1 khi hỏng. In mã băm đầu "
            "chuỗi: hãy\n"
            "                lưu nó ở nơi khác để phát hiện cả việc ghi lại "
            "toàn bộ chuỗi.\n"
            "                (walk the hash chain; exit 0 when whole, 1 at "
            "the first\n"
            "                broken link)\n"
            "  list          in các bản ghi mới nhất trước, mỗi dòng một JSON"
            " (print\n"
            "                records, newest first, one JSON per line)\n"
            "  --entity E    chỉ bản ghi về loại E (user, person, ...)\n"
            "  --id ID       và mã ID của nó (cần --entity)\n"
            "  --actor TÊN   chỉ bản ghi do TÊN thực hiện\n"
            "  --limit N     tối đa N bản ghi (1..200, mặc định 50)\n"
            "  --db DSN      cơ sở dữ liệu (mặc định $ANSINH_DB hoặc "
            "ansinh.db)\n"
            "  --help        hướng dẫn này\n");
}

static int verify(const char *dsn)
{
    struct store_audit_verify v;
    struct db *db = NULL;
    char text[512];
    int rc;

    if (cli_open_db(dsn, &db) != 0)
        return 1;
    rc = store_audit_verify(db, &v);
    if (rc != DB_OK) {
        cli_fail("không đọc được nhật ký: %s", db_errmsg(db));
        db_close(db);
        return 1;
    }
    db_close(db);
    app_audit_describe(&v, text, sizeof text);
    if (v.broken != STORE_AUDIT_WHOLE) {
        fprintf(stderr, "Lỗi: %s\n", text);
        printf("broken_id=%lld checked=%lld head=%s\n", (long long)v.broken_id,
               (long long)v.checked, v.head_hash);
        return 1;
    }
    printf("%s\n", text);
    printf("Mã băm đầu chuỗi (head hash) tại bản ghi %lld: %s\n",
           (long long)v.last_id, v.head_hash);
    return 0;
}

static json_t *json_text(const char *s)
{
    json_t *v;

    if (s == NULL)
        return json_null();
    v = json_loads(s, JSON_DECODE_ANY, NULL);
    return v ? v : json_string(s);
}

static int list(const char *dsn, const struct app_audit_query *q)
{
    struct store_audit_list l;
    struct app_audit_err err;
    struct db *db = NULL;
    size_t i;
    int rc;

    if (cli_open_db(dsn, &db) != 0)
        return 1;
    rc = app_audit_list(db, NULL, q, &l, &err);
    if (rc != 0) {
        cli_fail("%s", rc == APP_AUDIT_EINVAL ? err.msg : db_errmsg(db));
        db_close(db);
        return rc == APP_AUDIT_EINVAL ? 2 : 1;
    }
    for (i = 0; i < l.count; i++) {
        const struct store_audit_entry *e = &l.items[i];
        json_t *o = json_pack(
            "{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s}", "id",
            (json_int_t)e->id, "at", e->at, "actor", e->actor, "action",
            e->action, "entity", e->entity, "entity_id", e->entity_id,
            "area_path", e->area_path, "detail", json_text(e->detail),
            "old_value", json_text(e->old_value), "new_value",
            json_text(e->new_value), "hash", e->hash);
        char *line =
            o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;

        if (line != NULL)
            puts(line);
        free(line);
        json_decref(o);
    }
    store_audit_list_free(&l);
    db_close(db);
    return 0;
}

int cmd_audit(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"entity", required_argument, 0, 'e'},
                                         {"id", required_argument, 0, 'i'},
                                         {"actor", required_argument, 0, 'a'},
                                         {"limit", required_argument, 0, 'l'},
                                         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    struct app_audit_query q;
    const char *dsn = NULL, *sub;
    char *end;
    long v;
    int c;

    memset(&q, 0, sizeof q);
    q.page = 1;
    q.per_page = APP_AUDIT_PAGE_DEFAULT;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd':
            dsn = optarg;
            break;
        case 'e':
            q.entity = optarg;
            break;
        case 'i':
            q.entity_id = optarg;
            break;
        case 'a':
            q.actor = optarg;
            break;
        case 'l':
            errno = 0;
            v = strtol(optarg, &end, 10);
            if (errno != 0 || *end != '\0' || v < 1 || v > APP_AUDIT_PAGE_MAX) {
                cli_fail("--limit phải là số từ 1 đến %d.", APP_AUDIT_PAGE_MAX);
                return 2;
            }
            q.per_page = v;
            break;
        case 'h':
            help(stdout);
            return 0;
        default:
            help(stderr);
            return 2;
        }
    }
    if (optind != argc - 1) {
        help(stderr);
        return 2;
    }
    sub = argv[optind];
    if (strcmp(sub, "verify") == 0) {
        if (q.entity || q.entity_id || q.actor) {
            cli_fail("verify kiểm tra toàn bộ chuỗi: không nhận bộ lọc.");
            return 2;
        }
        return verify(dsn);
    }
    if (strcmp(sub, "list") == 0)
        return list(dsn, &q);
    cli_fail("không có lệnh con \"%s\" (verify hoặc list).", sub);
    help(stderr);
    return 2;
}
