-- bench/payroll_floor.sql: the floor of bench/payroll.sh, the same work as
-- `ansinh payroll prepare` for the whole nation done by one plain
-- INSERT ... SELECT in the sqlite3 shell, on a copy of the database:
-- the beneficiaries resident on the month's first day with an enrolled
-- status and a membership valid in the month, the amount as the standard
-- level x the category's coefficient (a join on a small table), their
-- payment arrangement, one line each in Vietnamese-like list order, with
-- texts of the same kind and size (basis, level basis, decision), into
-- payroll_lines itself (same indexes and foreign keys), committed.
-- It reads the same tables (persons read only: its index uses the app's
-- "vi" collation, which the shell does not have, so names sort by bytes
-- here). What it does not do, the rules engine's age, disability and
-- children cases, arrears, settled months, roll-overs, one-offs and the
-- payment points, makes it a floor, not an oracle.
-- Parameters (.parameter set): :first, :last (the month's first and last
-- day), :level (the standard level in đồng), :month_vn ('11/2026', no
-- longer used: the explanation is composed when read).
-- The connection as the app sets it for writing lines (db_sqlite.c,
-- store_payroll_bulk_cache, store_payroll_lines_run): foreign keys,
-- synchronous NORMAL in WAL, a 64 MiB page cache, the CHECK constraints
-- skipped (the app checks each line in C first; the floor's rows are
-- made to meet them). The row is the app's (migrations 0009 and 0011):
-- the explanation of an allowance line is left '' (composed when read)
-- and the line names its basis (the category's article, the rule's
-- section, the standard level's decree) in payroll_bases by basis_id.
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -65536;
PRAGMA ignore_check_constraints = ON;
CREATE TEMP TABLE floor_coeff (
    category    TEXT PRIMARY KEY,
    coeff_milli INTEGER NOT NULL,
    basis       TEXT NOT NULL
) STRICT;
INSERT INTO floor_coeff VALUES
    ('K1a', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1b', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1c', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1d', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1dd', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1e', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1g', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1h', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1i', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1k', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K1l', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm a'),
    ('K2', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm b'),
    ('K3', 2000, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm c'),
    ('K4', 1000, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm d'),
    ('K5a', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm đ'),
    ('K5b', 2000, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm đ'),
    ('K5c', 1000, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm đ'),
    ('K5d', 3000, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm đ'),
    ('K6', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm e'),
    ('K7', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm g'),
    ('K8', 1500, 'Nghị định 20/2021/NĐ-CP, Điều 6 khoản 1 điểm h');
.timer on
BEGIN IMMEDIATE;
INSERT INTO payrolls (area_code, area_path, month, state, prepared_on,
    prepared_by, prepared_at, lookback, basis_seq, rules_hash)
VALUES ('99', '99', :first, 'prepared', :first, 'bench.floor',
    '2000-01-01T00:00:00Z', 0, 0, 'floor');
INSERT INTO payroll_bases (basis, rules_ref, level_basis)
SELECT DISTINCT basis, 'RULES.md §2.3', 'Nghị định 335/2026/NĐ-CP, Điều 4'
FROM floor_coeff WHERE true
ON CONFLICT DO NOTHING;
INSERT INTO payroll_lines (payroll_id, seq, ref, point_seq, person_id,
    full_name, id_number, birth_date, unit_code, kind, benefit,
    benefit_month, category, coeff_milli, standard_level, amount, entitled,
    settled, basis_id, confidence, decision_ref, explanation, method,
    point_name, point_officer, bank_code, account_number, receiver_name,
    receiver_id_number)
WITH due AS (
    SELECT r.person_id, r.unit_code, s.decision_ref,
        (SELECT m.category FROM memberships m
          WHERE m.person_id = r.person_id AND m.valid_from <= :last
            AND (m.valid_to IS NULL OR m.valid_to > :first)
          ORDER BY m.category LIMIT 1) AS category,
        (SELECT m.studying FROM memberships m
          WHERE m.person_id = r.person_id AND m.valid_from <= :last
            AND (m.valid_to IS NULL OR m.valid_to > :first)
          ORDER BY m.category LIMIT 1) AS studying
    FROM residences r
    JOIN beneficiaries b ON b.person_id = r.person_id
    JOIN beneficiary_status s ON s.person_id = r.person_id
     AND s.status = 'enrolled' AND s.valid_from <= :last
     AND (s.valid_to IS NULL OR s.valid_to > :first)
    WHERE r.valid_from <= :first
      AND (r.valid_to IS NULL OR r.valid_to > :first)
), lines AS (
    SELECT d.*, c.coeff_milli, pb.id AS basis_id, p.full_name, p.id_number,
        p.birth_date, coalesce(a.method, 'cash') AS method,
        coalesce(a.point_name, '') AS point_name,
        coalesce(a.point_officer, '') AS point_officer,
        coalesce(a.bank_code, a.wallet_provider, '') AS bank_code,
        coalesce(a.account_number, '') AS account_number,
        coalesce(a.receiver_name, '') AS receiver_name,
        coalesce(a.receiver_id_number, '') AS receiver_id_number,
        c.coeff_milli * :level / 1000 AS amount
    FROM due d
    JOIN floor_coeff c ON c.category = d.category
    JOIN payroll_bases pb ON pb.basis = c.basis
     AND pb.rules_ref = 'RULES.md §2.3'
     AND pb.level_basis = 'Nghị định 335/2026/NĐ-CP, Điều 4'
    JOIN persons p ON p.id = d.person_id
    LEFT JOIN payment_arrangements a ON a.person_id = d.person_id
     AND a.valid_from <= :first
     AND (a.valid_to IS NULL OR a.valid_to > :first)
    -- children's categories end at 16, or 22 while studying (RULES.md §2)
    WHERE d.category NOT GLOB 'K[123]*'
       OR p.birth_date > date(:first, '-16 years')
       OR (d.studying = 1 AND p.birth_date > date(:first, '-22 years'))
)
SELECT (SELECT id FROM payrolls WHERE area_code = '99' AND month = :first),
    row_number() OVER w,
    printf('F%s-%07d', unit_code, row_number() OVER w),
    dense_rank() OVER (ORDER BY unit_code, method, point_name),
    person_id, full_name, id_number, birth_date, unit_code, 'allowance',
    'monthly', :first, category, coeff_milli, :level, amount, amount, 0,
    basis_id, 'unverified', coalesce(decision_ref, ''), '',
    method, point_name, point_officer, bank_code, account_number,
    receiver_name, receiver_id_number
FROM lines
WINDOW w AS (ORDER BY unit_code, method, point_name, full_name, person_id);
SELECT 'floor_rows', changes();
COMMIT;
