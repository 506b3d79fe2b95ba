-- 0001_init (SQLite): the foundation schema. Keep in step with
-- sql/pg/0001_init.sql: same tables, columns, constraints and semantics
-- (the storage contract suite runs on both). Conventions: db.h.
-- Dates are 'YYYY-MM-DD' text checked with date(x, '+0 days') IS x: the
-- modifier makes SQLite normalise, so 2025-02-30 fails (plain date(x)
-- returns '2025-02-30' unchanged and would let it through);
-- valid_to is exclusive and NULL while still valid.

CREATE TABLE reference_data (
    name      TEXT PRIMARY KEY,
    checksum  TEXT NOT NULL,
    loaded_at TEXT NOT NULL
) STRICT;

-- Administrative units with history (RULES.md §10): one row per version of
-- a unit. Codes are text with leading zeros: province 2 digits, district 3,
-- commune 5. level: 1 province, 2 district, 3 commune.
CREATE TABLE units (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL CHECK (length(code) IN (2, 3, 5)
                                       AND code NOT GLOB '*[^0-9]*'),
    level         INTEGER NOT NULL CHECK (level IN (1, 2, 3)),
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,
    parent_code   TEXT,
    province_code TEXT NOT NULL,
    valid_from    TEXT NOT NULL
                  CHECK (date(valid_from, '+0 days') IS valid_from),
    valid_to      TEXT CHECK (valid_to IS NULL
                              OR (date(valid_to, '+0 days') IS valid_to
                                  AND valid_to > valid_from)),
    search_text   TEXT NOT NULL,
    UNIQUE (code, level, valid_from)
) STRICT;
CREATE INDEX units_parent ON units (parent_code, valid_from);
CREATE INDEX units_province ON units (province_code, level);
CREATE INDEX units_valid_from ON units (valid_from);

-- Predecessor links of a reform (the 2025-07-01 two-tier mapping): the new
-- unit took the whole (full) or part (partial) of the old one.
CREATE TABLE unit_links (
    id        INTEGER PRIMARY KEY,
    effective TEXT NOT NULL CHECK (date(effective, '+0 days') IS effective),
    new_code  TEXT NOT NULL,
    old_code  TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('full', 'partial')),
    UNIQUE (effective, new_code, old_code)
) STRICT;
CREATE INDEX unit_links_old ON unit_links (old_code, effective);

CREATE TABLE households (
    id         INTEGER PRIMARY KEY,
    code       TEXT UNIQUE,
    unit_code  TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
) STRICT;

-- Poverty status per year (hộ nghèo / hộ cận nghèo), reviewed yearly.
CREATE TABLE household_poverty (
    household_id INTEGER NOT NULL REFERENCES households (id),
    year         INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    status       TEXT NOT NULL CHECK (status IN ('poor', 'near_poor', 'none')),
    PRIMARY KEY (household_id, year)
) STRICT;

-- id_number: 12-digit personal number (CCCD) or legacy 9-digit CMND.
-- search_text: text_fold(full_name), written by the store on every change.
CREATE TABLE persons (
    id           INTEGER PRIMARY KEY,
    id_number    TEXT UNIQUE CHECK (id_number IS NULL
                                    OR (length(id_number) IN (9, 12)
                                        AND id_number NOT GLOB '*[^0-9]*')),
    full_name    TEXT NOT NULL CHECK (length(full_name) > 0),
    search_text  TEXT NOT NULL,
    birth_date   TEXT NOT NULL
                 CHECK (date(birth_date, '+0 days') IS birth_date),
    sex          TEXT NOT NULL CHECK (sex IN ('M', 'F')),
    household_id INTEGER REFERENCES households (id),
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX persons_search ON persons (search_text);
CREATE INDEX persons_household ON persons (household_id);

-- Where a person lives, with history (a commune code valid on those dates).
CREATE TABLE residences (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    unit_code  TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    valid_from TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    valid_to   TEXT CHECK (valid_to IS NULL
                           OR (date(valid_to, '+0 days') IS valid_to
                               AND valid_to > valid_from)),
    UNIQUE (person_id, valid_from)
) STRICT;
-- Covering index for statistics as of a date: residences valid on D
-- grouped by commune in one index pass (bench/demo.sh: 3.7 s -> 1.6 s at
-- national scale on SQLite).
CREATE INDEX residences_unit_valid
    ON residences (unit_code, valid_from, valid_to, person_id);

-- Category memberships (RULES.md §2.2 codes K1a..K8). The rules engine
-- decides amounts; this records who belongs to what, from when, and why.
CREATE TABLE memberships (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES persons (id),
    category   TEXT NOT NULL,
    disability TEXT CHECK (disability IN ('severe', 'especially_severe')),
    studying   INTEGER NOT NULL DEFAULT 0 CHECK (studying IN (0, 1)),
    valid_from TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    valid_to   TEXT CHECK (valid_to IS NULL
                           OR (date(valid_to, '+0 days') IS valid_to
                               AND valid_to > valid_from)),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;
-- Covering indexes: distinct beneficiaries on a date, and counts by
-- category, each one pass over an index (national scale: 5.4 s -> 0.4 s and
-- 3.3 s -> 0.2 s on SQLite, bench/demo.sh).
CREATE INDEX memberships_person_valid
    ON memberships (person_id, valid_from, valid_to);
CREATE INDEX memberships_category_valid
    ON memberships (category, valid_from, valid_to);

-- Evidence documents: birth, death, disability, HIV, poverty certificates.
CREATE TABLE documents (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES persons (id),
    membership_id INTEGER REFERENCES memberships (id),
    type          TEXT NOT NULL,
    number        TEXT NOT NULL DEFAULT '',
    issued_on     TEXT CHECK (issued_on IS NULL
                              OR date(issued_on, '+0 days') IS issued_on),
    issuer        TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX documents_person ON documents (person_id);

-- Accounts. area_code: the unit a user works for (commune, district or
-- province code); NULL for national roles.
CREATE TABLE users (
    id            INTEGER PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    full_name     TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('admin', 'commune_officer',
                      'commune_chairman', 'district_officer',
                      'district_chairman', 'province_officer', 'supervisor',
                      'auditor', 'provider')),
    area_code     TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL
) STRICT;

-- Login sessions: only a hash of the token is stored (ENGINEERING.md §7).
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
) STRICT;

-- Every change leaves a record here, in the same transaction.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL DEFAULT '',
    entity_id TEXT NOT NULL DEFAULT '',
    detail    TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX audit_entity ON audit_log (entity, entity_id);
