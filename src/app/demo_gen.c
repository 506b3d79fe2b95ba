/* demo_gen.c: PRNG, personal numbers and date helpers for the demo (the
 * name tables are in demo_names.c). Pure: no clock, no I/O. */
#include "app/demo_gen.h"

#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "core/cccd.h"
#include "util/xalloc.h"

#define CCCD_YEAR_BASE 1900
#define CCCD_YEARS     200
#define SERIALS        1000000u

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t app_demo_mix(uint64_t a, uint64_t b)
{
    uint64_t x = a ^ (b * 0xd1b54a32d192ed03ULL);
    return splitmix64(&x);
}

void app_demo_rng_seed(struct app_demo_rng *r, uint64_t seed, uint64_t stream)
{
    uint64_t x = app_demo_mix(seed, stream);
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

uint64_t app_demo_rng_next(struct app_demo_rng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

uint32_t app_demo_rng_below(struct app_demo_rng *r, uint32_t n)
{
    /* Lemire's multiply-and-reject: unbiased, one multiply per draw. */
    assert(n > 0);
    uint64_t m = (app_demo_rng_next(r) >> 32) * (uint64_t)n;
    uint32_t low = (uint32_t)m;
    if (low < n) {
        uint32_t threshold = (uint32_t)(-n) % n;
        while (low < threshold) {
            m = (app_demo_rng_next(r) >> 32) * (uint64_t)n;
            low = (uint32_t)m;
        }
    }
    return (uint32_t)(m >> 32);
}

int app_demo_rng_range(struct app_demo_rng *r, int lo, int hi)
{
    assert(lo <= hi);
    return lo + (int)app_demo_rng_below(r, (uint32_t)(hi - lo) + 1u);
}

double app_demo_rng_unit(struct app_demo_rng *r)
{
    return (double)(app_demo_rng_next(r) >> 11) * 0x1.0p-53;
}

int app_demo_rng_chance(struct app_demo_rng *r, double p)
{
    return app_demo_rng_unit(r) < p;
}

double app_demo_rng_normal(struct app_demo_rng *r)
{
    double u1 = app_demo_rng_unit(r);
    double u2 = app_demo_rng_unit(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

size_t app_demo_rng_weighted(struct app_demo_rng *r, const uint32_t *w,
                             size_t n)
{
    uint64_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    assert(total > 0 && total <= UINT32_MAX);
    uint32_t x = app_demo_rng_below(r, (uint32_t)total);
    for (size_t i = 0; i < n; i++) {
        if (x < w[i])
            return i;
        x -= w[i];
    }
    return n - 1;
}

int app_demo_region_of(int province)
{
    /* GSO codes run roughly north to south: 01-37 the Red River delta and
     * the northern mountains, 38-68 the north-central coast to the Central
     * Highlands, 70 and above the south-east and the Mekong delta. */
    if (province <= 37)
        return APP_DEMO_NORTH;
    if (province <= 68)
        return APP_DEMO_CENTRAL;
    return APP_DEMO_SOUTH;
}

void app_demo_ids_init(struct app_demo_ids *ids, uint64_t seed)
{
    ids->seed = seed;
    ids->cccd_count = xcalloc((size_t)100 * 2 * CCCD_YEARS, sizeof(uint32_t));
    ids->cmnd_count = xcalloc(1000, sizeof(uint32_t));
}

void app_demo_ids_free(struct app_demo_ids *ids)
{
    if (!ids)
        return;
    free(ids->cccd_count);
    free(ids->cmnd_count);
    ids->cccd_count = NULL;
    ids->cmnd_count = NULL;
}

/* The k-th element of the permutation x -> (a*x + b) mod 10^6 chosen by
 * key: a is odd and not a multiple of 5, hence coprime with 10^6, so the
 * map is a bijection and serials within one key never repeat. */
static uint32_t permuted_serial(uint64_t seed, uint64_t key, uint32_t k)
{
    uint64_t h = app_demo_mix(seed, key);
    uint64_t a = (h % SERIALS) | 1u;
    while (a % 5 == 0)
        a += 2;
    uint64_t b = (h >> 32) % SERIALS;
    return (uint32_t)((a * k + b) % SERIALS);
}

int app_demo_ids_cccd(struct app_demo_ids *ids, int province, int birth_year,
                      char sex, char out[13])
{
    if (province < 1 || province > 99 || birth_year < CCCD_YEAR_BASE ||
        birth_year >= CCCD_YEAR_BASE + CCCD_YEARS || (sex != 'M' && sex != 'F'))
        return -1;
    size_t slot = ((size_t)province * 2 + (sex == 'F')) * CCCD_YEARS +
                  (size_t)(birth_year - CCCD_YEAR_BASE);
    uint32_t k = ids->cccd_count[slot];
    if (k >= SERIALS)
        return -1;
    char prov[4];
    snprintf(prov, sizeof prov, "%03d", province);
    uint32_t serial = permuted_serial(ids->seed, 0x1000000u + slot, k);
    if (cccd_make(prov, birth_year, sex, serial, out) != CCCD_OK)
        return -1;
    ids->cccd_count[slot] = k + 1;
    return 0;
}

/* 3-digit prefixes of 9-digit CMND cards. The known ones are the Red River
 * delta provinces around Hà Nam; the others get 200 + code, a stand-in
 * range no real prefix of this table uses, so numbers stay unique. */
static int cmnd_prefix(int province)
{
    switch (province) {
    case 1:
        return 12; /* Hà Nội: 012 */
    case 33:
        return 145; /* Hưng Yên */
    case 34:
        return 151; /* Thái Bình */
    case 35:
        return 168; /* Hà Nam */
    case 36:
        return 162; /* Nam Định */
    case 37:
        return 164; /* Ninh Bình */
    default:
        return 200 + province;
    }
}

int app_demo_ids_cmnd(struct app_demo_ids *ids, int province, char out[10])
{
    if (province < 1 || province > 99)
        return -1;
    int prefix = cmnd_prefix(province);
    uint32_t k = ids->cmnd_count[prefix];
    if (k >= SERIALS)
        return -1;
    uint32_t serial =
        permuted_serial(ids->seed, 0x2000000u + (uint64_t)prefix, k);
    snprintf(out, 10, "%03d%06u", prefix, (unsigned)serial);
    ids->cmnd_count[prefix] = k + 1;
    return 0;
}

struct date app_demo_years_before(struct date d, int n)
{
    struct date r = {d.y - n, d.m, d.d};
    if (r.m == 2 && r.d == 29 && !date_is_valid(r.y, 2, 29))
        r.d = 28;
    return r;
}

struct date app_demo_day_between(struct app_demo_rng *r, struct date lo,
                                 struct date hi)
{
    int64_t a = date_to_days(lo);
    int64_t b = date_to_days(hi);
    assert(a <= b);
    return date_from_days(
        a + (int64_t)app_demo_rng_below(r, (uint32_t)(b - a) + 1u));
}

struct date app_demo_birth_for_age(struct app_demo_rng *r, struct date on,
                                   int age)
{
    /* Aged exactly `age` on `on`: born after the day age+1 years before
     * and on or before the day age years before. */
    struct date hi = app_demo_years_before(on, age);
    struct date lo = date_add_days(app_demo_years_before(on, age + 1), 1);
    return app_demo_day_between(r, lo, hi);
}
