from decimal import Decimal

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db.models import Q

from culturalmap.core.codes import city_code, district_code, market_code
from culturalmap.core.publication import PublicationStatus
from geodata.models import Province


class CulturalCity(models.Model):
    """A cultural city of the civil-society strand (four in the 2020–2024 programme)."""

    code = models.CharField(max_length=32, unique=True, default=city_code, editable=False)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="cultural_cities")
    location = models.PointField(srid=4326)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    updated_at = models.DateTimeField(auto_now=True)  # the time of its OGC API features

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "cultural cities"

    def __str__(self) -> str:
        return self.name_th

    def get_absolute_url(self) -> str:
        return f"/cultural-cities/{self.code}/"


class CulturalDistrict(models.Model):
    """A cultural district (ย่าน): the neighbourhood where a community cultural market runs."""

    code = models.CharField(max_length=32, unique=True, default=district_code, editable=False)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    city = models.ForeignKey(
        CulturalCity, null=True, blank=True, on_delete=models.PROTECT, related_name="districts"
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="cultural_districts")
    geom = models.MultiPolygonField(srid=4326)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(condition=Q(geom__isvalid=True), name="district_geom_valid"),
        ]

    def __str__(self) -> str:
        return self.name_th

    def get_absolute_url(self) -> str:
        return f"/districts/{self.code}/"


class CulturalMarket(models.Model):
    """A community cultural market in a district; its revenue comes from its events' sales ledger."""

    code = models.CharField(max_length=32, unique=True, default=market_code, editable=False)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    district = models.ForeignKey(CulturalDistrict, on_delete=models.PROTECT, related_name="markets")
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="cultural_markets")
    location = models.PointField(srid=4326)
    opened_on = models.DateField(help_text="No event can be logged before this date.")
    registered_vendors = models.PositiveIntegerField(default=0)
    # Economic stimulus is reported as direct sales × this multiplier, and shown as such.
    stimulus_multiplier = models.DecimalField(
        max_digits=9, decimal_places=6, default=Decimal("1"), validators=[MinValueValidator(Decimal("1"))]
    )
    public_funding = models.DecimalField(
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text="Public money put into the market (baht), for ROI.",
    )
    organisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organised_markets"
    )
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name_th

    def get_absolute_url(self) -> str:
        return f"/markets/{self.code}/"


class MarketEventQuerySet(models.QuerySet):
    def held(self) -> "MarketEventQuerySet":
        """Events that count as held: a day withdrawn (logged by mistake) is not one."""
        return self.filter(withdrawn_at__isnull=True)


class MarketEvent(models.Model):
    """One day a market was held (unless withdrawn: a day logged by mistake, its sales reversed)."""

    market = models.ForeignKey(CulturalMarket, on_delete=models.PROTECT, related_name="events")
    held_on = models.DateField()
    vendors_present = models.PositiveIntegerField(null=True, blank=True)
    visitors = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Withdrawn: the day was logged by mistake (or moved to another day). Its entries are reversed
    # in the ledger and the day is not counted as an event held; logging on it again reopens it.
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_reason = models.CharField(max_length=500, blank=True, default="", db_default="")

    objects = MarketEventQuerySet.as_manager()

    class Meta:
        ordering = ["market", "held_on"]
        constraints = [
            models.UniqueConstraint(fields=["market", "held_on"], name="one_event_per_market_day"),
        ]

    def __str__(self) -> str:
        return f"{self.market} {self.held_on:%Y-%m-%d}"


class SalesUpload(models.Model):
    """A sales sheet uploaded for a market: first a preview (nothing stored in the ledger), then, once
    the organiser confirms, committed: the ledger of every day the sheet covers then holds exactly
    the sheet's rows, the differences written as entries that name this upload. Undone by reversal
    entries, never by deleting. The preview's plan and `ledger_mark` are what the organiser saw: a
    commit is refused when the ledger of those days has moved since.
    """

    class Status(models.TextChoices):
        PREVIEW = "preview", "preview"
        COMMITTED = "committed", "committed"
        UNDONE = "undone", "undone"
        SUPERSEDED = "superseded", "superseded"  # the ledger moved before commit: a fresh preview replaced it
        DISCARDED = "discarded", "discarded"

    market = models.ForeignKey(CulturalMarket, on_delete=models.PROTECT, related_name="sales_uploads")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PREVIEW)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=255)
    checksum = models.CharField(max_length=64, help_text="SHA-256 of the file as uploaded.")
    file_format = models.CharField(max_length=80)
    sheet_name = models.CharField(max_length=255, blank=True)
    header_row = models.PositiveIntegerField(default=1)
    # The sheet as read: valid rows, refused and skipped rows (row numbers as Excel shows them).
    rows = models.JSONField(default=list)
    refused = models.JSONField(default=list)
    refused_count = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list)
    # What the organiser decides: repeated rows (keep all / one), days no longer in the sheet.
    decisions = models.JSONField(default=dict)
    plan = models.JSONField(default=dict)
    ledger_mark = models.JSONField(default=dict)
    days = ArrayField(models.DateField(), default=list, help_text="The days the sheet states.")
    supersedes = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="superseded_by"
    )
    committed_at = models.DateTimeField(null=True, blank=True)
    result = models.JSONField(default=dict, help_text="What the commit did, day by day (for undo too).")
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["market", "status"])]

    def __str__(self) -> str:
        return f"{self.market} #{self.pk} {self.file_name}"


class SalesEntry(models.Model):
    """An append-only ledger line: sales for an event, as a total or for one vendor.

    A correction is a new entry that `corrects` an earlier one and replaces its amount; an entry
    counts only while nothing corrects it. Rows are never updated or deleted (a database trigger
    refuses it), so every figure can be traced to who logged it and when.
    """

    event = models.ForeignKey(MarketEvent, on_delete=models.PROTECT, related_name="sales_entries")
    amount = models.DecimalField(max_digits=14, decimal_places=2)
    vendor = models.CharField(max_length=200, blank=True, help_text="Blank: the event's total.")
    corrects = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrected_by"
    )
    note = models.CharField(max_length=500, blank=True)

    class Kind(models.TextChoices):
        LEGACY = "", "logged before kinds were kept"
        SALE = "sale", "sale"
        CORRECTION = "correction", "correction"  # amount or vendor name fixed
        REVERSAL = "reversal", "reversal"  # the line taken out (amount 0)
        UNDO = "undo", "undo"  # an upload undone: the line as it was before that upload

    kind = models.CharField(max_length=12, choices=Kind.choices, blank=True, default="", db_default="")
    upload = models.ForeignKey(
        SalesUpload, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    # A request key (Idempotency-Key, a form's token) with the line number: a retry adds nothing.
    source_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["event", "recorded_at", "id"]
        verbose_name_plural = "sales entries"
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="sales_amount_not_negative"),
        ]
        indexes = [models.Index(fields=["event", "corrects"])]

    def __str__(self) -> str:
        return f"{self.event}: {self.amount}"


class EventSales(models.Model):
    """Derived, never written by Python: each event's effective sales total from the ledger.

    The ledger (SalesEntry) is the one source of truth. A statement-level trigger on it keeps this
    table in step inside the writing transaction (services, bulk loads and raw SQL alike), so the
    revenue series read one row per event instead of re-deciding which entries count.
    `selectors.event_sales_drift()` recomputes it from the ledger; tests check they agree.
    """

    event = models.OneToOneField(
        MarketEvent, primary_key=True, on_delete=models.CASCADE, related_name="sales_summary"
    )
    sales = models.DecimalField(max_digits=16, decimal_places=2)
    # Entries that count (not corrected): 0 once every entry is corrected to nothing.
    entries = models.IntegerField()

    class Meta:
        verbose_name_plural = "event sales"

    def __str__(self) -> str:
        return f"{self.event_id}: {self.sales}"
