# ruff: noqa: E501  (the earlier SQL kept verbatim, as it ran)
"""The revenue series as `markets.selectors.revenue_series` read them before the series speed work
(commit 7136157): its SQL and its row building kept verbatim, the baseline the benches measure the
series against in the same run, and compare their rows with (every figure must be the same)."""

import datetime

from django.utils.translation import get_language

from culturalmap.core.prepared import execute_prepared
from culturalmap.core.routers import read_connection
from culturalmap.markets.selectors import (
    _PARAMETER_TYPES,
    _PERIOD_START,
    _STEPS,
    _period_label,
    _scope_params,
)

SCOPED_EVENTS_SQL = """-- The events held in a scope (a market, district, cultural city, province or the nation), one row
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
-- Every event each survey covers (in or out of this scope: the shares are the survey's own).
covered AS (
  SELECT sv.id AS survey_id, e.id AS event_id, coalesce(es.sales, 0) AS sales
  FROM markets_impactsurvey sv
  JOIN markets_marketevent e
    ON e.withdrawn_at IS NULL AND e.held_on BETWEEN sv.period_start AND sv.period_end
  LEFT JOIN markets_culturalmarket m ON m.id = e.market_id
  LEFT JOIN markets_eventsales es ON es.event_id = e.id
  WHERE e.id = sv.event_id OR e.market_id = sv.market_id
     OR coalesce(m.district_id, e.district_id) = sv.district_id
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
"""

REVENUE_SERIES_SQL = """-- The revenue series of a scope: the first placeholder is sql/scoped_events.sql (one row per event held);
-- the period_start and per_period placeholders (the CTE `per_period`: one row per event, or one per
-- calendar period, empty ones included) are filled from a fixed list in selectors.py; everything else
-- is a bound parameter. Cumulative figures count everything before `date_from` too.
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
SELECT period_start, period_end, market, kind, event_id, events, festivals, sales,
       round(stimulus, 2) AS stimulus, round(stimulus_direct, 2) AS stimulus_direct,
       round(stimulus_chain, 2) AS stimulus_chain, round(stimulus_employment, 2) AS stimulus_employment,
       round(stimulus_other, 2) AS stimulus_other, round(stimulus_estimated, 2) AS stimulus_estimated,
       vendors, visitors,
       (SELECT sales FROM prior) + sum(sales) OVER w AS cumulative_sales,
       round((SELECT stimulus FROM prior) + sum(stimulus) OVER w, 2) AS cumulative_stimulus,
       round(avg(sales) OVER (w ROWS BETWEEN 2 PRECEDING AND CURRENT ROW), 2) AS moving_average,
       round((sales - lag(sales) OVER w) / nullif(lag(sales) OVER w, 0), 4) AS growth,
       round(((SELECT stimulus FROM prior) + sum(stimulus) OVER w) / (SELECT public_funding FROM funding), 4)
         AS public_roi
FROM per_period
WINDOW w AS (ORDER BY period_start, market, event_id)
ORDER BY period_start, market, event_id
"""

_EVENT_PER_PERIOD = """per_period AS (
  SELECT held_on AS period_start, coalesce(ends_on, held_on) AS period_end, market, kind, id AS event_id,
         1::bigint AS events, (kind = 'festival')::int::bigint AS festivals, sales, stimulus,
         stimulus_direct, stimulus_chain, stimulus_employment, stimulus_other, stimulus_estimated,
         round(vendors_present::numeric, 1) AS vendors, visitors::bigint AS visitors
  FROM in_range
)"""
_CALENDAR_PER_PERIOD = """by_start AS (
  SELECT period_start, count(*) AS events, count(*) FILTER (WHERE kind = 'festival') AS festivals,
         sum(sales) AS sales, sum(stimulus) AS stimulus, sum(stimulus_direct) AS stimulus_direct,
         sum(stimulus_chain) AS stimulus_chain, sum(stimulus_employment) AS stimulus_employment,
         sum(stimulus_other) AS stimulus_other, sum(stimulus_estimated) AS stimulus_estimated,
         round(avg(vendors_present), 1) AS vendors, sum(visitors) AS visitors
  FROM in_range GROUP BY period_start
),
per_period AS (
  SELECT g::date AS period_start, (g + {step} - interval '1 day')::date AS period_end,
         NULL::text AS market, NULL::text AS kind, NULL::bigint AS event_id,
         coalesce(a.events, 0) AS events, coalesce(a.festivals, 0) AS festivals,
         coalesce(a.sales, 0) AS sales, coalesce(a.stimulus, 0) AS stimulus,
         coalesce(a.stimulus_direct, 0) AS stimulus_direct, coalesce(a.stimulus_chain, 0) AS stimulus_chain,
         coalesce(a.stimulus_employment, 0) AS stimulus_employment,
         coalesce(a.stimulus_other, 0) AS stimulus_other,
         coalesce(a.stimulus_estimated, 0) AS stimulus_estimated, a.vendors, a.visitors
  FROM generate_series((SELECT min(period_start) FROM by_start)::timestamp,
                       (SELECT max(period_start) FROM by_start)::timestamp, {step}) AS g
  LEFT JOIN by_start a ON a.period_start = g::date
)"""


def _series_sql(interval: str) -> str:
    if interval == "event":
        per_period = _EVENT_PER_PERIOD
    else:
        per_period = _CALENDAR_PER_PERIOD.format(step=_STEPS[interval])
    return REVENUE_SERIES_SQL.format(
        scoped_events=SCOPED_EVENTS_SQL, period_start=_PERIOD_START[interval], per_period=per_period
    )


def revenue_series_before(
    *,
    scope,
    interval: str = "month",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    include_unpublished: bool = False,
    kind: str = "market",
) -> list[dict]:
    params = {
        **_scope_params(scope, include_unpublished),
        "date_from": date_from,
        "date_to": date_to,
        "kind": kind,
    }
    with read_connection().cursor() as cursor:
        execute_prepared(cursor, _series_sql(interval), params, _PARAMETER_TYPES)
        names = [c.name for c in cursor.description]
        data = cursor.fetchall()
    dropped = {"event_id"} if interval == "event" else {"event_id", "market", "kind"}
    kept = [(i, name) for i, name in enumerate(names) if name not in dropped]
    start, end = names.index("period_start"), names.index("period_end")
    language = get_language() or "th"
    rows = []
    for values in data:
        row = {name: values[i] for i, name in kept}
        row["label"] = _period_label(interval, values[start], values[end], language)
        rows.append(row)
    return rows
