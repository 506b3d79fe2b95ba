/* fuzz_procedure_csv.c: the procedure data loader and its checks
 * (core/procedure.h) on arbitrary bytes.
 *
 * The first byte chooses whether the flag posting_2025 is overridden
 * (on, off, or left alone); the rest is one data file. Invariants: a
 * refused file leaves no row and a one-line, valid UTF-8 message naming
 * the file; a finished set is coherent: every procedure has steps, every
 * action sits at one of its steps (or a terminal state for complaints)
 * and leads to a step or a terminal state, procedure_check agrees with
 * the action's roles, procedure_choose finds a procedure serving the kind
 * asked, and the signer found for a date is in force on it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/procedure.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                          \
            abort();                                                           \
        }                                                                      \
    } while (0)

static void check_message(const struct procedure_err *err)
{
    size_t n = strlen(err->message);

    CHECK(n > 0);
    CHECK(strncmp(err->message, "f.csv", 5) == 0);
    CHECK(text_valid_utf8(err->message, n));
    CHECK(strchr(err->message, '\n') == NULL);
}

static int is_terminal(const char *s)
{
    return strcmp(s, PROCEDURE_DECIDED) == 0 ||
           strcmp(s, PROCEDURE_REFUSED) == 0 ||
           strcmp(s, PROCEDURE_WITHDRAWN) == 0;
}

static void check_procedure(const struct procedure_set *s,
                            const struct procedure *p)
{
    size_t i;
    int k, r;

    CHECK(p->nsteps > 0 && p->nsteps <= PROCEDURE_MAX_STEPS);
    CHECK(procedure_find(s, p->id) == p);
    for (i = 0; i < p->nsteps; i++) {
        CHECK(procedure_step(p, p->steps[i].code) == &p->steps[i]);
        CHECK((p->steps[i].clock == PROCEDURE_CLOCK_NONE) ==
              (p->steps[i].days < 0));
        CHECK(!p->steps[i].is_public || p->steps[i].hide_hiv);
    }
    for (i = 0; i < p->nactions; i++) {
        const struct procedure_action *a = &p->actions[i], *got = NULL;

        CHECK(procedure_step(p, a->step) != NULL || is_terminal(a->step));
        CHECK(a->next == NULL || procedure_step(p, a->next) != NULL ||
              is_terminal(a->next));
        CHECK(a->name != NULL && a->name[0] != '\0');
        CHECK(procedure_action(p, a->step, a->code) == a);
        for (r = 0; r < PROCEDURE_ROLE_COUNT; r++) {
            int rc = procedure_check(p, a->step, a->code,
                                     procedure_role_code(r), &got, NULL, 0);

            CHECK(rc ==
                  ((a->roles & (1u << r)) ? PROCEDURE_OK : PROCEDURE_EROLE));
            CHECK(rc != PROCEDURE_OK || got == a);
        }
    }
    for (k = 0; k < PROCEDURE_KIND_COUNT; k++) {
        const struct procedure *q = procedure_choose(s, k, p->from);

        if (p->kinds & (1u << k))
            CHECK(q == p);
        else
            CHECK(q == NULL || (q->kinds & (1u << k)));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct procedure_set *s = procedure_set_new();
    struct procedure_err err;
    size_t i;
    int rc, mode = size > 0 ? data[0] % 3 : 0;

    if (size > 0) {
        data++;
        size--;
    }
    memset(&err, 0, sizeof err);
    rc = procedure_set_load(s, "f.csv", (const char *)data, size, &err);
    if (rc != PROCEDURE_OK) {
        CHECK(rc == PROCEDURE_EFORMAT);
        CHECK(procedure_set_rows(s) == 0);
        check_message(&err);
        goto out;
    }
    if (mode > 0)
        CHECK(procedure_set_flag(s, "posting_2025", mode == 1) == PROCEDURE_OK);
    rc = procedure_set_finish(s, &err);
    if (rc != PROCEDURE_OK) {
        CHECK(rc == PROCEDURE_ECONFLICT || rc == PROCEDURE_EFORMAT);
        CHECK(procedure_count(s) == 0);
        check_message(&err);
        goto out;
    }
    for (i = 0; i < procedure_count(s); i++)
        check_procedure(s, procedure_at(s, i));
    for (i = 0; i < procedure_flag_count(s); i++)
        CHECK(procedure_flag_at(s, i)->on == 0 ||
              procedure_flag_at(s, i)->on == 1);
    {
        struct date d = {2025, 7, 1};
        const struct procedure_signer *g = procedure_signer_on(s, d);

        CHECK(g == NULL || (date_cmp(g->from, d) <= 0 &&
                            (!g->has_to || date_cmp(d, g->to) < 0)));
    }
out:
    procedure_set_free(s);
    return 0;
}
