/* report_forms.h: the layouts of the twice-yearly reports, Forms 10a-10d
 * (Decree 20/2021; Circular 02/2021 Art. 6; RULES.md §6.4, §7.2;
 * docs/oversight.md), as data.
 *
 * The official column layouts are NOT in RULES.md and are not verified:
 * the layouts are designed from what the reports must carry and live in
 * rules/reports/forms.csv (compiled in), so a province corrects labels,
 * rows, columns and their order there. Each line names its confidence and
 * its legal basis. A file is CSV with a header naming its columns (any
 * order; kind, form, key, label, confidence and basis required):
 *
 *   kind       form | column | row
 *   form       the form's code ("10a"; [0-9a-z], at most 7 bytes)
 *   key        column: a measure (start new ended end suspended paid);
 *              row: its key ([a-z0-9_], unique in the form)
 *   label      what is printed ("Mẫu số 10a", a column header, a row)
 *   title      form only: the title line
 *   categories row: "*" (every category) or codes joined by '|'
 *              (core/category.h); required when managed is 1
 *   disability row: "", severe or especially_severe (K6 memberships)
 *   grounds    row: termination grounds joined by '|' (core/registry.h):
 *              a ground row, which has only the `ended` measure
 *   managed    row: 1, or 0 for what ansinh does not manage (the row says
 *              so and shows no figure; no categories or grounds then)
 *   confidence confirmed | secondary | unverified
 *   basis      the legal basis (never empty)
 *   rules_ref, note  free text
 *
 * A form line comes before its columns and rows. Every form has at least
 * one column and one row. Errors name the file, the line and the column
 * ("forms.csv, dòng 12, cột categories: …"). No I/O: callers pass bytes.
 */
#ifndef ANSINH_CORE_REPORT_FORMS_H
#define ANSINH_CORE_REPORT_FORMS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

enum report_forms_rc {
    REPORT_FORMS_OK = 0,
    REPORT_FORMS_EFORMAT = -1, /* a bad line, column or value */
    REPORT_FORMS_EINVAL = -2   /* bad arguments */
};

/* Caps: the data can never grow past these. */
#define REPORT_FORMS_MAX_BYTES (256u * 1024u)
#define REPORT_FORMS_MAX_LINES 1000
#define REPORT_FORMS_MAX_FIELD 1000 /* bytes of one field */
#define REPORT_FORMS_MAX_FORMS 16
#define REPORT_FORMS_MAX_COLS  8  /* columns of one form */
#define REPORT_FORMS_MAX_ROWS  64 /* rows of one form */
#define REPORT_FORMS_CODE_SIZE 33 /* a key, NUL included */

/* What a column counts (docs/oversight.md, "Forms 10a-10d"). */
enum report_measure {
    REPORT_M_START = 0, /* beneficiaries on the first day */
    REPORT_M_NEW,       /* enrolments (first, or after a termination) */
    REPORT_M_ENDED,     /* terminations taking effect */
    REPORT_M_END,       /* beneficiaries on the last (as-of) day */
    REPORT_M_SUSPENDED, /* of them, suspended then */
    REPORT_M_PAID,      /* money of the months (đồng) */
    REPORT_M_COUNT
};

enum report_confidence {
    REPORT_CONFIRMED = 0,
    REPORT_SECONDARY,
    REPORT_UNVERIFIED
};

enum report_disability {
    REPORT_DIS_ANY = 0,
    REPORT_DIS_SEVERE,
    REPORT_DIS_ESPECIALLY_SEVERE
};

/* Where a line comes from. Strings are owned by the set. */
struct report_source {
    size_t line;
    int confidence; /* enum report_confidence */
    const char *basis;
    const char *rules_ref; /* "" if none */
    const char *note;      /* "" if none */
};

struct report_form_column {
    int measure; /* enum report_measure */
    const char *label;
    struct report_source src;
};

struct report_form_row {
    const char *key;
    const char *label;
    int managed;         /* 0: not managed on ansinh, no figures */
    int all_categories;  /* "*" */
    uint32_t categories; /* bit i: category_at(i) */
    int disability;      /* enum report_disability */
    uint32_t grounds;    /* bit i: registry_reason_at(i); 0: not a ground
                            row */
    struct report_source src;
};

struct report_form {
    const char *code; /* "10a" */
    const char *label;
    const char *title;
    struct report_source src;
    struct report_form_column cols[REPORT_FORMS_MAX_COLS];
    size_t ncols;
    struct report_form_row rows[REPORT_FORMS_MAX_ROWS];
    size_t nrows;
};

struct report_forms;

struct report_forms_err {
    char file[64];
    size_t line;    /* 0: the whole file */
    char field[32]; /* the column named, "" if none */
    char message[400];
};

/* Parse and check one file (data, len; name for messages). On
 * REPORT_FORMS_OK *out is a new set (free with report_forms_free; it may
 * be shared by threads afterwards); otherwise *out is NULL and err (may be
 * NULL) says where and why, in Vietnamese, on one line. */
int report_forms_parse(const char *file, const char *data, size_t len,
                       struct report_forms **out, struct report_forms_err *err);
/* NULL-safe. */
void report_forms_free(struct report_forms *s);

/* The forms in file order, and the one of code (NULL if none). Borrowed
 * from the set. */
size_t report_forms_count(const struct report_forms *s);
const struct report_form *report_forms_at(const struct report_forms *s,
                                          size_t i);
const struct report_form *report_forms_find(const struct report_forms *s,
                                            const char *code);

/* "start", "new", ... ("" out of range); the measure of a key, or -1. */
const char *report_measure_key(int measure);
int report_measure_parse(const char *key);
/* "confirmed", "secondary", "unverified". */
const char *report_confidence_name(int confidence);

/* 1 if a membership of category (code) and disability ("", "severe",
 * "especially_severe") counts in row r (a managed row). */
int report_row_matches(const struct report_form_row *r, const char *category,
                       const char *disability);
/* 1 if the termination ground reason (code) counts in ground row r. */
int report_row_has_ground(const struct report_form_row *r, const char *reason);
/* 1 if row r has measure m (ground rows: only ended; unmanaged: none). */
int report_row_has_measure(const struct report_form_row *r, int m);

/* The deadline of a level's report (RULES.md §7.2). */
struct report_deadline {
    int has;         /* 0: none (the national level) */
    struct date due; /* the date the report is due */
    const char *to;  /* to whom (Vietnamese; static) */
    int confidence;  /* of `to` */
};

/* The deadline of the report of half (1 or 2) of year by a unit of level
 * (0 national, 1 province, 2 district, 3 commune): commune 15/06 or 15/12;
 * district 30/06 or 31/12, only for half-years before 07/2025; province
 * 15/07 or 15/01 of the next year; national none. REPORT_FORMS_OK, or
 * REPORT_FORMS_EINVAL for a bad level or half, or a district after the
 * 2025 reform. */
int report_forms_deadline(int level, int year, int half,
                          struct report_deadline *out);

#endif
