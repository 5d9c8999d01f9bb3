"""What a result shows of why it matched: the query's words marked in its names, and the passage of its
description where they are, not its first lines.

"ลำปาง ผ้า" finds a cloth of Phrae whose description ends "…บันทึกข้อมูลโดยมหาวิทยาลัยราชภัฏลำปาง": the
snippet is that end, with ลำปาง marked, so the visitor sees why it is there.
"""

from django.utils.html import escape

from . import analysis

SNIPPET_CHARS = 160
# Analysed names and descriptions kept (a record's text is analysed again each time it is shown: a
# description through the Thai chain costs about a millisecond).
MAX_ANALYSED = 20_000
_analysed: dict[tuple, tuple] = {}


def _words(analyzer, text: str) -> tuple[tuple[str, int, int], ...]:
    """(word, start, end) of the analysed text; remembered per analyser and Thai dictionary version (a
    name added to the dictionary may segment the text otherwise)."""
    key = (id(analyzer), analysis.DICTIONARY.version, text)
    found = _analysed.get(key)
    if found is None or found[0] is not analyzer:  # the id of an analyser since let go
        words = tuple((t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index"))
        if len(_analysed) >= MAX_ANALYSED:
            _analysed.clear()
        found = _analysed[key] = (analyzer, words)
    return found[1]


def spans(analyzer, text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Where the analysed text's words that are among `terms` lie (character offsets)."""
    if not terms or not text:
        return []
    return [(start, end) for word, start, end in _words(analyzer, text) if word in terms]


def mark(text: str, found: list[tuple[int, int]], *, start: int = 0, end: int | None = None) -> str:
    """The text from start to end, HTML-escaped, the spans in <mark> (overlapping ones merged)."""
    end = len(text) if end is None else end
    merged: list[list[int]] = []
    for a, b in sorted(found):
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


def best_passage(
    analyzer, text: str, terms: set[str], *, width: int = SNIPPET_CHARS, shown: frozenset[str] = frozenset()
) -> str:
    """The window of `width` characters holding the most different matched words the names do not
    already show (`shown`), then the most matched words, then the earliest; cut at spaces, the words
    marked; "" when none of the words is in the text."""
    found = spans(analyzer, text, terms)
    if not found:
        return ""
    words = [text[a:b].casefold() for a, b in found]
    best, best_start = (-1, -1, 0), 0
    for i, (a, _b) in enumerate(found):
        inside = {words[j] for j in range(i, len(found)) if found[j][1] <= a + width}
        score = (len(inside - shown), len(inside), -a)
        if score > best:
            best, best_start = score, a
    start = max(0, best_start - width // 4)
    end = min(len(text), start + width)
    if start > 0:  # cut at a space near the edge, so words stay whole
        space = text.find(" ", start, best_start)
        start = space + 1 if space >= 0 else start
    if end < len(text):
        space = text.rfind(" ", best_start, end)
        end = space if space > best_start else end
    return (
        ("…" if start > 0 else "")
        + mark(text, found, start=start, end=end)
        + ("…" if end < len(text) else "")
    )
