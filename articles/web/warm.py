"""A web worker's warm-up before its first request, so that its first result page costs what a later one does.

gunicorn's post_worker_init calls ``warm_up`` (newsarchive/gunicorn.conf.py). Each part is loaded once per process and
then kept by Django or the search: the search (``engine.warm_up``), the page templates (compiled into the template
loader's cache), the URL configuration (imported, and its patterns and reverse tables built for every language), the
translation catalogs and locale formats of every language, the static files' manifest, the database connection, and
finally one result page of a fixed query rendered through the whole request handler (its middleware, form, search,
snippets, facets, templates), as Solr's ``firstSearcher`` queries warm a new core. What that one query leaves cached
is its own: no other query's results are. Then a full garbage collection, and the objects that survive it (the
worker's long-lived ones: modules, templates, URL tables, the searcher's structures, about 100k at 100k articles) are
frozen (``gc.freeze``): Python's full collections no longer scan them. Without it a full collection took 60 ms of CPU
(130 ms on a busy machine), inside whichever request it fell on, every few hundred requests; the first one inside the
worker's first request. Frozen objects are still freed when nothing refers to them (reference counts); only a cycle
among them would never be: the searcher and its arrays that a save replaces hold none (test_warm checks it).

Never raises: a step that fails is logged and the worker starts all the same (its first request pays for it). The
steps after the search stop once the warm-up has run ``WARM_UP_SECONDS``, well inside gunicorn's worker timeout.
"""

from __future__ import annotations

import gc
import io
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template

from articles.search.backends import backend

logger = logging.getLogger(__name__)

# The reader's pages and what they include (the admin's are left to the first editor).
TEMPLATE_FOLDERS = ("articles", "includes")
# The fixed query of the warm-up's page: a word of nearly every Indonesian news story, so that its page has results
# with snippets to mark (an archive without it still renders its page, with fewer code paths warmed).
WARM_UP_QUERY = "indonesia"
# Seconds after which the warm-up skips its remaining steps: a worker that has not started within gunicorn's timeout
# (30 s, ARSIP_TIMEOUT) is killed and started again, forever. The warm-up takes well under one second at 100k
# articles; one search is bounded by search.budget.SEARCH_SECONDS (1 s).
WARM_UP_SECONDS = 10.0
# A URL name that every language's URL patterns have (the search page).
PAGE_URL_NAME = "articles:search"


def warm_up(application: Callable | None = None) -> dict[str, float]:
    """Warm the worker; return the seconds of each part (the search's parts as ``engine.warm_up`` names them).

    ``application`` is the worker's WSGI application (gunicorn's ``worker.wsgi``): the warm-up's page goes through
    it, its middleware as loaded. Without one, a WSGI handler of the project's settings is made."""
    began = time.perf_counter()
    parts = backend().warm_up()
    steps: list[tuple[str, Callable[[], None]]] = [
        ("templates", _templates),
        ("urls", _urls),
        ("languages", _languages),
        ("static", _static),
        ("database", _database),
        ("page", lambda: _page(application)),
        ("gc", _collect_and_freeze),
    ]
    for name, step in steps:
        if time.perf_counter() - began > WARM_UP_SECONDS:
            logger.warning("Warm-up stopped after %.1f s, before %s", time.perf_counter() - began, name)
            break
        started = time.perf_counter()
        try:
            step()
        except Exception as error:  # noqa: BLE001 - the worker starts all the same; its first request pays for it
            logger.warning("Warm-up step %s failed: %s: %s", name, type(error).__name__, error)
        parts[name] = time.perf_counter() - started
    return parts


def _collect_and_freeze() -> None:
    """Collect the warm-up's garbage, then move every object left to the permanent generation (see the module's
    docstring). gc.freeze is cumulative: a second warm-up in the same process freezes only what is new."""
    gc.collect()
    gc.freeze()


def _templates() -> None:
    for name in _template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError) as error:  # the page that uses it will say so
            logger.warning("Template %s not warmed: %s", name, error)


def _template_names() -> list[str]:
    names = []
    for folder in (Path(path) for path in settings.TEMPLATES[0]["DIRS"]):
        names += [path.relative_to(folder).as_posix() for path in sorted(folder.glob("*.html"))]
        for sub in TEMPLATE_FOLDERS:
            names += [path.relative_to(folder).as_posix() for path in sorted((folder / sub).rglob("*.html"))]
    return names


def _urls() -> None:
    """Import the URL configuration (and the views it names) and build, for every language, what resolving and
    reversing read: the patterns' regular expressions and the reverse tables are made per language (i18n_patterns)."""
    from django.urls import get_resolver, resolve, reverse
    from django.utils import translation

    get_resolver().url_patterns
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            resolve(reverse(PAGE_URL_NAME))


def _languages() -> None:
    """Load every language's translation catalogs (Django's, the admin's and ours, merged once per language) and its
    locale format module (numbers in the page)."""
    from django.utils import formats, translation

    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Arsip Berita")
            formats.get_format("DECIMAL_SEPARATOR")
            formats.number_format(1000)


def _static() -> None:
    """Open the static files storage: with hashed names (production), it reads the manifest on its first use."""
    from django.templatetags.static import static

    static("css/arsip.css")


def _database() -> None:
    """Open the connection (kept: CONN_MAX_AGE) and run one query of the result rows' kind."""
    from articles.models import Article

    Article.objects.only("pk").first()


def _page(application: Callable | None) -> str:
    """Render the result page of ``WARM_UP_QUERY`` through the whole request handler, as a reader's request would;
    return the response's status line."""
    if application is None:
        from django.core.handlers.wsgi import WSGIHandler

        application = WSGIHandler()
    from django.urls import reverse

    host = _host()
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": reverse(PAGE_URL_NAME), "SCRIPT_NAME": "",
        "QUERY_STRING": urlencode({"q": WARM_UP_QUERY}), "SERVER_NAME": host, "SERVER_PORT": "443",
        "HTTP_HOST": host, "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        # https: production redirects plain http (SECURE_SSL_REDIRECT), and the page would not be rendered.
        "wsgi.url_scheme": "https", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0), "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    statuses = []
    response = application(environ, lambda status, headers, exc_info=None: statuses.append(status))
    try:
        for _chunk in response:
            pass
    finally:
        if hasattr(response, "close"):
            response.close()  # request_finished: what a real request's end does (the database connection is kept)
    status = statuses[0] if statuses else "nothing"
    if not status.startswith("200"):
        logger.warning("Warm-up page %s?%s answered %s", environ["PATH_INFO"], environ["QUERY_STRING"], status)
    return status


def _host() -> str:
    """Return a host name the settings allow (ALLOWED_HOSTS), so that the warm-up's request is not refused."""
    for pattern in settings.ALLOWED_HOSTS:
        if pattern == "*":
            return "localhost"
        if pattern:
            return pattern.lstrip(".")
    return "localhost"  # DEBUG with no ALLOWED_HOSTS allows localhost
