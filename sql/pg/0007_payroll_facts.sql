-- 0007_payroll_facts (PostgreSQL): the person index of payroll lines
-- covers what preparing a payroll reads of earlier lines; see
-- sql/sqlite/0007_payroll_facts.sql (same index, same meaning).
DROP INDEX payroll_lines_person;
CREATE INDEX payroll_lines_person
    ON payroll_lines (person_id, benefit_month, payroll_id, kind, benefit,
                      blocked, amount);
