"""Read the gazetteer fixtures (Django fixture JSON) as plain data, for tests and an archive not yet loaded."""

from __future__ import annotations

import json
from pathlib import Path

from .countries import country_names


def people_from_fixture(path: Path) -> dict[str, list[str]]:
    """Return {canonical name: aliases} from a people fixture of articles.person and articles.personalias."""
    if not path.exists():
        return {}
    records = json.loads(path.read_text(encoding="utf-8"))
    names_by_slug: dict[str, str] = {}
    people: dict[str, list[str]] = {}
    for record in records:
        if record["model"] == "articles.person":
            names_by_slug[record["fields"]["slug"]] = record["fields"]["name"]
            people.setdefault(record["fields"]["name"], [])
    for record in records:
        if record["model"] == "articles.personalias":
            people[names_by_slug[record["fields"]["person"][0]]].append(record["fields"]["name"])
    return people


def rejected_from_fixture(path: Path) -> list[str]:
    if not path.exists():
        return []
    return [record["fields"]["name"] for record in json.loads(path.read_text(encoding="utf-8"))]


def countries_from_registry() -> dict[str, list[str]]:
    """Return {alpha-2 code: names} from Babel, pycountry and the press aliases."""
    return {code: [entry["name_id"], entry["name_en"], *entry["aliases"]] for code, entry in country_names().items()}
