"""Curation: what editors do in the admin (and operators on the command line). Each change reaches the search index
through the model signals (on commit); merges and re-extraction also schedule their articles explicitly, and each
service writes its articles to the index with one writer (``index_batch``; inside a caller's batch, the caller's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from ..ingest import ParseError, parse_article
from ..ingest.entities import EntityExtractor
from ..models import ArticlePerson, LinkOrigin, Person, PersonAlias, PersonRedirect, RejectedName
from ..search.indexing import IndexBatch, schedule_index
from .entities import article_set_entities, entity_extractor_build
from .index import index_batch

# When two links of one article meet in a merge, the one that says more wins: an editor's choice over extraction.
_ORIGIN_RANK = {LinkOrigin.EXTRACTED: 0, LinkOrigin.EDITOR_REMOVED: 1, LinkOrigin.EDITOR_ADDED: 2}


@dataclass
class MergeResult:
    target: Person
    merged: list[str]
    articles: int
    index: IndexBatch = field(default_factory=IndexBatch)  # the index write of the merge (its problem, if any)


def person_merge(*, target: Person, sources: list[Person]) -> MergeResult:
    """Merge ``sources`` into ``target``: their article links move (one per article, an editor's choice winning),
    their names and aliases become aliases of the target, their slugs redirect to it, and they are deleted.

    The target counts as confirmed afterwards: an editor decided who it is.
    """
    sources = [person for person in sources if person.pk != target.pk]
    if not sources:
        return MergeResult(target=target, merged=[], articles=0)
    with index_batch() as batch:
        result = _person_merge(target=target, sources=sources)
    result.index = batch
    return result


def _person_merge(*, target: Person, sources: list[Person]) -> MergeResult:
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


def people_reject(*, people: list[Person], reason: str = "") -> int:
    """Reject these people (see person_reject), writing their articles to the index with one writer. Return how many
    articles they were linked to."""
    with index_batch():
        return sum(person_reject(person=person, reason=reason) for person in people)


def person_reject(*, person: Person, reason: str = "") -> int:
    """Reject a person found by mistake: its name and aliases become rejected names (extraction skips them from now
    on), its links are removed from every article, and it is deleted. Return how many articles it was linked to."""
    with index_batch(), transaction.atomic():
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
    index: IndexBatch = field(default_factory=IndexBatch)  # the run's index write (its problem, if any)


def articles_reextract(*, articles, extractor: EntityExtractor | None = None) -> ReextractReport:
    """Extract people and countries again from the stored raw text, with the current gazetteer and rejected names.

    Only extracted links change: an editor's additions and removals stay as they are. ``articles`` may be a stream
    (the command reads them in chunks); the index is written once, with one writer, after the last.
    """
    extractor = extractor or entity_extractor_build()
    report = ReextractReport()
    with index_batch() as report.index:
        for article in articles:
            _article_reextract(article, extractor, report)
    return report


def _article_reextract(article, extractor: EntityExtractor, report: ReextractReport) -> None:
    try:
        parsed = parse_article(article.raw_text, source_name=article.source_name, entities=extractor)
    except ParseError as error:
        report.failed.append((article.pk, error.reason))
        return
    with transaction.atomic():
        article_set_entities(article=article, people=parsed.people, countries=parsed.countries)
        schedule_index([article.pk])
    report.done += 1
