-- Each event's effective sales straight off the ledger: an entry counts while nothing corrects it.
-- The definition markets_eventsales is checked against (and the naive baseline of the benchmark).
SELECT e.event_id, sum(e.amount) AS sales, count(*) AS entries
FROM markets_salesentry e
WHERE NOT EXISTS (SELECT 1 FROM markets_salesentry c WHERE c.corrects_id = e.id)
GROUP BY e.event_id
