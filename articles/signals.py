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


@receiver(pre_delete, dispatch_uid="arsip_deleting")
def deleting(sender, instance, **kwargs):
    """An article's copies keep a story of their own: re-keyed when it held the smallest id, split when it bridged
    them. The cluster is read from the row (an instance loaded earlier may hold an older key)."""
    if _model(sender) is not Article:
        return
    key = Article.objects.filter(pk=instance.pk).values_list("cluster", flat=True).first()
    if key is not None:
        transaction.on_commit(lambda: services.cluster_recompute(key=key))


@receiver(post_delete, dispatch_uid="arsip_deleted")
def deleted(sender, instance, **kwargs):
    model = _model(sender)
    if model is Article:
        schedule_index([instance.pk])
    elif model in _LINKS:
        schedule_index([instance.article_id])


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
