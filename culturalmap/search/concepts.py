"""The heritage thesaurus as search uses it: which concepts a record's text speaks of, which a query names.

Labels are matched on the analyser's own words, so "วัด" is found in "วัดพระธาตุ" (an inner word of a
name) but not inside "สวัสดี", and "shadow puppets" meets the label "shadow puppet" through the English
stems. A Thai label shorter than three letters ("ซอ") must be a whole word of the text. The matcher a
build was made with is written beside the index (CONCEPTS_FILE), so the query side expands with the very
labels the records were tagged with; a change of the thesaurus rewrites it and re-tags the records
(sync.on_thesaurus_changed).
"""

import json
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from culturalmap.thesaurus.selectors import ConceptData, concept_data, record_tags

from . import analysis

CONCEPTS_FILE = "concepts.json"
DESIGNATION = "designation"  # the top concept whose narrower concepts are a record's standing
SHORT_THAI_LABEL = 3
MEMO_CHUNKS = 200_000
_CHUNK = re.compile(r"\S+")
MAX_THAI_LABEL = 40


@dataclass(frozen=True)
class QueryConcept:
    """Concepts a run of the query's words names: words [first, last] (inclusive)."""

    keys: tuple[str, ...]
    first: int
    last: int


class ConceptMatcher:
    def __init__(self, concepts: Iterable[ConceptData]):
        self.concepts = {c.key: c for c in concepts}
        self.narrower: dict[str, list[str]] = {}
        for c in self.concepts.values():
            for broader in c.broader:
                self.narrower.setdefault(broader, []).append(c.key)
        self.thai: dict[str, set[str]] = {}
        self.latin: dict[tuple[str, ...], set[str]] = {}
        english = analysis.english_analyzer()
        for c in self.concepts.values():
            for label in _labels(c):
                if analysis.has_thai(label):
                    key = analysis.normalize(label)[0].replace(" ", "")
                    self.thai.setdefault(key, set()).add(c.key)
                else:
                    stems = tuple(t.text for t in english(label, mode="query"))
                    if stems:
                        self.latin.setdefault(stems, set()).add(c.key)
        self.max_latin = max((len(k) for k in self.latin), default=1)
        self.designations = frozenset(self.descendants(DESIGNATION)) - {DESIGNATION}
        self._english = english
        self._english_terms = analysis.IndexTerms(english)
        # The concepts of each space-free chunk of Thai text met so far (labels never span a space):
        # records share their keywords and phrases. Dropped when the Thai dictionary grows.
        self._chunk_concepts: dict[str, frozenset[str]] = {}
        self._stamp = analysis.dictionary_stamp()

    # --- concepts and their family ---------------------------------------------------------------

    def descendants(self, key: str) -> list[str]:
        found, stack = [], [key]
        while stack:
            current = stack.pop()
            if current in found:
                continue
            found.append(current)
            stack.extend(self.narrower.get(current, ()))
        return found

    def label(self, key: str, lang: str) -> str:
        c = self.concepts.get(key)
        if c is None:
            return key
        return c.pref_label_en if lang == "en" else c.pref_label_th

    def is_top(self, key: str) -> bool:
        c = self.concepts.get(key)
        return c is not None and not c.broader

    # --- text -------------------------------------------------------------------------------------

    def text_concepts(self, thai_text: str, english_text: str) -> set[str]:
        """The concepts whose labels the text contains."""
        found: set[str] = set()
        if self._stamp != analysis.dictionary_stamp() or len(self._chunk_concepts) > MEMO_CHUNKS:
            self._chunk_concepts, self._stamp = {}, analysis.dictionary_stamp()
        memo = self._chunk_concepts
        for chunk in _CHUNK.findall(analysis.clean(thai_text)):
            keys = memo.get(chunk)
            if keys is None:
                keys = memo[chunk] = frozenset().union(*(keys for _s, _e, keys in self.thai_spans(chunk)))
            found |= keys
        stems = self._english_terms(english_text)
        for i in range(len(stems)):
            for n in range(1, min(self.max_latin, len(stems) - i) + 1):
                found |= self.latin.get(tuple(stems[i : i + n]), set())
        return found

    def thai_spans(self, text: str) -> list[tuple[int, int, set[str]]]:
        """Where Thai labels occur, as (start, end, concept keys) in the normalised text. A label may
        span words ("มรดก" "โลก") or be an inner word of one (หนังตะลุง in หนังตะลุงบ้านถ้ำ)."""
        cleaned, _ = analysis.normalize(text)
        spans = []
        for run in _thai_runs(analysis.words(cleaned)):
            whole = {w.start for w in run} | {w.end for w in run}
            cuts = set(whole)
            for w in run:
                cuts.update(a for _, a, _ in w.parts)
                cuts.update(b for _, _, b in w.parts)
            cuts = sorted(cuts)
            for i, start in enumerate(cuts):
                for end in cuts[i + 1 :]:
                    if end - start > MAX_THAI_LABEL:
                        break
                    keys = self.thai.get(cleaned[start:end])
                    if keys and (end - start >= SHORT_THAI_LABEL or (start in whole and end in whole)):
                        spans.append((start, end, keys))
        return spans

    # --- queries ------------------------------------------------------------------------------------

    def query_concepts(self, words: list) -> list[QueryConcept]:
        """Runs of the query's words (culturalmap.search.query.QueryWord) that name concepts, longest
        first, not overlapping."""
        candidates: list[QueryConcept] = []
        n = len(words)
        for i in range(n):
            thai_run = ""
            for j in range(i, n):
                if words[j].thai:
                    thai_run += words[j].text
                    keys = self.thai.get(thai_run)
                else:
                    thai_run = "\0"  # a Thai label never spans a Latin word
                    stems = tuple(
                        t.text
                        for w in words[i : j + 1]
                        if not w.thai
                        for t in self._english(w.text, mode="query")
                    )
                    keys = self.latin.get(stems) if stems else None
                if keys:
                    candidates.append(QueryConcept(tuple(sorted(keys)), i, j))
        chosen: list[QueryConcept] = []
        taken: set[int] = set()
        for c in sorted(candidates, key=lambda c: (c.first - c.last, c.first)):
            span = set(range(c.first, c.last + 1))
            if not span & taken:
                chosen.append(c)
                taken |= span
        return sorted(chosen, key=lambda c: c.first)

    def spelling_words(self) -> set[str]:
        """Every word of every label (the "did you mean" vocabulary's thesaurus part)."""
        found = set(self.thai)
        for label_words in self.latin:
            found.update(label_words)
        for c in self.concepts.values():
            for label in _labels(c):
                if not analysis.has_thai(label):
                    found.update(w.lower() for w in label.replace("-", " ").split() if w.isalpha())
        return found


def _thai_runs(words: list) -> list[list]:
    """Thai words written together (no space between them), run by run."""
    runs: list[list] = []
    for word in words:
        if not word.thai:
            continue
        if runs and runs[-1][-1].end == word.start:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _labels(c: ConceptData) -> list[str]:
    return [
        c.pref_label_th,
        c.pref_label_en,
        *c.alt_labels_th,
        *c.alt_labels_en,
        *c.alt_labels_roman,
        *c.hidden_labels,
    ]


# --- the matcher of a build ------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[str, tuple[float, ConceptMatcher]] = {}


def write_matcher_file(build: Path, concepts: list[ConceptData] | None = None) -> ConceptMatcher:
    """Write the thesaurus (as read now) beside an index build; returns its matcher."""
    concepts = concept_data() if concepts is None else concepts
    target = build / CONCEPTS_FILE
    temporary = build / f".{CONCEPTS_FILE}.tmp"
    temporary.write_text(json.dumps([c.as_json() for c in concepts], ensure_ascii=False))
    temporary.replace(target)
    matcher = ConceptMatcher(concepts)
    with _lock:
        _cache[str(target)] = (target.stat().st_mtime, matcher)
    return matcher


def matcher_for(build: Path) -> ConceptMatcher:
    """The matcher a build's documents were tagged with (reloaded when the file changes)."""
    target = build / CONCEPTS_FILE
    try:
        mtime = target.stat().st_mtime
    except OSError:
        return EMPTY
    cached = _cache.get(str(target))
    if cached and cached[0] == mtime:
        return cached[1]
    with _lock:
        data = json.loads(target.read_text())
        matcher = ConceptMatcher(ConceptData.from_json(d) for d in data)
        _cache[str(target)] = (mtime, matcher)
    return matcher


EMPTY = ConceptMatcher([])


def tag_documents(docs: list[dict], matcher: ConceptMatcher) -> None:
    """Each document's concepts: those its text speaks of and its category, plus what curators added,
    less what they excluded (one query per kind in the batch)."""
    by_kind: dict[str, list[dict]] = {}
    if not matcher.concepts:
        for doc in docs:
            doc["concepts"] = []
        return
    for doc in docs:
        by_kind.setdefault(doc["kind"], []).append(doc)
    for kind, kind_docs in by_kind.items():
        curated = record_tags(kind, [d["code"] for d in kind_docs])
        for doc in kind_docs:
            found = matcher.text_concepts(doc["_tag_th"], doc["_tag_en"])
            if doc.get("category") in matcher.concepts:
                found.add(doc["category"])
            for key, excluded in curated.get(doc["code"], {}).items():
                (found.discard if excluded else found.add)(key)
            doc["concepts"] = sorted(found)
