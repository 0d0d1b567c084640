"""A reader's search string cleaned and cut into tokens, for ``query``'s parser. No Django here.

The operator words and the field prefixes a reader may type live here, in one place; the facets' prefixes come from
the facet registry.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from .registry import FACETS

# A search string longer than this is cut (a headline and a few names fit in a tenth of it).
MAX_QUERY_CHARS = 500

AND_WORDS = frozenset({"AND", "DAN", "&&"})
OR_WORDS = frozenset({"OR", "ATAU", "||"})
NOT_WORDS = frozenset({"NOT", "TIDAK"})
# Field prefixes a reader may type, in Indonesian and English, and the field or entity kind each one means (the
# facets' prefixes are in the facet registry).
FIELD_PREFIXES = {
    "judul": "title", "title": "title",
    **{prefix: facet.kind for facet in FACETS for prefix in facet.prefixes},
}
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"', "＂": '"'})


@dataclass(frozen=True)
class Notice:
    """Something the reader should know about how the query was read: ``code`` names it, ``detail`` quotes it."""

    code: str
    detail: str = ""


def clean(text: str, notices: list[Notice]) -> str:
    """Return the text with control and invisible characters dropped, NFKC-normalized and cut to MAX_QUERY_CHARS."""
    if any(unicodedata.category(char) in ("Cc", "Cs", "Co") and char not in "\t\n\r" for char in text):
        notices.append(Notice("control_characters"))
    # Invisible format characters (soft hyphen, zero-width space, direction marks) come with pasted text and sit
    # inside words: dropped, so "pe\u00admilu" is "pemilu". Control characters separate words.
    text = "".join(
        "" if unicodedata.category(char) == "Cf"
        else " " if unicodedata.category(char) in ("Cc", "Cs", "Co", "Zl", "Zp") else char
        for char in text
    )
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    if len(text) > MAX_QUERY_CHARS:
        notices.append(Notice("too_long", str(MAX_QUERY_CHARS)))
        text = text[:MAX_QUERY_CHARS]
    return text


def tokenize(text: str, notices: list[Notice]) -> list[tuple]:
    """Return the tokens of a cleaned search string: ("(",) (")",) ("op", AND|OR|NOT, as typed) ("neg",)
    ("phrase", text, field) ("bare", text, field); a field is "title" or an entity kind of the facet registry.

    >>> tokenize('orang:jokowi -"harga cabai" ATAU', [])
    [('bare', 'jokowi', 'person'), ('neg',), ('phrase', 'harga cabai', ''), ('op', 'OR', 'ATAU')]
    """
    tokens: list[tuple] = []
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
        elif char in "()":
            tokens.append((char,))
            position += 1
        elif char == "-" and position + 1 < length and not text[position + 1].isspace() and (
            position == 0 or text[position - 1].isspace() or text[position - 1] == "("
        ):
            tokens.append(("neg",))
            position += 1
        elif char == '"':
            end = text.find('"', position + 1)
            if end == -1:
                notices.append(Notice("unbalanced_quote"))
                position += 1  # read the rest as plain words
                continue
            tokens.append(("phrase", text[position + 1:end], ""))
            position = end + 1
        else:
            end = position
            while end < length and not text[end].isspace() and text[end] not in '()"':
                end += 1
            bare = text[position:end]
            position = end
            prefix, colon, rest = bare.partition(":")
            kind = FIELD_PREFIXES.get(prefix.lower()) if colon else None
            if kind and not rest and position < length and text[position] == '"':
                close = text.find('"', position + 1)
                if close == -1:
                    notices.append(Notice("unbalanced_quote"))
                    close = length
                tokens.append(("phrase", text[position + 1:close], kind))
                position = close + 1
            elif kind and rest:
                tokens.append(("bare", rest, kind))
            elif kind:
                notices.append(Notice("empty_field", prefix))
            elif bare in AND_WORDS:
                tokens.append(("op", "AND", bare))
            elif bare in OR_WORDS:
                tokens.append(("op", "OR", bare))
            elif bare in NOT_WORDS:
                tokens.append(("op", "NOT", bare))
            else:
                tokens.append(("bare", bare, ""))
    return tokens


__all__ = ["FIELD_PREFIXES", "MAX_QUERY_CHARS", "Notice", "clean", "tokenize"]
