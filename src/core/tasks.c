/* tasks.c: the vocabulary of the officers' tasks (see tasks.h). */
#include "core/tasks.h"

#include <string.h>

static const struct {
    const char *code;
    const char *title;
    const char *rules_ref;
} kinds[TASKS_KIND_COUNT] = {
    [TASKS_CHILD_4] = {"child_4", "Trẻ em đủ 4 tuổi: hệ số trợ cấp thay đổi",
                       "RULES.md §2.3"},
    [TASKS_CHILD_16] = {"child_16",
                        "Trẻ em đủ 16 tuổi: xác nhận đang học hoặc thôi "
                        "hưởng",
                        "RULES.md §2.2, §2.6"},
    [TASKS_CHILD_22] = {"child_22", "Người học đủ 22 tuổi: thôi hưởng",
                        "RULES.md §2.2, §2.6"},
    [TASKS_ELDERLY_80] = {"elderly_80",
                          "Người cao tuổi đủ 80 tuổi: hệ số K5a thay đổi "
                          "hoặc chuyển từ K5b sang K5c",
                          "RULES.md §2.3, §2.6"},
    [TASKS_K7_3] = {"k7_3", "Trẻ em diện K7 đủ 3 tuổi: thôi hưởng",
                    "RULES.md §2.2, §2.6"},
    [TASKS_SUSPENDED_3M] = {"suspended_3m",
                            "Tạm dừng đã đủ 3 tháng: xem xét thôi hưởng",
                            "RULES.md §2.6"},
    [TASKS_OVERDUE_STEP] = {"overdue_step", "Bước xử lý hồ sơ quá hạn",
                            "RULES.md §6.2, §6.5"},
    [TASKS_ASSIGN_COMMUNE] = {"assign_commune",
                              "Xác định xã, phường mới sau sắp xếp đơn vị "
                              "hành chính",
                              "RULES.md §10.3, §6.5"},
    [TASKS_ASSIGN_USER] = {"assign_user",
                           "Xác định địa bàn mới của tài khoản sau sắp xếp "
                           "đơn vị hành chính",
                           "RULES.md §7.3, §10.3"},
    [TASKS_NOT_COLLECTED_3M] = {"not_collected_3m",
                                "Không nhận trợ cấp 3 tháng liên tục: xem "
                                "xét tạm dừng",
                                "RULES.md §2.6, §7.1"},
};

static const struct {
    const char *code;
    const char *text;
} decisions[TASKS_DEC_COUNT] = {
    [TASKS_DEC_NONE] = {"none", "Không cần quyết định: bảng chi trả tự áp "
                                "dụng hệ số mới từ tháng sinh nhật"},
    [TASKS_DEC_ADJUST] = {"adjust", "Cần quyết định điều chỉnh (chuyển "
                                    "diện) từ tháng đủ tuổi"},
    [TASKS_DEC_TERMINATE] = {"terminate", "Cần quyết định thôi hưởng từ "
                                          "tháng sau tháng đủ tuổi"},
    [TASKS_DEC_STUDY_OR_TERMINATE] = {"study_or_terminate",
                                      "Cần giấy xác nhận đang học (tiếp tục "
                                      "hưởng như diện K2) hoặc quyết định "
                                      "thôi hưởng"},
    [TASKS_DEC_RESUME_OR_TERMINATE] = {"resume_or_terminate",
                                       "Cần quyết định hưởng lại hoặc thôi "
                                       "hưởng"},
    [TASKS_DEC_ACT] = {"act", "Cần thực hiện ngay bước đã quá hạn của thủ "
                              "tục"},
    [TASKS_DEC_ASSIGN] = {"assign", "Cần chọn đơn vị mới theo địa chỉ (không "
                                    "tự suy đoán)"},
    [TASKS_DEC_SUSPEND] = {"suspend", "Cần quyết định tạm dừng (không nhận "
                                      "trợ cấp 3 tháng liên tục), hoặc xác "
                                      "minh lý do"},
};

/* RULES.md §2.3 (coefficients by age band), §2.2 and §2.6 (age limits:
 * payable through the month of the birthday). */
static const struct tasks_birthday_rule birthday_rules[] = {
    {TASKS_CHILD_4, "K1*", 4, TASKS_DEC_NONE, "RULES.md §2.3"},
    {TASKS_CHILD_4, "K3", 4, TASKS_DEC_NONE, "RULES.md §2.3"},
    {TASKS_CHILD_16, "K1*", 16, TASKS_DEC_STUDY_OR_TERMINATE,
     "RULES.md §2.2, §2.6"},
    {TASKS_CHILD_16, "K3", 16, TASKS_DEC_TERMINATE, "RULES.md §2.2, §2.6"},
    {TASKS_CHILD_22, "K2", 22, TASKS_DEC_TERMINATE, "RULES.md §2.2, §2.6"},
    {TASKS_ELDERLY_80, "K5a", 80, TASKS_DEC_NONE, "RULES.md §2.3"},
    {TASKS_ELDERLY_80, "K5b", 80, TASKS_DEC_ADJUST, "RULES.md §2.2, §2.6"},
    {TASKS_K7_3, "K7", 3, TASKS_DEC_TERMINATE, "RULES.md §2.2, §2.6"},
};

const struct tasks_birthday_rule *tasks_birthday_rules(size_t *n)
{
    *n = sizeof birthday_rules / sizeof birthday_rules[0];
    return birthday_rules;
}

const char *tasks_kind_code(int kind)
{
    return kind >= 0 && kind < TASKS_KIND_COUNT ? kinds[kind].code : "";
}

const char *tasks_kind_title(int kind)
{
    return kind >= 0 && kind < TASKS_KIND_COUNT ? kinds[kind].title : "";
}

const char *tasks_kind_rules_ref(int kind)
{
    return kind >= 0 && kind < TASKS_KIND_COUNT ? kinds[kind].rules_ref : "";
}

int tasks_kind_parse(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = 0; i < TASKS_KIND_COUNT; i++)
        if (strcmp(kinds[i].code, s) == 0)
            return i;
    return -1;
}

const char *tasks_decision_code(int decision)
{
    return decision >= 0 && decision < TASKS_DEC_COUNT
               ? decisions[decision].code
               : "";
}

const char *tasks_decision_text(int decision)
{
    return decision >= 0 && decision < TASKS_DEC_COUNT
               ? decisions[decision].text
               : "";
}

int tasks_decision_parse(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = 0; i < TASKS_DEC_COUNT; i++)
        if (strcmp(decisions[i].code, s) == 0)
            return i;
    return -1;
}

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int tasks_birth_range(struct month m, int age, struct date *lo, struct date *hi)
{
    int y0 = m.y - age;

    if (age < 0 || !date_is_valid(y0, m.m, 1))
        return -1;
    lo->y = hi->y = y0;
    lo->m = hi->m = m.m;
    lo->d = 1;
    hi->d = date_days_in_month(y0, m.m);
    /* Born on 29 February: in a common year the birthday is 1 March
     * (date_age_in_month), so it belongs to March, not February. */
    if (is_leap(y0) && !is_leap(m.y)) {
        if (m.m == 2)
            hi->d = 28;
        else if (m.m == 3) {
            lo->m = 2;
            lo->d = 29;
        }
    }
    return 0;
}

void tasks_suspension_due(struct date since, struct date *out)
{
    struct month m = month_add(month_of(since), 3);
    int dim = date_days_in_month(m.y, m.m);

    out->y = m.y;
    out->m = m.m;
    out->d = since.d <= dim ? since.d : dim;
}
