"""Articles as index documents: one plain mapping from an article's fields to the fields of the schema.

``article_document`` reads any object with the article's attributes; the store loads the rows (``store.ArticleStore``).
``analyse_documents`` then analyses a batch of them at once for the writers: each text tokenised once, the stems of the
batch's distinct words looked up together in the stem table (stems.py), the terms counted per distinct word. Whoosh's
analyzer chain made a Token object per word, four fields over, and stemmed through a cache that never settles.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC

import numpy as np

from articles.calendar import ARCHIVE_ZONE, UNDATED_YEAR

from .schema import STOP_WORDS, words
from .stems import StemTable, stems_for
from .store import store


def article_document(article, *, people: Iterable[str], countries: Iterable[str]) -> dict:
    """Return the index document of an article, given the slugs of its people and the codes of its countries."""
    # Year and month in the archive's zone (WIB), like the from/to range and the database's __year lookups: a story
    # at 00.30 WITA on 1 January is still 31 December in Jakarta.
    captions = " \n".join(str(caption) for caption in article.captions or [])
    text = "\n".join(part for part in (article.title, article.summary, article.body, captions) if part)
    document = {
        "id": str(article.pk),
        "updated": article.updated_at.timestamp() if article.updated_at else 0.0,
        "title": article.title,
        "content": text,
        "exact": text,
        "outlet": article.outlet.slug,
        "people": " ".join(sorted(set(people))),
        "countries": " ".join(sorted(set(countries))),
        "year": UNDATED_YEAR,
        "cluster": article.cluster or article.pk,
    }
    if article.published is not None:
        local = article.published.astimezone(ARCHIVE_ZONE)
        document["published"] = article.published.astimezone(UTC).replace(tzinfo=None)
        document["year"] = str(local.year)
        document["month"] = f"{local.year:04d}-{local.month:02d}"
    return document


def article_documents(ids: Iterable[int]) -> Iterator[tuple[int, dict]]:
    """Yield (id, document) for the articles among ``ids`` that exist, in id order (read through the store)."""
    return store().documents(list(ids))


# The stems a process keeps between batches (``known`` below): about 150 bytes each, 30 MB at most. A batch of 250
# articles has some 15k distinct words, most of them words earlier batches had.
KNOWN_STEMS = 200_000


def analyse_documents(documents: list[dict], *, table: StemTable | None = None,
                      known: dict[str, str] | None = None) -> list[dict]:
    """Return these documents with their text fields analysed, ready for ``writer.add_document``: the same postings as
    the schema's analyzers give, with one stem-table lookup for the whole batch.

    content becomes {stem: frequency}, exact {word: [positions]} and the title {stem: [positions]} (their fields keep
    them), which schema.CountedText takes as they are; the title's stored value stays the title. The documents given
    are left as they are.

    ``known`` is {word: stem} kept by the caller from batch to batch (a build's writer process): its words are not
    looked up again, and the batch's others are added to it (it is emptied past KNOWN_STEMS). Every word still reaches
    the table once in a process.
    """
    texts = [(words(document["title"] or ""), words(document["content"] or "")) for document in documents]
    distinct = set()
    for title, content in texts:
        distinct.update(title)
        distinct.update(content)
    distinct -= STOP_WORDS
    if known is None:
        stems = stems_for(distinct, table)
    else:
        if len(known) > KNOWN_STEMS:
            known.clear()
        known.update(stems_for(distinct.difference(known), table))
        stems = known
    analysed = []
    for document, (title, content) in zip(documents, texts, strict=True):
        exact = _word_positions(content)
        analysed.append({
            **document,
            "title": _positions(title, stems),
            "_stored_title": document["title"],
            "content": _stem_counts(exact, stems),
            "exact": exact,
        })
    return analysed


def _stem_counts(word_positions: dict[str, list[int]], stems: dict[str, str]) -> dict[str, int]:
    """Return {stem: frequency} of a text without its stop words, from its {word: [positions]}: a step per distinct
    word, not per word of the text. A plain dict: a Counter calls its __missing__, a Python method, for each new stem
    (it made this 40% slower, 0.15 ms of an article's CPU in a build: issue 17)."""
    counts: dict[str, int] = {}
    count_of = counts.get
    for word, positions in word_positions.items():
        if word not in STOP_WORDS:
            stem = stems[word]
            counts[stem] = count_of(stem, 0) + len(positions)
    return counts


def _positions(tokens: list[str], stems: dict[str, str]) -> dict[str, list[int]]:
    """Return {stem: [positions]} of a text's words without its stop words, numbered as Whoosh's StopFilter does: the
    first kept word keeps its place, the next ones follow it one by one."""
    positions = defaultdict(list)
    position = None
    for place, word in enumerate(tokens):
        if word not in STOP_WORDS:
            position = place if position is None else position + 1
            positions[stems[word]].append(position)
    return positions


def _word_positions(tokens: list[str]) -> dict[str, list[int]]:
    """Return {word: [positions]} of a text: a word's position is its place in the text's words, as Whoosh's tokenizer
    numbers them, so two words are neighbours when their positions differ by one (what a quoted phrase matches)."""
    # Grouped in C, not a list append per word (a Python loop over every word was half the analysis): each word's
    # number by first appearance, the places sorted by it (stable: each word's places stay ascending), then cut.
    numbers = {word: number for number, word in enumerate(dict.fromkeys(tokens))}
    if len(numbers) == len(tokens):
        return {word: [place] for word, place in numbers.items()}
    keys = np.fromiter(map(numbers.__getitem__, tokens), dtype=np.int64, count=len(tokens))
    places = np.argsort(keys, kind="stable").tolist()
    ends = np.cumsum(np.bincount(keys, minlength=len(numbers))).tolist()
    return {word: places[start:end] for word, start, end in zip(numbers, [0, *ends], ends)}
