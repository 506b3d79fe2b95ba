-- 0010_facts_cover (SQLite): the person indexes of memberships and
-- residences cover what preparing a payroll reads of them
-- (store_payroll_facts: for persons lo..hi, the periods overlapping the
-- window), so the facts are read from the index alone, not from a row
-- looked up per index entry: the residences arm of a chunk took 64 % less
-- (bench/payroll.sh, docs/payroll.md). Same leading columns as before,
-- so every query by person keeps its index. Keep in step with
-- sql/pg/0010_facts_cover.sql.
DROP INDEX memberships_person_valid;
CREATE INDEX memberships_person_valid
    ON memberships (person_id, valid_from, valid_to, category, disability,
                    studying);
CREATE INDEX residences_person_cover
    ON residences (person_id, valid_from, valid_to, unit_code);
-- Statistics for the new indexes now, once: else the first connection to
-- close after using them analysed both tables (PRAGMA optimize: 2.8 s on
-- the national demo, paid by whichever preparation closed first).
ANALYZE memberships;
ANALYZE residences;
