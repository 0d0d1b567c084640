"""The "Editor" group: who may curate the archive's content in the admin."""

from __future__ import annotations

from ..models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    ArticleRevision,
    Country,
    CountryAlias,
    DiscoveredPerson,
    Outlet,
    Person,
    PersonAlias,
    PersonRedirect,
    RejectedName,
    UndatedArticle,
)

EDITOR_GROUP = "Editor"
# The archive's content, which editors curate: view, add, change, delete. Not users, groups or login failures.
EDITOR_MODELS = (
    Outlet, Country, CountryAlias, Person, DiscoveredPerson, PersonAlias, PersonRedirect, RejectedName, Article,
    UndatedArticle, ArticlePerson, ArticleCountry,
)
# What editors may see but not change: the earlier versions of a story are the record of what an outlet published.
EDITOR_VIEW_ONLY_MODELS = (ArticleRevision,)


def editor_group_ensure(*, using: str) -> None:
    """Make sure the "Editor" group exists with its permissions on EDITOR_MODELS (migration 0005 made it; a flushed
    database gets it back through post_migrate, see signals.py)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    codenames = [f"{action}_{model._meta.model_name}" for model in EDITOR_MODELS
                 for action in ("view", "add", "change", "delete")]
    codenames += [f"view_{model._meta.model_name}" for model in EDITOR_VIEW_ONLY_MODELS]
    content_types = ContentType.objects.db_manager(using).get_for_models(
        *EDITOR_MODELS, *EDITOR_VIEW_ONLY_MODELS, for_concrete_models=False)
    permissions = Permission.objects.using(using).filter(content_type__in=content_types.values(),
                                                          codename__in=codenames)
    group, _ = Group.objects.using(using).get_or_create(name=EDITOR_GROUP)
    group.permissions.add(*permissions)
