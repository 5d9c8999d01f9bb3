"""The revenue dashboard shown on market, district, city and programme pages: the headline figures, the
SVG charts and the tables beside them (the annual report's chart per market: sales, stimulus,
cumulative public ROI, events held, shops)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from culturalmap.core.charts import bar_chart, line_chart

from . import selectors
from .selectors import RevenueScope

_SERIES_URL = {
    "market": "markets:api-market-revenue",
    "district": "markets:api-district-revenue",
    "city": "markets:api-city-revenue",
}


def revenue_dashboard(*, scope: RevenueScope, code: str | None, include_unpublished: bool) -> dict:
    """Everything templates/markets/_revenue_dashboard.html shows for one scope (`code`: the market's,
    district's or city's permalink code; None for the nation)."""
    monthly, yearly, per_event = (
        selectors.revenue_series(scope=scope, interval=interval, include_unpublished=include_unpublished)
        for interval in ("month", "fiscal_year", "event")
    )
    baht = _("บาท")
    charts = {
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
    }
    series_url = (
        reverse(_SERIES_URL[scope.kind], args=[code])
        if scope.kind in _SERIES_URL
        else reverse("markets:api-nation-revenue")
    )
    return {
        "scope": scope.kind,
        "summary": selectors.revenue_summary(scope=scope, include_unpublished=include_unpublished),
        "monthly": monthly,
        "yearly": yearly,
        "per_event": per_event,
        "charts": charts,
        "series_url": series_url,
    }
