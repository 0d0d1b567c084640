"""Story clusters in the search (issue 15): a story's near copies are one result ("+N versi dari media lain"),
``collapse=0`` shows every article, counts count articles either way, "Berita terkait" leaves out the own story, and
the article page lists the other versions with what each changed."""

from __future__ import annotations

import re

import pytest

from articles.models import Article
from articles.search import engine
from articles.search.engine import SearchFilters
from articles.selectors import article_copies, article_list_related, article_search
from articles.tests.builders import make_article, make_outlet

pytestmark = pytest.mark.django_db

WIRE = "Gempa bermagnitudo 7,4 mengguncang Palu dan Donggala, Sulawesi Tengah, pada Jumat sore."


def cluster(*articles: Article) -> None:
    """Make the articles one story, as fingerprinting at ingest does: the smallest id is the cluster's key."""
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(cluster=min(a.pk for a in articles))


@pytest.fixture
def copies(db, index_now):
    """Two near copies of one story from two outlets, and an unrelated story."""
    tempo = make_outlet("tempo", "Tempo.co", "tempo.co")
    kompas = make_outlet("kompas", "Kompas.com", "kompas.com")
    first = make_article("Gempa guncang Palu", body=WIRE, outlet=tempo, published="2018-09-28 18:10")
    copy = make_article("Gempa kuat guncang Palu", body=WIRE.replace("Jumat sore", "Jumat petang"), outlet=kompas,
                        published="2018-09-28 18:40")
    other = make_article("Gempa kecil di Lombok", body="Gempa kecil terasa di Lombok Utara.", outlet=tempo,
                         published="2018-08-01 08:00")
    cluster(first, copy)
    index_now()
    return first, copy, other


def api(client, params) -> dict:
    response = client.get("/api/search", params)
    assert response.status_code == 200
    return response.json()


def test_two_near_copies_are_one_result_with_plus_one_and_collapse_0_shows_both(client, copies):
    first, copy, other = copies
    html = client.get("/", {"q": "gempa"}).content.decode()
    assert html.count("+1 versi dari media lain") == 1
    shown = re.findall(r'<h2><a href="/artikel/(\d+)/', html)
    assert len(shown) == 2 and str(other.pk) in shown
    assert "2 berita (3 artikel)" in html
    assert "tampilkan semua artikel" in html and "collapse=0" in html
    # The other version is listed under the result, linked, with its outlet.
    start = html.index('<details class="versions">')
    details = html[start:html.index("</details>", start)]
    shown_copy = copy if str(first.pk) in shown else first
    assert f"/artikel/{shown_copy.pk}/" in details and shown_copy.outlet.name in details

    every = client.get("/", {"q": "gempa", "collapse": "0"}).content.decode()
    assert sorted(re.findall(r'<h2><a href="/artikel/(\d+)/', every)) == sorted(str(a.pk) for a in copies)
    assert "+1 versi dari media lain" not in every and "3 berita" in every and "artikel)" not in every


def test_the_api_gives_cluster_size_and_versions_and_counts_articles(client, copies):
    first, copy, other = copies
    answer = api(client, {"q": "gempa"})
    assert (answer["total"], answer["stories"], answer["collapse"]) == (3, 2, True)
    story = next(result for result in answer["results"] if result["id"] in (first.pk, copy.pk))
    assert story["cluster"] == {"id": first.pk, "size": 2}
    assert story["versions"] == [({first.pk, copy.pk} - {story["id"]}).pop()]
    alone = next(result for result in answer["results"] if result["id"] == other.pk)
    assert alone["cluster"] == {"id": other.pk, "size": 1} and alone["versions"] == []
    outlets = {value["value"]: value["count"] for value in answer["facets"]["outlet"]}
    assert outlets == {"tempo": 2, "kompas": 1}  # articles, not stories

    every = api(client, {"q": "gempa", "collapse": "false"})
    assert (every["total"], every["stories"], every["collapse"]) == (3, 3, False)
    assert sorted(result["id"] for result in every["results"]) == sorted(a.pk for a in copies)
    assert all(result["versions"] == [] for result in every["results"])
    assert {r["id"]: r["cluster"]["size"] for r in every["results"]} == {first.pk: 2, copy.pk: 2, other.pk: 1}
    assert {value["value"]: value["count"] for value in every["facets"]["outlet"]} == outlets
    assert api(client, {"q": "gempa", "collapse": "TRUE"})["stories"] == 2


@pytest.mark.parametrize("value", ["2", "ya", "0; DROP", "<b>x</b>"])
def test_a_malformed_collapse_value_gives_a_message_not_a_500(client, copies, value):
    response = client.get("/", {"q": "gempa", "collapse": value})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nilai collapse" in html and "+1 versi dari media lain" in html  # reported, and collapsed as by default
    assert "<b>x</b>" not in html
    answer = api(client, {"q": "gempa", "collapse": value})
    assert answer["collapse"] is True and any("collapse" in message for message in answer["messages"])


def test_english_pages_collapse_too(client, copies):
    response = client.get("/en/", {"q": "gempa"})
    assert response.status_code == 200
    assert response.content.decode().count("<details class=\"versions\">") == 1


def test_the_links_keep_collapse_0(client, copies):
    html = client.get("/", {"q": "gempa", "collapse": "0", "per_page": "1"}).content.decode()
    pagination = html[html.index('class="pagination"'):]
    assert "collapse=0" in pagination[:pagination.index("</nav>")]
    assert '<input type="hidden" name="collapse" value="0">' in html
    assert "gabungkan versi dari media lain" in html


@pytest.fixture
def five_stories(db, index_now):
    """25 articles in 5 stories of 5 copies each, the copies an hour apart; story n's first copy on day n."""
    outlets = [make_outlet(f"media{n}", f"Media {n}", f"media{n}.id") for n in range(5)]
    stories = []
    for story in range(5):
        members = [make_article(f"Banjir kisah {story} versi {copy}", body=f"Banjir melanda daerah {story}.",
                                outlet=outlets[copy], published=f"2020-01-{10 + story:02d} {8 + copy:02d}:00")
                   for copy in range(5)]
        cluster(*members)
        stories.append(members)
    index_now()
    return stories


def _search(**kwargs):
    return article_search(text=kwargs.pop("text", "banjir"), filters=SearchFilters(), snippets=False, **kwargs)


def test_pages_run_over_stories(five_stories):
    seen = []
    for number in (1, 2, 3):
        result = _search(collapse=True, sort="newest", per_page=2, page=number)
        assert (result.total, result.stories, result.pages, result.page) == (25, 5, 3, number)
        seen += [hit.cluster for hit in result.hits]
        assert all(hit.cluster_size == 5 and len(hit.versions) == 4 for hit in result.hits)
    assert sorted(seen) == sorted(story[0].pk for story in five_stories)
    assert seen == [story[0].pk for story in reversed(five_stories)]  # the newest story first
    every = _search(collapse=False, sort="newest", per_page=2)
    assert (every.total, every.stories, every.pages) == (25, 25, 13)
    assert {name: {c.value: c.count for c in counts} for name, counts in every.facets.items()} == \
           {name: {c.value: c.count for c in counts} for name, counts in _search(collapse=True).facets.items()}


def test_the_story_is_shown_by_its_best_ranked_copy_in_the_order(five_stories):
    story = five_stories[2]
    newest = _search(collapse=True, sort="newest", per_page=10)
    oldest = _search(collapse=True, sort="oldest", per_page=10)
    shown_newest = next(hit for hit in newest.hits if hit.cluster == story[0].pk)
    shown_oldest = next(hit for hit in oldest.hits if hit.cluster == story[0].pk)
    assert shown_newest.article_id == story[-1].pk  # the copy published last
    assert shown_newest.versions == [a.pk for a in reversed(story[:-1])]  # the others in the order, newest first
    assert shown_oldest.article_id == story[0].pk and shown_oldest.versions == [a.pk for a in story[1:]]


def test_relevance_shows_the_best_match(db, index_now):
    tempo, kompas = make_outlet("tempo", "Tempo.co", "tempo.co"), make_outlet("kompas", "Kompas.com", "kompas.com")
    weak = make_article("Cuaca hari ini", body="Hujan turun. " * 20 + "Banjir kecil.", outlet=tempo)
    strong = make_article("Banjir Jakarta", body="Banjir banjir banjir di Jakarta.", outlet=kompas,
                          published="2017-11-20 08:00")
    cluster(weak, strong)
    index_now()
    result = _search(collapse=True)
    assert [(hit.article_id, hit.versions) for hit in result.hits] == [(strong.pk, [weak.pk])]


def test_the_versions_listed_are_bounded(db, index_now, monkeypatch):
    monkeypatch.setattr(engine, "VERSIONS_LISTED", 2)
    members = [make_article(f"Banjir versi {n}", body="Banjir di kota.", published=f"2020-01-01 {8 + n:02d}:00")
               for n in range(5)]
    cluster(*members)
    index_now()
    (hit,) = _search(collapse=True, sort="oldest").hits
    assert (hit.article_id, hit.versions, hit.versions_omitted, hit.versions_matching) == \
           (members[0].pk, [members[1].pk, members[2].pk], 2, 4)


def test_unclustered_archives_give_the_same_pages_collapsed_or_not(db, index_now):
    for n in range(12):
        make_article(f"Banjir nomor {n}", body="Banjir " * (n % 4 + 1), published=f"2020-01-{1 + n % 3:02d} 08:00")
    index_now()
    for sort in ("relevance", "newest", "oldest"):
        for number in (1, 2, 3):
            pages = [_search(collapse=collapse, sort=sort, per_page=5, page=number) for collapse in (True, False)]
            assert [h.article_id for h in pages[0].hits] == [h.article_id for h in pages[1].hits]
            assert [(p.total, p.stories, p.pages) for p in pages] == [(12, 12, 3)] * 2


def test_related_leaves_out_the_own_story_and_gives_one_article_per_other_story(db, index_now):
    text = "Banjir besar melanda Jakarta Utara, ribuan warga mengungsi ke masjid."
    own = [make_article(f"Banjir Jakarta {n}", body=text) for n in range(3)]
    others = [make_article(f"Banjir lain {n}", body=text.replace("Utara", "Barat")) for n in range(3)]
    alone = make_article("Warga mengungsi", body="Ribuan warga mengungsi karena banjir besar.")
    cluster(*own)
    cluster(*others)
    index_now()
    related = [article.pk for article in article_list_related(own[0], limit=5)]
    assert not set(related) & {a.pk for a in own}
    assert len(set(related) & {a.pk for a in others}) == 1 and alone.pk in related


def test_the_article_page_lists_the_other_versions_with_their_word_diff_escaped(client, db, index_now):
    tempo, kompas = make_outlet("tempo", "Tempo.co", "tempo.co"), make_outlet("kompas", "Kompas.com", "kompas.com")
    article = make_article("Gempa guncang Palu", body=WIRE, outlet=tempo, published="2018-09-28 18:10")
    copy = make_article("Gempa <script>alert(1)</script> Palu", body=WIRE.replace("sore", "<b>petang</b>"),
                        outlet=kompas, published="2018-09-28 19:05")
    unrelated = make_article("Harga cabai naik", body="Harga cabai naik di pasar.", outlet=kompas)
    cluster(article, copy)
    index_now()
    html = client.get(f"/artikel/{article.pk}/").content.decode()
    section = html[html.index("Versi lain berita ini"):html.index("</section>", html.index("Versi lain berita ini"))]
    assert f"/artikel/{copy.pk}/" in section and "Kompas.com" in section and "28 September 2018" in section
    assert f"/artikel/{unrelated.pk}/" not in section
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    assert "<del>guncang</del>" in section and "<del>sore.</del>" in section
    assert "<ins>&lt;b&gt;petang&lt;/b&gt;.</ins>" in section
    assert "Versi lain berita ini" not in client.get(f"/artikel/{unrelated.pk}/").content.decode()


def test_the_versions_an_article_page_lists_are_bounded_earliest_first(db):
    members = [make_article(f"Banjir {n}", published=f"2020-01-0{9 - n} 08:00") for n in range(5)]
    undated = make_article("Banjir tanpa tanggal", published=None)
    cluster(*members, undated)
    listed, more = article_copies(members[0], limit=3)
    assert [a.pk for a in listed] == [members[4].pk, members[3].pk, members[2].pk] and more == 2
    listed, more = article_copies(members[0], limit=10)
    assert listed[-1].pk == undated.pk and more == 0
