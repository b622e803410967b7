-- The leader's prose of a report year: foreword, mandate and history, kept with the year.
CREATE TABLE report_texts (
    service_id TEXT NOT NULL REFERENCES services(id),
    year       BIGINT NOT NULL,
    kind       TEXT NOT NULL,
    body       TEXT NOT NULL,
    updated_by TEXT NOT NULL REFERENCES users(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (service_id, year, kind)
);
