"""Test helpers that reach into production state no production code needs to reset."""

from __future__ import annotations

from articles.search import indexing


def discard_pending() -> None:
    """Forget the article ids this thread has scheduled for indexing: a rolled-back test database leaves ids of rows
    that are gone."""
    indexing._pending().clear()
