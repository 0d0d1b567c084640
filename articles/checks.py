"""System checks for the search index: the operator learns of a missing, empty, outdated or unwritable index before a
reader does."""

from __future__ import annotations

import logging
import os

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.db.models import Q

from .models import Article
from .search.indexing import (
    IndexUnavailableError,
    index_document_count,
    index_exists,
    index_root,
    index_schema_version,
)
from .search.schema import SCHEMA_VERSION

logger = logging.getLogger(__name__)

# The tag of the writability check alone, so that the commands that inspect and repair the index, and ingest (the
# database is the record, the index queue keeps what is owed), can run without it (articles/management/base.py).
INDEX_WRITABLE_TAG = "search_index_writable"


@register(INDEX_WRITABLE_TAG)
def search_index_writable_check(app_configs=None, **kwargs):
    """Fail when the index directory cannot be written (the Whoosh engine's: PostgreSQL's has no folder)."""
    if settings.ARSIP_SEARCH_BACKEND != "whoosh":
        return []
    root = index_root()
    parent = root if root.exists() else root.parent
    if not os.access(parent, os.W_OK):
        return [Error(
            f"The search index directory '{root}' is not writable, so saved articles cannot be indexed.",
            hint="Make it writable by the web and command user, or point ARSIP_INDEX_DIR elsewhere; then "
                 "'manage.py rebuild_index --repair' writes what the index queue holds.",
            id="articles.E001",
        )]
    return []


@register(Tags.database)
def search_index_check(app_configs=None, **kwargs):
    """Warn when the index is missing, empty while the database is not, or of an old schema."""
    if settings.ARSIP_SEARCH_BACKEND != "whoosh":
        return _search_rows_check()
    root = index_root()
    if not index_exists():
        return [Warning(
            f"There is no search index in '{root}': searches find nothing.",
            hint="Run 'manage.py rebuild_index'.",
            id="articles.W001",
        )]
    version = index_schema_version()
    if version != SCHEMA_VERSION:
        return [Warning(
            f"The search index was built with schema version {version}; this code uses {SCHEMA_VERSION}.",
            hint="Run 'manage.py rebuild_index'.",
            id="articles.W002",
        )]
    try:
        documents = index_document_count()
    except IndexUnavailableError as error:
        return [Warning(str(error), hint="Run 'manage.py rebuild_index'.", id="articles.W004")]
    articles = _article_count() if documents == 0 else 0
    if articles:
        return [Warning(
            f"The search index in '{root}' is empty while the database holds {articles} articles: searches find "
            "nothing.",
            hint="Run 'manage.py rebuild_index'.",
            id="articles.W003",
        )]
    return []


def _search_rows_check():
    """The PostgreSQL engine's rows: warn when articles lack theirs (an archive switched engines without a rebuild)
    or were written by another version of the analysis (or before the lead column, migration 0013)."""
    from .models import SearchDocument

    try:
        articles = Article.objects.count()
        rows = SearchDocument.objects.count()
        outdated = SearchDocument.objects.filter(Q(lead__isnull=True) | ~Q(version=SCHEMA_VERSION)).exists()
    except DatabaseError:
        logger.debug("Cannot count the search rows for the check", exc_info=True)
        return []
    if rows < articles or outdated:
        return [Warning(
            f"{articles - rows} of {articles} articles have no PostgreSQL search data, or some of it was written "
            f"by another version of the analysis (code {SCHEMA_VERSION}): searches miss or misrank them.",
            hint="Run 'manage.py rebuild_index' (or 'manage.py rebuild_index --repair').",
            id="articles.W006",
        )]
    return []


@register(Tags.database)
def story_clusters_check(app_configs=None, **kwargs):
    """Warn when articles have no fingerprint: an archive from before story clusters (issue 15), or pages saved by a
    path that skipped them. Their copies are not grouped until ``rebuild_clusters`` runs. One indexed look-up: an
    article gets its cluster key when it is fingerprinted."""
    try:
        missing = Article.objects.filter(cluster__isnull=True).exists()
    except DatabaseError:
        logger.debug("Cannot look for articles without a fingerprint", exc_info=True)
        return []
    if not missing:
        return []
    return [Warning(
        "Some articles have no story fingerprint: their near copies are not grouped into one result.",
        hint="Run 'manage.py rebuild_clusters' (it fingerprints what lacks one, then re-indexes the changed).",
        id="articles.W005",
    )]


def _article_count() -> int:
    """Return how many articles the database holds; 0 when it cannot say (not migrated yet, not reachable).

    Asked even when ``manage.py check`` names no database, and only of an empty index: an index emptied under a full
    archive is what this check is for, and one count is cheap.
    """
    try:
        return Article.objects.count()
    except DatabaseError:
        logger.debug("Cannot count articles for the index check", exc_info=True)
        return 0
