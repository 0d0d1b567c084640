"""``match=all|any``: how chosen people and countries combine, on the page, the entity pages, the API and the export.

The archive is the fixed one of ``articles/tests/conftest.py``. What these tests lean on: Joko Widodo is named in
bendungan, upacara and debat, Prabowo Subianto in prabowo_ukraina and debat (so both only in debat); Rusia in
rusia_suriah, retno_rusia and berunding, Suriah in rusia_suriah, amerika_suriah and bantuan (both only in rusia_suriah).
"""

from __future__ import annotations

import re
from html import unescape

import pytest

from articles.tests.builders import make_country
from articles.tests.test_export import CSV_URL, content, read_csv
from articles.tests.test_search_views import chips, facet, messages, page, query_of, titles

SEARCH = "/"
BOTH_PEOPLE = {"person": ["joko-widodo", "prabowo-subianto"]}
BOTH_COUNTRIES = {"country": ["RU", "SY"]}


def api(client, params: dict) -> dict:
    """Return the API's answer listing every article (one page, no collapsing)."""
    response = client.get("/api/search", {**params, "per_page": 100, "collapse": "0", "facet_limit": 100})
    assert response.status_code == 200
    return response.json()


def ids(answer: dict) -> set[int]:
    return {result["id"] for result in answer["results"]}


def pks(archive, *names: str) -> set[int]:
    return {getattr(archive.a, name).pk for name in names}


def chip_groups(html: str) -> list[str]:
    """Return the text of each chip of several values as read aloud: "Negara: Rusia atau Suriah" (the × is hidden)."""
    block = re.search(r'<ul class="chips"[^>]*>(.*?)</ul>', html, re.S)
    groups = re.findall(r'<li class="chip-group">(.*?)</li>', block.group(1), re.S) if block else []
    return [" ".join(unescape(re.sub(r'<span aria-hidden="true">×</span>|<[^>]+>', "", group)).split())
            for group in groups]


def removal_names(html: str) -> list[str]:
    """Return the accessible names of the links inside the chips of several values."""
    return [unescape(name) for name in re.findall(r'<li class="chip-group">.*?</li>', html, re.S)
            for name in re.findall(r'aria-label="([^"]*)"', name)]


def toggle(html: str, heading: str) -> dict[str, tuple[str, bool]]:
    """Return the facet's match toggle: label -> (link, current). {} when the facet shows none."""
    section = re.search(r'<section class="facet">\s*<h2>' + re.escape(heading) + r"</h2>(.*?)</section>", html, re.S)
    found = re.search(r'<p class="match-toggle">(.*?)</p>', section.group(1), re.S) if section else None
    if not found:
        return {}
    return {unescape(label): (unescape(url), bool(current)) for url, current, label in
            re.findall(r'<a href="([^"]*)" rel="nofollow"( aria-current="true")?>(.*?)</a>', found.group(1))}


# --- what matches ----------------------------------------------------------------------------------------------------


def test_all_finds_the_articles_naming_every_chosen_person_and_any_finds_either(client, archive):
    assert ids(api(client, {**BOTH_PEOPLE, "match": "all"})) == pks(archive, "debat")
    assert ids(api(client, {**BOTH_PEOPLE, "match": "any"})) == pks(archive, "bendungan", "upacara", "debat",
                                                                    "prabowo_ukraina")
    # Without the parameter: OR, as before it existed.
    assert ids(api(client, BOTH_PEOPLE)) == ids(api(client, {**BOTH_PEOPLE, "match": "any"}))


def test_all_finds_the_articles_naming_every_chosen_country(client, archive):
    assert ids(api(client, {**BOTH_COUNTRIES, "match": "all"})) == pks(archive, "rusia_suriah")
    assert ids(api(client, {**BOTH_COUNTRIES, "match": "any"})) == pks(
        archive, "rusia_suriah", "retno_rusia", "berunding", "amerika_suriah", "bantuan")
    # People and countries together: every chosen value of each.
    assert ids(api(client, {"person": "retno-marsudi", "country": ["RU", "SY"], "match": "all"})) == set()
    assert ids(api(client, {"person": "retno-marsudi", "country": ["RU", "SY"], "match": "any"})) == pks(
        archive, "retno_rusia", "bantuan")


def test_outlets_and_years_stay_or_whatever_match_says(client, archive):
    """An article has one outlet and one year: every one of two would match nothing, so they combine with OR."""
    for match in ("all", "any"):
        assert api(client, {"outlet": ["tempo", "kompas"], "match": match})["total"] == 9
        assert api(client, {"year": ["2016", "2017"], "match": match})["total"] == 9
    assert api(client, {"year": ["2017"], "month": ["2017-01", "2017-11"], "match": "all"})["total"] == 3


def test_the_api_says_which_match_it_applied(client, archive):
    assert api(client, {})["match"] == "any"
    assert api(client, {"match": "ALL"})["match"] == "all"
    answer = api(client, {**BOTH_PEOPLE, "match": "both"})
    assert answer["match"] == "any" and answer["total"] == 4
    assert answer["messages"] == ["Nilai match “both” tidak sah (all atau any); berita yang menyebut salah satu "
                                  "pilihan ditampilkan."]


@pytest.mark.parametrize("value", ["", "semua", "all any", "<script>", "1" * 5000])
def test_a_bad_match_is_a_message_and_the_default_never_a_500(client, archive, value):
    html = page(client, SEARCH, {**BOTH_COUNTRIES, "match": value})
    assert set(titles(html)) == {article.title for article in (archive.a.rusia_suriah, archive.a.retno_rusia,
                                                                archive.a.berunding, archive.a.amerika_suriah,
                                                                archive.a.bantuan)}
    assert "<script>" not in html.split('<ul class="messages"')[-1].split("</ul>")[0]
    if value:
        assert any(message.startswith("Nilai match") for message in messages(html))


# --- the same search everywhere --------------------------------------------------------------------------------------


def test_all_on_the_search_page_equals_the_person_page_with_the_other_chosen(client, archive):
    """The issue's case: the search page gave the OR of both, the entity page the AND."""
    searched = titles(page(client, SEARCH, {**BOTH_PEOPLE, "match": "all", "sort": "newest"}))
    for match in ("all", "any", ""):  # the page's own person is ANDed whatever match says
        html = page(client, "/orang/joko-widodo/", {"person": "prabowo-subianto", "match": match})
        assert titles(html) == searched == [archive.a.debat.title]


def test_a_co_mention_count_on_the_entity_page_equals_the_apis_total_with_all(client, archive):
    html = page(client, "/orang/joko-widodo/")
    for name, slug in (("Prabowo Subianto", "prabowo-subianto"), ("Retno Marsudi", "retno-marsudi")):
        expected = api(client, {"person": ["joko-widodo", slug], "match": "all"})["total"]
        listed = facet(html, "Orang").get(name)  # a person never named with Joko Widodo is not listed
        assert (listed.count if listed else 0) == expected
    assert facet(html, "Orang")["Prabowo Subianto"].count == 1 and "Retno Marsudi" not in facet(html, "Orang")
    html = page(client, "/negara/RU/")
    assert facet(html, "Negara")["Suriah"].count == api(client, {**BOTH_COUNTRIES, "match": "all"})["total"] == 1


def test_entity_page_values_combine_by_match_and_with_the_entity_by_and(client, archive):
    countries = {"country": ["RU", "SY"]}
    any_html = page(client, "/orang/retno-marsudi/", {**countries, "sort": "newest"})
    assert titles(any_html) == [archive.a.bantuan.title, archive.a.retno_rusia.title]
    all_html = page(client, "/orang/retno-marsudi/", {**countries, "match": "all"})
    assert titles(all_html) == []
    # The page says its own person always applies.
    assert "Hanya berita yang menyebut Retno Marsudi dan juga cocok dengan filter ini:" in unescape(any_html)
    assert chip_groups(all_html) == ["Negara: Rusia dan Suriah"]


def test_the_export_lists_the_articles_of_all(client, archive):
    params = {**BOTH_COUNTRIES, "person": "retno-marsudi"}
    for match in ("all", "any"):
        header, rows = read_csv(content(client.get(CSV_URL, {**params, "match": match})))
        assert {int(row["id"]) for row in rows} == ids(api(client, {**params, "match": match}))
        assert header["total"] == len(rows)
    header, rows = read_csv(content(client.get(CSV_URL, {**BOTH_PEOPLE, "match": "all"})))
    assert [int(row["id"]) for row in rows] == [archive.a.debat.pk]


# --- facet counts ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("chosen", [
    {"person": ["joko-widodo"]},
    {"country": ["RU"]},
    {"country": ["RU", "US"]},
    {"person": ["retno-marsudi"], "country": ["SY"]},
    {"q": "pasukan", "country": ["SY"]},
])
def test_counts_under_all_are_the_totals_of_the_searches_with_each_value_added(client, archive, chosen):
    answer = api(client, {**chosen, "match": "all"})
    for name, param in (("people", "person"), ("countries", "country")):
        for value in answer["facets"][name]:
            wider = {**chosen, param: list(dict.fromkeys([*chosen.get(param, []), value["value"]]))}
            assert value["count"] == api(client, {**wider, "match": "all"})["total"], (name, value)
    # The facets an article has one value of keep their disjunctive counts: each other outlet's count is what that
    # outlet alone would find with the people and countries chosen.
    for value in answer["facets"]["outlet"]:
        assert value["count"] == api(client, {**chosen, "outlet": value["value"], "match": "all"})["total"]


def test_counts_under_any_are_unchanged(client, archive):
    """Disjunctive as before: a country's count is what choosing it alone (with the others chosen) would find."""
    answer = api(client, {"country": ["RU"], "match": "any"})
    counts = {value["value"]: value["count"] for value in answer["facets"]["countries"]}
    assert counts == {"RU": 3, "SY": 3, "UA": 2, "US": 2}
    answer = api(client, {"country": ["RU"], "match": "all"})
    counts = {value["value"]: value["count"] for value in answer["facets"]["countries"]}
    assert counts == {"RU": 3, "SY": 1, "UA": 1, "US": 1}


def test_a_chosen_value_no_article_has_leaves_all_empty(client, archive):
    """A country chosen that no indexed article names: "all" finds nothing, "any" what the others find."""
    make_country("FR", "Prancis", "France")
    assert api(client, {"country": ["RU", "FR"], "match": "all"})["total"] == 0
    assert api(client, {"country": ["RU", "FR"], "match": "any"})["total"] == 3


# --- chips, toggle, links --------------------------------------------------------------------------------------------


def test_chips_say_or_and_and(client, archive):
    html = page(client, SEARCH, {**BOTH_COUNTRIES, "outlet": ["tempo", "kompas"], "year": "2017"})
    assert chip_groups(html) == ["Media: Tempo.co atau Kompas.com", "Negara: Rusia atau Suriah"]
    assert set(chips(html)) == {"Media: Tempo.co", "Media: Kompas.com", "Negara: Rusia", "Negara: Suriah",
                                "Tahun: 2017", "Hapus semua"}
    assert removal_names(html) == ["Hapus Tempo.co", "Hapus Kompas.com", "Hapus Rusia", "Hapus Suriah"]
    # Each value is removed alone; the others and match stay.
    html = page(client, SEARCH, {**BOTH_COUNTRIES, "outlet": ["tempo", "kompas"], "match": "all"})
    assert chip_groups(html) == ["Media: Tempo.co atau Kompas.com", "Negara: Rusia dan Suriah"]
    assert query_of(chips(html)["Negara: Rusia"]) == {"outlet": ["tempo", "kompas"], "country": ["SY"],
                                                      "match": ["all"]}


def test_chips_and_toggle_in_english(client, archive):
    html = page(client, "/en/", {**BOTH_COUNTRIES, "match": "all"})
    assert chip_groups(html) == ["Countries: Russia and Syria"]
    assert removal_names(html) == ["Remove Russia", "Remove Syria"]
    assert {label: current for label, (_url, current) in toggle(html, "Countries").items()} == {"all": True,
                                                                                                  "any": False}
    html = page(client, "/en/", BOTH_COUNTRIES)
    assert chip_groups(html) == ["Countries: Russia or Syria"]


def test_the_toggle_shows_with_a_selection_and_switches_match(client, archive):
    html = page(client, SEARCH, {"q": "pasukan"})
    assert toggle(html, "Negara") == {} and toggle(html, "Orang") == {}
    html = page(client, SEARCH, {"q": "pasukan", "country": "SY", "page": "1"})
    found = toggle(html, "Negara")
    assert [(label, current) for label, (_url, current) in found.items()] == [("semua", False), ("salah satu", True)]
    assert query_of(found["semua"][0]) == {"q": ["pasukan"], "country": ["SY"], "match": ["all"]}
    assert query_of(found["salah satu"][0]) == {"q": ["pasukan"], "country": ["SY"]}
    assert toggle(html, "Media") == {}  # outlets always combine with OR: no choice to offer

    html = page(client, SEARCH, {"q": "pasukan", "country": "SY", "match": "all"})
    assert [current for _url, current in toggle(html, "Negara").values()] == [True, False]


def test_links_and_the_form_keep_match(client, archive):
    params = {"country": ["RU", "SY"], "match": "all", "per_page": "1"}
    html = page(client, SEARCH, {"country": ["RU"], "match": "all"})
    links = {unescape(url) for url in re.findall(r'href="([^"]*)"', html)}
    # Every link to a search but the toggle's "salah satu" (which leaves match out: "any" is the default).
    searches = [url for url in links if url.startswith("/?") and url != toggle(html, "Negara")["salah satu"][0]]
    assert len(searches) > 10 and all(query_of(url).get("match") == ["all"] for url in searches)
    assert '<input type="hidden" name="match" value="all">' in html
    # An article carries the search it came from, match included; the facet's "lainnya" page and the export too.
    html = page(client, SEARCH, params)
    article = re.search(r'<ol class="results".*?<h2><a href="([^"]*)"', html, re.S).group(1)
    assert query_of(unescape(article))["match"] == ["all"]
    export = re.search(r'href="(/api/export\.csv[^"]*)"', html).group(1)
    assert query_of(unescape(export))["match"] == ["all"]


def test_the_feed_follows_the_same_rule(client, archive):
    html = page(client, SEARCH, {**BOTH_COUNTRIES, "match": "all"})
    title, url = re.search(r'<link rel="alternate" type="application/atom\+xml" title="([^"]*)" href="([^"]*)">',
                           html).groups()
    assert unescape(title) == "Arsip Berita: Negara: Rusia dan Suriah"
    feed = client.get(unescape(url))
    assert feed.status_code == 200
    assert feed.content.decode().count("<entry>") == 1 and archive.a.rusia_suriah.title in feed.content.decode()
