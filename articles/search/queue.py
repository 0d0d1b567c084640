"""The index queue: which articles the search index still owes a write, kept in the database.

A change to an article (a save, a delete, a link, a rename of its outlet or people) queues the article in the same
transaction as the change, so a process killed after the commit and before its index write (``ingest_articles``
writes the index once, after its last file) leaves the debt in the database rather than in its memory. The index
writer takes an entry off only after writing its article, and only the entry it read before the write: a change that
commits meanwhile gives the entry a new token, and the entry stays for the next writer.

The queue is a table, not a file beside the index, so that every process sees it on one machine (SQLite) and on
several web nodes sharing one database (PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from articles.models import PendingIndex

# Ids per statement: well below SQLite's 999 bound variables of older builds.
_CHUNK = 500


def queue_add(ids: Iterable[int]) -> None:
    """Queue these articles in the current transaction; one queued already gets a new token (one row per article)."""
    ids = sorted({int(pk) for pk in ids})
    PendingIndex.objects.bulk_create(
        [PendingIndex(article_id=pk) for pk in ids], batch_size=_CHUNK,
        update_conflicts=True, unique_fields=["article_id"], update_fields=["token", "queued_at"],
    )


def queue_tokens(ids: Iterable[int] | None = None) -> dict[int, UUID]:
    """Return {article id: token} of the queued entries: of these articles, or (``ids`` None) all of them."""
    if ids is None:
        return dict(PendingIndex.objects.values_list("article_id", "token"))
    ids = sorted({int(pk) for pk in ids})
    tokens: dict[int, UUID] = {}
    for start in range(0, len(ids), _CHUNK):
        tokens.update(PendingIndex.objects.filter(article_id__in=ids[start:start + _CHUNK])
                      .values_list("article_id", "token"))
    return tokens


def queue_remove(tokens: Iterable[UUID]) -> int:
    """Take off the entries that still hold these tokens (written since they were read). Return how many."""
    tokens = list(tokens)
    removed = 0
    for start in range(0, len(tokens), _CHUNK):
        removed += PendingIndex.objects.filter(token__in=tokens[start:start + _CHUNK]).delete()[0]
    return removed


def queue_size() -> int:
    return PendingIndex.objects.count()
