"""Issue 13: an article's URL, and the earlier versions of a story an outlet changed (model, service, page, API)."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction

from articles.ingest.types import OutletInfo, ParsedArticle
from articles.models import URL_MAX_LENGTH, Article, ArticleRevision, text_sha256
from articles.selectors import page_already_in
from articles.services.ingest import IngestStatus, article_save_parsed
from articles.tests.builders import make_article, make_outlet
from articles.web.revisions import DIFF_WORDS_MAX, word_diff, words_changed

WIB = ZoneInfo("Asia/Jakarta")
TEMPO = OutletInfo(name="Tempo.co", domain="tempo.co", slug="tempo")
URL = "https://tempo.co/read/1039281/banjir-rob-genangi-jakarta-utara"
FIRST = ("Banjir rob menggenangi permukiman warga di Jakarta Utara sejak Senin pagi.\n\n"
         "Petugas menyiapkan pompa air di tiga kelurahan.\n\n"
         "Warga diminta waspada hingga akhir pekan.")
CHANGED_PARAGRAPH = "Petugas menyiapkan dua belas pompa air dan perahu karet di lima kelurahan."
SECOND = FIRST.replace("Petugas menyiapkan pompa air di tiga kelurahan.", CHANGED_PARAGRAPH)
HOSTILE = "<script>alert(1)</script>"


def parsed(body: str = FIRST, *, title: str = "Banjir rob genangi Jakarta Utara", url: str = URL,
           fetched: str | None = "2024-03-12 08:00", published: str | None = "2024-03-12 07:30") -> ParsedArticle:
    def when(text):
        return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIB) if text else None

    return ParsedArticle(outlet=TEMPO, title=title, published=when(published), body=body, url=url,
                         fetched_at=when(fetched), title_source="header", date_source="header",
                         sources={"title": "html", "published": "url"})


def save(page: ParsedArticle, raw: str | None = None):
    """Save a page whose raw text is its story (or ``raw``): what the ingest batch does after parsing."""
    return article_save_parsed(parsed=page, raw_text=raw if raw is not None else f"{page.title}\n{page.body}",
                               source_name="halaman.html")


@pytest.fixture
def revised(db):
    """A story ingested, then the same URL with one changed paragraph, fetched an hour later."""
    article, first = save(parsed())
    again, second = save(parsed(SECOND, fetched="2024-03-12 09:00"))
    assert (first, second) == (IngestStatus.INGESTED, IngestStatus.UPDATED)
    assert again.pk == article.pk
    return Article.objects.get(pk=article.pk)


# The model


def test_two_articles_cannot_share_a_url(db):
    make_article("Satu").__class__.objects.filter(title="Satu").update(url=URL)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=make_article("Dua", published="2024-01-01 10:00").pk).update(url=URL)


def test_many_articles_have_no_url(db):
    for number in range(3):
        make_article(f"Berita {number}", published=f"2024-01-0{number + 1} 10:00")
    assert Article.objects.filter(url="").count() == 3


def test_a_url_too_long_to_index_is_not_kept(db):
    article, _ = save(parsed(url="https://tempo.co/" + "a" * URL_MAX_LENGTH))
    assert article.url == ""


# The service


def test_a_changed_paragraph_keeps_the_earlier_version(revised):
    assert revised.body == SECOND and revised.url == URL
    assert revised.fetched_at == datetime(2024, 3, 12, 9, 0, tzinfo=WIB)
    (revision,) = revised.revisions.all()
    assert revision.body == FIRST and revision.fetched_at == datetime(2024, 3, 12, 8, 0, tzinfo=WIB)
    assert revision.raw_text.endswith(FIRST)
    assert (revised.title_source, revised.sources) == ("header", {"title": "html", "published": "url"})


def test_the_same_text_again_changes_nothing(revised):
    before = Article.objects.values().get(pk=revised.pk)
    for page in (parsed(SECOND, fetched="2024-03-12 09:00"), parsed(SECOND, fetched="2024-03-12 10:00"),
                 parsed(FIRST)):
        article, status = save(page)
        assert (article.pk, status) == (revised.pk, IngestStatus.UNCHANGED)
    # The same story with other boilerplate around it: the clean text decides, not the page.
    article, status = save(parsed(SECOND, fetched="2024-03-12 11:00"), raw="Menu\nIklan\n" + SECOND)
    assert status == IngestStatus.UNCHANGED
    assert Article.objects.values().get(pk=revised.pk) == before
    assert ArticleRevision.objects.count() == 1


def test_an_older_fetch_arriving_later_joins_the_history_and_the_newest_stays(db):
    third = SECOND + "\n\nPemprov DKI menetapkan status siaga."
    save(parsed(FIRST, fetched="2024-03-12 08:00"))
    article, _ = save(parsed(third, fetched="2024-03-12 12:00"))
    late, status = save(parsed(SECOND, fetched="2024-03-12 10:00"))  # a crawl ingested out of order

    assert (late.pk, status) == (article.pk, IngestStatus.UPDATED)
    article.refresh_from_db()
    assert article.body == third
    assert [revision.body for revision in article.revisions.all()] == [FIRST, SECOND]  # by fetch time
    assert save(parsed(SECOND, fetched="2024-03-12 10:00"))[1] == IngestStatus.UNCHANGED


def test_without_a_url_the_same_outlet_and_headline_within_days_is_a_revision(db):
    first, _ = save(parsed(url="", fetched=None))
    article, status = save(parsed(SECOND, url="", fetched=None, published="2024-03-13 09:15"))
    assert (article.pk, status) == (first.pk, IngestStatus.UPDATED)
    assert article.revisions.get().body == FIRST
    assert Article.objects.get().published == datetime(2024, 3, 13, 9, 15, tzinfo=WIB)


def test_without_a_url_the_same_headline_weeks_later_is_another_story(db):
    save(parsed(url="", fetched=None))
    article, status = save(parsed(SECOND, url="", fetched=None, published="2024-04-02 09:15"))
    assert status == IngestStatus.INGESTED
    assert Article.objects.count() == 2 and not ArticleRevision.objects.exists()


@pytest.mark.parametrize("raw", [None, "<html>the page as the crawl kept it</html>"])
def test_a_story_kept_without_a_url_learns_it_from_a_copy_with_one(db, raw):
    first, _ = save(parsed(url="", fetched=None))
    article, status = save(parsed(), raw=raw)  # the same text (a sidecar gives its URL), or another page of it
    assert (article.pk, status) == (first.pk, IngestStatus.UPDATED)
    assert Article.objects.get().url == URL and not ArticleRevision.objects.exists()
    assert save(parsed(), raw=raw)[1] == IngestStatus.UNCHANGED


def test_a_page_already_in_is_known_by_url_and_digest(revised):
    first_raw = f"Banjir rob genangi Jakarta Utara\n{FIRST}"
    assert page_already_in(url=URL, sha256=text_sha256(first_raw))  # a revision
    assert page_already_in(url=URL, sha256=revised.source_sha256)
    assert page_already_in(url="", sha256=revised.source_sha256)
    assert not page_already_in(url=URL, sha256=text_sha256("lain"))
    assert not page_already_in(url="https://tempo.co/lain", sha256=revised.source_sha256)


# The page and the API


def test_the_page_shows_the_changed_paragraph_word_by_word(client, revised):
    html = client.get(revised.get_absolute_url()).content.decode()
    assert "diperbarui" in html
    assert "<del>tiga</del>" in html
    assert "<ins>dua belas</ins>" in html and "<ins>dan perahu karet</ins>" in html and "<ins>lima</ins>" in html
    assert f'<a href="{URL}" rel="noopener noreferrer nofollow">' in html
    assert f"Tempo.co. “Banjir rob genangi Jakarta Utara”. Selasa, 12 Maret 2024 07.30 WIB. {URL}." in html
    assert "Diarsipkan Selasa, 12 Maret 2024." in html


def test_the_page_in_english(client, revised):
    html = client.get(f"/en{revised.get_absolute_url()}").content.decode()
    assert "Read on the original site" in html and "Archived Tuesday, 12 March 2024." in html


def test_an_article_without_revisions_shows_no_update(client, db):
    article = make_article("Satu")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "diperbarui" not in html and "<ins>" not in html
    assert "Kutip" in html and "rel=\"noopener" not in html


def test_a_url_that_is_not_http_is_not_a_link(client, db):
    article = make_article("Satu")
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(1)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="javascript' not in html and "javascript:alert(1)." in html  # cited as text


def test_api_article_shape(client, revised):
    response = client.get(f"/api/artikel/{revised.pk}")
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {
        "id", "outlet", "outlet_domain", "title", "summary", "published", "date_only", "author", "editor", "dateline",
        "people", "countries", "body", "captions", "title_source", "date_source", "url", "fetched_at", "sources",
        "revisions"}
    assert (data["id"], data["outlet"], data["outlet_domain"]) == (revised.pk, "Tempo.co", "tempo.co")
    assert (data["url"], data["body"], data["published"]) == (URL, SECOND, "2024-03-12T07:30:00+07:00")
    assert data["fetched_at"] == "2024-03-12T02:00:00+00:00"
    assert data["sources"] == {"title": "html", "published": "url"} and data["title_source"] == "header"
    (revision,) = data["revisions"]
    assert revision["title"] == "Banjir rob genangi Jakarta Utara"
    # "dua belas" and "dan perahu karet" added, "tiga" -> "lima"
    assert revision["changed"] == words_changed(FIRST, SECOND) == 6
    assert client.get(f"/en/api/artikel/{revised.pk}/").json()["id"] == revised.pk


def test_api_article_without_what_was_not_kept(client, db):
    data = client.get(f"/api/artikel/{make_article('Satu').pk}").json()
    assert (data["url"], data["fetched_at"], data["sources"], data["title_source"]) == (None, None, None, None)
    assert data["revisions"] == []


def test_api_unknown_article_is_json_404(client, db):
    for path in ("/api/artikel/999", "/api/artikel/99999999999999999999999"):
        response = client.get(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert "error" in response.json()


def test_a_hostile_title_and_body_are_escaped_in_the_diff_and_citation(client, db):
    outlet = make_outlet()
    save(replace(parsed(f"Isi {HOSTILE} pertama."), title=f"Judul {HOSTILE}"))
    article, _ = save(replace(parsed(f"Isi {HOSTILE} kedua <b>tebal</b>.", fetched="2024-03-12 09:00"),
                              title=f"Judul {HOSTILE}"))
    assert article.outlet == outlet
    html = client.get(article.get_absolute_url()).content.decode()
    assert HOSTILE not in html and "<b>tebal" not in html
    assert "<ins>kedua &lt;b&gt;tebal&lt;/b&gt;.</ins>" in html
    assert "“Judul &lt;script&gt;alert(1)&lt;/script&gt;”" in html


# The difference itself


def test_word_diff_marks_the_changed_words_and_shortens_what_is_shared():
    shared = " ".join(f"kata{number}" for number in range(100))
    parts = word_diff(f"{shared} lama {shared}", f"{shared} baru {shared}")
    assert [part.kind for part in parts] == ["gap", "same", "del", "ins", "same", "gap"]
    assert (parts[2].text, parts[3].text) == ("lama", "baru")


def test_word_diff_work_is_bounded():
    # Repetitive text is difflib's worst case; a changed middle over DIFF_WORDS_MAX words is shown replaced whole.
    old = " ".join(str(n % 97) for n in range(DIFF_WORDS_MAX))
    new = " ".join(str(n % 89) for n in range(DIFF_WORDS_MAX))
    huge_old, huge_new = "a " * 200_000, "b " * 200_000
    started = time.perf_counter()
    assert words_changed(old, new) > 0
    assert words_changed(huge_old, huge_new) == 200_000
    assert [part.kind for part in word_diff(huge_old, huge_new)] == ["del", "ins"]
    assert time.perf_counter() - started < 5


# The admin


def test_editors_see_revisions_read_only_and_the_url(editor_client, revised):
    html = editor_client.get(f"/admin/articles/article/{revised.pk}/change/").content.decode()
    assert URL in html and "revisi artikel" in html.lower()
    assert "Petugas menyiapkan pompa air" not in html  # the list names versions; their text stays in the record
    assert "revisions-0-title" not in html and 'name="revisions-0-DELETE"' not in html  # nothing to edit or delete
    assert "Banjir rob genangi Jakarta Utara" in html


def test_an_editor_saving_the_article_keeps_its_revisions(editor_client, revised):
    from articles.tests.test_admin import change_data

    revision = revised.revisions.get()
    data = change_data(revised, title="Banjir rob di Jakarta Utara", **{
        "revisions-TOTAL_FORMS": 1, "revisions-INITIAL_FORMS": 1, "revisions-0-id": revision.pk,
        "revisions-0-article": revised.pk, "revisions-0-title": "Diubah", "revisions-0-DELETE": "on"})
    response = editor_client.post(f"/admin/articles/article/{revised.pk}/change/", data)
    assert response.status_code == 302
    assert Article.objects.get(pk=revised.pk).title == "Banjir rob di Jakarta Utara"
    assert ArticleRevision.objects.get().title == "Banjir rob genangi Jakarta Utara"  # neither changed nor deleted
