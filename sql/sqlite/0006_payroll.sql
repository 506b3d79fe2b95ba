-- 0006_payroll (SQLite): monthly payrolls (danh sách chi trả), their
-- lines, payment points, reconciliation with the payment provider,
-- one-off payments and provider fees; docs/payroll.md, RULES.md §7.1.
-- Keep in step with sql/pg/0006_payroll.sql: same tables, columns,
-- constraints and meaning. Months are stored as their first day
-- ('2026-09-01'); timestamps ISO-8601 UTC made in C; who acted is the
-- username.

-- A payroll: one area (commune, district or province code) and pay month,
-- at most one per area and month, and never two covering one commune in a
-- month (checked by the store through payroll_units). State moves forward
-- only: prepared -> checked -> approved -> sent -> reconciled; who and
-- when for each. prepared_on is the day the entitlements were computed
-- ("as known on": rules.h known_on). content_hash (hex BLAKE2b-256 of the
-- canonical serialisation, docs/payroll.md) is set at approval and goes
-- into the audit chain; rules_hash names the rule files used. Approvals
-- are numbered (approval_seq); basis_seq is the last number when the
-- payroll was prepared, so an approval of another payroll of the same
-- communes since then makes it stale (prepare again). area_path
-- places the area in the unit tree of the month (scope, audit).
CREATE TABLE payrolls (
    id             INTEGER PRIMARY KEY,
    area_code      TEXT NOT NULL CHECK (length(area_code) IN (2, 3, 5)
                                        AND area_code NOT GLOB '*[^0-9]*'),
    area_path      TEXT NOT NULL,
    month          TEXT NOT NULL
                   CHECK (date(month, 'start of month') IS month),
    state          TEXT NOT NULL CHECK (state IN ('prepared', 'checked',
                       'approved', 'sent', 'reconciled')),
    prepared_on    TEXT NOT NULL
                   CHECK (date(prepared_on, '+0 days') IS prepared_on),
    prepared_by    TEXT NOT NULL,
    prepared_at    TEXT NOT NULL,
    checked_by     TEXT,
    checked_at     TEXT,
    approved_by    TEXT,
    approved_role  TEXT,
    approved_at    TEXT,
    sent_by        TEXT,
    sent_at        TEXT,
    reconciled_at  TEXT,
    lookback       INTEGER NOT NULL CHECK (lookback BETWEEN 0 AND 120),
    persons        INTEGER NOT NULL DEFAULT 0,
    lines          INTEGER NOT NULL DEFAULT 0,
    total_payable  INTEGER NOT NULL DEFAULT 0,
    total_recovery INTEGER NOT NULL DEFAULT 0,
    basis_seq      INTEGER NOT NULL,
    approval_seq   INTEGER UNIQUE,
    rules_hash     TEXT NOT NULL,
    content_hash   TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK ((state IN ('prepared', 'checked')) = (content_hash IS NULL)),
    CHECK ((checked_by IS NULL) = (state = 'prepared')),
    CHECK ((approved_by IS NULL) = (state IN ('prepared', 'checked'))),
    CHECK ((approval_seq IS NULL) = (approved_by IS NULL)),
    CHECK ((sent_by IS NULL) = (state IN ('prepared', 'checked',
                                          'approved'))),
    CHECK (checked_by IS NULL OR checked_by <> prepared_by),
    CHECK (approved_by IS NULL OR (approved_by <> prepared_by
                                   AND approved_by <> checked_by)),
    UNIQUE (area_code, month)
) STRICT;
CREATE INDEX payrolls_month ON payrolls (month, state);

-- The communes a payroll covers (those of its area in the month's unit
-- tree): no two payrolls of one month share one, and arrears look back
-- only at months an approved payroll covered (docs/payroll.md).
CREATE TABLE payroll_units (
    payroll_id INTEGER NOT NULL REFERENCES payrolls (id),
    unit_code  TEXT NOT NULL CHECK (length(unit_code) = 5),
    month      TEXT NOT NULL CHECK (date(month, 'start of month') IS month),
    PRIMARY KEY (payroll_id, unit_code)
) STRICT;
CREATE INDEX payroll_units_month ON payroll_units (month, unit_code);

-- Payment points of a payroll, numbered in list order (commune, method,
-- Vietnamese order of the name): a cash point (kind commune_office,
-- post_office, village_hall, other) with its responsible officer, or the
-- bank transfers or e-wallet payments of a commune (kind bank, ewallet).
CREATE TABLE payroll_points (
    payroll_id INTEGER NOT NULL REFERENCES payrolls (id),
    seq        INTEGER NOT NULL CHECK (seq >= 1),
    unit_code  TEXT NOT NULL,
    method     TEXT NOT NULL CHECK (method IN ('cash', 'bank', 'ewallet')),
    kind       TEXT NOT NULL CHECK (kind IN ('commune_office', 'post_office',
                   'village_hall', 'other', 'bank', 'ewallet')),
    name       TEXT NOT NULL,
    officer    TEXT NOT NULL DEFAULT '',
    persons    INTEGER NOT NULL,
    lines      INTEGER NOT NULL,
    total      INTEGER NOT NULL,
    PRIMARY KEY (payroll_id, seq)
) STRICT;

-- One-off payments (chi một lần): a fixed amount per person for the
-- beneficiaries of an area (code; '' everywhere) on a day (eligible_on),
-- optionally only some categories (comma-separated codes, '' all), paid
-- with the payroll of `month` (or a later one if missed). RULES.md §5:
-- the Tết 2026 gift, 400,000 đ per person.
CREATE TABLE oneoff_payments (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name        TEXT NOT NULL CHECK (length(name) > 0),
    amount      INTEGER NOT NULL CHECK (amount > 0),
    month       TEXT NOT NULL CHECK (date(month, 'start of month') IS month),
    area_code   TEXT NOT NULL DEFAULT '',
    eligible_on TEXT NOT NULL
                CHECK (date(eligible_on, '+0 days') IS eligible_on),
    categories  TEXT NOT NULL DEFAULT '',
    basis       TEXT NOT NULL CHECK (length(basis) > 0),
    rules_ref   TEXT NOT NULL,
    confidence  TEXT NOT NULL CHECK (confidence IN ('confirmed',
                    'secondary', 'unverified')),
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
) STRICT;

-- Payment lines: seq orders them (payment point, Vietnamese order of the
-- name, person, kind, benefit month); ref is the stable reference the
-- provider file carries and the result file must return. amount is signed
-- (a recovery is negative). The person and the payment arrangement are
-- copied as they were (snapshot). A line of an approved payroll is never
-- changed or deleted (triggers below); its payment result lives in
-- payroll_results.
CREATE TABLE payroll_lines (
    id                 INTEGER PRIMARY KEY,
    payroll_id         INTEGER NOT NULL REFERENCES payrolls (id),
    seq                INTEGER NOT NULL CHECK (seq >= 1),
    ref                TEXT NOT NULL UNIQUE,
    point_seq          INTEGER NOT NULL,
    person_id          INTEGER NOT NULL REFERENCES persons (id),
    full_name          TEXT NOT NULL,
    id_number          TEXT,
    birth_date         TEXT NOT NULL,
    unit_code          TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('allowance', 'care',
                           'arrears', 'recovery', 'rollover', 'funeral',
                           'oneoff')),
    benefit            TEXT NOT NULL CHECK (benefit IN ('monthly', 'care',
                           'funeral', 'oneoff')),
    benefit_month      TEXT NOT NULL
                       CHECK (date(benefit_month, 'start of month') IS
                              benefit_month),
    category           TEXT NOT NULL DEFAULT '',
    coeff_milli        INTEGER NOT NULL DEFAULT 0,
    standard_level     INTEGER NOT NULL DEFAULT 0,
    amount             INTEGER NOT NULL CHECK (amount <> 0),
    entitled           INTEGER NOT NULL DEFAULT 0,
    settled            INTEGER NOT NULL DEFAULT 0,
    basis              TEXT NOT NULL DEFAULT '',
    rules_ref          TEXT NOT NULL DEFAULT '',
    confidence         TEXT NOT NULL CHECK (confidence IN ('confirmed',
                           'secondary', 'unverified')),
    decision_id        INTEGER REFERENCES decisions (id),
    decision_ref       TEXT NOT NULL DEFAULT '',
    oneoff_id          INTEGER REFERENCES oneoff_payments (id),
    source_line_id     INTEGER REFERENCES payroll_lines (id),
    explanation        TEXT NOT NULL,
    method             TEXT NOT NULL CHECK (method IN ('cash', 'bank',
                           'ewallet')),
    point_name         TEXT NOT NULL DEFAULT '',
    point_officer      TEXT NOT NULL DEFAULT '',
    bank_code          TEXT NOT NULL DEFAULT '',
    account_number     TEXT NOT NULL DEFAULT '',
    receiver_name      TEXT NOT NULL DEFAULT '',
    receiver_id_number TEXT NOT NULL DEFAULT '',
    blocked            INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
    block_reason       TEXT NOT NULL DEFAULT '',
    CHECK ((kind = 'recovery') = (amount < 0)),
    CHECK ((kind = 'rollover') = (source_line_id IS NOT NULL)),
    UNIQUE (payroll_id, seq)
) STRICT;
CREATE INDEX payroll_lines_person
    ON payroll_lines (person_id, benefit_month, payroll_id);
CREATE INDEX payroll_lines_source ON payroll_lines (source_line_id);

-- Lines held back (inspection findings, next issues): by reference, so a
-- payroll prepared again keeps them. A blocked line is in no provider
-- file and settles nothing.
CREATE TABLE payroll_blocks (
    payroll_id INTEGER NOT NULL REFERENCES payrolls (id),
    ref        TEXT NOT NULL,
    reason     TEXT NOT NULL CHECK (length(reason) > 0),
    blocked_by TEXT NOT NULL,
    blocked_at TEXT NOT NULL,
    PRIMARY KEY (payroll_id, ref)
) STRICT;

-- The payment provider's fee: a percentage of the amount paid, set by the
-- provincial People's Committee (Circular 76/2021 Art. 3(7), RULES.md
-- §7.1), in basis points (150 = 1.50 %), per area from a day.
CREATE TABLE payment_fees (
    id          INTEGER PRIMARY KEY,
    area_code   TEXT NOT NULL CHECK (length(area_code) IN (0, 2, 3, 5)),
    valid_from  TEXT NOT NULL
                CHECK (date(valid_from, '+0 days') IS valid_from),
    fee_bp      INTEGER NOT NULL CHECK (fee_bp BETWEEN 0 AND 10000),
    basis       TEXT NOT NULL DEFAULT '',
    recorded_by TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    UNIQUE (area_code, valid_from)
) STRICT;

-- Result files of the provider, imported (file_hash: hex BLAKE2b-256 of
-- the bytes; the same file twice is one import), with their counts.
CREATE TABLE payroll_imports (
    id          INTEGER PRIMARY KEY,
    payroll_id  INTEGER NOT NULL REFERENCES payrolls (id),
    file_hash   TEXT NOT NULL,
    file_name   TEXT NOT NULL DEFAULT '',
    format      TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
    imported_by TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    paid        INTEGER NOT NULL,
    unpaid      INTEGER NOT NULL,
    amount_paid INTEGER NOT NULL,
    mismatches  INTEGER NOT NULL,
    UNIQUE (payroll_id, file_hash)
) STRICT;

-- The result of a payable line: paid (with the day) or not paid, from
-- which import and row. A later import may turn "not paid" into "paid".
CREATE TABLE payroll_results (
    line_id     INTEGER PRIMARY KEY REFERENCES payroll_lines (id),
    payroll_id  INTEGER NOT NULL REFERENCES payrolls (id),
    paid        INTEGER NOT NULL CHECK (paid IN (0, 1)),
    paid_on     TEXT CHECK (paid_on IS NULL
                            OR date(paid_on, '+0 days') IS paid_on),
    note        TEXT NOT NULL DEFAULT '',
    import_id   INTEGER NOT NULL REFERENCES payroll_imports (id),
    row_no      INTEGER NOT NULL,
    recorded_at TEXT NOT NULL,
    CHECK ((paid = 1) = (paid_on IS NOT NULL))
) STRICT;
CREATE INDEX payroll_results_payroll ON payroll_results (payroll_id, paid);

-- What an import could not apply, never dropped: unknown_line (no such
-- reference in the payroll), wrong_amount, duplicate (the reference twice
-- in the file), bad_row (status or date unreadable), not_payable (a
-- recovery or blocked line), conflict (a line already reported paid now
-- reported otherwise), missing (a payable line the file does not name).
CREATE TABLE payroll_mismatches (
    id        INTEGER PRIMARY KEY,
    import_id INTEGER NOT NULL REFERENCES payroll_imports (id),
    row_no    INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('unknown_line', 'wrong_amount',
                  'duplicate', 'bad_row', 'not_payable', 'conflict',
                  'missing')),
    ref       TEXT NOT NULL DEFAULT '',
    line_id   INTEGER REFERENCES payroll_lines (id),
    expected  INTEGER,
    found     INTEGER,
    detail    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX payroll_mismatches_import ON payroll_mismatches (import_id, id);

-- Frozen after approval: the lines, points and communes of an approved,
-- sent or reconciled payroll can be neither changed nor deleted, and its
-- content (hash, counts, totals, area, month) never changes; the state
-- only moves forward. Corrections are arrears or recoveries of a later
-- month (docs/payroll.md).
CREATE TRIGGER payroll_lines_frozen_update BEFORE UPDATE ON payroll_lines
WHEN (SELECT state FROM payrolls WHERE id = old.payroll_id)
     NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payroll_lines_frozen_delete BEFORE DELETE ON payroll_lines
WHEN (SELECT state FROM payrolls WHERE id = old.payroll_id)
     NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payroll_lines_frozen_insert BEFORE INSERT ON payroll_lines
WHEN (SELECT state FROM payrolls WHERE id = new.payroll_id)
     NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payroll_points_frozen_update BEFORE UPDATE ON payroll_points
WHEN (SELECT state FROM payrolls WHERE id = old.payroll_id)
     NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payroll_points_frozen_delete BEFORE DELETE ON payroll_points
WHEN (SELECT state FROM payrolls WHERE id = old.payroll_id)
     NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payroll_units_frozen_delete BEFORE DELETE ON payroll_units
WHEN (SELECT state FROM payrolls WHERE id = old.payroll_id)
     NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payrolls_frozen BEFORE UPDATE ON payrolls
WHEN old.state NOT IN ('prepared', 'checked')
     AND (new.content_hash IS NOT old.content_hash
          OR new.area_code IS NOT old.area_code
          OR new.month IS NOT old.month
          OR new.lines IS NOT old.lines
          OR new.persons IS NOT old.persons
          OR new.total_payable IS NOT old.total_payable
          OR new.total_recovery IS NOT old.total_recovery
          OR new.rules_hash IS NOT old.rules_hash
          OR new.prepared_on IS NOT old.prepared_on
          OR new.approved_by IS NOT old.approved_by
          OR new.approval_seq IS NOT old.approval_seq
          OR (old.state = 'approved' AND new.state NOT IN ('approved',
              'sent'))
          OR (old.state = 'sent' AND new.state NOT IN ('sent',
              'reconciled'))
          OR (old.state = 'reconciled' AND new.state <> 'reconciled'))
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;
CREATE TRIGGER payrolls_frozen_delete BEFORE DELETE ON payrolls
WHEN old.state NOT IN ('prepared', 'checked')
BEGIN
    SELECT RAISE(ABORT, 'payroll frozen: an approved payroll is never edited');
END;

-- The payroll's task (docs/payroll.md, RULES.md §2.6): a beneficiary who
-- collected nothing in three consecutive pay months gets a task
-- "not_collected_3m" calling for a suspension decision ("suspend"). The
-- tasks table of 0005 is rebuilt with the two new values in its CHECKs
-- (SQLite cannot alter a CHECK); its rows, ids and indexes are kept.
CREATE TABLE tasks_0006 (
    id         INTEGER PRIMARY KEY,
    task_key   TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('child_4', 'child_16',
                   'child_22', 'elderly_80', 'k7_3', 'suspended_3m',
                   'overdue_step', 'assign_commune', 'assign_user',
                   'not_collected_3m')),
    unit_code  TEXT NOT NULL CHECK (length(unit_code) IN (2, 3, 5)
                                    AND unit_code NOT GLOB '*[^0-9]*'),
    person_id  INTEGER REFERENCES persons (id),
    dossier_id INTEGER REFERENCES dossiers (id),
    user_id    INTEGER REFERENCES users (id),
    category   TEXT,
    decision   TEXT NOT NULL CHECK (decision IN ('none', 'adjust',
                   'terminate', 'study_or_terminate', 'resume_or_terminate',
                   'act', 'assign', 'suspend')),
    from_unit  TEXT,
    event_on   TEXT NOT NULL CHECK (date(event_on, '+0 days') IS event_on),
    due_on     TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on),
    state      TEXT NOT NULL CHECK (state IN ('open', 'done')),
    done_on    TEXT CHECK (done_on IS NULL OR
                   date(done_on, '+0 days') IS done_on),
    done_by    TEXT,
    note       TEXT NOT NULL DEFAULT '',
    resolution TEXT,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK ((state = 'open') = (done_on IS NULL)
           AND (done_on IS NULL) = (done_by IS NULL)),
    CHECK (person_id IS NOT NULL OR dossier_id IS NOT NULL
           OR user_id IS NOT NULL)
) STRICT;
INSERT INTO tasks_0006 SELECT * FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_0006 RENAME TO tasks;
CREATE INDEX tasks_unit ON tasks (unit_code, state, due_on);
CREATE INDEX tasks_person ON tasks (person_id, state);
CREATE INDEX tasks_user ON tasks (user_id, state);
