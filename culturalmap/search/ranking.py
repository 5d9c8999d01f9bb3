"""The ranking that knows the record: the query's matches scored over the whole index at once.

whoosh keeps the inverted index. Scoring every match of a broad query ("วัด": 900 records) through its
matcher tree took 100 ms and more in pure Python; here each term's postings are read once per searcher
(cached), turned into BM25F scores with numpy, and combined by the query's And/Or tree.

Records are ordered by
1. how the query meets the name: the whole name ("หนังตะลุง" is the record หนังตะลุง), then a name that
   starts with it (วัดพระธาตุ…), then the rest;
2. then `W_TEXT · text + W_QUALITY · quality + W_POPULARITY · popularity`, where text is the match's
   score over the best match's (0..1), quality the record's own prior (documents.quality: completeness,
   images, designations, concept tags) and popularity its views (popularity.py), both 0..1.
`Ranked.explain(docnum)` gives these parts: the API returns them with `explain=1`.
"""

import math
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
from whoosh.query import And, AndMaybe, NullQuery, Or, Query, Term

from . import analysis, popularity
from .lexicon import shared
from .query import CONCEPT_BOOST, NARROWER_BOOST, ConceptOr

W_TEXT = 1.0
W_QUALITY = 0.3
W_POPULARITY = 0.4
# A match this close to the best counts as the best: what sets such records apart is the record itself
# (a word repeated in a template's description is no reason to rank it above the famous record).
TEXT_SATURATION = 0.9
# Why a record stands where it does before the scores: its name is the query, starts with it, or the
# record is tagged with the concept the whole query names (as good as a name that starts with it).
REASONS = {3: "exact_name", 2: "name_prefix", 1: "concept", 0: ""}
TIER_OF_REASON = np.array([0, 1, 1, 2], dtype=np.int8)
BM25_B = 0.75
# Names are short, and a compound name's inner words count in its length: no length normalisation.
NAME_FIELDS = frozenset({"name_th", "name_en", "name_roman"})
BM25_K1 = 1.2
NAME_K1 = 0.5  # a name saying its word twice ("วัดพระเชตุพน… (วัดโพธิ์)") is hardly more about it
CONCEPT_FIELD = "concepts"
CONCEPT_WEIGHT = 2.0  # a concept tag weighs as a word in a record's text would, twice
NO_LENGTH_FIELDS = frozenset({"concepts", "ident", "name_key", "kind", "category"})
POSTINGS_CACHE = 4000


class IndexStats:
    """What scoring needs of one searcher's index, read once: live documents, field lengths, the priors,
    the names' keys, and the postings of the terms asked for so far."""

    def __init__(self, searcher):
        self.searcher = searcher
        reader = searcher.reader()
        self.reader = reader
        self.n = reader.doc_count_all()
        self.live = np.zeros(self.n, dtype=bool)
        self.live[list(reader.all_doc_ids())] = True
        self.doc_count = max(1, int(self.live.sum()))
        self._lengths: dict[str, tuple[np.ndarray, float]] = {}
        # The postings read so far: they leave out deleted documents, so they are shared by the
        # searchers of the same segments and deletions (the threads of a process), as are the priors
        # and the names' keys read from the columns (lexicon.shared).
        self._postings: dict[tuple[str, str], tuple[np.ndarray, np.ndarray]] = shared(
            reader, "postings", dict, with_deletions=True
        )
        columns = shared(reader, "ranking_columns", lambda: _ranking_columns(reader))
        self.keys, self.quality, self.views_before, self.name_keys, self.name_docs, self.whole_names = columns
        self._popularity: tuple[int, np.ndarray] | None = None

    # --- per document ---------------------------------------------------------------------------

    def popularity(self) -> np.ndarray:
        """log(1 + views) over that of the most viewed record: 0..1 (views counted here added)."""
        stamp, counted = popularity.counted_views()
        if self._popularity is None or self._popularity[0] != stamp:
            views = self.views_before.copy()
            for docnum, key in enumerate(self.keys):
                views[docnum] += counted.get(key, 0)
            scaled = np.log1p(views.astype(np.float64))
            top = scaled.max() if len(scaled) else 0.0
            self._popularity = (stamp, (scaled / top if top > 0 else scaled).astype(np.float32), views)
        return self._popularity[1]

    def views(self) -> np.ndarray:
        self.popularity()
        return self._popularity[2]

    def lengths(self, field: str) -> tuple[np.ndarray, float]:
        if field not in self._lengths:
            reader = self.reader

            def read() -> np.ndarray:  # a document's lengths stay while its segment does: shared
                lengths = np.ones(self.n, dtype=np.float32)
                if reader.schema[field].scorable:
                    for docnum in range(self.n):
                        lengths[docnum] = reader.doc_field_length(docnum, field) or 0
                return lengths

            lengths = shared(reader, f"lengths:{field}", read)
            live = lengths[self.live]
            average = float(live.mean()) if len(live) and live.mean() > 0 else 1.0
            self._lengths[field] = (lengths, average)
        return self._lengths[field]

    def postings(self, field: str, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums and term weights of a term (empty when the index does not hold it)."""
        cached = self._postings.get((field, text))
        if cached is not None:
            return cached
        ids: list[int] = []
        weights: list[float] = []
        for leaf, offset in self.reader.leaf_readers():
            if (field, text) not in leaf:
                continue
            _read_postings(leaf.postings(field, text), offset, ids, weights)
        found = (np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float32))
        if len(self._postings) >= POSTINGS_CACHE:
            self._postings.clear()
        self._postings[(field, text)] = found
        return found

    def name_matches(self, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Docnums whose whole name is `key`, and those with a name (or a part of one in brackets or
        before a comma) that starts with it."""
        keys = self.name_keys
        lo, hi = bisect_left(keys, key), bisect_left(keys, key + "\U0010ffff")
        exact_hi = bisect_left(keys, key + "\0", lo, hi)
        exact = [d for d in self.name_docs[lo:exact_hi] if key in self.whole_names[d]]
        return np.array(exact, dtype=np.int64), self.name_docs[lo:hi]


def _read_postings(matcher, offset: int, ids: list[int], weights: list[float]) -> None:
    # Block by block where the codec allows (whoosh's W3 leaf matcher), posting by posting otherwise.
    if hasattr(matcher, "_read_ids") and hasattr(matcher, "_next_block"):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(docnum + offset for docnum in matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return
    while matcher.is_active():
        ids.append(matcher.id() + offset)
        weights.append(matcher.weight())
        matcher.next()


def _ranking_columns(reader) -> tuple:
    from .selectors import _column

    keys = _column(reader, "key")
    quality = np.array([q or 0 for q in _column(reader, "quality")], dtype=np.float32) / 10_000
    views_before = np.array([v or 0 for v in _column(reader, "views_before")], dtype=np.int64)
    names = _column(reader, "name_key")
    pairs = sorted((key, docnum) for docnum, value in enumerate(names) for key in (value or "").split())
    name_keys = [key for key, _ in pairs]
    name_docs = np.array([docnum for _, docnum in pairs], dtype=np.int64)
    whole_names = [set((value or "").split()) for value in _column(reader, "name_whole")]
    return keys, quality, views_before, name_keys, name_docs, whole_names


def stats_for(searcher) -> IndexStats:
    cached = getattr(searcher, "_culturalmap_stats", None)
    if cached is None:
        cached = searcher._culturalmap_stats = IndexStats(searcher)
    return cached


# --- scoring a query ------------------------------------------------------------------------------


class Scorer:
    def __init__(self, stats: IndexStats):
        self.stats = stats

    def term(self, field: str, text: str, boost: float) -> np.ndarray:
        stats = self.stats
        scores = np.zeros(stats.n, dtype=np.float32)
        ids, weights = stats.postings(field, text)
        if not len(ids):
            return scores
        idf = math.log(stats.doc_count / (len(ids) + 1)) + 1
        if field == CONCEPT_FIELD:
            scores[ids] = boost * CONCEPT_WEIGHT * idf
            return scores
        k1 = NAME_K1 if field in NAME_FIELDS else BM25_K1
        if field in NO_LENGTH_FIELDS or field in NAME_FIELDS:
            norm = 1.0
        else:
            lengths, average = stats.lengths(field)
            norm = (1 - BM25_B) + BM25_B * lengths[ids] / average
        scores[ids] = boost * idf * weights * (k1 + 1) / (weights + k1 * norm)
        return scores

    def evaluate(self, query: Query) -> np.ndarray:
        if query is NullQuery or query is None:
            return np.zeros(self.stats.n, dtype=np.float32)
        if isinstance(query, Term):
            text = query.text.decode() if isinstance(query.text, bytes) else query.text
            return self.term(query.fieldname, text, query.boost)
        if isinstance(query, ConceptOr):
            return self.concept_or(query)
        if isinstance(query, AndMaybe):
            required, optional = (self.evaluate(q) for q in query.children())
            return required + optional * (required > 0)
        if isinstance(query, And):
            parts = [self.evaluate(q) for q in query.subqueries]
            total = np.sum(parts, axis=0) if parts else np.zeros(self.stats.n, dtype=np.float32)
            for part in parts:
                total *= part > 0
            return total * query.boost
        if isinstance(query, Or):
            parts = [self.evaluate(q) for q in query.subqueries]
            return (
                np.sum(parts, axis=0) if parts else np.zeros(self.stats.n, dtype=np.float32)
            ) * query.boost
        raise TypeError(f"no scoring for {type(query).__name__}")

    def concept_or(self, query: ConceptOr) -> np.ndarray:
        literal = self.evaluate(query.literal)
        best = float(literal.max())
        if best <= 0:  # no record has the words: the concept's records, scored as tags
            best = self.term(CONCEPT_FIELD, query.direct[0], 1.0).max() if query.direct else 1.0
        scores = literal
        for keys, boost in ((query.narrower, NARROWER_BOOST), (query.direct, CONCEPT_BOOST)):
            tagged = np.zeros(self.stats.n, dtype=bool)
            for key in keys:
                tagged[self.stats.postings(CONCEPT_FIELD, key)[0]] = True
            scores = np.where(tagged, np.maximum(scores, boost * best), scores)
        return scores.astype(np.float32)


@dataclass
class Ranked:
    """The matching docnums, best first, with what their order is made of."""

    order: np.ndarray
    reason: np.ndarray
    text: np.ndarray
    quality: np.ndarray
    popularity: np.ndarray
    total: np.ndarray

    def explain(self, docnum: int) -> dict:
        return {
            "name_match": REASONS[int(self.reason[docnum])],
            "text": round(float(self.text[docnum]), 4),  # over the best match's, saturated at 1
            "quality": round(float(self.quality[docnum]), 4),
            "popularity": round(float(self.popularity[docnum]), 4),
            "score": round(float(self.total[docnum]), 4),
            "weights": {"text": W_TEXT, "quality": W_QUALITY, "popularity": W_POPULARITY},
        }


def rank(
    stats: IndexStats,
    scores: np.ndarray,
    mask: np.ndarray,
    q: str,
    *,
    by_views: bool = False,
    whole_query_concepts: tuple[str, ...] = (),
) -> Ranked:
    """Order the records of `mask` (those that match and pass the filters). A record tagged with a
    concept the whole query names (or a narrower one: `whole_query_concepts`) stands with the names
    that start with the query."""
    matched = np.flatnonzero(mask)
    best = float(scores[matched].max()) if len(matched) else 0.0
    text = np.minimum(1.0, scores / (best * TEXT_SATURATION)) if best > 0 else scores
    reason = np.zeros(stats.n, dtype=np.int8)
    for key in whole_query_concepts:
        reason[stats.postings(CONCEPT_FIELD, key)[0]] = 1
    key = analysis.compact(q)
    if key:
        exact, prefix = stats.name_matches(key)
        if len(key) >= 2:
            reason[prefix] = 2
        reason[exact] = 3
    tier = TIER_OF_REASON[reason]
    quality, pop = stats.quality, stats.popularity()
    total = (W_TEXT * text + W_QUALITY * quality + W_POPULARITY * pop).astype(np.float32)
    if by_views:
        views = stats.views()
        order = matched[np.lexsort((matched, -total[matched], -views[matched]))]
    else:
        order = matched[np.lexsort((matched, -total[matched], -tier[matched]))]
    return Ranked(order=order, reason=reason, text=text, quality=quality, popularity=pop, total=total)
