/* test_scope.c: area scopes (app/scope.h) on the real unit lists, on both
 * engines: a commune, district, province and national scope contain what
 * lies below them on the date asked, across the 2025-07-01 reform; area
 * paths and names of current and abolished units. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app/auth.h"
#include "app/scope.h"
#include "store/db.h"
#include "testdb.h"

#define OLD "2025-06-30" /* three tiers: 35 > 347 > 13285 */
#define NEW "2026-01-15" /* two tiers: 37 > 13285 */

static int setup(void **state)
{
    *state = testdb_open();
    return *state == NULL;
}

static int teardown(void **state)
{
    db_close(*state);
    return 0;
}

static struct app_scope scope_of(const char *area)
{
    struct app_user u;
    struct app_scope s;

    memset(&u, 0, sizeof u);
    snprintf(u.area_code, sizeof u.area_code, "%s", area);
    app_scope_of_user(&u, &s);
    return s;
}

static int in(struct db *db, const char *area, const char *unit,
              const char *date)
{
    struct app_scope s = scope_of(area);
    int rc = app_scope_contains(db, &s, unit, date);

    assert_true(rc == 0 || rc == 1);
    return rc;
}

static void test_levels(void **state)
{
    (void)state;
    assert_int_equal(scope_of("").level, APP_SCOPE_NATIONAL);
    assert_int_equal(scope_of("35").level, APP_SCOPE_PROVINCE);
    assert_int_equal(scope_of("347").level, APP_SCOPE_DISTRICT);
    assert_int_equal(scope_of("13285").level, APP_SCOPE_COMMUNE);
    assert_string_equal(scope_of("347").area_code, "347");
    assert_string_equal(scope_of("").area_code, "");
}

static void test_contains(void **state)
{
    struct db *db = *state;
    int pass;

    /* Twice: the second pass answers from the cache, the same way. */
    for (pass = 0; pass < 2; pass++) {
        assert_int_equal(in(db, "13285", "13285", OLD), 1);
        assert_int_equal(in(db, "13285", "13285", NEW), 1);
        assert_int_equal(in(db, "13285", "13294", OLD), 0);

        assert_int_equal(in(db, "347", "13285", OLD), 1);
        assert_int_equal(in(db, "347", "13294", OLD), 1);
        assert_int_equal(in(db, "347", "13321", OLD), 0); /* Duy Tiên */
        assert_int_equal(in(db, "347", "347", OLD), 1);
        /* No districts after the reform: 347 holds nothing. */
        assert_int_equal(in(db, "347", "13285", NEW), 0);

        assert_int_equal(in(db, "35", "13285", OLD), 1);
        assert_int_equal(in(db, "35", "13321", OLD), 1);
        assert_int_equal(in(db, "35", "349", OLD), 1);
        assert_int_equal(in(db, "35", "00001", OLD), 0); /* Hà Nội */
        assert_int_equal(in(db, "35", "13285", NEW), 0);
        assert_int_equal(in(db, "37", "13285", NEW), 1);
        assert_int_equal(in(db, "37", "13285", OLD), 0);

        assert_int_equal(in(db, "", "13285", OLD), 1);
        assert_int_equal(in(db, "", "00004", NEW), 1);
        /* Unknown or malformed units are in no scope. */
        assert_int_equal(in(db, "", "99999", OLD), 0);
        assert_int_equal(in(db, "", "1328", OLD), 0);
        assert_int_equal(in(db, "", "13285'--", OLD), 0);
        assert_int_equal(in(db, "", "13285", "2025-02-30"), 0);
        assert_int_equal(in(db, "13285", "13285", "x"), 0);
    }
    app_scope_cache_clear();
    assert_int_equal(in(db, "347", "13285", OLD), 1);
}

static void test_paths_and_names(void **state)
{
    struct db *db = *state;
    char path[APP_SCOPE_PATH_SIZE], name[128];

    assert_int_equal(app_scope_path(db, "13285", OLD, path), 0);
    assert_string_equal(path, "35/347/13285");
    assert_int_equal(app_scope_path(db, "13285", NEW, path), 0);
    assert_string_equal(path, "37/13285");
    assert_int_equal(app_scope_path(db, "347", OLD, path), 0);
    assert_string_equal(path, "35/347");
    /* Abolished: placed as on its last version. */
    assert_int_equal(app_scope_path(db, "347", NEW, path), 0);
    assert_string_equal(path, "35/347");
    assert_int_equal(app_scope_path(db, "35", NEW, path), 0);
    assert_string_equal(path, "35");
    assert_int_equal(app_scope_path(db, "99999", NEW, path), DB_ENOTFOUND);
    assert_int_equal(app_scope_path(db, "9", NEW, path), DB_EINVAL);

    assert_int_equal(app_scope_area_name(db, "13285", OLD, name, sizeof name),
                     0);
    assert_string_equal(name, "Phường Quang Trung");
    assert_int_equal(app_scope_area_name(db, "13285", NEW, name, sizeof name),
                     0);
    assert_string_equal(name, "Phường Phủ Lý");
    assert_int_equal(app_scope_area_name(db, "347", NEW, name, sizeof name), 0);
    assert_string_equal(name, "Thành phố Phủ Lý");
    assert_int_equal(app_scope_area_name(db, "35", OLD, name, sizeof name), 0);
    assert_string_equal(name, "Tỉnh Hà Nam");
    assert_int_equal(app_scope_area_name(db, "99999", OLD, name, sizeof name),
                     DB_ENOTFOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),
        cmocka_unit_test_setup_teardown(test_contains, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paths_and_names, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
