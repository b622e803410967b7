-- The staffing plan and the rota (annual report section 3.0). Days are calendar days
-- (YYYY-MM-DD), times HH:MM; a shift ends the next day when `ends` is earlier than `starts`.

-- A target of field teams for a shift on a weekday. A row with neither valid_from nor valid_to is
-- the standing plan; a row with either is a seasonal override (see domain::staffing).
CREATE TABLE staffing_targets (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    shift       TEXT NOT NULL,
    starts      TEXT NOT NULL,
    ends        TEXT NOT NULL,
    weekday     TEXT NOT NULL,
    min_teams   BIGINT NOT NULL,
    max_teams   BIGINT NOT NULL,
    valid_from  TEXT,
    valid_to    TEXT,
    recorded_by TEXT REFERENCES users(id),
    recorded_at BIGINT NOT NULL,
    CHECK (0 <= min_teams AND min_teams <= max_teams)
);
-- One row per shift, weekday and period: a second would make the plan in force ambiguous.
CREATE UNIQUE INDEX staffing_targets_slot
    ON staffing_targets(service_id, shift, weekday, COALESCE(valid_from, ''), COALESCE(valid_to, ''));

-- One field team on duty on a date and shift, optionally in a district.
CREATE TABLE rota_teams (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    day         TEXT NOT NULL,
    year        BIGINT NOT NULL,
    shift       TEXT NOT NULL,
    district_id TEXT REFERENCES districts(id),
    recorded_by TEXT REFERENCES users(id),
    recorded_at BIGINT NOT NULL
);
CREATE INDEX rota_teams_day ON rota_teams(service_id, day);

-- The staff of a team, in the order the rota names them.
CREATE TABLE rota_members (
    team_id  TEXT NOT NULL REFERENCES rota_teams(id),
    position BIGINT NOT NULL,
    user_id  TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (team_id, position),
    UNIQUE (team_id, user_id)
);
CREATE INDEX rota_members_user ON rota_members(user_id);
