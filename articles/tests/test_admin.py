"""Who may curate, and what the article list costs: the admin's side of issue 5.

Editors are staff members of the "Editor" group (migration 0005): they change the archive and nothing else.
A staff user outside the group is let into the admin but may open no page of the archive.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, PendingIndex
from articles.tests.builders import make_article, make_country, make_outlet, make_person

ARTICLE_ADMIN = "/admin/articles/article/"


@pytest.fixture
def staff_client(client, db):
    client.force_login(User.objects.create_user("budi", "budi@arsip.example", "sandi-staf", is_staff=True))
    return client


@pytest.fixture
def article(db):
    return make_article(
        "Retno Marsudi bertemu Menlu Rusia", outlet=make_outlet("kompas", "Kompas.com", "kompas.com"),
        body="Menteri Luar Negeri Retno Marsudi bertemu Sergei Lavrov di Moskow.",
        people=(make_person("Retno Marsudi"),), countries=(make_country("RU", "Rusia", "Russia"),))


def change_data(article: Article, **changes) -> dict:
    """The article form's fields with empty inline formsets, as a browser would post them."""
    local = article.published_local
    return {
        "outlet": article.outlet_id, "title": article.title, "summary": article.summary,
        "published_0": local.strftime("%d/%m/%Y"), "published_1": local.strftime("%H:%M:%S"),
        "author": "", "editor": "", "dateline": "", "body": article.body, "captions": "",
        "person_links-TOTAL_FORMS": 0, "person_links-INITIAL_FORMS": 0,
        "country_links-TOTAL_FORMS": 0, "country_links-INITIAL_FORMS": 0,
        "revisions-TOTAL_FORMS": 0, "revisions-INITIAL_FORMS": 0,  # the read-only list of earlier versions
        "_save": "Simpan", **changes,
    }


# Who may do what ------------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(ARTICLE_ADMIN)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/login/?next={ARTICLE_ADMIN}"


def test_staff_outside_the_editor_group_may_not_open_an_article(staff_client, article):
    assert staff_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").status_code == 403
    assert staff_client.get(ARTICLE_ADMIN).status_code == 403


def test_staff_outside_the_editor_group_may_not_change_an_article(staff_client, article):
    response = staff_client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", change_data(article, title="Diubah"))
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.title == "Retno Marsudi bertemu Menlu Rusia"


def test_editors_change_articles(editor_client, article, django_capture_on_commit_callbacks):
    assert editor_client.get(f"{ARTICLE_ADMIN}{article.pk}/change/").status_code == 200
    data = change_data(article, title="Retno Marsudi bertemu Sergei Lavrov")
    # The existing links come back unchanged (ids from the page), so nothing but the title changes.
    links = {"person_links": article.person_links.all(), "country_links": article.country_links.all()}
    for prefix, rows in links.items():
        data[f"{prefix}-TOTAL_FORMS"] = data[f"{prefix}-INITIAL_FORMS"] = len(rows)
        for index, link in enumerate(rows):
            field = "person" if prefix == "person_links" else "country"
            data.update({f"{prefix}-{index}-id": link.pk, f"{prefix}-{index}-article": article.pk,
                         f"{prefix}-{index}-{field}": getattr(link, f"{field}_id"),
                         f"{prefix}-{index}-origin": link.origin})
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{ARTICLE_ADMIN}{article.pk}/change/", data)
    assert response.status_code == 302, response.context["errors"] if response.context else None
    article.refresh_from_db()
    assert article.title == "Retno Marsudi bertemu Sergei Lavrov"
    assert article.person_links.count() == 1 and article.country_links.count() == 1
    found = editor_client.get("/api/search", {"q": "Lavrov"}).json()
    assert [result["title"] for result in found["results"]] == ["Retno Marsudi bertemu Sergei Lavrov"]


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"])
def test_editors_may_not_manage_users(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_editors_see_the_archive_but_not_users_on_the_admin_index(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert ARTICLE_ADMIN in html and "/admin/articles/discoveredperson/" in html
    assert "/admin/auth/user/" not in html


# What the article list costs ------------------------------------------------------------------------------------


def add_articles(count: int, start: int = 0) -> None:
    """Add ``count`` articles over two outlets, each with two people and a country (so every column has work)."""
    outlets = [make_outlet("kompas", "Kompas.com", "kompas.com"), make_outlet("detik", "Detik.com", "detik.com")]
    people = [make_person("Joko Widodo"), make_person("Retno Marsudi"), make_person("Prabowo Subianto")]
    countries = [make_country("RU", "Rusia", "Russia"), make_country("SY", "Suriah", "Syria")]
    for number in range(start, start + count):
        make_article(
            f"Berita nomor {number + 1}", outlet=outlets[number % 2], published=f"{2016 + number % 3}-03-10 09:00",
            body=f"Isi berita nomor {number + 1}.", people=(people[number % 3], people[(number + 1) % 3]),
            countries=(countries[number % 2],))


def changelist_queries(client, params=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ARTICLE_ADMIN, params or {})
    assert response.status_code == 200
    return len(queries), len(response.context["cl"].result_list)


def test_the_article_list_costs_the_same_queries_for_5_and_25_articles(editor_client, db):
    add_articles(5)
    five, shown = changelist_queries(editor_client)
    assert shown == 5
    add_articles(20, start=5)
    twenty_five, shown = changelist_queries(editor_client)
    assert shown == 25
    assert twenty_five == five


def test_the_article_list_shows_active_link_counts(editor_client, db):
    add_articles(3)
    response = editor_client.get(ARTICLE_ADMIN)
    rows = {article.title: (article._people, article._countries) for article in response.context["cl"].result_list}
    assert rows == {"Berita nomor 1": (2, 1), "Berita nomor 2": (2, 1), "Berita nomor 3": (2, 1)}


# A save the index cannot take ------------------------------------------------------------------------------------


@pytest.mark.whoosh_engine
def test_an_editor_whose_save_the_index_cannot_take_is_warned_and_the_save_stands(
        editor_client, article, read_only_index, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{ARTICLE_ADMIN}{article.pk}/change/",
                                      change_data(article, title="Retno bertemu Lavrov"), follow=True)

    assert response.status_code == 200
    levels = {str(message): message.level_tag for message in response.context["messages"]}
    warning = next(text for text, level in levels.items() if level == "warning")
    assert warning.startswith("Perubahan tersimpan, tetapi indeks pencarian tidak bisa diperbarui (Permission denied")
    assert "success" in levels.values()  # Django's own "changed successfully" too
    article.refresh_from_db()
    assert article.title == "Retno bertemu Lavrov"
    assert PendingIndex.objects.filter(article_id=article.pk).exists()


def test_an_editor_whose_save_is_indexed_sees_no_warning(editor_client, article, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(f"{ARTICLE_ADMIN}{article.pk}/change/",
                                      change_data(article, title="Retno bertemu Lavrov"), follow=True)

    assert [message.level_tag for message in response.context["messages"]] == ["success"]
    assert not PendingIndex.objects.exists()
