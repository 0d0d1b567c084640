"""Per-segment arrays: each Whoosh segment's publication times, clusters, text lengths and facet (document, value)
pairs, built once per segment and kept in the process.

A Whoosh segment never changes once written; a save adds a small segment (and marks the article's old document
deleted in its segment's deletion set, which these arrays leave to the searcher's live mask). So a searcher opened
after a save builds the arrays of the new segment only and concatenates the rest (facets.FacetArrays): at 100k
articles building every array took 0.5-0.74 s per searcher, under the search lock. A process started later loads
them from a file saved next to the segment. No Django here.
"""

from __future__ import annotations

import logging
import os
import threading
import zipfile
from itertools import count
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.util.numeric import byte_to_length

from .matching import segment_postings
from .registry import FACETS

logger = logging.getLogger(__name__)

# A segment's arrays are saved next to its files under its own name (Whoosh's segment file pattern), so that a new
# process loads them instead of building them (a cold worker's first search) and Whoosh's clean_files removes them
# with their segment. Raise the format when what is saved changes: files of another format are built again.
ARRAYS_SUFFIX = ".arsip_arrays.npz"
ARRAYS_FORMAT = 1
# A segment this small is built faster (about 25 µs per document) than its file is written (10 ms, measured at 10k):
# a save's new segment is not saved, a rebuild's and a merge's are.
SAVED_FROM_DOCUMENTS = 1000
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

    def __init__(self, size: int, published: np.ndarray, cluster: np.ndarray, lengths: np.ndarray,
                 facets: dict[str, SegmentFacet]):
        self.size = size
        self.published = published
        self.cluster = cluster
        self.lengths = lengths
        self.facets = facets
        self.build = next(_builds)
        self._ids: np.ndarray | None = None
        self._ids_lock = threading.Lock()

    @classmethod
    def read(cls, leaf) -> SegmentArrays:
        """Build the arrays from a segment's columns and postings."""
        size = leaf.doc_count_all()
        cluster = _numbers(leaf, "cluster", size) if leaf.has_column("cluster") else np.zeros(size, dtype=np.int64)
        return cls(size, _published(leaf, size), cluster, _lengths(leaf, "content", size),
                   {facet.name: _facet(leaf, facet.field) for facet in FACETS})

    @classmethod
    def load(cls, path: Path, size: int) -> SegmentArrays | None:
        """Return the arrays saved in ``path``, or None when there are none (or they are not of this code's format)."""
        try:
            with np.load(path, allow_pickle=False) as saved:
                if int(saved["format"]) != ARRAYS_FORMAT or int(saved["size"]) != size:
                    return None
                facets = {facet.name: SegmentFacet(*(saved[f"{facet.name}.{part}"] for part in _FACET_PARTS))
                          for facet in FACETS}
                return cls(size, saved["published"], saved["cluster"], saved["lengths"], facets)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            return None

    def save(self, path: Path) -> None:
        """Write the arrays next to their segment, for the next process; a directory it cannot write is no error."""
        arrays = {"format": np.array(ARRAYS_FORMAT), "size": np.array(self.size), "published": self.published,
                  "cluster": self.cluster, "lengths": self.lengths}
        for name, facet in self.facets.items():
            arrays.update({f"{name}.{part}": getattr(facet, part) for part in _FACET_PARTS})
        # A name Whoosh's cleaner skips (a leading dot) until it is whole, then the segment's own name.
        partial = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}")
        try:
            with open(partial, "wb") as file:
                np.savez(file, **arrays)
            os.replace(partial, path)
        except OSError:
            logger.debug("Cannot save the arrays of segment %s", path, exc_info=True)
            partial.unlink(missing_ok=True)

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


_FACET_PARTS = ("names", "docs", "values")
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
    """Return the arrays of ``leaf``'s segment: kept in the process, else saved by an earlier process, else built
    (and saved)."""
    key = segment_key(folder, leaf)
    with _segments_lock:
        found = _segments.get(key)
    if found is None:
        path = Path(folder) / f"{key[1]}{ARRAYS_SUFFIX}"
        saved = folder and leaf.doc_count_all() >= SAVED_FROM_DOCUMENTS
        found = SegmentArrays.load(path, leaf.doc_count_all()) if saved else None
        if found is None:
            found = SegmentArrays.read(leaf)
            if saved:
                found.save(path)
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
