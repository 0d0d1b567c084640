"""Keep the search index following the database: every change schedules its articles for indexing on commit. And
keep the "Editor" group after a flush."""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver

from . import services
from .models import Article, ArticleCountry, ArticlePerson, Country, Outlet, Person
from .search.indexing import schedule_index

# The models whose changes reach the index. Matched by concrete model: a proxy's saves are sent with the proxy as
# sender (the admin's queue of undated stories dates them, its review queue renames people), and count the same.
_LINKS = (ArticlePerson, ArticleCountry)
_REFERENCES = (Person, Outlet, Country)


def _model(sender):
    meta = getattr(sender, "_meta", None)
    return meta.concrete_model if meta is not None else None


@receiver(post_save, dispatch_uid="arsip_saved")
def saved(sender, instance, created=False, raw=False, **kwargs):
    if raw:  # loaddata: the fixture loader indexes nothing; rebuild_index does.
        return
    model = _model(sender)
    if model is Article:
        schedule_index([instance.pk])
    elif model in _LINKS:
        schedule_index([instance.article_id])
    elif model in _REFERENCES and not created:
        _reference_changed(model, instance)


def deleting(sender, instance, **kwargs):
    """An article's copies keep a story of their own: re-keyed when it held the smallest id, split when it bridged
    them. The cluster is read from the row (an instance loaded earlier may hold an older key); the clusters of one
    transaction's deletes are recomputed once each, after its commit, and a failure there is logged, never raised
    (the delete stands; ``rebuild_clusters`` repairs the keys)."""
    key = Article.objects.filter(pk=instance.pk).values_list("cluster", flat=True).first()
    if key is None:
        return
    connection = transaction.get_connection()
    pending = connection.__dict__.setdefault("arsip_clusters_deleted", set())
    first = not pending
    pending.add(key)
    if first:
        transaction.on_commit(lambda: _clusters_recompute(connection), robust=True)


def _clusters_recompute(connection) -> None:
    keys = connection.__dict__.pop("arsip_clusters_deleted", set())
    for key in sorted(keys):
        with transaction.atomic():
            services.cluster_recompute(key=key)


def deleted(sender, instance, **kwargs):
    model = _model(sender)
    if model is Article:
        schedule_index([instance.pk])
    elif model in _LINKS:
        schedule_index([instance.article_id])


def connect_deletes(models) -> None:
    """Connect the delete receivers to the article and link models (their proxies too) by sender: a receiver for
    every sender would keep Django from deleting any other model's rows in bulk (a rebuild_clusters --refingerprint
    deletes millions of band rows; with a listener, each would be loaded and signalled)."""
    for model in models:
        concrete = _model(model)
        if concrete is Article:
            pre_delete.connect(deleting, sender=model, dispatch_uid=f"arsip_deleting_{model._meta.label}")
        if concrete is Article or concrete in _LINKS:
            post_delete.connect(deleted, sender=model, dispatch_uid=f"arsip_deleted_{model._meta.label}")


def _reference_changed(model, instance) -> None:
    """A renamed person, outlet or country changes the facet values of its articles."""
    if model is Person:
        ids = ArticlePerson.objects.filter(person=instance).values_list("article_id", flat=True)
    elif model is Country:
        ids = ArticleCountry.objects.filter(country=instance).values_list("article_id", flat=True)
    else:
        ids = Article.objects.filter(outlet=instance).values_list("pk", flat=True)
    schedule_index(list(ids))


def editor_group_restore(*, using: str, **kwargs) -> None:
    """After a migrate or a flush, give back the "Editor" group migration 0005 made, if that migration is applied (a
    flush empties the tables, not the migration history; a migrate back to 0004 removed the group on purpose)."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table() or ("articles", "0005_editor_group") not in recorder.applied_migrations():
        return
    services.editor_group_ensure(using=using)
