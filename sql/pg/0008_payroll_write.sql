-- 0008_payroll_write (PostgreSQL): cheaper writing of payroll lines; see
-- sql/sqlite/0008_payroll_write.sql (same changes, same meaning): the
-- per-row guard no longer covers INSERT (store_payroll_lines_add refuses
-- a frozen payroll; the content hash shows a line added behind the
-- program's back), UPDATE and DELETE stay refused; the source-line index
-- holds roll-over lines only.
DROP TRIGGER payroll_lines_frozen ON payroll_lines;
CREATE TRIGGER payroll_lines_frozen BEFORE UPDATE OR DELETE
    ON payroll_lines FOR EACH ROW EXECUTE FUNCTION payroll_frozen_child();
DROP INDEX payroll_lines_source;
CREATE INDEX payroll_lines_source ON payroll_lines (source_line_id)
    WHERE source_line_id IS NOT NULL;
