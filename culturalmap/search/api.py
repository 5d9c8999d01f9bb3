"""GET /api/search/: the catalogue search as JSON, for the map and anyone else."""

from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.validators import ProhibitSurrogateCharactersValidator
from rest_framework.views import APIView

from culturalmap.core import records
from culturalmap.core.exceptions import DomainError
from geodata.api import PlaceSerializer, place_document

from . import sync
from .places import read_address
from .selectors import (
    ARCHETYPE_KIND,
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    SORTS,
    SearchFilters,
    known_categories,
    known_concepts,
    known_places,
    known_provinces,
    known_regions,
    search_catalogue,
)

MAX_QUERY_LENGTH = 200


NUL_MESSAGE = gettext_lazy("มีอักขระ NUL ซึ่งใช้ไม่ได้")


class TextField(serializers.CharField):
    """A CharField whose refusal of NUL and surrogate characters follows the page language.

    Django and DRF word those two in English only, whatever the language.
    """

    def __init__(self, *, nul_message=NUL_MESSAGE, **kwargs):
        super().__init__(**kwargs)
        for validator in self.validators:
            if isinstance(validator, ProhibitNullCharactersValidator):
                validator.message = nul_message
            elif isinstance(validator, ProhibitSurrogateCharactersValidator):
                validator.message = gettext_lazy("มีอักขระที่ใช้ไม่ได้ (U+{code_point:X})")


class CommaSeparatedChoices(TextField):
    """One value or several separated by commas, each from a known set; a tuple of them."""

    def __init__(self, *, choices, **kwargs):
        self.choices_of = choices
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> tuple[str, ...]:
        text = super().to_internal_value(data)
        values = tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))
        known = self.choices_of() if callable(self.choices_of) else self.choices_of
        unknown = [v for v in values if v not in known]
        if unknown:
            raise serializers.ValidationError(
                _("ไม่รู้จัก %(values)s (ใช้ได้: %(known)s)")
                % {"values": ", ".join(unknown), "known": ", ".join(sorted(known))}
            )
        return values


class PlaceCodes(TextField):
    """District (4-digit) or sub-district (6-digit) DOPA codes, comma-separated; a tuple of them."""

    def __init__(self, *, digits: int, **kwargs):
        self.digits = digits
        super().__init__(**kwargs)

    def to_internal_value(self, data) -> tuple[str, ...]:
        text = super().to_internal_value(data)
        codes = tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))
        known = known_places()
        unknown = [c for c in codes if len(c) != self.digits or c not in known]
        if unknown:
            example = "5201" if self.digits == 4 else "520109"
            raise serializers.ValidationError(
                _("ไม่รู้จักรหัส %(values)s: ใช้รหัส DOPA %(digits)s หลัก เช่น %(example)s")
                % {"values": ", ".join(unknown), "digits": self.digits, "example": example}
            )
        return codes


class SearchParamsSerializer(serializers.Serializer):
    q = TextField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        max_length=MAX_QUERY_LENGTH,
        default="",
        error_messages={
            "max_length": gettext_lazy(
                # {max_length} is filled in by DRF, %(show_value)d (the length typed) by Django's validator.
                "คำค้นยาวเกินไป: พิมพ์ได้ไม่เกิน {max_length} ตัวอักษร (พิมพ์มา %(show_value)d ตัวอักษร)"
            )
        },
        nul_message=gettext_lazy("คำค้นมีอักขระ NUL ซึ่งใช้ไม่ได้"),
        help_text=f"Words to find, Thai, English or romanised Thai; at most {MAX_QUERY_LENGTH} characters. "
        "Blank: every record within the filters.",
    )
    # No default for the optional filters: a default of () went into the OpenAPI schema as "()",
    # which the docs' "Try it out" sent back as a value (a 400). Absent means no filter.
    kind = CommaSeparatedChoices(
        choices=records.codes,
        required=False,
        help_text="Record kind(s), comma-separated: " + ", ".join(records.codes()),
    )
    category = CommaSeparatedChoices(
        choices=known_categories,
        required=False,
        help_text="Archetype of an asset or type of a learning space.",
    )
    archetype = CommaSeparatedChoices(
        choices=lambda: {c.code for c in records.get(ARCHETYPE_KIND).categories},
        required=False,
        help_text="Asset archetype(s) that narrow the assets only; records of other kinds are kept "
        "(as the map's list does beside its archetype boxes).",
    )
    province = CommaSeparatedChoices(
        choices=known_provinces, required=False, help_text="Province code(s) (2 digits, DOPA)."
    )
    region = CommaSeparatedChoices(
        choices=known_regions, required=False, help_text="Region code(s), e.g. UpperNorth, South."
    )
    amphoe = PlaceCodes(digits=4, required=False, help_text="District (อำเภอ/เขต) code(s), 4 digits (DOPA).")
    tambon = PlaceCodes(
        digits=6, required=False, help_text="Sub-district (ตำบล/แขวง) code(s), 6 digits (DOPA)."
    )
    concept = CommaSeparatedChoices(
        choices=known_concepts,
        required=False,
        help_text="Heritage thesaurus concept key(s): records tagged with any (temple, nang_talung…).",
    )
    bbox = TextField(required=False, help_text="Map area: minlon,minlat,maxlon,maxlat (WGS84 degrees).")
    sort = serializers.ChoiceField(
        choices=SORTS,
        required=False,
        default="relevance",
        help_text="relevance (best first: the name, then the text, the record's quality and views) or "
        "views (most viewed first).",
    )
    explain = serializers.BooleanField(
        required=False, default=False, help_text="1: each result says what its place is made of (`score`)."
    )
    facets = serializers.BooleanField(
        required=False,
        default=True,
        help_text="0: no facet counts (`facets` is null), for a client that shows none, as the map's list.",
    )
    page = serializers.IntegerField(required=False, default=1, min_value=1)
    page_size = serializers.IntegerField(
        required=False, default=DEFAULT_PAGE_SIZE, min_value=1, max_value=MAX_PAGE_SIZE
    )

    def validate_bbox(self, value: str) -> tuple[float, float, float, float]:
        try:
            numbers = tuple(float(v) for v in value.split(","))
        except ValueError:
            numbers = ()
        if len(numbers) != 4 or any(n != n for n in numbers):  # n != n: NaN
            raise serializers.ValidationError(
                _("bbox ต้องเป็นตัวเลข 4 ค่า minlon,minlat,maxlon,maxlat เช่น 99.0,18.0,99.8,18.6")
            )
        minlon, minlat, maxlon, maxlat = numbers
        if not (-180 <= minlon <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
            raise serializers.ValidationError(
                _("bbox ไม่ถูกต้อง: ต้องเป็น minlon ≤ maxlon ในช่วง −180..180 และ minlat ≤ maxlat ในช่วง −90..90")
            )
        return numbers

    def filters(self) -> SearchFilters:
        data = self.validated_data
        return SearchFilters(
            kinds=data.get("kind", ()),
            categories=data.get("category", ()),
            provinces=data.get("province", ()),
            regions=data.get("region", ()),
            amphoes=data.get("amphoe", ()),
            tambons=data.get("tambon", ()),
            bbox=data.get("bbox"),
            asset_archetypes=data.get("archetype", ()),
            concepts=data.get("concept", ()),
        )


class ProvinceSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_th = serializers.CharField()
    name_en = serializers.CharField()


class ConceptSerializer(serializers.Serializer):
    key = serializers.CharField()
    label_th = serializers.CharField()
    label_en = serializers.CharField()


class ScoreSerializer(serializers.Serializer):
    name_match = serializers.ChoiceField(
        choices=["exact_name", "name_prefix", "concept", ""],
        allow_blank=True,
        help_text="The whole name is the query (first), starts with it or is tagged with the concept the "
        "whole query names (next), or neither.",
    )
    text = serializers.FloatField(help_text="The words' match over the best match's, 0..1.")
    quality = serializers.FloatField(help_text="Completeness, images, designations, concept tags: 0..1.")
    popularity = serializers.FloatField(
        help_text="Views, on a log scale over the most viewed record's: 0..1."
    )
    score = serializers.FloatField(
        help_text="text · w.text + quality · w.quality + popularity · w.popularity"
    )
    weights = serializers.DictField(child=serializers.FloatField())


class SuggestionSerializer(serializers.Serializer):
    q = serializers.CharField(help_text="The query with its unknown words replaced.")
    html = serializers.CharField(help_text="The same, the replaced words in <mark>.")
    count = serializers.IntegerField(help_text="How many records it finds.")


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=records.codes())
    code = serializers.CharField(help_text="Permalink code: the record's page and API use it.")
    ref = serializers.CharField(allow_null=True, help_text="Identifier in the source it was imported from.")
    name_th = serializers.CharField(allow_blank=True)
    name_en = serializers.CharField(allow_blank=True)
    category = serializers.CharField(
        allow_null=True, help_text="Archetype (asset) or space type (learning space)."
    )
    province = ProvinceSerializer()
    region = serializers.CharField()
    amphoe = serializers.CharField(allow_null=True, help_text="District code of the shown point.")
    tambon = serializers.CharField(allow_null=True, help_text="Sub-district code of the shown point.")
    lon = serializers.FloatField(allow_null=True, help_text="Public location: generalised for at-risk sites.")
    lat = serializers.FloatField(allow_null=True)
    url = serializers.CharField(help_text="The record's permanent page.")
    highlights = serializers.DictField(
        child=serializers.CharField(),
        help_text="Matched words in <mark>, the rest HTML-escaped: name_th, name_en, and snippets of "
        "description_th, description_en.",
    )
    snippet = serializers.CharField(
        allow_blank=True,
        help_text="The passage of the description that matched (Thai, else English), the query's words "
        "in <mark>, the rest HTML-escaped; blank when the words are only in the name or tags.",
    )
    concepts = ConceptSerializer(
        many=True, help_text="The concepts the query named that the record is tagged with: why it matched."
    )
    views = serializers.IntegerField(help_text="How often its page was viewed (with the views it came with).")
    score = ScoreSerializer(allow_null=True, help_text="With explain=1: what its place is made of.")


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField()
    label_th = serializers.CharField()
    label_en = serializers.CharField()
    count = serializers.IntegerField()


class FacetsSerializer(serializers.Serializer):
    kind = FacetValueSerializer(many=True)
    category = FacetValueSerializer(many=True)
    province = FacetValueSerializer(many=True)
    region = FacetValueSerializer(many=True)
    amphoe = FacetValueSerializer(many=True, help_text="The 50 commonest districts.")
    tambon = FacetValueSerializer(many=True, help_text="The 50 commonest sub-districts.")
    concept = FacetValueSerializer(
        many=True, help_text="The 20 commonest thesaurus concepts (not the archetypes: see category)."
    )


class SearchResponseSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="Records matching, over every page.")
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    page_size = serializers.IntegerField()
    all_words = serializers.BooleanField(
        help_text="False when no record matched every word and records matching some are listed."
    )
    suggestion = SuggestionSerializer(
        allow_null=True, help_text="Did you mean: offered when a word of the query is unknown to the index."
    )
    concepts = ConceptSerializer(
        many=True, help_text="The concepts the query's words named: their records are found too."
    )
    sort = serializers.ChoiceField(choices=SORTS)
    results = SearchResultSerializer(many=True)
    facets = FacetsSerializer(
        allow_null=True, help_text="Counts over all matching records; null with facets=0."
    )
    place = PlaceSerializer(
        allow_null=True,
        help_text="A query that names one district or sub-district in full (ตำบลบ้านแลง, บ้านแลง ลำปาง) "
        "lists what lies there: this is that place, and `results` are its records.",
    )
    places = PlaceSerializer(many=True, help_text="Every district or sub-district the query names in full.")


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


def error_detail(errors: dict) -> str:
    return "; ".join(f"{name}: {' '.join(str(m) for m in messages)}" for name, messages in errors.items())


def _fields(record) -> dict:
    """A result's fields as they are (dataclasses.asdict deep-copied every nested dict: a tenth of a
    search's time, for objects made for this response alone)."""
    return dict(vars(record))


class SearchApi(APIView):
    authentication_classes: list = []  # public data only: nothing depends on who asks
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="search_catalogue",
        summary="Search the whole catalogue (Thai, English, romanised Thai)",
        parameters=[SearchParamsSerializer],
        responses={
            200: SearchResponseSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A malformed or unknown parameter."),
            503: OpenApiResponse(ErrorSerializer, description="The search index is being built."),
        },
    )
    def get(self, request):
        params = SearchParamsSerializer(data=request.query_params)
        if not params.is_valid():
            raise DomainError(error_detail(params.errors), errors=params.errors)
        sync.retry_when_due()  # changes an earlier index write could not take
        data = params.validated_data
        q, filters, places, place = read_address(data["q"], params.filters())
        # Past the last page (400) and no index yet (503) are the selector's domain errors.
        page = search_catalogue(
            q=q,
            filters=filters,
            page=data["page"],
            page_size=data["page_size"],
            sort=data["sort"],
            explain=data["explain"],
            with_facets=data["facets"],
        )
        body = {
            "count": page.count,
            "page": page.page,
            "pages": page.pages,
            "page_size": page.page_size,
            "all_words": page.all_words,
            "suggestion": _fields(page.suggestion) if page.suggestion else None,
            "concepts": page.concepts,
            "sort": page.sort,
            "results": [_fields(hit) for hit in page.results],
            "facets": {name: [_fields(v) for v in values] for name, values in page.facets.items()}
            if data["facets"]
            else None,
            "place": place_document(place) if place else None,
            "places": [place_document(p) for p in places],
        }
        return Response(body)
