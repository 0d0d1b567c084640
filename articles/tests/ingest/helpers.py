"""Helpers the ingest tests share."""

from __future__ import annotations

from pathlib import Path

from articles.ingest import EntityExtractor
from articles.ingest.countries import BLOCKED_PHRASES
from articles.ingest.gazetteer import countries_from_registry, people_from_fixture, rejected_from_fixture


def extractor_from_fixtures(fixtures_dir: Path) -> EntityExtractor:
    """Return an EntityExtractor over the fixture files, as a freshly loaded archive would build it."""
    return EntityExtractor(
        people=people_from_fixture(fixtures_dir / "people.json"),
        countries=countries_from_registry(),
        rejected=rejected_from_fixture(fixtures_dir / "rejected_names.json"),
        blocked_country_phrases=BLOCKED_PHRASES,
    )
