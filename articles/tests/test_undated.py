"""Stories whose page gave no date (issue 11): kept, searchable, shown "tanpa tanggal", a value of the year facet that
filters like any other, last in either date order, and dated by an editor in the admin's queue (the index follows)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.models import Article
from articles.tests.builders import make_article
from articles.tests.search.oracles import OrmArticleFilter as ArticleSearchFilter

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow

API = "/api/search"


@pytest.fixture
def undated(archive, index_now):
    article = make_article("Warga Jakarta Utara membersihkan lumpur banjir", outlet=archive.detik,
                           published=None, body="Banjir surut dan warga membersihkan lumpur dari rumah mereka.")
    index_now(article)
    return article


def _facet(answer: dict, name: str) -> dict[str, dict]:
    return {value["value"]: value for value in answer["facets"][name]}


def test_an_undated_story_is_found_and_shown_without_a_date(client, undated):
    answer = client.get(API, {"q": "lumpur"}).json()
    assert [result["id"] for result in answer["results"]] == [undated.pk]
    assert answer["results"][0]["published"] is None
    page = client.get("/", {"q": "lumpur"})
    assert page.status_code == 200
    assert "tanpa tanggal" in page.content.decode()
    detail = client.get(undated.get_absolute_url())
    assert detail.status_code == 200 and "tanpa tanggal" in detail.content.decode()


def test_the_year_facet_has_a_value_for_undated_stories_last(client, undated):
    years = client.get(API).json()["facets"]["year"]
    assert [value["value"] for value in years] == ["2018", "2017", "2016", "none"]
    assert years[-1]["label"] == "tanpa tanggal" and years[-1]["count"] == 1


@pytest.mark.parametrize("years", [["none"], ["none", "2016"]])
def test_year_none_filters_like_any_year_and_agrees_with_the_database(client, undated, years):
    answer = client.get(API, {"year": years, "per_page": 50}).json()
    expected = set(ArticleSearchFilter({"year": years}, queryset=Article.objects.all()).qs.values_list("pk", flat=True))
    assert {result["id"] for result in answer["results"]} == expected
    assert undated.pk in expected and len(expected) == 1 + 3 * ("2016" in years)
    assert _facet(answer, "year")["none"]["selected"]


def test_the_chip_and_the_histogram_of_undated_stories(client, undated):
    page = client.get("/", {"year": "none"}).content.decode()
    assert "Tahun: tanpa tanggal" in page
    assert client.get("/", {"q": "banjir"}).status_code == 200


@pytest.mark.parametrize("sort", ["newest", "oldest"])
def test_undated_stories_come_last_in_either_date_order(client, undated, sort):
    answer = client.get(API, {"sort": sort, "per_page": 50}).json()
    assert answer["results"][-1]["id"] == undated.pk
    dated = [result["published"] for result in answer["results"][:-1]]
    assert dated == sorted(dated, reverse=sort == "newest")


def test_an_editor_dates_a_story_in_the_queue_and_the_index_follows(editor_client, client, undated,
                                                                   django_capture_on_commit_callbacks):
    queue = reverse("admin:articles_undatedarticle_changelist")
    listing = editor_client.get(queue)
    assert listing.status_code == 200
    assert undated.title in listing.content.decode()
    form = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0", "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(undated.pk), "form-0-published_0": "2017-11-21", "form-0-published_1": "10:53:00",
        "_save": "Simpan",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(queue, form)
    assert response.status_code == 302
    undated.refresh_from_db()
    assert undated.published_local.isoformat() == "2017-11-21T10:53:00+07:00"
    assert undated.title not in editor_client.get(queue).content.decode()  # dated: out of the queue
    answer = client.get(API, {"q": "lumpur", "year": "2017"}).json()
    assert [result["id"] for result in answer["results"]] == [undated.pk]
    assert "none" not in _facet(client.get(API).json(), "year")


def test_the_articles_list_in_the_admin_filters_undated_stories(editor_client, undated, archive):
    listing = editor_client.get(reverse("admin:articles_article_changelist"), {"tahun": "none"})
    assert listing.status_code == 200
    text = listing.content.decode()
    assert undated.title in text and archive.a.banjir.title not in text


def test_english_pages_say_undated(client, undated):
    years = client.get("/en" + API).json()["facets"]["year"]
    assert years[-1] == {"value": "none", "label": "undated", "count": 1, "selected": False}
    assert "undated" in client.get(f"/en/artikel/{undated.pk}/").content.decode()


def test_a_date_range_leaves_undated_stories_out_both_ways(client, undated):
    for params in ({"to": "2017-12-31"}, {"from": "2016-01-01"}, {"from": "2016-01-01", "to": "2030-01-01"}):
        answer = client.get(API, {**params, "per_page": 50}).json()
        expected = set(ArticleSearchFilter(params, queryset=Article.objects.all()).qs.values_list("pk", flat=True))
        assert {result["id"] for result in answer["results"]} == expected
        assert undated.pk not in expected


def test_save_and_continue_after_dating_goes_on_in_the_article_page(editor_client, undated):
    url = reverse("admin:articles_undatedarticle_change", args=[undated.pk])
    response = editor_client.post(url, {"published_0": "2017-11-21", "published_1": "10:53:00", "_continue": "1"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:articles_article_change", args=[undated.pk])


def test_the_undated_value_stays_in_sight_past_the_facet_limit(client, undated):
    years = client.get(API, {"facet_limit": 2}).json()["facets"]["year"]
    assert [value["value"] for value in years] == ["2018", "2017", "none"]  # the page shares this choice
