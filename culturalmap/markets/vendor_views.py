"""Organiser pages of the vendor register (register, confirm spellings, merge and split, a vendor's
history, a printable statement, the ledger as .xlsx), of festivals and of impact surveys. Only the
market's organisers and curators reach them: vendors are people, and what they sell is theirs."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from culturalmap.core.exceptions import DomainError
from culturalmap.core.thai import format_date

from . import festivals, impact, selectors, statements, vendors
from .forms import FestivalForm, ImpactSurveyForm, MergeForm, PeriodForm, SpellingForm, VendorForm
from .models import CulturalDistrict, CulturalMarket, EventKind, MarketEvent, Vendor
from .views import _organised_market


def fiscal_year_of(day: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The Thai fiscal year (1 Oct – 30 Sep) a day falls in."""
    start = datetime.date(day.year if day.month >= 10 else day.year - 1, 10, 1)
    return start, datetime.date(start.year + 1, 9, 30)


def _period(request, market: CulturalMarket) -> tuple[PeriodForm, datetime.date, datetime.date]:
    """The period asked for; by default the fiscal year of the market's latest event (its season)."""
    form = PeriodForm(request.GET or None)
    latest = (
        MarketEvent.objects.held()
        .filter(market=market)
        .order_by("-held_on")
        .values_list("held_on", flat=True)
    )
    start, end = fiscal_year_of(latest.first() or timezone.localdate())
    if form.is_bound and form.is_valid():
        start = form.cleaned_data["date_from"] or start
        end = form.cleaned_data["date_to"] or end
    return form, start, end


def _vendor_form_values(form: VendorForm) -> dict:
    data = form.cleaned_data
    return {key: data[key] for key in ("name", "goods", "is_local", "joined_on", "phone", "note")}


def _run(request, form, write) -> bool:
    """Call a service; its refusal goes onto the form (or the page's messages)."""
    try:
        write()
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.error(request, " ".join(exc.messages))
        return False
    except DomainError as exc:
        messages.error(request, exc.message)
        return False
    return True


@login_required
@require_http_methods(["GET", "POST"])
def vendor_register(request, code: str):
    market = _organised_market(request, code)
    form, period_form = VendorForm(), None
    action = request.POST.get("action")
    if action == "register":
        form = VendorForm(request.POST)
        if form.is_valid() and _run(
            request,
            form,
            lambda: vendors.vendor_register(
                market=market,
                user=request.user,
                aliases=form.cleaned_data["aliases"],
                **_vendor_form_values(form),
            ),
        ):
            messages.success(request, _("เพิ่ม %(name)s ในทะเบียนแล้ว") % {"name": form.cleaned_data["name"]})
            return redirect("markets:vendor-register", code=market.code)
    elif action == "confirm":
        spelling = SpellingForm(request.POST)
        if spelling.is_valid() and _run(
            request,
            None,
            lambda: vendors.vendor_spelling_confirm(
                market=market,
                vendor_id=spelling.cleaned_data["vendor"],
                name=spelling.cleaned_data["name"],
                user=request.user,
            ),
        ):
            messages.success(
                request, _("บันทึกแล้ว: รายการที่เขียนว่า %(name)s เป็นของผู้ค้ารายนี้") % spelling.cleaned_data
            )
        return redirect("markets:vendor-register", code=market.code)
    elif action == "merge":
        merge = MergeForm(request.POST)
        if merge.is_valid() and _run(
            request,
            None,
            lambda: vendors.vendor_merge(
                market=market,
                user=request.user,
                merged_id=merge.cleaned_data["merged"],
                into_id=merge.cleaned_data["into"],
            ),
        ):
            messages.success(request, _("รวมผู้ค้าแล้ว: ยอดรวมของตลาดไม่เปลี่ยน แยกกลับได้ภายหลัง"))
        return redirect("markets:vendor-register", code=market.code)
    elif action == "split":
        if _run(
            request,
            None,
            lambda: vendors.vendor_merge_split(
                market=market, merge_id=int(request.POST.get("merge") or 0), user=request.user
            ),
        ):
            messages.success(request, _("แยกผู้ค้ากลับแล้ว"))
        return redirect("markets:vendor-register", code=market.code)
    period_form, start, end = _period(request, market)
    rows = statements.register(market, start, end)
    active = [row for row in rows if not row.vendor.merged_into_id]
    return render(
        request,
        "markets/vendor_register.html",
        {
            "market": market,
            "form": form,
            "period_form": period_form,
            "date_from": start,
            "date_to": end,
            "rows": rows,
            "counts": {
                "vendors": sum(row.vendor.active for row in active),
                "local": sum(row.vendor.active and row.vendor.is_local for row in active),
            },
            "choices": [row.vendor for row in active],
            "unmatched": statements.unmatched_names(market, start, end),
            "merges": statements.vendor_merges(market)[:50],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def vendor_detail(request, code: str, vendor_id: int):
    market = _organised_market(request, code)
    vendor = get_object_or_404(Vendor, pk=vendor_id, market=market)
    initial = {f: getattr(vendor, f) for f in ("name", "goods", "is_local", "phone", "note", "active")}
    initial["joined_on"] = (
        vendor.joined_on.strftime("%d/%m/") + str(vendor.joined_on.year + 543) if vendor.joined_on else ""
    )
    form = VendorForm(initial=initial)
    if request.method == "POST":
        form = VendorForm(request.POST)
        if form.is_valid() and _run(
            request,
            form,
            lambda: vendors.vendor_update(
                market=market,
                vendor_id=vendor.pk,
                user=request.user,
                active=form.cleaned_data["active"],
                **_vendor_form_values(form),
            ),
        ):
            for alias in form.cleaned_data["aliases"]:
                _run(
                    request,
                    None,
                    lambda a=alias: vendors.vendor_spelling_confirm(
                        market=market, vendor_id=vendor.pk, name=a, user=request.user
                    ),
                )
            messages.success(request, _("บันทึกข้อมูลผู้ค้าแล้ว"))
            return redirect("markets:vendor", code=market.code, vendor_id=vendor.pk)
    period_form, start, end = _period(request, market)
    return render(
        request,
        "markets/vendor_detail.html",
        {
            "market": market,
            "vendor": vendor,
            "form": form,
            "period_form": period_form,
            "statement": statements.vendor_statement(market, vendor, start, end),
            "aliases": vendor.aliases.all(),
        },
        status=400 if form.errors else 200,
    )


@login_required
def vendor_statement(request, code: str, vendor_id: int):
    market = _organised_market(request, code)
    vendor = get_object_or_404(Vendor, pk=vendor_id, market=market)
    period_form, start, end = _period(request, market)
    return render(
        request,
        "markets/vendor_statement.html",
        {
            "market": market,
            "vendor": vendor,
            "period_form": period_form,
            "statement": statements.vendor_statement(market, vendor, start, end),
            "printed_on": timezone.localdate(),
        },
    )


@login_required
def ledger_export(request, code: str):
    market = _organised_market(request, code)
    _form, start, end = _period(request, market)
    response = HttpResponse(
        statements.ledger_workbook(market, start, end),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="ledger-{market.code}-{start}-{end}.xlsx"'
    return response


# --- festivals -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def festival_log(request, code: str):
    """Log a festival in the district of one of the organiser's markets (`code`: the market)."""
    market = _organised_market(request, code)
    district: CulturalDistrict = market.district
    if not festivals.can_log_festival(request.user, district):
        raise PermissionDenied
    markets = list(CulturalMarket.objects.filter(district=district).order_by("name_th"))
    form = FestivalForm(markets=markets, initial={"host": "market", "market": market.pk})
    if request.method == "POST":
        form = FestivalForm(request.POST, markets=markets)
        if form.is_valid():
            data = form.cleaned_data
            holder = next((m for m in markets if m.pk == data["market"]), None)
            done = _run(
                request,
                form,
                lambda: festivals.festival_log(
                    district=district,
                    user=request.user,
                    name_th=data["name_th"],
                    name_en=data["name_en"],
                    held_on=data["held_on"],
                    ends_on=data["ends_on"],
                    host=data["host"],
                    market=holder,
                    network_name=data["network_name"],
                    manager_name=data["manager_name"],
                    total=data["total"] or None,
                    vendor_sales=data["vendor_lines"],
                    vendors_present=data["vendors_present"] or None,
                    visitors=data["visitors"] or None,
                    note=data["note"],
                ),
            )
            if done:
                days = ((data["ends_on"] or data["held_on"]) - data["held_on"]).days + 1
                messages.success(
                    request,
                    _("บันทึกงาน %(name)s %(start)s – %(end)s (%(days)s วัน) แล้ว: นับเป็นงานหนึ่งครั้งในวันแรก")
                    % {
                        "name": data["name_th"],
                        "start": format_date(data["held_on"]),
                        "end": format_date(data["ends_on"] or data["held_on"]),
                        "days": days,
                    },
                )
                return redirect("markets:festival-log", code=market.code)
    recent = (
        MarketEvent.objects.filter(kind=EventKind.FESTIVAL, district=district)
        .select_related("sales_summary", "market")
        .order_by("-held_on")[:30]
    )
    return render(
        request,
        "markets/festival_log.html",
        {"market": market, "district": district, "form": form, "festivals": recent},
        status=400 if form.errors else 200,
    )


# --- impact surveys ------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def impact_survey(request, code: str):
    """Enter an impact survey of the market or of its whole district."""
    market = _organised_market(request, code)
    form = ImpactSurveyForm()
    if request.method == "POST":
        form = ImpactSurveyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            spending = {key: data[f"spend_{key}"] for key in impact.SPENDING}
            scope = {"market": market} if data["scope"] == "market" else {"district": market.district}
            done = _run(
                request,
                form,
                lambda: impact.impact_survey_record(
                    user=request.user,
                    period_start=data["period_start"],
                    period_end=data["period_end"],
                    direct_sales=data["direct_sales"],
                    production_chain=data["production_chain"],
                    employment_income=data["employment_income"],
                    total_stimulus=data["total_stimulus"] or None,
                    spending=spending,
                    respondents=data["respondents"],
                    method=data["method"],
                    as_of=data["as_of"],
                    source=data["source"],
                    **scope,
                ),
            )
            if done:
                messages.success(request, _("บันทึกการสำรวจแล้ว: แดชบอร์ดแสดงมูลค่ากระตุ้นจากส่วนที่สำรวจ"))
                return redirect("markets:impact-survey", code=market.code)
    scope = selectors.RevenueScope("district", market.district_id)
    return render(
        request,
        "markets/impact_survey.html",
        {"market": market, "form": form, "surveys": impact.surveys_in(scope)},
        status=400 if form.errors else 200,
    )
