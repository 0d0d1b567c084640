"""Keep the search index following the database: every change schedules its articles for indexing on commit. And
keep the "Editor" group after a flush."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from . import services
from .models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    Country,
    DiscoveredPerson,
    Outlet,
    Person,
    UndatedArticle,
)
from .search.indexing import schedule_index


@receiver(post_save, sender=Article, dispatch_uid="arsip_article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="arsip_article_deleted")
# A proxy's saves are sent with the proxy as sender: the admin's queue of undated stories dates them.
@receiver(post_save, sender=UndatedArticle, dispatch_uid="arsip_undated_article_saved")
@receiver(post_delete, sender=UndatedArticle, dispatch_uid="arsip_undated_article_deleted")
def article_changed(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata: the fixture loader indexes nothing; rebuild_index does.
        schedule_index([instance.pk])


@receiver(post_save, sender=ArticlePerson, dispatch_uid="arsip_article_person_saved")
@receiver(post_delete, sender=ArticlePerson, dispatch_uid="arsip_article_person_deleted")
@receiver(post_save, sender=ArticleCountry, dispatch_uid="arsip_article_country_saved")
@receiver(post_delete, sender=ArticleCountry, dispatch_uid="arsip_article_country_deleted")
def link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        schedule_index([instance.article_id])


@receiver(post_save, sender=Person, dispatch_uid="arsip_person_saved")
@receiver(post_save, sender=DiscoveredPerson, dispatch_uid="arsip_discovered_person_saved")  # the review queue's
@receiver(post_save, sender=Outlet, dispatch_uid="arsip_outlet_saved")
@receiver(post_save, sender=Country, dispatch_uid="arsip_country_saved")
def reference_changed(sender, instance, created=False, raw=False, **kwargs):
    """A renamed person, outlet or country changes the facet values of its articles."""
    if raw or created:
        return
    if issubclass(sender, Person):
        ids = ArticlePerson.objects.filter(person=instance).values_list("article_id", flat=True)
    elif sender is Country:
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
