"""Did you mean: the query with its unknown words replaced by the index's nearest words, within the search's budget.

Whoosh's corrector builds a Levenshtein automaton of the word and walks the term list with it: for a 500-character
word that took 5 s, and a query of 30 unknown words asked it 30 times. So only a few plausible words are asked about
(letters only, of a length words have), the cheapest search first (same first letter, one edit), and never past the
search's deadline. It runs on a reader of its own, outside the engine's search lock: a search never waits for
another's suggestion.
"""

from __future__ import annotations

import re

from .budget import Work
from .query import ParsedQuery
from .schema import TEXT_FIELDS, stem

# At most this many words of one query are corrected (a reader mistypes one or two).
MAX_WORDS = 3
# Words of these lengths are corrected: shorter ones have too many neighbours, and the longest Indonesian words
# ("mempertanggungjawabkan", 22 letters) fit under the upper bound with room for a typo.
MIN_CHARS, MAX_CHARS = 3, 24
# The corrector's passes, cheapest first, as (maxdist, prefix); a pass runs only when the one before found nothing.
# Both keep the first letter: it lets Whoosh skip most of the term list (1-17 ms a word at 10k articles, against
# 70-220 ms without), and readers rarely mistype it, so a wrong first letter is left uncorrected.
PASSES = ((1, 1), (2, 1))
CANDIDATES = 10


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


def _nearest(reader, corrector, word: str, work: Work) -> str:
    """Return the nearest word of the index, or ''.

    Among the corrector's candidates the nearest by our edit distance wins, then one with the same first letter
    (readers rarely mistype it), then the most frequent.
    """
    for maxdist, prefix in PASSES:
        if work.expired():
            return ""
        candidates = corrector.suggest(word, limit=CANDIDATES, maxdist=maxdist, prefix=prefix)
        if candidates:
            return min(candidates, key=lambda c: (
                edit_distance(word, c), c[0] != word[0], -reader.doc_frequency("exact", c), c))
    return ""


def suggestion(reader, parsed: ParsedQuery, words: list[str], work: Work) -> str:
    """Return the query with up to ``MAX_WORDS`` of its unknown ``words`` corrected, or '' when none could be.

    ``reader`` is the caller's own (Whoosh readers are not shared between threads); ``words`` come from
    ``plausible_words``.
    """
    corrector = reader.corrector("exact")
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
        best = _nearest(reader, corrector, lower, work)
        if best:
            text = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", best, text, count=1)
            changed = True
    return text if changed else ""
