/* procedure.c: questions about a finished procedure set (which procedure,
 * may this role act, when is a step due) and the vocabulary (kinds,
 * roles, built-in actions). See procedure.h. */
#include "core/procedure.h"

#include <stdio.h>
#include <string.h>

#include "core/procedure_int.h"
#include "core/workdays.h"

static const struct {
    const char *code;
    const char *name;
} kinds[PROCEDURE_KIND_COUNT] = {
    {"grant", "Đề nghị trợ cấp xã hội hằng tháng"},
    {"adjust", "Điều chỉnh mức trợ cấp xã hội hằng tháng"},
    {"stop", "Thôi hưởng, tạm dừng hoặc hưởng lại trợ cấp"},
    {"transfer", "Chuyển nơi cư trú"},
    {"care", "Hỗ trợ kinh phí chăm sóc, nuôi dưỡng hằng tháng"},
    {"funeral", "Hỗ trợ chi phí mai táng"},
};

static const struct {
    const char *code;
    const char *name;
} roles[PROCEDURE_ROLE_COUNT] = {
    {"commune_officer", "công chức cấp xã"},
    {"commune_chairman", "Chủ tịch UBND cấp xã"},
    {"district_officer", "Phòng Lao động - Thương binh và Xã hội"},
    {"district_chairman", "Chủ tịch UBND cấp huyện"},
};

/* Built-in actions and terminal states, with their effect. */
static const struct {
    const char *code;
    const char *name;
    int effect;
} builtins[] = {
    {"request_documents", "Yêu cầu bổ sung hồ sơ", PROCEDURE_EFFECT_PAUSE},
    {"documents_received", "Đã nhận đủ hồ sơ bổ sung", PROCEDURE_EFFECT_RESUME},
    {"complaint_received", "Tiếp nhận khiếu nại", PROCEDURE_EFFECT_COMPLAINT},
    {"complaint_resolved", "Trả lời khiếu nại bằng văn bản",
     PROCEDURE_EFFECT_COMPLAINT_RESOLVE},
    {"withdraw", "Rút hồ sơ", PROCEDURE_EFFECT_WITHDRAW},
    {"refuse", "Từ chối bằng văn bản, nêu rõ lý do", PROCEDURE_EFFECT_REFUSE},
    {"decide", "Ký quyết định", PROCEDURE_EFFECT_DECIDE},
    {PROCEDURE_DECIDED, "Đã có quyết định", -1},
    {PROCEDURE_REFUSED, "Đã từ chối", -1},
    {PROCEDURE_WITHDRAWN, "Đã rút hồ sơ", -1},
};

int procedure_kind_parse(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = 0; i < PROCEDURE_KIND_COUNT; i++)
        if (strcmp(kinds[i].code, s) == 0)
            return i;
    return -1;
}

const char *procedure_kind_code(int kind)
{
    return kind >= 0 && kind < PROCEDURE_KIND_COUNT ? kinds[kind].code : "";
}

const char *procedure_kind_name(int kind)
{
    return kind >= 0 && kind < PROCEDURE_KIND_COUNT ? kinds[kind].name : "";
}

int procedure_role_parse(const char *s)
{
    int i;

    if (s == NULL)
        return -1;
    for (i = 0; i < PROCEDURE_ROLE_COUNT; i++)
        if (strcmp(roles[i].code, s) == 0)
            return i;
    return -1;
}

const char *procedure_role_code(int role)
{
    return role >= 0 && role < PROCEDURE_ROLE_COUNT ? roles[role].code : "";
}

const char *procedure_role_name(int role)
{
    return role >= 0 && role < PROCEDURE_ROLE_COUNT ? roles[role].name : "";
}

const char *procedure_builtin_name(const char *code)
{
    size_t i;

    if (code == NULL)
        return "";
    for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (strcmp(builtins[i].code, code) == 0)
            return builtins[i].name;
    return "";
}

int proc_effect_of(const char *code, const char *next)
{
    size_t i;

    for (i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (builtins[i].effect >= 0 && strcmp(builtins[i].code, code) == 0)
            return builtins[i].effect;
    return strcmp(next, "same") == 0 ? PROCEDURE_EFFECT_RECORD
                                     : PROCEDURE_EFFECT_MOVE;
}

int proc_is_terminal(const char *code)
{
    return strcmp(code, PROCEDURE_DECIDED) == 0 ||
           strcmp(code, PROCEDURE_REFUSED) == 0 ||
           strcmp(code, PROCEDURE_WITHDRAWN) == 0;
}

void proc_roles_text(unsigned set, char *out, size_t cap)
{
    size_t used = 0;
    int i;

    if (cap == 0)
        return;
    out[0] = '\0';
    for (i = 0; i < PROCEDURE_ROLE_COUNT; i++) {
        int n;

        if (!(set & (1u << i)))
            continue;
        n = snprintf(out + used, cap - used, "%s%s", used ? ", " : "",
                     roles[i].name);
        if (n < 0 || (size_t)n >= cap - used)
            return;
        used += (size_t)n;
    }
}

/* --- The finished set ------------------------------------------------------
 */

size_t procedure_count(const struct procedure_set *s)
{
    return s && s->finished ? s->nprocs : 0;
}

const struct procedure *procedure_at(const struct procedure_set *s, size_t i)
{
    return s && s->finished && i < s->nprocs ? &s->procs[i] : NULL;
}

size_t procedure_flag_count(const struct procedure_set *s)
{
    return s && s->finished ? s->nflags : 0;
}

const struct procedure_flag *procedure_flag_at(const struct procedure_set *s,
                                               size_t i)
{
    return s && s->finished && i < s->nflags ? &s->flags[i] : NULL;
}

const struct procedure *procedure_find(const struct procedure_set *s,
                                       const char *id)
{
    size_t i;

    if (s == NULL || !s->finished || id == NULL)
        return NULL;
    for (i = 0; i < s->nprocs; i++)
        if (strcmp(s->procs[i].id, id) == 0)
            return &s->procs[i];
    return NULL;
}

const struct procedure *procedure_choose(const struct procedure_set *s,
                                         int kind, struct date submitted)
{
    size_t i;

    if (s == NULL || !s->finished || kind < 0 || kind >= PROCEDURE_KIND_COUNT)
        return NULL;
    for (i = 0; i < s->nprocs; i++) {
        const struct procedure *p = &s->procs[i];

        if ((p->kinds & (1u << kind)) && date_cmp(p->from, submitted) <= 0 &&
            (!p->has_to || date_cmp(submitted, p->to) < 0))
            return p;
    }
    return NULL;
}

const struct procedure_signer *
procedure_signer_on(const struct procedure_set *s, struct date signed_on)
{
    size_t i;

    if (s == NULL || !s->finished)
        return NULL;
    for (i = 0; i < s->nsigners; i++) {
        const struct procedure_signer *g = &s->signers[i];

        if (date_cmp(g->from, signed_on) <= 0 &&
            (!g->has_to || date_cmp(signed_on, g->to) < 0))
            return g;
    }
    return NULL;
}

const struct procedure_step *procedure_step(const struct procedure *p,
                                            const char *code)
{
    size_t i;

    if (p == NULL || code == NULL)
        return NULL;
    for (i = 0; i < p->nsteps; i++)
        if (strcmp(p->steps[i].code, code) == 0)
            return &p->steps[i];
    return NULL;
}

const struct procedure_action *
procedure_action(const struct procedure *p, const char *step, const char *code)
{
    size_t i;

    if (p == NULL || step == NULL || code == NULL)
        return NULL;
    for (i = 0; i < p->nactions; i++)
        if (strcmp(p->actions[i].step, step) == 0 &&
            strcmp(p->actions[i].code, code) == 0)
            return &p->actions[i];
    return NULL;
}

int procedure_check(const struct procedure *p, const char *step,
                    const char *action, const char *role,
                    const struct procedure_action **out, char *msg,
                    size_t msglen)
{
    const struct procedure_action *a = procedure_action(p, step, action);
    int r = procedure_role_parse(role);
    char list[200];

    if (msg != NULL && msglen > 0)
        msg[0] = '\0';
    if (a == NULL) {
        size_t i, used = 0;

        list[0] = '\0';
        for (i = 0; p != NULL && step != NULL && i < p->nactions; i++) {
            int n;

            if (strcmp(p->actions[i].step, step) != 0)
                continue;
            n = snprintf(list + used, sizeof list - used, "%s%s",
                         used ? ", " : "", p->actions[i].code);
            if (n < 0 || (size_t)n >= sizeof list - used)
                break;
            used += (size_t)n;
        }
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen,
                     used ? "Không thể thực hiện thao tác này ở bước hiện "
                            "tại; các thao tác có thể: %s."
                          : "Không thể thực hiện thao tác này ở bước hiện "
                            "tại%s.",
                     list);
        return PROCEDURE_ENOTFOUND;
    }
    if (r < 0 || !(a->roles & (1u << r))) {
        proc_roles_text(a->roles, list, sizeof list);
        if (msg != NULL && msglen > 0)
            snprintf(msg, msglen,
                     "Thao tác \"%s\" ở bước này chỉ dành cho: %s.", a->name,
                     list);
        return PROCEDURE_EROLE;
    }
    if (out != NULL)
        *out = a;
    return PROCEDURE_OK;
}

int procedure_deadline(const struct workdays_calendar *cal,
                       const struct procedure_step *step, struct date started,
                       struct date submitted, int stopped, struct date *out)
{
    struct date base, d;

    if (cal == NULL || step == NULL || stopped < 0)
        return PROCEDURE_EINVAL;
    if (step->clock == PROCEDURE_CLOCK_NONE || step->days < 0)
        return 1;
    base = step->clock == PROCEDURE_CLOCK_DOSSIER ? submitted : started;
    if (stopped > 100000 ||
        workdays_add(cal, base, step->days + stopped, &d) != WORKDAYS_OK)
        return PROCEDURE_ECALENDAR;
    *out = d;
    return PROCEDURE_OK;
}
