"""Reader pages through the test client, and settings that must hold in production."""

import subprocess
import sys

import pytest
from django.urls import reverse

from articles.models import Article, Outlet

# Many seconds in all (see `make test-fast`): left out of the fast run.
pytestmark = pytest.mark.slow


@pytest.fixture
def hostile_article(db, index_now):
    outlet = Outlet.objects.create(name="Tempo.co", slug="tempo", domain="tempo.co")
    article = Article.objects.create(
        outlet=outlet, title="<script>alert(1)</script> Judul", published="2017-11-21T03:53:00Z",
        body="Paragraf <b>satu</b>.\n\nParagraf dua.", source_sha256="1" * 64, raw_text="x",
    )
    index_now(article)
    return article


def test_list_shows_newest_with_indonesian_date(client, hostile_article):
    response = client.get(reverse("articles:list"))
    assert response.status_code == 200
    assert "Selasa, 21 November 2017 10.53 WIB" in response.content.decode()
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "&lt;script&gt;" in response.content.decode()


def test_detail_escapes_body_and_splits_paragraphs(client, hostile_article):
    response = client.get(hostile_article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "<b>satu</b>" not in html and "&lt;b&gt;satu&lt;/b&gt;" in html
    assert html.count("<p>Paragraf") == 2


def test_unknown_article_is_404(client, db):
    assert client.get("/artikel/999999/").status_code == 404


def test_admin_requires_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_english_through_set_language(client, hostile_article):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/en/").content.decode()
    assert 'lang="en"' in html
    assert "Tuesday, 21 November 2017" in html


def _check_production(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "newsarchive.settings.production", **env},
        capture_output=True, text=True,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _check_production({})
    assert result.returncode != 0
    assert "ARSIP_SECRET_KEY" in result.stderr


def test_production_check_deploy_is_clean(empty_index, tmp_path):
    # An empty index: a fresh checkout has none, and the W001 warning would (rightly) fail the check. A database of
    # the test's own: an archive in var/ would (rightly) meet the empty index with W003.
    result = _check_production({
        "ARSIP_SECRET_KEY": "x" * 60 + "-production-test-key-0123456789", "ARSIP_INDEX_DIR": str(empty_index),
        "ARSIP_DATABASE_URL": f"sqlite:///{tmp_path / 'arsip.sqlite3'}",
    })
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_check_warns_without_search_index(tmp_index):
    result = _check_production({
        "ARSIP_SECRET_KEY": "x" * 60 + "-production-test-key-0123456789", "ARSIP_INDEX_DIR": str(tmp_index),
    })
    assert result.returncode != 0
    assert "articles.W001" in result.stdout + result.stderr and "rebuild_index" in result.stdout + result.stderr


def test_dates_show_in_the_zone_the_page_gave(client, hostile_article):
    hostile_article.published_utc_offset = 8 * 60  # a WITA page: 11.53 WITA is 10.53 WIB
    hostile_article.save()
    html = client.get(hostile_article.get_absolute_url()).content.decode()
    assert "Selasa, 21 November 2017 11.53 WITA" in html
