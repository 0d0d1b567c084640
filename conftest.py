"""Shared fixtures: the gazetteer as plain data, seed pages, and a fresh Whoosh index directory per test."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import pytest

# Fuzz tests (hypothesis): in CI the same examples every run, and no example database to carry between runs; on a
# developer's machine new examples each run, and a failure found once is tried first the next time (.hypothesis/).
if os.environ.get("CI"):
    from hypothesis import settings as hypothesis_settings

    hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    hypothesis_settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent
SEEDS_DIR = ROOT.parent / "shared" / "seeds"
SAMPLE_DIR = ROOT / "fixtures" / "sample_articles"


@lru_cache(maxsize=1)
def fixture_extractor():
    """Return an EntityExtractor over the fixtures' gazetteer, as ingest builds it from a freshly loaded archive."""
    from articles.tests.ingest.helpers import extractor_from_fixtures

    return extractor_from_fixtures(ROOT / "fixtures")


@pytest.fixture
def extractor():
    return fixture_extractor()


@pytest.fixture
def seed_text():
    """Return the text of a seed page by name prefix ("000"), from ../shared/seeds or the sample archive copy."""

    def read(prefix: str) -> str:
        for folder in (SEEDS_DIR, SAMPLE_DIR):
            matches = sorted(folder.glob(f"{prefix}*.txt")) if folder.exists() else []
            if matches:
                return matches[0].read_text(encoding="utf-8")
        raise FileNotFoundError(f"no seed page starting with {prefix!r}")

    return read


@pytest.fixture(autouse=True)
def _default_language():
    """Start every test in the default language: a request in English leaves English active in its thread."""
    from django.utils import translation

    yield
    translation.deactivate()


def pytest_collection_modifyitems(config, items):
    """Where the PostgreSQL engine answers (make test's third run), the tests of the Whoosh engine's own machinery
    skip, saying so: they ran in the runs where Whoosh answers, and test no code the PostgreSQL engine runs."""
    if os.environ.get("ARSIP_SEARCH_BACKEND", "").strip().lower() != "postgres":
        return
    skip = pytest.mark.skip(reason="a test of the Whoosh engine's machinery: it runs where Whoosh answers searches "
                                   "(ARSIP_SEARCH_BACKEND unset)")
    for item in items:
        if item.get_closest_marker("whoosh_engine"):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def tmp_index(request, tmp_path, settings):
    """Give every test its own Whoosh index directory, so no test touches var/index. A test that uses the database
    starts with an empty index in it, as a deployment has after 'rebuild_index' of an empty archive (saves never make
    an index: only rebuild_index does)."""
    from articles.tests.helpers import discard_pending

    path = tmp_path / "index"
    settings.ARSIP_INDEX_DIR = path
    discard_pending()
    if request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(request.fixturenames):
        empty_index_create()
    yield path
    discard_pending()


def empty_index_create() -> None:
    """Make an empty current index generation in settings.ARSIP_INDEX_DIR."""
    from articles.search import indexing

    indexing._make_current(indexing._new_generation())


@pytest.fixture
def empty_index(tmp_index):
    """Make sure the test's index exists (a test without the database starts without one)."""
    from articles.search import indexing

    if not indexing.index_exists():
        empty_index_create()
    return tmp_index


@pytest.fixture
def no_index(tmp_index):
    """Take away the test's index, as an operator's 'rm -r' would."""
    import shutil

    shutil.rmtree(tmp_index, ignore_errors=True)
    return tmp_index


@pytest.fixture
def index_now():
    """Return a function that indexes the given articles (or all) at once, as a committed save would: into the
    Whoosh index, and into the PostgreSQL engine's rows when that engine answers (ARSIP_SEARCH_BACKEND=postgres),
    for links a test made without the save path (bulk_create sends no signal)."""
    from articles.models import Article
    from articles.search.backends import backend
    from articles.search.indexing import index_articles

    def run(*articles):
        ids = [article.pk for article in articles] or list(Article.objects.values_list("pk", flat=True))
        if backend().writes_in_transaction:
            backend().write(ids)
        return index_articles(ids)

    return run
