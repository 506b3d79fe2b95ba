-- 0007_payroll_facts (SQLite): the person index of payroll lines covers
-- what preparing a payroll reads of earlier lines (docs/payroll.md): for
-- each person and benefit month, the approved amounts by kind and benefit,
-- unblocked. With a year of approved history a province's preparation read
-- twelve lines per person, each a seek into the table for four small
-- columns of a 1 KB row (bench/payroll.sh). Same columns first as before,
-- so every query by person keeps using it. Keep in step with
-- sql/pg/0007_payroll_facts.sql.
DROP INDEX payroll_lines_person;
CREATE INDEX payroll_lines_person
    ON payroll_lines (person_id, benefit_month, payroll_id, kind, benefit,
                      blocked, amount);
