"""A fast, exact test of whether Sastrawi could stem a word at all: most words of an archive have no root in its
dictionary (names, foreign words, rare forms), and for them Sastrawi tries every affix before it gives the word back.

Sastrawi (ECS) returns either the word itself or a word d of its dictionary that it reached from the word by
  * cutting suffixes off the end: a particle (lah|kah|tah|pun), then a possessive (ku|mu|nya), then a derivational
    suffix (is|isme|isasi|i|kan|an), each at most once; its "loop pengembalian akhiran" also tries the word with a cut
    "-kan" given back as "-k";
  * and up to three prefix removals, each of which (read every rule in Sastrawi/Morphology/Disambiguator) turns the
    current word w into a word r with r[1:] == w[j:]: it consumes the first j letters of w (a prefix such as "meng",
    "per", "di" and maybe the letter after it, or a letter and an infix "er", "el", "em", "in") and at most recodes
    the letter in front of what remains ("meny" + a -> "sa", "mem" + a -> "pa", "meng" + a -> "nga").
Chained, this means d[1:] is a piece of the word that ends where suffixes could be cut, what stands before it is what
up to three prefix removals consume (the first one's whole prefix, each later one's prefix without its first letter,
which a removal before may have recoded), and d[0] is the letter written just before the piece, or one a nasal prefix
gives back. ``RootFilter`` looks each such d up, generously: a False answer proves Sastrawi would return the word
unchanged, a True one only means Sastrawi must be asked (of the synthetic words asked, about a third are not
stemmed after all).
scripts/bench_stem.py and articles/tests/test_roots.py compare the two on the dictionary under affixes, synthetic and
real words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

# What the prefix rules consume, without the optional letter after them: every literal prefix of a
# DisambiguatorPrefixRule (mempe- and memp- are mem- and a letter, bela(jar) and pela(jar) are bel-/pel- and a letter),
# di-/ke-/se- and ku-/kau-.
PREFIXES = "di ke se ku kau be ber bel te ter me mem men meng menge meny pe per pem pen peng penge peny pel".split()
# The letters a nasal prefix gives back to the root (rules 13b, 15b, 17b, 18b, 26b, 28b, 30b, 31b): "memukul" ->
# "pukul". Every other rule leaves the root's first letter as written.
RECODED = {"mem": "p", "pem": "p", "men": "t", "pen": "t", "meng": "k", "peng": "k", "meny": "s", "peny": "s"}
# Infix rules 37-40: a consonant, then er/el/em/in; the consonant stays the root's first letter ("gerigi" -> "gigi").
INFIXES = ("er", "el", "em", "in")

PARTICLES = ("lah", "kah", "tah", "pun")
POSSESSIVES = ("ku", "mu", "nya")
DERIVATIONAL = ("is", "isme", "isasi", "i", "kan", "an")

# The words the filter decides for: what Sastrawi's normaliser leaves unchanged and does not split.
_PLAIN_WORD = re.compile(r"[a-z]+")


class RootFilter:
    """Tell whether a word may have a root in a stemmer's dictionary under Sastrawi's affix rules."""

    def __init__(self, roots: Iterable[str]) -> None:
        self.roots = frozenset(root for root in roots if root)
        # A root of one letter is what remains when suffixes eat all but the first letter, which the filter does not
        # follow: with one in the dictionary, every word is asked about.
        self.everything = any(len(root) < 2 for root in self.roots)

    def may_have_root(self, word: str) -> bool:
        """Return False only if Sastrawi would return this word unchanged; True if it must be asked.

        Words outside a-z (upper case, accents, hyphens) are always True: Sastrawi's normaliser changes them.
        """
        if self.everything or not _PLAIN_WORD.fullmatch(word):
            return True
        roots = self.roots
        cuts = suffix_cuts(word)
        for start, firsts in prefix_states(word).items():
            for cut in cuts:
                if cut > start:
                    tail = word[start:cut]
                    if any(first + tail in roots for first in firsts):
                        return True
        return False


def suffix_cuts(word: str) -> set[int]:
    """Return where Sastrawi may have cut suffixes off the word: the lengths of what it may keep.

    Particle, then possessive, then derivational suffix, each optional; a cut "-kan" may come back as "-k".

    >>> sorted(suffix_cuts("dibacakanlah"))
    [6, 7, 9, 12]
    """
    cuts = set()
    for particle in ("", *PARTICLES):
        if not word.endswith(particle):
            continue
        after_particle = len(word) - len(particle)
        for possessive in ("", *POSSESSIVES):
            if not word.endswith(possessive, 0, after_particle):
                continue
            after_possessive = after_particle - len(possessive)
            for suffix in ("", *DERIVATIONAL):
                if word.endswith(suffix, 0, after_possessive):
                    cuts.add(after_possessive - len(suffix))
                    if suffix == "kan":
                        cuts.add(after_possessive - 2)
    return cuts


def prefix_states(word: str) -> dict[int, set[str]]:
    """Return where the root's tail may start after up to three prefix removals, each with the letters the root may
    then start with: the letter before the tail as written, or the one a nasal prefix gives back.

    A removal consumes a prefix, maybe the letter after it, and its first letter is the current word's, which an
    earlier removal may have recoded; an infix removal keeps the current first letter.

    >>> states = prefix_states("memukul")
    >>> sorted(states[3]), sorted(states[4])
    (['m', 'p'], ['p', 'u'])
    """
    states: dict[int, set[str]] = {1: {word[0]}}  # no removal: the word's own first letter
    frontier = {1: {word[0]}}
    for _ in range(3):
        added: dict[int, set[str]] = {}
        for start, firsts in frontier.items():
            for prefix in PREFIXES:
                if prefix[0] in firsts and word.startswith(prefix[1:], start):
                    _reach(states, added, word, start + len(prefix) - 1, RECODED.get(prefix, ""))
            if word.startswith(INFIXES, start):
                _add(states, added, start + 2, firsts)
        frontier = added
    return states


def _reach(states: dict[int, set[str]], added: dict[int, set[str]], word: str, end: int, recoded: str) -> None:
    """Record the tail starts after a prefix that ends at ``end``: there, or one letter further."""
    for start in (end, end + 1):
        if start <= len(word):
            _add(states, added, start, {word[start - 1], *recoded})


def _add(states: dict[int, set[str]], added: dict[int, set[str]], start: int, firsts: set[str]) -> None:
    new = firsts - states.setdefault(start, set())
    if new:
        states[start] |= new
        added.setdefault(start, set()).update(new)


@cache
def root_filter(stemmer) -> RootFilter:
    """Return the filter of a Sastrawi stemmer (a CachedStemmer or a Stemmer), built once from its dictionary."""
    delegated = getattr(stemmer, "delegatedStemmer", stemmer)
    return RootFilter(delegated.dictionary.words)
