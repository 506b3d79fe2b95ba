/* dossiers_body.h: the JSON bodies of the dossier and decision API,
 * parsed and checked for shape before the use cases (app/dossiers.h)
 * check the values.
 *
 * On top of hjson_parse_object (caps, duplicate keys, NFC): only the keys
 * of the mode are accepted (an unknown or misspelt key is refused, never
 * ignored), each with its type and a length cap.
 *
 *   create    person_id (integer >= 1), kind (string); submitted_on,
 *             disability, certificate_on, event_on, proposed, ground,
 *             applicant, note, to_unit, to_address (strings); categories
 *             (array of at most 8 codes, e.g. ["K4", "K6"])
 *   act       action (string); version (integer >= 1, or If-Match);
 *             date, note (strings)
 *   complaint version; complainant, content (strings); received_on
 *   answer    version; answer (string); resolved_on
 *   decision  dossier_id (integer >= 1), number (string); version;
 *             signed_on, kind, reason_text (strings)
 */
#ifndef ANSINH_HTTP_DOSSIERS_BODY_H
#define ANSINH_HTTP_DOSSIERS_BODY_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct hjson_err;

enum dossiers_body_mode {
    DOS_BODY_CREATE = 0,
    DOS_BODY_ACT,
    DOS_BODY_COMPLAINT,
    DOS_BODY_ANSWER,
    DOS_BODY_DECISION,
    DOS_BODY_MODES
};

#define DOS_BODY_CATEGORIES 8 /* codes in "categories" */

/* A parsed body: strings borrowed from root (NULL when absent), integers
 * -1 when absent. */
struct dossiers_body {
    json_t *root;
    int64_t person_id, version, dossier_id;
    const char *kind, *submitted_on, *disability, *certificate_on;
    const char *event_on, *proposed, *ground, *applicant, *note;
    const char *to_unit, *to_address;
    const char *categories; /* "K4,K6" (in cats), NULL when absent */
    const char *action, *date;
    const char *complainant, *content, *received_on;
    const char *answer, *resolved_on;
    const char *number, *signed_on, *reason_text;
    char cats[DOS_BODY_CATEGORIES * 8];
};

/* Parse (data, len) for mode. Returns 0 (HJSON_OK) with *out filled (free
 * with dossiers_body_free), or a negative hjson_rc with err naming the
 * field ("invalid_json", "too_large", "invalid_text", "unknown_field",
 * "missing_field", "invalid_field"); *out is then empty. */
int dossiers_body_parse(const char *data, size_t len, int mode,
                        struct dossiers_body *out, struct hjson_err *err);

/* Release what b holds. NULL-safe. */
void dossiers_body_free(struct dossiers_body *b);

#endif
