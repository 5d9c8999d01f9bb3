-- The events held in a scope (a market, district, cultural city, province or the nation), one row
-- each with its sales and its community economic stimulus: measured where an impact survey covers
-- the event (the survey's parts shared over the events it covers in proportion to their sales),
-- estimated as sales × the market's multiplier where none does (a festival of no market: × 1).
-- Reads the per-event summary (markets_eventsales, kept in step with the ledger by trigger).
-- Ends with the CTE `scoped_events`; revenue_series.sql and selectors.py go on from it.
-- Every value is a bound parameter.
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
-- Festivals held by a district's community or a university network have no market: they belong
-- to the district (and so to its city, province and the nation), never to a market's scope.
scope_districts AS (
  SELECT d.id FROM markets_culturaldistrict d
  WHERE %(market_id)s::bigint IS NULL
    AND (%(district_id)s::bigint IS NULL OR d.id = %(district_id)s::bigint)
    AND (%(city_id)s::bigint IS NULL OR d.city_id = %(city_id)s::bigint)
    AND (%(province_id)s::bigint IS NULL OR d.province_id = %(province_id)s::bigint)
    AND (%(include_unpublished)s OR d.status = 'published')
),
funding AS (SELECT nullif(sum(public_funding), 0) AS public_funding FROM scope_markets),
held AS (
  SELECT e.id, e.kind, e.held_on, e.ends_on, e.vendors_present, e.visitors, sm.code AS market,
         sm.stimulus_multiplier AS multiplier
  FROM markets_marketevent e JOIN scope_markets sm ON sm.id = e.market_id
  WHERE e.withdrawn_at IS NULL AND (%(kind)s = 'all' OR e.kind = %(kind)s)
  UNION ALL
  SELECT e.id, e.kind, e.held_on, e.ends_on, e.vendors_present, e.visitors, NULL, 1
  FROM markets_marketevent e JOIN scope_districts sd ON sd.id = e.district_id
  WHERE e.market_id IS NULL AND e.withdrawn_at IS NULL AND %(kind)s IN ('all', 'festival')
),
-- Every event each survey covers (in or out of this scope: the shares are the survey's own). A survey
-- covers one event, one market's or one district's (its markets' and its own festivals) over its
-- period: one branch each, so each reads the events it needs by index, not every event of the nation.
covered AS (
  SELECT c.survey_id, c.event_id, coalesce(es.sales, 0) AS sales
  FROM (
    SELECT sv.id AS survey_id, e.id AS event_id
    FROM markets_impactsurvey sv JOIN markets_marketevent e ON e.id = sv.event_id
    WHERE e.withdrawn_at IS NULL AND e.held_on BETWEEN sv.period_start AND sv.period_end
    UNION ALL
    SELECT sv.id, e.id
    FROM markets_impactsurvey sv JOIN markets_marketevent e ON e.market_id = sv.market_id
    WHERE e.withdrawn_at IS NULL AND e.held_on BETWEEN sv.period_start AND sv.period_end
    UNION ALL
    SELECT sv.id, e.id
    FROM markets_impactsurvey sv
    JOIN markets_culturalmarket m ON m.district_id = sv.district_id
    JOIN markets_marketevent e ON e.market_id = m.id
    WHERE e.withdrawn_at IS NULL AND e.held_on BETWEEN sv.period_start AND sv.period_end
    UNION ALL
    SELECT sv.id, e.id
    FROM markets_impactsurvey sv JOIN markets_marketevent e ON e.district_id = sv.district_id
    WHERE e.market_id IS NULL AND e.withdrawn_at IS NULL
      AND e.held_on BETWEEN sv.period_start AND sv.period_end
  ) c
  LEFT JOIN markets_eventsales es ON es.event_id = c.event_id
),
-- Each survey's covered sales; then one survey per event (services refuse overlapping surveys; this
-- keeps money from counting twice) with the event's share of it.
survey_sales AS (
  SELECT survey_id, sum(sales) AS sales, count(*) AS events FROM covered GROUP BY survey_id
),
survey_shares AS (
  SELECT DISTINCT ON (c.event_id) c.event_id AS covered_event, sv.id, sv.direct_sales,
         sv.production_chain, sv.employment_income, sv.total_stimulus,
         CASE WHEN ss.sales > 0 THEN c.sales / ss.sales ELSE 1.0 / ss.events END AS share
  FROM covered c
  JOIN survey_sales ss ON ss.survey_id = c.survey_id
  JOIN markets_impactsurvey sv ON sv.id = c.survey_id
  ORDER BY c.event_id, sv.as_of DESC, sv.id DESC
),
scoped_events AS (
  SELECT h.id, h.kind, h.held_on, h.ends_on, h.vendors_present, h.visitors, h.market,
         coalesce(s.sales, 0) AS sales,
         sh.id AS survey_id,
         coalesce(sh.share * sh.direct_sales, 0) AS stimulus_direct,
         coalesce(sh.share * sh.production_chain, 0) AS stimulus_chain,
         coalesce(sh.share * sh.employment_income, 0) AS stimulus_employment,
         coalesce(sh.share * (sh.total_stimulus - sh.direct_sales - sh.production_chain
                              - sh.employment_income), 0) AS stimulus_other,
         CASE WHEN sh.id IS NULL THEN coalesce(s.sales, 0) * h.multiplier ELSE 0 END AS stimulus_estimated,
         CASE WHEN sh.id IS NULL THEN coalesce(s.sales, 0) * h.multiplier
              ELSE sh.share * sh.total_stimulus END AS stimulus
  FROM held h
  LEFT JOIN markets_eventsales s ON s.event_id = h.id
  LEFT JOIN survey_shares sh ON sh.covered_event = h.id
  WHERE %(date_to)s::date IS NULL OR h.held_on <= %(date_to)s::date
)
