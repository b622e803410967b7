-- A leader's recorded decision about a closed follow-up record past its period (decision 0033):
-- deleted, or deposited with the archive and then deleted here. The youth row stays as a shell
-- (id, ref, gender, municipality, `erased_at`) with the counted facts of its conversations,
-- collaborations, child-welfare cases and group attendance, so past years' figures hold; names,
-- birth date, contact details, journal, assessments, blocks and texts are gone.
ALTER TABLE youths ADD COLUMN erased_at BIGINT;

CREATE TABLE retention_decisions (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    youth_id    TEXT NOT NULL REFERENCES youths(id),
    outcome     TEXT NOT NULL CHECK (outcome IN ('deleted', 'deposited')),
    -- The archive's reference of a deposit (required for one), e.g. its case number.
    archive_reference TEXT,
    -- Sealed (`gl1:…`): the grounds may name the youth's situation.
    grounds     TEXT NOT NULL,
    decided_by  TEXT NOT NULL REFERENCES users(id),
    decided_at  BIGINT NOT NULL
);
CREATE INDEX retention_decisions_service ON retention_decisions(service_id, decided_at);
