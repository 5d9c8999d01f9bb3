"""Where an asset lies: the sub-district of its geometry, and so its district and province.

Derived, never taken from the input: the sub-district holding the geometry's representative point
(the point itself, or a polygon's point on its surface, as the `location` column), or the nearest one
within 1 km (the sea by the coast, a gap between the survey's simplified polygons); farther than that
the record is refused. A high-risk site's public place is that of its generalised `public_location`,
so that no page, search document or public export names the sub-district (or the province) of its
exact point. One statement places a whole import file.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import shapely
from django.db import connection

from geodata.areas import Nearest, address, tambon_by_code, tambons_by_code, tambons_near
from geodata.models import Province, Tambon

from .interchange import rules
from .interchange.rules import AssetProblem
from .models import Asset, Risk


@dataclass
class Placed:
    """A geometry's sub-district code and province (None when refused, with the problem that says
    why). The sub-district itself, with its names, is read only when asked for (a message needs it)."""

    code: str | None
    province: Province | None
    problem: AssetProblem | None = None
    metres: float = 0.0  # how far off the sub-district the point is: 0 inside it

    @cached_property
    def tambon(self) -> Tambon | None:
        return tambon_by_code(self.code) if self.code else None


def place_geometries(geoms: Sequence[shapely.Geometry]) -> list[Placed]:
    """The place of each (valid, WGS84) geometry: one statement for any number of them (two more
    when some lie beyond reach: their swapped coordinates are tried, their nearest place named)."""
    geoms = np.asarray(geoms, dtype=object)
    if not len(geoms):
        return []
    near = tambons_near(shapely.to_wkb(geoms))
    far = [i for i, n in enumerate(near) if not n.within_reach]
    swapped: dict[int, Nearest] = {}
    nearest_far: dict[str, Tambon] = {}
    if far:
        flipped = tambons_near(shapely.to_wkb(np.array([rules.swap_xy(geoms[i]) for i in far], dtype=object)))
        swapped = dict(zip(far, flipped, strict=True))
        nearest_far = tambons_by_code({near[i].code for i in far})
    provinces = {p.code: p for p in Province.objects.defer("geom")}
    placed = []
    for i, found in enumerate(near):
        if found.within_reach:
            placed.append(Placed(found.code, provinces[found.code[:2]], metres=found.metres))
            continue
        problem = rules.location_problem(
            inside=False,
            swapped_inside=swapped[i].within_reach,
            nearest=nearest_far.get(found.code),
            metres=found.metres,
        )
        placed.append(Placed(None, None, problem, found.metres))
    return placed


def place_geometry(geom: shapely.Geometry) -> Placed:
    return place_geometries([geom])[0]


def asset_public_places_derive(*, asset_ids: Sequence[int]) -> int:
    """Give the high-risk assets among `asset_ids` the sub-district of their generalised point (the
    others' public place is their place, set when they are written). Returns how many it changed."""
    high = list(
        Asset.objects.filter(pk__in=list(asset_ids), risk=Risk.HIGH)
        .exclude(public_location__isnull=True)
        .values_list("pk", "public_location")
    )
    if not high:
        return 0
    # The generalised point may fall in the sea: its nearest sub-district, however far, is what
    # the public sees it in (nothing finer than the grid is given away).
    near = tambons_near([bytes(point.wkb) for _pk, point in high])
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {Asset._meta.db_table} AS a SET public_tambon_code = u.code
                FROM unnest(%s::bigint[], %s::text[]) AS u(id, code)
                WHERE a.id = u.id AND a.public_tambon_code IS DISTINCT FROM u.code""",
            [[pk for pk, _ in high], [n.code for n in near]],
        )
        return cursor.rowcount


def shown_tambon(asset: Asset, *, exact: bool) -> Tambon | None:
    """The sub-district a reader is shown: the exact one for curators, the public one for everyone
    else (select_related "tambon__amphoe", "public_tambon__amphoe" and their provinces to spare
    the queries)."""
    return asset.tambon if exact else asset.public_tambon


def asset_address(asset: Asset, *, exact: bool, language: str = "th", postcode: bool = False) -> str:
    """ตำบล… อำเภอ… จังหวัด… (แขวง/เขต in Bangkok) of the place the reader is shown; "" when unknown."""
    tambon = shown_tambon(asset, exact=exact)
    return address(tambon, language, postcode=postcode) if tambon is not None else ""


def asset_places_derive(*, asset_ids: Sequence[int]) -> None:
    """Derive the places of assets written without them (records stored by other means than the
    services and the import: fixtures, SQL): the nearest sub-district of their point, however far."""
    ids = list(asset_ids)
    missing = list(Asset.objects.filter(pk__in=ids, tambon_code="").values_list("pk", "location"))
    near = tambons_near([bytes(point.wkb) for _pk, point in missing])
    with connection.cursor() as cursor:
        if missing:
            cursor.execute(
                f"""UPDATE {Asset._meta.db_table} AS a SET tambon_code = u.code
                    FROM unnest(%s::bigint[], %s::text[]) AS u(id, code) WHERE a.id = u.id""",
                [[pk for pk, _ in missing], [n.code for n in near]],
            )
        cursor.execute(
            f"""UPDATE {Asset._meta.db_table} SET public_tambon_code = tambon_code
                WHERE id = ANY(%s) AND risk <> %s AND public_tambon_code <> tambon_code""",
            [ids, Risk.HIGH],
        )
    asset_public_places_derive(asset_ids=ids)
