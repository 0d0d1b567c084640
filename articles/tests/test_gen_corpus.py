"""scripts/gen_corpus.py: the benchmark corpus is realistic (a growing Indonesian-looking vocabulary, distinct stories,
a few wire copies), deterministic per (seed, number), and its articles link what their text names.

The tests with the archive's reference data are slow (loading it takes 10-25 s): marked so, they share one load."""

import random
import re
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

import gen_corpus  # noqa: E402 (scripts/ is not a package)
from gen_corpus import (  # noqa: E402
    AFFIXES,
    WIRE_COPY_SHARE,
    WIRE_WINDOW,
    Reference,
    WordStream,
    _nasal,
    article_draft,
    distinct_words,
    synthetic_word,
)


def test_nasal_prefix_follows_the_first_sound_of_the_root():
    assert _nasal("meN", "pukul") == "memukul"
    assert _nasal("meN", "tulis") == "menulis"
    assert _nasal("meN", "sapu") == "menyapu"
    assert _nasal("meN", "kirim") == "mengirim"
    assert _nasal("peN", "ambil") == "pengambil"
    assert _nasal("meN", "lihat") == "melihat"


def test_synthetic_words_are_distinct_lowercase_and_affixed():
    words = [synthetic_word(rank) for rank in range(20_000)]
    assert all(re.fullmatch(r"[a-z]+", word) for word in words)
    assert len(set(words)) > 0.97 * len(words)  # only meN-/peN- sound changes can merge two forms
    root = synthetic_word(0)
    assert [synthetic_word(index) for index in range(len(AFFIXES))][AFFIXES.index(("", "kan"))] == root + "kan"


def test_word_stream_depends_only_on_seed_and_number():
    assert WordStream(1, 5).take(300) == WordStream(1, 5).take(300)
    assert WordStream(1, 5).take(50) != WordStream(1, 6).take(50)


def test_vocabulary_grows_with_the_text_like_heaps_law():
    small = distinct_words(" ".join(WordStream(1, number).take(400)) for number in range(100))
    large = distinct_words(" ".join(WordStream(1, number).take(400)) for number in range(500))
    assert 2.2 * small < large < 5 * small  # sublinear, but far from saturated (the template corpus had 3,861 words)
    assert large > 20_000


def _runs(text: str, length: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[index:index + length]) for index in range(len(words) - length + 1)}


@pytest.fixture(scope="module")
def reference(django_db_setup, django_db_blocker):
    """The reference data (loading it takes a while: once for the module), kept until the module ends."""
    with django_db_blocker.unblock():
        call_command("load_sample_archive", "--reference-only", verbosity=0)
        yield Reference.load()
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.slow
def test_articles_are_distinct_stories_that_name_their_links(reference):
    drafts = [article_draft(number, seed=3, reference=reference) for number in range(40)]
    assert article_draft(7, seed=3, reference=reference).fields == drafts[7].fields  # the same every time
    originals = [draft for draft in drafts if not _is_copy(3, drafts.index(draft))]
    shared = set()
    for index, draft in enumerate(originals):
        for other in originals[index + 1:]:
            shared |= _runs(draft.fields["body"]) & _runs(other.fields["body"])
    assert not shared
    people = {person.pk: person for person in reference.people}
    for draft in drafts:
        assert 2010 <= draft.fields["published"].year <= 2025
        for pk, context in draft.people:
            assert people[pk].name in draft.fields["body"]
            assert context and context in draft.fields["body"]


def _is_copy(seed: int, number: int) -> bool:
    return bool(number) and random.Random(f"arsip-wire:{seed}:{number}").random() < WIRE_COPY_SHARE


@pytest.mark.slow
def test_a_wire_copy_is_another_outlets_near_duplicate(reference):
    number = next(number for number in range(1, 2000) if _is_copy(3, number))
    copy = article_draft(number, seed=3, reference=reference)
    wire = random.Random(f"arsip-wire:3:{number}")
    wire.random()
    source = article_draft(wire.randrange(max(0, number - WIRE_WINDOW), number), seed=3, reference=reference)
    assert copy.fields["title"] == source.fields["title"] and copy.outlet_name
    runs = _runs(source.fields["body"])
    assert len(runs & _runs(copy.fields["body"])) > 0.5 * len(runs)
    assert copy.fields["body"] != source.fields["body"]
    assert copy.fields["source_sha256"] != source.fields["source_sha256"]


@pytest.mark.slow
@pytest.mark.django_db
def test_generate_writes_the_articles_and_their_links(reference):
    from articles.models import Article, ArticlePerson

    report = gen_corpus.generate(30, seed=4)
    assert report.made == 30 and Article.objects.count() == 30
    assert ArticlePerson.objects.exists()
    assert gen_corpus.generate(30, seed=4).made == 0  # a re-run adds only what is missing
    assert distinct_words(gen_corpus.archive_texts()) > 3000
