"""Snippets marked from the stem table: the forms of a query's stems are read once, the other words that might be
forms looked up once per page, and only words the table does not know are stemmed. The marks are those of stemming
every word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from articles.search import highlight as highlight_module
from articles.search.budget import Work
from articles.search.highlight import MAX_STEMMED_WORDS, Highlighter, snippets
from articles.search.query import parse_query
from articles.search.schema import TOKEN_PATTERN, stem
from articles.search.stems import StemTable, stem_table, stems_for
from articles.search.terms import HighlightTerms, highlight_terms
from articles.tests.builders import make_article
from articles.tests.search.test_highlight import every_word_stemmed  # the oracle: every word stemmed

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "fixtures" / "sample_articles").glob("*.txt")) + sorted(
    (ROOT / "articles" / "tests" / "pages").glob("*/*.txt"))
QUERIES = [
    "ditangkap", "pemerintahan", "kebijakan", "pertanian", "pengadilan", "menulis", "memukul", "bermain",
    "perekonomian", "diplom* rusia", "presiden jokowi", "inácio", "kunjungan", "dilaporkan", '"Joko Widodo" tangkap',
]


def terms_of(query: str) -> HighlightTerms:
    return highlight_terms(parse_query(query))


def words_of(texts: list[str]) -> set[str]:
    return {word.lower() for text in texts for word in re.findall(TOKEN_PATTERN, text)}


class CountedTable(StemTable):
    """A real stem table that counts the highlighter's questions."""

    def __init__(self, path):
        super().__init__(path)
        self.asked: list[int] = []
        self.forms_asked: list[tuple[frozenset, int]] = []

    def get_many(self, words):
        words = list(words)
        self.asked.append(len(words))
        return super().get_many(words)

    def words_with(self, stems, *, limit=2_000):
        self.forms_asked.append((frozenset(stems), limit))
        return super().words_with(stems, limit=limit)


@pytest.fixture(scope="module")
def page_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in PAGES]


@pytest.fixture
def full_table(tmp_path, page_texts) -> CountedTable:
    """A table holding the stem of every word of the pages, as the index writer leaves it."""
    table = CountedTable(tmp_path / "stems.sqlite3")
    stems_for(words_of(page_texts), table)
    table.asked.clear()
    return table


@pytest.fixture
def stem_calls(monkeypatch):
    """Record the highlighter's calls of the stemmer."""
    calls = []

    def counted(word):
        calls.append(word)
        return stem(word)

    monkeypatch.setattr(highlight_module, "stem", counted)
    return calls


def marks(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


# --- the same marks, with a full, an empty and a broken table -------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_a_full_table_marks_what_stemming_every_word_marks_and_stems_nothing(query, full_table, page_texts,
                                                                            stem_calls):
    text = "\n".join(page_texts)
    terms = terms_of(query)

    assert Highlighter(terms, table=full_table).spans(text) == every_word_stemmed(text, terms)
    assert stem_calls == []


@pytest.mark.parametrize("query", QUERIES)
def test_a_page_of_snippets_from_the_table_is_the_page_without_it(query, full_table, page_texts, stem_calls):
    terms = terms_of(query)

    with_table = snippets(page_texts, terms, Work(), table=full_table)
    stemmed = stem_calls[:]
    without = snippets(page_texts, terms, Work())

    assert with_table == without
    assert stemmed == []
    assert len(full_table.forms_asked) <= 1 and len(full_table.asked) <= 1  # once per query, once per page


@pytest.mark.parametrize("query", QUERIES)
def test_an_empty_table_stems_the_words_and_marks_the_same(query, tmp_path, page_texts):
    text = "\n".join(page_texts)
    terms = terms_of(query)
    marker = Highlighter(terms, table=StemTable(tmp_path / "stems.sqlite3"), max_stemmed=10**6)

    assert marker.spans(text) == every_word_stemmed(text, terms)


@pytest.mark.parametrize("query", ["ditangkap", "pemerintahan", "diplom* rusia", '"Joko Widodo" tangkap'])
def test_a_broken_table_stems_the_words_and_marks_the_same(query, tmp_path, page_texts, caplog):
    path = tmp_path / "stems.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    terms = terms_of(query)

    assert snippets(page_texts, terms, Work(), table=StemTable(path)) == snippets(page_texts, terms, Work())
    assert "cannot be read" in caplog.text


def test_only_the_words_the_table_lacks_are_stemmed(tmp_path, stem_calls):
    table = StemTable(tmp_path / "stems.sqlite3")
    stems_for(["menangkap", "penangkapan", "tangkapan"], table)
    text = "KPK menangkap bupati; penangkapan kedua; ditangkap lagi; tangkapan ikan; sangkar."

    html = Highlighter(terms_of("tangkap"), table=table).highlight(text)

    assert marks(html) == ["menangkap", "penangkapan", "ditangkap", "tangkapan"]
    assert stem_calls == ["ditangkap"]  # "sangkar" lacks the letters "angkap": neither looked up nor stemmed


def test_a_word_the_table_gives_another_stem_is_not_marked_nor_stemmed(tmp_path, stem_calls):
    table = StemTable(tmp_path / "stems.sqlite3")
    stems_for(["perangkap", "menangkap"], table)  # "perangkap" (a trap) holds "angkap" but is its own stem

    html = Highlighter(terms_of("tangkap"), table=table).highlight("perangkap menangkap")

    assert marks(html) == ["menangkap"]
    assert stem_calls == []


def test_escaping_holds_with_the_table(full_table):
    table = full_table
    text = "<script>alert('KPK')</script> KPK menangkap & <b>ditahan</b>"

    html = snippets([text], terms_of("kpk penangkapan"), Work(), table=table)[0]

    assert html == ("&lt;script&gt;alert(&#x27;<mark>KPK</mark>&#x27;)&lt;/script&gt; <mark>KPK</mark> "
                    "<mark>menangkap</mark> &amp; &lt;b&gt;ditahan&lt;/b&gt;")
    assert re.search(r"<(?!/?mark>)", html) is None


# --- bounds -------------------------------------------------------------------------------------------------------


def test_the_forms_of_a_query_with_many_stems_are_bounded_and_the_rest_found_by_look_up(tmp_path, monkeypatch,
                                                                                        stem_calls):
    table = CountedTable(tmp_path / "stems.sqlite3")
    forms = ["menangkap", "penangkapan", "ditangkap", "tangkapan", "tertangkap"]
    stems_for(forms, table)
    monkeypatch.setattr(highlight_module, "MAX_QUERY_FORMS", 2)

    html = Highlighter(terms_of("tangkap banjir"), table=table).highlight(" ".join(forms))

    assert table.forms_asked == [(frozenset({"tangkap", "banjir"}), 1)]
    assert marks(html) == forms
    assert stem_calls == []


def test_words_past_the_look_up_bound_are_stemmed_within_the_stemming_bound(tmp_path, stem_calls):
    table = CountedTable(tmp_path / "stems.sqlite3")
    words = [f"kerusia{chr(97 + number % 26)}{chr(97 + number // 26)}an" for number in range(300)]
    stems_for(words, table)
    table.asked.clear()
    marker = Highlighter(terms_of("rusia"), table=table, max_looked_up=100, max_stemmed=50)

    marker.highlight(" ".join(words))

    assert sum(table.asked) == 100
    assert stem_calls == words[100:150]


def test_a_600_kb_page_of_distinct_candidates_asks_the_table_a_bounded_number_of_times(tmp_path, stem_calls):
    table = CountedTable(tmp_path / "stems.sqlite3")
    text = " ".join(f"kerusia{number}x" for number in range(60_000))  # 600 KB of words holding "usia"

    html = snippets([text] * 20, terms_of("rusia"), Work(), table=table)

    assert len(html) == 20
    assert sum(table.asked) <= highlight_module.MAX_LOOKED_UP_WORDS
    assert len(stem_calls) <= MAX_STEMMED_WORDS


def test_a_page_after_the_time_is_up_asks_nothing(full_table, page_texts, stem_calls):
    html = snippets(page_texts, terms_of("ditangkap"), Work(seconds=0), table=full_table)

    assert not any("<mark>" in item for item in html)
    assert full_table.asked == [] and stem_calls == []


# --- through the pages -----------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_result_page_and_the_article_page_mark_forms_from_the_archives_table(client, index_now, monkeypatch):
    article = make_article("KPK menangkap bupati", body="Penangkapan itu disusul penahanan. Perangkap dipasang.")
    index_now(article)
    stems_for(words_of([article.title, article.body]), stem_table())

    def refuse(word):
        raise AssertionError(f"{word!r} was stemmed at query time")

    monkeypatch.setattr(highlight_module, "stem", refuse)
    results = client.get(reverse("articles:search"), {"q": "ditangkap"}).content.decode()
    reading = client.get(article.get_absolute_url(), {"q": "ditangkap"}).content.decode()

    assert "<mark>Penangkapan</mark> itu disusul penahanan. Perangkap dipasang." in results
    assert "<h1>KPK <mark>menangkap</mark> bupati</h1>" in reading
    assert "<mark>Penangkapan</mark> itu disusul penahanan. Perangkap dipasang." in reading


def test_stemming_stops_when_the_time_is_up(monkeypatch):
    # Each stem "takes" a second of a 2.5-second budget: the fourth word is not stemmed, nor any later one.
    now = [0.0]
    calls = []

    def slow(word):
        calls.append(word)
        now[0] += 1
        return stem(word)

    monkeypatch.setattr(highlight_module, "stem", slow)
    words = [f"kerusia{chr(97 + number)}an" for number in range(10)]

    html = snippets([" ".join(words), "<b>rusia</b>"], terms_of("rusia"), Work(seconds=2.5, clock=lambda: now[0]))

    assert calls == words[:3]
    assert html[1] == "&lt;b&gt;rusia&lt;/b&gt;"  # past the deadline: unmarked, still escaped
