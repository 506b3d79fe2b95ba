/* forms.c: Forms 10a-10d (see oversight.h). */
#include "app/oversight.h"

#include "app/oversight_int.h"

int app_form_get(struct db *db, const struct app_scope *scope, const char *form,
                 const char *unit, const char *year, const char *half,
                 json_t **out, struct app_report_err *err)
{
    (void)db;
    (void)scope;
    (void)form;
    (void)unit;
    (void)year;
    (void)half;
    *out = NULL;
    return ov_fail(err, APP_REPORT_EINTERNAL, "not_ready", NULL,
                   "Chưa có mẫu.");
}

int app_form_export(struct db *db, const struct app_scope *scope,
                    const char *form, const char *unit, const char *year,
                    const char *half, int format, char **data, size_t *len,
                    struct app_report_err *err)
{
    json_t *j = NULL;

    (void)format;
    *data = NULL;
    *len = 0;
    return app_form_get(db, scope, form, unit, year, half, &j, err);
}
