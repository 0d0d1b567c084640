"""Entity pages, the pair page and the entity JSON API over the fixed archive (articles/tests/conftest.py).

Every count is checked against the search API's answer for the same filters: the profile is the search's numbers.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import PersonRedirect
from articles.search.facets import FacetCount
from articles.search.highlight import mark_phrases
from articles.search.profiles import EntityProfile
from articles.tests.builders import make_article, make_person
from articles.tests.conftest import HOSTILE
from articles.web.entities import CONTEXT_CHARS, CONTEXT_SOURCE_CHARS, _cut, sentence_naming, timeline_bars


def search_total(client, **params) -> int:
    """The search API's total for ``params``."""
    return client.get("/api/search", params).json()["total"]


def test_person_json_has_the_keys_and_the_search_apis_counts(client, archive):
    answer = client.get("/api/orang/joko-widodo")
    assert answer.status_code == 200
    data = answer.json()
    for key in ("name", "aliases", "first", "last", "total", "timeline", "people", "countries", "outlets", "url"):
        assert key in data
    assert data["name"] == "Joko Widodo"
    assert data["url"] == reverse("articles:person", args=["joko-widodo"])
    assert data["total"] == 3 == search_total(client, person="joko-widodo")
    assert data["first"].startswith("2016-03-10T")
    assert data["last"].startswith("2018-02-14T")
    assert data["first"].endswith("+07:00")
    # Co-mentions: articles naming both, as the person page's search with the other person chosen counts them.
    assert data["people"] == [{"value": "prabowo-subianto", "label": "Prabowo Subianto", "count": 1}]
    assert data["people"][0]["count"] == search_total(client, person="joko-widodo", q="orang:prabowo")
    outlets = {item["value"]: item["count"] for item in data["outlets"]}
    assert outlets == {"tempo": 1, "kompas": 2}
    for slug, count in outlets.items():
        assert count == search_total(client, person="joko-widodo", outlet=slug)
        assert count == _on_entity_page(client, "/orang/joko-widodo/", outlet=slug)


def _on_entity_page(client, path: str, **params) -> int:
    """The total of the entity page's own search with ``params`` chosen (the API of the search fixed to it)."""
    page = client.get(path, params)
    return page.context["page"].total


def test_comention_counts_equal_the_search_with_both(client, archive):
    data = client.get("/api/orang/prabowo-subianto").json()
    assert data["people"] == [{"value": "joko-widodo", "label": "Joko Widodo", "count": 1}]
    assert data["countries"] == [{"value": "UA", "label": "Ukraina", "count": 1}]
    for item in data["people"]:
        assert item["count"] == _on_entity_page(client, "/orang/prabowo-subianto/", person=item["value"])
    for item in data["countries"]:
        assert item["count"] == _on_entity_page(client, "/orang/prabowo-subianto/", country=item["value"])
        assert item["count"] == search_total(client, person="prabowo-subianto", country=item["value"])


def test_comention_count_equals_the_search_apis_match_all(client, archive):
    """Both people, not either: the co-mention count is the search API's total with match=all."""
    answer = client.get("/api/search", {"person": ["joko-widodo", "prabowo-subianto"], "match": "all"}).json()
    assert answer["match"] == "all"
    data = client.get("/api/orang/joko-widodo").json()
    assert data["people"][0]["count"] == answer["total"] == 1


def test_country_timeline_sums_to_the_dated_total(client, archive):
    data = client.get("/api/negara/ru").json()
    assert data["name"] == "Rusia"
    assert data["total"] == 3 == search_total(client, country="RU")
    months = [item["month"] for item in data["timeline"]]
    assert months[0] == "2017-01" and months[-1] == "2018-07"
    assert len(months) == 19  # every month from the first to the last, those without an article too
    assert sum(item["count"] for item in data["timeline"]) == data["total"] - data["undated"]
    countries = {item["value"]: item["count"] for item in data["countries"]}
    assert "RU" not in countries
    assert countries == {"SY": 1, "UA": 1, "US": 1}
    for code, count in countries.items():
        assert count == _on_entity_page(client, "/negara/RU/", country=code)


def test_outlet_profile_counts_its_people(client, archive):
    data = client.get("/api/media/kompas").json()
    assert data["total"] == 4 == search_total(client, outlet="kompas")
    assert data["outlets"] == []  # an article has one outlet: the outlet itself is left out
    people = {item["value"]: item["count"] for item in data["people"]}
    assert people == {"joko-widodo": 2, "retno-marsudi": 2, "prabowo-subianto": 1}
    for slug, count in people.items():
        assert count == search_total(client, outlet="kompas", person=slug)


def test_undated_articles_count_in_the_total_not_the_timeline(client, archive, index_now):
    undated = make_article("Jokowi tanpa tanggal", published=None, body="Joko Widodo berbicara.",
                           people=(archive.jokowi,))
    index_now(undated)
    data = client.get("/api/orang/joko-widodo").json()
    assert data["total"] == 4 and data["undated"] == 1
    assert sum(item["count"] for item in data["timeline"]) == 3
    assert data["last"].startswith("2018-02-14")


def test_unknown_entities_are_404_as_json(client, archive):
    for path in ("/api/orang/tidak-ada", "/api/negara/XX", "/api/media/tidak-ada"):
        answer = client.get(path)
        assert answer.status_code == 404
        assert "error" in answer.json()
    assert client.get("/orang/tidak-ada/dengan/joko-widodo/").status_code == 404
    assert client.get("/orang/joko-widodo/dengan/tidak-ada/").status_code == 404


def test_person_without_articles_has_an_empty_profile(client, archive):
    make_person("Orang Baru")
    data = client.get("/api/orang/orang-baru").json()
    assert data["total"] == 0 and data["first"] is None and data["last"] is None and data["timeline"] == []
    assert client.get("/orang/orang-baru/").status_code == 200


def test_merged_person_redirects_on_the_pair_page_and_the_api(client, archive):
    PersonRedirect.objects.create(old_slug="jokowi-lama", person=archive.jokowi)
    answer = client.get("/orang/jokowi-lama/dengan/prabowo-subianto/?year=2018")
    assert answer.status_code == 301
    assert answer["Location"] == "/orang/joko-widodo/dengan/prabowo-subianto/?year=2018"
    answer = client.get("/api/orang/jokowi-lama")
    assert answer.status_code == 301 and answer["Location"] == "/api/orang/joko-widodo"
    assert client.get("/orang/joko-widodo/dengan/joko-widodo/")["Location"] == "/orang/joko-widodo/"


def test_person_page_shows_timeline_links_and_comentions(client, archive):
    page = client.get("/orang/joko-widodo/")
    assert page.status_code == 200
    html = page.content.decode()
    # A month without stories is drawn (the time line keeps its scale) but is no link to an empty page (issue 16, 5).
    assert 'href="/orang/joko-widodo/?year=2017&amp;month=2017-11"' not in html
    assert 'title="November 2017: 0 berita"' in html
    assert 'href="/orang/joko-widodo/?year=2016&amp;month=2016-03" aria-label="Maret 2016: 1 berita"' in html
    assert 'href="/orang/joko-widodo/?person=prabowo-subianto"' in html
    assert 'href="/orang/joko-widodo/dengan/prabowo-subianto/"' in html  # the pair's own page
    assert "<blockquote>Presiden <mark>Joko Widodo</mark> memimpin upacara bendera.</blockquote>" in html
    # The search under the profile stays the entity's search.
    assert page.context["page"].total == 3
    # A bar's month is the entity page's search of that month.
    month = client.get("/orang/joko-widodo/", {"year": "2016", "month": "2016-03"})
    assert month.context["page"].total == 1


def test_pair_page_shows_both_and_their_articles(client, archive):
    page = client.get(reverse("articles:person_pair", args=["joko-widodo", "prabowo-subianto"]))
    assert page.status_code == 200
    assert page.context["page"].total == 1 == page.context["profile"].total
    html = page.content.decode()
    assert "Debat pemilu Jokowi dan Prabowo" in html
    assert 'href="/orang/joko-widodo/"' in html and 'href="/orang/prabowo-subianto/"' in html
    assert 'href="/orang/joko-widodo/dengan/prabowo-subianto/?year=2018&amp;month=2018-02"' in html
    assert page.context["page"].chips == []  # the second person is the page's, not a filter to take away


def test_mentions_in_context_mark_the_name(client, archive):
    html = client.get("/negara/SY/").content.decode()
    # A story that does not name the country in its body gives its first sentence.
    assert "<blockquote>Indonesia mengirim bantuan kemanusiaan.</blockquote>" in html
    assert "Penarikan pasukan Rusia dari <mark>Suriah</mark> dimulai pekan ini." in html


def test_hostile_name_and_context_are_escaped(client, archive, index_now):
    hostile = make_person(f"Budi {HOSTILE}")
    link = make_article("Berita Budi", body=f"Kata Budi {HOSTILE} di sini.", people=(hostile, archive.jokowi))
    link.person_links.filter(person=hostile).update(context=f"Kata Budi {HOSTILE} di sini.")
    index_now(link)
    html = client.get(f"/orang/{hostile.slug}/").content.decode()
    assert HOSTILE not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Budi &lt;script&gt;alert(1)&lt;/script&gt;</mark>" in html
    html = client.get("/orang/joko-widodo/").content.decode()
    assert HOSTILE not in html


def test_english_api_and_page(client, archive):
    data = client.get("/en/api/negara/RU").json()
    assert data["name"] == "Russia"
    assert data["url"] == "/en/negara/RU/"
    html = client.get("/en/orang/joko-widodo/").content.decode()
    assert 'aria-label="March 2016: 1' in html


def test_a_long_timeline_goes_by_year():
    months = [FacetCount(f"{1990 + n // 12}-{n % 12 + 1:02d}", 1, False) for n in range(0, 300, 5)]
    stats = EntityProfile(total=60, undated=0, first=None, last=None, months=months, counts={}, newest=[])
    bars, by_year = timeline_bars(stats, "/orang/x/")
    assert by_year
    assert [bar.key for bar in bars] == [str(year) for year in range(1990, 2015)]
    assert sum(bar.count for bar in bars) == 60
    assert bars[0].url == "/orang/x/?year=1990"
    short = EntityProfile(total=2, undated=0, first=None, last=None, months=months[:2], counts={}, newest=[])
    bars, by_year = timeline_bars(short, "/orang/x/")
    assert not by_year and [bar.count for bar in bars] == [1, 0, 0, 0, 0, 1]


def test_a_sentence_of_context_is_bounded():
    """A stored page of 600 KB without a full stop: the context is cut around the name, and read from its start only."""
    text = "kata " * 2_000 + "Rusia " + "kata " * 120_000
    sentence = sentence_naming(text, ["Rusia"])
    assert len(sentence) <= CONTEXT_SOURCE_CHARS
    marked = mark_phrases(_cut(sentence, ["Rusia"]), ["Rusia"])
    assert "<mark>Rusia</mark>" in marked
    assert len(marked) <= CONTEXT_CHARS + len("<mark></mark>") + 4


@pytest.mark.parametrize("chosen", [{"country": "UA"}, {"person": "retno-marsudi"}, {"outlet": "kompas"}])
def test_the_pair_pages_filters_narrow_the_articles_naming_both(client, archive, chosen):
    """What a reader chooses on the pair page narrows the articles naming both; it never replaces the second person
    (the search with all three, match=all), and the second person is no facet value to choose again."""
    pair = "/orang/joko-widodo/dengan/prabowo-subianto/"
    both = {"person": ["joko-widodo", "prabowo-subianto"], "match": "all"}
    assert _on_entity_page(client, pair) == search_total(client, **both)
    params = dict(both)
    for name, value in chosen.items():
        params[name] = [*params.get(name, []), value] if name == "person" else value
    assert _on_entity_page(client, pair, **chosen) == search_total(client, **params)
    page = client.get(pair).context["page"]
    assert "prabowo-subianto" not in [value.value for value in page.facets["people"].values]
    assert "person=prabowo-subianto" in page.result_query and "match=all" in page.result_query


def test_a_countrys_sentence_names_it_as_a_whole_word():
    """"AS" (the United States) and "RI" are in many words ("atas", "dari"): a sentence must name them as words."""
    text = "Harga naik di atas rata-rata dari bulan lalu. Menlu AS tiba di Jakarta. Ia bertemu Menlu RI."
    assert sentence_naming(text, ["Amerika Serikat", "AS"]) == "Menlu AS tiba di Jakarta."
    assert sentence_naming(text, ["Indonesia", "RI"]) == "Ia bertemu Menlu RI."
    assert str(mark_phrases("Ia datang as usual dari AS.", ["AS"])) == "Ia datang as usual dari <mark>AS</mark>."
