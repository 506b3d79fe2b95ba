/* registry.c: statuses, grounds and document kinds of the beneficiary
 * registry (see registry.h). Grounds follow Circular 02/2021/TT-BLĐTBXH
 * Art. 2 (RULES.md §2.6).
 */
#include "core/registry.h"

#include <stdio.h>
#include <string.h>

#define TT02 "Thông tư 02/2021/TT-BLĐTBXH, Điều 2 "

static const struct registry_reason reasons[] = {
    {"not_collected", REGISTRY_SUSPENDED,
     "Không nhận trợ cấp từ 3 tháng liên tục trở lên", TT02 "khoản 3"},
    {"reassessment", REGISTRY_SUSPENDED,
     "Không chấp hành yêu cầu xác định lại mức độ khuyết tật hoặc rà soát "
     "điều kiện hưởng",
     TT02 "khoản 3"},
    {"detention", REGISTRY_SUSPENDED, "Bị tạm giam từ 1 tháng trở lên",
     TT02 "khoản 3"},
    {"death", REGISTRY_TERMINATED, "Chết", TT02 "khoản 1"},
    {"missing", REGISTRY_TERMINATED, "Bị tuyên bố mất tích", TT02 "khoản 1"},
    {"ineligible", REGISTRY_TERMINATED, "Không còn đủ điều kiện hưởng",
     TT02 "khoản 1"},
    {"moved", REGISTRY_TERMINATED, "Chuyển đi nơi khác",
     "Nghị định 20/2021/NĐ-CP, Điều 8 khoản 4"},
    {"refused", REGISTRY_TERMINATED, "Từ chối nhận trợ cấp", TT02 "khoản 1"},
    {"prison", REGISTRY_TERMINATED, "Đang chấp hành án phạt tù",
     TT02 "khoản 1"},
    {"suspension_expired", REGISTRY_TERMINATED,
     "Sau 3 tháng tạm dừng vẫn không chấp hành yêu cầu xác định lại",
     TT02 "khoản 1"},
};
#define NREASONS (sizeof reasons / sizeof reasons[0])

static const struct registry_doc_kind doc_kinds[] = {
    {"birth_certificate", "Giấy khai sinh"},
    {"death_certificate", "Trích lục khai tử"},
    {"disability_certificate", "Giấy xác nhận khuyết tật"},
    {"hiv_confirmation", "Giấy xác nhận nhiễm HIV"},
    {"poverty_certificate", "Giấy chứng nhận hộ nghèo, hộ cận nghèo"},
    {"decision", "Quyết định"},
    {"missing_declaration", "Quyết định tuyên bố mất tích"},
    {"facility_confirmation",
     "Giấy xác nhận đang được nuôi dưỡng tại cơ sở trợ giúp xã hội"},
    {"prison_confirmation", "Giấy xác nhận đang chấp hành án phạt tù"},
    {"abandonment_record", "Biên bản xác nhận trẻ bị bỏ rơi"},
    {"school_confirmation", "Giấy xác nhận đang học"},
    {"marital_status", "Giấy xác nhận tình trạng hôn nhân"},
    {"authorisation", "Giấy ủy quyền"},
    {"other", "Giấy tờ khác"},
};
#define NKINDS (sizeof doc_kinds / sizeof doc_kinds[0])

static const char *const status_codes[] = {"", "enrolled", "suspended",
                                           "terminated"};
static const char *const status_names[] = {"", "đang hưởng", "tạm dừng",
                                           "thôi hưởng"};

const char *registry_status_code(int status)
{
    if (status < REGISTRY_ENROLLED || status > REGISTRY_TERMINATED)
        return "";
    return status_codes[status];
}

const char *registry_status_name(int status)
{
    if (status < REGISTRY_ENROLLED || status > REGISTRY_TERMINATED)
        return "";
    return status_names[status];
}

int registry_status_parse(const char *s, size_t len)
{
    int i;

    if (s == NULL)
        return REGISTRY_NONE;
    for (i = REGISTRY_ENROLLED; i <= REGISTRY_TERMINATED; i++)
        if (strlen(status_codes[i]) == len &&
            memcmp(status_codes[i], s, len) == 0)
            return i;
    return REGISTRY_NONE;
}

const struct registry_reason *registry_reason_find(const char *code, size_t len)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < NREASONS; i++)
        if (strlen(reasons[i].code) == len &&
            memcmp(reasons[i].code, code, len) == 0)
            return &reasons[i];
    return NULL;
}

size_t registry_reason_count(void)
{
    return NREASONS;
}

const struct registry_reason *registry_reason_at(size_t i)
{
    return i < NREASONS ? &reasons[i] : NULL;
}

static int fail(int rc, char *msg, size_t msglen, const char *text)
{
    if (msg != NULL && msglen > 0)
        snprintf(msg, msglen, "%s", text);
    return rc;
}

int registry_check_change(int from, struct date since, const char *from_reason,
                          int to, const char *reason, struct date on, char *msg,
                          size_t msglen)
{
    const struct registry_reason *r = NULL;
    char buf[200], d[11];

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (reason != NULL) {
        r = registry_reason_find(reason, strlen(reason));
        if (r == NULL)
            return fail(REGISTRY_EREASON, msg, msglen,
                        "Lý do không có trong danh mục lý do tạm dừng, thôi "
                        "hưởng.");
    }
    switch (to) {
    case REGISTRY_ENROLLED:
        if (r != NULL)
            return fail(REGISTRY_EREASON, msg, msglen,
                        "Hưởng hoặc hưởng lại trợ cấp không kèm lý do tạm "
                        "dừng, thôi hưởng.");
        if (from == REGISTRY_ENROLLED)
            return fail(REGISTRY_ESTATE, msg, msglen,
                        "Đối tượng đang hưởng trợ cấp.");
        break;
    case REGISTRY_SUSPENDED:
        if (r == NULL || r->status != REGISTRY_SUSPENDED)
            return fail(REGISTRY_EREASON, msg, msglen,
                        "Tạm dừng trợ cấp cần một lý do tạm dừng (không nhận "
                        "trợ cấp 3 tháng liên tục, không chấp hành yêu cầu "
                        "xác định lại, bị tạm giam).");
        if (from != REGISTRY_ENROLLED)
            return fail(REGISTRY_ESTATE, msg, msglen,
                        from == REGISTRY_SUSPENDED
                            ? "Trợ cấp của đối tượng đã đang tạm dừng."
                            : "Chỉ tạm dừng được trợ cấp của đối tượng đang "
                              "hưởng.");
        break;
    case REGISTRY_TERMINATED:
        if (r == NULL || r->status != REGISTRY_TERMINATED)
            return fail(REGISTRY_EREASON, msg, msglen,
                        "Thôi hưởng trợ cấp cần một lý do thôi hưởng.");
        if (from != REGISTRY_ENROLLED && from != REGISTRY_SUSPENDED)
            return fail(REGISTRY_ESTATE, msg, msglen,
                        from == REGISTRY_TERMINATED
                            ? "Đối tượng đã thôi hưởng trợ cấp."
                            : "Người này chưa có hồ sơ hưởng trợ cấp.");
        if (strcmp(r->code, "suspension_expired") == 0) {
            struct month m = month_add(month_of(since), 3);
            struct date due = {m.y, m.m, since.d};

            if (from != REGISTRY_SUSPENDED || from_reason == NULL ||
                strcmp(from_reason, "reassessment") != 0)
                return fail(REGISTRY_EREASON, msg, msglen,
                            "Lý do này chỉ dùng khi trợ cấp đang tạm dừng vì "
                            "không chấp hành yêu cầu xác định lại.");
            if (due.d > date_days_in_month(due.y, due.m))
                due.d = date_days_in_month(due.y, due.m);
            if (date_cmp(on, due) < 0) {
                date_format_vn(due, d);
                snprintf(buf, sizeof buf,
                         "Chỉ thôi hưởng vì lý do này từ ngày %s (đủ 3 tháng "
                         "kể từ khi tạm dừng).",
                         d);
                return fail(REGISTRY_EDATE, msg, msglen, buf);
            }
        }
        break;
    default:
        return fail(REGISTRY_ESTATE, msg, msglen,
                    "Trạng thái không hợp lệ (enrolled, suspended hoặc "
                    "terminated).");
    }
    if (from != REGISTRY_NONE && date_cmp(on, since) <= 0) {
        date_format_vn(since, d);
        snprintf(buf, sizeof buf,
                 "Ngày hiệu lực phải sau ngày bắt đầu của trạng thái hiện tại "
                 "(%s).",
                 d);
        return fail(REGISTRY_EDATE, msg, msglen, buf);
    }
    return REGISTRY_OK;
}

const struct registry_doc_kind *registry_doc_kind_find(const char *code,
                                                       size_t len)
{
    size_t i;

    if (code == NULL)
        return NULL;
    for (i = 0; i < NKINDS; i++)
        if (strlen(doc_kinds[i].code) == len &&
            memcmp(doc_kinds[i].code, code, len) == 0)
            return &doc_kinds[i];
    return NULL;
}

size_t registry_doc_kind_count(void)
{
    return NKINDS;
}

const struct registry_doc_kind *registry_doc_kind_at(size_t i)
{
    return i < NKINDS ? &doc_kinds[i] : NULL;
}
