"""Match and score a parsed query with numpy over posting lists read from the index.

Whoosh's matchers walk postings one document at a time in Python: at 100k articles a common word matches 20k
documents and a faceted search took over a second. Here each term's posting list is read once into numpy arrays
(document numbers and term frequencies), kept per segment in a cache the process's searchers share, and a query
becomes array operations over dense masks and scores, one slot per document. Scoring is BM25 (k1 = 1.2, b = 0.75,
the usual defaults, as in Whoosh's own BM25F) over the article's whole text, plus a bonus when the word is in the title.
"""

from __future__ import annotations

import threading
from bisect import bisect_left
from collections import OrderedDict
from pickle import loads

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.system import _INT_SIZE

from .budget import Work
from .query import And, Entity, Not, Or, Phrase, Prefix, Word
from .registry import BY_KIND
from .terms import exact_of, phrase_pairs, stems_of

K1, B = 1.2, 0.75
# A word in the title counts this many times its idf on top of its BM25 score in the text.
TITLE_BONUS = 2.0
# Phrases are rarer and more specific than their words: their pairs' scores are weighted up.
PHRASE_BOOST = 1.5
# A phrase reads the positions of its words in this many documents between two looks at the clock: about 2 ms of
# decoding, so that a phrase of two words found in every article stops soon after its search's time is up.
CHECK_EVERY = 2048
# Positions are counted on one axis as document * POSITION_SPAN + position: no text has this many words.
POSITION_SPAN = 1 << 32
_BININT1 = ord("K")  # pickle's opcode of an integer under 256, its byte next
# A prefix expands to at most this many words (in index order); "diplom*" has a few dozen.
MAX_PREFIX_TERMS = 200
# All the prefixes of one query share this many words, so thirty prefixes cost what two do.
MAX_PREFIX_TOTAL = 300
# The posting lists kept in a process, in bytes (8 per posting: an int32 document number and a float32 frequency):
# 64 MiB holds about 8M postings. At 100k realistic articles, 32 MiB was too few for a worker's mixed queries: the
# prefixes' and phrases' words pushed the common words out, and a faceted search repeated after them read its lists
# again (bench_search's warm faceted API p95 74 ms; 64 MiB: 32 ms, 46 MiB: 73 ms; worker RSS 325 -> 341 MiB). The
# budget bounds what a prefix of many words adds too (its words are cached like any other, least recently used
# dropped first): a query's extra memory is at most this cache and its two dense arrays (0.5 MB at 100k documents);
# 'men*' at 100k measures +1.9 MiB.
CACHE_BYTES = 64 * 1024 * 1024


class PostingStore:
    """Posting lists by (segment key, field, term), local to their segment, least recently used dropped first.

    One per process, shared by its searchers: a segment never changes, so a searcher opened after a save reads only
    the new segment's postings and finds the rest here (a cache per searcher started empty after every save)."""

    def __init__(self, *, budget: int = CACHE_BYTES):
        self.budget = budget
        self.size = 0
        self.lists: OrderedDict[tuple, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, segment: tuple[str, str], leaf, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        key = (segment, fieldname, term)
        with self.lock:
            found = self.lists.get(key)
            if found is not None:
                self.lists.move_to_end(key)
                return found
        found = segment_postings(leaf, fieldname, term)
        with self.lock:
            if key not in self.lists:
                self.lists[key] = found
                self.size += _nbytes(found)
            while self.size > self.budget and self.lists:
                _, dropped = self.lists.popitem(last=False)
                self.size -= _nbytes(dropped)
        return found

    def retain(self, segments: set[tuple[str, str]]) -> None:
        """Drop the lists of every segment but these (those of the newest searcher: the others were merged away or
        belong to a generation a rebuild replaced)."""
        with self.lock:
            for key in [key for key in self.lists if key[0] not in segments]:
                self.size -= _nbytes(self.lists.pop(key))


# What a kept list costs beyond its postings: the key, the tuple and two numpy array headers (about 112 bytes each);
# a term a segment lacks is kept too (two empty arrays), so a prefix over many segments is bounded by the entries.
ENTRY_BYTES = 400


def _nbytes(found: tuple[np.ndarray, np.ndarray]) -> int:
    return ENTRY_BYTES + found[0].nbytes + found[1].nbytes


postings_store = PostingStore()


class PostingCache:
    """Posting lists of one searcher: each segment's from the process's store, shifted by the segment's first
    document number and joined."""

    def __init__(self, leaves: list[tuple[tuple[str, str], object, int]], store: PostingStore = postings_store):
        self.leaves = leaves  # (segment key, segment reader, first document number)
        self.store = store

    def get(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        return _joined((*self.store.get(key, leaf, fieldname, term), base) for key, leaf, base in self.leaves)

    def values(self, fieldname: str, term: str, docs: np.ndarray, work: Work | None = None) -> list[bytes] | None:
        """Return the encoded values (a positions field's positions) of a term's postings in these documents, in their
        order; None when the search's time ran out first.

        ``docs`` are sorted document numbers that all have the term (a phrase's candidates). Values are not cached:
        they are read for the candidates only, from the blocks that hold them, and the cache keeps numbers and
        frequencies, a tenth of the bytes."""
        values: list[bytes] = []
        bases = [base for _, _, base in self.leaves]
        starts = np.searchsorted(docs, bases + [np.iinfo(np.int64).max])
        for number, (key, leaf, base) in enumerate(self.leaves):
            local = docs[starts[number]:starts[number + 1]] - base
            if not len(local):
                continue
            ids, _ = self.store.get(key, leaf, fieldname, term)
            found = segment_values(leaf, fieldname, term, np.searchsorted(ids, local).tolist(), work)
            if found is None:
                return None
            values.extend(found)
        return values


def segment_postings(leaf, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (document numbers within the segment as int32, term frequencies) of a term in one segment, deleted
    documents included; empty arrays for a term the segment lacks."""
    try:
        matcher = leaf.postings(fieldname, term)
    except TermNotFound:
        return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
    ids, weights = _matcher_arrays(matcher)
    return ids.astype(np.int32), weights


def posting_arrays(reader, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (document numbers, term frequencies) of a term over every segment; empty arrays for an unknown term."""
    return _joined((*segment_postings(leaf, fieldname, term), base) for leaf, base in reader.leaf_readers())


def _joined(parts) -> tuple[np.ndarray, np.ndarray]:
    """Join per-segment (ids, weights, first document number) into one posting list of the whole index."""
    ids_parts, weight_parts = [], []
    for ids, weights, base in parts:
        if len(ids):
            ids_parts.append(ids.astype(np.int64) + base)
            weight_parts.append(weights)
    if not ids_parts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    return np.concatenate(ids_parts), np.concatenate(weight_parts)


def _matcher_arrays(matcher) -> tuple[np.ndarray, np.ndarray]:
    # A segment with deletions wraps its postings in a FilterMatcher; deleted documents are masked out by the caller
    # (the live mask), so the raw postings underneath serve.
    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids:
        return _blocks(matcher)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float32)


def _blocks(matcher: W3LeafMatcher) -> tuple[np.ndarray, np.ndarray]:
    """Decode a posting list a block (up to 128 postings) at a time.

    Whoosh's matcher interface costs a few Python calls per posting (about 0.6 µs each, 15 ms for a common word at
    100k articles); here a block is one unpickle and a numpy cumsum, 3-4 times faster. It reads the block layout of
    whoosh3's W3LeafMatcher (``_data`` = (delta-coded ids, weights, values)); whoosh3 is pinned in requirements.txt
    and the tests compare these arrays with the matcher's own.
    """
    ids, weights = [], []
    while True:
        if matcher._data is None:
            matcher._read_data()
        raw_ids, raw_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids.append(np.cumsum(np.asarray(raw_ids, dtype=np.int64)))
        if raw_weights is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(raw_weights, float):
            weights.append(np.full(count, raw_weights, dtype=np.float32))
        else:
            weights.append(np.asarray(raw_weights, dtype=np.float32))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    return np.concatenate(ids), np.concatenate(weights)


def segment_values(leaf, fieldname: str, term: str, wanted: list[int], work: Work | None) -> list[bytes] | None:
    """Return the values of these postings (their places in the term's posting list within one segment, sorted) of a
    term; None when the search's time ran out first."""
    matcher = leaf.postings(fieldname, term)
    while isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if isinstance(matcher, W3LeafMatcher) and not matcher._byteids and matcher._fixedsize is None:
        return _block_values(matcher, wanted, work)
    values, place, wanted_set = [], 0, set(wanted)
    while matcher.is_active():
        if place in wanted_set:
            values.append(matcher.value())
            if work is not None and len(values) % CHECK_EVERY == 0 and work.expired():
                return None
        place += 1
        matcher.next()
    return values


def _block_values(matcher: W3LeafMatcher, wanted: list[int], work: Work | None) -> list[bytes] | None:
    """Read the values of the wanted postings from the blocks that hold them (``_data[2]``: a block's values, one
    bytes string each when the format's values differ in size, as positions do); a block with none of them is passed
    over on its header alone."""
    values: list[bytes] = []
    start = done = 0
    checked = 0
    while done < len(wanted):
        end = start + matcher._blocklength
        upto = bisect_left(wanted, end, done)
        if upto > done:
            if matcher._data is None:
                matcher._read_data()
            block = matcher._data[2]
            values.extend([block[place - start] for place in wanted[done:upto]])
            done = upto
            if work is not None and done - checked >= CHECK_EVERY:
                checked = done
                if work.expired():
                    return None
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
        start = end
    return values


def decode_positions(values: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """Return (how many positions each value holds, all their positions one value after another) of values encoded
    by Whoosh's Positions format.

    A value is its count (4 bytes) and the pickled list of the gaps between its positions (Positions.encode). When
    every gap is under 256 (a common word's), the pickle is fixed in layout: a header, then each gap as BININT1 (the
    byte "K" and the gap's byte), then the list's end. Such values are read together with numpy, straight from the
    bytes; the others are unpickled one by one. At 100k articles a phrase of two words found in every one reads 200k
    values: unpickling each took 0.25 s, Positions.decode_positions (a Python loop per position) far longer.
    """
    if not values:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lengths = np.fromiter(map(len, values), dtype=np.int64, count=len(values))
    joined = np.frombuffer(b"".join(values), dtype=np.uint8)
    starts = np.cumsum(lengths) - lengths
    counts = np.zeros(len(values), dtype=np.int64)
    for byte in range(_INT_SIZE):  # the count, big-endian (whoosh.system.pack_uint)
        counts = counts * 256 + joined[starts + byte]
    # The header: PROTO 2, EMPTY_LIST, BINPUT 0, and MARK when the list has more than one item (APPENDS at the end,
    # else APPEND), then STOP. A list of over 1000 items is pickled in batches, each with its own MARK.
    header = _INT_SIZE + 5 + (counts > 1)
    plain = (lengths == header + 2 * counts + 2) & (counts <= 1000)
    firsts = np.cumsum(counts) - counts
    gaps = np.zeros(int(counts.sum()), dtype=np.int64)
    within = np.arange(len(gaps), dtype=np.int64) - np.repeat(firsts, counts)
    places = np.repeat(starts + header + 1, counts) + 2 * within
    in_plain = np.repeat(plain, counts)
    places = places[in_plain]
    if len(places) and (joined[places - 1] != _BININT1).any():
        plain[:] = False  # not the layout this reads: unpickle every value
        in_plain[:] = False
    else:
        gaps[in_plain] = joined[places]
    for number in np.flatnonzero(~plain).tolist():
        first = int(firsts[number])
        gaps[first:first + int(counts[number])] = loads(values[number][_INT_SIZE:])
    if not len(gaps):
        return counts, gaps
    running = np.cumsum(gaps)
    # Each value's gaps count from 0: take away the running sum before its first position.
    return counts, running - np.repeat(running[firsts] - gaps[firsts], counts)


def neighbours(first: tuple[np.ndarray, np.ndarray], second: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Return, per document, how often a word of ``second`` directly follows one of ``first`` (each given as
    ``decode_positions`` gives the positions of one word in the same documents)."""
    (first_counts, first_positions), (second_counts, second_positions) = first, second
    documents = len(first_counts)
    first_docs = np.repeat(np.arange(documents, dtype=np.int64), first_counts)
    after = first_docs * POSITION_SPAN + first_positions + 1
    found = np.repeat(np.arange(documents, dtype=np.int64), second_counts) * POSITION_SPAN + second_positions
    if not len(found) or not len(after):
        return np.zeros(documents, dtype=np.int64)
    # Both are sorted (documents in order, a word's positions rising), and a position holds one word.
    places = np.minimum(np.searchsorted(found, after), len(found) - 1)
    return np.bincount(first_docs[found[places] == after], minlength=documents)


class Matcher:
    """Evaluate query trees over one searcher: ``run(tree) -> (mask, scores)``, both of one slot per document."""

    def __init__(self, reader, postings: PostingCache, lengths: np.ndarray, live: np.ndarray):
        # The reader, not the searcher: the engine caches these per searcher in a WeakKeyDictionary, and a value that
        # held its key would keep every replaced searcher (and its arrays) alive.
        self.reader = reader
        self.postings = postings
        self.size = len(live)
        self.live = live
        self.count = max(int(live.sum()), 1)
        average = float(lengths[live].mean()) if live.any() else 1.0
        # The BM25 length part of every document, computed once per searcher.
        self.norm = (K1 * (1 - B + B * lengths / max(average, 1.0))).astype(np.float32)

    def idf(self, document_frequency: int) -> float:
        return float(np.log(1 + (self.count - document_frequency + 0.5) / (document_frequency + 0.5)))

    def _term(self, fieldname: str, term: str, work: Work | None, *, bonus: float = 0.0, boost: float = 1.0):
        """Return (mask, scores) of one index term; no document when the search may read no more terms (so that what
        a search left out only ever narrows its answer: "a b" with b unread finds nothing rather than all of a)."""
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        if work is not None and not work.take_term():
            return mask, scores
        ids, weights = self.postings.get(fieldname, term)
        if len(ids):
            mask[ids] = True
            scores[ids] = self._scores(ids, weights, boost=boost, bonus=bonus)
        return mask, scores

    def _scores(self, ids: np.ndarray, weights: np.ndarray, *, boost: float = 1.0, bonus: float = 0.0) -> np.ndarray:
        idf = self.idf(len(ids))
        return boost * idf * (weights * (K1 + 1) / (weights + self.norm[ids])) + bonus * idf

    def _word(self, node: Word, work: Work | None):
        results = []
        for stem in stems_of(node.text):
            if node.field == "title":
                mask, scores = self._term("title", stem, work)
                results.append((mask, scores * TITLE_BONUS))
                continue
            mask, scores = self._term("content", stem, work)
            if work is None or work.take_term():
                ids, _ = self.postings.get("title", stem)
                if len(ids):
                    scores[ids] += TITLE_BONUS * self.idf(len(ids))
            results.append((mask, scores))
        return _any(results) if results else None

    def _phrase(self, node: Phrase, work: Work | None):
        if node.field == "title":
            stems = [s for word in node.words for s in stems_of(word)]
            # Titles are short: all the words in the title stands for the phrase.
            found = [self._term("title", stem, work, boost=TITLE_BONUS) for stem in stems]
        else:
            exact = [e for word in node.words for e in exact_of(word)]
            if len(exact) == 1:
                return self._term("exact", exact[0], work, boost=PHRASE_BOOST)
            return self._pairs(phrase_pairs(node.words), work) if exact else None
        return _all(found) if found else None

    def _pairs(self, pairs: list[tuple[str, str]], work: Work | None):
        """Return (mask, scores) of the documents in which each pair of words stands side by side somewhere, each pair
        scored as one term: its frequency the times it does so in the document, its document frequency the number of
        documents in which it does (what a field of word pairs held before schema 6, from the exact words' positions).

        Each pair is looked for among the documents with both its words (an AND of their posting lists), whose
        positions alone are read."""
        postings = {}
        for word in dict.fromkeys(word for pair in pairs for word in pair):
            if work is not None and not work.take_term():
                return self._nothing()
            postings[word] = self.postings.get("exact", word)[0]
        found = []
        for first, second in pairs:
            candidates = np.intersect1d(postings[first], postings[second], assume_unique=True)
            counts = self._neighbours("exact", first, second, candidates, work)
            if counts is None:
                if work is not None:
                    work.leave_out("time")
                return self._nothing()
            ids = candidates[counts > 0]
            mask = np.zeros(self.size, dtype=bool)
            scores = np.zeros(self.size, dtype=np.float32)
            mask[ids] = True
            scores[ids] = self._scores(ids, counts[counts > 0].astype(np.float32), boost=PHRASE_BOOST)
            found.append((mask, scores))
        return _all(found)

    def _neighbours(self, fieldname: str, first: str, second: str, candidates: np.ndarray, work: Work | None):
        """Return how often ``second`` directly follows ``first`` in each candidate document (None: out of time),
        reading and decoding positions a slice of candidates at a time, so that the clock is looked at between."""
        parts = []
        for start in range(0, len(candidates), CHECK_EVERY * 8):
            if work is not None and work.expired():
                return None
            chunk = candidates[start:start + CHECK_EVERY * 8]
            words = [self.postings.values(fieldname, word, chunk, work) for word in dict.fromkeys((first, second))]
            if any(values is None for values in words):
                return None
            decoded = [decode_positions(values) for values in words]
            parts.append(neighbours(decoded[0], decoded[-1]))
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def _nothing(self):
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32)

    def _prefix(self, node: Prefix, work: Work | None, share: int):
        fieldname = "title" if node.field == "title" else "exact"
        terms = []
        for term in self.reader.expand_prefix(fieldname, node.text):
            if len(terms) >= share:
                if work is not None:
                    work.leave_out("terms")  # more words begin so: the prefix matched only the first of them
                break
            terms.append(term.decode("utf-8") if isinstance(term, bytes) else term)
        return self.any_terms(fieldname, terms, work)

    def any_terms(self, fieldname: str, terms: list[str], work: Work | None = None):
        """Return (mask, scores) of the documents with any of these index terms.

        Summed term by term into one pair of arrays: the work follows the postings read, not terms x documents (a
        prefix of 200 words made 400 arrays of one slot per document).
        """
        mask = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size, dtype=np.float32)
        for term in terms:
            if work is not None and not work.take_term():
                break
            ids, weights = self.postings.get(fieldname, term)
            if len(ids):
                mask[ids] = True
                scores[ids] += self._scores(ids, weights)
        return mask, scores

    def run(self, node, entities: dict[tuple[str, str], list[str]], work: Work | None = None):
        """Return (mask, scores) of the documents matching ``node``; None for an empty tree (match everything).

        With ``work``, what it allows is read and the rest left out (``work.cut`` says so); a search that could read
        nothing at all finds nothing.
        """
        if node is None:
            return None
        prefixes = _count(node, Prefix)
        share = min(MAX_PREFIX_TERMS, MAX_PREFIX_TOTAL // prefixes) if prefixes else MAX_PREFIX_TERMS
        result = self._run(node, entities, work, share)
        if result is None and work is not None and work.cut:
            return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32)
        return result

    def _run(self, node, entities, work: Work | None, share: int):
        if isinstance(node, Word):
            return self._word(node, work)
        if isinstance(node, Phrase):
            return self._phrase(node, work)
        if isinstance(node, Prefix):
            return self._prefix(node, work, share)
        if isinstance(node, Entity):
            values = entities.get((node.kind, node.text), [])
            masks = [self.postings.get(BY_KIND[node.kind].field, value)[0] for value in values]
            mask = np.zeros(self.size, dtype=bool)
            for ids in masks:
                mask[ids] = True
            return mask, np.zeros(self.size, dtype=np.float32)
        if isinstance(node, Not):
            left_out = work.left_out if work is not None else 0
            child = self._run(node.child, entities, work, share)
            if work is not None and work.left_out > left_out:
                # What to leave out was not read whole: excluding only what was read would let the rest in.
                return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float32)
            if child is None:
                return None
            return self.live & ~child[0], np.zeros(self.size, dtype=np.float32)
        children = [result for child in node.children
                    if (result := self._run(child, entities, work, share)) is not None]
        if not children:
            return None
        return _all(children) if isinstance(node, And) else _any(children)


def _count(node, kind) -> int:
    if isinstance(node, kind):
        return 1
    if isinstance(node, Not):
        return _count(node.child, kind)
    if isinstance(node, And | Or):
        return sum(_count(child, kind) for child in node.children)
    return 0


def _all(results):
    mask = np.logical_and.reduce([m for m, _ in results])
    scores = np.add.reduce([s for _, s in results])
    return mask, np.where(mask, scores, 0).astype(np.float32)


def _any(results):
    if len(results) == 1:
        return results[0]
    return np.logical_or.reduce([m for m, _ in results]), np.add.reduce([s for _, s in results]).astype(np.float32)
