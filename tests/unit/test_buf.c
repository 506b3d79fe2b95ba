/* test_buf.c: unit tests for util/buf.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"

static void test_empty(void **state)
{
    struct buf b;
    char *s;
    size_t n = 99;

    (void)state;
    buf_init(&b, 16);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    buf_reset(&b); /* on a never-allocated buffer */
    s = buf_steal(&b, &n);
    assert_non_null(s);
    assert_string_equal(s, "");
    assert_int_equal(n, 0);
    free(s);
    buf_free(&b);
    buf_free(NULL);
}

static void test_append(void **state)
{
    struct buf b;

    (void)state;
    buf_init(&b, 1000);
    assert_int_equal(buf_append(&b, "abc", 3), BUF_OK);
    assert_int_equal(buf_puts(&b, "déf"), BUF_OK);
    assert_int_equal(buf_putc(&b, '!'), BUF_OK);
    assert_int_equal(buf_append(&b, "", 0), BUF_OK);
    assert_string_equal(buf_str(&b), "abcdéf!");
    assert_int_equal(b.len, strlen("abcdéf!"));
    /* Binary content, NUL included, is kept; the terminator follows it. */
    assert_int_equal(buf_append(&b, "x\0y", 3), BUF_OK);
    assert_int_equal(b.len, strlen("abcdéf!") + 3);
    assert_memory_equal(b.data + b.len - 3, "x\0y", 3);
    assert_int_equal(b.data[b.len], '\0');
    buf_reset(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(buf_str(&b), "");
    assert_int_equal(buf_puts(&b, "again"), BUF_OK);
    assert_string_equal(buf_str(&b), "again");
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.cap, 1000); /* the cap is kept */
}

static void test_growth(void **state)
{
    struct buf b;
    size_t i;

    (void)state;
    buf_init(&b, 100000);
    for (i = 0; i < 10000; i++)
        assert_int_equal(buf_putc(&b, (char)('a' + i % 26)), BUF_OK);
    assert_int_equal(b.len, 10000);
    assert_true(b.alloc > b.len);
    for (i = 0; i < 10000; i++)
        assert_int_equal(b.data[i], 'a' + i % 26);
    assert_int_equal(b.data[10000], '\0');
    buf_free(&b);
}

/* Exceeding the cap is an error that leaves the buffer exactly as it was. */
static void test_cap_leaves_unchanged(void **state)
{
    struct buf b;
    char big[300];
    char *before;
    size_t len_before, alloc_before;

    (void)state;
    memset(big, 'z', sizeof big);
    buf_init(&b, 10);
    assert_int_equal(buf_puts(&b, "12345678"), BUF_OK);
    before = b.data;
    len_before = b.len;
    alloc_before = b.alloc;

    assert_int_equal(buf_puts(&b, "abc"), BUF_ETOOBIG);
    assert_int_equal(buf_append(&b, big, sizeof big), BUF_ETOOBIG);
    assert_int_equal(buf_append(&b, big, SIZE_MAX), BUF_ETOOBIG);
    assert_int_equal(buf_printf(&b, "%d", 123), BUF_ETOOBIG);
    assert_int_equal(buf_printf(&b, "%.*s", 299, big), BUF_ETOOBIG);
    assert_ptr_equal(b.data, before);
    assert_int_equal(b.len, len_before);
    assert_int_equal(b.alloc, alloc_before);
    assert_string_equal(buf_str(&b), "12345678");

    /* Exactly up to the cap is fine, one byte more is not. */
    assert_int_equal(buf_puts(&b, "90"), BUF_OK);
    assert_int_equal(b.len, 10);
    assert_true(b.alloc <= b.cap + 1);
    assert_int_equal(buf_putc(&b, 'x'), BUF_ETOOBIG);
    assert_string_equal(buf_str(&b), "1234567890");
    assert_int_equal(buf_append(&b, "", 0), BUF_OK);
    buf_free(&b);
}

static void test_printf(void **state)
{
    struct buf b;
    char big[1000];

    (void)state;
    buf_init(&b, 1500);
    assert_int_equal(buf_printf(&b, "%s=%d;", "n", 42), BUF_OK);
    assert_int_equal(buf_printf(&b, "%05.1f", 2.5), BUF_OK);
    assert_string_equal(buf_str(&b), "n=42;002.5");
    /* Longer than the internal 256-byte scratch buffer. */
    memset(big, 'q', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    buf_reset(&b);
    assert_int_equal(buf_printf(&b, "<%s>", big), BUF_OK);
    assert_int_equal(b.len, 1001);
    assert_int_equal(b.data[0], '<');
    assert_int_equal(b.data[1000], '>');
    /* ... and over the cap: unchanged. */
    assert_int_equal(buf_printf(&b, "%s", big), BUF_ETOOBIG);
    assert_int_equal(b.len, 1001);
    buf_free(&b);
}

static void test_steal(void **state)
{
    struct buf b;
    char *s;
    size_t n = 0;

    (void)state;
    buf_init(&b, 64);
    assert_int_equal(buf_puts(&b, "Hà Nam"), BUF_OK);
    s = buf_steal(&b, &n);
    assert_string_equal(s, "Hà Nam");
    assert_int_equal(n, strlen("Hà Nam"));
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    /* The buffer is reusable after a steal. */
    assert_int_equal(buf_puts(&b, "x"), BUF_OK);
    assert_string_equal(buf_str(&b), "x");
    free(s);
    s = buf_steal(&b, NULL);
    assert_string_equal(s, "x");
    free(s);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_append),
        cmocka_unit_test(test_growth),
        cmocka_unit_test(test_cap_leaves_unchanged),
        cmocka_unit_test(test_printf),
        cmocka_unit_test(test_steal),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
