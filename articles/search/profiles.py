"""Entity profiles: what the index says about a person, a country or an outlet (or two people together) in one pass
over the facet arrays: the number of its articles, the first and last, the articles of each month, the facet values
found with it most often and its newest articles. The same arrays and counts as a search's (``engine``), so a
profile's numbers equal the search API's for the same filters. No Django here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
from whoosh.util.times import long_to_datetime

# The engine's lock (searches and profiles take turns on a searcher's readers), its document-number-to-id read and
# its "undated last" sort key: one definition each.
from .engine import _LAST, _article_id, _search_lock
from .facets import FacetCount, facet_arrays
from .indexing import searcher_get
from .registry import FACET_NAMES

# How many of each facet's values an entity's profile lists (the most frequent first; the months are all listed, one
# per month of the archive at most): the API's top 20 and a page's side lists.
PROFILE_TOP = 20
# How many of an entity's newest articles its profile names, for its "mentions in context": each costs a stored-fields
# read here and a sentence search in its text for the caller.
PROFILE_NEWEST = 5


@dataclass
class EntityProfile:
    """What the archive says about one entity (or two together): its articles' number, first and last date, the
    articles of each month, the facet values most often found with it, and its newest articles' ids."""

    total: int
    undated: int
    first: datetime | None  # aware, UTC; None when every article is undated (or there is none)
    last: datetime | None
    months: list[FacetCount]  # every month with an article, oldest first
    counts: dict[str, list[FacetCount]]  # facet name -> the most frequent values (PROFILE_TOP), most first
    newest: list[int]  # article ids, newest first (PROFILE_NEWEST); undated ones after the dated


def entity_profile(required: list[tuple[str, str]], *, top: int = PROFILE_TOP,
                   newest: int = PROFILE_NEWEST) -> EntityProfile:
    """Return the profile of the articles that have every (facet name, value) of ``required``: a person's page gives
    one pair, the pair page two ("people", a) and ("people", b): articles naming both.

    One pass over the facet arrays (the same counts a search with these filters gives, so a profile's numbers equal
    the search API's), bounded by the archive's size; the facet values of ``required`` are left out of the counts.
    """
    with _search_lock:
        searcher = searcher_get()
        arrays = facet_arrays(searcher)
        mask = arrays.live.copy()
        for name, value in required:
            mask &= arrays.facets[name].mask([value], arrays.size)
        docnums = np.flatnonzero(mask)
        published = arrays.published[docnums]
        dated = published[published > 0]
        counts = {}
        for facet_name in FACET_NAMES:
            values = arrays.facets[facet_name]
            found = values.counts(mask) if len(values.names) else np.zeros(0, dtype=np.int64)
            for name, value in required:
                if name == facet_name and value in values.index:
                    found[values.index[value]] = 0  # the entity itself is not mentioned "with" itself
            numbers = np.flatnonzero(found)
            if facet_name != "month" and len(numbers) > top:
                # The most frequent `top` (and those tied with the last), picked in numpy: Indonesia's page at 1M
                # articles names most people, and only these are sorted (by count, then name) in Python.
                least = np.partition(found[numbers], len(numbers) - top)[len(numbers) - top]
                numbers = numbers[found[numbers] >= least]
            limit = None if facet_name == "month" else top  # every month: the timeline
            chosen = sorted(numbers.tolist(), key=lambda n: (-found[n], values.names[n]))[:limit]
            counts[facet_name] = [FacetCount(values.names[n], int(found[n]), False) for n in chosen]
        keys = np.where(published == 0, _LAST, -published)
        picked = np.argpartition(keys, newest - 1)[:newest] if len(keys) > newest else np.arange(len(keys))
        order = picked[np.lexsort((docnums[picked], keys[picked]))]
        newest_ids = [_article_id(searcher, int(docnums[i])) for i in order]
    months = sorted(counts.pop("month"), key=lambda count: count.value)
    return EntityProfile(
        total=len(docnums), undated=len(docnums) - len(dated),
        first=_from_long(int(dated.min())) if len(dated) else None,
        last=_from_long(int(dated.max())) if len(dated) else None,
        months=months, counts=counts, newest=newest_ids,
    )


def _from_long(value: int) -> datetime:
    return long_to_datetime(value).replace(tzinfo=UTC)


__all__ = ["PROFILE_NEWEST", "PROFILE_TOP", "EntityProfile", "entity_profile"]
