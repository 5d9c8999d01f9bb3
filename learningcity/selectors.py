"""Reads on learning cities and learning spaces. The public sees published records only."""

import json
from typing import Any

from django.contrib.gis.db.models.functions import AsGeoJSON
from django.contrib.gis.geos import GEOSGeometry
from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404

from culturalmap.core.permissions import is_curator
from culturalmap.core.publication import PublicationStatus
from culturalmap.core.thai import name_order
from geodata.areas import tambons_for_geometries
from geodata.selectors import COAST_TOLERANCE_DEGREES

from .models import (
    Challenge,
    LearningCity,
    LearningRevision,
    LearningSpace,
    LearningSpaceImage,
    challenge_for,
    english,
)
from .records import LEARNING_CITY, LEARNING_SPACE

PUBLISHED = PublicationStatus.PUBLISHED


# --- who may do what -------------------------------------------------------------------------


def can_edit_city(user, city: LearningCity) -> bool:
    """The city's own team, or a curator. Every write service checks this on the server."""
    if not getattr(user, "is_authenticated", False):
        return False
    if is_curator(user):
        return True
    return city.team_members.filter(pk=user.pk).exists()


# --- cities ----------------------------------------------------------------------------------


def public_cities() -> QuerySet[LearningCity]:
    return LEARNING_CITY.public().select_related("province")


def city_list(*, language: str) -> QuerySet[LearningCity]:
    """Published cities with their published spaces counted, in the order they joined the GNLC (the
    network's own roll), then by name in the page's language.

    Explicit: a GROUP BY query drops Meta.ordering. Thai names sort in dictionary order (ICU): the
    database's C collation would put every name with a leading vowel (เชียงใหม่) after ฮ.
    """
    return (
        public_cities()
        .annotate(space_count=Count("spaces", filter=Q(spaces__status=PUBLISHED)))
        .order_by("joined_year", name_order(language), "code")
    )


def city_for_viewer(*, code: str, user) -> LearningCity:
    """A published city for everyone; an unpublished one for its team and curators only."""
    city = LearningCity.objects.select_related("province").filter(code=code).first()
    if city is None or (not LEARNING_CITY.is_public(city) and not can_edit_city(user, city)):
        raise Http404("No such learning city")
    return city


def challenge_rows(challenges: dict[str, int]) -> list[dict[str, Any]]:
    """A city's rated challenges in the list's order, each with its code and Thai and English names.

    A challenge under its Thai name (the demo catalogue, profiles saved before codes) is read as its
    code; a name typed before codes that is not on the list is kept as typed, last, with no English.
    """
    rated: dict[Challenge, int] = {}
    unlisted = []
    for key, rating in (challenges or {}).items():
        challenge = challenge_for(key)
        if challenge is None:
            unlisted.append({"challenge": key, "name_th": key, "name_en": "", "rating": rating})
        else:
            rated[challenge] = rating
    listed = [
        {"challenge": c.value, "name_th": c.label, "name_en": english(c.label), "rating": rated[c]}
        for c in Challenge
        if c in rated
    ]
    return listed + unlisted


# --- spaces ----------------------------------------------------------------------------------


def _with_images(queryset: QuerySet[LearningSpace]) -> QuerySet[LearningSpace]:
    return queryset.select_related("city").prefetch_related(
        Prefetch("images", queryset=LearningSpaceImage.objects.order_by("position", "id"))
    )


def public_spaces(*, city: LearningCity | None = None) -> QuerySet[LearningSpace]:
    """Published spaces of published cities: what a visitor, the map and the API may show."""
    spaces = LEARNING_SPACE.public()
    if city is not None:
        spaces = spaces.filter(city=city)
    return _with_images(spaces).order_by("name_th", "code")


def city_spaces_for_viewer(*, city: LearningCity, user) -> QuerySet[LearningSpace]:
    """The team and curators see their drafts and retired spaces too (marked so on the page)."""
    if can_edit_city(user, city):
        return _with_images(LearningSpace.objects.filter(city=city)).order_by("status", "name_th")
    return public_spaces(city=city)


def spaces_with_places(spaces: QuerySet[LearningSpace]) -> list[LearningSpace]:
    """The spaces, each with `place`: the sub-district (with its district) its geometry lies in, for
    the city page's list; two statements for the whole list."""
    listed = list(spaces)
    for space, place in zip(listed, tambons_for_geometries([s.geom for s in listed]), strict=True):
        space.place = place
    return listed


def space_for_viewer(*, code: str, user) -> LearningSpace:
    space = _with_images(LearningSpace.objects.filter(code=code)).first()
    if space is None:
        raise Http404("No such learning space")
    if not LEARNING_SPACE.is_public(space) and not can_edit_city(user, space.city):
        raise Http404("No such learning space")
    return space


def space_image_for_viewer(*, code: str, image_id: int, user) -> LearningSpaceImage:
    space = space_for_viewer(code=code, user=user)
    image = LearningSpaceImage.objects.filter(space=space, pk=image_id).first()
    if image is None:
        raise Http404("No such photo")
    return image


LIST_FIELDS = ("code", "name_th", "name_en", "space_type", "city", "status", "opening_hours", "audiences")


def spaces_geojson(spaces: QuerySet[LearningSpace]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of learning spaces (the geometry rendered by PostGIS)."""
    # Only what a feature's properties show: no geometry objects built in Python, no photos fetched.
    rows = (
        spaces.prefetch_related(None)
        .only(*LIST_FIELDS, "city__code")
        .annotate(geojson=AsGeoJSON("geom", precision=6))
    )
    return {"type": "FeatureCollection", "features": [space_feature(s) for s in rows]}


def space_feature(space: LearningSpace, *, detail: bool = False) -> dict[str, Any]:
    geometry = json.loads(space.geojson) if hasattr(space, "geojson") else json.loads(space.geom.json)
    properties = {
        "code": space.code,
        "kind": "learning_space",
        "name_th": space.name_th,
        "name_en": space.name_en,
        "space_type": space.space_type,
        "space_type_label": space.space_type_label,  # in the page's (the request's) language
        "city": space.city.code,
        "status": space.status,
        "opening_hours": space.opening_hours,
        "audiences": space.audiences,
        "url": space.get_absolute_url(),
    }
    if detail:
        properties.update(
            {
                "city_name_th": space.city.name_th,
                "description_th": space.description_th,
                "description_en": space.description_en,
                "programmes": space.programmes,
                "accessibility": space.accessibility,
                "contact": space.contact,
                "learners_per_year": space.learners_per_year,
                "version": space.version,
                "updated_at": space.updated_at.isoformat(),
                "photos": [
                    {
                        "id": image.pk,
                        "url": image.get_absolute_url(),
                        "thumbnail_url": image.get_thumbnail_url(),
                        "width": image.width,
                        "height": image.height,
                        "caption_th": image.caption_th,
                        "caption_en": image.caption_en,
                    }
                    for image in space.images.all()
                ],
            }
        )
    return {"type": "Feature", "id": space.code, "geometry": geometry, "properties": properties}


def province_outline_geojson(city: LearningCity) -> dict[str, Any]:
    """The city's area (or province), simplified, as the map's backdrop: no tile server needed."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT ST_AsGeoJSON(ST_SimplifyPreserveTopology(COALESCE(c.area, p.geom), 0.002), 5)
                 FROM learningcity_learningcity c JOIN geodata_province p ON p.id = c.province_id
                WHERE c.id = %s""",
            [city.pk],
        )
        return json.loads(cursor.fetchone()[0])


def geometry_outside_city(city: LearningCity, geom: GEOSGeometry) -> bool:
    """True when the geometry leaves the city's stated area, or its province when it has none.

    Province boundaries are generalised, so a province allows COAST_TOLERANCE_DEGREES (~2 km) of
    slack, like geodata's province lookup; a city's own stated area is taken as drawn.
    """
    with connection.cursor() as cursor:
        cursor.execute(
            # CASE, not OR (SQL does not promise OR's order): only a geometry that is not plainly
            # inside pays for the buffered boundary.
            """SELECT CASE WHEN c.area IS NOT NULL THEN ST_Covers(c.area, g.geom)
                           WHEN ST_Covers(p.geom, g.geom) THEN true
                           ELSE ST_Covers(ST_Buffer(p.geom, %s), g.geom) END
                 FROM learningcity_learningcity c
                 JOIN geodata_province p ON p.id = c.province_id,
                      (SELECT ST_GeomFromEWKB(%s) AS geom) g
                WHERE c.id = %s""",
            [COAST_TOLERANCE_DEGREES, bytes(geom.ewkb), city.pk],
        )
        return not cursor.fetchone()[0]


# --- history ---------------------------------------------------------------------------------


def revisions_of_space(space: LearningSpace) -> QuerySet[LearningRevision]:
    return LearningRevision.objects.filter(space=space).select_related("author", "reverts")


def revisions_of_profile(city: LearningCity) -> QuerySet[LearningRevision]:
    return LearningRevision.objects.filter(city=city, space__isnull=True).select_related("author", "reverts")


def latest_revision(*, city: LearningCity, space: LearningSpace | None) -> LearningRevision | None:
    revisions = LearningRevision.objects.filter(city=city, space=space)
    return revisions.order_by("-version", "-id").first()


def learners_of(spaces: QuerySet[LearningSpace]) -> dict[str, int]:
    """Learners a year over the spaces shown (as the city's report totals them: Phayao 144,663)."""
    totals = spaces.filter(learners_per_year__isnull=False).aggregate(
        learners=Sum("learners_per_year"), spaces_counted=Count("pk")
    )
    return {"learners": totals["learners"] or 0, "spaces_counted": totals["spaces_counted"]}
