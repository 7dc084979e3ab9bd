-- The budget summary's aggregation in plain SQL: the statements `Store::budget_summary` runs
-- (crates/roadie-core/src/budget_summary.rs, rates.rs, travel/funding.rs), with the summit's id
-- and base currency in place of their parameters (the bench substitutes :summit and :base).
-- The core then converts each per-currency sum; this file stops at the sums.

SELECT id, slug, name, city, venue, tz, start_date, end_date, currency, budget_minor FROM summits WHERE id = :summit;

-- The core runs this once per category, the five at once; here they run one after another.
SELECT category, currency, gathering_id, paid_on, count(*), sum(planned_minor),
       sum(CASE WHEN spent_minor > committed_minor THEN spent_minor ELSE committed_minor END), sum(spent_minor)
FROM budget_lines WHERE summit_id = :summit
GROUP BY category, currency, gathering_id, paid_on;

SELECT cost, currency, status, ship_date, count(*), sum(amount)
FROM (SELECT 'shipping' AS cost, s.shipping_currency AS currency, s.shipping_minor AS amount, s.status, s.ship_date
      FROM shipments s LEFT JOIN gatherings g ON g.id = s.gathering_id
      WHERE coalesce(s.summit_id, g.summit_id) = :summit AND s.shipping_minor IS NOT NULL
      UNION ALL
      SELECT 'customs', s.customs_currency, s.customs_minor, s.status, s.ship_date
      FROM shipments s LEFT JOIN gatherings g ON g.id = s.gathering_id
      WHERE coalesce(s.summit_id, g.summit_id) = :summit AND s.customs_minor IS NOT NULL)
GROUP BY cost, currency, status, ship_date;

SELECT base_currency, count(*), sum(committed_base_minor)
FROM travel_money
WHERE summit_id = :summit AND (committed_base_minor > 0 OR spent_base_minor > 0)
GROUP BY base_currency;

SELECT s.currency, p.paid_on, sum(p.base_minor)
FROM travel_payments p JOIN travel_requests r ON r.id = p.request_id JOIN summits s ON s.id = r.summit_id
WHERE r.summit_id = :summit GROUP BY s.currency, p.paid_on;

SELECT id, summit_id, from_currency, to_currency, rate, recorded_on, note
FROM exchange_rates WHERE to_currency = :base AND (summit_id = :summit OR summit_id IS NULL)
ORDER BY from_currency, summit_id IS NULL, recorded_on DESC, id DESC;

SELECT id, title, starts_at, tz, status, expected_headcount FROM gatherings
WHERE summit_id = :summit AND kind = 'social' ORDER BY starts_at, id;

SELECT coalesce(sum(committed_base_minor), 0), coalesce(sum(spent_base_minor), 0)
FROM travel_money WHERE summit_id = :summit;

SELECT summit_id, currency, pool_minor FROM travel_policies WHERE summit_id = :summit;
