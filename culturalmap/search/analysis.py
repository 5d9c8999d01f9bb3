"""Where a Thai query is segmented: the text analysis behind the search index.

Thai is written without spaces between words, so a search engine that splits on spaces cannot
find "ลำปางหลวง" inside "วัดพระธาตุลำปางหลวง". Here text is

- normalised: Thai digits become 0-9, vowel/tone-mark order and repeated marks are cleaned up
  (PyThaiNLP's `normalize`), character offsets still point into the original text;
- segmented with PyThaiNLP's newmm over its own word list, heritage terms and the catalogue's
  own names (`DICTIONARY`), all offline;
- and each Thai word is also emitted as its inner words ("หนังตะลุง" → หนัง, ตะลุง), so that a
  query segmented differently from the record still meets it;
- romanised (RTGS, Royal Institute rules, syllable by syllable) for the romanised field, so that
  "Lampang Luang" finds a Thai-only name;
- years get both eras at index time (พ.ศ. 2567 ↔ 2024), so a query in either era matches.

Everything runs with no network (PYTHAINLP_OFFLINE=1): newmm's word list and the syllable list
ship inside the PyThaiNLP package.
"""

import difflib
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from pythainlp.corpus import thai_syllables, thai_words
from pythainlp.tokenize import newmm
from pythainlp.tokenize.tcc import tcc_pos
from pythainlp.transliterate import romanize as pythainlp_romanize
from pythainlp.transliterate import royin
from pythainlp.util import Trie
from pythainlp.util import normalize as pythainlp_normalize
from whoosh.analysis import (
    Filter,
    LowercaseFilter,
    StemFilter,
    StopFilter,
    Token,
    Tokenizer,
)

from culturalmap.core.thai import BE_OFFSET

# Heritage vocabulary newmm's general word list lacks or would split: kept whole, and split
# again into inner words at index time, so both "ผีตาโขน" and "ตาโขน" find the festival.
HERITAGE_TERMS = frozenset(
    {
        "ผีตาโขน",
        "หนังตะลุง",
        "หนังใหญ่",
        "โนรา",
        "มโนราห์",
        "ลิเก",
        "หมอลำ",
        "หมอแคน",
        "ลำตัด",
        "ลำกลองยาว",
        "กลองยาว",
        "กลองสะบัดชัย",
        "ฟ้อนเล็บ",
        "ฟ้อนเทียน",
        "ฟ้อนเจิง",
        "รำวง",
        "ลำเพลิน",
        "โขน",
        "ละครชาตรี",
        "เพลงฉ่อย",
        "เพลงอีแซว",
        "ซอพื้นเมือง",
        "ดิเกร์ฮูลู",
        "รองเง็ง",
        "มวยไทย",
        "มวยไชยา",
        "กระบี่กระบอง",
        "ตะกร้อ",
        "ซีละ",
        "ว่าวควาย",
        "ชนวัว",
        "บุญบั้งไฟ",
        "บั้งไฟพญานาค",
        "แห่เทียนพรรษา",
        "ยี่เป็ง",
        "ลอยกระทง",
        "สงกรานต์",
        "ชักพระ",
        "สารทเดือนสิบ",
        "ตักบาตรเทโว",
        "บุญผะเหวด",
        "ผ้าป่า",
        "ตานก๋วยสลาก",
        "ปอยส่างลอง",
        "แห่ผ้าขึ้นธาตุ",
        "ไหลเรือไฟ",
        "ประเพณี",
        "งานบุญ",
        "พระธาตุ",
        "เจดีย์",
        "วิหาร",
        "อุโบสถ",
        "สิม",
        "หอไตร",
        "ปราสาทหิน",
        "ปรางค์",
        "ศาลเจ้า",
        "มัสยิด",
        "โบสถ์คริสต์",
        "เรือนไทย",
        "เรือนกาแล",
        "ชิโนโปรตุกีส",
        "ตึกแถว",
        "คุ้ม",
        "เวียง",
        "กำแพงเมือง",
        "คูเมือง",
        "แหล่งโบราณคดี",
        "โบราณสถาน",
        "โบราณวัตถุ",
        "พระพุทธรูป",
        "ผ้าไหม",
        "ผ้าซิ่น",
        "ผ้าทอ",
        "ผ้าบาติก",
        "ผ้าปาเต๊ะ",
        "ผ้าขาวม้า",
        "ผ้าจก",
        "ผ้ามัดหมี่",
        "เครื่องจักสาน",
        "จักสาน",
        "เครื่องปั้นดินเผา",
        "เครื่องเงิน",
        "เครื่องเขิน",
        "เครื่องถม",
        "ร่มบ่อสร้าง",
        "ตุง",
        "โคมล้านนา",
        "เบญจรงค์",
        "กระจูด",
        "ย่านลิเภา",
        "เรือกอและ",
        "กาด",
        "กาดหมั้ว",
        "ตลาดน้ำ",
        "ตลาดเก่า",
        "ตลาดชุมชน",
        "ถนนคนเดิน",
        "ย่าน",
        "ตรอก",
        "ซอย",
        "ภูมิปัญญา",
        "สมุนไพร",
        "หมอพื้นบ้าน",
        "นวดแผนไทย",
        "ข้าวหอมมะลิ",
        "ข้าวซอย",
        "ขนมจีน",
        "แหล่งเรียนรู้",
        "พื้นที่เรียนรู้",
        "ศูนย์การเรียนรู้",
        "เมืองแห่งการเรียนรู้",
        "พิพิธภัณฑ์",
        "ห้องสมุด",
        "ลำปางหลวง",
        "ทุ่งสง",
        "กองต้า",
        "ด่านซ้าย",
    }
)

# Function words that would make an all-words query fail on a record that lacks them.
THAI_STOP_WORDS = frozenset(
    {
        "ที่",
        "ใน",
        "และ",
        "ของ",
        "กับ",
        "แห่ง",
        "หรือ",
        "จาก",
        "โดย",
        "ซึ่ง",
        "เป็น",
        "ได้",
        "แก่",
        "แต่",
    }
)

# Romanisations the rule-based RTGS engine gets wrong for common place and market words.
ROMAN_OVERRIDES = {
    "ตลาด": "talat",
    "ใหม่": "mai",
    "ใหญ่": "yai",
    "เหนือ": "nuea",
    "พิพิธภัณฑ์": "phiphitthaphan",
    "สถาปัตยกรรม": "sathapattayakam",
    "ศิลปะ": "sinlapa",
    "ประเพณี": "prapheni",
}

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THAI_DIGIT = re.compile("[๐-๙]")
_THAI_CHAR = re.compile(r"[\u0e01-\u0e4f]")
_THAI_RUN = re.compile(r"[\u0e01-\u0e4e]+")
_LATIN_OR_NUMBER = re.compile(r"[^\W_]+")
_LATIN_LETTERS = re.compile(r"[a-z]+")
# The RTGS engine misreads a leading ห: before a sonorant it only marks the tone (ใหม่ = mai),
# elsewhere it is an h (หาด = hat) which the engine drops; ฮ always reads h.
_SILENT_HO = re.compile(r"^([เแโใไ]?)ห([งญนมยรลวณ])")
_SOUNDED_HO = re.compile(r"^([เแโใไ]?)ห")
_YEAR = re.compile(r"^\d{4}$")
# What PyThaiNLP's normalize would change: zero-width characters, marks dangling at the start
# or after a space, a tone mark before a vowel sign, Nikhahit (ํา), a tone after a following
# vowel, Lakkhangyao, and any vowel or mark typed twice (เเ, ่่).
_NEEDS_NORMALIZE = re.compile(
    "[\u200b\u200c\u0e4d\u0e45]"
    "|(?:^|\\s)[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]"
    "|[\u0e48-\u0e4c][\u0e31\u0e34-\u0e3a\u0e47]"
    "|[\u0e30\u0e32\u0e33][\u0e48-\u0e4b]"
    "|([\u0e30-\u0e3a\u0e40-\u0e44\u0e47-\u0e4e]) *\\1"
    "|[\u0e48-\u0e4b]{2}"
)
# An era written before a year: พ.ศ./B.E. (Buddhist Era) or ค.ศ./A.D./C.E. (Common Era).
_ERA_MARK = re.compile(r"(?:^|[^a-z])(พ\.?\s?ศ|b\.?\s?e|ค\.?\s?ศ|a\.?\s?d|c\.?\s?e)\.?\s*$")
FIRST_BE_ONLY_YEAR = 2158  # CE 2158 is far off: a 4-digit year from here on is Buddhist Era


class ThaiDictionary:
    """newmm's word list + heritage terms + the words of the catalogue's names.

    One per process. It only grows: a name added by one record never changes how another
    record was indexed in a way the query side cannot meet, because both sides also use the
    inner words of every compound.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._trie: Trie | None = None
        self._words: set[str] = set()
        self.version = 0

    def trie(self) -> Trie:
        if self._trie is None:
            with self._lock:
                if self._trie is None:
                    words = set(thai_words()) | HERITAGE_TERMS
                    self._words = words
                    self._trie = Trie(words)
        return self._trie

    def is_general(self, word: str) -> bool:
        """In newmm's general word list and not a heritage term or a catalogue name."""
        return word in thai_words() and word not in HERITAGE_TERMS and word not in _name_words

    def __contains__(self, word: str) -> bool:
        self.trie()
        return word in self._words

    def add_names(self, names: Iterable[str]) -> int:
        """Add the Thai words of record names; returns how many were new."""
        new = {w for name in names for w in name_words(name)}
        trie = self.trie()
        with self._lock:
            _name_words.update(new)
            new -= self._words
            for word in new:
                trie.add(word)
            self._words |= new
            if new:
                self.version += 1
                _parts_cache.clear()
        return len(new)


DICTIONARY = ThaiDictionary()
_name_words: set[str] = set()


def name_words(name: str) -> list[str]:
    """The Thai runs of a name, whole ("วัดพระธาตุลำปางหลวง"), as words for the dictionary."""
    text, _ = normalize(name)
    return [run for run in _THAI_RUN.findall(text) if len(run) >= 3]


def clean(text: str) -> str:
    """The normalised text alone (see `normalize`)."""
    text = _arabic_digits(unicodedata.normalize("NFC", text or ""))
    # PyThaiNLP's normalize is a long chain of regexes: run it only where it has work to do.
    return pythainlp_normalize(text) if _NEEDS_NORMALIZE.search(text) else text


def _arabic_digits(text: str) -> str:
    # str.translate walks a long Thai text slowly: only when there is a Thai digit to change.
    return text.translate(_THAI_DIGITS) if _THAI_DIGIT.search(text) else text


def dictionary_stamp() -> tuple[int, int]:
    """Changes whenever the dictionary does in a way that changes a segmentation (memo keys)."""
    return DICTIONARY.version, len(_name_words)


def normalize(text: str) -> tuple[str, list[int] | None]:
    """Normalised text and, when its length changed, the original offset of each character."""
    cleaned = clean(text)
    text = _arabic_digits(unicodedata.normalize("NFC", text or ""))
    if len(cleaned) == len(text):
        return cleaned, None
    offsets = [0] * (len(cleaned) + 1)
    matcher = difflib.SequenceMatcher(None, cleaned, text, autojunk=False)
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        for k in range(i1, i2):
            offsets[k] = j1 + (k - i1 if tag == "equal" else 0)
    offsets[len(cleaned)] = len(text)
    return cleaned, offsets


@dataclass(frozen=True, slots=True)
class Word:
    """A word of the text with its character span in the original text."""

    text: str
    start: int
    end: int
    thai: bool
    # Inner words of a Thai compound, each with its span: ("หนัง", 0, 4), ("ตะลุง", 4, 9).
    parts: tuple[tuple[str, int, int], ...] = ()
    era: str | None = None  # a number's era as written before it (พ.ศ. 2567 → "be")


def words(
    text: str, *, with_parts: bool = True, only_compounds: bool = False, normalized: bool = False
) -> list[Word]:
    """Segment text: Thai runs with newmm, other runs into letters/digits words.

    with_parts: give Thai words their inner words; only_compounds: only for names, heritage
    terms and words outside the general word list (long descriptions stay small that way);
    normalized: the text is normalised already (a chunk of `clean`'s text).
    """
    cleaned, offsets = (text, None) if normalized else normalize(text)

    def original(i: int) -> int:
        return offsets[i] if offsets else i

    found: list[Word] = []
    version = DICTIONARY.version
    for chunk in _CHUNK.finditer(cleaned):
        base = chunk.start()
        for word, a, b, thai in _segment_chunk(chunk.group(), version):
            s, e = base + a, base + b
            era = era_mark(cleaned[max(0, s - 8) : s]) if not thai and word.isdigit() else None
            parts = ()
            if thai and with_parts and not (only_compounds and DICTIONARY.is_general(word)):
                parts = tuple((p, original(s + pa), original(s + pb)) for p, pa, pb in inner_words(word))
            found.append(Word(word, original(s), original(e), thai, parts, era))
    return found


_CHUNK = re.compile(r"\S+")


@lru_cache(maxsize=200_000)
def _segment_chunk(chunk: str, version: int) -> tuple[tuple[str, int, int, bool], ...]:
    """The words of one space-free chunk with offsets in it; cached, as names and phrases recur.

    `version` (the dictionary's) is part of the cache key only.
    """
    found = []
    pos = 0
    for segment in newmm.segment(chunk, custom_dict=DICTIONARY.trie(), safe_mode=len(chunk) > 2000):
        start, pos = pos, pos + len(segment)
        if _THAI_CHAR.search(segment):
            for run in _THAI_RUN.finditer(segment):
                word = run.group()
                if len(word) >= 2:  # a lone letter (พ.ศ. → พ, ศ) carries no meaning on its own
                    found.append((word, start + run.start(), start + run.end(), True))
        else:
            for run in _LATIN_OR_NUMBER.finditer(segment):
                found.append((run.group(), start + run.start(), start + run.end(), False))
    return tuple(found)


_parts_cache: dict[str, tuple[tuple[str, int, int], ...]] = {}


def inner_words(word: str) -> tuple[tuple[str, int, int], ...]:
    """A Thai word split into the dictionary words inside it, recursively, with offsets.

    Takes the longest proper prefix that is a word and cuts at a character-cluster boundary,
    segments the rest with newmm, then does the same for each piece.
    """
    cached = _parts_cache.get(word)
    if cached is None:
        cached = tuple(_inner_words(word, depth=0))
        if len(_parts_cache) > 200_000:
            _parts_cache.clear()
        _parts_cache[word] = cached
    return cached


def _inner_words(word: str, *, depth: int) -> Iterator[tuple[str, int, int]]:
    if depth > 2 or len(word) < 4:
        return
    trie = DICTIONARY.trie()
    boundaries = tcc_pos(word)
    # Splitting a word of the general word list is optional: a one-letter piece there is a
    # mis-cut (ด่าน ≠ ด่า + น). A name is split wherever newmm splits it.
    strict = word in DICTIONARY and word not in _name_words
    pieces: list[str] | None = None
    for prefix in sorted(trie.prefixes(word), key=len, reverse=True):
        if len(prefix) < len(word) and len(prefix) in boundaries:
            rest = newmm.segment(word[len(prefix) :], custom_dict=trie)
            if not strict or all(len(piece) >= 2 for piece in rest):
                pieces = [prefix, *rest]
                break
    if not pieces:
        return
    offset = 0
    for piece in pieces:
        yield piece, offset, offset + len(piece)
        if piece in DICTIONARY:
            for inner, a, b in _inner_words(piece, depth=depth + 1):
                yield inner, offset + a, offset + b
        offset += len(piece)


_syllable_trie: Trie | None = None
_royin_word = getattr(royin, "_romanize", None)


@lru_cache(maxsize=100_000)
def romanize(word: str) -> str:
    """RTGS romanisation of a Thai word, syllable by syllable ("ทุ่งสง" → "thungsong")."""
    global _syllable_trie
    if word in ROMAN_OVERRIDES:
        return ROMAN_OVERRIDES[word]
    if _syllable_trie is None:
        _syllable_trie = Trie(thai_syllables())
    out = "".join(
        _romanize_syllable(syllable) for syllable in newmm.segment(word, custom_dict=_syllable_trie)
    )
    return "".join(_LATIN_LETTERS.findall(out.lower()))


@lru_cache(maxsize=100_000)
def _romanize_syllable(syllable: str) -> str:
    if syllable in ROMAN_OVERRIDES:
        return ROMAN_OVERRIDES[syllable]
    if not _THAI_CHAR.search(syllable):
        return syllable
    syllable = _SOUNDED_HO.sub(r"\1ฮ", _SILENT_HO.sub(r"\1\2", syllable))
    return _royin_syllable(syllable)


def _royin_syllable(syllable: str) -> str:
    # The RTGS engine's own per-word rules: its public romanize() first segments the text with
    # newmm's default dictionary (1.5 s to load), pointless for one syllable.
    if _royin_word is not None:
        return _royin_word(syllable)
    return pythainlp_romanize(syllable, engine="royin")


def era_mark(before: str) -> str | None:
    """ "be" or "ce" when the text just before a number names its era, else None."""
    found = _ERA_MARK.search(before[-8:].casefold())
    if not found:
        return None
    return "be" if found.group(1)[0] in "พb" else "ce"


def other_era(year: str, *, mark: str | None = None, thai_text: bool = True) -> str | None:
    """The same year in the other era: 2567 → 2024, ค.ศ. 2024 → 2567; None if not a year.

    Unmarked, a year from FIRST_BE_ONLY_YEAR on is Buddhist Era; in Thai text a year before
    1800 is too (สมัยสุโขทัย พ.ศ. 1800), in English text it is Common Era (founded 1350).
    """
    if not _YEAR.match(year):
        return None
    value = int(year)
    era = mark
    if era is None:
        era = "be" if value >= FIRST_BE_ONLY_YEAR or (thai_text and value < 1800) else "ce"
    other = value - BE_OFFSET if era == "be" else value + BE_OFFSET
    return str(other) if 500 <= other <= 2800 else None


def has_thai(text: str) -> bool:
    return bool(_THAI_CHAR.search(text or ""))


def compact(text: str) -> str:
    """A name reduced for exact-name matching: normalised, lower case, letters and digits only."""
    cleaned, _ = normalize(text)
    return "".join(ch for ch in cleaned.casefold() if ch.isalnum() or "\u0e30" <= ch <= "\u0e4e")


# --- whoosh analyzers -----------------------------------------------------------------------


class ThaiTokenizer(Tokenizer):
    """Thai words (and, at index time, their inner words); other scripts as letter/digit words.

    inner="all" splits every Thai word (names); "compounds" only names, heritage terms and
    unknown words (descriptions).
    """

    def __init__(self, roman: bool = False, inner: str = "all"):
        self.roman = roman
        self.inner = inner

    @staticmethod
    def prepared(value: str) -> str:
        """The text the words are read from: normalised (called with normalized=True then)."""
        return clean(value)

    def __eq__(self, other):
        return type(other) is type(self) and (other.roman, other.inner) == (self.roman, self.inner)

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            yield _whole_value(token, value, start_pos=start_pos, start_char=start_char)
            return
        pos = start_pos
        for word in words(
            value,
            with_parts=mode != "query",
            only_compounds=self.inner == "compounds",
            normalized=kwargs.get("normalized", False),
        ):
            spans = [(word.text, word.start, word.end), *word.parts]
            for text, start, end in spans:
                if self.roman and word.thai:
                    text = romanize(text)
                    if not text:
                        continue
                token.text = text
                token.era = word.era
                token.boost = 1.0
                token.stopped = False
                if keeporiginal:
                    token.original = text
                if positions:
                    token.pos = pos
                    pos += 1
                if chars:
                    token.startchar, token.endchar = start_char + start, start_char + end
                yield token


def _whole_value(token: Token, value: str, *, start_pos: int, start_char: int) -> Token:
    """The whole value as one token (whoosh's tokenize=False)."""
    token.original = token.text = value
    token.boost = 1.0
    if token.positions:
        token.pos = start_pos
    if token.chars:
        token.startchar, token.endchar = start_char, start_char + len(value)
    return token


class StopWordsFilter(Filter):
    def __init__(self, stoplist=THAI_STOP_WORDS):
        self.stops = frozenset(stoplist)

    def __eq__(self, other):
        return type(other) is type(self) and other.stops == self.stops

    def __call__(self, tokens):
        for token in tokens:
            if token.text not in self.stops:
                yield token


class EraYearFilter(Filter):
    """At index time a year is also indexed in the other era, so either era finds it."""

    def __init__(self, thai_text: bool = True):
        self.thai_text = thai_text

    def __eq__(self, other):
        return type(other) is type(self) and other.thai_text == self.thai_text

    def __call__(self, tokens):
        for token in tokens:
            yield token
            if token.mode != "query":
                other = other_era(token.text, mark=getattr(token, "era", None), thai_text=self.thai_text)
                if other:
                    token.text = other
                    yield token


def thai_analyzer(inner: str = "all"):
    return ThaiTokenizer(inner=inner) | LowercaseFilter() | StopWordsFilter() | EraYearFilter()


def spelling_analyzer():
    """Whole words as written (Thai words and their inner words, Latin words lower-cased, unstemmed)."""
    return ThaiTokenizer() | LowercaseFilter()


def roman_analyzer():
    return ThaiTokenizer(roman=True) | LowercaseFilter()


class EnglishTokenizer(Tokenizer):
    """Letters/digits words; Thai digits read as 0-9; a year notes the era written before it."""

    def __eq__(self, other):
        return type(other) is type(self)

    @staticmethod
    def prepared(value: str) -> str:
        return _arabic_digits(unicodedata.normalize("NFC", value or ""))

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        value = unicodedata.normalize("NFC", value or "").translate(_THAI_DIGITS)
        for pos, match in enumerate(_LATIN_OR_NUMBER.finditer(value), start_pos):
            token.text = match.group()
            before = value[max(0, match.start() - 8) : match.start()]
            token.era = era_mark(before) if token.text.isdigit() else None
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = pos
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            yield token


def english_analyzer():
    return (
        EnglishTokenizer() | LowercaseFilter() | StopFilter() | StemFilter() | EraYearFilter(thai_text=False)
    )


class IndexTerms:
    """What an analyzer above makes of a text at index time (any mode but "query"): the same terms in
    the same order as `[t.text for t in analyzer(text)]`, read a space-free chunk at a time with each
    chunk's terms remembered. The demo's descriptions share their phrases and a record's name is
    analysed for several fields, so most chunks are met before; a full rebuild spent most of its
    analysis time running the same chunks through the token filters again.

    Only two things reach past a chunk: normalisation (done on the whole text first, as the tokenizer
    does) and a year's era, read from the 8 characters before it (added here, as EraYearFilter does).
    The remembered chunks are dropped when the Thai dictionary grows.
    """

    MAX_CHUNKS = 300_000

    def __init__(self, analyzer) -> None:
        items = list(analyzer.items)
        self.era = items.pop() if isinstance(items[-1], EraYearFilter) else None
        self.tokenizer, self.filters = items[0], items[1:]
        self._chunks: dict[str, tuple[tuple[str, ...], tuple[tuple[int, int], ...]]] = {}
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()

    def __call__(self, text: str) -> list[str]:
        stamp = dictionary_stamp()
        if stamp != self._stamp or len(self._chunks) > self.MAX_CHUNKS:
            with self._lock:
                self._chunks = {}
                self._stamp = stamp
        chunks = self._chunks
        prepared = self.tokenizer.prepared(text)
        terms: list[str] = []
        for chunk in _CHUNK.finditer(prepared):
            found = chunks.get(chunk.group())
            if found is None:
                found = chunks[chunk.group()] = self._analyse(chunk.group())
            texts, years = found
            if not years:
                terms.extend(texts)
                continue
            done = 0
            for at, start in years:
                terms.extend(texts[done : at + 1])
                done = at + 1
                s = chunk.start() + start
                other = other_era(
                    texts[at], mark=era_mark(prepared[max(0, s - 8) : s]), thai_text=self.era.thai_text
                )
                if other:
                    terms.append(other)
            terms.extend(texts[done:])
        return terms

    def _analyse(self, chunk: str) -> tuple[tuple[str, ...], tuple[tuple[int, int], ...]]:
        """A chunk's terms, and where the years among them start (the era filter's work left out)."""
        tokens = self.tokenizer(chunk, chars=True, mode="index", normalized=True)
        for item in self.filters:
            tokens = item(tokens)
        texts: list[str] = []
        years: list[tuple[int, int]] = []
        for token in tokens:
            if token.stopped:
                continue
            if self.era is not None and _YEAR.match(token.text):
                years.append((len(texts), token.startchar))
            texts.append(token.text)
        return tuple(texts), tuple(years)
