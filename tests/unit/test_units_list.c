/* test_units_list.c: parsing the unit lists and building versions
 * (core/units_list.h), on small inline lists and on the real files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/units_list.h"

#define H3                                                                     \
    "province_code,province_name,province_type,district_code,district_name,"   \
    "district_type,commune_code,commune_name,commune_type\n"
#define H2 "province_code,province_name,commune_code,commune_name\n"
#define HL                                                                     \
    "new_province_code,new_commune_code,new_commune_name,old_commune_code,"    \
    "old_commune_name,kind\n"

static struct units_source src_of(const char *name, const char *date,
                                  const char *csv)
{
    struct units_source s = {name, date, csv, strlen(csv), UNITS_KIND_AUTO};
    return s;
}

/* Parse a list expecting an error; the message must contain `want`. */
static void list_fails(const char *csv, int rc_want, const char *want)
{
    struct units_source s = src_of("t.csv", "2024-11-01", csv);
    struct units_version *v = (void *)1;
    size_t n = 7;
    char err[256] = "";
    int rc = units_list_parse(&s, &v, &n, err, sizeof(err));
    if (rc != rc_want || strstr(err, want) == NULL)
        fail_msg("rc %d, err \"%s\", want %d \"%s\"", rc, err, rc_want, want);
    assert_null(v);
    assert_int_equal(n, 0);
}

static void test_code_level(void **state)
{
    (void)state;
    assert_int_equal(units_code_level("35", 2), UNITS_PROVINCE);
    assert_int_equal(units_code_level("347", 3), UNITS_DISTRICT);
    assert_int_equal(units_code_level("01329", 5), UNITS_COMMUNE);
    assert_int_equal(units_code_level("1329", 4), 0);
    assert_int_equal(units_code_level("3a", 2), 0);
    assert_int_equal(units_code_level(NULL, 0), 0);
    assert_string_equal(units_level_name(UNITS_DISTRICT), "huyện");
    assert_string_equal(units_level_name(9), "");
}

static void test_parse_three(void **state)
{
    static const char csv[] =
        "\xEF\xBB\xBF" H3 "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
        "phố,13294,Phường Minh Khai,Phường\r\n"
        "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành phố,13285,Phường "
        "Quang Trung,Phường\r\n";
    struct units_source s = src_of("a.csv", "2024-11-01", csv);
    struct units_version *v;
    size_t n;
    char err[256];
    (void)state;
    assert_int_equal(units_list_parse(&s, &v, &n, err, sizeof(err)), UNITS_OK);
    assert_int_equal(n, 4); /* 35, 347, 13285, 13294 */
    assert_string_equal(v[0].code, "35");
    assert_int_equal(v[0].level, UNITS_PROVINCE);
    assert_string_equal(v[0].parent_code, "");
    assert_string_equal(v[0].province_code, "35");
    assert_string_equal(v[1].code, "347");
    assert_string_equal(v[1].type, "Thành phố");
    assert_string_equal(v[1].parent_code, "35");
    assert_string_equal(v[2].code, "13285");
    assert_string_equal(v[3].code, "13294");
    assert_string_equal(v[3].name, "Phường Minh Khai");
    assert_string_equal(v[3].parent_code, "347");
    assert_string_equal(v[3].province_code, "35");
    assert_string_equal(v[3].valid_from, "2024-11-01");
    assert_string_equal(v[3].valid_to, "");
    free(v);
}

static void test_parse_two(void **state)
{
    static const char csv[] = H2 "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n"
                                 "01,Thành phố Hà Nội,00004,Phường Ba Đình\n"
                                 "31,Thành phố Hải Phòng,11948,Đặc khu "
                                 "Bạch Long Vĩ\n";
    struct units_source s = src_of("b.csv", "2025-07-01", csv);
    struct units_version *v;
    size_t n;
    char err[256];
    (void)state;
    assert_int_equal(units_list_parse(&s, &v, &n, err, sizeof(err)), UNITS_OK);
    assert_int_equal(n, 6);
    assert_string_equal(v[0].code, "01");
    assert_string_equal(v[0].type, "Thành phố Trung ương");
    assert_string_equal(v[2].type, "Tỉnh");
    assert_string_equal(v[3].code, "00004");
    assert_string_equal(v[3].type, "Phường");
    assert_string_equal(v[3].parent_code, "01");
    assert_string_equal(v[4].type, "Đặc khu");
    assert_string_equal(v[5].parent_code, "37");
    free(v);
}

static void test_parse_errors(void **state)
{
    (void)state;
    list_fails("", UNITS_EFORMAT, "t.csv: tệp rỗng");
    list_fails("province_code,province_name,commune_code,commune\n",
               UNITS_EFORMAT, "t.csv, dòng 1: tiêu đề không đúng");
    list_fails(H2 "37,Tỉnh Ninh Bình,1328,Phường Phủ Lý\n", UNITS_EFORMAT,
               "t.csv, dòng 2, trường commune_code: mã phải gồm đúng 5 chữ "
               "số");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n"
                  "3x,Tỉnh Ninh Bình,13286,Phường Phủ Lý\n",
               UNITS_EFORMAT, "t.csv, dòng 3, trường province_code");
    list_fails(H2 "37,,13285,Phường Phủ Lý\n", UNITS_EFORMAT,
               "dòng 2, trường province_name: thiếu giá trị");
    list_fails(H2 "37,Ninh Bình,13285,Phường Phủ Lý\n", UNITS_EFORMAT,
               "trường province_name: tên tỉnh phải bắt đầu");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,Thị trấn Phủ Lý\n", UNITS_EFORMAT,
               "trường commune_name: tên xã phải bắt đầu");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285\n", UNITS_EFORMAT,
               "t.csv, dòng 2: có 3 cột, cần 4");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,\"Phường \xff\"\n", UNITS_EFORMAT,
               "trường commune_name: không phải UTF-8 hợp lệ");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,\"Phường\nPhủ Lý\"\n", UNITS_EFORMAT,
               "trường commune_name: có ký tự điều khiển");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,\"Phường Phủ Lý\n", UNITS_EFORMAT,
               "t.csv: Dòng 2, cột 4: dấu ngoặc kép không "
               "đóng");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n"
                  "37,Tỉnh Ninh Bình,13285,Phường Hà Nam\n",
               UNITS_ECONFLICT, "t.csv, dòng 3: mã xã 13285 trùng với dòng 2");
    list_fails(H2 "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n"
                  "37,Tỉnh Hà Nam,13366,Phường Hà Nam\n",
               UNITS_ECONFLICT,
               "t.csv, dòng 3: mã tỉnh 37 có tên, loại hoặc đơn vị cấp trên "
               "khác với dòng 2");
    list_fails(H3 "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
                  "phố,13294,Phường Minh Khai,Làng\n",
               UNITS_EFORMAT, "trường commune_type: loại không hợp lệ");
    list_fails(H3 "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
                  "phố,13294,Phường Minh Khai,Phường\n"
                  "36,Tỉnh Nam Định,Tỉnh,347,Thành phố Phủ Lý,Thành "
                  "phố,13295,Phường Minh Khai,Phường\n",
               UNITS_ECONFLICT, "dòng 3: mã huyện 347");
    list_fails(H2, UNITS_EFORMAT, "không có dòng dữ liệu nào");
    list_fails(HL "37,13285,Phường Phủ Lý,13294,Phường Châu Cầu,full\n",
               UNITS_EINVAL, "không phải danh sách");
}

static void test_parse_links(void **state)
{
    static const char csv[] =
        HL "37,13366,Phường Hà Nam,13285,Phường Quang Trung,partial\n"
           "37,13285,Phường Phủ Lý,13294,Phường Châu Cầu,full\n"
           "37,13285,Phường Phủ Lý,13285,Phường Quang Trung,partial\n"
           "31,11948,Đặc khu Bạch Long Vĩ,318,Huyện Bạch Long Vĩ,full\n";
    struct units_source s = src_of("p.csv", "2025-07-01", csv);
    struct units_link *l;
    size_t n;
    char err[256];
    (void)state;
    assert_int_equal(units_links_parse(&s, &l, &n, err, sizeof(err)), UNITS_OK);
    assert_int_equal(n, 4);
    assert_string_equal(l[0].new_code, "11948");
    assert_string_equal(l[0].old_code, "318");
    assert_string_equal(l[1].new_code, "13285");
    assert_string_equal(l[1].old_code, "13285");
    assert_int_equal(l[1].partial, 1);
    assert_string_equal(l[2].old_code, "13294");
    assert_int_equal(l[2].partial, 0);
    assert_string_equal(l[2].effective, "2025-07-01");
    assert_string_equal(l[3].new_code, "13366");
    free(l);

    s = src_of("p.csv", "2025-07-01",
               HL "37,13285,Phường Phủ Lý,13294,Phường Châu Cầu,half\n");
    l = NULL;
    assert_int_equal(units_links_parse(&s, &l, &n, err, sizeof(err)),
                     UNITS_EFORMAT);
    assert_string_equal(err, "p.csv, dòng 2, trường kind: phải là full hoặc "
                             "partial");
    s = src_of("p.csv", "2025-07-01",
               HL "37,13285,Phường Phủ Lý,13294,Phường Châu Cầu,full\n"
                  "37,13285,Phường Phủ Lý,13294,Phường Châu Cầu,full\n");
    assert_int_equal(units_links_parse(&s, &l, &n, err, sizeof(err)),
                     UNITS_ECONFLICT);
    s = src_of("p.csv", "2025-07-01",
               HL "37,13285,Phường Phủ Lý,1329,Phường Châu Cầu,full\n");
    assert_int_equal(units_links_parse(&s, &l, &n, err, sizeof(err)),
                     UNITS_EFORMAT);
    assert_string_equal(err, "p.csv, dòng 2, trường old_commune_code: mã "
                             "phải gồm 3 hoặc 5 chữ số");
    s = src_of("p.csv", "2025-02-30", HL);
    assert_int_equal(units_links_parse(&s, &l, &n, err, sizeof(err)),
                     UNITS_EINVAL);
    assert_null(l);
}

/* Find the version of (level, code) valid on date in ds, or NULL. */
static const struct units_version *
version_on(const struct units_dataset *ds, const char *code, const char *date)
{
    size_t i;
    for (i = 0; i < ds->nversions; i++) {
        const struct units_version *v = &ds->versions[i];
        if (strcmp(v->code, code) == 0 && strcmp(v->valid_from, date) <= 0 &&
            (v->valid_to[0] == '\0' || strcmp(date, v->valid_to) < 0))
            return v;
    }
    return NULL;
}

static size_t count_on(const struct units_dataset *ds, int level,
                       const char *province, const char *date)
{
    size_t i, n = 0;
    for (i = 0; i < ds->nversions; i++) {
        const struct units_version *v = &ds->versions[i];
        if (v->level == level && strcmp(v->valid_from, date) <= 0 &&
            (v->valid_to[0] == '\0' || strcmp(date, v->valid_to) < 0) &&
            (province == NULL || strcmp(v->province_code, province) == 0))
            n++;
    }
    return n;
}

static void test_versions(void **state)
{
    static const char l1[] =
        H3 "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
           "phố,13294,Phường Minh Khai,Phường\n"
           "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
           "phố,13285,Phường Quang Trung,Phường\n"
           "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
           "phố,13288,Phường Lương Khánh Thiện,Phường\n";
    static const char l2[] =
        H3 "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
           "phố,13294,Phường Châu Cầu,Phường\n"
           "35,Tỉnh Hà Nam,Tỉnh,347,Thành phố Phủ Lý,Thành "
           "phố,13285,Phường Quang Trung,Phường\n";
    static const char l3[] = H2 "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n"
                                "37,Tỉnh Ninh Bình,13366,Phường Hà Nam\n";
    static const char lk[] =
        HL "37,13285,Phường Phủ Lý,13294,Phường Châu Cầu,full\n"
           "37,13285,Phường Phủ Lý,13285,Phường Quang Trung,partial\n"
           "37,13366,Phường Hà Nam,13285,Phường Quang Trung,partial\n";
    /* given out of order on purpose */
    struct units_source s[4];
    struct units_dataset *ds = NULL;
    const struct units_version *v;
    char err[256];
    (void)state;
    s[0] = src_of("l3.csv", "2025-07-01", l3);
    s[1] = src_of("lk.csv", "2025-07-01", lk);
    s[2] = src_of("l1.csv", "2024-11-01", l1);
    s[3] = src_of("l2.csv", "2025-01-01", l2);
    if (units_dataset_build(s, 4, &ds, err, sizeof(err)) != UNITS_OK)
        fail_msg("%s", err);
    assert_string_equal(ds->earliest, "2024-11-01");
    assert_int_equal(ds->nlinks, 3);
    /* 35: one version ending 2025-07-01; 37 from 2025-07-01 */
    v = version_on(ds, "35", "2025-06-30");
    assert_non_null(v);
    assert_string_equal(v->valid_from, "2024-11-01");
    assert_string_equal(v->valid_to, "2025-07-01");
    assert_null(version_on(ds, "35", "2025-07-01"));
    /* 13294 changed name on 2025-01-01, ended on 2025-07-01 */
    v = version_on(ds, "13294", "2024-12-01");
    assert_string_equal(v->name, "Phường Minh Khai");
    assert_string_equal(v->valid_to, "2025-01-01");
    v = version_on(ds, "13294", "2025-03-01");
    assert_string_equal(v->name, "Phường Châu Cầu");
    assert_string_equal(v->valid_from, "2025-01-01");
    assert_string_equal(v->valid_to, "2025-07-01");
    assert_null(version_on(ds, "13294", "2025-07-01"));
    /* 13285 continued unchanged over 2025-01-01, then a new parent */
    v = version_on(ds, "13285", "2025-03-01");
    assert_string_equal(v->valid_from, "2024-11-01");
    assert_string_equal(v->valid_to, "2025-07-01");
    v = version_on(ds, "13285", "2025-08-01");
    assert_string_equal(v->name, "Phường Phủ Lý");
    assert_string_equal(v->parent_code, "37");
    assert_string_equal(v->valid_to, "");
    /* 13288 is absent from the second list */
    v = version_on(ds, "13288", "2024-11-01");
    assert_string_equal(v->valid_to, "2025-01-01");
    /* 35 + 347 + 3 (13285 x2, 13288, 13294 x2) + 37 + 13366 = 9 versions */
    assert_int_equal(ds->nversions, 9);
    /* sorted by (level, code, valid_from) */
    assert_string_equal(ds->versions[0].code, "35");
    assert_string_equal(ds->versions[8].code, "13366");
    units_dataset_free(ds);
    units_dataset_free(NULL);
}

static void test_build_errors(void **state)
{
    static const char l3[] = H2 "37,Tỉnh Ninh Bình,13285,Phường Phủ Lý\n";
    struct units_source s[2];
    struct units_dataset *ds = (void *)1;
    char err[256];
    (void)state;
    /* a link to a new code that is not in the list of that date */
    s[0] = src_of("l3.csv", "2025-07-01", l3);
    s[1] = src_of("lk.csv", "2025-07-01",
                  HL "37,13366,Phường Hà Nam,13285,Phường Quang Trung,full\n");
    assert_int_equal(units_dataset_build(s, 2, &ds, err, sizeof(err)),
                     UNITS_ECONFLICT);
    assert_null(ds);
    assert_string_equal(err, "lk.csv: mã xã mới 13366 không có trong danh "
                             "sách l3.csv");
    /* two lists with the same date */
    s[1] = src_of("l4.csv", "2025-07-01", l3);
    assert_int_equal(units_dataset_build(s, 2, &ds, err, sizeof(err)),
                     UNITS_EINVAL);
    /* only links */
    s[0] = src_of("lk.csv", "2025-07-01",
                  HL "37,13366,Phường Hà Nam,13285,Phường Quang Trung,full\n");
    assert_int_equal(units_dataset_build(s, 1, &ds, err, sizeof(err)),
                     UNITS_EINVAL);
    assert_int_equal(units_dataset_build(s, 0, &ds, err, sizeof(err)),
                     UNITS_EINVAL);
}

/* --- The real lists ---------------------------------------------------- */

static char *read_file(const char *dir, const char *name, size_t *len)
{
    char path[1024];
    FILE *f;
    char *data;
    long n;

    snprintf(path, sizeof(path), "%s/data/units/%s", dir, name);
    f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    data = malloc((size_t)n);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return data;
}

static void test_real_files(void **state)
{
    static const char *const names[] = {
        "vn-units-2024-11-01.csv", "vn-units-2025-01-01.csv",
        "vn-units-2025-07-01.csv", "vn-units-2025-07-01-predecessors.csv"};
    static const char *const dates[] = {"2024-11-01", "2025-01-01",
                                        "2025-07-01", "2025-07-01"};
    const char *dir = getenv("ANSINH_SOURCE_DIR");
    struct units_source s[4];
    char *data[4];
    struct units_dataset *ds;
    const struct units_version *v;
    char err[256];
    size_t i, full = 0, partial = 0;
    int rc;
    (void)state;
    if (dir == NULL || dir[0] == '\0')
        skip();
    for (i = 0; i < 4; i++) {
        size_t len;
        data[i] = read_file(dir, names[i], &len);
        s[i].name = names[i];
        s[i].date = dates[i];
        s[i].data = data[i];
        s[i].len = len;
        s[i].kind = UNITS_KIND_AUTO;
    }
    rc = units_dataset_build(s, 4, &ds, err, sizeof(err));
    for (i = 0; i < 4; i++)
        free(data[i]); /* the dataset holds copies */
    if (rc != UNITS_OK)
        fail_msg("%s", err);
    assert_string_equal(ds->earliest, "2024-11-01");
    assert_int_equal(count_on(ds, UNITS_PROVINCE, NULL, "2024-11-01"), 63);
    assert_int_equal(count_on(ds, UNITS_COMMUNE, NULL, "2024-11-01"), 10472);
    assert_int_equal(count_on(ds, UNITS_DISTRICT, NULL, "2024-11-01"), 699);
    assert_int_equal(count_on(ds, UNITS_PROVINCE, NULL, "2025-01-01"), 63);
    assert_int_equal(count_on(ds, UNITS_COMMUNE, NULL, "2025-01-01"), 10057);
    assert_int_equal(count_on(ds, UNITS_PROVINCE, NULL, "2025-07-01"), 34);
    assert_int_equal(count_on(ds, UNITS_DISTRICT, NULL, "2025-07-01"), 0);
    assert_int_equal(count_on(ds, UNITS_COMMUNE, NULL, "2025-07-01"), 3321);
    assert_int_equal(ds->nlinks, 10604);
    for (i = 0; i < ds->nlinks; i++) {
        if (ds->links[i].partial)
            partial++;
        else
            full++;
    }
    assert_int_equal(full, 9592);
    assert_int_equal(partial, 1012);
    /* Hà Nam */
    assert_int_equal(count_on(ds, UNITS_DISTRICT, "35", "2025-01-01"), 6);
    assert_int_equal(count_on(ds, UNITS_COMMUNE, "35", "2025-01-01"), 98);
    assert_int_equal(count_on(ds, UNITS_COMMUNE, "35", "2024-11-01"), 109);
    assert_int_equal(count_on(ds, UNITS_COMMUNE, "35", "2025-07-01"), 0);
    v = version_on(ds, "13294", "2024-12-01");
    assert_non_null(v);
    assert_string_equal(v->name, "Phường Minh Khai");
    assert_string_equal(v->parent_code, "347");
    v = version_on(ds, "13294", "2025-03-01");
    assert_string_equal(v->name, "Phường Châu Cầu");
    /* Kim Bảng became a thị xã on 2025-01-01 */
    v = version_on(ds, "350", "2025-01-01");
    assert_string_equal(v->type, "Thị xã");
    assert_string_equal(v->valid_from, "2025-01-01");
    /* Hà Nội keeps one version across the 2025-07-01 format change */
    v = version_on(ds, "01", "2025-08-01");
    assert_string_equal(v->valid_from, "2024-11-01");
    /* names are trimmed: the source has "Xã Ngư Thủy " */
    v = version_on(ds, "19306", "2024-11-01");
    assert_string_equal(v->name, "Xã Ngư Thủy");
    units_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_code_level),
        cmocka_unit_test(test_parse_three),
        cmocka_unit_test(test_parse_two),
        cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_links),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_build_errors),
        cmocka_unit_test(test_real_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
