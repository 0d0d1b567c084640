"""Mark the reader's words in a text. The one place search builds HTML: it escapes the text first, then adds <mark>.

    >>> terms = HighlightTerms(stems={"tangkap"}, exact={"kpk"})
    >>> str(highlight("<b>KPK</b> menangkap & menahan", terms))
    '&lt;b&gt;<mark>KPK</mark>&lt;/b&gt; <mark>menangkap</mark> &amp; menahan'
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .query import HighlightTerms
from .schema import STOP_WORDS, TOKEN_PATTERN, stem

_WORD = re.compile(TOKEN_PATTERN)


def _matches(text: str, terms: HighlightTerms) -> list[tuple[int, int]]:
    spans = []
    for match in _WORD.finditer(text):
        word = match.group().lower()
        if (
            word in terms.exact
            or (word not in STOP_WORDS and stem(word) in terms.stems)
            or any(word.startswith(prefix) for prefix in terms.prefixes)
        ):
            spans.append(match.span())
    return spans


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    parts = []
    last = 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts)


def highlight(text: str, terms: HighlightTerms) -> SafeString:
    """Return the whole text, escaped, with the matching words marked."""
    return mark_safe(_marked(text, _matches(text, terms) if terms else []))  # noqa: S308 (escaped in _marked)


def snippet(text: str, terms: HighlightTerms, *, length: int = 260) -> SafeString:
    """Return the passage of about ``length`` characters with the most matches, escaped and marked.

    Without matches it is the start of the text. An ellipsis shows where the passage was cut.
    """
    text = " ".join(text.split())
    spans = _matches(text, terms) if terms else []
    start = 0
    if spans and len(text) > length:
        best = max(range(len(spans)), key=lambda i: sum(1 for s, _ in spans[i:] if s < spans[i][0] + length - 40))
        start = max(0, spans[best][0] - 40)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[best][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    window = [(s - start, e - start) for s, e in spans if s >= start and e <= end]
    html = _marked(text[start:end], window)
    return mark_safe(("… " if start else "") + html + (" …" if end < len(text) else ""))  # noqa: S308
