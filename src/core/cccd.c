/* cccd.c: shape checks for CCCD / personal identification numbers and
 * legacy CMND numbers (see cccd.h).
 *
 * Only the structure is checked: province of birth registration, century and
 * sex digit, birth year. There is no check digit, so a well-formed number
 * can still belong to nobody; the national population database is the only
 * authority on that.
 */
#include "core/cccd.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* The 63 provinces before 01/07/2025, as "0" + GSO code. Names are those
 * in force when the codes were assigned (046 is still "Thừa Thiên Huế";
 * the GSO list of 2025-01-01 calls it "Thành phố Huế"). Sorted by code. */
static const struct {
    const char *code;
    const char *name;
} provinces[] = {
    {"001", "Hà Nội"},
    {"002", "Hà Giang"},
    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},
    {"008", "Tuyên Quang"},
    {"010", "Lào Cai"},
    {"011", "Điện Biên"},
    {"012", "Lai Châu"},
    {"014", "Sơn La"},
    {"015", "Yên Bái"},
    {"017", "Hòa Bình"},
    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},
    {"022", "Quảng Ninh"},
    {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},
    {"026", "Vĩnh Phúc"},
    {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},
    {"031", "Hải Phòng"},
    {"033", "Hưng Yên"},
    {"034", "Thái Bình"},
    {"035", "Hà Nam"},
    {"036", "Nam Định"},
    {"037", "Ninh Bình"},
    {"038", "Thanh Hóa"},
    {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},
    {"044", "Quảng Bình"},
    {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},
    {"048", "Đà Nẵng"},
    {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},
    {"052", "Bình Định"},
    {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},
    {"058", "Ninh Thuận"},
    {"060", "Bình Thuận"},
    {"062", "Kon Tum"},
    {"064", "Gia Lai"},
    {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},
    {"068", "Lâm Đồng"},
    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},
    {"074", "Bình Dương"},
    {"075", "Đồng Nai"},
    {"077", "Bà Rịa - Vũng Tàu"},
    {"079", "Hồ Chí Minh"},
    {"080", "Long An"},
    {"082", "Tiền Giang"},
    {"083", "Bến Tre"},
    {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},
    {"087", "Đồng Tháp"},
    {"089", "An Giang"},
    {"091", "Kiên Giang"},
    {"092", "Cần Thơ"},
    {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},
    {"095", "Bạc Liêu"},
    {"096", "Cà Mau"},
};

#define NPROVINCES (sizeof provinces / sizeof provinces[0])

/* Century digit (digit 4) -> first year of the century, for even (male)
 * digits; the odd digit after each is the same century, female. */
static const int century_base[5] = {1900, 2000, 2100, 2200, 1800};

static const char *province_lookup(const char *code, size_t len)
{
    size_t i;

    if (len != 3)
        return NULL;
    for (i = 0; i < NPROVINCES; i++)
        if (memcmp(provinces[i].code, code, 3) == 0)
            return provinces[i].name;
    return NULL;
}

const char *cccd_province_name(const char *code3)
{
    if (code3 == NULL)
        return NULL;
    return province_lookup(code3, strnlen(code3, 4));
}

/* Length of the UTF-8 sequence that lead byte c starts (1 for ASCII). */
static size_t utf8_seq_len(unsigned char c)
{
    if (c >= 0xF0)
        return 4;
    if (c >= 0xE0)
        return 3;
    if (c >= 0xC0)
        return 2;
    return 1;
}

/* Write a message into (msg, msglen) if msg is not NULL. On truncation the
 * text is cut back to a whole UTF-8 character. */
static void set_msg(char *msg, size_t msglen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_msg(char *msg, size_t msglen, const char *fmt, ...)
{
    va_list ap;
    int n;
    size_t end, lead;

    if (msg == NULL || msglen == 0)
        return;
    va_start(ap, fmt);
    n = vsnprintf(msg, msglen, fmt, ap);
    va_end(ap);
    if (n < 0) {
        msg[0] = '\0';
        return;
    }
    if ((size_t)n < msglen)
        return;
    /* vsnprintf kept msglen - 1 bytes; drop a character it split. */
    end = msglen - 1;
    lead = end;
    while (lead > 0 && ((unsigned char)msg[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead > 0 && utf8_seq_len((unsigned char)msg[lead - 1]) > end - lead + 1)
        msg[lead - 1] = '\0';
}

static int century_of(int digit)
{
    return century_base[digit / 2];
}

/* "thế kỷ 20" for the 1900s. */
static int century_number(int base)
{
    return base / 100 + 1;
}

static const char *sex_word(char sex)
{
    return sex == 'F' ? "nữ" : "nam";
}

int cccd_parse(const char *s, size_t len, struct cccd_info *out, char *msg,
               size_t msglen)
{
    size_t i, nchars = 0;
    int digit4, base;
    struct cccd_info info;

    if (msg && msglen)
        msg[0] = '\0';
    if (s == NULL)
        len = 0;
    /* The first byte that is not an ASCII digit, reported by its position
     * in characters (not bytes) so it matches what the person sees: every
     * byte before it is a digit, so that is i + 1, even for a stray UTF-8
     * continuation byte. */
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c >= '0' && c <= '9')
            continue;
        nchars = i + 1;
        if (c > 0x20 && c < 0x7f)
            set_msg(msg, msglen,
                    "Số CCCD chỉ được gồm chữ số; ký tự thứ %zu ('%c') "
                    "không phải chữ số",
                    nchars, c);
        else if (c == ' ')
            set_msg(msg, msglen,
                    "Số CCCD chỉ được gồm chữ số; ký tự thứ %zu là dấu "
                    "cách",
                    nchars);
        else
            set_msg(msg, msglen,
                    "Số CCCD chỉ được gồm chữ số; ký tự thứ %zu không "
                    "phải chữ số",
                    nchars);
        return CCCD_EFORMAT;
    }
    if (len == 0) {
        set_msg(msg, msglen, "Chưa nhập số CCCD");
        return CCCD_EFORMAT;
    }
    if (len != 12 && len != 9) {
        set_msg(msg, msglen,
                "Số CCCD phải gồm 12 chữ số (hoặc 9 chữ số nếu là CMND "
                "cũ); đã nhập %zu chữ số",
                len);
        return CCCD_EFORMAT;
    }

    memset(&info, 0, sizeof info);
    if (len == 9) {
        info.kind = CCCD_KIND_CMND;
        *out = info;
        return CCCD_OK;
    }
    if (province_lookup(s, 3) == NULL) {
        set_msg(msg, msglen,
                "Ba chữ số đầu của số CCCD (%.3s) không phải mã tỉnh, "
                "thành phố đăng ký khai sinh",
                s);
        return CCCD_EPROVINCE;
    }
    info.kind = CCCD_KIND_CCCD;
    memcpy(info.province, s, 3);
    info.province[3] = '\0';
    digit4 = s[3] - '0';
    base = century_of(digit4);
    info.sex = (digit4 % 2) ? 'F' : 'M';
    info.birth_year = base + (s[4] - '0') * 10 + (s[5] - '0');
    *out = info;
    return CCCD_OK;
}

int cccd_check_person(const struct cccd_info *info, int birth_year, char sex,
                      char *msg, size_t msglen)
{
    int base, digit4, yy, year_rc = CCCD_OK;

    assert(info != NULL);
    if (msg && msglen)
        msg[0] = '\0';
    if (info->kind != CCCD_KIND_CCCD)
        return CCCD_OK;

    base = info->birth_year / 100 * 100;
    yy = info->birth_year % 100;
    for (digit4 = 0; digit4 < 10; digit4 += 2)
        if (century_of(digit4) == base)
            break;
    if (info->sex == 'F')
        digit4++;

    if (sex != 'M' && sex != 'F') {
        set_msg(msg, msglen, "Giới tính khai phải là nam hoặc nữ");
        return CCCD_ESEX;
    }
    if (birth_year / 100 * 100 != base && birth_year % 100 != yy) {
        set_msg(msg, msglen,
                "Chữ số thứ 4 đến 6 của số CCCD (%d%02d) cho biết năm sinh "
                "%d, nhưng năm sinh khai là %d",
                digit4, yy, info->birth_year, birth_year);
        year_rc = CCCD_EYEAR;
    } else if (birth_year / 100 * 100 != base) {
        set_msg(msg, msglen,
                "Chữ số thứ 4 của số CCCD (%d) cho biết giới tính %s, sinh "
                "thế kỷ %d (năm %d–%d), nhưng năm sinh khai là %d",
                digit4, sex_word(info->sex), century_number(base), base,
                base + 99, birth_year);
        year_rc = CCCD_EYEAR;
    } else if (birth_year != info->birth_year) {
        set_msg(msg, msglen,
                "Chữ số thứ 5 và 6 của số CCCD (%02d) cho biết năm sinh %d, "
                "nhưng năm sinh khai là %d",
                yy, info->birth_year, birth_year);
        year_rc = CCCD_EYEAR;
    }
    if (year_rc != CCCD_OK)
        return year_rc;
    if (sex != info->sex) {
        set_msg(msg, msglen,
                "Chữ số thứ 4 của số CCCD (%d) cho biết giới tính %s, sinh "
                "thế kỷ %d, nhưng giới tính khai là %s",
                digit4, sex_word(info->sex), century_number(base),
                sex_word(sex));
        return CCCD_ESEX;
    }
    return CCCD_OK;
}

int cccd_make(const char *province3, int birth_year, char sex, uint32_t serial,
              char out[13])
{
    int digit4, yy, i;

    if (province3 == NULL || cccd_province_name(province3) == NULL)
        return CCCD_EPROVINCE;
    if (birth_year < 1800 || birth_year > 2299)
        return CCCD_EYEAR;
    if (sex != 'M' && sex != 'F')
        return CCCD_ESEX;
    if (serial > 999999)
        return CCCD_EFORMAT;
    for (digit4 = 0; digit4 < 10; digit4 += 2)
        if (century_of(digit4) == birth_year / 100 * 100)
            break;
    if (sex == 'F')
        digit4++;
    yy = birth_year % 100;
    memcpy(out, province3, 3);
    out[3] = (char)('0' + digit4);
    out[4] = (char)('0' + yy / 10);
    out[5] = (char)('0' + yy % 10);
    for (i = 11; i >= 6; i--) {
        out[i] = (char)('0' + serial % 10);
        serial /= 10;
    }
    out[12] = '\0';
    return CCCD_OK;
}
