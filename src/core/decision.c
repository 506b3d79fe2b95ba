/* decision.c: kinds of decision and their effective month (see
 * decision.h; RULES.md §2.6). */
#include "core/decision.h"

#include <stdio.h>
#include <string.h>

#include "core/category.h"

static const struct {
    const char *code;
    const char *name;
} kinds[DECISION_KIND_COUNT] = {
    {"grant", "Quyết định hưởng trợ cấp"},
    {"adjust", "Quyết định điều chỉnh mức trợ cấp"},
    {"suspend", "Quyết định tạm dừng trợ cấp"},
    {"resume", "Quyết định hưởng lại trợ cấp"},
    {"terminate", "Quyết định thôi hưởng trợ cấp"},
};

int decision_kind_parse(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = 0; i < DECISION_KIND_COUNT; i++)
        if (strcmp(kinds[i].code, s) == 0)
            return i;
    return -1;
}

const char *decision_kind_code(int kind)
{
    return kind >= 0 && kind < DECISION_KIND_COUNT ? kinds[kind].code : "";
}

const char *decision_kind_name(int kind)
{
    return kind >= 0 && kind < DECISION_KIND_COUNT ? kinds[kind].name : "";
}

static int fail(char *msg, size_t msglen, char *field, size_t fieldlen,
                const char *f, const char *text)
{
    if (msg != NULL && msglen > 0)
        snprintf(msg, msglen, "%s", text);
    if (field != NULL && fieldlen > 0)
        snprintf(field, fieldlen, "%s", f);
    return DECISION_EINPUT;
}

static struct month later(struct month a, struct month b)
{
    return month_cmp(a, b) >= 0 ? a : b;
}

/* Split "K4,K6" into out (codes checked, each once). Returns the count
 * or -1. */
static int split(const char *s, struct decision_months *out)
{
    size_t i = 0, n = s ? strlen(s) : 0;

    out->ncategories = 0;
    while (i < n) {
        size_t j = i, k;

        while (j < n && s[j] != ',')
            j++;
        if (j == i || j - i >= sizeof out->category[0] ||
            out->ncategories >= DECISION_MAX_CATEGORIES ||
            category_find(s + i, j - i) == NULL)
            return -1;
        memcpy(out->category[out->ncategories], s + i, j - i);
        out->category[out->ncategories][j - i] = '\0';
        for (k = 0; k < out->ncategories; k++)
            if (strcmp(out->category[k], out->category[out->ncategories]) == 0)
                return -1;
        out->ncategories++;
        i = j + 1;
        if (j + 1 == n) /* a trailing comma */
            return -1;
    }
    return (int)out->ncategories;
}

int decision_effective(const struct decision_input *in,
                       struct decision_months *out, char *msg, size_t msglen,
                       char *field, size_t fieldlen)
{
    struct month signed_m = month_of(in->signed_on), ev;
    size_t i;

    memset(out, 0, sizeof *out);
    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (field != NULL && fieldlen > 0)
        field[0] = '\0';
    if (in->kind < 0 || in->kind >= DECISION_KIND_COUNT)
        return fail(msg, msglen, field, fieldlen, "kind",
                    "Loại quyết định không hợp lệ.");
    if (split(in->categories, out) < 0)
        return fail(msg, msglen, field, fieldlen, "categories",
                    "Danh sách diện đối tượng không hợp lệ (mã như K6, "
                    "cách nhau bởi dấu phẩy, mỗi mã một lần).");
    if (in->has_event && date_cmp(in->event_on, in->signed_on) > 0)
        return fail(msg, msglen, field, fieldlen, "event_on",
                    "Ngày phát sinh sự việc không được sau ngày ký quyết "
                    "định.");
    ev = month_of(in->event_on);
    if (in->kind != DECISION_GRANT || in->transfer) {
        if (!in->has_event)
            return fail(msg, msglen, field, fieldlen, "event_on",
                        in->transfer
                            ? "Cần ngày trong tháng ghi ở quyết định thôi "
                              "hưởng tại nơi cư trú cũ (RULES.md §6.3)."
                            : "Cần ngày phát sinh sự việc để tính tháng "
                              "hiệu lực (RULES.md §2.6).");
        switch (in->kind) {
        case DECISION_ADJUST:
        case DECISION_RESUME:
            out->effective = ev;
            break;
        case DECISION_TERMINATE:
            /* A move: from the month after the stop decision's own month
             * (RULES.md §6.3), which the new place's grant follows. */
            out->effective = month_add(in->moved ? signed_m : ev, 1);
            break;
        default: /* suspend, grant after a move */
            out->effective = month_add(ev, 1);
            break;
        }
        for (i = 0; i < out->ncategories; i++)
            out->from[i] = out->effective;
        return DECISION_OK;
    }
    /* A grant: Decree 20/2021 Art. 8(1), last paragraph. */
    out->effective = signed_m;
    for (i = 0; i < out->ncategories; i++) {
        const char *c = out->category[i];
        struct month m = signed_m;

        if (strcmp(c, "K5b") == 0) {
            struct month b75 = {in->birth.y + 75, in->birth.m};
            m = later(signed_m, b75);
        } else if (strcmp(c, "K5c") == 0) {
            struct month b80 = {in->birth.y + 80, in->birth.m};
            m = later(signed_m, b80);
        } else if (strcmp(c, "K6") == 0) {
            if (!in->has_certificate)
                return fail(msg, msglen, field, fieldlen, "certificate_on",
                            "Diện K6 cần ngày cấp giấy xác nhận khuyết tật: "
                            "trợ cấp tính từ tháng được cấp giấy (RULES.md "
                            "§2.6).");
            if (date_cmp(in->certificate_on, in->signed_on) > 0)
                return fail(msg, msglen, field, fieldlen, "certificate_on",
                            "Ngày cấp giấy xác nhận khuyết tật không được "
                            "sau ngày ký quyết định.");
            m = month_of(in->certificate_on);
        }
        out->from[i] = m;
        if (i == 0 || month_cmp(m, out->effective) < 0)
            out->effective = m;
    }
    return DECISION_OK;
}
