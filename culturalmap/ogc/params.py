"""Reading an OGC API request's query: every bad parameter is a 400 that names it and says why."""

import datetime
import re
from collections.abc import Mapping

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from culturalmap.core.records import RecordKind
from geodata.models import Amphoe, Tambon
from geodata.selectors import province_by_name_or_code

from .features import FeatureFilters

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
# Parameters every resource takes: the format, and the page language of the HTML views.
GENERAL = ("f", "lang")
# Names for the place filters: the features' own column first, then what the asset API and
# Thai GIS users call them.
PROVINCE = ("province",)
AMPHOE = ("amphoe", "district")
TAMBON = ("tambon", "sub_district", "subdistrict", "tambon_code")
ITEMS = ("limit", "offset", "bbox", "bbox-crs", "crs", "datetime", "category", *PROVINCE, *AMPHOE, *TAMBON)


class OgcRequestError(ValueError):
    """A request the API cannot answer as asked: a 400 (or `status`) with the reason, in English
    (what OGC clients show) and Thai."""

    def __init__(self, message: str, *, status: int = 400, code: str = "InvalidParameterValue"):
        super().__init__(message)
        self.status = status
        self.code = code


def category_names(kind: RecordKind) -> tuple[str, ...]:
    """The query names of a kind's category: `category`, and its own word (archetype, space_type)."""
    own = kind.search.category
    return ("category", own) if own and own != "category" else ("category",)


def check_known(query: Mapping, allowed: tuple[str, ...]) -> None:
    unknown = sorted(set(query) - set(allowed) - set(GENERAL))
    if unknown:
        raise OgcRequestError(
            f"unknown query parameter(s) {', '.join(unknown)}; this resource takes "
            f"{', '.join(sorted(set(allowed) | set(GENERAL)))} / ไม่รู้จักพารามิเตอร์ {', '.join(unknown)}"
        )


def _one(query: Mapping, names: tuple[str, ...]) -> tuple[str, str] | None:
    given = [(name, query.get(name)) for name in names if query.get(name) not in (None, "")]
    if len(given) > 1:
        raise OgcRequestError(f"give only one of {', '.join(n for n, _ in given)}")
    return given[0] if given else None


def _integer(query: Mapping, name: str, default: int, low: int, high: int) -> int:
    text = query.get(name)
    if text in (None, ""):
        return default
    try:
        value = int(text)
    except ValueError:
        raise OgcRequestError(f"{name} must be a whole number, not {text!r}") from None
    if not low <= value <= high:
        raise OgcRequestError(f"{name} must be between {low} and {high}, not {value}")
    return value


def limit_offset(query: Mapping) -> tuple[int, int]:
    return (
        _integer(query, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        _integer(query, "offset", 0, 0, 10**9),
    )


def _bbox(text: str | None) -> tuple[float, float, float, float] | None:
    if not text:
        return None
    try:
        numbers = [float(v) for v in text.split(",")]
    except ValueError:
        raise OgcRequestError("bbox is minlon,minlat,maxlon,maxlat: four numbers (CRS84 degrees)") from None
    if len(numbers) == 6:  # minlon,minlat,minz,maxlon,maxlat,maxz: the heights say nothing here
        numbers = [numbers[0], numbers[1], numbers[3], numbers[4]]
    if len(numbers) != 4:
        raise OgcRequestError("bbox is minlon,minlat,maxlon,maxlat: four numbers (CRS84 degrees)")
    west, south, east, north = numbers
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise OgcRequestError("bbox must lie within -180..180 and -90..90 degrees, with minlat <= maxlat")
    if west > east:
        raise OgcRequestError("a bbox across the antimeridian (minlon > maxlon) is not supported here")
    return west, south, east, north


def _crs(query: Mapping) -> None:
    for name in ("bbox-crs", "crs"):
        value = query.get(name)
        if value and value not in (CRS84, "EPSG:4326", "http://www.opengis.net/def/crs/EPSG/0/4326"):
            raise OgcRequestError(f"{name} {value!r} is not offered: coordinates are CRS84 ({CRS84})")


def _instant(text: str, *, end: bool) -> datetime.datetime | None:
    if text in ("", ".."):
        return None
    moment = parse_datetime(text.replace(" ", "T"))
    if moment is None:
        day = parse_date(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
        if day is None:
            raise OgcRequestError(
                f"datetime {text!r} is not RFC 3339 (2024-05-01T10:00:00Z, 2024-05-01, or an interval a/b)"
            )
        # A date is the whole day, in the catalogue's time zone (Asia/Bangkok).
        moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
    if moment.tzinfo is None:
        moment = timezone.make_aware(moment)
    return moment


def _datetime(text: str | None) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    if not text:
        return None, None
    if "/" in text:
        first, _, last = text.partition("/")
        start, end = _instant(first, end=False), _instant(last, end=True)
        if start and end and start > end:
            raise OgcRequestError("datetime interval ends before it starts")
        return start, end
    if text == "..":
        raise OgcRequestError("datetime '..' needs a bound: give a/.. or ../b")
    # An instant: a date means that whole day, a moment just that moment.
    return _instant(text, end=False), _instant(text, end=True)


def _categories(kind: RecordKind, query: Mapping) -> tuple[str, ...]:
    given = _one(query, category_names(kind))
    if not given:
        return ()
    name, text = given
    codes = tuple(dict.fromkeys(c.strip() for c in text.split(",") if c.strip()))
    known = {c.code for c in kind.categories}
    unknown = [c for c in codes if c not in known]
    if unknown:
        offered = ", ".join(sorted(known)) or "none: this collection has no categories"
        raise OgcRequestError(f"unknown {name} {', '.join(unknown)}; {name} values: {offered}")
    return codes


def _province(query: Mapping) -> str | None:
    given = _one(query, PROVINCE)
    if not given:
        return None
    province = province_by_name_or_code(given[1].strip())
    if province is None:
        raise OgcRequestError(f"no province is called or coded {given[1]!r} (e.g. 52, ลำปาง, Lampang)")
    return province.code


def _area(query: Mapping, names: tuple[str, ...], model, digits: int, example: str) -> str | None:
    given = _one(query, names)
    if not given:
        return None
    name, code = given[0], given[1].strip()
    if not re.fullmatch(rf"\d{{{digits}}}", code):
        raise OgcRequestError(f"{name} is a {digits}-digit DOPA code, e.g. {example}; not {code!r}")
    if not model.objects.filter(code=code).exists():
        raise OgcRequestError(f"no {name} has the code {code!r}")
    return code


def item_filters(kind: RecordKind, query: Mapping) -> FeatureFilters:
    """The filters of an items request, checked; unknown parameters are refused (OGC API Part 1)."""
    check_known(query, tuple(dict.fromkeys((*ITEMS, *category_names(kind)))))
    _crs(query)
    start, end = _datetime(query.get("datetime"))
    return FeatureFilters(
        bbox=_bbox(query.get("bbox")),
        start=start,
        end=end,
        categories=_categories(kind, query),
        province=_province(query),
        amphoe=_area(query, AMPHOE, Amphoe, 4, "5201"),
        tambon=_area(query, TAMBON, Tambon, 6, "520109"),
    )
