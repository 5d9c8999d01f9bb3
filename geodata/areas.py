"""Reads on the administrative areas below the province: sub-districts (ตำบล/แขวง) and districts
(อำเภอ/เขต). Which sub-district a point lies in, their addresses in Thai and English, and finding
them by what a visitor types ("ตำบลบ้านแลง", "บ้านแลง ลำปาง", "Ban Laeng, Lampang").

Every domain derives its records' places here, from geometries: nothing below imports a domain app.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.contrib.gis.geos import GEOSGeometry
from django.db import connection
from django.db.models import F, FloatField, Func, QuerySet
from django.db.models.expressions import RawSQL

from .models import Amphoe, Province, Tambon

BANGKOK = "10"
# A point in the sea by the coast, or in a gap between two simplified survey polygons, takes the
# nearest sub-district up to this far; farther than that it is refused (issue 19).
NEAREST_WITHIN_M = 1000.0

_NEAR_SQL = (Path(__file__).resolve().parent / "sql" / "tambons_near_points.sql").read_text()


@dataclass(frozen=True)
class Nearest:
    """The sub-district nearest a point and how far it is (0 when the point lies in it)."""

    code: str
    metres: float

    @property
    def within_reach(self) -> bool:
        return self.metres <= NEAREST_WITHIN_M


def tambons_near(geometries_wkb: Sequence[bytes]) -> list[Nearest]:
    """The nearest sub-district of each geometry's representative point (the point itself, or a
    polygon's point on its surface, computed by PostGIS as the `location` columns are), given as
    WGS84 WKB; one statement for any number of geometries."""
    if not len(geometries_wkb):
        return []
    with connection.cursor() as cursor:
        cursor.execute(_NEAR_SQL, [[bytes(g) for g in geometries_wkb]])
        return [Nearest(code, float(metres)) for _i, code, metres in cursor.fetchall()]


def tambon_near(geom: GEOSGeometry) -> Nearest | None:
    """The nearest sub-district of a geometry's representative point."""
    found = tambons_near([bytes(geom.wkb)])
    return found[0] if found else None


def tambon_for_geometry(geom: GEOSGeometry) -> Tambon | None:
    """The sub-district a geometry lies in, or the nearest within NEAREST_WITHIN_M; None beyond.
    With its district and province, in one statement (a record page's address costs one query)."""
    nearest = RawSQL(
        f"SELECT n.code FROM ({_NEAR_SQL}) AS n(i, code, metres) WHERE n.metres <= %s",
        ([bytes(geom.wkb)], NEAREST_WITHIN_M),
    )
    return tambon_list().filter(code__in=nearest).first()


def tambons_for_geometries(geoms: Sequence[GEOSGeometry]) -> list[Tambon | None]:
    """The sub-district of each geometry (as tambon_for_geometry) for a list of records: two
    statements for any number of them."""
    near = tambons_near([bytes(g.wkb) for g in geoms])
    found = tambons_by_code(n.code for n in near if n.within_reach) if near else {}
    return [found[n.code] if n.within_reach else None for n in near]


def tambon_list() -> QuerySet[Tambon]:
    """Sub-districts with their district and province, without the boundaries (a province's is tens
    of kilobytes)."""
    return Tambon.objects.select_related("amphoe", "province").defer("geom", "amphoe__geom", "province__geom")


def tambons_by_code(codes: Iterable[str]) -> dict[str, Tambon]:
    return {t.code: t for t in tambon_list().filter(code__in=set(codes))}


def tambon_by_code(code: str) -> Tambon | None:
    return tambon_list().filter(code=code).first()


def amphoe_by_code(code: str) -> Amphoe | None:
    return Amphoe.objects.select_related("province").filter(code=code).first()


# --- addresses ---------------------------------------------------------------------------------


def tambon_word(province_code: str, language: str = "th") -> str:
    if language == "en":
        return "Khwaeng" if province_code == BANGKOK else "Tambon"
    return "แขวง" if province_code == BANGKOK else "ตำบล"


def amphoe_word(province_code: str, language: str = "th") -> str:
    if language == "en":
        return "Khet" if province_code == BANGKOK else "Amphoe"
    return "เขต" if province_code == BANGKOK else "อำเภอ"


def province_label(code: str, name_th: str, name_en: str, language: str = "th") -> str:
    """จังหวัดลำปาง / Lampang Province; Bangkok is never a จังหวัด."""
    if language == "en":
        return name_en if code == BANGKOK else f"{name_en} Province"
    return name_th if code == BANGKOK else f"จังหวัด{name_th}"


def amphoe_label(
    amphoe: Amphoe, language: str = "th", *, with_province: bool = False, province: Province | None = None
) -> str:
    """อำเภอเมืองลำปาง / เขตบางรัก / Amphoe Mueang Lampang; `province`, when the caller has it, spares
    a query."""
    province = province or amphoe.province
    name = amphoe.name_en if language == "en" else amphoe.name_th
    word = amphoe_word(province.code, language)
    text = f"{word} {name}" if language == "en" else f"{word}{name}"
    if with_province:
        sep = ", " if language == "en" else " "
        text += sep + province_label(province.code, province.name_th, province.name_en, language)
    return text


def tambon_label(tambon: Tambon, language: str = "th") -> str:
    """ตำบลบ้านแลง อำเภอเมืองลำปาง / Tambon Ban Laeng, Amphoe Mueang Lampang (no province)."""
    code, amphoe = tambon.province_id, amphoe_label(tambon.amphoe, language, province=tambon.province)
    if language == "en":
        return f"{tambon_word(code, 'en')} {tambon.name_en}, {amphoe}"
    return f"{tambon_word(code)}{tambon.name_th} {amphoe}"


def address(tambon: Tambon, language: str = "th", *, postcode: bool = False) -> str:
    """The address of a sub-district as a Thai (or English) reader writes it:
    ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง 52000 · แขวงวัดอรุณ เขตบางกอกใหญ่ กรุงเทพมหานคร ·
    Tambon Ban Laeng, Amphoe Mueang Lampang, Lampang Province 52000."""
    province = tambon.province
    sep = ", " if language == "en" else " "
    text = tambon_label(tambon, language) + sep
    text += province_label(province.code, province.name_th, province.name_en, language)
    if postcode and tambon.postcodes:
        text += f" {tambon.postcodes[0]}"
    return text


def address_of_names(
    province_code: str,
    *,
    tambon: str = "",
    amphoe: str = "",
    province_th: str = "",
    province_en: str = "",
    language: str = "th",
) -> str:
    """The same address from names alone (a GeoJSON feature's properties on the OGC API's pages, where
    no Tambon is at hand), each name with its word; what is missing is left out ("" when nothing is)."""
    en = language == "en"
    parts = []
    if tambon:
        parts.append(f"{tambon_word(province_code, language)}{' ' if en else ''}{tambon}")
    if amphoe:
        parts.append(f"{amphoe_word(province_code, language)}{' ' if en else ''}{amphoe}")
    if province_code and (province_en if en else province_th):
        parts.append(province_label(province_code, province_th, province_en, language))
    return (", " if en else " ").join(parts)


def place_words(tambon: Tambon) -> dict[str, str]:
    """The words a page puts before each name: ตำบล/อำเภอ (แขวง/เขต in Bangkok), and the English ones."""
    code = tambon.province_id
    return {
        "tambon_th": tambon_word(code),
        "amphoe_th": amphoe_word(code),
        "tambon_en": tambon_word(code, "en"),
        "amphoe_en": amphoe_word(code, "en"),
        "province_th": "" if code == BANGKOK else "จังหวัด",
    }


def place_ref(tambon: Tambon | None) -> dict | None:
    """The sub-district, its district and province as codes and names (API documents, exports)."""
    if tambon is None:
        return None
    amphoe, province = tambon.amphoe, tambon.province
    return {
        "tambon": {"code": tambon.code, "name_th": tambon.name_th, "name_en": tambon.name_en},
        "amphoe": {"code": amphoe.code, "name_th": amphoe.name_th, "name_en": amphoe.name_en},
        "province": {"code": province.code, "name_th": province.name_th, "name_en": province.name_en},
        "postcode": tambon.postcodes[0] if tambon.postcodes else "",
        "address_th": address(tambon, "th"),
        "address_en": address(tambon, "en"),
    }


# --- finding places by name --------------------------------------------------------------------

# Words written before a name, Thai and English, in full and short; and the marks names differ by.
_LEVEL_WORDS = re.compile(
    r"(กิ่งอำเภอ|อำเภอ|ตำบล|แขวง|เขต|จังหวัด|(?<![ก-๙])[จอต]\.|"
    r"\b(?:tambon|khwaeng|amphoe|khet|province|sub-?district|district|changwat|tam\.|amp\.|t\.|a\.)(?![a-z]))",
    re.IGNORECASE,
)
_MARKS = re.compile(r"[\s.,'’\-()]+")
_ALIASES = {"กทม": (BANGKOK,), "กรุงเทพ": (BANGKOK,), "กรุงเทพฯ": (BANGKOK,), "bkk": (BANGKOK,)}
MAX_PIECES = 3


def normalize_name(text: str) -> str:
    """A name or a query in one comparable form: lower case, no spaces, dots, hyphens or level words."""
    return _MARKS.sub("", _LEVEL_WORDS.sub(" ", text or "").lower()).replace("ฯ", "")


@dataclass(frozen=True)
class Place:
    """A province ('province'), district ('amphoe') or sub-district ('tambon') found by name."""

    level: str
    code: str
    name_th: str
    name_en: str
    label_th: str  # with its district and province: a visitor tells two บ้านแลง apart
    label_en: str
    bbox: tuple[float, float, float, float]  # west, south, east, north

    def contains(self, other: Place) -> bool:
        return other.code != self.code and other.code.startswith(self.code)


def _box(geom) -> tuple[float, float, float, float]:
    return tuple(round(v, 5) for v in geom)  # type: ignore[return-value]


@cache
def _gazetteer() -> tuple[dict[str, list[Place]], dict[str, Place]]:
    """Every province, district and sub-district by its normalised Thai and English names (and by
    code), read once per process: some 8,400 small rows."""
    extent = {
        side: Func(F("geom"), function=f"ST_{side}", output_field=FloatField())
        for side in ("XMin", "YMin", "XMax", "YMax")
    }
    by_name: dict[str, list[Place]] = {}
    by_code: dict[str, Place] = {}

    def add(place: Place, *names: str) -> None:
        by_code[place.code] = place
        for name in {normalize_name(n) for n in names if n}:
            by_name.setdefault(name, []).append(place)

    provinces = {}
    for p in Province.objects.annotate(**extent).order_by("code"):
        label_th = province_label(p.code, p.name_th, p.name_en)
        label_en = province_label(p.code, p.name_th, p.name_en, "en")
        provinces[p.code] = p
        box = _box((p.XMin, p.YMin, p.XMax, p.YMax))
        add(Place("province", p.code, p.name_th, p.name_en, label_th, label_en, box), p.name_th, p.name_en)
    amphoes = {}
    for a in Amphoe.objects.annotate(**extent).select_related("province").order_by("code"):
        amphoes[a.code] = a
        names = [a.name_th, a.name_en]
        if a.code.endswith("01") and a.province_id != BANGKOK:  # "อ.เมือง": the capital district
            names += ["เมือง", "mueang"]
        place = Place(
            "amphoe",
            a.code,
            a.name_th,
            a.name_en,
            amphoe_label(a, with_province=True),
            amphoe_label(a, "en", with_province=True),
            _box((a.XMin, a.YMin, a.XMax, a.YMax)),
        )
        add(place, *names)
    for t in Tambon.objects.annotate(**extent).order_by("code"):
        t.amphoe, t.province = amphoes[t.amphoe_id], provinces[t.province_id]
        place = Place(
            "tambon",
            t.code,
            t.name_th,
            t.name_en,
            address(t),
            address(t, "en"),
            _box((t.XMin, t.YMin, t.XMax, t.YMax)),
        )
        add(place, t.name_th, t.name_en)
    for alias, codes in _ALIASES.items():
        by_name.setdefault(alias, []).extend(by_code[c] for c in codes)
    return by_name, by_code


def forget_gazetteer() -> None:
    """After the areas were (re)loaded in this process (tests after a flush)."""
    _gazetteer.cache_clear()
    place_labels.cache_clear()


def place_by_code(code: str) -> Place | None:
    return _gazetteer()[1].get(code)


@cache
def place_labels() -> dict[str, tuple[str, str]]:
    """Every district and sub-district code with its Thai and English label (with the places around
    it: ตำบลบ้านแลง อำเภอเมืองลำปาง จังหวัดลำปาง)."""
    return {code: (p.label_th, p.label_en) for code, p in _gazetteer()[1].items() if p.level != "province"}


def _segmentations(key: str, names: dict[str, list[Place]]) -> list[list[list[Place]]]:
    """The ways of reading `key` as a run of at most MAX_PIECES names, fewest pieces first."""
    n = len(key)
    best: list[list[list[list[Place]]]] = [[] for _ in range(n + 1)]
    best[0] = [[]]
    for end in range(1, n + 1):
        for start in range(end):
            found = names.get(key[start:end])
            if not found:
                continue
            for reading in best[start]:
                if len(reading) < MAX_PIECES:
                    best[end].append([*reading, found])
    return sorted(best[n], key=len)


def _consistent(pieces: list[list[Place]]) -> list[Place]:
    """The most specific places that every piece agrees with: บ้านแลง + ลำปาง is the บ้านแลง in ลำปาง."""
    passed = []
    for i, piece in enumerate(pieces):
        others = [p for j, p in enumerate(pieces) if j != i]
        for place in piece:
            if all(any(c.contains(place) for c in other) for other in others):
                passed.append(place)
    passed = [p for p in passed if not any(p.contains(q) for q in passed)]
    return sorted(dict.fromkeys(passed), key=lambda p: p.code)


_TAMBON_WORDS = re.compile(r"ตำบล|แขวง|(?<![ก-๙])ต\.|\b(?:tambon|khwaeng|sub-?district)\b", re.IGNORECASE)
_AMPHOE_WORDS = re.compile(r"อำเภอ|เขต|(?<![ก-๙])อ\.|\b(?:amphoe|khet|district)\b", re.IGNORECASE)


def _levels_asked(text: str) -> set[str]:
    """ "เขตบางรัก" asks for the district, not แขวงบางรัก: the levels a text's words name, if any."""
    asked = set()
    if _TAMBON_WORDS.search(text):
        asked.add("tambon")
    if _AMPHOE_WORDS.search(_TAMBON_WORDS.sub(" ", text)):
        asked.add("amphoe")
    return asked


def is_address(text: str) -> bool:
    """Written as an address, not just a name ("บ้านแลง", "Wat Arun" may be a temple as well): with
    ตำบล/อำเภอ/จังหวัด (or their short and English forms), or as several names in a row ("บ้านแลง
    ลำปาง", "Ban Laeng, Lampang")."""
    if _LEVEL_WORDS.search(text or ""):
        return True
    readings = _segmentations(normalize_name(text), _gazetteer()[0])
    return bool(readings) and len(readings[0]) > 1


def places_named(text: str) -> list[Place]:
    """The places that what was typed names in full ("ตำบลบ้านแลง", "บ้านแลง ลำปาง", "อ.เมือง ลำปาง",
    "Ban Laeng, Lampang"), most specific first; empty when the text is not (only) a place name."""
    key = normalize_name(text)
    if not key or len(key) > 80:
        return []
    names, _ = _gazetteer()
    asked = _levels_asked(text)
    for reading in _segmentations(key, names):
        if asked == {"amphoe"}:  # no sub-district asked for: a name of both levels is the district
            reading = [[p for p in piece if p.level != "tambon"] or piece for piece in reading]
        found = _consistent(reading)
        if found:
            level_rank = {"tambon": 0, "amphoe": 1, "province": 2}
            return sorted(found, key=lambda p: (level_rank[p.level], p.code))
    return []


def _starting(names: dict[str, list[Place]], prefix: str) -> list[Place]:
    found = {
        place.code: place for name, places in names.items() if name.startswith(prefix) for place in places
    }
    return list(found.values()) if len(prefix) >= 2 else []


def places_starting(text: str, *, limit: int = 10) -> list[Place]:
    """Places for a place picker, while typing: the names that start with the last word typed,
    narrowed by any whole names before it ("บ้านแลง ลำป" → ตำบลบ้านแลง in ลำปาง). Provinces first,
    then districts, then sub-districts, each in code order."""
    named = places_named(text) if is_address(text) else []
    if named:
        return named[:limit]
    words = [w for w in _LEVEL_WORDS.sub(" ", text or "").replace(",", " ").split() if w]
    if not words:
        return []
    names, _ = _gazetteer()
    *before, last = words
    prefix = normalize_name(last)
    if len(prefix) < 2:
        return []
    found: list[Place] = []
    context = places_named(" ".join(before)) if before else []
    if context:
        # The word being typed narrows what came before ("บ้านแลง ลำป": the บ้านแลง in ลำปาง), or
        # names a place within it ("ลำปาง บ้านแ").
        starting = _starting(names, prefix)
        found = [c for c in context if any(p.contains(c) for p in starting)]
        found += [p for p in starting if any(c.contains(p) for c in context)]
    if not found:  # one name of several words being typed ("Ko Kh", "Ban Lae")
        found = _starting(names, normalize_name(" ".join(words)))
    level_rank = {"province": 0, "amphoe": 1, "tambon": 2}
    return sorted(dict.fromkeys(found), key=lambda p: (level_rank[p.level], p.code))[:limit]


# --- DOPA's code list (the `geothai` package) --------------------------------------------------


@dataclass(frozen=True)
class CodeStatus:
    """What DOPA's list says of a 6-digit sub-district code someone wrote down."""

    code: str
    current: bool
    tambon_th: str = ""  # "" for a code DOPA never had
    amphoe_th: str = ""  # with its word: อำเภอสามพราน, เขตบางนา
    province_th: str = ""  # จังหวัดนครปฐม, กรุงเทพมหานคร
    label_en: str = ""  # Tambon Bang Chang, Amphoe Sam Phran, Nakhon Pathom Province
    abolished_on: str = ""  # ISO date, for an abolished code
    successors: tuple[CodeStatus, ...] = ()

    @property
    def known(self) -> bool:
        return bool(self.tambon_th)

    @property
    def label_th(self) -> str:
        """ตำบลบางช้าง อำเภอสามพราน จังหวัดนครปฐม"""
        return f"{tambon_word(self.code[:2])}{self.tambon_th} {self.amphoe_th} {self.province_th}"


def _status(code: str, current: bool, names: tuple, province, **extra) -> CodeStatus:
    sub_th, sub_en, dist_th, dist_en = names
    pro = code[:2]
    dist_th = dist_th.removeprefix("เขต")
    en = f"{tambon_word(pro, 'en')} {sub_en}, {amphoe_word(pro, 'en')} {dist_en}"
    if province is not None:
        en += ", " + province_label(pro, province.name_th, province.name_en, "en")
    return CodeStatus(
        code,
        current=current,
        tambon_th=sub_th,
        amphoe_th=f"{amphoe_word(pro)}{dist_th}",
        province_th=province_label(pro, province.name_th, province.name_en) if province else "",
        label_en=en,
        **extra,
    )


@cache
def _abolished() -> dict:
    from geothai.abolished import abolished_areas

    return {a.code: a for a in abolished_areas() if a.level == "subdistrict"}


def dopa_code_status(code: str) -> CodeStatus:
    """A current code with its names; an abolished one with its date and the codes that replaced it;
    or a code DOPA never had (known is False)."""
    import geothai

    found = geothai.address(code)
    if found is not None:
        sub, dist = found.subdistrict, found.district
        return _status(code, True, (sub.name_th, sub.name_en, dist.name_th, dist.name_en), found.province)
    gone = _abolished().get(code)
    if gone is None:
        return CodeStatus(code, current=False)
    dist, province = geothai.district(code[:4]), geothai.province(code[:2])
    names = (
        gone.name_th,
        gone.name_en or gone.name_th,
        dist.name_th if dist else "",
        dist.name_en if dist else "",
    )
    successors = tuple(s for s in map(dopa_code_status, gone.successors) if s.current)
    return _status(code, False, names, province, abolished_on=gone.abolished_on, successors=successors)
