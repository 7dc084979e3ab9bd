-- Roadie's first schema. Released migrations are never edited: add a new file instead.
-- Instants are INTEGER seconds since the Unix epoch in UTC, with the IANA zone they are shown in;
-- dates are TEXT YYYY-MM-DD; money is INTEGER minor units beside a TEXT ISO 4217 code.

CREATE TABLE summits (
    id           INTEGER PRIMARY KEY,
    slug         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL CHECK (name <> ''),
    city         TEXT,
    venue        TEXT,
    tz           TEXT NOT NULL,
    start_date   TEXT NOT NULL,
    end_date     TEXT NOT NULL,
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    budget_minor INTEGER CHECK (budget_minor >= 0),
    CHECK (end_date >= start_date)
) STRICT;

CREATE TABLE gatherings (
    id                 INTEGER PRIMARY KEY,
    uid                TEXT NOT NULL UNIQUE,
    summit_id          INTEGER REFERENCES summits (id),
    kind               TEXT NOT NULL CHECK (kind IN ('session', 'social', 'meetup', 'milestone')),
    title              TEXT NOT NULL CHECK (title <> ''),
    description        TEXT,
    starts_at          INTEGER NOT NULL,
    ends_at            INTEGER NOT NULL,
    tz                 TEXT NOT NULL,
    venue              TEXT,
    room               TEXT,
    track              TEXT,
    capacity           INTEGER CHECK (capacity >= 0),
    expected_headcount INTEGER CHECK (expected_headcount >= 0),
    audience           TEXT NOT NULL CHECK (audience IN ('public', 'attendees', 'speakers', 'invite-only', 'organisers')),
    status             TEXT NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
    recurrence         TEXT,
    sequence           INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    CHECK (ends_at >= starts_at),
    CHECK (summit_id IS NOT NULL OR kind = 'meetup')
) STRICT;
CREATE INDEX gatherings_by_summit_start ON gatherings (summit_id, starts_at);

CREATE TABLE speakers (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (name <> ''),
    email        TEXT,
    organisation TEXT,
    home_city    TEXT,
    country      TEXT,
    first_time   INTEGER NOT NULL DEFAULT 0 CHECK (first_time IN (0, 1))
) STRICT;

CREATE TABLE speaker_talks (
    speaker_id   INTEGER NOT NULL REFERENCES speakers (id),
    gathering_id INTEGER NOT NULL REFERENCES gatherings (id),
    PRIMARY KEY (speaker_id, gathering_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX speaker_talks_by_gathering ON speaker_talks (gathering_id);

CREATE TABLE travel_requests (
    id             INTEGER PRIMARY KEY,
    summit_id      INTEGER NOT NULL REFERENCES summits (id),
    speaker_id     INTEGER NOT NULL REFERENCES speakers (id),
    currency       TEXT NOT NULL CHECK (length(currency) = 3),
    status         TEXT NOT NULL CHECK (status IN ('submitted', 'under-review', 'approved', 'waitlisted',
                       'denied', 'accepted', 'declined', 'expired', 'booked', 'reimbursed', 'withdrawn')),
    origin_city    TEXT,
    origin_country TEXT,
    depart_on      TEXT,
    return_on      TEXT,
    lodging_nights INTEGER CHECK (lodging_nights >= 0),
    notes          TEXT,
    submitted_at   INTEGER NOT NULL,
    UNIQUE (summit_id, speaker_id),
    CHECK (return_on IS NULL OR depart_on IS NULL OR return_on >= depart_on)
) STRICT;

CREATE TABLE travel_request_items (
    request_id      INTEGER NOT NULL REFERENCES travel_requests (id) ON DELETE CASCADE,
    category        TEXT NOT NULL CHECK (category IN ('airfare', 'lodging', 'ground', 'visa', 'other')),
    requested_minor INTEGER NOT NULL CHECK (requested_minor >= 0),
    PRIMARY KEY (request_id, category)
) STRICT, WITHOUT ROWID;

CREATE TABLE swag_items (
    id                 INTEGER PRIMARY KEY,
    name               TEXT NOT NULL UNIQUE CHECK (name <> ''),
    description        TEXT,
    unit_cost_minor    INTEGER CHECK (unit_cost_minor >= 0),
    unit_cost_currency TEXT,
    CHECK ((unit_cost_minor IS NULL) = (unit_cost_currency IS NULL))
) STRICT;

CREATE TABLE swag_variants (
    id      INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES swag_items (id),
    label   TEXT NOT NULL CHECK (label <> ''),
    sku     TEXT,
    UNIQUE (item_id, label)
) STRICT;

CREATE TABLE shipments (
    id                  INTEGER PRIMARY KEY,
    summit_id           INTEGER REFERENCES summits (id),
    gathering_id        INTEGER REFERENCES gatherings (id),
    destination_address TEXT,
    origin              TEXT NOT NULL CHECK (origin <> ''),
    contact_name        TEXT,
    contact_phone       TEXT,
    carrier             TEXT,
    tracking_number     TEXT,
    ship_date           TEXT,
    buffer_days         INTEGER NOT NULL DEFAULT 3 CHECK (buffer_days >= 0),
    status              TEXT NOT NULL CHECK (status IN ('draft', 'packed', 'shipped', 'in-transit',
                            'delivered', 'lost', 'returned')),
    shipping_minor      INTEGER CHECK (shipping_minor >= 0),
    shipping_currency   TEXT,
    customs_minor       INTEGER CHECK (customs_minor >= 0),
    customs_currency    TEXT,
    CHECK (summit_id IS NOT NULL OR gathering_id IS NOT NULL OR destination_address IS NOT NULL),
    CHECK ((shipping_minor IS NULL) = (shipping_currency IS NULL)),
    CHECK ((customs_minor IS NULL) = (customs_currency IS NULL))
) STRICT;
CREATE INDEX shipments_by_summit ON shipments (summit_id);

CREATE TABLE shipment_items (
    shipment_id INTEGER NOT NULL REFERENCES shipments (id) ON DELETE CASCADE,
    variant_id  INTEGER NOT NULL REFERENCES swag_variants (id),
    quantity    INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (shipment_id, variant_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE budget_lines (
    id              INTEGER PRIMARY KEY,
    summit_id       INTEGER NOT NULL REFERENCES summits (id),
    category        TEXT NOT NULL CHECK (category IN ('socials', 'swag', 'shipping', 'travel', 'other')),
    description     TEXT NOT NULL CHECK (description <> ''),
    currency        TEXT NOT NULL CHECK (length(currency) = 3),
    planned_minor   INTEGER NOT NULL DEFAULT 0 CHECK (planned_minor >= 0),
    committed_minor INTEGER NOT NULL DEFAULT 0 CHECK (committed_minor >= 0),
    spent_minor     INTEGER NOT NULL DEFAULT 0 CHECK (spent_minor >= 0),
    gathering_id    INTEGER REFERENCES gatherings (id)
) STRICT;
CREATE INDEX budget_lines_by_summit ON budget_lines (summit_id, category);

CREATE TABLE exchange_rates (
    id            INTEGER PRIMARY KEY,
    summit_id     INTEGER REFERENCES summits (id),
    from_currency TEXT NOT NULL CHECK (length(from_currency) = 3),
    to_currency   TEXT NOT NULL CHECK (length(to_currency) = 3),
    rate          TEXT NOT NULL,
    recorded_on   TEXT NOT NULL,
    note          TEXT,
    CHECK (from_currency <> to_currency)
) STRICT;
CREATE INDEX exchange_rates_by_pair ON exchange_rates (from_currency, to_currency, recorded_on);
