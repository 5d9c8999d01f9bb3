"""Market pages: the public market page with its charts, and the organiser dashboard."""

import datetime
import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, format_date, format_number, parse_date

from . import selectors, services
from .dashboard import revenue_dashboard
from .forms import CorrectEntryForm, LogSalesForm, SalesSheetForm
from .models import CulturalMarket, EventSales, MarketEvent

MAX_SHEET_BYTES = 5 * 1024 * 1024


def market_page(request, code: str):
    found = selectors.revenue_scope("market", code, request.user)
    if found is None:
        raise Http404(_("ไม่พบตลาดนี้"))
    market, scope = found
    dashboard = revenue_dashboard(scope=scope, code=market.code, include_unpublished=is_curator(request.user))
    return render(
        request,
        "markets/market_detail.html",
        {
            "market": market,
            "dashboard": dashboard,
            "can_log": services.can_log_sales(request.user, market),
        },
    )


@login_required
def organiser_dashboard(request):
    markets = list(selectors.markets_organised_by(request.user))
    if len(markets) == 1 and not is_curator(request.user):
        return redirect("markets:organiser-market", code=markets[0].code)
    return render(request, "markets/organiser_dashboard.html", {"markets": markets})


@login_required
@require_http_methods(["GET", "POST"])
def organiser_market(request, code: str):
    market = get_object_or_404(CulturalMarket, code=code)
    if not services.can_log_sales(request.user, market):
        raise PermissionDenied
    log_form, correct_form, sheet_form, report = LogSalesForm(), CorrectEntryForm(), SalesSheetForm(), None
    action = request.POST.get("action")
    if action == "log":
        log_form = LogSalesForm(request.POST)
        event = _log(request, market, log_form) if log_form.is_valid() else None
        if event is not None:  # back to that day's entries, however long ago it was
            url = reverse("markets:organiser-market", args=[market.code])
            return redirect(f"{url}?held_on={event.held_on.isoformat()}")
    elif action == "correct":
        correct_form = CorrectEntryForm(request.POST)
        if correct_form.is_valid() and _correct(request, market, correct_form):
            return redirect("markets:organiser-market", code=market.code)
    elif action == "upload":
        sheet_form = SalesSheetForm(request.POST, request.FILES)
        if sheet_form.is_valid():
            report = _upload(market, request.user, sheet_form)
    day, day_error = _day_asked(request)
    status = 400 if day_error or any(f.errors for f in (log_form, correct_form, sheet_form)) else 200
    return render(
        request,
        "markets/organiser_market.html",
        {
            "market": market,
            "log_form": log_form,
            "correct_form": correct_form,
            "sheet_form": sheet_form,
            "report": report,
            "events": selectors.market_events(market, held_on=day),
            "day": day,
            "day_asked": request.GET.get("held_on", ""),
            "day_error": day_error,
            "summary": selectors.revenue_summary(
                scope=selectors.RevenueScope("market", market.pk), include_unpublished=True
            ),
        },
        status=status,
    )


def _day_asked(request) -> tuple[datetime.date | None, str]:
    """The day whose event the organiser looks up (?held_on=, any date form the forms take)."""
    text = request.GET.get("held_on", "").strip()
    if not text:
        return None, ""
    try:
        return parse_date(text), ""
    except ThaiInputError as exc:
        return None, str(exc)


def _log(request, market, form: LogSalesForm) -> MarketEvent | None:
    data = form.cleaned_data
    try:
        event, entries = services.log_event_sales(
            market=market,
            held_on=data["held_on"],
            user=request.user,
            total=data["total"] or None,
            vendor_sales=data["vendor_lines"],
            vendors_present=data["vendors_present"] or None,
            visitors=data["visitors"] or None,
            note=data["note"],
            request_key=data["request_key"],
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    except services.RequestKeyReused:
        # Sent again after going back and changing it: show what was logged; a new key lets them send.
        form.data = form.data.copy()
        form.data["request_key"] = uuid.uuid4().hex
        form.add_error(
            None, _("แบบฟอร์มนี้ส่งไปแล้วด้วยยอดอื่น: ตรวจรายการที่บันทึกไว้ด้านล่าง แล้วกดบันทึกอีกครั้งหากต้องการเพิ่มยอดนี้")
        )
        return None
    # The day's whole total beside it: a second entry for the same day adds to the first, and shows.
    day_total = EventSales.objects.filter(event=event).values_list("sales", flat=True).first() or 0
    messages.success(
        request,
        _("บันทึก %(n)s รายการของงานวันที่ %(date)s แล้ว · ยอดรวมของวันนั้น %(total)s บาท")
        % {
            "n": len(entries),
            "date": format_date(event.held_on, get_language() or "th"),
            "total": format_number(day_total),
        },
    )
    return event


def _correct(request, market, form: CorrectEntryForm) -> bool:
    data = form.cleaned_data
    try:
        services.correct_sales_entry(
            entry_id=data["entry_id"],
            amount=data["amount"],
            user=request.user,
            note=data["note"],
            market=market,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    except services.CorrectionConflict as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, _("บันทึกการแก้ไขรายการ %(id)s แล้ว") % {"id": data["entry_id"]})
    return True


def _upload(market, user, form: SalesSheetForm) -> services.SheetReport | None:
    upload = form.cleaned_data["file"]
    if upload.size > MAX_SHEET_BYTES:
        form.add_error("file", _("ไฟล์ใหญ่เกิน 5 MB"))
        return None
    try:
        return services.import_sales_sheet(market=market, user=user, content=upload.read())
    except ValidationError as exc:
        form.add_error("file", exc)
        return None
