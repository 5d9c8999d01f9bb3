"""The Key Features self-assessment in the API: approved years for everyone; every year, the ratings,
submission and the curator's review for the city's team and curators. Refusals are the services',
answered by the one handler (400 naming `ratings.<feature>.<part>`, 403, 409 locked or stale)."""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from culturalmap.core.images import ImageRejected
from culturalmap.core.parsers import DepthLimitedJSONParser
from learningcity import selectors as city_selectors
from learningcity.models import KeyFeature
from learningcity.services import require_team

from . import selectors, services

TAGS = ["learning cities: Key Features self-assessment"]
ERRORS = {
    400: OpenApiTypes.OBJECT,
    403: OpenApiTypes.OBJECT,
    409: OpenApiResponse(description="Locked (submitted or approved), or a stale `version`."),
}


class EvidencePhotoOutput(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    thumbnail_url = serializers.CharField(source="get_thumbnail_url")
    caption = serializers.CharField()


class RatingOutput(serializers.Serializer):
    feature = serializers.CharField()
    group = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True, help_text="1–5; null: not yet assessed.")
    note = serializers.CharField(help_text="The evidence, in words.")
    links = serializers.ListField(child=serializers.URLField())
    photos = EvidencePhotoOutput(many=True)


class AssessmentOutput(serializers.Serializer):
    city = serializers.CharField(source="city.code")
    year = serializers.IntegerField()
    url = serializers.CharField(source="get_absolute_url")
    status = serializers.CharField()
    version = serializers.IntegerField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    reviewed_at = serializers.DateTimeField(allow_null=True)
    review_comment = serializers.CharField()


class AssessmentDetailOutput(AssessmentOutput):
    ratings = serializers.SerializerMethodField()

    def get_ratings(self, assessment) -> list[dict]:
        return rating_rows(assessment)


def rating_rows(assessment) -> list[dict]:
    """The 12 Key Features of a year (or, with None, all "not yet assessed")."""
    return RatingOutput(
        [
            {**row, "group": group["group"]}
            for group in selectors.key_feature_table(assessment)
            for row in group["features"]
        ],
        many=True,
    ).data


class RatingInput(serializers.Serializer):
    rating = serializers.IntegerField(
        allow_null=True, required=False, help_text="1–5, or null: not assessed."
    )
    note = serializers.CharField(allow_blank=True, required=False)
    links = serializers.ListField(child=serializers.CharField(), required=False)


class RatingsPatchInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    ratings = serializers.DictField(
        child=RatingInput(),
        help_text=f"Keyed by Key Feature: {', '.join(KeyFeature.values)}; others keep theirs.",
    )


class StartInput(serializers.Serializer):
    year = serializers.IntegerField(help_text="The assessment year (CE).")


class ReviewInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    decision = serializers.ChoiceField(choices=["approve", "return"])
    comment = serializers.CharField(allow_blank=True, required=False, help_text="Required to send it back.")


VERSION_INPUT = inline_serializer(
    "AssessmentVersionInput", {"version": serializers.IntegerField(min_value=1)}
)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


def _year_of(request, code: str, year: int):
    city = city_selectors.city_for_viewer(code=code, user=request.user)
    return selectors.assessment_for_viewer(city=city, year=year, user=request.user)


class AssessmentListApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(
        responses=AssessmentDetailOutput(many=True), tags=TAGS, operation_id="learning_city_assessments_list"
    )
    def get(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        return Response(
            AssessmentDetailOutput(
                selectors.assessments_for_viewer(city=city, user=request.user), many=True
            ).data
        )

    @extend_schema(request=StartInput, responses={201: AssessmentDetailOutput, **ERRORS}, tags=TAGS)
    def post(self, request, code: str):
        city = city_selectors.city_for_viewer(code=code, user=request.user)
        require_team(request.user, city)
        assessment = services.self_assessment_start(
            user=request.user, city=city, year=_valid(StartInput, request)["year"]
        )
        return Response(AssessmentDetailOutput(assessment).data, status=status.HTTP_201_CREATED)


class AssessmentDetailApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses=AssessmentDetailOutput, tags=TAGS)
    def get(self, request, code: str, year: int):
        return Response(AssessmentDetailOutput(_year_of(request, code, year)).data)

    @extend_schema(request=RatingsPatchInput, responses={200: AssessmentDetailOutput, **ERRORS}, tags=TAGS)
    def patch(self, request, code: str, year: int):
        assessment = _year_of(request, code, year)
        require_team(request.user, assessment.city)
        data = _valid(RatingsPatchInput, request)
        updated = services.self_assessment_save(
            user=request.user,
            assessment=assessment,
            version=data["version"],
            ratings={feature: dict(entry) for feature, entry in data["ratings"].items()},
        )
        return Response(
            AssessmentDetailOutput(
                selectors.assessment_for_viewer(city=updated.city, year=year, user=request.user)
            ).data
        )


class AssessmentSubmitApi(APIView):
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(request=VERSION_INPUT, responses={200: AssessmentDetailOutput, **ERRORS}, tags=TAGS)
    def post(self, request, code: str, year: int):
        assessment = _year_of(request, code, year)
        require_team(request.user, assessment.city)
        version = _valid(VERSION_INPUT.__class__, request)["version"]
        updated = services.self_assessment_submit(user=request.user, assessment=assessment, version=version)
        return Response(AssessmentDetailOutput(updated).data)


class AssessmentReviewApi(APIView):
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(request=ReviewInput, responses={200: AssessmentDetailOutput, **ERRORS}, tags=TAGS)
    def post(self, request, code: str, year: int):
        assessment = _year_of(request, code, year)
        data = _valid(ReviewInput, request)
        updated = services.self_assessment_review(
            user=request.user,
            assessment=assessment,
            version=data["version"],
            approve=data["decision"] == "approve",
            comment=data.get("comment", ""),
        )
        return Response(AssessmentDetailOutput(updated).data)


class EvidencePhotoApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "EvidencePhotoUpload",
                {
                    "feature": serializers.ChoiceField(choices=KeyFeature.values),
                    "photo": serializers.FileField(),
                    "caption": serializers.CharField(required=False),
                },
            )
        },
        responses={201: AssessmentDetailOutput, **ERRORS},
        tags=TAGS,
    )
    def post(self, request, code: str, year: int):
        assessment = _year_of(request, code, year)
        require_team(request.user, assessment.city)
        photo = request.FILES.get("photo")
        if photo is None:
            raise ImageRejected("ต้องแนบไฟล์ photo / Attach the image as `photo`.", code="missing")
        feature = request.data.get("feature", "")
        if not feature:
            raise ValidationError({"feature": "ต้องระบุ Key Feature / Name the Key Feature."})
        services.key_feature_photo_add(
            user=request.user,
            assessment=assessment,
            feature=feature,
            photo=photo,
            caption=request.data.get("caption", ""),
        )
        fresh = selectors.assessment_for_viewer(city=assessment.city, year=year, user=request.user)
        return Response(AssessmentDetailOutput(fresh).data, status=status.HTTP_201_CREATED)
