-- Brings the large demo summit (northwind-xl, about 10,400 gatherings in Europe/Paris) to exactly
-- 100,000 gatherings: copies of its own, a week later per round, spread over four zones (Paris,
-- Kolkata, New York, Chatham), with a description to escape, every 50th cancelled, sequences 0-2;
-- web pages and map positions as the originals have them.
WITH RECURSIVE
  summit(id) AS (SELECT id FROM summits WHERE slug = 'northwind-xl'),
  src AS (SELECT row_number() OVER (ORDER BY g.id) - 1 AS r, g.*
          FROM gatherings g JOIN summit s ON g.summit_id = s.id),
  size(n) AS (SELECT count(*) FROM src),
  k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k, size WHERE i < 100000 - size.n)
INSERT INTO gatherings (uid, summit_id, kind, title, description, starts_at, ends_at, tz, venue,
                        room, track, capacity, expected_headcount, audience, status, recurrence,
                        sequence, url, latitude, longitude)
SELECT printf('synthetic-%d@roadie', k.i), src.summit_id, src.kind,
       src.title || ' (repeat ' || k.i || ')',
       'Synthetic copy ' || k.i || ': talks, demos; and a \ backslash',
       src.starts_at + 604800 * (k.i / size.n + 1), src.ends_at + 604800 * (k.i / size.n + 1),
       CASE k.i % 4 WHEN 0 THEN 'Europe/Paris' WHEN 1 THEN 'Asia/Kolkata'
                    WHEN 2 THEN 'America/New_York' ELSE 'Pacific/Chatham' END,
       src.venue, src.room, src.track, src.capacity, src.expected_headcount, src.audience,
       CASE WHEN k.i % 50 = 0 THEN 'cancelled' ELSE src.status END, src.recurrence, k.i % 3,
       src.url, src.latitude, src.longitude
FROM k, size JOIN src ON src.r = k.i % size.n;
