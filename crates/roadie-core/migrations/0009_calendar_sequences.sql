-- Calendars (issue 4): the SEQUENCE of the events a calendar shows beside gatherings (a speaker's
-- booked arrival and departure, a shipment's ship-by and must-arrive-by days). They are made from
-- their records at each export, so what a client last saw is kept here, by the event's UID: a hash
-- of the event as written (its DTSTAMP and SEQUENCE left out) and its sequence, raised by one when
-- an export finds the hash changed. Gatherings keep their own sequence in their table.
CREATE TABLE calendar_sequences (
    uid         TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
    sequence    INTEGER NOT NULL CHECK (sequence >= 0)
) STRICT, WITHOUT ROWID;
