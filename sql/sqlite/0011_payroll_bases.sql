-- 0011_payroll_bases (SQLite): the legal basis of a payroll line (basis,
-- rules_ref, level_basis: the category's article, the rule's section, the
-- standard level's decree) is stored once per distinct text in
-- payroll_bases and named by the line's basis_id; the line's own three
-- columns are then ''. Reading a line takes them from its basis
-- (store_payroll.c), so the API, the lists, the provider files, the
-- explanations and the content hash see the same bytes as before. A
-- national month's lines repeat a few dozen such texts three million
-- times: they were a third of a line's bytes, written twice (log and
-- database) by every preparation (bench/payroll.sh, docs/payroll.md).
-- Lines written before keep their texts (basis_id NULL). A basis is never
-- changed or deleted: approved, frozen lines name it. Keep in step with
-- sql/pg/0011_payroll_bases.sql.
CREATE TABLE payroll_bases (
    id          INTEGER PRIMARY KEY,
    basis       TEXT NOT NULL,
    rules_ref   TEXT NOT NULL,
    level_basis TEXT NOT NULL,
    UNIQUE (basis, rules_ref, level_basis)
) STRICT;
CREATE TRIGGER payroll_bases_frozen_update BEFORE UPDATE ON payroll_bases
BEGIN
    SELECT RAISE(ABORT, 'payroll bases are never edited');
END;
CREATE TRIGGER payroll_bases_frozen_delete BEFORE DELETE ON payroll_bases
BEGIN
    SELECT RAISE(ABORT, 'payroll bases are never edited');
END;
ALTER TABLE payroll_lines
    ADD COLUMN basis_id INTEGER REFERENCES payroll_bases (id);
