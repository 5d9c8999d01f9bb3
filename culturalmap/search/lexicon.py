"""A field's words, of one index generation, held in memory: the completions, the typo look-ups and the
"did you mean" candidates read them instead of walking whoosh's term files.

Walking the terms of a first letter through whoosh's readers (Python, term by term) and measuring each
with whoosh's pure-Python edit distance cost tens to hundreds of milliseconds a query; the same words
in a sorted list, measured by RapidFuzz (C++), cost well under one. The answers are the same: the words
in the same (sorted) order, the same distances.

One copy per process and index generation, shared by the threads' searchers; a new generation (a
commit, a rebuild swapped in) gets its own on first use and the old one is let go.
"""

import threading
from bisect import bisect_left
from collections.abc import Callable, Iterator
from typing import TypeVar

from rapidfuzz.distance import OSA, Levenshtein
from whoosh.reading import IndexReader


class Lexicon:
    """The sorted words of one field."""

    def __init__(self, words: list[str]):
        self.words = words  # sorted by code point: the order of whoosh's utf-8 terms

    def with_prefix(self, prefix: str) -> Iterator[str]:
        """The words that start with `prefix`, in order (whoosh's expand_prefix)."""
        words = self.words
        for i in range(bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                return
            yield words[i]

    def within(self, text: str, maxdist: int, *, prefix: int) -> Iterator[str]:
        """The words within `maxdist` Levenshtein edits of `text` (no transpositions: whoosh's
        automaton) sharing its first `prefix` letters, in order."""
        for word in self.with_prefix(text[:prefix]):
            if (
                abs(len(word) - len(text)) <= maxdist
                and Levenshtein.distance(word, text, score_cutoff=maxdist) <= maxdist
            ):
                yield word

    def near(self, text: str, maxdist: int) -> list[tuple[int, str]]:
        """(distance, word) of the words sharing `text`'s first letter within `maxdist` edits, a swap of
        two letters counting one (whoosh's damerau_levenshtein), in order."""
        found = []
        for word in self.with_prefix(text[:1]):
            if abs(len(word) - len(text)) > maxdist:
                continue
            distance = OSA.distance(word, text, score_cutoff=maxdist)
            if distance <= maxdist:
                found.append((distance, word))
        return found


T = TypeVar("T")
_cache: dict[tuple, Lexicon] = {}
_lock = threading.Lock()
MAX_CACHED = 12  # a few fields of the current generation, and of the one before while threads move on


def segments(reader: IndexReader) -> tuple | None:
    """The segments the reader reads: a field's words change only with them (a deletion leaves a
    segment's words in its term files, as whoosh's own look-ups see them). None for an empty index."""
    found = []
    for leaf, _offset in reader.leaf_readers():
        segment = getattr(leaf, "_segment", None)
        if segment is None:
            return None
        found.append(segment.segment_id())
    return tuple(sorted(found))


def lexicon(reader: IndexReader, fieldname: str) -> Lexicon:
    """The field's words as the reader sees them, read once per process and set of segments."""
    found_segments = segments(reader)
    key = (found_segments, fieldname)
    found = _cache.get(key)
    if found is not None:
        return found
    field = reader.schema[fieldname]
    words = [field.from_bytes(raw) for raw in reader.lexicon(fieldname)]
    words.sort()  # whoosh's order already; sorted again for a multi-segment reader's merged run
    found = Lexicon(words)
    if found_segments is None:
        return found  # an empty index: nothing worth keeping
    with _lock:
        while len(_cache) >= MAX_CACHED:
            del _cache[next(iter(_cache))]  # the oldest
        _cache[key] = found
    return found


MAX_KNOWN = 50_000


def knows(reader: IndexReader, fieldname: str, text: str) -> bool:
    """Whether the field holds the word: whoosh's doc_frequency > 0, remembered for this reader (a
    searcher's reader never changes; each query asks about the same few words again)."""
    known = reader.__dict__.get("_culturalmap_known")
    if known is None or len(known) > MAX_KNOWN:
        known = reader.__dict__["_culturalmap_known"] = {}
    key = (fieldname, text)
    found = known.get(key)
    if found is None:
        found = known[key] = reader.doc_frequency(fieldname, text) > 0
    return found


_derived: dict[tuple, object] = {}


def shared(reader: IndexReader, name: str, build: Callable[[], T], *, with_deletions: bool = False) -> T:
    """A value derived from the index's stored columns or words alone, made once per process and set
    of segments and shared by the threads' searchers (each used to read it again: a new thread's
    first search took a second). `with_deletions`: it depends on the deleted documents too (postings
    leave them out); deletions only grow while the segments stay, so their count tells the state.
    Treat it as read-only (a cache dict may be filled)."""
    found_segments = segments(reader)
    if found_segments is None:
        return build()
    key = (found_segments, reader.doc_count() if with_deletions else None, name)
    found = _derived.get(key)
    if found is None:
        found = build()
        with _lock:
            for old in [k for k in _derived if k[0] != found_segments]:  # another generation's
                del _derived[old]
            _derived[key] = found
    return found  # type: ignore[return-value]
