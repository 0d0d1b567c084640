"""Entity profiles: what the archive says about a person, a country or an outlet (or two people together), as the
entity pages and GET /api/orang|negara|media/<key> show it.

The numbers come from the search index in one pass (``search.profiles.entity_profile``), so they equal the search
API's for the same filters; this module only labels them, draws the timeline and finds the sentences naming the entity.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles import selectors
from articles.calendar import ARCHIVE_ZONE
from articles.models import Article, Country, Outlet, Person
from articles.search.highlight import Markup, mark_phrases, names_pattern
from articles.search.indexing import IndexUnavailableError
from articles.search.profiles import EntityProfile
from articles.search.registry import BY_NAME

from .labels import country_name, month_label, value_labels

logger = logging.getLogger(__name__)

# Up to 20 years by month (240 bars stay readable on a desktop and scroll on a phone); a longer span goes by year.
TIMELINE_MONTHS = 240
# A sentence of context is cut to this many characters around the name (a run-on sentence of a whole page is no
# context), and looked for in the first this many characters of a story (a stored page may be 600 KB).
CONTEXT_CHARS = 300
CONTEXT_SOURCE_CHARS = 20_000
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)", re.MULTILINE)
# The co-mention lists a page shows, in this order, by facet name (the API's keys below).
LISTS = ("people", "countries", "outlet")
API_KEYS = {"people": "people", "countries": "countries", "outlet": "outlets"}


@dataclass
class ProfileValue:
    value: str
    label: str
    count: int
    url: str  # the search of both together: the entity's page with this value chosen
    pair_url: str = ""  # a person beside a person: their pair page (joint timeline)


@dataclass
class TimelineBar:
    key: str  # "2017-11", or "2017" on a timeline by year
    label: str
    count: int
    url: str
    height: float  # percent of the tallest bar
    aria_label: str


@dataclass
class Mention:
    article: Article
    sentence: Markup


@dataclass
class Profile:
    """An entity's profile as its page and its JSON show it."""

    name: str
    aliases: list[str]
    url: str
    stats: EntityProfile
    bars: list[TimelineBar] = field(default_factory=list)
    by_year: bool = False
    lists: dict[str, list[ProfileValue]] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.stats.total

    @property
    def first(self) -> datetime | None:
        return self.stats.first.astimezone(ARCHIVE_ZONE) if self.stats.first else None

    @property
    def last(self) -> datetime | None:
        return self.stats.last.astimezone(ARCHIVE_ZONE) if self.stats.last else None

    def list_views(self) -> list[tuple[str, list[ProfileValue]]]:
        """Return the co-mention lists that have values, each with its heading."""
        headings = {"people": _("Disebut bersama orang"), "countries": _("Disebut bersama negara"),
                    "outlet": _("Media yang paling sering menyebut")}
        return [(headings[name], self.lists[name]) for name in LISTS if self.lists.get(name)]


def person_profile(person: Person, aliases: list[str]) -> Profile | None:
    """Return a person's profile (None while the index cannot be read: the page still shows the search's message)."""
    return _profile_or_none(required=[("people", person.slug)], name=person.name, aliases=aliases,
                            url=reverse("articles:person", args=[person.slug]), names=[person.name, *aliases],
                            person=person.slug)


def pair_profile(person: Person, partner: Person) -> Profile | None:
    """Return the profile of the articles naming both people (the pair page's)."""
    return _profile_or_none(required=[("people", person.slug), ("people", partner.slug)],
                            name=f"{person.name} · {partner.name}", aliases=[],
                            url=reverse("articles:person_pair", args=[person.slug, partner.slug]),
                            names=[person.name, partner.name], person=person.slug)


def country_profile(country: Country) -> Profile | None:
    aliases = [alias.name for alias in country.aliases.all()]
    return _profile_or_none(required=[("countries", country.code)], name=country_name(country), aliases=aliases,
                            url=reverse("articles:country", args=[country.code]),
                            names=[country.name_id, country.name_en, *aliases])


def outlet_profile(outlet: Outlet) -> Profile | None:
    return _profile_or_none(required=[("outlet", outlet.slug)], name=outlet.name, aliases=[],
                            url=reverse("articles:outlet", args=[outlet.slug]), names=[outlet.name, outlet.domain])


def _profile_or_none(**kwargs) -> Profile | None:
    try:
        return profile_build(**kwargs)
    except IndexUnavailableError as error:
        logger.error("Entity profile failed: %s", error)
        return None


def profile_build(*, required: list[tuple[str, str]], name: str, aliases: list[str], url: str,
                  names: list[str], person: str = "") -> Profile:
    """Return the profile of the articles having every (facet name, value) of ``required``, its links on ``url``.

    ``names`` are what the sentence of context is found by (the entity's name and aliases); ``person`` the slug whose
    saved contexts (``ArticlePerson.context``) come first. Raises ``IndexUnavailableError``."""
    stats = selectors.entity_profile_get(required)
    profile = Profile(name=name, aliases=aliases, url=url, stats=stats)
    profile.bars, profile.by_year = timeline_bars(stats, url)
    for facet in LISTS:
        counts = stats.counts.get(facet, [])
        labels = value_labels(facet, [count.value for count in counts])
        param = BY_NAME[facet].param
        profile.lists[facet] = [
            ProfileValue(value=count.value, label=labels.get(count.value, count.value), count=count.count,
                         url=f"{url}?{urlencode({param: count.value})}",
                         pair_url=(reverse("articles:person_pair", args=[person, count.value])
                                   if person and facet == "people" and required == [("people", person)] else ""))
            for count in counts
        ]
    profile.mentions = mentions(stats.newest, names=names, person=person)
    return profile


def timeline_months(stats: EntityProfile) -> list[tuple[str, int]]:
    """Return every month from the first to the last mention with its articles (0 for a month without), oldest
    first: the API's ``timeline``; its counts sum to the total less the undated articles."""
    counts = {count.value: count.count for count in stats.months}
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        months.append((key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def timeline_bars(stats: EntityProfile, url: str) -> tuple[list[TimelineBar], bool]:
    """Return the timeline's bars, each a link to its month (``?year=YYYY&month=YYYY-MM`` on ``url``), or by year when
    the span is over TIMELINE_MONTHS months; and whether it is by year."""
    months = timeline_months(stats)
    by_year = len(months) > TIMELINE_MONTHS
    if by_year:
        years: dict[str, int] = {}
        for key, count in months:
            years[key[:4]] = years.get(key[:4], 0) + count
        rows = [(key, key, count, f"{url}?year={key}") for key, count in years.items()]
    else:
        rows = [(key, month_label(key), count, f"{url}?year={key[:4]}&month={key}") for key, count in months]
    tallest = max([count for _key, _label, count, _url in rows] + [1])
    return [
        TimelineBar(key=key, label=label, count=count, url=link, height=round(100 * count / tallest, 1),
                    aria_label=ngettext("%(when)s: %(count)d berita", "%(when)s: %(count)d berita", count)
                    % {"when": label, "count": count})
        for key, label, count, link in rows
    ], by_year


def mentions(article_ids: list[int], *, names: list[str], person: str = "") -> list[Mention]:
    """Return the articles among ``article_ids`` (in their order) each with the sentence that names the entity, its
    names marked: the person's saved context, else the first sentence of the story holding one of ``names``, else its
    first sentence (an outlet's story seldom names the outlet)."""
    rows = selectors.article_rows(article_ids)
    saved = selectors.person_contexts(person, article_ids) if person else {}
    texts = selectors.article_bodies([pk for pk in article_ids if pk not in saved])
    found = []
    for pk in article_ids:
        if pk not in rows:
            continue
        sentence = saved.get(pk) or sentence_naming(texts.get(pk, ""), names)
        found.append(Mention(article=rows[pk], sentence=mark_phrases(_cut(sentence, names), names)))
    return found


def sentence_naming(text: str, names: list[str]) -> str:
    """Return the first sentence of ``text`` that names one of ``names`` as whole words (``highlight.names_pattern``:
    "AS" is not found in "atas"), else its first sentence.

    >>> sentence_naming("Hujan turun di atas kota. Menlu AS datang! Lalu pulang.", ["Amerika Serikat", "AS"])
    'Menlu AS datang!'
    """
    text = text[:CONTEXT_SOURCE_CHARS]
    pattern = names_pattern(names)
    first = ""
    for match in _SENTENCE.finditer(text):
        sentence = " ".join(match.group().split())
        if not sentence:
            continue
        first = first or sentence
        if pattern is not None and pattern.search(sentence):
            return sentence
    return first


def _cut(sentence: str, names: list[str]) -> str:
    """Return at most CONTEXT_CHARS characters of the sentence, around its first name."""
    sentence = " ".join(sentence.split())
    if len(sentence) <= CONTEXT_CHARS:
        return sentence
    pattern = names_pattern(names)
    found = pattern.search(sentence) if pattern is not None else None
    at = found.start() if found else 0
    start = max(0, min(at - CONTEXT_CHARS // 3, len(sentence) - CONTEXT_CHARS))
    return ("… " if start else "") + sentence[start:start + CONTEXT_CHARS].strip() + (
        " …" if start + CONTEXT_CHARS < len(sentence) else "")


def profile_json(profile: Profile, *, kind: str) -> dict:
    """Return GET /api/orang|negara|media/<key>'s answer (README, "Entity JSON API"); new keys may be added."""
    stats = profile.stats
    return {
        "kind": kind,
        "name": profile.name,
        "aliases": profile.aliases,
        "url": profile.url,
        "first": profile.first.isoformat() if profile.first else None,
        "last": profile.last.isoformat() if profile.last else None,
        "total": stats.total,
        "undated": stats.undated,
        "timeline": [{"month": key, "count": count} for key, count in timeline_months(stats)],
        **{API_KEYS[name]: [{"value": item.value, "label": item.label, "count": item.count}
                            for item in profile.lists.get(name, [])] for name in LISTS},
    }
