"""Reads on the demo catalogue: which version the database holds. Kept light (no geopandas) so that
`manage.py load_demo` answers "already loaded" in a fraction of a second."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from culturalmap.assets.models import Asset

from .models import DemoCatalogue

DEMO_REF_PREFIX = "DEMO-"
# The generator modules: any change to them is a new demo version, rebuilt on the next `make setup`.
_GENERATOR_MODULES = (
    "assets.py",
    "economy.py",
    "impact.py",
    "learning.py",
    "markets.py",
    "names.py",
    "sampling.py",
    "shares.py",
    "services.py",
    "vocabulary.py",
    "wellknown.py",
)


@cache
def demo_version() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for name in _GENERATOR_MODULES:
        digest.update((here / name).read_bytes())
    return f"v1-{digest.hexdigest()[:16]}"


def loaded_catalogue() -> DemoCatalogue | None:
    return DemoCatalogue.objects.order_by("-pk").first()


def demo_is_current() -> bool:
    """The stored demo is this version and its assets are all still there."""
    marker = loaded_catalogue()
    return (
        marker is not None
        and marker.version == demo_version()
        and Asset.objects.filter(ref__startswith=DEMO_REF_PREFIX).count()
        == len(marker.codes.get("asset", []))
    )
