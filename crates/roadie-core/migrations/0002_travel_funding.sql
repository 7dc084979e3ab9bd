-- Speaker travel funding (issue 5): organisers, a travel policy per summit, review scores,
-- approvals with the exchange rate recorded at approval, bookings, receipts, payments, and an
-- append-only, hash-chained audit log of every decision.
--
-- Conventions as in 0001: instants are INTEGER seconds since the Unix epoch in UTC; dates are TEXT
-- YYYY-MM-DD; money is INTEGER minor units beside a TEXT ISO 4217 code; rates are exact decimal
-- TEXT ("1.08": one unit of the first currency buys 1.08 of the second), never floats.
--
-- For other parts of Roadie, the places to read:
--   * committed and spent travel money per summit, in the summit's currency: the view
--     `travel_money` (one row per request; sum committed_base_minor / spent_base_minor);
--   * who arrives and leaves when: the view `travel_itineraries` (arrive_at / depart_at per
--     speaker and summit, with the request's status).

-- People who run travel funding. An organiser who is also a speaker is linked to their speaker
-- profile, so they cannot approve (or score, deny...) their own request.
CREATE TABLE organisers (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    email      TEXT,
    speaker_id INTEGER UNIQUE REFERENCES speakers (id)
) STRICT;

-- One travel policy per summit. Every amount is in `currency`, which is the summit's currency
-- when the policy is set (approvals refuse a policy whose currency no longer matches the summit).
-- A cap of 0 means the category is not funded.
CREATE TABLE travel_policies (
    summit_id                       INTEGER PRIMARY KEY REFERENCES summits (id),
    currency                        TEXT NOT NULL CHECK (length(currency) = 3),
    -- The whole travel pool: approvals together may commit at most this much.
    pool_minor                      INTEGER NOT NULL CHECK (pool_minor >= 0),
    -- Airfare: the general cap, and optional separate caps for domestic and international
    -- travel (domestic: the request's origin country is `domestic_country`).
    airfare_cap_minor               INTEGER NOT NULL CHECK (airfare_cap_minor >= 0),
    airfare_domestic_cap_minor      INTEGER CHECK (airfare_domestic_cap_minor >= 0),
    airfare_international_cap_minor INTEGER CHECK (airfare_international_cap_minor >= 0),
    domestic_country                TEXT,
    -- Lodging: at most this much per night, for at most lodging_max_nights nights (NULL: the
    -- summit's nights plus one, e.g. four for a summit from the 8th to the 11th).
    lodging_per_night_minor         INTEGER NOT NULL CHECK (lodging_per_night_minor >= 0),
    lodging_max_nights              INTEGER CHECK (lodging_max_nights >= 0),
    ground_cap_minor                INTEGER NOT NULL CHECK (ground_cap_minor >= 0),
    visa_cap_minor                  INTEGER NOT NULL CHECK (visa_cap_minor >= 0),
    other_cap_minor                 INTEGER NOT NULL CHECK (other_cap_minor >= 0),
    -- An approved offer must be accepted within this many days of the approval.
    accept_by_days                  INTEGER NOT NULL DEFAULT 14 CHECK (accept_by_days > 0),
    -- Reviewers score requests from review_min to review_max (inclusive).
    review_min                      INTEGER NOT NULL DEFAULT 1,
    review_max                      INTEGER NOT NULL DEFAULT 5,
    CHECK (review_max > review_min),
    CHECK ((airfare_domestic_cap_minor IS NULL AND airfare_international_cap_minor IS NULL)
           OR domestic_country IS NOT NULL)
) STRICT;

-- One score per reviewer (an organiser) and request; scoring again replaces it.
CREATE TABLE travel_reviews (
    request_id   INTEGER NOT NULL REFERENCES travel_requests (id),
    organiser_id INTEGER NOT NULL REFERENCES organisers (id),
    score        INTEGER NOT NULL,
    comment      TEXT,
    scored_at    INTEGER NOT NULL,
    PRIMARY KEY (request_id, organiser_id)
) STRICT, WITHOUT ROWID;

-- The approval of a request (at most one; amending it replaces its amounts). The approved amounts
-- are in the request's currency (`currency`); `rate` converts them to the summit's currency
-- (`base_currency`) as recorded at approval, and total_base_minor is what the approval commits
-- from the pool. An approval whose amounts changed after it was approved is `pending` until
-- another organiser confirms it.
CREATE TABLE travel_approvals (
    request_id       INTEGER PRIMARY KEY REFERENCES travel_requests (id),
    currency         TEXT NOT NULL CHECK (length(currency) = 3),
    base_currency    TEXT NOT NULL CHECK (length(base_currency) = 3),
    rate             TEXT NOT NULL,
    total_minor      INTEGER NOT NULL CHECK (total_minor >= 0),
    total_base_minor INTEGER NOT NULL CHECK (total_base_minor >= 0),
    -- The last day (in the summit's time zone) the speaker may accept the offer.
    accept_by        TEXT NOT NULL,
    -- Set when the approval exceeds what was left in the pool and an organiser overrode it.
    override_reason  TEXT CHECK (override_reason <> ''),
    pending          INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1)),
    -- Who set the current amounts, and when.
    approved_by      INTEGER NOT NULL REFERENCES organisers (id),
    approved_at      INTEGER NOT NULL
) STRICT;

-- The approved amount per category, in the approval's currency.
CREATE TABLE travel_approved_items (
    request_id     INTEGER NOT NULL REFERENCES travel_approvals (request_id),
    category       TEXT NOT NULL CHECK (category IN ('airfare', 'lodging', 'ground', 'visa', 'other')),
    approved_minor INTEGER NOT NULL CHECK (approved_minor >= 0),
    PRIMARY KEY (request_id, category)
) STRICT, WITHOUT ROWID;

-- What the speaker booked: one booking per request (booking again replaces it).
CREATE TABLE travel_bookings (
    request_id INTEGER PRIMARY KEY REFERENCES travel_requests (id),
    flight_ref TEXT,
    hotel_ref  TEXT,
    -- When the speaker arrives at and leaves the summit's city (UTC seconds).
    arrive_at  INTEGER NOT NULL,
    depart_at  INTEGER NOT NULL,
    nights     INTEGER CHECK (nights >= 0),
    booked_at  INTEGER NOT NULL,
    CHECK (depart_at >= arrive_at)
) STRICT;

-- Receipts: the file is copied into the receipts folder beside the database
-- (`<database name>-receipts/<stored_name>`); sha256 is the hex digest of its bytes.
CREATE TABLE travel_receipts (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES travel_requests (id),
    file_name   TEXT NOT NULL CHECK (file_name <> ''),
    stored_name TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64),
    size_bytes  INTEGER NOT NULL CHECK (size_bytes >= 0),
    added_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX travel_receipts_by_request ON travel_receipts (request_id);

-- Reimbursements paid to the speaker, in the request's currency; `rate` converts the amount to
-- the summit's currency (base_minor, what counts as spent).
CREATE TABLE travel_payments (
    id           INTEGER PRIMARY KEY,
    request_id   INTEGER NOT NULL REFERENCES travel_requests (id),
    paid_on      TEXT NOT NULL,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency     TEXT NOT NULL CHECK (length(currency) = 3),
    rate         TEXT NOT NULL,
    base_minor   INTEGER NOT NULL CHECK (base_minor >= 0),
    reference    TEXT,
    recorded_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX travel_payments_by_request ON travel_payments (request_id);

-- The audit log: one row per decision, written in the same transaction as the decision.
-- Append-only (the triggers below refuse UPDATE and DELETE), and each row's `hash` is the
-- SHA-256 of its content and the previous row's hash (`prev_hash`; 64 zeros for the first row),
-- so `roadie audit verify` finds any row changed or removed behind SQLite's back.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           INTEGER NOT NULL,             -- when, UTC seconds
    actor        TEXT NOT NULL,                -- the organiser's name as it was then
    entity       TEXT NOT NULL,                -- e.g. 'travel_request', 'travel_policy'
    entity_id    INTEGER NOT NULL,
    action       TEXT NOT NULL,                -- e.g. 'approve', 'deny', 'pay'
    state_before TEXT,
    state_after  TEXT,
    amount_minor INTEGER,                      -- the decision's total, in `currency`
    currency     TEXT,
    details      TEXT,                         -- JSON: amounts per category, rate, ...
    reason       TEXT,
    prev_hash    TEXT NOT NULL UNIQUE CHECK (length(prev_hash) = 64),
    hash         TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    CHECK ((amount_minor IS NULL) = (currency IS NULL))
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be changed');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted');
END;

-- Travel money per request, in the summit's currency. committed_base_minor is what the request
-- holds from the pool: the approved total while the request is approved, accepted or booked
-- (pending amendments included); otherwise what was paid (a reimbursed or withdrawn request
-- keeps only what it was paid). spent_base_minor is what was paid. Committed includes spent.
CREATE VIEW travel_money AS
SELECT r.id AS request_id,
       r.summit_id,
       r.speaker_id,
       r.status,
       s.currency AS base_currency,
       CASE WHEN r.status IN ('approved', 'accepted', 'booked')
            THEN coalesce(a.total_base_minor, 0)
            ELSE coalesce(p.paid_base_minor, 0) END AS committed_base_minor,
       coalesce(p.paid_base_minor, 0) AS spent_base_minor
FROM travel_requests r
JOIN summits s ON s.id = r.summit_id
LEFT JOIN travel_approvals a ON a.request_id = r.id
LEFT JOIN (SELECT request_id, sum(base_minor) AS paid_base_minor
           FROM travel_payments GROUP BY request_id) p ON p.request_id = r.id;

-- When each funded speaker arrives and leaves, per summit (from their booking).
CREATE VIEW travel_itineraries AS
SELECT r.summit_id,
       r.speaker_id,
       r.id AS request_id,
       r.status,
       b.arrive_at,
       b.depart_at,
       b.nights,
       b.flight_ref,
       b.hotel_ref
FROM travel_bookings b
JOIN travel_requests r ON r.id = b.request_id;
