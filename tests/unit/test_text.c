/* test_text.c: unit tests for core/text.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/text.h"

/* Clean a NUL-terminated string; returns the rc, *out set on success. */
static int clean(const char *s, size_t max_chars, int flags, char **out)
{
    size_t n = 12345;
    int rc = text_clean(s, strlen(s), max_chars, flags, out, &n);

    if (rc == TEXT_OK)
        assert_int_equal(n, strlen(*out));
    else
        assert_null(*out);
    return rc;
}

static void expect_clean(const char *in, int flags, const char *want)
{
    char *out = NULL;

    assert_int_equal(clean(in, 0, flags, &out), TEXT_OK);
    assert_string_equal(out, want);
    free(out);
}

static void expect_fold(const char *in, const char *want)
{
    char *out = NULL;
    size_t n = 0;

    assert_int_equal(text_fold(in, strlen(in), &out, &n), TEXT_OK);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    free(out);
}

static void test_clean_nfc(void **state)
{
    (void)state;
    /* "Nguyễn" typed as e + combining circumflex + combining tilde. */
    expect_clean("Nguye\xcc\x82\xcc\x83n", 0, "Nguy\xe1\xbb\x85n");
    assert_string_equal("Nguy\xe1\xbb\x85n", "Nguyễn");
    /* Canonical reordering: dot below (class 220) sorts before the
     * circumflex (230), so both typing orders give "ệ". */
    expect_clean("Vie\xcc\x82\xcc\xa3t", 0, "Việt");
    expect_clean("Vie\xcc\xa3\xcc\x82t", 0, "Việt");
    /* Already NFC: unchanged. */
    expect_clean("Trần Thị Đức Hạnh", 0, "Trần Thị Đức Hạnh");
    /* "Đ" has no decomposition; "ơ" + grave composes to "ờ". */
    expect_clean("\xc4\x90\x6f\xcc\x9b\xcc\x80ng", 0, "Đờng");
    expect_clean("", 0, "");
}

static void test_null_input(void **state)
{
    char *out = NULL;
    size_t n = 9;

    (void)state;
    /* NULL reads as empty whatever the length says. */
    assert_int_equal(text_clean(NULL, 5, 0, 0, &out, &n), TEXT_OK);
    assert_string_equal(out, "");
    assert_int_equal(n, 0);
    free(out);
    assert_int_equal(text_clean(NULL, 5, 0, TEXT_REQUIRED, &out, NULL),
                     TEXT_EEMPTY);
    assert_null(out);
    assert_int_equal(text_fold(NULL, 5, &out, &n), TEXT_OK);
    assert_string_equal(out, "");
    free(out);
}

static void test_clean_controls(void **state)
{
    char *out = (char *)"sentinel";

    (void)state;
    assert_int_equal(clean("a\x01"
                           "b",
                           0, TEXT_TRIM, &out),
                     TEXT_ECONTROL);
    assert_int_equal(clean("a\x7f", 0, 0, &out), TEXT_ECONTROL);
    assert_int_equal(clean("a\xc2\x85", 0, 0, &out), TEXT_ECONTROL); /* NEL */
    assert_int_equal(clean("a\xc2\x9f", 0, 0, &out), TEXT_ECONTROL);
    assert_int_equal(clean("a\x1b[31m", 0, TEXT_TRIM, &out), TEXT_ECONTROL);
    /* An embedded NUL is a control character, not the end of the text. */
    assert_int_equal(text_clean("a\0b", 3, 0, 0, &out, NULL), TEXT_ECONTROL);
    assert_null(out);

    /* Newlines: refused unless allowed; CR LF and lone CR become LF. */
    assert_int_equal(clean("a\nb", 0, 0, &out), TEXT_ECONTROL);
    assert_int_equal(clean("a\r\nb", 0, TEXT_TRIM, &out), TEXT_ECONTROL);
    expect_clean("a\r\nb\rc\nd", TEXT_ALLOW_NEWLINE, "a\nb\nc\nd");

    /* Tab: a control without TEXT_TRIM, white space with it. */
    assert_int_equal(clean("a\tb", 0, 0, &out), TEXT_ECONTROL);
    expect_clean("a\tb", TEXT_TRIM, "a b");
    /* U+00A0 (not a control) is kept as is without trimming. */
    expect_clean("a\xc2\xa0"
                 "b",
                 0,
                 "a\xc2\xa0"
                 "b");
}

static void test_clean_utf8(void **state)
{
    static const char *const bad[] = {
        "\xff",             /* never valid */
        "abc\x80",          /* stray continuation byte */
        "\xc3",             /* truncated 2-byte sequence */
        "\xe1\xbb",         /* truncated 3-byte sequence */
        "\xc0\xaf",         /* overlong '/' */
        "\xe0\x80\xaf",     /* overlong '/' */
        "\xed\xa0\x80",     /* UTF-16 surrogate U+D800 */
        "\xf4\x90\x80\x80", /* U+110000 */
        "Nguy\xe1\xbbn",    /* broken "ễ" */
    };
    char *out = NULL;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(clean(bad[i], 0, TEXT_TRIM, &out), TEXT_EUTF8);
        assert_false(text_valid_utf8(bad[i], strlen(bad[i])));
        assert_int_equal(text_fold(bad[i], strlen(bad[i]), &out, NULL),
                         TEXT_EUTF8);
        assert_null(out);
    }
    assert_true(text_valid_utf8("", 0));
    assert_true(text_valid_utf8("Hà Nam", strlen("Hà Nam")));
    assert_true(text_valid_utf8("\xf0\x9f\x98\x80", 4)); /* U+1F600 */
    assert_true(text_valid_utf8("\xef\xbf\xbf", 3));     /* U+FFFF */
    /* Invalid UTF-8 wins over a control character before it. */
    assert_int_equal(clean("\x01\xff", 0, 0, &out), TEXT_EUTF8);
}

static void test_clean_trim(void **state)
{
    char *out = NULL;

    (void)state;
    expect_clean("  Nguyễn   Văn \t An  ", TEXT_TRIM, "Nguyễn Văn An");
    /* Without TEXT_TRIM, spaces are kept exactly. */
    expect_clean("  a  b ", 0, "  a  b ");
    /* Unicode spaces (NBSP, ideographic space) count as white space. */
    expect_clean("\xc2\xa0Hà\xe3\x80\x80\xc2\xa0Nam\xe2\x80\x83", TEXT_TRIM,
                 "Hà Nam");
    /* With newlines allowed, lines keep their breaks but lose the spaces
     * around them; leading and trailing blank lines go. */
    expect_clean("\n  dòng 1  \n\n  dòng   2 \r\n",
                 TEXT_TRIM | TEXT_ALLOW_NEWLINE, "dòng 1\n\ndòng 2");
    expect_clean("   ", TEXT_TRIM, "");
    assert_int_equal(clean("   ", 0, TEXT_TRIM | TEXT_REQUIRED, &out),
                     TEXT_EEMPTY);
    assert_int_equal(clean("", 0, TEXT_REQUIRED, &out), TEXT_EEMPTY);
    /* Without trimming, spaces are content. */
    expect_clean(" ", TEXT_REQUIRED, " ");
}

static void test_clean_cap(void **state)
{
    char *out = NULL;

    (void)state;
    /* "Đức" is 3 characters but 6 bytes: the cap counts characters. */
    assert_int_equal(clean("Đức", 3, 0, &out), TEXT_OK);
    assert_string_equal(out, "Đức");
    free(out);
    assert_int_equal(clean("Đức", 2, 0, &out), TEXT_ETOOLONG);
    /* Counted after NFC: 6 input code points, 4 characters after. */
    assert_int_equal(clean("Nguye\xcc\x82\xcc\x83n", 6, 0, &out), TEXT_OK);
    assert_string_equal(out, "Nguyễn");
    free(out);
    /* Counted after trimming. */
    assert_int_equal(clean("   ab   ", 2, TEXT_TRIM, &out), TEXT_OK);
    assert_string_equal(out, "ab");
    free(out);
    assert_int_equal(clean("   ab   ", 2, 0, &out), TEXT_ETOOLONG);
    /* 0 means no cap. */
    assert_int_equal(clean("abcdefghij", 0, 0, &out), TEXT_OK);
    free(out);
}

static void test_char_count(void **state)
{
    (void)state;
    assert_int_equal(text_char_count("", 0), 0);
    assert_int_equal(text_char_count("abc", 3), 3);
    assert_int_equal(text_char_count("Đức", strlen("Đức")), 3);
    assert_int_equal(text_char_count("Nguyễn", strlen("Nguyễn")), 6);
    assert_int_equal(text_char_count("\xf0\x9f\x98\x80", 4), 1);
}

static void test_fold(void **state)
{
    (void)state;
    expect_fold("Nguyễn Văn Đức", "nguyen van duc");
    expect_fold("Phở bò Ở ĐÂU", "pho bo o dau");
    expect_fold("TRƯỜNG ĐẠI HỌC", "truong dai hoc");
    /* Decomposed input folds like precomposed input. */
    expect_fold("Nguye\xcc\x82\xcc\x83n", "nguyen");
    /* White space collapsed and trimmed, tabs and newlines included. */
    expect_fold("  Hà \t Nam\n\nPhủ  Lý ", "ha nam phu ly");
    expect_fold("\xc2\xa0Ninh\xc2\xa0"
                "Bình",
                "ninh binh");
    expect_fold("", "");
    expect_fold("   ", "");
    /* Other scripts pass through, case-folded. */
    expect_fold("ĐẶNG THỊ Ánh 123", "dang thi anh 123");
    /* U+00D0 (eth), a look-alike of Đ left by old encodings. */
    expect_fold("\xc3\x90\xe1\xbb\xa9\x63", "duc");
    expect_fold("Straße", "strasse");
}

static void test_strerror(void **state)
{
    (void)state;
    assert_string_equal(text_strerror(TEXT_EUTF8),
                        "Văn bản không phải UTF-8 hợp lệ");
    assert_non_null(text_strerror(TEXT_ECONTROL));
    assert_non_null(text_strerror(TEXT_ETOOLONG));
    assert_non_null(text_strerror(TEXT_EEMPTY));
    assert_non_null(text_strerror(-99));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_nfc),
        cmocka_unit_test(test_null_input),
        cmocka_unit_test(test_clean_controls),
        cmocka_unit_test(test_clean_utf8),
        cmocka_unit_test(test_clean_trim),
        cmocka_unit_test(test_clean_cap),
        cmocka_unit_test(test_char_count),
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_strerror),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
