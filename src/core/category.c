/* category.c: the table of Decree 20/2021 Art. 5 categories (see
 * category.h). Names follow the decree's wording, shortened where it
 * repeats the heading of its clause (RULES.md §2.2).
 */
#include "core/category.h"

#include <string.h>

#define BASIS "Nghị định 20/2021/NĐ-CP, Điều 5 "
#define K1    "Trẻ em dưới 16 tuổi "
/* Prison or a compulsory facility (Art. 5(1)(đ), (h), (k), (l)). */
#define PRISON_1 "đang chấp hành án phạt tù hoặc quyết định đưa vào "
#define PRISON_2 "trường giáo dưỡng, cơ sở giáo dục bắt buộc, "
#define PRISON_3 "cơ sở cai nghiện bắt buộc"
#define PRISON   PRISON_1 PRISON_2 PRISON_3
#define FACILITY "đang được nuôi dưỡng tại cơ sở trợ giúp xã hội, nhà xã hội"
#define EN_K1    "Child under 16 without a source of care: "

static const struct category_info categories[] = {
    {"K1a", K1 "bị bỏ rơi chưa có người nhận làm con nuôi",
     EN_K1 "abandoned, not adopted", BASIS "khoản 1 điểm a", 0},
    {"K1b", K1 "mồ côi cả cha và mẹ", EN_K1 "full orphan",
     BASIS "khoản 1 điểm b", 0},
    {"K1c", K1 "mồ côi cha hoặc mẹ, người còn lại mất tích",
     EN_K1 "one parent dead, the other missing", BASIS "khoản 1 điểm c", 0},
    {"K1d", K1 "mồ côi cha hoặc mẹ, người còn lại " FACILITY,
     EN_K1 "one parent dead, the other in a social assistance facility",
     BASIS "khoản 1 điểm d", 0},
    {"K1dd", K1 "mồ côi cha hoặc mẹ, người còn lại " PRISON,
     EN_K1 "one parent dead, the other in prison or a compulsory facility",
     BASIS "khoản 1 điểm đ", 0},
    {"K1e", K1 "có cả cha và mẹ mất tích",
     EN_K1 "both parents declared missing", BASIS "khoản 1 điểm e", 0},
    {"K1g", K1 "có cả cha và mẹ " FACILITY,
     EN_K1 "both parents in a social assistance facility",
     BASIS "khoản 1 điểm g", 0},
    {"K1h", K1 "có cả cha và mẹ " PRISON,
     EN_K1 "both parents in prison or a compulsory facility",
     BASIS "khoản 1 điểm h", 0},
    {"K1i", K1 "có cha hoặc mẹ mất tích, người còn lại " FACILITY,
     EN_K1 "one parent missing, the other in a social assistance facility",
     BASIS "khoản 1 điểm i", 0},
    {"K1k", K1 "có cha hoặc mẹ mất tích, người còn lại " PRISON,
     EN_K1 "one parent missing, the other in prison or a compulsory "
           "facility",
     BASIS "khoản 1 điểm k", 0},
    {"K1l", K1 "có cha hoặc mẹ " FACILITY ", người còn lại " PRISON,
     EN_K1 "one parent in a social assistance facility, the other in "
           "prison or a compulsory facility",
     BASIS "khoản 1 điểm l", 0},
    {"K2",
     "Người từ 16 đến 22 tuổi thuộc diện trẻ em không có nguồn nuôi dưỡng, "
     "đang đi học (văn bằng thứ nhất)",
     "Former K1 child aged 16 to 22 still in education (first degree)",
     BASIS "khoản 2", 0},
    {"K3", "Trẻ em nhiễm HIV/AIDS thuộc hộ nghèo",
     "Child with HIV/AIDS in a poor household", BASIS "khoản 3", 0},
    {"K4",
     "Người đơn thân thuộc hộ nghèo, hộ cận nghèo đang nuôi con dưới 16 "
     "tuổi hoặc con từ 16 đến 22 tuổi đang đi học",
     "Poor or near-poor single parent raising children", BASIS "khoản 4", 0},
    {"K5a",
     "Người cao tuổi thuộc hộ nghèo, không có người có nghĩa vụ và quyền "
     "phụng dưỡng hoặc người phụng dưỡng đang hưởng trợ cấp xã hội hằng "
     "tháng",
     "Elderly person in a poor household with no one obliged to support "
     "them",
     BASIS "khoản 5 điểm a", 0},
    {"K5b",
     "Người từ đủ 75 tuổi đến 80 tuổi thuộc hộ nghèo, hộ cận nghèo sống ở "
     "xã, thôn đặc biệt khó khăn vùng đồng bào dân tộc thiểu số và miền núi",
     "Aged 75 to 80, poor or near-poor household, in an especially "
     "difficult ethnic-minority or mountainous commune or village",
     BASIS "khoản 5 điểm b", 0},
    {"K5c",
     "Người từ đủ 80 tuổi trở lên không có lương hưu, trợ cấp bảo hiểm xã "
     "hội hoặc trợ cấp xã hội hằng tháng",
     "Aged 80 or over with no pension, no monthly social insurance benefit "
     "and no monthly social allowance",
     BASIS "khoản 5 điểm c", 0},
    {"K5d",
     "Người cao tuổi thuộc hộ nghèo, không có người phụng dưỡng, đủ điều "
     "kiện vào cơ sở trợ giúp xã hội nhưng được nhận chăm sóc tại cộng đồng",
     "Elderly person eligible for a facility but cared for by a carer in "
     "the community",
     BASIS "khoản 5 điểm d", 0},
    {"K6", "Người khuyết tật nặng, người khuyết tật đặc biệt nặng",
     "Person with severe or especially severe disability", BASIS "khoản 6", 1},
    {"K7",
     "Trẻ em dưới 3 tuổi thuộc hộ nghèo, hộ cận nghèo sống ở xã, thôn đặc "
     "biệt khó khăn vùng đồng bào dân tộc thiểu số và miền núi",
     "Child under 3, poor or near-poor household, in an especially "
     "difficult ethnic-minority or mountainous commune or village",
     BASIS "khoản 7", 0},
    {"K8",
     "Người nhiễm HIV/AIDS thuộc hộ nghèo không có nguồn thu nhập ổn định "
     "hằng tháng",
     "Person with HIV/AIDS in a poor household with no stable monthly "
     "income",
     BASIS "khoản 8", 0},
};

#define NCATEGORIES (sizeof categories / sizeof categories[0])

const struct category_info *category_find(const char *code, size_t len)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < NCATEGORIES; i++)
        if (strlen(categories[i].code) == len &&
            memcmp(categories[i].code, code, len) == 0)
            return &categories[i];
    return NULL;
}

size_t category_count(void)
{
    return NCATEGORIES;
}

const struct category_info *category_at(size_t i)
{
    if (i >= NCATEGORIES)
        return NULL;
    return &categories[i];
}
