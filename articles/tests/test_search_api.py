"""GET /api/search through the test client: the shape other programs read, the same parameters as the search page.

The archive is the fixed one of ``articles/tests/conftest.py`` (13 articles; its docstring lists the counts).
"""

from __future__ import annotations

import shutil

import pytest
from whoosh.query import Every

from articles.search import budget, indexing, matching
from articles.tests.builders import make_article
from articles.tests.conftest import HOSTILE

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

API = "/api/search"
# The README's promise: these keys at least (more may be added, none renamed).
TOP_KEYS = {"query", "understood_as", "total", "page", "per_page", "results", "facets", "messages"}
RESULT_KEYS = {"id", "url", "title", "outlet", "published", "snippet"}
FACET_KEYS = {"outlet", "year", "people", "countries"}
VALUE_KEYS = {"value", "label", "count", "selected"}
# API facet -> the URL parameter its values are given back in.
FACET_PARAM = {"outlet": "outlet", "year": "year", "people": "person", "countries": "country"}


def api(client, params=None) -> dict:
    response = client.get(API, params or {})
    assert response.status_code == 200, (params, response.status_code)
    assert response["Content-Type"] == "application/json"
    return response.json()


def ids(answer: dict) -> list[int]:
    return [result["id"] for result in answer["results"]]


def counts(answer: dict, name: str) -> dict[str, int]:
    return {value["value"]: value["count"] for value in answer["facets"][name]}


def selected(answer: dict, name: str) -> set[str]:
    return {value["value"] for value in answer["facets"][name] if value["selected"]}


def test_answer_has_the_documented_shape(client, archive):
    answer = api(client, {"q": "suriah"})
    assert TOP_KEYS <= set(answer)
    assert answer["query"] == "suriah" and answer["understood_as"] == "suriah"
    assert (answer["total"], answer["page"], answer["per_page"]) == (3, 1, 20)
    assert answer["messages"] == []
    assert len(answer["results"]) == 3
    for result in answer["results"]:
        assert RESULT_KEYS <= set(result)
        assert isinstance(result["id"], int) and isinstance(result["snippet"], str)
    assert FACET_KEYS <= set(answer["facets"])
    for name in FACET_KEYS:
        for value in answer["facets"][name]:
            assert set(value) >= VALUE_KEYS
            assert isinstance(value["value"], str) and isinstance(value["count"], int)
            assert isinstance(value["selected"], bool)


def test_result_fields_describe_the_article(client, archive):
    article = archive.a.retno_rusia
    answer = api(client, {"q": "lavrov"})
    assert answer["results"] == [{
        **answer["results"][0],
        "id": article.pk,
        "url": f"/artikel/{article.pk}/",
        "title": "Retno Marsudi bertemu Menlu Rusia",
        "outlet": "kompas",
        "published": "2017-11-21T10:53:00+07:00",
    }]
    assert answer["results"][0]["snippet"].endswith("Retno Marsudi bertemu Sergei <mark>Lavrov</mark> di Moskow.")


def test_a_short_article_is_its_own_snippet(client, archive):
    # The body has 67 characters; snippets are about 260 (articles/search/highlight.py).
    answer = api(client, {"q": "lavrov"})
    assert answer["results"][0]["snippet"] == (
        "Menteri Luar Negeri Retno Marsudi bertemu Sergei <mark>Lavrov</mark> di Moskow.")


def test_empty_query_lists_newest_first_with_every_facet(client, archive):
    answer = api(client)
    assert answer["total"] == 13 and answer["query"] == "" and answer["understood_as"] == ""
    assert ids(answer)[0] == archive.a.bantuan.pk and ids(answer)[-1] == archive.a.bendungan.pk
    published = [result["published"] for result in answer["results"]]
    assert published == sorted(published, reverse=True)
    assert counts(answer, "outlet") == {"tempo": 5, "kompas": 4, "detik": 4}
    assert counts(answer, "year") == {"2016": 3, "2017": 6, "2018": 4}
    assert counts(answer, "people") == {"joko-widodo": 3, "prabowo-subianto": 2, "retno-marsudi": 2}
    assert counts(answer, "countries") == {"RU": 3, "SY": 3, "UA": 2, "US": 2}
    labels = {value["value"]: value["label"] for value in answer["facets"]["countries"]}
    assert labels == {"RU": "Rusia", "SY": "Suriah", "UA": "Ukraina", "US": "Amerika Serikat"}


def test_every_facet_value_is_what_its_parameter_takes(client, archive):
    """Feeding a facet value back in its parameter gives exactly the count the facet announced."""
    facets = api(client)["facets"]
    for name, param in FACET_PARAM.items():
        for value in facets[name]:
            answer = api(client, {param: value["value"]})
            assert answer["total"] == value["count"], (name, value)
            assert selected(answer, name) == {value["value"]}
            assert answer["messages"] == []


@pytest.mark.parametrize("code", ["RU", "ru", "Ru"])
def test_country_code_in_any_case(client, archive, code):
    answer = api(client, {"country": code})
    russian = (archive.a.rusia_suriah, archive.a.retno_rusia, archive.a.berunding)
    assert sorted(ids(answer)) == sorted(article.pk for article in russian)
    assert selected(answer, "countries") == {"RU"}
    assert answer["messages"] == []


def test_or_within_a_facet_and_across_facets(client, archive):
    assert api(client, {"outlet": ["tempo", "kompas"]})["total"] == 9
    answer = api(client, {"outlet": ["tempo", "kompas"], "country": "SY"})
    assert sorted(ids(answer)) == sorted(a.pk for a in (archive.a.rusia_suriah, archive.a.amerika_suriah,
                                                        archive.a.bantuan))


def test_facet_counts_ignore_their_own_selection(client, archive):
    answer = api(client, {"outlet": "tempo", "year": "2017"})
    assert answer["total"] == 3
    assert counts(answer, "outlet") == {"tempo": 3, "detik": 2, "kompas": 1}
    assert selected(answer, "outlet") == {"tempo"}
    assert counts(answer, "year") == {"2016": 1, "2017": 3, "2018": 1}
    assert selected(answer, "year") == {"2017"}


def test_same_parameters_as_the_page_words_dates_sort_pages(client, archive):
    answer = api(client, {"q": "“penarikan pasukan” ATAU ukraina", "from": "1 Jan 2017", "to": "2017-12-31",
                          "sort": "oldest"})
    assert answer["understood_as"] == '"penarikan pasukan" ATAU ukraina'
    assert ids(answer) == [archive.a.rusia_suriah.pk, archive.a.prabowo_ukraina.pk, archive.a.amerika_suriah.pk]

    second = api(client, {"per_page": "5", "page": "2", "sort": "newest"})
    assert (second["total"], second["page"], second["per_page"]) == (13, 2, 5)
    assert len(second["results"]) == 5
    first = api(client, {"per_page": "5", "page": "1", "sort": "newest"})
    assert not set(ids(first)) & set(ids(second))


def test_snippets_are_escaped_html_with_marks(client, archive):
    answer = api(client, {"q": "diplomasi"})
    result = answer["results"][0]
    assert result["title"] == f"{HOSTILE} Diplomasi digital"  # JSON carries the title as text
    assert HOSTILE not in result["snippet"]
    assert result["snippet"] == ("Berita <mark>diplomasi</mark> digital memuat kode "
                                 "&lt;script&gt;alert(1)&lt;/script&gt; di halaman.")


@pytest.mark.parametrize(("params", "message"), [
    ({"q": '"penarikan pasukan'}, "Tanda kutip tidak berpasangan: kata-katanya dicari satu per satu."),
    ({"q": "DAN"}, "Operator “DAN” tanpa kata di sisinya diabaikan."),
    ({"q": "x" * 10_000}, "Pencarian terlalu panjang: hanya 500 karakter pertama yang dipakai."),
    ({"q": "banjir\x1bjakarta"}, "Karakter kontrol dalam pencarian dibuang."),
    ({"outlet": "tidak-ada"}, "Media “tidak-ada” tidak dikenal; filter itu diabaikan."),
    ({"person": "tidak-ada"}, "Orang “tidak-ada” tidak dikenal; filter itu diabaikan."),
    ({"country": "XX"}, "Kode negara “XX” tidak dikenal; filter itu diabaikan."),
    ({"year": "tahun lalu"}, "Tahun “tahun lalu” tidak sah; filter itu diabaikan."),
    ({"from": "31/31/2017"}, "Tanggal “31/31/2017” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan."),
    ({"to": "besok"}, "Tanggal “besok” tidak terbaca (contoh: 1 Jan 2017 atau 2017-01-01); diabaikan."),
    ({"page": "1.5"}, "Halaman “1.5” tidak sah; menampilkan halaman 1."),
    ({"per_page": "-5"}, "Jumlah per halaman “-5” tidak sah; menampilkan 20."),
])
def test_bad_input_is_a_message_not_an_error(client, archive, params, message):
    answer = api(client, params)
    assert message in answer["messages"]
    assert TOP_KEYS <= set(answer)


def test_per_page_over_100_is_capped(client, archive):
    answer = api(client, {"per_page": "101"})
    assert answer["per_page"] == 100
    assert answer["messages"] == ["Paling banyak 100 hasil per halaman."]


def test_a_page_past_the_end_gives_the_last_page(client, archive):
    answer = api(client, {"per_page": "5", "page": "9"})
    assert answer["page"] == 3 and len(answer["results"]) == 3
    assert answer["messages"] == ["Halaman 9 tidak ada; menampilkan halaman 3."]


def test_english_api_labels_and_messages(client, archive):
    answer = client.get("/en" + API, {"outlet": "tidak-ada"}).json()
    assert answer["messages"] == ["Unknown outlet “tidak-ada”; that filter was ignored."]
    assert {value["value"]: value["label"] for value in answer["facets"]["countries"]}["RU"] == "Russia"
    assert answer["results"][0]["url"] == f"/en/artikel/{archive.a.bantuan.pk}/"


# --- the budget: a search that runs out answers with what it has ----------------------------------------------------


def test_a_whole_search_has_incomplete_null(client, archive):
    assert api(client, {"q": "suriah"})["incomplete"] is None


@pytest.mark.parametrize("query", [
    "9" * 500,  # issue 12: 5.1 s in the spelling corrector
    " ".join(f"zq{first}{second}xv" for first in "bcdfghjklm" for second in "prs"),  # 30 unknown words: 4.2 s
    " OR ".join(f"zq{first}{second}xv" for first in "bcdfghjklm" for second in "prs"),  # 30 OR-ed: 6-12.7 s
    " ".join(f"{first}{second}{third}*" for first in "pmk" for second in "ae" for third in "mnr"),  # 18 prefixes
])
def test_worst_case_queries_are_answered_whole(client, archive, query):
    answer = api(client, {"q": query})
    assert (answer["total"], answer["did_you_mean"], answer["incomplete"]) == (0, None, None)


def test_a_search_out_of_time_says_so_under_incomplete(client, archive, monkeypatch):
    monkeypatch.setattr(budget, "SEARCH_SECONDS", 0)

    answer = api(client, {"q": "rusia"})

    message = "Pencarian ini terlalu berat dan dihentikan sebelum selesai: hasilnya mungkin tidak lengkap."
    assert answer["incomplete"] == {"reason": "time", "message": message}
    assert message in answer["messages"]
    assert answer["total"] == 0


@pytest.mark.whoosh_engine
def test_a_search_too_broad_says_so_in_english(client, archive, monkeypatch):
    monkeypatch.setattr(matching, "MAX_PREFIX_TERMS", 1)

    answer = client.get("/en" + API, {"q": "ban* OR rus*"}).json()

    message = "This search is too broad: only some of the words of its prefixes and phrases were searched."
    assert answer["incomplete"] == {"reason": "terms", "message": message}
    assert message in answer["messages"]

def test_head_is_answered_like_get_and_other_methods_are_not(client, archive):
    """Monitors and link checkers ask HEAD: the headers of GET, no body; a write method stays refused."""
    from articles.models import Article

    pk = Article.objects.order_by("pk").first().pk
    for url in ("/", API, f"/artikel/{pk}/", "/cari/faset/outlet/"):
        head, get = client.head(url), client.get(url)
        assert head.status_code == get.status_code == 200, url
        assert head["Content-Type"] == get["Content-Type"] and head.content == b""
    assert client.post(API).status_code == 405


# An index behind the database: the answer says searches are incomplete ------------------------------------------


@pytest.mark.whoosh_engine
def test_the_api_says_searches_are_incomplete_while_articles_wait_for_the_index(client, archive):
    make_article("Gempa di Cianjur")  # saved; its index write (on commit) has not come

    assert api(client, {"q": "rusia"})["messages"] == [
        "Pencarian belum lengkap: 1 berita belum masuk indeks pencarian."]
    assert client.get("/en" + API, {"q": "rusia"}).json()["messages"] == [
        "Searches are incomplete: 1 article is not in the search index yet."]


@pytest.mark.whoosh_engine
def test_the_api_says_so_when_the_index_is_empty_while_the_database_is_not(client, archive):
    with indexing.open_index().writer() as writer:  # an index emptied under a full archive
        writer.delete_by_query(Every())

    answer = api(client, {"q": "rusia"})

    assert answer["total"] == 0
    assert answer["messages"] == ["Pencarian belum lengkap: 13 berita belum masuk indeks pencarian."]


@pytest.mark.whoosh_engine
def test_a_deleted_index_is_reported_and_never_replaced_by_the_web_process(client, archive, tmp_index):
    assert api(client, {"q": "rusia"})["total"] == 3
    shutil.rmtree(tmp_index)

    for _ in range(2):  # every worker, every request
        answer = api(client, {"q": "rusia"})
        assert answer["total"] == 0
        assert answer["messages"] == ["Pencarian sedang tidak tersedia. Coba lagi sebentar lagi."]

    assert not indexing.index_exists()
    assert not tmp_index.exists()


@pytest.mark.parametrize("params", [
    {"q": "presiden"},
    {"q": "", "outlet": "tempo", "person": "joko-widodo", "match": "all"},
    {"q": "rusia", "year": "2017", "page": "2", "per_page": "2", "collapse": "0"},
])
def test_the_answer_is_the_page_built_with_its_links(rf, archive, params):
    """The API builds its page without the HTML's links (search_page(links=False)); its answer is the same."""
    from articles.web.api import page_json
    from articles.web.search_page import search_page

    request = rf.get(API, params)
    with_links = page_json(search_page(request, facet_limit=20, snippets=True))
    assert page_json(search_page(request, facet_limit=20, snippets=True, links=False)) == with_links
