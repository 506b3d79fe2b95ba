/* money.h: amounts in integer đồng (VND has no minor unit) and
 * coefficients (hệ số) in thousandths, so "2.5" is 2500 and every amount is
 * exact: standard level x coefficient (RULES.md §2.3).
 */
#ifndef ANSINH_CORE_MONEY_H
#define ANSINH_CORE_MONEY_H

#include <stddef.h>
#include <stdint.h>

enum money_rc {
    MONEY_OK = 0,
    MONEY_EFORMAT = -1,   /* not a number of the expected shape */
    MONEY_EOVERFLOW = -2, /* result outside +-9e15 đồng */
    MONEY_EINEXACT = -3,  /* level x coefficient is not a whole đồng */
    MONEY_ESPACE = -4     /* output buffer too small */
};

/* The largest amount handled: 9 x 10^15 đồng, far above any budget. */
#define MONEY_MAX INT64_C(9000000000000000)

/* level (đồng) x coeff_milli / 1000, exactly. Returns MONEY_EINEXACT rather
 * than rounding: every legal level x coefficient is a whole number of đồng,
 * so a fraction means a wrong parameter, not a value to round.
 * MONEY_EOVERFLOW if |level| or |result| exceeds MONEY_MAX. *out is written
 * only on MONEY_OK. */
int money_apply_coeff(int64_t level, int coeff_milli, int64_t *out);
/* Parse a coefficient "2.5", "1", "1.25" (up to 3 decimals, '.' or ',')
 * into thousandths: exactly digits, optionally a separator and 1-3 digits;
 * no sign, no spaces. MONEY_EFORMAT for any other shape, MONEY_EOVERFLOW
 * for an integer part above 999999. *out_milli is written only on
 * MONEY_OK. */
int money_parse_coeff(const char *s, size_t len, int *out_milli);
/* Format thousandths as the shortest decimal: 2500 -> "2.5", 1000 -> "1.0",
 * 1250 -> "1.25" (API form, '.' separator). */
void money_format_coeff(int milli, char out[16]);
/* Format for people: 1250000 -> "1.250.000 đ", -5000 -> "-5.000 đ".
 * Returns MONEY_OK or MONEY_ESPACE. */
int money_format_vnd(int64_t dong, char *out, size_t cap);
/* Amount in Vietnamese words, first letter capitalised, ending in "đồng":
 * 1250000 -> "Một triệu hai trăm năm mươi nghìn đồng" (for "bằng chữ" on
 * signed lists); 105000 "Một trăm linh năm nghìn đồng", 21000 "Hai mươi
 * mốt nghìn đồng", 24 "Hai mươi tư đồng" ("tư" after "mươi", "bốn"
 * elsewhere), 1005000 "Một triệu không trăm linh năm nghìn đồng", 0
 * "Không đồng", -5000 "Âm năm nghìn đồng"; groups above 10^9 use "tỷ"
 * ("Một nghìn tỷ"). Returns MONEY_OK or MONEY_ESPACE (out is then "" if
 * cap > 0); 400 bytes always suffice. */
int money_words_vi(int64_t dong, char *out, size_t cap);

#endif
