-- The service's logo for its report documents: one PNG or JPEG per service.
CREATE TABLE service_logos (
    service_id TEXT PRIMARY KEY REFERENCES services(id),
    media_type TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    updated_at BIGINT NOT NULL
);
