-- School contacts (annual report section 4.0): the staff who are a school's contacts, and how
-- many day and evening shifts a week the school team has.
CREATE TABLE school_teams (
    place_id       TEXT PRIMARY KEY REFERENCES places(id),
    service_id     TEXT NOT NULL REFERENCES services(id),
    day_shifts     BIGINT NOT NULL,
    evening_shifts BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    CHECK (day_shifts >= 0 AND evening_shifts >= 0)
);

CREATE TABLE school_team_members (
    place_id TEXT NOT NULL REFERENCES school_teams(place_id),
    user_id  TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (place_id, user_id)
);
