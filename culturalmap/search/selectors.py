"""Search across the whole catalogue: the one selector the API, the search page and the map use."""

import math
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.utils.translation import ngettext
from pythainlp.util import collate
from whoosh.query import And, Every, NumericRange, Or, Query, Term

from culturalmap.core import records
from culturalmap.core.exceptions import DomainError

from . import documents, lexicon, ranking, snippets, spelling
from .concepts import EMPTY, ConceptMatcher, matcher_for
from .documents import microdegrees
from .index import IndexMissing, current_build, searcher
from .query import QueryBuilder
from .schema import FACETS

__all__ = ["IndexMissing", "PageOutOfRange", "SearchFilters", "SearchPage", "search_catalogue"]

# The kind whose categories `archetype=` narrows, leaving the other kinds' records in.
ARCHETYPE_KIND = "asset"
DEFAULT_PAGE_SIZE = 20
PLACE_FACETS = ("amphoe", "tambon")
PLACE_FACET_LIMIT = 50
MAX_PAGE_SIZE = 100
CONCEPT_FACET_LIMIT = 20
# Fewer results than this: the search also looks for what the visitor may have meant.
FEW_RESULTS = 3
SORTS = ("relevance", "views")
RANKINGS = ("heritage", "classic")  # "classic": the ranking before the thesaurus (the bench compares)


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
    concepts: tuple[str, ...] = ()  # thesaurus concept keys (records tagged with any)
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
            ("concepts", self.concepts),
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
    # The passage of its text that matched, the query's words in <mark> (HTML-escaped otherwise).
    snippet: str = ""
    # The concepts the query named that the record is tagged with ("why it matched" when the words
    # themselves are not in it): [{key, label_th, label_en}].
    concepts: list[dict] = field(default_factory=list)
    views: int = 0
    score: dict | None = None  # the ranking's parts (explain=1)


@dataclass(frozen=True)
class Suggestion:
    """ "Did you mean": the query with its unknown words replaced, and how many records it finds."""

    q: str
    html: str  # the replaced words in <mark>
    count: int


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
    suggestion: Suggestion | None = None
    # The concepts the query's words named (their records are found too).
    concepts: list[dict] = field(default_factory=list)
    sort: str = "relevance"

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.count / self.page_size))


def search_catalogue(
    *,
    q: str = "",
    filters: SearchFilters | None = None,
    page: int = 1,
    page_size: int = DEFAULT_PAGE_SIZE,
    sort: str = "relevance",
    explain: bool = False,
    ranking_name: str = "heritage",
    with_facets: bool = True,
) -> SearchPage:
    """Public records matching `q` (all of them when blank) within the filters, best first
    (`sort="views"`: most viewed first). `with_facets=False`: no facets counted (the map's list shows
    none).

    Raises IndexMissing when the index has not been built, PageOutOfRange past the last page.
    """
    filters = filters or SearchFilters()
    q = (q or "").strip(" \t\r\n\u200b") + (" " if (q or "")[-1:].isspace() else "")
    page_size = max(1, min(page_size, MAX_PAGE_SIZE))
    if page < 1:
        raise PageOutOfRange(page, 1)
    s = searcher()
    if ranking_name == "classic":
        found = _classic_matches(s, q, filters)
    else:
        found = _heritage_matches(s, q, filters, sort=sort)
    search_page = SearchPage(
        q=q.strip(),
        filters=filters,
        count=len(found.matched),
        page=page,
        page_size=page_size,
        results=[],
        all_words=found.all_words,
        sort=sort,
    )
    if page > search_page.pages:
        raise PageOutOfRange(page, search_page.pages)
    start = (page - 1) * page_size
    matcher = found.matcher
    named = set(found.concepts)
    for key in found.concepts:
        named.update(matcher.descendants(key))
    search_page.concepts = [_concept(matcher, key) for key in found.concepts]
    terms = _query_terms(found.text_query)
    views = found.stats.views() if found.stats else None
    for docnum in found.order[start : start + page_size]:
        docnum = int(docnum)
        stored = s.stored_fields(docnum)
        hit = _hit(stored, (s.schema, terms) if found.text_query is not None else None)
        tags = (stored.get("concepts") or "").split()
        hit.concepts = [_concept(matcher, key) for key in tags if key in named]
        if views is not None:
            hit.views = int(views[docnum])
        if explain and found.ranked is not None:
            hit.score = found.ranked.explain(docnum)
        search_page.results.append(hit)
    if with_facets:
        search_page.facets = _facets(s, found)
    if q.strip() and ranking_name != "classic":
        # Only words the index does not hold are corrected: a query of known words costs nothing here.
        search_page.suggestion = _suggestion(s, q, filters, search_page, matcher)
    return search_page


@dataclass
class _Found:
    order: list | np.ndarray  # docnums, best first
    matched: set | np.ndarray  # every matching docnum
    text_query: Query | None
    all_words: bool = True
    ranked: ranking.Ranked | None = None
    stats: ranking.IndexStats | None = None
    concepts: list[str] = field(default_factory=list)
    matcher: ConceptMatcher = EMPTY


def _classic_matches(s, q: str, filters: SearchFilters) -> _Found:
    """The ranking before the thesaurus: whoosh's own scoring, no expansion, no priors."""
    builder = QueryBuilder(s.reader())
    text_query = builder.build(q) if q.strip() else None
    filter_query = filters.as_query()
    if text_query is None and q.strip():
        return _Found([], set(), None)  # only stop words: nothing to look for
    if text_query is None:
        # A listing: every record within the filters, by name.
        matched = set(s.docs_for_query(filter_query or Every()))
        rank = _name_rank(s)
        return _Found(sorted(matched, key=lambda d: (rank[d], d)), matched, None)
    # limit=None: every match is scored and sorted. With a limit, whoosh's top-N collector
    # lost the best match of an AND-MAYBE query (a ranking that changed with the page size).
    results = s.search(text_query, filter=filter_query, limit=None)
    all_words = True
    if results.scored_length() == 0:
        all_words = False
        text_query = builder.build(q, any_word=True)
        results = s.search(text_query, filter=filter_query, limit=None)
    return _Found([hit.docnum for hit in results], results.docs(), text_query, all_words)


def _heritage_matches(s, q: str, filters: SearchFilters, *, sort: str) -> _Found:
    """The ranking that knows the record (ranking.py), the query expanded through the thesaurus."""
    stats = ranking.stats_for(s)
    matcher = matcher_for(current_build())
    mask = stats.live & _filter_mask(s, stats, filters.as_query())
    builder = QueryBuilder(s.reader(), matcher)
    text_query = builder.build(q, name_boosts=False) if q.strip() else None
    if text_query is None and q.strip():
        return _Found([], set(), None, stats=stats, matcher=matcher)
    if text_query is None:
        matched = np.flatnonzero(mask)
        if sort == "views":
            views = stats.views()
            order = matched[np.lexsort((matched, -views[matched]))]
        else:
            rank = np.asarray(_name_rank(s))
            order = matched[np.lexsort((matched, rank[matched]))]
        return _Found(order, matched, None, stats=stats, matcher=matcher)
    scorer = ranking.Scorer(stats)
    scores = scorer.evaluate(text_query)
    all_words = True
    if not (mask & (scores > 0)).any():
        all_words = False
        text_query = builder.build(q, any_word=True, name_boosts=False)
        scores = scorer.evaluate(text_query)
    found_mask = mask & (scores > 0)
    ranked = ranking.rank(
        stats,
        scores,
        found_mask,
        q,
        by_views=sort == "views",
        whole_query_concepts=builder.whole_query_concepts if all_words else (),
    )
    return _Found(
        ranked.order,
        np.flatnonzero(found_mask),
        text_query,
        all_words,
        ranked=ranked,
        stats=stats,
        concepts=list(dict.fromkeys(builder.concepts)),
        matcher=matcher,
    )


def _filter_mask(s, stats: ranking.IndexStats, query: Query | None) -> np.ndarray:
    """The docnums a filter lets through, as a mask (terms from the cached postings)."""
    if query is None:
        return np.ones(stats.n, dtype=bool)
    if isinstance(query, Term):
        mask = np.zeros(stats.n, dtype=bool)
        mask[stats.postings(query.fieldname, query.text)[0]] = True
        return mask
    if isinstance(query, Or):
        return np.logical_or.reduce([_filter_mask(s, stats, q) for q in query.subqueries])
    if isinstance(query, And):
        return np.logical_and.reduce([_filter_mask(s, stats, q) for q in query.subqueries])
    if isinstance(query, NumericRange) and query.fieldname in COORDINATE_FIELDS:
        return _coordinate_mask(s.reader(), query)
    mask = np.zeros(stats.n, dtype=bool)
    mask[list(s.docs_for_query(query))] = True
    return mask


COORDINATE_FIELDS = ("lon_e6", "lat_e6")
_coordinates: dict[tuple, dict[str, tuple[np.ndarray, np.ndarray]]] = {}


def _coordinate_mask(reader, query: NumericRange) -> np.ndarray:
    """The docnums whose point lies in the range, from the points held in memory: whoosh's range over
    the numeric field's terms cost tens of milliseconds a map view (the map's list asks one per view);
    the same documents (a record without a point in none), deleted ones too (the search keeps the live
    ones only)."""
    values, present = _points(reader)[query.fieldname]
    mask = present.copy()
    if query.start is not None:
        mask &= (values > query.start) if query.startexcl else (values >= query.start)
    if query.end is not None:
        mask &= (values < query.end) if query.endexcl else (values <= query.end)
    return mask


def _points(reader) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Each docnum's indexed point in microdegrees (as lon_e6/lat_e6 hold it) and whether it has one;
    read once per process and set of segments (shared by the threads' searchers)."""
    key = lexicon.segments(reader)
    found = _coordinates.get(key) if key is not None else None
    if found is None:
        n = reader.doc_count_all()
        found = {name: (np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)) for name in COORDINATE_FIELDS}
        for docnum in range(n):
            fields = reader.stored_fields(docnum)
            for fieldname, stored in (("lon_e6", "lon"), ("lat_e6", "lat")):
                value = microdegrees(fields.get(stored))
                if value is not None:
                    found[fieldname][0][docnum] = value
                    found[fieldname][1][docnum] = True
        if key is not None:
            _coordinates.clear()  # one generation at a time
            _coordinates[key] = found
    return found


def _query_terms(text_query: Query | None) -> dict[str, set[str]]:
    """The query's words, per field, to mark in the results (cheaper than asking whoosh to record which
    term matched which of possibly thousands of records)."""
    terms: dict[str, set[str]] = {}
    if text_query is not None:
        for fieldname, term in text_query.iter_all_terms():
            terms.setdefault(fieldname, set()).add(term.decode() if isinstance(term, bytes) else term)
    return terms


def _concept(matcher: ConceptMatcher, key: str) -> dict:
    return {"key": key, "label_th": matcher.label(key, "th"), "label_en": matcher.label(key, "en")}


def _facets(s, found: _Found) -> dict[str, list[FacetValue]]:
    matched = np.fromiter(found.matched, dtype=np.int64) if isinstance(found.matched, set) else found.matched
    codes = _facet_codes(s)
    facets = {}
    for name in FACETS:
        values, column = codes[name]
        if len(matched):
            counts = np.bincount(column[matched], minlength=len(values))
            # Only the values present: a loop over every sub-district's count cost milliseconds.
            facets[name] = _facet(name, {values[i]: int(counts[i]) for i in np.flatnonzero(counts)})
        else:
            facets[name] = _facet(name, {})
    for name in PLACE_FACETS:  # thousands of sub-districts: the commonest
        facets[name] = facets[name][:PLACE_FACET_LIMIT]
    facets["concept"] = _concept_facet(found, matched)
    return facets


def _facet_codes(s) -> dict[str, tuple[list, np.ndarray]]:
    """Each facet's values, and per docnum the index of its value, read once per index generation."""

    def build() -> dict[str, tuple[list, np.ndarray]]:
        codes = {}
        for name, column in _columns(s).items():
            values = sorted({str(v) for v in column}, key=str)
            index = {v: i for i, v in enumerate(values)}
            codes[name] = (values, np.array([index[str(v)] for v in column], dtype=np.int64))
        return codes

    return lexicon.shared(s.reader(), "facet_codes", build)


def _concept_facet(found: _Found, matched: np.ndarray) -> list[FacetValue]:
    """The concepts the matching records are tagged with, most common first (the archetypes and the
    other top concepts left to the category facet)."""
    stats, matcher = found.stats, found.matcher
    if stats is None or not len(matched):
        return []
    keys = [key for key in matcher.concepts if not matcher.is_top(key)]
    cached = getattr(stats, "_concept_postings", None)
    if cached is None or cached[0] != keys:
        postings = {key: stats.postings("concepts", key)[0] for key in keys}
        held = [key for key in keys if len(postings[key])]  # reduceat needs no empty run
        starts = np.cumsum([0] + [len(postings[key]) for key in held[:-1]])
        ids = np.concatenate([postings[key] for key in held]) if held else np.zeros(0, dtype=np.int64)
        cached = stats._concept_postings = (keys, held, ids, starts)
    _keys, held, all_ids, starts = cached
    if not len(all_ids):
        return []
    mask = np.zeros(stats.n, dtype=np.int64)
    mask[matched] = 1
    counts = np.add.reduceat(mask[all_ids], starts)
    top = [
        (int(counts[i]), held[i])
        for i in np.argsort(-counts, kind="stable")[:CONCEPT_FACET_LIMIT]
        if counts[i]
    ]
    return [FacetValue(key, matcher.label(key, "th"), matcher.label(key, "en"), n) for n, key in top]


def _suggestion(s, q: str, filters: SearchFilters, page: SearchPage, matcher) -> Suggestion | None:
    """What the visitor may have meant, when the query found few records (or none with every word), has a
    word the index does not hold, and the corrected query finds records with all its words."""
    if page.all_words and page.count >= FEW_RESULTS:
        return None  # enough records have every word: looking for typos would cost more than it gives
    corrected = spelling.correct(s.reader(), q, matcher)
    if corrected is None or corrected.q.strip() == q.strip():
        return None
    found = _heritage_matches(s, corrected.q, filters, sort="relevance")
    count = len(found.matched)
    if not found.all_words or not count:
        return None
    return Suggestion(q=corrected.q, html=corrected.html, count=count)


def _columns(s) -> dict[str, list]:
    """Each facet's value per docnum, read once per index generation."""
    reader = s.reader()
    return {name: _column(reader, name) for name in FACETS}


def _name_rank(s) -> list[int]:
    """Each docnum's place in Thai dictionary order of the names (for listings), once per generation."""

    def build() -> list[int]:
        names = _column(s.reader(), "sort_name")
        order = _thai_order(names)
        return [order[name] for name in names]

    return lexicon.shared(s.reader(), "name_rank", build)


def _column(reader, name: str) -> list:
    """The column's value of every docnum ("" where a document has none), read once per index
    generation (shared: read-only).

    Read segment by segment: whoosh's multi-segment column reader leaves out segments where no
    document has the field, which shifted every later value onto the wrong document.
    """

    def build() -> list:
        values: list = []
        for leaf, offset in reader.leaf_readers():
            count = leaf.doc_count_all()
            values += [""] * (offset - len(values))  # defensive: segments are contiguous
            column = list(leaf.column_reader(name)) if leaf.has_column(name) else []
            values += (column + [""] * count)[:count]
        return values

    return lexicon.shared(reader, f"column:{name}", build)


def _hit(stored: dict, highlight: tuple | None) -> SearchHit:
    highlights = _highlights(stored, *highlight) if highlight else {}
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
        highlights=highlights,
        snippet=highlights.get("description_th") or highlights.get("description_en") or "",
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
    order = _label_order(name, labels)
    return sorted(values, key=lambda v: (-v.count, order.get(v.label_th, len(order)), v.label_th, v.value))


_label_orders: dict[str, tuple[int, dict[str, int]]] = {}


def _label_order(name: str, labels: dict[str, tuple[str, str]]) -> dict[str, int]:
    """Each of a facet's Thai labels' place in dictionary order, sorted once (collating thousands of
    sub-district names on every search cost tens of milliseconds)."""
    cached = _label_orders.get(name)
    if cached is None or cached[0] != len(labels):
        cached = _label_orders[name] = (len(labels), _thai_order(th for th, _ in labels.values()))
    return cached[1]


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
    if name == "concept":
        matcher = matcher_for(current_build())
        return {key: (matcher.label(key, "th"), matcher.label(key, "en")) for key in matcher.concepts}
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


def known_concepts() -> set[str]:
    return set(matcher_for(current_build()).concepts)


# --- highlights ------------------------------------------------------------------------------


def _highlights(stored: dict, schema, matched: dict[str, set[str]]) -> dict[str, str]:
    """Matched words marked with <mark> in the names, and the passage of each description that matched."""
    out = {}
    name_th = stored.get("name_th", "")
    spans = snippets.spans(schema["name_th"].analyzer, name_th, matched.get("name_th", set()))
    spans += snippets.spans(schema["name_roman"].analyzer, name_th, matched.get("name_roman", set()))
    # The words the names already show: the snippet shows the others ("ลำปาง ผ้า" on a cloth of Phrae).
    shown = {name_th[a:b].casefold() for a, b in spans}
    if spans:
        out["name_th"] = snippets.mark(name_th, spans)
    name_en = stored.get("name_en", "")
    spans = snippets.spans(schema["name_en"].analyzer, name_en, matched.get("name_en", set()))
    shown.update(name_en[a:b].casefold() for a, b in spans)
    if spans:
        out["name_en"] = snippets.mark(name_en, spans)
    for lang in ("th", "en"):
        terms = matched.get(f"text_{lang}")
        if terms:
            passage = snippets.best_passage(
                schema[f"text_{lang}"].analyzer,
                stored.get(f"description_{lang}", ""),
                terms,
                shown=frozenset(shown),
            )
            if passage:
                out[f"description_{lang}"] = passage
    return out
