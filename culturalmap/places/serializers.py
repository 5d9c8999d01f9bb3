"""GeoJSON documents of districts, cultural cities and markets (and their OpenAPI description)."""

from rest_framework import serializers

from culturalmap.assets.serializers import (
    FeatureListQuerySerializer,  # noqa: F401  (the list endpoints' query, shared with assets)
    GeometrySerializer,
    ProvinceRefSerializer,
    geometry_json,
    province_ref,
)


class PlacePropertiesSerializer(serializers.Serializer):
    code = serializers.CharField()
    url = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    description_th = serializers.CharField()
    description_en = serializers.CharField()
    province = ProvinceRefSerializer()
    city = serializers.CharField(
        required=False, allow_null=True, help_text="Districts: the cultural city's code."
    )
    district = serializers.CharField(required=False, help_text="Markets: the district's code.")
    opened_on = serializers.DateField(required=False, help_text="Markets.")
    registered_vendors = serializers.IntegerField(required=False, help_text="Markets.")


class PlaceFeatureSerializer(serializers.Serializer):
    type = serializers.CharField(default="Feature")
    id = serializers.CharField()
    geometry = GeometrySerializer()
    properties = PlacePropertiesSerializer()


class PlaceCollectionSerializer(serializers.Serializer):
    type = serializers.CharField(default="FeatureCollection")
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    features = PlaceFeatureSerializer(many=True)


def _feature(record, geometry, **extra) -> dict:
    properties = {
        "code": record.code,
        "url": record.get_absolute_url(),
        "name_th": record.name_th,
        "name_en": record.name_en,
        "description_th": record.description_th,
        "description_en": record.description_en,
        "province": province_ref(record.province),
        **extra,
    }
    return {
        "type": "Feature",
        "id": record.code,
        "geometry": geometry_json(geometry),
        "properties": properties,
    }


def district_feature(district) -> dict:
    return _feature(district, district.geom, city=district.city.code if district.city_id else None)


def city_feature(city) -> dict:
    return _feature(city, city.location)


def market_feature(market) -> dict:
    return _feature(
        market,
        market.location,
        district=market.district.code,
        opened_on=market.opened_on.isoformat(),
        registered_vendors=market.registered_vendors,
    )
