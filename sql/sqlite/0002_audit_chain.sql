-- 0002_audit_chain (SQLite): the audit log becomes a hash chain with old and
-- new values, and accounts get a version for optimistic locking. Keep in
-- step with sql/pg/0002_audit_chain.sql. docs/storage.md, docs/authz.md.
--
-- audit_log: every record carries
--   area_path  where the changed record lies in the unit tree when written
--              ('35/347/13285'; '' for national or system records), so an
--              auditor's area can be matched without a join;
--   old_value, new_value  JSON text of the changed fields before and after
--              (NULL when not a change of values);
--   prev_hash  the hash of the previous record ('0' x 64 for the first);
--   hash       hex BLAKE2b-256 of the record's canonical serialisation,
--              prev_hash included (src/store/store_audit.c).
-- Records are only ever inserted (no UPDATE or DELETE in the code,
-- tests/lint/audit_append_only.sh). Records written before this migration
-- (id < audit_head.first_id) are outside the chain.
ALTER TABLE audit_log ADD COLUMN area_path TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN old_value TEXT;
ALTER TABLE audit_log ADD COLUMN new_value TEXT;
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_actor ON audit_log (actor);

-- The head of the chain: one row, updated in the same transaction as every
-- append. `UPDATE audit_head ... RETURNING` takes the row lock first, so
-- concurrent writers queue up and never fork the chain (PostgreSQL); SQLite
-- has one writer anyway. last_id: id of the last record (ids are given
-- from here, gap-free); last_hash: its hash; first_id: the first chained
-- record.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    first_id  INTEGER NOT NULL,
    last_id   INTEGER NOT NULL,
    last_hash TEXT NOT NULL
) STRICT;
INSERT INTO audit_head (id, first_id, last_id, last_hash)
SELECT 1, coalesce(max(id), 0) + 1, coalesce(max(id), 0),
       '0000000000000000000000000000000000000000000000000000000000000000'
FROM audit_log;

-- Accounts: a version for updates (409 on a lost update) and when they
-- last changed.
ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN updated_at TEXT;
CREATE INDEX users_role ON users (role, area_code);
