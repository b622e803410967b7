-- Group work, prevention work and trend observations (annual report sections 2.4, 2.7, 2.8).
-- Days are calendar days (YYYY-MM-DD); `year` is that day's year for the report. Sealed
-- columns hold `gl1:…` values (see crypto.rs).

-- "groups" is a keyword in both SQL dialects, hence youth_groups.
CREATE TABLE youth_groups (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    place_id    TEXT REFERENCES places(id),
    created_at  BIGINT NOT NULL,
    UNIQUE (service_id, name)
);

-- Anonymous participants known by a nickname or gamer tag, unique within the service, so that
-- unique participants are counted without identity. Never linked to a youth.
CREATE TABLE group_pseudonyms (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    label       TEXT NOT NULL,
    created_at  BIGINT NOT NULL,
    UNIQUE (service_id, label)
);

-- One participant at one session (a group on a day): a named youth or a pseudonym, never both.
CREATE TABLE group_attendance (
    id           TEXT PRIMARY KEY,
    service_id   TEXT NOT NULL REFERENCES services(id),
    group_id     TEXT NOT NULL REFERENCES youth_groups(id),
    day          TEXT NOT NULL,
    year         BIGINT NOT NULL,
    youth_id     TEXT REFERENCES youths(id),
    pseudonym_id TEXT REFERENCES group_pseudonyms(id),
    recorded_by  TEXT REFERENCES users(id),
    recorded_at  BIGINT NOT NULL,
    CHECK ((youth_id IS NULL) <> (pseudonym_id IS NULL))
);
CREATE INDEX group_attendance_year ON group_attendance(service_id, year);
CREATE INDEX group_attendance_youth ON group_attendance(youth_id);

CREATE TABLE prevention_events (
    id           TEXT PRIMARY KEY,
    service_id   TEXT NOT NULL REFERENCES services(id),
    day          TEXT NOT NULL,
    year         BIGINT NOT NULL,
    kind         TEXT NOT NULL,
    place_id     TEXT REFERENCES places(id),
    grade        BIGINT,
    classes      BIGINT,
    participants BIGINT,
    recorded_by  TEXT REFERENCES users(id),
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX prevention_events_year ON prevention_events(service_id, year);

-- Trend notes about youth environments: no personal data (the form warns), and the summary is
-- sealed all the same, since free text can hold more than it should.
CREATE TABLE observations (
    id           TEXT PRIMARY KEY,
    service_id   TEXT NOT NULL REFERENCES services(id),
    day          TEXT NOT NULL,
    year         BIGINT NOT NULL,
    district_id  TEXT NOT NULL REFERENCES districts(id),
    themes       TEXT NOT NULL,
    summary      TEXT NOT NULL,
    recorded_by  TEXT REFERENCES users(id),
    recorded_at  BIGINT NOT NULL
);
CREATE INDEX observations_year ON observations(service_id, year);
