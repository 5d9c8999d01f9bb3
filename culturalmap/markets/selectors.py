"""Reads on markets: who may log where, and the revenue series computed in PostgreSQL.

The series come from `sql/revenue_series.sql` over the per-event summary (EventSales), which the
ledger's trigger keeps in step; `event_sales_drift()` proves the two agree.
"""

import datetime
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Literal

from django.db import connection
from django.db.models import Count, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import get_language

from culturalmap.core.permissions import is_curator
from culturalmap.core.prepared import execute_prepared
from culturalmap.core.publication import PublicationStatus
from culturalmap.core.routers import read_connection
from culturalmap.core.thai import BE_OFFSET, format_date, format_month, thai_order
from geodata.models import Province

from .models import CulturalMarket, MarketEvent, SalesEntry, SalesUpload
from .records import CITY, DISTRICT, MARKET

SQL_DIR = Path(__file__).parent / "sql"
Interval = Literal["event", "week", "month", "quarter", "fiscal_year"]
INTERVALS: tuple[str, ...] = ("event", "week", "month", "quarter", "fiscal_year")
ScopeKind = Literal["market", "district", "city", "province", "nation"]
# Which events a series counts: market nights, festivals, or both.
EventFilter = Literal["market", "festival", "all"]
EVENT_FILTERS: tuple[str, ...] = ("market", "festival", "all")

# Fixed SQL fragments per interval (never user text): how an event's period starts, the periods.
_STEPS = {
    "week": "interval '1 week'",
    "month": "interval '1 month'",
    "quarter": "interval '3 months'",
    "fiscal_year": "interval '1 year'",
}
_PERIOD_START = {
    "event": "held_on",
    "week": "date_trunc('week', held_on)::date",
    "month": "date_trunc('month', held_on)::date",
    "quarter": "date_trunc('quarter', held_on)::date",
    # Thai fiscal year: 1 Oct – 30 Sep, named by the calendar year it ends in.
    "fiscal_year": "make_date(extract(year FROM held_on + interval '3 months')::int - 1, 10, 1)",
}
# `per_period` of sql/revenue_series.sql. An event is its own period: its row is the event's, with
# the types the calendar's aggregates give (bigint counts, numeric vendors rounded to 0.1), so no
# self-join and no grouping. A calendar period: the events are added up by the period they start in
# first, then laid on the run of periods (empty ones included) by one join of a row per period.
# An event's stimulus is either measured (a survey's parts, nothing estimated) or all estimated (no
# parts): the parts it has not, and the estimate (the stimulus itself, or 0.00), are left NULL here
# and filled in by `revenue_series` from `measured`, not rounded, sent and parsed row by row.
_EVENT_PER_PERIOD = """per_period AS (
  SELECT held_on AS period_start, coalesce(ends_on, held_on) AS period_end, market, kind, id AS event_id,
         1::bigint AS events, (kind = 'festival')::int::bigint AS festivals, sales, stimulus,
         CASE WHEN survey_id IS NOT NULL THEN stimulus_direct END AS stimulus_direct,
         CASE WHEN survey_id IS NOT NULL THEN stimulus_chain END AS stimulus_chain,
         CASE WHEN survey_id IS NOT NULL THEN stimulus_employment END AS stimulus_employment,
         CASE WHEN survey_id IS NOT NULL THEN stimulus_other END AS stimulus_other,
         NULL::numeric AS stimulus_estimated,
         round(vendors_present::numeric, 1) AS vendors, visitors::bigint AS visitors,
         survey_id IS NOT NULL AS measured
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
         coalesce(a.stimulus_estimated, 0) AS stimulus_estimated, a.vendors, a.visitors,
         NULL::boolean AS measured
  FROM generate_series((SELECT min(period_start) FROM by_start)::timestamp,
                       (SELECT max(period_start) FROM by_start)::timestamp, {step}) AS g
  LEFT JOIN by_start a ON a.period_start = g::date
)"""


@cache
def _sql(name: str) -> str:
    return (SQL_DIR / name).read_text()


@dataclass(frozen=True)
class RevenueScope:
    kind: ScopeKind
    id: int | None = None


NATION = RevenueScope("nation")


# A market night runs past midnight: until this hour it is still the previous evening's market.
MARKET_NIGHT_ENDS = 6
BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")


def market_night(now: datetime.datetime | None = None) -> datetime.date:
    """The date of tonight's market in Asia/Bangkok: before 06:00 it is still the previous evening."""
    local = (now or timezone.now()).astimezone(BANGKOK)
    return (local - datetime.timedelta(hours=MARKET_NIGHT_ENDS)).date()


# --- who sees and writes what --------------------------------------------------------------------


def visible_markets(user=None) -> QuerySet[CulturalMarket]:
    markets = CulturalMarket.objects.select_related("district", "province")
    if is_curator(user):
        return markets
    return markets.filter(MARKET.public_filter())


def markets_organised_by(user) -> QuerySet[CulturalMarket]:
    """The markets a user may log for: their own, or all of them for a curator."""
    if not getattr(user, "is_authenticated", False):
        return CulturalMarket.objects.none()
    markets = CulturalMarket.objects.select_related("district", "province").order_by(thai_order("name_th"))
    return markets if is_curator(user) else markets.filter(organisers=user)


def revenue_scope(kind: ScopeKind, code: str | None, user=None) -> tuple[object | None, RevenueScope] | None:
    """The record behind a series (market, district, city by permalink code; province by its 2-digit
    code; nation) and its scope; None when there is no such record or the user may not see it."""
    if kind == "nation":
        return None, NATION
    if kind == "province":
        province = Province.objects.filter(code=code).first()
        return (province, RevenueScope("province", province.pk)) if province else None
    record_kind = {"market": MARKET, "district": DISTRICT, "city": CITY}[kind]
    records = record_kind.model_class.objects.filter(code=code)
    if not is_curator(user):
        records = records.filter(record_kind.public_filter())
    record = records.first()
    return (record, RevenueScope(kind, record.pk)) if record else None


# --- the series ----------------------------------------------------------------------------------


def _scope_params(scope: RevenueScope, include_unpublished: bool) -> dict:
    """The scope's ids as the SQL takes them (public_funding: the markets' in scope)."""
    ids = {f"{kind}_id": None for kind in ("market", "district", "city", "province")}
    if scope.kind != "nation":
        ids[f"{scope.kind}_id"] = scope.id
    return {**ids, "include_unpublished": include_unpublished}


@lru_cache(maxsize=8192)  # a series names the same periods on every read
def _period_label(interval: str, start: datetime.date, end: datetime.date, language: str) -> str:
    if interval == "fiscal_year":
        if language == "en":
            return f"FY {end.year} (BE {end.year + BE_OFFSET})"
        return f"ปีงบประมาณ {end.year + BE_OFFSET}"
    if interval == "month":
        return format_month(start, language)
    if interval == "quarter":
        quarter = (start.month - 1) // 3 + 1
        year = start.year if language == "en" else start.year + BE_OFFSET
        return f"Q{quarter} {year}" if language == "en" else f"ไตรมาส {quarter}/{year}"
    return format_date(start, language)


def _series_sql(interval: str, from_ledger: bool) -> str:
    if interval == "event":
        per_period = _EVENT_PER_PERIOD
    else:
        per_period = _CALENDAR_PER_PERIOD.format(step=_STEPS[interval])
    sql = _sql("revenue_series.sql").format(
        scoped_events=_sql("scoped_events.sql"),
        period_start=_PERIOD_START[interval],
        per_period=per_period,
    )
    if from_ledger:
        sql = sql.replace(
            "LEFT JOIN markets_eventsales s", f"LEFT JOIN ({_sql('event_sales_from_ledger.sql')}) s"
        )
    return sql


# A stimulus part the event has not (round(0, 2) in SQL): one shared value (Decimals are immutable).
_ZERO = Decimal("0.00")

# The series' parameters, as the prepared statements declare them.
_PARAMETER_TYPES = {
    "market_id": "bigint",
    "district_id": "bigint",
    "city_id": "bigint",
    "province_id": "bigint",
    "include_unpublished": "boolean",
    "date_from": "date",
    "date_to": "date",
    "kind": "text",
}


def _rows(sql: str, params: dict) -> list[dict]:
    """The rows of one of the series' statements, prepared once per connection (planning the dozen
    CTEs costs as much as running them)."""
    with read_connection().cursor() as cursor:
        execute_prepared(cursor, sql, params, _PARAMETER_TYPES)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def revenue_series(
    *,
    scope: RevenueScope,
    interval: Interval = "month",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    include_unpublished: bool = False,
    from_ledger: bool = False,
    kind: EventFilter = "market",
) -> list[dict]:
    """One row per period (or per event), in date order, empty calendar periods included.

    Rows: period_start, period_end, label, market and kind (event rows), events, festivals, sales,
    stimulus with its parts (stimulus_direct, _chain, _employment, _other: measured by impact surveys;
    _estimated: sales × the market's multiplier where no survey covers the event), vendors (average
    present per event), visitors, cumulative_sales, cumulative_stimulus, moving_average (sales over
    this and the two previous rows), growth (on the previous row), public_roi (cumulative stimulus /
    public funding of the scope's markets). `kind`: market nights (the default), festivals or all;
    a festival of several days counts once, with all its sales, in the period of its first day.
    `from_ledger` re-derives each event's sales from the ledger instead of the summary table
    (for checks and as the benchmark's baseline).
    """
    if interval not in INTERVALS:
        raise ValueError(f"unknown interval {interval!r}")
    if kind not in EVENT_FILTERS:
        raise ValueError(f"unknown event kind {kind!r}")
    params = {
        **_scope_params(scope, include_unpublished),
        "date_from": date_from,
        "date_to": date_to,
        "kind": kind,
    }
    with read_connection().cursor() as cursor:
        execute_prepared(cursor, _series_sql(interval, from_ledger), params, _PARAMETER_TYPES)
        names = [c.name for c in cursor.description]
        data = cursor.fetchall()
    # Each row built once, then its label: a series has thousands of rows, so no Python per column.
    # An event's row keeps every column but `measured` (the last, which zip leaves out); a calendar
    # period's also drops market and kind.
    if interval == "event":
        names = names[:-1]
    else:
        kept = [i for i, name in enumerate(names) if name not in ("market", "kind", "measured")]
        names, data = [names[i] for i in kept], map(itemgetter(*kept), data)
    start, end = names.index("period_start"), names.index("period_end")
    language = get_language() or "th"
    rows = []
    for values in data:
        row = dict(zip(names, values, strict=False))
        if interval == "event":
            if values[-1]:  # measured by a survey: nothing estimated
                row["stimulus_estimated"] = _ZERO
            else:  # estimated: no measured parts, the stimulus is the estimate
                row["stimulus_direct"] = row["stimulus_chain"] = _ZERO
                row["stimulus_employment"] = row["stimulus_other"] = _ZERO
                row["stimulus_estimated"] = row["stimulus"]
        row["label"] = _period_label(interval, values[start], values[end], language)
        rows.append(row)
    return rows


_TOTALS_SQL = """{scoped_events}
SELECT count(*) AS events, count(*) FILTER (WHERE kind = 'festival') AS festivals,
       coalesce(sum(sales), 0) AS sales, round(coalesce(sum(stimulus), 0), 2) AS stimulus,
       round(coalesce(sum(stimulus_direct), 0), 2) AS stimulus_direct,
       round(coalesce(sum(stimulus_chain), 0), 2) AS stimulus_chain,
       round(coalesce(sum(stimulus_employment), 0), 2) AS stimulus_employment,
       round(coalesce(sum(stimulus_other), 0), 2) AS stimulus_other,
       round(coalesce(sum(stimulus_estimated), 0), 2) AS stimulus_estimated,
       count(survey_id) AS surveyed_events,
       avg(vendors_present) AS vendors, sum(visitors) AS visitors,
       (SELECT public_funding FROM funding) AS public_funding
FROM scoped_events"""
_ENDS_SQL = """{scoped_events}
(SELECT id, held_on, sales FROM scoped_events ORDER BY held_on, id LIMIT 1)
UNION ALL
(SELECT id, held_on, sales FROM scoped_events ORDER BY held_on DESC, id DESC LIMIT 1)"""


def _end_event(row: dict | None) -> dict | None:
    if row is None:
        return None
    event = MarketEvent.objects.select_related("market", "district").get(pk=row["id"])
    holder = event.market or event.district
    return {
        "held_on": row["held_on"],
        "ends_on": event.ends_on,
        "sales": row["sales"],
        "vendors_present": event.vendors_present,
        "kind": event.kind,
        "name_th": event.name_th,
        "name_en": event.name_en,
        "market_code": holder.code,
        "market_name_th": holder.name_th,
        "market_name_en": holder.name_en,
    }


def revenue_summary(
    *, scope: RevenueScope, include_unpublished: bool = False, kind: EventFilter = "market"
) -> dict:
    """Headline figures: events held (festivals among them), sales, stimulus with its measured and
    estimated parts, public ROI, first and latest event, growth."""
    markets = CulturalMarket.objects.all()
    if not include_unpublished:
        markets = markets.filter(status=PublicationStatus.PUBLISHED)
    if scope.kind == "market":
        markets = markets.filter(pk=scope.id)
    elif scope.kind == "city":
        markets = markets.filter(district__city_id=scope.id)
    elif scope.kind != "nation":
        markets = markets.filter(**{f"{scope.kind}_id": scope.id})
    params = {**_scope_params(scope, include_unpublished), "date_from": None, "date_to": None, "kind": kind}
    scoped = _sql("scoped_events.sql")
    totals = _rows(_TOTALS_SQL.format(scoped_events=scoped), params)[0]
    ends = _rows(_ENDS_SQL.format(scoped_events=scoped), params)
    market_totals = markets.aggregate(markets=Count("id"), registered_vendors=Sum("registered_vendors"))
    first, latest = (_end_event(ends[0]), _end_event(ends[-1])) if ends else (None, None)
    funding = totals["public_funding"] or Decimal(0)
    growth = None
    # Growth from the first event to the latest means something for one market, not across two.
    if first and latest and first["sales"] and first["market_code"] == latest["market_code"]:
        growth = ((latest["sales"] - first["sales"]) / first["sales"]).quantize(Decimal("0.0001"))
    parts = ("direct", "chain", "employment", "other", "estimated")
    return {
        "markets": market_totals["markets"],
        "registered_vendors": market_totals["registered_vendors"] or 0,
        "events": totals["events"],
        "festivals": totals["festivals"],
        "sales": totals["sales"],
        "stimulus": totals["stimulus"],
        "stimulus_parts": {part: totals[f"stimulus_{part}"] for part in parts},
        "surveyed_events": totals["surveyed_events"],
        "public_funding": funding,
        "public_roi": (totals["stimulus"] / funding).quantize(Decimal("0.0001")) if funding else None,
        "vendors": round(totals["vendors"], 1) if totals["vendors"] is not None else None,
        "visitors": totals["visitors"],
        "first_event": first,
        "latest_event": latest,
        "growth": growth,
    }


def event_sales_drift() -> list[dict]:
    """Events whose summary row disagrees with the ledger (should always be empty)."""
    sql = f"""
        WITH ledger AS ({_sql("event_sales_from_ledger.sql")})
        SELECT coalesce(l.event_id, s.event_id) AS event_id, l.sales AS ledger_sales,
               s.sales AS summary_sales, l.entries AS ledger_entries, s.entries AS summary_entries
        FROM ledger l FULL JOIN markets_eventsales s ON s.event_id = l.event_id
        WHERE l.sales IS DISTINCT FROM s.sales OR l.entries IS DISTINCT FROM s.entries
    """
    with connection.cursor() as cursor:
        cursor.execute(sql)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# --- the organiser's view of the ledger ----------------------------------------------------------


def market_events(
    market: CulturalMarket, *, limit: int = 20, held_on: datetime.date | None = None, max_lines: int = 600
) -> list[MarketEvent]:
    """Latest events first (or the one of `held_on`), each with its entries (`.ledger`) oldest first,
    corrections marked; fewer events when nights logged vendor by vendor pass `max_lines` lines."""
    events = MarketEvent.objects.filter(market=market)
    if held_on is not None:
        events = events.filter(held_on=held_on)
    events = list(events.select_related("sales_summary").order_by("-held_on")[:limit])
    entries = (
        SalesEntry.objects.filter(event__in=events)
        .select_related("recorded_by", "corrected_by")
        .order_by("recorded_at", "id")
    )
    by_event: dict[int, list[SalesEntry]] = {e.pk: [] for e in events}
    for entry in entries:
        by_event[entry.event_id].append(entry)
    shown, lines = [], 0
    for event in events:
        event.ledger = by_event[event.pk]
        lines += len(event.ledger)
        if shown and lines > max_lines:
            break
        shown.append(event)
    return shown


def sales_uploads(market: CulturalMarket) -> QuerySet[SalesUpload]:
    """The market's upload history, newest first: committed and undone uploads, and previews still
    waiting for their organiser (not the ones superseded or discarded)."""
    return (
        SalesUpload.objects.filter(market=market)
        .exclude(status__in=[SalesUpload.Status.SUPERSEDED, SalesUpload.Status.DISCARDED])
        .select_related("uploaded_by", "undone_by")
        .defer("rows", "refused", "skipped", "ledger_mark")
    )


def day_ledger(market: CulturalMarket, held_on: datetime.date) -> QuerySet[SalesEntry]:
    """Every entry of the market's event that day, corrected ones included, oldest first."""
    return (
        SalesEntry.objects.filter(event__market=market, event__held_on=held_on)
        .select_related("event", "recorded_by")
        .order_by("recorded_at", "id")
    )
