import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db.models import F, Q

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


class EventKind(models.TextChoices):
    MARKET = "market", "ตลาด"
    FESTIVAL = "festival", "เทศกาล"


class FestivalHost(models.TextChoices):
    """Who holds a festival: the district's community, one of its markets, or a university network."""

    DISTRICT = "district", "ชุมชนในย่าน"
    MARKET = "market", "ตลาด"
    NETWORK = "network", "เครือข่ายมหาวิทยาลัย"


class MarketEvent(models.Model):
    """An event of the sales ledger: one night a market was held, or a festival of one or more days
    (unless withdrawn: logged by mistake, its sales reversed).

    A market night belongs to its market. A festival is held in a district (`district`) by the
    district's community, by one of its markets (`market`) or by a university network
    (`network_name`); it runs from `held_on` to `ends_on` and counts, in every series, as one event
    in the period of its first day (README: "Festivals")."""

    kind = models.CharField(
        max_length=10, choices=EventKind.choices, default=EventKind.MARKET, db_default=EventKind.MARKET
    )
    market = models.ForeignKey(
        CulturalMarket, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    district = models.ForeignKey(
        CulturalDistrict,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="festivals",
        help_text="Festivals: the district it is held in.",
    )
    held_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True, help_text="Festivals: the last day (blank: one day).")
    name_th = models.CharField(
        max_length=300, blank=True, db_default="", help_text="Festivals: the festival's name."
    )
    name_en = models.CharField(max_length=300, blank=True, db_default="")
    host = models.CharField(max_length=10, choices=FestivalHost.choices, blank=True, db_default="")
    network_name = models.CharField(
        max_length=300, blank=True, db_default="", help_text="The university network holding it."
    )
    manager_name = models.CharField(
        max_length=200,
        blank=True,
        db_default="",
        help_text="The annual festival manager of the area (a person: private).",
    )
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
            models.UniqueConstraint(
                fields=["market", "held_on"], condition=Q(kind="market"), name="one_event_per_market_day"
            ),
            models.CheckConstraint(
                condition=(Q(kind="market", market__isnull=False, ends_on__isnull=True))
                | Q(kind="festival", district__isnull=False),
                name="event_has_its_holder",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("held_on")),
                name="event_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["district", "held_on"], name="markets_event_festival_day")]

    def __str__(self) -> str:
        if self.kind == EventKind.FESTIVAL:
            return f"{self.name_th} {self.held_on:%Y-%m-%d}"
        return f"{self.market} {self.held_on:%Y-%m-%d}"

    @property
    def last_day(self) -> datetime.date:
        return self.ends_on or self.held_on

    @property
    def days(self) -> int:
        return (self.last_day - self.held_on).days + 1


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


# --- the vendor register ---------------------------------------------------------------------------


class Vendor(models.Model):
    """A vendor of a market's register: a person, not a string. Ledger lines name vendors as typed;
    the register's names and aliases (VendorAlias) say which vendor a line is, so a merge or a newly
    confirmed spelling changes whose a line is, never the ledger or a total. Personal data: only the
    market's organisers and curators see it."""

    market = models.ForeignKey(CulturalMarket, on_delete=models.PROTECT, related_name="vendors")
    name = models.CharField(max_length=200)
    goods = models.CharField(max_length=300, blank=True, help_text="What they sell.")
    is_local = models.BooleanField(default=True, help_text="Lives in the district (community rules).")
    joined_on = models.DateField(null=True, blank=True)
    active = models.BooleanField(default=True)
    phone = models.CharField(max_length=40, blank=True)
    note = models.TextField(blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_vendors"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["market", "name", "id"]
        indexes = [models.Index(fields=["market", "active"])]

    def __str__(self) -> str:
        return self.name


class VendorAlias(models.Model):
    """A spelling of a vendor's name as ledger lines write it. `key` is the spelling with case,
    spaces, punctuation and Thai vowel variants set aside (`vendors.vendor_key`, the same as the
    database's markets_vendor_key()): one key belongs to one vendor of a market."""

    class Source(models.TextChoices):
        NAME = "name", "ชื่อในทะเบียน"
        ALIAS = "alias", "ชื่ออื่นที่บันทึกไว้"
        CONFIRMED = "confirmed", "ผู้จัดยืนยันว่าเป็นร้านเดียวกัน"

    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="aliases")
    market = models.ForeignKey(CulturalMarket, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    key = models.CharField(max_length=200)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.ALIAS)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["vendor", "id"]
        constraints = [models.UniqueConstraint(fields=["market", "key"], name="one_vendor_per_spelling")]

    def __str__(self) -> str:
        return self.name


class VendorMerge(models.Model):
    """Two register entries found to be one vendor: `merged`'s spellings moved to `into`. Kept, so
    the merge can be split again (the same spellings moved back)."""

    market = models.ForeignKey(CulturalMarket, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="+")
    into = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="+")
    aliases = ArrayField(models.BigIntegerField(), default=list)
    was_active = models.BooleanField(default=True)
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    split_at = models.DateTimeField(null=True, blank=True)
    split_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-id"]


# --- economic impact as measured -------------------------------------------------------------------

_money = {"max_digits": 16, "decimal_places": 2}


class ImpactSurvey(models.Model):
    """A survey of the community economic stimulus of a market, a district or one event (a festival),
    over a period: its measured parts (direct sales, the production chain, employment income) and
    what households spend the income on. Where a survey covers an event, its stimulus is the
    survey's, shared over the events it covers in proportion to their sales; elsewhere the market's
    multiplier gives an estimate (`impact.py`, `sql/scoped_events.sql`)."""

    market = models.ForeignKey(
        CulturalMarket, null=True, blank=True, on_delete=models.PROTECT, related_name="impact_surveys"
    )
    district = models.ForeignKey(
        CulturalDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="impact_surveys"
    )
    event = models.ForeignKey(
        MarketEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="impact_surveys"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    direct_sales = models.DecimalField(**_money)
    production_chain = models.DecimalField(**_money)
    employment_income = models.DecimalField(**_money)
    total_stimulus = models.DecimalField(
        **_money, help_text="The stimulus the survey states; the parts may not exceed it (the rest: other)."
    )
    # What households spend the market income on, as shares of respondents' answers (%).
    spend_education = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    spend_health = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    spend_debt = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    spend_daily_living = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    spend_savings = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    spend_business = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    spend_other = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    respondents = models.PositiveIntegerField(null=True, blank=True)
    method = models.CharField(max_length=300, blank=True)
    as_of = models.DateField()
    source = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["period_start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(market__isnull=False, district__isnull=True, event__isnull=True)
                | Q(market__isnull=True, district__isnull=False, event__isnull=True)
                | Q(market__isnull=True, district__isnull=True, event__isnull=False),
                name="survey_of_one_scope",
            ),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="survey_period"),
            models.CheckConstraint(
                condition=Q(direct_sales__gte=0, production_chain__gte=0, employment_income__gte=0)
                & Q(total_stimulus__gte=F("direct_sales") + F("production_chain") + F("employment_income")),
                name="survey_parts_within_total",
            ),
        ]

    def __str__(self) -> str:
        return f"impact survey {self.pk} ({self.period_start}–{self.period_end})"

    @property
    def other(self) -> Decimal:
        return self.total_stimulus - self.direct_sales - self.production_chain - self.employment_income


class SocialReturn(models.Model):
    """A social return on investment (SROI) study of a project: its inputs (the money put in, the
    valued outcomes) and its ratio, with the date and source it is quoted from."""

    city = models.ForeignKey(CulturalCity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        CulturalDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    market = models.ForeignKey(
        CulturalMarket, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    project_th = models.CharField(max_length=300)
    project_en = models.CharField(max_length=300, blank=True)
    investment = models.DecimalField(**_money, validators=[MinValueValidator(Decimal("0.01"))])
    # [{"name_th": ..., "name_en": ..., "value": "123.00"}]: each outcome's present value (baht).
    outcomes = models.JSONField(default=list)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    as_of = models.DateField()
    source = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_of", "id"]
        constraints = [models.CheckConstraint(condition=Q(investment__gt=0), name="sroi_investment_positive")]

    def __str__(self) -> str:
        return self.project_th

    @property
    def value(self) -> Decimal:
        return sum((Decimal(o["value"]) for o in self.outcomes), Decimal(0))

    @property
    def ratio(self) -> Decimal:
        return (self.value / self.investment).quantize(Decimal("0.01"))


class ReportedFigure(models.Model):
    """A figure as the programme's reports give it (420 cultural products, 1,031 entrepreneurs…), with
    its "as of" date and source: shown beside what the catalogue itself counts, never instead of it.
    Of the programme as a whole, or of one city, district or market."""

    code = models.SlugField(max_length=60)
    city = models.ForeignKey(CulturalCity, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    district = models.ForeignKey(
        CulturalDistrict, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    market = models.ForeignKey(
        CulturalMarket, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    label_th = models.CharField(max_length=300)
    label_en = models.CharField(max_length=300)
    value = models.DecimalField(max_digits=18, decimal_places=2)
    unit_th = models.CharField(max_length=40, blank=True)
    unit_en = models.CharField(max_length=40, blank=True)
    more_than = models.BooleanField(default=False, help_text="The report says 'more than'.")
    as_of = models.DateField()
    source = models.CharField(max_length=500)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["code"], name="one_reported_figure_per_code")]

    def __str__(self) -> str:
        return f"{self.label_th}: {self.value}"
