"""Weigh what a page's container says (its URL, HTML metadata, JSON line, sidecar) against what its text says.

The order, for each field (issue 13), and why:

- outlet: the URL's registered domain, then a listed outlet the metadata names, then the text's guess. A domain is
  who published the page; the text only names outlets, its own or the one it quotes.
- title: the metadata's, which the outlet wrote for the page, unless it shares no word with the URL's slug while the
  text's headline does (a site-wide ``og:title`` such as "Berita Terkini Hari Ini"); then the text's.
- published: the metadata's timestamp, then the text's own stamp (header or below the story), then the URL's day
  (date only), then the text's date from the lead. A lead's date is the day the story tells of, often not the day
  it was published; the path's date is the outlet's own filing.
- author: the text's byline, then the metadata's. Bylines name every writer; metadata often names the desk.

``sources`` records for each field that has a value where it came from: "url", the container's name ("html",
"jsonl", "warc", "sidecar") or "text".
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from .dates import DEFAULT_ZONE
from .outlets import outlet_for_site, outlet_from_url, outlet_in_dateline
from .types import UNKNOWN_OUTLET, PageHints, ParsedArticle
from .urls import canonical_url, registrable_domain, url_date, url_slug_words

SOURCED_FIELDS = ("outlet", "title", "published", "author")


def text_sources(parsed: ParsedArticle) -> dict[str, str]:
    """Return the ``sources`` of an article read from its text alone: "text" for each field it found."""
    found = {
        "outlet": parsed.outlet != UNKNOWN_OUTLET,
        "title": bool(parsed.title),
        "published": parsed.published is not None,
        "author": bool(parsed.author),
    }
    return {name: "text" for name in SOURCED_FIELDS if found[name]}


def apply_hints(parsed: ParsedArticle, hints: PageHints) -> None:
    """Fill ``parsed`` (read from the text) with what ``hints`` say, field by field in the order above."""
    parsed.url = canonical_url(hints.url)
    parsed.fetched_at = hints.fetched_at
    _choose_outlet(parsed, hints, hints.source_of("outlet"))
    _choose_title(parsed, hints, hints.source_of("title"))
    _choose_published(parsed, hints, hints.source_of("published"))
    if not parsed.author and hints.author.strip():
        parsed.author = " ".join(hints.author.split())
        parsed.sources["author"] = hints.source_of("author")
    parsed.sources = {name: parsed.sources[name] for name in SOURCED_FIELDS if name in parsed.sources}


def _choose_outlet(parsed: ParsedArticle, hints: PageHints, container: str) -> None:
    by_url = outlet_from_url(parsed.url) if parsed.url else UNKNOWN_OUTLET
    if by_url != UNKNOWN_OUTLET:
        # The text's form of the same site ("KabarMuria.com") is kept: it is how the outlet writes its name; so is
        # the name an unlisted site's metadata gives itself ("Kabar Muria") over its bare domain.
        if registrable_domain(parsed.outlet.domain) != by_url.domain:
            name = " ".join(hints.outlet_name.split())
            unlisted = by_url.name == by_url.domain
            parsed.outlet = replace(by_url, name=name) if unlisted and 2 <= len(name) <= 80 else by_url
        parsed.sources["outlet"] = "url"
        return
    name = hints.outlet_name.strip()
    if not name:
        return
    listed = outlet_in_dateline(name)
    if listed is not None or parsed.outlet == UNKNOWN_OUTLET:
        parsed.outlet = listed or outlet_for_site(name)
        parsed.sources["outlet"] = container


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z0-9]+", text.lower()) if len(word) > 2}


def _choose_title(parsed: ParsedArticle, hints: PageHints, container: str) -> None:
    hinted = " ".join(hints.title.split())
    if not hinted:
        return
    slug = set(url_slug_words(parsed.url)) if parsed.url else set()
    if slug and not (_words(hinted) & slug) and (_words(parsed.title) & slug):
        return  # the metadata's title is not this story's; the text's headline is
    parsed.title, parsed.title_source = hinted, "header"
    parsed.sources["title"] = container


def _choose_published(parsed: ParsedArticle, hints: PageHints, container: str) -> None:
    if hints.published is not None:
        published = hints.published
        if published.tzinfo is None:  # a container's local time without a zone: the archive's (WIB)
            published = published.replace(tzinfo=DEFAULT_ZONE)
        parsed.published, parsed.date_only, parsed.date_source = published, False, "header"
        parsed.sources["published"] = container
        return
    if parsed.published is not None and parsed.date_source == "header":
        return
    day = url_date(parsed.url) if parsed.url else None
    if day is None:
        return
    if parsed.published is not None and parsed.published.astimezone(DEFAULT_ZONE).date() == day:
        return  # the lead's date is the path's, and may carry the time
    parsed.published = datetime(day.year, day.month, day.day, tzinfo=DEFAULT_ZONE)
    parsed.date_only, parsed.date_source = True, "url"
    parsed.sources["published"] = "url"


_MERGED_FIELDS = ("title", "published", "author", "outlet_name")


def hints_merge(container: PageHints, page: PageHints) -> PageHints:
    """Return one set of hints from a container's (a WARC record, a JSON line, a sidecar) and its HTML page's own.

    The container says where and when the page was fetched; the page's canonical URL, read against that address
    (html.read_html), names it. A field the container gives (a JSON line's ``title``) was chosen by whoever wrote
    the container and beats the page's metadata; the others come from the page. ``field_sources`` keeps which.
    """
    chosen = {name: getattr(container, name) or getattr(page, name) for name in _MERGED_FIELDS}
    field_sources = tuple(
        (name.removesuffix("_name"), container.source or "hints")
        for name in _MERGED_FIELDS if getattr(container, name)
    )
    return PageHints(
        url=page.url or container.url, fetched_at=container.fetched_at or page.fetched_at,
        source=page.source or "html", field_sources=field_sources, **chosen,
    )
