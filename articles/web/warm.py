"""A web worker's warm-up before its first request: the search (engine.warm_up) and the page templates, compiled into
the template loader's cache. gunicorn's post_worker_init calls it (newsarchive/gunicorn.conf.py)."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.loader import get_template

from articles.search.engine import warm_up as search_warm_up

logger = logging.getLogger(__name__)

# The reader's pages and what they include (the admin's are left to the first editor).
TEMPLATE_FOLDERS = ("articles", "includes")


def warm_up() -> dict[str, float]:
    """Warm the search and compile the reader's templates; return the seconds of each part (see engine.warm_up)."""
    parts = search_warm_up()
    began = time.perf_counter()
    for name in _template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError) as error:  # the page that uses it will say so
            logger.warning("Template %s not warmed: %s", name, error)
    parts["templates"] = time.perf_counter() - began
    return parts


def _template_names() -> list[str]:
    names = []
    for folder in (Path(path) for path in settings.TEMPLATES[0]["DIRS"]):
        names += [path.relative_to(folder).as_posix() for path in sorted(folder.glob("*.html"))]
        for sub in TEMPLATE_FOLDERS:
            names += [path.relative_to(folder).as_posix() for path in sorted((folder / sub).rglob("*.html"))]
    return names
