"""Quoted phrases matched from the exact field's positions (schema 6) give what the field of word pairs gave before.

The old way is kept here, test-only: each document's pairs of neighbouring words counted with the pair analyzer the
``pairs`` field had, and each pair of a phrase scored as a term with BM25 from those counts. The new path must find the
same documents with the same scores.
"""

import pickle
import random
from collections import Counter

import numpy as np
import pytest
from whoosh.analysis import LowercaseFilter, RegexTokenizer, ShingleFilter
from whoosh.formats import Positions

from articles.search import matching
from articles.search.budget import Work
from articles.search.documents import article_documents
from articles.search.facets import facet_arrays
from articles.search.indexing import searcher_get
from articles.search.matching import K1, PHRASE_BOOST, decode_positions
from articles.search.query import parse_query
from articles.search.schema import TOKEN_PATTERN, words
from articles.search.terms import exact_of
from articles.tests.builders import make_article
from articles.tests.search.test_indexing import search_ids

pytestmark = pytest.mark.django_db

ARTICLES = [
    # (title, summary, body, captions): the exact text joins them with new lines, so pairs span the joins.
    ("Suku bunga acuan naik", "Bank Indonesia menaikkan suku bunga.",
     "Suku bunga acuan naik 25 basis poin. Bunga acuan kini 6,25 persen.\n\nSuku   bunga deposito ikut naik.",
     ("Gubernur BI di Jakarta.",)),
    ("Menteri Luar Negeri ke Rusia", "", "Menteri Luar Negeri Retno Marsudi bertemu menteri luar negeri Rusia. "
     "Luar negeri. Negeri luar? Menteri, luar, negeri.", ()),
    ("a a a", "", "a a b a a. A-a a a a. The a is a a.", ("a a",)),
    ("COVID-19 ke-2 di Jakarta", "Kasus COVID-19 naik.", "Gelombang ke-2 COVID-19 di Jakarta; covid-19 ke-2 lagi.",
     ("Foto: COVID-19",)),
    ("Jum'at kelabu", "", "Pada Jum'at pagi, hujan turun. Jum'at, 12/03/2021 hujan lagi.", ()),
    ("yang dan di", "yang di dan", "Yang di yang di yang. Dan di dan di. Di yang dan.", ()),
    ("Banjir Jakarta", "", "Banjir merendam Jakarta.", ("Banjir di Jakarta utara.", "Jakarta banjir lagi.")),
    ("Rock and roll", "", "rock AND roll, rock and roll and rock.", ()),
    ("Ekonomi", "Pertumbuhan ekonomi 5 persen.", "Ekonomi tumbuh 5 persen pada 2021. 5 persen lebih.", ()),
    ("Tanpa isi", "", "Isi berita.", ()),
]

PHRASES = [
    "suku bunga", "suku bunga acuan", "bunga acuan naik", "suku bunga deposito", "acuan kini 6,25 persen",
    "menteri luar negeri", "luar negeri", "negeri luar", "menteri luar", "luar negeri rusia", "Luar Negeri Retno",
    "a a", "a a a", "a a b a", "a b", "b a", "a-a a", "the a is",
    "COVID-19 ke-2", "ke-2 di", "covid-19 di jakarta", "kasus covid-19", "naik gelombang", "jakarta foto",
    "jum'at pagi", "jum'at 12", "12 03 2021", "2021 hujan",
    "yang di", "di yang", "yang dan di", "dan di dan", "di dan di yang",
    "banjir jakarta", "jakarta banjir", "jakarta utara jakarta", "jakarta kasus", "naik bank",
    "rock and roll", "and roll and", "and rock", "roll and rock",
    "5 persen", "persen pada", "2021 5 persen", "persen lebih", "ekonomi ekonomi",
    "isi berita", "berita isi", "tidak ada", "suku", "zzz yyy",
]


def _pair_analyzer():
    """The analyzer of the ``pairs`` field schema 5 had: each two neighbouring words, "suku bunga"."""
    return RegexTokenizer(TOKEN_PATTERN) | LowercaseFilter() | ShingleFilter(size=2, sep=" ")


def _old_pairs(searcher) -> dict[int, Counter]:
    """Return {document number: {pair: count}} as the pairs field held them."""
    reader = searcher.reader()
    ids = {int(fields["id"]): docnum for docnum, fields in reader.iter_docs()}
    analyzer = _pair_analyzer()
    return {ids[article_id]: Counter(token.text for token in analyzer(document["exact"]))
            for article_id, document in article_documents(list(ids))}


def _old_phrase(matcher, pairs: dict[int, Counter], phrase: str):
    """Return (mask, scores) of a phrase as the pairs field matched it: every pair somewhere, each scored by BM25."""
    exact = exact_of(phrase)
    wanted = [f"{first} {second}" for first, second in zip(exact, exact[1:], strict=False)]
    mask = np.ones(matcher.size, dtype=bool)
    scores = np.zeros(matcher.size, dtype=np.float32)
    for pair in wanted:
        ids = np.array(sorted(docnum for docnum, counted in pairs.items() if counted[pair]), dtype=np.int64)
        tf = np.array([pairs[docnum][pair] for docnum in ids], dtype=np.float32)
        found = np.zeros(matcher.size, dtype=bool)
        found[ids] = True
        mask &= found
        if len(ids):
            idf = matcher.idf(len(ids))
            scores[ids] += PHRASE_BOOST * idf * (tf * (K1 + 1) / (tf + matcher.norm[ids]))
    return mask, np.where(mask, scores, 0)


@pytest.fixture
def archive(index_now):
    """The articles indexed in two saves, so that the index has two segments."""
    made = [make_article(title, summary=summary, body=body, captions=captions)
            for title, summary, body, captions in ARTICLES]
    index_now(*made[:4])
    index_now(*made[4:])
    searcher = searcher_get()
    assert len(searcher.reader().leaf_readers()) == 2
    return searcher


def _random_phrases(searcher, count: int) -> list[str]:
    """Runs of 2-4 words taken from the texts, some with a word swapped for another text's word."""
    chooser = random.Random(17)
    texts = [words(document["exact"]) for _id, document in article_documents(
        [int(fields["id"]) for _docnum, fields in searcher.reader().iter_docs()])]
    vocabulary = sorted({word for text in texts for word in text})
    phrases = []
    for _ in range(count):
        text = chooser.choice(texts)
        length = chooser.randint(2, 4)
        start = chooser.randrange(max(len(text) - length, 0) + 1)
        run = text[start:start + length]
        if chooser.random() < 0.3:
            run[chooser.randrange(len(run))] = chooser.choice(vocabulary)
        phrases.append(" ".join(run))
    return phrases


def test_phrases_find_and_score_what_the_pairs_field_did(archive):
    matcher = facet_arrays(archive).matcher
    pairs = _old_pairs(archive)
    checked = 0
    for phrase in PHRASES + _random_phrases(archive, 300):
        if len(exact_of(phrase)) < 2:
            continue
        mask, scores = matcher.run(parse_query(f'"{phrase}"').tree, {})
        old_mask, old_scores = _old_phrase(matcher, pairs, phrase)
        assert mask.tolist() == old_mask.tolist(), phrase
        assert np.allclose(scores, old_scores, rtol=1e-6, atol=1e-7), phrase
        checked += bool(old_mask.any())
    assert checked > 150  # most phrases find something: the comparison is not of empty answers


def test_phrases_across_the_title_and_body_join_and_repeated_words(archive):
    assert search_ids('"kelabu pada"') == search_ids('"jum\'at kelabu"') != []  # title's last word, body's first
    assert search_ids('"a a a"') == search_ids('"b a a"') != []
    assert search_ids('"rusia menteri"') == search_ids('"negeri luar"') != []  # the title's end, the body's start
    assert search_ids('"luar rusia"') == search_ids('"rusia retno"') == []


def test_one_quoted_word_is_the_exact_term(archive):
    matcher = facet_arrays(archive).matcher
    mask, _ = matcher.run(parse_query('"Jakarta"').tree, {})
    ids, _ = matcher.postings.get("exact", "jakarta")
    assert np.flatnonzero(mask).tolist() == ids.tolist() != []


def test_positions_decode_as_whooshs_own():
    chooser = random.Random(3)
    lists = [[0], [5], [1, 2, 3], [0, 1], [7, 300, 70000, 70001, 2**31 - 2]]
    lists += [sorted(chooser.sample(range(5000), chooser.randint(1, 1500))) for _ in range(40)]
    values = [Positions().encode(positions) for positions in lists]
    counts, positions = decode_positions(values)
    assert counts.tolist() == [len(each) for each in lists]
    assert positions.tolist() == [p for value in values for p in Positions().decode_positions(value)]
    assert [len(part) for part in decode_positions([])] == [0, 0]


def test_positions_of_small_gaps_are_read_from_the_bytes_not_unpickled(monkeypatch):
    lists = [[0], [3, 4], list(range(0, 2000, 2)), [255, 510]]
    values = [Positions().encode(positions) for positions in lists]
    unpickled = []

    def noting(data):
        unpickled.append(data)
        return pickle.loads(data)

    monkeypatch.setattr(matching, "loads", noting)
    counts, positions = decode_positions(values)
    assert positions.tolist() == [p for each in lists for p in each] and counts.tolist() == [1, 2, 1000, 2]
    assert unpickled == []  # every gap under 256, at most 1000 of them: the fast path alone
    decode_positions([*values, Positions().encode([1, 300])])
    assert len(unpickled) == 1  # a gap of 256 or more: that value alone is unpickled


def test_values_of_candidates_are_the_matchers_own_over_segments(archive):
    matcher = facet_arrays(archive).matcher
    reader = archive.reader()
    for word in ("jakarta", "di", "a", "naik", "suku"):
        ids, _ = matcher.postings.get("exact", word)
        expected = {}
        for leaf, base in reader.leaf_readers():
            if leaf.doc_frequency("exact", word):
                postings = leaf.postings("exact", word)
                while postings.is_active():
                    expected[postings.id() + base] = postings.value()
                    postings.next()
        some = ids[::2]
        assert matcher.postings.values("exact", word, some) == [expected[int(doc)] for doc in some], word


def test_a_phrase_out_of_time_leaves_out_and_finds_nothing(db, index_now):
    made = [make_article(f"Berita {number}", body="Presiden berkata di Jakarta. Presiden berkata lagi.")
            for number in range(30)]
    index_now(*made)
    matcher = facet_arrays(searcher_get()).matcher
    tree = parse_query('"presiden berkata"').tree
    mask, _ = matcher.run(tree, {}, Work())
    assert int(mask.sum()) == 30

    passed = Work(seconds=0)
    mask, _ = matcher.run(tree, {}, passed)
    assert not mask.any() and "time" in passed.cut


def test_a_phrase_stops_reading_positions_when_the_time_runs_out(db, index_now, monkeypatch):
    """The clock passes the deadline while the positions are read (the words' postings were read in time)."""
    made = [make_article(f"Berita {number}", body="Presiden berkata di Jakarta.") for number in range(30)]
    index_now(*made)
    matcher = facet_arrays(searcher_get()).matcher
    monkeypatch.setattr(matching, "CHECK_EVERY", 4)
    ticks = iter(range(1000))
    work = Work(seconds=4, clock=lambda: next(ticks))  # the deadline falls after three more looks at the clock
    mask, scores = matcher.run(parse_query('"presiden berkata"').tree, {}, work)
    assert not mask.any() and not scores.any()
    assert "time" in work.cut and work.left_out >= 1
    assert next(ticks) < 20  # it stopped soon, not after reading every document's positions
