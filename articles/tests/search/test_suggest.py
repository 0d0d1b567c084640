"""Which words "did you mean" asks about, and the work it may do: no database, a function call each."""

from __future__ import annotations

import pytest

from articles.search.budget import Work
from articles.search.query import parse_query
from articles.search.suggest import MAX_CHARS, plausible_words
from articles.tests.builders import TickingClock


@pytest.mark.parametrize(("query", "words"), [
    ("rusai", ["rusai"]),
    ("9" * 500, []),  # issue 12: 5.1 s in Whoosh's corrector
    ("covid19 g20 2017 rusia2", []),  # digits: codes and numbers, not typos
    ("a" * (MAX_CHARS + 1), []),
    ("ab", []),  # too short to correct
    ('"ukrania" -suriah orang:jokowi judul:rusai', ["rusai"]),  # no phrases, negations or entities; titles' words
    ("rusai ATAU rusai ukrania", ["rusai", "ukrania"]),  # each once
    ("Prabówo", ["Prabówo"]),  # letters of any script
])
def test_plausible_words(query, words):
    assert plausible_words(parse_query(query)) == words


def test_repeated_words_are_asked_about_once():
    # How many are asked about is capped while correcting (suggest.MAX_WORDS): words the index knows do not count.
    words = plausible_words(parse_query(" ".join(f"kata{letter}" for letter in "abcdefghijklmnopqrstuvwxyzabcd")))

    assert len(words) == 26




def test_work_counts_terms_and_notes_the_cut():
    work = Work(max_terms=2)

    assert [work.take_term() for _ in range(3)] == [True, True, False]
    assert work.cut == {"terms"}


def test_work_expires_at_its_deadline():
    work = Work(seconds=2, clock=TickingClock())  # the deadline is 3: read at 1

    assert [work.expired() for _ in range(3)] == [False, True, True]
    assert work.cut == {"time"}
    assert not work.take_term()
