-- Time use (annual report section 1.3): minutes per category that a worker records for a day,
-- for one shift of the rota (team_id) or for the day outside the rota (team_id NULL).
CREATE TABLE time_entries (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    user_id     TEXT NOT NULL REFERENCES users(id),
    day         TEXT NOT NULL,
    year        BIGINT NOT NULL,
    team_id     TEXT REFERENCES rota_teams(id),
    category    TEXT NOT NULL,
    minutes     BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL,
    CHECK (minutes >= 0)
);
CREATE UNIQUE INDEX time_entries_slot
    ON time_entries(user_id, day, COALESCE(team_id, ''), category);
CREATE INDEX time_entries_year ON time_entries(service_id, year);
