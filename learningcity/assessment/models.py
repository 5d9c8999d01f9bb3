"""A learning city's Key Features self-assessment for one assessment year, as a workflow: the team rates
the 12 Key Features (KeyFeatureAssessment, one row each) with evidence, submits, and a curator approves
it or sends it back with a comment. Only approved years are public."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext, gettext_noop

from learningcity.models import KeyFeatureAssessment, LearningCity


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", gettext_noop("ร่าง (ทีมกำลังประเมิน)")
    SUBMITTED = "submitted", gettext_noop("รอผู้ดูแลตรวจ")
    RETURNED = "returned", gettext_noop("ส่งกลับให้แก้ไข")
    APPROVED = "approved", gettext_noop("อนุมัติแล้ว")


# The states in which the city's team may still change the ratings and evidence.
OPEN_STATUSES = (AssessmentStatus.DRAFT, AssessmentStatus.RETURNED)


class SelfAssessment(models.Model):
    city = models.ForeignKey(LearningCity, on_delete=models.PROTECT, related_name="self_assessments")
    year = models.PositiveSmallIntegerField(help_text="Assessment year (CE).")
    status = models.CharField(max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["city", "year"], name="self_assessment_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.year}"

    def get_absolute_url(self) -> str:
        return f"/learning-cities/{self.city.code}/key-features/{self.year}/"

    @property
    def status_label(self) -> str:
        return gettext(AssessmentStatus(self.status).label)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


class ShownEvidence(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class KeyFeatureEvidencePhoto(models.Model):
    """A photo as evidence for one Key Feature rating, through the one image pipeline. A removal only
    hides it (the file stays), as for learning-space photos."""

    rating = models.ForeignKey(KeyFeatureAssessment, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="learning/evidence/%Y/")
    thumbnail = models.ImageField(upload_to="learning/evidence/thumbs/%Y/")
    caption = models.CharField(max_length=300, blank=True)
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = ShownEvidence()
    with_removed = models.Manager()  # noqa: DJ012 (the shown photos stay the default manager)

    class Meta:
        ordering = ["rating", "id"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def get_absolute_url(self) -> str:
        assessment = self.rating.assessment
        return f"{assessment.get_absolute_url()}photos/{self.pk}/"

    def get_thumbnail_url(self) -> str:
        return f"{self.get_absolute_url()}thumbnail/"
