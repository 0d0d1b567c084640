"""The work one search may do: a deadline and a number of index terms, and what was left out when either ran out.

No Django here. The costly steps (reading a term's postings, asking the spelling corrector, marking a snippet) ask
before each unit of work; a search that runs out answers with what it has and says so.

    >>> work = Work(seconds=10, max_terms=2)
    >>> [work.take_term() for _ in range(3)], sorted(work.cut)
    ([True, True, False], ['terms'])
"""

from __future__ import annotations

import time
from collections.abc import Callable

# Wall-clock seconds one search may take before it stops reading and answers with what it has. gunicorn kills a worker
# at 30 s (ARSIP_TIMEOUT) and a worker takes one search at a time, so a search that ran on would hold up every reader
# queued behind it; a typical search takes 20-80 ms at 10k-100k articles (scripts/bench_search.py).
SEARCH_SECONDS = 1.0
# Index terms (posting lists) one search reads at most: a word reads two or three, a prefix up to
# matching.MAX_PREFIX_TERMS, a phrase one per pair of neighbouring words. A typical search reads under ten.
MAX_INDEX_TERMS = 400


class Work:
    """What one search may still do. ``cut`` names what stopped it: "time", "terms"."""

    def __init__(self, *, seconds: float | None = None, max_terms: int | None = None,
                 clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.deadline = clock() + (SEARCH_SECONDS if seconds is None else seconds)
        self.terms_left = MAX_INDEX_TERMS if max_terms is None else max_terms
        self.cut: set[str] = set()
        self.left_out = 0  # units of work refused or cut short, so far: what a NOT must know of its part

    def leave_out(self, reason: str) -> None:
        """Note that something was left out, and why."""
        self.cut.add(reason)
        self.left_out += 1

    def expired(self) -> bool:
        """Return whether the time is up (and note it)."""
        if self.clock() >= self.deadline:
            self.cut.add("time")
            return True
        return False

    def take_term(self) -> bool:
        """Return whether one more index term may be read, counting it."""
        if self.expired():
            self.left_out += 1
            return False
        if self.terms_left <= 0:
            self.leave_out("terms")
            return False
        self.terms_left -= 1
        return True
