"""Test oracles: slower, simpler ways to the same answers as the production code, to check it against.

``OrmArticleFilter`` is the search form whose ``qs`` filters the database the way the index filters a search (facets
and dates; words are the index's alone), so the engine's filters and counts can be checked against the ORM.

``to_whoosh`` turns a parsed query into a Whoosh query, so Whoosh's own matchers can check ``search.matching``
(and ``scripts/bench_search.py`` can time Whoosh's ``groupedby`` facets against the engine's).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db.models import Q
from whoosh import query as wq

from articles.calendar import UNDATED_YEAR
from articles.models import ArticleCountry, ArticlePerson
from articles.search.query import Entity, Not, Notice, Or, ParsedQuery, Phrase, Prefix, Word
from articles.search.registry import BY_KIND
from articles.search.schema import TEXT_FIELDS
from articles.search.terms import exact_of, phrase_pairs, stems_of
from articles.web.filters import ArticleSearchFilter, day_start

# (kind, text) -> facet values (slugs or codes); none = unknown.
Resolver = Callable[[str, str], list[str]]


def _to_whoosh(node, resolve: Resolver, notices: list[Notice]):
    if isinstance(node, Word):
        stems = stems_of(node.text)
        if node.field == "title":
            return wq.Or([wq.Term("title", s) for s in stems]) if stems else None
        terms = [wq.Term(name, s) for s in stems for name in TEXT_FIELDS]
        return wq.Or(terms) if terms else None
    if isinstance(node, Phrase):
        if node.field == "title":
            stems = [s for word in node.words for s in stems_of(word)]
            return wq.Phrase("title", stems) if len(stems) > 1 else (wq.Term("title", stems[0]) if stems else None)
        exact = [e for word in node.words for e in exact_of(word)]
        if len(exact) == 1:
            return wq.Term("exact", exact[0])
        # A phrase is the pairs of neighbouring words it is made of ("a b c": "a b" and "b c"). For two words that is
        # exact; for more, the pairs could in principle occur apart in one article, which news text makes rare.
        return wq.And([wq.Phrase("exact", list(pair)) for pair in phrase_pairs(node.words)])
    if isinstance(node, Prefix):
        return wq.Prefix("title" if node.field == "title" else "exact", node.text)
    if isinstance(node, Entity):
        values = resolve(node.kind, node.text)
        if not values:
            notices.append(Notice(f"unknown_{node.kind}", node.text))
            return wq.NullQuery
        return wq.Or([wq.Term(BY_KIND[node.kind].field, value) for value in values])
    if isinstance(node, Not):
        child = _to_whoosh(node.child, resolve, notices)
        return wq.Not(child) if child is not None else None
    children = [_to_whoosh(child, resolve, notices) for child in node.children]
    children = [child for child in children if child is not None]
    if not children:
        return None
    if isinstance(node, Or):
        return wq.Or(children)
    positive = [child for child in children if not isinstance(child, wq.Not)]
    negative = [child.query for child in children if isinstance(child, wq.Not)]
    if not negative:
        return wq.And(positive)
    # Not wq.AndNot: whoosh3's AndNotMatcher skips an excluded document that comes before the first match.
    return wq.And([*(positive or [wq.Every()]), wq.Not(wq.Or(negative))])


def to_whoosh(parsed: ParsedQuery, resolve: Resolver) -> tuple[wq.Query | None, list[Notice]]:
    """Return the Whoosh query of a parsed query (None: match everything) and notices about unknown entities."""
    notices: list[Notice] = []
    if parsed.tree is None:
        return None, notices
    built = _to_whoosh(parsed.tree, resolve, notices)
    if isinstance(built, wq.Not):
        built = wq.And([wq.Every(), built])
    return built, notices


class OrmArticleFilter(ArticleSearchFilter):
    """The search form, its ``qs`` filtering the database with the validated values."""

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        if data.get("outlet"):
            queryset = queryset.filter(outlet__slug__in=data["outlet"])
        # match=all: an article names every chosen person and every chosen country, one filter per value.
        every = data.get("match") == "all"
        for slugs in ([[slug] for slug in data.get("person") or []] if every else [data.get("person")]):
            if slugs:
                queryset = queryset.filter(
                    pk__in=ArticlePerson.objects.active().filter(person__slug__in=slugs).values("article_id"))
        for codes in ([[code] for code in data.get("country") or []] if every else [data.get("country")]):
            if codes:
                queryset = queryset.filter(
                    pk__in=ArticleCountry.objects.active().filter(country__code__in=codes).values("article_id"))
        if data.get("year"):
            years = Q(published__year__in=[int(year) for year in data["year"] if year != UNDATED_YEAR])
            queryset = queryset.filter(years | Q(published__isnull=True) if UNDATED_YEAR in data["year"] else years)
        if data.get("month"):
            ranges = Q()
            for month in data["month"]:
                year, number = map(int, month.split("-"))
                ranges |= Q(published__year=year, published__month=number)
            queryset = queryset.filter(ranges)
        if data.get("from"):
            queryset = queryset.filter(published__gte=day_start(data["from"]))
        if data.get("to"):
            queryset = queryset.filter(published__lt=day_start(data["to"] + timedelta(days=1)))
        return queryset
