/* demo_gen.h: the pure half of `ansinh demo` (internal to src/app).
 *
 * Everything here is deterministic and free of I/O, so the demo database is
 * a function of its parameters and --seed alone: a seeded PRNG (xoshiro256**
 * seeded through splitmix64; never rand(), whose sequence differs between C
 * libraries), Vietnamese names with real family-name frequencies and
 * generation-appropriate middle and given names, unique personal numbers
 * consistent with birth date and sex, and date helpers for ages.
 */
#ifndef ANSINH_APP_DEMO_GEN_H
#define ANSINH_APP_DEMO_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

/* xoshiro256** state. Seed it before use; copy it freely. */
struct app_demo_rng {
    uint64_t s[4];
};

/* Seed r from (seed, stream): different streams give independent sequences
 * for the same seed, so one part of the demo (a person, the commune
 * weights) can change without shifting every other part. */
void app_demo_rng_seed(struct app_demo_rng *r, uint64_t seed, uint64_t stream);
/* Next 64 random bits. */
uint64_t app_demo_rng_next(struct app_demo_rng *r);
/* Uniform integer in [0, n) without modulo bias; n > 0. */
uint32_t app_demo_rng_below(struct app_demo_rng *r, uint32_t n);
/* Uniform integer in [lo, hi] (lo <= hi). */
int app_demo_rng_range(struct app_demo_rng *r, int lo, int hi);
/* Uniform double in [0, 1). */
double app_demo_rng_unit(struct app_demo_rng *r);
/* 1 with probability p (0..1), else 0. */
int app_demo_rng_chance(struct app_demo_rng *r, double p);
/* Standard normal deviate (Box-Muller). */
double app_demo_rng_normal(struct app_demo_rng *r);
/* Index drawn from integer weights w[0..n) (sum > 0). */
size_t app_demo_rng_weighted(struct app_demo_rng *r, const uint32_t *w,
                             size_t n);
/* 64-bit mix of two values (splitmix64 finaliser), for derived keys. */
uint64_t app_demo_mix(uint64_t a, uint64_t b);

/* Naming regions: family-name frequencies differ between the north (Vũ,
 * Hoàng) and the south (Võ, Huỳnh); the centre mixes both. */
enum app_demo_region {
    APP_DEMO_NORTH = 0,
    APP_DEMO_CENTRAL = 1,
    APP_DEMO_SOUTH = 2
};

/* Region of an old (63-province) GSO province code, 1..96. */
int app_demo_region_of(int province);
/* A family name drawn with the region's frequencies. Static string. */
const char *app_demo_family_name(struct app_demo_rng *r, int region);
/* Write a full name "Family Middle Given" (UTF-8, NFC) into out (capped at
 * outlen, always NUL-terminated). family: the family name to use (a child
 * takes a parent's), or NULL to draw one. Middle and given names depend on
 * sex ('M'/'F') and birth year: most women born before 1955 are "Thị",
 * younger people get more varied names. Returns 0, or -1 if out is too
 * small (out is then truncated). */
int app_demo_full_name(struct app_demo_rng *r, int region, char sex,
                       int birth_year, const char *family, char *out,
                       size_t outlen);

/* Unique personal numbers for one demo run. A 12-digit number encodes the
 * province of birth registration, century and sex, and the birth year
 * (cccd_make); its 6-digit serial is the k-th value of a permutation of
 * 0..999999 chosen per (province, sex digit, year) from the seed, so numbers
 * never repeat and look scattered, without a set of issued numbers. Legacy
 * 9-digit CMND numbers use a per-province 3-digit prefix the same way. */
struct app_demo_ids {
    uint64_t seed;
    uint32_t *cccd_count; /* [100 provinces][2 sexes][400 years] */
    uint32_t *cmnd_count; /* [1000 prefixes] */
};

/* Initialise (allocates; app_demo_ids_free releases). */
void app_demo_ids_init(struct app_demo_ids *ids, uint64_t seed);
void app_demo_ids_free(struct app_demo_ids *ids);
/* Next 12-digit number for a person born in birth_year with sex 'M'/'F',
 * birth registered in old province `province` (1..96). Returns 0, or -1
 * if the inputs are out of range or the million serials are used up. */
int app_demo_ids_cccd(struct app_demo_ids *ids, int province, int birth_year,
                      char sex, char out[13]);
/* Next 9-digit CMND for a card issued in old province `province`. Hà Nam
 * cards began with 168; other provinces get a stand-in prefix. */
int app_demo_ids_cmnd(struct app_demo_ids *ids, int province, char out[10]);

/* The day n years before d (29/02 becomes 28/02 in common years). */
struct date app_demo_years_before(struct date d, int n);
/* A birth date for someone exactly `age` years old on `on`, uniform over
 * the year of birthdays that give that age. */
struct date app_demo_birth_for_age(struct app_demo_rng *r, struct date on,
                                   int age);
/* A uniform day in [lo, hi] (lo <= hi). */
struct date app_demo_day_between(struct app_demo_rng *r, struct date lo,
                                 struct date hi);

#endif
