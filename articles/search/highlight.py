"""Mark the reader's words in a text. The one place search builds HTML: it escapes the text first, then adds <mark>.

    >>> terms = HighlightTerms(stems={"tangkap"}, exact={"kpk"})
    >>> str(highlight("<b>KPK</b> menangkap & menahan", terms))
    '&lt;b&gt;<mark>KPK</mark>&lt;/b&gt; <mark>menangkap</mark> &amp; menahan'

Every path is linear in the text and its matches: each word is read once, each distinct word decided once, and a
snippet reads a bounded start of its text, so no stored page (600 KB of "Rusia " took 1.5 s and more) makes a search
slow.
"""

from __future__ import annotations

import re
from html import escape

from .budget import Work
from .schema import STOP_WORDS, TOKEN_PATTERN, stem
from .terms import HighlightTerms


class Markup(str):
    """HTML this module built: the text escaped (``html.escape``, the function Django's own ``escape`` calls), then
    ``<mark>`` added. Templates print it as it is: Django's autoescape honours ``__html__`` (as it does Jinja's and
    MarkupSafe's), so search needs no Django import to hand pages safe HTML."""

    __slots__ = ()

    def __html__(self) -> str:
        return self

_WORD = re.compile(TOKEN_PATTERN)
_PIECE = re.compile(r"\w+")
# A snippet is cut from the first this many characters of its text (about five screens of a long article), so a
# stored page of any size costs the same.
SNIPPET_SOURCE_CHARS = 20_000
# One highlighter stems at most this many distinct words; later ones are not marked. Sastrawi takes up to 1 ms for a
# word its dictionary lacks, and only words that hold a searched stem's letters get this far (a page of news holds a
# few dozen such forms).
MAX_STEMMED_WORDS = 1_000
# A snippet starts this many characters before its first match.
LEAD_IN = 40


class Highlighter:
    """Mark one query's words in many texts (a page of snippets, an article's paragraphs) with shared, bounded work.

    A word is decided once. A stemmed match needs Sastrawi, and Sastrawi only removes affixes and may change the first
    letter of the root ("menulis" -> "tulis"), so a word can stem to a searched stem only if it holds the stem's letters
    after the first: other words are never stemmed.
    """

    def __init__(self, terms: HighlightTerms, *, max_stemmed: int = MAX_STEMMED_WORDS):
        self.terms = terms
        self.decided: dict[str, bool] = {}
        self.stems_left = max_stemmed
        # The longest run of word characters after the first letter: Sastrawi turns letters it cannot read into spaces
        # ("inácio" -> "in cio").
        needles = [max(_PIECE.findall(item[1:]) or [""], key=len) for item in terms.stems]
        self.needle = (re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))
                       if all(needles) else None)

    def _marked_word(self, word: str) -> bool:
        found = self.decided.get(word)
        if found is None:
            found = word in self.terms.exact or word.startswith(self.terms.prefixes) or self._stem_matches(word)
            self.decided[word] = found
        return found

    def _stem_matches(self, word: str) -> bool:
        if not self.terms.stems or word in STOP_WORDS:
            return False
        if self.needle is not None and not self.needle.search(word):
            return False
        if self.stems_left <= 0:
            return False
        self.stems_left -= 1
        return stem(word) in self.terms.stems

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the (start, end) of the words of ``text`` to mark."""
        if not self.terms:
            return []
        return [match.span() for match in _WORD.finditer(text) if self._marked_word(match.group().lower())]

    def highlight(self, text: str) -> Markup:
        """Return the whole text, escaped, with the matching words marked."""
        return Markup(_marked(text, self.spans(text)))  # escaped in _marked

    def snippet(self, text: str, *, length: int = 260) -> Markup:
        """Return the passage of about ``length`` characters with the most matches, escaped and marked.

        Without matches it is the start of the text. An ellipsis shows where the passage was cut. Only the first
        ``SNIPPET_SOURCE_CHARS`` characters are read.
        """
        cut = len(text) > SNIPPET_SOURCE_CHARS
        source = text[:SNIPPET_SOURCE_CHARS]
        if cut and not text[SNIPPET_SOURCE_CHARS].isspace():
            source = source.rsplit(None, 1)[0]  # not half a word (a text without spaces stays whole)
        text = " ".join(source.split())
        spans = self.spans(text)
        start = 0
        if spans and len(text) > length:
            first = spans[best_window([s for s, _ in spans], length - LEAD_IN)][0]
            start = max(0, first - LEAD_IN)
            if start:
                space = text.find(" ", start)
                start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > start else end
        window = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
        html = _marked(text[start:end], window)
        more = end < len(text) or cut
        return Markup(("… " if start else "") + html + (" …" if more else ""))


def best_window(starts, width: int) -> int:
    """Return the index of the start that begins the most starts within ``width`` characters (the first of equals).

    One pass: the end of the window only moves forward.

    >>> best_window([0, 5, 100, 104, 108], 10)
    2
    """
    best, best_count, end = 0, 0, 0
    for index in range(len(starts)):
        start = starts[index]
        end = max(end, index)
        while end < len(starts) and starts[end] < start + width:
            end += 1
        if end - index > best_count:
            best, best_count = index, end - index
    return best


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    parts = []
    last = 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


def highlight(text: str, terms: HighlightTerms) -> Markup:
    """Return the whole text, escaped, with the matching words marked."""
    return Highlighter(terms).highlight(text)


def snippet(text: str, terms: HighlightTerms, *, length: int = 260) -> Markup:
    """Return the passage of about ``length`` characters with the most matches, escaped and marked."""
    return Highlighter(terms).snippet(text, length=length)


def names_pattern(names: list[str]) -> re.Pattern | None:
    """Return one pattern finding any of ``names`` as whole words (longest first, so the text is read once whatever
    their number): case ignored, except for a name in capitals such as "AS" or "RI", which in lower case is part of
    other words ("atas", "dari") and is matched as written, as the extractor matches it. None for no names.

    >>> [m.group() for m in names_pattern(["Amerika Serikat", "AS"]).finditer("Kata AS di atas amerika serikat")]
    ['AS', 'amerika serikat']
    """
    names = sorted({name.strip() for name in names if name.strip()}, key=len, reverse=True)
    if not names:
        return None
    parts = [re.escape(name) if name.isupper() else f"(?i:{re.escape(name)})" for name in names]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def mark_phrases(text: str, phrases: list[str]) -> Markup:
    """Return the text escaped, with every whole-word occurrence of any of ``phrases`` marked (``names_pattern``):
    the sentence that names an entity, its name or aliases marked.

    >>> str(mark_phrases("Kata <b>Jokowi</b>: Joko Widodo.", ["Joko Widodo", "Jokowi"]))
    'Kata &lt;b&gt;<mark>Jokowi</mark>&lt;/b&gt;: <mark>Joko Widodo</mark>.'
    """
    pattern = names_pattern(phrases)
    if pattern is None:
        return Markup(escape(text))
    return Markup(_marked(text, [match.span() for match in pattern.finditer(text)]))


def snippets(texts: list[str], terms: HighlightTerms, work: Work) -> list[Markup]:
    """Return the snippet of each text, marked; once ``work``'s time is up, the rest unmarked (cheap, still escaped)."""
    marker = Highlighter(terms)
    found = []
    for text in texts:
        if work.expired():
            marker = Highlighter(HighlightTerms())
        found.append(marker.snippet(text))
    return found
