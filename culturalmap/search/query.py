"""From what a visitor typed to a whoosh query.

Every word of the query must match (in Thai, English or romanised Thai, in a name or a
description); a word the index does not know is looked for through its inner words, as a
prefix when it is the word being typed, and with one or two typos. Whole-name matches are
boosted. When no record has every word, records with any of them are returned.

With the thesaurus (`matcher`), words that name a concept ("temple", "shadow puppet", "บั้งไฟ") also
match the records tagged with it, and, less, with its narrower concepts: "temple" finds วัด.
"""

from dataclasses import dataclass

from whoosh.analysis import STOP_WORDS
from whoosh.query import And, AndMaybe, NullQuery, Or, Query, Term
from whoosh.reading import IndexReader

from . import analysis
from .lexicon import knows, lexicon
from .schema import ENGLISH_FIELDS, ROMAN_FIELDS, THAI_FIELDS

EXACT_NAME_BOOST = 12.0
NAME_PREFIX_BOOST = 4.0
PART_BOOST = 0.6
PREFIX_BOOST = 0.8
FUZZY_BOOST = 0.4
MAX_SIMILAR_TERMS = 8
# A short prefix ("ผ้า") can stand for hundreds of words; the shortest completions are the
# likeliest, and each term costs a matcher.
MAX_PREFIX_TERMS = 30
# A record tagged with the concept a query's words name counts a little less than one with the words
# themselves; one tagged with a narrower concept less again ("festival" → บุญบั้งไฟ).
CONCEPT_BOOST = 0.8
NARROWER_BOOST = 0.65
MAX_NARROWER = 60


class ConceptOr(Or):
    """The words of a run, or the concept they name: scored (ranking.Scorer) as the better of the
    words' own score and, for a record tagged with the concept, CONCEPT_BOOST (a narrower concept:
    NARROWER_BOOST) times the best score the words reach on any record."""

    def __init__(self, literal: Query, direct: list[str], narrower: list[str]):
        terms = [Term("concepts", key, boost=CONCEPT_BOOST) for key in direct]
        terms += [Term("concepts", key, boost=NARROWER_BOOST) for key in narrower]
        super().__init__([literal, *terms])
        self.literal, self.direct, self.narrower = literal, tuple(direct), tuple(narrower)


@dataclass(frozen=True)
class QueryWord:
    text: str
    thai: bool
    parts: tuple[str, ...]  # the Thai word's inner words, in order, covering it
    optional: bool  # an English stop word ("of"): helps ranking, never required


def query_words(q: str) -> list[QueryWord]:
    found = []
    for word in analysis.words(q, with_parts=True):
        text = word.text.lower()
        if word.thai and text in analysis.THAI_STOP_WORDS:
            continue
        found.append(QueryWord(text, word.thai, _covering_parts(word), text in STOP_WORDS))
    return found


def _covering_parts(word: analysis.Word) -> tuple[str, ...]:
    parts, cursor = [], word.start
    for text, start, end in word.parts:
        if start == cursor:
            parts.append(text)
            cursor = end
    return tuple(parts) if cursor == word.end else ()


def _fuzzy_distance(text: str) -> int:
    return 0 if len(text) < 4 else 1 if len(text) < 8 else 2


class QueryBuilder:
    """Builds the query for one search; asks the index which words it knows."""

    def __init__(self, reader: IndexReader, matcher=None):
        self.reader = reader
        self.matcher = matcher  # culturalmap.search.concepts.ConceptMatcher, or None: no expansion
        self.concepts: list[str] = []  # the concepts the last query named
        self.whole_query_concepts: tuple[str, ...] = ()  # ...when its words all name one, with narrower

    def knows(self, fieldname: str, text: str) -> bool:
        return knows(self.reader, fieldname, text)

    def completions(self, fieldname: str, text: str, boost: float) -> list[Query]:
        """The field's words that start with text (the word being typed), shortest first."""
        found = []
        for term in lexicon(self.reader, fieldname).with_prefix(text):
            if term != text:
                found.append(term)
            if len(found) >= 20 * MAX_PREFIX_TERMS:
                break
        found.sort(key=len)
        return [Term(fieldname, term, boost=boost) for term in found[:MAX_PREFIX_TERMS]]

    def similar(self, fieldname: str, text: str, maxdist: int) -> list[Query]:
        """Terms of the field within `maxdist` typos of text (a swap of two letters is one),
        sharing its first letter, the closest first, as low-boosted alternatives."""
        found = lexicon(self.reader, fieldname).near(text, maxdist)
        return [
            Term(fieldname, term, boost=FUZZY_BOOST / distance)
            for distance, term in sorted(found)[:MAX_SIMILAR_TERMS]
        ]

    def build(self, q: str, *, any_word: bool = False, name_boosts: bool = True) -> Query | None:
        """The query; `name_boosts=False` leaves out the whole-name boosts (ranking.py ranks names by
        tiers of its own)."""
        words = query_words(q)
        if not words:
            return None
        typing = not q[-1:].isspace()  # the last word may be unfinished
        clauses = [self._word(word, prefix=typing and i == len(words) - 1) for i, word in enumerate(words)]
        required, optional = [], []
        for clause, optional_word in self._with_concepts(words, clauses):
            (optional if optional_word else required).append(clause)
        if not required:
            required, optional = optional, []
        if any_word:
            main = Or([clause for clause in required if clause is not NullQuery])
        elif any(clause is NullQuery for clause in required):
            main = NullQuery  # a word found nowhere: no record has every word
        else:
            main = And(required)
        whole = q.strip().lower()
        if whole and not any(ch.isspace() for ch in whole):
            # A permalink code or source ref typed or pasted whole ("CA-6W0R43V").
            main = Or([main, Term("ident", whole, boost=EXACT_NAME_BOOST)])
        key = analysis.compact(q)
        boosts = [clause for clause in optional if clause is not NullQuery]
        if key and name_boosts:
            boosts.append(Term("name_key", key, boost=EXACT_NAME_BOOST))
            if len(key) >= 2:
                boosts += self.completions("name_key", key, NAME_PREFIX_BOOST)
        return AndMaybe(main, Or(boosts)) if boosts else main

    def _with_concepts(self, words: list[QueryWord], clauses: list[Query]) -> list[tuple[Query, bool]]:
        """The words' clauses, a run of words that names a concept as one clause: the words, or the
        concept (or a narrower one)."""
        self.concepts, self.whole_query_concepts = [], ()
        found = self.matcher.query_concepts(words) if self.matcher else []
        merged, i = [], 0
        for concept in found:
            merged += [(clauses[k], words[k].optional) for k in range(i, concept.first)]
            run = [c for c in clauses[concept.first : concept.last + 1]]
            literal = run[0] if len(run) == 1 else (NullQuery if NullQuery in run else And(run))
            clause = self._concept_clause(literal, concept.keys)
            merged.append((clause, False))
            if isinstance(clause, ConceptOr) and (concept.first, concept.last) == (0, len(words) - 1):
                self.whole_query_concepts = clause.direct + clause.narrower
            i = concept.last + 1
        merged += [(clauses[k], words[k].optional) for k in range(i, len(words))]
        return merged

    def _concept_clause(self, literal: Query, keys: tuple[str, ...]) -> Query:
        self.concepts += keys
        narrower = []
        for key in keys:
            narrower += [k for k in self.matcher.descendants(key) if k != key and k not in keys]
        held = [k for k in keys if self.knows("concepts", k)]
        narrower = [k for k in dict.fromkeys(narrower) if self.knows("concepts", k)][:MAX_NARROWER]
        if not held and not narrower:
            return literal
        return ConceptOr(literal, held, narrower)

    def _word(self, word: QueryWord, *, prefix: bool) -> Query:
        query = self._thai_word(word, prefix=prefix) if word.thai else self._other_word(word, prefix=prefix)
        return self._prune(query)

    def _prune(self, query: Query) -> Query:
        """Drop terms the index does not hold: each would still cost a matcher per search."""
        if isinstance(query, Term):
            return query if self.knows(query.fieldname, query.text) else NullQuery
        if isinstance(query, Or | And):
            subqueries = [self._prune(q) for q in query.subqueries]
            subqueries = [q for q in subqueries if q is not NullQuery]
            if isinstance(query, And) and len(subqueries) < len(query.subqueries):
                return NullQuery
            if not subqueries:
                return NullQuery
            return type(query)(subqueries, boost=query.boost)
        return query

    def _thai_word(self, word: QueryWord, *, prefix: bool) -> Query:
        text = word.text
        alternatives: list[Query] = [Term(f, text, boost=b) for f, b in THAI_FIELDS.items()]
        known = any(self.knows(f, text) for f in THAI_FIELDS)
        if not known and word.parts:
            # Segmented otherwise than the record: meet it through the inner words.
            alternatives.append(
                And([Or([Term(f, part) for f in THAI_FIELDS]) for part in word.parts], boost=PART_BOOST)
            )
        # Inner words are indexed, so a known word needs no completions; an unknown one may be
        # the start of a word being typed.
        if prefix and not known and len(text) >= 2:
            alternatives += self.completions("name_th", text, PREFIX_BOOST)
        distance = _fuzzy_distance(text)
        if not known and distance:
            alternatives += self.similar("name_th", text, distance) + self.similar("name_key", text, distance)
        return Or(alternatives)

    def _other_word(self, word: QueryWord, *, prefix: bool) -> Query:
        text = word.text
        alternatives: list[Query] = [Term(f, text, boost=b) for f, b in THAI_FIELDS.items()]
        alternatives += [Term(f, text, boost=b) for f, b in ROMAN_FIELDS.items()]
        alternatives.append(Term("ident", text, boost=EXACT_NAME_BOOST))
        schema = self.reader.schema
        for f, b in ENGLISH_FIELDS.items():
            stems = [t.text for t in schema[f].analyzer(text, mode="query")]
            alternatives += [Term(f, stem, boost=b) for stem in stems]
        known = any(self.knows(q.fieldname, q.text) for q in alternatives)
        if prefix and not known and len(text) >= 2:
            alternatives += self.completions("name_en", text, PREFIX_BOOST) + self.completions(
                "name_roman", text, PREFIX_BOOST
            )
        distance = _fuzzy_distance(text)
        if not known and distance and not text.isdigit():
            for fieldname in ("name_en", "name_roman", "name_key"):
                alternatives += self.similar(fieldname, text, distance)
        return Or(alternatives)
