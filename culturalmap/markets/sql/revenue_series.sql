-- The revenue series of a scope: the first placeholder is sql/scoped_events.sql (one row per event held);
-- the period_start and per_period placeholders (the CTE `per_period`: one row per event, or one per
-- calendar period, empty ones included) are filled from a fixed list in selectors.py; everything else
-- is a bound parameter. Cumulative figures count everything before `date_from` too. The last column,
-- `measured`, tells selectors.py which stimulus parts an event's row left NULL (see _EVENT_PER_PERIOD).
-- A festival of several days is one event, counted with all its sales in the period of its first day.
{scoped_events},
prior AS (
  SELECT coalesce(sum(sales), 0) AS sales, coalesce(sum(stimulus), 0) AS stimulus
  FROM scoped_events WHERE held_on < %(date_from)s::date
),
in_range AS (
  SELECT *, {period_start} AS period_start
  FROM scoped_events
  WHERE %(date_from)s::date IS NULL OR held_on >= %(date_from)s::date
),
{per_period}
SELECT period_start, period_end, market, kind, events, festivals, sales,
       round(stimulus, 2) AS stimulus, round(stimulus_direct, 2) AS stimulus_direct,
       round(stimulus_chain, 2) AS stimulus_chain, round(stimulus_employment, 2) AS stimulus_employment,
       round(stimulus_other, 2) AS stimulus_other, round(stimulus_estimated, 2) AS stimulus_estimated,
       vendors, visitors,
       (SELECT sales FROM prior) + sum(sales) OVER running AS cumulative_sales,
       round((SELECT stimulus FROM prior) + sum(stimulus) OVER running, 2) AS cumulative_stimulus,
       round(avg(sales) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_average,
       round((sales - lag(sales) OVER w) / nullif(lag(sales) OVER w, 0), 4) AS growth,
       round(((SELECT stimulus FROM prior) + sum(stimulus) OVER running) / (SELECT public_funding FROM funding),
             4) AS public_roi,
       measured
FROM per_period
-- Every row has its own place in this order, so a running total needs no peers (ROWS, not RANGE).
WINDOW w AS (ORDER BY period_start, market, event_id), running AS (w ROWS UNBOUNDED PRECEDING)
ORDER BY period_start, market, event_id
