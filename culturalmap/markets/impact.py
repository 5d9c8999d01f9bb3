"""Writes and reads of economic impact as the programme measures it: impact surveys (the stimulus's
measured parts, households' use of the income) and SROI studies, with their "as of" date and source.

A survey covers a market, a district or one event (a festival) over a period. Its parts may not add
up to more than the total it states (the rest is "other"); household shares are 0–100 % and add up
to at most 100 %. Two surveys may not cover the same event: the stimulus would count twice.
"""

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, parse_amount

from .models import CulturalCity, CulturalDistrict, CulturalMarket, ImpactSurvey, MarketEvent, SocialReturn
from .selectors import RevenueScope

SPENDING = ("education", "health", "debt", "daily_living", "savings", "business", "other")
SPENDING_LABELS = {
    "education": ("การศึกษาของบุตรหลาน", "Education"),
    "health": ("สุขภาพและค่ารักษา", "Health"),
    "debt": ("ชำระหนี้", "Paying debts"),
    "daily_living": ("ค่าใช้จ่ายในครัวเรือน", "Daily living"),
    "savings": ("เงินออม", "Savings"),
    "business": ("ลงทุนในกิจการ", "Business"),
    "other": ("อื่น ๆ", "Other"),
}
PARTS = ("direct_sales", "production_chain", "employment_income")


def _require_curator_or_organiser(user, markets: QuerySet[CulturalMarket]) -> None:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied(_("ต้องเข้าสู่ระบบ"))
    if not (is_curator(user) or markets.filter(organisers=user).exists()):
        raise PermissionDenied(_("เฉพาะผู้จัดตลาดในพื้นที่นี้และผู้ดูแลข้อมูล"))


def _baht(errors: dict, field: str, value: object) -> Decimal:
    try:
        return parse_amount(value)
    except ThaiInputError as exc:
        errors[field] = str(exc)
        return Decimal(0)


def _share(errors: dict, field: str, value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        share = Decimal(str(value).strip().removesuffix("%").strip())
    except InvalidOperation:
        errors[field] = _("สัดส่วนต้องเป็นตัวเลข (ร้อยละ): %(v)s") % {"v": value}
        return None
    if not share.is_finite() or share < 0:
        errors[field] = _("สัดส่วนติดลบไม่ได้: %(v)s") % {"v": value}
    elif share > 100:
        errors[field] = _("สัดส่วนเกินร้อยละ 100 ไม่ได้: %(v)s") % {"v": value}
    return share.quantize(Decimal("0.01")) if share.is_finite() else None


def _scope_markets(market, district, event) -> QuerySet[CulturalMarket]:
    if market is not None:
        return CulturalMarket.objects.filter(pk=market.pk)
    if district is not None:
        return CulturalMarket.objects.filter(district=district)
    if event.market_id:
        return CulturalMarket.objects.filter(pk=event.market_id)
    return CulturalMarket.objects.filter(district=event.district_id)


def _overlapping(survey: ImpactSurvey) -> ImpactSurvey | None:
    """An existing survey that covers an event this one would (the same events counted twice)."""
    events = MarketEvent.objects.filter(
        withdrawn_at__isnull=True, held_on__range=(survey.period_start, survey.period_end)
    )
    if survey.event_id:
        events = events.filter(pk=survey.event_id)
    elif survey.market_id:
        events = events.filter(market_id=survey.market_id)
    else:
        events = events.filter(Q(market__district_id=survey.district_id) | Q(district_id=survey.district_id))
    for other in ImpactSurvey.objects.exclude(pk=survey.pk).filter(
        period_start__lte=survey.period_end, period_end__gte=survey.period_start
    ):
        scope = (
            Q(pk=other.event_id)
            if other.event_id
            else (
                Q(market_id=other.market_id)
                if other.market_id
                else Q(market__district_id=other.district_id) | Q(district_id=other.district_id)
            )
        )
        if events.filter(scope, held_on__range=(other.period_start, other.period_end)).exists():
            return other
    return None


@transaction.atomic
def impact_survey_record(
    *,
    user,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    direct_sales: object,
    production_chain: object,
    employment_income: object,
    as_of: datetime.date,
    source: str,
    total_stimulus: object = None,
    market: CulturalMarket | None = None,
    district: CulturalDistrict | None = None,
    event: MarketEvent | None = None,
    spending: dict[str, object] | None = None,
    respondents: int | None = None,
    method: str = "",
) -> ImpactSurvey:
    """Record a survey of the stimulus of a market, a district or one event (its dates are the
    period). Refused, with the reason, when its parts exceed its total, a share is negative or above
    100 %, the shares add up to more than 100 %, or another survey already covers its events."""
    if sum(x is not None for x in (market, district, event)) != 1:
        raise ValidationError(_("การสำรวจต้องเป็นของตลาด ย่าน หรืองานครั้งเดียว อย่างใดอย่างหนึ่ง"), code="scope")
    _require_curator_or_organiser(user, _scope_markets(market, district, event))
    if event is not None:
        period_start, period_end = event.held_on, event.last_day
    errors: dict[str, str] = {}
    if period_start is None or period_end is None or period_end < period_start:
        errors["period_end"] = _("ช่วงเวลาของการสำรวจไม่ถูกต้อง")
    parts = {
        "direct_sales": _baht(errors, "direct_sales", direct_sales),
        "production_chain": _baht(errors, "production_chain", production_chain),
        "employment_income": _baht(errors, "employment_income", employment_income),
    }
    summed = sum(parts.values(), Decimal(0))
    total = summed if total_stimulus in (None, "") else _baht(errors, "total_stimulus", total_stimulus)
    if total < summed and "total_stimulus" not in errors:
        errors["total_stimulus"] = _(
            "ยอดขายโดยตรง ห่วงโซ่การผลิต และรายได้จากการจ้างงาน รวม %(sum)s บาท "
            "เกินมูลค่ากระตุ้นเศรษฐกิจรวม %(total)s บาท"
        ) % {"sum": f"{summed:,.2f}", "total": f"{total:,.2f}"}
    shares = {f"spend_{k}": _share(errors, f"spend_{k}", (spending or {}).get(k)) for k in SPENDING}
    stated = sum((v for v in shares.values() if v is not None), Decimal(0))
    if stated > 100:
        errors["spend_other"] = _("สัดส่วนการใช้รายได้รวมกัน %(n)s%% เกินร้อยละ 100") % {"n": f"{stated:g}"}
    if not source.strip():
        errors["source"] = _("ระบุแหล่งที่มาของตัวเลข")
    if errors:
        raise ValidationError(errors)
    survey = ImpactSurvey(
        market=market,
        district=district,
        event=event,
        period_start=period_start,
        period_end=period_end,
        total_stimulus=total,
        respondents=respondents,
        method=method.strip()[:300],
        as_of=as_of,
        source=source.strip()[:500],
        created_by=user if getattr(user, "pk", None) else None,
        **parts,
        **shares,
    )
    other = _overlapping(survey)
    if other is not None:
        raise ValidationError(
            _("การสำรวจ #%(id)s (%(start)s – %(end)s) ครอบคลุมงานเดียวกันแล้ว: มูลค่ากระตุ้นจะถูกนับซ้ำ")
            % {"id": other.pk, "start": other.period_start, "end": other.period_end},
            code="overlap",
        )
    survey.save()
    return survey


@transaction.atomic
def social_return_record(
    *,
    user,
    project_th: str,
    investment: object,
    outcomes: list[dict],
    as_of: datetime.date,
    source: str,
    city: CulturalCity | None = None,
    district: CulturalDistrict | None = None,
    market: CulturalMarket | None = None,
    project_en: str = "",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> SocialReturn:
    """Record an SROI study: the money put in and each valued outcome; the ratio follows from them."""
    if not is_curator(user):
        raise PermissionDenied(_("เฉพาะผู้ดูแลข้อมูล"))
    errors: dict[str, str] = {}
    money = _baht(errors, "investment", investment)
    if not errors and money <= 0:
        errors["investment"] = _("เงินลงทุนต้องมากกว่า 0")
    clean = []
    for n, outcome in enumerate(outcomes, start=1):
        value = _baht(errors, f"outcome_{n}", outcome.get("value"))
        clean.append(
            {
                "name_th": outcome.get("name_th", ""),
                "name_en": outcome.get("name_en", ""),
                "value": f"{value:.2f}",
            }
        )
    if not clean:
        errors["outcomes"] = _("ใส่ผลลัพธ์ที่ประเมินค่าแล้วอย่างน้อยหนึ่งรายการ")
    if not source.strip():
        errors["source"] = _("ระบุแหล่งที่มาของตัวเลข")
    if errors:
        raise ValidationError(errors)
    return SocialReturn.objects.create(
        city=city,
        district=district,
        market=market,
        project_th=project_th.strip(),
        project_en=project_en.strip(),
        investment=money,
        outcomes=clean,
        as_of=as_of,
        source=source.strip(),
        period_start=period_start,
        period_end=period_end,
    )


# --- reads ---------------------------------------------------------------------------------------


def _within(scope: RevenueScope) -> Q:
    """Records of the scope or inside it, by their market / district / city foreign keys."""
    if scope.kind == "nation":
        return Q()
    if scope.kind == "market":
        return Q(market_id=scope.id)
    if scope.kind == "district":
        return Q(district_id=scope.id) | Q(market__district_id=scope.id)
    if scope.kind == "city":
        return Q(district__city_id=scope.id) | Q(market__district__city_id=scope.id)
    return Q(district__province_id=scope.id) | Q(market__province_id=scope.id)


def surveys_in(scope: RevenueScope) -> QuerySet[ImpactSurvey]:
    within = _within(scope)
    if scope.kind == "district":
        within |= Q(event__district_id=scope.id) | Q(event__market__district_id=scope.id)
    elif scope.kind == "market":
        within |= Q(event__market_id=scope.id)
    elif scope.kind == "city":
        within |= Q(event__district__city_id=scope.id) | Q(event__market__district__city_id=scope.id)
    return (
        ImpactSurvey.objects.filter(within)
        .select_related("market", "district", "event")
        .order_by("period_start")
    )


def social_returns_in(scope: RevenueScope) -> QuerySet[SocialReturn]:
    within = _within(scope)
    if scope.kind == "city":
        within |= Q(city_id=scope.id)
    elif scope.kind == "province":
        within |= Q(city__province_id=scope.id)
    return SocialReturn.objects.filter(within).select_related("city", "district", "market")


def household_spending(surveys: list[ImpactSurvey]) -> list[dict]:
    """The surveys' household shares, each survey a row: what the income went on (%), its respondents."""
    rows = []
    for survey in surveys:
        shares = {k: getattr(survey, f"spend_{k}") for k in SPENDING}
        if any(v is not None for v in shares.values()):
            rows.append({"survey": survey, "shares": shares})
    return rows
