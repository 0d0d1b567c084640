"""Articles as index documents: one plain mapping from an article's fields to the fields of the schema.

``article_document`` reads any object with the article's attributes; the store loads the rows (``store.ArticleStore``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC

from articles.calendar import ARCHIVE_ZONE, UNDATED_YEAR

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
        "pairs": text,
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
