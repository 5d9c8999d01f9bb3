"""Learning-city API: read for everyone (spaces as GeoJSON), write for the city's team.

Writes go through the same services as the pages: 403 for someone outside the team, 400 with
the reason per field for bad input, 409 with the current record for a stale `version` (the services'
errors, answered by culturalmap.core.exceptions; each view's `represent` gives the current record).
"""

from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.utils import html
from rest_framework.views import APIView

from culturalmap.core.images import ImageRejected
from culturalmap.core.parsers import DepthLimitedJSONParser
from culturalmap.core.thai import ThaiInputError, parse_whole_number

from . import selectors, services
from .assessment.api import rating_rows
from .assessment.selectors import latest_approved
from .models import Audience, Challenge, LearningCity, SpaceType
from .services import PROFILE_FIELDS

VERSION_REQUIRED = "ต้องระบุ version ที่แก้ไขจาก / The version you edited is required."


def _version(request) -> int:
    value = request.data.get("version") if hasattr(request.data, "get") else None
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationError({"version": VERSION_REQUIRED})
    try:
        return parse_whole_number(value, separators=False)
    except ThaiInputError as exc:
        raise ValidationError({"version": f"{VERSION_REQUIRED} ({exc})"}) from exc


# --- serializers -------------------------------------------------------------------------------


class KeyFeatureOutput(serializers.Serializer):
    feature = serializers.CharField()
    group = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    rating = serializers.IntegerField(allow_null=True)
    note = serializers.CharField()


@extend_schema_serializer(component_name="LearningCityChallenge")
class ChallengeOutput(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    name_th = serializers.CharField()
    name_en = serializers.CharField()


CHALLENGES_OUTPUT = inline_serializer(
    "LearningCityChallenges",
    {challenge.value: ChallengeOutput(required=False) for challenge in Challenge},
    help_text="The rated challenges (1–5), keyed by code; one not rated is absent. A name typed before "
    "challenges had codes, not on the list, is kept as its own key with a blank name_en.",
)


class CityOutput(serializers.ModelSerializer):
    url = serializers.CharField(source="get_absolute_url")
    province = serializers.CharField(source="province.code")
    province_name_th = serializers.CharField(source="province.name_th")
    location = serializers.SerializerMethodField()
    challenges = serializers.SerializerMethodField()

    class Meta:
        model = LearningCity
        fields = [
            "code",
            "url",
            "province",
            "province_name_th",
            "joined_year",
            "approved_on",
            "location",
            *PROFILE_FIELDS,
            "version",
            "updated_at",
        ]

    def get_location(self, city) -> list[float]:
        return [city.location.x, city.location.y]

    @extend_schema_field(CHALLENGES_OUTPUT)
    def get_challenges(self, city) -> dict:
        return {
            row["challenge"]: {"rating": row["rating"], "name_th": row["name_th"], "name_en": row["name_en"]}
            for row in selectors.challenge_rows(city.challenges)
        }


class CityDetailOutput(CityOutput):
    key_features_year = serializers.SerializerMethodField()
    key_features = serializers.SerializerMethodField()

    class Meta(CityOutput.Meta):
        fields = [*CityOutput.Meta.fields, "key_features_year", "key_features"]

    def _approved(self, city):
        if not hasattr(city, "_approved_assessment"):
            city._approved_assessment = latest_approved(city)
        return city._approved_assessment

    def get_key_features_year(self, city) -> int | None:
        """The latest approved self-assessment's year; its ratings are `key_features`."""
        approved = self._approved(city)
        return approved.year if approved else None

    @extend_schema_field(KeyFeatureOutput(many=True))
    def get_key_features(self, city) -> list[dict]:
        return [
            {key: row[key] for key in KeyFeatureOutput().fields} for row in rating_rows(self._approved(city))
        ]


class FormDictField(serializers.DictField):
    """A DictField that reads a form-encoded value as what it is. DRF reads `challenges=text` in a
    form as an empty dict, so a PATCH with a string cleared every rating; here a non-empty string is
    refused (a 400: "Expected a dictionary") and an empty one still clears."""

    def get_value(self, dictionary):
        if html.is_html_input(dictionary) and dictionary.get(self.field_name):
            return dictionary.get(self.field_name)
        return super().get_value(dictionary)


class CityPatchInput(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)
    name_th = serializers.CharField(max_length=300, required=False)
    name_en = serializers.CharField(max_length=300, required=False)
    local_government_th = serializers.CharField(max_length=300, required=False, allow_blank=True)
    local_government_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    website = serializers.URLField(required=False, allow_blank=True)
    mayor = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    data_year = serializers.IntegerField(min_value=1900, max_value=2100, required=False, allow_null=True)
    population = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    area_km2 = serializers.DecimalField(
        max_digits=10, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    gdp_per_capita_city_usd = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    gdp_per_capita_country_usd = serializers.DecimalField(
        max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    schooling_years_men = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, max_value=30, required=False, allow_null=True
    )
    schooling_years_women = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=0, max_value=30, required=False, allow_null=True
    )
    motivation = serializers.CharField(required=False, allow_blank=True)
    implementation = serializers.CharField(required=False, allow_blank=True)
    challenges = FormDictField(
        child=serializers.IntegerField(min_value=1, max_value=5),
        required=False,
        help_text="Each rated challenge's code: 1–5; replaces the whole set. "
        f"Codes: {', '.join(Challenge.values)}",
    )


class SpaceWriteInput(serializers.Serializer):
    name_th = serializers.CharField(max_length=300)
    name_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    space_type = serializers.ChoiceField(choices=SpaceType.choices)
    geometry = serializers.JSONField(
        help_text="GeoJSON geometry (WGS84): Point or Polygon; a LineString "
        "of at least 2 points for a learning_route."
    )
    description_th = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    opening_hours = serializers.CharField(max_length=300, required=False, allow_blank=True)
    programmes = serializers.CharField(required=False, allow_blank=True)
    audiences = serializers.ListField(child=serializers.ChoiceField(choices=Audience.choices), required=False)
    accessibility = serializers.CharField(required=False, allow_blank=True)
    contact = serializers.CharField(max_length=300, required=False, allow_blank=True)
    learners_per_year = serializers.IntegerField(min_value=0, required=False, allow_null=True)
    status = serializers.ChoiceField(choices=["published", "draft"], required=False)

    def space_data(self) -> dict:
        data = dict(self.validated_data)
        data.pop("city", None)
        data.pop("version", None)
        if "geometry" in data:
            data["geom"] = data.pop("geometry")
        return data


class SpaceCreateInput(SpaceWriteInput):
    city = serializers.CharField(help_text="The learning city's code (LC-…).")


class SpacePatchInput(SpaceWriteInput):
    version = serializers.IntegerField(min_value=1, help_text="The version the edit started from.")


GEOJSON_FEATURE = inline_serializer(
    "LearningSpaceFeature",
    {
        "type": serializers.CharField(),
        "id": serializers.CharField(),
        "geometry": serializers.JSONField(),
        "properties": serializers.JSONField(),
    },
)
GEOJSON_COLLECTION = inline_serializer(
    "LearningSpaceFeatureCollection",
    {
        "type": serializers.CharField(),
        "features": GEOJSON_FEATURE.__class__(many=True),
    },
)
CONFLICT = OpenApiResponse(description="Stale `version`: someone saved a newer one; the body holds it.")


# --- cities --------------------------------------------------------------------------------------


class CityListApi(APIView):
    @extend_schema(
        responses=CityOutput(many=True), tags=["learning cities"], operation_id="learning_cities_list"
    )
    def get(self, request):
        return Response(CityOutput(selectors.public_cities(), many=True).data)


class CityDetailApi(APIView):
    @extend_schema(responses=CityDetailOutput, tags=["learning cities"])
    def get(self, request, code: str):
        city = selectors.city_for_viewer(code=code, user=request.user)
        return Response(CityDetailOutput(city).data)

    @extend_schema(
        request=CityPatchInput,
        tags=["learning cities"],
        responses={200: CityDetailOutput, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT, 409: CONFLICT},
    )
    def patch(self, request, code: str):
        city = selectors.city_for_viewer(code=code, user=request.user)
        services.require_team(request.user, city)
        if "key_features" in request.data:  # never dropped silently: say where the ratings go now
            raise ValidationError(
                {
                    "key_features": "ให้คะแนน Key Features ในการประเมินตนเองรายปี / Rate the Key Features in"
                    f" a yearly self-assessment: /api/learning-cities/{city.code}/assessments/"
                }
            )
        serializer = CityPatchInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = data.pop("version")
        updated = services.city_profile_update(user=request.user, city=city, version=version, data=data)
        return Response(CityDetailOutput(updated).data)

    def represent(self, record):
        return CityDetailOutput(record).data


# --- spaces --------------------------------------------------------------------------------------


class SpaceListApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(
        operation_id="learning_spaces_list",
        responses={
            (200, "application/geo+json"): GEOJSON_COLLECTION,
            404: OpenApiResponse(description="No such learning city (`city=`), or not a public one."),
        },
        tags=["learning spaces"],
        parameters=[
            OpenApiParameter(
                "city",
                str,
                description="Only this learning city's spaces (its code).",
                pattern=r"^LC-[0-9A-Z]+$",
            ),
            OpenApiParameter("type", str, description="Only this space type.", enum=SpaceType.values),
        ],
    )
    def get(self, request):
        city = None
        if request.query_params.get("city"):
            city = selectors.city_for_viewer(code=request.query_params["city"], user=None)
        spaces = selectors.public_spaces(city=city)
        if request.query_params.get("type"):
            spaces = spaces.filter(space_type=request.query_params["type"])
        return Response(selectors.spaces_geojson(spaces), content_type="application/geo+json")

    @extend_schema(
        request=SpaceCreateInput,
        tags=["learning spaces"],
        responses={201: GEOJSON_FEATURE, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        serializer = SpaceCreateInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        city = (
            LearningCity.objects.select_related("province")
            .filter(code=serializer.validated_data["city"])
            .first()
        )
        if city is None:
            raise ValidationError({"city": "ไม่พบเมืองแห่งการเรียนรู้นี้ / No such learning city."})
        space = services.space_create(user=request.user, city=city, data=serializer.space_data())
        return Response(_detail(space.code, request.user), status=status.HTTP_201_CREATED)


def _detail(code: str, user) -> dict:
    return selectors.space_feature(selectors.space_for_viewer(code=code, user=user), detail=True)


class SpaceDetailApi(APIView):
    parser_classes = [DepthLimitedJSONParser]

    @extend_schema(responses={(200, "application/geo+json"): GEOJSON_FEATURE}, tags=["learning spaces"])
    def get(self, request, code: str):
        return Response(_detail(code, request.user), content_type="application/geo+json")

    @extend_schema(
        request=SpacePatchInput(partial=True),
        tags=["learning spaces"],
        responses={200: GEOJSON_FEATURE, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT, 409: CONFLICT},
    )
    def patch(self, request, code: str):
        space = selectors.space_for_viewer(code=code, user=request.user)
        services.require_team(request.user, space.city)
        serializer = SpacePatchInput(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = services.space_update(
            user=request.user, space=space, version=_version(request), data=serializer.space_data()
        )
        return Response(_detail(updated.code, request.user))

    def represent(self, record):
        return selectors.space_feature(record, detail=True)


class SpaceRetireApi(APIView):
    parser_classes = [DepthLimitedJSONParser, FormParser]

    @extend_schema(
        request=inline_serializer("RetireInput", {"version": serializers.IntegerField()}),
        tags=["learning spaces"],
        responses={200: GEOJSON_FEATURE, 403: OpenApiTypes.OBJECT, 409: CONFLICT},
    )
    def post(self, request, code: str):
        space = selectors.space_for_viewer(code=code, user=request.user)
        services.require_team(request.user, space.city)
        retired = services.space_retire(user=request.user, space=space, version=_version(request))
        return Response(_detail(retired.code, request.user))

    def represent(self, record):
        return selectors.space_feature(record, detail=True)


class SpacePhotoApi(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={
            "multipart/form-data": inline_serializer(
                "PhotoUpload",
                {
                    "photo": serializers.FileField(),
                    "caption_th": serializers.CharField(required=False),
                    "caption_en": serializers.CharField(required=False),
                },
            )
        },
        responses={201: GEOJSON_FEATURE, 400: OpenApiTypes.OBJECT, 403: OpenApiTypes.OBJECT},
        tags=["learning spaces"],
    )
    def post(self, request, code: str):
        space = selectors.space_for_viewer(code=code, user=request.user)
        services.require_team(request.user, space.city)
        photo = request.FILES.get("photo")
        if photo is None:
            raise ImageRejected("ต้องแนบไฟล์ photo / Attach the image as `photo`.", code="missing")
        services.space_photo_add(
            user=request.user,
            space=space,
            photo=photo,
            caption_th=request.data.get("caption_th", ""),
            caption_en=request.data.get("caption_en", ""),
        )
        return Response(_detail(space.code, request.user), status=status.HTTP_201_CREATED)
