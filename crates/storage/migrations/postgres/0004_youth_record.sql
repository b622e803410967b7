-- Named youths in individual follow-up and their journal: a health record.
--
-- Columns holding names, birth dates, phone numbers, school, guardians, journal text, assessment
-- comments and block reasons hold sealed values (`gl1:KEYID:…`, see crypto.rs), never plaintext.
-- The *_hash columns are keyed hashes for exact search and duplicate warnings.

CREATE TABLE youths (
    id             TEXT PRIMARY KEY,
    service_id     TEXT NOT NULL REFERENCES services(id),
    ref            TEXT NOT NULL,
    first_name     TEXT NOT NULL,
    last_name      TEXT NOT NULL,
    birth_date     TEXT NOT NULL,
    phone          TEXT,
    school         TEXT,
    guardians      TEXT,
    gender         TEXT NOT NULL,
    municipality   TEXT NOT NULL,
    identity_hash  TEXT NOT NULL,
    birth_hash     TEXT NOT NULL,
    phone_hash     TEXT,
    created_at     BIGINT NOT NULL,
    created_by     TEXT REFERENCES users(id),
    closed_at      BIGINT,
    UNIQUE (service_id, ref)
);
CREATE INDEX youths_identity ON youths(service_id, identity_hash);
CREATE INDEX youths_birth ON youths(service_id, birth_hash);
CREATE INDEX youths_phone ON youths(service_id, phone_hash);

CREATE TABLE youth_contact_persons (
    youth_id TEXT NOT NULL REFERENCES youths(id),
    user_id  TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (youth_id, user_id)
);
CREATE INDEX youth_contact_persons_user ON youth_contact_persons(user_id);

-- A follow-up conversation. local_date/local_year are the day in the service's time zone.
CREATE TABLE conversations (
    id               TEXT PRIMARY KEY,
    service_id       TEXT NOT NULL REFERENCES services(id),
    youth_id         TEXT NOT NULL REFERENCES youths(id),
    occurred_at      BIGINT NOT NULL,
    local_date       TEXT NOT NULL,
    local_year       BIGINT NOT NULL,
    setting          TEXT,
    duration_minutes BIGINT,
    challenges       TEXT NOT NULL DEFAULT '',
    place_id         TEXT REFERENCES places(id),
    contact_id       TEXT,
    created_at       BIGINT NOT NULL,
    created_by       TEXT REFERENCES users(id)
);
CREATE INDEX conversations_youth ON conversations(youth_id, occurred_at);
CREATE INDEX conversations_year ON conversations(service_id, local_year);

CREATE TABLE conversation_staff (
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    user_id         TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (conversation_id, user_id)
);

-- A journal entry; its text lives in versions. Version 1 is a draft until signed; a correction
-- is a new signed version with a reason. withheld_* marks an entry left out of the youth's copy.
CREATE TABLE journal_entries (
    id              TEXT PRIMARY KEY,
    service_id      TEXT NOT NULL REFERENCES services(id),
    youth_id        TEXT NOT NULL REFERENCES youths(id),
    conversation_id TEXT REFERENCES conversations(id),
    kind            TEXT NOT NULL DEFAULT 'note',
    helped_at       BIGINT NOT NULL,
    author_id       TEXT NOT NULL REFERENCES users(id),
    created_at      BIGINT NOT NULL,
    withheld_reason TEXT,
    withheld_by     TEXT REFERENCES users(id),
    withheld_at     BIGINT
);
CREATE INDEX journal_entries_youth ON journal_entries(youth_id, helped_at);

CREATE TABLE journal_versions (
    entry_id   TEXT NOT NULL REFERENCES journal_entries(id),
    version    BIGINT NOT NULL,
    author_id  TEXT NOT NULL REFERENCES users(id),
    body       TEXT NOT NULL,
    reason     TEXT,
    written_at BIGINT NOT NULL,
    signed_at  BIGINT,
    PRIMARY KEY (entry_id, version)
);

-- What a leader decided to delete (helsepersonelloven § 43): the content is gone, the decision stays.
CREATE TABLE journal_deletions (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    youth_id   TEXT NOT NULL REFERENCES youths(id),
    entry_id   TEXT NOT NULL,
    decided_by TEXT NOT NULL REFERENCES users(id),
    reason     TEXT NOT NULL,
    deleted_at BIGINT NOT NULL
);

CREATE TABLE assessments (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    youth_id    TEXT NOT NULL REFERENCES youths(id),
    assessed_on TEXT NOT NULL,
    author_id   TEXT NOT NULL REFERENCES users(id),
    items       TEXT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX assessments_youth ON assessments(youth_id, assessed_on);

-- Blocking (sperring) at the youth's request, against one staff member: the whole record when
-- entry_id is NULL (later entries included), else one entry. Active until lifted.
CREATE TABLE record_blocks (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    youth_id   TEXT NOT NULL REFERENCES youths(id),
    user_id    TEXT NOT NULL REFERENCES users(id),
    entry_id   TEXT REFERENCES journal_entries(id),
    reason     TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    lifted_at  BIGINT,
    lifted_by  TEXT REFERENCES users(id)
);
CREATE INDEX record_blocks_youth ON record_blocks(youth_id, user_id);

CREATE TABLE emergency_accesses (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    youth_id    TEXT NOT NULL REFERENCES youths(id),
    user_id     TEXT NOT NULL REFERENCES users(id),
    reason      TEXT NOT NULL,
    granted_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    reviewed_by TEXT REFERENCES users(id),
    reviewed_at BIGINT,
    review_note TEXT
);
CREATE INDEX emergency_accesses_user ON emergency_accesses(youth_id, user_id, expires_at);
CREATE INDEX emergency_accesses_review ON emergency_accesses(service_id, reviewed_at);

-- A signed version keeps its author, dates and signature; only re-sealing its text under a new
-- key (`gatelangs keys rotate`) updates it.
CREATE FUNCTION journal_signed_is_final() RETURNS trigger AS $$
BEGIN
    IF OLD.signed_at IS NOT NULL AND (
        NEW.signed_at IS DISTINCT FROM OLD.signed_at OR NEW.author_id IS DISTINCT FROM OLD.author_id
        OR NEW.written_at IS DISTINCT FROM OLD.written_at OR NEW.version IS DISTINCT FROM OLD.version
        OR NEW.entry_id IS DISTINCT FROM OLD.entry_id
    ) THEN
        RAISE EXCEPTION 'a signed journal entry cannot be changed';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER journal_signed_is_final BEFORE UPDATE ON journal_versions
FOR EACH ROW EXECUTE FUNCTION journal_signed_is_final();
