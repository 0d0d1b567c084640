"""The search engine's contract, and which engine answers: Whoosh (one machine, the default) or PostgreSQL.

Pages, the API, the export, feeds, entity pages and the admin call the engine through ``backend()`` and never learn
which one answers. Both take the same parsed query (``query.parse_query``) and filters (``engine.SearchFilters``) and
give back the same results (``engine.SearchResult``: ids, scores, totals, disjunctive facet counts, the suggestion)
and the same profiles (``profiles.EntityProfile``). The Whoosh engine keeps an index beside the database and writes
it after each commit (``indexing``); the PostgreSQL one (``articles.pgsearch``) keeps its search columns in the
database, written in the same transaction as the article, so that any number of web nodes read one archive.

The app hands search its backend when Django starts (``ArticlesConfig.ready``, from ``ARSIP_SEARCH_BACKEND``), as it
hands the store; without one, Whoosh answers. No Django here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

    from .budget import Work
    from .engine import SearchFilters, SearchResult
    from .indexing import IndexCheck
    from .profiles import EntityProfile
    from .query import ParsedQuery
    from .rebuild import CatchUp, RebuildReport, RepairReport

BACKENDS = ("whoosh", "postgres")


class SearchBackend(Protocol):
    name: str
    # True: the engine writes an article's search data in the transaction that changes it (``write``), and keeps no
    # index queue; False: changes are queued and written after the commit (indexing.schedule_index).
    writes_in_transaction: bool

    def search(self, parsed: ParsedQuery, entities: dict[tuple[str, str], list[str]], filters: SearchFilters, *,
               sort: str = "relevance", page: int = 1, per_page: int = 20, collapse: bool = False,
               work: Work | None = None, reparse: Callable[[str], ParsedQuery] = ...) -> SearchResult:
        """A page of hits, the total, the facet counts, the notices and a suggestion (engine.search says how)."""

    def search_ids(self, parsed: ParsedQuery, entities: dict[tuple[str, str], list[str]], filters: SearchFilters, *,
                   sort: str = "relevance", work: Work | None = None) -> tuple[np.ndarray, SearchResult]:
        """Every matching id in the search's order, and the search without hits or facets (engine.search_ids)."""

    def related(self, *, article_id: int, text: str, limit: int = 5) -> list[int]:
        """The ids of the articles most like this one, one per other story, best first."""

    def entity_profile(self, required: list[tuple[str, str]]) -> EntityProfile:
        """What the archive says about the articles having every (facet, value) of ``required``."""

    def generation(self) -> str:
        """A name of what searches read now, changed by every write: an export cites it, caches key on it."""

    def shortfall(self) -> int:
        """How many articles searches cannot find yet (0 when they are complete)."""

    def warm_up(self) -> dict[str, float]:
        """Load what a new web worker's first search would pay for; return the seconds of each part. Never raises."""

    def write(self, ids: Iterable[int]) -> str:
        """Write these articles' search data now, in the caller's transaction (``writes_in_transaction`` only). Never
        raises for the search data: return why it could not be written ("" when it was), the change itself stands."""

    def drifted(self, ids: Iterable[int]) -> list[int]:
        """Those of these articles whose search data is missing, older than their row, or left from a deleted row."""

    def check(self) -> IndexCheck:
        """How the search data differs from the database."""

    def repair(self, *, check: IndexCheck | None = None) -> RepairReport:
        """Write what the check found missing or stale, and take away what is left over."""

    def rebuild(self, *, progress: Callable[[int, int], None] | None = None) -> RebuildReport:
        """Make every article's search data again (after an analyzer change)."""

    def catch_up(self) -> CatchUp:
        """Write what the archive owes the search data after a command's run (a repair, or a rebuild if needed)."""


class WhooshBackend:
    """The Whoosh index on this machine's disk (engine, indexing, rebuild): the default, nothing to install."""

    name = "whoosh"
    writes_in_transaction = False

    def search(self, *args, **kwargs):
        from .engine import search
        return search(*args, **kwargs)

    def search_ids(self, *args, **kwargs):
        from .engine import search_ids
        return search_ids(*args, **kwargs)

    def related(self, **kwargs):
        from .engine import related
        return related(**kwargs)

    def entity_profile(self, required):
        from .profiles import entity_profile
        return entity_profile(required)

    def generation(self) -> str:
        # The index folder and its generation: a generation's name ("gen-<time>/<n>") is unique within one folder.
        from .indexing import current_dir, searcher_generation, searcher_get
        return f"{current_dir()}:{searcher_generation(searcher_get())}"

    def shortfall(self) -> int:
        from .indexing import index_shortfall
        return index_shortfall()

    def warm_up(self) -> dict[str, float]:
        from .engine import warm_up
        return warm_up()

    def write(self, ids: Iterable[int]) -> str:
        raise NotImplementedError("the Whoosh index is written after the commit (indexing.schedule_index)")

    def drifted(self, ids: Iterable[int]) -> list[int]:
        from .indexing import index_drifted
        return index_drifted(ids)

    def check(self):
        from .indexing import index_check
        return index_check()

    def repair(self, *, check=None):
        from .rebuild import index_repair
        return index_repair(check=check)

    def rebuild(self, *, progress=None):
        from .rebuild import rebuild_index
        return rebuild_index(progress=progress)

    def catch_up(self):
        from .rebuild import index_catch_up
        return index_catch_up()


_backend: SearchBackend | None = None


def backend_set(chosen: SearchBackend | None) -> None:
    """Hand search the engine that answers (once, when the app starts; None: Whoosh)."""
    global _backend
    _backend = chosen


def backend() -> SearchBackend:
    global _backend
    if _backend is None:
        _backend = WhooshBackend()
    return _backend


__all__ = ["BACKENDS", "SearchBackend", "WhooshBackend", "backend", "backend_set"]
