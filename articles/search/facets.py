"""Facet arrays: per searcher, each document's outlet, year, month, people and countries as numpy arrays, and the
disjunctive counts over a query's matches.

Whoosh's ``groupedby`` reads each hit's values (about 2 s per query at 100k documents), so instead each searcher
keeps, per document number, the ids of its facet values (built once per index version), and a query's matches become
a boolean mask. Counting a facet is then one ``bincount`` over the mask.

Facets are disjunctive by default: OR within a facet, AND across facets, and each facet is counted with every selection
but its own, so a reader who picked one outlet still sees the others with their counts. With ``match=all`` a facet whose
articles have several values (people, countries: ``registry.Facet.several``) is conjunctive: AND within it too, and
counted with its own selection, so each value's count is what the search would find with that value added (a person's
co-mentions with the chosen ones read directly). No Django here.
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from .matching import Matcher, PostingCache, posting_arrays
from .registry import FACETS

_UNSET = 2**63


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool


class FacetValues:
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

    def mask_all(self, selected: list[str], size: int) -> np.ndarray:
        """Return the documents that have every one of ``selected`` (none if one of them is in no document).

        One pass over the (document, value) pairs: a document's pairs are distinct, so it has them all when it has as
        many of the wanted pairs as there are values wanted."""
        chosen = set(selected)
        if not chosen or not chosen <= self.index.keys():
            return np.zeros(size, dtype=bool)
        wanted = [self.index[name] for name in chosen]
        return np.bincount(self.docs[np.isin(self.values, wanted)], minlength=size)[:size] == len(wanted)

    def counts(self, mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.values[mask[self.docs]], minlength=len(self.names))


class FacetArrays:
    """Per-searcher arrays of facet value ids and publication times by document number."""

    def __init__(self, searcher):
        reader = searcher.reader()
        self.size = reader.doc_count_all()
        self.live = np.zeros(self.size, dtype=bool)
        self.live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
        self.facets = {facet.name: self._values(reader, facet.field) for facet in FACETS}
        self.published = np.zeros(self.size, dtype=np.int64)
        # Each document's story cluster (search collapses on it); a document without one is a story of its own,
        # given a key no cluster has (minus its document number, minus one).
        self.cluster = -np.arange(1, self.size + 1, dtype=np.int64)
        lengths = np.zeros(self.size, dtype=np.float32)
        if self.size:  # an empty index has no columns
            column = reader.column_reader("published", translate=False)
            # An undated story has no value: Whoosh gives the column's default (None or one past the int64 range).
            values = (column[n] for n in range(self.size))
            self.published = np.fromiter((value if value and value < _UNSET else 0 for value in values),
                                         dtype=np.int64, count=self.size)
            if reader.has_column("cluster"):
                column = reader.column_reader("cluster")
                clusters = np.fromiter((column[n] or 0 for n in range(self.size)), dtype=np.int64, count=self.size)
                self.cluster = np.where(clusters > 0, clusters, self.cluster)
            lengths = np.fromiter((reader.doc_field_length(n, "content", 0) for n in range(self.size)),
                                  dtype=np.float32, count=self.size)
        self.matcher = Matcher(reader, PostingCache(reader), lengths, self.live)
        self._reader = reader

    @cached_property
    def ids(self) -> np.ndarray:
        """Return each document's article id (0 for a deleted document), read once per searcher on first use.

        Only an export needs every match's id: one pass over the stored fields takes 40 ms at 10k documents, against
        75 ms for ``stored_fields`` per document, and every later export of the same index version takes none.
        Callers hold the engine's search lock (a reader is not shared between threads)."""
        ids = np.zeros(self.size, dtype=np.int64)
        for docnum, stored in self._reader.iter_docs():
            ids[docnum] = int(stored["id"])
        return ids

    @staticmethod
    def _values(reader, fieldname: str) -> FacetValues:
        names, docs, values = [], [], []
        for number, term in enumerate(reader.field_terms(fieldname)):
            ids, _weights = posting_arrays(reader, fieldname, term)
            names.append(term)
            docs.append(ids)
            values.append(np.full(len(ids), number, dtype=np.int64))
        if not names:
            return FacetValues([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        return FacetValues(names, np.concatenate(docs), np.concatenate(values))

    def counts(self, base: np.ndarray, masks: dict[str, np.ndarray], selected: dict[str, list[str]],
               conjunctive: frozenset[str] = frozenset()) -> dict[str, list[FacetCount]]:
        """Return each facet's counts over ``base`` narrowed by every other facet's selection (``masks``), and by its
        own too if it is ``conjunctive`` (``match=all``); a selected value the matches lack is listed with 0, so the
        reader can still take it away."""
        facets: dict[str, list[FacetCount]] = {}
        for facet in FACETS:
            name = facet.name
            counting = base.copy()
            for other, mask in masks.items():
                if other != name or name in conjunctive:
                    counting &= mask
            values = self.facets[name]
            counts = values.counts(counting) if len(values.names) else np.zeros(0, dtype=np.int64)
            chosen = set(selected[name])
            facets[name] = [
                FacetCount(value=values.names[number], count=int(counts[number]),
                           selected=values.names[number] in chosen)
                for number in np.flatnonzero(counts)
            ] + [FacetCount(value=value, count=0, selected=True) for value in chosen if value not in values.index or
                 not counts[values.index[value]]]
        return facets


_arrays: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_arrays_lock = threading.Lock()


def facet_arrays(searcher) -> FacetArrays:
    """Return the searcher's arrays, built on its first search (and dropped with the searcher)."""
    with _arrays_lock:
        arrays = _arrays.get(searcher)
        if arrays is None:
            arrays = _arrays[searcher] = FacetArrays(searcher)
        return arrays


__all__ = ["FacetArrays", "FacetCount", "FacetValues", "facet_arrays"]
