-- 0003_registry (SQLite): the beneficiary registry (docs/registry.md).
-- Keep in step with sql/pg/0003_registry.sql: same tables, columns,
-- constraints and meaning. Dates as in 0001 (valid_to exclusive, NULL
-- while open); recorded_by is the username (or "cli", "system") that made
-- the row, recorded_at an ISO-8601 UTC timestamp made in C.

-- The beneficiary record of a person (hồ sơ đối tượng): the latest status
-- and since when it applies (which may be after today: a termination takes
-- effect from the month after the event, RULES.md §2.6), with the ground
-- of a suspension or termination (core/registry.h codes). version guards
-- against lost updates of the record, its status and its payment.
CREATE TABLE beneficiaries (
    person_id    INTEGER PRIMARY KEY REFERENCES persons (id),
    status       TEXT NOT NULL
                 CHECK (status IN ('enrolled', 'suspended', 'terminated')),
    since        TEXT NOT NULL CHECK (date(since, '+0 days') IS since),
    reason       TEXT CHECK (reason IS NULL OR reason IN ('not_collected',
                     'reassessment', 'detention', 'death', 'missing',
                     'ineligible', 'moved', 'refused', 'prison',
                     'suspension_expired')),
    reason_text  TEXT NOT NULL DEFAULT '',
    decision_ref TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK ((status = 'enrolled') = (reason IS NULL))
) STRICT;
CREATE INDEX beneficiaries_status ON beneficiaries (status, person_id);

-- Status history: one row per period, the last one open. The statistics
-- count a person as a beneficiary on D when the period valid on D is
-- enrolled or suspended (store_stats.h); the index covers that query and
-- the per-person lookup of the statistics by unit.
CREATE TABLE beneficiary_status (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES beneficiaries (person_id),
    status       TEXT NOT NULL
                 CHECK (status IN ('enrolled', 'suspended', 'terminated')),
    reason       TEXT CHECK (reason IS NULL OR reason IN ('not_collected',
                     'reassessment', 'detention', 'death', 'missing',
                     'ineligible', 'moved', 'refused', 'prison',
                     'suspension_expired')),
    reason_text  TEXT NOT NULL DEFAULT '',
    decision_ref TEXT NOT NULL DEFAULT '',
    valid_from   TEXT NOT NULL CHECK (date(valid_from, '+0 days') IS valid_from),
    valid_to     TEXT CHECK (valid_to IS NULL
                             OR (date(valid_to, '+0 days') IS valid_to
                                 AND valid_to > valid_from)),
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL,
    CHECK ((status = 'enrolled') = (reason IS NULL)),
    UNIQUE (person_id, valid_from)
) STRICT;
CREATE INDEX beneficiary_status_valid
    ON beneficiary_status (person_id, valid_from, valid_to, status);

-- How a beneficiary is paid, with history (RULES.md §7.1): cash at a
-- payment point (name, responsible officer), a bank account (NAPAS bank
-- code, account number) or an e-wallet (provider, number: the owner's
-- mobile number); optionally an authorised receiver (người nhận thay:
-- the very old, children) with the paper that authorises them.
CREATE TABLE payment_arrangements (
    id                    INTEGER PRIMARY KEY,
    person_id             INTEGER NOT NULL
                          REFERENCES beneficiaries (person_id),
    valid_from            TEXT NOT NULL
                          CHECK (date(valid_from, '+0 days') IS valid_from),
    valid_to              TEXT CHECK (valid_to IS NULL
                                      OR (date(valid_to, '+0 days') IS valid_to
                                          AND valid_to > valid_from)),
    method                TEXT NOT NULL
                          CHECK (method IN ('cash', 'bank', 'ewallet')),
    point_name            TEXT,
    point_officer         TEXT,
    bank_code             TEXT CHECK (bank_code IS NULL
                                      OR (length(bank_code) = 6
                                          AND bank_code NOT GLOB '*[^0-9]*')),
    account_number        TEXT CHECK (account_number IS NULL
                                      OR (length(account_number) BETWEEN 6
                                          AND 19 AND account_number NOT GLOB
                                          '*[^0-9]*')),
    wallet_provider       TEXT,
    receiver_name         TEXT,
    receiver_id_number    TEXT CHECK (receiver_id_number IS NULL
                                      OR (length(receiver_id_number) IN (9, 12)
                                          AND receiver_id_number NOT GLOB
                                          '*[^0-9]*')),
    receiver_relationship TEXT,
    receiver_document     TEXT,
    recorded_at           TEXT NOT NULL,
    recorded_by           TEXT NOT NULL,
    CHECK (method <> 'cash' OR (point_name IS NOT NULL AND bank_code IS NULL
           AND account_number IS NULL AND wallet_provider IS NULL)),
    CHECK (method <> 'bank' OR (bank_code IS NOT NULL
           AND account_number IS NOT NULL AND point_name IS NULL
           AND point_officer IS NULL AND wallet_provider IS NULL)),
    CHECK (method <> 'ewallet' OR (wallet_provider IS NOT NULL
           AND account_number IS NOT NULL AND point_name IS NULL
           AND point_officer IS NULL AND bank_code IS NULL)),
    CHECK ((receiver_name IS NULL) = (receiver_relationship IS NULL)
           AND (receiver_name IS NULL) = (receiver_document IS NULL)
           AND (receiver_name IS NOT NULL OR receiver_id_number IS NULL)),
    UNIQUE (person_id, valid_from)
) STRICT;

-- Evidence documents get a kind (core/registry.h), so the rules can find
-- "the disability certificate" whatever its printed title. Existing rows
-- are classified by the titles the demo and imports used.
ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT 'other'
    CHECK (kind IN ('birth_certificate', 'death_certificate',
        'disability_certificate', 'hiv_confirmation', 'poverty_certificate',
        'decision', 'missing_declaration', 'facility_confirmation',
        'prison_confirmation', 'abandonment_record', 'school_confirmation',
        'marital_status', 'authorisation', 'other'));
UPDATE documents SET kind = CASE
    WHEN type = 'Giấy khai sinh' THEN 'birth_certificate'
    WHEN type IN ('Trích lục khai tử', 'Giấy chứng tử')
        THEN 'death_certificate'
    WHEN type = 'Giấy xác nhận khuyết tật' THEN 'disability_certificate'
    WHEN type = 'Giấy xác nhận nhiễm HIV' THEN 'hiv_confirmation'
    WHEN type IN ('Giấy chứng nhận hộ nghèo', 'Giấy chứng nhận hộ cận nghèo')
        THEN 'poverty_certificate'
    WHEN type LIKE 'Quyết định trợ cấp%' THEN 'decision'
    WHEN type = 'Quyết định tuyên bố mất tích' THEN 'missing_declaration'
    WHEN type LIKE 'Giấy xác nhận đang được nuôi dưỡng%'
        THEN 'facility_confirmation'
    WHEN type = 'Giấy xác nhận đang chấp hành án phạt tù'
        THEN 'prison_confirmation'
    WHEN type = 'Biên bản xác nhận trẻ bị bỏ rơi' THEN 'abandonment_record'
    WHEN type = 'Giấy xác nhận đang học' THEN 'school_confirmation'
    WHEN type = 'Giấy xác nhận tình trạng hôn nhân' THEN 'marital_status'
    ELSE 'other' END
WHERE kind = 'other';

-- Search at national scale (ENGINEERING.md §6). Folded-name substrings
-- (persons.search_text, text_fold) through an FTS5 trigram index kept in
-- step by triggers: `search_text GLOB '*nguyen van duc*'` on persons_fts
-- uses it for 3 characters or more and re-checks each candidate, so the
-- answer is exactly the substring match (detail=none keeps the index
-- small: no positions are needed for a re-checked GLOB). The B-tree on
-- search_text of 0001 answered no query and goes.
DROP INDEX persons_search;
CREATE VIRTUAL TABLE persons_fts USING fts5(
    search_text, content = 'persons', content_rowid = 'id',
    tokenize = 'trigram', detail = 'none');
INSERT INTO persons_fts (persons_fts) VALUES ('rebuild');
CREATE TRIGGER persons_fts_insert AFTER INSERT ON persons BEGIN
    INSERT INTO persons_fts (rowid, search_text)
        VALUES (new.id, new.search_text);
END;
CREATE TRIGGER persons_fts_delete AFTER DELETE ON persons BEGIN
    INSERT INTO persons_fts (persons_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER persons_fts_update AFTER UPDATE OF search_text ON persons BEGIN
    INSERT INTO persons_fts (persons_fts, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
    INSERT INTO persons_fts (rowid, search_text)
        VALUES (new.id, new.search_text);
END;
-- Lists in Vietnamese order page through this index instead of sorting
-- every match (docs/registry.md). It uses the "vi" collation, which the
-- ansinh driver registers on every connection: the sqlite3 shell can read
-- the database but not write persons.
CREATE INDEX persons_name ON persons (full_name COLLATE vi, id);
