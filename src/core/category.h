/* category.h: the beneficiary categories of Decree 20/2021 Art. 5
 * (RULES.md §2.2), as stable ASCII codes used by the API, the database and
 * imports. The rules (coefficients, age bands) live in the rules engine;
 * this table only names the categories and their legal basis.
 */
#ifndef ANSINH_CORE_CATEGORY_H
#define ANSINH_CORE_CATEGORY_H

#include <stddef.h>

struct category_info {
    const char *code;    /* "K1a" ... "K8" */
    const char *name_vi; /* short Vietnamese name */
    const char *name_en;
    const char *basis;   /* "Nghị định 20/2021/NĐ-CP, Điều 5 khoản 1 điểm a" */
    int needs_disability; /* 1 for K6: severe / especially_severe required */
};

/* The category with this exact code, or NULL. */
const struct category_info *category_find(const char *code, size_t len);
/* All categories in legal order (K1a ... K8). */
size_t category_count(void);
const struct category_info *category_at(size_t i);

#endif
