"""Per-segment arrays: each Whoosh segment's publication times, clusters, text lengths and facet (document, value)
pairs, built once per segment and kept in the process.

A Whoosh segment never changes once written; a save adds a small segment (and marks the article's old document
deleted in its segment's deletion set, which these arrays leave to the searcher's live mask). So a searcher opened
after a save builds the arrays of the new segment only and concatenates the rest (facets.FacetArrays): at 100k
articles building every array took 0.5-0.74 s per searcher, under the search lock. No Django here.
"""

from __future__ import annotations

import threading
from itertools import count

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from .matching import segment_postings
from .registry import FACETS

# Whoosh's raw column value for "no date" is the column default: None, 0 or one past the int64 range.
_UNSET = 2**63


class SegmentFacet:
    """One facet over one segment: its value names (sorted, as Whoosh lists terms) and (document, value) pairs with
    document numbers local to the segment."""

    def __init__(self, names: np.ndarray, docs: np.ndarray, values: np.ndarray):
        self.names = names
        self.docs = docs
        self.values = values


class SegmentArrays:
    """The arrays of one segment, deleted documents included (the searcher's live mask leaves them out)."""

    def __init__(self, leaf):
        self.size = leaf.doc_count_all()
        self.published = _published(leaf, self.size)
        self.cluster = _numbers(leaf, "cluster", self.size) if leaf.has_column("cluster") else np.zeros(
            self.size, dtype=np.int64)
        self.lengths = _lengths(leaf, "content", self.size)
        self.facets = {facet.name: _facet(leaf, facet.field) for facet in FACETS}
        self.build = next(_builds)
        self._ids: np.ndarray | None = None
        self._ids_lock = threading.Lock()

    def ids(self, leaf) -> np.ndarray:
        """Return each document's article id (0 for one deleted when first asked), read on first use.

        A segment's deletions only grow, so ids read before a deletion still serve: the live mask hides the rest."""
        with self._ids_lock:
            if self._ids is None:
                ids = np.zeros(self.size, dtype=np.int64)
                for docnum, stored in leaf.iter_docs():
                    ids[docnum] = int(stored["id"])
                self._ids = ids
            return self._ids

    @property
    def nbytes(self) -> int:
        facets = sum(f.names.nbytes + f.docs.nbytes + f.values.nbytes for f in self.facets.values())
        return self.published.nbytes + self.cluster.nbytes + self.lengths.nbytes + facets


_builds = count(1)


def _column_array(column, size: int) -> np.ndarray | None:
    """Return a numeric column's raw values in one read of its bytes (a Whoosh NumericColumn is fixed-width, big-endian,
    with the documents past its end at the default); None for another kind of column.

    One Python call per document (``column[n]``) took about 1 µs each, 0.1 s per column at 100k documents."""
    typecode = getattr(column, "_typecode", None)
    if typecode is None or not hasattr(column, "_dbfile") or typecode not in "bBhHiIlLqQ":
        return None
    dtype = np.dtype(">" + typecode)
    stored = min(column._count, size)
    raw = column._dbfile.get(column._basepos, stored * dtype.itemsize) if stored else b""
    values = np.full(size, column._default or 0, dtype=dtype.newbyteorder("="))
    values[:stored] = np.frombuffer(raw, dtype=dtype, count=stored)
    return values


def _published(leaf, size: int) -> np.ndarray:
    if not size:
        return np.zeros(0, dtype=np.int64)
    column = leaf.column_reader("published", translate=False)
    values = _column_array(column, size)
    if values is None:  # not a numeric column: read it one document at a time
        return np.fromiter((v if v and v < _UNSET else 0 for v in (column[n] for n in range(size))),
                           dtype=np.int64, count=size)
    values = values.astype(np.uint64)
    return np.where((values > 0) & (values < _UNSET), values, 0).astype(np.int64)


def _numbers(leaf, fieldname: str, size: int) -> np.ndarray:
    """Return a NUMERIC column's values as int64 (0 for a document without one, or one past the int64 range).

    An unsigned 64-bit NUMERIC column stores its numbers as they are (the raw read equals Whoosh's translated one; the
    tests compare them), so the raw bytes serve; another kind of column is read one document at a time."""
    values = _column_array(leaf.column_reader(fieldname, translate=False), size) if size else None
    if values is not None and values.dtype == np.uint64:
        return np.where(values < _UNSET, values, 0).astype(np.int64)
    column = leaf.column_reader(fieldname)
    return np.fromiter((column[n] or 0 for n in range(size)), dtype=np.int64, count=size)


def _lengths(leaf, fieldname: str, size: int) -> np.ndarray:
    """Return each document's length of ``fieldname`` (Whoosh stores it as one byte, decoded by a table of 256)."""
    if not size:
        return np.zeros(0, dtype=np.float32)
    # Whoosh keeps lengths in a per-document column of its own (whoosh3's W3PerDocReader), not a schema field.
    column = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    codes = _column_array(column, size) if column is not None else None
    if codes is None:
        return np.fromiter((leaf.doc_field_length(n, fieldname, 0) or 0 for n in range(size)),
                           dtype=np.float32, count=size)
    table = np.array([0] + [byte_to_length(code) for code in range(1, 256)], dtype=np.float32)
    return table[codes.astype(np.intp)]


def _facet(leaf, fieldname: str) -> SegmentFacet:
    names, docs, values = [], [], []
    for number, term in enumerate(leaf.field_terms(fieldname)):
        ids, _weights = segment_postings(leaf, fieldname, term)
        names.append(term)
        docs.append(ids)
        values.append(np.full(len(ids), number, dtype=np.int32))
    if not names:
        return SegmentFacet(np.zeros(0, dtype=str), np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int32))
    return SegmentFacet(np.array(names, dtype=str), np.concatenate(docs).astype(np.int32), np.concatenate(values))


# Built segments of the current index, by (index directory, segment id): a segment id names one segment for good.
# Only the segments of the last searcher built are kept (facets.facet_arrays): a segment merged away or a generation
# a rebuild replaced is dropped with the next searcher, so this holds one index's arrays (about 20 bytes per document
# plus 8 per facet value a document has).
_segments: dict[tuple[str, str], SegmentArrays] = {}
_segments_lock = threading.Lock()


def segment_key(folder: str, leaf) -> tuple[str, str]:
    return folder, leaf.segment().segment_id()


def segment_arrays(folder: str, leaf) -> SegmentArrays:
    """Return the arrays of ``leaf``'s segment, built on first use."""
    key = segment_key(folder, leaf)
    with _segments_lock:
        found = _segments.get(key)
    if found is None:
        found = SegmentArrays(leaf)
        with _segments_lock:
            found = _segments.setdefault(key, found)
    return found


def segments_retain(keys: set[tuple[str, str]]) -> None:
    """Drop every kept segment but these (the segments of the searcher just built)."""
    with _segments_lock:
        for key in [key for key in _segments if key not in keys]:
            del _segments[key]


def live_mask(leaf) -> np.ndarray:
    """Return which of a segment's documents are not deleted, from its deletion set (no pass over the documents)."""
    live = np.ones(leaf.doc_count_all(), dtype=bool)
    segment = leaf.segment()
    if segment is not None and segment.has_deletions():
        live[np.fromiter(segment.deleted_docs(), dtype=np.int64)] = False
    return live


__all__ = ["SegmentArrays", "SegmentFacet", "live_mask", "segment_arrays", "segment_key", "segments_retain"]
