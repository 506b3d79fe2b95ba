/* test_audit_cli.c: `ansinh audit verify` and `ansinh audit list` as an
 * operator runs them (the real binary, both engines): a whole chain exits
 * 0 and prints the head hash; a record edited behind the program's back
 * exits 1 naming the first broken link; list prints the records of an
 * entity as JSON lines, old and new values included.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "app/auth.h"
#include "store/db.h"
#include "testdb.h"

#define OUT_CAP 65536

struct run {
    int status; /* exit status, -1 if killed */
    char out[OUT_CAP];
    char err[OUT_CAP];
};

/* Read fd to EOF into buf (capped, NUL-terminated). */
static void slurp(int fd, char *buf, size_t cap)
{
    size_t n = 0;
    ssize_t r;

    while ((r = read(fd, buf + n, cap - 1 - n)) > 0) {
        n += (size_t)r;
        if (n + 1 >= cap)
            break;
    }
    buf[n] = '\0';
}

/* Run $ANSINH_BIN audit <args...> --db dsn. */
static void run(struct run *res, const char *dsn, const char *a1,
                const char *a2, const char *a3, const char *a4, const char *a5)
{
    const char *bin = getenv("ANSINH_BIN");
    int out[2], err[2], st;
    pid_t pid;

    assert_non_null(bin);
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        char *argv[10];
        int n = 0;

        dup2(out[1], 1);
        dup2(err[1], 2);
        close(out[0]);
        close(err[0]);
        /* execv wants char *const[]; the strings are not modified. */
        argv[n++] = (char *)(uintptr_t)bin;
        argv[n++] = (char *)(uintptr_t) "audit";
        argv[n++] = (char *)(uintptr_t)a1;
        argv[n++] = (char *)(uintptr_t) "--db";
        argv[n++] = (char *)(uintptr_t)dsn;
        if (a2)
            argv[n++] = (char *)(uintptr_t)a2;
        if (a3)
            argv[n++] = (char *)(uintptr_t)a3;
        if (a4)
            argv[n++] = (char *)(uintptr_t)a4;
        if (a5)
            argv[n++] = (char *)(uintptr_t)a5;
        argv[n] = NULL;
        execv(bin, argv);
        _exit(127);
    }
    close(out[1]);
    close(err[1]);
    /* stderr is small; read stdout first, then stderr. */
    slurp(out[0], res->out, sizeof res->out);
    slurp(err[0], res->err, sizeof res->err);
    close(out[0]);
    close(err[0]);
    assert_int_equal(waitpid(pid, &st, 0), pid);
    res->status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void raw(struct db *db, const char *sql)
{
    struct db_stmt *st;
    int rc;

    assert_int_equal(db_prepare(db, sql, &st), DB_OK);
    rc = db_step(st);
    assert_true(rc == DB_DONE || rc == DB_ROW);
    db_reset(st);
}

static void test_verify_and_list(void **state)
{
    static struct run r;
    struct db *db = testdb_open();
    const char *dsn = testdb_last_dsn();
    char msg[256];

    (void)state;
    assert_int_equal(app_user_create(db, "nguoi.mot", "Người Một", "12345678",
                                     "commune_officer", "13285", msg,
                                     sizeof msg),
                     0);
    assert_int_equal(app_user_create(db, "nguoi.hai", "Người Hai", "12345678",
                                     "auditor", NULL, msg, sizeof msg),
                     0);
    run(&r, dsn, "verify", NULL, NULL, NULL, NULL);
    if (r.status != 0)
        fprintf(stderr, "%s%s", r.out, r.err);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "toàn vẹn"));
    assert_non_null(strstr(r.out, "head hash"));

    run(&r, dsn, "list", "--entity", "user", "--id", "1");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "\"action\":\"user.create\""));
    assert_non_null(strstr(r.out, "\"username\":\"nguoi.mot\""));
    assert_null(strstr(r.out, "nguoi.hai"));
    assert_null(strstr(r.out, "argon2"));

    /* Behind the program's back: edit the first account's record. */
    raw(db, "UPDATE audit_log SET new_value = replace(new_value,"
            " 'commune_officer', 'admin') WHERE entity = 'user'"
            " AND entity_id = '1'");
    run(&r, dsn, "verify", NULL, NULL, NULL, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "không khớp mã băm"));
    assert_non_null(strstr(r.out, "broken_id="));

    run(&r, dsn, "verify", "--entity", "user", NULL, NULL);
    assert_int_equal(r.status, 2);
    run(&r, dsn, "list", "--limit", "0", NULL, NULL);
    assert_int_equal(r.status, 2);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_verify_and_list),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
