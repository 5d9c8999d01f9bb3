"""Learning cities: the public GeoJSON of learning spaces, the inside-the-city geometry rule, and
a team edit (checks + guarded UPDATE + revision), each against a baseline measured in the same run.

    PYTHAINLP_OFFLINE=1 .venv/bin/python scripts/bench/bench_learningcity.py

Works on the dev database inside a transaction that is rolled back (nothing is left behind). It
uses the demo's Yala learning city when there is one, else makes one, and adds SPACES learning
spaces at random points of Yala province (ST_GeneratePoints) for the run.
"""

import json
import os
import sys
import time
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.gis.geos import GEOSGeometry, Point  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from geodata.models import Province  # noqa: E402
from geodata.selectors import COAST_TOLERANCE_DEGREES  # noqa: E402
from learningcity import selectors, services  # noqa: E402
from learningcity.models import LearningCity, LearningSpace, SpaceType  # noqa: E402

SPACES = 1_000
CHECKS = 200
EDITS = 100


class Rollback(Exception):
    pass


def timed(fn, repeat: int = 1) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    return (time.perf_counter() - start) / repeat


def random_points(province: Province, n: int) -> list[GEOSGeometry]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKB((ST_Dump(ST_GeneratePoints(geom, %s, 2567))).geom)"
            " FROM geodata_province WHERE id = %s",
            [n, province.pk],
        )
        return [GEOSGeometry(memoryview(bytes(row[0]))) for row in cursor.fetchall()]


def border_points(province: Province, n: int) -> list[GEOSGeometry]:
    """Points on the province boundary: every one of them takes the slow (buffered) path."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ST_AsEWKB(ST_LineInterpolatePoint(ST_ExteriorRing((ST_Dump(geom)).geom), f))"
            " FROM geodata_province, generate_series(0, %s - 1) AS i, LATERAL (SELECT i::float / %s AS f) s"
            " WHERE id = %s LIMIT %s",
            [n, n, province.pk, n],
        )
        return [GEOSGeometry(memoryview(bytes(row[0]))) for row in cursor.fetchall()]


def in_python(city: LearningCity, geom: GEOSGeometry) -> bool:
    """Baseline: the same rule done in Python, the province boundary fetched and buffered by GEOS."""
    boundary = Province.objects.get(pk=city.province_id).geom
    return not (boundary.covers(geom) or boundary.buffer(COAST_TOLERANCE_DEGREES).covers(geom))


def main() -> None:
    try:
        with transaction.atomic():
            run()
            raise Rollback
    except Rollback:
        print("(rolled back: nothing left in the database)")


def run() -> None:
    yala = Province.objects.get(code="95")
    city = LearningCity.objects.filter(province=yala).first() or LearningCity.objects.create(
        name_th="ยะลา",
        name_en="Yala",
        province=yala,
        joined_year=2024,
        location=Point(101.283, 6.55, srid=4326),
    )
    # Measure the province rule: the demo's Yala has a stated municipal area (rolled back below).
    LearningCity.objects.filter(pk=city.pk).update(area=None)
    city.refresh_from_db()
    member = get_user_model().objects.create(username="bench-learningcity-team")
    city.team_members.add(member)
    LearningSpace.objects.bulk_create(
        LearningSpace(city=city, name_th=f"แหล่งเรียนรู้ {i}", space_type=SpaceType.LEARNING_SOURCE, geom=point)
        for i, point in enumerate(random_points(yala, SPACES))
    )
    public = selectors.public_spaces()
    count = public.count()

    # 1. The public GeoJSON: geometry rendered by PostGIS vs. by GEOS object per row in Python.
    postgis = timed(lambda: json.dumps(selectors.spaces_geojson(selectors.public_spaces())), 3)
    python = timed(
        lambda: json.dumps(
            {
                "type": "FeatureCollection",
                "features": [selectors.space_feature(s) for s in selectors.public_spaces()],
            }
        ),
        3,
    )
    print(
        f"public GeoJSON of {count:,} learning spaces: {postgis * 1000:.1f} ms "
        f"(baseline, geometry per row in Python: {python * 1000:.1f} ms; ratio {python / postgis:.2f}x)"
    )

    # 2. The inside-the-city rule: interior points (fast path) and boundary points (buffer path).
    inside = random_points(yala, CHECKS)
    edge = border_points(yala, CHECKS // 4)
    fast = timed(lambda: [selectors.geometry_outside_city(city, g) for g in inside]) / len(inside)
    base = timed(lambda: [in_python(city, g) for g in inside]) / len(inside)
    edge_base = timed(lambda: [in_python(city, g) for g in edge]) / len(edge)
    near = timed(lambda: [selectors.geometry_outside_city(city, g) for g in edge]) / len(edge)
    assert not any(selectors.geometry_outside_city(city, g) for g in inside)
    assert [selectors.geometry_outside_city(city, g) for g in edge] == [in_python(city, g) for g in edge]
    print(
        f"inside-the-province check, interior point: {fast * 1000:.2f} ms/check "
        f"(baseline, boundary fetched and tested in Python: {base * 1000:.2f} ms; ratio {base / fast:.1f}x)"
    )
    print(
        f"inside-the-province check, point on the border: {near * 1000:.2f} ms/check "
        f"(baseline: {edge_base * 1000:.2f} ms; ratio {edge_base / near:.1f}x)"
    )

    # 3. A team edit end to end vs. a bare UPDATE of the same field.
    space = LearningSpace.objects.filter(city=city).first()
    hours = iter(range(EDITS * 2))

    def edit():
        current = LearningSpace.objects.get(pk=space.pk)
        services.space_update(
            user=member, space=current, version=current.version, data={"opening_hours": f"{next(hours)}:00"}
        )

    def bare():
        LearningSpace.objects.filter(pk=space.pk).update(opening_hours=f"{next(hours)}:00")

    service = timed(edit, EDITS)
    baseline = timed(bare, EDITS)
    print(
        f"team edit (permission, geometry rule, guarded UPDATE, revision): {service * 1000:.2f} ms/edit "
        f"(baseline, bare UPDATE: {baseline * 1000:.2f} ms; overhead {service / baseline:.1f}x)"
    )


if __name__ == "__main__":
    main()
