"""The markets API: revenue series for anyone (JSON or CSV), sales writes for organisers.

One small view per operation; each validates its input, calls a selector or service and serialises.
"""

import csv
import io
import json

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

from . import selectors, services, uploads
from .models import CulturalMarket, MarketEvent, SalesEntry, SalesUpload

SERIES_COLUMNS = [
    "period_start",
    "period_end",
    "label",
    "market",
    "kind",
    "events",
    "festivals",
    "sales",
    "stimulus",
    "stimulus_direct",
    "stimulus_chain",
    "stimulus_employment",
    "stimulus_other",
    "stimulus_estimated",
    "vendors",
    "visitors",
    "cumulative_sales",
    "cumulative_stimulus",
    "moving_average",
    "growth",
    "public_roi",
]


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
            columns = [
                c for c in SERIES_COLUMNS if c not in ("market", "kind") or data["interval"] == "event"
            ]
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


# --- revenue series ------------------------------------------------------------------------------


class RevenueQuerySerializer(serializers.Serializer):
    interval = serializers.ChoiceField(choices=selectors.INTERVALS, default="month")
    kind = serializers.ChoiceField(choices=selectors.EVENT_FILTERS, default="market")
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
    market = serializers.CharField(
        required=False,
        allow_null=True,
        help_text="The market's code (interval=event only; null: a district's festival).",
    )
    kind = serializers.CharField(required=False, help_text="market or festival (interval=event only).")
    events = serializers.IntegerField(
        help_text="Events held; a festival of several days is one, on its first day."
    )
    festivals = serializers.IntegerField(help_text="Of which festivals.")
    sales = _money()
    stimulus = _money(
        help_text="Community economic stimulus: measured by impact surveys where one covers the event, "
        "else sales × the market's multiplier (the sum of the five parts)."
    )
    stimulus_direct = _money(help_text="Surveyed direct sales.")
    stimulus_chain = _money(help_text="Surveyed production chain.")
    stimulus_employment = _money(help_text="Surveyed employment income.")
    stimulus_other = _money(help_text="Surveyed stimulus not itemised (total above its parts).")
    stimulus_estimated = _money(help_text="Estimated: sales × multiplier, for events no survey covers.")
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
    kind = serializers.CharField(help_text="Which events: market (nights), festival or all.")
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
                "kind": request.query_params.get("kind"),
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
            kind=params["kind"],
        )
        data = RevenueSeriesSerializer(
            {
                "interval": params["interval"],
                "kind": params["kind"],
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
            name = f"revenue-{code or 'thailand'}-{params['interval']}-{params['kind']}.csv"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


_SERIES_PARAMETERS = [
    OpenApiParameter("interval", str, enum=list(selectors.INTERVALS), default="month"),
    OpenApiParameter(
        "kind",
        str,
        enum=list(selectors.EVENT_FILTERS),
        default="market",
        description="market: market nights; festival: festivals; all: both. A festival of several days "
        "counts once, with all its sales, in the period of its first day.",
    ),
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
# Services raise domain errors (core.exceptions) and Django's ValidationError / PermissionDenied;
# the project's one exception handler answers for them (400, 403, 404, 409).


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


def _path_date(text: str):
    try:
        return parse_date(text)
    except ThaiInputError as exc:
        raise ValidationError({"held_on": str(exc)}) from exc


class EntryOutSerializer(serializers.ModelSerializer):
    recorded_by = serializers.CharField(source="recorded_by.get_username", default=None)
    held_on = serializers.DateField(source="event.held_on")
    amount = _money()

    class Meta:
        model = SalesEntry
        fields = [
            "id",
            "held_on",
            "vendor",
            "amount",
            "kind",
            "corrects",
            "upload",
            "note",
            "recorded_by",
            "recorded_at",
        ]


class VendorSaleSerializer(serializers.Serializer):
    vendor = serializers.CharField(max_length=200)
    amount = serializers.CharField(help_text="Baht; Thai digits and thousands separators accepted.")


class LogEventSalesIn(serializers.Serializer):
    held_on = _ThaiDateField(
        required=False,
        help_text="The event's day: 2024-09-29 or 29/09/2567. Default: tonight's market in Asia/Bangkok "
        "(before 06:00 it is still the previous evening).",
    )
    total = serializers.CharField(
        required=False,
        allow_blank=True,
        help_text="The event's total sales (baht), or give vendor_sales. A total logged again for the same "
        "day replaces the earlier one (the entry `corrects` it).",
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
    replaced = serializers.ListField(
        child=serializers.IntegerField(), help_text="Entries this request replaced (a total logged again)."
    )
    message = serializers.CharField()


def _market(code: str) -> CulturalMarket:
    return get_object_or_404(CulturalMarket, code=code)


_ERRORS = {
    400: OpenApiResponse(description="Bad input"),
    403: OpenApiResponse(description="Not an organiser of this market"),
}


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
            **_ERRORS,
            409: OpenApiResponse(description="The Idempotency-Key was used for other sales"),
        },
    )
    def post(self, request, code: str):
        from .views import logged_message

        market = _market(code)
        data = LogEventSalesIn(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        event, entries = services.event_sales_log(
            market=market,
            held_on=values.get("held_on"),
            user=request.user,
            total=values.get("total"),
            vendor_sales=[(v["vendor"], v["amount"]) for v in values.get("vendor_sales", [])],
            vendors_present=values.get("vendors_present"),
            visitors=values.get("visitors"),
            note=values.get("note", ""),
            request_key=request.headers.get("Idempotency-Key", "").strip(),
        )
        out = {
            "event": event,
            "entries": entries,
            "replaced": [e.corrects_id for e in entries if e.corrects_id],
            "message": logged_message(event, entries),
        }
        return Response(LogEventSalesOut(out).data, status=status.HTTP_201_CREATED)


class CorrectEntryIn(serializers.Serializer):
    amount = serializers.CharField(required=False, allow_blank=True, help_text="The corrected amount (baht).")
    vendor = serializers.CharField(required=False, max_length=300, help_text="The vendor's corrected name.")
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class CorrectSalesEntryApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        summary="Correct a sales entry's amount or vendor name (organisers)",
        request=CorrectEntryIn,
        responses={
            201: EntryOutSerializer,
            **_ERRORS,
            404: OpenApiResponse(description="No such entry"),
            409: OpenApiResponse(description="Already corrected by someone else"),
        },
    )
    def post(self, request, code: str, entry_id: int):
        market = _market(code)
        data = CorrectEntryIn(data=request.data)
        data.is_valid(raise_exception=True)
        entry = services.sales_entry_correct(
            entry_id=entry_id,
            amount=data.validated_data.get("amount"),
            vendor=data.validated_data.get("vendor"),
            user=request.user,
            note=data.validated_data["note"],
            market=market,
        )
        return Response(EntryOutSerializer(entry).data, status=status.HTTP_201_CREATED)


class EventOutSerializer(serializers.ModelSerializer):
    sales = _money(source="sales_summary.sales", default=0)
    withdrawn = serializers.SerializerMethodField()

    class Meta:
        model = MarketEvent
        fields = ["held_on", "vendors_present", "visitors", "sales", "withdrawn", "withdrawn_reason"]

    def get_withdrawn(self, event) -> bool:
        return event.withdrawn_at is not None


class WithdrawEventIn(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=400)


class WithdrawEventApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        summary="Withdraw a day logged by mistake (organisers)",
        description="Every line of the day is reversed in the ledger and the day no longer counts as an "
        "event held. Logging on it again reopens it.",
        request=WithdrawEventIn,
        responses={
            200: EventOutSerializer,
            **_ERRORS,
            404: OpenApiResponse(description="No event that day"),
            409: OpenApiResponse(description="Already withdrawn"),
        },
    )
    def post(self, request, code: str, held_on: str):
        market = _market(code)
        data = WithdrawEventIn(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.market_event_withdraw(
            market=market,
            held_on=_path_date(held_on),
            user=request.user,
            reason=data.validated_data["reason"],
        )
        event.refresh_from_db()
        return Response(EventOutSerializer(event).data)


class MoveEventIn(serializers.Serializer):
    to = _ThaiDateField(help_text="The right day: 2024-09-28 or 28/09/2567.")
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=400)


class MoveEventApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        summary="Move a day logged on the wrong date (organisers)",
        description="The day's lines are reversed and logged again on `to`; the wrong day is withdrawn.",
        request=MoveEventIn,
        responses={200: EventOutSerializer, **_ERRORS, 404: OpenApiResponse(description="No event that day")},
    )
    def post(self, request, code: str, held_on: str):
        market = _market(code)
        data = MoveEventIn(data=request.data)
        data.is_valid(raise_exception=True)
        event = services.market_event_move(
            market=market,
            held_on=_path_date(held_on),
            to=data.validated_data["to"],
            user=request.user,
            reason=data.validated_data["reason"],
        )
        event.refresh_from_db()
        return Response(EventOutSerializer(event).data)


# --- sales sheet uploads: a dry run, then the commit of that preview -----------------------------


class DecisionsSerializer(serializers.Serializer):
    repeats = serializers.DictField(
        child=serializers.ChoiceField(choices=[uploads.KEEP_ALL, uploads.KEEP_ONE]),
        required=False,
        help_text="Repeated rows, keyed by the group's first row number: 'all' keeps every row, 'one' one.",
    )
    dropped = serializers.DictField(
        child=serializers.ChoiceField(choices=[uploads.WITHDRAW, uploads.KEEP]),
        required=False,
        help_text="Days no longer in the sheet (ISO date): 'withdraw' the day or 'keep' it as it is.",
    )


class SalesUploadIn(serializers.Serializer):
    file = serializers.FileField(
        help_text="A sales sheet: .xlsx, .ods, or CSV (UTF-8 with or without BOM, Windows-874/TIS-620, "
        "UTF-16 'Unicode text'; comma, tab or semicolon). Columns date, amount[, vendor, "
        "vendors_present, visitors, note] in Thai or English; title rows above the header are skipped."
    )
    decisions = serializers.CharField(
        required=False, help_text='Optional JSON: {"repeats": {...}, "dropped": {...}} (see PATCH).'
    )


_UPLOAD_STATUS_HELP = (
    "preview (nothing stored yet), committed, undone, superseded (a fresh preview replaced it) or discarded."
)


class SalesUploadOut(serializers.ModelSerializer):
    # Plain text, not an enum: drf-spectacular would clash it with the publication statuses' enum.
    status = serializers.CharField(help_text=_UPLOAD_STATUS_HELP)
    uploaded_by = serializers.CharField(source="uploaded_by.get_username")
    undone_by = serializers.CharField(source="undone_by.get_username", default=None)
    refused = serializers.SerializerMethodField()
    skipped = serializers.SerializerMethodField()

    class Meta:
        model = SalesUpload
        fields = [
            "id",
            "status",
            "file_name",
            "checksum",
            "file_format",
            "sheet_name",
            "header_row",
            "uploaded_by",
            "uploaded_at",
            "committed_at",
            "undone_at",
            "undone_by",
            "days",
            "refused_count",
            "refused",
            "skipped",
            "decisions",
            "plan",
            "result",
        ]

    def get_refused(self, upload) -> list[dict]:
        return [{"row": row, "reason": reason} for row, reason in upload.refused]

    def get_skipped(self, upload) -> list[dict]:
        return [{"row": row, "reason": reason} for row, reason in upload.skipped]


class SalesUploadListOut(serializers.ModelSerializer):
    status = serializers.CharField(help_text=_UPLOAD_STATUS_HELP)
    uploaded_by = serializers.CharField(source="uploaded_by.get_username")

    class Meta:
        model = SalesUpload
        fields = [
            "id",
            "status",
            "file_name",
            "checksum",
            "uploaded_by",
            "uploaded_at",
            "committed_at",
            "undone_at",
        ]


def _organised(request, code: str) -> CulturalMarket:
    market = _market(code)
    if not services.can_log_sales(request.user, market):
        raise PermissionDenied()
    return market


class SalesUploadsApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        summary="A market's upload history (organisers)",
        responses={200: SalesUploadListOut(many=True), 403: OpenApiResponse(description="Forbidden")},
    )
    def get(self, request, code: str):
        market = _organised(request, code)
        return Response(SalesUploadListOut(selectors.sales_uploads(market)[:500], many=True).data)

    @extend_schema(
        summary="Upload a sales sheet: a dry run (organisers)",
        description="Stores nothing in the ledger: answers with the preview (per day rows added, changed "
        "and removed, total before and after; refused rows with their row number and reason; repeated rows "
        "and days no longer in the sheet to decide on). Commit it with POST .../{id}/commit/.",
        request={"multipart/form-data": SalesUploadIn},
        responses={201: SalesUploadOut, 400: OpenApiResponse(description="Not a sales sheet"), **_ERRORS},
    )
    def post(self, request, code: str):
        market = _market(code)
        data = SalesUploadIn(data=request.data)
        data.is_valid(raise_exception=True)
        sheet = data.validated_data["file"]
        if sheet.size > uploads.MAX_SHEET_BYTES:
            raise ValidationError(
                {"file": f"the sheet is larger than {uploads.MAX_SHEET_BYTES // 1024 // 1024} MB"}
            )
        decisions = {}
        if data.validated_data.get("decisions"):
            try:
                decisions = json.loads(data.validated_data["decisions"])
            except ValueError as exc:
                raise ValidationError({"decisions": "not JSON"}) from exc
            checked = DecisionsSerializer(data=decisions)
            checked.is_valid(raise_exception=True)
            decisions = checked.validated_data
        upload = uploads.sales_sheet_preview(
            market=market, user=request.user, content=sheet.read(), file_name=sheet.name, decisions=decisions
        )
        return Response(SalesUploadOut(upload).data, status=status.HTTP_201_CREATED)


class SalesUploadApi(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(
        summary="An upload: its preview or what it did (organisers)", responses={200: SalesUploadOut}
    )
    def get(self, request, code: str, upload_id: int):
        market = _organised(request, code)
        return Response(SalesUploadOut(get_object_or_404(SalesUpload, pk=upload_id, market=market)).data)

    @extend_schema(
        summary="Decide on a preview's repeated rows and dropped days (organisers)",
        request=DecisionsSerializer,
        responses={
            200: SalesUploadOut,
            **_ERRORS,
            409: OpenApiResponse(description="Not a preview any more"),
        },
    )
    def patch(self, request, code: str, upload_id: int):
        market = _market(code)
        data = DecisionsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = uploads.sales_upload_decide(
            upload_id=upload_id, user=request.user, decisions=data.validated_data, market=market
        )
        return Response(SalesUploadOut(upload).data)


class CommitSalesUploadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Commit a preview (organisers)",
        description="Stores exactly what the preview showed. 409 when the ledger of its days changed since "
        "(nothing stored; `preview` names a fresh preview to look at and commit), or when it is no preview.",
        request=None,
        responses={
            200: SalesUploadOut,
            **_ERRORS,
            404: OpenApiResponse(description="No such upload"),
            409: OpenApiResponse(description="The ledger changed since the preview"),
        },
    )
    def post(self, request, code: str, upload_id: int):
        upload = uploads.sales_upload_commit(upload_id=upload_id, user=request.user, market=_market(code))
        return Response(SalesUploadOut(upload).data)


class UndoSalesUploadApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Undo a committed upload by reversal entries (organisers)",
        request=None,
        responses={200: SalesUploadOut, **_ERRORS, 409: OpenApiResponse(description="Changed since")},
    )
    def post(self, request, code: str, upload_id: int):
        upload = uploads.sales_upload_undo(upload_id=upload_id, user=request.user, market=_market(code))
        return Response(SalesUploadOut(upload).data)


class MarketEntriesApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="A market's ledger for one day (organisers)",
        parameters=[OpenApiParameter("held_on", OpenApiTypes.DATE, required=True)],
        responses={200: EntryOutSerializer(many=True), 403: OpenApiResponse(description="Forbidden")},
    )
    def get(self, request, code: str):
        market = _organised(request, code)
        held_on = _path_date(request.query_params.get("held_on", ""))
        return Response(EntryOutSerializer(selectors.day_ledger(market, held_on), many=True).data)
