"""Near words from each segment's trigram index: exact against a brute force, built once per segment, written beside
it, read back by a fresh process, and bounded for the worst words."""

from __future__ import annotations

import random
from types import SimpleNamespace

import numpy as np
import pytest

from articles.search import spelling
from articles.search.budget import Work
from articles.search.indexing import current_dir, open_index
from articles.search.query import parse_query
from articles.search.rebuild import rebuild_index
from articles.search.suggest import edit_distance, plausible_words, suggestion
from articles.tests.builders import make_article


@pytest.fixture(autouse=True)
def empty_cache():
    """Start and end each test with no segment index kept in the process (a fresh worker)."""
    spelling._cache.clear()
    yield
    spelling._cache.clear()


def brute_force(words: list[str], word: str) -> dict[str, int]:
    """Return every word within two edits of ``word`` with its first letter, by the suggestion's own distance."""
    return {w: edit_distance(word, w) for w in words
            if w[0] == word[0] and edit_distance(word, w) <= spelling.MAX_DISTANCE}


def mistype(rng: random.Random, word: str, letters: str) -> str:
    """Return ``word`` after one or two random edits past its first letter (a swap, a change, a letter more or less)."""
    for _ in range(rng.choice((1, 2))):
        at = rng.randrange(1, len(word) + 1)
        edit = rng.choice("swap change add drop")
        if edit == "s" and at + 1 < len(word):
            word = word[:at] + word[at + 1] + word[at] + word[at + 2:]
        elif edit == "c" and at < len(word):
            word = word[:at] + rng.choice(letters) + word[at + 1:]
        elif edit == "a":
            word = word[:at] + rng.choice(letters) + word[at:]
        elif len(word) > 1 and at < len(word):
            word = word[:at] + word[at + 1:]
    return word


def test_near_words_are_exactly_the_brute_force_ones():
    # A small alphabet makes many near words; "é" and "ó" are letters of other scripts, as in "Prabówo".
    rng = random.Random(17)
    letters = "aeikmnrstuéó"
    words = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(1, 12))) for _ in range(4000)})
    index = spelling.SegmentWords(spelling.build(words, [rng.randint(1, 99) for _ in words]))
    asked = [mistype(rng, rng.choice(words), letters + "z") for _ in range(400)]
    asked += ["abcd", "axyd", "ms", "m" * 14]  # two changes; a short word; letters the vocabulary lacks
    asked += ["kzkzkm", "mzkzkzm", "tzxzxa"]  # a trigram of letters the vocabulary lacks, repeated

    for word in asked:
        found = {near.word: near.distance for near in index.near(word, limit=len(words)).near}
        assert found == brute_force(words, word), word
    assert sum(bool(brute_force(words, word)) for word in asked) > 300  # the typos mostly have near words


def test_two_changes_are_found_where_one_delete_a_side_finds_nothing():
    index = spelling.SegmentWords(spelling.build(["axyd", "kunjungan"], [1, 5]))

    assert [(n.word, n.distance) for n in index.near("abcd").near] == [("axyd", 2)]
    assert [(n.word, n.distance, n.doc_frequency) for n in index.near("kunjngan").near] == [("kunjungan", 1, 5)]


def test_a_word_of_500_letters_examines_nothing_and_a_short_word_at_most_the_limit():
    words = [f"m{a}{b}" for a in "aiueo" for b in "bcdfghjklmnprstvwyz"] + ["m" + "a" * 40]
    index = spelling.SegmentWords(spelling.build(words, list(range(len(words), 0, -1))))

    assert index.near("m" * 500).examined == 0
    assert index.near("a" * 500).examined == 0
    lookup = index.near("mxq", limit=10)
    assert lookup.examined == 10
    # The most frequent are examined first: "mab" has the highest frequency and is two changes from "mxq".
    assert [near.word for near in lookup.near][:1] == ["mab"]


def test_one_edit_is_found_past_the_limit_of_two():
    # 95 short words of "m", each more frequent than "mawar": two edits from "mawra" they fill a limit of 20; the
    # trigrams one edit leaves let fewer through, and only "mawar" is that near.
    words = [f"m{a}{b}{c}" for a in "aiueo" for b in "bcdfghjkl" for c in "aiu"][:95] + ["mawar"]
    index = spelling.SegmentWords(spelling.build(words, [100] * 95 + [1]))

    two = index.near("mawra", limit=20)
    assert two.examined == 20 and "mawar" not in [near.word for near in two.near]
    one = index.near("mawra", distance=1, limit=20)
    assert [near.word for near in one.near] == ["mawar"] and one.examined < 20


def test_thirty_unknown_words_ask_about_three(monkeypatch):
    index = spelling.SegmentWords(spelling.build(["ukraina"], [2]))
    parsed = parse_query(" ".join(["ukrania"] + [f"zq{a}{b}xv" for a in "bcdfghjklm" for b in "prs"][:29]))
    asked = []

    class Reader:  # what suggestion() reads of a reader: nothing is known as it is
        def doc_frequency(self, field, word):
            return 0

    def near_words(reader, word, **kwargs):
        asked.append(word)
        return {n.word: (n.distance, n.doc_frequency) for n in index.near(word).near}

    monkeypatch.setattr(spelling, "near_words", near_words)

    assert suggestion(Reader(), parsed, plausible_words(parsed), Work()).startswith("ukraina zqbpxv ")
    assert asked == ["ukrania", "zqbpxv", "zqbrxv"]


def spelling_dirs() -> set[str]:
    return {path.name for path in current_dir().resolve().glob(f"{spelling.PREFIX}*")}


def segment_ids() -> set[str]:
    with open_index().reader() as reader:
        return {leaf.segment().segment_id() for leaf, _base in reader.leaf_readers()}


def suggest(text: str) -> str:
    parsed = parse_query(text)
    with open_index().reader() as reader:
        return suggestion(reader, parsed, plausible_words(parsed), Work())


@pytest.mark.django_db
def test_a_saved_segment_gets_its_index_on_first_need_and_keeps_it(index_now, monkeypatch):
    index_now(make_article("Bendungan jebol di Garut", body="Banjir bandang."))
    assert suggest("bendugan") == "bendungan"
    first = segment_ids()
    assert spelling_dirs() == {f"{spelling.PREFIX}{segment}" for segment in first}

    index_now(make_article("Kunjungan presiden", body="Presiden meresmikan waduk."))
    built = []
    original = spelling.build
    monkeypatch.setattr(spelling, "build", lambda *args: built.append(args) or original(*args))

    assert suggest("kunjngan waduuk") == "kunjungan waduk"
    assert len(built) == 1 and "kunjungan" in built[0][0]  # the new segment only: the first one was kept
    assert {f"{spelling.PREFIX}{segment}" for segment in segment_ids()} <= spelling_dirs()


@pytest.mark.django_db
def test_a_fresh_process_maps_the_written_files_instead_of_building(monkeypatch):
    make_article("Bendungan jebol di Garut", body="Banjir bandang.")
    rebuild_index()
    assert spelling_dirs() == {f"{spelling.PREFIX}{segment}" for segment in segment_ids()} != set()

    spelling._cache.clear()
    monkeypatch.setattr(spelling, "build", None)  # building would fail: the files must serve

    assert suggest("bandnag") == "bandang"
    (kept,) = spelling._cache.values()
    assert isinstance(kept.ids, np.memmap)


@pytest.mark.django_db
def test_a_damaged_spelling_file_is_built_again_not_a_failed_search(caplog):
    make_article("Bendungan jebol di Garut", body="Banjir bandang.")
    rebuild_index()
    (folder,) = [path for path in current_dir().resolve().glob(f"{spelling.PREFIX}*")]
    for path in folder.glob("*.npy"):
        path.write_bytes(b"")  # what a crash before the disk had the file leaves
    spelling._cache.clear()

    assert suggest("bandnag") == "bandang"
    assert "cannot be read" in caplog.text
    assert all(path.stat().st_size for path in folder.glob("*.npy"))  # written again, whole


@pytest.mark.django_db
def test_merged_segments_get_an_index_and_the_removed_ones_lose_theirs(index_now):
    first = make_article("Bendungan jebol di Garut", body="Banjir bandang.")
    index_now(first)
    index_now(make_article("Kunjungan presiden", body="Presiden meresmikan waduk."))
    assert suggest("kunjngan") == "kunjungan"
    before = segment_ids()
    assert len(before) == 2

    first_id = first.pk
    first.delete()
    index_now(SimpleNamespace(pk=first_id))
    assert suggest("bendugan") == "bendungan"  # a deleted document's words stay in its segment (as Whoosh's did)
    open_index().optimize()  # one merged segment, in a compound file (Whoosh's default)
    after = segment_ids()
    assert len(after) == 1 and not after & before

    assert suggest("kunjngan bendugan") == "kunjungan bendugan"  # the merge dropped the deleted article's words
    assert spelling_dirs() == {f"{spelling.PREFIX}{segment}" for segment in after}


@pytest.mark.django_db
def test_a_segments_words_are_read_with_whooshs_document_frequencies(index_now):
    index_now(make_article("Prabówo ke Garut", body="Garut, Garut dan Bandung."),
              make_article("Banjir di Garut", body="Bandang."))

    with open_index().reader() as reader:
        for leaf, _base in reader.leaf_readers():
            words, freqs = spelling.segment_terms(leaf)
            assert list(zip(words, freqs, strict=True)) == [
                (text.decode(), info.doc_frequency()) for text, info in leaf.iter_field("exact")]
            assert ("garut", 2) in zip(words, freqs, strict=True) and "prabówo" in words
