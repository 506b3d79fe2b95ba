/* audit.c: reading and checking the audit trail (see audit.h). */
#include "app/audit.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "app/scope.h"
#include "store/db.h"

#define TEXT_CAP 64 /* bytes of a text filter */

static void set_err(struct app_audit_err *err, const char *field,
                    const char *msg)
{
    snprintf(err->field, sizeof err->field, "%s", field);
    snprintf(err->msg, sizeof err->msg, "%s", msg);
}

static int too_long(const char *s)
{
    return s != NULL && strlen(s) > TEXT_CAP;
}

int app_audit_list(struct db *db, const struct app_scope *scope,
                   const struct app_audit_query *q,
                   struct store_audit_list *out, struct app_audit_err *err)
{
    struct store_audit_filter f;

    memset(out, 0, sizeof *out);
    err->field[0] = '\0';
    err->msg[0] = '\0';
    if (too_long(q->entity) || too_long(q->entity_id) || too_long(q->actor)) {
        set_err(err,
                too_long(q->entity)      ? "entity"
                : too_long(q->entity_id) ? "entity_id"
                                         : "actor",
                "Giá trị lọc dài quá 64 byte.");
        return APP_AUDIT_EINVAL;
    }
    if (q->entity_id != NULL && q->entity_id[0] != '\0' &&
        (q->entity == NULL || q->entity[0] == '\0')) {
        set_err(err, "entity_id",
                "Lọc theo entity_id cần kèm entity (ví dụ entity=user).");
        return APP_AUDIT_EINVAL;
    }
    if (q->page < 1 || q->page > 1000000) {
        set_err(err, "page", "Trang phải là số nguyên từ 1.");
        return APP_AUDIT_EINVAL;
    }
    if (q->per_page < 1 || q->per_page > APP_AUDIT_PAGE_MAX) {
        set_err(err, "per_page", "Số dòng mỗi trang phải từ 1 đến 200.");
        return APP_AUDIT_EINVAL;
    }
    memset(&f, 0, sizeof f);
    f.entity = q->entity;
    f.entity_id = q->entity_id;
    f.actor = q->actor;
    if (scope != NULL && scope->level != APP_SCOPE_NATIONAL)
        f.area = scope->area_code;
    return store_audit_list_get(db, &f, (q->page - 1) * q->per_page,
                                q->per_page, out);
}

void app_audit_describe(const struct store_audit_verify *v, char *out,
                        size_t cap)
{
    long long id = (long long)v->broken_id;

    switch (v->broken) {
    case STORE_AUDIT_WHOLE:
        snprintf(out, cap,
                 "Chuỗi nhật ký toàn vẹn: %lld bản ghi đã kiểm tra (%lld bản "
                 "ghi cũ trước khi có chuỗi).",
                 (long long)v->checked, (long long)v->legacy);
        break;
    case STORE_AUDIT_MISSING:
        snprintf(out, cap,
                 "Mắt xích hỏng đầu tiên: bản ghi %lld bị mất (đã "
                 "bị xoá).",
                 id);
        break;
    case STORE_AUDIT_LINK:
        snprintf(out, cap,
                 "Mắt xích hỏng đầu tiên: bản ghi %lld không nối với bản ghi "
                 "trước nó (prev_hash bị sửa, hoặc bản ghi trước bị sửa rồi "
                 "băm lại).",
                 id);
        break;
    case STORE_AUDIT_CONTENT:
        snprintf(out, cap,
                 "Mắt xích hỏng đầu tiên: nội dung bản ghi %lld không khớp "
                 "mã băm (đã bị sửa).",
                 id);
        break;
    case STORE_AUDIT_TAIL:
        snprintf(out, cap,
                 "Mắt xích hỏng đầu tiên: các bản ghi từ %lld đến %lld ở cuối "
                 "chuỗi bị mất.",
                 id, (long long)v->last_id);
        break;
    case STORE_AUDIT_EXTRA:
        snprintf(out, cap,
                 "Mắt xích hỏng đầu tiên: bản ghi %lld không do chương trình "
                 "ghi (thêm ngoài chuỗi).",
                 id);
        break;
    default:
        snprintf(out, cap,
                 "Đầu chuỗi (bảng audit_head) bị mất hoặc không khớp bản ghi "
                 "cuối %lld.",
                 id);
        break;
    }
}
