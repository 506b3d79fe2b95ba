/* procedure_finish.c: the checks of procedure rows against each other and
 * the build of the immutable set (see procedure.h for the rules checked).
 *
 * Rows whose flag is off are checked for what they name (procedure, step,
 * flag) but take no part in the built procedures; the graph checks
 * (reachable steps, a way to a decision) run on what is active, so
 * turning a flag on or off can never leave a dossier stuck at a step.
 */
#include "core/procedure.h"

#include <stdlib.h>
#include <string.h>

#include "core/procedure_int.h"
#include "util/xalloc.h"

#define ROLE(r) (1u << (r))
#define COMMUNE_ROLES                                                          \
    (ROLE(PROCEDURE_ROLE_COMMUNE_OFFICER) |                                    \
     ROLE(PROCEDURE_ROLE_COMMUNE_CHAIRMAN))
#define DISTRICT_ROLES                                                         \
    (ROLE(PROCEDURE_ROLE_DISTRICT_OFFICER) |                                   \
     ROLE(PROCEDURE_ROLE_DISTRICT_CHAIRMAN))
#define CHAIRMEN                                                               \
    (ROLE(PROCEDURE_ROLE_COMMUNE_CHAIRMAN) |                                   \
     ROLE(PROCEDURE_ROLE_DISTRICT_CHAIRMAN))

static int rerr(struct procedure_err *err, int rc, const struct proc_row *w,
                const char *msg)
{
    return proc_err(err, rc, w->src.file, w->src.line, "%s", msg);
}

static const struct procedure_flag *flag_find(const struct procedure_set *s,
                                              const char *code)
{
    size_t i;

    for (i = 0; i < s->nflags; i++)
        if (strcmp(s->flags[i].code, code) == 0)
            return &s->flags[i];
    return NULL;
}

/* 1 if the row applies with the flags as set (flags checked to exist). */
static int row_active(const struct procedure_set *s, const struct proc_row *w)
{
    const struct procedure_flag *f;

    if (w->flag[0] == '\0')
        return 1;
    f = flag_find(s, w->flag);
    return f != NULL && f->on != w->flag_negated;
}

static struct procedure_source src_of(const struct proc_row *w)
{
    return w->src;
}

static int build_flags(struct procedure_set *s, struct procedure_err *err)
{
    const char *file = s->nfiles ? s->files[0] : "dữ liệu thủ tục";
    size_t i, j;

    s->flags = xcalloc(PROCEDURE_MAX_FLAGS, sizeof *s->flags);
    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];

        if (w->kind != PR_FLAG)
            continue;
        if (flag_find(s, w->flag) != NULL)
            return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                            "cờ %s được khai báo hai lần", w->flag);
        if (s->nflags >= PROCEDURE_MAX_FLAGS)
            return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                            "quá %d cờ", PROCEDURE_MAX_FLAGS);
        s->flags[s->nflags].code = w->flag;
        s->flags[s->nflags].name = w->name;
        s->flags[s->nflags].on = w->value;
        s->flags[s->nflags].src = src_of(w);
        s->nflags++;
    }
    for (i = 0; i < s->noverrides; i++) {
        for (j = 0; j < s->nflags; j++)
            if (strcmp(s->flags[j].code, s->override_code[i]) == 0)
                break;
        if (j == s->nflags)
            return proc_err(err, PROCEDURE_ECONFLICT, file, 0,
                            "cờ %s được bật hoặc tắt nhưng không có trong "
                            "dữ liệu",
                            s->override_code[i]);
        s->flags[j].on = s->override_on[i];
    }
    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];

        if (w->flag[0] != '\0' && flag_find(s, w->flag) == NULL)
            return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                            "cờ %s chưa được khai báo (dòng "
                            "loại flag)",
                            w->flag);
    }
    return PROCEDURE_OK;
}

static int signer_cmp(const void *a, const void *b)
{
    const struct procedure_signer *x = a, *y = b;

    return date_cmp(x->from, y->from);
}

static int build_signers(struct procedure_set *s, struct procedure_err *err)
{
    size_t i, n = 0;

    for (i = 0; i < s->nrows; i++)
        n += s->rows[i].kind == PR_SIGNER;
    s->signers = xcalloc(n ? n : 1, sizeof *s->signers);
    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];
        struct procedure_signer *g;
        unsigned want;

        if (w->kind != PR_SIGNER)
            continue;
        want = w->area == PROCEDURE_AREA_DISTRICT
                   ? ROLE(PROCEDURE_ROLE_DISTRICT_CHAIRMAN)
                   : ROLE(PROCEDURE_ROLE_COMMUNE_CHAIRMAN);
        if (w->roles != want)
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "người ký phải là chủ tịch UBND của cấp ghi ở cột "
                        "area (district_chairman cho district, "
                        "commune_chairman cho commune)");
        g = &s->signers[s->nsigners++];
        for (g->role = 0; !(w->roles & ROLE(g->role)); g->role++)
            ;
        g->area = w->area;
        g->from = w->from;
        g->to = w->to;
        g->has_to = w->has_to;
        g->name = w->name;
        g->src = src_of(w);
    }
    qsort(s->signers, s->nsigners, sizeof *s->signers, signer_cmp);
    for (i = 0; i + 1 < s->nsigners; i++) {
        const struct procedure_signer *a = &s->signers[i], *b = a + 1;

        if (!a->has_to || date_cmp(a->to, b->from) > 0)
            return proc_err(err, PROCEDURE_ECONFLICT, b->src.file, b->src.line,
                            "thời gian của người ký chồng lên dòng %zu",
                            a->src.line);
    }
    return PROCEDURE_OK;
}

/* The procedure row with id, or NULL. */
static const struct proc_row *proc_row_find(const struct procedure_set *s,
                                            const char *id)
{
    size_t i;

    for (i = 0; i < s->nrows; i++)
        if (s->rows[i].kind == PR_PROCEDURE &&
            strcmp(s->rows[i].procedure, id) == 0)
            return &s->rows[i];
    return NULL;
}

/* The step row `code` of procedure id (active or not), or NULL. */
static const struct proc_row *step_row_find(const struct procedure_set *s,
                                            const char *id, const char *code)
{
    size_t i;

    for (i = 0; i < s->nrows; i++)
        if (s->rows[i].kind == PR_STEP &&
            strcmp(s->rows[i].procedure, id) == 0 &&
            strcmp(s->rows[i].step, code) == 0)
            return &s->rows[i];
    return NULL;
}

static int overlaps(const struct proc_row *a, const struct proc_row *b)
{
    /* [a.from, a.to) and [b.from, b.to) meet */
    if (a->has_to && date_cmp(a->to, b->from) <= 0)
        return 0;
    if (b->has_to && date_cmp(b->to, a->from) <= 0)
        return 0;
    return 1;
}

static int check_procedures(const struct procedure_set *s,
                            struct procedure_err *err)
{
    size_t i, j, n = 0;

    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];

        if (w->kind != PR_PROCEDURE)
            continue;
        if (++n > PROCEDURE_MAX_PROCS)
            return rerr(err, PROCEDURE_ECONFLICT, w, "quá nhiều thủ tục");
        if (w->roles & ~COMMUNE_ROLES)
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "hồ sơ được nộp tại cấp xã: cột roles chỉ gồm "
                        "commune_officer, commune_chairman");
        for (j = 0; j < i; j++) {
            const struct proc_row *v = &s->rows[j];

            if (v->kind != PR_PROCEDURE)
                continue;
            if (strcmp(v->procedure, w->procedure) == 0)
                return proc_err(err, PROCEDURE_ECONFLICT, w->src.file,
                                w->src.line, "thủ tục %s đã có ở dòng %zu",
                                w->procedure, v->src.line);
            if ((v->kinds & w->kinds) && overlaps(v, w))
                return proc_err(err, PROCEDURE_ECONFLICT, w->src.file,
                                w->src.line,
                                "thủ tục %s và %s (dòng %zu) cùng áp dụng cho "
                                "một loại hồ sơ trong cùng thời gian",
                                w->procedure, v->procedure, v->src.line);
        }
    }
    return PROCEDURE_OK;
}

static int check_step(const struct procedure_set *s, const struct proc_row *w,
                      struct procedure_err *err)
{
    const struct proc_row *p = proc_row_find(s, w->procedure);
    const struct proc_row *first = step_row_find(s, w->procedure, w->step);
    unsigned area_roles;

    if (p == NULL)
        return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                        "thủ tục %s chưa được khai báo (dòng loại procedure)",
                        w->procedure);
    if (first != w)
        return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                        "bước %s của thủ tục %s đã có ở dòng %zu", w->step,
                        w->procedure, first->src.line);
    if (w->area == PROCEDURE_AREA_DISTRICT &&
        p->structure != PROCEDURE_THREE_TIER)
        return rerr(err, PROCEDURE_ECONFLICT, w,
                    "thủ tục hai cấp không có bước ở cấp huyện");
    area_roles =
        w->area == PROCEDURE_AREA_DISTRICT ? DISTRICT_ROLES : COMMUNE_ROLES;
    if (w->roles & ~area_roles)
        return rerr(err, PROCEDURE_ECONFLICT, w,
                    "vai trò trong cột roles phải thuộc cấp ghi ở cột area");
    if (w->is_public && !w->hide_hiv)
        return rerr(err, PROCEDURE_ECONFLICT, w,
                    "bước niêm yết công khai phải ẩn thông tin HIV "
                    "(hide_hiv = 1; Nghị định 20/2021/NĐ-CP Điều 8 khoản 1 "
                    "điểm b)");
    return PROCEDURE_OK;
}

static int is_complaint(const char *code)
{
    return strcmp(code, "complaint_received") == 0 ||
           strcmp(code, "complaint_resolved") == 0;
}

static int check_action(const struct procedure_set *s, const struct proc_row *w,
                        struct procedure_err *err)
{
    int effect = proc_effect_of(w->action, w->next);
    int builtin = procedure_builtin_name(w->action)[0] != '\0';
    const struct proc_row *step = NULL;

    if (proc_row_find(s, w->procedure) == NULL)
        return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                        "thủ tục %s chưa được khai báo (dòng loại procedure)",
                        w->procedure);
    if (proc_is_terminal(w->step)) {
        if (strcmp(w->step, PROCEDURE_WITHDRAWN) == 0 ||
            !is_complaint(w->action))
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "sau khi kết thúc (decided, refused) chỉ có "
                        "complaint_received và complaint_resolved");
        if (w->roles == 0)
            return rerr(err, PROCEDURE_EFORMAT, w,
                        "hành động ở trạng thái kết thúc phải ghi cột roles");
    } else if (strcmp(w->step, "*") == 0) {
        if (w->roles != 0)
            return rerr(err, PROCEDURE_EFORMAT, w,
                        "hành động ở mọi bước (*) dùng vai trò của từng bước: "
                        "để trống cột roles");
    } else {
        step = step_row_find(s, w->procedure, w->step);
        if (step == NULL)
            return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                            "thủ tục %s không có bước %s", w->procedure,
                            w->step);
        if (w->roles & ~step->roles)
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "vai trò trong cột roles phải là vai trò của bước");
    }
    if (!builtin && w->name == NULL)
        return rerr(err, PROCEDURE_EFORMAT, w,
                    "hành động tự đặt phải có tên (cột name)");
    switch (effect) {
    case PROCEDURE_EFFECT_WITHDRAW:
    case PROCEDURE_EFFECT_REFUSE:
    case PROCEDURE_EFFECT_DECIDE:
        if (!proc_is_terminal(w->next) ||
            (effect == PROCEDURE_EFFECT_WITHDRAW &&
             strcmp(w->next, PROCEDURE_WITHDRAWN) != 0) ||
            (effect == PROCEDURE_EFFECT_REFUSE &&
             strcmp(w->next, PROCEDURE_REFUSED) != 0) ||
            (effect == PROCEDURE_EFFECT_DECIDE &&
             strcmp(w->next, PROCEDURE_DECIDED) != 0))
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "withdraw dẫn tới withdrawn, refuse tới refused, "
                        "decide tới decided");
        break;
    case PROCEDURE_EFFECT_PAUSE:
    case PROCEDURE_EFFECT_RESUME:
    case PROCEDURE_EFFECT_COMPLAINT:
    case PROCEDURE_EFFECT_COMPLAINT_RESOLVE:
        if (strcmp(w->next, "same") != 0)
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "hành động này giữ hồ sơ ở bước: cột next phải là "
                        "same");
        break;
    case PROCEDURE_EFFECT_MOVE:
        if (proc_is_terminal(w->next))
            return rerr(err, PROCEDURE_ECONFLICT, w,
                        "chỉ withdraw, refuse, decide dẫn tới trạng thái kết "
                        "thúc");
        if (step_row_find(s, w->procedure, w->next) == NULL)
            return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                            "thủ tục %s không có bước %s", w->procedure,
                            w->next);
        break;
    default:
        break;
    }
    if ((effect == PROCEDURE_EFFECT_COMPLAINT) != (w->days >= 0))
        return rerr(err, PROCEDURE_EFORMAT, w,
                    "cột days chỉ dùng (và bắt buộc) cho complaint_received: "
                    "thời hạn giải quyết khiếu nại");
    if (effect == PROCEDURE_EFFECT_DECIDE && step != NULL &&
        ((w->roles ? w->roles : step->roles) & ~CHAIRMEN))
        return rerr(err, PROCEDURE_ECONFLICT, w,
                    "chỉ chủ tịch UBND ra quyết định (decide)");
    if (w->requires[0] != '\0' && strcmp(w->requires, w->action) == 0)
        return rerr(err, PROCEDURE_ECONFLICT, w,
                    "hành động không thể đòi chính nó (cột requires)");
    return PROCEDURE_OK;
}

/* --- Building one procedure ------------------------------------------------
 */

static int act_cmp_key(const struct procedure_action *a, const char *step,
                       const char *code)
{
    return strcmp(a->step, step) == 0 && strcmp(a->code, code) == 0;
}

static const struct procedure_action *
find_built(const struct procedure_action *a, size_t n, const char *step,
           const char *code)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (act_cmp_key(&a[i], step, code))
            return &a[i];
    return NULL;
}

static int add_action(struct procedure_action *out, size_t *n,
                      const struct proc_row *w, const char *step,
                      unsigned roles, struct procedure_err *err)
{
    struct procedure_action *a;

    if (find_built(out, *n, step, w->action) != NULL)
        return proc_err(err, PROCEDURE_ECONFLICT, w->src.file, w->src.line,
                        "hành động %s ở bước %s đã có", w->action, step);
    if (*n >= PROCEDURE_MAX_ACTIONS)
        return rerr(err, PROCEDURE_ECONFLICT, w, "quá nhiều hành động");
    a = &out[(*n)++];
    a->step = step;
    a->code = w->action;
    a->name = w->name ? w->name : procedure_builtin_name(w->action);
    a->next = strcmp(w->next, "same") == 0 ? NULL : w->next;
    a->effect = proc_effect_of(w->action, w->next);
    a->roles = roles;
    a->requires = w->requires[0] ? w->requires : NULL;
    a->days = w->days;
    a->src = src_of(w);
    return PROCEDURE_OK;
}

/* Index of step code among steps, or -1. */
static int step_index(const struct procedure_step *steps, size_t n,
                      const char *code)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(steps[i].code, code) == 0)
            return (int)i;
    return -1;
}

/* Pairs, requires and the graph of a built procedure. */
static int check_built(const struct procedure *p, const struct proc_row *prow,
                       struct procedure_err *err)
{
    static const char *const pairs[][2] = {
        {"request_documents", "documents_received"},
        {"complaint_received", "complaint_resolved"}};
    int reach[PROCEDURE_MAX_STEPS] = {0}, decides[PROCEDURE_MAX_STEPS] = {0};
    size_t i, k;
    int changed;

    for (i = 0; i < p->nactions; i++) {
        const struct procedure_action *a = &p->actions[i];

        for (k = 0; k < 2; k++) {
            const char *other = NULL;

            if (strcmp(a->code, pairs[k][0]) == 0)
                other = pairs[k][1];
            else if (strcmp(a->code, pairs[k][1]) == 0)
                other = pairs[k][0];
            if (other &&
                find_built(p->actions, p->nactions, a->step, other) == NULL)
                return proc_err(err, PROCEDURE_ECONFLICT, a->src.file,
                                a->src.line, "bước %s có %s nhưng thiếu %s",
                                a->step, a->code, other);
        }
        if (a->requires &&
            find_built(p->actions, p->nactions, a->step, a->requires) == NULL)
            return proc_err(err, PROCEDURE_ECONFLICT, a->src.file, a->src.line,
                            "hành động %s đòi %s nhưng bước %s không có %s",
                            a->code, a->requires, a->step, a->requires);
        if (a->effect == PROCEDURE_EFFECT_MOVE &&
            step_index(p->steps, p->nsteps, a->next) < 0)
            return proc_err(err, PROCEDURE_ECONFLICT, a->src.file, a->src.line,
                            "bước tiếp theo %s không áp dụng (cờ đang tắt) "
                            "trong khi hành động vẫn áp dụng",
                            a->next);
        if (!proc_is_terminal(a->step) &&
            step_index(p->steps, p->nsteps, a->step) < 0)
            return proc_err(err, PROCEDURE_ECONFLICT, a->src.file, a->src.line,
                            "bước %s không áp dụng (cờ đang tắt) trong khi "
                            "hành động vẫn áp dụng",
                            a->step);
    }
    if (p->nsteps == 0)
        return rerr(err, PROCEDURE_ECONFLICT, prow, "thủ tục không có bước");
    /* Forward: every step reachable from the first. */
    reach[0] = 1;
    do {
        changed = 0;
        for (i = 0; i < p->nactions; i++) {
            const struct procedure_action *a = &p->actions[i];
            int from = step_index(p->steps, p->nsteps, a->step), to;

            if (from < 0 || !reach[from] || a->effect != PROCEDURE_EFFECT_MOVE)
                continue;
            to = step_index(p->steps, p->nsteps, a->next);
            if (!reach[to]) {
                reach[to] = 1;
                changed = 1;
            }
        }
    } while (changed);
    /* Backward: every step can reach a decision. */
    for (i = 0; i < p->nactions; i++) {
        int from = step_index(p->steps, p->nsteps, p->actions[i].step);

        if (from >= 0 && p->actions[i].effect == PROCEDURE_EFFECT_DECIDE)
            decides[from] = 1;
    }
    do {
        changed = 0;
        for (i = 0; i < p->nactions; i++) {
            const struct procedure_action *a = &p->actions[i];
            int from = step_index(p->steps, p->nsteps, a->step);

            if (from < 0 || decides[from] || a->effect != PROCEDURE_EFFECT_MOVE)
                continue;
            if (decides[step_index(p->steps, p->nsteps, a->next)]) {
                decides[from] = 1;
                changed = 1;
            }
        }
    } while (changed);
    for (i = 0; i < p->nsteps; i++) {
        if (!reach[i])
            return proc_err(err, PROCEDURE_ECONFLICT, p->steps[i].src.file,
                            p->steps[i].src.line,
                            "không có hành động nào dẫn tới bước %s",
                            p->steps[i].code);
        if (!decides[i])
            return proc_err(err, PROCEDURE_ECONFLICT, p->steps[i].src.file,
                            p->steps[i].src.line,
                            "từ bước %s không thể đi tới quyết định (decide)",
                            p->steps[i].code);
    }
    return PROCEDURE_OK;
}

static int build_procedure(struct procedure_set *s, const struct proc_row *prow,
                           struct procedure *p, struct procedure_err *err)
{
    struct procedure_step *steps;
    struct procedure_action *acts;
    size_t i, k, nacts = 0;
    int rc;

    memset(p, 0, sizeof *p);
    p->id = prow->procedure;
    p->name = prow->name;
    p->kinds = prow->kinds;
    p->structure = prow->structure;
    p->from = prow->from;
    p->to = prow->to;
    p->has_to = prow->has_to;
    p->submit_roles = prow->roles;
    p->src = src_of(prow);
    steps = xcalloc(PROCEDURE_MAX_STEPS, sizeof *steps);
    acts = xcalloc(PROCEDURE_MAX_ACTIONS, sizeof *acts);
    s->owned = xreallocarray(s->owned, s->nowned + 2, sizeof *s->owned);
    s->owned[s->nowned++] = steps;
    s->owned[s->nowned++] = acts;
    p->steps = steps;
    p->actions = acts;
    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];
        struct procedure_step *st;

        if (w->kind != PR_STEP || strcmp(w->procedure, p->id) != 0 ||
            !row_active(s, w))
            continue;
        if (p->nsteps >= PROCEDURE_MAX_STEPS)
            return rerr(err, PROCEDURE_ECONFLICT, w, "quá nhiều bước");
        st = &steps[p->nsteps++];
        st->code = w->step;
        st->name = w->name;
        st->days = w->days;
        st->clock = w->clock > 0 ? w->clock : PROCEDURE_CLOCK_NONE;
        st->roles = w->roles;
        st->area = w->area;
        st->is_public = w->is_public;
        st->hide_hiv = w->hide_hiv;
        st->src = src_of(w);
    }
    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];

        if (w->kind != PR_ACTION || strcmp(w->procedure, p->id) != 0 ||
            !row_active(s, w))
            continue;
        if (strcmp(w->step, "*") == 0) {
            for (k = 0; k < p->nsteps; k++) {
                rc = add_action(acts, &nacts, w, steps[k].code, steps[k].roles,
                                err);
                if (rc != PROCEDURE_OK)
                    return rc;
            }
            continue;
        }
        if (proc_is_terminal(w->step)) {
            rc = add_action(acts, &nacts, w, w->step, w->roles, err);
        } else {
            int si = step_index(steps, p->nsteps, w->step);

            rc = add_action(
                acts, &nacts, w, w->step,
                w->roles ? w->roles : (si >= 0 ? steps[si].roles : 0), err);
        }
        if (rc != PROCEDURE_OK)
            return rc;
    }
    p->nactions = nacts;
    /* Actions leaving a decision step must be taken by chairmen (checked
     * on rows with explicit roles; here for inherited ones too). */
    for (i = 0; i < nacts; i++) {
        if (acts[i].effect == PROCEDURE_EFFECT_DECIDE &&
            (acts[i].roles & ~CHAIRMEN))
            return proc_err(err, PROCEDURE_ECONFLICT, acts[i].src.file,
                            acts[i].src.line,
                            "chỉ chủ tịch UBND ra quyết định (decide)");
    }
    return check_built(p, prow, err);
}

int procedure_set_finish(struct procedure_set *s, struct procedure_err *err)
{
    size_t i, n = 0;
    int rc;

    if (s == NULL || s->finished)
        return proc_err(err, PROCEDURE_EINVAL, "dữ liệu thủ tục", 0,
                        "bộ dữ liệu đã hoàn tất hoặc không tồn tại");
    if ((rc = build_flags(s, err)) != PROCEDURE_OK ||
        (rc = build_signers(s, err)) != PROCEDURE_OK ||
        (rc = check_procedures(s, err)) != PROCEDURE_OK)
        return rc;
    for (i = 0; i < s->nrows; i++) {
        const struct proc_row *w = &s->rows[i];

        if (w->kind == PR_STEP)
            rc = check_step(s, w, err);
        else if (w->kind == PR_ACTION)
            rc = check_action(s, w, err);
        if (rc != PROCEDURE_OK)
            return rc;
        n += w->kind == PR_PROCEDURE;
    }
    if (n == 0)
        return proc_err(err, PROCEDURE_ECONFLICT,
                        s->nfiles ? s->files[0] : "dữ liệu thủ tục", 0,
                        "không có thủ tục nào");
    s->procs = xcalloc(n, sizeof *s->procs);
    for (i = 0; i < s->nrows; i++) {
        if (s->rows[i].kind != PR_PROCEDURE)
            continue;
        rc = build_procedure(s, &s->rows[i], &s->procs[s->nprocs++], err);
        if (rc != PROCEDURE_OK)
            return rc;
    }
    s->finished = 1;
    return PROCEDURE_OK;
}
