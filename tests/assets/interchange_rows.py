"""Rows in the interchange format for the import/export tests: valid unless a test spoils them."""

import itertools
import uuid

import geopandas as gpd
import shapely

LAMPANG = (99.3886, 18.2176)  # Wat Phra That Lampang Luang, Lampang (52)
BANGKOK = (100.4913, 13.7500)  # Wat Pho, Bangkok (10)
THUNG_SONG = (99.6780, 8.1660)  # Nakhon Si Thammarat (80)

_numbers = itertools.count(1)


def unique_ref(prefix: str = "survey") -> str:
    # Unique across runs too: a test must not meet records another run left behind.
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def row(**overrides) -> dict:
    """One valid interchange row (a point in Lampang) with a fresh ref."""
    n = next(_numbers)
    values = {
        "ref": unique_ref(),
        "name_th": f"วัดปงยางคก {n}",
        "name_en": f"Wat Pong Yang Khok {n}",
        "category": "architecture",
        "description_th": "วิหารไม้สมัยล้านนา",
        "description_en": "A Lanna-period timber vihara",
        "period": "ล้านนา",
        "province": "",
        "tambon_code": "",
        "risk": "none",
        "keywords": "วิหาร;ล้านนา",
        "source": "มหาวิทยาลัยราชภัฏลำปาง",
        "geometry": shapely.Point(*LAMPANG),
    }
    values.update(overrides)
    return values


def frame(*rows: dict, crs: str | int | None = 4326) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(list(rows), geometry="geometry", crs=crs)


def square(x: float, y: float, half: float = 0.002) -> shapely.Polygon:
    return shapely.box(x - half, y - half, x + half, y + half)
