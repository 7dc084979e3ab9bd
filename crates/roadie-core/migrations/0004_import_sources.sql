-- Where imported records came from, so that the next import of the same schedule finds them again.
-- Kept beside the records rather than in their tables: a record that was never imported has no row
-- here, and the tables of gatherings and speakers stay as they are.

-- A session imported from a conference schedule: the key its source knows it by ("guid:…",
-- "code:…" or "id:…"), unique within its summit, and the session's type and language as the
-- schedule gives them (its room, track and abstract live on the gathering itself).
CREATE TABLE imported_sessions (
    gathering_id INTEGER PRIMARY KEY REFERENCES gatherings (id),
    summit_id    INTEGER NOT NULL REFERENCES summits (id),
    source_key   TEXT NOT NULL CHECK (source_key <> ''),
    session_type TEXT,
    language     TEXT,
    UNIQUE (summit_id, source_key)
) STRICT;

-- A person of a summit's schedule and the speaker they were merged into. Several keys may lead to
-- one speaker (the same person listed under two ids); a key leads to one speaker only.
CREATE TABLE imported_speakers (
    summit_id  INTEGER NOT NULL REFERENCES summits (id),
    source_key TEXT NOT NULL CHECK (source_key <> ''),
    speaker_id INTEGER NOT NULL REFERENCES speakers (id),
    PRIMARY KEY (summit_id, source_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX imported_speakers_by_speaker ON imported_speakers (speaker_id);
