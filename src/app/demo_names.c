/* demo_names.c: Vietnamese names for the demo, by region, sex and
 * generation (docs/demo.md).
 *
 * Family names follow published frequency estimates: Nguyễn about 38%,
 * Trần 11%, Lê 9.5%, Phạm 7%, Hoàng/Huỳnh 5%, Phan 4.5%, Vũ/Võ 3.9%,
 * Đặng 2.1%, Bùi 2%, Đỗ 1.4%, Hồ 1.3%, Ngô 1.3%, Dương 1%, Lý 0.5%, then a
 * long tail. Hoàng and Vũ are the northern forms, Huỳnh and Võ the southern
 * ones (a naming taboo of the Nguyễn lords); the centre has both. Middle
 * names carry generations: "Thị" for almost every woman born before 1955,
 * "Văn" for most men of that age; younger people have more varied middle
 * and given names. Spelling uses the traditional tone placement (Hòa,
 * Thủy), as most civil records do. */
#include <stdio.h>
#include <string.h>

#include "app/demo_gen.h"

struct wname {
    const char *s;
    uint32_t w;
};

struct family {
    const char *s;
    uint32_t w[3]; /* per mille: north, central, south */
};

static const struct family families[] = {
    {"Nguyễn", {380, 380, 380}}, {"Trần", {110, 110, 110}},
    {"Lê", {95, 95, 95}},        {"Phạm", {70, 70, 70}},
    {"Hoàng", {50, 28, 4}},      {"Huỳnh", {1, 22, 46}},
    {"Phan", {40, 50, 45}},      {"Vũ", {39, 14, 3}},
    {"Võ", {1, 26, 37}},         {"Đặng", {21, 21, 21}},
    {"Bùi", {24, 18, 18}},       {"Đỗ", {18, 14, 10}},
    {"Hồ", {8, 20, 13}},         {"Ngô", {13, 13, 13}},
    {"Dương", {10, 10, 10}},     {"Lý", {5, 4, 6}},
    {"Đinh", {10, 8, 5}},        {"Đào", {9, 5, 5}},
    {"Trịnh", {9, 6, 4}},        {"Mai", {5, 5, 5}},
    {"Lương", {5, 4, 4}},        {"Cao", {4, 5, 4}},
    {"Lưu", {4, 3, 3}},          {"Tạ", {4, 2, 2}},
    {"Chu", {4, 2, 1}},          {"Hà", {5, 4, 3}},
    {"Trương", {4, 6, 8}},       {"Đoàn", {5, 5, 4}},
    {"Phùng", {4, 2, 1}},        {"Tô", {3, 2, 3}},
    {"Lại", {3, 1, 1}},          {"Kiều", {2, 1, 1}},
    {"Nghiêm", {2, 1, 0}},       {"Khúc", {1, 0, 0}},
    {"Vương", {2, 2, 2}},        {"Triệu", {2, 1, 1}},
    {"Tống", {2, 1, 1}},         {"Quách", {1, 1, 2}},
    {"Thái", {1, 3, 2}},         {"Lâm", {1, 2, 5}},
    {"Châu", {0, 2, 4}},         {"Mạc", {1, 0, 1}},
};

#define NFAMILIES (sizeof families / sizeof families[0])

/* Middle names. "Thị" and "Văn" weigh most for the old, least for the
 * young. */
static const struct wname mid_f_old[] = {
    {"Thị", 930}, {"Ngọc", 15}, {"Thu", 10}, {"Thanh", 10},
    {"Kim", 10},  {"Hồng", 10}, {"Xuân", 8}, {"Minh", 7},
};
static const struct wname mid_f_mid[] = {
    {"Thị", 620}, {"Ngọc", 50}, {"Thu", 50},    {"Thanh", 50}, {"Hồng", 40},
    {"Minh", 30}, {"Kim", 30},  {"Phương", 25}, {"Bích", 20},  {"Mai", 20},
    {"Hải", 15},  {"Diệu", 15}, {"Lan", 15},    {"Tuyết", 10}, {"Quỳnh", 10},
};
static const struct wname mid_f_young[] = {
    {"Thị", 200},   {"Ngọc", 80},  {"Thu", 50}, {"Thanh", 50}, {"Minh", 60},
    {"Phương", 50}, {"Khánh", 50}, {"Bảo", 50}, {"Gia", 50},   {"Hải", 40},
    {"Mai", 40},    {"Thảo", 30},  {"Hà", 30},  {"Quỳnh", 30}, {"Diệu", 30},
    {"Kim", 30},    {"Tuệ", 30},   {"Như", 30}, {"An", 30},    {"Hoài", 20},
};
static const struct wname mid_m_old[] = {
    {"Văn", 700},  {"Đình", 60}, {"Đức", 50},  {"Xuân", 40}, {"Hữu", 40},
    {"Quang", 25}, {"Ngọc", 25}, {"Công", 20}, {"Bá", 20},   {"Trọng", 20},
};
static const struct wname mid_m_mid[] = {
    {"Văn", 450},  {"Đức", 70},   {"Minh", 70}, {"Quang", 50}, {"Hữu", 50},
    {"Thanh", 50}, {"Mạnh", 40},  {"Tiến", 30}, {"Xuân", 40},  {"Ngọc", 40},
    {"Đình", 60},  {"Trung", 25}, {"Công", 25},
};
static const struct wname mid_m_young[] = {
    {"Văn", 120},  {"Minh", 100}, {"Đức", 90},   {"Quốc", 70},  {"Gia", 70},
    {"Bảo", 70},   {"Hoàng", 60}, {"Anh", 50},   {"Tuấn", 40},  {"Hữu", 40},
    {"Thành", 40}, {"Đăng", 40},  {"Trung", 40}, {"Khánh", 40}, {"Nhật", 40},
    {"Phúc", 40},  {"Tiến", 30},  {"Thanh", 30},
};

/* Given names. */
static const struct wname giv_f_old[] = {
    {"Lan", 40},    {"Hoa", 40},    {"Mai", 35},   {"Đào", 30},   {"Hồng", 30},
    {"Thủy", 30},   {"Nga", 30},    {"Hương", 30}, {"Tuyết", 25}, {"Liên", 25},
    {"Sen", 25},    {"Cúc", 25},    {"Nụ", 20},    {"Mận", 15},   {"Hạnh", 25},
    {"Tâm", 20},    {"Vân", 25},    {"Hòa", 25},   {"Bình", 20},  {"Tý", 10},
    {"Gái", 10},    {"Thơm", 20},   {"Nhung", 15}, {"Xuân", 20},  {"Thu", 20},
    {"Oanh", 15},   {"Khuyên", 10}, {"Lý", 10},    {"Dung", 20},  {"Lựu", 10},
    {"Hợi", 10},    {"Chanh", 5},   {"Hiền", 20},  {"Yến", 15},   {"Ngân", 10},
    {"Phượng", 15}, {"Loan", 15},   {"Huệ", 20},   {"Thìn", 10},  {"Chắt", 5},
};
static const struct wname giv_f_mid[] = {
    {"Hương", 40}, {"Lan", 30},   {"Hà", 35},     {"Hằng", 35}, {"Huyền", 30},
    {"Thảo", 25},  {"Trang", 25}, {"Nga", 25},    {"Thủy", 30}, {"Hạnh", 25},
    {"Dung", 25},  {"Linh", 20},  {"Phương", 25}, {"Hiền", 25}, {"Yến", 20},
    {"Nhung", 20}, {"Thúy", 25},  {"Vân", 20},    {"Loan", 20}, {"Oanh", 15},
    {"Liên", 15},  {"Hồng", 20},  {"Mai", 20},    {"Thu", 20},  {"Lệ", 10},
    {"Tuyết", 10}, {"Ngọc", 15},  {"Hoa", 20},    {"Lụa", 10},  {"Huệ", 15},
};
static const struct wname giv_f_young[] = {
    {"Linh", 45},  {"Anh", 45},   {"Trang", 35}, {"Ngọc", 30},   {"Huyền", 25},
    {"Hà", 25},    {"Thảo", 30},  {"Nhung", 15}, {"Phương", 25}, {"Mai", 20},
    {"Vy", 30},    {"Chi", 30},   {"An", 30},    {"Nhi", 30},    {"My", 25},
    {"Hân", 25},   {"Ngân", 25},  {"Quỳnh", 25}, {"Thư", 25},    {"Uyên", 20},
    {"Trâm", 15},  {"Giang", 15}, {"Hoa", 10},   {"Lan", 10},    {"Yến", 15},
    {"Thanh", 10}, {"Tâm", 10},   {"Diệp", 10},  {"Hương", 15},  {"Ly", 20},
};
static const struct wname giv_m_old[] = {
    {"Hùng", 20},  {"Dũng", 20},  {"Tuấn", 15},  {"Thắng", 25}, {"Lợi", 20},
    {"Bình", 25},  {"Minh", 20},  {"Hải", 20},   {"Sơn", 20},   {"Nam", 20},
    {"Long", 20},  {"Chiến", 15}, {"Tiến", 20},  {"Thành", 25}, {"Phúc", 20},
    {"Cường", 15}, {"Đức", 20},   {"Khải", 10},  {"Tạo", 10},   {"Tý", 15},
    {"Sửu", 10},   {"Dần", 10},   {"Mão", 8},    {"Thìn", 10},  {"Ngọ", 8},
    {"Thân", 8},   {"Dậu", 8},    {"Tuất", 8},   {"Hợi", 8},    {"Tường", 10},
    {"Quý", 15},   {"Hòa", 20},   {"Lực", 10},   {"Nhâm", 8},   {"Bảo", 10},
    {"Thịnh", 15}, {"Lộc", 15},   {"Vượng", 10}, {"Cần", 10},   {"Mạnh", 15},
    {"Hiển", 10},  {"Khoa", 10},  {"Toản", 10},  {"Chính", 15}, {"Nghĩa", 15},
};
static const struct wname giv_m_mid[] = {
    {"Hùng", 35},  {"Dũng", 35},  {"Tuấn", 35},  {"Hưng", 25},  {"Hải", 30},
    {"Sơn", 30},   {"Nam", 30},   {"Long", 25},  {"Thắng", 25}, {"Cường", 25},
    {"Trung", 25}, {"Hiếu", 20},  {"Quang", 20}, {"Tú", 15},    {"Thành", 25},
    {"Huy", 20},   {"Hoàng", 15}, {"Việt", 15},  {"Tùng", 20},  {"Mạnh", 20},
    {"Toàn", 20},  {"Tâm", 15},   {"Đạt", 15},   {"Phong", 15}, {"Vinh", 15},
    {"Kiên", 15},  {"Lâm", 10},   {"Hòa", 15},   {"Khánh", 15}, {"Bình", 15},
};
static const struct wname giv_m_young[] = {
    {"Minh", 40},  {"Huy", 35},  {"Khang", 25}, {"Bảo", 25},   {"Phúc", 25},
    {"Nam", 30},   {"Đức", 30},  {"Hoàng", 25}, {"Long", 25},  {"Quân", 30},
    {"Khôi", 20},  {"Kiên", 15}, {"Đạt", 25},   {"Tuấn", 25},  {"Hiếu", 20},
    {"Dũng", 20},  {"Anh", 35},  {"An", 25},    {"Phong", 20}, {"Lâm", 20},
    {"Vinh", 15},  {"Tùng", 15}, {"Duy", 20},   {"Thịnh", 15}, {"Nguyên", 15},
    {"Khánh", 15}, {"Sơn", 15},  {"Hải", 20},   {"Thắng", 15}, {"Trí", 15},
    {"Khoa", 20},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char *draw(struct app_demo_rng *r, const struct wname *t, size_t n)
{
    uint32_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += t[i].w;
    uint32_t x = app_demo_rng_below(r, total);
    for (size_t i = 0; i < n; i++) {
        if (x < t[i].w)
            return t[i].s;
        x -= t[i].w;
    }
    return t[n - 1].s;
}

const char *app_demo_family_name(struct app_demo_rng *r, int region)
{
    if (region < APP_DEMO_NORTH || region > APP_DEMO_SOUTH)
        region = APP_DEMO_NORTH;
    uint32_t total = 0;
    for (size_t i = 0; i < NFAMILIES; i++)
        total += families[i].w[region];
    uint32_t x = app_demo_rng_below(r, total);
    for (size_t i = 0; i < NFAMILIES; i++) {
        if (x < families[i].w[region])
            return families[i].s;
        x -= families[i].w[region];
    }
    return families[0].s;
}

int app_demo_full_name(struct app_demo_rng *r, int region, char sex,
                       int birth_year, const char *family, char *out,
                       size_t outlen)
{
    const char *fam = family ? family : app_demo_family_name(r, region);
    const char *mid, *giv;
    int gen = birth_year < 1955 ? 0 : birth_year < 1985 ? 1 : 2;
    if (sex == 'F') {
        mid = gen == 0   ? draw(r, mid_f_old, N(mid_f_old))
              : gen == 1 ? draw(r, mid_f_mid, N(mid_f_mid))
                         : draw(r, mid_f_young, N(mid_f_young));
        giv = gen == 0   ? draw(r, giv_f_old, N(giv_f_old))
              : gen == 1 ? draw(r, giv_f_mid, N(giv_f_mid))
                         : draw(r, giv_f_young, N(giv_f_young));
    } else {
        mid = gen == 0   ? draw(r, mid_m_old, N(mid_m_old))
              : gen == 1 ? draw(r, mid_m_mid, N(mid_m_mid))
                         : draw(r, mid_m_young, N(mid_m_young));
        giv = gen == 0   ? draw(r, giv_m_old, N(giv_m_old))
              : gen == 1 ? draw(r, giv_m_mid, N(giv_m_mid))
                         : draw(r, giv_m_young, N(giv_m_young));
    }
    /* "Minh Minh" or "Anh Anh" happen but read as typos in a demo. */
    if (strcmp(mid, giv) == 0)
        mid = sex == 'F' ? "Thị" : "Văn";
    int n = snprintf(out, outlen, "%s %s %s", fam, mid, giv);
    return n < 0 || (size_t)n >= outlen ? -1 : 0;
}
