-- The yearly 8th-grade programme as a checklist: every class of the municipality's schools,
-- typed once a year, each taught, planned or not yet.
CREATE TABLE class_checklist (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    year       BIGINT NOT NULL,
    place_id   TEXT NOT NULL REFERENCES places(id),
    class_name TEXT NOT NULL,
    status     TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (service_id, year, place_id, class_name)
);
