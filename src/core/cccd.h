/* cccd.h: personal identification numbers (số định danh cá nhân / CCCD,
 * 12 digits) and legacy identity cards (CMND, 9 digits).
 *
 * A 12-digit number encodes (Circular 07/2016/TT-BCA, since 59/2021):
 *   digits 1-3  province code of birth registration: "0" + the 2-digit GSO
 *               code of one of the 63 provinces that existed before
 *               01/07/2025 (035 Hà Nam, 001 Hà Nội, ...);
 *   digit 4     century and sex: 0/1 = 1900s male/female, 2/3 = 2000s,
 *               4/5 = 2100s, 6/7 = 2200s, 8/9 = 1800s;
 *   digits 5-6  last two digits of the birth year;
 *   digits 7-12 a serial number.
 * A 9-digit CMND has no such structure: only digits are checked.
 */
#ifndef ANSINH_CORE_CCCD_H
#define ANSINH_CORE_CCCD_H

#include <stddef.h>
#include <stdint.h>

enum cccd_rc {
    CCCD_OK = 0,
    CCCD_EFORMAT = -1,   /* not 9 or 12 ASCII digits */
    CCCD_EPROVINCE = -2, /* digits 1-3 are not a province code */
    CCCD_EYEAR = -3,     /* birth year in the number != birth date's year */
    CCCD_ESEX = -4       /* sex in the number != the person's sex */
};

enum cccd_kind { CCCD_KIND_CMND = 9, CCCD_KIND_CCCD = 12 };

struct cccd_info {
    int kind;         /* CCCD_KIND_CCCD or CCCD_KIND_CMND */
    char province[4]; /* "035" (CCCD only) */
    char sex;         /* 'M' or 'F' (CCCD only) */
    int birth_year;   /* full year, e.g. 1948 (CCCD only) */
};

/* Parse and check the shape of (s, len). *out is written only on CCCD_OK.
 * On error, msg (if not NULL) receives a precise Vietnamese explanation,
 * cut at a character boundary to fit msglen: the first non-digit and its
 * position in characters ("Số CCCD chỉ được gồm chữ số; ký tự thứ 5 ('A')
 * không phải chữ số"), a wrong length ("Số CCCD phải gồm 12 chữ số (hoặc 9
 * chữ số nếu là CMND cũ); đã nhập 11 chữ số"), or an unknown province code.
 * On success msg is "". Returns CCCD_OK, CCCD_EFORMAT or CCCD_EPROVINCE. */
int cccd_parse(const char *s, size_t len, struct cccd_info *out, char *msg,
               size_t msglen);
/* Check a parsed number against the person's birth year and sex ('M'/'F').
 * CMND always passes. On mismatch msg says which digits disagree with what,
 * e.g. "Chữ số thứ 4 của số CCCD (1) cho biết giới tính nữ, sinh thế kỷ 20,
 * nhưng giới tính khai là nam"; when both year and sex disagree the year is
 * reported. A sex other than 'M'/'F' is CCCD_ESEX. Returns CCCD_OK,
 * CCCD_EYEAR or CCCD_ESEX. */
int cccd_check_person(const struct cccd_info *info, int birth_year, char sex,
                      char *msg, size_t msglen);
/* Build a 12-digit number (NUL-terminated in out) for a province code
 * ("035"), birth year (1800..2299), sex ('M'/'F') and serial (0..999999),
 * e.g. for demo data and tests. Returns CCCD_OK, or for a bad input
 * CCCD_EPROVINCE, CCCD_EYEAR, CCCD_ESEX (sex) or CCCD_EFORMAT (serial). */
int cccd_make(const char *province3, int birth_year, char sex, uint32_t serial,
              char out[13]);
/* Province name for a 3-digit code ("035" -> "Hà Nam"), or NULL. */
const char *cccd_province_name(const char *code3);

#endif
