"""The archive as the search index reads it: the one ``search.store.ArticleStore``, over the models.

Handed to the search package when the app starts (``ArticlesConfig.ready``): search imports no Django, and everything
it needs from the database (documents, last changes, the index queue, the transaction's commit) comes through here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple
from uuid import UUID

from django.conf import settings
from django.db import transaction

from ..models import Article, ArticleCountry, ArticlePerson, PendingIndex
from ..search.documents import article_document

# Ids per statement: well below SQLite's 999 bound variables of older builds.
_CHUNK = 500


# The columns article_document reads. A rebuild reads every article: values_list makes no model instances (two a row
# with the outlet) and leaves out the columns no document needs (the raw text, as long as the body, the sources'
# JSON, the fingerprint): the parent process's reading was a third of the CPU it takes from the build's writers.
_DOCUMENT_COLUMNS = ("pk", "updated_at", "title", "summary", "body", "captions", "outlet__slug", "cluster", "published")


class _Outlet(NamedTuple):
    slug: str


class _ArticleRow:
    """An article's columns as article_document reads them (``article.outlet.slug`` among them)."""

    __slots__ = ("pk", "updated_at", "title", "summary", "body", "captions", "outlet", "cluster", "published")

    def __init__(self, pk, updated_at, title, summary, body, captions, outlet_slug, cluster, published):
        self.pk, self.updated_at, self.title, self.summary, self.body = pk, updated_at, title, summary, body
        self.captions, self.outlet, self.cluster, self.published = captions, _Outlet(outlet_slug), cluster, published


class ArticleStore:
    def index_dir(self) -> Path:
        return Path(settings.ARSIP_INDEX_DIR)

    def documents(self, ids: list[int]) -> Iterator[tuple[int, dict]]:
        """Yield (id, document) for the articles among ``ids`` that exist, with three queries per chunk of 500."""
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            people = defaultdict(list)
            for article_id, slug in (
                ArticlePerson.objects.active().filter(article_id__in=chunk)
                .values_list("article_id", "person__slug")
            ):
                people[article_id].append(slug)
            countries = defaultdict(list)
            for article_id, code in (
                ArticleCountry.objects.active().filter(article_id__in=chunk)
                .values_list("article_id", "country__code")
            ):
                countries[article_id].append(code)
            for row in Article.objects.filter(pk__in=chunk).order_by("pk").values_list(*_DOCUMENT_COLUMNS):
                article = _ArticleRow(*row)
                yield article.pk, article_document(
                    article, people=people[article.pk], countries=countries[article.pk])

    def ids(self) -> list[int]:
        return list(Article.objects.order_by("pk").values_list("pk", flat=True))

    def count(self) -> int:
        return Article.objects.count()

    def stamps(self, ids: list[int] | None = None) -> dict[int, float]:
        if ids is None:
            return {pk: updated.timestamp() for pk, updated in Article.objects.values_list("pk", "updated_at")}
        stamps = {}
        for start in range(0, len(ids), _CHUNK):
            stamps.update((pk, updated.timestamp()) for pk, updated in
                          Article.objects.filter(pk__in=ids[start:start + _CHUNK]).values_list("pk", "updated_at"))
        return stamps

    def queue_add(self, ids: list[int]) -> None:
        PendingIndex.objects.bulk_create(
            [PendingIndex(article_id=pk) for pk in ids], batch_size=_CHUNK,
            update_conflicts=True, unique_fields=["article_id"], update_fields=["token", "queued_at"],
        )

    def queue_tokens(self, ids: list[int] | None = None) -> dict[int, UUID]:
        if ids is None:
            return dict(PendingIndex.objects.values_list("article_id", "token"))
        tokens: dict[int, UUID] = {}
        for start in range(0, len(ids), _CHUNK):
            tokens.update(PendingIndex.objects.filter(article_id__in=ids[start:start + _CHUNK])
                          .values_list("article_id", "token"))
        return tokens

    def queue_remove(self, tokens: list[UUID]) -> int:
        removed = 0
        for start in range(0, len(tokens), _CHUNK):
            removed += PendingIndex.objects.filter(token__in=tokens[start:start + _CHUNK]).delete()[0]
        return removed

    def queue_size(self) -> int:
        return PendingIndex.objects.count()

    def on_commit(self, callback: Callable[[], None]) -> None:
        transaction.on_commit(callback)
