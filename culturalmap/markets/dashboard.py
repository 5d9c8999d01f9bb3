"""The revenue dashboard shown on market, district, city and programme pages: the headline figures, the
SVG charts and the tables beside them (the annual report's chart per market: sales, stimulus,
cumulative public ROI, events held, shops), the stimulus built from its measured parts, SROI studies,
households' use of the income, the festivals, and the reports' own figures with their "as of" dates."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from culturalmap.core.charts import bar_chart, line_chart, stacked_bar_chart

from . import impact, selectors
from .models import EventKind, MarketEvent, ReportedFigure
from .selectors import EVENT_FILTERS, RevenueScope

_SERIES_URL = {
    "market": "markets:api-market-revenue",
    "district": "markets:api-district-revenue",
    "city": "markets:api-city-revenue",
}
# Colour-blind-safe (Okabe–Ito): measured parts in colour, the multiplier's estimate in grey.
STIMULUS_PARTS = (
    ("stimulus_direct", "#0072b2"),
    ("stimulus_chain", "#e69f00"),
    ("stimulus_employment", "#009e73"),
    ("stimulus_other", "#cc79a7"),
    ("stimulus_estimated", "#999999"),
)


def stimulus_part_names() -> dict[str, str]:
    return {
        "stimulus_direct": _("ยอดขายโดยตรง (สำรวจ)"),
        "stimulus_chain": _("ห่วงโซ่การผลิต (สำรวจ)"),
        "stimulus_employment": _("รายได้จากการจ้างงาน (สำรวจ)"),
        "stimulus_other": _("อื่น ๆ (สำรวจ)"),
        "stimulus_estimated": _("ประมาณการ: ยอดขาย × ตัวคูณ"),
    }


def _festivals(scope: RevenueScope, include_unpublished: bool) -> list[MarketEvent]:
    if scope.kind == "nation":
        return []
    where = {
        "market": Q(market_id=scope.id),
        "district": Q(district_id=scope.id) | Q(market__district_id=scope.id),
        "city": Q(district__city_id=scope.id) | Q(market__district__city_id=scope.id),
        "province": Q(district__province_id=scope.id),
    }[scope.kind]
    festivals = MarketEvent.objects.held().filter(where, kind=EventKind.FESTIVAL)
    if not include_unpublished:
        festivals = festivals.filter(district__status="published")
    return list(festivals.select_related("sales_summary", "market", "district").order_by("-held_on")[:50])


def reported_figures(scope: RevenueScope):
    within = {
        "nation": Q(city__isnull=True, district__isnull=True, market__isnull=True),
        "market": Q(market_id=scope.id),
        "district": Q(district_id=scope.id),
        "city": Q(city_id=scope.id),
        "province": Q(pk__in=[]),
    }[scope.kind]
    return list(ReportedFigure.objects.filter(within))


def _charts(monthly, yearly, per_event) -> dict:
    baht = _("บาท")
    names = stimulus_part_names()
    return {
        "monthly": bar_chart(
            [(r["label"], r["sales"]) for r in monthly], title=_("ยอดขายรายเดือน (บาท)"), unit=baht
        ),
        "yearly": bar_chart(
            [(r["label"], r["sales"]) for r in yearly], title=_("ยอดขายรายปีงบประมาณ (บาท)"), unit=baht
        ),
        "cumulative": line_chart(
            [(r["label"], r["cumulative_sales"]) for r in per_event], title=_("ยอดขายสะสม (บาท)"), unit=baht
        ),
        "events": bar_chart(
            [(r["label"], r["events"]) for r in yearly],
            title=_("จำนวนครั้งที่จัดงานต่อปีงบประมาณ"),
            unit=pgettext("chart unit", "ครั้ง"),
        ),
        "stimulus": stacked_bar_chart(
            [(r["label"], [r[part] for part, _c in STIMULUS_PARTS]) for r in yearly],
            series=[(names[part], colour) for part, colour in STIMULUS_PARTS],
            title=_("มูลค่ากระตุ้นเศรษฐกิจชุมชนรายปีงบประมาณ (บาท)"),
            unit=baht,
        ),
    }


def revenue_dashboard(
    *, scope: RevenueScope, code: str | None, include_unpublished: bool, kind: str = "market"
) -> dict:
    """Everything templates/markets/_revenue_dashboard.html shows for one scope (`code`: the market's,
    district's or city's permalink code; None for the nation). `kind`: market nights, festivals or
    all (the page's toggle)."""
    kind = kind if kind in EVENT_FILTERS else "market"
    monthly, yearly, per_event = (
        selectors.revenue_series(
            scope=scope, interval=interval, include_unpublished=include_unpublished, kind=kind
        )
        for interval in ("month", "fiscal_year", "event")
    )
    series_url = (
        reverse(_SERIES_URL[scope.kind], args=[code])
        if scope.kind in _SERIES_URL
        else reverse("markets:api-nation-revenue")
    )
    surveys = list(impact.surveys_in(scope))
    names = stimulus_part_names()
    return {
        "scope": scope.kind,
        "kind": kind,
        "kinds": [("market", _("ตลาด")), ("festival", _("เทศกาล")), ("all", _("ตลาดและเทศกาล"))],
        "summary": selectors.revenue_summary(scope=scope, include_unpublished=include_unpublished, kind=kind),
        "monthly": monthly,
        "yearly": yearly,
        "per_event": per_event,
        "charts": _charts(monthly, yearly, per_event),
        "stimulus_parts": [(part, names[part], colour) for part, colour in STIMULUS_PARTS],
        "series_url": series_url,
        "surveys": surveys,
        "spending": impact.household_spending(surveys),
        "spending_labels": [(k, *impact.SPENDING_LABELS[k]) for k in impact.SPENDING],
        "social_returns": list(impact.social_returns_in(scope)),
        "festivals": _festivals(scope, include_unpublished),
        "reported": reported_figures(scope),
    }
