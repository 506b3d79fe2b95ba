/* registry_body.h: the JSON bodies of the registry endpoints (h_persons.c)
 * turned into app/registry.h inputs.
 *
 * A body is first parsed by hjson_parse_object (caps, duplicate keys, NFC
 * strings). These functions then accept only the fields each endpoint
 * knows (anything else: "unknown_field"), with their JSON types: strings
 * as strings (null where a value may be removed), ids and versions as
 * integers ("invalid_field" otherwise). Values are not judged here: the
 * use case checks them (app_person_check and friends) and names the field.
 * Every string of the result is borrowed from the body, so the body must
 * outlive the input struct.
 *
 * Returns HJSON_OK, or a negative hjson_rc with err filled (code, message,
 * field): the handler answers 400.
 */
#ifndef ANSINH_HTTP_REGISTRY_BODY_H
#define ANSINH_HTTP_REGISTRY_BODY_H

#include <jansson.h>

#include "app/registry.h"
#include "http/json.h"

/* POST /api/v1/persons (create 1): full_name, birth_date, sex, id_number,
 * household_id, residence {unit_code, address, valid_from};
 * PATCH /api/v1/persons/:id (create 0): version and any of full_name,
 * birth_date, sex, id_number (null removes it), household_id (null
 * detaches). *has_version says whether the PATCH body held one. */
int hreg_person_body(json_t *body, int create, struct app_person_input *out,
                     int *has_version, struct hjson_err *err);

/* POST /api/v1/persons/:id/documents: kind, type, number, issued_on,
 * issuer, membership_id. */
int hreg_document_body(json_t *body, struct app_document_input *out,
                       struct hjson_err *err);

/* PUT /api/v1/persons/:id/payment: version, valid_from, method,
 * point_name, point_officer, bank_code, account_number, wallet_provider,
 * receiver {full_name, id_number, relationship, document} or null. */
int hreg_payment_body(json_t *body, struct app_payment_input *out,
                      struct hjson_err *err);

#endif
