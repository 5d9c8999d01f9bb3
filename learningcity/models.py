from typing import Any

from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, pgettext_lazy

from culturalmap.core.codes import learning_city_code, learning_space_code
from culturalmap.core.location import point_on_surface
from culturalmap.core.publication import PublicationStatus
from geodata.models import Province

STATEMENT_MAX_WORDS = 200


def max_200_words(text: str) -> None:
    # Thai has no spaces: count Thai words with the same segmenter that search uses.
    from pythainlp.tokenize import word_tokenize

    words = [w for w in word_tokenize(text or "", engine="newmm", keep_whitespace=False) if w.strip()]
    if len(words) > STATEMENT_MAX_WORDS:
        raise ValidationError(
            f"ยาวเกิน {STATEMENT_MAX_WORDS} คำ ({len(words)} คำ)"
            f" / Longer than {STATEMENT_MAX_WORDS} words ({len(words)})."
        )


def english(label: str) -> str:
    """A label's English from the catalogue, whatever the page's language (the API gives both)."""
    with translation.override("en"):
        return gettext(label)


# The codes' labels (Challenge, SpaceType, Audience, the statuses) stay plain Thai strings: gettext_noop
# puts them in the catalogue without translating them here, as search and the tile layers join and
# store SpaceType's `.label` as Thai text. Pages and the API translate them with gettext.


class Challenge(models.TextChoices):
    """The challenges a member city rates 1–5 in its UNESCO profile, stored by code."""

    POLITICAL_WILL = "political_will", gettext_noop("เจตจำนงทางการเมือง")
    GOVERNANCE = "governance_participation", gettext_noop("ธรรมาภิบาลและการมีส่วนร่วม")
    RESOURCES = "mobilisation_of_resources", gettext_noop("การระดมทรัพยากร")
    VULNERABLE_GROUPS = "reaching_vulnerable_groups", gettext_noop("การเข้าถึงของกลุ่มเปราะบาง")
    DATA_MONITORING = "data_and_monitoring", gettext_noop("ข้อมูลและการติดตามผล")


# Profiles saved before challenges had codes (and the demo catalogue) key them by their Thai name.
_CHALLENGE_BY_KEY = {**{c.value: c for c in Challenge}, **{c.label: c for c in Challenge}}


def challenge_for(key: str) -> Challenge | None:
    return _CHALLENGE_BY_KEY.get(str(key).strip())


def clean_challenges(challenges: Any) -> dict[str, int]:
    """Challenges rated 1–5, keyed by code: the one rule, for the model and every write path."""
    if not isinstance(challenges, dict):
        raise ValidationError(
            {"challenges": "ต้องเป็นรายการ ความท้าทาย: คะแนน 1–5 / Must map each challenge to 1–5."}
        )
    clean = {}
    for key, rating in challenges.items():
        challenge = challenge_for(key)
        if challenge is None:
            raise ValidationError(
                {
                    "challenges": f"'{key}': ไม่ใช่ความท้าทายในรายการ / not a listed challenge "
                    f"({', '.join(Challenge.values)})."
                }
            )
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValidationError({"challenges": f"'{key}': ต้องเป็นคะแนน 1–5 / must be rated 1–5."})
        clean[challenge.value] = rating
    return clean


# PublicationStatus (culturalmap.core.publication) keeps plain Thai labels; these pages show them translated.
STATUS_LABELS = {
    PublicationStatus.DRAFT: gettext_noop("ร่าง"),
    PublicationStatus.PUBLISHED: gettext_noop("เผยแพร่"),
    PublicationStatus.WITHDRAWN: gettext_noop("ถอนออก"),
}


def status_label(status: str) -> str:
    return gettext(STATUS_LABELS.get(status, status))


class LearningCity(models.Model):
    """A Thai member of the UNESCO Global Network of Learning Cities, with its UNESCO profile.

    A learning city is not always a province (Hat Yai is a city municipality in Songkhla).
    """

    code = models.CharField(max_length=32, unique=True, default=learning_city_code, editable=False)
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="learning_cities")
    local_government_th = models.CharField(max_length=300, blank=True)
    local_government_en = models.CharField(max_length=300, blank=True)
    joined_year = models.PositiveSmallIntegerField(help_text="Year (CE) the city joined the GNLC.")
    approved_on = models.DateField(null=True, blank=True)
    location = models.PointField(srid=4326)
    # The city's stated area, where it is not the whole province.
    area = models.MultiPolygonField(srid=4326, null=True, blank=True)
    # UNESCO member profile.
    website = models.URLField(blank=True)
    mayor = models.CharField(max_length=200, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    data_year = models.PositiveSmallIntegerField(null=True, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True)
    area_km2 = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    gdp_per_capita_city_usd = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    gdp_per_capita_country_usd = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    schooling_years_men = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    schooling_years_women = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    motivation = models.TextField(blank=True, validators=[max_200_words])
    implementation = models.TextField(blank=True, validators=[max_200_words])
    # Challenges rated 1–5, keyed by Challenge code.
    challenges = models.JSONField(default=dict, blank=True)
    team_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="learning_city_teams"
    )
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    # Bumped on every profile or self-assessment edit, as LearningSpace.version.
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["joined_year", "name_en"]
        verbose_name_plural = "learning cities"

    def __str__(self) -> str:
        return self.name_th

    def get_absolute_url(self) -> str:
        return f"/learning-cities/{self.code}/"

    def clean(self) -> None:
        self.challenges = clean_challenges(self.challenges or {})

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class SpaceType(models.TextChoices):
    LIBRARY = "library", gettext_noop("ห้องสมุด")
    MUSEUM = "museum", gettext_noop("พิพิธภัณฑ์")
    COMMUNITY_LEARNING_CENTRE = "community_learning_centre", gettext_noop("ศูนย์การเรียนรู้ชุมชน")
    CO_LEARNING_SPACE = "co_learning_space", gettext_noop("พื้นที่เรียนรู้ร่วม")
    LEARNING_SOURCE = "learning_source", gettext_noop("แหล่งเรียนรู้")
    LEARNING_ROUTE = "learning_route", gettext_noop("เส้นทางการเรียนรู้")
    OTHER = "other", gettext_noop("อื่น ๆ")


class Audience(models.TextChoices):
    GENERAL = "general", gettext_noop("ประชาชนทั่วไป")
    YOUTH = "youth", gettext_noop("เด็กและเยาวชน")
    ELDERS = "elders", gettext_noop("ผู้สูงอายุ")
    INFORMAL_WORKERS = "informal_workers", gettext_noop("แรงงานนอกระบบ")
    DISABLED = "disabled", gettext_noop("ผู้พิการ")


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """A code's label in the page's language; an unknown code as it is."""
    return gettext(choices(value).label) if value in choices.values else value


class LearningSpace(models.Model):
    """A learning space (point or polygon) or a learning route (a line) of a learning city."""

    code = models.CharField(max_length=32, unique=True, default=learning_space_code, editable=False)
    city = models.ForeignKey(LearningCity, on_delete=models.PROTECT, related_name="spaces")
    name_th = models.CharField(max_length=300)
    name_en = models.CharField(max_length=300, blank=True)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    space_type = models.CharField(max_length=32, choices=SpaceType.choices)
    geom = models.GeometryField(srid=4326)
    location = models.GeneratedField(
        expression=point_on_surface(), db_persist=True, output_field=models.PointField(srid=4326)
    )
    opening_hours = models.CharField(max_length=300, blank=True)
    programmes = models.TextField(blank=True)
    audiences = ArrayField(
        models.CharField(max_length=32, choices=Audience.choices), default=list, blank=True
    )
    accessibility = models.TextField(blank=True)
    contact = models.CharField(max_length=300, blank=True)
    learners_per_year = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    # Bumped on every edit: a stale form (an older version) is refused, never silently applied.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "code"]
        indexes = [GistIndex(fields=["location"], name="learning_space_location_gist")]
        constraints = [
            models.CheckConstraint(condition=Q(geom__isvalid=True), name="learning_space_geom_valid"),
        ]

    def __str__(self) -> str:
        return self.name_th

    def get_absolute_url(self) -> str:
        return f"/learning-spaces/{self.code}/"

    @property
    def space_type_label(self) -> str:
        return choice_label(SpaceType, self.space_type)

    @property
    def audience_labels(self) -> list[str]:
        return [choice_label(Audience, a) for a in self.audiences]

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class ShownPhotos(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class LearningSpaceImage(models.Model):
    """A photo of a learning space. A team's removal only hides it (`removed_at`), file and all, so a
    curator's revert to an earlier revision brings it back."""

    space = models.ForeignKey(LearningSpace, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="learning/%Y/")
    thumbnail = models.ImageField(upload_to="learning/thumbs/%Y/")
    caption_th = models.CharField(max_length=300, blank=True)
    caption_en = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = ShownPhotos()  # the default: space.images lists the photos still shown
    with_removed = models.Manager()

    class Meta:
        ordering = ["space", "position", "id"]

    def __str__(self) -> str:
        return self.caption_th or self.image.name

    def get_absolute_url(self) -> str:
        return f"/learning-spaces/{self.space.code}/photos/{self.pk}/"

    def get_thumbnail_url(self) -> str:
        return f"/learning-spaces/{self.space.code}/photos/{self.pk}/thumbnail/"


class KeyFeatureGroup(models.TextChoices):
    WIDER_BENEFITS = "wider_benefits", "ประโยชน์ในวงกว้าง"
    BUILDING_BLOCKS = "building_blocks", "องค์ประกอบหลัก"
    FUNDAMENTAL_CONDITIONS = "fundamental_conditions", "เงื่อนไขพื้นฐาน"


class KeyFeature(models.TextChoices):
    """UNESCO's Key Features of Learning Cities: 3 wider benefits, 6 building blocks, 3 conditions."""

    EMPOWERMENT = "empowerment_social_cohesion", "การเสริมพลังบุคคลและความสมานฉันท์ทางสังคม"
    ECONOMY_CULTURE = "economic_cultural_prosperity", "การพัฒนาเศรษฐกิจและความรุ่งเรืองทางวัฒนธรรม"
    SUSTAINABLE = "sustainable_development", "การพัฒนาที่ยั่งยืน"
    EDUCATION_SYSTEM = "inclusive_education_system", "การเรียนรู้ที่ครอบคลุมในระบบการศึกษา"
    FAMILIES_COMMUNITIES = "families_communities", "การเรียนรู้ในครอบครัวและชุมชน"
    WORKPLACE = "workplace", "การเรียนรู้เพื่อการทำงานและในที่ทำงาน"
    TECHNOLOGIES = "learning_technologies", "เทคโนโลยีการเรียนรู้สมัยใหม่"
    QUALITY = "quality_in_learning", "คุณภาพของการเรียนรู้"
    CULTURE_OF_LEARNING = "culture_of_learning", "วัฒนธรรมการเรียนรู้ตลอดชีวิต"
    POLITICAL_WILL = "political_will", "เจตจำนงทางการเมืองและความมุ่งมั่น"
    GOVERNANCE = "governance_participation", "ธรรมาภิบาลและการมีส่วนร่วมของผู้มีส่วนได้ส่วนเสีย"
    RESOURCES = "mobilisation_of_resources", "การระดมทรัพยากร"


KEY_FEATURE_ENGLISH = {
    KeyFeature.EMPOWERMENT: "Individual empowerment and social cohesion",
    KeyFeature.ECONOMY_CULTURE: "Economic development and cultural prosperity",
    KeyFeature.SUSTAINABLE: "Sustainable development",
    KeyFeature.EDUCATION_SYSTEM: "Inclusive learning in the education system",
    KeyFeature.FAMILIES_COMMUNITIES: "Revitalised learning in families and communities",
    KeyFeature.WORKPLACE: "Effective learning for and in the workplace",
    KeyFeature.TECHNOLOGIES: "Extended use of modern learning technologies",
    KeyFeature.QUALITY: "Enhanced quality in learning",
    KeyFeature.CULTURE_OF_LEARNING: "A vibrant culture of learning throughout life",
    KeyFeature.POLITICAL_WILL: "Strong political will and commitment",
    KeyFeature.GOVERNANCE: "Governance and participation of all stakeholders",
    KeyFeature.RESOURCES: "Mobilisation and utilisation of resources",
}

KEY_FEATURE_GROUP_ENGLISH = {
    KeyFeatureGroup.WIDER_BENEFITS: "Wider benefits of building a learning city",
    KeyFeatureGroup.BUILDING_BLOCKS: "Major building blocks",
    KeyFeatureGroup.FUNDAMENTAL_CONDITIONS: "Fundamental conditions",
}

KEY_FEATURE_GROUPS = {
    KeyFeatureGroup.WIDER_BENEFITS: [
        KeyFeature.EMPOWERMENT,
        KeyFeature.ECONOMY_CULTURE,
        KeyFeature.SUSTAINABLE,
    ],
    KeyFeatureGroup.BUILDING_BLOCKS: [
        KeyFeature.EDUCATION_SYSTEM,
        KeyFeature.FAMILIES_COMMUNITIES,
        KeyFeature.WORKPLACE,
        KeyFeature.TECHNOLOGIES,
        KeyFeature.QUALITY,
        KeyFeature.CULTURE_OF_LEARNING,
    ],
    KeyFeatureGroup.FUNDAMENTAL_CONDITIONS: [
        KeyFeature.POLITICAL_WILL,
        KeyFeature.GOVERNANCE,
        KeyFeature.RESOURCES,
    ],
}


class KeyFeatureAssessment(models.Model):
    """The city team's own rating (1–5) of one Key Feature in one year's self-assessment, with its
    evidence: `note` (text), `links` and photos (learningcity.assessment)."""

    city = models.ForeignKey(LearningCity, on_delete=models.CASCADE, related_name="key_feature_assessments")
    assessment = models.ForeignKey(
        "learningcity.SelfAssessment", on_delete=models.CASCADE, related_name="ratings"
    )
    feature = models.CharField(max_length=40, choices=KeyFeature.choices)
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    links = ArrayField(models.URLField(max_length=500), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "feature"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "feature"], name="key_feature_once_per_assessment"),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="key_feature_rating_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.get_feature_display()}"


# The yearly self-assessment this rating belongs to, and courses, cohorts and outcomes: own modules.
from .assessment.models import KeyFeatureEvidencePhoto, SelfAssessment  # noqa: E402, F401, I001
from .courses.models import Cohort, Course, Outcome, RecordRevision  # noqa: E402, F401


class RevisionAction(models.TextChoices):
    # Lazy (only the history shows them), in a context of their own: another app's catalogue
    # translates the same Thai word แก้ไข as "Correct".
    BASELINE = "baseline", pgettext_lazy("revision action", "ข้อมูลตั้งต้น")
    CREATE = "create", pgettext_lazy("revision action", "สร้าง")
    UPDATE = "update", pgettext_lazy("revision action", "แก้ไข")
    RETIRE = "retire", pgettext_lazy("revision action", "ปลดออก")
    PHOTO_ADDED = "photo_added", pgettext_lazy("revision action", "เพิ่มรูปภาพ")
    PHOTO_REMOVED = "photo_removed", pgettext_lazy("revision action", "ลบรูปภาพ")
    REVERT = "revert", pgettext_lazy("revision action", "ย้อนกลับ")


class LearningRevision(models.Model):
    """One change to a learning city's profile (space is null) or to one of its learning spaces.

    `snapshot` is the whole record after the change (JSON, geometry as GeoJSON), `changes` maps
    each changed field to [before, after]. Rows are only ever added: a revert is a new revision.
    """

    city = models.ForeignKey(LearningCity, on_delete=models.CASCADE, related_name="revisions")
    space = models.ForeignKey(
        LearningSpace, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    version = models.PositiveIntegerField()  # the record's version after this change
    action = models.CharField(max_length=16, choices=RevisionAction.choices)
    snapshot = models.JSONField()
    changes = models.JSONField(default=dict)
    reverts = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reverted_by"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["city", "space", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.space or self.city} v{self.version} ({self.action})"
