/* store_audit.h: the audit trail. Every change writes one record in the
 * same transaction as the change itself (DEVELOPERS.md: nothing is lost). */
#ifndef ANSINH_STORE_AUDIT_H
#define ANSINH_STORE_AUDIT_H

struct db;

/* Append an audit record. actor: username, or "cli"/"system"; action: a
 * dotted verb such as "units.load", "demo.create", "person.create"; entity
 * and entity_id name what changed ("" if none); detail_json is a JSON
 * object as text ("{}" if NULL). Must run inside the caller's write
 * transaction. Returns DB_OK or a negative db_rc. */
int store_audit_add(struct db *db, const char *actor, const char *action,
                    const char *entity, const char *entity_id,
                    const char *detail_json);

#endif
