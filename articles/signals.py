"""Keep the search index following the database: every change schedules its articles for indexing on commit."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Article, ArticleCountry, ArticlePerson, Country, Outlet, Person
from .search.indexing import schedule_index


@receiver(post_save, sender=Article, dispatch_uid="arsip_article_saved")
@receiver(post_delete, sender=Article, dispatch_uid="arsip_article_deleted")
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
@receiver(post_save, sender=Outlet, dispatch_uid="arsip_outlet_saved")
@receiver(post_save, sender=Country, dispatch_uid="arsip_country_saved")
def reference_changed(sender, instance, created=False, raw=False, **kwargs):
    """A renamed person, outlet or country changes the facet values of its articles."""
    if raw or created:
        return
    if sender is Person:
        ids = ArticlePerson.objects.filter(person=instance).values_list("article_id", flat=True)
    elif sender is Country:
        ids = ArticleCountry.objects.filter(country=instance).values_list("article_id", flat=True)
    else:
        ids = Article.objects.filter(outlet=instance).values_list("pk", flat=True)
    schedule_index(list(ids))
