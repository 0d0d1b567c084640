"""The Atom feeds through the test client: valid Atom 1.0 (RFC 4287), the search's filters, newest first, 50 entries.

The archive is the fixed one of ``articles/tests/conftest.py`` (13 articles; its docstring lists the counts). Atom is
checked by ``assert_atom`` below, a small validator of what RFC 4287 requires (no validator package is installed,
and lxml parses the XML).
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

import pytest
from lxml import etree

from articles.models import Article, Outlet, PersonRedirect
from articles.tests.builders import make_article, make_outlet
from articles.tests.conftest import HOSTILE
from articles.web.feeds import FEED_ENTRIES

# Several seconds in all, like the other modules over the indexed archive (see `make test-fast`): left out of the fast
# run.
pytestmark = pytest.mark.slow

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 3339 section 5.6 date-time, as RFC 4287 section 3.3 requires ("T" and "Z" upper case).
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def children(element, name: str) -> list:
    return element.findall(f"{ATOM}{name}")


def one(element, name: str):
    found = children(element, name)
    assert len(found) == 1, (name, len(found), etree.tostring(element)[:300])
    return found[0]


def links(element, rel: str) -> list[str]:
    return [link.get("href") for link in children(element, "link") if link.get("rel", "alternate") == rel]


def assert_date(element) -> datetime:
    assert RFC3339.fullmatch(element.text), element.text
    return datetime.fromisoformat(element.text.replace("Z", "+00:00"))


def assert_iri(text: str) -> None:
    parts = urlsplit(text)
    assert parts.scheme in ("http", "https", "tag") and (parts.netloc or parts.scheme == "tag"), text


def assert_person(element) -> None:
    assert one(element, "name").text.strip()


def assert_atom(content: bytes):
    """Parse an Atom document and check RFC 4287's requirements (sections 4.1.1-4.2); return the feed element."""
    feed = etree.fromstring(content)
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        one(feed, name)
    assert_iri(one(feed, "id").text)
    assert_date(one(feed, "updated"))
    assert len(links(feed, "self")) == 1 and len(links(feed, "alternate")) == 1
    for href in links(feed, "self") + links(feed, "alternate"):
        assert_iri(href)
    for author in children(feed, "author"):
        assert_person(author)
    assert len(children(feed, "subtitle")) <= 1
    for entry in children(feed, "entry"):
        for name in ("id", "title", "updated", "summary"):
            one(entry, name)
        assert_iri(one(entry, "id").text)
        updated = assert_date(one(entry, "updated"))
        assert len(children(entry, "published")) <= 1
        for published in children(entry, "published"):
            assert assert_date(published) <= updated
        assert len(links(entry, "alternate")) == 1
        assert_iri(links(entry, "alternate")[0])
        assert children(entry, "author") or children(feed, "author"), "an entry without an author in a feed without"
        for author in children(entry, "author"):
            assert_person(author)
        assert one(entry, "summary").get("type", "text") in ("text", "html")
        for category in children(entry, "category"):
            assert category.get("term")
    return feed


def get_feed(client, path: str = "/feed/", params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, (path, params, response.status_code)
    assert response["Content-Type"].startswith("application/atom+xml")
    return assert_atom(response.content)


def entry_ids(feed) -> list[str]:
    return [one(entry, "id").text for entry in children(feed, "entry")]


def article_ids(feed) -> list[int]:
    """Return the article ids of the entries, read from their links (".../artikel/<id>/")."""
    return [int(re.search(r"/artikel/(\d+)/$", links(entry, "alternate")[0]).group(1))
            for entry in children(feed, "entry")]


def api_newest(client, params: dict) -> list[int]:
    answer = client.get("/api/search", {**params, "sort": "newest", "page": 1, "per_page": FEED_ENTRIES}).json()
    return [result["id"] for result in answer["results"]]


@pytest.mark.parametrize("params", [
    {},
    {"q": "suriah"},
    {"q": "rusia", "sort": "relevance", "page": "2", "per_page": "3"},  # the feed ignores all three
    {"outlet": "kompas"},
    {"person": "joko-widodo"},
    {"country": ["RU", "US"]},
    {"from": "2017-01-01", "to": "2017-12-31"},
    {"q": "pasukan", "country": "SY", "year": "2017"},
])
def test_feed_follows_the_search(client, archive, params):
    feed = get_feed(client, params=params)
    expected = api_newest(client, {key: value for key, value in params.items()
                                   if key not in ("sort", "page", "per_page")})
    assert expected and article_ids(feed) == expected
    published = [assert_date(one(entry, "published")) for entry in children(feed, "entry")]
    assert published == sorted(published, reverse=True)


def test_entry_carries_title_link_dates_outlet_and_snippet(client, archive):
    feed = get_feed(client, params={"q": "lavrov"})
    article = archive.a.retno_rusia
    [entry] = children(feed, "entry")
    assert one(entry, "title").text == article.title
    assert links(entry, "alternate") == [f"http://testserver/artikel/{article.pk}/"]
    assert one(entry, "id").text == f"http://testserver/artikel/{article.pk}/"
    assert one(entry, "published").text == "2017-11-21T10:53:00+07:00"  # the zone the page gave (WIB)
    assert one(entry, "updated").text == "2017-11-21T10:53:00+07:00"
    author = one(entry, "author")
    assert one(author, "name").text == "Kompas.com"
    assert one(author, "uri").text == "http://testserver/media/kompas/"
    assert [(c.get("term"), c.get("label")) for c in children(entry, "category")] == [("kompas", "Kompas.com")]
    summary = one(entry, "summary")
    assert summary.get("type") == "html"
    assert "<mark>Lavrov</mark>" in summary.text
    # The feed's own: what it follows, where it is, and when it last changed.
    assert one(feed, "title").text == "Arsip Berita: lavrov"
    assert links(feed, "self") == ["http://testserver/feed/?q=lavrov"]
    assert one(feed, "id").text == "http://testserver/feed/?q=lavrov"
    assert links(feed, "alternate") == ["http://testserver/?q=lavrov&sort=newest"]
    assert one(feed, "updated").text == "2017-11-21T10:53:00+07:00"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    assert "1 berita cocok" in one(feed, "subtitle").text


def test_html_in_titles_and_snippets_is_escaped(client, archive):
    response = client.get("/feed/", {"q": "diplomasi"})
    assert HOSTILE.encode() not in response.content
    feed = assert_atom(response.content)
    [entry] = children(feed, "entry")
    # The title is text: the reader sees the characters, not a script.
    assert one(entry, "title").text == f"{HOSTILE} Diplomasi digital"
    # The summary is HTML: the text is escaped in it, so a reader shows the characters too.
    summary = one(entry, "summary").text
    assert "<script>" not in summary and "&lt;script&gt;alert(1)&lt;/script&gt;" in summary


def test_feed_has_at_most_fifty_entries_newest_first(client, db, index_now):
    outlet = make_outlet()
    for day in range(1, 61):
        make_article(f"Berita hari ke-{day}", outlet=outlet, published=f"2019-{1 + (day - 1) // 28:02d}-"
                     f"{1 + (day - 1) % 28:02d} 09:00")
    make_article("Berita tanpa tanggal", outlet=outlet, published=None)
    index_now()
    feed = get_feed(client)
    titles = [one(entry, "title").text for entry in children(feed, "entry")]
    assert len(titles) == FEED_ENTRIES
    assert titles[0] == "Berita hari ke-60" and titles[-1] == "Berita hari ke-11"
    assert "60 berita cocok" not in one(feed, "subtitle").text and "61 berita cocok" in one(feed, "subtitle").text


def test_undated_article_has_no_published_and_its_archive_time_as_updated(client, db, index_now):
    article = make_article("Berita tanpa tanggal", published=None)
    index_now()
    [entry] = children(get_feed(client), "entry")
    assert children(entry, "published") == []
    assert datetime.fromisoformat(one(entry, "updated").text) == Article.objects.get(pk=article.pk).ingested_at


def test_empty_feed_is_valid(client, archive):
    feed = get_feed(client, params={"q": "tidakadadiarsip"})
    assert children(feed, "entry") == []
    assert "0 berita cocok" in one(feed, "subtitle").text


@pytest.mark.parametrize(("path", "params", "facet", "page"), [
    ("/orang/joko-widodo/feed/", {"person": "joko-widodo"}, "Joko Widodo", "/orang/joko-widodo/"),
    ("/negara/sy/feed/", {"country": "SY"}, "Suriah", "/negara/SY/"),  # the code in either case, the page's in one
    ("/media/detik/feed/", {"outlet": "detik"}, "Detik.com", "/media/detik/"),
])
def test_entity_feed_follows_its_entity(client, archive, path, params, facet, page):
    feed = get_feed(client, path)
    assert article_ids(feed) == api_newest(client, params)
    assert one(feed, "title").text == f"Arsip Berita: {facet}"
    assert links(feed, "alternate") == [f"http://testserver{page}?sort=newest"]
    assert links(feed, "self") == [f"http://testserver{page}feed/"]
    # The entity page's own filters apply to its feed too.
    narrowed = get_feed(client, path, {"year": "2017"})
    assert article_ids(narrowed) == api_newest(client, {**params, "year": "2017"})


def test_unknown_entity_feeds_are_404(client, archive):
    for path in ("/orang/tidak-ada/feed/", "/negara/XX/feed/", "/media/tidak-ada/feed/"):
        assert client.get(path).status_code == 404, path


def test_merged_person_feed_redirects(client, archive):
    PersonRedirect.objects.create(old_slug="jokowi", person=archive.jokowi)
    response = client.get("/orang/jokowi/feed/", {"q": "bendungan"})
    assert response.status_code == 301
    assert response["Location"] == "/orang/joko-widodo/feed/?q=bendungan"


def test_feed_in_english_keeps_its_ids(client, archive):
    indonesian = get_feed(client, params={"q": "suriah"})
    english = get_feed(client, "/en/feed/", {"q": "suriah"})
    assert entry_ids(english) == entry_ids(indonesian)
    assert one(english, "id").text == one(indonesian, "id").text
    assert links(english, "self") == ["http://testserver/en/feed/?q=suriah"]
    assert all("/en/artikel/" in links(entry, "alternate")[0] for entry in children(english, "entry"))


@pytest.mark.parametrize("params", [
    {"from": "kemarin", "to": "2017-13-45"},
    {"q": "rusia " * 2000},
    {"q": "suriah\x00"},
    {"q": "suriah\x01\x0b\x1f"},  # control characters XML cannot hold
    {"outlet": "kompas\x02"},
    {"page": "-1", "per_page": "abc", "sort": "acak", "unknown": "1"},
    {"outlet": ["tidak-ada", "kompas"], "year": "0000"},
    {"q": "\"unbalanced (AND OR"},
])
def test_malformed_parameters_give_a_valid_feed(client, archive, params):
    feed = get_feed(client, params=params)
    assert len(children(feed, "entry")) <= FEED_ENTRIES
    assert one(feed, "subtitle").text


def test_an_editors_control_character_in_a_title_or_name_is_left_out_of_the_feed(client, archive):
    """Ingest cleans pages; the admin takes what an editor types (a title pasted with a form feed)."""
    article = archive.a.rusia_suriah
    Article.objects.filter(pk=article.pk).update(title="Rusia\x0c tarik pasukan")
    Outlet.objects.filter(pk=article.outlet_id).update(name="Tempo\x01.co")
    feed = get_feed(client, params={"q": "suriah"})
    titles = [one(entry, "title").text for entry in children(feed, "entry")]
    assert "Rusia tarik pasukan" in titles


def test_malformed_dates_are_said_in_the_subtitle(client, archive):
    feed = get_feed(client, params={"from": "kemarin", "outlet": "kompas"})
    assert "kemarin" in one(feed, "subtitle").text
    assert article_ids(feed) == api_newest(client, {"outlet": "kompas"})


def test_feed_refuses_post(client, archive):
    assert client.post("/feed/").status_code == 405


@pytest.mark.parametrize(("path", "feed_href"), [
    ("/?q=banjir&page=2&per_page=5&sort=oldest&utm_source=x", "/feed/?q=banjir"),
    ("/", "/feed/"),
    ("/orang/joko-widodo/?year=2016", "/orang/joko-widodo/feed/?year=2016"),
    ("/negara/RU/", "/negara/RU/feed/"),
    ("/media/tempo/", "/media/tempo/feed/"),
    ("/en/?q=banjir", "/en/feed/?q=banjir"),
])
def test_pages_link_their_feed(client, archive, path, feed_href):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    head = html[:html.index("</head>")]
    found = re.findall(r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">', head)
    assert len(found) == 1, head
    title, href = found[0]
    assert title.startswith("Arsip Berita") or title.startswith("News Archive")
    assert href.replace("&amp;", "&") == feed_href
    # The link leads to a valid feed.
    get_feed(client, href.replace("&amp;", "&"))


def test_page_feed_link_title_is_escaped(client, archive):
    html = client.get("/", {"q": f'"{HOSTILE}'}).content.decode()
    head = html[:html.index("</head>")]
    assert "<script>" not in head
