"""Reading: the 404 and 500 pages, HEAD on reader pages, the article page (people and countries beside the story, the
citation, lang="en" on English stories, the print rules), and English searches (the glossary, did-you-mean with its
count). The archive is the fixed one of ``articles/tests/conftest.py``.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from django.test import Client

from articles.ingest.language import text_language
from articles.search.glossary import GLOSSARY, glossary_expand
from articles.search.query import Or, Phrase, Word, parse_query
from articles.tests.builders import make_article, make_outlet
from articles.tests.test_search_views import messages, page, total

SAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / "sample_articles"


def search_box(html: str) -> bool:
    """Return whether the page has a search form sending ``q`` to the search page."""
    form = re.search(r'<form class="search" method="get" action="(/|/en/)" role="search">(.*?)</form>', html, re.S)
    return bool(form) and 'name="q"' in form.group(2)


# --- 404 and 500 -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/tidak-ada/", "/artikel/999999/", "/orang/tidak-ada/", "/negara/ZZ/"])
def test_404_page_has_the_site_layout_and_a_search_box(client, db, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="id">' in html and '<header class="site">' in html
    assert "<h1>Halaman tidak ditemukan</h1>" in html and "Not Found" not in html
    assert search_box(html)


def test_404_page_in_english(client, db):
    response = client.get("/en/tidak-ada/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="en">' in html and '<header class="site">' in html
    assert search_box(html) and 'action="/en/"' in html


def test_404_page_escapes_the_address(client, db):
    response = client.get("/%3Cscript%3Ealert(1)%3C/script%3E/")
    assert response.status_code == 404 and "<script>" not in response.content.decode()


@pytest.fixture
def failing_article(db, monkeypatch):
    """An article whose page raises (its versions cannot be read), as a bug or a lost database would."""
    from articles.web import views

    def fail(article):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "article_versions", fail)
    return make_article("Satu")


@pytest.mark.parametrize(("prefix", "language"), [("", "id"), ("/en", "en")])
def test_500_page_has_the_site_layout_and_a_search_box(settings, failing_article, prefix, language):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get(f"{prefix}{failing_article.get_absolute_url()}")
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html and '<header class="site">' in html
    assert "boom" not in html and "Traceback" not in html
    assert search_box(html)
    # Rendered without a request: no language form that would post without its CSRF token.
    assert 'class="lang"' not in html


def test_500_page_in_indonesian_says_what_happened(settings, failing_article):
    settings.DEBUG = False
    html = Client(raise_request_exception=False).get(failing_article.get_absolute_url()).content.decode()
    assert "<h1>Terjadi kesalahan di server</h1>" in html


# --- HEAD on reader pages --------------------------------------------------------------------------------------------


def reader_paths(archive) -> list[str]:
    article = archive.a.bendungan
    return [
        "/", "/?q=bendungan", "/en/", "/en/?q=flood", f"/artikel/{article.pk}/", f"/en/artikel/{article.pk}/",
        "/orang/joko-widodo/", "/negara/RU/", "/media/tempo/", "/cari/faset/people/",
        "/feed/", "/orang/joko-widodo/feed/", "/negara/RU/feed/", "/media/tempo/feed/",
        "/api/search?q=rusia", f"/api/artikel/{article.pk}", "/api/export.csv?q=rusia", "/api/export.jsonl?q=rusia",
    ]


def test_head_is_answered_on_every_reader_page(client, archive):
    """HEAD gets the GET's status and headers (the server, like the test client, sends no body)."""
    for path in reader_paths(archive):
        got, head = client.get(path), client.head(path)
        assert (path, head.status_code) == (path, 200)
        assert head["Content-Type"] == got["Content-Type"], path


def test_post_is_refused_on_reader_pages(client, archive):
    assert client.post(f"/artikel/{archive.a.bendungan.pk}/").status_code == 405


# --- the article page ------------------------------------------------------------------------------------------------


def test_people_and_countries_are_in_an_aside_before_the_story_text(client, archive):
    html = page(client, archive.a.retno_rusia.get_absolute_url())
    article = re.search(r'<article class="story"[^>]*>(.*?)</article>', html, re.S).group(1)
    aside = re.search(r'<aside class="story-entities" aria-labelledby="story-entities-heading"[^>]*>(.*?)</aside>',
                      article, re.S)
    assert aside, "no aside in the article"
    assert '<a href="/orang/retno-marsudi/">Retno Marsudi</a>' in aside.group(1)
    assert '<a href="/negara/RU/">Rusia</a>' in aside.group(1)
    assert article.index("<aside") < article.index('<div class="story-text">')
    assert article.index("Menteri Luar Negeri Retno Marsudi") > article.index("</aside>")


def test_an_article_without_people_or_countries_has_no_aside(client, archive):
    assert "<aside" not in page(client, archive.a.banjir.get_absolute_url())


def test_the_citation_names_outlet_title_date_url_permalink_and_the_day_accessed(client, db):
    from articles.models import Article

    article = make_article("Banjir rob genangi Jakarta Utara", outlet=make_outlet(), published="2024-03-12 07:30")
    Article.objects.filter(pk=article.pk).update(url="https://tempo.co/banjir-rob")
    html = page(client, article.get_absolute_url())
    section = re.search(r'<section class="citation" aria-labelledby="citation-heading">(.*?)</section>', html, re.S)
    assert section and '<h2 id="citation-heading">Kutip berita ini</h2>' in section.group(1)
    line = unescape(re.search(r'<p class="citation-text">(.*?)</p>', section.group(1), re.S).group(1))
    assert line.startswith("Tempo.co. “Banjir rob genangi Jakarta Utara”. Selasa, 12 Maret 2024 07.30 WIB. "
                           "https://tempo.co/banjir-rob. Diarsipkan ")
    assert f"Arsip Berita: http://testserver/artikel/{article.pk}/. Diakses " in line
    assert re.search(r"Diakses \w+, \d{1,2} \w+ \d{4}\.$", line), line
    # The permalink is the same from an English page: it names the article, not the reader's language.
    english = page(client, f"/en{article.get_absolute_url()}")
    assert f"http://testserver/artikel/{article.pk}/." in english


def test_the_citation_escapes_a_hostile_title(client, archive):
    html = page(client, archive.a.hostile.get_absolute_url())
    line = re.search(r'<p class="citation-text">(.*?)</p>', html, re.S).group(1)
    assert "<script>" not in line and "&lt;script&gt;alert(1)&lt;/script&gt;" in line


def sample(name: str) -> tuple[str, str]:
    """Return the title (first line) and the rest of a sample page."""
    title, _, body = (SAMPLES / name).read_text(encoding="utf-8").partition("\n")
    return title, body.strip()


def test_an_english_article_is_marked_lang_en_and_its_labels_keep_the_page_language(client, db):
    title, body = sample("jakarta-post_2017_retno-rohingya-formula.txt")
    from articles.tests.builders import make_country, make_person

    article = make_article(title, body=body, people=(make_person("Retno Marsudi"),),
                           countries=(make_country("MM", "Myanmar", "Myanmar"),))
    html = page(client, article.get_absolute_url())
    assert '<html lang="id">' in html and '<article class="story" lang="en">' in html
    assert '<div class="meta" lang="id">' in html
    assert re.search(r'<aside class="story-entities" [^>]*lang="id">', html)
    # On the English page the story is English like the page: no lang of its own.
    english = page(client, f"/en{article.get_absolute_url()}")
    assert '<html lang="en">' in english and '<article class="story">' in english


def test_an_indonesian_article_has_no_lang_of_its_own(client, archive):
    html = page(client, archive.a.retno_rusia.get_absolute_url())
    assert '<article class="story">' in html
    english = page(client, f"/en{archive.a.retno_rusia.get_absolute_url()}")
    assert '<article class="story" lang="id">' in english


def test_the_reading_stylesheet_is_linked_and_has_print_rules(client, archive):
    html = page(client, archive.a.banjir.get_absolute_url())
    found = re.search(r'<link rel="stylesheet" href="([^"]*reading[^"]*\.css)">', html)
    assert found, "reading.css not linked"
    css = (Path(__file__).resolve().parents[2] / "static" / "css" / "reading.css").read_text(encoding="utf-8")
    rules = css[css.index("@media print"):]
    assert re.search(r"header\.site, form, nav, aside", rules) and "display: none" in rules


# --- language detection ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.txt")), ids=lambda path: path.stem)
def test_text_language_of_the_sample_pages(path):
    expected = "en" if path.name.startswith("jakarta-post_") else "id"
    assert text_language(path.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("", "id"),
    ("Jakarta 2024", "id"),
    ("The new normal", "id"),  # too short to tell: the archive's language
    ("Menurut dia, the new normal sudah dimulai di Jakarta dan di Bandung yang ramai.", "id"),
    ("The president said that the flood in Jakarta was the worst in a decade.", "en"),
])
def test_text_language_short_and_mixed_texts(text, language):
    assert text_language(text) == language


def test_text_language_reads_a_bounded_start():
    assert text_language("yang dan di " * 5000 + "the of and " * 100_000) == "id"


# --- English searches: the glossary and did-you-mean -----------------------------------------------------------------


def test_the_glossary_is_a_table_of_common_news_words():
    assert 60 <= len(GLOSSARY) <= 150
    assert (GLOSSARY["flood"], GLOSSARY["earthquake"], GLOSSARY["election"], GLOSSARY["corruption"]) == (
        "banjir", "gempa", "pemilu", "korupsi")
    assert all(word == word.lower() and " " not in word for word in GLOSSARY)


def test_glossary_expand_leaves_phrases_fields_and_unknown_words_alone():
    tree, added = glossary_expand(parse_query('"flood relief" judul:flood jakarta hospital').tree)
    assert added == ["rumah sakit"]
    assert Or((Word("hospital"), Phrase(("rumah", "sakit")))) in tree.children
    assert Word("flood", "title") in tree.children and Word("jakarta") in tree.children


def test_glossary_expand_translates_at_most_five_words():
    words = "flood earthquake election corruption president minister police"
    _tree, added = glossary_expand(parse_query(words).tree)
    assert added == ["banjir", "gempa", "pemilu", "korupsi", "presiden"]


def test_english_page_finds_the_indonesian_articles_with_a_notice(client, archive):
    html = page(client, "/en/", {"q": "flood"})
    assert total(html) == "1 article" and total(page(client, "/", {"q": "banjir"})) == "1 berita"
    assert "Banjir melanda Jakarta Utara" in html
    assert any("banjir" in line for line in messages(html)), messages(html)
    assert "suggestion" not in html  # no "Did you mean: food"


def test_the_indonesian_page_does_not_translate(client, archive):
    html = page(client, "/", {"q": "flood"})
    assert total(html) == "0 berita" and not any("banjir" in line for line in messages(html))


def test_the_english_api_and_export_use_the_glossary_too(client, archive):
    answer = client.get("/en/api/search", {"q": "flood"}).json()
    assert answer["total"] == 1 and answer["results"][0]["title"] == "Banjir melanda Jakarta Utara"
    assert client.get("/api/search", {"q": "flood"}).json()["total"] == 0
    lines = client.get("/en/api/export.jsonl", {"q": "flood"}).getvalue().decode().splitlines()
    assert len(lines) == 2 and "Banjir melanda" in lines[1]  # the export's header, then the article


def test_did_you_mean_shows_the_count_of_the_corrected_search(client, archive):
    html = page(client, "/", {"q": "bendugan"})
    found = re.search(r'<p class="suggestion">Mungkin maksud Anda: <a href="[^"]*">bendungan</a>'
                      r' <span class="count">\((\d+) berita\)</span></p>', html)
    assert found and found.group(1) == "1"


@pytest.mark.parametrize("params", [
    {"q": "bendugan zqxwv"},  # the correction leaves a word that finds nothing
    {"q": "bendugan", "outlet": "kompas"},  # the corrected word is in tempo's article only
])
def test_did_you_mean_is_not_offered_when_the_suggestion_finds_nothing(client, archive, params):
    html = page(client, "/", params)
    assert "Mungkin maksud Anda" not in html
    assert client.get("/api/search", params).json()["did_you_mean"] is None


def test_english_pages_say_the_stories_are_indonesian(client, archive):
    english = page(client, "/en/")
    note = re.search(r'<main>\s*<p class="language-note">(.*?)</p>', english, re.S)
    assert note and "flood → banjir" in note.group(1)
    assert "language-note" not in page(client, "/")
    assert "language-note" in page(client, f"/en{archive.a.banjir.get_absolute_url()}")
