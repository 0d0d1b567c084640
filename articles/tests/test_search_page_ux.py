"""The search page for a newcomer, a phone and a keyboard, through the test client: the welcome and its numbers, the
example searches, the "Tips pencarian" page, the cards of the entities a query names, the histogram's names and
links, the per-page choice, the skip links and the filter drawer.

The archive is the fixed one of ``articles/tests/conftest.py`` (13 articles over 3 outlets, 2016-2018; Joko Widodo
in 3). Pages are read as decoded HTML with small regexes over the markup of ``templates/articles/``.
"""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import PersonAlias
from articles.search.indexing import deferred
from articles.tests.builders import make_article
from articles.web.welcome import MAX_CARDS, query_phrases

SEARCH = "/"


def page(client, path: str, params=None) -> str:
    """Return the decoded HTML of a GET that must answer 200."""
    response = client.get(path, params or {})
    assert response.status_code == 200, (path, params, response.status_code)
    return response.content.decode()


def welcome_heading(html: str) -> str | None:
    found = re.search(r'<h1 class="welcome">(.*?)</h1>', html, re.S)
    return unescape(found.group(1)) if found else None


def examples(html: str) -> list[tuple[str, str]]:
    """Return (URL, query) of each example search."""
    block = re.search(r'<section class="examples".*?</section>', html, re.S)
    return [(unescape(url), unescape(query)) for url, query in
            re.findall(r'<a href="([^"]*)"><code>(.*?)</code></a>', block.group(0))] if block else []


def cards(html: str) -> list[dict]:
    """Return each entity card: its kind, name, page URL, count and filter URL."""
    block = re.search(r'<ul class="entity-cards"[^>]*>(.*?)</ul>', html, re.S)
    if not block:
        return []
    return [{"kind": kind, "url": unescape(url), "name": unescape(name), "count": int(count),
             "filter_url": unescape(filter_url)} for kind, url, name, count, filter_url in re.findall(
        r'<span class="kind">(.*?):</span> <a href="([^"]*)">(.*?)</a> · (\d+) berita · <a href="([^"]*)"',
        block.group(1))]


def bars(html: str) -> list[tuple[str, str, str]]:
    """Return (link, name, axis label) of every bar of the histogram ("" link for an empty bar)."""
    block = re.search(r'<ol class="bars">(.*?)</ol>', html, re.S)
    assert block, "no histogram"
    return [(unescape(url), unescape(name), unescape(tick)) for url, name, tick in re.findall(
        r'<li>(?:<a class="column[^"]*" href="([^"]*)"[^>]*>|<span class="column empty">)<span class="bar"[^>]*>'
        r'</span><span class="tip">(.*?)</span>(?:</a>|</span>)<span class="tick" aria-hidden="true">(.*?)</span>',
        block.group(1))]


def api(client, params=None) -> dict:
    return json.loads(client.get("/api/search", params or {}).content)


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# --- the welcome -----------------------------------------------------------------------------------------------------


def test_welcome_heading_counts_what_the_api_counts(client, archive):
    html = page(client, SEARCH)
    everything = api(client, {"facet_limit": "1000"})
    outlets = len([value for value in everything["facets"]["outlet"] if value["count"]])
    assert (everything["total"], outlets) == (13, 3)
    assert welcome_heading(html) == f"{everything['total']} berita dari {outlets} media, 2016–2018"


def test_welcome_counts_follow_a_save(client, archive, index_now):
    page(client, SEARCH)  # counted once for this index generation
    index_now(make_article("Gempa di Palu", outlet=archive.tempo, published="2019-09-28 18:00"))

    assert welcome_heading(page(client, SEARCH)) == "14 berita dari 3 media, 2016–2019"


def test_welcome_only_when_nothing_is_asked(client, archive):
    assert welcome_heading(page(client, SEARCH, {"q": "rusia"})) is None
    assert welcome_heading(page(client, SEARCH, {"outlet": "tempo"})) is None
    assert welcome_heading(page(client, SEARCH, {"page": "2", "per_page": "10"})) is None
    # The entity pages share the body, not the welcome.
    assert welcome_heading(page(client, "/orang/joko-widodo/")) is None
    assert '<h1 class="visually-hidden">Cari berita</h1>' in page(client, SEARCH, {"q": "rusia"})


def test_empty_archive_has_no_welcome_and_says_how_to_fill_it(client, db):
    html = page(client, SEARCH)
    assert welcome_heading(html) is None
    assert "Arsip masih kosong" in html


def total(html: str) -> int:
    return int(re.search(r'<p class="total">(\d+)', html).group(1))


def test_example_searches_are_links_that_find_something(client, archive, index_now):
    PersonAlias.objects.create(person=archive.jokowi, name="Jokowi")
    index_now(make_article("Ibu kota pindah ke Kalimantan", outlet=archive.kompas, published="2019-08-26 12:00"))
    found = examples(page(client, SEARCH))
    assert [query for _, query in found] == ['"ibu kota"', "rusia ATAU ukraina", "rusia -ukraina", "orang:jokowi"]
    for url, query in found:
        assert query_of(url) == {"q": [query]}
        html = page(client, url)
        assert total(html) > 0 and '<ul class="messages"' not in html, query


def test_search_box_links_the_tips_page(client, archive):
    assert '<a class="tips" href="/cari/tips/">Tips pencarian</a>' in page(client, SEARCH)
    assert '<a class="tips" href="/en/cari/tips/">' in page(client, "/en/")


# --- the tips page ---------------------------------------------------------------------------------------------------


def test_tips_page_lists_the_syntax_with_searches_that_run(client, archive):
    PersonAlias.objects.create(person=archive.jokowi, name="Jokowi")
    html = page(client, "/cari/tips/")
    assert "<h1>Tips pencarian</h1>" in html and '<table class="tips">' in html
    queries = [unescape(query) for query in re.findall(r"<td><a [^>]*><code>(.*?)</code>", html)]
    for part in ('"penarikan pasukan"', "rusia ATAU ukraina", "banjir -jakarta", "rusia DAN ukraina", "korup*",
                 "judul:banjir", "orang:jokowi", "negara:rusia", "media:tempo"):
        assert part in queries
    for url in re.findall(r'<a href="(/\?q=[^"]*)"', html):
        assert '<ul class="messages"' not in page(client, unescape(url)), url  # each example is read as it is meant


def test_tips_page_in_english(client, db):
    response = client.get("/en/cari/tips/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert 'href="/en/?q=' in html  # its examples search in English too
    assert client.head("/cari/tips/").status_code == 200


# --- entity cards ----------------------------------------------------------------------------------------------------


def test_an_alias_in_the_words_gives_the_person_card(client, archive):
    PersonAlias.objects.create(person=archive.jokowi, name="Jokowi")
    found = cards(page(client, SEARCH, {"q": "jokowi"}))
    person_page = api(client, {"person": "joko-widodo"})

    assert [(card["kind"], card["name"], card["url"]) for card in found] == [
        ("Orang", "Joko Widodo", "/orang/joko-widodo/")]
    assert found[0]["count"] == person_page["total"] == 3
    assert found[0]["filter_url"] == "/?person=joko-widodo"
    # The person page itself says the same number.
    assert '<p class="total">3 berita</p>' in page(client, "/orang/joko-widodo/")


def test_a_name_inside_a_longer_query_keeps_the_other_words_in_the_filter(client, archive):
    found = cards(page(client, SEARCH, {"q": "joko widodo bendungan", "outlet": "tempo"}))
    assert [card["name"] for card in found] == ["Joko Widodo"]
    assert query_of(found[0]["filter_url"]) == {"q": ["bendungan"], "outlet": ["tempo"], "person": ["joko-widodo"]}


def test_a_prefixed_name_leaves_the_other_words_in_the_filter(client, archive):
    PersonAlias.objects.create(person=archive.jokowi, name="Jokowi")
    found = cards(page(client, SEARCH, {"q": 'orang:jokowi "ibu kota"'}))
    assert [card["name"] for card in found] == ["Joko Widodo"]
    assert query_of(found[0]["filter_url"]) == {"q": ['"ibu kota"'], "person": ["joko-widodo"]}


def name_lookups(captured) -> int:
    """Return how many of the captured SQL queries looked names up for the cards (selectors.entities_named_by)."""
    return sum('LOWER("articles_' in query["sql"] for query in captured.captured_queries)


def test_cards_cost_the_same_queries_for_one_word_or_two_thousand_characters(client, archive):
    PersonAlias.objects.create(person=archive.jokowi, name="Jokowi")
    page(client, SEARCH, {"q": "jokowi"})  # the archive's counts: once per index generation
    with CaptureQueriesContext(connection) as short:
        page(client, SEARCH, {"q": "jokowi"})
    with CaptureQueriesContext(connection) as long:
        page(client, SEARCH, {"q": ("jokowi rusia " * 200)[:2000]})
    # One query says which of the five tables hold a name of the words (selectors._tables_naming), then only those
    # are read, whatever the number of words: the person aliases ("Jokowi"), and the countries ("Rusia").
    assert name_lookups(short) == 1 + 1
    assert name_lookups(long) == 1 + 2 <= 1 + 5
    with CaptureQueriesContext(connection) as plain:
        page(client, SEARCH, {"q": ("banjir bendungan " * 200)[:2000]})
    assert name_lookups(plain) == 1


def test_countries_and_outlets_have_cards_and_excluded_words_none(client, archive):
    found = cards(page(client, SEARCH, {"q": "rusia tempo.co -suriah"}))
    assert [(card["kind"], card["name"], card["url"], card["count"]) for card in found] == [
        ("Negara", "Rusia", "/negara/RU/", 3), ("Media", "Tempo.co", "/media/tempo/", 5)]


def test_cards_are_at_most_three(client, archive):
    found = cards(page(client, SEARCH, {"q": "rusia suriah ukraina tempo.co kompas.com joko widodo"}))
    assert len(found) == MAX_CARDS == 3


def test_no_card_for_plain_words_or_on_entity_pages(client, archive):
    assert cards(page(client, SEARCH, {"q": "banjir"})) == []
    assert cards(page(client, "/media/tempo/", {"q": "rusia"})) == []


def test_a_long_query_is_looked_up_by_its_first_twenty_words_only():
    phrases = query_phrases(" ".join(f"kata{number}" for number in range(5000)))
    assert len(phrases) == 20 + 19 + 18
    assert [phrase for _, _, phrase in query_phrases('"joko widodo" ATAU orang:prabowo -rusia')] == [
        "joko widodo", "orang prabowo", "joko", "widodo", "orang", "prabowo"]


# --- the histogram ---------------------------------------------------------------------------------------------------


def test_histogram_by_month_names_its_months_and_links_only_full_bars(client, archive):
    found = bars(page(client, SEARCH, {"year": "2017"}))
    assert [tick for _, _, tick in found] == ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt",
                                              "Nov", "Des"]
    assert [name for _, name, _ in found][:3] == ["Januari 2017: 1", "Februari 2017: 0", "Maret 2017: 1"]
    linked = [name for url, name, _ in found if url]
    assert linked == ["Januari 2017: 1", "Maret 2017: 1", "Mei 2017: 1", "Juni 2017: 1", "November 2017: 2"]


def test_histogram_in_english_names_english_months(client, archive):
    found = bars(page(client, "/en/", {"year": "2017"}))
    assert found[4][1:] == ("May 2017: 1", "May") and found[10][1:] == ("November 2017: 2", "Nov")


def test_histogram_by_year_labels_every_year_and_has_no_svg(client, archive):
    html = page(client, SEARCH)
    assert [(name, tick) for _, name, tick in bars(html)] == [("2016: 3", "2016"), ("2017: 6", "2017"),
                                                              ("2018: 4", "2018")]
    assert "<svg" not in html and 'role="img"' not in html


def test_histogram_of_many_years_writes_two_digits_and_skips_empty_years(client, archive):
    with deferred():
        make_article("Berita lama", outlet=archive.tempo, published="2005-05-05 10:00")
    found = bars(page(client, SEARCH))
    assert len(found) == 14  # 2005 to 2018
    assert [tick for _, _, tick in found][:2] == ["’05", ""]  # 14 years: every second one written
    empty = [name for url, name, _ in found if not url]
    assert empty == [f"{year}: 0" for year in range(2006, 2016)]


# --- per page, skip links, the drawer --------------------------------------------------------------------------------


def per_page_links(html: str) -> list[tuple[str, str]]:
    block = re.search(r'<p class="per-page">(.*?)</p>', html, re.S)
    return re.findall(r'<(a href="[^"]*"|strong aria-current="true")[^>]*>(\d+)<', block.group(1)) if block else []


def test_per_page_choices_keep_the_search_and_go_to_page_one(client, archive):
    html = page(client, SEARCH, {"outlet": ["tempo", "kompas", "detik"], "page": "2", "per_page": "10"})
    assert len(re.findall(r"<h2><a ", html)) == 3
    found = per_page_links(html)
    assert [number for _, number in found] == ["10", "20", "50", "100"]
    assert found[0][0] == 'strong aria-current="true"'
    url = unescape(re.search(r'href="([^"]*)"', found[2][0]).group(1))
    assert query_of(url) == {"outlet": ["tempo", "kompas", "detik"], "per_page": ["50"]}
    assert len(re.findall(r"<h2><a ", page(client, url))) == total(html) == 13


def test_per_page_is_not_offered_for_ten_results_or_fewer(client, archive):
    assert per_page_links(page(client, SEARCH, {"q": "rusia"})) == []


def test_skip_links_lead_to_the_results_and_the_filters(client, archive):
    html = page(client, SEARCH, {"q": "rusia", "outlet": "tempo"})
    body = html.split("<body>", 1)[1]
    assert body.lstrip().startswith('<nav class="skip-links"')
    assert re.search(r'<a href="#hasil">Langsung ke hasil</a><a href="#filter">Langsung ke filter</a>', body)
    assert '<section class="results-column" id="hasil" tabindex="-1"' in html
    assert '<aside class="facets" id="filter" tabindex="-1"' in html
    # The drawer says how many filters are on.
    assert "<summary>Filter (1)</summary>" in html
    assert "<summary>Filter (0)</summary>" in page(client, SEARCH)


def test_the_date_range_is_open_when_it_is_used(client, archive):
    assert '<details class="dates">' in page(client, SEARCH, {"q": "rusia"})
    assert '<details class="dates" open>' in page(client, SEARCH, {"q": "rusia", "from": "2017"})


@pytest.mark.parametrize("path", ["/", "/?q=rusia", "/cari/tips/", "/orang/joko-widodo/"])
def test_search_stylesheet_is_linked(client, archive, path):
    assert '<link rel="stylesheet" href="/static/css/search.css">' in page(client, path)
