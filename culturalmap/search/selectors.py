"""Search across the whole catalogue: the one selector the API, the search page and the map use."""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape
from django.utils.translation import ngettext
from pythainlp.util import collate
from whoosh.query import And, Every, NumericRange, Or, Query, Term

from culturalmap.core import records
from culturalmap.core.exceptions import DomainError

from . import analysis, documents
from .documents import microdegrees
from .index import IndexMissing, searcher
from .query import QueryBuilder
from .schema import FACETS

__all__ = ["IndexMissing", "PageOutOfRange", "SearchFilters", "SearchPage", "search_catalogue"]

# The kind whose categories `archetype=` narrows, leaving the other kinds' records in.
ARCHETYPE_KIND = "asset"
DEFAULT_PAGE_SIZE = 20
PLACE_FACETS = ("amphoe", "tambon")
PLACE_FACET_LIMIT = 50
MAX_PAGE_SIZE = 100
SNIPPET_CHARS = 160


class PageOutOfRange(DomainError):
    """The page asked for lies past the last one (`pages`); `reason` says so in the page's language
    (the API answers 400 with it under `errors.page`)."""

    def __init__(self, page: int, pages: int):
        reason = ngettext(
            "ไม่มีหน้า %(page)s: ผลการค้นหามีทั้งหมด %(pages)s หน้า",
            "ไม่มีหน้า %(page)s: ผลการค้นหามีทั้งหมด %(pages)s หน้า",
            pages,
        ) % {"page": page, "pages": pages}
        super().__init__(f"page: {reason}", errors={"page": [reason]})
        self.page, self.pages, self.reason = page, pages, reason


@dataclass(frozen=True)
class SearchFilters:
    kinds: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()  # province codes
    regions: tuple[str, ...] = ()  # region codes
    amphoes: tuple[str, ...] = ()  # district codes (4 digits, DOPA)
    tambons: tuple[str, ...] = ()  # sub-district codes (6 digits, DOPA)
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    # Archetypes that narrow the assets only, leaving other kinds alone: the map's list, where the
    # archetype boxes filter the assets layer and the markets and learning spaces still show.
    asset_archetypes: tuple[str, ...] = ()

    def as_query(self) -> Query | None:
        clauses: list[Query] = []
        for name, values in (
            ("kind", self.kinds),
            ("category", self.categories),
            ("province", self.provinces),
            ("region", self.regions),
            ("amphoe", self.amphoes),
            ("tambon", self.tambons),
        ):
            if values:
                clauses.append(Or([Term(name, value) for value in values]))
        if self.asset_archetypes:
            archetypes = Or([Term("category", code) for code in self.asset_archetypes])
            assets = And([Term("kind", ARCHETYPE_KIND), archetypes])
            others = (Term("kind", kind) for kind in records.codes() if kind != ARCHETYPE_KIND)
            clauses.append(Or([assets, *others]))
        if self.bbox:
            minlon, minlat, maxlon, maxlat = self.bbox
            clauses += [
                NumericRange("lon_e6", microdegrees(minlon), microdegrees(maxlon)),
                NumericRange("lat_e6", microdegrees(minlat), microdegrees(maxlat)),
            ]
        return And(clauses) if clauses else None


@dataclass
class FacetValue:
    value: str
    label_th: str
    label_en: str
    count: int


@dataclass
class SearchHit:
    kind: str
    code: str
    ref: str | None
    name_th: str
    name_en: str
    category: str | None
    province: dict
    region: str
    amphoe: str | None
    tambon: str | None
    lon: float | None
    lat: float | None
    url: str
    highlights: dict[str, str]


@dataclass
class SearchPage:
    q: str
    filters: SearchFilters
    count: int
    page: int
    page_size: int
    results: list[SearchHit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # False when no record had every word and records with some of them are shown instead.
    all_words: bool = True

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))


def search_catalogue(
    *, q: str = "", filters: SearchFilters | None = None, page: int = 1, page_size: int = DEFAULT_PAGE_SIZE
) -> SearchPage:
    """Public records matching `q` (all of them when blank) within the filters, best first.

    Raises IndexMissing when the index has not been built, PageOutOfRange past the last page.
    """
    filters = filters or SearchFilters()
    q = (q or "").strip(" \t\r\n\u200b") + (" " if (q or "")[-1:].isspace() else "")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    if page < 1:
        raise PageOutOfRange(page, 1)
    s = searcher()
    builder = QueryBuilder(s.reader())
    text_query = builder.build(q) if q.strip() else None
    all_words = True
    filter_query = filters.as_query()
    if text_query is None and q.strip():
        hits, matched = [], set()  # only stop words: nothing to look for
    elif text_query is None:
        # A listing: every record within the filters, by name.
        matched = set(s.docs_for_query(filter_query or Every()))
        rank = _name_rank(s)
        hits = sorted(matched, key=lambda d: (rank[d], d))
    else:
        # limit=None: every match is scored and sorted. With a limit, whoosh's top-N collector
        # lost the best match of an AND-MAYBE query (a ranking that changed with the page size).
        results = s.search(text_query, filter=filter_query, limit=None)
        if results.scored_length() == 0:
            all_words = False
            text_query = builder.build(q, any_word=True)
            results = s.search(text_query, filter=filter_query, limit=None)
        hits, matched = results, results.docs()
    search_page = SearchPage(
        q=q.strip(),
        filters=filters,
        count=len(matched),
        page=page,
        page_size=page_size,
        results=[],
        all_words=all_words,
    )
    if page > search_page.pages:
        raise PageOutOfRange(page, search_page.pages)
    start = (page - 1) * page_size
    if text_query is None:
        search_page.results = [
            _hit(s.stored_fields(docnum), None) for docnum in hits[start : start + page_size]
        ]
    else:
        # The query's words, per field, to mark in the results (cheaper than asking whoosh to
        # record which term matched which of possibly thousands of records).
        terms: dict[str, set[str]] = {}
        for fieldname, term in text_query.iter_all_terms():
            terms.setdefault(fieldname, set()).add(term.decode() if isinstance(term, bytes) else term)
        search_page.results = [
            _hit(hit.fields(), (s.schema, terms)) for hit in hits[start : start + page_size]
        ]
    columns = _columns(s)
    search_page.facets = {name: _facet(name, Counter(columns[name][d] for d in matched)) for name in FACETS}
    for name in PLACE_FACETS:  # thousands of sub-districts: the commonest
        search_page.facets[name] = search_page.facets[name][:PLACE_FACET_LIMIT]
    return search_page


def _columns(s) -> dict[str, list]:
    """Each facet's value per docnum, read once per searcher."""
    cached = getattr(s, "_culturalmap_columns", None)
    if cached is None:
        reader = s.reader()
        cached = {name: _column(reader, name) for name in FACETS}
        s._culturalmap_columns = cached
    return cached


def _name_rank(s) -> list[int]:
    """Each docnum's place in Thai dictionary order of the names (for listings), once per searcher."""
    cached = getattr(s, "_culturalmap_name_rank", None)
    if cached is None:
        names = _column(s.reader(), "sort_name")
        order = _thai_order(names)
        cached = s._culturalmap_name_rank = [order[name] for name in names]
    return cached


def _column(reader, name: str) -> list:
    """The column's value of every docnum ("" where a document has none).

    Read segment by segment: whoosh's multi-segment column reader leaves out segments where no
    document has the field, which shifted every later value onto the wrong document.
    """
    values: list = []
    for leaf, offset in reader.leaf_readers():
        count = leaf.doc_count_all()
        values += [""] * (offset - len(values))  # defensive: segments are contiguous
        column = list(leaf.column_reader(name)) if leaf.has_column(name) else []
        values += (column + [""] * count)[:count]
    return values


def _hit(stored: dict, highlight: tuple | None) -> SearchHit:
    return SearchHit(
        kind=stored["kind"],
        code=stored["code"],
        ref=stored.get("ref") or None,
        name_th=stored.get("name_th", ""),
        name_en=stored.get("name_en", ""),
        category=stored.get("category") or None,
        province={
            "code": stored["province"],
            "name_th": stored["province_th"],
            "name_en": stored["province_en"],
        },
        region=stored["region"],
        amphoe=stored.get("amphoe") or None,
        tambon=stored.get("tambon") or None,
        lon=stored.get("lon"),
        lat=stored.get("lat"),
        url=stored["url"],
        highlights=_highlights(stored, *highlight) if highlight else {},
    )


# --- facets ----------------------------------------------------------------------------------


def _facet(name: str, counts: dict) -> list[FacetValue]:
    """The values by count, those of equal count in Thai dictionary order of their labels."""
    labels = _facet_labels(name)
    values = [
        FacetValue(str(value), *labels.get(str(value), (str(value), str(value))), count)
        for value, count in counts.items()
        if value not in (None, "", b"")
    ]
    order = _thai_order(v.label_th for v in values)
    return sorted(values, key=lambda v: (-v.count, order[v.label_th], v.value))


def _thai_order(labels) -> dict[str, int]:
    """Each label's place in Thai dictionary order (code-point order put เชียงราย after สุรินทร์)."""
    return {label: i for i, label in enumerate(collate(set(labels)))}


def _facet_labels(name: str) -> dict[str, tuple[str, str]]:
    if name == "kind":
        return documents.kind_labels()
    if name == "category":
        return documents.category_labels()
    if name == "province":
        return _province_labels()
    if name in PLACE_FACETS:
        return _place_labels()
    return _region_labels()


@lru_cache(maxsize=1)
def _province_labels() -> dict[str, tuple[str, str]]:
    from geodata.selectors import province_list

    return {p.code: (p.name_th, p.name_en) for p in province_list()}


def _place_labels() -> dict[str, tuple[str, str]]:
    """Districts and sub-districts by code, named with the places around them (two บ้านแลง)."""
    from geodata.areas import place_labels

    return place_labels()


@lru_cache(maxsize=1)
def _region_labels() -> dict[str, tuple[str, str]]:
    from geodata.models import Region

    return {r.code: (r.name_th, r.name_en) for r in Region.objects.all()}


def facet_label(name: str, value: str, lang: str) -> str:
    """The name of a facet's value (a kind, category, province or region code) in `lang`."""
    th, en = _facet_labels(name).get(value, (value, value))
    return en if lang == "en" else th


def known_categories() -> set[str]:
    return set(documents.category_labels())


def known_provinces() -> set[str]:
    return set(_province_labels())


def known_regions() -> set[str]:
    return set(_region_labels())


def known_places() -> set[str]:
    return set(_place_labels())


# --- highlights ------------------------------------------------------------------------------


def _highlights(stored: dict, schema, matched: dict[str, set[str]]) -> dict[str, str]:
    """Matched words marked with <mark> in the names, and a snippet of the description."""
    out = {}
    name_th = stored.get("name_th", "")
    spans = _spans(schema["name_th"].analyzer, name_th, matched.get("name_th", set()))
    spans += _spans(schema["name_roman"].analyzer, name_th, matched.get("name_roman", set()))
    if spans:
        out["name_th"] = _mark(name_th, spans)
    name_en = stored.get("name_en", "")
    spans = _spans(schema["name_en"].analyzer, name_en, matched.get("name_en", set()))
    if spans:
        out["name_en"] = _mark(name_en, spans)
    for lang in ("th", "en"):
        terms = matched.get(f"text_{lang}")
        if terms:
            snippet = _snippet(schema[f"text_{lang}"].analyzer, stored.get(f"description_{lang}", ""), terms)
            if snippet:
                out[f"description_{lang}"] = snippet
    return out


def _spans(analyzer, text: str, terms: set[str]) -> list[tuple[int, int]]:
    if not terms or not text:
        return []
    return [(t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index") if t.text in terms]


def _mark(text: str, spans: list[tuple[int, int]], *, start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    merged: list[list[int]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, cursor = [], start
    for a, b in merged:
        a, b = max(a, start), min(b, end)
        if a >= b:
            continue
        out += [escape(text[cursor:a]), "<mark>", escape(text[a:b]), "</mark>"]
        cursor = b
    out.append(escape(text[cursor:end]))
    return "".join(out)


def _snippet(analyzer, text: str, terms: set[str]) -> str:
    """A window of the text around its first matched word, that word marked."""
    lowered, offsets = analysis.normalize(text)
    lowered = lowered.lower()
    positions = [lowered.find(term) for term in terms]
    positions = [p for p in positions if p >= 0]
    if not positions:
        return ""
    first = min(positions)
    first = offsets[first] if offsets else first
    start = max(0, first - SNIPPET_CHARS // 3)
    end = min(len(text), start + SNIPPET_CHARS)
    # Cut at spaces where there are some near the edges, so words stay whole.
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    window = text[start:end]
    spans = [(a + start, b + start) for a, b in _spans(analyzer, window, terms)]
    if not spans:
        return ""
    marked = _mark(text, spans, start=start, end=end)
    return ("…" if start > 0 else "") + marked + ("…" if end < len(text) else "")
