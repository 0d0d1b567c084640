"""A story's fingerprint: a MinHash signature of its word shingles and the LSH band keys that find its near copies.

Near copies are the same story text run again: ANTARA wire copy carried by several outlets under their own dateline,
a sentence added or cut, the end truncated, a light rewrite. Two texts' resemblance is the Jaccard similarity of their
sets of SHINGLE_WORDS-word shingles; the share of equal values in two signatures estimates it (Broder 1997). Texts
that resemble each other at least CLUSTER_THRESHOLD are near copies. Stories on the same event from different outlets
share names, numbers and quotes but few runs of words, so they stay apart (scripts/eval_clusters.py measures both).

The band keys (BANDS bands of ROWS signature values each, hashed with the band's number) are what the database
indexes: two texts share a key with probability 1 - (1 - J^ROWS)^BANDS, so candidates are one indexed look-up and no
LSH state lives in memory. A candidate is a near copy only when its signature agrees (``resemblance``).

Why not datasketch: its MinHash is these lines (its ``update_batch`` hashes each shingle with SHA-1 in Python,
slower than one blake2b per distinct word), and its MinHashLSH keeps the buckets in memory or Redis, which a
database table replaces for every web node. Everything here is stable across processes and machines: words are
hashed with blake2b (never Python's ``hash()``), the permutations' seeds derive from blake2b too, and the arithmetic
is uint64 with wrap-around, the same on every platform.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from itertools import islice

import numpy as np

# Words as the search index tokenises them (articles.search.schema.TOKEN_PATTERN, which ingest may not import).
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
# The dateline and outlet an outlet puts before its copy of a wire story: "JAKARTA, KOMPAS.com -", "Jakarta
# (ANTARA) -", "TEMPO.CO, Jakarta -": at the start, a capital, at most 60 characters and six words with a comma or a
# parenthesis (so "Harga naik lagi - kata menteri" keeps its words) before the dash.
_DATELINE = re.compile(r"\A\s*([A-Z][^\n]{0,60}?)\s[-–—]\s")
_DATELINE_WORDS = 6

SHINGLE_WORDS = 3
NUM_PERM = 126
BANDS = 42
ROWS = NUM_PERM // BANDS
# Estimated resemblance at which two texts are one story (measured: scripts/eval_clusters.py, README "Story clusters").
CLUSTER_THRESHOLD = 0.3
# A text of fewer words is too short to tell a copy from a formula ("Foto: ...", a one-line brief): it gets a
# signature but no band keys, so it joins no cluster.
MIN_WORDS = 40
# Words read from a text: a story is told long before its 20,000th word (a long report runs to 3,000), and a 2 MB page
# of 300k words would cost seconds; copies of such a page are told apart by its start.
MAX_WORDS = 20_000

# Shingles permuted at once (see ``signature``).
_BLOCK = 2048
# A text of at most so many characters holds fewer than MAX_WORDS words (a word and its separator take two): its
# words are read in one call, not one match at a time.
_FINDALL_CHARS = 2 * MAX_WORDS
# Words whose hashes are kept between pages (about 150 bytes each: at most 30 MB).
_WORD_CACHE = 200_000
_WORD_HASHES: dict[str, int] = {}


def _seeds(name: str, count: int) -> np.ndarray:
    digest = b"".join(hashlib.blake2b(f"{name}{i}".encode(), digest_size=8).digest() for i in range(count))
    return np.frombuffer(digest, dtype="<u8").astype(np.uint64)


_MULTIPLIERS = _seeds("arsip-minhash-a", NUM_PERM) | np.uint64(1)  # odd: a bijection of uint64
_OFFSETS = _seeds("arsip-minhash-b", NUM_PERM)
_POSITION = _seeds("arsip-shingle-position", SHINGLE_WORDS) | np.uint64(1)


@dataclass(frozen=True)
class Fingerprint:
    """A text's signature (NUM_PERM uint32 values as bytes) and its band keys (empty for a text under MIN_WORDS)."""

    signature: bytes
    bands: tuple[int, ...]


def words(text: str) -> list[str]:
    """Return the text's words in lower case, without the dateline an outlet puts before a wire story:
    "JAKARTA, KOMPAS.com - Harga naik." -> ["harga", "naik"]."""
    dateline = _DATELINE.match(text)
    if (dateline is not None and len(dateline.group(1).split()) <= _DATELINE_WORDS
            and any(mark in dateline.group(1) for mark in ",(")):
        text = text[dateline.end():]
    text = text.lower()
    if len(text) <= _FINDALL_CHARS:  # too short to hold more than MAX_WORDS words: one C call reads them all
        return _WORD.findall(text)
    return [match.group() for match in islice(_WORD.finditer(text), MAX_WORDS)]


def _word_hash(word: str) -> int:
    return int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest(), "little")


def _word_hashes(tokens: list[str]) -> np.ndarray:
    # The archive's words come again page after page: each is hashed once per process (the cache is emptied when it
    # reaches _WORD_CACHE words, so its memory stays bounded whatever the crawl).
    cache = _WORD_HASHES
    missing = {word for word in tokens if word not in cache}
    if len(cache) + len(missing) > _WORD_CACHE:
        cache.clear()
    for word in missing:
        cache[word] = _word_hash(word)
    return np.fromiter(map(cache.__getitem__, tokens), dtype=np.uint64, count=len(tokens))


def _mix(values: np.ndarray) -> np.ndarray:
    """The murmur3 finaliser: spreads every input bit over the output (uint64 arithmetic wraps)."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def _mix_in_place(values: np.ndarray) -> np.ndarray:
    """_mix over a fresh array, overwritten (a page's NUM_PERM x shingles values: no temporary copies)."""
    shifted = values >> np.uint64(33)
    values ^= shifted
    values *= np.uint64(0xFF51AFD7ED558CCD)
    np.right_shift(values, np.uint64(33), out=shifted)
    values ^= shifted
    values *= np.uint64(0xC4CEB9FE1A85EC53)
    np.right_shift(values, np.uint64(33), out=shifted)
    values ^= shifted
    return values


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Return the distinct 64-bit hashes of the text's SHINGLE_WORDS-word shingles (one shingle for a shorter text)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    hashes = _word_hashes(tokens)
    count = max(len(tokens) - SHINGLE_WORDS + 1, 1)
    combined = np.zeros(count, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for position in range(min(SHINGLE_WORDS, len(tokens))):
            combined += hashes[position:position + count] * _POSITION[position]
        return _sorted_distinct(_mix(combined))


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """Return np.unique(values) for a 1-d array: sorted, then each value once. np.unique (numpy 2) takes about 100
    microseconds on a page's 400 shingles, a sort and a comparison with the neighbour about 30."""
    values = np.sort(values)
    keep = np.empty(values.size, dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def signature(shingles: np.ndarray) -> np.ndarray:
    """Return the MinHash signature (NUM_PERM uint32 values) of a set of shingle hashes; all ones for none."""
    if shingles.size == 0:
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    lowest = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    # A block of shingles at a time: NUM_PERM x _BLOCK values (2 MB) however long the page (a 2 MB page of 300k
    # shingles would otherwise need 300 MB at once).
    with np.errstate(over="ignore"):
        for start in range(0, shingles.size, _BLOCK):
            block = shingles[None, start:start + _BLOCK] ^ _OFFSETS[:, None]
            block *= _MULTIPLIERS[:, None]
            np.minimum(lowest, _mix_in_place(block).min(axis=1), out=lowest)
    return (lowest >> np.uint64(32)).astype(np.uint32)


def band_keys(values: np.ndarray) -> tuple[int, ...]:
    """Return one signed 64-bit key per band: its number and its ROWS values hashed together."""
    rows = values.astype("<u4").reshape(BANDS, ROWS)
    return tuple(
        int.from_bytes(hashlib.blake2b(band.tobytes(), digest_size=8, salt=number.to_bytes(16, "little")).digest(),
                       "little", signed=True)
        for number, band in enumerate(rows)
    )


def fingerprint(text: str) -> Fingerprint:
    """Return the text's fingerprint; texts under MIN_WORDS words get no band keys (they join no cluster)."""
    tokens = words(text)
    values = signature(shingle_hashes(tokens))
    return Fingerprint(signature=values.astype("<u4").tobytes(),
                       bands=band_keys(values) if len(tokens) >= MIN_WORDS else ())


def resemblance(first: bytes, second: bytes) -> float:
    """Return the estimated Jaccard similarity of two texts from their signatures (0.0 when either is malformed)."""
    if len(first) != len(second) or len(first) != NUM_PERM * 4:
        return 0.0
    a = np.frombuffer(first, dtype="<u4")
    b = np.frombuffer(second, dtype="<u4")
    return float(np.count_nonzero(a == b)) / NUM_PERM


def near_copies(first: bytes, second: bytes, threshold: float = CLUSTER_THRESHOLD) -> bool:
    return resemblance(first, second) >= threshold
