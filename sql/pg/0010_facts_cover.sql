-- 0010_facts_cover (PostgreSQL): the person indexes of memberships and
-- residences cover what preparing a payroll reads of them; see
-- sql/sqlite/0010_facts_cover.sql (same indexes, same meaning).
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
