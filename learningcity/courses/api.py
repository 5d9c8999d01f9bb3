"""Courses, cohorts, outcomes and a city's impact figures in the API: read for everyone (published
records), write for the city's team through the same services as the pages.

Views only validate the shape, call a service or selector and serialise. Refusals are the services'
(ValidationError 400 naming the field, PermissionDenied 403, StaleRecord 409 with the current record),
answered by the one handler (culturalmap.core.exceptions.api_exception_handler).
"""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser
from rest_framework.response import Response
from rest_framework.views import APIView

from culturalmap.core.parsers import DepthLimitedJSONParser
from culturalmap.core.publication import PublicationStatus
from learningcity import selectors as city_selectors
from learningcity.services import require_team

from . import selectors, services
from .models import APPLICATION_TARGET_PCT, SPACE_USERS_TARGET, CourseKind, SurveyMethod, TargetGroup

TAGS = ["learning courses and outcomes"]
WRITE_ERRORS = {400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT}
CONFLICT = OpenApiResponse(description="Stale `version`: someone saved a newer one; `current` holds it.")
VERSION_HELP = "The version the edit started from."
STATUSES = [PublicationStatus.PUBLISHED, PublicationStatus.DRAFT]


# --- output -------------------------------------------------------------------------------------


class CohortOutput(serializers.Serializer):
    id = serializers.IntegerField()
    course = serializers.CharField(source="course.code")
    name = serializers.CharField()
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    enrolled = serializers.IntegerField()
    completed = serializers.IntegerField()
    completion_pct = serializers.FloatField(allow_null=True)
    by_target_group = serializers.JSONField(help_text="{group: {enrolled, completed}}")
    by_sex = serializers.JSONField(help_text="{female|male|unspecified: {enrolled, completed}}")
    status = serializers.CharField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class CourseOutput(serializers.Serializer):
    code = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")
    city = serializers.CharField(source="city.code")
    space = serializers.CharField(source="space.code", allow_null=True, default=None)
    title_th = serializers.CharField()
    title_en = serializers.CharField()
    kind = serializers.CharField()
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    target_groups = serializers.ListField(child=serializers.CharField())
    skills = serializers.ListField(child=serializers.CharField())
    provider = serializers.CharField()
    description_th = serializers.CharField()
    description_en = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


class CourseDetailOutput(CourseOutput):
    cohorts = serializers.SerializerMethodField()

    def get_cohorts(self, course) -> list[dict]:
        cohorts = selectors.cohorts_for_viewer(course=course, user=self.context.get("user"))
        return CohortOutput(cohorts, many=True).data


class OutcomeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    city = serializers.CharField(source="city.code")
    course = serializers.CharField(source="course.code", allow_null=True, default=None)
    cohort = serializers.IntegerField(source="cohort_id", allow_null=True)
    target_group = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    survey_date = serializers.DateField()
    survey_method = serializers.CharField()
    method_note = serializers.CharField()
    respondents = serializers.IntegerField(allow_null=True)
    applied = serializers.IntegerField(allow_null=True)
    applied_pct = serializers.FloatField(allow_null=True)
    income_baht = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    baseline_income_baht = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    income_multiple = serializers.FloatField(allow_null=True)
    cost_recovered_pct = serializers.DecimalField(max_digits=7, decimal_places=1, allow_null=True)
    recovery_months = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()
    status = serializers.CharField()
    version = serializers.IntegerField()
    updated_at = serializers.DateTimeField()


# --- input --------------------------------------------------------------------------------------


class CourseInput(serializers.Serializer):
    title_th = serializers.CharField(max_length=300)
    title_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=CourseKind.choices, required=False)
    space = serializers.CharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        help_text="A learning space's or route's code (LS-…).",
    )
    hours = serializers.DecimalField(max_digits=6, decimal_places=1)
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False
    )
    skills = serializers.ListField(child=serializers.CharField(max_length=120), required=False)
    provider = serializers.CharField(max_length=300, required=False, allow_blank=True)
    description_th = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=STATUSES, required=False)


class CoursePatchInput(CourseInput):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


BREAKDOWN_HELP = (
    "Learners counted once each, by {code: {enrolled, completed}}; together no more than the cohort's. "
    "Target groups: " + ", ".join(TargetGroup.values) + "; sexes: female, male, unspecified."
)


class CohortInput(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    enrolled = serializers.IntegerField(min_value=0)
    completed = serializers.IntegerField(min_value=0, required=False)
    by_target_group = serializers.JSONField(required=False, help_text=BREAKDOWN_HELP)
    by_sex = serializers.JSONField(required=False, help_text=BREAKDOWN_HELP)


class CohortPatchInput(CohortInput):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


class OutcomeInput(serializers.Serializer):
    cohort = serializers.IntegerField(
        required=False, allow_null=True, help_text="The cohort followed up, if any."
    )
    course = serializers.CharField(required=False, allow_null=True, allow_blank=True)
    target_group = serializers.ChoiceField(choices=TargetGroup.choices, required=False, allow_blank=True)
    period_start = serializers.DateField(
        required=False, allow_null=True, help_text="Default: the cohort's start."
    )
    period_end = serializers.DateField(required=False, allow_null=True, help_text="Default: the survey date.")
    survey_date = serializers.DateField()
    survey_method = serializers.ChoiceField(choices=SurveyMethod.choices)
    method_note = serializers.CharField(required=False, allow_blank=True)
    respondents = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    applied = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    income_baht = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    baseline_income_baht = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True
    )
    cost_recovered_pct = serializers.DecimalField(
        max_digits=7, decimal_places=1, required=False, allow_null=True
    )
    recovery_months = serializers.IntegerField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True)


class OutcomePatchInput(OutcomeInput):
    version = serializers.IntegerField(min_value=1, help_text=VERSION_HELP)


VERSION_INPUT = inline_serializer("RecordVersionInput", {"version": serializers.IntegerField(min_value=1)})


def _valid(serializer_class, request, *, partial: bool = False) -> dict:
    serializer = serializer_class(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _version_of(data: dict) -> int:
    if "version" not in data:
        raise ValidationError({"version": "ต้องระบุ version ที่แก้ไขจาก / The version you edited is required."})
    return data.pop("version")


# --- courses ------------------------------------------------------------------------------------


class CityCourseListApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses=CourseOutput(many=True), tags=TAGS, operation_id="learning_city_courses_list")
    def get(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        courses = selectors.city_courses_for_viewer(city=city, user=request.user)
        return Response(CourseOutput(courses, many=True).data)

    @extend_schema(request=CourseInput, responses={201: CourseDetailOutput, **WRITE_ERRORS}, tags=TAGS)
    def post(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        require_team(request.user, city)
        course = services.course_create(user=request.user, city=city, data=_valid(CourseInput, request))
        return Response(
            CourseDetailOutput(course, context={"user": request.user}).data, status=status.HTTP_201_CREATED
        )


class CourseDetailApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses=CourseDetailOutput, tags=TAGS)
    def get(self, request, code: str):
        course = selectors.course_for_viewer(code=code, user=request.user)
        return Response(CourseDetailOutput(course, context={"user": request.user}).data)

    @extend_schema(
        request=CoursePatchInput(partial=True),
        responses={200: CourseDetailOutput, 409: CONFLICT, **WRITE_ERRORS},
        tags=TAGS,
    )
    def patch(self, request, code: str):
        course = selectors.course_for_viewer(code=code, user=request.user)
        require_team(request.user, course.city)
        data = _valid(CoursePatchInput, request, partial=True)
        version = _version_of(data)
        updated = services.course_update(user=request.user, course=course, version=version, data=data)
        return Response(CourseDetailOutput(updated, context={"user": request.user}).data)


class CourseRetireApi(APIView):
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        request=VERSION_INPUT, responses={200: CourseDetailOutput, 409: CONFLICT, **WRITE_ERRORS}, tags=TAGS
    )
    def post(self, request, code: str):
        course = selectors.course_for_viewer(code=code, user=request.user)
        require_team(request.user, course.city)
        version = _version_of(_valid(VERSION_INPUT.__class__, request))
        retired = services.course_retire(user=request.user, course=course, version=version)
        return Response(CourseDetailOutput(retired, context={"user": request.user}).data)


# --- cohorts ------------------------------------------------------------------------------------


class CohortCreateApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(request=CohortInput, responses={201: CohortOutput, **WRITE_ERRORS}, tags=TAGS)
    def post(self, request, code: str):
        course = selectors.course_for_viewer(code=code, user=request.user)
        require_team(request.user, course.city)
        cohort = services.cohort_create(user=request.user, course=course, data=_valid(CohortInput, request))
        return Response(CohortOutput(cohort).data, status=status.HTTP_201_CREATED)


class CohortDetailApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses=CohortOutput, tags=TAGS)
    def get(self, request, pk: int):
        return Response(CohortOutput(selectors.cohort_for_viewer(pk=pk, user=request.user)).data)

    @extend_schema(
        request=CohortPatchInput(partial=True),
        responses={200: CohortOutput, 409: CONFLICT, **WRITE_ERRORS},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        cohort = selectors.cohort_for_viewer(pk=pk, user=request.user)
        require_team(request.user, cohort.course.city)
        data = _valid(CohortPatchInput, request, partial=True)
        version = _version_of(data)
        updated = services.cohort_update(user=request.user, cohort=cohort, version=version, data=data)
        return Response(CohortOutput(updated).data)


class CohortRetireApi(APIView):
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        request=VERSION_INPUT, responses={200: CohortOutput, 409: CONFLICT, **WRITE_ERRORS}, tags=TAGS
    )
    def post(self, request, pk: int):
        cohort = selectors.cohort_for_viewer(pk=pk, user=request.user)
        require_team(request.user, cohort.course.city)
        version = _version_of(_valid(VERSION_INPUT.__class__, request))
        return Response(
            CohortOutput(services.cohort_retire(user=request.user, cohort=cohort, version=version)).data
        )


# --- outcomes -----------------------------------------------------------------------------------


class CityOutcomeListApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses=OutcomeOutput(many=True), tags=TAGS, operation_id="learning_city_outcomes_list")
    def get(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        outcomes = selectors.outcomes_for_viewer(city=city, user=request.user)
        return Response(OutcomeOutput(outcomes, many=True).data)

    @extend_schema(request=OutcomeInput, responses={201: OutcomeOutput, **WRITE_ERRORS}, tags=TAGS)
    def post(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        require_team(request.user, city)
        outcome = services.outcome_create(user=request.user, city=city, data=_valid(OutcomeInput, request))
        return Response(OutcomeOutput(outcome).data, status=status.HTTP_201_CREATED)


class OutcomeDetailApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses=OutcomeOutput, tags=TAGS)
    def get(self, request, pk: int):
        return Response(OutcomeOutput(selectors.outcome_for_viewer(pk=pk, user=request.user)).data)

    @extend_schema(
        request=OutcomePatchInput(partial=True),
        responses={200: OutcomeOutput, 409: CONFLICT, **WRITE_ERRORS},
        tags=TAGS,
    )
    def patch(self, request, pk: int):
        outcome = selectors.outcome_for_viewer(pk=pk, user=request.user)
        require_team(request.user, outcome.city)
        data = _valid(OutcomePatchInput, request, partial=True)
        version = _version_of(data)
        updated = services.outcome_update(user=request.user, outcome=outcome, version=version, data=data)
        return Response(OutcomeOutput(updated).data)


class OutcomeRetireApi(APIView):
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        request=VERSION_INPUT, responses={200: OutcomeOutput, 409: CONFLICT, **WRITE_ERRORS}, tags=TAGS
    )
    def post(self, request, pk: int):
        outcome = selectors.outcome_for_viewer(pk=pk, user=request.user)
        require_team(request.user, outcome.city)
        version = _version_of(_valid(VERSION_INPUT.__class__, request))
        return Response(
            OutcomeOutput(services.outcome_retire(user=request.user, outcome=outcome, version=version)).data
        )


# --- impact -------------------------------------------------------------------------------------


class ImpactYearOutput(serializers.Serializer):
    fiscal_year = serializers.IntegerField(
        help_text="Thai fiscal year, CE (1 Oct of the year before – 30 Sep)."
    )
    fiscal_year_be = serializers.IntegerField()
    cohorts = serializers.IntegerField()
    enrolled = serializers.IntegerField()
    completed = serializers.IntegerField()
    completion_pct = serializers.FloatField(allow_null=True)
    respondents = serializers.IntegerField()
    applied = serializers.IntegerField()
    applied_pct = serializers.FloatField(allow_null=True)
    income_baht = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    baseline_income_baht = serializers.DecimalField(
        max_digits=16, decimal_places=2, allow_null=True, required=False
    )


class ImpactOutput(serializers.Serializer):
    city = serializers.CharField()
    space_users = serializers.IntegerField(
        help_text="Yearly learners over the city's published learning spaces."
    )
    space_users_target = serializers.IntegerField()
    application_target_pct = serializers.IntegerField()
    enrolled = serializers.IntegerField()
    completed = serializers.IntegerField()
    completion_pct = serializers.FloatField(allow_null=True)
    respondents = serializers.IntegerField()
    applied = serializers.IntegerField()
    applied_pct = serializers.FloatField(allow_null=True)
    income_growth = serializers.FloatField(
        allow_null=True, help_text="Latest fiscal year's income ÷ the first's."
    )
    cost_recovery = serializers.JSONField()
    by_target_group = serializers.JSONField()
    by_sex = serializers.JSONField()
    years = ImpactYearOutput(many=True)


class CityImpactApi(APIView):
    @extend_schema(responses=ImpactOutput, tags=TAGS, operation_id="learning_city_impact")
    def get(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        figures = selectors.impact_figures(city=city)
        users = city_selectors.learners_of(city_selectors.public_spaces(city=city))["learners"]
        body = {
            "city": city.code,
            "space_users": users,
            "space_users_target": SPACE_USERS_TARGET,
            "application_target_pct": APPLICATION_TARGET_PCT,
            **{
                name: getattr(figures, name)
                for name in (
                    "enrolled",
                    "completed",
                    "completion_pct",
                    "respondents",
                    "applied",
                    "applied_pct",
                    "income_growth",
                    "by_target_group",
                    "by_sex",
                    "years",
                )
            },
            "cost_recovery": [
                {key: row[key] for key in ("group", "low", "high", "months_low", "months_high", "outcomes")}
                for row in figures.cost_recovery
            ],
        }
        return Response(ImpactOutput(body).data)
