-- The revenue series of a scope (a market, district, cultural city, province or the nation).
-- Reads the per-event summary (markets_eventsales, kept in step with the ledger by trigger).
-- {period_start}, {periods} and {join} are filled from a fixed list in selectors.py;
-- everything else is a bound parameter. Cumulative figures count everything before `date_from` too.
WITH scope_markets AS (
  SELECT m.id, m.code, m.stimulus_multiplier, m.public_funding
  FROM markets_culturalmarket m
  JOIN markets_culturaldistrict d ON d.id = m.district_id
  WHERE (%(market_id)s::bigint IS NULL OR m.id = %(market_id)s::bigint)
    AND (%(district_id)s::bigint IS NULL OR m.district_id = %(district_id)s::bigint)
    AND (%(city_id)s::bigint IS NULL OR d.city_id = %(city_id)s::bigint)
    AND (%(province_id)s::bigint IS NULL OR m.province_id = %(province_id)s::bigint)
    AND (%(include_unpublished)s OR m.status = 'published')
),
funding AS (SELECT nullif(sum(public_funding), 0) AS public_funding FROM scope_markets),
scoped_events AS (
  SELECT e.id, e.held_on, e.vendors_present, e.visitors, sm.code AS market,
         coalesce(s.sales, 0) AS sales,
         coalesce(s.sales, 0) * sm.stimulus_multiplier AS stimulus
  FROM markets_marketevent e
  JOIN scope_markets sm ON sm.id = e.market_id
  LEFT JOIN markets_eventsales s ON s.event_id = e.id
  WHERE e.withdrawn_at IS NULL  -- a day withdrawn (logged by mistake) is no event held
    AND (%(date_to)s::date IS NULL OR e.held_on <= %(date_to)s::date)
),
prior AS (
  SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(stimulus), 0) AS stimulus
  FROM scoped_events WHERE held_on < %(date_from)s::date
),
in_range AS (
  SELECT *, {period_start} AS period_start
  FROM scoped_events
  WHERE %(date_from)s::date IS NULL OR held_on >= %(date_from)s::date
),
periods AS (
  {periods}
),
per_period AS (
  SELECT p.period_start, p.period_end, p.market,
         count(r.id) AS events,
         coalesce(sum(r.sales), 0) AS sales,
         coalesce(sum(r.stimulus), 0) AS stimulus,
         round(avg(r.vendors_present), 1) AS vendors,
         sum(r.visitors) AS visitors
  FROM periods p
  LEFT JOIN in_range r ON {join}
  GROUP BY p.period_start, p.period_end, p.market, p.event_id
)
SELECT period_start, period_end, market, events, sales, stimulus, vendors, visitors,
       (SELECT sales FROM prior) + sum(sales) OVER w AS cumulative_sales,
       (SELECT stimulus FROM prior) + sum(stimulus) OVER w AS cumulative_stimulus,
       round(avg(sales) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_average,
       round((sales - lag(sales) OVER w) / nullif(lag(sales) OVER w, 0), 4) AS growth,
       round(((SELECT stimulus FROM prior) + sum(stimulus) OVER w) / (SELECT public_funding FROM funding), 4)
         AS public_roi
FROM per_period
WINDOW w AS (ORDER BY period_start, market)
ORDER BY period_start, market
