-- 0002_stats_indexes: covering indexes for the statistics as of a date
-- (src/store/store_stats.c). Same text on SQLite and PostgreSQL.
--
-- At national scale (3.35 million beneficiaries, 6.7 million residences)
-- each statistic is one pass over an index that holds every column it
-- reads, never over the tables: measured on SQLite, beneficiaries 5.4 s ->
-- 0.4 s, by category 3.3 s -> 0.2 s, by unit 3.7 s -> 1.6 s (bench/demo.sh).
--   memberships (person_id, valid_from, valid_to): distinct beneficiaries
--     in person order, and "has a membership valid on D" per person;
--   memberships (category, valid_from, valid_to): counts by category;
--   residences (unit_code, valid_from, valid_to, person_id): residences
--     valid on D grouped by commune.
-- The three indexes of 0001 they extend (same leading columns) become
-- redundant and are dropped, so bulk loads do not maintain both.
CREATE INDEX memberships_person_valid
    ON memberships (person_id, valid_from, valid_to);
CREATE INDEX memberships_category_valid
    ON memberships (category, valid_from, valid_to);
CREATE INDEX residences_unit_valid
    ON residences (unit_code, valid_from, valid_to, person_id);
DROP INDEX memberships_person;
DROP INDEX memberships_category;
DROP INDEX residences_unit;
