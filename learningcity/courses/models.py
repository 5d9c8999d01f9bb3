"""Courses a learning city runs, their cohorts (who enrolled and completed, by target group and sex),
and the follow-up outcomes (applied what they learned, income after learning, cost recovered).

The programme's evaluation asks for results, not activities: these records are what a city's page,
its UNESCO biennial report and the national view count. Every change is a RecordRevision.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_noop, pgettext_lazy

from culturalmap.core.codes import new_code
from learningcity.models import LearningCity, LearningSpace, PublicationStatus, choice_label, status_label

# The programme's targets (FACTS.md): at least 30 % of learners apply what they learned; at least
# 10,000 users of a city's learning spaces.
APPLICATION_TARGET_PCT = 30
SPACE_USERS_TARGET = 10_000


def learning_course_code() -> str:
    return new_code("LK")


class TargetGroup(models.TextChoices):
    """The groups the programme's evaluation counts learners by (a learner is counted once, in the
    group the course enrolled them for), not the audiences a space welcomes (Audience)."""

    INFORMAL_WORKERS = "informal_workers", gettext_noop("แรงงานนอกระบบ")
    VULNERABLE_DISABLED = "vulnerable_disabled", gettext_noop("กลุ่มเปราะบางและผู้พิการ")
    ELDERS = "elders", gettext_noop("ผู้สูงอายุ")
    YOUTH = "youth", gettext_noop("เด็กและเยาวชน")
    SINGLE_MOTHERS = "single_mothers", gettext_noop("แม่เลี้ยงเดี่ยว")
    PRISONERS = "prisoners", gettext_noop("ผู้ต้องขัง")
    GENERAL = "general", gettext_noop("ประชาชนทั่วไป")


class Sex(models.TextChoices):
    FEMALE = "female", gettext_noop("หญิง")
    MALE = "male", gettext_noop("ชาย")
    UNSPECIFIED = "unspecified", gettext_noop("ไม่ระบุ")


class CourseKind(models.TextChoices):
    SHORT_COURSE = "short_course", gettext_noop("หลักสูตรระยะสั้น")
    MODULE = "module", gettext_noop("โมดูลพัฒนาทักษะ (reskill/upskill)")
    CURRICULUM = "curriculum", gettext_noop("หลักสูตรท้องถิ่น")
    WORKSHOP = "workshop", gettext_noop("กิจกรรมเรียนรู้")


class SurveyMethod(models.TextChoices):
    QUESTIONNAIRE = "questionnaire", gettext_noop("แบบสอบถาม")
    INTERVIEW = "interview", gettext_noop("สัมภาษณ์")
    FOLLOW_UP_VISIT = "follow_up_visit", gettext_noop("ติดตามเยี่ยมถึงที่")
    INCOME_RECORDS = "income_records", gettext_noop("บัญชีรายรับรายจ่าย")
    FOCUS_GROUP = "focus_group", gettext_noop("สนทนากลุ่ม")
    OTHER = "other", gettext_noop("อื่น ๆ")


class Course(models.Model):
    """A course a learning city runs at one of its learning spaces or along a learning route."""

    code = models.CharField(max_length=32, unique=True, default=learning_course_code, editable=False)
    city = models.ForeignKey(LearningCity, on_delete=models.PROTECT, related_name="courses")
    space = models.ForeignKey(
        LearningSpace, null=True, blank=True, on_delete=models.PROTECT, related_name="courses"
    )
    title_th = models.CharField(max_length=300)
    title_en = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=CourseKind.choices, default=CourseKind.SHORT_COURSE)
    description_th = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    provider = models.CharField(max_length=300, blank=True)
    hours = models.DecimalField(max_digits=6, decimal_places=1)
    target_groups = ArrayField(
        models.CharField(max_length=32, choices=TargetGroup.choices), default=list, blank=True
    )
    skills = ArrayField(models.CharField(max_length=120), default=list, blank=True)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "title_th", "code"]
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_positive")]

    def __str__(self) -> str:
        return self.title_th

    def get_absolute_url(self) -> str:
        return f"/learning-courses/{self.code}/"

    # The `localized` filter reads name_th/name_en: a course's name is its title.
    @property
    def name_th(self) -> str:
        return self.title_th

    @property
    def name_en(self) -> str:
        return self.title_en

    @property
    def kind_label(self) -> str:
        return choice_label(CourseKind, self.kind)

    @property
    def target_group_labels(self) -> list[str]:
        return [choice_label(TargetGroup, g) for g in self.target_groups]

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class Cohort(models.Model):
    """One run of a course: its dates and who enrolled and completed, in all and by group and sex.

    `by_target_group` and `by_sex` map a code to {"enrolled": n, "completed": n}; each counts a learner
    once, so neither sums above the cohort's totals (services.clean_cohort_values is the rule).
    """

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(max_length=120)
    starts_on = models.DateField()
    ends_on = models.DateField()
    enrolled = models.PositiveIntegerField()
    completed = models.PositiveIntegerField(default=0)
    by_target_group = models.JSONField(default=dict, blank=True)
    by_sex = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["course", "starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed__lte=models.F("enrolled")), name="cohort_completed_le_enrolled"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="cohort_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.name}"

    def get_absolute_url(self) -> str:
        return f"{self.course.get_absolute_url()}#cohort-{self.pk}"

    @property
    def completion_pct(self) -> float | None:
        return 100 * self.completed / self.enrolled if self.enrolled else None


class Outcome(models.Model):
    """A follow-up result, for one cohort or for a period of the city's learning (then optionally of one
    course or target group): who applied what they learned, income after learning, cost recovered.

    `income_baht` is what the learners (or the community) earned in the period from what they learned;
    `baseline_income_baht` the same measure in the baseline (first) year, so the page can say
    "22.42 times its first year". `cost_recovered_pct` may pass 100 (Phayao: 328.3 % in 2 months).
    """

    city = models.ForeignKey(LearningCity, on_delete=models.PROTECT, related_name="outcomes")
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes"
    )
    cohort = models.ForeignKey(
        Cohort, null=True, blank=True, on_delete=models.PROTECT, related_name="outcomes"
    )
    target_group = models.CharField(max_length=32, choices=TargetGroup.choices, blank=True)
    period_start = models.DateField()
    period_end = models.DateField()
    survey_date = models.DateField()
    survey_method = models.CharField(max_length=20, choices=SurveyMethod.choices)
    method_note = models.TextField(blank=True)
    respondents = models.PositiveIntegerField(null=True, blank=True)
    applied = models.PositiveIntegerField(null=True, blank=True)
    income_baht = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_income_baht = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    cost_recovered_pct = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    recovery_months = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    status = models.CharField(
        max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.PUBLISHED
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["city", "survey_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(applied__isnull=True) | Q(applied__lte=models.F("respondents")),
                name="outcome_applied_le_respondents",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="outcome_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.city} · {self.survey_date}"

    def get_absolute_url(self) -> str:
        return f"/learning-outcomes/{self.pk}/"

    @property
    def applied_pct(self) -> float | None:
        return (
            100 * self.applied / self.respondents if self.respondents and self.applied is not None else None
        )

    @property
    def income_multiple(self) -> float | None:
        if self.income_baht is None or not self.baseline_income_baht:
            return None
        return float(self.income_baht / self.baseline_income_baht)

    @property
    def survey_method_label(self) -> str:
        return choice_label(SurveyMethod, self.survey_method)

    @property
    def target_group_label(self) -> str:
        return choice_label(TargetGroup, self.target_group) if self.target_group else ""

    @property
    def status_label(self) -> str:
        return status_label(self.status)


class RecordKind(models.TextChoices):
    COURSE = "course", gettext_noop("หลักสูตร")
    COHORT = "cohort", gettext_noop("รุ่น")
    OUTCOME = "outcome", gettext_noop("ผลลัพธ์")
    ASSESSMENT = "assessment", gettext_noop("การประเมินตนเอง")


class RecordAction(models.TextChoices):
    # The context of learningcity.models.RevisionAction: the same words, translated once.
    BASELINE = "baseline", pgettext_lazy("revision action", "ข้อมูลตั้งต้น")
    CREATE = "create", pgettext_lazy("revision action", "สร้าง")
    UPDATE = "update", pgettext_lazy("revision action", "แก้ไข")
    RETIRE = "retire", pgettext_lazy("revision action", "ปลดออก")
    REVERT = "revert", pgettext_lazy("revision action", "ย้อนกลับ")
    PHOTO_ADDED = "photo_added", pgettext_lazy("revision action", "เพิ่มรูปภาพ")
    PHOTO_REMOVED = "photo_removed", pgettext_lazy("revision action", "ลบรูปภาพ")
    SUBMIT = "submit", pgettext_lazy("revision action", "ส่งให้ตรวจ")
    APPROVE = "approve", pgettext_lazy("revision action", "อนุมัติ")
    RETURN = "return", pgettext_lazy("revision action", "ส่งกลับให้แก้ไข")


class RecordRevision(models.Model):
    """One change to a course, a cohort, an outcome or a Key Features self-assessment of a city.

    As LearningRevision for spaces: `snapshot` is the record after the change, `changes` maps each
    changed field to [before, after], rows are only ever added and a revert is a new revision.
    """

    city = models.ForeignKey(LearningCity, on_delete=models.CASCADE, related_name="record_revisions")
    course = models.ForeignKey(
        Course, null=True, blank=True, on_delete=models.CASCADE, related_name="revisions"
    )
    kind = models.CharField(max_length=12, choices=RecordKind.choices)
    record_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField()
    action = models.CharField(max_length=16, choices=RecordAction.choices)
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
        indexes = [
            models.Index(fields=["kind", "record_id", "-created_at"], name="record_revision_record"),
            models.Index(fields=["city", "-created_at"], name="record_revision_city"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.record_id} v{self.version} ({self.action})"
