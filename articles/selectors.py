"""Reads from the archive, shaped for their callers."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.text import slugify

from .calendar import UNDATED_YEAR
from .ingest.countries import BLOCKED_PHRASES
from .ingest.gazetteer import countries_from_registry, people_from_fixture, rejected_from_fixture
from .models import (
    Article,
    ArticleCountry,
    ArticlePerson,
    ArticleRevision,
    Country,
    CountryAlias,
    Outlet,
    Person,
    PersonAlias,
    RejectedName,
)
from .models.archive import local_time
from .search import engine, profiles
from .search.backends import backend
from .search.budget import Work
from .search.glossary import glossary_parse
from .search.highlight import snippets as marked_snippets
from .search.query import entities_named, parse_query
from .search.stems import stem_table

logger = logging.getLogger(__name__)

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


@dataclass
class Gazetteer:
    """The data entity extraction runs on: people (name -> aliases), countries (code -> names), rejected names."""

    people: dict[str, list[str]] = field(default_factory=dict)
    countries: dict[str, list[str]] = field(default_factory=dict)
    rejected: list[str] = field(default_factory=list)
    blocked_country_phrases: tuple[str, ...] = BLOCKED_PHRASES


def _gazetteer_from_database() -> Gazetteer:
    gazetteer = Gazetteer()
    aliases = defaultdict(list)
    for person_id, name in PersonAlias.objects.values_list("person_id", "name"):
        aliases[person_id].append(name)
    for person_id, name in Person.objects.values_list("pk", "name"):
        gazetteer.people.setdefault(name, []).extend(aliases[person_id])
    country_aliases = defaultdict(list)
    for code, name in CountryAlias.objects.values_list("country__code", "name"):
        country_aliases[code].append(name)
    for code, name_id, name_en in Country.objects.values_list("code", "name_id", "name_en"):
        gazetteer.countries[code] = [name_id, name_en, *country_aliases[code]]
    gazetteer.rejected = list(RejectedName.objects.values_list("name", flat=True))
    return gazetteer


def _gazetteer_from_fixtures() -> Gazetteer:
    """Return the gazetteer the fixtures hold, for an archive whose reference data is not loaded yet."""
    return Gazetteer(
        people=people_from_fixture(FIXTURES_DIR / "people.json"),
        countries=countries_from_registry(),
        rejected=rejected_from_fixture(FIXTURES_DIR / "rejected_names.json"),
    )


def gazetteer_get() -> Gazetteer:
    """Return the gazetteer from the database, or from the fixtures while the database has none."""
    try:
        gazetteer = _gazetteer_from_database()
    except DatabaseError as error:
        logger.warning("Reading the gazetteer from the fixtures: the database is not ready (%s).", error)
        return _gazetteer_from_fixtures()
    if not gazetteer.countries or not gazetteer.people:
        fallback = _gazetteer_from_fixtures()
        gazetteer.countries = gazetteer.countries or fallback.countries
        gazetteer.people = gazetteer.people or fallback.people
        gazetteer.rejected = gazetteer.rejected or fallback.rejected
    return gazetteer


def entity_values_resolve(kind: str, text: str) -> list[str]:
    """Return the facet values a name typed in the query stands for (``orang:jokowi``, ``negara:rusia``)."""
    text = " ".join(text.replace("-", " ").split()) if kind == "person" else text.strip()
    if kind == "person":
        slug = slugify(text)
        exact = Person.objects.filter(Q(slug=slug) | Q(name__iexact=text)).values_list("slug", flat=True)
        aliases = PersonAlias.objects.filter(name__iexact=text).values_list("person__slug", flat=True)
        found = list(dict.fromkeys([*exact, *aliases]))
        if not found:
            words = Q()
            for word in text.split()[:5]:
                words &= Q(name__icontains=word)
            found = list(Person.objects.filter(words).values_list("slug", flat=True)[:20])
        return found
    if kind == "country":
        codes = set(Country.objects.filter(
            Q(code__iexact=text) | Q(name_id__iexact=text) | Q(name_en__iexact=text)).values_list("code", flat=True))
        codes |= set(CountryAlias.objects.filter(name__iexact=text).values_list("country__code", flat=True))
        return sorted(codes)
    return list(Outlet.objects.filter(
        Q(slug__iexact=text) | Q(name__iexact=text) | Q(domain__iexact=text) | Q(name__istartswith=text)
    ).values_list("slug", flat=True)[:5])


def snippet_text(summary: str, body: str) -> str:
    """Return the text a search snippet is cut from: an article's summary, then its body."""
    return f"{summary}\n{body}"


def article_texts(ids: list[int]) -> dict[int, str]:
    """Return the text a search snippet is cut from (snippet_text) of each article among ``ids``."""
    return {pk: snippet_text(summary, body) for pk, summary, body in
            Article.objects.filter(pk__in=ids).values_list("pk", "summary", "body")}


def article_search(*, text: str, filters: engine.SearchFilters, sort: str = "relevance", page: int = 1,
                   per_page: int = 20, snippets: bool = True, collapse: bool = False, work: Work | None = None,
                   resolve: Callable[[str, str], list[str]] | None = None,
                   texts_of: Callable[[list[int]], dict[int, str]] | None = None,
                   glossary: bool = False) -> engine.SearchResult:
    """Run a search one way through: parse the words, resolve the entities they name, search the index (ids, counts),
    load the hits' texts and mark their snippets. Raises ``IndexUnavailableError`` when the index cannot be read.
    With ``collapse``, a story's near copies are one result (``engine.search``).

    ``resolve`` and ``texts_of`` default to the archive's own look-ups; the engine's tests give their own. With
    ``glossary`` (the English pages) English words are searched also as their Indonesian (``search.glossary``)."""
    work = work or Work()
    resolve = resolve or entity_values_resolve
    reparse = glossary_parse if glossary else parse_query
    parsed = reparse(text)
    entities = {(kind, name): resolve(kind, name) for kind, name in entities_named(parsed.tree)}
    result = backend().search(parsed, entities, filters, sort=sort, page=page, per_page=per_page, collapse=collapse,
                           work=work, reparse=reparse)
    if snippets and result.hits:
        texts = (texts_of or article_texts)([hit.article_id for hit in result.hits])
        marked = marked_snippets([texts.get(hit.article_id, "") for hit in result.hits], result.terms, work,
                                 table=stem_table())
        for hit, snippet in zip(result.hits, marked, strict=True):
            hit.snippet = snippet
        result.account(work)
    return result


def article_search_ids(*, text: str, filters: engine.SearchFilters, sort: str = "relevance",
                       work: Work | None = None, glossary: bool = False) -> tuple[np.ndarray, engine.SearchResult]:
    """Run a search as ``article_search`` does and return the ids of every article it matches, in its order (no
    pages; an int64 array, 0.8 MB at 100k), with the search's total, notices and index generation. Raises
    ``IndexUnavailableError``."""
    parsed = glossary_parse(text) if glossary else parse_query(text)
    entities = {(kind, name): entity_values_resolve(kind, name) for kind, name in entities_named(parsed.tree)}
    ids, result = backend().search_ids(parsed, entities, filters, sort=sort, work=work)
    return ids, result


# An export row's stored values, read as plain values (model instances cost a third of an export's time at 10k rows).
EXPORT_FIELDS = ("pk", "url", "outlet__slug", "outlet__name", "published", "published_utc_offset", "title", "author",
                 "dateline", "cluster")


def article_export_records(ids: list[int], *, body: bool = False) -> list[dict]:
    """Return the articles among ``ids`` in the order of ``ids`` as plain values: the fields an export lists
    (``published`` in the page's zone, ``body`` only when asked), and their active ``people`` as (slug, name) and
    ``countries`` as (code, Indonesian name), by name. Three queries, whatever the number of ids (the caller passes
    a chunk; SQLite takes up to 32,766 parameters)."""
    fields = (*EXPORT_FIELDS, "body") if body else EXPORT_FIELDS
    records = {}
    for values in Article.objects.filter(pk__in=ids).values_list(*fields):
        record = dict(zip(fields, values, strict=True))
        record["published"] = local_time(record["published"], record.pop("published_utc_offset"))
        record["people"], record["countries"] = [], []
        records[record["pk"]] = record
    for article_id, slug, name in (ArticlePerson.objects.active().filter(article_id__in=ids)
                                   .order_by("person__name").values_list("article_id", "person__slug", "person__name")):
        records[article_id]["people"].append((slug, name))
    for article_id, code, name in (ArticleCountry.objects.active().filter(article_id__in=ids)
                                   .order_by("country__name_id")
                                   .values_list("article_id", "country__code", "country__name_id")):
        records[article_id]["countries"].append((code, name))
    return [records[pk] for pk in ids if pk in records]


# The columns an article's listing never reads (loaded on access, if ever).
UNLISTED = ("raw_text", "fingerprint")


# The columns the JSON API's results read (web.api.page_json) and their snippets are cut from (article_texts): at
# 100k articles, 20 rows with only these loaded in 2.7 ms, with every listed column in 4.5.
API_FIELDS = ("title", "summary", "body", "published", "published_utc_offset", "outlet__slug", "outlet__name")


def article_rows(ids: list[int], *, fields: tuple[str, ...] = ()) -> dict[int, Article]:
    """Return the articles among ``ids`` with their outlets, by id (without the raw page and the fingerprint, which
    a list never shows: a raw page is often ten times the story). With ``fields``, only those columns are loaded
    (``only``: another one read costs a query per row)."""
    rows = Article.objects.select_related("outlet")
    return (rows.only(*fields) if fields else rows.defer(*UNLISTED)).in_bulk(ids)


def article_list_related(article: Article, *, limit: int = 5) -> list[Article]:
    """Return the articles most like this one ("Berita terkait"); none when the index cannot say."""
    try:
        ids = backend().related(article_id=article.pk, text=f"{article.title}\n{article.body}", limit=limit)
    except Exception:  # the article page must not fail because its side panel could not be filled
        logger.exception("Related articles for %s failed", article.pk)
        return []
    found = article_rows(ids)
    return [found[pk] for pk in ids if pk in found and pk != article.pk]


# How many other versions of a story (near copies from other media) the article page lists, each with its words
# compared: a wire story can run in dozens of outlets, and each listed copy costs a difflib run (web.revisions).
COPIES_LISTED = 20


def article_copies(article: Article, *, limit: int = COPIES_LISTED) -> tuple[list[Article], int]:
    """Return the other articles of this one's story cluster (its near copies), the earliest first (the undated
    last), at most ``limit`` of them, and how many more there are."""
    copies = (Article.objects.filter(cluster=article.cluster or article.pk).exclude(pk=article.pk)
              .select_related("outlet").defer(*UNLISTED).order_by(F("published").asc(nulls_last=True), "pk"))
    listed = list(copies[:limit])
    return listed, (copies.count() - limit if len(listed) == limit else 0)


def outlet_names(slugs: list[str]) -> dict[str, str]:
    return dict(Outlet.objects.filter(slug__in=slugs).values_list("slug", "name"))


def person_names(slugs: list[str]) -> dict[str, str]:
    return dict(Person.objects.filter(slug__in=slugs).values_list("slug", "name"))


def country_list(codes: list[str]) -> list[Country]:
    return list(Country.objects.filter(code__in=codes))


def entity_names(wanted: dict[str, list[str]], *, english: bool = False) -> dict[str, dict[str, str]]:
    """Return the names of the values of several facets at once, by facet: ``outlet_names`` of the "outlet" facet's
    slugs, ``person_names`` of the "people"'s, the Indonesian name (``english``: the English) of the "countries"'
    codes; a value not found is left out.

    One query for the three: a result page names the values of three facets, and three ORM queries took 1.5 ms of
    which the database's work was 0.3 (at 100k articles)."""
    tables = {"outlet": (Outlet, "slug", "name"), "people": (Person, "slug", "name"),
              "countries": (Country, "code", "name_en" if english else "name_id")}
    quote = connection.ops.quote_name
    selects, params, facets = [], [], []
    for facet, values in wanted.items():
        if not values:
            continue
        model, key, name = tables[facet]
        key, name = model._meta.get_field(key).column, model._meta.get_field(name).column
        selects.append(f"SELECT {len(facets)}, {quote(key)}, {quote(name)} FROM {quote(model._meta.db_table)} "
                       f"WHERE {quote(key)} IN ({', '.join(['%s'] * len(values))})")
        params.extend(values)
        facets.append(facet)
    names: dict[str, dict[str, str]] = {facet: {} for facet in wanted}
    if selects:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(selects), params)
            for number, value, name in cursor.fetchall():
                names[facets[number]][value] = name
    return names


def article_record(article: Article) -> dict:
    """Return a stored article in the keys of ``ingest_articles --dry-run --json`` (``ParsedArticle.as_dict``): what
    GET /api/artikel/<id> gives, and what a resumed ingest reports for a page it skipped as already in.

    ``title_source``, ``date_source`` and ``sources`` are null for an article saved before they were kept.
    """
    people = list(article.person_links.active().order_by("person__name").values_list("person__name", flat=True))
    countries = list(article.country_links.active().order_by("country__code").values_list("country__code", flat=True))
    return {
        "outlet": article.outlet.name,
        "outlet_domain": article.outlet.domain,
        "title": article.title,
        "summary": article.summary,
        "published": article.published_local.isoformat() if article.published is not None else None,
        "date_only": article.date_only,
        "author": article.author,
        "editor": article.editor,
        "dateline": article.dateline,
        "people": people,
        "countries": countries,
        "body": article.body,
        "captions": [str(caption) for caption in article.captions or []],
        "title_source": article.title_source or None,
        "date_source": article.date_source or None,
        "url": article.url or None,
        "fetched_at": article.fetched_at.isoformat() if article.fetched_at else None,
        "sources": article.sources or None,
    }


def page_already_in(*, url: str, sha256: str) -> bool:
    """Return whether the archive holds this page already, as an article or a revision: a resumed run skips it
    without parsing. ``sha256`` is models.text_sha256 of the page's text; ``url`` ("" when unknown) its canonical URL.

    Two indexed look-ups (the unique URL, the digests). A page whose story is stored but whose raw text differs
    (other boilerplate) is not "in": it is parsed, and the ingest service finds it unchanged.
    """
    return page_stored(url=url, sha256=sha256) is not None


def page_stored(*, url: str, sha256: str) -> Article | None:
    """Return the article that holds this page already, as itself or as one of its revisions (see page_already_in)."""
    articles = Article.objects.filter(source_sha256=sha256)
    revisions = ArticleRevision.objects.filter(source_sha256=sha256)
    if url:
        articles, revisions = articles.filter(url=url), revisions.filter(article__url=url)
    found = articles.select_related("outlet").first()
    if found is None:
        revision = revisions.select_related("article__outlet").first()
        found = revision.article if revision is not None else None
    return found


# How many earlier versions of a story its page and the API list: the newest ones. A story corrected more often is
# rare (news sites revise a handful of times); the bound keeps the page and the JSON small whatever the archive holds.
REVISIONS_LISTED = 50


@dataclass(frozen=True)
class StoryVersion:
    """One version of a story, the article's own (``current``) or an earlier one (an ArticleRevision)."""

    archived_at: datetime
    fetched_at: datetime | None
    title: str
    body: str
    current: bool = False

    @property
    def seen_at(self) -> datetime:
        """Return when this version was on the outlet's site: fetched then, or else archived then."""
        return self.fetched_at or self.archived_at


def article_versions(article: Article, *, limit: int = REVISIONS_LISTED) -> tuple[list[StoryVersion], int]:
    """Return the story's versions oldest first, the article's own last (at most ``limit`` earlier ones, the
    newest), and how many earlier versions were left out."""
    total = article.revisions.count()
    if total == 0:
        revisions = []
    else:
        newest_first = article.revisions.reverse()[:limit]
        revisions = list(reversed(newest_first.only("archived_at", "fetched_at", "title", "body")))
    versions = [StoryVersion(r.archived_at, r.fetched_at, r.title, r.body) for r in revisions]
    versions.append(StoryVersion(article.version_archived_at, article.fetched_at, article.title, article.body,
                                 current=True))
    return versions, max(total - limit, 0)


def entity_profile_get(required: list[tuple[str, str]]) -> profiles.EntityProfile:
    """Return the profile of the articles that have every (facet name, value) of ``required``
    (``search.profiles``: counts from the index, equal to the search API's). Raises ``IndexUnavailableError``."""
    return backend().entity_profile(required)


def person_contexts(slug: str, article_ids: list[int]) -> dict[int, str]:
    """Return the sentence that names the person (``ArticlePerson.context``, saved by extraction) in each of the
    articles among ``article_ids`` that has one; one query."""
    return dict(ArticlePerson.objects.active().filter(person__slug=slug, article_id__in=article_ids)
                .exclude(context="").values_list("article_id", "context"))


def article_bodies(ids: list[int]) -> dict[int, str]:
    """Return the body of each article among ``ids``: where an entity's sentence is looked for (the title is shown
    beside it anyway)."""
    return dict(Article.objects.filter(pk__in=ids).values_list("pk", "body"))


# The entities a query's words name --------------------------------------------------------------------------------

def entities_named_by(phrases: list[str]) -> dict[str, list]:
    """Return the people, countries and outlets whose name, alias or slug is exactly one of ``phrases``, by phrase
    (lower-case): ``{"jokowi": [<Person: Joko Widodo>]}``. One query, and one more for each kind of name found (at
    most five more), whatever the number of phrases. A country's
    two-letter code is not looked up: "di", "as" and "id" are words first."""
    keys = {phrase.lower(): phrase.lower() for phrase in phrases if phrase}
    keys.update({slugify(phrase): phrase for phrase in list(keys)})  # "joko-widodo" and "joko widodo" alike
    tables = _tables_naming(list(keys)) if keys else set()
    if not tables:
        return {}
    found: dict[str, list] = defaultdict(list)

    def note(entity, *names: str) -> None:
        phrase = next((keys[name.lower()] for name in names if name.lower() in keys), None)
        if phrase is not None and entity not in found[phrase]:
            found[phrase].append(entity)

    # Only the look-ups that find something run (_tables_naming), in this order.
    if "person" in tables:
        for person in Person.objects.annotate(key=Lower("name")).filter(Q(key__in=list(keys)) |
                                                                        Q(slug__in=list(keys))):
            note(person, person.name, person.slug)
    if "person_alias" in tables:
        for alias in PersonAlias.objects.annotate(key=Lower("name")).filter(key__in=list(keys)).select_related(
                "person"):
            note(alias.person, alias.name)
    if "country" in tables:
        for country in Country.objects.annotate(key_id=Lower("name_id"), key_en=Lower("name_en")).filter(
                Q(key_id__in=list(keys)) | Q(key_en__in=list(keys))):
            note(country, country.name_id, country.name_en)
    if "country_alias" in tables:
        for alias in CountryAlias.objects.annotate(key=Lower("name")).filter(key__in=list(keys)).select_related(
                "country"):
            note(alias.country, alias.name)
    if "outlet" in tables:
        for outlet in Outlet.objects.annotate(key=Lower("name")).filter(Q(key__in=list(keys)) |
                                                                        Q(slug__in=list(keys))):
            note(outlet, outlet.name, outlet.slug)
    return dict(found)


def _tables_naming(keys: list[str]) -> set[str]:
    """Return which of ``entities_named_by``'s five look-ups would find anything ("person", "person_alias",
    "country", "country_alias", "outlet"): those whose table has a name (lower-cased by the database, as the look-ups
    lower it) or slug among ``keys``. One query: most searches name no entity, and the five took 5-8 ms of a result
    page at 100k articles, nearly all of it the ORM's (the tables hold a few hundred rows each)."""
    quote = connection.ops.quote_name
    marks = ", ".join(["%s"] * len(keys))

    def among(model, name: str, lowered: bool = True) -> str:
        column = f"{quote(model._meta.db_table)}.{quote(model._meta.get_field(name).column)}"
        return f"{f'LOWER({column})' if lowered else column} IN ({marks})"

    checks = {
        "person": (Person, [among(Person, "name"), among(Person, "slug", lowered=False)]),
        "person_alias": (PersonAlias, [among(PersonAlias, "name")]),
        "country": (Country, [among(Country, "name_id"), among(Country, "name_en")]),
        "country_alias": (CountryAlias, [among(CountryAlias, "name")]),
        "outlet": (Outlet, [among(Outlet, "name"), among(Outlet, "slug", lowered=False)]),
    }
    columns, params = [], []
    for table, (model, conditions) in checks.items():
        columns.append(f"EXISTS(SELECT 1 FROM {quote(model._meta.db_table)} WHERE {' OR '.join(conditions)})")
        params.extend(keys * len(conditions))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(columns)}", params)
        found = cursor.fetchone()
    return {table for table, exists in zip(checks, found, strict=True) if exists}


@dataclass(frozen=True)
class ArchiveCounts:
    """What the whole archive holds, from the index: articles, outlets, the first and last year, and each outlet's,
    person's and country's articles (the facet counts of a search with no words and no filters)."""

    total: int
    outlets: int
    first_year: str
    last_year: str
    counts: dict[str, dict[str, int]]


# One entry: the counts of the index generation last read (a save makes a new one, and the next reader counts again).
_archive_counts: dict[str, ArchiveCounts] = {}


def archive_counts() -> ArchiveCounts:
    """Return what the archive holds, counted once per index generation (one search with no words: its facet counts;
    no COUNT over the table per request). Raises ``IndexUnavailableError`` when the index cannot be read."""
    generation = backend().generation()
    cached = _archive_counts.get(generation)
    if cached is not None:
        return cached
    result = article_search(text="", filters=engine.SearchFilters(), per_page=1, snippets=False)
    years = sorted(c.value for c in result.facets["year"] if c.count and c.value != UNDATED_YEAR)
    counts = ArchiveCounts(
        total=result.total,
        outlets=sum(1 for c in result.facets["outlet"] if c.count),
        first_year=years[0] if years else "", last_year=years[-1] if years else "",
        counts={name: {c.value: c.count for c in result.facets[name]} for name in ("outlet", "people", "countries")},
    )
    if not result.incomplete:  # a search cut short by its budget counted only part of the archive
        _archive_counts.clear()
        _archive_counts[generation] = counts
    return counts
