"""Reads from the archive, shaped for their callers."""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import DatabaseError
from django.db.models import F

from .ingest.countries import BLOCKED_PHRASES
from .ingest.gazetteer import countries_from_registry, people_from_fixture, rejected_from_fixture
from .models import Article, Country, CountryAlias, Person, PersonAlias, RejectedName

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


def article_list_newest(*, limit: int = 20):
    return Article.objects.select_related("outlet").order_by(F("published").desc(nulls_last=True), "-id")[:limit]
