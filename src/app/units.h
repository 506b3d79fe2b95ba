/* units.h: the administrative-unit reference data (use cases).
 *
 * The unit lists of data/units/ are compiled into the binary. Loading turns
 * them into versions and links (core/units_list.h) and stores them
 * (store/store_units.h) in one write transaction with an audit record. The
 * queries themselves are the store_units_* functions; this module adds what
 * the CLI and the API both need around them.
 */
#ifndef ANSINH_APP_UNITS_H
#define ANSINH_APP_UNITS_H

#include <stddef.h>

#include "core/units_list.h"

struct db;

/* Load the embedded unit lists if the database has none or older ones
 * (the 'units' row of reference_data holds a checksum of the embedded
 * bytes). Everything happens in ONE write transaction: the old unit rows
 * are replaced, the checksum stored and one audit record ("units.load")
 * written. Idempotent: when the checksum matches, nothing is written.
 * Safe against a concurrent loader (the second one waits, then finds the
 * checksum and does nothing). Returns 0, or a negative db_rc with a
 * Vietnamese explanation in msg (capped at msglen). */
int app_units_load(struct db *db, char *msg, size_t msglen);

/* The checksum of the embedded lists, as stored in reference_data:
 * "fnv1a64:" and 16 hex digits, NUL-terminated in out (size >= 25). */
void app_units_checksum(char *out, size_t outlen);

/* Build the dataset from the embedded lists (every CSV file in data/units/:
 * "vn-units-DATE.csv" is a list valid from DATE, "vn-units-DATE-
 * predecessors.csv" the mapping effective on DATE). Returns 0 and *out
 * (free with units_dataset_free), or a negative db_rc and msg. */
int app_units_dataset(struct units_dataset **out, char *msg, size_t msglen);

/* A unit with its ancestors on the first day of its version, as people
 * read it: "Phường Minh Khai (Thành phố Phủ Lý, Tỉnh Hà Nam)". A province
 * is just its name. Missing ancestors are left out. Writes at most outlen
 * bytes (truncating at a character boundary). Returns 0 or a negative
 * db_rc (the unit's own name is written even then). */
int app_units_label(struct db *db, const struct units_version *v, char *out,
                    size_t outlen);

/* "Huyện Thanh Liêm" -> "huyện Thanh Liêm": the unit type in lower case,
 * as it reads inside a sentence ("Trụ sở UBND phường Phủ Lý"), into out
 * (capped at outlen). A name without a known type is copied as is. */
void app_units_lower_type(const char *name, char *out, size_t outlen);

/* 'YYYY-MM-DD' -> 'dd/mm/yyyy' into out[11]; a malformed date is copied
 * as is (capped). */
void app_units_date_vn(const char *iso, char out[11]);

#endif
