/* test_quote.c: `ansinh quote` (stdin -> stdout) and POST /api/v1/quote
 * give byte-identical JSON for the same request, with the fictional
 * overlay folder of tests/data/rules/ ($ANSINH_RULES_DIR) loaded by both;
 * malformed requests give exit 2 with one stderr line naming the field,
 * and 400 with the error shape and that field (docs/rules.md).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "http_client.h"
#include "store/db.h"
#include "testdb.h"

#define RUN_TIMEOUT_MS 30000
#define RUN_MAX_OUTPUT (1024u * 1024u)

static struct http_client_server server;

/* --- Running the CLI -------------------------------------------------------
 */

struct run {
    int status; /* exit status, or -1 if killed or not exited */
    char *out, *err;
    size_t out_len, err_len;
};

static long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Append what fd has to *buf; returns 0 at EOF, 1 if more may come. */
static int drain(int fd, char **buf, size_t *len)
{
    char chunk[4096];
    ssize_t n = read(fd, chunk, sizeof chunk);

    if (n < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (n <= 0)
        return 0;
    assert_true(*len + (size_t)n < RUN_MAX_OUTPUT);
    *buf = realloc(*buf, *len + (size_t)n + 1);
    assert_non_null(*buf);
    memcpy(*buf + *len, chunk, (size_t)n);
    *len += (size_t)n;
    (*buf)[*len] = '\0';
    return 1;
}

/* Run `$ANSINH_BIN quote [extra]` with input on stdin; capture stdout,
 * stderr and the exit status, within RUN_TIMEOUT_MS. extra: one more
 * option and its value, or NULL. */
static void run_quote_with(const char *input, size_t len, const char *opt,
                           const char *val, struct run *r)
{
    const char *bin = getenv("ANSINH_BIN");
    int in[2], out[2], err[2], open_out = 1, open_err = 1, status = 0;
    long deadline = now_ms() + RUN_TIMEOUT_MS;
    size_t sent = 0;
    pid_t pid;

    memset(r, 0, sizeof *r);
    r->out = calloc(1, 1);
    r->err = calloc(1, 1);
    assert_non_null(bin);
    assert_int_equal(pipe(in), 0);
    assert_int_equal(pipe(out), 0);
    assert_int_equal(pipe(err), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        const char *argv_c[5] = {bin, "quote", opt, val, NULL};
        char *args[5];

        /* execv wants char *const[]; the strings are not written to. */
        memcpy(args, argv_c, sizeof args);

        dup2(in[0], STDIN_FILENO);
        dup2(out[1], STDOUT_FILENO);
        dup2(err[1], STDERR_FILENO);
        close(in[1]);
        close(out[0]);
        close(err[0]);
        execv(bin, args);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(err[1]);
    signal(SIGPIPE, SIG_IGN);
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    while (open_out || open_err || in[1] >= 0) {
        struct pollfd p[3] = {
            {out[0], POLLIN, 0}, {err[0], POLLIN, 0}, {in[1], POLLOUT, 0}};

        if (now_ms() > deadline) {
            kill(pid, SIGKILL);
            fail_msg("ansinh quote did not finish");
        }
        p[0].fd = open_out ? out[0] : -1;
        p[1].fd = open_err ? err[0] : -1;
        if (poll(p, 3, 100) < 0 && errno != EINTR)
            fail_msg("poll: %s", strerror(errno));
        if (p[0].revents)
            open_out = drain(out[0], &r->out, &r->out_len);
        if (p[1].revents)
            open_err = drain(err[0], &r->err, &r->err_len);
        if (in[1] >= 0 && p[2].revents) {
            ssize_t n = sent < len ? write(in[1], input + sent, len - sent) : 0;

            if (n > 0)
                sent += (size_t)n;
            if (sent == len || (n < 0 && errno != EAGAIN)) {
                close(in[1]);
                in[1] = -1;
            }
        }
    }
    close(out[0]);
    close(err[0]);
    waitpid(pid, &status, 0);
    r->status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void run_quote(const char *input, size_t len, struct run *r)
{
    run_quote_with(input, len, NULL, NULL, r);
}

static void run_free(struct run *r)
{
    free(r->out);
    free(r->err);
}

/* --- Setup -------------------------------------------------------------------
 */

static int group_setup(void **state)
{
    struct db *db = testdb_open();
    char dir[1024], dsn[512];
    const char *src = getenv("ANSINH_SOURCE_DIR");

    (void)state;
    snprintf(dsn, sizeof dsn, "%s", testdb_last_dsn());
    db_close(db);
    /* Both the server and every `ansinh quote` inherit it. */
    snprintf(dir, sizeof dir, "%s/tests/data/rules", src ? src : ".");
    setenv("ANSINH_RULES_DIR", dir, 1);
    return http_client_server_start(&server, dsn, NULL);
}

static int group_teardown(void **state)
{
    (void)state;
    return http_client_server_stop(&server) == 0 ? 0 : -1;
}

static void post(const char *body, size_t len, const char *content_type,
                 struct http_client_response *r)
{
    char ct[128];
    const char *headers[2] = {ct, NULL};

    snprintf(ct, sizeof ct, "Content-Type: %s", content_type);
    assert_int_equal(http_client_request(server.port, "POST", "/api/v1/quote",
                                         content_type ? headers : NULL, body,
                                         len, r),
                     0);
}

/* --- Same answers ------------------------------------------------------------
 */

static const char *const requests[] = {
    /* The issue's four examples (RULES.md §2.3 at 500,000). */
    "{\"month\": \"2025-06\", \"person\": {\"birth_date\": \"1950-03-01\", "
    "\"disability\": \"especially_severe\"}, \"categories\": [\"K6\"]}",
    "{\"month\": \"2025-06\", \"person\": {\"birth_date\": \"1980-01-01\"}, "
    "\"categories\": [\"K4\"], \"children\": [{\"birth_date\": "
    "\"2023-01-01\"}, {\"birth_date\": \"2015-01-01\"}, {\"birth_date\": "
    "\"2008-01-01\", \"studying\": true}]}",
    "{\"month\": \"2025-06\", \"person\": {\"birth_date\": \"1985-01-01\", "
    "\"disability\": \"severe\"}, \"categories\": [\"K4\", \"K6\"], "
    "\"children\": [{\"birth_date\": \"2018-05-05\"}]}",
    "{\"month\": \"2025-06\", \"person\": {\"birth_date\": \"1955-02-01\", "
    "\"disability\": \"severe\"}, \"categories\": [\"K5a\", \"K6\"]}",
    /* Birthday edges, continuation, ineligible answers. */
    "{\"month\":\"2026-12\",\"person\":{\"birth_date\":\"2023-01-10\"},"
    "\"categories\":[\"K1b\"]}",
    "{\"month\":\"2026-10\",\"person\":{\"birth_date\":\"2010-09-15\","
    "\"studying\":true},\"categories\":[\"K1b\"]}",
    "{\"month\":\"2026-10\",\"person\":{\"birth_date\":\"2010-09-15\"},"
    "\"categories\":[\"K1b\",\"K7\"]}",
    "{\"month\":\"2021-07\",\"person\":{\"birth_date\":\"1990-01-01\"},"
    "\"categories\":[]}",
    /* Social pension, overlay province, local category. */
    "{\"month\":\"2026-11\",\"person\":{\"birth_date\":\"1954-01-01\","
    "\"social_pension\":true,\"poor_or_near_poor\":true},"
    "\"categories\":[\"K5a\"]}",
    "{\"month\":\"2026-11\",\"person\":{\"birth_date\":\"1940-01-01\"},"
    "\"categories\":[\"K5c\",\"L99a\"],\"province\":\"99\"}",
    "{\"month\":\"2025-03\",\"person\":{\"birth_date\":\"1940-01-01\"},"
    "\"categories\":[\"K5c\"],\"province\":\"35\"}",
    /* The other benefits. */
    "{\"month\":\"2026-09\",\"benefit\":\"care\",\"person\":{\"birth_date\":"
    "\"1995-01-01\",\"disability\":\"severe\"},\"care\":{\"case\":"
    "\"disabled_parent\",\"pregnant\":true},\"children\":[{\"birth_date\":"
    "\"2024-02-02\"}]}",
    "{\"month\":\"2025-06\",\"benefit\":\"nurturing\",\"person\":"
    "{\"birth_date\":\"2023-01-01\"},\"categories\":[\"K1a\"]}",
    "{\"month\":\"2026-07\",\"benefit\":\"funeral\",\"funeral\":{\"cases\":"
    "[\"allowance\",\"disaster\",\"social_pension\"]}}",
};

static void test_cli_and_http_identical(void **s)
{
    size_t i;

    (void)s;
    for (i = 0; i < sizeof requests / sizeof requests[0]; i++) {
        const char *q = requests[i];
        struct http_client_response h;
        struct run c;
        json_error_t jerr;
        json_t *j;

        run_quote(q, strlen(q), &c);
        post(q, strlen(q), "application/json", &h);
        if (c.status != 0 || h.status != 200)
            fail_msg("request %zu: exit %d (%s), HTTP %d (%s)", i, c.status,
                     c.err, h.status, h.body);
        if (c.out_len != h.body_len || memcmp(c.out, h.body, c.out_len) != 0)
            fail_msg("request %zu differs:\nCLI  %s\nHTTP %s", i, c.out,
                     h.body);
        /* Valid JSON with the contract's fields and types. */
        j = json_loadb(h.body, h.body_len, 0, &jerr);
        assert_non_null(j);
        assert_true(json_is_string(json_object_get(j, "month")));
        assert_true(json_is_integer(json_object_get(j, "standard_level")));
        assert_true(json_is_array(json_object_get(j, "lines")));
        assert_true(json_is_array(json_object_get(j, "ineligible")));
        assert_true(json_is_integer(json_object_get(j, "total")));
        assert_int_equal(c.err_len, 0);
        json_decref(j);
        run_free(&c);
        http_client_response_free(&h);
    }
}

/* Check one answer's numbers: the issue's examples. */
static void expect_total(const char *q, json_int_t total)
{
    struct http_client_response h;
    json_error_t jerr;
    json_t *j;

    post(q, strlen(q), "application/json", &h);
    assert_int_equal(h.status, 200);
    j = json_loadb(h.body, h.body_len, 0, &jerr);
    assert_non_null(j);
    assert_int_equal(json_integer_value(json_object_get(j, "total")), total);
    json_decref(j);
    http_client_response_free(&h);
}

static void test_issue_examples_over_http(void **s)
{
    json_error_t jerr;
    json_t *j, *line;
    struct http_client_response h;

    (void)s;
    expect_total(requests[0], 1250000);
    expect_total(requests[1], 1500000);
    expect_total(requests[2], 1250000);
    expect_total(requests[3], 1000000);
    /* The overlay applies in province 99 only: 600,000 x 1.2 for K5c. */
    expect_total(requests[9], 720000);
    expect_total(requests[10], 500000);
    /* The line of the sketch: strings and integers as the contract says. */
    post(requests[0], strlen(requests[0]), "application/json", &h);
    j = json_loadb(h.body, h.body_len, 0, &jerr);
    line = json_array_get(json_object_get(j, "lines"), 0);
    assert_string_equal(json_string_value(json_object_get(line, "category")),
                        "K6");
    assert_string_equal(json_string_value(json_object_get(line, "coefficient")),
                        "2.5");
    assert_int_equal(json_integer_value(json_object_get(line, "amount")),
                     1250000);
    assert_string_equal(json_string_value(json_object_get(line, "basis")),
                        "Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm e");
    assert_string_equal(json_string_value(json_object_get(line, "rules_ref")),
                        "RULES.md §2.3");
    json_decref(j);
    http_client_response_free(&h);
}

/* --- Malformed requests
 * ---------------------------------------------------------
 */

struct bad {
    const char *body;
    const char *field; /* NULL: not about one field */
    const char *code;
};

static const struct bad bad[] = {
    {"not json", NULL, "invalid_json"},
    {"[1, 2]", NULL, "invalid_json"},
    {"{\"month\":\"2025-06\",\"month\":\"2025-07\"}", NULL, "invalid_json"},
    {"{\"person\":{\"birth_date\":\"1950-01-01\"},\"categories\":[]}", "month",
     "missing_field"},
    {"{\"month\":\"2025-6\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[]}",
     "month", "invalid_field"},
    {"{\"month\":\"2021-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[]}",
     "month", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-02-30\"},"
     "\"categories\":[]}",
     "person.birth_date", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":19500101},"
     "\"categories\":[]}",
     "person.birth_date", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\","
     "\"disability\":\"mild\"},\"categories\":[\"K6\"]}",
     "person.disability", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\","
     "\"age\":75},\"categories\":[]}",
     "person.age", "unknown_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[\"K6\",\"K99\"]}",
     "categories[1]", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":\"K6\"}",
     "categories", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[\"K4\"],\"children\":[{\"birth_date\":\"2020-01-01\"},"
     "{\"birth_date\":\"2020-01-01\",\"studying\":\"yes\"}]}",
     "children[1].studying", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[\"L99a\"]}",
     "categories[0]", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[],\"province\":\"999\"}",
     "province", "invalid_field"},
    {"{\"month\":\"2025-06\",\"person\":{\"birth_date\":\"1950-01-01\"},"
     "\"categories\":[],\"extra\":true}",
     "extra", "unknown_field"},
    {"{\"month\":\"2025-06\",\"benefit\":\"pension\",\"person\":"
     "{\"birth_date\":\"1950-01-01\"}}",
     "benefit", "invalid_field"},
    {"{\"month\":\"2025-06\",\"benefit\":\"care\",\"person\":"
     "{\"birth_date\":\"1950-01-01\"},\"care\":{\"case\":\"nobody\"}}",
     "care.case", "invalid_field"},
    {"{\"month\":\"2025-06\",\"benefit\":\"funeral\",\"funeral\":{\"cases\":"
     "[\"allowance\",\"allowance\"]}}",
     "funeral.cases[1]", "invalid_field"},
};

static void test_malformed_requests(void **s)
{
    size_t i;

    (void)s;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const struct bad *b = &bad[i];
        struct http_client_response h;
        json_error_t jerr;
        json_t *j, *e, *f;
        struct run c;
        char *nl;

        run_quote(b->body, strlen(b->body), &c);
        if (c.status != 2 || c.out_len != 0)
            fail_msg("bad %zu: exit %d, stdout \"%s\"", i, c.status, c.out);
        /* Exactly one line on stderr, naming the field. */
        nl = strchr(c.err, '\n');
        if (nl == NULL || nl[1] != '\0')
            fail_msg("bad %zu: stderr is not one line: \"%s\"", i, c.err);
        if (b->field != NULL && strstr(c.err, b->field) == NULL)
            fail_msg("bad %zu: stderr \"%s\" does not name %s", i, c.err,
                     b->field);
        post(b->body, strlen(b->body), "application/json", &h);
        assert_int_equal(h.status, 400);
        j = json_loadb(h.body, h.body_len, 0, &jerr);
        assert_non_null(j);
        e = json_object_get(j, "error");
        assert_true(json_is_object(e));
        assert_string_equal(json_string_value(json_object_get(e, "code")),
                            b->code);
        assert_true(json_string_length(json_object_get(e, "message")) > 0);
        f = json_object_get(e, "field");
        if (b->field != NULL)
            assert_string_equal(json_string_value(f), b->field);
        else
            assert_null(f);
        json_decref(j);
        run_free(&c);
        http_client_response_free(&h);
    }
}

static void test_too_large(void **s)
{
    size_t n = 70 * 1024;
    char *big = malloc(n + 1);
    struct http_client_response h;
    struct run c;

    (void)s;
    assert_non_null(big);
    memset(big, ' ', n);
    big[0] = '{';
    big[n - 1] = '}';
    big[n] = '\0';
    run_quote(big, n, &c);
    assert_int_equal(c.status, 2);
    post(big, n, "application/json", &h);
    assert_int_equal(h.status, 400);
    assert_non_null(strstr(h.body, "\"too_large\""));
    run_free(&c);
    http_client_response_free(&h);
    free(big);
}

/* JSON only; no session and no CSRF token needed (a public calculator);
 * no GET. */
static void test_http_method_and_media_type(void **s)
{
    struct http_client_response h;

    (void)s;
    post(requests[0], strlen(requests[0]), NULL, &h);
    assert_int_equal(h.status, 415);
    http_client_response_free(&h);
    post(requests[0], strlen(requests[0]), "text/plain", &h);
    assert_int_equal(h.status, 415);
    http_client_response_free(&h);
    assert_int_equal(http_client_request(server.port, "GET", "/api/v1/quote",
                                         NULL, NULL, 0, &h),
                     0);
    /* The static catch-all takes GET: no such file. */
    assert_true(h.status == 404 || h.status == 405);
    http_client_response_free(&h);
}

/* A bad overlay makes `quote` exit 1 with one line naming the file and
 * the line (docs/rules.md); --rules-dir overrides $ANSINH_RULES_DIR. */
static void test_bad_overlay_named(void **s)
{
    static const char bad_csv[] =
        "province,kind,key,value,from,instrument,article,confidence,"
        "rules_ref\n"
        "98,level,standard,300000,2022-01-01,NQ hư cấu,Điều 1,unverified,"
        "RULES.md §2.1\n";
    char dir[] = "/tmp/ansinh-quote-rules.XXXXXX", path[128];
    struct run c;
    FILE *f;

    (void)s;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(bad_csv, f);
    fclose(f);
    run_quote_with(requests[0], strlen(requests[0]), "--rules-dir", dir, &c);
    assert_int_equal(c.status, 1);
    assert_int_equal(c.out_len, 0);
    assert_non_null(strstr(c.err, "bad.csv, dòng 2"));
    assert_non_null(strchr(c.err, '\n'));
    assert_true(strchr(c.err, '\n')[1] == '\0');
    run_free(&c);
    /* An empty folder: national rules only, and the answer of before. */
    unlink(path);
    run_quote_with(requests[10], strlen(requests[10]), "--rules-dir", dir, &c);
    assert_int_equal(c.status, 0);
    assert_non_null(strstr(c.out, "\"total\":500000"));
    run_free(&c);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cli_and_http_identical),
        cmocka_unit_test(test_issue_examples_over_http),
        cmocka_unit_test(test_malformed_requests),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_http_method_and_media_type),
        cmocka_unit_test(test_bad_overlay_named),
    };

    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
