/* units_list.h: the administrative-unit lists and their versions (pure).
 *
 * Input: the CSV lists of data/units/ (columns in data/units/README.md and
 * /work/shared/domain/units/README.md), each valid from a date:
 *   - three tiers (province, district, commune): 2024-11-01, 2025-01-01;
 *   - two tiers (province, commune; type = first word(s) of the name):
 *     2025-07-01;
 *   - the predecessor mapping of a reform (new commune -> old commune,
 *     kind full or partial): 2025-07-01.
 * Output: a dataset of unit versions and reform links, ready for the store.
 *
 * Versions: lists are applied in date order. A unit is identified by (code,
 * level). When a later list holds the same unit with the same name, type and
 * parent, the version continues; otherwise the old version ends on the later
 * list's date (valid_to, exclusive) and a new one starts there. A unit absent
 * from a later list ends on that list's date. The first list's date is the
 * earliest date the data knows about.
 *
 * Codes are text with leading zeros (province 2 digits, district 3, commune
 * 5), never numbers. No I/O: callers pass the bytes (util/embed.h).
 */
#ifndef ANSINH_CORE_UNITS_LIST_H
#define ANSINH_CORE_UNITS_LIST_H

#include <stddef.h>

enum units_rc {
    UNITS_OK = 0,
    UNITS_EFORMAT = -1,   /* CSV syntax, wrong header, bad code or field */
    UNITS_ECONFLICT = -2, /* same code with different data, duplicates */
    UNITS_EINVAL = -3     /* bad arguments (date, order of sources) */
};

enum units_level { UNITS_PROVINCE = 1, UNITS_DISTRICT = 2, UNITS_COMMUNE = 3 };

/* Sizes of the fixed text fields, NUL included. Names in the lists are at
 * most 41 bytes of UTF-8; the caps leave room and are enforced on input. */
#define UNITS_CODE_SIZE 8
#define UNITS_NAME_SIZE 128
#define UNITS_TYPE_SIZE 48
#define UNITS_DATE_SIZE 11

/* One version of one unit: a plain value, no pointers. */
struct units_version {
    char code[UNITS_CODE_SIZE]; /* "35", "347", "13294" */
    int level;                  /* enum units_level */
    char name[UNITS_NAME_SIZE]; /* "Phường Minh Khai" (NFC UTF-8) */
    char type[UNITS_TYPE_SIZE]; /* "Phường", "Huyện", "Tỉnh", ... */
    char parent_code[UNITS_CODE_SIZE];   /* "" for a province */
    char province_code[UNITS_CODE_SIZE]; /* own code for a province */
    char valid_from[UNITS_DATE_SIZE];    /* 'YYYY-MM-DD' */
    char valid_to[UNITS_DATE_SIZE];      /* exclusive; "" while current */
};

/* One predecessor link of a reform: on `effective`, the new unit took the
 * whole (partial == 0) or a part (partial == 1) of the old unit. */
struct units_link {
    char effective[UNITS_DATE_SIZE];
    char new_code[UNITS_CODE_SIZE];
    char new_name[UNITS_NAME_SIZE];
    char old_code[UNITS_CODE_SIZE]; /* 5 digits, or 3 for the five island
                                       districts without communes */
    char old_name[UNITS_NAME_SIZE];
    int partial;
};

enum units_kind {
    UNITS_KIND_AUTO = 0,   /* decide from the header line */
    UNITS_KIND_THREE_TIER, /* province, district, commune */
    UNITS_KIND_TWO_TIER,   /* province, commune */
    UNITS_KIND_LINKS       /* predecessor mapping */
};

/* One input file. All pointers are borrowed for the duration of the call
 * that receives the source. */
struct units_source {
    const char *name; /* file name, for error messages */
    const char *date; /* 'YYYY-MM-DD': valid from / effective */
    const char *data; /* the CSV bytes (BOM, CRLF and ';' are accepted) */
    size_t len;
    int kind; /* enum units_kind */
};

/* The result of units_dataset_build. Versions are sorted by (level, code,
 * valid_from); links by (effective, new_code, old_code). */
struct units_dataset {
    struct units_version *versions;
    size_t nversions;
    struct units_link *links;
    size_t nlinks;
    char earliest[UNITS_DATE_SIZE]; /* date of the first list */
};

/* Parse one list (three- or two-tier) into the units it holds on its date:
 * one entry per province, district and commune, each with valid_from =
 * src->date and valid_to = "", sorted by (level, code). Checks the header
 * names exactly, code lengths and digits, required fields, valid UTF-8, and
 * that a province or district code always comes with the same name, type and
 * parent. On success returns UNITS_OK, *out (caller frees with free()) and
 * *n. On error returns a negative units_rc, *out NULL, and a Vietnamese
 * message naming the file, line and field in err (capped at errlen). */
int units_list_parse(const struct units_source *src, struct units_version **out,
                     size_t *n, char *err, size_t errlen);

/* Parse a predecessor mapping: one link per row, effective src->date.
 * Same conventions and errors as units_list_parse; *out is sorted by
 * (new_code, old_code) and duplicates are refused. */
int units_links_parse(const struct units_source *src, struct units_link **out,
                      size_t *n, char *err, size_t errlen);

/* Build a dataset from several sources: the lists (in any order; they are
 * applied by date, no two with the same date) and the mappings. Each
 * mapping's new codes must be communes of the list with the same date if
 * that list is given. Returns UNITS_OK and *out (free with
 * units_dataset_free), or a negative units_rc and a message in err. */
int units_dataset_build(const struct units_source *src, size_t nsrc,
                        struct units_dataset **out, char *err, size_t errlen);

/* Free a dataset. NULL-safe. */
void units_dataset_free(struct units_dataset *ds);

/* Level of a code from its length: 2 -> province, 3 -> district, 5 ->
 * commune; 0 if (s, len) is not 2, 3 or 5 ASCII digits. */
int units_code_level(const char *s, size_t len);

/* Vietnamese name of a level: "tỉnh", "huyện", "xã"; "" if unknown. */
const char *units_level_name(int level);

#endif
