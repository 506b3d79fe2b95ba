/* test_registry_codes.c: unit tests for core/registry.c (statuses, grounds,
 * allowed changes, document kinds) and core/payment.c (methods, banks,
 * wallets, account and wallet numbers). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/payment.h"
#include "core/registry.h"
#include "core/text.h"

static struct date d(int y, int m, int dd)
{
    struct date r = {y, m, dd};
    return r;
}

static void test_statuses(void **state)
{
    (void)state;
    assert_int_equal(registry_status_parse("enrolled", 8), REGISTRY_ENROLLED);
    assert_int_equal(registry_status_parse("suspended", 9), REGISTRY_SUSPENDED);
    assert_int_equal(registry_status_parse("terminated", 10),
                     REGISTRY_TERMINATED);
    assert_int_equal(registry_status_parse("Enrolled", 8), REGISTRY_NONE);
    assert_int_equal(registry_status_parse("enrolle", 7), REGISTRY_NONE);
    assert_int_equal(registry_status_parse(NULL, 0), REGISTRY_NONE);
    assert_string_equal(registry_status_code(REGISTRY_SUSPENDED), "suspended");
    assert_string_equal(registry_status_name(REGISTRY_TERMINATED),
                        "thôi hưởng");
    assert_string_equal(registry_status_code(REGISTRY_NONE), "");
    assert_string_equal(registry_status_name(99), "");
}

static void test_reasons(void **state)
{
    size_t i, susp = 0, term = 0;

    (void)state;
    for (i = 0; i < registry_reason_count(); i++) {
        const struct registry_reason *r = registry_reason_at(i);

        assert_non_null(r);
        assert_ptr_equal(registry_reason_find(r->code, strlen(r->code)), r);
        assert_true(text_valid_utf8(r->name_vi, strlen(r->name_vi)));
        assert_true(strlen(r->basis) > 0);
        susp += r->status == REGISTRY_SUSPENDED;
        term += r->status == REGISTRY_TERMINATED;
    }
    assert_null(registry_reason_at(i));
    /* Circular 02/2021 Art. 2: three suspension grounds; termination for
     * death, missing, ineligible, moved, refused, prison and three months
     * after a suspension. */
    assert_int_equal(susp, 3);
    assert_int_equal(term, 7);
    assert_null(registry_reason_find("dead", 4));
    assert_int_equal(registry_reason_find("death", 5)->status,
                     REGISTRY_TERMINATED);
}

static void test_changes(void **state)
{
    struct date since = d(2024, 3, 1);
    char msg[256];

    (void)state;
    /* Enrolment of a person without a record; no reason allowed. */
    assert_int_equal(registry_check_change(REGISTRY_NONE, d(0, 0, 0), NULL,
                                           REGISTRY_ENROLLED, NULL,
                                           d(2021, 7, 1), msg, sizeof msg),
                     REGISTRY_OK);
    assert_string_equal(msg, "");
    assert_int_equal(registry_check_change(REGISTRY_NONE, d(0, 0, 0), NULL,
                                           REGISTRY_ENROLLED, "death",
                                           d(2021, 7, 1), msg, sizeof msg),
                     REGISTRY_EREASON);
    /* Nothing but enrolment for a person without a record. */
    assert_int_equal(registry_check_change(REGISTRY_NONE, d(0, 0, 0), NULL,
                                           REGISTRY_SUSPENDED, "detention",
                                           d(2021, 7, 1), msg, sizeof msg),
                     REGISTRY_ESTATE);
    assert_int_equal(registry_check_change(REGISTRY_NONE, d(0, 0, 0), NULL,
                                           REGISTRY_TERMINATED, "death",
                                           d(2021, 7, 1), msg, sizeof msg),
                     REGISTRY_ESTATE);
    assert_non_null(strstr(msg, "chưa có hồ sơ"));
    /* Suspend an enrolled record with a suspension ground only. */
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_SUSPENDED, "not_collected",
                                           d(2024, 6, 1), msg, sizeof msg),
                     REGISTRY_OK);
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_SUSPENDED, "death",
                                           d(2024, 6, 1), msg, sizeof msg),
                     REGISTRY_EREASON);
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_SUSPENDED, NULL,
                                           d(2024, 6, 1), msg, sizeof msg),
                     REGISTRY_EREASON);
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_SUSPENDED, "nonsense",
                                           d(2024, 6, 1), msg, sizeof msg),
                     REGISTRY_EREASON);
    assert_int_equal(registry_check_change(REGISTRY_SUSPENDED, since,
                                           "detention", REGISTRY_SUSPENDED,
                                           "not_collected", d(2024, 6, 1), msg,
                                           sizeof msg),
                     REGISTRY_ESTATE);
    assert_int_equal(registry_check_change(REGISTRY_TERMINATED, since, "death",
                                           REGISTRY_SUSPENDED, "detention",
                                           d(2024, 6, 1), msg, sizeof msg),
                     REGISTRY_ESTATE);
    /* Resume, terminate, re-enrol. */
    assert_int_equal(registry_check_change(REGISTRY_SUSPENDED, since,
                                           "detention", REGISTRY_ENROLLED, NULL,
                                           d(2024, 5, 1), msg, sizeof msg),
                     REGISTRY_OK);
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_ENROLLED, NULL,
                                           d(2024, 5, 1), msg, sizeof msg),
                     REGISTRY_ESTATE);
    assert_int_equal(registry_check_change(REGISTRY_SUSPENDED, since,
                                           "detention", REGISTRY_TERMINATED,
                                           "prison", d(2024, 5, 1), msg,
                                           sizeof msg),
                     REGISTRY_OK);
    assert_int_equal(registry_check_change(REGISTRY_TERMINATED, since, "death",
                                           REGISTRY_TERMINATED, "death",
                                           d(2024, 5, 1), msg, sizeof msg),
                     REGISTRY_ESTATE);
    assert_int_equal(registry_check_change(REGISTRY_TERMINATED, since, "moved",
                                           REGISTRY_ENROLLED, NULL,
                                           d(2025, 1, 1), msg, sizeof msg),
                     REGISTRY_OK);
    /* A change dated on or before the current start. */
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_TERMINATED, "death", since,
                                           msg, sizeof msg),
                     REGISTRY_EDATE);
    assert_non_null(strstr(msg, "01/03/2024"));
    assert_int_equal(registry_check_change(REGISTRY_ENROLLED, since, NULL,
                                           REGISTRY_TERMINATED, "death",
                                           d(2024, 2, 29), msg, sizeof msg),
                     REGISTRY_EDATE);
}

static void test_suspension_expired(void **state)
{
    struct date since = d(2024, 11, 30);
    char msg[256];

    (void)state;
    /* Only after a suspension for re-assessment ... */
    assert_int_equal(registry_check_change(
                         REGISTRY_ENROLLED, since, NULL, REGISTRY_TERMINATED,
                         "suspension_expired", d(2025, 6, 1), msg, sizeof msg),
                     REGISTRY_EREASON);
    assert_int_equal(registry_check_change(REGISTRY_SUSPENDED, since,
                                           "not_collected", REGISTRY_TERMINATED,
                                           "suspension_expired", d(2025, 6, 1),
                                           msg, sizeof msg),
                     REGISTRY_EREASON);
    /* ... and three months after it (30/11 + 3 months = 28/02). */
    assert_int_equal(registry_check_change(REGISTRY_SUSPENDED, since,
                                           "reassessment", REGISTRY_TERMINATED,
                                           "suspension_expired", d(2025, 2, 27),
                                           msg, sizeof msg),
                     REGISTRY_EDATE);
    assert_non_null(strstr(msg, "28/02/2025"));
    assert_int_equal(registry_check_change(REGISTRY_SUSPENDED, since,
                                           "reassessment", REGISTRY_TERMINATED,
                                           "suspension_expired", d(2025, 2, 28),
                                           msg, sizeof msg),
                     REGISTRY_OK);
}

static void test_doc_kinds(void **state)
{
    size_t i;

    (void)state;
    assert_true(registry_doc_kind_count() >= 10);
    for (i = 0; i < registry_doc_kind_count(); i++) {
        const struct registry_doc_kind *k = registry_doc_kind_at(i);

        assert_ptr_equal(registry_doc_kind_find(k->code, strlen(k->code)), k);
        assert_true(text_valid_utf8(k->name_vi, strlen(k->name_vi)));
    }
    assert_null(registry_doc_kind_at(i));
    assert_string_equal(registry_doc_kind_at(i - 1)->code, "other");
    assert_string_equal(
        registry_doc_kind_find("disability_certificate", 22)->name_vi,
        "Giấy xác nhận khuyết tật");
    assert_null(registry_doc_kind_find("birth", 5));
}

static void test_methods_banks_wallets(void **state)
{
    size_t i;

    (void)state;
    assert_int_equal(payment_method_parse("cash", 4), PAYMENT_CASH);
    assert_int_equal(payment_method_parse("bank", 4), PAYMENT_BANK);
    assert_int_equal(payment_method_parse("ewallet", 7), PAYMENT_EWALLET);
    assert_int_equal(payment_method_parse("Cash", 4), PAYMENT_NONE);
    assert_string_equal(payment_method_code(PAYMENT_EWALLET), "ewallet");
    assert_string_equal(payment_method_name(PAYMENT_NONE), "");
    for (i = 0; i < payment_bank_count(); i++) {
        const struct payment_bank *b = payment_bank_at(i);

        assert_int_equal(strlen(b->code), 6);
        assert_memory_equal(b->code, "970", 3);
        assert_ptr_equal(payment_bank_find(b->code, 6), b);
    }
    assert_null(payment_bank_at(i));
    assert_string_equal(payment_bank_find("970405", 6)->short_name, "Agribank");
    assert_string_equal(payment_bank_find("970436", 6)->short_name,
                        "Vietcombank");
    assert_null(payment_bank_find("999999", 6));
    for (i = 0; i < payment_wallet_count(); i++) {
        const struct payment_wallet *w = payment_wallet_at(i);

        assert_ptr_equal(payment_wallet_find(w->code, strlen(w->code)), w);
    }
    assert_non_null(payment_wallet_find("viettel_money", 13));
    assert_null(payment_wallet_find("paypal", 6));
}

static void test_numbers(void **state)
{
    char msg[200];

    (void)state;
    assert_int_equal(
        payment_check_account("1234567890123", 13, msg, sizeof msg),
        PAYMENT_OK);
    assert_string_equal(msg, "");
    assert_int_equal(payment_check_account("123456", 6, NULL, 0), PAYMENT_OK);
    assert_int_equal(payment_check_account("12345", 5, msg, sizeof msg),
                     PAYMENT_EFORMAT);
    assert_non_null(strstr(msg, "đã nhập 5 chữ số"));
    assert_int_equal(
        payment_check_account("12345678901234567890", 20, msg, sizeof msg),
        PAYMENT_EFORMAT);
    /* The position counts characters, not bytes. */
    assert_int_equal(
        payment_check_account("12đ4567", strlen("12đ4567"), msg, sizeof msg),
        PAYMENT_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 3"));
    assert_int_equal(payment_check_account("", 0, msg, sizeof msg),
                     PAYMENT_EFORMAT);
    assert_int_equal(
        payment_check_wallet_number("0987654321", 10, msg, sizeof msg),
        PAYMENT_OK);
    assert_int_equal(
        payment_check_wallet_number("1987654321", 10, msg, sizeof msg),
        PAYMENT_EFORMAT);
    assert_int_equal(
        payment_check_wallet_number("098765432", 9, msg, sizeof msg),
        PAYMENT_EFORMAT);
    assert_int_equal(
        payment_check_wallet_number("09876 4321", 10, msg, sizeof msg),
        PAYMENT_EFORMAT);
    assert_non_null(strstr(msg, "ký tự thứ 6"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_statuses),
        cmocka_unit_test(test_reasons),
        cmocka_unit_test(test_changes),
        cmocka_unit_test(test_suspension_expired),
        cmocka_unit_test(test_doc_kinds),
        cmocka_unit_test(test_methods_banks_wallets),
        cmocka_unit_test(test_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
