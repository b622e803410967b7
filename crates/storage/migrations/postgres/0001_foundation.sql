-- Services (tenants), accounts, sessions and the audit log.
-- Timestamps are Unix seconds (UTC); ids are UUID text; flags are 0/1. The column types mirror
-- the SQLite migration so that one set of queries serves both backends.

CREATE TABLE services (
    id                 TEXT PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    municipality       TEXT,
    time_zone          TEXT NOT NULL,
    require_two_factor BIGINT NOT NULL DEFAULT 1,
    is_demo            BIGINT NOT NULL DEFAULT 0,
    created_at         BIGINT NOT NULL
);

CREATE TABLE users (
    id             TEXT PRIMARY KEY,
    service_id     TEXT NOT NULL REFERENCES services(id),
    username       TEXT NOT NULL UNIQUE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT,
    disabled       BIGINT NOT NULL DEFAULT 0,
    language       TEXT NOT NULL DEFAULT 'nb',
    totp_secret    TEXT,
    totp_last_step BIGINT,
    failed_logins  BIGINT NOT NULL DEFAULT 0,
    locked_until   BIGINT,
    created_at     BIGINT NOT NULL
);
CREATE INDEX users_service ON users(service_id);

CREATE TABLE recovery_codes (
    id         TEXT PRIMARY KEY,
    service_id TEXT NOT NULL REFERENCES services(id),
    user_id    TEXT NOT NULL REFERENCES users(id),
    code_hash  TEXT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes(user_id);

CREATE TABLE sessions (
    token_hash          TEXT PRIMARY KEY,
    user_id             TEXT NOT NULL REFERENCES users(id),
    service_id          TEXT NOT NULL REFERENCES services(id),
    stage               TEXT NOT NULL,
    pending_totp_secret TEXT,
    created_at          BIGINT NOT NULL,
    last_seen_at        BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE setup_tokens (
    token_hash TEXT PRIMARY KEY,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);

CREATE TABLE audit_head (
    id  BIGINT PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    mac TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, mac)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

CREATE TABLE audit_log (
    seq        BIGINT PRIMARY KEY,
    at         BIGINT NOT NULL,
    service_id TEXT,
    actor_id   TEXT,
    action     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_mac   TEXT NOT NULL,
    mac        TEXT NOT NULL
);
CREATE INDEX audit_log_service_at ON audit_log(service_id, at);

-- Append-only: the application never updates or deletes log rows. Someone with direct database
-- access can drop this trigger, which is what the keyed hash chain is there to expose.
CREATE FUNCTION audit_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
