-- Calendars (issue 4): a web page and a map position per gathering, written as URL and GEO; where
-- each summit's calendar is published over CalDAV; and what each CalDAV collection holds as Roadie
-- last wrote it. No credential is ever stored here: the password is in the OS keyring (or in
-- ROADIE_CALDAV_PASSWORD for one run).

ALTER TABLE gatherings ADD COLUMN url TEXT CHECK (url <> '');
ALTER TABLE gatherings ADD COLUMN latitude REAL CHECK (latitude BETWEEN -90 AND 90);
ALTER TABLE gatherings ADD COLUMN longitude REAL CHECK (longitude BETWEEN -180 AND 180)
    CHECK ((latitude IS NULL) = (longitude IS NULL));

-- A summit's CalDAV settings: which of its calendars goes to which collection, as which user.
CREATE TABLE caldav_targets (
    summit_id INTEGER PRIMARY KEY REFERENCES summits (id),
    audience  TEXT NOT NULL CHECK (audience IN ('public', 'attendees', 'speakers', 'organisers')),
    url       TEXT NOT NULL CHECK (url <> ''),
    username  TEXT CHECK (username <> '')
) STRICT;

-- Each event Roadie PUT into a collection, by the collection's URL and the event's UID: the ETag
-- the server gave it (sent back as If-Match next time) and a hash of what was sent, so an event
-- that has not changed is not sent again. Rows are never deleted: neither are the resources.
CREATE TABLE caldav_resources (
    collection_url TEXT NOT NULL,
    uid            TEXT NOT NULL,
    etag           TEXT NOT NULL,
    content_hash   TEXT NOT NULL,
    published_at   INTEGER NOT NULL,
    PRIMARY KEY (collection_url, uid)
) STRICT, WITHOUT ROWID;
