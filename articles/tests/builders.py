"""Plain builders of archive rows with fixed, readable values (no random data)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from zoneinfo import ZoneInfo

from articles.models import Article, ArticleCountry, ArticlePerson, Country, LinkOrigin, Outlet, Person

WIB = ZoneInfo("Asia/Jakarta")


def make_outlet(slug: str = "tempo", name: str = "Tempo.co", domain: str = "tempo.co") -> Outlet:
    return Outlet.objects.get_or_create(slug=slug, defaults={"name": name, "domain": domain})[0]


def make_person(name: str, *, slug: str = "") -> Person:
    from django.utils.text import slugify

    return Person.objects.get_or_create(slug=slug or slugify(name), defaults={"name": name})[0]


def make_country(code: str, name_id: str, name_en: str = "") -> Country:
    return Country.objects.get_or_create(code=code, defaults={"name_id": name_id, "name_en": name_en or name_id})[0]


def make_article(
    title: str,
    *,
    body: str = "Isi berita.",
    outlet: Outlet | None = None,
    published: datetime | str | None = "2017-11-21 10:53",
    summary: str = "",
    people: tuple[Person, ...] = (),
    countries: tuple[Country, ...] = (),
    captions: tuple[str, ...] = (),
) -> Article:
    """Create an article (published given in WIB, or None: undated) with its people and countries linked as
    extracted."""
    if isinstance(published, str):
        published = datetime.strptime(published, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)
    article = Article.objects.create(
        outlet=outlet or make_outlet(), title=title, summary=summary, body=body, published=published,
        captions=list(captions), source_sha256=hashlib.sha256(f"{title}|{published}".encode()).hexdigest(),
        raw_text=f"{title}\n{body}",
    )
    ArticlePerson.objects.bulk_create(
        ArticlePerson(article=article, person=person, origin=LinkOrigin.EXTRACTED) for person in people)
    ArticleCountry.objects.bulk_create(
        ArticleCountry(article=article, country=country, origin=LinkOrigin.EXTRACTED) for country in countries)
    return article


class TickingClock:
    """A clock for ``budget.Work`` that moves one second each time it is read: a deadline passes after a known number
    of looks, without waiting."""

    def __init__(self):
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1
        return self.now
