"""The demo's 4,800 cultural assets, as a frame in the asset interchange format.

Deterministic: one seeded `random.Random` is consumed in a fixed order (archetype, then province
code, then record), and each record's permalink code is drawn from a generator seeded with its
own `ref`, so a record keeps its code even if the records before it change.
"""

from __future__ import annotations

import datetime
import math
import random
from dataclasses import dataclass

import geopandas as gpd
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from culturalmap.assets.archetypes import LABEL_TH
from culturalmap.core.codes import new_code

from . import names
from .sampling import ProvinceSampler, footprint, two_part_footprint
from .shares import split_exactly
from .vocabulary import ART_FORMS, ART_REGION, LANGUAGE_REGION, NAME_TEMPLATES, NOTES, RISK_REASONS
from .wellknown import WELL_KNOWN_ROWS

SEED = "culturalmap-demo-assets-v1"
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


class _Gazetteer:
    """Consistent tambon names and codes: the same code always names the same tambon."""

    def __init__(self, sampler: ProvinceSampler):
        self.sampler = sampler
        self._amphoe: dict[tuple[str, int], tuple[str, str]] = {}
        self._tambon: dict[tuple[str, int, int], tuple[str, str]] = {}

    def amphoe_count(self, code: str) -> int:
        if code == "10":
            return 50  # Bangkok's 50 khet
        return max(3, min(25, round(math.sqrt(self.sampler.area[code] * 12_300) / 7)))

    def place(self, code: str, rng: random.Random) -> dict:
        region = names.region_of(code)
        amphoe_no = rng.randint(1, self.amphoe_count(code))
        tambon_no = rng.randint(1, 12)
        pro_th, pro_en = self.sampler.names[code]
        if (code, amphoe_no) not in self._amphoe:
            if amphoe_no == 1:
                self._amphoe[(code, 1)] = (
                    ("พระนคร", "Phra Nakhon") if code == "10" else (f"เมือง{pro_th}", f"Mueang {pro_en}")
                )
            else:
                self._amphoe[(code, amphoe_no)] = names.place_name(rng, region)
        if (code, amphoe_no, tambon_no) not in self._tambon:
            self._tambon[(code, amphoe_no, tambon_no)] = names.place_name(rng, region)
        amphoe, tambon = self._amphoe[(code, amphoe_no)], self._tambon[(code, amphoe_no, tambon_no)]
        if code == "10":
            where_th = f"แขวง{tambon[0]} เขต{amphoe[0]} {pro_th}"
            where_en = f"Khwaeng {tambon[1]}, Khet {amphoe[1]}, {pro_en}"
        else:
            where_th = f"ตำบล{tambon[0]} อำเภอ{amphoe[0]} จังหวัด{pro_th}"
            where_en = f"Tambon {tambon[1]}, Amphoe {amphoe[1]}, {pro_en} province"
        return {
            "tambon": tambon,
            "where_th": where_th,
            "where_en": where_en,
            "tambon_code": f"{code}{amphoe_no:02d}{tambon_no:02d}",
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
    def __init__(self, sampler: ProvinceSampler, rng: random.Random):
        self.sampler = sampler
        self.rng = rng
        self.gazetteer = _Gazetteer(sampler)
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
        # A village name may itself start with บ้าน: never write "บ้านบ้าน".
        if place[0].startswith("บ้าน") and "บ้าน{p}" in th_t:
            place = (place[0].removeprefix("บ้าน"), place[1].removeprefix("Ban "))
        if "{a}" in th_t:
            table = ART_FORMS[archetype]
            key = (LANGUAGE_REGION if archetype == "language" else ART_REGION)[region]
            form_th, form_en = self.rng.choice(table[key])
            words = (*words, form_th)
            return th_t.format(a=form_th, p=place[0]), en_t.format(a=form_en, p=place[1]), words
        return th_t.format(p=place[0]), en_t.format(p=place[1]), words

    @staticmethod
    def _regional_periods(region: str, archetype: str) -> list[str]:
        early = {"prehistoric", "dvaravati", "srivijaya", "haripunchai", "lopburi"}
        periods = [p for p in names.REGIONAL_PERIODS[region] if p != "prehistoric"]
        if archetype == "architecture":  # standing buildings are of the later periods
            periods = [p for p in periods if p not in early] or ["rattanakosin"]
        return periods

    def compose(self, code: str, archetype: str, ref: str) -> dict:
        rng = self.rng
        region = names.region_of(code)
        loc = self.gazetteer.place(code, rng)
        for _ in range(50):
            village = loc["tambon"] if rng.random() < 0.55 else names.place_name(rng, region)
            name_th, name_en, words = self._name(code, archetype, village)
            if (code, name_th) not in self.seen_names:
                break
        self.seen_names.add((code, name_th))
        source_field, source_en = self._source(code, archetype)
        if archetype in INTANGIBLE:
            period = ""
            note_th, note_en = rng.choice(NOTES["intangible"])
            keepers = rng.randint(3, 60)
            extra_th = f"ปัจจุบันมีผู้สืบทอดราว {keepers} คน"
            extra_en = f"About {keepers} practitioners carry it on today"
        else:
            period = rng.choice(self.periods or self._regional_periods(region, archetype))
            temple = archetype == "architecture" and name_th.startswith(("วัด", "สิม", "วิหาร", "หอไตร"))
            note_th, note_en = rng.choice(NOTES["temple" if temple else archetype])
            p_th, p_en = names.PERIODS[period]
            extra_th = f"กำหนดอายุได้ในสมัย{p_th}"
            extra_en = f"It dates from the {p_en} period"
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
            "description_th": f"{name_th} ตั้งอยู่ที่{loc['where_th']} {note_th} {extra_th} "
            f"บันทึกข้อมูลโดย{source_field.split(' (')[0]}",
            "description_en": f"{name_en} is in {loc['where_en']}. {note_en}. {extra_en}. "
            f"Recorded by {source_en}.",
            "period": _period_label(period) if period else "{} ({})".format(*names.LIVING_TRADITION),
            "province": code,
            "tambon_code": loc["tambon_code"],
            "risk": "none",
            "risk_reason": "",
            "keywords": ";".join(dict.fromkeys(keywords)),
            "source": source_field,
        }

    def geometry(self, code: str, archetype: str) -> BaseGeometry:
        rng = self.rng
        x, y = self.sampler.point(code, rng)
        polygon_share, multi_share, (r_min, r_max) = SHAPES.get(archetype, (0.0, 0.0, (0.0, 0.0)))
        roll = rng.random()
        if roll < polygon_share + multi_share:
            radius = rng.uniform(r_min, r_max)
            shape = (
                two_part_footprint(x, y, rng, radius) if roll < multi_share else footprint(x, y, rng, radius)
            )
            if shape.is_valid and self.sampler.is_well_inside(code, shape):
                return shape
        return Point(x, y)

    def well_known(self, asset: WellKnownAsset, row: tuple) -> dict:
        rng = self.rng
        period, note_th, note_en, words, shape_kind = row[4], row[7], row[8], row[9], row[10]
        loc = self.gazetteer.place(asset.province, rng)
        pro_th, pro_en = self.sampler.names[asset.province]
        source_field, source_en = self._source(asset.province, asset.archetype)
        if shape_kind == "point":
            geom = Point(asset.lon, asset.lat)
        elif shape_kind == "multi":
            geom = two_part_footprint(asset.lon, asset.lat, rng, 0.003)
        else:
            geom = footprint(asset.lon, asset.lat, rng, 0.0025)
        if not self.sampler.is_inside(asset.province, geom):
            raise ValueError(f"{asset.name_en} does not lie inside province {asset.province}")
        where_th = f"จังหวัด{pro_th}" if asset.province != "10" else pro_th
        self.seen_names.add((asset.province, asset.name_th))
        return {
            "ref": asset.ref,
            "code": asset.code,
            "name_th": asset.name_th,
            "name_en": asset.name_en,
            "category": asset.archetype,
            "description_th": f"{asset.name_th} {where_th} {note_th} "
            f"บันทึกข้อมูลโดย{source_field.split(' (')[0]}",
            "description_en": f"{asset.name_en}, {pro_en}. {note_en}. Recorded by {source_en}.",
            "period": _period_label(period),
            "province": asset.province,
            "tambon_code": loc["tambon_code"],
            "risk": "none",
            "risk_reason": "",
            "keywords": ";".join(dict.fromkeys([LABEL_TH[asset.archetype], *words, pro_th])),
            "source": source_field,
            "geometry": geom,
        }


def asset_rows(sampler: ProvinceSampler) -> list[dict]:
    """All 4,800 demo assets as interchange rows (dicts with a shapely `geometry`)."""
    rng = random.Random(SEED)
    composer = _AssetComposer(sampler, rng)
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
                row["geometry"] = composer.geometry(code, archetype)
                by_archetype.setdefault(archetype, []).append(len(rows))
                rows.append(row)
    _assign_risk(rows, by_archetype, rng)
    for row in rows:
        _survey_facts(row)
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


def asset_frame(sampler: ProvinceSampler) -> gpd.GeoDataFrame:
    """The demo assets as a GeoDataFrame of the interchange columns, ready for the import service."""
    rows = asset_rows(sampler)
    return gpd.GeoDataFrame(rows, columns=INTERCHANGE_COLUMNS, geometry="geometry", crs="EPSG:4326")
