/* payment.h: how a beneficiary is paid (RULES.md §7.1): cash at a payment
 * point, a bank account, or an e-wallet, and the checks on bank codes,
 * account numbers and wallet numbers.
 *
 * Field model after Thanh Hóa's payment-record standard (QĐ 2176/QĐ-UBND):
 * MaHinhThucChiTra is the method code below, MaNganHang the bank code
 * (NAPAS BIN, the 6-digit code of VietQR transfers), SoTaiKhoanNguoiNhan
 * the account or wallet number.
 */
#ifndef ANSINH_CORE_PAYMENT_H
#define ANSINH_CORE_PAYMENT_H

#include <stddef.h>

enum payment_method {
    PAYMENT_NONE = 0,
    PAYMENT_CASH = 1,   /* "cash": at a payment point */
    PAYMENT_BANK = 2,   /* "bank": to a bank account */
    PAYMENT_EWALLET = 3 /* "ewallet": to an e-wallet */
};

enum payment_rc {
    PAYMENT_OK = 0,
    PAYMENT_EFORMAT = -1 /* not the expected shape; msg says why */
};

struct payment_bank {
    const char *code;       /* NAPAS BIN, "970405" */
    const char *short_name; /* "Agribank" */
    const char *name_vi; /* "Ngân hàng Nông nghiệp và Phát triển ..." */
};

struct payment_wallet {
    const char *code;    /* "viettel_money" */
    const char *name_vi; /* "Viettel Money" */
};

/* "cash", "bank", "ewallet" ("" for anything else). Static. */
const char *payment_method_code(int method);
/* "Tiền mặt tại điểm chi trả", ... ("" for anything else). Static. */
const char *payment_method_name(int method);
/* The method whose code is exactly (s, len), or PAYMENT_NONE. */
int payment_method_parse(const char *s, size_t len);

/* The bank whose code is exactly (code, len), or NULL. Static. */
const struct payment_bank *payment_bank_find(const char *code, size_t len);
size_t payment_bank_count(void);
const struct payment_bank *payment_bank_at(size_t i);

/* The e-wallet provider whose code is exactly (code, len), or NULL. */
const struct payment_wallet *payment_wallet_find(const char *code, size_t len);
size_t payment_wallet_count(void);
const struct payment_wallet *payment_wallet_at(size_t i);

/* Check a bank account number: 6 to 19 ASCII digits (the VietQR range).
 * Returns PAYMENT_OK (msg "") or PAYMENT_EFORMAT with a Vietnamese
 * explanation in msg (may be NULL; cut to msglen). */
int payment_check_account(const char *s, size_t len, char *msg, size_t msglen);

/* Check an e-wallet number: the owner's mobile number, 10 ASCII digits
 * starting with 0. Same results as payment_check_account. */
int payment_check_wallet_number(const char *s, size_t len, char *msg,
                                size_t msglen);

#endif
