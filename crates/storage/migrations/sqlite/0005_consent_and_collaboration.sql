-- Consent to share, collaboration under consent, anonymous inquiries, and child welfare.
-- Dates of these records are calendar days (YYYY-MM-DD) as people give them; `year` is that
-- day's year for the report. Sealed columns hold `gl1:…` values (see crypto.rs).

CREATE TABLE consents (
    id                     TEXT PRIMARY KEY,
    service_id             TEXT NOT NULL REFERENCES services(id),
    youth_id               TEXT NOT NULL REFERENCES youths(id),
    given_on               TEXT NOT NULL,
    given_by               TEXT NOT NULL,
    age_at_consent         BIGINT NOT NULL,
    valid_until            TEXT,
    withdrawn_on           TEXT,
    withdrawn_by           TEXT REFERENCES users(id),
    withdrawn_at           BIGINT,
    form                   TEXT,
    what_shared            TEXT,
    purpose                TEXT,
    youth_view             TEXT,
    guardians_not_involved TEXT,
    recorded_by            TEXT REFERENCES users(id),
    recorded_at            BIGINT NOT NULL
);
CREATE INDEX consents_youth ON consents(youth_id, given_on);

CREATE TABLE consent_services (
    consent_id     TEXT NOT NULL REFERENCES consents(id),
    counterpart_id TEXT NOT NULL REFERENCES counterpart_services(id),
    PRIMARY KEY (consent_id, counterpart_id)
);

-- A collaboration names the consent that covered it on its date.
CREATE TABLE collaborations (
    id             TEXT PRIMARY KEY,
    service_id     TEXT NOT NULL REFERENCES services(id),
    youth_id       TEXT NOT NULL REFERENCES youths(id),
    day            TEXT NOT NULL,
    year           BIGINT NOT NULL,
    direction      TEXT NOT NULL,
    counterpart_id TEXT NOT NULL REFERENCES counterpart_services(id),
    consent_id     TEXT NOT NULL REFERENCES consents(id),
    what_shared    TEXT,
    note           TEXT,
    recorded_by    TEXT REFERENCES users(id),
    recorded_at    BIGINT NOT NULL
);
CREATE INDEX collaborations_year ON collaborations(service_id, year);
CREATE INDEX collaborations_youth ON collaborations(youth_id, day);

-- No youth and no personal data: general advice only.
CREATE TABLE inquiries (
    id             TEXT PRIMARY KEY,
    service_id     TEXT NOT NULL REFERENCES services(id),
    day            TEXT NOT NULL,
    year           BIGINT NOT NULL,
    direction      TEXT NOT NULL,
    counterpart_id TEXT NOT NULL REFERENCES counterpart_services(id),
    topic          TEXT,
    recorded_by    TEXT REFERENCES users(id),
    recorded_at    BIGINT NOT NULL
);
CREATE INDEX inquiries_year ON inquiries(service_id, year);

-- Concern reports sent and information requests received. `details` is the grounds text or
-- what was asked; `sent` what was sent; `answer` what was answered.
CREATE TABLE child_welfare (
    id             TEXT PRIMARY KEY,
    service_id     TEXT NOT NULL REFERENCES services(id),
    youth_id       TEXT NOT NULL REFERENCES youths(id),
    kind           TEXT NOT NULL,
    day            TEXT NOT NULL,
    year           BIGINT NOT NULL,
    grounds        TEXT NOT NULL DEFAULT '',
    details        TEXT,
    sent           TEXT,
    youth_told     BIGINT,
    guardians_told BIGINT,
    legal_basis    TEXT,
    deadline       TEXT,
    answered_on    TEXT,
    answer         TEXT,
    recorded_by    TEXT REFERENCES users(id),
    recorded_at    BIGINT NOT NULL
);
CREATE INDEX child_welfare_year ON child_welfare(service_id, year);
CREATE INDEX child_welfare_youth ON child_welfare(youth_id, day);
