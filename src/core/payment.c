/* payment.c: payment methods, banks and e-wallets (see payment.h).
 *
 * Banks: the commercial and policy banks with a branch network used for
 * social payments, by their NAPAS BIN (VietQR). E-wallets: the providers
 * named in the cashless social-payment drive (Directive 21/CT-TTg, RULES.md
 * §7.1) and the two largest consumer wallets.
 */
#include "core/payment.h"

#include <stdio.h>
#include <string.h>

#define NHTM "Ngân hàng TMCP "

static const struct payment_bank banks[] = {
    {"970405", "Agribank",
     "Ngân hàng Nông nghiệp và Phát triển Nông thôn Việt Nam"},
    {"970418", "BIDV", NHTM "Đầu tư và Phát triển Việt Nam"},
    {"970415", "VietinBank", NHTM "Công thương Việt Nam"},
    {"970436", "Vietcombank", NHTM "Ngoại thương Việt Nam"},
    {"970449", "LPBank", NHTM "Lộc Phát Việt Nam"},
    {"970422", "MB", NHTM "Quân đội"},
    {"970407", "Techcombank", NHTM "Kỹ thương Việt Nam"},
    {"970416", "ACB", NHTM "Á Châu"},
    {"970432", "VPBank", NHTM "Việt Nam Thịnh Vượng"},
    {"970403", "Sacombank", NHTM "Sài Gòn Thương Tín"},
    {"970443", "SHB", NHTM "Sài Gòn - Hà Nội"},
    {"970423", "TPBank", NHTM "Tiên Phong"},
    {"970437", "HDBank", NHTM "Phát triển Thành phố Hồ Chí Minh"},
    {"970441", "VIB", NHTM "Quốc tế Việt Nam"},
    {"970440", "SeABank", NHTM "Đông Nam Á"},
    {"970431", "Eximbank", NHTM "Xuất Nhập khẩu Việt Nam"},
    {"970426", "MSB", NHTM "Hàng Hải Việt Nam"},
    {"970448", "OCB", NHTM "Phương Đông"},
    {"970409", "BacABank", NHTM "Bắc Á"},
    {"970446", "Co-opBank", "Ngân hàng Hợp tác xã Việt Nam"},
};
#define NBANKS (sizeof banks / sizeof banks[0])

static const struct payment_wallet wallets[] = {
    {"viettel_money", "Viettel Money"},
    {"vnpt_money", "VNPT Money"},
    {"postpay", "Ví PostPay (Bưu điện Việt Nam)"},
    {"momo", "Ví MoMo"},
    {"zalopay", "ZaloPay"},
};
#define NWALLETS (sizeof wallets / sizeof wallets[0])

static const char *const method_codes[] = {"", "cash", "bank", "ewallet"};
static const char *const method_names[] = {
    "", "Tiền mặt tại điểm chi trả", "Chuyển khoản vào tài khoản ngân hàng",
    "Chuyển vào ví điện tử"};

const char *payment_method_code(int method)
{
    if (method < PAYMENT_CASH || method > PAYMENT_EWALLET)
        return "";
    return method_codes[method];
}

const char *payment_method_name(int method)
{
    if (method < PAYMENT_CASH || method > PAYMENT_EWALLET)
        return "";
    return method_names[method];
}

int payment_method_parse(const char *s, size_t len)
{
    int i;

    if (s == NULL)
        return PAYMENT_NONE;
    for (i = PAYMENT_CASH; i <= PAYMENT_EWALLET; i++)
        if (strlen(method_codes[i]) == len &&
            memcmp(method_codes[i], s, len) == 0)
            return i;
    return PAYMENT_NONE;
}

const struct payment_bank *payment_bank_find(const char *code, size_t len)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < NBANKS; i++)
        if (strlen(banks[i].code) == len &&
            memcmp(banks[i].code, code, len) == 0)
            return &banks[i];
    return NULL;
}

size_t payment_bank_count(void)
{
    return NBANKS;
}

const struct payment_bank *payment_bank_at(size_t i)
{
    return i < NBANKS ? &banks[i] : NULL;
}

const struct payment_wallet *payment_wallet_find(const char *code, size_t len)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < NWALLETS; i++)
        if (strlen(wallets[i].code) == len &&
            memcmp(wallets[i].code, code, len) == 0)
            return &wallets[i];
    return NULL;
}

size_t payment_wallet_count(void)
{
    return NWALLETS;
}

const struct payment_wallet *payment_wallet_at(size_t i)
{
    return i < NWALLETS ? &wallets[i] : NULL;
}

/* Index (1-based, in characters) of the first byte of (s, len) that is
 * not an ASCII digit, or 0. Bytes of a multi-byte character count once. */
static size_t first_non_digit(const char *s, size_t len)
{
    size_t i, pos = 0;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if ((c & 0xC0) != 0x80)
            pos++;
        if (c < '0' || c > '9')
            return pos;
    }
    return 0;
}

static int fail(char *msg, size_t msglen, const char *text)
{
    if (msg != NULL && msglen > 0)
        snprintf(msg, msglen, "%s", text);
    return PAYMENT_EFORMAT;
}

int payment_check_account(const char *s, size_t len, char *msg, size_t msglen)
{
    size_t bad = s ? first_non_digit(s, len) : 0;
    char buf[160];

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (s == NULL || len == 0)
        return fail(msg, msglen, "Chưa nhập số tài khoản.");
    if (bad > 0) {
        snprintf(buf, sizeof buf,
                 "Số tài khoản chỉ gồm chữ số; ký tự thứ %zu không phải chữ "
                 "số.",
                 bad);
        return fail(msg, msglen, buf);
    }
    if (len < 6 || len > 19) {
        snprintf(buf, sizeof buf,
                 "Số tài khoản ngân hàng gồm từ 6 đến 19 chữ số; đã nhập %zu "
                 "chữ số.",
                 len);
        return fail(msg, msglen, buf);
    }
    return PAYMENT_OK;
}

int payment_check_wallet_number(const char *s, size_t len, char *msg,
                                size_t msglen)
{
    size_t bad = s ? first_non_digit(s, len) : 0;
    char buf[200];

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (s == NULL || len == 0)
        return fail(msg, msglen, "Chưa nhập số ví điện tử.");
    if (bad > 0) {
        snprintf(buf, sizeof buf,
                 "Số ví điện tử là số điện thoại, chỉ gồm chữ số; ký tự thứ "
                 "%zu không phải chữ số.",
                 bad);
        return fail(msg, msglen, buf);
    }
    if (len != 10 || s[0] != '0') {
        snprintf(buf, sizeof buf,
                 "Số ví điện tử là số điện thoại di động gồm 10 chữ số, bắt "
                 "đầu bằng 0; đã nhập %zu chữ số.",
                 len);
        return fail(msg, msglen, buf);
    }
    return PAYMENT_OK;
}
