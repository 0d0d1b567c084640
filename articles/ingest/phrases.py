"""Whole-word phrase look-up (names, aliases) over a text's words, shared by the people and the country matchers."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, compress

_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")
_SOFT_GAPS = frozenset({" ", "-"})


class PhraseIndex:
    """Find whole-word phrases (names, aliases) in text by looking up word n-grams, longest first.

    One big regex alternation of a thousand names costs milliseconds per page; dictionary look-ups of the
    n-grams that start at each word cost microseconds. "Timor-Leste" matches "Timor Leste" (space or hyphen).
    """

    def __init__(self, entries: Iterable[tuple[str, object]], *, fold: bool):
        self._fold = fold
        self._map: dict[tuple[str, ...], tuple[object, tuple[str, ...]]] = {}
        # The longest phrase that starts with each first word: most words start none.
        self._longest: dict[str, int] = {}
        for form, value in entries:
            tokens = [m for m in _TOKEN.finditer(form)]
            if not tokens:
                continue
            key = tuple(self._key(m.group()) for m in tokens)
            gaps = tuple(form[a.end(): b.start()] for a, b in zip(tokens, tokens[1:], strict=False))
            if key not in self._map:
                self._map[key] = (value, gaps)
            self._longest[key[0]] = max(self._longest.get(key[0], 0), len(key))

    def _key(self, token: str) -> str:
        return token.casefold() if self._fold else token

    def finditer(self, text: str):
        """Yield (start, end, value) of the longest phrase at each word, left to right, without overlaps."""
        starts, exact, folded = _tokenize(text)
        keys = folded if self._fold else exact
        longest_at = self._longest
        count = len(keys)
        next_free = 0
        # Most words start no phrase: find the few that may, in one pass, and try only those.
        for index in compress(range(count), map(longest_at.__contains__, keys)):
            if index < next_free:
                continue
            for length in range(min(longest_at[keys[index]], count - index), 0, -1):
                entry = self._map.get(tuple(keys[index: index + length]))
                if entry is None:
                    continue
                value, gaps = entry
                if all(
                    (gap := text[starts[i] + len(exact[i]): starts[i + 1]]) == form_gap or {gap, form_gap} <= _SOFT_GAPS
                    for i, form_gap in zip(range(index, index + length - 1), gaps, strict=False)
                ):
                    last = index + length - 1
                    yield starts[index], starts[last] + len(exact[last]), value
                    next_free = index + length
                    break


@lru_cache(maxsize=8)
def _tokenize(text: str) -> tuple[array, list[str], list[str]]:
    """Return the words of ``text``: where each starts, as written, and case-folded (shared by every phrase index).
    Starts are kept as machine integers (a word ends at its start plus its length): a page of a million words
    holds no million match objects."""
    # Split keeps the gaps between words: word i starts where the first 2i pieces end (summed in C, not in a loop).
    pieces = _TOKEN_SPLIT.split(text)
    exact = pieces[1::2]
    starts = array("l", list(accumulate(map(len, pieces)))[0:-1:2])
    return starts, exact, list(map(str.casefold, exact))
