-- 0009_payroll_lean_lines (PostgreSQL): explanations composed on reading
-- for the lines whose columns give them; see
-- sql/sqlite/0009_payroll_lean_lines.sql (same column, same meaning).
ALTER TABLE payroll_lines ADD COLUMN level_basis text NOT NULL DEFAULT '';
