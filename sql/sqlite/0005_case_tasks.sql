-- 0005_case_tasks (SQLite): transfers of residence between places, the
-- officers' task list and the unit reorganisation (docs/tasks.md,
-- docs/reorganise.md, docs/dossiers.md). Keep in step with
-- sql/pg/0005_case_tasks.sql: same tables, columns, constraints and
-- meaning.

-- A stop for a move (RULES.md §6.3) names where the person went: the
-- destination commune and address. Signing it opens the transfer dossier
-- there, which links back to the stop decision (stop_decision_id); signing
-- the transfer dossier's decision completes the move in one transaction.
ALTER TABLE dossiers ADD COLUMN to_unit TEXT
    CHECK (to_unit IS NULL OR (length(to_unit) = 5
                               AND to_unit NOT GLOB '*[^0-9]*'));
ALTER TABLE dossiers ADD COLUMN to_address TEXT NOT NULL DEFAULT '';
ALTER TABLE dossiers ADD COLUMN stop_decision_id INTEGER
    REFERENCES decisions (id);

-- Tasks of the officers (docs/tasks.md): life events of the month
-- (RULES.md §2.2, §2.3, §2.6), suspensions that reached three months,
-- overdue dossier steps, and what the reorganisation of 2025-07-01 cannot
-- decide alone (a person of a split commune, an account of one). One row
-- per thing to do, found again by task_key whatever the run that made it
-- (generating a month twice changes nothing). unit_code is where the task
-- belongs: a commune (5 digits) or, for the reorganisation's tasks, the
-- province (2). What the task is about: a person, a dossier or an
-- account; category the membership that triggered it; decision what is
-- needed (core/tasks.h); from_unit the old unit of an assignment;
-- event_on the day it happens (a birthday, a deadline, the reform); due_on
-- when the work should be done. A task is closed by an officer with a
-- note (done_*); an assignment also records the unit chosen (resolution).
CREATE TABLE tasks (
    id         INTEGER PRIMARY KEY,
    task_key   TEXT NOT NULL UNIQUE,
    kind       TEXT NOT NULL CHECK (kind IN ('child_4', 'child_16',
                   'child_22', 'elderly_80', 'k7_3', 'suspended_3m',
                   'overdue_step', 'assign_commune', 'assign_user')),
    unit_code  TEXT NOT NULL CHECK (length(unit_code) IN (2, 3, 5)
                                    AND unit_code NOT GLOB '*[^0-9]*'),
    person_id  INTEGER REFERENCES persons (id),
    dossier_id INTEGER REFERENCES dossiers (id),
    user_id    INTEGER REFERENCES users (id),
    category   TEXT,
    decision   TEXT NOT NULL CHECK (decision IN ('none', 'adjust',
                   'terminate', 'study_or_terminate', 'resume_or_terminate',
                   'act', 'assign')),
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
CREATE INDEX tasks_unit ON tasks (unit_code, state, due_on);
CREATE INDEX tasks_person ON tasks (person_id, state);
CREATE INDEX tasks_user ON tasks (user_id, state);

-- Life events are found by birthday: a month's 4th, 16th, 22nd, 80th
-- birthdays are a range of birth dates.
CREATE INDEX persons_birth ON persons (birth_date, id);

-- The reorganisations applied (docs/reorganise.md): one row per effective
-- date, with the first and the latest run. Residences, households,
-- dossiers and tasks are moved only where they still name an old unit, so
-- a second run finds nothing to do; accounts are rebound on the first run
-- only (an account moved from an old commune to a new code that is also
-- an old code must not move again).
CREATE TABLE reorganisations (
    effective  TEXT PRIMARY KEY
               CHECK (date(effective, '+0 days') IS effective),
    applied_at TEXT NOT NULL,
    applied_by TEXT NOT NULL,
    last_at    TEXT NOT NULL,
    runs       INTEGER NOT NULL DEFAULT 1 CHECK (runs >= 1)
) STRICT;
