-- 0008_payroll_write (SQLite): cheaper writing of payroll lines
-- (bench/payroll.sh, docs/payroll.md). Keep in step with
-- sql/pg/0008_payroll_write.sql.
--
-- 1. The guard against adding lines to an approved payroll ran once per
--    row (a sub-query on payrolls per line: a third of the cost of the
--    INSERT at national scale). Lines are added only by
--    store_payroll_lines_add, which now refuses a payroll that is not
--    prepared or checked, once per call; and a line added behind the
--    program's back changes the content hash that `ansinh payroll verify`
--    recomputes against the one in the audit chain. Changing or deleting
--    the lines of an approved payroll stays refused by the database.
DROP TRIGGER payroll_lines_frozen_insert;
-- 2. Only roll-over lines name a source line: index those alone, not a
--    NULL per line. Queries on source_line_id = x still use it.
DROP INDEX payroll_lines_source;
CREATE INDEX payroll_lines_source ON payroll_lines (source_line_id)
    WHERE source_line_id IS NOT NULL;
