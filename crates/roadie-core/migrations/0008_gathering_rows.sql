-- Every gathering as one JSON array of its columns in table order (what `GatheringRow` in
-- gathering.rs reads): the one place that lists them for the queries that read many gatherings,
-- since sqlx decodes one value far faster than twenty-one. The other columns are for filtering.
CREATE VIEW gathering_rows AS
SELECT id, summit_id, kind, audience, status, starts_at, ends_at,
       json_array(id, uid, summit_id, kind, title, description, starts_at, ends_at, tz, venue, room,
                  url, latitude, longitude, track, capacity, expected_headcount, audience, status,
                  recurrence, sequence) AS row
FROM gatherings;
