/* test_report_forms.c: unit tests for core/report_forms.c: the layouts of
 * Forms 10a-10d (rules/reports/forms.csv) and the deadlines of RULES.md
 * §7.2. The real file loads and says its layouts are unverified; every
 * kind of mistake in a file is refused with the line and the column named;
 * rows match memberships and grounds as their categories say. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/category.h"
#include "core/report_forms.h"
#include "core/text.h"

#define DATA_FILE "rules/reports/forms.csv"

#define HEADER                                                                 \
    "kind,form,key,label,title,categories,disability,grounds,managed,"         \
    "confidence,basis,rules_ref,note\n"
#define FORM_LINE "form,10a,,Mẫu số 10a,TIÊU ĐỀ,,,,,unverified,NĐ 20,§7.2,\n"
#define COL_LINE  "column,10a,start,Đầu kỳ,,,,,,unverified,TT 02,,\n"
#define ROW_LINE  "row,10a,k1,Trẻ em,,K1a|K1b,,,1,confirmed,NĐ 20 Điều 5,,\n"

static char *read_source(const char *rel, size_t *len)
{
    const char *dir = getenv("ANSINH_SOURCE_DIR");
    char path[1024];
    FILE *f;
    char *data;
    long n;

    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : ".", rel);
    f = fopen(path, "rb");
    if (f == NULL)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return data;
}

static const struct report_form_row *row_of(const struct report_form *f,
                                            const char *key)
{
    size_t i;

    for (i = 0; i < f->nrows; i++)
        if (strcmp(f->rows[i].key, key) == 0)
            return &f->rows[i];
    fail_msg("no row %s in %s", key, f->code);
    return NULL;
}

static void test_real_data_s6_4_s7_2(void **state)
{
    struct report_forms *s = NULL;
    struct report_forms_err err;
    const char *codes[] = {"10a", "10b", "10c", "10d"};
    size_t len, i, k;
    char *data = read_source(DATA_FILE, &len);

    (void)state;
    if (report_forms_parse(DATA_FILE, data, len, &s, &err) != REPORT_FORMS_OK)
        fail_msg("%s", err.message);
    assert_int_equal(report_forms_count(s), 4);
    for (i = 0; i < 4; i++) {
        const struct report_form *f = report_forms_find(s, codes[i]);

        assert_non_null(f);
        assert_ptr_equal(report_forms_at(s, i), f);
        /* No official layout in RULES.md: every form says so. */
        assert_int_equal(f->src.confidence, REPORT_UNVERIFIED);
        assert_true(strstr(f->label, "Mẫu số 10") == f->label);
        assert_true(text_valid_utf8(f->title, strlen(f->title)));
        for (k = 0; k < f->nrows; k++) {
            assert_true(strlen(f->rows[k].src.basis) > 0);
            /* Unmanaged rows say so rather than showing 0. */
            if (!f->rows[k].managed)
                assert_non_null(
                    strstr(f->rows[k].src.note, "Chưa quản lý trên ansinh"));
        }
    }
    assert_null(report_forms_find(s, "10e"));
    /* 10a: start new ended end suspended paid, in that order. */
    {
        const struct report_form *f = report_forms_find(s, "10a");
        const struct report_form_row *r;

        assert_int_equal(f->ncols, 6);
        for (k = 0; k < 6; k++)
            assert_int_equal(f->cols[k].measure, (int)k);
        r = row_of(f, "k1");
        assert_true(report_row_matches(r, "K1a", ""));
        assert_true(report_row_matches(r, "K1dd", ""));
        assert_false(report_row_matches(r, "K2", ""));
        r = row_of(f, "total");
        for (k = 0; k < category_count(); k++)
            assert_true(report_row_matches(r, category_at(k)->code, ""));
        assert_false(report_row_matches(r, "K9", ""));
        assert_false(report_row_matches(r, "", ""));
        assert_true(report_row_has_measure(r, REPORT_M_PAID));
        r = row_of(f, "ended_death");
        assert_true(report_row_has_ground(r, "death"));
        assert_true(report_row_has_ground(r, "missing"));
        assert_false(report_row_has_ground(r, "moved"));
        assert_false(report_row_has_ground(r, "not_collected"));
        assert_true(report_row_has_measure(r, REPORT_M_ENDED));
        assert_false(report_row_has_measure(r, REPORT_M_START));
        assert_false(report_row_has_measure(r, REPORT_M_PAID));
        r = row_of(f, "facility");
        assert_false(r->managed);
        assert_false(report_row_has_measure(r, REPORT_M_END));
        assert_false(report_row_matches(r, "K1a", ""));
    }
    /* 10b: ansinh manages no emergency assistance. */
    {
        const struct report_form *f = report_forms_find(s, "10b");

        for (k = 0; k < f->nrows; k++)
            assert_false(f->rows[k].managed);
    }
    /* 10d: K6 by disability level. */
    {
        const struct report_form *f = report_forms_find(s, "10d");
        const struct report_form_row *r = row_of(f, "especially_severe");

        assert_true(report_row_matches(r, "K6", "especially_severe"));
        assert_false(report_row_matches(r, "K6", "severe"));
        assert_false(report_row_matches(r, "K6", ""));
        assert_true(report_row_matches(row_of(f, "total"), "K6", "severe"));
        assert_false(report_row_matches(row_of(f, "total"), "K5a", ""));
    }
    report_forms_free(s);
    free(data);
}

static void test_minimal_valid(void **state)
{
    const char csv[] = HEADER FORM_LINE COL_LINE ROW_LINE;
    struct report_forms *s = NULL;
    struct report_forms_err err;
    const struct report_form *f;

    (void)state;
    assert_int_equal(report_forms_parse("t.csv", csv, strlen(csv), &s, &err),
                     REPORT_FORMS_OK);
    f = report_forms_find(s, "10a");
    assert_string_equal(f->title, "TIÊU ĐỀ");
    assert_int_equal(f->ncols, 1);
    assert_string_equal(f->cols[0].label, "Đầu kỳ");
    assert_int_equal(f->rows[0].src.line, 4);
    assert_string_equal(f->rows[0].src.basis, "NĐ 20 Điều 5");
    assert_int_equal(f->rows[0].src.confidence, REPORT_CONFIRMED);
    report_forms_free(s);
    report_forms_free(NULL);
}

/* csv is refused on line `line`, column `field` ("" none), with a message
 * naming both. */
static void refused(const char *csv, size_t line, const char *field)
{
    struct report_forms *s = (struct report_forms *)&s;
    struct report_forms_err err;
    char want[64];

    assert_int_equal(report_forms_parse("t.csv", csv, strlen(csv), &s, &err),
                     REPORT_FORMS_EFORMAT);
    assert_null(s);
    if (err.line != line || strcmp(err.field, field) != 0)
        fail_msg("line %zu field '%s' (want %zu '%s'): %s", err.line, err.field,
                 line, field, err.message);
    snprintf(want, sizeof want, "t.csv, dòng %zu", line);
    if (line > 0 && strstr(err.message, want) == NULL)
        fail_msg("message without the line: %s", err.message);
    if (field[0] != '\0') {
        snprintf(want, sizeof want, "cột %s", field);
        if (strstr(err.message, want) == NULL)
            fail_msg("message without the column: %s", err.message);
    }
    assert_true(text_valid_utf8(err.message, strlen(err.message)));
    assert_null(strchr(err.message, '\n'));
}

static void test_errors_name_line_and_field(void **state)
{
    (void)state;
    /* An unknown category. */
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a|K9,,,1,confirmed,NĐ 20,,\n",
            4, "categories");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a||K1b,,,1,confirmed,NĐ 20,,\n",
            4, "categories");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,k1a,,,1,confirmed,NĐ 20,,\n",
            4, "categories");
    /* A duplicate key: row and column. */
    refused(HEADER FORM_LINE COL_LINE ROW_LINE
            "row,10a,k1,Lần nữa,,K2,,,1,confirmed,NĐ 20,,\n",
            5, "key");
    refused(HEADER FORM_LINE COL_LINE COL_LINE ROW_LINE, 4, "key");
    refused(HEADER FORM_LINE FORM_LINE, 3, "form");
    /* A missing basis, on each kind of line. */
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a,,,1,confirmed,,,\n",
            4, "basis");
    refused(HEADER "form,10a,,Mẫu,T,,,,,unverified,,,\n", 2, "basis");
    refused(HEADER FORM_LINE "column,10a,end,Cuối kỳ,,,,,,unverified,,,\n", 3,
            "basis");
    /* Unknown values. */
    refused(HEADER FORM_LINE "column,10a,middle,Giữa kỳ,,,,,,unverified,X,,\n",
            3, "key");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a,,died,1,confirmed,NĐ 20,,\n",
            4, "grounds");
    /* A suspension ground is not a termination ground. */
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a,,not_collected,1,confirmed,NĐ 20,,\n",
            4, "grounds");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K6,mild,,1,confirmed,NĐ 20,,\n",
            4, "disability");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a,,,1,sure,NĐ 20,,\n",
            4, "confidence");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a,,,yes,confirmed,NĐ 20,,\n",
            4, "managed");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,K1,Trẻ em,,K1a,,,1,confirmed,NĐ 20,,\n",
            4, "key");
    refused(HEADER FORM_LINE COL_LINE "line,10a,k1,X,,,,,,confirmed,NĐ,,\n", 4,
            "kind");
    /* Values in the wrong place, or missing. */
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,Tiêu đề,K1a,,,1,confirmed,NĐ 20,,\n",
            4, "title");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,K1a,,,0,confirmed,NĐ 20,,\n",
            4, "categories");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Trẻ em,,,,,1,confirmed,NĐ,,\n",
            4, "categories");
    refused(HEADER FORM_LINE COL_LINE "row,10a,k1,,,K1a,,,1,confirmed,NĐ,,\n",
            4, "label");
    refused(HEADER "form,10a,,Mẫu,,,,,,unverified,NĐ,,\n", 2, "title");
    /* A row before its form. */
    refused(HEADER ROW_LINE, 2, "form");
    /* A form without rows or columns. */
    refused(HEADER FORM_LINE COL_LINE, 2, "");
    refused(HEADER FORM_LINE ROW_LINE, 2, "");
    /* The header. */
    refused("kind,form,key,label,confidence\n", 1, "basis");
    refused("kind,form,key,label,confidence,basis,colour\n", 1, "");
    refused("", 0, "");
    /* Not UTF-8, and an unclosed quote. */
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,Tr\xff em,,K1a,,,1,confirmed,NĐ 20,,\n",
            4, "");
    refused(HEADER FORM_LINE COL_LINE
            "row,10a,k1,\"Trẻ em,,K1a,,,1,confirmed,NĐ 20,,\n",
            4, "");
}

static void test_deadlines_s7_2(void **state)
{
    struct report_deadline d;

    (void)state;
    /* Commune: 15 June and 15 December. */
    assert_int_equal(report_forms_deadline(3, 2025, 1, &d), REPORT_FORMS_OK);
    assert_true(d.has);
    assert_int_equal(date_cmp(d.due, (struct date){2025, 6, 15}), 0);
    assert_non_null(strstr(d.to, "cấp huyện"));
    assert_int_equal(report_forms_deadline(3, 2025, 2, &d), REPORT_FORMS_OK);
    assert_int_equal(date_cmp(d.due, (struct date){2025, 12, 15}), 0);
    /* After the reform no district: to whom is unverified. */
    assert_int_equal(d.confidence, REPORT_UNVERIFIED);
    /* District: 30 June and 31 December, only before 07/2025. */
    assert_int_equal(report_forms_deadline(2, 2024, 2, &d), REPORT_FORMS_OK);
    assert_int_equal(date_cmp(d.due, (struct date){2024, 12, 31}), 0);
    assert_int_equal(report_forms_deadline(2, 2025, 1, &d), REPORT_FORMS_OK);
    assert_int_equal(date_cmp(d.due, (struct date){2025, 6, 30}), 0);
    assert_int_equal(report_forms_deadline(2, 2025, 2, &d),
                     REPORT_FORMS_EINVAL);
    /* Province: 15 July, and 15 January of the next year; the ministry
     * changed on 01/03/2025. */
    assert_int_equal(report_forms_deadline(1, 2024, 2, &d), REPORT_FORMS_OK);
    assert_int_equal(date_cmp(d.due, (struct date){2025, 1, 15}), 0);
    assert_string_equal(d.to, "Bộ Lao động - Thương binh và Xã hội");
    assert_int_equal(report_forms_deadline(1, 2025, 1, &d), REPORT_FORMS_OK);
    assert_int_equal(date_cmp(d.due, (struct date){2025, 7, 15}), 0);
    assert_non_null(strstr(d.to, "Bộ Y tế"));
    assert_int_equal(report_forms_deadline(1, 2025, 2, &d), REPORT_FORMS_OK);
    assert_int_equal(date_cmp(d.due, (struct date){2026, 1, 15}), 0);
    /* National: none. */
    assert_int_equal(report_forms_deadline(0, 2025, 2, &d), REPORT_FORMS_OK);
    assert_false(d.has);
    assert_int_equal(report_forms_deadline(3, 2025, 3, &d),
                     REPORT_FORMS_EINVAL);
    assert_int_equal(report_forms_deadline(4, 2025, 1, &d),
                     REPORT_FORMS_EINVAL);
}

static void test_vocabulary(void **state)
{
    int m;

    (void)state;
    for (m = 0; m < REPORT_M_COUNT; m++)
        assert_int_equal(report_measure_parse(report_measure_key(m)), m);
    assert_int_equal(report_measure_parse("total"), -1);
    assert_string_equal(report_measure_key(REPORT_M_COUNT), "");
    assert_string_equal(report_confidence_name(REPORT_UNVERIFIED),
                        "unverified");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_data_s6_4_s7_2),
        cmocka_unit_test(test_minimal_valid),
        cmocka_unit_test(test_errors_name_line_and_field),
        cmocka_unit_test(test_deadlines_s7_2),
        cmocka_unit_test(test_vocabulary),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
