"""What the index needs from the archive's database, as an interface: the search package imports no Django.

The index reads articles as documents, compares their last changes with its own, keeps a queue of what it owes in the
database (see ``queue``), and writes after a transaction commits. ``ArticleStore`` names those needs; the app hands
search the one implementation (``articles.services.index_store``) when Django starts (``ArticlesConfig.ready``),
the way Haystack and Wagtail hand their backends the rows to index rather than letting them read the models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Protocol
from uuid import UUID


class ArticleStore(Protocol):
    def index_dir(self) -> Path:
        """The folder that holds the index's generations (read at each call: settings may change in tests)."""

    def documents(self, ids: list[int]) -> Iterator[tuple[int, dict]]:
        """Yield (id, index document) for the articles among ``ids`` that exist, in id order."""

    def ids(self) -> list[int]:
        """Every article's id, in order."""

    def count(self) -> int:
        """How many articles there are."""

    def stamps(self, ids: list[int] | None = None) -> dict[int, float]:
        """{id: last change as a timestamp} of these articles that exist, or (``ids`` None) of all of them."""

    def queue_add(self, ids: list[int]) -> None:
        """Queue these articles in the current transaction; one queued already gets a new token."""

    def queue_tokens(self, ids: list[int] | None = None) -> dict[int, UUID]:
        """{article id: token} of the queued entries: of these articles, or (``ids`` None) all of them."""

    def queue_remove(self, tokens: list[UUID]) -> int:
        """Take off the entries that still hold these tokens. Return how many."""

    def queue_size(self) -> int:
        """How many articles the queue holds."""

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` once the current transaction commits (at once outside one); never on a rollback."""


_store: ArticleStore | None = None


def store_set(store: ArticleStore) -> None:
    """Hand the search package the archive it indexes (once, when the app starts)."""
    global _store
    _store = store


def store() -> ArticleStore:
    if _store is None:
        raise RuntimeError("No article store: the articles app's ready() hands search its store; is Django set up?")
    return _store


def ids_sorted(ids: Iterable[int]) -> list[int]:
    return sorted({int(pk) for pk in ids})
