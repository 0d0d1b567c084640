"""The search index as the writers see it: a batch that gives a run one index writer, and the check, repair and
rebuild that bring the index level with the database. Commands and the admin use these, never search.indexing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.db import transaction

from ..search.backends import backend
from ..search.indexing import (
    IndexBatch,
    IndexCheck,
    IndexUnavailableError,
    deferred,
    index_problem,
    write_ahead,
)
from ..search.rebuild import CatchUp, RebuildReport, RepairReport

__all__ = [
    "CatchUp",
    "IndexBatch",
    "IndexCheck",
    "IndexUnavailableError",
    "RebuildReport",
    "RepairReport",
    "index_batch",
    "index_catch_up",
    "index_check",
    "index_problem",
    "index_repair",
    "index_write_ahead",
    "rebuild_index",
]


@contextmanager
def index_batch(*, streamed: bool = False) -> Iterator[IndexBatch]:
    """Write the articles saved inside the block to the index with one writer when it ends; yield the IndexBatch
    that then says which articles it wrote and why it failed ("" when it did not). Nested blocks share the
    outermost's writer, so a service that opens one inside an admin request's adds nothing.

    ``streamed``: the caller calls index_write_ahead() between its transactions, which adds the documents saved so
    far to the write while the caller goes on (search.indexing.write_ahead), so that the block's end only commits."""
    with deferred(streamed=streamed) as batch:
        yield batch


def index_write_ahead() -> None:
    """See index_batch(streamed=True). Does nothing inside a transaction, whose rows could still be rolled back."""
    if not transaction.get_connection().in_atomic_block:
        write_ahead()


# The check, repair and rebuild of whichever engine answers (search.backends): the Whoosh index's, or the PostgreSQL
# search columns'. The commands narrate the same reports either way.


def index_check() -> IndexCheck:
    """Compare the search data with the database: counts, ids, last changes, the queue and the schema version."""
    return backend().check()


def index_repair(*, check: IndexCheck | None = None) -> RepairReport:
    """Write what ``check`` (made now if not given) found missing or stale, take away what is left over."""
    return backend().repair(check=check)


def rebuild_index(*, progress: Callable[[int, int], None] | None = None) -> RebuildReport:
    """Make every article's search data again; ``progress(done, total)`` is told as it goes."""
    return backend().rebuild(progress=progress)


def index_catch_up() -> CatchUp:
    """Write what the archive owes the search after a command's run (see search.rebuild.index_catch_up)."""
    return backend().catch_up()
