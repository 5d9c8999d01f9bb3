"""Reads on the cultural-asset catalogue."""

from functools import cache

from django.contrib.gis.db.models.functions import Distance, GeometryDistance
from django.contrib.gis.geos import GEOSGeometry, Polygon
from django.db.models import Count, QuerySet

from culturalmap.core.permissions import is_curator

from .archetypes import ARCHETYPES
from .models import Asset, AssetImage, Risk
from .records import ASSET


def published_assets() -> QuerySet[Asset]:
    return ASSET.public()


def archetype_counts() -> list[dict]:
    """Published assets per archetype, in the archetypes' own order, zeros included."""
    counts = dict(published_assets().values_list("archetype").annotate(n=Count("id")).order_by())
    return [
        {"code": code, "name_th": th, "name_en": en, "count": counts.get(code, 0)}
        for code, th, en in ARCHETYPES
    ]


def catalogue_summary() -> dict:
    per_archetype = archetype_counts()
    return {"assets": sum(a["count"] for a in per_archetype), "per_archetype": per_archetype}


# Public reads: what a visitor or a curator may see of one asset and its neighbours ----------------

NEAR_LIMIT = 8


# The sub-districts (with district and province) of both places, joined in the same query.
PLACES = (
    "tambon__amphoe",
    "tambon__province",
    "public_tambon__amphoe",
    "public_tambon__province",
)


@cache
def _without_boundaries() -> tuple[str, ...]:
    """Every column of an asset and of its joined places but their boundaries, which no asset page
    or document draws: a province's is some 6 kB (28 kB at most) and a row joins three provinces.
    (`only`, since Django's `defer` cannot reach through the sub-districts' ForeignObject.)"""
    own = [f.name for f in Asset._meta.concrete_fields]
    joined = {"province": Asset.province.field.related_model}
    for path in PLACES:
        tambon, _, above = path.partition("__")
        joined[tambon] = Asset._meta.get_field(tambon).related_model
        joined[path] = joined[tambon]._meta.get_field(above).related_model
    return (
        *own,
        *(f"{p}__{f.name}" for p, m in joined.items() for f in m._meta.concrete_fields if f.name != "geom"),
    )


def visible_assets(user=None) -> QuerySet[Asset]:
    """Published assets for the public; every asset for a curator."""
    assets = Asset.objects.select_related("province", *PLACES).only(*_without_boundaries())
    return assets if is_curator(user) else assets.filter(ASSET.public_filter())


def asset_by_code(code: str, user=None) -> Asset | None:
    return visible_assets(user).prefetch_related("images").filter(code=code).first()


def asset_image_for_viewer(*, code: str, image_id: int, user=None) -> AssetImage | None:
    """An image of an asset the user may see (published, or any for a curator)."""
    return AssetImage.objects.filter(pk=image_id, asset__in=visible_assets(user).filter(code=code)).first()


def shown_location_field(user=None) -> str:
    """The point column a user may see: exact for curators, generalised for high-risk assets otherwise."""
    return "location" if is_curator(user) else "public_location"


def shown_tambon_field(user=None) -> str:
    """The sub-district code a user may see: of the exact point for curators, of the shown point
    (generalised for a high-risk site) for everyone else."""
    return "tambon_code" if is_curator(user) else "public_tambon_code"


def shows_exact_location(asset: Asset, *, curator: bool) -> bool:
    return curator or asset.risk != Risk.HIGH


def shown_geometry(asset: Asset, *, curator: bool) -> GEOSGeometry:
    """The geometry a user may see: the full shape, or for the public the generalised point of a
    high-risk asset (`curator` is is_curator(user), asked once per request)."""
    return asset.geom if shows_exact_location(asset, curator=curator) else asset.public_location


def assets_near(asset: Asset, *, user=None, limit: int = NEAR_LIMIT) -> list[Asset]:
    """The nearest visible assets to an asset, measured from the point the user may see of it, so a
    high-risk asset's distances reveal nothing finer than its grid."""
    origin = getattr(asset, shown_location_field(user))
    return assets_near_point(origin, user=user, limit=limit, exclude_pk=asset.pk)


def assets_near_point(
    origin: GEOSGeometry, *, user=None, limit: int = NEAR_LIMIT, exclude_pk: int | None = None
) -> list[Asset]:
    """The nearest visible assets to a point (KNN `<->` on the GiST index), each with `distance_km`
    to the point the user may see of it."""
    field = shown_location_field(user)
    assets = visible_assets(user)
    if exclude_pk is not None:
        assets = assets.exclude(pk=exclude_pk)
    nearest = assets.annotate(distance=Distance(field, origin)).order_by(GeometryDistance(field, origin))
    # The index orders by distance in degrees, which a degree of longitude (shorter than one of
    # latitude) skews: take a few more, then order by the distance in km that the page shows.
    near = sorted(nearest[: limit * 3], key=lambda a: (a.distance.m, a.pk))[:limit]
    for asset in near:
        asset.distance_km = asset.distance.km
    return near


def assets_for_map(
    *,
    user=None,
    categories: tuple[str, ...] = (),
    province: str | None = None,
    amphoe: str | None = None,
    tambon: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> QuerySet[Asset]:
    """Visible assets filtered by archetypes, province, district and sub-district codes and a lon/lat
    box, all on the place the user may see (a high-risk site's generalised one for the public)."""
    assets = visible_assets(user)
    if categories:
        assets = assets.filter(archetype__in=categories)
    # DOPA codes nest: a sub-district's code starts with its district's, which starts with its province's.
    shown = shown_tambon_field(user)
    if tambon:
        assets = assets.filter(**{shown: tambon})
    elif amphoe:
        assets = assets.filter(**{f"{shown}__startswith": amphoe})
    if province:
        assets = assets.filter(**{f"{shown}__startswith": province})
    if bbox:
        area = Polygon.from_bbox(bbox)
        area.srid = 4326
        assets = assets.filter(**{f"{shown_location_field(user)}__intersects": area})
    return assets.order_by("code")
