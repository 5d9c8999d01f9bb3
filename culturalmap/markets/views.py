"""Market pages: the public market page with its charts, and the organiser pages (log, correct,
withdraw or move a day, upload a sheet with its preview and history, API token)."""

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
from rest_framework.authtoken.models import Token

from culturalmap.core.exceptions import DomainError
from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, format_date, format_number, parse_date

from . import selectors, services, statements, uploads, vendors
from .dashboard import revenue_dashboard
from .forms import CorrectEntryForm, DayChangeForm, LogSalesForm, SalesSheetForm
from .models import CulturalMarket, EventSales, MarketEvent, SalesEntry, SalesUpload


def market_page(request, code: str):
    found = selectors.revenue_scope("market", code, request.user)
    if found is None:
        raise Http404(_("ไม่พบตลาดนี้"))
    market, scope = found
    dashboard = revenue_dashboard(
        scope=scope,
        code=market.code,
        include_unpublished=is_curator(request.user),
        kind=request.GET.get("kind", "market"),
    )
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


def _organised_market(request, code: str) -> CulturalMarket:
    market = get_object_or_404(CulturalMarket, code=code)
    if not services.can_log_sales(request.user, market):
        raise PermissionDenied
    return market


def _day_url(market: CulturalMarket, day: datetime.date) -> str:
    return f"{reverse('markets:organiser-market', args=[market.code])}?held_on={day.isoformat()}"


@login_required
@require_http_methods(["GET", "POST"])
def organiser_market(request, code: str):
    market = _organised_market(request, code)
    log_form, correct_form, sheet_form = LogSalesForm(), CorrectEntryForm(), SalesSheetForm()
    day_form = DayChangeForm()
    action = request.POST.get("action")
    if action == "log":
        log_form = LogSalesForm(request.POST)
        event = _log(request, market, log_form) if log_form.is_valid() else None
        if event is not None:  # back to that day's entries, however long ago it was
            return redirect(_day_url(market, event.held_on))
    elif action == "correct":
        correct_form = CorrectEntryForm(request.POST)
        if correct_form.is_valid() and _correct(request, market, correct_form):
            return redirect("markets:organiser-market", code=market.code)
    elif action in ("withdraw", "move"):
        day_form = DayChangeForm(request.POST)
        event = _change_day(request, market, day_form, action) if day_form.is_valid() else None
        if event is not None:
            return redirect(_day_url(market, event.held_on))
    elif action == "upload":
        sheet_form = SalesSheetForm(request.POST, request.FILES)
        upload = _upload(request, market, sheet_form) if sheet_form.is_valid() else None
        if upload is not None:
            return redirect("markets:organiser-upload", code=market.code, upload_id=upload.pk)
    day, day_error = _day_asked(request)
    events = selectors.market_events(market, held_on=day)
    forms = (log_form, correct_form, sheet_form, day_form)
    status = 400 if day_error or any(f.errors for f in forms) else 200
    return render(
        request,
        "markets/organiser_market.html",
        {
            "market": market,
            "log_form": log_form,
            "correct_form": correct_form,
            "sheet_form": sheet_form,
            "day_form": day_form,
            "events": events,
            "vendor_counts": statements.event_vendor_counts(market, events),
            "day": day,
            "day_asked": request.GET.get("held_on", ""),
            "day_error": day_error,
            "uploads": selectors.sales_uploads(market)[:3],
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


def _day(day: datetime.date) -> str:
    return format_date(day, get_language() or "th")


def logged_message(event: MarketEvent, entries: list[SalesEntry]) -> str:
    """What the organiser is told after logging: how many lines, what a total replaced, the day's total."""
    day_total = EventSales.objects.filter(event=event).values_list("sales", flat=True).first() or 0
    replaced = next((e.corrects_id for e in entries if e.corrects_id and not e.vendor), None)
    if replaced is not None:
        earlier = SalesEntry.objects.values_list("amount", flat=True).get(pk=replaced)
        return _(
            "ยอดรวมของงานวันที่ %(date)s แทนยอดเดิม %(old)s บาทแล้ว (ไม่บวกเพิ่ม) · ยอดรวมของวันนั้น %(total)s บาท"
        ) % {"date": _day(event.held_on), "old": format_number(earlier, 2), "total": format_number(day_total)}
    return _("บันทึก %(n)s รายการของงานวันที่ %(date)s แล้ว · ยอดรวมของวันนั้น %(total)s บาท") % {
        "n": len(entries),
        "date": _day(event.held_on),
        "total": format_number(day_total),
    }


def _log(request, market, form: LogSalesForm) -> MarketEvent | None:
    data = form.cleaned_data
    try:
        event, entries = services.event_sales_log(
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
    except DomainError as exc:
        if exc.code != "request_key_reused":
            form.add_error(None, exc.message)
            return None
        # Sent again after going back and changing it: show what was logged; a new key lets them send.
        form.data = form.data.copy()
        form.data["request_key"] = uuid.uuid4().hex
        form.add_error(
            None, _("แบบฟอร์มนี้ส่งไปแล้วด้วยยอดอื่น: ตรวจรายการที่บันทึกไว้ด้านล่าง แล้วกดบันทึกอีกครั้งหากต้องการบันทึกยอดนี้")
        )
        return None
    messages.success(request, logged_message(event, entries))
    _register_notice(request, market, entries)
    return event


def _correct(request, market, form: CorrectEntryForm) -> bool:
    data = form.cleaned_data
    try:
        services.sales_entry_correct(
            entry_id=data["entry_id"],
            amount=data["amount"] or None,
            vendor=data["vendor"] or None,
            user=request.user,
            note=data["note"],
            market=market,
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    except DomainError as exc:
        form.add_error(None, exc.message)
        return False
    messages.success(request, _("บันทึกการแก้ไขรายการ %(id)s แล้ว") % {"id": data["entry_id"]})
    return True


def _change_day(request, market, form: DayChangeForm, action: str) -> MarketEvent | None:
    data = form.cleaned_data
    try:
        if action == "withdraw":
            event = services.market_event_withdraw(
                market=market, held_on=data["held_on"], user=request.user, reason=data["reason"]
            )
            messages.success(
                request,
                _("ยกเลิกงานวันที่ %(date)s แล้ว: ไม่นับเป็นงานที่จัดและไม่นับยอดขาย") % {"date": _day(event.held_on)},
            )
            return event
        if not data.get("to"):
            form.add_error("to", _("ใส่วันที่ที่ถูกต้อง"))
            return None
        event = services.market_event_move(
            market=market, held_on=data["held_on"], to=data["to"], user=request.user, reason=data["reason"]
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    except DomainError as exc:
        form.add_error(None, exc.message)
        return None
    messages.success(
        request,
        _("ย้ายงานวันที่ %(from)s ไปวันที่ %(to)s แล้ว") % {"from": _day(data["held_on"]), "to": _day(event.held_on)},
    )
    return event


def _upload(request, market, form: SalesSheetForm) -> SalesUpload | None:
    upload = form.cleaned_data["file"]
    if upload.size > uploads.MAX_SHEET_BYTES:
        form.add_error("file", _("ไฟล์ใหญ่เกิน 5 MB: แบ่งเป็นหลายไฟล์"))
        return None
    try:
        return uploads.sales_sheet_preview(
            market=market, user=request.user, content=upload.read(), file_name=upload.name
        )
    except ValidationError as exc:
        form.add_error("file", exc)
        return None


# --- uploads: preview, confirm, history, undo ----------------------------------------------------


def _decisions(post) -> dict:
    """The organiser's choices on the preview page: repeat-<first row>=all|one and
    dropped-<day>=withdraw|keep."""
    repeats = {k.removeprefix("repeat-"): v for k, v in post.items() if k.startswith("repeat-") and v}
    dropped = {k.removeprefix("dropped-"): v for k, v in post.items() if k.startswith("dropped-") and v}
    return {"repeats": repeats, "dropped": dropped}


@login_required
@require_http_methods(["GET", "POST"])
def organiser_upload(request, code: str, upload_id: int):
    market = _organised_market(request, code)
    upload = get_object_or_404(SalesUpload, pk=upload_id, market=market)
    action, status = request.POST.get("action"), 200
    here = reverse("markets:organiser-upload", args=[market.code, upload_id])
    try:
        if action in ("decide", "commit"):
            before = upload.plan
            upload = uploads.sales_upload_decide(
                upload_id=upload.pk, user=request.user, decisions=_decisions(request.POST), market=market
            )
            if action == "commit" and upload.plan != before:
                # The choices (or the ledger) changed the totals: the organiser looks before storing.
                messages.warning(request, _("ยอดเปลี่ยนตามที่เลือก: ตรวจตัวอย่างอีกครั้งแล้วกดยืนยัน"))
                return redirect(here)
            if action == "commit":
                upload = uploads.sales_upload_commit(upload_id=upload.pk, user=request.user, market=market)
                messages.success(
                    request,
                    _("บันทึกการอัปโหลด #%(id)s แล้ว: %(days)s วันตรงตามแผ่นงาน")
                    % {"id": upload.pk, "days": upload.plan["totals"]["days"]},
                )
            return redirect(here)
        if action == "discard":
            uploads.sales_upload_discard(upload_id=upload.pk, user=request.user, market=market)
            messages.success(request, _("ทิ้งตัวอย่างการอัปโหลด #%(id)s แล้ว: ไม่ได้บันทึกอะไร") % {"id": upload.pk})
            return redirect("markets:organiser-market", code=market.code)
        if action == "undo":
            uploads.sales_upload_undo(upload_id=upload.pk, user=request.user, market=market)
            messages.success(
                request, _("ยกเลิกการอัปโหลด #%(id)s แล้ว: ยอดกลับเป็นเหมือนก่อนอัปโหลด") % {"id": upload.pk}
            )
            return redirect(here)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        status = 400
    except DomainError as exc:
        messages.error(request, exc.message)
        fresh = exc.extra.get("preview")
        if fresh:
            return redirect("markets:organiser-upload", code=market.code, upload_id=fresh)
        status = 409
    upload.refresh_from_db()
    return render(
        request,
        "markets/organiser_upload.html",
        {"market": market, "upload": upload, "register": _sheet_vendors(market, upload)},
        status=status,
    )


def _sheet_vendors(market: CulturalMarket, upload: SalesUpload) -> dict:
    """The sheet's vendor names against the register: how many are known, and the rest with a
    suggestion where one is near (the organiser confirms it on the register page)."""
    matches = vendors.match_names(market, [row[2] for row in upload.rows if row[2]])
    unknown = [m for m in matches.values() if m.how in ("suggested", "none")]
    return {
        "known": len(matches) - len(unknown),
        "unknown": unknown[:100],
        "more": max(0, len(unknown) - 100),
    }


def _register_notice(request, market: CulturalMarket, entries: list[SalesEntry]) -> None:
    """After vendor lines are logged: the names the register does not know yet, with a suggestion."""
    matches = vendors.match_names(market, [e.vendor for e in entries if e.vendor])
    unknown = [m for m in matches.values() if m.how in ("suggested", "none")]
    if not unknown:
        return
    named = ", ".join(
        f"{m.name} ({_('คล้าย %(v)s') % {'v': m.vendor_name}})" if m.how == "suggested" else m.name
        for m in unknown[:10]
    )
    messages.info(request, _("ชื่อที่ยังไม่อยู่ในทะเบียนผู้ค้า: %(names)s") % {"names": named})


@login_required
def organiser_uploads(request, code: str):
    market = _organised_market(request, code)
    return render(
        request,
        "markets/organiser_uploads.html",
        {"market": market, "uploads": selectors.sales_uploads(market)[:200]},
    )


@login_required
@require_http_methods(["GET", "POST"])
def organiser_token(request):
    token, action = None, request.POST.get("action")
    if action == "create":
        token = services.api_token_create(user=request.user)
    elif action == "revoke":
        if services.api_token_revoke(user=request.user):
            messages.success(request, _("ยกเลิกโทเค็นแล้ว: สคริปต์ที่ใช้โทเค็นเดิมจะเข้าไม่ได้อีก"))
        return redirect("markets:organiser-token")
    return render(
        request,
        "markets/organiser_token.html",
        {
            "new_token": token,
            "has_token": Token.objects.filter(user=request.user).exists(),
            "token_created": Token.objects.filter(user=request.user)
            .values_list("created", flat=True)
            .first(),
            "markets": selectors.markets_organised_by(request.user)[:1],
        },
    )
