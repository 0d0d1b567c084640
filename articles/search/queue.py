"""The index queue: which articles the search index still owes a write, kept in the database.

A change to an article (a save, a delete, a link, a rename of its outlet or people) queues the article in the same
transaction as the change, so a process killed after the commit and before its index write (``ingest_articles``
writes the index once, after its last file) leaves the debt in the database rather than in its memory. The index
writer takes an entry off only after writing its article, and only the entry it read before the write: a change that
commits meanwhile gives the entry a new token, and the entry stays for the next writer.

The queue is a table, not a file beside the index, so that every process sees it on one machine (SQLite) and on
several web nodes sharing one database (PostgreSQL). The store (``store.ArticleStore``) keeps it; these are the
index's words for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from .store import ids_sorted, store


def queue_add(ids: Iterable[int]) -> None:
    """Queue these articles in the current transaction; one queued already gets a new token (one row per article)."""
    store().queue_add(ids_sorted(ids))


def queue_tokens(ids: Iterable[int] | None = None) -> dict[int, UUID]:
    """Return {article id: token} of the queued entries: of these articles, or (``ids`` None) all of them."""
    return store().queue_tokens(None if ids is None else ids_sorted(ids))


def queue_remove(tokens: Iterable[UUID]) -> int:
    """Take off the entries that still hold these tokens (written since they were read). Return how many."""
    return store().queue_remove(list(tokens))


def queue_size() -> int:
    return store().queue_size()
