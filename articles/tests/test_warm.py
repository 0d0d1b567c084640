"""The web worker's warm-up (articles/web/warm.py): it loads what it says it loads, and it never stops a worker from
starting, whatever step fails."""

from __future__ import annotations

import gc
import logging
import weakref

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import get_resolver
from django.utils.translation import trans_real

from articles.models import Article
from articles.search.facets import facet_arrays
from articles.search.indexing import index_articles, searcher_get
from articles.web import warm

STEPS = {"templates", "urls", "languages", "static", "database", "page", "gc"}


@pytest.fixture(autouse=True)
def unfrozen():
    """The warm-up freezes the objects it leaves (gc.freeze); the test process takes them back after each test."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def connection_kept():
    """The warm-up's page goes through the whole handler, whose request_started and request_finished signals close
    old database connections: with CONN_MAX_AGE 0 (the tests' setting) that closes the test's
    own connection and its transaction on PostgreSQL. Django's test client disconnects them the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def cold_worker(monkeypatch):
    """A worker that has loaded no translation catalog and no URL reverse table yet (the test process has)."""
    monkeypatch.setattr(trans_real, "_translations", {})
    resolver = get_resolver()
    monkeypatch.setattr(resolver, "_reverse_dict", {})
    monkeypatch.setattr(resolver, "_namespace_dict", {})
    monkeypatch.setattr(resolver, "_app_dict", {})
    return resolver


@pytest.mark.whoosh_engine
def test_the_warm_up_loads_every_language_and_renders_a_page(archive, cold_worker, caplog, monkeypatch):
    pages = []
    rendered = warm._page
    monkeypatch.setattr(warm, "_page", lambda application: pages.append(rendered(application)))
    caplog.set_level(logging.WARNING, logger="articles.web.warm")

    parts = warm.warm_up()

    assert STEPS | {"searcher", "arrays"} <= set(parts)
    assert {"id", "en"} <= set(trans_real._translations)  # both catalogs, merged once per process
    assert {"id", "en"} <= set(cold_worker._reverse_dict)  # i18n_patterns: one reverse table per language
    assert pages == ["200 OK"]
    assert caplog.text == ""


def test_the_warm_up_page_goes_through_the_given_application(archive):
    seen = []

    def application(environ, start_response):
        seen.append((environ["PATH_INFO"], environ["QUERY_STRING"], environ["HTTP_HOST"], environ["wsgi.url_scheme"]))
        start_response("200 OK", [])
        return [b""]

    assert warm._page(application) == "200 OK"
    assert seen == [("/", f"q={warm.WARM_UP_QUERY}", "127.0.0.1", "https")]


def test_a_failing_step_is_logged_and_the_others_still_run(archive, monkeypatch, caplog):
    def broken():
        raise RuntimeError("no resolver today")

    monkeypatch.setattr(warm, "_urls", broken)

    parts = warm.warm_up()

    assert STEPS <= set(parts)
    assert "Warm-up step urls failed: RuntimeError: no resolver today" in caplog.text


def test_a_page_that_fails_does_not_stop_the_worker(archive, caplog):
    def application(environ, start_response):
        raise ValueError("the handler broke")

    parts = warm.warm_up(application)

    assert "page" in parts and "gc" in parts
    assert "Warm-up step page failed: ValueError: the handler broke" in caplog.text


def test_a_page_that_is_not_served_is_logged(archive, caplog):
    def application(environ, start_response):
        start_response("400 Bad Request", [])
        return [b""]

    warm.warm_up(application)

    assert "Warm-up page /?q=indonesia answered 400 Bad Request" in caplog.text


@pytest.mark.whoosh_engine
def test_a_warm_up_over_its_time_skips_the_rest(archive, monkeypatch, caplog):
    monkeypatch.setattr(warm, "WARM_UP_SECONDS", 0.0)

    parts = warm.warm_up()

    assert not STEPS & set(parts)
    assert "Warm-up stopped after" in caplog.text and "before templates" in caplog.text


@pytest.mark.whoosh_engine
def test_a_warm_up_without_an_index_starts_the_worker_all_the_same(no_index, db, caplog):
    parts = warm.warm_up()

    assert STEPS <= set(parts)
    assert "Search warm-up stopped" in caplog.text


@pytest.mark.parametrize(("allowed", "host"), [
    (["arsip.example.org", "localhost"], "arsip.example.org"),
    ([".example.org"], "example.org"),
    (["*"], "localhost"),
    ([], "localhost"),
])
def test_the_warm_up_page_asks_for_a_host_the_settings_allow(settings, allowed, host):
    settings.ALLOWED_HOSTS = allowed

    assert warm._host() == host


def test_the_warm_up_freezes_what_it_leaves_and_a_searcher_a_save_replaces_is_still_freed(archive):
    warm.warm_up()
    assert gc.get_freeze_count() > 0

    # Frozen objects are freed by their reference counts only: the replaced searcher, its reader and its arrays
    # must not sit in a reference cycle, or every save would leave them in memory for good.
    gc.disable()
    try:
        old = searcher_get()
        replaced = [weakref.ref(old), weakref.ref(old.reader()), weakref.ref(facet_arrays(old))]
        del old
        article = Article.objects.order_by("pk").first()
        article.body += " Diperbarui."
        article.save()
        index_articles([article.pk])
        facet_arrays(searcher_get())
        assert [ref() is None for ref in replaced] == [True, True, True]
    finally:
        gc.enable()
