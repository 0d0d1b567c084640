"""Search the index: words, facet filters, disjunctive facet counts, sorting, pages, spelling suggestions.

One way through: the caller parses the query (``query.parse_query``), resolves the entities it names to facet values
(``articles.selectors``), and ``search`` returns article ids, scores, the total and the facet counts (``facets``);
the caller loads the rows and texts and marks the snippets (``highlight.snippets``). No Django here.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

import numpy as np
from whoosh import index as whoosh_index
from whoosh.util.times import datetime_to_long

from .budget import Work
from .facets import FacetArrays, FacetCount, facet_arrays
from .indexing import searcher_generation, searcher_get
from .query import Notice, ParsedQuery, parse_query
from .registry import BY_NAME, FACET_NAMES, MATCH_ALL, MATCH_ANY
from .suggest import plausible_words, suggestion
from .terms import HighlightTerms, highlight_terms

logger = logging.getLogger(__name__)

_LAST = np.iinfo(np.int64).max
# With fewer hits than this, the page offers a spelling correction.
FEW_RESULTS = 3
# How many of a collapsed story's other matching versions a hit lists (its ``versions_omitted`` counts the rest): each
# costs a stored-fields read under the search lock and a row on the page.
VERSIONS_LISTED = 10


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
    # How a facet's chosen values combine (registry.MATCHES): "any" (OR) or "all" (AND), the latter only for a facet
    # whose articles have several values (registry.Facet.several); a required value is ANDed with them either way.
    match: str = MATCH_ANY

    def selected(self, facet: str) -> list[str]:
        return getattr(self, facet)

    def all_of(self, facet: str) -> bool:
        """Return whether an article must have every chosen value of ``facet`` (``match=all`` on people, countries)."""
        return self.match == MATCH_ALL and BY_NAME[facet].several


# One list of selections per facet of the registry (the fields stay typed keywords for the callers).
assert set(FACET_NAMES) <= {item.name for item in fields(SearchFilters)}, "SearchFilters lacks a facet"


@dataclass
class Hit:
    article_id: int
    docnum: int
    score: float | None = None
    snippet: str = ""  # marked by the caller (highlight.snippets)
    cluster: int = 0  # the story cluster's key (the smallest id among its near copies); the article's own id if none
    cluster_size: int = 1  # the cluster's articles in the whole archive, this one included
    versions: list[int] = field(default_factory=list)  # a collapsed story's other matching articles, in the order
    versions_omitted: int = 0  # the story's matching articles beyond ``versions`` (VERSIONS_LISTED)
    version_rows: list = field(default_factory=list)  # the rows of ``versions``, attached by the caller

    @property
    def versions_matching(self) -> int:
        """The story's other matching articles, listed or not: the "+N" of a collapsed result."""
        return len(self.versions) + self.versions_omitted


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
    suggestion_total: int = 0  # the articles the suggestion finds with the same filters (0: none, or not counted)
    sort: str = "relevance"  # the order applied: "relevance" without words to score falls back to "newest"
    incomplete: str = ""  # why the search stopped before its end: "time" (its deadline) or "terms" (too broad)
    collapse: bool = False  # whether a story's near copies are shown as one result (pages then run over stories)
    stories: int | None = None  # the results shown: the stories among the matches when collapsed, else ``total``
    generation: str = ""  # the index generation searched (indexing.searcher_generation); set by search_ids

    def __post_init__(self):
        if self.stories is None:
            self.stories = self.total

    @property
    def pages(self) -> int:
        """The pages of what is paged: the articles (``total``), or the stories when collapsed."""
        return max(1, -(-(self.stories if self.collapse else self.total) // self.per_page))

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
    collapse: bool = False,
    work: Work | None = None,
    reparse: Callable[[str], ParsedQuery] = parse_query,
) -> SearchResult:
    """Run one search and return a page of hits (article ids and scores), the facet counts and the notices.

    ``entities`` maps each (kind, text) the query names (``query.entities_named``) to its facet values; an entity
    with none is unknown, and says so in the notices. ``work`` bounds the search (by default
    ``budget.SEARCH_SECONDS`` and ``budget.MAX_INDEX_TERMS``); a search that runs out answers with what it has, and
    ``result.incomplete`` says why.

    With ``collapse``, a story's near copies (one cluster, ``Article.cluster``) are one result, shown by the copy
    ranked best in the order, and the pages run over stories (``result.stories``); ``result.total`` and the facet
    counts count articles either way.

    A spelling suggestion comes with the number of articles it finds with the same filters
    (``result.suggestion_total``: a page offers only one that finds more than the query); ``reparse`` reads the
    suggested words as the query was read (the English pages' glossary).
    """
    work = work or Work()
    notices = parsed.notices + [Notice(f"unknown_{kind}", name) for (kind, name), values in entities.items()
                                if not values]
    with _search_lock:
        searcher, result = _search_locked(parsed, entities, filters=filters, sort=sort, page=page, per_page=per_page,
                                          collapse=collapse, work=work)
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
    if result.suggestion:
        result.suggestion_total = _suggestion_total(reparse(result.suggestion), entities, filters, work)
    result.notices = notices
    result.account(work)
    return result


def _suggestion_total(parsed: ParsedQuery, entities: dict, filters: SearchFilters, work: Work) -> int:
    """Return how many articles a suggested query finds with the search's filters; 0 when the search's time is up
    (a suggestion that could not be counted is not offered) or the count was cut short.

    The count has a budget of its own within the search's deadline: what it runs out of is not the search's, which
    was complete (``work`` is only read, never charged)."""
    remaining = work.deadline - work.clock()
    if remaining <= 0:
        return 0
    count = Work(seconds=remaining, clock=work.clock)
    with _search_lock:
        _base, _masks, final, _scores = _matches(facet_arrays(searcher_get()), parsed, entities, filters, count)
    return 0 if count.cut else int(final.sum())


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
        base &= arrays.facets[name].mask_all(values, arrays.size)  # each required value (a pair page has two)

    masks = {
        name: (arrays.facets[name].mask_all if filters.all_of(name) else arrays.facets[name].mask)(
            filters.selected(name), arrays.size)
        for name in FACET_NAMES
        if filters.selected(name)
    }
    final = base.copy()
    for mask in masks.values():
        final &= mask
    return base, masks, final, scores


def _search_locked(parsed: ParsedQuery, entities: dict, *, filters: SearchFilters, sort: str, page: int,
                   per_page: int, collapse: bool, work: Work) -> tuple[object, SearchResult]:
    searcher = searcher_get()
    arrays = facet_arrays(searcher)
    base, masks, final, scores = _matches(arrays, parsed, entities, filters, work)

    facets = arrays.counts(base, masks, {name: filters.selected(name) for name in FACET_NAMES},
                           frozenset(name for name in FACET_NAMES if filters.all_of(name)))

    total = int(final.sum())
    docnums = np.flatnonzero(final)
    others: dict[int, tuple[list[int], int]] = {}
    stories = total
    if collapse and _clusters_of(arrays).copied[docnums].any():
        page, scored, others, stories = _story_page(arrays, docnums, scores, sort=sort, page=page, per_page=per_page)
    else:
        page, scored = _article_page(arrays, docnums, scores, sort=sort, page=page, per_page=per_page)

    hits = [Hit(article_id=_article_id(searcher, docnum), docnum=docnum, score=score) for docnum, score in scored]
    _describe_clusters(searcher, arrays, hits, others)
    return searcher, SearchResult(
        parsed=parsed, total=total, page=page, per_page=per_page, hits=hits, facets=facets, notices=[],
        terms=highlight_terms(parsed), sort="newest" if sort == "relevance" and scores is None else sort,
        collapse=collapse, stories=stories,
    )


def _article_id(searcher, docnum: int) -> int:
    return int(searcher.stored_fields(docnum)["id"])


def _article_page(arrays, docnums: np.ndarray, scores: np.ndarray | None, *, sort: str, page: int,
                  per_page: int) -> tuple[int, list[tuple[int, float | None]]]:
    """Return the page number shown and its (docnum, score) in the order, one per matching article."""
    pages = max(1, -(-len(docnums) // per_page))
    page = min(max(page, 1), pages)
    offset = (page - 1) * per_page
    if sort == "relevance" and scores is not None:
        # Best score first, the newer article first among equals; only the first pages are sorted fully.
        wanted = min(offset + per_page, len(docnums))
        keys = -scores[docnums].astype(np.float64)
        if wanted < len(docnums):
            keep = np.argpartition(keys, wanted - 1)[:wanted] if wanted else np.zeros(0, dtype=np.int64)
            docnums, keys = docnums[keep], keys[keep]
        order = np.lexsort((-arrays.published[docnums], keys))
        return page, [(int(docnums[i]), float(-keys[i])) for i in order[offset:offset + per_page]]
    published = arrays.published[docnums]
    # Undated stories (0) come last either way.
    keys = np.where(published == 0, _LAST, published) if sort == "oldest" else -published
    wanted = min(offset + per_page, len(docnums))
    if 0 < wanted < len(docnums):  # only the pages up to this one need sorting
        keep = np.argpartition(keys, wanted - 1)[:wanted]
        docnums, keys = docnums[keep], keys[keep]
    order = np.lexsort((docnums, keys))
    return page, [(int(docnum), None) for docnum in docnums[order[offset:offset + per_page]]]


class _Clusters:
    """The archive's story clusters with more than one live article, per searcher: their keys (sorted), their sizes,
    and which documents belong to one. Built on a searcher's first collapsed search, like its facet arrays."""

    def __init__(self, arrays):
        keys, sizes = np.unique(arrays.cluster[arrays.live], return_counts=True)
        self.keys, self.sizes = keys[sizes > 1], sizes[sizes > 1]
        self.copied = np.isin(arrays.cluster, self.keys) & arrays.live

    def size(self, key: int) -> int:
        found = int(np.searchsorted(self.keys, key))
        return int(self.sizes[found]) if found < len(self.keys) and self.keys[found] == key else 1


_clusters: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _clusters_of(arrays) -> _Clusters:
    """Return the arrays' clusters (callers hold ``_search_lock``)."""
    clusters = _clusters.get(arrays)
    if clusters is None:
        clusters = _clusters[arrays] = _Clusters(arrays)
    return clusters


def _story_page(arrays, docnums: np.ndarray, scores: np.ndarray | None, *, sort: str, page: int, per_page: int
                ) -> tuple[int, list[tuple[int, float | None]], dict[int, tuple[list[int], int]], int]:
    """Return the page number shown, its (docnum, score) one per story, each shown story's other matching docnums in
    the order (at most VERSIONS_LISTED, with how many more), and the number of stories.

    A story is shown by its copy ranked best in the order (the best match, the newest, the oldest). Only the matches
    that have copies in the archive are sorted in full (by cluster, then rank), to find each cluster's best; the
    stories are then paged as articles are (``_article_page``, which sorts only the pages up to the one shown).
    Measured at 100k matches, all of them copies in 29k stories: 40-110 ms on a busy 2-core machine (half of them
    copies: 20-50 ms), against 1-6 ms for the page of articles.
    """
    copied = _clusters_of(arrays).copied[docnums]
    members = docnums[copied]
    published = arrays.published[members]
    if sort == "relevance" and scores is not None:
        rank = (-published, -scores[members].astype(np.float64))
    else:
        # Undated stories (0) come last either way.
        rank = (np.where(published == 0, _LAST, published) if sort == "oldest" else -published,)
    # By rank (the earlier document first among equals: lexsort is stable), then by cluster, keeping the rank: two
    # sorts take about half the time of one lexsort over the four keys.
    members = members[np.lexsort(rank)]
    keys = arrays.cluster[members]
    order = np.argsort(keys, kind="stable")
    members, keys = members[order], keys[order]
    firsts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, dtype=np.int64)
    stories = np.sort(np.concatenate([docnums[~copied], members[firsts]]))
    page, scored = _article_page(arrays, stories, scores, sort=sort, page=page, per_page=per_page)
    others: dict[int, tuple[list[int], int]] = {}
    for docnum, _score in scored:
        key = arrays.cluster[docnum]
        low, high = int(np.searchsorted(keys, key)), int(np.searchsorted(keys, key, side="right"))
        if high - low > 1:  # members[low] is the story's own hit
            listed = members[low + 1:min(high, low + 1 + VERSIONS_LISTED)]
            others[docnum] = ([int(n) for n in listed], high - low - 1 - len(listed))
    return page, scored, others, len(stories)


def _describe_clusters(searcher, arrays, hits: list[Hit], others: dict[int, tuple[list[int], int]]) -> None:
    """Give each hit its story cluster, the cluster's size in the archive and its other matching versions."""
    if not hits:
        return
    clusters = _clusters_of(arrays)
    for hit in hits:
        key = int(arrays.cluster[hit.docnum])
        hit.cluster = key if key > 0 else hit.article_id  # an article not fingerprinted is a story of its own
        hit.cluster_size = clusters.size(key)
        versions, hit.versions_omitted = others.get(hit.docnum, ([], 0))
        hit.versions = [_article_id(searcher, docnum) for docnum in versions]


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
        scored = scores[docnums].astype(np.float64) if scores is not None else None
        ids = arrays.ids[docnums]
        generation = searcher_generation(searcher)
    # Sorted after the lock: every match is sorted (no page bounds it), and other searches need not wait for that.
    if sort == "relevance" and scored is not None:
        order = np.lexsort((-published, -scored))
    else:
        order = np.lexsort((docnums, np.where(published == 0, _LAST, published) if sort == "oldest" else -published))
    ids = ids[order]
    result = SearchResult(
        parsed=parsed, total=len(ids), page=1, per_page=max(1, len(ids)), hits=[], facets={}, notices=notices,
        terms=highlight_terms(parsed), sort="newest" if sort == "relevance" and scores is None else sort,
        generation=generation,
    )
    result.account(work)
    return ids, result


def related(*, article_id: int, text: str, limit: int = 5) -> list[int]:
    """Return ids of the articles most like this one, best first: its most telling words (Whoosh's key terms of its
    text, by the index's statistics) searched as alternatives. Its own story's copies (its cluster) are not other
    stories, and each other story is given once, by its copy most like this article."""
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
        scores[arrays.cluster == arrays.cluster[docnum]] = 0
        candidates = np.flatnonzero(scores > 0)
        candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
        _keys, first = np.unique(arrays.cluster[candidates], return_index=True)
        best = candidates[np.sort(first)[:limit]]
        return [_article_id(searcher, int(n)) for n in best]


def warm_up() -> dict[str, float]:
    """Load, in a web worker that has just started, what its first search would otherwise pay for: the searcher, the
    facet arrays of every segment (mapped from their saved files), the story clusters, the spelling index of every
    segment, the stem table's connection and the stemmer's dictionary filter. Return the seconds of each part.

    Solr's ``firstSearcher`` warming queries do the same for a new core. Called from gunicorn's ``post_worker_init``
    (newsarchive/gunicorn.conf.py), after the fork, so every worker opens its own files; a later searcher (after a
    save) reuses the arrays of every unchanged segment (segments.py). Never raises: a worker without an index still
    serves its pages, and says why searches cannot run.
    """
    from . import spelling
    from .schema import stem
    from .stems import stem_table

    clock = time.perf_counter
    parts: dict[str, float] = {}
    began = clock()
    try:
        with _search_lock:
            searcher = searcher_get()
            parts["searcher"] = clock() - began
            arrays = facet_arrays(searcher)
            _clusters_of(arrays)
            for leaf, _base in searcher.reader().leaf_readers():  # each segment's stored fields: a hit's id
                if leaf.doc_count_all():
                    leaf.stored_fields(0)
            parts["arrays"] = clock() - began - sum(parts.values())
        with searcher._ix.reader() as reader:  # the spelling index is read on a reader of its own (see search)
            spelling.warm(reader)
        parts["spelling"] = clock() - began - sum(parts.values())
        stem("penangkapan")  # the stemmer's dictionary filter (roots.py) is built on the first word it takes apart
        len(stem_table())
        parts["stems"] = clock() - began - sum(parts.values())
    except Exception as error:  # noqa: BLE001 - a warm-up that fails leaves the first search to say why
        logger.warning("Search warm-up stopped: %s", error)
    return parts


__all__ = ["FacetCount", "Hit", "SearchFilters", "SearchResult", "related", "search", "search_ids", "warm_up"]
