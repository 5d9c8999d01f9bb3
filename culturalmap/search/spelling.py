""" "Did you mean": a query with few or no results, its unknown words replaced by the closest words the
index or the thesaurus holds.

A Thai run is first tried whole ("ผีตาโขล" → ผีตาโขน) when short enough to be one word, then word by
word as the analyser segments it. Candidates come from the `spell` field's words (the names' words as
written) within a Levenshtein distance, as whoosh's automaton finds them (lexicon.py), and from the
thesaurus labels' words (a scan of those of the same first letter); they are ranked by a Thai-aware
edit distance: a tone or vowel mark missed, added or changed, or one consonant for another of the same
sound (ส/ศ/ษ, ท/ธ/ฑ, น/ณ…), costs half an edit; then by how many records hold the word.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from rapidfuzz.distance import OSA

from . import analysis
from .lexicon import knows, lexicon

SPELL_FIELD = "spell"
MAX_CANDIDATES = 30
# A Thai run longer than this is several words ("เครื่องปั้นดินเผาด่าน"): corrected word by word only.
MAX_WHOLE_CHARS = 12
MAX_LOOKUPS = 4  # unknown words looked up a query
MAX_QUERY_CHARS = 80
MARKS = frozenset(
    "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d"
)
# Thai consonants that sound alike (as an initial): typing one for another is half a mistake.
SOUND_ALIKE = [
    "กฆ",
    "ขฃคฅฆ",
    "จฉชฌ",
    "ซทรสศษ",
    "ดฎ",
    "ตฏ",
    "ถฐทธฑฒ",
    "นณ",
    "บป",
    "ผพภ",
    "ฝฟ",
    "ยญ",
    "ลฬร",
    "อฮห",
    "าะ",
    "ิี",
    "ึื",
    "ุู",
    "ๆ",
]
_ALIKE = {(a, b) for group in SOUND_ALIKE for a in group for b in group if a != b}
_CHUNK = re.compile(r"\S+")


def cost(a: str, b: str) -> float:
    if a == b:
        return 0.0
    if (a, b) in _ALIKE or (a in MARKS and b in MARKS):
        return 0.5
    return 1.0


def _gap(ch: str) -> float:
    return 0.5 if ch in MARKS else 1.0


@lru_cache(maxsize=20_000)
def thai_distance(a: str, b: str) -> float:
    """Damerau-Levenshtein distance with Thai weights (see the module's text)."""
    rows = [[0.0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        rows[i][0] = rows[i - 1][0] + _gap(a[i - 1])
    for j in range(1, len(b) + 1):
        rows[0][j] = rows[0][j - 1] + _gap(b[j - 1])
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            best = min(
                rows[i - 1][j] + _gap(a[i - 1]),
                rows[i][j - 1] + _gap(b[j - 1]),
                rows[i - 1][j - 1] + cost(a[i - 1], b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, rows[i - 2][j - 2] + 1.0)
            rows[i][j] = best
    return rows[len(a)][len(b)]


@dataclass(frozen=True)
class Corrected:
    q: str
    html: str  # the query, the replaced words in <mark>


class Speller:
    def __init__(self, reader, matcher):
        self.reader = reader
        self.spell = lexicon(reader, SPELL_FIELD)
        self.labels = _label_corrector(matcher)

    def known(self, word: str) -> bool:
        return knows(self.reader, SPELL_FIELD, word) or self.labels.known(word)

    def best(self, word: str) -> str | None:
        """The closest known word to `word`, or None when nothing is near enough."""
        if len(word) < 3:
            return None
        maxdist = 1 if len(word) < 5 else 2
        found: set[str] = set()
        for prefix in (1, 0):  # most mistakes spare the first letter; then any
            if not prefix:
                # Without a first letter to hold on to, whoosh's automaton walks most of the terms (a
                # second of a long word's search at two typos): one typo only there.
                maxdist = 1
            for term in self.spell.within(word, maxdist, prefix=prefix):
                found.add(term)
                if len(found) >= MAX_CANDIDATES:
                    break
            found.update(self.labels.near(word, maxdist, prefix))
            # Two letters swapped ("Kohn") is one typo here, two for whoosh's automaton.
            found.update(w for w in _swaps(word) if self.known(w))
            if found:
                break
        found.discard(word)
        scored = []
        maxdist = 1 if len(word) < 5 else 2
        for candidate in found:
            distance = thai_distance(word, candidate)
            if distance > maxdist:
                continue
            frequency = self.reader.doc_frequency(SPELL_FIELD, candidate) + (
                3 if self.labels.known(candidate) else 0
            )
            scored.append((distance - 0.1 * math.log1p(frequency), candidate))
        return min(scored)[1] if scored else None


def _swaps(word: str) -> set[str]:
    return {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)} - {word}


class _Labels:
    def __init__(self, words: set[str]):
        self.words = frozenset(words)
        self.by_first: dict[str, list[str]] = {}
        for w in sorted(self.words):
            self.by_first.setdefault(w[:1], []).append(w)

    def known(self, word: str) -> bool:
        return word in self.words

    def near(self, word: str, maxdist: int, prefix: int) -> list[str]:
        """The labels' words within maxdist edits (a swap counts one), sharing the first `prefix` letters."""
        pool = self.by_first.get(word[:1], []) if prefix else sorted(self.words)
        found = []
        for w in pool:
            if abs(len(w) - len(word)) <= maxdist and OSA.distance(w, word, score_cutoff=maxdist) <= maxdist:
                found.append(w)
                if len(found) >= MAX_CANDIDATES:
                    break
        return found


_labels_cache: dict[int, _Labels] = {}


def _label_corrector(matcher) -> _Labels:
    cached = _labels_cache.get(id(matcher))
    if cached is None:
        _labels_cache.clear()
        cached = _labels_cache[id(matcher)] = _Labels(matcher.spelling_words())
    return cached


def correct(reader, q: str, matcher) -> Corrected | None:
    """The query with each unknown word (or Thai run) replaced by the closest known one; None if none is."""
    if len(q) > MAX_QUERY_CHARS:
        return None  # a pasted paragraph is not a misspelt name
    speller = Speller(reader, matcher)
    looked_up: dict[str, str | None] = {}  # a word met twice (whole and as a piece) is looked up once

    def best(word: str) -> str | None:
        # A few lookups a query: each may cost tens of milliseconds, and a query is typed by anyone.
        if word not in looked_up and len(looked_up) < MAX_LOOKUPS and any(ch.isalpha() for ch in word):
            looked_up[word] = speller.best(word)
        return looked_up.get(word)

    out_q, out_html, changed = [], [], False
    for chunk in _CHUNK.findall(q):
        text = analysis.normalize(chunk)[0].lower()
        if speller.known(text) or (
            # A Thai run of known words ("วัดอรุณ"): nothing to correct.
            analysis.has_thai(text)
            and all(len(w.text) > 1 and speller.known(w.text) for w in analysis.words(text, with_parts=False))
        ):
            out_q.append(chunk)
            out_html.append(escape(chunk))
            continue
        whole = best(text) if len(text) <= MAX_WHOLE_CHARS or not analysis.has_thai(text) else None
        if whole and chunk[:1].isupper():
            whole = whole.capitalize()
        if whole:
            out_q.append(whole)
            out_html.append(f"<mark>{escape(whole)}</mark>")
            changed = True
            continue
        pieces_q, pieces_html = [], []
        for word in analysis.words(text, with_parts=False):
            replacement = None if speller.known(word.text) else best(word.text)
            pieces_q.append(replacement or word.text)
            pieces_html.append(f"<mark>{escape(replacement)}</mark>" if replacement else escape(word.text))
            changed = changed or bool(replacement)
        joiner = "" if analysis.has_thai(text) else " "
        out_q.append(joiner.join(pieces_q))
        out_html.append(joiner.join(pieces_html))
    if not changed:
        return None
    return Corrected(q=" ".join(out_q), html=" ".join(out_html))
