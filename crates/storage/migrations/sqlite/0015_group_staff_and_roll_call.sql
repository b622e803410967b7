-- The staff who run a group, shown with the group (the report counts no staff).
CREATE TABLE group_staff (
    group_id TEXT NOT NULL REFERENCES youth_groups(id),
    user_id  TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (group_id, user_id)
);

-- Participants of a session known neither by name nor by a pseudonym: a head count per session
-- (a group on a day). The roll-call sets it; it is not an attendance row of the contract.
CREATE TABLE group_session_others (
    service_id TEXT NOT NULL REFERENCES services(id),
    group_id   TEXT NOT NULL REFERENCES youth_groups(id),
    day        TEXT NOT NULL,
    year       BIGINT NOT NULL,
    others     BIGINT NOT NULL CHECK (others >= 0),
    PRIMARY KEY (group_id, day)
);

-- Roll-calls sent from a phone, by the id the phone made: one sent again (a retry after a lost
-- answer, a second tab) is answered as stored and changes nothing.
CREATE TABLE group_roll_call_receipts (
    id          TEXT PRIMARY KEY,
    service_id  TEXT NOT NULL REFERENCES services(id),
    received_at BIGINT NOT NULL
);

-- What a prevention event was about ("rus; nettvett"), and the staff who held it.
ALTER TABLE prevention_events ADD COLUMN topics TEXT NOT NULL DEFAULT '';
CREATE TABLE prevention_staff (
    event_id TEXT NOT NULL REFERENCES prevention_events(id),
    user_id  TEXT NOT NULL REFERENCES users(id),
    PRIMARY KEY (event_id, user_id)
);
