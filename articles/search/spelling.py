"""Near words of the index, found in milliseconds: a trigram index of each segment's exact words, built once.

Whoosh's corrector walks the exact field's whole term list with a Levenshtein automaton: 5-7 s a word at 400k
distinct words (issue 17). Here each segment's words get a trigram index instead, and a word's neighbours are the
words sharing enough of its trigrams, checked with the real edit distance. It is exact, not a heuristic: one edit
changes at most four of a word's trigrams (a swap of neighbours; a substitution three), so a word within two edits
shares all but eight of them (the q-gram lemma, Ukkonen 1992); words too short for that bound are found through their
first letter and length alone.

Why trigrams and not a symmetric-delete index: deletes of up to one letter of each word and up to two of the query
miss two substitutions ("abcd" and "axyd" share no such delete), and deletes of two letters of each word make about
50 keys a word, 20M at 400k words; trigrams make about 12.

Segments never change once written, so a segment's index is written next to it (``spelling-v1-<segment id>/`` in the
generation directory, as ``.npy`` files a worker maps instead of reading) and kept in the process by segment id: a
save adds a small segment whose index takes milliseconds on first need, and every searcher after it reuses the big
ones. A build's writers make each segment's as they write it (``prepare_segment``), and ``prepare(ix)`` any still
missing after a rebuild's commit, so no reader waits for one.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA
from whoosh.codec.whoosh3 import W3TermsReader

logger = logging.getLogger(__name__)

FIELD = "exact"
VERSION = 1
PREFIX = f"spelling-v{VERSION}-"
# Edits a near word may be away. Each costs up to four trigrams (GRAMS_PER_EDIT): the exactness bound above.
MAX_DISTANCE = 2
GRAMS_PER_EDIT = 4
# A key packs a trigram and the word's length (6 bits): longer words are left out, none is within two edits of a
# word a reader types (suggest.MAX_CHARS is 24).
LENGTH_BITS = 6
MAX_LENGTH = (1 << LENGTH_BITS) - 1
# Three letters of the segment's alphabet must fit in 64 bits with the length; a segment with more distinct letters
# than this (there are 1.1M code points) shares the last number among the rarest ones, which only adds candidates.
MAX_ALPHABET = 1 << 19
# At most this many words are checked for one query word, the most frequent first (word ids go by frequency): a
# three-letter word's neighbours are all short words of its first letter, thousands in a large vocabulary.
MAX_CANDIDATES = 4000
# Segment indexes kept per process: an index serves a few generations of a few segments each.
CACHE_SIZE = 32
START, END = "\x02", "\x03"
# Where W3TermInfo keeps a term's document frequency in its stored bytes: after a flag byte and a float weight.
_DOC_FREQ_AT = 1 + 4
_ARRAYS = ("text", "offsets", "freqs", "keys", "starts", "ids", "alphabet")


@dataclass
class Near:
    """A word of a segment within ``MAX_DISTANCE`` edits of the word asked about."""

    word: str
    distance: int
    doc_frequency: int


@dataclass
class Lookup:
    """What a lookup found and how much it examined (a bound the tests check)."""

    near: list[Near]
    examined: int


class SegmentWords:
    """The exact words of one segment, by falling frequency, and their trigram index.

    ``text``/``offsets``: the words joined, word ``i`` is ``text[offsets[i]:offsets[i + 1]]`` (one string, not 400k);
    ``freqs``: document frequencies; ``keys`` (sorted, unique), ``starts`` and ``ids``: the words having the trigram
    and length of ``keys[k]`` are ``ids[starts[k]:starts[k + 1]]``, ascending; ``alphabet``: the code points the
    trigrams are numbered by.
    """

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.text = arrays["text"].tobytes().decode("utf-8")
        self.offsets, self.freqs = arrays["offsets"], arrays["freqs"]
        self.keys, self.starts, self.ids = arrays["keys"], arrays["starts"], arrays["ids"]
        self.alphabet = arrays["alphabet"]

    def __len__(self) -> int:
        return len(self.freqs)

    def word(self, i: int) -> str:
        return self.text[self.offsets[i]:self.offsets[i + 1]]

    def near(self, word: str, *, distance: int = MAX_DISTANCE, limit: int = MAX_CANDIDATES) -> Lookup:
        """Return the words within ``distance`` edits of ``word`` that begin with its letter (readers rarely
        mistype the first; suggest keeps it), at most ``limit`` of them examined.

        A swap of neighbours is one edit, as in ``suggest.edit_distance`` (optimal string alignment).
        """
        if not word or len(word) > MAX_LENGTH - distance or not len(self):
            return Lookup([], 0)
        low = max(1, len(word) - distance)
        high = len(word) + distance
        grams = self._grams(word)
        if grams[0] is None:  # its first letter is in no word of the segment
            return Lookup([], 0)
        postings = self._postings([g for g in grams if g is not None], low, high)
        candidates = postings[0]
        # The first trigram is shared by every candidate: the others must make up the rest of the bound.
        needed = len(grams) - 1 - GRAMS_PER_EDIT * distance
        if needed > 0 and len(postings) > 1:
            counts = np.bincount(np.concatenate(postings[1:]), minlength=len(self))
            candidates = candidates[counts[candidates] >= needed]
        elif needed > 0:
            candidates = candidates[:0]
        if len(candidates) > limit:
            candidates = np.sort(candidates)[:limit]  # ids go by falling frequency
        text = self.text
        words = [text[a:b] for a, b in zip(self.offsets[candidates].tolist(), self.offsets[candidates + 1].tolist(),
                                            strict=True)]
        found = process.extract(word, words, scorer=OSA.distance, score_cutoff=distance, limit=None)
        return Lookup([Near(w, int(d), int(self.freqs[candidates[i]])) for w, d, i in found], len(words))

    def _grams(self, word: str) -> list[int | None]:
        """Return the distinct trigrams of the padded word as numbers (None: a letter the segment lacks), the first
        (two pads and the first letter) first."""
        padded = START * 2 + word + END * 2
        codes = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32)
        at = np.searchsorted(self.alphabet, codes)
        known = (at < len(self.alphabet)) & (self.alphabet[np.minimum(at, len(self.alphabet) - 1)] == codes)
        letters = np.minimum(at, MAX_ALPHABET - 1).astype(np.uint64)
        size = np.uint64(len(self.alphabet))
        grams, seen = [], set()
        for j in range(len(padded) - 2):
            if padded[j:j + 3] in seen:  # distinct by their letters: an unknown trigram repeated counts once
                continue
            seen.add(padded[j:j + 3])
            grams.append((int(letters[j]) * int(size) + int(letters[j + 1])) * int(size) + int(letters[j + 2])
                         if known[j] and known[j + 1] and known[j + 2] else None)
        return grams

    def _postings(self, grams: list[int], low: int, high: int) -> list[np.ndarray]:
        """Return for each trigram the ids of the words of length ``low..high`` having it (a run per length)."""
        keys = np.array(grams, dtype=np.uint64) << np.uint64(LENGTH_BITS)
        first = np.searchsorted(self.keys, keys | np.uint64(low), side="left")
        last = np.searchsorted(self.keys, keys | np.uint64(high), side="right")
        return [self.ids[self.starts[lo]:self.starts[hi]] for lo, hi in zip(first.tolist(), last.tolist(), strict=True)]


def build(words: list[str], freqs: list[int] | np.ndarray) -> dict[str, np.ndarray]:
    """Return the arrays of a ``SegmentWords`` for these words and document frequencies."""
    lengths = np.fromiter((len(w) for w in words), dtype=np.int64, count=len(words))
    kept = np.flatnonzero((lengths > 0) & (lengths <= MAX_LENGTH))
    # By falling frequency; ties keep the given order (a segment's terms come sorted).
    order = kept[np.argsort(-np.asarray(freqs, dtype=np.int64)[kept], kind="stable")]
    words = [words[i] for i in order.tolist()]
    freqs = np.asarray(freqs, dtype=np.int64)[order].astype(np.uint32)
    lengths = lengths[order]
    offsets = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    text = np.frombuffer("".join(words).encode("utf-8"), dtype=np.uint8)
    padded = np.frombuffer("".join(START * 2 + w + END * 2 for w in words).encode("utf-32-le"), dtype=np.uint32)
    alphabet = np.unique(padded)
    letters = np.minimum(np.searchsorted(alphabet, padded), MAX_ALPHABET - 1).astype(np.uint64)
    size = np.uint64(len(alphabet))
    grams = (letters[:-2] * size + letters[1:-1]) * size + letters[2:] if len(letters) > 2 else letters[:0]
    # Each padded word (length + 4) has length + 2 trigrams, starting at its first position.
    word_of = np.repeat(np.arange(len(words), dtype=np.uint32), lengths + 4)[:len(grams)]
    starts_of = np.repeat(offsets[:-1] + 4 * np.arange(len(words)), lengths + 4)[:len(grams)]
    position = np.arange(len(grams)) - starts_of
    valid = position <= lengths[word_of] + 1
    keys = (grams[valid] << np.uint64(LENGTH_BITS)) | lengths[word_of[valid]].astype(np.uint64)
    ids = word_of[valid]
    order = np.lexsort((ids, keys))
    keys, ids = keys[order], ids[order]
    fresh = np.ones(len(keys), dtype=bool)
    fresh[1:] = (keys[1:] != keys[:-1]) | (ids[1:] != ids[:-1])
    keys, ids = keys[fresh], ids[fresh]
    unique_keys, starts = np.unique(keys, return_index=True)
    starts = np.append(starts, len(keys)).astype(np.int64)
    return {"text": text, "offsets": offsets, "freqs": freqs, "keys": unique_keys, "starts": starts, "ids": ids,
            "alphabet": alphabet}


def segment_terms(leaf) -> tuple[list[str], list[int]]:
    """Return a segment reader's exact words and their document frequencies (deleted documents included), in order.

    Whoosh's ``iter_field`` unpickles each term's inlined postings to give its document frequency: 18 µs a term, 7 s
    at 400k. The whoosh3 codec's term table stores the frequency at a fixed place in each value (``W3TermInfo``:
    flags, weight, then the frequency as a big-endian unsigned int), so that is read instead; any other codec goes
    through ``iter_field``.
    """
    if FIELD not in leaf.schema:
        return [], []
    terms = getattr(leaf, "_terms", None)
    table = getattr(terms, "_tindex", None)
    if not (isinstance(terms, W3TermsReader) and table is not None):
        pairs = [(text, info.doc_frequency()) for text, info in leaf.iter_field(FIELD)]
        return [text.decode("utf-8") if isinstance(text, bytes) else text for text, _ in pairs], [f for _, f in pairs]
    prefix = terms._keycoder(FIELD, b"")
    words, freqs = [], []
    for key, value in table.items_from(prefix):
        if not key.startswith(prefix):
            break
        words.append(key[len(prefix):].decode("utf-8"))
        freqs.append(int.from_bytes(value[_DOC_FREQ_AT:_DOC_FREQ_AT + 4], "big"))
    return words, freqs


def write(folder: Path, segment_id: str, arrays: dict[str, np.ndarray]) -> Path:
    """Write a segment's arrays into ``folder`` as ``spelling-v1-<segment id>/``: into a directory aside, renamed in
    one step, so a reader finds all of it or nothing. Another process that wrote it first wins."""
    path = folder / f"{PREFIX}{segment_id}"
    aside = Path(tempfile.mkdtemp(prefix=f".{PREFIX}", dir=folder))
    try:
        for name in _ARRAYS:
            np.save(aside / f"{name}.npy", arrays[name])
        os.replace(aside, path)
    except OSError:
        if not path.is_dir():
            raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    return path


def read(path: Path) -> SegmentWords:
    """Return a written segment index, its arrays mapped from the files (shared by the processes of a machine)."""
    return SegmentWords({name: np.load(path / f"{name}.npy", mmap_mode="r") for name in _ARRAYS})


_cache: OrderedDict[tuple[str, str], SegmentWords] = OrderedDict()
_cache_lock = threading.Lock()


def _folder(leaf) -> Path | None:
    """Return the directory of a segment reader's index (a compound segment's storage lays its file over it), or None
    for an index in memory."""
    storage = leaf._storage
    storage = getattr(storage, "b", storage)  # OverlayStorage(compound file, index directory)
    folder = getattr(storage, "folder", None)
    return Path(folder) if folder else None


def segment_words(leaf) -> SegmentWords:
    """Return the index of a segment reader's words: kept in the process, else read from its file, else built (and
    written for the next process)."""
    segment_id = leaf.segment().segment_id()
    folder = _folder(leaf)
    key = (str(folder), segment_id)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    path = folder / f"{PREFIX}{segment_id}" if folder else None
    words = None
    if path and path.is_dir():
        try:
            words = read(path)
        except (OSError, ValueError, EOFError) as error:  # a damaged file (a crash before the disk had it): anew
            logger.warning("Spelling index %s cannot be read (%s): building it again", path, error)
            shutil.rmtree(path, ignore_errors=True)
    if words is None:
        arrays = build(*segment_terms(leaf))
        if folder:
            try:
                words = read(write(folder, segment_id, arrays))
            except OSError as error:  # a read-only or removed generation: still answer, from memory
                logger.warning("Spelling index of segment %s not written in %s: %s", segment_id, folder, error)
                words = SegmentWords(arrays)
            else:
                _remove_stale(leaf, folder)
        else:
            words = SegmentWords(arrays)
    with _cache_lock:
        _cache[key] = words
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return words


def _remove_stale(leaf, folder: Path) -> None:
    """Remove the spelling indexes of segments that the index's latest commit no longer has (a merge removed them);
    a process still using one keeps its mapped copy. Nothing is removed when that commit cannot be read."""
    from whoosh.index import TOC

    try:
        toc = TOC.read(getattr(leaf._storage, "b", leaf._storage), leaf.segment().index_name())
    except Exception as error:  # noqa: BLE001 -- any unreadable table of contents: keep every file
        logger.warning("Spelling indexes in %s not cleaned: %s", folder, error)
        return
    keep = {f"{PREFIX}{segment.segment_id()}" for segment in toc.segments} | {f"{PREFIX}{leaf.segment().segment_id()}"}
    for path in folder.glob(f"{PREFIX}*"):
        if path.name not in keep:
            shutil.rmtree(path, ignore_errors=True)


def _segment_leaves(reader) -> list:
    """Return a reader's segment readers: none for an empty index (Whoosh gives it one leaf without a segment)."""
    return [leaf for leaf, _base in reader.leaf_readers() if leaf.segment() is not None]


def prepare(ix) -> int:
    """Build and write the spelling index of each segment of ``ix`` that lacks one (after a rebuild's commit, so that
    no reader builds them); return how many segments it has."""
    with ix.reader() as reader:
        leaves = _segment_leaves(reader)
        for leaf in leaves:
            segment_words(leaf)
        return len(leaves)


def prepare_segment(storage, schema, segment, terms: tuple[list[str], list[int]] | None = None) -> Path | None:
    """Build and write the spelling index of a segment a build has just written, before the index lists it: each of
    a build's writer processes prepares its own segments while the others still write, not one process all of them
    after the commit (about 2 CPU-s a segment of 6k articles, 40 s at 100k articles). ``terms`` are the segment's
    words and document frequencies as segment_terms gives them, when the writer kept them (BulkSegmentWriter's
    words_of): the segment's term table is then not read back. Return where it was written, or None for an index in
    memory."""
    from whoosh.reading import SegmentReader

    folder = getattr(storage, "folder", None)
    if not folder:
        return None
    if terms is None:
        leaf = SegmentReader(storage, schema, segment)
        try:
            terms = segment_terms(leaf)
        finally:
            leaf.close()
    arrays = build(*terms)
    return write(Path(folder), segment.segment_id(), arrays)


def warm(reader) -> int:
    """Map the spelling index of each of a reader's segments (building those that lack one); return how many."""
    leaves = _segment_leaves(reader)
    for leaf in leaves:
        segment_words(leaf)
    return len(leaves)


def near_words(reader, word: str, *, limit: int = MAX_CANDIDATES) -> dict[str, tuple[int, int]]:
    """Return the words of a reader's segments nearest ``word`` as {word: (distance, document frequency)}, frequencies
    summed over the segments (deleted documents counted, as Whoosh does).

    Words one edit away are looked for first, and two edits away only when there are none: one edit leaves all but
    four trigrams, a filter that lets far fewer words through, so ``limit`` (the most frequent first) seldom cuts it
    short and a rare word one edit away is not lost among the many short words of its letter two edits away.
    """
    found: dict[str, tuple[int, int]] = {}
    leaves = [segment_words(leaf) for leaf in _segment_leaves(reader)]
    for distance in range(1, MAX_DISTANCE + 1):
        for words in leaves:
            for near in words.near(word, distance=distance, limit=limit).near:
                _distance, frequency = found.get(near.word, (near.distance, 0))
                found[near.word] = (near.distance, frequency + near.doc_frequency)
        if found:
            break
    return found
