"""Reads from the database replica (newsarchive/db_router.py, ReplicaReadsMiddleware): only a web request's safe
reads from a client that has not just written, never inside a transaction; the settings that switch it on.

No replica server here: the router's answer is an alias, and these tests ask for it. test_nodes.py runs two gunicorn
nodes over a real primary and its streaming replica."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from django.db import router, transaction
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from articles.models import Article
from newsarchive.db_router import PrimaryReplicaRouter, replica_reads
from newsarchive.middleware import PIN_COOKIE, ReplicaReadsMiddleware

ROOT = Path(__file__).resolve().parents[2]
PRIMARY = "postgres://arsip@db1.example:5432/arsip"
REPLICA = "postgres://arsip@db2.example:5432/arsip"
ROUTED = override_settings(DATABASE_ROUTERS=["newsarchive.db_router.PrimaryReplicaRouter"],
                           ARSIP_DATABASE_REPLICA_URL=REPLICA)


def _base_settings(monkeypatch, tmp_path, **env: str) -> dict:
    """Return the names base.py defines under this environment (ARSIP_ variables only)."""
    for name in ("ARSIP_DATABASE_URL", "ARSIP_DATABASE_REPLICA_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ARSIP_VAR_DIR", str(tmp_path))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "newsarchive" / "settings" / "base.py"))


def test_a_replica_url_adds_the_replica_and_the_router(monkeypatch, tmp_path):
    values = _base_settings(monkeypatch, tmp_path, ARSIP_DATABASE_URL=PRIMARY, ARSIP_DATABASE_REPLICA_URL=REPLICA)
    replica = values["DATABASES"]["replica"]
    assert (replica["ENGINE"], replica["HOST"], replica["NAME"]) == ("django.db.backends.postgresql", "db2.example",
                                                                     "arsip")
    assert replica["CONN_MAX_AGE"] == values["DATABASES"]["default"]["CONN_MAX_AGE"] == 600
    assert replica["TEST"] == {"MIRROR": "default"}
    assert values["DATABASE_ROUTERS"] == ["newsarchive.db_router.PrimaryReplicaRouter"]


def test_without_a_replica_url_there_is_no_replica_and_no_router(monkeypatch, tmp_path):
    values = _base_settings(monkeypatch, tmp_path, ARSIP_DATABASE_URL=PRIMARY)
    assert list(values["DATABASES"]) == ["default"]
    assert "DATABASE_ROUTERS" not in values


@pytest.mark.parametrize("primary", ["", "sqlite:///elsewhere.sqlite3"])
def test_a_replica_of_sqlite_is_refused(monkeypatch, tmp_path, primary):
    env = {"ARSIP_DATABASE_URL": primary} if primary else {}
    with pytest.raises(ImproperlyConfigured, match="ARSIP_DATABASE_REPLICA_URL needs PostgreSQL"):
        _base_settings(monkeypatch, tmp_path, ARSIP_DATABASE_REPLICA_URL=REPLICA, **env)


def test_reads_go_to_the_replica_only_inside_replica_reads():
    routes = PrimaryReplicaRouter()
    assert routes.db_for_read(Article) == "default"  # a command, background work, a test
    with replica_reads():
        assert routes.db_for_read(Article) == "replica"
        assert routes.db_for_write(Article) == "default"
    assert routes.db_for_read(Article) == "default"


@pytest.mark.django_db(transaction=True)  # no transaction around the test: the one below is the only one
def test_reads_inside_a_transaction_go_to_the_primary():
    routes = PrimaryReplicaRouter()
    with replica_reads():
        with transaction.atomic():
            assert routes.db_for_read(Article) == "default"
        assert routes.db_for_read(Article) == "replica"


def test_relations_between_primary_and_replica_and_migrations_on_the_primary_only():
    routes = PrimaryReplicaRouter()
    primary, replica = Article(), Article()
    primary._state.db, replica._state.db = "default", "replica"
    assert routes.allow_relation(primary, replica) is True
    assert routes.allow_migrate("default", "articles") is True
    assert routes.allow_migrate("replica", "articles") is False


def _read_by(request) -> tuple[str, HttpResponse]:
    """Pass the request through the middleware; return where its view read from, and the response."""
    seen = []

    def view(request):
        seen.append(router.db_for_read(Article))
        return HttpResponse("ok")

    response = ReplicaReadsMiddleware(view)(request)
    return seen[0], response


@ROUTED
def test_a_safe_request_reads_from_the_replica_and_sets_no_pin():
    read_by, response = _read_by(RequestFactory().get("/artikel/1/"))
    assert read_by == "replica"
    assert PIN_COOKIE not in response.cookies
    assert router.db_for_read(Article) == "default"  # and after it, the primary again


@ROUTED
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_request_that_may_write_reads_from_the_primary_and_pins_its_client(method):
    read_by, response = _read_by(getattr(RequestFactory(), method)("/admin/articles/article/1/change/"))
    assert read_by == "default"
    pin = response.cookies[PIN_COOKIE]
    assert pin["max-age"] == 15  # ARSIP_REPLICA_PIN_SECONDS
    assert pin["httponly"] is True
    assert pin["samesite"] == "Lax"
    assert not pin["secure"]  # a site over plain HTTP (the test settings)


@ROUTED
def test_a_pinned_client_reads_its_own_writes_from_the_primary():
    request = RequestFactory().get("/admin/articles/article/1/change/")
    request.COOKIES[PIN_COOKIE] = "1"
    assert _read_by(request)[0] == "default"


@ROUTED
@override_settings(SESSION_COOKIE_SECURE=True, ARSIP_REPLICA_PIN_SECONDS=5)
def test_the_pin_is_secure_on_an_https_site_and_lasts_its_setting():
    pin = _read_by(RequestFactory().post("/admin/login/"))[1].cookies[PIN_COOKIE]
    assert pin["secure"] is True
    assert pin["max-age"] == 5


def test_without_a_replica_the_middleware_is_not_used():
    with pytest.raises(MiddlewareNotUsed):
        ReplicaReadsMiddleware(lambda request: HttpResponse())
