"""stem()'s root filter (articles/search/roots.py): Sastrawi is skipped only for words it would give back unchanged.

Each test compares stem() with what it returned before the filter (our overrides, then Sastrawi on every alphabetic
word longer than three letters). scripts/bench_stem.py runs the same comparison on the whole dictionary under affixes
and 200k synthetic words.
"""

import sys
from pathlib import Path

from articles.search import schema
from articles.search.roots import RootFilter, root_filter

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_stem import affixed, page_words, synthetic  # noqa: E402 (scripts/ is not a package)

FILTER = root_filter(schema._sastrawi)
SASTRAWI = schema._sastrawi


def stem_before_the_filter(word: str) -> str:
    if word in schema.STEM_OVERRIDES:
        return schema.STEM_OVERRIDES[word]
    if not word.isalpha() or len(word) <= 3:
        return word
    return SASTRAWI.stem(word) or word


def differences(words) -> list[tuple[str, str, str]]:
    """Return (word, stem now, stem before) wherever they differ."""
    found = []
    for word in dict.fromkeys(words):
        now, before = schema.stem.__wrapped__(word), stem_before_the_filter(word)
        if now != before:
            found.append((word, now, before))
    return found


def skipped(words) -> list[str]:
    return [word for word in dict.fromkeys(words) if len(word) > 3 and not FILTER.may_have_root(word)]


def test_nasal_and_stacked_prefixes_still_reach_their_root():
    words = ["menulis", "memukul", "menyapu", "mengirim", "memperbaiki", "diperdengarkan", "pengiriman", "kesehatan"]
    assert [schema.stem(word) for word in words] == [
        "tulis", "pukul", "sapu", "kirim", "baik", "dengar", "kirim", "sehat"]
    assert not skipped(words)


def test_names_and_foreign_words_skip_sastrawi_and_stay_as_they_are():
    words = ["jokowi", "prabowo", "microsoft", "zelensky", "washington", "blockchain", "kyiv"]
    assert skipped(words) == words
    assert [schema.stem(word) for word in words] == words
    assert [stem_before_the_filter(word) for word in words] == words


def test_words_sastrawi_normalises_are_always_asked():
    # Upper case, accents and hyphens: Sastrawi lowers, splits or drops them, so the filter cannot speak for it.
    for word in ["Jokowi", "café", "zürich", "i̇stanbul", "abal-abal"]:
        assert FILTER.may_have_root(word)
    assert schema.stem("café") == stem_before_the_filter("café") == "caf"


def test_a_dictionary_with_a_one_letter_root_asks_about_every_word():
    assert RootFilter(["x", "tulis"]).may_have_root("qwerty")
    assert not RootFilter(["tulis"]).may_have_root("qwerty")
    assert RootFilter(["tulis"]).may_have_root("menulis")


def test_every_dictionary_word_is_stemmed_as_before():
    roots = sorted(SASTRAWI.dictionary.words)
    assert not skipped(roots)
    assert differences(roots[::10]) == []


def test_dictionary_words_under_affixes_are_stemmed_as_before():
    roots = sorted(SASTRAWI.dictionary.words)
    words = list(affixed(roots, root_step=401, combos=2))
    assert len(words) > 5_000
    assert len(skipped(words)) > 500  # the comparison below covers skipped words, not only asked ones
    assert differences(skipped(words)) == []


def test_synthetic_words_are_stemmed_as_before_and_most_skip_sastrawi():
    words = synthetic(3000)
    assert len(skipped(words)) > 0.6 * len(set(words))
    assert differences(words) == []


def test_the_words_of_the_fixture_pages_are_stemmed_as_before():
    words = page_words([ROOT / "fixtures"])
    assert len(words) > 5_000
    assert differences(skipped(words)) == []
