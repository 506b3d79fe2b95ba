/* oversight_export.c: the oversight document as XLSX, print view and PDF
 * (see oversight.h). */
#include "app/oversight.h"

#include "app/oversight_int.h"

int app_oversight_export(struct db *db, const struct app_scope *scope,
                         const char *date, const char *unit, int format,
                         char **data, size_t *len, struct app_report_err *err)
{
    (void)db;
    (void)scope;
    (void)date;
    (void)unit;
    (void)format;
    *data = NULL;
    *len = 0;
    return ov_fail(err, APP_REPORT_EINTERNAL, "not_ready", NULL,
                   "Chưa có bản in.");
}
