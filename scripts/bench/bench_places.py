"""bench_places: what a record page's address costs, on the demo catalogue (issue 19).

Prints, each beside its baseline measured in the same run (interleaved, so that a shared machine's
noise falls on both alike):
1. the sub-district of a record's geometry with its district and province, as the pages' `place_of`
   tag reads it now (one statement) against the two it took before (the nearest code, then the
   sub-district by code): p50 over the demo's learning spaces, markets and products;
2. an asset's page and a page of /api/assets/ (province=52) as they read the assets now (without the
   boundaries of the joined province and sub-districts) against the same queryset with them (a row
   joined three provinces' boundaries, some 6 kB each): p50 wall and CPU time, through Django's test
   client with the local settings.
Targets: the address one query on every record page; the asset page and the list no slower.

    PGPORT=... .venv/bin/python scripts/bench/bench_places.py [--rounds 2]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culturalmap.settings.local")
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from culturalmap.assets import selectors  # noqa: E402
from culturalmap.assets.models import Asset  # noqa: E402
from culturalmap.economy.models import CulturalProduct  # noqa: E402
from culturalmap.markets.models import CulturalMarket  # noqa: E402
from geodata.areas import tambon_for_geometry, tambon_near, tambons_by_code  # noqa: E402
from learningcity.models import LearningSpace  # noqa: E402


def two_statements(geom):
    """The lookup as it was: the nearest code, then the sub-district with its district and province."""
    near = tambon_near(geom)
    if near is None or not near.within_reach:
        return None
    return tambons_by_code([near.code])[near.code]


def with_boundaries(user=None):
    """visible_assets as it was: the joined places with their boundaries."""
    assets = Asset.objects.select_related("province", *selectors.PLACES)
    return assets if selectors.is_curator(user) else assets.filter(selectors.ASSET.public_filter())


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def bench_lookup(rounds: int) -> None:
    geoms = [s.geom for s in LearningSpace.objects.all()]
    geoms += [m.location for m in CulturalMarket.objects.all()]
    geoms += [p.location for p in CulturalProduct.objects.all()[:200]]
    times: dict[str, list[float]] = {"one": [], "two": []}
    for _ in range(rounds):
        for geom in geoms:
            for label, lookup in (("one", tambon_for_geometry), ("two", two_statements)):
                start = time.perf_counter()
                found = lookup(geom)
                times[label].append(time.perf_counter() - start)
            assert found == tambon_for_geometry(geom)  # the same sub-district either way
    with CaptureQueriesContext(connection) as one:
        tambon_for_geometry(geoms[0])
    with CaptureQueriesContext(connection) as two:
        two_statements(geoms[0])
    print(f"1. a record's sub-district, {len(geoms)} demo geometries × {rounds}: p50 ms")
    print(f"   one statement {ms(times['one']):.2f} ({len(one)} query)")
    print(f"   two (before)  {ms(times['two']):.2f} ({len(two)} queries)")
    print(f"   ratio now/before {ms(times['one']) / ms(times['two']):.2f}")


def bench_assets(rounds: int) -> None:
    now = selectors.visible_assets
    client = Client(HTTP_HOST="localhost")
    codes = list(
        Asset.objects.filter(status="published").order_by("code").values_list("code", flat=True)[::80]
    )
    wall: dict[str, list[float]] = {"page now": [], "page before": [], "list now": [], "list before": []}
    cpu: dict[str, list[float]] = {k: [] for k in wall}
    for url in [f"/assets/{c}/" for c in codes[:3]] + ["/api/assets/?province=52"]:
        client.get(url)  # warm: templates, the first connection
    try:
        for _ in range(rounds):
            for kind, urls in (
                ("page", [f"/assets/{c}/" for c in codes]),
                ("list", ["/api/assets/?province=52"] * 15),
            ):
                for url in urls:
                    for label, visible in (("now", now), ("before", with_boundaries)):
                        selectors.visible_assets = visible
                        start, start_cpu = time.perf_counter(), time.process_time()
                        response = client.get(url)
                        wall[f"{kind} {label}"].append(time.perf_counter() - start)
                        cpu[f"{kind} {label}"].append(time.process_time() - start_cpu)
                        assert response.status_code == 200, (url, response.status_code)
    finally:
        selectors.visible_assets = now
    print(f"2. an asset's page ({len(codes)} assets × {rounds}) and /api/assets/?province=52: p50 ms (CPU)")
    for key in wall:
        print(f"   {key:<12} {ms(wall[key]):7.1f} ({ms(cpu[key]):.1f})")
    for kind in ("page", "list"):
        ratio = ms(wall[f"{kind} now"]) / ms(wall[f"{kind} before"])
        ratio_cpu = ms(cpu[f"{kind} now"]) / ms(cpu[f"{kind} before"])
        print(f"   {kind} ratio now/before {ratio:.2f} (CPU {ratio_cpu:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    rounds = parser.parse_args().rounds
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    bench_lookup(rounds)
    bench_assets(rounds)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
