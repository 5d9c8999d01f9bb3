from django.conf import settings
from django.contrib.gis.db import models
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GistIndex
from django.core.exceptions import ValidationError
from django.db.models import Q

from culturalmap.assets.models import PublicationStatus
from culturalmap.core.codes import learning_city_code, learning_space_code
from culturalmap.core.location import point_on_surface
from geodata.models import Province

STATEMENT_MAX_WORDS = 200


def max_200_words(text: str) -> None:
    # Thai has no spaces: count Thai words with the same segmenter that search uses.
    from pythainlp.tokenize import word_tokenize

    words = [w for w in word_tokenize(text or "", engine="newmm", keep_whitespace=False) if w.strip()]
    if len(words) > STATEMENT_MAX_WORDS:
        raise ValidationError(f"ยาวเกิน {STATEMENT_MAX_WORDS} คำ ({len(words)} คำ)")


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
    gdp_per_capita_country_usd = models.DecimalField(max_digits=12, decimal_places=2, null=True,
                                                     blank=True)
    schooling_years_men = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    schooling_years_women = models.DecimalField(max_digits=4, decimal_places=1, null=True, blank=True)
    motivation = models.TextField(blank=True, validators=[max_200_words])
    implementation = models.TextField(blank=True, validators=[max_200_words])
    # Challenges rated 1–5, keyed by challenge name.
    challenges = models.JSONField(default=dict, blank=True)
    team_members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                          related_name="learning_city_teams")
    status = models.CharField(max_length=12, choices=PublicationStatus.choices,
                              default=PublicationStatus.PUBLISHED)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["joined_year", "name_en"]
        verbose_name_plural = "learning cities"

    def __str__(self) -> str:
        return self.name_th

    def get_absolute_url(self) -> str:
        return f"/learning-cities/{self.code}/"

    def clean(self) -> None:
        for name, rating in (self.challenges or {}).items():
            if not isinstance(rating, int) or not 1 <= rating <= 5:
                raise ValidationError({"challenges": f"'{name}': ต้องเป็นคะแนน 1–5"})


class SpaceType(models.TextChoices):
    LIBRARY = "library", "ห้องสมุด"
    MUSEUM = "museum", "พิพิธภัณฑ์"
    COMMUNITY_LEARNING_CENTRE = "community_learning_centre", "ศูนย์การเรียนรู้ชุมชน"
    CO_LEARNING_SPACE = "co_learning_space", "พื้นที่เรียนรู้ร่วม"
    LEARNING_SOURCE = "learning_source", "แหล่งเรียนรู้"
    LEARNING_ROUTE = "learning_route", "เส้นทางการเรียนรู้"
    OTHER = "other", "อื่น ๆ"


class Audience(models.TextChoices):
    GENERAL = "general", "ประชาชนทั่วไป"
    YOUTH = "youth", "เด็กและเยาวชน"
    ELDERS = "elders", "ผู้สูงอายุ"
    INFORMAL_WORKERS = "informal_workers", "แรงงานนอกระบบ"
    DISABLED = "disabled", "ผู้พิการ"


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
    location = models.GeneratedField(expression=point_on_surface(), db_persist=True,
                                     output_field=models.PointField(srid=4326))
    opening_hours = models.CharField(max_length=300, blank=True)
    programmes = models.TextField(blank=True)
    audiences = ArrayField(models.CharField(max_length=32, choices=Audience.choices), default=list,
                           blank=True)
    accessibility = models.TextField(blank=True)
    contact = models.CharField(max_length=300, blank=True)
    learners_per_year = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=PublicationStatus.choices,
                              default=PublicationStatus.PUBLISHED)
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
    def is_route(self) -> bool:
        return self.space_type == SpaceType.LEARNING_ROUTE


class LearningSpaceImage(models.Model):
    space = models.ForeignKey(LearningSpace, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(upload_to="learning/%Y/")
    thumbnail = models.ImageField(upload_to="learning/thumbs/%Y/")
    caption_th = models.CharField(max_length=300, blank=True)
    caption_en = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["space", "position"]
