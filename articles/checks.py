"""System checks for the search index: the operator learns of a missing or outdated index before a reader does."""

from __future__ import annotations

import os

from django.core.checks import Error, Tags, Warning, register

from .search.indexing import index_exists, index_root, index_schema_version
from .search.schema import SCHEMA_VERSION


@register(Tags.database)
def search_index_check(app_configs=None, **kwargs):
    """Warn when the index is missing or of an old schema; fail when its directory cannot be written."""
    root = index_root()
    parent = root if root.exists() else root.parent
    if not os.access(parent, os.W_OK):
        return [Error(
            f"The search index directory '{root}' is not writable, so saved articles cannot be indexed.",
            hint="Make it writable by the web and command user, or point ARSIP_INDEX_DIR elsewhere.",
            id="articles.E001",
        )]
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
    return []
