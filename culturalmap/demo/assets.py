"""The demo's 4,800 cultural assets, as a frame in the asset interchange format.

Deterministic: one seeded `random.Random` is consumed in a fixed order (archetype, then province
code, then record), and each record's permalink code is drawn from a generator seeded with its
own `ref`, so a record keeps its code even if the records before it change.
"""

from __future__ import annotations

import datetime
import math
import random
import re
from dataclasses import dataclass

import geopandas as gpd
import shapely
import shapely.ops
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from culturalmap.assets.archetypes import LABEL_TH
from culturalmap.core.codes import new_code

from . import names
from .names import LEADING_WORDS, fill_place
from .sampling import ProvinceSampler, Tambon, TambonSampler, footprint, two_part_footprint
from .shares import split_exactly
from .vocabulary import (
    ART_FORMS,
    ART_REGION,
    INTANGIBLE_NOTES,
    LANGUAGE_REGION,
    NAME_TEMPLATES,
    NOTES,
    REGIONAL_NOTES,
    RISK_REASONS,
)
from .wellknown import WELL_KNOWN_ROWS

SEED = "culturalmap-demo-assets-v1"
# A name whose real place repeats the template's word ("พระธาตุ{p}" in ตำบลพระธาตุ): another is drawn.
DOUBLED = re.compile("|".join(f"{th}{th}" for th, _ in LEADING_WORDS))
TOTAL_ASSETS = 4800
# The report's examples (FACTS.md); the other six archetypes share the rest (2,870).
ARCHETYPE_COUNTS: dict[str, int] = {
    "artefact": 204,
    "historic_site": 328,
    "cultural_space": 367,
    "folk_literature": 106,
    "architecture": 925,
    "craftsmanship": 760,
    "social_practice": 690,
    "performing_art": 520,
    "nature_knowledge": 380,
    "folk_sport": 290,
    "language": 230,
}
REF_ABBREVIATIONS = {
    "artefact": "ART",
    "historic_site": "HIS",
    "cultural_space": "SPA",
    "folk_literature": "LIT",
    "architecture": "ARC",
    "craftsmanship": "CRA",
    "social_practice": "SOC",
    "performing_art": "PER",
    "nature_knowledge": "NAT",
    "folk_sport": "SPO",
    "language": "LAN",
}
HIGH_RISK_COUNTS = {"historic_site": 150, "artefact": 60, "architecture": 20, "cultural_space": 10}
HIGH_RISK_TOTAL = sum(HIGH_RISK_COUNTS.values())  # 240 = 5 % of 4,800
INTERCHANGE_COLUMNS = [
    "ref",
    "code",
    "name_th",
    "name_en",
    "category",
    "description_th",
    "description_en",
    "period",
    "province",
    "tambon_code",
    "risk",
    "risk_reason",
    "keywords",
    "source",
    "recorded_on",
    "view_count",
    "geometry",
]

assert sum(ARCHETYPE_COUNTS.values()) == TOTAL_ASSETS


def asset_code_for(ref: str) -> str:
    return new_code("CA", rng=random.Random(f"{SEED}:{ref}"))


@dataclass(frozen=True)
class WellKnownAsset:
    ref: str
    code: str
    name_th: str
    name_en: str
    archetype: str
    province: str  # 2-digit province code
    lon: float
    lat: float


WELL_KNOWN_ASSETS: list[WellKnownAsset] = [
    WellKnownAsset(
        ref=f"DEMO-WK-{i:03d}",
        code=asset_code_for(f"DEMO-WK-{i:03d}"),
        name_th=row[5],
        name_en=row[6],
        archetype=row[0],
        province=row[1],
        lon=row[2],
        lat=row[3],
    )
    for i, row in enumerate(WELL_KNOWN_ROWS, start=1)
]

# Regional flavour: how much more (or less) of an archetype a region holds than its size says.
REGIONAL_WEIGHT: dict[str, dict[str, float]] = {
    "historic_site": {
        "lower_north": 1.7,
        "central": 1.3,
        "northeast": 1.1,
        "north": 1.2,
        "west": 1.1,
        "east": 0.7,
        "south": 0.9,
        "deep_south": 0.8,
    },
    "artefact": {"lower_north": 1.5, "central": 1.4, "northeast": 1.1, "north": 1.2, "east": 0.8},
    "architecture": {"central": 1.3, "north": 1.3, "south": 1.0},
    "cultural_space": {"central": 1.3, "south": 1.1},
    "language": {"north": 1.7, "deep_south": 2.2, "northeast": 1.2, "central": 0.6, "east": 1.1, "west": 1.2},
    "performing_art": {"south": 1.6, "northeast": 1.3, "central": 1.1},
    "craftsmanship": {"northeast": 1.3, "north": 1.3, "deep_south": 1.2},
    "social_practice": {"northeast": 1.2},
}
PROVINCE_BOOST: dict[str, dict[str, float]] = {
    "historic_site": {"14": 2.5, "64": 2.5, "62": 1.8, "31": 1.8, "30": 1.5, "16": 1.8, "51": 1.5, "50": 1.3},
    "artefact": {"14": 2.0, "64": 2.0, "41": 1.5, "10": 1.8},
    "architecture": {"10": 3.0, "50": 1.6, "52": 1.5, "14": 1.5, "55": 1.3, "54": 1.3},
    "cultural_space": {"10": 3.5, "50": 1.8, "83": 1.6, "52": 1.4, "90": 1.4},
    "language": {"58": 2.0, "57": 1.5, "32": 1.6, "33": 1.5, "36": 1.4},
    "performing_art": {"80": 1.8, "93": 1.8, "90": 1.5, "40": 1.4},
}
# Footprints: (share as Polygon, share as MultiPolygon, radius range in degrees).
SHAPES: dict[str, tuple[float, float, tuple[float, float]]] = {
    "historic_site": (0.42, 0.10, (0.0015, 0.004)),
    "cultural_space": (0.50, 0.0, (0.002, 0.005)),
    "architecture": (0.12, 0.0, (0.0005, 0.0012)),
}
# How a record of living heritage is tied to its place: a custom is kept, a language spoken there.
INTANGIBLE_LEAD = {
    "performing_art": ("เป็นศิลปะการแสดงของชุมชน", "is a performing art of"),
    "social_practice": ("เป็นประเพณีของชุมชน", "is a custom of"),
    "craftsmanship": ("เป็นงานช่างของชุมชน", "is a craft of"),
    "language": ("พูดกันในชุมชน", "is spoken in"),
    "folk_literature": ("เล่าสืบกันมาในชุมชน", "is told in"),
    "nature_knowledge": ("เป็นภูมิปัญญาของชุมชน", "is the knowledge of"),
    "folk_sport": ("เล่นกันในชุมชน", "is played in"),
}
SURVEY_START, SURVEY_END = datetime.date(2019, 6, 1), datetime.date(2024, 9, 1)
INTANGIBLE = {
    "language",
    "folk_literature",
    "nature_knowledge",
    "performing_art",
    "folk_sport",
    "social_practice",
    "craftsmanship",
}


def _province_weights(sampler: ProvinceSampler, archetype: str) -> dict[str, float]:
    weights = {}
    for code in sampler.codes:
        km2 = sampler.area[code] * 12_300  # degrees² → km², near enough at Thai latitudes
        base = math.sqrt(km2) + 25  # every province, however small, holds records
        region = names.region_of(code)
        weights[code] = (
            base
            * REGIONAL_WEIGHT.get(archetype, {}).get(region, 1.0)
            * PROVINCE_BOOST.get(archetype, {}).get(code, 1.0)
        )
    return weights


def _largest_remainder(total: int, weights: dict[str, float]) -> dict[str, int]:
    keys = sorted(weights)
    return dict(zip(keys, split_exactly(total, [weights[k] for k in keys]), strict=True))


class _Places:
    """Real sub-districts to put records in: a province's sub-district, its point, its address."""

    def __init__(self, sampler: ProvinceSampler, tambons: TambonSampler):
        self.sampler = sampler
        self.tambons = tambons

    def pick(self, code: str, rng: random.Random) -> Tambon:
        choices = self.tambons.by_province[code]
        for _ in range(200):
            tambon = rng.choice(choices)
            if self.tambons.has_room(tambon):
                return tambon
        raise ValueError(f"no sub-district of province {code} has room for a record")

    def describe(self, tambon: Tambon) -> dict:
        pro_th, pro_en = self.sampler.names[tambon.province]
        where_th, where_en = tambon.where(pro_th, pro_en)
        return {
            "tambon": (tambon.name_th, tambon.name_en),
            "where_th": where_th,
            "where_en": where_en,
            "tambon_code": tambon.code,
            "place": tambon,
        }


def _sources_near(sampler: ProvinceSampler) -> dict[str, list[tuple[str, str]]]:
    """The three Rajabhat universities nearest each province (the recorders of its records)."""
    near = {}
    for code in sampler.codes:
        cx, cy = sampler.centroid[code]
        ranked = sorted(
            names.RAJABHAT,
            key=lambda u: (
                (sampler.centroid[u[2]][0] - cx) ** 2 + (sampler.centroid[u[2]][1] - cy) ** 2,
                u[0],
            ),
        )
        near[code] = [(th, en) for th, en, _ in ranked[:3]]
    return near


def _period_label(key: str) -> str:
    if not key:
        return ""
    th, en = names.PERIODS[key]
    return f"{th} ({en})"


class _AssetComposer:
    def __init__(self, sampler: ProvinceSampler, tambons: TambonSampler, rng: random.Random):
        self.sampler = sampler
        self.tambons = tambons
        self.rng = rng
        self.places = _Places(sampler, tambons)
        self.sources = _sources_near(sampler)
        self.seen_names: set[tuple[str, str]] = set()
        self.periods: tuple[str, ...] | None = None  # the periods the last-picked name allows

    def _source(self, code: str, archetype: str) -> tuple[str, str]:
        roll = self.rng.random()
        pro_th, pro_en = self.sampler.names[code]
        if archetype in ("historic_site", "artefact") and roll < 0.15:
            return "กรมศิลปากร (Fine Arts Department)", "the Fine Arts Department"
        if roll < 0.27:
            return (
                f"สำนักงานวัฒนธรรมจังหวัด{pro_th} ({pro_en} Provincial Culture Office)",
                f"the {pro_en} Provincial Culture Office",
            )
        th, en = self.rng.choices(self.sources[code], weights=[6, 3, 1])[0]
        return f"{th} ({en})", en

    def _name(self, code: str, archetype: str, place: tuple[str, str]) -> tuple[str, str, tuple[str, ...]]:
        region = names.region_of(code)
        templates = [
            t
            for t in NAME_TEMPLATES[archetype]
            if t[3] is None
            or region in t[3]
            or (region == "deep_south" and "south" in t[3] and archetype != "folk_literature")
        ]
        template = self.rng.choice(templates)
        th_t, en_t, words = template[:3]
        self.periods = template[4] if len(template) > 4 else None
        if "{a}" in th_t:
            table = ART_FORMS[archetype]
            key = (LANGUAGE_REGION if archetype == "language" else ART_REGION)[region]
            form_th, form_en = self.rng.choice(table[key])
            words = (*words, form_th)
            th, en = fill_place(th_t.replace("{a}", form_th), en_t.replace("{a}", form_en), place)
            return th, en, words
        th, en = fill_place(th_t, en_t, place)
        return th, en, words

    @staticmethod
    def _regional_periods(region: str, archetype: str) -> list[str]:
        early = {"prehistoric", "dvaravati", "srivijaya", "haripunchai", "lopburi"}
        periods = [p for p in names.REGIONAL_PERIODS[region] if p != "prehistoric"]
        if archetype == "architecture":  # standing buildings are of the later periods
            periods = [p for p in periods if p not in early] or ["rattanakosin"]
        return periods

    def _note(self, archetype: str, name_th: str, region: str) -> tuple[str, str]:
        """What the record's text says of it, by its kind and its region."""
        rng = self.rng
        if archetype in INTANGIBLE:
            return rng.choice(INTANGIBLE_NOTES[archetype] + NOTES["intangible"])
        kind = archetype
        if archetype == "architecture":
            if name_th.startswith("มัสยิด"):
                kind = "mosque"
            elif name_th.startswith("ศาลเจ้า"):
                kind = "shrine"
            elif name_th.startswith(("เรือน", "คุ้ม", "ยุ้งข้าว", "ตึกแถว")):
                kind = "dwelling"
            elif name_th.startswith("สถานีรถไฟ"):
                kind = "station"
            elif name_th.startswith(("วัด", "สิม", "วิหาร", "หอไตร")):
                kind = "temple"
        by_region = REGIONAL_NOTES.get(kind, {})
        group = "deep_south" if region == "deep_south" else ART_REGION[region]
        regional = by_region.get(group) or by_region.get("all") or []
        generic = NOTES.get(kind, []) if kind != "temple" else []
        return rng.choice(regional + generic or NOTES[archetype])

    def compose(self, code: str, archetype: str, ref: str) -> dict:
        rng = self.rng
        region = names.region_of(code)
        loc = self.places.describe(self.places.pick(code, rng))
        for _ in range(50):
            # Mostly named after its sub-district; some after a village of the region's naming.
            village = loc["tambon"] if rng.random() < 0.7 else names.place_name(rng, region)
            name_th, name_en, words = self._name(code, archetype, village)
            if (code, name_th) not in self.seen_names and not DOUBLED.search(name_th):
                break
        self.seen_names.add((code, name_th))
        source_field, source_en = self._source(code, archetype)
        note_th, note_en = self._note(archetype, name_th, region)
        if archetype in INTANGIBLE:
            period = ""
            keepers = rng.randint(3, 60)
            extra_th = f"ปัจจุบันมีผู้สืบทอดราว {keepers} คน"
            extra_en = f"About {keepers} practitioners carry it on today"
            at_th, at_en = INTANGIBLE_LEAD[archetype]
        else:
            period = rng.choice(self.periods or self._regional_periods(region, archetype))
            p_th, p_en = names.PERIODS[period]
            extra_th = f"กำหนดอายุได้ในสมัย{p_th}"
            extra_en = f"It dates from the {p_en} period"
            at_th, at_en = ("เก็บรักษาไว้ที่", "is kept in") if archetype == "artefact" else ("ตั้งอยู่ที่", "is in")
        pro_th, _ = self.sampler.names[code]
        keywords = [LABEL_TH[archetype], *words, loc["tambon"][0], pro_th]
        if period:
            keywords.append(names.PERIODS[period][0])
        return {
            "ref": ref,
            "code": asset_code_for(ref),
            "name_th": name_th,
            "name_en": name_en,
            "category": archetype,
            "description_th": f"{name_th} {at_th}{loc['where_th']} {note_th} {extra_th} "
            f"บันทึกข้อมูลโดย{source_field.split(' (')[0]}",
            "description_en": f"{name_en} {at_en} {loc['where_en']}. {note_en}. {extra_en}. "
            f"Recorded by {source_en}.",
            "period": _period_label(period) if period else "{} ({})".format(*names.LIVING_TRADITION),
            "province": code,
            "tambon_code": loc["tambon_code"],
            "risk": "none",
            "risk_reason": "",
            "keywords": ";".join(dict.fromkeys(keywords)),
            "source": source_field,
            "_place": loc["place"],
        }

    def geometry(self, tambon: Tambon, archetype: str) -> BaseGeometry:
        """A point, or a footprint, well inside the record's sub-district."""
        rng = self.rng
        x, y = self.tambons.point(tambon, rng)
        polygon_share, multi_share, (r_min, r_max) = SHAPES.get(archetype, (0.0, 0.0, (0.0, 0.0)))
        roll = rng.random()
        if roll < polygon_share + multi_share:
            radius = rng.uniform(r_min, r_max)
            shape = (
                two_part_footprint(x, y, rng, radius) if roll < multi_share else footprint(x, y, rng, radius)
            )
            if shape.is_valid and self.tambons.contains(tambon, shape):
                return shape
        return Point(x, y)

    def well_known(self, asset: WellKnownAsset, row: tuple) -> dict:
        rng = self.rng
        period, note_th, note_en, words, shape_kind = row[4], row[7], row[8], row[9], row[10]
        tambon, (x, y) = self._real_place(asset)
        loc = self.places.describe(tambon)
        pro_th, pro_en = self.sampler.names[asset.province]
        source_field, source_en = self._source(asset.province, asset.archetype)
        geom = Point(x, y)
        for radius in (0.0025, 0.0015, 0.0008):  # the footprint stays in the sub-district of its point
            if shape_kind == "point":
                break
            shape = (
                two_part_footprint(x, y, rng, radius * 1.2)
                if shape_kind == "multi"
                else footprint(x, y, rng, radius)
            )
            if shape.is_valid and self.tambons.contains(tambon, shape):
                geom = shape
                break
        if not self.sampler.is_inside(asset.province, geom):
            raise ValueError(f"{asset.name_en} does not lie inside province {asset.province}")
        self.seen_names.add((asset.province, asset.name_th))
        return {
            "ref": asset.ref,
            "code": asset.code,
            "name_th": asset.name_th,
            "name_en": asset.name_en,
            "category": asset.archetype,
            "description_th": f"{asset.name_th} {loc['where_th']} {note_th} "
            f"บันทึกข้อมูลโดย{source_field.split(' (')[0]}",
            "description_en": f"{asset.name_en}, {loc['where_en']}. {note_en}. Recorded by {source_en}.",
            "period": _period_label(period),
            "province": asset.province,
            "tambon_code": loc["tambon_code"],
            "risk": "none",
            "risk_reason": "",
            "keywords": ";".join(dict.fromkeys([LABEL_TH[asset.archetype], *words, pro_th])),
            "source": source_field,
            "geometry": geom,
            "_place": tambon,
        }

    def _real_place(self, asset: WellKnownAsset) -> tuple[Tambon, tuple[float, float]]:
        """The sub-district of a well-known record's real point; a point on the edge of two simplified
        polygons (or in a gap between them) moves the few metres into the one it lies nearest."""
        point = Point(asset.lon, asset.lat)
        tambon = self.tambons.at(point)
        if tambon is None:
            nearby = [t for t in self.tambons.by_province[asset.province] if t.geom.distance(point) < 0.01]
            tambon = min(nearby, key=lambda t: (t.geom.distance(point), t.code))
        if tambon.province != asset.province:
            raise ValueError(
                f"{asset.name_en} lies in sub-district {tambon.code}, not in province {asset.province}"
            )
        inner = self.tambons.inner(tambon)
        if not inner.contains(point):
            nearest = shapely.ops.nearest_points(inner, point)[0]
            if nearest.distance(point) > 0.01:
                raise ValueError(f"{asset.name_en} is too far from the inside of sub-district {tambon.code}")
            # A hair inside, not on the edge.
            towards = shapely.Point(
                nearest.x + (inner.representative_point().x - nearest.x) * 0.01,
                nearest.y + (inner.representative_point().y - nearest.y) * 0.01,
            )
            point = towards if inner.contains(towards) else inner.representative_point()
        return tambon, (round(point.x, 6), round(point.y, 6))


def asset_rows(sampler: ProvinceSampler, tambons: TambonSampler) -> list[dict]:
    """All 4,800 demo assets as interchange rows (dicts with a shapely `geometry`), each in a real
    sub-district whose names its description gives."""
    rng = random.Random(SEED)
    composer = _AssetComposer(sampler, tambons, rng)
    rows = [
        composer.well_known(asset, row) for asset, row in zip(WELL_KNOWN_ASSETS, WELL_KNOWN_ROWS, strict=True)
    ]
    known_per_archetype: dict[str, int] = {}
    for asset in WELL_KNOWN_ASSETS:
        known_per_archetype[asset.archetype] = known_per_archetype.get(asset.archetype, 0) + 1
    by_archetype: dict[str, list[int]] = {}
    for archetype, total in ARCHETYPE_COUNTS.items():
        quota = _largest_remainder(
            total - known_per_archetype.get(archetype, 0), _province_weights(sampler, archetype)
        )
        abbr = REF_ABBREVIATIONS[archetype]
        for code in sampler.codes:
            for n in range(1, quota[code] + 1):
                row = composer.compose(code, archetype, f"DEMO-{code}-{abbr}-{n:03d}")
                row["geometry"] = composer.geometry(row["_place"], archetype)
                by_archetype.setdefault(archetype, []).append(len(rows))
                rows.append(row)
    _assign_risk(rows, by_archetype, rng)
    for row in rows:
        _survey_facts(row)
        del row["_place"]
    return rows


def _survey_facts(row: dict) -> None:
    """When the survey recorded it and how often it was viewed (well-known records far more)."""
    rng = random.Random(f"{SEED}:facts:{row['ref']}")
    row["recorded_on"] = SURVEY_START + datetime.timedelta(
        days=rng.randrange((SURVEY_END - SURVEY_START).days)
    )
    famous = row["ref"].startswith("DEMO-WK-")
    row["view_count"] = int(rng.paretovariate(1.6) * (900 if famous else 40))


def _assign_risk(rows: list[dict], by_archetype: dict[str, list[int]], rng: random.Random) -> None:
    """~5 % high (mostly sites and artefacts, whose exact place invites looting), some low/medium."""
    taken: set[int] = set()
    for archetype, count in HIGH_RISK_COUNTS.items():
        for i in rng.sample(by_archetype[archetype], count):
            taken.add(i)
            rows[i]["risk"] = "high"
            rows[i]["risk_reason"] = " / ".join(rng.choice(RISK_REASONS["high"]))
    generated = sorted(i for ids in by_archetype.values() for i in ids if i not in taken)
    for level, count in (("medium", 310), ("low", 420)):
        for i in rng.sample(generated, count):
            if rows[i]["risk"] == "none":
                kind = f"{level}_intangible" if rows[i]["category"] in INTANGIBLE else level
                rows[i]["risk"] = level
                rows[i]["risk_reason"] = " / ".join(rng.choice(RISK_REASONS[kind]))


def asset_frame(sampler: ProvinceSampler, tambons: TambonSampler) -> gpd.GeoDataFrame:
    """The demo assets as a GeoDataFrame of the interchange columns, ready for the import service."""
    rows = asset_rows(sampler, tambons)
    return gpd.GeoDataFrame(rows, columns=INTERCHANGE_COLUMNS, geometry="geometry", crs="EPSG:4326")
