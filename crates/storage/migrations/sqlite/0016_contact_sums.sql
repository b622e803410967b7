-- The report's three sums of a service-year's contacts, kept by triggers as contacts are
-- registered, undone, corrected or deleted: a report reads a few hundred rows instead of
-- scanning the year's contacts three times, so its time does not grow with the contacts
-- (decision 29). Only contacts that count (undone_at IS NULL) are summed; a sum that falls to
-- zero stays as a row with total 0, which readers skip.

CREATE TABLE contact_sums_by_place (
    service_id    TEXT NOT NULL,
    local_year    BIGINT NOT NULL,
    place_id      TEXT NOT NULL,
    channel       TEXT NOT NULL,
    total         BIGINT NOT NULL,
    PRIMARY KEY (service_id, local_year, place_id, channel)
);

CREATE TABLE contact_sums_by_person (
    service_id    TEXT NOT NULL,
    local_year    BIGINT NOT NULL,
    age_group     TEXT NOT NULL,
    gender        TEXT NOT NULL,
    total         BIGINT NOT NULL,
    PRIMARY KEY (service_id, local_year, age_group, gender)
);

CREATE TABLE contact_sums_by_time (
    service_id    TEXT NOT NULL,
    local_year    BIGINT NOT NULL,
    local_month   BIGINT NOT NULL,
    local_weekday BIGINT NOT NULL,
    time_band     TEXT NOT NULL,
    total         BIGINT NOT NULL,
    PRIMARY KEY (service_id, local_year, local_month, local_weekday, time_band)
);

CREATE TRIGGER contact_sums_insert AFTER INSERT ON contacts WHEN NEW.undone_at IS NULL BEGIN
    INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total) VALUES (NEW.service_id, NEW.local_year, NEW.place_id, NEW.channel, NEW.count)
        ON CONFLICT (service_id, local_year, place_id, channel) DO UPDATE SET total = contact_sums_by_place.total + excluded.total;
    INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total) VALUES (NEW.service_id, NEW.local_year, NEW.age_group, NEW.gender, NEW.count)
        ON CONFLICT (service_id, local_year, age_group, gender) DO UPDATE SET total = contact_sums_by_person.total + excluded.total;
    INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total) VALUES (NEW.service_id, NEW.local_year, NEW.local_month, NEW.local_weekday, NEW.time_band, NEW.count)
        ON CONFLICT (service_id, local_year, local_month, local_weekday, time_band) DO UPDATE SET total = contact_sums_by_time.total + excluded.total;
END;

CREATE TRIGGER contact_sums_delete AFTER DELETE ON contacts WHEN OLD.undone_at IS NULL BEGIN
    INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total) VALUES (OLD.service_id, OLD.local_year, OLD.place_id, OLD.channel, -OLD.count)
        ON CONFLICT (service_id, local_year, place_id, channel) DO UPDATE SET total = contact_sums_by_place.total + excluded.total;
    INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total) VALUES (OLD.service_id, OLD.local_year, OLD.age_group, OLD.gender, -OLD.count)
        ON CONFLICT (service_id, local_year, age_group, gender) DO UPDATE SET total = contact_sums_by_person.total + excluded.total;
    INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total) VALUES (OLD.service_id, OLD.local_year, OLD.local_month, OLD.local_weekday, OLD.time_band, -OLD.count)
        ON CONFLICT (service_id, local_year, local_month, local_weekday, time_band) DO UPDATE SET total = contact_sums_by_time.total + excluded.total;
END;

-- An undo, a correction or any other change: the old row's sums out, the new row's in.
CREATE TRIGGER contact_sums_update AFTER UPDATE ON contacts BEGIN
    INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total) SELECT OLD.service_id, OLD.local_year, OLD.place_id, OLD.channel, -OLD.count WHERE OLD.undone_at IS NULL
        ON CONFLICT (service_id, local_year, place_id, channel) DO UPDATE SET total = contact_sums_by_place.total + excluded.total;
    INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total) SELECT OLD.service_id, OLD.local_year, OLD.age_group, OLD.gender, -OLD.count WHERE OLD.undone_at IS NULL
        ON CONFLICT (service_id, local_year, age_group, gender) DO UPDATE SET total = contact_sums_by_person.total + excluded.total;
    INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total) SELECT OLD.service_id, OLD.local_year, OLD.local_month, OLD.local_weekday, OLD.time_band, -OLD.count WHERE OLD.undone_at IS NULL
        ON CONFLICT (service_id, local_year, local_month, local_weekday, time_band) DO UPDATE SET total = contact_sums_by_time.total + excluded.total;
    INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total) SELECT NEW.service_id, NEW.local_year, NEW.place_id, NEW.channel, NEW.count WHERE NEW.undone_at IS NULL
        ON CONFLICT (service_id, local_year, place_id, channel) DO UPDATE SET total = contact_sums_by_place.total + excluded.total;
    INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total) SELECT NEW.service_id, NEW.local_year, NEW.age_group, NEW.gender, NEW.count WHERE NEW.undone_at IS NULL
        ON CONFLICT (service_id, local_year, age_group, gender) DO UPDATE SET total = contact_sums_by_person.total + excluded.total;
    INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total) SELECT NEW.service_id, NEW.local_year, NEW.local_month, NEW.local_weekday, NEW.time_band, NEW.count WHERE NEW.undone_at IS NULL
        ON CONFLICT (service_id, local_year, local_month, local_weekday, time_band) DO UPDATE SET total = contact_sums_by_time.total + excluded.total;
END;

-- The sums of the contacts already stored.
INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total)
    SELECT service_id, local_year, place_id, channel, SUM(count) FROM contacts WHERE undone_at IS NULL GROUP BY service_id, local_year, place_id, channel;
INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total)
    SELECT service_id, local_year, age_group, gender, SUM(count) FROM contacts WHERE undone_at IS NULL GROUP BY service_id, local_year, age_group, gender;
INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total)
    SELECT service_id, local_year, local_month, local_weekday, time_band, SUM(count) FROM contacts WHERE undone_at IS NULL GROUP BY service_id, local_year, local_month, local_weekday, time_band;
