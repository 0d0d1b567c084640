"""Search the index: words, facet filters, disjunctive facet counts, sorting, pages, spelling suggestions.

One way through: the caller parses the query (``query.parse_query``), resolves the entities it names to facet values
(``articles.selectors``), and ``search`` returns article ids, scores, the total and the facet counts (``facets``);
the caller loads the rows and texts and marks the snippets (``highlight.snippets``). No Django here.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

import numpy as np
from whoosh import index as whoosh_index
from whoosh.util.times import datetime_to_long

from .budget import Work
from .facets import FacetArrays, FacetCount, facet_arrays
from .indexing import searcher_generation, searcher_get
from .query import Notice, ParsedQuery
from .registry import FACET_NAMES
from .suggest import plausible_words, suggestion
from .terms import HighlightTerms, highlight_terms

logger = logging.getLogger(__name__)

_LAST = np.iinfo(np.int64).max
# With fewer hits than this, the page offers a spelling correction.
FEW_RESULTS = 3


@dataclass
class SearchFilters:
    """Facet selections (facet values as the URL gives them) and a date range [start, end) in UTC."""

    outlet: list[str] = field(default_factory=list)
    people: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    year: list[str] = field(default_factory=list)
    month: list[str] = field(default_factory=list)
    start: datetime | None = None
    end: datetime | None = None
    # Always applied, never counted as a selection: the person of a person page, the outlet of an outlet page.
    required: dict[str, list[str]] = field(default_factory=dict)

    def selected(self, facet: str) -> list[str]:
        return getattr(self, facet)


# One list of selections per facet of the registry (the fields stay typed keywords for the callers).
assert set(FACET_NAMES) <= {item.name for item in fields(SearchFilters)}, "SearchFilters lacks a facet"


@dataclass
class Hit:
    article_id: int
    docnum: int
    score: float | None = None
    snippet: str = ""  # marked by the caller (highlight.snippets)


@dataclass
class SearchResult:
    """One page of results and what the page says about them. Articles are attached by the caller (hits)."""

    parsed: ParsedQuery
    total: int
    page: int
    per_page: int
    hits: list[Hit]
    facets: dict[str, list[FacetCount]]
    notices: list[Notice]
    terms: HighlightTerms
    suggestion: str = ""
    sort: str = "relevance"  # the order applied: "relevance" without words to score falls back to "newest"
    incomplete: str = ""  # why the search stopped before its end: "time" (its deadline) or "terms" (too broad)
    generation: str = ""  # the index generation searched (indexing.searcher_generation); set by search_ids

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    def account(self, work: Work) -> None:
        """Note why the search stopped before its end, from what ``work`` cut: after the search, and again after
        the caller marked the snippets with the same ``work`` (marking stops at its deadline too)."""
        self.incomplete = "time" if "time" in work.cut else "terms" if work.cut else ""
        self.notices = [notice for notice in self.notices if not notice.code.startswith("incomplete_")]
        if self.incomplete:
            self.notices.append(Notice(f"incomplete_{self.incomplete}"))


# Whoosh readers keep open files with one read position each (BufferFile over the segment's mmap), so two threads
# searching with the same searcher can interleave seek and read. Searches in one process take turns; a deployment
# scales with processes (gunicorn workers), each with its own searcher.
_search_lock = threading.RLock()

def _to_long(moment: datetime) -> int:
    return datetime_to_long(moment.astimezone(UTC).replace(tzinfo=None))


def search(
    parsed: ParsedQuery,
    entities: dict[tuple[str, str], list[str]],
    filters: SearchFilters,
    *,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    work: Work | None = None,
) -> SearchResult:
    """Run one search and return a page of hits (article ids and scores), the facet counts and the notices.

    ``entities`` maps each (kind, text) the query names (``query.entities_named``) to its facet values; an entity
    with none is unknown, and says so in the notices. ``work`` bounds the search (by default
    ``budget.SEARCH_SECONDS`` and ``budget.MAX_INDEX_TERMS``); a search that runs out answers with what it has, and
    ``result.incomplete`` says why.
    """
    work = work or Work()
    notices = parsed.notices + [Notice(f"unknown_{kind}", name) for (kind, name), values in entities.items()
                                if not values]
    with _search_lock:
        searcher, result = _search_locked(parsed, entities, filters=filters, sort=sort, page=page, per_page=per_page,
                                          work=work)
    words = plausible_words(parsed) if result.total < FEW_RESULTS else []
    if words and not work.expired():
        # A reader of its own: Whoosh's readers are not shared between threads, and this one needs no lock.
        try:
            reader = searcher._ix.reader()  # the index the searcher was opened from (Searcher.refresh() uses it too)
        except (OSError, whoosh_index.IndexError) as error:  # a rebuild removed that generation since: no suggestion
            logger.warning("No spelling suggestion for %r: %s", parsed.text[:80], error)
        else:
            try:
                result.suggestion = suggestion(reader, parsed, words, work)
            finally:
                reader.close()
    result.notices = notices
    result.account(work)
    return result


def _matches(arrays: FacetArrays, parsed: ParsedQuery, entities: dict, filters: SearchFilters,
             work: Work) -> tuple[np.ndarray, dict[str, np.ndarray], np.ndarray, np.ndarray | None]:
    """Return the documents the words and the fixed filters match (``base``, what the facets are counted over), each
    facet selection's mask, the documents all of them match (``final``) and the words' scores (None without words)."""
    matched = arrays.matcher.run(parsed.tree, entities, work)
    scores = None
    base = arrays.live.copy()
    if matched is not None:
        base &= matched[0]
        scores = matched[1]
    if filters.start is not None:
        base &= arrays.published >= _to_long(filters.start)
    if filters.end is not None:
        base &= (arrays.published > 0) & (arrays.published < _to_long(filters.end))  # undated stories have no end
    for name, values in filters.required.items():
        base &= arrays.facets[name].mask(values, arrays.size)

    masks = {
        name: arrays.facets[name].mask(filters.selected(name), arrays.size)
        for name in FACET_NAMES
        if filters.selected(name)
    }
    final = base.copy()
    for mask in masks.values():
        final &= mask
    return base, masks, final, scores


def _search_locked(parsed: ParsedQuery, entities: dict, *, filters: SearchFilters, sort: str, page: int,
                   per_page: int, work: Work) -> tuple[object, SearchResult]:
    searcher = searcher_get()
    arrays = facet_arrays(searcher)
    base, masks, final, scores = _matches(arrays, parsed, entities, filters, work)

    facets = arrays.counts(base, masks, {name: filters.selected(name) for name in FACET_NAMES})

    total = int(final.sum())
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    offset = (page - 1) * per_page
    docnums = np.flatnonzero(final)
    if sort == "relevance" and scores is not None:
        # Best score first, the newer article first among equals; only the first pages are sorted fully.
        wanted = min(offset + per_page, len(docnums))
        keys = -scores[docnums].astype(np.float64)
        if wanted < len(docnums):
            keep = np.argpartition(keys, wanted - 1)[:wanted] if wanted else np.zeros(0, dtype=np.int64)
            docnums, keys = docnums[keep], keys[keep]
        order = np.lexsort((-arrays.published[docnums], keys))
        scored = [(int(docnums[i]), float(-keys[i])) for i in order[offset:offset + per_page]]
    else:
        published = arrays.published[docnums]
        # Undated stories (0) come last either way.
        keys = np.where(published == 0, _LAST, published) if sort == "oldest" else -published
        wanted = min(offset + per_page, len(docnums))
        if 0 < wanted < len(docnums):  # only the pages up to this one need sorting
            keep = np.argpartition(keys, wanted - 1)[:wanted]
            docnums, keys = docnums[keep], keys[keep]
        order = np.lexsort((docnums, keys))
        scored = [(int(docnum), None) for docnum in docnums[order[offset:offset + per_page]]]

    hits = [Hit(article_id=int(searcher.stored_fields(docnum)["id"]), docnum=docnum, score=score)
            for docnum, score in scored]
    return searcher, SearchResult(
        parsed=parsed, total=total, page=page, per_page=per_page, hits=hits, facets=facets, notices=[],
        terms=highlight_terms(parsed), sort="newest" if sort == "relevance" and scores is None else sort,
    )


def search_ids(
    parsed: ParsedQuery,
    entities: dict[tuple[str, str], list[str]],
    filters: SearchFilters,
    *,
    sort: str = "relevance",
    work: Work | None = None,
) -> tuple[np.ndarray, SearchResult]:
    """Return the ids of every article the search matches, in the search's order (an export's rows), and the search
    as ``search`` describes it without hits or facets (total, notices, the order applied, ``incomplete``).

    The order is ``search``'s with every page wanted (so no partial sort): best score first and the newer article
    first among equals, or by date with undated stories last; ties go by document number. ``work`` bounds the
    matching as for a page (the same words find the same articles); the ids are one int64 each (0.8 MB at 100k).
    """
    work = work or Work()
    notices = parsed.notices + [Notice(f"unknown_{kind}", name) for (kind, name), values in entities.items()
                                if not values]
    with _search_lock:
        searcher = searcher_get()
        arrays = facet_arrays(searcher)
        _base, _masks, final, scores = _matches(arrays, parsed, entities, filters, work)
        docnums = np.flatnonzero(final)
        published = arrays.published[docnums]
        if sort == "relevance" and scores is not None:
            order = np.lexsort((-published, -scores[docnums].astype(np.float64)))
        else:
            order = np.lexsort((docnums, np.where(published == 0, _LAST, published) if sort == "oldest"
                                else -published))
        ids = arrays.ids[docnums[order]]
        generation = searcher_generation(searcher)
    result = SearchResult(
        parsed=parsed, total=len(ids), page=1, per_page=max(1, len(ids)), hits=[], facets={}, notices=notices,
        terms=highlight_terms(parsed), sort="newest" if sort == "relevance" and scores is None else sort,
        generation=generation,
    )
    result.account(work)
    return ids, result


def related(*, article_id: int, text: str, limit: int = 5) -> list[int]:
    """Return ids of the articles most like this one, best first: its most telling words (Whoosh's key terms of its
    text, by the index's statistics) searched as alternatives."""
    with _search_lock:
        searcher = searcher_get()
        docnum = searcher.document_number(id=str(article_id))
        if docnum is None:
            return []
        arrays = facet_arrays(searcher)
        words = [term for term, _score in searcher.key_terms_from_text("content", text, numterms=12)]
        if not words:
            return []
        _mask, scores = arrays.matcher.any_terms("content", words)
        scores[docnum] = 0
        scores[~arrays.live] = 0
        best = np.argsort(-scores, kind="stable")[:limit]
        return [int(searcher.stored_fields(int(n))["id"]) for n in best if scores[n] > 0]


__all__ = ["FacetCount", "Hit", "SearchFilters", "SearchResult", "related", "search", "search_ids"]
