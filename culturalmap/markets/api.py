"""The markets API: revenue series for anyone (JSON or CSV), sales writes for organisers.

One small view per operation; each validates its input, calls a selector or service and serialises.
"""

import csv
import io

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.renderers import BaseRenderer, BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from culturalmap.core.parsers import DepthLimitedJSONParser
from culturalmap.core.permissions import is_curator
from culturalmap.core.thai import ThaiInputError, parse_date

from . import selectors, services
from .models import CulturalMarket, SalesEntry

SERIES_COLUMNS = [
    "period_start",
    "period_end",
    "label",
    "market",
    "events",
    "sales",
    "stimulus",
    "vendors",
    "visitors",
    "cumulative_sales",
    "cumulative_stimulus",
    "moving_average",
    "growth",
    "public_roi",
]
MAX_SHEET_BYTES = 5 * 1024 * 1024


class RevenueCsvRenderer(BaseRenderer):
    """UTF-8 with a BOM, so that Excel opens the Thai labels correctly."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        out = io.StringIO()
        out.write("\ufeff")
        writer = csv.writer(out)
        if isinstance(data, dict) and "series" in data:
            columns = [c for c in SERIES_COLUMNS if c != "market" or data["interval"] == "event"]
            writer.writerow(columns)
            for row in data["series"]:
                writer.writerow(["" if row.get(c) is None else row[c] for c in columns])
        else:  # an error: say what it was
            writer.writerow(["error"])
            for message in _messages(data):
                writer.writerow([message])
        return out.getvalue().encode("utf-8")


def _messages(data) -> list[str]:
    if isinstance(data, dict):
        return [f"{k}: {m}" if k != "detail" else str(m) for k, v in data.items() for m in _messages(v)]
    if isinstance(data, list):
        return [m for item in data for m in _messages(item)]
    return [str(data)]


def _bad_input(exc: DjangoValidationError | ThaiInputError) -> ValidationError:
    messages = exc.messages if isinstance(exc, DjangoValidationError) else [str(exc)]
    return ValidationError({"detail": " ".join(messages)})


# --- revenue series ------------------------------------------------------------------------------


class RevenueQuerySerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=selectors.INTERVALS, default="month")
    # ISO dates; `from`/`to` are Python keywords, so they are mapped by hand.
    date_from = serializers.DateField(required=False, allow_null=True)
    date_to = serializers.DateField(required=False, allow_null=True)

    def validate(self, attrs):
        if attrs.get("date_from") and attrs.get("date_to") and attrs["date_from"] > attrs["date_to"]:
            raise ValidationError({"from": "'from' must not be after 'to'"})
        return attrs


def _money(**kwargs):
    return serializers.DecimalField(max_digits=20, decimal_places=2, coerce_to_string=False, **kwargs)


class RevenueRowSerializer(serializers.Serializer):
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    label = serializers.CharField()
    market = serializers.CharField(required=False, help_text="The market's code (interval=event only).")
    events = serializers.IntegerField()
    sales = _money()
    stimulus = _money(help_text="Economic stimulus: sales × each market's configured multiplier.")
    vendors = serializers.DecimalField(
        max_digits=10,
        decimal_places=1,
        coerce_to_string=False,
        allow_null=True,
        help_text="Average vendors present per event.",
    )
    visitors = serializers.IntegerField(allow_null=True)
    cumulative_sales = _money()
    cumulative_stimulus = _money()
    moving_average = _money(help_text="Mean sales of this and the two previous rows.")
    growth = serializers.DecimalField(
        max_digits=12,
        decimal_places=4,
        coerce_to_string=False,
        allow_null=True,
        help_text="Change of sales on the previous row, as a fraction.",
    )
    public_roi = serializers.DecimalField(
        max_digits=14,
        decimal_places=4,
        coerce_to_string=False,
        allow_null=True,
        help_text="Cumulative stimulus / public funding of the markets.",
    )


class RevenueSeriesSerializer(serializers.Serializer):
    interval = serializers.CharField()
    scope = inline_serializer(
        "RevenueScope",
        {
            "kind": serializers.CharField(),
            "code": serializers.CharField(allow_null=True),
            "name_th": serializers.CharField(),
            "name_en": serializers.CharField(),
        },
    )
    series = RevenueRowSerializer(many=True)


class _RevenueSeriesApi(APIView):
    scope_kind: selectors.ScopeKind
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, RevenueCsvRenderer]

    def perform_content_negotiation(self, request, force=False):
        if not force and request.query_params.get("format") not in (None, "", "json", "csv", "api"):
            # DRF answers an unknown ?format= with a bare 404: say what is wrong instead (the error
            # response itself is negotiated again with force=True, and falls back to JSON).
            raise ValidationError({"format": _("format ต้องเป็น json หรือ csv")})
        return super().perform_content_negotiation(request, force)

    def get(self, request, code: str | None = None):
        found = selectors.revenue_scope(self.scope_kind, code, request.user)
        if found is None:
            raise NotFound(f"no {self.scope_kind} with code {code!r}")
        record, scope = found
        raw = {
            k: v
            for k, v in {
                "interval": request.query_params.get("interval"),
                "date_from": request.query_params.get("from"),
                "date_to": request.query_params.get("to"),
            }.items()
            if v not in (None, "")
        }
        query = RevenueQuerySerializer(data=raw)
        if not query.is_valid():
            errors = {{"date_from": "from", "date_to": "to"}.get(k, k): v for k, v in query.errors.items()}
            raise ValidationError(errors)
        params = query.validated_data
        series = selectors.revenue_series(
            scope=scope,
            interval=params["interval"],
            date_from=params.get("date_from"),
            date_to=params.get("date_to"),
            include_unpublished=is_curator(request.user),
        )
        data = RevenueSeriesSerializer(
            {
                "interval": params["interval"],
                "scope": {
                    "kind": self.scope_kind,
                    "code": getattr(record, "code", None),
                    "name_th": getattr(record, "name_th", "ประเทศไทย"),
                    "name_en": getattr(record, "name_en", "Thailand"),
                },
                "series": series,
            }
        ).data
        response = Response(data)
        if request.accepted_renderer.format == "csv":
            name = f"revenue-{code or 'thailand'}-{params['interval']}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


_SERIES_PARAMETERS = [
    OpenApiParameter("interval", str, enum=list(selectors.INTERVALS), default="month"),
    OpenApiParameter("from", OpenApiTypes.DATE, description="First day (ISO), inclusive."),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Last day (ISO), inclusive."),
    OpenApiParameter("format", str, enum=["json", "csv"], description="csv: UTF-8 with BOM."),
]


def _series_schema(kind: str):
    return extend_schema(
        summary=f"Revenue series of a {kind}" if kind != "nation" else "Revenue series of the nation",
        parameters=_SERIES_PARAMETERS,
        responses={
            200: RevenueSeriesSerializer,
            400: OpenApiResponse(description="Bad parameter"),
            404: OpenApiResponse(description="No such record"),
        },
    )


@_series_schema("market")
class MarketRevenueApi(_RevenueSeriesApi):
    scope_kind = "market"


@_series_schema("cultural district")
class DistrictRevenueApi(_RevenueSeriesApi):
    scope_kind = "district"


@_series_schema("cultural city")
class CityRevenueApi(_RevenueSeriesApi):
    scope_kind = "city"


@_series_schema("province (2-digit code)")
class ProvinceRevenueApi(_RevenueSeriesApi):
    scope_kind = "province"


@_series_schema("nation")
class NationRevenueApi(_RevenueSeriesApi):
    scope_kind = "nation"


# --- writes for organisers -----------------------------------------------------------------------


@extend_schema_field(OpenApiTypes.STR)
class _ThaiDateField(serializers.Field):
    """ISO or Thai-style dates (29/09/2567, Thai digits), read unambiguously or refused."""

    def to_internal_value(self, data):
        try:
            return parse_date(data)
        except ThaiInputError as exc:
            raise ValidationError(str(exc)) from exc

    def to_representation(self, value):
        return value.isoformat()


class EntryOutSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.get_username", default=None)
    held_on = serializers.DateField(source="event.held_on")
    amount = _money()

    class Meta:
        model = SalesEntry
        fields = ["id", "held_on", "vendor", "amount", "corrects", "note", "recorded_by", "recorded_at"]


class VendorSaleSerializer(serializers.Serializer):
    vendor = serializers.CharField(max_length=200)
    amount = serializers.CharField(help_text="Baht; Thai digits and thousands separators accepted.")


class LogEventSalesIn(serializers.Serializer):
    held_on = _ThaiDateField(help_text="The event's day: 2024-09-29 or 29/09/2567.")
    total = serializers.CharField(
        required=False, allow_blank=True, help_text="The event's total sales (baht), or give vendor_sales."
    )
    vendor_sales = VendorSaleSerializer(many=True, required=False)
    vendors_present = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    visitors = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class LogEventSalesOut(serializers.Serializer):
    held_on = serializers.DateField(source="event.held_on")
    vendors_present = serializers.IntegerField(source="event.vendors_present", allow_null=True)
    visitors = serializers.IntegerField(source="event.visitors", allow_null=True)
    entries = EntryOutSerializer(many=True)


def _market(code: str) -> CulturalMarket:
    return get_object_or_404(CulturalMarket, code=code)


class LogEventSalesApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        summary="Log an event's sales (organisers)",
        request=LogEventSalesIn,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description="Any string up to 100 characters, new for each new set of sales. A retry with "
                "the same key and sales logs nothing more and answers as the first time did.",
            )
        ],
        responses={
            201: LogEventSalesOut,
            400: OpenApiResponse(description="Bad input"),
            403: OpenApiResponse(description="Not an organiser of this market"),
            409: OpenApiResponse(description="The Idempotency-Key was used for other sales"),
        },
    )
    def post(self, request, code: str):
        market = _market(code)
        data = LogEventSalesIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            event, entries = services.log_event_sales(
                market=market,
                held_on=values["held_on"],
                user=request.user,
                total=values.get("total"),
                vendor_sales=[(v["vendor"], v["amount"]) for v in values.get("vendor_sales", [])],
                vendors_present=values.get("vendors_present"),
                visitors=values.get("visitors"),
                note=values.get("note", ""),
                request_key=request.headers.get("Idempotency-Key", "").strip(),
            )
        except DjangoValidationError as exc:
            raise _bad_input(exc) from exc
        except services.RequestKeyReused as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
        return Response(
            LogEventSalesOut({"event": event, "entries": entries}).data, status=status.HTTP_201_CREATED
        )


class CorrectEntryIn(serializers.Serializer):
    amount = serializers.CharField(help_text="The corrected amount (baht).")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class CorrectSalesEntryApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        summary="Correct a sales entry (organisers)",
        request=CorrectEntryIn,
        responses={
            201: EntryOutSerializer,
            400: OpenApiResponse(description="Bad input"),
            403: OpenApiResponse(description="Not an organiser of this market"),
            409: OpenApiResponse(description="Already corrected by someone else"),
        },
    )
    def post(self, request, code: str, entry_id: int):
        market = _market(code)
        data = CorrectEntryIn(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            entry = services.correct_sales_entry(
                entry_id=entry_id,
                amount=data.validated_data["amount"],
                user=request.user,
                note=data.validated_data["note"],
                market=market,
            )
        except DjangoValidationError as exc:
            if exc.code == "not_found":
                raise NotFound(" ".join(exc.messages)) from exc
            raise _bad_input(exc) from exc
        except services.CorrectionConflict as exc:
            return Response(
                {"detail": exc.message, "corrected_by": exc.corrected_by.pk if exc.corrected_by else None},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(EntryOutSerializer(entry).data, status=status.HTTP_201_CREATED)


class SheetIn(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV, UTF-8: date, amount[, vendor, vendors_present, visitors, note]"
    )


class SheetReportOut(serializers.Serializer):
    accepted = serializers.IntegerField()
    corrected = serializers.IntegerField(
        help_text="Accepted rows that replaced an earlier upload's amount for the same vendor and day."
    )
    duplicates = serializers.IntegerField(help_text="Rows already stored by an earlier upload.")
    refused = serializers.IntegerField(help_text="Rows refused; `rejects` lists the first 500 with reasons.")
    events = serializers.ListField(child=serializers.DateField())
    rejects = inline_serializer(
        "SheetReject", {"row": serializers.IntegerField(), "reason": serializers.CharField()}, many=True
    )


class UploadSalesSheetApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="Upload a sales sheet (organisers)",
        request={"multipart/form-data": SheetIn},
        responses={
            200: SheetReportOut,
            400: OpenApiResponse(description="Sheet refused as a whole"),
            403: OpenApiResponse(description="Not an organiser of this market"),
        },
    )
    def post(self, request, code: str):
        market = _market(code)
        data = SheetIn(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        if upload.size > MAX_SHEET_BYTES:
            raise ValidationError({"file": f"the sheet is larger than {MAX_SHEET_BYTES // 1024 // 1024} MB"})
        try:
            report = services.import_sales_sheet(market=market, user=request.user, content=upload.read())
        except DjangoValidationError as exc:
            raise _bad_input(exc) from exc
        return Response(
            SheetReportOut(
                {
                    "accepted": report.accepted,
                    "corrected": report.corrected,
                    "duplicates": report.duplicates,
                    "refused": report.refused,
                    "events": sorted(report.events),
                    "rejects": [{"row": r.row, "reason": r.reason} for r in report.rejects],
                }
            ).data
        )


class MarketEntriesApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A market's ledger for one day (organisers)",
        parameters=[OpenApiParameter("held_on", OpenApiTypes.DATE, required=True)],
        responses={200: EntryOutSerializer(many=True), 403: OpenApiResponse(description="Forbidden")},
    )
    def get(self, request, code: str):
        market = _market(code)
        if not services.can_log_sales(request.user, market):
            raise PermissionDenied()
        try:
            held_on = parse_date(request.query_params.get("held_on", ""))
        except ThaiInputError as exc:
            raise ValidationError({"held_on": str(exc)}) from exc
        return Response(EntryOutSerializer(selectors.day_ledger(market, held_on), many=True).data)
