"""Did you mean: the query with its unknown words replaced by the index's nearest words, within the search's budget.

The near words come from each segment's trigram index (``spelling``), built once and kept: Whoosh's corrector walked
the whole term list for each word, 5-7 s at 400k distinct words (issue 17). Only a few plausible words are asked
about (letters only, of a length words have), and never past the search's deadline. It runs on a reader of its own,
outside the engine's search lock: a search never waits for another's suggestion.
"""

from __future__ import annotations

import logging
import re

from . import spelling
from .budget import Work
from .query import ParsedQuery
from .schema import TEXT_FIELDS, stem

logger = logging.getLogger(__name__)

# At most this many words of one query are corrected (a reader mistypes one or two).
MAX_WORDS = 3
# Words of these lengths are corrected: shorter ones have too many neighbours, and the longest Indonesian words
# ("mempertanggungjawabkan", 22 letters) fit under the upper bound with room for a typo.
MIN_CHARS, MAX_CHARS = 3, 24
# Near words are at most spelling.MAX_DISTANCE (2) edits away and keep the first letter: readers rarely mistype it,
# so a wrong first letter is left uncorrected (as with Whoosh's corrector before, asked with prefix=1).


def plausible_words(parsed: ParsedQuery) -> list[str]:
    """Return the words of a query worth correcting: searched as such, letters only, of a word's length.

    >>> from articles.search.query import parse_query
    >>> plausible_words(parse_query('rusai 2017 "ukrania" -suriah covid-19 bendugan ' + "9" * 400))
    ['rusai', 'bendugan']
    """
    words = [word for word in parsed.plain_words() if word.isalpha() and MIN_CHARS <= len(word) <= MAX_CHARS]
    return list(dict.fromkeys(words))


def edit_distance(a: str, b: str) -> int:
    """Return the edit distance counting a swap of neighbours as one edit ("rusai" -> "rusia" is 1).

    >>> edit_distance("rusai", "rusia"), edit_distance("rusai", "rumah")
    (1, 2)
    """
    previous_row, row = None, list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def _known(reader, word: str) -> bool:
    """Return whether the index has the word as it is, or through its stem ("kunjungan" finds "kunjungi")."""
    return bool(reader.doc_frequency("exact", word)) or any(
        reader.doc_frequency(name, stem(word)) for name in TEXT_FIELDS)


def _nearest(reader, word: str) -> str:
    """Return the nearest word of the index, or ''.

    The nearest by our edit distance (``spelling`` measures the same one) wins, then one with the same first letter
    (readers rarely mistype it), then the most frequent (documents, summed over the segments).
    """
    try:
        near = spelling.near_words(reader, word)
    except (OSError, ValueError, EOFError) as error:  # a rebuild removed the reader's generation since: no suggestion
        logger.warning("No spelling suggestion for %r: %s", word, error)
        return ""
    if not near:
        return ""
    return min(near, key=lambda c: (near[c][0], c[0] != word[0], -near[c][1], c))


def suggestion(reader, parsed: ParsedQuery, words: list[str], work: Work) -> str:
    """Return the query with up to ``MAX_WORDS`` of its unknown ``words`` corrected, or '' when none could be.

    ``reader`` is the caller's own (Whoosh readers are not shared between threads); ``words`` come from
    ``plausible_words``.
    """
    text = parsed.text
    changed = False
    asked = 0
    for word in words:
        if asked == MAX_WORDS or work.expired():
            break
        lower = word.lower()
        if _known(reader, lower):
            continue
        asked += 1
        best = _nearest(reader, lower)
        if best:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", best, text, count=1)
            changed = True
    return text if changed else ""
