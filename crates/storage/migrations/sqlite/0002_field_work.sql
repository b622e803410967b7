-- Places, anonymous field contacts and the catalogue of counterpart services.

CREATE TABLE districts (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    name       TEXT NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    archived   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (service_id, name)
);

CREATE TABLE places (
    id           TEXT PRIMARY KEY,
    service_id   TEXT NOT NULL REFERENCES services(id),
    district_id  TEXT NOT NULL REFERENCES districts(id),
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    school_level TEXT,
    lat          REAL,
    lon          REAL,
    position     INTEGER NOT NULL DEFAULT 0,
    archived     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (service_id, name)
);
CREATE INDEX places_district ON places(district_id);

-- One row per registration. The id is chosen by the client (the phone) so that sending the same
-- registration twice stores it once. The local_* columns and time_band are the moment in the
-- service's time zone at the time of writing, so reports group without time-zone arithmetic.
CREATE TABLE contacts (
    id           TEXT PRIMARY KEY,
    service_id   TEXT NOT NULL REFERENCES services(id),
    occurred_at  INTEGER NOT NULL,
    place_id     TEXT NOT NULL REFERENCES places(id),
    channel      TEXT NOT NULL,
    age_group    TEXT NOT NULL,
    gender       TEXT NOT NULL,
    count        INTEGER NOT NULL CHECK (count >= 1),
    staff_id     TEXT REFERENCES users(id),
    topics       TEXT NOT NULL DEFAULT '',
    local_year   INTEGER NOT NULL,
    local_month  INTEGER NOT NULL,
    local_weekday INTEGER NOT NULL,
    local_hour   INTEGER NOT NULL,
    time_band    TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    created_by   TEXT REFERENCES users(id),
    -- An undone registration stays as a tombstone, so a late retry of the same id cannot bring
    -- it back.
    undone_at    INTEGER
);
CREATE INDEX contacts_service_year ON contacts(service_id, local_year);
CREATE INDEX contacts_service_time ON contacts(service_id, occurred_at);
CREATE INDEX contacts_place ON contacts(place_id);

CREATE TABLE counterpart_services (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    code       TEXT NOT NULL,
    name       TEXT NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0,
    UNIQUE (service_id, code)
);
