/* test_cccd.c: unit tests for core/cccd.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/cccd.h"
#include "core/text.h"

static int parse(const char *s, struct cccd_info *info, char *msg)
{
    return cccd_parse(s, strlen(s), info, msg, 256);
}

static void test_parse_ok(void **state)
{
    struct cccd_info info;
    char msg[256];

    (void)state;
    /* Hà Nam, 1900s, male, born 1948. */
    assert_int_equal(parse("035048001234", &info, msg), CCCD_OK);
    assert_int_equal(info.kind, CCCD_KIND_CCCD);
    assert_string_equal(info.province, "035");
    assert_int_equal(info.sex, 'M');
    assert_int_equal(info.birth_year, 1948);
    assert_string_equal(msg, "");

    /* Hà Nội, 2000s, female, born 2019. */
    assert_int_equal(parse("001319000001", &info, msg), CCCD_OK);
    assert_string_equal(info.province, "001");
    assert_int_equal(info.sex, 'F');
    assert_int_equal(info.birth_year, 2019);

    /* Every century digit. */
    assert_int_equal(parse("096999000000", &info, msg), CCCD_OK);
    assert_int_equal(info.birth_year, 1899);
    assert_int_equal(info.sex, 'F');
    assert_int_equal(parse("096800000000", &info, msg), CCCD_OK);
    assert_int_equal(info.birth_year, 1800);
    assert_int_equal(info.sex, 'M');
    assert_int_equal(parse("096401000000", &info, msg), CCCD_OK);
    assert_int_equal(info.birth_year, 2101);
    assert_int_equal(parse("096501000000", &info, msg), CCCD_OK);
    assert_int_equal(info.sex, 'F');
    assert_int_equal(parse("096650000000", &info, msg), CCCD_OK);
    assert_int_equal(info.birth_year, 2250);
    assert_int_equal(parse("096799000000", &info, msg), CCCD_OK);
    assert_int_equal(info.birth_year, 2299);

    /* A legacy 9-digit CMND: digits only, no structure. */
    assert_int_equal(parse("168123456", &info, msg), CCCD_OK);
    assert_int_equal(info.kind, CCCD_KIND_CMND);

    /* msg may be NULL. */
    assert_int_equal(cccd_parse("035048001234", 12, &info, NULL, 0), CCCD_OK);
}

static void test_parse_length(void **state)
{
    struct cccd_info info;
    char msg[256];

    (void)state;
    info.kind = 77;
    assert_int_equal(parse("03504800123", &info, msg), CCCD_EFORMAT);
    assert_string_equal(msg, "Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số "
                             "nếu là CMND cũ); đã nhập 11 chữ số");
    assert_int_equal(info.kind, 77); /* untouched on error */
    assert_int_equal(parse("0350480012345", &info, msg), CCCD_EFORMAT);
    assert_non_null(strstr(msg, "đã nhập 13 chữ số"));
    assert_int_equal(parse("1234567890", &info, msg), CCCD_EFORMAT);
    assert_non_null(strstr(msg, "đã nhập 10 chữ số"));
    assert_int_equal(parse("", &info, msg), CCCD_EFORMAT);
    assert_string_equal(msg, "Chưa nhập số CCCD");
    assert_int_equal(cccd_parse(NULL, 5, &info, msg, sizeof msg), CCCD_EFORMAT);
}

static void test_parse_non_digits(void **state)
{
    struct cccd_info info;
    char msg[256];

    (void)state;
    assert_int_equal(parse("0350A8001234", &info, msg), CCCD_EFORMAT);
    assert_string_equal(msg, "Số CCCD chỉ được gồm chữ số; ký tự thứ 5 "
                             "('A') không phải chữ số");
    assert_int_equal(parse("035 048 001 234", &info, msg), CCCD_EFORMAT);
    assert_string_equal(msg,
                        "Số CCCD chỉ được gồm chữ số; ký tự thứ 4 là dấu cách");
    assert_int_equal(parse("-35048001234", &info, msg), CCCD_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 1 ('-')"));
    /* Positions count characters, not bytes: "Đ" is 2 bytes. */
    assert_int_equal(parse("Đ3504800123é", &info, msg), CCCD_EFORMAT);
    assert_string_equal(msg, "Số CCCD chỉ được gồm chữ số; ký tự thứ 1 "
                             "không phải chữ số");
    assert_int_equal(parse("03504800123é", &info, msg), CCCD_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 12 không"));
    /* A stray continuation byte after digits is not part of a digit (found
     * by fuzz_fields). */
    assert_int_equal(parse("0968\xb9"
                           "9000000",
                           &info, msg),
                     CCCD_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 5 không"));
    assert_int_equal(parse("\x80"
                           "35148001234",
                           &info, msg),
                     CCCD_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 1 không"));
    /* An embedded NUL inside the given length is not a digit. */
    assert_int_equal(cccd_parse("035048\0001234", 12, &info, msg, sizeof msg),
                     CCCD_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 7"));
    /* Full-width digits are not ASCII digits. */
    assert_int_equal(parse("\xef\xbc\x90\x33\x35\x30\x34\x38\x30\x30\x31\x32"
                           "\x33\x34",
                           &info, msg),
                     CCCD_EFORMAT);
}

static void test_parse_province(void **state)
{
    struct cccd_info info;
    char msg[256];

    (void)state;
    assert_int_equal(parse("003048001234", &info, msg), CCCD_EPROVINCE);
    assert_string_equal(msg, "Ba chữ số đầu của số CCCD (003) không phải mã "
                             "tỉnh, thành phố đăng ký khai sinh");
    assert_int_equal(parse("000048001234", &info, msg), CCCD_EPROVINCE);
    assert_int_equal(parse("097048001234", &info, msg), CCCD_EPROVINCE);
    assert_int_equal(parse("135048001234", &info, msg), CCCD_EPROVINCE);
    /* A CMND is not checked for province. */
    assert_int_equal(parse("003048001", &info, msg), CCCD_OK);
}

/* The 63 codes must be exactly the province codes of the GSO list of
 * 2025-01-01 shipped in data/units (first column, "0" + 2 digits). */
static void test_provinces_match_units_csv(void **state)
{
    const char *root = getenv("ANSINH_SOURCE_DIR");
    char path[1024];
    char line[1024];
    char seen[100] = {0};
    int code, n_csv = 0, n_table = 0;
    FILE *f;

    (void)state;
    if (root == NULL)
        skip();
    snprintf(path, sizeof path, "%s/data/units/vn-units-2025-01-01.csv", root);
    f = fopen(path, "r");
    assert_non_null(f);
    assert_non_null(fgets(line, sizeof line, f)); /* header */
    while (fgets(line, sizeof line, f) != NULL) {
        assert_true(line[0] >= '0' && line[0] <= '9');
        assert_true(line[1] >= '0' && line[1] <= '9');
        assert_int_equal(line[2], ',');
        code = (line[0] - '0') * 10 + (line[1] - '0');
        if (!seen[code]) {
            char code3[4] = {'0', line[0], line[1], '\0'};

            seen[code] = 1;
            n_csv++;
            assert_non_null(cccd_province_name(code3));
        }
    }
    fclose(f);
    for (code = 0; code < 100; code++) {
        char code3[4];

        snprintf(code3, sizeof code3, "0%02d", code);
        if (cccd_province_name(code3) != NULL) {
            n_table++;
            assert_true(seen[code]);
        }
    }
    assert_int_equal(n_csv, 63);
    assert_int_equal(n_table, 63);
}

static void test_province_names(void **state)
{
    (void)state;
    assert_string_equal(cccd_province_name("035"), "Hà Nam");
    assert_string_equal(cccd_province_name("001"), "Hà Nội");
    assert_string_equal(cccd_province_name("079"), "Hồ Chí Minh");
    assert_string_equal(cccd_province_name("046"), "Thừa Thiên Huế");
    assert_string_equal(cccd_province_name("096"), "Cà Mau");
    assert_null(cccd_province_name("003"));
    assert_null(cccd_province_name("35"));
    assert_null(cccd_province_name("0350"));
    assert_null(cccd_province_name(""));
    assert_null(cccd_province_name(NULL));
}

static void test_check_person(void **state)
{
    struct cccd_info info;
    char msg[256];

    (void)state;
    /* 1900s female (digit 1), born 1948. */
    assert_int_equal(parse("035148001234", &info, NULL), CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 1948, 'F', msg, sizeof msg),
                     CCCD_OK);
    assert_string_equal(msg, "");

    /* Sex disagrees: the example of cccd.h. */
    assert_int_equal(cccd_check_person(&info, 1948, 'M', msg, sizeof msg),
                     CCCD_ESEX);
    assert_string_equal(msg, "Chữ số thứ 4 của số CCCD (1) cho biết giới "
                             "tính nữ, sinh thế kỷ 20, nhưng giới tính khai "
                             "là nam");

    /* Century disagrees, year digits agree. */
    assert_int_equal(cccd_check_person(&info, 2048, 'F', msg, sizeof msg),
                     CCCD_EYEAR);
    assert_string_equal(msg, "Chữ số thứ 4 của số CCCD (1) cho biết giới "
                             "tính nữ, sinh thế kỷ 20 (năm 1900–1999), nhưng "
                             "năm sinh khai là 2048");

    /* Year digits disagree, century agrees. */
    assert_int_equal(cccd_check_person(&info, 1950, 'F', msg, sizeof msg),
                     CCCD_EYEAR);
    assert_string_equal(msg, "Chữ số thứ 5 và 6 của số CCCD (48) cho biết "
                             "năm sinh 1948, nhưng năm sinh khai là 1950");

    /* Both disagree. */
    assert_int_equal(cccd_check_person(&info, 2050, 'F', msg, sizeof msg),
                     CCCD_EYEAR);
    assert_string_equal(msg, "Chữ số thứ 4 đến 6 của số CCCD (148) cho biết "
                             "năm sinh 1948, nhưng năm sinh khai là 2050");

    /* Year and sex both wrong: the year is reported first. */
    assert_int_equal(cccd_check_person(&info, 1950, 'M', msg, sizeof msg),
                     CCCD_EYEAR);

    /* 2000s male (digit 2), born 2005: leading zero kept in the digits. */
    assert_int_equal(parse("035205000001", &info, NULL), CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 2005, 'M', msg, sizeof msg),
                     CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 2006, 'M', msg, sizeof msg),
                     CCCD_EYEAR);
    assert_non_null(strstr(msg, "(05) cho biết năm sinh 2005"));
    assert_int_equal(cccd_check_person(&info, 2005, 'F', msg, sizeof msg),
                     CCCD_ESEX);
    assert_non_null(strstr(msg, "(2) cho biết giới tính nam, sinh thế kỷ 21"));
    assert_int_equal(cccd_check_person(&info, 1905, 'M', msg, sizeof msg),
                     CCCD_EYEAR);
    assert_non_null(strstr(msg, "thế kỷ 21 (năm 2000–2099)"));

    /* 1800s (digit 8). */
    assert_int_equal(parse("035899000001", &info, NULL), CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 1899, 'M', msg, sizeof msg),
                     CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 1999, 'M', msg, sizeof msg),
                     CCCD_EYEAR);
    assert_non_null(strstr(msg, "(8) cho biết giới tính nam, sinh thế kỷ 19"));

    /* A sex that is neither M nor F. */
    assert_int_equal(cccd_check_person(&info, 1899, 'X', msg, sizeof msg),
                     CCCD_ESEX);

    /* A CMND always passes. */
    assert_int_equal(parse("168123456", &info, NULL), CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 1970, 'F', msg, sizeof msg),
                     CCCD_OK);
    /* msg may be NULL. */
    assert_int_equal(parse("035148001234", &info, NULL), CCCD_OK);
    assert_int_equal(cccd_check_person(&info, 1948, 'M', NULL, 0), CCCD_ESEX);
}

static void test_msg_truncation(void **state)
{
    struct cccd_info info;
    char small[12];
    size_t cap;

    (void)state;
    /* Whatever the room, the message is cut at a character boundary. */
    for (cap = 1; cap <= sizeof small; cap++) {
        assert_int_equal(cccd_parse("1", 1, &info, small, cap), CCCD_EFORMAT);
        assert_true(strlen(small) < cap);
        assert_true(text_valid_utf8(small, strlen(small)));
    }
    /* "Số": the 3-byte "ố" does not fit in 3 bytes with the NUL. */
    assert_int_equal(cccd_parse("1", 1, &info, small, 3), CCCD_EFORMAT);
    assert_string_equal(small, "S");
    assert_int_equal(cccd_parse("1", 1, &info, small, 5), CCCD_EFORMAT);
    assert_string_equal(small, "Số");
}

static void test_make_round_trip(void **state)
{
    static const char *const provinces[] = {"001", "035", "037", "096"};
    static const int years[] = {1800, 1899, 1900, 1948, 1999, 2000,
                                2019, 2099, 2100, 2199, 2200, 2299};
    char num[13];
    struct cccd_info info;
    size_t p, y;
    int s;

    (void)state;
    for (p = 0; p < sizeof provinces / sizeof provinces[0]; p++)
        for (y = 0; y < sizeof years / sizeof years[0]; y++)
            for (s = 0; s < 2; s++) {
                char sex = s ? 'F' : 'M';

                assert_int_equal(cccd_make(provinces[p], years[y], sex,
                                           (uint32_t)(y * 1234 + 7), num),
                                 CCCD_OK);
                assert_int_equal(strlen(num), 12);
                assert_int_equal(parse(num, &info, NULL), CCCD_OK);
                assert_string_equal(info.province, provinces[p]);
                assert_int_equal(info.birth_year, years[y]);
                assert_int_equal(info.sex, sex);
                assert_int_equal(
                    cccd_check_person(&info, years[y], sex, NULL, 0), CCCD_OK);
            }

    assert_int_equal(cccd_make("035", 1948, 'F', 999999, num), CCCD_OK);
    assert_string_equal(num, "035148999999");
    assert_int_equal(cccd_make("035", 2005, 'M', 42, num), CCCD_OK);
    assert_string_equal(num, "035205000042");

    assert_int_equal(cccd_make("003", 1948, 'F', 1, num), CCCD_EPROVINCE);
    assert_int_equal(cccd_make("35", 1948, 'F', 1, num), CCCD_EPROVINCE);
    assert_int_equal(cccd_make(NULL, 1948, 'F', 1, num), CCCD_EPROVINCE);
    assert_int_equal(cccd_make("035", 1799, 'F', 1, num), CCCD_EYEAR);
    assert_int_equal(cccd_make("035", 2300, 'F', 1, num), CCCD_EYEAR);
    assert_int_equal(cccd_make("035", 1948, 'x', 1, num), CCCD_ESEX);
    assert_int_equal(cccd_make("035", 1948, 'F', 1000000, num), CCCD_EFORMAT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_length),
        cmocka_unit_test(test_parse_non_digits),
        cmocka_unit_test(test_parse_province),
        cmocka_unit_test(test_provinces_match_units_csv),
        cmocka_unit_test(test_province_names),
        cmocka_unit_test(test_check_person),
        cmocka_unit_test(test_msg_truncation),
        cmocka_unit_test(test_make_round_trip),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
