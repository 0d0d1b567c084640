"""Atom feeds: any search, and every person's, country's and outlet's page, as its 50 newest articles (README, "Feeds").

A feed is the search page's own search (``search_page``: every parameter applies, bad input is a message) with three
parameters forced: newest first, page 1, ``FEED_ENTRIES`` per page. Django's syndication framework writes the Atom;
this module only turns a ``SearchPage`` into the plain values it asks for. Feed instances are shared by every request,
so everything a request decides is built once in ``get_object`` (a ``FeedSource``) and read back by the hooks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from articles.models import Article, Country, Outlet, Person, PersonRedirect

from .labels import country_name
from .querystring import edited_url, without_nul
from .search_page import SearchPage, search_page

# The newest this many articles: what the issue asks for, and what bounds a feed's cost (one page of the search,
# its snippets and rows).
FEED_ENTRIES = 50
# A feed's title names its search; a search with fifty chosen outlets does not make a title of a thousand characters.
MAX_TITLE_CHARS = 200
# The parameters a feed ignores (it is always page 1, FEED_ENTRIES long, newest first): not part of its address.
IGNORED_PARAMS = ("page", "per_page", "sort")
# What XML 1.0 cannot hold (Django's XML writer refuses it with an error): control characters but tab and line breaks,
# lone surrogates, U+FFFE and U+FFFF. A query may carry them (only NUL is dropped before the search), and so may a name
# or title an editor typed in the admin.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 cannot hold: "banjir\x01" -> "banjir"."""
    return _NOT_XML.sub("", text)


def _xml_fields(entry) -> None:
    """Pass every text field of a (frozen) dataclass through ``xml_text``."""
    for item in fields(entry):
        value = getattr(entry, item.name)
        if isinstance(value, str):
            object.__setattr__(entry, item.name, xml_text(value))


@dataclass(frozen=True)
class FeedEntry:
    """One article as an Atom entry; the URLs absolute, ``summary`` HTML (escaped, then marked)."""

    title: str
    link: str
    guid: str
    published: datetime | None
    updated: datetime
    author: str
    author_link: str
    outlet_slug: str
    outlet_name: str
    summary: str

    def __post_init__(self):
        _xml_fields(self)


@dataclass
class FeedSource:
    """What one request's feed says: its title, the page it follows, its own address, and its entries."""

    title: str
    subtitle: str
    link: str
    self_url: str
    guid: str
    entries: list[FeedEntry] = field(default_factory=list)

    def __post_init__(self):
        _xml_fields(self)


@dataclass(frozen=True)
class FeedLink:
    """The ``<link rel="alternate" type="application/atom+xml">`` a page puts in its head."""

    url: str
    title: str


class LabelledAtomFeed(Atom1Feed):
    """Atom 1.0 whose entries carry their outlet as a category with a label (Django writes only ``term``)."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("category", "", {"term": item["outlet_slug"], "label": item["outlet_name"]})


def feed_params(request) -> QueryDict:
    """Return the request's search parameters without NULs, as the feed and its links use them."""
    return without_nul(request.GET)[0]


def feed_path(name: str, args: tuple, params: QueryDict) -> str:
    """Return a feed's address: its path and the search parameters that change it (the others are dropped)."""
    return edited_url(reverse(name, args=args), params, drop=IGNORED_PARAMS)


def feed_title(page: SearchPage, heading: str = "") -> str:
    """Return what the feed follows, e.g. "Arsip Berita: Joko Widodo · banjir · Media: Tempo.co"."""
    parts = [part for part in (heading, page.query) if part] + [chip.label for chip in page.chips]
    what = " · ".join(parts) or _("berita terbaru")
    title = _("Arsip Berita: %(what)s") % {"what": what}
    return title if len(title) <= MAX_TITLE_CHARS else title[:MAX_TITLE_CHARS - 1].rstrip() + "…"


def feed_link(request, page: SearchPage, name: str, *args, heading: str = "") -> FeedLink:
    """Return the feed link of a search page or an entity page (``name``: the feed's URL name, ``args`` its own)."""
    return FeedLink(url=feed_path(name, args, page.params), title=feed_title(page, heading))


def entry_updated(article: Article) -> datetime:
    """Return the entry's ``updated`` (Atom requires one on every entry): the publication time, or when the archive
    received a newer version of the story if later; for an undated story, when the archive received this version."""
    if article.published is None:
        return article.version_archived_at
    return max(article.published_local, article.archived_at or article.published_local)


def entry_author(article: Article) -> str:
    """Return the byline with its outlet ("Budi Santoso (Tempo.co)"), or the outlet alone when there is none."""
    author = " ".join(article.author.split())
    return f"{author} ({article.outlet.name})" if author else article.outlet.name


class SearchFeed(Feed):
    """``/feed/?<search parameters>``: the search page's search, newest first."""

    feed_type = LabelledAtomFeed
    # The articles are Indonesian news whatever the interface's language.
    language = "id"
    url_name = "articles:feed"
    page_name = "articles:search"

    def get_object(self, request, *args, **kwargs) -> FeedSource:
        return self.feed_source(request, args=(), fixed={}, heading="")

    def feed_source(self, request, *, args: tuple, fixed: dict[str, str], heading: str) -> FeedSource:
        """Run the search and build everything the feed says (see the module's docstring for why here)."""
        # facet_limit=0: a feed shows no facets, so only the chosen values are labelled, not every value matched.
        page = search_page(request, fixed=fixed, default_sort="newest", facet_limit=0,
                           forced={"sort": "newest", "page": "1", "per_page": str(FEED_ENTRIES)})
        params = feed_params(request)
        self_path = feed_path(self.url_name, args, params)
        # The ids do not change with the interface's language (the default language's addresses have no prefix).
        with translation.override(settings.LANGUAGE_CODE):
            guid = request.build_absolute_uri(feed_path(self.url_name, args, params))
            guids = {article.pk: request.build_absolute_uri(article.get_absolute_url()) for article, _hit in page.rows}
        summary = ngettext("%(total)d berita cocok; %(shown)d yang terbaru ada di umpan ini.",
                           "%(total)d berita cocok; %(shown)d yang terbaru ada di umpan ini.",
                           page.total) % {"total": page.total, "shown": len(page.rows)}
        return FeedSource(
            title=feed_title(page, heading),
            subtitle=" ".join([summary, *page.messages]),
            link=request.build_absolute_uri(
                edited_url(reverse(self.page_name, args=args), params, drop=IGNORED_PARAMS,
                           replace={"sort": "newest"})),
            self_url=request.build_absolute_uri(self_path),
            guid=guid,
            entries=[FeedEntry(
                title=article.title,
                link=request.build_absolute_uri(article.get_absolute_url()),
                guid=guids[article.pk],
                published=article.published_local,
                updated=entry_updated(article),
                author=entry_author(article),
                author_link=request.build_absolute_uri(reverse("articles:outlet", args=[article.outlet.slug])),
                outlet_slug=article.outlet.slug,
                outlet_name=article.outlet.name,
                summary=str(hit.snippet),
            ) for article, hit in page.rows],
        )

    def title(self, obj: FeedSource) -> str:
        return obj.title

    def subtitle(self, obj: FeedSource) -> str:
        return obj.subtitle

    def link(self, obj: FeedSource) -> str:
        return obj.link

    def author_name(self, obj: FeedSource) -> str:
        # Atom wants an author for the feed or for every entry: the archive compiled the feed, the outlets wrote.
        return _("Arsip Berita")

    def feed_url(self, obj: FeedSource) -> str:
        # Django's default is request.path: without the search parameters, rel="self" would name another feed.
        return obj.self_url

    def feed_guid(self, obj: FeedSource) -> str:
        return obj.guid

    def items(self, obj: FeedSource) -> list[FeedEntry]:
        return obj.entries

    def item_title(self, item: FeedEntry) -> str:
        # Atom's title is text (type="text"): the XML writer escapes it once; Django's default escapes it again.
        return item.title

    def item_description(self, item: FeedEntry) -> str:
        # Atom1Feed writes the summary as type="html": the snippet is escaped by search.highlight, then marked.
        return item.summary

    def item_link(self, item: FeedEntry) -> str:
        return item.link

    def item_guid(self, item: FeedEntry) -> str:
        return item.guid

    def item_pubdate(self, item: FeedEntry) -> datetime | None:
        return item.published

    def item_updateddate(self, item: FeedEntry) -> datetime:
        return item.updated

    def item_author_name(self, item: FeedEntry) -> str:
        return item.author

    def item_author_link(self, item: FeedEntry) -> str:
        return item.author_link

    def item_extra_kwargs(self, item: FeedEntry) -> dict:
        return {"outlet_slug": item.outlet_slug, "outlet_name": item.outlet_name}


class PersonFeed(SearchFeed):
    """``/orang/<slug>/feed/``: the person page's search; a merged person's old address leads to the one it became."""

    url_name = "articles:person_feed"
    page_name = "articles:person"

    def __call__(self, request, *args, **kwargs):
        slug = kwargs["slug"]
        if not Person.objects.filter(slug=slug).exists():
            moved = get_object_or_404(PersonRedirect.objects.select_related("person"), old_slug=slug)
            query = request.META.get("QUERY_STRING", "")
            return redirect(reverse(self.url_name, args=[moved.person.slug]) + (f"?{query}" if query else ""),
                            permanent=True)
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, slug: str) -> FeedSource:
        person = get_object_or_404(Person, slug=slug)
        return self.feed_source(request, args=(person.slug,), fixed={"person": person.slug}, heading=person.name)


class CountryFeed(SearchFeed):
    """``/negara/<code>/feed/``: the country page's search."""

    url_name = "articles:country_feed"
    page_name = "articles:country"

    def get_object(self, request, code: str) -> FeedSource:
        country = get_object_or_404(Country, code=code.upper())
        return self.feed_source(request, args=(country.code,), fixed={"country": country.code},
                                heading=country_name(country))


class OutletFeed(SearchFeed):
    """``/media/<slug>/feed/``: the outlet page's search."""

    url_name = "articles:outlet_feed"
    page_name = "articles:outlet"

    def get_object(self, request, slug: str) -> FeedSource:
        outlet = get_object_or_404(Outlet, slug=slug)
        return self.feed_source(request, args=(outlet.slug,), fixed={"outlet": outlet.slug}, heading=outlet.name)


# GET and HEAD only, as every reader page (views.py).
search_feed = require_safe(SearchFeed())
person_feed = require_safe(PersonFeed())
country_feed = require_safe(CountryFeed())
outlet_feed = require_safe(OutletFeed())
