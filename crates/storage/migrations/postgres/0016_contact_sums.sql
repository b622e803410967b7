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

CREATE FUNCTION contact_sums_add(r contacts, n BIGINT) RETURNS void AS $$
BEGIN
    INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total) VALUES (r.service_id, r.local_year, r.place_id, r.channel, n)
        ON CONFLICT (service_id, local_year, place_id, channel) DO UPDATE SET total = contact_sums_by_place.total + EXCLUDED.total;
    INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total) VALUES (r.service_id, r.local_year, r.age_group, r.gender, n)
        ON CONFLICT (service_id, local_year, age_group, gender) DO UPDATE SET total = contact_sums_by_person.total + EXCLUDED.total;
    INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total) VALUES (r.service_id, r.local_year, r.local_month, r.local_weekday, r.time_band, n)
        ON CONFLICT (service_id, local_year, local_month, local_weekday, time_band) DO UPDATE SET total = contact_sums_by_time.total + EXCLUDED.total;
END
$$ LANGUAGE plpgsql;

-- An undo, a correction or any other change: the old row's sums out, the new row's in.
CREATE FUNCTION contact_sums_keep() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.undone_at IS NULL THEN
        PERFORM contact_sums_add(OLD, -OLD.count);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.undone_at IS NULL THEN
        PERFORM contact_sums_add(NEW, NEW.count);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER contact_sums AFTER INSERT OR UPDATE OR DELETE ON contacts
    FOR EACH ROW EXECUTE FUNCTION contact_sums_keep();

-- The sums of the contacts already stored.
INSERT INTO contact_sums_by_place (service_id, local_year, place_id, channel, total)
    SELECT service_id, local_year, place_id, channel, SUM(count) FROM contacts WHERE undone_at IS NULL GROUP BY service_id, local_year, place_id, channel;
INSERT INTO contact_sums_by_person (service_id, local_year, age_group, gender, total)
    SELECT service_id, local_year, age_group, gender, SUM(count) FROM contacts WHERE undone_at IS NULL GROUP BY service_id, local_year, age_group, gender;
INSERT INTO contact_sums_by_time (service_id, local_year, local_month, local_weekday, time_band, total)
    SELECT service_id, local_year, local_month, local_weekday, time_band, SUM(count) FROM contacts WHERE undone_at IS NULL GROUP BY service_id, local_year, local_month, local_weekday, time_band;
