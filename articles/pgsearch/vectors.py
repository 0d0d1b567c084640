"""Index documents as tsvector literals, and words as tsquery operands: written by hand, not by to_tsvector, so that
the lexemes are our analysis's (``search.schema``) and no PostgreSQL dictionary touches them. No database here.

PostgreSQL's limits, kept here rather than met as errors: a lexeme is under 2 KiB (MAX_LEXEME_BYTES), a position at
most 16383 (later words share the last), a lexeme keeps at most 256 positions (MAX_POSITIONS), and a tsvector's
lexemes with their positions take under 1 MiB (MAX_VECTOR_BYTES: a longer text keeps its first distinct words).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from articles.search.documents import KNOWN_STEMS
from articles.search.schema import STOP_WORDS, words
from articles.search.stems import stems_for

MAX_LEXEME_BYTES = 2046
MAX_POSITION = 16383
MAX_POSITIONS = 256
# PostgreSQL's MAXSTRPOS (tsvector.c, uniqueentry): the lexemes' bytes, each lexeme with positions aligned to two bytes
# and followed by its positions' count and positions (two bytes each). Counting the lexemes alone let a 1.2 MB page of
# distinct tokens (30,000 hashes) through at 1.0 MB and PostgreSQL refused its row: "string is too long for tsvector".
MAX_VECTOR_BYTES = (1 << 20) - 1
# The vocabulary's words (models.SearchWord), what spelling suggestions come from: up to search.suggest's longest word
# and room for a typo, with a letter in them (numbers are never suggested), as the index's exact words are ("jum'at",
# "e-ktp", "covid-19"). VOCABULARY_PATTERN says the same to PostgreSQL (rebuild_index counts them with ts_stat).
WORD_CHARS = 26
VOCABULARY_PATTERN = "[[:alpha:]]"
# The lead: the stems of an article's first words (its title, then the summary's or the body's start), a small vector
# kept in the row itself. A search matching thousands of articles is ranked by it: ranking by the whole text reads
# every match's text out of PostgreSQL's TOAST storage (about 10 µs an article: 500 ms for 50,000 matches).
LEAD_WORDS = 64


def quoted(lexeme: str) -> str:
    """Return a lexeme as a tsvector or tsquery literal quotes it (a quote doubled, a backslash escaped).

    >>> quoted("jum'at")
    "'jum''at'"
    """
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(positions: dict[str, list[int]], *, title_words: int = 0) -> str:
    """Return the tsvector literal of {lexeme: [positions from 0]}; positions before ``title_words`` are weighted A
    (the title's), the others D. Lexemes in the order given, within PostgreSQL's limits (the module's docstring)."""
    parts = []
    size = 0
    for lexeme, places in positions.items():
        encoded = len(lexeme.encode("utf-8"))
        if not lexeme or encoded > MAX_LEXEME_BYTES:
            continue
        # Positions past MAX_POSITION are one position: PostgreSQL keeps it once, and so is it counted.
        marks = {}
        for place in places:
            marks.setdefault(min(place + 1, MAX_POSITION), "A" if place < title_words else "")
            if len(marks) == MAX_POSITIONS:
                break
        size += encoded
        if marks:
            size += size % 2 + 2 + 2 * len(marks)
        if size > MAX_VECTOR_BYTES:
            break
        listed = ",".join(f"{place}{weight}" for place, weight in marks.items())
        parts.append(f"{quoted(lexeme)}:{listed}" if listed else quoted(lexeme))
    return " ".join(parts)


def values_vector(values: Iterable[str]) -> str:
    """Return the tsvector literal of facet values (people's slugs, country codes): lexemes without positions."""
    return " ".join(quoted(value) for value in sorted(set(values)) if value)


class Vectors(NamedTuple):
    """An article's search columns as tsvector literals, and its words worth correcting."""

    terms: str  # the stems of the whole text with positions, the title's weighted A
    exact: str  # the words as they are, with positions
    lead: str  # the stems of the first LEAD_WORDS words (the title's weighted A)
    vocabulary: list[str]


def document_vectors(documents: list[dict], known: dict[str, str] | None = None) -> list[Vectors]:
    """Return the ``Vectors`` of each index document (``search.documents.article_document``).

    The stems of the batch's distinct words are looked up together (``stems.stems_for``, the stem table), as the
    Whoosh writers do; ``known`` is {word: stem} the caller keeps between batches (emptied past KNOWN_STEMS)."""
    texts = [(len(words(document["title"] or "")), words(document["content"] or "")) for document in documents]
    distinct = set()
    for _title, content in texts:
        distinct.update(content)
    distinct -= STOP_WORDS
    if known is None:
        stems = stems_for(distinct)
    else:
        if len(known) > KNOWN_STEMS:  # a rebuild's words: bounded as the Whoosh writers' are
            known.clear()
        known.update(stems_for(distinct.difference(known)))
        stems = known
    vectors = []
    for title_words, content in texts:
        exact: dict[str, list[int]] = {}
        for place, word in enumerate(content):
            exact.setdefault(word, []).append(place)
        stemmed: dict[str, list[int]] = {}
        for word, places in exact.items():
            if word not in STOP_WORDS:
                stemmed.setdefault(stems[word], []).extend(places)
        for places in stemmed.values():
            places.sort()
        vocabulary = sorted(word for word in exact
                            if len(word) <= WORD_CHARS and any(character.isalpha() for character in word))
        lead = {stem: head for stem, places in stemmed.items() if (head := [p for p in places if p < LEAD_WORDS])}
        vectors.append(Vectors(vector(stemmed, title_words=title_words), vector(exact),
                               vector(lead, title_words=title_words), vocabulary))
    return vectors


__all__ = ["LEAD_WORDS", "Vectors", "document_vectors", "quoted", "values_vector", "vector"]
