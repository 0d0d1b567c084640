"""Writes to the archive. Views, admin actions and commands call these; they hold the rules of the data."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum

from django.db import transaction
from django.utils.text import slugify

from .ingest import ParsedArticle, ParseError, PersonMention, decode_page, parse_article
from .ingest.entities import EntityExtractor
from .ingest.types import OutletInfo
from .models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    Country,
    CountryAlias,
    DiscoveredPerson,
    LinkOrigin,
    Outlet,
    Person,
    PersonAlias,
    PersonRedirect,
    RejectedName,
    UndatedArticle,
)
from .search.indexing import schedule_index
from .selectors import gazetteer_get


class IngestStatus(StrEnum):
    INGESTED = "ingested"
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    FAILED = "failed"


@dataclass
class IngestResult:
    """What happened to one file: its status, the article (when saved) or the parse (dry run), or the reason."""

    name: str
    status: IngestStatus
    parsed: ParsedArticle | None = None
    article: Article | None = None
    error: str = ""


def entity_extractor_build() -> EntityExtractor:
    """Return an extractor over the current gazetteer, countries and rejected names."""
    gazetteer = gazetteer_get()
    return EntityExtractor(
        people=gazetteer.people,
        countries=gazetteer.countries,
        rejected=gazetteer.rejected,
        blocked_country_phrases=gazetteer.blocked_country_phrases,
    )


def outlet_get_or_create(*, info: OutletInfo) -> Outlet:
    outlet, _ = Outlet.objects.get_or_create(slug=info.slug, defaults={"name": info.name, "domain": info.domain})
    return outlet


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "orang"
    slug = base
    suffix = 2
    while Person.objects.filter(slug=slug).exists():
        slug = f"{base}-{suffix}"
        suffix += 1
    return slug


def person_get_or_create(*, name: str) -> Person:
    """Return the person a canonical name or alias stands for, creating a discovered person when none does."""
    return people_get_or_create(names=[name])[name]


def people_get_or_create(*, names: list[str]) -> dict[str, Person]:
    """Return {name: person} for canonical names or aliases, creating discovered people for new names (3 queries)."""
    found: dict[str, Person] = {}
    for person in Person.objects.filter(name__in=names).order_by("pk"):
        found.setdefault(person.name, person)
    missing = [name for name in names if name not in found]
    for alias in PersonAlias.objects.filter(name__in=missing).select_related("person").order_by("pk"):
        found.setdefault(alias.name, alias.person)
    for name in names:
        if name not in found:
            found[name] = Person.objects.create(name=name, slug=_unique_slug(name), status=Person.Status.DISCOVERED)
    return found


def article_set_entities(*, article: Article, people: list[PersonMention], countries: list[str]) -> None:
    """Replace the article's extracted links with these; links an editor added or removed are kept as they are."""
    existing_people = dict(article.person_links.values_list("person_id", "origin"))
    persons = people_get_or_create(names=[mention.name for mention in people])
    wanted_people: dict[int, str] = {}
    for mention in people:
        wanted_people.setdefault(persons[mention.name].pk, mention.context)
    stale = [pk for pk, origin in existing_people.items() if origin == LinkOrigin.EXTRACTED and pk not in wanted_people]
    if stale:
        article.person_links.filter(person_id__in=stale).delete()
    ArticlePerson.objects.bulk_create(
        ArticlePerson(article=article, person_id=pk, origin=LinkOrigin.EXTRACTED, context=context)
        for pk, context in wanted_people.items()
        if pk not in existing_people
    )

    existing_countries = dict(article.country_links.values_list("country_id", "origin"))
    country_ids = dict(Country.objects.filter(code__in=countries).values_list("code", "pk"))
    wanted_countries = [country_ids[code] for code in countries if code in country_ids]
    stale = [pk for pk, origin in existing_countries.items()
             if origin == LinkOrigin.EXTRACTED and pk not in wanted_countries]
    if stale:
        article.country_links.filter(country_id__in=stale).delete()
    ArticleCountry.objects.bulk_create(
        ArticleCountry(article=article, country_id=pk, origin=LinkOrigin.EXTRACTED)
        for pk in wanted_countries
        if pk not in existing_countries
    )


def _article_fields(parsed: ParsedArticle) -> dict:
    return {
        "title": parsed.title[:500],
        "summary": parsed.summary,
        "published": parsed.published,
        "published_utc_offset": (
            int(parsed.published.utcoffset().total_seconds() // 60) if parsed.published
            else Article._meta.get_field("published_utc_offset").get_default()  # the archive's zone, WIB
        ),
        "date_only": parsed.date_only,
        "author": parsed.author[:300],
        "editor": parsed.editor[:300],
        "dateline": parsed.dateline[:100],
        "body": parsed.body,
        "captions": parsed.captions,
    }


def _copy_rank(body: str, raw_text: str, sha: str) -> tuple[int, int, str]:
    """Order the copies of one story: the longer story text, then the longer page, then the digest (any order of
    its own will do: it makes the choice independent of the order the copies arrive in)."""
    return len(body), len(raw_text), sha


def _printable_name(name: str) -> str:
    """Return a file name that can be stored and printed: bytes that were not UTF-8 (kept by the file system's
    decoding as lone surrogates) become U+FFFD."""
    try:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:
        return name.encode("utf-8", "replace").decode("utf-8")


def article_save_parsed(*, parsed: ParsedArticle, raw_text: str, source_name: str) -> tuple[Article, IngestStatus]:
    """Save a parsed page: unchanged when this exact text is stored, updated when the same story is, else new.

    The same story is the same outlet, title and publication time (undated: the same text): a page saved again with
    other boilerplate. Of two copies the archive keeps the one with the longer text, then the longer page (see
    _copy_rank), whichever came first: ingesting both again, in any order, changes nothing.
    """
    sha = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
    existing = Article.objects.filter(source_sha256=sha).first()
    if existing is not None:
        return existing, IngestStatus.UNCHANGED
    outlet = outlet_get_or_create(info=parsed.outlet)
    fields = _article_fields(parsed)
    same_story = Article.objects.filter(outlet=outlet, title=fields["title"])
    if parsed.published is None:
        # Undated: one title could be two stories (a column's name), so the text decides; a copy of a story an
        # editor has dated since is still that story, and keeps the editor's date.
        same_story = same_story.filter(body=parsed.body)
        for key in ("published", "published_utc_offset", "date_only"):
            del fields[key]
    else:
        same_story = same_story.filter(published=parsed.published)
    same_story = same_story.first()
    if same_story is not None and _copy_rank(parsed.body, raw_text, sha) <= _copy_rank(
        same_story.body, same_story.raw_text, same_story.source_sha256
    ):
        return same_story, IngestStatus.UNCHANGED  # the archive keeps a fuller copy of this story
    with transaction.atomic():
        if same_story is not None:
            for key, value in fields.items():
                setattr(same_story, key, value)
            same_story.source_sha256 = sha
            same_story.raw_text = raw_text
            same_story.source_name = source_name[:300]
            same_story.save()
            article, status = same_story, IngestStatus.UPDATED
        else:
            article = Article.objects.create(
                outlet=outlet, source_sha256=sha, raw_text=raw_text, source_name=source_name[:300], **fields
            )  # undated: published null and the archive's zone, the model's defaults
            status = IngestStatus.INGESTED
        article_set_entities(article=article, people=parsed.people, countries=parsed.countries)
    return article, status


def page_ingest(
    *, data: bytes, source_name: str, extractor: EntityExtractor, dry_run: bool = False, size: int | None = None
) -> IngestResult:
    """Parse one raw page file and, unless ``dry_run``, save it. Never raises for a bad page: it reports it.

    ``size`` is the file's size when ``data`` holds only its start (a file over the limit is not read whole).
    """
    source_name = _printable_name(source_name)
    try:
        text = decode_page(data, size=size)
        parsed = parse_article(text, source_name=source_name, entities=extractor)
    except ParseError as error:
        return IngestResult(name=source_name, status=IngestStatus.FAILED, error=error.reason)
    if dry_run:
        return IngestResult(name=source_name, status=IngestStatus.INGESTED, parsed=parsed)
    article, status = article_save_parsed(parsed=parsed, raw_text=text, source_name=source_name)
    return IngestResult(name=source_name, status=status, parsed=parsed, article=article)



# Curation: what editors do in the admin (and operators on the command line). Each change reaches the search index
# through the model signals (on commit); merges and re-extraction also schedule their articles explicitly.

# When two links of one article meet in a merge, the one that says more wins: an editor's choice over extraction.
_ORIGIN_RANK = {LinkOrigin.EXTRACTED: 0, LinkOrigin.EDITOR_REMOVED: 1, LinkOrigin.EDITOR_ADDED: 2}


@dataclass
class MergeResult:
    target: Person
    merged: list[str]
    articles: int


def person_merge(*, target: Person, sources: list[Person]) -> MergeResult:
    """Merge ``sources`` into ``target``: their article links move (one per article, an editor's choice winning),
    their names and aliases become aliases of the target, their slugs redirect to it, and they are deleted.

    The target counts as confirmed afterwards: an editor decided who it is.
    """
    sources = [person for person in sources if person.pk != target.pk]
    if not sources:
        return MergeResult(target=target, merged=[], articles=0)
    with transaction.atomic():
        links = {link.article_id: link for link in ArticlePerson.objects.filter(person=target)}
        affected: set[int] = set()
        for link in ArticlePerson.objects.filter(person__in=sources).order_by("pk"):
            affected.add(link.article_id)
            kept = links.get(link.article_id)
            if kept is None:
                link.person = target
                link.save(update_fields=["person"])
                links[link.article_id] = link
                continue
            if _ORIGIN_RANK[link.origin] > _ORIGIN_RANK[kept.origin]:
                kept.origin = link.origin
            kept.context = kept.context or link.context
            kept.save(update_fields=["origin", "context"])
            link.delete()
        names = {target.name}
        known = set(target.aliases.values_list("name", flat=True))
        for person in sources:
            for name in [person.name, *person.aliases.values_list("name", flat=True)]:
                if name not in names and name not in known:
                    PersonAlias.objects.create(person=target, name=name)
                    known.add(name)
        PersonRedirect.objects.filter(person__in=sources).update(person=target)
        for person in sources:
            PersonRedirect.objects.update_or_create(old_slug=person.slug, defaults={"person": target})
        merged = [person.name for person in sources]
        Person.objects.filter(pk__in=[person.pk for person in sources]).delete()
        if target.status != Person.Status.CONFIRMED:
            target.status = Person.Status.CONFIRMED
            target.save(update_fields=["status"])
        schedule_index(affected)
    return MergeResult(target=target, merged=merged, articles=len(affected))


def person_reject(*, person: Person, reason: str = "") -> int:
    """Reject a person found by mistake: its name and aliases become rejected names (extraction skips them from now
    on), its links are removed from every article, and it is deleted. Return how many articles it was linked to."""
    with transaction.atomic():
        articles = set(person.article_links.values_list("article_id", flat=True))
        for name in [person.name, *person.aliases.values_list("name", flat=True)]:
            RejectedName.objects.get_or_create(name=name, defaults={"reason": reason[:200]})
        person.delete()  # links cascade; their post_delete signals schedule the articles for indexing
        schedule_index(articles)
    return len(articles)


def people_confirm(*, people) -> int:
    """Mark people as confirmed by an editor. Return how many changed."""
    return Person.objects.filter(pk__in=[person.pk for person in people]).exclude(
        status=Person.Status.CONFIRMED).update(status=Person.Status.CONFIRMED)


def article_links_save_by_editor(*, added=(), removed=()) -> None:
    """Record an editor's hand on an article's people or countries (ArticlePerson or ArticleCountry rows).

    Added links are the editor's; a removed extracted link is kept as "removed by the editor" so that
    re-extraction does not bring it back. Removing an editor's own addition deletes it.
    """
    for link in added:
        if link.origin == LinkOrigin.EXTRACTED:
            link.origin = LinkOrigin.EDITOR_ADDED
        link.save()
    for link in removed:
        if link.pk is None:
            continue
        if link.origin == LinkOrigin.EDITOR_ADDED:
            link.delete()
        else:
            link.origin = LinkOrigin.EDITOR_REMOVED
            link.save(update_fields=["origin"])


@dataclass
class ReextractReport:
    done: int = 0
    failed: list[tuple[int, str]] = field(default_factory=list)


def articles_reextract(*, articles, extractor: EntityExtractor | None = None) -> ReextractReport:
    """Extract people and countries again from the stored raw text, with the current gazetteer and rejected names.

    Only extracted links change: an editor's additions and removals stay as they are.
    """
    extractor = extractor or entity_extractor_build()
    report = ReextractReport()
    for article in articles:
        try:
            parsed = parse_article(article.raw_text, source_name=article.source_name, entities=extractor)
        except ParseError as error:
            report.failed.append((article.pk, error.reason))
            continue
        with transaction.atomic():
            article_set_entities(article=article, people=parsed.people, countries=parsed.countries)
            schedule_index([article.pk])
        report.done += 1
    return report


EDITOR_GROUP = "Editor"
# The archive's content, which editors curate: view, add, change, delete. Not users, groups or login failures.
EDITOR_MODELS = (
    Outlet, Country, CountryAlias, Person, DiscoveredPerson, PersonAlias, PersonRedirect, RejectedName, Article,
    UndatedArticle, ArticlePerson, ArticleCountry,
)


def editor_group_ensure(*, using: str) -> None:
    """Make sure the "Editor" group exists with its permissions on EDITOR_MODELS (migration 0005 made it; a flushed
    database gets it back through post_migrate, see signals.py)."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    codenames = [f"{action}_{model._meta.model_name}" for model in EDITOR_MODELS
                 for action in ("view", "add", "change", "delete")]
    content_types = ContentType.objects.db_manager(using).get_for_models(*EDITOR_MODELS, for_concrete_models=False)
    permissions = Permission.objects.using(using).filter(content_type__in=content_types.values(),
                                                          codename__in=codenames)
    group, _ = Group.objects.using(using).get_or_create(name=EDITOR_GROUP)
    group.permissions.add(*permissions)
