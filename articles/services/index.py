"""The search index as the writers see it: a batch that gives a run one index writer, and the check, repair and
rebuild that bring the index level with the database. Commands and the admin use these, never search.indexing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from ..search.indexing import (
    IndexBatch,
    IndexCheck,
    IndexUnavailableError,
    deferred,
    index_check,
    index_problem,
    write_ahead,
)
from ..search.rebuild import CatchUp, RebuildReport, RepairReport, index_catch_up, index_repair, rebuild_index

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
