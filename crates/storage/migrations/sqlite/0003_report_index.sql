-- The annual report sums a service-year's contacts three ways. An index that holds every column
-- those sums read lets the database answer from the index alone (about half the time on SQLite).
DROP INDEX contacts_service_year;
CREATE INDEX contacts_report ON contacts (
    service_id, local_year, undone_at, place_id, channel, age_group, gender,
    local_month, local_weekday, time_band, count
);
