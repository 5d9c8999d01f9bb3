"""Reading untrusted text: JSON with a depth limit, and CSV rows with a clear error for a huge cell.

Each rule lives here once. The API's JSON parser (REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]), the
GeoJSON reader (culturalmap.core.geojson) and the pages' own JSON fields read JSON with `loads`; a
sheet reader takes its rows from `csv_rows`.
"""

import csv
import json
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser
from rest_framework.settings import api_settings

# Deeper than any document of ours (a GeoJSON MultiPolygon is 4 levels), far below the nesting at
# which Python's decoder, or what later walks the data, runs out of stack (RecursionError: a 500).
MAX_JSON_DEPTH = 400

# A string (with its escapes), or a bracket: the depth is counted on brackets outside strings.
_JSON_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)


class JSONInputError(ValueError):
    """Text that is not JSON we read: malformed, or nested deeper than MAX_JSON_DEPTH."""


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether arrays and objects nest deeper than `limit`: counted before decoding, so a
    100,000-deep document costs one scan, not a recursion."""
    depth = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limit:
                return True
        elif token in "]}":
            depth -= 1
    return False


def loads(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH, strict: bool = True) -> Any:
    """json.loads for text from outside; JSONInputError (a ValueError) for anything it will not read.

    `strict`: NaN and Infinity, which are not JSON, are refused too."""
    if isinstance(text, bytes | bytearray):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise JSONInputError(_("ข้อมูล JSON ไม่ได้เข้ารหัส UTF-8")) from exc
    if json_depth_exceeds(text, max_depth):
        raise JSONInputError(_("ข้อมูล JSON ซ้อนกันลึกเกิน %(n)s ชั้น") % {"n": max_depth})
    try:
        return json.loads(text, parse_constant=_refuse_constant if strict else None, parse_float=_finite)
    except RecursionError as exc:  # belt and braces: the scan above already refused it
        raise JSONInputError(_("ข้อมูล JSON ซ้อนกันลึกเกิน %(n)s ชั้น") % {"n": max_depth}) from exc
    except ValueError as exc:
        raise JSONInputError(_("อ่าน JSON ไม่ได้: %(reason)s") % {"reason": exc}) from exc


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400: a float too large becomes infinity
        raise ValueError(f"{text} is out of range")
    return value


class DepthLimitedJSONParser(JSONParser):
    """DRF's JSON parser with the depth limit: a deeply nested body is a 400, never a RecursionError."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", "utf-8")
        try:
            text = stream.read().decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        try:
            return loads(text, strict=api_settings.STRICT_JSON)
        except JSONInputError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc


# --- CSV ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvRowError:
    """A row the CSV reader could not read (a cell over csv.field_size_limit()): its reason."""

    reason: str


def csv_rows(reader: Iterable[list[str]]) -> Iterator[tuple[int, list[str] | CsvRowError]]:
    """(line number, cells) for each row of a csv.reader; a row the reader refuses (a cell longer
    than csv.field_size_limit(), 131,072 characters by default) comes as (line, CsvRowError) and
    reading goes on with the next line, so one pasted blob costs its own row only."""
    rows = iter(reader)
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            line = getattr(reader, "line_num", 0)
            yield line, CsvRowError(_csv_reason(exc))
            continue
        yield getattr(reader, "line_num", 0), cells


def _csv_reason(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        return _("มีช่องที่ยาวเกิน %(n)s ตัวอักษร") % {"n": f"{csv.field_size_limit():,}"}
    return _("อ่านแถวนี้ไม่ได้ (%(reason)s)") % {"reason": exc}
