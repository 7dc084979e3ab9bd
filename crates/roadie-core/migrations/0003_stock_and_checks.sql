-- Swag stock kept as movements, so every figure is derived and none can go below zero; the days a
-- shipment needs in transit (for the "at risk" check); shipments' costs beside the budget lines.

-- How many days the carrier needs: a shipment not sent this long before its must-arrive-by is at risk.
ALTER TABLE shipments ADD COLUMN transit_days INTEGER NOT NULL DEFAULT 5 CHECK (transit_days >= 0);

-- Every change to the stock of a swag variant, never edited or removed. The target (a summit or a
-- gathering, at most one) is where the stock is set aside for, sent to, handed out at or back from.
--   received     new stock in the warehouse
--   allocated    warehouse stock set aside for a target; released gives it back to the free stock
--   shipped      leaves the warehouse in a shipment (to its target, or to an address); a shipment to
--                a target takes the stock set aside for that target
--   returned     back in the warehouse: leftovers from a target, or a shipment sent back
--   given-away   handed out at a target (from what was sent there), or from the warehouse
CREATE TABLE stock_movements (
    id           INTEGER PRIMARY KEY,
    variant_id   INTEGER NOT NULL REFERENCES swag_variants (id),
    kind         TEXT NOT NULL CHECK (kind IN ('received', 'allocated', 'released', 'shipped', 'returned',
                     'given-away')),
    quantity     INTEGER NOT NULL CHECK (quantity > 0),
    summit_id    INTEGER REFERENCES summits (id),
    gathering_id INTEGER REFERENCES gatherings (id),
    shipment_id  INTEGER REFERENCES shipments (id),
    note         TEXT,
    recorded_at  INTEGER NOT NULL,
    CHECK (summit_id IS NULL OR gathering_id IS NULL),
    CHECK (kind NOT IN ('allocated', 'released') OR summit_id IS NOT NULL OR gathering_id IS NOT NULL),
    CHECK (kind <> 'shipped' OR shipment_id IS NOT NULL),
    CHECK (kind <> 'returned' OR summit_id IS NOT NULL OR gathering_id IS NOT NULL OR shipment_id IS NOT NULL)
) STRICT;
CREATE INDEX stock_movements_by_variant ON stock_movements (variant_id, kind);
CREATE INDEX stock_movements_by_shipment ON stock_movements (shipment_id);

-- What each movement does to the four figures of its variant, in one place:
--   on_hand    in the warehouse
--   allocated  in the warehouse, set aside for the movement's target (zero for no target)
--   available  in the warehouse and not set aside: on_hand minus everything allocated
--   out        sent to the movement's target and neither handed out nor back (zero for no target)
CREATE VIEW stock_deltas AS
SELECT id, variant_id, kind, quantity, summit_id, gathering_id, shipment_id, recorded_at,
       (summit_id IS NOT NULL OR gathering_id IS NOT NULL) AS targeted,
       CASE
           WHEN kind IN ('received', 'returned') THEN quantity
           WHEN kind = 'shipped' THEN -quantity
           WHEN kind = 'given-away' AND summit_id IS NULL AND gathering_id IS NULL THEN -quantity
           ELSE 0
       END AS on_hand,
       CASE
           WHEN kind = 'allocated' THEN quantity
           WHEN kind = 'released' THEN -quantity
           WHEN kind = 'shipped' AND (summit_id IS NOT NULL OR gathering_id IS NOT NULL) THEN -quantity
           ELSE 0
       END AS allocated,
       CASE
           WHEN kind IN ('received', 'returned', 'released') THEN quantity
           WHEN kind = 'allocated' THEN -quantity
           WHEN kind IN ('shipped', 'given-away') AND summit_id IS NULL AND gathering_id IS NULL THEN -quantity
           ELSE 0
       END AS available,
       CASE
           WHEN summit_id IS NULL AND gathering_id IS NULL THEN 0
           WHEN kind = 'shipped' THEN quantity
           WHEN kind IN ('given-away', 'returned') THEN -quantity
           ELSE 0
       END AS out
FROM stock_movements;

-- The last line of defence (the core checks first, with a clearer message): after a movement, its
-- variant's stock on hand and available, and what is allocated to and out at its target, are all
-- zero or more; otherwise the statement, and the transaction the core runs it in, fails.
CREATE TRIGGER stock_never_below_zero AFTER INSERT ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock: this movement would take the stock below zero')
    FROM (
        SELECT sum(on_hand) AS on_hand,
               sum(available) AS available,
               sum(CASE WHEN summit_id IS NEW.summit_id AND gathering_id IS NEW.gathering_id
                        THEN allocated ELSE 0 END) AS allocated,
               sum(CASE WHEN summit_id IS NEW.summit_id AND gathering_id IS NEW.gathering_id
                        THEN out ELSE 0 END) AS out
        FROM stock_deltas WHERE variant_id = NEW.variant_id
    )
    WHERE on_hand < 0 OR available < 0 OR allocated < 0 OR out < 0;
END;

CREATE TRIGGER stock_movements_are_never_changed BEFORE UPDATE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock: movements are never changed; record a new one');
END;

CREATE TRIGGER stock_movements_are_never_removed BEFORE DELETE ON stock_movements
BEGIN
    SELECT RAISE(ABORT, 'stock: movements are never removed; record a new one');
END;

-- Shipments' shipping and customs costs as budget entries of the summit they go to (directly, or
-- through one of its gatherings), in the shipping category, counted as the budget summary counts
-- them: the shipping cost is committed and spent once the parcel has left (shipped, in transit,
-- delivered, lost or returned: carriers are paid when they take it); customs are committed once it
-- has left and spent once it is delivered, and a lost or returned parcel owes none. A shipment
-- plans nothing (a shipping budget line does), and one that has not left counts nothing yet.
CREATE VIEW shipment_costs AS
SELECT s.id AS shipment_id, coalesce(s.summit_id, g.summit_id) AS summit_id, 'shipping' AS category,
       'shipping' AS cost, s.shipping_currency AS currency, s.shipping_minor AS committed_minor,
       s.shipping_minor AS spent_minor
FROM shipments s LEFT JOIN gatherings g ON g.id = s.gathering_id
WHERE s.shipping_minor IS NOT NULL AND coalesce(s.summit_id, g.summit_id) IS NOT NULL
  AND s.status IN ('shipped', 'in-transit', 'delivered', 'lost', 'returned')
UNION ALL
SELECT s.id, coalesce(s.summit_id, g.summit_id), 'shipping', 'customs', s.customs_currency, s.customs_minor,
       CASE WHEN s.status = 'delivered' THEN s.customs_minor ELSE 0 END
FROM shipments s LEFT JOIN gatherings g ON g.id = s.gathering_id
WHERE s.customs_minor IS NOT NULL AND coalesce(s.summit_id, g.summit_id) IS NOT NULL
  AND s.status IN ('shipped', 'in-transit', 'delivered');
