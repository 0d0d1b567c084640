"""The words of a parsed query as the index holds them: stems, exact words, phrase pairs, and the terms to mark.

No Django here. Matching (``matching``) and marking (``highlight``) both read a query through these functions, so a
word is analysed the same way when it is searched and when it is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .query import And, Or, ParsedQuery, Phrase, Prefix, Word
from .schema import exact_analyzer, indonesian_analyzer

_STEMMED = indonesian_analyzer()
_EXACT = exact_analyzer()


def stems_of(text: str) -> list[str]:
    return [token.text for token in _STEMMED(text)]


def exact_of(text: str) -> list[str]:
    return [token.text for token in _EXACT(text)]


def phrase_pairs(words: tuple[str, ...]) -> list[tuple[str, str]]:
    """Return the pairs of neighbouring exact words a phrase of two words or more is matched by: each pair must be
    found side by side somewhere in the text (not the whole phrase in one run: the pairs of a longer phrase could
    occur apart, which news text makes rare, and each pair scores as a term of its own).

    >>> phrase_pairs(("Suku", "bunga", "acuan"))
    [('suku', 'bunga'), ('bunga', 'acuan')]
    """
    exact = [e for word in words for e in exact_of(word)]
    return list(zip(exact, exact[1:], strict=False))


@dataclass
class HighlightTerms:
    """What to mark in a text: stems of words, exact words and phrases' words, prefixes."""

    stems: set[str] = field(default_factory=set)
    exact: set[str] = field(default_factory=set)
    prefixes: tuple[str, ...] = ()

    def __bool__(self):
        return bool(self.stems or self.exact or self.prefixes)


def highlight_terms(parsed: ParsedQuery) -> HighlightTerms:
    """Return the terms to mark in snippets and on the article page: everything searched for except negations."""
    terms = HighlightTerms()
    prefixes: list[str] = []

    def walk(node):
        if isinstance(node, Word):
            terms.stems.update(stems_of(node.text))
        elif isinstance(node, Phrase):
            terms.exact.update(e for word in node.words for e in exact_of(word))
        elif isinstance(node, Prefix):
            prefixes.append(node.text)
        elif isinstance(node, And | Or):
            for child in node.children:
                walk(child)

    walk(parsed.tree)
    terms.prefixes = tuple(prefixes)
    return terms


__all__ = ["HighlightTerms", "exact_of", "highlight_terms", "phrase_pairs", "stems_of"]
