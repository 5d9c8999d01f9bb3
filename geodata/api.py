"""GET /api/places/?q=: provinces, districts and sub-districts by name, for the map's place picker."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .areas import Place, places_starting

MAX_PLACES = 20


class PlaceQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        max_length=100,
        help_text="A name being typed, Thai or English, with or without ตำบล/อำเภอ/จังหวัด "
        "('บ้านแลง ลำป', 'อ.เกาะคา', 'Ban Laeng'); at least two letters.",
    )
    limit = serializers.IntegerField(required=False, min_value=1, max_value=MAX_PLACES, default=10)


class PlaceSerializer(serializers.Serializer):
    level = serializers.ChoiceField(choices=["province", "amphoe", "tambon"])
    code = serializers.CharField(help_text="DOPA code: 2, 4 or 6 digits.")
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    label_th = serializers.CharField(help_text="With its district and province: ตำบลบ้านแลง อำเภอเมืองลำปาง …")
    label_en = serializers.CharField()
    bbox = serializers.ListField(child=serializers.FloatField(), help_text="west, south, east, north")


class PlaceListSerializer(serializers.Serializer):
    results = PlaceSerializer(many=True)


def place_document(place: Place) -> dict:
    return {
        "level": place.level,
        "code": place.code,
        "name_th": place.name_th,
        "name_en": place.name_en,
        "label_th": place.label_th,
        "label_en": place.label_en,
        "bbox": list(place.bbox),
    }


class PlaceLookupApi(APIView):
    authentication_classes: list = []  # public data only
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="places_lookup",
        summary="Provinces, districts (อำเภอ/เขต) and sub-districts (ตำบล/แขวง) by name",
        parameters=[PlaceQuerySerializer],
        responses={200: PlaceListSerializer, 400: OpenApiResponse(description="No or an over-long q.")},
    )
    def get(self, request):
        params = PlaceQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = places_starting(params.validated_data["q"], limit=params.validated_data["limit"])
        return Response({"results": [place_document(p) for p in found]})
