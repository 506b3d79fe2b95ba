-- 0004_dossiers (SQLite): dossiers (hồ sơ) moving through the procedures
-- of rules/procedures/, their steps and acts, complaints (khiếu nại) and
-- decisions (quyết định); docs/dossiers.md. Keep in step with
-- sql/pg/0004_dossiers.sql: same tables, columns, constraints and meaning.
-- Dates are 'YYYY-MM-DD'; timestamps ISO-8601 UTC made in C; who acted is
-- the username with the role they acted in.

-- A dossier: who it is for, what it asks (kind; the decision it proposes;
-- categories, disability level, certificate and event dates that the
-- decision's effective month follows, RULES.md §2.6), where it was
-- received (the commune: its scope), the procedure chosen by the
-- submission date, and where it stands: state, current step (step_seq
-- numbers the visits in dossier_steps), its deadline, the clock (stopped
-- while documents are awaited or a complaint is open: clock_stopped_on;
-- working days stopped so far on this step and on the whole dossier).
CREATE TABLE dossiers (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES persons (id),
    kind              TEXT NOT NULL CHECK (kind IN ('grant', 'adjust', 'stop',
                          'transfer', 'care', 'funeral')),
    proposed          TEXT NOT NULL CHECK (proposed IN ('grant', 'adjust',
                          'suspend', 'resume', 'terminate')),
    unit_code         TEXT NOT NULL CHECK (length(unit_code) = 5
                                           AND unit_code NOT GLOB '*[^0-9]*'),
    procedure         TEXT NOT NULL,
    submitted_on      TEXT NOT NULL
                      CHECK (date(submitted_on, '+0 days') IS submitted_on),
    categories        TEXT NOT NULL DEFAULT '',
    disability        TEXT CHECK (disability IN ('severe',
                                                 'especially_severe')),
    certificate_on    TEXT CHECK (certificate_on IS NULL OR
                          date(certificate_on, '+0 days') IS certificate_on),
    event_on          TEXT CHECK (event_on IS NULL OR
                          date(event_on, '+0 days') IS event_on),
    ground            TEXT,
    applicant         TEXT NOT NULL DEFAULT '',
    note              TEXT NOT NULL DEFAULT '',
    state             TEXT NOT NULL CHECK (state IN ('open', 'decided',
                          'refused', 'withdrawn')),
    step              TEXT NOT NULL,
    step_seq          INTEGER NOT NULL CHECK (step_seq >= 1),
    step_started_on   TEXT NOT NULL
                      CHECK (date(step_started_on, '+0 days') IS
                             step_started_on),
    deadline          TEXT CHECK (deadline IS NULL OR
                          date(deadline, '+0 days') IS deadline),
    waiting_documents INTEGER NOT NULL DEFAULT 0
                      CHECK (waiting_documents IN (0, 1)),
    open_complaints   INTEGER NOT NULL DEFAULT 0
                      CHECK (open_complaints >= 0),
    clock_stopped_on  TEXT CHECK (clock_stopped_on IS NULL OR
                          date(clock_stopped_on, '+0 days') IS
                          clock_stopped_on),
    step_stopped_wd   INTEGER NOT NULL DEFAULT 0 CHECK (step_stopped_wd >= 0),
    total_stopped_wd  INTEGER NOT NULL DEFAULT 0
                      CHECK (total_stopped_wd >= 0),
    closed_on         TEXT CHECK (closed_on IS NULL OR
                          date(closed_on, '+0 days') IS closed_on),
    outcome_text      TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    created_by        TEXT NOT NULL,
    version           INTEGER NOT NULL DEFAULT 1,
    CHECK ((state = 'open') = (closed_on IS NULL)),
    CHECK (closed_on IS NULL OR closed_on >= submitted_on),
    CHECK (step_started_on >= submitted_on),
    CHECK ((clock_stopped_on IS NULL) OR
           (waiting_documents = 1 OR open_complaints > 0))
) STRICT;
CREATE INDEX dossiers_unit_state ON dossiers (unit_code, state, deadline);
CREATE INDEX dossiers_person ON dossiers (person_id);

-- Every visit of a step: when it started, its deadline (as of leaving),
-- how it ended (the act, who and in which role), the working days its
-- clock stood still and whether it ended late. is_public marks a public
-- posting (niêm yết), which the posting list reads.
CREATE TABLE dossier_steps (
    id           INTEGER PRIMARY KEY,
    dossier_id   INTEGER NOT NULL REFERENCES dossiers (id),
    seq          INTEGER NOT NULL CHECK (seq >= 1),
    step         TEXT NOT NULL,
    is_public    INTEGER NOT NULL CHECK (is_public IN (0, 1)),
    started_on   TEXT NOT NULL
                 CHECK (date(started_on, '+0 days') IS started_on),
    deadline     TEXT CHECK (deadline IS NULL OR
                     date(deadline, '+0 days') IS deadline),
    ended_on     TEXT CHECK (ended_on IS NULL OR
                     (date(ended_on, '+0 days') IS ended_on
                      AND ended_on >= started_on)),
    ended_action TEXT,
    ended_by     TEXT,
    ended_role   TEXT,
    stopped_wd   INTEGER NOT NULL DEFAULT 0 CHECK (stopped_wd >= 0),
    late         INTEGER CHECK (late IN (0, 1)),
    CHECK ((ended_on IS NULL) = (ended_action IS NULL)
           AND (ended_on IS NULL) = (ended_by IS NULL)
           AND (ended_on IS NULL) = (late IS NULL)),
    UNIQUE (dossier_id, seq)
) STRICT;
CREATE INDEX dossier_steps_public
    ON dossier_steps (is_public, started_on, dossier_id);

-- Every act on a dossier, in order: the submission, each action of the
-- procedure (with the step it was taken at and its visit), complaints
-- received and answered. acted_on is the day of the act (entered later
-- for a paper act: recorded_at says when); deadline and late are the
-- step's at that moment.
CREATE TABLE dossier_events (
    id          INTEGER PRIMARY KEY,
    dossier_id  INTEGER NOT NULL REFERENCES dossiers (id),
    step_seq    INTEGER NOT NULL,
    step        TEXT NOT NULL,
    action      TEXT NOT NULL,
    acted_on    TEXT NOT NULL CHECK (date(acted_on, '+0 days') IS acted_on),
    actor       TEXT NOT NULL,
    actor_role  TEXT NOT NULL,
    deadline    TEXT CHECK (deadline IS NULL OR
                    date(deadline, '+0 days') IS deadline),
    late        INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    note        TEXT NOT NULL DEFAULT '',
    recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX dossier_events_dossier
    ON dossier_events (dossier_id, step_seq, action);

-- Complaints about a posted review, a decision or a refusal: a record of
-- their own with a deadline (10 WD, RULES.md §6.2) and a written answer.
-- An open complaint holds its dossier at its step (dossiers.open_complaints).
CREATE TABLE complaints (
    id            INTEGER PRIMARY KEY,
    dossier_id    INTEGER NOT NULL REFERENCES dossiers (id),
    step          TEXT NOT NULL,
    complainant   TEXT NOT NULL CHECK (length(complainant) > 0),
    content       TEXT NOT NULL CHECK (length(content) > 0),
    received_on   TEXT NOT NULL
                  CHECK (date(received_on, '+0 days') IS received_on),
    deadline      TEXT NOT NULL
                  CHECK (date(deadline, '+0 days') IS deadline
                         AND deadline > received_on),
    received_by   TEXT NOT NULL,
    resolved_on   TEXT CHECK (resolved_on IS NULL OR
                      (date(resolved_on, '+0 days') IS resolved_on
                       AND resolved_on >= received_on)),
    answer        TEXT,
    resolved_by   TEXT,
    resolved_role TEXT,
    late          INTEGER CHECK (late IN (0, 1)),
    recorded_at   TEXT NOT NULL,
    CHECK ((resolved_on IS NULL) = (answer IS NULL)
           AND (resolved_on IS NULL) = (resolved_by IS NULL)
           AND (resolved_on IS NULL) = (late IS NULL))
) STRICT;
CREATE INDEX complaints_dossier ON complaints (dossier_id, id);

-- Decisions: number unique per signing unit and year, the signer (user,
-- name and role) of the unit whose chairman signs (the district before
-- 2025-07-01, the commune from then on: RULES.md §2.6, §6.5), what it
-- decides and from which month (effective_from, the first day of that
-- month), the dossier it concludes (one decision per dossier).
CREATE TABLE decisions (
    id             INTEGER PRIMARY KEY,
    dossier_id     INTEGER NOT NULL UNIQUE REFERENCES dossiers (id),
    person_id      INTEGER NOT NULL REFERENCES persons (id),
    number         TEXT NOT NULL CHECK (length(number) BETWEEN 1 AND 50),
    year           INTEGER NOT NULL,
    signing_unit   TEXT NOT NULL CHECK (length(signing_unit) IN (3, 5)
                       AND signing_unit NOT GLOB '*[^0-9]*'),
    signed_on      TEXT NOT NULL
                   CHECK (date(signed_on, '+0 days') IS signed_on),
    signer_id      INTEGER NOT NULL REFERENCES users (id),
    signer_name    TEXT NOT NULL,
    signer_role    TEXT NOT NULL CHECK (signer_role IN ('district_chairman',
                       'commune_chairman')),
    kind           TEXT NOT NULL CHECK (kind IN ('grant', 'adjust',
                       'suspend', 'resume', 'terminate')),
    unit_code      TEXT NOT NULL,
    effective_from TEXT NOT NULL
                   CHECK (date(effective_from, 'start of month') IS
                          effective_from),
    categories     TEXT NOT NULL DEFAULT '',
    reason         TEXT,
    reason_text    TEXT NOT NULL DEFAULT '',
    event_on       TEXT CHECK (event_on IS NULL OR
                       date(event_on, '+0 days') IS event_on),
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    CHECK (year = CAST(substr(signed_on, 1, 4) AS INTEGER)),
    UNIQUE (signing_unit, year, number)
) STRICT;
CREATE INDEX decisions_unit ON decisions (unit_code, signed_on);
CREATE INDEX decisions_person ON decisions (person_id);
