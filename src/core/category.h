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
    const char *basis; /* "Nghị định 20/2021/NĐ-CP, Điều 5 khoản 1 điểm a" */
    int needs_disability; /* 1 for K6: severe / especially_severe required */
};

/* The category whose code is exactly (code, len) (case-sensitive: "K1a",
 * not "k1a"), or NULL. The result is static: never freed. */
const struct category_info *category_find(const char *code, size_t len);
/* Number of categories: 21 (K1a K1b K1c K1d K1dd K1e K1g K1h K1i K1k K1l
 * K2 K3 K4 K5a K5b K5c K5d K6 K7 K8; "dd" stands for the point "đ"). */
size_t category_count(void);
/* The i-th category in legal order (K1a ... K8), or NULL if i is out of
 * range. */
const struct category_info *category_at(size_t i);

#endif
