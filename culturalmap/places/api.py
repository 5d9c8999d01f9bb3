"""GeoJSON read API of cultural districts, cities and markets: a list (paged, filtered) and one record."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from culturalmap.assets.serializers import FeatureListQuerySerializer, feature_page, query_data
from culturalmap.core.exceptions import RecordNotFound

from . import selectors
from .serializers import (
    PlaceCollectionSerializer,
    PlaceFeatureSerializer,
    city_feature,
    district_feature,
    market_feature,
)

_BAD = OpenApiResponse(description="A bad filter, named.")
_CODE = OpenApiParameter("code", str, OpenApiParameter.PATH)


class _PlaceListApi(APIView):
    permission_classes = [AllowAny]
    select = None  # selector(user=, province=, bbox=)
    feature = None

    def get(self, request):
        params = FeatureListQuerySerializer(data=query_data(request.query_params))
        params.is_valid(raise_exception=True)
        p = params.validated_data
        records = type(self).select(user=request.user, province=p.get("province"), bbox=p.get("bbox"))
        return Response(
            feature_page(
                request, records, page=p["page"], page_size=p["page_size"], feature=type(self).feature
            )
        )


class _PlaceDetailApi(APIView):
    permission_classes = [AllowAny]
    find = None  # selector(code, user)
    feature = None
    noun = "record"

    def get(self, request, code: str):
        record = type(self).find(code, request.user)
        if record is None:
            raise RecordNotFound(f"no {self.noun} has the code {code!r}")
        return Response(type(self).feature(record))


def _list_schema(operation_id: str):
    return extend_schema(
        operation_id=operation_id,
        parameters=[FeatureListQuerySerializer],
        responses={200: PlaceCollectionSerializer, 400: _BAD},
    )


def _detail_schema(operation_id: str):
    return extend_schema(
        operation_id=operation_id,
        parameters=[_CODE],
        responses={200: PlaceFeatureSerializer, 404: OpenApiResponse(description="No such record.")},
    )


@extend_schema(summary="Cultural districts as a GeoJSON FeatureCollection")
class DistrictListApi(_PlaceListApi):
    select = selectors.districts_for_map
    feature = district_feature

    @_list_schema("districts_list")
    def get(self, request):
        return super().get(request)


@extend_schema(summary="One cultural district as a GeoJSON Feature")
class DistrictDetailApi(_PlaceDetailApi):
    find = selectors.district_by_code
    feature = district_feature
    noun = "district"

    @_detail_schema("district_retrieve")
    def get(self, request, code: str):
        return super().get(request, code)


@extend_schema(summary="Cultural cities as a GeoJSON FeatureCollection")
class CityListApi(_PlaceListApi):
    select = selectors.cities_for_map
    feature = city_feature

    @_list_schema("cultural_cities_list")
    def get(self, request):
        return super().get(request)


@extend_schema(summary="One cultural city as a GeoJSON Feature")
class CityDetailApi(_PlaceDetailApi):
    find = selectors.city_by_code
    feature = city_feature
    noun = "cultural city"

    @_detail_schema("cultural_city_retrieve")
    def get(self, request, code: str):
        return super().get(request, code)


@extend_schema(summary="Cultural markets as a GeoJSON FeatureCollection")
class MarketListApi(_PlaceListApi):
    select = selectors.markets_for_map
    feature = market_feature

    @_list_schema("markets_list")
    def get(self, request):
        return super().get(request)


@extend_schema(summary="One cultural market as a GeoJSON Feature")
class MarketDetailApi(_PlaceDetailApi):
    find = selectors.market_by_code
    feature = market_feature
    noun = "market"

    @_detail_schema("market_retrieve")
    def get(self, request, code: str):
        return super().get(request, code)
