"""Mark the reader's words in a text. The one place search builds HTML: it escapes the text first, then adds <mark>.

    >>> terms = HighlightTerms(stems={"tangkap"}, exact={"kpk"})
    >>> str(highlight("<b>KPK</b> menangkap & menahan", terms))
    '&lt;b&gt;<mark>KPK</mark>&lt;/b&gt; <mark>menangkap</mark> &amp; menahan'

Every path is linear in the text and its matches: each word is read once, each distinct word decided once, and a
snippet reads a bounded start of its text, so no stored page (600 KB of "Rusia " took 1.5 s and more) makes a search
slow. A word is a form of a searched stem when the archive's stem table says so (``stems``): snippets are marked
without stemming their texts, and only words the table does not know are stemmed, a bounded number of them.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from html import escape

from .budget import Work
from .schema import STOP_WORDS, TOKEN_PATTERN, stem
from .stems import MAX_FORMS, StemTable
from .terms import HighlightTerms

logger = logging.getLogger(__name__)


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
# word its dictionary lacks, and only words that hold a searched stem's letters and that the stem table does not know
# get this far (a page of news holds a few dozen such forms).
MAX_STEMMED_WORDS = 1_000
# One highlighter asks the stem table about at most this many words (900 a statement, about 1 ms each); later ones are
# taken as unknown to it (stemmed within MAX_STEMMED_WORDS). A page of 20 snippets asks a few hundred.
MAX_LOOKED_UP_WORDS = 10_000
# The forms of a query's stems read from the table at most, all stems together (MAX_FORMS each at most): a query of
# 30 words reads as many as one of 5. A form left out is still found, by looking its word up.
MAX_QUERY_FORMS = 10_000
# A snippet starts this many characters before its first match.
LEAD_IN = 40


class Highlighter:
    """Mark one query's words in many texts (a page of snippets, an article's paragraphs) with shared, bounded work.

    A word is decided once. A word is a form of a searched stem when the stem table (``table``) gives it that stem:
    the forms of the query's stems are read once, and the other words that might be forms are looked up together,
    once for a page of texts (``spans_many``). Only a word the table does not know (an index written before the table,
    no table, a table that cannot be read) is stemmed, as it is indexed (``schema.stem``). Sastrawi only removes
    affixes and may change the first letter of the root ("menulis" -> "tulis"), so a word can have a searched stem
    only if it holds the stem's letters after the first: other words are neither looked up nor stemmed.
    """

    def __init__(self, terms: HighlightTerms, *, max_stemmed: int = MAX_STEMMED_WORDS, table: StemTable | None = None,
                 max_looked_up: int = MAX_LOOKED_UP_WORDS, work: Work | None = None):
        self.terms = terms
        self.work = work  # once its time is up, no word is stemmed (and so marked only if the table knows it)
        self.decided: dict[str, bool] = {}
        self.stems_left = max_stemmed
        self.table = table
        self.looked_up_left = max_looked_up
        self.forms: set[str] | None = None
        # The longest run of word characters after the first letter: Sastrawi turns letters it cannot read into spaces
        # ("inácio" -> "in cio").
        needles = [max(_PIECE.findall(item[1:]) or [""], key=len) for item in terms.stems]
        self.needle = (re.compile("|".join(re.escape(n) for n in sorted(needles, key=len, reverse=True)))
                       if all(needles) else None)
        # What the lower case of a word that is marked or looked up holds: an exact word, a prefix or a stem's needle.
        # Only the words around them in a text are read (``_words``): at 100k articles a page of 20 snippets held 8,000
        # words, 2,500 distinct, and 1-4 of them were marked; reading each took 4 of a snippet page's 11 ms, deciding
        # each at sight 5 more. None when every word has to be read (a stem without a needle, a clue that is not one
        # word: a clue's place must lie inside the word it stands for).
        clues = {*terms.exact, *terms.prefixes, *(needles if terms.stems else ())}
        self.clue = (re.compile("|".join(re.escape(c) for c in sorted(clues, key=len, reverse=True)))
                     if (self.needle is not None or not terms.stems) and all(_WORD.fullmatch(c) for c in clues)
                     else None)

    def spans_many(self, texts: list[str]) -> list[list[tuple[int, int]]]:
        """Return the (start, end) of the words to mark in each text: one pass over each, and the words that only the
        stem table can decide looked up together, once for all the texts (a page of snippets)."""
        if not self.terms:
            return [[] for _ in texts]
        decided = self.decided
        found: list[list[tuple[int, int]]] = [[] for _ in texts]
        undecided: dict[str, list[tuple[int, int, int]]] = {}  # word -> (text, start, end) of its occurrences
        for index, text in enumerate(texts):
            spans = found[index]
            for match in self._words(text):  # 10,000 words a page read: a dictionary look-up each, no call
                word = match.group().lower()
                marked = decided.get(word)
                if marked is None:
                    marked = self._decided_at_sight(word)
                    if marked is None:
                        undecided.setdefault(word, []).append((index, *match.span()))
                        continue
                if marked:
                    spans.append(match.span())
        if undecided:
            known = self._known(list(undecided))
            for word, places in undecided.items():  # in reading order: the first ones are stemmed if few may be
                marked = known.get(word)
                decided[word] = marked = self._stem_matches(word) if marked is None else marked
                for index, start, end in places if marked else ():
                    found[index].append((start, end))
            for spans in found:
                spans.sort()
        return found

    def _words(self, text: str):
        """Return the words of ``text`` (``TOKEN_PATTERN`` matches, in reading order) that can be marked or need
        deciding: those holding a clue and maybe a few beside them, when the clues can say; else every word. Any word
        left out is one ``_decided_at_sight`` decides unmarked.

        The clues are looked for in the lower-cased text, which stands for each word's lower case only when lowering
        keeps every character's place: not with a capital sigma (its lower case depends on its neighbours) or a
        character that lowers to two ("İ"). A clue is one word, and whole words hold it: each place it is found at
        lies inside the word to read. The words around a place are read from the last space before it (a space is in
        no word, so the words after it are the text's own), or from the end of the last word read."""
        lowered = text.lower()
        if self.clue is None or len(lowered) != len(text) or "Σ" in text:
            return _WORD.finditer(text)
        words = []
        end = 0  # where the last word read ends
        for clue in self.clue.finditer(lowered):
            place = clue.start()
            if place < end:
                continue  # inside a word read already
            for word in _WORD.finditer(text, max(end, text.rfind(" ", end, place) + 1)):
                words.append(word)
                end = word.end()
                if end > place:
                    break
        return words

    def _decided_at_sight(self, word: str) -> bool | None:
        """Decide a word that needs neither the stem table nor Sastrawi; None for a word that might be a form of a
        searched stem."""
        if word in self.terms.exact or word.startswith(self.terms.prefixes):
            marked = True
        elif not self.terms.stems or word in STOP_WORDS:
            marked = False
        elif self.needle is None or self.needle.search(word) is not None:
            return None
        else:
            marked = False
        self.decided[word] = marked
        return marked

    def _stem_matches(self, word: str) -> bool:
        if self.stems_left <= 0 or (self.work is not None and self.work.expired()):
            return False
        self.stems_left -= 1
        return stem(word) in self.terms.stems

    def _known(self, words: list[str]) -> dict[str, bool]:
        """Return {word: whether its stem is searched} for those of ``words`` the stem table knows.

        A table that cannot be read is left for this highlighter: every word is then stemmed as it was before the
        table (bounded), and the marks are the same.
        """
        if self.table is None:
            return {}
        try:
            if self.forms is None:
                limit = max(1, min(MAX_FORMS, MAX_QUERY_FORMS // len(self.terms.stems)))
                self.forms = self.table.words_with(self.terms.stems, limit=limit)
            known = dict.fromkeys((word for word in words if word in self.forms), True)
            asked = [word for word in words if word not in known][:max(0, self.looked_up_left)]
            self.looked_up_left -= len(asked)
            if asked:
                known.update((word, found in self.terms.stems) for word, found in self.table.get_many(asked).items())
            return known
        except (sqlite3.Error, OSError) as error:
            logger.warning("The stem table %s cannot be read (%s): stemming the words of the snippets",
                           self.table.path, error)
            self.table = None
            return {}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return the (start, end) of the words of ``text`` to mark."""
        return self.spans_many([text])[0]

    def highlight(self, text: str) -> Markup:
        """Return the whole text, escaped, with the matching words marked."""
        return Markup(_marked(text, self.spans(text)))  # escaped in _marked

    def highlight_many(self, texts: list[str]) -> list[Markup]:
        """Return each text whole, escaped, with the matching words marked (the stem table asked once for all)."""
        return [Markup(_marked(text, spans)) for text, spans in zip(texts, self.spans_many(texts), strict=True)]

    def snippet(self, text: str, *, length: int = 260) -> Markup:
        """Return the passage of about ``length`` characters with the most matches, escaped and marked.

        Without matches it is the start of the text. An ellipsis shows where the passage was cut. Only the first
        ``SNIPPET_SOURCE_CHARS`` characters are read.
        """
        return self.snippet_of(*snippet_source(text), length=length)

    def snippet_of(self, text: str, cut: bool, *, length: int = 260,
                   spans: list[tuple[int, int]] | None = None) -> Markup:
        """Return the snippet of a text ``snippet_source`` gave (``cut``: whether it was cut from a longer one), with
        the ``spans`` of its words to mark when they are known (``spans_many``)."""
        spans = self.spans(text) if spans is None else spans
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


def snippet_source(text: str) -> tuple[str, bool]:
    """Return the start of ``text`` a snippet is cut from, its white space collapsed, and whether ``text`` was cut.

    >>> snippet_source("Banjir   di  Jakarta")
    ('Banjir di Jakarta', False)
    """
    cut = len(text) > SNIPPET_SOURCE_CHARS
    source = text[:SNIPPET_SOURCE_CHARS]
    if cut and not text[SNIPPET_SOURCE_CHARS].isspace():
        source = source.rsplit(None, 1)[0]  # not half a word (a text without spaces stays whole)
    return " ".join(source.split()), cut


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


def snippets(texts: list[str], terms: HighlightTerms, work: Work, *, table: StemTable | None = None) -> list[Markup]:
    """Return the snippet of each text, marked; once ``work``'s time is up, the rest unmarked (cheap, still escaped).

    The forms of the searched stems come from ``table`` (``stems.stem_table()``), read once for all the texts.
    """
    sources = [snippet_source(text) for text in texts]
    if work.expired():
        terms = HighlightTerms()
    marker = Highlighter(terms, table=table, work=work)
    page = marker.spans_many([source for source, _ in sources])
    found = []
    for (source, cut), spans in zip(sources, page, strict=True):
        if work.expired():
            spans = []
        found.append(marker.snippet_of(source, cut, spans=spans))
    return found
