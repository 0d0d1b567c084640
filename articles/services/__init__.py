"""Writes to the archive. Views, admin actions and commands call these; they hold the rules of the data.

One module per concern: ``ingest`` (pages in, articles out), ``entities`` (people and countries of an article),
``curation`` (what editors do), ``editors`` (the editor group), ``clusters`` (a story's near copies). The names
callers use are re-exported here.
"""

from .clusters import ClusterReport, article_cluster_update, cluster_recompute, clusters_rebuild
from .curation import (
    MergeResult,
    ReextractReport,
    article_links_save_by_editor,
    articles_reextract,
    people_confirm,
    people_reject,
    person_merge,
    person_reject,
)
from .editors import EDITOR_GROUP, EDITOR_MODELS, editor_group_ensure
from .entities import article_set_entities, entity_extractor_build, people_get_or_create, person_get_or_create
from .ingest import IngestResult, IngestStatus, article_save_parsed, outlet_get_or_create, page_ingest

__all__ = [
    "ClusterReport",
    "EDITOR_GROUP",
    "EDITOR_MODELS",
    "IngestResult",
    "IngestStatus",
    "MergeResult",
    "ReextractReport",
    "article_cluster_update",
    "article_links_save_by_editor",
    "article_save_parsed",
    "article_set_entities",
    "articles_reextract",
    "cluster_recompute",
    "clusters_rebuild",
    "editor_group_ensure",
    "entity_extractor_build",
    "outlet_get_or_create",
    "page_ingest",
    "people_confirm",
    "people_get_or_create",
    "people_reject",
    "person_get_or_create",
    "person_merge",
    "person_reject",
]
