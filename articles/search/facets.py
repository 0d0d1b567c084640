"""Facet arrays: per searcher, each document's outlet, year, month, people and countries as numpy arrays, and the
disjunctive counts over a query's matches.

Whoosh's ``groupedby`` reads each hit's values (about 2 s per query at 100k documents), so instead each searcher
keeps, per document number, the ids of its facet values (built once per segment, segments.py), and a query's matches
become a boolean mask. Counting a facet is then one ``bincount`` over the mask.

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

from .matching import Matcher, PostingCache, postings_store
from .registry import FACETS
from .segments import SegmentFacet, live_mask, segment_arrays, segment_key, segments_retain


@dataclass
class FacetCount:
    value: str
    count: int
    selected: bool


class FacetValues:
    """One facet's values: document number -> value ids, as flat (doc, value) pairs, and the value names."""

    def __init__(self, names: list[str], docs: np.ndarray, values: np.ndarray):
        self.names = names
        self.docs = docs
        self.values = values

    @cached_property
    def index(self) -> dict[str, int]:
        return {name: number for number, name in enumerate(self.names)}

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
        by_document = self._by_document
        if by_document is not None:
            return np.bincount(by_document[mask[:len(by_document)]], minlength=len(self.names) + 1)[:len(self.names)]
        return np.bincount(self.values[mask[self.docs]], minlength=len(self.names))

    @cached_property
    def _by_document(self) -> np.ndarray | None:
        """Return each document's value id (``len(names)`` for a document without one) when no document has two (the
        outlet, the year, the month), else None. Counting such a facet then reads one id per matching document rather
        than gathering the mask at every pair: at 100k documents, 0.9 ms rather than 1.1 with half of them matching,
        0.3 rather than 0.4 with a tenth (4 bytes a document, built on the first count; 4 MB at 1M)."""
        if not len(self.docs):
            return None
        by_document = np.full(int(self.docs.max()) + 1, len(self.names), dtype=np.int32)
        by_document[self.docs] = self.values
        return by_document if np.count_nonzero(by_document < len(self.names)) == len(self.docs) else None

    @classmethod
    def joined(cls, parts: list[tuple[SegmentFacet, int]]) -> FacetValues:
        """Join one facet's per-segment pairs at their segments' first document numbers, the segments' value names
        mapped into one sorted table (numpy's sort of str arrays is by code point, as Whoosh's term order)."""
        if not parts:
            return cls([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        if len(parts) == 1:
            names, inverse = parts[0][0].names, np.arange(len(parts[0][0].names))
        else:
            names, inverse = np.unique(np.concatenate([part.names for part, _base in parts]), return_inverse=True)
        docs, values, start = [], [], 0
        for part, base in parts:
            docs.append(part.docs.astype(np.int64) + base)
            values.append(inverse[start:start + len(part.names)].astype(np.int64)[part.values])
            start += len(part.names)
        return cls(names.tolist(), np.concatenate(docs), np.concatenate(values))

    def appended(self, parts: list[tuple[SegmentFacet, int]], kept_pairs: int | None = None) -> FacetValues:
        """Return these values cut to their first ``kept_pairs`` pairs (those of the segments kept; all by default),
        with more segments' pairs joined after them (at their first document numbers): the same names, pairs and
        value ids as ``joined`` over the kept segments and the new ones, without sorting the whole name table again.

        A save adds one small segment whose values are nearly always known already (an outlet, a year, people named
        before): then the names and their ids stay, and only the new pairs are mapped. A merge of the small segments
        drops the last pairs and adds the merged segment's. A name no kept pair has is dropped (every name of a
        segment has a pair in it), a new one placed in the sorted table, and the old ids renumbered (one gather)."""
        docs, values, names, index = self.docs, self.values, self.names, self.index
        if kept_pairs is not None and kept_pairs < len(docs):
            docs, values = docs[:kept_pairs], values[:kept_pairs]
            used = np.bincount(values, minlength=len(names)).astype(bool)
            if not used.all():
                names = [name for name, kept in zip(names, used.tolist(), strict=True) if kept]
                index = {name: number for number, name in enumerate(names)}
                values = (np.cumsum(used) - 1)[values]
        if not parts and names is self.names and len(docs) == len(self.docs):
            return self
        missing = sorted({name for part, _base in parts for name in part.names.tolist() if name not in index})
        if missing:
            old_names = names
            names = sorted(old_names + missing)  # Python's str order is numpy's: by code point
            index = {name: number for number, name in enumerate(names)}
            values = np.array([index[name] for name in old_names], dtype=np.int64)[values]
        docs, values = [docs], [values]
        for part, base in parts:
            mapped = np.array([index[name] for name in part.names.tolist()], dtype=np.int64)
            docs.append(part.docs.astype(np.int64) + base)
            values.append(mapped[part.values])
        grown = FacetValues(names, np.concatenate(docs), np.concatenate(values))
        grown.__dict__["index"] = index  # the cached_property, already made
        return grown


class FacetArrays:
    """Per-searcher arrays of facet value ids and publication times by document number, joined from the arrays of
    its segments (segments.py): a searcher opened after a save builds only its new segment's."""

    def __init__(self, searcher, previous: _Joined | None = None):
        reader = searcher.reader()
        folder = str(searcher._ix.storage.folder) if searcher._ix is not None else ""
        leaves = [(leaf, base) for leaf, base in reader.leaf_readers() if leaf.doc_count_all()]
        keys = [segment_key(folder, leaf) for leaf, _base in leaves]
        self.parts = [segment_arrays(folder, leaf) for leaf, _base in leaves]
        segments_retain(set(keys))
        postings_store.retain(set(keys))
        self.size = reader.doc_count_all()
        self.live = _joined([live_mask(leaf) for leaf, _base in leaves], bool)
        bases = [base for _leaf, base in leaves]
        kept = previous.kept_by(keys, bases, self.size) if previous is not None else None
        if kept is None:  # the first searcher, or a rebuild's: join every segment
            self.facets = {facet.name: FacetValues.joined([(part.facets[facet.name], base)
                                                           for part, base in zip(self.parts, bases, strict=True)])
                           for facet in FACETS}
            self.published = _joined([part.published for part in self.parts], np.int64)
            clusters = _joined([part.cluster for part in self.parts], np.int64)
            # Each document's story cluster (search collapses on it); a document without one is a story of its own,
            # given a key no cluster has (minus its document number, minus one).
            self.cluster = np.where(clusters > 0, clusters, -np.arange(1, self.size + 1, dtype=np.int64))
            lengths = _joined([part.lengths for part in self.parts], np.float32)
        else:  # a save or a merge of small segments: the previous searcher's first segments are kept, more follow
            kept_size = bases[kept] if kept < len(keys) else self.size
            added = list(zip(self.parts[kept:], bases[kept:], strict=True))
            self.facets = {facet.name: previous.facets[facet.name].appended(
                [(part.facets[facet.name], base) for part, base in added], previous.pair_ends[facet.name][kept - 1])
                for facet in FACETS}
            self.published = _joined([previous.published[:kept_size]] + [part.published for part in self.parts[kept:]],
                                     np.int64)
            clusters = _joined([part.cluster for part in self.parts[kept:]], np.int64)
            tail = np.where(clusters > 0, clusters, -np.arange(kept_size + 1, self.size + 1, dtype=np.int64))
            self.cluster = np.concatenate([previous.cluster[:kept_size], tail])
            lengths = _joined([previous.lengths[:kept_size]] + [part.lengths for part in self.parts[kept:]],
                              np.float32)
        pair_ends = {name: np.cumsum([len(part.facets[name].docs) for part in self.parts]).tolist()
                     for name in self.facets}
        self.joined = _Joined(keys, bases, self.size, self.facets, self.published, self.cluster, lengths, pair_ends)
        postings = PostingCache([(key, leaf, base) for key, (leaf, base) in zip(keys, leaves, strict=True)])
        self.matcher = Matcher(reader, postings, lengths, self.live)
        self._leaves = leaves

    @cached_property
    def ids(self) -> np.ndarray:
        """Return each document's article id (0 for a deleted document), read once per segment on first use.

        Only an export needs every match's id: one pass over the stored fields takes 40 ms at 10k documents, against
        75 ms for ``stored_fields`` per document, and every later export of the same index version takes none.
        Callers hold the engine's search lock (a reader is not shared between threads)."""
        ids = _joined([part.ids(leaf) for part, (leaf, _base) in zip(self.parts, self._leaves, strict=True)], np.int64)
        return np.where(self.live, ids, 0)

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
            names = values.names
            found = np.flatnonzero(counts)
            # Plain ints (tolist) rather than numpy scalars: a facet of people has hundreds of values to list.
            facets[name] = [
                FacetCount(value=names[number], count=count, selected=names[number] in chosen)
                for number, count in zip(found.tolist(), counts[found].tolist(), strict=True)
            ] + [FacetCount(value=value, count=0, selected=True) for value in chosen if value not in values.index or
                 not counts[values.index[value]]]
        return facets


def _joined(arrays: list[np.ndarray], dtype) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype, copy=False) if arrays else np.zeros(0, dtype=dtype)


class _Joined:
    """What a searcher's arrays joined from its segments, by segment: what the next searcher's arrays start from when
    it reads the same segments and more (a save), so that they join only the new ones. No reader: an old searcher's
    files are not kept open by it."""

    def __init__(self, keys: list, bases: list[int], size: int, facets: dict[str, FacetValues], published: np.ndarray,
                 cluster: np.ndarray, lengths: np.ndarray, pair_ends: dict[str, list[int]]):
        self.keys = keys
        self.bases = bases
        self.size = size
        self.facets = facets
        self.published = published
        self.cluster = cluster
        self.lengths = lengths
        self.pair_ends = pair_ends  # per facet, where each segment's (document, value) pairs end

    def kept_by(self, keys: list, bases: list[int], size: int) -> int | None:
        """Return how many leading segments a searcher of these segments shares with this one, at the same first
        document numbers (a save keeps them all and adds one; a merge of the small segments keeps the large ones);
        None when it shares none (a rebuild's new generation)."""
        kept = 0
        for key, base, old_key, old_base in zip(keys, bases, self.keys, self.bases, strict=False):
            if key != old_key or base != old_base:
                break
            kept += 1
        if not kept:
            return None
        old_size = self.bases[kept] if kept < len(self.keys) else self.size
        new_size = bases[kept] if kept < len(keys) else size
        return kept if old_size == new_size else None


_arrays: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_arrays_lock = threading.Lock()
# The joined arrays of the searcher built last (one index's worth: about 30 bytes per document plus 16 per facet
# value a document has), which the next searcher's start from. Measured at 100k articles: joining every segment
# again took 20-40 ms of the first search after a save.
_latest: _Joined | None = None


def facet_arrays(searcher) -> FacetArrays:
    """Return the searcher's arrays, built on its first search (and dropped with the searcher)."""
    global _latest
    with _arrays_lock:
        arrays = _arrays.get(searcher)
        if arrays is None:
            arrays = _arrays[searcher] = FacetArrays(searcher, _latest)
            _latest = arrays.joined
        return arrays


__all__ = ["FacetArrays", "FacetCount", "FacetValues", "facet_arrays"]
