"""The people and countries an article names: the extractor over the current gazetteer, people found or created by
name, and the article's extracted links replaced without touching an editor's."""

from __future__ import annotations

from django.db import connection
from django.utils.text import slugify

from ..ingest import ParsedArticle, PersonMention
from ..ingest.entities import EntityExtractor
from ..models import Article, ArticleCountry, ArticlePerson, Country, LinkOrigin, Person, PersonAlias
from ..selectors import gazetteer_get

# Ids per IN (...): under SQLite's variable limit (as clusters.IN_MAX).
IN_MAX = 900


def entity_extractor_build() -> EntityExtractor:
    """Return an extractor over the current gazetteer, countries and rejected names."""
    gazetteer = gazetteer_get()
    return EntityExtractor(
        people=gazetteer.people,
        countries=gazetteer.countries,
        rejected=gazetteer.rejected,
        blocked_country_phrases=gazetteer.blocked_country_phrases,
    )


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


def articles_replace_entities(*, articles: list[tuple[Article, ParsedArticle]]) -> None:
    """Replace the extracted links of these saved articles with their parse's, in order: what article_set_entities
    gives each in turn (editors' links kept, people created in the same order), with a handful of queries for the
    lot instead of five or six per article. An article named twice takes its second parse after its first."""
    group: list[tuple[Article, ParsedArticle]] = []
    for item in articles:
        if any(item[0].pk == article.pk for article, _ in group):  # the second version applies to the first's links
            _entities_replace(group)
            group = []
        group.append(item)
    _entities_replace(group)


def _entities_replace(articles: list[tuple[Article, ParsedArticle]]) -> None:
    """articles_replace_entities for articles named once each."""
    if not articles:
        return
    ids = [article.pk for article, _ in articles]
    names = list(dict.fromkeys(mention.name for _, parsed in articles for mention in parsed.people))
    persons = people_get_or_create(names=names) if names else {}
    existing_people: dict[int, dict[int, tuple[int, str]]] = {pk: {} for pk in ids}
    existing_countries: dict[int, dict[int, tuple[int, str]]] = {pk: {} for pk in ids}
    for start in range(0, len(ids), IN_MAX):
        chunk = ids[start:start + IN_MAX]
        for pk, article_id, person_id, origin in ArticlePerson.objects.filter(article_id__in=chunk).values_list(
                "pk", "article_id", "person_id", "origin"):
            existing_people[article_id][person_id] = (pk, origin)
        for pk, article_id, country_id, origin in ArticleCountry.objects.filter(article_id__in=chunk).values_list(
                "pk", "article_id", "country_id", "origin"):
            existing_countries[article_id][country_id] = (pk, origin)
    codes = list(dict.fromkeys(code for _, parsed in articles for code in parsed.countries))
    country_ids = dict(Country.objects.filter(code__in=codes).values_list("code", "pk")) if codes else {}
    stale_people: list[int] = []
    stale_countries: list[int] = []
    person_links: list[ArticlePerson] = []
    country_links: list[ArticleCountry] = []
    for article, parsed in articles:
        wanted_people: dict[int, str] = {}
        for mention in parsed.people:
            wanted_people.setdefault(persons[mention.name].pk, mention.context)
        existing = existing_people[article.pk]
        stale_people += [link for pk, (link, origin) in existing.items()
                         if origin == LinkOrigin.EXTRACTED and pk not in wanted_people]
        person_links += [ArticlePerson(article=article, person_id=pk, origin=LinkOrigin.EXTRACTED, context=context)
                         for pk, context in wanted_people.items() if pk not in existing]
        wanted_countries = [country_ids[code] for code in parsed.countries if code in country_ids]
        existing = existing_countries[article.pk]
        stale_countries += [link for pk, (link, origin) in existing.items()
                            if origin == LinkOrigin.EXTRACTED and pk not in wanted_countries]
        country_links += [ArticleCountry(article=article, country_id=pk, origin=LinkOrigin.EXTRACTED)
                          for pk in wanted_countries if pk not in existing]
    # Deleted and created as article_set_entities does (their signals queue the articles for the index).
    for start in range(0, len(stale_people), IN_MAX):
        ArticlePerson.objects.filter(pk__in=stale_people[start:start + IN_MAX]).delete()
    for start in range(0, len(stale_countries), IN_MAX):
        ArticleCountry.objects.filter(pk__in=stale_countries[start:start + IN_MAX]).delete()
    ArticlePerson.objects.bulk_create(person_links)
    ArticleCountry.objects.bulk_create(country_links)


def articles_set_entities(*, articles: list[tuple[Article, ParsedArticle]]) -> None:
    """Link new articles (saved, no links yet) to the people and countries their parse names: what
    article_set_entities gives each, with people and countries looked up once for the batch and the links bulk
    inserted (a handful of queries, plus one or two per person never seen before)."""
    names = list(dict.fromkeys(mention.name for _, parsed in articles for mention in parsed.people))
    persons = people_get_or_create(names=names) if names else {}
    codes = list(dict.fromkeys(code for _, parsed in articles for code in parsed.countries))
    country_ids = dict(Country.objects.filter(code__in=codes).values_list("code", "pk")) if codes else {}
    person_links: list[tuple[int, int, str, str]] = []
    country_links: list[tuple[int, int, str]] = []
    for article, parsed in articles:
        wanted_people: dict[int, str] = {}
        for mention in parsed.people:
            wanted_people.setdefault(persons[mention.name].pk, mention.context)
        person_links += [(article.pk, pk, LinkOrigin.EXTRACTED.value, context) for pk, context in wanted_people.items()]
        wanted_countries = dict.fromkeys(country_ids[code] for code in parsed.countries if code in country_ids)
        country_links += [(article.pk, pk, LinkOrigin.EXTRACTED.value) for pk in wanted_countries]
    _rows_insert(ArticlePerson, ("article_id", "person_id", "origin", "context"), person_links)
    _rows_insert(ArticleCountry, ("article_id", "country_id", "origin"), country_links)


def _rows_insert(model, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert plain rows with one prepared INSERT: bulk_create builds a model and prepares each value in Python (most
    of a batch's link writing); these rows are plain ids and strings already."""
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(map(quote, columns))}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
