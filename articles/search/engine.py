"""Search the index: words, facet filters, disjunctive facet counts, sorting, pages, snippets.

Facets are counted over every matching document, not just a page. Whoosh's ``groupedby`` does that by reading each
hit's values (about 2 s per query at 100k documents), so instead each searcher keeps, per document number, the ids of
its outlet, month, people and countries in numpy arrays (built once per index version), and a query's matches become
a boolean mask. Counting a facet is then one ``bincount`` over the mask.

Facets are disjunctive: OR within a facet, AND across facets, and each facet is counted with every selection but its
own, so a reader who picked one outlet still sees the others with their counts.
"""

from __future__ import annotations

import logging
import threading
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np
from django.utils.safestring import SafeString
from whoosh import index as whoosh_index
from whoosh.util.times import datetime_to_long

from .budget import Work
from .highlight import Highlighter
from .indexing import searcher_get
from .matching import Matcher, PostingCache, posting_arrays, resolve_entities
from .query import HighlightTerms, Notice, ParsedQuery, Resolver, highlight_terms, parse_query
from .suggest import plausible_words, suggestion

logger = logging.getLogger(__name__)

FACETS = ("outlet", "year", "month", "people", "countries")
_LAST = np.iinfo(np.int64).max
_UNSET = 2**63
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


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool


@dataclass
class Hit:
    article_id: int
    docnum: int
    score: float | None = None
    snippet: SafeString | str = ""


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class _Values:
    """One facet's values: document number -> value ids, as flat (doc, value) pairs, and the value names."""

    def __init__(self, names: list[str], docs: np.ndarray, values: np.ndarray):
        self.names = names
        self.index = {name: number for number, name in enumerate(names)}
        self.docs = docs
        self.values = values

    def mask(self, selected: list[str], size: int) -> np.ndarray:
        """Return the documents that have any of ``selected``."""
        wanted = [self.index[name] for name in selected if name in self.index]
        mask = np.zeros(size, dtype=bool)
        if wanted:
            mask[self.docs[np.isin(self.values, wanted)]] = True
        return mask

    def counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.values[mask[self.docs]], minlength=len(self.names))


class _FacetArrays:
    """Per-searcher arrays of facet value ids and publication times by document number."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.facets = {name: self._values(reader, name) for name in FACETS}
        self.published = np.zeros(self.size, dtype=np.int64)
        lengths = np.zeros(self.size, dtype=np.float32)
        if self.size:  # an empty index has no columns
            column = reader.column_reader("published", translate=False)
            # An undated story has no value: Whoosh gives the column's default (None or one past the int64 range).
            values = (column[n] for n in range(self.size))
            self.published = np.fromiter((value if value and value < _UNSET else 0 for value in values),
                                         dtype=np.int64, count=self.size)
            lengths = np.fromiter((reader.doc_field_length(n, "content", 0) for n in range(self.size)),
                                  dtype=np.float32, count=self.size)
        self.matcher = Matcher(reader, PostingCache(reader), lengths, self.live)

    @staticmethod
    def _values(reader, fieldname: str) -> _Values:
        names, docs, values = [], [], []
        for number, term in enumerate(reader.field_terms(fieldname)):
            ids, _weights = posting_arrays(reader, fieldname, term)
            names.append(term)
            docs.append(ids)
            values.append(np.full(len(ids), number, dtype=np.int64))
        if not names:
            return _Values([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        return _Values(names, np.concatenate(docs), np.concatenate(values))


# Whoosh readers keep open files with one read position each (BufferFile over the segment's mmap), so two threads
# searching with the same searcher can interleave seek and read. Searches in one process take turns; a deployment
# scales with processes (gunicorn workers), each with its own searcher.
_search_lock = threading.RLock()

_arrays: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_arrays_lock = threading.Lock()


def _facet_arrays(searcher) -> _FacetArrays:
    with _arrays_lock:
        arrays = _arrays.get(searcher)
        if arrays is None:
            arrays = _arrays[searcher] = _FacetArrays(searcher)
        return arrays


def _to_long(moment: datetime) -> int:
    return datetime_to_long(moment.astimezone(UTC).replace(tzinfo=None))


def search(
    *,
    text: str,
    filters: SearchFilters,
    resolve: Resolver,
    sort: str = "relevance",
    page: int = 1,
    per_page: int = 20,
    with_snippets: bool = True,
    snippet_source=None,
    work: Work | None = None,
) -> SearchResult:
    """Run one search and return a page of hits, the facet counts and the notices.

    ``snippet_source(ids) -> {id: text}`` supplies the texts snippets are cut from (the database holds them). ``work``
    bounds the search (by default ``budget.SEARCH_SECONDS`` and ``budget.MAX_INDEX_TERMS``); a search that runs out
    answers with what it has, and ``result.incomplete`` says why.
    """
    work = work or Work()
    parsed = parse_query(text)
    entities = resolve_entities(parsed.tree, resolve)
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
    if with_snippets and snippet_source is not None and result.hits:
        texts = snippet_source([hit.article_id for hit in result.hits])
        marker = Highlighter(result.terms)
        for hit in result.hits:
            if work.expired():
                marker = Highlighter(HighlightTerms())  # the rest unmarked: cheap, and still escaped
            hit.snippet = marker.snippet(texts.get(hit.article_id, ""))
    result.incomplete = "time" if "time" in work.cut else "terms" if work.cut else ""
    result.notices = notices + ([Notice(f"incomplete_{result.incomplete}")] if result.incomplete else [])
    return result


def _search_locked(parsed: ParsedQuery, entities: dict, *, filters: SearchFilters, sort: str, page: int,
                   per_page: int, work: Work) -> tuple[object, SearchResult]:
    searcher = searcher_get()
    arrays = _facet_arrays(searcher)

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
        for name in FACETS
        if filters.selected(name)
    }
    final = base.copy()
    for mask in masks.values():
        final &= mask

    facets: dict[str, list[FacetCount]] = {}
    for name in FACETS:
        counting = base.copy()
        for other, mask in masks.items():
            if other != name:
                counting &= mask
        values = arrays.facets[name]
        counts = values.counts(counting) if len(values.names) else np.zeros(0, dtype=np.int64)
        chosen = set(filters.selected(name))
        facets[name] = [
            FacetCount(value=values.names[number], count=int(counts[number]), selected=values.names[number] in chosen)
            for number in np.flatnonzero(counts)
        ] + [FacetCount(value=value, count=0, selected=True) for value in chosen if value not in values.index or
             not counts[values.index[value]]]

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


def related(*, article_id: int, text: str, limit: int = 5) -> list[int]:
    """Return ids of the articles most like this one, best first: its most telling words (Whoosh's key terms of its
    text, by the index's statistics) searched as alternatives."""
    with _search_lock:
        searcher = searcher_get()
        docnum = searcher.document_number(id=str(article_id))
        if docnum is None:
            return []
        arrays = _facet_arrays(searcher)
        words = [term for term, _score in searcher.key_terms_from_text("content", text, numterms=12)]
        if not words:
            return []
        _mask, scores = arrays.matcher.any_terms("content", words)
        scores[docnum] = 0
        scores[~arrays.live] = 0
        best = np.argsort(-scores, kind="stable")[:limit]
        return [int(searcher.stored_fields(int(n))["id"]) for n in best if scores[n] > 0]


__all__ = ["FACETS", "Hit", "SearchFilters", "SearchResult", "related", "search"]
