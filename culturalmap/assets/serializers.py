"""GeoJSON output of the read API (assets here; districts, cities and markets in culturalmap.places).

The serializer classes describe the documents for the OpenAPI schema; `*_feature` functions build
them, so a feature's geometry is chosen in one place (the selectors' shown_geometry).
"""

import json

from rest_framework import serializers

from geodata.areas import place_ref

from .archetypes import LABEL_EN, LABEL_TH
from .models import Asset
from .places import shown_tambon
from .selectors import shown_geometry, shows_exact_location


class GeometrySerializer(serializers.Serializer):
    type = serializers.CharField()
    coordinates = serializers.JSONField()


class ProvinceRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()


class AreaRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()


class AssetPlaceSerializer(serializers.Serializer):
    tambon = AreaRefSerializer(help_text="Sub-district (ตำบล/แขวง), 6-digit DOPA code.")
    amphoe = AreaRefSerializer(help_text="District (อำเภอ/เขต), 4-digit DOPA code.")
    province = AreaRefSerializer()
    postcode = serializers.CharField()
    address_th = serializers.CharField(help_text="ตำบล… อำเภอ… จังหวัด… (แขวง… เขต… in Bangkok)")
    address_en = serializers.CharField(help_text="Tambon …, Amphoe …, … Province (Khwaeng/Khet in Bangkok)")


class AssetPropertiesSerializer(serializers.Serializer):
    code = serializers.CharField()
    url = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()
    description_th = serializers.CharField()
    description_en = serializers.CharField()
    archetype = serializers.CharField()
    archetype_th = serializers.CharField()
    archetype_en = serializers.CharField()
    period = serializers.CharField()
    keywords = serializers.ListField(child=serializers.CharField())
    province = ProvinceRefSerializer()
    place = AssetPlaceSerializer(
        allow_null=True,
        help_text="Where the shown point lies: a high-risk site's generalised point for the public.",
    )
    location_generalised = serializers.BooleanField(
        help_text="True when the geometry is a high-risk site's generalised point, not its location."
    )
    status = serializers.CharField(required=False, help_text="Curators only.")
    risk = serializers.CharField(required=False, help_text="Curators only.")


class AssetFeatureSerializer(serializers.Serializer):
    type = serializers.CharField(default="Feature")
    id = serializers.CharField()
    geometry = GeometrySerializer()
    properties = AssetPropertiesSerializer()


class AssetCollectionSerializer(serializers.Serializer):
    type = serializers.CharField(default="FeatureCollection")
    count = serializers.IntegerField(help_text="Matching assets in all pages.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.CharField(allow_null=True)
    previous = serializers.CharField(allow_null=True)
    features = AssetFeatureSerializer(many=True)


def geometry_json(geom) -> dict:
    return json.loads(geom.json)


def province_ref(province) -> dict:
    return {"code": province.code, "name_th": province.name_th, "name_en": province.name_en}


def asset_feature(asset: Asset, *, curator: bool) -> dict:
    exact = shows_exact_location(asset, curator=curator)
    place = place_ref(shown_tambon(asset, exact=curator))
    properties = {
        "code": asset.code,
        "url": asset.get_absolute_url(),
        "name_th": asset.name_th,
        "name_en": asset.name_en,
        "description_th": asset.description_th,
        "description_en": asset.description_en,
        "archetype": asset.archetype,
        "archetype_th": LABEL_TH.get(asset.archetype, ""),
        "archetype_en": LABEL_EN.get(asset.archetype, ""),
        "period": asset.period,
        "keywords": list(asset.keywords),
        "province": place["province"] if place else province_ref(asset.province),
        "place": place,
        "location_generalised": not exact,
    }
    if curator:
        properties.update(status=asset.status, risk=asset.risk)
    return {
        "type": "Feature",
        "id": asset.code,
        "geometry": geometry_json(shown_geometry(asset, curator=curator)),
        "properties": properties,
    }


# Query parameters shared by the GeoJSON list endpoints -------------------------------------------


class FeatureListQuerySerializer(serializers.Serializer):
    province = serializers.RegexField(
        r"^\d{2}$",
        required=False,
        allow_blank=True,
        help_text="Province code (2 digits).",
        error_messages={"invalid": "a province is its 2-digit code, e.g. 52"},
    )
    bbox = serializers.CharField(
        required=False, allow_blank=True, help_text="minlon,minlat,maxlon,maxlat (WGS84 degrees)."
    )
    page = serializers.IntegerField(required=False, min_value=1, default=1)
    page_size = serializers.IntegerField(required=False, min_value=1, max_value=1000, default=100)

    def validate_province(self, value: str) -> str | None:
        from geodata.models import Province

        if not value:
            return None
        if not Province.objects.filter(code=value).exists():
            raise serializers.ValidationError(f"no province has the code {value!r}")
        return value

    def validate_bbox(self, value: str) -> tuple[float, float, float, float] | None:
        if not value:
            return None
        try:
            west, south, east, north = (float(v) for v in value.split(","))
        except ValueError:
            raise serializers.ValidationError("bbox is minlon,minlat,maxlon,maxlat: four numbers") from None
        if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
            raise serializers.ValidationError(
                "bbox must have minlon < maxlon and minlat < maxlat, in degrees"
            )
        return west, south, east, north


def _area_code_field(digits: int, noun: str, example: str) -> serializers.RegexField:
    return serializers.RegexField(
        rf"^\d{{{digits}}}$",
        required=False,
        allow_blank=True,
        help_text=f"{noun.capitalize()} code, {digits} digits (DOPA).",
        error_messages={"invalid": f"a {noun} is its {digits}-digit DOPA code, e.g. {example}"},
    )


def _known_area(model, value: str, noun: str) -> str | None:
    if value and not model.objects.filter(code=value).exists():
        raise serializers.ValidationError(f"no {noun} has the code {value!r}")
    return value or None


class AssetListQuerySerializer(FeatureListQuerySerializer):
    category = serializers.CharField(
        required=False, allow_blank=True, help_text="Archetype code(s), comma-separated or repeated."
    )
    amphoe = _area_code_field(4, "district (อำเภอ/เขต)", "5201")
    tambon = _area_code_field(6, "sub-district (ตำบล/แขวง)", "520109")

    def validate_amphoe(self, value: str) -> str | None:
        from geodata.models import Amphoe

        return _known_area(Amphoe, value, "district")

    def validate_tambon(self, value: str) -> str | None:
        from geodata.models import Tambon

        return _known_area(Tambon, value, "sub-district")

    def validate_category(self, value: str) -> tuple[str, ...]:
        codes = tuple(dict.fromkeys(c.strip() for c in value.split(",") if c.strip()))
        unknown = [c for c in codes if c not in LABEL_EN]
        if unknown:
            raise serializers.ValidationError(
                f"unknown archetype(s) {', '.join(unknown)}; archetypes: {', '.join(LABEL_EN)}"
            )
        return codes


def query_data(query_params) -> dict:
    """Query parameters for a list serializer; a repeated `category` becomes one comma list."""
    data = {key: query_params.get(key) for key in query_params}
    if "category" in query_params:
        data["category"] = ",".join(query_params.getlist("category"))
    return data


def feature_page(request, queryset, *, page: int, page_size: int, feature) -> dict:
    """A FeatureCollection of one page of `queryset`, with count and links to the pages around it."""
    count = queryset.count()
    pages = max(1, -(-count // page_size))
    start = (page - 1) * page_size
    rows = list(queryset[start : start + page_size]) if page <= pages else []

    def link(number: int) -> str:
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(request.path + "?" + query.urlencode())

    return {
        "type": "FeatureCollection",
        "count": count,
        "page": page,
        "pages": pages,
        "next": link(page + 1) if page < pages else None,
        "previous": link(page - 1) if 1 < page <= pages + 1 else None,
        "features": [feature(row) for row in rows],
    }
